//! Worksheets: fillable forms defined as data.
//!
//! Input: `worksheets/<id>.yaml` (see `content/FORMAT.md`). Output: a [`Worksheet`] (validated:
//! unique field ids, a grid has four fields, a table has columns), and its HTML: a real, labelled
//! `<form>` with fieldsets and legends. The browser side (`worksheets.js`) finds forms by
//! `data-worksheet`, keeps answers in localStorage under `handbook:<programme>:<id>:v<version>`,
//! and needs nothing else from the server.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
use crate::html::escape;
use crate::i18n::I18n;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Worksheet {
    pub title: String,
    /// Raised when fields change meaning; part of the storage key.
    pub version: u32,
    #[serde(default)]
    pub intro: Option<String>,
    pub sections: Vec<Section>,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    #[default]
    List,
    Grid,
    Table,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    #[serde(default)]
    pub title: Option<String>,
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
pub struct Axes {
    /// Left column, right column.
    pub x: [String; 2],
    /// Top row, bottom row.
    pub y: [String; 2],
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    Text,
    #[default]
    Textarea,
    Date,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: FieldType,
    #[serde(default)]
    pub default: Option<String>,
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
        Ok(())
    }

    /// Every question and help text, for the search index.
    pub fn text(&self) -> String {
        let mut out = format!("{}\n", self.title);
        for s in &self.sections {
            for f in s.fields.iter().chain(&s.columns) {
                let _ = writeln!(out, "{} {}", f.label, f.help.as_deref().unwrap_or(""));
            }
        }
        out
    }
}

/// What rendering a worksheet needs besides the worksheet.
pub struct FormContext<'a> {
    pub programme: &'a str,
    pub id: &'a str,
    pub i18n: &'a I18n,
    /// Defaults with settings already quoted, by field id.
    pub defaults: &'a dyn Fn(&str) -> Option<String>,
    /// Renders the intro's Markdown.
    pub markdown: &'a dyn Fn(&str) -> String,
}

