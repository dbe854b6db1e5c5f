//! The checks of measured values that need only their file: finite numbers within
//! bounds, one measurement a date, a target other than its baseline, a weight in range.
//! For an objective's `measure`, a key result's, and a session note's `measured:`.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::limits;
use crate::model::*;

/// A measured value: finite and within [`limits::MAX_VALUE`].
pub(super) fn check_value(value: &At<f64>, text: &str, file: &str, diags: &mut Diagnostics) {
    if !value.value.is_finite() {
        diags.push(
            Diagnostic::error(file, "this number is not finite")
                .at(text, value.pos.line, value.pos.column)
                .with_help("write an ordinary number such as 12 or 3.5"),
        );
    } else if value.value.abs() > limits::MAX_VALUE {
        diags.push(
            Diagnostic::error(
                file,
                format!(
                    "this number is out of range: values lie between -{0:e} and {0:e}",
                    limits::MAX_VALUE
                ),
            )
            .at(text, value.pos.line, value.pos.column)
            .with_help(
                "measure in a unit that keeps the numbers ordinary, e.g. thousands or millions",
            ),
        );
    }
}

/// Measurements (finite, one a date) and milestones (finite) of an objective or of one
/// of its key results.
pub(super) fn check_series(
    measurements: &[Measurement],
    milestones: &[Milestone],
    text: &str,
    file: &str,
    diags: &mut Diagnostics,
) {
    for m in measurements {
        check_value(&m.value, text, file, diags);
    }
    // One measurement a date, as between a note's `measured:` and this file.
    let mut seen: BTreeMap<Date, u32> = BTreeMap::new();
    for m in measurements {
        if let Some(first) = seen.insert(m.date, m.value.pos.line) {
            seen.insert(m.date, first);
            diags.push(
                Diagnostic::error(
                    file,
                    format!(
                        "measured twice on {}: at line {first} and at line {}",
                        m.date, m.value.pos.line
                    ),
                )
                .at(text, m.value.pos.line, m.value.pos.column)
                .with_help("keep one measurement a date: correct the date of one, or remove it"),
            );
        }
    }
    for m in milestones {
        check_value(&m.target, text, file, diags);
    }
}

/// A `weight`: a positive number up to [`limits::MAX_WEIGHT`].
pub(super) fn check_weight(
    weight: &At<f64>,
    help: &str,
    text: &str,
    file: &str,
    diags: &mut Diagnostics,
) {
    if !(weight.value.is_finite() && weight.value > 0.0 && weight.value <= limits::MAX_WEIGHT) {
        diags.push(
            Diagnostic::error(
                file,
                format!(
                    "`weight` must be a positive number up to {}",
                    limits::MAX_WEIGHT
                ),
            )
            .at(text, weight.pos.line, weight.pos.column)
            .with_help(help),
        );
    }
}

/// A baseline and a target: finite, and not the same.
pub(super) fn check_span(
    baseline: Option<&At<f64>>,
    target: Option<&At<f64>>,
    text: &str,
    file: &str,
    diags: &mut Diagnostics,
) {
    for v in baseline.iter().chain(target.iter()) {
        check_value(v, text, file, diags);
    }
    if let (Some(b), Some(t)) = (baseline, target)
        && b.value == t.value
    {
        diags.push(
            Diagnostic::error(file, "the target equals the baseline")
                .at(text, t.pos.line, t.pos.column)
                .with_help("set the target to the value the client wants to reach"),
        );
    }
}
