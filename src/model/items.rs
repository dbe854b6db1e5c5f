//! The items of an engagement, one file (or one entry of plan.yaml) each: objectives,
//! assessments, the plan's actions and revisions, session notes and lessons.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::*;

/// Where an item came from, for links back to the source and for diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Source {
    /// Path relative to the engagement folder, with `/` separators.
    pub path: String,
}

/// A property of a note that coachsite does not read itself (Obsidian's properties are
/// open: coaches add their own, such as `mood` or `topics`). The coach's page of the note
/// shows it; the client's and the sponsor's only when `share.properties` names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Property {
    /// The key, as written.
    pub key: String,
    /// The value, as YAML gives it (text, a number, a list…).
    pub value: serde_json::Value,
}

/// A link written as a property's value (`"[[sprint-goals]]"`, `"[[Sprint Goals|the
/// goal]]"`, `"[[objectives/sprint-goals.md]]"`): the note it names, as written.
pub fn property_link(value: &str) -> Option<&str> {
    let inner = value.trim().strip_prefix("[[")?.strip_suffix("]]")?;
    let target = inner.split('|').next().unwrap_or(inner);
    let (path, _) = super::split_target(target);
    Some(path.rsplit('/').next().unwrap_or(path))
}

/// A property's value as a reader sees it: a link's words (`"[[John Appleseed]]"` →
/// John Appleseed, `"[[x|the label]]"` → the label).
pub fn link_words(value: &str) -> &str {
    let trimmed = value.trim();
    match trimmed
        .strip_prefix("[[")
        .and_then(|v| v.strip_suffix("]]"))
    {
        Some(inner) => match inner.split_once('|') {
            Some((_, label)) => label.trim(),
            None => {
                let (path, _) = super::split_target(inner);
                path.rsplit('/').next().unwrap_or(path)
            }
        },
        None => value,
    }
}

/// `objectives/<id>.md`.
#[derive(Debug, Clone, Serialize)]
pub struct Objective {
    pub(crate) id: String,
    pub(crate) source: Source,
    pub(crate) front: ObjectiveFront,
    /// Markdown narrative.
    pub body: Markdown,
    /// The file line on which the narrative starts.
    pub body_line: u32,
    /// The properties of the front matter that coachsite does not read itself (in an
    /// export, as far as its reader sees them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<Property>,
    /// Resolved visibility (the item's own or the engagement's default).
    pub visibility: Visibility,
    /// Every change to its baseline, target, due date or GAS levels in the engagement's
    /// git history, oldest first (`load`); empty outside a repository. Not exported:
    /// a reader's export carries the changes their pages show (`insight`).
    #[serde(skip)]
    pub history: Vec<super::TargetChange>,
}

impl Objective {
    pub(crate) fn title(&self) -> &str {
        &self.front.title
    }

    /// Its key result `id`, if it has one.
    pub fn key_result(&self, id: &str) -> Option<&KeyResult> {
        self.front.key_results.iter().find(|k| k.id.value == id)
    }
}

/// Where an objective stands in the coaching, as the coach decides it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ObjectiveStatus {
    /// Not agreed yet: only the planning checks (SMART, ZPD).
    Proposed,
    /// Being worked on (the default).
    #[default]
    Active,
    /// Reached, whatever its measurements say.
    Achieved,
    /// On hold: shown, not tracked.
    Paused,
    /// Given up: shown, not tracked, and left out of the GAS T-score.
    Dropped,
}

