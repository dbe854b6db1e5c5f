//! Reading files within bounds: walking the folders, skipping editor droppings, and
//! reading text no larger than `limits::MAX_FILE_BYTES`.

use std::collections::BTreeMap;

use crate::model::Pos;
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

/// Every regular file below `dir`, sorted by name, links followed while they stay in the
/// engagement folder `root`, editor droppings skipped; with a located error for each part
/// that cannot be read (a symbolic link loop, a folder without permission), for each link
/// that leads out of `root` (never followed), and a warning for each entry that is not a
/// file (a named pipe, a socket, a device: never opened).
pub fn walk_files(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let inside = Inside::new(root);
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_editor_temp(&e.file_name().to_string_lossy()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                errors.push(walk_error(root, &inside, &err));
                continue;
            }
        };
        if entry.path_is_symlink()
            && let Some(d) = inside.link_error(entry.path())
        {
            errors.push(d);
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        let kind = entry.file_type();
        if kind.is_file() {
            files.push(entry.into_path());
        } else if !kind.is_dir() {
            errors.push(not_a_file(root, entry.path(), special_kind(&kind)));
        }
    }
    (files, errors)
}

/// The engagement folder, resolved, to tell a link that stays inside it from one that
/// leads out.
pub struct Inside {
    root: PathBuf,
    resolved: Option<PathBuf>,
}

impl Inside {
    pub(crate) fn new(root: &Path) -> Inside {
        Inside {
            root: root.to_path_buf(),
            resolved: std::fs::canonicalize(root).ok(),
        }
    }

    /// Whether a resolved path is in the engagement folder.
    fn holds(&self, resolved: &Path) -> bool {
        self.resolved
            .as_ref()
            .is_some_and(|root| resolved.starts_with(root))
    }

    /// The error of the symbolic link `path` when it leads out of the engagement folder,
    /// or nowhere; `None` when it stays inside.
    pub fn link_error(&self, path: &Path) -> Option<Diagnostic> {
        let shown = display_path(&self.root, path);
        let target = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_else(|_| "?".into());
        match std::fs::canonicalize(path) {
            Ok(resolved) if self.holds(&resolved) => None,
            Ok(resolved) => {
                // Through other links, or relatively: where it ends, too.
                let resolved = resolved.display().to_string();
                let to = if resolved == target {
                    format!("`{target}`")
                } else {
                    format!("`{target}`, which leads to `{resolved}`")
                };
                Some(
                    Diagnostic::error(
                        shown,
                        format!(
                            "this is a link to {to}, outside the engagement folder: coachsite never reads outside it"
                        ),
                    )
                    .with_help(
                        "copy what it points to into the engagement folder, or remove the link",
                    ),
                )
            }
            Err(_) => Some(
                Diagnostic::error(
                    shown,
                    format!("this is a link to `{target}`, which does not exist"),
                )
                .with_help("remove the link, or point it at a file inside the engagement folder"),
            ),
        }
    }

    /// Whether `path` (in the engagement folder) leads out of it, through a link in any
    /// of its parts, or nowhere: its error.
    pub fn check(&self, path: &Path) -> Result<(), Diagnostic> {
        match std::fs::canonicalize(path) {
            Ok(resolved) if self.holds(&resolved) => Ok(()),
            Err(_) if std::fs::symlink_metadata(path).is_err() => Ok(()),
            _ => Err(self
                .link_error(path)
                .unwrap_or_else(|| self.outside(path, &path.display().to_string()))),
        }
    }

    fn outside(&self, path: &Path, target: &str) -> Diagnostic {
        Diagnostic::error(
            display_path(&self.root, path),
            format!(
                "this leads to `{target}`, outside the engagement folder: coachsite never reads outside it"
            ),
        )
        .with_help("copy what it points to into the engagement folder, or remove the link")
    }
}

/// What an entry that is neither a file nor a folder is, in words.
pub(super) fn special_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "not a regular file"
}

/// The warning for an entry of the folder that is not a file: it is never opened.
pub(super) fn not_a_file(root: &Path, path: &Path, what: &str) -> Diagnostic {
    Diagnostic::warning(
        display_path(root, path),
        format!("this is {what}, not a file: coachsite does not read it"),
    )
    .with_help("move it out of the engagement folder")
}

