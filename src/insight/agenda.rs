//! The agenda: what of one engagement is due in a window of days, or overdue, as of a
//! date (`coachsite agenda`). Pure: the engagement and the dates in, the items out, each
//! on its day; the command groups them across engagements and words them.
//!
//! The rules, decided once here (and documented in docs/agenda.md):
//! - The window is the as-of date and the `days − 1` days after it. An item dated before
//!   the as-of date is overdue; one after the window is not on the agenda.
//! - An action is on it while it is open (or blocked) on the as-of date: agreed by then,
//!   not dropped, not done by then. Its day is its due date.
//! - Sessions: the latest session note on or before the as-of date gives the next
//!   session (`next:`); once that day has passed with no later note, the session is
//!   overdue ("passed without a note"). With `contract.cadence_days` and no `next:` date
//!   ahead, a session is to be booked on the last session's day plus the cadence (the
//!   engagement's start before the first session), unless the engagement ends before.
//!   An engagement that has ended has no session on its agenda.
//! - An objective is due on its due date while it is neither achieved (marked, or its
//!   target reached) nor dropped.
//! - An objective the analysis tracks is to be measured by its last measurement (its
//!   start, before the first) plus `zpd.stalled_after_days`: after that day the analysis
//!   calls it stalled, and the agenda overdue. Not for an objective already past its due
//!   date (that is its own item) nor one with no baseline and target (the analysis
//!   judges none). For an objective with key results, the same for each key result not
//!   reached yet, by its own last measurement (the objective's start, before the first).
//! - The engagement's end, when it falls in the window.
//! - `retain_until`: its day, overdue once passed (the analysis's retention finding).
//! - An engagement that ended more than `days` days before the as-of date has only its
//!   retention on the agenda.

use serde::{Deserialize, Serialize};

use super::{Tracking, analyze};
use crate::model::{ActionStatus, Date, Engagement, ObjectiveStatus};

/// The fewest and most days an agenda looks ahead.
pub const AGENDA_DAYS: (u32, u32) = (1, 366);

/// One thing due on a day, for one engagement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// The day it is due (or was, when overdue).
    pub date: Date,
    /// Whether that day is before the as-of date.
    pub overdue: bool,
    /// What is due.
    #[serde(flatten)]
    pub due: Due,
}

/// What is due, as data (`kind` in JSON); the command words it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Due {
    /// Data kept past `retain_until`, or to be deleted on that day.
    Retention,
    /// The engagement's `end`.
    EngagementEnds,
    /// The next session, as agreed in the note of session `after` (`next:`).
    SessionPlanned {
        /// The session note that set the date.
        after: String,
    },
    /// The next session agreed in the note of session `after` has passed with no note.
    SessionMissed {
        /// The session note that set the date.
        after: String,
    },
    /// No session agreed ahead, and the cadence says one is due.
    SessionToBook {
        /// The last session, if there was one (else the engagement's start counts).
        last: Option<Date>,
        /// `contract.cadence_days`.
        cadence_days: u32,
    },
    /// An open action due.
    Action {
        /// Its id in the plan.
        id: String,
        /// What is to be done.
        title: String,
        /// Who does it.
        owner: Option<String>,
        /// Whether it is blocked.
        blocked: bool,
    },
    /// An open objective's due date.
    ObjectiveDue {
        /// Its id.
        id: String,
        /// Its title.
        title: String,
    },
    /// An objective, or one of its key results, to measure before it counts as stalled.
    MeasurementDue {
        /// The objective's id.
        id: String,
        /// For an objective with key results, the key result to measure.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key_result: Option<String>,
        /// The objective's title; for a key result, "objective — key result's metric".
        title: String,
        /// Its (the key result's) last measurement on or before the as-of date, if any.
        last_measurement: Option<Date>,
    },
}

impl Due {
    /// Its stable name in JSON: `action`, `session-planned`, …
    pub fn kind(&self) -> &'static str {
        match self {
            Due::Retention => "retention",
            Due::EngagementEnds => "engagement-ends",
            Due::SessionPlanned { .. } => "session-planned",
            Due::SessionMissed { .. } => "session-missed",
            Due::SessionToBook { .. } => "session-to-book",
            Due::Action { .. } => "action",
            Due::ObjectiveDue { .. } => "objective-due",
            Due::MeasurementDue { .. } => "measurement-due",
        }
    }
}

