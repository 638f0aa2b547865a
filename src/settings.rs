//! A programme's settings: the facts and the process its handbook states.
//!
//! Input: the text of `content/<id>/programme.yaml`. Output: a [`Programme`], parsed once,
//! strictly (unknown keys, wrong types, unknown units and unknown choices are errors with line and
//! column), then checked as a whole: placeholders left from `handbook new` and example addresses
//! are refused, the accent colour must carry white text, the accessibility facts must agree.
//! The language-dependent defaults (role words) are resolved here so every later stage reads one
//! value.
//!
//! Facts a programme does not give are `None`, and the pages say what is true without them. The
//! same types generate the JSON Schema (`handbook schema`), so editor completion and the parser
//! can never disagree.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use jiff::civil::Date;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_saphyr::{Location, Spanned};

use crate::diagnostic::{Diagnostic, Problems};
use crate::lang::{
    Cadence, DAY_WORDS, HOUR_WORDS, Lang, MINUTE_WORDS, MONTH_WORDS, MeetingLength, Period, TimeRange,
    WEEK_WORDS, YEAR_WORDS,
};

/// The settings of one programme, as written in `programme.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Settings {
    /// The programme's name, shown in the header of every page.
    pub name: Text,
    /// The municipality or body that runs the programme.
    pub organisation: Text,
    /// The department or centre that runs it, if any.
    #[serde(default)]
    pub unit: Option<Text>,
    /// `da` (Danish) or `sv` (Swedish): the language of the whole site.
    pub language: Lang,
    /// The theme in `themes/` (default: `default`).
    #[serde(default)]
    pub theme: Option<String>,
    /// Who may be a mentee, as a phrase ("ledere på niveau 3, 4 og 5").
    pub audience: Text,
    /// Who the mentors are, as a phrase ("erfarne chefer i kommunen").
    pub mentors: Text,
    /// Other words for the roles; the language's defaults otherwise.
    #[serde(default)]
    pub roles: RoleSettings,
    /// How often and how long the pairs meet, where the programme says so.
    #[serde(default)]
    pub meetings: Meetings,
    /// How long one mentorship runs: `12 months`, `1 year`, `40 weeks`.
    #[serde(default)]
    pub duration: Option<Setting<Period>>,
    /// The most mentees one mentor should have.
    #[serde(default)]
    pub max_mentees_per_mentor: Option<MaxMentees>,
    /// How the programme runs: who applies, who matches, who does what.
    #[serde(default)]
    pub process: Process,
    /// Key dates; each is a date (`2011-05-25`) or an event with a time and place.
    #[serde(default)]
    pub dates: KeyDates,
    /// People to contact about the programme.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Which base pages and sections to leave out.
    #[serde(default)]
    pub pages: PageRules,
    /// Which roles of the base diagram to leave out.
    #[serde(default)]
    pub roles_diagram: DiagramRules,
    /// Interface strings of the theme that this programme words differently, by key.
    #[serde(default)]
    pub strings: BTreeMap<String, Text>,
    /// More groups of words that mean the same to a reader, for search (the theme has the
    /// handbook's own in `i18n/<lang>.search.yaml`): `[[MUS, medarbejderudviklingssamtale]]`.
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
    /// Logo and accent colour.
    #[serde(default)]
    pub branding: Branding,
    /// Let raw HTML in the programme's Markdown through (default: escaped as text).
    #[serde(default)]
    pub allow_raw_html: bool,
    /// The facts of the accessibility statement the law requires (EU 2016/2102, model statement
    /// of Implementing Decision (EU) 2018/1523). Without them the site has no statement, and
    /// `handbook check` says so.
    #[serde(default)]
    pub accessibility: Option<Accessibility>,
}

/// Free text from `programme.yaml`, with the place it was written, for messages about it.
#[derive(Clone, Debug)]
pub(crate) struct Text {
    pub value: String,
    pub at: Location,
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<String>::deserialize(d)?;
        Ok(Text { value: s.value, at: s.referenced })
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.value)
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
    }
}

/// A value `handbook new` wrote for a person to replace: `<kommunens navn>`.
pub(crate) fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    t.len() > 2 && t.starts_with('<') && t.ends_with('>')
}

/// An address at a domain reserved for examples (`hr@example.dk`, `https://example.se/x`).
pub(crate) fn is_example_address(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.match_indices("example.").any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        matches!(before, Some('@' | '.' | '/'))
    })
}

/// Defines a setting whose value is one word from a fixed list, with its wording in
/// `programme.yaml` and the list shown in messages and in the schema.
macro_rules! choice {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum $name { $($(#[$vdoc])* $variant),+ }

        impl Choice for $name {
            const ALL: &'static [(&'static str, Self)] = &[$(($word, $name::$variant)),+];
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let word = String::deserialize(d)?;
                <$name as Choice>::parse(&word).map_err(serde::de::Error::custom)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({ "type": "string", "enum": [$($word),+] })
            }
        }
    };
}

