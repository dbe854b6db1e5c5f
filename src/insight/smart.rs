//! SMART, letter by letter, with the typed reason a letter fails.

use serde::{Deserialize, Serialize};

use super::Stretch;
use crate::model::{Date, Objective};

/// One SMART letter: passed, or failed with the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmartLetter {
    pub(crate) letter: char,
    pub(crate) pass: bool,
    pub(crate) reasons: Vec<SmartReason>,
}

/// Why a SMART letter fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SmartReason {
    NoSpecific,
    SpecificTooShort,
    NoMeasure,
    NoBaseline,
    NoTarget,
    NoAchievable,
    BeyondZpd,
    NoRelevant,
    NoDue,
    DueBeforeStart,
}

/// SMART per letter, with the reasons for each failure.
pub fn smart(o: &Objective, start: Date, stretches: &[Stretch]) -> Vec<SmartLetter> {
    let f = &o.front;
    let blank = |t: &Option<String>| t.as_deref().is_none_or(|t| t.trim().is_empty());
    let letter = |letter: char, reasons: Vec<SmartReason>| SmartLetter {
        letter,
        pass: reasons.is_empty(),
        reasons,
    };
    let mut s = Vec::new();
    if blank(&f.specific) {
        s.push(SmartReason::NoSpecific);
    } else if f
        .specific
        .as_deref()
        .is_some_and(|t| t.split_whitespace().count() < 4)
    {
        s.push(SmartReason::SpecificTooShort);
    }
    let mut m = Vec::new();
    match (&f.measure, &f.gas) {
        (None, None) => m.push(SmartReason::NoMeasure),
        (Some(measure), _) => {
            if measure.baseline.is_none() {
                m.push(SmartReason::NoBaseline);
            }
            if measure.target.is_none() {
                m.push(SmartReason::NoTarget);
            }
        }
        (None, Some(_)) => {}
    }
    let mut a = Vec::new();
    if blank(&f.achievable) {
        a.push(SmartReason::NoAchievable);
    }
    if stretches.iter().any(|s| s.beyond_zpd) {
        a.push(SmartReason::BeyondZpd);
    }
    let mut r = Vec::new();
    if blank(&f.relevant) {
        r.push(SmartReason::NoRelevant);
    }
    let mut t = Vec::new();
    match f.due {
        None => t.push(SmartReason::NoDue),
        Some(due) if due <= start => t.push(SmartReason::DueBeforeStart),
        _ => {}
    }
    vec![
        letter('S', s),
        letter('M', m),
        letter('A', a),
        letter('R', r),
        letter('T', t),
    ]
}
