//! An engagement kept as an Obsidian vault (`tests/fixtures/obsidian-vault`: its
//! `.obsidian/` settings, properties, wikilinks, embeds, callouts, `#tags`, an
//! `attachments/` folder, a photo beside a note, a whiteboard photo in a coach-only
//! session, Obsidian's own note templates, and a note named with spaces that has no
//! `title:` nor `date:`, properties of its own, tasks and a Dataview query) builds as it
//! is for every audience, and
//! each attachment reaches only the readers who may see a note that embeds it.

mod common;

use common::{Project, stderr};

#[cfg(feature = "encrypt")]
const PASSWORD: &str = "correct horse battery staple";

fn vault() -> Project {
    Project::fixture("obsidian-vault")
}

fn files(p: &Project) -> Vec<String> {
    p.snapshot().into_iter().map(|(path, _)| path).collect()
}

/// Whether any byte of the output holds `needle`.
fn anywhere(p: &Project, needle: &str) -> Option<String> {
    p.snapshot()
        .into_iter()
        .find(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(path, _)| path)
}

#[test]
fn the_vault_builds_as_it_is_with_one_warning() {
    let p = vault();
    let output = p.build(&["--audience", "coach"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    // `.obsidian/`, the note template in templates/ and the properties pass silently;
    // the one photo that no note embeds is named.
    assert!(
        err.contains("warning: no note embeds this attachment")
            && err.contains("attachments/unused-photo.png"),
        "{err}"
    );
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    for page in [
        "index.html",
        "objectives/delegation.html",
        "sessions/2026-02-02-first-session.html",
        "sessions/2026-03-16-coach-reflection.html",
        "lessons/let-go-one-thing.html",
        "lessons/tags/delegation.html",
        "lessons/tags/supervision.html",
        "assessments/2026-02-01-baseline.html",
    ] {
        assert!(p.has(page), "{page}");
    }
}

#[test]
fn wikilinks_callouts_and_tags_read_as_in_obsidian() {
    let p = vault();
    p.build_ok(&["--audience", "client"]);
    let session = p.page("sessions/2026-02-02-first-session.html");
    // [[id]] shows the item's title; [[id|label]] the label; [[id#heading]] its anchor.
    assert!(session.contains(
        "See <a href=\"../objectives/delegation.html\">Delegate the weekly planning to the team leads</a>."
    ), "{session}");
    assert!(session.contains(
        "<a href=\"../plan/index.html#action-weekly-one-to-ones\">a weekly one-to-one</a>"
    ));
    assert!(
        session.contains("<a href=\"../objectives/speaking-up.html#why\">the customer voice</a>")
    );
    // Callouts, folded ones too, and highlights.
    assert!(session.contains(
        "<div class=\"callout callout-tip\"><p class=\"callout-title\">What she chose to keep</p>"
    ));
    assert!(session.contains("<details class=\"callout callout-question\"><summary class=\"callout-title\">What the team leads need</summary>"));
    assert!(session.contains("<mark class=\"highlight\">definition of done</mark>"));
    // #tags in the text join the note's tags, each linked to its page.
    assert!(session.contains("<a class=\"tag\" href=\"../lessons/tags/kick-off.html\">#kick-off</a> <a class=\"tag\" href=\"../lessons/tags/delegation.html\">#delegation</a> <a class=\"tag\" href=\"../lessons/tags/first-90-days.html\">#first-90-days</a>"));
    let tag = p.page("lessons/tags/delegation.html");
    for listed in [
        "lessons/let-go-one-thing.html",
        "sessions/2026-02-02-first-session.html",
        "sessions/2026-03-02-progress-review.html",
        "objectives/delegation.html",
    ] {
        assert!(tag.contains(listed), "{listed} on the tag page\n{tag}");
    }
    // A tag written in the lesson's text joins its front-matter tags.
    let lesson = p.page("lessons/let-go-one-thing.html");
    assert!(lesson.contains("lessons/tags/habits.html"), "{lesson}");
    // The context links too, from the dashboard.
    assert!(
        p.page("index.html")
            .contains("See <a href=\"objectives/delegation.html\">")
    );
}

#[test]
fn backlinks_come_only_from_what_the_reader_may_see() {
    let p = vault();
    p.build_ok(&["--audience", "client"]);
    let objective = p.page("objectives/delegation.html");
    let mentions = objective
        .split("id=\"mentions-heading\"")
        .nth(1)
        .expect("a mentioned-in list");
    for from in [
        "objectives/speaking-up.html",
        "sessions/2026-02-02-first-session.html",
        "sessions/2026-03-02-progress-review.html",
    ] {
        assert!(mentions.contains(from), "{from}\n{mentions}");
    }
    // The coach-only session links to it too, but only the coach's site says so.
    assert!(!mentions.contains("coach-reflection"), "{mentions}");
    let session = p.page("sessions/2026-02-02-first-session.html");
    assert!(
        session.contains("assessments/2026-02-01-baseline.html"),
        "the assessment's observations link here"
    );

    p.build_ok(&["--audience", "coach"]);
    let objective = p.page("objectives/delegation.html");
    assert!(objective.contains("sessions/2026-03-16-coach-reflection.html"));
    // In the coach's view the aside's link works, marked as coach-only.
    let session = p.page("sessions/2026-02-02-first-session.html");
    assert!(session.contains("<mark class=\"coach-only\"> Next time: ask about her own manager, see <a href=\"../sessions/2026-03-16-coach-reflection.html\">"), "{session}");
}

#[test]
fn attachments_reach_only_the_readers_of_the_notes_that_embed_them() {
    let p = vault();
    p.build_ok(&["--audience", "coach"]);
    let coach = files(&p);
    for file in [
        "attachments/whiteboard-week.png",
        "attachments/sponsor-whiteboard.jpg",
        "attachments/slide-template.pdf",
        "sessions/flipchart.jpg",
    ] {
        assert!(coach.contains(&file.to_string()), "{file} in {coach:?}");
    }
    assert!(
        !coach.iter().any(|f| f.contains("unused-photo")),
        "never embedded"
    );
    assert!(
        coach.contains(&"sessions/aside-sketch.png".to_string()),
        "embedded in an aside"
    );
    let reflection = p.page("sessions/2026-03-16-coach-reflection.html");
    assert!(
        reflection
            .contains("<img class=\"attachment\" src=\"../attachments/sponsor-whiteboard.jpg\"")
    );
    // Copied byte for byte.
    let original = std::fs::read(p.root.join("sessions/flipchart.jpg")).unwrap();
    assert_eq!(
        std::fs::read(p.out.join("sessions/flipchart.jpg")).unwrap(),
        original
    );

    p.build_ok(&["--audience", "client"]);
    let client = files(&p);
    assert!(client.contains(&"attachments/whiteboard-week.png".to_string()));
    assert!(client.contains(&"sessions/flipchart.jpg".to_string()));
    assert!(client.contains(&"attachments/slide-template.pdf".to_string()));
    // The whiteboard photo of the coach-only session: in no file, named in no byte.
    assert!(
        !client.iter().any(|f| f.contains("sponsor-whiteboard")),
        "{client:?}"
    );
    assert_eq!(anywhere(&p, "sponsor-whiteboard"), None);
    // A sketch embedded in a `%% … %%` aside of a session the client sees: not theirs.
    assert!(
        !client.iter().any(|f| f.contains("aside-sketch")),
        "{client:?}"
    );
    assert_eq!(anywhere(&p, "aside-sketch"), None);
    assert_eq!(anywhere(&p, "coach-reflection"), None);
    assert_eq!(anywhere(&p, "supervision"), None, "a coach-only note's tag");
    let session = p.page("sessions/2026-02-02-first-session.html");
    assert!(session.contains("<img class=\"attachment\" src=\"../attachments/whiteboard-week.png\" data-attachment=\"attachments/whiteboard-week.png\" alt=\"whiteboard week\">"));
    assert!(session.contains("src=\"../sessions/flipchart.jpg\""));
    assert!(session.contains("alt=\"flip chart\""));
    let review = p.page("sessions/2026-03-02-progress-review.html");
    assert!(review.contains("<a class=\"attachment\" href=\"../attachments/slide-template.pdf\" data-attachment=\"attachments/slide-template.pdf\">the slide template</a>"), "{review}");

    // The sponsor sees no session, so no attachment at all.
    p.build_ok(&["--audience", "sponsor"]);
    let sponsor = files(&p);
    assert!(
        !sponsor
            .iter()
            .any(|f| f.starts_with("attachments/") || f.ends_with(".jpg")),
        "{sponsor:?}"
    );
    assert_eq!(anywhere(&p, "whiteboard"), None);
}

#[cfg(feature = "encrypt")]
#[test]
fn attachments_are_sealed_into_the_pages_with_encrypt() {
    let p = vault();
    let mut cmd = assert_cmd::Command::cargo_bin("coachsite").unwrap();
    let output = cmd
        .arg("build")
        .arg(&p.root)
        .arg("-o")
        .arg(&p.out)
        .args([
            "--as-of",
            common::AS_OF,
            "--audience",
            "client",
            "--encrypt",
        ])
        .env("COACHSITE_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let all = files(&p);
    assert!(
        !all.iter()
            .any(|f| f.ends_with(".png") || f.ends_with(".jpg") || f.ends_with(".pdf")),
        "no attachment left in the clear: {all:?}"
    );
    let page =
        std::fs::read_to_string(p.out.join("sessions/2026-02-02-first-session.html")).unwrap();
    assert!(!page.contains("whiteboard"), "sealed");
    let (salt, iterations, iv, data) = coachsite::encrypt::sealed_parts(&page).expect("sealed");
    let key = coachsite::encrypt::SiteKey::with_salt(PASSWORD, salt, iterations);
    let opened = String::from_utf8(key.open(iv, &data).expect("opens")).unwrap();
    let png = std::fs::read(p.root.join("attachments/whiteboard-week.png")).unwrap();
    use base64::Engine;
    let inline = format!(
        "src=\"data:image/png;base64,{}\"",
        base64::engine::general_purpose::STANDARD.encode(png)
    );
    assert!(opened.contains(&inline), "the photo inside the sealed page");
    assert!(opened.contains("src=\"data:image/jpeg;base64,"));
    assert!(!opened.contains("data-attachment"));
    let review =
        std::fs::read_to_string(p.out.join("sessions/2026-03-02-progress-review.html")).unwrap();
    let (_, _, iv, data) = coachsite::encrypt::sealed_parts(&review).expect("sealed");
    let opened = String::from_utf8(key.open(iv, &data).expect("opens")).unwrap();
    assert!(
        opened.contains("href=\"data:application/pdf;base64,")
            && opened.contains("download=\"slide-template.pdf\""),
        "a PDF is saved from the sealed page"
    );
}

#[test]
fn check_names_the_unused_attachment_and_the_build_is_reproducible() {
    let p = vault();
    let output = assert_cmd::Command::cargo_bin("coachsite")
        .unwrap()
        .args(["check", "--color", "never", "--as-of", common::AS_OF])
        .arg(&p.root)
        .output()
        .unwrap();
    let err = format!(
        "{}{}",
        stderr(&output),
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(output.status.success(), "{err}");
    assert!(err.contains("attachments/unused-photo.png"), "{err}");
    p.build_ok(&["--audience", "coach"]);
    let first = p.snapshot();
    p.build_ok(&["--audience", "coach"]);
    assert_eq!(first, p.snapshot());
}

#[test]
fn an_unlabelled_link_to_what_a_reader_may_not_see_is_a_warning() {
    let p = vault();
    p.edit(
        "sessions/2026-03-02-progress-review.md",
        "One lead ran the planning alone",
        "After [[2026-03-16-coach-reflection]] and [[2026-03-16-coach-reflection|our talk]], one lead ran the planning alone",
    );
    let output = p.build(&["--audience", "client"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("warning: the client's site shows `[[2026-03-16-coach-reflection]]` as the words `2026-03-16-coach-reflection`: it names a session they may not see"),
        "{err}"
    );
    assert!(
        err.contains("sessions/2026-03-02-progress-review.md:10:7"),
        "{err}"
    );
    assert!(
        err.contains("help: give the link words of your own"),
        "{err}"
    );
    // The labelled one shows its words and is no warning.
    assert_eq!(
        err.matches("coach-reflection]]` as the words").count(),
        1,
        "{err}"
    );
    let review = p.page("sessions/2026-03-02-progress-review.html");
    assert!(
        review.contains("After 2026-03-16-coach-reflection and our talk, one lead"),
        "{review}"
    );
    // An objective the sponsor sees, linking to a session (which no sponsor sees).
    p.edit(
        "objectives/delegation.md",
        "## Why",
        "Reviewed in [[2026-03-02-progress-review]].\n\n## Why",
    );
    let output = p.build(&["--audience", "client"]);
    let err = stderr(&output);
    assert!(
        err.contains("warning: the sponsor's site shows `[[2026-03-02-progress-review]]`"),
        "{err}"
    );
}

#[test]
fn a_note_named_and_written_as_in_obsidian_reads_as_obsidian_shows_it() {
    let p = vault();
    p.build_ok(&["--audience", "client"]);
    // Its id from its file name, its title from its heading, its date from its name.
    let page = p.page("sessions/2026-03-09-check-in-with-maya.html");
    assert!(page.contains("<h1>Check-in with Maya"), "{page}");
    assert!(page.contains("9 March 2026"), "{page}");
    // The objective named by its alias in a property; a link to a note of the vault
    // that is no item shows its words.
    assert!(
        page.contains("href=\"../objectives/delegation.html\""),
        "{page}"
    );
    assert!(page.contains("kept her Brag doc up"), "{page}");
    // The query lists the notes that link to the objective, as the client sees them.
    assert!(page.contains("class=\"dataview dataview-list\""), "{page}");
    // Its tasks are actions of the plan; its properties and plugin code are not shown.
    let plan = p.page("plan/index.html");
    assert!(plan.contains("Lena runs the Monday planning"), "{plan}");
    assert!(plan.contains("Maya asks the other two leads"), "{plan}");
    for hidden in ["steady", "VIEW[", "LIST FROM"] {
        assert_eq!(anywhere(&p, hidden), None, "{hidden}");
    }
    p.build_ok(&["--audience", "coach"]);
    let page = p.page("sessions/2026-03-09-check-in-with-maya.html");
    assert!(
        page.contains("steady"),
        "the coach sees the properties: {page}"
    );
}
