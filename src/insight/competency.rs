//! Competencies: where each stands against its target (gap analysis and the
//! stable-success rule), and the zone-of-proximal-development check of an objective's
//! competencies at planning time.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{DAYS_PER_MONTH, ReliableChange, reliable_change};
use crate::model::{Date, Engagement};

/// Where one competency stands: the gap analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetencyStanding {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) target: i64,
    pub(crate) latest: Option<i64>,
    pub(crate) latest_date: Option<Date>,
    /// target − latest.
    pub gap: Option<i64>,
    /// The level of the assessment before the latest one.
    pub previous: Option<i64>,
    /// The latest level was held in two consecutive assessments.
    pub stable: bool,
    /// Objectives that need this competency.
    pub objectives: Vec<String>,
    /// The change from the first assessment that rated it to the latest, with its
    /// reliable change index; `None` until two assessments rated it.
    pub change: Option<ReliableChange>,
}

/// Gap analysis: each competency's latest level against its target, largest gap first
/// (not yet assessed last), with the stable-success rule.
pub fn competency_standings(e: &Engagement, as_of: Date) -> Vec<CompetencyStanding> {
    let mut standings: Vec<CompetencyStanding> = e
        .info
        .competencies
        .iter()
        .map(|c| {
            let id = c.id.value.as_str();
            let levels: Vec<(Date, i64)> = e
                .assessments
                .iter()
                .filter(|a| a.front.date <= as_of)
                .filter_map(|a| {
                    a.front
                        .ratings
                        .iter()
                        .find(|(k, _)| k.value == id)
                        .map(|(_, l)| (a.front.date, l.value))
                })
                .collect();
            let latest = levels.last().copied();
            CompetencyStanding {
                id: id.to_string(),
                name: c.name.clone(),
                target: c.target.value,
                latest: latest.map(|l| l.1),
                latest_date: latest.map(|l| l.0),
                gap: latest.map(|l| c.target.value - l.1),
                previous: levels.len().checked_sub(2).map(|i| levels[i].1),
                stable: is_stable(&levels.iter().map(|l| l.1).collect::<Vec<_>>()),
                change: match (levels.first(), latest) {
                    (Some(first), Some(last)) if levels.len() >= 2 => reliable_change(
                        *first,
                        last.1,
                        e.info.scale.sd(),
                        e.info.scale.reliability(),
                    ),
                    _ => None,
                },
                objectives: e
                    .objectives
                    .iter()
                    .filter(|o| o.front.competencies.iter().any(|k| k.value == id))
                    .map(|o| o.id.clone())
                    .collect(),
            }
        })
        .collect();
    standings.sort_by(|a, b| {
        (a.gap.is_none(), std::cmp::Reverse(a.gap), &a.name).cmp(&(
            b.gap.is_none(),
            std::cmp::Reverse(b.gap),
            &b.name,
        ))
    });
    standings
}

/// The stable-success rule: the latest level counts as stable when the two latest
/// assessments both rate the competency at or above it.
pub fn is_stable(levels: &[i64]) -> bool {
    match levels {
        [.., before, latest] => before >= latest,
        _ => false,
    }
}

/// Levels of each competency by assessment date (for the pages).
pub fn levels_by_date(e: &Engagement, competency: &str) -> BTreeMap<Date, i64> {
    e.assessments
        .iter()
        .filter_map(|a| {
            a.front
                .ratings
                .iter()
                .find(|(k, _)| k.value == competency)
                .map(|(_, l)| (a.front.date, l.value))
        })
        .collect()
}

/// The competency check (ZPD) of one competency of one objective, at planning time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stretch {
    pub(crate) competency: String,
    /// The level known when the objective was planned (latest assessment on or before
    /// its start, else the first assessment).
    pub current: i64,
    pub(crate) assessed_on: Date,
    pub(crate) target: i64,
    /// Months from the objective's start to its due date.
    pub months: f64,
    /// Levels per month the objective asks for.
    pub levels_per_month: f64,
    pub(crate) beyond_zpd: bool,
    /// Months a realistic plan would take at `max_levels_per_month`.
    pub realistic_months: f64,
    /// Intermediate milestones one level at a time at the realistic pace.
    pub milestones: Vec<LevelMilestone>,
}

/// One step of a realistic plan: the next level, and the day it is reached at
/// `max_levels_per_month` from the objective's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelMilestone {
    pub(crate) level: i64,
    pub(crate) by: Date,
}

/// The competency check (ZPD) at planning time for one competency of an objective.
pub fn stretch(
    e: &Engagement,
    competency: &str,
    start: Date,
    due: Option<Date>,
    as_of: Date,
    max_levels_per_month: f64,
) -> Option<Stretch> {
    let c = e.competency(competency)?;
    let due = due?;
    let rated = |a: &&crate::model::Assessment| {
        a.front.date <= as_of && a.front.ratings.keys().any(|k| k.value == competency)
    };
    let level_in = |a: &crate::model::Assessment| {
        a.front
            .ratings
            .iter()
            .find(|(k, _)| k.value == competency)
            .map(|(_, l)| l.value)
    };
    let known = e
        .assessments
        .iter()
        .filter(rated)
        .rfind(|a| a.front.date <= start)
        .or_else(|| e.assessments.iter().find(rated))?;
    let current = level_in(known)?;
    let target = c.target.value;
    let gap = (target - current) as f64;
    let months = (start.days_until(due) as f64 / DAYS_PER_MONTH).max(0.0);
    let levels_per_month = if months > 0.0 {
        gap / months
    } else if gap > 0.0 {
        f64::MAX
    } else {
        0.0
    };
    let beyond_zpd = gap > 0.0 && levels_per_month > max_levels_per_month;
    let realistic_months = if max_levels_per_month > 0.0 {
        (gap / max_levels_per_month).max(0.0)
    } else {
        0.0
    };
    let milestones = if beyond_zpd && max_levels_per_month > 0.0 {
        (1..=(target - current))
            .filter_map(|k| {
                let days = (k as f64 / max_levels_per_month * DAYS_PER_MONTH).round() as i64;
                start.add_days(days).map(|by| LevelMilestone {
                    level: current + k,
                    by,
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(Stretch {
        competency: competency.to_string(),
        current,
        assessed_on: known.front.date,
        target,
        months,
        levels_per_month: if levels_per_month == f64::MAX {
            gap.max(0.0) * 1000.0
        } else {
            levels_per_month
        },
        beyond_zpd,
        realistic_months,
        milestones,
    })
}
