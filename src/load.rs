//! Files → model: reads an engagement folder strictly and cross-checks it.
//!
//! One loader per file kind, all sharing one front-matter splitter ([`split_front_matter`])
//! and one YAML entry point ([`parse_yaml`]) that turns serde-saphyr's errors into
//! [`Diagnostic`]s with the file, line and column of the problem and what to do.
//! Every problem of every file is collected before the load fails, so the coach sees
//! them all at once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_saphyr::{Error as YamlError, MessageFormatter};
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean, display_path};
use crate::limits;
use crate::model::*;

/// Every file and folder of an engagement that coachsite reads: a change to one of
/// them changes the site, and no output may be written inside them.
pub const INPUTS: &[&str] = &[
    "engagement.yaml",
    "engagement.yml",
    "plan.yaml",
    "objectives",
    "assessments",
    "sessions",
    "lessons",
    "templates",
    "static",
];

/// The result of a successful load: the engagement and any warnings.
#[derive(Debug)]
pub struct Loaded {
    pub engagement: Engagement,
    pub warnings: Diagnostics,
}

/// Loads and checks the engagement in `root`. On failure, every error found is returned.
pub fn load(root: &Path) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    let shown_root = root.to_string_lossy().to_string();
    if !root.exists() {
        diags.push(
            Diagnostic::error(shown_root, "this folder does not exist")
                .with_help("give the path of an engagement folder (the one with engagement.yaml)"),
        );
        return Err(diags);
    }
    if !root.is_dir() {
        diags.push(
            Diagnostic::error(shown_root, "this is a file, not a folder")
                .with_help("give the path of an engagement folder (the one with engagement.yaml)"),
        );
        return Err(diags);
    }

    let info = load_engagement_info(root, &mut diags);
    let files = collect_files(root, &mut diags);

    // Parse every file in parallel; each yields an item or its diagnostics.
    let parsed: Vec<(Option<Item>, Diagnostics)> = files
        .par_iter()
        .map(|(kind, path)| parse_item(root, *kind, path))
        .collect();
    // Ids of objective files that could not be read: references to them are not
    // reported again, so one typo gives one error.
    let unreadable_objectives: Vec<String> = files
        .iter()
        .zip(&parsed)
        .filter(|((kind, _), (item, _))| *kind == FileKind::Objective && item.is_none())
        .filter_map(|((_, path), _)| path.file_stem().map(|s| s.to_string_lossy().to_string()))
        .collect();

    let mut objectives = Vec::new();
    let mut assessments = Vec::new();
    let mut sessions = Vec::new();
    let mut lessons = Vec::new();
    for (item, item_diags) in parsed {
        diags.extend(item_diags);
        match item {
            Some(Item::Objective(o)) => objectives.push(*o),
            Some(Item::Assessment(a)) => assessments.push(*a),
            Some(Item::Session(s)) => sessions.push(*s),
            Some(Item::Lesson(l)) => lessons.push(*l),
            None => {}
        }
    }
    let errors_before_plan = diags.error_count();
    let plan = load_plan(root, &mut diags);
    let plan_readable = diags.error_count() == errors_before_plan;

    let Some((info, info_text)) = info else {
        diags.sort();
        return Err(diags);
    };

    let mut engagement = Engagement {
        root: root.to_path_buf(),
        info,
        objectives,
        assessments,
        plan,
        sessions,
        lessons,
    };
    resolve_visibility(&mut engagement);
    let unreadable = Unreadable {
        objectives: unreadable_objectives,
        plan: !plan_readable,
    };
    check_engagement(&engagement, &info_text, &unreadable, &mut diags);

    engagement.objectives.sort_by(|a, b| a.id.cmp(&b.id));
    engagement
        .assessments
        .sort_by(|a, b| (a.front.date, &a.id).cmp(&(b.front.date, &b.id)));
    engagement
        .sessions
        .sort_by(|a, b| (a.front.date, &a.id).cmp(&(b.front.date, &b.id)));
    engagement
        .lessons
        .sort_by(|a, b| (b.front.date, &a.id).cmp(&(a.front.date, &b.id)));
    for o in &mut engagement.objectives {
        o.front.measurements.sort_by_key(|m| m.date);
        o.front.milestones.sort_by_key(|m| m.date);
    }

    diags.sort();
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(Loaded {
            engagement,
            warnings: diags,
        })
    }
}

/// The kinds of file found in the engagement's sub-folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Objective,
    Assessment,
    Session,
    Lesson,
}

impl FileKind {
    const ALL: [FileKind; 4] = [
        FileKind::Objective,
        FileKind::Assessment,
        FileKind::Session,
        FileKind::Lesson,
    ];

    fn folder(self) -> &'static str {
        match self {
            FileKind::Objective => "objectives",
            FileKind::Assessment => "assessments",
            FileKind::Session => "sessions",
            FileKind::Lesson => "lessons",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            FileKind::Objective => "objective",
            FileKind::Assessment => "assessment",
            FileKind::Session => "session note",
            FileKind::Lesson => "lesson",
        }
    }

    fn accepts(self, extension: &str) -> bool {
        match self {
            FileKind::Assessment => extension == "yaml" || extension == "yml",
            _ => extension == "md",
        }
    }

    fn expected_extension(self) -> &'static str {
        match self {
            FileKind::Assessment => ".yaml",
            _ => ".md",
        }
    }
}

