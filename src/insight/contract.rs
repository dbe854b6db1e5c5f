//! The contract (`contract:` in engagement.yaml): how much of it is used by the as-of
//! date, and whether the agreed rhythm holds (docs/insight.md, "The contract and its
//! cadence").
//!
//! - **Used**: the sessions held and their hours ([`held_sessions`]: a session counts for
//!   every reader who could know it took place), against the sessions and hours agreed.
//! - **Cadence broken**: no session for more than twice `cadence_days` (since the last
//!   session, or since the start before the first), while the engagement runs.
//! - **Next session passed**: the latest session note's `next:` date has passed and no
//!   session was held on or after it.
//! - **Sessions left that no longer fit**: at a session every `cadence_days`, fewer of the
//!   sessions agreed fit before the end than are left.
//! - **Over the contract**: more sessions or hours held than agreed.

use serde::{Deserialize, Serialize};

use super::{Finding, Flag, Severity, engagement_flag, held_sessions, session_dates};
use crate::model::{Date, Engagement};

/// No session for more than this many times the cadence breaks it.
pub const CADENCE_BROKEN_FACTOR: i64 = 2;

/// How much of the contract is used by the as-of date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractUse {
    /// Sessions agreed.
    pub sessions: Option<u32>,
    /// Sessions held by the as-of date.
    pub sessions_held: usize,
    /// Hours agreed.
    pub hours: Option<f64>,
    /// Hours held by the as-of date.
    pub hours_held: f64,
    /// The agreed rhythm, in days.
    pub cadence_days: Option<u32>,
}

/// The contract's use, from the sessions and minutes held (`held_sessions`, or the
/// client's for the sponsor); `None` when nothing was contracted.
pub fn contract_use(e: &Engagement, (held, minutes): (usize, u64)) -> Option<ContractUse> {
    let c = &e.info.contract;
    if c.sessions.is_none() && c.hours.is_none() && c.cadence_days.is_none() {
        return None;
    }
    Some(ContractUse {
        sessions: c.sessions.as_ref().map(|s| s.value),
        sessions_held: held,
        hours: c.hours.as_ref().map(|h| h.value),
        hours_held: minutes as f64 / 60.0,
        cadence_days: c.cadence_days.as_ref().map(|d| d.value),
    })
}

/// The findings about the contract and its cadence, in this order: the cadence broken,
/// the next session passed, sessions left that do not fit, sessions and hours over.
pub(super) fn contract_findings(e: &Engagement, as_of: Date, findings: &mut Vec<Flag>) {
    let held: Vec<Date> = session_dates(e)
        .into_iter()
        .filter(|d| *d <= as_of)
        .collect();
    let running = e.info.end.as_ref().is_none_or(|end| as_of <= end.value);
    let cadence = e.info.contract.cadence_days.as_ref().map(|d| d.value);
    if let Some(cadence) = cadence
        && running
        && let Some(finding) = cadence_broken(e.info.start, held.last().copied(), as_of, cadence)
    {
        findings.push(engagement_flag(Severity::Warning, finding));
    }
    if let Some(finding) = next_passed(e, &held, as_of) {
        findings.push(engagement_flag(Severity::Warning, finding));
    }
    let Some(used) = contract_use(e, held_sessions(e, as_of)) else {
        return;
    };
    if let (Some(agreed), Some(cadence), Some(end)) =
        (used.sessions, cadence, e.info.end.as_ref().map(|d| d.value))
    {
        let left = i64::from(agreed) - used.sessions_held as i64;
        let fit = sessions_that_fit(held.last().copied(), as_of, end, cadence);
        if left > fit {
            findings.push(engagement_flag(
                Severity::Warning,
                Finding::ContractSessionsLeft {
                    left,
                    fit,
                    end,
                    cadence_days: cadence,
                },
            ));
        }
    }
    if let Some(agreed) = used.sessions
        && used.sessions_held > agreed as usize
    {
        findings.push(engagement_flag(
            Severity::Warning,
            Finding::ContractSessionsOver {
                held: used.sessions_held,
                agreed,
            },
        ));
    }
    if let Some(agreed) = used.hours
        && used.hours_held > agreed
    {
        findings.push(engagement_flag(
            Severity::Warning,
            Finding::ContractHoursOver {
                held: used.hours_held,
                agreed,
            },
        ));
    }
}

