//! Obsidian plugins' blocks in real notes (Dataview, Tasks, Meta Bind, buttons): no byte
//! of a plugin's code reaches any reader; the common Dataview queries are rendered from
//! the notes this reader may see, and no other; the coach's view marks what was left
//! out, and `check` lists it with its place. A note made from a template that was
//! never rendered says so.

mod common;

use assert_cmd::Command;
use common::{Project, stderr};

const PLUGINS_NOTE: &str = "sessions/2026-03-10-plugins.md";

/// The minimal fixture with a note of every kind of plugin block, a retro the client
/// sees and a coach-only note that the queries would list for the coach.
fn project() -> Project {
    let p = Project::minimal();
    p.write(
        PLUGINS_NOTE,
        "---\ndate: 2026-03-10\ntitle: Plugins session\n---\n#meeting with the team.\n\n```dataview\nLIST FROM #meeting SORT date DESC LIMIT 5\n```\n\n```dataview\nTABLE date, title FROM \"sessions\" WHERE contains(tags, \"retro\") SORT date DESC\n```\n\n```dataview\nTASK FROM \"sessions\" WHERE !completed\n```\n\n```dataview\nLIST FROM [[sprint-goals]]\n```\n\n```dataview\nTABLE length(rows) FROM #meeting GROUP BY status\n```\n\n```dataviewjs\ndv.list(dv.pages(\"#meeting\").file.link)\n```\n\n```tasks\nnot done\ndue before tomorrow\n```\n\n```meta-bind-button\nlabel: New 1:1\n```\n\n```button\nname New meeting\ntype note(Meetings/New) template\n```\n\nMood today: `VIEW[{mood}]` and `INPUT[slider(minValue(1), maxValue(10)):energy]`\n",
    );
    p.write(
        "sessions/2026-03-02-retro.md",
        "---\ndate: 2026-03-02\ntitle: Sprint retro\n---\nA #meeting and a #retro about [[sprint-goals]].\n\n- [ ] Send the retro summary\n- [x] Book the room DONE-TASK-SENTINEL\n\n%%\n- [ ] ASIDE-TASK-SENTINEL #meeting\n%%\n",
    );
    p.edit(
        "sessions/2026-02-03-coach-reflection.md",
        "COACH-SESSION-SENTINEL quokka",
        "COACH-SESSION-SENTINEL quokka #meeting #retro [[sprint-goals]]\n\n- [ ] COACH-TASK-SENTINEL\n",
    );
    p
}

/// Every file of the output whose bytes hold `needle`.
fn holding(p: &Project, needle: &str) -> Vec<String> {
    p.snapshot()
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(path, _)| path)
        .collect()
}

/// What no reader's site holds, in any byte: the plugins' code as written.
const PLUGIN_CODE: &[&str] = &[
    "LIST FROM",
    "TABLE date",
    "TASK FROM",
    "GROUP BY",
    "dv.list",
    "dv.pages",
    "not done",
    "due before tomorrow",
    "New 1:1",
    "New meeting",
    "VIEW[",
    "INPUT[",
    "minValue",
    "language-dataview",
    "language-tasks",
    "language-meta-bind",
    "language-button",
];

#[test]
fn the_client_gets_the_queries_over_what_they_see_and_no_plugin_code() {
    let p = project();
    p.build_ok(&["--audience", "client"]);
    for code in PLUGIN_CODE {
        assert!(
            holding(&p, code).is_empty(),
            "{code} in {:?}",
            holding(&p, code)
        );
    }
    // Neither the coach-only note nor its task, in any byte; no note for the coach.
    for coach in [
        "Coach supervision notes",
        "COACH-TASK-SENTINEL",
        "class=\"plugin-left-out",
    ] {
        assert!(
            holding(&p, coach).is_empty(),
            "{coach} in {:?}",
            holding(&p, coach)
        );
    }
    let page = p.page("sessions/2026-03-10-plugins.html");
    // LIST FROM #meeting, newest first: the plugins note, then the retro.
    assert!(
        page.contains("<ul class=\"dataview dataview-list\">\n<li><a href=\"../sessions/2026-03-10-plugins.html\">Plugins session</a></li>\n<li><a href=\"../sessions/2026-03-02-retro.html\">Sprint retro</a></li>\n</ul>"),
        "{page}"
    );
    // TABLE of the retros the client sees: one, counted as one.
    assert!(
        page.contains(
            "<th scope=\"col\">Note (1)</th><th scope=\"col\">date</th><th scope=\"col\">title</th>"
        ),
        "{page}"
    );
    assert!(page.contains("<td><a href=\"../sessions/2026-03-02-retro.html\">Sprint retro</a></td><td>2 March 2026</td><td>Sprint retro</td>"), "{page}");
    // TASK: the open task of the notes, not the done one.
    assert!(
        page.contains("<span class=\"task\">☐</span> Send the retro summary"),
        "{page}"
    );
    assert!(!page.contains("DONE-TASK-SENTINEL"), "{page}");
    // FROM [[sprint-goals]]: the notes the client sees that link to it.
    assert!(
        page.contains(
            "<li><a href=\"../sessions/2026-03-02-retro.html\">Sprint retro</a></li>\n</ul>"
        ),
        "{page}"
    );
    // The words around the blocks stay.
    assert!(page.contains("Mood today: "), "{page}");
}

