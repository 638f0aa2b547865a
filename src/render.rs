//! Stage 4, render: expanded Markdown to HTML.
//!
//! Input: an [`Expanded`] page, its path, and whether raw HTML is allowed. Output: a
//! [`RenderedPage`]: the HTML of the page body, its headings (with ids), the internal links it
//! makes (for the link check), and its plain text (for search). Nothing later parses this HTML
//! again. Fenced code is highlighted here with syntect as CSS classes, so no script is needed.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};

use rustc_hash::FxHashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::expand::{Expanded, MARKER_CLOSE, MARKER_OPEN};
use crate::html::{escape, slug};

/// The one set of Markdown extensions every page is read with.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A link from a page to a page of the same site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InternalLink {
    /// As written by the author.
    pub written: String,
    /// The target page, resolved against the linking page (`vaerktoejer/swot.md`); `None` for
    /// `#anchor` on the same page.
    pub page: Option<String>,
    pub anchor: Option<String>,
}

/// The text of a page between two headings (level 2 or 3), for search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextSection {
    /// The heading that opens the section; `None` for the text before the first heading.
    pub heading: Option<Heading>,
    pub text: String,
}

#[derive(Clone, Debug, Default)]
pub struct RenderedPage {
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<InternalLink>,
    /// Body text without markup, split at headings, for search.
    pub sections: Vec<TextSection>,
    /// Links to dropped pages, shown as plain text.
    pub unlinked: Vec<InternalLink>,
    /// The page has highlighted code, so it needs the highlighting stylesheet.
    pub has_code: bool,
}

impl RenderedPage {
    fn text(&mut self) -> &mut String {
        if self.sections.is_empty() {
            self.sections.push(TextSection::default());
        }
        &mut self.sections.last_mut().expect("just ensured").text
    }
}

/// Heading ids are written with this prefix mark, so the print view can make them unique across
/// pages (`forloebet--forste-mode`) and a page can drop it, without rendering twice.
pub const ID_MARK: char = '\u{E002}';
/// The same for links to an anchor on the same page (`#~hbid~forste-mode`). ASCII, because
/// pulldown-cmark percent-encodes other characters in a link.
pub const ANCHOR_MARK: &str = "~hbid~";
/// Relative links start with this mark; a page drops it, the print view (at the site root)
/// replaces it with the page's folder, so `swot.html` from `vaerktoejer/` still resolves.
pub const FOLDER_MARK: &str = "~hbdir~/";

/// The body of one page as the page itself shows it.
pub fn for_page(html: &str) -> String {
    html.replace(ID_MARK, "").replace(ANCHOR_MARK, "").replace(FOLDER_MARK, "")
}

/// The body of one page inside the print view: ids prefixed with `anchor--`, links made
/// relative to the site root.
pub fn for_print(html: &str, anchor: &str, page_rel: &str) -> String {
    let folder = page_rel.rsplit_once('/').map_or(String::new(), |(dir, _)| format!("{dir}/"));
    let prefix = format!("{anchor}--");
    html.replace(ID_MARK, &prefix).replace(ANCHOR_MARK, &prefix).replace(FOLDER_MARK, &folder)
}

/// How to render one page of a programme.
pub struct RenderOptions<'a> {
    /// The page's own path (`vaerktoejer/swot.md`).
    pub page_rel: &'a str,
    pub allow_raw_html: bool,
    /// Base pages the programme dropped: links to them become plain text.
    pub dropped: &'a HashSet<String>,
}