enum Item {
    Objective(Box<Objective>),
    Assessment(Box<Assessment>),
    Session(Box<Session>),
    Lesson(Box<Lesson>),
}

/// Editor droppings that are never content: swap files, backups, lock files, vim's probe.
pub fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name == "4913"
}

fn collect_files(root: &Path, diags: &mut Diagnostics) -> Vec<(FileKind, PathBuf)> {
    let mut files = Vec::new();
    for kind in FileKind::ALL {
        let dir = root.join(kind.folder());
        if !dir.exists() {
            continue;
        }
        let (paths, errors) = walk_files(root, &dir);
        diags.items.extend(errors);
        for path in paths {
            let path = path.as_path();
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if kind.accepts(extension) {
                files.push((kind, path.to_path_buf()));
            } else {
                diags.push(
                    Diagnostic::warning(
                        display_path(root, path),
                        format!(
                            "this file is ignored: it is not a {} file",
                            kind.expected_extension()
                        ),
                    )
                    .with_help(format!(
                        "{} files in {}/ end in {}; rename it if it is one",
                        kind.noun(),
                        kind.folder(),
                        kind.expected_extension()
                    )),
                );
            }
        }
    }
    files
}

/// Every regular file below `dir`, sorted by name, links followed, editor droppings
/// skipped; with a located error for each part that cannot be read (a symbolic link
/// loop, a folder without permission).
pub fn walk_files(root: &Path, dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_editor_temp(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => files.push(entry.into_path()),
            Ok(_) => {}
            Err(err) => errors.push(walk_error(root, &err)),
        }
    }
    (files, errors)
}

fn walk_error(root: &Path, err: &walkdir::Error) -> Diagnostic {
    let path = err
        .path()
        .map(|p| display_path(root, p))
        .unwrap_or_default();
    if let Some(ancestor) = err.loop_ancestor() {
        return Diagnostic::error(
            path,
            format!(
                "symbolic link loop: this link points back to {}",
                display_path(root, ancestor)
            ),
        )
        .with_help("remove the link or point it somewhere outside this folder");
    }
    Diagnostic::error(path, format!("cannot read this folder: {err}"))
        .with_help("check that the folder exists and that you may read it")
}

/// Reads a file as UTF-8 text, with a clear error for files in another encoding.
pub fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let shown = display_path(root, path);
    let bytes = read_bounded(path).map_err(|err| match err {
        ReadError::TooLarge(size) => too_large(&shown, size),
        ReadError::Io(err) => Diagnostic::error(&shown, format!("cannot read this file: {err}"))
            .with_help("check that the file exists and that you may read it"),
    })?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let valid = String::from_utf8_lossy(valid);
            let line = valid.matches('\n').count() as u32 + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
            let lossy = String::from_utf8_lossy(err.as_bytes()).to_string();
            let mut d = Diagnostic::error(&shown, "this file is not UTF-8 text")
                .at(&lossy, line, column)
                .with_help("save it as UTF-8 (most editors offer \"Save with encoding\")");
            d.width = 1;
            Err(d)
        }
    }
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Larger than [`limits::MAX_FILE_BYTES`]; the size seen.
    TooLarge(u64),
    Io(std::io::Error),
}

/// Reads a whole file, refusing one larger than [`limits::MAX_FILE_BYTES`] before
/// reading it (and while reading, should it grow meanwhile).
pub fn read_bounded(path: &Path) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > limits::MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limits::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The error for a file over the size limit.
pub fn too_large(shown: &str, size: u64) -> Diagnostic {
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);
    Diagnostic::error(
        shown,
        format!(
            "this file is {:.1} MiB: coachsite reads files of up to {:.0} MiB",
            mib(size),
            mib(limits::MAX_FILE_BYTES)
        ),
    )
    .with_help("split it (one file per session, objective, assessment or lesson), or move it out of the engagement folder")
}

/// A Markdown file split into its YAML front matter and its body.
#[derive(Debug, PartialEq)]
pub struct FrontMatter<'a> {
    /// The YAML, *including* the opening `---` line, so that line numbers reported by
    /// the YAML parser are line numbers of the file itself.
    pub yaml: &'a str,
    pub body: &'a str,
    /// The file line on which the body starts.
    pub body_line: u32,
}

