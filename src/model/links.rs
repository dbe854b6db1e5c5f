//! What an Obsidian link names: an item of the engagement (`[[sprint-goals]]`,
//! `[[sessions/2026-01-20-kick-off]]`) or an attachment (`![[whiteboard.jpg]]`,
//! `![](board.jpg)`). The same rules serve the loader, which checks every link, and the
//! pages, which resolve them over what their reader may see.

use std::collections::BTreeSet;

use super::{Engagement, Markdown};

/// The kinds of item a link can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    Objective,
    Session,
    Lesson,
    Assessment,
    Action,
}

impl ItemKind {
    pub const ALL: [ItemKind; 5] = [
        ItemKind::Objective,
        ItemKind::Session,
        ItemKind::Lesson,
        ItemKind::Assessment,
        ItemKind::Action,
    ];

    /// The folder of its files, which also names the kind in a link (`objectives/…`).
    /// Actions live in plan.yaml; `actions/<id>` names one.
    pub fn folder(self) -> &'static str {
        match self {
            ItemKind::Objective => "objectives",
            ItemKind::Session => "sessions",
            ItemKind::Lesson => "lessons",
            ItemKind::Assessment => "assessments",
            ItemKind::Action => "actions",
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            ItemKind::Objective => "objective",
            ItemKind::Session => "session",
            ItemKind::Lesson => "lesson",
            ItemKind::Assessment => "assessment",
            ItemKind::Action => "action",
        }
    }
}

/// One item, by kind and id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ItemRef {
    pub kind: ItemKind,
    pub id: String,
}

/// The file types an attachment may have: images and PDFs.
pub const ATTACHMENT_EXTENSIONS: &[&str] =
    &["png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "pdf"];

/// Whether a file name is that of an attachment (by its extension).
pub fn is_attachment_name(name: &str) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && ATTACHMENT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
    })
}

/// A wikilink's target split into what it names and the heading it points into:
/// `sprint-goals#Why this` → (`sprint-goals`, `Why this`). A `.md` extension is
/// dropped, as Obsidian writes it either way. A block reference (`#^id`) has no heading.
pub fn split_target(target: &str) -> (&str, Option<&str>) {
    let (path, heading) = match target.split_once('#') {
        Some((path, heading)) => (path, Some(heading.trim())),
        None => (target, None),
    };
    let path = path.trim();
    let path = path.strip_suffix(".md").unwrap_or(path);
    (
        path,
        heading.filter(|h| !h.is_empty() && !h.starts_with('^')),
    )
}

/// One Markdown text of the engagement, with the item it belongs to (none for the
/// context and report.md) and the file it was written in.
pub struct TextOf<'a> {
    pub from: Option<ItemRef>,
    pub file: &'a str,
    pub text: &'a Markdown,
}

impl Engagement {
    /// Every item whose id (and kind, when the link names its folder) the link's path
    /// names: none, one, or several of different kinds (an ambiguous link).
    pub fn linked_items(&self, path: &str) -> Vec<ItemRef> {
        let (kind, id) = match path.split_once('/') {
            Some((folder, rest)) => {
                let Some(kind) = ItemKind::ALL.into_iter().find(|k| k.folder() == folder) else {
                    return Vec::new();
                };
                (Some(kind), rest.rsplit('/').next().unwrap_or(rest))
            }
            None => (None, path),
        };
        ItemKind::ALL
            .into_iter()
            .filter(|k| kind.is_none_or(|wanted| wanted == *k))
            .filter(|k| self.ids(*k).any(|i| i == id))
            .map(|kind| ItemRef {
                kind,
                id: id.to_string(),
            })
            .collect()
    }

