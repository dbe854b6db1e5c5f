//! Front matter and YAML: the one splitter and the one YAML entry point, with
//! serde-saphyr's errors turned into diagnostics that say where and what to do.

use serde::de::DeserializeOwned;
use serde_saphyr::{Error as YamlError, MessageFormatter};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::limits;
use crate::model::*;

/// A Markdown file split into its YAML front matter and its body.
#[derive(Debug, PartialEq)]
pub struct FrontMatter<'a> {
    /// The YAML, *including* the opening `---` line, so that line numbers reported by
    /// the YAML parser are line numbers of the file itself.
    pub yaml: &'a str,
    /// The Markdown after the closing line, to the end of the file.
    pub body: &'a str,
    /// The file line on which the body starts.
    pub body_line: u32,
}

/// Why a front matter could not be split off.
#[derive(Debug, PartialEq)]
pub enum FrontMatterError {
    /// The file does not start with a `---` line.
    Missing,
    /// The opening `---` line has no closing `---` (or `...`) line after it.
    NotClosed,
}

/// Splits `---`-delimited YAML front matter from a Markdown file. The closing line is
/// `---` (or `...`); anything after it is the body. Only the very start of the file can
/// open a front matter, so a `---` rule later in the notes is just Markdown.
pub fn split_front_matter(text: &str) -> Result<FrontMatter<'_>, FrontMatterError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Err(FrontMatterError::Missing);
    }
    let mut offset = (first_end + 1).min(text.len());
    let mut line = 2u32;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let content = text[offset..end].trim_end();
        if content == "---" || content == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(FrontMatter {
                yaml: &text[..offset],
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset = end + 1;
        line += 1;
    }
    Err(FrontMatterError::NotClosed)
}

/// Parses YAML into `T`, turning parser errors into diagnostics for `file`. `text` is
/// the whole file, for quoting the line; `what` names the thing being read
/// ("objective front matter"), for messages.
pub fn parse_yaml<T: DeserializeOwned>(
    text: &str,
    yaml: &str,
    file: &str,
    what: &str,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(yaml).map_err(|err| yaml_diagnostic(&err, text, file, what))
}

/// The most problems reported for one YAML file or front matter.
const MAX_ERRORS_PER_FILE: usize = 20;

/// [`parse_yaml`], reporting every problem of the file and not only the first, as far as
/// the parser allows: a file whose YAML is well-formed but holds wrong keys or values is
/// read again with each top-level entry that had a problem blanked out (lines kept, so
/// positions stay exact), until it reads or nothing new is found. A syntax error stops
/// there: what follows it cannot be read.
pub fn parse_yaml_all<T: DeserializeOwned>(
    text: &str,
    yaml: &str,
    file: &str,
    what: &str,
) -> Result<T, Vec<Diagnostic>> {
    let first = match serde_saphyr::from_str::<T>(yaml) {
        Ok(value) => return Ok(value),
        Err(err) => err,
    };
    let mut found = vec![yaml_diagnostic(&first, text, file, what)];
    if serde_saphyr::from_str::<serde::de::IgnoredAny>(yaml).is_err() {
        return Err(found);
    }
    let mut masked: Vec<String> = yaml.lines().map(str::to_string).collect();
    let mut blanked: Vec<String> = Vec::new();
    while found.len() < MAX_ERRORS_PER_FILE {
        let line = found.last().map_or(0, |d| d.line as usize);
        let Some((start, end, key)) = top_level_entry(&masked, line) else {
            break;
        };
        masked[start..end].iter_mut().for_each(String::clear);
        blanked.push(key);
        let err = match serde_saphyr::from_str::<T>(&masked.join("\n")) {
            Ok(_) => break,
            Err(err) => err,
        };
        // A required key we blanked out ourselves is no news.
        if let YamlError::SerdeMissingField { field, .. } = err.without_snippet()
            && blanked.iter().any(|k| k == field)
        {
            break;
        }
        let d = yaml_diagnostic(&err, text, file, what);
        if d.line as usize <= line || found.contains(&d) {
            break;
        }
        found.push(d);
    }
    Err(found)
}

/// The lines (start, end) and key of the top-level entry of a YAML mapping that holds
/// the 1-based `line`: from its `key:` line at column 0 to the next one.
fn top_level_entry(lines: &[String], line: usize) -> Option<(usize, usize, String)> {
    let is_key = |l: &str| {
        l.starts_with(|c: char| c.is_alphanumeric() || c == '_' || c == '"' || c == '\'')
            && l.contains(':')
    };
    let index = line.checked_sub(1).filter(|i| *i < lines.len())?;
    let start = (0..=index).rev().find(|i| is_key(&lines[*i]))?;
    let end = (start + 1..lines.len())
        .find(|i| is_key(&lines[*i]) || lines[*i].trim_end() == "---")
        .unwrap_or(lines.len());
    let key = lines[start]
        .split(':')
        .next()
        .unwrap_or_default()
        .trim_matches(['"', '\''])
        .to_string();
    Some((start, end, key))
}

