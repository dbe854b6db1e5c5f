//! Links, embeds and tags: found with their offsets, never in code, and resolved.

use super::*;

#[test]
fn references_are_found_with_their_offsets_and_never_in_code() {
    let text = "See [[sprint-goals]] and [[a|b]].\n\n![[board.jpg]] ![photo](sessions/p.png) [deck](deck.pdf) [site](https://x.org/a.pdf)\n\n`[[not-this]]`\n\n```\n[[nor-this]]\n```\n";
    let refs = references(text);
    let got: Vec<(RefKind, &str, usize)> = refs
        .iter()
        .map(|r| (r.kind, r.target.as_str(), r.offset))
        .collect();
    assert_eq!(
        got,
        vec![
            (RefKind::Link, "sprint-goals", 4),
            (RefKind::Link, "a", 25),
            (RefKind::Embed, "board.jpg", 35),
            (RefKind::Image, "sessions/p.png", 50),
            (RefKind::File, "deck.pdf", 75),
        ]
    );
    assert!(refs[2].is_attachment() && !refs[0].is_attachment());
}

#[test]
fn tags_follow_obsidian() {
    assert_eq!(
        tags(
            "Worked on #delegation, #team/roles and #1 and a#b.\n\n# Heading\n\n`#code` (#in-brackets)"
        )
        .to_vec(),
        vec!["delegation", "team/roles", "in-brackets"]
    );
    assert!(tags("[#not-a-tag](x.html)").is_empty());
    assert!(tags("\\#escaped is text").is_empty());
}

/// Knows one visible objective, two attachments and one tag page.
struct Fixture;

impl Resolve for Fixture {
    fn root(&self) -> &str {
        "../"
    }
    fn item(&self, path: &str) -> Option<(String, String)> {
        (path == "sprint-goals" || path == "objectives/sprint-goals").then(|| {
            (
                "objectives/sprint-goals.html".into(),
                "Meet the sprint goal".into(),
            )
        })
    }
    fn attachment(&self, target: &str) -> Option<String> {
        match target {
            "board photo.png" | "board%20photo.png" => Some("sessions/board photo.png".into()),
            "deck.pdf" => Some("attachments/deck.pdf".into()),
            _ => None,
        }
    }
    fn tag(&self, tag: &str) -> Option<String> {
        (tag == "delegation").then(|| "lessons/tags/delegation.html".into())
    }
}

fn html(text: &str) -> String {
    crate::markdown::to_html_with(text, &Fixture)
}

#[test]
fn a_reference_knows_its_end_and_its_words_and_images_in_links_are_found() {
    let text = "See [[a|the talk]], [[b]] and [x](c.md). [![thumb](thumb.png)](full.pdf)";
    let refs = references(text);
    let words: Vec<&str> = refs.iter().map(|r| &text[r.words.clone()]).collect();
    let whole: Vec<&str> = refs.iter().map(|r| &text[r.offset..r.end]).collect();
    assert_eq!(
        whole,
        [
            "[[a|the talk]]",
            "[[b]]",
            "[x](c.md)",
            "[![thumb](thumb.png)](full.pdf)",
            "![thumb](thumb.png)"
        ]
    );
    assert_eq!(words[..3], ["the talk", "b", "x"]);
    assert_eq!(
        refs[4].target, "thumb.png",
        "the image inside the link is found"
    );
}

#[test]
fn wikilinks_resolve_for_the_reader() {
    assert!(
        html("See [[sprint-goals]].")
            .contains("See <a href=\"../objectives/sprint-goals.html\">Meet the sprint goal</a>."),
        "the title stands for the id"
    );
    assert!(
        html("[[objectives/sprint-goals#Why we care|why]]")
            .contains("<a href=\"../objectives/sprint-goals.html#why-we-care\">why</a>")
    );
    // An item this reader may not see: its words, no link.
    let hidden = html("See [[coach-only-session|the other talk]] and [[secret]].");
    assert!(
        hidden.contains("See the other talk and secret."),
        "{hidden}"
    );
    assert!(!hidden.contains("<a"), "{hidden}");
    assert!(html("[[#Check-in]]").contains("<a href=\"#check-in\">"));
    // Obsidian's Markdown links to notes are the same links.
    assert!(
        html("[the goal](../objectives/sprint-goals.md#Why%20we%20care)")
            .contains("<a href=\"../objectives/sprint-goals.html#why-we-care\">the goal</a>")
    );
    assert_eq!(
        references("[the goal](sprint-goals.md)")[0].target,
        "sprint-goals"
    );
    // Every escape is decoded, as the attachments' are (`model::Attachments::find`).
    assert_eq!(
        references("[x](../lessons/caf%C3%A9%20cr%C3%A8me.md#Why%20not)")[0].target,
        "lessons/café crème#Why not"
    );
    assert_eq!(references("[x](%FF.md)")[0].target, "%FF");
    assert!(
        html("[a page](https://example.org/readme.md)")
            .contains("href=\"https://example.org/readme.md\"")
    );
}

