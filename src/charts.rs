//! Charts as inline SVG, drawn with plotters' SVG backend at build time (no JavaScript,
//! no font libraries).
//!
//! Every chart is drawn with *sentinel* colours that [`finish`] turns into CSS classes
//! (`c-main`, `c-trend`, …): the theme's style sheet gives each class its colour from
//! CSS variables and its dash pattern, so charts follow dark mode, print in grey, and
//! series differ by more than colour. [`finish`] also makes the SVG scale with its
//! `viewBox` and adds `role="img"`, a `<title>` and a `<desc>` stating the finding in
//! words. Each chart comes with its data as a table for the page.
//!
//! The geometry that is ours (scales, the radar's polygon) is in small pure functions
//! with unit tests; inputs that are not finite never reach the drawing.

use std::f64::consts::PI;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

use crate::model::{Date, Language};

/// A chart: the finished SVG and its data as a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub svg: String,
    pub table: DataTable,
}

/// The data behind a chart, for a table under it.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct DataTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// What a mark on a chart is; each becomes a CSS class `c-…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    Main,
    Trend,
    Plan,
    Target,
    Baseline,
    Milestone,
    Due,
    AsOf,
    Text,
    Axis,
    Band,
    /// Numbered series of a multi-series chart, 1–6.
    Series(u8),
    /// Shades of a heat map, 1 (lowest) – 5 (highest).
    Level(u8),
}

impl Ink {
    fn index(self) -> u8 {
        match self {
            Ink::Main => 1,
            Ink::Trend => 2,
            Ink::Plan => 3,
            Ink::Target => 4,
            Ink::Baseline => 5,
            Ink::Milestone => 6,
            Ink::Due => 7,
            Ink::AsOf => 8,
            Ink::Text => 9,
            Ink::Axis => 10,
            Ink::Band => 11,
            Ink::Series(n) => 20 + n.clamp(1, 6),
            Ink::Level(n) => 30 + n.clamp(1, 5),
        }
    }

    /// The colour plotters draws with: unique, and never used otherwise.
    pub fn color(self) -> RGBColor {
        RGBColor(1, 0, self.index())
    }

    fn class(self) -> String {
        match self {
            Ink::Main => "main".into(),
            Ink::Trend => "trend".into(),
            Ink::Plan => "plan".into(),
            Ink::Target => "target".into(),
            Ink::Baseline => "baseline".into(),
            Ink::Milestone => "milestone".into(),
            Ink::Due => "due".into(),
            Ink::AsOf => "asof".into(),
            Ink::Text => "text".into(),
            Ink::Axis => "axis".into(),
            Ink::Band => "band".into(),
            Ink::Series(n) => format!("s{}", n.clamp(1, 6)),
            Ink::Level(n) => format!("l{}", n.clamp(1, 5)),
        }
    }

    fn from_hex(hex: &str) -> Option<Ink> {
        let index = u8::from_str_radix(hex.strip_prefix("#0100")?, 16).ok()?;
        let all = [
            Ink::Main,
            Ink::Trend,
            Ink::Plan,
            Ink::Target,
            Ink::Baseline,
            Ink::Milestone,
            Ink::Due,
            Ink::AsOf,
            Ink::Text,
            Ink::Axis,
            Ink::Band,
        ];
        all.into_iter()
            .chain((1..=6).map(Ink::Series))
            .chain((1..=5).map(Ink::Level))
            .find(|i| i.index() == index)
    }
}

/// Turns plotters' SVG into a finished inline chart: scalable, classes instead of
/// sentinel colours, `role="img"` with a title and a description.
pub fn finish(raw: &str, id: &str, title: &str, desc: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 256);
    for (i, line) in raw.lines().enumerate() {
        if i == 0 && line.starts_with("<svg") {
            let view_box = line
                .split("viewBox=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or("0 0 100 100");
            out.push_str(&format!(
                "<svg viewBox=\"{view_box}\" xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" id=\"{id}\" preserveAspectRatio=\"xMidYMid meet\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
                xml_escape(title),
                xml_escape(desc)
            ));
            continue;
        }
        out.push_str(&classify(line));
        out.push('\n');
    }
    out
}

