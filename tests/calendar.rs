//! The calendar feed, `calendar.ics`: the example built for each reader, its feed parsed
//! back by an iCalendar crate (`ical`); each reader's events and dates, UIDs stable from
//! one build to the next, the same bytes for the same input, nothing coach-only in the
//! client's and the sponsor's feeds, the dashboard's link, a practice's feed and `serve`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use coachsite::{Audience, BuildOptions, Date};
use common::{AS_OF, Project, copy_dir, fixtures};

fn options(root: &Path, audience: Audience) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        audience,
        as_of: Date::parse(AS_OF).unwrap(),
        as_of_given: true,
        base_url: None,
        history_at: None,
    }
}

/// The bytes of `path` in the site built for `audience`.
fn built_file(root: &Path, audience: Audience, path: &str) -> Vec<u8> {
    let site = coachsite::build(&options(root, audience)).expect("builds");
    site.files
        .into_iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path} in the {}'s site", audience.name()))
        .bytes
}

fn feed_bytes(root: &Path, audience: Audience) -> Vec<u8> {
    built_file(root, audience, "calendar.ics")
}

/// One event as parsed back: its properties by name (value, parameters).
type Event = BTreeMap<String, (String, Vec<(String, Vec<String>)>)>;

/// The feed parsed back by `ical`: the calendar's properties and its events by UID.
fn parse(bytes: &[u8]) -> (BTreeMap<String, String>, BTreeMap<String, Event>) {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    // RFC 5545: every line ends with CRLF and holds at most 75 octets.
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(
            line.len() <= 75,
            "a line of {} octets: {line:?}",
            line.len()
        );
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
    }
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(bytes));
    let calendar = calendars.next().expect("a calendar").expect("parses");
    assert!(calendars.next().is_none(), "one calendar");
    let props = calendar
        .properties
        .iter()
        .map(|p| (p.name.clone(), p.value.clone().unwrap_or_default()))
        .collect();
    let mut events = BTreeMap::new();
    for event in &calendar.events {
        let event: Event = event
            .properties
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    (
                        p.value.clone().unwrap_or_default(),
                        p.params.clone().unwrap_or_default(),
                    ),
                )
            })
            .collect();
        let uid = event["UID"].0.clone();
        assert!(
            events.insert(uid.clone(), event).is_none(),
            "UID {uid} twice"
        );
    }
    (props, events)
}

fn feed(root: &Path, audience: Audience) -> (BTreeMap<String, String>, BTreeMap<String, Event>) {
    parse(&feed_bytes(root, audience))
}

fn start(event: &Event) -> &str {
    &event["DTSTART"].0
}

const DOMAIN: &str = "scrum-adoption-policy-platform-team.coachsite";

fn uid(kind: &str) -> String {
    format!("{kind}@{DOMAIN}")
}

