//! Time series: lines and steps over dates (the burn-up, the scaling questions, a
//! competency's history), and the session timeline.

use plotters::prelude::*;

use super::{DrawResult, Ink, TimeAxis, day, draw_month_labels, finish, text_style, text_width};
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
    let entries = input.series.len() + usize::from(input.band.is_some());
    let legend_height = 22 * entries as u32 + 8;
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
        let number = |v: &f64| crate::i18n::format_number(*v, input.lang);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .max_light_lines(0)
            .bold_line_style(Ink::Axis.color().mix(0.25))
            .axis_style(Ink::Axis.color())
            .label_style(text_style(15.0, Ink::Text))
            .x_labels(0)
            .y_labels(6)
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
                text_style(15.0, Ink::Target),
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
        if let Some((_, label)) = &input.band {
            let y = 12 + 22 * input.series.len() as i32;
            legend.draw(&Rectangle::new(
                [(56, y - 6), (80, y + 6)],
                Ink::Band.color().mix(0.25).filled(),
            ))?;
            legend.draw(&Text::new(
                label.to_string(),
                (86, y - 7),
                text_style(15.0, Ink::Text),
            ))?;
        }
        root.present()?;
    }
    Ok(finish(&svg, input.id, input.title, input.desc))
}

/// Dots on a time line, one per session; gaps longer than `gap_days` are shaded.
/// The legend says what a dot and a shaded stretch are (`labels`: a session, a gap; the
/// gap only when there is one).
pub fn timeline(
    id: &str,
    dates: &[Date],
    gap_days: i64,
    lang: Language,
    labels: [&str; 2],
    title: &str,
    desc: &str,
) -> DrawResult<String> {
    let (w, h) = (640u32, 90u32);
    let legend_height = 30u32;
    let origin = dates
        .first()
        .copied()
        .unwrap_or(Date(chrono::NaiveDate::MIN));
    let x_max = dates.last().map_or(1.0, |l| day(origin, *l)).max(1.0);
    let pad = x_max * 0.03;
    let axis = TimeAxis { origin, lang };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h + legend_height)).into_drawing_area();
        let (plot, legend) = root.split_vertically(h);
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
            .label_style(text_style(15.0, Ink::Text))
            .x_labels(0)
            .draw()?;
        draw_month_labels(&plot, &chart, &axis, x_max, 0.0)?;
        legend.draw(&Circle::new((24, 14), 5, Ink::Main.color().filled()))?;
        legend.draw(&Text::new(
            labels[0].to_string(),
            (36, 7),
            text_style(15.0, Ink::Text),
        ))?;
        // The legend names a gap only where the chart draws one.
        if dates.windows(2).any(|p| p[0].days_until(p[1]) > gap_days) {
            let gap_at = 60 + text_width(labels[0], 15.0).ceil() as i32;
            legend.draw(&Rectangle::new(
                [(gap_at, 8), (gap_at + 24, 20)],
                Ink::Band.color().mix(0.25).filled(),
            ))?;
            legend.draw(&Text::new(
                labels[1].to_string(),
                (gap_at + 30, 7),
                text_style(15.0, Ink::Text),
            ))?;
        }
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
