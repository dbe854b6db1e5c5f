//! Pure computations over the model (SPEC §3): no files, no HTML.
//!
//! Every figure the site shows comes from here, so each one is tested with values
//! worked out by hand. The rest of SPEC §3 (trend, forecast, ZPD, SMART, commitment,
//! GAS T-score) belongs here too.

use crate::model::{Direction, Measure, Measurement, Objective};

/// The level a goal-attainment-scaled objective aims for: 0, "the expected outcome".
pub const GAS_EXPECTED_LEVEL: f64 = 0.0;

/// Whether the objective's metric must go up or down; derived from baseline and target.
pub fn direction(measure: &Measure) -> Option<Direction> {
    let (baseline, target) = (
        measure.baseline.as_ref()?.value,
        measure.target.as_ref()?.value,
    );
    if target > baseline {
        Some(Direction::Up)
    } else if target < baseline {
        Some(Direction::Down)
    } else {
        None
    }
}

/// The latest measurement (measurements are kept sorted by date).
pub fn latest(objective: &Objective) -> Option<&Measurement> {
    objective.front.measurements.last()
}

/// The baseline and target progress is measured between, when the objective has them.
///
/// - A measured objective uses its `measure.baseline` and `measure.target`.
/// - A GAS objective runs from its first recorded level (where the client stood when
///   the scale was agreed) to level 0, the expected outcome. When the first level is
///   already 0 or above there is no gap to close, and `None` is returned.
pub fn span(objective: &Objective) -> Option<(f64, f64)> {
    if objective.front.gas.is_some() {
        let first = objective.front.measurements.first()?.value.value;
        return (first < GAS_EXPECTED_LEVEL).then_some((first, GAS_EXPECTED_LEVEL));
    }
    let measure = objective.front.measure.as_ref()?;
    let (baseline, target) = (
        measure.baseline.as_ref()?.value,
        measure.target.as_ref()?.value,
    );
    (baseline != target && baseline.is_finite() && target.is_finite()).then_some((baseline, target))
}

/// Progress of an objective: `(latest − baseline) / (target − baseline)`, clamped to
/// 0..1 (SPEC §3). Works for rising and falling metrics alike. `None` when there is no
/// measurement yet, or no baseline and target to measure against.
pub fn progress(objective: &Objective) -> Option<f64> {
    let latest = latest(objective)?.value.value;
    let (baseline, target) = span(objective)?;
    Some(progress_between(baseline, target, latest))
}

/// `(value − baseline) / (target − baseline)` clamped to 0..1; 0 for a degenerate span.
///
/// ```
/// use coachsite::insight::progress_between;
/// // 14 defects down to 4: at 9, half of the way is done.
/// assert_eq!(progress_between(14.0, 4.0, 9.0), 0.5);
/// // Past the target counts as reached, never more.
/// assert_eq!(progress_between(0.0, 75.0, 90.0), 1.0);
/// ```
pub fn progress_between(baseline: f64, target: f64, value: f64) -> f64 {
    let share = (value - baseline) / (target - baseline);
    if share.is_finite() {
        share.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{At, Date, ObjectiveFront, ObjectiveStatus, Pos, Source, Visibility};
    use std::collections::BTreeMap;

    fn at<T>(value: T) -> At<T> {
        At::new(value, Pos::default())
    }

    fn objective(measure: Option<(f64, f64)>, gas: bool, values: &[f64]) -> Objective {
        Objective {
            id: "o".into(),
            source: Source::default(),
            body: String::new(),
            visibility: Visibility::Client,
            front: ObjectiveFront {
                title: "O".into(),
                specific: None,
                measure: measure.map(|(b, t)| Measure {
                    metric: "m".into(),
                    unit: None,
                    baseline: Some(at(b)),
                    target: Some(at(t)),
                }),
                gas: gas.then(|| {
                    at((-2..=2)
                        .map(|l| (l, format!("level {l}")))
                        .collect::<BTreeMap<_, _>>())
                }),
                weight: None,
                relevant: None,
                achievable: None,
                start: None,
                due: None,
                status: ObjectiveStatus::Active,
                competencies: vec![],
                milestones: vec![],
                measurements: values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| Measurement {
                        date: Date::from_ymd(2026, 1, 1 + i as u32).unwrap(),
                        value: at(*v),
                        note: None,
                    })
                    .collect(),
                visibility: None,
                sensitive: false,
            },
        }
    }

    #[test]
    fn rising_metric() {
        // Baseline 0, target 75, latest 25: (25 − 0) / (75 − 0) = 1/3.
        let o = objective(Some((0.0, 75.0)), false, &[0.0, 25.0]);
        assert!((progress(&o).unwrap() - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn falling_metric() {
        // Baseline 14 defects, target 4, latest 9: (9 − 14) / (4 − 14) = −5 / −10 = 0.5.
        let o = objective(Some((14.0, 4.0)), false, &[14.0, 11.0, 9.0]);
        assert_eq!(progress(&o), Some(0.5));
        assert_eq!(
            direction(o.front.measure.as_ref().unwrap()),
            Some(Direction::Down)
        );
    }

    #[test]
    fn progress_is_clamped() {
        // Overshoot: (90 − 0) / 75 = 1.2 → 1. Going backwards: (−10 − 0) / 75 → 0.
        assert_eq!(
            progress(&objective(Some((0.0, 75.0)), false, &[90.0])),
            Some(1.0)
        );
        assert_eq!(
            progress(&objective(Some((0.0, 75.0)), false, &[-10.0])),
            Some(0.0)
        );
    }

    #[test]
    fn no_measurement_no_progress() {
        assert_eq!(progress(&objective(Some((0.0, 75.0)), false, &[])), None);
        assert_eq!(progress(&objective(None, false, &[3.0])), None);
    }

    #[test]
    fn gas_progress_runs_from_the_first_level_to_zero() {
        // First level −2, latest −1: (−1 − −2) / (0 − −2) = 1/2.
        assert_eq!(progress(&objective(None, true, &[-2.0, -1.0])), Some(0.5));
        // First −1, latest +1: (1 − −1) / (0 − −1) = 2 → clamped to 1.
        assert_eq!(progress(&objective(None, true, &[-1.0, 1.0])), Some(1.0));
        // Started at the expected level: no gap to close.
        assert_eq!(progress(&objective(None, true, &[0.0, 1.0])), None);
    }

    #[test]
    fn degenerate_spans_never_give_nan() {
        assert_eq!(progress_between(5.0, 5.0, 5.0), 0.0);
        assert_eq!(progress_between(0.0, 1.0, f64::NAN), 0.0);
    }
}
