//! Where a Markdown text is the coach's alone: `%% … %%` asides (Obsidian's comments) and
//! sections a coach titled as private (a callout `> [!abstract]- My thoughts (not shared)`,
//! a heading `## 🔒 Private notes`).
//!
//! `%%` inside code (a code span, a code block) is literal text, as in Obsidian, and an
//! aside that holds code stays whole. What is code is what pulldown-cmark, the renderer,
//! says; and the text a reader gets is checked once cut: if any `%%` left in it is not in
//! code as it renders, every `%%` is taken as a marker instead (when in doubt, the text
//! stays private). [`asides`] finds them, [`private_sections`] the sections.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::links::options;
use super::{callout_start, callouts};

/// The `%% … %%` asides of a text.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Asides {
    /// Each aside, its markers included, in order (an unclosed one runs to the end).
    pub spans: Vec<Range<usize>>,
    /// The `%%` markers that open and close them (not those in code).
    pub markers: Vec<Range<usize>>,
    /// Where an aside opens that is never closed.
    pub unclosed: Option<usize>,
}

/// Where the `%%` of a text are: memchr's substring search reads the thousands of notes
/// of a large engagement far faster than `str::find`.
fn percent_pairs(text: &str) -> Vec<usize> {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"%%"));
    FINDER.find_iter(text.as_bytes()).collect()
}

/// Whether `text` holds a `%%` at all.
pub fn has_marker(text: &str) -> bool {
    memchr::memmem::find(text.as_bytes(), b"%%").is_some()
}

/// The asides of plain text (a title, a name): every `%%` is a marker.
pub fn plain_asides(text: &str) -> Asides {
    paired(text.len(), percent_pairs(text))
}

/// The asides of a Markdown text: `%%` in code is literal ([`Asides`]).
pub fn asides(text: &str) -> Asides {
    let all = percent_pairs(text);
    if all.is_empty() {
        return Asides::default();
    }
    // No code without a backtick or a tilde (or an indented block, which `%%` inside
    // does not escape: it is cut, the safe way).
    if !text.contains(['`', '~']) {
        return paired(text.len(), all);
    }
    // Both in order: one walk along the code for all the markers.
    let code = code_ranges(text);
    let mut ranges = code.iter().peekable();
    let (literal, markers): (Vec<usize>, Vec<usize>) = all.iter().partition(|&&at| {
        while ranges.next_if(|c| c.end < at + 2).is_some() {}
        ranges.peek().is_some_and(|c| c.start <= at)
    });
    if literal.is_empty() {
        return paired(text.len(), all);
    }
    let found = paired(text.len(), markers);
    if stays_code(&cut(text, &found.spans)) {
        found
    } else {
        paired(text.len(), all)
    }
}

/// Asides from the markers at `at` (sorted), paired in order.
fn paired(len: usize, at: Vec<usize>) -> Asides {
    let mut asides = Asides::default();
    let mut pairs = at.chunks(2);
    for pair in pairs.by_ref() {
        match *pair {
            [open, close] => {
                asides.spans.push(open..close + 2);
                asides.markers.extend([open..open + 2, close..close + 2]);
            }
            [open] => {
                asides.spans.push(open..len);
                asides.markers.push(open..open + 2);
                asides.unclosed = Some(open);
            }
            _ => {}
        }
    }
    asides
}

/// `text` without the byte ranges `spans` (sorted, not overlapping).
pub fn cut(text: &str, spans: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for span in spans {
        out.push_str(&text[at..span.start.max(at)]);
        at = at.max(span.end);
    }
    out.push_str(&text[at.min(text.len())..]);
    out
}

/// The code of a text as pulldown-cmark reads it: code spans and code blocks, each whole
/// (backticks and fences included).
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut code = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => code.push(range),
            _ => {}
        }
    }
    code
}

/// Whether every `%%` of `text` (a reader's text) is inside code once rendered, the
/// callouts included.
pub fn stays_code(text: &str) -> bool {
    let text = callouts(text);
    let mut in_block = false;
    for event in Parser::new_ext(&text, options()) {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_block = true,
            Event::End(TagEnd::CodeBlock) => in_block = false,
            Event::Code(_) => {}
            Event::Text(_) if in_block => {}
            Event::Text(t)
            | Event::Html(t)
            | Event::InlineHtml(t)
            | Event::FootnoteReference(t)
                if has_marker(t) =>
            {
                return false;
            }
            Event::Start(
                Tag::Link {
                    dest_url, title, ..
                }
                | Tag::Image {
                    dest_url, title, ..
                },
            ) if has_marker(dest_url) || has_marker(title) => return false,
            _ => {}
        }
    }
    true
}

/// A section of a text whose title says it is private.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateSection {
    /// The section: its title line to the end of what it holds.
    pub range: Range<usize>,
    /// Its title, as written.
    pub title: String,
}

/// The sections of `text` a coach titled as private: a callout (its title or its kind,
/// `> [!private]`) with every quoted line after it, as the callout renders; a heading,
/// with everything up to the next heading of its level or above (or the end of the
/// quote or list item it is in). Sorted, not overlapping.
pub fn private_sections(text: &str) -> Vec<PrivateSection> {
    if !may_have_private_title(text) {
        return Vec::new();
    }
    let mut found = private_callouts(text);
    found.extend(private_headings(text));
    found.sort_by_key(|s| s.range.start);
    let mut merged: Vec<PrivateSection> = Vec::with_capacity(found.len());
    for section in found {
        match merged.last_mut() {
            Some(last) if section.range.start <= last.range.end => {
                last.range.end = last.range.end.max(section.range.end);
            }
            _ => merged.push(section),
        }
    }
    merged
}

