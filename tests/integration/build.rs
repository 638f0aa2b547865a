//! Building whole projects and looking at the produced HTML.

use crate::common::{Project, attrs, programme_yaml, texts};

#[test]
fn settings_are_quoted_in_the_page_language() {
    // Protects: every sentence that quotes a setting speaks the site's language.
    let built = Project::minimal().build(&[]);
    built.assert_ok();
    let da = built.html("da-prog", "index.html");
    assert_eq!(
        texts(&da, "main p:not(.page-updated)")[0],
        "Velkommen til Mentorordningen. Parrene mødes hver 2. måned i 1½ time."
    );
    let sv = built.html("sv-prog", "index.html");
    assert_eq!(
        texts(&sv, "main p:not(.page-updated)")[0],
        "Välkommen till Mentorordningen. Ni träffas varannan månad i 1,5 timmar."
    );
    assert_eq!(attrs(&da, "html", "lang"), ["da"]);
    assert_eq!(attrs(&sv, "html", "lang"), ["sv"]);
}

#[test]
fn changing_a_setting_changes_every_sentence_that_quotes_it() {
    // Protects: pages never hard-code facts; a rebuild after a settings change rewords them.
    let project = Project::minimal();
    let built = project.build(&["da-prog"]);
    built.assert_ok();
    assert!(
        texts(&built.html("da-prog", "forloeb.html"), "main p:not(.page-updated)")[0]
            .contains("hver 2. måned")
    );
    let built = built
        .project()
        .file("content/da-prog/programme.yaml", &programme_yaml("da", "").replace("2 months", "6 weeks"))
        .build(&["da-prog"]);
    built.assert_ok();
    assert_eq!(
        texts(&built.html("da-prog", "forloeb.html"), "main p:not(.page-updated)")[0],
        "I mødes hver 6. uge."
    );
    assert!(
        texts(&built.html("da-prog", "index.html"), "main p:not(.page-updated)")[0]
            .contains("hver 6. uge i 1½ time")
    );
}

#[test]
fn a_programme_page_overrides_the_base_page_with_the_same_path() {
    let built = Project::minimal()
        .file(
            "content/da-prog/forloeb.md",
            "---\ntitle: Vores forløb\nweight: 10\n---\n\nKun hos os.\n\n## Første møde\n",
        )
        .build(&["da-prog"]);
    built.assert_ok();
    let page = built.html("da-prog", "forloeb.html");
    assert_eq!(texts(&page, "main h1"), ["Vores forløb"]);
    assert_eq!(texts(&page, "main article p:not(.page-updated)"), ["Kun hos os."]);
    // Base pages keep linking to the heading, now on the programme's page.
    assert_eq!(
        attrs(&built.html("da-prog", "vaerktoejer/swot.html"), "main p a", "href"),
        ["../forloeb.html#forste-mode"]
    );
}

#[test]
fn programmes_can_add_and_drop_pages_and_navigation_follows_weight() {
    let built = Project::minimal()
        .file("content/da-prog/historie.md", "---\ntitle: Historie\nweight: 5\n---\n\nSådan begyndte det.\n")
        .file(
            "content/da-prog/programme.yaml",
            &programme_yaml("da", "pages:\n  drop: [vaerktoejer/swot.md]\n"),
        )
        .build(&["da-prog"]);
    built.assert_ok();
    let index = built.html("da-prog", "index.html");
    assert_eq!(
        texts(&index, ".site-nav .nav-list > li > a"),
        ["Forside", "Historie", "Forløbet", "Værktøjer"]
    );
    assert!(!built.site("da-prog").join("vaerktoejer/swot.html").exists());
    // The tools page linked to the dropped page: the words stay, the link goes, HR is told.
    assert_eq!(
        texts(&built.html("da-prog", "vaerktoejer/index.html"), "main article p:not(.page-updated)"),
        ["Se SWOT."]
    );
    assert!(
        built
            .messages()
            .contains("warning: the link `swot.md` points to a page or section this programme drops")
    );
    // The base itself still has the page for other programmes.
    let hist = built.html("da-prog", "historie.html");
    assert_eq!(attrs(&hist, ".pager-prev", "href"), ["index.html"]);
    assert_eq!(attrs(&hist, ".pager-next", "href"), ["forloeb.html"]);
}

