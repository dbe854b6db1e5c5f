//! Files → model: reads an engagement folder strictly and cross-checks it.
//!
//! One loader per file kind, all sharing one front-matter splitter ([`split_front_matter`])
//! and one YAML entry point ([`parse_yaml`]) that turns serde-saphyr's errors into
//! [`Diagnostic`]s with the file, line and column of the problem and what to do.
//! Every problem of every file is collected before the load fails, so the coach sees
//! them all at once.
//!
//! `files` reads within bounds, `yaml` splits front matter and parses YAML, `item`
//! parses one file and checks what needs only that file, `check` makes the cross-file
//! checks; this file walks the folder and puts the engagement together.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::model::*;

mod cache;
mod check;
mod dates;
mod files;
mod folders;
mod git;
pub mod history;
mod item;
mod key_results;
mod lines;
mod links;
mod plugins;
mod properties;
mod tasks;
mod templates_syntax;
#[cfg(test)]
mod tests;
mod values;
mod walk;
mod yaml;

use check::{Unreadable, check_engagement, merge_measured};
use item::parse_item;
use walk::Walk;

pub use crate::model::is_attachment_name;
/// Whether a file name is an attachment's (an image or a PDF), for the watcher.
pub use cache::{BodyEdit, Cache};
pub use check::{is_valid_id, suggest_id};
pub(crate) use files::ReadError;
pub use files::{
    Inside, is_editor_temp, read_at_most, read_bounded, read_text, too_large, walk_files,
};
pub use folders::input_folders;
pub use item::parse_file_text;
pub use links::check_link_notes;
pub use yaml::{FrontMatter, FrontMatterError, parse_yaml, parse_yaml_all, split_front_matter};

/// The file that marks a folder as a site coachsite wrote (and lists its files): no
/// other file of coachsite's, nor the engagement's own `.coachsite/` folder, has its name.
pub const SITE_MARKER: &str = ".coachsite-output";
/// The marker's name before it had one of its own: still a site's, when it is a file
/// that starts with coachsite's words (an engagement's `.coachsite` is a folder).
pub const LEGACY_SITE_MARKER: &str = ".coachsite";

/// Every file and folder of an engagement that coachsite reads: a change to one of
/// them changes the site, and no output may be written inside them.
pub const INPUTS: &[&str] = &[
    "engagement.yaml",
    "engagement.yml",
    "plan.yaml",
    "report.md",
    "objectives",
    "assessments",
    "surveys",
    "sessions",
    "lessons",
    "templates",
    ".coachsite",
    "static",
    "attachments",
];

/// The engagement folders in `dir` (a coach's practice), `dir` itself included: every
/// folder with an `engagement.yaml`, in path order, at most
/// [`crate::limits::MAX_PRACTICE_DEPTH`] deep. Hidden folders, a site coachsite wrote
/// (it holds the `.coachsite` marker file) and the folders inside an engagement are not
/// searched. More than [`crate::limits::MAX_ENGAGEMENTS`] is an error.
pub fn find_engagements(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut found = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir)
        .max_depth(crate::limits::MAX_PRACTICE_DEPTH)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let path = entry.path();
        let skipped = entry.depth() > 0 && (name.starts_with('.') || name == "node_modules");
        let site = [SITE_MARKER, LEGACY_SITE_MARKER]
            .iter()
            .any(|marker| path.join(marker).is_file());
        if skipped || site {
            walk.skip_current_dir();
            continue;
        }
        if path.join("engagement.yaml").is_file() {
            if found.len() == crate::limits::MAX_ENGAGEMENTS {
                return Err(Diagnostic::error(
                    display_path(dir, path),
                    format!(
                        "more than {} engagements in this folder",
                        crate::limits::MAX_ENGAGEMENTS
                    ),
                )
                .with_help("give the folder of one practice, not one that holds several"));
            }
            found.push(path.to_path_buf());
            walk.skip_current_dir();
        }
    }
    Ok(found)
}

/// The result of a successful load: the engagement and any warnings.
#[derive(Debug)]
pub struct Loaded {
    /// The whole engagement, cross-checked, as the coach sees it (no audience's filter).
    pub engagement: Engagement,
    pub(crate) warnings: Diagnostics,
}

