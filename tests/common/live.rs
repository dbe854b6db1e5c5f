//! A live site (`serve`'s [`LiveSite`]) on a copy of an engagement, driven as the watcher
//! drives it, and compared after each change, byte for byte, with a full build of the
//! same folder: `tests/fresh.rs` (hand-written steps) and `tests/fresh_edits.rs` (random
//! sequences of edits) share it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use coachsite::serve::{LiveSite, Overlay, Rebuilt};
use coachsite::{Audience, BuildOptions, Date, Site};

use super::http_get as get;

pub struct Live {
    pub root: PathBuf,
    pub options: BuildOptions,
    pub site: Arc<LiveSite>,
    pub address: String,
    _runtime: tokio::runtime::Runtime,
    /// The last good full build.
    pub last: Site,
    /// A practice of two copies of the example (`clients/acme`, `clients/beta`).
    pub practice: bool,
}

impl Live {
    pub fn start(audience: Audience) -> (tempfile::TempDir, Live) {
        Live::start_with(audience, false)
    }

    pub fn start_with(audience: Audience, practice: bool) -> (tempfile::TempDir, Live) {
        Live::start_on(audience, practice, |root| {
            if practice {
                for name in ["acme", "beta"] {
                    super::copy_dir(&super::example(), &root.join("clients").join(name));
                }
            } else {
                super::copy_dir(&super::example(), root);
            }
        })
    }

    /// A live site of the engagement (or practice, with `practice`) that `fill` writes
    /// into the folder it is given.
    pub fn start_on(
        audience: Audience,
        practice: bool,
        fill: impl FnOnce(&Path),
    ) -> (tempfile::TempDir, Live) {
        let dir = tempfile::tempdir().expect("temp dir");
        // The folder is given through a symbolic link, as `serve` may be given it (or
        // relative): the watcher names the changed files by their real paths.
        let real = dir.path().join("real");
        let root = dir.path().join("engagement");
        std::fs::create_dir(&real).expect("folder");
        std::os::unix::fs::symlink(&real, &root).expect("link");
        fill(&root);
        let options = BuildOptions {
            root: root.clone(),
            audience,
            as_of: Date::parse(super::AS_OF).expect("date"),
            as_of_given: true,
            base_url: None,
            history_at: None,
        };
        let site = LiveSite::new(options.clone());
        assert!(matches!(site.rebuild(), Rebuilt::Ok { .. }));
        let (runtime, address) = super::serve_in_process(site.clone());
        let last = full_build(&options, practice).expect("the engagement builds");
        let live = Live {
            root,
            options,
            site,
            address,
            _runtime: runtime,
            last,
            practice,
        };
        live.same_as_build("the first build", &live.last, None);
        (dir, live)
    }

    /// Every file of `built` is served as built (pages with the reload script and, after
    /// a failed rebuild, the errors over them).
    pub fn same_as_build(&self, step: &str, built: &Site, errors: Option<&Overlay>) {
        // Pages first: each is then made on its own, as a reader asks for it (an
        // attachment asked for before its page would make every page at once).
        let mut files: Vec<_> = built.files.iter().collect();
        files.sort_by_key(|f| !f.path.ends_with(".html"));
        for file in files {
            let (status, body) = get(&self.address, &format!("/{}", file.path));
            if errors.is_some() && self.is_attachment(&file.path) {
                // `serve` keeps no attachment in memory: the last good site's pages,
                // after a failed rebuild, show the attachments the folder holds now.
                match std::fs::read(self.root.join(&file.path)) {
                    Ok(now) => assert!(status == 200 && body == now, "{step}: /{}", file.path),
                    Err(_) => assert_eq!(status, 404, "{step}: /{} is gone", file.path),
                }
                continue;
            }
            assert_eq!(status, 200, "{step}: /{} is not served", file.path);
            let expected = if file.path.ends_with(".html") {
                coachsite::serve::inject(&String::from_utf8_lossy(&file.bytes), errors).into_bytes()
            } else {
                file.bytes.clone()
            };
            assert!(
                body == expected,
                "{step}: /{} is not what a full build makes of it",
                file.path
            );
        }
    }

    /// Whether the site's file at `path` is an attachment `serve` reads from the folder
    /// when asked for: not a static file (kept from the last good rebuild), and not a
    /// practice's (whose engagements' last good builds are kept whole).
    fn is_attachment(&self, path: &str) -> bool {
        !self.practice
            && coachsite::load::is_attachment_name(path)
            && !self.root.join("static").join(path).exists()
    }

    /// Makes a change, rebuilds as the watcher would after it, and compares every file.
    /// Says whether the live site took it as one note's text alone (made nothing again).
    pub fn step(&mut self, step: &str, changed: &[&str], change: impl FnOnce(&Path)) -> bool {
        self.step_told(step, Some(changed), change)
    }

    /// [`Live::step`], the watcher naming `changed`, or nothing (`None`: a rescan, when
    /// its queue overflowed).
    pub fn step_told(
        &mut self,
        step: &str,
        changed: Option<&[&str]>,
        change: impl FnOnce(&Path),
    ) -> bool {
        change(&self.root);
        let real = std::fs::canonicalize(&self.root).expect("real path");
        let paths: Option<Vec<PathBuf>> =
            changed.map(|changed| changed.iter().map(|p| real.join(p)).collect());
        let outcome = self.site.rebuild_after(paths.as_deref());
        let text_only = matches!(
            outcome,
            Rebuilt::Ok {
                text_of: Some(_),
                ..
            }
        );
        match full_build(&self.options, self.practice) {
            Ok(built) => {
                let Rebuilt::Ok { warnings, .. } = &outcome else {
                    panic!("{step}: the full build works, the live one did not");
                };
                // What the terminal says is what a build says.
                assert_eq!(
                    warnings.render(false),
                    built.warnings.render(false),
                    "{step}: the warnings"
                );
                self.same_as_build(step, &built, None);
                for gone in &self.last.files {
                    if !built.files.iter().any(|f| f.path == gone.path) {
                        let (status, _) = get(&self.address, &format!("/{}", gone.path));
                        assert_eq!(status, 404, "{step}: /{} is still served", gone.path);
                    }
                }
                self.last = built;
            }
            Err(errors) => {
                let Rebuilt::Failed { errors: live } = outcome else {
                    panic!("{step}: the full build fails, the live one did not:\n{errors}");
                };
                assert_eq!(live.render(false), errors.render(false), "{step}");
                // The last good site stays, with the errors over its pages.
                self.same_as_build(step, &self.last, Some(&Overlay::failed(&errors)));
            }
        }
        text_only
    }
}

pub fn full_build(options: &BuildOptions, practice: bool) -> Result<Site, coachsite::Diagnostics> {
    if practice {
        coachsite::build_practice(options)
    } else {
        coachsite::build(options)
    }
}

pub fn edit(root: &Path, path: &str, from: &str, to: &str) {
    let path = root.join(path);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
}
