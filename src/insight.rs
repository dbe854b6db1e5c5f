//! Pure computations over the model (SPEC §3): no files, no HTML, no sentences.
//!
//! [`analyze`] computes every figure the site and `check` show for one as-of date:
//! progress, trend and forecast, tracking status, trajectory adherence, the pace and
//! competency (ZPD) checks, the stable-success rule, SMART per letter, gap analysis,
//! commitment and its calibration band, and the GAS T-score. Findings worth the
//! coach's attention are [`Finding`]s: typed data that [`crate::explain`] turns into
//! sentences in the engagement's language.
//!
//! Edge cases, decided once here (and documented in docs/insight.md):
//! - Only measurements, assessments and done dates on or before the as-of date count.
//! - One measurement gives progress but no trend, forecast or pace ("too early").
//! - No measurement: no progress; a warning once the objective is older than
//!   `stalled_after_days`.
//! - Target reached (or `status: achieved`): achieved, no other tracking finding.
//! - Due date passed and not achieved: a warning; no forecast or pace is computed.
//! - Paused and dropped objectives: shown, never tracked or flagged.
//! - Proposed objectives: only the planning checks (SMART, competency ZPD).
//! - Dropped actions do not count in commitment (they were renegotiated, not missed).
//! - A competency missing from an assessment is "not assessed" there; a competency that
//!   no objective uses gets a note.
//! - Every number is finite: a computation that would divide by zero has no result.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{
    ActionStatus, Date, Direction, Engagement, Measure, Measurement, Objective, ObjectiveStatus,
    Session,
};

/// The level a goal-attainment-scaled objective aims for: 0, "the expected outcome".
pub const GAS_EXPECTED_LEVEL: f64 = 0.0;
/// Average days in a month, for paces and months to due.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;
/// ρ of the Kiresuk–Sherman T-score.
pub const GAS_RHO: f64 = 0.3;
/// The "last eight weeks" of the commitment calibration.
pub const COMMITMENT_WINDOW_DAYS: i64 = 56;
/// A forecast further away than this is "not within ten years".
const MAX_FORECAST_DAYS: f64 = 3653.0;

// ---------------------------------------------------------------------------------
// Progress, direction, span (also used on their own by the pages).
// ---------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------
// Trend and forecast.
// ---------------------------------------------------------------------------------

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
}

fn epoch() -> Date {
    Date::from_ymd(1970, 1, 1).unwrap_or(Date(chrono::NaiveDate::MIN))
}

impl Trend {
    /// The line's value on `date`.
    pub fn at(&self, date: Date) -> f64 {
        self.intercept + self.per_day * self.origin.days_until(date) as f64
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
    (per_day.is_finite() && intercept.is_finite()).then_some(Trend {
        per_day,
        per_month: per_day * DAYS_PER_MONTH,
        intercept,
        origin,
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

// ---------------------------------------------------------------------------------
// The result types.
// ---------------------------------------------------------------------------------

/// Where a measured objective stands (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tracking {
    /// Target reached, or marked achieved.
    Achieved,
    /// The forecast is on or before the due date.
    OnTrack,
    /// The forecast is after the due date, or there is none (flat or backwards).
    AtRisk,
    /// No progress over the last three measurements, or no measurement for too long.
    Stalled,
    /// The due date has passed without reaching the target.
    Overdue,
    /// Fewer than two measurements: no trend yet.
    TooEarly,
    /// No measurement at all.
    NoMeasurement,
    /// No baseline and target, or no due date, to judge against.
    NotJudged,
    /// Paused, dropped or proposed: not tracked.
    NotTracked,
}

/// Trajectory adherence: the latest value as a share of where the straight line from
/// baseline (at the start) to target (at due) says it should be.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Adherence {
    pub share: f64,
    /// Where the line says the value should be, on the latest measurement's date.
    pub expected: f64,
    pub band: AdherenceBand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AdherenceBand {
    /// ≥ 80 %.
    OnTrack,
    /// 50–79 %.
    AtRisk,
    /// Below 50 %: revise the objective.
    Revise,
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
    pub finding: PaceFinding,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaceFinding {
    /// Needed pace within `max_pace_ratio` of the observed one.
    Realistic,
    /// Needed pace above `max_pace_ratio` × observed.
    TooFast,
    /// The trend is flat or goes the wrong way.
    FlatOrBackwards,
    /// No trend yet to compare with.
    Unknown,
}

/// The competency check (ZPD) of one competency of one objective, at planning time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stretch {
    pub competency: String,
    /// The level known when the objective was planned (latest assessment on or before
    /// its start, else the first assessment).
    pub current: i64,
    pub assessed_on: Date,
    pub target: i64,
    /// Months from the objective's start to its due date.
    pub months: f64,
    /// Levels per month the objective asks for.
    pub levels_per_month: f64,
    pub beyond_zpd: bool,
    /// Months a realistic plan would take at `max_levels_per_month`.
    pub realistic_months: f64,
    /// Intermediate milestones one level at a time at the realistic pace.
    pub milestones: Vec<LevelMilestone>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelMilestone {
    pub level: i64,
    pub by: Date,
}

/// One SMART letter: passed, or failed with the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmartLetter {
    pub letter: char,
    pub pass: bool,
    pub reasons: Vec<SmartReason>,
}

/// Why a SMART letter fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SmartReason {
    NoSpecific,
    SpecificTooShort,
    NoMeasure,
    NoBaseline,
    NoTarget,
    NoAchievable,
    BeyondZpd,
    NoRelevant,
    NoDue,
    DueBeforeStart,
}

/// Everything computed for one objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveInsight {
    pub id: String,
    pub title: String,
    pub progress: Option<f64>,
    pub latest: Option<f64>,
    pub latest_date: Option<Date>,
    pub target: Option<f64>,
    pub due: Option<Date>,
    pub trend: Option<Trend>,
    pub forecast: Option<Date>,
    pub tracking: Tracking,
    pub adherence: Option<Adherence>,
    pub pace: Option<Pace>,
    pub stretches: Vec<Stretch>,
    pub smart: Vec<SmartLetter>,
    /// Not serialised here: reports carry them with their words.
    #[serde(skip)]
    pub findings: Vec<Flag>,
}

/// Where one competency stands: the gap analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyStanding {
    pub id: String,
    pub name: String,
    pub target: i64,
    pub latest: Option<i64>,
    pub latest_date: Option<Date>,
    /// target − latest.
    pub gap: Option<i64>,
    /// The level of the assessment before the latest one.
    pub previous: Option<i64>,
    /// The latest level was held in two consecutive assessments.
    pub stable: bool,
    /// Objectives that need this competency.
    pub objectives: Vec<String>,
}

