use super::*;
use crate::model::*;

pub(super) fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

const INFO: &str = "title: T\nclient: C\nkind: team\ncoach: X\nstart: 2026-01-12\nscale: {min: 1, max: 5}\ncompetencies:\n  - {id: scrum, name: Scrum, target: 4}\n  - {id: tools, name: Tools, target: 3}\n";

/// An engagement from YAML snippets, without files.
pub(super) fn engagement(
    objectives: &[(&str, &str)],
    assessments: &[&str],
    plan: &str,
) -> Engagement {
    let info: EngagementInfo = serde_saphyr::from_str(INFO).unwrap();
    let plan: PlanFile = serde_saphyr::from_str(plan).unwrap();
    let mut e = Engagement {
        root: ".".into(),
        info,
        objectives: objectives
            .iter()
            .map(|(id, yaml)| Objective {
                id: id.to_string(),
                source: Source::default(),
                front: serde_saphyr::from_str(yaml).unwrap(),
                body: Default::default(),
                body_line: 0,
                properties: vec![],
                visibility: Visibility::Client,
                history: vec![],
            })
            .collect(),
        assessments: assessments
            .iter()
            .enumerate()
            .map(|(i, yaml)| Assessment {
                id: format!("a{i}"),
                source: Source::default(),
                front: serde_saphyr::from_str(yaml).unwrap(),
                visibility: Visibility::Client,
            })
            .collect(),
        plan: Plan {
            source: Source::default(),
            actions: plan.actions,
            revisions: plan.revisions,
        },
        sessions: vec![],
        lessons: vec![],
        surveys: vec![],
        report: None,
        withheld: Default::default(),
        attachments: Default::default(),
    };
    for o in &mut e.objectives {
        o.front.measurements.sort_by_key(|m| m.date);
    }
    e
}

pub(super) fn one(yaml: &str, as_of: &str) -> ObjectiveInsight {
    let e = engagement(&[("o", yaml)], &[], "actions: []");
    analyze(&e, d(as_of)).objectives.remove(0)
}