/// The front matter of `objectives/<id>.md`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveFront {
    /// The objective in a few words.
    pub title: String,
    /// S: what exactly is to be achieved, in four words or more.
    #[serde(default)]
    pub specific: Option<String>,
    /// M: what is measured, from where to where. Left out for a GAS objective (`gas`)
    /// or one with `key_results`.
    #[serde(default)]
    pub measure: Option<Measure>,
    /// Objectives and key results (OKRs): the measurable results that say the objective
    /// is reached (two to five is usual, at most 20), each with its own baseline, target,
    /// weight, milestones and measurements. Instead of `measure`, `gas`, and the
    /// objective's own `milestones` and `measurements`.
    #[serde(default)]
    pub key_results: Vec<KeyResult>,
    /// Goal attainment scaling: level (−2…2) → description of that outcome.
    #[serde(default)]
    pub gas: Option<At<BTreeMap<i64, String>>>,
    /// Weight of this objective in the GAS T-score (default 1).
    #[serde(default)]
    pub weight: Option<At<f64>>,
    /// R: why it matters.
    #[serde(default)]
    pub relevant: Option<String>,
    /// A: why it is within reach.
    #[serde(default)]
    pub achievable: Option<String>,
    /// When work on the objective started, YYYY-MM-DD. Default: the engagement's `start`.
    #[serde(default)]
    pub start: Option<Date>,
    /// T: the day it should be reached, YYYY-MM-DD, not before `start`. Left out, the
    /// objective is not judged against a date.
    #[serde(default)]
    pub due: Option<Date>,
    /// `active` (the default), `proposed`, `achieved`, `paused` or `dropped`.
    #[serde(default)]
    pub status: ObjectiveStatus,
    /// Ids of the competencies of engagement.yaml the objective needs, for the gap analysis
    /// and the ZPD check.
    #[serde(default)]
    pub competencies: Vec<At<String>>,
    /// Intermediate targets on the way to the target (with `key_results`, each key
    /// result's instead).
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// The values measured, in any order, one per date (with `key_results`, each key
    /// result's instead).
    #[serde(default)]
    pub measurements: Vec<Measurement>,
    /// The widest audience that may see the objective: `coach`, `client` or `sponsor`. Left
    /// out: `visibility.objectives` of engagement.yaml.
    #[serde(default)]
    pub visibility: Option<Visibility>,
    /// Health and similar: the objective is in the coach's view only, whatever its
    /// `visibility`. Default `false`.
    #[serde(default)]
    pub sensitive: bool,
    /// Obsidian's aliases: other names a link may give the note (a list, or one text
    /// with commas).
    #[serde(default, deserialize_with = "super::values::comma_list")]
    pub aliases: Vec<String>,
    /// Obsidian's CSS classes for the note: accepted, not used.
    #[serde(default, deserialize_with = "super::values::tag_list")]
    pub cssclasses: Vec<String>,
    /// Obsidian's tags, each with a page (a list, or one text of tags).
    #[serde(default, deserialize_with = "super::values::tag_list")]
    pub tags: Vec<String>,
    /// Planning-time findings the coach has seen and weighed: they no longer appear on
    /// the dashboard or in `check` for this objective.
    #[serde(default)]
    pub acknowledged: Vec<Acknowledged>,
}

/// A planning-time finding that the coach may acknowledge on an objective.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Acknowledged {
    /// Beyond the zone of proximal development at planning time.
    BeyondZpd,
    /// A level reached in only one assessment.
    NotYetStable,
    /// SMART letters that fail.
    NotSmart,
}

/// `measure:` of an objective: what is measured, from the baseline to the target.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// What is measured, e.g. "Sprint goals met over the last four sprints".
    pub metric: String,
    /// The unit of its values, e.g. `"%"`; left out, they have none.
    #[serde(default)]
    pub unit: Option<String>,
    /// The value when the objective was agreed, where progress starts at 0 %.
    #[serde(default)]
    pub baseline: Option<At<f64>>,
    /// The value to reach (100 % progress), other than the baseline. Whether the metric
    /// should go up or down follows from the two.
    #[serde(default)]
    pub target: Option<At<f64>>,
}

/// One key result of an objective (`key_results:`): what is measured, from its baseline
/// to its target, with its own milestones and measurements. Its visibility is its
/// objective's.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyResult {
    /// Unique within the objective: lower case, digits and hyphens (`lead-time`). A session
    /// note records a value with `measured: {"<objective>#<id>": value}`.
    pub id: At<String>,
    /// What is measured, e.g. "Lead time from commit to production".
    pub metric: String,
    /// The unit of its values, e.g. `"min"`; left out, they have none.
    #[serde(default)]
    pub unit: Option<String>,
    /// The value when the key result was agreed. Left out, its first measurement is its
    /// baseline.
    #[serde(default)]
    pub baseline: Option<At<f64>>,
    /// The value to reach, other than the baseline. Whether the metric should go up or
    /// down follows from the two.
    #[serde(default)]
    pub target: Option<At<f64>>,
    /// Its weight in the objective's progress (default 1).
    #[serde(default)]
    pub weight: Option<At<f64>>,
    /// Intermediate targets on the way to the target.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// The values measured, in any order, one per date.
    #[serde(default)]
    pub measurements: Vec<Measurement>,
}

