//! The floor of a build (issue 19): pulldown-cmark alone rendering the Markdown of every page
//! under a folder to HTML, one page after another on one core, with the options `handbook`
//! reads pages with. Front matter is left out; nothing is written.
//!
//!     cargo run --release --example markdown_floor -- DIR [RUNS]
//!
//! Prints the Markdown's size and the fastest of RUNS renderings (default 5).

use std::time::{Duration, Instant};

use pulldown_cmark::{Options, Parser, html};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: markdown_floor DIR [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut pages = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.expect("a readable folder");
        if entry.path().extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(entry.path()).expect("a readable page");
            pages.push(body(&text).to_owned());
        }
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut best = Duration::MAX;
    let mut out = String::new();
    for _ in 0..runs {
        let started = Instant::now();
        let mut bytes = 0;
        for page in &pages {
            out.clear();
            html::push_html(&mut out, Parser::new_ext(page, options));
            bytes += out.len();
        }
        best = best.min(started.elapsed());
        std::hint::black_box(bytes);
    }
    let size: usize = pages.iter().map(String::len).sum();
    println!(
        "{} pages, {:.1} MB of Markdown: {:.1} ms (fastest of {runs})",
        pages.len(),
        size as f64 / 1e6,
        best.as_secs_f64() * 1e3
    );
}

/// The page without its front matter.
fn body(text: &str) -> &str {
    text.strip_prefix("---\n").and_then(|rest| rest.split_once("\n---\n")).map_or(text, |(_, body)| body)
}
