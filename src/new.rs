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

#[cfg(test)]
mod tests {
    use super::{create, scaffold};
    use crate::lang::Lang;
    use crate::settings::Programme;
    use std::path::Path;

    #[test]
    fn scaffolds_parse_and_set_every_setting() {
        for lang in Lang::ALL {
            let text = scaffold(lang).replace("{{name}}", "\"Test: \\\"x\\\"\"").replace("{{id}}", "x");
            let p = Programme::parse("x", &text, Path::new("programme.yaml")).unwrap();
            assert_eq!(p.lang(), lang);
            assert_eq!(p.settings.name, "Test: \"x\"");
            assert!(p.settings.max_mentees_per_mentor.is_some());
            assert!(p.settings.dates.kickoff.is_some());
            assert!(!p.settings.contacts.is_empty());
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
