//! The engagement's types, exactly as a coach writes them (SPEC §2).
//!
//! These types are deserialized straight from the YAML files by [`crate::load`], so the
//! Rust types *are* the input format: every struct denies unknown keys, and the few
//! values that need a position for later checks (references between files, ratings)
//! carry one in [`At`]. Nothing here knows about files or HTML.
//!
//! `values` holds the building blocks (dates, [`At`], [`Markdown`]), `items` the
//! objectives, assessments, actions, sessions and lessons; this file the engagement
//! itself (`engagement.yaml`) and who may see what.

pub mod dataview;
mod history;
mod items;
mod links;
pub mod placeholders;
mod survey;
#[cfg(test)]
mod tests;
mod values;

pub(crate) use history::*;
pub use items::*;
pub use links::*;
pub use survey::*;
pub use values::*;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Who may see an item. Ordered from the narrowest audience to the widest:
/// an item marked `client` is seen by the coach and the client, not the sponsor.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// The coach only.
    Coach,
    /// The coach and the client.
    Client,
    /// The coach, the client and the sponsor.
    Sponsor,
}

/// The kind of engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// One person is coached.
    Individual,
    /// A team is coached; its members may be rated one by one (`members`).
    Team,
}

/// Interface language of the site.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
    /// German.
    De,
}

/// The whole engagement folder, loaded and cross-checked.
#[derive(Debug, Clone, Serialize)]
pub struct Engagement {
    #[serde(skip)]
    pub(crate) root: PathBuf,
    pub(crate) info: EngagementInfo,
    /// Sorted by id.
    pub objectives: Vec<Objective>,
    /// Sorted by date, then id.
    pub assessments: Vec<Assessment>,
    pub(crate) plan: Plan,
    /// Sorted by date, then id.
    /// Each shared with what `serve` keeps of its file between saves (copied only
    /// where a reader's view changes it).
    pub sessions: Vec<std::sync::Arc<Session>>,
    /// Sorted by date (newest first), then id.
    pub lessons: Vec<Lesson>,
    /// Stakeholder pulses, sorted by date, then id.
    pub surveys: Vec<Survey>,
    /// `report.md`: the coach's summary and next steps for the printed report.
    pub report: Option<ReportNote>,
    /// What this view leaves out: set by [`crate::audience::filter`], so that a page can
    /// tell "none" from "not shared with you". Empty in the coach's view.
    #[serde(skip)]
    pub withheld: Withheld,
    /// The attachments found (images and PDFs in `attachments/` or beside the notes),
    /// as paths relative to the engagement folder. A page copies only those that a text
    /// its reader may see embeds; the list itself is never output.
    #[serde(skip)]
    pub attachments: Attachments,
}

/// `report.md`: what the coach writes at the top of the printed report (a summary, the
/// next steps), in Markdown, with optional front matter.
#[derive(Debug, Clone, Serialize)]
pub struct ReportNote {
    pub(crate) source: Source,
    pub(crate) front: ReportFront,
    pub(crate) body: Markdown,
}

/// The front matter of `report.md`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportFront {
    /// The widest audience whose report shows it. Default `client`: the sponsor's report
    /// shows it only with `visibility: sponsor`.
    #[serde(default = "client_visibility")]
    pub visibility: Visibility,
}

fn client_visibility() -> Visibility {
    Visibility::Client
}

impl Default for ReportFront {
    fn default() -> Self {
        ReportFront {
            visibility: client_visibility(),
        }
    }
}

/// The kinds of item of which a view was given fewer than the engagement holds (items
/// above the audience's level, or kept from the sponsor by rule). Sensitive items do not
/// count: they are out of every view but the coach's, and their existence is not hinted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Withheld {
    pub(crate) objectives: bool,
    pub(crate) assessments: bool,
    pub(crate) actions: bool,
    pub(crate) revisions: bool,
    pub(crate) sessions: bool,
    pub(crate) lessons: bool,
    pub(crate) surveys: bool,
    /// The engagement's context (free text), kept from the sponsor unless shared.
    pub context: bool,
    /// The objectives that a session this view leaves out discussed (not a sensitive
    /// one): their pages say the notes are not shared, the others "not discussed yet".
    pub(crate) discussed: std::collections::BTreeSet<String>,
    /// Whether an open or blocked action is left out: the dashboard's next actions say
    /// "not shared" only then.
    pub(crate) open_actions: bool,
    /// The objectives that an action this view leaves out is linked to: their pages say
    /// no action is shared, the others that none is linked yet.
    pub(crate) acted_on: std::collections::BTreeSet<String>,
    /// The due dates of the actions this view leaves out: the commitment says "not
    /// shared" for want of an action due only when one of them was due by the as-of date.
    pub(crate) actions_due: Vec<Date>,
    /// Whether a session this view leaves out (its note) gathered lessons.
    pub(crate) gathered: bool,
    /// The sessions whose notes this view leaves out (not a sensitive one): that they
    /// took place, which every reader who could know it is told. By date.
    pub occurrences: Vec<Occurrence>,
    /// For the sponsor, whose view lists no session: the next session (`next:`) as the
    /// latest session note they may read agreed it (a three-way note), for the calendar
    /// feed. `None` in every other view, whose sessions say it
    /// ([`crate::audience::next_session`]).
    pub(crate) next_session: Option<Date>,
}

