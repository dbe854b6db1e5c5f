//! Lessons learned: the view of each lesson, the lessons list, each lesson's page and
//! one page per tag.

use crate::i18n::Word;

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::links::{TagIndex, Tagged};
use super::registry::Kind;
use super::views::{Link, Views, coach_only};
use super::{PageJob, page_value, to_value};
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, slug};
use crate::model::*;

#[derive(Serialize, Clone)]
pub(super) struct TagLink {
    pub(super) name: String,
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
    properties: super::views::PropertiesView,
    mentioned_in: Vec<Link>,
}

impl Views<'_> {
    fn lesson(&self, l: &Lesson) -> LessonView {
        LessonView {
            coach_only: coach_only(l.visibility, l.front.sensitive),
            url: Kind::Lesson.url(&l.id),
            title: l.front.title.clone(),
            date: l.front.date.map(|d| self.date(d)),
            tags: self.tag_links(ItemKind::Lesson, &l.id),
            objectives: l
                .front
                .objectives
                .iter()
                .filter_map(|o| self.objective_link(&o.value))
                .collect(),
            body_html: self.html(&l.body, &l.source.path, "../"),
            properties: self.properties(&l.properties),
            mentioned_in: self.mentioned_in(ItemKind::Lesson, &l.id),
        }
    }

    /// An item's tags as links to their pages (where this view has tag pages).
    pub(super) fn tag_links(&self, kind: ItemKind, id: &str) -> Vec<TagLink> {
        let item = ItemRef {
            kind,
            id: id.to_string(),
        };
        self.links
            .tags_of(&item)
            .iter()
            .filter(|t| self.links.tag_pages.contains(&slug(t)))
            .map(|t| tag_link(t))
            .collect()
    }
}

pub(super) fn tag_link(tag: &str) -> TagLink {
    TagLink {
        name: tag.to_string(),
        url: Kind::Tag.url(&slug(tag)),
    }
}

/// An item's tags: those of its front matter, then the `#tags` of its text that are
/// not among them (Obsidian's two ways of tagging a note), each once.
/// At most [`crate::limits::MAX_TAGS_PER_NOTE`] (`check` warns about the others).
pub(super) fn item_tags(front: &[String], body: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let written = front.iter().map(|t| t.trim_start_matches('#').to_string());
    let found = markdown::tags(body);
    for tag in written.chain(found.iter().cloned()) {
        if tags.len() == crate::limits::MAX_TAGS_PER_NOTE {
            break;
        }
        if !tag.is_empty() && seen.insert(slug(&tag)) {
            tags.push(tag);
        }
    }
    tags
}

