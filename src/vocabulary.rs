//! What pages and data files may quote and test: the settings by name, the filters, and the
//! conditions of text that depends on settings.
//!
//! Input: a [`Programme`] (and the number of roles in its diagram), and an expression as an
//! author wrote it: `meetings.every`, `roles.mentee | definite | capitalize`, or a condition
//! `process.first_contact == "mentee" and meetings.every`. Output: words in the programme's
//! language, or a truth value, or an [`ExprError`] at a byte offset of the expression naming what
//! would be valid.
//!
//! Each setting and each filter is defined once, in [`SETTINGS`] and [`FILTERS`]; lookup, the
//! choices a condition may test and every help text are made from those tables. The Markdown
//! stage and the data files (worksheets, the roles diagram, interface strings) use the same
//! tables, through [`Vocabulary::quote`], [`Vocabulary::test`] and [`Vocabulary::expand_text`].

use std::ops::Range;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::lang::{Cadence, Lang, MeetingLength, Period};
use crate::settings::{Choice, Event, Office, Party, Programme, RoleName, Text};

/// A setting's value on its way to text.
#[derive(Clone, Debug)]
pub(crate) enum Value {
    Text(String),
    Number(u32),
    Flag(bool),
    Cadence(Cadence),
    Length(MeetingLength),
    Period(Period),
    Event(Event),
    Role(RoleName),
    /// Who does a step: its words, the role word when it is a person (`leader`), and the
    /// setting's own word (`hr`), which conditions compare.
    Party(String, Option<RoleName>, &'static str),
    /// A choice that has no words of its own (`process.plans_meetings`).
    Choice(&'static str),
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Text(_) | Value::Party(..) => "text",
            Value::Number(_) => "a number",
            Value::Flag(_) => "yes or no",
            Value::Cadence(_) => "a cadence",
            Value::Length(_) => "a meeting length",
            Value::Period(_) => "a duration",
            Value::Event(_) => "a date",
            Value::Role(_) => "a role name",
            Value::Choice(_) => "a choice",
        }
    }

    fn into_text(self, lang: Lang) -> Result<String, String> {
        Ok(match self {
            Value::Text(t) | Value::Party(t, None, _) => t,
            Value::Party(_, Some(r), _) | Value::Role(r) => r.singular,
            Value::Number(n) => n.to_string(),
            Value::Cadence(c) => lang.cadence(c),
            Value::Length(l) => lang.meeting_length(l),
            Value::Period(p) => lang.period(p),
            Value::Event(e) => event_text(lang, &e),
            Value::Flag(_) | Value::Choice(_) => return Err("has no words of its own".to_owned()),
        })
    }
}

/// "onsdag den 24. august 2011 kl. 14.00–16.00".
pub(crate) fn event_text(lang: Lang, event: &Event) -> String {
    match event.time {
        Some(t) => format!("{} {}", lang.long_date(event.date), lang.time_range(t)),
        None => lang.long_date(event.date),
    }
}

/// One setting a page may quote or test.
pub(crate) struct Entry {
    pub name: &'static str,
    /// Its value for a programme; `None` when the programme does not give it.
    get: fn(&Vocabulary) -> Option<Value>,
    /// For a choice, the words a condition may compare it with.
    choices: fn() -> Vec<&'static str>,
    /// It can be quoted as words (a yes/no setting or a choice such as `plans_meetings` can
    /// only be tested).
    words: bool,
}

fn no_choices() -> Vec<&'static str> {
    Vec::new()
}

fn text(t: &Option<crate::settings::Text>) -> Option<Value> {
    t.as_ref().map(|t| Value::Text(t.value.clone()))
}

fn party(v: &Vocabulary, p: Option<Party>) -> Option<Value> {
    let s = &v.programme.settings;
    let p = p?;
    Some(match p {
        Party::Hr => Value::Party("HR".to_owned(), None, p.word()),
        Party::Unit => {
            Value::Party(s.unit.as_ref().map_or_else(String::new, |u| u.value.clone()), None, p.word())
        }
        Party::Leader => {
            let leader = v.programme.words.leader.clone();
            Value::Party(leader.singular.clone(), Some(leader), p.word())
        }
    })
}

fn choice<C: Choice>(c: Option<C>) -> Option<Value> {
    c.map(|c| Value::Choice(c.word()))
}

