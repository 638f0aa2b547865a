//! Stage 2, resolve: one programme's list of pages and data.
//!
//! Input: the [`Base`] of the programme's language and the programme's own folder (its settings
//! parsed at load). Output: a [`Resolved`] programme: the pages in navigation order (a
//! programme's page replaces the base page of the same path, or only some of its sections;
//! dropped pages and sections are gone), the worksheets and the roles diagram (the programme's
//! files win; roles it leaves out are gone), the assets and theme overrides. Where a programme's
//! replacement was written against an older base page or section, a warning says so. Every
//! problem is collected; a programme with errors is not built.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Problems};
use crate::load::{DEFAULT_WEIGHT, Layer, PageSource, ProgrammeSource, SourceFile};
use crate::markdown::Origin;
use crate::roles::RolesDiagram;
use crate::sections::{fingerprint, sections};
use crate::settings::Programme;
use crate::vocabulary::nearest;
use crate::worksheet::Worksheet;

/// The base handbook of one language, with its data parsed once for all the programmes that
/// use it.
pub(crate) struct Base<'a> {
    layer: &'a Layer,
    worksheets: BTreeMap<&'a str, Result<Worksheet, Diagnostic>>,
    roles: Option<Result<RolesDiagram, Diagnostic>>,
}

impl<'a> Base<'a> {
    pub fn new(layer: &'a Layer) -> Self {
        let worksheets = layer
            .worksheets
            .par_iter()
            .map(|(id, f)| (id.as_str(), Worksheet::parse(&f.text, &f.path)))
            .collect();
        let roles = layer.roles.as_ref().map(|f| RolesDiagram::parse(&f.text, &f.path));
        Base { layer, worksheets, roles }
    }
}

/// One page of a programme, ready to render.
#[derive(Debug)]
pub(crate) struct Page<'a> {
    /// Its path in the site (`vaerktoejer/swot.md`).
    pub rel: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub weight: i64,
    pub body: Cow<'a, str>,
    /// Where each stretch of the body was written.
    pub origins: Vec<Origin<'a>>,
    /// When the page was last revised (the later of its files' dates).
    pub updated: Option<jiff::civil::Date>,
}

/// A worksheet and the file it came from.
pub(crate) struct Data<'a, T> {
    pub value: T,
    pub file: &'a SourceFile,
}

pub(crate) struct Resolved<'a> {
    pub programme: &'a Programme,
    /// The text of `programme.yaml`, for messages.
    pub settings: &'a SourceFile,
    /// In navigation order: by weight, then path.
    pub pages: Vec<Page<'a>>,
    /// Base pages the programme drops, with their titles.
    pub dropped: Vec<(&'a str, &'a str)>,
    /// Base sections the programme drops, as `page.md#id`.
    pub dropped_sections: Vec<String>,
    pub worksheets: BTreeMap<String, Data<'a, Worksheet>>,
    /// Worksheets the programme defines that the base does not have.
    pub own_worksheets: Vec<(String, PathBuf)>,
    pub roles: Option<Data<'a, RolesDiagram>>,
    /// The ids of the roles of the diagram the programme's starts from, left out ones too.
    pub role_ids: Vec<String>,
    pub assets: &'a BTreeMap<String, PathBuf>,
    pub theme_overrides: &'a BTreeMap<String, PathBuf>,
}

