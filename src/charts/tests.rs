use super::*;

fn d(text: &str) -> Date {
    Date::parse(text).unwrap()
}

#[test]
fn scales_map_domains_linearly() {
    assert_eq!(scale(5.0, (0.0, 10.0), (0.0, 100.0)), 50.0);
    // Falling axes work the same way: 14 → 4 onto 0 → 100, 9 is the middle.
    assert_eq!(scale(9.0, (14.0, 4.0), (0.0, 100.0)), 50.0);
    assert_eq!(scale(3.0, (2.0, 2.0), (0.0, 10.0)), 5.0);
    assert_eq!(padded_range([5.0, 5.0]), (4.0, 6.0));
    assert_eq!(padded_range([f64::NAN]), (0.0, 1.0));
    // Extreme values still give a finite, non-empty range.
    for values in [[1.7e308, -1.7e308], [1.7e308, 1.7e308], [1e17, 1e17]] {
        let (lo, hi) = padded_range(values);
        assert!(lo.is_finite() && hi.is_finite() && lo < hi, "{values:?}");
    }
    let (lo, hi) = padded_range([0.0, 100.0]);
    assert!((lo + 8.0).abs() < 1e-12 && (hi - 108.0).abs() < 1e-12);
}

#[test]
fn radar_polygon_points_for_known_levels() {
    // Four axes, scale 1..5, radius 100 around (0, 0): level 5 up, 3 right (half),
    // 1 down (centre), 5 left.
    let pts = radar_points(&[5.0, 3.0, 1.0, 5.0], 1.0, 5.0, (0.0, 0.0), 100.0);
    let rounded: Vec<(i64, i64)> = pts
        .iter()
        .map(|p| (p.0.round() as i64, p.1.round() as i64))
        .collect();
    assert_eq!(rounded, vec![(0, -100), (50, 0), (0, 0), (-100, 0)]);
    // Out-of-scale levels are clamped to the rim.
    let p = radar_points(&[9.0], 1.0, 5.0, (0.0, 0.0), 10.0)[0];
    assert!((p.1 + 10.0).abs() < 1e-9);
}

#[test]
fn finish_adds_accessibility_and_classes() {
    let raw = "<svg width=\"10\" height=\"5\" viewBox=\"0 0 10 5\" xmlns=\"http://www.w3.org/2000/svg\">\n<circle cx=\"1\" cy=\"1\" r=\"1\" opacity=\"1\" fill=\"#010001\" stroke=\"#010002\"/>\n</svg>\n";
    let svg = finish(raw, "c1", Layout::Only, "Progress & more", "80 % of target");
    assert!(svg.starts_with("<svg viewBox=\"0 0 10 5\""), "{svg}");
    assert!(svg.contains("role=\"img\" aria-labelledby=\"c1-title c1-desc\""));
    assert!(svg.contains("<title id=\"c1-title\">Progress &amp; more</title>"));
    assert!(
        svg.contains("<circle class=\"f-main s-trend\" cx="),
        "{svg}"
    );
    assert!(!svg.contains("#0100"), "no sentinel colour is left");
}

#[test]
fn progress_chart_draws_every_part_without_nan() {
    let input = ProgressInput {
        id: "x",
        measurements: vec![(d("2026-02-01"), 14.0), (d("2026-03-01"), 10.0)],
        baseline: Some(14.0),
        target: Some(4.0),
        milestones: vec![(d("2026-03-31"), 10.0)],
        start: d("2026-01-15"),
        due: Some(d("2026-06-30")),
        as_of: d("2026-03-15"),
        trend: Some(((d("2026-03-01"), 10.0), (d("2026-05-01"), 4.0))),
        // A band far wider than the chart is cut to it.
        band: vec![
            (d("2026-03-01"), 9.0, 11.0),
            (d("2026-04-01"), 4.0, 10.0),
            (d("2026-05-01"), -100.0, 100.0),
        ],
        gas: false,
        lang: Language::En,
        labels: ["Baseline", "Target", "Due", "Today"],
        title: "T",
        desc: "D",
    };
    let svg = progress(&input).unwrap();
    for class in [
        "s-main",
        "f-main",
        "s-trend",
        "s-plan",
        "s-target",
        "s-baseline",
        "f-milestone",
        "f-trend",
        "s-due",
        "s-asof",
    ] {
        assert!(svg.contains(class), "missing {class}");
    }
    assert!(!svg.contains("NaN") && !svg.contains("inf"));
    assert!(
        svg.contains(">\n1 Mar\n<") || svg.contains("Mar"),
        "dates on the axis"
    );
    // No measurement at all still gives a chart.
    let empty = ProgressInput {
        measurements: vec![],
        trend: None,
        band: vec![],
        ..input
    };
    assert!(progress(&empty).unwrap().contains("role=\"img\""));
}

