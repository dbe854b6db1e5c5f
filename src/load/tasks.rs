//! Checkbox tasks in notes, as actions of the plan.
//!
//! Obsidian vaults track what was agreed as tasks: `- [ ] Share the checklist 📅
//! 2024-12-06`, `- [x] Book the room ✅ 2024-11-27`, Dataview's `[due:: 2024-12-10]`.
//! Each task of a session note's body (or its `private:`) and of an objective's body
//! becomes an [`Action`] of the plan, agreed on the note's date, appended to
//! `engagement.plan.actions` once the visibilities are resolved: every page, figure,
//! check and export then treats it as one of plan.yaml's.
//!
//! [`read_note`] reads one note (pure: a text in, actions and warnings out);
//! [`add_tasks`] reads every note of an engagement.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::check::suggest_id;
use super::lines::Lines;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::limits::MAX_TASKS_PER_NOTE;
use crate::markdown::private::{coach_only_spans, plain_asides};
use crate::model::*;

mod fields;
#[cfg(test)]
mod tests;

use fields::{Fields, scan};

mod carry;

/// One note's Markdown text, as its tasks are read.
pub(super) struct Note<'a> {
    /// The note's id: the first part of its tasks' ids.
    pub(super) id: &'a str,
    /// Its file, relative to the engagement folder.
    pub(super) path: &'a str,
    /// The Markdown text the tasks are in.
    pub(super) text: &'a str,
    /// The file line of the text's first line.
    pub(super) first_line: u32,
    /// When its tasks were agreed: the session's date, the objective's start.
    pub(super) agreed: Date,
    /// The objective the note is (its tasks serve it).
    pub(super) objective: Option<&'a str>,
    /// The session the note is (the plan links to it).
    pub(super) session: Option<&'a str>,
    /// The note's resolved visibility.
    pub(super) visibility: Visibility,
    pub(super) sensitive: bool,
    /// The whole text is the coach's (a session's `private:`).
    pub(super) private: bool,
}

/// An item a link of a task may name.
#[derive(Debug, Clone)]
pub(super) struct Named {
    pub(super) title: String,
    pub(super) visibility: Visibility,
    pub(super) sensitive: bool,
    /// Its id, when the item is an objective.
    pub(super) objective: Option<String>,
}

/// What the links and the owners of tasks are read against: the items, by id, slug of
/// the id and alias; the members of engagement.yaml.
#[derive(Debug, Default)]
pub(super) struct Names {
    pub(super) items: HashMap<String, Named>,
    /// (id, name) of each member.
    pub(super) members: Vec<(String, String)>,
}

impl Names {
    pub(super) fn of(e: &Engagement) -> Names {
        let mut names = Names::default();
        let mut add = |id: &str, aliases: &[String], named: Named| {
            for key in std::iter::once(id).chain(aliases.iter().map(String::as_str)) {
                names.items.entry(suggest_id(key)).or_insert(named.clone());
            }
        };
        for o in &e.objectives {
            let named = Named {
                title: o.front.title.clone(),
                visibility: o.visibility,
                sensitive: o.front.sensitive,
                objective: Some(o.id.clone()),
            };
            add(&o.id, &o.front.aliases, named);
        }
        for s in &e.sessions {
            let named = Named {
                title: s.front.title.clone(),
                visibility: s.visibility,
                sensitive: s.front.sensitive,
                objective: None,
            };
            add(&s.id, &s.front.aliases, named);
        }
        for l in &e.lessons {
            let named = Named {
                title: l.front.title.clone(),
                visibility: l.visibility,
                sensitive: l.front.sensitive,
                objective: None,
            };
            add(&l.id, &l.front.aliases, named);
        }
        for a in &e.assessments {
            let named = Named {
                title: a.front.title.clone(),
                visibility: a.visibility,
                sensitive: a.front.sensitive,
                objective: None,
            };
            add(&a.id, &[], named);
        }
        for s in &e.surveys {
            let named = Named {
                title: s.front.title.clone(),
                visibility: s.visibility,
                sensitive: s.front.sensitive,
                objective: None,
            };
            add(&s.id, &[], named);
        }
        names.members = e
            .info
            .members
            .iter()
            .map(|m| (m.id.value.clone(), m.name.clone()))
            .collect();
        names
    }

    fn item(&self, target: &str) -> Option<&Named> {
        self.items.get(&suggest_id(target))
    }