/// Why a front matter could not be split off.
#[derive(Debug, PartialEq)]
pub enum FrontMatterError {
    Missing,
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

fn yaml_diagnostic(err: &YamlError, text: &str, file: &str, what: &str) -> Diagnostic {
    let inner = err.without_snippet();
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
    located(Diagnostic::error(file, message).with_help(help), err, text)
}

/// Where a top-level key is written (line and column of its value), for checks on
/// values that carry no position of their own; the file's first line when not found.
fn key_pos(text: &str, key: &str) -> Pos {
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
fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> (String, String) {
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
        other => format!("this file is too large or too complex to read ({other:?})"),
    };
    (message, split.to_string())
}

fn located(diagnostic: Diagnostic, err: &YamlError, text: &str) -> Diagnostic {
    match err.location() {
        Some(loc) if loc.line() > 0 => diagnostic.at(text, loc.line() as u32, loc.column() as u32),
        _ => diagnostic,
    }
}

fn friendly_type(ty: &str) -> &str {
    match ty {
        "f64" | "f32" => "number",
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" => "whole number",
        "bool" => "true/false value",
        other => other,
    }
}

/// Checks an id: lower-case letters, digits and `-` only.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A valid id close to `text`, for suggestions ("Sprint Goals" → "sprint-goals").
pub fn suggest_id(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

const ID_HELP: &str = "ids use lower-case letters, digits and - only";

fn load_engagement_info(root: &Path, diags: &mut Diagnostics) -> Option<(EngagementInfo, String)> {
    let path = root.join("engagement.yaml");
    if !path.is_file() {
        let help = if root.join("engagement.yml").is_file() {
            "rename engagement.yml to engagement.yaml".to_string()
        } else {
            "is this an engagement folder? It needs an engagement.yaml (see docs/format.md)"
                .to_string()
        };
        diags.push(
            Diagnostic::error("engagement.yaml", "no engagement.yaml in this folder")
                .with_help(help),
        );
        return None;
    }
    let text = match read_text(root, &path) {
        Ok(text) => text,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error("engagement.yaml", "engagement.yaml is empty").with_help(
                "it needs at least title, client, kind, coach, start, scale and competencies",
            ),
        );
        return None;
    }
    match parse_yaml::<EngagementInfo>(&text, &text, "engagement.yaml", "engagement.yaml") {
        Ok(info) => Some((info, text)),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

fn load_plan(root: &Path, diags: &mut Diagnostics) -> Plan {
    let path = root.join("plan.yaml");
    let source = Source {
        path: "plan.yaml".to_string(),
    };
    if !path.is_file() {
        return Plan {
            source,
            ..Plan::default()
        };
    }
    let text = match read_text(root, &path) {
        Ok(text) => text,
        Err(d) => {
            diags.push(d);
            return Plan::default();
        }
    };
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error("plan.yaml", "plan.yaml is empty")
                .with_help("write `actions: []`, or delete the file until there is a plan"),
        );
        return Plan::default();
    }
    match parse_yaml::<PlanFile>(&text, &text, "plan.yaml", "plan.yaml") {
        Ok(file) => Plan {
            source,
            actions: file.actions,
            revisions: file.revisions,
        },
        Err(d) => {
            diags.push(d);
            Plan::default()
        }
    }
}

fn parse_item(root: &Path, kind: FileKind, path: &Path) -> (Option<Item>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let shown = display_path(root, path);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let text = match read_text(root, path) {
        Ok(text) => text,
        Err(d) => {
            diags.push(d);
            return (None, diags);
        }
    };
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    parse_item_text(kind, stem, &extension, shown, &text)
}

/// Parses one file's text as the loader does (no cross-file checks), for fuzzing and
/// tests: `path` is relative to the engagement folder, such as `engagement.yaml`,
/// `plan.yaml` or `sessions/2026-02-05-kick-off.md`. Returns every problem found.
pub fn parse_file_text(path: &str, text: &str) -> Diagnostics {
    let mut diags = Diagnostics::default();
    match path {
        "engagement.yaml" => {
            if let Err(d) = parse_yaml::<EngagementInfo>(text, text, path, path) {
                diags.push(d);
            }
        }
        "plan.yaml" => {
            if let Err(d) = parse_yaml::<PlanFile>(text, text, path, path) {
                diags.push(d);
            }
        }
        _ => {
            let p = Path::new(path);
            let folder = p.parent().and_then(|f| f.to_str()).unwrap_or_default();
            let Some(kind) = FileKind::ALL.into_iter().find(|k| k.folder() == folder) else {
                return diags;
            };
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            let extension = p
                .extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
                .unwrap_or_default();
            diags = parse_item_text(kind, stem, &extension, path.to_string(), text).1;
        }
    }
    diags
}

fn parse_item_text(
    kind: FileKind,
    stem: String,
    extension: &str,
    shown: String,
    text: &str,
) -> (Option<Item>, Diagnostics) {
    let mut diags = Diagnostics::default();
    if !is_valid_id(&stem) {
        let mut d =
            Diagnostic::error(&shown, format!("`{stem}` is not a valid id")).with_help(format!(
                "{ID_HELP}: rename the file to {}/{}{}",
                kind.folder(),
                suggest_id(&stem),
                extension
            ));
        d.line = 0;
        diags.push(d);
    }
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error(&shown, format!("this {} is empty", kind.noun())).with_help(
                match kind {
                    FileKind::Assessment => "write at least `date:` and `title:`, or delete the file",
                    _ => "start the file with front matter between --- lines (at least `title:`), or delete it",
                },
            ),
        );
        return (None, diags);
    }
    let source = Source {
        path: shown.clone(),
    };
    let item = match kind {
        FileKind::Assessment => {
            parse_yaml::<AssessmentFront>(text, text, &shown, "this assessment").map(|front| {
                Item::Assessment(Box::new(Assessment {
                    id: stem,
                    source,
                    visibility: Visibility::Client,
                    front,
                }))
            })
        }
        _ => {
            let fm = match split_front_matter(text) {
                Ok(fm) => fm,
                Err(FrontMatterError::Missing) => {
                    diags.push(
                        Diagnostic::error(&shown, format!("this {} has no front matter", kind.noun()))
                            .at(text, 1, 1)
                            .with_help("start the file with a line `---`, the YAML keys (at least `title:`), and another `---` line"),
                    );
                    return (None, diags);
                }
                Err(FrontMatterError::NotClosed) => {
                    diags.push(
                        Diagnostic::error(&shown, "the front matter opened here is never closed")
                            .at(text, 1, 1)
                            .with_help(
                                "add a line `---` after the last YAML key, before the notes",
                            ),
                    );
                    return (None, diags);
                }
            };
            if fm.yaml.lines().skip(1).all(|l| {
                let l = l.trim();
                l.is_empty() || l.starts_with('#')
            }) {
                diags.push(
                    Diagnostic::error(&shown, "the front matter is empty")
                        .at(text, 1, 1)
                        .with_help("write at least `title:` between the --- lines"),
                );
                return (None, diags);
            }
            let what = format!("{} front matter", kind.noun());
            let body = Markdown::from(fm.body);
            let body_line = fm.body_line;
            match kind {
                FileKind::Objective => parse_yaml::<ObjectiveFront>(text, fm.yaml, &shown, &what)
                    .map(|front| {
                        Item::Objective(Box::new(Objective {
                            id: stem,
                            source,
                            visibility: Visibility::Client,
                            front,
                            body,
                        }))
                    }),
                FileKind::Session => {
                    parse_yaml::<SessionFront>(text, fm.yaml, &shown, &what).map(|front| {
                        Item::Session(Box::new(Session {
                            id: stem,
                            source,
                            visibility: Visibility::Client,
                            front,
                            body,
                            body_line,
                        }))
                    })
                }
                _ => parse_yaml::<LessonFront>(text, fm.yaml, &shown, &what).map(|front| {
                    Item::Lesson(Box::new(Lesson {
                        id: stem,
                        source,
                        visibility: Visibility::Coach,
                        front,
                        body,
                        body_line,
                    }))
                }),
            }
        }
    };
    match item {
        Ok(item) => {
            check_item_values(&item, text, &shown, &mut diags);
            (Some(item), diags)
        }
        Err(d) => {
            diags.push(d);
            (None, diags)
        }
    }
}