/// A setting that is one word of a fixed list.
pub(crate) trait Choice: Copy + PartialEq + 'static {
    const ALL: &'static [(&'static str, Self)];

    fn word(self) -> &'static str {
        Self::ALL.iter().find(|(_, v)| *v == self).map_or("", |(w, _)| w)
    }

    fn words() -> Vec<&'static str> {
        Self::ALL.iter().map(|(w, _)| *w).collect()
    }

    fn parse(word: &str) -> Result<Self, String> {
        Self::ALL.iter().find(|(w, _)| *w == word).map(|(_, v)| *v).ok_or_else(|| {
            let list = Self::words().iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ");
            format!("`{word}` is not one of the choices here: {list}")
        })
    }
}

choice!(
    /// How a mentee gets a mentor.
    MenteeJoins {
        /// The mentee applies (or signs up).
        Apply = "apply",
        /// The mentee chooses a mentor from a list of mentors.
        Choose = "choose",
        /// The mentee is offered a mentor.
        Offered = "offered",
    }
);

choice!(
    /// How the mentors are found.
    MentorJoins {
        /// Mentors are appointed; nobody applies to be one.
        Appointed = "appointed",
        /// Leaders apply (or sign up) to be mentors.
        Apply = "apply",
        /// Leaders are invited to be mentors.
        Invited = "invited",
    }
);

choice!(
    /// Who in the organisation does a part of the process.
    Party {
        /// HR.
        Hr = "hr",
        /// The unit that runs the programme (`unit`).
        Unit = "unit",
        /// The mentee's own leader (`roles.leader`).
        Leader = "leader",
    }
);

choice!(
    /// Who in the organisation runs a part of the programme as a whole.
    Office {
        /// HR.
        Hr = "hr",
        /// The unit that runs the programme (`unit`).
        Unit = "unit",
    }
);

impl Office {
    pub fn party(self) -> Party {
        match self {
            Office::Hr => Party::Hr,
            Office::Unit => Party::Unit,
        }
    }
}

choice!(
    /// One of the pair.
    Partner {
        Mentee = "mentee",
        Mentor = "mentor",
    }
);

choice!(
    /// Who of the pair plans the meetings.
    Planner {
        Mentee = "mentee",
        Mentor = "mentor",
        /// Both, together.
        Pair = "pair",
    }
);

/// How the programme runs. Every part is optional: a handbook says nothing about a step its
/// programme does not describe.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Process {
    /// How a mentee gets a mentor: `apply`, `choose` (from a list of mentors) or `offered`.
    #[serde(default)]
    pub mentee_joins: Option<MenteeJoins>,
    /// How mentors are found: `appointed`, `apply` or `invited`.
    #[serde(default)]
    pub mentor_joins: Option<MentorJoins>,
    /// Where applications and sign-ups go, and who keeps the list of mentors: `hr` or `unit`.
    #[serde(default)]
    pub applications_to: Option<Office>,
    /// A mentee decides together with their own leader whether to seek a mentor.
    #[serde(default)]
    pub decided_with_leader: Option<bool>,
    /// Who matches mentors and mentees: `hr`, `unit` or `leader`.
    #[serde(default)]
    pub matched_by: Option<Party>,
    /// Who makes the first contact: `mentee` or `mentor`.
    #[serde(default)]
    pub first_contact: Option<Partner>,
    /// Who plans the meetings and sets the agenda: `mentee`, `mentor` or `pair`.
    #[serde(default)]
    pub plans_meetings: Option<Planner>,
    /// Who takes questions and gives support along the way: `hr`, `unit` or `leader`.
    #[serde(default)]
    pub support: Option<Party>,
    /// Either partner may end the mentorship early at any time, and tells: `hr`, `unit` or
    /// `leader`. Unset, the handbook says nothing about ending early.
    #[serde(default)]
    pub early_end: Option<Party>,
    /// Who evaluates, and when.
    #[serde(default)]
    pub evaluation: Evaluation,
    /// The training mentors get, as a phrase ("en halv dags uddannelse i coachende samtaler").
    #[serde(default)]
    pub mentor_training: Option<Text>,
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Evaluation {
    /// The pair evaluates briefly at the end of every meeting.
    #[serde(default)]
    pub each_meeting: Option<bool>,
    /// The mentorship ends with an evaluation meeting with: `hr`, `unit` or `leader`.
    #[serde(default)]
    pub final_meeting: Option<Party>,
    /// Who evaluates the programme as a whole: `hr`, `unit` or `leader` (the mentees' leaders).
    #[serde(default)]
    pub programme: Option<Party>,
}

