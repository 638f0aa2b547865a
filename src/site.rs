//! Building one programme's site: the stages after resolve, as a list of named steps.
//!
//! Input: a [`Resolved`] programme, the themes and the build options. Output: the site written to
//! `<out>/<id>/` (swapped in whole), and a [`SiteSummary`]; or every problem that stopped it, in
//! which case nothing of the site was changed. Each step returns `Result<_, Problems>`; warnings
//! go to the `warnings` passed along.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::components::{Host, Listed, calendar_file};
use crate::diagnostic::{Diagnostic, Problems};
use crate::index::SearchWords;
use crate::layout::{self, NavEntry, NavLink, NavTree, PageContext, PageData, SiteContext, SiteWide, View};
use crate::markdown::{self, Rendered, Source};
use crate::resolve::{Page, Resolved};
use crate::roles::RolesDiagram;
use crate::settings::Colour;
use crate::strings::Strings;
use crate::theme::{Theme, Themes};
use crate::vocabulary::{Present, Vocabulary};
use crate::worksheet::Worksheet;
use crate::write::{OutputFile, Staging};
use crate::{BuildOptions, SiteSummary, timed};

/// Builds one site.
pub(crate) fn build(
    r: &Resolved,
    themes: &Themes,
    options: &BuildOptions,
    warnings: &mut Problems,
) -> Result<SiteSummary, Problems> {
    let id = r.programme.id.as_str();
    let theme = theme(r, themes, warnings)?;
    let words = Words::new(r, &theme)?;
    let site = SiteContext::new(r.programme);
    let site_data = site_data(r, &words, &site)?;
    let indexes = folder_indexes(r, &words.strings);
    let generated: Vec<Page> = indexes.iter().map(|i| i.page(r)).collect();
    let all = with_folder_indexes(&r.pages, &generated);
    // The previous build's folder is surveyed while the pages are rendered (it is not published,
    // and nothing is written into it before the pages are ready).
    let (pages, staging) = rayon::join(
        || timed(id, "markdown", || render_pages(r, &all, &theme, &words, &site_data, warnings)),
        || timed(id, "survey", || begin(r, options)),
    );
    let pages = pages?;
    let extras = extra_files(r, &theme, &words, pages.iter().any(|b| b.rendered.has_code))?;
    timed(id, "checks", || {
        warn_about_dropped_names(r, &pages, warnings);
        warn_about_unplaced_worksheets(r, &pages, warnings);
        check_links(r, &pages, &extras, warnings)
    })?;
    let staging = staging?;
    let (laid_out, (printed, index)) = timed(id, "pages+print+index", || {
        rayon::join(
            || timed(id, "pages", || lay_out(r, &pages, &theme, &site_data, &staging)),
            || {
                rayon::join(
                    || timed(id, "print", || print_view(r, &pages, &theme, &site_data, &staging)),
                    || timed(id, "index", || search_index(r, &pages, &words.search)),
                )
            },
        )
    });
    laid_out?;
    printed?;
    let index_bytes = index.len();
    let statement = layout::statement(&theme, &site_data, r.programme).transpose().map_err(Problems::from)?;
    let files = extras
        .into_iter()
        .chain([OutputFile::new("search-index.js", index)])
        .chain(statement.map(|html| OutputFile::new(r.programme.lang().statement_page(), html)));
    write_files(r, options, &staging, files)?;
    let summary = SiteSummary {
        id: r.programme.id.clone(),
        pages: pages.len(),
        files: staging.files(),
        bytes: staging.bytes(),
        index_bytes,
    };
    // Thousands of pages' HTML and text are freed by all threads while the site is swapped in.
    let (committed, ()) = rayon::join(
        || timed(id, "commit", || staging.commit()),
        move || pages.into_par_iter().for_each(drop),
    );
    committed.map_err(|e| cannot_write(options, r, &e))?;
    Ok(summary)
}

/// The programme's theme, with its own template and static files on top.
fn theme(r: &Resolved, themes: &Themes, warnings: &mut Problems) -> Result<Arc<Theme>, Problems> {
    let name = r.programme.settings.theme.as_deref().unwrap_or("default");
    let shared = themes.get(name, warnings)?;
    if r.theme_overrides.is_empty() {
        return Ok(shared);
    }
    shared.with_overrides(r.theme_overrides, warnings).map(Arc::new)
}

/// The programme's interface strings and data in its own words.
struct Words {
    strings: Strings,
    /// The theme's synonyms and question words with the programme's own synonyms.
    search: SearchWords,
    worksheets: BTreeMap<String, Worksheet>,
    diagram: Option<RolesDiagram>,
}