/// Checks that need only the file itself: finite numbers, GAS levels, measure shape.
fn check_item_values(item: &Item, text: &str, file: &str, diags: &mut Diagnostics) {
    match item {
        Item::Objective(o) => check_objective_values(&o.front, text, file, diags),
        Item::Session(s) => check_session_values(&s.front, text, file, diags),
        Item::Assessment(_) | Item::Lesson(_) => {}
    }
}

/// A measured value: finite and within [`limits::MAX_VALUE`].
fn check_value(value: &At<f64>, text: &str, file: &str, diags: &mut Diagnostics) {
    if !value.value.is_finite() {
        diags.push(
            Diagnostic::error(file, "this number is not finite")
                .at(text, value.pos.line, value.pos.column)
                .with_help("write an ordinary number such as 12 or 3.5"),
        );
    } else if value.value.abs() > limits::MAX_VALUE {
        diags.push(
            Diagnostic::error(
                file,
                format!(
                    "this number is out of range: values lie between -{0:e} and {0:e}",
                    limits::MAX_VALUE
                ),
            )
            .at(text, value.pos.line, value.pos.column)
            .with_help(
                "measure in a unit that keeps the numbers ordinary, e.g. thousands or millions",
            ),
        );
    }
}

fn check_objective_values(f: &ObjectiveFront, text: &str, file: &str, diags: &mut Diagnostics) {
    for m in &f.measurements {
        check_value(&m.value, text, file, diags);
    }
    for m in &f.milestones {
        check_value(&m.target, text, file, diags);
    }
    if let Some(measure) = &f.measure {
        for v in measure.baseline.iter().chain(measure.target.iter()) {
            check_value(v, text, file, diags);
        }
        if let (Some(b), Some(t)) = (&measure.baseline, &measure.target)
            && b.value == t.value
        {
            diags.push(
                Diagnostic::error(file, "the target equals the baseline")
                    .at(text, t.pos.line, t.pos.column)
                    .with_help("set the target to the value the client wants to reach"),
            );
        }
    }
    if let (Some(start), Some(due)) = (f.start, f.due)
        && due < start
    {
        let pos = key_pos(text, "due");
        diags.push(
            Diagnostic::error(
                file,
                format!("the objective is due ({due}) before it starts ({start})"),
            )
            .at(text, pos.line, pos.column)
            .with_help("check `start` and `due`"),
        );
    }
    if let Some(weight) = &f.weight
        && !(weight.value.is_finite() && weight.value > 0.0 && weight.value <= limits::MAX_WEIGHT)
    {
        diags.push(
            Diagnostic::error(
                file,
                format!(
                    "`weight` must be a positive number up to {}",
                    limits::MAX_WEIGHT
                ),
            )
            .at(text, weight.pos.line, weight.pos.column)
            .with_help("weights default to 1; use e.g. 2 for an objective that counts double"),
        );
    }
    if let Some(gas) = &f.gas {
        check_gas(f, gas, text, file, diags);
    }
}

