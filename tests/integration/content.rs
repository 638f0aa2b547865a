//! The five real programmes in `content/`: each builds, and each site states its own facts in
//! its own language (from `../shared/seeds/`), quoted from its settings.

use std::path::Path;

use crate::common::texts;
use handbook::BuildOptions;
use scraper::Html;

struct Sites {
    out: tempfile::TempDir,
}

fn build() -> Sites {
    let out = tempfile::tempdir().unwrap();
    let mut options = BuildOptions::in_project(Path::new(env!("CARGO_MANIFEST_DIR")));
    options.out = out.path().to_owned();
    let report = handbook::build(&options);
    assert!(
        !report.problems.has_errors(),
        "{}",
        report.problems.render(Path::new(env!("CARGO_MANIFEST_DIR")), false)
    );
    let warnings: Vec<_> = report.problems.warnings().collect();
    assert!(warnings.is_empty(), "the example content has warnings: {warnings:#?}");
    Sites { out }
}

impl Sites {
    fn page(&self, programme: &str, page: &str) -> Html {
        let path = self.out.path().join(programme).join(page);
        Html::parse_document(
            &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        )
    }

    /// All the words of a whole site, pages joined.
    fn text(&self, programme: &str) -> String {
        let mut all = String::new();
        for entry in walkdir::WalkDir::new(self.out.path().join(programme)) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "html") && !entry.path().ends_with("print.html")
            {
                let html = Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
                all.push_str(&texts(&html, "main").join(" "));
                all.push('\n');
            }
        }
        all
    }
}

#[track_caller]
fn says(text: &str, phrase: &str) {
    assert!(text.contains(phrase), "the site never says {phrase:?}");
}

#[test]
fn the_five_programmes_state_their_own_facts() {
    let sites = build();

    let randers = sites.text("randers");
    says(&randers, "hver 2. måned");
    says(&randers, "1½ time");
    says(&randers, "niveau 3, 4 og 5");
    says(&randers, "pejlemærker");

    let aalborg = sites.text("aalborg");
    says(&aalborg, "onsdag den 25. maj 2011");
    says(&aalborg, "onsdag den 24. august 2011 kl. 14.00–16.00");
    says(&aalborg, "tværorganisatorisk");

    let corps = sites.text("diplomledelse");
    says(&corps, "2 timer");
    says(&corps, "hver eller hver anden måned");

    let school = sites.text("skole-og-dagtilbud");
    says(&school, "hver måned");
    says(&school, "1 time");
    says(&school, "aftaleholder");

    let swedish = sites.text("grundskoleforvaltningen");
    says(&swedish, "adept");
    says(&swedish, "rektor");
    says(&swedish, "2021");
    assert!(!swedish.contains("mentee"), "the Swedish site says mentee, not adept");
}

#[test]
fn every_site_is_in_its_language_with_its_organisation_in_the_header() {
    let sites = build();
    for (id, lang, org) in [
        ("randers", "da", "Randers Kommune"),
        ("aalborg", "da", "Aalborg Kommune"),
        ("diplomledelse", "da", "Center for Diplomledelse"),
        ("skole-og-dagtilbud", "da", "Skole- og dagtilbudsafdelingen"),
        ("grundskoleforvaltningen", "sv", "Grundskoleförvaltningen"),
    ] {
        let index = sites.page(id, "index.html");
        assert_eq!(crate::common::attrs(&index, "html", "lang"), [lang], "{id}");
        assert!(texts(&index, ".site-header").join(" ").contains(org), "{id}: no {org} in the header");
        // The tools and worksheets the issue names are there.
        assert!(!crate::common::attrs(&index, ".site-nav a", "href").is_empty());
    }
}

