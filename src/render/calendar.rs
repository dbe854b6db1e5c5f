//! The calendar feed, `calendar.ics` (RFC 5545): the dates a reader may see, as all-day
//! events a calendar app subscribes to.
//!
//! The events are made from the engagement as its reader sees it (already filtered by
//! `audience::filter`), so a feed holds nothing its site does not: the open actions with
//! a due date and the active objectives' due dates, the next session as the latest
//! session note the reader may read agreed it (`next:`), and for the coach the
//! engagement's end. Each event has a UID made of the engagement and the item
//! (`action-<id>@<engagement>.coachsite`), so that a calendar replaces an event when its
//! date or title changes; the next session is one event that moves. `DTSTAMP` is the
//! as-of date at midnight UTC, never the clock: same input, same bytes.

use crate::audience::Audience;
use crate::i18n::{self, Word};
use crate::model::*;

use super::{OutputFile, Prepared};

/// Where the feed is in a site (and in a practice's, at its top).
pub const CALENDAR_PATH: &str = "calendar.ics";

/// One all-day event of the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Event {
    /// Unique and stable across builds: the item and the engagement.
    pub(crate) uid: String,
    /// The day.
    pub(crate) date: Date,
    /// What it is, in the site's language.
    pub(crate) summary: String,
}

/// The events of an engagement as this reader sees it (`e` already filtered for
/// `audience`), sorted by date then UID. `domain` ends each UID.
pub(crate) fn events(e: &Engagement, audience: Audience, domain: &str) -> Vec<Event> {
    let lang = e.info.language;
    let t = |w| i18n::word(lang, w);
    let mut events = Vec::new();
    let uid = |kind: &str, id: &str| format!("{kind}-{}@{domain}", uid_part(id));
    for a in &e.plan.actions {
        if !matches!(a.status, ActionStatus::Open | ActionStatus::Blocked) {
            continue;
        }
        if let Some(due) = a.due {
            events.push(Event {
                uid: uid("action", &a.id.value),
                date: due,
                summary: format!("{}{} {}", t(Word::CalendarActionDue), colon(lang), a.title),
            });
        }
    }
    for o in &e.objectives {
        if o.front.status != ObjectiveStatus::Active {
            continue;
        }
        if let Some(due) = o.front.due {
            events.push(Event {
                uid: uid("objective", &o.id),
                date: due,
                summary: format!(
                    "{}{} {}",
                    t(Word::CalendarObjectiveDue),
                    colon(lang),
                    o.title()
                ),
            });
        }
    }
    if let Some(next) = crate::audience::next_session(e) {
        events.push(Event {
            uid: format!("next-session@{domain}"),
            date: next,
            summary: t(Word::CalendarNextSession).to_string(),
        });
    }
    if audience == Audience::Coach
        && let Some(end) = &e.info.end
    {
        events.push(Event {
            uid: format!("engagement-end@{domain}"),
            date: end.value,
            summary: t(Word::CalendarEngagementEnds).to_string(),
        });
    }
    events.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    events
}

/// `:` as the language writes it after a label (French puts a space before it).
fn colon(lang: Language) -> &'static str {
    i18n::word(lang, Word::Colon)
}

/// The domain of an engagement's UIDs: `<slug of its title>.coachsite`.
pub(crate) fn domain(e: &Engagement) -> String {
    format!(
        "{}.coachsite",
        uid_part(&crate::model::slug_id(&e.info.title))
    )
}

/// An id as a part of a UID: ASCII letters, digits, `-`, `_` and `.` as they are, any
/// other byte as `%XX` (so two ids never give one UID, and no character needs escaping).
fn uid_part(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    if out.is_empty() {
        out.push_str("engagement");
    }
    out
}

/// The feed of one site: its reader's events, named after the engagement.
pub fn calendar_file(prepared: &Prepared) -> OutputFile {
    let e = prepared.engagement();
    let options = prepared.options();
    let events = events(e, options.audience, &domain(e));
    OutputFile {
        path: CALENDAR_PATH.into(),
        bytes: ics(&e.info.title, options.as_of, &events).into_bytes(),
    }
}