/// The settings pages may quote and test, each once.
pub(crate) const SETTINGS: &[Entry] = &[
    Entry {
        name: "name",
        words: true,
        get: |v| Some(Value::Text(v.settings().name.value.clone())),
        choices: no_choices,
    },
    Entry {
        name: "organisation",
        words: true,
        get: |v| Some(Value::Text(v.settings().organisation.value.clone())),
        choices: no_choices,
    },
    Entry { name: "unit", words: true, get: |v| text(&v.settings().unit), choices: no_choices },
    Entry {
        name: "audience",
        words: true,
        get: |v| Some(Value::Text(v.settings().audience.value.clone())),
        choices: no_choices,
    },
    Entry {
        name: "mentors",
        words: true,
        get: |v| Some(Value::Text(v.settings().mentors.value.clone())),
        choices: no_choices,
    },
    Entry {
        name: "meetings.every",
        words: true,
        get: |v| v.settings().meetings.every.map(|c| Value::Cadence(c.0)),
        choices: no_choices,
    },
    Entry {
        name: "meetings.length",
        words: true,
        get: |v| v.settings().meetings.length.map(|l| Value::Length(l.0)),
        choices: no_choices,
    },
    Entry {
        name: "duration",
        words: true,
        get: |v| v.settings().duration.map(|p| Value::Period(p.0)),
        choices: no_choices,
    },
    Entry {
        name: "max_mentees_per_mentor",
        words: true,
        get: |v| v.settings().max_mentees_per_mentor.map(|m| Value::Number(m.0)),
        choices: no_choices,
    },
    Entry {
        name: "dates.signup_deadline",
        words: true,
        get: |v| v.settings().dates.signup_deadline.clone().map(Value::Event),
        choices: no_choices,
    },
    Entry {
        name: "dates.kickoff",
        words: true,
        get: |v| v.settings().dates.kickoff.clone().map(Value::Event),
        choices: no_choices,
    },
    Entry {
        name: "dates.evaluation",
        words: true,
        get: |v| v.settings().dates.evaluation.clone().map(Value::Event),
        choices: no_choices,
    },
    Entry {
        name: "roles.mentee",
        words: true,
        get: |v| Some(Value::Role(v.programme.words.mentee.clone())),
        choices: no_choices,
    },
    Entry {
        name: "roles.mentor",
        words: true,
        get: |v| Some(Value::Role(v.programme.words.mentor.clone())),
        choices: no_choices,
    },
    Entry {
        name: "roles.leader",
        words: true,
        get: |v| Some(Value::Role(v.programme.words.leader.clone())),
        choices: no_choices,
    },
    Entry {
        name: "roles_diagram.count",
        words: true,
        get: |v| v.diagram.as_ref().map(|d| Value::Number(d.kept.len() as u32)),
        choices: no_choices,
    },
    Entry {
        name: "process.mentee_joins",
        words: false,
        get: |v| choice(v.settings().process.mentee_joins),
        choices: crate::settings::MenteeJoins::words,
    },
    Entry {
        name: "process.mentor_joins",
        words: false,
        get: |v| choice(v.settings().process.mentor_joins),
        choices: crate::settings::MentorJoins::words,
    },
    Entry {
        name: "process.applications_to",
        words: true,
        get: |v| party(v, v.settings().process.applications_to.map(Office::party)),
        choices: Office::words,
    },
    Entry {
        name: "process.decided_with_leader",
        words: false,
        get: |v| v.settings().process.decided_with_leader.map(Value::Flag),
        choices: no_choices,
    },
    Entry {
        name: "process.matched_by",
        words: true,
        get: |v| party(v, v.settings().process.matched_by),
        choices: Party::words,
    },
    Entry {
        name: "process.first_contact",
        words: false,
        get: |v| choice(v.settings().process.first_contact),
        choices: crate::settings::Partner::words,
    },
    Entry {
        name: "process.plans_meetings",
        words: false,
        get: |v| choice(v.settings().process.plans_meetings),
        choices: crate::settings::Planner::words,
    },
    Entry {
        name: "process.support",
        words: true,
        get: |v| party(v, v.settings().process.support),
        choices: Party::words,
    },
    Entry {
        name: "process.early_end",
        words: true,
        get: |v| party(v, v.settings().process.early_end),
        choices: Party::words,
    },
    Entry {
        name: "process.evaluation.each_meeting",
        words: false,
        get: |v| v.settings().process.evaluation.each_meeting.map(Value::Flag),
        choices: no_choices,
    },
    Entry {
        name: "process.evaluation.final_meeting",
        words: true,
        get: |v| party(v, v.settings().process.evaluation.final_meeting),
        choices: Party::words,
    },
    Entry {
        name: "process.evaluation.programme",
        words: true,
        get: |v| party(v, v.settings().process.evaluation.programme),
        choices: Party::words,
    },
    Entry {
        name: "process.mentor_training",
        words: true,
        get: |v| text(&v.settings().process.mentor_training),
        choices: no_choices,
    },
];

/// One filter: what it applies to, and what it does.
pub(crate) struct Filter {
    pub name: &'static str,
    apply: fn(Value, Lang) -> Result<Value, String>,
}

