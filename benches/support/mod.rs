//! What the benchmarks share: the build options, the timed runs (build, then write),
//! peak memory, and the session notes an engagement is grown with.
#![allow(dead_code)] // each bench uses some of these

use std::path::Path;
use std::time::Instant;

use coachsite::{Audience, BuildOptions, Date, Diagnostics, Site, site};

/// The options every benchmark builds with: `root` for `audience`, as of 15 June 2026.
pub fn options(root: &Path, audience: Audience) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        audience,
        as_of: Date::from_ymd(2026, 6, 15).expect("date"),
        as_of_given: true,
        base_url: None,
        history_at: None,
    }
}

/// Runs `build` and writes its site into `out` `runs` times, printing each run; returns
/// the median and best total time in seconds, and the pages of the last run.
pub fn timed_runs(
    runs: usize,
    out: &Path,
    build: impl Fn() -> Result<Site, Diagnostics>,
) -> (f64, f64, usize) {
    let mut times = Vec::new();
    let mut pages = 0;
    for run in 0..runs {
        let started = Instant::now();
        let built = build().unwrap_or_else(|d| panic!("build failed:\n{d}"));
        let built_at = started.elapsed();
        let stats = site::write(out, &built.files).expect("write");
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
    (times[runs / 2], times[0], pages)
}

/// The peak resident memory of this process so far, in MiB.
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// The resident memory of this process now, in MiB.
pub fn rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Adds `sessions` notes to an engagement, each with links, a tag and an aside (none
/// with a warning: an aside closed after a number would be one).
pub fn grow(root: &Path, sessions: usize) {
    let objectives = ["sprint-goals", "escaped-defects", "customer-collaboration"];
    for i in 0..sessions {
        let day = coachsite::Date::from_ymd(2020, 1, 1).expect("date").0
            + chrono::Duration::days(i as i64);
        let text = format!(
            "---\ndate: {day}\ntitle: Session {i} on refinement and flow\nduration: 60\nattendees: [ana, ben, chloe]\nobjectives: [{o}]\ntechniques: [strategic questioning, mapping]\nratings: {{energy: {}, commitment: 7}}\nprivate: |\n  The coach noticed hesitation in session {i}.\n---\n# Check-in\n\nThe team reviewed [[{o}]]. Ana %%coach aside {i}, noted%% led the review. #flow\n\n## Themes\n\n- Flow of work through refinement\n- Working agreements, *revisited*\n\n{}\n",
            i % 10,
            "A paragraph of notes about what the team said and decided. ".repeat(8),
            o = objectives[i % 3],
        );
        std::fs::write(root.join(format!("sessions/{day}-session-{i}.md")), text).expect("write");
    }
}