#[test]
fn each_reader_gets_the_dates_they_may_see_as_all_day_events() {
    let p = Project::example();
    let (calendar, coach) = feed(&p.root, Audience::Coach);
    assert_eq!(calendar["VERSION"], "2.0");
    assert_eq!(calendar["METHOD"], "PUBLISH");
    assert!(calendar["PRODID"].contains("coachsite"));
    assert_eq!(
        calendar["X-WR-CALNAME"],
        "Scrum adoption — Policy Platform team"
    );
    for event in coach.values() {
        // All-day: a date, the next day as its end, stamped with the as-of date.
        assert_eq!(
            event["DTSTART"].1,
            vec![("VALUE".into(), vec!["DATE".into()])]
        );
        assert_eq!(
            event["DTEND"].1,
            vec![("VALUE".into(), vec!["DATE".into()])]
        );
        assert_eq!(start(event).len(), 8);
        assert_eq!(event["DTSTAMP"].0, "20260615T000000Z");
    }
    // The coach: the open actions with a due date, the active objectives' due dates, the
    // next session (the last note's `next:`) and the engagement's end.
    let pipeline = &coach[&uid("action-pipeline-replan")];
    assert_eq!(start(pipeline), "20260630");
    assert_eq!(pipeline["DTEND"].0, "20260701");
    assert!(
        pipeline["SUMMARY"].0.starts_with("Action due: "),
        "{pipeline:?}"
    );
    assert!(
        coach.contains_key(&uid("action-test-automation-training")),
        "a blocked action is open"
    );
    assert!(
        !coach.contains_key(&uid("action-deploy-quote-to-test")),
        "done"
    );
    assert!(
        !coach.contains_key(&uid("action-pipeline-spike")),
        "dropped"
    );
    assert_eq!(start(&coach[&uid("next-session")]), "20260703");
    assert_eq!(
        coach[&uid("next-session")]["SUMMARY"].0,
        "Next coaching session"
    );
    assert_eq!(start(&coach[&uid("engagement-end")]), "20260710");
    assert!(coach.keys().any(|u| u.starts_with("objective-")));

    // The client: the same dates, less the engagement's end; each of their events is the
    // coach's, with the same UID.
    let (_, client) = feed(&p.root, Audience::Client);
    assert!(!client.contains_key(&uid("engagement-end")));
    assert_eq!(start(&client[&uid("next-session")]), "20260703");
    assert!(client.contains_key(&uid("action-pipeline-replan")));
    for (uid, event) in &client {
        assert_eq!(coach.get(uid).map(start), Some(start(event)), "{uid}");
    }

    // The sponsor: the objectives shared with them, no action, and no session: no note
    // of the example is a three-way note they may read.
    let (_, sponsor) = feed(&p.root, Audience::Sponsor);
    assert!(!sponsor.is_empty());
    for uid in sponsor.keys() {
        assert!(uid.starts_with("objective-"), "{uid}");
        assert!(client.contains_key(uid), "{uid}");
    }
    assert!(
        sponsor.len()
            < client
                .keys()
                .filter(|u| u.starts_with("objective-"))
                .count()
    );
}

#[test]
fn the_sponsor_gets_the_next_session_only_from_a_note_they_may_read() {
    let p = Project::example();
    // The three-way note (next: 9 June) shared with the sponsor, the later one not.
    p.edit(
        "sessions/2026-06-02-three-way-with-sponsor.md",
        "duration: 75\n",
        "duration: 75\nvisibility: sponsor\n",
    );
    let (_, sponsor) = feed(&p.root, Audience::Sponsor);
    assert_eq!(start(&sponsor[&uid("next-session")]), "20260609");
    // The client reads the later note: its date.
    let (_, client) = feed(&p.root, Audience::Client);
    assert_eq!(start(&client[&uid("next-session")]), "20260703");
    // The last note coach-only: the client's next session is the one they may read.
    p.edit(
        "sessions/2026-06-09-first-automated-deployment.md",
        "duration: 90\n",
        "duration: 90\nvisibility: coach\n",
    );
    let (_, client) = feed(&p.root, Audience::Client);
    assert_eq!(start(&client[&uid("next-session")]), "20260609");
    let (_, coach) = feed(&p.root, Audience::Coach);
    assert_eq!(start(&coach[&uid("next-session")]), "20260703");
}

#[test]
fn uids_stay_and_bytes_repeat_from_one_build_to_the_next() {
    let p = Project::example();
    for audience in [Audience::Coach, Audience::Client, Audience::Sponsor] {
        assert_eq!(
            feed_bytes(&p.root, audience),
            feed_bytes(&p.root, audience),
            "{}",
            audience.name()
        );
    }
    let (_, before) = feed(&p.root, Audience::Client);
    // A new due date and title: the same event (UID), moved and renamed.
    p.edit("plan.yaml", "due: 2026-06-30", "due: 2026-07-07");
    let (_, after) = feed(&p.root, Audience::Client);
    let key = uid("action-pipeline-replan");
    assert_eq!(start(&before[&key]), "20260630");
    assert_eq!(start(&after[&key]), "20260707");
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
}

