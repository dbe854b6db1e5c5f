//! Where the notes are: `folders:` in engagement.yaml points each kind at the folders
//! where the coach keeps those notes (`folders: {sessions: meetings}`), inside the
//! engagement folder; a folder may be narrowed to the notes carrying a tag. Every other
//! note of a vault is left alone.

use std::path::Path;

use super::files::Quoter;
use super::yaml::key_pos;
use super::{FileKind, Item};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Folders, Pos};

/// Folders that hold something else of the engagement's (or nothing coachsite reads as
/// notes): never a kind's folder.
const RESERVED: &[&str] = &["templates", "static", "attachments", ".coachsite"];

/// Why `folder` cannot hold notes, if it cannot: it must be a folder inside the
/// engagement folder, named relative to it, and not a hidden or reserved one.
pub(super) fn unusable(folder: &str) -> Option<&'static str> {
    let parts: Vec<&str> = folder.split('/').collect();
    if folder.is_empty() || folder == "." {
        Some("name a folder inside the engagement folder, not the folder itself")
    } else if folder.starts_with('/') || folder.contains(':') {
        Some("write the folder relative to the engagement folder, e.g. `meetings`")
    } else if parts
        .iter()
        .any(|p| *p == ".." || p.is_empty() || *p == ".")
    {
        Some("the folder must be inside the engagement folder: coachsite reads nothing outside it")
    } else if parts.iter().any(|p| p.starts_with('.')) {
        Some("hidden folders (`.obsidian`, `.git`…) hold no notes")
    } else if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(parts[0])) {
        Some("this folder holds templates, static files or attachments, not notes")
    } else {
        None
    }
}

/// The folders of `kind` that may be walked, each with its narrowing tag.
pub(super) fn of_kind(folders: &Folders, kind: FileKind) -> Vec<(String, Option<String>)> {
    folders
        .of(kind.folder())
        .into_iter()
        .filter(|(folder, _)| unusable(folder).is_none())
        .collect()
}

/// `folders:` checked: each folder usable, none named for two kinds (or twice), and
/// each one there (a folder that is missing is a warning: its notes may be still to come).
pub(super) fn check(root: &Path, folders: &Folders, q: &mut Quoter, diags: &mut Diagnostics) {
    let file = "engagement.yaml";
    let mut seen: Vec<(String, &str)> = Vec::new();
    for kind in FileKind::ALL {
        let given = folders.of(kind.folder());
        for (folder, _) in given {
            let at = |d: Diagnostic, q: &mut Quoter| {
                let text = q.text(file);
                let pos = position(&text, &folder);
                q.at(d, pos)
            };
            if let Some(why) = unusable(&folder) {
                let d = Diagnostic::error(
                    file,
                    format!("`{folder}` cannot hold the {}", kind.plural()),
                )
                .with_help(why);
                diags.push(at(d, q));
                continue;
            }
            if let Some((_, other)) = seen.iter().find(|(f, _)| overlaps(f, &folder)) {
                let d = Diagnostic::error(
                    file,
                    format!(
                        "`{folder}` is named for the {} and for the {other}",
                        kind.plural()
                    ),
                )
                .with_help("give each kind of note its own folder");
                diags.push(at(d, q));
                continue;
            }
            seen.push((folder.clone(), kind.plural()));
            if !root.join(&folder).is_dir() && folders_given(folders, kind) {
                let d = Diagnostic::warning(
                    file,
                    format!(
                        "the folder `{folder}` of the {} is not there",
                        kind.plural()
                    ),
                )
                .with_help("create it, or correct its name under `folders:`");
                diags.push(at(d, q));
            }
        }
    }
}

/// Where `folder` is written under `folders:` (the line of `folders:` when not found).
fn position(text: &str, folder: &str) -> Pos {
    let start = key_pos(text, "folders");
    let written = folder.rsplit('/').next().unwrap_or(folder);
    text.lines()
        .enumerate()
        .skip(start.line as usize)
        .take_while(|(_, l)| l.starts_with([' ', '\t']) || l.trim().is_empty())
        .find_map(|(i, l)| {
            l.find(written).map(|c| Pos {
                line: i as u32 + 1,
                column: l[..c].chars().count() as u32 + 1,
            })
        })
        .unwrap_or(start)
}

/// Whether `folders:` names the folders of `kind` (rather than the default).
fn folders_given(folders: &Folders, kind: FileKind) -> bool {
    match kind {
        FileKind::Objective => folders.objectives.is_some(),
        FileKind::Assessment => folders.assessments.is_some(),
        FileKind::Session => folders.sessions.is_some(),
        FileKind::Lesson => folders.lessons.is_some(),
        FileKind::Survey => folders.surveys.is_some(),
    }
}