#[test]
fn attachments_are_embedded_with_their_mark() {
    let img = html("![[board photo.png]]");
    assert!(
        img.contains("<img class=\"attachment\" src=\"../sessions/board%20photo.png\" data-attachment=\"sessions/board photo.png\" alt=\"board photo\">"),
        "{img}"
    );
    assert!(html("![[board photo.png|300]]").contains(" width=\"300\""));
    assert!(html("![[board photo.png|The board]]").contains("alt=\"The board\""));
    assert!(html("![A board](board%20photo.png)").contains("alt=\"A board\""));
    let pdf = html("![[deck.pdf]] and [the deck](deck.pdf)");
    assert!(
        pdf.contains("<a class=\"attachment\" href=\"../attachments/deck.pdf\" data-attachment=\"attachments/deck.pdf\"><span class=\"attachment-icon\" aria-hidden=\"true\">⎙</span> deck.pdf</a>"),
        "{pdf}"
    );
    assert!(
        pdf.contains("data-attachment=\"attachments/deck.pdf\">the deck</a>"),
        "{pdf}"
    );
    // A web image is left as it is; a missing file shows its words only.
    assert!(html("![x](https://example.org/x.png)").contains("src=\"https://example.org/x.png\""));
    assert_eq!(html("![[gone.png]]").trim(), "<p>gone.png</p>");
}

#[test]
fn tags_link_to_their_pages() {
    let tagged = html("Worked on #delegation and #habits.");
    assert!(
        tagged.contains("<a class=\"tag\" href=\"../lessons/tags/delegation.html\">#delegation</a> and <span class=\"tag\">#habits</span>."),
        "{tagged}"
    );
    assert!(!html("`#delegation`").contains("class=\"tag\""));
}

#[test]
fn sizes() {
    assert!(is_size("300") && is_size("300x200"));
    assert!(!is_size("photo") && !is_size("300x") && !is_size(""));
}

/// Code stays code: a `#` in a fenced or indented block is no tag (`#include` made a tag
/// page), and `==` in a block is no highlight (`if a == b or c == d:`).
#[test]
fn code_blocks_hold_no_tags_and_no_highlights() {
    let fenced = "```c\n#include <stdio.h>\nif (a == b || c == d) {}\n```\n";
    let indented = "Text #delegation\n\n    #todo in code\n";
    assert!(find_tags(fenced).is_empty());
    assert_eq!(find_tags(indented), ["delegation"]);
    let page = html(fenced);
    assert!(!page.contains("<mark"), "{page}");
    assert!(!page.contains("tags/"), "{page}");
    assert!(page.contains("#include &lt;stdio.h&gt;"), "{page}");
    assert!(page.contains("a == b || c == d"), "{page}");
    let indented = html(indented);
    assert!(indented.contains("<pre><code>#todo in code"), "{indented}");
    assert!(html("a ==b== c").contains("<mark class=\"highlight\">b</mark>"));
}

/// An image's words are its `alt` text: a `#tag` there is no tag and no link (the alt
/// held a tag link's escaped HTML).
#[test]
fn an_image_s_words_hold_no_tag() {
    let text = "![a #delegation photo](https://example.org/x.png) and #delegation";
    assert_eq!(find_tags(text), ["delegation"]);
    let page = html(text);
    assert!(page.contains("alt=\"a #delegation photo\""), "{page}");
    assert_eq!(page.matches("tags/delegation.html").count(), 1, "{page}");
}

/// A link that names no item the reader may see reads as its words: its label, else its
/// target as written without the heading, as Obsidian shows a link to no note.
#[test]
fn a_link_to_no_item_is_its_words() {
    let page = html(
        "Met [[John Appleseed#Notes]], [[Brag Doc|my brag doc]], [[Brag Doc.md]] and [brag](../Brag%20Doc.md).",
    );
    assert!(
        page.contains("Met John Appleseed, my brag doc, Brag Doc and brag."),
        "{page}"
    );
    assert!(!page.contains("<a"), "{page}");
    assert!(!page.contains("Notes"), "{page}");
}

/// Files that Obsidian shows and coachsite does not (canvases, audio, video, office
/// files) are their words: the label, else the file's name; nothing is embedded.
#[test]
fn embeds_of_files_coachsite_does_not_show_are_their_words() {
    let page = html(
        "![[Canvas example.canvas]] ![[rec/standup.m4a|the stand-up]] ![[demo.mp4|300]] ![[drawing.excalidraw.md]] ![clip](clip.mov) ![](rec/talk.webm)",
    );
    assert!(
        page.contains(
            "<p>Canvas example.canvas the stand-up demo.mp4 drawing.excalidraw clip talk.webm</p>"
        ),
        "{page}"
    );
    let refs = references("![[standup.m4a]] ![](clip.mov)");
    assert!(!refs[0].is_attachment() && refs[1].is_attachment());
    assert_eq!(refs[1].kind, RefKind::Image);
}

/// A Markdown image that names no image of the engagement (no file, or no extension)
/// is shown as written, as CommonMark has it: its url is the one the coach wrote, and
/// no file is looked for beyond the engagement.
#[test]
fn a_markdown_image_of_no_file_is_shown_as_written() {
    let page = html("![foo](url) ![](./missing.png) ![a #delegation b](../../x.png)");
    assert!(page.contains("<img src=\"url\" alt=\"foo\" />"), "{page}");
    assert!(
        page.contains("<img src=\"./missing.png\" alt=\"\" />"),
        "{page}"
    );
    assert!(
        page.contains("<img src=\"../../x.png\" alt=\"a #delegation b\" />"),
        "{page}"
    );
    assert!(!page.contains("data-attachment"), "{page}");
    // Obsidian's own embed of a missing image is its words (and an error of the check).
    assert_eq!(html("![[gone.png|a photo]]").trim(), "<p>a photo</p>");
}
