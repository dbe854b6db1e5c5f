//! Writing the finished site: into a temporary folder next to the output, then swapped
//! into place, so a reader never sees a half-written site and a failed build leaves the
//! previous one untouched.
//!
//! Files whose bytes did not change are hard-linked from the previous output instead of
//! written again, so they keep their modification time (rsync and browsers stay quiet).
//! The marker file lists each file's size and hash, so that a file the last build wrote
//! and nothing changed since is known unchanged without reading it back (`known.rs`:
//! the list, a file hashed as it is written, two files compared).

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::{Diagnostic, display_path};
use crate::load::{
    INPUTS, ReadError, read_at_most, read_bounded, read_text, too_large, walk_files,
};
use crate::render::OutputFile;

mod known;
use known::{HashingFile, Manifest, same_bytes};
#[cfg(test)]
use known::{MANIFEST_HEADER, MARKER_TEXT};

/// The marker file that says "this folder was written by coachsite and may be replaced",
/// and lists the folder's files ([`Manifest`]).
pub const MARKER: &str = ".coachsite";

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
}

/// The engagement's `static/` folder, as files of the site, with the warnings. A page
/// (a path in `taken`) wins over a static file of the same path (with a warning).
pub fn static_files(
    root: &Path,
    taken: &BTreeSet<String>,
) -> Result<(Vec<OutputFile>, Vec<Diagnostic>), Diagnostic> {
    let dir = root.join("static");
    let mut warnings = Vec::new();
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok((files, warnings));
    }
    let (paths, mut errors) = walk_files(root, &dir);
    if !errors.is_empty() {
        return Err(errors.remove(0));
    }
    for source in paths {
        let path = display_path(&dir, &source);
        if taken.contains(&path) {
            warnings.push(
                Diagnostic::warning(
                    display_path(root, &source),
                    format!("not copied: the site already has a page `{path}`"),
                )
                .with_help("rename the file in static/"),
            );
            continue;
        }
        let shown = display_path(root, &source);
        let bytes = read_bounded(&source).map_err(|err| match err {
            ReadError::TooLarge(size) => too_large(&shown, size),
            ReadError::Io(err) => {
                Diagnostic::error(&shown, format!("cannot read this file: {err}"))
                    .with_help("check that you may read it")
            }
        })?;
        files.push(OutputFile { path, bytes });
    }
    Ok((files, warnings))
}

/// The attachments the pages embed, as files of the site, each at its path in the
/// engagement folder (so that a note's `![](board.jpg)` works as written); none that
/// would replace a file at a path in `taken`.
pub fn attachment_files(
    root: &Path,
    attachments: &BTreeSet<String>,
    taken: &BTreeSet<String>,
) -> Result<Vec<OutputFile>, Diagnostic> {
    let mut files = Vec::new();
    for path in attachments.iter().filter(|p| !taken.contains(*p)) {
        let bytes =
            read_at_most(&root.join(path), crate::limits::MAX_ATTACHMENT_BYTES).map_err(|err| {
                let why = match err {
                    ReadError::TooLarge(size) => format!("it has grown to {size} bytes"),
                    ReadError::Io(err) => err.to_string(),
                };
                Diagnostic::error(path.as_str(), format!("cannot read this attachment: {why}"))
                    .with_help("check that the file is still there and that you may read it")
            })?;
        files.push(OutputFile {
            path: path.clone(),
            bytes,
        });
    }
    Ok(files)
}

/// The error of a site that could not be written to `out`.
pub fn write_error(out: &Path, err: &io::Error) -> Diagnostic {
    Diagnostic::error(
        out.display().to_string(),
        format!("cannot write the site: {err}"),
    )
    .with_help("check that the folder is writable and the disk is not full")
}

