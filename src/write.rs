//! Stage 7, write: put a finished site in place without ever showing a half-written one.
//!
//! Input: the output folder, a programme id and the site's files. Output: the folder
//! `<out>/<id>/` holding exactly those files. The files go to a second folder,
//! `<out>/.handbook/<id>/`, first; then the two folders are exchanged in one atomic
//! `renameat2(RENAME_EXCHANGE)` where the system has it (Linux), so a reader or a killed build sees
//! either the old site or the new one. Elsewhere two renames are used, and a build killed between
//! them leaves the old site as `<out>/.handbook/<id>.old` for the next build to restore. Nothing
//! is synced to disk: surviving a power cut would take syncing every file, which a site rebuilt
//! in a second is not worth (syncing just the folders cost 5 ms a site and bought nothing).
//!
//! After the exchange the second folder holds the previous site. It is kept, and the next build
//! writes over its files instead of creating new ones and deleting the old: creating thousands
//! of files can cost far more than rewriting them (ext4's inode allocator skips recently deleted
//! inodes one by one), so a rebuild of a large site is several times faster.
//! Files the new build does not write are removed before the exchange. `<out>/.handbook/` can be
//! deleted at any time; it is never published, and only its owner may open it, so a web server
//! serving the output folder as it is does not serve old builds.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// One file of a site: its path relative to the site root (with `/`) and its bytes.
#[derive(Clone, Debug)]
pub(crate) struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile { path: path.into(), bytes: bytes.into() }
    }
}

/// The folder beside the sites that holds each site's second copy.
pub(crate) const SPARE_DIR: &str = ".handbook";

fn spare(out: &Path, id: &str) -> PathBuf {
    out.join(SPARE_DIR).join(id)
}

fn old(out: &Path, id: &str) -> PathBuf {
    out.join(SPARE_DIR).join(format!("{id}.old"))
}

/// Writes the site of programme `id` into `out/id`, replacing what was there.
#[cfg(test)]
pub(crate) fn write_site(out: &Path, id: &str, files: &[OutputFile]) -> io::Result<PathBuf> {
    let staging = Staging::begin(out, id, true)?;
    for file in files {
        staging.put(&file.path, &file.bytes)?;
    }
    staging.commit()
}

/// A site being written: files go into the second folder as they are produced (so a big site is
/// never held in memory whole), and [`Staging::commit`] swaps the folder into place. Dropped
/// without a commit (a failed build), the live site stays as it was. With `write: false`
/// (`handbook check`) files are only counted.
pub(crate) struct Staging {
    out: PathBuf,
    id: String,
    target: Option<Target>,
    files: AtomicUsize,
    bytes: AtomicUsize,
}

/// Where a writing build puts its files, and what the folder held before.
struct Target {
    dir: PathBuf,
    /// Files of an earlier build still in the folder, with their lengths; those not written
    /// again are removed.
    earlier: HashMap<String, u64>,
    /// Folders known to exist, so each is created once.
    dirs: Mutex<HashSet<String>>,
    written: Mutex<HashSet<String>>,
}

impl Staging {
    pub fn begin(out: &Path, id: &str, write: bool) -> io::Result<Staging> {
        let target = if write {
            let spares = out.join(SPARE_DIR);
            fs::create_dir_all(&spares)?;
            owner_only(&spares)?;
            recover(out, id)?;
            let dir = spare(out, id);
            let mut earlier = HashMap::new();
            let mut dirs = HashSet::from([String::new()]);
            if dir.is_dir() {
                survey(&dir, &mut earlier, &mut dirs)?;
            } else {
                if dir.exists() {
                    fs::remove_file(&dir)?;
                }
                fs::create_dir(&dir)?;
            }
            Some(Target { dir, earlier, dirs: Mutex::new(dirs), written: Mutex::default() })
        } else {
            None
        };
        Ok(Staging {
            out: out.to_owned(),
            id: id.to_owned(),
            target,
            files: Default::default(),
            bytes: Default::default(),
        })
    }

