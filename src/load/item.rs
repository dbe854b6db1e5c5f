//! One file at a time: an objective, assessment, session note or lesson parsed from its
//! text, with the checks that need only that file (numbers, GAS levels, durations).

use std::collections::BTreeMap;
use std::path::Path;

use super::check::{ID_HELP, is_valid_id, suggest_id};
use super::files::read_text;
use super::properties;
use super::values::{check_series, check_span, check_value, check_weight};
use super::yaml::{FrontMatter, FrontMatterError, key_pos, parse_yaml_all, split_front_matter};
use super::{FileKind, Item};
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::limits;
use crate::model::*;

pub(super) fn parse_item(root: &Path, kind: FileKind, path: &Path) -> (Option<Item>, Diagnostics) {
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
            if let Err(found) = parse_yaml_all::<EngagementInfo>(text, text, path, path) {
                diags.items.extend(found);
            }
        }
        "plan.yaml" => {
            if let Err(found) = parse_yaml_all::<PlanFile>(text, text, path, path) {
                diags.items.extend(found);
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

pub(super) fn parse_item_text(
    kind: FileKind,
    stem: String,
    extension: &str,
    shown: String,
    text: &str,
) -> (Option<Item>, Diagnostics) {
    let mut diags = Diagnostics::default();
    // A file name with spaces, capitals or accents (as Obsidian users name notes) gives
    // its slug as the id: `2024-11-13 John Appleseed` is `2024-11-13-john-appleseed`.
    let name = stem;
    let stem = if is_valid_id(&name) {
        name.clone()
    } else {
        suggest_id(&name)
    };
    if stem.is_empty() {
        let mut d = Diagnostic::error(
            &shown,
            format!("`{name}` gives no id: its name has no letter or digit"),
        )
        .with_help(format!(
            "{ID_HELP}: rename the file, e.g. to {}/my-note{extension}",
            kind.folder(),
        ));
        d.line = 0;
        diags.push(d);
    }
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error(&shown, format!("this {} is empty", kind.noun())).with_help(
                match kind {
                    FileKind::Assessment | FileKind::Survey => "write at least `date:` and `title:`, or delete the file",
                    _ => "start the file with front matter between --- lines (at least `title:`), or delete it",
                },
            ),
        );
        return (None, diags);
    }
    if let Err(d) = super::files::check_markdown_budget(&shown, text) {
        diags.push(d);
        return (None, diags);
    }
    let source = Source {
        path: shown.clone(),
    };
    let item = match kind {
        FileKind::Assessment => {
            parse_yaml_all::<AssessmentFront>(text, text, &shown, "this assessment").map(|front| {
                Item::Assessment(Box::new(Assessment {
                    id: stem,
                    source,
                    visibility: Visibility::Client,
                    front,
                }))
            })
        }
        FileKind::Survey => {
            parse_yaml_all::<SurveyFront>(text, text, &shown, "this survey").map(|front| {
                Item::Survey(Box::new(Survey {
                    id: stem,
                    source,
                    visibility: Visibility::Client,
                    front,
                    pulse: Pulse::default(),
                }))
            })
        }
        _ => match front_matter(kind, &shown, text) {
            Ok(fm) => markdown_item(kind, (stem, &name), source, &shown, text, fm, &mut diags),
            Err(d) => {
                diags.push(super::templates_syntax::instead(d, &shown, text));
                return (None, diags);
            }
        },
    };
    let item = super::templates_syntax::review(item, &shown, text, &mut diags);
    match item {
        Ok(item) => {
            check_item_values(&item, text, &shown, &mut diags);
            (Some(item), diags)
        }
        Err(found) => {
            diags.items.extend(found);
            (None, diags)
        }
    }
}

/// The front matter of a Markdown file, or what is wrong with it: missing, never
/// closed, or empty.
fn front_matter<'t>(
    kind: FileKind,
    shown: &str,
    text: &'t str,
) -> Result<FrontMatter<'t>, Diagnostic> {
    let fm = match split_front_matter(text) {
        Ok(fm) => fm,
        Err(FrontMatterError::Missing) => {
            // Not quoted: a file that is not a note at all says nothing of its content.
            let mut d = Diagnostic::error(shown, format!("this {} has no front matter", kind.noun()))
                .with_help("start the file with a line `---`, the YAML keys (at least `title:`), and another `---` line");
            (d.line, d.column) = (1, 1);
            return Err(d);
        }
        Err(FrontMatterError::NotClosed) => {
            return Err(
                Diagnostic::error(shown, "the front matter opened here is never closed")
                    .at(text, 1, 1)
                    .with_help("add a line `---` after the last YAML key, before the notes"),
            );
        }
    };
    if fm.yaml.lines().skip(1).all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    }) {
        return Err(Diagnostic::error(shown, "the front matter is empty")
            .at(text, 1, 1)
            .with_help("write at least `title:` between the --- lines"));
    }
    Ok(fm)
}

