//! Time series: lines and steps over dates (the burn-up, the scaling questions, a
//! competency's history), and the session timeline.

use plotters::prelude::*;

use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    Area, DrawResult, Ink, Layout, NARROW_WIDTH, Plot, TimeAxis, both, day, draw_month_labels,
    finish, text_style, text_width, tight_text_width, wrap,
};
use crate::model::{Date, Language};

/// One line of a multi-line time chart.
pub struct TimeSeries<'a> {
    pub name: &'a str,
    pub points: Vec<(Date, f64)>,
    pub ink: Ink,
    /// Draw as steps (cumulative counts) rather than straight segments.
    pub steps: bool,
}

/// Lines over time with a legend: competency history, scaling questions, burn-up.
/// A stretch of a band: on this date, from this value to that one.
pub type Span = (Date, f64, f64);

pub struct LinesInput<'a> {
    pub id: &'a str,
    pub series: Vec<TimeSeries<'a>>,
    pub y: (f64, f64),
    /// A shaded band between two lines (e.g. the healthy commitment band), with what it
    /// means for the legend.
    pub band: Option<(Vec<Span>, &'a str)>,
    /// A horizontal reference line and its label (e.g. a target level).
    pub reference: Option<(f64, &'a str)>,
    pub lang: Language,
    pub size: (u32, u32),
    pub title: &'a str,
    pub desc: &'a str,
}

/// Draws the lines, wide and narrow; a chart drawn for a narrow place already (a
/// competency's history in a grid) is drawn once.
pub fn lines(input: &LinesInput) -> DrawResult<String> {
    if input.size.0 <= NARROW_WIDTH + 60 {
        lines_in(input, Layout::Only)
    } else {
        both(|layout| lines_in(input, layout))
    }
}

/// One entry of a legend under a chart: its mark and its words.
enum Mark {
    Line(Ink),
    Patch(Ink),
    Dot(Ink),
}

/// The legend under a chart, an entry a row (or all in one row, `inline`): on a narrow
/// chart, a long entry is wrapped, to three lines at most.
struct Legend<'a> {
    entries: Vec<(Mark, &'a str)>,
    layout: Layout,
    width: u32,
    left: i32,
    inline: bool,
}

impl Legend<'_> {
    fn row(&self) -> i32 {
        (self.layout.text() * 1.3).round() as i32
    }

    fn lines(&self, text: &str) -> Vec<String> {
        let room = f64::from(self.width) - f64::from(self.left) - 34.0;
        let most = (room / tight_text_width("x", self.layout)).floor().max(8.0) as usize;
        if self.layout == Layout::Narrow {
            wrap(text, most, 3)
        } else {
            vec![text.to_string()]
        }
    }

    fn height(&self) -> u32 {
        let lines: usize = if self.inline {
            1
        } else {
            self.entries.iter().map(|e| self.lines(e.1).len()).sum()
        };
        (self.row() * lines as i32 + 8).max(0) as u32
    }

    fn draw(&self, area: &Area) -> DrawResult<()> {
        let (mut x, row) = (self.left, self.row());
        let mut y = row / 2 + 2;
        for (mark, text) in &self.entries {
            match mark {
                Mark::Line(ink) => area.draw(&PathElement::new(
                    vec![(x, y), (x + 24, y)],
                    ink.color().stroke_width(2),
                ))?,
                Mark::Patch(ink) => area.draw(&Rectangle::new(
                    [(x, y - 6), (x + 24, y + 6)],
                    ink.color().mix(0.25).filled(),
                ))?,
                Mark::Dot(ink) => {
                    area.draw(&Circle::new((x + 12, y), 5, ink.color().filled()))?;
                }
            }
            if self.inline {
                let style =
                    text_style(self.layout, Ink::Text).pos(Pos::new(HPos::Left, VPos::Center));
                area.draw(&Text::new(text.to_string(), (x + 30, y), style))?;
                x += 54 + text_width(text, self.layout).ceil() as i32;
                continue;
            }
            for line in self.lines(text) {
                let style =
                    text_style(self.layout, Ink::Text).pos(Pos::new(HPos::Left, VPos::Center));
                area.draw(&Text::new(line, (x + 30, y), style))?;
                y += row;
            }
        }
        Ok(())
    }
}

