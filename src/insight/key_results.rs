//! Objectives with key results (OKRs): each key result's figures, computed as for an
//! objective measured by that one series, and the objective's from theirs.
//!
//! - A key result without a baseline starts from its first measurement (on or before
//!   the as-of date); until it is measured again it is "not measured yet".
//! - The objective's progress is the weighted mean of its key results' progress
//!   (`weight`, default 1), a key result not measured yet counting 0; none while no key
//!   result has a progress.
//! - Its tracking is the worst of its key results' ([`WORST_FIRST`]), with the key
//!   result it comes from; reached when every key result is; the facts (overdue, not
//!   tracked, marked achieved) are the objective's own.
//! - Its forecast is the latest of its key results' forecasts, when every key result
//!   still to reach has one.
//! - The OKR score of a key result is its progress from 0 to 1 (capped at 1, as progress
//!   is); the objective's is the weighted mean, as for progress.

use serde::{Deserialize, Serialize};

use super::objective::{measured_insight, moved_targets, planning};
use super::*;
use crate::model::{
    Date, Engagement, KeyResult, Measure, Objective, ObjectiveFront, ObjectiveStatus,
};

/// Everything computed for one key result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyResultInsight {
    /// Its figures, as an objective's: `id` is the key result's, `title` its metric.
    #[serde(flatten)]
    pub figures: ObjectiveInsight,
    /// The unit of its values.
    pub unit: Option<String>,
    /// Its weight in the objective's progress.
    pub weight: f64,
    /// The baseline its progress starts from: the one written, or its first measurement.
    pub baseline: Option<f64>,
    /// When no baseline was written: the date of the first measurement, taken as it.
    pub baseline_from: Option<Date>,
    /// Its OKR score, from 0 to 1.
    pub okr_score: Option<f64>,
}

impl KeyResultInsight {
    /// Whether it is measured against a baseline taken from its first measurement and
    /// has not been measured since.
    pub fn not_measured_since_baseline(&self) -> bool {
        self.baseline_from.is_some() && self.figures.measurements < 2
    }
}

/// Tracking from the most to the least in need of attention: the objective's tracking
/// is the first of these that one of its key results has.
pub const WORST_FIRST: [Tracking; 8] = [
    Tracking::Stalled,
    Tracking::AtRisk,
    Tracking::Stale,
    Tracking::NoMeasurement,
    Tracking::TooEarly,
    Tracking::NotJudged,
    Tracking::OnTrack,
    Tracking::Achieved,
];

/// The figures of an objective: measured by one series (`measure`, `gas`), or by its
/// key results.
pub(super) fn objective_insight(
    e: &Engagement,
    o: &Objective,
    standings: &[CompetencyStanding],
    as_of: Date,
) -> ObjectiveInsight {
    if o.front.key_results.is_empty() {
        measured_insight(e, o, standings, as_of, true)
    } else {
        okr_insight(e, o, standings, as_of)
    }
}

/// The figures of an objective with key results.
fn okr_insight(
    e: &Engagement,
    o: &Objective,
    standings: &[CompetencyStanding],
    as_of: Date,
) -> ObjectiveInsight {
    let f = &o.front;
    let base = ObjectiveFront {
        key_results: Vec::new(),
        ..f.clone()
    };
    let results: Vec<KeyResultInsight> = f
        .key_results
        .iter()
        .map(|kr| key_result_insight(e, o, &base, kr, standings, as_of))
        .collect();
    let all_reached = results
        .iter()
        .all(|k| k.figures.tracking == Tracking::Achieved);
    let (stretches, smart, mut flags) = planning(e, o, standings, as_of, all_reached, true);
    let (tracking, tracked_by) = objective_tracking(f, &results, as_of);
    if tracking == Tracking::Overdue
        && let Some(due) = f.due
    {
        flags.push(Severity::Warning, Finding::DuePassed { due });
    }
    for k in &results {
        flags.items.extend(
            k.figures
                .findings
                .iter()
                .filter(|fl| !matches!(fl.finding, Finding::DuePassed { .. }))
                .map(|fl| Flag {
                    objective: Some(o.id.clone()),
                    key_result: Some(k.figures.id.clone()),
                    ..fl.clone()
                }),
        );
    }
    let target_changes = moved_targets(o, as_of, &mut flags);
    let (forecast, forecast_interval) = if matches!(
        tracking,
        Tracking::NotTracked | Tracking::Overdue | Tracking::Achieved
    ) {
        (None, None)
    } else {
        latest_forecast(&results)
    };
    let progress = weighted_mean(&results, |k| k.figures.progress);
    ObjectiveInsight {
        id: o.id.clone(),
        title: f.title.clone(),
        progress,
        latest: None,
        latest_date: results.iter().filter_map(|k| k.figures.latest_date).max(),
        target: None,
        due: f.due,
        trend: None,
        forecast,
        forecast_interval,
        measurements: results.iter().map(|k| k.figures.measurements).sum(),
        too_few_measurements: results.iter().any(|k| k.figures.too_few_measurements),
        tracking,
        adherence: None,
        pace: None,
        stretches,
        smart,
        target_changes,
        findings: flags.items,
        key_results: results,
        tracked_by,
    }
}

