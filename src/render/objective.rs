//! Objectives: the view of one objective (shared by the dashboard, the report, the
//! objectives list and its own page), its progress chart and sparkline, and its pages.

use crate::i18n::Word;
use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::registry::{Kind, competency_url};
use super::views::{
    ActionLink, FindingView, LegendItem, Link, MilestoneRow, SentenceView, ValueRow, Views,
    coach_only, tracking_key,
};
use super::{PageJob, page_value};
use crate::charts;
use crate::i18n::{format_percent, format_rate, format_value};
use crate::insight::{self, ObjectiveInsight, Tracking};
use crate::model::*;

#[derive(Serialize)]
struct MeasureView {
    metric: String,
    baseline: Option<String>,
    target: Option<String>,
    direction_label: Option<&'static str>,
}

#[derive(Serialize)]
struct GasLevelView {
    label: String,
    text: String,
    current: bool,
}

#[derive(Serialize)]
struct CompetencyLink {
    name: String,
    url: String,
}

#[derive(Serialize)]
pub(super) struct ObjectiveView {
    coach_only: bool,
    pub(super) id: String,
    pub(super) url: String,
    pub(super) title: String,
    pub(super) status: &'static str,
    status_label: &'static str,
    specific: Option<String>,
    achievable: Option<String>,
    relevant: Option<String>,
    measure: Option<MeasureView>,
    gas: Vec<GasLevelView>,
    start: Option<String>,
    due: Option<String>,
    pub(super) progress_pct: Option<u32>,
    progress_text: Option<String>,
    latest_text: Option<String>,
    tracking: &'static str,
    tracking_label: &'static str,
    /// One status for the objective: where an active one stands (when the reader is shown
    /// it), otherwise its status. `state_class` names the CSS classes.
    state_class: String,
    state_label: &'static str,
    /// The metric of the key result the objective's tracking comes from.
    state_from: Option<String>,
    /// Its key results (OKRs), each with its figures and chart, and its OKR score with
    /// its reading.
    pub(super) key_results: Vec<super::key_results::KeyResultView>,
    okr_score_text: Option<String>,
    forecast: Option<String>,
    trend_text: Option<String>,
    adherence_text: Option<String>,
    pace_text: Option<String>,
    smart: Vec<SmartView>,
    zpd: Vec<SentenceView>,
    pub(super) findings: Vec<FindingView>,
    chart: Option<String>,
    /// What each mark of the progress chart means, and the unit of its values.
    legend: Vec<LegendItem>,
    unit_text: Option<String>,
    sparkline: Option<String>,
    target_text: Option<String>,
    measurements: Vec<ValueRow>,
    milestones: Vec<MilestoneRow>,
    competencies: Vec<CompetencyLink>,
    body_html: String,
    tags: Vec<super::lesson::TagLink>,
    properties: super::views::PropertiesView,
    mentioned_in: Vec<Link>,
    actions: Vec<ActionLink>,
    sessions: Vec<Link>,
    /// What an empty list of sessions says: "not shared" only when a session this
    /// reader may not read discussed the objective; none where the section is left out.
    sessions_empty: Option<&'static str>,
    /// What an empty list of actions says: "not shared" only when an action this
    /// reader may not see is linked to the objective.
    actions_empty: &'static str,
    lessons: Vec<Link>,
    /// The stakeholder pulse, when a survey rated the objective.
    pulse: Option<super::survey::PulseView>,
    /// Each change to its baseline, target, due date or GAS levels made after it was
    /// first measured, in words (from the git history).
    target_changes: Vec<String>,
    /// Whether "Where it stands" has anything to say to this reader (a proposed
    /// objective, unmeasured, has not): otherwise the section is left out.
    standing: bool,
    /// Whether a measurement, or a milestone, has a note: else no column of blanks.
    measurement_notes: bool,
    milestone_notes: bool,
}

