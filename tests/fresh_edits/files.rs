//! What the edits do to a file: a key of its front matter or a line set, a letter of
//! its body changed, the file written or removed.

use std::fs;
use std::path::Path;

/// `key: value` in the front matter of a note (in place of the key's lines if it
/// has one, first otherwise).
pub fn set_front(text: &str, key: &str, value: &str) -> String {
    let Some(front) = text.strip_prefix("---\n") else {
        return text.to_string();
    };
    let (front, body) = front.split_once("\n---\n").unwrap_or((front, ""));
    let mut lines: Vec<String> = Vec::new();
    let mut set = false;
    let mut skipping = false;
    for line in front.lines() {
        if skipping && line.starts_with(' ') {
            continue;
        }
        skipping = false;
        if line.starts_with(&format!("{key}:")) {
            lines.push(format!("{key}: {value}"));
            set = true;
            skipping = true;
        } else {
            lines.push(line.to_string());
        }
    }
    if !set {
        lines.insert(0, format!("{key}: {value}"));
    }
    format!("---\n{}\n---\n{body}", lines.join("\n"))
}

/// The first line that starts with `start`, made `start` then `value`.
pub fn set_line(text: &str, start: &str, value: &str) -> String {
    let mut done = false;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if !done && line.starts_with(start) {
            out.push_str(&format!("{start}{value}\n"));
            done = true;
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The first letter of the body, in the other case: the file keeps its size.
pub fn rewrite_body(text: &str) -> String {
    let body_at = text
        .strip_prefix("---\n")
        .and_then(|front| front.find("\n---\n").map(|at| at + 4 + 5))
        .unwrap_or(0);
    let mut out = text.to_string();
    if let Some((at, c)) = text[body_at..]
        .char_indices()
        .find(|(_, c)| c.is_ascii_alphabetic())
    {
        let other = if c.is_ascii_uppercase() {
            c.to_ascii_lowercase()
        } else {
            c.to_ascii_uppercase()
        };
        out.replace_range(body_at + at..body_at + at + 1, &other.to_string());
    }
    out
}

/// Changes the file at `rel` if it is there.
pub fn change(root: &Path, rel: &str, f: impl FnOnce(&str) -> String) {
    let path = root.join(rel);
    if let Ok(text) = fs::read_to_string(&path) {
        fs::write(&path, f(&text)).expect("write");
    }
}

pub fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().expect("parent")).expect("folder");
    fs::write(path, bytes).expect("write");
}

pub fn remove(root: &Path, rel: &str) {
    let _ = fs::remove_file(root.join(rel));
}

/// A picture's bytes (a PNG signature and a mark).
pub fn png(n: u8) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(format!("board {n}").as_bytes());
    bytes
}
