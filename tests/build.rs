//! Building real engagements into a temporary folder and reading the pages.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{Project, snapshot, stderr};

/// Every `href` and `src` of a page.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(rest[..end].replace("&amp;", "&"));
            rest = &rest[end..];
        }
    }
    out
}

/// Checks that every internal link of every page resolves to a file, and every
/// `#anchor` to an `id` on the target page. Returns the number of links checked.
fn assert_links_resolve(out: &Path) -> usize {
    let mut checked = 0;
    for (path, bytes) in snapshot(out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let dir = Path::new(&path).parent().unwrap_or(Path::new(""));
        for link in links(&html) {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link.starts_with("data:")
            {
                continue;
            }
            assert!(
                !link.starts_with('/'),
                "{path}: absolute link {link} breaks file:// and sub-paths"
            );
            let (file, anchor) = link.split_once('#').unwrap_or((&link, ""));
            let target = if file.is_empty() {
                out.join(&path)
            } else {
                out.join(dir).join(file)
            };
            assert!(target.is_file(), "{path}: broken link {link}");
            if !anchor.is_empty() {
                let page = std::fs::read_to_string(&target).unwrap();
                assert!(
                    page.contains(&format!("id=\"{anchor}\"")),
                    "{path}: no anchor #{anchor} in {file}"
                );
            }
            checked += 1;
        }
    }
    checked
}

#[test]
fn the_example_builds_every_page_kind_with_working_links() {
    let p = Project::example();
    p.build_ok(&[]);
    for page in [
        "index.html",
        "objectives/index.html",
        "objectives/sprint-goals.html",
        "objectives/escaped-defects.html",
        "objectives/customer-collaboration.html",
        "assessments/index.html",
        "plan/index.html",
        "sessions/index.html",
        "lessons/index.html",
        "report.html",
        "style.css",
        "robots.txt",
        "logo.svg",
    ] {
        assert!(p.has(page), "missing {page}");
    }
    let files: Vec<String> = snapshot(&p.out).into_iter().map(|(f, _)| f).collect();
    let count = |prefix: &str| {
        files
            .iter()
            .filter(|f| f.starts_with(prefix) && !f.ends_with("index.html"))
            .count()
    };
    assert!(count("assessments/") >= 3, "one page per assessment");
    assert!(count("sessions/") >= 10, "one page per session");
    assert!(count("lessons/tags/") >= 1, "tag pages");
    assert!(assert_links_resolve(&p.out) > 200);
    // Every page links to every section through the navigation bar.
    for (path, bytes) in snapshot(&p.out)
        .iter()
        .filter(|(f, _)| f.ends_with(".html"))
    {
        let html = String::from_utf8_lossy(bytes);
        for section in [
            "objectives/index.html",
            "assessments/index.html",
            "plan/index.html",
            "sessions/index.html",
            "lessons/index.html",
        ] {
            assert!(html.contains(section), "{path} does not link to {section}");
        }
    }
}

#[test]
fn links_work_for_every_audience() {
    for audience in ["coach", "client", "sponsor"] {
        let p = Project::example();
        p.build_ok(&["--audience", audience]);
        assert_links_resolve(&p.out);
    }
}

#[test]
fn same_input_and_date_give_identical_bytes() {
    let a = Project::example();
    a.build_ok(&[]);
    let b = Project::example();
    b.build_ok(&[]);
    assert_eq!(a.snapshot(), b.snapshot());
}

#[test]
fn built_sites_carry_no_live_reload_script() {
    let p = Project::example();
    p.build_ok(&["--audience", "coach"]);
    assert!(!all_bytes(&p).contains("__coachsite"));
}

#[test]
fn a_second_build_keeps_unchanged_files() {
    let p = Project::minimal();
    p.build_ok(&[]);
    let output = p.build(&[]);
    assert!(
        stderr(&output).contains("(0 written"),
        "{}",
        stderr(&output)
    );
    p.edit(
        "sessions/2026-01-20-kick-off.md",
        "The team mapped its week.",
        "The team mapped its month.",
    );
    let output = p.build(&[]);
    let err = stderr(&output);
    assert!(!err.contains("(0 written"), "{err}");
    assert!(
        p.page("sessions/2026-01-20-kick-off.html")
            .contains("mapped its month")
    );
}

