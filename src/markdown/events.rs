//! Step 2 of the Markdown wing: expanded Markdown to HTML.
//!
//! Input: an [`Expanded`] page and the [`Context`]. Output: a [`Rendered`] page. The
//! pulldown-cmark events are rewritten on their way to HTML: headings get ids (unique on the
//! page, and never the id of a component), links and images are classified and rewritten (`.md`
//! to `.html`, folders to their `index.html`) and recorded with their place for the link check,
//! links to dropped pages become their text, component markers become the component, raw HTML
//! becomes text unless the programme allows it, and fenced code is highlighted. Script links
//! (`javascript:` and the like) are errors. The plain text of each section is gathered for
//! search as the events pass.

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd,
};
use rustc_hash::FxHashSet;

use super::expand::{Expanded, MARKER_CLOSE, MARKER_OPEN};
use super::{
    ANCHOR_MARK, Context, FOLDER_MARK, Heading, ID_MARK, Link, Rendered, Source, Target, TextSection,
};
use crate::diagnostic::{Diagnostic, Problems};
use crate::html::{escape, escape_into, slug};

/// A heading being read: its tag's parts, the events inside it, and its plain text.
struct OpenHeading<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    inner: Vec<Event<'a>>,
    text: String,
}

/// Where the renderer is in a paragraph.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Paragraph {
    Outside,
    /// A paragraph opened at this index of the events.
    Open(usize),
    /// A paragraph that holds only a component, which replaced it.
    Component,
}

struct Renderer<'s, 'a> {
    source: &'s Source<'s>,
    expanded: &'s Expanded,
    cx: &'s Context<'a>,
    out: Rendered,
    events: Vec<Event<'s>>,
    used_ids: FxHashSet<String>,
    heading: Option<OpenHeading<'s>>,
    /// A code block being read: its language and text.
    code: Option<(String, String)>,
    paragraph: Paragraph,
    /// Inside a link to a dropped page, which is shown as its text.
    unlinked: bool,
    errors: Problems,
}

pub(super) fn render(source: &Source, expanded: &Expanded, cx: &Context) -> Result<Rendered, Problems> {
    // Sized from the Markdown (an event per 16 bytes or so; HTML about half as long again), so
    // neither grows by copying itself over and over.
    let size = expanded.markdown.len();
    let mut r = Renderer {
        source,
        expanded,
        cx,
        out: Rendered { html: String::with_capacity(size + size / 2), ..Rendered::default() },
        events: Vec::with_capacity(size / 16),
        used_ids: FxHashSet::default(),
        heading: None,
        code: None,
        paragraph: Paragraph::Outside,
        unlinked: false,
        errors: Problems::default(),
    };
    // Component ids are on the page before any heading is named.
    for (component, _) in &expanded.components {
        for id in ids_in(&component.html) {
            r.used_ids.insert(id.to_owned());
            r.out.component_ids.push(id.to_owned());
        }
        r.out.worksheets.extend(component.worksheet.clone());
    }
    for (event, range) in Parser::new_ext(&expanded.markdown, super::options()).into_offset_iter() {
        r.event(event, range.start);
    }
    pulldown_cmark::html::push_html(&mut r.out.html, r.events.into_iter());
    // Kept until the site is written: no room left over.
    r.out.html.shrink_to_fit();
    for section in &mut r.out.sections {
        section.text.shrink_to_fit();
    }
    r.out.warnings.extend(expanded.warnings.clone());
    if r.errors.has_errors() { Err(r.errors) } else { Ok(r.out) }
}

