//! Assessments: competency levels against their targets, the development areas, the
//! radar, the history of each competency, the team's heat map, and the pages.

use crate::audience::Audience;
use crate::i18n::Word;
use serde::Serialize;
use tera::Value;

use super::registry::Kind;
use super::registry::competency_url;
use super::views::Views;
use super::{PageJob, page_value, to_value};
use crate::charts::{self, Chart, DataTable, Ink};
use crate::diagnostic::Diagnostic;
use crate::i18n::format_number;
use crate::insight;
use crate::model::*;

#[derive(Serialize)]
struct AssessmentLink {
    title: String,
    date: String,
    url: String,
}

#[derive(Serialize)]
struct CompetencyRow {
    anchor: String,
    name: String,
    levels: Vec<Option<String>>,
    latest: Option<String>,
    latest_label: Option<String>,
    target: i64,
    target_label: Option<String>,
    gap_text: Option<String>,
    /// The change since the first assessment, and whether it is beyond the ratings'
    /// noise.
    change_text: Option<String>,
    change_reliable: bool,
}

#[derive(Serialize)]
struct MembersTable {
    title: String,
    date: String,
    competencies: Vec<String>,
    rows: Vec<MemberRow>,
    /// Per competency, how far the raters agree ("agree · 3–4"), and whether that is
    /// enough (`None`: too few raters to say).
    agreement: Vec<Option<AgreementCell>>,
    agreement_summary: Option<String>,
    /// How agreement is worked out, for the disclosure under the table.
    agreement_method: String,
}

#[derive(Serialize)]
struct AgreementCell {
    text: String,
    agree: Option<bool>,
}

#[derive(Serialize)]
struct MemberRow {
    name: String,
    levels: Vec<Option<i64>>,
}

#[derive(Serialize)]
struct AssessmentRating {
    name: String,
    url: String,
    level: Option<i64>,
    label: Option<String>,
    target: i64,
    gap_text: Option<String>,
}

fn members_table(v: &Views, a: &Assessment) -> Option<MembersTable> {
    if a.front.members.is_empty() {
        return None;
    }
    let e = v.e;
    let competencies: Vec<&Competency> = e
        .info
        .competencies
        .iter()
        .filter(|c| {
            a.front
                .members
                .values()
                .any(|r| r.keys().any(|k| k.value == c.id.value))
        })
        .collect();
    let rating = |member: &str, competency: &str| {
        a.front
            .members
            .iter()
            .find(|(m, _)| m.value == member)
            .and_then(|(_, r)| r.iter().find(|(c, _)| c.value == competency))
            .map(|(_, level)| level.value)
    };
    let rows = e
        .info
        .members
        .iter()
        .filter(|m| a.front.members.keys().any(|k| k.value == m.id.value))
        .map(|m| MemberRow {
            name: m.name.clone(),
            levels: competencies
                .iter()
                .map(|c| rating(&m.id.value, &c.id.value))
                .collect(),
        })
        .collect();
    let ids: Vec<&str> = competencies.iter().map(|c| c.id.value.as_str()).collect();
    let agreements = insight::agreement(a, &ids, e.info.scale.points());
    Some(MembersTable {
        title: a.front.title.clone(),
        date: v.date(a.front.date),
        competencies: competencies.iter().map(|c| c.name.clone()).collect(),
        rows,
        agreement: ids
            .iter()
            .map(|id| {
                agreements
                    .iter()
                    .find(|g| g.competency == *id)
                    .map(|g| AgreementCell {
                        text: v.words.agreement_cell(g, v.audience == Audience::Coach),
                        agree: g.agree,
                    })
            })
            .collect(),
        agreement_summary: v.words.agreement_summary(&agreements),
        agreement_method: v.words.agreement_method(),
    })
}

fn level_of(a: &Assessment, competency: &str) -> Option<i64> {
    a.front
        .ratings
        .iter()
        .find(|(c, _)| c.value == competency)
        .map(|(_, l)| l.value)
}

#[derive(Serialize)]
pub(super) struct Area {
    name: String,
    url: String,
    latest: i64,
    target: i64,
    gap: i64,
    stable: bool,
    stable_text: &'static str,
}

/// The development areas: competencies with a gap above 0, largest first.
pub(super) fn development_areas(v: &Views) -> Vec<Area> {
    v.insight
        .competencies
        .iter()
        .filter_map(|c| {
            let (latest, gap) = (c.latest?, c.gap?);
            (gap > 0).then(|| Area {
                name: c.name.clone(),
                url: competency_url(&c.id),
                latest,
                target: c.target,
                gap,
                stable: c.stable,
                stable_text: v.t(if c.stable {
                    Word::Stable
                } else {
                    Word::NotStable
                }),
            })
        })
        .collect()
}