#[test]
fn the_dashboard_shows_objectives_with_progress() {
    let p = Project::minimal();
    p.build_ok(&[]);
    let html = p.page("index.html");
    assert!(html.contains("Meet the sprint goal"));
    // (25 − 0) / (75 − 0) = 33 %.
    assert!(html.contains("33%"), "{html}");
    // GAS from −2 to latest −1, toward 0: (−1 + 2) / (0 + 2) = 50 %.
    assert!(html.contains("50%"));
    assert!(
        html.contains("Invite two internal customers")
            || html.contains("Write the sprint goal on the board")
    );
    assert!(html.contains("Kick-off and objectives"), "recent sessions");
}

#[test]
fn the_objective_page_has_smart_fields_measurements_and_links() {
    let p = Project::minimal();
    p.build_ok(&[]);
    let html = p.page("objectives/sprint-goals.html");
    for text in [
        "The team meets its sprint goal in each two-week sprint.",
        "Sprint goals met over the last four sprints",
        "Baseline 0%",
        "Target 75%",
        "higher is better",
        "30 June 2026",
        "First sprint goal met",
        "20 February 2026",
        "Write the sprint goal on the board at planning",
        "../sessions/2026-01-20-kick-off.html",
        "../assessments/index.html#competency-scrum-events",
        "<h2 id=\"why\">Why</h2>",
    ] {
        assert!(html.contains(text), "objective page lacks {text:?}");
    }
    let gas = p.page("objectives/customer-trust.html");
    assert!(gas.contains("A customer attends one review in four"));
    assert!(
        gas.contains("class=\"current\""),
        "the current GAS level is marked"
    );
}

#[test]
fn assessments_plan_sessions_and_lessons_pages() {
    let p = Project::minimal();
    p.build_ok(&["--audience", "coach"]);
    let assessments = p.page("assessments/index.html");
    assert!(assessments.contains("Running Scrum events"));
    assert!(assessments.contains("id=\"competency-collaboration\""));
    assert!(
        assessments.contains("Ana") && assessments.contains("Ben"),
        "members of a team"
    );
    let baseline = p.page("assessments/2026-01-15-baseline.html");
    assert!(baseline.contains("The team values predictability."));
    assert!(baseline.contains("Novice"), "scale labels");

    let plan = p.page("plan/index.html");
    assert!(plan.contains("id=\"action-invite-customers\""));
    assert!(plan.contains("Date fixed with customers"), "reviews");
    assert!(
        plan.contains("Postponed the deployment pipeline to Q3."),
        "revisions"
    );

    let sessions = p.page("sessions/index.html");
    assert!(
        sessions.find("Kick-off and objectives") < sessions.find("Coach supervision notes"),
        "chronological"
    );
    let session = p.page("sessions/2026-01-20-kick-off.html");
    assert!(
        session.contains("Ana, Ben, Head of Claims IT"),
        "member names"
    );
    assert!(session.contains("90 min"));
    assert!(session.contains("strategic questioning, mapping"));
    assert!(
        session.contains("<span class=\"task\">☑</span>"),
        "task lists"
    );
    assert!(session.contains("rel=\"next\""));

    let lessons = p.page("lessons/index.html");
    assert!(
        lessons.contains("Agree on working agreements before tools."),
        "gathered from sessions"
    );
    assert!(
        lessons.contains("../sessions/2026-01-20-kick-off.html"),
        "links back to the session"
    );
    assert!(p.has("lessons/tags/zpd.html") && p.has("lessons/tags/collaboration.html"));
    assert!(
        p.page("lessons/tags/zpd.html")
            .contains("Culture before tools")
    );
}

