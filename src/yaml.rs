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
        let message = tidy_message(&err.without_snippet().to_string());
        let mut d = Diagnostic::error(message).in_file(file);
        if let Some(loc) = err.location().filter(|l| l.line() > 0) {
            let line = loc.line() as usize;
            // The source line shown must be the real file's line, so look it up in `text` and
            // then shift the number.
            d = d.at(text, line, loc.column() as usize);
            d.line = Some(line + line_offset);
        }
        if text.contains('\t') && d.message.contains("tab") {
            d = d.with_help("YAML is indented with spaces, never tabs");
        }
        d
    })
}

/// serde's messages carry its own wording ("unknown field `x`, expected one of ..."); keep them,
/// but drop the location suffix serde-saphyr appends, since the report shows it already.
fn tidy_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    let cut = first.find(" at line ").map_or(first, |i| &first[..i]);
    cut.trim_end_matches('.').to_owned()
}