/// A session whose note its reader may not read (`visibility`), as that reader is told
/// of it: its day, how long it lasted and how many attended, which of the engagement's
/// members among them. Nothing of its note: no title, text, technique or property.
/// (`sensitive: true` hides that a session took place at all.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    /// The day it took place.
    pub date: Date,
    /// Minutes, as `duration:` says.
    pub minutes: Option<u32>,
    /// How many attended, members and others.
    pub attendees: usize,
    /// The ids of the members who attended.
    pub members: Vec<String>,
}

/// What the coach shares with one audience beyond the items it may see: diagnostics
/// (verdicts and technical figures) and, for the sponsor, free text. SPEC §5: by default
/// the client and the sponsor see facts, not verdicts.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Shared {
    /// The SMART card of each objective, letter by letter.
    Smart,
    /// The zone-of-proximal-development check of each objective's competencies.
    Zpd,
    /// The pace needed against the pace observed.
    Pace,
    /// Where the planned trajectory says the objective should be by now.
    Trajectory,
    /// The verdict on each objective: on track, at risk, stalled, overdue…
    Tracking,
    /// The trend of the measurements.
    Trend,
    /// The date the trend reaches the target.
    Forecast,
    /// The commitment rate (actions done on time).
    Commitment,
    /// The GAS T-score across objectives.
    Gas,
    /// The sessions and hours held against the contract (`contract:`). The sponsor always
    /// sees them: they are what the sponsor pays for.
    Contract,
    /// For the sponsor: the engagement's `context`.
    Context,
    /// For the sponsor: the observations of the assessments they see.
    Observations,
    /// For the sponsor: the plan's revisions and their summaries.
    Revisions,
}

/// `share:` in engagement.yaml: what the client and the sponsor see of the diagnostics
/// and of free text. The coach sees everything.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Share {
    /// What the client sees of the diagnostics. Default: `[trend, forecast, commitment,
    /// gas]`, facts and no verdicts.
    #[serde(default = "facts")]
    pub client: Vec<Shared>,
    /// What the sponsor sees of the diagnostics, and of the free text listed for the
    /// sponsor (`context`, `observations`, `revisions`). Default: `[trend, forecast,
    /// commitment, gas]`.
    #[serde(default = "facts")]
    pub sponsor: Vec<Shared>,
    /// Properties of your own (keys of notes' front matter that coachsite does not read,
    /// such as `topics`) that the client and the sponsor see on the pages of the notes
    /// they see. Default: none; the coach sees them all.
    #[serde(default)]
    pub properties: SharedProperties,
}

/// `share.properties`: the keys of the properties of your own that each reader sees.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharedProperties {
    /// The keys the client sees, e.g. `[topics, mood]`.
    #[serde(default)]
    pub client: Vec<String>,
    /// The keys the sponsor sees (on the objectives and lessons they see: the sponsor
    /// reads no session notes).
    #[serde(default)]
    pub sponsor: Vec<String>,
}

/// The default: facts (trend, forecast, commitment, GAS T-score), no verdicts.
fn facts() -> Vec<Shared> {
    vec![
        Shared::Trend,
        Shared::Forecast,
        Shared::Commitment,
        Shared::Gas,
        Shared::Contract,
    ]
}

impl Default for Share {
    fn default() -> Self {
        Share {
            client: facts(),
            sponsor: facts(),
            properties: SharedProperties::default(),
        }
    }
}

impl Engagement {
    pub(crate) fn objective(&self, id: &str) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.id == id)
    }

    pub(crate) fn competency(&self, id: &str) -> Option<&Competency> {
        self.info.competencies.iter().find(|c| c.id == id)
    }

    pub(crate) fn member_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.info
            .members
            .iter()
            .find(|m| m.id == id)
            .map_or(id, |m| m.name.as_str())
    }
}