/// Renders a page.
pub fn render(page: &Expanded, how: &RenderOptions) -> RenderedPage {
    let RenderOptions { page_rel, allow_raw_html, dropped } = *how;
    let mut out = RenderedPage::default();
    let mut unlinked = false;
    let mut events: Vec<Event> = Vec::new();
    let mut used_ids = HashSet::new();
    // Worksheet and diagram ids are on the page too.
    used_ids.extend(["roles-diagram".to_owned(), "contacts-heading".to_owned(), "dates-heading".to_owned()]);
    let mut heading: Option<OpenHeading> = None;
    let mut code: Option<(String, String)> = None;
    let mut paragraph_start = None;

    for event in Parser::new_ext(&page.markdown, options()) {
        if let Some((lang, buf)) = &mut code {
            match event {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    out.has_code = true;
                    events.push(Event::Html(highlight(lang, buf).into()));
                    let text = out.text();
                    text.push_str(buf);
                    text.push('\n');
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                // The heading is held back until its text is known, to make its id from it.
                heading =
                    Some(OpenHeading { level, id, classes, attrs, inner: Vec::new(), text: String::new() });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(OpenHeading { level, id, classes, attrs, inner, text }) = heading.take() {
                    let base = id.map(|i| i.to_string()).unwrap_or_else(|| slug(&text));
                    let mut id = base.clone();
                    let mut n = 1;
                    while !used_ids.insert(id.clone()) {
                        n += 1;
                        id = format!("{base}-{n}");
                    }
                    // pulldown-cmark writes the tag (classes and attributes as the author gave
                    // them); the id carries the mark the print view replaces.
                    let marked = format!("{ID_MARK}{id}");
                    events.push(Event::Start(Tag::Heading {
                        level,
                        id: Some(marked.into()),
                        classes,
                        attrs,
                    }));
                    events.extend(inner);
                    events.push(Event::End(TagEnd::Heading(level)));
                    let heading = Heading { level: level as u8, id, text };
                    if heading.level <= 3 {
                        out.sections
                            .push(TextSection { heading: Some(heading.clone()), text: String::new() });
                    } else {
                        let text = out.text();
                        text.push_str(&heading.text);
                        text.push('\n');
                    }
                    out.headings.push(heading);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = rewrite_link(&dest_url, page_rel, &mut out.links);
                let to_dropped =
                    out.links.last().and_then(|l| l.page.as_ref()).is_some_and(|p| dropped.contains(p));
                if to_dropped && dest_url.as_ref() == out.links.last().map_or("", |l| l.written.as_str()) {
                    // The link text stays; the link to a page this programme left out goes.
                    if let Some(link) = out.links.pop() {
                        out.unlinked.push(link);
                    }
                    unlinked = true;
                    continue;
                }
                push(
                    &mut events,
                    &mut heading,
                    Event::Start(Tag::Link { link_type, dest_url: dest.into(), title, id }),
                );
            }
            Event::End(TagEnd::Link) if unlinked => unlinked = false,
            Event::Start(Tag::Paragraph) => {
                paragraph_start = Some(events.len());
                events.push(Event::Start(Tag::Paragraph));
            }
            Event::Text(t) if paragraph_start.is_some() && is_marker(&t) => {
                // A component's paragraph: replace the paragraph by the component's HTML.
                let n: usize = t[MARKER_OPEN.len_utf8()..t.len() - MARKER_CLOSE.len_utf8()]
                    .parse()
                    .unwrap_or(usize::MAX);
                if let Some(start) = paragraph_start.take() {
                    events.truncate(start);
                }
                events.push(Event::Html(page.components.get(n).cloned().unwrap_or_default().into()));
                if let Some(text) = page.component_text.get(n) {
                    out.text().push_str(text);
                }
                paragraph_start = Some(usize::MAX);
            }
            Event::End(TagEnd::Paragraph) => {
                if paragraph_start.take() != Some(usize::MAX) {
                    events.push(Event::End(TagEnd::Paragraph));
                }
                out.text().push('\n');
            }
            Event::Html(h) | Event::InlineHtml(h) if !allow_raw_html => {
                push(&mut events, &mut heading, Event::Text(h));
            }
            Event::Text(t) => {
                match &mut heading {
                    Some(open) => open.text.push_str(&t),
                    None => out.text().push_str(&t),
                }
                push(&mut events, &mut heading, Event::Text(t));
            }
            Event::Code(t) => {
                match &mut heading {
                    Some(open) => open.text.push_str(&t),
                    None => out.text().push_str(&t),
                }
                push(&mut events, &mut heading, Event::Code(t));
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::TableCell) => {
                if heading.is_none() {
                    out.text().push(' ');
                }
                push(&mut events, &mut heading, event);
            }
            other => push(&mut events, &mut heading, other),
        }
    }
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

/// A heading being read: its tag's parts, the events inside it, and its plain text.
struct OpenHeading<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    inner: Vec<Event<'a>>,
    text: String,
}

fn push<'a>(events: &mut Vec<Event<'a>>, heading: &mut Option<OpenHeading<'a>>, e: Event<'a>) {
    match heading {
        Some(open) => open.inner.push(e),
        None => events.push(e),
    }
}

fn is_marker(t: &str) -> bool {
    t.starts_with(MARKER_OPEN) && t.ends_with(MARKER_CLOSE) && t.len() > 2 * MARKER_OPEN.len_utf8()
}