fn role_form(value: Value, form: fn(RoleName) -> String) -> Result<Value, String> {
    match value {
        Value::Role(r) | Value::Party(_, Some(r), _) => Ok(Value::Text(form(r))),
        party @ Value::Party(_, None, _) => Ok(party),
        other => Err(format!("applies to role names, but this value is {}", other.kind())),
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The filters, each once.
pub(crate) const FILTERS: &[Filter] = &[
    Filter { name: "plural", apply: |v, _| role_form(v, |r| r.plural) },
    Filter { name: "definite", apply: |v, _| role_form(v, |r| r.definite) },
    Filter { name: "definite_plural", apply: |v, _| role_form(v, |r| r.definite_plural) },
    Filter { name: "capitalize", apply: |v, lang| Ok(Value::Text(capitalize(&v.into_text(lang)?))) },
    Filter { name: "upper", apply: |v, lang| Ok(Value::Text(v.into_text(lang)?.to_uppercase())) },
    Filter { name: "lower", apply: |v, lang| Ok(Value::Text(v.into_text(lang)?.to_lowercase())) },
    Filter {
        name: "date",
        apply: |v, lang| match v {
            Value::Event(e) => Ok(Value::Text(lang.long_date(e.date))),
            other => Err(format!("applies to dates, but this value is {}", other.kind())),
        },
    },
    Filter {
        name: "time",
        apply: |v, lang| {
            match v {
            Value::Event(e) => match e.time {
                Some(t) => Ok(Value::Text(lang.time_range(t))),
                None => Err("finds no time: this date has none; give it one in programme.yaml: `{ date: 2011-08-24, time: \"14:00-16:00\" }`".to_owned()),
            },
            other => Err(format!("applies to dates, but this value is {}", other.kind())),
        }
        },
    },
    Filter {
        name: "words",
        apply: |v, lang| match v {
            Value::Number(n) => Ok(Value::Text(lang.number_word(n))),
            other => Err(format!("applies to numbers, but this value is {}", other.kind())),
        },
    },
];

/// 1 when the value at `line`:`column` is written in quotes, so offsets inside it start after
/// the quote.
fn quote_width(source: &str, line: usize, column: usize) -> usize {
    let first =
        source.lines().nth(line.saturating_sub(1)).and_then(|l| l.chars().nth(column.saturating_sub(1)));
    usize::from(matches!(first, Some('"' | '\'')))
}

/// A problem in an expression, at a byte offset of the text it was found in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ExprError {
    pub offset: usize,
    pub message: String,
    pub help: Option<String>,
}

impl ExprError {
    /// The error at its place in a text of a data file (`text` as parsed from `source`, the
    /// file's text). A text on one line is pointed at exactly; in a folded block the line of its
    /// key is shown.
    pub fn in_text(self, text: &Text, file: &Path, source: &str) -> Diagnostic {
        let (line, column) = (text.at.line() as usize, text.at.column() as usize);
        let same_line = !text.value[..self.offset.min(text.value.len())].contains('\n');
        let column =
            if same_line { column + self.offset + quote_width(source, line, column) } else { column };
        let d = Diagnostic::error(self.message).in_file(file).at(source, line, column);
        match self.help {
            Some(h) => d.with_help(h),
            None => d,
        }
    }

    pub fn new(offset: usize, message: impl Into<String>) -> Self {
        ExprError { offset, message: message.into(), help: None }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same error, `by` bytes further into a larger text.
    pub fn shifted(mut self, by: usize) -> Self {
        self.offset += by;
        self
    }
}

/// The condition that tests whether the diagram shows a role: `roles_diagram.has.<id>`.
const HAS_ROLE: &str = "roles_diagram.has.";
/// The condition that tests whether the site has a page: `pages.has.<path>`.
const HAS_PAGE: &str = "pages.has.";

/// `roles_diagram.has.coach`, `pages.has.verktyg/ledarnivan.md`: the programme keeps it.
fn has(set: Option<&Present>, name: &str, at: usize, missing: &str, what: &str) -> Result<bool, ExprError> {
    let Some(set) = set else {
        return Err(ExprError::new(at, format!("there is no {what} to test here")));
    };
    if !set.known.contains(&name) {
        let e = ExprError::new(at, format!("{missing} `{name}`"));
        return Err(match nearest(name, set.known.iter().copied()) {
            Some(near) => e.help(format!("did you mean `{near}`?")),
            None => e.help(format!("the {what}s are {}", listed_owned(&set.known))),
        });
    }
    Ok(set.kept.contains(&name))
}

fn listed_owned(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

fn listed(names: impl IntoIterator<Item = &'static str>) -> String {
    names.into_iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// The candidate nearest to `word`, when it is near enough to be a slip of the keyboard.
pub(crate) fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance, for "did you mean" hints.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb)).min(row[j] + 1).min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Things a programme may leave out of what the base offers (roles of the diagram, pages): those
/// it keeps, and all it could have kept.
#[derive(Clone, Debug, Default)]
pub(crate) struct Present<'a> {
    pub kept: Vec<&'a str>,
    pub known: Vec<&'a str>,
}

/// The settings of one programme as pages and data files see them.
pub(crate) struct Vocabulary<'a> {
    pub programme: &'a Programme,
    /// The roles of the programme's diagram, by id, if it has one.
    pub diagram: Option<Present<'a>>,
    /// The site's pages, by path (`verktyg/ledarnivan.md`), once they are known.
    pub pages: Option<Present<'a>>,
    /// What each quote gave, without and with `required`: the pages of a site quote the same
    /// few settings again and again.
    quoted: std::sync::Mutex<[Quoted; 2]>,
}

/// Quotes by their expression, and what each gave.
type Quoted = rustc_hash::FxHashMap<Box<str>, Result<String, ExprError>>;

impl<'a> Vocabulary<'a> {
    pub fn new(programme: &'a Programme, diagram: Option<Present<'a>>, pages: Option<Present<'a>>) -> Self {
        Vocabulary { programme, diagram, pages, quoted: Default::default() }
    }

