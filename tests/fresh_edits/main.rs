//! No page `serve` answers is ever stale, whatever the order of the saves: proptest
//! makes random sequences of 3 to 8 edits of every kind of file (session notes, lessons,
//! objectives, `plan.yaml`, `engagement.yaml`, assessments, template overrides, static
//! files and attachments, a file broken and later fixed) on a small engagement (the
//! `minimal` fixture with an attachment and a static file), for a random reader. After
//! each edit the live site is rebuilt as the watcher would have it rebuilt (the changed
//! paths named), and every file it serves is compared, byte for byte, with a full build
//! of the folder at that moment; a page the build no longer has must be gone
//! (`tests/common/live.rs`, shared with `tests/fresh.rs`). A sequence that leaves a file
//! broken ends with the step that fixes it.
//!
//! A failure shrinks to the shortest sequence that still fails, printed as a list of
//! [`Edit`]s; proptest keeps it in `proptest-regressions/fresh_edits.txt`, and every run
//! tries it first. `PROPTEST_CASES=200 cargo test --test fresh_edits` looks further.

#[path = "../common/mod.rs"]
mod common;
mod edits;

use std::fs;
use std::path::Path;

use coachsite::Audience;
use common::live::Live;
use edits::{BOARD, CULTURE, NOTES, fix_all};
use proptest::prelude::*;

fn audience() -> impl Strategy<Value = Audience> {
    prop_oneof![
        Just(Audience::Coach),
        Just(Audience::Client),
        Just(Audience::Sponsor)
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
    edits::write(root, BOARD, &edits::png(0));
    edits::write(root, NOTES, b"hello\n");
    let culture = root.join(CULTURE);
    let text = fs::read_to_string(&culture).expect("read");
    fs::write(&culture, format!("{text}\n![[board.png]]\n")).expect("write");
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_page_served_after_any_saves_is_the_page_a_build_makes(
        audience in audience(),
        steps in proptest::collection::vec(edits::save(), 3..=8),
    ) {
        let (_dir, mut live) = Live::start_on(audience, false, fill);
        for (i, save) in steps.iter().enumerate() {
            let paths = save.paths();
            let paths: Option<Vec<&str>> =
                paths.as_ref().map(|p| p.iter().map(String::as_str).collect());
            let step = format!("step {}, {save:?}", i + 1);
            live.step_told(&step, paths.as_deref(), |root| save.apply(root));
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
