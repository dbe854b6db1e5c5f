//! What `serve` keeps of each file between loads ([`Cache`]), and the save that changed
//! one note's body alone ([`Cache::body_edit`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::item::parse_item;
use super::{FileKind, Item, Walk};
use crate::diagnostic::Diagnostics;
use crate::markdown;
use crate::model::*;

/// What `serve` keeps of each file it read: the file's size and modification time, and
/// what parsing it gave. A file is parsed again when either changed, or when it is
/// [`Cache::forget`]-ten (the watcher saw it change); the cross-file checks run on
/// every load. A change the watcher did not report is found all the same: a load
/// walks the folder and looks at every file held (size and time), but the load after
/// [`Cache::trust`], which takes the watcher's word for it and is checked afterwards
/// with [`Cache::missed`].
///
/// One of the five caches of `serve`'s incremental state: ARCHITECTURE.md's "Incremental state" lists them, each with its
/// key, what invalidates it and what it saves.
#[derive(Default)]
pub struct Cache {
    files: Mutex<HashMap<PathBuf, Cached>>,
    /// What the last walk of the folder found.
    walk: Mutex<Option<Walk>>,
    /// Set by [`Cache::trust`] for the next load.
    trust: AtomicBool,
    /// The last history of targets read from git, by what it was read for (the commit
    /// at `HEAD` and the objectives' paths): a save reads it again only after a commit.
    history: Mutex<Option<(String, super::history::Histories)>>,
}

struct Cached {
    stamp: Stamp,
    parsed: Parsed,
}

/// At most this many files changed in one save for a load to take the watcher's word
/// ([`Cache::trust`]): a checkout is walked.
const TRUSTED_AT_MOST: usize = 16;

/// What parsing one file gave: its item, if it could be read, and its problems.
type Parsed = (Option<Item>, Diagnostics);

/// A file's size and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

impl Cache {
    /// Parses these files again on the next load.
    pub fn forget(&self, paths: &[PathBuf]) {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        for path in paths {
            files.remove(path);
        }
    }

    /// Parses every file again on the next load.
    pub fn clear(&self) {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).clear();
        *self.walk.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// After a save of `changed` (the watcher's word), forgotten already: when each is
    /// a file the last walk found and still a file, the next load does not walk the
    /// folder again nor look at the files held, and `true`. Then [`Cache::missed`]
    /// says, after the load, whether anything else changed.
    pub fn trust(&self, changed: &[PathBuf]) -> bool {
        let walk = self.walk.lock().unwrap_or_else(|e| e.into_inner());
        let Some(walk) = walk.as_ref() else {
            return false;
        };
        let found = |path: &PathBuf| walk.files.iter().any(|(_, p)| p == path);
        let trusted = !changed.is_empty()
            && changed.len() <= TRUSTED_AT_MOST
            && changed.iter().all(|p| found(p) && p.is_file());
        self.trust.store(trusted, Ordering::Relaxed);
        trusted
    }