/// Refuses output folders that would destroy something: the engagement itself, a folder
/// that contains it, or a non-empty folder that coachsite did not write.
pub fn check_output(root: &Path, out: &Path) -> Result<(), Diagnostic> {
    let shown = out.to_string_lossy().to_string();
    let root_abs = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let out_abs = absolute(out);
    if root_abs.starts_with(&out_abs) {
        return Err(
            Diagnostic::error(shown, "the output folder contains the engagement folder")
                .with_help("choose an output folder of its own, e.g. -o public"),
        );
    }
    // Never inside what coachsite reads (and `serve` and `watch` follow): the site
    // would be read back as input, and each write would trigger another rebuild.
    if let Ok(inside) = out_abs.strip_prefix(&root_abs)
        && let Some(first) = inside.components().next()
        && INPUTS.contains(&first.as_os_str().to_string_lossy().as_ref())
    {
        return Err(Diagnostic::error(
            shown,
            format!(
                "the output folder is inside `{}`, which coachsite reads as part of the engagement",
                first.as_os_str().to_string_lossy()
            ),
        )
        .with_help("choose a folder outside objectives/, assessments/, sessions/, lessons/, templates/, static/ and attachments/, e.g. -o public (the default)"));
    }
    if out.exists() {
        if !out.is_dir() {
            return Err(
                Diagnostic::error(shown, "the output path is a file, not a folder")
                    .with_help("choose another output folder with -o"),
            );
        }
        let empty = fs::read_dir(out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !out.join(MARKER).exists() {
            return Err(Diagnostic::error(
                shown,
                "the output folder is not empty and was not written by coachsite",
            )
            .with_help("coachsite replaces the whole output folder: choose an empty or new folder, or delete this one"));
        }
    }
    Ok(())
}

fn absolute(path: &Path) -> PathBuf {
    // Canonicalise the nearest existing ancestor, keep the rest as written.
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            _ => break,
        }
    }
    let mut abs = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.iter().rev() {
        abs.push(name);
    }
    abs
}

/// Writes one file atomically: a temporary file beside it, synced, then renamed over
/// it. On any failure (a full disk…) the old file, if any, is untouched and no partial
/// file is left.
pub fn write_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // A device or a pipe (`-o /dev/stdout`) is written to, never replaced.
    if fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return fs::write(path, bytes);
    }
    temp_beside(path, bytes)?
        .persist(path)
        .map(drop)
        .map_err(|e| e.error)
}

/// Like [`write_file`], but never replaces an existing file (`AlreadyExists`).
pub fn write_new_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    temp_beside(path, bytes)?
        .persist_noclobber(path)
        .map(drop)
        .map_err(|e| e.error)
}

fn temp_beside(path: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".coachsite-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    Ok(file)
}

/// Writes `files` to `out` atomically: a temporary sibling folder, then a rename.
pub fn write(out: &Path, files: &[OutputFile]) -> io::Result<WriteStats> {
    let writer = Writer::begin(out)?;
    use rayon::prelude::*;
    files.par_iter().try_for_each(|file| writer.put(file))?;
    writer.finish()
}

/// A site being written: files go into a temporary folder beside `out` as they come
/// (from any thread), and [`Writer::finish`] swaps it into place. Dropped unfinished
/// (an error), it removes the temporary folder and `out` stays as it was.
pub struct Writer {
    out: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    /// The folders made so far, each made once.
    folders: Mutex<HashSet<PathBuf>>,
    /// What the previous site's marker lists, if it lists its files.
    previous: Option<Manifest>,
    /// Each file written or kept: its path, hash and size, for the new marker.
    files: Mutex<Vec<(String, u128, u64)>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    finished: bool,
}

