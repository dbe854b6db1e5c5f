//! One verdict per objective on a date, in every view (SPEC §5, issue 34): every
//! fixture engagement and the example, built for the coach, the client and the sponsor
//! at dates before, during and after the engagement, tell the same status, progress and
//! forecast for each objective that more than one of them shows.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use assert_cmd::prelude::*;
use common::{example, fixtures};

const AUDIENCES: [&str; 3] = ["coach", "client", "sponsor"];

/// The engagements compared, and the dates: early, mid-way, the end, long after it.
fn engagements() -> Vec<std::path::PathBuf> {
    let mut all = vec![example()];
    for name in [
        "minimal",
        "zpd-failure",
        "obsidian-vault",
        "obsidian-work-vault",
    ] {
        all.push(fixtures().join(name));
    }
    all
}
const DATES: [&str; 4] = ["2026-02-15", "2026-05-01", "2026-07-10", "2026-12-31"];

/// Where an objective stands that is a fact, not a judgement: the same for every reader.
const FACTS: [&str; 3] = ["achieved", "overdue", "not-tracked"];

fn run(args: &[&str], root: &Path) -> std::process::Output {
    let out = Command::cargo_bin("coachsite")
        .unwrap()
        .args(args)
        .args(["--color", "never"])
        .arg(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?} {}: {}",
        root.display(),
        common::stderr(&out)
    );
    out
}

/// Each objective's (tracking, progress, forecast) in one reader's export.
fn figures(root: &Path, audience: &str, as_of: &str) -> BTreeMap<String, [String; 3]> {
    let out = run(
        &[
            "export",
            "--format",
            "json",
            "--audience",
            audience,
            "--as-of",
            as_of,
        ],
        root,
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["figures"]["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let id = o["id"].as_str().unwrap().to_string();
            let text = |v: &serde_json::Value| v.to_string();
            (
                id,
                [
                    text(&o["tracking"]),
                    text(&o["progress"]),
                    text(&o["forecast"]),
                ],
            )
        })
        .collect()
}

/// The state an objective's pages give it (`tracking-…` or `status-…`, the class of its
/// label): on the dashboard, on its own page and in the report. All must agree.
fn page_states(site: &Path) -> BTreeMap<String, String> {
    let read = |p: &str| std::fs::read_to_string(site.join(p)).unwrap_or_default();
    let state_after = |html: &str, from: usize| -> Option<String> {
        let marker = "<span class=\"";
        let at = from + html[from..].find(marker)? + marker.len();
        let class = &html[at..at + html[at..].find('"')?];
        class.split(' ').nth(1).map(str::to_string)
    };
    let mut states: BTreeMap<String, String> = BTreeMap::new();
    let put =
        |states: &mut BTreeMap<String, String>, id: &str, state: Option<String>, page: &str| {
            let Some(state) = state else { return };
            let before = states
                .entry(id.to_string())
                .or_insert_with(|| state.clone());
            assert_eq!(
                *before,
                state,
                "{}: {id} reads {state} on {page}, {before} elsewhere",
                site.display()
            );
        };
    let dashboard = read("index.html");
    let mut rest = 0;
    while let Some(at) = dashboard[rest..].find("<th scope=\"row\"><a href=\"objectives/") {
        let start = rest + at + "<th scope=\"row\"><a href=\"objectives/".len();
        let id = &dashboard[start..start + dashboard[start..].find(".html").unwrap()];
        put(
            &mut states,
            id,
            state_after(&dashboard, start),
            "the dashboard",
        );
        rest = start;
    }
    let report = read("report.html");
    let mut rest = 0;
    while let Some(at) = report[rest..].find("aria-labelledby=\"report-") {
        let start = rest + at + "aria-labelledby=\"report-".len();
        let id = &report[start..start + report[start..].find('"').unwrap()];
        if !["levels", "areas", "commitment"].contains(&id) {
            put(&mut states, id, state_after(&report, start), "the report");
        }
        rest = start;
    }
    for id in states.keys().cloned().collect::<Vec<_>>() {
        let page = read(&format!("objectives/{id}.html"));
        if let Some(lead) = page.find("<p class=\"lead\">") {
            put(&mut states, &id, state_after(&page, lead), "its page");
        }
    }
    states
}

/// Two readers' states of one objective agree: the same, or one reads it active where
/// the other is given a judgement (on track, at risk…) that `share:` keeps from it.
fn agree(a: &str, b: &str) -> bool {
    let judgement = |s: &str| {
        s.strip_prefix("tracking-")
            .is_some_and(|t| !FACTS.contains(&t))
    };
    a == b || (a == "status-active" && judgement(b)) || (b == "status-active" && judgement(a))
}

#[test]
fn every_objective_reads_the_same_in_every_view_on_every_date() {
    let mut compared = 0;
    let mut facts_seen = 0;
    for root in engagements() {
        for as_of in DATES {
            let mut views = Vec::new();
            for audience in AUDIENCES {
                let out = tempfile::tempdir().unwrap();
                run(
                    &[
                        "build",
                        "--audience",
                        audience,
                        "--as-of",
                        as_of,
                        "-o",
                        out.path().to_str().unwrap(),
                    ],
                    &root,
                );
                views.push((
                    audience,
                    figures(&root, audience, as_of),
                    page_states(out.path()),
                ));
            }
            let name = root.file_name().unwrap().to_string_lossy().to_string();
            for (i, (a, figures_a, pages_a)) in views.iter().enumerate() {
                for (b, figures_b, pages_b) in &views[i + 1..] {
                    for (id, [track_a, progress_a, forecast_a]) in figures_a {
                        let Some([track_b, progress_b, forecast_b]) = figures_b.get(id) else {
                            continue;
                        };
                        let at = format!("{name} on {as_of}, {id}: {a} and {b}");
                        let unshared = "\"not-shared\"";
                        let fact = |t: &str| FACTS.iter().any(|f| t == format!("\"{f}\""));
                        assert!(
                            track_a == track_b
                                || (track_a == unshared && !fact(track_b))
                                || (track_b == unshared && !fact(track_a)),
                            "{at} read {track_a} and {track_b}"
                        );
                        assert_eq!(progress_a, progress_b, "{at}: progress");
                        if forecast_a != "null" && forecast_b != "null" {
                            assert_eq!(forecast_a, forecast_b, "{at}: forecast");
                        }
                        let (Some(page_a), Some(page_b)) = (pages_a.get(id), pages_b.get(id))
                        else {
                            continue;
                        };
                        assert!(agree(page_a, page_b), "{at}: pages read {page_a}, {page_b}");
                        facts_seen += usize::from(
                            page_a == page_b && FACTS.iter().any(|f| page_a.ends_with(f)),
                        );
                        compared += 1;
                    }
                }
            }
        }
    }
    assert!(compared > 50, "only {compared} comparisons");
    assert!(facts_seen > 0, "no achieved or overdue objective compared");
}
