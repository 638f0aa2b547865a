//! The `handbook` command line. Arguments are validated by clap into one [`Command`], then one
//! `match` runs it. Exit codes: 0 success, 1 the content has errors, 2 a usage error.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use handbook::{BuildOptions, BuildReport};

#[derive(Parser)]
#[command(
    name = "handbook",
    version,
    about = "Mentoring-programme handbooks as static sites, in Danish and Swedish"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The project folder holding `content/` and `themes/`.
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// Print only problems.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print one line per programme built.
    #[arg(long, short, global = true)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Build programmes into `site/<programme>/` (all of them when none is named).
    Build {
        programmes: Vec<String>,
        /// Write the sites here instead of `site/`.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also print each handbook to `<site>/<programme>.pdf` with headless Chromium.
        #[arg(long)]
        pdf: bool,
    },
    /// Check programmes like a build does, without writing anything.
    Check { programmes: Vec<String> },
    /// Create a new programme: `content/ID/programme.yaml` with every setting explained.
    New {
        /// The programme's id: lower-case letters, digits and `-` (part of its web address).
        id: String,
        /// The language of the site: `da` or `sv`.
        #[arg(long)]
        lang: handbook::lang::Lang,
        /// The programme's name, shown on every page.
        #[arg(long)]
        name: String,
    },
    /// Preview programmes on 127.0.0.1, rebuilt and reloaded on every change.
    Serve {
        programmes: Vec<String>,
        /// The port (0 picks a free one).
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// Print the JSON Schema of `programme.yaml`.
    Schema,
}

fn main() -> ExitCode {
    handbook::heap::keep_heaps_padded();
    let mut cli = Cli::parse();
    // Absolute paths, so every report can show paths relative to the project.
    cli.root = cli.root.canonicalize().unwrap_or(cli.root);
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match cli.command {
        Command::Build { programmes, out, pdf } => {
            let mut options = BuildOptions::in_project(&cli.root);
            options.programmes = programmes;
            if let Some(out) = out {
                options.out = out;
            }
            let mut report = handbook::build(&options);
            if pdf {
                for site in &report.sites {
                    match handbook::pdf::print(&options.out.join(&site.id), &site.id) {
                        Ok(file) if cli.verbose => eprintln!("  printed {}", file.display()),
                        Ok(_) => {}
                        Err(d) => {
                            report.problems.push(d);
                            break;
                        }
                    }
                }
            }
            finish(&cli.root, &report, colour, cli.quiet, cli.verbose, "built")
        }
        Command::Check { programmes } => {
            let mut options = BuildOptions::in_project(&cli.root);
            options.programmes = programmes;
            options.write = false;
            let report = handbook::build(&options);
            finish(&cli.root, &report, colour, cli.quiet, cli.verbose, "checked")
        }
        Command::New { id, lang, name } => {
            match handbook::new::create(&cli.root.join("content"), &id, lang, &name) {
                Ok(file) => {
                    if !cli.quiet {
                        eprintln!(
                            "created {}\nnext: edit it, then run `handbook build {id}`",
                            file.display()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(d) => {
                    eprint!("{}", d.render(&cli.root, colour));
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve { programmes, port } => {
            let options = handbook::serve::ServeOptions { root: cli.root.clone(), programmes, port, colour };
            match handbook::serve::serve(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(handbook::serve::ServeError::Usage(d)) => {
                    eprint!("{}", d.render(&cli.root, colour));
                    ExitCode::from(2)
                }
                Err(handbook::serve::ServeError::Failed(d)) => {
                    eprint!("{}", d.render(&cli.root, colour));
                    ExitCode::from(1)
                }
            }
        }
        Command::Schema => {
            print!("{}", handbook::schema_json());
            ExitCode::SUCCESS
        }
    }
}

fn finish(
    root: &std::path::Path,
    report: &BuildReport,
    colour: bool,
    quiet: bool,
    verbose: bool,
    verb: &str,
) -> ExitCode {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_owned());
    if !report.problems.is_empty() {
        eprint!("{}", report.problems.render(&root, colour));
    }
    if verbose {
        for s in &report.sites {
            eprintln!(
                "  {:<28} {:>4} pages  {:>5} files  {:>8.1} KB  search index {:.1} KB",
                s.id,
                s.pages,
                s.files,
                s.bytes as f64 / 1024.0,
                s.index_bytes as f64 / 1024.0
            );
        }
    }
    let errors = report.problems.errors().count();
    let warnings = report.problems.warnings().count();
    if !quiet || errors > 0 {
        let pages: usize = report.sites.iter().map(|s| s.pages).sum();
        eprintln!(
            "{verb} {} programme{}, {pages} pages in {} ms{}{}",
            report.sites.len(),
            if report.sites.len() == 1 { "" } else { "s" },
            report.elapsed.as_millis(),
            if errors > 0 {
                format!(", {errors} error{}", if errors == 1 { "" } else { "s" })
            } else {
                String::new()
            },
            if warnings > 0 {
                format!(", {warnings} warning{}", if warnings == 1 { "" } else { "s" })
            } else {
                String::new()
            },
        );
    }
    if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}
