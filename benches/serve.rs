//! `cargo bench --bench serve`: the time from saving a session note to the reload event
//! sent to open pages, on the example engagement grown to 200 sessions, as `serve` does
//! it (watcher → full rebuild in memory → event). Reports p50 and p95 for the default
//! debounce (25 ms) and for `--debounce 50`, and the rebuild alone.

use std::path::Path;
use std::time::{Duration, Instant};

use coachsite::Audience;
use coachsite::serve::{LiveSite, WatchOptions, Watcher};

#[path = "support/mod.rs"]
mod bench_common;
#[path = "../tests/common/mod.rs"]
mod common;
use common::copy_dir;

const SESSIONS: usize = 200;
const EDITS: usize = 40;

fn note(i: usize, words: &str) -> String {
    format!(
        "---\ndate: 2025-{:02}-{:02}\ntitle: Session {i}\nduration: 60\nattendees: [ana, ben]\nobjectives: [sprint-goals]\nratings: {{energy: 6}}\n---\n# Check-in\n\n{words}\n\n{}\n",
        i % 12 + 1,
        i % 28 + 1,
        "Notes about the flow of work and what the team decided. ".repeat(10)
    )
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn measure(debounce_ms: u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("engagement");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-engagement"),
        &root,
    );
    for i in 0..SESSIONS {
        std::fs::write(
            root.join(format!("sessions/2025-bench-{i:03}.md")),
            note(i, "start"),
        )
        .expect("write");
    }
    let options = bench_common::options(&root, Audience::Coach);
    let site = LiveSite::new(options);
    let watcher = Watcher::start(
        &root,
        WatchOptions {
            debounce: Duration::from_millis(debounce_ms),
            poll: false,
        },
    )
    .expect("watch");
    site.rebuild();
    let mut events = site.subscribe();
    let watched = site.clone();
    std::thread::spawn(move || {
        watcher.run(|_| {
            watched.rebuild();
        })
    });
    let mut latencies = Vec::new();
    let mut rebuilds = Vec::new();
    for edit in 0..EDITS {
        let path = root.join(format!("sessions/2025-bench-{:03}.md", edit % SESSIONS));
        std::thread::sleep(Duration::from_millis(150));
        let saved = Instant::now();
        std::fs::write(&path, note(edit, &format!("edit {edit}"))).expect("save");
        let version = events.blocking_recv().expect("reload event");
        latencies.push(saved.elapsed().as_secs_f64() * 1000.0);
        let _ = version;
        let started = Instant::now();
        site.rebuild();
        let _ = events.blocking_recv();
        rebuilds.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    latencies.sort_by(f64::total_cmp);
    rebuilds.sort_by(f64::total_cmp);
    println!(
        "debounce {debounce_ms:>3} ms, {SESSIONS} sessions, {EDITS} saves: save → reload event p50 {:.0} ms, p95 {:.0} ms; rebuild alone p50 {:.0} ms, p95 {:.0} ms",
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.95),
        percentile(&rebuilds, 0.5),
        percentile(&rebuilds, 0.95)
    );
}

fn main() {
    measure(25);
    measure(50);
}