pub(super) fn codes(o: &ObjectiveInsight) -> Vec<String> {
    o.findings
        .iter()
        .map(|f| {
            serde_json::to_value(&f.finding).unwrap()["code"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

const RISING: &str = "title: R\nspecific: Meet the sprint goal every sprint\nmeasure: {metric: m, baseline: 0, target: 50}\nachievable: a\nrelevant: r\nstart: 2026-01-01\ndue: 2026-03-02\nmeasurements:\n  - {date: 2026-01-01, value: 0}\n  - {date: 2026-01-11, value: 10}\n  - {date: 2026-01-21, value: 20}\n";

#[test]
fn rising_metric_on_track() {
    let o = one(RISING, "2026-01-21");
    // Points (0, 0), (10, 10), (20, 20): slope exactly 1 per day.
    assert!((o.trend.unwrap().per_day - 1.0).abs() < 1e-12);
    // Progress (20 − 0) / (50 − 0) = 0.4.
    assert_eq!(o.progress, Some(0.4));
    // 30 to go at 1 a day from 21 January: 20 February, before the due date 2 March.
    assert_eq!(o.forecast, Some(d("2026-02-20")));
    assert_eq!(o.tracking, Tracking::OnTrack);
    // Line 0 → 50 over 60 days says 16.67 on day 20; 20 / 16.67 = 1.2.
    let a = o.adherence.unwrap();
    assert!((a.share - 1.2).abs() < 1e-9);
    assert_eq!(a.band, AdherenceBand::OnTrack);
    // Required 30 / 40 days = 0.75 a day against 1 observed: ratio 0.75.
    let p = o.pace.unwrap();
    assert!((p.ratio.unwrap() - 0.75).abs() < 1e-9);
    assert_eq!(p.finding, PaceFinding::Realistic);
    assert!(o.findings.is_empty(), "{:?}", o.findings);
}

#[test]
fn falling_metric() {
    let yaml = "title: F\nmeasure: {metric: defects, baseline: 14, target: 4}\nstart: 2026-01-01\ndue: 2026-03-31\nmeasurements:\n  - {date: 2026-01-01, value: 14}\n  - {date: 2026-01-15, value: 12}\n  - {date: 2026-01-29, value: 10}\n";
    let o = one(yaml, "2026-01-29");
    // Slope −2 per 14 days = −1/7 a day.
    assert!((o.trend.unwrap().per_day + 1.0 / 7.0).abs() < 1e-12);
    // Progress (10 − 14) / (4 − 14) = 0.4.
    assert!((o.progress.unwrap() - 0.4).abs() < 1e-12);
    // 6 defects to go at 1/7 a day: 42 days after 29 January = 12 March.
    assert_eq!(o.forecast, Some(d("2026-03-12")));
    assert_eq!(o.tracking, Tracking::OnTrack);
    // Required −6 / 61 days = −0.0984 a day; observed −0.1429: ratio 0.6885.
    let p = o.pace.unwrap();
    assert!((p.ratio.unwrap() - 0.688_524_590_163_934_4).abs() < 1e-9);
}

#[test]
fn stalled_by_no_progress_and_by_silence() {
    let flat = "title: S\nmeasure: {metric: m, baseline: 0, target: 10}\nstart: 2026-01-01\ndue: 2026-06-30\nmeasurements:\n  - {date: 2026-01-01, value: 4}\n  - {date: 2026-01-08, value: 5}\n  - {date: 2026-01-15, value: 4}\n";
    // Last three: 4 → 5 → 4: no progress since 1 January.
    let o = one(flat, "2026-01-20");
    assert_eq!(o.tracking, Tracking::Stalled);
    assert!(codes(&o).contains(&"no-progress".to_string()));
    // Rising, but the last value is 45 days old (> 30).
    let o = one(RISING, "2026-03-01");
    assert_eq!(o.tracking, Tracking::Stalled);
    assert!(o.findings.iter().any(|f| f.finding
        == Finding::Stalled {
            last_measurement: d("2026-01-21"),
            days: 39
        }));
}

#[test]
fn at_risk_when_the_forecast_is_after_due() {
    // Slope 1 a day; 30 to go from 21 January lands on 20 February, due 10 February.
    let yaml = RISING.replace("due: 2026-03-02", "due: 2026-02-10");
    let o = one(&yaml, "2026-01-21");
    assert_eq!(o.tracking, Tracking::AtRisk);
    assert!(o.findings.iter().any(|f| f.finding
        == Finding::AtRisk {
            forecast: Some(d("2026-02-20")),
            due: d("2026-02-10")
        }));
    // Required 30 in 20 days = 1.5 a day: ratio 1.5, under 2.0, so no pace flag.
    assert_eq!(o.pace.unwrap().finding, PaceFinding::Realistic);
}

#[test]
fn pace_beyond_the_ratio_and_backwards() {
    // Observed 1 a day; 30 to go in 10 days needs 3 a day: ratio 3 > 2.
    let yaml = RISING.replace("due: 2026-03-02", "due: 2026-01-31");
    let p = one(&yaml, "2026-01-21").pace.unwrap();
    assert!((p.ratio.unwrap() - 3.0).abs() < 1e-9);
    assert_eq!(p.finding, PaceFinding::TooFast);
    let backwards = RISING.replace("value: 20}", "value: -5}");
    let o = one(&backwards, "2026-01-21");
    assert_eq!(o.pace.unwrap().finding, PaceFinding::FlatOrBackwards);
    assert_eq!(o.forecast, None);
    // 0 → 10 → −5: the last three show no progress, which makes it stalled.
    assert_eq!(o.tracking, Tracking::Stalled);
}

#[test]
fn trajectory_bands() {
    let start = d("2026-01-01");
    let due = d("2026-04-11"); // 100 days
    // Day 50: the line says 50; 30 is 60 %, 20 is 40 %, 45 is 90 %.
    let at = |v| trajectory(0.0, 100.0, start, due, (d("2026-02-20"), v)).unwrap();
    assert_eq!(at(30.0).band, AdherenceBand::AtRisk);
    assert!((at(30.0).share - 0.6).abs() < 1e-12);
    assert_eq!(at(20.0).band, AdherenceBand::Revise);
    assert_eq!(at(45.0).band, AdherenceBand::OnTrack);
    // Falling: 14 → 4, day 50 expects 9; 11.5 is (11.5 − 14) / (9 − 14) = 50 %.
    let down = trajectory(14.0, 4.0, start, due, (d("2026-02-20"), 11.5)).unwrap();
    assert!((down.share - 0.5).abs() < 1e-12);
    assert_eq!(down.band, AdherenceBand::AtRisk);
}

#[test]
fn gas_t_scores() {
    // Σwx = −2, Σw² = 3, (Σw)² = 9: T = 50 + 10·(−2) / √(0.7·3 + 0.3·9) = 50 − 20/√4.8 = 40.871.
    let t = gas_t_score(&[(-1.0, 1.0), (-1.0, 1.0), (0.0, 1.0)]).unwrap();
    assert!((t - 40.871_290_708_247_23).abs() < 1e-9);
    assert_eq!(
        gas_t_score(&[(-1.0, 1.0), (0.0, 1.0), (1.0, 1.0)]),
        Some(50.0)
    );
    // Weights 2, 1, 1 on levels 1, −1, 0: Σwx = 1, √(0.7·6 + 0.3·16) = 3: T = 53.33.
    let t = gas_t_score(&[(1.0, 2.0), (-1.0, 1.0), (0.0, 1.0)]).unwrap();
    assert!((t - 50.0 - 10.0 / 3.0).abs() < 1e-12);
    assert_eq!(gas_t_score(&[]), None);
}

#[test]
fn gas_objectives_feed_the_t_score() {
    let gas = |levels: &str| {
        format!(
            "title: G\ngas: {{-2: a, -1: b, 0: c, 1: d, 2: e}}\ndue: 2026-06-30\nmeasurements: [{levels}]\n"
        )
    };
    let e = engagement(
        &[
            (
                "a",
                &gas("{date: 2026-02-01, value: -2}, {date: 2026-03-01, value: -1}"),
            ),
            ("b", &gas("{date: 2026-03-01, value: -1}")),
            ("c", &gas("{date: 2026-03-01, value: 0}")),
        ],
        &[],
        "actions: []",
    );
    let i = analyze(&e, d("2026-03-15"));
    assert!((i.gas_t_score.unwrap() - 40.871_290_708_247_23).abs() < 1e-9);
    // GAS progress of `a`: from −2 to −1 toward 0 = 50 %.
    assert_eq!(i.objective("a").unwrap().progress, Some(0.5));
}

#[test]
fn an_achieved_objective_is_past_the_planning_checks() {
    // The same jump as below, but the objective is achieved: no ZPD verdict on it.
    let objective =
        "title: Adopt Scrum\ncompetencies: [scrum]\ndue: 2026-04-12\nstatus: achieved\n";
    let e = engagement(
        &[("scrum", objective)],
        &["date: 2026-01-12\ntitle: Baseline\nratings: {scrum: 1}\n"],
        "actions: []",
    );
    let o = analyze(&e, d("2026-01-12")).objectives.remove(0);
    assert!(o.stretches.is_empty());
    assert!(
        o.smart
            .iter()
            .all(|l| !l.reasons.contains(&SmartReason::BeyondZpd))
    );
}

#[test]
fn an_acknowledged_planning_finding_stops_taking_space() {
    let objective = "title: Adopt Scrum\ncompetencies: [scrum]\ndue: 2026-04-12\nacknowledged: [beyond-zpd, not-smart]\n";
    let e = engagement(
        &[("scrum", objective)],
        &["date: 2026-01-12\ntitle: Baseline\nratings: {scrum: 1}\n"],
        "actions: []",
    );
    let o = analyze(&e, d("2026-01-12")).objectives.remove(0);
    // The check still runs (the objective's page shows it); the findings are gone.
    assert!(o.stretches[0].beyond_zpd);
    assert!(
        codes(&o)
            .iter()
            .all(|c| c != "beyond-zpd" && c != "not-smart"),
        "{:?}",
        codes(&o)
    );
}

#[test]
fn a_team_asked_to_jump_three_levels_in_three_months() {
    let objective = "title: Adopt Scrum\ncompetencies: [scrum]\ndue: 2026-04-12\n";
    let e = engagement(
        &[("scrum", objective)],
        &["date: 2026-01-12\ntitle: Baseline\nratings: {scrum: 1}\n"],
        "actions: []",
    );
    let i = analyze(&e, d("2026-01-12"));
    let o = i.objective("scrum").unwrap();
    let s = &o.stretches[0];
    // Level 1 → 4 in 90 days = 2.957 months: 1.015 levels a month > 0.5.
    assert_eq!((s.current, s.target), (1, 4));
    assert!((s.months - 90.0 / DAYS_PER_MONTH).abs() < 1e-12);
    assert!((s.levels_per_month - 1.014_583_333_333_333_4).abs() < 1e-9);
    assert!(s.beyond_zpd);
    // 3 levels at 0.5 a month: 6 months, one level every 2 months.
    assert_eq!(s.realistic_months, 6.0);
    let milestones: Vec<(i64, Date)> = s.milestones.iter().map(|m| (m.level, m.by)).collect();
    assert_eq!(
        milestones,
        vec![
            (2, d("2026-03-14")),
            (3, d("2026-05-14")),
            (4, d("2026-07-14"))
        ]
    );
    assert!(codes(o).contains(&"beyond-zpd".to_string()));
    // And A of SMART fails for it.
    assert!(o.smart[2].reasons.contains(&SmartReason::BeyondZpd));
}

#[test]
fn smart_letters_with_reasons() {
    let o = one(
        "title: P\nspecific: The team owns the platform end to end\nmeasure: {metric: m, target: 80}\ndue: 2026-12-31\nstatus: proposed\n",
        "2026-02-01",
    );
    let failed: Vec<(char, Vec<SmartReason>)> = o
        .smart
        .iter()
        .filter(|l| !l.pass)
        .map(|l| (l.letter, l.reasons.clone()))
        .collect();
    assert_eq!(
        failed,
        vec![
            ('M', vec![SmartReason::NoBaseline]),
            ('A', vec![SmartReason::NoAchievable]),
            ('R', vec![SmartReason::NoRelevant]),
        ]
    );
    assert_eq!(o.tracking, Tracking::NotTracked);
    let bare = one("title: B\n", "2026-02-01");
    let reasons: Vec<SmartReason> = bare.smart.iter().flat_map(|l| l.reasons.clone()).collect();
    assert_eq!(
        reasons,
        vec![
            SmartReason::NoSpecific,
            SmartReason::NoMeasure,
            SmartReason::NoAchievable,
            SmartReason::NoRelevant,
            SmartReason::NoDue
        ]
    );
}

#[test]
fn edge_cases_have_a_status_and_no_figures_they_cannot_have() {
    // One measurement: progress, no trend.
    let single = RISING.replace(
        "  - {date: 2026-01-11, value: 10}\n  - {date: 2026-01-21, value: 20}\n",
        "",
    );
    let single = single.replace("value: 0}", "value: 5}");
    let o = one(&single, "2026-01-05");
    assert_eq!(
        (o.progress, o.trend, o.tracking),
        (Some(0.1), None, Tracking::TooEarly)
    );
    // None: no progress; a warning once the start is over 30 days ago.
    let none = "title: N\nmeasure: {metric: m, baseline: 0, target: 5}\nstart: 2026-01-01\ndue: 2026-06-30\n";
    let o = one(none, "2026-01-20");
    assert_eq!((o.progress, o.tracking), (None, Tracking::NoMeasurement));
    assert!(!codes(&o).contains(&"no-measurement".to_string()));
    assert!(codes(&one(none, "2026-03-01")).contains(&"no-measurement".to_string()));
    // Target reached: achieved, no flags.
    let reached = RISING.replace("value: 20}", "value: 60}");
    let o = one(&reached, "2026-01-21");
    assert_eq!((o.tracking, o.progress), (Tracking::Achieved, Some(1.0)));
    assert!(o.findings.is_empty());
    // Due passed.
    let o = one(RISING, "2026-03-05");
    assert_eq!(o.tracking, Tracking::Overdue);
    assert!(codes(&o).contains(&"due-passed".to_string()));
    // Paused and dropped: never flagged.
    for status in ["paused", "dropped"] {
        let o = one(&format!("{RISING}status: {status}\n"), "2026-06-01");
        assert_eq!(o.tracking, Tracking::NotTracked);
        assert!(o.findings.is_empty());
    }
    // Measurements after the as-of date do not count.
    assert_eq!(one(RISING, "2026-01-15").latest, Some(10.0));
}

#[test]
fn gap_analysis_ranks_and_applies_the_stable_success_rule() {
    let e = engagement(
        &[("o", "title: O\ncompetencies: [tools]\n")],
        &[
            "date: 2026-01-15\ntitle: A\nratings: {scrum: 2, tools: 1}\n",
            "date: 2026-03-15\ntitle: B\nratings: {scrum: 3}\n",
        ],
        "actions: []",
    );
    let c = competency_standings(&e, d("2026-04-01"));
    // tools: 3 − 1 = 2; scrum: 4 − 3 = 1.
    assert_eq!(
        c.iter().map(|c| (c.id.as_str(), c.gap)).collect::<Vec<_>>(),
        vec![("tools", Some(2)), ("scrum", Some(1))]
    );
    // scrum went 2 → 3: reached once, not stable; tools was rated once: not stable.
    assert!(!c[0].stable && !c[1].stable);
    assert!(is_stable(&[3, 3]) && is_stable(&[4, 3]) && !is_stable(&[2, 3]) && !is_stable(&[3]));
    // A competency no objective uses.
    let i = analyze(&e, d("2026-04-01"));
    assert!(i.findings.iter().any(|f| f.finding
        == Finding::CompetencyUnused {
            competency: "scrum".into()
        }));
    // The assessment of 15 March is ignored as of 1 March.
    let before = competency_standings(&e, d("2026-03-01"));
    assert_eq!(
        before.iter().find(|c| c.id == "scrum").unwrap().latest,
        Some(2)
    );
}

#[test]
fn a_level_changed_since_the_first_assessment_is_judged_against_the_noise() {
    let e = engagement(
        &[],
        &[
            "date: 2026-01-15\ntitle: A\nratings: {scrum: 1, tools: 2}\n",
            "date: 2026-03-15\ntitle: B\nratings: {scrum: 2, tools: 4}\n",
            "date: 2026-05-15\ntitle: C\nratings: {scrum: 3}\n",
        ],
        "actions: []",
    );
    let c = competency_standings(&e, d("2026-06-01"));
    let of = |id: &str| c.iter().find(|c| c.id == id).unwrap().change.unwrap();
    // 1–5, reliability 0.8: S_diff = √2 · √2 · √0.2 = 0.8944.
    // scrum 1 → 3 since 15 January: RCI 2.236, reliable.
    let scrum = of("scrum");
    assert_eq!(
        (scrum.from, scrum.since, scrum.change),
        (1, d("2026-01-15"), 2)
    );
    assert!((scrum.rci - 2.236_068).abs() < 1e-6 && scrum.reliable);
    // tools 2 → 4: the same.
    assert!(of("tools").reliable);
    // As of April, scrum has moved one level: 1.118, within the noise.
    let april = competency_standings(&e, d("2026-04-01"));
    let scrum = april
        .iter()
        .find(|c| c.id == "scrum")
        .unwrap()
        .change
        .unwrap();
    assert!(!scrum.reliable && (scrum.rci - 1.118_034).abs() < 1e-6);
    // One assessment: no change to judge.
    let february = competency_standings(&e, d("2026-02-01"));
    assert!(february.iter().all(|c| c.change.is_none()));
}

#[test]
fn commitment_counts_on_time_among_due_and_skips_dropped() {
    let plan = "actions:\n  - {id: a, title: A, due: 2026-03-01, status: done, done: 2026-02-28}\n  - {id: b, title: B, due: 2026-03-05, status: done, done: 2026-03-05}\n  - {id: c, title: C, due: 2026-03-08, status: done, done: 2026-03-12}\n  - {id: d, title: D, due: 2026-03-10, status: open}\n  - {id: e, title: E, due: 2026-03-10, status: dropped}\n  - {id: f, title: F, due: 2026-04-30, status: open}\n  - {id: g, title: G, status: blocked}\n";
    let e = engagement(&[], &[], plan);
    let i = analyze(&e, d("2026-03-15"));
    let c = &i.commitment;
    // Due by 15 March, not dropped: a, b, c, d. On time: a, b. 2 / 4 = 50 %.
    assert_eq!((c.due, c.on_time, c.rate), (4, 2, Some(0.5)));
    assert_eq!(c.band, Some(CommitmentBand::BelowHealthy));
    let codes: Vec<String> = i
        .findings
        .iter()
        .map(|f| {
            serde_json::to_value(&f.finding).unwrap()["code"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(codes.contains(&"action-overdue".into()) && codes.contains(&"action-blocked".into()));
    // Done after the as-of date does not count yet.
    let early = analyze(&e, d("2026-03-11"));
    assert_eq!((early.commitment.due, early.commitment.on_time), (4, 2));
}

#[test]
fn commitment_bands() {
    let plan = |n_done: usize, n: usize| {
        let mut text = String::from("actions:\n");
        for i in 0..n {
            let done = if i < n_done {
                ", status: done, done: 2026-03-01"
            } else {
                ""
            };
            text.push_str(&format!(
                "  - {{id: a{i}, title: A, due: 2026-03-02{done}}}\n"
            ));
        }
        text
    };
    let band = |d_: usize, n: usize| {
        analyze(&engagement(&[], &[], &plan(d_, n)), d("2026-03-15"))
            .commitment
            .band
    };
    assert_eq!(band(1, 3), Some(CommitmentBand::TooLow));
    assert_eq!(band(3, 4), Some(CommitmentBand::Healthy));
    assert_eq!(band(9, 10), Some(CommitmentBand::AboveHealthy));
    // 100 % in one period only is not yet "always".
    assert_eq!(band(3, 3), Some(CommitmentBand::AboveHealthy));
    // Two actions due are too few to judge: no rate, no band (and no finding).
    assert_eq!(band(2, 2), None);
    let few = analyze(&engagement(&[], &[], &plan(0, 2)), d("2026-03-15"));
    assert_eq!((few.commitment.due, few.commitment.rate), (2, None));
    assert!(
        !few.findings
            .iter()
            .any(|f| matches!(f.finding, Finding::Commitment { .. }))
    );
}

#[test]
fn the_band_speaks_of_the_last_eight_weeks_only() {
    // Four actions due long ago, one done: 25 % overall, but nothing due in the last
    // eight weeks, so there is no band and no "last eight weeks" finding.
    let mut text = String::from("actions:\n");
    for i in 0..4 {
        let done = if i == 0 {
            ", status: done, done: 2026-01-01"
        } else {
            ""
        };
        text.push_str(&format!(
            "  - {{id: a{i}, title: A, due: 2026-01-02{done}}}\n"
        ));
    }
    let i = analyze(&engagement(&[], &[], &text), d("2026-06-15"));
    assert_eq!(i.commitment.rate, Some(0.25));
    assert_eq!(
        (i.commitment.recent_due, i.commitment.recent_rate),
        (0, None)
    );
    assert_eq!(i.commitment.band, None);
    assert!(
        !i.findings
            .iter()
            .any(|f| matches!(f.finding, Finding::Commitment { .. }))
    );
}

#[test]
fn two_measurements_are_too_few_for_a_trend() {
    let o = |measurements: &str| {
        one(
            &format!(
                "title: O\nstatus: active\nstart: 2026-01-01\ndue: 2026-12-31\n\
                 measure: {{metric: m, baseline: 0, target: 10}}\nmeasurements:\n{measurements}"
            ),
            "2026-03-15",
        )
    };
    let two = o("  - {date: 2026-02-01, value: 2}\n  - {date: 2026-03-01, value: 4}\n");
    assert_eq!((two.trend, two.forecast), (None, None));
    assert_eq!(two.tracking, Tracking::TooEarly);
    assert_eq!(two.progress, Some(0.4));
    let three = o(
        "  - {date: 2026-01-01, value: 0}\n  - {date: 2026-02-01, value: 2}\n  - {date: 2026-03-01, value: 4}\n",
    );
    assert!(three.trend.is_some() && three.forecast.is_some());
}

#[test]
fn retention_and_sensitive_items() {
    let mut e = engagement(&[("o", "title: O\nsensitive: true\n")], &[], "actions: []");
    e.info.retain_until = Some(d("2026-01-31"));
    let i = analyze(&e, d("2026-02-01"));
    assert!(i.findings.iter().any(|f| f.severity == Severity::Error
        && f.finding
            == Finding::RetentionPassed {
                retain_until: d("2026-01-31")
            }));
    assert!(i.findings.iter().any(|f| f.finding
        == Finding::Sensitive {
            kind: "objective".into(),
            id: "o".into()
        }));
}

#[test]
fn the_engagement_s_findings_come_in_one_order() {
    let objective = "title: G\nsensitive: true\ngas: {-2: a, -1: b, 0: c, 1: d, 2: e}\ndue: 2026-06-30\nmeasurements: [{date: 2026-03-01, value: -2}]\n";
    let plan = "actions:\n  - {id: x1, title: X, status: blocked}\n  - {id: x2, title: X, due: 2026-03-01}\n  - {id: x3, title: X, due: 2026-03-02}\n  - {id: x4, title: X, due: 2026-03-01, status: blocked}\n  - {id: x5, title: X, due: 2026-03-03, status: done, done: 2026-03-03}\n";
    let mut e = engagement(&[("g", objective)], &[], plan);
    e.info.retain_until = Some(d("2026-03-01"));
    let i = analyze(&e, d("2026-03-15"));
    let got: Vec<(Severity, String)> = i
        .findings
        .iter()
        .map(|f| {
            let value = serde_json::to_value(&f.finding).unwrap();
            let what = ["action", "competency", "id"]
                .iter()
                .find_map(|k| value[k].as_str())
                .unwrap_or_default();
            (
                f.severity,
                format!("{} {what}", value["code"].as_str().unwrap()),
            )
        })
        .collect();
    let want = [
        (Severity::Warning, "action-blocked x1"),
        (Severity::Warning, "action-overdue x2"),
        (Severity::Warning, "action-overdue x3"),
        (Severity::Warning, "action-blocked x4"),
        (Severity::Warning, "commitment "),
        (Severity::Note, "gas-low "),
        (Severity::Note, "competency-unused scrum"),
        (Severity::Note, "competency-unused tools"),
        (Severity::Error, "retention-passed "),
        (Severity::Note, "sensitive g"),
    ]
    .map(|(s, c)| (s, c.to_string()));
    assert_eq!(got, want);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn finite(x: f64) -> bool {
        x.is_finite()
    }

    fn all_finite(i: &Insight) -> bool {
        let opt = |x: Option<f64>| x.is_none_or(finite);
        i.gas_t_score.is_none_or(finite)
            && opt(i.commitment.rate)
            && i.objectives.iter().all(|o| {
                opt(o.progress)
                    && opt(o.latest)
                    && opt(o.target)
                    && o.trend
                        .is_none_or(|t| finite(t.per_day) && finite(t.per_month))
                    && o.adherence
                        .is_none_or(|a| finite(a.share) && finite(a.expected))
                    && o.pace.is_none_or(|p| {
                        finite(p.required_per_month) && opt(p.observed_per_month) && opt(p.ratio)
                    })
                    && o.stretches.iter().all(|s| {
                        finite(s.months) && finite(s.levels_per_month) && finite(s.realistic_months)
                    })
            })
    }

    proptest! {
        #[test]
        fn no_panic_and_no_non_finite_number(
            values in prop::collection::vec((0i64..400, -1e12f64..1e12), 0..12),
            baseline in -1e9f64..1e9,
            target in -1e9f64..1e9,
            due in 0i64..400,
            start in 0i64..400,
            as_of in 0i64..500,
            level in 1i64..6,
        ) {
            let day = |n: i64| d("2026-01-01").add_days(n).unwrap();
            let mut yaml = format!("title: P\nmeasure: {{metric: m, baseline: {baseline}, target: {target}}}\ncompetencies: [scrum]\nstart: {}\ndue: {}\nmeasurements:\n", day(start), day(due));
            if values.is_empty() {
                yaml.push_str("  []\n");
            }
            for (n, v) in &values {
                yaml.push_str(&format!("  - {{date: {}, value: {v}}}\n", day(*n)));
            }
            let assessment = format!("date: {}\ntitle: A\nratings: {{scrum: {level}}}\n", day(start));
            let e = engagement(&[("p", &yaml)], &[&assessment], "actions: []");
            let insight = analyze(&e, day(as_of));
            prop_assert!(all_finite(&insight));
        }
    }
}

#[test]
fn the_icf_log_counts_the_hours_held_by_the_as_of_date() {
    let mut e = engagement(&[], &[], "actions: []");
    let session = |id: &str, yaml: &str| {
        std::sync::Arc::new(Session {
            id: id.to_string(),
            source: Source::default(),
            front: serde_saphyr::from_str(yaml).unwrap(),
            body: Default::default(),
            body_line: 0,
            properties: vec![],
            visibility: Visibility::Client,
        })
    };
    e.sessions = vec![
        session("a", "date: 2026-01-20\ntitle: A\nduration: 90"),
        session("b", "date: 2026-02-03\ntitle: B\nduration: 45"),
        session("c", "date: 2026-02-17\ntitle: C"),
        session("d", "date: 2026-03-03\ntitle: D\nduration: 60"),
    ];
    // By 1 March: 90 + 45 minutes = 2.25 hours, one session without a duration; a team
    // with no members listed; still running, so it ends with its last session so far.
    let line = log_line(&e, d("2026-03-01"));
    assert_eq!((line.paid_hours, line.pro_bono_hours), (2.25, 0.0));
    assert_eq!((line.sessions, line.without_duration), (3, 1));
    assert_eq!((line.group, line.group_size), (true, 0));
    assert_eq!(line.end, Some(d("2026-02-17")));
    // Pro bono, ended on 10 March: all 195 minutes, 3.25 hours, and its own end date.
    e.info.billing = Some(Billing::ProBono);
    e.info.end = Some(At::new(d("2026-03-10"), Pos::default()));
    let line = log_line(&e, d("2026-06-15"));
    assert_eq!((line.paid_hours, line.pro_bono_hours), (0.0, 3.25));
    assert_eq!(line.end, Some(d("2026-03-10")));
}

#[test]
fn evidence_counts_how_objectives_planned_beyond_the_zone_ended() {
    // Planned on 12 January from level 1 to 4 by 12 April: 1 level a month, beyond the
    // 0.5 a month of the zone. One such objective reached its target, the other did not;
    // one within the zone (1 to 2 in six months) reached it.
    let beyond = "title: B\nstart: 2026-01-12\ndue: 2026-04-12\ncompetencies: [scrum]\nmeasure: {metric: m, baseline: 0, target: 10}\nmeasurements: [{date: 2026-04-01, value: 10}]";
    let missed = "title: M\nstart: 2026-01-12\ndue: 2026-04-12\ncompetencies: [scrum]\nmeasure: {metric: m, baseline: 0, target: 10}\nmeasurements: [{date: 2026-04-01, value: 4}]";
    let within =
        "title: W\nstart: 2026-01-12\ndue: 2026-07-12\ncompetencies: [tools]\nstatus: achieved";
    let assessment = "date: 2026-01-10\ntitle: Baseline\nratings: {scrum: 1, tools: 2}";
    let mut e = engagement(
        &[("b", beyond), ("m", missed), ("w", within)],
        &[assessment],
        "actions: []",
    );
    let mut evidence = ZpdEvidence::default();
    // Still running: no evidence yet.
    add_evidence(&mut evidence, &e, d("2026-06-15"));
    assert_eq!(evidence, ZpdEvidence::default());
    e.info.end = Some(At::new(d("2026-07-31"), Pos::default()));
    add_evidence(&mut evidence, &e, d("2026-08-01"));
    assert_eq!(evidence.engagements, 1);
    assert_eq!(
        evidence.beyond,
        Outcomes {
            objectives: 2,
            achieved: 1
        }
    );
    assert_eq!(
        evidence.within,
        Outcomes {
            objectives: 1,
            achieved: 1
        }
    );
    assert_eq!(evidence.beyond.rate(), None, "two are too few");
    let three = Outcomes {
        objectives: 4,
        achieved: 1,
    };
    assert_eq!(three.rate(), Some(0.25));
}

/// A forecast whose date has passed without the target never reads "on track": the
/// objective is to be measured again.
#[test]
fn a_forecast_that_has_passed_is_stale() {
    let yaml = "title: Sprint goals\nspecific: The team meets its sprint goal in each two-week sprint.\nmeasure: {metric: Goals met, unit: \"%\", baseline: 0, target: 100}\ndue: 2026-12-31\nmeasurements:\n  - {date: 2026-02-01, value: 10}\n  - {date: 2026-02-15, value: 40}\n  - {date: 2026-03-01, value: 70}\n";
    let early = one(yaml, "2026-03-05");
    assert_eq!(early.tracking, Tracking::OnTrack);
    let forecast = early.forecast.expect("a forecast");
    assert!(forecast < d("2026-03-20"), "{forecast}");
    let o = &one(yaml, "2026-03-20");
    assert_eq!(o.tracking, Tracking::Stale);
    assert!(
        codes(o).contains(&"forecast-passed".to_string()),
        "{:?}",
        codes(o)
    );
}