/// The days an agenda covers: from the as-of date to `last`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    as_of: Date,
    last: Date,
}

impl Window {
    /// Whether `date` is on the agenda: overdue, or in the window.
    fn holds(self, date: Date) -> bool {
        date <= self.last
    }

    fn item(self, date: Date, due: Due) -> Option<AgendaItem> {
        self.holds(date).then_some(AgendaItem {
            date,
            overdue: date < self.as_of,
            due,
        })
    }
}

/// The last day of an agenda of `days` days from `as_of` (`days` is at least 1).
pub fn agenda_last_day(as_of: Date, days: u32) -> Date {
    as_of
        .add_days(i64::from(days.max(1)) - 1)
        .unwrap_or(Date(chrono::NaiveDate::MAX))
}

/// What of `e` is due from `as_of` through the next `days` days (`days` at least 1),
/// or overdue: sorted by day, then kind, then id.
pub fn agenda(e: &Engagement, as_of: Date, days: u32) -> Vec<AgendaItem> {
    let window = Window {
        as_of,
        last: agenda_last_day(as_of, days),
    };
    let mut items = Vec::new();
    if let Some(until) = e.info.retain_until {
        items.extend(window.item(until, Due::Retention));
    }
    let end = e.info.end.as_ref().map(|end| end.value);
    let long_ended =
        end.is_some_and(|end| end.add_days(i64::from(days)).is_some_and(|d| d < as_of));
    if !long_ended {
        if let Some(end) = end.filter(|end| *end >= as_of) {
            items.extend(window.item(end, Due::EngagementEnds));
        }
        if end.is_none_or(|end| end >= as_of) {
            sessions(e, window, end, &mut items);
        }
        actions(e, window, &mut items);
        objectives(e, window, &mut items);
    }
    items.sort_by(|a, b| (a.date, &a.due).cmp(&(b.date, &b.due)));
    items
}

/// The next session agreed, missed or to book.
fn sessions(e: &Engagement, window: Window, end: Option<Date>, items: &mut Vec<AgendaItem>) {
    let latest = e
        .sessions
        .iter()
        .filter(|s| s.front.date <= window.as_of)
        .max_by_key(|s| s.front.date);
    let next = latest.and_then(|s| s.front.next.as_ref().map(|n| (n.value, s.id.clone())));
    if let Some((next, after)) = &next {
        let due = if *next < window.as_of {
            Due::SessionMissed {
                after: after.clone(),
            }
        } else {
            Due::SessionPlanned {
                after: after.clone(),
            }
        };
        items.extend(window.item(*next, due));
    }
    let ahead = next.is_some_and(|(next, _)| next >= window.as_of);
    let Some(cadence) = e.info.contract.cadence_days.as_ref().map(|c| c.value) else {
        return;
    };
    if ahead {
        return;
    }
    let last = latest.map(|s| s.front.date);
    let Some(due) = last.unwrap_or(e.info.start).add_days(i64::from(cadence)) else {
        return;
    };
    if end.is_none_or(|end| due <= end) {
        let to_book = Due::SessionToBook {
            last,
            cadence_days: cadence,
        };
        items.extend(window.item(due, to_book));
    }
}

/// The actions open on the as-of date with a due date.
fn actions(e: &Engagement, window: Window, items: &mut Vec<AgendaItem>) {
    for a in &e.plan.actions {
        let open = match a.status {
            ActionStatus::Open | ActionStatus::Blocked => true,
            ActionStatus::Done => a.done.as_ref().is_some_and(|d| d.value > window.as_of),
            ActionStatus::Dropped => false,
        };
        let agreed = a.agreed.is_none_or(|d| d <= window.as_of);
        let Some(due) = a.due.filter(|_| open && agreed) else {
            continue;
        };
        let action = Due::Action {
            id: a.id.value.clone(),
            title: a.title.clone(),
            owner: a.owner.clone(),
            blocked: a.status == ActionStatus::Blocked,
        };
        items.extend(window.item(due, action));
    }
}

