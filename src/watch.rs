//! The watcher: one notify watcher on the engagement (or practice) folder, never on
//! single files, so editors' rename-on-save is seen; it gathers the changes that can
//! change the site until the folder is quiet and calls back with their paths. Quiet
//! means [`SETTLE`] after the save of one file, finished (closed after writing, or
//! renamed into place, which is how editors save), and the `--debounce` otherwise, so
//! that a save is rebuilt at once, and a half-written file or half a checkout is not.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecursiveMode, Watcher as _};

use crate::load::{INPUTS, is_attachment_name, is_editor_temp};
use crate::practice::is_practice;

/// Whether a change to `path` can change the site: inside a watched file or folder of
/// `root`, and not an editor's swap, backup or probe file.
pub fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let Some(first) = rel.components().next() else {
        return false;
    };
    let first = first.as_os_str().to_string_lossy();
    // An image or a PDF at the top of the folder is an attachment (Obsidian's default place).
    if rel.components().count() == 1 && is_attachment_name(&first) {
        return true;
    }
    if !INPUTS.contains(&first.as_ref())
        && !note_folders(root)
            .iter()
            .any(|f| rel.starts_with(Path::new(f)))
    {
        return false;
    }
    // `.coachsite` itself starts with a dot like an editor's file; what is inside counts.
    !rel.components()
        .skip(usize::from(first == ".coachsite"))
        .any(|c| is_editor_temp(&c.as_os_str().to_string_lossy()))
}

/// The folders `folders:` names in `root`'s engagement.yaml, read again only when that
/// file changes (its time and size), so that each change seen costs one look at it.
fn note_folders(root: &Path) -> Vec<String> {
    type Held = BTreeMap<PathBuf, (Option<(std::time::SystemTime, u64)>, Vec<String>)>;
    static HELD: std::sync::Mutex<Held> = std::sync::Mutex::new(BTreeMap::new());
    let stamp = std::fs::metadata(root.join("engagement.yaml"))
        .ok()
        .and_then(|m| Some((m.modified().ok()?, m.len())));
    let mut held = HELD.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((at, folders)) = held.get(root)
        && *at == stamp
    {
        return folders.clone();
    }
    let folders = crate::load::input_folders(root);
    held.insert(root.to_path_buf(), (stamp, folders.clone()));
    folders
}

/// [`is_relevant`] for a practice: a change inside an engagement counts by that
/// engagement's rules; an `engagement.yaml` that comes or goes, a folder made or gone
/// outside the engagements (with engagements in it) and the practice's own templates
/// count too.
pub fn is_relevant_in_practice(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    if rel
        .components()
        .any(|c| is_editor_temp(&c.as_os_str().to_string_lossy()) && c.as_os_str() != ".coachsite")
    {
        return false;
    }
    if path.file_name().is_some_and(|n| n == "engagement.yaml") {
        return true;
    }
    let mut folder = path.parent();
    while let Some(dir) = folder.filter(|d| d.starts_with(root) && *d != root) {
        if dir.join("engagement.yaml").is_file() {
            return is_relevant(dir, path);
        }
        folder = dir.parent();
    }
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy());
    // A folder made or removed outside every engagement may bring or take some (a folder
    // copied in whole can be reported as the folder alone, before its files are watched).
    matches!(first.as_deref(), Some(".coachsite" | "templates")) || !path.exists() || path.is_dir()
}

/// How the watcher notices changes.
#[derive(Debug, Clone, Copy)]
pub struct WatchOptions {
    /// How long the folder must be quiet, after a change that may not be finished,
    /// before a rebuild starts.
    pub debounce: Duration,
    /// Poll the file system instead of using its notifications (network drives, WSL,
    /// containers).
    pub poll: bool,
}

/// How long the folder must be quiet after the save of one file, finished (closed
/// after writing, or renamed into place), before a rebuild starts: a save is rebuilt at
/// once. Changes to several files (a checkout, "save all") wait for the debounce, so
/// that they are taken together even on a busy machine.
pub const SETTLE: Duration = Duration::from_millis(3);

/// The longest a batch waits for quiet, from its first change, unless the debounce is
/// longer: a file written for minutes (a recording synced in) does not hold back the
/// saves around it.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// A watcher that is already following the folder: every change made after
/// [`Watcher::start`] returns is seen, even before [`Watcher::run`] is called.
pub struct Watcher {
    root: PathBuf,
    /// A practice's engagements each count their own inputs.
    practice: bool,
    options: WatchOptions,
    events: std::sync::mpsc::Receiver<notify::Result<Event>>,
    _watching: Box<dyn notify::Watcher + Send>,
}

