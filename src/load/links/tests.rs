//! The check of links on small engagements written for each case: what is an error,
//! a warning or a note, and where each points.

use super::*;
use crate::diagnostic::Severity;

const ENGAGEMENT: &str = "title: T\nclient: C\nkind: team\ncoach: X\nstart: 2026-01-12\nscale: {min: 1, max: 5}\ncompetencies: []\n";

/// Loads an engagement of `files` (path, text): the diagnostics of the load, or its
/// errors, and the notes of `check`.
fn check(files: &[(&str, &str)]) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("engagement.yaml"), ENGAGEMENT).unwrap();
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    match crate::load::load(root) {
        Ok(loaded) => (
            loaded.warnings.items,
            check_link_notes(&loaded.engagement).items,
        ),
        Err(diags) => (diags.items, Vec::new()),
    }
}

fn lesson(title: &str, aliases: &str, body: &str) -> String {
    format!("---\ntitle: {title}\naliases: {aliases}\n---\n{body}\n")
}

fn said(d: &[Diagnostic]) -> Vec<(Severity, String, u32, u32, Option<String>)> {
    d.iter()
        .map(|d| {
            (
                d.severity,
                d.message.clone(),
                d.line,
                d.column,
                d.help.clone(),
            )
        })
        .collect()
}

#[test]
fn aliases_name_their_note_whatever_their_case() {
    let (diags, notes) = check(&[
        (
            "lessons/culture-first.md",
            &lesson("Culture first", "[Culture before tools, CBT]", "x"),
        ),
        (
            "lessons/other.md",
            &lesson(
                "Other",
                "[]",
                "See [[culture before tools]], [[CBT|it]] and [[lessons/Cbt#Why]].",
            ),
        ),
    ]);
    assert_eq!(said(&diags), vec![]);
    assert_eq!(said(&notes), vec![]);
}