/// Resolves a programme; warnings go to `warnings`.
pub(crate) fn resolve<'a>(
    source: &'a ProgrammeSource,
    base: Option<&Base<'a>>,
    warnings: &mut Problems,
) -> Result<Resolved<'a>, Problems> {
    let programme = &source.programme;
    let lang = programme.lang();
    let Some(base) = base else {
        return Err(Diagnostic::error(format!(
            "there is no base handbook for `{lang}` (expected `content/_base/{lang}/`)"
        ))
        .in_file(&programme.file)
        .into());
    };
    let mut problems = Problems::default();
    let (pages, dropped, dropped_sections) = pages(source, base.layer, &mut problems);
    let worksheets = worksheets(source, base, &mut problems);
    let (roles, role_ids) = roles(source, base, &mut problems);
    check_logo(source, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    warnings.extend(problems);
    Ok(Resolved {
        programme,
        settings: &source.settings,
        pages,
        dropped,
        dropped_sections,
        worksheets,
        own_worksheets: source
            .layer
            .worksheets
            .iter()
            .filter(|(id, _)| !base.layer.worksheets.contains_key(*id))
            .map(|(id, f)| (id.clone(), f.path.clone()))
            .collect(),
        roles,
        role_ids,
        assets: &source.layer.assets,
        theme_overrides: &source.layer.theme,
    })
}

fn at(source: &ProgrammeSource, d: Diagnostic, at: serde_saphyr::Location) -> Diagnostic {
    d.in_file(&source.settings.path).at(&source.settings.text, at.line() as usize, at.column() as usize)
}

/// The programme's pages: the base pages it keeps, in its version where it has one, and its own.
type Pages<'a> = (Vec<Page<'a>>, Vec<(&'a str, &'a str)>, Vec<String>);

fn pages<'a>(source: &'a ProgrammeSource, base: &'a Layer, problems: &mut Problems) -> Pages<'a> {
    let rules = &source.programme.settings.pages;
    let own = &source.layer.pages;
    let mut chosen: BTreeMap<&str, Page> = BTreeMap::new();
    if rules.inherit {
        for (rel, page) in &base.pages {
            chosen.insert(rel, whole(page));
        }
    }
    // Dropped sections, by page.
    let mut section_drops: BTreeMap<&str, Vec<(&str, serde_saphyr::Location)>> = BTreeMap::new();
    let mut dropped = Vec::new();
    let mut dropped_sections = Vec::new();
    for drop in &rules.drop {
        let (path, section) = match drop.value.split_once('#') {
            Some((p, s)) => (p, Some(s)),
            None => (drop.value.as_str(), None),
        };
        let error = |message: String, help: String| {
            at(source, Diagnostic::error(message), drop.referenced).with_help(help)
        };
        let Some(base_page) = base.pages.get(path) else {
            let known = base.pages.keys().map(String::as_str).collect::<Vec<_>>().join(", ");
            problems.push(error(
                format!("cannot drop `{path}`: the base handbook has no such page"),
                format!("the base pages are: {known}"),
            ));
            continue;
        };
        if own.contains_key(path) && own[path].front.sections.is_none() {
            problems.push(error(
                format!("`{}` is dropped, but the programme also has its own `{path}`", drop.value),
                "remove one of the two".into(),
            ));
            continue;
        }
        match section {
            None => {
                chosen.remove(path);
                dropped.push((base_page.rel.as_str(), base_page.front.title.as_deref().unwrap_or("")));
            }
            Some(id) => {
                if sections(&base_page.body).iter().any(|s| s.id == id) {
                    dropped_sections.push(drop.value.clone());
                    section_drops.entry(base_page.rel.as_str()).or_default().push((id, drop.referenced));
                } else {
                    problems.push(error(
                        format!("cannot drop `{}`: `{path}` has no section `{id}`", drop.value),
                        section_list(&base_page.body),
                    ));
                }
            }
        }
    }
    for (rel, page) in own {
        // A site that inherits nothing (the guide) has only pages of its own.
        let base_page = base.pages.get(rel).filter(|_| rules.inherit);
        match base_page {
            Some(base_page) if page.front.sections.is_some() => {
                let drops = section_drops.remove(rel.as_str()).unwrap_or_default();
                chosen.insert(rel, replace_sections(base_page, page, &drops, problems));
            }
            Some(base_page) => {
                check_base_fingerprint(base_page, page, problems);
                chosen.insert(rel, whole(page));
            }
            None if page.front.sections.is_some() => problems.push(
                Diagnostic::error(format!(
                    "`{rel}` replaces sections of a base page, but the base handbook has no `{rel}`"
                ))
                .in_file(&page.file)
                .with_help("a page of the programme's own has a `title` and no `sections`"),
            ),
            None => {
                if let Some(near) =
                    nearest(rel, base.pages.keys().map(String::as_str)).filter(|_| rules.inherit)
                {
                    problems.push(
                        Diagnostic::warning(format!(
                            "`{rel}` adds a new page; did you mean to replace the base page `{near}`?"
                        ))
                        .in_file(&page.file)
                        .with_help(format!("rename the file to `{near}` to replace the base page")),
                    );
                }
                chosen.insert(rel, whole(page));
            }
        }
    }
    for (rel, drops) in section_drops {
        if let Some(base_page) = base.pages.get(rel) {
            chosen.insert(rel, replace_sections(base_page, base_page, &drops, problems));
        }
    }
    if !chosen.contains_key("index.md") {
        problems.push(
            Diagnostic::error("the programme has no front page: `index.md` is dropped or missing")
                .in_file(&source.programme.file),
        );
    }
    let mut ordered: Vec<Page> = chosen.into_values().collect();
    ordered.sort_by(|a, b| (a.weight, a.rel).cmp(&(b.weight, b.rel)));
    (ordered, dropped, dropped_sections)
}