/// Writes the engagement folder `root` as it was at git revision `rev` (a commit, a
/// branch, a tag, `HEAD~N`) into `dest`; how many files, or why it cannot.
pub fn export_revision(root: &Path, rev: &str, dest: &Path) -> Result<usize, String> {
    git::export_revision(root, rev, dest)
}

/// Loads and checks the engagement in `root`. On failure, every error found is returned.
pub fn load(root: &Path) -> Result<Loaded, Diagnostics> {
    load_cached(root, None)
}

/// [`load`], reusing what `cache` holds of the files that did not change.
pub fn load_cached(root: &Path, cache: Option<&Cache>) -> Result<Loaded, Diagnostics> {
    load_cached_at(root, cache, None)
}

/// A revision of the repository an engagement folder is in: the history of targets of
/// a folder exported from it ([`export_revision`]) is read there.
#[derive(Debug, Clone)]
pub struct HistoryAt {
    /// The engagement folder, in the repository's work tree.
    pub engagement: PathBuf,
    /// The revision, as [`export_revision`] takes it.
    pub rev: String,
}

/// [`load_cached`], with the history of targets read at `history_at` when given.
pub fn load_cached_at(
    root: &Path,
    cache: Option<&Cache>,
    history_at: Option<&HistoryAt>,
) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    if let Err(d) = check_root(root) {
        diags.push(d);
        return Err(diags);
    }
    let info = load_engagement_info(root, &mut diags);
    let folders = info
        .as_ref()
        .map(|(info, _)| info.folders.clone())
        .unwrap_or_default();
    let (walk, is_trusted) = Walk::for_load(root, &folders, cache);
    let Walk {
        files,
        attachments,
        said,
        ..
    } = walk;
    diags.items.extend(said);

    // Parse every file in parallel; each yields an item or its diagnostics.
    let parsed: Vec<(Option<Item>, Diagnostics)> = match cache {
        Some(cache) => cache.parse_all(root, &files, is_trusted),
        None => files
            .par_iter()
            .map(|(kind, path)| parse_item(root, *kind, path))
            .collect(),
    };
    let (files, parsed) = narrow(root, &folders, files, parsed);
    // Ids of objective files that could not be read: references to them are not
    // reported again, so one typo gives one error.
    let unreadable_objectives: Vec<String> = files
        .iter()
        .zip(&parsed)
        .filter(|((kind, _), (item, _))| *kind == FileKind::Objective && item.is_none())
        .filter_map(|((_, path), _)| file_id(path))
        .collect();
    // Likewise the ids of every file that could not be read, for the links of notes.
    let unreadable_ids: BTreeSet<String> = files
        .iter()
        .zip(&parsed)
        .filter(|(_, (item, _))| item.is_none())
        .filter_map(|((_, path), _)| file_id(path))
        .collect();

    let mut objectives = Vec::new();
    let mut assessments = Vec::new();
    let mut sessions = Vec::new();
    let mut lessons = Vec::new();
    let mut surveys = Vec::new();
    for (item, item_diags) in parsed {
        diags.extend(item_diags);
        match item {
            Some(Item::Objective(o)) => objectives.push(*o),
            Some(Item::Assessment(a)) => assessments.push(*a),
            Some(Item::Session(s)) => sessions.push(s),
            Some(Item::Lesson(l)) => lessons.push(*l),
            Some(Item::Survey(survey)) => surveys.push(*survey),
            None => {}
        }
    }
    let errors_before_plan = diags.error_count();
    let plan = load_plan(root, &mut diags);
    let plan_readable = diags.error_count() == errors_before_plan;
    let report = load_report(root, &mut diags);

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
        surveys,
        report,
        withheld: Withheld::default(),
        attachments,
    };
    resolve_visibility(&mut engagement);
    objectives_by_alias(&mut engagement);
    // Checkbox tasks of the notes join the plan, with their notes' visibilities.
    tasks::add_tasks(&mut engagement, &mut files::Quoter::new(root), &mut diags);
    merge_measured(&mut engagement, &mut diags);
    let objectives_seen_by = engagement.info.visibility.objectives;
    history::read(
        root,
        &mut engagement.objectives,
        objectives_seen_by,
        cache,
        history_at,
    );
    let unreadable = Unreadable {
        objectives: unreadable_objectives,
        plan: !plan_readable,
    };
    // The checks across files and those of the links read the engagement alone: they
    // run side by side, and their problems are kept in this order.
    let mut link_diags = Diagnostics::default();
    rayon::join(
        || {
            check_engagement(&engagement, &info_text, &unreadable, &mut diags);
            key_results::check_measured_keys(&engagement, &mut diags);
        },
        || {
            let mut quoter = files::Quoter::new(root);
            let (unreadable, plan) = (&unreadable_ids, !plan_readable);
            links::check_links(&engagement, unreadable, plan, &mut quoter, &mut link_diags);
            plugins::check_plugins(&engagement, &mut link_diags);
        },
    );
    diags.extend(link_diags);

    sort_items(&mut engagement);

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

