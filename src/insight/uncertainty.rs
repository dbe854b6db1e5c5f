//! How far a figure can be trusted: the forecast's interval and the band around the
//! trend, the reliable change of an assessed level, and the agreement of a team's raters.

use serde::{Deserialize, Serialize};

use super::MAX_FORECAST_DAYS;
use super::progress::Trend;
use crate::model::{Assessment, Date};

/// The confidence of the forecast's interval and of the band around the trend.
pub const FORECAST_CONFIDENCE: f64 = 0.8;

/// Student's t for a two-sided 80 % interval (the 0.9 quantile), by degrees of freedom
/// 1 to 30; past 30, the nearest of 40, 60, 120 and the normal's 1.2816.
fn t_80(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        3.078, 1.886, 1.638, 1.533, 1.476, 1.440, 1.415, 1.397, 1.383, 1.372, 1.363, 1.356, 1.350,
        1.345, 1.341, 1.337, 1.333, 1.330, 1.328, 1.325, 1.323, 1.321, 1.319, 1.318, 1.316, 1.315,
        1.314, 1.313, 1.311, 1.310,
    ];
    match df {
        0 => f64::INFINITY,
        1..=30 => TABLE[df - 1],
        31..=49 => 1.303,
        50..=89 => 1.296,
        90..=239 => 1.289,
        _ => 1.2816,
    }
}

impl Trend {
    /// Half the width of the trend's 80 % confidence band on `date`:
    /// t · s · √(1/n + (x − x̄)² / Σ(x − x̄)²), the standard error of the line's value
    /// there times Student's t for n − 2 degrees of freedom.
    pub fn band(&self, date: Date) -> f64 {
        let f = &self.fit;
        let u = self.x(date) - f.mean_x;
        let half = self.t() * f.residual_sd * (1.0 / f.n as f64 + u * u / f.sxx).sqrt();
        if half.is_finite() { half } else { 0.0 }
    }

    /// Whether the line has a band: its points do not all lie on it.
    pub fn has_band(&self) -> bool {
        self.fit.residual_sd > 0.0
    }

    /// Student's t of the band and the interval.
    fn t(&self) -> f64 {
        t_80(self.fit.n.saturating_sub(2))
    }
}

/// The dates between which the trend reaches the target, at 80 % confidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForecastInterval {
    /// The earliest date: never before the latest measurement.
    pub earliest: Date,
    /// The latest date; `None` when the measurements vary too much for the trend to
    /// rule out that it never reaches the target (or not within ten years).
    pub latest: Option<Date>,
}

/// The forecast's interval: the dates on which the target lies inside the trend's 80 %
/// confidence band (inverse regression), from `not_before` on. `None` when the trend
/// does not meet the target at all (no forecast).
///
/// With x counted from the line's mean day (u = x − x̄), D = ŷ(x̄) − target, b the slope
/// and q = t²s², the target is inside the band where
/// (b² − q/Sxx)·u² + 2Db·u + (D² − q/n) ≤ 0. When b² ≤ q/Sxx the slope is not told
/// apart from a flat line at this confidence: the interval has no latest date.
pub fn forecast_interval(trend: &Trend, target: f64, not_before: Date) -> Option<ForecastInterval> {
    let forecast = super::forecast(trend, target, not_before)?;
    if !trend.has_band() {
        // Measurements exactly on a line: the forecast's day, however it is rounded.
        return Some(ForecastInterval {
            earliest: forecast,
            latest: Some(forecast),
        });
    }
    let f = &trend.fit;
    let b = trend.per_day;
    let q = (trend.t() * f.residual_sd).powi(2);
    let d = trend.intercept_at_mean() - target;
    let a = b * b - q / f.sxx;
    let (bq, c) = (2.0 * d * b, d * d - q / f.n as f64);
    let disc = (bq * bq - 4.0 * a * c).max(0.0).sqrt();
    let now = trend.x(not_before) - f.mean_x;
    let never = now + MAX_FORECAST_DAYS;
    let (from, to) = if a > 0.0 {
        let (r1, r2) = ordered((-bq - disc) / (2.0 * a), (-bq + disc) / (2.0 * a));
        (r1.max(now), Some(r2.max(now)))
    } else if a < 0.0 && disc > 0.0 {
        // Inside the band before the smaller root and after the larger one.
        let (r1, r2) = ordered((-bq - disc) / (2.0 * a), (-bq + disc) / (2.0 * a));
        let from = if now <= r1 || now >= r2 { now } else { r2 };
        (from, None)
    } else {
        (now, None)
    };
    let to = to.filter(|to| *to <= never);
    Some(ForecastInterval {
        earliest: trend.date_at(from + f.mean_x, false)?,
        latest: match to {
            Some(to) => Some(trend.date_at(to + f.mean_x, true)?),
            None => None,
        },
    })
}

