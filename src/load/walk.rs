//! The walk of an engagement folder: the item files of each kind's folders (`folders:`),
//! and the attachments, with what it says of the files it ignores or cannot read.

use std::path::{Path, PathBuf};

use super::files::{self, walk_files};
use super::{Cache, FileKind, folders};
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::model::*;

/// What a walk of the engagement folder found: the item files of each sub-folder, the
/// attachments, and what it said of the files it ignored or could not read.
#[derive(Clone, PartialEq)]
pub(super) struct Walk {
    pub(super) files: Vec<(FileKind, PathBuf)>,
    pub(super) attachments: Attachments,
    pub(super) said: Vec<Diagnostic>,
    /// The folders walked (`folders:` in engagement.yaml), to walk them again.
    pub(super) folders: Folders,
}

impl Walk {
    /// The walk a load reads, and whether it is the last one, taken again after
    /// [`Cache::trust`]; a new walk is kept in `cache`.
    pub(super) fn for_load(root: &Path, folders: &Folders, cache: Option<&Cache>) -> (Walk, bool) {
        if let Some(walk) = cache.and_then(Cache::trusted_walk)
            && walk.folders == *folders
        {
            return (walk, true);
        }
        let walk = Walk::of(root, folders);
        if let Some(cache) = cache {
            cache.keep_walk(&walk);
        }
        (walk, false)
    }

    pub(super) fn of(root: &Path, folders: &Folders) -> Walk {
        let mut said = Diagnostics::default();
        let (files, attachments) = collect_files(root, folders, &mut said);
        Walk {
            files,
            attachments,
            said: said.items,
            folders: folders.clone(),
        }
    }
}

/// The item files of each sub-folder, and the attachments: images and PDFs beside the
/// notes, in `attachments/` or at the top of the engagement folder (Obsidian's three
/// places for them), as paths relative to the engagement folder.
fn collect_files(
    root: &Path,
    folders: &Folders,
    diags: &mut Diagnostics,
) -> (Vec<(FileKind, PathBuf)>, Attachments) {
    let mut files = Vec::new();
    let mut attachments = Attachments::default();
    let is_attachment = |path: &Path| {
        path.file_name()
            .is_some_and(|n| is_attachment_name(&n.to_string_lossy()))
    };
    let dir = root.join("attachments");
    if dir.is_dir() {
        let (paths, errors) = walk_files(root, &dir);
        diags.items.extend(errors);
        for path in paths {
            if is_attachment(&path) {
                add_attachment(root, &path, &mut attachments, diags);
            } else {
                diags.push(
                    Diagnostic::warning(
                        display_path(root, &path),
                        "this file is ignored: attachments are images and PDFs",
                    )
                    .with_help(format!(
                        "attachments end in .{}",
                        ATTACHMENT_EXTENSIONS.join(", .")
                    )),
                );
            }
        }
    }
    // The vault's own attachment folder (`.obsidian/app.json`): its images and PDFs;
    // anything else there is the vault's, and left alone.
    if let Some(dir) = folders::obsidian_attachments(root).map(|f| root.join(f))
        && dir.is_dir()
    {
        let (paths, errors) = walk_files(root, &dir);
        diags.items.extend(errors);
        for path in paths.iter().filter(|p| is_attachment(p)) {
            add_attachment(root, path, &mut attachments, diags);
        }
    }
    if let Ok(entries) = std::fs::read_dir(root) {
        let inside = files::Inside::new(root);
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            if !is_attachment(&path) {
                continue;
            }
            if let Err(d) = inside.check(&path) {
                diags.push(d);
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_file() => {
                    add_attachment(root, &path, &mut attachments, diags);
                }
                Ok(meta) if !meta.is_dir() => {
                    let what = files::special_kind(&meta.file_type());
                    diags.push(files::not_a_file(root, &path, what));
                }
                _ => {}
            }
        }
    }
    for (kind, folder) in FileKind::ALL.into_iter().flat_map(|kind| {
        folders::of_kind(folders, kind)
            .into_iter()
            .map(move |(folder, _)| (kind, folder))
    }) {
        let dir = root.join(&folder);
        if !dir.exists() {
            continue;
        }
        let (paths, errors) = walk_files(root, &dir);
        diags.items.extend(errors);
        // A vault's own folder holds other files of the coach's (a canvas, a drawing):
        // only the kind's own folder says what it ignores.
        let own = folder == kind.folder();
        for path in paths {
            let path = path.as_path();
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if kind.accepts(extension) {
                files.push((kind, path.to_path_buf()));
            } else if !kind.is_yaml() && is_attachment(path) {
                add_attachment(root, path, &mut attachments, diags);
            } else if own {
                diags.push(
                    Diagnostic::warning(
                        display_path(root, path),
                        format!(
                            "this file is ignored: it is not a {} file",
                            kind.expected_extension()
                        ),
                    )
                    .with_help(format!(
                        "{} files in {}/ end in {}; rename it if it is one",
                        kind.noun(),
                        kind.folder(),
                        kind.expected_extension()
                    )),
                );
            }
        }
    }
    (files, attachments)
}

/// One attachment, within [`limits::MAX_ATTACHMENT_BYTES`] and
/// [`limits::MAX_ATTACHMENTS`].
fn add_attachment(
    root: &Path,
    path: &Path,
    attachments: &mut Attachments,
    diags: &mut Diagnostics,
) {
    let shown = display_path(root, path);
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    if size > crate::limits::MAX_ATTACHMENT_BYTES {
        diags.push(
            Diagnostic::error(
                &shown,
                format!(
                    "this attachment is {:.1} MiB: attachments may have up to {:.0} MiB",
                    mib(size),
                    mib(crate::limits::MAX_ATTACHMENT_BYTES)
                ),
            )
            .with_help(
                "save the photo or PDF smaller (most phones and scanners offer a lower resolution)",
            ),
        );
    } else if attachments.len() >= crate::limits::MAX_ATTACHMENTS {
        diags.push(
            Diagnostic::error(
                &shown,
                format!(
                    "more than {} attachments: this one is not read",
                    crate::limits::MAX_ATTACHMENTS
                ),
            )
            .with_help(
                "keep each engagement's attachments in its own folder, and delete the unused ones",
            ),
        );
    } else {
        attachments.insert(shown);
    }
}