impl Words {
    fn new(r: &Resolved, theme: &Theme) -> Result<Words, Problems> {
        let p = r.programme;
        let v = vocabulary(r);
        let mut problems = Problems::default();
        let strings = match theme.strings(p.lang()) {
            Some(theme_strings) => {
                let file = &theme_strings.file;
                theme_strings
                    .strings
                    .worded(
                        &p.settings.strings,
                        &v,
                        (&file.path, &file.text),
                        (&r.settings.path, &r.settings.text),
                    )
                    .map_err(|e| problems.extend(e))
                    .ok()
            }
            None => {
                problems.push(
                    Diagnostic::error(format!("the theme has no interface strings for `{}`", p.lang()))
                        .in_file(&p.file),
                );
                None
            }
        };
        let mut worksheets = BTreeMap::new();
        for (id, data) in &r.worksheets {
            match data.value.worded(&v, &data.file.path, &data.file.text) {
                Ok(ws) => {
                    worksheets.insert(id.clone(), ws);
                }
                Err(e) => problems.extend(e),
            }
        }
        let diagram = r.roles.as_ref().and_then(|d| {
            d.value.worded(&v, &d.file.path, &d.file.text).map_err(|e| problems.extend(e)).ok()
        });
        match strings {
            Some(strings) if !problems.has_errors() => {
                let mut search = theme.strings(p.lang()).map(|t| t.search.clone()).unwrap_or_default();
                search.synonyms.extend(p.settings.synonyms.iter().cloned());
                Ok(Words { strings, search, worksheets, diagram })
            }
            _ => Err(problems),
        }
    }
}

fn vocabulary<'a>(r: &'a Resolved) -> Vocabulary<'a> {
    let diagram = r.roles.as_ref().map(|d| Present {
        kept: d.value.roles.iter().map(|role| role.id.as_str()).collect(),
        known: r.role_ids.iter().map(String::as_str).collect(),
    });
    let kept: Vec<&str> = r.pages.iter().map(|p| p.rel).collect();
    let known = kept.iter().copied().chain(r.dropped.iter().map(|(rel, _)| *rel)).collect();
    Vocabulary::new(r.programme, diagram, Some(Present { kept, known }))
}

/// The template data every view of the site shares.
fn site_data(r: &Resolved, words: &Words, site: &SiteContext) -> Result<tera::Context, Problems> {
    let shared = SiteWide { lang: r.programme.lang().code(), t: &words.strings, site };
    crate::theme::site_data(&shared).map_err(Problems::from)
}

/// The index page of a folder that has no `index.md` and more pages than the navigation lists
/// in full: its heading and the folder's pages (the `page_list()` component), so that every page
/// stays one link from the navigation, which shows only the pages near the current one.
struct FolderIndex {
    /// `folder/index.md`
    rel: String,
    title: String,
}

impl FolderIndex {
    fn page<'a>(&'a self, r: &'a Resolved) -> Page<'a> {
        let folder = self.rel.trim_end_matches("/index.md");
        let listed = r.pages.iter().filter(|p| p.rel.rsplit_once('/').is_some_and(|(f, _)| f == folder));
        let first = listed.clone().next();
        Page {
            rel: &self.rel,
            title: &self.title,
            description: None,
            weight: first.map_or(crate::load::DEFAULT_WEIGHT, |p| p.weight),
            body: "{{ page_list() }}\n".into(),
            // Messages about it, should there be any, name the folder's first page.
            origins: first.map(|p| p.origins.iter().take(1).cloned().collect()).unwrap_or_default(),
            // As new as the newest page it lists.
            updated: listed.filter_map(|p| p.updated).max(),
        }
    }
}

/// The folders that need a [`FolderIndex`].
fn folder_indexes(r: &Resolved, strings: &Strings) -> Vec<FolderIndex> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut indexed = HashSet::new();
    for page in &r.pages {
        match page.rel.rsplit_once('/') {
            Some((folder, "index.md")) => {
                indexed.insert(folder);
            }
            Some((folder, _)) => *counts.entry(folder).or_default() += 1,
            None => {}
        }
    }
    counts
        .into_iter()
        .filter(|(folder, n)| *n > layout::NAV_FULL && !indexed.contains(folder))
        .map(|(folder, _)| {
            let name = folder.rsplit('/').next().unwrap_or(folder);
            FolderIndex {
                rel: format!("{folder}/index.md"),
                title: strings.folder_index.value.replace("{folder}", name),
            }
        })
        .collect()
}

