//! A coach's practice across engagements: the line of each engagement in the ICF client
//! coaching log (the record of coaching hours that ICF credentials ask for).

use super::held_sessions;
use crate::model::*;

/// One engagement's line of the ICF client coaching log, as of a date.
#[derive(Debug, Clone, PartialEq)]
pub struct LogLine {
    pub(crate) client: String,
    pub(crate) contact: Option<String>,
    /// A team engagement is group coaching.
    pub group: bool,
    /// The people coached: 1, or the team's members (0 when none are listed).
    pub group_size: usize,
    pub(crate) start: Date,
    /// The engagement's end once it has passed; otherwise the last session so far.
    pub end: Option<Date>,
    pub(crate) paid_hours: f64,
    pub(crate) pro_bono_hours: f64,
    pub(crate) sessions: usize,
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

/// How a group of objectives ended: how many, and how many reached their target.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Outcomes {
    pub(crate) objectives: usize,
    pub(crate) achieved: usize,
}

impl Outcomes {
    /// The share achieved, once there are enough objectives to say
    /// ([`MIN_OBJECTIVES_FOR_EVIDENCE`]).
    pub fn rate(&self) -> Option<f64> {
        (self.objectives >= MIN_OBJECTIVES_FOR_EVIDENCE)
            .then(|| self.achieved as f64 / self.objectives as f64)
    }
}

/// The fewest objectives of a group whose success rate the practice home states.
pub const MIN_OBJECTIVES_FOR_EVIDENCE: usize = 3;

/// The coach's own evidence, over the engagements that have ended: objectives that were
/// beyond the zone of proximal development when planned, and the others that were
/// checked, with how each group ended. Objectives that no competency could check, and
/// dropped ones, are not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ZpdEvidence {
    pub(crate) beyond: Outcomes,
    pub(crate) within: Outcomes,
    pub(crate) engagements: usize,
}

/// Adds an ended engagement (as of its end) to the evidence.
pub fn add_evidence(evidence: &mut ZpdEvidence, e: &Engagement, as_of: Date) {
    let Some(end) = e.info.end.as_ref().map(|end| end.value) else {
        return;
    };
    if end > as_of {
        return;
    }
    evidence.engagements += 1;
    let insight = super::analyze(e, end);
    for o in &e.objectives {
        if o.front.status == ObjectiveStatus::Dropped {
            continue;
        }
        let Some(beyond) = super::planned_beyond_zpd(e, o, end) else {
            continue;
        };
        let reached = o.front.status == ObjectiveStatus::Achieved
            || insight
                .objective(&o.id)
                .and_then(|i| i.progress)
                .is_some_and(|p| p >= 1.0);
        let group = if beyond {
            &mut evidence.beyond
        } else {
            &mut evidence.within
        };
        group.objectives += 1;
        group.achieved += usize::from(reached);
    }
}
