//! Places in a text, counted once: the line and column of offsets asked for in order
//! (tasks, plugin code and template syntax found in a note), so that a note is read once
//! however many places it has.

/// Where the last place was: its offset, its 0-based line and where that line starts.
#[derive(Default)]
pub(super) struct Lines {
    at: usize,
    line: u32,
    line_start: usize,
}

impl Lines {
    /// The 1-based line and column of `offset`, and the offset its line starts at. A
    /// place before the last one counts again from the start.
    pub(super) fn place(&mut self, text: &str, offset: usize) -> (u32, u32, usize) {
        let offset = offset.min(text.len());
        if offset < self.at {
            *self = Lines::default();
        }
        let between = text.get(self.at..offset).unwrap_or("");
        if let Some(last) = between.rfind('\n') {
            self.line += between.bytes().filter(|&b| b == b'\n').count() as u32;
            self.line_start = self.at + last + 1;
        }
        self.at = offset;
        let column = text
            .get(self.line_start..offset)
            .map_or(0, |b| b.chars().count());
        (self.line + 1, column as u32 + 1, self.line_start)
    }

    /// The 1-based line and column of `offset`.
    pub(super) fn at(&mut self, text: &str, offset: usize) -> (u32, u32) {
        let (line, column, _) = self.place(text, offset);
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::Lines;

    #[test]
    fn places_are_counted_once_and_again_when_asked_backwards() {
        let text = "ab\ncdé\n\nfg";
        let mut lines = Lines::default();
        assert_eq!(lines.at(text, 0), (1, 1));
        assert_eq!(lines.at(text, 5), (2, 3));
        assert_eq!(lines.place(text, 10), (4, 2, 9));
        assert_eq!(lines.at(text, 99), (4, 3));
        assert_eq!(lines.at(text, 3), (2, 1), "backwards");
    }
}
