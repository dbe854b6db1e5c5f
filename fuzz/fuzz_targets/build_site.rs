//! A whole build (`coachsite::build`) of a small valid engagement
//! (tests/fixtures/minimal) in which the input replaces one file. (Named build_site:
//! cargo forbids a binary called `build`.)
//!
//! Input: byte 0 picks the file replaced (`SLOTS[byte % 6]`), byte 1 the audience
//! (coach, client, sponsor: `byte % 3`), the rest is the file's bytes (not
//! necessarily UTF-8: the loader must report that too). Errors are fine, panics are not.
#![no_main]

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use coachsite::{Audience, BuildOptions, Date};
use libfuzzer_sys::fuzz_target;

macro_rules! fixture {
    ($path:literal) => {
        (
            $path,
            include_str!(concat!("../../tests/fixtures/minimal/", $path)),
        )
    };
}

/// Every file of the base engagement.
const BASE: [(&str, &str); 11] = [
    fixture!("engagement.yaml"),
    fixture!("plan.yaml"),
    fixture!("objectives/sprint-goals.md"),
    fixture!("objectives/customer-trust.md"),
    fixture!("sessions/2026-01-20-kick-off.md"),
    fixture!("sessions/2026-02-03-coach-reflection.md"),
    fixture!("assessments/2026-01-15-baseline.yaml"),
    fixture!("assessments/2026-03-30-mid-term.yaml"),
    fixture!("lessons/tools-after-culture.md"),
    fixture!("lessons/coach-lesson.md"),
    fixture!("lessons/sensitive-lesson.md"),
];

/// The files an input may replace, by its first byte: the same order of kinds as the
/// parse_file target, which fuzz/seed.sh follows.
const SLOTS: [&str; 6] = [
    "engagement.yaml",
    "plan.yaml",
    "objectives/sprint-goals.md",
    "sessions/2026-01-20-kick-off.md",
    "lessons/tools-after-culture.md",
    "assessments/2026-01-15-baseline.yaml",
];

const AUDIENCES: [Audience; 3] = [Audience::Coach, Audience::Client, Audience::Sponsor];

/// One engagement folder per process, rewritten for every input and removed at exit.
fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        // One rayon thread: the same input then always covers the same code (work
        // stealing between threads made coverage flaky), and it runs faster too.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build_global();
        let dir = tempfile::Builder::new()
            .prefix("coachsite-fuzz-")
            .tempdir()
            .expect("temporary folder")
            .keep();
        for folder in ["objectives", "sessions", "assessments", "lessons"] {
            fs::create_dir_all(dir.join(folder)).expect("engagement sub-folder");
        }
        unsafe extern "C" {
            fn atexit(callback: extern "C" fn()) -> i32;
        }
        extern "C" fn remove_root() {
            if let Some(root) = ROOT.get() {
                let _ = fs::remove_dir_all(root);
            }
        }
        // SAFETY: registers a plain function with no arguments, as atexit expects.
        unsafe { atexit(remove_root) };
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let [selector, audience, content @ ..] = data else {
        return;
    };
    let root = root();
    let replaced = SLOTS[*selector as usize % SLOTS.len()];
    for (path, text) in BASE {
        let bytes = if path == replaced {
            content
        } else {
            text.as_bytes()
        };
        fs::write(root.join(path), bytes).expect("write engagement file");
    }
    let options = BuildOptions {
        root: root.to_path_buf(),
        audience: AUDIENCES[*audience as usize % AUDIENCES.len()],
        as_of: Date::from_ymd(2026, 6, 1).expect("a real date"),
        as_of_given: true,
        base_url: None,
        history_at: None,
    };
    match coachsite::build(&options) {
        Ok(site) => {
            let _ = site.warnings.render(false);
        }
        Err(diags) => {
            let _ = diags.render(false);
        }
    }
});
