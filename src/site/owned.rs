//! What coachsite may replace, and where it may write at all.
//!
//! An output folder is coachsite's when it holds the marker file ([`MARKER`]) and the
//! marker says so in its first line (a stray or empty file of that name proves
//! nothing). Even then, coachsite replaces only the files the marker lists: anything
//! else in the folder (`.git`, `CNAME`, `.nojekyll`, `.well-known/`, whatever a deploy
//! adds) was not written by coachsite and is carried into the new site as it is
//! ([`foreign_entries`], [`carry`]). A folder that is or holds an engagement is never
//! an output, and no command writes inside what an engagement reads ([`refuse_input`]).

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::known::{MARKER_TEXT, Manifest};
use crate::diagnostic::Diagnostic;
use crate::load::{INPUTS, LEGACY_SITE_MARKER, SITE_MARKER, read_at_most};

/// The marker file that says "this folder was written by coachsite", and lists the
/// files it wrote (`known::Manifest`). No other file of coachsite's has this name (an
/// engagement's own settings are in a `.coachsite/` folder).
pub const MARKER: &str = SITE_MARKER;

/// Who wrote a folder, as far as coachsite may know.
pub(super) enum Owner {
    /// No folder there, or an empty one: nothing to keep.
    Nobody,
    /// A site coachsite wrote: the name of its marker, and the files it lists (`None`
    /// for a marker of an older coachsite that listed none).
    Coachsite {
        marker: &'static str,
        listed: Option<Manifest>,
    },
    /// A folder that is not empty and holds no marker of coachsite's.
    Someone,
}

/// Who wrote `dir` ([`Owner`]).
pub(super) fn owner(dir: &Path) -> io::Result<Owner> {
    let meta = match fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Owner::Nobody),
        Err(err) => return Err(err),
    };
    if !meta.is_dir() {
        return Ok(Owner::Someone);
    }
    if fs::read_dir(dir)?.next().is_none() {
        return Ok(Owner::Nobody);
    }
    for marker in [SITE_MARKER, LEGACY_SITE_MARKER] {
        if let Some(listed) = read_marker(&dir.join(marker)) {
            return Ok(Owner::Coachsite { marker, listed });
        }
    }
    Ok(Owner::Someone)
}

/// The list of a marker file, when `path` is one: a regular file (not a link) whose
/// first line is coachsite's. `Some(None)` for a marker without a list.
fn read_marker(path: &Path) -> Option<Option<Manifest>> {
    if !fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let bytes = read_at_most(path, crate::limits::MAX_MARKER_BYTES).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    if text.lines().next() != Some(MARKER_TEXT) {
        return None;
    }
    let written = fs::metadata(path).and_then(|m| m.modified()).ok();
    Some(Manifest::parse(&text, written))
}

/// The line after the marker's first in a site being written: nothing is listed yet,
/// and everything in the folder is coachsite's (what it did not write is carried in only
/// once the list is written).
pub(super) const BEING_WRITTEN: &str = "# being written: no file of it is listed yet";

/// Whether `dir` is a site still being written (its marker says so).
pub(super) fn being_written(dir: &Path) -> bool {
    let marker = dir.join(MARKER);
    fs::symlink_metadata(&marker).is_ok_and(|m| m.is_file())
        && read_at_most(&marker, 4096)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .is_some_and(|text| {
                let mut lines = text.lines();
                lines.next() == Some(MARKER_TEXT) && lines.next() == Some(BEING_WRITTEN)
            })
}

/// The files of the site coachsite wrote in `dir`, as its marker lists them (sorted);
/// `None` when `dir` holds no such site or its marker lists nothing.
pub fn site_files(dir: &Path) -> Option<Vec<String>> {
    match owner(dir) {
        Ok(Owner::Coachsite {
            listed: Some(listed),
            ..
        }) => {
            let mut files: Vec<String> = listed.files.into_keys().collect();
            files.sort();
            Some(files)
        }
        _ => None,
    }
}

/// What of a folder coachsite may replace: the files its marker lists, or, for a
/// marker without a list, the files the new site writes over (then `None` until known).
pub(super) fn vouched<'a>(
    owner: &'a Owner,
    new_files: &[String],
) -> std::borrow::Cow<'a, Manifest> {
    match owner {
        Owner::Coachsite {
            listed: Some(listed),
            ..
        } => std::borrow::Cow::Borrowed(listed),
        Owner::Coachsite { listed: None, .. } => {
            std::borrow::Cow::Owned(Manifest::of_paths(new_files.iter().map(String::as_str)))
        }
        _ => std::borrow::Cow::Owned(Manifest::default()),
    }
}

