//! Links as Obsidian shows them (issue 32): `aliases:` name their note; a link to a note
//! outside the engagement, or to a person with no note, is its words for every reader (a
//! note of `check`, a warning when it looks like a typo of an item's id); an embed of a
//! file coachsite does not show (a canvas, audio, video) is its words, and the file is
//! never copied; a Markdown image of no file is shown as written.

mod common;

use assert_cmd::Command;
use common::{Project, stderr};

const REVIEW: &str = "sessions/2026-03-01-review.md";

/// The minimal engagement with a session of a real vault's links, a lesson and the
/// coach-only session with aliases, and a recording beside the notes.
fn vault_links() -> Project {
    let p = Project::minimal();
    p.write(
        REVIEW,
        "---\ndate: 2026-03-01\ntitle: Review\n---\n# Review\n\n\
         We looked at [[sprint-gaols]] and [[Brag Doc]], [[Brag Doc|my brag doc]] and [[John Appleseed#Notes]].\n\
         See [[culture FIRST]], [[Supervision]] and [brag](../Brag%20Doc.md).\n\n\
         ![[Canvas example.canvas]] ![[standup.m4a|the stand-up]] ![[demo.mp4]] ![[retro-notes.docx]]\n\n\
         ![foo](url)\n",
    );
    p.edit(
        "lessons/tools-after-culture.md",
        "visibility: client",
        "visibility: client\naliases: [Culture first]",
    );
    p.edit(
        "sessions/2026-02-03-coach-reflection.md",
        "visibility: coach",
        "visibility: coach\naliases: [Supervision]",
    );
    p.write("sessions/standup.m4a", "RECORDING-SENTINEL");
    p
}

fn check_json(p: &Project) -> serde_json::Value {
    let output = Command::cargo_bin("coachsite")
        .unwrap()
        .arg("check")
        .arg(&p.root)
        .args(["--as-of", "2026-06-15", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn links_read_as_in_obsidian_for_every_reader() {
    let p = vault_links();
    for audience in ["coach", "client", "sponsor"] {
        let output = p.build(&["--audience", audience]);
        assert!(output.status.success(), "{audience}: {}", stderr(&output));
        let err = stderr(&output);
        assert!(!err.contains("note:"), "a build tells no notes:\n{err}");
        assert!(
            err.contains("help: did you mean `[[sprint-goals]]`?"),
            "{audience}: the typo is a warning\n{err}"
        );
        for (path, bytes) in p.snapshot() {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!path.ends_with(".m4a"), "{audience}: {path}");
            assert!(!text.contains("RECORDING-SENTINEL"), "{audience}: {path}");
            if audience != "coach" {
                assert!(!text.contains("coach-reflection"), "{audience}: {path}");
                assert!(
                    !text.contains("COACH-SESSION-SENTINEL"),
                    "{audience}: {path}"
                );
            }
        }
        if audience == "sponsor" {
            continue;
        }
        let page = p.page("sessions/2026-03-01-review.html");
        assert!(
            page.contains("We looked at sprint-gaols and Brag Doc, my brag doc and John Appleseed.\nSee <a href=\"../lessons/tools-after-culture.html\">Culture before tools</a>, "),
            "{audience}: {page}"
        );
        assert!(
            page.contains("<p>Canvas example.canvas the stand-up demo.mp4 retro-notes.docx</p>"),
            "{audience}: {page}"
        );
        assert!(page.contains("<img src=\"url\" alt=\"foo\" />"), "{page}");
        // The alias of the coach-only session: a link for the coach, words for the client.
        let supervision = "<a href=\"../sessions/2026-02-03-coach-reflection.html\">Coach supervision notes</a> and brag.";
        if audience == "coach" {
            assert!(page.contains(supervision), "{page}");
        } else {
            assert!(page.contains(", Supervision and brag."), "{page}");
        }
    }
}

#[test]
fn check_tells_each_link_shown_as_words_once_with_its_place() {
    let p = vault_links();
    let report = check_json(&p);
    let diags = report["diagnostics"].as_array().unwrap();
    let of = |severity: &str| -> Vec<(String, u64, u64, String)> {
        diags
            .iter()
            .filter(|d| d["severity"] == severity && d["file"] == REVIEW)
            .map(|d| {
                (
                    d["message"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                    d["help"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let warnings = of("warning");
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert_eq!(
        warnings[0],
        (
            "`[[sprint-gaols]]` names no objective, session, lesson, action or assessment: it is shown as its words".into(),
            7,
            14,
            "did you mean `[[sprint-goals]]`?".into()
        )
    );
    assert!(
        warnings[1].0.contains("`[[Supervision]]`"),
        "the client's site shows words: {warnings:#?}"
    );
    assert!(
        warnings[2]
            .0
            .starts_with("`url` is no image or PDF of the engagement")
    );
    let notes = of("note");
    let placed: Vec<(&str, u64, u64)> = notes
        .iter()
        .map(|(m, line, column, _)| (m.split(':').next().unwrap(), *line, *column))
        .collect();
    assert_eq!(
        placed,
        [
            (
                "`[[Brag Doc]]` names no objective, session, lesson, action or assessment",
                7,
                35
            ),
            (
                "`[[John Appleseed]]` names no objective, session, lesson, action or assessment",
                7,
                78
            ),
            ("`![[Canvas example.canvas]]` is shown as its name", 10, 1),
            ("`![[standup.m4a]]` is shown as its words", 10, 28),
            ("`![[demo.mp4]]` is shown as its name", 10, 58),
            ("`![[retro-notes.docx]]` is shown as its name", 10, 72),
        ],
        "once per target: `[[Brag Doc|…]]` and `[brag](../Brag%20Doc.md)` are told once"
    );
    // The summary counts what was printed.
    let count = |severity: &str| diags.iter().filter(|d| d["severity"] == severity).count() as u64;
    assert!(report["summary"]["notes"].as_u64().unwrap() >= count("note"));
    assert!(count("note") >= 6);
    // The text says the same, as a note.
    let output = Command::cargo_bin("coachsite")
        .unwrap()
        .arg("check")
        .arg(&p.root)
        .args(["--as-of", "2026-06-15", "--color", "never"])
        .output()
        .unwrap();
    let err = stderr(&output);
    assert!(
        err.contains("note: `[[Brag Doc]]` names no objective"),
        "{err}"
    );
    assert!(err.contains(&format!("--> {REVIEW}:7:35")), "{err}");
}

/// An alias that is another item's id is a warning at the alias; a link by an alias two
/// notes share could name either: an error, as a link by an id of two kinds is.
#[test]
fn aliases_that_clash_are_told() {
    let p = vault_links();
    p.edit(
        "lessons/tools-after-culture.md",
        "aliases: [Culture first]",
        "aliases: [Culture first, Sprint-Goals, Supervision]",
    );
    let output = p.build(&["--audience", "coach"]);
    let err = stderr(&output);
    assert!(
        err.contains("warning: the alias `Sprint-Goals` is the id of an objective `sprint-goals`"),
        "{err}"
    );
    assert!(
        err.contains("--> lessons/tools-after-culture.md:7:26"),
        "{err}"
    );
    assert!(
        err.contains("error: `[[Supervision]]` could be any of 2 items with this id or alias"),
        "{err}"
    );
    assert!(
        err.contains("say which: `[[sessions/2026-02-03-coach-reflection]]` or `[[lessons/tools-after-culture]]`"),
        "{err}"
    );
    assert_eq!(output.status.code(), Some(1));
}
