//! `coachsite export`: the data held about the client, for a spreadsheet or another
//! tool, and for the client's right of access.
//!
//! JSON carries the engagement as the audience may see it (the same filter as the
//! site) and every computed figure; CSV gives the measurements (of objectives and of
//! their key results), the ratings and the actions as three flat tables. Findings, the coach's working notes, are exported
//! only for the coach.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::Audience;
use crate::check::Report;
use crate::model::{Date, Engagement, Measurement, Objective};

/// The version of the JSON export; raised on any incompatible change.
pub const EXPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Export<'a> {
    version: u32,
    as_of: Date,
    audience: &'static str,
    engagement: &'a Engagement,
    /// The sessions held whose notes this audience may not read: day, minutes, how
    /// many attended and which members (one rule for sessions, `Withheld::occurrences`).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    sessions_not_shared: &'a [crate::model::Occurrence],
    figures: Report,
}

/// The export as pretty JSON. `report` is the `check` report of the same engagement.
pub fn to_json(e: &Engagement, mut report: Report, audience: Audience) -> Result<String, String> {
    if !audience.sees_findings() {
        report.findings.clear();
        for o in &mut report.objectives {
            o.findings.clear();
        }
        report.summary = Default::default();
    }
    let export = Export {
        version: EXPORT_VERSION,
        as_of: report.as_of,
        audience: audience.name(),
        engagement: e,
        sessions_not_shared: &e.withheld.occurrences,
        figures: report,
    };
    serde_json::to_string_pretty(&export).map_err(|err| format!("cannot write the export: {err}"))
}

/// Writes measurements.csv, ratings.csv and actions.csv into `dir`.
pub fn to_csv(e: &Engagement, dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir)
        .map_err(|err| format!("cannot create {}: {err}", dir.display()))?;
    let tables = [
        (
            "measurements.csv",
            &[
                "objective",
                "key_result",
                "title",
                "metric",
                "date",
                "value",
                "unit",
                "note",
            ][..],
            measurement_rows(e),
        ),
        (
            "ratings.csv",
            &["assessment", "date", "member", "competency", "level"][..],
            rating_rows(e),
        ),
        (
            "actions.csv",
            &[
                "id",
                "title",
                "objective",
                "owner",
                "agreed",
                "due",
                "status",
                "done",
            ][..],
            action_rows(e),
        ),
    ];
    let mut written = Vec::new();
    for (name, headers, rows) in tables {
        let path = dir.join(name);
        write_csv(&path, headers, rows)?;
        written.push(path);
    }
    Ok(written)
}

/// The columns of the ICF client coaching log, in the order of ICF's own template.
pub const ICF_LOG_COLUMNS: [&str; 8] = [
    "Client name",
    "Contact information",
    "Individual/Group",
    "Number in group",
    "Start date",
    "End date",
    "Paid hours",
    "Pro bono hours",
];

/// The ICF client coaching log as CSV: one line per engagement, by client then start.
pub fn icf_log_csv(lines: &[crate::insight::LogLine]) -> Result<String, String> {
    let mut sorted: Vec<&crate::insight::LogLine> = lines.iter().collect();
    sorted.sort_by(|a, b| (&a.client, a.start).cmp(&(&b.client, b.start)));
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |err: &dyn std::fmt::Display| format!("cannot write the log: {err}");
    w.write_record(ICF_LOG_COLUMNS).map_err(|e| fail(&e))?;
    for l in sorted {
        w.write_record([
            l.client.clone(),
            l.contact.clone().unwrap_or_default(),
            if l.group { "Group" } else { "Individual" }.to_string(),
            if l.group_size > 0 {
                l.group_size.to_string()
            } else {
                String::new()
            },
            l.start.to_string(),
            l.end.map(|d| d.to_string()).unwrap_or_default(),
            format!("{:.2}", l.paid_hours),
            format!("{:.2}", l.pro_bono_hours),
        ])
        .map_err(|e| fail(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| fail(&e))?;
    String::from_utf8(bytes).map_err(|e| fail(&e))
}

/// One CSV file: a header row, then the rows.
fn write_csv(path: &Path, headers: &[&str], rows: Vec<Vec<String>>) -> Result<(), String> {
    let fail = |err: &dyn std::fmt::Display| format!("cannot write {}: {err}", path.display());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(headers).map_err(|e| fail(&e))?;
    for row in rows {
        w.write_record(&row).map_err(|e| fail(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| fail(&e))?;
    crate::site::write_file(path, &bytes).map_err(|e| fail(&e))
}

/// Every measurement of every objective: its own (`measure` or `gas`), then each of its
/// key results', with the key result's id in `key_result` (empty for the objective's own).
fn measurement_rows(e: &Engagement) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for o in &e.objectives {
        let f = &o.front;
        let (metric, unit) = f
            .measure
            .as_ref()
            .map(|m| (m.metric.as_str(), m.unit.as_deref()))
            .unwrap_or_default();
        rows.extend(
            f.measurements
                .iter()
                .map(|m| measurement_row(o, "", metric, unit, m)),
        );
        for kr in &f.key_results {
            rows.extend(
                kr.measurements
                    .iter()
                    .map(|m| measurement_row(o, &kr.id.value, &kr.metric, kr.unit.as_deref(), m)),
            );
        }
    }
    rows
}

/// One row of measurements.csv.
fn measurement_row(
    o: &Objective,
    key_result: &str,
    metric: &str,
    unit: Option<&str>,
    m: &Measurement,
) -> Vec<String> {
    vec![
        o.id.clone(),
        key_result.to_string(),
        o.front.title.clone(),
        metric.to_string(),
        m.date.to_string(),
        m.value.value.to_string(),
        unit.unwrap_or_default().to_string(),
        m.note.clone().unwrap_or_default(),
    ]
}

/// Every rating of every assessment: the overall ones (no member), then each member's.
fn rating_rows(e: &Engagement) -> Vec<Vec<String>> {
    let mut ratings = Vec::new();
    for a in &e.assessments {
        for (competency, level) in &a.front.ratings {
            ratings.push(vec![
                a.id.clone(),
                a.front.date.to_string(),
                String::new(),
                competency.value.clone(),
                level.value.to_string(),
            ]);
        }
        for (member, levels) in &a.front.members {
            for (competency, level) in levels {
                ratings.push(vec![
                    a.id.clone(),
                    a.front.date.to_string(),
                    member.value.clone(),
                    competency.value.clone(),
                    level.value.to_string(),
                ]);
            }
        }
    }
    ratings
}

/// Every action of the plan.
fn action_rows(e: &Engagement) -> Vec<Vec<String>> {
    let opt = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    e.plan
        .actions
        .iter()
        .map(|a| {
            vec![
                a.id.value.clone(),
                a.title.clone(),
                a.objective
                    .as_ref()
                    .map(|o| o.value.clone())
                    .unwrap_or_default(),
                a.owner.clone().unwrap_or_default(),
                opt(a.agreed),
                opt(a.due),
                serde_json::to_value(a.status)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                opt(a.done.as_ref().map(|d| d.value)),
            ]
        })
        .collect()
}
