//! Step 1 of the Markdown wing: branches, settings and component calls in a page's Markdown.
//!
//! Input: a page's body and the [`Context`]. Output: [`Expanded`]: Markdown in which every `{%
//! if %}` branch not taken is gone, every `{{ setting | filter }}` is replaced by words in the
//! page's language (escaped, so a value is always text), and every component call by a marker
//! paragraph whose HTML is kept aside for the next step; and a map from the new text back to the
//! page, so later messages can name the line and column the author wrote.
//!
//! Code spans and fenced or indented code are never touched, nor is raw HTML (a tag there is
//! published as written, with a warning). Text with only single braces passes through
//! unchanged, so ordinary Markdown renders exactly as pulldown-cmark alone renders it. `\{{`
//! writes a literal `{{`.

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{Call, Component, Context, Source};
use crate::diagnostic::{Diagnostic, Problems};
use crate::vocabulary::{Branches, ExprError, TagKind, is_call, next_tag};

/// Marks where a component's HTML goes; private-use characters never typed by an author.
pub(super) const MARKER_OPEN: char = '\u{E000}';
pub(super) const MARKER_CLOSE: char = '\u{E001}';

/// A page after expansion.
#[derive(Debug, Default)]
pub(super) struct Expanded {
    pub markdown: String,
    /// The components placed, by marker number, with the offset of their call in the page.
    pub components: Vec<(Component, usize)>,
    map: Vec<Piece>,
    pub warnings: Problems,
}

/// A stretch of the expanded text: copied from the page (`verbatim`) or put in for a tag.
#[derive(Debug)]
struct Piece {
    out: usize,
    source: usize,
    len: usize,
    verbatim: bool,
}

impl Expanded {
    /// The page offset that an offset of the expanded text came from. Text put in for a tag
    /// maps to the tag.
    pub fn source_offset(&self, out: usize) -> usize {
        let i = self.map.partition_point(|p| p.out <= out).saturating_sub(1);
        match self.map.get(i) {
            Some(p) if p.verbatim => p.source + (out - p.out).min(p.len),
            Some(p) => p.source,
            None => out,
        }
    }

    fn copy(&mut self, body: &str, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.map.push(Piece {
            out: self.markdown.len(),
            source: range.start,
            len: range.len(),
            verbatim: true,
        });
        self.markdown.push_str(&body[range]);
    }

    fn insert(&mut self, text: &str, source: usize) {
        self.map.push(Piece { out: self.markdown.len(), source, len: text.len(), verbatim: false });
        self.markdown.push_str(text);
    }
}

/// Byte ranges that expansion leaves alone: code (spans and blocks) and raw HTML.
fn untouched(markdown: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    match fenced_only(markdown) {
        Some(code) => (code, Vec::new()),
        None => parsed_untouched(markdown),
    }
}

/// The code of a page whose only code is fenced with backticks from the start of a line, and
/// which has no HTML, found line by line without parsing the page (which was 8 % of building a
/// large handbook): outside the fences no `<`, no backtick, no tab, no line indented four
/// spaces, no five spaces in a row (code in a list item), no block quote and no `~~~`. `None`
/// for any other page, which pulldown-cmark reads.
fn fenced_only(markdown: &str) -> Option<Vec<Range<usize>>> {
    static FIVE_SPACES: LazyLock<memmem::Finder> = LazyLock::new(|| memmem::Finder::new("     "));
    let mut code = Vec::new();
    // The open fence: where it starts and how many backticks it has.
    let mut fence: Option<(usize, usize)> = None;
    let bytes = markdown.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let newline = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let end = (newline + 1).min(bytes.len());
        let text = &bytes[start..newline];
        let ticks = text.iter().take_while(|&&b| b == b'`').count();
        let indent = text.iter().take_while(|&&b| b == b' ').count();
        match fence {
            Some((open, opened_with)) => {
                // A closing fence: up to three spaces, at least as many backticks, nothing after.
                let closing = text[indent..].iter().take_while(|&&b| b == b'`').count();
                if indent <= 3
                    && closing >= opened_with
                    && text[indent + closing..].iter().all(|&b| b == b' ' || b == b'\t')
                {
                    code.push(open..end);
                    fence = None;
                }
            }
            None if ticks >= 3 && !text[ticks..].contains(&b'`') => fence = Some((start, ticks)),
            None => {
                if indent >= 4
                    || matches!(text.get(indent), Some(b'>' | b'~'))
                    || memchr::memchr3(b'`', b'<', b'\t', text).is_some()
                    || FIVE_SPACES.find(text).is_some()
                {
                    return None;
                }
            }
        }
        start = end;
    }
    if let Some((open, _)) = fence {
        code.push(open..markdown.len());
    }
    Some(code)
}

