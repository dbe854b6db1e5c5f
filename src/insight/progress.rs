//! Progress against baseline and target, the trend and forecast, trajectory adherence,
//! the pace check, and the GAS T-score.

use serde::{Deserialize, Serialize};

use super::{DAYS_PER_MONTH, GAS_EXPECTED_LEVEL, GAS_RHO, MAX_FORECAST_DAYS};
use crate::model::{Date, Direction, Measure, Measurement, Objective};

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

/// A least-squares line through dated values.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    /// Change per day (signed).
    pub per_day: f64,
    /// Change per average month (signed).
    pub per_month: f64,
    /// The line's value at `origin`.
    #[serde(skip)]
    intercept: f64,
    #[serde(skip, default = "epoch")]
    origin: Date,
    /// How well the line fits: what its uncertainty is computed from.
    #[serde(skip)]
    pub(super) fit: Fit,
}

/// What a least-squares line was fitted to, for its standard error: the number of
/// points, their mean day (counted from the line's origin), Σ(x − x̄)² and the residual
/// standard deviation s = √(Σ residual² / (n − 2)) (0 with two points).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) struct Fit {
    pub(super) n: usize,
    pub(super) mean_x: f64,
    pub(super) sxx: f64,
    pub(super) residual_sd: f64,
}

fn epoch() -> Date {
    Date::from_ymd(1970, 1, 1).unwrap_or(Date(chrono::NaiveDate::MIN))
}

impl Trend {
    /// The line's value on `date`.
    pub fn at(&self, date: Date) -> f64 {
        self.intercept + self.per_day * self.x(date)
    }

    /// The line's value on its mean day.
    pub(super) fn intercept_at_mean(&self) -> f64 {
        self.intercept + self.per_day * self.fit.mean_x
    }

    /// `date` as the line's x: days since its origin.
    pub(super) fn x(&self, date: Date) -> f64 {
        self.origin.days_until(date) as f64
    }

    /// The date `x` days after the line's origin, rounded down or up.
    pub(super) fn date_at(&self, x: f64, up: bool) -> Option<Date> {
        let days = if up { x.ceil() } else { x.floor() };
        days.is_finite()
            .then(|| self.origin.add_days(days as i64))
            .flatten()
    }
}

/// The least-squares slope of `points` over time. `None` with fewer than two distinct
/// dates (one measurement has no trend).
pub fn trend(points: &[(Date, f64)]) -> Option<Trend> {
    let origin = points.first()?.0;
    let xs: Vec<f64> = points
        .iter()
        .map(|(d, _)| origin.days_until(*d) as f64)
        .collect();
    let n = points.len() as f64;
    let mean_x = xs.iter().sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = xs.iter().map(|x| (x - mean_x).powi(2)).sum();
    let sxy: f64 = xs
        .iter()
        .zip(points)
        .map(|(x, (_, y))| (x - mean_x) * (y - mean_y))
        .sum();
    if sxx <= 0.0 {
        return None;
    }
    let per_day = sxy / sxx;
    let intercept = mean_y - per_day * mean_x;
    let residuals: f64 = xs
        .iter()
        .zip(points)
        .map(|(x, (_, y))| (y - intercept - per_day * x).powi(2))
        .sum();
    let residual_sd = if points.len() > 2 {
        (residuals / (n - 2.0)).sqrt()
    } else {
        0.0
    };
    (per_day.is_finite() && intercept.is_finite() && residual_sd.is_finite()).then_some(Trend {
        per_day,
        per_month: per_day * DAYS_PER_MONTH,
        intercept,
        origin,
        fit: Fit {
            n: points.len(),
            mean_x,
            sxx,
            residual_sd,
        },
    })
}

/// The date on which the trend line meets `target`, not before `not_before`. `None`
/// when the trend is flat or moves away from the target, or meets it only in more
/// than ten years.
pub fn forecast(trend: &Trend, target: f64, not_before: Date) -> Option<Date> {
    if trend.per_day == 0.0 {
        return None;
    }
    let now = trend.at(not_before);
    let days = (target - now) / trend.per_day;
    if !days.is_finite() || days > MAX_FORECAST_DAYS {
        return None;
    }
    if days < 0.0 {
        // The line is past the target already: it meets it "now", unless it is moving
        // away from it.
        return ((target - now) * trend.per_day >= 0.0 || now == target).then_some(not_before);
    }
    not_before.add_days(days.ceil() as i64)
}

/// Trajectory adherence: the latest value as a share of where the straight line from
/// baseline (at the start) to target (at due) says it should be.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Adherence {
    pub(crate) share: f64,
    /// Where the line says the value should be, on the latest measurement's date.
    pub expected: f64,
    pub(crate) band: AdherenceBand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum AdherenceBand {
    /// ≥ 80 %.
    OnTrack,
    /// 50–79 %.
    AtRisk,
    /// Below 50 %: revise the objective.
    Revise,
}

