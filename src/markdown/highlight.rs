//! Fenced code highlighted at build time with syntect, as CSS classes (no script, no inline
//! style, so a strict Content-Security-Policy holds), and the stylesheet for those classes with
//! every colour made readable on the code background (WCAG AA).

use std::sync::{Mutex, OnceLock};

use rustc_hash::FxHashMap;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::html::escape;
use crate::settings::Colour;

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

const HIGHLIGHT_PREFIX: &str = "hl-";

/// Highlighted blocks by language and code. Programmes share base pages, so a build of many
/// programmes meets the same block once per programme, and a lookup costs far less than
/// highlighting. Holds at most [`MEMO_BYTES`] of HTML.
pub(super) fn highlight(lang: &str, code: &str) -> String {
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
    use crate::settings::Colour;

    #[test]
    fn code_is_highlighted_with_classes() {
        let html = super::highlight("yaml", "every: 2 months\n");
        assert!(html.contains("hl-"), "{html}");
        assert!(!html.contains("style="));
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