/// [`untouched`] as pulldown-cmark reads the page.
fn parsed_untouched(markdown: &str) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let (mut code, mut html) = (Vec::new(), Vec::new());
    let mut block_start = None;
    for (event, range) in Parser::new_ext(markdown, super::options()).into_offset_iter() {
        match event {
            Event::Code(_) => code.push(range),
            Event::InlineHtml(_) | Event::Html(_) => html.push(range),
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => code.extend(block_start.take().map(|s| s..range.end)),
            Event::End(TagEnd::HtmlBlock) => html.extend(block_start.take().map(|s| s..range.end)),
            _ => {}
        }
    }
    (code, html)
}

/// Expands a page body; all errors are returned, not only the first.
pub(super) fn expand(source: &Source, cx: &Context) -> Result<Expanded, Problems> {
    let body = source.body;
    let (code, html) = untouched(body);
    let mut skip = code;
    skip.extend(html.iter().cloned());
    skip.sort_by_key(|r| r.start);
    let mut out = Expanded { markdown: String::with_capacity(body.len()), ..Expanded::default() };
    let mut errors: Vec<ExprError> = Vec::new();
    warn_about_tags_in_html(source, body, &html, &mut out.warnings);

    let mut branches = Branches::default();
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = next_tag(body, at, &skip) {
        let tag = match found {
            Ok(tag) => tag,
            Err(e) => {
                at = e.resume;
                errors.push(e.error);
                continue;
            }
        };
        let (line_start, line_end) = line_around(body, tag.start, tag.end);
        let alone =
            body[line_start..tag.start].trim().is_empty() && body[tag.end..line_end].trim().is_empty();
        match tag.kind {
            TagKind::Quote(expr) if is_call(expr) => {
                if branches.active() {
                    out.copy(body, copied..tag.start);
                }
                if !alone {
                    let name = expr.split('(').next().unwrap_or(expr).trim();
                    errors.push(
                        ExprError::new(
                            tag.inner,
                            format!("the component `{name}` must stand alone on its own line"),
                        )
                        .help("put the call in a paragraph of its own, with blank lines around it"),
                    );
                } else if branches.active() {
                    match component(expr, tag.inner, source, cx) {
                        Ok(component) => {
                            let n = out.components.len();
                            out.components.push((component, tag.start));
                            out.insert(&format!("{MARKER_OPEN}{n}{MARKER_CLOSE}"), tag.start);
                        }
                        Err(e) => errors.push(e),
                    }
                }
                copied = tag.end;
            }
            TagKind::Quote(expr) => {
                let active = branches.active();
                match cx.vocabulary.quote(expr, active) {
                    Ok(value) if active => {
                        out.copy(body, copied..tag.start);
                        out.insert(&as_markdown(&value, place(body, line_start, tag.start)), tag.start);
                    }
                    Ok(_) => {}
                    Err(e) => errors.push(e.shifted(tag.inner)),
                }
                copied = tag.end;
            }
            kind => {
                // A tag alone on its line takes the line with it, so branches leave no blank
                // lines or broken lists behind.
                let (cut, resume) =
                    if alone { (line_start, (line_end + 1).min(body.len())) } else { (tag.start, tag.end) };
                if branches.active() {
                    out.copy(body, copied..cut.max(copied));
                }
                if let Err(e) = branches.step(kind, tag.start, tag.inner, cx.vocabulary) {
                    errors.push(e);
                }
                copied = resume.max(copied);
            }
        }
        at = tag.end;
    }
    if let Err(e) = branches.finish() {
        errors.push(e);
    }
    if branches.active() {
        out.copy(body, copied..body.len());
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        let mut problems = Problems::default();
        for e in errors {
            let mut d = source.diagnostic(Diagnostic::error(e.message), e.offset);
            if let Some(h) = e.help {
                d = d.with_help(h);
            }
            problems.push(d);
        }
        Err(problems)
    }
}