/// Trajectory adherence (SPEC §3) of the value `latest` measured on its date.
pub fn trajectory(
    baseline: f64,
    target: f64,
    start: Date,
    due: Date,
    latest: (Date, f64),
) -> Option<Adherence> {
    let total = start.days_until(due) as f64;
    if total <= 0.0 {
        return None;
    }
    let elapsed = (start.days_until(latest.0) as f64 / total).clamp(0.0, 1.0);
    let expected = baseline + elapsed * (target - baseline);
    let share = (latest.1 - baseline) / (expected - baseline);
    if !share.is_finite() || expected == baseline {
        return None;
    }
    let share = share.max(0.0);
    let band = if share >= 0.8 {
        AdherenceBand::OnTrack
    } else if share >= 0.5 {
        AdherenceBand::AtRisk
    } else {
        AdherenceBand::Revise
    };
    Some(Adherence {
        share,
        expected,
        band,
    })
}

/// The pace check (ZPD): the pace still needed versus the pace observed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Pace {
    /// Change needed per month from the latest value to reach the target by the due date.
    pub required_per_month: f64,
    /// The trend per month, when there is one.
    pub observed_per_month: Option<f64>,
    /// required / observed, when the trend goes the right way.
    pub ratio: Option<f64>,
    pub(crate) finding: PaceFinding,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum PaceFinding {
    /// Needed pace within `max_pace_ratio` of the observed one.
    Realistic,
    /// Needed pace above `max_pace_ratio` × observed.
    TooFast,
    /// The trend is flat or goes the wrong way.
    FlatOrBackwards,
    /// No trend yet to compare with.
    Unknown,
}

/// The pace check (SPEC §3): required pace = remaining gap / days left; observed = the
/// trend. `None` when the due date is not after the as-of date or nothing remains.
pub fn pace_check(
    trend: Option<&Trend>,
    target: f64,
    latest: f64,
    due: Date,
    as_of: Date,
    max_ratio: f64,
) -> Option<Pace> {
    let days_left = as_of.days_until(due) as f64;
    let remaining = target - latest;
    if days_left <= 0.0 || remaining == 0.0 {
        return None;
    }
    let required_per_day = remaining / days_left;
    let required_per_month = required_per_day * DAYS_PER_MONTH;
    let Some(trend) = trend else {
        return Some(Pace {
            required_per_month,
            observed_per_month: None,
            ratio: None,
            finding: PaceFinding::Unknown,
        });
    };
    // Observed pace in the direction of the remaining gap.
    if trend.per_day * remaining.signum() <= 0.0 {
        return Some(Pace {
            required_per_month,
            observed_per_month: Some(trend.per_month),
            ratio: None,
            finding: PaceFinding::FlatOrBackwards,
        });
    }
    let ratio = required_per_day / trend.per_day;
    let finding = if ratio > max_ratio {
        PaceFinding::TooFast
    } else {
        PaceFinding::Realistic
    };
    Some(Pace {
        required_per_month,
        observed_per_month: Some(trend.per_month),
        ratio: ratio.is_finite().then_some(ratio),
        finding,
    })
}

/// The measurements on or before the as-of date, as (date, value).
pub(super) fn points(o: &Objective, as_of: Date) -> Vec<(Date, f64)> {
    o.front
        .measurements
        .iter()
        .filter(|m| m.date <= as_of && m.value.value.is_finite())
        .map(|m| (m.date, m.value.value))
        .collect()
}

/// "No progress over the last three measurements": the latest of the last three is no
/// better than the first of them. Returns the date of that first one.
pub(super) fn no_progress(points: &[(Date, f64)], direction: f64) -> Option<Date> {
    if points.len() < 3 {
        return None;
    }
    let last3 = &points[points.len() - 3..];
    ((last3[2].1 - last3[0].1) * direction <= 0.0).then_some(last3[0].0)
}

/// The Kiresuk–Sherman GAS T-score of (level, weight) pairs:
/// T = 50 + 10·Σwᵢxᵢ / √((1−ρ)Σwᵢ² + ρ(Σwᵢ)²), ρ = 0.3.
pub fn gas_t_score(levels: &[(f64, f64)]) -> Option<f64> {
    if levels.is_empty() {
        return None;
    }
    let sum_wx: f64 = levels.iter().map(|(x, w)| w * x).sum();
    let sum_w2: f64 = levels.iter().map(|(_, w)| w * w).sum();
    let sum_w: f64 = levels.iter().map(|(_, w)| w).sum();
    let t = 50.0 + 10.0 * sum_wx / ((1.0 - GAS_RHO) * sum_w2 + GAS_RHO * sum_w * sum_w).sqrt();
    t.is_finite().then_some(t)
}
