//! Stage 4, layout: rendered pages into complete HTML documents with the theme.
//!
//! Input: a [`Theme`], the site's shared template data, and the rendered pages. Output: the HTML
//! of each page ([`page`]), of the print view of the whole handbook ([`print_view`]) and of the
//! accessibility statement. Template data is typed ([`SiteWide`], [`PageContext`],
//! [`PrintContext`], [`StatementContext`]); templates never see anything else. The navigation
//! is made once per folder ([`NavTree`]), so its cost per page does not grow with the site.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::markdown::{Heading, Rendered};
use crate::settings::{AssessmentMethod, Conformance, Contact, Feedback, NonAccessible, Programme, Text};
use crate::strings::Strings;
use crate::theme::Theme;
use crate::write::Staging;

/// `../` repeated to reach the site root from a page (`vaerktoejer/swot.md` or `.html`).
pub(crate) fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// A page's URL from its source path: `vaerktoejer/swot.md` -> `vaerktoejer/swot.html`.
pub(crate) fn html_url(rel: &str) -> String {
    format!("{}.html", rel.strip_suffix(".md").unwrap_or(rel))
}

/// One entry of the navigation, with a URL relative to the pages showing it.
#[derive(Clone, Debug, Default, Serialize)]
pub(crate) struct NavItem {
    pub title: String,
    pub url: String,
    /// The page's URL from the site root, to compare with `page.url` (the current page).
    pub path: String,
    /// A folder holding the pages that show this navigation: its pages are listed.
    pub open: bool,
    pub children: Vec<NavItem>,
    /// Not a page: entries of a long list left out here (shown as `…`).
    pub gap: bool,
}

#[derive(Clone, Debug, Serialize)]
pub(crate) struct NavLink {
    pub title: String,
    pub url: String,
}

/// Facts about the site shown on every page.
#[derive(Debug, Serialize)]
pub(crate) struct SiteContext<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub organisation: &'a str,
    pub unit: Option<&'a str>,
    pub logo: Option<&'a str>,
    pub contacts: &'a [Contact],
    /// The generated statement page, from the site root, when the programme gives its facts.
    pub statement_page: Option<&'static str>,
    /// Where the footer's statement link goes when the statement lives elsewhere (WAS-Tool).
    pub statement_external: Option<&'a str>,
}

impl<'a> SiteContext<'a> {
    pub fn new(p: &'a Programme) -> Self {
        let s = &p.settings;
        let a11y = s.accessibility.as_ref();
        SiteContext {
            id: &p.id,
            name: &s.name,
            organisation: &s.organisation,
            unit: s.unit.as_deref(),
            logo: s.branding.logo.as_deref(),
            contacts: &s.contacts,
            statement_page: a11y.map(|_| p.lang().statement_page()),
            statement_external: match p.lang() {
                crate::lang::Lang::Danish => a11y.and_then(|a| a.was_tool_url.as_deref()),
                crate::lang::Lang::Swedish => None,
            },
        }
    }
}

/// What every template of a site sees, whatever the page.
#[derive(Debug, Serialize)]
pub(crate) struct SiteWide<'a> {
    pub lang: &'static str,
    /// The interface strings of the site's language, in the programme's words.
    pub t: &'a Strings,
    pub site: &'a SiteContext<'a>,
}

/// What every template sees that depends on the page.
#[derive(Debug, Serialize)]
pub(crate) struct View<'a> {
    /// `../` repeated to the site root, or empty.
    pub root: &'a str,
    /// The page has a worksheet, so the worksheet script is loaded.
    pub has_worksheets: bool,
    /// The page has code, so the highlighting stylesheet is loaded.
    pub has_code: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct PageData<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// The page's own URL from the site root (`vaerktoejer/swot.html`).
    pub url: &'a str,
    pub body: &'a str,
    pub toc: Vec<&'a Heading>,
    pub is_front: bool,
    /// When the page was last revised, in words ("2. december 2026").
    pub updated: Option<String>,
}