/// One key result's figures: those of an objective measured by its series alone, with
/// the objective's dates and status.
fn key_result_insight(
    e: &Engagement,
    o: &Objective,
    base: &ObjectiveFront,
    kr: &KeyResult,
    standings: &[CompetencyStanding],
    as_of: Date,
) -> KeyResultInsight {
    let first = kr
        .measurements
        .iter()
        .find(|m| m.date <= as_of && m.value.value.is_finite());
    let (baseline, baseline_from) = match (&kr.baseline, first) {
        (Some(b), _) => (Some(b.value), None),
        (None, Some(m)) => (Some(m.value.value), Some(m.date)),
        (None, None) => (None, None),
    };
    let alone = key_result_objective(o, base, kr, (baseline, baseline_from));
    let mut figures = measured_insight(e, &alone, standings, as_of, false);
    // The planning checks are the objective's.
    figures.smart = Vec::new();
    let mut k = KeyResultInsight {
        unit: kr.unit.clone(),
        weight: kr.weight.as_ref().map_or(1.0, |w| w.value),
        baseline,
        baseline_from,
        okr_score: None,
        figures: figures.clone(),
    };
    // Its first measurement is its baseline: nothing is measured against it yet, so
    // there is no way along the plan or pace to judge.
    if k.not_measured_since_baseline() {
        figures.adherence = None;
        figures.pace = None;
        figures.findings.retain(|f| {
            !matches!(
                f.finding,
                Finding::Trajectory { .. }
                    | Finding::PaceTooFast { .. }
                    | Finding::PaceFlatOrBackwards { .. }
            )
        });
        if figures.tracking == Tracking::TooEarly {
            figures.progress = None;
            figures.tracking = Tracking::NoMeasurement;
        }
    }
    k.okr_score = figures.progress;
    k.figures = figures;
    k
}

/// A key result as an objective measured by its series alone: its id, its metric as
/// title and measure, its milestones and measurements, with `base`'s dates and status
/// (the objective's front matter without its key results) and `baseline` (the one
/// written; or its first measurement, with its date, from which it then starts).
pub fn key_result_objective(
    o: &Objective,
    base: &ObjectiveFront,
    kr: &KeyResult,
    (baseline, baseline_from): (Option<f64>, Option<Date>),
) -> Objective {
    Objective {
        id: kr.id.value.clone(),
        source: o.source.clone(),
        front: ObjectiveFront {
            title: kr.metric.clone(),
            measure: Some(Measure {
                metric: kr.metric.clone(),
                unit: kr.unit.clone(),
                baseline: baseline.map(|b| crate::model::At::new(b, Default::default())),
                target: kr.target.clone(),
            }),
            key_results: Vec::new(),
            gas: None,
            competencies: Vec::new(),
            // A baseline taken from the first measurement is where it starts: its
            // planned trajectory runs from there.
            start: baseline_from.or(base.start),
            milestones: kr.milestones.clone(),
            measurements: kr.measurements.clone(),
            ..base.clone()
        },
        body: Default::default(),
        body_line: 0,
        properties: Vec::new(),
        visibility: o.visibility,
        history: Vec::new(),
    }
}