/// Replaces sentinel `fill`/`stroke` colours in one element by classes.
fn classify(line: &str) -> String {
    if !line.starts_with('<') || line.starts_with("</") {
        return line.to_string();
    }
    let mut classes = Vec::new();
    let mut rest = line.to_string();
    for attr in ["fill", "stroke"] {
        let key = format!(" {attr}=\"#0100");
        if let Some(start) = rest.find(&key) {
            let value_start = start + attr.len() + 3;
            let value_end = rest[value_start..].find('"').map(|e| value_start + e);
            if let Some(end) = value_end
                && let Some(ink) = Ink::from_hex(&rest[value_start..end])
            {
                classes.push(format!(
                    "{}{}",
                    if attr == "fill" { "f-" } else { "s-" },
                    ink.class()
                ));
                // Keep a neutral colour for renderers without CSS.
                rest.replace_range(value_start..end, "#555555");
            }
        }
    }
    if classes.is_empty() {
        return rest;
    }
    match rest.find(|c: char| c.is_whitespace()) {
        Some(at) => format!(
            "{} class=\"{}\"{}",
            &rest[..at],
            classes.join(" "),
            &rest[at..]
        ),
        None => rest,
    }
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Maps `value` from `[from.0, from.1]` onto `[to.0, to.1]`; the middle of `to` for a
/// degenerate domain.
pub fn scale(value: f64, from: (f64, f64), to: (f64, f64)) -> f64 {
    let span = from.1 - from.0;
    if span == 0.0 || !span.is_finite() {
        return (to.0 + to.1) / 2.0;
    }
    to.0 + (value - from.0) / span * (to.1 - to.0)
}

/// A y range with some room around every value, never empty.
pub fn padded_range(values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.into_iter().filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    // The loader bounds every value far below this; the clamp keeps any width (and so
    // the axis' tick loop) finite whatever reaches a chart.
    let (lo, hi) = (lo.clamp(-1e100, 1e100), hi.clamp(-1e100, 1e100));
    if lo == hi {
        let pad = (lo.abs() * 0.08).max(1.0);
        return (lo - pad, hi + pad);
    }
    let pad = (hi - lo) * 0.08;
    (lo - pad, hi + pad)
}

/// The points of a radar polygon: one axis per value, the first pointing up, going
/// clockwise; `levels` mapped from `[min, max]` onto radius 0..`radius`.
pub fn radar_points(
    levels: &[f64],
    min: f64,
    max: f64,
    center: (f64, f64),
    radius: f64,
) -> Vec<(f64, f64)> {
    let n = levels.len().max(1) as f64;
    levels
        .iter()
        .enumerate()
        .map(|(i, level)| {
            let angle = -PI / 2.0 + 2.0 * PI * i as f64 / n;
            let r = scale(level.clamp(min, max), (min, max), (0.0, radius));
            (center.0 + r * angle.cos(), center.1 + r * angle.sin())
        })
        .collect()
}

// ---------------------------------------------------------------------------------
// Drawing helpers.
// ---------------------------------------------------------------------------------

const FONT: &str = "sans-serif";

fn text_style(size: f64, ink: Ink) -> TextStyle<'static> {
    (FONT, size).into_font().color(&ink.color())
}

/// Days from `origin`, as the x coordinate of time charts.
fn day(origin: Date, date: Date) -> f64 {
    origin.days_until(date) as f64
}

fn date_at(origin: Date, x: f64) -> Option<Date> {
    if !x.is_finite() {
        return None;
    }
    origin.add_days(x.round() as i64)
}

type DrawResult<T> = Result<T, Box<dyn std::error::Error>>;

/// Everything a time chart needs to label its x axis.
pub struct TimeAxis {
    pub origin: Date,
    pub lang: Language,
}

impl TimeAxis {
    fn label(&self, x: f64) -> String {
        date_at(self.origin, x).map_or_else(String::new, |d| {
            crate::i18n::format_date_short(d, self.lang)
        })
    }
}

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
    /// GAS: the y axis runs −2…+2 with level labels.
    pub gas: bool,
    pub lang: Language,
    /// Labels drawn on the chart: baseline, target, due, as-of.
    pub labels: [&'a str; 4],
    pub title: &'a str,
    pub desc: &'a str,
}

