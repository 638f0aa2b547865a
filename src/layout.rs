//! Stage 5, layout: rendered pages into complete HTML documents with the theme.
//!
//! Input: a [`Theme`] (Tera templates, static files, interface strings), the resolved programme
//! and its [`RenderedPage`]s. Output: the HTML of each page, and of the print view of the whole
//! handbook. Template data is the typed [`PageContext`]; templates never see anything else.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Problems};
use crate::i18n::I18n;
use crate::lang::Lang;
use crate::render::Heading;
use crate::settings::{Contact, Programme};

/// Templates a theme must have.
pub const TEMPLATES: &[&str] = &["base.html", "page.html", "print.html", "accessibility.html"];

/// A theme as loaded from `themes/<name>/`, possibly with a programme's overrides applied.
pub struct Theme {
    pub name: String,
    tera: tera::Tera,
    pub i18n: BTreeMap<Lang, I18n>,
    /// Files copied to `static/` of every site: path inside `static/` and content.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Templates as text, by name, so overrides can be layered on.
    templates: BTreeMap<String, (PathBuf, String)>,
    /// What loading the theme found wrong but could go on with (a script published unminified).
    pub warnings: Problems,
}

fn read(path: &Path) -> Result<String, Diagnostic> {
    crate::load::read_text(path).map(|f| f.text)
}

impl Theme {
    pub fn load(themes: &Path, name: &str) -> Result<Theme, Problems> {
        let dir = themes.join(name);
        if !dir.is_dir() {
            let known: Vec<String> = fs::read_dir(themes)
                .map(|rd| {
                    rd.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect()
                })
                .unwrap_or_default();
            return Err(Diagnostic::error(format!("there is no theme `{name}`"))
                .in_file(&dir)
                .with_help(format!("the themes are: {}", known.join(", ")))
                .into());
        }
        let mut problems = Problems::default();
        let mut templates = BTreeMap::new();
        for entry in walkdir::WalkDir::new(dir.join("templates")).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e.path().strip_prefix(dir.join("templates")).unwrap_or(e.path());
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    match read(e.path()) {
                        Ok(text) => {
                            templates.insert(rel, (e.path().to_owned(), text));
                        }
                        Err(d) => problems.push(d),
                    }
                }
                Ok(_) => {}
                Err(e) => problems
                    .push(Diagnostic::error(format!("cannot read: {e}")).in_file(dir.join("templates"))),
            }
        }
        let mut static_files = BTreeMap::new();
        for entry in walkdir::WalkDir::new(dir.join("static")).sort_by_file_name() {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = e
                        .path()
                        .strip_prefix(dir.join("static"))
                        .unwrap_or(e.path())
                        .to_string_lossy()
                        .replace('\\', "/");
                    match fs::read(e.path()) {
                        Ok(bytes) => {
                            let (bytes, warning) = crate::minify::static_file(e.path(), bytes);
                            if let Some(w) = warning {
                                problems.push(w);
                            }
                            static_files.insert(rel, bytes);
                        }
                        Err(err) => {
                            problems.push(Diagnostic::error(format!("cannot read: {err}")).in_file(e.path()))
                        }
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    problems.push(Diagnostic::error(format!("cannot read: {e}")).in_file(dir.join("static")))
                }
            }
        }
        let mut i18n = BTreeMap::new();
        for lang in Lang::ALL {
            let file = dir.join("i18n").join(format!("{}.yaml", lang.code()));
            match read(&file).and_then(|text| I18n::parse(lang, &text, &file)) {
                Ok(strings) => {
                    i18n.insert(lang, strings);
                }
                Err(d) => problems.push(d),
            }
        }
        check_same_keys(&i18n, &dir, &mut problems);
        if problems.has_errors() {
            return Err(problems);
        }
        let tera = compile(&templates)?;
        Ok(Theme { name: name.to_owned(), tera, i18n, static_files, templates, warnings: problems })
    }

    /// This theme with a programme's `theme/templates/*` and `theme/static/*` files on top.
    /// Warnings (an override that overrides nothing) go to `warnings`.
    pub fn with_overrides(
        &self,
        overrides: &BTreeMap<String, PathBuf>,
        warnings: &mut Problems,
    ) -> Result<Theme, Problems> {
        let mut templates = self.templates.clone();
        let mut static_files = self.static_files.clone();
        let mut problems = Problems::default();
        for (rel, path) in overrides {
            if let Some(name) = rel.strip_prefix("templates/") {
                if !self.templates.contains_key(name) {
                    let known: Vec<&str> = self.templates.keys().map(String::as_str).collect();
                    problems.push(
                        Diagnostic::warning(format!(
                            "this overrides nothing: the theme has no template `{name}`"
                        ))
                        .in_file(path)
                        .with_help(format!("the theme's templates are: {}", known.join(", "))),
                    );
                }
                match read(path) {
                    Ok(text) => {
                        templates.insert(name.to_owned(), (path.clone(), text));
                    }
                    Err(d) => problems.push(d),
                }
            } else if let Some(name) = rel.strip_prefix("static/") {
                match fs::read(path) {
                    Ok(bytes) => {
                        let (bytes, warning) = crate::minify::static_file(path, bytes);
                        if let Some(w) = warning {
                            problems.push(w);
                        }
                        static_files.insert(name.to_owned(), bytes);
                    }
                    Err(e) => problems.push(Diagnostic::error(format!("cannot read: {e}")).in_file(path)),
                }
            } else {
                problems.push(
                    Diagnostic::warning(
                        "ignored: a programme's `theme/` folder holds `templates/` and `static/`",
                    )
                    .in_file(path),
                );
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        warnings.extend(problems);
        let tera = compile(&templates)?;
        Ok(Theme {
            name: self.name.clone(),
            tera,
            i18n: self.i18n.clone(),
            static_files,
            templates,
            warnings: Problems::default(),
        })
    }

    /// Renders `template` with the site's data (see [`site_data`]) and the view's own.
    pub fn render(
        &self,
        template: &str,
        mut site: tera::Context,
        view: &impl Serialize,
    ) -> Result<String, Diagnostic> {
        let file = self.templates.get(template).map(|(p, _)| p.clone());
        let view = tera::Context::from_serialize(view)
            .map_err(|e| Diagnostic::error(format!("template data: {e}")))?;
        site.extend(view);
        self.tera.render(template, &site).map_err(|e| {
            template_error(&e, file.as_deref(), self.templates.get(template).map(|(_, t)| t.as_str()))
        })
    }
}

/// The template data every view of a site shares, converted once per site (template values are
/// shared, so each page's copy costs a few pointers).
pub fn site_data(shared: &SiteWide) -> Result<tera::Context, Diagnostic> {
    tera::Context::from_serialize(shared).map_err(|e| Diagnostic::error(format!("template data: {e}")))
}

/// Every language of a theme must have the same interface strings: a string missing in one
/// language would be a blank button there.
fn check_same_keys(i18n: &BTreeMap<Lang, I18n>, dir: &Path, problems: &mut Problems) {
    for (lang, strings) in i18n {
        for (other_lang, other) in i18n {
            let missing: Vec<&str> = other
                .strings
                .keys()
                .filter(|k| !strings.strings.contains_key(*k))
                .map(String::as_str)
                .collect();
            if lang != other_lang && !missing.is_empty() {
                problems.push(
                    Diagnostic::error(format!(
                        "interface strings missing for `{lang}` that `{other_lang}` has: {}",
                        missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    ))
                    .in_file(dir.join("i18n").join(format!("{}.yaml", lang.code()))),
                );
            }
        }
    }
}

fn compile(templates: &BTreeMap<String, (PathBuf, String)>) -> Result<tera::Tera, Problems> {
    let mut problems = Problems::default();
    for required in TEMPLATES {
        if !templates.contains_key(*required) {
            problems.push(Diagnostic::error(format!("the theme has no template `{required}`")));
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html"]);
    if let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, (_, t))| (n.as_str(), t.as_str()))) {
        // A syntax error names its template; report it against that file.
        let culprit = match e.kind() {
            tera::ErrorKind::SyntaxError(report) => templates.get(report.filename()),
            _ => None,
        };
        problems.push(template_error(
            &e,
            culprit.map(|(p, _)| p.as_path()),
            culprit.map(|(_, t)| t.as_str()),
        ));
        return Err(problems);
    }
    Ok(tera)
}

