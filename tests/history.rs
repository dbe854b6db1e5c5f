//! The history of targets from git (issue 18): a repository made by the test, with a
//! target moved after measurements began, and what every reader and `check` are told.

mod common;

use std::path::Path;
use std::process::Command;

use common::Project;

/// `git` in `dir`, with the commit dated `date` (noon UTC) and a fixed author.
fn git(dir: &Path, args: &[&str], date: &str) {
    let stamp = format!("{date}T12:00:00Z");
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Coach",
            "-c",
            "user.email=coach@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn commit(dir: &Path, date: &str, message: &str) {
    git(dir, &["add", "-A"], date);
    git(dir, &["commit", "-q", "-m", message], date);
}

#[test]
fn a_target_moved_after_measurements_is_told_to_every_reader_and_in_check() {
    let p = Project::minimal();
    // The repository holds the practice; the engagement is a folder inside it.
    let repo = p.root.parent().unwrap().to_path_buf();
    git(&repo, &["init", "-q"], "2026-01-12");
    // Written at the kick-off, with no measurement yet: the due date moved before any
    // measurement is not a finding.
    let goals = "objectives/sprint-goals.md";
    let text = std::fs::read_to_string(p.root.join(goals)).unwrap();
    let measured = "measurements:\n  - {date: 2026-02-06, value: 0}\n  - {date: 2026-02-20, value: 25, note: \"First sprint goal met %%MEASUREMENT-NOTE-SENTINEL%%\"}\n";
    assert!(text.contains(measured));
    p.write(
        goals,
        &text
            .replace(measured, "measurements: []\n")
            .replace("due: 2026-06-30", "due: 2026-05-31"),
    );
    commit(&repo, "2026-01-20", "kick-off");
    p.write(goals, &text.replace(measured, "measurements: []\n"));
    commit(&repo, "2026-01-25", "due date agreed with the sponsor");
    // Measured twice, then the target lowered on 3 March.
    p.write(goals, &text);
    commit(&repo, "2026-02-20", "two measurements");
    p.edit(goals, "  target: 75", "  target: 60");
    commit(&repo, "2026-03-03", "target lowered at the replanning");

    p.build_ok(&[]);
    let page = p.page("objectives/sprint-goals.html");
    let told =
        "Target lowered from 75% to 60% on 3 March 2026, after 2 measurements: less ambitious.";
    assert!(page.contains(told), "{page}");
    assert!(page.contains("<h2 id=\"changes-heading\">Changed after measuring began</h2>"));
    assert!(
        !page.contains("Due date"),
        "a change before any measurement is not told"
    );
    // As of the day before, the change had not happened.
    let before = Command::new(assert_cmd::cargo::cargo_bin("coachsite"))
        .args(["build", "--as-of", "2026-03-02", "-o"])
        .arg(&p.out)
        .arg(&p.root)
        .output()
        .unwrap();
    assert!(before.status.success());
    assert!(!p.page("objectives/sprint-goals.html").contains(told));
    // `check` says it too, with what to do.
    let check = Command::new(assert_cmd::cargo::cargo_bin("coachsite"))
        .args(["check", "--color", "never", "--as-of", "2026-06-15"])
        .arg(&p.root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(stdout.contains(told), "{stdout}");
    assert!(stdout.contains("Say so when you report progress"));
    // A change not yet committed is not history.
    p.edit(goals, "  target: 60", "  target: 50");
    p.build_ok(&[]);
    let page = p.page("objectives/sprint-goals.html");
    assert!(page.contains(told) && !page.contains("to 50%"));
}

#[test]
fn outside_a_repository_there_is_no_history_and_no_error() {
    // Project folders are made in the system's temporary folder, outside any repository.
    let p = Project::minimal();
    p.build_ok(&[]);
    assert!(
        !p.page("objectives/sprint-goals.html")
            .contains("changes-heading")
    );
}
