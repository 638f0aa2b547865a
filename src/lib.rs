//! `handbook`: one static site per mentoring programme, from Markdown and `programme.yaml`.
//!
//! The entry point is [`build`]. It runs the stages in order, each a module with one job:
//!
//! ```text
//! load      content/ from disk: programme.yaml parsed, pages, data files, assets     -> load.rs
//! resolve   base pages of the language + the programme's pages and sections          -> resolve.rs
//! markdown  branches, settings and components expanded, Markdown -> HTML             -> markdown/
//! layout    Tera theme: navigation, branding, print view                             -> layout.rs
//! index     search index in the site's language                                      -> index.rs
//! write     all files to a second folder, then swapped into site/<programme>/        -> write.rs
//! ```
//!
//! `site.rs` runs the stages after resolve for one programme, as a list of named steps.
//! Programmes are independent, and so are the pages of one programme: both are built in
//! parallel. Problems are gathered in [`Problems`]; a programme with an error is not written, so
//! its last good site stays as it was.
//!
//! The public surface is what the command line needs: [`build`], [`serve`], [`new`],
//! [`schema_json`], [`pdf`], the diagnostics and the allocator settings ([`heap`]).

// A `Diagnostic` carries its source line and help text, so it is larger than clippy likes in a
// `Result`; errors are the cold path and one allocation per problem is not worth the noise.
#![allow(clippy::result_large_err)]

mod calendar;
mod components;
pub mod diagnostic;
pub mod heap;
mod html;
mod index;
pub mod lang;
mod layout;
mod links;
mod load;
mod markdown;
mod minify;
pub mod new;
pub mod pdf;
mod resolve;
mod roles;
mod sections;
pub mod serve;
mod settings;
mod site;
mod strings;
mod theme;
mod vocabulary;
mod worksheet;
mod write;
mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use crate::diagnostic::{Diagnostic, Problems};
pub use crate::settings::schema_json;

/// Where to read and write.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub themes: PathBuf,
    pub out: PathBuf,
    /// Programmes to build; all when empty.
    pub programmes: Vec<String>,
    /// `false` checks everything a build checks but writes nothing (`handbook check`), and
    /// also lists what a programme still lacks before it is published.
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

/// Runs `step` and, when the environment sets `HANDBOOK_TIMINGS`, says on standard error how long
/// it took (`timing <site> <step> <ms>`); `bench/bench.py` reads these to compare each stage of a
/// build with the floor, pulldown-cmark alone.
pub(crate) fn timed<T>(site: &str, step: &str, run: impl FnOnce() -> T) -> T {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if !*ON.get_or_init(|| std::env::var_os("HANDBOOK_TIMINGS").is_some()) {
        return run();
    }
    let started = Instant::now();
    let result = run();
    eprintln!("timing {site} {step} {:.1}", started.elapsed().as_secs_f64() * 1e3);
    result
}

/// Builds the chosen programmes. Never panics on bad input: every problem is in the report.
pub fn build(options: &BuildOptions) -> BuildReport {
    let started = Instant::now();
    let mut problems = Problems::default();
    let themes = theme::Themes::new(&options.themes);
    // The default theme's templates are compiled while the content folder is read.
    let (tree, ()) = rayon::join(
        || timed("*", "load", || load::load(&options.content, &options.programmes, &mut problems)),
        || themes.preload("default"),
    );
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
    // Decided here, before the programmes are built in parallel: the advice runs on every
    // worker thread, which a worker busy with a programme could not do.
    heap::huge_pages_for_large_site(largest_site(&tree));
    let bases: BTreeMap<lang::Lang, resolve::Base> =
        tree.base.iter().map(|(lang, layer)| (*lang, resolve::Base::new(layer))).collect();
    let results: Vec<(Result<SiteSummary, Problems>, Problems)> = tree
        .programmes
        .par_iter()
        .map(|source| {
            let mut warnings = Problems::default();
            let id = &source.programme.id;
            let result = timed(id, "resolve", || {
                resolve::resolve(source, bases.get(&source.programme.lang()), &mut warnings)
            })
            .and_then(|resolved| site::build(&resolved, &themes, options, &mut warnings));
            if !options.write {
                before_publishing(&source.programme, &mut warnings);
            }
            (result, warnings)
        })
        .collect();
    let mut sites = Vec::new();
    for (result, warnings) in results {
        problems.extend(warnings);
        match result {
            Ok(summary) => sites.push(summary),
            Err(p) => problems.extend(p),
        }
    }
    BuildReport { sites, problems, elapsed: started.elapsed() }
}

/// The Markdown of the largest programme, with its language's base pages: a site's size before
/// it is resolved.
fn largest_site(tree: &load::ContentTree) -> usize {
    let markdown = |layer: &load::Layer| layer.pages.values().map(|p| p.body.len()).sum::<usize>();
    let base = |lang| tree.base.get(&lang).map_or(0, markdown);
    tree.programmes.iter().map(|p| markdown(&p.layer) + base(p.programme.lang())).max().unwrap_or(0)
}

/// What `check` says a programme still lacks before it goes public.
fn before_publishing(programme: &settings::Programme, warnings: &mut Problems) {
    if programme.settings.accessibility.is_none() {
        warnings.push(
            Diagnostic::warning("the programme has no accessibility statement; a public body must publish one with its site")
                .in_file(&programme.file)
                .with_help("give its facts under `accessibility:` (see `handbook new` or content/FORMAT.md); the site then links to its statement from every page"),
        );
    }
}
