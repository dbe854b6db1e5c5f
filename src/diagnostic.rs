//! Errors and warnings about the coach's files, shown rustc-style: what is wrong, where
//! (file, line, column, with the source line), and what to do about it.
//!
//! Every stage collects diagnostics instead of stopping at the first one, so a coach
//! sees every problem of a build at once.

use std::fmt;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// How serious a diagnostic is. Errors fail the build; warnings do not (but fail
/// `check --strict`); notes say what coachsite did, for the coach to know.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    Error,
    Warning,
    Note,
}

/// One problem in one place.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub(crate) severity: Severity,
    /// The file, relative to the engagement folder where possible.
    pub file: String,
    /// The 1-based line; 0 when the problem is about the whole file.
    pub line: u32,
    /// The 1-based column, in characters; 0 when the problem is about the whole file.
    pub column: u32,
    /// How many characters to underline (at least one).
    pub width: u32,
    /// The source line the problem is on, when known.
    pub source_line: Option<String>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            width: 1,
            source_line: None,
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub(crate) fn note(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(file, message)
        }
    }

    /// Points at a line and column, quoting that line of `text`.
    pub fn at(mut self, text: &str, line: u32, column: u32) -> Self {
        self.line = line;
        self.column = column.max(1);
        self.source_line = line
            .checked_sub(1)
            .and_then(|index| text.lines().nth(index as usize))
            .map(|l| l.trim_end_matches('\r').to_string());
        // Underline the word that starts at the column.
        if let Some(source) = &self.source_line {
            let rest: String = source.chars().skip(self.column as usize - 1).collect();
            let word = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}' | ':'))
                .count();
            self.width = word.max(1) as u32;
        }
        self
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, or as much of it as is known.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.file.clone(),
            (line, 0) => format!("{}:{line}", self.file),
            (line, column) => format!("{}:{line}:{column}", self.file),
        }
    }

    /// Renders the diagnostic like rustc does, with or without terminal colours.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let title = level.primary_title(self.message.as_str());
        let mut report = Vec::new();
        match &self.source_line {
            Some(source) if self.line > 0 => {
                let start = source
                    .char_indices()
                    .nth(self.column.saturating_sub(1) as usize)
                    .map_or(source.len(), |(i, _)| i);
                let end = source[start..]
                    .char_indices()
                    .nth(self.width as usize)
                    .map_or(source.len(), |(i, _)| start + i);
                let snippet = Snippet::source(source.as_str())
                    .line_start(self.line as usize)
                    .path(self.file.as_str())
                    .annotation(AnnotationKind::Primary.span(start..end.max(start)));
                report.push(title.element(snippet));
            }
            _ => {
                let origin = annotate_snippets::Origin::path(self.location());
                report.push(title.element(origin));
            }
        }
        if let Some(help) = &self.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// All diagnostics of one build, in a stable order (by file, then position).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Diagnostics {
    /// The errors, warnings and notes, in the order they were found until
    /// [`Diagnostics::sort`] puts them in the order of the files.
    pub items: Vec<Diagnostic>,
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics { items: vec![d] }
    }
}

impl Diagnostics {
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub(crate) fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub(crate) fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorts by file, line, column, then message, so output never depends on the
    /// order in which files were read.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
        });
        self.items.dedup();
    }

    /// Every diagnostic rendered, separated by blank lines.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for d in &self.items {
            out.push_str(&d.render(color));
            out.push_str("\n\n");
        }
        out
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// A path shown to the user: relative to `root` when it is inside it, with `/`.
pub fn display_path(root: &Path, path: &Path) -> String {
    let shown = path.strip_prefix(root).unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_rustc() {
        let text = "title: x\ntitel: y\n";
        let d = Diagnostic::error("objectives/a.md", "unknown key `titel`")
            .at(text, 2, 1)
            .with_help("did you mean `title`?");
        let out = d.render(false);
        assert!(out.contains("error: unknown key `titel`"), "{out}");
        assert!(out.contains("objectives/a.md:2:1"), "{out}");
        assert!(out.contains("titel: y"), "{out}");
        assert!(out.contains("help: did you mean `title`?"), "{out}");
    }

    #[test]
    fn whole_file_problems_name_the_file() {
        let out = Diagnostic::error("plan.yaml", "the file is empty").render(false);
        assert!(out.contains("plan.yaml"), "{out}");
    }

    #[test]
    fn suggests_close_words_only() {
        let keys = ["title", "specific", "measure"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("mesure", keys), Some("measure"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }
}
