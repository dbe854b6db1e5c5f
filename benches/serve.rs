//! `cargo bench --bench serve`: a coach saving one session note while `serve` runs, on
//! the example engagement grown to 200 and to 5,000 session notes, as `serve` does it
//! (watcher → rebuild of what changed → reload event → the page asked for again over
//! HTTP, made then). Two kinds of save: a word of the note's text (the note's body is
//! put in place, nothing else is made again) and its title (front matter: the figures,
//! lists and links are made again). For each size and kind: the time from the save to
//! the reload event and to the new page served (p50, p95), the rebuild until the new
//! site is served and with the check for changes the watcher missed that follows it,
//! and the server's memory before and after the saves. Every page served is checked to
//! hold the save.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use coachsite::Audience;
use coachsite::serve::{LiveSite, Rebuilt};
use coachsite::watch::{WatchOptions, Watcher};

#[path = "support/mod.rs"]
mod bench_common;
#[path = "../tests/common/mod.rs"]
mod common;
use common::copy_dir;

/// Saves of a note's text, and of its title.
const TEXT_EDITS: usize = 200;
const TITLE_EDITS: usize = 50;
const DEBOUNCE_MS: u64 = 25;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

#[derive(Clone, Copy, PartialEq)]
enum Save {
    Text,
    Title,
}

fn measure(sessions: usize, save: Save) {
    let edits = match save {
        Save::Text => TEXT_EDITS,
        Save::Title => TITLE_EDITS,
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("engagement");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-engagement"),
        &root,
    );
    bench_common::grow(&root, sessions);
    let notes: Vec<PathBuf> = (0..sessions)
        .map(|i| {
            let day = coachsite::Date::from_ymd(2020, 1, 1).expect("date").0
                + chrono::Duration::days(i as i64);
            root.join(format!("sessions/{day}-session-{i}.md"))
        })
        .collect();
    let options = bench_common::options(&root, Audience::Coach);
    let site = LiveSite::new(options);
    let first = Instant::now();
    site.rebuild();
    let first = ms(first);
    let (_runtime, address) = common::serve_in_process(site.clone());
    let watcher = Watcher::start(
        &root,
        WatchOptions {
            debounce: Duration::from_millis(DEBOUNCE_MS),
            poll: false,
        },
    )
    .expect("watch");
    let mut events = site.subscribe();
    let watched = site.clone();
    // The time each rebuild took, as `serve` reports it.
    let (took, rebuilt) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        watcher.run(|paths| {
            let started = Instant::now();
            let (published, text) = match watched.rebuild_after(paths.as_deref()) {
                Rebuilt::Ok {
                    millis, text_of, ..
                } => (millis as f64, text_of.is_some()),
                Rebuilt::Failed { .. } => (f64::NAN, false),
            };
            let _ = took.send((published, ms(started), text));
        })
    });
    let before = bench_common::rss_mib().unwrap_or(f64::NAN);
    let (mut evented, mut served) = (Vec::new(), Vec::new());
    let (mut rebuilds, mut checked) = (Vec::new(), Vec::new());
    for edit in 0..edits {
        let path = &notes[(edit * 7919) % sessions];
        let text = std::fs::read_to_string(path).expect("read");
        let page = format!(
            "/sessions/{}.html",
            path.file_stem().expect("stem").to_string_lossy()
        );
        std::thread::sleep(Duration::from_millis(120));
        let saved = Instant::now();
        let word = format!("edited{edit}x");
        let saved_text = match save {
            Save::Text => text.replacen("# Check-in", &format!("# Check-in {word}"), 1),
            Save::Title => text.replacen(" on refinement", &format!(" {word} on refinement"), 1),
        };
        std::fs::write(path, saved_text).expect("save");
        events.blocking_recv().expect("reload event");
        evented.push(ms(saved));
        let (status, body) = common::http_get(&address, &page);
        served.push(ms(saved));
        let (published, whole, text_only) = rebuilt.recv().expect("the save's rebuild");
        // A note's text alone is put in place; a title is a rebuild.
        assert_eq!(
            text_only,
            save == Save::Text,
            "{page}: a save of its text is put in place, of its title rebuilt"
        );
        rebuilds.push(published);
        checked.push(whole);
        assert!(
            status == 200 && String::from_utf8_lossy(&body).contains(&word),
            "{page} was served without the save"
        );
        std::fs::write(path, text).expect("restore");
        events.blocking_recv().expect("reload event");
        rebuilt.recv().expect("the restore's rebuild");
    }
    for list in [&mut evented, &mut served, &mut rebuilds, &mut checked] {
        list.sort_by(f64::total_cmp);
    }
    let after = bench_common::rss_mib().unwrap_or(f64::NAN);
    let what = match save {
        Save::Text => "a note's text",
        Save::Title => "a note's title",
    };
    println!(
        "{sessions} sessions, {edits} saves of {what} (debounce {DEBOUNCE_MS} ms): first build {first:.0} ms; save → reload event p50 {:.0} ms, p95 {:.0} ms; save → page served p50 {:.0} ms, p95 {:.0} ms; rebuild until served p50 {:.0} ms, p95 {:.0} ms, with the check for missed changes after it p50 {:.0} ms; memory {before:.0} MiB before the saves, {after:.0} MiB after {} saves and restores",
        percentile(&evented, 0.5),
        percentile(&evented, 0.95),
        percentile(&served, 0.5),
        percentile(&served, 0.95),
        percentile(&rebuilds, 0.5),
        percentile(&rebuilds, 0.95),
        percentile(&checked, 0.5),
        edits * 2,
    );
}

fn main() {
    for sessions in [200, 5_000] {
        measure(sessions, Save::Text);
        measure(sessions, Save::Title);
    }
}