    fn settings(&self) -> &'a crate::settings::Settings {
        &self.programme.settings
    }

    fn lang(&self) -> Lang {
        self.programme.lang()
    }

    fn entry(&self, name: &str, offset: usize) -> Result<&'static Entry, ExprError> {
        SETTINGS.iter().find(|e| e.name == name).ok_or_else(|| {
            let e = ExprError::new(offset, format!("unknown setting `{name}`"));
            match nearest(name, SETTINGS.iter().map(|e| e.name)) {
                Some(near) => e.help(format!("did you mean `{near}`?")),
                None => e.help(format!(
                    "the settings a page can quote are {}",
                    listed(SETTINGS.iter().map(|e| e.name))
                )),
            }
        })
    }

    /// Evaluates `path | filter | ...` to text in the programme's language. With `required`
    /// false (text in a branch not taken) only names and filters are checked, and an unset
    /// setting gives empty text.
    pub fn quote(&self, expr: &str, required: bool) -> Result<String, ExprError> {
        let quoted = || self.quoted.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = quoted()[usize::from(required)].get(expr) {
            return known.clone();
        }
        let result = self.evaluate(expr, required);
        quoted()[usize::from(required)].insert(expr.into(), result.clone());
        result
    }

    /// [`Self::quote`], worked out.
    fn evaluate(&self, expr: &str, required: bool) -> Result<String, ExprError> {
        let mut parts = split_with_offsets(expr, '|');
        let (path_at, path) = parts.next().unwrap_or((0, ""));
        if path.is_empty() {
            return Err(ExprError::new(path_at, "`{{ }}` is empty")
                .help("write a setting, e.g. `{{ meetings.every }}`"));
        }
        if path.contains(['(', ')', '"', '\'']) {
            return Err(ExprError::new(path_at, format!("`{path}` is not a setting name"))
                .help("a component call stands alone on its own line, e.g. `{{ worksheet(\"swot\") }}`; a setting is written `{{ meetings.every }}`"));
        }
        let entry = self.entry(path, path_at)?;
        let filters: Vec<(usize, &str, &Filter)> = parts
            .map(|(at, name)| {
                FILTERS.iter().find(|f| f.name == name).map(|f| (at, name, f)).ok_or_else(|| {
                    let e = ExprError::new(at, format!("unknown filter `{name}`"));
                    match nearest(name, FILTERS.iter().map(|f| f.name)) {
                        Some(near) => e.help(format!("did you mean `{near}`?")),
                        None => e.help(format!("the filters are {}", listed(FILTERS.iter().map(|f| f.name)))),
                    }
                })
            })
            .collect::<Result<_, _>>()?;
        if !entry.words {
            let kind = if (entry.choices)().is_empty() { "yes or no" } else { "a choice" };
            return Err(no_words(entry, path_at, kind));
        }
        let Some(mut value) = (entry.get)(self) else {
            if !required {
                return Ok(String::new());
            }
            return Err(ExprError::new(
                path_at,
                format!("the setting `{path}` is not set in `content/{}/programme.yaml`", self.programme.id),
            )
            .help(format!(
                "set it there, or say it only where it is set: `{{% if {path} %}}...{{% endif %}}` (with an `{{% else %}}` that is true without it)"
            )));
        };
        for (at, name, filter) in filters {
            value = (filter.apply)(value, self.lang())
                .map_err(|m| ExprError::new(at, format!("the filter `{name}` {m}")))?;
        }
        value.into_text(self.lang()).map_err(|m| ExprError::new(path_at, format!("`{path}` {m}")))
    }

    /// Evaluates a condition (see [`Condition`]); every name and compared word is checked.
    pub fn test(&self, condition: &str) -> Result<bool, ExprError> {
        let parsed = Condition::parse(condition)?;
        parsed.eval(self)
    }

    /// Expands `{{ ... }}` and `{% if %}` in a line of data text (a worksheet label, a role, an
    /// interface string). `\{{` stays a literal `{{`; a `{{` left in the result is an error.
    pub fn expand_text(&self, text: &str) -> Result<String, ExprError> {
        let mut out = String::with_capacity(text.len());
        let mut branches = Branches::default();
        let mut copied = 0;
        let mut at = 0;
        while let Some(found) = next_tag(text, at, &[]) {
            let tag = found.map_err(|e| e.error)?;
            if branches.active() {
                out.push_str(&unescape_braces(&text[copied..tag.start]));
            }
            match tag.kind {
                TagKind::Quote(expr) => {
                    if expr.contains('(') && is_call(expr) {
                        return Err(ExprError::new(tag.inner, "components can only be placed on pages"));
                    }
                    let value = self.quote(expr, branches.active()).map_err(|e| e.shifted(tag.inner))?;
                    if branches.active() {
                        out.push_str(&value);
                    }
                }
                kind => branches.step(kind, tag.start, tag.inner, self)?,
            }
            copied = tag.end;
            at = tag.end;
        }
        branches.finish()?;
        out.push_str(&unescape_braces(&text[copied..]));
        Ok(out)
    }
}

/// `\{{` and `\{%` as the author meant them: literal braces.
fn unescape_braces(text: &str) -> String {
    text.replace("\\{{", "{{").replace("\\{%", "{%")
}

fn no_words(entry: &Entry, at: usize, kind: &str) -> ExprError {
    ExprError::new(at, format!("`{}` is {kind} and has no words of its own", entry.name))
        .help(format!("test it instead: `{{% if {} %}}...{{% endif %}}`", example_test(entry)))
}

fn example_test(entry: &Entry) -> String {
    match (entry.choices)().first() {
        Some(word) => format!("{} == \"{word}\"", entry.name),
        None => entry.name.to_owned(),
    }
}

/// `name(...)`: a component call.
pub(crate) fn is_call(expr: &str) -> bool {
    expr.split_once('(').is_some_and(|(name, _)| {
        let name = name.trim();
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    })
}

/// Splits at `sep`, trimming each part, with the offset where each trimmed part begins.
fn split_with_offsets(text: &str, sep: char) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split(sep).map(move |part| {
        let lead = part.len() - part.trim_start().len();
        let at = start + lead;
        start += part.len() + sep.len_utf8();
        (at, part.trim())
    })
}

