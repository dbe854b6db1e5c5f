//! No page `serve` answers is ever stale: a live site on a copy of the example is
//! edited step by step, files of every kind added, edited, renamed and deleted, and
//! after each step every file the server answers is compared, byte for byte, with what a
//! full build of the same folder makes at that moment. A page the build no longer has
//! must be gone from the server too.
//!
//! The rebuilds are driven as the watcher drives them (`rebuild_after` with the paths
//! that changed), so each step is checked right after its rebuild, with no waiting.

mod common;

use coachsite::Audience;
use coachsite::serve::Rebuilt;
use common::http_get as get;
use common::live::{Live, edit};

const SESSION: &str = "sessions/2026-02-03-sprint-one-midpoint.md";
const NEW: &str = "sessions/2026-06-12-a-new-session.md";
const MOVED: &str = "sessions/2026-06-13-a-moved-session.md";
const OBJECTIVE: &str = "objectives/escaped-defects.md";
const LESSON: &str = "lessons/notice-the-language.md";

/// Edits of one note's text (a session note's, a lesson's, an objective's): those that
/// leave its links, tags and warnings as they were put its body in place (and must give a full build's pages all the same); the others
/// rebuild.
fn text_edits(live: &mut Live, audience: Audience) {
    let coach = audience == Audience::Coach;
    assert!(
        live.step("a word of a session, same size", &[SESSION], |r| {
            edit(r, SESSION, "Sprint 1 started", "Sprint 1 begins!")
        }),
        "a note's text alone changed: its body is put in place"
    );
    assert!(!live.step("a session's title", &[SESSION], |r| {
        edit(r, SESSION, "Sprint 1 midpoint", "Sprint one midpoint")
    }));
    assert!(live.step("an aside in a session", &[SESSION], |r| {
        edit(r, SESSION, "## Reflection", "%%only for me%% ## Reflection")
    }));
    assert!(live.step("a sentence added to a session", &[SESSION], |r| {
        edit(r, SESSION, "## Next", "A new sentence.\n\n## Next")
    }));
    assert!(
        !live.step("a link added to a session's text", &[SESSION], |r| {
            edit(
                r,
                SESSION,
                "A new sentence.",
                "See [[customer-collaboration]].",
            )
        }),
        "a backlink comes"
    );
    assert_eq!(
        live.step("the link moved into an aside", &[SESSION], |r| {
            edit(
                r,
                SESSION,
                "See [[customer-collaboration]].",
                "%%See [[customer-collaboration]].%%",
            )
        }),
        coach,
        "the coach still sees the link; for the client, the backlink goes"
    );
    assert!(
        !live.step("a #tag added to a session's text", &[SESSION], |r| {
            edit(r, SESSION, "## Next", "#another-tag\n\n## Next")
        })
    );
    assert!(
        !live.step("an aside left open", &[SESSION], |r| {
            edit(r, SESSION, "## Next", "%% open\n\n## Next")
        }),
        "a warning comes"
    );
    const LESSON: &str = "lessons/customers-before-tools.md";
    assert!(live.step("a lesson's text", &[LESSON], |r| {
        edit(
            r,
            LESSON,
            "questions nobody could answer",
            "questions no one could answer",
        )
    }));
    const OBJECTIVE: &str = "objectives/sprint-goals.md";
    assert!(live.step("an objective's text", &[OBJECTIVE], |r| {
        edit(
            r,
            OBJECTIVE,
            "small public promise",
            "small, public promise",
        )
    }));
    assert!(
        !live.step("a link added to an objective's text", &[OBJECTIVE], |r| {
            edit(
                r,
                OBJECTIVE,
                "small, public promise",
                "small, public promise ([[customers-before-tools]])",
            )
        }),
        "the lesson gains a backlink"
    );
    assert!(
        !live.step("the aside closed", &[SESSION], |r| {
            edit(r, SESSION, "%% open", "%% open %%")
        }),
        "the warning goes"
    );
}

