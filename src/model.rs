//! The engagement's types, exactly as a coach writes them (SPEC §2).
//!
//! These types are deserialized straight from the YAML files by [`crate::load`], so the
//! Rust types *are* the input format: every struct denies unknown keys, and the few
//! values that need a position for later checks (references between files, ratings)
//! carry one in [`At`]. Nothing here knows about files or HTML.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, written `YYYY-MM-DD` in every file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Builds a date from its parts; `None` for an impossible date.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// Parses `YYYY-MM-DD`, explaining what is wrong in words a coach understands.
    pub fn parse(text: &str) -> Result<Date, String> {
        let shape_ok = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shape_ok {
            return Err(format!(
                "`{text}` is not a date: write dates as YYYY-MM-DD, e.g. 2026-02-05"
            ));
        }
        let year: i32 = text[0..4]
            .parse()
            .map_err(|_| format!("`{text}`: bad year"))?;
        let month: u32 = text[5..7]
            .parse()
            .map_err(|_| format!("`{text}`: bad month"))?;
        let day: u32 = text[8..10]
            .parse()
            .map_err(|_| format!("`{text}`: bad day"))?;
        if !(crate::limits::FIRST_YEAR..=crate::limits::LAST_YEAR).contains(&year) {
            return Err(format!(
                "`{text}` is out of range: dates are between {} and {}",
                crate::limits::FIRST_YEAR,
                crate::limits::LAST_YEAR
            ));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("`{text}` is not a date: there is no month {month}"));
        }
        match Date::from_ymd(year, month, day) {
            Some(date) => Ok(date),
            None => Err(format!(
                "`{text}` is not a date: {} {year} has {} days",
                MONTHS_EN[(month - 1) as usize],
                days_in_month(year, month)
            )),
        }
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).num_days()
    }

    /// The date `days` later (earlier when negative); `None` past the calendar's range,
    /// so date arithmetic on any input can never panic.
    pub fn add_days(self, days: i64) -> Option<Date> {
        chrono::TimeDelta::try_days(days)
            .and_then(|delta| self.0.checked_add_signed(delta))
            .map(Date)
    }

    /// The year, month (1–12) and day (1–31).
    pub fn ymd(self) -> (i32, u32, u32) {
        (self.0.year(), self.0.month(), self.0.day())
    }
}

/// English month names, for messages (the site's own come from [`crate::i18n`]).
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(text.trim()).map_err(serde::de::Error::custom)
    }
}

/// A position in a source file (1-based line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// A value with the position where it was written, for checks made after parsing
/// (a reference to an objective that does not exist, a rating off the scale…).
#[derive(Debug, Clone)]
pub struct At<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> At<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        At { value, pos }
    }
}

/// Numbers are read strictly: a quoted `"5"` is text, not a number, and is refused
/// rather than silently converted (YAML parsers disagree about it, and a coach who
/// quoted a number usually meant something else).
impl<'de, T: Deserialize<'de> + 'static> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let at = |loc: serde_saphyr::Location| Pos {
            line: loc.line() as u32,
            column: loc.column() as u32,
        };
        if Number::<T>::is_number() {
            let spanned = serde_saphyr::Spanned::<Number<T>>::deserialize(deserializer)?;
            return Ok(At::new(spanned.value.0, at(spanned.referenced)));
        }
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(At::new(spanned.value, at(spanned.referenced)))
    }
}

/// A number of type `T` (`f64`, `i64` or `u32`), read only from an unquoted YAML number.
struct Number<T>(T);

impl<T: 'static> Number<T> {
    fn is_number() -> bool {
        use std::any::TypeId;
        let ty = TypeId::of::<T>();
        ty == TypeId::of::<f64>() || ty == TypeId::of::<i64>() || ty == TypeId::of::<u32>()
    }

    /// The number as a `T`, or why it cannot be one.
    fn of(value: f64, whole: Option<i64>) -> Result<Self, String> {
        use std::any::{Any, TypeId};
        let ty = TypeId::of::<T>();
        let boxed: Box<dyn Any> = if ty == TypeId::of::<f64>() {
            Box::new(value)
        } else {
            let whole = whole.ok_or_else(|| format!("expected a whole number, found {value}"))?;
            if ty == TypeId::of::<i64>() {
                Box::new(whole)
            } else {
                Box::new(u32::try_from(whole).map_err(|_| {
                    format!(
                        "expected a whole number from 0 to {}, found {whole}",
                        u32::MAX
                    )
                })?)
            }
        };
        boxed
            .downcast::<T>()
            .map(|value| Number(*value))
            .map_err(|_| "expected a number".to_string())
    }
}

