//! `cargo bench --bench practice`: a coach's practice of 20 engagements of 250 session
//! notes each (the example engagement, copied and grown), built for the coach with its
//! practice home. Reports the build time (median of several runs) and peak memory.

use std::path::Path;

use coachsite::{Audience, BuildOptions, Date, build_practice};

#[path = "support/mod.rs"]
mod bench_common;
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
    let (median, best, pages) = bench_common::timed_runs(RUNS, &out, || build_practice(&options));
    println!(
        "{ENGAGEMENTS} engagements of {SESSIONS} session notes, {pages} pages: median {:.0} ms, best {:.0} ms, peak memory {:.0} MiB",
        median * 1000.0,
        best * 1000.0,
        bench_common::peak_rss_mib().unwrap_or(f64::NAN)
    );
}
