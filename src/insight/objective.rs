//! One objective's figures and findings: progress, trend and forecast, where it stands
//! (tracking), trajectory and pace, the planning checks (SMART, ZPD, stable success).

use serde::{Deserialize, Serialize};

use super::progress::{no_progress, points};
use super::*;
use crate::model::{Acknowledged, Date, Engagement, Objective, ObjectiveStatus};

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
    /// The forecast's date has passed without the target: measure again.
    Stale,
    /// The due date has passed without reaching the target.
    Overdue,
    /// Fewer than three measurements: no trend yet.
    TooEarly,
    /// No measurement at all.
    NoMeasurement,
    /// No baseline and target, or no due date, to judge against.
    NotJudged,
    /// Paused, dropped or proposed: not tracked.
    NotTracked,
    /// Not shown to this reader (`share:` in engagement.yaml): set by the site and the
    /// export, never by the analysis.
    NotShared,
}

impl Tracking {
    /// Whether where the objective stands is a fact rather than a judgement: reached (or
    /// marked achieved), past its due date without the target, or not tracked (paused,
    /// dropped, proposed). A fact reads the same for every reader of the objective,
    /// whatever `share:` gives them; the judgements (on track, at risk, stalled…) only
    /// where `tracking` is shared.
    pub fn is_fact(self) -> bool {
        matches!(
            self,
            Tracking::Achieved | Tracking::Overdue | Tracking::NotTracked
        )
    }
}

/// Everything computed for one objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveInsight {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) progress: Option<f64>,
    pub(crate) latest: Option<f64>,
    pub(crate) latest_date: Option<Date>,
    pub(crate) target: Option<f64>,
    pub(crate) due: Option<Date>,
    pub(crate) trend: Option<Trend>,
    pub(crate) forecast: Option<Date>,
    /// The dates between which the trend reaches the target, at 80 % confidence.
    pub forecast_interval: Option<ForecastInterval>,
    /// The measurements on or before the as-of date.
    pub measurements: usize,
    /// There would be a forecast to make, but there are fewer measurements than
    /// [`MIN_MEASUREMENTS_FOR_TREND`].
    pub too_few_measurements: bool,
    pub(crate) tracking: Tracking,
    pub(crate) adherence: Option<Adherence>,
    pub(crate) pace: Option<Pace>,
    pub(crate) stretches: Vec<Stretch>,
    /// Empty for a key result: the planning checks are its objective's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) smart: Vec<SmartLetter>,
    /// Each change to what the objective is measured against, made (committed) after
    /// its first measurement and by the as-of date, oldest first.
    pub target_changes: Vec<MovedTarget>,
    /// Not serialised here: reports carry them with their words.
    #[serde(skip)]
    pub findings: Vec<Flag>,
    /// An objective with key results: each one's figures, in the order written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_results: Vec<KeyResultInsight>,
    /// The key result whose tracking is the objective's (the worst of theirs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracked_by: Option<String>,
}

/// A change to what an objective is measured against, made after measurements existed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MovedTarget {
    /// With `measured_before`: the measurements the objective's file held, dated on or
    /// before the change, when it was made.
    #[serde(flatten)]
    pub change: crate::model::TargetChange,
}

/// The changes of `o`'s history made by `as_of` once its file held a measurement; a GAS
/// level whose words are the same for this reader (a coach-only aside changed) is no
/// change. Reported without the words, each a finding in `flags`.
pub(super) fn moved_targets(o: &Objective, as_of: Date, flags: &mut Flags) -> Vec<MovedTarget> {
    let moved: Vec<MovedTarget> = o
        .history
        .iter()
        .filter(|c| c.date <= as_of && c.measured_before > 0)
        .filter(|c| {
            // Compared word by word: a cut aside leaves its spaces behind.
            let words = |t: &Option<String>| {
                t.as_deref()
                    .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            };
            c.words
                .as_ref()
                .is_none_or(|w| words(&w.before) != words(&w.after))
        })
        .map(|c| MovedTarget {
            change: crate::model::TargetChange {
                words: None,
                visibility: crate::model::Visibility::Coach,
                ..c.clone()
            },
        })
        .collect();
    for m in &moved {
        flags.push(Severity::Note, Finding::TargetMoved { moved: m.clone() });
    }
    moved
}