/// A page as it is written.
fn whole(page: &PageSource) -> Page<'_> {
    Page {
        rel: &page.rel,
        title: page.front.title.as_deref().unwrap_or(""),
        description: page.front.description.as_deref(),
        weight: page.front.weight.unwrap_or(DEFAULT_WEIGHT),
        body: Cow::Borrowed(&page.body),
        origins: vec![Origin { start: 0, file: &page.file, line: page.body_line }],
        updated: page.updated,
    }
}

fn section_list(body: &str) -> String {
    let ids: Vec<String> = sections(body).iter().map(|s| format!("`{}`", s.id)).collect();
    if ids.is_empty() {
        "that page has no sections with an id".to_owned()
    } else {
        format!("its sections are: {}", ids.join(", "))
    }
}

/// The fingerprint a replacement of a whole base page records (`base:` in its front matter).
fn page_fingerprint(page: &PageSource) -> String {
    fingerprint(&format!("{}\n{}", page.front.title.as_deref().unwrap_or(""), page.body))
}

/// A programme's whole page written against an older base page is worth a second look.
fn check_base_fingerprint(base: &PageSource, own: &PageSource, problems: &mut Problems) {
    let now = page_fingerprint(base);
    match &own.front.base {
        Some(recorded) if recorded.value == now => {}
        Some(recorded) => problems.push(
            in_front(own, Diagnostic::warning(format!("the base page `{}` has changed since this page was written to replace it", base.rel)), recorded.referenced)
                .with_help(format!("read the base page and bring this page up to date, then write `base: {now}`")),
        ),
        None => problems.push(
            Diagnostic::warning(format!("this page replaces the base page `{}` but does not say which version of it", base.rel))
                .in_file(&own.file)
                .with_help(format!("write `base: {now}` in its front matter, so `handbook check` can tell you when the base page changes; or replace only the sections that differ (`sections:`)")),
        ),
    }
}

/// A message at a place in a page's front matter (which starts on the file's second line).
fn in_front(page: &PageSource, d: Diagnostic, at: serde_saphyr::Location) -> Diagnostic {
    let mut d = d.in_file(&page.file).at(&page.front_text, at.line() as usize, at.column() as usize);
    d.line = d.line.map(|l| l + 1);
    d
}