impl<'s> Renderer<'s, '_> {
    /// A message at an offset of the expanded text, placed in the real file.
    fn at(&self, d: Diagnostic, offset: usize) -> Diagnostic {
        self.source.diagnostic(d, self.expanded.source_offset(offset))
    }

    fn push(&mut self, e: Event<'s>) {
        match &mut self.heading {
            Some(open) => open.inner.push(e),
            None => self.events.push(e),
        }
    }

    /// Plain text for search: into the heading being read, or the current section.
    fn text(&mut self, t: &str) {
        match &mut self.heading {
            Some(open) => open.text.push_str(t),
            None => section_text(&mut self.out).push_str(t),
        }
    }

    fn event(&mut self, event: Event<'s>, offset: usize) {
        if let Some((_, buf)) = &mut self.code {
            match event {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => self.end_code(),
                _ => {}
            }
            return;
        }
        if self.paragraph == Paragraph::Component && !matches!(event, Event::End(TagEnd::Paragraph)) {
            self.not_alone(offset);
            return;
        }
        match event {
            Event::Start(Tag::BlockQuote(Some(kind))) => self.start_callout(kind),
            Event::End(TagEnd::BlockQuote(Some(_))) => self.events.push(Event::Html("</div>\n".into())),
            Event::Start(Tag::BlockQuote(None)) => {
                self.check_callout_kind(offset);
                self.events.push(event);
            }
            Event::Start(Tag::Table(_)) => {
                self.start_table_region();
                self.events.push(event);
            }
            Event::End(TagEnd::Table) => {
                self.events.push(event);
                self.events.push(Event::Html("</div>\n".into()));
            }
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                // Held back until its text is known, to make its id from it.
                self.heading =
                    Some(OpenHeading { level, id, classes, attrs, inner: Vec::new(), text: String::new() });
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_owned(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((lang, String::new()));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let Some(dest) = self.link(&dest_url, link_type, false, offset) else {
                    self.unlinked = true;
                    return;
                };
                self.push(Event::Start(Tag::Link { link_type, dest_url: dest.into(), title, id }));
            }
            Event::End(TagEnd::Link) if self.unlinked => self.unlinked = false,
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest = self.link(&dest_url, link_type, true, offset).unwrap_or_default();
                self.push(Event::Start(Tag::Image { link_type, dest_url: dest.into(), title, id }));
            }
            Event::Start(Tag::Paragraph) => {
                self.paragraph = Paragraph::Open(self.events.len());
                self.events.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                if self.paragraph != Paragraph::Component {
                    self.events.push(Event::End(TagEnd::Paragraph));
                }
                self.paragraph = Paragraph::Outside;
                section_text(&mut self.out).push('\n');
            }
            Event::Text(t) if has_marker(&t) => self.component(&t, offset),
            Event::Html(h) | Event::InlineHtml(h) if !self.cx.allow_raw_html => {
                self.text(&h);
                self.push(Event::Text(h));
            }
            Event::Text(t) => {
                self.text(&t);
                self.push(Event::Text(t));
            }
            Event::Code(t) => {
                self.text(&t);
                self.push(Event::Code(t));
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::TableCell) => {
                // A line break inside a heading is a space between its words, in its id too.
                self.text(" ");
                self.push(event);
            }
            other => self.push(other),
        }
    }

    fn end_code(&mut self) {
        let Some((lang, code)) = self.code.take() else { return };
        self.out.has_code = true;
        self.events.push(Event::Html(super::highlight::highlight(&lang, &code).into()));
        let text = section_text(&mut self.out);
        text.push_str(&code);
        text.push('\n');
    }

    fn end_heading(&mut self) {
        let Some(OpenHeading { level, id, classes, attrs, inner, text }) = self.heading.take() else {
            return;
        };
        let text = fold_whitespace(text);
        let id = self.unique_id(id.map_or_else(|| slug(&text), |i| i.to_string()));
        // pulldown-cmark writes the tag (classes and attributes as the author gave them); the
        // id carries the mark the print view replaces. Beside the heading, a link to it that a
        // reader can copy; outside the heading, so the heading's name stays its text.
        let marked = format!("{ID_MARK}{id}");
        self.events.push(Event::Html("<div class=\"heading-anchor\">".into()));
        self.events.push(Event::Start(Tag::Heading { level, id: Some(marked.into()), classes, attrs }));
        self.events.extend(inner);
        self.events.push(Event::End(TagEnd::Heading(level)));
        let label = self.cx.labels.heading_link;
        let mut link = String::with_capacity(150 + id.len() + label.len() + text.len());
        link.push_str("<a class=\"heading-link\" href=\"#");
        link.push_str(ANCHOR_MARK);
        link.push_str(&id);
        link.push_str("\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">");
        escape_into(label, &mut link);
        link.push_str(": ");
        escape_into(&text, &mut link);
        link.push_str("</span></a></div>\n");
        self.events.push(Event::Html(link.into()));
        let heading = Heading { level: level as u8, id, text };
        if heading.level <= 3 {
            let text = String::with_capacity(SECTION_TEXT);
            self.out.sections.push(TextSection { heading: Some(heading.clone()), text });
        } else {
            let section = section_text(&mut self.out);
            section.push_str(&heading.text);
            section.push('\n');
        }
        self.out.headings.push(heading);
    }

    /// A callout (`> [!NOTE]`): a note a screen reader announces with its label.
    fn start_callout(&mut self, kind: BlockQuoteKind) {
        let l = self.cx.labels;
        let (class, label) = match kind {
            BlockQuoteKind::Note => ("note", l.note),
            BlockQuoteKind::Tip => ("tip", l.tip),
            BlockQuoteKind::Important => ("important", l.important),
            BlockQuoteKind::Warning => ("warning", l.warning),
            BlockQuoteKind::Caution => ("caution", l.caution),
        };
        let id = self.unique_id("callout");
        self.events.push(Event::Html(
            format!(
                "<div class=\"callout callout-{class}\" role=\"note\" aria-labelledby=\"{ID_MARK}{id}\"><p class=\"callout-label\" id=\"{ID_MARK}{id}\">{}</p>\n",
                escape(label)
            )
            .into(),
        ));
        let text = section_text(&mut self.out);
        text.push_str(label);
        text.push('\n');
    }

    /// `> [!TIPS]` looks like a callout whose kind handbook does not know: say so, rather than
    /// publish it as a quotation starting with `[!TIPS]`.
    fn check_callout_kind(&mut self, offset: usize) {
        let first = self.expanded.markdown[offset..].lines().next().unwrap_or("");
        let rest = first.trim_start().trim_start_matches('>').trim();
        let Some(word) = rest.strip_prefix("[!").and_then(|r| r.split_once(']')).map(|(w, _)| w) else {
            return;
        };
        if !word.is_empty() && word.chars().all(|c| c.is_alphanumeric()) {
            let d = Diagnostic::error(format!("unknown callout kind `{word}`")).with_help(
                "the kinds are `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` and `[!CAUTION]`",
            );
            self.errors.push(self.at(d, offset));
        }
    }

    /// A table scrolls sideways inside its own focusable region, named by the heading above it
    /// (or the page's title), so the page does not: WCAG 1.4.10 exempts data tables from reflow.
    fn start_table_region(&mut self) {
        let name = match self.out.headings.last() {
            Some(h) => format!("aria-labelledby=\"{ID_MARK}{}\"", h.id),
            None => format!("aria-label=\"{}\"", escape(self.source.title)),
        };
        self.events.push(Event::Html(
            format!("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" {name}>\n").into(),
        ));
    }

    /// An id not yet used on the page: `base`, `base-2`, ...
    fn unique_id(&mut self, base: impl Into<String>) -> String {
        let base = base.into();
        let mut id = base.clone();
        let mut n = 1;
        while !self.used_ids.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }

    /// A component marker: the component replaces the paragraph it stands alone in.
    fn component(&mut self, text: &str, offset: usize) {
        let number = text
            .strip_prefix(MARKER_OPEN)
            .and_then(|t| t.strip_suffix(MARKER_CLOSE))
            .and_then(|n| n.parse::<usize>().ok());
        let start = match self.paragraph {
            Paragraph::Open(start) if start + 1 == self.events.len() && self.heading.is_none() => start,
            _ => return self.not_alone(offset),
        };
        let Some((component, _)) = number.and_then(|n| self.expanded.components.get(n)) else {
            return self.not_alone(offset);
        };
        self.events.truncate(start);
        self.events.push(Event::Html(mark_component(&component.html).into()));
        match heading_in(&component.html) {
            // A component under a heading of its own (contacts, key dates) is a section of its
            // own for search, found at that heading, as a reader sees it on the page.
            Some(heading) => {
                // Its words may start with the heading, which the section has already.
                let text = component.text.strip_prefix(heading.text.as_str()).unwrap_or(&component.text);
                let text = text.trim_start().to_owned();
                self.out.sections.push(TextSection { heading: Some(heading), text })
            }
            None => section_text(&mut self.out).push_str(&component.text),
        }
        self.paragraph = Paragraph::Component;
    }

    fn not_alone(&mut self, offset: usize) {
        let d = Diagnostic::error("a component must be a paragraph of its own")
            .with_help("put blank lines before and after the component call");
        let d = self.at(d, offset);
        if !self.errors.errors().any(|e| e.line == d.line) {
            self.errors.push(d);
        }
    }

    /// Checks and rewrites a link or image destination, recording local ones. `None` for a
    /// link to a dropped page, which is shown as its text.
    fn link(&mut self, dest: &str, link_type: LinkType, image: bool, offset: usize) -> Option<String> {
        if let Some(scheme) = script_scheme(dest, image) {
            let what = if image { "image" } else { "link" };
            let d = Diagnostic::error(format!(
                "the {what} `{dest}` runs a script (`{scheme}:`), which a handbook never publishes"
            ))
            .with_help(
                "link to a page, an anchor, a file of the site or a web address (https://, mailto:, tel:)",
            );
            self.errors.push(self.at(d, offset));
            return Some(String::new());
        }
        if matches!(link_type, LinkType::Email) || is_external(dest) || dest.is_empty() {
            return Some(dest.to_owned());
        }
        let source_offset = self.expanded.source_offset(offset);
        let (file, line, column) = self.source.place(source_offset);
        let (target, rewritten) = classify(self.source.rel, dest, image);
        let line_text = self.source.line_text(source_offset).to_owned();
        let link =
            Link { written: dest.to_owned(), target, image, file: file.to_owned(), line, column, line_text };
        let dropped = match &link.target {
            Target::Page { page, anchor } => {
                self.cx.dropped.contains(page)
                    || anchor.as_ref().is_some_and(|a| self.cx.dropped.contains(&format!("{page}#{a}")))
            }
            Target::Anchor(a) => self.cx.dropped.contains(&format!("{}#{a}", self.source.rel)),
            _ => false,
        };
        if dropped && !image {
            self.out.unlinked.push(link);
            return None;
        }
        self.out.links.push(link);
        Some(rewritten)
    }
}

/// Whether text holds a component marker. Most text has no byte that starts a character of the
/// markers' block (U+E000 to U+EFFF), which `memchr` rules out far faster than a search for the
/// whole character.
fn has_marker(text: &str) -> bool {
    let mut lead = [0; 4];
    MARKER_OPEN.encode_utf8(&mut lead);
    memchr::memchr(lead[0], text.as_bytes()).is_some() && text.contains(MARKER_OPEN)
}

/// Bytes a section's text starts with room for: most sections are a paragraph or a few, and a
/// text grown from nothing is copied a time for each doubling.
const SECTION_TEXT: usize = 512;

fn section_text(out: &mut Rendered) -> &mut String {
    if out.sections.is_empty() {
        out.sections.push(TextSection { heading: None, text: String::with_capacity(SECTION_TEXT) });
    }
    let last = out.sections.len() - 1;
    &mut out.sections[last].text
}

/// `text` with each run of whitespace one space and none at either end; taken as it is when
/// it is so already (most headings).
fn fold_whitespace(text: String) -> String {
    let folded = !text.starts_with(' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text.chars().all(|c| c == ' ' || !c.is_whitespace());
    if folded { text } else { text.split_whitespace().collect::<Vec<_>>().join(" ") }
}

/// `javascript:`, `vbscript:` and `data:` (but for images of the kinds browsers show as
/// pictures) run or carry code. Browsers ignore case, whitespace and control characters there.
fn script_scheme(dest: &str, image: bool) -> Option<&'static str> {
    let folded: String = dest
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    if folded.starts_with("javascript:") {
        Some("javascript")
    } else if folded.starts_with("vbscript:") {
        Some("vbscript")
    } else if folded.starts_with("data:") {
        let picture = ["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"]
            .iter()
            .any(|p| folded.starts_with(p));
        if image && picture { None } else { Some("data") }
    } else {
        None
    }
}

/// A web address, mail or phone link: anything with a scheme, or starting with `//`.
fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let Some((scheme, _)) = dest.split_once(':') else { return false };
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
}

