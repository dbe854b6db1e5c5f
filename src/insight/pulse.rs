//! Stakeholder pulse: per objective and survey, the net score of the stakeholders'
//! ratings (the share who saw it better minus the share who saw it worse), over the
//! counts a reader may see (`model::Pulse`, made by `audience`).

use serde::{Deserialize, Serialize};

use crate::model::{Date, Engagement, PULSE_MIN, Tally};

/// What a set of ratings says: how many raters, how many saw it better, the same or
/// worse, the net score and the mean rating.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PulseScore {
    pub(crate) raters: u32,
    pub(crate) better: u32,
    pub(crate) same: u32,
    pub(crate) worse: u32,
    /// (better − worse) / raters, from −1 to +1.
    pub net: f64,
    /// The mean rating, from −3 to +3.
    pub mean: f64,
}

/// The score of ratings counted at −3 … +3; `None` with no rater.
pub fn pulse_score(counts: &[u32; 7]) -> Option<PulseScore> {
    let raters: u32 = counts.iter().sum();
    if raters == 0 {
        return None;
    }
    let worse: u32 = counts[..3].iter().sum();
    let better: u32 = counts[4..].iter().sum();
    let sum: i64 = counts
        .iter()
        .zip(PULSE_MIN..)
        .map(|(c, rating)| i64::from(*c) * rating)
        .sum();
    let n = f64::from(raters);
    Some(PulseScore {
        raters,
        better,
        same: counts[3],
        worse,
        net: (f64::from(better) - f64::from(worse)) / n,
        mean: sum as f64 / n,
    })
}

/// One survey's figures for one objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PulsePoint {
    pub(crate) survey: String,
    pub(crate) date: Date,
    /// Every rating shown, all groups together; `None` when every one was left out.
    pub overall: Option<PulseScore>,
    /// Each rater group shown (`None`: the small groups, pooled), in name order, the pool last.
    pub groups: Vec<(Option<String>, PulseScore)>,
    /// Answers left out to keep them anonymous.
    pub left_out: u32,
}

/// An objective's stakeholder pulse over time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectivePulse {
    pub(crate) objective: String,
    /// By survey date.
    pub points: Vec<PulsePoint>,
}

/// The pulse of every objective that a survey on or before `as_of` rated.
pub fn pulses(e: &Engagement, as_of: Date) -> Vec<ObjectivePulse> {
    e.objectives
        .iter()
        .filter_map(|o| {
            let points: Vec<PulsePoint> = e
                .surveys
                .iter()
                .filter(|s| s.front.date <= as_of)
                .filter_map(|s| {
                    let mine: Vec<&Tally> = s
                        .pulse
                        .tallies
                        .iter()
                        .filter(|t| t.objective == o.id)
                        .collect();
                    let mut all = [0u32; 7];
                    for t in &mine {
                        for (a, c) in all.iter_mut().zip(t.counts) {
                            *a += c;
                        }
                    }
                    let mut groups: Vec<(Option<String>, PulseScore)> = mine
                        .iter()
                        .filter_map(|t| Some((t.group.clone(), pulse_score(&t.counts)?)))
                        .collect();
                    groups.sort_by(|a, b| (a.0.is_none(), &a.0).cmp(&(b.0.is_none(), &b.0)));
                    let left_out = s.pulse.left_out.get(&o.id).copied().unwrap_or(0);
                    let overall = pulse_score(&all);
                    if overall.is_none() && left_out == 0 {
                        return None;
                    }
                    Some(PulsePoint {
                        survey: s.id.clone(),
                        date: s.front.date,
                        overall,
                        groups,
                        left_out,
                    })
                })
                .collect();
            (!points.is_empty()).then(|| ObjectivePulse {
                objective: o.id.clone(),
                points,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_net_score_is_better_minus_worse_over_raters() {
        // Five raters: −1, 0, +1, +2, +2. Better 3, same 1, worse 1: net (3 − 1)/5 = 0.4;
        // mean (−1 + 0 + 1 + 2 + 2)/5 = 0.8.
        let s = pulse_score(&[0, 0, 1, 1, 1, 2, 0]).unwrap();
        assert_eq!((s.raters, s.better, s.same, s.worse), (5, 3, 1, 1));
        assert!((s.net - 0.4).abs() < 1e-12 && (s.mean - 0.8).abs() < 1e-12);
        // All much worse: −1 and −3.
        let s = pulse_score(&[4, 0, 0, 0, 0, 0, 0]).unwrap();
        assert_eq!((s.net, s.mean), (-1.0, -3.0));
        assert_eq!(pulse_score(&[0; 7]), None);
    }
}
