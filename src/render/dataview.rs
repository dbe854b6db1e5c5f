//! What a page shows in place of a plugin's code ([`PagePlugins`]): a Dataview query of
//! the subset coachsite reads (`model::dataview`) run at build time over the notes of
//! this view, and for anything else nothing, or in the coach's view a note that it was
//! left out.
//!
//! A query reads the engagement as filtered for the reader (`audience::filter`) and the
//! links and tags of that view, so it never lists, counts or quotes a note the reader
//! may not see, and only notes whose page this reader's site has. Its rows are ordered
//! by its `SORT`, then by kind and id, so that a build is the same every time.

use std::cell::Cell;
use std::cmp::Ordering;

use super::links::item_url;
use super::registry::Kind;
use super::views::{PageLinks, Views};
use crate::audience::Audience;
use crate::html::escape;
use crate::i18n::Word;
use crate::limits::{MAX_QUERIES_PER_TEXT, MAX_QUERY_ROWS};
use crate::markdown::{self, Plugins, Resolve, inline_plugin};
use crate::model::dataview::{Condition, Field, Op, Order, Query, Shape, Source, Value};
use crate::model::*;

impl Views<'_> {
    /// A Markdown text written in `file` as HTML for a page `root` away from the site's
    /// root (`"../"` for an item's page), its links resolved for this reader, and its
    /// plugins' code replaced by what this reader may see in its place.
    pub(super) fn html(&self, text: &str, file: &str, root: &'static str) -> String {
        let links = PageLinks {
            v: self,
            file,
            root,
        };
        let plugins = PagePlugins {
            v: self,
            links: &links,
            queries: Cell::new(0),
        };
        markdown::to_html_for(text, &links, &plugins)
    }
}

/// What a text's plugin code becomes on one page.
struct PagePlugins<'a> {
    v: &'a Views<'a>,
    /// The text's links, for the words of a task.
    links: &'a dyn Resolve,
    /// The queries rendered so far in this text.
    queries: Cell<usize>,
}

impl Plugins for PagePlugins<'_> {
    fn block(&self, language: &str, code: &str) -> String {
        if language == "dataview"
            && self.queries.get() < MAX_QUERIES_PER_TEXT
            && let Ok(query) = crate::model::dataview::parse_query(code)
        {
            self.queries.set(self.queries.get() + 1);
            return self.run(&query);
        }
        if self.v.audience != Audience::Coach {
            return String::new();
        }
        format!(
            "<p class=\"plugin-left-out\"><span class=\"badge-coach\">{}</span> {}</p>\n",
            escape(language),
            self.v.t(Word::PluginLeftOut)
        )
    }

    fn inline(&self, start: &str) -> String {
        if self.v.audience != Audience::Coach {
            return String::new();
        }
        let plugin = inline_plugin(start).map_or("", |(_, plugin)| plugin);
        format!(
            "<span class=\"plugin-left-out\"><span class=\"badge-coach\">{}</span> {}</span>",
            escape(plugin),
            self.v.t(Word::PluginLeftOut)
        )
    }
}

/// A note a query may list: an objective, a session, a lesson or an assessment of
/// this view, whose page the reader's site has.
struct Note<'a> {
    item: ItemRef,
    path: &'a str,
    title: &'a str,
    date: Option<Date>,
    status: Option<&'static str>,
    due: Option<Date>,
    body: Option<&'a str>,
}

/// A row of a query: a note, or one of its tasks.
struct Row<'n, 'a> {
    note: &'n Note<'a>,
    task: Option<Task>,
}

/// A checkbox task of a note's body.
struct Task {
    done: bool,
    /// Its words, as written after the box.
    text: String,
    /// Its place among the note's tasks.
    index: usize,
}

