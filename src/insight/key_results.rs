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

use super::objective::{Flags, measured_insight, planning_flags, start_of, stretches};
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

/// The figures of an objective with key results.
pub(super) fn okr_insight(
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
    let start = start_of(e, o);
    let stretches = if all_reached || f.status == ObjectiveStatus::Achieved {
        Vec::new()
    } else {
        stretches(e, o, start, as_of)
    };
    let smart = smart(o, start, &stretches);
    let mut flags = Flags {
        objective: &o.id,
        items: Vec::new(),
    };
    if matches!(
        f.status,
        ObjectiveStatus::Proposed | ObjectiveStatus::Active
    ) && !all_reached
    {
        let max_lpm = e.info.zpd.max_levels_per_month.value;
        planning_flags(&mut flags, o, standings, &stretches, &smart, max_lpm);
    }
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
        target_changes: Vec::new(),
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
    let alone = key_result_objective(o, base, kr, baseline);
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
    // Its first measurement is its baseline: nothing is measured against it yet.
    if k.not_measured_since_baseline() && figures.tracking == Tracking::TooEarly {
        figures.progress = None;
        figures.tracking = Tracking::NoMeasurement;
    }
    k.okr_score = figures.progress;
    k.figures = figures;
    k
}

/// A key result as an objective measured by its series alone: its id, its metric as
/// title and measure, its milestones and measurements, with `base`'s dates and status
/// (the objective's front matter without its key results) and `baseline` (the one
/// written, or its first measurement).
pub fn key_result_objective(
    o: &Objective,
    base: &ObjectiveFront,
    kr: &KeyResult,
    baseline: Option<f64>,
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