/// A base page with some sections replaced by the programme's (`own`, whose front matter lists
/// them) and some dropped.
fn replace_sections<'a>(
    base: &'a PageSource,
    own: &'a PageSource,
    drops: &[(&str, serde_saphyr::Location)],
    problems: &mut Problems,
) -> Page<'a> {
    let base_sections = sections(&base.body);
    let own_sections = if std::ptr::eq(base, own) { Vec::new() } else { sections(&own.body) };
    // (range in the base body, replacement from the programme's body)
    let mut edits: Vec<(std::ops::Range<usize>, Option<std::ops::Range<usize>>)> = Vec::new();
    let mut appended: Vec<std::ops::Range<usize>> = Vec::new();
    let listed = own.front.sections.as_ref().filter(|_| !std::ptr::eq(base, own));
    for (id, recorded) in listed.into_iter().flatten() {
        let Some(replacement) = own_sections.iter().find(|s| &s.id == id) else {
            problems.push(
                in_front(
                    own,
                    Diagnostic::error(format!(
                        "`sections` names `{id}`, but this page has no section `{id}`"
                    )),
                    recorded.referenced,
                )
                .with_help(format!(
                    "start the replacement with a heading whose id is `{id}`, e.g. `## Title {{#{id}}}`"
                )),
            );
            continue;
        };
        match base_sections.iter().find(|s| &s.id == id) {
            Some(section) => {
                let now = fingerprint(&base.body[section.range.clone()]);
                let said = recorded.value.as_deref().unwrap_or("");
                if said != now {
                    let message = if said.is_empty() {
                        format!(
                            "this page replaces the section `{}#{id}` but does not say which version of it",
                            base.rel
                        )
                    } else {
                        format!(
                            "the base section `{}#{id}` has changed since this page was written to replace it",
                            base.rel
                        )
                    };
                    problems.push(
                        in_front(own, Diagnostic::warning(message), recorded.referenced).with_help(format!(
                            "read the base section and bring yours up to date, then write `{id}: {now}`"
                        )),
                    );
                }
                edits.push((section.range.clone(), Some(replacement.range.clone())));
            }
            None => {
                problems.push(
                    in_front(own, Diagnostic::warning(format!("the base page `{}` has no section `{id}` any more; this page's section is shown at the end of the page", base.rel)), recorded.referenced)
                        .with_help(section_list(&base.body)),
                );
                appended.push(replacement.range.clone());
            }
        }
    }
    for section in &own_sections {
        let top = own_sections
            .iter()
            .any(|outer| outer.range.start < section.range.start && outer.range.end >= section.range.end);
        if !top && listed.is_some_and(|l| !l.contains_key(&section.id)) {
            problems.push(
                Diagnostic::error(format!(
                    "the section `{}` is not listed under `sections`, so it would replace nothing",
                    section.id
                ))
                .in_file(&own.file)
                .with_help(format!("add `{}:` under `sections:` in the front matter", section.id)),
            );
        }
    }
    for (id, _) in drops {
        if let Some(section) = base_sections.iter().find(|s| &s.id == id) {
            edits.push((section.range.clone(), None));
        }
    }
    edits.sort_by_key(|(range, _)| range.start);
    for pair in edits.windows(2) {
        if pair[0].0.end > pair[1].0.start {
            problems.push(
                Diagnostic::error(format!(
                    "the sections replaced or dropped in `{}` overlap (one holds the other)",
                    base.rel
                ))
                .in_file(&own.file)
                .with_help("replace or drop either the outer section or the inner one"),
            );
            return whole(base);
        }
    }
    let mut body = String::with_capacity(base.body.len());
    let mut origins = Vec::new();
    let mut copied = 0;
    let add = |body: &mut String,
               origins: &mut Vec<Origin<'a>>,
               page: &'a PageSource,
               range: std::ops::Range<usize>| {
        if range.is_empty() {
            return;
        }
        let line = page.body_line + page.body[..range.start].matches('\n').count();
        origins.push(Origin { start: body.len(), file: &page.file, line });
        body.push_str(&page.body[range]);
        if !body.ends_with('\n') {
            body.push('\n');
        }
    };
    for (range, with) in edits {
        add(&mut body, &mut origins, base, copied..range.start);
        if let Some(replacement) = with {
            add(&mut body, &mut origins, own, replacement);
            if !body.ends_with("\n\n") {
                body.push('\n');
            }
        }
        copied = range.end;
    }
    add(&mut body, &mut origins, base, copied..base.body.len());
    for range in appended {
        body.push('\n');
        add(&mut body, &mut origins, own, range);
    }
    if origins.is_empty() {
        origins.push(Origin { start: 0, file: &base.file, line: base.body_line });
    }
    Page {
        rel: &base.rel,
        title: own.front.title.as_deref().or(base.front.title.as_deref()).unwrap_or(""),
        description: own.front.description.as_deref().or(base.front.description.as_deref()),
        weight: own.front.weight.or(base.front.weight).unwrap_or(DEFAULT_WEIGHT),
        body: Cow::Owned(body),
        origins,
        updated: base.updated.max(own.updated),
    }
}