/// Objectives due, and objectives (or their key results) to measure before they stall.
fn objectives(e: &Engagement, window: Window, items: &mut Vec<AgendaItem>) {
    let insight = analyze(e, window.as_of);
    for (o, figures) in e.objectives.iter().zip(&insight.objectives) {
        let status = o.front.status;
        let open = !matches!(status, ObjectiveStatus::Achieved | ObjectiveStatus::Dropped)
            && figures.tracking != Tracking::Achieved;
        if let Some(due) = o.front.due.filter(|_| open) {
            let objective = Due::ObjectiveDue {
                id: o.id.clone(),
                title: o.front.title.clone(),
            };
            items.extend(window.item(due, objective));
        }
        // What the analysis judges for staleness (`objective::track`).
        let tracked = status == ObjectiveStatus::Active
            && !matches!(
                figures.tracking,
                Tracking::Achieved | Tracking::Overdue | Tracking::NotTracked
            );
        if !tracked {
            continue;
        }
        let start = o.front.start.unwrap_or(e.info.start);
        if figures.key_results.is_empty() {
            items.extend(measurement_due(e, window, figures, start, || {
                Due::MeasurementDue {
                    id: o.id.clone(),
                    key_result: None,
                    title: o.front.title.clone(),
                    last_measurement: figures.latest_date,
                }
            }));
        }
        // Each key result not reached yet, measured as an objective is.
        for k in figures
            .key_results
            .iter()
            .filter(|k| k.figures.tracking != Tracking::Achieved)
        {
            let k = &k.figures;
            items.extend(measurement_due(e, window, k, start, || {
                Due::MeasurementDue {
                    id: o.id.clone(),
                    key_result: Some(k.id.clone()),
                    title: format!("{} — {}", o.front.title, k.title),
                    last_measurement: k.latest_date,
                }
            }));
        }
    }
}

