//! One rule for sessions (issue 34): a session's occurrence counts for every reader who
//! could know it happened. `visibility` hides a note's text, not the meeting; only
//! `sensitive: true` hides that it took place. The sessions held, the hours and the
//! timeline read the same for the coach, the client and the sponsor.

mod common;

use std::process::Command;

use assert_cmd::prelude::*;
use common::Project;

/// "N sessions held, H hours of coaching" on a dashboard.
fn attendance(p: &Project) -> String {
    let page = p.page("index.html");
    let at = page.find(" sessions held").expect("the attendance figure");
    let start = page[..at].rfind('>').map_or(0, |i| i + 1);
    let end = at + page[at..].find('<').unwrap_or(0);
    page[start..end].to_string()
}

/// The timeline's summary on the sessions page ("N sessions from … to …").
fn timeline(p: &Project) -> String {
    let page = p.page("sessions/index.html");
    let at = page.find("<desc").expect("the timeline's text");
    let text = &page[at..];
    text[text.find('>').unwrap() + 1..text.find("</desc>").unwrap()].to_string()
}

#[test]
fn a_coach_only_note_still_counts_as_a_session_held_for_every_reader() {
    let p = Project::example();
    // The one-to-one of 19 May is coach-only: the meeting counts, its note does not show.
    assert!(
        std::fs::read_to_string(
            p.root
                .join("sessions/2026-05-19-scrum-master-one-to-one.md")
        )
        .unwrap()
        .contains("visibility: coach")
    );
    p.build_ok(&["--audience", "coach"]);
    let (coach, coach_timeline) = (attendance(&p), timeline(&p));
    assert!(
        coach.starts_with("12 of 14 sessions held, 18.75 of 21 hours"),
        "{coach}"
    );
    let rows = |p: &Project| p.page("sessions/index.html").matches("<tr><td").count();
    let coach_rows = rows(&p);
    p.build_ok(&["--audience", "client"]);
    assert_eq!(attendance(&p), coach, "the client");
    assert_eq!(timeline(&p), coach_timeline, "the client's timeline");
    assert_eq!(rows(&p), coach_rows, "the client's list of sessions");
    let list = p.page("sessions/index.html");
    assert!(list.contains("19 May 2026</td><th scope=\"row\">Session <span class=\"muted\">· notes not shared</span>"), "{list}");
    assert!(!list.contains("One-to-one with the Scrum Master"));
    // The client's export holds it too, as their pages do, and nothing of its note.
    let export = Command::cargo_bin("coachsite")
        .unwrap()
        .args(["export", "--format", "json", "--as-of", common::AS_OF])
        .arg(&p.root)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&export.stdout).unwrap();
    assert_eq!(
        json["sessions_not_shared"],
        serde_json::json!([{"date": "2026-05-19", "minutes": 60, "attendees": 1, "members": ["ana"]}])
    );
    let text = String::from_utf8_lossy(&export.stdout);
    for words in [
        "One-to-one with the Scrum Master",
        "tunes the instruments",
        "one-to-one",
    ] {
        assert!(!text.contains(words), "{words}");
    }
    p.build_ok(&["--audience", "sponsor"]);
    assert_eq!(attendance(&p), coach, "the sponsor");
    // No list of sessions on the sponsor's site: not an empty section either.
    assert!(!p.page("index.html").contains("recent-sessions-heading"));

    // Marked sensitive, it did not take place for anyone but the coach.
    p.edit(
        "sessions/2026-05-19-scrum-master-one-to-one.md",
        "visibility: coach",
        "visibility: coach\nsensitive: true",
    );
    p.build_ok(&["--audience", "coach"]);
    assert_eq!(attendance(&p), coach);
    for audience in ["client", "sponsor"] {
        p.build_ok(&["--audience", audience]);
        let theirs = attendance(&p);
        assert!(
            theirs.starts_with("11 of 14 sessions held"),
            "{audience}: {theirs}"
        );
        assert!(
            !p.page("index.html").contains("notes not shared"),
            "{audience}"
        );
    }
    p.build_ok(&["--audience", "client"]);
    assert_eq!(rows(&p), coach_rows - 1);
    assert!(!p.page("sessions/index.html").contains("19 May 2026"));
}

/// `check` names a coach-only note with no attendee and no duration, which the client's
/// site counts as a session held: a supervision note or a reflection should be marked
/// sensitive instead. A coach-only meeting with its attendees is no finding.
#[test]
fn check_names_a_hidden_note_that_counts_as_a_session() {
    let codes = |p: &Project| -> Vec<String> {
        let out = Command::cargo_bin("coachsite")
            .unwrap()
            .args(["check", "--format", "json", "--as-of", common::AS_OF])
            .arg(&p.root)
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "hidden-note-counted")
            .map(|f| f["session"].as_str().unwrap().to_string())
            .collect()
    };
    let p = Project::minimal();
    assert_eq!(codes(&p), ["2026-02-03-coach-reflection"]);
    p.edit(
        "sessions/2026-02-03-coach-reflection.md",
        "visibility: coach",
        "visibility: coach\nsensitive: true",
    );
    assert!(codes(&p).is_empty());
    assert!(codes(&Project::example()).is_empty());
}
