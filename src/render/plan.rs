//! The action plan: the view of each action, the burn-up chart and the plan page.

use super::RenderOptions;
use crate::i18n::Word;
use crate::i18n::format_number;
use crate::insight;
use crate::insight::CommitmentBand;
use std::collections::BTreeMap;

use serde::Serialize;
use tera::Value;

use super::registry::Kind;
use super::views::{Link, Views, band_key, coach_only};
use super::{PageJob, page_value, to_value};
use crate::charts::{self, Chart, DataTable, Ink};
use crate::diagnostic::Diagnostic;
use crate::model::*;

#[derive(Serialize)]
struct ReviewView {
    date: String,
    status_label: &'static str,
    note: Option<String>,
}

#[derive(Serialize)]
struct ActionView {
    coach_only: bool,
    /// Open past its due date.
    overdue: bool,
    anchor: String,
    title: String,
    owner: Option<String>,
    agreed: Option<String>,
    due: Option<String>,
    done: Option<String>,
    note: Option<String>,
    objective: Option<Link>,
    reviews: Vec<ReviewView>,
    sessions: Vec<Link>,
    /// The session whose notes hold it as a task, when this reader sees that session.
    written_in: Option<Link>,
}

#[derive(Serialize)]
struct ActionGroup {
    status: &'static str,
    label: &'static str,
    actions: Vec<ActionView>,
}

impl Views<'_> {
    fn action(&self, a: &Action) -> ActionView {
        ActionView {
            coach_only: coach_only(a.resolved_visibility, a.sensitive),
            overdue: self.overdue(a),
            anchor: format!("action-{}", a.id.value),
            title: a.title.clone(),
            owner: a.owner.clone(),
            agreed: a.agreed.map(|d| self.date(d)),
            due: a.due.map(|d| self.date(d)),
            done: a.done.as_ref().map(|d| self.date(d.value)),
            note: a.note.clone(),
            objective: a
                .objective
                .as_ref()
                .and_then(|o| self.objective_link(&o.value)),
            reviews: a
                .reviews
                .iter()
                .map(|r| ReviewView {
                    date: self.date(r.date),
                    status_label: self.action_status(r.status).1,
                    note: r.note.clone(),
                })
                .collect(),
            sessions: self
                .e
                .sessions
                .iter()
                .filter(|s| s.front.actions.iter().any(|r| r.value == a.id.value))
                .map(|s| self.session_link(s))
                .collect(),
            written_in: a
                .from
                .as_ref()
                .and_then(|from| from.session.as_deref())
                .and_then(|id| self.e.sessions.iter().find(|s| s.id == id))
                .map(|s| self.session_link(s)),
        }
    }
}

/// The figures the dashboard, the report and the plan share: over this audience's view,
/// or for the sponsor over the client's (`RenderOptions::aggregates`).
pub(super) struct Summary {
    /// The calibration band, a verdict: coloured in the coach's view only.
    pub(super) band: Option<CommitmentBand>,
    pub(super) commitment_text: Option<String>,
    pub(super) gas_text: Option<String>,
    /// The objectives the GAS T-score rates, which the page names beside it.
    pub(super) gas_over: Vec<Link>,
    /// Sessions held by the as-of date and hours, in words.
    pub(super) attendance: String,
    pub(super) commitment_rate: Option<f64>,
}

impl Summary {
    pub(super) fn new(v: &Views, options: &RenderOptions) -> Summary {
        // The commitment and the GAS T-score are the reader's figures (`figures`: the
        // client's, for the sponsor); sessions and hours, the client's for the sponsor.
        let (commitment, gas_t_score) = (v.insight.commitment.clone(), v.insight.gas_t_score);
        let (sessions, minutes) = match &options.aggregates {
            Some(a) => (a.sessions, a.minutes),
            None => insight::held_sessions(v.e, v.insight.as_of),
        };
        Summary {
            band: commitment.band.filter(|_| v.findings),
            commitment_text: v
                .words
                .commitment(&commitment, v.findings)
                .filter(|_| v.sharing.commitment),
            gas_text: gas_t_score
                .filter(|_| v.sharing.gas)
                .map(|t| format_number(t, v.lang)),
            gas_over: if v.sharing.gas {
                v.insight
                    .gas_objectives
                    .iter()
                    .filter_map(|id| v.objective_link(id))
                    .collect()
            } else {
                Vec::new()
            },
            // Against the contract where there is one: facts every reader sees.
            attendance: match insight::contract_use(v.e, (sessions, minutes))
                .filter(|_| v.sharing.contract)
            {
                Some(used) => v.words.contract_attendance(&used),
                None => v.words.attendance(sessions, minutes),
            },
            commitment_rate: commitment.rate,
        }
    }
}