/// Draws an objective's progress: measurements, baseline and target, milestones, the
/// planned trajectory, the trend to the forecast, the due and as-of dates.
pub fn progress(input: &ProgressInput) -> DrawResult<String> {
    let (w, h) = (640u32, 300u32);
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
    let x_max = day(origin, last).max(1.0) * 1.04;
    let y = if input.gas {
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
    };
    let axis = TimeAxis {
        origin,
        lang: input.lang,
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin_top(12)
            .margin_right(70)
            .margin_left(8)
            .x_label_area_size(32)
            .y_label_area_size(56)
            .build_cartesian_2d(0f64..x_max, y.0..y.1)?;
        let gas_label = |v: &f64| match v.round() as i64 {
            l if (v - l as f64).abs() > 0.01 => String::new(),
            l if l > 0 => format!("+{l}"),
            l if l < 0 => format!("−{}", -l),
            _ => "0".into(),
        };
        let number = |v: &f64| crate::i18n::format_number(*v, input.lang);
        let x_label = |x: &f64| axis.label(*x);
        let mut mesh = chart.configure_mesh();
        mesh.disable_x_mesh()
            .max_light_lines(0)
            .bold_line_style(Ink::Axis.color().mix(0.25))
            .axis_style(Ink::Axis.color())
            .label_style(text_style(15.0, Ink::Text))
            .x_labels(6)
            .x_label_formatter(&x_label);
        if input.gas {
            mesh.y_labels(5).y_label_formatter(&gas_label);
        } else {
            mesh.y_labels(5).y_label_formatter(&number);
        }
        mesh.draw()?;

        let x = |d: Date| day(origin, d);
        let right = x_max;
        // Baseline and target as labelled horizontal lines.
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
                root.draw(&Text::new(
                    label.to_string(),
                    (pos.0 + 4, pos.1 - 6),
                    text_style(15.0, ink),
                ))?;
            }
        }
        // The planned trajectory: baseline at the start, target at due.
        if let (Some(b), Some(t), Some(due)) = (input.baseline, input.target, input.due)
            && b.is_finite()
            && t.is_finite()
        {
            chart.draw_series(LineSeries::new(
                [(x(input.start), b), (x(due), t)],
                Ink::Plan.color().stroke_width(1),
            ))?;
        }
        // Due and as-of dates as vertical lines.
        for (date, ink, label) in [
            (input.due, Ink::Due, input.labels[2]),
            (Some(input.as_of), Ink::AsOf, input.labels[3]),
        ] {
            if let Some(d) = date {
                chart.draw_series(LineSeries::new(
                    [(x(d), y.0), (x(d), y.1)],
                    ink.color().stroke_width(1),
                ))?;
                let pos = chart.backend_coord(&(x(d), y.1));
                root.draw(&Text::new(
                    label.to_string(),
                    (pos.0 + 3, pos.1 + 2),
                    text_style(14.0, ink),
                ))?;
            }
        }
        // The trend, to the forecast.
        if let Some(((d0, v0), (d1, v1))) = input.trend
            && v0.is_finite()
            && v1.is_finite()
        {
            chart.draw_series(LineSeries::new(
                [(x(d0), v0), (x(d1), v1)],
                Ink::Trend.color().stroke_width(2),
            ))?;
        }
        // Milestones as diamonds.
        chart.draw_series(
            input
                .milestones
                .iter()
                .filter(|m| m.1.is_finite())
                .map(|(d, v)| {
                    let c = (x(*d), *v);
                    EmptyElement::at(c)
                        + Polygon::new(
                            vec![(0, -6), (6, 0), (0, 6), (-6, 0)],
                            Ink::Milestone.color().filled(),
                        )
                }),
        )?;
        // Measurements: line and points.
        let points: Vec<(f64, f64)> = input
            .measurements
            .iter()
            .filter(|m| m.1.is_finite())
            .map(|(d, v)| (x(*d), *v))
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
        root.present()?;
    }
    Ok(finish(
        &svg,
        &format!("chart-{}", input.id),
        input.title,
        input.desc,
    ))
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
    Ok(finish(&svg, id, title, desc))
}