    /// The member `words` name (their id or their name), as their name.
    fn member(&self, words: &str) -> Option<&str> {
        let key = suggest_id(words);
        self.members
            .iter()
            .find(|(id, name)| *id == words || suggest_id(id) == key || suggest_id(name) == key)
            .map(|(_, name)| name.as_str())
    }
}

/// Every task of the engagement's session notes and objectives, appended to its plan:
/// after plan.yaml's actions, notes in the order of their files, tasks in the order of
/// their lines. `root` gives the file of a session whose `private:` holds tasks (for
/// their lines).
pub(super) fn add_tasks(
    e: &mut Engagement,
    quoter: &mut super::files::Quoter,
    diags: &mut Diagnostics,
) {
    let names = Names::of(e);
    let mut used: HashSet<String> = e.plan.actions.iter().map(|a| a.id.value.clone()).collect();
    let mut notes: Vec<(String, Note)> = Vec::new();
    for s in &e.sessions {
        notes.push((
            s.source.path.clone(),
            session_note(s, &s.body, s.body_line, false),
        ));
        if let Some(private) = s.front.private.as_ref().filter(|p| may_hold_tasks(p)) {
            let key = super::yaml::key_pos(&quoter.text(&s.source.path), "private");
            let note = session_note(s, private, key.line + 1, true);
            notes.push((s.source.path.clone(), note));
        }
    }
    for o in &e.objectives {
        notes.push((
            o.source.path.clone(),
            Note {
                id: &o.id,
                path: &o.source.path,
                text: &o.body,
                first_line: o.body_line,
                agreed: o.front.start.unwrap_or(e.info.start),
                objective: Some(&o.id),
                session: None,
                visibility: o.visibility,
                sensitive: o.front.sensitive,
                private: false,
            },
        ));
    }
    // Stable: a note's body before its `private:`.
    notes.sort_by(|a, b| a.0.cmp(&b.0));
    let mut found = Vec::new();
    let mut of_sessions = Vec::new();
    for (_, note) in &notes {
        let tasks = read_note(note, &names, &mut used, diags);
        match note.session {
            Some(_) => of_sessions.extend(tasks.into_iter().map(|t| (note.agreed, t))),
            None => found.extend(tasks),
        }
    }
    e.plan.actions.extend(carry::carry_over(of_sessions));
    e.plan.actions.extend(found);
}

/// A text of the session note `s`: its body, or its `private:` (the coach's).
fn session_note<'a>(s: &'a Session, text: &'a str, first_line: u32, private: bool) -> Note<'a> {
    Note {
        id: &s.id,
        path: &s.source.path,
        text,
        first_line,
        agreed: s.front.date,
        objective: None,
        session: Some(&s.id),
        visibility: s.visibility,
        sensitive: s.front.sensitive,
        private,
    }
}

/// Whether two texts of a note hold the same tasks, each as the coach's or not: when
/// they do, an edit from one to the other leaves the plan as it was (`serve` then puts
/// the note's body in place alone).
pub(super) fn same_tasks(a: &str, b: &str) -> bool {
    let read = |text: &str| -> Vec<(char, String, bool)> {
        if !may_hold_tasks(text) {
            return Vec::new();
        }
        let coach = coach_only_spans(text);
        raw_tasks(text)
            .into_iter()
            .map(|t| (t.check, t.words, in_spans(&coach, t.offset)))
            .collect()
    };
    read(a) == read(b)
}

/// Whether `text` may hold a task at all: a `[` followed, two bytes on, by `]`.
fn may_hold_tasks(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| w[0] == b'[' && w[2] == b']')
}

/// A task being read: its list item's box, and the words of its first paragraph.
#[derive(Debug, Default)]
struct Raw {
    /// The byte where its list item starts.
    offset: usize,
    /// The character in its box: ` `, `x`, `X`, `-` or `/`.
    check: char,
    /// Bytes of the box's own text still to skip (`[-]` and `[/]` are text to the parser).
    skip: usize,
    /// Its words, as read.
    words: String,
    /// Its links: where their words are in `words`, and their target.
    links: Vec<RawLink>,
}

#[derive(Debug, Clone)]
struct RawLink {
    range: Range<usize>,
    target: String,
    /// A wikilink with no label of its own: its words are its target.
    bare: bool,
}

