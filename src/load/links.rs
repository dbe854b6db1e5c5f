//! The links of every Markdown text, checked: a link names one item (by its id or one of
//! its `aliases:`) or is shown as its words; an embed or a local image names an
//! attachment that exists, or a file coachsite shows as its words; an attachment
//! nothing embeds is a warning. Each problem points at the link in its file.
//!
//! What is an error stops the build (a missing image or PDF, a link that could name
//! several items); what the reader will see other than the coach meant is a warning (a
//! link whose target looks like a typo of an item's, a Markdown image of no file); what
//! coachsite did as Obsidian does is a note of `check` ([`check_link_notes`]): a link
//! to a note or a person outside the engagement, an embedded audio or canvas.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

use super::files::Quoter;
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::limits;
use crate::markdown::{self, RefKind, Reference};
use crate::model::*;

/// The most broken links reported one by one in a file; the rest are counted.
const MAX_LINK_ERRORS_PER_FILE: usize = 20;

/// What the check makes of one reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// It names one item, an attachment that exists, or nothing to check.
    Fine,
    /// A missing image or PDF, or a link that could name several items.
    Error,
    /// It names no item: the pages show its words.
    Words,
    /// It embeds a file coachsite does not show (audio, a canvas): its words.
    Unshown,
    /// A Markdown image that names no file of the engagement: shown as written.
    AsWritten,
}

/// One text's links, the verdict on each that is not fine, and the attachments it
/// embeds.
type Scanned = (
    std::sync::Arc<[Reference]>,
    Vec<(usize, Verdict)>,
    BTreeSet<String>,
);