/// The radar of competency levels: `compared` (an assessment, or the latest levels)
/// against the first assessment and the targets. `None` with fewer than three
/// competencies (a radar needs three axes) or no assessment.
fn radar_chart(
    v: &Views,
    id: &str,
    compared_name: &str,
    compared: &dyn Fn(&str) -> Option<i64>,
) -> Option<Chart> {
    let e = v.e;
    let comps = &e.info.competencies;
    let first = e.assessments.first()?;
    if comps.len() < 3 {
        return None;
    }
    let scale = &e.info.scale;
    let (min, max) = (scale.min.value as f64, scale.max.value as f64);
    let level = |l: Option<i64>| l.map_or(min, |l| l as f64);
    let baseline_name = first.front.title.clone();
    let series = [
        charts::RadarSeries {
            name: &baseline_name,
            levels: comps
                .iter()
                .map(|c| level(level_of(first, &c.id.value)))
                .collect(),
            ink: Ink::Series(2),
        },
        charts::RadarSeries {
            name: compared_name,
            levels: comps.iter().map(|c| level(compared(&c.id.value))).collect(),
            ink: Ink::Series(1),
        },
        charts::RadarSeries {
            name: v.t(Word::Target),
            levels: comps.iter().map(|c| c.target.value as f64).collect(),
            ink: Ink::Target,
        },
    ];
    let axes: Vec<String> = comps.iter().map(|c| c.name.clone()).collect();
    let title = format!("{} · {}", v.t(Word::NavAssessments), compared_name);
    let svg = charts::radar(
        id,
        &axes,
        min,
        max,
        &series,
        &title,
        &v.words.radar_summary(&v.insight.competencies),
    )
    .ok()?;
    let show = |l: Option<i64>| l.map_or_else(|| "–".to_string(), |l| l.to_string());
    Some(Chart {
        svg,
        table: DataTable {
            headers: vec![
                v.t(Word::Competency).into(),
                baseline_name.clone(),
                compared_name.to_string(),
                v.t(Word::Target).into(),
            ],
            rows: comps
                .iter()
                .map(|c| {
                    vec![
                        c.name.clone(),
                        show(level_of(first, &c.id.value)),
                        show(compared(&c.id.value)),
                        c.target.value.to_string(),
                    ]
                })
                .collect(),
        },
    })
}

/// How a level reads: the scale's label for it, if it has one.
fn level_label(v: &Views, level: i64) -> Option<String> {
    v.e.info.scale.label(level).map(str::to_string)
}

/// The gap from a level to its target, as text.
fn gap_text(v: &Views, target: i64, level: Option<i64>) -> Option<String> {
    level.map(|l| format_number((target - l) as f64, v.lang))
}

/// The competency table: each competency's level in every assessment, the latest, the
/// target and the gap.
fn competency_rows(v: &Views) -> Vec<CompetencyRow> {
    let e = v.e;
    let change = |id: &str| {
        v.insight
            .competencies
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.change)
    };
    e.info
        .competencies
        .iter()
        .map(|c| {
            let id = &c.id.value;
            let latest = e.assessments.iter().rev().find_map(|a| level_of(a, id));
            CompetencyRow {
                anchor: format!("competency-{id}"),
                name: c.name.clone(),
                levels: e
                    .assessments
                    .iter()
                    .map(|a| level_of(a, id).map(|l| l.to_string()))
                    .collect(),
                latest: latest.map(|l| l.to_string()),
                latest_label: latest.and_then(|l| level_label(v, l)),
                target: c.target.value,
                target_label: level_label(v, c.target.value),
                gap_text: gap_text(v, c.target.value, latest),
                change_text: change(id).map(|c| v.words.level_change(&c)),
                change_reliable: change(id).is_some_and(|c| c.reliable && c.change != 0),
            }
        })
        .collect()
}

/// One small chart per assessed competency: its level over time against its target.
fn histories(v: &Views) -> Vec<Chart> {
    let e = v.e;
    let scale = &e.info.scale;
    let (lo, hi) = (scale.min.value as f64 - 0.3, scale.max.value as f64 + 0.3);
    e.info
        .competencies
        .iter()
        .filter_map(|c| {
            let levels: Vec<(Date, i64)> = insight::levels_by_date(e, &c.id.value)
                .into_iter()
                .collect();
            if levels.is_empty() {
                return None;
            }
            let desc = v.words.history_summary(
                &c.name,
                &levels.iter().map(|l| l.1).collect::<Vec<_>>(),
                c.target.value,
            );
            let input = charts::LinesInput {
                id: &format!("chart-history-{}", c.id.value),
                series: vec![charts::TimeSeries {
                    name: &c.name,
                    points: levels.iter().map(|(d, l)| (*d, *l as f64)).collect(),
                    ink: Ink::Main,
                    steps: false,
                }],
                y: (lo, hi),
                band: None,
                reference: Some((c.target.value as f64, v.t(Word::Target))),
                lang: v.lang,
                size: (320, 160),
                title: &c.name,
                desc: &desc,
            };
            charts::lines(&input).ok().map(|svg| Chart {
                svg,
                table: DataTable::default(),
            })
        })
        .collect()
}