/// Goal attainment scaling: the five levels, whole-level measurements, no `measure`.
fn check_gas(
    f: &ObjectiveFront,
    gas: &At<BTreeMap<i64, String>>,
    text: &str,
    file: &str,
    diags: &mut Diagnostics,
) {
    if f.measure.is_some() {
        diags.push(
            Diagnostic::error(file, "an objective has either `measure` or `gas`, not both")
                .at(text, gas.pos.line, gas.pos.column)
                .with_help("use `measure` for a metric with baseline and target, `gas` for goal attainment levels"),
        );
    }
    let missing: Vec<String> = (-2..=2)
        .filter(|level| !gas.value.contains_key(level))
        .map(|l| l.to_string())
        .collect();
    let extra: Vec<String> = gas
        .value
        .keys()
        .filter(|l| !(-2..=2).contains(*l))
        .map(|l| l.to_string())
        .collect();
    if !missing.is_empty() || !extra.is_empty() {
        let mut message =
            String::from("goal attainment scaling needs the levels -2, -1, 0, 1 and 2");
        if !missing.is_empty() {
            message.push_str(&format!("; missing: {}", missing.join(", ")));
        }
        if !extra.is_empty() {
            message.push_str(&format!("; not a level: {}", extra.join(", ")));
        }
        diags.push(
            Diagnostic::error(file, message)
                .at(text, gas.pos.line, gas.pos.column)
                .with_help("describe the outcome at each level: -2 much less than expected … 0 expected … 2 much more"),
        );
    }
    for m in &f.measurements {
        let v = m.value.value;
        if v.fract() != 0.0 || !(-2.0..=2.0).contains(&v) {
            diags.push(
                Diagnostic::error(file, format!("`{v}` is not a goal attainment level"))
                    .at(text, m.value.pos.line, m.value.pos.column)
                    .with_help("measurements of a `gas` objective are levels: -2, -1, 0, 1 or 2"),
            );
        }
    }
}

fn check_session_values(f: &SessionFront, text: &str, file: &str, diags: &mut Diagnostics) {
    if let Some(duration) = &f.duration
        && duration.value > limits::MAX_DURATION_MINUTES
    {
        diags.push(
            Diagnostic::error(
                file,
                format!(
                    "a session of {} minutes is longer than a day",
                    duration.value
                ),
            )
            .at(text, duration.pos.line, duration.pos.column)
            .with_help(format!(
                "`duration` is in minutes, at most {}: e.g. 90 for an hour and a half",
                limits::MAX_DURATION_MINUTES
            )),
        );
    }
    for (name, value) in &f.ratings {
        if !value.value.is_finite() || !(0.0..=10.0).contains(&value.value) {
            diags.push(
                Diagnostic::error(
                    file,
                    format!("the rating `{name}` must be between 0 and 10"),
                )
                .at(text, value.pos.line, value.pos.column)
                .with_help("scaling questions are answered from 0 to 10"),
            );
        }
    }
}

fn resolve_visibility(e: &mut Engagement) {
    let defaults = e.info.visibility.clone();
    for o in &mut e.objectives {
        o.visibility = o.front.visibility.unwrap_or(defaults.objectives);
    }
    for a in &mut e.assessments {
        a.visibility = a.front.visibility.unwrap_or(defaults.assessments);
    }
    for s in &mut e.sessions {
        s.visibility = s.front.visibility.unwrap_or(defaults.sessions);
    }
    for l in &mut e.lessons {
        l.visibility = l.front.visibility.unwrap_or(defaults.lessons);
    }
    for a in &mut e.plan.actions {
        a.resolved_visibility = a.visibility.unwrap_or(defaults.plan);
    }
    for r in &mut e.plan.revisions {
        r.resolved_visibility = r.visibility.unwrap_or(defaults.plan);
    }
}

/// Reads a file again to quote its lines in cross-file diagnostics (only on the error
/// path, so the happy path keeps no copies of the text).
struct Quoter<'a> {
    root: &'a Path,
    cache: BTreeMap<String, String>,
}

impl Quoter<'_> {
    fn at(&mut self, d: Diagnostic, pos: Pos) -> Diagnostic {
        let text = self.text(&d.file.clone());
        d.at(&text, pos.line, pos.column)
    }

    /// The text of `file` (read once).
    fn text(&mut self, file: &str) -> String {
        let root = self.root;
        self.cache
            .entry(file.to_string())
            .or_insert_with(|| read_text(root, &root.join(file)).unwrap_or_default())
            .clone()
    }
}

/// What could not be read, so that references to it are not reported as missing.
struct Unreadable {
    objectives: Vec<String>,
    plan: bool,
}

