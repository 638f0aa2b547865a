//! Worksheets: fillable forms defined as data.
//!
//! Input: `worksheets/<id>.yaml` (see `content/FORMAT.md`). Output: a [`Worksheet`], validated
//! (unique field ids, a grid has four fields, a table has columns), then worded for one
//! programme ([`Worksheet::worded`]: its texts may quote settings and depend on them, like
//! pages), and its [`WorksheetView`]: the typed context of the theme's
//! `components/worksheet.html`, which writes the form. The browser side (`worksheets.js`)
//! finds forms by `data-worksheet`, keeps answers in localStorage under
//! `handbook:<programme>:<id>:v<version>`, and needs nothing else from the server.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Problems};
use crate::settings::Text;
use crate::strings::Strings;
use crate::vocabulary::Vocabulary;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Worksheet {
    pub title: Text,
    /// Raised when fields change meaning; part of the storage key.
    pub version: u32,
    #[serde(default)]
    pub intro: Option<Text>,
    pub sections: Vec<Section>,
    /// The labels of fields an earlier version had and this one has not, by id: answers carried
    /// over from that version are shown under them.
    #[serde(default)]
    pub earlier: BTreeMap<String, Text>,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Layout {
    #[default]
    List,
    Grid,
    Table,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Section {
    #[serde(default)]
    pub title: Option<Text>,
    #[serde(default)]
    pub layout: Layout,
    #[serde(default)]
    pub axes: Option<Axes>,
    #[serde(default)]
    pub fields: Vec<Field>,
    /// Table sections: the id of the table, and its columns.
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub rows: Option<u32>,
    #[serde(default)]
    pub columns: Vec<Field>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Axes {
    /// Left column, right column.
    pub x: [Text; 2],
    /// Top row, bottom row.
    pub y: [Text; 2],
}

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FieldType {
    Text,
    #[default]
    Textarea,
    Date,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Field {
    pub id: String,
    pub label: Text,
    #[serde(default)]
    pub help: Option<Text>,
    #[serde(default, rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub default: Option<Text>,
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Worksheet {
    pub fn parse(text: &str, file: &Path) -> Result<Worksheet, Diagnostic> {
        let ws: Worksheet = crate::yaml::parse(text, file, 0)?;
        ws.validate().map_err(|m| Diagnostic::error(m).in_file(file))?;
        Ok(ws)
    }

    fn validate(&self) -> Result<(), String> {
        if self.sections.is_empty() {
            return Err("a worksheet needs at least one section".into());
        }
        let mut seen = HashSet::new();
        let mut claim = |id: &str| -> Result<(), String> {
            if !valid_id(id) {
                return Err(format!("the id `{id}` may only use a-z, 0-9 and `-`"));
            }
            if !seen.insert(id.to_owned()) {
                return Err(format!(
                    "the id `{id}` is used twice in this worksheet; ids keep answers apart, so each must be unique"
                ));
            }
            Ok(())
        };
        for (i, s) in self.sections.iter().enumerate() {
            let n = i + 1;
            match s.layout {
                Layout::List | Layout::Grid => {
                    if s.fields.is_empty() {
                        return Err(format!("section {n} has no `fields`"));
                    }
                    if !s.columns.is_empty() || s.id.is_some() || s.rows.is_some() {
                        return Err(format!(
                            "section {n}: `id`, `rows` and `columns` belong to `layout: table`"
                        ));
                    }
                    if s.layout == Layout::Grid && s.fields.len() != 4 {
                        return Err(format!(
                            "section {n} is a grid and needs exactly 4 fields (row by row), not {}",
                            s.fields.len()
                        ));
                    }
                    if s.layout == Layout::List && s.axes.is_some() {
                        return Err(format!("section {n}: `axes` belongs to `layout: grid`"));
                    }
                    for f in &s.fields {
                        claim(&f.id)?;
                    }
                }
                Layout::Table => {
                    let Some(id) = &s.id else {
                        return Err(format!("section {n} is a table and needs an `id`"));
                    };
                    claim(id)?;
                    if s.columns.is_empty() || !s.fields.is_empty() {
                        return Err(format!("section {n} is a table: give it `columns`, not `fields`"));
                    }
                    if s.rows.is_some_and(|r| !(1..=50).contains(&r)) {
                        return Err(format!("section {n}: `rows` must be from 1 to 50"));
                    }
                    let mut columns = HashSet::new();
                    for c in &s.columns {
                        if !valid_id(&c.id) || !columns.insert(&c.id) {
                            return Err(format!(
                                "section {n}: column id `{}` must be unique and use a-z, 0-9, `-`",
                                c.id
                            ));
                        }
                    }
                }
            }
        }
        for id in self.earlier.keys() {
            if seen.contains(id) {
                return Err(format!(
                    "`earlier` names `{id}`, a field of this version; list only fields an earlier version had and this one has not"
                ));
            }
            if !valid_id(id) {
                return Err(format!("the id `{id}` under `earlier` may only use a-z, 0-9 and `-`"));
            }
        }
        Ok(())
    }

    /// Every text of the worksheet, mutably, for wording it.
    fn texts_mut(&mut self) -> Vec<&mut Text> {
        let mut all: Vec<&mut Text> = vec![&mut self.title];
        all.extend(self.intro.as_mut());
        for s in &mut self.sections {
            all.extend(s.title.as_mut());
            if let Some(axes) = &mut s.axes {
                all.extend(axes.x.iter_mut().chain(axes.y.iter_mut()));
            }
            for f in s.fields.iter_mut().chain(s.columns.iter_mut()) {
                all.push(&mut f.label);
                all.extend(f.help.as_mut());
                all.extend(f.default.as_mut());
            }
        }
        all.extend(self.earlier.values_mut());
        all
    }

    /// The worksheet in one programme's words: settings quoted, branches chosen. Problems point
    /// at the line and column of the text in `file`, whose contents are `source`.
    pub fn worded(&self, v: &Vocabulary, file: &Path, source: &str) -> Result<Worksheet, Problems> {
        let mut ws = self.clone();
        let mut problems = Problems::default();
        for text in ws.texts_mut() {
            match v.expand_text(&text.value) {
                Ok(worded) => text.value = worded,
                Err(e) => problems.push(e.in_text(text, file, source)),
            }
        }
        if problems.has_errors() { Err(problems) } else { Ok(ws) }
    }

    /// Every question and help text, for the search index.
    pub fn text(&self) -> String {
        let mut out = format!("{}\n", self.title.value);
        for s in &self.sections {
            if let Some(t) = &s.title {
                out.push_str(t);
                out.push('\n');
            }
            for f in s.fields.iter().chain(&s.columns) {
                out.push_str(&f.label);
                if let Some(h) = &f.help {
                    out.push(' ');
                    out.push_str(h);
                }
                out.push('\n');
            }
        }
        out
    }
}

/// Tables with more columns than this show their rows as cards.
const CARD_COLUMNS: usize = 3;

/// What `components/worksheet.html` sees.
#[derive(Debug, Serialize)]
pub(crate) struct WorksheetView<'a> {
    pub id: &'a str,
    pub programme: &'a str,
    pub version: u32,
    pub title: &'a str,
    /// The intro rendered from Markdown.
    pub intro: Option<String>,
    pub sections: Vec<SectionView<'a>>,
    /// The labels of an earlier version's fields, as a JSON object (empty when there are none).
    pub earlier: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct SectionView<'a> {
    pub layout: Layout,
    /// The legend: the section's title, or the worksheet's title and the section's number.
    pub legend: String,
    /// The section has no title of its own, so its legend is for screen readers only.
    pub legend_hidden: bool,
    /// A grid's column labels (left, right), when it has axes.
    pub columns: Option<[&'a str; 2]>,
    pub fields: Vec<FieldView<'a>>,
    pub table: Option<TableView<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct FieldView<'a> {
    /// The element's id: `ws-<worksheet>-<field>`.
    pub dom_id: String,
    pub name: &'a str,
    pub label: &'a str,
    pub help: Option<&'a str>,
    /// A grid cell's place in words ("Vigtigt, Haster").
    pub position: Option<String>,
    /// In a grid with axes, the row label shown before the row's first cell.
    pub row_label: Option<&'a str>,
    pub kind: FieldType,
    pub value: &'a str,
}

#[derive(Debug, Serialize)]
pub(crate) struct TableView<'a> {
    pub id: &'a str,
    /// More columns than a phone or an A4 page shows side by side: each row is a card.
    pub cards: bool,
    pub columns: Vec<ColumnView<'a>>,
    pub rows: Vec<RowView>,
}

#[derive(Debug, Serialize)]
pub(crate) struct ColumnView<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub kind: FieldType,
}

#[derive(Debug, Serialize)]
pub(crate) struct RowView {
    pub index: u32,
    /// Each cell's accessible name: the column and the row ("Dato, række 2").
    pub labels: Vec<String>,
    /// The remove button's name ("Fjern række 2").
    pub remove: String,
}

impl Worksheet {
    /// The typed context of the worksheet's template; `intro` is its intro rendered.
    pub fn view<'a>(
        &'a self,
        id: &'a str,
        programme: &'a str,
        strings: &Strings,
        intro: Option<String>,
    ) -> WorksheetView<'a> {
        let sections = self
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let legend = match &s.title {
                    Some(t) => t.value.clone(),
                    None => format!("{} {}", self.title.value, i + 1),
                };
                let fields = s
                    .fields
                    .iter()
                    .enumerate()
                    .map(|(n, f)| {
                        let axes = s.axes.as_ref().filter(|_| s.layout == Layout::Grid);
                        FieldView {
                            dom_id: format!("ws-{id}-{}", f.id),
                            name: &f.id,
                            label: &f.label,
                            help: f.help.as_deref(),
                            position: axes
                                .map(|a| format!("{}, {}", a.y[n / 2].value, in_phrase(&a.x[n % 2].value))),
                            row_label: axes.filter(|_| n % 2 == 0).map(|a| a.y[n / 2].value.as_str()),
                            kind: f.kind,
                            value: f.default.as_deref().unwrap_or(""),
                        }
                    })
                    .collect();
                let table = (s.layout == Layout::Table).then(|| TableView {
                    id: s.id.as_deref().unwrap_or("table"),
                    cards: s.columns.len() > CARD_COLUMNS,
                    columns: s
                        .columns
                        .iter()
                        .map(|c| ColumnView { id: &c.id, label: &c.label, kind: c.kind })
                        .collect(),
                    rows: (0..s.rows.unwrap_or(1))
                        .map(|row| RowView {
                            index: row,
                            labels: s
                                .columns
                                .iter()
                                .map(|c| format!("{}, {} {}", c.label.value, strings.worksheet_row, row + 1))
                                .collect(),
                            remove: format!(
                                "{} {} {}",
                                strings.worksheet_remove_row,
                                strings.worksheet_row,
                                row + 1
                            ),
                        })
                        .collect(),
                });
                SectionView {
                    layout: s.layout,
                    legend,
                    legend_hidden: s.title.is_none(),
                    columns: s.axes.as_ref().map(|a| [a.x[0].value.as_str(), a.x[1].value.as_str()]),
                    fields,
                    table,
                }
            })
            .collect();
        let earlier = if self.earlier.is_empty() {
            String::new()
        } else {
            let labels: BTreeMap<&str, &str> =
                self.earlier.iter().map(|(id, label)| (id.as_str(), label.value.as_str())).collect();
            // Plain strings: serialising cannot fail.
            serde_json::to_string(&labels).unwrap_or_default()
        };
        WorksheetView { id, programme, version: self.version, title: &self.title, intro, sections, earlier }
    }
}

