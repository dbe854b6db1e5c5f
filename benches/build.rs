//! `cargo bench --bench build`: builds the example engagement grown to 5,000 session
//! notes and reports the build time (median of several runs) and peak memory.
//!
//! Targets (DEVELOPERS.md): about half a second on 2 cores, under 150 MiB.

use std::path::Path;

use coachsite::{Audience, Date, build};

#[path = "support/mod.rs"]
mod bench_common;
#[path = "../tests/common/mod.rs"]
mod common;
use common::copy_dir;

const SESSIONS: usize = 5_000;
const RUNS: usize = 5;

fn grow(root: &Path) {
    let objectives = ["sprint-goals", "escaped-defects", "customer-collaboration"];
    let actions = ["definition-of-done", "defect-triage", "regression-tests"];
    for i in 0..SESSIONS {
        let day = Date::from_ymd(2020, 1, 1).expect("date").0 + chrono::Duration::days(i as i64);
        let text = format!(
            "---\ndate: {day}\ntitle: Session {i} on refinement and flow\nduration: 60\nattendees: [ana, ben, chloe]\nobjectives: [{}]\nactions: [{}]\ntechniques: [strategic questioning, mapping]\nratings: {{energy: {}, commitment: 7}}\nlessons:\n  - Lesson {i} — small steps stick.\nprivate: |\n  The coach noticed hesitation in session {i}.\n---\n# Check-in\n\nThe team reviewed its actions. Ana %%coach aside {i}%% led the review.\n\n## Themes\n\n- Flow of work through refinement\n- Working agreements, *revisited*\n- [x] Actions reviewed\n\n| Topic | Minutes |\n|---|---|\n| Review | 20 |\n| Themes | 40 |\n\n{}\n",
            objectives[i % 3],
            actions[i % 3],
            i % 10,
            "A paragraph of notes about what the team said and decided. ".repeat(8)
        );
        std::fs::write(root.join(format!("sessions/{day}-session-{i}.md")), text).expect("write");
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("engagement");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-engagement"),
        &root,
    );
    grow(&root);
    let out = dir.path().join("site");
    let options = bench_common::options(&root, Audience::Coach);
    let (median, best, pages) = bench_common::timed_runs(RUNS, &out, || build(&options));
    println!(
        "{SESSIONS} session notes, {pages} pages: median {:.0} ms, best {:.0} ms, peak memory {:.0} MiB",
        median * 1000.0,
        best * 1000.0,
        bench_common::peak_rss_mib().unwrap_or(f64::NAN)
    );
}