/// The error itself, out of the wrappers that say where an alias was used.
fn original(mut err: &YamlError) -> &YamlError {
    while let YamlError::AliasError { error, .. } | YamlError::WithSnippet { error, .. } = err {
        err = error;
    }
    err
}

pub(super) fn yaml_diagnostic(err: &YamlError, text: &str, file: &str, what: &str) -> Diagnostic {
    let inner = original(err);
    let (message, help) = match inner {
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => (
            format!("unknown key `{field}` in {what}"),
            match did_you_mean(field, expected.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the keys allowed here are: {}", expected.join(", ")),
            },
        ),
        YamlError::SerdeMissingField { field, .. } => (
            format!("missing key `{field}` in {what}"),
            format!("add `{field}:` with its value (see docs/format.md)"),
        ),
        YamlError::SerdeUnknownVariant {
            variant, expected, ..
        } => (
            format!("`{variant}` is not allowed here"),
            match did_you_mean(variant, expected.iter().copied()) {
                Some(close) => format!("did you mean `{close}`? (one of: {})", expected.join(", ")),
                None => format!("write one of: {}", expected.join(", ")),
            },
        ),
        YamlError::DuplicateMappingKey { key, .. } => (
            match key {
                Some(key) => format!("the key `{key}` appears twice"),
                None => "a key appears twice".to_string(),
            },
            "keep only one of them".to_string(),
        ),
        YamlError::Message { msg, .. } => (msg.clone(), "correct the value".to_string()),
        YamlError::Budget { breach, .. } => budget_message(breach),
        YamlError::InvalidScalar { ty, .. } => (
            format!("this value is not a valid {}", friendly_type(ty)),
            "numbers are written without quotes or units (e.g. 75), true/false for yes/no"
                .to_string(),
        ),
        YamlError::NullIntoString { .. } => (
            "this value is empty".to_string(),
            "write the text after the colon, or remove the key".to_string(),
        ),
        other => {
            let message = serde_saphyr::DefaultMessageFormatter.format_message(other);
            if message.contains("expected string") {
                return located(
                    Diagnostic::error(file, format!("expected text here in {what}")).with_help(
                        "text containing `: ` or starting with [ { * & # or a quote reads as YAML structure: put it in quotes, e.g. \"Lesson: small steps\"",
                    ),
                    err,
                    text,
                );
            }
            if message.contains("non-finite float") {
                return located(
                    Diagnostic::error(file, format!("expected a number, found one YAML calls infinite or not a number, in {what}"))
                        .with_help("write a number such as 90"),
                    err,
                    text,
                );
            }
            let help = if message.contains("mapping values are not allowed") {
                "text that contains `: ` must be put in quotes, e.g. achievable: \"Why: because…\""
            } else if message.contains("null") {
                "an empty value: write [] for an empty list, {} for an empty map, or remove the key"
            } else if message.contains("invalid type") || message.contains("expected") {
                "check the value's type: text, a number, a date (YYYY-MM-DD), a list ([a, b]) or a map"
            } else {
                "check the YAML near here: indentation, a missing `:` after a key, or an unclosed quote or bracket"
            };
            (format!("{message} in {what}"), help.to_string())
        }
    };
    let diagnostic = located(Diagnostic::error(file, message).with_help(help), err, text);
    likely_cause(diagnostic, text, what)
}

