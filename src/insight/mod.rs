//! Pure computations over the model (SPEC §3): no files, no HTML, no sentences.
//!
//! [`analyze`] computes every figure the site and `check` show for one as-of date:
//! progress, trend and forecast, tracking status, trajectory adherence, the pace and
//! competency (ZPD) checks, the stable-success rule, SMART per letter, gap analysis,
//! commitment and its calibration band, and the GAS T-score. Findings worth the
//! coach's attention are `Finding`s: typed data that `crate::explain` turns into
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
//!
//! One file per subject: `progress` (progress, trend, forecast, trajectory, pace, GAS),
//! `objective` (one objective's figures, tracking and findings), `key_results` (an
//! objective with key results: each one's figures, and the objective's from theirs),
//! `competency` (gap analysis, stable success, ZPD), `smart`, and `plan` (commitment).
//! This file holds the findings, the whole analysis and the sponsor's aggregates.

mod agenda;
mod competency;
mod contract;
mod key_results;
mod objective;
mod plan;
mod practice;
mod progress;
mod pulse;
mod smart;
#[cfg(test)]
mod tests;
mod uncertainty;

use serde::{Deserialize, Serialize};

use crate::model::{ActionStatus, Date, Engagement, ObjectiveStatus};

use key_results::objective_insight;
use progress::points;

pub use agenda::*;
pub use competency::*;
pub use contract::{CADENCE_BROKEN_FACTOR, ContractUse, contract_use, sessions_that_fit};
pub use key_results::*;
pub use objective::*;
pub use plan::*;
pub use practice::*;
pub use progress::*;
pub use pulse::*;
pub use smart::*;
pub use uncertainty::*;

/// The level a goal-attainment-scaled objective aims for: 0, "the expected outcome".
pub const GAS_EXPECTED_LEVEL: f64 = 0.0;
/// Average days in a month, for paces and months to due.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;
/// ρ of the Kiresuk–Sherman T-score.
pub const GAS_RHO: f64 = 0.3;
/// The "last eight weeks" of the commitment calibration.
pub const COMMITMENT_WINDOW_DAYS: i64 = 56;
/// Fewer actions due than this (overall, or in the last eight weeks) are too few for a
/// commitment rate.
pub const MIN_ACTIONS_DUE: usize = 3;
/// Fewer measurements than this are too few for a trend, a forecast or a pace.
pub const MIN_MEASUREMENTS_FOR_TREND: usize = 3;
/// A forecast further away than this is "not within ten years".
pub(crate) const MAX_FORECAST_DAYS: f64 = 3653.0;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Error,
    Warning,
    Note,
}

/// A finding with its severity and the objective it is about, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    pub(crate) severity: Severity,
    pub(crate) objective: Option<String>,
    /// The key result of the objective it is about, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) key_result: Option<String>,
    #[serde(flatten)]
    pub(crate) finding: Finding,
}

/// What the coach should know, as data. `crate::explain` words it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub(crate) enum Finding {
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
    /// The trend's forecast date has passed and the latest measurement does not show the
    /// target: the forecast is out of date until the objective is measured again.
    ForecastPassed {
        forecast: Date,
        last_measurement: Date,
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
    /// The baseline, target, due date or a GAS level changed in the git history after
    /// measurements had begun.
    TargetMoved {
        moved: MovedTarget,
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
        /// Actions due in the last eight weeks, and done on time among them.
        due: usize,
        on_time: usize,
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
    /// A coach-only session note with no attendee and no duration: the client's and the
    /// sponsor's sites count it as a session held (one rule for sessions), which a note
    /// that was no meeting (supervision, a reflection) should not be.
    HiddenNoteCounted {
        session: String,
    },
    /// No session for more than twice the contract's cadence (since the last one, or
    /// since the start).
    CadenceBroken {
        last: Option<Date>,
        days: i64,
        cadence_days: u32,
    },
    /// The latest session note's `next:` date has passed with no session held since.
    CadenceNextPassed {
        next: Date,
        session: String,
    },
    /// More sessions agreed are left than fit before the end at the cadence.
    ContractSessionsLeft {
        left: i64,
        fit: i64,
        end: Date,
        cadence_days: u32,
    },
    /// More sessions held than agreed.
    ContractSessionsOver {
        held: usize,
        agreed: u32,
    },
    /// More hours held than agreed.
    ContractHoursOver {
        held: f64,
        agreed: f64,
    },
}

/// Everything [`analyze`] computes for one as-of date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Insight {
    pub(crate) as_of: Date,
    pub(crate) objectives: Vec<ObjectiveInsight>,
    /// Ranked: largest gap first; development areas are those with a gap above 0.
    pub competencies: Vec<CompetencyStanding>,
    pub(crate) commitment: Commitment,
    pub(crate) gas_t_score: Option<f64>,
    /// The objectives the GAS T-score rates (scaled, not dropped, with a level by the
    /// as-of date), by id: those of this view, so that a reader can trace the score.
    #[serde(default)]
    pub gas_objectives: Vec<String>,
    /// The stakeholder pulse of each objective a survey rated.
    pub pulse: Vec<ObjectivePulse>,
    /// Findings about the whole engagement (actions, retention, …).
    pub findings: Vec<Flag>,
}

