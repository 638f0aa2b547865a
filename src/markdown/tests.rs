//! The Markdown wing on its own: pages rendered with a stand-in for the theme's components, and
//! property tests ("fuzzing" on stable Rust) that no input panics it and that Markdown without
//! tags renders exactly as pulldown-cmark alone renders it. `PROPTEST_CASES=100000 cargo test
//! --release markdown` runs them longer.

use std::collections::HashSet;
use std::path::Path;

use proptest::prelude::*;

use super::{Call, Component, Components, Context, Origin, Rendered, Source, Target, render};
use crate::settings::Programme;
use crate::vocabulary::Vocabulary;

/// Components as simple markup, so tests see where they land.
struct Stand;

impl Components for Stand {
    fn render(&self, call: &Call, _page: &str) -> Result<Component, (String, String)> {
        match call.name {
            "worksheet" => Ok(Component {
                html: format!(
                    r#"<form id="ws-{0}"><a href="../calendar/x.ics">x</a></form>"#,
                    call.argument.clone().unwrap_or_default()
                ),
                text: "Styrker".into(),
                worksheet: call.argument.clone(),
            }),
            "contacts" => Ok(Component {
                html: r#"<section id="contacts-heading">Kontakt</section>"#.into(),
                ..Component::default()
            }),
            "key_dates" => Ok(Component {
                html: r#"<section aria-labelledby="dates-heading"><h2 id="dates-heading">Vigtige <em>datoer</em> &amp; frister</h2><ul><li>Kick-off</li></ul></section>"#.into(),
                text: "Vigtige datoer & frister\nKick-off: 24. august".into(),
                worksheet: None,
            }),
            other => Err((format!("unknown component `{other}`"), String::new())),
        }
    }
}

fn programme(extra: &str) -> Programme {
    crate::vocabulary::tests::programme("da", extra)
}

fn page_with(p: &Programme, md: &str, raw: bool) -> Result<Rendered, String> {
    let v = Vocabulary::new(p, None, None);
    let dropped: HashSet<String> =
        ["vaerktoejer/gone.md".to_owned(), "forloebet.md#evaluering".to_owned()].into_iter().collect();
    let labels = super::Labels {
        note: "Bemærk",
        tip: "Tip",
        important: "Vigtigt",
        warning: "Advarsel",
        caution: "Pas på",
        heading_link: "Link til afsnittet",
    };
    let cx = Context {
        vocabulary: &v,
        components: &Stand,
        labels: &labels,
        allow_raw_html: raw,
        dropped: &dropped,
    };
    let origins = [Origin { start: 0, file: Path::new("swot.md"), line: 5 }];
    let source = Source { rel: "vaerktoejer/swot.md", title: "SWOT", body: md, origins: &origins };
    render(&source, &cx).map_err(|p| p.render(Path::new("/"), false))
}

fn page(md: &str) -> Rendered {
    page_with(&programme(""), md, false).unwrap()
}

fn html(md: &str) -> String {
    page(md).page_html()
}

fn error(md: &str) -> String {
    page_with(&programme(""), md, false).unwrap_err()
}