/// What in `dir` coachsite did not write: every entry but its marker (`marker`) and the
/// files `listed` vouches for, as paths relative to `dir`, a folder given whole when
/// nothing in it is listed.
pub(super) fn foreign_entries(
    dir: &Path,
    marker: Option<&str>,
    listed: &Manifest,
) -> io::Result<Vec<PathBuf>> {
    if fs::symlink_metadata(dir).is_err() {
        return Ok(Vec::new());
    }
    // coachsite writes no hidden file but its marker: a hidden path a marker lists (a
    // marker edited by hand) is never its.
    let hidden = |path: &str| path.split('/').any(|part| part.starts_with('.'));
    // Every folder that holds a listed file, at any depth.
    let mut folders: HashSet<&str> = HashSet::new();
    for path in listed.files.keys().filter(|p| !hidden(p)) {
        let mut rest = path.as_str();
        while let Some((folder, _)) = rest.rsplit_once('/') {
            if !folders.insert(folder) {
                break;
            }
            rest = folder;
        }
    }
    let mut found = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry
            .path()
            .strip_prefix(dir)
            .map_err(io::Error::other)?
            .to_path_buf();
        // A name that is not UTF-8 is none coachsite writes; a `\` is a character of a
        // name, not a separator.
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect::<Option<Vec<_>>>()
            .map(|parts| parts.join("/"));
        let dir_entry = entry.file_type().is_dir();
        let ours = match &name {
            Some(name) if entry.depth() == 1 && Some(name.as_str()) == marker => true,
            Some(name) if dir_entry => folders.contains(name.as_str()),
            Some(name) => listed.files.contains_key(name) && !hidden(name),
            None => false,
        };
        if !ours {
            found.push(rel);
            if dir_entry {
                walk.skip_current_dir();
            }
        }
    }
    Ok(found)
}

/// Where a foreign entry `path` of the old site would meet the new one in `site`: the
/// path in `site` that is already taken (the entry itself, or a file where it needs a
/// folder).
pub(super) fn clash(site: &Path, path: &Path) -> Option<PathBuf> {
    let mut at = PathBuf::new();
    let parts = path.components().count();
    for (n, part) in path.components().enumerate() {
        at.push(part);
        match fs::symlink_metadata(site.join(&at)) {
            Err(_) => return None,
            Ok(meta) if n + 1 == parts || !meta.is_dir() => return Some(at),
            Ok(_) => {}
        }
    }
    None
}

/// Moves each of `paths` from `from` into `to` (renamed, so on one file system, nothing
/// copied), making the folders it needs. If one cannot be moved, those moved are moved
/// back and the error is returned; the error says whether any could not be moved back
/// ([`Refusal::stranded`]).
pub(super) fn carry(from: &Path, to: &Path, paths: &[PathBuf]) -> io::Result<()> {
    for (n, path) in paths.iter().enumerate() {
        let target = to.join(path);
        let moved = target
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::rename(from.join(path), &target));
        if let Err(err) = moved {
            let stranded = paths[..n]
                .iter()
                .rev()
                .filter(|back| fs::rename(to.join(back), from.join(back)).is_err())
                .count()
                > 0;
            return Err(Refusal::error(
                format!(
                    "cannot keep `{}`, which coachsite did not write: {err}",
                    path.display()
                ),
                "check that you may write in the output folder and beside it",
                stranded,
            ));
        }
    }
    Ok(())
}

/// An error of writing a site that says what to do, and whether something coachsite did
/// not write was left in the temporary folder (which must then stay).
#[derive(Debug)]
pub struct Refusal {
    pub message: String,
    pub help: &'static str,
    pub stranded: bool,
}

impl Refusal {
    fn error(message: String, help: &'static str, stranded: bool) -> io::Error {
        io::Error::other(Refusal {
            message,
            help,
            stranded,
        })
    }

