//! The pages of an objective with key results (OKRs, issue 36): its own page shows each
//! key result with its latest value, progress, OKR score and chart, the objective's OKR
//! score in words and the key result its tracking comes from; the dashboard and the
//! report keep one row for the objective, its key results listed in it; a key result
//! measured once, with no baseline written, reads "Not measured yet" and says where it
//! starts from. Each reader sees what `share:` gives them, per key result too.

mod common;

use common::Project;

/// The text of `html` without its tags, its white space folded.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The part of `html` from `start` to the next `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let at = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in the page"));
    let rest = &html[at..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The rows of the dashboard's table of objectives that name `title`.
fn dashboard_rows(html: &str, title: &str) -> usize {
    let table = between(html, "<table class=\"objectives\">", "</table>");
    table
        .split("<tr")
        .skip(2)
        .filter(|row| row.contains(title))
        .count()
}

fn example(audience: &str) -> Project {
    let p = Project::example();
    p.build_ok(&["--audience", audience]);
    p
}

const OKR: &str = "Shorten the way from idea to customer";

#[test]
fn the_objective_page_shows_each_key_result() {
    for audience in ["coach", "client"] {
        let p = example(audience);
        let html = p.page("objectives/idea-to-customer.html");
        let all = text(&html);
        let cards = text(between(&html, "id=\"key-results-heading\"", "</section>"));
        for (metric, latest, progress) in [
            ("Backlog items done per sprint", "11 items", "83%"),
            ("Median working days from refined to done", "8 days", "67%"),
            (
                "Sprints of refined work ready at planning",
                "2 sprints",
                "100%",
            ),
        ] {
            let card = between(&cards, metric, "Measurements Date");
            assert!(
                card.contains(&format!("Latest {latest}")),
                "{audience}: {card}"
            );
            assert!(
                card.contains(&format!("Progress {progress}")),
                "{audience}: {card}"
            );
            assert!(card.contains("OKR score"), "{audience}: {card}");
        }
        // Cycle time has no baseline written: its first count is where it starts.
        assert!(
            cards.contains("Starts from its first measurement: 14 days on 13 March 2026"),
            "{audience}: {cards}"
        );
        assert!(
            all.contains("OKR score 0.79 of 1. For an ambitious key result, 0.7 is a good result."),
            "{audience}: {all}"
        );
        assert!(!cards.contains("No measurement yet"), "{audience}: {cards}");
        assert!(!all.contains("No measurements yet"), "{audience}: {all}");
        // One small chart per key result, each described.
        assert_eq!(
            html.matches("<svg viewBox=\"0 0 340 250\"").count(),
            3,
            "{audience}"
        );
        for id in ["items-done", "cycle-time", "refined-ahead"] {
            assert!(
                html.contains(&format!("id=\"chart-idea-to-customer-{id}-desc\"")),
                "{audience}: no description of {id}'s chart"
            );
        }
    }
}

#[test]
fn the_status_names_the_key_result_it_comes_from_where_tracking_is_shared() {
    let client = example("client");
    let lead = text(between(
        &client.page("objectives/idea-to-customer.html"),
        "class=\"lead\"",
        "</p>",
    ));
    assert!(
        lead.contains("At risk: Median working days from refined to done"),
        "{lead}"
    );
    // The sponsor is not shown this objective (visibility: client).
    let sponsor = example("sponsor");
    assert!(!sponsor.has("objectives/idea-to-customer.html"));
    assert!(!sponsor.page("index.html").contains(OKR));
}

#[test]
fn the_dashboard_and_the_report_keep_one_row_per_objective() {
    for audience in ["coach", "client"] {
        let p = example(audience);
        let dashboard = p.page("index.html");
        assert_eq!(dashboard_rows(&dashboard, OKR), 1, "{audience}");
        let row = text(between(&dashboard, OKR, "</tr>"));
        for part in [
            "Backlog items done per sprint: 11 items · 83%",
            "Median working days from refined to done: 8 days · 67%",
            "Sprints of refined work ready at planning: 2 sprints · 100%",
            "79%",
        ] {
            assert!(row.contains(part), "{audience}: {part:?} not in {row}");
        }
        assert!(!row.contains("No measurement yet"), "{audience}: {row}");
        let report = p.page("report.html");
        let summary = between(&report, "id=\"summary-heading\"", "</table>");
        assert_eq!(summary.matches(OKR).count(), 1, "{audience}");
        // Its key results in the row under its own, with its OKR score in words; no
        // section of its own below (its figures are all in the table).
        let rows = text(between(summary, OKR, "Meet the sprint goal"));
        for part in [
            "Backlog items done per sprint: 11 items · 83%",
            "Median working days from refined to done: 8 days · 67%",
            "Sprints of refined work ready at planning: 2 sprints · 100%",
            "OKR score 0.79 of 1.",
        ] {
            assert!(rows.contains(part), "{audience}: {part:?} not in {rows}");
        }
        assert!(!report.contains("id=\"report-idea-to-customer\""));
    }
}

/// An objective the sponsor sees, with a key result measured once and no baseline, and
/// one measured twice against its baseline.
const ONCE: &str = r#"---
title: Release more often
specific: The team releases to production every week without a freeze.
key_results:
  - id: lead-time
    metric: Lead time from commit to production
    unit: days
    target: 1
    measurements:
      - {date: 2026-06-01, value: 10}
  - id: deploys
    metric: Deployments per week
    baseline: 1
    target: 5
    measurements:
      - {date: 2026-03-01, value: 2}
      - {date: 2026-05-01, value: 4}
start: 2026-02-01
due: 2026-07-10
status: active
visibility: sponsor
---
Why it matters.
"#;

#[test]
fn a_key_result_measured_once_is_not_measured_yet() {
    for audience in ["coach", "client", "sponsor"] {
        let p = Project::minimal();
        p.write("objectives/release-often.md", ONCE);
        p.build_ok(&["--audience", audience]);
        let html = p.page("objectives/release-often.html");
        let cards = text(between(&html, "id=\"key-results-heading\"", "</section>"));
        let lead_time = between(&cards, "Lead time from commit to production", "Deployments");
        assert!(
            lead_time.contains("Not measured yet"),
            "{audience}: {lead_time}"
        );
        assert!(
            lead_time.contains("Starts from its first measurement: 10 days on 1 June 2026"),
            "{audience}: {lead_time}"
        );
        assert!(!lead_time.contains("Latest"), "{audience}: {lead_time}");
        assert!(
            !lead_time.contains("No measurement yet"),
            "{audience}: {lead_time}"
        );
        let deploys = &cards[cards.find("Deployments per week").unwrap_or(0)..];
        assert!(deploys.contains("Latest 4"), "{audience}: {deploys}");
        assert!(deploys.contains("Progress 75%"), "{audience}: {deploys}");
        assert!(
            text(&html).contains("OKR score 0.38 of 1."),
            "{audience}: {}",
            text(&html)
        );
        let lead = text(between(&html, "class=\"lead\"", "</p>"));
        let dashboard = p.page("index.html");
        assert_eq!(dashboard_rows(&dashboard, "Release more often"), 1);
        let row = text(between(&dashboard, "Release more often", "</tr>"));
        assert!(
            row.contains("Lead time from commit to production: Not measured yet"),
            "{audience}: {row}"
        );
        assert!(
            row.contains("Deployments per week: 4 · 75%"),
            "{audience}: {row}"
        );
        if audience == "coach" {
            // Tracking is the coach's alone by default: the status names the key result
            // it comes from, and the key result measured once says it is not measured.
            assert!(
                lead.contains(": Deployments per week")
                    || lead.contains(": Lead time from commit to production"),
                "{lead}"
            );
            assert!(
                html.contains(
                    "<span class=\"tracking tracking-no-measurement\">Not measured yet</span>"
                ),
                "{lead_time}"
            );
        } else {
            // Not shared: no judgement, for the objective or any key result.
            assert!(lead.contains(" Active ·"), "{audience}: {lead}");
            assert!(!cards.contains("On track"), "{audience}: {cards}");
            assert!(!html.contains("tracking-on-track"), "{audience}");
        }
    }
}