/// `.md` links become `.html` links; internal links are recorded for checking.
fn rewrite_link(dest: &CowStr, page_rel: &str, links: &mut Vec<InternalLink>) -> String {
    let dest = dest.as_ref();
    let external = dest.contains(':') || dest.starts_with("//");
    if external || dest.is_empty() {
        return dest.to_owned();
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_owned())),
        None => (dest, None),
    };
    if path.is_empty() {
        let target = format!("#{ANCHOR_MARK}{}", anchor.as_deref().unwrap_or(""));
        links.push(InternalLink { written: dest.to_owned(), page: None, anchor });
        return target;
    }
    let is_page = path.ends_with(".md") || path.ends_with(".html");
    if !is_page && !path.starts_with('/') {
        return format!("{FOLDER_MARK}{dest}");
    }
    let page_path = path.strip_suffix(".html").map(|p| format!("{p}.md")).unwrap_or_else(|| path.to_owned());
    links.push(InternalLink {
        written: dest.to_owned(),
        page: Some(resolve_relative(page_rel, &page_path)),
        anchor: anchor.clone(),
    });
    let html = path.strip_suffix(".md").map(|p| format!("{p}.html")).unwrap_or_else(|| path.to_owned());
    match anchor {
        Some(a) => format!("{FOLDER_MARK}{html}#{a}"),
        None => format!("{FOLDER_MARK}{html}"),
    }
}

/// `../forloebet.md` from `vaerktoejer/swot.md` is `forloebet.md`. A path that climbs out of
/// the site, or starts with `/`, keeps a leading `/` so the link check reports it.
pub fn resolve_relative(from: &str, target: &str) -> String {
    if target.starts_with('/') {
        return target.to_owned();
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return format!("/{target}");
                }
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

pub const HIGHLIGHT_PREFIX: &str = "hl-";

/// Highlighted blocks by language and code. Programmes share base pages, so a build of many
/// programmes meets the same block once per programme, and a lookup costs far less than
/// highlighting. Holds at most [`MEMO_BYTES`] of HTML.
fn highlight(lang: &str, code: &str) -> String {
    static MEMO: OnceLock<Mutex<(usize, FxHashMap<String, String>)>> = OnceLock::new();
    let memo = MEMO.get_or_init(Default::default);
    let lock = || memo.lock().unwrap_or_else(|e| e.into_inner());
    let key = format!("{lang}\0{code}");
    if let Some(html) = lock().1.get(&key) {
        return html.clone();
    }
    let html = highlight_now(lang, code);
    let mut memo = lock();
    if memo.0 + html.len() <= MEMO_BYTES {
        memo.0 += html.len();
        memo.1.insert(key, html.clone());
    }
    html
}

const MEMO_BYTES: usize = 32 << 20;

/// Highlights a code block into `<pre><code>` with CSS classes; unknown languages are plain.
fn highlight_now(lang: &str, code: &str) -> String {
    let known = if lang.is_empty() { None } else { syntaxes().find_syntax_by_token(lang) };
    let Some(syntax) = known else {
        let class =
            if lang.is_empty() { String::new() } else { format!(r#" class="language-{}""#, escape(lang)) };
        return format!("<pre tabindex=\"0\"><code{class}>{}</code></pre>\n", escape(code));
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        syntaxes(),
        ClassStyle::SpacedPrefixed { prefix: HIGHLIGHT_PREFIX },
    );
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            return format!("<pre tabindex=\"0\"><code>{}</code></pre>\n", escape(code));
        }
    }
    format!(
        r#"<pre class="highlight" tabindex="0"><code class="language-{}">{}</code></pre>"#,
        escape(lang),
        generator.finalize()
    ) + "\n"
}

/// The code background of the theme's stylesheet (`pre` in style.css).
const CODE_BACKGROUND: [u8; 3] = [0xf6, 0xf8, 0xfa];

/// WCAG 2.1 relative luminance.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The colour, darkened just enough to reach 4.5:1 against the code background (WCAG AA).
fn readable(c: syntect::highlighting::Color) -> syntect::highlighting::Color {
    let mut rgb = [c.r, c.g, c.b];
    while contrast(rgb, CODE_BACKGROUND) < 4.6 {
        rgb = rgb.map(|v| (f64::from(v) * 0.92) as u8);
    }
    syntect::highlighting::Color { r: rgb[0], g: rgb[1], b: rgb[2], a: 255 }
}

/// The stylesheet for highlighted code: syntect's bundled InspiredGitHub theme with every
/// colour made readable on the code background. Made once per run.
pub fn highlight_css() -> &'static str {
    static CSS: OnceLock<String> = OnceLock::new();
    CSS.get_or_init(make_highlight_css)
}

