//! Calendar files (RFC 5545) for a programme's key dates, so a reader can add the kick-off to
//! Outlook with one click.
//!
//! Input: a programme's key date and its label. Output: the text of a `.ics` file: CRLF line
//! ends, lines folded at 75 octets, text escaped, an all-day event for a bare date and a floating
//! local time (no time zone table needed) for a date with a time.

use jiff::civil::Date;

use crate::settings::Event;

fn escape_text(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line to at most 75 octets per physical line, never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

fn day(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
}

/// The `.ics` text of one event. `stamp` is the creation time in UTC, `YYYYMMDDTHHMMSSZ`.
pub(crate) fn ics(uid: &str, summary: &str, event: &Event, stamp: &str) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//handbook//handbook//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{stamp}"),
    ];
    match event.time {
        Some(t) => {
            let at = |time: jiff::civil::Time| {
                format!("{}T{:02}{:02}00", day(event.date), time.hour(), time.minute())
            };
            lines.push(format!("DTSTART:{}", at(t.start)));
            if let Some(end) = t.end {
                lines.push(format!("DTEND:{}", at(end)));
            }
        }
        None => {
            lines.push(format!("DTSTART;VALUE=DATE:{}", day(event.date)));
            let next = event.date.tomorrow().unwrap_or(event.date);
            lines.push(format!("DTEND;VALUE=DATE:{}", day(next)));
        }
    }
    lines.push(format!("SUMMARY:{}", escape_text(summary)));
    if let Some(place) = &event.place {
        lines.push(format!("LOCATION:{}", escape_text(place)));
    }
    lines.push("END:VEVENT".to_owned());
    lines.push("END:VCALENDAR".to_owned());
    lines.iter().map(|l| fold(l)).collect()
}

/// Now, in UTC, as an iCalendar date-time; `SOURCE_DATE_EPOCH` makes builds reproducible.
pub(crate) fn stamp() -> String {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    now.strftime("%Y%m%dT%H%M%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::ics;
    use crate::settings::Event;
    use jiff::civil::date;

    #[test]
    fn a_timed_event_has_start_end_and_crlf() {
        let e = Event {
            date: date(2011, 8, 24),
            time: Some("14:00-16:00".parse().unwrap()),
            place: Some("Aalborg, Rådhuset".into()),
        };
        let text = ics("kickoff@aalborg", "Kick-off; mentorordning", &e, "20260101T000000Z");
        assert!(text.contains("DTSTART:20110824T140000\r\nDTEND:20110824T160000\r\n"));
        assert!(text.contains("SUMMARY:Kick-off\\; mentorordning\r\n"));
        assert!(text.contains("LOCATION:Aalborg\\, Rådhuset\r\n"));
        assert!(text.lines().all(|l| l.len() <= 76));
    }

    #[test]
    fn a_bare_date_is_an_all_day_event() {
        let e = Event { date: date(2011, 5, 31), time: None, place: None };
        let text = ics("x", &"Tilmelding ".repeat(20), &e, "20260101T000000Z");
        assert!(text.contains("DTSTART;VALUE=DATE:20110531\r\nDTEND;VALUE=DATE:20110601\r\n"));
        assert!(text.split("\r\n").all(|l| l.len() <= 75), "{text}");
    }
}
