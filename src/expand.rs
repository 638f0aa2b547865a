//! Stage 3, expand: settings and components inside Markdown.
//!
//! Input: a page's Markdown body and an [`ExpandContext`] (the programme, its worksheets and
//! diagram, the interface strings). Output: [`Expanded`]: Markdown in which every `{{ setting |
//! filter }}` is replaced by words in the page's language, and every component call (`{{
//! worksheet("swot") }}`) by a marker paragraph whose HTML is kept aside for the render stage.
//!
//! Code spans and fenced or indented code are never touched, and text that only contains single
//! braces passes through unchanged, so ordinary Markdown renders exactly as pulldown-cmark alone
//! renders it. `\{{` writes a literal `{{`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diagnostic::Diagnostic;
use crate::i18n::I18n;
use crate::lang::{Cadence, Lang, MeetingLength, Period};
use crate::roles::RolesDiagram;
use crate::settings::{Event as DateEvent, Programme, RoleName};
use crate::worksheet::{FormContext, Worksheet};

/// Marks where a component's HTML goes; private-use characters never typed by an author.
pub const MARKER_OPEN: char = '\u{E000}';
pub const MARKER_CLOSE: char = '\u{E001}';

/// What expansion needs to know.
pub struct ExpandContext<'a> {
    pub programme: &'a Programme,
    pub i18n: &'a I18n,
    pub worksheets: &'a BTreeMap<String, Worksheet>,
    pub roles: Option<&'a RolesDiagram>,
    /// `../` repeated to reach the site root from the page.
    pub root: &'a str,
}

/// A page after expansion.
#[derive(Debug, Default)]
pub struct Expanded {
    pub markdown: String,
    /// HTML of each component, by marker number.
    pub components: Vec<String>,
    /// The searchable words of each component (worksheet questions, the diagram's roles).
    pub component_text: Vec<String>,
    /// Worksheet ids placed on the page (for checks and the print view).
    pub worksheets: Vec<String>,
}

/// An error at a byte offset of the expanded text's source.
#[derive(Debug, PartialEq, Eq)]
pub struct ExpandError {
    pub offset: usize,
    pub message: String,
    pub help: Option<String>,
}

impl ExpandError {
    fn new(offset: usize, message: impl Into<String>) -> Self {
        ExpandError { offset, message: message.into(), help: None }
    }
    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A diagnostic for a page body that starts on line `body_line` of `file`.
    pub fn into_diagnostic(self, body: &str, file: &std::path::Path, body_line: usize) -> Diagnostic {
        let mut d = Diagnostic::error(self.message).in_file(file).at_offset(body, self.offset);
        d.line = d.line.map(|l| l + body_line - 1);
        match self.help {
            Some(h) => d.with_help(h),
            None => d,
        }
    }
}