#[derive(Serialize)]
struct SmartView {
    letter: char,
    /// Whether this letter is judged in this view (`share: smart`); when not, the card
    /// shows what was agreed, with no verdict.
    judged: bool,
    pass: bool,
    /// Passed by being written (S, A, R): "stated", not "passes".
    stated: bool,
    reasons: String,
    /// What asks for more without failing the letter.
    notes: String,
}

impl Views<'_> {
    /// How a value of this objective reads: a GAS level with its meaning ("+1, more than
    /// expected") or a value in its unit.
    pub(super) fn show_value(&self, o: &Objective, v: f64) -> String {
        if o.front.gas.is_some() {
            let name = match v {
                -2.0 => Word::GasLevelMinus2,
                -1.0 => Word::GasLevelMinus1,
                0.0 => Word::GasLevel0,
                1.0 => Word::GasLevelPlus1,
                2.0 => Word::GasLevelPlus2,
                _ => return self.gas_label(v),
            };
            format!("{} ({})", self.gas_label(v), self.t(name))
        } else {
            let unit = o.front.measure.as_ref().and_then(|m| m.unit.as_deref());
            format_value(v, unit, self.lang)
        }
    }
}

impl ObjectiveView {
    /// Whether it has a latest value, a forecast and a progress to show: the columns of
    /// a table of objectives that are not all "–" (`dashboard::filled_columns`).
    pub(super) fn filled(&self) -> [bool; 3] {
        [
            self.latest_text.is_some(),
            self.forecast.is_some(),
            self.progress_text.is_some(),
        ]
    }
}

