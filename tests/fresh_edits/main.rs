//! No page `serve` answers is ever stale, whatever the order of the saves: proptest
//! makes random sequences of 3 to 8 saves of every kind of file (session notes, lessons,
//! objectives, `plan.yaml`, `engagement.yaml`, assessments, template overrides, static
//! files and attachments, a file broken and later fixed; `edits.rs`) on a small
//! engagement (the `minimal` fixture with an attachment and a static file), for a
//! random reader or a practice of two such engagements. After each save the live site
//! is rebuilt as the watcher would have it rebuilt (the changed paths named, another
//! file named, or none), and every file it serves is compared, byte for byte, with a
//! full build of the folder at that moment, and its warnings with the build's; a page
//! the build no longer has must be gone (`tests/common/live.rs`, shared with
//! `tests/fresh.rs`). What `watch` writes over its last site is compared too. A
//! sequence that leaves a file broken ends with the save that fixes it.
//!
//! A failure shrinks to the shortest sequence that still fails, printed as a list of
//! saves; proptest keeps its seed in `proptest-regressions/fresh_edits.txt`, and every
//! run tries those first. `PROPTEST_CASES=300 cargo test --test fresh_edits` looks
//! further (some 2 minutes).

#[path = "../common/mod.rs"]
mod common;
mod edits;
mod files;

use std::fs;
use std::path::Path;

use coachsite::Audience;
use common::live::Live;
use edits::{BOARD, CULTURE, NOTES, fix_all};
use proptest::prelude::*;

/// Whose site is served.
#[derive(Debug, Clone, Copy)]
enum Reader {
    Coach,
    Client,
    Sponsor,
    /// The coach, of a practice of two engagements (`clients/acme`, where the saves
    /// are made, and `clients/beta`).
    Practice,
}

impl Reader {
    fn audience(self) -> Audience {
        match self {
            Reader::Client => Audience::Client,
            Reader::Sponsor => Audience::Sponsor,
            Reader::Coach | Reader::Practice => Audience::Coach,
        }
    }

    /// Where the saves are made.
    fn engagement(self) -> &'static str {
        match self {
            Reader::Practice => "clients/acme/",
            _ => "",
        }
    }
}

fn reader() -> impl Strategy<Value = Reader> {
    prop_oneof![
        3 => Just(Reader::Coach),
        3 => Just(Reader::Client),
        2 => Just(Reader::Sponsor),
        2 => Just(Reader::Practice),
    ]
}

/// `PROPTEST_CASES` when set (to look further), 12 otherwise: a case is 4 to 9
/// rebuilds and full builds of a small engagement.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12);
    ProptestConfig {
        cases,
        max_shrink_iters: 512,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "proptest-regressions/fresh_edits.txt",
            ),
        )),
        ..ProptestConfig::default()
    }
}

/// The `minimal` fixture, with an attachment a lesson embeds and a static file.
fn fill(root: &Path) {
    common::copy_dir(&common::fixtures().join("minimal"), root);
    files::write(root, BOARD, &files::png(0));
    files::write(root, NOTES, b"hello\n");
    let culture = root.join(CULTURE);
    let text = fs::read_to_string(&culture).expect("read");
    fs::write(&culture, format!("{text}\n![[board.png]]\n")).expect("write");
}

/// What `watch` writes (`build_to`, over the site it wrote last) is the last good
/// build, file by file.
fn written_as_built(step: &str, live: &Live, out: &Path) {
    let _ = coachsite::build_to(&live.options, out);
    let written: Vec<(String, Vec<u8>)> = common::snapshot(out)
        .into_iter()
        .filter(|(path, _)| path != ".coachsite-output")
        .collect();
    let mut written = written;
    let mut built: Vec<(String, Vec<u8>)> = (live.last.files.iter())
        .map(|f| (f.path.clone(), f.bytes.clone()))
        .collect();
    // In one order: a walk puts `search/…` before `search.html`, a sort by text after.
    written.sort();
    built.sort();
    let paths = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&written), paths(&built), "{step}: the files written");
    for ((path, written), (_, built)) in written.iter().zip(&built) {
        assert!(written == built, "{step}: {path} is not written as built");
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_page_served_after_any_saves_is_the_page_a_build_makes(
        reader in reader(),
        steps in proptest::collection::vec(edits::save(), 3..=8),
    ) {
        let at = reader.engagement();
        let (dir, mut live) = Live::start_on(reader.audience(), !at.is_empty(), |root| {
            if at.is_empty() {
                fill(root);
            }
            for name in ["acme", "beta"].iter().filter(|_| !at.is_empty()) {
                fill(&root.join("clients").join(name));
            }
        });
        let out = dir.path().join("written");
        if at.is_empty() {
            written_as_built("the first build", &live, &out);
        }
        for (i, save) in steps.iter().enumerate() {
            let paths = save.paths().map(|paths| {
                paths.iter().map(|p| format!("{at}{p}")).collect::<Vec<_>>()
            });
            let paths: Option<Vec<&str>> =
                paths.as_ref().map(|p| p.iter().map(String::as_str).collect());
            let step = format!("step {}, {save:?}", i + 1);
            live.step_told(&step, paths.as_deref(), |root| save.apply(&root.join(at)));
            if at.is_empty() {
                written_as_built(&step, &live, &out);
            }
        }
        let broken = fix_all(&live.root, false);
        if !broken.is_empty() {
            let paths: Vec<&str> = broken.iter().map(String::as_str).collect();
            live.step("every broken file fixed", &paths, |root| {
                fix_all(root, true);
            });
        }
    }
}
