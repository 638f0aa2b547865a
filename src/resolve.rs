//! Stage 2, resolve: one programme's list of pages and data.
//!
//! Input: the base [`Layer`] of the programme's language, the programme's own layer and its
//! settings. Output: a [`Resolved`] programme: the pages in navigation order (the programme's
//! page wins over the base page with the same path; dropped pages are gone), the worksheets and
//! roles diagram parsed (programme files win), the assets and theme overrides. Every problem is
//! collected; a programme with errors is not built.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Problems};
use crate::load::{Layer, PageSource, ProgrammeSource};
use crate::roles::RolesDiagram;
use crate::settings::Programme;
use crate::worksheet::Worksheet;

#[derive(Debug)]
pub struct Resolved<'a> {
    pub programme: Programme,
    /// In navigation order: by weight, then path.
    pub pages: Vec<&'a PageSource>,
    /// Paths of the programme's pages that replace a base page.
    pub overrides: Vec<String>,
    /// Paths of the programme's pages that add a page.
    pub additions: Vec<String>,
    pub worksheets: BTreeMap<String, Worksheet>,
    /// Worksheets the programme defines that the base does not have.
    pub own_worksheets: Vec<(String, PathBuf)>,
    pub roles: Option<RolesDiagram>,
    pub assets: BTreeMap<String, PathBuf>,
    pub theme_overrides: &'a BTreeMap<String, PathBuf>,
    pub settings_file: PathBuf,
}

/// The base handbook of one language, with its worksheets parsed once for all the programmes
/// that use it.
pub struct Base<'a> {
    pub layer: &'a Layer,
    worksheets: BTreeMap<&'a str, Result<Worksheet, Diagnostic>>,
}

impl<'a> Base<'a> {
    pub fn new(layer: &'a Layer) -> Self {
        let worksheets = layer
            .worksheets
            .par_iter()
            .map(|(id, f)| (id.as_str(), Worksheet::parse(&f.text, &f.path)))
            .collect();
        Base { layer, worksheets }
    }
}

