//! `serve` and `watch` as a coach uses them, in the style of Hugo's server scripts:
//! start on a free port in a copy of a fixture, fetch, edit, break, fix, and watch the
//! pages follow. Every wait polls with a deadline; nothing sleeps longer than needed.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Project;

const DEADLINE: Duration = Duration::from_secs(15);

/// A running `coachsite serve`, stopped when dropped.
struct Server {
    child: Child,
    address: String,
    /// Kept open: a closed pipe must not be what stops the server.
    _stdout: Option<std::process::ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("coachsite"))
        .env("COACHSITE_TEST_PANIC_WHILE_EXISTS", "static/PANIC-NOW")
        .arg("serve")
        .arg(root)
        .args([
            "--port",
            "0",
            "--debounce",
            "30",
            "--as-of",
            common::AS_OF,
            "--color",
            "never",
        ])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start coachsite serve");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut seen = String::new();
    let started = Instant::now();
    let mut buf = [0u8; 256];
    while !seen.contains("/\n") {
        assert!(
            started.elapsed() < DEADLINE,
            "serve printed no address: {seen}"
        );
        let n = stdout.read(&mut buf).expect("read stdout");
        assert!(n > 0, "serve exited: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    let address = seen
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("an address")
        .to_string();
    assert!(
        address.starts_with("127.0.0.1:"),
        "loopback only: {address}"
    );
    Server {
        child,
        address,
        _stdout: Some(stdout),
    }
}

impl Server {
    /// A process with no address (`watch`), stopped when dropped.
    fn stopping(child: Child) -> Server {
        Server {
            child,
            address: String::new(),
            _stdout: None,
        }
    }

    /// One GET; status 0 when the connection fails (the caller polls again).
    fn get(&self, path: &str) -> (u16, String) {
        self.get_as(path, &self.address)
    }

    /// One GET with the given `Host` header.
    fn get_as(&self, path: &str, host: &str) -> (u16, String) {
        let mut response = String::new();
        let fetched = TcpStream::connect(&self.address).and_then(|mut stream| {
            write!(
                stream,
                "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            )?;
            stream.read_to_string(&mut response)
        });
        if let Err(err) = fetched {
            return (0, err.to_string());
        }
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = response
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Polls `path` until `ok` holds for (status, body), or fails after the deadline.
    fn until(&self, path: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if ok(status, &body) {
                return body;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "{path}: never {what} (last status {status})\n{body}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

const NOTE: &str = "sessions/2026-01-20-kick-off.md";
const PAGE: &str = "/sessions/2026-01-20-kick-off.html";

#[test]
fn edit_break_fix_and_every_page_follows() {
    let p = Project::minimal();
    let server = start(&p.root, &[]);
    let body = server.until(PAGE, "served", |s, b| {
        s == 200 && b.contains("mapped its week")
    });
    assert!(
        body.contains("EventSource('/__coachsite/events')"),
        "live reload script"
    );
    assert!(
        body.contains("PRIVATE-FIELD-SENTINEL"),
        "serve shows the coach's view by default"
    );

    // Edit a session note: the new text shows.
    p.edit(NOTE, "mapped its week", "mapped its quarter");
    server.until(PAGE, "updated", |_, b| b.contains("mapped its quarter"));

    // Break a YAML file: every page shows the errors over the last good site.
    p.edit(
        "plan.yaml",
        "    owner: Scrum Master",
        "    owner: [Scrum Master",
    );
    for path in [
        "/",
        "/index.html",
        PAGE,
        "/objectives/sprint-goals.html",
        "/no-such-page.html",
    ] {
        let body = server.until(path, "showing the error overlay", |_, b| {
            b.contains("id=\"coachsite-error\"")
        });
        assert!(
            body.contains("plan.yaml:"),
            "{path}: the overlay names the file\n{body}"
        );
    }
    let (_, body) = server.get(PAGE);
    assert!(
        body.contains("mapped its quarter"),
        "the last good site is still served"
    );

    // Fix it: the overlay disappears.
    p.edit(
        "plan.yaml",
        "    owner: [Scrum Master",
        "    owner: Scrum Master",
    );
    server.until("/index.html", "recovered", |_, b| {
        !b.contains("id=\"coachsite-error\"")
    });
}

#[test]
fn new_deleted_and_renamed_files() {
    let p = Project::minimal();
    let server = start(&p.root, &[]);
    server.until("/sessions/index.html", "served", |s, _| s == 200);

    // A new session in a new sub-folder.
    p.write(
        "sessions/2026/2026-06-01-new-folder.md",
        "---\ndate: 2026-06-01\ntitle: From a new folder\n---\nFresh notes.\n",
    );
    server.until("/sessions/2026-06-01-new-folder.html", "created", |s, b| {
        s == 200 && b.contains("Fresh notes.")
    });
    server.until("/sessions/index.html", "listing it", |_, b| {
        b.contains("From a new folder")
    });

    // Renamed.
    std::fs::rename(
        p.root.join("sessions/2026/2026-06-01-new-folder.md"),
        p.root.join("sessions/2026/2026-06-02-renamed.md"),
    )
    .unwrap();
    server.until("/sessions/2026-06-02-renamed.html", "renamed", |s, _| {
        s == 200
    });
    server.until(
        "/sessions/2026-06-01-new-folder.html",
        "gone after the rename",
        |s, _| s == 404,
    );

    // Deleted.
    std::fs::remove_file(p.root.join("sessions/2026/2026-06-02-renamed.md")).unwrap();
    server.until("/sessions/2026-06-02-renamed.html", "gone", |s, _| s == 404);
    server.until("/sessions/index.html", "no longer listing it", |_, b| {
        !b.contains("From a new folder")
    });
}

#[test]
fn editor_saves_templates_static_and_engagement_yaml() {
    let p = Project::minimal();
    let server = start(&p.root, &[]);
    server.until(PAGE, "served", |s, _| s == 200);
    let note = p.root.join(NOTE);

    // vim: probe file 4913, swap file, backup by rename, new file written, backup removed.
    std::fs::write(p.root.join("sessions/4913"), "").unwrap();
    std::fs::remove_file(p.root.join("sessions/4913")).unwrap();
    std::fs::write(p.root.join("sessions/.2026-01-20-kick-off.md.swp"), "swap").unwrap();
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::rename(&note, p.root.join("sessions/2026-01-20-kick-off.md~")).unwrap();
    std::fs::write(
        &note,
        text.replace("mapped its week", "mapped its fortnight"),
    )
    .unwrap();
    std::fs::remove_file(p.root.join("sessions/2026-01-20-kick-off.md~")).unwrap();
    server.until(PAGE, "updated after a vim save", |s, b| {
        s == 200 && b.contains("mapped its fortnight")
    });
    std::fs::remove_file(p.root.join("sessions/.2026-01-20-kick-off.md.swp")).unwrap();

    // VS Code / JetBrains atomic save: write a temporary file, rename it over the note.
    let text = std::fs::read_to_string(&note).unwrap();
    let tmp = p.root.join("sessions/2026-01-20-kick-off.md.tmp");
    std::fs::write(
        &tmp,
        text.replace("mapped its fortnight", "mapped its month"),
    )
    .unwrap();
    std::fs::rename(&tmp, &note).unwrap();
    server.until(PAGE, "updated after an atomic save", |_, b| {
        b.contains("mapped its month")
    });

    // emacs lock and auto-save files are not content.
    std::fs::write(p.root.join("sessions/.#2026-01-20-kick-off.md"), "lock").unwrap();
    std::fs::write(p.root.join("sessions/#2026-01-20-kick-off.md#"), "autosave").unwrap();

    // A template override, a static file and engagement.yaml itself.
    p.write(
        "templates/tag.html",
        "{% extends \"base.html\" %}{% block content %}<p>OWN TAG PAGE</p>{% endblock content %}",
    );
    server.until(
        "/lessons/tags/zpd.html",
        "using the new template",
        |_, b| b.contains("OWN TAG PAGE"),
    );
    p.write("static/notes.txt", "static file");
    server.until("/notes.txt", "copying the static file", |s, b| {
        s == 200 && b == "static file"
    });
    p.edit(
        "engagement.yaml",
        "title: Team coaching — Claims team",
        "title: Renamed engagement",
    );
    server.until("/index.html", "showing the new title", |_, b| {
        b.contains("Renamed engagement")
    });
    let (status, _) = server.get(PAGE);
    assert_eq!(
        status, 200,
        "the editor's lock files did not break the build"
    );
}

#[test]
fn the_event_stream_sends_a_reload_per_rebuild() {
    let p = Project::minimal();
    let server = start(&p.root, &[]);
    server.until("/", "served", |s, _| s == 200);
    let mut events = Events::open(&server);
    p.edit(NOTE, "mapped its week", "mapped its day");
    // One engagement: every page reloads.
    assert_eq!(events.next(), r#"data: ["/"]"#);
    p.edit(NOTE, "mapped its day", "mapped its hour");
    assert_eq!(events.next(), r#"data: ["/"]"#);
    assert!(
        events.received.contains("text/event-stream"),
        "{}",
        events.received
    );
}

#[test]
fn a_busy_port_is_said_and_the_next_one_taken() {
    let p = Project::minimal();
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let child = Command::new(assert_cmd::cargo::cargo_bin("coachsite"))
        .arg("serve")
        .arg(&p.root)
        .args(["--port", &port.to_string(), "--color", "never"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut server = Server {
        child,
        address: String::new(),
        _stdout: None,
    };
    let mut stderr = server.child.stderr.take().unwrap();
    let mut seen = String::new();
    let started = Instant::now();
    let mut buf = [0u8; 256];
    while !seen.contains("instead") {
        assert!(
            started.elapsed() < DEADLINE,
            "no note about the busy port: {seen}"
        );
        let n = stderr.read(&mut buf).unwrap();
        assert!(n > 0, "serve exited: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(
        seen.contains(&format!("port {port} is in use; using")),
        "{seen}"
    );
    server.address = String::from("done");
}

#[test]
fn watch_writes_each_good_build_and_keeps_the_last_one_on_errors() {
    let p = Project::minimal();
    let log = p.root.with_file_name("watch.log");
    let child = Command::new(assert_cmd::cargo::cargo_bin("coachsite"))
        .env("COACHSITE_TEST_PANIC_WHILE_EXISTS", "static/PANIC-NOW")
        .arg("watch")
        .arg(&p.root)
        .arg("-o")
        .arg(&p.out)
        .args([
            "--debounce",
            "30",
            "--color",
            "never",
            "--as-of",
            common::AS_OF,
        ])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let _guard = Server::stopping(child);
    let page = p.out.join("sessions/2026-01-20-kick-off.html");
    let wait = |what: &str, ok: &dyn Fn(&str) -> bool| {
        let started = Instant::now();
        loop {
            if std::fs::read_to_string(&page).is_ok_and(|t| ok(&t)) {
                return;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "the written page never {what}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait("appeared", &|t| t.contains("mapped its week"));
    assert!(
        !std::fs::read_to_string(&page)
            .unwrap()
            .contains("EventSource"),
        "no reload script in written sites"
    );
    p.edit(NOTE, "mapped its week", "mapped its season");
    wait("updated", &|t| t.contains("mapped its season"));
    p.edit(
        "plan.yaml",
        "    owner: Scrum Master",
        "    owner: [Scrum Master",
    );
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains("mapped its season"),
        "the last good site stays"
    );
    // A rebuild that panics (a bug) leaves the site as it was, and the watch goes on.
    p.edit(
        "plan.yaml",
        "    owner: [Scrum Master",
        "    owner: Scrum Master",
    );
    p.write("static/PANIC-NOW", "x");
    p.edit(NOTE, "mapped its season", "mapped its year");
    let started = Instant::now();
    while !std::fs::read_to_string(&log).is_ok_and(|l| l.contains("internal error")) {
        assert!(started.elapsed() < DEADLINE, "the panic was never reported");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains("mapped its season"),
        "the last good site stays after a panic"
    );
    std::fs::remove_file(p.root.join("static/PANIC-NOW")).unwrap();
    wait("rebuilt after the panic", &|t| {
        t.contains("mapped its year")
    });
}

#[test]
fn polling_works_where_notifications_do_not() {
    let p = Project::minimal();
    let server = start(&p.root, &["--poll"]);
    server.until(PAGE, "served", |s, _| s == 200);
    p.edit(NOTE, "mapped its week", "mapped its polling week");
    server.until(PAGE, "updated by polling", |_, b| {
        b.contains("mapped its polling week")
    });
}

#[test]
fn only_requests_for_this_computer_are_answered() {
    let p = Project::minimal();
    let server = start(&p.root, &[]);
    server.until("/", "served", |s, _| s == 200);
    let port = server.address.split(':').nth(1).unwrap().to_string();
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}")] {
        assert_eq!(server.get_as("/index.html", &host).0, 200, "{host}");
    }
    // A name of an attacker's that resolves to 127.0.0.1 (DNS rebinding), another
    // port, or no port: refused, and no page of the coach's site in the answer.
    for host in [
        format!("attacker.example:{port}"),
        format!("localhost.attacker.example:{port}"),
        "localhost:1".to_string(),
        "localhost".to_string(),
    ] {
        let (status, body) = server.get_as("/index.html", &host);
        assert_eq!(status, 421, "{host}: {body}");
        assert!(!body.contains("Claims"), "{host}: {body}");
    }
    let (status, _) = server.get_as(EVENTS_STREAM, "attacker.example");
    assert_eq!(status, 421);
}

const EVENTS_STREAM: &str = "/__coachsite/events";

#[test]
fn half_open_connections_are_closed_and_do_not_block_pages() {
    let p = Project::minimal();
    let server = start(&p.root, &[]);
    server.until("/", "served", |s, _| s == 200);
    // Connections that never send a request, and one that stops mid-header.
    let mut idle: Vec<TcpStream> = (0..50)
        .map(|_| TcpStream::connect(&server.address).unwrap())
        .collect();
    write!(idle[0], "GET / HTTP/1.1\r\nHost: {}\r\n", server.address).unwrap();
    // Real requests are still answered meanwhile.
    assert_eq!(server.get("/index.html").0, 200);
    // The server closes them all after its header timeout (10 s).
    let started = Instant::now();
    for stream in &mut idle {
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        // Whatever the server says first (a 408 at most), it then closes: a read
        // of 0 bytes. A read timing out means the connection was held open.
        let mut buf = [0u8; 256];
        loop {
            match stream.read(&mut buf) {
                Ok(0) => break,
                Ok(_) => continue,
                Err(err) if err.kind() == std::io::ErrorKind::ConnectionReset => break,
                Err(err) => panic!("a half-open connection was held open: {err}"),
            }
        }
    }
    let waited = started.elapsed();
    assert!(
        waited < Duration::from_secs(20),
        "held for {waited:?}: half-open connections are never closed"
    );
}

/// Hundreds of live-reload streams (a flood, or as many forgotten tabs): at most 32 stay
/// open, the oldest closed first, and pages are served all along; the newest stream
/// still hears a save.
#[test]
fn a_flood_of_event_streams_never_keeps_pages_from_being_served() {
    let p = Project::minimal();
    let server = start(&p.root, &[]);
    server.until("/", "served", |s, _| s == 200);
    let mut streams: Vec<Events> = (0..300).map(|_| Events::open(&server)).collect();
    // Pages are answered at once, while the streams are open.
    for _ in 0..5 {
        let started = Instant::now();
        assert_eq!(server.get("/index.html").0, 200);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }
    // All but 32 are closed by the server (a read of 0 bytes), the oldest first (the
    // order the server read their requests in, which is not quite the order they came).
    let deadline = Instant::now() + DEADLINE;
    let mut open: Vec<bool> = vec![true; streams.len()];
    while open.iter().filter(|o| **o).count() > 32 {
        assert!(
            Instant::now() < deadline,
            "{} streams kept open",
            open.iter().filter(|o| **o).count()
        );
        for (events, open) in streams.iter_mut().zip(open.iter_mut()).filter(|(_, o)| **o) {
            let mut buf = [0u8; 1024];
            events
                .stream
                .set_read_timeout(Some(Duration::from_millis(1)))
                .unwrap();
            match events.stream.read(&mut buf) {
                Ok(0) => *open = false,
                Err(err) if err.kind() == std::io::ErrorKind::ConnectionReset => *open = false,
                _ => {}
            }
        }
    }
    // The newest streams stay open.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(open.iter().filter(|o| **o).count(), 32);
    let mut streams: Vec<Events> = streams
        .into_iter()
        .zip(open)
        .filter_map(|(events, open)| open.then_some(events))
        .collect();
    for events in &mut streams {
        events
            .stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
    }
    let newest = streams.last_mut().unwrap();
    p.edit(NOTE, "mapped its week", "mapped its month");
    assert_eq!(newest.next(), r#"data: ["/"]"#);
}

#[test]
fn a_rebuild_that_panics_keeps_the_site_and_the_next_save_rebuilds() {
    let p = Project::minimal();
    let server = start(&p.root, &[]);
    server.until(PAGE, "served", |s, b| {
        s == 200 && b.contains("mapped its week")
    });
    // A build that panics (a bug): the last good site stays, with the error shown.
    p.write("static/PANIC-NOW", "x");
    let body = server.until(PAGE, "showing the internal error", |_, b| {
        b.contains("internal error")
    });
    assert!(body.contains("mapped its week"), "the last good page stays");
    // The next save rebuilds: the watch did not die with the panic.
    std::fs::remove_file(p.root.join("static/PANIC-NOW")).unwrap();
    p.edit(NOTE, "mapped its week", "mapped its month");
    server.until(PAGE, "rebuilt after the panic", |_, b| {
        b.contains("mapped its month") && !b.contains("internal error")
    });
}

/// The live-reload stream of a server, read as it comes.
struct Events {
    stream: TcpStream,
    received: String,
}

impl Events {
    fn open(server: &Server) -> Events {
        let mut stream = TcpStream::connect(&server.address).unwrap();
        write!(
            stream,
            "GET /__coachsite/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            server.address
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        Events {
            stream,
            received: String::new(),
        }
    }

    /// Waits for the next reload event and gives its data.
    fn next(&mut self) -> String {
        let want = self.received.matches("event: reload").count() + 1;
        let started = Instant::now();
        let mut buf = [0u8; 1024];
        loop {
            let events: Vec<&str> = self.received.split("event: reload").skip(1).collect();
            if events.len() >= want && events[want - 1].contains("\n\n") {
                return events[want - 1].trim().to_string();
            }
            assert!(
                started.elapsed() < DEADLINE,
                "no reload event:\n{}",
                self.received
            );
            if let Ok(n) = self.stream.read(&mut buf) {
                self.received.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
    }
}

/// A practice served for the coach: a save in one engagement rebuilds that engagement
/// and the home, and only their pages are told to reload; a broken file in one leaves the
/// other served; an engagement added or removed comes onto or leaves the home.
#[test]
fn a_practice_is_served_and_a_save_rebuilds_only_its_engagement() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("practice");
    for name in ["acme", "beta"] {
        common::copy_dir(
            &common::fixtures().join("minimal"),
            &root.join("clients").join(name),
        );
    }
    let server = start(&root, &[]);
    server.until("/", "the practice home", |s, b| {
        s == 200 && b.contains("clients/beta/index.html")
    });
    let acme = format!("/clients/acme{PAGE}");
    let beta = format!("/clients/beta{PAGE}");
    let acme_before = server.until(&acme, "served", |s, _| s == 200);
    let mut events = Events::open(&server);

    let note = |name: &str| root.join("clients").join(name).join(NOTE);
    let text = std::fs::read_to_string(note("beta")).unwrap();
    std::fs::write(
        note("beta"),
        text.replace("mapped its week", "mapped its month"),
    )
    .unwrap();
    let reload = events.next();
    assert!(reload.contains(r#"["/clients/beta/"]"#), "{reload}");
    server.until(&beta, "rebuilt", |_, b| b.contains("mapped its month"));
    assert_eq!(
        server.get(&acme).1,
        acme_before,
        "the other engagement untouched"
    );

    // A broken file in acme: its errors over the pages, beta still served as it was.
    let bad = root.join("clients/acme/lessons/bad.md");
    std::fs::write(&bad, "---\ntitle: [broken\n---\n").unwrap();
    assert!(events.next().contains("/clients/acme/"));
    let shown = server.until(&beta, "the errors shown", |_, b| {
        b.contains("coachsite-error")
    });
    assert!(shown.contains("mapped its month") && shown.contains("clients/acme/lessons/bad.md"));
    std::fs::remove_file(&bad).unwrap();
    server.until(&acme, "fixed", |_, b| !b.contains("coachsite-error"));

    // An engagement comes, another goes.
    common::copy_dir(
        &common::fixtures().join("minimal"),
        &root.join("clients/gamma"),
    );
    server.until("/", "the new engagement", |_, b| {
        b.contains("clients/gamma/index.html")
    });
    server.until(&format!("/clients/gamma{PAGE}"), "served", |s, _| s == 200);
    std::fs::remove_dir_all(root.join("clients/beta")).unwrap();
    server.until("/", "the engagement gone", |_, b| {
        !b.contains("clients/beta/index.html")
    });
    server.until(&beta, "gone", |s, _| s == 404);
    assert_eq!(server.get(&acme).0, 200);
}

/// `watch` of a practice writes the coach's practice site and follows every engagement;
/// for the client (its default audience) it is refused at once.
#[test]
fn watch_writes_a_practice_for_the_coach_only() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("practice");
    let out = dir.path().join("site");
    for name in ["acme", "beta"] {
        common::copy_dir(
            &common::fixtures().join("minimal"),
            &root.join("clients").join(name),
        );
    }
    let refused = Command::new(assert_cmd::cargo::cargo_bin("coachsite"))
        .arg("watch")
        .arg(&root)
        .arg("-o")
        .arg(&out)
        .args(["--color", "never"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("built from one engagement"));
    let child = Command::new(assert_cmd::cargo::cargo_bin("coachsite"))
        .arg("watch")
        .arg(&root)
        .arg("-o")
        .arg(&out)
        .args([
            "--audience",
            "coach",
            "--debounce",
            "30",
            "--as-of",
            common::AS_OF,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _guard = Server::stopping(child);
    let wait = |page: &str, what: &str, ok: &dyn Fn(&str) -> bool| {
        let started = Instant::now();
        while !std::fs::read_to_string(out.join(page)).is_ok_and(|t| ok(&t)) {
            assert!(started.elapsed() < DEADLINE, "{page} never {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait("index.html", "listed both", &|t| {
        t.contains("clients/beta/index.html")
    });
    let beta = format!("clients/beta/{}", &PAGE[1..]);
    wait(&beta, "appeared", &|t| t.contains("mapped its week"));
    let note = root.join("clients/beta").join(NOTE);
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, text.replace("mapped its week", "mapped its month")).unwrap();
    wait(&beta, "followed the save", &|t| {
        t.contains("mapped its month")
    });
}