const COACH_ONLY: &[&str] = &[
    "PRIVATE-FIELD-SENTINEL",
    "INLINE-ASIDE-SENTINEL",
    "MULTILINE-ASIDE-SENTINEL",
    "COACH-SESSION-SENTINEL",
    "COACH-LESSON-SENTINEL",
    "COACH-ONLY-CONTEXT-SENTINEL",
    "MEMBER-DOUBTS-SENTINEL",
    "ACHIEVABLE-ASIDE-SENTINEL",
    "MEASUREMENT-NOTE-SENTINEL",
    "REVIEW-NOTE-SENTINEL",
    "SESSION-LESSON-SENTINEL",
    "RATER-NAME-SENTINEL",
    "SURVEY-COMMENT-SENTINEL",
];

fn all_bytes(p: &Project) -> String {
    p.snapshot()
        .into_iter()
        .map(|(_, b)| String::from_utf8_lossy(&b).to_string())
        .collect()
}

#[test]
fn coach_only_text_never_reaches_the_client() {
    let p = Project::minimal();
    p.build_ok(&[]);
    let everything = all_bytes(&p);
    for sentinel in COACH_ONLY {
        assert!(
            !everything.contains(sentinel),
            "client site leaks {sentinel}"
        );
    }
    assert!(!p.has("sessions/2026-02-03-coach-reflection.html"));
    assert!(!p.has("lessons/coach-lesson.html"));
    assert!(
        everything.contains("led the mapping"),
        "the rest of the note stays"
    );

    let coach = Project::minimal();
    coach.build_ok(&["--audience", "coach"]);
    let everything = all_bytes(&coach);
    for sentinel in COACH_ONLY {
        assert!(everything.contains(sentinel), "the coach sees {sentinel}");
    }
}

#[test]
fn the_sponsor_sees_sponsor_items_and_no_notes() {
    let p = Project::minimal();
    p.build_ok(&["--audience", "sponsor"]);
    let everything = all_bytes(&p);
    assert!(p.has("objectives/customer-trust.html"));
    assert!(
        !p.has("objectives/sprint-goals.html"),
        "client-only objective"
    );
    assert!(!p.has("sessions/index.html"));
    assert!(!everything.contains("The team mapped its week"));
    assert!(
        !everything.contains("The team values predictability"),
        "no observations"
    );
    assert!(
        !p.page("assessments/index.html").contains(">Ana<"),
        "no member ratings"
    );
}

#[test]
fn french_dates_and_strings() {
    let p = Project::minimal();
    p.edit("engagement.yaml", "language: en", "language: fr");
    p.build_ok(&[]);
    let html = p.page("objectives/sprint-goals.html");
    assert!(html.contains("<html lang=\"fr\" data-paper=\"a4\">"));
    assert!(html.contains("20 février 2026"), "{html}");
    assert!(html.contains("Tableau de bord"));
    assert!(html.contains("Point de départ 0\u{a0}%"));
    // French typography: a narrow no-break space before a colon, so that nothing wraps
    // before it (the footer read "Vue pour / : le client").
    let home = p.page("index.html");
    assert!(home.contains("Coach\u{202f}: "), "{home}");
    assert!(home.contains("Vue pour\u{202f}: "), "{home}");
    assert!(!home.contains(" :"), "a colon after a plain space");
    // One session is "la séance", not "les séances".
    let plan = p.page("plan/index.html");
    assert!(plan.contains("Abordée lors de la séance du"), "{plan}");
    let de = Project::minimal();
    de.edit("engagement.yaml", "language: en", "language: de");
    de.build_ok(&[]);
    assert!(de.page("index.html").contains("30. Juni 2026"));
}