/// `engagement.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EngagementInfo {
    /// The engagement's name, shown on the dashboard.
    pub title: String,
    /// Who is coached: the person, or the team and its organisation.
    pub client: String,
    /// Whether one person or a team is coached.
    pub kind: Kind,
    /// The coach's name.
    pub coach: String,
    /// The sponsor, for three-way contracting; left out when there is none.
    #[serde(default)]
    pub sponsor: Option<String>,
    /// The first day of the engagement, YYYY-MM-DD. Objectives start here unless they say
    /// otherwise.
    pub start: Date,
    /// The last day, YYYY-MM-DD, not before `start`. Once it has passed, figures are as of
    /// this day unless `--as-of` gives another; left out while the engagement has no end
    /// date.
    #[serde(default)]
    pub end: Option<At<Date>>,
    /// The language of the site and of the findings, and how dates and numbers are written:
    /// `en` (the default), `fr` or `de`.
    #[serde(default)]
    pub language: Language,
    /// Structure, procedures, culture, habits, past experience (Markdown), shown on the
    /// dashboard.
    #[serde(default)]
    pub context: Option<Markdown>,
    /// The competency scale of assessments.
    pub scale: Scale,
    /// What assessments rate; `[]` when there are none.
    pub competencies: Vec<Competency>,
    /// The people of a team who are rated one by one. Default: none.
    #[serde(default)]
    pub members: Vec<Member>,
    /// Calibration of the zone-of-proximal-development checks; each key has a default.
    #[serde(default)]
    pub zpd: Zpd,
    /// The site's title, address, logo, accent colour and paper.
    #[serde(default)]
    pub site: SiteSettings,
    /// The default visibility of each kind of item.
    #[serde(default)]
    pub visibility: VisibilityDefaults,
    /// The day until which the coach may keep the engagement's data, YYYY-MM-DD: once it
    /// has passed, `check` reports an error. Left out: no such day.
    #[serde(default)]
    pub retain_until: Option<Date>,
    /// What the client and the sponsor see of the diagnostics (docs/audiences.md).
    #[serde(default)]
    pub share: Share,
    /// Where the notes of each kind are, when not in the folder named after the kind:
    /// `folders: {sessions: meetings}` (docs/format.md, "Where the notes are").
    #[serde(default)]
    pub folders: Folders,
    /// How to reach the client, for the coach's ICF client coaching log (`export
    /// --format icf-log`). The coach's record: in no client's or sponsor's output.
    #[serde(default)]
    pub contact: Option<String>,
    /// Whether the coaching is paid (the default) or pro bono, for the ICF log. The
    /// coach's record, like `contact`.
    #[serde(default)]
    pub billing: Option<Billing>,
    /// What was agreed: how many sessions, how many hours, at what rhythm. Each key is
    /// optional; left out, nothing is agreed.
    #[serde(default)]
    pub contract: Contract,
}

/// `contract:` in engagement.yaml: `{sessions: 10, hours: 15, cadence_days: 14}`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// The number of sessions agreed, 1 to 1,000.
    #[serde(default)]
    pub sessions: Option<At<u32>>,
    /// The hours of coaching agreed, more than 0 and at most 10,000.
    #[serde(default)]
    pub hours: Option<At<f64>>,
    /// The agreed rhythm: a session every this many days, 1 to 366.
    #[serde(default)]
    pub cadence_days: Option<At<u32>>,
}

/// How an engagement's hours count in the ICF client coaching log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Billing {
    /// Paid coaching hours (the default).
    Paid,
    /// Pro bono hours.
    ProBono,
}

/// The competency scale used by assessments.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    /// The lowest level, a whole number from −1000 to 1000, below `max`.
    pub min: At<i64>,
    /// The highest level, a whole number from −1000 to 1000; the scale has at most 101
    /// levels.
    pub max: At<i64>,
    /// One label per level from `min` to `max` (5 labels for 1…5), shown beside each
    /// level's number; left out, levels are numbers alone.
    #[serde(default)]
    pub labels: Option<At<Vec<String>>>,
    /// How far one rating on this scale can be trusted to repeat (test–retest
    /// reliability, 0 to 0.99), for the reliable change of a level. Default 0.8.
    #[serde(default)]
    pub reliability: Option<At<f64>>,
    /// The standard deviation of ratings on this scale, for the reliable change of a
    /// level. Default: that of a rating given at random, √((levels² − 1) / 12).
    #[serde(default)]
    pub sd: Option<At<f64>>,
}