/// What a tag says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TagKind<'a> {
    /// `{{ expression }}`: a setting or a component call.
    Quote(&'a str),
    /// `{% if condition %}`
    If(&'a str),
    /// `{% elif condition %}`
    Elif(&'a str),
    /// `{% else %}`
    Else,
    /// `{% endif %}`
    EndIf,
}

/// A tag that could not be read, and where reading can go on after it.
#[derive(Debug)]
pub(crate) struct TagError {
    pub error: ExprError,
    pub resume: usize,
}

/// A tag found in text: `{{ ... }}` or `{% ... %}`, by byte range.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tag<'a> {
    pub start: usize,
    pub end: usize,
    /// Where the trimmed inside begins, for messages.
    pub inner: usize,
    pub kind: TagKind<'a>,
}

/// The next tag at or after `from`, skipping the `skip` ranges (code) and tags escaped with a
/// backslash. A tag must close on its own line; a closing mark inside a skipped range does not
/// close it.
pub(crate) fn next_tag<'t>(
    text: &'t str,
    from: usize,
    skip: &[Range<usize>],
) -> Option<Result<Tag<'t>, TagError>> {
    let mut search = from;
    loop {
        let found = memchr::memchr(b'{', &text.as_bytes()[search..]).map(|i| search + i)?;
        let opener = text.get(found..found + 2);
        let close = match opener {
            Some("{{") => "}}",
            Some("{%") => "%}",
            _ => {
                search = found + 1;
                continue;
            }
        };
        if let Some(r) = skip.iter().find(|r| r.contains(&found)) {
            search = r.end.max(found + 2);
            continue;
        }
        if found > 0 && text.as_bytes()[found - 1] == b'\\' {
            search = found + 2;
            continue;
        }
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[found..]).map_or(text.len(), |i| found + i);
        let mut look = found + 2;
        let closing = loop {
            match text[look..line_end].find(close).map(|i| look + i) {
                Some(c) => match skip.iter().find(|r| r.contains(&c)) {
                    Some(r) => look = r.end.max(c + 2).min(line_end),
                    None => break Some(c),
                },
                None => break None,
            }
        };
        let Some(closing) = closing else {
            let inside_code = text[found + 2..line_end].contains(close);
            let mut e =
                ExprError::new(found, format!("`{}` is not closed with `{close}`", &text[found..found + 2]));
            e = if inside_code {
                e.help(format!("the `{close}` on this line is inside a code span, which is never expanded; close the expression before the code"))
            } else {
                e.help(format!(
                    "close it on the same line, or write `\\{}` for literal braces",
                    &text[found..found + 2]
                ))
            };
            return Some(Err(TagError { error: e, resume: found + 2 }));
        };
        let inside = &text[found + 2..closing];
        let inner = found + 2 + (inside.len() - inside.trim_start().len());
        let inside = inside.trim();
        if close == "}}" {
            return Some(Ok(Tag { start: found, end: closing + 2, inner, kind: TagKind::Quote(inside) }));
        }
        let (word, rest) = inside.split_once(char::is_whitespace).unwrap_or((inside, ""));
        let condition = rest.trim();
        // For a condition, messages point into the condition itself.
        let at_condition = inner + inside.len() - rest.trim_start().len();
        let (inner, kind) = match word {
            "if" => (at_condition, TagKind::If(condition)),
            "elif" => (at_condition, TagKind::Elif(condition)),
            "else" if condition.is_empty() => (inner, TagKind::Else),
            "endif" if condition.is_empty() => (inner, TagKind::EndIf),
            _ => {
                let error = ExprError::new(inner, format!("`{{% {inside} %}}` is not a tag handbook knows"))
                    .help("the tags are `{% if condition %}`, `{% elif condition %}`, `{% else %}` and `{% endif %}`");
                return Some(Err(TagError { error, resume: closing + 2 }));
            }
        };
        return Some(Ok(Tag { start: found, end: closing + 2, inner, kind }));
    }
}

/// The `{% if %}` blocks open at a point of a text, and whether text there is kept.
#[derive(Default)]
pub(crate) struct Branches {
    frames: Vec<Frame>,
}

struct Frame {
    /// Where the `{% if %}` was, for "not closed".
    opened: usize,
    /// The enclosing text is kept.
    outer: bool,
    /// A branch of this block was taken already.
    taken: bool,
    /// Text in the current branch is kept.
    active: bool,
    /// `{% else %}` was seen.
    after_else: bool,
}

impl Branches {
    /// Text at this point is kept.
    pub fn active(&self) -> bool {
        self.frames.last().is_none_or(|f| f.active)
    }

    /// Applies an `if`, `elif`, `else` or `endif` tag at `start` (its condition at `inner`).
    /// A condition in error counts as false, so the blocks around it stay in step.
    pub fn step(
        &mut self,
        kind: TagKind,
        start: usize,
        inner: usize,
        v: &Vocabulary,
    ) -> Result<(), ExprError> {
        let test = |condition: &str| -> Result<bool, ExprError> {
            if condition.is_empty() {
                return Err(ExprError::new(inner, "the condition is missing").help(
                    "e.g. `{% if meetings.every %}` or `{% if process.first_contact == \"mentee\" %}`",
                ));
            }
            v.test(condition).map_err(|e| e.shifted(inner))
        };
        match kind {
            TagKind::If(condition) => {
                let outer = self.active();
                let tested = test(condition);
                let yes = *tested.as_ref().unwrap_or(&false);
                self.frames.push(Frame {
                    opened: start,
                    outer,
                    taken: yes,
                    active: outer && yes,
                    after_else: false,
                });
                tested.map(|_| ())?;
            }
            TagKind::Elif(condition) => {
                let tested = test(condition);
                let yes = *tested.as_ref().unwrap_or(&false);
                let frame = self.frames.last_mut().ok_or_else(|| stray(start, "elif"))?;
                if frame.after_else {
                    return Err(ExprError::new(start, "`{% elif %}` comes after `{% else %}`")
                        .help("put every `elif` before the `else`"));
                }
                frame.active = frame.outer && !frame.taken && yes;
                frame.taken |= yes;
                tested.map(|_| ())?;
            }
            TagKind::Else => {
                let frame = self.frames.last_mut().ok_or_else(|| stray(start, "else"))?;
                if frame.after_else {
                    return Err(ExprError::new(start, "this `{% if %}` has two `{% else %}`"));
                }
                frame.after_else = true;
                frame.active = frame.outer && !frame.taken;
                frame.taken = true;
            }
            TagKind::EndIf => {
                self.frames.pop().ok_or_else(|| stray(start, "endif"))?;
            }
            TagKind::Quote(_) => {}
        }
        Ok(())
    }