/// Commitment: actions done by their due date among the actions due.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Commitment {
    /// Actions due on or before the as-of date (dropped ones excluded).
    pub due: usize,
    pub on_time: usize,
    pub rate: Option<f64>,
    /// The same over the last eight weeks.
    pub recent_due: usize,
    pub recent_on_time: usize,
    pub recent_rate: Option<f64>,
    pub band: Option<CommitmentBand>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommitmentBand {
    /// Below 50 % over the last eight weeks: smaller actions.
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

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// A finding with its severity and the objective it is about, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    pub severity: Severity,
    pub objective: Option<String>,
    #[serde(flatten)]
    pub finding: Finding,
}

/// What the coach should know, as data. `crate::explain` words it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum Finding {
    DuePassed {
        due: Date,
    },
    AtRisk {
        forecast: Option<Date>,
        due: Date,
    },
    Stalled {
        last_measurement: Date,
        days: i64,
    },
    NoProgress {
        since: Date,
    },
    NoMeasurement {
        days: i64,
    },
    Trajectory {
        share: f64,
        band: AdherenceBand,
    },
    PaceTooFast {
        required_per_month: f64,
        observed_per_month: f64,
        ratio: f64,
        max_ratio: f64,
    },
    PaceFlatOrBackwards {
        required_per_month: f64,
        observed_per_month: f64,
    },
    BeyondZpd {
        stretch: Stretch,
        max_levels_per_month: f64,
    },
    NotYetStable {
        competency: String,
        level: i64,
        target: i64,
    },
    /// The failing SMART letters (a ZPD failure of A is reported by `BeyondZpd`).
    NotSmart {
        letters: Vec<SmartLetter>,
    },
    ActionOverdue {
        action: String,
        due: Date,
    },
    ActionBlocked {
        action: String,
    },
    Commitment {
        rate: f64,
        band: CommitmentBand,
    },
    GasLow {
        t_score: f64,
    },
    CompetencyUnused {
        competency: String,
    },
    RetentionPassed {
        retain_until: Date,
    },
    Sensitive {
        kind: String,
        id: String,
    },
}

/// Everything [`analyze`] computes for one as-of date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Insight {
    pub as_of: Date,
    pub objectives: Vec<ObjectiveInsight>,
    /// Ranked: largest gap first; development areas are those with a gap above 0.
    pub competencies: Vec<CompetencyStanding>,
    pub commitment: Commitment,
    pub gas_t_score: Option<f64>,
    /// Findings about the whole engagement (actions, retention, …).
    pub findings: Vec<Flag>,
}

impl Insight {
    pub fn objective(&self, id: &str) -> Option<&ObjectiveInsight> {
        self.objectives.iter().find(|o| o.id == id)
    }

    /// Every finding: objectives' first (in objective order), then the engagement's.
    pub fn all_findings(&self) -> impl Iterator<Item = &Flag> {
        self.objectives
            .iter()
            .flat_map(|o| o.findings.iter())
            .chain(self.findings.iter())
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.all_findings()
            .filter(|f| f.severity == severity)
            .count()
    }
}

// ---------------------------------------------------------------------------------
// The analysis.
// ---------------------------------------------------------------------------------

/// Computes every figure and finding of SPEC §3 for `e` as of `as_of`.
pub fn analyze(e: &Engagement, as_of: Date) -> Insight {
    let competencies = competency_standings(e, as_of);
    let objectives = e
        .objectives
        .iter()
        .map(|o| objective_insight(e, o, &competencies, as_of))
        .collect();
    let commitment = commitment(e, as_of);
    let gas_t_score = gas_t_score(
        &e.objectives
            .iter()
            .filter(|o| o.front.gas.is_some() && o.front.status != ObjectiveStatus::Dropped)
            .filter_map(|o| {
                let level = points(o, as_of).last()?.1;
                Some((level, o.front.weight.as_ref().map_or(1.0, |w| w.value)))
            })
            .collect::<Vec<_>>(),
    );

    let mut findings = Vec::new();
    let engagement_flag = |severity, finding| Flag {
        severity,
        objective: None,
        finding,
    };
    for a in &e.plan.actions {
        if a.status == ActionStatus::Blocked {
            findings.push(engagement_flag(
                Severity::Warning,
                Finding::ActionBlocked {
                    action: a.id.value.clone(),
                },
            ));
        } else if a.status == ActionStatus::Open
            && let Some(due) = a.due
            && due < as_of
        {
            findings.push(engagement_flag(
                Severity::Warning,
                Finding::ActionOverdue {
                    action: a.id.value.clone(),
                    due,
                },
            ));
        }
    }
    if let (Some(rate), Some(band)) = (commitment.recent_rate.or(commitment.rate), commitment.band)
    {
        let severity = match band {
            CommitmentBand::TooLow => Severity::Warning,
            _ => Severity::Note,
        };
        if band != CommitmentBand::Healthy {
            findings.push(engagement_flag(
                severity,
                Finding::Commitment { rate, band },
            ));
        }
    }
    if let Some(t) = gas_t_score
        && t < 40.0
    {
        findings.push(engagement_flag(
            Severity::Note,
            Finding::GasLow { t_score: t },
        ));
    }
    for c in &competencies {
        if c.objectives.is_empty() {
            findings.push(engagement_flag(
                Severity::Note,
                Finding::CompetencyUnused {
                    competency: c.id.clone(),
                },
            ));
        }
    }
    if let Some(retain_until) = e.info.retain_until
        && retain_until < as_of
    {
        findings.push(engagement_flag(
            Severity::Error,
            Finding::RetentionPassed { retain_until },
        ));
    }
    for (kind, id) in sensitive_items(e) {
        findings.push(engagement_flag(
            Severity::Note,
            Finding::Sensitive {
                kind: kind.to_string(),
                id,
            },
        ));
    }

    Insight {
        as_of,
        objectives,
        competencies,
        commitment,
        gas_t_score,
        findings,
    }
}