/// One polygon of a radar chart.
pub struct RadarSeries<'a> {
    pub name: &'a str,
    pub levels: Vec<f64>,
    pub ink: Ink,
}

/// A radar (spider) chart of competency levels, drawn with plotters' primitives.
pub fn radar(
    id: &str,
    axes: &[String],
    min: f64,
    max: f64,
    series: &[RadarSeries],
    title: &str,
    desc: &str,
) -> DrawResult<String> {
    let (w, h) = (720u32, 430u32);
    let center = (360.0, 200.0);
    let radius = 140.0;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let px = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
        // Rings at every level, and one spoke per competency. The lowest level sits on
        // the first ring, not in the centre, so a polygon of lowest levels still shows.
        let inner = min - 1.0;
        let steps = (max - inner).round().max(1.0) as usize;
        for k in 1..=steps {
            let level = inner + k as f64;
            let ring: Vec<(i32, i32)> =
                radar_points(&vec![level; axes.len()], inner, max, center, radius)
                    .into_iter()
                    .map(px)
                    .collect();
            let mut closed = ring.clone();
            closed.extend(ring.first().copied());
            root.draw(&PathElement::new(
                closed,
                Ink::Axis.color().mix(0.35).stroke_width(1),
            ))?;
        }
        let tips = radar_points(&vec![max; axes.len()], inner, max, center, radius);
        for (i, (tip, name)) in tips.iter().zip(axes).enumerate() {
            root.draw(&PathElement::new(
                vec![px(center), px(*tip)],
                Ink::Axis.color().mix(0.35).stroke_width(1),
            ))?;
            let angle = -PI / 2.0 + 2.0 * PI * i as f64 / axes.len().max(1) as f64;
            let label = (
                center.0 + (radius + 16.0) * angle.cos(),
                center.1 + (radius + 16.0) * angle.sin(),
            );
            let anchor = if angle.cos() > 0.3 {
                HPos::Left
            } else if angle.cos() < -0.3 {
                HPos::Right
            } else {
                HPos::Center
            };
            let style = text_style(15.0, Ink::Text).pos(Pos::new(anchor, VPos::Center));
            root.draw(&Text::new(shorten(name, 26), px(label), style))?;
        }
        for s in series {
            let pts: Vec<(i32, i32)> = radar_points(&s.levels, inner, max, center, radius)
                .into_iter()
                .map(px)
                .collect();
            let mut closed = pts.clone();
            closed.extend(pts.first().copied());
            root.draw(&PathElement::new(closed, s.ink.color().stroke_width(2)))?;
            for p in pts {
                root.draw(&Circle::new(p, 3, s.ink.color().filled()))?;
            }
        }
        // Legend.
        for (i, s) in series.iter().enumerate() {
            let y = h as i32 - 20 - 22 * (series.len() as i32 - 1 - i as i32);
            root.draw(&PathElement::new(
                vec![(16, y), (40, y)],
                s.ink.color().stroke_width(2),
            ))?;
            root.draw(&Text::new(
                s.name.to_string(),
                (46, y - 7),
                text_style(15.0, Ink::Text),
            ))?;
        }
        root.present()?;
    }
    Ok(finish(&svg, id, title, desc))
}

/// One line of a multi-line time chart.
pub struct TimeSeries<'a> {
    pub name: &'a str,
    pub points: Vec<(Date, f64)>,
    pub ink: Ink,
    /// Draw as steps (cumulative counts) rather than straight segments.
    pub steps: bool,
}

/// Lines over time with a legend: competency history, scaling questions, burn-up.
pub struct LinesInput<'a> {
    pub id: &'a str,
    pub series: Vec<TimeSeries<'a>>,
    pub y: (f64, f64),
    /// A shaded band between two lines (e.g. the healthy commitment band).
    pub band: Option<Vec<(Date, f64, f64)>>,
    /// A horizontal reference line and its label (e.g. a target level).
    pub reference: Option<(f64, &'a str)>,
    pub lang: Language,
    pub size: (u32, u32),
    pub title: &'a str,
    pub desc: &'a str,
}

