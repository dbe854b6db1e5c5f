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

use super::callouts;
use super::options;

mod sections;
pub(super) use sections::next_build as sections_next_build;
pub use sections::{
    PRIVATE_WORDS, PrivateSection, is_private_title, may_have_private_title, private_sections,
    private_sections_read,
};

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

/// The asides of plain text (a title, a name): every `%%` a marker, and whatever the
/// same words read as Markdown would hide too (``A `%%` b %%aside%%``: a `%%` in
/// backticks literal), so that no way of reading them shows an aside.
pub fn plain_asides(text: &str) -> Asides {
    let plain = paired(text.len(), percent_pairs(text));
    if plain.spans.is_empty() || !text.contains('`') {
        return plain;
    }
    union(plain, asides(text))
}

/// The asides of a Markdown text: `%%` in code is literal ([`Asides`]).
pub fn asides(text: &str) -> Asides {
    if !has_marker(text) {
        return Asides::default();
    }
    // Asked for several times of each text in a build: found once.
    ASIDES
        .get(text, |text| std::sync::Arc::new(find_asides(text)))
        .as_ref()
        .clone()
}

static ASIDES: std::sync::LazyLock<super::memo::Memo<std::sync::Arc<Asides>>> =
    std::sync::LazyLock::new(super::memo::Memo::new);

/// A build starts: the asides of texts no build has used since the one before the last
/// are forgotten.
pub(super) fn asides_next_build() {
    ASIDES.next_build();
}

fn find_asides(text: &str) -> Asides {
    let all = percent_pairs(text);
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
        union(found, paired(text.len(), all))
    }
}

/// Both readings of a text's asides at once: whatever either hides is hidden (when in
/// doubt, the text stays private).
pub fn union(a: Asides, b: Asides) -> Asides {
    let mut markers = a.markers;
    markers.extend(b.markers);
    markers.sort_by_key(|m| m.start);
    markers.dedup();
    let mut spans = a.spans;
    spans.extend(b.spans);
    Asides {
        spans: merge(spans),
        markers,
        unclosed: match (a.unclosed, b.unclosed) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        },
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

/// The HTML comments of a Markdown text (`<!-- … -->`, a block of them or inline, not in
/// code): invisible on a page, but in its source, so the client's and the sponsor's
/// texts have none.
pub fn html_comments(text: &str) -> Vec<Range<usize>> {
    if memchr::memmem::find(text.as_bytes(), b"<!--").is_none() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            // An HTML block is raw text: each comment in it, to its end (or the block's).
            Event::Start(Tag::HtmlBlock) => {
                let block = &text[range.clone()];
                let mut at = 0;
                while let Some(open) = memchr::memmem::find(&block.as_bytes()[at..], b"<!--") {
                    let open = at + open;
                    let close = memchr::memmem::find(&block.as_bytes()[open + 4..], b"-->")
                        .map_or(block.len(), |c| open + 4 + c + 3);
                    found.push(range.start + open..range.start + close);
                    at = close;
                }
            }
            Event::InlineHtml(html) if html.starts_with("<!--") => found.push(range),
            _ => {}
        }
    }
    merge(found)
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

/// What of `text` the coach alone reads: its asides and its private sections (as its
/// reader gets it), as sorted ranges that do not overlap (those that meet are one).
pub fn coach_only_spans(text: &str) -> Vec<Range<usize>> {
    let found = asides(text);
    let mut spans: Vec<Range<usize>> = private_sections_read(text, &found)
        .into_iter()
        .map(|s| s.range)
        .collect();
    spans.extend(found.spans);
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
