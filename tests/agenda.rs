//! `coachsite agenda` on a practice of three fixture engagements on a fixed date: the text,
//! the JSON (parsed back), the exit codes (1 when something is overdue, 0 when nothing is,
//! 2 when an engagement could not be read, the others shown all the same).

mod common;

use std::path::Path;
use std::process::Output;

use coachsite::cli::agenda::Agenda;
use common::{copy_dir, example, fixtures, stderr};

/// A Monday: the week of 8 to 14 June 2026.
const AS_OF: &str = "2026-06-08";

fn agenda(dir: &Path, args: &[&str]) -> Output {
    assert_cmd::Command::cargo_bin("coachsite")
        .unwrap()
        .arg("agenda")
        .arg(dir)
        .args(["--as-of", AS_OF, "--color", "never"])
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Three engagements: the minimal fixture with a fortnightly cadence, a `next:` date in
/// its last note and a retention date; the example (its last note before the week agreed
/// the next session on 9 June); the ZPD failure, ended on 29 May (more than 7 days
/// before: off the agenda).
fn practice() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("practice");
    let acme = root.join("acme");
    copy_dir(&fixtures().join("minimal"), &acme);
    copy_dir(&example(), &root.join("clients/lakeshore"));
    copy_dir(
        &fixtures().join("zpd-failure"),
        &root.join("archive/2026/bank"),
    );
    edit(
        &acme.join("engagement.yaml"),
        "end: 2026-07-10\n",
        "end: 2026-07-10\nretain_until: 2026-06-12\ncontract: {cadence_days: 14}\n",
    );
    edit(
        &acme.join("sessions/2026-02-03-coach-reflection.md"),
        "visibility: coach\n",
        "visibility: coach\nnext: 2026-02-17\n",
    );
    dir
}

/// Worked out by hand from the fixtures:
/// - acme: the last note (3 February) agreed 17 February, which passed without a note;
///   3 February + 14 days is 17 February too: a session to book, overdue. The action
///   `sprint-goal-template` was due on 1 March. `sprint-goals` was last measured on
///   20 February, `customer-trust` on 6 March: + 30 days, 22 March and 5 April. `flow`
///   has key results: `cycle-time` last measured on 20 March, `items-done` on 3 April:
///   30 days later, 19 April and 3 May.
///   `retain_until` is 12 June, in the week.
/// - lakeshore: `test-automation-training` is blocked since its due date, 31 March;
///   `deployment-pipeline` was due on 30 April; `regression-tests` on 29 May,
///   `customer-feedback-loop` on 5 June. `deploy-quote-to-test`, due on 12 June, was
///   done on 9 June: still open on the 8th. The note of 2 June agreed 9 June (the note of
///   9 June is after the as-of date: not written yet); the cadence then waits.
/// - bank: ended on 29 May, 10 days before: nothing (it has no `retain_until`).
const TEXT: &str = "\
Agenda from 8 June 2026 to 14 June 2026

17 February 2026 · overdue
  acme · next session passed without a note
  acme · session to book: the last was on 3 February 2026, every 14 days

1 March 2026 · overdue
  acme · action “Write the sprint goal on the board at planning” (sprint-goal-template) · owner Product Owner

22 March 2026 · overdue
  acme · measure objective “Meet the sprint goal” (sprint-goals): last measured on 20 February 2026

31 March 2026 · overdue
  clients/lakeshore · action “Book a two-day test automation training for developers and testers” (test-automation-training) · owner Martin Brandt (sponsor), blocked

5 April 2026 · overdue
  acme · measure objective “Customers trust the team's commitments” (customer-trust): last measured on 6 March 2026