impl Watcher {
    /// Starts following `root` (recursively, the folder itself rather than its files).
    pub fn start(root: &Path, options: WatchOptions) -> Result<Watcher, String> {
        let root = std::fs::canonicalize(root)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let cannot = |e: notify::Error| format!("cannot watch {}: {e}", root.display());
        let (tx, events) = std::sync::mpsc::channel();
        // Polling compares contents too: modification times are kept in whole seconds,
        // so a second save within the same second would otherwise go unseen.
        let config = notify::Config::default()
            .with_poll_interval(options.debounce.max(Duration::from_millis(250)))
            .with_compare_contents(options.poll);
        let mut watching: Box<dyn notify::Watcher + Send> = if options.poll {
            Box::new(notify::PollWatcher::new(tx, config).map_err(cannot)?)
        } else {
            Box::new(notify::RecommendedWatcher::new(tx, config).map_err(cannot)?)
        };
        watching
            .watch(&root, RecursiveMode::Recursive)
            .map_err(cannot)?;
        Ok(Watcher {
            practice: is_practice(&root),
            root,
            options,
            events,
            _watching: watching,
        })
    }

    /// Calls `on_change` with the relevant changed paths after each quiet period, until
    /// the watcher stops; with `None` when the file system lost track of what changed
    /// (its queue of notifications overflowed, as a checkout of thousands of files can
    /// make it): then anything may have. Changes made while `on_change` runs are
    /// gathered for the next call.
    pub fn run(self, mut on_change: impl FnMut(Option<Vec<PathBuf>>)) {
        while let Some(changed) = self.next_batch() {
            // Whatever goes wrong in one rebuild, the watch goes on: the next save
            // rebuilds.
            let call = std::panic::AssertUnwindSafe(|| on_change(changed));
            if std::panic::catch_unwind(call).is_err() {
                eprintln!("error: the rebuild stopped on an internal error; save again to retry");
            }
        }
    }

    /// Waits for the first relevant change, then for the folder to be quiet
    /// ([`Batch::quiet_for`]); `None` once the watcher stops.
    fn next_batch(&self) -> Option<Option<Vec<PathBuf>>> {
        let mut batch = Batch::default();
        loop {
            let event = match batch.deadline(self.options.debounce) {
                None => self.events.recv().ok()?,
                Some(deadline) => {
                    // Checked first: events that keep coming (irrelevant ones too) do
                    // not hold the batch back past its time.
                    let wait = deadline.saturating_duration_since(Instant::now());
                    if wait.is_zero() {
                        return Some(batch.changed());
                    }
                    match self.events.recv_timeout(wait) {
                        Ok(event) => event,
                        Err(RecvTimeoutError::Timeout) => return Some(batch.changed()),
                        Err(RecvTimeoutError::Disconnected) => return None,
                    }
                }
            };
            // An error of the watcher (a new folder it could not follow, as a rule):
            // what changed may not be known, so everything is looked at.
            let Ok(event) = event else {
                batch.lost_track(Instant::now());
                continue;
            };
            let relevant = |p: &Path| {
                if self.practice {
                    is_relevant_in_practice(&self.root, p)
                } else {
                    is_relevant(&self.root, p)
                }
            };
            batch.add(&event, relevant, Instant::now());
        }
    }
}

/// The changes seen since the last rebuild, path by path.
#[derive(Default)]
struct Batch {
    paths: BTreeMap<PathBuf, PathState>,
    /// The file system lost track: anything may have changed.
    rescan: bool,
    /// When the first and the last relevant change were seen (`None`: none yet).
    first: Option<Instant>,
    last: Option<Instant>,
}

#[derive(Clone, Copy, PartialEq, Debug)]
struct PathState {
    /// The path's first change in the batch made it (the file did not exist before).
    born: bool,
    last: Change,
}

/// What a path's last change left.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Change {
    /// A file closed after writing, or renamed to this name: finished.
    Finished,
    /// Gone (deleted, or renamed away): an editor that saves by renaming writes the
    /// file again under its name right after.
    Gone,
    /// Made or written: more may follow.
    Open,
    /// Its attributes changed (vim sets them after writing): what the path's last
    /// change left stands.
    Attributes,
}