pub fn lines(input: &LinesInput) -> DrawResult<String> {
    let dates = input
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0));
    let (first, last) = dates.fold((None::<Date>, None::<Date>), |(a, b), d| {
        (
            Some(a.map_or(d, |a| a.min(d))),
            Some(b.map_or(d, |b| b.max(d))),
        )
    });
    let origin = first.unwrap_or(Date(chrono::NaiveDate::MIN));
    let x_max = last.map_or(1.0, |l| day(origin, l)).max(1.0) * 1.03;
    let axis = TimeAxis {
        origin,
        lang: input.lang,
    };
    let (w, h) = input.size;
    let legend_height = 22 * input.series.len() as u32 + 8;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h + legend_height)).into_drawing_area();
        let (plot, legend) = root.split_vertically(h);
        let mut chart = ChartBuilder::on(&plot)
            .margin_top(10)
            .margin_right(16)
            .margin_left(8)
            .x_label_area_size(30)
            .y_label_area_size(48)
            .build_cartesian_2d(0f64..x_max, input.y.0..input.y.1)?;
        let x_label = |x: &f64| axis.label(*x);
        let number = |v: &f64| crate::i18n::format_number(*v, input.lang);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .max_light_lines(0)
            .bold_line_style(Ink::Axis.color().mix(0.25))
            .axis_style(Ink::Axis.color())
            .label_style(text_style(15.0, Ink::Text))
            .x_labels(5)
            .y_labels(6)
            .x_label_formatter(&x_label)
            .y_label_formatter(&number)
            .draw()?;
        let x = |d: Date| day(origin, d);
        if let Some(band) = &input.band {
            let mut outline: Vec<(f64, f64)> = band.iter().map(|(d, lo, _)| (x(*d), *lo)).collect();
            outline.extend(band.iter().rev().map(|(d, _, hi)| (x(*d), *hi)));
            chart.draw_series([Polygon::new(outline, Ink::Band.color().mix(0.25).filled())])?;
        }
        if let Some((v, label)) = input.reference {
            chart.draw_series(LineSeries::new(
                [(0.0, v), (x_max, v)],
                Ink::Target.color().stroke_width(1),
            ))?;
            let pos = chart.backend_coord(&(0.0, v));
            plot.draw(&Text::new(
                label.to_string(),
                (pos.0 + 4, pos.1 - 14),
                text_style(14.0, Ink::Target),
            ))?;
        }
        for s in &input.series {
            let mut pts: Vec<(f64, f64)> = Vec::new();
            for (i, (d, v)) in s.points.iter().filter(|p| p.1.is_finite()).enumerate() {
                if s.steps
                    && i > 0
                    && let Some(prev) = pts.last().copied()
                {
                    pts.push((x(*d), prev.1));
                }
                pts.push((x(*d), *v));
            }
            chart.draw_series(LineSeries::new(pts.clone(), s.ink.color().stroke_width(2)))?;
            if !s.steps {
                chart.draw_series(
                    pts.iter()
                        .map(|p| Circle::new(*p, 3, s.ink.color().filled())),
                )?;
            }
        }
        for (i, s) in input.series.iter().enumerate() {
            let y = 12 + 22 * i as i32;
            legend.draw(&PathElement::new(
                vec![(56, y), (80, y)],
                s.ink.color().stroke_width(2),
            ))?;
            legend.draw(&Text::new(
                s.name.to_string(),
                (86, y - 7),
                text_style(15.0, Ink::Text),
            ))?;
        }
        root.present()?;
    }
    Ok(finish(&svg, input.id, input.title, input.desc))
}