/// Checks every link of `e`: the errors and the warnings (the notes are
/// [`check_link_notes`]'s). `unreadable` holds the ids of files that could not be read
/// (and `plan_unreadable`, whether plan.yaml could not): links to them are not reported
/// again (one typo, one error).
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
    let texts = e.markdown_texts();
    let scanned = scan(e, &known, &texts);
    let mut used = BTreeSet::new();
    let mut told = Told::new(&index);
    // Per file: where its last error was found (so that a link written twice is
    // pointed at where each one is), and how many errors it has.
    let mut files = BTreeMap::<String, (usize, usize)>::new();
    for (text, (refs, verdicts, found)) in texts.iter().zip(scanned) {
        used.extend(found);
        for (reference, verdict) in verdicts.iter().map(|(i, v)| (&refs[*i], *v)) {
            if verdict != Verdict::Error {
                if let Some(d) = told.warning(e, text, reference, verdict) {
                    diags.push(locate(d, q, text.text, reference, told.from(text)));
                }
                continue;
            }
            // Past the ones reported, a problem is only counted: no suggestion is sought.
            let explain = files
                .get(text.file)
                .is_none_or(|(_, count)| *count < MAX_LINK_ERRORS_PER_FILE);
            let d = error_of(e, &known, text.file, reference, explain);
            let (from, count) = files.entry(text.file.to_string()).or_default();
            *count += 1;
            if *count <= MAX_LINK_ERRORS_PER_FILE {
                diags.push(locate(d, q, text.text, reference, from));
            }
        }
    }
    diags.items.extend(told.more(|file, more| {
        Diagnostic::warning(
            file,
            format!("{more} more images in this file name no file of the engagement"),
        )
        .with_help("correct the images above; `coachsite check` then shows the rest")
    }));
    check_tag_counts(e, diags);
    check_aliases(e, &index, q, diags);
    for (file, (_, count)) in files {
        if count > MAX_LINK_ERRORS_PER_FILE {
            diags.push(
                Diagnostic::error(
                    file,
                    format!(
                        "{} more links in this file name several items or a missing file",
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

/// The notes of `check` about links shown as words, as Obsidian shows them: a link to
/// no item (`[[Brag Doc]]`, a person with no note) that is no typo of one, and an embed
/// of a file coachsite does not show (`![[standup.m4a]]`), each once per target and
/// file. Only `check` tells them: a build of a vault would say the same at every save.
pub fn check_link_notes(e: &Engagement) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let index = ItemIndex::new(e);
    let none = BTreeSet::new();
    let known = Known {
        index: &index,
        unreadable: &none,
        plan_unreadable: false,
    };
    let texts = e.markdown_texts();
    let scanned = scan(e, &known, &texts);
    let mut q = Quoter::new(&e.root);
    let mut told = Told::new(&index);
    for (text, (refs, verdicts, _)) in texts.iter().zip(scanned) {
        for (reference, verdict) in verdicts.iter().map(|(i, v)| (&refs[*i], *v)) {
            if let Some(d) = told.note(text, reference, verdict) {
                diags.push(locate(d, &mut q, text.text, reference, told.from(text)));
            }
        }
    }
    diags.items.extend(told.more(|file, more| {
        Diagnostic::note(
            file,
            format!("{more} more links in this file are shown as their words (no typo is looked for in them)"),
        )
        .with_help("`coachsite check` names the first ones of each file")
    }));
    diags
}

/// Every text's links in parallel: the verdict on each that is not fine, and the
/// attachments found.
fn scan(e: &Engagement, known: &Known, texts: &[TextOf]) -> Vec<Scanned> {
    texts
        .par_iter()
        .map(|text| {
            let refs = markdown::references(text.text);
            let mut found = BTreeSet::new();
            let verdicts = (0..refs.len())
                .filter_map(|i| {
                    let verdict = judge(e, known, text.file, &refs[i], &mut found);
                    (verdict != Verdict::Fine).then_some((i, verdict))
                })
                .collect();
            (refs, verdicts, found)
        })
        .collect()
}

/// What one reference written in `file` is; an attachment it names is put in `used`.
fn judge(
    e: &Engagement,
    known: &Known,
    file: &str,
    reference: &Reference,
    used: &mut BTreeSet<String>,
) -> Verdict {
    let path = split_target(&reference.target).0;
    if path.is_empty() {
        return Verdict::Fine;
    }
    let image = reference.kind == RefKind::Image;
    if is_attachment_name(path) || image || reference.kind == RefKind::File {
        if !is_attachment_name(path) {
            return if is_unshown_name(path) {
                Verdict::Unshown
            } else if image {
                Verdict::AsWritten
            } else {
                Verdict::Fine
            };
        }
        return match e.attachments.find(file, path) {
            Some(found) => {
                used.insert(found.to_string());
                Verdict::Fine
            }
            None if image => Verdict::AsWritten,
            None => Verdict::Error,
        };
    }
    if reference.kind == RefKind::Embed && path.contains('.') {
        return Verdict::Unshown;
    }
    let found = known.index.lookup(path);
    let id = path.rsplit('/').next().unwrap_or(path);
    match found.count() {
        1 => Verdict::Fine,
        0 if known.unreadable.contains(id) || known.plan_unreadable => Verdict::Fine,
        0 => Verdict::Words,
        _ => Verdict::Error,
    }
}

/// The most different targets of one file looked at for a typo or a note: past them,
/// a link is only counted (a note of ten thousand names stays fast).
const MAX_TARGETS_LOOKED_AT_PER_FILE: usize = 200;

/// The links told of so far (once per target and file), where each file's last one
/// was found, and the typos looked for (once per target).
struct Told<'a> {
    told: BTreeSet<(String, String)>,
    from: BTreeMap<String, usize>,
    /// Per file: the targets looked at, those told of, and those only counted.
    count: BTreeMap<String, Count>,
    /// What a link may be a typo of, each with the id it stands for.
    names: Vec<(String, &'a str)>,
    typos: BTreeMap<String, Option<&'a str>>,
}

#[derive(Default, Clone, Copy)]
struct Count {
    looked_at: usize,
    told: usize,
    more: usize,
}

impl<'a> Told<'a> {
    fn new(index: &'a ItemIndex) -> Told<'a> {
        Told {
            told: BTreeSet::new(),
            from: BTreeMap::new(),
            count: BTreeMap::new(),
            names: index.names().collect(),
            typos: BTreeMap::new(),
        }
    }

    /// Where to look for the next link of the text's file.
    fn from(&mut self, text: &TextOf) -> &mut usize {
        self.from.entry(text.file.to_string()).or_default()
    }

    /// Whether a target of the file is new and may be looked at: `Some(false)` when it
    /// is new but past the file's bounds, `None` when it was met before.
    fn look_at(&mut self, text: &TextOf, path: &str) -> Option<bool> {
        if !self
            .told
            .insert((text.file.to_string(), path.to_lowercase()))
        {
            return None;
        }
        let count = self.count.entry(text.file.to_string()).or_default();
        count.looked_at += 1;
        Some(
            count.looked_at <= MAX_TARGETS_LOOKED_AT_PER_FILE
                && count.told < MAX_LINK_ERRORS_PER_FILE,
        )
    }

    /// One more link told of in the file (`told`), or only counted.
    fn tally(&mut self, text: &TextOf, told: bool) {
        let count = self.count.entry(text.file.to_string()).or_default();
        if told {
            count.told += 1;
        } else {
            count.more += 1;
        }
    }

    /// The links only counted, per file, as one diagnostic each made by `said`.
    fn more(&self, said: impl Fn(&str, usize) -> Diagnostic) -> impl Iterator<Item = Diagnostic> {
        self.count
            .iter()
            .filter(|(_, count)| count.more > 0)
            .map(move |(file, count)| said(file, count.more))
    }

    /// The id a link's path looks like a typo of: close to an id, a title or an alias
    /// and of about its length (`[[sprint-goal]]` for `sprint-goals`, not `[[Ann Lee]]`
    /// for an alias `Ann`).
    fn typo(&mut self, path: &str) -> Option<&'a str> {
        let word = path
            .rsplit('/')
            .next()
            .unwrap_or(path)
            .trim()
            .to_lowercase();
        if let Some(known) = self.typos.get(&word) {
            return *known;
        }
        let len = word.chars().count();
        let near = |name: &str| name.chars().count().abs_diff(len) <= (len / 5).max(2);
        let names = self.names.iter().filter(|(name, _)| near(name));
        let close = did_you_mean(&word, names.clone().map(|(name, _)| name.as_str()));
        let id = close.and_then(|close| names.clone().find(|(n, _)| n == close).map(|n| n.1));
        self.typos.insert(word, id);
        id
    }

    /// The warning about a link, once per target and file: a typo of an item's id, or
    /// a Markdown image of no file. Past the file's bounds, an image is counted, and a
    /// link is left to the notes.
    fn warning(
        &mut self,
        e: &Engagement,
        text: &TextOf,
        reference: &Reference,
        verdict: Verdict,
    ) -> Option<Diagnostic> {
        let path = split_target(&reference.target).0;
        if !matches!(verdict, Verdict::Words | Verdict::AsWritten) {
            return None;
        }
        if !self.look_at(text, path)? {
            if verdict == Verdict::AsWritten {
                self.tally(text, false);
            }
            return None;
        }
        let d = if verdict == Verdict::Words {
            let id = self.typo(path)?;
            Diagnostic::warning(text.file, words_message(path))
                .with_help(format!("did you mean `[[{id}]]`?"))
        } else {
            let name = path.rsplit('/').next().unwrap_or(path);
            let names = e
                .attachments
                .iter()
                .map(|a| a.rsplit('/').next().unwrap_or(a));
            let help = match did_you_mean(name, names) {
                Some(close) => format!("did you mean `{close}`?"),
                None => {
                    "put the image in attachments/ or beside the note, or correct its name".into()
                }
            };
            Diagnostic::warning(
                text.file,
                format!(
                    "`{path}` is no image or PDF of the engagement: the image is shown as written, and the site has no such file"
                ),
            )
            .with_help(help)
        };
        self.tally(text, true);
        Some(d)
    }

    /// The note about a link shown as its words, once per target and file; past the
    /// file's bounds, it is counted.
    fn note(
        &mut self,
        text: &TextOf,
        reference: &Reference,
        verdict: Verdict,
    ) -> Option<Diagnostic> {
        let path = split_target(&reference.target).0;
        if !matches!(verdict, Verdict::Words | Verdict::Unshown) {
            return None;
        }
        if !self.look_at(text, path)? {
            self.tally(text, false);
            return None;
        }
        let d = if verdict == Verdict::Words {
            // A typo is a warning of the load.
            if self.typo(path).is_some() {
                return None;
            }
            Diagnostic::note(text.file, words_message(path)).with_help(
                "that is how Obsidian shows a link to no note; to link to an item, \
                 write its id or one of its `aliases:`",
            )
        } else {
            let written = match reference.kind {
                RefKind::Image => format!("![…]({path})"),
                _ => format!("![[{path}]]"),
            };
            let shown = if reference.labelled && !reference.words.is_empty() {
                "words"
            } else {
                "name"
            };
            Diagnostic::note(
                text.file,
                format!(
                    "`{written}` is shown as its {shown}: coachsite shows images and PDFs only, and leaves this file out of the site"
                ),
            )
            .with_help(
                "give it words of your own (`![[file|words]]`), or link to where it is kept online",
            )
        };
        self.tally(text, true);
        Some(d)
    }
}

fn words_message(path: &str) -> String {
    format!(
        "`[[{path}]]` names no objective, session, lesson, action or assessment: it is shown as its words"
    )
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

/// The error about a reference [`judge`] finds one: a missing image or PDF, or a link
/// that could name several items. With `explain`, a close name is sought.
fn error_of(
    e: &Engagement,
    known: &Known,
    file: &str,
    reference: &Reference,
    explain: bool,
) -> Diagnostic {
    let path = split_target(&reference.target).0;
    if is_attachment_name(path) {
        return missing_attachment(e, file, path, explain);
    }
    let found = known.index.lookup(path);
    let kinds: Vec<String> = found
        .items()
        .map(|r| format!("`[[{}/{}]]`", r.kind.folder(), r.id))
        .collect();
    Diagnostic::error(
        file,
        format!(
            "`[[{path}]]` could be any of {} items with this id or alias",
            kinds.len()
        ),
    )
    .with_help(format!("say which: {}", kinds.join(" or ")))
}

fn missing_attachment(e: &Engagement, file: &str, target: &str, explain: bool) -> Diagnostic {
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
    Diagnostic::error(
        file,
        format!("no attachment `{target}`: the file is not in attachments/ or beside the note"),
    )
    .with_help(help)
}

/// What a link may name, and the files that could not be read.
struct Known<'a> {
    index: &'a ItemIndex,
    unreadable: &'a BTreeSet<String>,
    plan_unreadable: bool,
}

/// The `aliases:` a link could not follow as meant: one that is another item's id (the
/// id wins), one that two items share (a link by it is an error), and those past
/// [`limits::MAX_ALIASES_PER_NOTE`] (not read).
fn check_aliases(e: &Engagement, index: &ItemIndex, q: &mut Quoter, diags: &mut Diagnostics) {
    let objectives = e
        .objectives
        .iter()
        .map(|o| (ItemKind::Objective, &o.id, &o.source.path, &o.front.aliases));
    let sessions = e
        .sessions
        .iter()
        .map(|s| (ItemKind::Session, &s.id, &s.source.path, &s.front.aliases));
    let lessons = e
        .lessons
        .iter()
        .map(|l| (ItemKind::Lesson, &l.id, &l.source.path, &l.front.aliases));
    for (kind, id, file, aliases) in objectives.chain(sessions).chain(lessons) {
        if aliases.len() > limits::MAX_ALIASES_PER_NOTE {
            diags.push(
                Diagnostic::warning(
                    file,
                    format!(
                        "this note has {} aliases: only the first {} name it in a link",
                        aliases.len(),
                        limits::MAX_ALIASES_PER_NOTE
                    ),
                )
                .with_help("keep the aliases that links use"),
            );
        }
        let mut from = 0;
        for alias in aliases.iter().take(limits::MAX_ALIASES_PER_NOTE) {
            let lower = alias.trim().to_lowercase();
            if lower.is_empty() || lower == **id {
                continue;
            }
            let d = if let Some(other) = index.kinds_of(&lower).next() {
                Diagnostic::warning(
                    file,
                    format!(
                        "the alias `{alias}` is the id of {} `{lower}`: `[[{alias}]]` links to that one",
                        article(other.noun())
                    ),
                )
                .with_help("an id wins over an alias: give this note another alias")
            } else {
                let others: Vec<String> = index
                    .aliased(&lower)
                    .iter()
                    .filter(|(k, i)| (*k, i.as_str()) != (kind, id.as_str()))
                    .map(|(k, i)| format!("`[[{}/{i}]]`", k.folder()))
                    .collect();
                if others.is_empty() {
                    continue;
                }
                Diagnostic::warning(
                    file,
                    format!(
                        "the alias `{alias}` is also an alias of {}: a link by it could name either",
                        others.join(" and ")
                    ),
                )
                .with_help("give each note its own aliases; link to one by its id")
            };
            diags.push(locate_alias(d, q, alias, &mut from));
        }
    }
}

fn article(noun: &str) -> String {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {noun}")
    } else {
        format!("a {noun}")
    }
}

/// Points `d` at an alias in the front matter of its file (the next one from `from`).
fn locate_alias(d: Diagnostic, q: &mut Quoter, alias: &str, from: &mut usize) -> Diagnostic {
    let source = q.text(&d.file);
    let start = source.find("aliases").map_or(0, |at| at.max(*from));
    let Some(found) = source.get(start..).and_then(|rest| rest.find(alias)) else {
        return d;
    };
    let at = start + found;
    *from = at + alias.len();
    let line = source[..at].matches('\n').count() as u32 + 1;
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..at].chars().count() as u32 + 1;
    d.at(&source, line, column)
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

#[cfg(test)]
mod tests;
