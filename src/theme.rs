//! Themes: the Tera templates, static files and interface strings a site is made with.
//!
//! Input: `themes/<name>/` (`templates/`, `static/`, `i18n/<lang>.yaml`), and a programme's
//! `theme/templates/*` and `theme/static/*` files, which replace single files of it. Output: a
//! [`Theme`] that renders a named template with typed data, and its static files (scripts
//! minified). Themes are loaded once each ([`Themes`]) and shared by the programmes that use
//! them. Every markup of a site is in these templates, components included
//! (`templates/components/*.html`), so a theme or a programme can change any of it.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Problems};
use crate::index::SearchWords;
use crate::lang::Lang;
use crate::load::SourceFile;
use crate::strings::Strings;

/// Templates a theme must have.
pub(crate) const TEMPLATES: &[&str] = &[
    "base.html",
    "page.html",
    "nav.html",
    "print.html",
    "accessibility.html",
    "components/worksheet.html",
    "components/roles-diagram.html",
    "components/contacts.html",
    "components/key-dates.html",
    "components/page-list.html",
];

/// A theme's interface strings in one language, with the file they came from, and the words
/// its search knows (`i18n/<lang>.search.yaml`: synonyms and question words).
pub(crate) struct ThemeStrings {
    pub strings: Strings,
    pub file: SourceFile,
    pub search: SearchWords,
}

/// A theme as loaded from `themes/<name>/`, possibly with a programme's overrides applied.
pub(crate) struct Theme {
    tera: tera::Tera,
    strings: Arc<BTreeMap<Lang, ThemeStrings>>,
    /// Files copied to `static/` of every site: path inside `static/` and content.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Templates as text, by name, so overrides can be layered on.
    templates: BTreeMap<String, (PathBuf, String)>,
}

fn read(path: &Path) -> Result<String, Diagnostic> {
    crate::load::read_text(path).map(|f| f.text)
}

/// The files under `dir`, by their path relative to it (with `/`), in order.
fn files_under(dir: &Path, problems: &mut Problems) -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path()).to_string_lossy().replace('\\', "/");
                files.push((rel, e.into_path()));
            }
            Ok(_) => {}
            Err(e) => problems.push(Diagnostic::error(format!("cannot read: {e}")).in_file(dir)),
        }
    }
    files
}

/// A static file as published: scripts minified (a script that does not parse is published as
/// written, with a warning).
fn static_file(path: &Path, problems: &mut Problems) -> Option<Vec<u8>> {
    match fs::read(path) {
        Ok(bytes) => {
            let (bytes, warning) = crate::minify::static_file(path, bytes);
            problems.extend(warning.map(Problems::from).unwrap_or_default());
            Some(bytes)
        }
        Err(e) => {
            problems.push(Diagnostic::error(format!("cannot read: {e}")).in_file(path));
            None
        }
    }
}

