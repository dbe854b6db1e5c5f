//! `serve` and `watch`: rebuild on every save.
//!
//! One watcher ([`crate::watch::Watcher`], the `watch` module) follows the engagement
//! folder and calls back with the changed paths that matter. `serve` keeps the site in
//! memory ([`LiveSite`]), serves it on 127.0.0.1 with axum (`http.rs`), and tells open
//! pages to reload through server-sent events; `watch` writes each good build to the
//! output folder. A failed rebuild keeps the last good site and shows the errors over
//! every page until a save fixes them.
//!
//! For one engagement, a save loads again only the files that changed (the others come
//! from [`crate::Kept`], which also keeps each unchanged note as the reader reads it),
//! makes the figures, tags and links again over the whole
//! engagement, and makes each page only when it is asked for, from that state: no
//! page is kept from before the save, so none can be stale, and what a save costs does
//! not grow with the number of pages. On a practice (a folder of engagements), a save
//! rebuilds the engagement it is in and the practice home, and only their open pages
//! reload: the engagements are independent of each other, and the home is made again
//! every time.

mod http;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::Instant;

use tokio::sync::broadcast;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::practice::{PracticeBuild, is_practice};
use crate::{BuildOptions, Ready};

pub use http::{
    HEADER_TIMEOUT, MAX_CONNECTIONS, Overlay, bind, host_allowed, inject, router, run, site_path,
};

/// The path of the live-reload event stream.
pub const EVENTS_PATH: &str = "/__coachsite/events";

/// What a rebuild did, for the terminal.
pub enum Rebuilt {
    /// The rebuild succeeded: the new site is served.
    Ok {
        /// How many pages the site has.
        pages: usize,
        /// How long the rebuild took, in milliseconds.
        millis: u128,
        /// What the rebuild warns about.
        warnings: Diagnostics,
        /// The date the figures were computed for.
        as_of: crate::Date,
        /// On a practice: the engagements that were built again.
        rebuilt: Option<Vec<String>>,
        /// When the save changed one note's text alone: its file. Nothing else
        /// was made again.
        text_of: Option<String>,
    },
    /// The rebuild failed: the last good site is still served, under an overlay that shows
    /// the errors.
    Failed {
        /// Every error found.
        errors: Diagnostics,
    },
}

/// The site kept in memory by `serve`, with the errors of the last rebuild if it failed.
pub struct LiveSite {
    options: BuildOptions,
    /// A practice, engagement by engagement (`None` for one engagement).
    practice: Option<Mutex<PracticeBuild>>,
    /// One engagement: what the loads parsed, file by file, and its notes as read.
    kept: crate::Kept,
    /// The engagement's folder as the watcher names it (the real path of
    /// `options.root`), to name the changed files as the loads do.
    canonical: PathBuf,
    state: Arc<RwLock<SiteState>>,
    /// After each rebuild: the url paths whose pages should reload, as JSON.
    events: broadcast::Sender<String>,
}

type Files = HashMap<String, Arc<Vec<u8>>>;

#[derive(Default)]
struct SiteState {
    /// The site's files but its pages: the style sheet and static files; on a
    /// practice, every file at its top (the home).
    files: Files,
    /// A practice's engagements' files, by the engagement's path in the site.
    parts: BTreeMap<String, Files>,
    /// One engagement: its pages, made when asked for.
    pages: Option<Arc<Pages>>,
    /// What is wrong (the errors of the last rebuild), while it lasts.
    errors: Option<Overlay>,
    version: u64,
}

/// One engagement's pages after a good rebuild: each made when it is first asked for,
/// from what the rebuild prepared, and kept until the next rebuild.
struct Pages {
    ready: Ready,
    /// Every warning of the rebuild, for the terminal.
    warnings: Diagnostics,
    root: PathBuf,
    made: Mutex<HashMap<String, Arc<Vec<u8>>>>,
    /// Set once every page has been made (then every attachment they embed is known),
    /// with the errors of the pages that could not be.
    all_made: OnceLock<Diagnostics>,
}

/// A file of the site as `serve` answers it.
enum Found {
    File(Arc<Vec<u8>>),
    /// A page that could not be made (an error in a template, as a rule).
    Failed(Diagnostic),
}