/// What parsing one file gave: its item, if it could be read, and its problems.
type Parse = (Option<Item>, Diagnostics);

/// The engagement folder exists and is a folder.
fn check_root(root: &Path) -> Result<(), Diagnostic> {
    let shown_root = root.to_string_lossy().to_string();
    let help = "give the path of an engagement folder (the one with engagement.yaml)";
    if !root.exists() {
        return Err(Diagnostic::error(shown_root, "this folder does not exist").with_help(help));
    }
    if !root.is_dir() {
        return Err(Diagnostic::error(shown_root, "this is a file, not a folder").with_help(help));
    }
    Ok(())
}

/// The id a file's name gives (its slug, for a name with spaces or capitals).
fn file_id(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy();
    Some(if is_valid_id(&stem) {
        stem.to_string()
    } else {
        suggest_id(&stem)
    })
}

/// The files read from folders that `folders:` narrows to a tag, without the notes that
/// do not carry it (and what they said): they are other notes of the vault.
fn narrow(
    root: &Path,
    folders: &Folders,
    files: Vec<(FileKind, PathBuf)>,
    parsed: Vec<Parse>,
) -> (Vec<(FileKind, PathBuf)>, Vec<Parse>) {
    let narrowed: Vec<(FileKind, PathBuf, String)> = FileKind::ALL
        .into_iter()
        .flat_map(|kind| {
            folders::of_kind(folders, kind)
                .into_iter()
                .filter_map(move |(folder, tag)| Some((kind, root.join(folder), tag?)))
        })
        .collect();
    if narrowed.is_empty() {
        return (files, parsed);
    }
    files
        .into_iter()
        .zip(parsed)
        .filter(|((kind, path), (item, _))| {
            narrowed
                .iter()
                .filter(|(k, folder, _)| k == kind && path.starts_with(folder))
                .all(|(_, _, tag)| {
                    let text = || read_text(root, path).unwrap_or_default();
                    folders::carries(item.as_ref(), text, tag)
                })
        })
        .unzip()
}

/// Every kind of item in its order: objectives by id, the dated items by date then id
/// (lessons newest first), measurements and milestones by date.
fn sort_items(e: &mut Engagement) {
    e.objectives.sort_by(|a, b| a.id.cmp(&b.id));
    e.assessments
        .sort_by(|a, b| (a.front.date, &a.id).cmp(&(b.front.date, &b.id)));
    e.sessions
        .sort_by(|a, b| (a.front.date, &a.id).cmp(&(b.front.date, &b.id)));
    e.surveys
        .sort_by(|a, b| (a.front.date, &a.id).cmp(&(b.front.date, &b.id)));
    e.lessons
        .sort_by(|a, b| (b.front.date, &a.id).cmp(&(a.front.date, &b.id)));
    for o in &mut e.objectives {
        o.front.measurements.sort_by_key(|m| m.date);
        o.front.milestones.sort_by_key(|m| m.date);
    }
}

/// The kinds of file found in the engagement's sub-folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Objective,
    Assessment,
    Session,
    Lesson,
    Survey,
}

