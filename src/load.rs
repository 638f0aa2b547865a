//! Stage 1, load: read `content/` from disk.
//!
//! Input: the content folder. Output: a [`ContentTree`] of [`Layer`]s (one per base language, one
//! per programme), each holding its pages (front matter parsed), data files and assets as text in
//! memory. Nothing later touches the disk for content, so every read error is reported here, with
//! the file's path, and later stages can be tested on in-memory layers.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::diagnostic::{Diagnostic, Problems};
use crate::lang::Lang;
use crate::settings::{Day, Programme, Setting};
use jiff::civil::Date;

/// Pages and data files larger than this are refused rather than read into memory.
pub(crate) const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// One text file, read and normalised (no BOM, `\n` line ends).
#[derive(Clone, Debug)]
pub(crate) struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    /// The day it was last changed on disk, when the system says.
    pub modified: Option<Date>,
}

/// The front matter a page may have.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
    /// Required, except in a page that replaces sections of a base page (which keeps the base
    /// page's title).
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default)]
    pub description: Option<String>,
    /// In a programme's page that replaces a whole base page: the base page's fingerprint when
    /// this page was written, so `check` can say when the base page changed.
    #[serde(default)]
    pub base: Option<Spanned<String>>,
    /// In a programme's page that replaces only some sections of a base page: the heading id of
    /// each section it replaces, with that base section's fingerprint.
    #[serde(default)]
    pub sections: Option<BTreeMap<String, Spanned<Option<String>>>>,
    /// When the page was last revised, where the file's own date would mislead.
    #[serde(default)]
    pub updated: Option<Setting<Day>>,
}

/// Navigation order when a page does not say.
pub(crate) const DEFAULT_WEIGHT: i64 = 100;

/// A Markdown page: its path inside its layer (`vaerktoejer/swot.md`), front matter and body.
#[derive(Clone, Debug)]
pub(crate) struct PageSource {
    pub rel: String,
    pub file: PathBuf,
    pub front: FrontMatter,
    /// The front matter as written (from the file's second line), for messages about it.
    pub front_text: String,
    pub body: String,
    /// The 1-based line of the real file on which `body` starts.
    pub body_line: usize,
    /// When the page was last revised: `updated:` in its front matter, else the date of the
    /// file's last commit when `content/` is in a git repository, else the file's date on disk.
    pub updated: Option<Date>,
}

/// A folder of content: `_base/<lang>/` or one programme's folder.
#[derive(Debug, Default)]
pub(crate) struct Layer {
    pub pages: BTreeMap<String, PageSource>,
    pub worksheets: BTreeMap<String, SourceFile>,
    pub roles: Option<SourceFile>,
    /// Files under `assets/`, by their path relative to the layer.
    pub assets: BTreeMap<String, PathBuf>,
    /// Files under `theme/`, by their path relative to `theme/` (`templates/page.html`).
    pub theme: BTreeMap<String, PathBuf>,
}

/// A programme folder: its settings (parsed), its `programme.yaml` as text (for messages), and
/// its own files.
#[derive(Debug)]
pub(crate) struct ProgrammeSource {
    pub programme: Programme,
    pub settings: SourceFile,
    pub layer: Layer,
}

#[derive(Debug, Default)]
pub(crate) struct ContentTree {
    pub base: BTreeMap<Lang, Layer>,
    pub programmes: Vec<ProgrammeSource>,
}