impl Theme {
    /// Loads `themes/<name>/`; warnings (a script published unminified) go to `warnings`.
    fn load(themes: &Path, name: &str, warnings: &mut Problems) -> Result<Theme, Problems> {
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
        for (rel, path) in files_under(&dir.join("templates"), &mut problems) {
            match read(&path) {
                Ok(text) => {
                    templates.insert(rel, (path, text));
                }
                Err(d) => problems.push(d),
            }
        }
        let mut static_files = BTreeMap::new();
        for (rel, path) in files_under(&dir.join("static"), &mut problems) {
            if let Some(bytes) = static_file(&path, &mut problems) {
                static_files.insert(rel, bytes);
            }
        }
        let mut strings = BTreeMap::new();
        for lang in Lang::ALL {
            let path = dir.join("i18n").join(format!("{}.yaml", lang.code()));
            let search_path = dir.join("i18n").join(format!("{}.search.yaml", lang.code()));
            let loaded = crate::load::read_text(&path).and_then(|file| {
                let parsed = Strings::parse(&file.text, &path)?;
                let search = crate::load::read_text(&search_path)
                    .and_then(|f| crate::yaml::parse::<SearchWords>(&f.text, &search_path, 0))?;
                Ok(ThemeStrings { strings: parsed, file, search })
            });
            match loaded {
                Ok(theme_strings) => {
                    strings.insert(lang, theme_strings);
                }
                Err(d) => problems.push(d),
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        warnings.extend(problems);
        let tera = compile(&templates)?;
        Ok(Theme { tera, strings: Arc::new(strings), static_files, templates })
    }

    /// The interface strings of `lang`.
    pub fn strings(&self, lang: Lang) -> Option<&ThemeStrings> {
        self.strings.get(&lang)
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
                if let Some(bytes) = static_file(path, &mut problems) {
                    static_files.insert(name.to_owned(), bytes);
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
        Ok(Theme { tera, strings: self.strings.clone(), static_files, templates })
    }

    /// Renders `template` with the site's data (see [`site_data`]) and the view's own.
    pub fn render(
        &self,
        template: &str,
        site: tera::Context,
        view: &impl Serialize,
    ) -> Result<String, Diagnostic> {
        let mut bytes = Vec::new();
        self.render_into(template, site, view, &mut bytes)?;
        // Tera writes only the template's and the values' text, so this cannot fail.
        String::from_utf8(bytes).map_err(|e| Diagnostic::error(format!("template output: {e}")))
    }

    /// [`Theme::render`] onto the end of `out`, for a view that is written out as it is: no look
    /// through the bytes to prove them text (2 % of a large build).
    pub fn render_into(
        &self,
        template: &str,
        mut site: tera::Context,
        view: &impl Serialize,
        out: &mut Vec<u8>,
    ) -> Result<(), Diagnostic> {
        let view = tera::Context::from_serialize(view)
            .map_err(|e| Diagnostic::error(format!("template data: {e}")))?;
        site.extend(view);
        self.tera.render_to(template, &site, out).map_err(|e| {
            let (file, text) = match self.templates.get(template) {
                Some((p, t)) => (Some(p.as_path()), Some(t.as_str())),
                None => (None, None),
            };
            template_error(&e, file, text)
        })
    }
}

/// The template data every view of a site shares, converted once per site (template values are
/// shared, so each page's copy costs a few pointers).
pub(crate) fn site_data(shared: &impl Serialize) -> Result<tera::Context, Diagnostic> {
    tera::Context::from_serialize(shared).map_err(|e| Diagnostic::error(format!("template data: {e}")))
}

/// Tera's escaping, the same entities, but the text between them written whole: Tera's own
/// writes byte by byte through `dyn Write`, which was a third of rendering a page.
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    crate::html::escape_with(input, |part| out.write_all(part.as_bytes()))
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
    tera.set_escape_fn(escape_html);
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
    let first = error_text(e);
    let first = first.lines().find(|l| !l.trim().is_empty()).unwrap_or(&first).trim().to_owned();
    let mut d = Diagnostic::error(format!("template error: {first}"));
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

/// Themes are loaded once each, on first use, and shared by the programmes that use them.
pub(crate) struct Themes {
    dir: PathBuf,
    loaded: Mutex<HashMap<String, Loaded>>,
}

/// A theme as loaded, and the warnings of its loading until a programme that needs it takes
/// them.
struct Loaded {
    theme: Result<Arc<Theme>, Problems>,
    warnings: Problems,
}

impl Themes {
    pub fn new(dir: &Path) -> Self {
        Themes { dir: dir.to_owned(), loaded: Default::default() }
    }

    /// Loads the theme `name` now (its templates compiled), so that the programmes find it
    /// ready: called beside reading the content folder, which does not need it.
    pub fn preload(&self, name: &str) {
        self.with(name, |_| ());
    }

    /// The theme `name`; its problems are reported with each programme that needs it, its
    /// warnings with the first.
    pub fn get(&self, name: &str, warnings: &mut Problems) -> Result<Arc<Theme>, Problems> {
        self.with(name, |loaded| {
            warnings.extend(std::mem::take(&mut loaded.warnings));
            loaded.theme.clone()
        })
    }

    fn with<R>(&self, name: &str, f: impl FnOnce(&mut Loaded) -> R) -> R {
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        let entry = loaded.entry(name.to_owned()).or_insert_with(|| {
            let mut warnings = Problems::default();
            let theme = Theme::load(&self.dir, name, &mut warnings).map(Arc::new);
            Loaded { theme, warnings }
        });
        f(entry)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping_writes_what_teras_own_writes() {
        let text = "a&b<c>d\"e'f – æ\u{1F600}&";
        let (mut ours, mut teras) = (Vec::new(), Vec::new());
        super::escape_html(text, &mut ours).unwrap();
        tera::escape_html(text, &mut teras).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(teras).unwrap());
    }
}
