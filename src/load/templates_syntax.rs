//! A note made from a template that was never rendered: Templater's `<% … %>` (and
//! `<%* … %>`) or the core Templates plugin's `{{date}}`, `{{time}}` and `{{title}}`
//! (with or without a format, `{{date:YYYY-MM-DD}}`) left as written.
//!
//! In the front matter, such syntax is why the note does not read (`date: {{date}}` is a
//! map to YAML, `date: <% tp.date.now() %>` no date): the note is left out of the site,
//! and its errors become one warning that says the note looks like an unrendered
//! template of that plugin, where, and what to do (a vault's stray "Untitled" note made
//! from a template never stops a build). In front matter that reads all the same, and in
//! the body (outside code), it is a warning too.

use super::lines::Lines;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown;

/// The most places named one by one in a file.
const MOST_PER_FILE: usize = 10;

/// One piece of template syntax: where it starts, how long it is, and its plugin.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    offset: usize,
    len: usize,
    plugin: &'static str,
}

const TEMPLATER: &str = "Templater";
const TEMPLATES: &str = "Obsidian's Templates plugin";

/// The core Templates plugin's variables.
const VARIABLES: [&str; 3] = ["date", "time", "title"];

/// Every piece of template syntax in `text`, in order.
fn find(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    if !text.contains("<%") && !text.contains("{{") {
        return found;
    }
    let mut at = 0;
    while let Some(i) = text[at..].find(['<', '{']).map(|i| at + i) {
        let rest = &text[i..];
        let piece = if let Some(inner) = rest.strip_prefix("<%") {
            inner.find("%>").map(|end| (end + 4, TEMPLATER))
        } else if let Some(inner) = rest.strip_prefix("{{") {
            inner.find("}}").and_then(|end| {
                let name = inner[..end].split(':').next().unwrap_or("").trim();
                VARIABLES.contains(&name).then_some((end + 4, TEMPLATES))
            })
        } else {
            None
        };
        match piece {
            Some((len, plugin)) => {
                found.push(Found {
                    offset: i,
                    len,
                    plugin,
                });
                at = i + len;
            }
            None => at = i + 1,
        }
    }
    found
}

/// The diagnostic of a note whose front matter does not read, `instead` of `d`, when
/// the file holds template syntax before its body (or anywhere, when it has no front
/// matter that closes): a warning, the note left out.
pub(super) fn instead(d: Diagnostic, file: &str, text: &str) -> Diagnostic {
    let head = super::yaml::split_front_matter(text).map_or(text, |fm| fm.yaml);
    match find(head).first() {
        Some(first) => unrendered(file, text, first),
        None => d,
    }
}

/// A note read (or not) from `text`, with what its template syntax says: front matter
/// that did not read because of it is one error instead of the parser's; template
/// syntax elsewhere (outside code) is a warning at each place.
pub(super) fn review<T>(
    item: Result<T, Vec<Diagnostic>>,
    file: &str,
    text: &str,
    diags: &mut Diagnostics,
) -> Result<T, Vec<Diagnostic>> {
    let found = find(text);
    if found.is_empty() {
        return item;
    }
    // A YAML file (an assessment, a survey) is front matter alone.
    let body_start =
        super::yaml::split_front_matter(text).map_or(text.len(), |fm| text.len() - fm.body.len());
    let in_front = found.iter().find(|f| f.offset < body_start);
    let item = match (item, in_front) {
        (Err(_), Some(first)) => {
            diags.push(unrendered(file, text, first));
            return Err(Vec::new());
        }
        (item, _) => item,
    };
    let code: Vec<std::ops::Range<usize>> = markdown::code_ranges(&text[body_start..])
        .into_iter()
        .map(|r| r.start + body_start..r.end + body_start)
        .collect();
    let mut code = code.iter().peekable();
    let mut lines = Lines::default();
    let mut named = 0;
    let mut more = 0;
    for f in &found {
        while code.peek().is_some_and(|r| r.end <= f.offset) {
            code.next();
        }
        if code.peek().is_some_and(|r| r.contains(&f.offset)) {
            continue;
        }
        if named == MOST_PER_FILE {
            more += 1;
            continue;
        }
        named += 1;
        let (line, column) = lines.at(text, f.offset);
        let mut d = Diagnostic::warning(
            file,
            format!(
                "`{}` is {}'s syntax, left as written: this note looks like a template that was never rendered",
                shown(text, f),
                f.plugin
            ),
        )
        .with_help(help(f.plugin))
        .at(text, line, column);
        d.width = shown(text, f).chars().count().clamp(1, 80) as u32;
        diags.push(d);
    }
    if more > 0 {
        diags.push(Diagnostic::warning(
            file,
            format!("{more} more pieces of template syntax in this file are left as written"),
        ));
    }
    item
}

