//! The history of each objective's targets, from the git repository the engagement
//! folder is in: every version of its file along the first parents of `HEAD` (at most
//! [`limits::MAX_HISTORY_COMMITS`] commits), and what changed from one version to the
//! next in its baseline, target, due date and GAS levels. No repository, an unborn
//! `HEAD`, or a version that does not parse: nothing is said, and nothing fails.

use std::collections::BTreeMap;
use std::path::Path;

use super::git;

use crate::model::{Changed, Date, Objective, ObjectiveFront, TargetChange};

/// What changed between two versions of an objective's front matter, on `date`.
pub fn changes(old: &ObjectiveFront, new: &ObjectiveFront, date: Date) -> Vec<TargetChange> {
    let measure = |f: &ObjectiveFront, target: bool| {
        let m = f.measure.as_ref()?;
        let value = if target { &m.target } else { &m.baseline };
        value.as_ref().map(|v| v.value)
    };
    let mut found = Vec::new();
    let mut push = |change| found.push(TargetChange { date, change });
    let (from, to) = (measure(old, false), measure(new, false));
    if from != to {
        push(Changed::Baseline { from, to });
    }
    let (from, to) = (measure(old, true), measure(new, true));
    if from != to {
        push(Changed::Target { from, to });
    }
    if old.due != new.due {
        push(Changed::Due {
            from: old.due,
            to: new.due,
        });
    }
    let levels = |f: &ObjectiveFront| f.gas.as_ref().map(|g| g.value.clone()).unwrap_or_default();
    let (a, b) = (levels(old), levels(new));
    let all: std::collections::BTreeSet<i64> = a.keys().chain(b.keys()).copied().collect();
    for level in all {
        if a.get(&level) != b.get(&level) {
            push(Changed::GasLevel { level });
        }
    }
    found
}

/// The changes in the versions of one file, oldest version first, each with the day it
/// was committed; versions that do not parse are skipped.
fn changes_over(versions: &[(Date, String)]) -> Vec<TargetChange> {
    let fronts: Vec<(Date, ObjectiveFront)> = versions
        .iter()
        .filter_map(|(date, text)| {
            let fm = super::split_front_matter(text).ok()?;
            let front = serde_saphyr::from_str::<ObjectiveFront>(fm.yaml).ok()?;
            Some((*date, front))
        })
        .collect();
    fronts
        .windows(2)
        .flat_map(|pair| changes(&pair[0].1, &pair[1].1, pair[1].0))
        .collect()
}

/// The history of each objective file, by its path.
pub(super) type Histories = BTreeMap<String, Vec<TargetChange>>;

/// Fills in each objective's `history` from the repository `root` is in, from `HEAD` (or
/// from the revision `at`, for a folder exported from it); with `cache`, read again only
/// when that commit or the objectives' paths changed since the last time.
pub(super) fn read(
    root: &Path,
    objectives: &mut [Objective],
    cache: Option<&super::Cache>,
    at: Option<&super::HistoryAt>,
) {
    let paths: Vec<&str> = objectives.iter().map(|o| o.source.path.as_str()).collect();
    // The repository and the commit the history starts from.
    let (repo_root, rev) = match at {
        Some(at) => (at.engagement.as_path(), at.rev.as_str()),
        None => (root, "HEAD"),
    };
    let Some(head) = git::commit_of(repo_root, rev) else {
        return;
    };
    let key = format!("{head}\n{}", paths.join("\n"));
    let histories = match cache.and_then(|c| c.history(&key)) {
        Some(held) => held,
        None => {
            let read: Histories = git::versions(repo_root, &head, &paths)
                .into_iter()
                .map(|(path, versions)| (path, changes_over(&versions)))
                .collect();
            if let Some(cache) = cache {
                cache.keep_history(key, &read);
            }
            read
        }
    };
    for o in objectives {
        if let Some(h) = histories.get(o.source.path.as_str()) {
            o.history.clone_from(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn front(yaml: &str) -> ObjectiveFront {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn each_change_to_what_an_objective_is_measured_against_is_found() {
        let d = Date::parse("2026-03-03").unwrap();
        let old = front(
            "title: T\nmeasure: {metric: m, baseline: 0, target: 100}\ndue: 2026-06-30\ngas: {-1: a, 0: b}\n",
        );
        let new = front(
            "title: New words\nmeasure: {metric: m, baseline: 5, target: 75}\ndue: 2026-07-31\ngas: {0: c, 1: d}\n",
        );
        let found: Vec<Changed> = changes(&old, &new, d)
            .into_iter()
            .map(|c| c.change)
            .collect();
        assert_eq!(
            found,
            vec![
                Changed::Baseline {
                    from: Some(0.0),
                    to: Some(5.0)
                },
                Changed::Target {
                    from: Some(100.0),
                    to: Some(75.0)
                },
                Changed::Due {
                    from: Date::parse("2026-06-30").ok(),
                    to: Date::parse("2026-07-31").ok()
                },
                Changed::GasLevel { level: -1 },
                Changed::GasLevel { level: 0 },
                Changed::GasLevel { level: 1 },
            ]
        );
        // The title, the words, the measurements: not what it is measured against.
        assert!(changes(&old, &front("title: Other\nmeasure: {metric: m2, baseline: 0, target: 100}\ndue: 2026-06-30\ngas: {-1: a, 0: b}\n"), d).is_empty());
    }

    #[test]
    fn versions_that_do_not_parse_are_skipped() {
        let d = |s: &str| Date::parse(s).unwrap();
        let v = |target: &str| {
            format!("---\ntitle: T\nmeasure: {{metric: m, baseline: 0, target: {target}}}\n---\n")
        };
        let versions = vec![
            (d("2026-01-10"), v("100")),
            (d("2026-02-10"), "---\ntitle: [broken\n---\n".to_string()),
            (d("2026-03-10"), v("80")),
        ];
        let found = changes_over(&versions);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].date, d("2026-03-10"));
        assert_eq!(
            found[0].change,
            Changed::Target {
                from: Some(100.0),
                to: Some(80.0)
            }
        );
    }
}