fn every_kind_of_change(audience: Audience) {
    let (_dir, mut live) = Live::start(audience);
    text_edits(&mut live, audience);
    live.step("a new session with links and a tag", &[NEW], |r| {
        std::fs::write(
            r.join(NEW),
            "---\ndate: 2026-06-12\ntitle: A new session\nobjectives: [sprint-goals]\nratings: {energy: 9}\n---\nWe spoke of [[customer-collaboration]] and [[2026-02-03-sprint-one-midpoint]]. #brand-new-tag\n",
        )
        .expect("write")
    });
    live.step("the new session renamed", &[NEW, MOVED], |r| {
        std::fs::rename(r.join(NEW), r.join(MOVED)).expect("rename")
    });
    live.step("the new session deleted", &[MOVED], |r| {
        std::fs::remove_file(r.join(MOVED)).expect("delete")
    });
    live.step(
        "a measurement of an objective",
        &["objectives/sprint-goals.md"],
        |r| {
            edit(
                r,
                "objectives/sprint-goals.md",
                "measurements:\n",
                "measurements:\n  - {date: 2026-06-14, value: 3}\n",
            )
        },
    );
    live.step(
        "an assessment",
        &["assessments/2026-06-05-pre-closing.yaml"],
        |r| {
            let path = "assessments/2026-06-05-pre-closing.yaml";
            let text = std::fs::read_to_string(r.join(path)).expect("read");
            std::fs::write(r.join(path), format!("{text}\n# reviewed\n")).expect("write")
        },
    );
    live.step(
        "a lesson's tags",
        &["lessons/customers-before-tools.md"],
        |r| {
            edit(
                r,
                "lessons/customers-before-tools.md",
                "tags: [",
                "tags: [fresh-tag, ",
            )
        },
    );
    live.step("an action's status in plan.yaml", &["plan.yaml"], |r| {
        edit(
            r,
            "plan.yaml",
            "status: done\n    done: 2026-01-29",
            "status: open",
        )
    });
    live.step("the engagement's title", &["engagement.yaml"], |r| {
        edit(r, "engagement.yaml", "title: ", "title: Renamed — ")
    });
    live.step("the report", &["report.md"], |r| {
        let text = std::fs::read_to_string(r.join("report.md")).expect("read");
        std::fs::write(r.join("report.md"), format!("{text}\nOne more line.\n")).expect("write")
    });
    live.step("a template override", &["templates/session.html"], |r| {
        std::fs::create_dir_all(r.join("templates")).expect("templates");
        let builtin = coachsite::render::BUILTIN_TEMPLATES
            .iter()
            .find(|(name, _)| *name == "session.html")
            .map(|(_, text)| *text)
            .expect("session.html");
        std::fs::write(
            r.join("templates/session.html"),
            builtin.replacen(
                "{% block content %}",
                "{% block content %}<p>Overridden</p>",
                1,
            ),
        )
        .expect("write")
    });
    live.step("the style sheet", &["templates/style.css"], |r| {
        std::fs::write(r.join("templates/style.css"), "body { color: teal }\n").expect("write")
    });
    live.step("a static file added", &["static/notes.txt"], |r| {
        std::fs::write(r.join("static/notes.txt"), "hello\n").expect("write")
    });
    live.step("a static file deleted", &["static/notes.txt"], |r| {
        std::fs::remove_file(r.join("static/notes.txt")).expect("delete")
    });
    live.step("a broken session", &[SESSION], |r| {
        edit(r, SESSION, "duration: 90", "duration: [90")
    });
    live.step("the session fixed", &[SESSION], |r| {
        edit(r, SESSION, "duration: [90", "duration: 75")
    });
    live.step("a session deleted", &[SESSION], |r| {
        std::fs::remove_file(r.join(SESSION)).expect("delete")
    });
    missed_changes(&mut live);
    live.step("everything changed at once", &[], |r| {
        edit(r, OBJECTIVE, "title: ", "title: Far ");
        edit(r, LESSON, "## What happened", "## What we saw");
    });
}

/// A save the watcher reports, made with a change it does not: the rebuild takes the
/// watcher's word, and the check after it finds the other change.
fn missed_changes(live: &mut Live) {
    live.step(
        "a save, and a change the watcher missed",
        &[OBJECTIVE],
        |r| {
            edit(r, OBJECTIVE, "title: ", "title: Saved ");
            edit(r, LESSON, "## What happened", "## What we noticed");
        },
    );
    live.step(
        "a note's text, and a change the watcher missed",
        &[LESSON],
        |r| {
            edit(r, LESSON, "## What we noticed", "## What happened");
            edit(r, OBJECTIVE, "title: Saved ", "title: ");
        },
    );
}

#[test]
fn every_page_the_coach_is_served_is_the_page_a_build_makes() {
    every_kind_of_change(Audience::Coach);
}

#[test]
fn every_page_the_client_is_served_is_the_page_a_build_makes() {
    every_kind_of_change(Audience::Client);
}

