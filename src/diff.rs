//! `coachsite diff`: what a rebuilt site would newly show its reader, against an earlier
//! site (built from a git revision, or the one last published): the pages added and
//! removed, and in each page that changed, the lines of text (a heading, a paragraph,
//! a list item, a table row) that appear or disappear. Pure: sites in, differences out.

use similar::{ChangeTag, TextDiff};

use crate::html::{Piece, Pieces, unescape};
use crate::render::OutputFile;

/// A page's text as its reader reads it, one block (heading, paragraph, list item,
/// table row…) per line, without its charts, scripts and styles.
pub fn page_text(html: &str) -> Vec<String> {
    let mut text = String::with_capacity(html.len() / 2);
    let mut pieces = Pieces::new(html);
    while let Some(piece) = pieces.next() {
        match piece {
            // Line breaks in the source are spaces: only the end of a block ends a line.
            // A `<` never closed is text.
            Piece::Text(part) | Piece::Unclosed(part) => {
                text.extend(part.chars().map(|c| if c == '\n' { ' ' } else { c }));
            }
            Piece::Tag(tag) => {
                let name = tag.name();
                // What a reader does not read as text: skipped whole.
                if !tag.is_closing() && SKIPPED.contains(&&*name) {
                    pieces.skip_element(&name);
                } else if BLOCKS.contains(&&*name) {
                    text.push('\n');
                } else if ["td", "th", "dd"].contains(&&*name) {
                    text.push(' ');
                }
            }
        }
    }
    unescape(&text)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Elements whose content is not text a reader reads.
const SKIPPED: &[&str] = &["script", "style", "svg"];

/// Tags that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "dt",
    "br",
    "div",
    "section",
    "header",
    "footer",
    "nav",
    "figure",
    "figcaption",
    "blockquote",
    "pre",
    "summary",
    "details",
    "table",
    "ul",
    "ol",
    "dl",
    "main",
    "title",
    "caption",
];

/// A line that appears or disappears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Line {
    Added(String),
    Removed(String),
}

/// One page whose text changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageDiff {
    pub(crate) path: String,
    pub(crate) lines: Vec<Line>,
}

/// What a rebuilt site would newly show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteDiff {
    pub(crate) added: Vec<String>,
    pub(crate) removed: Vec<String>,
    pub(crate) changed: Vec<PageDiff>,
}

impl SiteDiff {
    pub(crate) fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// Whether a file is a page a reader reads: HTML, but not the search page (its index
/// holds every page's words again).
fn is_page(path: &str) -> bool {
    path.ends_with(".html") && path != "search.html"
}

/// The pages of `new` against those of `old`, both sorted by path.
pub fn diff_sites(old: &[OutputFile], new: &[OutputFile]) -> SiteDiff {
    let pages = |files: &[OutputFile]| -> std::collections::BTreeMap<String, Vec<String>> {
        files
            .iter()
            .filter(|f| is_page(&f.path))
            .map(|f| {
                (
                    f.path.clone(),
                    page_text(&String::from_utf8_lossy(&f.bytes)),
                )
            })
            .collect()
    };
    let (old, new) = (pages(old), pages(new));
    let mut diff = SiteDiff {
        added: new
            .keys()
            .filter(|p| !old.contains_key(*p))
            .cloned()
            .collect(),
        removed: old
            .keys()
            .filter(|p| !new.contains_key(*p))
            .cloned()
            .collect(),
        changed: Vec::new(),
    };
    for (path, lines) in &new {
        let Some(before) = old.get(path) else {
            continue;
        };
        if before == lines {
            continue;
        }
        let a: Vec<&str> = before.iter().map(String::as_str).collect();
        let b: Vec<&str> = lines.iter().map(String::as_str).collect();
        let changes: Vec<Line> = TextDiff::from_slices(&a, &b)
            .iter_all_changes()
            .filter_map(|c| match c.tag() {
                ChangeTag::Insert => Some(Line::Added(c.value().to_string())),
                ChangeTag::Delete => Some(Line::Removed(c.value().to_string())),
                ChangeTag::Equal => None,
            })
            .collect();
        diff.changed.push(PageDiff {
            path: path.clone(),
            lines: changes,
        });
    }
    diff
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: html.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_page_reads_as_its_blocks_without_charts_or_scripts() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body><h1>Goals</h1><p>Progress: <strong>80%</strong> of&nbsp;the\nway &amp; more.</p><svg><text>chart</text></svg><table><tr><th>A</th><td>1</td></tr></table><script>var x = '<p>';</script></body></html>";
        assert_eq!(
            page_text(html),
            vec!["T", "Goals", "Progress: 80% of the way & more.", "A 1"]
        );
        // Every character reference, as search reads them (`html::unescape`); a `<`
        // never closed is text.
        assert_eq!(
            page_text("<li>caf&eacute;</li><li>caf&#233; &amp; caf&#xE9;</li><p>l&#x27;&#x2F; 1 <"),
            vec!["café", "café & café", "l'/ 1 <"]
        );
    }

    #[test]
    fn the_diff_names_new_and_gone_pages_and_the_lines_that_changed() {
        let old = vec![
            file("index.html", "<p>Same</p><p>Forecast 13 July</p>"),
            file("gone.html", "<p>x</p>"),
            file("search.html", "<p>index</p>"),
            file("style.css", "p {}"),
        ];
        let new = vec![
            file("index.html", "<p>Same</p><p>Forecast 20 July</p>"),
            file("new.html", "<p>y</p>"),
            file("search.html", "<p>other index</p>"),
            file("style.css", "p { color: red }"),
        ];
        let d = diff_sites(&old, &new);
        assert_eq!(d.added, vec!["new.html"]);
        assert_eq!(d.removed, vec!["gone.html"]);
        assert_eq!(
            d.changed,
            vec![PageDiff {
                path: "index.html".into(),
                lines: vec![
                    Line::Removed("Forecast 13 July".into()),
                    Line::Added("Forecast 20 July".into())
                ],
            }]
        );
        assert!(diff_sites(&new, &new).is_empty());
    }
}
