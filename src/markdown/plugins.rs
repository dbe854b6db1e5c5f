//! Obsidian plugins' code in a note: fenced blocks of a plugin's language
//! (```` ```dataview ````, `dataviewjs`, `tasks`, Meta Bind's, buttons…) and inline code
//! that a plugin reads (`` `VIEW[{mood}]` ``, `` `INPUT[…]` ``, Dataview's `` `= …` ``).
//! None of it is ever shown to a reader as code: [`leave_out`] puts in its place what a
//! page's [`Plugins`] says (a rendered query, a note for the coach, or nothing), and
//! [`plugin_code`] lists it with its place, for `check`.

use std::sync::{Arc, LazyLock};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Parser, Tag, TagEnd};

use super::memo::Memo;
use super::options;

/// The languages of fenced blocks that a plugin reads, and the plugin's name.
const BLOCK_LANGUAGES: &[(&str, &str)] = &[
    ("dataview", "Dataview"),
    ("dataviewjs", "Dataview"),
    ("datacore", "Datacore"),
    ("datacorejs", "Datacore"),
    ("datacorejsx", "Datacore"),
    ("datacorets", "Datacore"),
    ("datacoretsx", "Datacore"),
    ("tasks", "Tasks"),
    ("query", "Obsidian's search"),
    ("base", "Obsidian's Bases"),
    ("meta-bind", "Meta Bind"),
    ("meta-bind-button", "Meta Bind"),
    ("meta-bind-embed", "Meta Bind"),
    ("meta-bind-js-view", "Meta Bind"),
    ("button", "Buttons"),
    ("buttons", "Buttons"),
    ("chart", "Charts"),
    ("tracker", "Tracker"),
    ("js-engine", "JS Engine"),
];

/// The starts of inline code that a plugin reads, and the plugin's name.
const INLINE_STARTS: &[(&str, &str)] = &[
    ("VIEW[", "Meta Bind"),
    ("INPUT[", "Meta Bind"),
    ("BUTTON[", "Meta Bind"),
    ("$=", "Dataview"),
    ("=", "Dataview"),
];

/// The plugin that reads a fenced block of this info string (its first word, any case),
/// with the language as listed.
pub fn block_plugin(info: &str) -> Option<(&'static str, &'static str)> {
    let language = info.split_whitespace().next()?;
    BLOCK_LANGUAGES
        .iter()
        .find(|(l, _)| l.eq_ignore_ascii_case(language))
        .copied()
}

/// The plugin that reads this inline code, with the start it is known by.
pub fn inline_plugin(code: &str) -> Option<(&'static str, &'static str)> {
    let code = code.trim_start();
    INLINE_STARTS
        .iter()
        .find(|(start, _)| code.starts_with(start))
        .copied()
}

/// What a page puts in place of a plugin's code.
pub trait Plugins {
    /// HTML in place of a fenced block of `language` (as listed) holding `code`.
    fn block(&self, language: &str, code: &str) -> String;
    /// HTML in place of inline code a plugin reads (`start` as listed).
    fn inline(&self, start: &str) -> String;
}

/// Shows nothing in place of a plugin's code.
pub struct LeaveOut;

impl Plugins for LeaveOut {
    fn block(&self, _: &str, _: &str) -> String {
        String::new()
    }
    fn inline(&self, _: &str) -> String {
        String::new()
    }
}

/// A page's events with every plugin's code replaced by what `plugins` says: a block's
/// events are held until its end (its text only), the others pass as they come.
pub(super) fn leave_out<'a, I: Iterator<Item = Event<'a>>>(
    mut events: I,
    plugins: &dyn Plugins,
) -> impl Iterator<Item = Event<'a>> {
    std::iter::from_fn(move || {
        let event = events.next()?;
        Some(match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let Some((language, _)) = block_plugin(&info) else {
                    return Some(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))));
                };
                let mut code = String::new();
                for inner in events.by_ref() {
                    match inner {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(text) => code.push_str(&text),
                        _ => {}
                    }
                }
                Event::Html(CowStr::from(plugins.block(language, &code)))
            }
            Event::Code(code) => match inline_plugin(&code) {
                Some((start, _)) => Event::InlineHtml(CowStr::from(plugins.inline(start))),
                None => Event::Code(code),
            },
            other => other,
        })
    })
}