/// Byte ranges of code spans, code blocks, HTML blocks and inline HTML, which expansion leaves
/// alone.
fn code_ranges(markdown: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (event, range) in Parser::new_ext(markdown, crate::render::options()).into_offset_iter() {
        match event {
            Event::Code(_) | Event::InlineHtml(_) | Event::Html(_) => ranges.push(range),
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                if let Some(start) = block_start.take() {
                    ranges.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    ranges
}

/// Expands a page body. All errors are returned, not only the first.
pub fn expand(markdown: &str, cx: &ExpandContext) -> Result<Expanded, Vec<ExpandError>> {
    let code = code_ranges(markdown);
    let mut out = Expanded { markdown: String::with_capacity(markdown.len()), ..Expanded::default() };
    let mut errors = Vec::new();
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = markdown[search..].find("{{") {
        let start = search + found;
        if let Some(r) = code.iter().find(|r| r.contains(&start)) {
            search = r.end.max(start + 2);
            continue;
        }
        if start > 0 && markdown.as_bytes()[start - 1] == b'\\' {
            search = start + 2;
            continue;
        }
        let Some(close) = find_close(markdown, start) else {
            errors.push(
                ExpandError::new(start, "`{{` is not closed with `}}`")
                    .help("close the expression on the same line, or write `\\{{` for literal braces"),
            );
            search = start + 2;
            continue;
        };
        let inner = &markdown[start + 2..close];
        let inner_offset = start + 2 + (inner.len() - inner.trim_start().len());
        out.markdown.push_str(&markdown[copied..start]);
        match expand_one(inner.trim(), inner_offset, markdown, start, close + 2, cx, &mut out) {
            Ok(text) => out.markdown.push_str(&text),
            Err(e) => errors.push(e),
        }
        copied = close + 2;
        search = close + 2;
    }
    out.markdown.push_str(&markdown[copied..]);
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// The `}}` closing the expression at `start`, on the same line.
fn find_close(text: &str, start: usize) -> Option<usize> {
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    text[start + 2..line_end].find("}}").map(|i| start + 2 + i)
}

fn expand_one(
    expr: &str,
    offset: usize,
    source: &str,
    start: usize,
    end: usize,
    cx: &ExpandContext,
    out: &mut Expanded,
) -> Result<String, ExpandError> {
    if let Some(open) = expr.find('(') {
        let name = expr[..open].trim();
        if is_ident(name) {
            let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = source[end..].find('\n').map_or(source.len(), |i| end + i);
            if !source[line_start..start].trim().is_empty() || !source[end..line_end].trim().is_empty() {
                return Err(ExpandError::new(
                    offset,
                    format!("the component `{name}(...)` must stand alone on its own line"),
                )
                .help("put the call in a paragraph of its own, with blank lines around it"));
            }
            let (html, text) = component(name, expr, offset, cx, out)?;
            let n = out.components.len();
            out.components.push(mark_ids(&html));
            out.component_text.push(text);
            return Ok(format!("{MARKER_OPEN}{n}{MARKER_CLOSE}"));
        }
    }
    let value = quote(expr, cx.programme).map_err(|m| {
        let e = ExpandError::new(offset, m.message);
        if m.help.is_empty() { e } else { e.help(m.help) }
    })?;
    Ok(escape_markdown(&value))
}

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Parses the arguments of a call: nothing, or one quoted string.
fn string_argument(expr: &str) -> Result<Option<String>, String> {
    let open = expr.find('(').unwrap_or(0);
    let Some(args) = expr[open + 1..].strip_suffix(')') else {
        return Err(format!("`{expr}` is missing its closing `)`"));
    };
    let args = args.trim();
    if args.is_empty() {
        return Ok(None);
    }
    for quote in ['"', '\''] {
        if let Some(inner) = args.strip_prefix(quote).and_then(|a| a.strip_suffix(quote))
            && !inner.contains(quote)
        {
            return Ok(Some(inner.to_owned()));
        }
    }
    Err(format!("the argument `{args}` must be a quoted name, e.g. `\"swot\"`"))
}

const COMPONENTS: &str = "`worksheet(\"id\")`, `roles_diagram()`, `contacts()`, `key_dates()`";

/// A component's HTML and its searchable text.
fn component(
    name: &str,
    expr: &str,
    offset: usize,
    cx: &ExpandContext,
    out: &mut Expanded,
) -> Result<(String, String), ExpandError> {
    let arg = string_argument(expr).map_err(|m| ExpandError::new(offset, m))?;
    let no_args = |arg: Option<String>| match arg {
        None => Ok(()),
        Some(_) => Err(ExpandError::new(offset, format!("`{name}()` takes no argument"))),
    };
    match name {
        "worksheet" => {
            let Some(id) = arg else {
                return Err(ExpandError::new(
                    offset,
                    "`worksheet` needs the worksheet's id, e.g. `worksheet(\"swot\")`",
                ));
            };
            let Some(ws) = cx.worksheets.get(&id) else {
                let known = cx.worksheets.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
                return Err(ExpandError::new(offset, format!("there is no worksheet `{id}`"))
                    .help(format!("the worksheets are: {known} (files in `worksheets/`)")));
            };
            if out.worksheets.contains(&id) {
                return Err(ExpandError::new(
                    offset,
                    format!("the worksheet `{id}` is already on this page"),
                ));
            }
            out.worksheets.push(id.clone());
            let html = worksheet_html(ws, &id, cx).map_err(|m| ExpandError::new(offset, m))?;
            Ok((html, ws.text()))
        }
        "roles_diagram" => {
            no_args(arg)?;
            let Some(roles) = cx.roles else {
                return Err(ExpandError::new(
                    offset,
                    "there is no `roles.yaml` for this programme's language",
                ));
            };
            Ok((roles.to_html("roles-diagram", cx.i18n), roles.text()))
        }
        "contacts" => {
            no_args(arg)?;
            Ok((contacts_html(cx), String::new()))
        }
        "key_dates" => {
            no_args(arg)?;
            Ok((key_dates_html(cx), String::new()))
        }
        other => Err(ExpandError::new(offset, format!("unknown component `{other}`"))
            .help(format!("the components are {COMPONENTS}"))),
    }
}

fn worksheet_html(ws: &Worksheet, id: &str, cx: &ExpandContext) -> Result<String, String> {
    // Defaults may quote settings; a bad quote is reported against the page that places the sheet.
    let mut defaults = BTreeMap::new();
    for f in ws.sections.iter().flat_map(|s| &s.fields) {
        if let Some(d) = &f.default {
            let value = quote_all(d, cx.programme)
                .map_err(|m| format!("in the default of field `{}` of worksheet `{id}`: {m}", f.id))?;
            defaults.insert(f.id.clone(), value);
        }
    }
    let lookup = |field: &str| defaults.get(field).cloned();
    let markdown = |text: &str| crate::render::fragment(&escape_html_in_markdown(text));
    Ok(ws.to_html(&FormContext {
        programme: &cx.programme.id,
        id,
        i18n: cx.i18n,
        defaults: &lookup,
        markdown: &markdown,
    }))
}

/// Worksheet intros are data, not pages: no raw HTML in them.
fn escape_html_in_markdown(text: &str) -> String {
    text.replace('<', "&lt;")
}

fn contacts_html(cx: &ExpandContext) -> String {
    let contacts = &cx.programme.settings.contacts;
    if contacts.is_empty() {
        return String::new();
    }
    let e = crate::html::escape;
    let mut h = format!(
        r#"<section class="contacts" aria-labelledby="contacts-heading"><h2 id="contacts-heading">{}</h2><ul class="contact-list">"#,
        e(cx.i18n.get("contacts_heading"))
    );
    for c in contacts {
        let _ = write!(h, r#"<li class="contact"><strong>{}</strong>"#, e(&c.name));
        for line in [&c.title, &c.unit].into_iter().flatten() {
            let _ = write!(h, "<br>{}", e(line));
        }
        if let Some(mail) = &c.email {
            let _ =
                write!(h, r#"<br>{}: <a href="mailto:{m}">{m}</a>"#, e(cx.i18n.get("email")), m = e(mail));
        }
        if let Some(phone) = &c.phone {
            let tel: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
            let _ = write!(h, r#"<br>{}: <a href="tel:{tel}">{}</a>"#, e(cx.i18n.get("phone")), e(phone));
        }
        h.push_str("</li>");
    }
    h.push_str("</ul></section>");
    h
}

fn key_dates_html(cx: &ExpandContext) -> String {
    let dates: Vec<_> = cx.programme.settings.dates.iter().collect();
    if dates.is_empty() {
        return String::new();
    }
    let e = crate::html::escape;
    let lang = cx.programme.lang();
    let mut h = format!(
        r#"<section class="key-dates" aria-labelledby="dates-heading"><h2 id="dates-heading">{}</h2><ul class="date-list">"#,
        e(cx.i18n.get("dates_heading"))
    );
    for (name, event) in dates {
        let _ = write!(
            h,
            r#"<li><strong>{}:</strong> {}"#,
            e(cx.i18n.get(&format!("date_{name}"))),
            e(&event_text(lang, event))
        );
        if let Some(place) = &event.place {
            let _ = write!(h, ", {}", e(place));
        }
        let _ = write!(
            h,
            r#" <a class="ics" href="{mark}{root}calendar/{name}.ics" download>{}</a></li>"#,
            e(cx.i18n.get("dates_add_to_calendar")),
            root = cx.root,
            mark = crate::render::FOLDER_MARK
        );
    }
    h.push_str("</ul></section>");
    h
}

/// "onsdag den 24. august 2011 kl. 14.00–16.00".
pub fn event_text(lang: Lang, event: &DateEvent) -> String {
    match event.time {
        Some(t) => format!("{} {}", lang.long_date(event.date), lang.time_range(t)),
        None => lang.long_date(event.date),
    }
}

/// A setting's value on its way to text.
enum Value {
    Text(String),
    Number(u32),
    Cadence(Cadence),
    Length(MeetingLength),
    Period(Period),
    Event(DateEvent),
    Role(RoleName),
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Text(_) => "text",
            Value::Number(_) => "a number",
            Value::Cadence(_) => "a cadence",
            Value::Length(_) => "a meeting length",
            Value::Period(_) => "a duration",
            Value::Event(_) => "a date",
            Value::Role(_) => "a role name",
        }
    }

    fn into_text(self, lang: Lang) -> String {
        match self {
            Value::Text(t) => t,
            Value::Number(n) => n.to_string(),
            Value::Cadence(c) => lang.cadence(c),
            Value::Length(l) => lang.meeting_length(l),
            Value::Period(p) => lang.period(p),
            Value::Event(e) => event_text(lang, &e),
            Value::Role(r) => r.singular,
        }
    }
}

/// The settings a page may quote.
pub const SETTINGS: &[&str] = &[
    "name",
    "organisation",
    "unit",
    "audience",
    "mentors",
    "meetings.every",
    "meetings.length",
    "duration",
    "max_mentees_per_mentor",
    "dates.signup_deadline",
    "dates.kickoff",
    "dates.evaluation",
    "roles.mentee",
    "roles.mentor",
];

pub const FILTERS: &[&str] =
    &["plural", "definite", "definite_plural", "capitalize", "date", "time", "upper", "lower"];

fn lookup(path: &str, p: &Programme) -> Result<Value, QuoteError> {
    let s = &p.settings;
    let unset = || QuoteError {
        message: format!("the setting `{path}` is not set in `content/{}/programme.yaml`", p.id),
        help: "set it there, or remove it from the page".into(),
    };
    Ok(match path {
        "name" => Value::Text(s.name.clone()),
        "organisation" => Value::Text(s.organisation.clone()),
        "unit" => Value::Text(s.unit.clone().ok_or_else(unset)?),
        "audience" => Value::Text(s.audience.clone()),
        "mentors" => Value::Text(s.mentors.clone()),
        "meetings.every" => Value::Cadence(s.meetings.every.0),
        "meetings.length" => Value::Length(s.meetings.length.0),
        "duration" => Value::Period(s.duration.0),
        "max_mentees_per_mentor" => Value::Number(s.max_mentees_per_mentor.ok_or_else(unset)?.0),
        "dates.signup_deadline" => Value::Event(s.dates.signup_deadline.clone().ok_or_else(unset)?),
        "dates.kickoff" => Value::Event(s.dates.kickoff.clone().ok_or_else(unset)?),
        "dates.evaluation" => Value::Event(s.dates.evaluation.clone().ok_or_else(unset)?),
        "roles.mentee" => Value::Role(p.mentee.clone()),
        "roles.mentor" => Value::Role(p.mentor.clone()),
        other => {
            return Err(QuoteError {
                message: format!("unknown setting `{other}`"),
                help: format!(
                    "the settings a page can quote are {}",
                    SETTINGS.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                ),
            });
        }
    })
}

fn apply(filter: &str, value: Value, lang: Lang) -> Result<Value, QuoteError> {
    let wrong = |v: &Value, wants: &str| QuoteError {
        message: format!("the filter `{filter}` applies to {wants}, but this value is {}", v.kind()),
        help: String::new(),
    };
    Ok(match (filter, value) {
        ("plural", Value::Role(r)) => Value::Text(r.plural),
        ("definite", Value::Role(r)) => Value::Text(r.definite),
        ("definite_plural", Value::Role(r)) => Value::Text(r.definite_plural),
        ("plural" | "definite" | "definite_plural", v) => return Err(wrong(&v, "role names")),
        ("date", Value::Event(e)) => Value::Text(lang.long_date(e.date)),
        ("time", Value::Event(e)) => match e.time {
            Some(t) => Value::Text(lang.time_range(t)),
            None => {
                return Err(QuoteError {
                    message: "this date has no time".into(),
                    help: "give it one in programme.yaml: `{ date: 2011-08-24, time: \"14:00-16:00\" }`"
                        .into(),
                });
            }
        },
        ("date" | "time", v) => return Err(wrong(&v, "dates")),
        ("capitalize", v) => {
            let text = v.into_text(lang);
            let mut chars = text.chars();
            Value::Text(chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default())
        }
        ("upper", v) => Value::Text(v.into_text(lang).to_uppercase()),
        ("lower", v) => Value::Text(v.into_text(lang).to_lowercase()),
        (other, _) => {
            return Err(QuoteError {
                message: format!("unknown filter `{other}`"),
                help: format!(
                    "the filters are {}",
                    FILTERS.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ")
                ),
            });
        }
    })
}

#[derive(Debug)]
pub struct QuoteError {
    pub message: String,
    pub help: String,
}

impl std::fmt::Display for QuoteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Evaluates `path | filter | ...` to text in the programme's language.
pub fn quote(expr: &str, p: &Programme) -> Result<String, QuoteError> {
    let mut parts = expr.split('|').map(str::trim);
    let path = parts.next().unwrap_or_default();
    if path.is_empty() {
        return Err(QuoteError {
            message: "`{{ }}` is empty".into(),
            help: "write a setting, e.g. `{{ meetings.every }}`".into(),
        });
    }
    let mut value = lookup(path, p)?;
    for filter in parts {
        value = apply(filter, value, p.lang())?;
    }
    Ok(value.into_text(p.lang()))
}

/// Replaces every `{{ ... }}` in a plain string (a worksheet default); no components.
pub fn quote_all(text: &str, p: &Programme) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find("}}") else {
            return Err("`{{` is not closed with `}}`".into());
        };
        out.push_str(&quote(rest[start + 2..start + len].trim(), p).map_err(|e| e.message)?);
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Prefixes every id a component defines or refers to with the render stage's id mark, so that
/// the print view, which holds every page, can keep them unique (a component may be on two pages).
fn mark_ids(html: &str) -> String {
    const ATTRIBUTES: [&str; 4] = [" id=\"", " for=\"", " aria-labelledby=\"", " aria-describedby=\""];
    let mut out = String::with_capacity(html.len() + 64);
    let mut copied = 0;
    let mut at = 0;
    // Every attribute begins with a space: look only there.
    while let Some(space) = html[at..].find(' ').map(|i| at + i) {
        let Some(attribute) = ATTRIBUTES.iter().find(|a| html[space..].starts_with(**a)) else {
            at = space + 1;
            continue;
        };
        let value = space + attribute.len();
        let end = html[value..].find('"').map_or(html.len(), |i| value + i);
        out.push_str(&html[copied..value]);
        for (n, id) in html[value..end].split(' ').enumerate() {
            if n > 0 {
                out.push(' ');
            }
            out.push(crate::render::ID_MARK);
            out.push_str(id);
        }
        copied = end;
        at = end;
    }
    out.push_str(&html[copied..]);
    out
}

/// Setting values are text, never Markdown: a contact named `*Ib*` stays `*Ib*`.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '{' | '}' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{ExpandContext, expand, quote};
    use crate::i18n::I18n;
    use crate::settings::Programme;
    use std::collections::BTreeMap;
    use std::path::Path;

    fn programme(lang: &str) -> Programme {
        let yaml = format!(
            "name: Mentorordningen\norganisation: Randers Kommune\nlanguage: {lang}\naudience: nye ledere\nmentors: erfarne ledere\nmeetings:\n  every: 2 months\n  length: 90 minutes\nduration: 12 months\naccessibility: {{ status: full, assessed: 2026-11-01, method: self-assessment, reviewed: 2026-11-01, feedback: {{ email: a@b.dk }}, was_tool_url: \"https://x.dk\" }}\ndates:\n  kickoff: {{ date: 2011-08-24, time: \"14:00-16:00\" }}\n"
        );
        Programme::parse("randers", &yaml, Path::new("programme.yaml")).unwrap()
    }

    fn i18n() -> I18n {
        let text = crate::i18n::REQUIRED.iter().map(|k| format!("{k}: x\n")).collect::<String>();
        I18n::parse(crate::lang::Lang::Danish, &text, Path::new("da.yaml")).unwrap()
    }

    fn run(markdown: &str, lang: &str) -> Result<String, Vec<String>> {
        let p = programme(lang);
        let i = i18n();
        let ws = BTreeMap::new();
        let cx = ExpandContext { programme: &p, i18n: &i, worksheets: &ws, roles: None, root: "" };
        expand(markdown, &cx).map(|e| e.markdown).map_err(|es| es.into_iter().map(|e| e.message).collect())
    }

    #[test]
    fn settings_speak_the_page_language() {
        assert_eq!(run("Vi mødes {{ meetings.every }}.", "da").unwrap(), "Vi mødes hver 2. måned.");
        assert_eq!(run("Vi träffas {{ meetings.every }}.", "sv").unwrap(), "Vi träffas varannan månad.");
        assert_eq!(run("{{ roles.mentee | definite | capitalize }} ejer", "sv").unwrap(), "Adepten ejer");
        assert_eq!(run("{{dates.kickoff}}", "da").unwrap(), "onsdag den 24. august 2011 kl. 14.00–16.00");
    }

    #[test]
    fn code_and_lone_braces_are_untouched() {
        let md = "Skriv `{{ meetings.every }}` i teksten.\n\n```\n{{ x }}\n```\n\n    {{ y }}\n\nEn {krølle} og }} og \\{{ ikke }}.\n\n<div title=\"{{ z }}\">\n{{ z }}\n</div>\n";
        assert_eq!(run(md, "da").unwrap(), md);
    }

    #[test]
    fn unknown_settings_and_filters_are_named() {
        let errs = run("{{ meetings.often }} og {{ meetings.every | plural }} og {{ name | shout }}", "da")
            .unwrap_err();
        assert_eq!(errs.len(), 3);
        assert!(errs[0].contains("unknown setting `meetings.often`"));
        assert!(errs[1].contains("applies to role names"));
        assert!(errs[2].contains("unknown filter `shout`"));
    }

    #[test]
    fn unset_optional_settings_say_where_to_set_them() {
        let err = run("{{ max_mentees_per_mentor }}", "da").unwrap_err();
        assert!(err[0].contains("not set in `content/randers/programme.yaml`"), "{err:?}");
    }

    #[test]
    fn components_stand_alone_and_unknown_ones_are_errors() {
        assert!(run("Se {{ contacts() }} her", "da").unwrap_err()[0].contains("stand alone"));
        assert!(run("{{ chart() }}", "da").unwrap_err()[0].contains("unknown component `chart`"));
        assert!(run("{{ worksheet(\"nope\") }}", "da").unwrap_err()[0].contains("no worksheet `nope`"));
        assert!(run("Åben {{ name", "da").unwrap_err()[0].contains("not closed"));
    }

    #[test]
    fn component_ids_carry_the_print_mark() {
        let marked =
            super::mark_ids(r#"<form id="ws-a" aria-labelledby="t d"><label for="f">x</label></form>"#);
        let m = crate::render::ID_MARK;
        assert_eq!(
            marked,
            format!(r#"<form id="{m}ws-a" aria-labelledby="{m}t {m}d"><label for="{m}f">x</label></form>"#)
        );
    }

    #[test]
    fn quoted_values_are_text_not_markdown() {
        let p = programme("da");
        assert_eq!(quote("name | upper", &p).unwrap(), "MENTORORDNINGEN");
        assert_eq!(super::escape_markdown("*Ib* <b>"), "\\*Ib\\* \\<b\\>");
    }
}
