//! What the coach is told of the text cut from the client's and the sponsor's sites: an
//! aside never closed (everything after it is cut), a `%%` written after a number (a
//! percentage that opens an aside), and each section cut because its title says it is
//! private, so that a section meant to be shared can be renamed.

use super::Audience;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::private::{asides, private_sections_read};
use crate::model::{Engagement, TextPart};

/// The most places one text is named in of each kind; a count of the others follows.
const MOST_PER_TEXT: usize = 20;

/// Lines of a text found in order, counted once: the line of each offset asked for, in
/// increasing order, in linear time.
struct Lines<'a> {
    text: &'a str,
    at: usize,
    line: u32,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text,
            at: 0,
            line: 0,
        }
    }

    /// The 0-based line and 1-based column of `offset` (not before the last asked for),
    /// and the line itself.
    fn at(&mut self, offset: usize) -> (u32, u32, &'a str) {
        let offset = offset.max(self.at).min(self.text.len());
        self.line += self.text[self.at..offset].matches('\n').count() as u32;
        self.at = offset;
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let column = self.text[start..offset].chars().count() as u32 + 1;
        let line = self.text[start..].lines().next().unwrap_or("");
        (self.line, column, line)
    }
}

/// A diagnostic at `offset` of a text that starts at line `base` of `file` (0: its line is
/// not known, and the diagnostic names the file alone).
fn located(
    mut d: Diagnostic,
    lines: &mut Lines,
    offset: usize,
    base: u32,
    width: u32,
) -> Diagnostic {
    let (line, column, quoted) = lines.at(offset);
    if base > 0 {
        d.line = base + line;
        d.column = column;
        // A line of thousands of characters is not quoted whole.
        d.source_line = Some(quoted.chars().take(400).collect());
        d.width = width;
    }
    d
}

/// Warnings about `%%` markers: one never closed (everything after it is coach-only),
/// and one right after a digit (`100%%`), which opens or closes an aside where a
/// percentage was probably meant.
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
        )
        .chain(
            e.objectives
                .iter()
                .map(|o| (&o.source.path, &o.body, o.body_line)),
        );
    for (file, body, body_line) in texts {
        let found = asides(body);
        let mut lines = Lines::new(body);
        let after_digit = found
            .markers
            .iter()
            .filter(|m| after_digit(body, m))
            .take(MOST_PER_TEXT);
        for m in after_digit {
            let d = Diagnostic::warning(
                file.as_str(),
                "this `%%` after a number opens or closes a coach-only aside",
            )
            .with_help("for a percentage, write `100 %` (with a space); an aside is `%% … %%`");
            diags.push(located(d, &mut lines, m.start, body_line.max(1), 2));
        }
        if let Some(offset) = found.unclosed {
            let d = Diagnostic::warning(
                file.as_str(),
                "this `%%` is never closed: everything after it is coach-only",
            )
            .with_help("close the coach-only aside with another `%%`");
            let mut lines = Lines::new(body);
            diags.push(located(d, &mut lines, offset, body_line.max(1), 2));
        }
    }
    diags
}

/// Whether the `%%` `marker` of `text` follows a digit (`100%%`).
fn after_digit(text: &str, marker: &std::ops::Range<usize>) -> bool {
    marker.start > 0 && text.as_bytes()[marker.start - 1].is_ascii_digit()
}

/// Whether a note's `body` gives `audience`'s build anything to say of it
/// ([`check_coach_only_markers`]; for the client and the sponsor, also
/// [`check_private_sections`]). `serve` puts a saved body in place without a rebuild
/// only when neither the old body nor the new one does, so that what it says stays
/// what a build says.
pub fn tells_of_body(audience: Audience, body: &str) -> bool {
    let found = asides(body);
    found.unclosed.is_some()
        || found.markers.iter().any(|m| after_digit(body, m))
        || (audience != Audience::Coach && !private_sections_read(body, &found).is_empty())
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
        let sections = private_sections_read(t.text, &asides(t.text));
        let mut lines = Lines::new(t.text);
        for section in sections.iter().take(MOST_PER_TEXT) {
            let d = Diagnostic::note(
                t.file,
                format!(
                    "the client's and the sponsor's sites leave out the section `{}`: its title says it is private",
                    section.title.chars().take(200).collect::<String>()
                ),
            )
            .with_help("rename the section if it is meant to be shared (docs/audiences.md lists the words that keep a section private)");
            let width = t.text[section.range.start..]
                .lines()
                .next()
                .map_or(1, |l| l.chars().count().clamp(1, 400) as u32);
            diags.push(located(d, &mut lines, section.range.start, t.line, width));
        }
        if sections.len() > MOST_PER_TEXT {
            diags.push(Diagnostic::note(
                t.file,
                format!(
                    "{} more sections of this file are left out of the client's and the sponsor's sites: their titles say they are private",
                    sections.len() - MOST_PER_TEXT
                ),
            ));
        }
    }
    diags
}