/// One piece of a plugin's code in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PluginCode {
    /// The block's language or the inline code's start, as listed.
    pub language: &'static str,
    /// The plugin's name ("Dataview", "Meta Bind").
    pub plugin: &'static str,
    /// Whether it is a fenced block (else inline code).
    pub block: bool,
    /// A block's code (empty for inline code).
    pub code: String,
    /// Where it starts in the text (a byte offset).
    pub offset: usize,
}

static FOUND: LazyLock<Memo<Arc<[PluginCode]>>> = LazyLock::new(Memo::new);
static NONE_FOUND: LazyLock<Arc<[PluginCode]>> = LazyLock::new(|| Arc::new([]));

/// A build starts: what was found in texts no build has used since the one before the
/// last is forgotten.
pub(super) fn plugins_next_build() {
    FOUND.next_build();
}

/// Every piece of plugin code in a Markdown text, in order.
pub fn plugin_code(markdown: &str) -> Arc<[PluginCode]> {
    // No code at all: no need to parse.
    if !markdown.contains(['`', '~']) {
        return NONE_FOUND.clone();
    }
    FOUND.get(markdown, |text| find(text).into())
}

fn find(markdown: &str) -> Vec<PluginCode> {
    let mut found = Vec::new();
    let mut events = Parser::new_ext(markdown, options()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let mut code = String::new();
                for (inner, _) in events.by_ref() {
                    match inner {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(text) => code.push_str(&text),
                        _ => {}
                    }
                }
                if let Some((language, plugin)) = block_plugin(&info) {
                    found.push(PluginCode {
                        language,
                        plugin,
                        block: true,
                        code,
                        offset: range.start,
                    });
                }
            }
            Event::Code(code) => {
                if let Some((language, plugin)) = inline_plugin(&code) {
                    found.push(PluginCode {
                        language,
                        plugin,
                        block: false,
                        code: String::new(),
                        offset: range.start,
                    });
                }
            }
            _ => {}
        }
    }
    found
}

/// The checkbox tasks of a text (`- [ ]`, `- [x]`), in order: whether each is done, and
/// its words (the rest of its line, as written). A task with no words is none.
pub fn checkbox_tasks(markdown: &str) -> Vec<(bool, String)> {
    if !markdown.contains('[') {
        return Vec::new();
    }
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::TaskListMarker(done) => {
                let rest = markdown.get(range.end..).unwrap_or("");
                let line = rest.lines().next().unwrap_or("").trim();
                (!line.is_empty()).then(|| (done, line.to_string()))
            }
            _ => None,
        })
        .collect()
}