/// A saved text the build has something to say of (found by tests/fresh_edits): its
/// warnings and notes are said after the save as a build says them (each step
/// compares them), not left out as they were when the text was put in place.
#[test]
fn what_a_build_says_of_a_saved_text_is_said_after_the_save() {
    for audience in [Audience::Coach, Audience::Client] {
        let (_dir, mut live) = Live::start(audience);
        assert!(
            !live.step("a percentage written 50%%", &[SESSION], |r| {
                edit(
                    r,
                    SESSION,
                    "## Next",
                    "From 50%% to 80%% of the goal.\n\n## Next",
                )
            }),
            "two warnings come: the save is built"
        );
        live.step("the percentages written with a space", &[SESSION], |r| {
            edit(r, SESSION, "50%% to 80%%", "50 % to 80 %")
        });
        let client = audience == Audience::Client;
        assert_eq!(
            live.step("a section titled private", &[SESSION], |r| {
                edit(
                    r,
                    SESSION,
                    "## Next",
                    "## Private\n\nMine alone.\n\n## Next",
                )
            }),
            !client,
            "the client's build says the section is left out"
        );
    }
}

#[test]
fn a_template_that_fails_on_one_kind_of_page_shows_its_error_over_every_page() {
    let (_dir, live) = Live::start(Audience::Coach);
    let templates = live.root.join(".coachsite/templates");
    std::fs::create_dir_all(&templates).expect("templates");
    let template = templates.join("tag.html");
    std::fs::write(&template, "<html><body>{{ no_such_value }}</body></html>").expect("write");
    let errors = coachsite::build(&live.options).expect_err("a full build fails");
    assert!(
        errors
            .render(false)
            .contains("while rendering lessons/tags/"),
        "{errors}"
    );
    assert!(matches!(
        live.site
            .rebuild_after(Some(std::slice::from_ref(&template))),
        Rebuilt::Ok { .. }
    ));
    // The tag pages cannot be made: said on each of them, and soon over every page.
    let tag = live
        .last
        .files
        .iter()
        .find(|f| f.path.starts_with("lessons/tags/"))
        .expect("the example has tags");
    let (status, body) = get(&live.address, &format!("/{}", tag.path));
    assert_eq!(status, 500);
    assert!(String::from_utf8_lossy(&body).contains("This page could not be made"));
    let started = std::time::Instant::now();
    loop {
        let (status, body) = get(&live.address, "/index.html");
        let body = String::from_utf8_lossy(&body).to_string();
        if status == 200
            && body.contains("coachsite-error")
            && body.contains("the others are up to date")
            && body.contains("tag.html")
        {
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(15),
            "the template's error never showed over the dashboard:\n{body}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::fs::remove_file(&template).expect("delete");
    live.site
        .rebuild_after(Some(std::slice::from_ref(&template)));
    live.same_as_build("the template removed", &live.last, None);
}

#[test]
fn every_page_of_a_practice_is_the_page_a_build_makes() {
    let (_dir, mut live) = Live::start_with(Audience::Coach, true);
    let acme = |path: &str| format!("clients/acme/{path}");
    let beta = |path: &str| format!("clients/beta/{path}");
    live.step("a word of a session, same size", &[&acme(SESSION)], |r| {
        edit(r, &acme(SESSION), "Sprint 1 started", "Sprint 1 begins!")
    });
    live.step("a new session in the other", &[&beta(NEW)], |r| {
        std::fs::write(
            r.join(beta(NEW)),
            "---\ndate: 2026-06-12\ntitle: A new session\nobjectives: [sprint-goals]\n---\nOn [[customer-collaboration]]. #brand-new-tag\n",
        )
        .expect("write")
    });
    live.step("it renamed", &[&beta(NEW), &beta(MOVED)], |r| {
        std::fs::rename(r.join(beta(NEW)), r.join(beta(MOVED))).expect("rename")
    });
    live.step("it deleted", &[&beta(MOVED)], |r| {
        std::fs::remove_file(r.join(beta(MOVED))).expect("delete")
    });
    live.step(
        "an objective",
        &[&acme("objectives/sprint-goals.md")],
        |r| {
            edit(
                r,
                &acme("objectives/sprint-goals.md"),
                "measurements:\n",
                "measurements:\n  - {date: 2026-06-14, value: 3}\n",
            )
        },
    );
    live.step("the other's plan", &[&beta("plan.yaml")], |r| {
        edit(
            r,
            &beta("plan.yaml"),
            "status: done\n    done: 2026-01-29",
            "status: open",
        )
    });
}
