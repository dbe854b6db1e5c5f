//! What the engagement's git history says of an objective: each change to its baseline,
//! target, due date or GAS levels, and when it was committed. Read by `load` from the
//! repository the engagement folder is in; empty without one.

use serde::{Deserialize, Serialize};

use super::Date;

/// One change to what an objective is measured against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetChange {
    /// The day of the commit that made it (its author's date).
    pub date: Date,
    pub change: Changed,
}

/// What changed, from what to what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "field", rename_all = "kebab-case")]
pub enum Changed {
    Baseline {
        from: Option<f64>,
        to: Option<f64>,
    },
    Target {
        from: Option<f64>,
        to: Option<f64>,
    },
    Due {
        from: Option<Date>,
        to: Option<Date>,
    },
    /// The description of a GAS level was written, rewritten or removed (its words are
    /// not kept: they may hold what a reader may not see).
    GasLevel {
        level: i64,
    },
}