    /// The walk the load after [`Cache::trust`] takes instead of walking.
    pub(super) fn trusted_walk(&self) -> Option<Walk> {
        if !self.trust.swap(false, Ordering::Relaxed) {
            return None;
        }
        self.walk.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The history read last for `key`, if it is the last one read.
    pub(super) fn history(&self, key: &str) -> Option<super::history::Histories> {
        let held = self.history.lock().unwrap_or_else(|e| e.into_inner());
        held.as_ref()
            .filter(|(k, _)| k == key)
            .map(|(_, h)| h.clone())
    }

    /// Keeps the history read for `key`.
    pub(super) fn keep_history(&self, key: String, history: &super::history::Histories) {
        *self.history.lock().unwrap_or_else(|e| e.into_inner()) = Some((key, history.clone()));
    }

    /// Keeps what a load's walk found.
    pub(super) fn keep_walk(&self, walk: &Walk) {
        *self.walk.lock().unwrap_or_else(|e| e.into_inner()) = Some(walk.clone());
    }

    /// Whether the folder is not what the last load read: a walk finds other files, or
    /// a file held changed (size or time). What a load after [`Cache::trust`] did not
    /// look at, looked at now.
    pub fn missed(&self, root: &Path) -> bool {
        let held = self.walk.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let Some(held) = held else {
            return true;
        };
        if Walk::of(root, &held.folders) != held {
            return true;
        }
        let files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files
            .par_iter()
            .any(|(path, cached)| stamp(path) != Some(cached.stamp))
    }

    /// The number of files held.
    pub fn len(&self) -> usize {
        self.files.lock().map_or(0, |f| f.len())
    }

    /// Whether no file is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// When `path` is a note (a session note, a lesson or an objective) held here that
    /// now reads without a problem, as it did, and differs from what was held below its
    /// front matter alone, with the same links (by what they name) and `#tags`: takes
    /// the new parse in and gives the new body. The checks of a load then find in the
    /// note what they found before. Otherwise `None`, and the next load parses the
    /// file again.
    pub fn body_edit(&self, root: &Path, path: &Path) -> Option<BodyEdit> {
        let stamp = stamp(path)?;
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        let Cached {
            parsed: (Some(old), old_problems),
            ..
        } = files.get(path)?
        else {
            return None;
        };
        let old_note = Note::of(old)?;
        let parsed = parse_item(root, old_note.file_kind(), path);
        let (Some(new), new_problems) = &parsed else {
            return None;
        };
        let new_note = Note::of(new)?;
        let body_alone = old_problems.items.is_empty()
            && new_problems.items.is_empty()
            && old_note.same_but_body(&new_note)
            && same_front(old, new)
            && super::plugins::says_nothing_of(new_note.body);
        if !body_alone {
            return None;
        }
        let edit = BodyEdit {
            kind: new_note.kind,
            id: new_note.id.to_string(),
            file: new_note.source.path.clone(),
            body: new_note.body.clone(),
        };
        files.insert(path.to_path_buf(), Cached { stamp, parsed });
        Some(edit)
    }

    /// One file: from `held` when it has not changed since (`true`), or when it is held
    /// and `trusted`; parsed otherwise.
    fn parse(
        held: &HashMap<PathBuf, Cached>,
        root: &Path,
        (kind, path): &(FileKind, PathBuf),
        trusted: bool,
    ) -> (Parsed, Option<Stamp>, bool) {
        if trusted && let Some(cached) = held.get(path) {
            return (cached.parsed.clone(), Some(cached.stamp), true);
        }
        let (kind, path) = (*kind, path.as_path());
        let stamp = stamp(path);
        if let Some(cached) = held.get(path).filter(|c| Some(c.stamp) == stamp) {
            return (cached.parsed.clone(), stamp, true);
        }
        (parse_item(root, kind, path), stamp, false)
    }

    /// Every file of a load, parsed or from the cache; the cache then holds these
    /// files only (a file renamed or deleted is let go).
    /// With `trusted` (the load after [`Cache::trust`]), a file held is taken as it was.
    pub(super) fn parse_all(
        &self,
        root: &Path,
        files: &[(FileKind, PathBuf)],
        trusted: bool,
    ) -> Vec<Parsed> {
        let mut held = self.files.lock().unwrap_or_else(|e| e.into_inner());
        let parsed: Vec<_> = files
            .par_iter()
            .map(|file| Cache::parse(&held, root, file, trusted))
            .collect();
        // The cache is brought up to date in place: what was reused stays where it is.
        let mut current = 0;
        let parsed = files
            .iter()
            .zip(parsed)
            .map(|((_, path), (parsed, stamp, reused))| {
                match (reused, stamp) {
                    (true, _) => current += 1,
                    (false, Some(stamp)) => {
                        current += 1;
                        let cached = Cached {
                            stamp,
                            parsed: parsed.clone(),
                        };
                        held.insert(path.clone(), cached);
                    }
                    (false, None) => {
                        held.remove(path);
                    }
                }
                parsed
            })
            .collect();
        // Files held that this load did not find (renamed, deleted) are let go.
        if held.len() > current {
            let found: std::collections::HashSet<&Path> =
                files.iter().map(|(_, p)| p.as_path()).collect();
            held.retain(|path, _| found.contains(path.as_path()));
        }
        parsed
    }
}

/// A note whose body alone changed ([`Cache::body_edit`]).
pub struct BodyEdit {
    /// A session note, a lesson or an objective.
    pub kind: ItemKind,
    /// The note's id.
    pub id: String,
    /// Its file, relative to the engagement folder.
    pub file: String,
    /// Its new body, as written.
    pub body: Markdown,
}

/// What [`Cache::body_edit`] compares of a note, but its front matter.
struct Note<'a> {
    kind: ItemKind,
    id: &'a str,
    source: &'a Source,
    body: &'a Markdown,
    body_line: u32,
    visibility: Visibility,
}

impl<'a> Note<'a> {
    fn of(item: &'a Item) -> Option<Note<'a>> {
        let note = |kind, id: &'a String, source, body, body_line, visibility| Note {
            kind,
            id,
            source,
            body,
            body_line,
            visibility,
        };
        Some(match item {
            Item::Session(s) => note(
                ItemKind::Session,
                &s.id,
                &s.source,
                &s.body,
                s.body_line,
                s.visibility,
            ),
            Item::Lesson(l) => note(
                ItemKind::Lesson,
                &l.id,
                &l.source,
                &l.body,
                l.body_line,
                l.visibility,
            ),
            Item::Objective(o) => note(
                ItemKind::Objective,
                &o.id,
                &o.source,
                &o.body,
                o.body_line,
                o.visibility,
            ),
            Item::Assessment(_) | Item::Survey(_) => return None,
        })
    }

    fn file_kind(&self) -> FileKind {
        match self.kind {
            ItemKind::Lesson => FileKind::Lesson,
            ItemKind::Objective => FileKind::Objective,
            _ => FileKind::Session,
        }
    }

    /// The same note, with a body that names the same things and has the same tags and
    /// tasks.
    fn same_but_body(&self, new: &Note) -> bool {
        let (a, b) = (self.body.as_ref(), new.body.as_ref());
        (
            self.kind,
            self.id,
            self.source,
            self.body_line,
            self.visibility,
        ) == (new.kind, new.id, new.source, new.body_line, new.visibility)
            && markdown::same_targets(&markdown::references(a), &markdown::references(b))
            && markdown::tags(a) == markdown::tags(b)
            && super::tasks::same_tasks(a, b)
    }
}

/// Whether two parses of one file have the same front matter.
fn same_front(old: &Item, new: &Item) -> bool {
    match (old, new) {
        (Item::Session(a), Item::Session(b)) => a.front == b.front && a.properties == b.properties,
        (Item::Lesson(a), Item::Lesson(b)) => a.front == b.front && a.properties == b.properties,
        (Item::Objective(a), Item::Objective(b)) => {
            a.front == b.front && a.properties == b.properties
        }
        _ => false,
    }
}
