//! Links that a client's or a sponsor's site shows as plain words because they name an
//! item that reader may not see: with no words of their own, the id itself is read
//! (`2026-03-16-health-talk`). `check` and `build` warn about each, so the coach can
//! give it a label or put it in a `%% … %%` aside before the site is handed over.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::TextKind;
use super::Texts;
use super::{Audience, filter};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::{RefKind, Reference, references};
use crate::model::*;

/// One warning per link (file, line, column, path): the kind of item it names, the
/// link's place in its text (line of the text, and where the text starts in its file,
/// 0 when not known), and every reader concerned.
struct Found {
    noun: &'static str,
    quoted: Option<String>,
    text_line: u32,
    base: u32,
    readers: Vec<&'static str>,
}

/// Warnings about unlabelled links to items that a reader of the text may not see.
pub fn check_hidden_links(e: &Engagement) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let texts = e.markdown_texts();
    if !texts.iter().any(|t| t.text.contains("[[")) {
        return diags;
    }
    let everything = ItemIndex::new(e);
    let skeleton = skeleton(e);
    // What each reader's site shows, worked out side by side; what is found is added
    // in the readers' order, then the texts'.
    let in_view = |view: Engagement, audience| -> Vec<(HiddenAt, Found)> {
        let view = filter(view, audience);
        let seen = ItemIndex::new(&view);
        let view_texts = view.markdown_texts();
        let shown: std::collections::HashSet<_> =
            view_texts.iter().map(|t| (t.from, t.part)).collect();
        let found = texts
            .par_iter()
            .filter(|t| shown.contains(&(t.from, t.part)))
            .flat_map_iter(|t| hidden_in(t, &everything, &seen))
            .collect();
        drop((shown, view_texts, seen));
        // Letting thousands of notes go takes a while, and no one waits for it (if no
        // thread can be made, the closure and the view are dropped here).
        let _ = std::thread::Builder::new().spawn(move || drop(view));
        found
    };
    let other = skeleton.clone();
    let (client, sponsor) = rayon::join(
        || in_view(skeleton, Audience::Client),
        || in_view(other, Audience::Sponsor),
    );
    let mut hidden: BTreeMap<HiddenAt, Found> = BTreeMap::new();
    for (audience, found) in [(Audience::Client, client), (Audience::Sponsor, sponsor)] {
        for (at, found) in found {
            hidden
                .entry(at)
                .or_insert(found)
                .readers
                .push(audience.name());
        }
    }
    for ((file, _, column, path), found) in hidden {
        let readers = found.readers.join(" and the ");
        let mut d = Diagnostic::warning(
            &file,
            format!(
                "the {readers}'s site shows `[[{path}]]` as the words `{path}`: it names a {} they may not see",
                found.noun
            ),
        )
        .with_help(format!(
            "give the link words of your own, `[[{path}|…]]`, or put it in a %% … %% aside"
        ));
        if found.base > 0
            && let Some(quoted) = found.quoted
        {
            d = d.at(&quoted, 1, column);
            d.line = found.base + found.text_line - 1;
        }
        diags.push(d);
    }
    diags.sort();
    diags
}

/// Every link and embed of the reader's texts that names an item `e` (their view) does
/// not hold, reduced to its words: what their pages show of it, and all an export or a
/// search of theirs may carry (not the id of what they may not see).
pub(super) fn reduce_hidden_links(e: &mut Engagement) {
    let seen = ItemIndex::new(e);
    let reduce = |text: &str| reduced(text, &seen);
    let mut sessions = std::mem::take(&mut e.sessions);
    sessions.par_iter_mut().for_each(|s| {
        let mut changed = false;
        s.texts_ref(&mut |text, kind| {
            changed |= kind == TextKind::Markdown && reduce(text).is_some();
        });
        if changed {
            std::sync::Arc::make_mut(s).texts(&mut |text, kind| {
                if kind == TextKind::Markdown
                    && let Some(new) = reduce(text)
                {
                    *text = new;
                }
            });
        }
    });
    e.texts(&mut |text, kind| {
        if kind == TextKind::Markdown
            && let Some(new) = reduce(text)
        {
            *text = new;
        }
    });
    e.sessions = sessions;
}

/// `text` with each link to an item `seen` does not hold replaced by its words; `None`
/// when there is none.
fn reduced(text: &str, seen: &ItemIndex) -> Option<String> {
    let refs = references(text);
    let hidden = |r: &&Reference| {
        let path = split_target(&r.target).0;
        let item = match r.kind {
            RefKind::Link => !r.is_attachment(),
            RefKind::Embed => !r.is_attachment() && !path.contains('.'),
            RefKind::File | RefKind::Image => false,
        };
        item && !path.is_empty() && seen.lookup(path).count() == 0
    };
    if !refs.iter().any(|r| hidden(&r)) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in refs.iter().filter(hidden) {
        if r.offset < at || r.end > text.len() {
            continue;
        }
        out.push_str(&text[at..r.offset]);
        out.push_str(words(text, r));
        at = r.end;
    }
    out.push_str(&text[at..]);
    Some(out)
}

