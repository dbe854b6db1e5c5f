//! A task carried over from one session note to a later one — the same words, as
//! coaches copy what is still open into the next note, or tick it there — is one
//! action: agreed in the first note, its status and dates those of the latest note,
//! and each later note a review of it.

use std::collections::HashMap;

use super::suggest_id;
use crate::model::*;

/// The tasks of the session notes, each with its note's date, in the notes' order:
/// a task whose words (and who may see it) were in an earlier note is merged into it.
pub(super) fn carry_over(mut tasks: Vec<(Date, Action)>) -> Vec<Action> {
    tasks.sort_by_key(|(date, _)| *date);
    let mut kept: Vec<Action> = Vec::new();
    let mut first: HashMap<(String, Visibility, bool), usize> = HashMap::new();
    for (date, task) in tasks {
        let key = (
            suggest_id(&task.title),
            task.resolved_visibility,
            task.sensitive,
        );
        match first.get(&key) {
            Some(&i) => carry(&mut kept[i], date, task),
            None => {
                first.insert(key, kept.len());
                kept.push(task);
            }
        }
    }
    kept
}

/// `later`, written again in the note of `date`, as a review of `action`.
fn carry(action: &mut Action, date: Date, later: Action) {
    action.reviews.push(Review {
        date,
        status: later.status,
        note: None,
    });
    action.status = later.status;
    action.done = later.done;
    if later.due.is_some() {
        action.due = later.due;
    }
    if action.objective.is_none() {
        action.objective = later.objective;
    }
    if action.owner.is_none() {
        action.owner = later.owner;
    }
    // Agreed in the first note, and never after it was due or done.
    action.agreed = [
        action.agreed,
        action.due,
        action.done.as_ref().map(|d| d.value),
    ]
    .into_iter()
    .flatten()
    .min();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(title: &str, status: ActionStatus, due: Option<&str>, done: Option<&str>) -> Action {
        let date = |d: &str| Date::parse(d).expect("date");
        let pos = Pos::default();
        Action {
            id: At::new(suggest_id(title), pos),
            title: title.to_string(),
            objective: None,
            owner: None,
            agreed: Some(date("2024-11-13")),
            due: due.map(date),
            status,
            done: done.map(|d| At::new(date(d), pos)),
            reviews: Vec::new(),
            note: None,
            visibility: Some(Visibility::Client),
            sensitive: false,
            resolved_visibility: Visibility::Client,
            from: None,
        }
    }

    #[test]
    fn a_task_ticked_in_a_later_note_is_one_action_done() {
        let d = |s: &str| Date::parse(s).expect("date");
        let merged = carry_over(vec![
            (
                d("2024-11-27"),
                task(
                    "Share the checklist",
                    ActionStatus::Done,
                    None,
                    Some("2024-11-19"),
                ),
            ),
            (
                d("2024-11-13"),
                task(
                    "Share the  checklist",
                    ActionStatus::Open,
                    Some("2024-11-20"),
                    None,
                ),
            ),
            (
                d("2024-11-13"),
                task("Another", ActionStatus::Open, None, None),
            ),
        ]);
        assert_eq!(merged.len(), 2);
        let a = &merged[0];
        assert_eq!(a.status, ActionStatus::Done);
        assert_eq!(
            a.due,
            Some(d("2024-11-20")),
            "the first note's due date stays"
        );
        assert_eq!(a.done.as_ref().map(|x| x.value), Some(d("2024-11-19")));
        assert_eq!(a.reviews.len(), 1);
        assert_eq!(a.reviews[0].date, d("2024-11-27"));
        // What only the coach sees is never merged into what the client sees.
        let mut hidden = task("Another", ActionStatus::Done, None, Some("2024-11-20"));
        hidden.resolved_visibility = Visibility::Coach;
        let merged = carry_over(vec![
            (
                d("2024-11-13"),
                task("Another", ActionStatus::Open, None, None),
            ),
            (d("2024-11-27"), hidden),
        ]);
        assert_eq!(merged.len(), 2);
    }
}
