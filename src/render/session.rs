//! Sessions: the view of each session note, the timeline and scaling-question charts,
//! the sessions list and each session's page.

use crate::i18n::Word;
use rayon::prelude::*;
use serde::Serialize;

use super::registry::Kind;
use super::search::Doc;
use super::views::{Link, Views, coach_only};
use super::{PageJob, page_value, to_value};
use crate::charts::{self, Chart, DataTable, Ink};
use crate::diagnostic::Diagnostic;
use crate::i18n::format_number;
use crate::model::*;

#[derive(Serialize)]
struct RatingView {
    name: String,
    value: String,
}

/// A session as its list shows it: what its page shows above its notes.
#[derive(Serialize)]
struct Row {
    /// Only the coach may see it (visibility coach, or sensitive).
    coach_only: bool,
    /// Empty for a session whose notes the reader may not read: it has no page.
    url: String,
    title: String,
    date: String,
    duration: Option<String>,
    attendees: Vec<String>,
    /// How many attended (members and others).
    attendee_count: usize,
    objectives: Vec<Link>,
    /// A session that took place, whose notes this reader may not read: its row says so
    /// and shows no title ("Session").
    notes_not_shared: bool,
}

#[derive(Serialize)]
struct SessionView {
    #[serde(flatten)]
    row: Row,
    techniques: Vec<String>,
    actions: Vec<Link>,
    ratings: Vec<RatingView>,
    lessons: Vec<String>,
    body_html: String,
    private_html: Option<String>,
    tags: Vec<super::lesson::TagLink>,
    properties: super::views::PropertiesView,
    mentioned_in: Vec<Link>,
    prev: Option<Link>,
    next: Option<Link>,
}

impl Views<'_> {
    /// The row of a session whose notes this reader may not read: that it took place,
    /// and nothing of its note (`Occurrence`).
    fn occurrence_row(&self, o: &Occurrence) -> Row {
        Row {
            coach_only: false,
            url: String::new(),
            title: self.t(Word::Session).to_string(),
            date: self.date(o.date),
            duration: o.minutes.map(|m| format!("{m} {}", self.t(Word::Minutes))),
            attendees: o
                .members
                .iter()
                .map(|a| self.e.member_name(a).to_string())
                .collect(),
            attendee_count: o.attendees,
            objectives: Vec::new(),
            notes_not_shared: true,
        }
    }

    fn session_row(&self, s: &Session) -> Row {
        let f = &s.front;
        Row {
            coach_only: coach_only(s.visibility, f.sensitive),
            url: Kind::Session.url(&s.id),
            title: f.title.clone(),
            date: self.date(f.date),
            duration: f
                .duration
                .as_ref()
                .map(|d| format!("{} {}", d.value, self.t(Word::Minutes))),
            attendees: f
                .attendees
                .iter()
                .map(|a| self.e.member_name(a).to_string())
                .collect(),
            attendee_count: f.attendees.len(),
            notes_not_shared: false,
            objectives: f
                .objectives
                .iter()
                .filter_map(|o| self.objective_link(&o.value))
                .collect(),
        }
    }

    fn session(&self, index: usize) -> SessionView {
        let s = &self.e.sessions[index];
        let f = &s.front;
        SessionView {
            row: self.session_row(s),
            techniques: f.techniques.clone(),
            actions: f
                .actions
                .iter()
                .filter_map(|a| self.action_link(&a.value))
                .collect(),
            ratings: f
                .ratings
                .iter()
                .map(|(name, value)| RatingView {
                    name: display_name(name),
                    value: format_number(value.value, self.lang),
                })
                .collect(),
            lessons: f.lessons.clone(),
            body_html: self.html(&s.body, &s.source.path, "../"),
            private_html: f
                .private
                .as_deref()
                .map(|p| self.html(p, &s.source.path, "../")),
            tags: self.tag_links(ItemKind::Session, &s.id),
            properties: self.properties(&s.properties),
            mentioned_in: self.mentioned_in(ItemKind::Session, &s.id),
            prev: index
                .checked_sub(1)
                .map(|i| self.session_link(&self.e.sessions[i])),
            next: self.e.sessions.get(index + 1).map(|n| self.session_link(n)),
        }
    }
}

/// The timeline of sessions, with gaps longer than one and a half times the usual
/// interval (21 days at least) marked.
fn timeline(v: &Views) -> Option<Chart> {
    // Every session held that this reader may know of, read or not (`Occurrence`).
    let dates = crate::insight::session_dates(v.e);
    if dates.is_empty() {
        return None;
    }
    let mut gaps: Vec<i64> = dates.windows(2).map(|w| w[0].days_until(w[1])).collect();
    gaps.sort_unstable();
    let median = gaps.get(gaps.len() / 2).copied().unwrap_or(14);
    let gap_days = (median * 3 / 2).max(21);
    let gap_label = v
        .t(Word::GapBetweenSessions)
        .replace("{days}", &gap_days.to_string());
    charts::timeline(
        "chart-sessions",
        &dates,
        gap_days,
        v.lang,
        [v.t(Word::Session), &gap_label],
        v.t(Word::NavSessions),
        &v.words.timeline_summary(&dates),
    )
    .ok()
    .map(|svg| Chart {
        svg,
        table: DataTable::default(),
    })
}

