//! Whole builds of a valid engagement (tests/fixtures/minimal) after a few *edits* of
//! the kind a careless or hostile coach makes: a value replaced by an extreme one, a key
//! added with such a value, a line repeated or deleted. Where `build_site` mutates bytes
//! and mostly breaks the YAML, this target keeps the files well-formed, so it reaches
//! the checks, the figures and the charts with the numbers and dates that break them.
//!
//! Input: byte 0 picks the audience; then each group of four bytes is one edit:
//! file, line, what to do, which value (see `apply`).
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

/// Values at the edges: numbers, dates, text that reads as something else.
const VALUES: &[&str] = &[
    "0", "-1", "1e-13", "1e-300", "1.7e308", "-1.7e308", "1e15", ".inf", ".nan",
    "9223372036854775807", "-9223372036854775808", "4294967295", "1000000", "\"5\"",
    "null", "[]", "0000-01-01", "9999-12-31", "1900-01-01", "2026-01-11", "2026-06-01",
    "2026-07-11", "\"a%%b\"", "&a x",
];

/// Keys added as a new line, `$` standing for the value.
const LINES: &[&str] = &[
    "zpd: {max_levels_per_month: $}",
    "zpd: {max_pace_ratio: $}",
    "zpd: {stalled_after_days: $}",
    "scale: {min: $, max: $}",
    "end: $",
    "start: $",
    "due: $",
    "weight: $",
    "duration: $",
    "retain_until: $",
    "measurements: [{date: 2026-03-01, value: $}]",
    "milestones: [{date: $, target: $}]",
    "ratings: {energy: $}",
    "  - {date: 2026-03-01, value: $}",
    "    done: $",
    "    due: $",
];

/// Which file an edit's first byte picks: engagement.yaml, where most numbers that
/// size things live, most often.
const FILE_OF: [usize; 16] = [0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 4, 4, 5, 6, 7, 8];

/// One engagement folder per process, rewritten for every input.
fn root() -> &'static Path {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    ROOT.get_or_init(|| {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build_global();
        let dir = tempfile::Builder::new()
            .prefix("coachsite-fuzz-edits-")
            .tempdir()
            .expect("temporary folder")
            .keep();
        for folder in ["objectives", "sessions", "assessments", "lessons"] {
            fs::create_dir_all(dir.join(folder)).expect("engagement sub-folder");
        }
        dir
    })
}

/// One edit of `lines`: `op % 4` picks replace a value / add a key line after / repeat
/// the line / delete it; `op / 4` picks which value of the line (the text after its
/// n-th `: `, up to `,`, `}`, `]` or the end) or which of [`LINES`]; `value` indexes
/// [`VALUES`].
fn apply(lines: &mut Vec<String>, line: u8, op: u8, value: u8) {
    if lines.is_empty() {
        return;
    }
    let i = line as usize % lines.len();
    let v = VALUES[value as usize % VALUES.len()];
    let which = op as usize / 4;
    match op % 4 {
        0 => {
            let text = &lines[i];
            let starts: Vec<usize> = text.match_indices(": ").map(|(at, _)| at + 2).collect();
            if starts.is_empty() {
                return;
            }
            let start = starts[which % starts.len()];
            let end = text[start..]
                .find([',', '}', ']'])
                .map_or(text.len(), |e| start + e);
            lines[i] = format!("{}{v}{}", &text[..start], &text[end..]);
        }
        1 => lines.insert(i + 1, LINES[which % LINES.len()].replace('$', v)),
        2 => {
            let copy = lines[i].clone();
            lines.insert(i, copy);
        }
        _ => {
            lines.remove(i);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&audience, edits)) = data.split_first() else {
        return;
    };
    let mut files: Vec<(&str, Vec<String>)> = BASE
        .iter()
        .map(|(path, text)| (*path, text.lines().map(str::to_string).collect()))
        .collect();
    for edit in edits.chunks_exact(4).take(8) {
        let file = FILE_OF[edit[0] as usize % FILE_OF.len()];
        apply(&mut files[file].1, edit[1], edit[2], edit[3]);
    }
    let root = root();
    for (path, lines) in &files {
        fs::write(root.join(path), lines.join("\n") + "\n").expect("write engagement file");
    }
    let options = BuildOptions {
        root: root.to_path_buf(),
        audience: [Audience::Coach, Audience::Client, Audience::Sponsor][audience as usize % 3],
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
