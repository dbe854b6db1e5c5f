//! `cargo bench --bench practice`: a coach's practice of 20 engagements of 250 session
//! notes each (the example engagement, copied and grown), built for the coach with its
//! practice home. Reports the build time (median of several runs) and peak memory.

use std::path::Path;
use std::time::Instant;

use coachsite::{Audience, BuildOptions, Date, build_practice, site};

#[path = "../tests/common/mod.rs"]
mod common;
use common::copy_dir;

const ENGAGEMENTS: usize = 20;
const SESSIONS: usize = 250;
const RUNS: usize = 5;

/// Adds `SESSIONS` notes to an engagement, each with links, a tag and an aside.
fn grow(root: &Path) {
    let objectives = ["sprint-goals", "escaped-defects", "customer-collaboration"];
    for i in 0..SESSIONS {
        let day = Date::from_ymd(2020, 1, 1).expect("date").0 + chrono::Duration::days(i as i64);
        let text = format!(
            "---\ndate: {day}\ntitle: Session {i} on refinement and flow\nduration: 60\nattendees: [ana, ben, chloe]\nobjectives: [{o}]\ntechniques: [strategic questioning, mapping]\nratings: {{energy: {}, commitment: 7}}\nprivate: |\n  The coach noticed hesitation in session {i}.\n---\n# Check-in\n\nThe team reviewed [[{o}]]. Ana %%coach aside {i}%% led the review. #flow\n\n## Themes\n\n- Flow of work through refinement\n- Working agreements, *revisited*\n\n{}\n",
            i % 10,
            "A paragraph of notes about what the team said and decided. ".repeat(8),
            o = objectives[i % 3],
        );
        std::fs::write(root.join(format!("sessions/{day}-session-{i}.md")), text).expect("write");
    }
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("practice");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-engagement");
    for n in 0..ENGAGEMENTS {
        let engagement = root.join(format!("clients/client-{n:02}"));
        copy_dir(&example, &engagement);
        grow(&engagement);
    }
    let out = dir.path().join("site");
    let options = BuildOptions {
        root: root.clone(),
        audience: Audience::Coach,
        as_of: Date::from_ymd(2026, 6, 15).expect("date"),
        as_of_given: true,
        base_url: None,
    };
    let mut times = Vec::new();
    let mut pages = 0;
    for run in 0..RUNS {
        let started = Instant::now();
        let built = build_practice(&options).unwrap_or_else(|d| panic!("build failed:\n{d}"));
        let built_at = started.elapsed();
        let stats = site::write(&out, &built.files).expect("write");
        let total = started.elapsed();
        pages = built.pages;
        eprintln!(
            "run {run}: build {:>4} ms, write {:>4} ms ({} written, {} unchanged)",
            built_at.as_millis(),
            (total - built_at).as_millis(),
            stats.written,
            stats.unchanged
        );
        times.push(total.as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{ENGAGEMENTS} engagements of {SESSIONS} session notes, {pages} pages: median {:.0} ms, best {:.0} ms, peak memory {:.0} MiB",
        times[RUNS / 2] * 1000.0,
        times[0] * 1000.0,
        peak_rss_mib().unwrap_or(f64::NAN)
    );
}