/// The accessibility statement's facts.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Accessibility {
    /// How far the site conforms to WCAG 2.1 AA (EN 301 549): `full`, `partial` or `not`.
    pub status: Conformance,
    /// When the site was assessed, YYYY-MM-DD.
    #[schemars(with = "Setting<Day>")]
    pub assessed: Spanned<Setting<Day>>,
    /// How: `self-assessment` or `third-party`.
    #[schemars(with = "AssessmentMethod")]
    pub method: Spanned<AssessmentMethod>,
    /// Who assessed it, when a third party did.
    #[serde(default)]
    pub assessor: Option<Text>,
    /// When the statement was last reviewed, YYYY-MM-DD.
    #[schemars(with = "Setting<Day>")]
    pub reviewed: Spanned<Setting<Day>>,
    /// Where readers report problems and ask for content in another form.
    pub feedback: Feedback,
    /// Content that is not accessible, and why.
    #[serde(default)]
    pub non_accessible: Vec<NonAccessible>,
    /// Denmark: the address of the programme's statement in Digitaliseringsstyrelsen's WAS-Tool.
    #[serde(default)]
    pub was_tool_url: Option<Text>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Conformance {
    Full,
    Partial,
    Not,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum AssessmentMethod {
    SelfAssessment,
    ThirdParty,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Feedback {
    pub email: Text,
    #[serde(default)]
    pub phone: Option<Text>,
    /// A contact form, if there is one.
    #[serde(default)]
    pub url: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NonAccessible {
    /// What is not accessible.
    pub content: Text,
    /// Why: the WCAG criterion it fails, a disproportionate burden, or content outside the law.
    pub reason: Text,
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Meetings {
    /// How often the pair meets: `2 months`, `6 weeks`, `1-2 months`.
    #[serde(default)]
    pub every: Option<Setting<Cadence>>,
    /// How long a meeting lasts: `90 minutes`, `2 hours`.
    #[serde(default)]
    pub length: Option<Setting<MeetingLength>>,
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoleSettings {
    /// The person being mentored (Danish default `mentee`, Swedish `adept`).
    #[serde(default)]
    pub mentee: Option<RoleName>,
    /// The experienced leader (default `mentor`).
    #[serde(default)]
    pub mentor: Option<RoleName>,
    /// The mentee's own leader (Danish default `leder`, Swedish `chef`).
    #[serde(default)]
    pub leader: Option<RoleName>,
}

/// The four forms of a role word that running text needs.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoleName {
    pub singular: String,
    pub plural: String,
    pub definite: String,
    pub definite_plural: String,
}

impl RoleName {
    fn new(singular: &str, plural: &str, definite: &str, definite_plural: &str) -> Self {
        RoleName {
            singular: singular.into(),
            plural: plural.into(),
            definite: definite.into(),
            definite_plural: definite_plural.into(),
        }
    }

    fn default_mentee(lang: Lang) -> Self {
        match lang {
            Lang::Danish => RoleName::new("mentee", "mentees", "menteen", "menteene"),
            Lang::Swedish => RoleName::new("adept", "adepter", "adepten", "adepterna"),
        }
    }

    fn default_mentor(lang: Lang) -> Self {
        match lang {
            Lang::Danish => RoleName::new("mentor", "mentorer", "mentoren", "mentorerne"),
            Lang::Swedish => RoleName::new("mentor", "mentorer", "mentorn", "mentorerna"),
        }
    }

    fn default_leader(lang: Lang) -> Self {
        match lang {
            Lang::Danish => RoleName::new("leder", "ledere", "lederen", "lederne"),
            Lang::Swedish => RoleName::new("chef", "chefer", "chefen", "cheferna"),
        }
    }

    fn forms(&self) -> [&str; 4] {
        [&self.singular, &self.plural, &self.definite, &self.definite_plural]
    }
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct KeyDates {
    /// Last day to sign up.
    #[serde(default)]
    pub signup_deadline: Option<Event>,
    /// The joint start.
    #[serde(default)]
    pub kickoff: Option<Event>,
    /// The evaluation meeting.
    #[serde(default)]
    pub evaluation: Option<Event>,
}

/// The key dates a programme may set, by their name in `programme.yaml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum DateName {
    SignupDeadline,
    Kickoff,
    Evaluation,
}

impl DateName {
    pub fn key(self) -> &'static str {
        match self {
            DateName::SignupDeadline => "signup_deadline",
            DateName::Kickoff => "kickoff",
            DateName::Evaluation => "evaluation",
        }
    }
}

impl KeyDates {
    /// The dates that are set, in a fixed order.
    pub fn iter(&self) -> impl Iterator<Item = (DateName, &Event)> {
        [
            (DateName::SignupDeadline, &self.signup_deadline),
            (DateName::Kickoff, &self.kickoff),
            (DateName::Evaluation, &self.evaluation),
        ]
        .into_iter()
        .filter_map(|(name, e)| e.as_ref().map(|e| (name, e)))
    }
}

/// A day, optionally with a time range and a place.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Event {
    pub date: Date,
    pub time: Option<TimeRange>,
    pub place: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventFields {
    date: Setting<Day>,
    #[serde(default)]
    time: Option<Setting<TimeRange>>,
    #[serde(default)]
    place: Option<String>,
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Not `#[serde(untagged)]`: it would replace the inner message ("not a date that exists")
        // with a generic one. A visitor keeps it.
        struct EventVisitor;
        impl<'de> serde::de::Visitor<'de> for EventVisitor {
            type Value = Event;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a date like `2011-08-24`, or `{ date: 2011-08-24, time: \"14:00-16:00\", place: ... }`",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Event, E> {
                let date = parse_date(v).map_err(E::custom)?;
                Ok(Event { date, time: None, place: None })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Event, A::Error> {
                let f = EventFields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Event { date: f.date.0.0, time: f.time.map(|t| t.0), place: f.place })
            }
        }
        d.deserialize_any(EventVisitor)
    }
}

impl JsonSchema for Event {
    fn schema_name() -> Cow<'static, str> {
        "Event".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date (YYYY-MM-DD), or a date with a time range and a place.",
            "oneOf": [
                { "type": "string", "pattern": DATE_PATTERN, "format": "date" },
                {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["date"],
                    "properties": {
                        "date": { "type": "string", "pattern": DATE_PATTERN, "format": "date" },
                        "time": { "type": "string", "pattern": TIME_PATTERN, "description": "14:00 or 14:00-16:00" },
                        "place": { "type": "string" }
                    }
                }
            ]
        })
    }
}

