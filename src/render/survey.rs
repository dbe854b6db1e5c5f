//! Stakeholder pulses: the pulse of an objective on its page (a chart of the net score
//! and a row per survey), one page per survey, and the list of surveys on the
//! assessments page. Every figure comes from the counts `audience` left for this reader;
//! the answers themselves exist only in the coach's view.

use crate::i18n::Word;
use serde::Serialize;
use tera::Value;

use super::registry::Kind;
use super::session::display_name;
use super::views::{Link, Views};
use super::{PageJob, page_value, to_value};
use crate::charts::{self, Chart, DataTable, Ink};
use crate::diagnostic::Diagnostic;
use crate::insight::{PulsePoint, PulseScore};
use crate::model::Survey;

/// An objective's stakeholder pulse, for its page.
#[derive(Serialize)]
pub(super) struct PulseView {
    chart: Option<Chart>,
    rows: Vec<PulseRow>,
    note: String,
}

/// One survey's figures for one objective: overall, then each group shown.
#[derive(Serialize)]
struct PulseRow {
    survey: Link,
    /// `None` when every answer was left out.
    overall: Option<ScoreView>,
    groups: Vec<ScoreView>,
    left_out: Option<String>,
}

#[derive(Serialize)]
struct ScoreView {
    name: String,
    raters: u32,
    net: String,
    counts: String,
}

impl Views<'_> {
    fn score(&self, name: String, s: &PulseScore) -> ScoreView {
        ScoreView {
            name,
            raters: s.raters,
            net: self.words.net_score(s.net),
            counts: self.words.pulse_counts(s),
        }
    }

    fn group_name(&self, group: Option<&str>) -> String {
        group.map_or_else(|| self.words.pooled_groups(), display_name)
    }

    fn pulse_row(&self, p: &PulsePoint) -> Option<PulseRow> {
        let s = self.e.surveys.iter().find(|s| s.id == p.survey)?;
        Some(PulseRow {
            survey: Link {
                title: s.front.title.clone(),
                url: Kind::Survey.url(&s.id),
                date: self.date(s.front.date),
            },
            overall: p
                .overall
                .as_ref()
                .map(|s| self.score(self.t(Word::AllRaters).to_string(), s)),
            groups: p
                .groups
                .iter()
                .map(|(g, score)| self.score(self.group_name(g.as_deref()), score))
                .collect(),
            left_out: (p.left_out > 0).then(|| self.words.pulse_left_out(p.left_out)),
        })
    }
}

/// The stakeholder pulse of objective `id`, when a survey this reader sees rated it.
pub(super) fn pulse_view(v: &Views, id: &str) -> Option<PulseView> {
    let pulse = v.insight.pulse.iter().find(|p| p.objective == id)?;
    let rows: Vec<PulseRow> = pulse.points.iter().filter_map(|p| v.pulse_row(p)).collect();
    let scored = pulse.points.iter().filter(|p| p.overall.is_some()).count();
    let chart = (scored >= 2)
        .then(|| pulse_chart(v, id, &pulse.points))
        .flatten();
    Some(PulseView {
        chart,
        rows,
        note: v.words.pulse_note(),
    })
}

/// The net score over time, −100 to +100, with "no change" at 0.
fn pulse_chart(v: &Views, id: &str, points: &[PulsePoint]) -> Option<Chart> {
    let desc = v.words.pulse_summary(points);
    let title = v.t(Word::StakeholderPulse);
    let input = charts::LinesInput {
        id: &format!("chart-pulse-{id}"),
        series: vec![charts::TimeSeries {
            name: v.t(Word::NetScore),
            points: points
                .iter()
                .filter_map(|p| Some((p.date, (p.overall.as_ref()?.net * 100.0).round())))
                .collect(),
            ink: Ink::Main,
            steps: false,
        }],
        y: (-100.0, 100.0),
        band: None,
        reference: Some((0.0, v.t(Word::NoChange))),
        lang: v.lang,
        size: (640, 220),
        title,
        desc: &desc,
    };
    let svg = charts::lines(&input).ok()?;
    Some(Chart {
        svg,
        table: DataTable {
            headers: vec![
                v.t(Word::Date).into(),
                v.t(Word::NetScore).into(),
                v.t(Word::Raters).into(),
            ],
            rows: points
                .iter()
                .filter_map(|p| {
                    let s = p.overall.as_ref()?;
                    Some(vec![
                        v.date(p.date),
                        v.words.net_score(s.net),
                        s.raters.to_string(),
                    ])
                })
                .collect(),
        },
    })
}

/// The surveys this reader sees, for the assessments page.
pub(super) fn survey_links(v: &Views) -> Vec<Link> {
    v.e.surveys
        .iter()
        .map(|s| Link {
            title: s.front.title.clone(),
            url: Kind::Survey.url(&s.id),
            date: v.date(s.front.date),
        })
        .collect()
}

/// One objective's counts in a survey page.
#[derive(Serialize)]
struct ObjectiveCounts {
    title: String,
    url: String,
    row: PulseRow,
}

/// An answer, in the coach's view only (there are none in any other).
#[derive(Serialize)]
struct AnswerRow {
    rater: Option<String>,
    group: String,
    ratings: Vec<Option<String>>,
    comment: Option<String>,
}

/// `surveys/<id>.html`: each objective's counts by rater group; for the coach, the
/// answers one by one.
pub(super) fn survey_page(v: &Views, s: &Survey) -> Result<PageJob, Diagnostic> {
    let objectives: Vec<ObjectiveCounts> = v
        .insight
        .pulse
        .iter()
        .filter_map(|p| {
            let point = p.points.iter().find(|pt| pt.survey == s.id)?;
            let o = v.e.objective(&p.objective)?;
            Some(ObjectiveCounts {
                title: o.front.title.clone(),
                url: Kind::Objective.url(&o.id),
                row: v.pulse_row(point)?,
            })
        })
        .collect();
    let rated: Vec<&str> =
        v.e.objectives
            .iter()
            .map(|o| o.id.as_str())
            .filter(|id| {
                s.front
                    .answers
                    .iter()
                    .any(|a| a.ratings.keys().any(|k| k.value == *id))
            })
            .collect();
    let answers: Vec<AnswerRow> = s
        .front
        .answers
        .iter()
        .map(|a| AnswerRow {
            rater: a.rater.clone(),
            group: display_name(&a.group.value),
            ratings: rated
                .iter()
                .map(|id| {
                    a.ratings
                        .iter()
                        .find(|(k, _)| k.value == *id)
                        .map(|(_, r)| crate::i18n::format_change(r.value as f64, None, v.lang))
                })
                .collect(),
            comment: a.comment.clone(),
        })
        .collect();
    let answer_columns: Vec<String> = rated
        .iter()
        .filter_map(|id| v.e.objective(id).map(|o| o.front.title.clone()))
        .collect();
    Ok(Kind::Survey.each(
        v,
        &s.id,
        page_value([
            ("title", Value::from(s.front.title.clone())),
            ("date", Value::from(v.date(s.front.date))),
            ("question", to_value(&s.front.question)?),
            ("objectives", to_value(&objectives)?),
            ("answers", to_value(&answers)?),
            ("answer_columns", to_value(&answer_columns)?),
            ("note", Value::from(v.words.pulse_note())),
            (
                "later",
                to_value(
                    &(s.front.date > v.insight.as_of)
                        .then(|| v.words.survey_after_as_of(v.insight.as_of)),
                )?,
            ),
        ]),
    ))
}
