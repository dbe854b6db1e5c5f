//! Sections a coach titled as private: a callout (`> [!abstract]- My thoughts (not
//! shared)`, at any depth of quotes, in a list item too) and a heading (`## 🔒 Private
//! notes`, in a quote or a list item too), in English, French and German.
//!
//! Found on the text as its reader gets it, once its asides are cut: a title that is
//! private only through an aside (`## Next steps %%not shared%%`) is not, for anyone.
//! When unsure, more is cut: a callout takes every line a Markdown reader could take as
//! part of it (lazy lines included).

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;

use super::super::memo::Memo;
use super::{Asides, cut};
use crate::markdown::options;

/// A section of a text whose title says it is private.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateSection {
    /// The section: its title line to the end of what it holds.
    pub range: Range<usize>,
    /// Its title, as its reader reads it.
    pub title: String,
}

/// The sections of `text` a coach titled as private: a callout (its title or its kind,
/// `> [!private]`) with every line after it that a Markdown reader could take as part of
/// it; a heading, with everything up to the next heading of its level or above (or the
/// end of the quote or list item it is in). Sorted, not overlapping.
pub fn private_sections(text: &str) -> Vec<PrivateSection> {
    if text.is_empty() {
        return Vec::new();
    }
    // Asked for several times of each text in a build (the reader's cut, the coach's
    // marks, `check`): found once.
    SECTIONS
        .get(text, |text| find_sections(text).into())
        .to_vec()
}

static SECTIONS: std::sync::LazyLock<Memo<std::sync::Arc<[PrivateSection]>>> =
    std::sync::LazyLock::new(Memo::new);

/// A build starts: the sections of texts no build has used since the one before the
/// last are forgotten.
pub(in crate::markdown) fn next_build() {
    SECTIONS.next_build();
}

