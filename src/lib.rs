//! `handbook`: one static site per mentoring programme, from Markdown and `programme.yaml`.
//!
//! The entry point is [`build`]. It runs the stages in order, each a module with one job:
//!
//! ```text
//! load      content/ from disk: pages (front matter parsed), data files, assets   -> load.rs
//! resolve   base pages of the language + the programme's overrides -> one list     -> resolve.rs
//! expand    {{ settings | filters }} and components in Markdown                     -> expand.rs
//! render    Markdown -> HTML, headings, links, text; code highlighted              -> render.rs
//! layout    Tera theme: navigation, branding, print view                           -> layout.rs
//! index     search index in the site's language                                    -> index.rs
//! write     all files to a temporary folder, then swapped into site/<programme>/   -> write.rs
//! ```
//!
//! Programmes are independent, and so are the pages of one programme: both are built in
//! parallel. Problems are gathered in [`Problems`]; a programme with an error is not written, so
//! its last good site stays as it was.

// A `Diagnostic` carries its source line and help text, so it is larger than clippy likes in a
// `Result`; errors are the cold path and one allocation per problem is not worth the noise.
#![allow(clippy::result_large_err)]

pub mod calendar;
pub mod diagnostic;
pub mod expand;
pub mod html;
pub mod i18n;
pub mod index;
pub mod lang;
pub mod layout;
pub mod load;
pub mod minify;
pub mod new;
pub mod pdf;
pub mod render;
pub mod resolve;
pub mod roles;
pub mod serve;
pub mod settings;
pub mod worksheet;
pub mod write;
pub mod yaml;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Problems};
use crate::expand::ExpandContext;
use crate::layout::{
    NavEntry, NavLink, PageContext, PageData, PrintContext, PrintSection, SiteContext, SiteWide, Theme, View,
};
use crate::render::RenderedPage;
use crate::resolve::Resolved;
use crate::write::OutputFile;

/// Where to read and write.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub themes: PathBuf,
    pub out: PathBuf,
    /// Programmes to build; all when empty.
    pub programmes: Vec<String>,
    /// `false` checks everything a build checks but writes nothing (`handbook check`).
    pub write: bool,
}

impl BuildOptions {
    /// The layout of a project folder: `content/`, `themes/`, `site/`.
    pub fn in_project(root: &Path) -> Self {
        BuildOptions {
            content: root.join("content"),
            themes: root.join("themes"),
            out: root.join("site"),
            programmes: Vec::new(),
            write: true,
        }
    }
}

/// What one programme's build produced.
#[derive(Debug)]
pub struct SiteSummary {
    pub id: String,
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    pub index_bytes: usize,
}

#[derive(Debug, Default)]
pub struct BuildReport {
    pub sites: Vec<SiteSummary>,
    pub problems: Problems,
    pub elapsed: Duration,
}

/// Builds the chosen programmes. Never panics on bad input: every problem is in the report.
pub fn build(options: &BuildOptions) -> BuildReport {
    let started = Instant::now();
    let mut problems = Problems::default();
    let tree = load::load(&options.content, &options.programmes, &mut problems);
    if problems.has_errors() {
        // A broken base page would break every site; write none of them.
        return BuildReport { problems, elapsed: started.elapsed(), ..BuildReport::default() };
    }
    if tree.programmes.is_empty() && options.programmes.is_empty() {
        problems.push(
            Diagnostic::error("there are no programmes to build")
                .in_file(&options.content)
                .with_help("a programme is a folder with a `programme.yaml`; `handbook new ID --lang da --name \"...\"` creates one"),
        );
    }
    let themes = Themes::new(&options.themes);
    let bases: BTreeMap<lang::Lang, resolve::Base> =
        tree.base.iter().map(|(lang, layer)| (*lang, resolve::Base::new(layer))).collect();
    let results: Vec<(Option<SiteSummary>, Problems)> = tree
        .programmes
        .par_iter()
        .map(|source| {
            let mut problems = Problems::default();
            let summary = resolve::resolve(source, bases.get(&source_lang(source)), &mut problems)
                .and_then(|resolved| build_site(&resolved, &themes, options, &mut problems));
            (summary, problems)
        })
        .collect();
    let mut sites = Vec::new();
    for (summary, p) in results {
        problems.extend(p);
        sites.extend(summary);
    }
    BuildReport { sites, problems, elapsed: started.elapsed() }
}

