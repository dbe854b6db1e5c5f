//! Dataview's inline fields as a reader reads them: `[due:: 2024-12-06]` is
//! "due: 2024-12-06" and `(mood:: 7)` is "7", as Dataview shows them, never the `::`
//! syntax; and the empty tasks a template leaves (`- [ ] `) are no bullets. What is in
//! code stays code.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

/// Where a text's words are, as pulldown-cmark reads it: its text events, neighbours
/// joined (`[due:: x]` comes as several), outside code, HTML and attributes.
fn text_ranges(markdown: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut in_code = false;
    for (event, range) in Parser::new_ext(markdown, super::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => in_code = false,
            Event::Text(_) if !in_code => match ranges.last_mut() {
                Some(last) if last.end == range.start => last.end = range.end,
                _ => ranges.push(range),
            },
            _ => {}
        }
    }
    ranges
}

/// Where a text's code and HTML are (blocks, spans and inline HTML), as byte ranges.
fn raw_ranges(markdown: &str) -> Vec<Range<usize>> {
    Parser::new_ext(markdown, super::options())
        .into_offset_iter()
        .filter(|(event, _)| {
            matches!(
                event,
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock)
                    | Event::Code(_)
                    | Event::InlineHtml(_)
                    | Event::Html(_)
            )
        })
        .map(|(_, range)| range)
        .collect()
}

/// `markdown` with each inline field outside code written as its words.
pub(crate) fn inline_fields(markdown: &str) -> Cow<'_, str> {
    if !markdown.contains("::") {
        return Cow::Borrowed(markdown);
    }
    let found = fields(markdown);
    if found.is_empty() {
        return Cow::Borrowed(markdown);
    }
    let words = text_ranges(markdown);
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for field in found {
        if !words
            .iter()
            .any(|w| w.start <= field.range.start && field.range.end <= w.end)
        {
            continue;
        }
        out.push_str(&markdown[at..field.range.start]);
        if field.bracket {
            out.push_str(field.key.trim());
            out.push_str(": ");
        }
        out.push_str(field.value.trim());
        at = field.range.end;
    }
    out.push_str(&markdown[at..]);
    Cow::Owned(out)
}

/// One inline field: where it is written, its key and value, and whether it shows its
/// key (`[key:: value]`) or its value alone (`(key:: value)`).
struct Field<'a> {
    range: Range<usize>,
    key: &'a str,
    value: &'a str,
    bracket: bool,
}

/// Every inline field of a text, in order: `[key:: value]` or `(key:: value)` on one
/// line, the key made of letters, digits, spaces, `_` and `-`.
fn fields(text: &str) -> Vec<Field<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("::").map(|i| from + i) {
        from = i + 2;
        let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
        let Some(open) = text[line_start..i]
            .rfind(['[', '('])
            .map(|o| line_start + o)
        else {
            continue;
        };
        let key = &text[open + 1..i];
        let key_ok = !key.trim().is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-'));
        if !key_ok || found.last().is_some_and(|f: &Field| f.range.end > open) {
            continue;
        }
        let bracket = text.as_bytes()[open] == b'[';
        let close = if bracket { ']' } else { ')' };
        let line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
        let Some(end) = text[i + 2..line_end].find(close).map(|e| i + 2 + e) else {
            continue;
        };
        found.push(Field {
            range: open..end + 1,
            key,
            value: &text[i + 2..end],
            bracket,
        });
        from = end + 1;
    }
    found
}

/// `markdown` without the lines that are an empty task (`- [ ]` with no words, as note
/// templates leave them), outside code: a reader sees no empty box.
pub(crate) fn without_empty_tasks(markdown: &str) -> Cow<'_, str> {
    if !markdown.contains("[ ]") {
        return Cow::Borrowed(markdown);
    }
    let is_empty_task = |line: &str| {
        let rest = line.trim_start();
        let rest = rest.strip_prefix(['-', '*', '+']).or_else(|| {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            (digits > 0)
                .then(|| rest[digits..].strip_prefix(['.', ')']))
                .flatten()
        });
        rest.and_then(|r| r.strip_prefix(' '))
            .and_then(|r| r.trim_start().strip_prefix("[ ]"))
            .is_some_and(|r| r.trim().is_empty())
    };
    let mut empty = Vec::new();
    let mut at = 0;
    for line in markdown.split_inclusive('\n') {
        if is_empty_task(line) {
            empty.push(at..at + line.len());
        }
        at += line.len();
    }
    if empty.is_empty() {
        return Cow::Borrowed(markdown);
    }
    let raw = raw_ranges(markdown);
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for line in empty {
        if raw.iter().any(|c| c.start < line.end && line.start < c.end) {
            continue;
        }
        // The line goes whole: a blank line in its place would loosen the list.
        out.push_str(&markdown[at..line.start]);
        at = line.end;
    }
    out.push_str(&markdown[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_fields_read_as_dataview_shows_them() {
        assert_eq!(
            inline_fields("- [ ] Draft [due:: 2024-12-10] and (mood:: 7)."),
            "- [ ] Draft due: 2024-12-10 and 7."
        );
        let code = "`[due:: x]` and\n\n```\n[due:: y]\n```\n[due:: z]";
        assert_eq!(
            inline_fields(code),
            "`[due:: x]` and\n\n```\n[due:: y]\n```\ndue: z"
        );
        for kept in [
            "a::b",
            "[not a field",
            "[x] :: y",
            "[a:: b\n]",
            "std::io::Read",
            "[[x]]::",
        ] {
            assert_eq!(inline_fields(kept), kept, "{kept}");
        }
        assert!(matches!(inline_fields("no fields"), Cow::Borrowed(_)));
    }

    #[test]
    fn empty_tasks_are_no_bullets() {
        assert_eq!(
            without_empty_tasks("- [x] Done\n- [ ] \n- [ ]\n1. [ ]\n- [ ] Open\n"),
            "- [x] Done\n- [ ] Open\n"
        );
        let code = "```\n- [ ] \n```\n";
        assert_eq!(without_empty_tasks(code), code);
        assert!(matches!(
            without_empty_tasks("- [ ] Open"),
            Cow::Borrowed(_)
        ));
    }
}
