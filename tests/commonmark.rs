//! The CommonMark 0.31.2 spec's 652 examples (the `commonmark-spec` package from the npm
//! registry, which .ci/run installs into tests/spec/node_modules) through coachsite's
//! Markdown pipeline, each compared with plain pulldown-cmark given the same options:
//! they render the same but for the differences coachsite documents (`DIFFERENCES`
//! below, and docs/format.md, "Markdown"). And every example, as the body of a session
//! note, builds: valid Markdown never stops a site by being Markdown.

mod common;

use std::path::PathBuf;

use common::{Project, stderr};

/// One example of the spec: its number, section and Markdown.
struct Example {
    number: usize,
    section: String,
    markdown: String,
}

/// The spec's text, or `None` after saying why the test is skipped (a failure in CI).
fn spec() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/spec/node_modules/commonmark-spec/spec.txt");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(err) => {
            let why = format!(
                "{}: {err} (run `npm ci --prefix tests/spec`)",
                path.display()
            );
            assert!(
                !std::env::var("CI").is_ok_and(|v| v == "true"),
                "the CommonMark spec test: {why}"
            );
            eprintln!("skipping the CommonMark spec test: {why}");
            None
        }
    }
}

/// The examples of the spec, as its own tools read them: between a line of 32 backticks
/// and `example` and a line of 32 backticks, the Markdown before a `.` line; `→` is a tab.
fn examples(spec: &str) -> Vec<Example> {
    let fence = "`".repeat(32);
    let open = format!("{fence} example");
    let mut found = Vec::new();
    let mut section = String::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if let Some(title) = line.strip_prefix("## ").or(line.strip_prefix("### ")) {
            section = title.to_string();
        }
        if line != open {
            continue;
        }
        let mut markdown = String::new();
        for line in lines.by_ref() {
            if line == "." {
                break;
            }
            markdown.push_str(line);
            markdown.push('\n');
        }
        for line in lines.by_ref() {
            if line == fence {
                break;
            }
        }
        found.push(Example {
            number: found.len() + 1,
            section: section.clone(),
            markdown: markdown.replace('→', "\t"),
        });
    }
    found
}

/// The examples that render otherwise, each with the reason (docs/format.md says the
/// same). Anything else that differs fails the test, and so does an example listed here
/// that no longer differs.
const DIFFERENCES: &[(usize, &str)] = &[
    (
        64,
        "`#hashtag` at the start of a line is a tag, as in Obsidian (`#5 bolt` is not: a tag is not only digits)",
    ),
    (
        484,
        "`[](./target.md)` is a link to a note file; it names no note of the engagement, so it shows its words, which are none",
    ),
    (
        548,
        "`[[foo]]` is a wikilink to a note (pulldown-cmark reads it so too, with our options); it names no note, so it shows its words",
    ),
    (
        559,
        "`[[*foo* bar]]` is a wikilink to a note that does not exist: its words",
    ),
    (
        590,
        "`![[foo]]` embeds a note or a file; with none of that name it shows its words",
    ),
];

/// Plain pulldown-cmark, with coachsite's options.
fn plain(markdown: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(
        &mut out,
        pulldown_cmark::Parser::new_ext(markdown, coachsite::markdown::options()),
    );
    out
}

/// What every page does to every text, made the same on both sides: headings one level
/// down (the page's title is its only `<h1>`) with an id each.
fn comparable(html: &str, shifted: bool) -> String {
    let mut out = html.to_string();
    if !shifted {
        for level in (1..=5).rev() {
            out = out
                .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
                .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
        }
    }
    // Heading ids: coachsite gives every heading one.
    let mut clean = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(i) = rest.find("<h") {
        let (before, tag) = rest.split_at(i);
        clean.push_str(before);
        let end = tag.find('>').map_or(tag.len(), |e| e + 1);
        let head = &tag[..end];
        match head.find(" id=\"") {
            Some(at) if head.as_bytes().get(2).is_some_and(u8::is_ascii_digit) => {
                let close = head[at + 5..]
                    .find('"')
                    .map_or(head.len(), |c| at + 5 + c + 1);
                clean.push_str(&head[..at]);
                clean.push_str(&head[close..]);
            }
            _ => clean.push_str(head),
        }
        rest = &tag[end..];
    }
    clean.push_str(rest);
    clean
}

