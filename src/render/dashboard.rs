//! The engagement as a whole: the dashboard and the printable report.

use crate::i18n::Word;
use serde::Serialize;
use tera::Value;

use super::assessment::{development_areas, latest_radar};
use super::objective::ObjectiveView;
use super::plan::{Summary, burn_up};
use super::registry::Kind;
use super::views::{ActionLink, FindingView, Link, Views, band_key};
use super::{PageJob, page_value, to_value};
use crate::diagnostic::Diagnostic;
use crate::insight::Severity;
use crate::model::*;

/// One of the key figures at the top of the dashboard.
#[derive(Serialize)]
struct KeyFigure {
    label: &'static str,
    value: String,
}

/// The key figures: as-of date, time left, sessions and hours, average progress and
/// commitment (where this reader is shown it).
fn key_figures(v: &Views, objectives: &[ObjectiveView], summary: &Summary) -> Vec<KeyFigure> {
    let mut figures = vec![KeyFigure {
        label: v.t(Word::AsOf),
        value: v.date(v.insight.as_of),
    }];
    if let Some(end) = &v.e.info.end {
        figures.push(KeyFigure {
            label: v.t(Word::TimeLeft),
            value: v.words.time_left(v.insight.as_of, end.value),
        });
    }
    figures.push(KeyFigure {
        label: v.t(Word::NavSessions),
        value: summary.attendance.trim_end_matches(".").to_string(),
    });
    // The next session agreed, from the latest note this reader may read, while ahead.
    if let Some(next) = crate::audience::next_session(v.e).filter(|next| *next >= v.insight.as_of) {
        figures.push(KeyFigure {
            label: v.t(Word::NextSession),
            value: v.date(next),
        });
    }
    let progress: Vec<f64> = objectives
        .iter()
        .filter(|o| matches!(o.status, "active" | "achieved"))
        .filter_map(|o| o.progress_pct.map(|p| f64::from(p) / 100.0))
        .collect();
    if !progress.is_empty() {
        let average = progress.iter().sum::<f64>() / progress.len() as f64;
        figures.push(KeyFigure {
            label: v.t(Word::Progress),
            value: v.words.average_progress(average, progress.len()),
        });
    }
    if let Some(rate) = summary.commitment_rate.filter(|_| v.sharing.commitment) {
        figures.push(KeyFigure {
            label: v.t(Word::Commitment),
            value: crate::i18n::format_percent(rate, v.lang),
        });
    }
    figures
}

/// The findings of one objective, or of the engagement, on the dashboard.
#[derive(Serialize)]
struct FlagGroup {
    title: String,
    url: Option<String>,
    /// "2 warnings, 1 note".
    counts: String,
    /// The most serious severity in the group, for its colour.
    worst: &'static str,
    findings: Vec<FindingView>,
}

/// What needs attention: the findings of each objective, then the engagement's own.
fn flag_groups(v: &Views, objectives: &[ObjectiveView]) -> Vec<FlagGroup> {
    let mut groups: Vec<FlagGroup> = objectives
        .iter()
        .filter(|o| !o.findings.is_empty())
        .map(|o| flag_group(v, o.title.clone(), Some(o.url.clone()), o.findings.clone()))
        .collect();
    let engagement_findings = v.findings(&v.insight.findings);
    if !engagement_findings.is_empty() {
        let title = v.t(Word::EngagementFindings).to_string();
        groups.push(flag_group(v, title, None, engagement_findings));
    }
    groups
}

