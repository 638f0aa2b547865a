//! Languages and the words they use for programme facts.
//!
//! Input: typed facts (a [`Cadence`], a meeting length in minutes, a [`Period`], a date, a time
//! range). Output: the phrase a Danish or Swedish reader expects ("hver 2. måned", "varannan månad",
//! "1½ time", "1,5 timmar"). Every sentence in a handbook that states a fact goes through here, so
//! the wording of a fact lives in exactly one place per language.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, Time, Weekday};
use serde::{Deserialize, Serialize};

/// A handbook language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Lang {
    #[serde(rename = "da")]
    Danish,
    #[serde(rename = "sv")]
    Swedish,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Danish, Lang::Swedish];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Danish => "da",
            Lang::Swedish => "sv",
        }
    }
}

impl Lang {
    /// The generated page with the accessibility statement's facts. In Sweden it is the statement
    /// itself; in Denmark the statement lives in WAS-Tool and this page holds the facts to copy there.
    pub fn statement_page(self) -> &'static str {
        match self {
            Lang::Danish => "tilgaengelighedserklaering.html",
            Lang::Swedish => "tillganglighetsredogorelse.html",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "da" => Ok(Lang::Danish),
            "sv" => Ok(Lang::Swedish),
            other => Err(format!(
                "unknown language `{other}`: valid languages are `da` (Danish) and `sv` (Swedish)"
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A calendar unit for how often pairs meet and how long a programme runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CalendarUnit {
    Day,
    Week,
    Month,
    Year,
}

/// The unit words a setting may use: English, Danish and Swedish, singular and plural. The
/// parser and the JSON Schema's patterns are both made from these lists.
pub(crate) const DAY_WORDS: &[&str] = &["day", "days", "dag", "dage", "dagar"];
pub(crate) const WEEK_WORDS: &[&str] = &["week", "weeks", "uge", "uger", "vecka", "veckor"];
pub(crate) const MONTH_WORDS: &[&str] = &["month", "months", "måned", "måneder", "månad", "månader"];
pub(crate) const YEAR_WORDS: &[&str] = &["year", "years", "år"];
pub(crate) const MINUTE_WORDS: &[&str] = &["minute", "minutes", "min", "minut", "minutter", "minuter"];
pub(crate) const HOUR_WORDS: &[&str] = &["hour", "hours", "h", "time", "timer", "timme", "timmar"];

impl CalendarUnit {
    /// Accepts English, Danish and Swedish unit words, singular or plural.
    pub fn parse(word: &str) -> Option<Self> {
        let word = word.to_lowercase();
        let is = |list: &[&str]| list.contains(&word.as_str());
        if is(DAY_WORDS) {
            Some(CalendarUnit::Day)
        } else if is(WEEK_WORDS) {
            Some(CalendarUnit::Week)
        } else if is(MONTH_WORDS) {
            Some(CalendarUnit::Month)
        } else if is(YEAR_WORDS) {
            Some(CalendarUnit::Year)
        } else {
            None
        }
    }

    fn word(self, lang: Lang, plural: bool) -> &'static str {
        match (lang, self, plural) {
            (Lang::Danish, CalendarUnit::Day, false) => "dag",
            (Lang::Danish, CalendarUnit::Day, true) => "dage",
            (Lang::Danish, CalendarUnit::Week, false) => "uge",
            (Lang::Danish, CalendarUnit::Week, true) => "uger",
            (Lang::Danish, CalendarUnit::Month, false) => "måned",
            (Lang::Danish, CalendarUnit::Month, true) => "måneder",
            (Lang::Swedish, CalendarUnit::Day, false) => "dag",
            (Lang::Swedish, CalendarUnit::Day, true) => "dagar",
            (Lang::Swedish, CalendarUnit::Week, false) => "vecka",
            (Lang::Swedish, CalendarUnit::Week, true) => "veckor",
            (Lang::Swedish, CalendarUnit::Month, false) => "månad",
            (Lang::Swedish, CalendarUnit::Month, true) => "månader",
            (_, CalendarUnit::Year, _) => "år",
        }
    }

    /// Swedish "var tredje vecka" agrees with the noun's gender: "vart tredje år".
    fn swedish_every(self) -> &'static str {
        match self {
            CalendarUnit::Year => "vart",
            _ => "var",
        }
    }
}

/// How often a pair meets: every `from` units, or every `from` to `to` units.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cadence {
    pub from: u32,
    pub to: u32,
    pub unit: CalendarUnit,
}

/// How long a programme runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Period {
    pub amount: u32,
    pub unit: CalendarUnit,
}

