//! `handbook serve`: a live preview for the person writing a variant.
//!
//! Input: the project folder and the programmes to preview. Output: an HTTP server on 127.0.0.1
//! serving each site under `/handbook/<programme>/` (a sub-path, like an intranet's), rebuilt
//! when a file under `content/` or `themes/` changes. Only the programmes a change can affect are
//! rebuilt: a programme's own folder affects that programme, a base language affects the
//! programmes in that language, a theme affects all. Pages get a small script that waits for
//! the next build and reloads; while the last build failed, every page shows its error in an
//! overlay (and the terminal prints it), and the server keeps serving the last good site.
//!
//! The preview writes to `target/handbook-serve/`, never to `site/`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::diagnostic::Diagnostic;
use crate::lang::Lang;
use crate::{BuildOptions, BuildReport};

pub(crate) const PREFIX: &str = "/handbook/";

pub struct ServeOptions {
    pub root: PathBuf,
    pub programmes: Vec<String>,
    pub port: u16,
    pub colour: bool,
}

/// What the browser asks about: the build number and the last build's problems.
#[derive(Default)]
struct State {
    version: u64,
    error: Option<String>,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

const LIVE_JS: &str = include_str!("serve/live.js");
const OVERLAY_CSS: &str = include_str!("serve/overlay.css");

/// Why `serve` stopped: a programme it was asked for does not exist (a usage error), or it
/// could not serve.
pub enum ServeError {
    Usage(Diagnostic),
    Failed(Diagnostic),
}

pub fn serve(options: ServeOptions) -> Result<(), ServeError> {
    let root = options.root.canonicalize().unwrap_or_else(|_| options.root.clone());
    // A programme that does not exist is a mistake on the command line: say so and stop,
    // rather than serve nothing under its name.
    let known = programme_ids(&root.join("content"));
    if let Some(unknown) = options.programmes.iter().find(|p| !known.contains(p)) {
        return Err(ServeError::Usage(
            Diagnostic::error(format!("there is no programme `{unknown}` to serve"))
                .in_file(root.join("content"))
                .with_help(format!("the programmes are: {}", known.join(", "))),
        ));
    }
    let out = root.join("target").join("handbook-serve");
    let mut build = BuildOptions::in_project(&root);
    build.out = out.clone();
    build.programmes = options.programmes.clone();

    let shared: Shared = Arc::new((Mutex::new(State::default()), Condvar::new()));
    let first = crate::build(&build);
    report(&root, &first, &shared, options.colour);
    let ids: Vec<String> = if options.programmes.is_empty() {
        programme_ids(&root.join("content"))
    } else {
        options.programmes.clone()
    };

    let server = tiny_http::Server::http(("127.0.0.1", options.port)).map_err(|e| {
        ServeError::Failed(Diagnostic::error(format!("cannot listen on 127.0.0.1:{}: {e}", options.port)))
    })?;
    let port = server.server_addr().to_ip().map_or(options.port, |a| a.port());
    for id in &ids {
        eprintln!("serving http://127.0.0.1:{port}{PREFIX}{id}/");
    }
    eprintln!("watching content/ and themes/ for changes (Ctrl-C stops)");

    let (tx, rx) = std::sync::mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            for path in event.paths {
                let _ = tx.send(path);
            }
        }
    })
    .map_err(|e| ServeError::Failed(Diagnostic::error(format!("cannot watch files: {e}"))))?;
    for dir in ["content", "themes"] {
        watcher.watch(&root.join(dir), RecursiveMode::Recursive).map_err(|e| {
            ServeError::Failed(Diagnostic::error(format!("cannot watch files: {e}")).in_file(root.join(dir)))
        })?;
    }

    let rebuild_shared = shared.clone();
    let rebuild_root = root.clone();
    let colour = options.colour;
    std::thread::spawn(move || {
        let _watcher = watcher;
        while let Ok(first) = rx.recv() {
            // Editors write a file in several steps; gather what arrives in a short window.
            let mut changed = vec![first];
            let deadline = Instant::now() + Duration::from_millis(25);
            while let Ok(p) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                changed.push(p);
            }
            let Some(affected) = affected_programmes(&rebuild_root, &changed, &build.programmes) else {
                continue;
            };
            let mut options = build.clone();
            options.programmes = affected;
            let started = Instant::now();
            let report_value = crate::build(&options);
            report(&rebuild_root, &report_value, &rebuild_shared, colour);
            if !report_value.problems.has_errors() {
                eprintln!(
                    "rebuilt {} in {} ms",
                    options.programmes.join(", "),
                    started.elapsed().as_millis()
                );
            }
        }
    });

    let content = Arc::new(root.join("content"));
    for request in server.incoming_requests() {
        let shared = shared.clone();
        let out = out.clone();
        let content = content.clone();
        std::thread::spawn(move || respond(request, &out, &content, &shared));
    }
    Ok(())
}