impl FileKind {
    const ALL: [FileKind; 5] = [
        FileKind::Objective,
        FileKind::Assessment,
        FileKind::Session,
        FileKind::Lesson,
        FileKind::Survey,
    ];

    fn folder(self) -> &'static str {
        match self {
            FileKind::Objective => "objectives",
            FileKind::Assessment => "assessments",
            FileKind::Session => "sessions",
            FileKind::Lesson => "lessons",
            FileKind::Survey => "surveys",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            FileKind::Objective => "objectives",
            FileKind::Assessment => "assessments",
            FileKind::Session => "session notes",
            FileKind::Lesson => "lessons",
            FileKind::Survey => "surveys",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            FileKind::Objective => "objective",
            FileKind::Assessment => "assessment",
            FileKind::Session => "session note",
            FileKind::Lesson => "lesson",
            FileKind::Survey => "survey",
        }
    }

    fn accepts(self, extension: &str) -> bool {
        match self {
            FileKind::Assessment | FileKind::Survey => extension == "yaml" || extension == "yml",
            _ => extension == "md",
        }
    }

    /// Whether the files of this kind are YAML (no attachments beside them).
    fn is_yaml(self) -> bool {
        matches!(self, FileKind::Assessment | FileKind::Survey)
    }

    fn expected_extension(self) -> &'static str {
        match self {
            FileKind::Assessment | FileKind::Survey => ".yaml",
            _ => ".md",
        }
    }
}

#[derive(Clone)]
enum Item {
    Objective(Box<Objective>),
    Assessment(Box<Assessment>),
    Session(std::sync::Arc<Session>),
    Lesson(Box<Lesson>),
    Survey(Box<Survey>),
}