/// An axis label as it reads after a comma, inside a phrase: its first letter in lower case
/// ("Haster ikke" -> "haster ikke"), unless the label starts with an abbreviation ("HR").
fn in_phrase(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        (Some(first), second) if !second.is_some_and(char::is_uppercase) => {
            first.to_lowercase().chain(label[first.len_utf8()..].chars()).collect()
        }
        _ => label.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::Worksheet;
    use crate::vocabulary::Vocabulary;
    use std::path::Path;

    fn parse(yaml: &str) -> Result<Worksheet, String> {
        Worksheet::parse(yaml, Path::new("ws.yaml")).map_err(|d| d.message)
    }

    #[test]
    fn an_axis_label_inside_a_phrase_starts_in_lower_case_unless_it_is_an_abbreviation() {
        use super::in_phrase;
        assert_eq!(in_phrase("Haster ikke"), "haster ikke");
        assert_eq!(in_phrase("Ändå"), "ändå");
        assert_eq!(in_phrase("HR-afdelingen"), "HR-afdelingen");
        assert_eq!(in_phrase("X"), "x");
        assert_eq!(in_phrase(""), "");
    }

    #[test]
    fn a_grid_needs_four_fields() {
        let err = parse(
            "title: X\nversion: 1\nsections:\n  - layout: grid\n    fields:\n      - {id: a, label: A}\n",
        )
        .unwrap_err();
        assert!(err.contains("exactly 4 fields"), "{err}");
    }

    #[test]
    fn earlier_labels_name_only_fields_this_version_has_not() {
        let ok = "title: X\nversion: 2\nsections:\n  - fields:\n      - {id: a, label: A}\nearlier:\n  b: Gammelt spørgsmål\n";
        let strings = crate::strings::Strings::parse(
            include_str!("../themes/default/i18n/da.yaml"),
            Path::new("da.yaml"),
        )
        .unwrap();
        let earlier = |yaml: &str| parse(yaml).unwrap().view("x", "p", &strings, None).earlier;
        assert_eq!(earlier(ok), r#"{"b":"Gammelt spørgsmål"}"#);
        let err = parse(&ok.replace("  b: Gammelt", "  a: Gammelt")).unwrap_err();
        assert!(err.contains("`earlier` names `a`, a field of this version"), "{err}");
        let err = parse(&ok.replace("  b: Gammelt", "  B: Gammelt")).unwrap_err();
        assert!(err.contains("the id `B` under `earlier`"), "{err}");
        assert_eq!(earlier(&ok.replace("earlier:\n  b: Gammelt spørgsmål\n", "")), "");
    }

    #[test]
    fn field_ids_are_unique() {
        let err = parse("title: X\nversion: 1\nsections:\n  - fields:\n      - {id: a, label: A}\n      - {id: a, label: B}\n")
            .unwrap_err();
        assert!(err.contains("used twice"), "{err}");
    }

    #[test]
    fn unknown_field_types_are_errors() {
        let err =
            parse("title: X\nversion: 1\nsections:\n  - fields:\n      - {id: a, label: A, type: slider}\n")
                .unwrap_err();
        assert!(err.contains("slider"), "{err}");
    }

    #[test]
    fn texts_are_worded_for_the_programme_and_errors_point_into_the_file() {
        let p = crate::vocabulary::tests::programme(
            "sv",
            "roles:\n  mentee: { singular: mentee, plural: mentees, definite: menteen, definite_plural: menteerna }\n",
        );
        let v = Vocabulary::new(&p, None, None);
        let yaml = "title: Inför mötet\nversion: 1\nsections:\n  - fields:\n      - id: a\n        label: \"Vad vill {{ roles.mentee | definite }} säga?\"\n        default: \"{% if meetings.every %}{{ meetings.every }}{% endif %}\"\n";
        let ws = Worksheet::parse(yaml, Path::new("ws.yaml")).unwrap();
        let worded = ws.worded(&v, Path::new("ws.yaml"), yaml).unwrap();
        assert_eq!(worded.sections[0].fields[0].label.value, "Vad vill menteen säga?");
        assert_eq!(worded.sections[0].fields[0].default.as_ref().unwrap().value, "varannan månad");
        let bad = yaml.replace("definite }}", "definit }}");
        let ws = Worksheet::parse(&bad, Path::new("ws.yaml")).unwrap();
        let err = ws.worded(&v, Path::new("ws.yaml"), &bad).unwrap_err().render(Path::new("/"), false);
        assert!(err.contains("unknown filter `definit`") && err.contains("ws.yaml:6:44"), "{err}");
    }
}
