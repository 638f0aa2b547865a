//! Fenced code highlighted at build time with syntect, as CSS classes (no script, no inline
//! style, so a strict Content-Security-Policy holds), and the stylesheet for those classes with
//! every colour made readable on the code background (WCAG AA).
//!
//! The languages the handbooks show (Markdown with the handbook's `{{ }}` and `{% %}`, YAML,
//! shell, CSS) have syntaxes of their own in `syntaxes/`, compiled into a dump by `build.rs`.
//! syntect compiles a syntax's regexes on their first use in every run, and its bundled
//! syntaxes for these four cost 290 ms of compiling (Markdown alone 170 ms, most of a cold build
//! of the guides), where the handbook's own cost about 2 ms. Other languages still get syntect's
//! bundled syntaxes, loaded only when a page has one; a language neither knows is plain text.

use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use syntect::html::{ClassStyle, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::html::escape;
use crate::settings::Colour;

/// The handbook's own syntaxes, made by `build.rs` from `syntaxes/*.sublime-syntax`.
fn own_syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(|| {
        let dump = include_bytes!(concat!(env!("OUT_DIR"), "/syntaxes.packdump"));
        syntect::dumps::from_uncompressed_data(dump).unwrap_or_default()
    })
}

/// syntect's bundled syntaxes, for the languages the handbook's own do not cover.
fn bundled_syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Names of plain text, which need no look in the bundled syntaxes (the guides use `text`).
const PLAIN: [&str; 6] = ["", "text", "txt", "plain", "plaintext", "none"];

/// The syntax of a fence's language (`yaml`, `sh`, `Markdown`), and the set it belongs to.
fn syntax(lang: &str) -> Option<(&'static SyntaxReference, &'static SyntaxSet)> {
    if PLAIN.iter().any(|p| p.eq_ignore_ascii_case(lang)) {
        return None;
    }
    let own = own_syntaxes();
    if let Some(syntax) = own.find_syntax_by_token(lang) {
        return Some((syntax, own));
    }
    let bundled = bundled_syntaxes();
    bundled.find_syntax_by_token(lang).map(|syntax| (syntax, bundled))
}

const HIGHLIGHT_PREFIX: &str = "hl-";