/// How long one meeting lasts, in whole minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MeetingLength {
    pub minutes: u32,
}

/// A time of day range such as 14:00–16:00, or a single start time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TimeRange {
    pub start: Time,
    pub end: Option<Time>,
}

/// Marks the byte offset of the word a message is about, at the start of the message: the YAML
/// reader moves its caret there (see `yaml.rs`).
pub(crate) const OFFSET_MARK: &str = "@@";

fn at(offset: usize, message: String) -> String {
    format!("{OFFSET_MARK}{offset}{OFFSET_MARK}{message}")
}

/// The unit words of a kind of setting in English, with the Danish and Swedish ones in
/// brackets; [`localize`] keeps only the words of the file's language.
fn unit_words(english: &str, danish: &str, swedish: &str) -> String {
    format!("{english} (Danish: {danish}; Swedish: {swedish})")
}

/// A message's unit words for one language only: `(Danish: uger, måneder; Swedish: ...)` becomes
/// `(or uger, måneder)`.
pub(crate) fn localize(message: &str, lang: Option<Lang>) -> String {
    let (Some(start), Some(lang)) = (message.find(" (Danish: "), lang) else { return message.to_owned() };
    let Some(end) = message[start..].find(')').map(|e| start + e) else { return message.to_owned() };
    let inside = &message[start + " (Danish: ".len()..end];
    let Some((danish, swedish)) = inside.split_once("; Swedish: ") else { return message.to_owned() };
    let words = match lang {
        Lang::Danish => danish,
        Lang::Swedish => swedish,
    };
    format!("{} (or {words}){}", &message[..start], &message[end + 1..])
}

/// Splits `2 months` into the number and the unit word, with the unit's offset. A cadence
/// written as a sentence (`hver 6. uge`, `varannan månad`) is explained.
fn split_amount<'a>(text: &'a str, example: &str) -> Result<(&'a str, &'a str, usize), String> {
    let lead = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    let Some((number, unit)) = trimmed.split_once(char::is_whitespace) else {
        return Err(at(
            lead,
            format!("`{trimmed}` has no unit: write a whole number and a unit, e.g. {example}"),
        ));
    };
    let unit_at = lead + trimmed.len() - unit.trim_start().len();
    if number.parse::<f64>().is_err()
        && !number.contains(['-', '–'])
        && !number.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        return Err(at(
            lead,
            format!("`{trimmed}` is written as words: write a whole number and a unit, e.g. {example}"),
        ));
    }
    Ok((number.trim(), unit.trim(), unit_at))
}

fn positive(number: &str, what: &str) -> Result<u32, String> {
    match number.parse::<u32>() {
        Ok(0) => Err(format!("{what} must be at least 1, not `0`")),
        Ok(n) if n > 1000 => Err(format!("{what} `{n}` is too large (at most 1000)")),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("`{number}` is not a whole number above zero")),
    }
}

impl FromStr for Cadence {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let (numbers, unit_word, unit_at) = split_amount(
            text,
            "`2 months`, `6 weeks` or `1-2 months` (Danish: `2 måneder`, `6 uger`; Swedish: `2 månader`, `6 veckor`)",
        )?;
        let (from, to) = match numbers.split_once(['-', '–']) {
            Some((a, b)) => (positive(a.trim(), "a cadence")?, positive(b.trim(), "a cadence")?),
            None => {
                let n = positive(numbers, "a cadence")?;
                (n, n)
            }
        };
        let unit = CalendarUnit::parse(unit_word).filter(|u| *u != CalendarUnit::Year).ok_or_else(|| {
            let units = unit_words("days, weeks or months", "dage, uger, måneder", "dagar, veckor, månader");
            at(unit_at, format!("unknown unit `{unit_word}` for a cadence: use {units}"))
        })?;
        if to < from {
            return Err(format!("the range `{numbers}` runs backwards: write the smaller number first"));
        }
        Ok(Cadence { from, to, unit })
    }
}

impl FromStr for Period {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let (number, unit_word, unit_at) = split_amount(
            text,
            "`12 months`, `40 weeks` or `1 year` (Danish: `12 måneder`, `1 år`; Swedish: `12 månader`, `1 år`)",
        )?;
        let amount = positive(number, "a duration")?;
        let unit = CalendarUnit::parse(unit_word).filter(|u| *u != CalendarUnit::Day).ok_or_else(|| {
            let units = unit_words("weeks, months or years", "uger, måneder, år", "veckor, månader, år");
            at(unit_at, format!("unknown unit `{unit_word}` for a duration: use {units}"))
        })?;
        Ok(Period { amount, unit })
    }
}

