//! A real Obsidian work vault with only an engagement.yaml added at its root
//! (`tests/fixtures/obsidian-work-vault`: `.obsidian/`, `Meetings/` and `1-1s/` of
//! meeting notes named by date and person, `Goals/`, people notes, a journal, a
//! Templater template and a note made from it that was never rendered, a canvas, notes
//! at the root): it checks with no error and builds
//! for all three readers; its meeting notes are sessions with their titles and dates,
//! its properties the coach's unless shared, and every other note of the vault is left
//! alone.

mod common;

use common::{Project, stderr};

fn vault() -> Project {
    Project::fixture("obsidian-work-vault")
}

/// Whether any byte of the output holds `needle`: the file that does.
fn anywhere(p: &Project, needle: &str) -> Option<String> {
    p.snapshot()
        .into_iter()
        .find(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(path, _)| path)
}

fn check(p: &Project) -> (bool, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_coachsite"))
        .args(["check"])
        .arg(&p.root)
        .output()
        .expect("runs");
    (output.status.success(), stderr(&output))
}

#[test]
fn the_vault_checks_with_no_error_and_builds_for_every_reader() {
    let p = vault();
    let (ok, err) = check(&p);
    assert!(ok, "{err}");
    assert!(!err.contains("error:"), "{err}");
    // A note made from the Templater template and never rendered is left out, said once.
    assert!(
        err.contains("warning: this note looks like an unrendered template of Templater")
            && err.contains("Meetings/Untitled.md:4:15"),
        "{err}"
    );
    for audience in ["coach", "client", "sponsor"] {
        let output = p.build(&["--audience", audience]);
        assert!(output.status.success(), "{audience}: {}", stderr(&output));
    }
}

#[test]
fn meeting_notes_are_sessions_with_their_titles_and_dates() {
    let p = vault();
    p.build_ok(&["--audience", "coach"]);
    let kick_off = p.page("sessions/2024-11-13-john-appleseed.html");
    // The title from the first heading, which is not repeated in the notes.
    assert!(
        kick_off.contains("<h1>1:1 with John — kick-off"),
        "{kick_off}"
    );
    assert_eq!(kick_off.matches("1:1 with John — kick-off</h").count(), 1);
    assert!(
        kick_off.contains("13 November 2024"),
        "the date from the file name"
    );
    let retro = p.page("sessions/2024-12-04-team-retro.html");
    assert!(retro.contains("<h1>Team retro after the first automated release"));
    assert!(
        retro.contains("John Appleseed, Ana: PO"),
        "attendees: {retro}"
    );
    // The objective from its file name, with its first heading as its title.
    let goal = p.page("objectives/ci-cd-pipeline-refactor.html");
    assert!(goal.contains("<h1>CI/CD pipeline refactor"), "{goal}");
    // Links in properties, by name and by alias, name the objective.
    let second = p.page("sessions/2024-11-27-john-appleseed.html");
    assert!(
        second.contains(
            "href=\"../objectives/ci-cd-pipeline-refactor.html\">CI/CD pipeline refactor"
        ),
        "{second}"
    );
    // Three meeting notes, and nothing of the people notes, the journal, the template
    // or the notes at the root.
    let sessions = p.page("sessions/index.html");
    assert_eq!(
        sessions
            .matches("<th scope=\"row\"><a href=\"../sessions/")
            .count(),
        3,
        "{sessions}"
    );
    for other in [
        "Joined 2021",
        "Coached John today",
        "tp.date.now",
        "Things John did well",
    ] {
        assert_eq!(anywhere(&p, other), None, "{other}");
    }
}

#[test]
fn properties_of_the_coach_s_own_reach_others_only_when_shared() {
    let p = vault();
    p.build_ok(&["--audience", "coach"]);
    let page = p.page("sessions/2024-11-13-john-appleseed.html");
    for shown in [
        "relationship",
        "direct-report",
        "next_meeting",
        "20 November 2024",
        "13 November 2024, 09:58",
    ] {
        assert!(page.contains(shown), "{shown}: {page}");
    }
    assert!(page.contains("hiring, pipeline"), "topics, shared: {page}");
    p.build_ok(&["--audience", "client"]);
    let page = p.page("sessions/2024-11-13-john-appleseed.html");
    assert!(page.contains("hiring, pipeline"), "{page}");
    for hidden in [
        "relationship",
        "direct-report",
        "next_meeting",
        "quarter",
        "2024-Q4",
    ] {
        assert_eq!(anywhere(&p, hidden), None, "{hidden}");
    }
    p.build_ok(&["--audience", "sponsor"]);
    for hidden in ["hiring, pipeline", "2024-Q4", "direct-report"] {
        assert_eq!(anywhere(&p, hidden), None, "{hidden}");
    }
}