fn find_sections(text: &str) -> Vec<PrivateSection> {
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

/// The private sections of `text` as its reader gets it (its `asides` cut), placed back
/// in `text`: what the coach's marks, `check` and the hidden-links warning use, so that
/// they say what the client's cut does.
pub fn private_sections_read(text: &str, asides: &Asides) -> Vec<PrivateSection> {
    if asides.spans.is_empty() {
        return private_sections(text);
    }
    let read = cut(text, &asides.spans);
    let sections = private_sections(&read);
    if sections.is_empty() {
        return sections;
    }
    // Where each aside was, in the text as read, and the bytes cut up to and with it.
    let mut removed = 0;
    let cuts: Vec<(usize, usize)> = asides
        .spans
        .iter()
        .map(|span| {
            let at = span.start - removed;
            removed += span.len();
            (at, removed)
        })
        .collect();
    // A place in the text as read, in `text`: after the asides cut at or before it (a
    // start), or strictly before it (an end).
    let place = |at: usize, with_equal: bool| {
        let n = cuts.partition_point(|(p, _)| if with_equal { *p <= at } else { *p < at });
        at + n.checked_sub(1).map_or(0, |i| cuts[i].1)
    };
    sections
        .into_iter()
        .map(|s| PrivateSection {
            range: place(s.range.start, true)
                ..place(s.range.end, false).max(place(s.range.start, true)),
            title: s.title,
        })
        .collect()
}

/// A line without its quote markers and list markers (`> `, `- `, `1. `): what starts
/// the block it holds, and how many quotes deep it is.
fn unwrapped(line: &str) -> (&str, usize) {
    let mut rest = line.trim_start();
    let mut depth = 0;
    loop {
        if let Some(after) = rest.strip_prefix('>') {
            depth += 1;
            rest = after.trim_start();
            continue;
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let marker = match rest.as_bytes().get(digits) {
            Some(b'.' | b')') if digits > 0 && digits < 10 => digits + 1,
            Some(b'-' | b'+' | b'*') if digits == 0 => 1,
            _ => 0,
        };
        if marker > 0 && rest[marker..].starts_with([' ', '\t']) {
            rest = rest[marker..].trim_start();
            continue;
        }
        return (rest, depth);
    }
}

/// `[!kind]`, `[!kind]-` or `[!kind]+ Title` at the start of a block: the kind and the
/// title.
fn callout_of(block: &str) -> Option<(String, &str)> {
    let (kind, rest) = block.strip_prefix("[!")?.split_once(']')?;
    let rest = rest.strip_prefix(['-', '+']).unwrap_or(rest);
    let kind: String = kind.chars().flat_map(char::to_lowercase).collect();
    Some((kind, rest.trim()))
}

/// Whether a line of `text` may be the title of a private section: a heading, a callout
/// or the paragraph above a setext underline that says so. Reads each line's start, and
/// further only where it starts as a title may.
pub fn may_have_private_title(text: &str) -> bool {
    // Where the paragraph above the line begins, if the line above had words.
    let mut paragraph: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let first = line.trim_start().bytes().next();
        let may_title = matches!(
            first,
            Some(b'#' | b'>' | b'-' | b'+' | b'*' | b'=' | b'[' | b'0'..=b'9')
        );
        // A heading, an underline or a blank line ends the paragraph above.
        let mut ends = line.trim().is_empty();
        if may_title {
            let (block, _) = unwrapped(line);
            let underline = !block.trim().is_empty()
                && (block.trim_end().bytes().all(|b| b == b'=')
                    || block.trim_end().bytes().all(|b| b == b'-'));
            let candidate = if block.starts_with('#') {
                ends = true;
                is_private_title(block)
            } else if let Some((kind, title)) = callout_of(block) {
                is_private_title(&format!("{kind} {title}"))
            } else if underline {
                ends = true;
                paragraph.is_some_and(|from| is_private_title(&text[from..start]))
            } else {
                false
            };
            if candidate {
                return true;
            }
        }
        if ends {
            paragraph = None;
        } else if paragraph.is_none() {
            paragraph = Some(start);
        }
    }
    false
}

/// Callouts titled private, at any depth of quotes: the title line, every line quoted
/// as deep or deeper after it, and every line that could continue its last paragraph
/// (lazy lines: not blank, not a heading).
fn private_callouts(text: &str) -> Vec<PrivateSection> {
    let mut found = Vec::new();
    let mut offset = 0;
    // The open section, its quote depth, and whether its last line had words.
    let mut open: Option<(PrivateSection, usize, bool)> = None;
    for line in text.split_inclusive('\n') {
        let (block, depth) = unwrapped(line);
        let words = !block.trim().is_empty();
        if let Some((section, at, last_had_words)) = open.as_mut() {
            let lazy = *last_had_words && words && !block.starts_with('#');
            if depth >= *at || lazy {
                section.range.end = offset + line.len();
                *last_had_words = words;
                offset += line.len();
                continue;
            }
            found.extend(open.take().map(|(s, _, _)| s));
        }
        if depth > 0
            && let Some((kind, title)) = callout_of(block)
            && is_private_title(&format!("{kind} {title}"))
        {
            let title = if title.is_empty() {
                kind
            } else {
                title.to_string()
            };
            open = Some((
                PrivateSection {
                    range: offset..offset + line.len(),
                    title,
                },
                depth,
                true,
            ));
        }
        offset += line.len();
    }
    found.extend(open.map(|(s, _, _)| s));
    found
}

/// Headings titled private, as pulldown-cmark reads the text: each with what follows up
/// to the next heading of its level or above, or the end of its quote or list item.
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
                        // A setext title over several lines: its lines are words apart.
                        Event::SoftBreak | Event::HardBreak => title.push(' '),
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
pub const PRIVATE_WORDS: &[&[&str]] = &[
    &["privat*"],
    &["privé*"],
    &["confidenti*"],
    &["vertraulich*"],
    &["not", "shared"],
    &["not", "for", "sharing"],
    &["do", "not", "share"],
    &["don", "t", "share"],
    &["dont", "share"],
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
/// [`PRIVATE_WORDS`], whatever its Unicode form, with emphasis inside a word
/// (`**Pri**vate`) or invisible characters in it (a zero-width space).
pub fn is_private_title(title: &str) -> bool {
    if !might_say_private(title) {
        return false;
    }
    // One form for every way of typing it, without what cannot be seen.
    // Compatibility forms too: full-width letters, ligatures.
    let title: String = title
        .nfkc()
        .filter(|c| !is_invisible(*c) && !matches!(c, '*' | '~' | '`' | '='))
        .collect();
    if title.contains(['🔒', '🔐']) {
        return true;
    }
    let lower = title.to_lowercase();
    // `_` may join words (`coach_only`) or mark emphasis inside one (`__Pri__vate`).
    [lower.replace('_', " "), lower.replace('_', "")]
        .iter()
        .any(|text| says_private(text))
}

/// Parts of words of which every phrase of [`PRIVATE_WORDS`] holds one: a title with
/// none of them (most titles) is not read further.
const ANCHORS: &[&str] = &[
    "priv",
    "confidenti",
    "vertraulich",
    "shar",
    "partag",
    "geteil",
    "teilen",
    "coach",
    "only",
    "mich",
    "moi",
    "eyes",
    "ffentlich",
    "just",
];

/// Whether a title may say it is private: a lock, or one of [`ANCHORS`] in its letters
/// (lower-case, without invisible characters and emphasis marks).
fn might_say_private(title: &str) -> bool {
    if title.contains(['🔒', '🔐']) {
        return true;
    }
    // Full-width letters and ligatures as their plain letters (most titles are ASCII).
    let title: std::borrow::Cow<str> = if title.is_ascii() {
        title.into()
    } else {
        title.nfkc().collect::<String>().into()
    };
    let mut letters = String::with_capacity(title.len());
    for c in title.chars() {
        if c.is_alphanumeric() {
            letters.extend(c.to_lowercase());
        } else if !is_invisible(c) && !matches!(c, '*' | '~' | '`' | '=' | '_') {
            letters.push(' ');
        }
    }
    ANCHORS.iter().any(|anchor| letters.contains(anchor))
}

/// Whether `lower` (a lower-case title) holds one of [`PRIVATE_WORDS`].
fn says_private(lower: &str) -> bool {
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

/// Characters that show nothing: zero-width spaces and joiners, the soft hyphen, the
/// byte-order mark, and the other format characters a title may hold unseen.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}