/// What a local destination points to, and how it is written in the page: `.md` as `.html`,
/// a folder as its `index.html` (a file share shows no folder's index by itself), with the
/// private mark that lets the print view fix relative paths.
fn classify(page_rel: &str, dest: &str, image: bool) -> (Target, String) {
    let (rest, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_owned())),
        None => (dest, None),
    };
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    if path.is_empty() {
        let anchor = anchor.unwrap_or_default();
        return match query {
            None => (Target::Anchor(anchor.clone()), format!("#{ANCHOR_MARK}{anchor}")),
            Some(_) => (Target::Page { page: page_rel.to_owned(), anchor: Some(anchor) }, dest.to_owned()),
        };
    }
    if path.starts_with('/') {
        return (Target::Outside, dest.to_owned());
    }
    let folder =
        path.ends_with('/') || path == "." || path == ".." || path.ends_with("/.") || path.ends_with("/..");
    let written = if folder {
        format!("{}/index.html", path.trim_end_matches('/'))
    } else if let Some(stem) = path.strip_suffix(".md") {
        format!("{stem}.html")
    } else {
        path.to_owned()
    };
    let Some(resolved) = super::resolve_relative(page_rel, &written) else {
        return (Target::Outside, dest.to_owned());
    };
    let target = match resolved.strip_suffix(".html") {
        Some(stem) if !image => Target::Page { page: format!("{stem}.md"), anchor: anchor.clone() },
        _ => Target::File(resolved),
    };
    let mut out = format!("{FOLDER_MARK}{written}");
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    if let Some(a) = anchor {
        out.push('#');
        out.push_str(&a);
    }
    (target, out)
}