/// A list item being read: a task or not, and whether its first paragraph is still
/// being read.
struct Frame {
    task: Option<Raw>,
    reading: bool,
    paragraphs: u32,
    link: Option<(usize, String, bool)>,
}

/// The tasks of one note, as actions. Ids taken are added to `used`; the problems of
/// the note (a malformed date, too many tasks) are warnings in `diags`.
pub(super) fn read_note(
    note: &Note,
    names: &Names,
    used: &mut HashSet<String>,
    diags: &mut Diagnostics,
) -> Vec<Action> {
    let text = note.text;
    if !may_hold_tasks(text) {
        return Vec::new();
    }
    let coach = if note.private {
        Vec::new()
    } else {
        coach_only_spans(text)
    };
    let mut lines = Lines::default();
    let mut actions = Vec::new();
    let mut count = 0usize;
    for raw in raw_tasks(text) {
        let (line, column) = lines.at(text, raw.offset);
        let place = Place { note, line, column };
        let private = note.private || in_spans(&coach, raw.offset);
        let Some(task) = task_of(&raw, private, names, &place, diags) else {
            continue;
        };
        count += 1;
        if count > MAX_TASKS_PER_NOTE {
            diags.push(place.warning(
                format!(
                    "more than {MAX_TASKS_PER_NOTE} tasks in this note: the rest are not actions"
                ),
                "keep the agreed actions in the notes of their sessions, or in plan.yaml",
            ));
            break;
        }
        let id = unique_id(note.id, &task.words, used);
        actions.push(task.into_action(id, &place));
    }
    actions
}

/// Where a task is: its note, line and column (the text's, 1-based).
struct Place<'a> {
    note: &'a Note<'a>,
    line: u32,
    column: u32,
}

impl Place<'_> {
    fn file_line(&self) -> u32 {
        self.note.first_line.saturating_add(self.line - 1)
    }

    fn warning(&self, message: String, help: &str) -> Diagnostic {
        let mut d = Diagnostic::warning(self.note.path, message)
            .at(self.note.text, self.line, self.column)
            .with_help(help);
        d.line = self.file_line();
        d
    }
}

fn in_spans(spans: &[Range<usize>], at: usize) -> bool {
    let i = spans.partition_point(|s| s.end <= at);
    spans.get(i).is_some_and(|s| s.start <= at)
}

/// The box of a list item starting at `item`: `- [ ] `, `1. [x] `, `* [-]`.
fn task_box(item: &str) -> Option<(char, usize)> {
    let b = item.as_bytes();
    let mut i = match b.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            matches!(b.get(digits), Some(b'.' | b')')).then_some(digits + 1)?
        }
        _ => return None,
    };
    let spaces = b[i..]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    if spaces == 0 {
        return None;
    }
    i += spaces;
    let check = match (b.get(i), b.get(i + 1), b.get(i + 2)) {
        (Some(b'['), Some(&c), Some(b']')) if matches!(c, b' ' | b'x' | b'X' | b'-' | b'/') => {
            c as char
        }
        _ => return None,
    };
    match b.get(i + 3) {
        None | Some(b' ' | b'\t' | b'\n' | b'\r') => Some((check, i + 3)),
        _ => None,
    }
}

/// The tasks of `text` as the parser reads it: list items with a box (not in code),
/// nested ones too, each with the words of its first paragraph.
fn raw_tasks(text: &str) -> Vec<Raw> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(text, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Item) => {
                let task = task_box(&text[range.start..]).map(|(check, _)| Raw {
                    offset: range.start,
                    check,
                    skip: if matches!(check, '-' | '/') { 3 } else { 0 },
                    ..Raw::default()
                });
                stack.push(Frame {
                    task,
                    reading: true,
                    paragraphs: 0,
                    link: None,
                });
            }
            Event::End(TagEnd::Item) => {
                if let Some(task) = stack.pop().and_then(|f| f.task) {
                    found.push(task);
                }
            }
            other => {
                if let Some(frame) = stack.last_mut() {
                    read_event(frame, other);
                }
            }
        }
    }
    // Tasks in the order of their lines (an item ends after the items it holds).
    found.sort_by_key(|t| t.offset);
    found
}