impl Worksheet {
    pub fn to_html(&self, cx: &FormContext) -> String {
        let t = |k: &str| escape(cx.i18n.get(k));
        let id = cx.id;
        let mut h = String::new();
        let _ = write!(
            h,
            r#"<form class="worksheet" id="ws-{id}" data-worksheet="{id}" data-programme="{prog}" data-version="{ver}" aria-labelledby="ws-{id}-title" data-msg-saved="{saved}" data-msg-clear-confirm="{confirm}" data-msg-unavailable="{unavail}" data-msg-imported="{imported}" data-msg-invalid="{invalid}" data-msg-row="{row}" data-msg-remove-row="{remove}" data-msg-earlier="{earlier}">"#,
            prog = escape(cx.programme),
            ver = self.version,
            saved = t("worksheet_saved"),
            confirm = t("worksheet_clear_confirm"),
            unavail = t("worksheet_storage_unavailable"),
            imported = t("worksheet_imported"),
            invalid = t("worksheet_import_invalid"),
            row = t("worksheet_row"),
            remove = t("worksheet_remove_row"),
            earlier = t("worksheet_earlier_answers"),
        );
        let _ = write!(h, r#"<h2 class="ws-title" id="ws-{id}-title">{}</h2>"#, escape(&self.title));
        if let Some(intro) = &self.intro {
            let _ = write!(h, r#"<div class="ws-intro">{}</div>"#, (cx.markdown)(intro));
        }
        for (i, section) in self.sections.iter().enumerate() {
            self.section_html(&mut h, cx, i, section);
        }
        let _ = write!(
            h,
            r#"<div class="ws-controls" role="group" aria-label="{actions}"><button type="button" data-action="export-json">{json}</button><button type="button" data-action="export-text">{text}</button><label class="ws-import-label" for="ws-{id}-import">{import}</label><input type="file" id="ws-{id}-import" class="ws-import" data-action="import" accept=".json,application/json"><button type="button" data-action="print">{print}</button><button type="button" data-action="clear" class="ws-danger">{clear}</button></div><p class="ws-status" role="status" aria-live="polite"></p><p class="ws-privacy">{privacy}</p></form>"#,
            actions = t("worksheet_actions"),
            json = t("worksheet_export_json"),
            text = t("worksheet_export_text"),
            import = t("worksheet_import"),
            print = t("worksheet_print"),
            clear = t("worksheet_clear"),
            privacy = t("worksheet_privacy"),
        );
        h
    }

    fn section_html(&self, h: &mut String, cx: &FormContext, index: usize, s: &Section) {
        let class = match s.layout {
            Layout::List => "ws-list",
            Layout::Grid => "ws-grid",
            Layout::Table => "ws-table",
        };
        let _ = write!(h, r#"<fieldset class="ws-section {class}">"#);
        let legend = s.title.clone().unwrap_or_else(|| format!("{} {}", self.title, index + 1));
        let hidden = if s.title.is_none() { r#" class="visually-hidden""# } else { "" };
        let _ = write!(h, "<legend{hidden}>{}</legend>", escape(&legend));
        match s.layout {
            Layout::List => {
                for f in &s.fields {
                    field_html(h, cx, f);
                }
            }
            Layout::Grid => {
                // Column labels over the grid, a row label beside each row; screen readers get
                // the same facts in each cell's description instead (the labels are aria-hidden).
                let class = if s.axes.is_some() { "ws-grid-cells ws-with-axes" } else { "ws-grid-cells" };
                let _ = write!(h, r#"<div class="{class}">"#);
                if let Some(axes) = &s.axes {
                    let _ = write!(
                        h,
                        r#"<span class="ws-axis ws-corner" aria-hidden="true"></span><span class="ws-axis ws-axis-x" aria-hidden="true">{}</span><span class="ws-axis ws-axis-x" aria-hidden="true">{}</span>"#,
                        escape(&axes.x[0]),
                        escape(&axes.x[1])
                    );
                }
                for (i, f) in s.fields.iter().enumerate() {
                    if let Some(axes) = s.axes.as_ref().filter(|_| i % 2 == 0) {
                        let _ = write!(
                            h,
                            r#"<span class="ws-axis ws-axis-y" aria-hidden="true">{}</span>"#,
                            escape(&axes.y[i / 2])
                        );
                    }
                    let position = s.axes.as_ref().map(|a| format!("{}, {}", a.y[i / 2], a.x[i % 2]));
                    field_html_with(h, cx, f, position.as_deref());
                }
                h.push_str("</div>");
            }
            Layout::Table => table_html(h, cx, s),
        }
        h.push_str("</fieldset>");
    }
}

fn field_html(h: &mut String, cx: &FormContext, f: &Field) {
    field_html_with(h, cx, f, None);
}

fn field_html_with(h: &mut String, cx: &FormContext, f: &Field, position: Option<&str>) {
    let dom_id = format!("ws-{}-{}", cx.id, f.id);
    let has_help = position.is_some() || f.help.is_some();
    let described = if has_help { format!(r#" aria-describedby="{dom_id}-help""#) } else { String::new() };
    let _ = write!(h, r#"<div class="ws-field"><label for="{dom_id}">{}</label>"#, escape(&f.label));
    if has_help {
        // A grid cell's position is shown by the axes on wide screens and spelled out on phones.
        let position = position
            .map(|p| format!(r#"<span class="ws-position">{}. </span>"#, escape(p)))
            .unwrap_or_default();
        let help = escape(f.help.as_deref().unwrap_or(""));
        let _ = write!(h, r#"<p class="ws-help" id="{dom_id}-help">{position}{help}</p>"#);
    }
    let value = (cx.defaults)(&f.id).unwrap_or_default();
    let default_attr =
        if value.is_empty() { String::new() } else { format!(r#" data-default="{}""#, escape(&value)) };
    match f.kind {
        FieldType::Textarea => {
            let _ = write!(
                h,
                r#"<textarea id="{dom_id}" name="{}" rows="4"{described}{default_attr}>{}</textarea>"#,
                f.id,
                escape(&value)
            );
        }
        FieldType::Text | FieldType::Date => {
            let kind = if f.kind == FieldType::Date { "date" } else { "text" };
            let _ = write!(
                h,
                r#"<input type="{kind}" id="{dom_id}" name="{}" value="{}"{described}{default_attr}>"#,
                f.id,
                escape(&value)
            );
        }
    }
    h.push_str("</div>");
}

/// Tables with more columns than this show their rows as cards.
const CARD_COLUMNS: usize = 3;

fn table_html(h: &mut String, cx: &FormContext, s: &Section) {
    let table_id = s.id.as_deref().unwrap_or("table");
    let rows = s.rows.unwrap_or(1);
    let row_word = cx.i18n.get("worksheet_row");
    // More columns than a phone or an A4 page can show side by side: each row becomes a card.
    // The header row then stays for screen readers only.
    let (wrap, head) = if s.columns.len() > CARD_COLUMNS {
        ("ws-table-wrap ws-cards", r#" class="visually-hidden""#)
    } else {
        ("ws-table-wrap", "")
    };
    let _ = write!(h, r#"<div class="{wrap}"><table data-table="{table_id}"><thead{head}><tr>"#);
    for c in &s.columns {
        let _ = write!(h, r#"<th scope="col">{}</th>"#, escape(&c.label));
    }
    let _ = write!(
        h,
        r#"<th scope="col"><span class="visually-hidden">{}</span></th></tr></thead><tbody>"#,
        escape(cx.i18n.get("worksheet_actions"))
    );
    for row in 0..rows {
        let _ = write!(h, r#"<tr data-row="{row}">"#);
        for c in &s.columns {
            let label = format!("{}, {} {}", c.label, row_word, row + 1);
            let name = format!("{table_id}.{row}.{}", c.id);
            let cell = match c.kind {
                FieldType::Textarea => {
                    format!(r#"<textarea name="{name}" rows="3" aria-label="{}"></textarea>"#, escape(&label))
                }
                FieldType::Text | FieldType::Date => {
                    let kind = if c.kind == FieldType::Date { "date" } else { "text" };
                    format!(r#"<input type="{kind}" name="{name}" aria-label="{}">"#, escape(&label))
                }
            };
            let _ = write!(h, r#"<td data-label="{}">{cell}</td>"#, escape(&c.label));
        }
        let _ = write!(
            h,
            r#"<td><button type="button" data-action="remove-row">{}</button></td></tr>"#,
            escape(&format!("{} {} {}", cx.i18n.get("worksheet_remove_row"), row_word, row + 1))
        );
    }
    let _ = write!(
        h,
        r#"</tbody></table></div><button type="button" data-action="add-row" data-table="{table_id}">{}</button>"#,
        escape(cx.i18n.get("worksheet_add_row"))
    );
}

#[cfg(test)]
mod tests {
    use super::Worksheet;
    use std::path::Path;

    fn parse(yaml: &str) -> Result<Worksheet, String> {
        Worksheet::parse(yaml, Path::new("ws.yaml")).map_err(|d| d.message)
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
}
