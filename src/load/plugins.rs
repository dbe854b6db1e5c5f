//! Plugins' code in the notes, listed for `check`: each block or inline code that no
//! site shows (`dataviewjs`, Meta Bind, buttons, `VIEW[…]`, a Dataview query beyond the
//! subset coachsite renders) is a note with its file, line and column, and for a query,
//! the part coachsite did not read. A Dataview query of the subset is rendered, and
//! said nothing of.

use rayon::prelude::*;

use super::lines::Lines;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::limits::MAX_QUERIES_PER_TEXT;
use crate::markdown::{self, PluginCode};
use crate::model::dataview::parse_query;
use crate::model::*;

/// The most pieces of plugin code named one by one in a text; the rest are counted.
const MOST_PER_TEXT: usize = 20;

/// A note for each piece of plugin code of `e`'s texts that no site shows.
pub(super) fn check_plugins(e: &Engagement, diags: &mut Diagnostics) {
    let texts = e.markdown_texts();
    let found: Vec<Vec<Diagnostic>> = texts
        .par_iter()
        .map(|t| {
            let code = markdown::plugin_code(t.text);
            if code.is_empty() {
                return Vec::new();
            }
            left_out(t.file, t.text, t.line, &code)
        })
        .collect();
    for d in found.into_iter().flatten() {
        diags.push(d);
    }
}

/// Whether `check` says nothing of a text's plugin code (it has none, or only queries it
/// renders): a save of a body alone that does is worked out again in full, so that
/// `serve` tells what a build tells.
pub(super) fn says_nothing_of(text: &str) -> bool {
    let code = markdown::plugin_code(text);
    code.is_empty() || left_out("", text, 0, &code).is_empty()
}

/// The notes of one text that starts at line `base` of `file` (0: not known).
fn left_out(file: &str, text: &str, base: u32, code: &[PluginCode]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut queries = 0;
    let mut more = 0;
    let mut lines = Lines::default();
    for piece in code {
        let d = if piece.block && piece.language == "dataview" {
            match parse_query(&piece.code) {
                Ok(_) if queries < MAX_QUERIES_PER_TEXT => {
                    queries += 1;
                    continue;
                }
                Ok(_) => Diagnostic::note(
                    file,
                    format!(
                        "this Dataview query is left out of every site: a text renders its first {MAX_QUERIES_PER_TEXT} queries"
                    ),
                )
                .with_help("split the note, or keep fewer queries in it"),
                Err(why) => Diagnostic::note(
                    file,
                    format!(
                        "this Dataview query is left out of every site: coachsite does not read {why}"
                    ),
                )
                .with_help(
                    "coachsite renders LIST, TABLE and TASK with FROM a #tag, a \"folder\" or a [[link]], a simple WHERE, SORT and LIMIT (docs/format.md, \"Written in Obsidian\"); the coach's view marks where the query was",
                ),
            }
        } else if piece.block {
            Diagnostic::note(
                file,
                format!(
                    "this `{}` block ({}) is left out of every site: coachsite shows no plugin code",
                    piece.language, piece.plugin
                ),
            )
            .with_help("the coach's view marks where it was; write what a reader should see as text beside it")
        } else {
            Diagnostic::note(
                file,
                format!(
                    "this inline `{}…` ({}) is left out of every site: coachsite shows no plugin code",
                    piece.language, piece.plugin
                ),
            )
            .with_help("the coach's view marks where it was; write the value itself if a reader should see it")
        };
        if out.len() == MOST_PER_TEXT {
            more += 1;
            continue;
        }
        out.push(locate(&mut lines, d, text, piece.offset, base));
    }
    if more > 0 {
        out.push(Diagnostic::note(
            file,
            format!("{more} more pieces of plugin code in this file are left out of every site"),
        ));
    }
    out
}

/// `d` placed at `offset` of `text`, a text that starts on line `base` of its file (0
/// when not known: the file alone is named).
fn locate(
    lines: &mut Lines,
    mut d: Diagnostic,
    text: &str,
    offset: usize,
    base: u32,
) -> Diagnostic {
    let (line, column, line_start) = lines.place(text, offset);
    if base == 0 {
        return d;
    }
    let offset = offset.min(text.len());
    let quoted = text[line_start..].lines().next().unwrap_or("");
    d.line = base + line - 1;
    d.column = column;
    d.source_line = Some(quoted.chars().take(400).collect());
    d.width = quoted
        .get(offset - line_start..)
        .and_then(|rest| rest.split_whitespace().next())
        .map_or(1, |w| w.chars().count().clamp(1, 80) as u32);
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_piece_left_out_is_a_located_note() {
        let text = "Intro\n\n```dataview\nLIST FROM #meeting SORT file.day DESC\n```\n\n```dataview\nLIST FROM #x GROUP BY status\n```\n\n```dataviewjs\ndv.list([])\n```\n\nMood: `VIEW[{mood}]` and `INPUT[slider:energy]`\n";
        let code = markdown::plugin_code(text);
        let found = left_out("sessions/a.md", text, 5, &code);
        let said: Vec<(u32, u32, &str)> = found
            .iter()
            .map(|d| (d.line, d.column, d.message.as_str()))
            .collect();
        assert_eq!(
            said,
            vec![
                (
                    11,
                    1,
                    "this Dataview query is left out of every site: coachsite does not read `GROUP BY status`"
                ),
                (
                    15,
                    1,
                    "this `dataviewjs` block (Dataview) is left out of every site: coachsite shows no plugin code"
                ),
                (
                    19,
                    7,
                    "this inline `VIEW[…` (Meta Bind) is left out of every site: coachsite shows no plugin code"
                ),
                (
                    19,
                    26,
                    "this inline `INPUT[…` (Meta Bind) is left out of every site: coachsite shows no plugin code"
                ),
            ]
        );
        assert!(
            found
                .iter()
                .all(|d| d.severity == crate::diagnostic::Severity::Note)
        );
        assert_eq!(
            found[2].source_line.as_deref(),
            Some("Mood: `VIEW[{mood}]` and `INPUT[slider:energy]`")
        );
        assert!(!says_nothing_of(text));
        assert!(says_nothing_of("```dataview\nLIST\n```\n`a == b`"));
        // In a text whose line is not known (a YAML block), the file alone.
        let found = left_out("sessions/a.md", text, 0, &code);
        assert!(found.iter().all(|d| d.line == 0), "{found:?}");
    }

    #[test]
    fn many_pieces_are_counted_past_the_first_ones() {
        let text = "`VIEW[x]` ".repeat(25);
        let code = markdown::plugin_code(&text);
        let found = left_out("a.md", &text, 1, &code);
        assert_eq!(found.len(), MOST_PER_TEXT + 1);
        assert!(found[MOST_PER_TEXT].message.starts_with("5 more pieces"));
        assert_eq!(found[1].column, 11);
    }
}
