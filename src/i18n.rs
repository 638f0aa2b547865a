//! Interface strings of a theme, per language (`themes/<theme>/i18n/<lang>.yaml`).
//!
//! Input: the YAML file of one language. Output: [`I18n`], a flat map from key to text that the
//! templates read as `t.<key>` and the components read with [`I18n::get`]. The keys the Rust code
//! needs are listed in [`REQUIRED`] and checked when the file is loaded, so a missing string is a
//! build error that names the file, never a blank button.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::lang::Lang;

/// Keys that components rendered in Rust use.
pub const REQUIRED: &[&str] = &[
    "worksheet_export_json",
    "worksheet_export_text",
    "worksheet_import",
    "worksheet_clear",
    "worksheet_clear_confirm",
    "worksheet_print",
    "worksheet_privacy",
    "worksheet_saved",
    "worksheet_add_row",
    "worksheet_remove_row",
    "worksheet_row",
    "worksheet_actions",
    "worksheet_storage_unavailable",
    "worksheet_imported",
    "worksheet_import_invalid",
    "worksheet_earlier_answers",
    "roles_text_caption",
    "roles_role",
    "roles_says",
    "roles_responsibility",
    "roles_position",
    "contacts_heading",
    "dates_heading",
    "dates_add_to_calendar",
    "date_signup_deadline",
    "date_kickoff",
    "date_evaluation",
    "phone",
    "email",
    "quote_open",
    "quote_close",
];

#[derive(Clone, Debug)]
pub struct I18n {
    pub lang: Lang,
    pub strings: BTreeMap<String, String>,
}

impl I18n {
    pub fn parse(lang: Lang, text: &str, file: &Path) -> Result<I18n, Diagnostic> {
        let strings: BTreeMap<String, String> = crate::yaml::parse(text, file, 0)?;
        let missing: Vec<&str> = REQUIRED.iter().copied().filter(|k| !strings.contains_key(*k)).collect();
        if !missing.is_empty() {
            return Err(Diagnostic::error(format!(
                "interface strings missing for `{lang}`: {}",
                missing.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
            ))
            .in_file(file));
        }
        Ok(I18n { lang, strings })
    }

    /// A string the code knows is present (checked in [`I18n::parse`]).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }
}
