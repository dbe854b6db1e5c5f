//! Key results (`key_results:` of an objective): the checks of the objective's own file,
//! and the references session notes make to them (`measured: {"objective#result": 3}`).

use std::collections::BTreeMap;

use super::check::{ID_HELP, is_valid_id, suggest_id};
use super::files::Quoter;
use super::values::{check_series, check_span, check_weight};
use super::yaml::key_pos;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::limits;
use crate::model::*;

/// The key results of one objective's file: not with `measure`, `gas`, or measurements
/// of the objective itself; at most [`limits::MAX_KEY_RESULTS`]; ids valid and unique;
/// each measure's values as for `measure`.
pub(super) fn check_key_results(
    f: &ObjectiveFront,
    text: &str,
    file: &str,
    diags: &mut Diagnostics,
) {
    if f.key_results.is_empty() {
        return;
    }
    let pos = key_pos(text, "key_results");
    let mut at = |message: String, help: &str| {
        diags.push(
            Diagnostic::error(file, message)
                .at(text, pos.line, pos.column)
                .with_help(help),
        );
    };
    if f.measure.is_some() {
        at(
            "an objective has either `measure` or `key_results`, not both".into(),
            "make the measure one of the key results, or keep the measure alone",
        );
    }
    if f.gas.is_some() {
        at(
            "an objective has either `gas` or `key_results`, not both".into(),
            "use `gas` for goal attainment levels, `key_results` for measured results",
        );
    }
    if !f.measurements.is_empty() || !f.milestones.is_empty() {
        at(
            "with `key_results`, measurements and milestones belong to each key result".into(),
            "move them under the key result they measure",
        );
    }
    if f.key_results.len() > limits::MAX_KEY_RESULTS {
        at(
            format!(
                "an objective has at most {} key results; this one has {}",
                limits::MAX_KEY_RESULTS,
                f.key_results.len()
            ),
            "keep the few results that say the objective is reached (OKRs have two to five)",
        );
    }
    let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
    for kr in &f.key_results {
        let id = &kr.id;
        if !is_valid_id(&id.value) {
            diags.push(
                Diagnostic::error(file, format!("`{}` is not a valid key result id", id.value))
                    .at(text, id.pos.line, id.pos.column)
                    .with_help(format!("{ID_HELP}, e.g. `{}`", suggest_id(&id.value))),
            );
        } else if let Some(first) = seen.insert(&id.value, id.pos.line) {
            diags.push(
                Diagnostic::error(
                    file,
                    format!(
                        "two key results have the id `{}`: at line {first} and at line {}",
                        id.value, id.pos.line
                    ),
                )
                .at(text, id.pos.line, id.pos.column)
                .with_help("give each key result of the objective its own id"),
            );
        }
        check_span(kr.baseline.as_ref(), kr.target.as_ref(), text, file, diags);
        check_series(&kr.measurements, &kr.milestones, text, file, diags);
        if let Some(weight) = &kr.weight {
            check_weight(
                weight,
                "weights default to 1; use e.g. 2 for a key result that counts double",
                text,
                file,
                diags,
            );
        }
    }
}

/// The keys of every note's `measured:` that name an objective with key results, or a
/// key result ([`check_measured_key`]).
pub(super) fn check_measured_keys(e: &Engagement, diags: &mut Diagnostics) {
    let mut q = Quoter::new(&e.root);
    for s in &e.sessions {
        for key in s.front.measured.keys() {
            check_measured_key(&mut q, diags, &s.source.path, e, key);
        }
    }
}

/// A key of a note's `measured:` that names an objective with key results, or a key
/// result (`objective#result`), that does not fit: the objective must be measured through
/// one of its key results, and the key result must be one of them. An unknown objective
/// is reported with the other references.
fn check_measured_key(
    q: &mut Quoter,
    diags: &mut Diagnostics,
    file: &str,
    e: &Engagement,
    key: &At<String>,
) {
    let (objective, result) = measured_key(&key.value);
    let Some(o) = e.objectives.iter().find(|o| o.id == objective) else {
        return;
    };
    let ids: Vec<&str> = o
        .front
        .key_results
        .iter()
        .map(|k| k.id.value.as_str())
        .collect();
    let (message, help) = match result {
        None if ids.is_empty() => return,
        None => (
            format!("`{objective}` is measured through its key results"),
            format!(
                "name the key result measured: {}",
                ids.iter()
                    .map(|id| format!("`{objective}#{id}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        Some(r) if ids.contains(&r) => return,
        Some(r) if ids.is_empty() => (
            format!("`{objective}` has no key results, so no `{r}`"),
            format!("write `{objective}` alone, or add the key result to its `key_results`"),
        ),
        Some(r) => (
            format!("`{objective}` has no key result `{r}`"),
            match crate::diagnostic::did_you_mean(r, ids.iter().copied()) {
                Some(close) => format!("did you mean `{objective}#{close}`?"),
                None => format!("its key results: {}", ids.join(", ")),
            },
        ),
    };
    diags.push(q.at(Diagnostic::error(file, message).with_help(help), key.pos));
}