impl<'de, T: 'static> Deserialize<'de> for Number<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<T: 'static> serde::de::Visitor<'_> for Visitor<T> {
            type Value = Number<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: Error>(self, n: i64) -> Result<Number<T>, E> {
                Number::of(n as f64, Some(n)).map_err(E::custom)
            }
            fn visit_u64<E: Error>(self, n: u64) -> Result<Number<T>, E> {
                let n = i64::try_from(n)
                    .map_err(|_| E::custom(format!("the number {n} is far too large")))?;
                self.visit_i64(n)
            }
            fn visit_i128<E: Error>(self, n: i128) -> Result<Number<T>, E> {
                Err(E::custom(format!("the number {n} is far too large")))
            }
            fn visit_u128<E: Error>(self, n: u128) -> Result<Number<T>, E> {
                Err(E::custom(format!("the number {n} is far too large")))
            }
            fn visit_f64<E: Error>(self, x: f64) -> Result<Number<T>, E> {
                Number::of(x, None).map_err(E::custom)
            }
            fn visit_str<E: Error>(self, text: &str) -> Result<Number<T>, E> {
                Err(E::custom(if text.trim().parse::<f64>().is_ok() {
                    format!(
                        "expected a number, found the text \"{text}\" in quotes: write the number without quotes"
                    )
                } else {
                    format!(
                        "expected a number, found `{text}`: write a number such as 90, without units"
                    )
                }))
            }
            fn visit_bool<E: Error>(self, b: bool) -> Result<Number<T>, E> {
                Err(E::custom(format!("expected a number, found `{b}`")))
            }
            fn visit_unit<E: Error>(self) -> Result<Number<T>, E> {
                Err(E::custom("expected a number, found nothing"))
            }
        }
        deserializer.deserialize_any(Visitor(std::marker::PhantomData))
    }
}

/// Described as its value alone: the position is not part of the format.
impl<T: schemars::JsonSchema> schemars::JsonSchema for At<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// A date is written `YYYY-MM-DD`.
impl schemars::JsonSchema for Date {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date written YYYY-MM-DD, e.g. 2026-02-05"
        })
    }
}

/// Serialised as its value alone: positions are for diagnostics, not for exports.
impl<T: Serialize> Serialize for At<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T: PartialEq> PartialEq for At<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}
impl<T: Eq> Eq for At<T> {}
impl<T: Ord> PartialOrd for At<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T: Ord> Ord for At<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

/// Markdown a coach wrote (notes, narratives, context, observations). A type of its own
/// so that [`crate::audience`] treats it as Markdown, by type: `%% … %%` asides are cut
/// for the client and the sponsor and marked as coach-only in the coach's view.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Markdown(pub String);

impl std::ops::Deref for Markdown {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Markdown {
    fn from(text: &str) -> Self {
        Markdown(text.to_string())
    }
}

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
    Coach,
    Client,
    Sponsor,
}

/// The kind of engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Individual,
    Team,
}

/// Interface language of the site.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Fr,
    De,
}

/// The whole engagement folder, loaded and cross-checked.
#[derive(Debug, Clone, Serialize)]
pub struct Engagement {
    #[serde(skip)]
    pub root: PathBuf,
    pub info: EngagementInfo,
    /// Sorted by id.
    pub objectives: Vec<Objective>,
    /// Sorted by date, then id.
    pub assessments: Vec<Assessment>,
    pub plan: Plan,
    /// Sorted by date, then id.
    pub sessions: Vec<Session>,
    /// Sorted by date (newest first), then id.
    pub lessons: Vec<Lesson>,
}

impl Engagement {
    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.id == id)
    }

    pub fn competency(&self, id: &str) -> Option<&Competency> {
        self.info.competencies.iter().find(|c| c.id == id)
    }

    pub fn member_name<'a>(&'a self, id: &'a str) -> &'a str {
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
    pub title: String,
    pub client: String,
    pub kind: Kind,
    pub coach: String,
    #[serde(default)]
    pub sponsor: Option<String>,
    pub start: Date,
    #[serde(default)]
    pub end: Option<At<Date>>,
    #[serde(default)]
    pub language: Language,
    /// Markdown.
    #[serde(default)]
    pub context: Option<Markdown>,
    pub scale: Scale,
    pub competencies: Vec<Competency>,
    #[serde(default)]
    pub members: Vec<Member>,
    #[serde(default)]
    pub zpd: Zpd,
    #[serde(default)]
    pub site: SiteSettings,
    #[serde(default)]
    pub visibility: VisibilityDefaults,
    #[serde(default)]
    pub retain_until: Option<Date>,
}