impl Insight {
    pub(crate) fn objective(&self, id: &str) -> Option<&ObjectiveInsight> {
        self.objectives.iter().find(|o| o.id == id)
    }

    /// Every finding: objectives' first (in objective order), then the engagement's.
    pub fn all_findings(&self) -> impl Iterator<Item = &Flag> {
        self.objectives
            .iter()
            .flat_map(|o| o.findings.iter())
            .chain(self.findings.iter())
    }

    pub(crate) fn count(&self, severity: Severity) -> usize {
        self.all_findings()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Computes every figure and finding of SPEC §3 for `e` as of `as_of`.
pub fn analyze(e: &Engagement, as_of: Date) -> Insight {
    let competencies = competency_standings(e, as_of);
    let objectives = e
        .objectives
        .iter()
        .map(|o| objective_insight(e, o, &competencies, as_of))
        .collect();
    let commitment = commitment(e, as_of);
    let rated: Vec<(&str, (f64, f64))> = e
        .objectives
        .iter()
        .filter(|o| o.front.gas.is_some() && o.front.status != ObjectiveStatus::Dropped)
        .filter_map(|o| {
            let level = points(o, as_of).last()?.1;
            let weight = o.front.weight.as_ref().map_or(1.0, |w| w.value);
            Some((o.id.as_str(), (level, weight)))
        })
        .collect();
    let gas_t_score = gas_t_score(&rated.iter().map(|(_, l)| *l).collect::<Vec<_>>());
    let gas_objectives = match gas_t_score {
        Some(_) => rated.iter().map(|(id, _)| id.to_string()).collect(),
        None => Vec::new(),
    };

    let findings = engagement_findings(e, as_of, &commitment, gas_t_score, &competencies);
    Insight {
        as_of,
        objectives,
        competencies,
        commitment,
        gas_t_score,
        gas_objectives,
        pulse: pulses(e, as_of),
        findings,
    }
}

/// The findings about the engagement as a whole: blocked and overdue actions,
/// commitment outside its healthy band, a low GAS T-score, unused competencies, the
/// retention date, and sensitive items. One function per finding, in the order they
/// are listed.
fn engagement_findings(
    e: &Engagement,
    as_of: Date,
    commitment: &Commitment,
    gas_t_score: Option<f64>,
    competencies: &[CompetencyStanding],
) -> Vec<Flag> {
    let facts = Facts {
        e,
        as_of,
        commitment,
        gas_t_score,
        competencies,
    };
    let mut findings = Vec::new();
    for find in ENGAGEMENT_FINDINGS {
        find(&facts, &mut findings);
    }
    findings
}

/// What the engagement's findings are raised from.
struct Facts<'a> {
    e: &'a Engagement,
    as_of: Date,
    commitment: &'a Commitment,
    gas_t_score: Option<f64>,
    competencies: &'a [CompetencyStanding],
}

/// The engagement's findings, each pushing its own, in the order they are shown.
const ENGAGEMENT_FINDINGS: &[fn(&Facts, &mut Vec<Flag>)] = &[
    actions_stuck,
    commitment_off_band,
    gas_low,
    competencies_unused,
    retention_passed,
    sensitive,
    hidden_notes_counted,
    contract,
];

/// The contract's use and cadence ([`contract`]).
fn contract(f: &Facts, findings: &mut Vec<Flag>) {
    contract::contract_findings(f.e, f.as_of, findings);
}

fn engagement_flag(severity: Severity, finding: Finding) -> Flag {
    Flag {
        severity,
        objective: None,
        key_result: None,
        finding,
    }
}

/// Each action blocked, or open past its due date, in the plan's order.
fn actions_stuck(f: &Facts, findings: &mut Vec<Flag>) {
    for a in &f.e.plan.actions {
        let finding = match (a.status, a.due) {
            (ActionStatus::Blocked, _) => Finding::ActionBlocked {
                action: a.id.value.clone(),
            },
            (ActionStatus::Open, Some(due)) if due < f.as_of => Finding::ActionOverdue {
                action: a.id.value.clone(),
                due,
            },
            _ => continue,
        };
        findings.push(engagement_flag(Severity::Warning, finding));
    }
}

/// Recent commitment outside its healthy band: a warning when too low.
fn commitment_off_band(f: &Facts, findings: &mut Vec<Flag>) {
    let c = f.commitment;
    let (Some(rate), Some(band)) = (c.recent_rate, c.band) else {
        return;
    };
    if band == CommitmentBand::Healthy {
        return;
    }
    let severity = match band {
        CommitmentBand::TooLow => Severity::Warning,
        _ => Severity::Note,
    };
    findings.push(engagement_flag(
        severity,
        Finding::Commitment {
            rate,
            band,
            due: c.recent_due,
            on_time: c.recent_on_time,
        },
    ));
}

/// A GAS T-score under 40.
fn gas_low(f: &Facts, findings: &mut Vec<Flag>) {
    if let Some(t) = f.gas_t_score
        && t < 40.0
    {
        findings.push(engagement_flag(
            Severity::Note,
            Finding::GasLow { t_score: t },
        ));
    }
}

/// Each competency no objective works on.
fn competencies_unused(f: &Facts, findings: &mut Vec<Flag>) {
    for c in f.competencies.iter().filter(|c| c.objectives.is_empty()) {
        findings.push(engagement_flag(
            Severity::Note,
            Finding::CompetencyUnused {
                competency: c.id.clone(),
            },
        ));
    }
}

/// The engagement kept past its `retain_until` date.
fn retention_passed(f: &Facts, findings: &mut Vec<Flag>) {
    if let Some(retain_until) = f.e.info.retain_until
        && retain_until < f.as_of
    {
        findings.push(engagement_flag(
            Severity::Error,
            Finding::RetentionPassed { retain_until },
        ));
    }
}

/// Each item marked sensitive.
fn sensitive(f: &Facts, findings: &mut Vec<Flag>) {
    for (kind, id) in sensitive_items(f.e) {
        findings.push(engagement_flag(
            Severity::Note,
            Finding::Sensitive {
                kind: kind.to_string(),
                id,
            },
        ));
    }
}

/// Each coach-only session note that names no attendee and no duration, which the
/// client's and the sponsor's sites still count as a session held.
fn hidden_notes_counted(f: &Facts, findings: &mut Vec<Flag>) {
    for s in &f.e.sessions {
        let front = &s.front;
        if s.visibility == crate::model::Visibility::Coach
            && !front.sensitive
            && front.attendees.is_empty()
            && front.duration.is_none()
        {
            findings.push(engagement_flag(
                Severity::Note,
                Finding::HiddenNoteCounted {
                    session: s.id.clone(),
                },
            ));
        }
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

/// The figures a sponsor sees about items they may not see one by one (SPEC §5:
/// attendance counts, commitment rate), computed over the client's view. The GAS T-score
/// is not one of them: a reader is given it only over the scaled objectives they see
/// (`Insight::gas_objectives`), so that they can trace it.
#[derive(Debug, Clone)]
pub struct Aggregates {
    pub(crate) commitment: Commitment,
    pub(crate) sessions: usize,
    pub(crate) minutes: u64,
    /// Each objective's figures as the client sees them, so that the sponsor gets the
    /// same verdicts.
    pub objectives: Vec<ObjectiveInsight>,
}

/// Sessions held on or before the as-of date, and their minutes: those whose notes the
/// view holds and those it only knows took place (`Withheld::occurrences`), so that
/// every reader who could know of a session counts it (only a sensitive one is left
/// out of the client's and the sponsor's figures).
pub fn held_sessions(e: &Engagement, as_of: Date) -> (usize, u64) {
    let held: Vec<(Date, Option<u32>)> = e
        .sessions
        .iter()
        .map(|s| (s.front.date, s.front.duration.as_ref().map(|d| d.value)))
        .chain(e.withheld.occurrences.iter().map(|o| (o.date, o.minutes)))
        .filter(|(date, _)| *date <= as_of)
        .collect();
    let minutes = held
        .iter()
        .filter_map(|(_, minutes)| *minutes)
        .map(u64::from)
        .sum();
    (held.len(), minutes)
}

/// The days of every session this view knows took place (`held_sessions`), in order:
/// the timeline's dots and gaps.
pub fn session_dates(e: &Engagement) -> Vec<Date> {
    let mut dates: Vec<Date> = e
        .sessions
        .iter()
        .map(|s| s.front.date)
        .chain(e.withheld.occurrences.iter().map(|o| o.date))
        .collect();
    dates.sort();
    dates
}

impl Aggregates {
    /// The aggregates of an engagement as the client sees it.
    pub fn of(client_view: &Engagement, as_of: Date) -> Aggregates {
        let insight = analyze(client_view, as_of);
        let (sessions, minutes) = held_sessions(client_view, as_of);
        Aggregates {
            objectives: insight.objectives,
            commitment: insight.commitment,
            sessions,
            minutes,
        }
    }
}