impl Views<'_> {
    /// An objective as its pages show it, with no section left that would say nothing
    /// to its reader.
    fn objective(&self, o: &Objective) -> ObjectiveView {
        let mut view = self.objective_fields(o);
        view.standing = view.chart.is_some()
            // "Not tracked" only repeats a status (proposed, paused, dropped).
            || (self.sharing.tracking
                && !view.tracking_label.is_empty()
                && view.tracking != "not-tracked")
            || [
                &view.progress_text,
                &view.trend_text,
                &view.forecast,
                &view.adherence_text,
                &view.pace_text,
            ]
            .iter()
            .any(|t| t.is_some())
            || !view.zpd.is_empty()
            || !view.findings.is_empty();
        view.measurement_notes = view
            .measurements
            .iter()
            .any(|m| m.note.is_some() || m.session.is_some());
        view.milestone_notes = view.milestones.iter().any(|m| m.note.is_some());
        view
    }

    fn objective_fields(&self, o: &Objective) -> ObjectiveView {
        let f = &o.front;
        let show = |v: f64| self.show_value(o, v);
        let status = status_key(f.status);
        let oi = self.insight.objective(&o.id);
        let progress = oi.and_then(|i| i.progress);
        let tracking = oi.map_or(Tracking::NotTracked, |i| i.tracking);
        ObjectiveView {
            coach_only: coach_only(o.visibility, f.sensitive),
            id: o.id.clone(),
            url: Kind::Objective.url(&o.id),
            title: f.title.clone(),
            status,
            status_label: self.t(status_word(f.status)),
            specific: f.specific.clone(),
            achievable: f.achievable.clone(),
            relevant: f.relevant.clone(),
            measure: f.measure.as_ref().map(|m| self.measure(o, m)),
            gas: self.gas_levels(o, oi),
            start: f.start.map(|d| self.date(d)),
            due: f.due.map(|d| self.date(d)),
            progress_pct: progress.map(|p| (p * 100.0).round() as u32),
            progress_text: progress.map(|p| format_percent(p, self.lang)),
            latest_text: oi.and_then(|i| i.latest).map(show),
            state_class: if shows_tracking(f.status, tracking) {
                format!("tracking tracking-{}", tracking_key(tracking))
            } else {
                format!("status status-{status}")
            },
            state_label: if tracking == Tracking::NoMeasurement && !f.key_results.is_empty() {
                self.t(Word::NotMeasuredYet)
            } else if shows_tracking(f.status, tracking) {
                self.words.tracking(tracking)
            } else {
                self.t(status_word(f.status))
            },
            state_from: oi
                .and_then(|i| i.tracked_by.as_deref())
                .filter(|_| shows_tracking(f.status, tracking))
                .and_then(|id| o.key_result(id))
                .map(|k| k.metric.clone()),
            key_results: self.key_results(o, oi),
            okr_score_text: oi
                .and_then(ObjectiveInsight::okr_score)
                .map(|s| self.words.okr_score(s)),
            tracking: tracking_key(tracking),
            tracking_label: if tracking != Tracking::NotShared {
                self.words.tracking(tracking)
            } else {
                ""
            },
            // With key results, "too few measurements" is each key result's to say.
            forecast: oi
                .filter(|i| i.key_results.is_empty() || i.forecast.is_some())
                .and_then(|i| self.words.forecast(i)),
            trend_text: oi.and_then(|i| self.trend_text(o, i)),
            adherence_text: oi.and_then(|i| i.adherence).map(|a| {
                format!(
                    "{} {}",
                    format_percent(a.share, self.lang),
                    self.t(Word::OfPlannedTrajectory)
                )
            }),
            pace_text: oi.and_then(|i| i.pace).map(|p| {
                self.words
                    .pace(&o.id, p.finding, p.required_per_month, p.observed_per_month)
            }),
            smart: oi.map(|i| self.smart(o, i)).unwrap_or_default(),
            zpd: oi.map(|i| self.zpd(i)).unwrap_or_default(),
            findings: oi.map(|i| self.findings(&i.findings)).unwrap_or_default(),
            chart: oi.and_then(|i| self.progress_chart(o, i, false)),
            legend: oi.map(|i| self.legend(o, i)).unwrap_or_default(),
            unit_text: if f.gas.is_some() {
                Some(self.t(Word::GasScale).to_string())
            } else {
                f.measure
                    .as_ref()
                    .and_then(|m| m.unit.clone())
                    .filter(|u| !u.trim().is_empty())
            },
            sparkline: oi.and_then(|i| self.sparkline(o, i)),
            target_text: if f.gas.is_some() {
                Some(show(insight::GAS_EXPECTED_LEVEL))
            } else {
                f.measure
                    .as_ref()
                    .and_then(|m| m.target.as_ref())
                    .map(|t| show(t.value))
            },
            measurements: self.value_rows(o),
            milestones: self.milestone_rows(o),
            competencies: self.competency_links(o),
            body_html: self.html(&o.body, &o.source.path, "../"),
            tags: self.tag_links(ItemKind::Objective, &o.id),
            properties: self.properties(&o.properties),
            mentioned_in: self.mentioned_in(ItemKind::Objective, &o.id),
            actions: self.linked_actions(o),
            sessions: self.linked_sessions(o),
            sessions_empty: self.sessions_empty(o),
            actions_empty: self.actions_empty(o),
            lessons: self.linked_lessons(o),
            pulse: super::survey::pulse_view(self, &o.id),
            target_changes: oi.map(|i| self.target_changes(o, i)).unwrap_or_default(),
            standing: false,
            measurement_notes: false,
            milestone_notes: false,
        }
    }

    /// The measurements of `o` as its table lists them.
    pub(super) fn value_rows(&self, o: &Objective) -> Vec<ValueRow> {
        o.front
            .measurements
            .iter()
            .map(|m| ValueRow {
                date: self.date(m.date),
                value: self.show_value(o, m.value.value),
                note: m.note.clone(),
                session: m.session.as_ref().and_then(|id| {
                    self.e
                        .sessions
                        .iter()
                        .find(|s| s.id == *id)
                        .map(|s| self.session_link(s))
                }),
            })
            .collect()
    }

    /// The milestones of `o` as its table lists them.
    pub(super) fn milestone_rows(&self, o: &Objective) -> Vec<MilestoneRow> {
        o.front
            .milestones
            .iter()
            .map(|m| MilestoneRow {
                date: self.date(m.date),
                target: self.show_value(o, m.target.value),
                note: m.note.clone(),
            })
            .collect()
    }

    /// The legend of the progress chart: the marks it draws for this objective.
    pub(super) fn legend(&self, o: &Objective, oi: &ObjectiveInsight) -> Vec<LegendItem> {
        let f = &o.front;
        if self.measured(o).is_empty() {
            return Vec::new();
        }
        let m = f.measure.as_ref();
        let baseline = f.gas.is_none() && m.is_some_and(|m| m.baseline.is_some());
        let target = f.gas.is_some() || m.is_some_and(|m| m.target.is_some());
        let item = |ink, mark, key| LegendItem {
            ink,
            mark,
            label: self.t(key),
        };
        let mut items = vec![item("main", "dot", Word::LegendMeasurements)];
        if baseline && target && f.due.is_some() {
            items.push(item("plan", "line", Word::LegendPlan));
        }
        // Only what the chart draws: the trend, when it has somewhere to go.
        if trend_segment(o, oi).is_some() {
            items.push(item("trend", "line", Word::LegendTrend));
            if oi.trend.is_some_and(|t| t.has_band()) {
                items.push(item("trend", "area", Word::LegendTrendBand));
            }
        }
        if !f.milestones.is_empty() {
            items.push(item("milestone", "diamond", Word::LegendMilestones));
        }
        if baseline {
            items.push(item("baseline", "line", Word::Baseline));
        }
        if target {
            items.push(item("target", "line", Word::Target));
        }
        items
    }

    fn measure(&self, o: &Objective, m: &Measure) -> MeasureView {
        MeasureView {
            metric: m.metric.clone(),
            baseline: m.baseline.as_ref().map(|b| self.show_value(o, b.value)),
            target: m.target.as_ref().map(|t| self.show_value(o, t.value)),
            direction_label: insight::direction(m).map(|d| match d {
                Direction::Up => self.t(Word::DirectionUp),
                Direction::Down => self.t(Word::DirectionDown),
            }),
        }
    }

    /// The GAS levels from +2 down to −2, the latest one marked.
    fn gas_levels(&self, o: &Objective, oi: Option<&ObjectiveInsight>) -> Vec<GasLevelView> {
        let Some(g) = &o.front.gas else {
            return Vec::new();
        };
        let current = oi.and_then(|i| i.latest);
        g.value
            .iter()
            .rev()
            .map(|(level, text)| GasLevelView {
                label: self.gas_label(*level as f64),
                text: text.clone(),
                current: current == Some(*level as f64),
            })
            .collect()
    }

    pub(super) fn trend_text(&self, o: &Objective, oi: &ObjectiveInsight) -> Option<String> {
        let t = oi.trend?;
        let unit = match o.front.gas {
            Some(_) => Some(self.t(Word::GasLevelsUnit)),
            None => o.front.measure.as_ref().and_then(|m| m.unit.as_deref()),
        };
        let change = format_rate(t.per_month, unit, self.lang);
        Some(format!("{change} {}", self.t(Word::PerMonth)))
    }

    /// SMART, letter by letter: with the verdicts where this audience is shared them,
    /// otherwise the letters that were written (what was agreed, or proposed), with no
    /// verdict.
    fn smart(&self, o: &Objective, oi: &ObjectiveInsight) -> Vec<SmartView> {
        if !self.sharing.smart {
            // With no verdict to give, the card shows what was written, letter by
            // letter: a letter with nothing written is no empty row.
            let f = &o.front;
            let written = |letter: char| match letter {
                'S' => f.specific.as_ref().is_some_and(|t| !t.trim().is_empty()),
                'M' => f.measure.is_some() || f.gas.is_some() || !f.key_results.is_empty(),
                'A' => f.achievable.as_ref().is_some_and(|t| !t.trim().is_empty()),
                'R' => f.relevant.as_ref().is_some_and(|t| !t.trim().is_empty()),
                _ => f.due.is_some(),
            };
            return "SMART"
                .chars()
                .filter(|l| written(*l))
                .map(|letter| SmartView {
                    letter,
                    judged: false,
                    pass: false,
                    stated: false,
                    reasons: String::new(),
                    notes: String::new(),
                })
                .collect();
        }
        oi.smart
            .iter()
            .map(|l| SmartView {
                letter: l.letter,
                judged: true,
                pass: l.pass,
                stated: l.pass && !l.checked,
                reasons: l
                    .reasons
                    .iter()
                    .map(|r| self.words.smart_reason(*r))
                    .collect::<Vec<_>>()
                    .join("; "),
                notes: l
                    .notes
                    .iter()
                    .map(|r| self.words.smart_reason(*r))
                    .collect::<Vec<_>>()
                    .join("; "),
            })
            .collect()
    }

    /// The zone-of-proximal-development check at planning time, in words.
    fn zpd(&self, oi: &ObjectiveInsight) -> Vec<SentenceView> {
        let max_lpm = self.e.info.zpd.max_levels_per_month.value;
        oi.stretches
            .iter()
            .map(|st| {
                let sentence = self.words.stretch(st, max_lpm);
                SentenceView {
                    message: sentence.message,
                    suggestion: sentence.suggestion,
                }
            })
            .collect()
    }

    fn competency_links(&self, o: &Objective) -> Vec<CompetencyLink> {
        o.front
            .competencies
            .iter()
            .filter_map(|c| self.e.competency(&c.value))
            .map(|c| CompetencyLink {
                name: c.name.clone(),
                url: competency_url(&c.id.value),
            })
            .collect()
    }

    fn linked_actions(&self, o: &Objective) -> Vec<ActionLink> {
        self.e
            .plan
            .actions
            .iter()
            .filter(|a| a.objective.as_ref().is_some_and(|r| r.value == o.id))
            .map(|a| self.action_short(a))
            .collect()
    }

    /// What an empty list of the actions linked to `o` says to this reader: "not shared"
    /// only when an action they may not see is linked to it.
    fn actions_empty(&self, o: &Objective) -> &'static str {
        self.t(if self.e.withheld.acted_on.contains(&o.id) {
            Word::NotSharedLinkedActions
        } else {
            Word::NoLinkedActions
        })
    }

    /// What an empty list of the sessions that discussed `o` says to this reader; none
    /// where the site has no session pages (the sponsor's), which leaves the section out.
    fn sessions_empty(&self, o: &Objective) -> Option<&'static str> {
        if !Kind::Sessions.for_audience(self.audience) {
            return None;
        }
        Some(self.t(if self.e.withheld.discussed.contains(&o.id) {
            Word::NotSharedSessions
        } else {
            Word::NoLinkedSessions
        }))
    }

    fn linked_sessions(&self, o: &Objective) -> Vec<Link> {
        self.e
            .sessions
            .iter()
            .filter(|s| s.discussed(&o.id))
            .map(|s| self.session_link(s))
            .collect()
    }

    fn linked_lessons(&self, o: &Objective) -> Vec<Link> {
        self.e
            .lessons
            .iter()
            .filter(|l| l.front.objectives.iter().any(|r| r.value == o.id))
            .map(|l| self.lesson_link(l))
            .collect()
    }

    /// The measurements an objective's charts show: those on or before the as-of date.
    /// The changes to what `o` is measured against, in words.
    fn target_changes(&self, o: &Objective, oi: &ObjectiveInsight) -> Vec<String> {
        oi.target_changes
            .iter()
            .map(|m| self.words.target_change(Some(&o.id), m))
            .collect()
    }

    fn measured(&self, o: &Objective) -> Vec<(Date, f64)> {
        o.front
            .measurements
            .iter()
            .filter(|m| m.date <= self.insight.as_of)
            .map(|m| (m.date, m.value.value))
            .collect()
    }

    /// The progress chart of `o`: wide and narrow, or the narrow drawing alone when
    /// `small` (a key result's, among small multiples).
    pub(super) fn progress_chart(
        &self,
        o: &Objective,
        oi: &ObjectiveInsight,
        small: bool,
    ) -> Option<String> {
        // Nothing to draw without a measurement: the page says so in words.
        if self.measured(o).is_empty() {
            return None;
        }
        let f = &o.front;
        let gas = f.gas.is_some();
        let (baseline, target) = if gas {
            (None, Some(insight::GAS_EXPECTED_LEVEL))
        } else {
            let m = f.measure.as_ref();
            (
                m.and_then(|m| m.baseline.as_ref()).map(|b| b.value),
                m.and_then(|m| m.target.as_ref()).map(|t| t.value),
            )
        };
        let trend = trend_segment(o, oi);
        let band = match (oi.trend, trend) {
            (Some(t), Some(((from, _), (to, _)))) => band_along(&t, from, to),
            _ => Vec::new(),
        };
        let unit = f.measure.as_ref().and_then(|m| m.unit.as_deref());
        let desc = self.words.progress_summary(oi, unit, gas);
        let title = format!("{} · {}", f.title, self.t(Word::Progress));
        let input = charts::ProgressInput {
            id: &o.id,
            measurements: self.measured(o),
            baseline,
            target,
            milestones: f
                .milestones
                .iter()
                .map(|m| (m.date, m.target.value))
                .collect(),
            start: f.start.unwrap_or(self.e.info.start),
            due: f.due,
            as_of: self.insight.as_of,
            trend,
            band,
            gas,
            lang: self.lang,
            labels: [
                self.t(Word::Baseline),
                self.t(Word::Target),
                self.t(Word::Due),
                self.t(Word::AsOf),
            ],
            title: &title,
            desc: &desc,
        };
        if small {
            charts::progress_small(&input).ok()
        } else {
            charts::progress(&input).ok()
        }
    }

    fn sparkline(&self, o: &Objective, oi: &ObjectiveInsight) -> Option<String> {
        let (baseline, target) = insight::span(o)?;
        let points: Vec<(Date, f64)> = self
            .measured(o)
            .into_iter()
            .map(|(d, v)| (d, insight::progress_between(baseline, target, v)))
            .collect();
        if points.is_empty() {
            return None;
        }
        let desc = self.words.progress_summary(
            oi,
            o.front.measure.as_ref().and_then(|m| m.unit.as_deref()),
            o.front.gas.is_some(),
        );
        charts::sparkline(
            &format!("spark-{}", o.id),
            &points,
            &format!("{} · {}", o.front.title, self.t(Word::Progress)),
            &desc,
        )
        .ok()
    }
}

