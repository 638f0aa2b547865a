//! `handbook new`: a new programme folder, ready to build.
//!
//! Input: a programme id, a language and a name. Output: `content/<id>/programme.yaml` with every
//! setting present and explained in comments in the programme's language (the scaffolds in
//! `src/scaffold/`). It refuses an invalid id and never overwrites an existing programme.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::lang::Lang;

fn scaffold(lang: Lang) -> &'static str {
    match lang {
        Lang::Danish => include_str!("scaffold/programme.da.yaml"),
        Lang::Swedish => include_str!("scaffold/programme.sv.yaml"),
    }
}

/// Creates the programme and returns the path of its `programme.yaml`.
pub fn create(content: &Path, id: &str, lang: Lang, name: &str) -> Result<PathBuf, Diagnostic> {
    crate::settings::validate_id(id).map_err(Diagnostic::error)?;
    if name.trim().is_empty() {
        return Err(Diagnostic::error("the programme needs a name: --name \"Mentorordning for nye ledere\""));
    }
    let dir = content.join(id);
    if dir.exists() {
        return Err(Diagnostic::error(format!("the programme `{id}` exists already; nothing was changed"))
            .in_file(&dir)
            .with_help("choose another id, or edit its programme.yaml"));
    }
    // A JSON string is a valid YAML double-quoted scalar, so any name is written safely.
    let quoted = serde_json::to_string(name.trim()).unwrap_or_else(|_| "\"\"".to_owned());
    let text = scaffold(lang).replace("{{name}}", &quoted).replace("{{id}}", id);
    let file = dir.join("programme.yaml");
    fs::create_dir_all(&dir)
        .and_then(|()| fs::write(&file, text))
        .map_err(|e| Diagnostic::error(format!("cannot create the programme: {e}")).in_file(&dir))?;
    Ok(file)
}

/// A scaffold with its placeholders filled in, as a person would, for tests.
#[cfg(test)]
pub(crate) fn filled_scaffold(lang: Lang) -> String {
    tests::filled(&scaffold(lang).replace("{{name}}", "\"X\"").replace("{{id}}", "x"))
}

#[cfg(test)]
mod tests {
    use super::{create, scaffold};
    use crate::lang::Lang;
    use crate::settings::Programme;
    use std::path::Path;

    pub(super) fn filled(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("\"<") {
            let end = rest[start..].find(">\"").map_or(rest.len(), |e| start + e + 2);
            out.push_str(&rest[..start]);
            let placeholder = &rest[start..end];
            out.push_str(if placeholder.contains("WAS-Tool") {
                "\"https://www.was.digst.dk/odense\""
            } else if placeholder.contains("mail") || placeholder.contains("adress") {
                "\"hr@odense.dk\""
            } else {
                "\"Et rigtigt svar\""
            });
            rest = &rest[end..];
        }
        out + rest
    }

    #[test]
    fn the_scaffold_is_refused_until_every_placeholder_is_filled_in() {
        for lang in Lang::ALL {
            let text = scaffold(lang).replace("{{name}}", "\"Test: \\\"x\\\"\"").replace("{{id}}", "x");
            let problems = Programme::parse("x", &text, Path::new("programme.yaml")).unwrap_err();
            let placeholders =
                text.lines().filter(|l| !l.trim_start().starts_with('#') && l.contains("\"<")).count();
            assert_eq!(problems.errors().count(), placeholders, "{}", problems.render(Path::new("/"), false));
            assert!(
                problems
                    .errors()
                    .all(|d| d.message.contains("still holds the placeholder") && d.line.is_some())
            );
            let p = Programme::parse("x", &filled(&text), Path::new("programme.yaml")).unwrap();
            assert_eq!(p.lang(), lang);
            assert_eq!(p.settings.name.value, "Test: \"x\"");
        }
    }

    /// The settings the scaffold shows as comments, to switch on.
    const SWITCHES: &[&str] = &[
        "meetings",
        "duration",
        "max_mentees_per_mentor",
        "process",
        "dates",
        "accessibility",
        "roles",
        "pages",
        "roles_diagram",
        "branding",
    ];

    #[test]
    fn every_setting_the_scaffold_explains_parses_when_switched_on() {
        // Protects: the commented examples are valid settings, process included.
        for lang in Lang::ALL {
            let text: String = scaffold(lang)
                .lines()
                .map(|l| match l.strip_prefix("# ") {
                    Some(rest)
                        if rest.starts_with(' ')
                            || SWITCHES.iter().any(|k| rest.starts_with(&format!("{k}:"))) =>
                    {
                        rest.to_owned()
                    }
                    _ => l.to_owned(),
                })
                .map(|l| l + "\n")
                .collect();
            let text = filled(&text.replace("{{name}}", "N").replace("{{id}}", "x"))
                .replace("unit: \"Et", "unit: \"Enheden\" #");
            let p = Programme::parse("x", &text, Path::new("programme.yaml"))
                .map_err(|e| e.render(Path::new("/"), false))
                .unwrap_or_else(|e| panic!("{lang}:\n{e}\n{text}"));
            assert!(
                p.settings.process.first_contact.is_some() && p.settings.meetings.every.is_some(),
                "{lang}"
            );
            assert!(p.settings.accessibility.is_some() && !p.settings.pages.drop.is_empty(), "{lang}");
        }
    }

    #[test]
    fn existing_programmes_and_bad_ids_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        create(dir.path(), "odense", Lang::Danish, "Mentorordning").unwrap();
        let again = create(dir.path(), "odense", Lang::Danish, "Andet navn").unwrap_err();
        assert!(again.message.contains("exists already"));
        let text = std::fs::read_to_string(dir.path().join("odense/programme.yaml")).unwrap();
        assert!(text.contains("name: \"Mentorordning\""));
        assert!(
            create(dir.path(), "Odense Kommune", Lang::Danish, "X")
                .unwrap_err()
                .message
                .contains("not a valid programme id")
        );
        assert!(create(dir.path(), "../x", Lang::Danish, "X").is_err());
    }
}
