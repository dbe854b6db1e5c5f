//! The history of each objective's targets, from the git repository the engagement
//! folder is in: every version of its file along the first parents of `HEAD` (at most
//! [`limits::MAX_HISTORY_COMMITS`](crate::limits::MAX_HISTORY_COMMITS) commits), and
//! what changed from one version to the next in its baseline, target, due date and GAS
//! levels. No repository, an unborn `HEAD`, or a version that does not parse: nothing
//! is said, and nothing fails.

use std::collections::BTreeMap;
use std::path::Path;

use super::git;

use crate::model::{
    Changed, Date, GasEdit, GasWords, Objective, ObjectiveFront, TargetChange, Visibility,
};

/// One version of an objective's file: its front matter, and who could see it (its
/// `visibility`, or the engagement's default; sensitive: the coach).
pub struct Version {
    pub(crate) date: Date,
    pub(crate) front: ObjectiveFront,
    pub(crate) visibility: Visibility,
}

impl Version {
    /// A version as committed on `date`, when it parses; `default` is the engagement's
    /// visibility of objectives.
    fn of(date: Date, text: &str, default: Visibility) -> Option<Version> {
        let fm = super::split_front_matter(text).ok()?;
        let front = serde_saphyr::from_str::<ObjectiveFront>(fm.yaml).ok()?;
        let visibility = if front.sensitive {
            Visibility::Coach
        } else {
            front.visibility.unwrap_or(default)
        };
        Some(Version {
            date,
            front,
            visibility,
        })
    }
}

/// What changed from version `old` to version `new`, on `new`'s date.
pub fn changes(old: &Version, new: &Version) -> Vec<TargetChange> {
    let measure = |f: &ObjectiveFront, target: bool| {
        let m = f.measure.as_ref()?;
        let value = if target { &m.target } else { &m.baseline };
        value.as_ref().map(|v| v.value)
    };
    let (a, b) = (&old.front, &new.front);
    let series = a.key_results.iter().map(|k| &k.measurements);
    let measured_before = std::iter::once(&a.measurements)
        .chain(series)
        .flatten()
        .filter(|m| m.date <= new.date)
        .count();
    let visibility = old.visibility.min(new.visibility);
    let mut found = Vec::new();
    let mut push = |change, words| {
        found.push(TargetChange {
            date: new.date,
            change,
            measured_before,
            visibility,
            words,
        });
    };
    // (baseline, target) before and after, of the measure and of each key result in both
    // versions (one added or removed changes what is measured, not what it is measured
    // against).
    let value = |v: &Option<crate::model::At<f64>>| v.as_ref().map(|v| v.value);
    let span = |f: &ObjectiveFront| (measure(f, false), measure(f, true));
    let mut spans = vec![(None, span(a), span(b))];
    for new_kr in &b.key_results {
        if let Some(old_kr) = a.key_results.iter().find(|k| k.id.value == new_kr.id.value) {
            spans.push((
                Some(new_kr.id.value.clone()),
                (value(&old_kr.baseline), value(&old_kr.target)),
                (value(&new_kr.baseline), value(&new_kr.target)),
            ));
        }
    }
    for (key_result, (b0, t0), (b1, t1)) in spans {
        if b0 != b1 {
            let key_result = key_result.clone();
            push(
                Changed::Baseline {
                    from: b0,
                    to: b1,
                    key_result,
                },
                None,
            );
        }
        if t0 != t1 {
            push(
                Changed::Target {
                    from: t0,
                    to: t1,
                    key_result,
                },
                None,
            );
        }
    }
    if a.due != b.due {
        push(
            Changed::Due {
                from: a.due,
                to: b.due,
            },
            None,
        );
    }
    let levels = |f: &ObjectiveFront| f.gas.as_ref().map(|g| g.value.clone()).unwrap_or_default();
    let (before, after) = (levels(a), levels(b));
    let all: std::collections::BTreeSet<i64> = before.keys().chain(after.keys()).copied().collect();
    for level in all {
        let (x, y) = (before.get(&level).cloned(), after.get(&level).cloned());
        let edit = match (&x, &y) {
            (None, Some(_)) => GasEdit::Added,
            (Some(_), None) => GasEdit::Removed,
            _ => GasEdit::Rewritten,
        };
        if x != y {
            push(
                Changed::GasLevel { level, edit },
                Some(GasWords {
                    before: x,
                    after: y,
                }),
            );
        }
    }
    found
}

/// The changes from one version of a file to the next, oldest first; the versions come
/// one at a time (`git::versions`), so that only two are held.
struct Changes {
    last: Option<Version>,
    found: Vec<TargetChange>,
    default: Visibility,
}

impl Changes {
    fn new(default: Visibility) -> Changes {
        Changes {
            last: None,
            found: Vec::new(),
            default,
        }
    }

    /// The next version's text: one that does not parse is skipped.
    fn next(&mut self, date: Date, text: &str) {
        let Some(version) = Version::of(date, text, self.default) else {
            return;
        };
        if let Some(last) = &self.last {
            self.found.extend(changes(last, &version));
        }
        self.last = Some(version);
    }
}

/// The history of each objective file, by its path.
pub(super) type Histories = BTreeMap<String, Vec<TargetChange>>;