fn make_highlight_css() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let Some(mut theme) = themes.themes.get("InspiredGitHub").cloned() else { return String::new() };
    theme.settings.background = None;
    theme.settings.foreground = theme.settings.foreground.map(readable);
    for item in &mut theme.scopes {
        item.style.background = None;
        item.style.foreground = item.style.foreground.map(readable);
    }
    syntect::html::css_for_theme_with_class_style(
        &theme,
        ClassStyle::SpacedPrefixed { prefix: HIGHLIGHT_PREFIX },
    )
    .unwrap_or_default()
}

/// Renders a small Markdown fragment (a worksheet intro) with no components.
pub fn fragment(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options()));
    html
}

#[cfg(test)]
mod tests {
    use super::{render, resolve_relative};
    use crate::expand::Expanded;

    fn page(md: &str, raw: bool) -> super::RenderedPage {
        let dropped = ["vaerktoejer/gone.md".to_owned()].into_iter().collect();
        let options =
            super::RenderOptions { page_rel: "vaerktoejer/swot.md", allow_raw_html: raw, dropped: &dropped };
        render(&Expanded { markdown: md.to_owned(), ..Expanded::default() }, &options)
    }

    #[test]
    fn links_to_dropped_pages_become_text() {
        let p = page("Se [det gamle](gone.md) og [det nye](new.md).", false);
        assert!(
            super::for_page(&p.html).contains("Se det gamle og <a href=\"new.html\">det nye</a>."),
            "{}",
            p.html
        );
        assert_eq!(p.unlinked.len(), 1);
    }

    #[test]
    fn headings_get_unique_ids() {
        let p = page("# Første møde\n\n## Første møde\n\n## Egen {#mit-id}\n", false);
        let ids: Vec<_> = p.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["forste-mode", "forste-mode-2", "mit-id"]);
        assert!(p.html.contains(&format!(r#"<h2 id="{}mit-id">Egen</h2>"#, super::ID_MARK)), "{}", p.html);
    }

    #[test]
    fn heading_attributes_are_kept() {
        // Regression, found by tests/robustness.rs: `{.class key=value}` after a heading was dropped.
        let p = page("## Titel {#mit .vigtig data-x=1}\n\n## Anden {1. }\n", false);
        let html = super::for_page(&p.html);
        assert!(html.contains(r#"<h2 id="mit" class="vigtig" data-x="1">Titel</h2>"#), "{html}");
        assert!(html.contains(r#"<h2 id="anden" 1.="">Anden</h2>"#), "{html}");
    }

    #[test]
    fn markdown_links_become_html_links() {
        let p = page("[a](../forloebet.md#start) [b](logbog.md) [c](https://x.dk/a.md) [d](#top)", false);
        let html = super::for_page(&p.html);
        assert!(html.contains(r#"href="../forloebet.html#start""#));
        assert!(html.contains(r#"href="logbog.html""#));
        assert!(html.contains(r#"href="https://x.dk/a.md""#));
        assert!(html.contains(r##"href="#top""##));
        // In the print view, at the site root, the same links still resolve.
        let print = super::for_print(&p.html, "side-swot", "vaerktoejer/swot.md");
        assert!(print.contains(r#"href="vaerktoejer/logbog.html""#), "{print}");
        assert!(print.contains(r#"href="vaerktoejer/../forloebet.html#start""#));
        assert!(print.contains(r##"href="#side-swot--top""##));
        assert_eq!(p.links[0].page.as_deref(), Some("forloebet.md"));
        assert_eq!(p.links[1].page.as_deref(), Some("vaerktoejer/logbog.md"));
        assert_eq!(p.links[2].page, None);
    }

    #[test]
    fn raw_html_is_text_unless_allowed() {
        assert!(page("<script>alert(1)</script>\n", false).html.contains("&lt;script&gt;"));
        assert!(page("<b>ok</b>\n", true).html.contains("<b>ok</b>"));
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let p = page("```yaml\nevery: 2 months\n```\n", false);
        assert!(p.html.contains("hl-"), "{}", p.html);
        assert!(!p.html.contains("style="));
    }

    #[test]
    fn highlight_colours_are_readable() {
        let css = super::highlight_css();
        let mut colours = 0;
        for hex in css.split("color: #").skip(1).map(|rest| &rest[..6]) {
            let rgb = [0, 2, 4].map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
            assert!(super::contrast(rgb, super::CODE_BACKGROUND) >= 4.5, "#{hex}");
            colours += 1;
        }
        assert!(colours > 5, "{css}");
    }

    #[test]
    fn relative_paths_resolve() {
        assert_eq!(resolve_relative("a/b.md", "../c.md"), "c.md");
        assert_eq!(resolve_relative("b.md", "../c.md"), "/../c.md");
        assert_eq!(resolve_relative("b.md", "x/./y.md"), "x/y.md");
    }
}