/// The language a programme asks for, read before full parsing so the right base is chosen;
/// `resolve` reports a bad value properly.
fn source_lang(source: &load::ProgrammeSource) -> lang::Lang {
    source
        .settings
        .text
        .lines()
        .find_map(|l| l.strip_prefix("language:"))
        .and_then(|v| v.split('#').next())
        .and_then(|v| v.trim().trim_matches(['"', '\'']).parse().ok())
        .unwrap_or(lang::Lang::Danish)
}

/// Themes are loaded once each, on first use, and shared by the programmes that use them.
struct Themes {
    dir: PathBuf,
    loaded: std::sync::Mutex<HashMap<String, std::sync::Arc<Result<Theme, Problems>>>>,
}

impl Themes {
    fn new(dir: &Path) -> Self {
        Themes { dir: dir.to_owned(), loaded: Default::default() }
    }

    fn get(&self, name: &str, problems: &mut Problems) -> Option<std::sync::Arc<Result<Theme, Problems>>> {
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        let entry = loaded.entry(name.to_owned()).or_insert_with(|| {
            let theme = Theme::load(&self.dir, name);
            // Reported once, with the first programme that uses the theme.
            if let Ok(t) = &theme {
                problems.extend(t.warnings.clone());
            }
            std::sync::Arc::new(theme)
        });
        let theme = entry.clone();
        if let Err(theme_problems) = theme.as_ref() {
            // Reported with each programme that needs the theme.
            problems.extend(theme_problems.clone());
            return None;
        }
        Some(theme)
    }
}

/// A page on its way through the stages.
struct PageOut<'a> {
    source: &'a load::PageSource,
    url: String,
    rendered: RenderedPage,
    worksheets: Vec<String>,
}

fn html_url(rel: &str) -> String {
    format!("{}.html", rel.strip_suffix(".md").unwrap_or(rel))
}