    /// Every `{% if %}` must be closed by the end of the text.
    pub fn finish(&self) -> Result<(), ExprError> {
        match self.frames.last() {
            Some(frame) => Err(ExprError::new(frame.opened, "this `{% if %}` is never closed")
                .help("end it with `{% endif %}`")),
            None => Ok(()),
        }
    }
}

fn stray(at: usize, tag: &str) -> ExprError {
    ExprError::new(at, format!("`{{% {tag} %}}` has no `{{% if %}}` before it"))
}

/// A condition: settings tested alone (set, or yes), compared with `==`, `!=` or `in [...]`,
/// negated with `not`, combined with `and` (binding tighter) and `or`.
#[derive(Debug, PartialEq)]
pub(crate) enum Condition {
    Or(Vec<Condition>),
    And(Vec<Condition>),
    Not(Box<Condition>),
    /// The setting is set (and, for yes/no settings, yes).
    Set {
        name: String,
        at: usize,
    },
    /// The setting is one of these words (`!=` is `Not` of this).
    OneOf {
        name: String,
        at: usize,
        words: Vec<(usize, String)>,
    },
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Word(String),
    Quoted(String),
    Symbol(&'static str),
}

fn tokens(text: &str) -> Result<Vec<(usize, Token)>, ExprError> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if text[i..].starts_with("==") || text[i..].starts_with("!=") {
            out.push((i, Token::Symbol(if c == b'=' { "==" } else { "!=" })));
            i += 2;
        } else if matches!(c, b'[' | b']' | b',' | b'(' | b')') {
            let s = match c {
                b'[' => "[",
                b']' => "]",
                b',' => ",",
                b'(' => "(",
                _ => ")",
            };
            out.push((i, Token::Symbol(s)));
            i += 1;
        } else if c == b'"' || c == b'\'' {
            let end =
                text[i + 1..].find(c as char).ok_or_else(|| ExprError::new(i, "this quote is not closed"))?;
            out.push((i, Token::Quoted(text[i + 1..i + 1 + end].to_owned())));
            i += end + 2;
        } else if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c == b'-' || c == b'/' {
            let end = text[i..]
                .find(|ch: char| {
                    !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '.' || ch == '-' || ch == '/')
                })
                .map_or(text.len(), |e| i + e);
            out.push((i, Token::Word(text[i..end].to_owned())));
            i = end;
        } else {
            let ch = text[i..].chars().next().unwrap_or(' ');
            return Err(ExprError::new(i, format!("`{ch}` does not belong in a condition"))
                .help("a condition is e.g. `meetings.every`, `not unit`, `process.first_contact == \"mentee\"`, `process.support in [hr, unit]`"));
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    at: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at).map(|(_, t)| t)
    }

    fn offset(&self) -> usize {
        self.tokens.get(self.at).map_or(self.end, |(o, _)| *o)
    }

    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Token::Word(x)) if x == w)
    }

    fn or(&mut self) -> Result<Condition, ExprError> {
        let mut parts = vec![self.and()?];
        while self.is_word("or") {
            self.at += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Condition::Or(parts) })
    }

    fn and(&mut self) -> Result<Condition, ExprError> {
        let mut parts = vec![self.unary()?];
        while self.is_word("and") {
            self.at += 1;
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 { parts.remove(0) } else { Condition::And(parts) })
    }

    fn unary(&mut self) -> Result<Condition, ExprError> {
        if self.is_word("not") {
            self.at += 1;
            return Ok(Condition::Not(Box::new(self.unary()?)));
        }
        if self.peek() == Some(&Token::Symbol("(")) {
            self.at += 1;
            let inner = self.or()?;
            if self.peek() != Some(&Token::Symbol(")")) {
                return Err(ExprError::new(self.offset(), "a `(` is not closed with `)`"));
            }
            self.at += 1;
            return Ok(inner);
        }
        let at = self.offset();
        let name = match self.peek() {
            Some(Token::Word(w)) if !["and", "or", "in"].contains(&w.as_str()) => w.clone(),
            _ => {
                return Err(ExprError::new(at, "a setting name is missing here")
                    .help("e.g. `process.first_contact == \"mentee\"`"));
            }
        };
        self.at += 1;
        match self.peek() {
            Some(Token::Symbol(op @ ("==" | "!="))) => {
                let negate = *op == "!=";
                self.at += 1;
                let word = self.literal()?;
                let c = Condition::OneOf { name, at, words: vec![word] };
                Ok(if negate { Condition::Not(Box::new(c)) } else { c })
            }
            Some(Token::Word(w)) if w == "in" => {
                self.at += 1;
                if self.peek() != Some(&Token::Symbol("[")) {
                    return Err(ExprError::new(self.offset(), "`in` is followed by a list: `in [hr, unit]`"));
                }
                self.at += 1;
                let mut words = vec![self.literal()?];
                while self.peek() == Some(&Token::Symbol(",")) {
                    self.at += 1;
                    words.push(self.literal()?);
                }
                if self.peek() != Some(&Token::Symbol("]")) {
                    return Err(ExprError::new(self.offset(), "the list is not closed with `]`"));
                }
                self.at += 1;
                Ok(Condition::OneOf { name, at, words })
            }
            _ => Ok(Condition::Set { name, at }),
        }
    }

    fn literal(&mut self) -> Result<(usize, String), ExprError> {
        let at = self.offset();
        match self.peek().cloned() {
            Some(Token::Word(w) | Token::Quoted(w)) => {
                self.at += 1;
                Ok((at, w))
            }
            _ => Err(ExprError::new(at, "a word to compare with is missing here")),
        }
    }
}