#[test]
fn snapshots_of_finished_charts() {
    let input = ProgressInput {
        id: "snap",
        measurements: vec![
            (d("2026-02-01"), 14.0),
            (d("2026-03-01"), 11.0),
            (d("2026-04-01"), 9.0),
        ],
        baseline: Some(14.0),
        target: Some(4.0),
        milestones: vec![(d("2026-03-31"), 10.0)],
        start: d("2026-01-15"),
        due: Some(d("2026-06-30")),
        as_of: d("2026-04-10"),
        trend: Some(((d("2026-04-01"), 9.0), (d("2026-07-15"), 4.0))),
        band: vec![
            (d("2026-04-01"), 8.0, 10.0),
            (d("2026-05-24"), 5.0, 8.0),
            (d("2026-07-15"), 1.0, 7.0),
        ],
        gas: false,
        lang: Language::En,
        labels: ["Baseline", "Target", "Due", "As of"],
        title: "Fewer defects · Progress",
        desc: "50% of the way to the target of 4.",
    };
    insta::assert_snapshot!("progress", progress(&input).unwrap());
    let radar = radar(
        "snap-radar",
        &[
            "Scrum".into(),
            "Testing".into(),
            "Delivery".into(),
            "Customers".into(),
        ],
        1.0,
        5.0,
        &[
            RadarSeries {
                name: "Baseline",
                levels: vec![1.0, 1.0, 1.0, 2.0],
                ink: Ink::Series(2),
            },
            RadarSeries {
                name: "Target",
                levels: vec![4.0, 3.0, 3.0, 3.0],
                ink: Ink::Target,
            },
        ],
        "Levels",
        "Largest gap: Scrum.",
    )
    .unwrap();
    insta::assert_snapshot!("radar", radar);
    let spark = sparkline(
        "snap-spark",
        &[(d("2026-01-01"), 0.0), (d("2026-02-01"), 0.4)],
        "Progress",
        "40%",
    )
    .unwrap();
    insta::assert_snapshot!("sparkline", spark);
}

#[test]
fn other_charts_draw() {
    let r = radar(
        "r",
        &["A".into(), "B".into(), "C".into()],
        1.0,
        5.0,
        &[RadarSeries {
            name: "Latest",
            levels: vec![2.0, 3.0, 4.0],
            ink: Ink::Series(1),
        }],
        "t",
        "d",
    )
    .unwrap();
    assert!(r.contains("s-s1") && r.contains("Latest"));
    let t = timeline(
        "t",
        &[d("2026-01-01"), d("2026-01-15"), d("2026-03-01")],
        21,
        Language::Fr,
        ["Séance", "Plus de 21 jours"],
        "t",
        "d",
    )
    .unwrap();
    assert!(t.contains("f-band"), "the long gap is shaded");
    assert!(t.contains("Plus de 21 jours"), "and the legend says so");
    let grid = Grid {
        rows: &["Ana".into()],
        columns: &["Scrum".into(), "CI".into()],
        cells: &[vec![Some(1), None]],
        min: 1,
        max: 5,
    };
    let h = heat_map("h", &grid, "t", "d").unwrap();
    assert!(h.contains("f-l1") && h.contains(">\n–\n<"), "{h}");
    let s = sparkline(
        "s",
        &[(d("2026-01-01"), 0.2), (d("2026-02-01"), 0.5)],
        "t",
        "d",
    )
    .unwrap();
    assert!(s.contains("s-main"));
}

#[test]
fn date_ticks_fall_on_natural_dates() {
    // 26 January to 30 June: the first of each month from February, five ticks.
    let origin = d("2026-01-26");
    let ticks = month_ticks(origin, 155.0, 6);
    let dates: Vec<String> = ticks.iter().map(|(_, d)| d.to_string()).collect();
    assert_eq!(
        dates,
        [
            "2026-02-01",
            "2026-03-01",
            "2026-04-01",
            "2026-05-01",
            "2026-06-01"
        ]
    );
    assert_eq!(ticks[0].0, 6.0);
    // Two years: every sixth month at most six labels.
    let long = month_ticks(d("2025-01-15"), 730.0, 6);
    assert!(long.len() <= 6 && long.iter().all(|(_, d)| [1, 7].contains(&d.ymd().1)));
    // Labels are wrapped between words and kept short.
    assert_eq!(
        wrap("Refining the product backlog", 20, 2),
        ["Refining the product", "backlog"]
    );
    assert_eq!(
        wrap("Collaborating with internal customers and partners", 20, 2).len(),
        2
    );
}