/// Whether the objective has reached its target or is marked achieved: a fact, known
/// even where the reader is not shown where objectives stand.
fn reached(o: &Objective, oi: &ObjectiveInsight) -> bool {
    oi.tracking == Tracking::Achieved
        || o.front.status == ObjectiveStatus::Achieved
        || oi.progress.is_some_and(|p| p >= 1.0)
}

/// Whether an objective's state reads as where it stands (its tracking) rather than its
/// status: an active objective, where its reader is given where it stands (`figures`
/// leaves the facts, reached and overdue, to every reader, judgements only where shared).
fn shows_tracking(status: ObjectiveStatus, tracking: Tracking) -> bool {
    status == ObjectiveStatus::Active
        && !matches!(tracking, Tracking::NotTracked | Tracking::NotShared)
}

/// How a status reads.
fn status_word(status: ObjectiveStatus) -> Word {
    match status {
        ObjectiveStatus::Proposed => Word::StatusProposed,
        ObjectiveStatus::Active => Word::StatusActive,
        ObjectiveStatus::Achieved => Word::StatusAchieved,
        ObjectiveStatus::Paused => Word::StatusPaused,
        ObjectiveStatus::Dropped => Word::StatusDropped,
    }
}

fn status_key(status: ObjectiveStatus) -> &'static str {
    match status {
        ObjectiveStatus::Proposed => "proposed",
        ObjectiveStatus::Active => "active",
        ObjectiveStatus::Achieved => "achieved",
        ObjectiveStatus::Paused => "paused",
        ObjectiveStatus::Dropped => "dropped",
    }
}