/// A key of a session note's `measured:`: the objective's id, and the key result's
/// after a `#` (`"team-flow#lead-time"`).
///
/// ```
/// use coachsite::model::measured_key;
/// assert_eq!(measured_key("team-flow#lead-time"), ("team-flow", Some("lead-time")));
/// assert_eq!(measured_key("sprint-goals"), ("sprint-goals", None));
/// ```
pub fn measured_key(key: &str) -> (&str, Option<&str>) {
    match key.split_once('#') {
        Some((objective, result)) => (objective, Some(result)),
        None => (key, None),
    }
}

/// Whether a measured objective is reached by going up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The target is above the baseline: the higher, the better.
    Up,
    /// The target is below the baseline: the lower, the better (14 defects down to 4).
    Down,
}

/// An intermediate target of an objective or a key result.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// The day it should be reached, YYYY-MM-DD.
    pub date: Date,
    /// The value expected by then, in the objective's unit.
    pub target: At<f64>,
    /// A short remark.
    #[serde(default)]
    pub note: Option<String>,
}

/// One value measured for an objective or a key result.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    /// The day it was measured, YYYY-MM-DD.
    pub date: Date,
    /// The value, in the objective's (or key result's) unit; for a GAS objective, the
    /// level observed, a whole number from −2 to 2.
    pub value: At<f64>,
    /// A short remark, e.g. "First sprint goal met".
    #[serde(default)]
    pub note: Option<String>,
    /// The session note it was recorded in (`measured:`), if not the objective's file.
    #[serde(skip)]
    #[schemars(skip)]
    pub session: Option<String>,
}

/// `assessments/<date>-<name>.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub(crate) id: String,
    pub(crate) source: Source,
    pub(crate) front: AssessmentFront,
    pub(crate) visibility: Visibility,
}

/// The content of `assessments/<date>-<name>.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentFront {
    /// When the assessment was made, YYYY-MM-DD.
    pub date: Date,
    /// Its name ("Baseline", "Mid-term").
    pub title: String,
    /// Competency id → its level, a whole number on the scale. A competency left out is not
    /// assessed here.
    #[serde(default)]
    pub ratings: BTreeMap<At<String>, At<i64>>,
    /// Member id → (competency id → level): a team's members rated one by one.
    #[serde(default)]
    pub members: BTreeMap<At<String>, BTreeMap<At<String>, At<i64>>>,
    /// Values, attitudes, beliefs and behaviours observed (Markdown).
    #[serde(default)]
    pub observations: Option<Markdown>,
    /// The widest audience that may see the assessment: `coach`, `client` or `sponsor`.
    /// Left out: `visibility.assessments` of engagement.yaml.
    #[serde(default)]
    pub visibility: Option<Visibility>,
    /// Health and similar: the assessment is in the coach's view only, whatever its
    /// `visibility`. Default `false`.
    #[serde(default)]
    pub sensitive: bool,
}

/// `plan.yaml`.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct Plan {
    pub(crate) source: Source,
    pub(crate) actions: Vec<Action>,
    pub(crate) revisions: Vec<Revision>,
}

/// The content of `plan.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    /// The actions agreed. Default: none.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// Each time the plan was re-evaluated. Default: none.
    #[serde(default)]
    pub revisions: Vec<Revision>,
}

/// Where an action stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    /// Agreed, not done yet (the default).
    #[default]
    Open,
    /// Done, on the day its `done:` key gives.
    Done,
    /// Renegotiated or given up: not counted in commitment.
    Dropped,
    /// Held up: a warning for the coach.
    Blocked,
}