/// A field's value in a row.
#[derive(PartialEq)]
enum Val<'a> {
    None,
    Bool(bool),
    Date(Date),
    Text(&'a str),
    Tags(&'a [String]),
    Link,
}

impl PagePlugins<'_> {
    fn notes(&self) -> Vec<Note<'_>> {
        let e = self.v.e;
        let audience = self.v.audience;
        let mut notes = Vec::new();
        let status = |s: ObjectiveStatus| match s {
            ObjectiveStatus::Proposed => "proposed",
            ObjectiveStatus::Active => "active",
            ObjectiveStatus::Achieved => "achieved",
            ObjectiveStatus::Paused => "paused",
            ObjectiveStatus::Dropped => "dropped",
        };
        let item = |kind, id: &str| ItemRef {
            kind,
            id: id.to_string(),
        };
        if Kind::Objective.for_audience(audience) {
            notes.extend(e.objectives.iter().map(|o| Note {
                item: item(ItemKind::Objective, &o.id),
                path: &o.source.path,
                title: o.title(),
                date: None,
                status: Some(status(o.front.status)),
                due: o.front.due,
                body: Some(&o.body),
            }));
        }
        if Kind::Session.for_audience(audience) {
            notes.extend(e.sessions.iter().map(|s| Note {
                item: item(ItemKind::Session, &s.id),
                path: &s.source.path,
                title: &s.front.title,
                date: Some(s.front.date),
                status: None,
                due: None,
                body: Some(&s.body),
            }));
        }
        if Kind::Lesson.for_audience(audience) {
            notes.extend(e.lessons.iter().map(|l| Note {
                item: item(ItemKind::Lesson, &l.id),
                path: &l.source.path,
                title: &l.front.title,
                date: l.front.date,
                status: None,
                due: None,
                body: Some(&l.body),
            }));
        }
        if Kind::Assessment.for_audience(audience) {
            notes.extend(e.assessments.iter().map(|a| Note {
                item: item(ItemKind::Assessment, &a.id),
                path: &a.source.path,
                title: &a.front.title,
                date: Some(a.front.date),
                status: None,
                due: None,
                body: None,
            }));
        }
        notes
    }

    /// The query's rows as HTML.
    fn run(&self, query: &Query) -> String {
        let notes = self.notes();
        let linked = query.from.as_ref().map(|from| self.linking(from));
        let mut rows: Vec<Row> = notes
            .iter()
            .filter(|n| {
                query
                    .from
                    .as_ref()
                    .is_none_or(|from| self.from(from, n, linked.as_deref().unwrap_or(&[])))
            })
            .flat_map(|note| match query.shape {
                Shape::Task => tasks(note.body.unwrap_or(""))
                    .into_iter()
                    .map(|task| Row {
                        note,
                        task: Some(task),
                    })
                    .collect(),
                _ => vec![Row { note, task: None }],
            })
            .filter(|row| query.wheres.iter().all(|c| self.holds(c, row)))
            .collect();
        rows.sort_by(|a, b| {
            for (field, order) in &query.sort {
                let by = compare(&self.value(*field, a), &self.value(*field, b));
                let by = if *order == Order::Desc {
                    by.reverse()
                } else {
                    by
                };
                if by != Ordering::Equal {
                    return by;
                }
            }
            let index = |r: &Row| r.task.as_ref().map_or(0, |t| t.index);
            (&a.note.item, index(a)).cmp(&(&b.note.item, index(b)))
        });
        rows.truncate(query.limit.unwrap_or(MAX_QUERY_ROWS).min(MAX_QUERY_ROWS));
        if rows.is_empty() {
            return format!(
                "<p class=\"dataview dataview-empty\">{}</p>\n",
                self.v.t(Word::QueryNoNote)
            );
        }
        match &query.shape {
            Shape::List(field) => self.list(&rows, *field),
            Shape::Table {
                columns,
                without_id,
            } => self.table(&rows, columns, *without_id),
            Shape::Task => self.task_list(&rows),
        }
    }

    /// For each `[[link]]` of a `FROM` that names no item of this view, the notes whose
    /// texts link to it by name (as this reader reads them), in order.
    fn linking(&self, from: &Source) -> Vec<ItemRef> {
        let mut names = Vec::new();
        link_names(from, &mut names);
        let by_name = self
            .v
            .links
            .by_name
            .get_or_init(|| linked_by_name(self.v.e));
        let mut found: Vec<ItemRef> = names
            .iter()
            .filter(|n| self.v.links.index.lookup(n).one().is_none())
            .filter_map(|n| by_name.get(&last_segment(n)))
            .flatten()
            .cloned()
            .collect();
        found.sort();
        found.dedup();
        found
    }

    fn from(&self, source: &Source, note: &Note, linked: &[ItemRef]) -> bool {
        match source {
            Source::Tag(tag) => {
                let tag = tag.to_lowercase();
                self.v.links.tags_of(&note.item).iter().any(|t| {
                    let t = t.trim_start_matches('#').to_lowercase();
                    t == tag || t.strip_prefix(&tag).is_some_and(|r| r.starts_with('/'))
                })
            }
            Source::Folder(folder) => {
                let folder = folder.trim_matches('/');
                folder.is_empty()
                    || note.path == folder
                    || note.path.strip_suffix(".md") == Some(folder)
                    || note
                        .path
                        .strip_prefix(folder)
                        .is_some_and(|r| r.starts_with('/'))
            }
            Source::Link(link) => {
                let path = split_target(link).0;
                match self.v.links.index.lookup(path).one() {
                    Some(to) => self
                        .v
                        .links
                        .backlinks
                        .get(&to.to_ref())
                        .is_some_and(|from| from.contains(&note.item)),
                    None => linked.binary_search(&note.item).is_ok(),
                }
            }
            Source::And(a, b) => self.from(a, note, linked) && self.from(b, note, linked),
            Source::Or(a, b) => self.from(a, note, linked) || self.from(b, note, linked),
            Source::Not(a) => !self.from(a, note, linked),
        }
    }

    fn value<'r>(&'r self, field: Field, row: &'r Row) -> Val<'r> {
        let note = row.note;
        match field {
            Field::Name => Val::Text(file_name(note.path)),
            Field::Link => Val::Link,
            Field::Folder => Val::Text(note.path.rsplit_once('/').map_or("", |(f, _)| f)),
            Field::Path => Val::Text(note.path),
            Field::Date => note.date.map_or(Val::None, Val::Date),
            Field::Title => Val::Text(note.title),
            Field::Tags => Val::Tags(self.v.links.tags_of(&note.item)),
            Field::Status => note.status.map_or(Val::None, Val::Text),
            Field::Due => note.due.map_or(Val::None, Val::Date),
            Field::Completed => row.task.as_ref().map_or(Val::None, |t| Val::Bool(t.done)),
            Field::Text => row
                .task
                .as_ref()
                .map_or(Val::None, |t| Val::Text(t.text.as_str())),
        }
    }

    fn holds(&self, condition: &Condition, row: &Row) -> bool {
        match condition {
            Condition::Truthy(field) => match self.value(*field, row) {
                Val::None => false,
                Val::Bool(b) => b,
                Val::Text(t) => !t.is_empty(),
                Val::Tags(t) => !t.is_empty(),
                Val::Date(_) | Val::Link => true,
            },
            Condition::Compare(field, op, value) => {
                let found = self.value(*field, row);
                let by = match (&found, value) {
                    (Val::Date(d), Value::Date(w)) => Some(d.cmp(w)),
                    (Val::Date(d), Value::Today) => Some(d.cmp(&self.v.insight.as_of)),
                    (Val::Text(t), Value::Text(w)) => Some((*t).cmp(w.as_str())),
                    (Val::Bool(b), Value::Bool(w)) => Some(b.cmp(w)),
                    _ => None,
                };
                match (op, by) {
                    (Op::Ne, None) => true,
                    (_, None) => false,
                    (Op::Eq, Some(by)) => by == Ordering::Equal,
                    (Op::Ne, Some(by)) => by != Ordering::Equal,
                    (Op::Lt, Some(by)) => by == Ordering::Less,
                    (Op::Le, Some(by)) => by != Ordering::Greater,
                    (Op::Gt, Some(by)) => by == Ordering::Greater,
                    (Op::Ge, Some(by)) => by != Ordering::Less,
                }
            }
            Condition::Contains(field, Value::Text(part)) => match self.value(*field, row) {
                Val::Text(t) => t.contains(part.as_str()),
                Val::Tags(tags) => {
                    let part = part.trim_start_matches('#');
                    tags.iter()
                        .any(|t| t.trim_start_matches('#').eq_ignore_ascii_case(part))
                }
                Val::Link => row.note.title.contains(part.as_str()),
                _ => false,
            },
            Condition::Contains(..) => false,
            Condition::Not(c) => !self.holds(c, row),
            Condition::And(a, b) => self.holds(a, row) && self.holds(b, row),
            Condition::Or(a, b) => self.holds(a, row) || self.holds(b, row),
        }
    }
}

