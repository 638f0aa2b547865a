//! `handbook build --pdf`: the print view of a built site as a PDF, made by headless Chromium.
//!
//! Input: a written site folder. Output: `<site>/<programme>.pdf`, printed from `print.html` on A4
//! with the theme's print stylesheet. Chromium is found at `$CHROMIUM`, or as `chromium`,
//! `chromium-browser` or `google-chrome` on the PATH; without it the error says how to get it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostic;

fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM").map(PathBuf::from).filter(|p| p.is_file()) {
        return Some(path);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser", "google-chrome"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Prints `site/print.html` to `site/<id>.pdf`.
pub fn print(site: &Path, id: &str) -> Result<PathBuf, Diagnostic> {
    let Some(chromium) = find_chromium() else {
        return Err(Diagnostic::error("`--pdf` needs Chromium to print the handbook, and none was found").with_help(
            "install it (Debian/Ubuntu: `apt-get install chromium`), or set CHROMIUM=/path/to/chromium; the sites were built all the same",
        ));
    };
    let site = site.canonicalize().unwrap_or_else(|_| site.to_owned());
    let pdf = site.join(format!("{id}.pdf"));
    let profile =
        tempfile::tempdir().map_err(|e| Diagnostic::error(format!("cannot make a temporary folder: {e}")))?;
    let page = format!("file://{}", site.join("print.html").display());
    let mut child = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--no-pdf-header-footer",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&page)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Diagnostic::error(format!("cannot start {}: {e}", chromium.display())))?;
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() && pdf.is_file() => return Ok(pdf),
            Ok(Some(status)) => {
                return Err(Diagnostic::error(format!("Chromium could not print the handbook ({status})"))
                    .in_file(site.join("print.html")));
            }
            Ok(None) if Instant::now() > deadline => {
                let _ = child.kill();
                return Err(Diagnostic::error("Chromium did not finish printing within two minutes")
                    .in_file(site.join("print.html")));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(Diagnostic::error(format!("waiting for Chromium: {e}"))),
        }
    }
}