/// Everything `page.html` sees besides [`SiteWide`] and `nav`, the navigation (a list of
/// [`NavItem`]s shared by the pages of a folder).
#[derive(Debug, Serialize)]
pub(crate) struct PageContext<'a> {
    #[serde(flatten)]
    pub view: View<'a>,
    pub page: PageData<'a>,
    pub prev: Option<NavLink>,
    pub next: Option<NavLink>,
}

/// One page of the print view.
#[derive(Debug, Serialize)]
pub(crate) struct PrintSection<'a> {
    pub anchor: String,
    pub title: &'a str,
    pub body: String,
    /// When the page was last revised, in words.
    pub updated: Option<&'a str>,
}

/// Everything `print.html` sees besides [`SiteWide`].
#[derive(Debug, Serialize)]
pub(crate) struct PrintContext<'a> {
    #[serde(flatten)]
    pub view: View<'a>,
    pub sections: Vec<PrintSection<'a>>,
}

/// The accessibility statement's facts, worded for the page.
#[derive(Debug, Serialize)]
pub(crate) struct StatementData<'a> {
    pub status: Conformance,
    pub assessed: String,
    pub reviewed: String,
    pub method: AssessmentMethod,
    pub assessor: Option<&'a str>,
    pub feedback: &'a Feedback,
    pub non_accessible: &'a [NonAccessible],
    pub was_tool_url: Option<&'a str>,
}

/// Everything `accessibility.html` sees besides [`SiteWide`].
#[derive(Debug, Serialize)]
pub(crate) struct StatementContext<'a> {
    #[serde(flatten)]
    pub view: View<'a>,
    pub statement: StatementData<'a>,
}

/// The statement page of a programme that gives the facts.
pub(crate) fn statement(
    theme: &Theme,
    site: &tera::Context,
    p: &Programme,
) -> Option<Result<String, Diagnostic>> {
    let a = p.settings.accessibility.as_ref()?;
    let lang = p.lang();
    let context = StatementContext {
        view: View { root: "", has_worksheets: false, has_code: false },
        statement: StatementData {
            status: a.status,
            assessed: lang.day(a.assessed.value.0.0),
            reviewed: lang.day(a.reviewed.value.0.0),
            method: a.method.value,
            assessor: a.assessor.as_deref(),
            feedback: &a.feedback,
            non_accessible: &a.non_accessible,
            was_tool_url: a.was_tool_url.as_ref().map(|t: &Text| t.value.as_str()),
        },
    };
    Some(theme.render("accessibility.html", site.clone(), &context))
}

/// A page's place in the site, for navigation.
#[derive(Clone, Debug)]
pub(crate) struct NavEntry {
    pub title: String,
    /// `vaerktoejer/swot.html`
    pub url: String,
    /// `vaerktoejer` for pages in a folder, `` at the top.
    pub section: String,
    /// The page is its folder's `index`.
    pub is_section_index: bool,
}

impl NavEntry {
    pub fn new(rel: &str, title: &str) -> Self {
        let (section, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        NavEntry {
            title: title.to_owned(),
            url: html_url(rel),
            section: section.to_owned(),
            is_section_index: name == "index.md" && !section.is_empty(),
        }
    }
}

/// A list of the navigation (the top level, or the pages of a folder) longer than this shows
/// only the entries around the current page, so a page's navigation stays the same size however
/// many pages a folder has (issue 19: a flat folder of 4,000 pages gave every page 4,000 links).
pub(crate) const NAV_FULL: usize = 50;

/// How many entries a long list shows on each side of the current page's.
pub(crate) const NAV_AROUND: usize = 12;

/// See [`NavTree::key`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct NavKey<'e> {
    folder: &'e str,
    top: Option<usize>,
    children: Option<usize>,
}

/// The shape of a site's navigation, computed once: the top-level entries in order, and the
/// entries inside each folder that has an index page. A page's navigation is then built from the
/// top level and its own folder only, and a long list from the entries near the page only, so
/// its cost and size per page do not grow with the site.
pub(crate) struct NavTree {
    top: Vec<usize>,
    children: std::collections::HashMap<String, Vec<usize>>,
    /// Each entry's position in its list: in `top`, or in its folder's `children`.
    place: Vec<usize>,
    /// The position in `top` of each folder's index page, and of the front page.
    index_at: std::collections::HashMap<String, usize>,
    front_at: Option<usize>,
}