/// A file the engagement folder names (engagement.yaml, plan.yaml, report.md): `None`
/// when there is none; an error when it is a link out of the folder, a folder, or not
/// a regular file (a named pipe would never finish reading).
pub fn named_file(root: &Path, name: &str) -> Result<Option<PathBuf>, Diagnostic> {
    let path = root.join(name);
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return Ok(None);
    };
    if meta.file_type().is_symlink() {
        Inside::new(root).check(&path)?;
    }
    let meta = std::fs::metadata(&path).map_err(|err| {
        Diagnostic::error(name, format!("cannot read this file: {err}"))
            .with_help("check that the file exists and that you may read it")
    })?;
    if meta.is_dir() {
        return Err(
            Diagnostic::error(name, format!("{name} is a folder, not a file")).with_help(format!(
                "{name} is a file of its own at the top of the engagement folder"
            )),
        );
    }
    if !meta.is_file() {
        let what = special_kind(&meta.file_type());
        return Err(
            Diagnostic::error(name, format!("{name} is {what}, not a file")).with_help(format!(
                "replace it with the file itself ({name} is read as text)"
            )),
        );
    }
    Ok(Some(path))
}

pub(super) fn walk_error(root: &Path, inside: &Inside, err: &walkdir::Error) -> Diagnostic {
    // A link that leads nowhere (walkdir cannot follow it).
    if let Some(path) = err.path()
        && err.loop_ancestor().is_none()
        && std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && let Some(d) = inside.link_error(path)
    {
        return d;
    }
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
            // Not quoted: a file that is not text says nothing of its content.
            let mut d = Diagnostic::error(&shown, "this file is not UTF-8 text")
                .with_help("save it as UTF-8 (most editors offer \"Save with encoding\")");
            (d.line, d.column) = (line, column);
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
    // Opening a named pipe would wait for a writer, forever: such a file is not opened.
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::Io(std::io::Error::other(format!(
            "it is {}, not a file",
            if meta.is_dir() {
                "a folder"
            } else {
                special_kind(&meta.file_type())
            }
        ))));
    }
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

/// Refuses a text (a whole file) with more Markdown structure than a note needs, before
/// anything parses it: more than [`limits::MAX_MARKDOWN_MARKS`] lines and marks, more
/// than [`limits::MAX_LINKS_PER_NOTE`] links, or a line nested more than
/// [`limits::MAX_MARKDOWN_NESTING`] quotes and lists deep. The error points at the line
/// where the limit is passed.
pub fn check_markdown_budget(shown: &str, text: &str) -> Result<(), Diagnostic> {
    let (at, message) = match markdown_over_budget(text) {
        Some(over) => over,
        None => return Ok(()),
    };
    let before = &text[..at];
    let line = before.matches('\n').count() as u32 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    // Not quoted: a line of such a file is mostly marks.
    let mut d = Diagnostic::error(shown, message).with_help(
        "split the note (one file per session, objective or lesson); a file generated by mistake is better deleted",
    );
    (d.line, d.column) = (line, column);
    Err(d)
}

