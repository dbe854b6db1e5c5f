//! What coachsite keeps (issue 30): it deletes or replaces only what it wrote, never
//! writes over what an engagement reads, and never reads outside the engagement folder.
//! Each case is a real folder a careless or hostile user could give it; each asserts the
//! exit code, the message, and that nothing was deleted or overwritten.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{AS_OF, Project, snapshot, stderr};

fn coachsite() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("coachsite").expect("binary");
    cmd.args(["--color", "never"])
        .timeout(std::time::Duration::from_secs(120));
    cmd
}

/// Every file below `dir`, hidden ones and `.git` included, with its bytes.
fn everything(dir: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(dir)
}

fn refused(output: &Output, says: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(1), "exit code\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains(says), "stderr lacks {says:?}\n{err}");
    assert!(err.contains("help:"), "says what to do\n{err}");
}

fn new_engagement(dir: &Path) {
    let out = coachsite().arg("new").arg(dir).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn an_engagement_is_never_an_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    new_engagement(&a);
    new_engagement(&b);
    // b under git, as a coach keeps it.
    fs::create_dir_all(b.join(".git/refs/heads")).unwrap();
    fs::write(b.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    let before = everything(&b);
    for command in common::WRITING_COMMANDS {
        let output = coachsite()
            .arg(command)
            .arg(&a)
            .arg("-o")
            .arg(&b)
            .args(["--as-of", AS_OF])
            .output()
            .unwrap();
        refused(&output, "this folder is an engagement");
        assert_eq!(everything(&b), before, "{command} changed engagement b");
    }
    // A folder of engagements (a practice) is no output either.
    let output = coachsite()
        .arg("build")
        .arg(&a)
        .arg("-o")
        .arg(dir.path())
        .args(["--as-of", AS_OF])
        .output()
        .unwrap();
    refused(&output, "contains the engagement folder");
    let practice = dir.path().join("practice");
    fs::create_dir_all(&practice).unwrap();
    fs::rename(&b, practice.join("b")).unwrap();
    let output = coachsite()
        .arg("build")
        .arg(&a)
        .arg("-o")
        .arg(&practice)
        .args(["--as-of", AS_OF])
        .output()
        .unwrap();
    refused(&output, "holds the engagement `b`");
}

#[test]
fn a_stray_marker_file_makes_no_folder_replaceable() {
    let p = Project::minimal();
    fs::create_dir_all(&p.out).unwrap();
    fs::write(p.out.join("thesis.md"), "two years of work").unwrap();
    for marker in [".coachsite", ".coachsite-output"] {
        fs::write(p.out.join(marker), "").unwrap();
        let before = everything(&p.out);
        let output = p.build(&[]);
        refused(&output, "not written by coachsite");
        assert_eq!(everything(&p.out), before);
        fs::remove_file(p.out.join(marker)).unwrap();
    }
}

#[test]
fn what_a_deploy_keeps_in_the_output_survives_every_build() {
    let p = Project::minimal();
    p.build_ok(&[]);
    let kept = [
        (".git/HEAD", "ref: refs/heads/gh-pages\n"),
        (".git/config", "[core]\n"),
        ("CNAME", "coaching.example.org\n"),
        (".nojekyll", ""),
        (
            ".well-known/security.txt",
            "Contact: mailto:coach@example.org\n",
        ),
        ("objectives/readme.txt", "a note of the deploy's\n"),
    ];
    for (rel, text) in kept {
        let path = p.out.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    // A change, so that pages are written again.
    p.edit("engagement.yaml", "title:", "title: Renamed —");
    p.build_ok(&[]);
    p.build_ok(&["--audience", "coach"]);
    for (rel, text) in kept {
        assert_eq!(fs::read_to_string(p.out.join(rel)).unwrap(), text, "{rel}");
    }
    assert!(p.page("index.html").contains("Renamed"));
    let marker = fs::read_to_string(p.out.join(".coachsite-output")).unwrap();
    assert!(
        !marker.contains("CNAME"),
        "the marker lists only coachsite's files"
    );
    // The same with every page sealed.
    #[cfg(feature = "encrypt")]
    {
        p.build_encrypted_ok("a long enough password", &[]);
        for (rel, text) in kept {
            assert_eq!(fs::read_to_string(p.out.join(rel)).unwrap(), text, "{rel}");
        }
    }
}

#[test]
fn a_file_of_someone_else_where_the_site_needs_one_stops_the_build() {
    let p = Project::minimal();
    p.build_ok(&[]);
    let theirs = p.out.join("objectives/later.html");
    fs::write(&theirs, "someone's page").unwrap();
    p.write(
        "objectives/later.md",
        "---\ntitle: Later\nspecific: Later.\ndue: 2026-06-01\nmeasure: {metric: x, baseline: 0, target: 1}\n---\n",
    );
    let before = everything(&p.out);
    let output = p.build(&[]);
    refused(
        &output,
        "`objectives/later.html` in the output folder was not written by coachsite",
    );
    assert_eq!(everything(&p.out), before, "the previous site is whole");
}

#[test]
fn no_command_writes_over_an_input() {
    let p = Project::minimal();
    let before = everything(&p.root);
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![
                "export".into(),
                "--format".into(),
                "json".into(),
                "-o".into(),
                "engagement.yaml".into(),
            ],
            "this is `engagement.yaml` (the engagement's settings)",
        ),
        (
            vec![
                "export".into(),
                "--format".into(),
                "json".into(),
                "-o".into(),
                "objectives/o.md".into(),
            ],
            "this path is inside `objectives/`",
        ),
        (
            vec![
                "export".into(),
                "--format".into(),
                "csv".into(),
                "-o".into(),
                "sessions".into(),
            ],
            "this is `sessions/`",
        ),
        (
            vec![
                "export".into(),
                "--format".into(),
                "icf-log".into(),
                "--audience".into(),
                "coach".into(),
                "-o".into(),
                "plan.yaml".into(),
            ],
            "this is `plan.yaml` (the action plan)",
        ),
    ];
    for (args, says) in cases {
        let mut cmd = coachsite();
        cmd.arg(&args[0]).arg(&p.root).args(["--as-of", AS_OF]);
        for (i, arg) in args[1..].iter().enumerate() {
            // The path after -o, inside the engagement.
            if i > 0 && args[i] == "-o" {
                cmd.arg(p.root.join(arg));
            } else {
                cmd.arg(arg);
            }
        }
        let output = cmd.output().unwrap();
        refused(&output, says);
        assert_eq!(
            everything(&p.root),
            before,
            "{args:?} changed the engagement"
        );
    }
    let output = coachsite()
        .args(["schema", "--out"])
        .arg(p.root.join("objectives"))
        .output()
        .unwrap();
    refused(&output, "this is `objectives/`");
    let output = coachsite()
        .arg("new")
        .arg(p.root.join("sessions/nested"))
        .output()
        .unwrap();
    refused(&output, "this path is inside `sessions/`");
    assert_eq!(everything(&p.root), before);
    // Where a coach does write: the schemas beside the templates, an export folder.
    let output = coachsite()
        .args(["schema", "--out"])
        .arg(p.root.join(".coachsite/schemas"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
}

/// A file outside every engagement, with words that must never reach a site or a message.
fn secret_outside(dir: &Path) -> std::path::PathBuf {
    let secret = dir.join("coach-private.txt");
    fs::write(&secret, "OUTSIDE-SECRET the coach's own file\n").unwrap();
    secret
}

/// What a case does to the engagement.
type Setup<'a> = Box<dyn Fn(&Project) + 'a>;

#[test]
fn a_link_out_of_the_engagement_is_an_error_and_never_followed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = secret_outside(outside.path());
    fs::create_dir_all(outside.path().join("folder")).unwrap();
    fs::write(
        outside.path().join("folder/2026-02-01-x.md"),
        "OUTSIDE-SECRET\n",
    )
    .unwrap();
    let link = |p: &Project, rel: &str, to: &Path| {
        let path = p.root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(to, path).unwrap();
    };
    let cases: Vec<(&str, Setup)> = vec![
        // An attachment, embedded by a note: the published site would hold the file.
        (
            "attachments/notes.pdf",
            Box::new(|p: &Project| {
                link(p, "attachments/notes.pdf", &secret);
                p.edit(
                    "sessions/2026-01-20-kick-off.md",
                    "# Check-in",
                    "# Check-in\n\n![[notes.pdf]]",
                );
            }),
        ),
        (
            "sessions/2026-02-01-x.md",
            Box::new(|p: &Project| link(p, "sessions/2026-02-01-x.md", &secret)),
        ),
        (
            "objectives/more",
            Box::new(|p: &Project| link(p, "objectives/more", &outside.path().join("folder"))),
        ),
        (
            "plan.yaml",
            Box::new(|p: &Project| {
                fs::remove_file(p.root.join("plan.yaml")).unwrap();
                link(p, "plan.yaml", &secret);
            }),
        ),
        (
            "static/x.png",
            Box::new(|p: &Project| link(p, "static/x.png", &secret)),
        ),
        (
            ".coachsite/templates/page.html",
            Box::new(|p: &Project| link(p, ".coachsite/templates/page.html", &secret)),
        ),
        (
            "photo.png",
            Box::new(|p: &Project| link(p, "photo.png", &secret)),
        ),
    ];
    for (rel, make) in cases {
        let p = Project::minimal();
        p.build_ok(&[]);
        let before = everything(&p.out);
        make(&p);
        let output = p.build(&[]);
        refused(
            &output,
            "outside the engagement folder: coachsite never reads outside it",
        );
        let err = stderr(&output);
        assert!(
            err.contains(&format!("--> {rel}")),
            "{rel}: names the link\n{err}"
        );
        let target = if rel == "objectives/more" {
            outside.path().join("folder")
        } else {
            secret.clone()
        };
        assert!(
            err.contains(&format!("this is a link to `{}`", target.display())),
            "{rel}: names where it points\n{err}"
        );
        assert!(
            !err.contains("OUTSIDE-SECRET"),
            "{rel}: no content in a message\n{err}"
        );
        assert_eq!(everything(&p.out), before, "{rel}: the previous site stays");
        // `check` reads the engagement's notes and files (not static/ or templates).
        if !rel.starts_with("static") && !rel.starts_with(".coachsite") {
            let check = coachsite()
                .arg("check")
                .arg(&p.root)
                .args(["--as-of", AS_OF])
                .output()
                .unwrap();
            assert_eq!(check.status.code(), Some(1), "{rel}: check fails too");
        }
    }
}

#[test]
fn a_link_that_stays_inside_is_followed_and_one_to_nowhere_is_named() {
    let p = Project::minimal();
    fs::create_dir_all(p.root.join("static")).unwrap();
    fs::write(p.root.join("static/logo.png"), b"\x89PNG\r\n\x1a\nlogo").unwrap();
    fs::create_dir_all(p.root.join("attachments")).unwrap();
    std::os::unix::fs::symlink(
        p.root.join("static/logo.png"),
        p.root.join("attachments/board.png"),
    )
    .unwrap();
    p.edit(
        "sessions/2026-01-20-kick-off.md",
        "# Check-in",
        "# Check-in\n\n![[board.png]]",
    );
    p.build_ok(&[]);
    assert_eq!(
        fs::read(p.out.join("attachments/board.png")).unwrap(),
        b"\x89PNG\r\n\x1a\nlogo"
    );
    std::os::unix::fs::symlink(
        "/nowhere/at/all.md",
        p.root.join("sessions/2026-03-01-gone.md"),
    )
    .unwrap();
    let output = p.build(&[]);
    refused(
        &output,
        "this is a link to `/nowhere/at/all.md`, which does not exist",
    );
}

#[test]
fn pipes_and_sockets_are_named_never_opened() {
    let p = Project::minimal();
    let fifo = |rel: &str| {
        let ok = std::process::Command::new("mkfifo")
            .arg(p.root.join(rel))
            .status()
            .unwrap();
        assert!(ok.success());
    };
    fifo("sessions/2026-02-01-pipe.md");
    let output = p.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(
            "warning: this is a named pipe (FIFO), not a file: coachsite does not read it"
        ),
        "{}",
        stderr(&output)
    );
    fs::remove_file(p.root.join("engagement.yaml")).unwrap();
    fifo("engagement.yaml");
    let output = p.build(&[]);
    refused(
        &output,
        "engagement.yaml is a named pipe (FIFO), not a file",
    );
}

/// `-o .` from the folder the site goes into; a named pipe in static/ is named, not read,
/// and the site is built.
#[test]
fn dot_as_the_output_and_a_pipe_among_the_static_files() {
    let p = Project::minimal();
    fs::create_dir_all(&p.out).unwrap();
    for _ in 0..2 {
        let output = coachsite()
            .current_dir(&p.out)
            .arg("build")
            .arg(&p.root)
            .args(["-o", ".", "--as-of", AS_OF])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert!(p.has("index.html"));
    let beside: Vec<_> = fs::read_dir(p.out.parent().unwrap()).unwrap().collect();
    assert_eq!(beside.len(), 2, "the engagement and the site, nothing else");
    fs::create_dir_all(p.root.join("static")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(p.root.join("static/pipe.txt"))
        .status()
        .unwrap();
    assert!(made.success());
    let output = p.build(&[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("warning: this is a named pipe (FIFO), not a file"),
        "{}",
        stderr(&output)
    );
}
