//! Property tests ("fuzzing" on stable Rust): no input panics the settings parser, the front
//! matter parser, the expansion stage or the renderer, and expansion never changes Markdown that
//! has no component or setting call. `PROPTEST_CASES=100000 cargo test --test robustness` runs
//! them longer; failures found are kept in `tests/robustness.proptest-regressions` and replayed
//! first.

use std::collections::BTreeMap;
use std::path::Path;

use handbook::expand::{ExpandContext, expand};
use handbook::i18n::{I18n, REQUIRED};
use handbook::lang::Lang;
use handbook::render::{RenderOptions, render};
use handbook::settings::Programme;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

fn programme() -> Programme {
    let yaml = "name: N\norganisation: O\nlanguage: da\naudience: a\nmentors: m\nmeetings:\n  every: 2 months\n  length: 90 minutes\nduration: 12 months\naccessibility: { status: full, assessed: 2026-11-01, method: self-assessment, reviewed: 2026-11-01, feedback: { email: a@b.dk }, was_tool_url: \"https://x.dk\" }\ndates:\n  kickoff: 2011-08-24\n";
    Programme::parse("p", yaml, Path::new("programme.yaml")).unwrap()
}

fn i18n() -> I18n {
    let text: String = REQUIRED.iter().map(|k| format!("{k}: x\n")).collect();
    I18n::parse(Lang::Danish, &text, Path::new("da.yaml")).unwrap()
}