/// Every tag of the lessons, sessions and objectives (front matter and `#tags`), each
/// text read once.
pub(super) fn tag_index(e: &Engagement) -> TagIndex {
    let mut index = TagIndex::default();
    let mut add = |kind, id: &str, tags: Vec<String>, i: usize| {
        for tag in &tags {
            let entry = index.pages.entry(slug(tag)).or_insert_with(|| Tagged {
                name: tag.clone(),
                ..Tagged::default()
            });
            let items = match kind {
                ItemKind::Lesson => &mut entry.lessons,
                ItemKind::Session => &mut entry.sessions,
                _ => &mut entry.objectives,
            };
            // An item's tags are distinct, and each item comes once.
            items.push(i);
        }
        if !tags.is_empty() {
            index.of.insert(
                ItemRef {
                    kind,
                    id: id.to_string(),
                },
                tags,
            );
        }
    };
    // Finding the `#tags` reads every text: in parallel, then added in order.
    let lessons: Vec<Vec<String>> = e
        .lessons
        .par_iter()
        .map(|l| item_tags(&l.front.tags, &l.body))
        .collect();
    let sessions: Vec<Vec<String>> = e
        .sessions
        .par_iter()
        .map(|s| item_tags(&s.front.tags, &s.body))
        .collect();
    for (i, (l, tags)) in e.lessons.iter().zip(lessons).enumerate() {
        add(ItemKind::Lesson, &l.id, tags, i);
    }
    for (i, (s, tags)) in e.sessions.iter().zip(sessions).enumerate() {
        add(ItemKind::Session, &s.id, tags, i);
    }
    for (i, o) in e.objectives.iter().enumerate() {
        add(
            ItemKind::Objective,
            &o.id,
            item_tags(&o.front.tags, &o.body),
            i,
        );
    }
    index
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
fn lessons_page(v: &Views, lessons: Value, tags: &TagIndex) -> Result<PageJob, Diagnostic> {
    let tag_list: Vec<TagSummary> = tags
        .pages
        .iter()
        .map(|(s, tagged)| TagSummary {
            name: tagged.name.clone(),
            url: Kind::Tag.url(s),
            count: tagged.lessons.len() + tagged.sessions.len() + tagged.objectives.len(),
        })
        .collect();
    let gathered: Vec<Gathered> =
        v.e.sessions
            .iter()
            .flat_map(|s| {
                s.front.lessons.iter().map(move |text| Gathered {
                    text: text.clone(),
                    session: s.front.title.clone(),
                    url: Kind::Session.url(&s.id),
                    date: v.date(s.front.date),
                })
            })
            .collect();
    Ok(Kind::Lessons.one(
        v,
        page_value([
            ("lessons", lessons),
            ("tags", to_value(&tag_list)?),
            ("gathered", to_value(&gathered)?),
        ]),
    ))
}

/// `lessons/<id>.html`: one lesson.
fn lesson_page(v: &Views, l: &Lesson, value: Value) -> PageJob {
    Kind::Lesson.each(v, &l.id, value)
}

/// `lessons/tags/<tag>.html`: the lessons, sessions and objectives with one tag.
fn tag_page(
    v: &Views,
    slug: &str,
    tagged: &Tagged,
    lessons: Vec<Value>,
) -> Result<PageJob, Diagnostic> {
    let sessions: Vec<Link> = tagged
        .sessions
        .iter()
        .filter_map(|i| v.e.sessions.get(*i))
        .map(|s| v.session_link(s))
        .collect();
    let objectives: Vec<Link> = tagged
        .objectives
        .iter()
        .filter_map(|i| v.e.objectives.get(*i))
        .filter_map(|o| v.objective_link(&o.id))
        .collect();
    Ok(Kind::Tag.each(
        v,
        slug,
        page_value([
            ("name", Value::from(tagged.name.clone())),
            ("lessons", Value::from(lessons)),
            ("sessions", to_value(&sessions)?),
            ("objectives", to_value(&objectives)?),
        ]),
    ))
}

/// The views of the lessons, made once for the lessons list, their pages and the tag
/// pages that show them.
pub(super) struct Lessons {
    views: Vec<LessonView>,
    values: Vec<Value>,
}

impl Lessons {
    pub(super) fn new(v: &Views) -> Result<Lessons, Diagnostic> {
        let views: Vec<LessonView> = v.e.lessons.iter().map(|l| v.lesson(l)).collect();
        let values = views.iter().map(to_value).collect::<Result<Vec<_>, _>>()?;
        Ok(Lessons { views, values })
    }

    /// What search finds of the lesson at `index`.
    pub(super) fn doc(&self, v: &Views, index: usize) -> Option<super::search::Doc> {
        let l = self.views.get(index)?;
        let tags: Vec<&str> = l.tags.iter().map(|t| t.name.as_str()).collect();
        Some(super::search::Doc::new(
            v,
            Word::SearchKindLesson,
            (&l.url, &l.title, l.date.as_deref().unwrap_or("")),
            &tags,
            &[&l.body_html],
        ))
    }

    /// `lessons/index.html`.
    pub(super) fn index_page(&self, v: &Views, tags: &TagIndex) -> Result<PageJob, Diagnostic> {
        lessons_page(v, Value::from(self.values.clone()), tags)
    }

    /// The page of the lesson at `index`.
    pub(super) fn lesson_page(&self, v: &Views, index: usize) -> Option<PageJob> {
        let l = v.e.lessons.get(index)?;
        Some(lesson_page(v, l, self.values.get(index)?.clone()))
    }

    /// The page of the tag `slug`.
    pub(super) fn tag_page(
        &self,
        v: &Views,
        tags: &TagIndex,
        slug: &str,
    ) -> Option<Result<PageJob, Diagnostic>> {
        let tagged = tags.pages.get(slug)?;
        let list: Vec<Value> = tagged
            .lessons
            .iter()
            .filter_map(|i| self.values.get(*i).cloned())
            .collect();
        Some(tag_page(v, slug, tagged, list))
    }
}
