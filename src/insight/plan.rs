//! The plan: the client's commitment (the share of actions due that were done on
//! time) and its calibration band.

use serde::{Deserialize, Serialize};

use super::{COMMITMENT_WINDOW_DAYS, MIN_ACTIONS_DUE};
use crate::model::{ActionStatus, Date, Engagement};

/// Commitment: actions done by their due date among the actions due. A rate exists only
/// when at least [`MIN_ACTIONS_DUE`] actions were due (overall, or in the window): fewer
/// are too few to judge.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    /// Actions due on or before the as-of date (dropped ones excluded).
    pub due: usize,
    pub(crate) on_time: usize,
    pub(crate) rate: Option<f64>,
    /// The same over the last eight weeks.
    pub recent_due: usize,
    pub(crate) recent_on_time: usize,
    pub(crate) recent_rate: Option<f64>,
    pub(crate) band: Option<CommitmentBand>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum CommitmentBand {
    /// Below 50 % over the last eight weeks.
    TooLow,
    /// 50–69 %.
    BelowHealthy,
    /// 70–85 %: the healthy band.
    Healthy,
    /// Above 85 %, below 100 %.
    AboveHealthy,
    /// 100 %, in this and the two eight-week periods before: room for more stretch.
    AlwaysFull,
}

/// Commitment (SPEC §3): actions due by the as-of date that were done by their due
/// date, over the actions due; and its calibration over the last eight weeks.
pub fn commitment(e: &Engagement, as_of: Date) -> Commitment {
    let window = |from: Option<Date>, to: Date| {
        let due: Vec<_> = e
            .plan
            .actions
            .iter()
            .filter(|a| a.status != ActionStatus::Dropped)
            .filter(|a| a.due.is_some_and(|d| d <= to && from.is_none_or(|f| d > f)))
            .collect();
        let on_time = due
            .iter()
            .filter(|a| {
                a.status == ActionStatus::Done
                    && a.done.as_ref().is_some_and(|d| {
                        d.value <= as_of && a.due.is_some_and(|due| d.value <= due)
                    })
            })
            .count();
        (due.len(), on_time)
    };
    let rate = |(due, on_time): (usize, usize)| {
        (due >= MIN_ACTIONS_DUE).then(|| on_time as f64 / due as f64)
    };
    let days = |n: i64| as_of.add_days(-n);
    let (due, on_time) = window(None, as_of);
    let recent = window(days(COMMITMENT_WINDOW_DAYS), as_of);
    let recent_rate = rate(recent);
    // The calibration band speaks of the last eight weeks only: without enough actions
    // due in them there is no band (the overall rate is not a stand-in).
    let band = recent_rate.map(|r| {
        if r < 0.5 {
            CommitmentBand::TooLow
        } else if r < 0.7 {
            CommitmentBand::BelowHealthy
        } else if r <= 0.85 {
            CommitmentBand::Healthy
        } else if r < 1.0 {
            CommitmentBand::AboveHealthy
        } else {
            // 100 %: "over many periods" means this eight-week period and the two before.
            let earlier = (1..3).all(|k| {
                let to = days(COMMITMENT_WINDOW_DAYS * k);
                let from = days(COMMITMENT_WINDOW_DAYS * (k + 1));
                to.is_some_and(|to| rate(window(from, to)) == Some(1.0))
            });
            if earlier {
                CommitmentBand::AlwaysFull
            } else {
                CommitmentBand::AboveHealthy
            }
        }
    });
    Commitment {
        due,
        on_time,
        rate: rate((due, on_time)),
        recent_due: recent.0,
        recent_on_time: recent.1,
        recent_rate,
        band,
    }
}
