//! A site being written: into a temporary folder beside the output, swapped into place
//! when it is whole. Files whose bytes did not change are hard-linked from the previous
//! site; what the previous site holds that coachsite did not write is carried into the
//! new one ([`super::owned`]).

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::WriteStats;
use super::known::MARKER_TEXT;
use super::known::{HashingFile, Manifest, same_bytes};
use super::owned::{
    BEING_WRITTEN, MARKER, Owner, Refusal, being_written, carry, clash, clash_error,
    foreign_entries, owner, vouched,
};
use crate::render::OutputFile;

/// A site being written: files go into a temporary folder beside `out` as they come
/// (from any thread), and [`Writer::finish`] swaps it into place. Dropped unfinished
/// (an error), it removes the temporary folder and `out` stays as it was.
pub struct Writer {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    /// The folders made so far, each made once.
    folders: Mutex<HashSet<PathBuf>>,
    /// Who wrote `out` before, and what its marker lists.
    owner: Owner,
    /// Each file written or kept: its path, hash and size, for the new marker.
    files: Mutex<Vec<(String, u128, u64)>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    finished: bool,
}

impl Writer {
    /// Starts a new site for `out`: puts back what an interrupted write left, makes the
    /// temporary folder. Refuses an `out` that is not empty and was not written by
    /// coachsite.
    pub fn begin(out: &Path) -> io::Result<Writer> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        let tmp = parent.join(format!(".{name}.coachsite-new"));
        let old = parent.join(format!(".{name}.coachsite-old"));
        recover(out, &tmp, &old)?;
        let owner = owner(out)?;
        if matches!(owner, Owner::Someone) {
            return Err(io::Error::other(
                "the output folder is not empty and was not written by coachsite",
            ));
        }
        fs::create_dir_all(&tmp)?;
        // Marked from the start: a folder of this name without it is not coachsite's.
        fs::write(
            tmp.join(MARKER),
            format!("{MARKER_TEXT}\n{BEING_WRITTEN}\n"),
        )?;
        Ok(Writer {
            out: out.to_path_buf(),
            tmp,
            old,
            folders: Mutex::default(),
            owner,
            files: Mutex::default(),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            finished: false,
        })
    }

    /// What the previous site's marker lists: an empty list when there was no site,
    /// `None` when its marker lists nothing.
    fn previous(&self) -> Option<&Manifest> {
        static NOTHING: std::sync::LazyLock<Manifest> = std::sync::LazyLock::new(Manifest::default);
        match &self.owner {
            Owner::Coachsite { listed, .. } => listed.as_ref(),
            _ => Some(&NOTHING),
        }
    }

    /// Writes one file of the new site (or links the same file of the previous one).
    pub fn put(&self, file: &OutputFile) -> io::Result<()> {
        self.make_folder(&file.path)?;
        let hash = xxhash_rust::xxh3::xxh3_128(&file.bytes);
        let size = file.bytes.len() as u64;
        let target = self.tmp.join(&file.path);
        let kept = self.unchanged_previous(&file.path, hash, size, |previous| {
            fs::read(previous).is_ok_and(|bytes| bytes == file.bytes)
        });
        let linked = kept.is_some_and(|previous| fs::hard_link(previous, &target).is_ok());
        if !linked {
            fs::write(&target, &file.bytes)?;
        }
        self.count(&file.path, hash, size, linked);
        Ok(())
    }

    /// Writes one file of the new site as `write` makes it, never whole in memory (or,
    /// once written, links the same file of the previous one in its place).
    pub fn put_written(
        &self,
        path: &str,
        write: impl FnOnce(&mut crate::render::Out) -> std::fmt::Result,
    ) -> io::Result<()> {
        self.put_made(path, |file| write(file))?
            .map_err(|_| io::Error::other("a page could not be made"))
    }

    /// [`Writer::put_written`] for a writer of bytes (a template rendered straight into
    /// its file); what `write` fails with, when it fails, inside.
    pub fn put_streamed<E>(
        &self,
        path: &str,
        write: impl FnOnce(&mut dyn io::Write) -> Result<(), E>,
    ) -> io::Result<Result<(), E>> {
        self.put_made(path, |file| write(file))
    }

    /// One file made by `make` into the new site, hashed as it is written; the error of
    /// the file first, then `make`'s.
    fn put_made<E>(
        &self,
        path: &str,
        make: impl FnOnce(&mut HashingFile) -> Result<(), E>,
    ) -> io::Result<Result<(), E>> {
        self.make_folder(path)?;
        let target = self.tmp.join(path);
        let mut file = HashingFile::create(&target)?;
        let made = make(&mut file);
        let (hash, size) = file.finish()?;
        if made.is_err() {
            return Ok(made);
        }
        let kept = self.unchanged_previous(path, hash, size, |previous| {
            same_bytes(previous, &target).unwrap_or(false)
        });
        // The previous file is linked beside the new one, then renamed over it: the new
        // file stays whole unless the link is made, and no link is left beside it.
        let link = self.tmp.join(format!("{path}.coachsite-link"));
        let linked = kept.is_some_and(|previous| {
            if fs::hard_link(previous, &link).is_err() {
                return false;
            }
            let renamed = fs::rename(&link, &target).is_ok();
            if !renamed {
                let _ = fs::remove_file(&link);
            }
            renamed
        });
        self.count(path, hash, size, linked);
        Ok(Ok(()))
    }

    fn make_folder(&self, path: &str) -> io::Result<()> {
        if let Some(folder) = Path::new(path).parent()
            && !folder.as_os_str().is_empty()
        {
            let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
            if !folders.contains(folder) {
                fs::create_dir_all(self.tmp.join(folder))?;
                folders.insert(folder.to_path_buf());
            }
        }
        Ok(())
    }

    /// The previous site's file at `path` when its bytes are the new file's: of the same
    /// size, and of the same hash when the previous marker vouches for it, or else the
    /// same when `read_back` compares them. Not looked for when the previous marker does
    /// not list it.
    fn unchanged_previous(
        &self,
        path: &str,
        hash: u128,
        size: u64,
        read_back: impl FnOnce(&Path) -> bool,
    ) -> Option<PathBuf> {
        if self.previous().is_some_and(|m| !m.files.contains_key(path)) {
            return None;
        }
        let previous = self.out.join(path);
        let meta = fs::metadata(&previous).ok()?;
        let same = meta.is_file()
            && meta.len() == size
            && match self.previous().and_then(|m| m.vouches(path, &meta)) {
                Some(listed) => listed == hash,
                None => read_back(&previous),
            };
        same.then_some(previous)
    }

    fn count(&self, path: &str, hash: u128, size: u64, unchanged: bool) {
        let counter = if unchanged {
            &self.unchanged
        } else {
            &self.written
        };
        counter.fetch_add(1, Ordering::Relaxed);
        let row = (path.to_string(), hash, size);
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(row);
    }

    /// Writes the marker, with the list of the files, last; carries what coachsite did
    /// not write from the old site into the new one; then puts the new site in place of
    /// the old one.
    pub fn finish(mut self) -> io::Result<WriteStats> {
        let files = std::mem::take(&mut *self.files.lock().unwrap_or_else(|e| e.into_inner()));
        let paths: Vec<String> = files.iter().map(|(path, _, _)| path.clone()).collect();
        fs::write(self.tmp.join(MARKER), Manifest::text(files))?;
        let stats = WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        };
        let (out, tmp, old) = (self.out.clone(), self.tmp.clone(), self.old.clone());
        let previous = std::mem::replace(&mut self.owner, Owner::Nobody);
        let listed = vouched(&previous, &paths);
        let foreign = foreign_entries(&out, marker_of(&previous), &listed)?;
        if let Some(taken) = foreign.iter().find_map(|path| clash(&tmp, path)) {
            return Err(clash_error(&taken));
        }
        if let Err(err) = carry(&out, &tmp, &foreign) {
            // What could not be put back stays in the temporary folder, for the next
            // build to put back.
            self.finished = Refusal::of(&err).is_some_and(|r| r.stranded);
            return Err(err);
        }
        // From here, the temporary folder may hold what coachsite did not write: it is
        // removed only once that is back where it was (else the next build puts it back).
        let put_back = |this: &mut Writer| {
            this.finished = carry(&this.tmp, &this.out, &foreign).is_err();
        };
        if fs::symlink_metadata(&out).is_ok() {
            if let Err(err) = fs::rename(&out, &old) {
                put_back(&mut self);
                return Err(err);
            }
            if let Err(err) = fs::rename(&tmp, &out) {
                // Put the previous site back, with what it held, before reporting.
                let _ = fs::rename(&old, &out);
                put_back(&mut self);
                return Err(err);
            }
            // Only now is the temporary folder the site (dropping `self` leaves it).
            self.finished = true;
            // What was added to the old site while this one was written stays.
            let _ = clear(&old, &out, &previous, &paths);
        } else {
            fs::rename(&tmp, &out)?;
            self.finished = true;
        }
        Ok(stats)
    }
}