#[test]
fn a_page_template_that_marks_the_current_page_itself_still_marks_it_once() {
    // Themes made before `page_nav_html` mark the link in `nav_html` as the default theme did.
    let own = "{% extends \"base.html\" %}{% block nav %}{%- set here = 'href=\"' ~ (root ~ page.url) | escape ~ '\"' %}{{ nav_html | replace(from=here, to=(here ~ ' aria-current=\"page\"') | safe) }}{% endblock nav %}";
    let built = Project::minimal().file("content/da-prog/theme/templates/page.html", own).build(&["da-prog"]);
    built.assert_ok();
    for (page, link) in
        [("forloeb.html", "forloeb.html"), ("vaerktoejer/swot.html", "../vaerktoejer/swot.html")]
    {
        let html = built.html("da-prog", page);
        assert_eq!(attrs(&html, ".site-nav a[aria-current=page]", "href"), [link], "{page}");
        let source = std::fs::read_to_string(built.site("da-prog").join(page)).unwrap();
        assert_eq!(source.matches("aria-current").count(), 1, "{page}");
    }
}

#[test]
fn section_pages_are_nested_in_the_navigation_of_their_section() {
    let built = Project::minimal().build(&["da-prog"]);
    built.assert_ok();
    let swot = built.html("da-prog", "vaerktoejer/swot.html");
    assert_eq!(texts(&swot, ".site-nav li.open > ul a"), ["SWOT"]);
    assert_eq!(attrs(&swot, ".site-nav a[aria-current=page]", "href"), ["../vaerktoejer/swot.html"]);
    // On the front page the section is closed: only its index shows.
    let index = built.html("da-prog", "index.html");
    assert!(texts(&index, ".site-nav a").iter().all(|t| t != "SWOT"));
}

#[test]
fn every_link_in_every_page_is_relative_and_resolves() {
    // Protects: the site works under any sub-path and opened from a file share.
    let built = Project::minimal().build(&[]);
    built.assert_ok();
    for programme in ["da-prog", "sv-prog"] {
        let site = built.site(programme);
        for entry in walkdir::WalkDir::new(&site) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "html") {
                continue;
            }
            let html = scraper::Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
            let dir = entry.path().parent().unwrap();
            for (sel, attr) in
                [("a[href]", "href"), ("link[href]", "href"), ("script[src]", "src"), ("img[src]", "src")]
            {
                for target in attrs(&html, sel, attr) {
                    if target.starts_with("mailto:")
                        || target.starts_with("tel:")
                        || target.starts_with('#')
                        || target.starts_with("data:")
                    {
                        continue;
                    }
                    // A link out (the WAS-Tool statement) is not a request; stylesheets, scripts
                    // and images must all come from the site itself.
                    if sel == "a[href]" && target.starts_with("https://") {
                        continue;
                    }
                    assert!(
                        !target.starts_with('/') && !target.contains("://"),
                        "{}: `{target}` is not relative",
                        entry.path().display()
                    );
                    let file = target.split('#').next().unwrap();
                    assert!(
                        dir.join(file).exists(),
                        "{}: `{target}` does not resolve",
                        entry.path().display()
                    );
                }
            }
        }
    }
}

#[test]
fn worksheets_are_labelled_forms_and_the_diagram_is_accessible_svg() {
    let built = Project::minimal()
        .file("content/_base/da/roller.md", "---\ntitle: Roller\nweight: 15\n---\n\n{{ roles_diagram() }}\n")
        .build(&["da-prog"]);
    built.assert_ok();
    let swot = built.html("da-prog", "vaerktoejer/swot.html");
    assert_eq!(attrs(&swot, "form.worksheet", "data-worksheet"), ["swot"]);
    assert_eq!(attrs(&swot, "form.worksheet", "data-programme"), ["da-prog"]);
    assert_eq!(texts(&swot, "form fieldset legend"), ["Din SWOT"]);
    // Every field has a label pointing at it.
    let ids = attrs(&swot, "form textarea", "id");
    assert_eq!(ids.len(), 4);
    for id in &ids {
        assert_eq!(attrs(&swot, &format!("label[for={id}]"), "for").len(), 1, "no label for {id}");
    }
    let roles = built.html("da-prog", "roller.html");
    assert_eq!(attrs(&roles, "svg[role=img]", "aria-labelledby").len(), 2);
    assert_eq!(texts(&roles, "svg title")[0], "Mentors fire roller");
    assert_eq!(texts(&roles, ".roles-text tbody th"), ["Netværker", "Coach", "Rådgiver", "Sparringspartner"]);
}