/// The item to measure an objective, or one key result (`figures`), by its last
/// measurement (`start`, before the first) plus `zpd.stalled_after_days`; none when
/// it is measured without a target (the analysis judges none).
fn measurement_due(
    e: &Engagement,
    window: Window,
    figures: &super::ObjectiveInsight,
    start: Date,
    due: impl FnOnce() -> Due,
) -> Option<AgendaItem> {
    if figures.latest_date.is_some() && figures.target.is_none() {
        return None;
    }
    let since = figures.latest_date.unwrap_or(start);
    let by = since.add_days(e.info.zpd.stalled_after_days.value)?;
    window.item(by, due())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    const INFO: &str = "title: T\nclient: C\nkind: team\ncoach: X\nstart: 2026-01-12\nend: 2026-06-06\nscale: {min: 1, max: 5}\nretain_until: 2026-06-05\ncontract: {cadence_days: 14}\nzpd: {stalled_after_days: 14}\ncompetencies: []\n";

    const PLAN: &str = "actions:
  - {id: a1, title: Write the runbook, owner: Maya, due: 2026-05-20}
  - {id: a2, title: Done early, due: 2026-06-03, status: done, done: 2026-05-25}
  - {id: a3, title: Done later, due: 2026-06-03, status: done, done: 2026-06-02}
  - {id: a4, title: Held up, due: 2026-06-07, status: blocked}
  - {id: a5, title: Next week, due: 2026-06-08}
  - {id: a6, title: Given up, due: 2026-05-01, status: dropped}
  - {id: a7, title: Not agreed yet, agreed: 2026-06-02, due: 2026-06-04}
  - {id: a8, title: No due date}
";

    const MEASURE: &str = "measure: {metric: m, baseline: 0, target: 10}\n";

    /// The objectives by id and front matter (each measured from 0 to 10 unless given).
    fn objectives() -> Vec<(&'static str, String)> {
        let with = |rest: &str| format!("{MEASURE}{rest}");
        vec![
            (
                "o-due",
                with("title: Due\ndue: 2026-06-05\nmeasurements: [{date: 2026-05-20, value: 5}]\n"),
            ),
            ("o-late", with("title: Late\ndue: 2026-05-15\n")),
            (
                "o-stalled",
                with("title: Stalled\nmeasurements: [{date: 2026-04-01, value: 2}]\n"),
            ),
            ("o-never", with("title: Never\nstart: 2026-05-24\n")),
            (
                "o-done",
                with("title: Done\nstatus: achieved\ndue: 2026-06-02\n"),
            ),
            (
                "o-reached",
                with(
                    "title: Reached\ndue: 2026-06-06\nmeasurements: [{date: 2026-05-30, value: 10}]\n",
                ),
            ),
            (
                "o-dropped",
                with("title: Dropped\nstatus: dropped\ndue: 2026-05-01\n"),
            ),
            (
                "o-unmeasured",
                "title: No measure\nstart: 2026-01-12\n".to_string(),
            ),
        ]
    }

    fn session(date: &str, next: Option<&str>) -> Arc<Session> {
        let next = next.map_or(String::new(), |n| format!("next: {n}\n"));
        Arc::new(Session {
            id: format!("{date}-s"),
            source: Source::default(),
            front: serde_saphyr::from_str(&format!("date: {date}\ntitle: S\n{next}")).unwrap(),
            body: Default::default(),
            body_line: 0,
            visibility: Visibility::Client,
            properties: vec![],
        })
    }

    /// The engagement of these tests: INFO (with `info` added), PLAN, the objectives
    /// and `sessions`.
    fn engagement(info: &str, sessions: Vec<Arc<Session>>) -> Engagement {
        let info: EngagementInfo = serde_saphyr::from_str(&format!("{INFO}{info}")).unwrap();
        let plan: PlanFile = serde_saphyr::from_str(PLAN).unwrap();
        Engagement {
            root: ".".into(),
            info,
            objectives: objectives()
                .into_iter()
                .map(|(id, yaml)| Objective {
                    id: id.to_string(),
                    source: Source::default(),
                    front: serde_saphyr::from_str(&yaml).unwrap(),
                    body: Default::default(),
                    body_line: 0,
                    properties: vec![],
                    visibility: Visibility::Client,
                    history: vec![],
                })
                .collect(),
            assessments: vec![],
            plan: Plan {
                source: Source::default(),
                actions: plan.actions,
                revisions: plan.revisions,
            },
            sessions,
            lessons: vec![],
            surveys: vec![],
            report: None,
            withheld: Default::default(),
            attachments: Default::default(),
        }
    }

    /// Each item as "date kind id", with "!" when overdue.
    fn lines(items: &[AgendaItem]) -> Vec<String> {
        items
            .iter()
            .map(|i| {
                let id = match &i.due {
                    Due::Action { id, .. }
                    | Due::ObjectiveDue { id, .. }
                    | Due::MeasurementDue { id, .. } => id.clone(),
                    Due::SessionPlanned { after } | Due::SessionMissed { after } => after.clone(),
                    Due::SessionToBook { last, cadence_days } => {
                        format!(
                            "{}+{cadence_days}",
                            last.map_or("start".into(), |l| l.to_string())
                        )
                    }
                    Due::Retention | Due::EngagementEnds => String::new(),
                };
                let mark = if i.overdue { "!" } else { "" };
                format!("{}{mark} {} {id}", i.date, i.due.kind())
                    .trim_end()
                    .to_string()
            })
            .collect()
    }

    fn sessions_missed() -> Vec<Arc<Session>> {
        vec![
            session("2026-05-04", Some("2026-05-18")),
            session("2026-05-18", Some("2026-05-29")),
            // After the as-of date: not held yet.
            session("2026-06-03", Some("2026-06-17")),
        ]
    }

    #[test]
    fn a_week_by_hand() {
        let e = engagement("", sessions_missed());
        let items = agenda(&e, d("2026-06-01"), 7);
        assert_eq!(
            lines(&items),
            [
                // 12 January (the start) + 14 days: never measured.
                "2026-01-26! measurement-due o-unmeasured",
                "2026-04-15! measurement-due o-stalled",
                "2026-05-15! objective-due o-late",
                "2026-05-20! action a1",
                "2026-05-29! session-missed 2026-05-18-s",
                "2026-06-01 session-to-book 2026-05-18+14",
                "2026-06-03 action a3",
                "2026-06-03 measurement-due o-due",
                "2026-06-05 retention",
                "2026-06-05 objective-due o-due",
                "2026-06-06 engagement-ends",
                "2026-06-07 action a4",
                "2026-06-07 measurement-due o-never",
            ]
        );
        let a1 = &items[3].due;
        assert_eq!(
            a1,
            &Due::Action {
                id: "a1".into(),
                title: "Write the runbook".into(),
                owner: Some("Maya".into()),
                blocked: false
            }
        );
        assert!(matches!(items[11].due, Due::Action { blocked: true, .. }));
        let json = serde_json::to_value(&items[5]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"date": "2026-06-01", "overdue": false, "kind": "session-to-book",
                "last": "2026-05-18", "cadence_days": 14})
        );
    }

    #[test]
    fn a_next_session_ahead_leaves_none_to_book() {
        let sessions = vec![session("2026-05-18", Some("2026-06-04"))];
        let e = engagement("", sessions);
        let items = lines(&agenda(&e, d("2026-06-01"), 7));
        assert!(items.contains(&"2026-06-04 session-planned 2026-05-18-s".to_string()));
        assert!(!items.iter().any(|l| l.contains("session-to-book")));
        // Beyond the window: neither planned nor to book.
        let items = lines(&agenda(&e, d("2026-06-01"), 2));
        assert!(!items.iter().any(|l| l.contains("session")), "{items:?}");
    }

    #[test]
    fn without_sessions_the_cadence_counts_from_the_start() {
        let e = engagement("", vec![]);
        let items = lines(&agenda(&e, d("2026-01-20"), 7));
        // 12 January + 14 days, within the window.
        assert!(items.contains(&"2026-01-26 session-to-book start+14".to_string()));
    }

    #[test]
    fn a_session_to_book_after_the_end_is_not_on_it() {
        // Last session 28 May + 14 = 11 June, after the end (6 June).
        let e = engagement("", vec![session("2026-05-28", None)]);
        let items = lines(&agenda(&e, d("2026-06-01"), 30));
        assert!(!items.iter().any(|l| l.contains("session")), "{items:?}");
    }

    #[test]
    fn an_ended_engagement_keeps_its_actions_then_only_its_retention() {
        let e = engagement("", sessions_missed());
        // Ended on 6 June: no sessions any more, the actions still.
        let items = lines(&agenda(&e, d("2026-06-10"), 7));
        assert!(!items.iter().any(|l| l.contains("session")));
        assert!(items.contains(&"2026-06-07! action a4".to_string()));
        // 6 June + 7 days = 13 June: the 14th is more than 7 days after the end.
        let items = lines(&agenda(&e, d("2026-06-13"), 7));
        assert!(items.len() > 1);
        let items = lines(&agenda(&e, d("2026-06-14"), 7));
        assert_eq!(items, ["2026-06-05! retention"]);
    }

    #[test]
    fn one_day_is_the_as_of_date_alone() {
        assert_eq!(agenda_last_day(d("2026-06-01"), 1), d("2026-06-01"));
        assert_eq!(agenda_last_day(d("2026-06-01"), 7), d("2026-06-07"));
        let e = engagement("", sessions_missed());
        let items = agenda(&e, d("2026-06-03"), 1);
        assert!(items.iter().all(|i| i.date <= d("2026-06-03")));
        assert!(
            items
                .iter()
                .any(|i| i.date == d("2026-06-03") && !i.overdue)
        );
    }

    /// An objective with key results (start 1 May, due 30 June, stalled after 14 days):
    /// one item per key result not reached yet, from its own last measurement.
    fn with_key_results() -> Engagement {
        let mut e = engagement("", vec![]);
        let front = "title: Faster flow\nstart: 2026-05-01\ndue: 2026-06-30\nkey_results:
  - {id: kr-a, metric: Items done, baseline: 0, target: 10, measurements: [{date: 2026-05-10, value: 3}]}
  - {id: kr-b, metric: Reached, baseline: 0, target: 10, measurements: [{date: 2026-05-25, value: 10}]}
  - {id: kr-c, metric: Never measured, target: 5}
  - {id: kr-d, metric: No target, baseline: 0, measurements: [{date: 2026-05-20, value: 1}]}
  - {id: kr-e, metric: Lead time, target: 5, measurements: [{date: 2026-05-28, value: 9}]}
";
        e.objectives.push(Objective {
            id: "o-okr".into(),
            source: Source::default(),
            front: serde_saphyr::from_str(front).unwrap(),
            body: Default::default(),
            body_line: 0,
            properties: vec![],
            visibility: Visibility::Client,
            history: vec![],
        });
        e
    }

    #[test]
    fn each_key_result_not_reached_is_to_measure() {
        let e = with_key_results();
        let items: Vec<AgendaItem> = agenda(&e, d("2026-06-01"), 30)
            .into_iter()
            .filter(|i| matches!(&i.due, Due::MeasurementDue { id, .. } if id == "o-okr"))
            .collect();
        // Each as "date(! when overdue) key result · title · last measured".
        let got: Vec<String> = items
            .into_iter()
            .filter_map(|i| match i.due {
                Due::MeasurementDue {
                    key_result,
                    title,
                    last_measurement,
                    ..
                } => Some(format!(
                    "{}{} {} · {title} · {}",
                    i.date,
                    if i.overdue { "!" } else { "" },
                    key_result.unwrap_or_default(),
                    last_measurement.map_or("never".into(), |l| l.to_string())
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            got,
            [
                // Never measured: its objective's start, 1 May, + 14 days.
                "2026-05-15! kr-c · Faster flow — Never measured · never",
                // Last measured 10 May + 14 days.
                "2026-05-24! kr-a · Faster flow — Items done · 2026-05-10",
                // No baseline: its first measurement, 28 May, is one; + 14 days. (kr-b
                // is reached, kr-d has no target: neither is on the agenda.)
                "2026-06-11 kr-e · Faster flow — Lead time · 2026-05-28",
            ]
        );
        // In JSON, the key result beside the objective's id; left out for an objective.
        let json = serde_json::to_value(agenda(&e, d("2026-06-01"), 30)).unwrap();
        let kinds: Vec<&serde_json::Value> = json
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "measurement-due")
            .collect();
        assert!(
            kinds
                .iter()
                .any(|i| i["key_result"] == "kr-a" && i["id"] == "o-okr")
        );
        assert!(
            kinds
                .iter()
                .any(|i| i["id"] == "o-stalled" && i.get("key_result").is_none())
        );
    }

    /// A measurement is overdue on exactly the dates the analysis calls the objective
    /// stalled (or never measured).
    #[test]
    fn measurements_overdue_agree_with_the_analysis() {
        let e = with_key_results();
        let mut day = d("2026-04-01");
        while day <= d("2026-06-06") {
            let mut overdue: Vec<(String, Option<String>)> = agenda(&e, day, 1)
                .into_iter()
                .filter(|i| i.overdue)
                .filter_map(|i| match i.due {
                    Due::MeasurementDue { id, key_result, .. } => Some((id, key_result)),
                    _ => None,
                })
                .collect();
            let mut stalled: Vec<(String, Option<String>)> = analyze(&e, day)
                .objectives
                .iter()
                .flat_map(|o| {
                    o.findings
                        .iter()
                        .filter(|f| {
                            matches!(
                                f.finding,
                                super::super::Finding::Stalled { .. }
                                    | super::super::Finding::NoMeasurement { .. }
                            )
                        })
                        .map(|f| (o.id.clone(), f.key_result.clone()))
                })
                .collect();
            stalled.dedup();
            overdue.sort();
            stalled.sort();
            assert_eq!(overdue, stalled, "on {day}");
            day = day.add_days(1).unwrap();
        }
    }
}