impl FromStr for MeetingLength {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let (number, unit_word, unit_at) = split_amount(
            text,
            "`90 minutes` or `2 hours` (Danish: `90 minutter`, `2 timer`; Swedish: `90 minuter`, `2 timmar`)",
        )?;
        let word = unit_word.to_lowercase();
        let per_unit = match word.as_str() {
            w if MINUTE_WORDS.contains(&w) => 1.0,
            w if HOUR_WORDS.contains(&w) => 60.0,
            _ => {
                let units = unit_words("minutes or hours", "minutter, timer", "minuter, timmar");
                return Err(at(
                    unit_at,
                    format!("unknown unit `{unit_word}` for a meeting length: use {units}"),
                ));
            }
        };
        let amount: f64 =
            number.replace(',', ".").parse().map_err(|_| format!("`{number}` is not a number"))?;
        let minutes = amount * per_unit;
        if minutes.is_nan() || minutes < 1.0 || minutes.fract() != 0.0 {
            return Err(format!("`{text}` must be a positive whole number of minutes"));
        }
        if minutes > 24.0 * 60.0 {
            return Err(format!("`{text}` is longer than a day"));
        }
        Ok(MeetingLength { minutes: minutes as u32 })
    }
}

impl FromStr for TimeRange {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let parse_time = |t: &str| -> Result<Time, String> {
            let t = t.trim().replace('.', ":");
            let (h, m) = t
                .split_once(':')
                .ok_or_else(|| format!("`{t}` is not a time: write hours and minutes, e.g. `14:00`"))?;
            let (h, m): (i8, i8) = match (h.parse(), m.parse()) {
                (Ok(h), Ok(m)) => (h, m),
                _ => return Err(format!("`{t}` is not a time: write hours and minutes, e.g. `14:00`")),
            };
            Time::new(h, m, 0, 0).map_err(|_| format!("`{t}` is not a time of day (00:00 to 23:59)"))
        };
        let (start, end) = match text.split_once(['-', '–']) {
            Some((a, b)) => (parse_time(a)?, Some(parse_time(b)?)),
            None => (parse_time(text)?, None),
        };
        if let Some(end) = end
            && end <= start
        {
            return Err(format!("`{text}` ends before it starts"));
        }
        Ok(TimeRange { start, end })
    }
}

const DANISH_WEEKDAYS: [&str; 7] = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"];
const SWEDISH_WEEKDAYS: [&str; 7] = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"];
const DANISH_MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const SWEDISH_MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];
const SWEDISH_ORDINALS: [&str; 13] = [
    "", "", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde", "nionde", "tionde", "elfte",
    "tolfte",
];

fn swedish_ordinal(n: u32) -> String {
    match SWEDISH_ORDINALS.get(n as usize) {
        Some(word) if n >= 2 => word.to_string(),
        _ => format!("{n}:e"),
    }
}

fn weekday_index(day: Weekday) -> usize {
    day.to_monday_zero_offset() as usize
}

impl Lang {
    /// "hver 2. måned" / "varannan månad".
    pub(crate) fn cadence(self, c: Cadence) -> String {
        let unit = c.unit.word(self, false);
        match self {
            Lang::Danish => {
                let every = |n: u32| if n == 1 { "hver".to_string() } else { format!("hver {n}.") };
                if c.from == c.to {
                    format!("{} {unit}", every(c.from))
                } else if c.from == 1 && c.to == 2 {
                    // "hver 2. måned" alone, but the spoken pair is "hver eller hver anden måned".
                    format!("hver eller hver anden {unit}")
                } else if c.from == 1 {
                    format!("hver eller hver {}. {unit}", c.to)
                } else {
                    format!("hver {}.–{}. {unit}", c.from, c.to)
                }
            }
            Lang::Swedish => {
                let every = |n: u32| match n {
                    1 => "varje".to_string(),
                    2 => match c.unit {
                        CalendarUnit::Year => "vartannat".to_string(),
                        _ => "varannan".to_string(),
                    },
                    n => format!("{} {}", c.unit.swedish_every(), swedish_ordinal(n)),
                };
                if c.from == c.to {
                    format!("{} {unit}", every(c.from))
                } else {
                    format!("{} eller {} {unit}", every(c.from), every(c.to))
                }
            }
        }
    }

