//! Every sentence true for its reader (SPEC §5): a client's or a sponsor's page never
//! sums up a list it cannot see as if it were the whole, never judges on too little data,
//! and gives the same verdict for the same objective in every view.

mod common;

use std::process::Command;

use assert_cmd::prelude::*;
use coachsite::{Date, effective_as_of};
use common::Project;

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

#[test]
fn an_ended_engagement_is_judged_as_of_its_end() {
    let (end, today) = (Some(d("2026-07-10")), d("2026-11-25"));
    assert_eq!(effective_as_of(today, false, end), d("2026-07-10"));
    // An explicit --as-of still wins, before or after the end.
    assert_eq!(effective_as_of(today, true, end), today);
    assert_eq!(
        effective_as_of(d("2026-03-01"), false, end),
        d("2026-03-01")
    );
    assert_eq!(effective_as_of(today, false, None), today);
}

#[test]
fn commands_without_as_of_stop_at_the_end_date_and_say_so() {
    // The fixture ended on 10 July 2026, before any day these tests run.
    let p = Project::minimal();
    let build = Command::cargo_bin("coachsite")
        .unwrap()
        .args(["build", "--color", "never", "-o"])
        .arg(&p.out)
        .arg(&p.root)
        .output()
        .unwrap();
    assert!(build.status.success());
    let stderr = common::stderr(&build);
    assert!(
        stderr.contains(
            "note: the engagement ended on 2026-07-10: figures are as of that day (--as-of picks another date)"
        ),
        "{stderr}"
    );
    assert!(p.page("index.html").contains("As of 10 July 2026"));

    let check = Command::cargo_bin("coachsite")
        .unwrap()
        .args(["check", "--color", "never"])
        .arg(&p.root)
        .output()
        .unwrap();
    assert!(common::stderr(&check).contains("note: the engagement ended on 2026-07-10"));
    // Open actions are not "overdue" months after the engagement closed.
    let given = Command::cargo_bin("coachsite")
        .unwrap()
        .args([
            "check",
            "--color",
            "never",
            "--format",
            "json",
            "--as-of",
            "2026-11-25",
        ])
        .arg(&p.root)
        .output()
        .unwrap();
    let ended = Command::cargo_bin("coachsite")
        .unwrap()
        .args(["check", "--color", "never", "--format", "json"])
        .arg(&p.root)
        .output()
        .unwrap();
    let json = |o: &std::process::Output| -> serde_json::Value {
        serde_json::from_slice(&o.stdout).unwrap()
    };
    assert_eq!(json(&given)["as_of"], "2026-11-25");
    assert_eq!(json(&ended)["as_of"], "2026-07-10");
    assert!(common::stderr(&given).is_empty() || !common::stderr(&given).contains("ended on"));
}

/// Sets `share:` in the project's engagement.yaml, replacing the one there.
fn set_share(p: &Project, share: &str) {
    let path = p.root.join("engagement.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    let mut kept = Vec::new();
    let mut in_share = false;
    for line in yaml.lines() {
        if line.starts_with("share:") {
            in_share = true;
        } else if in_share && !line.starts_with(' ') && !line.starts_with('#') {
            in_share = false;
        }
        if !in_share {
            kept.push(line);
        }
    }
    p.write(
        "engagement.yaml",
        &format!("{}\nshare:\n{share}", kept.join("\n")),
    );
}

/// Every page of the last build, as plain text (no tags, no SVG, no scripts).
fn pages(p: &Project) -> Vec<(String, String)> {
    common::snapshot(&p.out)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, plain(&String::from_utf8_lossy(&bytes))))
        .collect()
}