fn ordered(a: f64, b: f64) -> (f64, f64) {
    if a <= b { (a, b) } else { (b, a) }
}

/// |RCI| above this is a reliable change (Jacobson and Truax: 95 %, two-sided).
pub const RELIABLE_CHANGE_Z: f64 = 1.96;
/// r_wg at or above this: the raters agree well enough for the team's level to stand
/// for them (the usual convention).
pub const MIN_AGREEMENT: f64 = 0.7;
/// Fewer raters than this are too few to judge their agreement.
pub const MIN_RATERS: usize = 3;

/// A level's change between two assessments, with the Jacobson–Truax reliable change
/// index.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReliableChange {
    /// The level of the first assessment that rated the competency, and its date.
    pub from: i64,
    pub(crate) since: Date,
    /// latest − first, in levels.
    pub change: i64,
    /// change / S_diff.
    pub rci: f64,
    /// |RCI| > 1.96: more than the ratings' own noise would give 95 times in 100.
    pub reliable: bool,
}

/// The reliable change index: `change / S_diff`, S_diff = √2 · SE and
/// SE = sd · √(1 − reliability) (Jacobson and Truax 1991). `None` when S_diff is 0.
pub fn reliable_change_index(change: f64, sd: f64, reliability: f64) -> Option<f64> {
    let s_diff = (2.0 * (sd * (1.0 - reliability).sqrt()).powi(2)).sqrt();
    let rci = change / s_diff;
    (s_diff > 0.0 && rci.is_finite()).then_some(rci)
}

/// The change of a level from `first` to `latest`, judged against the scale's noise.
pub fn reliable_change(
    (since, from): (Date, i64),
    latest: i64,
    sd: f64,
    reliability: f64,
) -> Option<ReliableChange> {
    let change = latest - from;
    let rci = reliable_change_index(change as f64, sd, reliability)?;
    Some(ReliableChange {
        from,
        since,
        change,
        rci,
        reliable: rci.abs() > RELIABLE_CHANGE_Z,
    })
}

/// The smallest change, in whole levels, that is a reliable change on a scale of
/// `points` levels (`|change| / S_diff > 1.96`); `None` when no change the scale allows
/// (at most `points − 1` levels) is large enough, or the noise is zero.
pub fn smallest_reliable_change(sd: f64, reliability: f64, points: i64) -> Option<i64> {
    // The loader bounds a scale to 101 levels; the clamp keeps the loop short anyway.
    (1..points.clamp(1, 1_000)).find(|k| {
        reliable_change_index(*k as f64, sd, reliability)
            .is_some_and(|rci| rci.abs() > RELIABLE_CHANGE_Z)
    })
}

/// How far a team's raters agree on one competency in one assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    pub(crate) competency: String,
    pub(crate) raters: usize,
    pub(crate) mean: f64,
    pub(crate) lowest: i64,
    pub(crate) highest: i64,
    /// r_wg = 1 − s² / σ²_EU, kept between 0 and 1 (James, Demaree and Wolf 1984).
    pub r_wg: f64,
    /// r_wg ≥ 0.7 with at least three raters; `None` with fewer raters.
    pub agree: Option<bool>,
}

/// r_wg of `levels` on a scale of `points` levels: 1 − s²/σ²_EU, where s² is the
/// levels' sample variance and σ²_EU = (points² − 1) / 12 the variance of ratings given
/// at random; below 0 (more spread than at random) it is 0. `None` with fewer than two
/// levels.
pub fn r_wg(levels: &[i64], points: i64) -> Option<f64> {
    if levels.len() < 2 || points < 2 {
        return None;
    }
    let n = levels.len() as f64;
    let mean = levels.iter().sum::<i64>() as f64 / n;
    let s2 = levels
        .iter()
        .map(|l| (*l as f64 - mean).powi(2))
        .sum::<f64>()
        / (n - 1.0);
    let expected = ((points * points - 1) as f64) / 12.0;
    Some((1.0 - s2 / expected).clamp(0.0, 1.0))
}