/// The name of the marker of a site `owner` says coachsite wrote.
fn marker_of(owner: &Owner) -> Option<&'static str> {
    match owner {
        Owner::Coachsite { marker, .. } => Some(marker),
        _ => None,
    }
}

/// Removes `dir`, a site coachsite wrote (as `owner` says; `paths` are the files of the
/// site that replaced it), once what coachsite did not write in it is moved into `out`
/// (where nothing has its path); if one cannot be moved, `dir` stays with it, and the
/// error says which.
fn clear(dir: &Path, out: &Path, owner: &Owner, paths: &[String]) -> io::Result<()> {
    let foreign = foreign_entries(dir, marker_of(owner), &vouched(owner, paths))?;
    if let Some(taken) = foreign.iter().find_map(|path| clash(out, path)) {
        return Err(io::Error::other(format!(
            "{} holds `{}`, which coachsite did not write, and {} has a file there: move it by hand",
            dir.display(),
            taken.display(),
            out.display()
        )));
    }
    carry(dir, out, &foreign)?;
    fs::remove_dir_all(dir)
}

/// Puts back what a write interrupted before its end left beside `out`: the previous
/// site when it was moved aside and the new one not yet in its place, and whatever
/// coachsite did not write, from either folder; then removes both.
fn recover(out: &Path, tmp: &Path, old: &Path) -> io::Result<()> {
    let exists = |p: &Path| fs::symlink_metadata(p).is_ok();
    if !exists(out) && exists(old) {
        fs::rename(old, out)?;
    }
    for stale in [tmp, old] {
        if !exists(stale) {
            continue;
        }
        if stale == tmp && being_written(stale) {
            // A new site before its list was written: all of it coachsite's (what a site
            // did not write is carried in only once the list is there).
            fs::remove_dir_all(stale)?;
            continue;
        }
        match owner(stale)? {
            Owner::Someone => {
                return Err(io::Error::other(format!(
                    "{} was left by an interrupted build and holds files coachsite did not write: move them back into {} or delete the folder",
                    stale.display(),
                    out.display()
                )));
            }
            owner => clear(stale, out, &owner, &[])?,
        }
    }
    Ok(())
}

impl Drop for Writer {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}