/// The order of objectives in lists: what is being worked on first.
fn status_rank(status: ObjectiveStatus) -> u8 {
    match status {
        ObjectiveStatus::Active => 0,
        ObjectiveStatus::Proposed => 1,
        ObjectiveStatus::Paused => 2,
        ObjectiveStatus::Achieved => 3,
        ObjectiveStatus::Dropped => 4,
    }
}

/// One view per objective, in the order lists show them: the ones being worked on
/// first, then by due date.
pub(super) fn views(v: &Views) -> Vec<ObjectiveView> {
    ordered(&v.e.objectives)
        .par_iter()
        .map(|o| v.objective(o))
        .collect()
}

/// The objectives in the order lists show them (their pages' order in `Page::Objective`).
pub(super) fn ordered(objectives: &[Objective]) -> Vec<&Objective> {
    let mut ordered: Vec<&Objective> = objectives.iter().collect();
    ordered.sort_by_key(|o| {
        (
            status_rank(o.front.status),
            o.front.due.is_none(),
            o.front.due,
            &o.id,
        )
    });
    ordered
}

/// What search finds of each objective: what its page says of it in words.
pub(super) fn search_docs(v: &Views, views: &[ObjectiveView]) -> Vec<super::search::Doc> {
    views
        .iter()
        .map(|o| {
            let plain: Vec<&str> = [&o.specific, &o.achievable, &o.relevant]
                .into_iter()
                .filter_map(|t| t.as_deref())
                .collect();
            super::search::Doc::new(
                v,
                Word::Objective,
                (&o.url, &o.title, ""),
                &plain,
                &[&o.body_html],
            )
        })
        .collect()
}