#[test]
fn code_is_highlighted_at_build_time_and_never_expanded() {
    let built = Project::minimal()
        .file("content/da-prog/kode.md", "---\ntitle: Kode\n---\n\n```yaml\nmeetings:\n  every: \"{{ meetings.every }}\"\n```\n\nOg `{{ duration }}` inline.\n")
        .build(&["da-prog"]);
    built.assert_ok();
    let page = built.html("da-prog", "kode.html");
    let code = texts(&page, "pre code");
    assert_eq!(code, ["meetings: every: \"{{ meetings.every }}\""]);
    assert!(!attrs(&page, "pre code span", "class").is_empty(), "no highlighting classes");
    assert_eq!(texts(&page, "p code"), ["{{ duration }}"]);
    // The page with code loads the highlighting stylesheet, which the site publishes; a page
    // without code does not load it.
    assert_eq!(attrs(&page, "link[href$='highlight.css']", "href"), ["static/highlight.css"]);
    assert!(built.site("da-prog").join("static/highlight.css").is_file());
    assert!(attrs(&built.html("da-prog", "index.html"), "link[href$='highlight.css']", "href").is_empty());
}

#[test]
fn a_site_without_code_publishes_no_highlighting_stylesheet() {
    let built = Project::minimal().build(&["da-prog"]);
    built.assert_ok();
    assert!(built.site("da-prog").join("static/style.css").is_file());
    assert!(!built.site("da-prog").join("static/highlight.css").exists());
}

#[test]
fn key_dates_are_listed_with_calendar_files() {
    let extra = "dates:\n  signup_deadline: 2011-05-25\n  kickoff: { date: 2011-08-24, time: \"14:00-16:00\", place: Rådhuset }\ncontacts:\n  - { name: Jette Hansen, title: HR-konsulent, email: jh@testby.dk, phone: \"99 31 18 81\" }\n";
    let built = Project::minimal()
        .file("content/da-prog/programme.yaml", &programme_yaml("da", extra))
        .build(&["da-prog"]);
    built.assert_ok();
    let index = built.html("da-prog", "index.html");
    assert_eq!(
        texts(&index, ".key-dates li"),
        [
            "Tilmeldingsfrist: onsdag den 25. maj 2011 Føj til kalender",
            "Fælles opstartsmøde: onsdag den 24. august 2011 kl. 14.00–16.00, Rådhuset Føj til kalender"
        ]
    );
    let ics = std::fs::read_to_string(built.site("da-prog").join("calendar/kickoff.ics")).unwrap();
    assert!(ics.contains("DTSTART:20110824T140000\r\n"));
    crate::common::check_rfc5545(&ics).unwrap();
    crate::common::check_rfc5545(
        &std::fs::read_to_string(built.site("da-prog").join("calendar/signup_deadline.ics")).unwrap(),
    )
    .unwrap();
    assert!(
        crate::common::check_rfc5545(&ics.replace("\r\n", "\n")).is_err(),
        "the checker must catch bare LF"
    );
    assert!(texts(&index, ".site-footer").join(" ").contains("Jette Hansen"));
}

#[test]
fn swedish_sites_carry_their_accessibility_statement_and_danish_ones_link_to_was_tool() {
    let built = Project::minimal().build(&[]);
    built.assert_ok();
    // Sweden: the statement is a page of the site, linked from every page's footer.
    let sv = built.html("sv-prog", "index.html");
    assert_eq!(attrs(&sv, ".footer-links a", "href")[1], "tillganglighetsredogorelse.html");
    let statement = built.html("sv-prog", "tillganglighetsredogorelse.html");
    assert_eq!(texts(&statement, "main h1"), ["Tillgänglighetsredogörelse"]);
    let headings = texts(&statement, "main h2");
    for wanted in [
        "Hur tillgänglig är webbplatsen?",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat webbplatsen",
        "Rapportera brister och få innehåll i annat format",
        "Tillsyn",
    ] {
        assert!(headings.iter().any(|h| h == wanted), "missing section {wanted}: {headings:?}");
    }
    let body = texts(&statement, "main").join(" ");
    assert!(body.contains("Testby Kommune står bakom Mentorordningen"));
    assert!(body.contains("delvis förenlig"));
    assert!(body.contains("granskades den 1 november 2026"));
    assert!(attrs(&statement, "main a", "href").contains(&"https://www.digg.se/tdosanmalan".to_owned()));
    assert!(attrs(&statement, "main a", "href").contains(&"mailto:hr@testby.dk".to_owned()));
    // Denmark: the footer link is named "Tilgængelighedserklæring" and goes to WAS-Tool; the facts
    // page for HR exists too.
    let da = built.html("da-prog", "vaerktoejer/swot.html");
    assert_eq!(texts(&da, ".footer-links a")[1], "Tilgængelighedserklæring");
    assert_eq!(attrs(&da, ".footer-links a", "href")[1], "https://www.was.digst.dk/testby");
    let facts = built.html("da-prog", "tilgaengelighedserklaering.html");
    assert!(texts(&facts, "main").join(" ").contains("Webstedet blev vurderet den 1. november 2026."));
}