fn error_text(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Tera's errors carry a span; turn it into our file:line:column report.
fn template_error(e: &tera::Error, file: Option<&Path>, text: Option<&str>) -> Diagnostic {
    let mut d = Diagnostic::error(format!("template error: {}", first_line(&error_text(e))));
    if let Some(f) = file {
        d = d.in_file(f);
    }
    if let (tera::ErrorKind::SyntaxError(report), Some(text)) = (e.kind(), text) {
        let span = report.span();
        d = d.at(text, span.start_line, span.start_col + 1);
        d.message = format!("template error: {}", report.message());
    }
    d
}

fn first_line(s: &str) -> String {
    s.lines().find(|l| !l.trim().is_empty()).unwrap_or(s).trim().to_owned()
}

/// One entry of the navigation, with a URL relative to the pages showing it.
#[derive(Clone, Debug, Serialize)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    /// The page's URL from the site root, to compare with `page.url` (the current page).
    pub path: String,
    /// A folder holding the pages that show this navigation: its pages are listed.
    pub open: bool,
    pub children: Vec<NavItem>,
}

#[derive(Clone, Debug, Serialize)]
pub struct NavLink {
    pub title: String,
    pub url: String,
}

/// Facts about the site shown on every page.
#[derive(Debug, Serialize)]
pub struct SiteContext<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub organisation: &'a str,
    pub unit: Option<&'a str>,
    pub logo: Option<&'a str>,
    pub contacts: &'a [Contact],
    /// The generated statement page, from the site root.
    pub statement_page: &'static str,
    /// Where the footer's statement link goes when the statement lives elsewhere (WAS-Tool).
    pub statement_external: Option<&'a str>,
}