/// Dots on a time line, one per session; gaps longer than `gap_days` are shaded.
pub fn timeline(
    id: &str,
    dates: &[Date],
    gap_days: i64,
    lang: Language,
    title: &str,
    desc: &str,
) -> DrawResult<String> {
    let (w, h) = (640u32, 90u32);
    let origin = dates
        .first()
        .copied()
        .unwrap_or(Date(chrono::NaiveDate::MIN));
    let x_max = dates.last().map_or(1.0, |l| day(origin, *l)).max(1.0);
    let pad = x_max * 0.03;
    let axis = TimeAxis { origin, lang };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin_top(8)
            .margin_right(16)
            .margin_left(16)
            .x_label_area_size(26)
            .build_cartesian_2d(-pad..x_max + pad, 0f64..1.0)?;
        let x_label = |x: &f64| axis.label(*x);
        chart
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .disable_x_mesh()
            .axis_style(Ink::Axis.color())
            .label_style(text_style(15.0, Ink::Text))
            .x_labels(6)
            .x_label_formatter(&x_label)
            .draw()?;
        for pair in dates.windows(2) {
            if pair[0].days_until(pair[1]) > gap_days {
                chart.draw_series([Rectangle::new(
                    [(day(origin, pair[0]), 0.15), (day(origin, pair[1]), 0.85)],
                    Ink::Band.color().mix(0.25).filled(),
                )])?;
            }
        }
        chart.draw_series(LineSeries::new(
            [(-pad, 0.5), (x_max + pad, 0.5)],
            Ink::Axis.color().mix(0.4).stroke_width(1),
        ))?;
        chart.draw_series(
            dates
                .iter()
                .map(|d| Circle::new((day(origin, *d), 0.5), 5, Ink::Main.color().filled())),
        )?;
        root.present()?;
    }
    Ok(finish(&svg, id, title, desc))
}

/// A heat map: rows × columns of levels, each cell shaded by level and labelled with it.
/// The levels of a heat map: rows × columns, on a scale from `min` to `max`.
pub struct Grid<'a> {
    pub rows: &'a [String],
    pub columns: &'a [String],
    pub cells: &'a [Vec<Option<i64>>],
    pub min: i64,
    pub max: i64,
}

pub fn heat_map(id: &str, grid: &Grid, title: &str, desc: &str) -> DrawResult<String> {
    let (rows, columns, cells, min, max) =
        (grid.rows, grid.columns, grid.cells, grid.min, grid.max);
    let cell = (64i32, 34i32);
    let left = 150i32;
    let top = 96i32;
    let w = (left + cell.0 * columns.len() as i32 + 16).max(240) as u32;
    let h = (top + cell.1 * rows.len() as i32 + 12) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        for (j, name) in columns.iter().enumerate() {
            let x = left + cell.0 * j as i32 + cell.0 / 2;
            let style = text_style(14.0, Ink::Text)
                .transform(FontTransform::Rotate270)
                .pos(Pos::new(HPos::Left, VPos::Center));
            root.draw(&Text::new(shorten(name, 16), (x, top - 6), style))?;
        }
        for (i, name) in rows.iter().enumerate() {
            let y = top + cell.1 * i as i32;
            let style = text_style(15.0, Ink::Text).pos(Pos::new(HPos::Right, VPos::Center));
            root.draw(&Text::new(
                shorten(name, 22),
                (left - 8, y + cell.1 / 2),
                style,
            ))?;
            for (j, level) in cells.get(i).into_iter().flatten().enumerate() {
                let x = left + cell.0 * j as i32;
                let shade = level.map_or(0, |l| {
                    let span = (max - min).max(1) as f64;
                    (1.0 + ((l - min) as f64 / span * 4.0).round()) as u8
                });
                let ink = if shade == 0 {
                    Ink::Axis
                } else {
                    Ink::Level(shade)
                };
                let style = if shade == 0 {
                    ink.color().mix(0.1).filled()
                } else {
                    ink.color().filled()
                };
                root.draw(&Rectangle::new(
                    [(x + 1, y + 1), (x + cell.0 - 1, y + cell.1 - 1)],
                    style,
                ))?;
                let label = level.map_or_else(|| "–".to_string(), |l| l.to_string());
                let text = text_style(15.0, Ink::Text).pos(Pos::new(HPos::Center, VPos::Center));
                root.draw(&Text::new(label, (x + cell.0 / 2, y + cell.1 / 2), text))?;
            }
        }
        root.present()?;
    }
    Ok(finish(&svg, id, title, desc))
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
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
        let svg = finish(raw, "c1", "Progress & more", "80 % of target");
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
            "t",
            "d",
        )
        .unwrap();
        assert!(t.contains("f-band"), "the long gap is shaded");
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
}