/// The worst tracking of the key results, with the one it comes from; the objective's
/// own facts first (not tracked, marked achieved, every key result reached, overdue).
fn objective_tracking(
    f: &ObjectiveFront,
    results: &[KeyResultInsight],
    as_of: Date,
) -> (Tracking, Option<String>) {
    if matches!(
        f.status,
        ObjectiveStatus::Paused | ObjectiveStatus::Dropped | ObjectiveStatus::Proposed
    ) {
        return (Tracking::NotTracked, None);
    }
    let all_reached = results
        .iter()
        .all(|k| k.figures.tracking == Tracking::Achieved);
    if f.status == ObjectiveStatus::Achieved || all_reached {
        return (Tracking::Achieved, None);
    }
    if f.due.is_some_and(|due| due < as_of) {
        return (Tracking::Overdue, None);
    }
    WORST_FIRST
        .iter()
        .find_map(|t| {
            results
                .iter()
                .find(|k| k.figures.tracking == *t)
                .map(|k| (*t, Some(k.figures.id.clone())))
        })
        .unwrap_or((Tracking::NotJudged, None))
}

/// The latest forecast of the key results still to reach, and the interval from the
/// latest of their earliest dates to the latest of their latest: none unless each has
/// one.
fn latest_forecast(results: &[KeyResultInsight]) -> (Option<Date>, Option<ForecastInterval>) {
    let open: Vec<&ObjectiveInsight> = results
        .iter()
        .map(|k| &k.figures)
        .filter(|k| k.tracking != Tracking::Achieved)
        .collect();
    if open.is_empty() {
        return (None, None);
    }
    let forecast = open
        .iter()
        .map(|k| k.forecast)
        .collect::<Option<Vec<Date>>>()
        .and_then(|d| d.into_iter().max());
    let interval = open
        .iter()
        .map(|k| k.forecast_interval)
        .collect::<Option<Vec<ForecastInterval>>>()
        .and_then(|all| {
            Some(ForecastInterval {
                earliest: all.iter().map(|i| i.earliest).max()?,
                // One that may never be reached leaves the objective's open too.
                latest: all
                    .iter()
                    .map(|i| i.latest)
                    .collect::<Option<Vec<Date>>>()
                    .and_then(|l| l.into_iter().max()),
            })
        });
    (forecast, forecast.and(interval))
}

/// The mean of the key results' `value`, weighted by their `weight`; a key result
/// without one counts 0. `None` when none has one.
pub fn weighted_mean(
    results: &[KeyResultInsight],
    value: impl Fn(&KeyResultInsight) -> Option<f64>,
) -> Option<f64> {
    if results.iter().all(|k| value(k).is_none()) {
        return None;
    }
    let total: f64 = results.iter().map(|k| k.weight).sum();
    let sum: f64 = results
        .iter()
        .map(|k| k.weight * value(k).unwrap_or(0.0))
        .sum();
    (total > 0.0).then(|| sum / total)
}