    /// "12 måneder" / "12 månader", "1 år".
    pub(crate) fn period(self, p: Period) -> String {
        format!("{} {}", p.amount, p.unit.word(self, p.amount != 1))
    }

    /// "1½ time", "2 timer", "45 minutter" / "1,5 timmar", "2 timmar", "45 minuter".
    pub(crate) fn meeting_length(self, length: MeetingLength) -> String {
        let m = length.minutes;
        if m < 60 || !m.is_multiple_of(30) {
            let word = match (self, m == 1) {
                (Lang::Danish, true) => "minut",
                (Lang::Danish, false) => "minutter",
                (Lang::Swedish, true) => "minut",
                (Lang::Swedish, false) => "minuter",
            };
            return format!("{m} {word}");
        }
        let (hours, half) = (m / 60, m % 60 == 30);
        match self {
            Lang::Danish => {
                let number = if half { format!("{hours}½") } else { hours.to_string() };
                let word = if hours == 1 || half { "time" } else { "timer" };
                format!("{number} {word}")
            }
            Lang::Swedish => {
                let number = if half { format!("{hours},5") } else { hours.to_string() };
                let word = if hours == 1 && !half { "timme" } else { "timmar" };
                format!("{number} {word}")
            }
        }
    }

    /// "onsdag den 24. august 2011" / "onsdag 24 augusti 2011".
    pub(crate) fn long_date(self, date: Date) -> String {
        let weekday = weekday_index(date.weekday());
        let month = date.month() as usize - 1;
        match self {
            Lang::Danish => format!(
                "{} den {}. {} {}",
                DANISH_WEEKDAYS[weekday],
                date.day(),
                DANISH_MONTHS[month],
                date.year()
            ),
            Lang::Swedish => format!(
                "{} {} {} {}",
                SWEDISH_WEEKDAYS[weekday],
                date.day(),
                SWEDISH_MONTHS[month],
                date.year()
            ),
        }
    }

    /// "2. december 2026" / "2 december 2026": a day without its weekday.
    pub(crate) fn day(self, date: Date) -> String {
        let month = date.month() as usize - 1;
        match self {
            Lang::Danish => format!("{}. {} {}", date.day(), DANISH_MONTHS[month], date.year()),
            Lang::Swedish => format!("{} {} {}", date.day(), SWEDISH_MONTHS[month], date.year()),
        }
    }