#[test]
fn a_programme_can_inherit_no_base_pages() {
    // Protects: the authoring guide is built by handbook like any programme, without the handbook.
    let built = Project::minimal()
        .file("content/guide/programme.yaml", &programme_yaml("da", "pages:\n  inherit: false\n"))
        .file("content/guide/index.md", "---\ntitle: Vejledning\n---\n\nSådan laver du en variant.\n")
        .build(&["guide"]);
    built.assert_ok();
    assert_eq!(texts(&built.html("guide", "index.html"), ".site-nav a"), ["Vejledning"]);
    assert!(!built.site("guide").join("forloeb.html").exists());
}

#[test]
fn a_programme_brings_its_logo_colour_and_one_template_of_its_own() {
    let built = Project::minimal()
        .file(
            "content/da-prog/programme.yaml",
            &programme_yaml("da", "branding:\n  logo: assets/logo.svg\n  accent: \"#123456\"\n"),
        )
        .file("content/da-prog/assets/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .file(
            "content/da-prog/theme/templates/page.html",
            "{% extends \"base.html\" %}{% block content %}<p class=\"own\">{{ page.title }}</p>{% endblock content %}",
        )
        .file("content/da-prog/theme/templates/side.html", "misspelt")
        .build(&["da-prog", "sv-prog"]);
    built.assert_ok();
    let page = built.html("da-prog", "forloeb.html");
    assert_eq!(texts(&page, "p.own"), ["Forløbet"]);
    assert_eq!(attrs(&page, "img.logo", "src"), ["assets/logo.svg"]);
    assert!(built.site("da-prog").join("assets/logo.svg").is_file());
    let css = std::fs::read_to_string(built.site("da-prog").join("static/programme.css")).unwrap();
    assert!(css.starts_with(":root { --accent: #123456; }\n"), "{css}");
    // In the dark scheme the accent, as text, is made light enough to read.
    assert!(
        css.contains("@media screen and (prefers-color-scheme: dark) { :root { --accent-text: #"),
        "{css}"
    );
    // The other programme keeps the theme as it is.
    assert!(texts(&built.html("sv-prog", "index.html"), "p.own").is_empty());
    assert!(
        built.messages().contains("warning: this overrides nothing: the theme has no template `side.html`")
    );
}

#[test]
fn theme_scripts_are_published_minified_and_a_broken_one_as_written_with_a_warning() {
    let broken = "// Our own counter.\nfunction count() {\n  let n = ;\n}\n";
    let good = "// Greets.\nfunction greetReader(readerName) {\n  return 'Hej ' + readerName;\n}\n";
    let built = Project::minimal()
        .file("content/da-prog/theme/static/broken.js", broken)
        .file("content/da-prog/theme/static/greet.js", good)
        .build(&["da-prog"]);
    built.assert_ok();
    let read = |f: &str| std::fs::read_to_string(built.site("da-prog").join("static").join(f)).unwrap();
    assert_eq!(read("broken.js"), broken);
    let greet = read("greet.js");
    assert!(
        greet.contains("function greetReader(") && !greet.contains("readerName") && !greet.contains("//")
    );
    let messages = built.messages();
    assert!(
        messages.contains("content/da-prog/theme/static/broken.js:3:")
            && messages.contains("published as written, not minified"),
        "{messages}"
    );
}

#[test]
fn a_warning_of_the_shared_theme_is_reported_once_for_all_programmes() {
    // Protects: the default theme is loaded beside the content folder, before any programme
    // asks for it; its warnings still reach the report, once.
    let built = Project::minimal()
        .file("themes/default/static/broken.js", "function count() {\n  let n = ;\n}\n")
        .build(&[]);
    built.assert_ok();
    let messages = built.messages();
    assert_eq!(messages.matches("themes/default/static/broken.js:2:").count(), 1, "{messages}");
}