/// Reads a text file: UTF-8 (with or without BOM), any line ends, at most [`MAX_FILE_BYTES`].
pub(crate) fn read_text(path: &Path) -> Result<SourceFile, Diagnostic> {
    let cannot_read =
        |e: std::io::Error| Diagnostic::error(format!("cannot read the file: {e}")).in_file(path);
    // One open and one look at the file's size and date, for a read of exactly that size.
    let file = fs::File::open(path).map_err(cannot_read)?;
    let meta = file.metadata().map_err(cannot_read)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(format!(
            "the file is too large ({:.1} MB): a page or data file may be at most {} MB",
            meta.len() as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ))
        .in_file(path));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    // Through `take`: `File`'s own `read_to_end` asks the system for the file's size again.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(cannot_read)?;
    // Checked with SIMD instructions (the standard library's check went byte by byte through much
    // of a page with å, æ, ä or ö), and by the standard check only to say where a file goes wrong.
    let mut text = match simdutf8::basic::from_utf8(&bytes) {
        // SAFETY: the bytes were just checked to be UTF-8.
        Ok(_) => unsafe { String::from_utf8_unchecked(bytes) },
        Err(_) => String::from_utf8(bytes).map_err(|e| {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            Diagnostic::error("the file is not valid UTF-8 text")
                .in_file(path)
                .at_offset(&prefix, valid)
                .with_help("save the file as UTF-8 (most editors have it under \"Save with encoding\")")
        })?,
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| jiff::Timestamp::try_from(t).ok())
        .map(|t| t.to_zoned(jiff::tz::TimeZone::system()).date());
    Ok(SourceFile { path: path.to_owned(), text, modified })
}

/// Splits `---` front matter from a page and parses it.
pub(crate) fn parse_page(rel: &str, file: SourceFile) -> Result<PageSource, Diagnostic> {
    let text = &file.text;
    let Some(rest) = text.strip_prefix("---\n") else {
        return Err(Diagnostic::error("the page has no front matter")
            .in_file(&file.path)
            .at(text, 1, 1)
            .with_help("start the page with a block like:\n---\ntitle: The page title\nweight: 10\n---"));
    };
    let Some(end) =
        rest.find("\n---\n").map(|i| i + 1).or_else(|| rest.strip_suffix("\n---").map(|r| r.len() + 1))
    else {
        return Err(Diagnostic::error("the front matter is not closed")
            .in_file(&file.path)
            .at(text, 1, 1)
            .with_help("end the front matter with a line holding only `---`"));
    };
    let yaml = &rest[..end];
    let front = match plain_front_matter(yaml) {
        Some(front) => front,
        None => crate::yaml::parse(yaml, &file.path, 1).map_err(|d| {
            if d.message.contains("unknown field") {
                d.with_help("front matter may hold `title`, `weight`, `description`, and in a programme's own version of a base page `base` or `sections`")
            } else {
                d
            }
        })?,
    };
    match (&front.title, &front.sections) {
        (Some(title), _) if title.trim().is_empty() => {
            return Err(Diagnostic::error("the page title is empty").in_file(&file.path).at(text, 2, 1));
        }
        (None, None) => {
            return Err(Diagnostic::error("the page has no `title`")
                .in_file(&file.path)
                .at(text, 2, 1)
                .with_help("give it one: `title: The page title`"));
        }
        _ => {}
    }
    let body_start = (4 + end + 4).min(text.len()); // "---\n" + yaml + "---\n"
    let body_line = text[..body_start].matches('\n').count() + 1;
    let front_text = yaml.to_owned();
    let updated = front.updated.map(|d| d.0.0).or(file.modified);
    // The body is the file's text after the front matter, kept where it was read.
    let mut body = file.text;
    body.drain(..body_start);
    Ok(PageSource { rel: rel.to_owned(), file: file.path, front, front_text, body, body_line, updated })
}

/// The front matter of most pages, read without a YAML parser (which was 5 % of building a
/// large handbook): only `title:`, `weight:` and `description:` lines, each once, a title and a
/// description of words that YAML reads as the same text (no quotes, no `:` or `#`, nothing
/// YAML would read as a number, a boolean or null), a weight a plain whole number. `None` for
/// anything else, which the YAML parser reads and reports on.
fn plain_front_matter(yaml: &str) -> Option<FrontMatter> {
    let mut front = FrontMatter {
        title: None,
        weight: None,
        description: None,
        base: None,
        sections: None,
        updated: None,
    };
    for line in yaml.lines() {
        let (key, value) = line.split_once(':')?;
        let value = value.strip_prefix(' ')?.trim_matches(' ');
        let slot = match key {
            "title" => &mut front.title,
            "description" => &mut front.description,
            "weight" if front.weight.is_none() => {
                let digits = value.strip_prefix('-').unwrap_or(value);
                let plain =
                    digits.bytes().all(|b| b.is_ascii_digit()) && (digits == "0" || !digits.starts_with('0'));
                front.weight = Some(value.parse().ok().filter(|_| plain)?);
                continue;
            }
            _ => return None,
        };
        if slot.is_some() || !plain_words(value) {
            return None;
        }
        *slot = Some(value.to_owned());
    }
    // Without a title the page is in error, which the YAML parser's reading explains.
    front.title.is_some().then_some(front)
}