/// The raters' agreement on each competency that at least two members of `a` rated,
/// in the order of `competencies`.
pub fn agreement(a: &Assessment, competencies: &[&str], points: i64) -> Vec<Agreement> {
    competencies
        .iter()
        .filter_map(|c| {
            let levels: Vec<i64> = a
                .front
                .members
                .values()
                .filter_map(|r| r.iter().find(|(k, _)| k.value == *c).map(|(_, l)| l.value))
                .collect();
            let r_wg = r_wg(&levels, points)?;
            Some(Agreement {
                competency: c.to_string(),
                raters: levels.len(),
                mean: levels.iter().sum::<i64>() as f64 / levels.len() as f64,
                lowest: levels.iter().copied().min()?,
                highest: levels.iter().copied().max()?,
                r_wg,
                agree: (levels.len() >= MIN_RATERS).then_some(r_wg >= MIN_AGREEMENT),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// Days 0, 10, 20 from 1 January 2026 with values 0, 12, 18, towards a target of 60.
    fn scattered() -> Trend {
        let points = [
            (d("2026-01-01"), 0.0),
            (d("2026-01-11"), 12.0),
            (d("2026-01-21"), 18.0),
        ];
        super::super::trend(&points).unwrap()
    }

    #[test]
    fn the_band_is_t_times_the_standard_error_of_the_line() {
        let t = scattered();
        // x̄ = 10, ȳ = 10, Sxx = 200, Sxy = 180: slope 0.9, line 1, 10, 19.
        assert!((t.per_day - 0.9).abs() < 1e-12);
        // Residuals −1, 2, −1: s² = 6 / (3 − 2) = 6. t(80 %, 1 df) = 3.078.
        // On day 20: 3.078 · √6 · √(1/3 + 10²/200) = 6.8826.
        assert!((t.band(d("2026-01-21")) - 6.882_617).abs() < 1e-5);
        // On the mean day the band is narrowest: 3.078 · √6 · √(1/3) = 4.3525.
        assert!((t.band(d("2026-01-11")) - 4.352_951).abs() < 1e-5);
    }

    #[test]
    fn the_interval_brackets_the_forecast() {
        let t = scattered();
        // The line reaches 60 on day 65.6: counted from the latest measurement (day 20,
        // value 19), 41 / 0.9 = 45.6 days, so 8 March.
        assert_eq!(
            super::super::forecast(&t, 60.0, d("2026-01-21")),
            Some(d("2026-03-08"))
        );
        // With u = x − 10, D = 10 − 60 = −50, q = 3.078² · 6 = 56.8445:
        // (0.81 − q/200)·u² − 90·u + (2500 − q/3) = 0 at u = 34.53 and 136.64,
        // so days 44.53 and 146.64: 14 February (rounded down) to 28 May (rounded up).
        let i = forecast_interval(&t, 60.0, d("2026-01-21")).unwrap();
        assert_eq!(i.earliest, d("2026-02-14"));
        assert_eq!(i.latest, Some(d("2026-05-28")));
    }

    #[test]
    fn a_slope_lost_in_the_noise_has_no_latest_date() {
        // Days 0, 10, 20 with 0, 20, 4: slope 0.2, line 6, 8, 10, residuals −6, 12, −6,
        // s = √216 = 14.70, SE(slope) = s/√200 = 1.04; t · SE = 3.20 > 0.2.
        let points = [
            (d("2026-01-01"), 0.0),
            (d("2026-01-11"), 20.0),
            (d("2026-01-21"), 4.0),
        ];
        let t = super::super::trend(&points).unwrap();
        let i = forecast_interval(&t, 30.0, d("2026-01-21")).unwrap();
        assert_eq!(i.latest, None);
        // On the latest day the band reaches 10 + 41.3 = 51.3, past 30 already: the
        // target may be reached from then on.
        assert_eq!(i.earliest, d("2026-01-21"));
    }

    #[test]
    fn an_exact_line_has_an_interval_of_one_day() {
        let points = [
            (d("2026-01-01"), 0.0),
            (d("2026-01-11"), 10.0),
            (d("2026-01-21"), 20.0),
        ];
        let t = super::super::trend(&points).unwrap();
        assert!(!t.has_band());
        assert_eq!(t.band(d("2026-03-01")), 0.0);
        let i = forecast_interval(&t, 50.0, d("2026-01-21")).unwrap();
        assert_eq!(
            (i.earliest, i.latest),
            (d("2026-02-20"), Some(d("2026-02-20")))
        );
    }

    #[test]
    fn reliable_change_follows_jacobson_and_truax() {
        // A 1–5 scale: sd = √(24/12) = 1.4142; reliability 0.8: SE = 1.4142 · √0.2 =
        // 0.6325, S_diff = √2 · 0.6325 = 0.8944. One level: 1.118, within the noise;
        // two levels: 2.236, reliable.
        let (sd, r) = (2f64.sqrt(), 0.8);
        let one = reliable_change((d("2026-01-15"), 2), 3, sd, r).unwrap();
        assert!((one.rci - 1.118_034).abs() < 1e-6);
        assert!(!one.reliable && one.change == 1);
        let two = reliable_change((d("2026-01-15"), 2), 4, sd, r).unwrap();
        assert!((two.rci - 2.236_068).abs() < 1e-6 && two.reliable);
        // Backwards counts too, with its sign.
        let down = reliable_change((d("2026-01-15"), 4), 2, sd, r).unwrap();
        assert!(down.rci < -1.96 && down.reliable && down.change == -2);
        // A very reliable scale makes one level reliable: r = 0.95, SE = 0.3162,
        // S_diff = 0.4472, RCI = 2.236.
        assert!(
            reliable_change((d("2026-01-15"), 2), 3, sd, 0.95)
                .unwrap()
                .reliable
        );
        // No noise at all: no index.
        assert_eq!(reliable_change_index(1.0, 0.0, 0.8), None);
    }

    #[test]
    fn the_smallest_reliable_change_in_whole_levels() {
        // sd 1.41, r 0.80: SE = 1.41 · √0.2 = 0.6306, S_diff = √2 · SE = 0.8918, and
        // 1.96 · 0.8918 = 1.748 levels: 1 level is noise, 2 levels a real change.
        assert_eq!(smallest_reliable_change(1.41, 0.8, 5), Some(2));
        // r 0.95: S_diff = 0.4459 (sd 1.41), 1.96 · S_diff = 0.874: one level is enough.
        assert_eq!(smallest_reliable_change(1.41, 0.95, 5), Some(1));
        // r 0.20 on a 3-level scale: S_diff = 1.783, 1.96 · S_diff = 3.49 levels, more
        // than the 2 levels the scale allows.
        assert_eq!(smallest_reliable_change(1.41, 0.2, 3), None);
        // No noise: no index, no threshold.
        assert_eq!(smallest_reliable_change(0.0, 0.8, 5), None);
    }

    #[test]
    fn r_wg_compares_the_spread_with_ratings_at_random() {
        // 3, 3, 3, 3: no spread, full agreement.
        assert_eq!(r_wg(&[3, 3, 3, 3], 5), Some(1.0));
        // 4, 3, 3, 3, 3 on 1–5: mean 3.2, s² = 0.8 / 4 = 0.2, σ²_EU = 2: 0.9.
        assert!((r_wg(&[4, 3, 3, 3, 3], 5).unwrap() - 0.9).abs() < 1e-12);
        // 1, 1, 3, 3, 2 on 1–5: mean 2, s² = 4 / 4 = 1: 0.5, they disagree.
        assert!((r_wg(&[1, 1, 3, 3, 2], 5).unwrap() - 0.5).abs() < 1e-12);
        // 1, 5 on 1–5: s² = 8, more than at random: 0.
        assert_eq!(r_wg(&[1, 5], 5), Some(0.0));
        // One rater: no agreement to speak of.
        assert_eq!(r_wg(&[3], 5), None);
    }

    #[test]
    fn t_values_follow_the_table() {
        assert_eq!(t_80(1), 3.078);
        assert_eq!(t_80(10), 1.372);
        assert_eq!(t_80(45), 1.303);
        assert_eq!(t_80(1000), 1.2816);
        assert!(t_80(0).is_infinite());
    }
}
