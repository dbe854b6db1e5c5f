//! Dates that contradict each other: the engagement's end before its start, an objective
//! due before the engagement starts, a measurement before it, an action done or due before
//! it was agreed.

use super::files::Quoter;
use super::yaml::key_pos;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::*;

/// The engagement does not end before it starts.
pub(super) fn check_period(q: &mut Quoter, info: &EngagementInfo, diags: &mut Diagnostics) {
    if let Some(end) = &info.end
        && end.value < info.start
    {
        diags.push(
            q.at(
                Diagnostic::error(
                    "engagement.yaml",
                    format!(
                        "the engagement ends ({}) before it starts ({})",
                        end.value, info.start
                    ),
                )
                .with_help("check `start` and `end`"),
                end.pos,
            ),
        );
    }
}

/// No objective is due before the engagement starts.
pub(super) fn check_objective_dates(q: &mut Quoter, e: &Engagement, diags: &mut Diagnostics) {
    let start = e.info.start;
    for o in &e.objectives {
        if let Some(due) = o.front.due
            && due < start
        {
            let pos = key_pos(&q.text(&o.source.path), "due");
            diags.push(
                q.at(
                    Diagnostic::error(
                        &o.source.path,
                        format!(
                            "the objective is due ({due}) before the engagement starts ({start})"
                        ),
                    )
                    .with_help("check `due`, and `start` in engagement.yaml"),
                    pos,
                ),
            );
        }
        check_measurement_dates(q, e, o, diags);
    }
}

/// A measurement taken before the engagement started is most likely a wrong date: a
/// warning, with its line (in the objective's file, or the session note it came from).
pub(super) fn check_measurement_dates(
    q: &mut Quoter,
    e: &Engagement,
    o: &Objective,
    diags: &mut Diagnostics,
) {
    series_dates(q, e, o, &o.id, &o.front.measurements, diags);
    for kr in &o.front.key_results {
        let key = format!("{}#{}", o.id, kr.id.value);
        series_dates(q, e, o, &key, &kr.measurements, diags);
    }
}

/// [`check_measurement_dates`] of one series: the objective's own measurements (`key`
/// its id) or one key result's (`key` as `measured:` names it, `objective#result`).
fn series_dates(
    q: &mut Quoter,
    e: &Engagement,
    o: &Objective,
    key: &str,
    measurements: &[Measurement],
    diags: &mut Diagnostics,
) {
    let start = e.info.start;
    for m in measurements.iter().filter(|m| m.date < start) {
        let (file, pos) = match &m.session {
            Some(id) => match e.sessions.iter().find(|s| s.id == *id) {
                Some(s) => {
                    let key = s.front.measured.keys().find(|k| k.value == key);
                    let pos =
                        key.map_or_else(|| key_pos(&q.text(&s.source.path), "date"), |k| k.pos);
                    (s.source.path.clone(), pos)
                }
                None => continue,
            },
            None => {
                let text = q.text(&o.source.path);
                let date = m.date.to_string();
                let pos = text
                    .lines()
                    .enumerate()
                    .find_map(|(i, l)| {
                        l.find(&date).map(|c| Pos {
                            line: i as u32 + 1,
                            column: l[..c].chars().count() as u32 + 1,
                        })
                    })
                    .unwrap_or_else(|| key_pos(&text, "measurements"));
                (o.source.path.clone(), pos)
            }
        };
        diags.push(
            q.at(
                Diagnostic::warning(
                    &file,
                    format!(
                        "a measurement of `{key}` on {} is before the engagement starts ({start})",
                        m.date
                    ),
                )
                .with_help(
                    "check the date; a value from before the engagement belongs in `baseline`",
                ),
                pos,
            ),
        );
    }
}

/// An action is not done, nor due, before it was agreed.
pub(super) fn check_action_dates(q: &mut Quoter, action: &Action, diags: &mut Diagnostics) {
    let Some(agreed) = action.agreed else {
        return;
    };
    let id = &action.id.value;
    if let Some(done) = &action.done
        && done.value < agreed
    {
        diags.push(
            q.at(
                Diagnostic::error(
                    "plan.yaml",
                    format!(
                        "the action `{id}` is done ({}) before it was agreed ({agreed})",
                        done.value
                    ),
                )
                .with_help("check `agreed` and `done`"),
                done.pos,
            ),
        );
    }
    if let Some(due) = action.due
        && due < agreed
    {
        diags.push(
            q.at(
                Diagnostic::error(
                    "plan.yaml",
                    format!("the action `{id}` is due ({due}) before it was agreed ({agreed})"),
                )
                .with_help("check `agreed` and `due`"),
                action.id.pos,
            ),
        );
    }
}
