//! Markdown → HTML with pulldown-cmark: tables, footnotes, strikethrough, task lists,
//! and an `id` on every heading so sections can be linked to.
//!
//! Headings are shifted down one level (`#` becomes `<h2>`): the page title is the
//! page's only `<h1>`.
//!
//! Notes written in Obsidian read as they do there: callouts (`> [!note] Title`, every
//! kind, foldable with `-` or `+`), `==highlights==`, and (in `links`) `[[wikilinks]]`,
//! `![[embeds]]` of attachments and `#tags`.

mod fields;
mod links;
mod memo;
mod plugins;
pub mod private;
mod tables;

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd, html};

use crate::html::escape;

pub use links::{NoLinks, RefKind, Reference, Resolve, references, same_targets, tags};
pub use plugins::{
    LeaveOut, PluginCode, Plugins, block_plugin, checkbox_tasks, code_ranges, inline_plugin,
    plugin_code,
};

/// pulldown-cmark's options, the same for every reading of a text (rendering, links,
/// private parts).
pub fn options() -> pulldown_cmark::Options {
    use pulldown_cmark::Options;
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// A build starts: what was found in texts no build has used since the one before the
/// last (links, tags, asides, private sections) is forgotten.
pub fn next_build() {
    links::links_next_build();
    private::sections_next_build();
    private::asides_next_build();
    plugins::plugins_next_build();
}

/// Renders Markdown to HTML, with links to items left as text and no attachment.
pub fn to_html(markdown: &str) -> String {
    to_html_with(markdown, &NoLinks)
}

/// Renders Markdown to HTML for one page: links, embeds and tags resolved by `links`,
/// and no plugin's code shown.
pub fn to_html_with(markdown: &str, links: &dyn Resolve) -> String {
    to_html_for(markdown, links, &LeaveOut)
}

/// Renders Markdown to HTML for one page: links, embeds and tags resolved by `links`,
/// each plugin's code replaced by what `plugins` puts in its place.
/// The events are taken as they come, so that a note of many thousand blocks is never
/// held as a list of events: only a heading's, a link's or a plugin block's own events
/// are held at once.
pub fn to_html_for(markdown: &str, links: &dyn Resolve, plugins: &dyn Plugins) -> String {
    let markdown = callouts(&fields::inline_fields(&fields::without_empty_tasks(
        markdown,
    )));
    let events = Headings {
        events: plugins::leave_out(Parser::new_ext(&markdown, options()), plugins),
        used: UsedIds::default(),
        pending: std::collections::VecDeque::new(),
    };
    let events = links::resolve(events, links);
    // Task list markers as ☑ / ☐ rather than disabled, unlabelled checkboxes (which
    // accessibility checkers rightly flag): screen readers name the symbols.
    // `==` in a code block is code (`if a == b`), never a highlight.
    let mut in_code = false;
    let events = events.flat_map(move |event| match event {
        start @ Event::Start(Tag::CodeBlock(_)) => {
            in_code = true;
            OneOrMore::One(Some(start))
        }
        end @ Event::End(TagEnd::CodeBlock) => {
            in_code = false;
            OneOrMore::One(Some(end))
        }
        Event::TaskListMarker(done) => {
            OneOrMore::One(Some(Event::InlineHtml(CowStr::from(if done {
                "<span class=\"task\">☑</span> "
            } else {
                "<span class=\"task\">☐</span> "
            }))))
        }
        Event::Text(text) if !in_code && text.contains("==") => {
            OneOrMore::More(highlights(text).into_iter())
        }
        other => OneOrMore::One(Some(other)),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    if out.contains("<table>") {
        // Tables stack on a phone, each cell after its column's name.
        return tables::stack(&out);
    }
    out
}

/// One event, or several: what an event of a page becomes.
enum OneOrMore<'a> {
    One(Option<Event<'a>>),
    More(std::vec::IntoIter<Event<'a>>),
}

impl<'a> Iterator for OneOrMore<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        match self {
            OneOrMore::One(event) => event.take(),
            OneOrMore::More(events) => events.next(),
        }
    }
}

/// A page's events with each heading shifted down one level (`#` becomes `<h2>`) and
/// given an id (its own `{#id}`, or a slug of its words, unique in the page): a
/// heading's events are held until its end, the others pass as they come.
struct Headings<'a, I> {
    events: I,
    used: UsedIds,
    pending: std::collections::VecDeque<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Headings<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(event) = self.pending.pop_front() {
            return Some(event);
        }
        let (level, id, classes, attrs) = match self.events.next()? {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => (level, id, classes, attrs),
            other => return Some(other),
        };
        let level = shift(level);
        let mut text = String::new();
        let mut inner = Vec::new();
        for event in self.events.by_ref() {
            if let Event::End(TagEnd::Heading(_)) = event {
                break;
            }
            match &event {
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                // A setext title on two lines: its words stay apart in the id.
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
            inner.push(event);
        }
        let id = id.unwrap_or_else(|| CowStr::from(self.used.unique(slug(&text))));
        self.pending.extend(inner);
        self.pending.push_back(Event::End(TagEnd::Heading(level)));
        Some(Event::Start(Tag::Heading {
            level,
            id: Some(id),
            classes,
            attrs,
        }))
    }
}

