//! Theme scripts and stylesheets made smaller before they are published.
//!
//! A page's weight is mostly the theme's scripts and stylesheet, fetched by every reader (often
//! from a file share, uncompressed). Scripts are parsed with oxc and printed without comments
//! and whitespace, with local names shortened; nothing else is rewritten (no "compression"
//! passes, which assume things about the code). Global names are kept, since the theme's scripts
//! are classic scripts sharing one global scope. A script that does not parse is published as
//! written, with a warning naming the file, line and column. Stylesheets lose their comments and
//! the whitespace no rule needs (outside strings); nothing else in them changes.

use std::path::Path;

use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions};
use oxc_minifier::{MangleOptions, Minifier, MinifierOptions};
use oxc_parser::Parser;
use oxc_span::SourceType;

use crate::diagnostic::Diagnostic;

/// The published form of a theme's static file `bytes` read from `path`: scripts minified,
/// everything else as it is.
pub(crate) fn static_file(path: &Path, bytes: Vec<u8>) -> (Vec<u8>, Option<Diagnostic>) {
    let extension = path.extension().and_then(|e| e.to_str());
    if extension == Some("css")
        && let Ok(source) = std::str::from_utf8(&bytes)
    {
        return (stylesheet(source).into_bytes(), None);
    }
    if extension != Some("js") {
        return (bytes, None);
    }
    let Ok(source) = std::str::from_utf8(&bytes) else {
        let warning =
            Diagnostic::warning("the script is not UTF-8 text, so it is published as written").in_file(path);
        return (bytes, Some(warning));
    };
    match script(source) {
        Ok(small) => (small.into_bytes(), None),
        Err((offset, message)) => {
            let warning = Diagnostic::warning(format!(
                "the script does not parse ({message}), so it is published as written, not minified"
            ))
            .in_file(path)
            .at_offset(source, offset);
            (bytes, Some(warning))
        }
    }
}

/// A classic script, minified; or where and why it does not parse.
pub(crate) fn script(source: &str) -> Result<String, (usize, String)> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, SourceType::cjs()).parse();
    if let Some(error) = parsed.errors.first() {
        let offset =
            error.labels.as_ref().and_then(|labels| labels.first()).map_or(0, |label| label.offset());
        return Err((offset, error.message.to_string()));
    }
    let mut program = parsed.program;
    let options = MinifierOptions { mangle: Some(MangleOptions::default()), compress: None };
    let minified = Minifier::new(options).minify(&allocator, &mut program);
    Ok(Codegen::new()
        .with_options(CodegenOptions::minify())
        .with_scoping(minified.scoping)
        .build(&program)
        .code)
}

/// A stylesheet without comments and without the whitespace no rule needs: none around `{`,
/// `}`, `;` and `,` or after `:`, one space elsewhere, strings as written. A stylesheet with an
/// unclosed comment or string keeps the rest as written.
pub(crate) fn stylesheet(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut space = false;
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("/*") {
            match rest[2..].find("*/") {
                Some(end) => {
                    rest = &rest[end + 4..];
                    space = true;
                    continue;
                }
                None => {
                    out.push_str(rest);
                    break;
                }
            }
        }
        if c.is_whitespace() {
            space = true;
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let tight = |ch: char| matches!(ch, '{' | '}' | ';' | ',' | ':');
        if space
            && !out.is_empty()
            && !tight(out.chars().next_back().unwrap_or(' '))
            && !matches!(c, '{' | '}' | ';' | ',')
        {
            out.push(' ');
        }
        space = false;
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        if c == '"' || c == '\'' {
            // A string as written, escapes included, up to its closing quote.
            let mut end = None;
            let mut chars = rest.char_indices().skip(1);
            while let Some((i, ch)) = chars.next() {
                if ch == '\\' {
                    chars.next();
                } else if ch == c {
                    end = Some(i + 1);
                    break;
                }
            }
            let end = end.unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{script, stylesheet};

    #[test]
    fn stylesheets_lose_comments_and_spare_whitespace_but_keep_strings_and_selectors() {
        let css = "/* Links. */\na:hover ,\nmain :not(pre) > code {\n  color: red;\n  margin: 0 auto;\n}\n\n\
                   @media print {\n  a::after { content: \" (\" attr(href) \") /* x */\"; }\n}\n\
                   .x { width: calc(100% - 2rem); }\n";
        assert_eq!(
            stylesheet(css),
            "a:hover,main :not(pre) > code{color:red;margin:0 auto}@media print{a::after{content:\" (\" attr(href) \") /* x */\"}}.x{width:calc(100% - 2rem)}"
        );
        assert_eq!(stylesheet("a { b: c } /* open"), "a{b:c}/* open");
    }

    #[test]
    fn comments_whitespace_and_local_names_go_and_globals_stay() {
        let source = "// Saves answers.\nfunction saveAnswers(answers) {\n  const storageKey = 'ws';\n  \
                      window.localStorage.setItem(storageKey, JSON.stringify(answers));\n}\n";
        let small = script(source).unwrap();
        assert!(small.len() * 3 < source.len() * 2, "{small}");
        assert!(small.contains("function saveAnswers("), "{small}");
        assert!(!small.contains("storageKey") && !small.contains("Saves"), "{small}");
    }

    #[test]
    fn a_script_that_does_not_parse_is_reported_where_it_breaks() {
        let (offset, message) = script("let a = 1;\nlet b = ;\n").unwrap_err();
        assert_eq!(&"let a = 1;\nlet b = ;\n"[..offset], "let a = 1;\nlet b = ");
        assert!(!message.is_empty());
    }
}