/// Markdown-ish text from pieces that exercise the expander's edges.
fn markdown_pieces(with_calls: bool) -> impl Strategy<Value = String> {
    let mut pieces: Vec<&'static str> = vec![
        "mødes",
        " ",
        "\n",
        "\n\n",
        "{a",
        "}",
        "}}",
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
        "\n\n<div>{{ x }}</div>\n\n",
    ];
    if with_calls {
        pieces.extend([
            "`",
            "``",
            "```\n",
            "~~~\n",
            "{{",
            "{{ meetings.every }}",
            "{{ roles.mentee | definite | capitalize }}",
            "{{ nope }}",
            "{{ name | x }}",
            "{{ worksheet(\"swot\") }}",
            "{{ contacts() }}",
            "{{ key_dates() }}",
            "{{ worksheet( }}",
            "{{ a(\"b\" }}",
            "{{ dates.kickoff | time }}",
            "{{ | }}",
            "{{}}",
            "{{ roles_diagram() }}",
        ]);
    }
    prop::collection::vec(prop::sample::select(pieces), 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("tests/robustness.proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn settings_parser_never_panics(text in any::<String>()) {
        let _ = Programme::parse("p", &text, Path::new("programme.yaml"));
    }

    #[test]
    fn settings_parser_never_panics_on_yaml_shaped_input(
        lines in prop::collection::vec((
            prop::sample::select(vec!["name", "language", "meetings", "  every", "  length", "duration", "dates", "  kickoff", "    date", "    time", "contacts", "  - name", "pages", "  drop", "max_mentees_per_mentor", "branding", "  accent", "x", "&a x", "*a", "<<"]),
            prop::sample::select(vec!["", " da", " sv", " 2 months", " 1-2 months", " 0 weeks", " 90 minutes", " 1.5 h", " 2011-02-30", " 2011-08-24", " \"14:00-16:00\"", " [a, b]", " {date: 2011-08-24}", " -1", " 99999999999999999999", " \"#000000\"", " *a", " &a [1]", " ~", " null", " |\n  x", " 'x'", " [", " {"]),
        ), 0..20)
    ) {
        let text: String = lines.iter().map(|(k, v)| format!("{k}:{v}\n")).collect();
        let _ = Programme::parse("p", &text, Path::new("programme.yaml"));
    }

    #[test]
    fn front_matter_parser_never_panics(front in any::<String>(), body in any::<String>()) {
        for text in [format!("---\n{front}\n---\n{body}"), format!("---\n{front}"), front.clone()] {
            let file = handbook::load::SourceFile { path: "p.md".into(), text };
            let _ = handbook::load::parse_page("p.md", file);
        }
    }

    #[test]
    fn expansion_never_panics_and_points_inside_the_page(md in markdown_pieces(true)) {
        let p = programme();
        let strings = i18n();
        let sheets = BTreeMap::new();
        let cx = ExpandContext { programme: &p, i18n: &strings, worksheets: &sheets, roles: None, root: "" };
        if let Err(errors) = expand(&md, &cx) {
            for e in errors {
                prop_assert!(e.offset <= md.len());
                let d = e.into_diagnostic(&md, Path::new("p.md"), 5);
                prop_assert!(d.line.is_some());
            }
        }
    }

    #[test]
    fn markdown_without_calls_passes_expansion_unchanged(md in markdown_pieces(false)) {
        let p = programme();
        let strings = i18n();
        let sheets = BTreeMap::new();
        let cx = ExpandContext { programme: &p, i18n: &strings, worksheets: &sheets, roles: None, root: "" };
        let expanded = expand(&md, &cx).expect("no calls, no errors");
        prop_assert_eq!(expanded.markdown, md);
    }

    #[test]
    fn plain_markdown_renders_as_pulldown_cmark_alone_renders_it(
        md in prop::collection::vec(prop::sample::select(vec![
            "ord", " ", "\n", "\n\n", "{", "}", "}}", "*", "_", "- ", "1. ", "> ", "æøå", "`kode`", "~~x~~", "| a | b |\n|---|---|\n| 1 | 2 |\n", "<b>", "</b>", "&amp;", "[^1]", "\n\n[^1]: note\n",
        ]), 0..40).prop_map(|v| v.concat())
    ) {
        let dropped = Default::default();
        let how = RenderOptions { page_rel: "p.md", allow_raw_html: true, dropped: &dropped };
        let ours = render(&handbook::expand::Expanded { markdown: md.clone(), ..Default::default() }, &how);
        let mut theirs = String::new();
        pulldown_cmark::html::push_html(&mut theirs, pulldown_cmark::Parser::new_ext(&md, handbook::render::options()));
        // Our two additions to plain Markdown: headings carry ids, and code blocks can take
        // keyboard focus (they may scroll).
        let mut html = ours.html.replace("<pre tabindex=\"0\">", "<pre>");
        while let Some(at) = html.find(" id=\"\u{E002}") {
            let end = html[at + 5..].find('"').map_or(html.len(), |e| at + 5 + e + 1);
            html.replace_range(at..end, "");
        }
        prop_assert_eq!(html, theirs);
    }

    #[test]
    fn rendering_never_panics(md in any::<String>(), raw in any::<bool>()) {
        let dropped = Default::default();
        let how = RenderOptions { page_rel: "a/b.md", allow_raw_html: raw, dropped: &dropped };
        let _ = render(&handbook::expand::Expanded { markdown: md, ..Default::default() }, &how);
    }

    #[test]
    fn every_build_leaves_exactly_its_own_files_whatever_came_before(
        builds in prop::collection::vec(
            prop::collection::btree_map(
                prop::sample::select(vec!["index.html", "a", "a/b", "a/b/c.html", "a/d.html", "x/y.html", "x", "static/s.css"]),
                "[a-z]{0,40}",
                1..6,
            ),
            1..6,
        )
    ) {
        // The output folder reuses the previous build's files: a file where a folder now goes, a
        // longer file cut short, a folder left empty must never show in the next site.
        let out = tempfile::tempdir().unwrap();
        for build in builds {
            // A path cannot be both a file and a folder within one build.
            let build: BTreeMap<&str, String> = build
                .iter()
                .filter(|(p, _)| !build.keys().any(|q| q.starts_with(&format!("{p}/"))))
                .map(|(p, t)| (*p, t.clone()))
                .collect();
            let files: Vec<_> = build.iter().map(|(p, t)| handbook::write::OutputFile::new(*p, t.as_bytes())).collect();
            handbook::write::write_site(out.path(), "s", &files).unwrap();
            let mut found = BTreeMap::new();
            for entry in walkdir::WalkDir::new(out.path().join("s")).min_depth(1) {
                let entry = entry.unwrap();
                let rel = entry.path().strip_prefix(out.path().join("s")).unwrap().to_string_lossy().replace('\\', "/");
                if entry.file_type().is_file() {
                    found.insert(rel, std::fs::read_to_string(entry.path()).unwrap());
                } else {
                    prop_assert!(build.keys().any(|p| p.starts_with(&format!("{rel}/"))), "left an empty folder {}", rel);
                }
            }
            let expected: BTreeMap<String, String> = build.iter().map(|(p, t)| (p.to_string(), t.clone())).collect();
            prop_assert_eq!(found, expected);
        }
    }
}