/// One folder is the other or holds it (compared without case: a file system may not
/// tell `Meetings` from `meetings`).
fn overlaps(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    a == b || b.starts_with(&format!("{a}/")) || a.starts_with(&format!("{b}/"))
}

/// Obsidian's attachment folder, as the vault's `.obsidian/app.json` sets it
/// (`attachmentFolderPath: Assets`), when it is a folder inside the engagement folder
/// other than those read for attachments anyway (`attachments/`, the top, beside the
/// notes: `./` paths).
pub(super) fn obsidian_attachments(root: &Path) -> Option<String> {
    let path = root.join(".obsidian").join("app.json");
    super::files::Inside::new(root).check(&path).ok()?;
    let bytes = super::files::read_at_most(&path, 64 * 1024).ok()?;
    let json: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    let folder = json.get("attachmentFolderPath")?.as_str()?.trim();
    if folder.starts_with("./") || folder == "." {
        return None;
    }
    let folder = folder.trim_matches('/');
    (!folder.eq_ignore_ascii_case("attachments") && unusable(folder).is_none())
        .then(|| folder.to_string())
}

/// The folders coachsite reads notes from in the engagement folder `root`, from its
/// engagement.yaml (the defaults when it cannot be read), and Obsidian's attachment
/// folder: for the watcher and for the output folder's checks, which must know them
/// without loading the engagement.
pub fn input_folders(root: &Path) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct OnlyFolders {
        #[serde(default)]
        folders: Folders,
    }
    let folders = super::files::named_file(root, "engagement.yaml")
        .ok()
        .flatten()
        .and_then(|path| super::read_text(root, &path).ok())
        .and_then(|text| serde_saphyr::from_str::<OnlyFolders>(&text).ok())
        .map(|f| f.folders)
        .unwrap_or_default();
    folders
        .named()
        .into_iter()
        .filter(|f| unusable(f).is_none())
        .chain(obsidian_attachments(root))
        .collect()
}

/// Whether a note read from a folder narrowed to `tag` carries it: in its `tags:` or
/// its text, the tag itself or one nested in it (`people/ana/1on1` carries `people/ana`).
/// A file that could not be read carries it when its text names it, so that the errors
/// of a note of the coach's are shown, and those of notes of others are not.
pub(super) fn carries(item: Option<&Item>, text: impl FnOnce() -> String, tag: &str) -> bool {
    let tag = tag.to_lowercase();
    let matches = |t: &str| {
        let t = t.trim().trim_start_matches('#').to_lowercase();
        t == tag || t.starts_with(&format!("{tag}/"))
    };
    let (front, body): (&[String], &str) = match item {
        Some(Item::Session(s)) => (&s.front.tags, &s.body),
        Some(Item::Objective(o)) => (&o.front.tags, &o.body),
        Some(Item::Lesson(l)) => (&l.front.tags, &l.body),
        Some(Item::Assessment(_) | Item::Survey(_)) => return true,
        None => return text().to_lowercase().contains(&tag),
    };
    front.iter().any(|t| matches(t)) || crate::markdown::tags(body).iter().any(|t| matches(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_must_be_inside_and_not_reserved() {
        for bad in [
            "",
            ".",
            "/etc",
            "../other",
            "a/../../b",
            ".obsidian",
            "templates",
            "C:/x",
        ] {
            assert!(unusable(bad).is_some(), "{bad}");
        }
        for good in ["meetings", "Clients/Maya", "1-1s", "work/2024 meetings"] {
            assert_eq!(unusable(good), None, "{good}");
        }
        assert!(overlaps("Meetings", "meetings/2024"));
        assert!(!overlaps("meetings", "meetings-old"));
    }

    #[test]
    fn folders_default_to_the_kind_and_read_any_shape() {
        let f: Folders = serde_saphyr::from_str(
            "sessions: [meetings, {folder: ./1-1s/, tag: \"#people/ana\"}]\nlessons: Notes/Lessons\n",
        )
        .expect("reads");
        assert_eq!(
            f.of("sessions"),
            vec![
                ("meetings".to_string(), None),
                ("1-1s".to_string(), Some("people/ana".to_string()))
            ]
        );
        assert_eq!(f.of("lessons"), vec![("Notes/Lessons".to_string(), None)]);
        assert_eq!(f.of("objectives"), vec![("objectives".to_string(), None)]);
    }
}