/// `objectives/index.html`: every objective with where it stands.
pub(super) fn objectives_page(v: &Views, list: Value) -> PageJob {
    Kind::Objectives.one(v, page_value([("objectives", list)]))
}

/// `objectives/<id>.html`: one objective, its figures, chart and what it is linked to.
pub(super) fn objective_page(v: &Views, view: &ObjectiveView, value: Value) -> PageJob {
    Kind::Objective.each(v, &view.id, value)
}

/// The trend's 80 % band from `from` to `to`, at 24 evenly spaced dates (its edges are
/// curves): nothing when the line fits its points exactly.
fn band_along(t: &insight::Trend, from: Date, to: Date) -> Vec<(Date, f64, f64)> {
    const STEPS: i64 = 24;
    if !t.has_band() {
        return Vec::new();
    }
    let days = from.days_until(to);
    (0..=STEPS)
        .filter_map(|i| from.add_days(days * i / STEPS))
        .map(|d| (d, t.at(d) - t.band(d), t.at(d) + t.band(d)))
        .collect()
}

/// The trend line the progress chart draws: from the latest measurement to the forecast
/// (or the due date), when that lies after it and the target is not reached.
fn trend_segment(o: &Objective, oi: &ObjectiveInsight) -> Option<((Date, f64), (Date, f64))> {
    let (t, from) = (oi.trend?, oi.latest_date?);
    if reached(o, oi) {
        return None;
    }
    oi.forecast
        .or(o.front.due)
        .filter(|to| *to > from)
        .map(|to| ((from, t.at(from)), (to, t.at(to))))
}