fn sensitive_items(e: &Engagement) -> Vec<(&'static str, String)> {
    let mut items = Vec::new();
    items.extend(
        e.objectives
            .iter()
            .filter(|o| o.front.sensitive)
            .map(|o| ("objective", o.id.clone())),
    );
    items.extend(
        e.assessments
            .iter()
            .filter(|a| a.front.sensitive)
            .map(|a| ("assessment", a.id.clone())),
    );
    items.extend(
        e.plan
            .actions
            .iter()
            .filter(|a| a.sensitive)
            .map(|a| ("action", a.id.value.clone())),
    );
    items.extend(
        e.plan
            .revisions
            .iter()
            .filter(|r| r.sensitive)
            .map(|r| ("revision", r.date.to_string())),
    );
    items.extend(
        e.sessions
            .iter()
            .filter(|s| s.front.sensitive)
            .map(|s| ("session", s.id.clone())),
    );
    items.extend(
        e.lessons
            .iter()
            .filter(|l| l.front.sensitive)
            .map(|l| ("lesson", l.id.clone())),
    );
    items
}

/// The measurements on or before the as-of date, as (date, value).
fn points(o: &Objective, as_of: Date) -> Vec<(Date, f64)> {
    o.front
        .measurements
        .iter()
        .filter(|m| m.date <= as_of && m.value.value.is_finite())
        .map(|m| (m.date, m.value.value))
        .collect()
}

/// The day the objective's work started.
fn start_of(e: &Engagement, o: &Objective) -> Date {
    o.front.start.unwrap_or(e.info.start)
}

fn objective_insight(
    e: &Engagement,
    o: &Objective,
    standings: &[CompetencyStanding],
    as_of: Date,
) -> ObjectiveInsight {
    let f = &o.front;
    let zpd = &e.info.zpd;
    let pts = points(o, as_of);
    let latest = pts.last().copied();
    let span = span(o).filter(|_| !pts.is_empty() || f.gas.is_none());
    let progress = match (latest, span) {
        (Some((_, v)), Some((b, t))) => Some(progress_between(b, t, v)),
        _ => None,
    };
    let target = span.map(|s| s.1);
    let trend = trend(&pts);
    let start = start_of(e, o);
    let stretches: Vec<Stretch> = f
        .competencies
        .iter()
        .filter_map(|c| {
            stretch(
                e,
                &c.value,
                start,
                f.due,
                as_of,
                zpd.max_levels_per_month.value,
            )
        })
        .collect();
    let smart = smart(o, start, &stretches);

    let reached = match (latest, span) {
        (Some((_, v)), Some((b, t))) => (t - b) * (v - t) >= 0.0,
        _ => false,
    };
    let mut findings = Vec::new();
    let mut flag = |severity, finding| {
        findings.push(Flag {
            severity,
            objective: Some(o.id.clone()),
            finding,
        })
    };

    // Planning checks apply to everything still to be achieved.
    let planning = matches!(
        f.status,
        ObjectiveStatus::Proposed | ObjectiveStatus::Active
    ) && !reached;
    if planning {
        for s in stretches.iter().filter(|s| s.beyond_zpd) {
            flag(
                Severity::Warning,
                Finding::BeyondZpd {
                    stretch: s.clone(),
                    max_levels_per_month: zpd.max_levels_per_month.value,
                },
            );
        }
        for c in &f.competencies {
            if let Some(st) = standings.iter().find(|s| s.id == c.value)
                && let (Some(level), Some(previous)) = (st.latest, st.previous)
                && level > previous
                && level < st.target
            {
                flag(
                    Severity::Note,
                    Finding::NotYetStable {
                        competency: st.id.clone(),
                        level,
                        target: st.target,
                    },
                );
            }
        }
        let letters: Vec<SmartLetter> = smart
            .iter()
            .map(|l| SmartLetter {
                letter: l.letter,
                pass: l.pass,
                reasons: l
                    .reasons
                    .iter()
                    .copied()
                    .filter(|r| *r != SmartReason::BeyondZpd)
                    .collect(),
            })
            .filter(|l| !l.reasons.is_empty())
            .collect();
        if !letters.is_empty() {
            flag(Severity::Note, Finding::NotSmart { letters });
        }
    }

    let mut forecast_date = None;
    let mut adherence = None;
    let mut pace = None;
    let tracking = if matches!(
        f.status,
        ObjectiveStatus::Paused | ObjectiveStatus::Dropped | ObjectiveStatus::Proposed
    ) {
        Tracking::NotTracked
    } else if f.status == ObjectiveStatus::Achieved || reached {
        Tracking::Achieved
    } else if let Some(due) = f.due.filter(|due| *due < as_of) {
        flag(Severity::Warning, Finding::DuePassed { due });
        Tracking::Overdue
    } else if let (Some((last_date, last_value)), Some((baseline, target))) = (latest, span) {
        let direction = (target - baseline).signum();
        if let Some(trend) = &trend {
            forecast_date = forecast(trend, target, last_date);
        }
        // Trajectory adherence, on the latest measurement's date.
        if let Some(due) = f.due {
            adherence = trajectory(baseline, target, start, due, (last_date, last_value));
            if let Some(a) = adherence
                && a.band != AdherenceBand::OnTrack
            {
                let severity = if a.band == AdherenceBand::Revise {
                    Severity::Warning
                } else {
                    Severity::Note
                };
                flag(
                    severity,
                    Finding::Trajectory {
                        share: a.share,
                        band: a.band,
                    },
                );
            }
            pace = pace_check(
                trend.as_ref(),
                target,
                last_value,
                due,
                as_of,
                zpd.max_pace_ratio.value,
            );
            if let Some(p) = pace {
                match (p.finding, p.observed_per_month, p.ratio) {
                    (PaceFinding::TooFast, Some(observed), Some(ratio)) => flag(
                        Severity::Warning,
                        Finding::PaceTooFast {
                            required_per_month: p.required_per_month,
                            observed_per_month: observed,
                            ratio,
                            max_ratio: zpd.max_pace_ratio.value,
                        },
                    ),
                    (PaceFinding::FlatOrBackwards, Some(observed), _) => flag(
                        Severity::Warning,
                        Finding::PaceFlatOrBackwards {
                            required_per_month: p.required_per_month,
                            observed_per_month: observed,
                        },
                    ),
                    _ => {}
                }
            }
        }
        let stale_days = last_date.days_until(as_of);
        let no_progress_since = no_progress(&pts, direction);
        if stale_days > zpd.stalled_after_days.value {
            flag(
                Severity::Warning,
                Finding::Stalled {
                    last_measurement: last_date,
                    days: stale_days,
                },
            );
            Tracking::Stalled
        } else if let Some(since) = no_progress_since {
            flag(Severity::Warning, Finding::NoProgress { since });
            Tracking::Stalled
        } else if trend.is_none() {
            Tracking::TooEarly
        } else if let Some(due) = f.due {
            match forecast_date {
                Some(d) if d <= due => Tracking::OnTrack,
                _ => {
                    flag(
                        Severity::Warning,
                        Finding::AtRisk {
                            forecast: forecast_date,
                            due,
                        },
                    );
                    Tracking::AtRisk
                }
            }
        } else {
            Tracking::NotJudged
        }
    } else if latest.is_some() {
        Tracking::NotJudged
    } else {
        let days = start.days_until(as_of);
        if days > zpd.stalled_after_days.value {
            flag(Severity::Warning, Finding::NoMeasurement { days });
        }
        Tracking::NoMeasurement
    };
    done(
        o,
        progress,
        latest,
        target,
        trend,
        forecast_date,
        tracking,
        adherence,
        pace,
        stretches,
        smart,
        findings,
    )
}