#[test]
fn an_alias_that_is_an_id_or_another_note_s_alias_is_told() {
    let (diags, _) = check(&[
        (
            "lessons/a.md",
            &lesson("A", "[B, Shared, a]", "Links: [[b]] is the lesson b."),
        ),
        ("lessons/b.md", &lesson("B", "[shared]", "x")),
    ]);
    let said = said(&diags);
    assert_eq!(said.len(), 3, "{said:#?}");
    assert_eq!(
        said[0].1,
        "the alias `B` is the id of a lesson `b`: `[[B]]` links to that one"
    );
    assert_eq!((said[0].2, said[0].3), (3, 11), "located at the alias");
    assert_eq!(
        said[1].1,
        "the alias `Shared` is also an alias of `[[lessons/b]]`: a link by it could name either"
    );
    assert_eq!((said[1].2, said[1].3), (3, 14));
    assert_eq!(said[2].0, Severity::Warning);
    assert!(said[2].1.contains("`[[lessons/a]]`"), "{said:#?}");
    // A link by the shared alias names both: an error, as an id of two kinds is.
    let (diags, _) = check(&[
        ("lessons/a.md", &lesson("A", "[Shared]", "See [[shared]].")),
        ("lessons/b.md", &lesson("B", "[shared]", "x")),
    ]);
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{diags:#?}");
    assert_eq!(
        errors[0].message,
        "`[[shared]]` could be any of 2 items with this id or alias"
    );
    assert_eq!(
        errors[0].help.as_deref(),
        Some("say which: `[[lessons/a]]` or `[[lessons/b]]`")
    );
}

#[test]
fn a_link_to_no_item_is_a_note_of_check_once_per_target_and_file() {
    let body = "Met [[John Appleseed#Notes]] and [[Brag Doc]].\nAgain [[brag doc|it]] and [brag](../Brag%20Doc.md).";
    let (diags, notes) = check(&[("lessons/a.md", &lesson("A", "[]", body))]);
    assert_eq!(
        said(&diags),
        vec![],
        "no error, no warning: a build says nothing"
    );
    let notes = said(&notes);
    assert_eq!(notes.len(), 2, "{notes:#?}");
    assert_eq!(notes[0].0, Severity::Note);
    assert_eq!(
        notes[0].1,
        "`[[John Appleseed]]` names no objective, session, lesson, action or assessment: it is shown as its words"
    );
    assert_eq!((notes[0].2, notes[0].3), (5, 5));
    assert_eq!((notes[1].2, notes[1].3), (5, 34));
}

#[test]
fn a_typo_of_an_id_title_or_alias_is_a_warning_with_did_you_mean() {
    let (diags, notes) = check(&[
        (
            "lessons/sprint-goals.md",
            &lesson("Meet the sprint goal", "[Goal keeping]", "x"),
        ),
        (
            "lessons/a.md",
            &lesson(
                "A",
                "[]",
                "[[sprint-goal]], [[Meet the sprint goals]], [[goal keepin]], [[sprint-goal]]\n\n[[Ann]] and [[Goal]]",
            ),
        ),
    ]);
    let said = said(&diags);
    assert_eq!(said.len(), 3, "{said:#?}");
    for (d, column) in said.iter().zip([1, 18, 45]) {
        assert_eq!(d.0, Severity::Warning);
        assert_eq!((d.2, d.3), (5, column), "{d:?}");
        assert_eq!(d.4.as_deref(), Some("did you mean `[[sprint-goals]]`?"));
    }
    // Far from every name, or much shorter: a note.
    assert_eq!(notes.len(), 2, "{notes:#?}");
    assert!(notes.iter().all(|d| d.severity == Severity::Note));
}

#[test]
fn embeds_of_files_coachsite_does_not_show_are_notes_and_missing_images_errors() {
    let body = "![[Canvas example.canvas]] ![[standup.m4a|the stand-up]] ![[demo.mp4]] ![[demo.mp4]]\n\n![[drawing.excalidraw.md]] ![](clip.mov) ![a](url) ![](./missing.png)";
    let (diags, notes) = check(&[("lessons/a.md", &lesson("A", "[]", body))]);
    let warnings = said(&diags);
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert_eq!(
        warnings[0].1,
        "`url` is no image or PDF of the engagement: the image is shown as written, and the site has no such file"
    );
    assert_eq!((warnings[1].2, warnings[1].3), (7, 52));
    let notes = said(&notes);
    let messages: Vec<&str> = notes.iter().map(|n| n.1.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`![[Canvas example.canvas]]` is shown as its name: coachsite shows images and PDFs only, and leaves this file out of the site",
            "`![[standup.m4a]]` is shown as its words: coachsite shows images and PDFs only, and leaves this file out of the site",
            "`![[demo.mp4]]` is shown as its name: coachsite shows images and PDFs only, and leaves this file out of the site",
            "`![[drawing.excalidraw]]` is shown as its name: coachsite shows images and PDFs only, and leaves this file out of the site",
            "`![…](clip.mov)` is shown as its name: coachsite shows images and PDFs only, and leaves this file out of the site",
        ]
    );
    // An image or a PDF of Obsidian's own syntax that is missing stops the build.
    let (diags, _) = check(&[(
        "lessons/a.md",
        &lesson("A", "[]", "![[gone.png]] [[gone.pdf]]"),
    )]);
    let errors: Vec<&str> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        errors,
        [
            "no attachment `gone.png`: the file is not in attachments/ or beside the note",
            "no attachment `gone.pdf`: the file is not in attachments/ or beside the note"
        ]
    );
}

/// Thousands of links to no item in one note: twenty told, then a count, and no typo
/// is looked for past them (a hostile note stays fast).
#[test]
fn a_note_of_thousands_of_links_to_nothing_gives_a_short_report() {
    let body: String = (0..5_000)
        .map(|i| format!("[[someone {i}]] ![](x{i})\n"))
        .collect();
    let (diags, notes) = check(&[("lessons/a.md", &lesson("A", "[]", &body))]);
    let warnings: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(warnings.len(), 21, "{:?}", &warnings[..3]);
    assert_eq!(
        warnings[0], "4980 more images in this file name no file of the engagement",
        "the count of a file comes first: it has no line"
    );
    let messages: Vec<&str> = notes.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 21);
    assert_eq!(
        messages[20],
        "4980 more links in this file are shown as their words (no typo is looked for in them)"
    );
}