const DATE_PATTERN: &str = r"^\d{4}-\d{2}-\d{2}$";
const TIME_PATTERN: &str = r"^\d{1,2}[:.]\d{2}(\s*[-–]\s*\d{1,2}[:.]\d{2})?$";

fn parse_date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let shape_ok = text.len() == 10
        && text.chars().enumerate().all(|(i, c)| match i {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(match iso_guess(text) {
            Some(iso) => format!("`{text}` is not a date: write it as YYYY-MM-DD; did you mean `{iso}`?"),
            None => format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. `2011-08-24`"),
        });
    }
    text.parse::<Date>().map_err(|_| format!("`{text}` is not a date that exists in the calendar"))
}

/// `3/3/2027`, `24.8.2011`, `24-08-2011` as the ISO date they most likely mean (day first, as
/// Danes and Swedes write them), when that date exists.
fn iso_guess(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(['/', '.', '-']).map(str::trim).collect();
    let [day, month, year] = parts[..] else { return None };
    let (day, month, year): (i8, i8, i16) = (day.parse().ok()?, month.parse().ok()?, year.parse().ok()?);
    if year < 1000 {
        return None;
    }
    let date = Date::new(year, month, day).ok()?;
    Some(date.to_string())
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Contact {
    pub name: Text,
    #[serde(default)]
    pub title: Option<Text>,
    #[serde(default)]
    pub unit: Option<Text>,
    #[serde(default)]
    pub email: Option<Text>,
    #[serde(default)]
    pub phone: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageRules {
    /// `false`: inherit no base pages at all (a site that is not a handbook, such as the guide).
    #[serde(default = "yes")]
    pub inherit: bool,
    /// Base pages to leave out, by path (`vaerktoejer/lederniveau.md`), and sections of base
    /// pages, by path and heading id (`forloebet.md#evaluering`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub drop: Vec<Spanned<String>>,
}

impl Default for PageRules {
    fn default() -> Self {
        PageRules { inherit: true, drop: Vec::new() }
    }
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DiagramRules {
    /// Roles of the diagram to leave out, by their `id` in `roles.yaml` (`coach`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub drop: Vec<Spanned<String>>,
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Branding {
    /// A logo file inside the programme folder, e.g. `assets/logo.svg`.
    #[serde(default)]
    pub logo: Option<Text>,
    /// The accent colour as `#rrggbb`; dark enough for white text on it.
    #[serde(default)]
    pub accent: Accent,
}

/// The accent colour, if one is set. A key with no value is an error rather than no colour:
/// `accent: #0b5c7a` without quotes is a YAML comment, and the colour would vanish silently.
#[derive(Clone, Debug, Default)]
pub(crate) struct Accent(pub Option<Spanned<Setting<Colour>>>);

impl<'de> Deserialize<'de> for Accent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Option::<Spanned<Setting<Colour>>>::deserialize(d)? {
            Some(colour) => Ok(Accent(Some(colour))),
            None => Err(serde::de::Error::custom(
                "the accent colour is empty; written without quotes, `#0b5c7a` is a YAML comment: write `accent: \"#0b5c7a\"`",
            )),
        }
    }
}

impl JsonSchema for Accent {
    fn schema_name() -> Cow<'static, str> {
        "Accent".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        Setting::<Colour>::json_schema(generator)
    }
}

/// A colour written `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Colour(pub [u8; 3]);

impl FromStr for Colour {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let hex = s.trim().strip_prefix('#').filter(|h| h.len() == 6 && h.is_ascii());
        let channel = |h: &str, i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
        match hex.and_then(|h| Some([channel(h, 0)?, channel(h, 2)?, channel(h, 4)?])) {
            Some(rgb) => Ok(Colour(rgb)),
            None => Err(format!("`{s}` is not a colour: write it as `#rrggbb`, e.g. `#0b5c7a`")),
        }
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl Colour {
    /// WCAG 2.1 relative luminance.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        let [r, g, b] = self.0;
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// WCAG 2.1 contrast ratio between two colours.
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    pub const WHITE: Colour = Colour([255, 255, 255]);

    /// This colour, lightened just enough to reach `ratio` against `background` (a dark one).
    pub fn lightened_for(self, background: Colour, ratio: f64) -> Colour {
        let mut rgb = self.0;
        for _ in 0..100 {
            if Colour(rgb).contrast(background) >= ratio {
                break;
            }
            rgb = rgb.map(|v| v + ((255 - v) / 8).max(1));
        }
        Colour(rgb)
    }
}

/// The most mentees per mentor: a whole number from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct MaxMentees(pub u32);

impl<'de> Deserialize<'de> for MaxMentees {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = i64::deserialize(d)?;
        match u32::try_from(n) {
            Ok(n) if (1..=100).contains(&n) => Ok(MaxMentees(n)),
            _ => Err(serde::de::Error::custom(format!(
                "max_mentees_per_mentor must be a whole number from 1 to 100, not `{n}`"
            ))),
        }
    }
}

impl JsonSchema for MaxMentees {
    fn schema_name() -> Cow<'static, str> {
        "MaxMentees".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "integer", "minimum": 1, "maximum": 100 })
    }
}

