//! The heat map of members' ratings (team engagements).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{DrawResult, Ink, Layout, NARROW_WIDTH, both, finish, shorten, text_style, text_width};

/// A heat map: rows × columns of levels, each cell shaded by level and labelled with it.
/// The levels of a heat map: rows × columns, on a scale from `min` to `max`.
pub struct Grid<'a> {
    pub rows: &'a [String],
    pub columns: &'a [String],
    pub cells: &'a [Vec<Option<i64>>],
    pub min: i64,
    pub max: i64,
}

/// Draws a heat map, wide and narrow: the narrow one has shorter names and narrower cells.
pub fn heat_map(id: &str, grid: &Grid, title: &str, desc: &str) -> DrawResult<String> {
    both(|layout| heat_map_in(id, grid, layout, title, desc))
}

fn heat_map_in(
    id: &str,
    grid: &Grid,
    layout: Layout,
    title: &str,
    desc: &str,
) -> DrawResult<String> {
    let (rows, columns, cells, min, max) =
        (grid.rows, grid.columns, grid.cells, grid.min, grid.max);
    let narrow = layout == Layout::Narrow;
    // Characters of a member's name and of a competency's.
    let (row_chars, column_chars) = if narrow { (12, 20) } else { (22, 16) };
    // Room on the left for the members' names, and above the grid for the rotated
    // competency names.
    let left = 16
        + rows
            .iter()
            .map(|r| text_width(&shorten(r, row_chars), layout))
            .fold(60.0, f64::max)
            .ceil() as i32;
    let cell = if narrow {
        let room = (NARROW_WIDTH as i32 - left - 8) / columns.len().max(1) as i32;
        (room.clamp(24, 44), 30i32)
    } else {
        (64i32, 34i32)
    };
    let longest = columns
        .iter()
        .map(|c| shorten(c, column_chars))
        .map(|c| text_width(&c, layout))
        .fold(0.0, f64::max);
    let top = 24 + longest.ceil() as i32;
    let w = (left + cell.0 * columns.len() as i32 + if narrow { 8 } else { 16 }).max(240) as u32;
    let h = (top + cell.1 * rows.len() as i32 + 12) as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        for (j, name) in columns.iter().enumerate() {
            let x = left + cell.0 * j as i32 + cell.0 / 2;
            let style = text_style(layout, Ink::Text)
                .transform(FontTransform::Rotate270)
                .pos(Pos::new(HPos::Left, VPos::Center));
            root.draw(&Text::new(shorten(name, column_chars), (x, top - 6), style))?;
        }
        for (i, name) in rows.iter().enumerate() {
            let y = top + cell.1 * i as i32;
            let style = text_style(layout, Ink::Text).pos(Pos::new(HPos::Right, VPos::Center));
            root.draw(&Text::new(
                shorten(name, row_chars),
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
                // A level's number in the ink of its cell: the style sheet gives each
                // shade the text colour that reads on it.
                let number = if shade == 0 { Ink::Text } else { ink };
                let text = text_style(layout, number).pos(Pos::new(HPos::Center, VPos::Center));
                root.draw(&Text::new(label, (x + cell.0 / 2, y + cell.1 / 2), text))?;
            }
        }
        root.present()?;
    }
    Ok(finish(&svg, id, layout, title, desc))
}