/// Cross-file checks: ids, duplicates, references, levels on the scale.
fn check_engagement(
    e: &Engagement,
    info_text: &str,
    unreadable: &Unreadable,
    diags: &mut Diagnostics,
) {
    let mut q = Quoter {
        root: &e.root,
        cache: BTreeMap::new(),
    };
    q.cache
        .insert("engagement.yaml".into(), info_text.to_string());
    let info = &e.info;
    let eng = "engagement.yaml";

    // The scale.
    let scale = &info.scale;
    let (min, max) = (scale.min.value, scale.max.value);
    let bound = limits::MAX_SCALE_BOUND;
    if let Some(far) = [&scale.min, &scale.max]
        .into_iter()
        .find(|v| !(-bound..=bound).contains(&v.value))
    {
        diags.push(
            q.at(
                Diagnostic::error(
                    eng,
                    format!("the scale's levels lie between -{bound} and {bound}"),
                )
                .with_help("competency scales are short, e.g. min: 1 and max: 5"),
                far.pos,
            ),
        );
    } else if max > min && max - min + 1 > limits::MAX_SCALE_LEVELS {
        diags.push(
            q.at(
                Diagnostic::error(
                    eng,
                    format!(
                        "a scale of {} levels is too long: at most {}",
                        max - min + 1,
                        limits::MAX_SCALE_LEVELS
                    ),
                )
                .with_help("competency scales are short, e.g. min: 1 and max: 5"),
                scale.max.pos,
            ),
        );
    } else if min >= max {
        diags.push(
            q.at(
                Diagnostic::error(
                    eng,
                    format!("the scale's min ({min}) must be below its max ({max})"),
                )
                .with_help("e.g. min: 1 and max: 5"),
                scale.max.pos,
            ),
        );
    } else if let Some(labels) = &scale.labels
        && !labels.value.is_empty()
        && labels.value.len() as i64 != max - min + 1
    {
        diags.push(
            q.at(
                Diagnostic::error(
                    eng,
                    format!(
                        "the scale has {} levels ({min}…{max}) but {} labels",
                        max - min + 1,
                        labels.value.len()
                    ),
                )
                .with_help("give one label per level, from min to max, or no labels"),
                labels.pos,
            ),
        );
    }
    if let Some(end) = &info.end
        && end.value < info.start
    {
        diags.push(
            q.at(
                Diagnostic::error(
                    eng,
                    format!(
                        "the engagement ends ({}) before it starts ({})",
                        end.value, info.start
                    ),
                )
                .with_help("check `start` and `end`"),
                end.pos,
            ),
        );
    }
    check_zpd(&mut q, &info.zpd, diags);

    // Competencies and members: valid, unique ids.
    let mut seen = BTreeSet::new();
    for c in &info.competencies {
        check_id(&mut q, diags, eng, &c.id, "competency");
        if !seen.insert(c.id.value.as_str()) {
            diags.push(
                q.at(
                    Diagnostic::error(
                        eng,
                        format!("the competency `{}` is listed twice", c.id.value),
                    )
                    .with_help("give each competency its own id"),
                    c.id.pos,
                ),
            );
        }
        check_level(&mut q, diags, eng, scale, &c.target, "target level");
    }
    let competency_ids: Vec<&str> = info
        .competencies
        .iter()
        .map(|c| c.id.value.as_str())
        .collect();
    let mut seen = BTreeSet::new();
    for m in &info.members {
        check_id(&mut q, diags, eng, &m.id, "member");
        if !seen.insert(m.id.value.as_str()) {
            diags.push(
                q.at(
                    Diagnostic::error(eng, format!("the member `{}` is listed twice", m.id.value))
                        .with_help("give each member their own id"),
                    m.id.pos,
                ),
            );
        }
    }
    let member_ids: Vec<&str> = info.members.iter().map(|m| m.id.value.as_str()).collect();

    // Duplicate ids across files of one kind (possible with sub-folders).
    duplicate_files(
        diags,
        "objective",
        e.objectives.iter().map(|o| (&o.id, &o.source)),
    );
    duplicate_files(
        diags,
        "assessment",
        e.assessments.iter().map(|a| (&a.id, &a.source)),
    );
    duplicate_files(
        diags,
        "session",
        e.sessions.iter().map(|s| (&s.id, &s.source)),
    );
    duplicate_files(
        diags,
        "lesson",
        e.lessons.iter().map(|l| (&l.id, &l.source)),
    );

    let objective_ids: Vec<&str> = e
        .objectives
        .iter()
        .map(|o| o.id.as_str())
        .chain(unreadable.objectives.iter().map(String::as_str))
        .collect();
    let action_ids: Vec<&str> = e.plan.actions.iter().map(|a| a.id.value.as_str()).collect();

    check_objective_dates(&mut q, e, diags);
    for o in &e.objectives {
        for c in &o.front.competencies {
            check_ref(
                &mut q,
                diags,
                &o.source.path,
                c,
                &competency_ids,
                "competency",
                "engagement.yaml under `competencies`",
            );
        }
    }

    for a in &e.assessments {
        let file = a.source.path.as_str();
        let mut ratings = |ratings: &BTreeMap<At<String>, At<i64>>, q: &mut Quoter| {
            for (competency, level) in ratings {
                check_ref(
                    q,
                    diags,
                    file,
                    competency,
                    &competency_ids,
                    "competency",
                    "engagement.yaml under `competencies`",
                );
                check_level(q, diags, file, scale, level, "level");
            }
        };
        ratings(&a.front.ratings, &mut q);
        for member_ratings in a.front.members.values() {
            ratings(member_ratings, &mut q);
        }
        for member in a.front.members.keys() {
            check_ref(
                &mut q,
                diags,
                file,
                member,
                &member_ids,
                "member",
                "engagement.yaml under `members`",
            );
        }
    }

    let plan = "plan.yaml";
    let mut seen = BTreeSet::new();
    for action in &e.plan.actions {
        check_id(&mut q, diags, plan, &action.id, "action");
        if !seen.insert(action.id.value.as_str()) {
            diags.push(
                q.at(
                    Diagnostic::error(
                        plan,
                        format!("two actions have the id `{}`", action.id.value),
                    )
                    .with_help("give each action its own id"),
                    action.id.pos,
                ),
            );
        }
        if let Some(objective) = &action.objective {
            check_ref(
                &mut q,
                diags,
                plan,
                objective,
                &objective_ids,
                "objective",
                "objectives/",
            );
        }
        check_action_dates(&mut q, action, diags);
        match (action.status, &action.done) {
            (ActionStatus::Done, None) => diags.push(q.at(
                Diagnostic::error(plan, format!("the action `{}` is done but has no `done:` date", action.id.value))
                    .with_help("add `done: YYYY-MM-DD`, the day it was done (commitment is computed from it)"),
                action.id.pos,
            )),
            (status, Some(done)) if status != ActionStatus::Done => diags.push(q.at(
                Diagnostic::error(plan, format!("the action `{}` has a `done:` date but its status is not `done`", action.id.value))
                    .with_help("set `status: done`, or remove the `done:` date"),
                done.pos,
            )),
            _ => {}
        }
    }

    for s in &e.sessions {
        let file = s.source.path.as_str();
        for o in &s.front.objectives {
            check_ref(
                &mut q,
                diags,
                file,
                o,
                &objective_ids,
                "objective",
                "objectives/",
            );
        }
        for a in s.front.actions.iter().filter(|_| !unreadable.plan) {
            check_ref(&mut q, diags, file, a, &action_ids, "action", "plan.yaml");
        }
    }
    for l in &e.lessons {
        for o in &l.front.objectives {
            check_ref(
                &mut q,
                diags,
                &l.source.path,
                o,
                &objective_ids,
                "objective",
                "objectives/",
            );
        }
    }
}

