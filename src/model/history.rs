//! What the engagement's git history says of an objective: each change to its baseline,
//! target (its own or a key result's), due date or GAS levels, and when it was committed. Read by `load` from the
//! repository the engagement folder is in; empty without one.

use serde::{Deserialize, Serialize};

use super::{Date, Visibility};

/// One change to what an objective is measured against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetChange {
    /// The day of the commit that made it (its author's date).
    pub date: Date,
    pub(crate) change: Changed,
    /// The measurements the objective's file held, dated on or before `date`, in the
    /// version before the change: what had been measured when it was made.
    pub measured_before: usize,
    /// The narrowest audience that could see both versions (a sensitive version: the
    /// coach's): a reader who could not see one of them is not told of the change.
    #[serde(skip, default = "coach")]
    pub visibility: Visibility,
    /// For a GAS level, its words before and after (cut for each reader like every text),
    /// so that a change to a coach-only aside alone is no change for the client.
    #[serde(skip)]
    pub words: Option<GasWords>,
}

fn coach() -> Visibility {
    Visibility::Coach
}

/// A GAS level's description before and after a change.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GasWords {
    pub(crate) before: Option<String>,
    pub(crate) after: Option<String>,
}

/// What changed, from what to what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "kebab-case")]
pub(crate) enum Changed {
    Baseline {
        from: Option<f64>,
        to: Option<f64>,
        /// The key result whose baseline changed; `None` for the objective's `measure`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key_result: Option<String>,
    },
    Target {
        from: Option<f64>,
        to: Option<f64>,
        /// The key result whose target changed; `None` for the objective's `measure`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        key_result: Option<String>,
    },
    Due {
        from: Option<Date>,
        to: Option<Date>,
    },
    /// The description of a GAS level was written, rewritten or removed (its words are
    /// not shown: only that it changed).
    GasLevel { level: i64, edit: GasEdit },
}

/// What became of a GAS level's description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum GasEdit {
    Added,
    Rewritten,
    Removed,
}
