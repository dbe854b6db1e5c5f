//! The links of every Markdown text, checked: `[[id]]` must name one item, an embed or
//! a local image must name an attachment that exists; an attachment nothing embeds is
//! a warning. Each problem points at the link in its file.

use std::collections::BTreeSet;

use super::check::Quoter;
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::markdown::{self, RefKind, Reference};
use crate::model::*;

/// Checks every link of `e`. `unreadable` holds the ids of files that could not be
/// read (and `plan_unreadable`, whether plan.yaml could not): links to them are not
/// reported again (one typo, one error).
pub(super) fn check_links(
    e: &Engagement,
    unreadable: &BTreeSet<String>,
    plan_unreadable: bool,
    q: &mut Quoter,
    diags: &mut Diagnostics,
) {
    let index = ItemIndex::new(e);
    let mut used = BTreeSet::new();
    // Where the last reference of each file was found, so that a link written twice
    // is pointed at where each one is.
    let mut searched_from = std::collections::BTreeMap::<String, usize>::new();
    for text in e.markdown_texts() {
        for reference in markdown::references(text.text) {
            let problem = if reference.is_attachment() {
                check_attachment(e, text.file, &reference, &mut used)
            } else {
                check_item_link(&index, text.file, &reference, unreadable, plan_unreadable)
            };
            if let Some(d) = problem {
                let from = searched_from.entry(text.file.to_string()).or_default();
                diags.push(locate(d, q, text.text, &reference, from));
            }
        }
    }
    for unused in e.attachments.iter().filter(|a| !used.contains(*a)) {
        let name = unused.rsplit('/').next().unwrap_or(unused);
        diags.push(
            Diagnostic::warning(
                unused,
                "no note embeds this attachment, so no site shows it",
            )
            .with_help(format!(
                "embed it in the note it belongs to with `![[{name}]]`, or delete it"
            )),
        );
    }
}

fn check_attachment(
    e: &Engagement,
    file: &str,
    reference: &Reference,
    used: &mut BTreeSet<String>,
) -> Option<Diagnostic> {
    let target = split_target(&reference.target).0;
    if reference.kind != RefKind::File && !is_attachment_name(target) {
        return None;
    }
    if let Some(found) = e.attachments.find(file, target) {
        used.insert(found.to_string());
        return None;
    }
    let name = target.rsplit('/').next().unwrap_or(target);
    let names: Vec<&str> = e
        .attachments
        .iter()
        .map(|a| a.rsplit('/').next().unwrap_or(a))
        .collect();
    let help = match did_you_mean(name, names.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => "put the file in attachments/ or beside the note, or correct its name".into(),
    };
    let message = if is_attachment_name(target) {
        format!("no attachment `{target}`: the file is not in attachments/ or beside the note")
    } else {
        format!("`{target}` is not an attachment: only images and PDFs are embedded")
    };
    Some(Diagnostic::error(file, message).with_help(help))
}

fn check_item_link(
    index: &ItemIndex,
    file: &str,
    reference: &Reference,
    unreadable: &BTreeSet<String>,
    plan_unreadable: bool,
) -> Option<Diagnostic> {
    let (path, _) = split_target(&reference.target);
    if path.is_empty() {
        return None;
    }
    if reference.kind == RefKind::Embed && path.contains('.') {
        return Some(
            Diagnostic::error(
                file,
                format!("`{path}` is not an attachment: only images and PDFs are embedded"),
            )
            .with_help(format!(
                "write `[[{path}]]` to link to a note, or embed an image or a PDF"
            )),
        );
    }
    let found = index.resolve(path);
    let id = path.rsplit('/').next().unwrap_or(path);
    match found.len() {
        1 => None,
        0 if unreadable.contains(id) || plan_unreadable => None,
        0 => {
            let help = match did_you_mean(id, index.ids()) {
                Some(close) => format!("did you mean `[[{close}]]`?"),
                None => "link to an objective, session, lesson, action or assessment by its id \
                         (a file's name without .md, an action's `id:`)"
                    .into(),
            };
            Some(Diagnostic::error(
                file,
                format!("`[[{path}]]` links to nothing: no objective, session, lesson, action or assessment has the id `{id}`"),
            )
            .with_help(help))
        }
        _ => {
            let kinds: Vec<String> = found
                .iter()
                .map(|r| format!("`[[{}/{}]]`", r.kind.folder(), r.id))
                .collect();
            Some(
                Diagnostic::error(
                    file,
                    format!(
                        "`[[{path}]]` could be any of {} items with this id",
                        found.len()
                    ),
                )
                .with_help(format!("say which: {}", kinds.join(" or "))),
            )
        }
    }
}

/// Points `d` at the reference in its file: the text as written there (a note's body,
/// or a YAML block such as `private:`) is searched for the reference's own words.
fn locate(
    d: Diagnostic,
    q: &mut Quoter,
    text: &str,
    reference: &Reference,
    from: &mut usize,
) -> Diagnostic {
    let written = &text[reference.offset..];
    let end = written
        .find(['\n', ')'])
        .map_or(written.len(), |i| i + 1)
        .min(written.find("]]").map_or(usize::MAX, |i| i + 2));
    let needle = &written[..end.min(written.len())];
    let source = q.text(&d.file);
    let Some(found) = source.get(*from..).and_then(|rest| rest.find(needle)) else {
        return d;
    };
    let at = *from + found;
    *from = at + needle.len();
    let line = source[..at].matches('\n').count() as u32 + 1;
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..at].chars().count() as u32 + 1;
    d.at(&source, line, column)
}