    /// Writes one file (over the earlier build's file of that name); safe from several threads.
    pub fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        // Written whole: no buffer between the bytes and the file.
        self.write(path, &|w| w.write_all(bytes), 0)
    }

    /// Writes one file as `write` produces it, so a large file need not be in memory whole.
    /// `write` may be called twice (again after clearing a folder in the file's place).
    pub fn put_with(&self, path: &str, write: &dyn Fn(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        self.write(path, write, WRITE_BUFFER)
    }

    /// Writes one file as `write` produces it, through a buffer of `buffer` bytes.
    fn write(
        &self,
        path: &str,
        write: &dyn Fn(&mut dyn Write) -> io::Result<()>,
        buffer: usize,
    ) -> io::Result<()> {
        let written = match &self.target {
            Some(t) => {
                let full = t.dir.join(path);
                let parent = path.rsplit_once('/').map_or("", |(p, _)| p);
                let known = lock(&t.dirs).contains(parent);
                if !known {
                    create_parent(&t.dir, path)?;
                    lock(&t.dirs).insert(parent.to_owned());
                }
                // The length of the earlier build's file, known from the survey; it holds for the
                // first write of a path only (a second one truncates).
                let first = lock(&t.written).insert(path.to_owned());
                let earlier = if first { t.earlier.get(path).copied() } else { None };
                match overwrite(&full, write, earlier, buffer) {
                    Ok(n) => n,
                    // An earlier build left a folder where this file goes.
                    Err(_) if full.is_dir() => {
                        fs::remove_dir_all(&full)?;
                        overwrite(&full, write, earlier, buffer)?
                    }
                    Err(e) => return Err(e),
                }
            }
            None => {
                let mut counter = Counter { inner: io::sink(), count: 0 };
                write(&mut counter)?;
                counter.count
            }
        };
        self.files.fetch_add(1, Relaxed);
        self.bytes.fetch_add(written as usize, Relaxed);
        Ok(())
    }

    pub fn files(&self) -> usize {
        self.files.load(Relaxed)
    }

    pub fn bytes(&self) -> usize {
        self.bytes.load(Relaxed)
    }

    /// Removes what the earlier build left and this one did not write, then puts the finished
    /// site in place of the old one, which becomes the second folder for the next build.
    pub fn commit(mut self) -> io::Result<PathBuf> {
        let live = self.out.join(&self.id);
        let Some(t) = self.target.take() else { return Ok(live) };
        let written = t.written.into_inner().unwrap_or_else(|e| e.into_inner());
        for stale in t.earlier.keys().filter(|f| !written.contains(*f)) {
            let path = t.dir.join(stale);
            // Gone already, or this build put a folder there (or in place of a folder above it).
            if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
                fs::remove_file(&path)?;
            }
        }
        let dirs = t.dirs.into_inner().unwrap_or_else(|e| e.into_inner());
        remove_empty_dirs(&t.dir, &dirs, &written)?;
        swap_in(&self.out, &self.id, &t.dir)?;
        Ok(live)
    }
}

/// The buffer between a file written in pieces and the file.
const WRITE_BUFFER: usize = 64 * 1024;

/// Writes over the file's old content and cuts off what is left of it, if anything; returns
/// the new length. Truncating first would free the file's blocks and allocate them again; where
/// the file system discards freed blocks (`-o discard`), every truncation waits for the disk.
/// `earlier` is the old file's length as the survey of the folder found it (no one else writes
/// there: the folder is the command's own, closed to others); a file the earlier build did not
/// leave is opened truncating instead (new, unless something else put it there).
fn overwrite(
    path: &Path,
    write: &dyn Fn(&mut dyn Write) -> io::Result<()>,
    earlier: Option<u64>,
    buffer: usize,
) -> io::Result<u64> {
    let file = fs::OpenOptions::new().write(true).create(true).truncate(earlier.is_none()).open(path)?;
    let old_len = earlier.unwrap_or(0);
    let mut out = Counter { inner: io::BufWriter::with_capacity(buffer, file), count: 0 };
    write(&mut out)?;
    let file = out.inner.into_inner().map_err(io::IntoInnerError::into_error)?;
    if old_len > out.count {
        file.set_len(out.count)?;
    }
    Ok(out.count)
}

/// A writer that counts the bytes through it.
struct Counter<W> {
    inner: W,
    count: u64,
}

impl<W: Write> Write for Counter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Where the output folder is served as it is, the previous build must not be: a web server
/// running as another user cannot enter a folder only its owner may open.
#[cfg(unix)]
fn owner_only(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn owner_only(_: &Path) -> io::Result<()> {
    Ok(())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Lists the files and folders an earlier build left in `dir`. Links, which a write would follow
/// out of the folder, are removed, and so are files with other names elsewhere (hard links, as
/// `cp -al` or `rsync --link-dest` make to publish a site): writing over them would change the
/// published copy.
fn survey(dir: &Path, files: &mut HashMap<String, u64>, dirs: &mut HashSet<String>) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry.path().strip_prefix(dir).map_err(io::Error::other)?;
        let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let kind = entry.file_type();
        if kind.is_dir() {
            dirs.insert(rel);
            continue;
        }
        let meta = if kind.is_symlink() { None } else { Some(entry.metadata().map_err(io::Error::other)?) };
        match meta {
            Some(meta) if !shared(&meta) => {
                files.insert(rel, meta.len());
            }
            _ => fs::remove_file(entry.path())?,
        }
    }
    Ok(())
}