    /// The refusal an error holds, if it is one.
    pub fn of(err: &io::Error) -> Option<&Refusal> {
        err.get_ref().and_then(|e| e.downcast_ref::<Refusal>())
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Refusal {}

/// The error of an output folder that holds `path`, not written by coachsite, where the
/// new site has a file.
pub(super) fn clash_error(path: &Path) -> io::Error {
    Refusal::error(
        format!(
            "`{}` in the output folder was not written by coachsite, and the new site has a file there",
            path.display()
        ),
        "move it out of the output folder or rename it; coachsite replaces only what it wrote",
        false,
    )
}

/// Refuses output folders that would destroy something: the engagement itself, a folder
/// that contains it, a folder inside what it reads, another engagement, or a non-empty
/// folder that coachsite did not write.
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
    refuse_input(out)?;
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(
            Diagnostic::error(shown, "the output path is a file, not a folder")
                .with_help("choose another output folder with -o"),
        );
    }
    match owner(out) {
        // A marker without a list vouches for nothing in particular: the folder must
        // hold no engagement either.
        Ok(Owner::Coachsite { listed: None, .. }) => match engagement_inside(out) {
            Some(found) => Err(Diagnostic::error(
                shown,
                format!(
                    "the output folder holds the engagement `{}`: coachsite never writes a site over one",
                    crate::diagnostic::display_path(out, &found)
                ),
            )
            .with_help(format!(
                "choose a folder of its own for the site, e.g. -o {}",
                suggest_site_folder(out)
            ))),
            None => Ok(()),
        },
        Ok(Owner::Nobody | Owner::Coachsite { .. }) => Ok(()),
        Ok(Owner::Someone) => Err(not_ours(out, &shown)),
        Err(err) => Err(
            Diagnostic::error(shown, format!("cannot read the output folder: {err}"))
                .with_help("check that the folder exists and that you may read it"),
        ),
    }
}

/// The error of a non-empty output folder without coachsite's marker, saying what it holds.
fn not_ours(out: &Path, shown: &str) -> Diagnostic {
    let engagements = crate::load::find_engagements(out).unwrap_or_default();
    if let Some(first) = engagements.first() {
        return Diagnostic::error(
            shown,
            format!(
                "the output folder holds the engagement `{}`: coachsite never writes a site over one",
                crate::diagnostic::display_path(out, first)
            ),
        )
        .with_help(format!(
            "choose a folder of its own for the site, e.g. -o {}",
            suggest_site_folder(out)
        ));
    }
    let forged = fs::symlink_metadata(out.join(MARKER)).is_ok()
        || fs::symlink_metadata(out.join(LEGACY_SITE_MARKER)).is_ok_and(|m| m.is_file());
    let help = if forged {
        "its marker file was not written by coachsite; coachsite replaces only a site it wrote: choose an empty or new folder"
    } else {
        "coachsite replaces only a site it wrote: choose an empty or new folder, or delete this one"
    };
    Diagnostic::error(
        shown,
        "the output folder is not empty and was not written by coachsite",
    )
    .with_help(help)
}

/// A folder below `dir` (at most a practice's depth) with an `engagement.yaml`.
fn engagement_inside(dir: &Path) -> Option<PathBuf> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .max_depth(crate::limits::MAX_PRACTICE_DEPTH)
        .into_iter()
        .filter_entry(|e| {
            e.file_type().is_dir() && !e.file_name().to_string_lossy().starts_with('.')
        })
        .filter_map(Result::ok)
        .find(|e| engagement_file(e.path()).is_some())
        .map(walkdir::DirEntry::into_path)
}

/// `engagement.yaml` or `engagement.yml`, when `dir` has one.
fn engagement_file(dir: &Path) -> Option<&'static str> {
    ["engagement.yaml", "engagement.yml"]
        .into_iter()
        .find(|name| fs::symlink_metadata(dir.join(name)).is_ok())
}

/// `maya` → `maya-site`: a folder of its own beside the one given.
fn suggest_site_folder(out: &Path) -> String {
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().to_string());
    out.with_file_name(format!("{name}-site"))
        .display()
        .to_string()
}

