//! The coach's daily loop: everything written in the session note. Measurements taken in
//! a session (`measured:`) join their objective's series with a link back to the session,
//! and `note` prefills them.

mod common;

use common::Project;

#[test]
fn a_measurement_in_a_session_note_joins_its_objective() {
    let p = Project::minimal();
    p.edit(
        "sessions/2026-01-20-kick-off.md",
        "ratings:",
        "measured: {sprint-goals: 10}\nratings:",
    );
    p.build_ok(&["--audience", "client"]);
    let page = p.page("objectives/sprint-goals.html");
    // 20 January, 10%, recorded in the kick-off: a row of the measurements table.
    assert!(page.contains("20 January 2026"), "{page}");
    assert!(page.contains(">10%<"), "{page}");
    assert!(page.contains("Recorded in Kick-off and objectives"));
    assert!(page.contains("href=\"../sessions/2026-01-20-kick-off.html\""));
}

#[test]
fn a_measurement_from_a_session_the_reader_may_not_see_has_no_link() {
    let p = Project::minimal();
    // The coach's reflection is coach-only: its figure counts, its link stays the coach's.
    // The fixture's reflection measures a key result (`flow#cycle-time`) already.
    p.edit(
        "sessions/2026-02-03-coach-reflection.md",
        "measured: {",
        "measured: {sprint-goals: 12, ",
    );
    p.build_ok(&["--audience", "client"]);
    let page = p.page("objectives/sprint-goals.html");
    assert!(page.contains(">12%<"), "{page}");
    assert!(!page.contains("coach-reflection"));
    assert!(!p.page("objectives/flow.html").contains("coach-reflection"));
    p.build_ok(&["--audience", "coach"]);
    for objective in ["sprint-goals", "flow"] {
        let page = p.page(&format!("objectives/{objective}.html"));
        assert!(page.contains("coach-reflection"), "{objective}");
    }
}

#[test]
fn a_measurement_given_twice_or_of_an_unknown_objective_is_an_error() {
    let p = Project::minimal();
    p.write(
        "sessions/2026-02-06-review.md",
        "---\ndate: 2026-02-06\ntitle: Review\nmeasured:\n  sprint-goals: 5\n  sprint-goal: 3\n  flow#items-done: 5\n---\n",
    );
    let out = p.build(&[]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains(
            "`sprint-goals` is measured twice on 2026-02-06: here and in objectives/sprint-goals.md"
        ),
        "{err}"
    );
    assert!(err.contains("sessions/2026-02-06-review.md:5:3"), "{err}");
    assert!(err.contains("there is no objective `sprint-goal`"), "{err}");
    assert!(err.contains("did you mean `sprint-goals`?"), "{err}");
    // A key result too: `flow#items-done` is measured in its objective's file that day.
    assert!(
        err.contains(
            "`flow#items-done` is measured twice on 2026-02-06: here and in objectives/flow.md"
        ),
        "{err}"
    );
    assert!(err.contains("sessions/2026-02-06-review.md:7:3"), "{err}");
}