fn build_site(
    r: &Resolved,
    themes: &Themes,
    options: &BuildOptions,
    problems: &mut Problems,
) -> Option<SiteSummary> {
    let programme = &r.programme;
    let lang = programme.lang();
    let theme_name = programme.settings.theme.as_deref().unwrap_or("default");
    let shared = themes.get(theme_name, problems)?;
    let base_theme = shared.as_ref().as_ref().ok()?;
    let own_theme;
    let theme = if r.theme_overrides.is_empty() {
        base_theme
    } else {
        match base_theme.with_overrides(r.theme_overrides, problems) {
            Ok(t) => {
                own_theme = t;
                &own_theme
            }
            Err(p) => {
                problems.extend(p);
                return None;
            }
        }
    };
    let i18n = theme.i18n.get(&lang)?;

    let dropped: HashSet<String> = programme.settings.pages.drop.iter().map(|d| d.value.clone()).collect();
    // expand + render, page by page in parallel.
    let results: Vec<Result<PageOut, Problems>> = r
        .pages
        .par_iter()
        .map(|page| {
            let url = html_url(&page.rel);
            let root = layout::root_prefix(&url);
            let cx = ExpandContext {
                programme,
                i18n,
                worksheets: &r.worksheets,
                roles: r.roles.as_ref(),
                root: &root,
            };
            let expanded = expand::expand(&page.body, &cx).map_err(|errors| {
                let mut p = Problems::default();
                for e in errors {
                    p.push(e.into_diagnostic(&page.body, &page.file, page.body_line));
                }
                p
            })?;
            let options = render::RenderOptions {
                page_rel: &page.rel,
                allow_raw_html: programme.settings.allow_raw_html,
                dropped: &dropped,
            };
            let rendered = render::render(&expanded, &options);
            Ok(PageOut { source: page, url, rendered, worksheets: expanded.worksheets })
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(p) => pages.push(p),
            Err(p) => problems.extend(p),
        }
    }
    check_links(&pages, problems);
    for (id, file) in &r.own_worksheets {
        if !pages.iter().any(|p| p.worksheets.contains(id)) {
            problems.push(
                Diagnostic::warning(format!("the worksheet `{id}` is not placed on any page"))
                    .in_file(file)
                    .with_help(format!(
                        "place it with `{{{{ worksheet(\"{id}\") }}}}` in a page, or delete the file"
                    )),
            );
        }
    }
    for p in &pages {
        for link in &p.rendered.unlinked {
            problems.push(
                Diagnostic::warning(format!(
                    "the link `{}` points to a page this programme drops; it is shown as plain text",
                    link.written
                ))
                .in_file(&p.source.file)
                .with_help(format!("override `{}` in the programme to reword it", p.source.rel)),
            );
        }
    }
    if problems.has_errors() {
        return None;
    }

    // layout
    let site = SiteContext::new(programme);
    let entries: Vec<NavEntry> = pages
        .iter()
        .map(|p| {
            let (section, name) = p.source.rel.rsplit_once('/').unwrap_or(("", &p.source.rel));
            NavEntry {
                title: p.source.front.title.clone(),
                url: p.url.clone(),
                section: section.to_owned(),
                is_section_index: name == "index.md" && !section.is_empty(),
            }
        })
        .collect();
    let nav_tree = layout::NavTree::new(&entries);
    let strings = SiteWide { lang: lang.code(), t: &i18n.strings, site: &site };
    let site_data = match layout::site_data(&strings) {
        Ok(d) => d,
        Err(d) => {
            problems.push(d);
            return None;
        }
    };
    // One navigation per folder, shared by its pages.
    let mut navs: HashMap<&str, tera::Value> = HashMap::new();
    for e in &entries {
        navs.entry(e.section.as_str()).or_insert_with(|| {
            let root = layout::root_prefix(&e.url);
            tera::Value::from_serializable(&nav_tree.for_folder(&entries, &e.section, &root))
        });
    }
    let staging = match write::Staging::begin(&options.out, &programme.id, options.write) {
        Ok(s) => s,
        Err(e) => {
            problems.push(cannot_write(options, &programme.id, &e));
            return None;
        }
    };
    // Pages go to disk as they are laid out, so a big site is never in memory whole. The print
    // view and the search index are made meanwhile: they need only the rendered pages.
    let lay_out = || -> Vec<Result<(), Diagnostic>> {
        pages
            .par_iter()
            .enumerate()
            .map(|(i, p)| {
                let root = layout::root_prefix(&p.url);
                let link = |j: usize| NavLink {
                    title: entries[j].title.clone(),
                    url: format!("{root}{}", entries[j].url),
                };
                let body = render::for_page(&p.rendered.html);
                let view = PageContext {
                    view: View {
                        root: &root,
                        has_worksheets: !p.worksheets.is_empty(),
                        has_code: p.rendered.has_code,
                    },
                    page: PageData {
                        title: &p.source.front.title,
                        description: p.source.front.description.as_deref(),
                        url: &p.url,
                        body: &body,
                        toc: p.rendered.headings.iter().filter(|h| h.level == 2).collect(),
                        is_front: p.source.rel == "index.md",
                    },
                    prev: i.checked_sub(1).map(link),
                    next: (i + 1 < entries.len()).then(|| link(i + 1)),
                };
                let mut data = site_data.clone();
                if let Some(nav) = navs.get(entries[i].section.as_str()) {
                    data.insert_value("nav", nav.clone());
                }
                let html = theme.render("page.html", data, &view)?;
                staging.put(&p.url, html.as_bytes()).map_err(|e| cannot_write(options, &programme.id, &e))
            })
            .collect()
    };
    // The print view holds every page: the template gets a short mark for each page's body, and
    // the bodies are put in while the file is written, so the whole text is never in memory twice.
    let print_view = || -> Result<(), Diagnostic> {
        let anchors: Vec<String> = pages
            .iter()
            .map(|p| {
                format!("side-{}", html::slug(p.source.rel.strip_suffix(".md").unwrap_or(&p.source.rel)))
            })
            .collect();
        let sections: Vec<PrintSection> = pages
            .iter()
            .zip(&anchors)
            .enumerate()
            .map(|(n, (p, anchor))| PrintSection {
                anchor: anchor.clone(),
                title: &p.source.front.title,
                body: format!("{PRINT_MARK}{n}{PRINT_MARK}"),
            })
            .collect();
        let print = PrintContext {
            view: View {
                root: "",
                has_worksheets: pages.iter().any(|p| !p.worksheets.is_empty()),
                has_code: pages.iter().any(|p| p.rendered.has_code),
            },
            sections,
        };
        let skeleton = theme.render("print.html", site_data.clone(), &print)?;
        let body = |n: usize| {
            let p = pages.get(n)?;
            Some(render::for_print(&p.rendered.html, &anchors[n], &p.source.rel))
        };
        staging
            .put_with("print.html", &|w| splice_print(&skeleton, &body, w))
            .map_err(|e| cannot_write(options, &programme.id, &e))
    };
    let search_index = || {
        let search_pages: Vec<index::SearchPage> = pages
            .iter()
            .map(|p| index::SearchPage {
                title: &p.source.front.title,
                url: &p.url,
                sections: &p.rendered.sections,
            })
            .collect();
        index::build(lang, &search_pages)
    };
    let (laid_out, (print_written, index_js)) =
        rayon::join(lay_out, || rayon::join(print_view, search_index));
    if let Some(d) = laid_out.into_iter().find_map(Result::err) {
        problems.push(d);
        return None;
    }
    if let Err(d) = print_written {
        problems.push(d);
        return None;
    }
    let mut files = Vec::with_capacity(16);

    // the accessibility statement
    let a11y = &programme.settings.accessibility;
    let statement = layout::StatementContext {
        view: View { root: "", has_worksheets: false, has_code: false },
        statement: layout::StatementData {
            status: a11y.status,
            assessed: lang.long_date(a11y.assessed.0.0),
            reviewed: lang.long_date(a11y.reviewed.0.0),
            method: a11y.method,
            assessor: a11y.assessor.as_deref(),
            feedback: &a11y.feedback,
            non_accessible: &a11y.non_accessible,
            was_tool_url: a11y.was_tool_url.as_deref(),
        },
    };
    match theme.render("accessibility.html", site_data, &statement) {
        Ok(html) => files.push(OutputFile::new(lang.statement_page(), html)),
        Err(d) => {
            problems.push(d);
            return None;
        }
    }

    let index_bytes = index_js.len();
    files.push(OutputFile::new("search-index.js", index_js));

    // static files, programme branding, assets, calendar files
    for (path, bytes) in &theme.static_files {
        files.push(OutputFile::new(format!("static/{path}"), bytes.clone()));
    }
    files.push(OutputFile::new("static/highlight.css", render::highlight_css()));
    let accent = programme
        .settings
        .branding
        .accent
        .map(|c| format!(":root {{ --accent: {}; }}\n", c.0))
        .unwrap_or_default();
    files.push(OutputFile::new("static/programme.css", accent));
    for (rel, path) in &r.assets {
        match std::fs::read(path) {
            Ok(bytes) => files.push(OutputFile::new(rel.clone(), bytes)),
            Err(e) => {
                problems.push(Diagnostic::error(format!("cannot read: {e}")).in_file(path));
                return None;
            }
        }
    }
    let stamp = calendar::stamp();
    for (name, event) in programme.settings.dates.iter() {
        let summary = format!("{}: {}", i18n.get(&format!("date_{name}")), programme.settings.name);
        let uid = format!("{name}-{}@handbook", programme.id);
        files.push(OutputFile::new(
            format!("calendar/{name}.ics"),
            calendar::ics(&uid, &summary, event, &stamp),
        ));
    }

    for file in &files {
        if let Err(e) = staging.put(&file.path, &file.bytes) {
            problems.push(cannot_write(options, &programme.id, &e));
            return None;
        }
    }
    let summary = SiteSummary {
        id: programme.id.clone(),
        pages: pages.len(),
        files: staging.files(),
        bytes: staging.bytes(),
        index_bytes,
    };
    if let Err(e) = staging.commit() {
        problems.push(cannot_write(options, &programme.id, &e));
        return None;
    }
    Some(summary)
}