/// Where a text's code is (blocks and spans), in order, as byte ranges.
pub fn code_ranges(markdown: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if matches!(event, Event::Start(Tag::CodeBlock(_)) | Event::Code(_))
            && ranges.last().is_none_or(|last| last.end <= range.start)
        {
            ranges.push(range);
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "Intro\n\n```dataview\nLIST FROM #meeting\n```\n\n```dataviewjs\ndv.list(dv.pages(\"#meeting\").file.link)\n```\n\n```tasks\nnot done\n```\n\n```meta-bind-button\nlabel: New 1:1\n```\n\n```button\nname New meeting\n```\n\nMood today: `VIEW[{mood}]` and `INPUT[slider(minValue(1)):energy]`, `= this.file.name`, `$= dv.current()` and `a == b`.\n\n```rust\nlet x = 1;\n```\n\n```mermaid\ngraph TD\n```\n";

    /// Shows each block's language and each inline start, as a mark.
    struct Marks;

    impl Plugins for Marks {
        fn block(&self, language: &str, code: &str) -> String {
            format!("<p>[{language}: {} bytes]</p>", code.len())
        }
        fn inline(&self, start: &str) -> String {
            format!("[{start}]")
        }
    }

    #[test]
    fn no_plugin_code_reaches_the_page() {
        let html = crate::markdown::to_html_for(NOTE, &crate::markdown::NoLinks, &LeaveOut);
        for code in [
            "LIST FROM",
            "dv.list",
            "not done",
            "New 1:1",
            "New meeting",
            "VIEW[",
            "INPUT[",
            "this.file",
            "dv.current",
        ] {
            assert!(!html.contains(code), "{code}: {html}");
        }
        // Other code stays code: Rust, a diagram, an ordinary code span.
        assert!(
            html.contains("<code class=\"language-rust\">let x = 1;"),
            "{html}"
        );
        assert!(html.contains("language-mermaid"), "{html}");
        assert!(html.contains("<code>a == b</code>"), "{html}");
        assert!(html.contains("<p>Intro</p>"), "{html}");
        let marked = crate::markdown::to_html_for(NOTE, &crate::markdown::NoLinks, &Marks);
        assert!(marked.contains("<p>[dataview: 19 bytes]</p>"), "{marked}");
        assert!(
            marked.contains("Mood today: [VIEW[] and [INPUT[], [=], [$=] and"),
            "{marked}"
        );
    }

    #[test]
    fn plugin_code_is_listed_with_its_place() {
        let found = plugin_code(NOTE);
        let listed: Vec<(&str, &str, bool)> = found
            .iter()
            .map(|f| (f.language, f.plugin, f.block))
            .collect();
        assert_eq!(
            listed,
            vec![
                ("dataview", "Dataview", true),
                ("dataviewjs", "Dataview", true),
                ("tasks", "Tasks", true),
                ("meta-bind-button", "Meta Bind", true),
                ("button", "Buttons", true),
                ("VIEW[", "Meta Bind", false),
                ("INPUT[", "Meta Bind", false),
                ("=", "Dataview", false),
                ("$=", "Dataview", false),
            ]
        );
        assert_eq!(found[0].code, "LIST FROM #meeting\n");
        assert!(NOTE[found[0].offset..].starts_with("```dataview"));
        assert!(NOTE[found[5].offset..].starts_with("`VIEW["));
        assert!(plugin_code("no code here").is_empty());
        // A plugin's language in a code span is only words.
        assert!(plugin_code("write `dataview` blocks").is_empty());
    }

    #[test]
    fn checkbox_tasks_are_read_with_their_words() {
        let tasks = checkbox_tasks(
            "- [ ] Share the checklist 📅 2024-12-06\n- [x] Book the room\n- [ ]\n\n```\n- [ ] code\n```\n",
        );
        assert_eq!(
            tasks,
            vec![
                (false, "Share the checklist 📅 2024-12-06".to_string()),
                (true, "Book the room".to_string())
            ]
        );
    }

    #[test]
    fn code_is_found_in_blocks_and_spans() {
        let text = "a `{{date}}` b\n\n```\n<% x %>\n```\n";
        let ranges = code_ranges(text);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&text[ranges[0].clone()], "`{{date}}`");
        assert!(text[ranges[1].clone()].contains("<% x %>"));
    }

    #[test]
    fn languages_are_matched_by_their_first_word_in_any_case() {
        assert_eq!(block_plugin("DataView"), Some(("dataview", "Dataview")));
        assert_eq!(block_plugin("tasks title"), Some(("tasks", "Tasks")));
        assert_eq!(block_plugin("dataviewx"), None);
        assert_eq!(block_plugin(""), None);
        assert_eq!(inline_plugin("  VIEW[x]"), Some(("VIEW[", "Meta Bind")));
        assert_eq!(inline_plugin("view[x]"), None);
    }
}