#[test]
fn templates_and_style_can_be_overridden_and_static_files_copied() {
    let p = Project::minimal();
    p.write(
        "templates/dashboard.html",
        "{% extends \"base.html\" %}{% block title %}Home{% endblock title %}{% block content %}<p>OUR OWN DASHBOARD {{ page.objectives | length }}</p>{% endblock content %}",
    );
    p.write("templates/style.css", "body { color: rebeccapurple; }");
    p.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    p.build_ok(&[]);
    assert!(p.page("index.html").contains("OUR OWN DASHBOARD 3"));
    assert!(
        p.page("objectives/index.html")
            .contains("Meet the sprint goal"),
        "other templates stay built in"
    );
    assert_eq!(p.page("style.css"), "body { color: rebeccapurple; }");
    assert!(p.page("logo.svg").starts_with("<svg"));
}

#[test]
fn the_output_defaults_to_public_inside_the_engagement() {
    let p = Project::minimal();
    for _ in 0..2 {
        let output = assert_cmd::Command::cargo_bin("coachsite")
            .unwrap()
            .args(["build", "--as-of", "2026-06-15"])
            .arg(&p.root)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
    }
    assert!(p.root.join("public/index.html").is_file());
    let names: BTreeSet<String> = std::fs::read_dir(&p.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("coachsite-")),
        "no temporary folders left: {names:?}"
    );
}

#[test]
fn an_unclosed_aside_warns_and_hides_the_rest() {
    let p = Project::minimal();
    p.edit(
        "sessions/2026-01-20-kick-off.md",
        "- [x] Objectives agreed",
        "%% UNCLOSED-SENTINEL\n- [x] Objectives agreed",
    );
    let output = p.build(&[]);
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    assert!(err.contains("warning: this `%%` is never closed"), "{err}");
    assert!(
        err.contains("sessions/2026-01-20-kick-off.md:24:1"),
        "{err}"
    );
    assert!(!all_bytes(&p).contains("UNCLOSED-SENTINEL"));
}

#[test]
fn text_from_the_files_is_escaped() {
    let p = Project::minimal();
    p.edit(
        "objectives/sprint-goals.md",
        "title: Meet the sprint goal",
        "title: Meet <script>alert(1)</script> & co",
    );
    p.build_ok(&[]);
    let html = p.page("objectives/sprint-goals.html");
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("Meet &lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; co")
            || html.contains("Meet &lt;script&gt;alert(1)&lt;/script&gt; &amp; co"),
        "{html}"
    );
}

#[test]
fn the_coach_sees_the_findings_on_the_dashboard_and_objective_pages() {
    let p = Project::example();
    p.build_ok(&["--audience", "coach"]);
    let dashboard = p.page("index.html");
    for text in [
        "What needs attention",
        "tracking-at-risk",
        "13 July 2026",
        "At this trend the target is reached around 13 July 2026, after the due date 30 June 2026.",
        "is blocked.",
        "58%: 7 of 12 actions due were done on time.",
        "GAS T-score",
    ] {
        assert!(dashboard.contains(text), "dashboard lacks {text:?}");
    }
    let objective = p.page("objectives/escaped-defects.html");
    for text in [
        "✗ fails: beyond the zone of proximal development",
        "✓ passes",
        "−2.08\u{a0}defects per sprint a month",
        "91% of where the planned trajectory says it should be",
        "Needs −4.06\u{a0}defects per sprint a month; the trend gives −2.08\u{a0}defects per sprint a month: realistic.",
        "Automated testing: level 1 → 3 in 5.09 months (0.39 a month) is within reach.",
        "level 2 by 28 March 2026, level 3 by 28 May 2026, level 4 by 28 July 2026",
    ] {
        assert!(objective.contains(text), "objective page lacks {text:?}");
    }
    // A percentage moves in points, not per cent.
    let sprint = p.page("objectives/sprint-goals.html");
    assert!(
        sprint.contains("Trend</dt><dd>+14.8\u{a0}points a month"),
        "{sprint}"
    );
    // The pace asked for and the realistic one at one precision (0.59 against 0.50).
    assert!(
        objective.contains(
            "0.59 levels a month, beyond the zone of proximal development (0.50 a month is realistic)"
        ),
        "the ZPD sentence keeps one precision"
    );
    let assessments = p.page("assessments/index.html");
    let areas = &assessments[assessments
        .find("Development areas")
        .expect("development areas")..];
    assert!(
        areas.find("Continuous delivery") < areas.find("Automated testing"),
        "ranked by gap"
    );
    assert!(
        p.page("plan/index.html")
            .contains("Last eight weeks: 50% (2 of 4), below the healthy band of 70–85%.")
    );
}

