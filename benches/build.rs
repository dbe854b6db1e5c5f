//! `cargo bench --bench build`: builds the example engagement grown to 5,000 and to
//! 50,000 session notes into a folder, as `coachsite build` does (each page written as
//! it is rendered), for the client. For each size, in a process of its own so that peak
//! memory is that size's: the time to copy the notes with `cp -r` and delete the copy
//! (the machine's floor for this much I/O), the build's time (median and best of
//! several runs, the first into an empty folder) and its peak memory.
//!
//! Targets (issue 17): 5,000 notes within 2× the copy floor; memory flat in the number
//! of notes, under 150 MiB at 50,000.
//!
//! Then one note of each hostile shape (issue 30), each in a process of its own: as much
//! of a mark the parser makes a node of as a file may hold (`[` just under
//! `limits::MAX_MARKDOWN_MARKS`, and as many list items, tags or setext titles),
//! paragraphs each as deep in quotes as allowed, as many links as a note may hold, and
//! 4 MB of prose;
//! the build's time and peak memory. Target: each well under 250 MiB, and a file over
//! the limits refused before it is parsed.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use coachsite::{Audience, build_to};

#[path = "support/mod.rs"]
mod bench_common;
#[path = "../tests/common/mod.rs"]
mod common;
use common::copy_dir;

const SIZES: [(usize, usize); 2] = [(5_000, 5), (50_000, 3)];

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// The median time of `cp -r` of the notes and deleting the copy, in seconds.
fn copy_floor(notes: &Path, scratch: &Path) -> f64 {
    let times = (0..5)
        .map(|_| {
            let started = Instant::now();
            let copied = Command::new("cp")
                .arg("-r")
                .arg(notes)
                .arg(scratch)
                .status()
                .expect("cp");
            assert!(copied.success());
            std::fs::remove_dir_all(scratch).expect("remove the copy");
            started.elapsed().as_secs_f64()
        })
        .collect();
    median(times)
}

fn one_size(sessions: usize, runs: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("engagement");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-engagement"),
        &root,
    );
    bench_common::grow(&root, sessions);
    let floor = copy_floor(&root.join("sessions"), &dir.path().join("copy"));
    let out = dir.path().join("site");
    let options = bench_common::options(&root, Audience::Client);
    let mut times = Vec::new();
    let mut pages = 0;
    for run in 0..runs {
        let started = Instant::now();
        let (built, stats) = build_to(&options, &out).unwrap_or_else(|d| panic!("{d}"));
        let took = started.elapsed().as_secs_f64();
        pages = built.pages;
        eprintln!(
            "  run {run}: {:.0} ms ({} written, {} unchanged)",
            took * 1000.0,
            stats.written,
            stats.unchanged
        );
        times.push(took);
    }
    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    let median = median(times);
    println!(
        "{sessions} session notes, {pages} pages: build median {:.0} ms, best {:.0} ms; cp -r of the notes {:.0} ms ({:.1}× the floor); peak memory {:.0} MiB",
        median * 1000.0,
        best * 1000.0,
        floor * 1000.0,
        median / floor,
        bench_common::peak_rss_mib().unwrap_or(f64::NAN)
    );
}

/// The body of a hostile note of `shape`.
fn hostile_body(shape: &str) -> String {
    use coachsite::limits::{MAX_LINKS_PER_NOTE, MAX_MARKDOWN_MARKS, MAX_MARKDOWN_NESTING};
    match shape {
        "brackets" => "[".repeat(MAX_MARKDOWN_MARKS - 100),
        // A line and a list each: two marks an item.
        "list items" => "- a\n".repeat(MAX_MARKDOWN_MARKS / 2 - 100),
        "tags" => (0..MAX_MARKDOWN_MARKS - 100)
            .map(|i| format!("#t{i} "))
            .collect(),
        // Paragraphs each as deep in quotes as a line may open.
        "quotes" => format!("{}deep\n\n", ">".repeat(MAX_MARKDOWN_NESTING))
            .repeat(MAX_MARKDOWN_MARKS / (MAX_MARKDOWN_NESTING + 2) - 10),
        "setext titles" => "Notes\n---\n".repeat(MAX_MARKDOWN_MARKS / 2 - 100),
        "links" => "[[sprint-goals]] ".repeat(MAX_LINKS_PER_NOTE - 10),
        "over-the-limit" => "[".repeat(4 << 20),
        _ => {
            let line = "The team mapped its week and agreed on who asks the customers first.\n";
            line.repeat((4 << 20) / line.len())
        }
    }
}

fn one_hostile(shape: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("engagement");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-engagement"),
        &root,
    );
    let body = hostile_body(shape);
    std::fs::write(
        root.join("sessions/2026-03-01-hostile.md"),
        format!("---\ndate: 2026-03-01\ntitle: Hostile\n---\n{body}"),
    )
    .expect("write the note");
    let options = bench_common::options(&root, Audience::Client);
    let started = Instant::now();
    let result = build_to(&options, &dir.path().join("site"));
    println!(
        "one note of {} KiB ({shape}): {} in {:.0} ms; peak memory {:.0} MiB",
        body.len() / 1024,
        if result.is_ok() { "built" } else { "refused" },
        started.elapsed().as_secs_f64() * 1000.0,
        bench_common::peak_rss_mib().unwrap_or(f64::NAN)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--hostile") {
        one_hostile(&args[at + 1]);
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--one-size") {
        let sessions = args[at + 1].parse().expect("a size");
        let runs = args[at + 2].parse().expect("runs");
        one_size(sessions, runs);
        return;
    }
    let me = std::env::current_exe().expect("this benchmark");
    for (sessions, runs) in SIZES {
        let status = Command::new(&me)
            .args(["--one-size", &sessions.to_string(), &runs.to_string()])
            .status()
            .expect("run one size");
        assert!(status.success(), "the {sessions}-note build failed");
    }
    for shape in [
        "brackets",
        "list items",
        "tags",
        "quotes",
        "setext titles",
        "links",
        "prose",
        "over-the-limit",
    ] {
        let status = Command::new(&me)
            .args(["--hostile", shape])
            .status()
            .expect("run one hostile note");
        assert!(status.success(), "the {shape} note's build panicked");
    }
}
