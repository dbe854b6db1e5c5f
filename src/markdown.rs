//! Markdown → HTML with pulldown-cmark: tables, footnotes, strikethrough, task lists,
//! and an `id` on every heading so sections can be linked to.
//!
//! Headings are shifted down one level (`#` becomes `<h2>`): the page title is the
//! page's only `<h1>`.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// Renders Markdown to HTML.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<Event> = Parser::new_ext(markdown, options).collect();

    let mut used = UsedIds::default();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = shift(*level);
            let explicit = id.clone();
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let id = explicit.unwrap_or_else(|| CowStr::from(used.unique(slug(&text))));
            if let Event::Start(Tag::Heading {
                level: l, id: slot, ..
            }) = &mut events[i]
            {
                *l = level;
                *slot = Some(id);
            }
            if let Some(Event::End(TagEnd::Heading(l))) = events.get_mut(j) {
                *l = level;
            }
        }
        i += 1;
    }

    // Task list markers as ☑ / ☐ rather than disabled, unlabelled checkboxes (which
    // accessibility checkers rightly flag): screen readers name the symbols.
    let events = events.into_iter().map(|event| match event {
        Event::TaskListMarker(done) => Event::InlineHtml(CowStr::from(if done {
            "<span class=\"task\">☑</span> "
        } else {
            "<span class=\"task\">☐</span> "
        })),
        other => other,
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
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
        assert!(html.contains("<table>"), "{html}");
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