/// The heading of a component that is a `<section>` opening with an `<h2>` or `<h3>` with an
/// id (contacts, key dates): its level, id and text (tags dropped, entities read). A worksheet
/// is a form, and stays part of the section it is placed in.
fn heading_in(html: &str) -> Option<Heading> {
    if !html.trim_start().starts_with("<section") {
        return None;
    }
    let start = html.find('>')? + 1;
    let start = start + html[start..].find(|c: char| !c.is_whitespace())?;
    if !html[start..].starts_with("<h") {
        return None;
    }
    let level = match html.as_bytes().get(start + 2) {
        Some(b'2') => 2,
        Some(b'3') => 3,
        _ => return None,
    };
    let tag_end = start + html[start..].find('>')?;
    let id = ids_in(&html[start..=tag_end]).next()?.to_owned();
    let close = format!("</h{level}>");
    let inner = &html[tag_end + 1..tag_end + 1 + html[tag_end + 1..].find(&close)?];
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = crate::html::unescape(&text);
    Some(Heading { level, id, text: fold_whitespace(text) })
}

/// The ids an HTML fragment defines.
fn ids_in(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices(" id=\"").filter_map(|(i, m)| {
        let start = i + m.len();
        html[start..].find('"').map(|end| &html[start..start + end])
    })
}

