//! The git repository an engagement folder is in, read with gix (pure Rust, read-only):
//! the commit at `HEAD`, every version of a file along the first parents (for
//! `history`), and the engagement folder at a revision (for `coachsite diff`). Built
//! without the default `git` feature, there is no repository.

use std::path::Path;

use crate::model::Date;

pub(crate) use imp::*;

#[cfg(feature = "git")]
mod imp {
    use super::*;
    use crate::limits;

    /// The commit `rev` names in the repository `root` is in, as hex.
    pub(crate) fn commit_of(root: &Path, rev: &str) -> Option<String> {
        let repo = gix::discover(root).ok()?;
        Some(resolve(&repo, rev).ok()?.to_string())
    }

    /// Each version of each file in `paths` (relative to `root`) along the first parents
    /// of `commit`, oldest first, handed to `each` with the day of the commit that made
    /// it, one at a time. The walk stops at a commit it cannot read (a shallow clone):
    /// what it found until then is given.
    pub(crate) fn versions(
        root: &Path,
        commit: &str,
        paths: &[&str],
        each: &mut dyn FnMut(&str, Date, &str),
    ) {
        let Some((repo, found)) = walk(root, commit, paths) else {
            return;
        };
        for (path, versions) in paths.iter().zip(found) {
            for (date, blob) in versions.into_iter().rev() {
                if let Some(text) = text_of(&repo, blob) {
                    each(path, date, &text);
                }
            }
        }
    }

    /// One run of commits that hold the same version of a file.
    struct Run {
        blob: gix::ObjectId,
        /// The oldest commit of the run so far: where this version was made.
        since: Date,
    }

    /// What the walk knows of one file: the run it is in, the versions found before
    /// (newest first), and whether the file is gone further back.
    #[derive(Default)]
    struct Track {
        run: Option<Run>,
        found: Vec<(Date, gix::ObjectId)>,
        done: bool,
    }

    impl Track {
        /// The file's blob in the next commit back (`None`: not there).
        fn step(&mut self, blob: Option<gix::ObjectId>, date: Date) {
            match (blob, self.run.as_mut()) {
                (Some(b), Some(run)) if run.blob == b => run.since = date,
                (Some(b), _) => {
                    self.close();
                    self.run = Some(Run {
                        blob: b,
                        since: date,
                    });
                }
                (None, _) => {
                    self.close();
                    self.done = true;
                }
            }
        }

        fn close(&mut self) {
            if let Some(run) = self.run.take() {
                self.found.push((run.since, run.blob));
            }
        }
    }

    /// The versions of each path, newest first, with the day each was made.
    #[allow(clippy::type_complexity)]
    fn walk(
        root: &Path,
        commit: &str,
        paths: &[&str],
    ) -> Option<(gix::Repository, Vec<Vec<(Date, gix::ObjectId)>>)> {
        let repo = gix::discover(root).ok()?;
        let prefix = prefix_of(&repo, root)?;
        let in_repo = |p: &str| {
            if prefix.is_empty() {
                p.to_string()
            } else {
                format!("{prefix}/{p}")
            }
        };
        let full: Vec<String> = paths.iter().map(|p| in_repo(p)).collect();
        // Objectives live under `objectives/`: a commit that left that folder as it was
        // changed none of them, and is not looked into.
        let folder = in_repo("objectives");
        let mut tracks: Vec<Track> = paths.iter().map(|_| Track::default()).collect();
        let mut last_folder = None;
        let mut next = Some(gix::ObjectId::from_hex(commit.as_bytes()).ok()?);
        let mut seen = 0;
        while let Some(id) = next.take() {
            if seen == limits::MAX_HISTORY_COMMITS || tracks.iter().all(|t| t.done) {
                break;
            }
            seen += 1;
            let Ok(commit) = repo.find_commit(id) else {
                break;
            };
            let (Some(date), Ok(tree)) = (commit_date(&commit), commit.tree()) else {
                break;
            };
            let folder_id = tree
                .lookup_entry_by_path(&folder)
                .ok()
                .flatten()
                .map(|e| e.object_id());
            if folder_id.is_some() && folder_id == last_folder {
                for t in tracks.iter_mut().filter(|t| !t.done) {
                    if let Some(run) = t.run.as_mut() {
                        run.since = date;
                    }
                }
            } else {
                for (t, path) in tracks.iter_mut().zip(&full).filter(|(t, _)| !t.done) {
                    let blob = tree
                        .lookup_entry_by_path(path)
                        .ok()
                        .flatten()
                        .filter(|e| e.mode().is_blob())
                        .map(|e| e.object_id());
                    t.step(blob, date);
                }
            }
            last_folder = folder_id;
            next = commit.parent_ids().next().map(|p| p.detach());
        }
        let found = tracks
            .into_iter()
            .map(|mut t| {
                t.close();
                t.found
            })
            .collect();
        Some((repo, found))
    }