#[test]
fn every_page_with_the_navigation_marks_its_own_link_there_as_the_current_page() {
    let sites = build();
    for id in ["randers", "aalborg", "diplomledelse", "skole-og-dagtilbud", "grundskoleforvaltningen"] {
        let site = sites.out.path().join(id);
        for entry in walkdir::WalkDir::new(&site) {
            let path = entry.unwrap().into_path();
            if path.extension().is_none_or(|e| e != "html") || path.ends_with("print.html") {
                continue;
            }
            let html = Html::parse_document(&std::fs::read_to_string(&path).unwrap());
            if texts(&html, ".site-nav").is_empty() {
                continue;
            }
            let rel = path.strip_prefix(&site).unwrap().to_string_lossy().into_owned();
            let up = "../".repeat(rel.matches('/').count());
            let current = crate::common::attrs(&html, ".site-nav a[aria-current=page]", "href");
            assert_eq!(current, [format!("{up}{rel}")], "{id}/{rel}");
        }
    }
}

#[test]
fn the_logbook_shows_each_meeting_as_a_card_with_its_column_names() {
    // Six columns side by side are unreadable on a phone: each row is a card, every field under
    // its column's name (the names come from the table's header).
    let sites = build();
    for (programme, page) in
        [("randers", "vaerktoejer/logbog.html"), ("grundskoleforvaltningen", "verktyg/loggbok.html")]
    {
        let html = sites.page(programme, page);
        let headers = texts(&html, ".ws-cards thead th");
        let select = scraper::Selector::parse(".ws-cards tbody tr:first-child td[data-label]").unwrap();
        let labels: Vec<&str> = html.select(&select).filter_map(|td| td.value().attr("data-label")).collect();
        assert!(labels.len() >= 4, "{programme}: {labels:?}");
        assert_eq!(labels, headers[..labels.len()], "{programme}");
    }
}

#[track_caller]
fn never(text: &str, phrase: &str, site: &str) {
    assert!(
        !text.to_lowercase().contains(&phrase.to_lowercase()),
        "{site} says {phrase:?}, which its seed does not"
    );
}

/// Whether the page has a worksheet with this id.
fn has_worksheet(html: &Html, id: &str) -> bool {
    html.select(&scraper::Selector::parse(&format!("form[data-worksheet={id}]")).unwrap()).next().is_some()
}