/// One folded group: its findings by severity (errors first), and their count in words
/// for the line shown while it is folded ("2 warnings, 1 note").
fn flag_group(
    v: &Views,
    title: String,
    url: Option<String>,
    mut findings: Vec<FindingView>,
) -> FlagGroup {
    let rank = |s: &str| match s {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    };
    findings.sort_by_key(|f| rank(f.severity));
    let counts = [
        (Severity::Error, "error"),
        (Severity::Warning, "warning"),
        (Severity::Note, "note"),
    ]
    .into_iter()
    .filter_map(|(severity, key)| {
        let n = findings.iter().filter(|f| f.severity == key).count();
        (n > 0).then(|| v.words.count(severity, n))
    })
    .collect::<Vec<_>>()
    .join(", ");
    let worst = findings.first().map_or("note", |f| f.severity);
    FlagGroup {
        title,
        url,
        counts,
        worst,
        findings,
    }
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

/// Which columns of a table of objectives (`list`, the objectives' views) have anything
/// to show: a column that would read "–" on every row (no measurement yet, no forecast
/// for any objective) is left out, as an empty section is.
fn filled_columns(objectives: &[ObjectiveView]) -> Value {
    let any = |column: usize| objectives.iter().any(|o| o.filled()[column]);
    page_value([
        ("latest", Value::from(any(0))),
        ("forecast", Value::from(any(1))),
        ("progress", Value::from(any(2))),
    ])
}

/// `index.html`: objectives with where they stand, next actions, recent sessions, the
/// headline figures and (for the coach) what needs attention.
pub(super) fn dashboard_page(
    v: &Views,
    objectives: &[ObjectiveView],
    objective_list: Value,
    summary: &Summary,
) -> Result<PageJob, Diagnostic> {
    // The last five sessions held, a session whose notes are not shared among them with
    // no title and no link (`Occurrence`).
    let mut recent: Vec<(Date, Link)> =
        v.e.sessions
            .iter()
            .map(|s| (s.front.date, v.session_link(s)))
            .collect();
    recent.extend(v.e.withheld.occurrences.iter().map(|o| {
        let link = Link {
            title: v.t(Word::Session).to_string(),
            url: String::new(),
            date: v.date(o.date),
        };
        (o.date, link)
    }));
    recent.sort_by_key(|(date, _)| *date);
    let recent: Vec<Link> = recent.into_iter().rev().take(5).map(|(_, l)| l).collect();
    Ok(Kind::Dashboard.one(
        v,
        page_value([
            ("columns", filled_columns(objectives)),
            ("objectives", objective_list),
            ("next_actions", to_value(&next_actions(v))?),
            ("recent_sessions", to_value(&recent)?),
            // No list of sessions where the site has no session pages (the sponsor's):
            // the number held is among the key figures.
            (
                "lists_sessions",
                Value::from(Kind::Sessions.for_audience(v.audience)),
            ),
            (
                "key_figures",
                to_value(&key_figures(v, objectives, summary))?,
            ),
            ("commitment", to_value(&summary.commitment_text)?),
            ("commitment_band", Value::from(band_key(summary.band))),
            ("gas_t_score", to_value(&summary.gas_text)?),
            ("gas_over", to_value(&summary.gas_over)?),
            ("show_findings", Value::from(v.findings)),
            ("flags", to_value(&flag_groups(v, objectives))?),
        ]),
    ))
}

/// `report.html`: the printable report of the engagement.
pub(super) fn report_page(
    v: &Views,
    objectives: &[ObjectiveView],
    objective_list: Value,
    summary: &Summary,
) -> Result<PageJob, Diagnostic> {
    let radar = latest_radar(v, "chart-report-radar");
    Ok(Kind::Report.one(
        v,
        page_value([
            ("columns", filled_columns(objectives)),
            ("objectives", objective_list),
            ("commitment", to_value(&summary.commitment_text)?),
            ("burn_up", to_value(&burn_up(v))?),
            ("development_areas", to_value(&development_areas(v))?),
            // The development areas are left out of a report whose reader sees no
            // competency assessed: a section that would only say so.
            (
                "assessed",
                Value::from(v.insight.competencies.iter().any(|c| c.latest.is_some())),
            ),
            ("gas_t_score", to_value(&summary.gas_text)?),
            ("gas_over", to_value(&summary.gas_over)?),
            ("radar", to_value(&radar)?),
            (
                "summary_html",
                to_value(
                    &v.e.report
                        .as_ref()
                        .map(|r| v.html(&r.body, &r.source.path, "")),
                )?,
            ),
        ]),
    ))
}