/// A file with other names elsewhere.
#[cfg(unix)]
fn shared(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() > 1
}

#[cfg(not(unix))]
fn shared(_: &fs::Metadata) -> bool {
    false
}

/// Creates the folders above `path` inside `dir`, removing a file an earlier build left where
/// a folder now goes.
fn create_parent(dir: &Path, path: &str) -> io::Result<()> {
    let Some((parent, _)) = path.rsplit_once('/') else { return Ok(()) };
    let full = dir.join(parent);
    if fs::create_dir_all(&full).is_ok() {
        return Ok(());
    }
    let mut at = dir.to_owned();
    for part in parent.split('/') {
        at.push(part);
        if at.is_file() {
            fs::remove_file(&at)?;
        }
    }
    fs::create_dir_all(&full)
}

/// Removes the folders under `dir` that hold nothing (a site never has empty folders): of the
/// folders known there (`dirs`), those above no file this build wrote, deepest first. The rest
/// hold a file, so only these need a look (a rebuild of thousands of pages has none).
fn remove_empty_dirs(dir: &Path, dirs: &HashSet<String>, written: &HashSet<String>) -> io::Result<()> {
    let mut holding: HashSet<&str> = HashSet::new();
    for path in written {
        let mut at = path.as_str();
        while let Some((parent, _)) = at.rsplit_once('/') {
            if !holding.insert(parent) {
                break;
            }
            at = parent;
        }
    }
    let mut empty: Vec<&String> = dirs.iter().filter(|d| !holding.contains(d.as_str())).collect();
    empty.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
    for rel in empty {
        let path = dir.join(rel);
        // A folder this build put a file in place of is gone already.
        if path.is_dir() && fs::read_dir(&path)?.next().is_none() {
            fs::remove_dir(&path)?;
        }
    }
    Ok(())
}

fn swap_in(out: &Path, id: &str, staged: &Path) -> io::Result<()> {
    let live = out.join(id);
    if live.exists() {
        if exchange(staged, &live).is_err() {
            let old = old(out, id);
            fs::rename(&live, &old)?;
            fs::rename(staged, &live)?;
            fs::rename(&old, staged)?;
        }
    } else {
        fs::rename(staged, &live)?;
    }
    Ok(())
}

/// A build killed between the two renames leaves `<id>.old` and perhaps no site: put it back.
fn recover(out: &Path, id: &str) -> io::Result<()> {
    let live = out.join(id);
    let old = old(out, id);
    if old.exists() {
        if live.exists() {
            fs::remove_dir_all(&old)?;
        } else {
            fs::rename(&old, &live)?;
        }
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE)
    };
    if rc == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::other("no atomic exchange on this system"))
}

#[cfg(test)]
mod tests {
    use super::{OutputFile, write_site};
    use std::path::Path;

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    fn files(list: &[(&str, &str)]) -> Vec<OutputFile> {
        list.iter().map(|(p, b)| OutputFile::new(*p, *b)).collect()
    }