impl Condition {
    pub fn parse(text: &str) -> Result<Condition, ExprError> {
        let mut parser = Parser { tokens: tokens(text)?, at: 0, end: text.len() };
        let condition = parser.or()?;
        if parser.at < parser.tokens.len() {
            return Err(ExprError::new(parser.offset(), "the condition goes on after it is complete")
                .help("join conditions with `and` or `or`"));
        }
        Ok(condition)
    }

    fn eval(&self, v: &Vocabulary) -> Result<bool, ExprError> {
        match self {
            Condition::Or(parts) => {
                let mut any = false;
                for p in parts {
                    any |= p.eval(v)?;
                }
                Ok(any)
            }
            Condition::And(parts) => {
                let mut all = true;
                for p in parts {
                    all &= p.eval(v)?;
                }
                Ok(all)
            }
            Condition::Not(inner) => Ok(!inner.eval(v)?),
            Condition::Set { name, at } if name.starts_with(HAS_ROLE) => {
                has(v.diagram.as_ref(), &name[HAS_ROLE.len()..], *at, "the roles diagram has no role", "role")
            }
            Condition::Set { name, at } if name.starts_with(HAS_PAGE) => {
                has(v.pages.as_ref(), &name[HAS_PAGE.len()..], *at, "there is no page", "page")
            }
            Condition::Set { name, at } => {
                let entry = v.entry(name, *at)?;
                Ok(match (entry.get)(v) {
                    Some(Value::Flag(yes)) => yes,
                    Some(_) => true,
                    None => false,
                })
            }
            Condition::OneOf { name, at, words } => {
                let entry = v.entry(name, *at)?;
                let choices = (entry.choices)();
                if choices.is_empty() {
                    return Err(ExprError::new(
                        *at,
                        format!("`{name}` is not a choice, so it cannot be compared with a word"),
                    )
                    .help(format!("test whether it is set: `{{% if {name} %}}`")));
                }
                for (word_at, word) in words {
                    if !choices.contains(&word.as_str()) {
                        return Err(ExprError::new(
                            *word_at,
                            format!("`{word}` is not a choice of `{name}`"),
                        )
                        .help(format!("the choices are {}", listed(choices.iter().copied()))));
                    }
                }
                let current = match (entry.get)(v) {
                    Some(Value::Choice(w)) => Some(w),
                    Some(Value::Party(_, _, w)) => Some(w),
                    _ => None,
                };
                Ok(current.is_some_and(|c| words.iter().any(|(_, w)| w == c)))
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{Vocabulary, nearest};
    use crate::settings::Programme;
    use std::path::Path;

    pub(crate) fn programme(lang: &str, extra: &str) -> Programme {
        let yaml = format!(
            "name: Mentorordningen\norganisation: Randers Kommune\nlanguage: {lang}\naudience: nye ledere\nmentors: erfarne ledere\nmeetings:\n  every: 2 months\n  length: 90 minutes\nduration: 12 months\ndates:\n  kickoff: {{ date: 2011-08-24, time: \"14:00-16:00\" }}\n{extra}"
        );
        Programme::parse("randers", &yaml, Path::new("programme.yaml")).unwrap()
    }

    fn quote(p: &Programme, expr: &str) -> Result<String, String> {
        Vocabulary::new(
            p,
            Some(super::Present { kept: vec!["a", "b", "c"], known: vec!["a", "b", "c", "d"] }),
            None,
        )
        .quote(expr, true)
        .map_err(|e| e.message)
    }

    fn test(p: &Programme, condition: &str) -> Result<bool, String> {
        Vocabulary::new(p, None, None).test(condition).map_err(|e| e.message)
    }

    #[test]
    fn settings_speak_the_programme_language() {
        let da = programme("da", "");
        let sv = programme("sv", "");
        assert_eq!(quote(&da, "meetings.every").unwrap(), "hver 2. måned");
        assert_eq!(quote(&sv, "meetings.every").unwrap(), "varannan månad");
        assert_eq!(quote(&sv, "roles.mentee | definite | capitalize").unwrap(), "Adepten");
        assert_eq!(quote(&sv, "roles.leader | definite").unwrap(), "chefen");
        assert_eq!(quote(&da, "dates.kickoff").unwrap(), "onsdag den 24. august 2011 kl. 14.00–16.00");
        assert_eq!(quote(&da, "roles_diagram.count | words").unwrap(), "tre");
        assert_eq!(quote(&sv, "roles_diagram.count | words").unwrap(), "tre");
        assert_eq!(quote(&da, "name | upper").unwrap(), "MENTORORDNINGEN");
    }

    #[test]
    fn who_does_a_step_has_words() {
        let p = programme(
            "da",
            "unit: Lederakademiet\nprocess:\n  support: unit\n  matched_by: leader\n  evaluation:\n    programme: hr\n",
        );
        assert_eq!(quote(&p, "process.support").unwrap(), "Lederakademiet");
        assert_eq!(quote(&p, "process.matched_by | definite").unwrap(), "lederen");
        assert_eq!(quote(&p, "process.evaluation.programme | definite").unwrap(), "HR");
    }

    #[test]
    fn unknown_names_suggest_the_nearest() {
        let p = programme("da", "");
        let v = Vocabulary::new(&p, None, None);
        let e = v.quote("meetings.evry", true).unwrap_err();
        assert_eq!(e.message, "unknown setting `meetings.evry`");
        assert_eq!(e.help.as_deref(), Some("did you mean `meetings.every`?"));
        let e = v.quote("name | capitalise", true).unwrap_err();
        assert_eq!((e.offset, e.help.as_deref()), (7, Some("did you mean `capitalize`?")));
        assert_eq!(nearest("duraton", ["duration", "name"]), Some("duration"));
        assert_eq!(nearest("xyz", ["duration"]), None);
    }

    #[test]
    fn an_unset_fact_is_an_error_only_where_it_is_required() {
        let p = programme("da", "");
        let v = Vocabulary::new(&p, None, None);
        let e = v.quote("max_mentees_per_mentor", true).unwrap_err();
        assert!(e.message.contains("is not set in `content/randers/programme.yaml`"), "{e:?}");
        assert!(e.help.unwrap().contains("{% if max_mentees_per_mentor %}"));
        assert_eq!(v.quote("max_mentees_per_mentor", false).unwrap(), "");
        // Asked again, a quote gives what it gave, error or text, for each of required or not.
        assert!(v.quote("max_mentees_per_mentor", true).unwrap_err().message.contains("is not set"));
        assert_eq!(v.quote("max_mentees_per_mentor", false).unwrap(), "");
        assert!(v.quote("max_mentees_per_mentor | shout", false).is_err());
    }

    #[test]
    fn conditions_test_choices_facts_and_flags() {
        let p = programme(
            "da",
            "process:\n  first_contact: mentee\n  support: hr\n  evaluation:\n    each_meeting: true\n",
        );
        assert_eq!(test(&p, "process.first_contact == \"mentee\""), Ok(true));
        assert_eq!(test(&p, "process.first_contact == mentor"), Ok(false));
        assert_eq!(test(&p, "process.first_contact != mentor"), Ok(true));
        assert_eq!(test(&p, "process.support in [hr, unit]"), Ok(true));
        assert_eq!(test(&p, "process.matched_by in [hr, unit]"), Ok(false));
        assert_eq!(test(&p, "not process.matched_by"), Ok(true));
        assert_eq!(test(&p, "process.evaluation.each_meeting and meetings.every"), Ok(true));
        assert_eq!(test(&p, "max_mentees_per_mentor or process.support == hr"), Ok(true));
        assert_eq!(test(&p, "not (meetings.every and unit)"), Ok(true));
        let roles = Some(super::Present {
            kept: vec!["networker", "adviser"],
            known: vec!["networker", "coach", "adviser"],
        });
        let v = Vocabulary::new(&p, roles, None);
        assert_eq!(v.test("roles_diagram.has.coach"), Ok(false));
        assert_eq!(v.test("roles_diagram.has.adviser and not roles_diagram.has.coach"), Ok(true));
        let e = v.test("roles_diagram.has.kouch").unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.help.as_deref()),
            ("the roles diagram has no role `kouch`", Some("the roles are `networker`, `coach`, `adviser`"))
        );
    }

    #[test]
    fn conditions_refuse_unknown_words_and_list_the_choices() {
        let p = programme("da", "");
        let v = Vocabulary::new(&p, None, None);
        let e = v.test("process.first_contact == hr").unwrap_err();
        assert_eq!(e.message, "`hr` is not a choice of `process.first_contact`");
        assert_eq!(e.help.as_deref(), Some("the choices are `mentee`, `mentor`"));
        assert_eq!(e.offset, 25);
        let e = v.test("meetings.every == monthly").unwrap_err();
        assert!(e.message.contains("is not a choice, so it cannot be compared"), "{e:?}");
        assert!(v.test("process.first_contact ==").unwrap_err().message.contains("word to compare"));
        assert!(v.test("a b").unwrap_err().message.contains("goes on after"));
        assert!(v.test("process.first_kontakt").unwrap_err().help.unwrap().contains("process.first_contact"));
    }

    #[test]
    fn data_text_is_expanded_with_branches() {
        let p = programme("sv", "process:\n  first_contact: mentor\n");
        let v = Vocabulary::new(&p, None, None);
        assert_eq!(
            v.expand_text("{{ roles.mentor | definite | capitalize }} säger ofta").unwrap(),
            "Mentorn säger ofta"
        );
        assert_eq!(
            v.expand_text(
                "{% if process.first_contact == \"mentee\" %}Du{% else %}Mentorn{% endif %} ringer"
            )
            .unwrap(),
            "Mentorn ringer"
        );
        assert_eq!(v.expand_text("\\{{ name }}").unwrap(), "{{ name }}");
        let e = v.expand_text("a {% if unit %}b").unwrap_err();
        assert_eq!((e.offset, e.message.as_str()), (2, "this `{% if %}` is never closed"));
        let e = v.expand_text("{% endif %}").unwrap_err();
        assert!(e.message.contains("has no `{% if %}` before it"));
        assert!(
            v.expand_text("{{ worksheet(\"x\") }}").unwrap_err().message.contains("only be placed on pages")
        );
        assert!(v.expand_text("{% fi %}").unwrap_err().message.contains("not a tag"));
    }
}
