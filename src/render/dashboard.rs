//! The engagement as a whole: the dashboard and the printable report.

use serde::Serialize;
use tera::Value;

use super::assessment::{development_areas, latest_radar};
use super::objective::ObjectiveView;
use super::plan::burn_up;
use super::views::{ActionLink, FindingView, Link, Views, band_key};
use super::{Crumb, PageJob, RenderOptions, page_value, to_value};
use crate::diagnostic::Diagnostic;
use crate::i18n::format_number;
use crate::markdown;
use crate::insight::CommitmentBand;
use crate::model::*;

/// The figures the dashboard, the report and the plan share: over this audience's view,
/// or for the sponsor over the client's (`RenderOptions::aggregates`).
pub(super) struct Summary {
    /// The calibration band, a verdict: coloured in the coach's view only.
    pub(super) band: Option<CommitmentBand>,
    pub(super) commitment_text: Option<String>,
    gas_text: Option<String>,
    session_count: usize,
    attendance: Option<String>,
}

impl Summary {
    pub(super) fn new(v: &Views, options: &RenderOptions) -> Summary {
        let (commitment, gas_t_score, session_count) = match &options.aggregates {
            Some(a) => (a.commitment.clone(), a.gas_t_score, a.sessions),
            None => (
                v.insight.commitment.clone(),
                v.insight.gas_t_score,
                v.e.sessions.len(),
            ),
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
            session_count,
            attendance: options
                .aggregates
                .as_ref()
                .map(|a| v.words.attendance(a.sessions, a.minutes)),
        }
    }
}

/// The findings of one objective, or of the engagement, on the dashboard.
#[derive(Serialize)]
struct FlagGroup {
    title: String,
    url: Option<String>,
    findings: Vec<FindingView>,
}

/// What needs attention: the findings of each objective, then the engagement's own.
fn flag_groups(v: &Views, objectives: &[ObjectiveView]) -> Vec<FlagGroup> {
    let mut groups: Vec<FlagGroup> = objectives
        .iter()
        .filter(|o| !o.findings.is_empty())
        .map(|o| FlagGroup {
            title: o.title.clone(),
            url: Some(o.url.clone()),
            findings: o.findings.clone(),
        })
        .collect();
    let engagement_findings = v.findings(&v.insight.findings);
    if !engagement_findings.is_empty() {
        groups.push(FlagGroup {
            title: v.t("engagement_findings").to_string(),
            url: None,
            findings: engagement_findings,
        });
    }
    groups
}

/// The next open or blocked actions, soonest due first (undated last), five at most.
fn next_actions(v: &Views) -> Vec<ActionLink> {
    let mut next: Vec<&Action> =
        v.e.plan
            .actions
            .iter()
            .filter(|a| matches!(a.status, ActionStatus::Open | ActionStatus::Blocked))
            .collect();
    next.sort_by(|a, b| {
        (a.due.is_none(), a.due, &a.id.value).cmp(&(b.due.is_none(), b.due, &b.id.value))
    });
    next.iter().take(5).map(|a| v.action_short(a)).collect()
}

/// `index.html`: objectives with where they stand, next actions, recent sessions, the
/// headline figures and (for the coach) what needs attention.
pub(super) fn dashboard_page(
    v: &Views,
    objectives: &[ObjectiveView],
    objective_list: Value,
    summary: &Summary,
) -> Result<PageJob, Diagnostic> {
    let recent: Vec<Link> =
        v.e.sessions
            .iter()
            .rev()
            .take(5)
            .map(|s| v.session_link(s))
            .collect();
    Ok(PageJob {
        path: "index.html".into(),
        template: "dashboard.html",
        current: "dashboard",
        crumbs: vec![],
        page: page_value(&[
            ("objectives", objective_list),
            ("next_actions", to_value(&next_actions(v))?),
            ("recent_sessions", to_value(&recent)?),
            ("session_count", Value::from(summary.session_count)),
            ("attendance", to_value(&summary.attendance)?),
            ("commitment", to_value(&summary.commitment_text)?),
            ("commitment_band", Value::from(band_key(summary.band))),
            ("gas_t_score", to_value(&summary.gas_text)?),
            ("show_findings", Value::from(v.findings)),
            ("flags", to_value(&flag_groups(v, objectives))?),
        ]),
    })
}

/// `report.html`: the printable report of the engagement.
pub(super) fn report_page(
    v: &Views,
    objective_list: Value,
    summary: &Summary,
) -> Result<PageJob, Diagnostic> {
    let radar = latest_radar(v, "chart-report-radar");
    Ok(PageJob {
        path: "report.html".into(),
        template: "report.html",
        current: "dashboard",
        crumbs: vec![Crumb::dashboard(v)],
        page: page_value(&[
            ("objectives", objective_list),
            ("commitment", to_value(&summary.commitment_text)?),
            ("burn_up", to_value(&burn_up(v))?),
            ("development_areas", to_value(&development_areas(v))?),
            ("gas_t_score", to_value(&summary.gas_text)?),
            ("radar", to_value(&radar)?),
            (
                "summary_html",
                to_value(&v.e.report.as_ref().map(|r| markdown::to_html(&r.body)))?,
            ),
        ]),
    })
}