impl ObjectiveInsight {
    /// The OKR score of an objective with key results: the weighted mean of theirs.
    pub fn okr_score(&self) -> Option<f64> {
        if self.key_results.is_empty() {
            return None;
        }
        weighted_mean(&self.key_results, |k| k.okr_score)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{codes, d, one};
    use super::*;

    /// Three key results: `done` rising (0 → 60, one a day), `cycle` falling with no
    /// baseline (its first measurement, 16 days, is the baseline; target 4; weight 2),
    /// `ahead` reached (0 → 2).
    const FLOW: &str = "title: Flow\nspecific: Finish more small items and keep refinement ahead\nachievable: a\nrelevant: r\nstart: 2026-01-01\ndue: 2026-04-01\nkey_results:\n  - id: done\n    metric: Items done\n    baseline: 0\n    target: 60\n    measurements:\n      - {date: 2026-01-01, value: 0}\n      - {date: 2026-01-11, value: 10}\n      - {date: 2026-01-21, value: 20}\n      - {date: 2026-02-10, value: 40}\n  - id: cycle\n    metric: Cycle time\n    unit: days\n    target: 4\n    weight: 2\n    measurements:\n      - {date: 2026-01-01, value: 16}\n      - {date: 2026-01-21, value: 10}\n      - {date: 2026-02-10, value: 7}\n  - id: ahead\n    metric: Sprints ready\n    baseline: 0\n    target: 2\n    measurements: [{date: 2026-01-21, value: 2}]\n";

    fn result<'a>(o: &'a ObjectiveInsight, id: &str) -> &'a KeyResultInsight {
        o.key_results.iter().find(|k| k.figures.id == id).unwrap()
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn each_key_result_has_its_figures_and_the_objective_theirs() {
        let o = one(FLOW, "2026-02-10");
        let done = result(&o, "done");
        // 40 of 0 → 60; on a line of exactly 1 a day: 60 on 2 March.
        assert!(close(done.figures.progress, 40.0 / 60.0));
        assert_eq!(done.figures.forecast, Some(d("2026-03-02")));
        assert_eq!(done.figures.tracking, Tracking::OnTrack);
        assert_eq!(done.baseline_from, None);
        let cycle = result(&o, "cycle");
        // Baseline 16 (1 January), latest 7: (16 − 7) / (16 − 4) = 0.75.
        assert_eq!(cycle.baseline, Some(16.0));
        assert_eq!(cycle.baseline_from, Some(d("2026-01-01")));
        assert!(close(cycle.figures.progress, 0.75));
        assert!(close(cycle.okr_score, 0.75));
        // Days 0, 20, 40 at 16, 10, 7: slope −180 / 800 = −0.225 a day; 6.5 on
        // 10 February, 4 after (4 − 6.5) / −0.225 = 11.1 days: 22 February.
        let slope = cycle.figures.trend.as_ref().unwrap().per_day;
        assert!((slope + 0.225).abs() < 1e-9);
        assert_eq!(cycle.figures.forecast, Some(d("2026-02-22")));
        assert_eq!(cycle.figures.tracking, Tracking::OnTrack);
        assert_eq!(result(&o, "ahead").figures.tracking, Tracking::Achieved);
        // (1 · 2/3 + 2 · 0.75 + 1 · 1) / 4 = 0.791 666…
        let mean = (40.0 / 60.0 + 2.0 * 0.75 + 1.0) / 4.0;
        assert!(close(o.progress, mean));
        assert!(close(o.okr_score(), mean));
        // The worst is on track (done's first), the latest forecast done's.
        assert_eq!(o.tracking, Tracking::OnTrack);
        assert_eq!(o.tracked_by.as_deref(), Some("done"));
        assert_eq!(o.forecast, Some(d("2026-03-02")));
        assert_eq!(o.measurements, 8);
        assert!(o.latest.is_none() && o.target.is_none());
        assert_eq!(o.latest_date, Some(d("2026-02-10")));
    }

    #[test]
    fn the_worst_tracking_is_the_objectives_and_a_missing_forecast_leaves_it_open() {
        // On 25 January `cycle` has two measurements: too early for a trend.
        let o = one(FLOW, "2026-01-25");
        let cycle = result(&o, "cycle");
        assert_eq!(cycle.figures.tracking, Tracking::TooEarly);
        // (16 − 10) / 12 = 0.5; done 20/60.
        assert!(close(cycle.figures.progress, 0.5));
        assert_eq!(o.tracking, Tracking::TooEarly);
        assert_eq!(o.tracked_by.as_deref(), Some("cycle"));
        // Done has a forecast, cycle none: no date for the objective.
        assert!(result(&o, "done").figures.forecast.is_some());
        assert_eq!(o.forecast, None);
        assert!(close(o.progress, (20.0 / 60.0 + 2.0 * 0.5 + 1.0) / 4.0));
    }