/// How a scaling question's key reads: `psychological-safety` → "Psychological safety".
/// A key written otherwise ("Energy today", "NPS") stays as written.
pub(super) fn display_name(key: &str) -> String {
    let id_like = key
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !id_like {
        return key.to_string();
    }
    let words = key.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// The scaling questions (ratings 0–10 in the session notes) over time, one line each,
/// with their table.
fn ratings_chart(v: &Views) -> Option<Chart> {
    let sessions = &v.e.sessions;
    let mut names: Vec<&String> = sessions
        .iter()
        .flat_map(|s| s.front.ratings.keys())
        .collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        return None;
    }
    let latest: Vec<(String, f64)> = names
        .iter()
        .filter_map(|n| {
            sessions
                .iter()
                .rev()
                .find_map(|s| s.front.ratings.get(*n))
                .map(|r| ((*n).clone(), r.value))
        })
        .collect();
    let latest: Vec<(String, f64)> = latest
        .into_iter()
        .map(|(n, r)| (display_name(&n), r))
        .collect();
    let desc = v.words.ratings_summary(&latest);
    let shown: Vec<String> = names.iter().map(|n| display_name(n)).collect();
    let input = charts::LinesInput {
        id: "chart-ratings",
        series: names
            .iter()
            .zip(&shown)
            .enumerate()
            .map(|(i, (n, name))| charts::TimeSeries {
                name: name.as_str(),
                points: sessions
                    .iter()
                    .filter_map(|s| s.front.ratings.get(*n).map(|r| (s.front.date, r.value)))
                    .collect(),
                ink: Ink::Series((i % 6 + 1) as u8),
                steps: false,
            })
            .collect(),
        y: (0.0, 10.5),
        band: None,
        reference: None,
        lang: v.lang,
        size: (640, 240),
        title: v.t(Word::ScalingQuestions),
        desc: &desc,
    };
    let svg = charts::lines(&input).ok()?;
    Some(Chart {
        svg,
        table: ratings_table(v, &names),
    })
}

fn ratings_table(v: &Views, names: &[&String]) -> DataTable {
    let mut headers = vec![v.t(Word::Date).to_string()];
    headers.extend(names.iter().map(|n| display_name(n)));
    let rows =
        v.e.sessions
            .iter()
            .filter(|s| !s.front.ratings.is_empty())
            .map(|s| {
                let mut row = vec![v.date(s.front.date)];
                row.extend(names.iter().map(|n| {
                    s.front
                        .ratings
                        .get(*n)
                        .map_or_else(|| "–".to_string(), |r| format_number(r.value, v.lang))
                }));
                row
            })
            .collect();
    DataTable { headers, rows }
}

/// `sessions/index.html`: every session, the timeline and the scaling questions.
pub(super) fn sessions_page(v: &Views) -> Result<PageJob, Diagnostic> {
    let rows = {
        let mut rows: Vec<(Date, Row)> =
            v.e.sessions
                .par_iter()
                .map(|s| (s.front.date, v.session_row(s)))
                .collect();
        // The sessions whose notes are not shared, in their place by date.
        rows.extend(
            v.e.withheld
                .occurrences
                .iter()
                .map(|o| (o.date, v.occurrence_row(o))),
        );
        rows.sort_by_key(|(date, _)| *date);
        let rows: Vec<Row> = rows.into_iter().map(|(_, row)| row).collect();
        to_value(&rows)?
    };
    Ok(Kind::Sessions.one(
        v,
        page_value([
            ("sessions", rows),
            ("timeline", to_value(&timeline(v))?),
            ("ratings_chart", to_value(&ratings_chart(v))?),
        ]),
    ))
}

/// `sessions/<id>.html`: the page of the session at `index`, and what search finds of it.
pub(super) fn session_page(v: &Views, index: usize) -> Result<(PageJob, Doc), Diagnostic> {
    let view = v.session(index);
    let doc = {
        let s = &view;
        let mut plain: Vec<&str> = s.row.attendees.iter().map(String::as_str).collect();
        plain.extend(s.techniques.iter().map(String::as_str));
        plain.extend(s.tags.iter().map(|t| t.name.as_str()));
        let mut html = vec![s.body_html.as_str()];
        html.extend(s.private_html.as_deref());
        let row = &s.row;
        Doc::new(
            v,
            Word::Session,
            (&row.url, &row.title, &row.date),
            &plain,
            &html,
        )
    };
    let job = Kind::Session.job(v, view.row.url.clone(), to_value(&view)?);
    Ok((job, doc))
}