/// The site's pages in navigation order, each generated folder index just before its folder's
/// first page.
fn with_folder_indexes<'a>(pages: &'a [Page<'a>], indexes: &'a [Page<'a>]) -> Vec<&'a Page<'a>> {
    let mut out = Vec::with_capacity(pages.len() + indexes.len());
    let mut placed = HashSet::new();
    for page in pages {
        let folder = page.rel.rsplit_once('/').map(|(f, _)| f);
        let index = indexes.iter().position(|i| Some(i.rel.trim_end_matches("/index.md")) == folder);
        if let Some(n) = index
            && placed.insert(n)
        {
            out.push(&indexes[n]);
        }
        out.push(page);
    }
    out
}

/// A page on its way through the steps.
struct Built<'a> {
    page: &'a Page<'a>,
    url: String,
    rendered: Rendered,
}

/// Every page through the Markdown wing, in parallel.
fn render_pages<'a>(
    r: &Resolved,
    all: &[&'a Page<'a>],
    theme: &Theme,
    words: &Words,
    site_data: &tera::Context,
    warnings: &mut Problems,
) -> Result<Vec<Built<'a>>, Problems> {
    let listed: Vec<Listed> =
        all.iter().map(|p| Listed { rel: p.rel, title: p.title, description: p.description }).collect();
    let host = Host {
        theme,
        site: site_data,
        programme: r.programme,
        strings: &words.strings,
        worksheets: &words.worksheets,
        diagram: words.diagram.as_ref(),
        pages: &listed,
        made: Default::default(),
    };
    let v = vocabulary(r);
    let dropped = r.dropped_targets();
    let t = &words.strings;
    let labels = markdown::Labels {
        note: &t.callout_note,
        tip: &t.callout_tip,
        important: &t.callout_important,
        warning: &t.callout_warning,
        caution: &t.callout_caution,
        heading_link: &t.heading_link,
    };
    let cx = markdown::Context {
        vocabulary: &v,
        components: &host,
        labels: &labels,
        allow_raw_html: r.programme.settings.allow_raw_html,
        dropped: &dropped,
    };
    let results: Vec<Result<Built, Problems>> = all
        .par_iter()
        .map(|&page| {
            let source =
                Source { rel: page.rel, title: page.title, body: &page.body, origins: &page.origins };
            let rendered = markdown::render(&source, &cx)?;
            Ok(Built { page, url: layout::html_url(page.rel), rendered })
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut problems = Problems::default();
    for result in results {
        match result {
            Ok(built) => {
                warnings.extend(built.rendered.warnings.clone());
                pages.push(built);
            }
            Err(p) => problems.extend(p),
        }
    }
    if problems.has_errors() { Err(problems) } else { Ok(pages) }
}

/// The site's files other than its pages, print view, search index and statement: the theme's
/// static files, the branding stylesheet, the highlighting one when a page has code, the
/// programme's assets, calendar files of its key dates.
fn extra_files(
    r: &Resolved,
    theme: &Theme,
    words: &Words,
    has_code: bool,
) -> Result<Vec<OutputFile>, Problems> {
    let p = r.programme;
    let mut files: Vec<OutputFile> = theme
        .static_files
        .iter()
        .map(|(path, bytes)| OutputFile::new(format!("static/{path}"), bytes.clone()))
        .collect();
    if has_code {
        files.push(OutputFile::new("static/highlight.css", markdown::highlight_css()));
    }
    let accent = p.settings.branding.accent.0.as_ref().map(|c| programme_css(c.value.0)).unwrap_or_default();
    files.push(OutputFile::new("static/programme.css", accent));
    for (rel, path) in r.assets {
        let bytes =
            std::fs::read(path).map_err(|e| Diagnostic::error(format!("cannot read: {e}")).in_file(path))?;
        files.push(OutputFile::new(rel.clone(), bytes));
    }
    let stamp = crate::calendar::stamp();
    for (name, event) in p.settings.dates.iter() {
        let summary = format!("{}: {}", words.strings.date_label(name), p.settings.name.value);
        let uid = format!("{}-{}@handbook", name.key(), p.id);
        files.push(OutputFile::new(calendar_file(name), crate::calendar::ics(&uid, &summary, event, &stamp)));
    }
    Ok(files)
}

/// The programme's accent: as it is in the light scheme, lightened for text on the dark scheme's
/// panels (the darkest background it stands on is the page, the lightest the panels).
fn programme_css(accent: Colour) -> String {
    const DARK_PANEL: Colour = Colour([0x1b, 0x20, 0x26]);
    let on_dark = accent.lightened_for(DARK_PANEL, 4.6);
    format!(
        ":root {{ --accent: {accent}; }}\n@media screen and (prefers-color-scheme: dark) {{ :root {{ --accent-text: {on_dark}; }} }}\n"
    )
}

/// Every local link and image must reach a page, an anchor or a file the site publishes.
fn check_links(
    r: &Resolved,
    pages: &[Built],
    extras: &[OutputFile],
    warnings: &mut Problems,
) -> Result<(), Problems> {
    let mut files: HashSet<String> = extras.iter().map(|f| f.path.clone()).collect();
    files.extend(["print.html".to_owned(), "search-index.js".to_owned()]);
    if r.programme.settings.accessibility.is_some() {
        files.insert(r.programme.lang().statement_page().to_owned());
    }
    let linked: Vec<(&str, &Rendered)> = pages.iter().map(|b| (b.page.rel, &b.rendered)).collect();
    crate::links::check(&linked, &files, warnings)
}

/// A base page that still names a page the programme drops (a tool it does not use) in plain
/// text is worth rewording.
fn warn_about_dropped_names(r: &Resolved, pages: &[Built], warnings: &mut Problems) {
    for (dropped, title) in &r.dropped {
        let title = title.trim();
        if title.chars().count() < 4 {
            continue;
        }
        let wanted = title.to_lowercase();
        for b in pages {
            // A link to the dropped page has its own warning already.
            let linked =
                b.rendered.unlinked.iter().any(
                    |l| matches!(&l.target, crate::markdown::Target::Page { page, .. } if page == dropped),
                );
            let mentions =
                !linked && b.rendered.sections.iter().any(|s| s.text.to_lowercase().contains(&wanted));
            if !mentions {
                continue;
            }
            let at = b.page.body.to_lowercase().find(&wanted).unwrap_or(0);
            let source =
                Source { rel: b.page.rel, title: b.page.title, body: &b.page.body, origins: &b.page.origins };
            warnings.push(
                source
                    .diagnostic(Diagnostic::warning(format!("this page names `{title}`, a page this programme drops")), at)
                    .with_help("replace or drop the section that names it (`sections:` or `pages.drop: [page.md#section]`), or keep the page"),
            );
        }
    }
}

/// A worksheet the programme defines but places on no page is probably a mistake.
fn warn_about_unplaced_worksheets(r: &Resolved, pages: &[Built], warnings: &mut Problems) {
    for (id, file) in &r.own_worksheets {
        if !pages.iter().any(|p| p.rendered.worksheets.contains(id)) {
            warnings.push(
                Diagnostic::warning(format!("the worksheet `{id}` is not placed on any page"))
                    .in_file(file)
                    .with_help(format!(
                        "place it with `{{{{ worksheet(\"{id}\") }}}}` in a page, or delete the file"
                    )),
            );
        }
    }
}

fn cannot_write(options: &BuildOptions, r: &Resolved, e: &std::io::Error) -> Problems {
    Diagnostic::error(format!("cannot write the site: {e}")).in_file(options.out.join(&r.programme.id)).into()
}

/// The folder the site is written into before it is swapped in.
fn begin(r: &Resolved, options: &BuildOptions) -> Result<Staging, Problems> {
    Staging::begin(&options.out, &r.programme.id, options.write).map_err(|e| cannot_write(options, r, &e))
}

/// Every page laid out with the theme and written as it is made, so a big site is never in
/// memory whole. The template gets marks for the page's body and navigation, which are put in
/// as the page is written: the long parts of a page never pass through the template.
fn lay_out(
    r: &Resolved,
    pages: &[Built],
    theme: &Theme,
    site_data: &tera::Context,
    staging: &Staging,
) -> Result<(), Problems> {
    const BODY: usize = 0;
    const NAV: usize = 1;
    let lang = r.programme.lang();
    let entries: Vec<NavEntry> = pages.iter().map(|b| NavEntry::new(b.page.rel, b.page.title)).collect();
    let tree = NavTree::new(&entries);
    // Each navigation made once and shared by the pages that show it: a folder's pages share
    // one unless a list is long enough to be cut around each page.
    let mut first: FxHashMap<layout::NavKey, usize> = FxHashMap::default();
    for i in 0..entries.len() {
        first.entry(tree.key(&entries, i)).or_insert(i);
    }
    let navs: FxHashMap<layout::NavKey, (tera::Value, tera::Value)> = first
        .into_par_iter()
        .map(|(key, i)| {
            let root = layout::root_prefix(&entries[i].url);
            let nav = tera::Value::from_serializable(&tree.for_page(&entries, i, &root));
            let html = layout::nav_html(theme, site_data, &nav, &root)?;
            Ok((key, (nav, tera::Value::safe_string(&html))))
        })
        .collect::<Result<_, Diagnostic>>()?;
    let (body_mark, nav_mark) = (layout::piece_mark(BODY), layout::piece_mark(NAV));
    let nav_mark = tera::Value::safe_string(&nav_mark);
    let results: Vec<Result<(), Problems>> = pages
        .par_iter()
        .enumerate()
        // The template's output and the page, reused from page to page.
        .map_init(
            || (Vec::new(), Vec::new()),
            |(frame, page), (i, b)| {
                let root = layout::root_prefix(&b.url);
                let link = |j: usize| NavLink {
                    title: entries[j].title.clone(),
                    url: format!("{root}{}", entries[j].url),
                };
                let view = PageContext {
                    view: View {
                        root: &root,
                        has_worksheets: !b.rendered.worksheets.is_empty(),
                        has_code: b.rendered.has_code,
                    },
                    page: PageData {
                        title: b.page.title,
                        description: b.page.description,
                        url: &b.url,
                        body: &body_mark,
                        toc: b.rendered.headings.iter().filter(|h| h.level == 2).collect(),
                        is_front: b.page.rel == "index.md",
                        updated: b.page.updated.map(|d| lang.day(d)),
                    },
                    prev: i.checked_sub(1).map(link),
                    next: (i + 1 < entries.len()).then(|| link(i + 1)),
                };
                let mut data = site_data.clone();
                let nav = navs.get(&tree.key(&entries, i));
                if let Some((items, html)) = nav {
                    data.insert_value("nav", items.clone());
                    // Themes made before `page_nav_html` mark the page in `nav_html` themselves.
                    data.insert_value("nav_html", html.clone());
                    data.insert_value("page_nav_html", nav_mark.clone());
                }
                frame.clear();
                theme.render_into("page.html", data, &view, frame)?;
                let piece = |n: usize, w: &mut dyn std::io::Write| match (n, nav) {
                    (BODY, _) => b.rendered.write_page_html(w).map(|()| true),
                    (NAV, Some((_, html))) => {
                        let html = html.as_str().unwrap_or_default();
                        layout::write_marked_nav(html, &root, &b.url, w).map(|()| true)
                    }
                    _ => Ok(false),
                };
                page.clear();
                layout::splice(frame, &piece, page)
                    .and_then(|()| staging.put(&b.url, page))
                    .map_err(|e| Diagnostic::error(format!("cannot write the site: {e}")).into())
            },
        )
        .collect();
    collect(results)
}

fn collect(results: Vec<Result<(), Problems>>) -> Result<(), Problems> {
    let mut problems = Problems::default();
    for r in results {
        if let Err(p) = r {
            problems.extend(p);
        }
    }
    if problems.is_empty() { Ok(()) } else { Err(problems) }
}

/// The whole handbook on one page, for printing.
fn print_view(
    r: &Resolved,
    pages: &[Built],
    theme: &Theme,
    site_data: &tera::Context,
    staging: &Staging,
) -> Result<(), Problems> {
    let lang = r.programme.lang();
    let pages: Vec<layout::Printed> = pages
        .iter()
        .map(|b| layout::Printed {
            rel: b.page.rel,
            title: b.page.title,
            updated: b.page.updated.map(|d| lang.day(d)),
            rendered: &b.rendered,
        })
        .collect();
    layout::print_view(&pages, theme, site_data, staging).map_err(Problems::from)
}

/// The site's search index.
fn search_index(r: &Resolved, pages: &[Built], search: &SearchWords) -> Vec<u8> {
    let search_pages: Vec<crate::index::SearchPage> = pages
        .iter()
        .map(|b| crate::index::SearchPage {
            title: b.page.title,
            url: &b.url,
            sections: &b.rendered.sections,
        })
        .collect();
    crate::index::build(r.programme.lang(), &search_pages, search)
}

fn write_files(
    r: &Resolved,
    options: &BuildOptions,
    staging: &Staging,
    files: impl Iterator<Item = OutputFile>,
) -> Result<(), Problems> {
    for file in files {
        staging.put(&file.path, &file.bytes).map_err(|e| cannot_write(options, r, &e))?;
    }
    Ok(())
}