    /// The ids of one kind of item.
    pub fn ids(&self, kind: ItemKind) -> Box<dyn Iterator<Item = &str> + '_> {
        match kind {
            ItemKind::Objective => Box::new(self.objectives.iter().map(|o| o.id.as_str())),
            ItemKind::Session => Box::new(self.sessions.iter().map(|s| s.id.as_str())),
            ItemKind::Lesson => Box::new(self.lessons.iter().map(|l| l.id.as_str())),
            ItemKind::Assessment => Box::new(self.assessments.iter().map(|a| a.id.as_str())),
            ItemKind::Action => Box::new(self.plan.actions.iter().map(|a| a.id.value.as_str())),
        }
    }

    /// The title of an item, if it is in this view.
    pub fn item_title(&self, item: &ItemRef) -> Option<&str> {
        let id = item.id.as_str();
        match item.kind {
            ItemKind::Objective => self.objective(id).map(|o| o.title()),
            ItemKind::Session => self
                .sessions
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.front.title.as_str()),
            ItemKind::Lesson => self
                .lessons
                .iter()
                .find(|l| l.id == id)
                .map(|l| l.front.title.as_str()),
            ItemKind::Assessment => self
                .assessments
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.front.title.as_str()),
            ItemKind::Action => self
                .plan
                .actions
                .iter()
                .find(|a| a.id.value == id)
                .map(|a| a.title.as_str()),
        }
    }

    /// Every Markdown text of the engagement, in a fixed order.
    pub fn markdown_texts(&self) -> Vec<TextOf<'_>> {
        let item = |kind, id: &str| {
            Some(ItemRef {
                kind,
                id: id.to_string(),
            })
        };
        let mut texts = Vec::new();
        if let Some(context) = &self.info.context {
            texts.push(TextOf {
                from: None,
                file: "engagement.yaml",
                text: context,
            });
        }
        for o in &self.objectives {
            texts.push(TextOf {
                from: item(ItemKind::Objective, &o.id),
                file: &o.source.path,
                text: &o.body,
            });
        }
        for a in &self.assessments {
            if let Some(observations) = &a.front.observations {
                texts.push(TextOf {
                    from: item(ItemKind::Assessment, &a.id),
                    file: &a.source.path,
                    text: observations,
                });
            }
        }
        for s in &self.sessions {
            for text in std::iter::once(&s.body).chain(s.front.private.as_ref()) {
                texts.push(TextOf {
                    from: item(ItemKind::Session, &s.id),
                    file: &s.source.path,
                    text,
                });
            }
        }
        for l in &self.lessons {
            texts.push(TextOf {
                from: item(ItemKind::Lesson, &l.id),
                file: &l.source.path,
                text: &l.body,
            });
        }
        if let Some(report) = &self.report {
            texts.push(TextOf {
                from: None,
                file: &report.source.path,
                text: &report.body,
            });
        }
        texts
    }
}

/// Finds the attachment a reference written in `file` names, among `attachments`
/// (paths relative to the engagement folder), the way Obsidian does: relative to the
/// note, then to the engagement folder, then in `attachments/`, then by file name alone
/// anywhere (the first in path order). Percent-escapes (`my%20photo.jpg`) are decoded.
pub fn find_attachment<'a>(
    attachments: &'a BTreeSet<String>,
    file: &str,
    target: &str,
) -> Option<&'a str> {
    let target = percent_decode(target.trim());
    let target = target.trim_start_matches("./");
    let folder = file.rsplit_once('/').map_or("", |(dir, _)| dir);
    let candidates = [
        normalize(&format!("{folder}/{target}")),
        normalize(target),
        normalize(&format!("attachments/{target}")),
    ];
    for candidate in candidates.into_iter().flatten() {
        if let Some(found) = attachments.get(&candidate) {
            return Some(found);
        }
    }
    if target.contains('/') {
        return None;
    }
    attachments
        .iter()
        .find(|a| a.rsplit('/').next() == Some(target))
        .map(String::as_str)
}

/// `a/./b/../c` → `a/c`; `None` for a path that leaves the engagement folder.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(hi), Some(lo)) = (
                bytes.get(i + 1).and_then(|b| hex(*b)),
                bytes.get(i + 2).and_then(|b| hex(*b)),
            )
        {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_split_into_path_and_heading() {
        assert_eq!(split_target("sprint-goals"), ("sprint-goals", None));
        assert_eq!(
            split_target("sprint-goals.md#Why this"),
            ("sprint-goals", Some("Why this"))
        );
        assert_eq!(split_target("x#^block-1"), ("x", None));
        assert_eq!(split_target("#Heading"), ("", Some("Heading")));
    }

    #[test]
    fn attachments_are_found_as_obsidian_finds_them() {
        let files: BTreeSet<String> = [
            "attachments/whiteboard.jpg",
            "attachments/deep/plan.pdf",
            "sessions/board photo.png",
            "sessions/2026/flip.jpg",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        let find = |file, target| find_attachment(&files, file, target);
        // Beside the note, with an escaped space.
        assert_eq!(
            find("sessions/a.md", "board%20photo.png"),
            Some("sessions/board photo.png")
        );
        // In attachments/, by name alone, or by its path from the engagement folder.
        assert_eq!(
            find("sessions/a.md", "whiteboard.jpg"),
            Some("attachments/whiteboard.jpg")
        );
        assert_eq!(
            find("lessons/l.md", "plan.pdf"),
            Some("attachments/deep/plan.pdf")
        );
        assert_eq!(
            find("objectives/o.md", "../sessions/2026/flip.jpg"),
            Some("sessions/2026/flip.jpg")
        );
        assert_eq!(
            find("report.md", "attachments/whiteboard.jpg"),
            Some("attachments/whiteboard.jpg")
        );
        assert_eq!(find("sessions/a.md", "missing.png"), None);
        assert_eq!(find("sessions/a.md", "../../etc/x.png"), None);
        assert!(is_attachment_name("Board.JPG"));
        assert!(!is_attachment_name("notes.md"));
        assert!(!is_attachment_name(".png"));
    }
}