/// The items whose texts link to each name (the last part of a link's path, in lower
/// case): made once a view, so that a query in each of thousands of notes reads the
/// texts once.
fn linked_by_name(e: &Engagement) -> std::collections::BTreeMap<String, Vec<ItemRef>> {
    let mut by_name: std::collections::BTreeMap<String, Vec<ItemRef>> = Default::default();
    let mut add = |name: String, from: ItemRef| {
        let list = by_name.entry(name).or_default();
        if list.last() != Some(&from) {
            list.push(from);
        }
    };
    for text in e.markdown_texts() {
        let Some(from) = text.from else { continue };
        for reference in markdown::references(text.text).iter() {
            add(
                last_segment(split_target(&reference.target).0),
                from.to_ref(),
            );
        }
    }
    // Links in a note's properties of its own (`with: "[[John Appleseed]]"`) are links of
    // the note too, as Dataview reads them: as far as this view holds them.
    let notes = (e.objectives.iter())
        .map(|o| (ItemKind::Objective, &o.id, &o.properties))
        .chain(
            e.sessions
                .iter()
                .map(|s| (ItemKind::Session, &s.id, &s.properties)),
        )
        .chain(
            e.lessons
                .iter()
                .map(|l| (ItemKind::Lesson, &l.id, &l.properties)),
        );
    for (kind, id, properties) in notes {
        for value in properties.iter().flat_map(|p| property_strings(&p.value)) {
            if let Some(name) = crate::model::property_link(value) {
                let from = ItemRef {
                    kind,
                    id: id.clone(),
                };
                add(last_segment(name), from);
            }
        }
    }
    for list in by_name.values_mut() {
        list.sort();
        list.dedup();
    }
    by_name
}