impl Writer {
    /// Starts a new site for `out`: clears what an interrupted write left, makes the
    /// temporary folder and its marker file.
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
        for stale in [&tmp, &old] {
            if stale.exists() {
                fs::remove_dir_all(stale)?;
            }
        }
        fs::create_dir_all(&tmp)?;
        Ok(Writer {
            out: out.to_path_buf(),
            tmp,
            old,
            folders: Mutex::default(),
            previous: Manifest::read(out),
            files: Mutex::default(),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            finished: false,
        })
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
        if self
            .previous
            .as_ref()
            .is_some_and(|m| !m.files.contains_key(path))
        {
            return None;
        }
        let previous = self.out.join(path);
        let meta = fs::metadata(&previous).ok()?;
        let same = meta.is_file()
            && meta.len() == size
            && match self.previous.as_ref().and_then(|m| m.vouches(path, &meta)) {
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

    /// Writes the marker, with the list of the files, last; then puts the new site in
    /// place of the old one.
    pub fn finish(mut self) -> io::Result<WriteStats> {
        let files = std::mem::take(&mut *self.files.lock().unwrap_or_else(|e| e.into_inner()));
        fs::write(self.tmp.join(MARKER), Manifest::text(files))?;
        let stats = WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        };
        let (out, tmp, old) = (&self.out, &self.tmp, &self.old);
        if out.exists() {
            fs::rename(out, old)?;
            if let Err(err) = fs::rename(tmp, out) {
                // Put the previous site back before reporting.
                let _ = fs::rename(old, out);
                return Err(err);
            }
            let _ = fs::remove_dir_all(old);
        } else {
            fs::rename(tmp, out)?;
        }
        // Only now is the temporary folder the site (dropping `self` leaves it).
        self.finished = true;
        Ok(stats)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Reads a text file of the output back (for tests and tools).
pub fn read_output(out: &Path, path: &str) -> Option<String> {
    read_text(out, &out.join(path)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn writes_then_replaces_and_keeps_unchanged_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let stats = write(&out, &[file("index.html", "a"), file("x/y.html", "b")]).unwrap();
        assert_eq!(
            stats,
            WriteStats {
                written: 2,
                unchanged: 0
            }
        );
        let stats = write(&out, &[file("index.html", "a"), file("x/z.html", "c")]).unwrap();
        assert_eq!(
            stats,
            WriteStats {
                written: 1,
                unchanged: 1
            }
        );
        assert!(!out.join("x/y.html").exists(), "stale pages are gone");
        assert_eq!(fs::read_to_string(out.join("x/z.html")).unwrap(), "c");
        assert!(out.join(MARKER).exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folders left behind");
    }

    #[test]
    fn the_marker_lists_each_file_s_hash_and_size_the_same_on_every_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let files = [file("x/b.html", "bb"), file("a.html", "a")];
        write(&out, &files).unwrap();
        let first = fs::read_to_string(out.join(MARKER)).unwrap();
        let hash = |text: &str| xxhash_rust::xxh3::xxh3_128(text.as_bytes());
        assert_eq!(
            first,
            format!(
                "{MARKER_TEXT}\n{MANIFEST_HEADER}\n{:032x} 1 a.html\n{:032x} 2 x/b.html\n",
                hash("a"),
                hash("bb")
            )
        );
        write(&out, &files).unwrap();
        assert_eq!(fs::read_to_string(out.join(MARKER)).unwrap(), first);
        // A path that would break the list's lines is left out of it (and read back).
        assert!(!Manifest::text(vec![("a\nb".into(), 1, 1)]).contains("a\nb"));
    }

    /// Sets a file's modification time `seconds` before the marker's.
    fn touch_before_marker(out: &Path, path: &str, seconds: u64) {
        let marker = fs::metadata(out.join(MARKER)).unwrap().modified().unwrap();
        let file = fs::File::options()
            .write(true)
            .open(out.join(path))
            .unwrap();
        file.set_modified(marker - std::time::Duration::from_secs(seconds))
            .unwrap();
    }

    #[test]
    fn a_file_the_marker_vouches_for_is_not_read_back_and_a_file_changed_since_is() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let files = [file("a.html", "aaaa"), file("b.html", "bbbb")];
        write(&out, &files).unwrap();
        for path in ["a.html", "b.html"] {
            touch_before_marker(&out, path, 10);
        }
        // Changed by hand with the same size: a.html as if long ago, b.html now.
        fs::write(out.join("b.html"), "XXXX").unwrap();
        fs::write(out.join("a.html"), "YYYY").unwrap();
        touch_before_marker(&out, "a.html", 10);
        let stats = write(&out, &files).unwrap();
        // a.html is kept on the list's word (its bytes were not read: the hand-made
        // change, dated before the list, shows it); b.html, changed after the list was
        // written, is read back, found different and written again.
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "YYYY");
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "bbbb");
        assert_eq!(
            stats,
            WriteStats {
                written: 1,
                unchanged: 1
            }
        );
    }

    #[test]
    fn a_marker_without_the_list_still_keeps_unchanged_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let files = [file("a.html", "a"), file("b.html", "b")];
        write(&out, &files).unwrap();
        fs::write(out.join(MARKER), format!("{MARKER_TEXT}\n")).unwrap();
        fs::write(out.join("b.html"), "c").unwrap();
        let stats = write(&out, &files).unwrap();
        assert_eq!(
            stats,
            WriteStats {
                written: 1,
                unchanged: 1
            }
        );
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "b");
        assert!(
            fs::read_to_string(out.join(MARKER))
                .unwrap()
                .contains(MANIFEST_HEADER)
        );
    }

    /// Writes `files` as [`write`] does, each in parts through [`Writer::put_written`].
    fn write_in_parts(out: &Path, files: &[OutputFile]) -> io::Result<WriteStats> {
        let writer = Writer::begin(out)?;
        for file in files {
            let text = std::str::from_utf8(&file.bytes).unwrap();
            writer.put_written(&file.path, |w| {
                let (a, b) = text.split_at(text.len() / 2);
                w.write_str(a)?;
                w.write_str(b)
            })?;
        }
        writer.finish()
    }

    #[test]
    fn a_file_written_in_parts_is_the_file_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let (whole, parts) = (dir.path().join("whole"), dir.path().join("parts"));
        let files = [
            file("search.html", "<p>an index</p>"),
            file("x/y.html", "b"),
        ];
        write(&whole, &files).unwrap();
        let stats = write_in_parts(&parts, &files).unwrap();
        assert_eq!(stats.written, 2);
        for path in [MARKER, "search.html", "x/y.html"] {
            assert_eq!(
                fs::read(whole.join(path)).unwrap(),
                fs::read(parts.join(path)).unwrap(),
                "{path}"
            );
        }
        // Unchanged, it is kept: on the marker's word, or read back without one.
        assert_eq!(write_in_parts(&parts, &files).unwrap().unchanged, 2);
        fs::write(parts.join(MARKER), format!("{MARKER_TEXT}\n")).unwrap();
        fs::write(parts.join("x/y.html"), "c").unwrap();
        let stats = write_in_parts(&parts, &files).unwrap();
        assert_eq!((stats.written, stats.unchanged), (1, 1));
        assert_eq!(fs::read_to_string(parts.join("x/y.html")).unwrap(), "b");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(
            leftovers.len(),
            2,
            "no temporary folders or links left behind"
        );
    }

    #[test]
    fn a_page_that_fails_half_written_leaves_the_previous_site() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[file("search.html", "old")]).unwrap();
        let writer = Writer::begin(&out).unwrap();
        let failed = writer.put_written("search.html", |w| {
            w.write_str("half a page")?;
            Err(std::fmt::Error)
        });
        assert!(failed.is_err());
        drop(writer);
        assert_eq!(fs::read_to_string(out.join("search.html")).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn files_compared_side_by_side() {
        let dir = tempfile::tempdir().unwrap();
        let path = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            fs::write(&p, bytes).unwrap();
            p
        };
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut other = big.clone();
        other[150_000] ^= 1;
        let (a, b, c) = (path("a", &big), path("b", &big), path("c", &other));
        let short = path("d", &big[..100_000]);
        assert!(same_bytes(&a, &b).unwrap());
        assert!(!same_bytes(&a, &c).unwrap());
        assert!(!same_bytes(&a, &short).unwrap());
        assert!(!same_bytes(&short, &a).unwrap());
    }

    #[test]
    fn refuses_dangerous_output_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("eng");
        fs::create_dir_all(&root).unwrap();
        assert!(check_output(&root, &root).is_err());
        assert!(check_output(&root, dir.path()).is_err());
        let foreign = dir.path().join("docs");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("keep.txt"), "x").unwrap();
        assert!(check_output(&root, &foreign).is_err());
        assert!(check_output(&root, &dir.path().join("public")).is_ok());
    }
}
