//! A coach's practice across engagements: the line of each engagement in the ICF client
//! coaching log (the record of coaching hours that ICF credentials ask for).

use super::held_sessions;
use crate::model::*;

/// One engagement's line of the ICF client coaching log, as of a date.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine {
    pub client: String,
    pub contact: Option<String>,
    /// A team engagement is group coaching.
    pub group: bool,
    /// The people coached: 1, or the team's members (0 when none are listed).
    pub group_size: usize,
    pub start: Date,
    /// The engagement's end once it has passed; otherwise the last session so far.
    pub end: Option<Date>,
    pub paid_hours: f64,
    pub pro_bono_hours: f64,
    pub sessions: usize,
    /// Sessions held without a `duration`: their hours are not counted.
    pub without_duration: usize,
}

/// The log line of `e`: the sessions held on or before `as_of`, their hours paid or pro
/// bono as the engagement's `billing` says (paid by default).
pub fn log_line(e: &Engagement, as_of: Date) -> LogLine {
    let info = &e.info;
    let (sessions, minutes) = held_sessions(e, as_of);
    let without_duration = e
        .sessions
        .iter()
        .filter(|s| s.front.date <= as_of && s.front.duration.is_none())
        .count();
    let hours = minutes as f64 / 60.0;
    let pro_bono = info.billing == Some(Billing::ProBono);
    let last_session = e
        .sessions
        .iter()
        .map(|s| s.front.date)
        .filter(|d| *d <= as_of)
        .max();
    let end = match &info.end {
        Some(end) if end.value <= as_of => Some(end.value),
        _ => last_session,
    };
    LogLine {
        client: info.client.clone(),
        contact: info.contact.clone(),
        group: info.kind == Kind::Team,
        group_size: match info.kind {
            Kind::Individual => 1,
            Kind::Team => info.members.len(),
        },
        start: info.start,
        end,
        paid_hours: if pro_bono { 0.0 } else { hours },
        pro_bono_hours: if pro_bono { hours } else { 0.0 },
        sessions,
        without_duration,
    }
}