/// Text that YAML reads as the same string when written plain after `key: `: it starts with a
/// letter, holds nothing YAML gives a meaning (quotes, `:`, `#`, brackets and the like), and is
/// not a word YAML reads as a boolean or null.
fn plain_words(value: &str) -> bool {
    const SPECIAL: &[char] =
        &['#', ':', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '\\', '\t'];
    const WORDS: [&str; 10] = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"];
    value.chars().next().is_some_and(char::is_alphabetic)
        && !value.contains(SPECIAL)
        && !value.chars().any(char::is_control)
        && !WORDS.iter().any(|w| value.eq_ignore_ascii_case(w))
}

/// Reads one layer folder. Problems are collected; files with problems are left out. The folder
/// is walked in order, then its files are read and parsed in parallel.
pub(crate) fn load_layer(root: &Path, problems: &mut Problems) -> Layer {
    let mut layer = Layer::default();
    // A folder without symbolic links is walked knowing each entry's kind from its folder's
    // listing; following links asks the file system about every file (a `stat` each, most of
    // the walk's time). A link anywhere, and the folder is walked again following them.
    let (files, found) = walk(root, false).unwrap_or_else(|| walk(root, true).unwrap_or_default());
    problems.extend(found);
    let loaded: Vec<Result<Loaded, Diagnostic>> =
        files.into_par_iter().map(|(rel, path)| classify(rel, path)).collect();
    for item in loaded {
        match item {
            Ok(Loaded::Page(page)) => {
                layer.pages.insert(page.rel.clone(), *page);
            }
            Ok(Loaded::Worksheet(id, file)) => {
                layer.worksheets.insert(id, file);
            }
            Ok(Loaded::Roles(file)) => layer.roles = Some(file),
            Ok(Loaded::Asset(rel, path)) => {
                layer.assets.insert(rel, path);
            }
            Ok(Loaded::Theme(rel, path)) => {
                layer.theme.insert(rel, path);
            }
            Ok(Loaded::Settings) => {}
            Err(d) => problems.push(d),
        }
    }
    layer
}

/// The files of a layer folder in order, by their path in the layer (`/`-separated), and the
/// problems met. Without `follow`, `None` when the folder holds a symbolic link.
fn walk(root: &Path, follow: bool) -> Option<(Vec<(String, PathBuf)>, Problems)> {
    let mut files = Vec::new();
    let mut problems = Problems::default();
    // Folders reached through a symbolic link: what is below them is checked to stay inside.
    let mut linked: Vec<PathBuf> = Vec::new();
    for entry in walkdir::WalkDir::new(root).follow_links(follow).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| root.to_owned());
                let message = if e.loop_ancestor().is_some() {
                    "a symbolic link here points back to a folder that contains it (a loop)".to_owned()
                } else {
                    format!(
                        "cannot read: {}",
                        e.io_error().map_or_else(|| e.to_string(), ToString::to_string)
                    )
                };
                problems.push(Diagnostic::error(message).in_file(path));
                continue;
            }
        };
        if entry.path_is_symlink() && !follow {
            return None;
        }
        let path = entry.path();
        let through_link = entry.path_is_symlink() || linked.iter().any(|d| path.starts_with(d));
        if entry.file_type().is_dir() {
            if entry.path_is_symlink() {
                linked.push(path.to_owned());
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel_path) = path.strip_prefix(root) else { continue };
        let rel =
            rel_path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if rel.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        if through_link && let Err(d) = check_inside(root, path) {
            problems.push(d);
            continue;
        }
        files.push((rel, entry.into_path()));
    }
    Some((files, problems))
}