/// The words a link that leads nowhere for its reader is read as, as written in `text`:
/// its label, else its target without the heading (`[[a#b]]`: `a`), as the pages show
/// them (`markdown::resolve`).
fn words<'t>(text: &'t str, r: &Reference) -> &'t str {
    let words = text.get(r.words.clone()).unwrap_or("");
    if r.labelled {
        return words;
    }
    let path = words.split('#').next().unwrap_or(words).trim();
    path.strip_suffix(".md").unwrap_or(path)
}

/// Where a hidden link is: its file, its line and column, and what it names.
type HiddenAt = (String, u32, u32, String);

/// The links of `t` that name an item of `everything` that `seen` (a reader's view)
/// does not hold, but for those with words of their own or inside an aside.
fn hidden_in(t: &TextOf, everything: &ItemIndex, seen: &ItemIndex) -> Vec<(HiddenAt, Found)> {
    let mut found = Vec::new();
    // What is coach-only in the text (asides, sections titled private), and the lines
    // before the reference, counted as the text is read (references come in order), so
    // that a note of many links takes linear time.
    let refs = references(t.text);
    let told = |r: &Reference| r.labelled || r.is_attachment();
    if refs.iter().all(told) {
        return found;
    }
    let coach_only = crate::markdown::private::coach_only_spans(t.text);
    let mut spans = coach_only.iter().peekable();
    let (mut at, mut lines) = (0, 1);
    for r in refs.iter() {
        // Never a slice backwards, whatever order the parser gives.
        let between = t.text.get(at..r.offset).unwrap_or("");
        lines += between.matches('\n').count() as u32;
        at = at.max(r.offset);
        if told(r) {
            continue;
        }
        // Coach-only: not in this view.
        while spans.next_if(|s| s.end <= r.offset).is_some() {}
        if spans.peek().is_some_and(|s| s.start <= r.offset) {
            continue;
        }
        let path = split_target(&r.target).0;
        let Some(item) = everything.lookup(path).one() else {
            continue;
        };
        if seen.lookup(path).count() != 0 {
            continue;
        }
        let line_start = t.text[..r.offset].rfind('\n').map_or(0, |i| i + 1);
        let column = t.text[line_start..r.offset].chars().count() as u32 + 1;
        found.push((
            (t.file.to_string(), lines + t.line, column, path.to_string()),
            Found {
                noun: item.kind.noun(),
                // A line of thousands of characters is not quoted whole (nor copied whole
                // for each of its links).
                quoted: t.text[line_start..]
                    .lines()
                    .next()
                    .map(|l| l.chars().take(400).collect()),
                text_line: lines,
                base: t.line,
                readers: Vec::new(),
            },
        ));
    }
    found
}

/// A copy of `e` to filter for each reader, with every text left empty: which items and
/// which texts the filter keeps does not depend on what the texts say, and the check
/// reads the texts of `e` itself, so that it costs little however many notes there are.
fn skeleton(e: &Engagement) -> Engagement {
    let keep = |_: &Markdown| Markdown::default();
    Engagement {
        root: e.root.clone(),
        info: EngagementInfo {
            context: e.info.context.as_ref().map(keep),
            ..e.info.clone()
        },
        objectives: e
            .objectives
            .iter()
            .map(|o| Objective {
                id: o.id.clone(),
                source: o.source.clone(),
                front: o.front.clone(),
                body: keep(&o.body),
                body_line: o.body_line,
                visibility: o.visibility,
                history: o.history.clone(),
                properties: Vec::new(),
            })
            .collect(),
        assessments: e
            .assessments
            .iter()
            .map(|a| Assessment {
                front: AssessmentFront {
                    observations: a.front.observations.as_ref().map(keep),
                    ..a.front.clone()
                },
                ..a.clone()
            })
            .collect(),
        plan: e.plan.clone(),
        sessions: e
            .sessions
            .iter()
            .map(|s| {
                std::sync::Arc::new(Session {
                    id: s.id.clone(),
                    source: s.source.clone(),
                    // No reader but the coach sees `private:` (`None` is read as fast).
                    front: SessionFront {
                        private: None,
                        ..s.front.clone()
                    },
                    body: keep(&s.body),
                    body_line: s.body_line,
                    visibility: s.visibility,
                    properties: Vec::new(),
                })
            })
            .collect(),
        lessons: e
            .lessons
            .iter()
            .map(|l| Lesson {
                id: l.id.clone(),
                source: l.source.clone(),
                front: l.front.clone(),
                body: keep(&l.body),
                body_line: l.body_line,
                visibility: l.visibility,
                properties: Vec::new(),
            })
            .collect(),
        // Surveys hold no Markdown, so no link: none is needed.
        surveys: Vec::new(),
        report: e.report.as_ref().map(|r| ReportNote {
            source: r.source.clone(),
            front: r.front.clone(),
            body: keep(&r.body),
        }),
        withheld: e.withheld.clone(),
        attachments: Attachments::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a reader's texts hold of a link to nothing they may see: the words their
    /// pages show, the heading left out, never more than what the coach wrote.
    #[test]
    fn a_link_to_nothing_the_reader_sees_is_its_words() {
        let seen = ItemIndex::default();
        let text = "Met [[John Appleseed#Notes]], [[secret.md#Why|why]], [[a#b]] and [x](y.md#z). ![[p.png]]";
        assert_eq!(
            reduced(text, &seen).as_deref(),
            Some("Met John Appleseed, why, a and x. ![[p.png]]")
        );
        assert_eq!(reduced("No link here.", &seen), None);
    }
}