impl Pages {
    /// The page at `path`, made now or earlier in this rebuild.
    fn page(&self, path: &str) -> Option<Found> {
        if let Some(bytes) = self.made.lock().ok()?.get(path) {
            return Some(Found::File(bytes.clone()));
        }
        let ready = &self.ready;
        // Search's page and shards are made together: all are kept.
        Some(match ready.prepared.render_files(&ready.theme, path)? {
            Ok(files) => {
                let bytes = files.first().map(|f| Arc::new(f.bytes.clone()));
                if let Ok(mut made) = self.made.lock() {
                    for file in files {
                        made.entry(file.path)
                            .or_insert_with(|| Arc::new(file.bytes));
                    }
                }
                Found::File(bytes.unwrap_or_default())
            }
            Err(d) => Found::Failed(d),
        })
    }

    /// An attachment a page embeds, read from the engagement folder. Which ones they
    /// embed is known once the pages are made: a request for one before its page makes
    /// every page first.
    fn attachment(&self, path: &str) -> Option<Found> {
        if !crate::load::is_attachment_name(path) {
            return None;
        }
        let used = |pages: &Pages| pages.ready.prepared.attachments().contains(path);
        if !used(self) {
            self.all();
            if !used(self) {
                return None;
            }
        }
        let file = self.root.join(path);
        crate::load::Inside::new(&self.root).check(&file).ok()?;
        let read = crate::load::read_at_most(&file, crate::limits::MAX_ATTACHMENT_BYTES);
        read.ok().map(|bytes| Found::File(Arc::new(bytes)))
    }

    /// Makes every page (once), and gives the errors of those that could not be made.
    fn all(&self) -> &Diagnostics {
        self.all_made.get_or_init(|| {
            let ready = &self.ready;
            let made = ready
                .prepared
                .render_all(&ready.theme, &|file: crate::OutputFile| {
                    if let Ok(mut made) = self.made.lock() {
                        made.insert(file.path, Arc::new(file.bytes));
                    }
                    Ok(())
                });
            made.err().unwrap_or_default()
        })
    }
}

impl LiveSite {
    /// The live site of an engagement or, for the coach, of a practice.
    pub fn new(options: BuildOptions) -> Arc<LiveSite> {
        let (events, _) = broadcast::channel(64);
        let canonical =
            std::fs::canonicalize(&options.root).unwrap_or_else(|_| options.root.clone());
        let practice = is_practice(&options.root)
            .then(|| PracticeBuild::keeping_parses(options.clone()).ok())
            .flatten()
            .map(Mutex::new);
        Arc::new(LiveSite {
            options,
            practice,
            kept: crate::Kept::default(),
            canonical,
            state: Arc::new(RwLock::new(SiteState::default())),
            events,
        })
    }

    /// Builds the whole site again (see [`LiveSite::rebuild_after`]).
    pub fn rebuild(&self) -> Rebuilt {
        self.rebuild_after(None)
    }

    /// Builds the site again after a change to `changed` (everything for `None`); on
    /// failure the last good site stays and the errors are shown over its pages. Either
    /// way, open pages are told to reload: on a practice, those of the engagements
    /// rebuilt and the home.
    pub fn rebuild_after(&self, changed: Option<&[PathBuf]>) -> Rebuilt {
        if let Some(practice) = &self.practice {
            let mut practice = practice.lock().unwrap_or_else(|e| e.into_inner());
            return self.rebuild_practice(&mut practice, changed);
        }
        let started = Instant::now();
        let changed = changed.map(|paths| self.as_loaded(paths));
        let changed = changed.as_deref();
        if let Some(paths) = changed
            && let Ok(Some(done)) = crate::guarded(|| Ok(self.body_edit(paths, started)))
        {
            return done;
        }
        // The watcher's word is taken for which files changed, and checked once the new
        // site is served.
        let trusted = match changed {
            Some(paths) => self.kept.forget_trusting(paths),
            None => {
                self.kept.clear();
                false
            }
        };
        let result = crate::guarded(|| self.prepare());
        // The site before this rebuild is let go after the reload is sent, on a thread
        // of its own: freeing thousands of notes takes a while, and no one waits for it.
        let mut before = None;
        let outcome = {
            let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
            state.version += 1;
            match result {
                Ok((ready, files, warnings)) => {
                    let pages = ready.prepared.paths().count();
                    let as_of = ready.as_of;
                    state.files = files_map(files);
                    before = state.pages.take();
                    state.pages = Some(Arc::new(Pages {
                        ready,
                        warnings: warnings.clone(),
                        root: self.options.root.clone(),
                        made: Mutex::default(),
                        all_made: OnceLock::new(),
                    }));
                    state.errors = None;
                    Rebuilt::Ok {
                        pages,
                        millis: started.elapsed().as_millis(),
                        warnings,
                        as_of,
                        rebuilt: None,
                        text_of: None,
                    }
                }
                Err(errors) => {
                    state.errors = Some(Overlay::failed(&errors));
                    Rebuilt::Failed { errors }
                }
            }
        };
        let _ = self.events.send(reload_paths(&[String::new()]));
        if let Some(before) = before {
            drop_aside(before);
        }
        if trusted && self.kept.missed(&self.options.root) {
            // A change the watcher did not report: everything is looked at again.
            return self.rebuild_after(Some(&[]));
        }
        self.check_templates();
        outcome
    }

