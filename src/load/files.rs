//! Reading files within bounds: walking the folders, skipping editor droppings, and
//! reading text no larger than `limits::MAX_FILE_BYTES`.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, display_path};
use crate::limits;

/// Editor droppings that are never content: swap files, backups, lock files, vim's probe,
/// JetBrains' safe-write copies.
pub fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
}

/// Every regular file below `dir`, sorted by name, links followed, editor droppings
/// skipped; with a located error for each part that cannot be read (a symbolic link
/// loop, a folder without permission).
pub fn walk_files(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_editor_temp(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => files.push(entry.into_path()),
            Ok(_) => {}
            Err(err) => errors.push(walk_error(root, &err)),
        }
    }
    (files, errors)
}

pub(super) fn walk_error(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err
        .path()
        .map(|p| display_path(root, p))
        .unwrap_or_default();
    if let Some(ancestor) = err.loop_ancestor() {
        return Diagnostic::error(
            path,
            format!(
                "symbolic link loop: this link points back to {}",
                display_path(root, ancestor)
            ),
        )
        .with_help("remove the link or point it somewhere outside this folder");
    }
    Diagnostic::error(path, format!("cannot read this folder: {err}"))
        .with_help("check that the folder exists and that you may read it")
}

/// Reads a file as UTF-8 text, with a clear error for files in another encoding.
pub fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let shown = display_path(root, path);
    let bytes = read_bounded(path).map_err(|err| match err {
        ReadError::TooLarge(size) => too_large(&shown, size),
        ReadError::Io(err) => Diagnostic::error(&shown, format!("cannot read this file: {err}"))
            .with_help("check that the file exists and that you may read it"),
    })?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let valid = String::from_utf8_lossy(valid);
            let line = valid.matches('\n').count() as u32 + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
            let lossy = String::from_utf8_lossy(err.as_bytes()).to_string();
            let mut d = Diagnostic::error(&shown, "this file is not UTF-8 text")
                .at(&lossy, line, column)
                .with_help("save it as UTF-8 (most editors offer \"Save with encoding\")");
            d.width = 1;
            Err(d)
        }
    }
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Larger than [`limits::MAX_FILE_BYTES`]; the size seen.
    TooLarge(u64),
    Io(std::io::Error),
}

/// Reads a whole file, refusing one larger than [`limits::MAX_FILE_BYTES`] before
/// reading it (and while reading, should it grow meanwhile).
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_at_most(path, limits::MAX_FILE_BYTES)
}

/// Reads a whole file of at most `limit` bytes (refused before reading when larger).
pub fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > limit {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The error for a file over the size limit.
pub fn too_large(shown: &str, size: u64) -> Diagnostic {
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    Diagnostic::error(
        shown,
        format!(
            "this file is {:.1} MiB: coachsite reads files of up to {:.0} MiB",
            mib(size),
            mib(limits::MAX_FILE_BYTES)
        ),
    )
    .with_help("split it (one file per session, objective, assessment or lesson), or move it out of the engagement folder")
}