impl Scale {
    /// The label of a level, when the scale has labels.
    pub fn label(&self, level: i64) -> Option<&str> {
        let index = usize::try_from(level.checked_sub(self.min.value)?).ok()?;
        self.labels.as_ref()?.value.get(index).map(String::as_str)
    }

    /// The levels from min to max.
    pub fn levels(&self) -> std::ops::RangeInclusive<i64> {
        self.min.value..=self.max.value
    }

    /// The number of levels, from min to max.
    pub fn points(&self) -> i64 {
        self.max
            .value
            .saturating_sub(self.min.value)
            .saturating_add(1)
            .max(1)
    }

    /// `reliability`, or its default of 0.8.
    pub fn reliability(&self) -> f64 {
        self.reliability.as_ref().map_or(0.8, |r| r.value)
    }

    /// `sd`, or the standard deviation of a rating given at random on the scale.
    pub fn sd(&self) -> f64 {
        let points = self.points() as f64;
        self.sd
            .as_ref()
            .map_or(((points * points - 1.0) / 12.0).sqrt(), |s| s.value)
    }
}

/// A competency that assessments rate.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    /// Its id: lower-case letters, digits and `-`, unique among the competencies.
    /// Objectives and assessments refer to it.
    pub id: At<String>,
    /// Its name, as the pages show it.
    pub name: String,
    /// The level the engagement aims for.
    pub target: At<i64>,
    /// What it covers: kept with the data, not shown by the built-in pages.
    #[serde(default)]
    pub description: Option<String>,
}

impl PartialEq<str> for At<String> {
    fn eq(&self, other: &str) -> bool {
        self.value == other
    }
}
impl PartialEq<&str> for At<String> {
    fn eq(&self, other: &&str) -> bool {
        self.value == *other
    }
}

/// A member of a team, rated one by one in assessments.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Their id, unique among the members. Assessments and session attendees refer to it.
    pub id: At<String>,
    /// Their name, shown in place of the id.
    pub name: String,
    /// Their role in the team: kept with the data, not shown by the built-in pages.
    #[serde(default)]
    pub role: Option<String>,
}

/// Calibration of the zone-of-proximal-development checks.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Zpd {
    /// Realistic competency growth, in levels per month, from 0.01 to 100. Default 0.5.
    #[serde(default = "default_levels_per_month")]
    pub max_levels_per_month: At<f64>,
    /// How many times faster than observed an objective may need progress before it is
    /// flagged, from 0.1 to 100. Default 2.0.
    #[serde(default = "default_pace_ratio")]
    pub max_pace_ratio: At<f64>,
    /// An objective with no new measurement for this many days is stalled.
    #[serde(default = "default_stalled_days")]
    pub stalled_after_days: At<i64>,
}

fn default_stalled_days() -> At<i64> {
    At::new(30, Pos::default())
}

fn default_levels_per_month() -> At<f64> {
    At::new(0.5, Pos::default())
}
fn default_pace_ratio() -> At<f64> {
    At::new(2.0, Pos::default())
}

impl Default for Zpd {
    fn default() -> Self {
        Zpd {
            max_levels_per_month: default_levels_per_month(),
            max_pace_ratio: default_pace_ratio(),
            stalled_after_days: default_stalled_days(),
        }
    }
}

/// `site:` in engagement.yaml: how the site looks and where it is published.
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteSettings {
    /// The title in the page header. Left out: the engagement's `title`.
    #[serde(default)]
    pub title: Option<String>,
    /// Where the site is published, e.g. `https://coaching.example.org/platform/`. Only a
    /// full `http://` or `https://` address has an effect: a canonical link on each page.
    /// `--base-url` takes its place.
    #[serde(default)]
    pub base_url: Option<String>,
    /// An image in `static/` shown in the header and on the report's cover, e.g.
    /// `logo.svg`.
    #[serde(default)]
    pub logo: Option<At<String>>,
    /// The accent colour of links and highlights, `#rrggbb`. coachsite darkens or lightens
    /// it where needed so that text stays readable in light and dark mode.
    #[serde(default)]
    pub accent: Option<At<String>>,
    /// The paper the report is printed on: `a4` or `letter`. Default: `letter` for an
    /// English engagement, `a4` for French and German ones.
    #[serde(default)]
    pub paper: Option<Paper>,
}

/// Paper sizes for the printed report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    A4,
    /// US Letter, 8.5 × 11 inches.
    Letter,
}