/// Marks a page's place in the print view's template output: a Unicode noncharacter, which
/// no page or template has reason to contain.
const PRINT_MARK: char = '\u{FDD0}';

/// Writes the print view: the template's output with each page mark replaced by that page
/// (a mark that names no page is left as it is).
fn splice_print(
    skeleton: &str,
    body: &dyn Fn(usize) -> Option<String>,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mark = PRINT_MARK.len_utf8();
    let mut rest = skeleton;
    while let Some(start) = rest.find(PRINT_MARK) {
        let after = &rest[start + mark..];
        let page = after.find(PRINT_MARK).and_then(|end| Some((body(after[..end].parse().ok()?)?, end)));
        let Some((html, end)) = page else {
            w.write_all(&rest.as_bytes()[..start + mark])?;
            rest = after;
            continue;
        };
        w.write_all(&rest.as_bytes()[..start])?;
        w.write_all(html.as_bytes())?;
        rest = &after[end + mark..];
    }
    w.write_all(rest.as_bytes())
}

fn cannot_write(options: &BuildOptions, id: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot write the site: {e}")).in_file(options.out.join(id))
}

/// Every internal link must reach a page of the site, and its anchor a heading on that page.
/// All broken links are reported at once.
fn check_links(pages: &[PageOut], problems: &mut Problems) {
    let anchors: HashMap<&str, HashSet<&str>> = pages
        .iter()
        .map(|p| {
            let mut ids: HashSet<&str> = p.rendered.headings.iter().map(|h| h.id.as_str()).collect();
            ids.extend(p.worksheets.iter().map(String::as_str));
            (p.source.rel.as_str(), ids)
        })
        .collect();
    let worksheet_ids: BTreeMap<&str, ()> =
        pages.iter().flat_map(|p| p.worksheets.iter().map(|w| (w.as_str(), ()))).collect();
    for p in pages {
        for link in &p.rendered.links {
            let target = link.page.as_deref().unwrap_or(&p.source.rel);
            let found_line = p.source.body.find(&link.written);
            let at = |d: Diagnostic| match found_line {
                Some(offset) => {
                    let mut d = d.in_file(&p.source.file).at_offset(&p.source.body, offset);
                    d.line = d.line.map(|l| l + p.source.body_line - 1);
                    d
                }
                None => d.in_file(&p.source.file),
            };
            if target.starts_with('/') {
                problems.push(at(Diagnostic::error(format!("the link `{}` leaves the site or starts with `/`", link.written))
                    .with_help("links between pages are relative, e.g. `../forloebet.md`, so the site works under any folder and from a file share")));
                continue;
            }
            let Some(ids) = anchors.get(target) else {
                problems.push(at(Diagnostic::error(format!(
                    "the link `{}` points to a page that does not exist",
                    link.written
                ))
                .with_help(format!(
                    "the pages are: {}",
                    anchors
                        .keys()
                        .copied()
                        .collect::<std::collections::BTreeSet<_>>()
                        .into_iter()
                        .collect::<Vec<_>>()
                        .join(", ")
                ))));
                continue;
            };
            if let Some(anchor) = &link.anchor {
                let ws_anchor = anchor.strip_prefix("ws-").is_some_and(|w| worksheet_ids.contains_key(w));
                let known = ids.contains(anchor.as_str()) || ws_anchor || anchor.is_empty();
                if !known {
                    let mut list: Vec<&str> = ids.iter().copied().collect();
                    list.sort();
                    problems.push(at(Diagnostic::error(format!(
                        "the link `{}` points to `#{anchor}`, which is not a heading on `{target}`",
                        link.written
                    ))
                    .with_help(format!(
                        "the headings there are: {}",
                        list.iter().map(|a| format!("#{a}")).collect::<Vec<_>>().join(", ")
                    ))));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{PRINT_MARK, splice_print};

    #[test]
    fn the_print_view_gets_each_page_where_its_mark_is_and_odd_marks_stay_text() {
        let m = PRINT_MARK;
        let skeleton = format!("<h1>A</h1>{m}0{m}<hr>{m}1{m}{m}1{m} {m}7{m} {m}x{m}");
        let pages = ["<p>zero</p>", "<p>one</p>"];
        let body = |n: usize| pages.get(n).map(|p| p.to_string());
        let mut out = Vec::new();
        splice_print(&skeleton, &body, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("<h1>A</h1><p>zero</p><hr><p>one</p><p>one</p> {m}7{m} {m}x{m}")
        );
    }
}