/// The coach's feed of a practice, at its top: every engagement's events (each in its
/// own language, its title first), UIDs made of the engagement's path in the practice.
pub fn practice_calendar(engagements: &[(&str, &Engagement)], as_of: Date) -> OutputFile {
    let mut all = Vec::new();
    for (path, e) in engagements {
        let domain = format!("{}.coachsite", uid_part(&crate::model::slug_id(path)));
        all.extend(
            events(e, Audience::Coach, &domain)
                .into_iter()
                .map(|mut event| {
                    event.summary = format!("{} · {}", e.info.title, event.summary);
                    event
                }),
        );
    }
    all.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    OutputFile {
        path: CALENDAR_PATH.into(),
        bytes: ics("Your practice", as_of, &all).into_bytes(),
    }
}

/// A whole calendar: `VCALENDAR` with its events, lines folded and ended with CRLF.
pub(crate) fn ics(name: &str, as_of: Date, events: &[Event]) -> String {
    let stamp = format!("{}T000000Z", ical_date(as_of));
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//coachsite//calendar feed//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape_text(name)));
    for event in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape_text(&event.uid)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", ical_date(event.date)));
        if let Some(next) = event.date.add_days(1) {
            line(&format!("DTEND;VALUE=DATE:{}", ical_date(next)));
        }
        line(&format!("SUMMARY:{}", escape_text(&event.summary)));
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// `20260315`.
fn ical_date(date: Date) -> String {
    let (year, month, day) = date.ymd();
    format!("{year:04}{month:02}{day:02}")
}

/// A TEXT value escaped (RFC 5545 §3.3.11): `\`, `;`, `,` and line breaks; other
/// control characters, which TEXT may not hold, left out.
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` to `out`, folded at 75 octets (RFC 5545 §3.1: each continuation
/// starts with a space), never inside a character, and ended with CRLF.
pub(crate) fn fold_into(out: &mut String, line: &str) {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("a\\b; c, d\ne\r\nf\rg\u{7}h"),
            "a\\\\b\\; c\\, d\\ne\\nf\\ngh"
        );
        assert_eq!(escape_text("Réunion: “ok”"), "Réunion: “ok”");
    }

    #[test]
    fn lines_are_folded_at_75_octets_and_never_inside_a_character() {
        let mut out = String::new();
        fold_into(&mut out, &"x".repeat(75));
        assert_eq!(out, format!("{}\r\n", "x".repeat(75)));
        let mut out = String::new();
        fold_into(&mut out, &"y".repeat(160));
        let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].len(), 75);
        assert_eq!(lines[1].len(), 75);
        assert!(lines[1].starts_with(' ') && lines[2].starts_with(' '));
        assert_eq!(lines.concat().replace(' ', ""), "y".repeat(160));
        // Two-byte letters: no line over 75 octets, each still whole.
        let mut out = String::new();
        fold_into(&mut out, &format!("SUMMARY:{}", "é".repeat(100)));
        for line in out.trim_end_matches("\r\n").split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(100)));
    }

    #[test]
    fn uids_are_stable_and_distinct() {
        assert_eq!(uid_part("call-sam"), "call-sam");
        assert_eq!(uid_part("a b"), "a%20b");
        assert_eq!(uid_part("a@b,c"), "a%40b%2Cc");
        assert_ne!(uid_part("a b"), uid_part("a_b"));
        assert_eq!(uid_part(""), "engagement");
    }

    #[test]
    fn a_calendar_has_all_day_events_stamped_with_the_as_of_date() {
        let events = vec![Event {
            uid: "action-x@t.coachsite".into(),
            date: date("2026-02-28"),
            summary: "Action due: write, then send; done".into(),
        }];
        let text = ics("Scrum; adoption", date("2026-03-01"), &events);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "every line ends CRLF"
        );
        for needle in [
            "X-WR-CALNAME:Scrum\\; adoption\r\n",
            "METHOD:PUBLISH\r\n",
            "UID:action-x@t.coachsite\r\n",
            "DTSTAMP:20260301T000000Z\r\n",
            "DTSTART;VALUE=DATE:20260228\r\n",
            "DTEND;VALUE=DATE:20260301\r\n",
            "SUMMARY:Action due: write\\, then send\\; done\r\n",
        ] {
            assert!(text.contains(needle), "{needle:?} in {text}");
        }
        assert_eq!(ics("Scrum; adoption", date("2026-03-01"), &events), text);
    }
}
