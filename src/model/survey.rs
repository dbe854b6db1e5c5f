//! `surveys/<date>-<name>.yaml`: a stakeholder pulse, the mini-survey of
//! stakeholder-centred coaching. Each stakeholder rates, per objective, how far the client
//! has changed, from −3 (much worse) to +3 (much better).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{At, Date, Source, Visibility};

/// The lowest and highest rating of a stakeholder pulse.
pub const PULSE_MIN: i64 = -3;
pub(crate) const PULSE_MAX: i64 = 3;
/// The fewest raters a group of a stakeholder pulse (or the pool of its small groups)
/// may have for a reader other than the coach to see its figures (`audience::pulse_of`).
pub const PULSE_MIN_GROUP: u32 = 3;

/// One stakeholder pulse.
#[derive(Debug, Clone, Serialize)]
pub struct Survey {
    pub(crate) id: String,
    pub(crate) source: Source,
    pub(crate) front: SurveyFront,
    pub(crate) visibility: Visibility,
    /// What this view may show of the answers, counted: set by `audience::filter` for
    /// every view (the coach's too), so that every view computes the same figures.
    #[serde(skip)]
    pub pulse: Pulse,
}

/// The content of `surveys/<date>-<name>.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyFront {
    /// When the answers were collected, YYYY-MM-DD.
    pub date: Date,
    /// Its name ("Stakeholder pulse, March").
    pub title: String,
    /// What the stakeholders were asked, e.g. "How far has Ana become more effective at
    /// this since the last survey?"
    #[serde(default)]
    pub question: Option<String>,
    /// One entry per stakeholder who answered. Only the coach ever sees an answer on its
    /// own: the client and the sponsor see counts per rater group, and only of groups of
    /// at least three raters.
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// The widest audience that may see the survey: `coach`, `client` or `sponsor`. Left
    /// out: `visibility.surveys` of engagement.yaml.
    #[serde(default)]
    pub visibility: Option<Visibility>,
    /// Health and similar: the survey is in the coach's view only, whatever its
    /// `visibility`. Default `false`.
    #[serde(default)]
    pub sensitive: bool,
}

/// One stakeholder's answer.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The rater group, an id such as `manager`, `peers` or `direct-reports`.
    pub group: At<String>,
    /// Who answered: the coach's record, in no client's or sponsor's output.
    #[serde(default)]
    pub rater: Option<String>,
    /// Objective id → the change seen, from −3 (much worse) to +3 (much better).
    pub ratings: BTreeMap<At<String>, At<i64>>,
    /// What the stakeholder said: the coach's record, like `rater`.
    #[serde(default)]
    pub comment: Option<String>,
}

/// The answers of a survey a view may show, counted per objective and rater group.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Pulse {
    /// By objective, then group.
    pub tallies: Vec<Tally>,
    /// By objective: the answers left out because their group, even pooled with the
    /// other small groups, has fewer than three raters.
    pub left_out: BTreeMap<String, u32>,
}

/// The ratings of one rater group for one objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tally {
    pub(crate) objective: String,
    /// The group; `None` for the groups of fewer than three raters, pooled.
    pub group: Option<String>,
    /// How many raters answered −3, −2, … +3.
    pub counts: [u32; 7],
}

impl Tally {
    /// How many raters of the group rated the objective.
    #[cfg(test)]
    pub(crate) fn raters(&self) -> u32 {
        self.counts.iter().sum()
    }
}
