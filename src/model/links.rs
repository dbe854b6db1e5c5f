//! What an Obsidian link names: an item of the engagement (`[[sprint-goals]]`,
//! `[[sessions/2026-01-20-kick-off]]`) or an attachment (`![[whiteboard.jpg]]`,
//! `![](board.jpg)`). The same rules serve the loader, which checks every link, and the
//! pages, which resolve them over what their reader may see.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::{Engagement, Markdown};
use crate::html::percent_decode;
use crate::limits;

/// The kinds of item a link can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    /// An objective, `objectives/<id>.md`.
    Objective,
    /// A session note, `sessions/<date>-<slug>.md`.
    Session,
    /// A lesson learned, `lessons/<slug>.md`.
    Lesson,
    /// A skill assessment, `assessments/<date>-<name>.yaml`.
    Assessment,
    /// An action of `plan.yaml`, by its `id:`.
    Action,
}

impl ItemKind {
    pub(crate) const ALL: [ItemKind; 5] = [
        ItemKind::Objective,
        ItemKind::Session,
        ItemKind::Lesson,
        ItemKind::Assessment,
        ItemKind::Action,
    ];

    /// The folder of its files, which also names the kind in a link (`objectives/…`).
    /// Actions live in plan.yaml; `actions/<id>` names one.
    pub fn folder(self) -> &'static str {
        match self {
            ItemKind::Objective => "objectives",
            ItemKind::Session => "sessions",
            ItemKind::Lesson => "lessons",
            ItemKind::Assessment => "assessments",
            ItemKind::Action => "actions",
        }
    }

    pub(crate) fn noun(self) -> &'static str {
        match self {
            ItemKind::Objective => "objective",
            ItemKind::Session => "session",
            ItemKind::Lesson => "lesson",
            ItemKind::Assessment => "assessment",
            ItemKind::Action => "action",
        }
    }
}

/// One item, by kind and id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemRef {
    pub(crate) kind: ItemKind,
    pub(crate) id: String,
}

/// One item, by kind and id, borrowed from the engagement (what a text belongs to, what
/// a link names), so that reading thousands of notes copies no id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemOf<'a> {
    pub(crate) kind: ItemKind,
    pub(crate) id: &'a str,
}

impl ItemOf<'_> {
    pub(crate) fn to_ref(self) -> ItemRef {
        ItemRef {
            kind: self.kind,
            id: self.id.to_string(),
        }
    }
}

/// The id a file name gives: its words in lower-case ASCII letters and digits joined by
/// `-` (accents and other scripts transliterated: délégation → delegation), so that
/// `2024-11-13 John Appleseed` is `2024-11-13-john-appleseed`.
pub fn slug_id(name: &str) -> String {
    let mut out = String::new();
    let plain = deunicode::deunicode(name);
    for c in plain.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The file types an attachment may have: images and PDFs.
pub const ATTACHMENT_EXTENSIONS: &[&str] =
    &["png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "pdf"];

/// Whether a file name is that of an attachment (by its extension).
pub fn is_attachment_name(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && ATTACHMENT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
    })
}

/// The files that Obsidian shows in a note and coachsite does not: canvases, audio
/// (`webm` is taken as video, which it is more often), video, drawings, office
/// documents. An embed of one is shown as its words, and the file is never copied.
pub const UNSHOWN_EXTENSIONS: &[&str] = &[
    "canvas",
    "excalidraw", // Obsidian's own
    "mp3",
    "m4a",
    "wav",
    "ogg",
    "flac",
    "3gp",
    "aac",
    "opus", // audio
    "mp4",
    "mov",
    "webm",
    "mkv",
    "ogv",
    "avi", // video
    "docx",
    "doc",
    "xlsx",
    "xls",
    "pptx",
    "ppt",
    "odt",
    "ods",
    "odp",
    "csv",
    "txt",
    "zip",
];

/// Whether a file name is that of a file coachsite does not show ([`UNSHOWN_EXTENSIONS`]),
/// `.excalidraw.md` drawings too.
pub fn is_unshown_name(name: &str) -> bool {
    let name = name.strip_suffix(".md").unwrap_or(name);
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && UNSHOWN_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
    })
}