/// The `[[link]]`s of a `FROM`, as written.
fn link_names(source: &Source, names: &mut Vec<String>) {
    match source {
        Source::Link(link) => names.push(split_target(link).0.to_string()),
        Source::And(a, b) | Source::Or(a, b) => {
            link_names(a, names);
            link_names(b, names);
        }
        Source::Not(a) => link_names(a, names),
        Source::Tag(_) | Source::Folder(_) => {}
    }
}

/// The last part of a link's path, lower-case, without `.md`: what Obsidian matches a
/// note by.
fn last_segment(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name).to_lowercase()
}

/// The texts of a property's value: itself, or a list's items.
fn property_strings(value: &serde_json::Value) -> Vec<&str> {
    match value {
        serde_json::Value::String(text) => vec![text.as_str()],
        serde_json::Value::Array(items) => items.iter().filter_map(|v| v.as_str()).collect(),
        _ => Vec::new(),
    }
}

/// A file's name without its folder and `.md`.
fn file_name(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name)
}

/// Two values in a sort: nothing first, then by kind of value, then by value.
fn compare(a: &Val, b: &Val) -> Ordering {
    let rank = |v: &Val| match v {
        Val::None => 0,
        Val::Bool(_) => 1,
        Val::Date(_) => 2,
        Val::Text(_) => 3,
        Val::Tags(_) => 4,
        Val::Link => 5,
    };
    match (a, b) {
        (Val::Bool(a), Val::Bool(b)) => a.cmp(b),
        (Val::Date(a), Val::Date(b)) => a.cmp(b),
        (Val::Text(a), Val::Text(b)) => a.cmp(b),
        (Val::Tags(a), Val::Tags(b)) => a.cmp(b),
        _ => rank(a).cmp(&rank(b)),
    }
}