/// An objective, session note or lesson from its front matter and body: `id` and the
/// file name it was made from.
fn markdown_item(
    kind: FileKind,
    (id, name): (String, &str),
    source: Source,
    shown: &str,
    text: &str,
    fm: FrontMatter,
    diags: &mut Diagnostics,
) -> Result<Item, Vec<Diagnostic>> {
    let what = format!("{} front matter", kind.noun());
    let body_line = fm.body_line;
    let read = Read {
        kind,
        name,
        shown,
        text,
        fm: &fm,
        what: &what,
    };
    match kind {
        FileKind::Objective => read
            .front::<ObjectiveFront>(diags)
            .map(|(mut front, note)| {
                links_in_properties(&mut front.competencies);
                Item::Objective(Box::new(Objective {
                    id,
                    source,
                    visibility: Visibility::Client,
                    front,
                    body: note.body,
                    body_line,
                    properties: note.properties,
                    history: Vec::new(),
                }))
            }),
        FileKind::Session => read.front::<SessionFront>(diags).map(|(mut front, note)| {
            links_in_properties(&mut front.objectives);
            links_in_properties(&mut front.actions);
            for name in &mut front.attendees {
                *name = crate::model::link_words(name).to_string();
            }
            Item::Session(std::sync::Arc::new(Session {
                id,
                source,
                visibility: Visibility::Client,
                front,
                body: note.body,
                body_line,
                properties: note.properties,
            }))
        }),
        _ => read.front::<LessonFront>(diags).map(|(mut front, note)| {
            links_in_properties(&mut front.objectives);
            Item::Lesson(Box::new(Lesson {
                id,
                source,
                visibility: Visibility::Coach,
                front,
                body: note.body,
                body_line,
                properties: note.properties,
            }))
        }),
    }
}

/// One note's front matter being read, with what it is read from.
struct Read<'a> {
    kind: FileKind,
    /// The file name without its extension, as written.
    name: &'a str,
    shown: &'a str,
    text: &'a str,
    fm: &'a FrontMatter<'a>,
    what: &'a str,
}

/// What a note holds besides its typed front matter.
struct NoteParts {
    body: Markdown,
    properties: Vec<Property>,
}

impl Read<'_> {
    /// The typed front matter: read as it is when it holds only coachsite's keys (the
    /// fast path), else opened as Obsidian's properties ([`properties::open`]).
    fn front<T: serde::de::DeserializeOwned>(
        &self,
        diags: &mut Diagnostics,
    ) -> Result<(T, NoteParts), Vec<Diagnostic>> {
        let whole = |body: &str, properties| NoteParts {
            body: Markdown::from(body),
            properties,
        };
        if let Ok(front) = serde_saphyr::from_str::<T>(self.fm.yaml) {
            return Ok((front, whole(self.fm.body, Vec::new())));
        }
        let Some(opened) = properties::open(
            self.kind,
            self.name,
            self.shown,
            self.text,
            self.fm.yaml,
            self.fm.body,
        ) else {
            return parse_yaml_all::<T>(self.text, self.fm.yaml, self.shown, self.what)
                .map(|front| (front, whole(self.fm.body, Vec::new())));
        };
        diags.items.extend(opened.warnings);
        let front = parse_yaml_all::<T>(self.text, &opened.yaml, self.shown, self.what)
            .map_err(|found| self.explain_missing(found))?;
        let body = if opened.title_from_heading {
            Markdown(properties::without_first_heading(self.fm.body))
        } else {
            Markdown::from(self.fm.body)
        };
        Ok((
            front,
            NoteParts {
                body,
                properties: opened.properties,
            },
        ))
    }

    /// A session note with no date anywhere: say where one can be written.
    fn explain_missing(&self, mut found: Vec<Diagnostic>) -> Vec<Diagnostic> {
        for d in &mut found {
            if d.message.starts_with("missing key `date`") {
                d.help = Some(
                    "add `date: YYYY-MM-DD` to the front matter, or start the file name with the date (`2026-02-05 Kick-off.md`)"
                        .to_string(),
                );
            }
        }
        found
    }
}

/// Links written in properties (`objectives: ["[[sprint-goals]]"]`) name their note:
/// the id it has (its file name made into a slug).
fn links_in_properties(ids: &mut [At<String>]) {
    for id in ids {
        if let Some(target) = crate::model::property_link(&id.value) {
            id.value = if is_valid_id(target) {
                target.to_string()
            } else {
                suggest_id(target)
            };
        }
    }
}

/// Checks that need only the file itself: finite numbers, GAS levels, measure shape.
pub(super) fn check_item_values(item: &Item, text: &str, file: &str, diags: &mut Diagnostics) {
    match item {
        Item::Objective(o) => check_objective_values(&o.front, text, file, diags),
        Item::Session(s) => check_session_values(&s.front, text, file, diags),
        Item::Assessment(_) | Item::Lesson(_) | Item::Survey(_) => {}
    }
}

pub(super) fn check_objective_values(
    f: &ObjectiveFront,
    text: &str,
    file: &str,
    diags: &mut Diagnostics,
) {
    check_series(&f.measurements, &f.milestones, text, file, diags);
    if let Some(measure) = &f.measure {
        check_span(
            measure.baseline.as_ref(),
            measure.target.as_ref(),
            text,
            file,
            diags,
        );
    }
    super::key_results::check_key_results(f, text, file, diags);
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
    if let Some(weight) = &f.weight {
        check_weight(
            weight,
            "weights default to 1; use e.g. 2 for an objective that counts double",
            text,
            file,
            diags,
        );
    }
    if let Some(gas) = &f.gas {
        check_gas(f, gas, text, file, diags);
    }
}

/// Goal attainment scaling: the five levels, whole-level measurements, no `measure`.
pub(super) fn check_gas(
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

pub(super) fn check_session_values(
    f: &SessionFront,
    text: &str,
    file: &str,
    diags: &mut Diagnostics,
) {
    for value in f.measured.values() {
        check_value(value, text, file, diags);
    }
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
    if let Some(next) = &f.next
        && next.value <= f.date
    {
        diags.push(
            Diagnostic::error(file, "the next session must come after this one")
                .at(text, next.pos.line, next.pos.column)
                .with_help(format!(
                    "`next` is the day of the next session as agreed at the end of this one, after {}",
                    f.date
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