/// Where a text passes a limit of [`check_markdown_budget`], and which.
fn markdown_over_budget(text: &str) -> Option<(usize, String)> {
    /// The bytes counted: a line's end and the marks.
    const COUNTED: [bool; 256] = {
        let mut table = [false; 256];
        let marks = b"\n[]*_`<!&\\|~#=%";
        let mut i = 0;
        while i < marks.len() {
            table[marks[i] as usize] = true;
            i += 1;
        }
        table
    };
    let bytes = text.as_bytes();
    if nesting(text) > limits::MAX_MARKDOWN_NESTING {
        return Some((0, nested(nesting(text))));
    }
    // A quote or a list opened takes a byte or more (`>`, `- `): a file no longer than
    // the limit of marks cannot pass it, whatever it opens.
    // A text too short to pass the limits of marks and links (most notes): only the
    // starts of its lines are read.
    if bytes.len() <= limits::MAX_MARKDOWN_MARKS && bytes.len() <= 2 * limits::MAX_LINKS_PER_NOTE {
        return memchr::memchr_iter(b'\n', bytes).find_map(|i| {
            let depth = nesting(&text[i + 1..]);
            (depth > limits::MAX_MARKDOWN_NESTING).then(|| (i + 1, nested(depth)))
        });
    }
    let (mut marks, mut links) = (nesting(text), 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if !COUNTED[b as usize] {
            continue;
        }
        if b == b'\n' {
            let depth = nesting(&text[i + 1..]);
            if depth > limits::MAX_MARKDOWN_NESTING {
                return Some((i + 1, nested(depth)));
            }
            // Each quote and list a line opens is a container the parser keeps.
            marks += depth;
        }
        marks += 1;
        match b {
            b'[' | b']' => {
                let wikilink = b == b'['
                    && bytes.get(i + 1) == Some(&b'[')
                    && (i == 0 || bytes[i - 1] != b'[');
                // `[words](target)` and `[words][label]`.
                let link = b == b']' && matches!(bytes.get(i + 1), Some(b'(' | b'['));
                links += usize::from(wikilink || link);
            }
            _ => {}
        }
        if marks > limits::MAX_MARKDOWN_MARKS {
            return Some((
                i,
                format!(
                    "more than {} lines, quotes, lists and Markdown marks ([, ], *, _, `, <, !, &, \\, |, ~, #, =, %) in one file: coachsite reads no more",
                    limits::MAX_MARKDOWN_MARKS
                ),
            ));
        }
        if links > limits::MAX_LINKS_PER_NOTE {
            return Some((
                i,
                format!(
                    "more than {} links and embeds in one file: coachsite reads no more",
                    limits::MAX_LINKS_PER_NOTE
                ),
            ));
        }
    }
    None
}

/// The message of a line nested `depth` deep.
fn nested(depth: usize) -> String {
    format!(
        "this line is nested {depth} quotes and lists deep: coachsite reads no more than {}",
        limits::MAX_MARKDOWN_NESTING
    )
}

/// How many quotes and list items deep a line starts (`> > - 1. `), counted no further
/// than one past [`limits::MAX_MARKDOWN_NESTING`].
fn nesting(line: &str) -> usize {
    let bytes = line.as_bytes();
    let (mut at, mut depth) = (0, 0);
    while depth <= limits::MAX_MARKDOWN_NESTING {
        while matches!(bytes.get(at), Some(b' ' | b'\t')) {
            at += 1;
        }
        let digits = bytes[at.min(bytes.len())..]
            .iter()
            .take(10)
            .take_while(|b| b.is_ascii_digit())
            .count();
        let marker = match bytes.get(at + digits) {
            Some(b'>') if digits == 0 => 1,
            Some(b'-' | b'+' | b'*') if digits == 0 => 1,
            Some(b'.' | b')') if digits > 0 => digits + 1,
            _ => 0,
        };
        let spaced = bytes[at..].first() == Some(&b'>')
            || matches!(bytes.get(at + marker), Some(b' ' | b'\t'));
        if marker == 0 || !spaced {
            break;
        }
        at += marker;
        depth += 1;
    }
    depth
}
/// Reads a file again to quote its lines in cross-file diagnostics (only on the error
/// path, so the happy path keeps no copies of the text).
pub(super) struct Quoter<'a> {
    root: &'a Path,
    cache: BTreeMap<String, String>,
}

impl<'a> Quoter<'a> {
    pub(super) fn new(root: &'a Path) -> Quoter<'a> {
        Quoter {
            root,
            cache: BTreeMap::new(),
        }
    }

    pub(super) fn at(&mut self, d: Diagnostic, pos: Pos) -> Diagnostic {
        let text = self.text(&d.file.clone());
        d.at(&text, pos.line, pos.column)
    }

    /// Takes `text` as the text of `file`, already read.
    pub(super) fn knows(&mut self, file: &str, text: &str) {
        self.cache.insert(file.to_string(), text.to_string());
    }

    /// The text of `file` (read once).
    pub(super) fn text(&mut self, file: &str) -> String {
        let root = self.root;
        self.cache
            .entry(file.to_string())
            .or_insert_with(|| read_text(root, &root.join(file)).unwrap_or_default())
            .clone()
    }
}
