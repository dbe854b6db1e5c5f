//! An objective's progress chart, element by element, and the dashboard's sparkline.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    Area, DrawResult, Ink, Layout, NARROW_WIDTH, Plot, TimeAxis, both, day, draw_month_labels,
    finish, padded_range, text_style, text_width, wrap,
};
use crate::model::{Date, Language};

/// The progress chart of an objective.
pub struct ProgressInput<'a> {
    pub id: &'a str,
    pub measurements: Vec<(Date, f64)>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub milestones: Vec<(Date, f64)>,
    pub start: Date,
    pub due: Option<Date>,
    pub as_of: Date,
    /// Trend line from (date, value) to (date, value), e.g. to the forecast.
    pub trend: Option<((Date, f64), (Date, f64))>,
    /// The trend's confidence band along the trend line: (date, lower, upper).
    pub band: Vec<(Date, f64, f64)>,
    /// GAS: the y axis runs −2…+2 with level labels.
    pub gas: bool,
    pub lang: Language,
    /// Labels drawn on the chart: baseline, target, due, as-of.
    pub labels: [&'a str; 4],
    pub title: &'a str,
    pub desc: &'a str,
}

/// The first and last dates a progress chart shows: from the start (or the first
/// measurement) to the as-of date, the due date, the last milestone or the forecast.
fn date_extent(input: &ProgressInput) -> (Date, Date) {
    let origin = input
        .start
        .min(input.measurements.first().map_or(input.start, |m| m.0));
    let mut last = input.as_of.max(input.start);
    for d in input
        .measurements
        .iter()
        .map(|m| m.0)
        .chain(input.due)
        .chain(input.milestones.iter().map(|m| m.0))
        .chain(input.trend.map(|t| t.1.0))
    {
        last = last.max(d);
    }
    (origin, last)
}

/// The values a progress chart shows: GAS levels −2…+2, or every value drawn, padded.
fn value_range(input: &ProgressInput) -> (f64, f64) {
    if input.gas {
        (-2.4, 2.4)
    } else {
        padded_range(
            input
                .measurements
                .iter()
                .map(|m| m.1)
                .chain(input.baseline)
                .chain(input.target)
                .chain(input.milestones.iter().map(|m| m.1))
                .chain(input.trend.iter().flat_map(|t| [t.0.1, t.1.1])),
        )
    }
}

/// Draws an objective's progress: measurements, baseline and target, milestones, the
/// planned trajectory, the trend to the forecast, the due and as-of dates; wide and narrow.
pub fn progress(input: &ProgressInput) -> DrawResult<String> {
    both(|layout| progress_in(input, layout, layout))
}

/// Draws one chart of small multiples (a key result's, beside its siblings): the narrow
/// drawing alone, shown at every width, so that its text stays 11 px or more in a
/// column of 18rem or more.
pub fn progress_small(input: &ProgressInput) -> DrawResult<String> {
    progress_in(input, Layout::Narrow, Layout::Only)
}

/// The lines of the baseline and target labels: one on a wide chart, up to two of ten
/// characters on a narrow one, where the right margin is scarce ("Point de" / "départ"; a
/// longer word, "Ausgangswert", is kept whole).
pub(super) fn reference_label(label: &str, layout: Layout) -> Vec<String> {
    let longest = label
        .split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0);
    match layout {
        Layout::Narrow => wrap(label, longest.max(10), 2),
        _ => vec![label.to_string()],
    }
}

/// The drawing of `layout`, finished as `shown` (its classes and id).
fn progress_in(input: &ProgressInput, layout: Layout, shown: Layout) -> DrawResult<String> {
    let narrow = layout == Layout::Narrow;
    let (w, h) = if narrow {
        (NARROW_WIDTH, 250u32)
    } else {
        (640u32, 300u32)
    };
    let (origin, last) = date_extent(input);
    let x_max = day(origin, last).max(1.0) * 1.04;
    let y = value_range(input);
    // Room on the right for the longest of the baseline and target labels, whatever the
    // language ("Point de départ"), and above the plot for the due and as-of labels (two
    // rows on a narrow chart, where they may have to be stacked).
    let right = input.labels[..2]
        .iter()
        .flat_map(|l| reference_label(l, layout))
        .map(|l| text_width(&l, layout))
        .fold(40.0, f64::max)
        .ceil() as u32
        + 10;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin_top(if narrow { 44 } else { 28 })
            .margin_right(right)
            .margin_left(if narrow { 4 } else { 8 })
            .x_label_area_size(if narrow { 28 } else { 32 })
            .y_label_area_size(if narrow { 42 } else { 56 })
            .build_cartesian_2d(0f64..x_max, y.0..y.1)?;
        draw_axes(&mut chart, input, layout)?;
        let axis = TimeAxis {
            origin,
            lang: input.lang,
            layout,
        };
        draw_month_labels(&root, &chart, &axis, x_max, y.0)?;
        draw_reference_lines(&root, &mut chart, input, x_max, layout)?;
        draw_plan(&mut chart, input, origin)?;
        draw_date_lines(&root, &mut chart, input, &axis, y)?;
        draw_band(&mut chart, input, origin, y)?;
        draw_trend(&mut chart, input, origin)?;
        draw_milestones(&mut chart, input, origin)?;
        draw_measurements(&mut chart, input, origin)?;
        root.present()?;
    }
    Ok(finish(
        &svg,
        &format!("chart-{}", input.id),
        shown,
        input.title,
        input.desc,
    ))
}

