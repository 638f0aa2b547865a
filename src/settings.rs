//! A programme's settings: the facts its handbook quotes.
//!
//! Input: the text of `content/<id>/programme.yaml`. Output: a [`Programme`], parsed once, strictly
//! (unknown keys, wrong types and unknown units are errors with line and column), with the
//! language-dependent defaults (role names) resolved here so every later stage reads one value.
//!
//! The same types generate the JSON Schema (`handbook schema`), so editor completion and the parser
//! can never disagree.

use std::borrow::Cow;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use jiff::civil::Date;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize};
use serde_saphyr::Spanned;

use crate::diagnostic::Diagnostic;
use crate::lang::{
    Cadence, DAY_WORDS, HOUR_WORDS, Lang, MINUTE_WORDS, MONTH_WORDS, MeetingLength, Period, TimeRange,
    WEEK_WORDS, YEAR_WORDS,
};

/// The settings of one programme, as written in `programme.yaml`.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The programme's name, shown in the header of every page.
    pub name: String,
    /// The municipality or body that runs the programme.
    pub organisation: String,
    /// The department or centre that runs it, if any.
    #[serde(default)]
    pub unit: Option<String>,
    /// `da` (Danish) or `sv` (Swedish): the language of the whole site.
    pub language: Lang,
    /// The theme in `themes/` (default: `default`).
    #[serde(default)]
    pub theme: Option<String>,
    /// Who may be a mentee, as a phrase ("ledere på niveau 3, 4 og 5").
    pub audience: String,
    /// Who the mentors are, as a phrase ("erfarne chefer i kommunen").
    pub mentors: String,
    /// Other words for the roles; the language's defaults otherwise.
    #[serde(default)]
    pub roles: RoleSettings,
    /// How often and how long the pairs meet.
    pub meetings: Meetings,
    /// How long the programme runs: `12 months`, `1 year`, `40 weeks`.
    pub duration: Setting<Period>,
    /// The most mentees one mentor should have.
    #[serde(default)]
    pub max_mentees_per_mentor: Option<MaxMentees>,
    /// Key dates; each is a date (`2011-05-25`) or an event with a time and place.
    #[serde(default)]
    pub dates: KeyDates,
    /// People to contact about the programme.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Which base pages to leave out.
    #[serde(default)]
    pub pages: PageRules,
    /// Logo and accent colour.
    #[serde(default)]
    pub branding: Branding,
    /// Let raw HTML in the programme's Markdown through (default: escaped as text).
    #[serde(default)]
    pub allow_raw_html: bool,
    /// The facts of the accessibility statement the law requires (EU 2016/2102, model statement
    /// of Implementing Decision (EU) 2018/1523).
    pub accessibility: Accessibility,
}

