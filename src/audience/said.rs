//! What the coach is told of the text cut from the client's and the sponsor's sites: an
//! aside never closed (everything after it is cut), and each section cut because its
//! title says it is private, so that a section meant to be shared can be renamed.

use super::unclosed_marker;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::private::private_sections;
use crate::model::{Engagement, TextPart};

/// Warnings about `%%` markers that are never closed, with the line they open on.
pub fn check_coach_only_markers(e: &Engagement) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let texts = e
        .sessions
        .iter()
        .map(|s| (&s.source.path, &s.body, s.body_line))
        .chain(
            e.lessons
                .iter()
                .map(|l| (&l.source.path, &l.body, l.body_line)),
        );
    for (file, body, body_line) in texts {
        if let Some(offset) = unclosed_marker(body) {
            let line = body_line + body[..offset].matches('\n').count() as u32;
            let column = body[..offset]
                .rsplit('\n')
                .next()
                .map_or(0, |l| l.chars().count()) as u32
                + 1;
            let mut d = Diagnostic::warning(
                file.as_str(),
                "this `%%` is never closed: everything after it is coach-only",
            )
            .with_help("close the coach-only aside with another `%%`");
            d.line = line;
            d.column = column;
            d.width = 2;
            d.source_line = body
                .lines()
                .nth((line - body_line) as usize)
                .map(str::to_string);
            diags.push(d);
        }
    }
    diags
}

/// A note for each section of a Markdown text whose title says it is private: the
/// client's and the sponsor's sites leave it out, like a `%% … %%` aside.
pub fn check_private_sections(e: &Engagement) -> Diagnostics {
    let mut diags = Diagnostics::default();
    for t in e.markdown_texts() {
        // The `private:` notes of a session are the coach's already.
        if t.part == TextPart::Private {
            continue;
        }
        for section in private_sections(t.text) {
            let before = &t.text[..section.range.start];
            let mut d = Diagnostic::note(
                t.file,
                format!(
                    "the client's and the sponsor's sites leave out the section `{}`: its title says it is private",
                    section.title
                ),
            )
            .with_help("rename the section if it is meant to be shared (docs/audiences.md lists the words that keep a section private)");
            if t.line > 0 {
                let line_in_text = before.matches('\n').count() as u32;
                d.line = t.line + line_in_text;
                d.column = 1;
                d.source_line = t.text[section.range.start..]
                    .lines()
                    .next()
                    .map(str::to_string);
                d.width = d
                    .source_line
                    .as_ref()
                    .map_or(1, |l| l.chars().count().max(1) as u32);
            }
            diags.push(d);
        }
    }
    diags
}