/// The heat map of the latest assessment with members' own ratings (team engagements).
fn heat_map(v: &Views) -> Option<Chart> {
    let scale = &v.e.info.scale;
    let a =
        v.e.assessments
            .iter()
            .rev()
            .find(|a| !a.front.members.is_empty())?;
    let table = members_table(v, a)?;
    let rows: Vec<String> = table.rows.iter().map(|r| r.name.clone()).collect();
    let cells: Vec<Vec<Option<i64>>> = table.rows.iter().map(|r| r.levels.clone()).collect();
    let title = format!("{} · {}", v.t(Word::Members), a.front.title);
    let grid = charts::Grid {
        rows: &rows,
        columns: &table.competencies,
        cells: &cells,
        min: scale.min.value,
        max: scale.max.value,
    };
    charts::heat_map(
        "chart-members",
        &grid,
        &title,
        &v.words.heat_map_summary(a.front.date),
    )
    .ok()
    .map(|svg| Chart {
        svg,
        table: DataTable::default(),
    })
}

/// The scale in words: "1 Novice · 2 Advanced beginner · …".
fn scale_text(v: &Views) -> String {
    let scale = &v.e.info.scale;
    let levels: Vec<String> = scale
        .levels()
        .map(|l| match scale.label(l) {
            Some(name) => format!("{l} {name}"),
            None => l.to_string(),
        })
        .collect();
    levels.join(" · ")
}

/// The radar of the latest level of each competency, against the first assessment and
/// the targets.
pub(super) fn latest_radar(v: &Views, id: &str) -> Option<Chart> {
    let latest_level = |id: &str| {
        v.insight
            .competencies
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.latest)
    };
    radar_chart(v, id, v.t(Word::Latest), &latest_level)
}

/// `assessments/index.html`: every competency over time, the development areas, the
/// radar, the histories and the team's heat map.
pub(super) fn assessments_page(v: &Views) -> Result<PageJob, Diagnostic> {
    let e = v.e;
    let links: Vec<AssessmentLink> = e
        .assessments
        .iter()
        .map(|a| AssessmentLink {
            title: a.front.title.clone(),
            date: v.date(a.front.date),
            url: Kind::Assessment.url(&a.id),
        })
        .collect();
    let members = e.assessments.iter().rev().find_map(|a| members_table(v, a));
    let radar = latest_radar(v, "chart-radar");
    Ok(Kind::Assessments.one(
        v,
        page_value([
            ("assessments", to_value(&links)?),
            ("surveys", to_value(&super::survey::survey_links(v))?),
            ("competencies", to_value(&competency_rows(v))?),
            ("members", to_value(&members)?),
            ("scale_text", Value::from(scale_text(v))),
            (
                "reliable_change_text",
                Value::from(v.words.reliable_change_note()),
            ),
            (
                "reliable_change_method",
                Value::from(v.words.reliable_change_method()),
            ),
            ("development_areas", to_value(&development_areas(v))?),
            ("radar", to_value(&radar)?),
            ("histories", to_value(&histories(v))?),
            ("heat_map", to_value(&heat_map(v))?),
        ]),
    ))
}

/// `assessments/<id>.html`: one assessment's ratings, members and observations.
pub(super) fn assessment_page(v: &Views, a: &Assessment) -> Result<PageJob, Diagnostic> {
    let ratings: Vec<AssessmentRating> =
        v.e.info
            .competencies
            .iter()
            .map(|c| {
                let level = level_of(a, &c.id.value);
                AssessmentRating {
                    name: c.name.clone(),
                    url: competency_url(&c.id.value),
                    level,
                    label: level.and_then(|l| level_label(v, l)),
                    target: c.target.value,
                    gap_text: gap_text(v, c.target.value, level),
                }
            })
            .collect();
    let radar = radar_chart(v, "chart-radar", &a.front.title, &|id: &str| {
        level_of(a, id)
    });
    Ok(Kind::Assessment.each(
        v,
        &a.id,
        page_value([
            ("title", Value::from(a.front.title.clone())),
            ("date", Value::from(v.date(a.front.date))),
            ("ratings", to_value(&ratings)?),
            ("members", to_value(&members_table(v, a))?),
            ("radar", to_value(&radar)?),
            (
                "observations_html",
                to_value(
                    &a.front
                        .observations
                        .as_deref()
                        .map(|o| v.html(o, &a.source.path, "../")),
                )?,
            ),
            (
                "mentioned_in",
                to_value(&v.mentioned_in(ItemKind::Assessment, &a.id))?,
            ),
        ]),
    ))
}
