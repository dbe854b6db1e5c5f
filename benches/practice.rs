//! `cargo bench --bench practice`: a coach's practice of 20 engagements of 250 session
//! notes each (the example engagement, copied and grown), built for the coach with its
//! practice home. Reports the build time (median of several runs) and peak memory, then
//! what `serve` does on a save: one session note edited, its engagement and the home
//! rebuilt (median and 95th percentile of 20 saves), against a full rebuild.

use std::path::Path;
use std::time::Instant;

use coachsite::{Audience, BuildOptions, build_practice};

#[path = "support/mod.rs"]
mod bench_common;
#[path = "../tests/common/mod.rs"]
mod common;
use common::copy_dir;

const ENGAGEMENTS: usize = 20;
const SESSIONS: usize = 250;
const RUNS: usize = 5;
const SAVES: usize = 20;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("practice");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-engagement");
    for n in 0..ENGAGEMENTS {
        let engagement = root.join(format!("clients/client-{n:02}"));
        copy_dir(&example, &engagement);
        bench_common::grow(&engagement, SESSIONS);
    }
    let out = dir.path().join("site");
    let options = bench_common::options(&root, Audience::Coach);
    let (median, best, pages) = bench_common::timed_runs(RUNS, &out, || build_practice(&options));
    println!(
        "{ENGAGEMENTS} engagements of {SESSIONS} session notes, {pages} pages: median {:.0} ms, best {:.0} ms, peak memory {:.0} MiB",
        median * 1000.0,
        best * 1000.0,
        bench_common::peak_rss_mib().unwrap_or(f64::NAN)
    );
    serve_saves(&options, &root);
}

/// A save in `serve` on the practice: the rebuild of one engagement and the home.
fn serve_saves(options: &BuildOptions, root: &Path) {
    let site = coachsite::serve::LiveSite::new(options.clone());
    let started = Instant::now();
    site.rebuild();
    let full = started.elapsed();
    let note = std::fs::canonicalize(root.join("clients/client-07/sessions"))
        .expect("folder")
        .join("2026-03-17-customers-in-the-room.md");
    let text = std::fs::read_to_string(&note).expect("note");
    let mut times = Vec::new();
    for i in 0..SAVES {
        std::fs::write(&note, format!("{text}\nEdit {i}.\n")).expect("write");
        let started = Instant::now();
        match site.rebuild_after(Some(std::slice::from_ref(&note))) {
            coachsite::serve::Rebuilt::Ok { .. } => {}
            coachsite::serve::Rebuilt::Failed { errors } => panic!("rebuild failed:\n{errors}"),
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "serve: first build {:.0} ms; a save in one engagement rebuilt in {:.0} ms (median), {:.0} ms (p95) over {SAVES} saves; memory after them {:.0} MiB peak",
        full.as_secs_f64() * 1000.0,
        times[SAVES / 2],
        times[SAVES * 95 / 100],
        bench_common::peak_rss_mib().unwrap_or(f64::NAN)
    );
}