/// A value written as text in YAML and parsed with its own rules (units, dates, colours).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Setting<T>(pub T);

/// What a setting's text must look like, for the schema.
pub(crate) trait SettingText: FromStr<Err = String> {
    const NAME: &'static str;
    const DESCRIPTION: &'static str;
    /// A JSON Schema `format`, where one fits.
    const FORMAT: Option<&'static str> = None;
    fn pattern() -> String;
}

/// `([dD][aA][yY]|...)`: unit words for a schema pattern, from the lists the parser uses. Case is
/// spelled out letter by letter because the ECMA-262 regexes of JSON Schema have no `(?i)`.
fn words(lists: &[&[&str]]) -> String {
    let any_case = |word: &str| -> String {
        word.chars()
            .map(|c| {
                let (lower, upper): (String, String) =
                    (c.to_lowercase().collect(), c.to_uppercase().collect());
                if lower == upper { lower } else { format!("[{lower}{upper}]") }
            })
            .collect()
    };
    let all: Vec<String> = lists.iter().flat_map(|l| l.iter().map(|w| any_case(w))).collect();
    format!("({})", all.join("|"))
}

impl SettingText for Cadence {
    const NAME: &'static str = "Cadence";
    const DESCRIPTION: &'static str =
        "How often: `2 months`, `6 weeks`, `1-2 months` (days, weeks or months).";
    fn pattern() -> String {
        format!(r"^\s*[1-9]\d*(\s*[-–]\s*[1-9]\d*)?\s+{}\s*$", words(&[DAY_WORDS, WEEK_WORDS, MONTH_WORDS]))
    }
}
impl SettingText for Period {
    const NAME: &'static str = "Period";
    const DESCRIPTION: &'static str = "How long: `12 months`, `40 weeks`, `1 year`.";
    fn pattern() -> String {
        format!(r"^\s*[1-9]\d*\s+{}\s*$", words(&[WEEK_WORDS, MONTH_WORDS, YEAR_WORDS]))
    }
}
impl SettingText for MeetingLength {
    const NAME: &'static str = "MeetingLength";
    const DESCRIPTION: &'static str = "How long a meeting lasts: `90 minutes`, `2 hours`, `1.5 hours`.";
    fn pattern() -> String {
        format!(r"^\s*\d+([.,]\d+)?\s+{}\s*$", words(&[MINUTE_WORDS, HOUR_WORDS]))
    }
}
impl SettingText for TimeRange {
    const NAME: &'static str = "TimeRange";
    const DESCRIPTION: &'static str = "A time `14:00` or a range `14:00-16:00`.";
    fn pattern() -> String {
        TIME_PATTERN.to_owned()
    }
}
impl SettingText for Colour {
    const NAME: &'static str = "Colour";
    const DESCRIPTION: &'static str = "A colour `#rrggbb`.";
    fn pattern() -> String {
        r"^#[0-9a-fA-F]{6}$".to_owned()
    }
}

/// A calendar day written YYYY-MM-DD; a day that does not exist (2011-02-30) is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Day(pub Date);