impl Change {
    /// What this change leaves after `before`.
    fn after(self, before: Change) -> Change {
        match self {
            Change::Attributes => before,
            change => change,
        }
    }
}

impl Batch {
    /// Takes in one event: a read of a file (coachsite's own, as a rule) is no change;
    /// paths that cannot change the site are left out.
    fn add(&mut self, event: &Event, relevant: impl Fn(&Path) -> bool, now: Instant) {
        if event.need_rescan() {
            self.lost_track(now);
            return;
        }
        for (i, path) in event.paths.iter().enumerate() {
            let Some(change) = change_of(&event.kind, i) else {
                continue;
            };
            if !relevant(path) {
                continue;
            }
            let made = matches!(event.kind, EventKind::Create(_));
            self.paths
                .entry(path.clone())
                .and_modify(|state| state.last = change.after(state.last))
                .or_insert(PathState {
                    born: made,
                    last: change.after(Change::Finished),
                });
            self.seen(now);
        }
    }

    /// The file system lost track of what changed: anything may have.
    fn lost_track(&mut self, now: Instant) {
        self.rescan = true;
        self.seen(now);
    }

    fn seen(&mut self, now: Instant) {
        self.first.get_or_insert(now);
        self.last = Some(now);
    }

    /// When the batch is rebuilt if nothing else comes: once the folder has been quiet
    /// for [`Batch::quiet_for`], and at the latest [`MAX_WAIT`] (or the debounce, if
    /// longer) after its first change. `None` before any change.
    fn deadline(&self, debounce: Duration) -> Option<Instant> {
        let quiet = self.last? + self.quiet_for(debounce);
        let latest = self.first? + MAX_WAIT.max(debounce);
        Some(quiet.min(latest))
    }

    /// How long the folder must be quiet before this batch is rebuilt: [`SETTLE`] when
    /// it is the save of one file, finished (a file made and gone within the batch,
    /// an editor's temporary file, does not count), `debounce` otherwise.
    fn quiet_for(&self, debounce: Duration) -> Duration {
        let temporary = |s: &PathState| s.born && s.last == Change::Gone;
        let mut saved = self.paths.values().filter(|s| !temporary(s));
        let one_save =
            saved.next().is_some_and(|s| s.last == Change::Finished) && saved.next().is_none();
        if !self.rescan && one_save {
            SETTLE.min(debounce)
        } else {
            debounce
        }
    }

    /// The paths to rebuild after, or `None` for everything.
    fn changed(self) -> Option<Vec<PathBuf>> {
        (!self.rescan).then(|| self.paths.into_keys().collect())
    }
}