fn lines_in(input: &LinesInput, layout: Layout) -> DrawResult<String> {
    let narrow = layout == Layout::Narrow;
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
        layout,
    };
    let (w, h) = if narrow {
        (NARROW_WIDTH, input.size.1.saturating_sub(40).max(200))
    } else {
        input.size
    };
    let mut entries: Vec<(Mark, &str)> = input
        .series
        .iter()
        .map(|s| (Mark::Line(s.ink), s.name))
        .collect();
    if let Some((_, label)) = &input.band {
        entries.push((Mark::Patch(Ink::Band), label));
    }
    let legend = Legend {
        entries,
        layout,
        width: w,
        left: if narrow { 8 } else { 56 },
        inline: false,
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h + legend.height())).into_drawing_area();
        let (plot, below) = root.split_vertically(h);
        let mut chart = ChartBuilder::on(&plot)
            .margin_top(10)
            .margin_right(if narrow { 12 } else { 16 })
            .margin_left(if narrow { 4 } else { 8 })
            .x_label_area_size(30)
            .y_label_area_size(if narrow { 40 } else { 48 })
            .build_cartesian_2d(0f64..x_max, input.y.0..input.y.1)?;
        let number = |v: &f64| crate::i18n::format_number(*v, input.lang);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .max_light_lines(0)
            .bold_line_style(Ink::Axis.color().mix(0.25))
            .axis_style(Ink::Axis.color())
            .label_style(text_style(layout, Ink::Text))
            .x_labels(0)
            .y_labels(if narrow { 5 } else { 6 })
            .y_label_formatter(&number)
            .draw()?;
        draw_month_labels(&plot, &chart, &axis, x_max, input.y.0)?;
        let x = |d: Date| day(origin, d);
        if let Some((band, _)) = &input.band {
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
                text_style(layout, Ink::Target),
            ))?;
        }
        for s in &input.series {
            draw_series(&mut chart, s, origin)?;
        }
        legend.draw(&below)?;
        root.present()?;
    }
    Ok(finish(&svg, input.id, layout, input.title, input.desc))
}

/// One line, with a dot on each point, or steps.
fn draw_series(chart: &mut Plot, s: &TimeSeries, origin: Date) -> DrawResult<()> {
    let mut pts: Vec<(f64, f64)> = Vec::new();
    for (i, (d, v)) in s.points.iter().filter(|p| p.1.is_finite()).enumerate() {
        if s.steps
            && i > 0
            && let Some(prev) = pts.last().copied()
        {
            pts.push((day(origin, *d), prev.1));
        }
        pts.push((day(origin, *d), *v));
    }
    chart.draw_series(LineSeries::new(pts.clone(), s.ink.color().stroke_width(2)))?;
    if !s.steps {
        chart.draw_series(
            pts.iter()
                .map(|p| Circle::new(*p, 3, s.ink.color().filled())),
        )?;
    }
    Ok(())
}

/// Dots on a time line, one per session; gaps longer than `gap_days` are shaded.
/// The legend says what a dot and a shaded stretch are (`labels`: a session, a gap; the
/// gap only when there is one). Wide and narrow.
pub fn timeline(
    id: &str,
    dates: &[Date],
    gap_days: i64,
    lang: Language,
    labels: [&str; 2],
    title: &str,
    desc: &str,
) -> DrawResult<String> {
    both(|layout| {
        let axis = TimeAxis {
            origin: dates
                .first()
                .copied()
                .unwrap_or(Date(chrono::NaiveDate::MIN)),
            lang,
            layout,
        };
        let raw = timeline_in(&axis, dates, gap_days, labels)?;
        Ok(finish(&raw, id, layout, title, desc))
    })
}

fn timeline_in(
    axis: &TimeAxis,
    dates: &[Date],
    gap_days: i64,
    labels: [&str; 2],
) -> DrawResult<String> {
    let narrow = axis.layout == Layout::Narrow;
    let (w, h) = if narrow {
        (NARROW_WIDTH, 84u32)
    } else {
        (640u32, 90u32)
    };
    let origin = axis.origin;
    let x_max = dates.last().map_or(1.0, |l| day(origin, *l)).max(1.0);
    let pad = x_max * 0.03;
    let gap = dates.windows(2).any(|p| p[0].days_until(p[1]) > gap_days);
    // The legend names a gap only where the chart draws one.
    let mut entries = vec![(Mark::Dot(Ink::Main), labels[0])];
    if gap {
        entries.push((Mark::Patch(Ink::Band), labels[1]));
    }
    let legend = Legend {
        entries,
        layout: axis.layout,
        width: w,
        left: if narrow { 8 } else { 16 },
        inline: !narrow,
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h + legend.height())).into_drawing_area();
        let (plot, below) = root.split_vertically(h);
        let mut chart = ChartBuilder::on(&plot)
            .margin_top(8)
            .margin_right(16)
            .margin_left(16)
            .x_label_area_size(26)
            .build_cartesian_2d(-pad..x_max + pad, 0f64..1.0)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .disable_x_mesh()
            .axis_style(Ink::Axis.color())
            .label_style(text_style(axis.layout, Ink::Text))
            .x_labels(0)
            .draw()?;
        draw_month_labels(&plot, &chart, axis, x_max, 0.0)?;
        legend.draw(&below)?;
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
    Ok(svg)
}