    /// A small number as a word ("fire" / "fyra"); larger numbers as digits.
    pub(crate) fn number_word(self, n: u32) -> String {
        const DANISH: [&str; 13] =
            ["nul", "en", "to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "elleve", "tolv"];
        const SWEDISH: [&str; 13] =
            ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"];
        let words = match self {
            Lang::Danish => &DANISH,
            Lang::Swedish => &SWEDISH,
        };
        words.get(n as usize).map_or_else(|| n.to_string(), |w| (*w).to_owned())
    }

    /// "kl. 14.00–16.00" in both languages.
    pub(crate) fn time_range(self, range: TimeRange) -> String {
        let clock = |t: Time| format!("{:02}.{:02}", t.hour(), t.minute());
        match range.end {
            Some(end) => format!("kl. {}–{}", clock(range.start), clock(end)),
            None => format!("kl. {}", clock(range.start)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Cadence, Lang, MeetingLength, Period, TimeRange};
    use jiff::civil::date;

    fn cadence(lang: Lang, text: &str) -> String {
        lang.cadence(text.parse::<Cadence>().unwrap())
    }

    #[test]
    fn danish_cadences_use_ordinal_numbers() {
        assert_eq!(cadence(Lang::Danish, "2 months"), "hver 2. måned");
        assert_eq!(cadence(Lang::Danish, "1 month"), "hver måned");
        assert_eq!(cadence(Lang::Danish, "6 weeks"), "hver 6. uge");
        assert_eq!(cadence(Lang::Danish, "1 week"), "hver uge");
        assert_eq!(cadence(Lang::Danish, "14 days"), "hver 14. dag");
        assert_eq!(cadence(Lang::Danish, "1-2 months"), "hver eller hver anden måned");
        assert_eq!(cadence(Lang::Danish, "1-3 months"), "hver eller hver 3. måned");
        assert_eq!(cadence(Lang::Danish, "2-3 months"), "hver 2.–3. måned");
    }

    #[test]
    fn swedish_cadences_spell_out_ordinals() {
        assert_eq!(cadence(Lang::Swedish, "2 months"), "varannan månad");
        assert_eq!(cadence(Lang::Swedish, "1 month"), "varje månad");
        assert_eq!(cadence(Lang::Swedish, "6 weeks"), "var sjätte vecka");
        assert_eq!(cadence(Lang::Swedish, "3 months"), "var tredje månad");
        assert_eq!(cadence(Lang::Swedish, "14 days"), "var 14:e dag");
        assert_eq!(cadence(Lang::Swedish, "1-2 months"), "varje eller varannan månad");
        assert_eq!(cadence(Lang::Swedish, "2 veckor"), "varannan vecka");
    }

    #[test]
    fn meeting_lengths_in_hours_and_minutes() {
        let len = |t: &str| t.parse::<MeetingLength>().unwrap();
        assert_eq!(Lang::Danish.meeting_length(len("90 minutes")), "1½ time");
        assert_eq!(Lang::Swedish.meeting_length(len("90 minutes")), "1,5 timmar");
        assert_eq!(Lang::Danish.meeting_length(len("2 hours")), "2 timer");
        assert_eq!(Lang::Swedish.meeting_length(len("2 hours")), "2 timmar");
        assert_eq!(Lang::Danish.meeting_length(len("60 minutes")), "1 time");
        assert_eq!(Lang::Swedish.meeting_length(len("1 hour")), "1 timme");
        assert_eq!(Lang::Danish.meeting_length(len("1.5 hours")), "1½ time");
        assert_eq!(Lang::Danish.meeting_length(len("150 minutes")), "2½ time");
        assert_eq!(Lang::Swedish.meeting_length(len("2,5 timmar")), "2,5 timmar");
        assert_eq!(Lang::Danish.meeting_length(len("45 minutes")), "45 minutter");
        assert_eq!(Lang::Swedish.meeting_length(len("45 minutes")), "45 minuter");
        assert_eq!(Lang::Danish.meeting_length(len("1 minute")), "1 minut");
    }

    #[test]
    fn periods_agree_in_number() {
        let p = |t: &str| t.parse::<Period>().unwrap();
        assert_eq!(Lang::Danish.period(p("12 months")), "12 måneder");
        assert_eq!(Lang::Swedish.period(p("12 months")), "12 månader");
        assert_eq!(Lang::Danish.period(p("1 month")), "1 måned");
        assert_eq!(Lang::Swedish.period(p("1 month")), "1 månad");
        assert_eq!(Lang::Danish.period(p("1 year")), "1 år");
        assert_eq!(Lang::Swedish.period(p("10 weeks")), "10 veckor");
        assert_eq!(Lang::Danish.period(p("1 week")), "1 uge");
    }

    #[test]
    fn long_dates_and_time_ranges() {
        let d = date(2011, 8, 24);
        assert_eq!(Lang::Danish.long_date(d), "onsdag den 24. august 2011");
        assert_eq!(Lang::Swedish.long_date(d), "onsdag 24 augusti 2011");
        assert_eq!(Lang::Danish.long_date(date(2011, 5, 25)), "onsdag den 25. maj 2011");
        assert_eq!(Lang::Swedish.long_date(date(2022, 1, 10)), "måndag 10 januari 2022");
        let range: TimeRange = "14:00-16:00".parse().unwrap();
        assert_eq!(Lang::Danish.time_range(range), "kl. 14.00–16.00");
        assert_eq!(Lang::Swedish.time_range(range), "kl. 14.00–16.00");
        assert_eq!(Lang::Danish.time_range("9:30".parse().unwrap()), "kl. 09.30");
    }

    #[test]
    fn bad_units_and_numbers_are_explained() {
        let err = "2 fortnights".parse::<Cadence>().unwrap_err();
        assert!(err.contains("unknown unit `fortnights`"), "{err}");
        assert!("0 months".parse::<Cadence>().unwrap_err().contains("at least 1"));
        assert!("-2 months".parse::<Cadence>().is_err());
        assert!("months".parse::<Cadence>().unwrap_err().contains("no unit"));
        assert!("3-1 months".parse::<Cadence>().unwrap_err().contains("backwards"));
        assert!("0 minutes".parse::<MeetingLength>().is_err());
        assert!("2 days".parse::<Period>().unwrap_err().contains("weeks, months or years"));
        assert!("16:00-14:00".parse::<TimeRange>().unwrap_err().contains("ends before"));
        assert!("25:00".parse::<TimeRange>().is_err());
    }
}