    #[test]
    fn a_rebuild_replaces_the_whole_site() {
        let out = tempfile::tempdir().unwrap();
        let read = |p: &str| std::fs::read_to_string(out.path().join(p)).ok();
        write_site(out.path(), "a", &files(&[("index.html", "one"), ("x/old.html", "x")])).unwrap();
        write_site(out.path(), "a", &files(&[("index.html", "two")])).unwrap();
        assert_eq!(read("a/index.html").as_deref(), Some("two"));
        assert!(!out.path().join("a/x").exists());
        // The third build writes over the files of the first: nothing of those may show, not
        // even the end of a longer file.
        write_site(out.path(), "a", &files(&[("index.html", "3"), ("y.html", "y")])).unwrap();
        assert_eq!(names(&out.path().join("a")), ["index.html", "y.html"]);
        assert_eq!(read("a/index.html").as_deref(), Some("3"));
        assert_eq!(names(out.path()), [".handbook", "a"]);
        assert_eq!(names(&out.path().join(".handbook")), ["a"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(out.path().join(".handbook")).unwrap().permissions().mode();
            assert_eq!(
                mode & 0o777,
                0o700,
                "a web server serving the output folder must not serve old builds"
            );
        }
    }

    #[test]
    fn files_and_folders_may_trade_places_between_builds() {
        let out = tempfile::tempdir().unwrap();
        // Each build writes over the one before the last, so `x` meets both shapes (the third
        // build's case was found by a property test).
        let builds: [&[(&str, &str)]; 6] = [
            &[("x", "file")],
            &[("index.html", "i")],
            &[("x/y.html", "in folder")],
            &[("x", "file again")],
            &[("x/y.html", "folder again")],
            &[("x", "and a file")],
        ];
        for build in builds {
            write_site(out.path(), "a", &files(build)).unwrap();
            for (path, text) in build {
                assert_eq!(std::fs::read_to_string(out.path().join("a").join(path)).unwrap(), *text);
            }
        }
    }

    #[test]
    fn a_file_written_twice_in_one_build_holds_the_second_text_only() {
        let out = tempfile::tempdir().unwrap();
        // The folder the third build writes into holds the first build's short file.
        for text in ["1", "22"] {
            write_site(out.path(), "a", &files(&[("x.html", text)])).unwrap();
        }
        write_site(out.path(), "a", &files(&[("x.html", "a longer text"), ("x.html", "333")])).unwrap();
        assert_eq!(std::fs::read_to_string(out.path().join("a/x.html")).unwrap(), "333");
    }

    proptest::proptest! {
        /// After any series of builds, the site holds exactly the last build's files, each with
        /// its text in full (longer or shorter than before), and no folder that holds nothing.
        #[test]
        fn a_site_holds_exactly_what_its_build_wrote(
            builds in proptest::collection::vec(
                proptest::sample::subsequence(vec!["a", "a/b", "a/b/c", "a/d", "e", "e/a", "f/g/h"], 0..5),
                1..6,
            )
        ) {
            let out = tempfile::tempdir().unwrap();
            for (n, build) in builds.iter().enumerate() {
                // A file's text is its name, longer in some builds than in others.
                let text = |f: &str| format!("{f}{}", "!".repeat(n % 3 * 5));
                // A build never has a file where it has a folder.
                let build: Vec<&str> = build
                    .iter()
                    .filter(|f| !build.iter().any(|g| g.starts_with(&format!("{f}/"))))
                    .copied()
                    .collect();
                // Nor is it empty (a site has at least its front page and stylesheet).
                if build.is_empty() {
                    continue;
                }
                let texts: Vec<String> = build.iter().map(|f| text(f)).collect();
                let list: Vec<(&str, &str)> = build.iter().copied().zip(texts.iter().map(String::as_str)).collect();
                write_site(out.path(), "s", &files(&list)).unwrap();
                let site = out.path().join("s");
                let mut found = Vec::new();
                for entry in walkdir::WalkDir::new(&site).min_depth(1) {
                    let entry = entry.unwrap();
                    let rel = entry.path().strip_prefix(&site).unwrap().to_string_lossy().replace('\\', "/");
                    if entry.file_type().is_dir() {
                        proptest::prop_assert!(std::fs::read_dir(entry.path()).unwrap().next().is_some(), "{} is empty", rel);
                    } else {
                        proptest::prop_assert_eq!(std::fs::read_to_string(entry.path()).unwrap(), text(&rel));
                        found.push(rel);
                    }
                }
                found.sort();
                let mut expected: Vec<String> = build.iter().map(|f| (*f).to_owned()).collect();
                expected.sort();
                proptest::prop_assert_eq!(found, expected);
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_left_in_an_earlier_site_is_replaced_not_written_through() {
        let out = tempfile::tempdir().unwrap();
        let outside = out.path().join("outside.txt");
        std::fs::write(&outside, "keep").unwrap();
        write_site(out.path(), "a", &files(&[("index.html", "one")])).unwrap();
        std::fs::remove_file(out.path().join("a/index.html")).unwrap();
        std::os::unix::fs::symlink(&outside, out.path().join("a/index.html")).unwrap();
        for n in ["two", "three"] {
            write_site(out.path(), "a", &files(&[("index.html", n)])).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(out.path().join("a/index.html")).unwrap(), "three");
    }

    #[cfg(unix)]
    #[test]
    fn a_published_hard_linked_copy_is_never_written_through() {
        let out = tempfile::tempdir().unwrap();
        let published = out.path().join("published.html");
        write_site(out.path(), "a", &files(&[("index.html", "one")])).unwrap();
        std::fs::hard_link(out.path().join("a/index.html"), &published).unwrap();
        for n in ["two", "three", "four"] {
            write_site(out.path(), "a", &files(&[("index.html", n)])).unwrap();
        }
        assert_eq!(std::fs::read_to_string(&published).unwrap(), "one");
        assert_eq!(std::fs::read_to_string(out.path().join("a/index.html")).unwrap(), "four");
    }

    #[test]
    fn a_site_left_aside_by_a_killed_build_is_restored() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join(".handbook/a.old")).unwrap();
        std::fs::write(out.path().join(".handbook/a.old/index.html"), "old").unwrap();
        super::recover(out.path(), "a").unwrap();
        assert_eq!(std::fs::read_to_string(out.path().join("a/index.html")).unwrap(), "old");
    }
}