impl<'a> SiteContext<'a> {
    pub fn new(p: &'a Programme) -> Self {
        let s = &p.settings;
        SiteContext {
            id: &p.id,
            name: &s.name,
            organisation: &s.organisation,
            unit: s.unit.as_deref(),
            logo: s.branding.logo.as_deref(),
            contacts: &s.contacts,
            statement_page: p.lang().statement_page(),
            statement_external: match p.lang() {
                Lang::Danish => s.accessibility.was_tool_url.as_deref(),
                Lang::Swedish => None,
            },
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PageData<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// The page's own URL from the site root (`vaerktoejer/swot.html`).
    pub url: &'a str,
    pub body: &'a str,
    pub toc: Vec<&'a Heading>,
    pub is_front: bool,
}

/// What every template of a site sees, whatever the page.
#[derive(Debug, Serialize)]
pub struct SiteWide<'a> {
    pub lang: &'static str,
    /// The interface strings of the site's language.
    pub t: &'a BTreeMap<String, String>,
    pub site: &'a SiteContext<'a>,
}

/// What every template sees that depends on the page.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    /// `../` repeated to the site root, or empty.
    pub root: &'a str,
    /// The page has a worksheet, so the worksheet script is loaded.
    pub has_worksheets: bool,
    /// The page has code, so the highlighting stylesheet is loaded.
    pub has_code: bool,
}

/// Everything `page.html` sees besides [`SiteWide`] and `nav`, the navigation (a list of
/// [`NavItem`]s shared by the pages of a folder).
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    #[serde(flatten)]
    pub view: View<'a>,
    pub page: PageData<'a>,
    pub prev: Option<NavLink>,
    pub next: Option<NavLink>,
}

/// One page of the print view.
#[derive(Debug, Serialize)]
pub struct PrintSection<'a> {
    pub anchor: String,
    pub title: &'a str,
    pub body: String,
}

/// Everything `print.html` sees besides [`SiteWide`].
#[derive(Debug, Serialize)]
pub struct PrintContext<'a> {
    #[serde(flatten)]
    pub view: View<'a>,
    pub sections: Vec<PrintSection<'a>>,
}

/// The accessibility statement's facts, worded for the page.
#[derive(Debug, Serialize)]
pub struct StatementData<'a> {
    pub status: crate::settings::Conformance,
    pub assessed: String,
    pub reviewed: String,
    pub method: crate::settings::AssessmentMethod,
    pub assessor: Option<&'a str>,
    pub feedback: &'a crate::settings::Feedback,
    pub non_accessible: &'a [crate::settings::NonAccessible],
    pub was_tool_url: Option<&'a str>,
}

/// Everything `accessibility.html` sees besides [`SiteWide`].
#[derive(Debug, Serialize)]
pub struct StatementContext<'a> {
    #[serde(flatten)]
    pub view: View<'a>,
    pub statement: StatementData<'a>,
}

/// A page's place in the site, for navigation.
#[derive(Clone, Debug)]
pub struct NavEntry {
    pub title: String,
    /// `vaerktoejer/swot.html`
    pub url: String,
    /// `vaerktoejer` for pages in a folder, `` at the top.
    pub section: String,
    /// The page is its folder's `index`.
    pub is_section_index: bool,
}

/// `../` repeated for a URL's depth.
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// The shape of a site's navigation, computed once: the top-level entries in order, and the
/// entries inside each folder that has an index page. A page's navigation is then built from the
/// top level and its own folder only, so the cost per page does not grow with the whole site.
pub struct NavTree {
    top: Vec<usize>,
    children: std::collections::HashMap<String, Vec<usize>>,
}

impl NavTree {
    pub fn new(entries: &[NavEntry]) -> Self {
        let indexed: std::collections::HashSet<&str> =
            entries.iter().filter(|e| e.is_section_index).map(|e| e.section.as_str()).collect();
        let mut tree = NavTree { top: Vec::new(), children: std::collections::HashMap::new() };
        for (i, e) in entries.iter().enumerate() {
            let nested = !e.section.is_empty() && !e.is_section_index && indexed.contains(e.section.as_str());
            if nested {
                tree.children.entry(e.section.clone()).or_default().push(i);
            } else {
                tree.top.push(i);
            }
        }
        tree
    }

    /// The navigation as seen from the pages of `folder` (`` for the top level): the top level,
    /// with that folder open. The pages of one folder share it; `root` leads from them to the
    /// site root.
    pub fn for_folder(&self, entries: &[NavEntry], folder: &str, root: &str) -> Vec<NavItem> {
        let item = |i: usize| NavItem {
            title: entries[i].title.clone(),
            url: format!("{root}{}", entries[i].url),
            path: entries[i].url.clone(),
            open: false,
            children: Vec::new(),
        };
        self.top
            .iter()
            .map(|&i| {
                let mut top = item(i);
                let e = &entries[i];
                if e.is_section_index && e.section == folder {
                    top.open = true;
                    top.children = self
                        .children
                        .get(&e.section)
                        .map_or_else(Vec::new, |c| c.iter().map(|&j| item(j)).collect());
                }
                top
            })
            .collect()
    }
}
