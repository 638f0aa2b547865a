//! The link check: every local link and image of a site must reach something the site publishes.
//!
//! Input: the rendered pages (their links, each with its file, line and column; their headings
//! and component ids) and the files the site publishes besides pages. Output: nothing, or every
//! broken link at once, each naming its place and what would be valid. Links to pages or
//! sections the programme drops were turned into text by the Markdown wing; each gets a warning.

use std::collections::{BTreeSet, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::diagnostic::{Diagnostic, Problems};
use crate::markdown::{Link, Rendered, Target};
use crate::vocabulary::nearest;

/// Checks the links of `pages` (by source path) against the pages themselves and `files` (paths
/// from the site root). Warnings go to `warnings`.
pub(crate) fn check(
    pages: &[(&str, &Rendered)],
    files: &HashSet<String>,
    warnings: &mut Problems,
) -> Result<(), Problems> {
    // Fx hashing: thousands of small sets of ids, made and asked once each.
    let anchors: FxHashMap<&str, FxHashSet<&str>> = pages
        .iter()
        .map(|(rel, r)| {
            let ids =
                r.headings.iter().map(|h| h.id.as_str()).chain(r.component_ids.iter().map(String::as_str));
            (*rel, ids.collect())
        })
        .collect();
    let mut problems = Problems::default();
    for (rel, rendered) in pages {
        for link in &rendered.links {
            if let Some(d) = broken(link, rel, &anchors, files) {
                problems.push(d);
            }
        }
        for link in &rendered.unlinked {
            warnings.push(
                at(link, Diagnostic::warning(format!("the link `{}` points to a page or section this programme drops; it is shown as plain text", link.written)))
                    .with_help(format!("to reword it, replace the section of `{rel}` that holds it, or edit the page if it is the programme's own")),
            );
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

fn at(link: &Link, d: Diagnostic) -> Diagnostic {
    d.in_file(&link.file).at_text(&link.line_text, link.line, link.column)
}

fn broken(
    link: &Link,
    rel: &str,
    anchors: &FxHashMap<&str, FxHashSet<&str>>,
    files: &HashSet<String>,
) -> Option<Diagnostic> {
    let what = if link.image { "image" } else { "link" };
    let written = &link.written;
    let d = match &link.target {
        Target::Outside => Diagnostic::error(format!("the {what} `{written}` leaves the site or starts with `/`"))
            .with_help("links within the site are relative, e.g. `../forloebet.md`, so it works in any folder and from a file share"),
        Target::Page { page, anchor } => match anchors.get(page.as_str()) {
            None => {
                let pages = anchors.keys().copied().collect::<BTreeSet<_>>();
                let help = match nearest(page, pages.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the pages are: {}", pages.into_iter().collect::<Vec<_>>().join(", ")),
                };
                Diagnostic::error(format!("the {what} `{written}` points to a page that does not exist")).with_help(help)
            }
            Some(ids) => match anchor {
                Some(a) if !a.is_empty() && !ids.contains(a.as_str()) => unknown_anchor(written, a, page, ids),
                _ => return None,
            },
        },
        Target::Anchor(a) => {
            let ids = anchors.get(rel)?;
            if a.is_empty() || ids.contains(a.as_str()) {
                return None;
            }
            unknown_anchor(written, a, rel, ids)
        }
        Target::File(path) => {
            if files.contains(path) {
                return None;
            }
            let page = format!("{}.md", path.strip_suffix(".html").unwrap_or(path));
            let help = if !link.image && anchors.contains_key(page.as_str()) {
                format!("a link to a page names its file: did you mean `{}.md`?", written.strip_suffix(".html").unwrap_or(written))
            } else {
                "put the file in the programme's `assets/` folder and link to it there, e.g. `assets/plan.pdf`".to_owned()
            };
            Diagnostic::error(format!("the {what} `{written}` points to no page or file of the site")).with_help(help)
        }
    };
    Some(at(link, d))
}

fn unknown_anchor(written: &str, anchor: &str, page: &str, ids: &FxHashSet<&str>) -> Diagnostic {
    let d = Diagnostic::error(format!(
        "the link `{written}` points to `#{anchor}`, which is not a heading on `{page}`"
    ));
    if ids.is_empty() {
        return d.with_help(format!("`{page}` has no headings to link to; link to the page itself"));
    }
    let mut list: Vec<&str> = ids.iter().copied().collect();
    list.sort();
    match nearest(anchor, list.iter().copied()) {
        Some(near) => d.with_help(format!("did you mean `#{near}`?")),
        None => d.with_help(format!(
            "the headings there are: {}",
            list.iter().map(|a| format!("#{a}")).collect::<Vec<_>>().join(", ")
        )),
    }
}
