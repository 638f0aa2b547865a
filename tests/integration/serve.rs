//! `handbook serve` as an author uses it: start it, read a page over loopback, edit, break and
//! fix a file, and stop it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::Project;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(project: &Project) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["serve", "--port", "0", "--root"])
        .arg(project.path())
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .spawn()
        .expect("start handbook serve");
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let port = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    // Keep draining stderr so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, port }
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_owned()).unwrap_or_default();
    (status, body)
}

/// Fetches `path` until `check` holds, for at most five seconds.
fn eventually(port: u16, path: &str, check: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (_, body) = get(port, path);
        if check(&body) || Instant::now() > deadline {
            return body;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_rebuilds_on_edit_shows_errors_and_recovers() {
    let project = Project::minimal();
    let server = start(&project);
    let (status, page) = get(server.port, "/handbook/da-prog/index.html");
    assert_eq!(status, 200);
    assert!(page.contains("Parrene mødes hver 2. måned"), "{page}");
    assert!(page.contains("/handbook/__live/live.js"), "no live-reload script");
    let (_, css) = get(server.port, "/handbook/da-prog/static/style.css");
    assert!(css.contains("--accent"));

    // An edit shows up.
    let page_file = project.path().join("content/_base/da/index.md");
    let good = std::fs::read_to_string(&page_file).unwrap();
    std::fs::write(&page_file, good.replace("Velkommen til", "Hjertelig velkommen til")).unwrap();
    let page = eventually(server.port, "/handbook/da-prog/index.html", |b| b.contains("Hjertelig velkommen"));
    assert!(page.contains("Hjertelig velkommen"), "the edit did not show");

    // A bad edit: the last good page stays, with the error over it; the server keeps running.
    std::fs::write(&page_file, good.replace("{{ name }}", "{{ navn }}")).unwrap();
    let page =
        eventually(server.port, "/handbook/da-prog/index.html", |b| b.contains("handbook-error-overlay"));
    assert!(page.contains("unknown setting `navn`"), "{page}");
    assert!(page.contains("Hjertelig velkommen"), "the last good page is gone");

    // The next good edit clears it.
    std::fs::write(&page_file, &good).unwrap();
    let page =
        eventually(server.port, "/handbook/da-prog/index.html", |b| !b.contains("handbook-error-overlay"));
    assert!(!page.contains("handbook-error-overlay"));
    assert!(page.contains("Velkommen til Mentorordningen"));

    // Nothing outside the preview's sub-path, and no climbing out of it.
    assert_eq!(get(server.port, "/handbook/da-prog/../../Cargo.toml").0, 403);
    assert_eq!(get(server.port, "/etc/passwd").0, 404);
    assert!(!project.path().join("site").exists(), "serve must not write site/");
}

#[test]
fn serve_stops_with_a_usage_error_for_a_programme_that_does_not_exist() {
    // Protects (issue 15): it used to serve anyway and answer 404 for every page.
    let project = Project::minimal();
    let out = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["serve", "da-prg", "--port", "0", "--root"])
        .arg(project.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("error: there is no programme `da-prg` to serve"), "{text}");
    assert!(text.contains("the programmes are: da-prog, sv-prog"), "{text}");
}