/// No objective is due before the engagement starts.
fn check_objective_dates(q: &mut Quoter, e: &Engagement, diags: &mut Diagnostics) {
    let start = e.info.start;
    for o in &e.objectives {
        if let Some(due) = o.front.due
            && due < start
        {
            let pos = key_pos(&q.text(&o.source.path), "due");
            diags.push(
                q.at(
                    Diagnostic::error(
                        &o.source.path,
                        format!(
                            "the objective is due ({due}) before the engagement starts ({start})"
                        ),
                    )
                    .with_help("check `due`, and `start` in engagement.yaml"),
                    pos,
                ),
            );
        }
    }
}

/// The ZPD calibration within its documented ranges ([`limits`]).
fn check_zpd(q: &mut Quoter, zpd: &Zpd, diags: &mut Diagnostics) {
    let eng = "engagement.yaml";
    let (lo, hi) = limits::STALLED_AFTER_DAYS;
    let days = &zpd.stalled_after_days;
    if !(lo..=hi).contains(&days.value) {
        diags.push(
            q.at(
                Diagnostic::error(
                    eng,
                    format!("`zpd.stalled_after_days` must be between {lo} and {hi}"),
                )
                .with_help("leave it out to use the default of 30 days"),
                days.pos,
            ),
        );
    }
    for (name, value, (lo, hi)) in [
        (
            "zpd.max_levels_per_month",
            &zpd.max_levels_per_month,
            limits::LEVELS_PER_MONTH,
        ),
        (
            "zpd.max_pace_ratio",
            &zpd.max_pace_ratio,
            limits::PACE_RATIO,
        ),
    ] {
        if !(value.value.is_finite() && (lo..=hi).contains(&value.value)) {
            diags.push(
                q.at(
                    Diagnostic::error(eng, format!("`{name}` must be between {lo} and {hi}"))
                        .with_help("leave it out to use the default"),
                    value.pos,
                ),
            );
        }
    }
}

/// An action is not done, nor due, before it was agreed.
fn check_action_dates(q: &mut Quoter, action: &Action, diags: &mut Diagnostics) {
    let Some(agreed) = action.agreed else {
        return;
    };
    let id = &action.id.value;
    if let Some(done) = &action.done
        && done.value < agreed
    {
        diags.push(
            q.at(
                Diagnostic::error(
                    "plan.yaml",
                    format!(
                        "the action `{id}` is done ({}) before it was agreed ({agreed})",
                        done.value
                    ),
                )
                .with_help("check `agreed` and `done`"),
                done.pos,
            ),
        );
    }
    if let Some(due) = action.due
        && due < agreed
    {
        diags.push(
            q.at(
                Diagnostic::error(
                    "plan.yaml",
                    format!("the action `{id}` is due ({due}) before it was agreed ({agreed})"),
                )
                .with_help("check `agreed` and `due`"),
                action.id.pos,
            ),
        );
    }
}

fn check_id(q: &mut Quoter, diags: &mut Diagnostics, file: &str, id: &At<String>, what: &str) {
    if !is_valid_id(&id.value) {
        diags.push(
            q.at(
                Diagnostic::error(file, format!("`{}` is not a valid {what} id", id.value))
                    .with_help(format!("{ID_HELP}, e.g. `{}`", suggest_id(&id.value))),
                id.pos,
            ),
        );
    }
}

fn check_level(
    q: &mut Quoter,
    diags: &mut Diagnostics,
    file: &str,
    scale: &Scale,
    level: &At<i64>,
    what: &str,
) {
    let (min, max) = (scale.min.value, scale.max.value);
    if min < max && !scale.levels().contains(&level.value) {
        diags.push(
            q.at(
                Diagnostic::error(
                    file,
                    format!(
                        "the {what} {} is off the scale ({}…{})",
                        level.value, min, max
                    ),
                )
                .with_help("use a level of the scale defined in engagement.yaml"),
                level.pos,
            ),
        );
    }
}

fn check_ref(
    q: &mut Quoter,
    diags: &mut Diagnostics,
    file: &str,
    reference: &At<String>,
    known: &[&str],
    what: &str,
    defined_in: &str,
) {
    if known.contains(&reference.value.as_str()) {
        return;
    }
    let help = match did_you_mean(&reference.value, known.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None if known.is_empty() => format!("no {what} is defined yet: add it in {defined_in}"),
        None => format!(
            "known {what} ids: {} (defined in {defined_in})",
            known.join(", ")
        ),
    };
    diags.push(
        q.at(
            Diagnostic::error(file, format!("there is no {what} `{}`", reference.value))
                .with_help(help),
            reference.pos,
        ),
    );
}