pub fn resolve<'a>(
    source: &'a ProgrammeSource,
    base: Option<&Base<'a>>,
    problems: &mut Problems,
) -> Option<Resolved<'a>> {
    let file = &source.settings.path;
    let programme = match Programme::parse(&source.id, &source.settings.text, file) {
        Ok(p) => p,
        Err(d) => {
            problems.push(unknown_key_help(d));
            return None;
        }
    };
    let lang = programme.lang();
    let Some(Base { layer: base, worksheets: sheets }) = base else {
        problems.push(
            Diagnostic::error(format!(
                "there is no base handbook for `{lang}` (expected `content/_base/{lang}/`)"
            ))
            .in_file(file),
        );
        return None;
    };
    let mut errors = Problems::default();
    let settings = &programme.settings;

    // Pages: base pages not dropped, replaced by the programme's page of the same path.
    let mut pages: BTreeMap<&str, &PageSource> = if settings.pages.inherit {
        base.pages.iter().map(|(k, v)| (k.as_str(), v)).collect()
    } else {
        BTreeMap::new()
    };
    for drop in &settings.pages.drop {
        let path = drop.value.as_str();
        let d = Diagnostic::error(String::new()).in_file(file).at(
            &source.settings.text,
            drop.referenced.line() as usize,
            drop.referenced.column() as usize,
        );
        if source.layer.pages.contains_key(path) {
            errors.push(
                Diagnostic {
                    message: format!("`{path}` is dropped, but the programme also has its own `{path}`"),
                    ..d
                }
                .with_help("remove one of the two"),
            );
        } else if pages.remove(path).is_none() {
            let known = base.pages.keys().map(String::as_str).collect::<Vec<_>>().join(", ");
            errors.push(
                Diagnostic {
                    message: format!("cannot drop `{path}`: the base handbook has no such page"),
                    ..d
                }
                .with_help(format!("the base pages are: {known}")),
            );
        }
    }
    if !pages.contains_key("index.md") && !source.layer.pages.contains_key("index.md") {
        errors.push(
            Diagnostic::error("the programme has no front page: `index.md` is dropped or missing")
                .in_file(file),
        );
    }
    let mut overrides = Vec::new();
    let mut additions = Vec::new();
    for (path, page) in &source.layer.pages {
        if base.pages.contains_key(path) {
            overrides.push(path.clone());
        } else {
            if let Some(near) = base.pages.keys().find(|b| edit_distance(b, path) <= 2) {
                errors.push(
                    Diagnostic::warning(format!(
                        "`{path}` adds a new page; did you mean to override the base page `{near}`?"
                    ))
                    .in_file(&page.file)
                    .with_help(format!("rename the file to `{near}` to replace the base page")),
                );
            }
            additions.push(path.clone());
        }
        pages.insert(path.as_str(), page);
    }
    let mut ordered: Vec<&PageSource> = pages.into_values().collect();
    ordered.sort_by(|a, b| (a.front.weight, &a.rel).cmp(&(b.front.weight, &b.rel)));

    // Data: the programme's file wins over the base file with the same name.
    let mut worksheets = BTreeMap::new();
    let own = source.layer.worksheets.iter().map(|(id, f)| (id.as_str(), Worksheet::parse(&f.text, &f.path)));
    let inherited = sheets.iter().filter(|(id, _)| !source.layer.worksheets.contains_key(**id));
    for (id, parsed) in own.chain(inherited.map(|(id, parsed)| (*id, parsed.clone()))) {
        match parsed {
            Ok(ws) => {
                worksheets.insert(id.to_owned(), ws);
            }
            Err(d) => errors.push(d),
        }
    }
    let roles = match source.layer.roles.as_ref().or(base.roles.as_ref()) {
        Some(f) => match RolesDiagram::parse(&f.text, &f.path) {
            Ok(r) => Some(r),
            Err(d) => {
                errors.push(d);
                None
            }
        },
        None => None,
    };

    if let Some(logo) = &settings.branding.logo {
        let inside = !logo.split('/').any(|p| p == ".." || p.is_empty()) && !logo.starts_with('/');
        let at = find_line(&source.settings.text, "logo:");
        let d = Diagnostic::error(String::new()).in_file(file).at(&source.settings.text, at, 1);
        if !inside {
            errors.push(Diagnostic { message: format!("the logo `{logo}` points outside the programme folder"), ..d }.with_help("put the logo in the programme's `assets/` folder and write e.g. `logo: assets/logo.svg`"));
        } else if !source.layer.assets.contains_key(logo.as_str()) {
            errors.push(
                Diagnostic { message: format!("the logo `{logo}` does not exist"), ..d }.with_help(
                    "put the file in the programme's `assets/` folder, e.g. `logo: assets/logo.svg`",
                ),
            );
        }
    }
    // `accent: #0b5c7a` without quotes is a YAML comment: the colour would vanish without a word.
    if let Some(line) =
        source.settings.text.lines().position(|l| {
            l.trim_start().strip_prefix("accent:").is_some_and(|v| v.trim_start().starts_with('#'))
        })
    {
        errors.push(
            Diagnostic::error(
                "the accent colour is not in quotes, so YAML reads it as a comment and it is lost",
            )
            .in_file(file)
            .at(&source.settings.text, line + 1, 1)
            .with_help("write it in quotes: `accent: \"#0b5c7a\"`"),
        );
    }
    if let Some(accent) = &settings.branding.accent {
        let ratio = accent.0.contrast_with_white();
        if ratio < 4.5 {
            let at = find_line(&source.settings.text, "accent:");
            errors.push(
                Diagnostic::error(format!("the accent colour `{}` is too light: white text on it has a contrast of {ratio:.1}:1, and WCAG AA needs 4.5:1", accent.0))
                    .in_file(file)
                    .at(&source.settings.text, at, 1)
                    .with_help("choose a darker colour"),
            );
        }
    }

    let a11y = &settings.accessibility;
    let at = find_line(&source.settings.text, "accessibility:");
    let here = |message: String, help: &str| {
        Diagnostic::error(message).in_file(file).at(&source.settings.text, at, 1).with_help(help.to_owned())
    };
    match (&a11y.was_tool_url, lang) {
        (None, crate::lang::Lang::Danish) => errors.push(here(
            "a Danish site links to its accessibility statement in WAS-Tool, but `accessibility.was_tool_url` is not set".into(),
            "make the statement in Digitaliseringsstyrelsen's WAS-Tool and set its address, e.g. `was_tool_url: https://www.was.digst.dk/...`",
        )),
        (Some(url), _) if !url.starts_with("https://") => errors.push(here(
            format!("`accessibility.was_tool_url` must be an https:// address, not `{url}`"),
            "copy the address of the statement from WAS-Tool",
        )),
        _ => {}
    }
    if a11y.method == crate::settings::AssessmentMethod::ThirdParty && a11y.assessor.is_none() {
        errors.push(here(
            "the assessment was made by a third party, but `accessibility.assessor` does not say who".into(),
            "name the firm or body that assessed the site",
        ));
    }
    if a11y.status != crate::settings::Conformance::Full && a11y.non_accessible.is_empty() {
        errors.push(here(
            "the site is not fully accessible, but `accessibility.non_accessible` lists nothing".into(),
            "list what is not accessible and why: `- { content: ..., reason: ... }`",
        ));
    }
    if a11y.reviewed.0.0 < a11y.assessed.0.0 {
        errors.push(here(
            "`accessibility.reviewed` is earlier than `accessibility.assessed`".into(),
            "the statement is reviewed after it is assessed",
        ));
    }

    let failed = errors.has_errors();
    problems.extend(errors);
    if failed {
        return None;
    }
    Some(Resolved {
        programme,
        pages: ordered,
        overrides,
        additions,
        worksheets,
        own_worksheets: source
            .layer
            .worksheets
            .iter()
            .filter(|(id, _)| !base.worksheets.contains_key(*id))
            .map(|(id, f)| (id.clone(), f.path.clone()))
            .collect(),
        roles,
        assets: source.layer.assets.clone(),
        theme_overrides: &source.layer.theme,
        settings_file: file.clone(),
    })
}

/// Levenshtein distance, for "did you mean" hints between short file names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The 1-based line where `key` first appears, for settings checked after parsing.
fn find_line(text: &str, key: &str) -> usize {
    text.lines().position(|l| l.trim_start().starts_with(key)).map_or(1, |i| i + 1)
}

fn unknown_key_help(d: Diagnostic) -> Diagnostic {
    if d.message.contains("unknown field") && d.help.is_none() {
        d.with_help("see `handbook schema` or `content/FORMAT.md` for every setting")
    } else {
        d
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn edit_distance_counts_single_changes() {
        assert_eq!(super::edit_distance("forloebet.md", "forlobet.md"), 1);
        assert_eq!(super::edit_distance("swot.md", "swot.md"), 0);
        assert_eq!(super::edit_distance("a", "xyz"), 3);
    }
}