/// `==text==` as `<mark>text</mark>`, within one run of text (code is never touched).
/// A pair with nothing between (`====`, a setext underline or a rule of `=`) is no
/// highlight: it stays as written, so that no text is lost.
fn highlights(text: CowStr) -> Vec<Event> {
    let parts: Vec<&str> = text.split("==").collect();
    if parts.len() < 3 {
        return vec![Event::Text(text)];
    }
    let mut events = Vec::new();
    let mut rest = parts.as_slice();
    let mut plain = String::new();
    plain.push_str(rest[0]);
    rest = &rest[1..];
    // Each `==` opens a highlight when another closes it with words between.
    while let [inner, after, more @ ..] = rest {
        if inner.is_empty() {
            // `====`: both marks stay as written.
            plain.push_str("====");
            plain.push_str(after);
            rest = more;
            continue;
        }
        if !plain.is_empty() {
            events.push(Event::Text(CowStr::from(std::mem::take(&mut plain))));
        }
        events.push(Event::InlineHtml(CowStr::from(
            "<mark class=\"highlight\">",
        )));
        events.push(Event::Text(CowStr::from(inner.to_string())));
        events.push(Event::InlineHtml(CowStr::from("</mark>")));
        plain.push_str(after);
        rest = more;
    }
    for part in rest {
        plain.push_str("==");
        plain.push_str(part);
    }
    if events.is_empty() {
        // No highlight: the text as it came.
        return vec![Event::Text(text)];
    }
    if !plain.is_empty() {
        events.push(Event::Text(CowStr::from(plain)));
    }
    events
}

/// Obsidian's callouts as HTML blocks: `> [!kind] Title` and the quoted lines after it.
/// `[!kind]-` is folded (a closed `<details>`), `[!kind]+` foldable and open.
pub(crate) fn callouts(markdown: &str) -> String {
    if !markdown.contains("[!") {
        return markdown.to_string();
    }
    let mut out = String::with_capacity(markdown.len() + 64);
    // A `> [!note]` in a code block is code: the blocks' places, in order.
    let code: Vec<std::ops::Range<usize>> = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(event, range)| {
            matches!(event, Event::Start(Tag::CodeBlock(_))).then_some(range)
        })
        .collect();
    let mut next_code = 0;
    let mut lines = markdown.lines().peekable();
    while let Some(line) = lines.next() {
        let at = line.as_ptr() as usize - markdown.as_ptr() as usize;
        while code.get(next_code).is_some_and(|r| r.end <= at) {
            next_code += 1;
        }
        let in_code = code.get(next_code).is_some_and(|r| r.contains(&at));
        let Some((kind, fold, title)) = callout_start(line).filter(|_| !in_code) else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let title = if title.is_empty() {
            let mut chars = kind.chars();
            chars
                .next()
                .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
        } else {
            title.to_string()
        };
        let title = escape(&title);
        let (open, close) = match fold {
            Some(open) => (
                format!(
                    "<details class=\"callout callout-{kind}\"{}><summary class=\"callout-title\">{title}</summary>",
                    if open { " open" } else { "" }
                ),
                "</details>",
            ),
            None => (
                format!(
                    "<div class=\"callout callout-{kind}\"><p class=\"callout-title\">{title}</p>"
                ),
                "</div>",
            ),
        };
        out.push_str(&open);
        out.push_str("\n\n");
        while let Some(next) = lines.peek().filter(|l| l.trim_start().starts_with('>')) {
            let inner = next.trim_start()[1..]
                .strip_prefix(' ')
                .unwrap_or(&next.trim_start()[1..]);
            out.push_str(inner);
            out.push('\n');
            lines.next();
        }
        out.push('\n');
        out.push_str(close);
        out.push_str("\n\n");
    }
    out
}

/// `> [!kind]`, `> [!kind]-` or `> [!kind]+ Title`: the kind (lower-case letters and `-`),
/// whether it folds (and starts open), and the title.
pub(crate) fn callout_start(line: &str) -> Option<(String, Option<bool>, &str)> {
    let rest = line
        .trim_start()
        .strip_prefix('>')?
        .trim_start()
        .strip_prefix("[!")?;
    let (kind, rest) = rest.split_once(']')?;
    let kind: String = kind
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_ascii_lowercase() || *c == '-')
        .collect();
    if kind.is_empty() {
        return None;
    }
    let (fold, rest) = match rest.chars().next() {
        Some('-') => (Some(false), &rest[1..]),
        Some('+') => (Some(true), &rest[1..]),
        _ => (None, rest),
    };
    Some((kind, fold, rest.trim()))
}