impl FromStr for Day {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        parse_date(s).map(Day)
    }
}

impl SettingText for Day {
    const NAME: &'static str = "Date";
    const DESCRIPTION: &'static str = "A date YYYY-MM-DD.";
    const FORMAT: Option<&'static str> = Some("date");
    fn pattern() -> String {
        DATE_PATTERN.to_owned()
    }
}

impl<'de, T: SettingText> Deserialize<'de> for Setting<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor<T>(std::marker::PhantomData<T>);
        impl<T: SettingText> serde::de::Visitor<'_> for TextVisitor<T> {
            type Value = Setting<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(T::DESCRIPTION)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Setting<T>, E> {
                if is_placeholder(v) {
                    return Err(E::custom(format!(
                        "`{v}` is a placeholder to replace: {} Or leave the setting out",
                        T::DESCRIPTION
                    )));
                }
                T::from_str(v).map(Setting).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Setting<T>, E> {
                Err(E::custom(format!("`{v}` has no unit: {}", T::DESCRIPTION)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Setting<T>, E> {
                Err(E::custom(format!("`{v}` has no unit: {}", T::DESCRIPTION)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Setting<T>, E> {
                Err(E::custom(format!("`{v}` has no unit: {}", T::DESCRIPTION)))
            }
        }
        d.deserialize_str(TextVisitor(std::marker::PhantomData))
    }
}

impl<T: SettingText> JsonSchema for Setting<T> {
    fn schema_name() -> Cow<'static, str> {
        T::NAME.into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut schema =
            json_schema!({ "type": "string", "pattern": T::pattern(), "description": T::DESCRIPTION });
        if let Some(format) = T::FORMAT {
            schema.insert("format".into(), format.into());
        }
        schema
    }
}

impl JsonSchema for Lang {
    fn schema_name() -> Cow<'static, str> {
        "Language".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "enum": ["da", "sv"], "description": "da (Danish) or sv (Swedish)" })
    }
}

/// The words a programme uses for its three roles, resolved once.
#[derive(Clone, Debug)]
pub(crate) struct RoleWords {
    pub mentee: RoleName,
    pub mentor: RoleName,
    pub leader: RoleName,
}

/// A programme ready for the pipeline: its id, settings, and resolved role words.
#[derive(Clone, Debug)]
pub(crate) struct Programme {
    pub id: String,
    /// Its `programme.yaml`.
    pub file: PathBuf,
    pub settings: Settings,
    pub words: RoleWords,
}

impl Programme {
    pub fn lang(&self) -> Lang {
        self.settings.language
    }

    /// Parses and checks `programme.yaml` of programme `id`. Every problem is reported, not
    /// only the first, except where the YAML itself cannot be read.
    pub fn parse(id: &str, text: &str, file: &Path) -> Result<Programme, Problems> {
        let settings: Settings = crate::yaml::parse(text, file, 0).map_err(|mut d| {
            // Unit words are listed in the file's language, when it can be told.
            #[derive(Deserialize)]
            struct Language {
                language: Option<Lang>,
            }
            let lang = serde_saphyr::from_str::<Language>(text).ok().and_then(|l| l.language);
            d.message = crate::lang::localize(&d.message, lang);
            if d.message.contains("unknown field") && d.help.is_none() {
                Problems::from(d.with_help("see `handbook schema` or `content/FORMAT.md` for every setting"))
            } else {
                Problems::from(d)
            }
        })?;
        let lang = settings.language;
        let roles = &settings.roles;
        let words = RoleWords {
            mentee: roles.mentee.clone().unwrap_or_else(|| RoleName::default_mentee(lang)),
            mentor: roles.mentor.clone().unwrap_or_else(|| RoleName::default_mentor(lang)),
            leader: roles.leader.clone().unwrap_or_else(|| RoleName::default_leader(lang)),
        };
        let programme = Programme { id: id.to_owned(), file: file.to_owned(), settings, words };
        let problems = programme.check(text);
        if problems.has_errors() { Err(problems) } else { Ok(programme) }
    }