/// The day the objective's work started.
pub(super) fn start_of(e: &Engagement, o: &Objective) -> Date {
    o.front.start.unwrap_or(e.info.start)
}

/// The findings of one objective, in the order they are found, each tagged with it.
pub(super) struct Flags<'o> {
    pub(super) objective: &'o str,
    pub(super) items: Vec<Flag>,
}

impl Flags<'_> {
    pub(super) fn push(&mut self, severity: Severity, finding: Finding) {
        self.items.push(Flag {
            severity,
            objective: Some(self.objective.to_string()),
            key_result: None,
            finding,
        });
    }
}

/// What an objective's measurements say, on or before the as-of date.
struct Measured<'a> {
    points: &'a [(Date, f64)],
    /// The latest measurement.
    latest: Option<(Date, f64)>,
    /// Baseline and target (for GAS, the first level and 0), when there is a span.
    span: Option<(f64, f64)>,
    trend: Option<&'a Trend>,
    start: Date,
}

/// Where an objective stands, with the figures found on the way.
struct Tracked {
    tracking: Tracking,
    forecast: Option<Date>,
    forecast_interval: Option<ForecastInterval>,
    too_few_measurements: bool,
    adherence: Option<Adherence>,
    pace: Option<Pace>,
}

impl Tracked {
    fn only(tracking: Tracking) -> Tracked {
        Tracked {
            tracking,
            forecast: None,
            forecast_interval: None,
            too_few_measurements: false,
            adherence: None,
            pace: None,
        }
    }
}

/// The figures of an objective measured by one series (`measure` or `gas`), or of one
/// key result (as an objective of its own, without the planning checks, which are its
/// objective's).
pub(super) fn measured_insight(
    e: &Engagement,
    o: &Objective,
    standings: &[CompetencyStanding],
    as_of: Date,
    planning_checks: bool,
) -> ObjectiveInsight {
    let f = &o.front;
    let pts = points(o, as_of);
    let latest = pts.last().copied();
    let span = span(o).filter(|_| !pts.is_empty() || f.gas.is_none());
    let progress = match (latest, span) {
        (Some((_, v)), Some((b, t))) => Some(progress_between(b, t, v)),
        _ => None,
    };
    // A line through two points is not a trend: too few measurements, no trend.
    let trend = (pts.len() >= MIN_MEASUREMENTS_FOR_TREND)
        .then(|| trend(&pts))
        .flatten();
    let start = start_of(e, o);
    let reached = match (latest, span) {
        (Some((_, v)), Some((b, t))) => (t - b) * (v - t) >= 0.0,
        _ => false,
    };
    let (stretches, smart, mut flags) = planning(e, o, standings, as_of, reached, planning_checks);
    let measured = Measured {
        points: &pts,
        latest,
        span,
        trend: trend.as_ref(),
        start,
    };
    let tracked = track(e, o, &measured, reached, as_of, &mut flags);
    let target_changes = moved_targets(o, as_of, &mut flags);
    ObjectiveInsight {
        id: o.id.clone(),
        title: f.title.clone(),
        progress,
        latest: latest.map(|l| l.1),
        latest_date: latest.map(|l| l.0),
        target: span.map(|s| s.1),
        due: f.due,
        trend,
        forecast: tracked.forecast,
        forecast_interval: tracked.forecast_interval,
        measurements: pts.len(),
        too_few_measurements: tracked.too_few_measurements,
        tracking: tracked.tracking,
        adherence: tracked.adherence,
        pace: tracked.pace,
        stretches,
        smart,
        target_changes,
        findings: flags.items,
        key_results: Vec::new(),
        tracked_by: None,
    }
}