fn plain(html: &str) -> String {
    // Drop SVG, scripts and styles whole, then every tag.
    let mut out = html.to_string();
    for (open, close) in [
        ("<svg", "</svg>"),
        ("<script", "</script>"),
        ("<style", "</style>"),
    ] {
        while let Some(at) = out.find(open) {
            let end = out[at..]
                .find(close)
                .map_or(out.len(), |e| at + e + close.len());
            out.replace_range(at..end, " ");
        }
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in out.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The coach's whole engagement and figures, as `export` and `check` give them.
fn coach_view(p: &Project) -> (serde_json::Value, serde_json::Value) {
    let run = |args: &[&str]| -> serde_json::Value {
        let out = Command::cargo_bin("coachsite")
            .unwrap()
            .args(args)
            .args(["--as-of", common::AS_OF])
            .arg(&p.root)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    (
        run(&["export", "--format", "json", "--audience", "coach"])["engagement"].clone(),
        run(&["check", "--format", "json"]),
    )
}

/// How many items of a list in the coach's export are not sensitive.
fn shown_anywhere(list: &serde_json::Value) -> usize {
    list.as_array().map_or(0, |items| {
        items
            .iter()
            .filter(|i| {
                !i["front"]["sensitive"].as_bool().unwrap_or(false)
                    && !i["sensitive"].as_bool().unwrap_or(false)
            })
            .count()
    })
}

#[test]
fn no_view_sums_up_what_its_reader_cannot_see_as_the_whole() {
    for name in ["minimal", "zpd-failure", "example"] {
        let p = if name == "example" {
            Project::example()
        } else {
            Project::fixture(name)
        };
        let (e, check) = coach_view(&p);
        let has = |list: &str| {
            let value = match list {
                "actions" | "revisions" => &e["plan"][list],
                _ => &e[list],
            };
            shown_anywhere(value) > 0
        };
        let assessed: Vec<&serde_json::Value> = check["competencies"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| !c["latest"].is_null())
            .collect();
        let all_at_target =
            !assessed.is_empty() && assessed.iter().all(|c| c["gap"].as_i64().unwrap_or(0) <= 0);
        let nothing_due = check["commitment"]["due"].as_u64() == Some(0);
        // (sentence, whether it may be said: true of the whole engagement)
        let claims = [
            ("No objectives yet.", !has("objectives")),
            ("No assessments yet.", !has("assessments")),
            ("No actions in the plan yet.", !has("actions")),
            ("The plan has not been revised yet.", !has("revisions")),
            ("No sessions yet.", !has("sessions")),
            ("Not discussed in a session yet.", !has("sessions")),
            ("No lessons written up yet.", !has("lessons")),
            ("Every assessed competency is at its target.", all_at_target),
            ("No action was due yet.", nothing_due),
        ];
        for audience in ["client", "sponsor"] {
            p.build_ok(&["--audience", audience]);
            for (page, text) in pages(&p) {
                for (sentence, true_of_the_engagement) in claims {
                    assert!(
                        true_of_the_engagement || !text.contains(sentence),
                        "{name}, {audience}'s {page} says {sentence:?}, which is not true of the engagement"
                    );
                }
            }
        }
    }
}

/// The verdicts a page gives about one objective: tracking, forecast, SMART letters.
fn verdicts(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for marker in [
        "class=\"tracking tracking-",
        "<p class=\"verdict\">",
        "<dt>Forecast</dt><dd>",
    ] {
        let mut rest = html;
        while let Some(at) = rest.find(marker) {
            rest = &rest[at + marker.len()..];
            let end = rest.find("</").unwrap_or(rest.len());
            found.push(format!("{marker}{}", &rest[..end]));
        }
    }
    found
}

#[test]
fn an_objective_gets_the_same_verdicts_in_every_view() {
    let everything = "  client: [smart, zpd, pace, trajectory, tracking, trend, forecast, commitment, gas]\n  sponsor: [smart, zpd, pace, trajectory, tracking, trend, forecast, commitment, gas]\n";
    let mut compared = 0;
    for p in [
        Project::example(),
        Project::fixture("zpd-failure"),
        Project::minimal(),
    ] {
        set_share(&p, everything);
        let mut views = Vec::new();
        for audience in ["client", "sponsor"] {
            p.build_ok(&["--audience", audience]);
            views.push(common::snapshot(&p.out));
        }
        let (client, sponsor) = (&views[0], &views[1]);
        for (path, bytes) in sponsor
            .iter()
            .filter(|(p, _)| p.starts_with("objectives/") && !p.ends_with("/index.html"))
        {
            let Some((_, theirs)) = client.iter().find(|(p, _)| p == path) else {
                continue;
            };
            let (a, b) = (
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(theirs),
            );
            assert_eq!(
                verdicts(&a),
                verdicts(&b),
                "{path}: the sponsor and the client are told different things"
            );
            compared += 1;
        }
    }
    assert!(compared > 0, "no objective is in both views");
}

#[test]
fn the_example_can_be_handed_to_the_client_and_the_sponsor() {
    let p = Project::example();
    // Words a client or a sponsor should not read by default: coach diagnostics, advice
    // meant for the coach, and numbers that read wrong.
    let never = [
        "Zone of proximal development",
        "✗",
        "agree smaller actions",
        "1 deployments",
        "per month a month",
        "Every assessed competency is at its target.",
    ];
    for audience in ["client", "sponsor"] {
        p.build_ok(&["--audience", audience]);
        // Session notes and lessons are the coach's own words, shared as written.
        for (page, text) in pages(&p)
            .into_iter()
            .filter(|(page, _)| !page.starts_with("sessions/") && !page.starts_with("lessons/"))
        {
            for words in never {
                assert!(!text.contains(words), "{audience}'s {page}: {words:?}");
            }
        }
    }
    // A GAS objective reads as levels with their meaning, not "0 of 0".
    p.build_ok(&["--audience", "client"]);
    assert!(plain(&p.page("index.html")).contains("0 (the expected outcome)"));
    // The sponsor does not read the engagement's context unless the coach shares it.
    let context = "Culture and habits.";
    assert!(
        plain(&std::fs::read_to_string(p.root.join("engagement.yaml")).unwrap()).contains(context)
    );
    p.build_ok(&["--audience", "sponsor"]);
    assert!(pages(&p).iter().all(|(_, text)| !text.contains(context)));
    set_share(&p, "  sponsor: [context]\n");
    p.build_ok(&["--audience", "sponsor"]);
    assert!(plain(&p.page("index.html")).contains(context));
}

#[test]
fn the_json_export_holds_no_more_than_the_readers_pages() {
    let p = Project::example();
    let o = "objectives/sprint-goals.md";
    p.edit(
        o,
        "status: active",
        "status: active\nacknowledged: [beyond-zpd]",
    );
    for audience in ["client", "sponsor"] {
        let out = Command::cargo_bin("coachsite")
            .unwrap()
            .args(["export", "--format", "json", "--audience", audience])
            .args(["--as-of", common::AS_OF])
            .arg(&p.root)
            .output()
            .unwrap();
        let json = String::from_utf8_lossy(&out.stdout);
        // Verdicts not shared by default, the band's advice, the coach's notes.
        for words in [
            "\"stretches\": [\n        {",
            "beyond-zpd",
            "\"band\": \"",
            "\"smart\": [\n        {",
            "\"pace\": {",
            "acknowledged\": [\n",
        ] {
            assert!(!json.contains(words), "{audience}: {words:?} in the export");
        }
        assert!(json.contains("\"tracking\": \"not-shared\"") || audience == "client");
    }
}

#[test]
fn report_front_matter_after_a_blank_line_still_hides_the_report() {
    let p = Project::minimal();
    p.write(
        "report.md",
        "\n---\nvisibility: coach\n---\nSECRET-SUMMARY\n",
    );
    p.build_ok(&["--audience", "client"]);
    assert!(!p.page("report.html").contains("SECRET-SUMMARY"));
    p.write("report.md", "---\n# only a comment\n---\nShared summary\n");
    p.build_ok(&["--audience", "client"]);
    assert!(p.page("report.html").contains("Shared summary"));
}

#[test]
fn a_forecast_waits_for_enough_measurements_and_says_so() {
    // The minimal fixture's sprint goal has two measurements, by 20 February.
    let p = Project::minimal();
    p.build_ok(&[]);
    let page = p.page("objectives/sprint-goals.html");
    assert!(
        page.contains(
            "<dt>Forecast</dt><dd>Too few measurements for a forecast: 2 of the 3 it needs</dd>"
        ),
        "{page}"
    );
    // A third one gives a forecast with its interval, and the chart its band.
    p.edit(
        "objectives/sprint-goals.md",
        "  - {date: 2026-02-20, value: 25,",
        "  - {date: 2026-02-13, value: 10}\n  - {date: 2026-02-20, value: 25,",
    );
    p.build_ok(&[]);
    let page = p.page("objectives/sprint-goals.html");
    // Days 0, 7, 14 with 0, 10, 25: slope 25/14 a day, line −0.83, 11.67, 24.17;
    // from 24.17 on 20 February, 75 is 28.5 days away: 21 March.
    assert!(
        page.contains("<dt>Forecast</dt><dd>21 March 2026 (80% interval: "),
        "{page}"
    );
    assert!(page.contains("class=\"f-trend\""), "the band is drawn");
    assert!(
        page.contains("Where the trend may lie (80%)"),
        "and in the legend"
    );
    // Not shared, neither the forecast nor its absence is mentioned.
    set_share(&p, "  client: [trend]\n");
    p.build_ok(&[]);
    let page = p.page("objectives/sprint-goals.html");
    assert!(!page.contains("<dt>Forecast</dt>") && !page.contains("80% interval"));
}

/// The sponsor's export says what the sponsor's site says: the commitment (the client's,
/// as the sponsor's dashboard shows it), the GAS T-score, and each objective's progress.
#[test]
fn the_sponsor_s_export_gives_the_figures_of_the_sponsor_s_site() {
    let p = Project::example();
    p.build_ok(&["--audience", "sponsor"]);
    let out = Command::cargo_bin("coachsite")
        .unwrap()
        .args(["export", "--format", "json", "--audience", "sponsor"])
        .args(["--as-of", common::AS_OF])
        .arg(&p.root)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let figures = &json["figures"];
    let dashboard = plain(&p.page("index.html"));
    let c = &figures["commitment"];
    let (on_time, due) = (c["on_time"].as_u64().unwrap(), c["due"].as_u64().unwrap());
    assert!(due > 0, "the sponsor's export counts the actions due: {c}");
    let rate = (c["rate"].as_f64().unwrap() * 100.0).round();
    assert!(
        dashboard.contains(&format!(
            "{rate}%: {on_time} of {due} actions due were done on time"
        )),
        "the dashboard says otherwise than the export ({rate}%, {on_time} of {due}):\n{dashboard}"
    );
    // The sponsor sees no scaled objective of the example: no GAS T-score, in the
    // export as on the pages (`the_gas_t_score_names_what_it_sums_up`).
    assert!(
        figures["gas_t_score"].is_null(),
        "{}",
        figures["gas_t_score"]
    );
    assert!(!dashboard.contains("GAS T-score"), "{dashboard}");
    for o in figures["objectives"].as_array().unwrap() {
        let id = o["id"].as_str().unwrap();
        let page = plain(&p.page(&format!("objectives/{id}.html")));
        if let Some(progress) = o["progress"].as_f64() {
            let percent = format!("{}%", (progress * 100.0).round());
            assert!(
                page.contains(&percent),
                "{id}: {percent} not on its page:\n{page}"
            );
        }
    }
}

/// SMART says what it checked: S, A and R are "stated" when written (coachsite cannot
/// tell whether they are true), M and T "pass" against the data; a statement with no
/// outcome anyone could see or count gets a note asking for one.
#[test]
fn smart_says_stated_for_what_it_only_found_written() {
    let p = Project::minimal();
    p.edit(
        "objectives/sprint-goals.md",
        "specific: The team meets its sprint goal in each two-week sprint. CLIENT-OBJECTIVE-SENTINEL",
        "specific: We want to feel better.",
    );
    p.build_ok(&["--audience", "coach"]);
    let page = plain(&p.page("objectives/sprint-goals.html"));
    assert!(page.contains("✓ stated"), "{page}");
    assert!(page.contains("✓ passes"), "M and T are checked: {page}");
    assert!(
        page.contains(
            "To make it observable: say what anyone could see or count once it is reached"
        ),
        "{page}"
    );
    assert!(!page.contains("Specific ✓ passes"), "{page}");
}

/// A legend lists only what its chart draws: the trend (and its band) where the chart
/// draws it, for every objective of the example and the minimal fixture, in every view.
#[test]
fn legends_list_only_what_is_drawn() {
    for p in [Project::example(), Project::minimal()] {
        for audience in ["coach", "client", "sponsor"] {
            p.build_ok(&["--audience", audience]);
            let mut legends = 0;
            for (path, bytes) in common::snapshot(&p.out) {
                if !path.starts_with("objectives/") || !path.ends_with(".html") {
                    continue;
                }
                let html = String::from_utf8_lossy(&bytes);
                let Some(at) = html.find("<ul class=\"legend\">") else {
                    continue;
                };
                legends += 1;
                let (chart, legend) = html.split_at(at);
                let legend = &legend[..legend.find("</ul>").unwrap_or(legend.len())];
                for (mark, what) in [("s-trend", "the trend"), ("f-trend", "its band")] {
                    assert!(
                        !legend.contains(mark) || chart.contains(mark),
                        "{audience} {path}: the legend names {what}, the chart does not draw it"
                    );
                }
            }
            assert!(legends > 0, "{audience}: no legend read");
        }
    }
}

/// An objective's page says its session notes are not shared only when a session its
/// reader may not read discussed it; otherwise, as the coach's page does, that no session
/// discussed it yet (a sensitive session is never hinted at).
#[test]
fn not_shared_only_where_something_was_withheld() {
    let p = Project::minimal();
    // The kick-off discusses both objectives; a coach-only note discusses one more.
    p.edit(
        "sessions/2026-01-20-kick-off.md",
        "objectives: [sprint-goals, customer-trust]",
        "objectives: [sprint-goals]",
    );
    p.write(
        "sessions/2026-02-10-coach-only.md",
        "---\ndate: 2026-02-10\ntitle: Between us\nvisibility: coach\nobjectives: [customer-trust]\n---\nNotes.\n",
    );
    p.build_ok(&["--audience", "client"]);
    let trust = plain(&p.page("objectives/customer-trust.html"));
    assert!(
        trust.contains("Session notes are not shared in this view."),
        "{trust}"
    );
    // Only sensitive: not hinted at.
    p.edit(
        "sessions/2026-02-10-coach-only.md",
        "visibility: coach",
        "sensitive: true",
    );
    p.build_ok(&["--audience", "client"]);
    let trust = plain(&p.page("objectives/customer-trust.html"));
    assert!(trust.contains("Not discussed in a session yet."), "{trust}");
    assert!(!trust.contains("not shared in this view"), "{trust}");
}

/// The GAS T-score is given over the scaled objectives its reader sees, which the page
/// names beside it; a reader who sees none is given no score (issue 34).
#[test]
fn the_gas_t_score_names_what_it_sums_up() {
    let p = Project::example();
    let gas = "Work with internal customers, not against them";
    for (audience, shown) in [("coach", true), ("client", true), ("sponsor", false)] {
        p.build_ok(&["--audience", audience]);
        for page in ["index.html", "report.html"] {
            let text = plain(&p.page(page));
            assert_eq!(text.contains("GAS T-score"), shown, "{audience} {page}");
            assert_eq!(
                text.contains(&format!("Here it sums up: {gas}")),
                shown,
                "{audience} {page}: {text}"
            );
        }
    }
    // Shared with the sponsor, the scaled objective is named on the sponsor's pages.
    p.edit(
        "objectives/customer-collaboration.md",
        "visibility: client",
        "visibility: sponsor",
    );
    p.build_ok(&["--audience", "sponsor"]);
    for page in ["index.html", "report.html"] {
        let text = plain(&p.page(page));
        assert!(
            text.contains(&format!("Here it sums up: {gas}")),
            "{page}: {text}"
        );
    }
}

/// "Not shared" on a list only where something was withheld from that list: an action
/// the client may not see, linked to one objective, makes that objective's page say so,
/// not the other's; a done action withheld leaves "No open actions." as the coach's; a
/// coach-only note with no lessons hides no gathered lesson.
#[test]
fn each_list_says_not_shared_only_for_what_it_lost() {
    let p = Project::minimal();
    // The done action of customer-trust is the coach's; sprint-goals keeps its own.
    p.edit(
        "plan.yaml",
        "    status: done\n    done: 2026-02-10\n",
        "    status: done\n    done: 2026-02-10\n    visibility: coach\n",
    );
    p.edit(
        "plan.yaml",
        "    status: open\n",
        "    status: done\n    done: 2026-02-20\n",
    );
    p.build_ok(&["--audience", "client"]);
    let trust = plain(&p.page("objectives/customer-trust.html"));
    assert!(
        trust.contains("No actions for this objective are shared in this view."),
        "{trust}"
    );
    let goals = plain(&p.page("objectives/sprint-goals.html"));
    assert!(!goals.contains("not shared in this view"), "{goals}");
    let dashboard = plain(&p.page("index.html"));
    assert!(dashboard.contains("No open actions."), "{dashboard}");
    assert!(
        !dashboard.contains("No open actions are shared"),
        "{dashboard}"
    );
    // The minimal fixture's coach-only note gathered no lesson.
    let lessons = plain(&p.page("lessons/index.html"));
    assert!(!lessons.contains("not shared in this view"), "{lessons}");
}

/// The commitment says no action shared with the reader was due only when an action they
/// may not see was due by the as-of date; an action left out that is not due yet leaves
/// the coach's words.
#[test]
fn the_commitment_says_not_shared_only_for_an_action_due() {
    let p = Project::minimal();
    let coach_only = "    visibility: coach\n";
    // Both actions the coach's: the first was due on 15 February.
    p.edit(
        "plan.yaml",
        "    owner: Scrum Master\n",
        &format!("    owner: Scrum Master\n{coach_only}"),
    );
    p.edit(
        "plan.yaml",
        "    owner: Product Owner\n",
        &format!("    owner: Product Owner\n{coach_only}"),
    );
    p.build_ok(&["--audience", "client"]);
    let dashboard = plain(&p.page("index.html"));
    assert!(
        dashboard.contains("No action shared in this view was due yet."),
        "{dashboard}"
    );
    // Neither due by the as-of date: nothing withheld was due.
    p.edit("plan.yaml", "due: 2026-02-15", "due: 2026-12-15");
    p.edit("plan.yaml", "due: 2026-03-01", "due: 2026-12-01");
    p.edit("plan.yaml", "    done: 2026-02-10\n", "");
    p.edit("plan.yaml", "status: done", "status: open");
    p.build_ok(&["--audience", "client"]);
    let dashboard = plain(&p.page("index.html"));
    assert!(dashboard.contains("No action was due yet."), "{dashboard}");
}