/// A symbolic link may not lead out of its layer folder: a page must not publish `/etc/passwd`.
fn check_inside(root: &Path, path: &Path) -> Result<(), Diagnostic> {
    let (Ok(real_root), Ok(real)) = (root.canonicalize(), path.canonicalize()) else {
        return Ok(());
    };
    if real.starts_with(&real_root) {
        Ok(())
    } else {
        Err(Diagnostic::error(format!(
            "this file is a link to `{}`, outside this folder; only files inside the folder are published",
            real.display()
        ))
        .in_file(path))
    }
}

/// One file of a layer, read and sorted by what it is.
enum Loaded {
    Page(Box<PageSource>),
    Worksheet(String, SourceFile),
    Roles(SourceFile),
    Asset(String, PathBuf),
    Theme(String, PathBuf),
    /// `programme.yaml`, read by the caller.
    Settings,
}

/// What a file is, by its place in the layer; an error or a warning (for a file that is
/// ignored) when it is not usable.
fn classify(rel: String, path: PathBuf) -> Result<Loaded, Diagnostic> {
    if rel.starts_with("assets/") {
        Ok(Loaded::Asset(rel, path))
    } else if let Some(theme_rel) = rel.strip_prefix("theme/") {
        Ok(Loaded::Theme(theme_rel.to_owned(), path))
    } else if rel == "programme.yaml" {
        Ok(Loaded::Settings)
    } else if rel == "roles.yaml" {
        read_text(&path).map(Loaded::Roles)
    } else if let Some(name) = rel.strip_prefix("worksheets/") {
        match name.strip_suffix(".yaml") {
            Some(id) if !id.contains('/') => read_text(&path).map(|f| Loaded::Worksheet(id.to_owned(), f)),
            _ => Err(Diagnostic::warning("ignored: the worksheets folder holds only `<id>.yaml` files")
                .in_file(path)),
        }
    } else if rel.ends_with(".md") {
        validate_page_path(&rel).map_err(|message| Diagnostic::error(message).in_file(&path))?;
        read_text(&path).and_then(|f| parse_page(&rel, f)).map(|p| Loaded::Page(Box::new(p)))
    } else {
        Err(Diagnostic::warning(
            "ignored: only `.md` pages, `programme.yaml`, `roles.yaml`, `worksheets/`, `assets/` and `theme/` are used",
        )
        .in_file(path))
    }
}

/// Page paths become URLs; keep them to characters that need no escaping anywhere.
fn validate_page_path(rel: &str) -> Result<(), String> {
    let ok = rel.split('/').all(|part| {
        !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_' || b == b'.')
    });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the page path `{rel}` has characters that do not belong in a web address: use a-z, 0-9 and `-` (write `forloebet.md`, not `forløbet.md`)"
        ))
    }
}

/// `git log` of the content folder, started before the folder is read so that it runs while
/// the files are read (in the project's own repository it takes about as long as reading all
/// of `content/`). Waited for when dropped, so no finished `git` is left behind.
struct GitLog(Option<std::process::Child>);

impl GitLog {
    fn start(content: &Path) -> Self {
        let child = std::process::Command::new("git")
            .arg("-C")
            .arg(content)
            .args(["log", "--format=%x01%cs", "--name-only", "--relative", "--no-renames", "--", "."])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn();
        GitLog(child.ok())
    }

    /// The day of each file's last commit, by its path relative to the content folder; empty
    /// when git or a repository is not there.
    fn dates(mut self) -> std::collections::HashMap<PathBuf, Date> {
        let mut dates = std::collections::HashMap::new();
        let output = self.0.take().and_then(|child| child.wait_with_output().ok());
        let Some(output) = output.filter(|o| o.status.success()) else { return dates };
        let mut current = None;
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            if let Some(day) = line.strip_prefix('\u{1}') {
                current = day.parse::<Date>().ok();
            } else if let (false, Some(day)) = (line.is_empty(), current) {
                // The log runs newest first: a file's first mention is its last change.
                dates.entry(PathBuf::from(line)).or_insert(day);
            }
        }
        dates
    }
}

