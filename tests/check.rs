//! `coachsite check` on real engagements: the report, the JSON form and exit codes.

mod common;

use assert_cmd::Command;
use common::{Project, example, fixtures, stderr};

fn check(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("coachsite")
        .unwrap()
        .arg("check")
        .arg(dir)
        .args(["--color", "never"])
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).to_string()
}

/// The classic failure: a team asked to adopt Scrum and a whole new tool chain within
/// a quarter. At the kick-off, before any measurement, the objectives are already
/// flagged as beyond the zone of proximal development, with realistic milestones.
#[test]
fn the_classic_failure_is_flagged_at_the_kick_off() {
    let dir = fixtures().join("zpd-failure");
    let output = check(&dir, &["--as-of", "2026-02-02"]);
    let out = stdout(&output);
    assert_eq!(
        output.status.code(),
        Some(0),
        "warnings alone do not fail\n{out}"
    );
    for (objective, competency, levels) in [
        (
            "Work fully in Scrum",
            "Running Scrum events must go from level 1 to 4 in 2.89 months: 1.04 levels a month",
            "level 2 by 4 April 2026, level 3 by 4 June 2026, level 4 by 4 August 2026",
        ),
        (
            "Work fully in Scrum",
            "Collaboration with internal customers must go from level 1 to 3",
            "level 2 by 4 April 2026, level 3 by 4 June 2026.",
        ),
        (
            "Adopt the new tool chain",
            "Continuous integration and delivery must go from level 1 to 4",
            "About 6 months would be realistic",
        ),
        (
            "Adopt the new tool chain",
            "Test automation must go from level 1 to 3",
            "About 4 months would be realistic",
        ),
    ] {
        assert!(out.contains(objective), "{out}");
        assert!(out.contains(competency), "missing {competency:?}\n{out}");
        assert!(out.contains(levels), "missing {levels:?}\n{out}");
    }
    assert!(out.contains("beyond the zone of proximal development"));
    assert!(out.contains("0 errors, 4 warnings, 0 notes"), "{out}");
    // --strict turns the warnings into a failure.
    assert_eq!(
        check(&dir, &["--as-of", "2026-02-02", "--strict"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn json_round_trips_through_the_documented_report() {
    let output = check(&example(), &["--as-of", "2026-06-15", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let report: coachsite::check::Report =
        serde_json::from_str(&text).expect("the JSON parses as a Report");
    assert_eq!(report.version, 1);
    assert_eq!(report.as_of.to_string(), "2026-06-15");
    assert_eq!(
        serde_json::to_string_pretty(&report).unwrap().trim_end(),
        text.trim_end()
    );
    // A few values a tool would read, with their documented names.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let defects = value["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "escaped-defects")
        .unwrap();
    assert_eq!(defects["tracking"], "at-risk");
    assert!((defects["progress"].as_f64().unwrap() - 0.8).abs() < 1e-9);
    assert_eq!(defects["forecast"], "2026-07-13");
    let codes: Vec<&str> = defects["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"at-risk") && codes.contains(&"beyond-zpd"),
        "{codes:?}"
    );
    assert!(defects["findings"][0]["message"].as_str().is_some());
    assert!(value["commitment"]["rate"].as_f64().is_some());
    assert_eq!(value["summary"]["errors"], 0);
}

#[test]
fn the_example_report_names_what_a_coach_acts_on() {
    let out = stdout(&check(&example(), &["--as-of", "2026-06-15"]));
    for text in [
        "Fewer defects reach production (escaped-defects) · At risk, 80%",
        "At this trend the target is reached around 13 July 2026, after the due date 30 June 2026.",
        "is blocked.",
        "was due on 29 May 2026 and is still open.",
        "Not SMART yet. M: no baseline; A: not said why it is achievable; R: not said why it matters.",
        "Commitment: 58%: 7 of 12 actions due were done on time.",
        "Development areas: Continuous delivery (gap 2)",
        "GAS T-score: 50",
    ] {
        assert!(out.contains(text), "missing {text:?}\n{out}");
    }
}

#[test]
fn load_errors_come_first_and_fail() {
    let p = Project::minimal();
    p.apply_case("missing-objective");
    let output = check(&p.root, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("there is no objective `sprint-goal`"));
    assert!(stdout(&output).is_empty());
    let json = check(&p.root, &["--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let report: coachsite::check::Report = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(
        report.diagnostics[0].message,
        "there is no objective `sprint-goal`"
    );
    assert_eq!(report.diagnostics[0].line, 4);
}

#[test]
fn retention_past_is_an_error() {
    let p = Project::minimal();
    p.edit(
        "engagement.yaml",
        "end: 2026-07-10",
        "end: 2026-07-10\nretain_until: 2026-05-31",
    );
    let output = check(&p.root, &["--as-of", "2026-06-15"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("The retention date 31 May 2026 has passed"));
}

/// A section titled private (`## 🔒 Private notes`, a callout "(not shared)") is left out
/// of the client's and the sponsor's sites; `check` names each, with its line, so that a
/// section meant to be shared can be renamed, and `--strict` does not fail on it.
#[test]
fn check_lists_the_sections_titled_private() {
    let p = Project::minimal();
    p.write(
        "sessions/2026-03-10-one-to-one.md",
        "---\ndate: 2026-03-10\ntitle: One to one\n---\n# Agenda\n\nGoals.\n\n> [!abstract]- My thoughts (not shared)\n> More.\n\n## 🔒 Private Notes\n\nTired.\n",
    );
    let output = check(&p.root, &["--as-of", "2026-06-15"]);
    let err = stderr(&output);
    for (line, title) in [(12, "🔒 Private Notes"), (9, "My thoughts (not shared)")] {
        assert!(
            err.contains(&format!(
                "note: the client's and the sponsor's sites leave out the section `{title}`: its title says it is private"
            )),
            "{err}"
        );
        assert!(
            err.contains(&format!("--> sessions/2026-03-10-one-to-one.md:{line}:1")),
            "{err}"
        );
    }
    let json = check(&p.root, &["--as-of", "2026-06-15", "--format", "json"]);
    assert!(
        stdout(&json).contains("\"severity\": \"note\""),
        "{}",
        stdout(&json)
    );
}

/// A `%%` right after a number (a percentage) opens or closes an aside: `check` warns, so
/// that `We ship 100%% of it` does not hide the next paragraph by surprise.
#[test]
fn a_percent_sign_doubled_after_a_number_is_told() {
    let p = Project::minimal();
    p.write(
        "sessions/2026-03-10-growth.md",
        "---\ndate: 2026-03-10\ntitle: Growth\n---\nWe ship 100%% of it.\n\n%% asked about Ana %%\n\nGrowth 5%%.\n",
    );
    let output = check(&p.root, &["--as-of", "2026-06-15"]);
    let err = stderr(&output);
    assert!(
        err.contains("warning: this `%%` after a number opens or closes a coach-only aside"),
        "{err}"
    );
    assert!(
        err.contains("--> sessions/2026-03-10-growth.md:5:12"),
        "{err}"
    );
    assert!(
        err.contains("--> sessions/2026-03-10-growth.md:9:9"),
        "{err}"
    );
}

/// The last line counts what `check` printed: on a folder fresh from `new`, `--strict`
/// fails on the placeholders it warns about, and the summary says how many (it said
/// "0 errors, 0 warnings, 0 notes" above six warnings). The JSON summary counts them too.
#[test]
fn the_summary_counts_every_warning_it_printed() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh");
    let made = Command::cargo_bin("coachsite")
        .unwrap()
        .arg("new")
        .arg(&fresh)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", stderr(&made));
    let out = check(&fresh, &["--strict"]);
    let printed = stderr(&out).matches("\nwarning: ").count()
        + usize::from(stderr(&out).starts_with("warning: "));
    assert!(printed > 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("0 errors, {printed} warnings, 0 notes")),
        "{}",
        stdout(&out)
    );
    assert_eq!(out.status.code(), Some(1));
    let json = check(&fresh, &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["summary"]["warnings"], printed);
    assert_eq!(
        json.status.code(),
        Some(0),
        "warnings fail only with --strict"
    );
}

/// An objective with key results (OKRs) carries each one's figures, and its progress is
/// their weighted mean: docs/insight.md's worked example, by hand.
#[test]
fn json_carries_the_key_results_of_an_okr_objective() {
    let output = check(&example(), &["--as-of", "2026-07-06", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let okr = value["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "idea-to-customer")
        .unwrap();
    let results = okr["key_results"].as_array().unwrap();
    let ids: Vec<&str> = results.iter().map(|k| k["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["items-done", "cycle-time", "refined-ahead"]);
    let close = |v: &serde_json::Value, x: f64| (v.as_f64().unwrap() - x).abs() < 1e-9;
    // items-done 6 → 12, latest 12: reached.
    assert!(close(&results[0]["progress"], 1.0));
    assert_eq!(results[0]["tracking"], "achieved");
    assert_eq!(results[0]["title"], "Backlog items done per sprint");
    // cycle-time: no baseline, the first measurement (14, 13 March) is one; target 5,
    // latest 7: (14 − 7) / (14 − 5) = 7/9.
    let cycle = &results[1];
    assert!(close(&cycle["progress"], 7.0 / 9.0));
    assert!(close(&cycle["okr_score"], 7.0 / 9.0));
    assert!(close(&cycle["baseline"], 14.0));
    assert_eq!(cycle["baseline_from"], "2026-03-13");
    assert!(close(&cycle["weight"], 2.0));
    assert_eq!(cycle["unit"], "days");
    assert_eq!(cycle["tracking"], "at-risk");
    assert!(cycle["forecast"].is_string() && cycle["pace"].is_object());
    // refined-ahead 0 → 2, measured in the session notes, latest 2: reached.
    assert!(close(&results[2]["progress"], 1.0));
    assert_eq!(results[2]["measurements"], 3);
    // The objective: (1·1 + 2·7/9 + 1·1) / 4 = 8/9; tracked as its worst key result.
    assert!(close(&okr["progress"], 8.0 / 9.0));
    assert_eq!(okr["tracking"], "at-risk");
    assert_eq!(okr["tracked_by"], "cycle-time");
    assert_eq!(okr["forecast"], cycle["forecast"]);
    assert_eq!(okr["measurements"], 13);
    assert!(okr["target"].is_null() && okr["latest"].is_null());
    let at_risk = okr["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "at-risk")
        .unwrap();
    assert_eq!(at_risk["key_result"], "cycle-time");
    // An objective measured directly has no `key_results` at all.
    let defects = value["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "escaped-defects")
        .unwrap();
    assert!(defects.get("key_results").is_none() && defects.get("tracked_by").is_none());
}