fn duplicate_files<'a>(
    diags: &mut Diagnostics,
    what: &str,
    items: impl Iterator<Item = (&'a String, &'a Source)>,
) {
    let mut by_id: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, source) in items {
        by_id.entry(id).or_default().push(&source.path);
    }
    for (id, mut files) in by_id {
        if files.len() > 1 {
            files.sort();
            diags.push(
                Diagnostic::error(
                    files[1],
                    format!(
                        "two {what} files have the id `{id}`: {}",
                        files.join(" and ")
                    ),
                )
                .with_help("ids come from file names: rename one of the files"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let text = "---\ntitle: x\n---\nBody\n";
        let fm = split_front_matter(text).unwrap();
        assert_eq!(fm.yaml, "---\ntitle: x\n");
        assert_eq!(fm.body, "Body\n");
        assert_eq!(fm.body_line, 4);
    }

    #[test]
    fn a_later_rule_is_markdown_not_front_matter() {
        let text = "---\ntitle: x\n---\nA\n\n---\n\nB\n";
        assert_eq!(split_front_matter(text).unwrap().body, "A\n\n---\n\nB\n");
    }

    #[test]
    fn front_matter_must_open_on_the_first_line_and_close() {
        assert_eq!(
            split_front_matter("title: x\n"),
            Err(FrontMatterError::Missing)
        );
        assert_eq!(
            split_front_matter("---\ntitle: x\n"),
            Err(FrontMatterError::NotClosed)
        );
        assert_eq!(
            split_front_matter("---\r\ntitle: x\r\n---\r\nB")
                .unwrap()
                .body,
            "B"
        );
        assert_eq!(split_front_matter("---\ntitle: x\n---").unwrap().body, "");
    }

    #[test]
    fn ids_are_lower_case_digits_and_dashes() {
        assert!(is_valid_id("sprint-goals-2"));
        assert!(!is_valid_id("Sprint Goals"));
        assert!(!is_valid_id("sprint_goals"));
        assert!(!is_valid_id(""));
        assert_eq!(suggest_id("Sprint Goals"), "sprint-goals");
        assert_eq!(suggest_id("sprint_goals!"), "sprint-goals");
    }

    #[test]
    fn yaml_errors_point_into_the_markdown_file() {
        let text = "---\ntitle: Meet the goal\ntitel: typo\n---\nBody\n";
        let fm = split_front_matter(text).unwrap();
        let err = parse_yaml::<LessonFront>(text, fm.yaml, "lessons/a.md", "lesson front matter")
            .unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert_eq!(err.message, "unknown key `titel` in lesson front matter");
        assert_eq!(err.help.as_deref(), Some("did you mean `title`?"));
        assert_eq!(err.source_line.as_deref(), Some("titel: typo"));
    }

    #[test]
    fn wrong_types_and_impossible_dates_are_located() {
        let text = "---\ndate: 2026-02-30\ntitle: x\n---\n";
        let fm = split_front_matter(text).unwrap();
        let err = parse_yaml::<SessionFront>(text, fm.yaml, "s.md", "session").unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(
            err.message,
            "`2026-02-30` is not a date: February 2026 has 28 days"
        );

        let text = "---\ndate: 2026-02-03\ntitle: x\nduration: ninety\n---\n";
        let fm = split_front_matter(text).unwrap();
        let err = parse_yaml::<SessionFront>(text, fm.yaml, "s.md", "session").unwrap_err();
        assert_eq!((err.line, err.column), (4, 11));
        assert!(err.message.contains("expected a number"), "{}", err.message);

        // A quoted number is text, not a number.
        let text = "---\ndate: 2026-02-03\ntitle: x\nduration: \"5\"\n---\n";
        let fm = split_front_matter(text).unwrap();
        let err = parse_yaml::<SessionFront>(text, fm.yaml, "s.md", "session").unwrap_err();
        assert_eq!((err.line, err.column), (4, 11));
        assert!(err.message.contains("without quotes"), "{}", err.message);
    }

    #[test]
    fn text_that_reads_as_structure_says_to_quote_it() {
        let text = "---\ndate: 2026-01-20\ntitle: x\nlessons:\n  - Lesson: small steps\n---\n";
        let fm = split_front_matter(text).unwrap();
        let err =
            parse_yaml::<SessionFront>(text, fm.yaml, "s.md", "session front matter").unwrap_err();
        assert_eq!((err.line, err.column), (5, 5));
        assert_eq!(err.message, "expected text here in session front matter");
        assert!(err.help.unwrap().contains("put it in quotes"));
    }

    #[test]
    fn missing_keys_and_bad_enum_values_are_explained() {
        let text = "---\ntitle: x\n---\n";
        let fm = split_front_matter(text).unwrap();
        let err =
            parse_yaml::<SessionFront>(text, fm.yaml, "s.md", "session front matter").unwrap_err();
        assert_eq!(err.message, "missing key `date` in session front matter");

        let text = "---\ntitle: x\nstatus: actve\n---\n";
        let fm = split_front_matter(text).unwrap();
        let err = parse_yaml::<ObjectiveFront>(text, fm.yaml, "o.md", "objective").unwrap_err();
        assert_eq!(err.line, 3);
        assert_eq!(err.message, "`actve` is not allowed here");
        assert!(err.help.unwrap().starts_with("did you mean `active`?"));
    }
}