impl NavTree {
    pub fn new(entries: &[NavEntry]) -> Self {
        let indexed: std::collections::HashSet<&str> =
            entries.iter().filter(|e| e.is_section_index).map(|e| e.section.as_str()).collect();
        let mut tree = NavTree {
            top: Vec::new(),
            children: std::collections::HashMap::new(),
            place: vec![0; entries.len()],
            index_at: std::collections::HashMap::new(),
            front_at: None,
        };
        for (i, e) in entries.iter().enumerate() {
            let nested = !e.section.is_empty() && !e.is_section_index && indexed.contains(e.section.as_str());
            let list =
                if nested { tree.children.entry(e.section.clone()).or_default() } else { &mut tree.top };
            tree.place[i] = list.len();
            list.push(i);
            if e.is_section_index {
                tree.index_at.insert(e.section.clone(), tree.place[i]);
            } else if e.url == "index.html" {
                tree.front_at = Some(tree.place[i]);
            }
        }
        tree
    }

    /// What the navigation of page `current` depends on: pages with the same key show the same
    /// navigation (their folder, and where a list long enough to be cut is cut).
    pub fn key<'e>(&self, entries: &'e [NavEntry], current: usize) -> NavKey<'e> {
        let at = self.places(entries, current);
        let children = self.children.get(at.folder).map_or(0, Vec::len);
        NavKey {
            folder: at.folder,
            top: (self.top.len() > NAV_FULL).then_some(at.top),
            children: (at.open.is_some() && children > NAV_FULL).then_some(at.in_folder),
        }
    }

    /// Where page `current` stands in the navigation's lists.
    fn places<'e>(&self, entries: &'e [NavEntry], current: usize) -> Places<'e> {
        let folder = entries[current].section.as_str();
        // Its folder's index page, where the folder has one: the entry that opens.
        let open = self.index_at.get(folder).copied();
        Places {
            folder,
            open,
            // In the top level: its own place, or its folder's index page's.
            top: open.unwrap_or(self.place[current]),
            // In its folder's pages: the index page stands before them.
            in_folder: if entries[current].is_section_index { 0 } else { self.place[current] },
        }
    }

    /// The navigation as seen from page `current`: the top level, with the page's folder open.
    /// `root` leads from the page to the site root.
    pub fn for_page(&self, entries: &[NavEntry], current: usize, root: &str) -> Vec<NavItem> {
        let at = self.places(entries, current);
        // An entry of a list, or the gap where a long list leaves entries out.
        let item = |i: Option<usize>| match i {
            Some(i) => NavItem {
                title: entries[i].title.clone(),
                url: format!("{root}{}", entries[i].url),
                path: entries[i].url.clone(),
                ..NavItem::default()
            },
            None => NavItem { gap: true, ..NavItem::default() },
        };
        shown(self.top.len(), at.top, self.front_at)
            .into_iter()
            .map(|n| {
                let mut top = item(n.map(|n| self.top[n]));
                if n.is_some() && n == at.open {
                    top.open = true;
                    let children = self.children.get(at.folder).map_or(&[][..], Vec::as_slice);
                    top.children = shown(children.len(), at.in_folder, None)
                        .into_iter()
                        .map(|c| item(c.map(|c| children[c])))
                        .collect();
                }
                top
            })
            .collect()
    }
}

/// Where a page stands in the navigation: its folder, the position in the top level of the
/// folder's index page (the entry that opens), its own position in the top level (or the index
/// page's), and in its folder's pages.
struct Places<'e> {
    folder: &'e str,
    open: Option<usize>,
    top: usize,
    in_folder: usize,
}