    /// The day a commit was written (its author's date), in its own time zone.
    fn commit_date(commit: &gix::Commit<'_>) -> Option<Date> {
        let time = commit.author().ok()?.time().ok()?;
        let local = time.seconds.checked_add(i64::from(time.offset))?;
        let day = chrono::DateTime::from_timestamp(local, 0)?.date_naive();
        Some(Date(day))
    }

    /// A version's text, when it is UTF-8 and no larger than a file coachsite reads.
    fn text_of(repo: &gix::Repository, blob: gix::ObjectId) -> Option<String> {
        let header = repo.find_header(blob).ok()?;
        if header.size() > limits::MAX_FILE_BYTES {
            return None;
        }
        let object = repo.find_object(blob).ok()?;
        String::from_utf8(object.data.clone()).ok()
    }

    /// Writes the engagement folder as it was at revision `rev` (anything `git
    /// rev-parse` takes: a commit, a tag, `HEAD~3`) into `dest`, and how many files.
    /// Links, submodules and names that could leave `dest` are skipped; at most
    /// [`limits::MAX_REVISION_FILES`] files, each within [`limits::MAX_FILE_BYTES`].
    pub(crate) fn export_revision(root: &Path, rev: &str, dest: &Path) -> Result<usize, String> {
        let repo = gix::discover(root)
            .map_err(|_| format!("{} is not in a git repository", root.display()))?;
        let prefix = prefix_of(&repo, root)
            .ok_or_else(|| "cannot tell where the engagement is in its repository".to_string())?;
        let id = resolve(&repo, rev)?;
        let commit = repo
            .find_commit(id)
            .map_err(|_| format!("`{rev}` is not a commit"))?;
        let mut tree = commit
            .tree()
            .map_err(|e| format!("cannot read `{rev}`: {e}"))?;
        if !prefix.is_empty() {
            let entry = tree
                .lookup_entry_by_path(&prefix)
                .ok()
                .flatten()
                .filter(|e| e.mode().is_tree())
                .ok_or_else(|| format!("the engagement folder `{prefix}` is not in `{rev}`"))?;
            tree = entry
                .object()
                .map_err(|e| e.to_string())?
                .try_into_tree()
                .map_err(|e| e.to_string())?;
        }
        let mut written = 0;
        write_tree(&repo, &tree, dest, &mut written)?;
        Ok(written)
    }