/// The checkbox tasks of a note's body, in order.
fn tasks(body: &str) -> Vec<Task> {
    markdown::checkbox_tasks(body)
        .into_iter()
        .enumerate()
        .map(|(index, (done, text))| Task { done, text, index })
        .collect()
}

impl PagePlugins<'_> {
    /// A link to a note's page, from this page.
    fn link(&self, note: &Note) -> String {
        format!(
            "<a href=\"{}{}\">{}</a>",
            self.links.root(),
            escape(&item_url(&note.item)),
            escape(note.title)
        )
    }

    /// A value as the reader reads it.
    fn shown(&self, value: &Val, note: &Note) -> String {
        match value {
            Val::None => String::new(),
            Val::Bool(true) => "☑".to_string(),
            Val::Bool(false) => "☐".to_string(),
            Val::Date(d) => escape(&self.v.date(*d)).into_owned(),
            Val::Text(t) => escape(t).into_owned(),
            Val::Tags(tags) => tags
                .iter()
                .map(|t| format!("#{}", escape(t.trim_start_matches('#'))))
                .collect::<Vec<_>>()
                .join(", "),
            Val::Link => self.link(note),
        }
    }

    fn list(&self, rows: &[Row], field: Option<Field>) -> String {
        let mut out = String::from("<ul class=\"dataview dataview-list\">\n");
        for row in rows {
            out.push_str("<li>");
            out.push_str(&self.link(row.note));
            if let Some(field) = field {
                let value = self.shown(&self.value(field, row), row.note);
                if !value.is_empty() {
                    out.push_str(": ");
                    out.push_str(&value);
                }
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
        out
    }

    fn table(&self, rows: &[Row], columns: &[(Field, String)], without_id: bool) -> String {
        let mut out = String::from("<table class=\"dataview dataview-table\">\n<thead><tr>");
        if !without_id {
            out.push_str(&format!(
                "<th scope=\"col\">{} ({})</th>",
                self.v.t(Word::QueryNote),
                rows.len()
            ));
        }
        for (_, label) in columns {
            out.push_str(&format!("<th scope=\"col\">{}</th>", escape(label)));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for row in rows {
            out.push_str("<tr>");
            if !without_id {
                out.push_str(&format!("<td>{}</td>", self.link(row.note)));
            }
            for (field, _) in columns {
                let value = self.shown(&self.value(*field, row), row.note);
                out.push_str(&format!("<td>{value}</td>"));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
        out
    }

    /// Tasks under a link to their note, the notes in the order of their first task.
    fn task_list(&self, rows: &[Row]) -> String {
        let mut out = String::from("<ul class=\"dataview dataview-tasks\">\n");
        let mut current: Option<&ItemRef> = None;
        for row in rows {
            let Some(task) = &row.task else { continue };
            if current != Some(&row.note.item) {
                if current.is_some() {
                    out.push_str("</ul></li>\n");
                }
                current = Some(&row.note.item);
                out.push_str(&format!(
                    "<li>{}<ul class=\"contains-task-list\">\n",
                    self.link(row.note)
                ));
            }
            let words = markdown::to_html_for(&task.text, self.links, self);
            let words = words.trim_end();
            let words = words
                .strip_prefix("<p>")
                .and_then(|w| w.strip_suffix("</p>"))
                .unwrap_or(words);
            out.push_str(&format!(
                "<li><span class=\"task\">{}</span> {words}</li>\n",
                if task.done { "☑" } else { "☐" }
            ));
        }
        if current.is_some() {
            out.push_str("</ul></li>\n");
        }
        out.push_str("</ul>\n");
        out
    }
}
