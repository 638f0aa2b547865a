//! The file work of a rebuild alone (issue 19): every file under a content folder read, and every
//! file of a built site written over its copy in a second folder (as a rebuild writes over the
//! previous build), on all cores, with nothing computed in between. Beside the Markdown floor
//! (`markdown_floor`), it says how much of a rebuild's time the files take on this machine.
//!
//!     cargo run --release --example io_floor -- CONTENT SITE COPY [RUNS]
//!
//! SITE is a built site (its files are read into memory first, untimed); COPY is created from it
//! once and then written over. Prints the fastest of RUNS (default 5) for reading, writing, both.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

fn files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("a readable folder"))
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect()
}

fn fastest(runs: usize, mut work: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, site, copy, rest @ ..] = args.as_slice() else {
        eprintln!("usage: io_floor CONTENT SITE COPY [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = rest.first().and_then(|r| r.parse().ok()).unwrap_or(5);
    let sources = files(Path::new(content));
    let site = Path::new(site);
    let built: Vec<(PathBuf, Vec<u8>)> = files(site)
        .into_iter()
        .map(|p| {
            let bytes = fs::read(&p).expect("a readable file");
            (Path::new(copy).join(p.strip_prefix(site).expect("inside the site")), bytes)
        })
        .collect();
    for (path, bytes) in &built {
        fs::create_dir_all(path.parent().expect("a folder")).expect("a writable folder");
        fs::write(path, bytes).expect("a writable file");
    }
    let read = || {
        let total: usize = sources.par_iter().map(|p| fs::read(p).expect("a readable file").len()).sum();
        std::hint::black_box(total);
    };
    // As handbook writes over a file: no truncation first, cut only when it got shorter.
    let write = || {
        built.par_iter().for_each(|(path, bytes)| {
            let mut file =
                fs::OpenOptions::new().write(true).create(true).truncate(false).open(path).expect("open");
            let old = file.metadata().expect("metadata").len();
            file.write_all(bytes).expect("write");
            if old > bytes.len() as u64 {
                file.set_len(bytes.len() as u64).expect("set_len");
            }
        });
    };
    let read_time = fastest(runs, read);
    let write_time = fastest(runs, write);
    let both = fastest(runs, || {
        read();
        write();
    });
    let mb = |n: usize| n as f64 / 1e6;
    println!(
        "read {} files ({:.1} MB): {:.1} ms; write {} files ({:.1} MB): {:.1} ms; both: {:.1} ms ({} threads, fastest of {runs})",
        sources.len(),
        mb(sources.iter().map(|p| fs::metadata(p).map_or(0, |m| m.len() as usize)).sum()),
        read_time.as_secs_f64() * 1e3,
        built.len(),
        mb(built.iter().map(|(_, b)| b.len()).sum()),
        write_time.as_secs_f64() * 1e3,
        both.as_secs_f64() * 1e3,
        rayon::current_num_threads()
    );
}