/// The planning checks of an objective: its ZPD stretches (none once it is reached or
/// marked achieved: the ZPD is a planning check), its SMART letters and, with `checks`
/// and while it is still to achieve, their findings.
pub(super) fn planning<'o>(
    e: &Engagement,
    o: &'o Objective,
    standings: &[CompetencyStanding],
    as_of: Date,
    reached: bool,
    checks: bool,
) -> (Vec<Stretch>, Vec<SmartLetter>, Flags<'o>) {
    let f = &o.front;
    let start = start_of(e, o);
    let stretches = if reached || f.status == ObjectiveStatus::Achieved {
        Vec::new()
    } else {
        stretches(e, o, start, as_of)
    };
    let smart = smart(o, start, &stretches);
    let mut flags = Flags {
        objective: &o.id,
        items: Vec::new(),
    };
    // Planning checks apply to everything still to be achieved.
    let still_to_achieve = matches!(
        f.status,
        ObjectiveStatus::Proposed | ObjectiveStatus::Active
    ) && !reached;
    if checks && still_to_achieve {
        let max_lpm = e.info.zpd.max_levels_per_month.value;
        planning_flags(&mut flags, o, standings, &stretches, &smart, max_lpm);
    }
    (stretches, smart, flags)
}

/// Whether the objective was beyond the zone of proximal development when it was
/// planned (`None` when no competency of it could be checked), whatever became of it:
/// the coach's own evidence of how such objectives end.
pub fn planned_beyond_zpd(e: &Engagement, o: &Objective, as_of: Date) -> Option<bool> {
    let checked = stretches(e, o, start_of(e, o), as_of);
    (!checked.is_empty()).then(|| checked.iter().any(|s| s.beyond_zpd))
}

/// The ZPD check of each competency the objective names.
fn stretches(e: &Engagement, o: &Objective, start: Date, as_of: Date) -> Vec<Stretch> {
    let max_lpm = e.info.zpd.max_levels_per_month.value;
    o.front
        .competencies
        .iter()
        .filter_map(|c| stretch(e, &c.value, start, o.front.due, as_of, max_lpm))
        .collect()
}

