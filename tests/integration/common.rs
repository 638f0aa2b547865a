//! Test helpers: a fixture project (a folder under `tests/fixtures/`) copied to a temporary
//! directory with the repository's default theme, changed file by file, built in-process, and the
//! produced HTML parsed for assertions.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use handbook::{BuildOptions, BuildReport};
use scraper::{Html, Selector};

pub struct Project {
    dir: tempfile::TempDir,
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The settings of the `minimal` fixture's Danish programme, in language `lang`, with `extra`
/// settings before its accessibility facts.
pub fn programme_yaml(lang: &str, extra: &str) -> String {
    let text = fs::read_to_string(repo().join("tests/fixtures/minimal/content/da-prog/programme.yaml"))
        .expect("fixture");
    text.replace("language: da", &format!("language: {lang}"))
        .replace("accessibility:", &format!("{extra}accessibility:"))
}

impl Project {
    /// An empty project with the repository's default theme.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join("themes/default"), &dir.path().join("themes/default"));
        Project { dir }
    }

    /// The fixture `tests/fixtures/<name>/`, with the default theme.
    pub fn fixture(name: &str) -> Self {
        let project = Project::new();
        copy_dir(&repo().join("tests/fixtures").join(name), project.path());
        project
    }

    /// A small Danish and Swedish base, and programmes `da-prog` and `sv-prog`.
    pub fn minimal() -> Self {
        Project::fixture("minimal")
    }

    pub fn file(self, path: &str, text: &str) -> Self {
        let full = self.dir.path().join(path);
        fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        fs::write(&full, text).expect("write");
        self
    }

    pub fn bytes(self, path: &str, bytes: &[u8]) -> Self {
        let full = self.dir.path().join(path);
        fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        fs::write(&full, bytes).expect("write");
        self
    }

    pub fn remove(self, path: &str) -> Self {
        let full = self.dir.path().join(path);
        if full.is_dir() {
            fs::remove_dir_all(full).expect("rm")
        } else {
            fs::remove_file(full).expect("rm")
        }
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn options(&self, programmes: &[&str]) -> BuildOptions {
        let mut o = BuildOptions::in_project(self.dir.path());
        o.programmes = programmes.iter().map(|s| s.to_string()).collect();
        o
    }

    /// Builds, keeping the project alive for as long as the result is looked at.
    #[must_use]
    pub fn build(self, programmes: &[&str]) -> Built {
        let report = handbook::build(&self.options(programmes));
        let root = self.dir.path().to_owned();
        Built { report, root, project: self }
    }
}

pub struct Built {
    pub report: BuildReport,
    pub root: PathBuf,
    project: Project,
}

impl Built {
    /// The project again, to change a file and build once more.
    pub fn project(self) -> Project {
        self.project
    }

    /// All problems as the terminal shows them, without colour.
    pub fn messages(&self) -> String {
        self.report.problems.render(&self.root, false)
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert!(!self.report.problems.has_errors(), "build failed:\n{}", self.messages());
        self
    }

    #[track_caller]
    pub fn assert_error(&self, expected: &str) -> &Self {
        let messages = self.messages();
        assert!(
            self.report.problems.has_errors(),
            "expected an error containing {expected:?}, but the build passed"
        );
        assert!(messages.contains(expected), "expected {expected:?} in:\n{messages}");
        self
    }

    pub fn site(&self, programme: &str) -> PathBuf {
        self.root.join("site").join(programme)
    }

    pub fn html(&self, programme: &str, page: &str) -> Html {
        let path = self.site(programme).join(page);
        let text =
            fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        Html::parse_document(&text)
    }
}

/// The text of every element matching `selector`, whitespace folded.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).expect("selector");
    html.select(&sel)
        .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).expect("selector");
    html.select(&sel).filter_map(|e| e.value().attr(attr).map(str::to_owned)).collect()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Checks a calendar file against the rules of RFC 5545 that a calendar program relies on:
/// CRLF line ends, lines folded at 75 octets, well-formed content lines, one VCALENDAR with
/// VERSION and PRODID, events with UID, a UTC DTSTAMP, DTSTART, and DTEND after DTSTART.
pub fn check_rfc5545(text: &str) -> Result<(), String> {
    if !text.ends_with("\r\n") {
        return Err("the file does not end with CRLF".into());
    }
    let physical: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    for line in &physical {
        if line.contains('\n') || line.contains('\r') {
            return Err(format!("bare line break in `{line}`"));
        }
        if line.len() > 75 {
            return Err(format!("line longer than 75 octets: `{line}`"));
        }
    }
    // Unfold: a line starting with a space or tab continues the previous one.
    let mut lines: Vec<String> = Vec::new();
    for line in physical {
        match line.strip_prefix(' ').or_else(|| line.strip_prefix('\t')) {
            Some(rest) => lines.last_mut().ok_or("a continuation line comes first")?.push_str(rest),
            None => lines.push(line.to_owned()),
        }
    }
    let name_of = |l: &str| -> Result<(String, String), String> {
        let (head, value) = l.split_once(':').ok_or_else(|| format!("no `:` in `{l}`"))?;
        let name = head.split(';').next().unwrap_or("");
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(format!("bad property name in `{l}`"));
        }
        Ok((name.to_owned(), value.to_owned()))
    };
    let props: Vec<(String, String)> = lines.iter().map(|l| name_of(l)).collect::<Result<_, _>>()?;
    if props.first().map(|p| (p.0.as_str(), p.1.as_str())) != Some(("BEGIN", "VCALENDAR"))
        || props.last().map(|p| (p.0.as_str(), p.1.as_str())) != Some(("END", "VCALENDAR"))
    {
        return Err("the file is not one VCALENDAR".into());
    }
    let count = |n: &str| props.iter().filter(|p| p.0 == n).count();
    if count("VERSION") != 1 || count("PRODID") != 1 {
        return Err("VERSION and PRODID must appear once".into());
    }
    let mut depth = Vec::new();
    let mut event: Vec<(String, String)> = Vec::new();
    for (name, value) in &props {
        match name.as_str() {
            "BEGIN" => depth.push(value.clone()),
            "END" => {
                if depth.pop().as_deref() != Some(value.as_str()) {
                    return Err(format!("END:{value} does not close its BEGIN"));
                }
                if value == "VEVENT" {
                    let get = |n: &str| event.iter().find(|p| p.0 == n).map(|p| p.1.clone());
                    let uid = get("UID").ok_or("an event has no UID")?;
                    if uid.is_empty() {
                        return Err("empty UID".into());
                    }
                    let stamp = get("DTSTAMP").ok_or("an event has no DTSTAMP")?;
                    let utc = stamp.len() == 16 && stamp.ends_with('Z') && stamp.as_bytes()[8] == b'T';
                    if !utc {
                        return Err(format!("DTSTAMP `{stamp}` is not a UTC date-time"));
                    }
                    let start = get("DTSTART").ok_or("an event has no DTSTART")?;
                    if let Some(end) = get("DTEND")
                        && end <= start
                    {
                        return Err(format!("DTEND {end} is not after DTSTART {start}"));
                    }
                    event.clear();
                }
            }
            _ if depth.last().map(String::as_str) == Some("VEVENT") => {
                event.push((name.clone(), value.clone()))
            }
            _ => {}
        }
    }
    Ok(())
}
