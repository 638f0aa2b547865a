//! Compiles the handbook's syntax definitions (`src/markdown/syntaxes/*.sublime-syntax`) into a
//! syntect dump in `OUT_DIR`, which `src/markdown/highlight.rs` includes. Loading the YAML
//! definitions at run time would compile every regex once just to check it, and linking them
//! would compress every context: a few milliseconds of each build that only change with the files.

use std::path::Path;

use syntect::parsing::{SyntaxDefinition, SyntaxSetBuilder};

fn main() {
    let dir = Path::new("src/markdown/syntaxes");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("src/markdown/syntaxes")
        .map(|e| e.expect("src/markdown/syntaxes").path())
        .filter(|p| p.extension().is_some_and(|e| e == "sublime-syntax"))
        .collect();
    files.sort();
    let mut builder = SyntaxSetBuilder::new();
    builder.add_plain_text_syntax();
    for path in &files {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(path).expect("a syntax definition");
        let syntax = SyntaxDefinition::load_from_str(&text, true, None)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        builder.add(syntax);
    }
    let set = builder.build();
    let unlinked = set.find_unlinked_contexts();
    assert!(unlinked.is_empty(), "unresolved references in the syntaxes: {unlinked:?}");
    let out = Path::new(&std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("syntaxes.packdump");
    syntect::dumps::dump_to_uncompressed_file(&set, out).expect("write the syntax dump");
}