#[test]
fn findings_stay_in_the_coach_view() {
    for audience in ["client", "sponsor"] {
        let p = Project::example();
        p.build_ok(&["--audience", audience]);
        let everything = all_bytes(&p);
        for text in [
            "What needs attention",
            "class=\"finding ",
            "is blocked.",
            "Build on small stable successes",
        ] {
            assert!(!everything.contains(text), "{audience} site shows {text:?}");
        }
        // The figures themselves are for everyone.
        assert!(p.page("index.html").contains("Commitment"));
    }
}

/// Every `<svg>…</svg>` of a page.
fn svgs(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    // Charts only: a legend's small swatches are SVG too.
    while let Some(start) = rest.find("<svg viewBox") {
        let end = rest[start..]
            .find("</svg>")
            .map(|e| start + e + "</svg>".len())
            .expect("closed svg");
        out.push(&rest[start..end]);
        rest = &rest[end..];
    }
    out
}

#[test]
fn every_chart_is_valid_accessible_svg_with_its_data() {
    let p = Project::example();
    p.build_ok(&["--audience", "coach"]);
    let mut charts = 0;
    for (path, bytes) in p
        .snapshot()
        .into_iter()
        .filter(|(f, _)| f.ends_with(".html"))
    {
        let html = String::from_utf8(bytes).unwrap();
        // A chart drawn twice is drawn wide, then narrow, with ids of its own each.
        let wide = html.matches("class=\"chart chart-wide\"").count();
        let narrow = html.matches("class=\"chart chart-narrow\"").count();
        assert_eq!(
            wide, narrow,
            "{path}: every wide drawing has its narrow one"
        );
        assert!(
            !html.contains("min-width"),
            "{path}: no chart keeps a minimum width"
        );
        let mut ids: Vec<&str> = html
            .split(" id=\"")
            .skip(1)
            .filter_map(|r| r.split('"').next())
            .collect();
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count, "{path}: an id is used twice");
        for svg in svgs(&html) {
            if !svg.contains("class=\"chart") {
                continue;
            }
            charts += 1;
            let doc = roxmltree::Document::parse(svg)
                .unwrap_or_else(|e| panic!("{path}: invalid SVG: {e}\n{svg}"));
            let root = doc.root_element();
            assert_eq!(root.attribute("role"), Some("img"), "{path}");
            assert!(
                root.attribute("viewBox").is_some() && root.attribute("width").is_none(),
                "{path}: scales with its viewBox"
            );
            for child in ["title", "desc"] {
                let text = root
                    .children()
                    .find(|n| n.has_tag_name(child))
                    .and_then(|n| n.text())
                    .unwrap_or("");
                assert!(!text.trim().is_empty(), "{path}: chart without {child}");
            }
            for node in doc.descendants() {
                for attr in node.attributes() {
                    let v = attr.value();
                    assert!(
                        !v.contains("NaN") && !v.contains("inf"),
                        "{path}: {}={v}",
                        attr.name()
                    );
                    assert!(!v.starts_with("#0100"), "{path}: sentinel colour left");
                }
            }
        }
    }
    assert!(charts >= 20, "only {charts} charts");
    let objective = p.page("objectives/escaped-defects.html");
    assert!(objective.contains("80% of the way to the target of 4\u{a0}defects per sprint; latest 6\u{a0}defects per sprint on 12 June 2026. Forecast 13 July 2026, after the due date of 30 June 2026."));
    assert!(objective.contains(
        "<dt>Forecast</dt><dd>13 July 2026 (80% interval: 3 July 2026 to 24 July 2026)</dd>"
    ));
    let plan = p.page("plan/index.html");
    assert!(plan.contains("id=\"chart-burn-up\"") && plan.contains("The data of this chart"));
    let sessions = p.page("sessions/index.html");
    assert!(sessions.contains("Longest gap: 28 days, from 14 April 2026 to 12 May 2026."));
    let assessments = p.page("assessments/index.html");
    assert!(
        assessments.contains("id=\"chart-radar\"") && assessments.contains("id=\"chart-members\"")
    );
    // Reliable change (1–5, reliability 0.8: S_diff 0.89): 1 → 3 is reliable, 1 → 2 is not.
    assert!(assessments.contains("<strong>Running Scrum events</strong>: 3 (Competent) → 4 (Proficient) <span class=\"reliable\">· +2\u{a0}levels since 15 January 2026: a real change</span>"), "{assessments}");
    assert!(
        assessments.contains("+1\u{a0}level since 15 January 2026: can be only how ratings vary")
    );
    // In plain words first (the smallest reliable change is 2 levels), the method behind
    // the disclosure.
    assert!(assessments.contains("A change of 1\u{a0}level can be only how ratings vary from one time to the next; a change of 2\u{a0}levels or more is a real change."), "{assessments}");
    assert!(
        assessments
            .contains("with the scale&#39;s reliability of 0.80 and a spread of 1.41 levels"),
        "{assessments}"
    );
    // The pre-closing raters: customer collaboration 3, 3, 2, 2, 1: r_wg 0.65, which
    // the coach's table gives.
    assert!(assessments.contains("<td class=\"num disagree\" data-label=\"Collaborating with internal customers\">split · 0.65 · 1–3</td>"));
    assert!(assessments.contains("The raters disagree on Collaborating with internal customers (1–3), Automated testing (1–3)"));
    assert!(
        p.page("index.html")
            .contains("id=\"spark-escaped-defects\"")
    );
    // The print report uses the same charts.
    let report = p.page("report.html");
    assert!(
        report.contains("id=\"chart-escaped-defects\"") && report.contains("id=\"chart-burn-up\"")
    );
    assert!(
        !report.contains("What needs attention"),
        "the report is for sharing: no findings"
    );
}