impl Drop for GitLog {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            child.kill().ok();
            child.wait().ok();
        }
    }
}

/// Gives each page without an `updated:` of its own the date of its file's last commit, when
/// `content` is in a git repository (one `git log` for the whole folder); pages git does not
/// know keep their file's date on disk.
fn date_pages_by_git(content: &Path, git: GitLog, tree: &mut ContentTree) {
    let dates = git.dates();
    if dates.is_empty() {
        return;
    }
    let layers = tree.base.values_mut().chain(tree.programmes.iter_mut().map(|p| &mut p.layer));
    for page in layers.flat_map(|l| l.pages.values_mut()) {
        if page.front.updated.is_none()
            && let Some(date) = page.file.strip_prefix(content).ok().and_then(|rel| dates.get(rel))
        {
            page.updated = Some(*date);
        }
    }
}

/// The language a programme folder's `programme.yaml` asks for, when it can be read.
pub(crate) fn programme_language(dir: &Path) -> Option<Lang> {
    let file = read_text(&dir.join("programme.yaml")).ok()?;
    let id = dir.file_name()?.to_string_lossy();
    Programme::parse(&id, &file.text, &file.path).ok().map(|p| p.lang())
}

/// The ids of the programmes in `content`: its folders that hold a `programme.yaml`, sorted.
pub(crate) fn programme_ids(content: &Path) -> std::io::Result<Vec<String>> {
    let mut ids: Vec<String> = fs::read_dir(content)?
        .filter_map(Result::ok)
        .filter(|e| e.path().join("programme.yaml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    Ok(ids)
}

/// Reads the whole content folder: both base languages and the chosen programmes (all when
/// `only` is empty). Unknown programme names are errors.
pub(crate) fn load(content: &Path, only: &[String], problems: &mut Problems) -> ContentTree {
    let git = GitLog::start(content);
    let mut tree = ContentTree::default();
    for lang in Lang::ALL {
        let dir = content.join("_base").join(lang.code());
        if dir.is_dir() {
            tree.base.insert(lang, load_layer(&dir, problems));
        }
    }
    let ids = match programme_ids(content) {
        Ok(ids) => ids,
        Err(e) => {
            problems.push(
                Diagnostic::error(format!("cannot read the content folder `{}`: {e}", content.display()))
                    .with_help("run handbook in the project folder (the one holding `content/` and `themes/`), or name it with `--root DIR`"),
            );
            return tree;
        }
    };
    for wanted in only {
        if !ids.contains(wanted) {
            problems.push(
                Diagnostic::error(format!("there is no programme `{wanted}`"))
                    .in_file(content.join(wanted).join("programme.yaml"))
                    .with_help(format!("the programmes are: {}", ids.join(", "))),
            );
        }
    }
    let wanted: Vec<String> = ids.into_iter().filter(|id| only.is_empty() || only.contains(id)).collect();
    let loaded: Vec<(Option<ProgrammeSource>, Problems)> = wanted
        .into_par_iter()
        .map(|id| {
            let mut problems = Problems::default();
            let dir = content.join(&id);
            if let Err(message) = crate::settings::validate_id(&id) {
                problems.push(Diagnostic::error(message).in_file(&dir));
                return (None, problems);
            }
            let parsed =
                read_text(&dir.join("programme.yaml")).map_err(Problems::from).and_then(|settings| {
                    let programme = Programme::parse(&id, &settings.text, &settings.path)?;
                    Ok((programme, settings))
                });
            let source = match parsed {
                Ok((programme, settings)) => {
                    let layer = load_layer(&dir, &mut problems);
                    Some(ProgrammeSource { programme, settings, layer })
                }
                Err(p) => {
                    problems.extend(p);
                    None
                }
            };
            (source, problems)
        })
        .collect();
    for (source, p) in loaded {
        problems.extend(p);
        tree.programmes.extend(source);
    }
    date_pages_by_git(content, git, &mut tree);
    tree
}

#[cfg(test)]
mod tests {
    use super::{SourceFile, parse_page};
    use std::path::PathBuf;

    fn page(text: &str) -> Result<super::PageSource, crate::diagnostic::Diagnostic> {
        parse_page("a.md", SourceFile { path: PathBuf::from("a.md"), text: text.to_owned(), modified: None })
    }

    #[test]
    fn body_starts_after_the_closing_fence() {
        let p = page("---\ntitle: A\nweight: 3\n---\n# Body\n").unwrap();
        assert_eq!(p.front.title.as_deref(), Some("A"));
        assert_eq!(p.front.weight, Some(3));
        assert_eq!(p.body, "# Body\n");
        assert_eq!(p.body_line, 5);
    }

    /// What the YAML parser makes of front matter, in the fields the plain reader fills.
    fn parsed(yaml: &str) -> Option<(Option<String>, Option<i64>, Option<String>)> {
        let front: super::FrontMatter = crate::yaml::parse(yaml, std::path::Path::new("a.md"), 1).ok()?;
        let rest = front.base.is_some() || front.sections.is_some() || front.updated.is_some();
        (!rest).then_some((front.title, front.weight, front.description))
    }

    #[test]
    fn plain_front_matter_is_read_without_the_yaml_parser_and_the_rest_with_it() {
        let plain = "title: Forløbet – trin for trin\nweight: -20\ndescription: Sådan går et år\n";
        let front = super::plain_front_matter(plain).unwrap();
        assert_eq!(front.title.as_deref(), Some("Forløbet – trin for trin"));
        assert_eq!(front.weight, Some(-20));
        assert_eq!(front.description.as_deref(), Some("Sådan går et år"));
        for yaml in [
            "title: 'Quoted'\n",
            "title: SWOT: styrker\n",
            "title: yes\n",
            "title: Null\n",
            "title: 2026\n",
            "weight: 010\n",
            "weight: 1.5\n",
            "title: A\ntitle: B\n",
            "title: A # a comment\n",
            "title: A\n\nweight: 2\n",
            "title: Long\n  and wrapped\n",
            "title: A\nbase: abc\n",
            "title: A\nupdated: 2026-01-01\n",
            "colour: red\n",
        ] {
            assert!(super::plain_front_matter(yaml).is_none(), "{yaml:?} is for the YAML parser");
        }
    }

    proptest::proptest! {
        /// Whatever the plain reader accepts, the YAML parser reads the same.
        #[test]
        fn the_plain_reader_agrees_with_the_yaml_parser(
            lines in proptest::collection::vec(
                (
                    "(title|weight|description|base|titel)",
                    "[ ]{0,2}",
                    proptest::prop_oneof![
                        "[-+0-9a-zA-ZæøåÄÖ .,:#'\"!&*?~|>()%@\u{a0}–]{0,12}",
                        "[a-zA-ZæøåÄÖ][-a-zA-Z0-9æøå .,?()–\u{a0}]{0,10}",
                        "-?[0-9]{1,3}",
                    ],
                ),
                0..4,
            )
        ) {
            let yaml: String = lines.iter().map(|(k, gap, v)| format!("{k}:{gap}{v}\n")).collect();
            if let Some(front) = super::plain_front_matter(&yaml) {
                proptest::prop_assert_eq!(
                    Some((front.title, front.weight, front.description)),
                    parsed(&yaml),
                    "{:?}", yaml
                );
            }
        }
    }

    #[test]
    fn front_matter_errors_point_into_the_real_file() {
        let err = page("---\ntitle: A\ncolour: red\n---\n").unwrap_err();
        assert!(err.message.contains("unknown field `colour`"), "{}", err.message);
        assert_eq!(err.line, Some(3));
    }

    #[test]
    fn a_page_without_front_matter_is_explained() {
        let err = page("# Just a heading\n").unwrap_err();
        assert!(err.message.contains("no front matter"));
        assert!(page("---\ntitle: A\n").unwrap_err().message.contains("not closed"));
    }
}