/// The accessibility statement's facts.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// How far the site conforms to WCAG 2.1 AA (EN 301 549): `full`, `partial` or `not`.
    pub status: Conformance,
    /// When the site was assessed, YYYY-MM-DD.
    pub assessed: Setting<Day>,
    /// How: `self-assessment` or `third-party`.
    pub method: AssessmentMethod,
    /// Who assessed it, when a third party did.
    #[serde(default)]
    pub assessor: Option<String>,
    /// When the statement was last reviewed, YYYY-MM-DD.
    pub reviewed: Setting<Day>,
    /// Where readers report problems and ask for content in another form.
    pub feedback: Feedback,
    /// Content that is not accessible, and why.
    #[serde(default)]
    pub non_accessible: Vec<NonAccessible>,
    /// Denmark: the address of the programme's statement in Digitaliseringsstyrelsen's WAS-Tool.
    #[serde(default)]
    pub was_tool_url: Option<String>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Conformance {
    Full,
    Partial,
    Not,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum AssessmentMethod {
    SelfAssessment,
    ThirdParty,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Feedback {
    pub email: String,
    #[serde(default)]
    pub phone: Option<String>,
    /// A contact form, if there is one.
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NonAccessible {
    /// What is not accessible.
    pub content: String,
    /// Why: the WCAG criterion it fails, a disproportionate burden, or content outside the law.
    pub reason: String,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meetings {
    /// How often the pair meets: `2 months`, `6 weeks`, `1-2 months`.
    pub every: Setting<Cadence>,
    /// How long a meeting lasts: `90 minutes`, `2 hours`.
    pub length: Setting<MeetingLength>,
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleSettings {
    /// The person being mentored (Danish default `mentee`, Swedish `adept`).
    #[serde(default)]
    pub mentee: Option<RoleName>,
    /// The experienced leader (default `mentor`).
    #[serde(default)]
    pub mentor: Option<RoleName>,
}

/// The four forms of a role word that running text needs.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RoleName {
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

    pub fn default_mentee(lang: Lang) -> Self {
        match lang {
            Lang::Danish => RoleName::new("mentee", "mentees", "menteen", "menteene"),
            Lang::Swedish => RoleName::new("adept", "adepter", "adepten", "adepterna"),
        }
    }

    pub fn default_mentor(lang: Lang) -> Self {
        match lang {
            Lang::Danish => RoleName::new("mentor", "mentorer", "mentoren", "mentorerne"),
            Lang::Swedish => RoleName::new("mentor", "mentorer", "mentorn", "mentorerna"),
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyDates {
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

impl KeyDates {
    /// The dates that are set, with their setting name, in a fixed order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Event)> {
        [
            ("signup_deadline", &self.signup_deadline),
            ("kickoff", &self.kickoff),
            ("evaluation", &self.evaluation),
        ]
        .into_iter()
        .filter_map(|(name, e)| e.as_ref().map(|e| (name, e)))
    }
}

/// A day, optionally with a time range and a place.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
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
        return Err(format!("`{text}` is not a date: write it as YYYY-MM-DD, e.g. `2011-08-24`"));
    }
    text.parse::<Date>().map_err(|_| format!("`{text}` is not a date that exists in the calendar"))
}

#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageRules {
    /// `false`: inherit no base pages at all (a site that is not a handbook, such as the guide).
    #[serde(default = "yes")]
    pub inherit: bool,
    /// Base pages to leave out, by path: `vaerktoejer/lederniveau.md`.
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
pub struct Branding {
    /// A logo file inside the programme folder, e.g. `assets/logo.svg`.
    #[serde(default)]
    pub logo: Option<String>,
    /// The accent colour as `#rrggbb`; dark enough for white text on it.
    #[serde(default)]
    pub accent: Option<Setting<Colour>>,
}

/// A colour written `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour(pub [u8; 3]);

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
    /// WCAG 2.1 contrast ratio against white.
    pub fn contrast_with_white(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        let [r, g, b] = self.0;
        let l = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
        1.05 / (l + 0.05)
    }
}

/// The most mentees per mentor: a whole number from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MaxMentees(pub u32);

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
pub struct Setting<T>(pub T);

/// What a setting's text must look like, for the schema.
pub trait SettingText: FromStr<Err = String> {
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
pub struct Day(pub Date);

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

/// A programme ready for the pipeline: its id, settings, and resolved role words.
#[derive(Clone, Debug)]
pub struct Programme {
    pub id: String,
    pub settings: Settings,
    pub mentee: RoleName,
    pub mentor: RoleName,
}

impl Programme {
    pub fn lang(&self) -> Lang {
        self.settings.language
    }

    /// Parses `programme.yaml` of programme `id`.
    pub fn parse(id: &str, text: &str, file: &Path) -> Result<Programme, Diagnostic> {
        let settings: Settings = crate::yaml::parse(text, file, 0)?;
        let lang = settings.language;
        let mentee = settings.roles.mentee.clone().unwrap_or_else(|| RoleName::default_mentee(lang));
        let mentor = settings.roles.mentor.clone().unwrap_or_else(|| RoleName::default_mentor(lang));
        Ok(Programme { id: id.to_owned(), settings, mentee, mentor })
    }
}

/// A programme id is a folder name and part of every URL and storage key.
pub fn validate_id(id: &str) -> Result<(), String> {
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
