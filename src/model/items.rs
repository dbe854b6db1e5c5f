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
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ObjectiveStatus {
    Proposed,
    #[default]
    Active,
    Achieved,
    Paused,
    Dropped,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveFront {
    pub title: String,
    #[serde(default)]
    pub specific: Option<String>,
    #[serde(default)]
    pub measure: Option<Measure>,
    /// Goal attainment scaling: level (−2…2) → description of that outcome.
    #[serde(default)]
    pub gas: Option<At<BTreeMap<i64, String>>>,
    /// Weight of this objective in the GAS T-score (default 1).
    #[serde(default)]
    pub weight: Option<At<f64>>,
    #[serde(default)]
    pub relevant: Option<String>,
    #[serde(default)]
    pub achievable: Option<String>,
    /// When work on the objective started (defaults to the engagement's start).
    #[serde(default)]
    pub start: Option<Date>,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub status: ObjectiveStatus,
    #[serde(default)]
    pub competencies: Vec<At<String>>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub measurements: Vec<Measurement>,
    #[serde(default)]
    pub visibility: Option<Visibility>,
    #[serde(default)]
    pub sensitive: bool,
    /// Obsidian's own properties, accepted so that a vault builds as it is; not shown.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub cssclasses: Vec<String>,
    /// Obsidian's tags: accepted, not shown.
    #[serde(default)]
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

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub metric: String,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub baseline: Option<At<f64>>,
    #[serde(default)]
    pub target: Option<At<f64>>,
}

/// Whether a measured objective is reached by going up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub date: Date,
    pub target: At<f64>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    pub date: Date,
    pub value: At<f64>,
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

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentFront {
    pub date: Date,
    pub title: String,
    #[serde(default)]
    pub ratings: BTreeMap<At<String>, At<i64>>,
    #[serde(default)]
    pub members: BTreeMap<At<String>, BTreeMap<At<String>, At<i64>>>,
    /// Markdown.
    #[serde(default)]
    pub observations: Option<Markdown>,
    #[serde(default)]
    pub visibility: Option<Visibility>,
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

#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub revisions: Vec<Revision>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    #[default]
    Open,
    Done,
    Dropped,
    Blocked,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: At<String>,
    pub title: String,
    #[serde(default)]
    pub objective: Option<At<String>>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub agreed: Option<Date>,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub status: ActionStatus,
    #[serde(default)]
    pub done: Option<At<Date>>,
    #[serde(default)]
    pub reviews: Vec<Review>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub visibility: Option<Visibility>,
    #[serde(default)]
    pub sensitive: bool,
    /// Resolved visibility, filled in by the loader.
    #[serde(skip, default = "client")]
    pub resolved_visibility: Visibility,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub date: Date,
    pub status: ActionStatus,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    pub date: Date,
    pub summary: String,
    #[serde(default)]
    pub visibility: Option<Visibility>,
    #[serde(default)]
    pub sensitive: bool,
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
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionFront {
    pub date: Date,
    pub title: String,
    /// Minutes.
    #[serde(default)]
    pub duration: Option<At<u32>>,
    #[serde(default)]
    pub attendees: Vec<String>,
    #[serde(default)]
    pub objectives: Vec<At<String>>,
    #[serde(default)]
    pub actions: Vec<At<String>>,
    #[serde(default)]
    pub techniques: Vec<String>,
    /// Scaling questions, 0–10.
    #[serde(default)]
    pub ratings: BTreeMap<String, At<f64>>,
    /// Measurements taken in this session, by objective id: a value, or a GAS level.
    /// Each joins its objective's measurements on the session's date.
    /// A key with nothing after it (only comments, as `note` writes it) is empty.
    #[serde(default, deserialize_with = "super::values::null_as_default")]
    pub measured: BTreeMap<At<String>, At<f64>>,
    #[serde(default)]
    pub lessons: Vec<String>,
    /// Coach-only notes (Markdown).
    #[serde(default)]
    pub private: Option<Markdown>,
    /// Obsidian's own properties, accepted so that a vault builds as it is; not shown.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub cssclasses: Vec<String>,
    /// Obsidian's tags: accepted, not shown.
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub visibility: Option<Visibility>,
    #[serde(default)]
    pub sensitive: bool,
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
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonFront {
    pub title: String,
    #[serde(default)]
    pub date: Option<Date>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub objectives: Vec<At<String>>,
    #[serde(default)]
    pub visibility: Option<Visibility>,
    #[serde(default)]
    pub sensitive: bool,
    /// Obsidian's own properties, accepted so that a vault builds as it is; not shown.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub cssclasses: Vec<String>,
}