/// A wikilink's target split into what it names and the heading it points into:
/// `sprint-goals#Why this` → (`sprint-goals`, `Why this`). A `.md` extension is
/// dropped, as Obsidian writes it either way. A block reference (`#^id`) has no heading.
pub fn split_target(target: &str) -> (&str, Option<&str>) {
    let (path, heading) = match target.split_once('#') {
        Some((path, heading)) => (path, Some(heading.trim())),
        None => (target, None),
    };
    let path = path.trim();
    let path = path.strip_suffix(".md").unwrap_or(path);
    (
        path,
        heading.filter(|h| !h.is_empty() && !h.starts_with('^')),
    )
}

/// Which text of its item a Markdown text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextPart {
    /// A note's body (the Markdown after its front matter).
    Body,
    /// A session's `private:` notes.
    Private,
    /// An assessment's `observations`.
    Observations,
    /// The engagement's `context`.
    Context,
    /// `report.md`.
    Report,
}

/// One Markdown text of the engagement, with the item it belongs to (none for the
/// context and report.md), the file it was written in, and, for a note's body, the
/// line of the file it starts on (0 where not known).
pub struct TextOf<'a> {
    pub(crate) from: Option<ItemOf<'a>>,
    pub(crate) part: TextPart,
    pub(crate) file: &'a str,
    pub(crate) line: u32,
    pub(crate) text: &'a Markdown,
}

/// The items one link's path names ([`ItemIndex::lookup`]): those of its id, else those
/// that have it among their `aliases:` (an id wins over an alias).
pub struct Lookup<'a> {
    id: &'a str,
    /// The items of the id, of every kind.
    items: &'a [(ItemKind, String)],
    /// The items of the alias, of every kind, by id.
    aliased: &'a [(ItemKind, String)],
    /// The kind the path names by its folder, if it does.
    kind: Option<ItemKind>,
}

impl<'a> Lookup<'a> {
    /// Every item named.
    pub fn items(&self) -> impl Iterator<Item = ItemOf<'a>> + '_ {
        let id = self.id;
        let wanted = |k: &ItemKind| self.kind.is_none_or(|wanted| wanted == *k);
        let by_id = self
            .items
            .iter()
            .filter(move |(k, _)| wanted(k))
            .map(move |(kind, _)| ItemOf { kind: *kind, id });
        let id_names_one = by_id.clone().next().is_some();
        let by_alias = self
            .aliased
            .iter()
            .filter(move |(k, _)| !id_names_one && wanted(k))
            .map(|(kind, id)| ItemOf {
                kind: *kind,
                id: id.as_str(),
            });
        by_id.chain(by_alias)
    }

    /// How many items are named: one for a link that works.
    pub fn count(&self) -> usize {
        self.items().count()
    }

    /// The item named, when exactly one is.
    pub fn one(&self) -> Option<ItemOf<'a>> {
        let mut items = self.items();
        match (items.next(), items.next()) {
            (Some(item), None) => Some(item),
            _ => None,
        }
    }
}

/// The items of an engagement by id, made once, so that resolving a link takes a
/// look-up however many notes link (a vault of thousands of notes stays fast).
#[derive(Debug, Default)]
pub struct ItemIndex {
    /// Each id's items, by kind (an id names one item of each kind at most), with
    /// their titles.
    items: BTreeMap<String, Vec<(ItemKind, String)>>,
    /// Each alias (in lower case, as Obsidian matches them) with the items that have
    /// it, by kind and id, in the order of the engagement.
    aliases: BTreeMap<String, Vec<(ItemKind, String)>>,
}

impl ItemIndex {
    pub(crate) fn new(e: &Engagement) -> ItemIndex {
        let objectives = e
            .objectives
            .iter()
            .map(|o| (o.id.as_str(), ItemKind::Objective, o.title()));
        let sessions = e
            .sessions
            .iter()
            .map(|s| (s.id.as_str(), ItemKind::Session, s.front.title.as_str()));
        let lessons = e
            .lessons
            .iter()
            .map(|l| (l.id.as_str(), ItemKind::Lesson, l.front.title.as_str()));
        let assessments = e
            .assessments
            .iter()
            .map(|a| (a.id.as_str(), ItemKind::Assessment, a.front.title.as_str()));
        let actions = e
            .plan
            .actions
            .iter()
            .map(|a| (a.id.value.as_str(), ItemKind::Action, a.title.as_str()));
        let mut all: Vec<(&str, ItemKind, &str)> = objectives
            .chain(sessions)
            .chain(lessons)
            .chain(assessments)
            .chain(actions)
            .collect();
        // By id, then kind; of two items of one id and kind, the last one wins (as it did
        // when titles were kept by item), so the sort keeps the order they came in.
        all.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let mut grouped: Vec<(String, Vec<(ItemKind, String)>)> = Vec::new();
        for (i, (id, kind, title)) in all.iter().enumerate() {
            if all
                .get(i + 1)
                .is_some_and(|next| (next.0, next.1) == (*id, *kind))
            {
                continue;
            }
            match grouped.last_mut() {
                Some((last, items)) if last == id => items.push((*kind, title.to_string())),
                _ => grouped.push((id.to_string(), vec![(*kind, title.to_string())])),
            }
        }
        let mut aliases: BTreeMap<String, Vec<(ItemKind, String)>> = BTreeMap::new();
        for (kind, id, alias) in e.aliases() {
            let items = aliases.entry(alias).or_default();
            if !items.iter().any(|(k, i)| *k == kind && i == id) {
                items.push((kind, id.to_string()));
            }
        }
        // Already in order: the map is built from them in one go.
        ItemIndex {
            items: grouped.into_iter().collect(),
            aliases,
        }
    }