/// Fills in each objective's `history` from the repository `root` is in, from `HEAD` (or
/// from the revision `at`, for a folder exported from it); with `cache`, read again only
/// when that commit or the objectives' paths changed since the last time.
pub(super) fn read(
    root: &Path,
    objectives: &mut [Objective],
    default: Visibility,
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
            let mut each: BTreeMap<String, Changes> = BTreeMap::new();
            git::versions(repo_root, &head, &paths, &mut |path, date, text| {
                each.entry(path.to_string())
                    .or_insert_with(|| Changes::new(default))
                    .next(date, text);
            });
            let read: Histories = each.into_iter().map(|(p, c)| (p, c.found)).collect();
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

    fn version(date: &str, yaml: &str) -> Version {
        Version::of(
            Date::parse(date).unwrap(),
            &format!("---\n{yaml}---\n"),
            Visibility::Client,
        )
        .unwrap()
    }

    #[test]
    fn each_change_to_what_an_objective_is_measured_against_is_found() {
        let old = version(
            "2026-01-10",
            "title: T\nmeasure: {metric: m, baseline: 0, target: 100}\ndue: 2026-06-30\ngas: {-1: a, 0: b}\nmeasurements:\n  - {date: 2026-02-01, value: 1}\n  - {date: 2026-03-05, value: 2}\nvisibility: sponsor\n",
        );
        let new = version(
            "2026-03-03",
            "title: New words\nmeasure: {metric: m, baseline: 5, target: 75}\ndue: 2026-07-31\ngas: {0: c, 1: d}\n",
        );
        let found = changes(&old, &new);
        let what: Vec<&Changed> = found.iter().map(|c| &c.change).collect();
        assert_eq!(
            what,
            vec![
                &Changed::Baseline {
                    from: Some(0.0),
                    to: Some(5.0),
                    key_result: None,
                },
                &Changed::Target {
                    from: Some(100.0),
                    to: Some(75.0),
                    key_result: None,
                },
                &Changed::Due {
                    from: Date::parse("2026-06-30").ok(),
                    to: Date::parse("2026-07-31").ok()
                },
                &Changed::GasLevel {
                    level: -1,
                    edit: GasEdit::Removed
                },
                &Changed::GasLevel {
                    level: 0,
                    edit: GasEdit::Rewritten
                },
                &Changed::GasLevel {
                    level: 1,
                    edit: GasEdit::Added
                },
            ]
        );
        // The old version held one measurement dated by 3 March (not the one of 5 March).
        assert!(found.iter().all(|c| c.measured_before == 1));
        // Sponsor, then client (the default): the client is the widest who saw both.
        assert!(found.iter().all(|c| c.visibility == Visibility::Client));
        assert_eq!(
            found[4].words,
            Some(GasWords {
                before: Some("b".into()),
                after: Some("c".into())
            })
        );
        // The title, the words, the measurements: not what it is measured against.
        let same = version(
            "2026-03-04",
            "title: Other\nmeasure: {metric: m2, baseline: 0, target: 100}\ndue: 2026-06-30\ngas: {-1: a, 0: b}\n",
        );
        assert!(changes(&old, &same).is_empty());
    }

    #[test]
    fn a_key_results_baseline_and_target_changes_are_found_with_its_measurements() {
        let kr = |baseline: &str, target: &str, extra: &str| {
            format!(
                "title: T\nkey_results:\n  - {{id: a, metric: m, baseline: {baseline}, target: {target}, measurements: [{{date: 2026-02-01, value: 1}}]}}\n{extra}"
            )
        };
        let old = version("2026-01-10", &kr("0", "10", ""));
        // The target of `a` moves; `b` is new: only `a`'s change is one.
        let new = version(
            "2026-03-03",
            &kr("0", "8", "  - {id: b, metric: n, baseline: 0, target: 5}\n"),
        );
        let found = changes(&old, &new);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].change,
            Changed::Target {
                from: Some(10.0),
                to: Some(8.0),
                key_result: Some("a".into()),
            }
        );
        assert_eq!(found[0].measured_before, 1);
        let baseline = version("2026-03-04", &kr("2", "8", ""));
        assert_eq!(
            changes(&new, &baseline)[0].change,
            Changed::Baseline {
                from: Some(0.0),
                to: Some(2.0),
                key_result: Some("a".into()),
            }
        );
    }

    #[test]
    fn versions_that_do_not_parse_are_skipped_and_sensitive_ones_are_the_coachs() {
        let d = |s: &str| Date::parse(s).unwrap();
        let v = |target: &str, extra: &str| {
            format!(
                "---\ntitle: T\nmeasure: {{metric: m, baseline: 0, target: {target}}}\n{extra}---\n"
            )
        };
        let mut c = Changes::new(Visibility::Client);
        c.next(d("2026-01-10"), &v("100", ""));
        c.next(d("2026-02-10"), "---\ntitle: [broken\n---\n");
        c.next(d("2026-03-10"), &v("80", "sensitive: true\n"));
        assert_eq!(c.found.len(), 1);
        assert_eq!(c.found[0].date, d("2026-03-10"));
        assert_eq!(
            c.found[0].change,
            Changed::Target {
                from: Some(100.0),
                to: Some(80.0),
                key_result: None,
            }
        );
        assert_eq!(c.found[0].visibility, Visibility::Coach);
    }
}