#[test]
fn callouts_are_labelled_notes_in_the_page_s_language() {
    // Protects (issue 17): GitHub's alert syntax becomes a note a screen reader announces.
    let page = "---\ntitle: Noter\n---\n\n> [!NOTE]\n> Læs dette.\n\n> [!TIP]\n> Et tip.\n\n> [!IMPORTANT]\n> Vigtigt her.\n\n> [!WARNING]\n> Pas godt på.\n\n> [!CAUTION]\n> Stop op.\n\n> En almindelig citatblok.\n";
    let built = Project::minimal()
        .file("content/_base/da/noter.md", page)
        .file("content/_base/sv/noter.md", page)
        .build(&[]);
    built.assert_ok();
    for (id, labels) in [
        ("da-prog", ["Bemærk", "Tip", "Vigtigt", "Advarsel", "Pas på"]),
        ("sv-prog", ["Obs", "Tips", "Viktigt", "Varning", "Se upp"]),
    ] {
        let html = built.html(id, "noter.html");
        assert_eq!(texts(&html, "main .callout[role=note] > .callout-label"), labels, "{id}");
        let labelled = attrs(&html, "main .callout", "aria-labelledby");
        let ids = attrs(&html, "main .callout-label", "id");
        assert_eq!(labelled, ids);
        assert_eq!(attrs(&html, "main .callout", "class")[3], "callout callout-warning");
        assert_eq!(texts(&html, "main blockquote"), ["En almindelig citatblok."]);
    }
    // In the print view the notes' ids stay unique.
    let print = built.html("da-prog", "print.html");
    assert_eq!(attrs(&print, ".callout-label", "id")[0], "side-noter--callout");
    let err = Project::minimal()
        .file("content/da-prog/ny.md", "---\ntitle: Ny\n---\n\n> [!TIPS]\n> x\n")
        .build(&["da-prog"]);
    err.assert_error("error: unknown callout kind `TIPS`\n  --> content/da-prog/ny.md:5:1");
    err.assert_error(
        "= help: the kinds are `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` and `[!CAUTION]`",
    );
}

#[test]
fn every_page_says_when_it_was_last_revised() {
    // Protects (issue 17): the date in words; `updated:` overrides the file's own date.
    let built = Project::minimal()
        .file("content/da-prog/ny.md", "---\ntitle: Ny\nupdated: 2026-11-02\n---\n\nTekst.\n")
        .file("content/sv-prog/ny.md", "---\ntitle: Ny\nupdated: 2026-11-02\n---\n\nText.\n")
        .build(&[]);
    built.assert_ok();
    assert_eq!(
        texts(&built.html("da-prog", "ny.html"), "main .page-updated"),
        ["Senest opdateret 2. november 2026"]
    );
    assert_eq!(
        texts(&built.html("sv-prog", "ny.html"), "main .page-updated"),
        ["Senast uppdaterad 2 november 2026"]
    );
    // Without `updated:`, outside git, the file's date on disk (today, for a file just written).
    let today = jiff::Zoned::now().date();
    let expected = format!("Senest opdateret {}. ", today.day());
    assert!(texts(&built.html("da-prog", "forloeb.html"), "main .page-updated")[0].starts_with(&expected));
    assert!(
        texts(&built.html("da-prog", "print.html"), ".page-updated")
            .contains(&"Senest opdateret 2. november 2026".to_owned())
    );
    // An unchanged tree builds the same bytes again.
    let first = std::fs::read(built.site("da-prog").join("ny.html")).unwrap();
    let built = built.project().build(&[]);
    assert_eq!(std::fs::read(built.site("da-prog").join("ny.html")).unwrap(), first);
}

#[test]
fn a_page_in_a_git_repository_says_the_day_of_its_last_commit() {
    // Protects (issue 17): the date comes from `git log`, which runs while the files are read.
    let p = Project::minimal().file("content/da-prog/ny.md", "---\ntitle: Ny\n---\n\nTekst.\n");
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .current_dir(p.path())
            .args(["-c", "user.name=HR", "-c", "user.email=hr@example.dk"])
            .args(args)
            .env("GIT_AUTHOR_DATE", "2025-03-04T12:00:00+01:00")
            .env("GIT_COMMITTER_DATE", "2025-03-04T12:00:00+01:00")
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "Ny side"]);
    let built = p.build(&["da-prog"]);
    built.assert_ok();
    assert_eq!(
        texts(&built.html("da-prog", "ny.html"), "main .page-updated"),
        ["Senest opdateret 4. marts 2025"]
    );
}