/// `folders:` in engagement.yaml: the folders, inside the engagement folder, where the
/// files of each kind are. A kind left out is in the folder of its name (`sessions/`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Folders {
    /// Where the objectives are. Default: `objectives`.
    #[serde(default)]
    pub objectives: Option<FolderList>,
    /// Where the assessments are. Default: `assessments`.
    #[serde(default)]
    pub assessments: Option<FolderList>,
    /// Where the session notes are, e.g. `meetings` or `[meetings, 1-1s]`. Default:
    /// `sessions`.
    #[serde(default)]
    pub sessions: Option<FolderList>,
    /// Where the lessons are. Default: `lessons`.
    #[serde(default)]
    pub lessons: Option<FolderList>,
    /// Where the surveys are. Default: `surveys`.
    #[serde(default)]
    pub surveys: Option<FolderList>,
}

/// One folder, or several.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum FolderList {
    /// One folder.
    One(FolderSpec),
    /// Several folders.
    Many(Vec<FolderSpec>),
}

/// A folder, with or without a tag that narrows it to the notes carrying it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum FolderSpec {
    /// Every note of the folder (and of its sub-folders): `meetings`.
    Path(String),
    /// Only the notes that carry a tag: `{folder: meetings, tag: people/john-appleseed}`.
    Narrowed {
        /// The folder, relative to the engagement folder.
        folder: String,
        /// The tag (with or without `#`); a nested tag (`people/john/1on1`) carries it too.
        #[serde(default)]
        tag: Option<String>,
    },
}

impl Folders {
    /// The folders of the kind whose default folder is `kind` (`"sessions"`), each with
    /// the tag that narrows it: the default folder when none is given.
    pub fn of(&self, kind: &str) -> Vec<(String, Option<String>)> {
        let list = match kind {
            "objectives" => &self.objectives,
            "assessments" => &self.assessments,
            "sessions" => &self.sessions,
            "lessons" => &self.lessons,
            "surveys" => &self.surveys,
            _ => &None,
        };
        let spec = |s: &FolderSpec| match s {
            FolderSpec::Path(folder) => (tidy_folder(folder), None),
            FolderSpec::Narrowed { folder, tag } => (
                tidy_folder(folder),
                tag.as_deref()
                    .map(|t| t.trim().trim_start_matches('#').to_string())
                    .filter(|t| !t.is_empty()),
            ),
        };
        match list {
            None => vec![(kind.to_string(), None)],
            Some(FolderList::One(s)) => vec![spec(s)],
            Some(FolderList::Many(list)) => list.iter().map(spec).collect(),
        }
    }

    /// Every folder named, whatever its kind, as written (tidied).
    pub fn named(&self) -> Vec<String> {
        [
            "objectives",
            "assessments",
            "sessions",
            "lessons",
            "surveys",
        ]
        .iter()
        .flat_map(|k| self.of(k))
        .map(|(folder, _)| folder)
        .collect()
    }
}

/// A folder as written, with `/` separators and no `./` or trailing `/`.
fn tidy_folder(folder: &str) -> String {
    let folder = folder.trim().replace('\\', "/");
    let folder = folder.trim_start_matches("./").trim_end_matches('/');
    folder.to_string()
}

/// Default visibility per kind of item (SPEC §5).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VisibilityDefaults {
    /// The visibility of objectives that give none. Default `client`.
    #[serde(default = "client")]
    pub objectives: Visibility,
    /// The visibility of assessments that give none. Default `client`.
    #[serde(default = "client")]
    pub assessments: Visibility,
    /// The visibility of the plan's actions and revisions that give none. Default `client`.
    #[serde(default = "client")]
    pub plan: Visibility,
    /// The visibility of session notes that give none. Default `client`.
    #[serde(default = "client")]
    pub sessions: Visibility,
    /// The visibility of lessons that give none. Default `coach`.
    #[serde(default = "coach")]
    pub lessons: Visibility,
    /// The visibility of stakeholder pulses that give none. Default `client`.
    #[serde(default = "client")]
    pub surveys: Visibility,
}

fn client() -> Visibility {
    Visibility::Client
}
fn coach() -> Visibility {
    Visibility::Coach
}

impl Default for VisibilityDefaults {
    fn default() -> Self {
        VisibilityDefaults {
            objectives: Visibility::Client,
            assessments: Visibility::Client,
            plan: Visibility::Client,
            sessions: Visibility::Client,
            lessons: Visibility::Coach,
            surveys: Visibility::Client,
        }
    }
}