/// One event inside a list item: words of its first paragraph are kept.
fn read_event(frame: &mut Frame, event: Event) {
    match event {
        Event::Start(Tag::Paragraph) => {
            frame.paragraphs += 1;
            frame.reading = frame.reading && frame.paragraphs == 1;
        }
        Event::End(TagEnd::Paragraph) => frame.reading = false,
        Event::Start(
            Tag::List(_)
            | Tag::CodeBlock(_)
            | Tag::BlockQuote(_)
            | Tag::Heading { .. }
            | Tag::Table(_)
            | Tag::HtmlBlock
            | Tag::FootnoteDefinition(_),
        ) => frame.reading = false,
        _ if !frame.reading => {}
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            ..
        }) => {
            if let Some(task) = &frame.task {
                let bare = matches!(link_type, LinkType::WikiLink { has_pothole: false });
                frame.link = Some((task.words.len(), dest_url.to_string(), bare));
            }
        }
        Event::End(TagEnd::Link) => {
            if let (Some(task), Some((start, target, bare))) = (&mut frame.task, frame.link.take())
            {
                task.links.push(RawLink {
                    range: start..task.words.len(),
                    target,
                    bare,
                });
            }
        }
        Event::Text(t) | Event::Code(t) => push_words(frame, &t),
        Event::SoftBreak | Event::HardBreak => push_words(frame, " "),
        _ => {}
    }
}

fn push_words(frame: &mut Frame, words: &str) {
    let Some(task) = &mut frame.task else { return };
    let mut words = words;
    if task.skip > 0 {
        let k = task.skip.min(words.len());
        if words.is_char_boundary(k) {
            task.skip -= k;
            words = &words[k..];
        } else {
            task.skip = 0;
        }
    }
    task.words.push_str(words);
}

/// A task read: its fields, its words for the id, its title, owner and objective.
struct Task {
    /// The character in its box.
    check: char,
    words: String,
    title: String,
    owner: Option<String>,
    objective: Option<String>,
    fields: Fields,
    visibility: Visibility,
    sensitive: bool,
}

/// The task `raw` means, or `None` for an empty one (`- [ ]` as templates leave it).
fn task_of(
    raw: &Raw,
    private: bool,
    names: &Names,
    place: &Place,
    diags: &mut Diagnostics,
) -> Option<Task> {
    let note = place.note;
    // A session's words never reach the sponsor (SPEC §5): at most the client's.
    let visibility = if private {
        Visibility::Coach
    } else if note.session.is_some() {
        note.visibility.min(Visibility::Client)
    } else {
        note.visibility
    };
    let coach_only = visibility == Visibility::Coach || note.sensitive;
    let asides = plain_asides(&raw.words).spans;
    let links: Vec<&RawLink> = raw
        .links
        .iter()
        .filter(|l| {
            !asides
                .iter()
                .any(|a| a.start < l.range.end && l.range.start < a.end)
        })
        .collect();
    let fields = scan(&raw.words, &asides, &raw.links, &mut |message, help| {
        diags.push(place.warning(message, help));
    });
    let mut edits: Vec<(Range<usize>, String)> = fields
        .cut
        .iter()
        .map(|r| (r.clone(), String::new()))
        .collect();
    let kept = |r: &Range<usize>| {
        !fields
            .cut
            .iter()
            .any(|c| c.start <= r.start && r.end <= c.end)
    };
    let mut id_edits = edits.clone();
    // The words of each link: its label, or the title of the item it names when every
    // reader of the task may see that item, or its target as written.
    let mut objective = None;
    let mut owner_link = None;
    for link in links.iter().filter(|l| kept(&l.range)) {
        let named = target_name(&link.target).and_then(|t| names.item(&t));
        match named {
            Some(item) => {
                if objective.is_none() {
                    objective = item.objective.clone();
                }
                let shown = coach_only || (!item.sensitive && item.visibility >= visibility);
                if link.bare && shown {
                    edits.push((link.range.clone(), item.title.clone()));
                }
            }
            None if owner_link.is_none() => {
                let words = &raw.words[link.range.clone()];
                let leading = raw.words[..link.range.start].trim().is_empty();
                let person = target_name(&link.target).filter(|t| Date::parse(t).is_err());
                if let Some(person) = person {
                    if let Some(name) = names.member(&person).or(names.member(words)) {
                        owner_link = Some(name.to_string());
                    } else if leading {
                        owner_link = Some(words.trim().to_string());
                    }
                }
            }
            None => {}
        }
    }
    let mut owner = None;
    if let Some((range, name)) = &fields.at_name {
        // A member by their name; anyone else as a name is written, capital first
        // (`@john` → John).
        let shown = match names.member(name) {
            Some(member) => member.to_string(),
            None => capitalized(name),
        };
        edits.push((range.clone(), shown.clone()));
        id_edits.push((range.clone(), name.clone()));
        owner = Some(shown);
    }
    let mut title = tidy(&apply(&raw.words, edits));
    if private {
        // Wholly the coach's: an aside's markers (of one it is in) mean nothing more.
        title = tidy(&title.replace("%%", " "));
    }
    let words = tidy(&apply(&raw.words, id_edits));
    if title.is_empty() {
        return None;
    }
    Some(Task {
        check: raw.check,
        words,
        title,
        owner: owner.or(owner_link),
        objective: objective.or(note.objective.map(str::to_string)),
        fields,
        visibility,
        sensitive: note.sensitive,
    })
}