#[test]
fn note_prefills_measurements_and_scaling_questions() {
    let p = Project::example();
    let out = assert_cmd::Command::cargo_bin("coachsite")
        .unwrap()
        .args(["note", "--date", "2026-06-20", "--title", "Review"])
        .arg(&p.root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let note = std::fs::read_to_string(p.root.join("sessions/2026-06-20-review.md")).unwrap();
    assert!(
        note.contains("  # sprint-goals: 67          # latest on 2026-06-12"),
        "{note}"
    );
    assert!(note.contains("\"psychological-safety\": 8"), "{note}");
    // As written, the note builds: nothing is recorded until the coach uncomments.
    p.build_ok(&[]);
    let filled = note.replace("  # sprint-goals: 67", "  sprint-goals: 75");
    p.write("sessions/2026-06-20-review.md", &filled);
    p.build_ok(&[]);
    assert!(
        p.page("objectives/sprint-goals.html")
            .contains("Recorded in Review")
    );
}

/// An objective with key results gets one commented line per key result, keyed
/// `"objective#result"` in quotes; uncommented, the values join the key results.
#[test]
fn note_prefills_each_key_result_of_an_okr_objective() {
    let p = Project::example();
    let out = assert_cmd::Command::cargo_bin("coachsite")
        .unwrap()
        .args(["note", "--date", "2026-06-20", "--title", "Review"])
        .arg(&p.root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let note = std::fs::read_to_string(p.root.join("sessions/2026-06-20-review.md")).unwrap();
    for line in [
        "  # \"idea-to-customer#items-done\": 11          # latest on 2026-06-05\n",
        "  # \"idea-to-customer#cycle-time\": 8          # latest on 2026-06-05\n",
        // Recorded in a session note, `measured: {"idea-to-customer#refined-ahead": 2}`.
        "  # \"idea-to-customer#refined-ahead\": 2          # latest on 2026-06-09\n",
    ] {
        assert!(note.contains(line), "missing {line:?}\n{note}");
    }
    // No line for the objective itself: it is measured through its key results.
    assert!(!note.contains("# idea-to-customer:"), "{note}");
    let filled = note
        .replace(
            "  # \"idea-to-customer#items-done\": 11",
            "  \"idea-to-customer#items-done\": 12",
        )
        .replace(
            "  # \"idea-to-customer#cycle-time\": 8",
            "  \"idea-to-customer#cycle-time\": 7.5",
        );
    p.write("sessions/2026-06-20-review.md", &filled);
    let out = assert_cmd::Command::cargo_bin("coachsite")
        .unwrap()
        .args(["check", "--as-of", "2026-06-20", "--format", "json"])
        .arg(&p.root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{}", report["diagnostics"]);
    let okr = report["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "idea-to-customer")
        .unwrap();
    let results = &okr["key_results"];
    assert_eq!(results[0]["latest"], 12.0);
    assert_eq!(results[0]["latest_date"], "2026-06-20");
    assert_eq!(results[0]["tracking"], "achieved");
    assert_eq!(results[1]["latest"], 7.5);
    assert_eq!(results[1]["measurements"], 5);
}

#[test]
fn obsidian_properties_are_accepted() {
    let p = Project::minimal();
    for (file, anchor) in [
        (
            "sessions/2026-01-20-kick-off.md",
            "title: Kick-off and objectives",
        ),
        ("objectives/sprint-goals.md", "status: active"),
    ] {
        p.edit(
            file,
            anchor,
            &format!("{anchor}\ntags: [coaching, q1]\naliases: [Kick-off]\ncssclasses: [wide]"),
        );
    }
    p.build_ok(&["--audience", "coach"]);
    assert!(p.has("sessions/2026-01-20-kick-off.html"));
}

#[test]
fn a_measurement_before_the_engagement_starts_is_reported_with_its_line() {
    let p = Project::minimal();
    p.write(
        "sessions/2026-01-05-chemistry.md",
        "---\ndate: 2026-01-05\ntitle: Chemistry\nmeasured:\n  sprint-goals: 5\n---\n",
    );
    let out = p.build(&[]);
    assert!(out.status.success(), "a warning, not an error");
    let err = common::stderr(&out);
    assert!(
        err.contains("a measurement of `sprint-goals` on 2026-01-05 is before the engagement starts (2026-01-12)"),
        "{err}"
    );
    assert!(
        err.contains("sessions/2026-01-05-chemistry.md:5:3"),
        "{err}"
    );
}

#[test]
fn template_overrides_live_in_dot_coachsite_out_of_obsidians_way() {
    let p = Project::minimal();
    let tag_pages_say = |p: &Project, words: &str| {
        p.snapshot().iter().any(|(path, bytes)| {
            path.starts_with("lessons/tags/") && String::from_utf8_lossy(bytes).contains(words)
        })
    };
    // Obsidian's note templates in templates/ are left alone, without a word.
    p.write(
        "templates/Session template.md",
        "---\ndate: {{date}}\n---\n",
    );
    p.write(
        ".coachsite/templates/tag.html",
        "{% extends \"base.html\" %}{% block content %}NEW-PLACE{% endblock content %}",
    );
    let out = p.build(&["--audience", "coach"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(
        !common::stderr(&out).contains("templates/"),
        "{}",
        common::stderr(&out)
    );
    assert!(tag_pages_say(&p, "NEW-PLACE"));
    // The old place is still read, with a warning that says where to move the file;
    // the new place wins.
    p.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block content %}OLD-PLACE{% endblock content %}",
    );
    let out = p.build(&["--audience", "coach"]);
    let err = common::stderr(&out);
    assert!(
        err.contains("template overrides now live in .coachsite/templates/"),
        "{err}"
    );
    assert!(
        err.contains("move it to .coachsite/templates/tag.html"),
        "{err}"
    );
    assert!(tag_pages_say(&p, "NEW-PLACE"));
}
