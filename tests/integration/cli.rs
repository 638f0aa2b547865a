//! The `handbook` binary as a user runs it: exit codes, summaries, `new`, `check`, `schema`.

use std::process::{Command, Output};

use crate::common::{Project, programme_yaml};

fn handbook(project: &Project, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(args)
        .arg("--root")
        .arg(project.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run handbook")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn build_prints_one_summary_line_and_exits_zero() {
    let project = Project::minimal();
    let out = handbook(&project, &["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.starts_with("built 2 programmes, 5 pages in "), "{text}");
    assert!(!text.contains('\x1b'), "colour with NO_COLOR set");
    assert!(project.path().join("site/da-prog/index.html").is_file());
}

#[test]
fn quiet_prints_nothing_when_all_is_well() {
    let project = Project::minimal();
    let out = handbook(&project, &["build", "--quiet"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "");
}

#[test]
fn a_content_error_exits_one_and_names_the_file() {
    let project = Project::minimal().file(
        "content/da-prog/programme.yaml",
        &programme_yaml("da", "").replace("2 months", "2 fortnights"),
    );
    let out = handbook(&project, &["build", "da-prog"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains("error: unknown unit `fortnights` for a cadence: use days, weeks or months (or dage, uger, måneder)"),
        "{text}"
    );
    assert!(text.contains("--> content/da-prog/programme.yaml:7:12"), "{text}");
    assert!(text.contains("built 0 programmes, 0 pages in"), "{text}");
    assert!(!project.path().join("site/da-prog").exists());
}

#[test]
fn an_unknown_programme_is_an_error_listing_the_real_ones() {
    let out = handbook(&Project::minimal(), &["build", "odense"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error: there is no programme `odense`"));
    assert!(stderr(&out).contains("the programmes are: da-prog, sv-prog"));
}

#[test]
fn usage_errors_exit_two() {
    let out = handbook(&Project::minimal(), &["build", "--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn new_creates_a_variant_that_builds_once_its_placeholders_are_filled_in() {
    // Protects: `new` marks every value a person must give, and nothing marked is ever published.
    let project = Project::minimal();
    let out = handbook(&project, &["new", "odense", "--lang", "sv", "--name", "Mentorprogram för rektorer"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = handbook(&project, &["check", "odense"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    for setting in ["organisation", "unit", "audience", "mentors", "contacts[1].name", "contacts[1].email"] {
        assert!(
            text.contains(&format!("error: `{setting}` still holds the placeholder `<")),
            "{setting}: {text}"
        );
    }
    assert!(text.contains("--> content/odense/programme.yaml:17:15"), "{text}");
    assert!(handbook(&project, &["build", "odense"]).status.code() == Some(1));
    assert!(!project.path().join("site/odense").exists());
    // Filled in (an empty optional line left out), the programme builds.
    let file = project.path().join("content/odense/programme.yaml");
    let filled: String = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .filter(|l| !l.contains("\"<titel") && !l.contains("\"<telefon"))
        .map(|l| match l.find("\"<") {
            Some(at) if l.contains("e-post") => format!("{}hr@odense.se\n", &l[..at]),
            Some(at) => format!("{}Grundskolan\n", &l[..at]),
            None => format!("{l}\n"),
        })
        .collect();
    std::fs::write(&file, filled).unwrap();
    let out = handbook(&project, &["build", "odense"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(project.path().join("site/odense/index.html")).unwrap();
    assert!(html.contains("Mentorprogram för rektorer"));
    assert!(html.contains("lang=\"sv\""));
    // Never over an existing programme.
    let again = handbook(&project, &["new", "odense", "--lang", "da", "--name", "X"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("the programme `odense` exists already"));
    let bad = handbook(&project, &["new", "Odense Kommune", "--lang", "da", "--name", "X"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("is not a valid programme id"));
}

#[test]
fn check_reports_problems_and_warnings_but_writes_nothing() {
    let project = Project::minimal()
        .file("content/da-prog/forlob.md", "---\ntitle: Tastefejl\n---\n\nSe [her](mangler.md).\n")
        .file(
            "content/da-prog/worksheets/budget.yaml",
            "title: B\nversion: 1\nsections:\n  - fields:\n      - {id: a, label: A}\n",
        );
    let out = handbook(&project, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(text.contains("error: the link `mangler.md` points to a page that does not exist"), "{text}");
    assert!(
        text.contains(
            "warning: `forlob.md` adds a new page; did you mean to replace the base page `forloeb.md`?"
        ),
        "{text}"
    );
    assert!(text.contains("warning: the worksheet `budget` is not placed on any page"), "{text}");
    // Errors are printed before warnings.
    assert!(text.find("error:").unwrap() < text.find("warning:").unwrap());
    assert!(!project.path().join("site").exists());
}

#[test]
fn schema_prints_the_json_schema() {
    let out = handbook(&Project::new(), &["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["title"], "Settings");
    assert!(schema["required"].as_array().unwrap().iter().any(|k| k == "name"));
    assert!(schema["properties"]["process"].is_object());
}

#[test]
fn pdf_prints_the_handbook_or_says_how_to_get_chromium() {
    let project = Project::minimal();
    // Without Chromium: a clear error, and the site is built all the same.
    let out = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["build", "da-prog", "--pdf", "--root"])
        .arg(project.path())
        .env("NO_COLOR", "1")
        .env("PATH", "/nonexistent")
        .env_remove("CHROMIUM")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error: `--pdf` needs Chromium to print the handbook, and none was found"));
    assert!(stderr(&out).contains("apt-get install chromium"));
    assert!(project.path().join("site/da-prog/index.html").is_file());
    // With Chromium (the test command installs it): a real PDF.
    if std::path::Path::new("/usr/bin/chromium").is_file() {
        let out = handbook(&project, &["build", "da-prog", "--pdf"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let pdf = std::fs::read(project.path().join("site/da-prog/da-prog.pdf")).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    // Protects: HR's last good site is never replaced by a half-written one.
    let project = Project::minimal();
    assert_eq!(handbook(&project, &["build"]).status.code(), Some(0));
    let site = project.path().join("site/da-prog");
    let complete = |dir: &std::path::Path| {
        [
            "index.html",
            "forloeb.html",
            "vaerktoejer/swot.html",
            "print.html",
            "search-index.js",
            "static/style.css",
        ]
        .iter()
        .all(|f| dir.join(f).is_file())
    };
    let mut kills = 0;
    for delay_ms in (0..60).step_by(3) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(["build", "--quiet", "--root"])
            .arg(project.path())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        if child.kill().is_ok() {
            kills += 1;
        }
        let _ = child.wait();
        assert!(complete(&site), "after a kill at {delay_ms} ms the site is incomplete");
    }
    assert!(kills > 0);
    // The next build tidies whatever a killed build left beside the site.
    assert_eq!(handbook(&project, &["build", "--quiet"]).status.code(), Some(0));
    let names = |dir: &str| -> Vec<String> {
        let mut n: Vec<_> = std::fs::read_dir(project.path().join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    };
    // Beside the site only its second copy, which the next build writes over, is kept.
    assert_eq!(names("site"), [".handbook", "da-prog", "sv-prog"]);
    assert_eq!(names("site/.handbook"), ["da-prog", "sv-prog"]);
}