    /// Every item whose id (and kind, when the link names its folder) a link's path
    /// names, or failing that whose alias it is: none, one, or several of different
    /// kinds (an ambiguous link), borrowed from the index: nothing is copied.
    pub fn lookup(&self, path: &str) -> Lookup<'_> {
        // The folder, when it names a kind (`objectives/…`); any other folders of the path
        // (`2026/…`, a vault's own folders above the engagement) are only folders.
        // Ids are lower-case; Obsidian finds `[[Sprint-Goals]]` all the same.
        let lower;
        let path = if path.chars().any(char::is_uppercase) {
            lower = path.to_lowercase();
            lower.as_str()
        } else {
            path
        };
        let name = path.rsplit('/').next().unwrap_or(path);
        // A note's name as written (`[[CI CD pipeline refactor]]`) names its slug.
        let slugged;
        let id = if name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            name
        } else {
            slugged = slug_id(name);
            slugged.as_str()
        };
        let kind = path
            .split('/')
            .rev()
            .skip(1)
            .find_map(|folder| ItemKind::ALL.into_iter().find(|k| k.folder() == folder));
        // An alias as written, `/` and all (`[[CI/CD]]`), else the name it ends with.
        let aliased = self
            .aliases
            .get(path.trim())
            .or_else(|| self.aliases.get(name.trim()))
            .map_or(&[][..], Vec::as_slice);
        match self.items.get_key_value(id) {
            Some((id, items)) => Lookup {
                id,
                items,
                aliased,
                kind,
            },
            None => Lookup {
                id: "",
                items: &[],
                aliased,
                kind,
            },
        }
    }

    /// What [`ItemIndex::lookup`] finds, as owned references (for the tests).
    #[cfg(test)]
    pub fn resolve(&self, path: &str) -> Vec<ItemRef> {
        self.lookup(path).items().map(ItemOf::to_ref).collect()
    }

    /// The title of an item of the index.
    pub fn title(&self, item: &ItemRef) -> Option<&str> {
        let items = self.items.get(&item.id)?;
        items
            .iter()
            .find(|(kind, _)| *kind == item.kind)
            .map(|(_, title)| title.as_str())
    }

    /// Every id, of every kind.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.items.keys().map(String::as_str)
    }

    /// The kinds of item an id (in lower case) names.
    pub fn kinds_of(&self, id: &str) -> impl Iterator<Item = ItemKind> + '_ {
        self.items
            .get(id)
            .into_iter()
            .flatten()
            .map(|(kind, _)| *kind)
    }

    /// The items an alias (in lower case) names, by kind and id.
    pub fn aliased(&self, alias: &str) -> &[(ItemKind, String)] {
        self.aliases.get(alias).map_or(&[], Vec::as_slice)
    }

    /// What a link may be a typo of, each with the id it stands for: every id, every
    /// title and every alias (titles and aliases in lower case).
    pub fn names(&self) -> impl Iterator<Item = (String, &str)> {
        let ids = self.items.iter().flat_map(|(id, items)| {
            std::iter::once((id.clone(), id.as_str())).chain(
                items
                    .iter()
                    .map(move |(_, title)| (title.to_lowercase(), id.as_str())),
            )
        });
        let aliases = self.aliases.iter().flat_map(|(alias, items)| {
            items
                .iter()
                .map(move |(_, id)| (alias.clone(), id.as_str()))
        });
        ids.chain(aliases)
    }
}