/// Whether a line of `text` may be the title of a private section: a heading, a callout
/// or the text above a setext underline that says so. Reads each line's start only.
pub fn may_have_private_title(text: &str) -> bool {
    let mut previous = "";
    for line in text.lines() {
        let start = line.trim_start();
        // A heading may be in a quote.
        let unquoted = start.trim_start_matches(['>', ' ', '\t']);
        let candidate = if unquoted.starts_with('#') {
            is_private_title(unquoted)
        } else {
            match start.as_bytes().first() {
                Some(b'>') => callout_start(line)
                    .is_some_and(|(kind, _, title)| is_private_title(&format!("{kind} {title}"))),
                Some(b'=' | b'-') if start.trim_end().bytes().all(|b| b == start.as_bytes()[0]) => {
                    is_private_title(previous)
                }
                _ => false,
            }
        };
        if candidate {
            return true;
        }
        previous = line;
    }
    false
}

fn private_callouts(text: &str) -> Vec<PrivateSection> {
    let mut found = Vec::new();
    let mut offset = 0;
    let mut open: Option<PrivateSection> = None;
    for line in text.split_inclusive('\n') {
        let quoted = line.trim_start().starts_with('>');
        if let Some(section) = open.as_mut() {
            // Every quoted line after it, as the callout renders (a callout's start among
            // them is a line of this one).
            if quoted {
                section.range.end = offset + line.len();
                offset += line.len();
                continue;
            }
            found.extend(open.take());
        }
        if let Some((kind, _, title)) = callout_start(line)
            && is_private_title(&format!("{kind} {title}"))
        {
            open = Some(PrivateSection {
                range: offset..offset + line.len(),
                title: if title.is_empty() {
                    kind
                } else {
                    title.to_string()
                },
            });
        }
        offset += line.len();
    }
    found.extend(open);
    found
}

fn private_headings(text: &str) -> Vec<PrivateSection> {
    let mut found = Vec::new();
    // Open containers (quotes, lists, items): where each ends.
    let mut containers: Vec<usize> = Vec::new();
    // The private heading whose section is open: its level and the end of its container.
    let mut open: Option<(PrivateSection, u8, usize)> = None;
    let mut events = Parser::new_ext(text, options()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => {
                containers.push(range.end);
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                containers.pop();
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let level = level as u8;
                if let Some((mut section, at, end)) = open.take() {
                    if level <= at || range.start >= end {
                        section.range.end = range.start.min(end);
                        found.push(section);
                    } else {
                        open = Some((section, at, end));
                    }
                }
                let mut title = String::new();
                for (inner, _) in events.by_ref() {
                    match inner {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => title.push_str(&t),
                        _ => {}
                    }
                }
                if open.is_none() && is_private_title(&title) {
                    let end = containers.last().copied().unwrap_or(text.len());
                    let section = PrivateSection {
                        range: range.start..end,
                        title: title.trim().to_string(),
                    };
                    open = Some((section, level, end));
                }
            }
            _ => {}
        }
    }
    if let Some((mut section, _, end)) = open {
        section.range.end = end;
        found.push(section);
    }
    found
}

/// Words of a title that say the text is private, in English, French and German, as
/// lower-case words in a row; a word ending in `*` matches any word it starts.
const PRIVATE_WORDS: &[&[&str]] = &[
    &["privat*"],
    &["privé*"],
    &["confidenti*"],
    &["vertraulich*"],
    &["not", "shared"],
    &["not", "for", "sharing"],
    &["do", "not", "share"],
    &["don", "t", "share"],
    &["not", "to", "be", "shared"],
    &["coach", "only"],
    &["coaches", "only"],
    &["for", "the", "coach"],
    &["for", "me", "only"],
    &["only", "for", "me"],
    &["just", "for", "me"],
    &["eyes", "only"],
    &["non", "partagé*"],
    &["pas", "partagé*"],
    &["ne", "pas", "partager"],
    &["pour", "moi", "seul*"],
    &["rien", "que", "pour", "moi"],
    &["réservé*", "au", "coach"],
    &["coach", "uniquement"],
    &["uniquement", "pour", "le", "coach"],
    &["nicht", "geteilt"],
    &["nicht", "teilen"],
    &["nicht", "zum", "teilen"],
    &["nicht", "öffentlich"],
    &["nur", "für", "mich"],
    &["nur", "für", "den", "coach"],
    &["nur", "coach"],
];

/// Whether a title says that what it heads is private: a lock (🔒, 🔐) or one of
/// [`PRIVATE_WORDS`].
pub fn is_private_title(title: &str) -> bool {
    if title.contains(['🔒', '🔐']) {
        return true;
    }
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let matches = |word: &str, pattern: &str| match pattern.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => word == pattern,
    };
    PRIVATE_WORDS.iter().any(|phrase| {
        words.windows(phrase.len()).any(|run| {
            run.iter()
                .zip(phrase.iter())
                .all(|(word, pattern)| matches(word, pattern))
        })
    })
}

/// What of `text` the coach alone reads: its asides and its private sections, as sorted
/// ranges that do not overlap (those that meet are one).
pub fn coach_only_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = asides(text).spans;
    spans.extend(private_sections(text).into_iter().map(|s| s.range));
    merge(spans)
}

/// Ranges sorted and merged where they overlap or meet.
pub fn merge(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by_key(|s| s.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

#[cfg(test)]
mod tests;