#[test]
fn the_timeline_names_a_gap_only_where_it_draws_one() {
    let dates = [d("2026-01-05"), d("2026-01-19"), d("2026-02-02")];
    let labels = ["Session", "More than 21 days between two sessions"];
    let even = timeline("t", &dates, 21, Language::En, labels, "Sessions", "Three").expect("draws");
    assert!(
        even.contains("Session") && !even.contains("More than 21 days"),
        "{even}"
    );
    let with_gap = [d("2026-01-05"), d("2026-01-19"), d("2026-03-02")];
    let gap = timeline(
        "t",
        &with_gap,
        21,
        Language::En,
        labels,
        "Sessions",
        "Three",
    )
    .expect("draws");
    assert!(gap.contains("More than 21 days"), "{gap}");
}

/// The ids (of the SVG, its title and description) and the view boxes of a piece of HTML.
fn drawings(html: &str) -> Vec<(String, String)> {
    html.split("<svg")
        .skip(1)
        .map(|svg| {
            let attr = |name: &str| {
                svg.split(&format!(" {name}=\""))
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .unwrap_or("")
                    .to_string()
            };
            (format!("{} {}", attr("class"), attr("id")), attr("viewBox"))
        })
        .collect()
}

#[test]
fn charts_are_drawn_wide_and_narrow_with_their_own_ids() {
    let grid = Grid {
        rows: &["Ana Ribeiro".into(), "Ben Okafor".into()],
        columns: &["Running Scrum events".into(), "Automated testing".into()],
        cells: &[vec![Some(1), None], vec![Some(3), Some(5)]],
        min: 1,
        max: 5,
    };
    let axes = [
        "Running Scrum events".to_string(),
        "Automated testing".into(),
        "Collaborating with internal customers".into(),
    ];
    let series = [RadarSeries {
        name: "Latest",
        levels: vec![2.0, 3.0, 4.0],
        ink: Ink::Series(1),
    }];
    let dates = [d("2026-01-05"), d("2026-03-02")];
    for (html, id) in [
        (heat_map("h", &grid, "t", "d").unwrap(), "h"),
        (radar("r", &axes, 1.0, 5.0, &series, "t", "d").unwrap(), "r"),
        (
            timeline("t", &dates, 21, Language::En, ["Session", "Gap"], "t", "d").unwrap(),
            "t",
        ),
    ] {
        let found = drawings(&html);
        assert_eq!(found.len(), 2, "{html}");
        assert_eq!(found[0].0, format!("chart chart-wide {id}"));
        assert_eq!(found[1].0, format!("chart chart-narrow {id}-narrow"));
        let width = found[1]
            .1
            .split(' ')
            .nth(2)
            .and_then(|w| w.parse::<u32>().ok());
        assert!(width.is_some_and(|w| w <= NARROW_WIDTH), "{:?}", found[1]);
        assert!(html.contains(&format!(
            "aria-labelledby=\"{id}-narrow-title {id}-narrow-desc\""
        )));
        assert!(html.contains(&format!("<title id=\"{id}-narrow-title\">")));
        assert!(
            !html.contains("min-width"),
            "no drawing keeps a minimum width"
        );
    }
    // A chart drawn for a narrow place already (a history in a grid) is drawn once.
    let history = LinesInput {
        id: "hist",
        series: vec![TimeSeries {
            name: "Level",
            points: vec![(d("2026-01-05"), 2.0), (d("2026-03-02"), 3.0)],
            ink: Ink::Main,
            steps: false,
        }],
        y: (0.0, 5.0),
        band: None,
        reference: Some((4.0, "Target")),
        lang: Language::En,
        size: (320, 160),
        title: "t",
        desc: "d",
    };
    let once = drawings(&lines(&history).unwrap());
    assert_eq!(once.len(), 1);
    assert_eq!(once[0].0, "chart hist");
    let wide = LinesInput {
        size: (640, 240),
        ..history
    };
    assert_eq!(drawings(&lines(&wide).unwrap()).len(), 2);
}

#[test]
fn narrow_reference_labels_wrap_between_words_and_keep_long_words_whole() {
    use super::progress::reference_label;
    assert_eq!(
        reference_label("Point de départ", Layout::Narrow),
        ["Point de", "départ"]
    );
    assert_eq!(
        reference_label("Ausgangswert", Layout::Narrow),
        ["Ausgangswert"]
    );
    assert_eq!(
        reference_label("Point de départ", Layout::Wide),
        ["Point de départ"]
    );
}
