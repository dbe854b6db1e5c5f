//! Every sentence true for its reader (SPEC §5): a client's or a sponsor's page never
//! sums up a list it cannot see as if it were the whole, never judges on too little data,
//! and gives the same verdict for the same objective in every view.

mod common;

use std::process::Command;

use assert_cmd::prelude::*;
use coachsite::{Date, effective_as_of};
use common::Project;

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

#[test]
fn an_ended_engagement_is_judged_as_of_its_end() {
    let (end, today) = (Some(d("2026-07-10")), d("2026-11-25"));
    assert_eq!(effective_as_of(today, false, end), d("2026-07-10"));
    // An explicit --as-of still wins, before or after the end.
    assert_eq!(effective_as_of(today, true, end), today);
    assert_eq!(
        effective_as_of(d("2026-03-01"), false, end),
        d("2026-03-01")
    );
    assert_eq!(effective_as_of(today, false, None), today);
}

#[test]
fn commands_without_as_of_stop_at_the_end_date_and_say_so() {
    // The fixture ended on 10 July 2026, before any day these tests run.
    let p = Project::minimal();
    let build = Command::cargo_bin("coachsite")
        .unwrap()
        .args(["build", "--color", "never", "-o"])
        .arg(&p.out)
        .arg(&p.root)
        .output()
        .unwrap();
    assert!(build.status.success());
    let stderr = common::stderr(&build);
    assert!(
        stderr.contains(
            "note: the engagement ended on 2026-07-10: figures are as of that day (--as-of picks another date)"
        ),
        "{stderr}"
    );
    assert!(p.page("index.html").contains("As of 10 July 2026"));

    let check = Command::cargo_bin("coachsite")
        .unwrap()
        .args(["check", "--color", "never"])
        .arg(&p.root)
        .output()
        .unwrap();
    assert!(common::stderr(&check).contains("note: the engagement ended on 2026-07-10"));
    // Open actions are not "overdue" months after the engagement closed.
    let given = Command::cargo_bin("coachsite")
        .unwrap()
        .args([
            "check",
            "--color",
            "never",
            "--format",
            "json",
            "--as-of",
            "2026-11-25",
        ])
        .arg(&p.root)
        .output()
        .unwrap();
    let ended = Command::cargo_bin("coachsite")
        .unwrap()
        .args(["check", "--color", "never", "--format", "json"])
        .arg(&p.root)
        .output()
        .unwrap();
    let json = |o: &std::process::Output| -> serde_json::Value {
        serde_json::from_slice(&o.stdout).unwrap()
    };
    assert_eq!(json(&given)["as_of"], "2026-11-25");
    assert_eq!(json(&ended)["as_of"], "2026-07-10");
    assert!(common::stderr(&given).is_empty() || !common::stderr(&given).contains("ended on"));
}
