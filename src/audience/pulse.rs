//! What a reader may see of a stakeholder pulse: counts per rater group, never one
//! answer, and never a group small enough to tell who answered what.
//!
//! For each objective of a survey:
//! - a rater group with at least [`MIN_GROUP`] raters of that objective is shown by name;
//! - the smaller groups are pooled as "other stakeholders", shown when the pool has at
//!   least [`MIN_GROUP`] raters;
//! - a smaller pool is left out of every figure (the totals too, so that no figure can
//!   be subtracted from another to find it), and only its size is said.
//!
//! Every view counts the same way, the coach's too, so that every reader is given the
//! same net score; the coach alone also reads the answers themselves.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{PULSE_MIN, PULSE_MIN_GROUP, Pulse, Survey, Tally};

/// The fewest raters a group (or the pool of small groups) may have to be shown.
pub const MIN_GROUP: u32 = PULSE_MIN_GROUP;

/// The counts of `survey`'s answers a reader may see, over the objectives in `objectives`.
pub fn pulse_of(survey: &Survey, objectives: &BTreeSet<&str>) -> Pulse {
    // objective → group → counts
    let mut by: BTreeMap<&str, BTreeMap<&str, [u32; 7]>> = BTreeMap::new();
    for answer in &survey.front.answers {
        for (objective, rating) in &answer.ratings {
            let Some(objective) = objectives.get(objective.value.as_str()) else {
                continue;
            };
            let Some(slot) = usize::try_from(rating.value - PULSE_MIN)
                .ok()
                .filter(|i| *i < 7)
            else {
                continue;
            };
            by.entry(objective)
                .or_default()
                .entry(answer.group.value.as_str())
                .or_default()[slot] += 1;
        }
    }
    let mut pulse = Pulse::default();
    for (objective, groups) in by {
        let mut pool = [0u32; 7];
        for (group, counts) in groups {
            if counts.iter().sum::<u32>() >= MIN_GROUP {
                pulse.tallies.push(Tally {
                    objective: objective.to_string(),
                    group: Some(group.to_string()),
                    counts,
                });
            } else {
                for (p, c) in pool.iter_mut().zip(counts) {
                    *p += c;
                }
            }
        }
        let pooled: u32 = pool.iter().sum();
        if pooled >= MIN_GROUP {
            pulse.tallies.push(Tally {
                objective: objective.to_string(),
                group: None,
                counts: pool,
            });
        } else if pooled > 0 {
            pulse.left_out.insert(objective.to_string(), pooled);
        }
    }
    pulse
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, Visibility};

    fn survey(answers: &str) -> Survey {
        let yaml = format!("date: 2026-03-27\ntitle: Pulse\nanswers:\n{answers}");
        Survey {
            id: "s".into(),
            source: Source::default(),
            front: serde_saphyr::from_str(&yaml).unwrap(),
            visibility: Visibility::Client,
            pulse: Pulse::default(),
        }
    }

    fn tally<'p>(p: &'p Pulse, objective: &str, group: Option<&str>) -> Option<&'p Tally> {
        p.tallies
            .iter()
            .find(|t| t.objective == objective && t.group.as_deref() == group)
    }

    #[test]
    fn small_groups_are_pooled_and_a_small_pool_left_out() {
        let s = survey(
            "  - {group: peers, ratings: {o: 2}}\n  - {group: peers, ratings: {o: 1}}\n  - {group: peers, ratings: {o: 0}}\n  - {group: manager, ratings: {o: -1}}\n  - {group: customers, ratings: {o: 3}}\n  - {group: customers, ratings: {o: 2, p: 1}}\n",
        );
        let objectives = BTreeSet::from(["o", "p"]);
        let p = pulse_of(&s, &objectives);
        // Peers: three raters, shown: one each at 0, +1, +2.
        assert_eq!(
            tally(&p, "o", Some("peers")).unwrap().counts,
            [0, 0, 0, 1, 1, 1, 0]
        );
        // The manager (1) and the customers (2) pooled: three raters, shown as one.
        let pool = tally(&p, "o", None).unwrap();
        assert_eq!(pool.counts, [0, 0, 1, 0, 0, 1, 1]);
        assert!(tally(&p, "o", Some("manager")).is_none());
        // Objective p has one rater: left out, only counted.
        assert!(p.tallies.iter().all(|t| t.objective != "p"));
        assert_eq!(p.left_out.get("p"), Some(&1));
    }

    #[test]
    fn a_pool_under_three_is_left_out_of_the_totals_too() {
        let s = survey(
            "  - {group: peers, ratings: {o: 2}}\n  - {group: peers, ratings: {o: 2}}\n  - {group: peers, ratings: {o: 2}}\n  - {group: manager, ratings: {o: -3}}\n",
        );
        let p = pulse_of(&s, &BTreeSet::from(["o"]));
        assert_eq!(p.tallies.len(), 1);
        assert_eq!(p.tallies[0].raters(), 3);
        assert_eq!(p.left_out.get("o"), Some(&1));
    }

    #[test]
    fn objectives_the_reader_cannot_see_are_not_counted() {
        let s = survey(
            "  - {group: peers, ratings: {hidden: 2}}\n  - {group: peers, ratings: {hidden: 2}}\n  - {group: peers, ratings: {hidden: 2}}\n",
        );
        let p = pulse_of(&s, &BTreeSet::from(["o"]));
        assert!(p.tallies.is_empty() && p.left_out.is_empty());
    }
}