fn load_engagement_info(root: &Path, diags: &mut Diagnostics) -> Option<(EngagementInfo, String)> {
    let found = files::named_file(root, "engagement.yaml")
        .map_err(|d| diags.push(d))
        .ok()?;
    let Some(path) = found else {
        let below = find_engagements(root).unwrap_or_default();
        let help = if root.join("engagement.yml").is_file() {
            "rename engagement.yml to engagement.yaml".to_string()
        } else if let Some(first) = below.first() {
            format!(
                "this folder holds {} engagement(s), such as {}/: give one of them, or build the whole practice for yourself with `coachsite build {} --audience coach`",
                below.len(),
                display_path(root, first),
                root.display()
            )
        } else {
            "is this an engagement folder? It needs an engagement.yaml (see docs/format.md)"
                .to_string()
        };
        diags.push(
            Diagnostic::error("engagement.yaml", "no engagement.yaml in this folder")
                .with_help(help),
        );
        return None;
    };
    let text = match read_text(root, &path)
        .and_then(|text| files::check_markdown_budget("engagement.yaml", &text).map(|()| text))
    {
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
    match parse_yaml_all::<EngagementInfo>(&text, &text, "engagement.yaml", "engagement.yaml") {
        Ok(info) => Some((info, text)),
        Err(found) => {
            diags.items.extend(found);
            None
        }
    }
}

fn load_plan(root: &Path, diags: &mut Diagnostics) -> Plan {
    let source = Source {
        path: "plan.yaml".to_string(),
    };
    let path = match files::named_file(root, "plan.yaml") {
        Ok(Some(path)) => path,
        Ok(None) => {
            return Plan {
                source,
                ..Plan::default()
            };
        }
        Err(d) => {
            diags.push(d);
            return Plan::default();
        }
    };
    let text = match read_text(root, &path)
        .and_then(|text| files::check_markdown_budget("plan.yaml", &text).map(|()| text))
    {
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
    match parse_yaml_all::<PlanFile>(&text, &text, "plan.yaml", "plan.yaml") {
        Ok(file) => Plan {
            source,
            actions: file.actions,
            revisions: file.revisions,
        },
        Err(found) => {
            diags.items.extend(found);
            Plan::default()
        }
    }
}

/// `report.md`, if there is one: Markdown, with optional front matter.
fn load_report(root: &Path, diags: &mut Diagnostics) -> Option<ReportNote> {
    let path = files::named_file(root, "report.md")
        .map_err(|d| diags.push(d))
        .ok()??;
    let text = read_text(root, &path)
        .and_then(|text| files::check_markdown_budget("report.md", &text).map(|()| text))
        .map_err(|d| diags.push(d))
        .ok()?;
    let source = Source {
        path: "report.md".to_string(),
    };
    // Front matter after blank lines still counts: a `visibility:` must never be read as
    // text of the report (and shown).
    let text = text.trim_start();
    if !text.starts_with("---") {
        return Some(ReportNote {
            source,
            front: ReportFront::default(),
            body: Markdown::from(text),
        });
    }
    let result = match split_front_matter(text) {
        Ok(fm)
            if fm.yaml.lines().skip(1).all(|l| {
                let l = l.trim();
                l.is_empty() || l.starts_with('#')
            }) =>
        {
            Ok(ReportNote {
                source,
                front: ReportFront::default(),
                body: Markdown::from(fm.body),
            })
        }
        Ok(fm) => parse_yaml::<ReportFront>(text, fm.yaml, "report.md", "report front matter").map(
            |front| ReportNote {
                source,
                front,
                body: Markdown::from(fm.body),
            },
        ),
        Err(_) => Err(Diagnostic::error(
            "report.md",
            "the front matter opened here is never closed",
        )
        .at(text, 1, 1)
        .with_help("add a line `---` after the last YAML key, before the text")),
    };
    result.map_err(|d| diags.push(d)).ok()
}

/// An objective named in a note's `objectives:` by one of its `aliases:` (as a link
/// in a property is, `"[[Pipeline refactor]]"`) is named by its id.
fn objectives_by_alias(e: &mut Engagement) {
    let mut by_alias: std::collections::BTreeMap<String, String> = Default::default();
    for o in &e.objectives {
        for alias in &o.front.aliases {
            by_alias
                .entry(suggest_id(alias))
                .or_insert_with(|| o.id.clone());
        }
    }
    if by_alias.is_empty() {
        return;
    }
    let ids: BTreeSet<&str> = e.objectives.iter().map(|o| o.id.as_str()).collect();
    let rename = |list: &[At<String>]| -> Option<Vec<At<String>>> {
        let named = |id: &At<String>| {
            by_alias
                .get(&id.value)
                .filter(|_| !ids.contains(id.value.as_str()))
        };
        list.iter().any(|id| named(id).is_some()).then(|| {
            list.iter()
                .map(|id| match named(id) {
                    Some(real) => At::new(real.clone(), id.pos),
                    None => id.clone(),
                })
                .collect()
        })
    };
    let mut renamed_sessions = Vec::new();
    for (i, s) in e.sessions.iter().enumerate() {
        if let Some(list) = rename(&s.front.objectives) {
            renamed_sessions.push((i, list));
        }
    }
    let mut renamed_lessons = Vec::new();
    for (i, l) in e.lessons.iter().enumerate() {
        if let Some(list) = rename(&l.front.objectives) {
            renamed_lessons.push((i, list));
        }
    }
    for (i, list) in renamed_sessions {
        std::sync::Arc::make_mut(&mut e.sessions[i])
            .front
            .objectives = list;
    }
    for (i, list) in renamed_lessons {
        e.lessons[i].front.objectives = list;
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
        let visibility = s.front.visibility.unwrap_or(defaults.sessions);
        // Shared with the cache: copied only when it changes.
        if s.visibility != visibility {
            std::sync::Arc::make_mut(s).visibility = visibility;
        }
    }
    for l in &mut e.lessons {
        l.visibility = l.front.visibility.unwrap_or(defaults.lessons);
    }
    for s in &mut e.surveys {
        s.visibility = s.front.visibility.unwrap_or(defaults.surveys);
    }
    for a in &mut e.plan.actions {
        a.resolved_visibility = a.visibility.unwrap_or(defaults.plan);
    }
    for r in &mut e.plan.revisions {
        r.resolved_visibility = r.visibility.unwrap_or(defaults.plan);
    }
}