/// The worksheets: the programme's file wins over the base file with the same name.
fn worksheets<'a>(
    source: &'a ProgrammeSource,
    base: &Base<'a>,
    problems: &mut Problems,
) -> BTreeMap<String, Data<'a, Worksheet>> {
    let mut out = BTreeMap::new();
    for (id, file) in &source.layer.worksheets {
        match Worksheet::parse(&file.text, &file.path) {
            Ok(ws) => {
                out.insert(id.clone(), Data { value: ws, file });
            }
            Err(d) => problems.push(d),
        }
    }
    for (id, parsed) in &base.worksheets {
        if source.layer.worksheets.contains_key(*id) {
            continue;
        }
        match parsed {
            Ok(ws) => {
                out.insert((*id).to_owned(), Data { value: ws.clone(), file: &base.layer.worksheets[*id] });
            }
            Err(d) => problems.push(d.clone()),
        }
    }
    out
}

/// The roles diagram: the programme's own `roles.yaml`, or the base one without the roles the
/// programme leaves out.
fn roles<'a>(
    source: &'a ProgrammeSource,
    base: &Base<'a>,
    problems: &mut Problems,
) -> (Option<Data<'a, RolesDiagram>>, Vec<String>) {
    let (parsed, file) = match (&source.layer.roles, &base.roles, &base.layer.roles) {
        (Some(file), _, _) => (RolesDiagram::parse(&file.text, &file.path), file),
        (None, Some(parsed), Some(file)) => (parsed.clone(), file),
        _ => return (None, Vec::new()),
    };
    let drop = &source.programme.settings.roles_diagram.drop;
    let ids = parsed.as_ref().map(|d| d.roles.iter().map(|r| r.id.clone()).collect()).unwrap_or_default();
    let kept = parsed
        .map_err(Problems::from)
        .and_then(|d| d.without(drop, &source.settings.path, &source.settings.text));
    match kept {
        Ok(diagram) => (Some(Data { value: diagram, file }), ids),
        Err(p) => {
            problems.extend(p);
            (None, ids)
        }
    }
}

fn check_logo(source: &ProgrammeSource, problems: &mut Problems) {
    let Some(logo) = &source.programme.settings.branding.logo else { return };
    let inside = !logo.split('/').any(|p| p == ".." || p.is_empty()) && !logo.starts_with('/');
    if !inside {
        problems.push(
            at(
                source,
                Diagnostic::error(format!("the logo `{}` points outside the programme folder", logo.value)),
                logo.at,
            )
            .with_help(
                "put the logo in the programme's `assets/` folder and write e.g. `logo: assets/logo.svg`",
            ),
        );
    } else if !source.layer.assets.contains_key(logo.trim()) {
        problems.push(
            at(source, Diagnostic::error(format!("the logo `{}` does not exist", logo.value)), logo.at)
                .with_help("put the file in the programme's `assets/` folder, e.g. `logo: assets/logo.svg`"),
        );
    }
}

impl Resolved<'_> {
    /// The dropped pages (`swot.md`) and sections (`forloebet.md#evaluering`): links to them are
    /// shown as their text.
    pub fn dropped_targets(&self) -> HashSet<String> {
        self.dropped
            .iter()
            .map(|(rel, _)| (*rel).to_owned())
            .chain(self.dropped_sections.iter().cloned())
            .collect()
    }
}