#[test]
fn charts_with_little_data_are_still_whole() {
    // The minimal fixture: two measurements, one GAS objective, two assessments.
    let p = Project::minimal();
    p.build_ok(&["--audience", "coach"]);
    let gas = p.page("objectives/customer-trust.html");
    // Drawn wide and narrow.
    assert_eq!(svgs(&gas).len(), 2);
    assert!(
        gas.contains(">\n+2\n<") || gas.contains("+2"),
        "GAS levels on the axis"
    );
    // An objective without measurements gets no empty chart: the page says so in words.
    p.edit("objectives/sprint-goals.md", "measurements:\n  - {date: 2026-02-06, value: 0}\n  - {date: 2026-02-20, value: 25, note: \"First sprint goal met %%MEASUREMENT-NOTE-SENTINEL%%\"}\n", "measurements: []\n");
    p.build_ok(&["--audience", "coach"]);
    let empty = p.page("objectives/sprint-goals.html");
    assert!(!empty.contains("id=\"chart-sprint-goals\""));
    assert!(empty.contains("No measurements yet."));
}

/// Every sentinel of the minimal fixture and the audiences whose output may contain it,
/// checked over every byte of every output file.
#[test]
fn leak_matrix_over_every_byte_of_every_audience() {
    const C: &str = "coach";
    const L: &str = "client";
    const S: &str = "sponsor";
    let expected: &[(&str, &[&str])] = &[
        ("PRIVATE-FIELD-SENTINEL", &[C]),
        ("INLINE-ASIDE-SENTINEL", &[C]),
        ("MULTILINE-ASIDE-SENTINEL", &[C]),
        ("COACH-SESSION-SENTINEL", &[C]),
        ("COACH-LESSON-SENTINEL", &[C]),
        ("COACH-ONLY-CONTEXT-SENTINEL", &[C]),
        ("MEMBER-DOUBTS-SENTINEL", &[C]),
        ("ACHIEVABLE-ASIDE-SENTINEL", &[C]),
        ("MEASUREMENT-NOTE-SENTINEL", &[C]),
        ("REVIEW-NOTE-SENTINEL", &[C]),
        ("SESSION-LESSON-SENTINEL", &[C]),
        ("SENSITIVE-SENTINEL", &[C]),
        ("TAG-SENTINEL", &[C]),
        ("ATTENDEE-SENTINEL", &[C]),
        ("COACH-NAME-SENTINEL", &[C]),
        ("SCALE-LABEL-SENTINEL", &[C]),
        ("RATING-NAME-SENTINEL", &[C]),
        ("WHOLE-RATING-SENTINEL", &[C]),
        ("CLIENT-OBJECTIVE-SENTINEL", &[C, L]),
        ("SESSION-TEXT-SENTINEL", &[C, L]),
        ("MEMBER-RATING-SENTINEL", &[C, L]),
        ("SPONSOR-OBJECTIVE-SENTINEL", &[C, L, S]),
        // A stakeholder's answer: who, what they said, and a group of one.
        ("RATER-NAME-SENTINEL", &[C]),
        ("SURVEY-COMMENT-SENTINEL", &[C]),
        ("Small group sentinel", &[C]),
        ("SURVEY-TITLE-SENTINEL", &[C, L]),
        // How to reach the client: the coach's ICF log only, shown on no site.
        ("CONTACT-SENTINEL", &[]),
    ];
    for audience in [C, L, S] {
        let p = Project::minimal();
        p.build_ok(&["--audience", audience]);
        let everything = all_bytes(&p);
        for (sentinel, audiences) in expected {
            assert_eq!(
                everything.contains(sentinel),
                audiences.contains(&audience),
                "{sentinel} in the {audience} site"
            );
        }
    }
}

