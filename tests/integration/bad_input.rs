//! The corpus of bad input: each case is a small change to a good project and the exact report
//! it must produce. Every case must fail with a non-zero exit, name the file (and line and
//! column where the problem has one), never panic, and leave the last good site untouched.
//! A few inputs look odd but must work (CRLF line ends, a byte-order mark): they are at the end.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{Project, programme_yaml};

const PROG: &str = "content/da-prog/programme.yaml";

/// Every file of a site with its bytes, to prove a failed build changed nothing.
fn snapshot(site: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (e.path().strip_prefix(site).unwrap().display().to_string(), std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Builds the good project, applies `change`, builds again and returns the report.
fn fails(change: impl FnOnce(Project) -> Project) -> String {
    let built = Project::minimal().build(&["da-prog"]);
    built.assert_ok();
    let before = snapshot(&built.site("da-prog"));
    let built = change(built.project()).build(&["da-prog"]);
    let messages = built.messages();
    assert!(built.report.problems.has_errors(), "expected the build to fail, but it passed:\n{messages}");
    assert_eq!(snapshot(&built.site("da-prog")), before, "a failed build changed the site:\n{messages}");
    messages
}

fn settings(extra_or_replaced: &str) -> impl FnOnce(Project) -> Project + use<> {
    let text = extra_or_replaced.to_owned();
    move |p| p.file(PROG, &text)
}

fn page(path: &str, text: &str) -> impl FnOnce(Project) -> Project + use<> {
    let (path, text) = (path.to_owned(), text.to_owned());
    move |p| p.file(&path, &text)
}

macro_rules! case {
    ($name:ident, $change:expr, $expected:expr) => {
        #[test]
        fn $name() {
            let messages = fails($change);
            let expected: &str = $expected;
            assert!(messages.contains(expected), "expected:\n{expected}\n\ngot:\n{messages}");
        }
    };
}

case!(
    malformed_yaml,
    settings("name: [unclosed\n"),
    "error: expected text here\n  --> content/da-prog/programme.yaml:1:7"
);
case!(
    unknown_key,
    settings(&programme_yaml("da", "colour: blue\n")),
    "error: unknown field `colour`, expected one of name, organisation, unit, language, theme, audience, mentors, roles, meetings, duration, max_mentees_per_mentor, process, dates, contacts, pages, roles_diagram, strings, synonyms, branding, allow_raw_html, accessibility\n  --> content/da-prog/programme.yaml:10:1"
);
case!(
    unknown_nested_key,
    settings(
        &programme_yaml("da", "").replace("  length: 90 minutes", "  length: 90 minutes\n  place: here")
    ),
    "error: unknown field `place`, expected one of every, length\n  --> content/da-prog/programme.yaml:9:3"
);
case!(
    wrong_type_list_for_text,
    settings(&programme_yaml("da", "").replace("audience: nye ledere", "audience: [a, b]")),
    "error: expected text here\n  --> content/da-prog/programme.yaml:4:11"
);
case!(
    unknown_unit,
    settings(&programme_yaml("da", "").replace("2 months", "2 fortnights")),
    "error: unknown unit `fortnights` for a cadence: use days, weeks or months (or dage, uger, måneder)\n  --> content/da-prog/programme.yaml:7:12"
);
case!(
    zero_cadence,
    settings(&programme_yaml("da", "").replace("2 months", "0 months")),
    "error: a cadence must be at least 1, not `0`\n  --> content/da-prog/programme.yaml:7:10"
);
case!(
    negative_length,
    settings(&programme_yaml("da", "").replace("90 minutes", "-90 minutes")),
    "error: `-90 minutes` must be a positive whole number of minutes\n  --> content/da-prog/programme.yaml:8:11"
);
case!(
    number_without_unit,
    settings(&programme_yaml("da", "").replace("2 months", "2")),
    "error: `2` has no unit: write a whole number and a unit, e.g. `2 months`, `6 weeks` or `1-2 months` (or `2 måneder`, `6 uger`)\n  --> content/da-prog/programme.yaml:7:10"
);
case!(
    tabs_in_yaml,
    settings(&programme_yaml("da", "").replace("  every", "\tevery")),
    "error: tabs disallowed within this context (block indentation)\n  --> content/da-prog/programme.yaml:7:2"
);
case!(
    duplicate_key,
    settings(&programme_yaml("da", "name: Igen\n")),
    "error: the key `name` appears twice; each key may be given once\n  --> content/da-prog/programme.yaml:10:1"
);
case!(
    date_that_does_not_exist,
    settings(&programme_yaml("da", "dates:\n  kickoff: 2011-02-30\n")),
    "error: `2011-02-30` is not a date that exists in the calendar\n  --> content/da-prog/programme.yaml:11:12"
);
case!(
    badly_written_date,
    settings(&programme_yaml("da", "dates:\n  kickoff: 24/8/2011\n")),
    "error: `24/8/2011` is not a date: write it as YYYY-MM-DD; did you mean `2011-08-24`?\n  --> content/da-prog/programme.yaml:11:12"
);
case!(
    time_range_backwards,
    settings(&programme_yaml("da", "dates:\n  kickoff: { date: 2011-08-24, time: \"16:00-14:00\" }\n")),
    "error: `16:00-14:00` ends before it starts\n  --> content/da-prog/programme.yaml:11:38"
);
case!(
    unknown_language,
    settings(&programme_yaml("de", "")),
    "error: unknown language `de`: valid languages are `da` (Danish) and `sv` (Swedish)\n  --> content/da-prog/programme.yaml:3:11"
);
case!(
    missing_required_setting,
    settings(&programme_yaml("da", "").replace("name: Mentorordningen\n", "")),
    "error: the required key `name` is missing\n  --> content/da-prog/programme.yaml\n"
);
case!(empty_settings_file, settings(""), "error: the file is empty\n  --> content/da-prog/programme.yaml");
case!(
    alias_bomb,
    settings(&format!(
        "{}{}",
        programme_yaml("da", ""),
        "x: &a [1,1,1,1,1,1,1,1,1,1]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nz: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nw: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\nv: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    )),
    "error: unknown field `x`, expected one of name, organisation, unit, language, theme, audience, mentors, roles, meetings, duration, max_mentees_per_mentor, process, dates, contacts, pages, roles_diagram, strings, synonyms, branding, allow_raw_html, accessibility\n  --> content/da-prog/programme.yaml:19:1"
);
case!(
    max_mentees_zero,
    settings(&programme_yaml("da", "max_mentees_per_mentor: 0\n")),
    "error: max_mentees_per_mentor must be a whole number from 1 to 100, not `0`\n  --> content/da-prog/programme.yaml:10:25"
);
case!(
    drop_missing_page,
    settings(&programme_yaml("da", "pages:\n  drop: [nope.md]\n")),
    "error: cannot drop `nope.md`: the base handbook has no such page\n  --> content/da-prog/programme.yaml:11:10"
);
case!(
    logo_outside_programme,
    settings(&programme_yaml("da", "branding:\n  logo: ../../etc/passwd\n")),
    "error: the logo `../../etc/passwd` points outside the programme folder\n  --> content/da-prog/programme.yaml:11:9"
);
case!(
    logo_missing,
    settings(&programme_yaml("da", "branding:\n  logo: assets/logo.svg\n")),
    "error: the logo `assets/logo.svg` does not exist\n  --> content/da-prog/programme.yaml:11:9"
);
case!(
    accent_too_light,
    settings(&programme_yaml("da", "branding:\n  accent: \"#ffee00\"\n")),
    "error: the accent colour `#ffee00` is too light: white text on it has a contrast of 1.2:1, and WCAG AA needs 4.5:1\n  --> content/da-prog/programme.yaml:11:1"
);
case!(
    accent_not_a_colour,
    settings(&programme_yaml("da", "branding:\n  accent: blue\n")),
    "error: `blue` is not a colour: write it as `#rrggbb`, e.g. `#0b5c7a`\n  --> content/da-prog/programme.yaml:11:11"
);
case!(
    unknown_theme,
    settings(&programme_yaml("da", "theme: fancy\n")),
    "error: there is no theme `fancy`\n  --> themes/fancy"
);
case!(
    page_without_front_matter,
    page("content/da-prog/ny.md", "# Ny side\n"),
    "error: the page has no front matter\n  --> content/da-prog/ny.md:1:1"
);
case!(
    front_matter_unknown_key,
    page("content/da-prog/ny.md", "---\ntitle: Ny\ncolour: red\n---\n"),
    "error: unknown field `colour`, expected one of title, weight, description, base, sections, updated\n  --> content/da-prog/ny.md:3:1"
);
case!(
    front_matter_unclosed,
    page("content/da-prog/ny.md", "---\ntitle: Ny\n"),
    "error: the front matter is not closed\n  --> content/da-prog/ny.md:1:1"
);
case!(
    front_matter_wrong_type,
    page("content/da-prog/ny.md", "---\ntitle: Ny\nweight: first\n---\n"),
    "error: expected a whole number here\n  --> content/da-prog/ny.md:3:9"
);
case!(
    empty_page_file,
    page("content/da-prog/ny.md", ""),
    "error: the page has no front matter\n  --> content/da-prog/ny.md:1:1"
);
case!(
    unknown_setting_in_page,
    page("content/da-prog/ny.md", "---\ntitle: Ny\n---\n\nVi mødes {{ meetings.often }}.\n"),
    "error: unknown setting `meetings.often`\n  --> content/da-prog/ny.md:5:13"
);
case!(
    unknown_filter_in_page,
    page("content/da-prog/ny.md", "---\ntitle: Ny\n---\n\nVi mødes {{ meetings.every | loudly }}.\n"),
    "error: unknown filter `loudly`\n  --> content/da-prog/ny.md:5:30"
);
case!(
    unset_optional_setting,
    page("content/da-prog/ny.md", "---\ntitle: Ny\n---\n\nFrist: {{ dates.signup_deadline }}.\n"),
    "error: the setting `dates.signup_deadline` is not set in `content/da-prog/programme.yaml`\n  --> content/da-prog/ny.md:5:11"
);
case!(
    unterminated_expression,
    page("content/da-prog/ny.md", "---\ntitle: Ny\n---\n\nVi mødes {{ meetings.every.\n"),
    "error: `{{` is not closed with `}}`\n  --> content/da-prog/ny.md:5:10"
);
case!(
    unknown_component,
    page("content/da-prog/ny.md", "---\ntitle: Ny\n---\n\n{{ chart(\"x\") }}\n"),
    "error: unknown component `chart`\n  --> content/da-prog/ny.md:5:4"
);
case!(
    unknown_worksheet,
    page("content/da-prog/ny.md", "---\ntitle: Ny\n---\n\n{{ worksheet(\"budget\") }}\n"),
    "error: there is no worksheet `budget`\n  --> content/da-prog/ny.md:5:4"
);
case!(
    component_inside_sentence,
    page("content/da-prog/ny.md", "---\ntitle: Ny\n---\n\nSe {{ contacts() }} her.\n"),
    "error: the component `contacts` must stand alone on its own line\n  --> content/da-prog/ny.md:5:7"
);
case!(
    link_to_missing_page,
    page("content/da-prog/ny.md", "---\ntitle: Ny\n---\n\nSe [her](findes-ikke.md).\n"),
    "error: the link `findes-ikke.md` points to a page that does not exist\n  --> content/da-prog/ny.md:5:4"
);
case!(
    link_to_missing_anchor,
    page("content/da-prog/ny.md", "---\ntitle: Ny\n---\n\nSe [her](forloeb.md#intet).\n"),
    "error: the link `forloeb.md#intet` points to `#intet`, which is not a heading on `forloeb.md`\n  --> content/da-prog/ny.md:5:4"
);
case!(
    absolute_link,
    page("content/da-prog/ny.md", "---\ntitle: Ny\n---\n\nSe [her](/forloeb.md).\n"),
    "error: the link `/forloeb.md` leaves the site or starts with `/`\n  --> content/da-prog/ny.md:5:4"
);
case!(
    page_path_with_nordic_letters,
    page("content/da-prog/forløb.md", "---\ntitle: Ny\n---\n"),
    "error: the page path `forløb.md` has characters that do not belong in a web address: use a-z, 0-9 and `-` (write `forloebet.md`, not `forløbet.md`)\n  --> content/da-prog/forløb.md"
);
case!(
    worksheet_grid_with_three_fields,
    page(
        "content/da-prog/worksheets/swot.yaml",
        "title: S\nversion: 1\nsections:\n  - layout: grid\n    fields:\n      - {id: a, label: A}\n      - {id: b, label: B}\n      - {id: c, label: C}\n"
    ),
    "error: section 1 is a grid and needs exactly 4 fields (row by row), not 3\n  --> content/da-prog/worksheets/swot.yaml"
);
case!(
    worksheet_unknown_layout,
    page(
        "content/da-prog/worksheets/swot.yaml",
        "title: S\nversion: 1\nsections:\n  - layout: circle\n    fields:\n      - {id: a, label: A}\n"
    ),
    "error: unknown variant `circle`, expected one of list, grid, table\n  --> content/da-prog/worksheets/swot.yaml:4:13"
);
case!(
    roles_with_one_role,
    page(
        "content/da-prog/roles.yaml",
        "title: T\ndescription: D\naxes: {directive: a, non_directive: b, challenging: c, supporting: d}\nroles:\n  - {id: a, x: directive, y: challenging, name: A, says: a, responsibility: r}\n"
    ),
    "error: the diagram has 1 role(s); it needs from 2 to 6\n  --> content/da-prog/roles.yaml"
);
case!(
    roles_in_the_old_quadrant_form,
    page(
        "content/da-prog/roles.yaml",
        "title: T\ndescription: D\naxes: {directive: a, non_directive: b, challenging: c, supporting: d}\nroles:\n  - {quadrant: directive-challenging, name: A, says: a, responsibility: r}\n"
    ),
    "error: unknown field `quadrant`, expected one of id, x, y, name, says, responsibility\n  --> content/da-prog/roles.yaml:5:6"
);
case!(
    theme_template_error,
    page(
        "content/da-prog/theme/templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title \n{% endblock content %}\n"
    ),
    "error: template error: Found `{` but expected }}.\n  --> content/da-prog/theme/templates/page.html:4:1"
);
case!(
    non_utf8_page,
    |p: Project| p.bytes("content/da-prog/ny.md", b"---\ntitle: Ny\n---\n\nK\xf8benhavn\n"),
    "error: the file is not valid UTF-8 text\n  --> content/da-prog/ny.md:5:2"
);
case!(
    huge_page,
    |p: Project| p.bytes("content/da-prog/ny.md", &vec![b'a'; 50 * 1024 * 1024]),
    "error: the file is too large (50.0 MB): a page or data file may be at most 4 MB\n  --> content/da-prog/ny.md"
);

case!(
    accent_colour_without_quotes,
    settings(&programme_yaml("da", "branding:\n  accent: #0b5c7a\n")),
    "error: the accent colour is empty; written without quotes, `#0b5c7a` is a YAML comment: write `accent: \"#0b5c7a\"`\n  --> content/da-prog/programme.yaml:11:9"
);
case!(
    danish_statement_without_was_tool_address,
    settings(&programme_yaml("da", "").replace("  was_tool_url: https://www.was.digst.dk/testby\n", "")),
    "error: a Danish site links to its accessibility statement in WAS-Tool, but `accessibility.was_tool_url` is not set\n  --> content/da-prog/programme.yaml:13:11"
);
case!(
    third_party_assessment_without_assessor,
    settings(&programme_yaml("da", "").replace("method: self-assessment", "method: third-party")),
    "error: the assessment was made by a third party, but `accessibility.assessor` does not say who\n  --> content/da-prog/programme.yaml:13:11"
);

#[cfg(unix)]
case!(
    symlink_loop,
    |p: Project| {
        std::os::unix::fs::symlink(p.path().join("content/da-prog"), p.path().join("content/da-prog/loop"))
            .unwrap();
        p
    },
    "error: a symbolic link here points back to a folder that contains it (a loop)\n  --> content/da-prog/loop"
);

#[cfg(unix)]
case!(
    symlink_out_of_the_programme,
    |p: Project| {
        let outside = p.path().join("secret.md");
        std::fs::write(&outside, "---\ntitle: Hemmelig\n---\n").unwrap();
        std::os::unix::fs::symlink(&outside, p.path().join("content/da-prog/secret.md")).unwrap();
        p
    },
    "error: this file is a link to `"
);

#[cfg(unix)]
#[test]
fn a_symbolic_link_inside_the_programme_is_followed() {
    // Protects: a folder without links is walked without following them; one with a link is
    // walked again following it, so a linked folder's pages are still published.
    let p = Project::minimal()
        .file("content/da-prog/delt/faelles.md", "---\ntitle: Fælles\n---\n\nDelt tekst.\n");
    std::os::unix::fs::symlink(p.path().join("content/da-prog/delt"), p.path().join("content/da-prog/ogsaa"))
        .unwrap();
    let built = p.build(&["da-prog"]);
    built.assert_ok();
    for page in ["delt/faelles.html", "ogsaa/faelles.html"] {
        assert_eq!(crate::common::texts(&built.html("da-prog", page), "main h1"), ["Fælles"], "{page}");
    }
}

#[test]
fn windows_line_endings_and_a_byte_order_mark_work() {
    // Protects: files saved by Notepad on an HR laptop build like any others.
    let yaml = format!("\u{feff}{}", programme_yaml("da", "")).replace('\n', "\r\n");
    let built = Project::minimal()
        .file(PROG, &yaml)
        .file(
            "content/da-prog/ny.md",
            "\u{feff}---\r\ntitle: Ny side\r\n---\r\n\r\n## Møder\r\n\r\nVi mødes {{ meetings.every }}.\r\n",
        )
        .build(&["da-prog"]);
    built.assert_ok();
    let page = built.html("da-prog", "ny.html");
    assert_eq!(crate::common::texts(&page, "main h1"), ["Ny side"]);
    assert_eq!(crate::common::texts(&page, "main article p:not(.page-updated)"), ["Vi mødes hver 2. måned."]);
}

// Variants by settings (issue 12): conditions, process settings, placeholders, sections, roles.
const NY: &str = "content/da-prog/ny.md";

fn ny(body: &str) -> impl FnOnce(Project) -> Project + use<> {
    page(NY, &format!("---\ntitle: Ny\n---\n\n{body}\n"))
}

case!(
    condition_compares_with_a_word_that_is_no_choice,
    ny("{% if process.first_contact == hr %}Ring til HR.{% endif %}"),
    "error: `hr` is not a choice of `process.first_contact`\n  --> content/da-prog/ny.md:5:32\n  |\n5 | {% if process.first_contact == hr %}Ring til HR.{% endif %}\n  |                                ^\n  = help: the choices are `mentee`, `mentor`"
);
case!(
    condition_names_an_unknown_setting,
    ny("{% if process.first_kontakt %}x{% endif %}"),
    "error: unknown setting `process.first_kontakt`\n  --> content/da-prog/ny.md:5:7\n  |\n5 | {% if process.first_kontakt %}x{% endif %}\n  |       ^\n  = help: did you mean `process.first_contact`?"
);
case!(
    condition_compares_a_fact_that_is_no_choice,
    ny("{% if meetings.every == monthly %}x{% endif %}"),
    "error: `meetings.every` is not a choice, so it cannot be compared with a word\n  --> content/da-prog/ny.md:5:7"
);
case!(
    if_never_closed,
    ny("{% if unit %}\nx"),
    "error: this `{% if %}` is never closed\n  --> content/da-prog/ny.md:5:1\n  |\n5 | {% if unit %}\n  | ^\n  = help: end it with `{% endif %}`"
);
case!(
    endif_without_if,
    ny("x\n{% endif %}"),
    "error: `{% endif %}` has no `{% if %}` before it\n  --> content/da-prog/ny.md:6:1"
);
case!(
    elif_after_else,
    ny("{% if unit %}a{% else %}b{% elif name %}c{% endif %}"),
    "error: `{% elif %}` comes after `{% else %}`\n  --> content/da-prog/ny.md:5:26"
);
case!(
    unknown_tag,
    ny("{% for x in y %}"),
    "error: `{% for x in y %}` is not a tag handbook knows\n  --> content/da-prog/ny.md:5:4\n  |\n5 | {% for x in y %}\n  |    ^\n  = help: the tags are `{% if condition %}`, `{% elif condition %}`, `{% else %}` and `{% endif %}`"
);
case!(
    a_choice_quoted_as_words,
    ny("Møderne planlægges af {{ process.plans_meetings }}."),
    "error: `process.plans_meetings` is a choice and has no words of its own\n  --> content/da-prog/ny.md:5:26\n  |\n5 | Møderne planlægges af {{ process.plans_meetings }}.\n  |                          ^\n  = help: test it instead: `{% if process.plans_meetings == \"mentee\" %}...{% endif %}`"
);
case!(
    an_absent_fact_quoted_without_a_branch,
    ny("Højst {{ max_mentees_per_mentor }} mentees."),
    "error: the setting `max_mentees_per_mentor` is not set in `content/da-prog/programme.yaml`\n  --> content/da-prog/ny.md:5:10\n  |\n5 | Højst {{ max_mentees_per_mentor }} mentees.\n  |          ^\n  = help: set it there, or say it only where it is set: `{% if max_mentees_per_mentor %}...{% endif %}` (with an `{% else %}` that is true without it)"
);
case!(
    process_choice_unknown,
    settings(&programme_yaml("da", "process:\n  mentor_joins: elected\n")),
    "error: `elected` is not one of the choices here: `appointed`, `apply`, `invited`\n  --> content/da-prog/programme.yaml:11:17"
);
case!(
    process_names_the_unit_without_a_unit,
    settings(&programme_yaml("da", "process:\n  matched_by: unit\n")),
    "error: the process names `unit`, but the programme has no `unit`\n  --> content/da-prog/programme.yaml\n  = help: set `unit:` to the department or centre that runs the programme, or name `hr` or `leader` instead"
);
case!(
    placeholder_left_from_new,
    settings(
        &programme_yaml("da", "")
            .replace("organisation: Testby Kommune", "organisation: \"<kommunens navn>\"")
    ),
    "error: `organisation` still holds the placeholder `<kommunens navn>`\n  --> content/da-prog/programme.yaml:2:15\n  |\n2 | organisation: \"<kommunens navn>\"\n  |               ^\n  = help: write the real value, or leave the setting out if it is optional; a placeholder is never published"
);
case!(
    placeholder_in_a_typed_setting,
    settings(&programme_yaml("da", "").replace("every: 2 months", "every: \"<hvor ofte>\"")),
    "error: `<hvor ofte>` is a placeholder to replace: How often: `2 months`, `6 weeks`, `1-2 months` (days, weeks or months). Or leave the setting out\n  --> content/da-prog/programme.yaml:7:10"
);
case!(
    example_address_published,
    settings(&programme_yaml("da", "contacts:\n  - { name: Jette, email: jette@example.dk }\n")),
    "error: `contacts[1].email` is an example address: `jette@example.dk`\n  --> content/da-prog/programme.yaml:11:27\n   |\n11 |   - { name: Jette, email: jette@example.dk }\n   |                           ^\n  = help: addresses at example.dk, example.se and the like reach nobody; write the real address, or leave it out"
);
case!(
    interface_string_that_does_not_exist,
    settings(&programme_yaml("da", "strings:\n  roles_sayz: Mentoren siger\n")),
    "error: the theme has no interface string `roles_sayz`\n  --> content/da-prog/programme.yaml:11:3\n   |\n11 |   roles_sayz: Mentoren siger\n   |   ^\n  = help: did you mean `roles_says`? The keys are those of the theme's `i18n/<lang>.yaml`"
);
case!(
    interface_string_with_an_unknown_setting,
    settings(&programme_yaml("da", "strings:\n  roles_says: \"{{ roles.mentr }} siger\"\n")),
    "error: unknown setting `roles.mentr`\n  --> content/da-prog/programme.yaml:11:19"
);
case!(
    drop_a_section_that_does_not_exist,
    settings(&programme_yaml("da", "pages:\n  drop: [forloeb.md#evaluering]\n")),
    "error: cannot drop `forloeb.md#evaluering`: `forloeb.md` has no section `evaluering`\n  --> content/da-prog/programme.yaml:11:10\n   |\n11 |   drop: [forloeb.md#evaluering]\n   |          ^\n  = help: its sections are: `forste-mode`"
);
case!(
    replace_a_section_the_page_does_not_hold,
    page(
        "content/da-prog/forloeb.md",
        "---\nsections:\n  forste-mode: abcd1234\n---\n\n## Andet {#andet}\n\nTekst.\n"
    ),
    "error: `sections` names `forste-mode`, but this page has no section `forste-mode`\n  --> content/da-prog/forloeb.md:3:16"
);
case!(
    replace_sections_of_a_page_the_base_does_not_have,
    page("content/da-prog/nyt.md", "---\nsections:\n  x: abcd1234\n---\n\n## X {#x}\n"),
    "error: `nyt.md` replaces sections of a base page, but the base handbook has no `nyt.md`\n  --> content/da-prog/nyt.md"
);
case!(
    drop_a_role_the_diagram_does_not_have,
    settings(&programme_yaml("da", "roles_diagram:\n  drop: [kouch]\n")),
    "error: the diagram has no role `kouch` to leave out\n  --> content/da-prog/programme.yaml:11:10\n   |\n11 |   drop: [kouch]\n   |          ^\n  = help: the roles are: `networker`, `coach`, `adviser`, `sparring`"
);
case!(
    drop_so_many_roles_that_one_is_left,
    settings(&programme_yaml("da", "roles_diagram:\n  drop: [coach, adviser, sparring]\n")),
    "error: after `roles_diagram.drop`, the diagram has 1 role(s); it needs from 2 to 6\n  --> content/da-prog/programme.yaml"
);
case!(
    a_role_with_an_empty_name,
    page(
        "content/da-prog/roles.yaml",
        "title: T\ndescription: D\naxes: {directive: a, non_directive: b, challenging: c, supporting: d}\nroles:\n  - {id: a, x: directive, y: challenging, name: A, says: a, responsibility: r}\n  - id: b\n    x: middle\n    y: middle\n    name: \"\"\n    says: b\n    responsibility: r\n"
    ),
    "error: the role `b` has an empty `name`\n  --> content/da-prog/roles.yaml:9:11"
);
case!(
    worksheet_label_with_an_unknown_filter,
    page(
        "content/da-prog/worksheets/swot.yaml",
        "title: S\nversion: 1\nsections:\n  - fields:\n      - id: a\n        label: \"Hvad vil {{ roles.mentee | definit }} sige?\"\n"
    ),
    "error: unknown filter `definit`\n  --> content/da-prog/worksheets/swot.yaml:6:44\n  |\n6 |         label: \"Hvad vil {{ roles.mentee | definit }} sige?\"\n  |                                            ^\n  = help: did you mean `definite`?"
);
case!(
    component_in_a_worksheet_text,
    page(
        "content/da-prog/worksheets/swot.yaml",
        "title: S\nversion: 1\nintro: \"{{ contacts() }}\"\nsections:\n  - fields:\n      - { id: a, label: A }\n"
    ),
    "error: components can only be placed on pages\n  --> content/da-prog/worksheets/swot.yaml:3:12"
);

// Error hints (issue 15).
case!(
    cadence_written_as_a_danish_sentence,
    settings(&programme_yaml("da", "").replace("every: 2 months", "every: hver 6. uge")),
    "error: `hver 6. uge` is written as words: write a whole number and a unit, e.g. `2 months`, `6 weeks` or `1-2 months` (or `2 måneder`, `6 uger`)\n  --> content/da-prog/programme.yaml:7:10"
);
case!(
    unknown_unit_points_at_the_unit_and_lists_the_file_s_language,
    settings(&programme_yaml("sv", "").replace("every: 2 months", "every: \"6 veckr\"")),
    "error: unknown unit `veckr` for a cadence: use days, weeks or months (or dagar, veckor, månader)\n  --> content/da-prog/programme.yaml:7:13\n  |\n7 |   every: \"6 veckr\"\n  |             ^"
);
case!(
    a_date_written_the_danish_way,
    settings(&programme_yaml("da", "dates:\n  kickoff: 3/3/2027\n")),
    "error: `3/3/2027` is not a date: write it as YYYY-MM-DD; did you mean `2027-03-03`?\n  --> content/da-prog/programme.yaml:11:12"
);
case!(
    unknown_setting_suggests_the_nearest,
    ny("Forløbet varer {{ duraton }}."),
    "error: unknown setting `duraton`\n  --> content/da-prog/ny.md:5:19\n  |\n5 | Forløbet varer {{ duraton }}.\n  |                   ^\n  = help: did you mean `duration`?"
);

// Links and images (issue 15): every local one checked, script links refused, with positions.
case!(
    script_link,
    ny("Klik [her](javascript:alert(1))."),
    "error: the link `javascript:alert(1)` runs a script (`javascript:`), which a handbook never publishes\n  --> content/da-prog/ny.md:5:6"
);
case!(
    script_image,
    ny("![billede](JaVaScRiPt:alert(1))"),
    "error: the image `JaVaScRiPt:alert(1)` runs a script (`javascript:`), which a handbook never publishes\n  --> content/da-prog/ny.md:5:1"
);
case!(
    data_link,
    ny("[a](data:text/html;base64,PHNjcmlwdD4=)"),
    "error: the link `data:text/html;base64,PHNjcmlwdD4=` runs a script (`data:`), which a handbook never publishes\n  --> content/da-prog/ny.md:5:1"
);
case!(
    vbscript_link,
    ny("[a](vbscript:msgbox)"),
    "error: the link `vbscript:msgbox` runs a script (`vbscript:`), which a handbook never publishes"
);
case!(
    bare_relative_link,
    ny("Se [forløbet](forloeb)."),
    "error: the link `forloeb` points to no page or file of the site\n  --> content/da-prog/ny.md:5:4\n  |\n5 | Se [forløbet](forloeb).\n  |    ^\n  = help: a link to a page names its file: did you mean `forloeb.md`?"
);
case!(
    link_to_a_page_written_as_html,
    ny("Se [forløbet](forloeb.htm)."),
    "error: the link `forloeb.htm` points to no page or file of the site"
);
case!(
    missing_image,
    ny("![Logo](missing.png)"),
    "error: the image `missing.png` points to no page or file of the site\n  --> content/da-prog/ny.md:5:1"
);
case!(
    image_from_the_root,
    ny("![Logo](/x.png)"),
    "error: the image `/x.png` leaves the site or starts with `/`\n  --> content/da-prog/ny.md:5:1"
);
case!(
    link_whose_destination_has_escapes,
    ny("Først.\n\n[link](/u\\*rl)"),
    "error: the link `/u*rl` leaves the site or starts with `/`\n  --> content/da-prog/ny.md:7:1"
);
case!(
    anchor_on_a_page_without_headings,
    page("content/da-prog/ny.md", "---\ntitle: Ny\n---\n\n[a](tom.md#x)\n")
        .and_then_file("content/da-prog/tom.md", "---\ntitle: Tom\n---\n\nIngen overskrifter.\n"),
    "error: the link `tom.md#x` points to `#x`, which is not a heading on `tom.md`\n  --> content/da-prog/ny.md:5:1\n  |\n5 | [a](tom.md#x)\n  | ^\n  = help: `tom.md` has no headings to link to; link to the page itself"
);
case!(
    expression_closed_inside_a_code_span,
    ny("{{ name `}}` b"),
    "error: `{{` is not closed with `}}`\n  --> content/da-prog/ny.md:5:1\n  |\n5 | {{ name `}}` b\n  | ^\n  = help: the `}}` on this line is inside a code span, which is never expanded; close the expression before the code"
);

trait Then {
    fn and_then_file(self, path: &str, text: &str) -> Box<dyn FnOnce(Project) -> Project>;
}

impl<F: FnOnce(Project) -> Project + 'static> Then for F {
    fn and_then_file(self, path: &str, text: &str) -> Box<dyn FnOnce(Project) -> Project> {
        let (path, text) = (path.to_owned(), text.to_owned());
        Box::new(move |p| self(p).file(&path, &text))
    }
}

#[test]
fn links_that_resolve_are_published_as_pages_folders_and_files() {
    // Protects (issue 15): `./`, a query, an image in assets/ all resolve and are rewritten.
    let built = Project::minimal()
        .bytes("content/da-prog/assets/logo.png", b"\x89PNG\r\n")
        .file("content/da-prog/vaerktoejer/ny.md", "---\ntitle: Ny\n---\n\n[a](./) [b](../index.md?x=1) ![c](../assets/logo.png) ![d](data:image/png;base64,iVBORw0KGgo=)\n")
        .build(&["da-prog"]);
    built.assert_ok();
    let page = built.html("da-prog", "vaerktoejer/ny.html");
    assert_eq!(
        crate::common::attrs(&page, "main article p a", "href"),
        ["./index.html", "../index.html?x=1"]
    );
    assert_eq!(
        crate::common::attrs(&page, "main article p img", "src"),
        ["../assets/logo.png", "data:image/png;base64,iVBORw0KGgo="]
    );
}
