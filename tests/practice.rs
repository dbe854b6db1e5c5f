//! A coach's practice: a folder of engagements at any depth builds, for the coach, into
//! one site with a practice home; a client's or sponsor's site is built from one
//! engagement only.

mod common;

use common::{AS_OF, copy_dir, fixtures, snapshot, stderr};

fn build(dir: &std::path::Path, out: &std::path::Path, audience: &str) -> std::process::Output {
    assert_cmd::Command::cargo_bin("coachsite")
        .unwrap()
        .arg("build")
        .arg(dir)
        .arg("-o")
        .arg(out)
        .args(["--as-of", AS_OF, "--color", "never", "--audience", audience])
        .output()
        .unwrap()
}

/// Three engagements: two running, one ended (the ZPD failure), at three depths.
fn practice() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("practice");
    copy_dir(&fixtures().join("minimal"), &root.join("acme"));
    copy_dir(
        &fixtures().join("obsidian-vault"),
        &root.join("clients/maya"),
    );
    copy_dir(
        &fixtures().join("zpd-failure"),
        &root.join("archive/2026/bank"),
    );
    dir
}

#[test]
fn a_practice_builds_into_one_site_for_the_coach() {
    let dir = practice();
    let (root, out) = (dir.path().join("practice"), dir.path().join("site"));
    let output = build(&root, &out, "coach");
    assert!(output.status.success(), "{}", stderr(&output));
    for page in [
        "index.html",
        "style.css",
        "acme/index.html",
        "acme/sessions/2026-02-03-coach-reflection.html",
        "clients/maya/attachments/sponsor-whiteboard.jpg",
        "archive/2026/bank/objectives/adopt-scrum.html",
    ] {
        assert!(out.join(page).is_file(), "{page}");
    }
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("Coach only"));
    assert!(home.contains("3 engagements · 2 running"), "{home}");
    for link in [
        "<a href=\"acme/index.html\">Team coaching — Claims team</a>",
        "<a href=\"clients/maya/index.html\">Leadership coaching — Maya Lind</a>",
        "<a href=\"archive/2026/bank/index.html\">",
    ] {
        assert!(home.contains(link), "{link}\n{home}");
    }
    // The next open action of each engagement, with its due date; none for the ended one.
    assert!(home.contains("Write the sprint goal on the board at planning <span class=\"muted\">· due 1 March 2026</span>"));
    assert!(home.contains("No open action"));
    // The evidence: the bank's two objectives were beyond the zone when planned, and
    // neither reached its target; two are too few for a share.
    assert!(
        home.contains("<th scope=\"row\">Beyond the zone</th><td class=\"num\" data-label=\"Objectives\">2</td><td class=\"num\" data-label=\"Reached their target\">0</td><td class=\"num\" data-label=\"Share\"><span class=\"muted\">too few to say</span>"),
        "{home}"
    );
    // Lessons of every engagement by tag, linked into their engagement's site.
    let lessons = home.split("id=\"lessons-heading\"").nth(1).unwrap();
    assert!(lessons.contains("<h3>delegation</h3>\n  <ul class=\"plain\">\n    <li><a href=\"clients/maya/lessons/let-go-one-thing.html\">Let go of one thing at a time</a> <span class=\"muted\">Leadership coaching — Maya Lind · 2 March 2026</span></li>"), "{lessons}");
    assert!(
        lessons
            .contains("<a href=\"acme/lessons/tools-after-culture.html\">Culture before tools</a>")
    );
    // Every page of an engagement links back to the practice home, at any depth; an
    // engagement built on its own has no such link.
    for (page, home) in [
        ("acme/index.html", "../index.html"),
        (
            "acme/sessions/2026-02-03-coach-reflection.html",
            "../../index.html",
        ),
        (
            "archive/2026/bank/objectives/adopt-scrum.html",
            "../../../../index.html",
        ),
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        let link = format!("<a class=\"practice-home\" href=\"{home}\">All engagements</a>");
        assert!(html.contains(&link), "{page}");
        let target = out.join(page).parent().unwrap().join(home);
        assert_eq!(
            target.canonicalize().unwrap(),
            out.join("index.html").canonicalize().unwrap()
        );
    }
    let alone = dir.path().join("alone");
    assert!(build(&root.join("acme"), &alone, "coach").status.success());
    let html = std::fs::read_to_string(alone.join("index.html")).unwrap();
    assert!(!html.contains("practice-home"));
    // A warning of an engagement is named with its folder.
    assert!(stderr(&output).contains("clients/maya/attachments/unused-photo.png"));
    // The same input gives the same bytes.
    let first = snapshot(&out);
    assert!(build(&root, &out, "coach").status.success());
    assert_eq!(first, snapshot(&out));
}

#[test]
fn a_practice_has_no_client_or_sponsor_site_and_names_broken_engagements() {
    let dir = practice();
    let (root, out) = (dir.path().join("practice"), dir.path().join("site"));
    for audience in ["client", "sponsor"] {
        let output = build(&root, &out, audience);
        assert_eq!(output.status.code(), Some(1), "{audience}");
        let err = stderr(&output);
        assert!(
            err.contains(&format!("this folder holds 3 engagements: the {audience}'s site is built from one engagement")),
            "{err}"
        );
        assert!(
            err.contains(&format!(
                "coachsite build {}/acme --audience {audience}",
                root.display()
            )),
            "{err}"
        );
        assert!(!out.exists(), "nothing written");
    }
    // `check` of the practice folder says where the engagements are.
    let output = assert_cmd::Command::cargo_bin("coachsite")
        .unwrap()
        .args(["check", "--color", "never"])
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output)
            .contains("this folder holds 3 engagement(s), such as acme/: give one of them"),
        "{}",
        stderr(&output)
    );
    std::fs::write(root.join("clients/maya/plan.yaml"), "actions: [{id: x}]\n").unwrap();
    let output = build(&root, &out, "coach");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("clients/maya/plan.yaml:1:"),
        "{}",
        stderr(&output)
    );
    assert!(!out.exists());
}