#[allow(clippy::too_many_arguments)]
fn done(
    o: &Objective,
    progress: Option<f64>,
    latest: Option<(Date, f64)>,
    target: Option<f64>,
    trend: Option<Trend>,
    forecast: Option<Date>,
    tracking: Tracking,
    adherence: Option<Adherence>,
    pace: Option<Pace>,
    stretches: Vec<Stretch>,
    smart: Vec<SmartLetter>,
    findings: Vec<Flag>,
) -> ObjectiveInsight {
    ObjectiveInsight {
        id: o.id.clone(),
        title: o.front.title.clone(),
        progress,
        latest: latest.map(|l| l.1),
        latest_date: latest.map(|l| l.0),
        target,
        due: o.front.due,
        trend,
        forecast,
        tracking,
        adherence,
        pace,
        stretches,
        smart,
        findings,
    }
}

/// "No progress over the last three measurements": the latest of the last three is no
/// better than the first of them. Returns the date of that first one.
fn no_progress(points: &[(Date, f64)], direction: f64) -> Option<Date> {
    if points.len() < 3 {
        return None;
    }
    let last3 = &points[points.len() - 3..];
    ((last3[2].1 - last3[0].1) * direction <= 0.0).then_some(last3[0].0)
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

/// The competency check (ZPD) at planning time for one competency of an objective.
pub fn stretch(
    e: &Engagement,
    competency: &str,
    start: Date,
    due: Option<Date>,
    as_of: Date,
    max_levels_per_month: f64,
) -> Option<Stretch> {
    let c = e.competency(competency)?;
    let due = due?;
    let rated = |a: &&crate::model::Assessment| {
        a.front.date <= as_of && a.front.ratings.keys().any(|k| k.value == competency)
    };
    let level_in = |a: &crate::model::Assessment| {
        a.front
            .ratings
            .iter()
            .find(|(k, _)| k.value == competency)
            .map(|(_, l)| l.value)
    };
    let known = e
        .assessments
        .iter()
        .filter(rated)
        .rfind(|a| a.front.date <= start)
        .or_else(|| e.assessments.iter().find(rated))?;
    let current = level_in(known)?;
    let target = c.target.value;
    let gap = (target - current) as f64;
    let months = (start.days_until(due) as f64 / DAYS_PER_MONTH).max(0.0);
    let levels_per_month = if months > 0.0 {
        gap / months
    } else if gap > 0.0 {
        f64::MAX
    } else {
        0.0
    };
    let beyond_zpd = gap > 0.0 && levels_per_month > max_levels_per_month;
    let realistic_months = if max_levels_per_month > 0.0 {
        (gap / max_levels_per_month).max(0.0)
    } else {
        0.0
    };
    let milestones = if beyond_zpd && max_levels_per_month > 0.0 {
        (1..=(target - current))
            .filter_map(|k| {
                let days = (k as f64 / max_levels_per_month * DAYS_PER_MONTH).round() as i64;
                start.add_days(days).map(|by| LevelMilestone {
                    level: current + k,
                    by,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(Stretch {
        competency: competency.to_string(),
        current,
        assessed_on: known.front.date,
        target,
        months,
        levels_per_month: if levels_per_month == f64::MAX {
            gap.max(0.0) * 1000.0
        } else {
            levels_per_month
        },
        beyond_zpd,
        realistic_months,
        milestones,
    })
}

/// SMART per letter, with the reasons for each failure.
pub fn smart(o: &Objective, start: Date, stretches: &[Stretch]) -> Vec<SmartLetter> {
    let f = &o.front;
    let blank = |t: &Option<String>| t.as_deref().is_none_or(|t| t.trim().is_empty());
    let letter = |letter: char, reasons: Vec<SmartReason>| SmartLetter {
        letter,
        pass: reasons.is_empty(),
        reasons,
    };
    let mut s = Vec::new();
    if blank(&f.specific) {
        s.push(SmartReason::NoSpecific);
    } else if f
        .specific
        .as_deref()
        .is_some_and(|t| t.split_whitespace().count() < 4)
    {
        s.push(SmartReason::SpecificTooShort);
    }
    let mut m = Vec::new();
    match (&f.measure, &f.gas) {
        (None, None) => m.push(SmartReason::NoMeasure),
        (Some(measure), _) => {
            if measure.baseline.is_none() {
                m.push(SmartReason::NoBaseline);
            }
            if measure.target.is_none() {
                m.push(SmartReason::NoTarget);
            }
        }
        (None, Some(_)) => {}
    }
    let mut a = Vec::new();
    if blank(&f.achievable) {
        a.push(SmartReason::NoAchievable);
    }
    if stretches.iter().any(|s| s.beyond_zpd) {
        a.push(SmartReason::BeyondZpd);
    }
    let mut r = Vec::new();
    if blank(&f.relevant) {
        r.push(SmartReason::NoRelevant);
    }
    let mut t = Vec::new();
    match f.due {
        None => t.push(SmartReason::NoDue),
        Some(due) if due <= start => t.push(SmartReason::DueBeforeStart),
        _ => {}
    }
    vec![
        letter('S', s),
        letter('M', m),
        letter('A', a),
        letter('R', r),
        letter('T', t),
    ]
}

/// Gap analysis: each competency's latest level against its target, largest gap first
/// (not yet assessed last), with the stable-success rule.
pub fn competency_standings(e: &Engagement, as_of: Date) -> Vec<CompetencyStanding> {
    let mut standings: Vec<CompetencyStanding> = e
        .info
        .competencies
        .iter()
        .map(|c| {
            let id = c.id.value.as_str();
            let levels: Vec<(Date, i64)> = e
                .assessments
                .iter()
                .filter(|a| a.front.date <= as_of)
                .filter_map(|a| {
                    a.front
                        .ratings
                        .iter()
                        .find(|(k, _)| k.value == id)
                        .map(|(_, l)| (a.front.date, l.value))
                })
                .collect();
            let latest = levels.last().copied();
            CompetencyStanding {
                id: id.to_string(),
                name: c.name.clone(),
                target: c.target.value,
                latest: latest.map(|l| l.1),
                latest_date: latest.map(|l| l.0),
                gap: latest.map(|l| c.target.value - l.1),
                previous: levels.len().checked_sub(2).map(|i| levels[i].1),
                stable: is_stable(&levels.iter().map(|l| l.1).collect::<Vec<_>>()),
                objectives: e
                    .objectives
                    .iter()
                    .filter(|o| o.front.competencies.iter().any(|k| k.value == id))
                    .map(|o| o.id.clone())
                    .collect(),
            }
        })
        .collect();
    standings.sort_by(|a, b| {
        (a.gap.is_none(), std::cmp::Reverse(a.gap), &a.name).cmp(&(
            b.gap.is_none(),
            std::cmp::Reverse(b.gap),
            &b.name,
        ))
    });
    standings
}

/// The stable-success rule: the latest level counts as stable when the two latest
/// assessments both rate the competency at or above it.
pub fn is_stable(levels: &[i64]) -> bool {
    match levels {
        [.., before, latest] => before >= latest,
        _ => false,
    }
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
    let rate = |(due, on_time): (usize, usize)| (due > 0).then(|| on_time as f64 / due as f64);
    let days = |n: i64| as_of.add_days(-n);
    let (due, on_time) = window(None, as_of);
    let recent = window(days(COMMITMENT_WINDOW_DAYS), as_of);
    let recent_rate = rate(recent);
    let band = recent_rate.or(rate((due, on_time))).map(|r| {
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

/// Levels of each competency by assessment date (for the pages).
pub fn levels_by_date(e: &Engagement, competency: &str) -> BTreeMap<Date, i64> {
    e.assessments
        .iter()
        .filter_map(|a| {
            a.front
                .ratings
                .iter()
                .find(|(k, _)| k.value == competency)
                .map(|(_, l)| (a.front.date, l.value))
        })
        .collect()
}

/// The figures a sponsor sees about items they may not see one by one (SPEC §5:
/// attendance counts, commitment rate, GAS T-score), computed over the client's view.
#[derive(Debug, Clone)]
pub struct Aggregates {
    pub commitment: Commitment,
    pub gas_t_score: Option<f64>,
    pub sessions: usize,
    pub minutes: u64,
}

impl Aggregates {
    /// The aggregates of an engagement as the client sees it.
    pub fn of(client_view: &Engagement, as_of: Date) -> Aggregates {
        let insight = analyze(client_view, as_of);
        let held: Vec<&Session> = client_view
            .sessions
            .iter()
            .filter(|s| s.front.date <= as_of)
            .collect();
        Aggregates {
            commitment: insight.commitment,
            gas_t_score: insight.gas_t_score,
            sessions: held.len(),
            minutes: held
                .iter()
                .filter_map(|s| s.front.duration.as_ref().map(|d| d.value))
                .map(u64::from)
                .sum(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    const INFO: &str = "title: T\nclient: C\nkind: team\ncoach: X\nstart: 2026-01-12\nscale: {min: 1, max: 5}\ncompetencies:\n  - {id: scrum, name: Scrum, target: 4}\n  - {id: tools, name: Tools, target: 3}\n";

    /// An engagement from YAML snippets, without files.
    fn engagement(objectives: &[(&str, &str)], assessments: &[&str], plan: &str) -> Engagement {
        let info: EngagementInfo = serde_saphyr::from_str(INFO).unwrap();
        let plan: PlanFile = serde_saphyr::from_str(plan).unwrap();
        let mut e = Engagement {
            root: ".".into(),
            info,
            objectives: objectives
                .iter()
                .map(|(id, yaml)| Objective {
                    id: id.to_string(),
                    source: Source::default(),
                    front: serde_saphyr::from_str(yaml).unwrap(),
                    body: Default::default(),
                    visibility: Visibility::Client,
                })
                .collect(),
            assessments: assessments
                .iter()
                .enumerate()
                .map(|(i, yaml)| Assessment {
                    id: format!("a{i}"),
                    source: Source::default(),
                    front: serde_saphyr::from_str(yaml).unwrap(),
                    visibility: Visibility::Client,
                })
                .collect(),
            plan: Plan {
                source: Source::default(),
                actions: plan.actions,
                revisions: plan.revisions,
            },
            sessions: vec![],
            lessons: vec![],
        };
        for o in &mut e.objectives {
            o.front.measurements.sort_by_key(|m| m.date);
        }
        e
    }

    fn one(yaml: &str, as_of: &str) -> ObjectiveInsight {
        let e = engagement(&[("o", yaml)], &[], "actions: []");
        analyze(&e, d(as_of)).objectives.remove(0)
    }

    fn codes(o: &ObjectiveInsight) -> Vec<String> {
        o.findings
            .iter()
            .map(|f| {
                serde_json::to_value(&f.finding).unwrap()["code"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    const RISING: &str = "title: R\nspecific: Meet the sprint goal every sprint\nmeasure: {metric: m, baseline: 0, target: 50}\nachievable: a\nrelevant: r\nstart: 2026-01-01\ndue: 2026-03-02\nmeasurements:\n  - {date: 2026-01-01, value: 0}\n  - {date: 2026-01-11, value: 10}\n  - {date: 2026-01-21, value: 20}\n";

    #[test]
    fn rising_metric_on_track() {
        let o = one(RISING, "2026-01-21");
        // Points (0, 0), (10, 10), (20, 20): slope exactly 1 per day.
        assert!((o.trend.unwrap().per_day - 1.0).abs() < 1e-12);
        // Progress (20 − 0) / (50 − 0) = 0.4.
        assert_eq!(o.progress, Some(0.4));
        // 30 to go at 1 a day from 21 January: 20 February, before the due date 2 March.
        assert_eq!(o.forecast, Some(d("2026-02-20")));
        assert_eq!(o.tracking, Tracking::OnTrack);
        // Line 0 → 50 over 60 days says 16.67 on day 20; 20 / 16.67 = 1.2.
        let a = o.adherence.unwrap();
        assert!((a.share - 1.2).abs() < 1e-9);
        assert_eq!(a.band, AdherenceBand::OnTrack);
        // Required 30 / 40 days = 0.75 a day against 1 observed: ratio 0.75.
        let p = o.pace.unwrap();
        assert!((p.ratio.unwrap() - 0.75).abs() < 1e-9);
        assert_eq!(p.finding, PaceFinding::Realistic);
        assert!(o.findings.is_empty(), "{:?}", o.findings);
    }

    #[test]
    fn falling_metric() {
        let yaml = "title: F\nmeasure: {metric: defects, baseline: 14, target: 4}\nstart: 2026-01-01\ndue: 2026-03-31\nmeasurements:\n  - {date: 2026-01-01, value: 14}\n  - {date: 2026-01-15, value: 12}\n  - {date: 2026-01-29, value: 10}\n";
        let o = one(yaml, "2026-01-29");
        // Slope −2 per 14 days = −1/7 a day.
        assert!((o.trend.unwrap().per_day + 1.0 / 7.0).abs() < 1e-12);
        // Progress (10 − 14) / (4 − 14) = 0.4.
        assert!((o.progress.unwrap() - 0.4).abs() < 1e-12);
        // 6 defects to go at 1/7 a day: 42 days after 29 January = 12 March.
        assert_eq!(o.forecast, Some(d("2026-03-12")));
        assert_eq!(o.tracking, Tracking::OnTrack);
        // Required −6 / 61 days = −0.0984 a day; observed −0.1429: ratio 0.6885.
        let p = o.pace.unwrap();
        assert!((p.ratio.unwrap() - 0.688_524_590_163_934_4).abs() < 1e-9);
    }

    #[test]
    fn stalled_by_no_progress_and_by_silence() {
        let flat = "title: S\nmeasure: {metric: m, baseline: 0, target: 10}\nstart: 2026-01-01\ndue: 2026-06-30\nmeasurements:\n  - {date: 2026-01-01, value: 4}\n  - {date: 2026-01-08, value: 5}\n  - {date: 2026-01-15, value: 4}\n";
        // Last three: 4 → 5 → 4: no progress since 1 January.
        let o = one(flat, "2026-01-20");
        assert_eq!(o.tracking, Tracking::Stalled);
        assert!(codes(&o).contains(&"no-progress".to_string()));
        // Rising, but the last value is 45 days old (> 30).
        let o = one(RISING, "2026-03-01");
        assert_eq!(o.tracking, Tracking::Stalled);
        assert!(o.findings.iter().any(|f| f.finding
            == Finding::Stalled {
                last_measurement: d("2026-01-21"),
                days: 39
            }));
    }

    #[test]
    fn at_risk_when_the_forecast_is_after_due() {
        // Slope 1 a day; 30 to go from 21 January lands on 20 February, due 10 February.
        let yaml = RISING.replace("due: 2026-03-02", "due: 2026-02-10");
        let o = one(&yaml, "2026-01-21");
        assert_eq!(o.tracking, Tracking::AtRisk);
        assert!(o.findings.iter().any(|f| f.finding
            == Finding::AtRisk {
                forecast: Some(d("2026-02-20")),
                due: d("2026-02-10")
            }));
        // Required 30 in 20 days = 1.5 a day: ratio 1.5, under 2.0, so no pace flag.
        assert_eq!(o.pace.unwrap().finding, PaceFinding::Realistic);
    }

    #[test]
    fn pace_beyond_the_ratio_and_backwards() {
        // Observed 1 a day; 30 to go in 10 days needs 3 a day: ratio 3 > 2.
        let yaml = RISING.replace("due: 2026-03-02", "due: 2026-01-31");
        let p = one(&yaml, "2026-01-21").pace.unwrap();
        assert!((p.ratio.unwrap() - 3.0).abs() < 1e-9);
        assert_eq!(p.finding, PaceFinding::TooFast);
        let backwards = RISING.replace("value: 20}", "value: -5}");
        let o = one(&backwards, "2026-01-21");
        assert_eq!(o.pace.unwrap().finding, PaceFinding::FlatOrBackwards);
        assert_eq!(o.forecast, None);
        // 0 → 10 → −5: the last three show no progress, which makes it stalled.
        assert_eq!(o.tracking, Tracking::Stalled);
    }

    #[test]
    fn trajectory_bands() {
        let start = d("2026-01-01");
        let due = d("2026-04-11"); // 100 days
        // Day 50: the line says 50; 30 is 60 %, 20 is 40 %, 45 is 90 %.
        let at = |v| trajectory(0.0, 100.0, start, due, (d("2026-02-20"), v)).unwrap();
        assert_eq!(at(30.0).band, AdherenceBand::AtRisk);
        assert!((at(30.0).share - 0.6).abs() < 1e-12);
        assert_eq!(at(20.0).band, AdherenceBand::Revise);
        assert_eq!(at(45.0).band, AdherenceBand::OnTrack);
        // Falling: 14 → 4, day 50 expects 9; 11.5 is (11.5 − 14) / (9 − 14) = 50 %.
        let down = trajectory(14.0, 4.0, start, due, (d("2026-02-20"), 11.5)).unwrap();
        assert!((down.share - 0.5).abs() < 1e-12);
        assert_eq!(down.band, AdherenceBand::AtRisk);
    }

    #[test]
    fn gas_t_scores() {
        // Σwx = −2, Σw² = 3, (Σw)² = 9: T = 50 + 10·(−2) / √(0.7·3 + 0.3·9) = 50 − 20/√4.8 = 40.871.
        let t = gas_t_score(&[(-1.0, 1.0), (-1.0, 1.0), (0.0, 1.0)]).unwrap();
        assert!((t - 40.871_290_708_247_23).abs() < 1e-9);
        assert_eq!(
            gas_t_score(&[(-1.0, 1.0), (0.0, 1.0), (1.0, 1.0)]),
            Some(50.0)
        );
        // Weights 2, 1, 1 on levels 1, −1, 0: Σwx = 1, √(0.7·6 + 0.3·16) = 3: T = 53.33.
        let t = gas_t_score(&[(1.0, 2.0), (-1.0, 1.0), (0.0, 1.0)]).unwrap();
        assert!((t - 50.0 - 10.0 / 3.0).abs() < 1e-12);
        assert_eq!(gas_t_score(&[]), None);
    }

    #[test]
    fn gas_objectives_feed_the_t_score() {
        let gas = |levels: &str| {
            format!(
                "title: G\ngas: {{-2: a, -1: b, 0: c, 1: d, 2: e}}\ndue: 2026-06-30\nmeasurements: [{levels}]\n"
            )
        };
        let e = engagement(
            &[
                (
                    "a",
                    &gas("{date: 2026-02-01, value: -2}, {date: 2026-03-01, value: -1}"),
                ),
                ("b", &gas("{date: 2026-03-01, value: -1}")),
                ("c", &gas("{date: 2026-03-01, value: 0}")),
            ],
            &[],
            "actions: []",
        );
        let i = analyze(&e, d("2026-03-15"));
        assert!((i.gas_t_score.unwrap() - 40.871_290_708_247_23).abs() < 1e-9);
        // GAS progress of `a`: from −2 to −1 toward 0 = 50 %.
        assert_eq!(i.objective("a").unwrap().progress, Some(0.5));
    }

    #[test]
    fn a_team_asked_to_jump_three_levels_in_three_months() {
        let objective = "title: Adopt Scrum\ncompetencies: [scrum]\ndue: 2026-04-12\n";
        let e = engagement(
            &[("scrum", objective)],
            &["date: 2026-01-12\ntitle: Baseline\nratings: {scrum: 1}\n"],
            "actions: []",
        );
        let i = analyze(&e, d("2026-01-12"));
        let o = i.objective("scrum").unwrap();
        let s = &o.stretches[0];
        // Level 1 → 4 in 90 days = 2.957 months: 1.015 levels a month > 0.5.
        assert_eq!((s.current, s.target), (1, 4));
        assert!((s.months - 90.0 / DAYS_PER_MONTH).abs() < 1e-12);
        assert!((s.levels_per_month - 1.014_583_333_333_333_4).abs() < 1e-9);
        assert!(s.beyond_zpd);
        // 3 levels at 0.5 a month: 6 months, one level every 2 months.
        assert_eq!(s.realistic_months, 6.0);
        let milestones: Vec<(i64, Date)> = s.milestones.iter().map(|m| (m.level, m.by)).collect();
        assert_eq!(
            milestones,
            vec![
                (2, d("2026-03-14")),
                (3, d("2026-05-14")),
                (4, d("2026-07-14"))
            ]
        );
        assert!(codes(o).contains(&"beyond-zpd".to_string()));
        // And A of SMART fails for it.
        assert!(o.smart[2].reasons.contains(&SmartReason::BeyondZpd));
    }

    #[test]
    fn smart_letters_with_reasons() {
        let o = one(
            "title: P\nspecific: The team owns the platform end to end\nmeasure: {metric: m, target: 80}\ndue: 2026-12-31\nstatus: proposed\n",
            "2026-02-01",
        );
        let failed: Vec<(char, Vec<SmartReason>)> = o
            .smart
            .iter()
            .filter(|l| !l.pass)
            .map(|l| (l.letter, l.reasons.clone()))
            .collect();
        assert_eq!(
            failed,
            vec![
                ('M', vec![SmartReason::NoBaseline]),
                ('A', vec![SmartReason::NoAchievable]),
                ('R', vec![SmartReason::NoRelevant]),
            ]
        );
        assert_eq!(o.tracking, Tracking::NotTracked);
        let bare = one("title: B\n", "2026-02-01");
        let reasons: Vec<SmartReason> = bare.smart.iter().flat_map(|l| l.reasons.clone()).collect();
        assert_eq!(
            reasons,
            vec![
                SmartReason::NoSpecific,
                SmartReason::NoMeasure,
                SmartReason::NoAchievable,
                SmartReason::NoRelevant,
                SmartReason::NoDue
            ]
        );
    }

    #[test]
    fn edge_cases_have_a_status_and_no_figures_they_cannot_have() {
        // One measurement: progress, no trend.
        let single = RISING.replace(
            "  - {date: 2026-01-11, value: 10}\n  - {date: 2026-01-21, value: 20}\n",
            "",
        );
        let single = single.replace("value: 0}", "value: 5}");
        let o = one(&single, "2026-01-05");
        assert_eq!(
            (o.progress, o.trend, o.tracking),
            (Some(0.1), None, Tracking::TooEarly)
        );
        // None: no progress; a warning once the start is over 30 days ago.
        let none = "title: N\nmeasure: {metric: m, baseline: 0, target: 5}\nstart: 2026-01-01\ndue: 2026-06-30\n";
        let o = one(none, "2026-01-20");
        assert_eq!((o.progress, o.tracking), (None, Tracking::NoMeasurement));
        assert!(!codes(&o).contains(&"no-measurement".to_string()));
        assert!(codes(&one(none, "2026-03-01")).contains(&"no-measurement".to_string()));
        // Target reached: achieved, no flags.
        let reached = RISING.replace("value: 20}", "value: 60}");
        let o = one(&reached, "2026-01-21");
        assert_eq!((o.tracking, o.progress), (Tracking::Achieved, Some(1.0)));
        assert!(o.findings.is_empty());
        // Due passed.
        let o = one(RISING, "2026-03-05");
        assert_eq!(o.tracking, Tracking::Overdue);
        assert!(codes(&o).contains(&"due-passed".to_string()));
        // Paused and dropped: never flagged.
        for status in ["paused", "dropped"] {
            let o = one(&format!("{RISING}status: {status}\n"), "2026-06-01");
            assert_eq!(o.tracking, Tracking::NotTracked);
            assert!(o.findings.is_empty());
        }
        // Measurements after the as-of date do not count.
        assert_eq!(one(RISING, "2026-01-15").latest, Some(10.0));
    }

    #[test]
    fn gap_analysis_ranks_and_applies_the_stable_success_rule() {
        let e = engagement(
            &[("o", "title: O\ncompetencies: [tools]\n")],
            &[
                "date: 2026-01-15\ntitle: A\nratings: {scrum: 2, tools: 1}\n",
                "date: 2026-03-15\ntitle: B\nratings: {scrum: 3}\n",
            ],
            "actions: []",
        );
        let c = competency_standings(&e, d("2026-04-01"));
        // tools: 3 − 1 = 2; scrum: 4 − 3 = 1.
        assert_eq!(
            c.iter().map(|c| (c.id.as_str(), c.gap)).collect::<Vec<_>>(),
            vec![("tools", Some(2)), ("scrum", Some(1))]
        );
        // scrum went 2 → 3: reached once, not stable; tools was rated once: not stable.
        assert!(!c[0].stable && !c[1].stable);
        assert!(
            is_stable(&[3, 3]) && is_stable(&[4, 3]) && !is_stable(&[2, 3]) && !is_stable(&[3])
        );
        // A competency no objective uses.
        let i = analyze(&e, d("2026-04-01"));
        assert!(i.findings.iter().any(|f| f.finding
            == Finding::CompetencyUnused {
                competency: "scrum".into()
            }));
        // The assessment of 15 March is ignored as of 1 March.
        let before = competency_standings(&e, d("2026-03-01"));
        assert_eq!(
            before.iter().find(|c| c.id == "scrum").unwrap().latest,
            Some(2)
        );
    }

    #[test]
    fn commitment_counts_on_time_among_due_and_skips_dropped() {
        let plan = "actions:\n  - {id: a, title: A, due: 2026-03-01, status: done, done: 2026-02-28}\n  - {id: b, title: B, due: 2026-03-05, status: done, done: 2026-03-05}\n  - {id: c, title: C, due: 2026-03-08, status: done, done: 2026-03-12}\n  - {id: d, title: D, due: 2026-03-10, status: open}\n  - {id: e, title: E, due: 2026-03-10, status: dropped}\n  - {id: f, title: F, due: 2026-04-30, status: open}\n  - {id: g, title: G, status: blocked}\n";
        let e = engagement(&[], &[], plan);
        let i = analyze(&e, d("2026-03-15"));
        let c = &i.commitment;
        // Due by 15 March, not dropped: a, b, c, d. On time: a, b. 2 / 4 = 50 %.
        assert_eq!((c.due, c.on_time, c.rate), (4, 2, Some(0.5)));
        assert_eq!(c.band, Some(CommitmentBand::BelowHealthy));
        let codes: Vec<String> = i
            .findings
            .iter()
            .map(|f| {
                serde_json::to_value(&f.finding).unwrap()["code"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert!(
            codes.contains(&"action-overdue".into()) && codes.contains(&"action-blocked".into())
        );
        // Done after the as-of date does not count yet.
        let early = analyze(&e, d("2026-03-11"));
        assert_eq!((early.commitment.due, early.commitment.on_time), (4, 2));
    }

    #[test]
    fn commitment_bands() {
        let plan = |n_done: usize, n: usize| {
            let mut text = String::from("actions:\n");
            for i in 0..n {
                let done = if i < n_done {
                    ", status: done, done: 2026-03-01"
                } else {
                    ""
                };
                text.push_str(&format!(
                    "  - {{id: a{i}, title: A, due: 2026-03-02{done}}}\n"
                ));
            }
            text
        };
        let band = |d_: usize, n: usize| {
            analyze(&engagement(&[], &[], &plan(d_, n)), d("2026-03-15"))
                .commitment
                .band
        };
        assert_eq!(band(1, 3), Some(CommitmentBand::TooLow));
        assert_eq!(band(3, 4), Some(CommitmentBand::Healthy));
        assert_eq!(band(9, 10), Some(CommitmentBand::AboveHealthy));
        // 100 % in one period only is not yet "always".
        assert_eq!(band(2, 2), Some(CommitmentBand::AboveHealthy));
    }

    #[test]
    fn retention_and_sensitive_items() {
        let mut e = engagement(&[("o", "title: O\nsensitive: true\n")], &[], "actions: []");
        e.info.retain_until = Some(d("2026-01-31"));
        let i = analyze(&e, d("2026-02-01"));
        assert!(i.findings.iter().any(|f| f.severity == Severity::Error
            && f.finding
                == Finding::RetentionPassed {
                    retain_until: d("2026-01-31")
                }));
        assert!(i.findings.iter().any(|f| f.finding
            == Finding::Sensitive {
                kind: "objective".into(),
                id: "o".into()
            }));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn finite(x: f64) -> bool {
            x.is_finite()
        }

        fn all_finite(i: &Insight) -> bool {
            let opt = |x: Option<f64>| x.is_none_or(finite);
            i.gas_t_score.is_none_or(finite)
                && opt(i.commitment.rate)
                && i.objectives.iter().all(|o| {
                    opt(o.progress)
                        && opt(o.latest)
                        && opt(o.target)
                        && o.trend
                            .is_none_or(|t| finite(t.per_day) && finite(t.per_month))
                        && o.adherence
                            .is_none_or(|a| finite(a.share) && finite(a.expected))
                        && o.pace.is_none_or(|p| {
                            finite(p.required_per_month)
                                && opt(p.observed_per_month)
                                && opt(p.ratio)
                        })
                        && o.stretches.iter().all(|s| {
                            finite(s.months)
                                && finite(s.levels_per_month)
                                && finite(s.realistic_months)
                        })
                })
        }

        proptest! {
            #[test]
            fn no_panic_and_no_non_finite_number(
                values in prop::collection::vec((0i64..400, -1e12f64..1e12), 0..12),
                baseline in -1e9f64..1e9,
                target in -1e9f64..1e9,
                due in 0i64..400,
                start in 0i64..400,
                as_of in 0i64..500,
                level in 1i64..6,
            ) {
                let day = |n: i64| d("2026-01-01").add_days(n).unwrap();
                let mut yaml = format!("title: P\nmeasure: {{metric: m, baseline: {baseline}, target: {target}}}\ncompetencies: [scrum]\nstart: {}\ndue: {}\nmeasurements:\n", day(start), day(due));
                if values.is_empty() {
                    yaml.push_str("  []\n");
                }
                for (n, v) in &values {
                    yaml.push_str(&format!("  - {{date: {}, value: {v}}}\n", day(*n)));
                }
                let assessment = format!("date: {}\ntitle: A\nratings: {{scrum: {level}}}\n", day(start));
                let e = engagement(&[("p", &yaml)], &[&assessment], "actions: []");
                let insight = analyze(&e, day(as_of));
                prop_assert!(all_finite(&insight));
            }
        }
    }
}
