//! Writing the finished site: into a temporary folder next to the output, then swapped
//! into place, so a reader never sees a half-written site and a failed build leaves the
//! previous one untouched.
//!
//! Files whose bytes did not change are hard-linked from the previous output instead of
//! written again, so they keep their modification time (rsync and browsers stay quiet).
//! The marker file lists each file's size and hash, so that a file the last build wrote
//! and nothing changed since is known unchanged without reading it back (`known.rs`:
//! the list, a file hashed as it is written, two files compared).
//!
//! coachsite replaces only what it wrote (`owned.rs`): a folder is its output only with
//! its marker, anything else in it (`.git`, `CNAME`…) is kept in the new site, and no
//! command writes inside what an engagement reads. `writer.rs` is the site being written.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::Path;

use crate::diagnostic::{Diagnostic, display_path};
use crate::load::{ReadError, read_at_most, read_bounded, read_text, too_large, walk_files};
use crate::render::OutputFile;

mod known;
mod owned;
mod writer;

pub use owned::{MARKER, check_output, output_folder, refuse_input, site_files};
pub use writer::Writer;

/// What a write did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written, new or changed.
    pub written: usize,
    /// Files whose bytes had not changed since the last build, kept as they were (with
    /// their modification time).
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
    let (paths, said) = walk_files(root, &dir);
    let (mut errors, said): (Vec<Diagnostic>, Vec<Diagnostic>) =
        said.into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(errors.remove(0));
    }
    warnings.extend(said);
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
    let inside = crate::load::Inside::new(root);
    for path in attachments.iter().filter(|p| !taken.contains(*p)) {
        // Made a link out of the folder since it was read: never followed.
        inside.check(&root.join(path))?;
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
    let help = owned::Refusal::of(err).map_or(
        "check that the folder is writable and the disk is not full",
        |r| r.help,
    );
    Diagnostic::error(
        out.display().to_string(),
        format!("cannot write the site: {err}"),
    )
    .with_help(help)
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
    let mut builder = tempfile::Builder::new();
    builder.prefix(".coachsite-").suffix(".tmp");
    // Made as any file is (0666 less the umask), not private to its owner as a temporary
    // file would be: it becomes the file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir)?;
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

/// Reads a text file of the output back (for tests and tools).
pub fn read_output(out: &Path, path: &str) -> Option<String> {
    read_text(out, &out.join(path)).ok()
}

#[cfg(test)]
mod tests;
