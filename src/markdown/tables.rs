//! Tables in notes, made to stack on a phone: each body cell gets its column's header as
//! `data-label`, and the table the class `stack` (the style sheet shows it as one block
//! per row on a narrow screen, each cell after its column's name).

use crate::html::escape;

/// The HTML of a note with its tables labelled; the HTML as it is when it has none.
/// Works on pulldown-cmark's output, which writes `<table>`, `<th…>` and `<td…>` itself.
pub fn stack(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(at) = rest.find("<table>") {
        out.push_str(&rest[..at]);
        let end = rest[at..]
            .find("</table>")
            .map_or(rest.len(), |e| at + e + "</table>".len());
        out.push_str(&label(&rest[at..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// One table: the headers' text, then every `<td` of its body with the label of its column.
fn label(table: &str) -> String {
    let (head, body) = match table.find("</thead>") {
        Some(at) => table.split_at(at),
        None => return table.to_string(),
    };
    let headers: Vec<String> = head
        .split("<th")
        .skip(1)
        // Not `<thead>`: a cell's tag ends or has attributes right after its name.
        .filter(|cell| cell.starts_with('>') || cell.starts_with(' '))
        .map(|cell| {
            let inner = cell.split_once('>').map_or("", |(_, r)| r);
            let inner = inner.split("</th>").next().unwrap_or("");
            text_of(inner)
        })
        .collect();
    let mut out = String::with_capacity(table.len() + 64);
    out.push_str(&head.replacen("<table>", "<table class=\"stack\">", 1));
    for (i, row) in body.split("<tr>").enumerate() {
        if i > 0 {
            out.push_str("<tr>");
        }
        for (j, cell) in row.split("<td").enumerate() {
            if j == 0 {
                out.push_str(cell);
                continue;
            }
            out.push_str("<td");
            if let Some(h) = headers.get(j - 1).filter(|h| !h.is_empty()) {
                out.push_str(&format!(" data-label=\"{}\"", escape(h)));
            }
            out.push_str(cell);
        }
    }
    out
}

/// The text of a header cell, without its tags, its entities kept as written (they are
/// escaped again as an attribute's value, so `&amp;` stays one ampersand to the reader).
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_cells_get_their_columns_name() {
        let html = "<p>x</p>\n<table><thead><tr><th>Area</th><th style=\"text-align: center\">Defects <em>&amp; bugs</em></th></tr></thead><tbody>\n<tr><td>Renewal</td><td style=\"text-align: center\">9</td></tr>\n</tbody></table>\n<p>y</p>\n";
        assert_eq!(
            stack(html),
            "<p>x</p>\n<table class=\"stack\"><thead><tr><th>Area</th><th style=\"text-align: center\">Defects <em>&amp; bugs</em></th></tr></thead><tbody>\n<tr><td data-label=\"Area\">Renewal</td><td data-label=\"Defects &amp; bugs\" style=\"text-align: center\">9</td></tr>\n</tbody></table>\n<p>y</p>\n"
        );
        // No table, no change; a table without a head is left as it is.
        assert_eq!(stack("<p>a</p>"), "<p>a</p>");
        assert_eq!(
            stack("<table><tbody></tbody></table>"),
            "<table><tbody></tbody></table>"
        );
    }
}
