//! The Markdown wing: one page's Markdown and its context in, the rendered page out.
//!
//! The entry point is [`render`]. It runs two steps, each a module of its own:
//!
//! ```text
//! expand   {% if %} branches, {{ setting | filter }} quotes, component calls   -> expand.rs
//! events   pulldown-cmark events rewritten: heading ids, links checked and       -> events.rs
//!          rewritten, components placed, raw HTML as text, code highlighted     (highlight.rs)
//! ```
//!
//! Input: a [`Source`] (the page's path, file and body) and a [`Context`] (the programme's
//! [`Vocabulary`], a [`Components`] host that renders component calls, and the programme's
//! publishing rules). Output: a [`Rendered`] page: its headings, links (each with its line and
//! column in the real file), text sections for search, the worksheets it places, and its HTML,
//! which only [`Rendered::page_html`] and [`Rendered::print_html`] hand out. Every problem is
//! reported with file, line and column, all at once.
//!
//! The HTML carries private marks where the page and the print view differ (ids, same-page
//! anchors, relative links); they never leave this module.

mod events;
mod expand;
mod highlight;

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::Path;

use pulldown_cmark::Options;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Problems};
use crate::vocabulary::Vocabulary;

pub(crate) use highlight::stylesheet as highlight_css;

/// The one set of Markdown extensions every page is read with.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Where a stretch of a page's body was written: from byte `start` of the body on, the text of
/// `file` from its 1-based `line`.
#[derive(Clone, Debug)]
pub(crate) struct Origin<'a> {
    pub start: usize,
    pub file: &'a Path,
    pub line: usize,
}

/// A page's Markdown and where it was written.
pub(crate) struct Source<'a> {
    /// Its path in the site (`vaerktoejer/swot.md`).
    pub rel: &'a str,
    /// Its title (names a table that has no heading above it).
    pub title: &'a str,
    pub body: &'a str,
    /// Where each stretch of `body` comes from, in order, the first at 0: a programme's page
    /// that replaces sections of a base page has stretches from both files.
    pub origins: &'a [Origin<'a>],
}

impl Source<'_> {
    /// The file, line and column (1-based, in characters) of a byte offset of the body.
    fn place(&self, offset: usize) -> (&Path, usize, usize) {
        let i = self.origins.partition_point(|o| o.start <= offset).saturating_sub(1);
        let (start, file, line) =
            self.origins.get(i).map_or((0, Path::new(""), 1), |o| (o.start, o.file, o.line));
        let (from_start, column) = crate::diagnostic::line_column(
            &self.body[start.min(self.body.len())..],
            offset.saturating_sub(start),
        );
        (file, line + from_start - 1, column)
    }

    /// The text of the line holding a byte offset of the body.
    fn line_text(&self, offset: usize) -> &str {
        let (body_line, _) = crate::diagnostic::line_column(self.body, offset);
        self.body.lines().nth(body_line - 1).unwrap_or("")
    }

    /// A message at a byte offset of the body, with the line and column in the real file.
    pub(crate) fn diagnostic(&self, d: Diagnostic, offset: usize) -> Diagnostic {
        let (file, line, column) = self.place(offset);
        d.in_file(file).at_text(self.line_text(offset), line, column)
    }
}

/// A component call on a page: `{{ worksheet("swot") }}`.
#[derive(Debug)]
pub(crate) struct Call<'a> {
    pub name: &'a str,
    pub argument: Option<String>,
}

/// A component's output.
#[derive(Clone, Debug, Default)]
pub(crate) struct Component {
    pub html: String,
    /// The words a reader sees in it, for search.
    pub text: String,
    /// The worksheet it places, if it is one.
    pub worksheet: Option<String>,
}

/// Renders component calls. The Markdown wing knows calls only by name; what they are and how
/// they look belongs to the host (the theme's component templates).
pub(crate) trait Components: Sync {
    /// The component `call` placed on page `page_rel`, or a message and a help line.
    fn render(&self, call: &Call, page_rel: &str) -> Result<Component, (String, String)>;
}

/// The words of the interface that pages carry: callouts' labels and the name of a heading's
/// link to itself, in the page's language.
pub(crate) struct Labels<'a> {
    pub note: &'a str,
    pub tip: &'a str,
    pub important: &'a str,
    pub warning: &'a str,
    pub caution: &'a str,
    pub heading_link: &'a str,
}

/// What rendering a page needs besides the page.
pub(crate) struct Context<'a> {
    pub vocabulary: &'a Vocabulary<'a>,
    pub components: &'a dyn Components,
    pub labels: &'a Labels<'a>,
    pub allow_raw_html: bool,
    /// Base pages the programme dropped: links to them become plain text.
    pub dropped: &'a HashSet<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Where a local link or image points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// A page of the site by its source path (`vaerktoejer/swot.md`), with an anchor.
    Page { page: String, anchor: Option<String> },
    /// An anchor on the linking page itself.
    Anchor(String),
    /// A file of the site by its path from the site root (`assets/logo.svg`).
    File(String),
    /// A path that leaves the site (`../../x`) or starts with `/`.
    Outside,
}

