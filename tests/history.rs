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

/// `coachsite diff` with `args`, its standard output.
fn diff(p: &Project, args: &[&str]) -> String {
    let out = Command::new(assert_cmd::cargo::cargo_bin("coachsite"))
        .args(["diff", "--color", "never", "--as-of", "2026-06-15"])
        .arg(&p.root)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn diff_tells_what_the_reader_would_newly_see_since_a_revision() {
    let p = Project::minimal();
    let repo = p.root.parent().unwrap().to_path_buf();
    git(&repo, &["init", "-q"], "2026-03-01");
    commit(&repo, "2026-03-01", "as sent to the client");
    git(&repo, &["tag", "sent"], "2026-03-01");
    // A new session note with a coach-only aside, and a changed objective title.
    p.write(
        "sessions/2026-03-10-review.md",
        "---\ndate: 2026-03-10\ntitle: Sprint review debrief\n---\nThe team demoed the quote screen. %%DIFF-ASIDE-SENTINEL%%\n",
    );
    p.edit(
        "objectives/sprint-goals.md",
        "title: Meet the sprint goal",
        "title: Meet the sprint goal every sprint",
    );
    commit(&repo, "2026-03-12", "after the review");
    let told = diff(&p, &["sent", "--audience", "client"]);
    assert!(
        told.contains("The client site as of 2026-06-15, against `sent`: 1 page added, 0 removed,"),
        "{told}"
    );
    assert!(
        told.contains("+ sessions/2026-03-10-review.html (new page)"),
        "{told}"
    );
    assert!(told.contains("objectives/sprint-goals.html\n"), "{told}");
    assert!(
        told.contains("  - Meet the sprint goal\n")
            && told.contains("  + Meet the sprint goal every sprint\n"),
        "{told}"
    );
    assert!(
        !told.contains("DIFF-ASIDE-SENTINEL"),
        "nothing the client may not see"
    );
    // The sponsor sees neither that objective nor session notes: only the count of
    // sessions held changed for them (the coach-only note counts: one rule for sessions).
    let sponsor = diff(&p, &["sent", "--audience", "sponsor"]);
    assert!(
        sponsor.contains("0 pages added, 0 removed, 1 changed."),
        "{sponsor}"
    );
    assert!(
        sponsor.contains("  + 3 sessions held, 1.5 hours of coaching\n"),
        "{sponsor}"
    );
    assert!(!sponsor.contains("Sprint review debrief") && !sponsor.contains("every sprint"));
    // The same revision, written HEAD~1; and no difference against HEAD itself.
    assert!(diff(&p, &["HEAD~1"]).contains("1 page added"));
    assert!(diff(&p, &["HEAD"]).contains("no page would change"));
}

#[test]
fn diff_against_the_site_last_built() {
    let p = Project::minimal();
    p.build_ok(&[]);
    assert!(diff(&p, &["-o", p.out.to_str().unwrap()]).contains("no page would change"));
    p.edit(
        "objectives/sprint-goals.md",
        "title: Meet the sprint goal",
        "title: Meet the sprint goals",
    );
    let told = diff(&p, &["-o", p.out.to_str().unwrap()]);
    assert!(told.contains("  + Meet the sprint goals\n"), "{told}");
    // A folder with no site in it, or an unknown revision: a clear error, exit 1.
    for args in [
        &["-o", "/nonexistent-site"][..],
        &["no-such-revision"][..],
        &[""][..],
    ] {
        let out = Command::new(assert_cmd::cargo::cargo_bin("coachsite"))
            .args(["diff", "--color", "never"])
            .arg(&p.root)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("build one first")
                || err.contains("not in a git repository")
                || err.contains("the revision to compare with is empty"),
            "{err}"
        );
    }
}

#[test]
fn a_reader_is_told_only_of_changes_they_could_see_both_sides_of() {
    let p = Project::minimal();
    let repo = p.root.parent().unwrap().to_path_buf();
    git(&repo, &["init", "-q"], "2026-02-01");
    let trust = "objectives/customer-trust.md";
    commit(&repo, "2026-03-10", "as it is");
    // A coach-only aside added to a GAS level: the client's words did not change.
    p.edit(
        trust,
        "  1: A customer attends every review",
        "  1: A customer attends every review %%and Ana stops sighing%%",
    );
    commit(&repo, "2026-03-11", "aside");
    // While the objective was the coach's only, its due date moved twice.
    p.edit(trust, "visibility: sponsor", "visibility: coach");
    commit(&repo, "2026-03-12", "hidden");
    p.edit(trust, "due: 2026-06-30", "due: 2026-07-31");
    commit(&repo, "2026-03-13", "moved while hidden");
    p.edit(trust, "visibility: coach", "visibility: sponsor");
    commit(&repo, "2026-03-14", "shared again");
    // A level rewritten for everyone.
    p.edit(
        trust,
        "  2: Customers ask to join refinement too",
        "  2: Customers ask to join refinement",
    );
    commit(&repo, "2026-03-20", "level +2 reworded");

    p.build_ok(&["--audience", "coach"]);
    let coach = p.page("objectives/customer-trust.html");
    assert!(
        coach.contains(
            "The description of GAS level +1 was rewritten on 11 March 2026, after 2 measurements."
        ),
        "{coach}"
    );
    assert!(coach.contains("Due date postponed from 30 June 2026 to 31 July 2026 on 13 March 2026, after 2 measurements."), "{coach}");
    for audience in ["client", "sponsor"] {
        p.build_ok(&["--audience", audience]);
        let page = p.page("objectives/customer-trust.html");
        assert!(page.contains("The description of GAS level +2 was rewritten on 20 March 2026, after 2 measurements."), "{audience}: {page}");
        assert!(
            !page.contains("GAS level +1"),
            "{audience}: only a coach-only aside changed"
        );
        assert!(
            !page.contains("Due date postponed"),
            "{audience}: it was not theirs to see then"
        );
    }
}

#[test]
fn diff_refuses_a_site_built_for_another_reader() {
    let p = Project::minimal();
    p.build_ok(&["--audience", "coach"]);
    let out = Command::new(assert_cmd::cargo::cargo_bin("coachsite"))
        .args(["diff", "--color", "never", "--audience", "sponsor", "-o"])
        .arg(&p.out)
        .arg(&p.root)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("holds the coach site: compare it with --audience coach"),
        "{err}"
    );
    assert!(
        out.stdout.is_empty(),
        "not a line of the coach's site is printed"
    );
}

#[test]
fn a_key_results_target_moved_after_measurements_is_told_with_its_name() {
    let p = Project::minimal();
    let repo = p.root.parent().unwrap().to_path_buf();
    git(&repo, &["init", "-q"], "2026-01-12");
    commit(&repo, "2026-02-10", "the engagement, measured");
    // `items-done` rises from 4 to 10 and has three measurements by 3 April.
    p.edit("objectives/flow.md", "    target: 10\n", "    target: 9\n");
    commit(&repo, "2026-04-05", "items-done's target lowered");

    p.build_ok(&["--audience", "client"]);
    let page = p.page("objectives/flow.html");
    let told = "Key result “Items done per sprint”: Target lowered from 10\u{a0}items to 9\u{a0}items on \
                5 April 2026, after 5 measurements: less ambitious.";
    assert!(page.contains(told), "{page}");
    let check = Command::new(assert_cmd::cargo::cargo_bin("coachsite"))
        .args(["check", "--color", "never", "--as-of", "2026-06-15"])
        .arg(&p.root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(stdout.contains(told), "{stdout}");
}