/// The positions of a list of `len` entries shown from position `at`: all of a short list; of
/// a long one, those within [`NAV_AROUND`] of `at`, and `keep` (the front page) wherever it is,
/// with `None` where entries are left out.
fn shown(len: usize, at: usize, keep: Option<usize>) -> Vec<Option<usize>> {
    if len <= NAV_FULL {
        return (0..len).map(Some).collect();
    }
    let from = at.saturating_sub(NAV_AROUND);
    let to = (at + NAV_AROUND + 1).min(len);
    let mut positions: Vec<usize> = keep.into_iter().filter(|k| !(from..to).contains(k)).collect();
    positions.extend(from..to);
    positions.sort_unstable();
    let mut out = Vec::with_capacity(positions.len() + 2);
    let mut next = 0;
    for p in positions {
        if p > next {
            out.push(None);
        }
        out.push(Some(p));
        next = p + 1;
    }
    if next < len {
        out.push(None);
    }
    out
}

/// The navigation's HTML (`nav.html`), made once for all the pages that show the same one;
/// [`write_marked_nav`] then marks the link to each page itself, which costs far less than a
/// template going through every entry for every page.
pub(crate) fn nav_html(
    theme: &Theme,
    site: &tera::Context,
    nav: &tera::Value,
    root: &str,
) -> Result<String, Diagnostic> {
    #[derive(Serialize)]
    struct NavContext<'a> {
        root: &'a str,
    }
    let mut site = site.clone();
    site.insert_value("nav", nav.clone());
    theme.render("nav.html", site, &NavContext { root })
}

/// A page's navigation: `nav` (from [`nav_html`]) with every link to the page at `url` (from
/// the site root, as `root` leads there) marked as the current page, onto `w`.
pub(crate) fn write_marked_nav(nav: &str, root: &str, url: &str, w: &mut dyn Write) -> io::Result<()> {
    let here = format!("href=\"{}\"", crate::html::escape(&format!("{root}{url}")));
    let mut copied = 0;
    for at in memchr::memmem::find_iter(nav.as_bytes(), here.as_bytes()) {
        let end = at + here.len();
        w.write_all(&nav.as_bytes()[copied..end])?;
        w.write_all(br#" aria-current="page""#)?;
        copied = end;
    }
    w.write_all(&nav.as_bytes()[copied..])
}

/// A page for the print view.
pub(crate) struct Printed<'a> {
    pub rel: &'a str,
    pub title: &'a str,
    pub updated: Option<String>,
    pub rendered: &'a Rendered,
}

/// Writes the print view, which holds every page: the template gets a short mark for each
/// page's body, and the bodies are put in while the file is written, so the whole text is never
/// in memory twice.
pub(crate) fn print_view(
    pages: &[Printed],
    theme: &Theme,
    site: &tera::Context,
    staging: &Staging,
) -> Result<(), Diagnostic> {
    let anchors: Vec<String> = pages
        .iter()
        .map(|p| format!("side-{}", crate::html::slug(p.rel.strip_suffix(".md").unwrap_or(p.rel))))
        .collect();
    let sections: Vec<PrintSection> = pages
        .iter()
        .zip(&anchors)
        .enumerate()
        .map(|(n, (p, anchor))| PrintSection {
            anchor: anchor.clone(),
            title: p.title,
            body: piece_mark(n),
            updated: p.updated.as_deref(),
        })
        .collect();
    let print = PrintContext {
        view: View {
            root: "",
            has_worksheets: pages.iter().any(|p| !p.rendered.worksheets.is_empty()),
            has_code: pages.iter().any(|p| p.rendered.has_code),
        },
        sections,
    };
    let skeleton = theme.render("print.html", site.clone(), &print)?;
    let body = |n: usize, w: &mut dyn Write| match pages.get(n) {
        Some(p) => p.rendered.write_print_html(&anchors[n], p.rel, w).map(|()| true),
        None => Ok(false),
    };
    staging
        .put_with("print.html", &|w| splice(skeleton.as_bytes(), &body, w))
        .map_err(|e| Diagnostic::error(format!("cannot write the site: {e}")))
}

/// Marks the place of a piece put in while a template's output is written (a page's body and
/// navigation, each page of the print view): a Unicode noncharacter, which no page or template
/// has reason to contain, around the piece's number.
const PIECE_MARK: char = '\u{FDD0}';