#[test]
fn the_coach_sees_every_note_and_where_a_block_was_left_out() {
    let p = project();
    p.build_ok(&["--audience", "coach"]);
    let page = p.page("sessions/2026-03-10-plugins.html");
    assert!(
        page.contains(
            "<a href=\"../sessions/2026-02-03-coach-reflection.html\">Coach supervision notes</a>"
        ),
        "{page}"
    );
    assert!(page.contains("<th scope=\"col\">Note (2)</th>"), "{page}");
    assert!(page.contains("COACH-TASK-SENTINEL"), "{page}");
    for language in [
        "dataview",
        "dataviewjs",
        "tasks",
        "meta-bind-button",
        "button",
    ] {
        assert!(
            page.contains(&format!("<p class=\"plugin-left-out\"><span class=\"badge-coach\">{language}</span> left out of every site: coachsite shows no plugin code</p>")),
            "{language}: {page}"
        );
    }
    assert_eq!(
        page.matches(
            "<span class=\"plugin-left-out\"><span class=\"badge-coach\">Meta Bind</span>"
        )
        .count(),
        2,
        "{page}"
    );
    for code in PLUGIN_CODE {
        assert!(!page.contains(code), "{code}: {page}");
    }
}

#[test]
fn the_sponsor_gets_no_note_of_a_session_through_a_query() {
    let p = project();
    p.edit(
        "objectives/customer-trust.md",
        "\n---\n",
        "\n---\n```dataview\nLIST FROM \"sessions\"\n```\n\n```dataview\nLIST FROM \"objectives\" SORT title DESC\n```\n\n",
    );
    p.build_ok(&["--audience", "sponsor"]);
    // Neither a session nor the objective the sponsor may not see.
    for hidden in [
        "Plugins session",
        "Sprint retro",
        "Coach supervision notes",
        "Meet the sprint goal",
        "class=\"plugin-left-out",
    ] {
        assert!(
            holding(&p, hidden).is_empty(),
            "{hidden} in {:?}",
            holding(&p, hidden)
        );
    }
    for code in PLUGIN_CODE {
        assert!(
            holding(&p, code).is_empty(),
            "{code} in {:?}",
            holding(&p, code)
        );
    }
    let page = p.page("objectives/customer-trust.html");
    assert!(
        page.contains(
            "<p class=\"dataview dataview-empty\">No note of this site matches this query.</p>"
        ),
        "{page}"
    );
    assert!(page.contains("<ul class=\"dataview dataview-list\">\n<li><a href=\"../objectives/customer-trust.html\">Customers trust the team's commitments</a></li>\n</ul>"), "{page}");
}

fn check(p: &Project) -> String {
    let output = Command::cargo_bin("coachsite")
        .expect("binary")
        .arg("check")
        .arg(&p.root)
        .args(["--as-of", "2026-04-01", "--color", "never"])
        .output()
        .expect("run check");
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    )
}

#[test]
fn check_lists_each_block_left_out_with_its_place() {
    let p = project();
    let out = check(&p);
    for (place, what) in [
        (
            "23:1",
            "this Dataview query is left out of every site: coachsite does not read the field `length`",
        ),
        (
            "27:1",
            "this `dataviewjs` block (Dataview) is left out of every site",
        ),
        (
            "31:1",
            "this `tasks` block (Tasks) is left out of every site",
        ),
        (
            "36:1",
            "this `meta-bind-button` block (Meta Bind) is left out of every site",
        ),
        (
            "40:1",
            "this `button` block (Buttons) is left out of every site",
        ),
        (
            "45:13",
            "this inline `VIEW[…` (Meta Bind) is left out of every site",
        ),
        (
            "45:32",
            "this inline `INPUT[…` (Meta Bind) is left out of every site",
        ),
    ] {
        assert!(out.contains(what), "{what}\n{out}");
        assert!(
            out.contains(&format!("{PLUGINS_NOTE}:{place}")),
            "{place}\n{out}"
        );
    }
    // The queries it renders are said nothing of.
    assert_eq!(
        out.matches("Dataview query is left out").count(),
        1,
        "{out}"
    );
}

#[test]
fn a_note_made_from_a_template_never_rendered_says_so() {
    let p = project();
    p.write(
        "sessions/2026-03-20-weekly.md",
        "---\ndate: {{date}}\ntitle: Weekly\n---\nNotes\n",
    );
    p.write(
        "sessions/2026-03-21-one-to-one.md",
        "---\ndate: 2026-03-21\ntitle: <% tp.file.title %>\n---\nNext: <% tp.date.now(\"YYYY-MM-DD\", 7) %>\n",
    );
    let out = check(&p);
    assert!(out.contains("warning: this note looks like an unrendered template of Obsidian's Templates plugin: its front matter holds `{{date}}`, not a value; it is left out of the site"), "{out}");
    assert!(
        !out.contains("error:"),
        "a stray template stops nothing: {out}"
    );
    assert!(out.contains("sessions/2026-03-20-weekly.md:2:7"), "{out}");
    assert!(!out.contains("no front matter"), "{out}");
    assert!(
        out.contains("warning: `<% tp.file.title %>` is Templater's syntax, left as written"),
        "{out}"
    );
    assert!(
        out.contains("sessions/2026-03-21-one-to-one.md:3:8"),
        "{out}"
    );
    assert!(
        out.contains("sessions/2026-03-21-one-to-one.md:5:7"),
        "{out}"
    );
}