#[test]
fn headings_offer_a_link_to_themselves_and_tables_scroll_in_a_named_region() {
    // Protects (issues 17 and 18).
    let page =
        "---\ntitle: Ny\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Stop før tid\n\n| c |\n|---|\n| 3 |\n";
    let built = Project::minimal().file("content/da-prog/ny.md", page).build(&["da-prog"]);
    built.assert_ok();
    let html = built.html("da-prog", "ny.html");
    assert_eq!(attrs(&html, "main .heading-anchor > h2", "id"), ["stop-for-tid"]);
    assert_eq!(attrs(&html, "main .heading-anchor > a.heading-link", "href"), ["#stop-for-tid"]);
    assert_eq!(texts(&html, "main .heading-link .visually-hidden"), ["Link til afsnittet: Stop før tid"]);
    // The heading's own name is its text alone.
    assert_eq!(texts(&html, "main h2"), ["Stop før tid"]);
    let regions = attrs(&html, "main .table-scroll[role=region][tabindex='0']", "class");
    assert_eq!(regions.len(), 2);
    assert_eq!(attrs(&html, "main .table-scroll", "aria-label"), ["Ny"]);
    assert_eq!(attrs(&html, "main .table-scroll", "aria-labelledby"), ["stop-for-tid"]);
    let print = built.html("da-prog", "print.html");
    assert!(attrs(&print, ".heading-link", "href").contains(&"#side-ny--stop-for-tid".to_owned()));
}

#[test]
fn a_page_of_a_folder_of_hundreds_of_pages_has_a_navigation_of_bounded_size() {
    // Protects (issue 19): a folder without an index.md gave each of its N pages a navigation of
    // N links (321 KB pages in a folder of 4,000). Now the navigation shows the pages near the
    // current one, and a generated index page of the folder lists them all.
    let pages = 300;
    let mut project = Project::minimal();
    for i in 0..pages {
        project = project.file(
            &format!("content/da-prog/mange/side-{i:03}.md"),
            &format!("---\ntitle: Side {i}\nweight: {}\n---\n\nTekst nummer {i}.\n", 100 + i),
        );
    }
    for i in 0..60 {
        project = project.file(
            &format!("content/sv-prog/manga/sida-{i:02}.md"),
            &format!("---\ntitle: Sida {i}\nweight: {}\n---\n\nText nummer {i}.\n", 100 + i),
        );
    }
    for i in 0..3 {
        project = project
            .file(&format!("content/sv-prog/fa/sida-{i}.md"), &format!("---\ntitle: Få {i}\n---\n\nText.\n"));
    }
    let built = project.build(&[]);
    built.assert_ok();
    for i in 0..pages {
        let page = built.html("da-prog", &format!("mange/side-{i:03}.html"));
        let links = texts(&page, ".site-nav a");
        // The top level (front page, Forløbet, Værktøjer, the folder) and at most 25 pages.
        assert!(links.len() <= 4 + 25, "side-{i:03} has {} links in its navigation", links.len());
        let current = attrs(&page, ".site-nav a[aria-current=page]", "href");
        assert_eq!(current, [format!("../mange/side-{i:03}.html")]);
        let open = attrs(&page, ".site-nav li.open > a", "href");
        assert_eq!(open, ["../mange/index.html"], "the folder's index leads from every page of it");
    }
    // The generated index: a page with a heading in the site's language, listing every page.
    let index = built.html("da-prog", "mange/index.html");
    assert_eq!(texts(&index, "main h1"), ["Alle sider i mange"]);
    assert_eq!(texts(&index, "main .page-list a").len(), pages);
    assert_eq!(attrs(&index, "main .page-list a", "href")[7], "../mange/side-007.html");
    assert_eq!(attrs(&index, ".pager-next", "href"), ["../mange/side-000.html"]);
    let sv = built.html("sv-prog", "manga/index.html");
    assert_eq!(texts(&sv, "main h1"), ["Alla sidor i manga"]);
    assert_eq!(texts(&sv, "main .page-list a").len(), 60);
    // A folder the navigation lists in full needs no generated index.
    assert!(built.site("sv-prog").join("fa/sida-0.html").exists());
    assert!(!built.site("sv-prog").join("fa/index.html").exists());
    assert_eq!(texts(&built.html("da-prog", "forloeb.html"), ".site-nav a").len(), 4);
}
