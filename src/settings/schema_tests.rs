//! The JSON Schema of `programme.yaml` is generated from the Rust types, kept in the repository
//! for editors, and must agree with the parser on every example.

use std::path::Path;

use super::{Programme, schema_json};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&schema_json()).unwrap();
    jsonschema::options().should_validate_formats(true).build(&schema).unwrap()
}

/// The YAML as JSON, the way an editor's YAML 1.2 plugin hands it to the schema (`N` is text,
/// not the YAML 1.1 boolean).
fn as_json(yaml: &str) -> serde_json::Value {
    serde_saphyr::from_str_with_options(yaml, serde_saphyr::options! { strict_booleans: true }).unwrap()
}

fn parser_accepts(yaml: &str) -> bool {
    Programme::parse("x", yaml, Path::new("programme.yaml")).is_ok()
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    // Protects: the schema is never edited by hand and never goes stale.
    let committed = std::fs::read_to_string(repo().join("content/programme.schema.json")).unwrap();
    assert!(
        committed == schema_json(),
        "content/programme.schema.json is stale: run `handbook schema > content/programme.schema.json`"
    );
}

#[test]
fn schema_and_parser_accept_every_example_programme() {
    let v = validator();
    let mut examples: Vec<(String, String)> = vec![
        ("scaffold da".into(), crate::new::filled_scaffold(crate::lang::Lang::Danish)),
        ("scaffold sv".into(), crate::new::filled_scaffold(crate::lang::Lang::Swedish)),
    ];
    for entry in std::fs::read_dir(repo().join("content")).unwrap() {
        let file = entry.unwrap().path().join("programme.yaml");
        if file.is_file() {
            examples.push((file.display().to_string(), std::fs::read_to_string(&file).unwrap()));
        }
    }
    for (name, yaml) in examples {
        assert!(parser_accepts(&yaml), "the parser rejects {name}");
        let errors: Vec<String> = v.iter_errors(&as_json(&yaml)).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "the schema rejects {name}: {errors:?}");
    }
}

#[test]
fn schema_and_parser_reject_the_same_invalid_examples() {
    let v = validator();
    let good = "name: N\norganisation: O\nlanguage: da\naudience: a\nmentors: m\nmeetings:\n  every: 2 months\n  length: 90 minutes\nduration: 12 months\nprocess:\n  mentee_joins: apply\n  first_contact: mentee\n  evaluation: { each_meeting: true, final_meeting: leader }\naccessibility:\n  status: full\n  assessed: 2026-11-01\n  method: self-assessment\n  reviewed: 2026-11-02\n  feedback: { email: a@b.dk }\n  was_tool_url: https://x.dk\n";
    assert!(parser_accepts(good));
    let errors: Vec<String> =
        v.iter_errors(&as_json(good)).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:?} {:?}", as_json(good));
    let bad = [
        good.replace("2 months", "2 fortnights"),
        good.replace("2 months", "0 months"),
        good.replace("90 minutes", "90 lightyears"),
        good.replace("12 months", "12 days"),
        good.replace("language: da", "language: de"),
        good.replace("name: N\n", ""),
        good.replace("first_contact: mentee", "first_contact: hr"),
        good.replace("each_meeting: true", "each_meeting: often"),
        format!("{good}colour: blue\n"),
        format!("{good}dates:\n  kickoff: 2011-02-30\n"),
        format!("{good}dates:\n  kickoff: {{ date: 2011-08-24, time: noon }}\n"),
        format!("{good}branding:\n  accent: blue\n"),
        format!("{good}max_mentees_per_mentor: 0\n"),
        good.replace("  every: 2 months\n", "  every: 2 months\n  where: here\n"),
        good.replace("status: full", "status: mostly"),
        good.replace("method: self-assessment", "method: guesswork"),
    ];
    for yaml in bad {
        assert!(!parser_accepts(&yaml), "the parser accepts:\n{yaml}");
        assert!(!v.is_valid(&as_json(&yaml)), "the schema accepts:\n{yaml}");
    }
}
