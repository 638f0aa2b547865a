//! Escaping for text placed in HTML and SVG that the build writes itself.

/// Escapes text for an element body or a double-quoted attribute.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(text, &mut out);
    out
}

/// [`escape`] onto the end of `out`.
pub(crate) fn escape_into(text: &str, out: &mut String) {
    escape_with(text, |part| {
        out.push_str(part);
        Ok::<(), std::convert::Infallible>(())
    })
    .unwrap_or_else(|never| match never {});
}

/// Gives `put` the escaped text in parts, in order: runs that need no escaping (maybe empty)
/// and entities; stops at `put`'s first error.
pub(crate) fn escape_with<E>(text: &str, mut put: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        put(&text[start..i])?;
        put(entity)?;
        start = i + 1;
    }
    put(&text[start..])
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
    let mut out = String::with_capacity(text.len());
    // A hyphen is due before the next letter or digit: runs of other characters become one,
    // and none stands first or last.
    let mut due = false;
    let mut add = |c: char| {
        let folded = match c {
            'æ' | 'ä' => "ae",
            'ø' | 'ö' => "o",
            'å' | 'à' | 'á' | 'â' => "a",
            'é' | 'è' | 'ê' => "e",
            'ü' => "u",
            // Kept as it is.
            c if c.is_ascii_alphanumeric() => "",
            _ => {
                due = true;
                return;
            }
        };
        if due && !out.is_empty() {
            out.push('-');
        }
        due = false;
        if folded.is_empty() {
            out.push(c);
        } else {
            out.push_str(folded);
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            add(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(&mut add);
        }
    }
    if out.is_empty() { "section".to_owned() } else { out }
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

    proptest::proptest! {
        /// The slug is the folded text's runs of letters and digits joined by single hyphens.
        #[test]
        fn a_slug_is_the_runs_of_folded_letters_and_digits(text in "[a-zA-Z0-9 æøåÆØÅäöÄÖéèêüàáâİß.,&!?-]{0,16}") {
            let folded: String = text
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| match c {
                    'æ' | 'ä' => "ae".to_owned(),
                    'ø' | 'ö' => "o".to_owned(),
                    'å' | 'à' | 'á' | 'â' => "a".to_owned(),
                    'é' | 'è' | 'ê' => "e".to_owned(),
                    'ü' => "u".to_owned(),
                    c if c.is_ascii_alphanumeric() => c.to_string(),
                    _ => "-".to_owned(),
                })
                .collect();
            let runs: Vec<&str> = folded.split('-').filter(|p| !p.is_empty()).collect();
            let expected = if runs.is_empty() { "section".to_owned() } else { runs.join("-") };
            proptest::prop_assert_eq!(slug(&text), expected);
        }
    }

    proptest::proptest! {
        /// Each of the five characters becomes its entity, every other character stays.
        #[test]
        fn escaping_replaces_exactly_the_five_characters(text in "[a<>&\"'æ; ]{0,16}") {
            let expected: String = text
                .chars()
                .map(|c| match c {
                    '&' => "&amp;".to_owned(),
                    '<' => "&lt;".to_owned(),
                    '>' => "&gt;".to_owned(),
                    '"' => "&quot;".to_owned(),
                    '\'' => "&#39;".to_owned(),
                    c => c.to_string(),
                })
                .collect();
            proptest::prop_assert_eq!(escape(&text), expected);
        }
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