/// Marks a component's ids and id references for the print view, and its relative links for
/// the page's folder, as the page's own ids and links are marked.
fn mark_component(html: &str) -> String {
    const IDS: [&str; 4] = [" id", " for", " aria-labelledby", " aria-describedby"];
    const URLS: [&str; 2] = [" href", " src"];
    let mut out = String::with_capacity(html.len() + 64);
    let mut copied = 0;
    let mut at = 0;
    // Every attribute value opens with `="`: look only at quotes, and at the name before `=`.
    while let Some(quote) = memchr::memchr(b'"', &html.as_bytes()[at..]).map(|i| at + i) {
        at = quote + 1;
        let Some(name) = html[..quote].strip_suffix('=') else { continue };
        let Some(attribute) = IDS.iter().chain(&URLS).find(|a| name.ends_with(**a)) else { continue };
        let value = quote + 1;
        let end = html[value..].find('"').map_or(html.len(), |i| value + i);
        out.push_str(&html[copied..value]);
        let v = &html[value..end];
        if IDS.contains(attribute) {
            for (n, id) in v.split(' ').enumerate() {
                if n > 0 {
                    out.push(' ');
                }
                out.push(ID_MARK);
                out.push_str(id);
            }
        } else if let Some(anchor) = v.strip_prefix('#') {
            out.push('#');
            out.push_str(ANCHOR_MARK);
            out.push_str(anchor);
        } else if v.is_empty() || is_external(v) || v.starts_with('/') {
            out.push_str(v);
        } else {
            out.push_str(FOLDER_MARK);
            out.push_str(v);
        }
        copied = end;
        // Past the closing quote.
        at = (end + 1).min(html.len());
    }
    out.push_str(&html[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::{classify, fold_whitespace, is_external, mark_component, script_scheme};
    use crate::markdown::{ANCHOR_MARK as A, FOLDER_MARK as F, ID_MARK as M, Target};

    #[test]
    fn destinations_are_classified_and_rewritten() {
        let page = |p: &str, a: Option<&str>| Target::Page { page: p.into(), anchor: a.map(Into::into) };
        assert_eq!(
            classify("vaerktoejer/swot.md", "../forloebet.md#start", false),
            (page("forloebet.md", Some("start")), format!("{F}../forloebet.html#start"))
        );
        assert_eq!(
            classify("vaerktoejer/swot.md", "./", false),
            (page("vaerktoejer/index.md", None), format!("{F}./index.html"))
        );
        assert_eq!(
            classify("swot.md", "index.md?x=1", false),
            (page("index.md", None), format!("{F}index.html?x=1"))
        );
        assert_eq!(classify("a/b.md", "foo", false).0, Target::File("a/foo".into()));
        assert_eq!(classify("a/b.md", "../../x.md", false).0, Target::Outside);
        assert_eq!(classify("a/b.md", "/x.png", true).0, Target::Outside);
        assert_eq!(classify("a/b.md", "#top", false), (Target::Anchor("top".into()), format!("#{A}top")));
        assert_eq!(classify("b.md", "logo.html", true).0, Target::File("logo.html".into()));
    }

    proptest::proptest! {
        /// A heading's text taken as it is must be what folding would give.
        #[test]
        fn whitespace_is_folded_as_split_and_join_fold_it(text in "[a b\t\n\u{a0}\u{2003}æ]{0,12}") {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(fold_whitespace(text), expected);
        }
    }

    #[test]
    fn script_links_are_found_however_they_are_written() {
        assert_eq!(script_scheme("javascript:alert(1)", false), Some("javascript"));
        assert_eq!(script_scheme(" JaVa\tScRiPt:x", false), Some("javascript"));
        assert_eq!(script_scheme("vbscript:x", true), Some("vbscript"));
        assert_eq!(script_scheme("data:text/html,<script>", false), Some("data"));
        assert_eq!(script_scheme("data:image/svg+xml,<svg onload=x>", true), Some("data"));
        assert_eq!(script_scheme("data:image/png;base64,iVBO", true), None);
        assert_eq!(script_scheme("https://x.dk", false), None);
        assert!(is_external("mailto:a@b.dk") && is_external("//x.dk") && !is_external("swot.md"));
    }

    #[test]
    fn component_ids_and_links_carry_the_marks() {
        let html = r##"<form id="ws-a" aria-labelledby="t d"><label for="f">x</label><a href="../calendar/k.ics">k</a><a href="#ws-a">a</a><a href="https://x.dk">x</a></form>"##;
        assert_eq!(
            mark_component(html),
            format!(
                r##"<form id="{M}ws-a" aria-labelledby="{M}t {M}d"><label for="{M}f">x</label><a href="{F}../calendar/k.ics">k</a><a href="#{A}ws-a">a</a><a href="https://x.dk">x</a></form>"##
            )
        );
        // Values that end in `=`, text that looks like an attribute, a quote never closed.
        assert_eq!(
            mark_component(r#"<i data-q="a=" id="b">c id="d"</i><a href="e"#),
            format!(r#"<i data-q="a=" id="{M}b">c id="{M}d"</i><a href="{F}e"#)
        );
    }
}
