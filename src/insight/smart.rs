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
    /// Whether the letter is checked against the data (M and T); S, A and R can only
    /// be found stated or missing.
    #[serde(default)]
    pub(crate) checked: bool,
    /// What does not fail the letter but asks for more (a statement with no outcome
    /// anyone can see or count).
    #[serde(default)]
    pub(crate) notes: Vec<SmartReason>,
}

/// Why a SMART letter fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SmartReason {
    NoSpecific,
    SpecificTooShort,
    /// Stated, with no outcome anyone can see or count ("We want to feel better."): a
    /// note, not a failure.
    SpecificVague,
    NoMeasure,
    NoBaseline,
    NoTarget,
    /// A key result has no target.
    KeyResultNoTarget,
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
        checked: matches!(letter, 'M' | 'T'),
        notes: Vec::new(),
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
        // Key results: measurable when each has a target (one without a baseline starts
        // from its first measurement).
        (None, None) if !f.key_results.is_empty() => {
            if f.key_results.iter().any(|k| k.target.is_none()) {
                m.push(SmartReason::KeyResultNoTarget);
            }
        }
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
    let mut specific = letter('S', s);
    if specific.pass && f.specific.as_deref().is_some_and(is_vague) {
        specific.notes.push(SmartReason::SpecificVague);
    }
    vec![
        specific,
        letter('M', m),
        letter('A', a),
        letter('R', r),
        letter('T', t),
    ]
}

/// Words that say a change is wanted without saying what can be seen or counted, in the
/// three languages (lower case).
const VAGUE: &[&str] = &[
    "better",
    "improve",
    "improved",
    "improving",
    "more",
    "less",
    "good",
    "well",
    "feel",
    "happier",
    "stronger",
    "enhance",
    "optimise",
    "optimize",
    "mieux",
    "meilleur",
    "meilleure",
    "meilleurs",
    "améliorer",
    "plus",
    "moins",
    "bien",
    "sentir",
    "besser",
    "verbessern",
    "mehr",
    "weniger",
    "gut",
    "wohler",
    "fühlen",
];

/// Whether a `specific` statement says a change is wanted and nothing that can be seen
/// or counted: a word of [`VAGUE`], no number, and too few words (under eight) to say
/// who does what.
pub(crate) fn is_vague(statement: &str) -> bool {
    let words: Vec<String> = statement
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.len() < 8
        && !statement.chars().any(|c| c.is_ascii_digit())
        && words.iter().any(|w| VAGUE.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::is_vague;

    #[test]
    fn a_statement_with_no_outcome_to_see_or_count_is_vague() {
        for vague in [
            "We want to feel better.",
            "Improve team communication.",
            "Nous voulons mieux communiquer.",
            "Das Team soll besser planen.",
        ] {
            assert!(is_vague(vague), "{vague}");
        }
        for clear in [
            "The team meets its sprint goal in each two-week sprint.",
            "Maya hands the weekly planning to the three team leads, one at a time.",
            "Fewer than 4 defects reach production per sprint, less than now.",
            "Ana runs the retrospective.",
        ] {
            assert!(!is_vague(clear), "{clear}");
        }
    }
}