/// The planning checks: competencies beyond the zone of proximal development, a level
/// not yet stable, and the SMART letters that fail (other than for the ZPD).
fn planning_flags(
    flags: &mut Flags,
    o: &Objective,
    standings: &[CompetencyStanding],
    stretches: &[Stretch],
    smart: &[SmartLetter],
    max_levels_per_month: f64,
) {
    let seen = |a: Acknowledged| o.front.acknowledged.contains(&a);
    for s in stretches
        .iter()
        .filter(|s| s.beyond_zpd && !seen(Acknowledged::BeyondZpd))
    {
        flags.push(
            Severity::Warning,
            Finding::BeyondZpd {
                stretch: s.clone(),
                max_levels_per_month,
            },
        );
    }
    for c in o
        .front
        .competencies
        .iter()
        .filter(|_| !seen(Acknowledged::NotYetStable))
    {
        if let Some(st) = standings.iter().find(|s| s.id == c.value)
            && let (Some(level), Some(previous)) = (st.latest, st.previous)
            && level > previous
            && level < st.target
        {
            flags.push(
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
            // A statement with no outcome to see or count is asked for here too.
            reasons: l
                .reasons
                .iter()
                .chain(&l.notes)
                .copied()
                .filter(|r| *r != SmartReason::BeyondZpd)
                .collect(),
            checked: l.checked,
            notes: Vec::new(),
        })
        .filter(|l| !l.reasons.is_empty())
        .collect();
    if !letters.is_empty() && !seen(Acknowledged::NotSmart) {
        flags.push(Severity::Note, Finding::NotSmart { letters });
    }
}

/// Where the objective stands: not tracked (paused, dropped, proposed), achieved,
/// overdue, judged on its measurements, or without any.
fn track(
    e: &Engagement,
    o: &Objective,
    m: &Measured,
    reached: bool,
    as_of: Date,
    flags: &mut Flags,
) -> Tracked {
    let f = &o.front;
    if matches!(
        f.status,
        ObjectiveStatus::Paused | ObjectiveStatus::Dropped | ObjectiveStatus::Proposed
    ) {
        return Tracked::only(Tracking::NotTracked);
    }
    if f.status == ObjectiveStatus::Achieved || reached {
        return Tracked::only(Tracking::Achieved);
    }
    if let Some(due) = f.due.filter(|due| *due < as_of) {
        flags.push(Severity::Warning, Finding::DuePassed { due });
        return Tracked::only(Tracking::Overdue);
    }
    match (m.latest, m.span) {
        (Some(latest), Some(span)) => track_measured(e, o, m, latest, span, as_of, flags),
        (Some(_), None) => Tracked::only(Tracking::NotJudged),
        (None, _) => {
            let days = m.start.days_until(as_of);
            if days > e.info.zpd.stalled_after_days.value {
                flags.push(Severity::Warning, Finding::NoMeasurement { days });
            }
            Tracked::only(Tracking::NoMeasurement)
        }
    }
}

/// An objective with measurements and a span: forecast, trajectory and pace against the
/// due date, then stalled, no progress, too early, on track or at risk.
fn track_measured(
    e: &Engagement,
    o: &Objective,
    m: &Measured,
    (last_date, last_value): (Date, f64),
    (baseline, target): (f64, f64),
    as_of: Date,
    flags: &mut Flags,
) -> Tracked {
    let zpd = &e.info.zpd;
    let direction = (target - baseline).signum();
    let forecast_date = m.trend.and_then(|t| forecast(t, target, last_date));
    let interval = m
        .trend
        .and_then(|t| forecast_interval(t, target, last_date));
    let (adherence, pace) = match o.front.due {
        Some(due) => {
            let adherence = trajectory(baseline, target, m.start, due, (last_date, last_value));
            adherence_flag(flags, adherence);
            let pace = pace_check(
                m.trend,
                target,
                last_value,
                due,
                as_of,
                zpd.max_pace_ratio.value,
            );
            pace_flag(flags, pace, zpd.max_pace_ratio.value);
            (adherence, pace)
        }
        None => (None, None),
    };
    let stale_days = last_date.days_until(as_of);
    let tracking = if stale_days > zpd.stalled_after_days.value {
        flags.push(
            Severity::Warning,
            Finding::Stalled {
                last_measurement: last_date,
                days: stale_days,
            },
        );
        Tracking::Stalled
    } else if let Some(since) = no_progress(m.points, direction) {
        flags.push(Severity::Warning, Finding::NoProgress { since });
        Tracking::Stalled
    } else if m.trend.is_none() {
        Tracking::TooEarly
    } else if let Some(forecast) = forecast_date.filter(|d| *d < as_of) {
        // The trend said the target would be reached by now; the measurements do not
        // show it: the forecast is out of date, never "on track".
        flags.push(
            Severity::Warning,
            Finding::ForecastPassed {
                forecast,
                last_measurement: last_date,
            },
        );
        Tracking::Stale
    } else if let Some(due) = o.front.due {
        match forecast_date {
            Some(d) if d <= due => Tracking::OnTrack,
            _ => {
                flags.push(
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
    };
    Tracked {
        tracking,
        forecast: forecast_date,
        forecast_interval: interval,
        too_few_measurements: m.points.len() < MIN_MEASUREMENTS_FOR_TREND,
        adherence,
        pace,
    }
}

/// Off the planned trajectory: a note below 80 %, a warning below 50 %.
fn adherence_flag(flags: &mut Flags, adherence: Option<Adherence>) {
    if let Some(a) = adherence
        && a.band != AdherenceBand::OnTrack
    {
        let severity = if a.band == AdherenceBand::Revise {
            Severity::Warning
        } else {
            Severity::Note
        };
        flags.push(
            severity,
            Finding::Trajectory {
                share: a.share,
                band: a.band,
            },
        );
    }
}

/// A pace far above the observed one, or a trend flat or going the wrong way.
fn pace_flag(flags: &mut Flags, pace: Option<Pace>, max_ratio: f64) {
    let Some(p) = pace else {
        return;
    };
    match (p.finding, p.observed_per_month, p.ratio) {
        (PaceFinding::TooFast, Some(observed), Some(ratio)) => flags.push(
            Severity::Warning,
            Finding::PaceTooFast {
                required_per_month: p.required_per_month,
                observed_per_month: observed,
                ratio,
                max_ratio,
            },
        ),
        (PaceFinding::FlatOrBackwards, Some(observed), _) => flags.push(
            Severity::Warning,
            Finding::PaceFlatOrBackwards {
                required_per_month: p.required_per_month,
                observed_per_month: observed,
            },
        ),
        _ => {}
    }
}