    /// A message pointing at `at` in this programme's `programme.yaml`.
    pub fn error_at(&self, text: &str, at: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message).in_file(&self.file).at(text, at.line() as usize, at.column() as usize)
    }

    /// The checks that need the settings as a whole.
    fn check(&self, text: &str) -> Problems {
        let mut problems = Problems::default();
        let s = &self.settings;
        for (path, value) in self.texts() {
            if is_placeholder(value) {
                problems.push(
                    self.error_at(text, value.at, format!("`{path}` still holds the placeholder `{}`", value.trim()))
                        .with_help("write the real value, or leave the setting out if it is optional; a placeholder is never published"),
                );
            } else if is_example_address(value) {
                problems.push(
                    self.error_at(text, value.at, format!("`{path}` is an example address: `{}`", value.trim()))
                        .with_help("addresses at example.dk, example.se and the like reach nobody; write the real address, or leave it out"),
                );
            }
        }
        for (path, role) in [
            ("roles.mentee", &s.roles.mentee),
            ("roles.mentor", &s.roles.mentor),
            ("roles.leader", &s.roles.leader),
        ] {
            if let Some(role) = role
                && role.forms().iter().any(|f| f.trim().is_empty() || is_placeholder(f))
            {
                problems.push(
                    Diagnostic::error(format!("`{path}` needs all four forms of the word, none empty or a placeholder"))
                        .in_file(&self.file)
                        .with_help("e.g. `{ singular: mentee, plural: mentees, definite: menteen, definite_plural: menteene }`"),
                );
            }
        }
        let p = &s.process;
        let uses_unit = [
            p.applications_to.map(Office::party),
            p.matched_by,
            p.support,
            p.early_end,
            p.evaluation.final_meeting,
            p.evaluation.programme,
        ]
        .contains(&Some(Party::Unit));
        if uses_unit && s.unit.is_none() {
            problems.push(
                Diagnostic::error("the process names `unit`, but the programme has no `unit`")
                    .in_file(&self.file)
                    .with_help("set `unit:` to the department or centre that runs the programme, or name `hr` or `leader` instead"),
            );
        }
        if let Some(Spanned { value: Setting(colour), referenced, .. }) = &s.branding.accent.0 {
            let ratio = colour.contrast(Colour::WHITE);
            if ratio < 4.5 {
                problems.push(
                    self.error_at(text, *referenced, format!("the accent colour `{colour}` is too light: white text on it has a contrast of {ratio:.1}:1, and WCAG AA needs 4.5:1"))
                        .with_help("choose a darker colour"),
                );
            }
        }
        if let Some(a11y) = &s.accessibility {
            self.check_accessibility(a11y, text, &mut problems);
        }
        problems
    }

    fn check_accessibility(&self, a11y: &Accessibility, text: &str, problems: &mut Problems) {
        match (&a11y.was_tool_url, self.lang()) {
            (None, Lang::Danish) => problems.push(
                self.error_at(text, a11y.method.referenced, "a Danish site links to its accessibility statement in WAS-Tool, but `accessibility.was_tool_url` is not set")
                    .with_help("make the statement in Digitaliseringsstyrelsen's WAS-Tool and set its address, e.g. `was_tool_url: https://www.was.digst.dk/...`"),
            ),
            (Some(url), _) if !url.starts_with("https://") => problems.push(
                self.error_at(text, url.at, format!("`accessibility.was_tool_url` must be an https:// address, not `{}`", url.value))
                    .with_help("copy the address of the statement from WAS-Tool"),
            ),
            _ => {}
        }
        if a11y.method.value == AssessmentMethod::ThirdParty && a11y.assessor.is_none() {
            problems.push(
                self.error_at(
                    text,
                    a11y.method.referenced,
                    "the assessment was made by a third party, but `accessibility.assessor` does not say who",
                )
                .with_help("name the firm or body that assessed the site"),
            );
        }
        if a11y.status != Conformance::Full && a11y.non_accessible.is_empty() {
            problems.push(
                self.error_at(
                    text,
                    a11y.method.referenced,
                    "the site is not fully accessible, but `accessibility.non_accessible` lists nothing",
                )
                .with_help("list what is not accessible and why: `- { content: ..., reason: ... }`"),
            );
        }
        if a11y.reviewed.value.0.0 < a11y.assessed.value.0.0 {
            problems.push(
                self.error_at(
                    text,
                    a11y.reviewed.referenced,
                    "`accessibility.reviewed` is earlier than `accessibility.assessed`",
                )
                .with_help("the statement is reviewed after it is assessed"),
            );
        }
    }

    /// Every free-text value, with its path in `programme.yaml`, for the placeholder check.
    fn texts(&self) -> Vec<(String, &Text)> {
        let s = &self.settings;
        let mut all: Vec<(String, &Text)> = vec![
            ("name".into(), &s.name),
            ("organisation".into(), &s.organisation),
            ("audience".into(), &s.audience),
            ("mentors".into(), &s.mentors),
        ];
        let mut add: Vec<(String, Option<&Text>)> = vec![
            ("unit".to_owned(), s.unit.as_ref()),
            ("process.mentor_training".to_owned(), s.process.mentor_training.as_ref()),
            ("branding.logo".to_owned(), s.branding.logo.as_ref()),
        ];
        for (i, c) in s.contacts.iter().enumerate() {
            add.push((format!("contacts[{}].name", i + 1), Some(&c.name)));
            add.push((format!("contacts[{}].title", i + 1), c.title.as_ref()));
            add.push((format!("contacts[{}].unit", i + 1), c.unit.as_ref()));
            add.push((format!("contacts[{}].email", i + 1), c.email.as_ref()));
            add.push((format!("contacts[{}].phone", i + 1), c.phone.as_ref()));
        }
        for (key, value) in &s.strings {
            add.push((format!("strings.{key}"), Some(value)));
        }
        if let Some(a) = &s.accessibility {
            add.push(("accessibility.feedback.email".to_owned(), Some(&a.feedback.email)));
            add.push(("accessibility.feedback.phone".to_owned(), a.feedback.phone.as_ref()));
            add.push(("accessibility.feedback.url".to_owned(), a.feedback.url.as_ref()));
            add.push(("accessibility.assessor".to_owned(), a.assessor.as_ref()));
            add.push(("accessibility.was_tool_url".to_owned(), a.was_tool_url.as_ref()));
            for (i, n) in a.non_accessible.iter().enumerate() {
                add.push((format!("accessibility.non_accessible[{}].content", i + 1), Some(&n.content)));
                add.push((format!("accessibility.non_accessible[{}].reason", i + 1), Some(&n.reason)));
            }
        }
        all.extend(add.into_iter().filter_map(|(path, v)| v.map(|v| (path, v))));
        all
    }
}