fn programme_ids(content: &Path) -> Vec<String> {
    crate::load::programme_ids(content).unwrap_or_default()
}

/// Prints the build's problems and records them for the overlay; bumps the version.
fn report(root: &Path, report: &BuildReport, shared: &Shared, colour: bool) {
    let (lock, wake) = &**shared;
    let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
    if report.problems.is_empty() {
        state.error = None;
    } else {
        eprint!("{}", report.problems.render(root, colour));
        state.error = report.problems.has_errors().then(|| report.problems.render(root, false));
    }
    state.version += 1;
    wake.notify_all();
}

/// The programmes a set of changed paths can affect; `None` when nothing relevant changed.
pub(crate) fn affected_programmes(root: &Path, changed: &[PathBuf], only: &[String]) -> Option<Vec<String>> {
    let content = root.join("content");
    let all: Vec<String> = if only.is_empty() { programme_ids(&content) } else { only.to_vec() };
    let mut affected = BTreeSet::new();
    for path in changed {
        if path.strip_prefix(root.join("themes")).is_ok() {
            return Some(all);
        }
        let Ok(rel) = path.strip_prefix(&content) else { continue };
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
        match (parts.next().as_deref(), parts.next()) {
            (Some("_base"), Some(lang)) => {
                let Ok(lang) = lang.parse::<Lang>() else { continue };
                for id in &all {
                    // A programme whose settings cannot be read is rebuilt, to show why.
                    let uses = crate::load::programme_language(&content.join(id)).is_none_or(|l| l == lang);
                    if uses {
                        affected.insert(id.clone());
                    }
                }
            }
            (Some(id), _) if all.iter().any(|a| a == id) => {
                affected.insert(id.to_owned());
            }
            _ => {}
        }
    }
    (!affected.is_empty()).then(|| affected.into_iter().collect())
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header")
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("ics") => "text/calendar; charset=utf-8",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

fn respond(request: tiny_http::Request, out: &Path, content: &Path, shared: &Shared) {
    let url = request.url().to_owned();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_owned();
    let (lock, wake) = &**shared;

    if path == format!("{PREFIX}__live/wait") {
        // Long poll: answer when the build number passes the one the page was served with.
        let seen: u64 = url.split("v=").nth(1).and_then(|v| v.parse().ok()).unwrap_or(0);
        let state = lock.lock().unwrap_or_else(|e| e.into_inner());
        let (state, _) = wake
            .wait_timeout_while(state, Duration::from_secs(25), |s| s.version <= seen)
            .unwrap_or_else(|e| e.into_inner());
        let _ = request.respond(
            tiny_http::Response::from_string(state.version.to_string())
                .with_header(header("Content-Type", "text/plain"))
                .with_header(header("Cache-Control", "no-store")),
        );
        return;
    }
    if path == format!("{PREFIX}__live/live.js") {
        let _ = request.respond(
            tiny_http::Response::from_string(LIVE_JS).with_header(header("Content-Type", "text/javascript")),
        );
        return;
    }
    if path == format!("{PREFIX}__live/overlay.css") {
        let _ = request.respond(
            tiny_http::Response::from_string(OVERLAY_CSS).with_header(header("Content-Type", "text/css")),
        );
        return;
    }
    if path == "/" || path == PREFIX.trim_end_matches('/') || path == PREFIX {
        let links: String = programme_ids(content)
            .iter()
            .map(|id| format!("<li><a href=\"{PREFIX}{id}/\">{id}</a></li>"))
            .collect();
        let page = format!(
            "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>handbook preview</title><h1>handbook preview</h1><ul>{links}</ul></html>"
        );
        let _ = request.respond(
            tiny_http::Response::from_string(page)
                .with_header(header("Content-Type", "text/html; charset=utf-8")),
        );
        return;
    }
    let Some(rel) = path.strip_prefix(PREFIX) else {
        let _ = request.respond(tiny_http::Response::from_string("not found").with_status_code(404));
        return;
    };
    let rel = percent_decode(rel);
    if rel.split('/').any(|p| p == ".." || p.starts_with('.')) {
        let _ = request.respond(tiny_http::Response::from_string("forbidden").with_status_code(403));
        return;
    }
    let mut file = out.join(&rel);
    if rel.ends_with('/') || file.is_dir() {
        file = file.join("index.html");
    }
    let Ok(bytes) = std::fs::read(&file) else {
        let _ = request.respond(tiny_http::Response::from_string("not found").with_status_code(404));
        return;
    };
    let kind = content_type(&file);
    if kind.starts_with("text/html") {
        let (version, error) = {
            let state = lock.lock().unwrap_or_else(|e| e.into_inner());
            (state.version, state.error.clone())
        };
        let html = inject(&String::from_utf8_lossy(&bytes), version, error.as_deref());
        let _ = request.respond(
            tiny_http::Response::from_string(html)
                .with_header(header("Content-Type", kind))
                .with_header(header("Cache-Control", "no-store")),
        );
    } else {
        let _ = request.respond(
            tiny_http::Response::from_data(bytes)
                .with_header(header("Content-Type", kind))
                .with_header(header("Cache-Control", "no-store")),
        );
    }
}

/// Adds the live-reload script, and the error overlay when the last build failed.
fn inject(html: &str, version: u64, error: Option<&str>) -> String {
    let mut extra = format!(
        "<link rel=\"stylesheet\" href=\"{PREFIX}__live/overlay.css\"><script src=\"{PREFIX}__live/live.js\" data-version=\"{version}\" data-wait=\"{PREFIX}__live/wait\"></script>"
    );
    if let Some(error) = error {
        extra.push_str(&format!(
            "<div id=\"handbook-error-overlay\" role=\"alert\"><p><strong>handbook: the last change did not build.</strong> This is the last good version; fix the problem and save.</p><pre>{}</pre></div>",
            crate::html::escape(error)
        ));
    }
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}"),
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::{affected_programmes, inject, percent_decode};

    #[test]
    fn changes_rebuild_only_the_programmes_they_touch() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (id, lang) in [("a", "da"), ("b", "da"), ("c", "sv")] {
            std::fs::create_dir_all(root.join("content").join(id)).unwrap();
            std::fs::write(
                root.join("content").join(id).join("programme.yaml"),
                format!("name: N\norganisation: O\naudience: a\nmentors: m\nlanguage: {lang}\n"),
            )
            .unwrap();
        }
        let at = |p: &str| vec![root.join(p)];
        assert_eq!(affected_programmes(root, &at("content/a/forloeb.md"), &[]), Some(vec!["a".into()]));
        assert_eq!(
            affected_programmes(root, &at("content/_base/da/index.md"), &[]),
            Some(vec!["a".into(), "b".into()])
        );
        assert_eq!(affected_programmes(root, &at("themes/default/static/style.css"), &[]).unwrap().len(), 3);
        assert_eq!(affected_programmes(root, &at("content/FORMAT.md"), &[]), None);
        assert_eq!(affected_programmes(root, &at("content/_base/sv/x.md"), &["a".into()]), None);
    }

    #[test]
    fn the_overlay_escapes_the_error() {
        let html = inject("<html><body><p>x</p></body></html>", 3, Some("error: `<b>`"));
        assert!(html.contains("data-version=\"3\""));
        assert!(html.contains("error: `&lt;b&gt;`"));
        assert!(html.ends_with("</div></body></html>"));
        assert_eq!(percent_decode("v%C3%A6rkt%C3%B8jer/a.html"), "værktøjer/a.html");
    }
}