/// What an event does to the path at `index` among its paths; `None` for a read.
fn change_of(kind: &EventKind, index: usize) -> Option<Change> {
    Some(match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => Change::Finished,
        EventKind::Access(_) => return None,
        EventKind::Modify(ModifyKind::Name(RenameMode::To)) => Change::Finished,
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) if index == 1 => Change::Finished,
        EventKind::Modify(ModifyKind::Name(_)) | EventKind::Remove(_) => Change::Gone,
        EventKind::Modify(ModifyKind::Metadata(_)) => Change::Attributes,
        _ => Change::Open,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vault_s_own_folders_count_once_engagement_yaml_names_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let yaml = root.join("engagement.yaml");
        std::fs::write(&yaml, "title: T\n").expect("write");
        assert!(!is_relevant(
            root,
            &root.join("Meetings/2024-11-13 John.md")
        ));
        std::fs::write(
            &yaml,
            "title: T\nfolders: {sessions: [Meetings, Work/1-1s]}\n",
        )
        .expect("write");
        assert!(is_relevant(root, &root.join("Meetings/2024-11-13 John.md")));
        assert!(is_relevant(root, &root.join("Work/1-1s/a.md")));
        assert!(!is_relevant(root, &root.join("Work/other.md")));
        assert!(!is_relevant(root, &root.join("People/John.md")));
        assert!(!is_relevant(root, &root.join(".obsidian/workspace.json")));
    }

    #[test]
    fn only_content_changes_count() {
        let root = Path::new("/e");
        assert!(is_relevant(
            root,
            Path::new("/e/sessions/2026-01-20-kick-off.md")
        ));
        assert!(is_relevant(root, Path::new("/e/sessions/2026/new.md")));
        assert!(is_relevant(root, Path::new("/e/engagement.yaml")));
        assert!(is_relevant(root, Path::new("/e/attachments/board.jpg")));
        assert!(is_relevant(root, Path::new("/e/whiteboard.png")));
        assert!(!is_relevant(root, Path::new("/e/notes.txt")));
        assert!(is_relevant(root, Path::new("/e/templates/base.html")));
        assert!(
            !is_relevant(root, Path::new("/e/public/index.html")),
            "the output folder"
        );
        assert!(!is_relevant(root, Path::new("/e/.git/index")));
        assert!(
            !is_relevant(root, Path::new("/e/sessions/.kick-off.md.swp")),
            "vim swap"
        );
        assert!(
            !is_relevant(root, Path::new("/e/sessions/4913")),
            "vim's probe"
        );
        assert!(
            !is_relevant(root, Path::new("/e/sessions/#notes.md#")),
            "emacs auto-save"
        );
        assert!(
            !is_relevant(root, Path::new("/e/sessions/.#notes.md")),
            "emacs lock"
        );
        assert!(
            !is_relevant(root, Path::new("/e/sessions/notes.md~")),
            "backup"
        );
        for jetbrains in ["notes.md___jb_tmp___", "notes.md___jb_old___"] {
            let path = Path::new("/e/sessions").join(jetbrains);
            assert!(!is_relevant(root, &path), "JetBrains' safe write");
        }
        assert!(!is_relevant(root, Path::new("/elsewhere/sessions/a.md")));
    }

    fn event(kind: EventKind, paths: &[&str]) -> Event {
        paths
            .iter()
            .fold(Event::new(kind), |e, p| e.add_path(Path::new("/e").join(p)))
    }

    const NOTE: &str = "sessions/a.md";
    const DEBOUNCE: Duration = Duration::from_millis(25);

    /// The batch after these events, all at one instant, and how long it waits.
    fn batch(events: &[Event]) -> (Batch, Duration) {
        let mut batch = Batch::default();
        let now = Instant::now();
        for e in events {
            batch.add(e, |p| is_relevant(Path::new("/e"), p), now);
        }
        let quiet = batch.quiet_for(DEBOUNCE);
        (batch, quiet)
    }

    fn wait_after(events: &[Event]) -> Duration {
        batch(events).1
    }

    #[test]
    fn a_finished_save_is_rebuilt_at_once_and_a_half_written_file_waits() {
        use notify::event::{CreateKind, DataChange, MetadataKind, RemoveKind};
        let written = || {
            event(
                EventKind::Modify(ModifyKind::Data(DataChange::Any)),
                &[NOTE],
            )
        };
        let closed = || {
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                &[NOTE],
            )
        };
        let opened = event(
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            &[NOTE],
        );
        let made = |p: &str| event(EventKind::Create(CreateKind::File), &[p]);
        let renamed = |from: &str, to: &str| {
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &[from, to],
            )
        };
        // Written in place and closed (VS Code, Obsidian).
        assert_eq!(wait_after(&[written(), written(), closed()]), SETTLE);
        // Still being written.
        assert_eq!(wait_after(&[closed(), written()]), DEBOUNCE);
        // Written to a temporary file, then renamed into place (atomic save).
        let atomic = [
            made("sessions/a.md.part"),
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                &["sessions/a.md.part"],
            ),
            renamed("sessions/a.md.part", NOTE),
        ];
        assert_eq!(wait_after(&atomic), SETTLE);
        // vim: the note renamed to its backup, then written again under its name, and
        // its attributes set after it is closed. Until it is written, the note is gone
        // and may come back.
        let attributes = || {
            event(
                EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
                &[NOTE],
            )
        };
        let vim = [renamed(NOTE, "sessions/a.md~"), made(NOTE)];
        assert_eq!(wait_after(&vim[..1]), DEBOUNCE);
        assert_eq!(wait_after(&vim), DEBOUNCE);
        let mut saved = vim.to_vec();
        saved.extend([written(), attributes(), closed(), attributes()]);
        assert_eq!(wait_after(&saved), SETTLE);
        // JetBrains' safe write: the note renamed to a copy, a temporary file written and
        // renamed to the note (both copies are editor files, never in a batch).
        let jetbrains = [
            renamed(NOTE, "sessions/a.md___jb_old___"),
            made("sessions/a.md___jb_tmp___"),
            renamed("sessions/a.md___jb_tmp___", NOTE),
        ];
        assert_eq!(wait_after(&jetbrains), SETTLE);
        // Several files saved at once (a checkout, "save all") wait to be taken
        // together, finished or not.
        let other = "sessions/b.md";
        let closed_other = event(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            &[other],
        );
        assert_eq!(wait_after(&[closed(), closed_other]), DEBOUNCE);
        // A note deleted waits: an editor may be about to write it again.
        assert_eq!(
            wait_after(&[event(EventKind::Remove(RemoveKind::File), &[NOTE])]),
            DEBOUNCE
        );
        // Reads are no change: no batch starts.
        let (only_read, _) = batch(std::slice::from_ref(&opened));
        assert!(only_read.last.is_none() && only_read.paths.is_empty());
        // Paths that cannot change the site do not hold a batch back.
        let (other, quiet) = batch(&[event(EventKind::Any, &["notes.txt"]), closed()]);
        assert_eq!(quiet, SETTLE);
        assert_eq!(other.changed(), Some(vec![Path::new("/e").join(NOTE)]));
        // A debounce shorter than the settle wins.
        let (short, _) = batch(&[closed()]);
        assert_eq!(
            short.quiet_for(Duration::from_millis(1)),
            Duration::from_millis(1)
        );
    }

    #[test]
    fn a_batch_waits_for_quiet_but_not_past_its_longest_wait() {
        let written = event(EventKind::Modify(ModifyKind::Any), &[NOTE]);
        let mut batch = Batch::default();
        assert_eq!(batch.deadline(DEBOUNCE), None, "nothing to wait for");
        let start = Instant::now();
        batch.add(&written, |_| true, start);
        assert_eq!(batch.deadline(DEBOUNCE), Some(start + DEBOUNCE));
        // Written again every 20 ms for two seconds: quiet never comes.
        let later = start + Duration::from_secs(2);
        batch.add(&written, |_| true, later);
        assert_eq!(batch.deadline(DEBOUNCE), Some(start + MAX_WAIT));
        // A debounce longer than the longest wait is waited for all the same.
        let long = Duration::from_secs(5);
        assert_eq!(batch.deadline(long), Some(start + long));
    }

    #[test]
    fn a_watcher_that_lost_track_rebuilds_everything() {
        use notify::event::Flag;
        let lost = Event::new(EventKind::Any).set_flag(Flag::Rescan);
        let closed = event(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            &[NOTE],
        );
        let (batch, quiet) = batch(&[closed, lost]);
        assert_eq!(quiet, DEBOUNCE);
        assert_eq!(batch.changed(), None, "anything may have changed");
    }

    #[test]
    fn a_save_reaches_the_watch_and_other_files_do_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sessions")).unwrap();
        let options = WatchOptions {
            debounce: Duration::from_millis(25),
            poll: false,
        };
        let watcher = Watcher::start(dir.path(), options).unwrap();
        let root = watcher.root.clone();
        std::fs::write(dir.path().join("sessions/a.md"), "x").unwrap();
        std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
        assert_eq!(
            watcher.next_batch(),
            Some(Some(vec![root.join("sessions/a.md")]))
        );
    }

    #[test]
    fn in_a_practice_each_engagement_counts_its_own_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let acme = root.join("clients/acme");
        std::fs::create_dir_all(acme.join("sessions")).unwrap();
        std::fs::write(acme.join("engagement.yaml"), "").unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::write(root.join(".git/index"), "").unwrap();
        std::fs::write(root.join("notes.txt"), "").unwrap();
        let relevant = |rel: &str| is_relevant_in_practice(root, &root.join(rel));
        assert!(relevant("clients/acme/sessions/a.md"));
        assert!(relevant("clients/acme/engagement.yaml"));
        assert!(!relevant("clients/acme/public/index.html"), "a built site");
        assert!(
            !relevant("clients/acme/sessions/.a.md.swp"),
            "an editor's file"
        );
        assert!(
            relevant("clients/new/engagement.yaml"),
            "an engagement comes"
        );
        assert!(relevant("clients/gone"), "a folder that is gone");
        assert!(relevant(".coachsite/templates/practice.html"));
        assert!(!relevant(".git/index") && !relevant("notes.txt"));
        std::fs::create_dir_all(root.join("clients/copied-in")).unwrap();
        assert!(relevant("clients/copied-in"), "a folder that comes");
    }
}
