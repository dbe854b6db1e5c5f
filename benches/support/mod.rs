//! What the build benchmarks share: the timed runs (build, then write) and peak memory.

use std::path::Path;
use std::time::Instant;

use coachsite::{Diagnostics, Site, site};

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
