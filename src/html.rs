//! Escaping for text placed in HTML and SVG that the build writes itself.

/// Escapes text for an element body or a double-quoted attribute.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Reads back text escaped by [`escape`] (or by the theme's templates, which write the same
/// entities).
pub(crate) fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Turns heading text into an id: lower case, a-z0-9 and hyphens, Danish and Swedish letters
/// folded (`Første møde` -> `forste-mode`), so anchors are stable and need no escaping.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'æ' | 'ä' => "ae",
            'ø' | 'ö' => "o",
            'å' | 'à' | 'á' | 'â' => "a",
            'é' | 'è' | 'ê' => "e",
            'ü' => "u",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(folded);
    }
    let parts: Vec<&str> = out.split('-').filter(|p| !p.is_empty()).collect();
    let slug = parts.join("-");
    if slug.is_empty() { "section".to_owned() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::{escape, slug, unescape};

    #[test]
    fn slugs_fold_nordic_letters() {
        assert_eq!(slug("Første møde"), "forste-mode");
        assert_eq!(slug("Så går programmet till"), "sa-gar-programmet-till");
        assert_eq!(slug("Mål & værdi!"), "mal-vaerdi");
        assert_eq!(slug("???"), "section");
    }

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn unescape_reads_back_what_escape_wrote() {
        for text in [r#"<a href="x">'&'</a>"#, "&amp;lt; stays as written", "Mål & værdi"] {
            assert_eq!(unescape(&escape(text)), text);
        }
    }
}
