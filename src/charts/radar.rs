//! The radar of competency levels against the targets.

use std::f64::consts::PI;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    Area, DrawResult, Ink, Layout, NARROW_WIDTH, both, finish, radar_points, text_style,
    tight_text_width, wrap,
};

/// One polygon of a radar chart.
pub struct RadarSeries<'a> {
    pub name: &'a str,
    pub levels: Vec<f64>,
    pub ink: Ink,
}

/// Where a radar is drawn: the drawing's size, the centre and radius of the web, how the
/// competency names are wrapped (characters a line, lines) and how far apart their lines
/// are.
struct Geometry {
    size: (u32, u32),
    center: (f64, f64),
    radius: f64,
    wrap: (usize, usize),
    line: f64,
}

/// The angle of axis `i` of `n`: the first points up, then clockwise.
fn angle(i: usize, n: usize) -> f64 {
    -PI / 2.0 + 2.0 * PI * i as f64 / n.max(1) as f64
}

/// The wide radar as it has always been; the narrow one as large as the names beside it
/// leave room for on a narrow drawing, its names in up to three short lines.
fn geometry(axes: &[String], series: usize, layout: Layout) -> Geometry {
    if layout != Layout::Narrow {
        return Geometry {
            size: (720, 430),
            center: (360.0, 200.0),
            radius: 140.0,
            wrap: (20, 2),
            line: 18.0,
        };
    }
    let (w, wrap_at, line) = (f64::from(NARROW_WIDTH), (13, 3), layout.text() * 0.95);
    // Each name beside the web ends 4 units inside the drawing.
    let radius = axes
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            let cos = angle(i, axes.len()).cos().abs();
            let widest = wrap(name, wrap_at.0, wrap_at.1)
                .iter()
                .map(|l| tight_text_width(l, layout))
                .fold(0.0, f64::max);
            (cos > 0.3).then(|| (w / 2.0 - 4.0 - 16.0 * cos - widest) / cos)
        })
        .fold(140.0, f64::min)
        .max(50.0);
    let above = 8.0 + line * wrap_at.1 as f64 + 16.0;
    let below = 16.0 + line * wrap_at.1 as f64 + 8.0 + 22.0 * series as f64;
    Geometry {
        size: (w as u32, (above + 2.0 * radius + below).ceil() as u32),
        center: (w / 2.0, above + radius),
        radius,
        wrap: wrap_at,
        line,
    }
}

/// A radar (spider) chart of competency levels, drawn with plotters' primitives; wide and
/// narrow.
pub fn radar(
    id: &str,
    axes: &[String],
    min: f64,
    max: f64,
    series: &[RadarSeries],
    title: &str,
    desc: &str,
) -> DrawResult<String> {
    both(|layout| {
        let g = geometry(axes, series.len(), layout);
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, g.size).into_drawing_area();
            draw_web(&root, &g, axes, (min, max), layout)?;
            draw_polygons(&root, &g, (min, max), series)?;
            // Legend.
            let h = g.size.1 as i32;
            for (i, s) in series.iter().enumerate() {
                let y = h - 20 - 22 * (series.len() as i32 - 1 - i as i32);
                root.draw(&PathElement::new(
                    vec![(16, y), (40, y)],
                    s.ink.color().stroke_width(2),
                ))?;
                let style = text_style(layout, Ink::Text).pos(Pos::new(HPos::Left, VPos::Center));
                root.draw(&Text::new(s.name.to_string(), (46, y), style))?;
            }
            root.present()?;
        }
        Ok(finish(&svg, id, layout, title, desc))
    })
}

fn px(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

/// Rings at every level, one spoke per competency and its name. The lowest level sits on
/// the first ring, not in the centre, so a polygon of lowest levels still shows.
fn draw_web(
    root: &Area,
    g: &Geometry,
    axes: &[String],
    (min, max): (f64, f64),
    layout: Layout,
) -> DrawResult<()> {
    let inner = min - 1.0;
    let steps = (max - inner).round().max(1.0) as usize;
    for k in 1..=steps {
        let level = inner + k as f64;
        let ring: Vec<(i32, i32)> =
            radar_points(&vec![level; axes.len()], inner, max, g.center, g.radius)
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
    let tips = radar_points(&vec![max; axes.len()], inner, max, g.center, g.radius);
    for (i, (tip, name)) in tips.iter().zip(axes).enumerate() {
        root.draw(&PathElement::new(
            vec![px(g.center), px(*tip)],
            Ink::Axis.color().mix(0.35).stroke_width(1),
        ))?;
        let angle = angle(i, axes.len());
        let label = (
            g.center.0 + (g.radius + 16.0) * angle.cos(),
            g.center.1 + (g.radius + 16.0) * angle.sin(),
        );
        let anchor = if angle.cos() > 0.3 {
            HPos::Left
        } else if angle.cos() < -0.3 {
            HPos::Right
        } else {
            HPos::Center
        };
        let style = text_style(layout, Ink::Text).pos(Pos::new(anchor, VPos::Center));
        let lines = wrap(name, g.wrap.0, g.wrap.1);
        // Names above the web end at its tip, names below start there, names beside it
        // are centred on it.
        let height = g.line * (lines.len() as f64 - 1.0);
        let beside = angle.cos().abs() > 0.3;
        let top = if beside {
            label.1 - height / 2.0
        } else if angle.sin() < 0.0 {
            label.1 - height
        } else {
            label.1
        };
        for (k, line) in lines.iter().enumerate() {
            let at = (label.0, top + g.line * k as f64);
            root.draw(&Text::new(line.clone(), px(at), style.clone()))?;
        }
    }
    Ok(())
}

/// One polygon per series, a dot at each level.
fn draw_polygons(
    root: &Area,
    g: &Geometry,
    (min, max): (f64, f64),
    series: &[RadarSeries],
) -> DrawResult<()> {
    for s in series {
        let pts: Vec<(i32, i32)> = radar_points(&s.levels, min - 1.0, max, g.center, g.radius)
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
    Ok(())
}
