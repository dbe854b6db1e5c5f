//! What is known of a site's files without reading them whole: the list the marker
//! keeps ([`Manifest`]), a file hashed as it is written ([`HashingFile`]), and two
//! files compared block by block ([`same_bytes`]).

use std::fs;
use std::io;
use std::path::Path;

/// The marker's first line.
pub(super) const MARKER_TEXT: &str =
    "This folder is written by coachsite and replaced on every build.";
/// The line after it, before the list of files: which list it is. A path's `\`, line feed
/// and carriage return are written `\\`, `\n` and `\r`, so that every path has its line.
pub(super) const MANIFEST_HEADER: &str =
    "# each file: XXH3-128 of its bytes, its size, its path (\\, \\n and \\r escaped)";
/// The header of the lists before paths were escaped: their paths are as written.
const MANIFEST_HEADER_RAW: &str = "# each file: XXH3-128 of its bytes, its size, its path";

/// What the last build wrote, as its marker lists it: each file's hash and size by its
/// path, and when the list was written. A file of the previous site whose size is the
/// one listed and that was last changed before the list was written has the bytes
/// listed (a file changed in the same tick of the clock as the list is read back, as
/// git does with files changed as its index is written).
///
/// ARCHITECTURE.md's "Incremental state" lists it beside `serve`'s caches (it is
/// `build`'s and `watch`'s).
#[derive(Default, Clone)]
pub(super) struct Manifest {
    pub(super) files: std::collections::HashMap<String, (u128, u64)>,
    written: Option<std::time::SystemTime>,
}

impl Manifest {
    /// The list in a marker's `text` (its first line coachsite's), written at
    /// `written`; `None` if it has none (a marker from before coachsite listed the
    /// files).
    pub(super) fn parse(text: &str, written: Option<std::time::SystemTime>) -> Option<Manifest> {
        let mut lines = text.lines();
        if lines.next() != Some(MARKER_TEXT) {
            return None;
        }
        let escaped = match lines.next() {
            Some(MANIFEST_HEADER) => true,
            Some(MANIFEST_HEADER_RAW) => false,
            _ => return None,
        };
        let files = lines
            .filter_map(|line| {
                let (hash, rest) = line.split_once(' ')?;
                let (size, path) = rest.split_once(' ')?;
                let hash = u128::from_str_radix(hash, 16).ok()?;
                let path = if escaped {
                    unescape(path)
                } else {
                    path.to_string()
                };
                Some((path, (hash, size.parse().ok()?)))
            })
            .collect();
        Some(Manifest { files, written })
    }

    /// The hash of the previous site's file at `path` (its `meta`data given), when the
    /// list vouches for it.
    pub(super) fn vouches(&self, path: &str, meta: &fs::Metadata) -> Option<u128> {
        let (hash, size) = self.files.get(path)?;
        let changed = meta.modified().ok()?;
        (meta.len() == *size && changed < self.written?).then_some(*hash)
    }

    /// The marker's text for these files (path, hash, size), sorted by path, each path
    /// escaped to keep to its line.
    pub(super) fn text(mut files: Vec<(String, u128, u64)>) -> String {
        files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut text = format!("{MARKER_TEXT}\n{MANIFEST_HEADER}\n");
        for (path, hash, size) in files {
            text.push_str(&format!("{hash:032x} {size} {}\n", escape(&path)));
        }
        text
    }

    /// A list of these paths, vouching for no file's bytes: what a site whose marker
    /// lists nothing may replace (the files the new site writes over).
    pub(super) fn of_paths<'a>(paths: impl Iterator<Item = &'a str>) -> Manifest {
        Manifest {
            files: paths.map(|p| (p.to_string(), (0, u64::MAX))).collect(),
            written: None,
        }
    }
}

/// A path as the marker writes it: `\`, line feed and carriage return escaped.
fn escape(path: &str) -> String {
    path.replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

/// A path as [`escape`] wrote it, as it was.
fn unescape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut chars = path.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A file being written through `fmt::Write`, hashed and counted as it goes; the first
/// error of the file is kept for [`HashingFile::finish`].
pub(super) struct HashingFile {
    file: io::BufWriter<fs::File>,
    hash: xxhash_rust::xxh3::Xxh3Default,
    size: u64,
    error: Option<io::Error>,
}

impl HashingFile {
    pub(super) fn create(path: &Path) -> io::Result<HashingFile> {
        Ok(HashingFile {
            file: io::BufWriter::with_capacity(1 << 16, fs::File::create(path)?),
            hash: xxhash_rust::xxh3::Xxh3Default::new(),
            size: 0,
            error: None,
        })
    }

    /// The file's hash and size, once it is all on disk; the first error otherwise.
    pub(super) fn finish(mut self) -> io::Result<(u128, u64)> {
        if let Some(err) = self.error.take() {
            return Err(err);
        }
        use io::Write;
        self.file.flush()?;
        Ok((self.hash.digest128(), self.size))
    }

    fn write_bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        use io::Write;
        if let Some(err) = &self.error {
            return Err(io::Error::new(err.kind(), err.to_string()));
        }
        self.hash.update(bytes);
        self.size += bytes.len() as u64;
        self.file.write_all(bytes).inspect_err(|err| {
            self.error = Some(io::Error::new(err.kind(), err.to_string()));
        })
    }
}

impl std::fmt::Write for HashingFile {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.write_bytes(text.as_bytes())
            .map_err(|_| std::fmt::Error)
    }
}

impl io::Write for HashingFile {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.write_bytes(bytes).map(|()| bytes.len())
    }

    /// Flushed once, by [`HashingFile::finish`].
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Whether two files hold the same bytes, read side by side in blocks.
pub(super) fn same_bytes(a: &Path, b: &Path) -> io::Result<bool> {
    use io::Read;
    let (mut a, mut b) = (fs::File::open(a)?, fs::File::open(b)?);
    let (mut x, mut y) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    loop {
        let n = a.read(&mut x)?;
        if n == 0 {
            return Ok(b.read(&mut y)? == 0);
        }
        if b.read_exact(&mut y[..n]).is_err() || x[..n] != y[..n] {
            return Ok(false);
        }
    }
}
