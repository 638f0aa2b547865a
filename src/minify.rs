//! Theme scripts made smaller before they are published.
//!
//! A page's weight is mostly the theme's scripts and stylesheet, fetched by every reader (often
//! from a file share, uncompressed). Scripts are parsed with oxc and printed without comments
//! and whitespace, with local names shortened; nothing else is rewritten (no "compression"
//! passes, which assume things about the code). Global names are kept, since the theme's scripts
//! are classic scripts sharing one global scope. A script that does not parse is published as
//! written, with a warning naming the file, line and column.

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
    if path.extension().is_none_or(|e| e != "js") {
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

#[cfg(test)]
mod tests {
    use super::script;

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
