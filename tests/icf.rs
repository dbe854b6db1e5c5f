//! `export --format icf-log`: the ICF client coaching log of a coach's practice, a folder
//! of engagements at any depth, with hand-counted hours.

mod common;

use common::{AS_OF, copy_dir, fixtures, stderr};

fn export(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("coachsite")
        .unwrap()
        .arg("export")
        .arg(dir)
        .args(["--format", "icf-log", "--as-of", AS_OF, "--color", "never"])
        .args(extra)
        .output()
        .unwrap()
}

/// A practice: the minimal team engagement, and the Obsidian vault (an individual,
/// pro bono) two folders down; a hidden folder and a built site are not searched.
fn practice() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join("minimal"), &dir.path().join("acme"));
    let maya = dir.path().join("clients/2026/maya");
    copy_dir(&fixtures().join("obsidian-vault"), &maya);
    let yaml = maya.join("engagement.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    let text = text.replace(
        "language: en\n",
        "language: en\ncontact: maya.lind@example.org, +44 20 7946 0000\nbilling: pro-bono\n",
    );
    std::fs::write(&yaml, text).unwrap();
    copy_dir(&fixtures().join("minimal"), &dir.path().join(".trash/old"));
    let site = dir.path().join("acme/public");
    copy_dir(&fixtures().join("minimal"), &site);
    std::fs::write(site.join(".coachsite"), "").unwrap();
    dir
}

#[test]
fn the_log_has_one_line_per_engagement_with_its_hours() {
    let dir = practice();
    let output = export(dir.path(), &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let csv = String::from_utf8(output.stdout.clone()).unwrap();
    // acme: a team of three, 90 minutes held by 15 June (the coach's reflection has no
    // duration), ongoing: its end is its last session. Maya: 60 + 30 + 60 minutes, pro bono.
    assert_eq!(
        csv,
        "Client name,Contact information,Individual/Group,Number in group,Start date,End date,Paid hours,Pro bono hours\n\
         \"Claims IT team, Example Mutual\",claims-it@example.org CONTACT-SENTINEL,Group,3,2026-01-12,2026-02-03,1.50,0.00\n\
         \"Maya Lind, head of customer operations\",\"maya.lind@example.org, +44 20 7946 0000\",Individual,1,2026-01-19,2026-03-16,0.00,2.50\n"
    );
    let err = stderr(&output);
    assert!(
        err.contains("note: acme: 1 of 2 sessions have no duration; their hours are not counted"),
        "{err}"
    );
    assert!(
        err.contains("2 engagement(s): 1.50 paid hours, 2.50 pro bono hours"),
        "{err}"
    );
}

#[test]
fn the_log_is_the_coachs_and_names_broken_engagements() {
    let dir = practice();
    let output = export(dir.path(), &["--audience", "client"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("the ICF log is the coach's own record"));
    assert!(String::from_utf8_lossy(&output.stdout).is_empty());

    // One broken engagement: its errors with the engagement's folder, and no log.
    let plan = dir.path().join("clients/2026/maya/plan.yaml");
    let original = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(&plan, "actions: [{id: x}]\n").unwrap();
    let output = export(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("clients/2026/maya/plan.yaml:1:"), "{err}");
    assert!(err.contains("1 engagement(s) have errors"), "{err}");

    // Written to a file; an empty folder has no engagement.
    std::fs::write(&plan, original).unwrap();
    let out = dir.path().join("log.csv");
    let output = export(dir.path(), &["-o", out.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("Client name,")
    );
    let empty = tempfile::tempdir().unwrap();
    let output = export(empty.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("no engagement in"));
}