/// The mistakes coaches make most often, told by their likely cause rather than by the
/// parser's words: a tab, a key without `:`, and a line indented under a value.
fn likely_cause(mut d: Diagnostic, text: &str, what: &str) -> Diagnostic {
    let lines: Vec<&str> = text.lines().collect();
    if d.message.contains("tab") {
        // Point at the tab itself, which the parser may report a line early.
        let from = (d.line as usize).saturating_sub(1);
        if let Some((i, col)) = lines
            .iter()
            .enumerate()
            .skip(from)
            .find_map(|(i, l)| l.find('\t').map(|c| (i, c)))
        {
            let column = lines[i][..col].chars().count() as u32 + 1;
            d = Diagnostic::error(&d.file, format!("a tab character in {what}"))
                .at(text, i as u32 + 1, column)
                .with_help("YAML indents with spaces only: replace the tab with spaces");
        }
        return d;
    }
    // `date:2026-02-01`: YAML reads a key and a value without a space between them as
    // one piece of text.
    if let Some(line) = lines.get((d.line as usize).wrapping_sub(1))
        && let Some(joined) = key_without_space(line)
        && (d.message.contains("expected mapping")
            || d.message.contains("expected ':'")
            || d.message.starts_with("unknown key")
            || d.message.contains("invalid type")
            || d.message.starts_with("expected text"))
    {
        let (key, value) = joined.split_once(':').unwrap_or((joined, ""));
        d.message = format!("`{joined}` needs a space after the colon, in {what}");
        d.help = Some(format!(
            "write `{key}: {value}`: without the space, YAML reads the key and its value as one piece of text"
        ));
        return d;
    }
    if d.message.contains("expected ':'") {
        d.message = format!("a line without `:` in {what}");
        d.help = Some(
            "each line is `key: value`: add `:` after the key, e.g. `title: Kick-off`".to_string(),
        );
        return d;
    }
    // A value followed by a line indented more than its key: YAML reads that line as
    // the rest of the value ("90 techniques").
    let indent = |l: &str| l.len() - l.trim_start().len();
    if let (Some(line), Some(next)) = (
        lines.get((d.line as usize).wrapping_sub(1)),
        lines.get(d.line as usize),
    ) && line.contains(": ")
        && indent(next) > indent(line)
        && next.trim_start().split_once(':').is_some_and(|(k, _)| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        })
    {
        let key = line.trim_start().split(':').next().unwrap_or_default();
        d.help = Some(format!(
            "the next line is indented more than `{key}:`, so YAML reads it as part of this value: start it at the same column as `{key}`"
        ));
    }
    d
}

/// The first `key:value` of a line written without a space after the colon (a key of
/// letters, digits, `_` and `-`, then a value that is no url or time: `date:2026-02-01`).
fn key_without_space(line: &str) -> Option<&str> {
    let trimmed = line.trim_start().trim_start_matches(['-', '{', '[', ' ']);
    let (key, rest) = trimmed.split_once(':')?;
    let valid_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    let value_end = rest.find([',', '}', ']', ' ']).unwrap_or(rest.len());
    let value = &rest[..value_end];
    (valid_key && !value.is_empty() && !value.starts_with('/'))
        .then(|| &trimmed[..key.len() + 1 + value.len()])
}

/// Where a top-level key is written (line and column of its value), for checks on
/// values that carry no position of their own; the file's first line when not found.
pub(super) fn key_pos(text: &str, key: &str) -> Pos {
    text.lines()
        .enumerate()
        .find_map(|(i, line)| {
            let rest = line.strip_prefix(key)?.strip_prefix(':')?;
            let column = line.len() - rest.trim_start().len() + 1;
            Some(Pos {
                line: i as u32 + 1,
                column: column as u32,
            })
        })
        .unwrap_or(Pos { line: 1, column: 1 })
}

/// A YAML input budget that was breached, in words, with what to do.
pub(super) fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> (String, String) {
    use serde_saphyr::budget::BudgetBreach as B;
    let split = "split it into several files (one per session, objective, assessment or lesson); see docs/format.md, \"Limits\"";
    let message = match breach {
        B::Nodes { .. } => format!(
            "this file holds more than {} values (keys, list items, texts and numbers), the most coachsite reads in one file",
            limits::MAX_YAML_VALUES
        ),
        B::Depth { depth } => format!(
            "this YAML is nested {depth} levels deep, deeper than any engagement file needs"
        ),
        B::Aliases { .. } | B::Anchors { .. } => {
            "this file uses too many YAML anchors or aliases (`&name`, `*name`)".to_string()
        }
        B::Documents { .. } => {
            "this file holds too many YAML documents (`---` separators)".to_string()
        }
        B::ScalarBytes { .. } | B::RecordedAnchorBytes { .. } | B::RecordedAnchorEvents { .. } => {
            "this file's texts, with each YAML alias (`*name`) written out in full, are far longer than any engagement file: coachsite reads no more".to_string()
        }
        B::AliasAnchorRatio { .. } | B::MergeKeys { .. } => {
            "this file repeats its YAML anchors (`&name`, `*name`, `<<:`) far more than any engagement file does: coachsite reads no more".to_string()
        }
        _ => "this file is larger or more deeply built than any engagement file: coachsite reads no more".to_string(),
    };
    (message, split.to_string())
}

pub(super) fn located(diagnostic: Diagnostic, err: &YamlError, text: &str) -> Diagnostic {
    match err.location() {
        Some(loc) if loc.line() > 0 => diagnostic.at(text, loc.line() as u32, loc.column() as u32),
        _ => diagnostic,
    }
}

pub(super) fn friendly_type(ty: &str) -> &str {
    match ty {
        "f64" | "f32" => "number",
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" => "whole number",
        "bool" => "true/false value",
        other => other,
    }
}