/// The warning of a note whose front matter does not read because of template syntax:
/// the note is left out until it is rendered.
fn unrendered(file: &str, text: &str, first: &Found) -> Diagnostic {
    let (line, column) = Lines::default().at(text, first.offset);
    let mut d = Diagnostic::warning(
        file,
        format!(
            "this note looks like an unrendered template of {}: its front matter holds `{}`, not a value; it is left out of the site",
            first.plugin,
            shown(text, first)
        ),
    )
    .with_help(help(first.plugin))
    .at(text, line, column);
    d.width = shown(text, first).chars().count().clamp(1, 80) as u32;
    d
}

fn help(plugin: &str) -> &'static str {
    if plugin == TEMPLATER {
        "render it in Obsidian (Templater: \"Replace templates in the active file\"), or write the values in yourself"
    } else {
        "insert the template with Obsidian's \"Templates: Insert template\" command, which fills in the values, or write them in yourself"
    }
}

/// The piece as written, on one line and at most 80 characters.
fn shown(text: &str, f: &Found) -> String {
    let piece = text.get(f.offset..f.offset + f.len).unwrap_or("");
    let line = piece.lines().next().unwrap_or("");
    let mut out: String = line.chars().take(80).collect();
    if out.len() < piece.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templater_and_templates_syntax_is_found() {
        let text = "---\ndate: <% tp.date.now(\"YYYY-MM-DD\") %>\ntitle: {{title}}\n---\n<%* tR += x %> {{date:YYYY}} {{name}} {{ time }} <% never closed";
        let found: Vec<(&str, &str)> = find(text)
            .iter()
            .map(|f| (&text[f.offset..f.offset + f.len], f.plugin))
            .collect();
        assert_eq!(
            found,
            vec![
                ("<% tp.date.now(\"YYYY-MM-DD\") %>", TEMPLATER),
                ("{{title}}", TEMPLATES),
                ("<%* tR += x %>", TEMPLATER),
                ("{{date:YYYY}}", TEMPLATES),
                ("{{ time }}", TEMPLATES),
            ]
        );
        assert!(find("a < b and {c} and 5% <").is_empty());
    }

    #[test]
    fn front_matter_that_does_not_read_is_one_warning_that_names_the_plugin() {
        let text = "---\ntitle: Weekly\ndate: {{date}}\n---\nNotes\n";
        let parser = vec![Diagnostic::error("s.md", "wrong type")];
        let mut diags = Diagnostics::default();
        let Err(errors) = review::<()>(Err(parser), "s.md", text, &mut diags) else {
            panic!("read")
        };
        // The note is left out: no error, one warning.
        assert!(errors.is_empty());
        assert_eq!(diags.items.len(), 1);
        let d = &diags.items[0];
        assert_eq!(d.severity, crate::diagnostic::Severity::Warning);
        assert_eq!((d.line, d.column), (3, 7));
        assert!(
            d.message
                .contains("unrendered template of Obsidian's Templates plugin"),
            "{}",
            d.message
        );
        assert!(d.message.contains("`{{date}}`"), "{}", d.message);
        assert!(
            d.help
                .as_deref()
                .is_some_and(|h| h.contains("Insert template"))
        );
        // Templater before any front matter: "no front matter" becomes the same error.
        let text = "<%* let t = tp.file.title %>\n---\ntitle: x\n---\n";
        let d = instead(Diagnostic::error("s.md", "no front matter"), "s.md", text);
        assert!(d.message.contains("Templater"), "{}", d.message);
        assert_eq!((d.line, d.column), (1, 1));
        // Another error stays itself.
        let d = instead(
            Diagnostic::error("s.md", "no front matter"),
            "s.md",
            "just text",
        );
        assert_eq!(d.message, "no front matter");
    }

    #[test]
    fn syntax_that_reads_or_is_in_the_body_is_a_warning_outside_code() {
        let text = "---\ntitle: <% tp.file.title %>\n---\nMet on {{date}}.\n\n`{{date}}` in code\n\n```\n<% code %>\n```\n";
        let mut diags = Diagnostics::default();
        let read = review(Ok(1), "s.md", text, &mut diags);
        assert_eq!(read, Ok(1));
        let places: Vec<(u32, u32)> = diags.items.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, vec![(2, 8), (4, 8)]);
        assert!(
            diags
                .items
                .iter()
                .all(|d| d.severity == crate::diagnostic::Severity::Warning)
        );
        assert!(
            diags.items[1]
                .message
                .starts_with("`{{date}}` is Obsidian's Templates plugin's syntax")
        );
    }
}