/// One action of the plan.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Its id, unique in the plan. Sessions refer to it in `actions:`.
    pub id: At<String>,
    /// What is to be done.
    pub title: String,
    /// The id of the objective it serves, if any.
    #[serde(default)]
    pub objective: Option<At<String>>,
    /// Who does it.
    #[serde(default)]
    pub owner: Option<String>,
    /// When it was agreed, YYYY-MM-DD. It is neither due nor done before.
    #[serde(default)]
    pub agreed: Option<Date>,
    /// When it is due, YYYY-MM-DD. Commitment counts only the actions with a due date.
    #[serde(default)]
    pub due: Option<Date>,
    /// `open` (the default), `done`, `blocked` or `dropped`.
    #[serde(default)]
    pub status: ActionStatus,
    /// The day it was done, YYYY-MM-DD: required with `status: done`, and not allowed with
    /// any other status.
    #[serde(default)]
    pub done: Option<At<Date>>,
    /// The action's history, review by review.
    #[serde(default)]
    pub reviews: Vec<Review>,
    /// A short remark.
    #[serde(default)]
    pub note: Option<String>,
    /// The widest audience that may see the action: `coach`, `client` or `sponsor`. Left
    /// out: `visibility.plan` of engagement.yaml.
    #[serde(default)]
    pub visibility: Option<Visibility>,
    /// Health and similar: the action is in the coach's view only, whatever its
    /// `visibility`. Default `false`.
    #[serde(default)]
    pub sensitive: bool,
    /// Resolved visibility, filled in by the loader.
    #[serde(skip, default = "client")]
    pub resolved_visibility: Visibility,
    /// The note it was written in as a checkbox task (`load::tasks`); `None` for an
    /// action of plan.yaml.
    #[serde(skip)]
    #[schemars(skip)]
    pub from: Option<TaskSource>,
}

/// Where an action written as a checkbox task in a note comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskSource {
    /// The note's file, relative to the engagement folder, with `/` separators.
    pub path: String,
    /// The task's line in that file.
    pub line: u32,
    /// The session note's id, when the note is a session's: the plan links to it.
    pub session: Option<String>,
}

/// One review of an action: its status on a day.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// When the action was reviewed, YYYY-MM-DD.
    pub date: Date,
    /// Its status then.
    pub status: ActionStatus,
    /// A short remark.
    #[serde(default)]
    pub note: Option<String>,
}

/// A re-evaluation of the plan.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// When the plan was re-evaluated, YYYY-MM-DD.
    pub date: Date,
    /// What changed, and why.
    pub summary: String,
    /// The widest audience that may see the revision: `coach`, `client` or `sponsor`. Left
    /// out: `visibility.plan` of engagement.yaml.
    #[serde(default)]
    pub visibility: Option<Visibility>,
    /// Health and similar: the revision is in the coach's view only, whatever its
    /// `visibility`. Default `false`.
    #[serde(default)]
    pub sensitive: bool,
    /// Resolved visibility, filled in by the loader.
    #[serde(skip, default = "client")]
    pub resolved_visibility: Visibility,
}

/// `sessions/<date>-<slug>.md`.
#[derive(Debug, Clone, Serialize)]
pub struct Session {
    pub(crate) id: String,
    pub(crate) source: Source,
    pub(crate) front: SessionFront,
    /// Markdown notes; may contain `%% … %%` coach-only text.
    pub body: Markdown,
    /// Line of the body's first line in the file.
    pub body_line: u32,
    pub(crate) visibility: Visibility,
    /// The properties of the front matter that coachsite does not read itself (in an
    /// export, as far as its reader sees them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<Property>,
}

impl Session {
    /// Whether the session discussed objective `id`: named in `objectives:`, or measured
    /// in `measured:` (itself or one of its key results).
    pub fn discussed(&self, id: &str) -> bool {
        self.discussed_objectives().any(|o| o == id)
    }

    /// The objectives the session discussed ([`Session::discussed`]), each id once per
    /// way it was named.
    pub fn discussed_objectives(&self) -> impl Iterator<Item = &str> {
        let named = self.front.objectives.iter().map(|o| o.value.as_str());
        let measured = self.front.measured.keys().map(|k| measured_key(&k.value).0);
        named.chain(measured)
    }
}

