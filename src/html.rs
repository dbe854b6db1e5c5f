//! The small pieces of the web's formats that several layers need, each written once:
//! HTML escaping and HTML's character references read back (both with `html-escape`),
//! the pieces of an HTML text (its text between tags, and its tags), and a url's
//! percent-escapes decoded (with `percent-encoding`). It uses no other module.

use std::borrow::Cow;

/// A text made safe in HTML (and SVG) text and in a double-quoted attribute value:
/// `&`, `<`, `>` and `"` escaped (`&amp;`, `&lt;`, `&gt;`, `&quot;`), nothing else;
/// `'` is left as it is, so an attribute that holds a text is always double-quoted.
pub fn escape(text: &str) -> Cow<'_, str> {
    html_escape::encode_double_quoted_attribute(text)
}

/// A text with HTML's character references read back, as a browser reads them: every
/// named one of HTML's list (`&eacute;`, `&nbsp;` is U+00A0), decimal (`&#233;`) and
/// hexadecimal (`&#xE9;`). Only a reference closed by `;` is read; anything else
/// (`AT&T`, `&unknown;`, `&#0;`) is left as written.
pub fn unescape(text: &str) -> Cow<'_, str> {
    html_escape::decode_html_entities(text)
}

/// A url (or part of one) with its percent-escapes decoded, `caf%C3%A9.jpg` →
/// `café.jpg`: each `%` followed by two hexadecimal digits is the byte they give, any
/// other `%` is itself. `None` when the bytes decoded are not UTF-8 (`%FF`): then the
/// url names no file of ours, and each caller says what it then does.
pub fn percent_decode(text: &str) -> Option<Cow<'_, str>> {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .ok()
}

/// A piece of an HTML text, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text between tags, as written (its character references not read).
    Text(&'a str),
    /// A tag: what is between its `<` and the first `>` after it.
    Tag(Tag<'a>),
    /// The end of the text from a `<` that no `>` closes.
    Unclosed(&'a str),
}

/// A tag (or a comment, or a doctype), without its `<` and `>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag<'a>(pub &'a str);

impl<'a> Tag<'a> {
    /// `</p>`, as against `<p>`.
    pub fn is_closing(&self) -> bool {
        self.0.starts_with('/')
    }

    /// The element's name as HTML reads it: up to the first space, `/` or the end, in
    /// lowercase (`<H2 id="x">` → `h2`, `</li>` → `li`, `<br/>` → `br`; a comment's
    /// starts with `!`).
    pub fn name(&self) -> Cow<'a, str> {
        let name = self
            .0
            .trim_start_matches('/')
            .split(|c: char| c.is_ascii_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        }
    }
}

/// The pieces of an HTML text, for those who read its words: text, tags, and what
/// follows a `<` never closed. No tag is checked against another: what each tag means
/// (a block's edge, a word's middle) is each reader's to say.
#[derive(Debug, Clone)]
pub struct Pieces<'a> {
    rest: &'a str,
    /// A tag found after a text piece, given next.
    tag: Option<Piece<'a>>,
}