/// The burn-up of the plan: actions agreed, due and done over time, with the healthy
/// commitment band (70–85 % of the actions due).
pub(super) fn burn_up(v: &Views) -> Option<Chart> {
    let actions = &v.e.plan.actions;
    let as_of = v.insight.as_of;
    let mut dates: Vec<Date> = actions
        .iter()
        .flat_map(|a| [a.agreed, a.due, a.done.as_ref().map(|d| d.value)])
        .flatten()
        .filter(|d| *d <= as_of)
        .collect();
    dates.sort();
    dates.dedup();
    if dates.len() < 2 {
        return None;
    }
    let counts: Vec<(Date, usize, usize, usize)> = dates
        .iter()
        .map(|d| {
            let agreed = actions
                .iter()
                .filter(|a| a.agreed.is_some_and(|x| x <= *d))
                .count();
            let due = actions
                .iter()
                .filter(|a| a.status != ActionStatus::Dropped && a.due.is_some_and(|x| x <= *d))
                .count();
            let done = actions
                .iter()
                .filter(|a| a.done.as_ref().is_some_and(|x| x.value <= *d))
                .count();
            (*d, agreed, due, done)
        })
        .collect();
    let series = |name, ink, pick: fn(&(Date, usize, usize, usize)) -> usize| charts::TimeSeries {
        name,
        points: counts.iter().map(|c| (c.0, pick(c) as f64)).collect(),
        ink,
        steps: true,
    };
    let top = counts
        .iter()
        .map(|c| c.1.max(c.2).max(c.3))
        .max()
        .unwrap_or(1) as f64;
    let (agreed_total, done_total) = counts.last().map_or((0, 0), |c| (c.1, c.3));
    let desc = v
        .words
        .burn_up_summary(agreed_total, done_total, &v.insight.commitment);
    let input = charts::LinesInput {
        id: "chart-burn-up",
        series: vec![
            series(v.t(Word::Agreed), Ink::Series(2), |c| c.1),
            series(v.t(Word::Due), Ink::Plan, |c| c.2),
            series(v.t(Word::DoneOn), Ink::Main, |c| c.3),
        ],
        y: (0.0, top * 1.08 + 0.5),
        band: Some((
            counts
                .iter()
                .map(|c| (c.0, c.2 as f64 * 0.7, c.2 as f64 * 0.85))
                .collect(),
            v.t(Word::HealthyBand),
        )),
        reference: None,
        lang: v.lang,
        size: (640, 260),
        title: v.t(Word::NavPlan),
        desc: &desc,
    };
    let svg = charts::lines(&input).ok()?;
    Some(Chart {
        svg,
        table: DataTable {
            headers: vec![
                v.t(Word::Date).into(),
                v.t(Word::Agreed).into(),
                v.t(Word::Due).into(),
                v.t(Word::DoneOn).into(),
            ],
            rows: counts
                .iter()
                .map(|c| {
                    vec![
                        v.date(c.0),
                        c.1.to_string(),
                        c.2.to_string(),
                        c.3.to_string(),
                    ]
                })
                .collect(),
        },
    })
}

/// The actions grouped by status (open, blocked, done, dropped): done ones most recent
/// first, the others soonest due first.
fn action_groups(v: &Views) -> Vec<ActionGroup> {
    let mut groups = Vec::new();
    for status in [
        ActionStatus::Open,
        ActionStatus::Blocked,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ] {
        let mut actions: Vec<&Action> =
            v.e.plan
                .actions
                .iter()
                .filter(|a| a.status == status)
                .collect();
        if actions.is_empty() {
            continue;
        }
        if status == ActionStatus::Done {
            actions.sort_by(|a, b| {
                (b.done.as_ref().map(|d| d.value), &a.id.value)
                    .cmp(&(a.done.as_ref().map(|d| d.value), &b.id.value))
            });
        } else {
            actions.sort_by(|a, b| {
                (a.due.is_none(), a.due, &a.id.value).cmp(&(b.due.is_none(), b.due, &b.id.value))
            });
        }
        let (key, label) = v.action_status(status);
        groups.push(ActionGroup {
            status: key,
            label,
            actions: actions.iter().map(|a| v.action(a)).collect(),
        });
    }
    groups
}

/// `plan/index.html`: the actions by status, the plan's revisions, commitment and the
/// burn-up.
pub(super) fn plan_page(v: &Views, summary: &Summary) -> Result<PageJob, Diagnostic> {
    let mut revisions: Vec<&Revision> = v.e.plan.revisions.iter().collect();
    revisions.sort_by_key(|r| r.date);
    let revisions: Vec<BTreeMap<&str, String>> = revisions
        .iter()
        .map(|r| BTreeMap::from([("date", v.date(r.date)), ("summary", r.summary.clone())]))
        .collect();
    Ok(Kind::Plan.one(
        v,
        page_value([
            ("groups", to_value(&action_groups(v))?),
            ("revisions", to_value(&revisions)?),
            ("commitment", to_value(&summary.commitment_text)?),
            ("commitment_band", Value::from(band_key(summary.band))),
            ("burn_up", to_value(&burn_up(v))?),
        ]),
    ))
}