#[test]
fn nothing_coach_only_reaches_the_client_or_the_sponsor_feed() {
    let p = Project::example();
    // An open action with a due date, coach-only; a coach-only objective due.
    p.edit(
        "plan.yaml",
        "actions:\n",
        "actions:\n  - id: coach-secret-step\n    title: SECRET-CALENDAR-ACTION, call the HR lead\n    due: 2026-06-20\n    visibility: coach\n",
    );
    let (_, coach) = feed(&p.root, Audience::Coach);
    let secret = &coach[&uid("action-coach-secret-step")];
    // TEXT escaping: the comma is escaped in the file (`ical` gives the raw value).
    assert_eq!(
        secret["SUMMARY"].0,
        "Action due: SECRET-CALENDAR-ACTION\\, call the HR lead"
    );
    for audience in [Audience::Client, Audience::Sponsor] {
        let bytes = feed_bytes(&p.root, audience);
        let text = String::from_utf8(bytes).unwrap().replace("\r\n ", "");
        assert!(
            !text.contains("SECRET-CALENDAR-ACTION"),
            "{}",
            audience.name()
        );
        assert!(!text.contains("coach-secret-step"), "{}", audience.name());
    }
}

#[test]
fn the_feed_speaks_the_site_language_and_the_dashboard_links_to_it() {
    let p = Project::example();
    p.edit("engagement.yaml", "language: en", "language: fr");
    let (_, events) = feed(&p.root, Audience::Client);
    assert!(
        events[&uid("action-pipeline-replan")]["SUMMARY"]
            .0
            .starts_with("Échéance de l’action\u{202f}: "),
    );
    assert_eq!(
        events[&uid("next-session")]["SUMMARY"].0,
        "Prochaine séance de coaching"
    );
    let dashboard = String::from_utf8(built_file(&p.root, Audience::Client, "index.html")).unwrap();
    assert!(
        dashboard.contains(
            "<a href=\"calendar.ics\" data-attachment=\"calendar.ics\">Ajouter ces dates à votre agenda</a>"
        ),
        "a link relative to the page"
    );
}

#[test]
fn a_practice_carries_the_coachs_feed_of_every_engagement() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("practice");
    copy_dir(&fixtures().join("minimal"), &root.join("acme"));
    copy_dir(&common::example(), &root.join("clients/platform"));
    let site = coachsite::build_practice(&options(&root, Audience::Coach)).expect("builds");
    let file = |path: &str| {
        site.files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .bytes
            .clone()
    };
    let (calendar, events) = parse(&file("calendar.ics"));
    assert_eq!(calendar["X-WR-CALNAME"], "Your practice");
    let next = &events["next-session@clients-platform.coachsite"];
    assert_eq!(start(next), "20260703");
    assert_eq!(
        next["SUMMARY"].0,
        "Scrum adoption — Policy Platform team · Next coaching session"
    );
    assert!(events.keys().any(|u| u.ends_with("@acme.coachsite")));
    // Each engagement's own feed is in its site too.
    let (_, own) = parse(&file("clients/platform/calendar.ics"));
    assert!(own.contains_key(&uid("next-session")));
    let home = String::from_utf8(file("index.html")).unwrap();
    assert!(home.contains("<a href=\"calendar.ics\" data-attachment=\"calendar.ics\">"));
}

#[cfg(feature = "serve")]
#[test]
fn serve_answers_the_feed_as_a_calendar() {
    use std::io::{Read, Write};
    let p = Project::example();
    let site = coachsite::serve::LiveSite::new(options(&p.root, Audience::Client));
    assert!(matches!(
        site.rebuild(),
        coachsite::serve::Rebuilt::Ok { .. }
    ));
    let built = feed_bytes(&p.root, Audience::Client);
    let (_runtime, address) = common::serve_in_process(site);
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "GET /calendar.ics HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(
        head.contains("content-type: text/calendar; charset=utf-8"),
        "{head}"
    );
    assert_eq!(
        &response[split + 4..],
        &built[..],
        "the feed a build writes"
    );
}