    /// Changed files as the loads name them: the watcher gives real paths, and the
    /// engagement's folder may have been given another way (relative, or through a
    /// symbolic link).
    fn as_loaded(&self, paths: &[PathBuf]) -> Vec<PathBuf> {
        paths
            .iter()
            .map(|p| match p.strip_prefix(&self.canonical) {
                Ok(rel) => self.options.root.join(rel),
                Err(_) => p.clone(),
            })
            .collect()
    }

    /// A save that changed one note's body alone, and none of its links or tags
    /// ([`crate::text_edit`]): the new body is put into the prepared site, the pages
    /// made so far are let go, and nothing else is worked out again, since nothing else
    /// reads a body. `None` when the save needs a rebuild: another kind of change, more
    /// than one file, a note or a site with problems, or a page being made right now.
    fn body_edit(&self, changed: &[PathBuf], started: Instant) -> Option<Rebuilt> {
        let [path] = changed else { return None };
        let edit = crate::text_edit(&self.options, &self.kept, path)?;
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        if state.errors.is_some() {
            return None;
        }
        let mut pages = Arc::try_unwrap(state.pages.take()?)
            .map_err(|held| state.pages = Some(held))
            .ok()?;
        let file = edit.file.clone();
        let quiet = !pages.warnings.items.iter().any(|w| w.file == file);
        if !quiet || !pages.ready.take_text(edit) {
            state.pages = Some(Arc::new(pages));
            return None;
        }
        let made = std::mem::take(&mut pages.made);
        let outcome = Rebuilt::Ok {
            pages: pages.ready.prepared.paths().count(),
            millis: started.elapsed().as_millis(),
            warnings: pages.warnings.clone(),
            as_of: pages.ready.as_of,
            rebuilt: None,
            text_of: Some(file),
        };
        state.pages = Some(Arc::new(Pages {
            all_made: OnceLock::new(),
            ..pages
        }));
        state.version += 1;
        drop(state);
        let _ = self.events.send(reload_paths(&[String::new()]));
        drop_aside(made);
        if self.kept.missed(&self.options.root) {
            return Some(self.rebuild_after(Some(&[])));
        }
        self.check_templates();
        Some(outcome)
    }

    /// With templates of the engagement's own, every page is made once in the
    /// background after a good rebuild: a page an override cannot render shows its
    /// error over every open page, as a failed rebuild does, and the pages served keep
    /// their errors.
    fn check_templates(&self) {
        let (pages, version) = {
            let state = self.state.read().unwrap_or_else(|e| e.into_inner());
            (state.pages.clone(), state.version)
        };
        let Some(pages) = pages.filter(|p| p.ready.theme.custom) else {
            return;
        };
        let events = self.events.clone();
        let state = self.state.clone();
        std::thread::spawn(move || {
            // A save since then has its own check: this one would be thrown away.
            let current =
                |state: &RwLock<SiteState>| state.read().is_ok_and(|s| s.version == version);
            if !current(&state) {
                return;
            }
            let errors = pages.all();
            if !errors.has_errors() {
                return;
            }
            let mut state = state.write().unwrap_or_else(|e| e.into_inner());
            if state.version == version {
                state.errors = Some(Overlay::pages_failed(errors));
                drop(state);
                let _ = events.send(reload_paths(&[String::new()]));
            }
        });
    }

    /// One engagement, ready to make its pages: what a build does before rendering,
    /// with the site's files that are not pages, and every warning.
    fn prepare(&self) -> Result<(Ready, Vec<crate::OutputFile>, Diagnostics), Diagnostics> {
        let ready = crate::prepare(&self.options, None, Some(&self.kept))?;
        let mut warnings = ready.warnings.clone();
        let files = match crate::beside_pages(&self.options.root, &ready.prepared, &ready.theme) {
            Ok((files, static_warnings)) => {
                warnings.items.extend(static_warnings);
                files
            }
            Err(d) => {
                warnings.push(d);
                return Err(warnings);
            }
        };
        warnings.sort();
        Ok((ready, files, warnings))
    }