/// Refuses `path` (a file or folder a command is about to write) when it is, or is
/// inside, something an engagement reads: engagement.yaml, plan.yaml, report.md, the
/// folders of notes, templates, static files and attachments, or an attachment at the
/// top of the folder. The engagement is the nearest folder above `path` with an
/// engagement.yaml.
pub fn refuse_input(path: &Path) -> Result<(), Diagnostic> {
    let target = absolute(path);
    let mut folder = target.parent();
    while let Some(dir) = folder {
        if engagement_file(dir).is_some()
            && let Ok(inside) = target.strip_prefix(dir)
            && let Some(first) = inside.components().next()
        {
            let first = first.as_os_str().to_string_lossy();
            let deeper = inside.components().count() > 1;
            // The folders `folders:` names hold notes too.
            if let Some(notes) = crate::load::input_folders(dir).into_iter().find(|f| {
                let f = Path::new(f);
                inside.starts_with(f) || f.starts_with(inside)
            }) {
                return Err(input_error(path, dir, &notes, inside == Path::new(&notes)));
            }
            // Named in any case: a file system may not tell `Objectives` from `objectives`.
            let Some(input) = INPUTS.iter().find(|i| i.eq_ignore_ascii_case(&first)) else {
                if !deeper && crate::load::is_attachment_name(&first) {
                    return Err(input_error(path, dir, &first, true));
                }
                folder = dir.parent();
                continue;
            };
            // `.coachsite/` itself and its templates are the engagement's; other folders
            // in it (`schema --out .coachsite/schemas`) are not read.
            let second = inside
                .components()
                .nth(1)
                .map(|c| c.as_os_str().to_string_lossy());
            let read = *input != ".coachsite"
                || second.is_none_or(|s| s.eq_ignore_ascii_case("templates"));
            if read {
                return Err(input_error(path, dir, input, !deeper));
            }
        }
        folder = dir.parent();
    }
    if let Some(name) = engagement_file(&target) {
        return Err(Diagnostic::error(
            path.display().to_string(),
            format!(
                "this folder is an engagement (it has an {name}): coachsite never writes over one"
            ),
        )
        .with_help(format!(
            "choose a folder of its own, e.g. {}",
            suggest_site_folder(path)
        )));
    }
    Ok(())
}

fn input_error(path: &Path, engagement: &Path, first: &str, exact: bool) -> Diagnostic {
    let (name, what) = match first {
        "engagement.yaml" | "engagement.yml" => (first.to_string(), " (the engagement's settings)"),
        "plan.yaml" => (first.to_string(), " (the action plan)"),
        "report.md" => (first.to_string(), " (the report's text)"),
        ".coachsite" => (
            ".coachsite/templates/".to_string(),
            " (the engagement's templates)",
        ),
        name if crate::load::is_attachment_name(name) => (name.to_string(), " (an attachment)"),
        name => (format!("{name}/"), ""),
    };
    let is = if exact {
        "this is"
    } else {
        "this path is inside"
    };
    Diagnostic::error(
        path.display().to_string(),
        format!(
            "{is} `{name}`{what}, which coachsite reads as part of the engagement in {}",
            engagement.display()
        ),
    )
    .with_help("coachsite never writes over what it reads: choose a path outside objectives/, assessments/, surveys/, sessions/, lessons/, templates/, static/ and attachments/ and the engagement's own files, e.g. -o public")
}

/// `path` made absolute: the nearest existing ancestor canonicalised (links resolved),
/// the rest (which holds no link, not existing) with its `.` and `..` worked out.
pub(super) fn absolute(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while fs::symlink_metadata(&existing).is_err() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = if parent.as_os_str().is_empty() {
                    PathBuf::from(".")
                } else {
                    parent.to_path_buf()
                };
            }
            // `missing/..` has no file name: take the `..` as a part of the rest.
            (None, Some(parent)) if existing.ends_with("..") => {
                rest.push("..".into());
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
        if name == ".." {
            abs.pop();
        } else if name != "." {
            abs.push(name);
        }
    }
    abs
}

/// The folder a site is written to: `out` as given, but when it is a symbolic link to a
/// folder (`public -> /var/www/site`), the folder it leads to (so that the site replaces
/// that folder and not the link), and when it names no folder of its own (`.`, `x/..`),
/// made absolute (so that the site is swapped beside it, not inside).
pub fn output_folder(out: &Path) -> Result<PathBuf, Diagnostic> {
    let shown = out.display().to_string();
    match fs::symlink_metadata(out) {
        Ok(meta) if meta.file_type().is_symlink() => match fs::canonicalize(out) {
            Ok(target) => Ok(target),
            Err(_) => Err(Diagnostic::error(
                shown,
                format!(
                    "the output folder is a link to `{}`, which does not exist",
                    fs::read_link(out).map_or_else(|_| "?".into(), |t| t.display().to_string())
                ),
            )
            .with_help("make the folder it points to, or give another output folder with -o")),
        },
        _ if out.file_name().is_none() || out.ends_with("..") => Ok(absolute(out)),
        _ => Ok(out.to_path_buf()),
    }
}
