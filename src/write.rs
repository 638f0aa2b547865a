//! Stage 7, write: put a finished site in place without ever showing a half-written one.
//!
//! Input: the output folder, a programme id and the site's files in memory. Output: the folder
//! `<out>/<id>/` holding exactly those files. The files go to a temporary folder beside it first;
//! then the two folders are exchanged in one atomic `renameat2(RENAME_EXCHANGE)` where the
//! system has it (Linux), so a reader or a killed build sees either the old site or the new one.
//! Elsewhere two renames are used, and a build killed between them leaves the old site under
//! `.handbook-old-<id>` for the next build to restore.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One file of a site: its path relative to the site root (with `/`) and its bytes.
#[derive(Clone, Debug)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile { path: path.into(), bytes: bytes.into() }
    }
}

fn temp_name(id: &str) -> String {
    format!(".handbook-new-{id}")
}

fn old_name(id: &str) -> String {
    format!(".handbook-old-{id}")
}

/// Writes the site of programme `id` into `out/id`, replacing what was there.
pub fn write_site(out: &Path, id: &str, files: &[OutputFile]) -> io::Result<PathBuf> {
    let staging = Staging::begin(out, id, true)?;
    for file in files {
        staging.put(&file.path, &file.bytes)?;
    }
    staging.commit()
}

/// A site being written: files go into the temporary folder as they are produced (so a big site
/// is never held in memory whole), and [`Staging::commit`] swaps the folder into place. Dropped
/// without a commit (a failed build), the temporary folder is removed and the old site stays.
/// With `write: false` (`handbook check`) files are only counted.
pub struct Staging {
    out: PathBuf,
    id: String,
    temp: Option<PathBuf>,
    files: std::sync::atomic::AtomicUsize,
    bytes: std::sync::atomic::AtomicUsize,
}

impl Staging {
    pub fn begin(out: &Path, id: &str, write: bool) -> io::Result<Staging> {
        let temp = if write {
            fs::create_dir_all(out)?;
            recover(out, id)?;
            let temp = out.join(temp_name(id));
            if temp.exists() {
                fs::remove_dir_all(&temp)?;
            }
            fs::create_dir(&temp)?;
            Some(temp)
        } else {
            None
        };
        Ok(Staging {
            out: out.to_owned(),
            id: id.to_owned(),
            temp,
            files: Default::default(),
            bytes: Default::default(),
        })
    }

    /// Writes one file; safe to call from several threads.
    pub fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        use std::sync::atomic::Ordering::Relaxed;
        if let Some(temp) = &self.temp {
            let path = temp.join(path);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&path, bytes)?;
        }
        self.files.fetch_add(1, Relaxed);
        self.bytes.fetch_add(bytes.len(), Relaxed);
        Ok(())
    }

    pub fn files(&self) -> usize {
        self.files.load(std::sync::atomic::Ordering::Relaxed)
    }

    pub fn bytes(&self) -> usize {
        self.bytes.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Puts the finished site in place of the old one.
    pub fn commit(mut self) -> io::Result<PathBuf> {
        let target = self.out.join(&self.id);
        let Some(temp) = self.temp.take() else { return Ok(target) };
        swap_in(&self.out, &self.id, &temp)?;
        Ok(target)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            let _ = fs::remove_dir_all(temp);
        }
    }
}

fn swap_in(out: &Path, id: &str, temp: &Path) -> io::Result<()> {
    let target = out.join(id);
    let old = out.join(old_name(id));
    let temp = temp.to_owned();
    sync_dir(&temp);
    if target.exists() {
        if exchange(&temp, &target).is_ok() {
            // `temp` now holds the old site.
            fs::remove_dir_all(&temp)?;
        } else {
            fs::rename(&target, &old)?;
            fs::rename(&temp, &target)?;
            fs::remove_dir_all(&old)?;
        }
    } else {
        fs::rename(&temp, &target)?;
    }
    sync_dir(out);
    Ok(())
}

/// A build killed between the two renames leaves `.handbook-old-<id>` and no site: put it back.
fn recover(out: &Path, id: &str) -> io::Result<()> {
    let target = out.join(id);
    let old = out.join(old_name(id));
    if old.exists() {
        if target.exists() {
            fs::remove_dir_all(&old)?;
        } else {
            fs::rename(&old, &target)?;
        }
    }
    Ok(())
}

fn sync_dir(dir: &Path) {
    // Best effort: make the rename durable before reporting success.
    if let Ok(f) = fs::File::open(dir) {
        let _ = f.sync_all();
    }
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

    #[test]
    fn a_rebuild_replaces_the_whole_site() {
        let out = tempfile::tempdir().unwrap();
        write_site(
            out.path(),
            "a",
            &[OutputFile::new("index.html", "one"), OutputFile::new("x/old.html", "x")],
        )
        .unwrap();
        write_site(out.path(), "a", &[OutputFile::new("index.html", "two")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.path().join("a/index.html")).unwrap(), "two");
        assert!(!out.path().join("a/x/old.html").exists());
        let names: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a"]);
    }

    #[test]
    fn a_site_left_aside_by_a_killed_build_is_restored() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join(".handbook-old-a")).unwrap();
        std::fs::write(out.path().join(".handbook-old-a/index.html"), "old").unwrap();
        super::recover(out.path(), "a").unwrap();
        assert_eq!(std::fs::read_to_string(out.path().join("a/index.html")).unwrap(), "old");
    }
}