/// No session for more than twice the cadence: since the last session held, or since
/// the start when none was.
fn cadence_broken(start: Date, last: Option<Date>, as_of: Date, cadence: u32) -> Option<Finding> {
    let since = last.unwrap_or(start);
    let days = since.days_until(as_of);
    (days > CADENCE_BROKEN_FACTOR * i64::from(cadence)).then_some(Finding::CadenceBroken {
        last,
        days,
        cadence_days: cadence,
    })
}

/// The latest session note's `next:` date, passed with no session held on or after it.
fn next_passed(e: &Engagement, held: &[Date], as_of: Date) -> Option<Finding> {
    let latest = e
        .sessions
        .iter()
        .filter(|s| s.front.date <= as_of)
        .max_by_key(|s| s.front.date)?;
    let next = latest.front.next.as_ref()?.value;
    let kept = held.iter().any(|d| *d >= next);
    (next < as_of && !kept).then(|| Finding::CadenceNextPassed {
        next,
        session: latest.id.clone(),
    })
}

/// How many sessions fit before `end` at one every `cadence` days: the next falls
/// `cadence` days after the last one (or on the as-of date when that day has passed, or
/// when none was held), then one every `cadence` days. None once the end has passed.
pub fn sessions_that_fit(last: Option<Date>, as_of: Date, end: Date, cadence: u32) -> i64 {
    if as_of > end {
        return 0;
    }
    let cadence = i64::from(cadence.max(1));
    let first = match last {
        Some(last) if last.days_until(as_of) < cadence => as_of.days_until(last) + cadence,
        _ => 0,
    };
    let room = as_of.days_until(end) - first;
    if room < 0 { 0 } else { 1 + room / cadence }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn sessions_fit_at_the_cadence_from_the_last_one() {
        // Last session 9 June, every 14 days, end 10 July, as of 15 June: the next is
        // due 23 June, then 7 July; 21 July is after the end: 2 fit.
        assert_eq!(
            sessions_that_fit(Some(d("2026-06-09")), d("2026-06-15"), d("2026-07-10"), 14),
            2
        );
        // As of 10 July (the end), the next was due 23 June: one can still be held
        // today, no more.
        assert_eq!(
            sessions_that_fit(Some(d("2026-06-09")), d("2026-07-10"), d("2026-07-10"), 14),
            1
        );
        // None held yet, 30 days to the end at every 14 days: today, +14, +28: 3.
        assert_eq!(
            sessions_that_fit(None, d("2026-06-10"), d("2026-07-10"), 14),
            3
        );
        // After the end: none.
        assert_eq!(
            sessions_that_fit(Some(d("2026-06-09")), d("2026-07-11"), d("2026-07-10"), 14),
            0
        );
        // The next one falls after the end: none fits.
        assert_eq!(
            sessions_that_fit(Some(d("2026-07-01")), d("2026-07-02"), d("2026-07-10"), 14),
            0
        );
    }

    #[test]
    fn the_cadence_breaks_after_twice_its_days() {
        let start = d("2026-01-12");
        // Every 14 days: 28 days since the last session is not yet broken; 29 is.
        assert_eq!(
            cadence_broken(start, Some(d("2026-04-14")), d("2026-05-12"), 14),
            None
        );
        assert_eq!(
            cadence_broken(start, Some(d("2026-04-14")), d("2026-05-13"), 14),
            Some(Finding::CadenceBroken {
                last: Some(d("2026-04-14")),
                days: 29,
                cadence_days: 14,
            })
        );
        // No session yet: counted from the start (12 January + 29 days = 10 February).
        assert_eq!(
            cadence_broken(start, None, d("2026-02-10"), 14),
            Some(Finding::CadenceBroken {
                last: None,
                days: 29,
                cadence_days: 14,
            })
        );
    }
}