#[test]
fn every_spec_example_renders_as_pulldown_cmark_but_for_the_documented_differences() {
    let Some(spec) = spec() else { return };
    let examples = examples(&spec);
    assert_eq!(examples.len(), 652, "the examples of CommonMark 0.31.2");
    let mut unexpected = Vec::new();
    let mut stale = Vec::new();
    for e in &examples {
        let ours = comparable(&coachsite::markdown::to_html(&e.markdown), true);
        let theirs = comparable(&plain(&e.markdown), false);
        let listed = DIFFERENCES.iter().any(|(n, _)| *n == e.number);
        match (ours == theirs, listed) {
            (false, false) => unexpected.push(format!(
                "example {} ({}):\n{:?}\ncoachsite: {ours:?}\npulldown-cmark: {theirs:?}",
                e.number, e.section, e.markdown
            )),
            (true, true) => stale.push(e.number),
            _ => {}
        }
    }
    assert!(
        unexpected.is_empty(),
        "{} examples differ:\n\n{}",
        unexpected.len(),
        unexpected.join("\n\n")
    );
    assert!(stale.is_empty(), "listed but the same now: {stale:?}");
}

#[test]
fn every_spec_example_builds_as_a_session_note() {
    let Some(spec) = spec() else { return };
    let p = Project::minimal();
    for e in examples(&spec) {
        p.write(
            &format!("sessions/2026-04-01-example-{:03}.md", e.number),
            &format!(
                "---\ndate: 2026-04-01\ntitle: Example {}\n---\n{}",
                e.number, e.markdown
            ),
        );
    }
    for audience in ["coach", "client"] {
        let output = p.build(&["--audience", audience]);
        let err = stderr(&output);
        assert!(output.status.success(), "{audience}: {err}");
        assert!(!err.contains("error:"), "{audience}: {err}");
    }
}

#[test]
fn our_syntax_never_changes_code_html_or_attributes() {
    let ours_only = [
        "#tag",
        "a ==mark== b",
        "a %%aside%% b",
        "[[sprint-goals]] and ![[board.jpg]]",
        "[due:: 2026-01-01] and (mood:: 7)",
        "- [ ] ",
    ];
    let places = [
        ("a fenced block", "```\n{}\n```\n"),
        ("a fenced block with a language", "```python\n{}\n```\n"),
        ("an indented block", "    {}\n"),
        ("a code span", "`{}`\n"),
        ("an HTML block", "<div>\n{}\n</div>\n"),
        ("inline HTML", "<span title=\"{}\">x</span>\n"),
        ("a link's title", "[x](https://example.org \"{}\")\n"),
    ];
    for syntax in ours_only {
        for (place, template) in places {
            let markdown = template.replace("{}", syntax);
            let ours = comparable(&coachsite::markdown::to_html(&markdown), true);
            let theirs = comparable(&plain(&markdown), false);
            assert_eq!(ours, theirs, "{syntax:?} in {place}");
        }
    }
    // A callout's marker in code is code.
    let markdown = "```\n> [!note] Title\n> words\n```\n";
    assert_eq!(
        comparable(&coachsite::markdown::to_html(markdown), true),
        comparable(&plain(markdown), false)
    );
}

/// The GitHub extensions coachsite turns on (tables, strikethrough, task lists), in
/// cases of our own: they render as pulldown-cmark renders them, but for the task boxes,
/// which are ☐ and ☑ (screen readers name them; a disabled checkbox has no label), and
/// tables, which stack on a phone (`class="stack"`, each cell's `data-label`).
#[test]
fn the_github_extensions_render_as_pulldown_cmark_renders_them() {
    let cases = [
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
        "| a \\| b | c |\n| --- | --- |\n| `x \\| y` | **z** |\n",
        "| a |\n| - |\n",
        "| not | a table\n| --- |\n| x | y |\n",
        "~~struck~~ and ~single~ and ~~~not~~~\n",
        "a ~~b\n\nc~~ d\n",
        "- [ ] open\n- [x] done\n  - [X] nested\n1. [ ] ordered\n",
        "- [ ]not a task\n- [x]\n",
        "<https://example.org/a?b=c> and <mailto:a@example.org>\n",
        "www.example.org and https://example.org stay text\n",
    ];
    let unlabelled = |html: String| {
        let mut out = html.replace("<table class=\"stack\">", "<table>");
        while let Some(at) = out.find(" data-label=\"") {
            let end = out[at + 13..]
                .find('"')
                .map_or(out.len(), |e| at + 13 + e + 1);
            out.replace_range(at..end, "");
        }
        out
    };
    let boxes = |html: String| {
        unlabelled(html)
            .replace("<span class=\"task\">☐</span> ", "[ ]")
            .replace("<span class=\"task\">☑</span> ", "[x]")
            .replace("<input disabled=\"\" type=\"checkbox\"/>\n", "[ ]")
            .replace(
                "<input disabled=\"\" type=\"checkbox\" checked=\"\"/>\n",
                "[x]",
            )
    };
    for markdown in cases {
        let ours = boxes(comparable(&coachsite::markdown::to_html(markdown), true));
        let theirs = boxes(comparable(&plain(markdown), false));
        assert_eq!(ours, theirs, "{markdown:?}");
    }
}
