//! Interface strings of a theme, per language (`themes/<theme>/i18n/<lang>.yaml`).
//!
//! Input: the YAML file of one language, and a programme's own wording of some strings
//! (`strings:` in `programme.yaml`). Output: [`Strings`], a typed struct the templates read as
//! `t.<key>` and the Rust code by field. Every key is listed once, in the [`strings!`] call
//! below: a key missing from a file, or one the theme does not have, is an error naming the
//! file. Strings may quote settings like pages do (`{{ roles.mentor | definite | capitalize }}
//! säger ofta`), so a programme that calls its mentees something else needs no strings of its own.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Problems};
use crate::settings::{DateName, Text};
use crate::vocabulary::{Vocabulary, nearest};

/// Defines [`Strings`] with one field per key, and the list of keys.
macro_rules! strings {
    ($($key:ident),+ $(,)?) => {
        /// Every interface string of a theme in one language.
        #[derive(Clone, Debug, Deserialize, Serialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct Strings {
            $(pub $key: Text,)+
        }

        impl Strings {
            /// The keys, in the order of the files.
            pub const KEYS: &'static [&'static str] = &[$(stringify!($key)),+];

            fn each_mut(&mut self) -> Vec<(&'static str, &mut Text)> {
                vec![$((stringify!($key), &mut self.$key)),+]
            }
        }
    };
}

strings!(
    skip_to_content,
    nav_label,
    nav_menu,
    folder_index,
    toc_label,
    updated,
    heading_link,
    callout_note,
    callout_tip,
    callout_important,
    callout_warning,
    callout_caution,
    pager_label,
    previous,
    next,
    print_handbook,
    print_title,
    print_hint,
    print_now,
    search_label,
    search_placeholder,
    search_help,
    search_results_label,
    search_no_results,
    search_results_count,
    search_results_one,
    search_loading,
    worksheet_export_json,
    worksheet_export_text,
    worksheet_import,
    worksheet_clear,
    worksheet_clear_confirm,
    worksheet_print,
    worksheet_privacy,
    worksheet_saved,
    worksheet_add_row,
    worksheet_remove_row,
    worksheet_row,
    worksheet_actions,
    worksheet_storage_unavailable,
    worksheet_imported,
    worksheet_import_invalid,
    worksheet_earlier_answers,
    roles_role,
    roles_middle,
    roles_says,
    roles_responsibility,
    roles_position,
    contacts_heading,
    dates_heading,
    dates_add_to_calendar,
    date_signup_deadline,
    date_kickoff,
    date_evaluation,
    phone,
    email,
    accessibility_statement,
    a11y_title,
    a11y_was_note,
    a11y_was_link,
    a11y_intro,
    a11y_status_heading,
    a11y_status_full,
    a11y_status_partial,
    a11y_status_not,
    a11y_non_accessible_heading,
    a11y_content,
    a11y_reason,
    a11y_preparation_heading,
    a11y_assessed,
    a11y_method_self,
    a11y_method_third,
    a11y_reviewed,
    a11y_feedback_heading,
    a11y_feedback,
    a11y_feedback_form,
    a11y_enforcement_heading,
    a11y_enforcement,
    a11y_enforcement_url,
    a11y_enforcement_link,
    quote_open,
    quote_close
);

impl Strings {
    pub fn parse(text: &str, file: &Path) -> Result<Strings, Diagnostic> {
        crate::yaml::parse(text, file, 0)
    }

    /// The label of a key date ("Tilmeldingsfrist").
    pub fn date_label(&self, date: DateName) -> &str {
        match date {
            DateName::SignupDeadline => &self.date_signup_deadline,
            DateName::Kickoff => &self.date_kickoff,
            DateName::Evaluation => &self.date_evaluation,
        }
    }

    /// These strings in one programme's words: its own wording of some keys (`own`, from
    /// `programme.yaml`), then settings quoted in every string. Problems point into the theme's
    /// file (`file`, `source`) or the programme's (`own_file`, `own_source`).
    pub fn worded(
        &self,
        own: &BTreeMap<String, Text>,
        v: &Vocabulary,
        (file, source): (&Path, &str),
        (own_file, own_source): (&Path, &str),
    ) -> Result<Strings, Problems> {
        let mut strings = self.clone();
        let mut problems = Problems::default();
        for (key, text) in own {
            if !Self::KEYS.contains(&key.as_str()) {
                let help = match nearest(key, Self::KEYS.iter().copied()) {
                    Some(near) => {
                        format!("did you mean `{near}`? The keys are those of the theme's `i18n/<lang>.yaml`")
                    }
                    None => "the keys are those of the theme's `i18n/<lang>.yaml`".to_owned(),
                };
                problems.push(
                    Diagnostic::error(format!("the theme has no interface string `{key}`"))
                        .in_file(own_file)
                        .at(own_source, text.at.line() as usize, 3)
                        .with_help(help),
                );
            }
        }
        for (key, text) in strings.each_mut() {
            let (from, file, source) = match own.get(key) {
                Some(own_text) => (own_text, own_file, own_source),
                None => (&*text, file, source),
            };
            match v.expand_text(&from.value) {
                Ok(worded) => *text = Text { value: worded, at: from.at },
                Err(e) => problems.push(e.in_text(from, file, source)),
            }
        }
        if problems.has_errors() { Err(problems) } else { Ok(strings) }
    }
}

#[cfg(test)]
mod tests {
    use super::Strings;
    use std::path::Path;

    #[test]
    fn the_theme_files_have_every_key_and_no_other() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n");
        for lang in ["da", "sv"] {
            let file = root.join(format!("{lang}.yaml"));
            let text = std::fs::read_to_string(&file).unwrap();
            Strings::parse(&text, &file).unwrap();
        }
        let err = Strings::parse("skip_to_content: x\n", Path::new("da.yaml")).unwrap_err();
        assert!(err.message.contains("the required key `nav_label` is missing"), "{}", err.message);
        let err = Strings::parse("skip_to_contnet: x\n", Path::new("da.yaml")).unwrap_err();
        assert!(err.message.contains("unknown field `skip_to_contnet`"), "{}", err.message);
        assert_eq!(err.line, Some(1));
    }
}
