//! `cargo bench --bench search`: the search index of the example engagement grown to
//! 1,000 and 5,000 session notes (client's site; `SEARCH_BENCH_NOTES=1000,5000,20000`
//! for other sizes): the size of `search.html`, of its shards (`search/`: how many, the
//! largest, all of them) and of what a query loads, the build, and the time to the
//! first result in headless Chromium (from `file://`, median of several loads), when
//! Chromium is installed.

use std::path::Path;
use std::process::Command;

use coachsite::{Audience, build};

#[path = "support/mod.rs"]
mod bench_common;
#[path = "../tests/common/mod.rs"]
mod common;

const LOADS: usize = 5;

fn main() {
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| Command::new(c).arg("--version").output().is_ok());
    let sizes: Vec<usize> = std::env::var("SEARCH_BENCH_NOTES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 5_000]);
    for notes in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("engagement");
        common::copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("example-engagement"),
            &root,
        );
        bench_common::grow(&root, notes);
        let options = bench_common::options(&root, Audience::Client);
        let out = dir.path().join("site");
        let (median, _, pages) = bench_common::timed_runs(3, &out, || build(&options));
        let sources: u64 = walkdir::WalkDir::new(root.join("sessions"))
            .into_iter()
            .filter_map(Result::ok)
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum();
        let page = std::fs::read_to_string(out.join("search.html")).expect("search page");
        let shards: Vec<(String, u64)> = walkdir::WalkDir::new(out.join("search"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                Some((
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().ok()?.len(),
                ))
            })
            .collect();
        let total = page.len() as u64 + shards.iter().map(|(_, n)| n).sum::<u64>();
        let (largest, largest_size) = shards.iter().max_by_key(|(_, n)| *n).map_or(
            ("search.html", page.len() as u64),
            |(name, n)| {
                if *n > page.len() as u64 {
                    (name.as_str(), *n)
                } else {
                    ("search.html", page.len() as u64)
                }
            },
        );
        let mib = |bytes: u64| bytes as f64 / 1024.0 / 1024.0;
        println!(
            "{notes} notes ({:.1} MiB of session notes), {pages} pages, built in {:.0} ms: search.html {:.0} KiB, {} shards; largest search file {largest} {:.2} MiB, all search files {:.1} MiB ({:.0} KiB per 1,000 notes)",
            mib(sources),
            median * 1000.0,
            page.len() as f64 / 1024.0,
            shards.len(),
            mib(largest_size),
            mib(total),
            total as f64 / 1024.0 / (notes as f64 / 1000.0),
        );
        println!(
            "  peak memory so far {:.0} MiB",
            bench_common::peak_rss_mib().unwrap_or(f64::NAN)
        );
        match chromium {
            Some(chromium) => first_result(chromium, &out, &shards, page.len() as u64),
            None => println!("  (no Chromium: time to the first result not measured)"),
        }
    }
}

/// Loads `search.html?q=…` from `file://` and reads the time the page noted when its
/// first results were shown (`data-search-ready`, ms from the start of the navigation).
fn first_result(chromium: &str, out: &Path, shards: &[(String, u64)], page: u64) {
    let url = format!("file://{}/search.html?q=refinement%20flow", out.display());
    let mut times = Vec::new();
    let mut shown = String::new();
    let mut loaded = 0;
    for _ in 0..LOADS {
        let dom = Command::new(chromium)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
            .arg(&url)
            .output()
            .expect("chromium");
        let dom = String::from_utf8_lossy(&dom.stdout);
        let ready = attribute(&dom, "data-search-ready").and_then(|v| v.parse::<f64>().ok());
        if let Some(ms) = ready {
            times.push(ms);
        }
        // The shards the page loaded are the scripts it added.
        loaded = page
            + shards
                .iter()
                .filter(|(name, _)| dom.contains(&format!("src=\"search/{name}\"")))
                .map(|(_, n)| n)
                .sum::<u64>();
        shown = between(&dom, r#"role="status" aria-live="polite">"#)
            .split('<')
            .next()
            .unwrap_or("")
            .to_string();
    }
    times.sort_by(f64::total_cmp);
    match times.get(times.len() / 2) {
        Some(median) => println!(
            "  time to the first result in Chromium: {median:.0} ms median of {} loads, {:.2} MiB loaded with the page ({shown})",
            times.len(),
            loaded as f64 / 1024.0 / 1024.0
        ),
        None => println!("  Chromium gave no result"),
    }
}

fn between<'a>(text: &'a str, open: &str) -> &'a str {
    let Some(start) = text.find(open).map(|i| i + open.len()) else {
        return "";
    };
    let end = text[start..]
        .find("</script>")
        .map_or(text.len(), |e| start + e);
    &text[start..end]
}

fn attribute(text: &str, name: &str) -> Option<String> {
    let at = text.find(&format!("{name}=\""))? + name.len() + 2;
    Some(text[at..].split('"').next()?.to_string())
}