/// The axes: dates below, values (or GAS levels) on the left, light horizontal lines.
fn draw_axes(chart: &mut Plot, input: &ProgressInput, layout: Layout) -> DrawResult<()> {
    let gas_label = |v: &f64| match v.round() as i64 {
        l if (v - l as f64).abs() > 0.01 => String::new(),
        l if l > 0 => format!("+{l}"),
        l if l < 0 => format!("−{}", -l),
        _ => "0".into(),
    };
    let number = |v: &f64| crate::i18n::format_number(*v, input.lang);
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(Ink::Axis.color().mix(0.25))
        .axis_style(Ink::Axis.color())
        .label_style(text_style(layout, Ink::Text))
        .x_labels(0);
    if input.gas {
        mesh.y_labels(5).y_label_formatter(&gas_label);
    } else {
        mesh.y_labels(5).y_label_formatter(&number);
    }
    mesh.draw()?;
    Ok(())
}

/// Baseline and target as labelled horizontal lines. When the two lines are close, their
/// labels move apart so that they never print over each other.
fn draw_reference_lines(
    root: &Area,
    chart: &mut Plot,
    input: &ProgressInput,
    right: f64,
    layout: Layout,
) -> DrawResult<()> {
    let line_height = (layout.text() * 1.05).round() as i32;
    // (x, centre y, ink, lines)
    let mut placed: Vec<(i32, i32, Ink, Vec<String>)> = Vec::new();
    for (value, ink, label) in [
        (input.baseline, Ink::Baseline, input.labels[0]),
        (input.target, Ink::Target, input.labels[1]),
    ] {
        if let Some(v) = value.filter(|v| v.is_finite()) {
            chart.draw_series(LineSeries::new(
                [(0.0, v), (right, v)],
                ink.color().stroke_width(1),
            ))?;
            let pos = chart.backend_coord(&(right, v));
            placed.push((pos.0 + 4, pos.1, ink, reference_label(label, layout)));
        }
    }
    if let [a, b] = placed.as_mut_slice() {
        // Half of each label's height, and the room between two labels.
        let half = |l: &Vec<String>| line_height * l.len() as i32 / 2;
        let gap = half(&a.3) + half(&b.3) + 2 - (a.1 - b.1).abs();
        if gap > 0 {
            let (upper, lower) = if a.1 <= b.1 { (a, b) } else { (b, a) };
            upper.1 -= gap / 2 + gap % 2;
            lower.1 += gap / 2;
        }
    }
    for (x, y, ink, lines) in placed {
        let style = text_style(layout, ink).pos(Pos::new(HPos::Left, VPos::Center));
        let first = y - line_height * (lines.len() as i32 - 1) / 2;
        for (k, line) in lines.into_iter().enumerate() {
            root.draw(&Text::new(
                line,
                (x, first + line_height * k as i32),
                style.clone(),
            ))?;
        }
    }
    Ok(())
}

/// The planned trajectory: baseline at the start, target at due.
fn draw_plan(chart: &mut Plot, input: &ProgressInput, origin: Date) -> DrawResult<()> {
    if let (Some(b), Some(t), Some(due)) = (input.baseline, input.target, input.due)
        && b.is_finite()
        && t.is_finite()
    {
        chart.draw_series(LineSeries::new(
            [(day(origin, input.start), b), (day(origin, due), t)],
            Ink::Plan.color().stroke_width(1),
        ))?;
    }
    Ok(())
}