#[test]
fn a_folder_narrowed_to_a_tag_reads_only_the_notes_that_carry_it() {
    let p = vault();
    p.edit(
        "engagement.yaml",
        "  sessions: [Meetings, 1-1s]",
        "  sessions: [{folder: Meetings, tag: people/john-appleseed}, {folder: 1-1s, tag: people/ana}]",
    );
    // A note of someone else's in the narrowed folder, broken: not ours, not reported.
    p.write(
        "1-1s/2024-12-05 Someone else.md",
        "---\ndate: not a date\n---\nx\n",
    );
    let (ok, err) = check(&p);
    assert!(ok, "{err}");
    assert!(!err.contains("Someone else"), "{err}");
    p.build_ok(&["--audience", "coach"]);
    assert!(p.has("sessions/2024-11-13-john-appleseed.html"));
    assert!(
        !p.has("sessions/2024-12-04-team-retro.html"),
        "not tagged #people/ana"
    );
}

#[test]
fn a_typo_of_a_known_key_is_a_warning_and_bad_folders_are_errors() {
    let p = vault();
    p.edit(
        "Meetings/2024-11-27 John Appleseed.md",
        "duration: 50",
        "duraton: 50",
    );
    let (ok, err) = check(&p);
    assert!(ok, "{err}");
    assert!(
        err.contains("`duraton` is kept as a property of your own")
            && err.contains("did you mean `duration`?")
            && err.contains("Meetings/2024-11-27 John Appleseed.md:9:1"),
        "{err}"
    );
    p.edit(
        "engagement.yaml",
        "  objectives: Goals",
        "  objectives: ../Goals",
    );
    let (ok, err) = check(&p);
    assert!(!ok, "{err}");
    assert!(
        err.contains("`../Goals` cannot hold the objectives"),
        "{err}"
    );
    assert!(err.contains("engagement.yaml:19:"), "{err}");
}

#[test]
fn tasks_are_actions_of_the_plan_and_no_plugin_code_reaches_a_reader() {
    let p = vault();
    p.build_ok(&["--audience", "client"]);
    let plan = p.page("plan/index.html");
    for action in [
        "Share the review checklist with the team",
        "Book the retro room",
        "John drafts the on-call handbook",
        "Ana runs the release alone",
    ] {
        assert!(plan.contains(action), "{action}: {plan}");
    }
    // Ticked in the next note: one action, done on the day the tick says, reviewed there.
    assert!(plan.contains("Done <span class=\"muted\">(2)"), "{plan}");
    assert!(plan.contains("19 November 2024"), "{plan}");
    // The empty task the template left is no action.
    assert!(plan.contains("Open <span class=\"muted\">(2)"), "{plan}");
    for code in [
        "dataviewjs",
        "dv.list",
        "VIEW[",
        "meta-bind",
        "LIST FROM",
        "label: New 1:1",
        "tp.date",
        "He avoids conflict",
        "[due::",
        "hovered over",
    ] {
        assert_eq!(anywhere(&p, code), None, "{code}");
    }
    // The canvas is its name, never a file of the site; the photo pasted into the
    // vault's own attachment folder (`.obsidian/app.json`) is in it.
    assert!(!p.has("Canvas example.canvas"));
    assert!(p.has("Assets/Pasted image 20241127.png"));
    let kick_off = p.page("sessions/2024-11-13-john-appleseed.html");
    assert!(kick_off.contains("Related: Noteworthy, John"), "{kick_off}");
    assert!(
        kick_off.contains("on-call handbook due: 2024-11-27"),
        "{kick_off}"
    );
    // The coach's query lists both meetings with John, newest first: the second links
    // him in a property only.
    p.build_ok(&["--audience", "coach"]);
    let kick_off = p.page("sessions/2024-11-13-john-appleseed.html");
    let list = kick_off
        .split("<ul class=\"dataview dataview-list\">")
        .nth(1)
        .and_then(|l| l.split("</ul>").next())
        .unwrap_or_default();
    let second = list.find("delegation").unwrap_or(usize::MAX);
    let first = list.find("kick-off</a>").unwrap_or(0);
    assert!(second < first, "{list}");
}

#[test]
fn no_site_is_written_into_a_folder_of_notes() {
    let p = vault();
    for inside in ["Meetings/site", "Goals", "Assets/site"] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_coachsite"))
            .arg("build")
            .arg(&p.root)
            .arg("-o")
            .arg(p.root.join(inside))
            .output()
            .expect("runs");
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{inside}: {err}");
        assert!(
            err.contains("which coachsite reads as part of the engagement"),
            "{inside}: {err}"
        );
    }
    // A folder of the vault that holds no notes coachsite reads may take the site.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_coachsite"))
        .arg("build")
        .arg(&p.root)
        .arg("-o")
        .arg(p.root.join("Published/site"))
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(p.root.join("Published/site/index.html").is_file());
}