/// The start of the line holding `start`, and the end (before the newline) of the line
/// holding `end`.
fn line_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    (line_start, line_end)
}

/// A tag in raw HTML stays as it is written; say so, since the author may expect otherwise.
fn warn_about_tags_in_html(source: &Source, body: &str, html: &[Range<usize>], warnings: &mut Problems) {
    for range in html {
        let text = &body[range.clone()];
        if let Some(i) = text.find("{{").or_else(|| text.find("{%")) {
            let at = range.start + i;
            if at == 0 || body.as_bytes()[at - 1] != b'\\' {
                warnings.push(
                    source
                        .diagnostic(Diagnostic::warning("settings and conditions are not expanded inside HTML; this is published as written"), at)
                        .with_help("write the text in Markdown instead, or `\\{{` for literal braces"),
                );
            }
        }
    }
}

/// Renders a component call through the host.
fn component(expr: &str, at: usize, source: &Source, cx: &Context) -> Result<Component, ExprError> {
    let (name, rest) = expr.split_once('(').unwrap_or((expr, ""));
    let name = name.trim();
    let Some(args) = rest.trim_end().strip_suffix(')') else {
        return Err(ExprError::new(at, format!("`{expr}` is missing its closing `)`")));
    };
    let args = args.trim();
    let argument = if args.is_empty() {
        None
    } else {
        let quoted = ['"', '\''].iter().find_map(|q| {
            args.strip_prefix(*q).and_then(|a| a.strip_suffix(*q)).filter(|inner| !inner.contains(*q))
        });
        match quoted {
            Some(inner) => Some(inner.to_owned()),
            None => {
                return Err(ExprError::new(
                    at,
                    format!("the argument `{args}` must be a quoted name, e.g. `\"swot\"`"),
                ));
            }
        }
    };
    cx.components.render(&Call { name, argument }, source.rel).map_err(|(message, help)| {
        let e = ExprError::new(at, message);
        if help.is_empty() { e } else { e.help(help) }
    })
}

/// Where in the Markdown a value is quoted, which decides how it is kept as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    /// Running text, a heading, a table cell, a link's text.
    Text,
    /// A link's destination: `[a](https://x.dk/{{ unit }})`.
    Destination,
    /// An autolink: `<https://x.dk/{{ unit }}>`, where backslashes are not escapes.
    Autolink,
}

fn place(body: &str, line_start: usize, at: usize) -> Place {
    let before = &body[line_start..at];
    if let Some(lt) = before.rfind('<') {
        let inside = &before[lt + 1..];
        let scheme = inside.split_once(':').is_some_and(|(s, _)| {
            s.len() >= 2 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
        });
        if scheme && !inside.contains(|c: char| c.is_whitespace() || c == '>') {
            return Place::Autolink;
        }
    }
    if let Some(p) = before.rfind("](")
        && !before[p + 2..].contains([')', ' ', '\t'])
    {
        return Place::Destination;
    }
    Place::Text
}