/// Due and as-of dates as vertical lines, labelled above the plot: the earlier date's
/// label ends at its line and the later one's starts at its line, so the two never print
/// over each other however close the dates are. Where the later label would run past the
/// chart's right edge (a narrow chart), it ends at its line instead, one row higher.
fn draw_date_lines(
    root: &Area,
    chart: &mut Plot,
    input: &ProgressInput,
    axis: &TimeAxis,
    y: (f64, f64),
) -> DrawResult<()> {
    let mut dates = vec![(input.as_of, Ink::AsOf, input.labels[3])];
    if let Some(due) = input.due {
        dates.push((due, Ink::Due, input.labels[2]));
    }
    dates.sort_by_key(|(d, _, _)| *d);
    let last = dates.len() - 1;
    let width = f64::from(root.dim_in_pixel().0);
    let row = (axis.layout.text() * 1.1).round() as i32;
    for (i, (date, ink, label)) in dates.into_iter().enumerate() {
        let x = day(axis.origin, date);
        chart.draw_series(LineSeries::new(
            [(x, y.0), (x, y.1)],
            ink.color().stroke_width(1),
        ))?;
        let pos = chart.backend_coord(&(x, y.1));
        let fits_after = f64::from(pos.0) + 3.0 + text_width(label, axis.layout) <= width - 2.0;
        let (anchor, dx, dy) = match (i == last && last > 0, fits_after) {
            (true, true) => (HPos::Left, 3, 0),
            (true, false) => (HPos::Right, -3, row),
            _ => (HPos::Right, -3, 0),
        };
        let style = text_style(axis.layout, ink).pos(Pos::new(anchor, VPos::Bottom));
        root.draw(&Text::new(
            label.to_string(),
            (pos.0 + dx, pos.1 - 6 - dy),
            style,
        ))?;
    }
    Ok(())
}

/// The trend's confidence band, shaded, cut to the values the chart shows: a band wider
/// than the chart never decides its scale.
fn draw_band(
    chart: &mut Plot,
    input: &ProgressInput,
    origin: Date,
    y: (f64, f64),
) -> DrawResult<()> {
    let inside = |v: f64| v.clamp(y.0, y.1);
    let points = input
        .band
        .iter()
        .filter(|(_, lo, hi)| lo.is_finite() && hi.is_finite());
    let mut outline: Vec<(f64, f64)> = points
        .clone()
        .map(|(d, lo, _)| (day(origin, *d), inside(*lo)))
        .collect();
    outline.extend(
        points
            .rev()
            .map(|(d, _, hi)| (day(origin, *d), inside(*hi))),
    );
    if outline.len() >= 4 {
        chart.draw_series([Polygon::new(outline, Ink::Trend.color().mix(0.18).filled())])?;
    }
    Ok(())
}

/// The trend, to the forecast.
fn draw_trend(chart: &mut Plot, input: &ProgressInput, origin: Date) -> DrawResult<()> {
    if let Some(((d0, v0), (d1, v1))) = input.trend
        && v0.is_finite()
        && v1.is_finite()
    {
        chart.draw_series(LineSeries::new(
            [(day(origin, d0), v0), (day(origin, d1), v1)],
            Ink::Trend.color().stroke_width(2),
        ))?;
    }
    Ok(())
}

/// Milestones as diamonds.
fn draw_milestones(chart: &mut Plot, input: &ProgressInput, origin: Date) -> DrawResult<()> {
    chart.draw_series(
        input
            .milestones
            .iter()
            .filter(|m| m.1.is_finite())
            .map(|(d, v)| {
                EmptyElement::at((day(origin, *d), *v))
                    + Polygon::new(
                        vec![(0, -6), (6, 0), (0, 6), (-6, 0)],
                        Ink::Milestone.color().filled(),
                    )
            }),
    )?;
    Ok(())
}

/// Measurements: a line and a dot on each.
fn draw_measurements(chart: &mut Plot, input: &ProgressInput, origin: Date) -> DrawResult<()> {
    let points: Vec<(f64, f64)> = input
        .measurements
        .iter()
        .filter(|m| m.1.is_finite())
        .map(|(d, v)| (day(origin, *d), *v))
        .collect();
    chart.draw_series(LineSeries::new(
        points.clone(),
        Ink::Main.color().stroke_width(2),
    ))?;
    chart.draw_series(
        points
            .iter()
            .map(|p| Circle::new(*p, 4, Ink::Main.color().filled())),
    )?;
    Ok(())
}

/// A small progress line for the dashboard: progress (0..1) over time, no axes.
pub fn sparkline(id: &str, points: &[(Date, f64)], title: &str, desc: &str) -> DrawResult<String> {
    let (w, h) = (120u32, 32u32);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let origin = points.first().map_or(Date(chrono::NaiveDate::MIN), |p| p.0);
        let x_max = points.last().map_or(1.0, |p| day(origin, p.0)).max(1.0);
        let mut chart = ChartBuilder::on(&root)
            .margin(3)
            .build_cartesian_2d(0f64..x_max, 0f64..1.0)?;
        chart.draw_series(LineSeries::new(
            [(0.0, 1.0), (x_max, 1.0)],
            Ink::Target.color().stroke_width(1),
        ))?;
        let pts: Vec<(f64, f64)> = points
            .iter()
            .filter(|p| p.1.is_finite())
            .map(|(d, v)| (day(origin, *d), v.clamp(0.0, 1.0)))
            .collect();
        chart.draw_series(LineSeries::new(
            pts.clone(),
            Ink::Main.color().stroke_width(2),
        ))?;
        if let Some(last) = pts.last() {
            chart.draw_series([Circle::new(*last, 3, Ink::Main.color().filled())])?;
        }
        root.present()?;
    }
    Ok(finish(&svg, id, Layout::Only, title, desc))
}