#[test]
fn settings_speak_the_page_language_and_stay_text() {
    assert_eq!(html("Vi mødes {{ meetings.every }}."), "<p>Vi mødes hver 2. måned.</p>\n");
    // Issue 15: a value that looks like Markdown is text wherever it is quoted.
    let p = programme("unit: \"2. sal\"\n");
    let out = page_with(&p, "{{ unit }} er stedet.\n\n| a |\n|---|\n| {{ unit }} |\n\n## {{ unit }}\n\n[{{ unit }}](https://x.dk/{{ unit }})\n", false).unwrap().page_html();
    assert!(out.starts_with("<p>2. sal er stedet.</p>"), "{out}");
    assert!(out.contains("<td>2. sal</td>"), "{out}");
    assert!(out.contains(">2. sal</h2>"), "{out}");
    assert!(out.contains(r#"<a href="https://x.dk/2.%20sal">2. sal</a>"#), "{out}");
    for value in ["- x", "+ x", "# x", "> x", "*Ib*", "a | b"] {
        let p = programme(&format!("unit: \"{value}\"\n"));
        let out = page_with(&p, "{{ unit }}\n", false).unwrap().page_html();
        assert_eq!(
            out,
            format!("<p>{}</p>\n", crate::html::escape(value).replace("&#39;", "'").replace("&quot;", "\"")),
            "{value}"
        );
    }
}

#[test]
fn a_setting_in_an_autolink_keeps_no_backslashes() {
    let p = programme("unit: R&D_x\n");
    let out = page_with(&p, "<https://example.dk/{{ unit }}>\n", false).unwrap().page_html();
    assert_eq!(out, "<p><a href=\"https://example.dk/R&amp;D_x\">https://example.dk/R&amp;D_x</a></p>\n");
}

#[test]
fn branches_keep_only_what_the_settings_make_true() {
    let p = programme("process:\n  first_contact: mentee\n");
    let md = "Start.\n\n{% if process.first_contact == \"mentee\" %}\nDu kontakter mentoren.\n{% else %}\nMentoren kontakter dig.\n{% endif %}\n\n- en\n{% if max_mentees_per_mentor %}\n- {{ max_mentees_per_mentor }}\n{% endif %}\n- to\n\nInline: {% if unit %}{{ unit }}{% else %}ingen enhed{% endif %}.\n";
    let out = page_with(&p, md, false).unwrap().page_html();
    assert_eq!(
        out,
        "<p>Start.</p>\n<p>Du kontakter mentoren.</p>\n<ul>\n<li>en</li>\n<li>to</li>\n</ul>\n<p>Inline: ingen enhed.</p>\n"
    );
}

#[test]
fn an_absent_fact_quoted_outside_a_branch_is_an_error_at_its_line() {
    let err = error("Linje et.\n\nMax {{ max_mentees_per_mentor }} mentees.\n");
    assert!(err.contains("the setting `max_mentees_per_mentor` is not set"), "{err}");
    assert!(err.contains("swot.md:7:8"), "{err}");
    assert!(
        page_with(
            &programme(""),
            "{% if max_mentees_per_mentor %}Max {{ max_mentees_per_mentor }}.{% endif %}\n",
            false
        )
        .is_ok()
    );
}

#[test]
fn tag_errors_name_their_place_and_what_is_valid() {
    let err = error("{% if process.first_contact == hr %}x{% endif %}\n");
    assert!(
        err.contains("`hr` is not a choice of `process.first_contact`") && err.contains("swot.md:5:32"),
        "{err}"
    );
    assert!(err.contains("the choices are `mentee`, `mentor`"), "{err}");
    assert!(error("{% if unit %}\nx\n").contains("this `{% if %}` is never closed"));
    assert!(error("{% else %}\n").contains("has no `{% if %}` before it"));
    let err = error("{{ name `}}` b\n");
    assert!(err.contains("`{{` is not closed with `}}`") && err.contains("inside a code span"), "{err}");
    assert!(error("{{ meetings.evry }}\n").contains("did you mean `meetings.every`?"));
    // Two problems on one page are both reported.
    let err = error("{{ nope }}\n\n{{ name | shout }}\n");
    assert!(err.contains("unknown setting `nope`") && err.contains("unknown filter `shout`"), "{err}");
}

#[test]
fn code_raw_html_and_lone_braces_are_untouched() {
    let md = "Skriv `{{ meetings.every }}` i teksten.\n\n```\n{{ x }}\n```\n\n    {{ y }}\n\nEn {krølle} og }} og \\{{ ikke }}.\n";
    let r = page(md);
    let out = r.page_html();
    assert!(
        out.contains("<code>{{ meetings.every }}</code>")
            && out.contains("{{ x }}")
            && out.contains("{{ y }}"),
        "{out}"
    );
    assert!(out.contains("En {krølle} og }} og {{ ikke }}."), "{out}");
    assert!(r.warnings.is_empty());
    let r = page("<div title=\"{{ z }}\">\n{{ z }}\n</div>\n");
    assert!(r.page_html().contains("{{ z }}"));
    assert!(
        r.warnings.render(Path::new("/"), false).contains("not expanded inside HTML"),
        "a tag in HTML is published with a warning"
    );
}

#[test]
fn a_component_under_its_own_heading_is_a_section_of_its_own_for_search() {
    let r = page("## Forløbet\n\nVi mødes.\n\n{{ key_dates() }}\n\nHusk kalenderen.\n");
    let headings: Vec<_> = r
        .sections
        .iter()
        .map(|s| s.heading.as_ref().map(|h| (h.level, h.id.as_str(), h.text.as_str())))
        .collect();
    assert_eq!(
        headings,
        [Some((2, "forlobet", "Forløbet")), Some((2, "dates-heading", "Vigtige datoer & frister"))]
    );
    assert_eq!(r.sections[0].text.trim(), "Vi mødes.");
    // The component's words, and what follows it under its heading.
    assert!(r.sections[1].text.starts_with("Kick-off: 24. august"), "{:?}", r.sections[1].text);
    assert!(r.sections[1].text.contains("Husk kalenderen."), "{:?}", r.sections[1].text);
    // Its heading is the component's, not the page's: no entry in the page's contents.
    assert_eq!(r.headings.len(), 1);
    // A component without a heading stays in the section it is placed in.
    let r = page("## Kontakt\n\n{{ contacts() }}\n");
    assert_eq!(r.sections.len(), 1);
}

#[test]
fn components_replace_their_paragraph_and_their_ids_are_reserved() {
    let r = page("## Kontakt {#contacts-heading}\n\n{{ contacts() }}\n\n{{ worksheet(\"swot\") }}\n");
    let out = r.page_html();
    assert!(out.contains("<section id=\"contacts-heading\">Kontakt</section><form id=\"ws-swot\">"), "{out}");
    assert!(!out.contains("<p>\u{E000}"), "{out}");
    assert_eq!(r.headings[0].id, "contacts-heading-2");
    assert_eq!(r.worksheets, ["swot"]);
    assert!(r.sections.iter().any(|s| s.text.contains("Styrker")));
    let print = r.print_html("side-swot", "vaerktoejer/swot.md");
    assert!(
        print.contains("id=\"side-swot--ws-swot\"")
            && print.contains("href=\"vaerktoejer/../calendar/x.ics\""),
        "{print}"
    );
    assert!(error("Se {{ contacts() }} her\n").contains("must stand alone"));
    assert!(error("- punkt\n{{ contacts() }}\n").contains("a component must be a paragraph of its own"));
    assert!(error("{{ chart() }}\n").contains("unknown component `chart`"));
}

#[test]
fn links_are_rewritten_recorded_and_script_links_refused() {
    let r = page(
        "[a](../forloebet.md#start) [b](logbog.md) [c](https://x.dk/a.md) [d](#top) [e](./) [f](index.md?x=1)\n\n![i](billede.png)\n",
    );
    let out = r.page_html();
    assert!(
        out.contains(r#"href="../forloebet.html#start""#) && out.contains(r#"href="logbog.html""#),
        "{out}"
    );
    assert!(out.contains(r#"href="https://x.dk/a.md""#) && out.contains(r##"href="#top""##), "{out}");
    assert!(out.contains(r#"href="./index.html""#) && out.contains(r#"href="index.html?x=1""#), "{out}");
    let targets: Vec<&Target> = r.links.iter().map(|l| &l.target).collect();
    assert_eq!(targets[0], &Target::Page { page: "forloebet.md".into(), anchor: Some("start".into()) });
    assert_eq!(targets[4], &Target::Page { page: "vaerktoejer/index.md".into(), anchor: None });
    assert_eq!(targets.last().unwrap(), &&Target::File("vaerktoejer/billede.png".into()));
    assert_eq!((r.links[1].line, r.links[1].column), (5, 28));
    let print = r.print_html("side-swot", "vaerktoejer/swot.md");
    assert!(
        print.contains(r#"href="vaerktoejer/logbog.html""#) && print.contains(r##"href="#side-swot--top""##),
        "{print}"
    );
    // Issue 15: script links are refused, however they are written, with their place.
    let err = error("Tekst.\n\n[a](javascript:alert(1)) og ![b](JaVaScRiPt:x) og [c](data:text/html,x)\n");
    assert!(
        err.contains("the link `javascript:alert(1)` runs a script") && err.contains("swot.md:7:1"),
        "{err}"
    );
    assert!(
        err.contains("the image `JaVaScRiPt:x` runs a script") && err.contains("the link `data:text/html,x`"),
        "{err}"
    );
    // A link whose text changed through escapes still has its place.
    assert_eq!(page("Først.\n\n[link](/u\\*rl)\n").links[0].line, 7);
}

#[test]
fn links_to_dropped_pages_and_sections_become_text() {
    let r = page("Se [det gamle](gone.md), [evalueringen](../forloebet.md#evaluering) og [det nye](new.md).");
    assert!(
        r.page_html().contains("Se det gamle, evalueringen og <a href=\"new.html\">det nye</a>."),
        "{}",
        r.page_html()
    );
    assert_eq!(r.unlinked.len(), 2);
}

#[test]
fn headings_get_unique_ids_and_keep_their_attributes() {
    let r =
        page("# Første møde\n\n## Første møde\n\n## Egen {#mit-id}\n\n## Titel {#mit .vigtig data-x=1}\n");
    let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["forste-mode", "forste-mode-2", "mit-id", "mit"]);
    assert!(
        r.page_html().contains(r#"<h2 id="mit" class="vigtig" data-x="1">Titel</h2>"#),
        "{}",
        r.page_html()
    );
    // Issue 15: a heading over two lines is one heading whose words are apart.
    let r = page("Foo *bar\nbaz*\n===\n");
    assert_eq!((r.headings[0].id.as_str(), r.headings[0].text.as_str()), ("foo-bar-baz", "Foo bar baz"));
}

#[test]
fn raw_html_is_text_unless_allowed() {
    assert!(page("<script>alert(1)</script>\n").page_html().contains("&lt;script&gt;"));
    assert!(page_with(&programme(""), "<b>ok</b>\n", true).unwrap().page_html().contains("<b>ok</b>"));
}

#[test]
fn fragments_render_without_raw_html() {
    assert_eq!(
        super::fragment("*Kort* <b>vejledning</b>"),
        "<p><em>Kort</em> &lt;b&gt;vejledning&lt;/b&gt;</p>\n"
    );
}

#[test]
fn relative_paths_resolve() {
    assert_eq!(super::resolve_relative("a/b.md", "../c.md").as_deref(), Some("c.md"));
    assert_eq!(super::resolve_relative("b.md", "../c.md"), None);
    assert_eq!(super::resolve_relative("b.md", "x/./y.md").as_deref(), Some("x/y.md"));
}

/// Markdown-ish text from pieces that exercise the expander's edges.
fn markdown_pieces(with_tags: bool) -> impl Strategy<Value = String> {
    let mut pieces: Vec<&'static str> = vec![
        "mødes",
        " ",
        "\n",
        "\n\n",
        "{a",
        "}",
        "}}",
        "%}",
        "\\{{ x }}",
        "    ",
        "*",
        "_",
        "- ",
        "1. ",
        "> ",
        "# ",
        "[a](b.md)",
        "<div>",
        "</div>",
        "<!-- c -->",
        "|",
        "æøå",
        "\t",
        "\\",
        "(",
        ")",
        "\"",
        "\n\n`{{ meetings.every }}`\n\n",
        "\n\n```\n{{ x }}\n```\n\n",
    ];
    if with_tags {
        pieces.extend([
            "`",
            "``",
            "```\n",
            "~~~\n",
            "{{",
            "{%",
            "{{ meetings.every }}",
            "{{ roles.mentee | definite | capitalize }}",
            "{{ nope }}",
            "{{ name | x }}",
            "{{ worksheet(\"swot\") }}",
            "\n\n{{ contacts() }}\n\n",
            "{{ worksheet( }}",
            "{{ a(\"b\" }}",
            "{{ dates.kickoff | time }}",
            "{{ | }}",
            "{{}}",
            "{% if unit %}",
            "{% if meetings.every %}",
            "\n{% if process.first_contact == mentee %}\n",
            "{% elif unit %}",
            "{% else %}",
            "{% endif %}",
            "\n{% endif %}\n",
            "{% if %}",
            "{% if a == %}",
            "{% if x in [a, %}",
            "{{ max_mentees_per_mentor }}",
        ]);
    }
    prop::collection::vec(prop::sample::select(pieces), 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn rendering_never_panics_and_errors_point_into_the_page(md in markdown_pieces(true)) {
        let p = programme("");
        if let Err(message) = page_with(&p, &md, false) {
            for line in message.lines().filter(|l| l.starts_with("  --> ")) {
                let n: usize = line.rsplit(':').nth(1).and_then(|n| n.parse().ok()).unwrap_or(0);
                prop_assert!((5..=5 + md.lines().count()).contains(&n), "{}", message);
            }
        }
    }

    #[test]
    fn plain_markdown_renders_as_pulldown_cmark_alone_renders_it(
        md in prop::collection::vec(prop::sample::select(vec![
            "ord", " ", "\n", "\n\n", "{", "}", "}}", "*", "_", "- ", "1. ", "> ", "æøå", "`kode`", "~~x~~", "| a | b |\n|---|---|\n| 1 | 2 |\n", "<b>", "</b>", "&amp;", "[^1]", "\n\n[^1]: note\n", "Foo\n===\n",
        ]), 0..40).prop_map(|v| v.concat())
    ) {
        prop_assume!(!md.contains("{{") && !md.contains("{%"));
        let ours = page_with(&programme(""), &md, true).unwrap().page_html();
        let mut theirs = String::new();
        pulldown_cmark::html::push_html(&mut theirs, pulldown_cmark::Parser::new_ext(&md, super::options()));
        // Our additions to plain Markdown: headings carry ids and a link to themselves, tables
        // scroll in a region of their own.
        let mut without_ids = ours.replace("<div class=\"heading-anchor\">\n", "").replace("<div class=\"heading-anchor\">", "");
        while let Some(at) = without_ids.find("<a class=\"heading-link\"") {
            let end = without_ids[at..].find("</a></div>\n").map_or(without_ids.len(), |e| at + e + 11);
            without_ids.replace_range(at..end, "");
        }
        while let Some(at) = without_ids.find("<div class=\"table-scroll\"") {
            let end = without_ids[at..].find(">\n").map_or(without_ids.len(), |e| at + e + 2);
            without_ids.replace_range(at..end, "");
        }
        let without_ids = without_ids.replace("</table>\n</div>\n", "</table>\n");
        let mut without_ids = without_ids;
        for level in 1..=6 {
            let open = format!("<h{level} id=\"");
            while let Some(at) = without_ids.find(&open) {
                let start = at + 3;
                let end = without_ids[start + 5..].find('"').map_or(without_ids.len(), |e| start + 5 + e + 1);
                without_ids.replace_range(start..end, "");
            }
        }
        prop_assert_eq!(without_ids, theirs);
    }

    #[test]
    fn any_text_renders_without_panic(md in any::<String>(), raw in any::<bool>()) {
        let _ = page_with(&programme(""), &md, raw);
    }

    #[test]
    fn setting_values_are_text_wherever_they_are_quoted(
        value in "[-+#>*_|`\\[\\]().0-9a-zæø !&<\\\\]{1,12}",
        at in prop::sample::select(vec!["{{ unit }}", "x {{ unit }} y", "| {{ unit }} |", "## {{ unit }}", "[{{ unit }}](a.md)", "- {{ unit }}"]),
    ) {
        // Issue 15: whatever a value looks like, its words appear as they are, as text.
        let value = value.trim().to_owned();
        prop_assume!(!value.is_empty() && !crate::settings::is_placeholder(&value));
        let yaml_value = value.replace('\\', "\\\\").replace('"', "\\\"");
        let p = programme(&format!("unit: \"{yaml_value}\"\n"));
        let md = if at.starts_with('|') { format!("| h |\n|---|\n{at}\n") } else { format!("{at}\n") };
        let r = page_with(&p, &md, false).unwrap();
        let text: String = r.sections.iter().map(|s| s.text.as_str()).chain(r.headings.iter().map(|h| h.text.as_str())).collect();
        let folded = value.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert!(text.contains(&folded), "{:?} not in {:?} ({})", folded, text, r.page_html());
    }
}
