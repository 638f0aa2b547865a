//! Strict YAML into typed structs, with errors that keep their place in the real file.
//!
//! Input: YAML text, the file it came from, and how many lines precede it in that file (front
//! matter starts on line 2 of a page). Output: the typed value, or one [`Diagnostic`] pointing at the
//! line and column of the problem.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::options::AliasLimits;

use crate::diagnostic::Diagnostic;

/// Aliases may be used, but an "alias bomb" that expands to millions of nodes is refused.
fn options() -> serde_saphyr::Options {
    let mut limits = AliasLimits::default();
    limits.max_total_replayed_events = 20_000;
    limits.max_replay_stack_depth = 16;
    limits.max_alias_expansions_per_anchor = 1_000;
    serde_saphyr::options! { alias_limits: limits, with_snippet: false }
}

/// Parses `text` (which starts on line `line_offset + 1` of `file`).
pub fn parse<T: DeserializeOwned>(text: &str, file: &Path, line_offset: usize) -> Result<T, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error("the file is empty").in_file(file));
    }
    serde_saphyr::from_str_with_options(text, options()).map_err(|err| {
        let (word_at, message) = word_offset(&tidy_message(&err.without_snippet().to_string()));
        let mut d = Diagnostic::error(message).in_file(file);
        // A missing key has no place of its own: serde-saphyr points at a neighbour, which misleads.
        let missing = d.message.starts_with("the required key");
        if let Some(loc) = err.location().filter(|l| l.line() > 0 && !missing) {
            let line = loc.line() as usize;
            // The source line shown must be the real file's line, so look it up in `text` and
            // then shift the number.
            let column = loc.column() as usize;
            // A message about one word of a value points at that word, inside quotes if any.
            let quote = text
                .lines()
                .nth(line - 1)
                .and_then(|l| l.chars().nth(column - 1))
                .is_some_and(|c| c == '"' || c == '\'');
            let column = column + word_at.map_or(0, |w| w + usize::from(quote));
            d = d.at(text, line, column);
            d.line = Some(line + line_offset);
        }
        if text.contains('\t') && d.message.contains("tab") {
            d = d.with_help("YAML is indented with spaces, never tabs");
        }
        d
    })
}

/// A message may start with the byte offset of the word it is about, between marks (see
/// `lang.rs`); it is taken off here. Offsets count characters of ASCII-only values exactly and
/// are close enough elsewhere.
fn word_offset(message: &str) -> (Option<usize>, String) {
    let mark = crate::lang::OFFSET_MARK;
    let m = mark.len();
    if let Some(start) = message.find(mark)
        && let Some(len) = message[start + m..].find(mark)
        && let Ok(offset) = message[start + m..start + m + len].parse()
    {
        let rest = format!("{}{}", &message[..start], &message[start + 2 * m + len..]);
        return (Some(offset), rest);
    }
    (None, message.to_owned())
}

/// serde's messages are kept where they are clear ("unknown field `x`, expected one of ...") and
/// reworded where they speak Rust ("invalid i64"); the location suffix serde-saphyr appends is
/// dropped, since the report shows the location already.
fn tidy_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    let cut = first.find(" at line ").map_or(first, |i| &first[..i]).trim_end_matches('.');
    if let Some(key) = cut.strip_prefix("duplicate mapping key: ") {
        let key = key.split(',').next().unwrap_or(key).trim();
        return format!("the key `{key}` appears twice; each key may be given once");
    }
    if let Some(field) = cut.strip_prefix("missing field ") {
        return format!("the required key {field} is missing");
    }
    match cut {
        "invalid i64" | "invalid u64" | "invalid i32" | "invalid u32" => {
            "expected a whole number here".to_owned()
        }
        "expected string scalar" => "expected text here".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    #[test]
    fn an_alias_bomb_is_refused_by_the_alias_limit() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (name, prev) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f")] {
            bomb.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 10].join(", ")));
        }
        // Refused by the parser's alias limit, not expanded to ten million nodes and then judged.
        let err = super::parse::<BTreeMap<String, serde::de::IgnoredAny>>(&bomb, Path::new("x.yaml"), 0)
            .unwrap_err();
        assert!(err.message.contains("alias") || err.message.contains("limit"), "{}", err.message);
    }

    #[test]
    fn duplicate_keys_are_named() {
        let err = super::parse::<BTreeMap<String, String>>("a: 1\nb: 2\na: 3\n", Path::new("x.yaml"), 0)
            .unwrap_err();
        assert_eq!(err.message, "the key `a` appears twice; each key may be given once");
        assert_eq!(err.line, Some(3));
    }
}
