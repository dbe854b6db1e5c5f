//! The links of every Markdown text, checked: `[[id]]` must name one item, an embed or
//! a local image must name an attachment that exists; an attachment nothing embeds is
//! a warning. Each problem points at the link in its file.

use rayon::prelude::*;
use std::collections::BTreeSet;

use super::files::Quoter;
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::limits;
use crate::markdown::{self, RefKind, Reference};
use crate::model::*;

/// The most broken links reported one by one in a file; the rest are counted.
const MAX_LINK_ERRORS_PER_FILE: usize = 20;

/// Checks every link of `e`. `unreadable` holds the ids of files that could not be
/// read (and `plan_unreadable`, whether plan.yaml could not): links to them are not
/// reported again (one typo, one error).
/// One text's links, the positions of those that are problems, and the attachments
/// it embeds.
type Scanned = (std::sync::Arc<[Reference]>, Vec<usize>, BTreeSet<String>);

pub(super) fn check_links(
    e: &Engagement,
    unreadable: &BTreeSet<String>,
    plan_unreadable: bool,
    q: &mut Quoter,
    diags: &mut Diagnostics,
) {
    let index = ItemIndex::new(e);
    let known = Known {
        index: &index,
        unreadable,
        plan_unreadable,
    };
    let check = |file: &str, reference: &Reference, used: &mut BTreeSet<String>, explain| {
        if reference.is_attachment() {
            check_attachment(e, file, reference, used, explain)
        } else {
            check_item_link(&known, file, reference, explain)
        }
    };
    // Every text's links in parallel: which are problems, and the attachments found.
    let texts = e.markdown_texts();
    let scanned: Vec<Scanned> = texts
        .par_iter()
        .map(|text| {
            let refs = markdown::references(text.text);
            let mut found = BTreeSet::new();
            let problems = (0..refs.len())
                .filter(|i| check(text.file, &refs[*i], &mut found, false).is_some())
                .collect();
            (refs, problems, found)
        })
        .collect();
    let mut used = BTreeSet::new();
    // Per file: where its last problem was found (so that a link written twice is
    // pointed at where each one is), and how many problems it has.
    let mut files = std::collections::BTreeMap::<String, (usize, usize)>::new();
    for (text, (refs, problems, found)) in texts.iter().zip(scanned) {
        used.extend(found);
        for reference in problems.iter().map(|i| &refs[*i]) {
            // Past the ones reported, a problem is only counted: no suggestion is sought.
            let explain = files
                .get(text.file)
                .is_none_or(|(_, count)| *count < MAX_LINK_ERRORS_PER_FILE);
            if let Some(d) = check(text.file, reference, &mut used, explain) {
                let (from, count) = files.entry(text.file.to_string()).or_default();
                *count += 1;
                if *count <= MAX_LINK_ERRORS_PER_FILE {
                    diags.push(locate(d, q, text.text, reference, from));
                }
            }
        }
    }
    check_tag_counts(e, diags);
    for (file, (_, count)) in files {
        if count > MAX_LINK_ERRORS_PER_FILE {
            diags.push(
                Diagnostic::error(
                    file,
                    format!(
                        "{} more links in this file name nothing or a missing file",
                        count - MAX_LINK_ERRORS_PER_FILE
                    ),
                )
                .with_help("correct the links above; `coachsite check` then shows the rest"),
            );
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

/// A note whose tags pass [`limits::MAX_TAGS_PER_NOTE`]: the first ones make its tag
/// pages, the others are read as text.
fn check_tag_counts(e: &Engagement, diags: &mut Diagnostics) {
    let texts = e.markdown_texts();
    let counts: Vec<usize> = texts
        .par_iter()
        .map(|text| {
            if text.part != TextPart::Body {
                return 0;
            }
            let tags = markdown::tags(text.text);
            // No more tags than that, so no more different ones.
            if tags.len() <= limits::MAX_TAGS_PER_NOTE {
                return 0;
            }
            let tags: BTreeSet<String> = tags.iter().map(|t| markdown::slug(t)).collect();
            tags.len()
        })
        .collect();
    for (text, count) in texts.iter().zip(counts) {
        if count > limits::MAX_TAGS_PER_NOTE {
            diags.push(
                Diagnostic::warning(
                    text.file,
                    format!(
                        "this note has {count} different #tags: only the first {} are its tags",
                        limits::MAX_TAGS_PER_NOTE
                    ),
                )
                .with_help("a `#` before a word makes it a tag; write `\\#` for a plain `#`"),
            );
        }
    }
}

fn check_attachment(
    e: &Engagement,
    file: &str,
    reference: &Reference,
    used: &mut BTreeSet<String>,
    explain: bool,
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
    let names = e
        .attachments
        .iter()
        .map(|a| a.rsplit('/').next().unwrap_or(a));
    let close = if explain {
        did_you_mean(name, names)
    } else {
        None
    };
    let help = match close {
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

/// What a link may name, and the files that could not be read.
struct Known<'a> {
    index: &'a ItemIndex,
    unreadable: &'a BTreeSet<String>,
    plan_unreadable: bool,
}

fn check_item_link(
    known: &Known,
    file: &str,
    reference: &Reference,
    explain: bool,
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
    let found = known.index.lookup(path);
    let id = path.rsplit('/').next().unwrap_or(path);
    match found.count() {
        1 => None,
        0 if known.unreadable.contains(id) || known.plan_unreadable => None,
        0 => {
            let close = if explain {
                did_you_mean(id, known.index.ids())
            } else {
                None
            };
            let help = match close {
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
                .items()
                .map(|r| format!("`[[{}/{}]]`", r.kind.folder(), r.id))
                .collect();
            Some(
                Diagnostic::error(
                    file,
                    format!(
                        "`[[{path}]]` could be any of {} items with this id",
                        kinds.len()
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
