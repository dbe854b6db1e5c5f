//! Lessons learned: the view of each lesson, the lessons list, each lesson's page and
//! one page per tag.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Value;

use super::views::{Link, Views, coach_only};
use super::{Crumb, PageJob, page_value, to_value};
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, slug};
use crate::model::*;

#[derive(Serialize, Clone)]
struct TagLink {
    name: String,
    url: String,
}

#[derive(Serialize)]
struct LessonView {
    coach_only: bool,
    url: String,
    title: String,
    date: Option<String>,
    tags: Vec<TagLink>,
    objectives: Vec<Link>,
    body_html: String,
}

impl Views<'_> {
    fn lesson(&self, l: &Lesson) -> LessonView {
        LessonView {
            coach_only: coach_only(l.visibility, l.front.sensitive),
            url: format!("lessons/{}.html", l.id),
            title: l.front.title.clone(),
            date: l.front.date.map(|d| self.date(d)),
            tags: l.front.tags.iter().map(|t| tag_link(t)).collect(),
            objectives: l
                .front
                .objectives
                .iter()
                .filter_map(|o| self.objective_link(&o.value))
                .collect(),
            body_html: markdown::to_html(&l.body),
        }
    }
}

fn tag_link(tag: &str) -> TagLink {
    TagLink {
        name: tag.to_string(),
        url: format!("lessons/tags/{}.html", slug(tag)),
    }
}

/// The lessons' tags by slug, each with the lessons that carry it; two spellings of one
/// tag share a page under the first name.
fn tags(e: &Engagement) -> BTreeMap<String, (String, Vec<usize>)> {
    let mut tags: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for (i, l) in e.lessons.iter().enumerate() {
        for tag in &l.front.tags {
            let entry = tags
                .entry(slug(tag))
                .or_insert_with(|| (tag.clone(), Vec::new()));
            if !entry.1.contains(&i) {
                entry.1.push(i);
            }
        }
    }
    tags
}

#[derive(Serialize)]
struct TagSummary {
    name: String,
    url: String,
    count: usize,
}

/// A lesson written in a session note (`lessons:` in its front matter).
#[derive(Serialize)]
struct Gathered {
    text: String,
    session: String,
    url: String,
    date: String,
}

/// `lessons/index.html`: the lessons, their tags and the lessons gathered from sessions.
fn lessons_page(
    v: &Views,
    lessons: Value,
    tags: &BTreeMap<String, (String, Vec<usize>)>,
) -> Result<PageJob, Diagnostic> {
    let tag_list: Vec<TagSummary> = tags
        .iter()
        .map(|(s, (name, lessons))| TagSummary {
            name: name.clone(),
            url: format!("lessons/tags/{s}.html"),
            count: lessons.len(),
        })
        .collect();
    let gathered: Vec<Gathered> =
        v.e.sessions
            .iter()
            .flat_map(|s| {
                s.front.lessons.iter().map(move |text| Gathered {
                    text: text.clone(),
                    session: s.front.title.clone(),
                    url: format!("sessions/{}.html", s.id),
                    date: v.date(s.front.date),
                })
            })
            .collect();
    Ok(PageJob {
        path: "lessons/index.html".into(),
        template: "lessons.html",
        current: "lessons",
        crumbs: vec![],
        page: page_value(&[
            ("lessons", lessons),
            ("tags", to_value(&tag_list)?),
            ("gathered", to_value(&gathered)?),
        ]),
    })
}

/// `lessons/<id>.html`: one lesson.
fn lesson_page(v: &Views, l: &Lesson, value: Value) -> PageJob {
    PageJob {
        path: format!("lessons/{}.html", l.id),
        template: "lesson.html",
        current: "lessons",
        crumbs: Crumb::trail(v, "nav_lessons", "lessons/index.html"),
        page: value,
    }
}

/// `lessons/tags/<tag>.html`: the lessons with one tag.
fn tag_page(v: &Views, slug: &str, name: &str, lessons: Vec<Value>) -> PageJob {
    PageJob {
        path: format!("lessons/tags/{slug}.html"),
        template: "tag.html",
        current: "lessons",
        crumbs: Crumb::trail(v, "nav_lessons", "lessons/index.html"),
        page: page_value(&[
            ("name", Value::from(name.to_string())),
            ("lessons", Value::from(lessons)),
        ]),
    }
}

/// The lessons list, one page per lesson and one per tag.
pub(super) fn lesson_pages(v: &Views, jobs: &mut Vec<PageJob>) -> Result<(), Diagnostic> {
    let e = v.e;
    let views: Vec<LessonView> = e.lessons.iter().map(|l| v.lesson(l)).collect();
    let values = views.iter().map(to_value).collect::<Result<Vec<_>, _>>()?;
    let tags = tags(e);
    jobs.push(lessons_page(v, Value::from(values.clone()), &tags)?);
    for (l, value) in e.lessons.iter().zip(&values) {
        jobs.push(lesson_page(v, l, value.clone()));
    }
    for (s, (name, lessons)) in &tags {
        let list: Vec<Value> = lessons.iter().map(|i| values[*i].clone()).collect();
        jobs.push(tag_page(v, s, name, list));
    }
    Ok(())
}