    /// A revision: `HEAD`, a branch or tag name, a commit id (abbreviated to 4 hex digits
    /// or more), each optionally followed by `~N` (N first parents back).
    fn resolve(repo: &gix::Repository, rev: &str) -> Result<gix::ObjectId, String> {
        let (base, back) = match rev.rsplit_once('~') {
            Some((base, n)) => (
                base,
                if n.is_empty() {
                    1
                } else {
                    n.parse::<usize>()
                        .map_err(|_| format!("no revision `{rev}`"))?
                },
            ),
            None => (rev, 0),
        };
        let unknown = || format!("no revision `{rev}`: give a commit, a branch, a tag or HEAD~N");
        let mut id = if base == "HEAD" || base.is_empty() {
            repo.head_id().map_err(|_| unknown())?.detach()
        } else if let Ok(Some(mut r)) = repo.try_find_reference(base) {
            r.peel_to_id().map_err(|_| unknown())?.detach()
        } else if base.len() >= 4 && base.chars().all(|c| c.is_ascii_hexdigit()) {
            let prefix = gix::hash::Prefix::from_hex(base).map_err(|_| unknown())?;
            match repo.objects.lookup_prefix(prefix, None) {
                Ok(Some(Ok(id))) => id,
                Ok(Some(Err(()))) => {
                    return Err(format!(
                        "`{rev}` names more than one object: give more of it"
                    ));
                }
                _ => return Err(unknown()),
            }
        } else {
            return Err(unknown());
        };
        if back > limits::MAX_HISTORY_COMMITS {
            return Err(format!(
                "`{rev}` goes back more than {} commits",
                limits::MAX_HISTORY_COMMITS
            ));
        }
        for _ in 0..back {
            let commit = repo.find_commit(id).map_err(|_| unknown())?;
            id = commit
                .parent_ids()
                .next()
                .ok_or_else(|| format!("`{rev}` goes back past the first commit"))?
                .detach();
        }
        Ok(id)
    }

    fn write_tree(
        repo: &gix::Repository,
        tree: &gix::Tree<'_>,
        dest: &Path,
        written: &mut usize,
    ) -> Result<(), String> {
        std::fs::create_dir_all(dest)
            .map_err(|e| format!("cannot create {}: {e}", dest.display()))?;
        for entry in tree.iter() {
            let entry = entry.map_err(|e| e.to_string())?;
            let name = entry.filename().to_string();
            if name.is_empty() || name == "." || name == ".." || name.contains(['/', '\\']) {
                continue;
            }
            let path = dest.join(&name);
            let mode = entry.mode();
            if mode.is_tree() {
                count(written)?;
                let sub = repo
                    .find_object(entry.oid())
                    .map_err(|e| e.to_string())?
                    .try_into_tree()
                    .map_err(|e| e.to_string())?;
                write_tree(repo, &sub, &path, written)?;
            } else if mode.is_blob() {
                count(written)?;
                // The largest file coachsite reads (an attachment): a larger one is
                // refused by the load as it would be in the folder.
                let header = repo.find_header(entry.oid()).map_err(|e| e.to_string())?;
                if header.size() > limits::MAX_ATTACHMENT_BYTES {
                    continue;
                }
                let blob = repo.find_object(entry.oid()).map_err(|e| e.to_string())?;
                std::fs::write(&path, &blob.data)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
        }
        Ok(())
    }

    /// One more file or folder of a revision, within [`limits::MAX_REVISION_FILES`].
    fn count(written: &mut usize) -> Result<(), String> {
        if *written == limits::MAX_REVISION_FILES {
            return Err(format!(
                "the revision holds more than {} files and folders",
                limits::MAX_REVISION_FILES
            ));
        }
        *written += 1;
        Ok(())
    }

    /// Where `root` is in its repository's work tree ("" at its top, with `/`).
    fn prefix_of(repo: &gix::Repository, root: &Path) -> Option<String> {
        let workdir = repo.workdir()?.canonicalize().ok()?;
        let root = root.canonicalize().ok()?;
        let prefix = root.strip_prefix(&workdir).ok()?;
        Some(prefix.to_string_lossy().replace('\\', "/"))
    }
}

#[cfg(not(feature = "git"))]
mod imp {
    use super::*;

    /// Built without the `git` feature: no repository.
    pub(crate) fn commit_of(_: &Path, _: &str) -> Option<String> {
        None
    }

    /// Built without the `git` feature: no history.
    pub(crate) fn versions(_: &Path, _: &str, _: &[&str], _: &mut dyn FnMut(&str, Date, &str)) {}

    /// Built without the `git` feature: no revision to read.
    pub(crate) fn export_revision(_: &Path, _: &str, _: &Path) -> Result<usize, String> {
        Err("this coachsite was built without git support (the `git` feature)".into())
    }
}