#[test]
fn the_five_programmes_follow_their_seeds_process_and_invent_no_fact() {
    // Protects (issue 12): the contradictions found by reading the seeds against the sites.
    let sites = build();
    // Randers (seed 002): mentors are appointed, and the mentee makes the first contact.
    let randers = sites.text("randers");
    says(&randers, "udpeget");
    never(&randers, "mentoren tager initiativ", "randers");
    never(&randers, "mentoren kontakter dig", "randers");
    assert!(!has_worksheet(&sites.page("randers", "saadan-bliver-du-mentor.html"), "application-mentor"));
    // Center for Diplomledelse (seed 001): the mentee plans the meetings and owns the agenda.
    let corps = sites.text("diplomledelse");
    never(&corps, "mentoren tager initiativ", "diplomledelse");
    says(&corps, "planlægger møderne");
    // Skole og dagtilbud (seed 000): the chef or aftaleholder, not HR; a mentor is no coach.
    let school = sites.text("skole-og-dagtilbud");
    never(&school, "HR finder", "skole-og-dagtilbud");
    never(&school, "send det til HR", "skole-og-dagtilbud");
    never(&school, "kontakt HR", "skole-og-dagtilbud");
    let roles = sites.page("skole-og-dagtilbud", "mentorens-roller.html");
    assert!(
        !texts(&roles, ".roles-text tbody th").iter().any(|r| r.contains("Coach")),
        "skole-og-dagtilbud has a coach role"
    );
    // Aalborg (seed 003) and Grundskoleförvaltningen (seed 004) give no cadence, length or duration.
    let aalborg = sites.text("aalborg");
    for phrase in ["hver måned", "hver 2. måned", "1½ time", "12 måneder", "1 år"] {
        never(&aalborg, phrase, "aalborg");
    }
    let swedish = sites.text("grundskoleforvaltningen");
    for phrase in ["varje månad", "varannan månad", "1,5 timmar", "6 månader", "12 månader"] {
        never(&swedish, phrase, "grundskoleforvaltningen");
    }
    says(&swedish, "halvdagsutbildning i coachande förhållningssätt");
    // Only Randers' seed lets either partner stop at any time (and HR is told); the others say
    // nothing about ending early, so their sites do not either.
    says(&randers, "Begge parter kan til enhver tid stoppe forløbet");
    says(&randers, "giv HR besked");
    never(&randers, "HR svarer på spørgsmål", "randers");
    for (text, id) in [(&aalborg, "aalborg"), (&corps, "diplomledelse"), (&school, "skole-og-dagtilbud")] {
        never(text, "før tid", id);
        never(text, "stoppe forløbet", id);
        // Seed 000 alone names knowing the organisation, and no seed asks for years of experience.
        never(text, "flere års erfaring", id);
    }
    never(&swedish, "förtid", "grundskoleforvaltningen");
    never(&swedish, "flera års erfarenhet", "grundskoleforvaltningen");
    // Seed 004: the mentor coaches the adept.
    never(&swedish, "varken coach", "grundskoleforvaltningen");
    // Seed 001: a mentee gets the list through HR and is "tildelt" a mentor, not said to choose.
    never(&corps, "vælger selv sin mentor", "diplomledelse");
    never(&corps, "du vælger selv fra en liste", "diplomledelse");
    // Seed 000: questions, support and the evaluation meeting go to the S/D-chef or aftaleholder.
    says(&school, "menteens S/D-chef eller aftaleholder");
    // No placeholder or example address anywhere, footers included.
    for id in ["randers", "aalborg", "diplomledelse", "skole-og-dagtilbud", "grundskoleforvaltningen"] {
        for entry in walkdir::WalkDir::new(sites.out.path().join(id)) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "html") {
                let html = std::fs::read_to_string(entry.path()).unwrap();
                assert!(
                    !html.contains("example.dk") && !html.contains("example.se"),
                    "{}",
                    entry.path().display()
                );
            }
        }
    }
}

#[test]
fn a_grid_fields_place_is_spelled_out_as_one_phrase() {
    // Protects: on phones and for screen readers a grid cell is named by its row and column,
    // read as one phrase ("Vigtigt, haster ikke"), not as two capitalised labels.
    let sites = build();
    for (id, page, expected) in [
        ("randers", "vaerktoejer/prioriteringsmatrix.html", "Vigtigt, haster ikke."),
        ("grundskoleforvaltningen", "verktyg/prioriteringsmatris.html", "Inte viktigt, brådskande."),
    ] {
        let places = texts(&sites.page(id, page), ".ws-position");
        assert_eq!(places.len(), 4, "{id}: {places:?}");
        assert!(places.iter().any(|p| p == expected), "{id}: {places:?}");
    }
}

#[test]
fn the_meeting_preparation_worksheet_asks_the_same_in_both_languages() {
    // Protects (issue 16): seed 001's "sige, høre og opnå" and its opening questions as a form,
    // with the same field ids in Danish and Swedish so answers and exports match.
    let sites = build();
    for (id, page) in [
        ("randers", "vaerktoejer/forberedelse.html"),
        ("grundskoleforvaltningen", "verktyg/forberedelse.html"),
    ] {
        let html = sites.page(id, page);
        assert!(has_worksheet(&html, "meeting-preparation"), "{id}");
        let names = crate::common::attrs(&html, "form[data-worksheet=meeting-preparation] [name]", "name");
        assert_eq!(names, ["say", "hear", "achieve", "act-now", "future", "focus", "take-away"], "{id}");
        for label in texts(&html, "form[data-worksheet=meeting-preparation] label") {
            assert!(!label.is_empty(), "{id}: an unlabelled field");
        }
    }
}
