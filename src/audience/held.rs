//! One rule for sessions: what a reader is told of a session whose note they may not
//! read. It took place, and counts for them; only `sensitive: true` hides that.

use crate::model::{Member, Occurrence, Session};

/// One rule for sessions: a session whose note this reader may not read still took
/// place, and counts for them (sessions held, hours, the timeline's gaps) with its day,
/// its minutes and who attended: the members by id, the others as a number (a name
/// written only in a note the reader may not read stays the coach's). Nothing else of
/// the note. Only `sensitive: true` hides that it took place (not called for those).
pub(super) fn occurrence(members: &[Member], s: &Session) -> Occurrence {
    let f = &s.front;
    let mut ids: Vec<String> = f
        .attendees
        .iter()
        .filter(|a| members.iter().any(|m| m.id.value == **a))
        .cloned()
        .collect();
    ids.sort();
    ids.dedup();
    Occurrence {
        date: f.date,
        minutes: f.duration.as_ref().map(|d| d.value),
        attendees: f.attendees.iter().filter(|a| !a.trim().is_empty()).count(),
        members: ids,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::audience::{Audience, filter};
    use crate::model::Engagement;

    /// One rule for sessions: a coach-only note leaves its occurrence in the client's
    /// view (no title, no text), counted as held as in the coach's; a sensitive one none.
    #[test]
    fn a_hidden_note_leaves_the_meeting_it_was_about() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-engagement");
        let mut loaded = crate::load::load(&root)
            .expect("the example loads")
            .engagement;
        let as_of = crate::model::Date::parse("2026-07-10").expect("a date");
        let held = |e: &Engagement| crate::insight::held_sessions(e, as_of);
        let client = filter(loaded.clone(), Audience::Client);
        assert_eq!(
            client.withheld.occurrences,
            vec![Occurrence {
                date: crate::model::Date::parse("2026-05-19").expect("a date"),
                minutes: Some(60),
                attendees: 1,
                members: vec!["ana".to_string()],
            }]
        );
        assert_eq!(
            held(&client),
            held(&filter(loaded.clone(), Audience::Coach))
        );
        assert_eq!(held(&client), (12, 1125));
        for s in loaded
            .sessions
            .iter_mut()
            .filter(|s| s.front.date.to_string() == "2026-05-19")
        {
            Arc::make_mut(s).front.sensitive = true;
        }
        let client = filter(loaded, Audience::Client);
        assert!(client.withheld.occurrences.is_empty());
        assert_eq!(held(&client), (11, 1065));
    }
}