/// A programme id is a folder name and part of every URL and storage key.
pub(crate) fn validate_id(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{id}` is not a valid programme id: use lower-case letters a-z, digits and hyphens, e.g. `randers` or `skole-og-dagtilbud`"
        ))
    }
}

/// The JSON Schema of `programme.yaml`, as `handbook schema` prints it and
/// `content/programme.schema.json` keeps it.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(Settings);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod schema_tests;

#[cfg(test)]
mod tests {
    use super::{Programme, is_example_address, is_placeholder};
    use std::path::Path;

    pub(crate) const MINIMAL: &str =
        "name: N\norganisation: O\nlanguage: da\naudience: nye ledere\nmentors: erfarne ledere\n";

    fn parse(extra: &str) -> Result<Programme, String> {
        Programme::parse("p", &format!("{MINIMAL}{extra}"), Path::new("programme.yaml"))
            .map_err(|p| p.render(Path::new("/"), false))
    }

    #[test]
    fn facts_and_process_may_be_left_out() {
        let p = parse("").unwrap();
        assert!(p.settings.meetings.every.is_none() && p.settings.duration.is_none());
        assert!(p.settings.process.first_contact.is_none());
        assert!(p.settings.accessibility.is_none());
        assert_eq!(p.words.leader.definite, "lederen");
    }

    #[test]
    fn process_choices_are_listed_when_wrong() {
        let err = parse("process:\n  first_contact: hr\n").unwrap_err();
        assert!(err.contains("`hr` is not one of the choices here: `mentee`, `mentor`"), "{err}");
        assert!(err.contains("programme.yaml:7:"), "{err}");
    }

    #[test]
    fn placeholders_and_example_addresses_are_refused_all_at_once() {
        let err = parse("unit: <afdelingens navn>\ncontacts:\n  - name: Jette\n    email: hr@example.dk\n")
            .unwrap_err();
        assert!(err.contains("`unit` still holds the placeholder `<afdelingens navn>`"), "{err}");
        assert!(err.contains("programme.yaml:6:7"), "{err}");
        assert!(err.contains("`contacts[1].email` is an example address: `hr@example.dk`"), "{err}");
        assert!(is_example_address("https://www.example.se/x") && is_example_address("a@example.com"));
        assert!(!is_example_address("counterexample.dk") && !is_example_address("hr@randers.dk"));
        assert!(is_placeholder(" <x> ") && !is_placeholder("<>") && !is_placeholder("a <b>"));
    }

    #[test]
    fn a_process_step_done_by_the_unit_needs_a_unit() {
        for step in ["support", "early_end"] {
            let err = parse(&format!("process:\n  {step}: unit\n")).unwrap_err();
            assert!(err.contains("the process names `unit`, but the programme has no `unit`"), "{err}");
            assert!(parse(&format!("unit: Lederakademiet\nprocess:\n  {step}: unit\n")).is_ok());
        }
    }

    #[test]
    fn an_accent_written_without_quotes_is_not_lost() {
        let err = parse("branding:\n  accent: #0b5c7a\n").unwrap_err();
        assert!(err.contains("the accent colour is empty"), "{err}");
        let err = parse("branding:\n  accent: \"#dddddd\"\n").unwrap_err();
        assert!(err.contains("is too light") && err.contains("programme.yaml:7:11"), "{err}");
    }

    #[test]
    fn a_date_written_the_danish_way_gets_its_iso_form_suggested() {
        let err = parse("dates:\n  kickoff: 3/3/2027\n").unwrap_err();
        assert!(err.contains("did you mean `2027-03-03`?"), "{err}");
        let err = parse("dates:\n  kickoff: 24.8.2011\n").unwrap_err();
        assert!(err.contains("did you mean `2011-08-24`?"), "{err}");
    }
}
