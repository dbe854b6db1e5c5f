//! The radar of competency levels against the targets.

use std::f64::consts::PI;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{DrawResult, Ink, finish, radar_points, text_style, wrap};

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
            let lines = wrap(name, 20);
            let top = label.1 - 9.0 * (lines.len() as f64 - 1.0);
            for (k, line) in lines.iter().enumerate() {
                let at = (label.0, top + 18.0 * k as f64);
                root.draw(&Text::new(line.clone(), px(at), style.clone()))?;
            }
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
