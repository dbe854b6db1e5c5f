//! Checkbox tasks in session notes and objectives are actions of the plan: on the plan
//! page (with the session they were written in), the objective's page and the
//! dashboard's next actions, counted in the commitment rate, each reader seeing the
//! tasks of the notes and parts of notes they may see, and no byte of the others.

mod common;

use common::{Project, stderr};

const NOTE: &str = "sessions/2026-05-04-tasks.md";

const SESSION: &str = "---
date: 2026-05-04
title: Tasks check-in
attendees: [ana, ben]
---
## Action items

- [ ] Share the review checklist with the team 📅 2026-05-20
- [x] Book the retro room ✅ 2026-05-05 📅 2026-05-08
- [ ] @ana drafts the onboarding page [due:: 2026-06-30]
- [ ] Try pairing on [[sprint-goals]] 📅 2026-05-15
- [-] Cancelled idea ❌ 2026-05-06
- [ ] 

```
- [ ] CODE-TASK-SENTINEL 📅 2026-05-01
```

%%
- [ ] COACH-TASK-SENTINEL follow up 📅 2026-05-10
%%

## 🔒 Private notes

- [x] PRIVATE-SECTION-TASK-SENTINEL ✅ 2026-05-09 📅 2026-05-12
";

/// The minimal engagement with the note above and a task in each objective.
fn engagement() -> Project {
    let p = Project::minimal();
    p.write(NOTE, SESSION);
    p.edit(
        "objectives/sprint-goals.md",
        "# Why",
        "- [ ] Measure again OBJECTIVE-TASK-SENTINEL 📅 2026-06-01\n\n# Why",
    );
    p.edit(
        "objectives/customer-trust.md",
        "their lighthouse.",
        "their lighthouse.\n\n- [ ] Agree the review SPONSOR-TASK-SENTINEL 📅 2026-05-30\n",
    );
    p
}

/// The output file holding `needle`, if any.
fn anywhere(p: &Project, needle: &str) -> Option<String> {
    p.snapshot()
        .into_iter()
        .find(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(path, _)| path)
}

fn build(audience: &str) -> Project {
    let p = engagement();
    let output = p.build(&["--audience", audience]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(!err.contains("error:"), "{err}");
    assert!(!err.contains("not followed by a date"), "{err}");
    p
}

#[test]
fn the_coach_sees_every_task_as_an_action() {
    let p = build("coach");
    let plan = p.page("plan/index.html");
    for title in [
        "Share the review checklist with the team",
        "Book the retro room",
        "Ana drafts the onboarding page",
        "Try pairing on Meet the sprint goal",
        "Cancelled idea",
        "COACH-TASK-SENTINEL follow up",
        "PRIVATE-SECTION-TASK-SENTINEL",
        "Measure again OBJECTIVE-TASK-SENTINEL",
        "Agree the review SPONSOR-TASK-SENTINEL",
    ] {
        assert!(plan.contains(title), "{title}: {plan}");
    }
    assert!(
        !plan.contains("CODE-TASK-SENTINEL"),
        "a task in code is code"
    );
    assert!(
        plan.contains(
            "A task in the notes of the session of <a href=\"../sessions/2026-05-04-tasks.html\">"
        ),
        "the plan says which note a task came from"
    );
    // Plan.yaml's two actions and the seven tasks due by the as-of date (2026-06-15),
    // the dropped one left out: 3 of 9 done on time.
    assert!(
        plan.contains("3 of 9 actions due were done on time"),
        "{plan}"
    );
    let objective = p.page("objectives/sprint-goals.html");
    assert!(objective.contains("Try pairing on Meet the sprint goal"));
    assert!(objective.contains("Measure again OBJECTIVE-TASK-SENTINEL"));
    let dashboard = p.page("index.html");
    assert!(dashboard.contains("COACH-TASK-SENTINEL follow up"));
    assert!(dashboard.contains("Share the review checklist with the team"));
}

#[test]
fn the_client_sees_the_tasks_of_what_they_may_read() {
    let p = build("client");
    let plan = p.page("plan/index.html");
    assert!(plan.contains("Share the review checklist with the team"));
    assert!(plan.contains("Measure again OBJECTIVE-TASK-SENTINEL"));
    // Without the coach's two tasks.
    assert!(
        plan.contains("2 of 7 actions due were done on time"),
        "{plan}"
    );
    let objective = p.page("objectives/sprint-goals.html");
    assert!(objective.contains("Try pairing on Meet the sprint goal"));
    let dashboard = p.page("index.html");
    assert!(dashboard.contains("Share the review checklist with the team"));
    for secret in ["COACH-TASK-SENTINEL", "PRIVATE-SECTION-TASK-SENTINEL"] {
        assert_eq!(anywhere(&p, secret), None, "{secret}");
    }
}

#[test]
fn the_sponsor_sees_no_words_of_a_session() {
    let p = build("sponsor");
    let plan = p.page("plan/index.html");
    assert!(plan.contains("Agree the review SPONSOR-TASK-SENTINEL"));
    for words in [
        "Share the review checklist",
        "Book the retro room",
        "onboarding page",
        "Try pairing",
        "OBJECTIVE-TASK-SENTINEL",
        "COACH-TASK-SENTINEL",
        "PRIVATE-SECTION-TASK-SENTINEL",
        "2026-05-04-tasks",
    ] {
        assert_eq!(anywhere(&p, words), None, "{words}");
    }
}

#[test]
fn an_export_carries_the_tasks_its_reader_may_see() {
    let p = engagement();
    for (audience, seen, unseen) in [
        ("coach", "COACH-TASK-SENTINEL", "NOTHING-UNSEEN"),
        (
            "client",
            "Share the review checklist",
            "COACH-TASK-SENTINEL",
        ),
        (
            "sponsor",
            "SPONSOR-TASK-SENTINEL",
            "Share the review checklist",
        ),
    ] {
        let output = assert_cmd::Command::cargo_bin("coachsite")
            .expect("binary")
            .args(["export", "--format", "json", "--audience", audience])
            .args(["--as-of", common::AS_OF])
            .arg(&p.root)
            .output()
            .expect("run coachsite");
        assert!(output.status.success(), "{}", stderr(&output));
        let json = String::from_utf8_lossy(&output.stdout);
        assert!(json.contains(seen), "{audience}: {seen}");
        assert!(!json.contains(unseen), "{audience}: {unseen}");
        assert!(!json.contains("PRIVATE-SECTION-TASK-SENTINEL") || audience == "coach");
    }
}