impl Task {
    fn into_action(self, id: String, place: &Place) -> Action {
        let note = place.note;
        let pos = Pos {
            line: place.file_line(),
            column: place.column,
        };
        let f = self.fields;
        let status = if self.check == '-' || f.cancelled {
            ActionStatus::Dropped
        } else if matches!(self.check, 'x' | 'X') {
            ActionStatus::Done
        } else {
            ActionStatus::Open
        };
        let done = (status == ActionStatus::Done).then(|| f.done.unwrap_or(note.agreed));
        // Agreed on the note's date (or the day the task was created), and never after
        // it was due or done.
        let agreed = [f.created.or(Some(note.agreed)), f.due, done]
            .into_iter()
            .flatten()
            .min();
        Action {
            id: At::new(id, pos),
            title: self.title,
            objective: self.objective.map(|o| At::new(o, pos)),
            owner: self.owner,
            agreed,
            due: f.due,
            status,
            done: done.map(|d| At::new(d, pos)),
            reviews: Vec::new(),
            note: None,
            visibility: Some(self.visibility),
            sensitive: self.sensitive,
            resolved_visibility: self.visibility,
            from: Some(TaskSource {
                path: note.path.to_string(),
                line: pos.line,
                session: note.session.map(str::to_string),
            }),
        }
    }
}

/// `name` with a capital first letter.
fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The name of the note a link's target names: its file name without folders, heading,
/// nor `.md`; `None` for a web address or another kind of file.
fn target_name(target: &str) -> Option<String> {
    if target.contains("://") || target.starts_with("mailto:") {
        return None;
    }
    let target = target.split(['#', '?']).next().unwrap_or("");
    let target = target.replace("%20", " ");
    let name = target.rsplit('/').next().unwrap_or("").trim();
    let name = name.strip_suffix(".md").unwrap_or(name);
    let extension = name.rsplit_once('.').map(|(_, e)| e);
    if name.is_empty()
        || extension.is_some_and(|e| {
            e.len() <= 5
                && e.chars().all(|c| c.is_ascii_alphanumeric())
                && !e.chars().all(|c| c.is_ascii_digit())
        })
    {
        return None;
    }
    Some(name.to_string())
}

/// `text` with each range replaced (ranges that do not overlap, any order).
fn apply(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, with) in edits {
        if range.start < at || range.end > text.len() {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&with);
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Words with their spaces made single, and no space before a punctuation mark a field
/// left alone.
fn tidy(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .replace(" ,", ",")
        .replace(" .", ".")
        .trim_end_matches([' ', ',', ';', '—', '-'])
        .trim()
        .to_string()
}

/// The longest slug of a task's words in an id.
const SLUG_CHARS: usize = 48;

/// `<note>-<slug of the words>`, with `-2`, `-3`… when taken (by plan.yaml, or by an
/// earlier task).
fn unique_id(note: &str, words: &str, used: &mut HashSet<String>) -> String {
    let mut slug = suggest_id(words);
    if slug.len() > SLUG_CHARS {
        let cut = slug[..SLUG_CHARS].rfind('-').unwrap_or(SLUG_CHARS);
        slug.truncate(cut);
    }
    if slug.is_empty() {
        slug = "task".to_string();
    }
    let note = match suggest_id(note) {
        n if n.is_empty() => "note".to_string(),
        n => n,
    };
    let base = format!("{note}-{slug}");
    let mut id = base.clone();
    let mut n = 1;
    while used.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    used.insert(id.clone());
    id
}