/// A setting's value as Markdown that shows exactly the value: whitespace folded (a line break
/// in a value would start a new block), and every ASCII punctuation mark escaped, so `2. sal`,
/// `- x`, `# x`, `> x`, `*Ib*` and `a | b` stay text at the start of a line, in a table cell, a
/// heading or a link. In a destination spaces are percent-encoded; in an autolink, where a
/// backslash is not an escape, only what would end the link is.
fn as_markdown(value: &str, place: Place) -> String {
    let folded = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(folded.len() + 8);
    for c in folded.chars() {
        match (place, c) {
            (Place::Autolink, ' ') | (Place::Destination, ' ') => out.push_str("%20"),
            (Place::Autolink, '<') => out.push_str("%3C"),
            (Place::Autolink, '>') => out.push_str("%3E"),
            (Place::Autolink, c) => out.push(c),
            (_, c) if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            (_, c) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Place, as_markdown, fenced_only, parsed_untouched, place};

    /// Whether byte `i` is in one of `ranges`.
    fn inside(ranges: &[std::ops::Range<usize>], i: usize) -> bool {
        ranges.iter().any(|r| r.contains(&i))
    }

    #[test]
    fn a_page_with_fenced_code_only_is_read_without_the_parser() {
        let page = "# {{ a }}\n\n- {{ b }}\n\n```yaml\nx: {{ c }}\n```\n\n| {{ d }} |\n|---|\n";
        let code = fenced_only(page).unwrap();
        let at = |tag: &str| page.find(tag).unwrap();
        assert!(!inside(&code, at("{{ a")) && !inside(&code, at("{{ b")) && !inside(&code, at("{{ d")));
        assert!(inside(&code, at("{{ c")));
        for page in
            ["`{{ a }}`", "<b>{{ a }}</b>", "    {{ a }}", "-     {{ a }}", "> ```\n", "~~~\nx\n~~~\n"]
        {
            assert!(fenced_only(page).is_none(), "{page:?} is for the parser");
        }
    }

    proptest::proptest! {
        /// Wherever the line reader takes a page, braces are in its code exactly where they are
        /// in pulldown-cmark's, and the page has no HTML.
        #[test]
        fn the_line_reader_finds_the_code_pulldown_cmark_finds(
            lines in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just(String::new()),
                    "(```|````|~~~|  ```| ````)[a-z` ]{0,4}",
                    "[-*+>| ]{0,3}[ ]{0,6}[a-z{}%` <]{0,8}",
                    "[0-9][.)] [ ]{0,5}[a-z{}%]{0,6}",
                    "[a-z ]{0,4}\\{\\{ [a-z]{1,3} \\}\\}[a-z ]{0,4}",
                    "\\| [{}% a-z]{0,6} \\|",
                    "\\|---\\|",
                ],
                0..12,
            )
        ) {
            let page = lines.join("\n");
            if let Some(code) = fenced_only(&page) {
                let (parsed_code, parsed_html) = parsed_untouched(&page);
                proptest::prop_assert!(parsed_html.is_empty(), "{:?}", page);
                for (i, b) in page.bytes().enumerate() {
                    if matches!(b, b'{' | b'}' | b'%') {
                        proptest::prop_assert_eq!(inside(&code, i), inside(&parsed_code, i), "byte {} of {:?}", i, page);
                    }
                }
            }
        }
    }

    #[test]
    fn values_are_escaped_for_where_they_stand() {
        assert_eq!(as_markdown("2. sal", Place::Text), "2\\. sal");
        assert_eq!(as_markdown("R&D_x\nny linje", Place::Text), "R\\&D\\_x ny linje");
        assert_eq!(as_markdown("R&D x", Place::Destination), "R\\&D%20x");
        assert_eq!(as_markdown("R&D_x <y>", Place::Autolink), "R&D_x%20%3Cy%3E");
        let body = "Se <https://x.dk/{{ unit }}> og [a](https://x.dk/{{ unit }}) og {{ unit }}";
        let at = |n: usize| body.match_indices("{{").nth(n).unwrap().0;
        assert_eq!(place(body, 0, at(0)), Place::Autolink);
        assert_eq!(place(body, 0, at(1)), Place::Destination);
        assert_eq!(place(body, 0, at(2)), Place::Text);
    }
}