19 April 2026 · overdue
  acme · measure key result “Shorter flow of work — Median days from refined to done %%KR-METRIC-SENTINEL%%” (flow#cycle-time): last measured on 20 March 2026

30 April 2026 · overdue
  clients/lakeshore · objective “Automated deployment pipeline” (deployment-pipeline) due

3 May 2026 · overdue
  acme · measure key result “Shorter flow of work — Items done per sprint” (flow#items-done): last measured on 3 April 2026

29 May 2026 · overdue
  clients/lakeshore · action “Automate regression tests for the ten most frequent defect areas” (regression-tests) · owner Chloé Martin, with David Weber

5 June 2026 · overdue
  clients/lakeshore · action “Ask the claims lead for a five-question feedback after each sprint review” (customer-feedback-loop) · owner Ben Okafor (Product Owner)

9 June 2026
  clients/lakeshore · next session, as agreed

12 June 2026
  acme · data to delete: its retention date (retain_until)
  clients/lakeshore · action “Deploy the quote service to the test environment automatically from the main branch” (deploy-quote-to-test) · owner Elif Yılmaz, with Chloé Martin

11 overdue, 3 due by 14 June 2026
";

#[test]
fn the_week_across_a_practice_as_text() {
    let dir = practice();
    let output = agenda(&dir.path().join("practice"), &[]);
    assert_eq!(stdout(&output), TEXT, "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    assert_eq!(output.status.code(), Some(1), "something is overdue");
}

#[test]
fn the_week_across_a_practice_as_json() {
    let dir = practice();
    let root = dir.path().join("practice");
    let output = agenda(&root, &["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let parsed: Agenda = serde_json::from_str(&text).unwrap();
    // The JSON is the type's, and nothing more.
    let again = serde_json::to_string_pretty(&parsed).unwrap();
    assert_eq!(again.trim_end(), text.trim_end());
    assert_eq!((parsed.overdue, parsed.due), (11, 3));
    assert_eq!(parsed.last_day.to_string(), "2026-06-14");
    assert!(parsed.unread.is_empty() && parsed.errors.is_empty());
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let items = value["items"].as_array().unwrap();
    assert_eq!(items.len(), 14);
    assert_eq!(
        items[0],
        serde_json::json!({
            "engagement": "acme",
            "engagement_title": "Team coaching — Claims team",
            "date": "2026-02-17",
            "overdue": true,
            "kind": "session-missed",
            "after": "2026-02-03-coach-reflection"
        })
    );
    assert_eq!(
        items[6],
        serde_json::json!({
            "engagement": "acme",
            "engagement_title": "Team coaching — Claims team",
            "date": "2026-04-19",
            "overdue": true,
            "kind": "measurement-due",
            "id": "flow",
            "key_result": "cycle-time",
            "title": "Shorter flow of work — Median days from refined to done %%KR-METRIC-SENTINEL%%",
            "last_measurement": "2026-03-20"
        })
    );
    assert_eq!(
        items[11],
        serde_json::json!({
            "engagement": "clients/lakeshore",
            "engagement_title": "Scrum adoption — Policy Platform team",
            "date": "2026-06-09",
            "overdue": false,
            "kind": "session-planned",
            "after": "2026-06-02-three-way-with-sponsor"
        })
    );
    assert_eq!(items[12]["kind"], "retention");
    assert_eq!(items[13]["owner"], "Elif Yılmaz, with Chloé Martin");
    // Same input, same bytes.
    assert_eq!(agenda(&root, &["--format", "json"]).stdout, output.stdout);
}

#[test]
fn nothing_overdue_exits_with_0() {
    let dir = practice();
    // The ZPD failure alone: ended long before, nothing on it.
    let output = agenda(&dir.path().join("practice/archive/2026/bank"), &[]);
    assert_eq!(
        stdout(&output),
        "Agenda from 8 June 2026 to 14 June 2026\n\nNothing due by 14 June 2026.\n"
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn one_engagement_is_named_by_its_folder_and_speaks_its_language() {
    let dir = practice();
    let acme = dir.path().join("practice/acme");
    edit(
        &acme.join("engagement.yaml"),
        "language: en",
        "language: fr",
    );
    let output = agenda(&acme, &["--days", "1"]);
    let text = stdout(&output);
    assert!(
        text.starts_with("Agenda du 8 juin 2026\n\n17 février 2026 · en retard\n  acme · prochaine séance passée sans note\n"),
        "{text}"
    );
    assert!(
        text.ends_with("7 en retard, 0 à faire d’ici le 8 juin 2026\n"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn an_engagement_that_cannot_be_read_is_reported_and_the_others_shown() {
    let dir = practice();
    let root = dir.path().join("practice");
    edit(
        &root.join("clients/lakeshore/engagement.yaml"),
        "start: 2026-01-12",
        "start: 2026-13-12",
    );
    let output = agenda(&root, &[]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("clients/lakeshore/engagement.yaml"), "{err}");
    assert!(
        err.contains("error: 1 engagement could not be read; it is not on the agenda"),
        "{err}"
    );
    let text = stdout(&output);
    assert!(text.contains("  acme · next session passed without a note\n"));
    assert!(!text.contains("lakeshore"));
    let output = agenda(&root, &["--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    let parsed: Agenda = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(parsed.unread, ["clients/lakeshore"]);
    assert!(
        parsed
            .errors
            .iter()
            .all(|d| d.file == "clients/lakeshore/engagement.yaml")
    );
}

#[test]
fn days_out_of_bounds_are_refused() {
    let dir = practice();
    for days in ["0", "367", "-1"] {
        let output = agenda(&dir.path().join("practice"), &["--days", days]);
        assert_eq!(output.status.code(), Some(2), "--days {days}");
        assert!(output.stdout.is_empty());
    }
}

/// docs/agenda.md names every kind of item (`Due::kind`) and every field of the JSON.
#[test]
fn docs_agenda_md_names_every_kind_and_field() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/agenda.md")).unwrap();
    let source = std::fs::read_to_string(root.join("src/insight/agenda.rs")).unwrap();
    let start = source.find("pub fn kind").unwrap();
    let end = start + source[start..].find("\n    }\n").unwrap();
    let kinds: Vec<&str> = source[start..end]
        .lines()
        .filter_map(|l| l.split("=> \"").nth(1))
        .map(|l| l.trim_end_matches("\","))
        .collect();
    assert_eq!(kinds.len(), 8, "{kinds:?}");
    let dir = practice();
    let output = agenda(&dir.path().join("practice"), &["--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let mut fields: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    for item in value["items"].as_array().unwrap() {
        fields.extend(item.as_object().unwrap().keys().cloned());
    }
    let missing: Vec<&str> = kinds
        .iter()
        .copied()
        .chain(fields.iter().map(String::as_str))
        .filter(|name| !doc.contains(&format!("`{name}`")))
        .collect();
    assert!(missing.is_empty(), "not in docs/agenda.md: {missing:?}");
}