    #[test]
    fn a_key_result_measured_once_without_a_baseline_is_not_measured_yet() {
        let yaml = FLOW.replace("      - {date: 2026-01-01, value: 16}\n", "");
        let o = one(&yaml, "2026-01-25");
        let cycle = result(&o, "cycle");
        // Its one measurement (10, 21 January) is its baseline: nothing since.
        assert_eq!(cycle.baseline, Some(10.0));
        assert_eq!(cycle.baseline_from, Some(d("2026-01-21")));
        assert!(cycle.not_measured_since_baseline());
        assert_eq!(cycle.figures.progress, None);
        assert_eq!(cycle.okr_score, None);
        assert_eq!(cycle.figures.tracking, Tracking::NoMeasurement);
        assert_eq!(cycle.figures.latest, Some(10.0));
        // No way along the plan to judge from the baseline alone.
        assert!(cycle.figures.adherence.is_none() && cycle.figures.pace.is_none());
        assert!(
            o.findings
                .iter()
                .all(|f| f.key_result.as_deref() != Some("cycle"))
        );
        // It counts 0 in the mean: (20/60 + 2 · 0 + 1) / 4.
        assert!(close(o.progress, (20.0 / 60.0 + 1.0) / 4.0));
        assert_eq!(o.tracking, Tracking::NoMeasurement);
        assert_eq!(o.tracked_by.as_deref(), Some("cycle"));
    }

    #[test]
    fn the_facts_are_the_objectives_own() {
        // Past the due date with cycle not reached: overdue, said once.
        let o = one(FLOW, "2026-04-02");
        assert_eq!(o.tracking, Tracking::Overdue);
        assert_eq!(o.tracked_by, None);
        assert_eq!(o.forecast, None);
        assert_eq!(codes(&o).iter().filter(|c| *c == "due-passed").count(), 1);
        assert!(
            o.findings
                .iter()
                .all(|f| f.key_result.is_none() || !matches!(f.finding, Finding::DuePassed { .. }))
        );
        // Every key result reached: achieved.
        let all = FLOW
            .replace("target: 60", "target: 40")
            .replace("target: 4\n", "target: 7\n");
        let o = one(&all, "2026-02-10");
        assert_eq!(o.tracking, Tracking::Achieved);
        assert!(close(o.progress, 1.0));
        // Paused: not tracked, whatever the key results say.
        let o = one(
            &FLOW.replace("due: 2026-04-01", "due: 2026-04-01\nstatus: paused"),
            "2026-02-10",
        );
        assert_eq!(o.tracking, Tracking::NotTracked);
        assert!(
            o.key_results
                .iter()
                .all(|k| k.figures.tracking == Tracking::NotTracked)
        );
    }

    #[test]
    fn findings_of_a_key_result_name_it_and_its_objective() {
        // No measurement of `done` for 50 days after 10 February (stalled after 30).
        let o = one(FLOW, "2026-03-31");
        let stalled: Vec<&Flag> = o
            .findings
            .iter()
            .filter(|f| matches!(f.finding, Finding::Stalled { .. }))
            .collect();
        assert_eq!(stalled.len(), 2);
        assert!(stalled.iter().all(|f| f.objective.as_deref() == Some("o")));
        assert_eq!(stalled[0].key_result.as_deref(), Some("done"));
        assert_eq!(stalled[1].key_result.as_deref(), Some("cycle"));
        assert_eq!(o.tracking, Tracking::Stalled);
    }

    #[test]
    fn measurable_when_every_key_result_has_a_target() {
        let m = |o: &ObjectiveInsight| o.smart.iter().find(|l| l.letter == 'M').cloned();
        let o = one(FLOW, "2026-02-10");
        assert!(m(&o).unwrap().pass);
        assert!(o.key_results.iter().all(|k| k.figures.smart.is_empty()));
        let o = one(&FLOW.replace("    target: 2\n", ""), "2026-02-10");
        let letter = m(&o).unwrap();
        assert!(!letter.pass);
        assert_eq!(letter.reasons, vec![SmartReason::KeyResultNoTarget]);
    }

    #[test]
    fn the_weighted_mean_counts_a_missing_value_as_zero() {
        let o = one(FLOW, "2026-02-10");
        let mut results = o.key_results.clone();
        assert_eq!(weighted_mean(&results, |_| None), None);
        results[1].weight = 3.0;
        // (1 · 0.5 + 3 · 0 + 1 · 1) / 5 = 0.3
        let value = |k: &KeyResultInsight| match k.figures.id.as_str() {
            "done" => Some(0.5),
            "cycle" => None,
            _ => Some(1.0),
        };
        let v = weighted_mean(&results, value);
        assert!(close(v, 0.3));
    }
}