/// A local link or image, with where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Link {
    /// As written by the author.
    pub written: String,
    pub target: Target,
    pub image: bool,
    /// The file it is written in, and the 1-based line and column there.
    pub file: std::path::PathBuf,
    pub line: usize,
    pub column: usize,
    /// The text of that line, for messages.
    pub line_text: String,
}

/// The text of a page between two headings (level 2 or 3), for search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct TextSection {
    /// The heading that opens the section; `None` for the text before the first heading.
    pub heading: Option<Heading>,
    pub text: String,
}

/// A rendered page.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    /// The body's HTML, with the private marks.
    html: String,
    pub headings: Vec<Heading>,
    /// Ids components put on the page (a worksheet's form), which links may target too.
    pub component_ids: Vec<String>,
    pub links: Vec<Link>,
    /// Links to dropped pages, shown as plain text.
    pub unlinked: Vec<Link>,
    /// Body text without markup, split at headings, for search.
    pub sections: Vec<TextSection>,
    /// Worksheet ids placed on the page.
    pub worksheets: Vec<String>,
    /// The page has highlighted code, so it needs the highlighting stylesheet.
    pub has_code: bool,
    /// Problems that do not stop the page.
    pub warnings: Problems,
}

/// Heading and component ids carry this mark, so the print view, which holds every page, can
/// make them unique (`side-forloebet--forste-mode`) and a page can drop it.
const ID_MARK: char = '\u{E002}';
/// The same for links to an anchor on the same page. ASCII, because pulldown-cmark
/// percent-encodes other characters in a link.
const ANCHOR_MARK: &str = "~hbid~";
/// Relative links start with this mark; a page drops it, the print view (at the site root)
/// replaces it with the page's folder, so `swot.html` from `vaerktoejer/` still resolves.
const FOLDER_MARK: &str = "~hbdir~/";

impl Rendered {
    /// The body as the page itself shows it.
    #[cfg(test)]
    pub fn page_html(&self) -> String {
        written(|w| self.write_page_html(w))
    }

    /// [`Self::page_html`] onto `w`.
    pub fn write_page_html(&self, w: &mut dyn Write) -> io::Result<()> {
        unmark(&self.html, "", "", "", w)
    }

    /// The body inside the print view of the whole handbook: ids prefixed with `anchor--`,
    /// links made relative to the site root.
    #[cfg(test)]
    pub fn print_html(&self, anchor: &str, page_rel: &str) -> String {
        written(|w| self.write_print_html(anchor, page_rel, w))
    }

    /// The body inside the print view onto `w`, as [`Self::print_html`] gives it.
    pub fn write_print_html(&self, anchor: &str, page_rel: &str, w: &mut dyn Write) -> io::Result<()> {
        let folder = page_rel.rsplit_once('/').map_or(String::new(), |(dir, _)| format!("{dir}/"));
        let prefix = format!("{anchor}--");
        unmark(&self.html, &prefix, &prefix, &folder, w)
    }
}

/// What `write` writes, as text.
#[cfg(test)]
fn written(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    write(&mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the marks replaced are whole characters")
}

/// `html` with each [`ID_MARK`], [`ANCHOR_MARK`] and [`FOLDER_MARK`] replaced by `id`, `anchor`
/// and `folder`, onto `w` in one pass over it (a page is read twice, for itself and the print
/// view).
fn unmark(html: &str, id: &str, anchor: &str, folder: &str, w: &mut dyn Write) -> io::Result<()> {
    let mut bytes = [0; 4];
    let id_mark: &str = ID_MARK.encode_utf8(&mut bytes);
    let marks = [(id_mark, id), (ANCHOR_MARK, anchor), (FOLDER_MARK, folder)];
    let html = html.as_bytes();
    let (mut copied, mut at) = (0, 0);
    // The marks start with the lead byte of U+E002 or with `~`, neither inside a character.
    while let Some(found) = memchr::memchr2(id_mark.as_bytes()[0], b'~', &html[at..]) {
        let start = at + found;
        at = start + 1;
        if let Some((mark, with)) = marks.iter().find(|(mark, _)| html[start..].starts_with(mark.as_bytes()))
        {
            w.write_all(&html[copied..start])?;
            w.write_all(with.as_bytes())?;
            copied = start + mark.len();
            at = copied;
        }
    }
    w.write_all(&html[copied..])
}

/// Renders a page. All its problems are reported at once.
pub(crate) fn render(source: &Source, cx: &Context) -> Result<Rendered, Problems> {
    let expanded = expand::expand(source, cx)?;
    events::render(source, &expanded, cx)
}

/// Renders a short Markdown fragment (a worksheet's intro): no components, raw HTML as text.
pub(crate) fn fragment(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let parser = Parser::new_ext(markdown, options()).map(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        other => other,
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// `../forloebet.md` from `vaerktoejer/swot.md` is `forloebet.md`; `None` when the path climbs
/// out of the site.
fn resolve_relative(from: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests;
