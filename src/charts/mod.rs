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
//!
//! One file per kind of chart (`progress`, `radar`, `lines`, `heat_map`); this file
//! holds what they share: the inks, [`finish`], the geometry and the drawing helpers.

use std::f64::consts::PI;

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor;
use serde::Serialize;

use crate::html::escape;
use crate::model::{Date, Language};

mod heat_map;
mod lines;
mod progress;
mod radar;
#[cfg(test)]
mod tests;

pub use heat_map::{Grid, heat_map};
pub use lines::{LinesInput, TimeSeries, lines, timeline};
pub use progress::{ProgressInput, progress, progress_small, sparkline};
pub use radar::{RadarSeries, radar};

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

/// Which of a chart's drawings an SVG is: the only one, or the wide (print, wide screens)
/// or narrow (phones) one of a pair; the theme's style sheet shows one of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Only,
    Wide,
    Narrow,
}

impl Layout {
    /// Chart text, in drawing units: the same on both drawings. plotters writes it 0.8065
    /// as large (13.9 units). A wide drawing (640 units; the radar's 720) is shown where
    /// its figure is 36rem (576 CSS px) or more, so its text stays 11 px or more (12.5 on a
    /// 640-unit one); a narrow drawing, 340 units wide, is shown at 288 CSS px or more (on
    /// a 320 px screen), so its text stays 11.8 px or more.
    fn text(self) -> f64 {
        15.0 * 1.15
    }

    /// The CSS classes of the SVG, and what its id ends in.
    fn class_and_suffix(self) -> (&'static str, &'static str) {
        match self {
            Layout::Only => ("chart", ""),
            Layout::Wide => ("chart chart-wide", ""),
            Layout::Narrow => ("chart chart-narrow", "-narrow"),
        }
    }
}

/// The width of every narrow drawing, in units.
const NARROW_WIDTH: u32 = 340;

/// Draws a chart twice, wide then narrow, as one piece of HTML: the style sheet shows the
/// narrow drawing on a narrow screen, the wide one elsewhere and on paper.
fn both(draw: impl Fn(Layout) -> DrawResult<String>) -> DrawResult<String> {
    Ok(draw(Layout::Wide)? + &draw(Layout::Narrow)?)
}

/// Turns plotters' SVG into a finished inline chart: scalable, classes instead of
/// sentinel colours, `role="img"` with a title and a description. The narrow drawing of
/// a pair has its own ids (`ID-narrow`), so that both can be on one page.
pub fn finish(raw: &str, id: &str, layout: Layout, title: &str, desc: &str) -> String {
    let (class, suffix) = layout.class_and_suffix();
    let id = format!("{id}{suffix}");
    let mut out = String::with_capacity(raw.len() + 256);
    for (i, line) in raw.lines().enumerate() {
        if i == 0 && line.starts_with("<svg") {
            let view_box = line
                .split("viewBox=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or("0 0 100 100");
            out.push_str(&format!(
                "<svg viewBox=\"{view_box}\" xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" id=\"{id}\" preserveAspectRatio=\"xMidYMid meet\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
                escape(title),
                escape(desc)
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

fn text_style(layout: Layout, ink: Ink) -> TextStyle<'static> {
    (FONT, layout.text()).into_font().color(&ink.color())
}

/// Days from `origin`, as the x coordinate of time charts.
fn day(origin: Date, date: Date) -> f64 {
    origin.days_until(date) as f64
}

type DrawResult<T> = Result<T, Box<dyn std::error::Error>>;

/// Everything a time chart needs to label its x axis.
pub struct TimeAxis {
    pub origin: Date,
    pub lang: Language,
    pub layout: Layout,
}

/// Date ticks at natural dates: the first day of every month, or of every second, third
/// or sixth month, so that at most `max` fall between `origin` and `x_max` days after.
/// As (x, date) pairs.
fn month_ticks(origin: Date, x_max: f64, max: usize) -> Vec<(f64, Date)> {
    let (mut year, mut month, _) = origin.ymd();
    let mut firsts = Vec::new();
    // The first of each month after the origin, while inside the axis (bounded: the
    // axis spans at most the years coachsite accepts).
    for _ in 0..(12 * 400) {
        month += 1;
        if month > 12 {
            month = 1;
            year += 1;
        }
        let Some(first) = Date::from_ymd(year, month, 1) else {
            break;
        };
        let x = day(origin, first);
        if x > x_max {
            break;
        }
        firsts.push((x, first));
    }
    let every = |step: usize| {
        firsts
            .iter()
            .filter(|(_, d)| (d.ymd().1 as usize - 1).is_multiple_of(step))
            .copied()
            .collect::<Vec<_>>()
    };
    let mut ticks = [1, 2, 3, 6, 12]
        .into_iter()
        .map(every)
        .find(|ticks| ticks.len() <= max)
        .unwrap_or_else(|| every(12));
    if ticks.len() > max {
        let skip = ticks.len().div_ceil(max.max(1));
        ticks = ticks.into_iter().step_by(skip).collect();
    }
    ticks
}

/// The drawing area of a chart and its plot, with values in days × units.
type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type Plot<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Date labels under the plot at natural dates ([`month_ticks`]), with a small tick each.
fn draw_month_labels(
    root: &Area,
    chart: &Plot,
    axis: &TimeAxis,
    x_max: f64,
    y_bottom: f64,
) -> DrawResult<()> {
    let most = if axis.layout == Layout::Narrow { 4 } else { 6 };
    // The right end of the last label drawn: a label that would overlap it is left out
    // (its tick stays), as German months do on a narrow plot ("1. Juni").
    let mut last_right = f64::NEG_INFINITY;
    for (x, date) in month_ticks(axis.origin, x_max, most) {
        let pos = chart.backend_coord(&(x, y_bottom));
        root.draw(&PathElement::new(
            vec![(pos.0, pos.1), (pos.0, pos.1 + 5)],
            Ink::Axis.color().stroke_width(1),
        ))?;
        let label = crate::i18n::format_date_short(date, axis.lang);
        let half = label.chars().count() as f64 * axis.layout.text() * 0.8065 * 0.25;
        if f64::from(pos.0) - half < last_right {
            continue;
        }
        last_right = f64::from(pos.0) + half;
        let style = text_style(axis.layout, Ink::Text).pos(text_anchor::Pos::new(
            text_anchor::HPos::Center,
            text_anchor::VPos::Top,
        ));
        root.draw(&Text::new(label, (pos.0, pos.1 + 8), style))?;
    }
    Ok(())
}

/// The width a text takes in the charts' sans-serif font, generously estimated (no font
/// library is at hand at build time): used to leave room for labels, never to crop them.
fn text_width(text: &str, layout: Layout) -> f64 {
    text.chars().count() as f64 * layout.text() * 0.58
}

/// The width a text takes, estimated closely (an average sans-serif letter is about half
/// as wide as it is high): where room is scarce on a narrow drawing. The browser tests
/// check that no label is cut off.
fn tight_text_width(text: &str, layout: Layout) -> f64 {
    text.chars().count() as f64 * layout.text() * 0.8065 * 0.55
}

/// A label in at most `most` lines of at most `max` characters, broken between words;
/// what does not fit ends in "…" (the whole name is in the chart's data table).
fn wrap(text: &str, max: usize, most: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let count = lines.len();
        let line = lines.last_mut().expect("one line at least");
        if line.is_empty()
            || line.chars().count() + 1 + word.chars().count() <= max
            || count >= most.max(1)
        {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        } else {
            lines.push(word.to_string());
        }
    }
    lines.into_iter().map(|l| shorten(&l, max)).collect()
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