    /// A practice's rebuild: the engagements `changed` touches, then the home.
    fn rebuild_practice(
        &self,
        practice: &mut PracticeBuild,
        changed: Option<&[PathBuf]>,
    ) -> Rebuilt {
        let started = Instant::now();
        let result = crate::guarded(|| {
            let update = practice.update(changed)?;
            Ok((update, practice.home()?))
        });
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        state.version += 1;
        let (outcome, reload) = match result {
            Ok((update, home)) => {
                for path in &update.removed {
                    state.parts.remove(path);
                }
                for part in update.built {
                    state.parts.insert(part.path, files_map(part.files));
                }
                state.files = files_map(home);
                let errors = practice.errors();
                state.errors = errors.has_errors().then(|| Overlay::failed(&errors));
                let mut reload = update.touched.clone();
                reload.extend(update.removed);
                let outcome = if errors.has_errors() {
                    Rebuilt::Failed { errors }
                } else {
                    Rebuilt::Ok {
                        pages: practice.pages(),
                        millis: started.elapsed().as_millis(),
                        warnings: practice.warnings(),
                        as_of: self.options.as_of,
                        rebuilt: Some(update.touched),
                        text_of: None,
                    }
                };
                (outcome, reload)
            }
            Err(errors) => {
                state.errors = Some(Overlay::failed(&errors));
                (Rebuilt::Failed { errors }, vec![String::new()])
            }
        };
        drop(state);
        let _ = self.events.send(reload_paths(&reload));
        outcome
    }

    /// The number of rebuilds so far.
    pub fn version(&self) -> u64 {
        self.state.read().map_or(0, |s| s.version)
    }

    /// Subscribes to rebuild events (the url paths to reload after each rebuild).
    pub fn subscribe(&self) -> broadcast::Receiver<String> {
        self.events.subscribe()
    }

    /// The file at a URL path: a file of the site, or one of its pages, made now.
    fn find(&self, key: &str) -> (Option<Found>, Option<Overlay>) {
        let (file, pages, errors) = {
            let state = self.state.read().unwrap_or_else(|e| e.into_inner());
            (state.file(key), state.pages.clone(), state.errors.clone())
        };
        if let Some(bytes) = file {
            return (Some(Found::File(bytes)), errors);
        }
        let found = pages.and_then(|pages| pages.page(key).or_else(|| pages.attachment(key)));
        (found, errors)
    }

    /// The file at a URL path, a folder without its trailing slash included, and the
    /// errors of the last rebuild.
    fn lookup(&self, path: &str) -> (String, Option<Found>, Option<Overlay>) {
        let Some(key) = site_path(path) else {
            // Escapes that are not UTF-8: no file of the site is named so.
            let state = self.state.read().unwrap_or_else(|e| e.into_inner());
            return (path.to_string(), None, state.errors.clone());
        };
        let (found, errors) = self.find(&key);
        if found.is_some() {
            return (key, found, errors);
        }
        let folder = format!("{key}/index.html");
        let (found, errors) = self.find(&folder);
        (if found.is_some() { folder } else { key }, found, errors)
    }
}

impl SiteState {
    /// A file of the site by its path: at the top, or in a practice's engagement.
    fn file(&self, key: &str) -> Option<Arc<Vec<u8>>> {
        if let Some(bytes) = self.files.get(key) {
            return Some(bytes.clone());
        }
        self.parts.iter().rev().find_map(|(path, files)| {
            let rest = key.strip_prefix(path.as_str())?.strip_prefix('/')?;
            files.get(rest).cloned()
        })
    }
}

fn files_map(files: Vec<crate::OutputFile>) -> Files {
    files
        .into_iter()
        .map(|f| (f.path, Arc::new(f.bytes)))
        .collect()
}

/// The reload event's data: the url paths (`/clients/acme/`) whose pages reload, as a
/// JSON list; `/` is every page.
fn reload_paths(paths: &[String]) -> String {
    let urls: Vec<String> = paths
        .iter()
        .map(|p| {
            if p.is_empty() {
                "/".to_string()
            } else {
                format!("/{p}/")
            }
        })
        .collect();
    serde_json::to_string(&urls).unwrap_or_else(|_| "[\"/\"]".into())
}

/// Lets `value` go on a thread of its own (freeing thousands of notes takes a while, and
/// no one waits for it); here, if no thread can be made.
fn drop_aside<T: Send + 'static>(value: T) {
    // On an error the closure, and `value` with it, is dropped here.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reload_events_name_url_paths() {
        assert_eq!(reload_paths(&[String::new()]), r#"["/"]"#);
        assert_eq!(
            reload_paths(&["clients/acme".into(), "b".into()]),
            r#"["/clients/acme/","/b/"]"#
        );
    }
}