impl<'a> Pieces<'a> {
    pub fn new(html: &'a str) -> Pieces<'a> {
        Pieces {
            rest: html,
            tag: None,
        }
    }

    /// Skips what follows up to and past `</name>` (`name` as written, lowercase),
    /// what a reader does not read as text (a script, a style, a chart). Without such
    /// an end, nothing is skipped.
    pub fn skip_element(&mut self, name: &str) {
        debug_assert!(self.tag.is_none(), "skip right after the tag");
        let end = format!("</{name}>");
        if let Some(at) = self.rest.find(&end) {
            self.rest = &self.rest[at + end.len()..];
        }
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        if let Some(tag) = self.tag.take() {
            return Some(tag);
        }
        if self.rest.is_empty() {
            return None;
        }
        let Some(open) = self.rest.find('<') else {
            return Some(Piece::Text(std::mem::take(&mut self.rest)));
        };
        let text = &self.rest[..open];
        let after = &self.rest[open..];
        let piece = match after.find('>') {
            Some(close) => {
                self.rest = &after[close + 1..];
                Piece::Tag(Tag(&after[1..close]))
            }
            None => {
                self.rest = "";
                Piece::Unclosed(after)
            }
        };
        if text.is_empty() {
            return Some(piece);
        }
        self.tag = Some(piece);
        Some(Piece::Text(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_is_the_four_characters_of_html_and_no_more() {
        assert_eq!(
            escape(r#"a < b && "c" > d's"#),
            "a &lt; b &amp;&amp; &quot;c&quot; &gt; d's"
        );
        assert!(matches!(escape("café/x"), Cow::Borrowed("café/x")));
    }

    #[test]
    fn every_way_of_writing_a_character_reads_back_as_it() {
        for written in ["&eacute;", "&#233;", "&#xE9;", "&#xe9;", "é"] {
            assert_eq!(unescape(&format!("caf{written}")), "café", "{written}");
        }
        assert_eq!(
            unescape("&lt;b&gt; &amp;lt; &quot;x&quot; &#39;y&#x27; &#x2F; &apos;"),
            "<b> &lt; \"x\" 'y' / '"
        );
        assert_eq!(unescape("a&nbsp;b"), "a\u{a0}b");
        // What is no reference stays as written.
        assert_eq!(
            unescape("AT&T; &unknown; &#0; & ;"),
            "AT&T; &unknown; &#0; & ;"
        );
        assert_eq!(unescape(&escape("<&amp;>\"")), "<&amp;>\"");
    }

    #[test]
    fn percent_escapes_decode_to_utf8_or_to_nothing() {
        assert_eq!(percent_decode("caf%C3%A9.jpg").as_deref(), Some("café.jpg"));
        assert_eq!(percent_decode("caf%c3%a9.jpg").as_deref(), Some("café.jpg"));
        assert_eq!(
            percent_decode("my%20photo.jpg").as_deref(),
            Some("my photo.jpg")
        );
        assert_eq!(
            percent_decode("100% sure %2").as_deref(),
            Some("100% sure %2")
        );
        assert_eq!(percent_decode("%zz%+f").as_deref(), Some("%zz%+f"));
        assert_eq!(percent_decode("%FF.jpg"), None);
        assert!(matches!(
            percent_decode("plain"),
            Some(Cow::Borrowed("plain"))
        ));
    }

    #[test]
    fn an_html_text_comes_in_pieces() {
        let pieces: Vec<Piece> =
            Pieces::new("<h2 id=\"x\">A &amp; b</h2>c<br/><!-- n -->d <p").collect();
        assert_eq!(
            pieces,
            vec![
                Piece::Tag(Tag("h2 id=\"x\"")),
                Piece::Text("A &amp; b"),
                Piece::Tag(Tag("/h2")),
                Piece::Text("c"),
                Piece::Tag(Tag("br/")),
                Piece::Tag(Tag("!-- n --")),
                Piece::Text("d "),
                Piece::Unclosed("<p"),
            ]
        );
        let names: Vec<String> = ["H2 id=x", "/li", "br/", "svg\nviewBox", "!-- n --", ""]
            .map(|t| Tag(t).name().into_owned())
            .into();
        assert_eq!(names, ["h2", "li", "br", "svg", "!--", ""]);
        assert!(Tag("/p").is_closing() && !Tag("p").is_closing());
    }

    #[test]
    fn a_reader_skips_what_it_does_not_read() {
        let mut pieces = Pieces::new("a<script>x<p>y</script>b<style>never closed");
        let mut text = String::new();
        while let Some(piece) = pieces.next() {
            match piece {
                Piece::Text(t) => text.push_str(t),
                Piece::Tag(tag) if !tag.is_closing() => pieces.skip_element(&tag.name()),
                _ => {}
            }
        }
        assert_eq!(text, "abnever closed");
    }
}