/// Highlights a code block into `<pre><code>` with CSS classes; unknown languages are plain.
pub(super) fn highlight(lang: &str, code: &str) -> String {
    let Some((syntax, set)) = syntax(lang) else {
        let class =
            if lang.is_empty() { String::new() } else { format!(r#" class="language-{}""#, escape(lang)) };
        return format!("<pre tabindex=\"0\"><code{class}>{}</code></pre>\n", escape(code));
    };
    let mut state = (ParseState::new(syntax), ScopeStack::new());
    let mut html = String::with_capacity(code.len() * 3);
    let mut open_spans = 0;
    for line in LinesWithEndings::from(code) {
        match highlight_line(syntax, set, line, &mut state, &mut html) {
            Ok(delta) => open_spans += delta,
            Err(_) => return format!("<pre tabindex=\"0\"><code>{}</code></pre>\n", escape(code)),
        }
    }
    for _ in 0..open_spans {
        html.push_str("</span>");
    }
    format!(
        r#"<pre class="highlight" tabindex="0"><code class="language-{}">{html}</code></pre>"#,
        escape(lang)
    ) + "\n"
}

/// The parser's state between lines: where it is in the syntax, and the scopes open.
type LineState = (ParseState, ScopeStack);

/// A line highlighted from one state: its HTML, the spans it leaves open (or closes), and the
/// state after it.
struct Line {
    before: LineState,
    html: String,
    delta: isize,
    after: LineState,
}

/// Highlighted lines by syntax and text, each with the states it was met in. A line's HTML
/// depends only on the line and the state before it. Programmes share base pages, so a build of
/// many meets the same blocks again, and the blocks of one site share lines (a setting's key, a
/// list's items): such lines are parsed once per thread. Holds at most about [`LINE_MEMO_BYTES`] per thread.
#[derive(Default)]
struct LineMemo {
    bytes: usize,
    /// By the syntax's address, then the line.
    lines: FxHashMap<usize, FxHashMap<String, Vec<Line>>>,
}

const LINE_MEMO_BYTES: usize = 8 << 20;
/// About what a remembered line's two states take (the parser's context stack, the open scopes).
const LINE_STATES_BYTES: usize = 512;

thread_local! {
    static LINES: RefCell<LineMemo> = RefCell::default();
}

/// Appends one highlighted line to `html` and moves `state` past it; returns the change in open
/// spans.
fn highlight_line(
    syntax: &SyntaxReference,
    set: &SyntaxSet,
    line: &str,
    state: &mut LineState,
    html: &mut String,
) -> Result<isize, syntect::Error> {
    let syntax_key = std::ptr::from_ref(syntax) as usize;
    LINES.with_borrow_mut(|memo| {
        let seen = memo.lines.get(&syntax_key).and_then(|lines| lines.get(line));
        if let Some(known) = seen.and_then(|seen| seen.iter().find(|l| l.before == *state)) {
            html.push_str(&known.html);
            state.clone_from(&known.after);
            return Ok(known.delta);
        }
        let before = state.clone();
        let ops = state.0.parse_line(line, set)?;
        let (text, delta) = line_tokens_to_classed_spans(
            line,
            &ops,
            ClassStyle::SpacedPrefixed { prefix: HIGHLIGHT_PREFIX },
            &mut state.1,
        )?;
        html.push_str(&text);
        let cost = line.len() + text.len() + LINE_STATES_BYTES;
        if memo.bytes + cost <= LINE_MEMO_BYTES {
            memo.bytes += cost;
            let after = state.clone();
            let lines = memo.lines.entry(syntax_key).or_default();
            lines.entry(line.to_owned()).or_default().push(Line { before, html: text, delta, after });
        }
        Ok(delta)
    })
}

/// The code background of the theme's stylesheet (`pre` in style.css).
const CODE_BACKGROUND: Colour = Colour([0xf6, 0xf8, 0xfa]);

/// The colour, darkened just enough to reach 4.5:1 against the code background (WCAG AA).
fn readable(c: syntect::highlighting::Color) -> syntect::highlighting::Color {
    let mut rgb = [c.r, c.g, c.b];
    while Colour(rgb).contrast(CODE_BACKGROUND) < 4.6 {
        rgb = rgb.map(|v| (f64::from(v) * 0.92) as u8);
    }
    syntect::highlighting::Color { r: rgb[0], g: rgb[1], b: rgb[2], a: 255 }
}

/// The stylesheet for highlighted code: syntect's bundled InspiredGitHub theme with every
/// colour made readable on the code background. Made once per run.
pub(crate) fn stylesheet() -> &'static str {
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

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    use crate::settings::Colour;

    #[test]
    fn code_is_highlighted_with_classes() {
        let html = super::highlight("yaml", "every: 2 months\n");
        assert!(html.contains("hl-"), "{html}");
        assert!(!html.contains("style="));
    }

    #[test]
    fn a_line_met_again_in_another_state_is_highlighted_for_that_state() {
        // The same line is a heading in Markdown, and code inside a fence: the memo of lines
        // must not hand the first one's HTML to the second.
        let heading = super::highlight("markdown", "# Forløbet\n");
        let fenced = super::highlight("markdown", "```\n# Forløbet\n```\n");
        let again = super::highlight("markdown", "# Forløbet\n");
        assert!(heading.contains("hl-heading"), "{heading}");
        assert!(!fenced.contains("hl-heading"), "{fenced}");
        assert_eq!(again, heading);
    }

    /// The fenced blocks of every page in `content/`, by language.
    fn fenced_blocks() -> BTreeMap<String, Vec<String>> {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut blocks: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for entry in walkdir::WalkDir::new(content).into_iter().flatten() {
            if entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let mut open: Option<(String, String, String)> = None;
            for line in text.lines() {
                let trimmed = line.trim_start();
                match &mut open {
                    Some((fence, _, code)) if !trimmed.starts_with(fence.as_str()) => {
                        code.push_str(line);
                        code.push('\n');
                    }
                    Some(_) => {
                        let (_, lang, code) = open.take().unwrap();
                        blocks.entry(lang).or_default().push(code);
                    }
                    None if trimmed.starts_with("```") || trimmed.starts_with("~~~") => {
                        let mark = trimmed.chars().next().unwrap();
                        let fence: String = trimmed.chars().take_while(|&c| c == mark).collect();
                        let lang = trimmed[fence.len()..].split_whitespace().next().unwrap_or("");
                        open = Some((fence, lang.to_owned(), String::new()));
                    }
                    None => {}
                }
            }
        }
        blocks
    }

    #[test]
    fn every_language_the_content_fences_is_highlighted() {
        // Protects (issue 19): the handbook's own syntaxes, which replaced syntect's bundled ones
        // for speed, still colour every language the pages show that the bundled ones did.
        let blocks = fenced_blocks();
        assert!(blocks.contains_key("yaml"), "{:?}", blocks.keys());
        for (lang, codes) in &blocks {
            if super::bundled_syntaxes().find_syntax_by_token(lang).is_none() {
                continue;
            }
            let mut classes = BTreeSet::new();
            for code in codes {
                let html = super::highlight(lang, code);
                let found = html.split("class=\"hl-").skip(1).filter_map(|c| c.split('"').next());
                classes.extend(found.map(str::to_owned));
            }
            // More than the class of the whole block: words of their own kinds.
            assert!(classes.len() > 3, "`{lang}` gets only {classes:?}");
        }
    }

    #[test]
    fn the_handbook_formats_use_the_handbooks_own_syntaxes() {
        // Protects (issue 19): a cold build does not compile the bundled syntaxes' regexes
        // (290 ms for these four) for the languages the guides show.
        for lang in ["yaml", "yml", "markdown", "md", "sh", "bash", "css"] {
            assert!(super::own_syntaxes().find_syntax_by_token(lang).is_some(), "{lang}");
        }
        let html = super::highlight("markdown", "---\ntitle: Om\n---\n\nI mødes {{ meetings.every }}.\n");
        assert!(html.contains(r#"<span class="hl-entity hl-name hl-tag hl-yaml">title</span>"#), "{html}");
        assert!(
            html.contains(
                r#"<span class="hl-variable hl-other hl-constant hl-handbook">meetings.every</span>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn the_handbooks_syntaxes_stay_cheap_to_compile() {
        // Protects (issue 19): every regex is compiled in each run on first use. Unicode
        // classes (`\w`, `\s`, `\d`, `\b`) cost ten times an ASCII class to compile, and a
        // look-behind makes the regex engine try every position.
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/markdown/syntaxes");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
                for costly in [r"\w", r"\s", r"\d", r"\b", r"\S", r"\W", "(?<", r"\p{"] {
                    assert!(!line.contains(costly), "{}: `{costly}` in {line}", path.display());
                }
            }
        }
    }

    #[test]
    fn an_unknown_language_is_plain_escaped_code() {
        assert_eq!(
            super::highlight("no-such-language", "<b>x</b> & 'y'\n"),
            "<pre tabindex=\"0\"><code class=\"language-no-such-language\">&lt;b&gt;x&lt;/b&gt; &amp; &#39;y&#39;\n</code></pre>\n"
        );
        assert_eq!(super::highlight("", "<x>\n"), "<pre tabindex=\"0\"><code>&lt;x&gt;\n</code></pre>\n");
    }

    #[test]
    fn highlight_colours_are_readable() {
        let css = super::stylesheet();
        let mut colours = 0;
        for hex in css.split("color: #").skip(1).map(|rest| &rest[..6]) {
            let rgb = [0, 2, 4].map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap());
            assert!(Colour(rgb).contrast(super::CODE_BACKGROUND) >= 4.5, "#{hex}");
            colours += 1;
        }
        assert!(colours > 5, "{css}");
    }
}