/// The mark of piece `n`, for a template to show where the piece goes.
pub(crate) fn piece_mark(n: usize) -> String {
    format!("{PIECE_MARK}{n}{PIECE_MARK}")
}

/// A piece written by [`splice`]: writes piece `n` onto `w`, or returns `false` when there is
/// no such piece.
pub(crate) type Piece<'a> = dyn Fn(usize, &mut dyn Write) -> io::Result<bool> + 'a;

/// Writes a template's output with each piece's mark replaced by the piece (a mark that names
/// no piece is left as it is), so the long parts of a page never pass through the template.
pub(crate) fn splice(skeleton: &[u8], piece: &Piece, w: &mut dyn Write) -> io::Result<()> {
    let mut bytes = [0; 4];
    let mark = PIECE_MARK.encode_utf8(&mut bytes).as_bytes();
    let mut rest = skeleton;
    while let Some(start) = memchr::memmem::find(rest, mark) {
        let after = &rest[start + mark.len()..];
        let number = memchr::memmem::find(after, mark)
            .and_then(|end| Some((std::str::from_utf8(&after[..end]).ok()?.parse::<usize>().ok()?, end)));
        w.write_all(&rest[..start])?;
        match number {
            Some((n, end)) if piece(n, &mut *w)? => rest = &after[end + mark.len()..],
            _ => {
                w.write_all(mark)?;
                rest = after;
            }
        }
    }
    w.write_all(rest)
}

#[cfg(test)]
mod tests {
    use super::{NAV_AROUND, NAV_FULL, NavEntry, NavTree, PIECE_MARK, shown, splice};

    #[test]
    fn a_long_list_shows_the_entries_around_the_page_and_the_front_page() {
        assert_eq!(shown(3, 1, Some(0)), [Some(0), Some(1), Some(2)]);
        let long = NAV_FULL + 50;
        let middle = shown(long, 60, Some(0));
        assert_eq!(middle.len(), 2 * NAV_AROUND + 4, "front, gap, the window, gap");
        assert_eq!(middle[..3], [Some(0), None, Some(60 - NAV_AROUND)]);
        assert_eq!(middle.last(), Some(&None));
        assert_eq!(shown(long, 0, Some(0))[..2], [Some(0), Some(1)]);
        assert_eq!(shown(long, long - 1, Some(0)).last(), Some(&Some(long - 1)));
    }

    #[test]
    fn the_navigation_of_a_page_is_the_same_size_in_a_folder_of_any_size() {
        // Protects (issue 19): a flat folder of N pages gave every page N links.
        let links = |pages: usize| {
            let mut entries = vec![NavEntry::new("index.md", "Forside")];
            entries
                .extend((1..pages).map(|i| NavEntry::new(&format!("side-{i:04}.md"), &format!("Side {i}"))));
            let tree = NavTree::new(&entries);
            let count = |i: usize| tree.for_page(&entries, i, "").iter().filter(|n| !n.gap).count();
            (1..pages).step_by(7).map(count).max().unwrap()
        };
        assert_eq!(links(40), 40);
        assert!(links(4000) <= 2 * NAV_AROUND + 2, "{}", links(4000));
        assert_eq!(links(4000), links(400));
    }

    #[test]
    fn each_piece_goes_where_its_mark_is_and_odd_marks_stay_text() {
        let m = PIECE_MARK;
        let skeleton = format!("<h1>A</h1>{m}0{m}<hr>{m}1{m}{m}1{m} {m}7{m} {m}x{m}");
        let pages = ["<p>zero</p>", "<p>one</p>"];
        let body = |n: usize, w: &mut dyn std::io::Write| match pages.get(n) {
            Some(p) => w.write_all(p.as_bytes()).map(|()| true),
            None => Ok(false),
        };
        let mut out = Vec::new();
        splice(skeleton.as_bytes(), &body, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("<h1>A</h1><p>zero</p><hr><p>one</p><p>one</p> {m}7{m} {m}x{m}")
        );
    }
}