#[test]
fn the_coach_sees_what_the_client_will_not() {
    let p = Project::minimal();
    p.build_ok(&["--audience", "coach"]);
    assert!(
        p.page("sessions/2026-02-03-coach-reflection.html")
            .contains("class=\"badge-coach\">Coach only")
    );
    assert!(
        p.page("lessons/sensitive-lesson.html")
            .contains("badge-coach"),
        "sensitive items too"
    );
    assert!(
        !p.page("sessions/2026-01-20-kick-off.html")
            .contains("class=\"badge-coach\"")
    );
    assert!(
        p.page("sessions/2026-01-20-kick-off.html")
            .contains("<mark class=\"coach-only\">")
    );
}

#[test]
fn the_sponsor_gets_aggregates_of_what_the_client_sees() {
    let p = Project::minimal();
    p.build_ok(&["--audience", "sponsor"]);
    let dashboard = p.page("index.html");
    // The client session of 90 minutes, and the coach-only note (no duration): a note
    // hidden from a reader still counts as a session held (one rule for sessions).
    assert!(
        dashboard.contains("2 sessions held, 1.5 hours of coaching"),
        "{dashboard}"
    );
    // The two client actions: one done on time of the two due by 15 June. Two are too
    // few for a rate: the counts say so, no percentage.
    assert!(
        dashboard.contains("1 of 2 actions due done on time: too few to give a rate yet."),
        "{dashboard}"
    );
    assert!(!dashboard.contains("50%: 1 of 2"));
    assert!(dashboard.contains("GAS T-score"));
}