fn shift(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// A URL- and file-name-safe slug: lower-case letters and digits (any script), words
/// joined by `-`. Never empty.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "section".to_string()
    } else {
        trimmed.to_string()
    }
}

/// Heading ids given so far, with the next number to try for each repeated base, so
/// that a note with thousands of identical headings still takes linear time.
#[derive(Default)]
struct UsedIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl UsedIds {
    fn unique(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_callout_in_a_code_block_is_code() {
        let html = to_html("```markdown\n> [!note] Title\n> text\n```\n\n> [!tip] Real\n> yes\n");
        assert!(
            html.contains("<code class=\"language-markdown\">&gt; [!note] Title"),
            "{html}"
        );
        assert_eq!(
            html.matches("class=\"callout callout-").count(),
            1,
            "{html}"
        );
    }

    #[test]
    fn a_heading_on_two_lines_keeps_its_words_apart_in_its_id() {
        let html = to_html("Foo\nBar\n===\n");
        assert!(html.contains("id=\"foo-bar\""), "{html}");
    }

    #[test]
    fn a_pair_of_marks_with_nothing_between_is_no_highlight() {
        // CommonMark's example 97, and `a ==== b`: the text stays, no empty <mark>.
        assert_eq!(to_html("===="), "<p>====</p>\n");
        assert_eq!(to_html("a ==== b"), "<p>a ==== b</p>\n");
        let both = to_html("a ==== b ==c== d");
        assert!(
            both.contains("a ==== b <mark class=\"highlight\">c</mark> d"),
            "{both}"
        );
    }

    #[test]
    fn obsidian_callouts_and_highlights() {
        let html = to_html("> [!tip] Try this\n> Ask **one** question.\n\nAfter.");
        assert!(
            html.contains(
                "<div class=\"callout callout-tip\"><p class=\"callout-title\">Try this</p>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<p>Ask <strong>one</strong> question.</p>"),
            "{html}"
        );
        assert!(html.contains("<p>After.</p>"), "{html}");
        let folded = to_html("> [!WARNING]-\n> Hidden until opened.");
        assert!(folded.contains("<details class=\"callout callout-warning\"><summary class=\"callout-title\">Warning</summary>"), "{folded}");
        assert!(to_html("> [!faq]+ Why?").contains("<details class=\"callout callout-faq\" open>"));
        let marked = to_html("A ==key point== and `a == b` and ==x");
        assert!(
            marked.contains("A <mark class=\"highlight\">key point</mark> and"),
            "{marked}"
        );
        assert!(marked.contains("<code>a == b</code>"), "{marked}");
        assert!(marked.contains("and ==x"), "an unpaired == stays: {marked}");
        // An ordinary quote stays a quote; a title is escaped.
        assert!(to_html("> just a quote").contains("<blockquote>"));
        assert!(to_html("> [!note] <b>x</b>").contains("&lt;b&gt;x&lt;/b&gt;"));
    }
    use super::*;

    #[test]
    fn headings_get_ids_and_shift_down() {
        let html = to_html("# Check-in\n\n## Actions agreed\n\n# Check-in\n");
        assert!(html.contains("<h2 id=\"check-in\">Check-in</h2>"), "{html}");
        assert!(
            html.contains("<h3 id=\"actions-agreed\">Actions agreed</h3>"),
            "{html}"
        );
        assert!(html.contains("<h2 id=\"check-in-2\">"), "{html}");
    }

    #[test]
    fn repeated_headings_get_numbered_ids_in_linear_time() {
        let note = "# Check-in\n\n# Check-in-2\n\n# Check-in\n\n# Check-in\n".to_string();
        let html = to_html(&note);
        // The second "Check-in" skips check-in-2, which an earlier heading took.
        for id in ["check-in", "check-in-2", "check-in-3", "check-in-4"] {
            assert!(html.contains(&format!("id=\"{id}\"")), "{html}");
        }
        // 20,000 identical headings: quadratic id search would take minutes.
        let many = "# Same\n\n".repeat(20_000);
        let html = to_html(&many);
        assert!(html.contains("id=\"same-20000\""));
    }

    #[test]
    fn extensions_are_on() {
        let html = to_html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~ new[^1]\n\n[^1]: note\n",
        );
        // A table stacks on a phone, each cell after its column's name.
        assert!(
            html.contains("<table class=\"stack\">")
                && html.contains("<td data-label=\"a\">1</td><td data-label=\"b\">2</td>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"task\">☑</span> done"),
            "{html}"
        );
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("footnote-definition"), "{html}");
    }

    #[test]
    fn slugs_keep_letters_of_any_script() {
        assert_eq!(slug("Rétrospective d'équipe"), "rétrospective-d-équipe");
        assert_eq!(slug("  --  "), "section");
    }
}