/// The front matter of `sessions/<date>-<slug>.md`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionFront {
    /// The day of the session, YYYY-MM-DD.
    pub date: Date,
    /// Its subject.
    pub title: String,
    /// Minutes.
    #[serde(default)]
    pub duration: Option<At<u32>>,
    /// Who attended: member ids (shown by name) or free names (a list, or one name).
    #[serde(default, deserialize_with = "super::values::text_or_list")]
    pub attendees: Vec<String>,
    /// Ids of the objectives discussed.
    #[serde(default)]
    pub objectives: Vec<At<String>>,
    /// Ids of the actions of plan.yaml that were agreed or reviewed.
    #[serde(default)]
    pub actions: Vec<At<String>>,
    /// The techniques used, e.g. strategic questioning, mapping.
    #[serde(default, deserialize_with = "super::values::text_or_list")]
    pub techniques: Vec<String>,
    /// Scaling questions, 0–10.
    #[serde(default)]
    pub ratings: BTreeMap<String, At<f64>>,
    /// Measurements taken in this session, by objective id: a value, or a GAS level; for
    /// a key result, by `"<objective>#<key result>"`, quoted (a bare `#` starts a YAML
    /// comment). Each joins its objective's (or key result's) measurements on the
    /// session's date.
    /// A key with nothing after it (only comments, as `note` writes it) is empty.
    #[serde(default, deserialize_with = "super::values::null_as_default")]
    pub measured: BTreeMap<At<String>, At<f64>>,
    /// Short lessons, gathered on the lessons page with a link to the session.
    #[serde(default)]
    pub lessons: Vec<String>,
    /// Coach-only notes (Markdown).
    #[serde(default)]
    pub private: Option<Markdown>,
    /// Obsidian's aliases: other names a link may give the note (a list, or one text
    /// with commas).
    #[serde(default, deserialize_with = "super::values::comma_list")]
    pub aliases: Vec<String>,
    /// Obsidian's CSS classes for the note: accepted, not used.
    #[serde(default, deserialize_with = "super::values::tag_list")]
    pub cssclasses: Vec<String>,
    /// Obsidian's tags, each with a page (a list, or one text of tags).
    #[serde(default, deserialize_with = "super::values::tag_list")]
    pub tags: Vec<String>,
    /// The widest audience that may see the session: `coach`, `client` or `sponsor`. Left
    /// out: `visibility.sessions` of engagement.yaml.
    #[serde(default)]
    pub visibility: Option<Visibility>,
    /// Health and similar: the session is in the coach's view only, whatever its
    /// `visibility`. Default `false`.
    #[serde(default)]
    pub sensitive: bool,
    /// The day of the next session, as agreed at the end of this one, YYYY-MM-DD.
    #[serde(default)]
    pub next: Option<At<Date>>,
}

/// `lessons/<slug>.md`.
#[derive(Debug, Clone, Serialize)]
pub struct Lesson {
    pub(crate) id: String,
    pub(crate) source: Source,
    pub(crate) front: LessonFront,
    pub(crate) body: Markdown,
    pub(crate) body_line: u32,
    pub(crate) visibility: Visibility,
    /// The properties of the front matter that coachsite does not read itself (in an
    /// export, as far as its reader sees them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub properties: Vec<Property>,
}

/// The front matter of `lessons/<slug>.md`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonFront {
    /// The lesson in a few words.
    pub title: String,
    /// When it was learned, YYYY-MM-DD, if it is known. Lessons are listed newest first.
    #[serde(default)]
    pub date: Option<Date>,
    /// Free tags, each with a page. Tags that differ only in case or punctuation share a
    /// page. A list, or one text of tags separated by commas.
    #[serde(default, deserialize_with = "super::values::comma_list")]
    pub tags: Vec<String>,
    /// Ids of the related objectives.
    #[serde(default)]
    pub objectives: Vec<At<String>>,
    /// The widest audience that may see the lesson: `coach`, `client` or `sponsor`. Left
    /// out: `visibility.lessons` of engagement.yaml, which is `coach` unless changed.
    #[serde(default)]
    pub visibility: Option<Visibility>,
    /// Health and similar: the lesson is in the coach's view only, whatever its
    /// `visibility`. Default `false`.
    #[serde(default)]
    pub sensitive: bool,
    /// Obsidian's aliases: other names a link may give the note (a list, or one text
    /// with commas).
    #[serde(default, deserialize_with = "super::values::comma_list")]
    pub aliases: Vec<String>,
    /// Obsidian's CSS classes for the note: accepted, not used.
    #[serde(default, deserialize_with = "super::values::tag_list")]
    pub cssclasses: Vec<String>,
}