#[test]
fn a_stakeholder_pulse_shows_groups_of_three_and_leaves_out_the_rest() {
    let p = Project::minimal();
    p.build_ok(&[]);
    // Three peers rated the sprint goal +1, +2 and 0; a group of one rated it −2 and is
    // left out: net (2 − 0) / 3 = +67 over 3 raters, never (2 − 1) / 4 = +25.
    let objective = p.page("objectives/sprint-goals.html");
    assert!(objective.contains("<h2 id=\"pulse-heading\">Stakeholder pulse</h2>"));
    assert!(
        objective.contains(
            "<td class=\"num\" data-label=\"Net score\"><strong>+67</strong></td><td data-label=\"Ratings\">2 better · 1 same · 0 worse</td>"
        ),
        "{objective}"
    );
    assert!(objective.contains("1 answer is left out"));
    assert!(!objective.contains("+25"));
    let survey = p.page("surveys/2026-03-20-pulse.html");
    assert!(survey.contains("<th scope=\"row\">Peers</th>"));
    assert!(
        !survey.contains("id=\"answers-heading\""),
        "no answer on its own"
    );
    assert!(
        p.page("assessments/index.html")
            .contains("href=\"../surveys/2026-03-20-pulse.html\"")
    );
    // The coach reads each answer, and the same net score.
    p.build_ok(&["--audience", "coach"]);
    let survey = p.page("surveys/2026-03-20-pulse.html");
    assert!(survey.contains("id=\"answers-heading\"") && survey.contains("RATER-NAME-SENTINEL"));
    assert!(
        p.page("objectives/sprint-goals.html")
            .contains("<strong>+67</strong>")
    );
    // The sponsor sees no survey the coach did not share with the sponsor.
    p.build_ok(&["--audience", "sponsor"]);
    assert!(!p.has("surveys/2026-03-20-pulse.html"));
}

#[test]
fn a_forecast_that_has_passed_says_so_on_the_day_the_example_is_built() {
    // Built without --as-of, the example is judged on its last day, 10 July 2026: "Meet
    // the sprint goal" was forecast for 6 July, and its last measurement (12 June) is
    // short of the target. No page or report calls it on track.
    let p = Project::example();
    let output = assert_cmd::Command::cargo_bin("coachsite")
        .unwrap()
        .args(["build", "--color", "never", "--audience", "client", "-o"])
        .arg(&p.out)
        .arg(&p.root)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let passed = "6 July 2026, passed without the target: measure again";
    for page in ["objectives/sprint-goals.html", "report.html"] {
        let html = p.page(page);
        assert!(html.contains(passed), "{page} lacks {passed:?}");
        assert!(html.contains("To measure again"), "{page}");
    }
    let report = p.page("report.html");
    let row = &report[report.find("Meet the sprint goal").expect("its row")..];
    let row = &row[..row.find("</tr>").unwrap_or(row.len())];
    assert!(!row.contains("On track"), "{row}");
}

#[test]
fn the_dashboard_names_the_next_session_its_reader_may_know_of() {
    // As of 15 June the latest note (9 June) agreed the next session for 3 July, and
    // the contract reads against the sessions held.
    let p = Project::example();
    p.build_ok(&["--audience", "client"]);
    let dashboard = p.page("index.html");
    assert!(dashboard.contains("Next session"), "{dashboard}");
    assert!(dashboard.contains("3 July 2026"));
    assert!(dashboard.contains("12 of 14 sessions held, 18.75 of 21 hours of coaching"));
    // The sponsor reads no note that agreed it: no date is given.
    p.build_ok(&["--audience", "sponsor"]);
    assert!(!p.page("index.html").contains("Next session"));
}

#[test]
fn the_contract_is_the_client_s_to_see_as_share_says_and_always_the_sponsor_s() {
    let p = Project::example();
    p.edit(
        "engagement.yaml",
        "client: [trend, forecast, commitment, gas, contract, tracking]",
        "client: [trend, forecast, commitment, gas, tracking]",
    );
    p.edit(
        "engagement.yaml",
        "sponsor: [trend, forecast, commitment, gas]",
        "sponsor: [trend]",
    );
    p.build_ok(&["--audience", "client"]);
    let client = p.page("index.html");
    assert!(
        client.contains("12 sessions held, 18.75 hours of coaching"),
        "{client}"
    );
    assert!(!client.contains("of 14"));
    p.build_ok(&["--audience", "sponsor"]);
    assert!(
        p.page("index.html")
            .contains("12 of 14 sessions held, 18.75 of 21 hours of coaching")
    );
}
