//! The practice home: every engagement of a coach's practice on one page, with what
//! needs doing next and the coach's own evidence on ambition. The coach's only: no
//! client's or sponsor's site is ever built from a practice.

use serde::Serialize;
use tera::Context;

use super::{OutputFile, Theme, theme::template_error, to_value};
use crate::diagnostic::Diagnostic;
use crate::i18n::{format_date, format_percent};
use crate::insight::{self, MIN_OBJECTIVES_FOR_EVIDENCE, Severity, ZpdEvidence};
use crate::model::*;

/// One engagement's line on the practice home.
#[derive(Serialize)]
pub struct PracticeEntry {
    /// Its site's home page, from the practice home.
    url: String,
    title: String,
    client: String,
    period: String,
    ended: bool,
    next_actions: Vec<NextAction>,
    overdue: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct NextAction {
    title: String,
    due: Option<String>,
}

/// The line of `e` (the coach's view, loaded), whose site is at `path/`.
pub fn practice_entry(e: &Engagement, as_of: Date, path: &str) -> PracticeEntry {
    let date = |d: Date| format_date(d, Language::En);
    let insight = insight::analyze(e, as_of);
    let mut open: Vec<&Action> = e
        .plan
        .actions
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
        .collect();
    open.sort_by_key(|a| (a.due.is_none(), a.due));
    let end = e.info.end.as_ref().map(|end| end.value);
    PracticeEntry {
        url: format!("{path}/index.html"),
        title: e.info.title.clone(),
        client: e.info.client.clone(),
        period: match end {
            Some(end) => format!("{} – {}", date(e.info.start), date(end)),
            None => format!("from {}", date(e.info.start)),
        },
        ended: end.is_some_and(|end| end <= as_of),
        next_actions: open
            .iter()
            .take(3)
            .map(|a| NextAction {
                title: a.title.clone(),
                due: a.due.map(date),
            })
            .collect(),
        overdue: open
            .iter()
            .filter(|a| a.due.is_some_and(|d| d < as_of))
            .count(),
        errors: insight.count(Severity::Error),
        warnings: insight.count(Severity::Warning),
    }
}

/// A lesson of the practice, under one of its tags.
#[derive(Serialize)]
struct PracticeLesson {
    title: String,
    url: String,
    engagement: String,
    date: Option<String>,
}

/// One tag of the practice's lessons, with the lessons of every engagement that carry it.
#[derive(Serialize)]
pub struct PracticeTag {
    name: String,
    lessons: Vec<PracticeLesson>,
}

/// The lessons of the practice by tag (slug), two spellings of a tag on one list.
pub type PracticeLessons = std::collections::BTreeMap<String, PracticeTag>;

/// Adds the lessons of `e` (the coach's view), whose site is at `path/`, under each of
/// their tags (front matter and `#tags`, as on the engagement's own tag pages).
pub fn add_practice_lessons(lessons: &mut PracticeLessons, e: &Engagement, path: &str) {
    for l in &e.lessons {
        for tag in super::lesson::item_tags(&l.front.tags, &l.body) {
            lessons
                .entry(crate::markdown::slug(&tag))
                .or_insert_with(|| PracticeTag {
                    name: tag.clone(),
                    lessons: Vec::new(),
                })
                .lessons
                .push(PracticeLesson {
                    title: l.front.title.clone(),
                    url: format!("{path}/lessons/{}.html", l.id),
                    engagement: e.info.title.clone(),
                    date: l.front.date.map(|d| format_date(d, Language::En)),
                });
        }
    }
}

#[derive(Serialize)]
struct EvidenceRow {
    label: &'static str,
    objectives: usize,
    achieved: usize,
    share: Option<String>,
}

#[derive(Serialize)]
struct EvidenceView {
    engagements: usize,
    rows: Vec<EvidenceRow>,
    min: usize,
}

/// `index.html` of a practice: the engagements (sorted as given) and the evidence.
pub fn practice_home(
    theme: &Theme,
    entries: &[PracticeEntry],
    evidence: &ZpdEvidence,
    lessons: &PracticeLessons,
    as_of: Date,
) -> Result<OutputFile, Diagnostic> {
    let row = |label, o: insight::Outcomes| EvidenceRow {
        label,
        objectives: o.objectives,
        achieved: o.achieved,
        share: o.rate().map(|r| format_percent(r, Language::En)),
    };
    let view = EvidenceView {
        engagements: evidence.engagements,
        rows: vec![
            row("Beyond the zone", evidence.beyond),
            row("Within the zone", evidence.within),
        ],
        min: MIN_OBJECTIVES_FOR_EVIDENCE,
    };
    let mut context = Context::new();
    context.insert_value("engagements", to_value(&entries)?);
    context.insert_value(
        "running",
        tera::Value::from(entries.iter().filter(|e| !e.ended).count()),
    );
    context.insert_value("evidence", to_value(&view)?);
    let tags: Vec<&PracticeTag> = lessons.values().collect();
    context.insert_value("lessons", to_value(&tags)?);
    context.insert_value("as_of", tera::Value::from(format_date(as_of, Language::En)));
    let html = theme
        .tera
        .render("practice.html", &context)
        .map_err(|err| template_error(&err))?;
    Ok(OutputFile {
        path: "index.html".into(),
        bytes: html.into_bytes(),
    })
}