/// The competency scale used by assessments.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub min: At<i64>,
    pub max: At<i64>,
    #[serde(default)]
    pub labels: Option<At<Vec<String>>>,
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
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Competency {
    pub id: At<String>,
    pub name: String,
    /// The level the engagement aims for.
    pub target: At<i64>,
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

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: At<String>,
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
}

/// Calibration of the zone-of-proximal-development checks.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Zpd {
    #[serde(default = "default_levels_per_month")]
    pub max_levels_per_month: At<f64>,
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

#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteSettings {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub base_url: Option<String>,
}

/// Default visibility per kind of item (SPEC §5).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VisibilityDefaults {
    #[serde(default = "client")]
    pub objectives: Visibility,
    #[serde(default = "client")]
    pub assessments: Visibility,
    #[serde(default = "client")]
    pub plan: Visibility,
    #[serde(default = "client")]
    pub sessions: Visibility,
    #[serde(default = "coach")]
    pub lessons: Visibility,
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
        }
    }
}

/// Where an item came from, for links back to the source and for diagnostics.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Source {
    /// Path relative to the engagement folder, with `/` separators.
    pub path: String,
}

/// `objectives/<id>.md`.
#[derive(Debug, Clone, Serialize)]
pub struct Objective {
    pub id: String,
    pub source: Source,
    pub front: ObjectiveFront,
    /// Markdown narrative.
    pub body: Markdown,
    /// Resolved visibility (the item's own or the engagement's default).
    pub visibility: Visibility,
}

impl Objective {
    pub fn title(&self) -> &str {
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

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
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
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
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

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub date: Date,
    pub target: At<f64>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    pub date: Date,
    pub value: At<f64>,
    #[serde(default)]
    pub note: Option<String>,
}

/// `assessments/<date>-<name>.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub id: String,
    pub source: Source,
    pub front: AssessmentFront,
    pub visibility: Visibility,
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
pub struct Plan {
    pub source: Source,
    pub actions: Vec<Action>,
    pub revisions: Vec<Revision>,
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
    pub id: String,
    pub source: Source,
    pub front: SessionFront,
    /// Markdown notes; may contain `%% … %%` coach-only text.
    pub body: Markdown,
    /// Line of the body's first line in the file.
    pub body_line: u32,
    pub visibility: Visibility,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
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
    #[serde(default)]
    pub lessons: Vec<String>,
    /// Coach-only notes (Markdown).
    #[serde(default)]
    pub private: Option<Markdown>,
    #[serde(default)]
    pub visibility: Option<Visibility>,
    #[serde(default)]
    pub sensitive: bool,
}

/// `lessons/<slug>.md`.
#[derive(Debug, Clone, Serialize)]
pub struct Lesson {
    pub id: String,
    pub source: Source,
    pub front: LessonFront,
    pub body: Markdown,
    pub body_line: u32,
    pub visibility: Visibility,
}

#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_dates() {
        assert_eq!(Date::parse("2026-02-05").map(|d| d.ymd()), Ok((2026, 2, 5)));
    }

    #[test]
    fn explains_impossible_dates() {
        assert_eq!(
            Date::parse("2026-02-30").unwrap_err(),
            "`2026-02-30` is not a date: February 2026 has 28 days"
        );
        assert_eq!(
            Date::parse("2028-02-30").unwrap_err(),
            "`2028-02-30` is not a date: February 2028 has 29 days"
        );
        assert!(
            Date::parse("2026-13-01")
                .unwrap_err()
                .contains("no month 13")
        );
        assert!(Date::parse("5.2.2026").unwrap_err().contains("YYYY-MM-DD"));
    }

    #[test]
    fn visibility_orders_from_narrow_to_wide() {
        assert!(Visibility::Coach < Visibility::Client);
        assert!(Visibility::Client < Visibility::Sponsor);
    }

    #[test]
    fn scale_labels_follow_min() {
        let scale = Scale {
            min: At::new(1, Pos::default()),
            max: At::new(3, Pos::default()),
            labels: Some(At::new(
                vec!["a".into(), "b".into(), "c".into()],
                Pos::default(),
            )),
        };
        assert_eq!(scale.label(1), Some("a"));
        assert_eq!(scale.label(3), Some("c"));
        assert_eq!(scale.label(0), None);
        assert_eq!(scale.label(4), None);
    }
}