impl Engagement {
    /// The `aliases:` of every note that may have them (the first
    /// [`limits::MAX_ALIASES_PER_NOTE`] of each), in lower case, with the note's kind
    /// and id: an empty alias, or one that is the note's own id, is left out.
    pub(crate) fn aliases(&self) -> impl Iterator<Item = (ItemKind, &str, String)> {
        let objectives = self
            .objectives
            .iter()
            .map(|o| (ItemKind::Objective, o.id.as_str(), &o.front.aliases));
        let sessions = self
            .sessions
            .iter()
            .map(|s| (ItemKind::Session, s.id.as_str(), &s.front.aliases));
        let lessons = self
            .lessons
            .iter()
            .map(|l| (ItemKind::Lesson, l.id.as_str(), &l.front.aliases));
        objectives
            .chain(sessions)
            .chain(lessons)
            .flat_map(|(kind, id, aliases)| {
                aliases
                    .iter()
                    .take(limits::MAX_ALIASES_PER_NOTE)
                    .map(|alias| alias.trim().to_lowercase())
                    .filter(move |alias| !alias.is_empty() && alias != id)
                    .map(move |alias| (kind, id, alias))
            })
    }
}

impl Engagement {
    /// Every Markdown text of the engagement, in a fixed order.
    pub fn markdown_texts<'a>(&'a self) -> Vec<TextOf<'a>> {
        let mut texts = Vec::new();
        let mut push = |from: Option<(ItemKind, &'a str)>, part, file, line, text| {
            texts.push(TextOf {
                from: from.map(|(kind, id)| ItemOf { kind, id }),
                part,
                file,
                line,
                text,
            });
        };
        if let Some(context) = &self.info.context {
            push(None, TextPart::Context, "engagement.yaml", 0, context);
        }
        for o in &self.objectives {
            let from = Some((ItemKind::Objective, o.id.as_str()));
            push(from, TextPart::Body, &o.source.path, o.body_line, &o.body);
        }
        for a in &self.assessments {
            if let Some(observations) = &a.front.observations {
                let from = Some((ItemKind::Assessment, a.id.as_str()));
                push(
                    from,
                    TextPart::Observations,
                    &a.source.path,
                    0,
                    observations,
                );
            }
        }
        for s in &self.sessions {
            let from = Some((ItemKind::Session, s.id.as_str()));
            push(from, TextPart::Body, &s.source.path, s.body_line, &s.body);
            if let Some(private) = &s.front.private {
                push(from, TextPart::Private, &s.source.path, 0, private);
            }
        }
        for l in &self.lessons {
            let from = Some((ItemKind::Lesson, l.id.as_str()));
            push(from, TextPart::Body, &l.source.path, l.body_line, &l.body);
        }
        if let Some(report) = &self.report {
            push(None, TextPart::Report, &report.source.path, 0, &report.body);
        }
        texts
    }
}

/// The attachments of an engagement: paths relative to its folder, with an index by
/// file name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attachments {
    paths: BTreeSet<String>,
    /// File name → the first path (in path order) with that name.
    by_name: BTreeMap<String, String>,
}

impl Attachments {
    pub(crate) fn insert(&mut self, path: String) {
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        match self.by_name.get(&name) {
            Some(first) if *first <= path => {}
            _ => {
                self.by_name.insert(name, path.clone());
            }
        }
        self.paths.insert(path);
    }

    pub(crate) fn len(&self) -> usize {
        self.paths.len()
    }

    /// Every path, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.paths.iter().map(String::as_str)
    }

    /// The attachment a reference written in `file` names, the way Obsidian finds it:
    /// relative to the note, then to the engagement folder, then in `attachments/`, then
    /// by file name alone anywhere (the first in path order). Percent-escapes
    /// (`my%20photo.jpg`) are decoded; a target whose escapes are not UTF-8 is taken as
    /// written.
    pub fn find(&self, file: &str, target: &str) -> Option<&str> {
        let target = target.trim();
        let target = percent_decode(target).unwrap_or(Cow::Borrowed(target));
        let target = target.trim_start_matches("./");
        let folder = file.rsplit_once('/').map_or("", |(dir, _)| dir);
        let candidates = [
            normalize(&format!("{folder}/{target}")),
            normalize(target),
            normalize(&format!("attachments/{target}")),
        ];
        for candidate in candidates.into_iter().flatten() {
            if let Some(found) = self.paths.get(&candidate) {
                return Some(found);
            }
        }
        if target.contains('/') {
            return None;
        }
        self.by_name.get(target).map(String::as_str)
    }
}

