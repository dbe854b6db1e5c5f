//! No empty shells (issue 34): a section with nothing for its reader is left out, not
//! shown empty: no heading with nothing under it, no table without rows, no column of
//! only dashes where nothing was assessed, and a proposed objective reads as proposed.

mod common;

use common::Project;

/// The headings of `html` that close their section with nothing under them (a heading
/// followed at once by the end of its section or by a heading of its level or above).
fn empty_headings(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for level in 1..=4 {
        let close = format!("</h{level}>");
        let mut rest = html;
        while let Some(at) = rest.find(&close) {
            let after = rest[at + close.len()..].trim_start();
            let open = rest[..at].rfind(&format!("<h{level}")).unwrap_or(0);
            let ends = after.starts_with("</section>")
                || after.starts_with("</article>")
                || (1..=level).any(|l| after.starts_with(&format!("<h{l}")));
            if ends {
                found.push(rest[open..at + close.len()].to_string());
            }
            rest = &rest[at + close.len()..];
        }
    }
    found
}

/// The text of each cell of each body row of each table of `html`.
fn table_rows(html: &str) -> Vec<Vec<Vec<String>>> {
    let text = |cell: &str| {
        let mut out = String::new();
        let mut in_tag = false;
        for c in cell.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.trim().to_string()
    };
    let mut tables = Vec::new();
    for table in html.split("<tbody>").skip(1) {
        let body = &table[..table.find("</tbody>").unwrap_or(table.len())];
        let rows: Vec<Vec<String>> = body
            .split("<tr")
            .skip(1)
            .map(|row| {
                row.split("<t")
                    .skip(1)
                    .filter(|c| c.starts_with('d') || c.starts_with('h'))
                    .map(|c| text(&c[c.find('>').map_or(0, |i| i + 1)..]))
                    .collect()
            })
            .collect();
        tables.push(rows);
    }
    tables
}

/// The columns of the tables of `html` that read "–" (or nothing) on every row.
fn empty_columns(html: &str) -> Vec<usize> {
    // Charts inside cells (sparklines) hold tags of their own: read their text out.
    let mut html = html.to_string();
    while let Some(at) = html.find("<svg") {
        let end = html[at..].find("</svg>").map_or(html.len(), |e| at + e + 6);
        html.replace_range(at..end, "chart");
    }
    let mut found = Vec::new();
    for rows in table_rows(&html) {
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        for column in 0..width {
            let cells: Vec<&String> = rows.iter().filter_map(|r| r.get(column)).collect();
            if !cells.is_empty() && cells.iter().all(|c| c.is_empty() || *c == "–") {
                found.push(column);
            }
        }
    }
    found
}

#[test]
fn no_page_of_any_reader_has_an_empty_section() {
    let mut pages = 0;
    for name in [
        "example",
        "minimal",
        "zpd-failure",
        "obsidian-vault",
        "obsidian-work-vault",
    ] {
        let p = if name == "example" {
            Project::example()
        } else {
            Project::fixture(name)
        };
        for audience in ["coach", "client", "sponsor"] {
            p.build_ok(&["--audience", audience]);
            for (path, bytes) in common::snapshot(&p.out) {
                if !path.ends_with(".html") {
                    continue;
                }
                let html = String::from_utf8_lossy(&bytes);
                let at = format!("{name}, {audience}'s {path}");
                assert_eq!(empty_headings(&html), Vec::<String>::new(), "{at}");
                assert_eq!(
                    empty_columns(&html),
                    Vec::<usize>::new(),
                    "{at}: a column of dashes"
                );
                for empty in [
                    "<p class=\"muted\"></p>",
                    "<p class=\"lead\"></p>",
                    "<p></p>",
                ] {
                    assert!(!html.contains(empty), "{at}: {empty}");
                }
                assert!(
                    !html.contains("<tbody>\n    </tbody>"),
                    "{at}: a table with no row"
                );
                assert!(
                    !html.contains("<tbody>\n  </tbody>"),
                    "{at}: a table with no row"
                );
                pages += 1;
            }
        }
    }
    assert!(pages > 100, "{pages} pages");
}

#[test]
fn what_a_sponsor_cannot_see_leaves_no_shell() {
    let p = Project::example();
    p.build_ok(&["--audience", "sponsor"]);
    // No assessment is shared with the sponsor: the competencies and their targets, no
    // gap column of dashes, and no development areas in the report.
    let assessments = p.page("assessments/index.html");
    assert!(assessments.contains("The assessments are not shared in this view."));
    assert!(!assessments.contains(">Gap<"), "{assessments}");
    assert!(!assessments.contains(">Levels over time<"));
    assert!(assessments.contains("Running Scrum events"));
    let report = p.page("report.html");
    assert!(!report.contains("Development areas"), "{report}");
    // No session pages on the sponsor's site: no section about sessions either.
    let objective = p.page("objectives/escaped-defects.html");
    assert!(!objective.contains("Discussed in sessions"), "{objective}");
    assert!(!p.page("index.html").contains("Recent sessions"));
    // The client, who sees the assessments, keeps them all.
    p.build_ok(&["--audience", "client"]);
    assert!(p.page("assessments/index.html").contains(">Gap<"));
    assert!(p.page("report.html").contains("Development areas"));
    assert!(
        p.page("objectives/escaped-defects.html")
            .contains("Discussed in sessions")
    );
}

#[test]
fn a_proposed_objective_reads_as_proposed() {
    let p = Project::example();
    // The example's proposed objective, shown to the client: a specific statement, a
    // measure with no baseline, a due date; no achievable, no relevant, no measurement.
    p.edit(
        "objectives/platform-ownership.md",
        "visibility: coach",
        "visibility: client",
    );
    p.build_ok(&["--audience", "client"]);
    let page = p.page("objectives/platform-ownership.html");
    assert!(page.contains(">What is proposed</h2>"), "{page}");
    assert!(!page.contains("What was agreed"));
    // Only the letters written: no blank A or R row.
    for (letter, shown) in [
        ("S", true),
        ("M", true),
        ("A", false),
        ("R", false),
        ("T", true),
    ] {
        assert_eq!(
            page.contains(&format!("<dt><abbr>{letter}</abbr>")),
            shown,
            "{letter}: {page}"
        );
    }
    // Nothing to say of where it stands: no heading for it.
    assert!(!page.contains("standing-heading"), "{page}");
    // An agreed objective keeps its title.
    let agreed = p.page("objectives/sprint-goals.html");
    assert!(agreed.contains(">What was agreed</h2>"));
    assert!(agreed.contains("standing-heading"));
}
