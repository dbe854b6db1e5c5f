//! The watcher: one notify-debouncer-full watcher on the engagement (or practice)
//! folder, never on single files, so editors' rename-on-save is seen; it calls back
//! with the changed paths that can change the site.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify_debouncer_full::notify::{self, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, DebouncedEvent, new_debouncer_opt};

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
    if !INPUTS.contains(&first.as_ref()) {
        return false;
    }
    // `.coachsite` itself starts with a dot like an editor's file; what is inside counts.
    !rel.components()
        .skip(usize::from(first == ".coachsite"))
        .any(|c| is_editor_temp(&c.as_os_str().to_string_lossy()))
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
    /// How long the folder must be quiet before a rebuild starts.
    pub debounce: Duration,
    /// Poll the file system instead of using its notifications (network drives, WSL,
    /// containers).
    pub poll: bool,
}

/// A watcher that is already following the folder: every change made after
/// [`Watcher::start`] returns is seen, even before [`Watcher::run`] is called.
pub struct Watcher {
    root: PathBuf,
    /// A practice's engagements each count their own inputs.
    practice: bool,
    events: std::sync::mpsc::Receiver<DebounceEventResult>,
    _watching: Watching,
}

impl Watcher {
    /// Starts following `root` (recursively, the folder itself rather than its files).
    pub fn start(root: &Path, options: WatchOptions) -> Result<Watcher, String> {
        let root = std::fs::canonicalize(root)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let (tx, events) = std::sync::mpsc::channel::<DebounceEventResult>();
        // Polling compares contents too: modification times are kept in whole seconds,
        // so a second save within the same second would otherwise go unseen.
        let config = notify::Config::default()
            .with_poll_interval(options.debounce.max(Duration::from_millis(250)))
            .with_compare_contents(options.poll);
        let mut watching = if options.poll {
            new_debouncer_opt::<_, notify::PollWatcher, _>(
                options.debounce,
                None,
                tx,
                notify_debouncer_full::NoCache,
                config,
            )
            .map(Watching::Poll)
        } else {
            new_debouncer_opt::<_, notify::RecommendedWatcher, _>(
                options.debounce,
                None,
                tx,
                notify_debouncer_full::RecommendedCache::new(),
                config,
            )
            .map(Watching::Native)
        }
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        watching
            .watch(&root)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        Ok(Watcher {
            practice: is_practice(&root),
            root,
            events,
            _watching: watching,
        })
    }

    /// Calls `on_change` with the relevant changed paths after each quiet period, until
    /// the watcher stops; with `None` when the file system lost track of what changed
    /// (its queue of notifications overflowed, as a checkout of thousands of files can
    /// make it): then anything may have.
    pub fn run(self, mut on_change: impl FnMut(Option<Vec<PathBuf>>)) {
        for result in &self.events {
            let Ok(events) = result else { continue };
            let Some(changed) = self.changed(&events) else {
                continue;
            };
            // Whatever goes wrong in one rebuild, the watch goes on: the next save
            // rebuilds.
            let call = std::panic::AssertUnwindSafe(|| on_change(changed));
            if std::panic::catch_unwind(call).is_err() {
                eprintln!("error: the rebuild stopped on an internal error; save again to retry");
            }
        }
    }

    /// What a quiet period's events call for: nothing (`None`), the relevant paths that
    /// changed, or (`Some(None)`) everything.
    fn changed(&self, events: &[DebouncedEvent]) -> Option<Option<Vec<PathBuf>>> {
        if events.iter().any(|e| e.need_rescan()) {
            return Some(None);
        }
        let mut paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| !e.kind.is_access())
            .flat_map(|e| e.paths.iter())
            .filter(|p| {
                if self.practice {
                    is_relevant_in_practice(&self.root, p)
                } else {
                    is_relevant(&self.root, p)
                }
            })
            .cloned()
            .collect();
        paths.sort();
        paths.dedup();
        (!paths.is_empty()).then_some(Some(paths))
    }
}

/// The two kinds of watcher behind one `watch` call.
enum Watching {
    Native(
        notify_debouncer_full::Debouncer<
            notify::RecommendedWatcher,
            notify_debouncer_full::RecommendedCache,
        >,
    ),
    Poll(notify_debouncer_full::Debouncer<notify::PollWatcher, notify_debouncer_full::NoCache>),
}

impl Watching {
    fn watch(&mut self, root: &Path) -> notify::Result<()> {
        match self {
            Watching::Native(d) => d.watch(root, RecursiveMode::Recursive),
            Watching::Poll(d) => d.watch(root, RecursiveMode::Recursive),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(!is_relevant(root, Path::new("/elsewhere/sessions/a.md")));
    }

    #[test]
    fn a_watcher_that_lost_track_rebuilds_everything() {
        use notify::event::{EventKind, Flag, ModifyKind};
        let dir = tempfile::tempdir().unwrap();
        let options = WatchOptions {
            debounce: Duration::from_millis(25),
            poll: false,
        };
        let watcher = Watcher::start(dir.path(), options).unwrap();
        let event = |path: &str| {
            let event = notify::Event::new(EventKind::Modify(ModifyKind::Any));
            let event = if path.is_empty() {
                event.set_flag(Flag::Rescan)
            } else {
                event.add_path(dir.path().join(path))
            };
            DebouncedEvent::new(event, std::time::Instant::now())
        };
        let note = dir.path().join("sessions/a.md");
        assert_eq!(
            watcher.changed(&[event("sessions/a.md")]),
            Some(Some(vec![note]))
        );
        assert_eq!(watcher.changed(&[event("notes.txt")]), None);
        assert_eq!(
            watcher.changed(&[event("notes.txt"), event("")]),
            Some(None),
            "the queue overflowed: anything may have changed"
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