/// `a/./b/../c` → `a/c`; `None` for a path that leaves the engagement folder.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_into_path_and_heading() {
        assert_eq!(split_target("sprint-goals"), ("sprint-goals", None));
        assert_eq!(
            split_target("sprint-goals.md#Why this"),
            ("sprint-goals", Some("Why this"))
        );
        assert_eq!(split_target("x#^block-1"), ("x", None));
        assert_eq!(split_target("#Heading"), ("", Some("Heading")));
    }

    /// An objective and a lesson of one id, `sprint-goals`.
    fn engagement() -> Engagement {
        let info = "title: T\nclient: C\nkind: team\ncoach: X\nstart: 2026-01-12\nscale: {min: 1, max: 5}\ncompetencies: []\n";
        Engagement {
            root: ".".into(),
            info: serde_saphyr::from_str(info).unwrap(),
            objectives: vec![super::super::Objective {
                id: "sprint-goals".into(),
                source: Default::default(),
                front: serde_saphyr::from_str("title: Meet the sprint goal").unwrap(),
                body: Default::default(),
                body_line: 0,
                properties: vec![],
                visibility: super::super::Visibility::Client,
                history: vec![],
            }],
            assessments: vec![],
            plan: Default::default(),
            sessions: vec![],
            lessons: vec![super::super::Lesson {
                id: "sprint-goals".into(),
                source: Default::default(),
                front: serde_saphyr::from_str("title: What goals taught us").unwrap(),
                body: Default::default(),
                body_line: 0,
                properties: vec![],
                visibility: super::super::Visibility::Client,
            }],
            surveys: vec![],
            report: None,
            withheld: Default::default(),
            attachments: Default::default(),
        }
    }

    #[test]
    fn links_name_items_by_id_and_folder() {
        let e = engagement();
        let index = ItemIndex::new(&e);
        assert_eq!(index.resolve("sprint-goals").len(), 2, "ambiguous");
        let one = index.resolve("objectives/sprint-goals");
        assert_eq!(one.len(), 1);
        assert_eq!(index.title(&one[0]), Some("Meet the sprint goal"));
        assert_eq!(
            index.resolve("Coaching/acme/lessons/sprint-goals")[0].kind,
            ItemKind::Lesson
        );
        assert_eq!(index.resolve("sessions/2026/sprint-goals"), vec![]);
        assert_eq!(index.resolve("nothing"), vec![]);
        assert_eq!(index.resolve("Objectives/Sprint-Goals").len(), 1);
        // Of two items of one id and kind (an error the load reports), the last one's
        // title is kept.
        let mut twice = e.clone();
        let mut second = twice.lessons[0].clone();
        second.front.title = "Said again".into();
        twice.lessons.push(second);
        let index = ItemIndex::new(&twice);
        let lesson = index.resolve("lessons/sprint-goals");
        assert_eq!(lesson.len(), 1);
        assert_eq!(index.title(&lesson[0]), Some("Said again"));
        // The look-up that copies nothing finds the same.
        assert_eq!(index.lookup("sprint-goals").count(), 2);
        assert_eq!(index.lookup("sprint-goals").one(), None, "ambiguous");
        let lesson = ItemOf {
            kind: ItemKind::Lesson,
            id: "sprint-goals",
        };
        assert_eq!(index.lookup("Lessons/Sprint-Goals").one(), Some(lesson));
        assert_eq!(index.lookup("sessions/sprint-goals").count(), 0);
        assert_eq!(index.lookup("nothing").one(), None);
        for path in [
            "sprint-goals",
            "objectives/sprint-goals",
            "x/lessons/sprint-goals",
        ] {
            let refs: Vec<ItemRef> = index.lookup(path).items().map(ItemOf::to_ref).collect();
            assert_eq!(refs, index.resolve(path), "{path}");
        }
    }

    #[test]
    fn aliases_name_their_item_after_the_ids() {
        let mut e = engagement();
        let aliases = |list: &[&str]| list.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        e.objectives[0].front.aliases = aliases(&["The Goal", "Shared", "sprint-goals", " "]);
        e.lessons[0].front.aliases = aliases(&["shared", "The goal"]);
        e.lessons[0].id = "what-goals-taught".into();
        let mut other = e.lessons[0].clone();
        other.id = "the-goal".into();
        other.front.aliases = aliases(&["what-goals-taught"]);
        e.lessons.push(other);
        let index = ItemIndex::new(&e);
        let objective = ItemRef {
            kind: ItemKind::Objective,
            id: "sprint-goals".into(),
        };
        // Whatever its case, with a folder of its kind; not with another kind's folder.
        assert_eq!(
            index.resolve("the goal").len(),
            1,
            "an id wins over aliases"
        );
        // `[[The Goal]]` names the note whose file is `The Goal.md` (its id, `the-goal`).
        assert_eq!(index.resolve("the goal")[0].id, "the-goal");
        assert_eq!(index.resolve("SHARED").len(), 2, "two notes share it");
        assert_eq!(
            index.resolve("objectives/Shared"),
            vec![objective.clone()],
            "the folder says which"
        );
        assert_eq!(index.resolve("sessions/shared"), vec![]);
        assert_eq!(index.resolve("what-goals-taught")[0].kind, ItemKind::Lesson);
        assert_eq!(index.resolve(""), vec![], "an empty alias names nothing");
        // An alias's title is its item's.
        assert_eq!(
            index.title(&index.lookup("objectives/the goal").one().unwrap().to_ref()),
            Some("Meet the sprint goal")
        );
        assert_eq!(index.aliased("shared").len(), 2);
        assert_eq!(index.kinds_of("sprint-goals").count(), 1);
        let names: Vec<(String, &str)> = index.names().collect();
        assert!(names.contains(&("meet the sprint goal".into(), "sprint-goals")));
        assert!(names.contains(&("the goal".into(), "sprint-goals")));
        assert_eq!(
            names.iter().filter(|n| n.0 == "sprint-goals").count(),
            1,
            "its own id is no alias of an item"
        );
        // No more than the bound of a note's aliases.
        e.objectives[0].front.aliases = (0..limits::MAX_ALIASES_PER_NOTE + 5)
            .map(|i| format!("a{i}"))
            .collect();
        let index = ItemIndex::new(&e);
        assert_eq!(index.resolve("a99").len(), 1);
        assert_eq!(index.resolve("a100"), vec![]);
    }

    #[test]
    fn files_coachsite_does_not_show_are_known_by_their_extension() {
        for name in [
            "Canvas example.canvas",
            "standup.M4A",
            "demo.mp4",
            "clip.webm",
            "drawing.excalidraw.md",
            "sheet.xlsx",
        ] {
            assert!(is_unshown_name(name), "{name}");
        }
        for name in ["photo.png", "note", "v1.2 plan", ".mp3", "deck.pdf"] {
            assert!(!is_unshown_name(name), "{name}");
        }
    }

    #[test]
    fn attachments_are_found_as_obsidian_finds_them() {
        let mut files = Attachments::default();
        for path in [
            "sessions/2026/flip.jpg",
            "attachments/whiteboard.jpg",
            "attachments/deep/plan.pdf",
            "sessions/board photo.png",
            "lessons/plan.pdf",
            "attachments/café.jpg",
            "attachments/%FF.jpg",
        ] {
            files.insert(path.to_string());
        }
        let find = |file, target| files.find(file, target);
        // Beside the note, with an escaped space.
        assert_eq!(
            find("sessions/a.md", "board%20photo.png"),
            Some("sessions/board photo.png")
        );
        // In attachments/, by name alone, or by its path from the engagement folder.
        assert_eq!(
            find("sessions/a.md", "whiteboard.jpg"),
            Some("attachments/whiteboard.jpg")
        );
        assert_eq!(
            find("sessions/s.md", "plan.pdf"),
            Some("attachments/deep/plan.pdf"),
            "the first in path order"
        );
        assert_eq!(find("lessons/l.md", "plan.pdf"), Some("lessons/plan.pdf"));
        assert_eq!(
            find("objectives/o.md", "../sessions/2026/flip.jpg"),
            Some("sessions/2026/flip.jpg")
        );
        assert_eq!(
            find("report.md", "attachments/whiteboard.jpg"),
            Some("attachments/whiteboard.jpg")
        );
        // Any UTF-8 escape, not only a space's; escapes that are not UTF-8 are a name.
        assert_eq!(
            find("sessions/a.md", "caf%C3%A9.jpg"),
            Some("attachments/café.jpg")
        );
        assert_eq!(
            find("sessions/a.md", "%FF.jpg"),
            Some("attachments/%FF.jpg")
        );
        assert_eq!(find("sessions/a.md", "missing.png"), None);
        assert_eq!(find("sessions/a.md", "../../etc/x.png"), None);
        assert!(is_attachment_name("Board.JPG"));
        assert!(!is_attachment_name("notes.md"));
        assert!(!is_attachment_name(".png"));
    }
}
