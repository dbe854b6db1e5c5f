//! Obsidian's links in Markdown: `[[id]]`, `[[id|label]]` and `[[id#heading]]` to items,
//! `![[file]]` embeds, local files (`![](board.jpg)`, `[slides](deck.pdf)`) and `#tags`.
//!
//! [`references`] lists them with their place in the text (for the loader's checks);
//! [`resolve`] turns them into HTML with what a [`Resolve`] knows of the page's reader:
//! a link to an item the reader may not see is plain text, an attachment is embedded
//! with its url and a `data-attachment` mark (so `--encrypt` can seal it into the page).

use std::borrow::Cow;
use std::sync::{Arc, LazyLock};

use super::memo::Memo;
use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::options;

use crate::html::{escape, percent_decode};
use crate::markdown::slug;
use crate::model::{is_attachment_name, is_unshown_name, split_target};

/// What a page knows of the engagement, for the links in its Markdown.
pub trait Resolve {
    /// The path from the page to the site's root (`""` or `"../"`).
    fn root(&self) -> &str;
    /// A link's path (before any `#`): the url (from the site's root) and the title of
    /// the item it names, when this page's reader may see it.
    fn item(&self, path: &str) -> Option<(String, String)>;
    /// An attachment a reference names: its url from the site's root. Asking for it is
    /// what puts the file in the site.
    fn attachment(&self, target: &str) -> Option<String>;
    /// The page of a `#tag`, from the site's root, if the site has one.
    fn tag(&self, tag: &str) -> Option<String>;
}

/// Resolves nothing: links stay text, no attachment is embedded, tags are not linked.
pub struct NoLinks;

impl Resolve for NoLinks {
    fn root(&self) -> &str {
        ""
    }
    fn item(&self, _: &str) -> Option<(String, String)> {
        None
    }
    fn attachment(&self, _: &str) -> Option<String> {
        None
    }
    fn tag(&self, _: &str) -> Option<String> {
        None
    }
}

/// How a reference is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    /// `[[target]]` or `[[target|label]]`.
    Link,
    /// `![[target]]`.
    Embed,
    /// A Markdown link to a local attachment: `[deck](deck.pdf)`.
    File,
    /// A Markdown image of a local file: `![](board.jpg)`.
    Image,
}

/// One reference in a text, with the byte offset where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub(crate) kind: RefKind,
    pub(crate) target: String,
    /// Whether the link gives its own words (`[[target|words]]`).
    pub labelled: bool,
    /// Where the reference starts in the text (a byte offset).
    pub offset: usize,
    /// Where the reference ends (the byte after its last).
    pub end: usize,
    /// Where its words are, as the reader reads them when it leads nowhere for them
    /// (`b` in `[[a|b]]`, `a` in `[[a]]`, `text` in `[text](note.md)`); empty when it
    /// has none.
    pub words: std::ops::Range<usize>,
}

/// Whether two texts' links name the same things in the same order, wherever they
/// are written: all that the checks of links and the backlinks read of a text.
pub fn same_targets(a: &[Reference], b: &[Reference]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(a, b)| a.kind == b.kind && a.target == b.target)
}

impl Reference {
    /// Whether it names an attachment rather than an item.
    pub fn is_attachment(&self) -> bool {
        matches!(self.kind, RefKind::File | RefKind::Image)
            || is_attachment_name(split_target(&self.target).0)
    }
}

/// A url that names a file of the engagement (no scheme, not a page anchor or an
/// absolute path).
fn is_local(url: &str) -> bool {
    !url.is_empty()
        && !url.contains("://")
        && !url.starts_with(['#', '/', '?'])
        && !["mailto:", "data:", "tel:", "javascript:"]
            .iter()
            .any(|scheme| {
                url.get(..scheme.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
            })
}

/// A Markdown link to a note, as Obsidian writes it with "Use [[Wikilinks]]" off
/// (`[the goal](sprint-goals.md)`, `[x](../objectives/sprint-goals.md#Why)`): the
/// wikilink target it stands for (`sprint-goals`, `objectives/sprint-goals#Why`).
fn note_target(url: &str) -> Option<String> {
    if !is_local(url) {
        return None;
    }
    let (path, heading) = match url.split_once('#') {
        Some((path, heading)) => (path, Some(heading)),
        None => (url, None),
    };
    let path = percent_decoded(path.strip_suffix(".md")?);
    let path = path
        .split('/')
        .filter(|part| !matches!(*part, "" | "." | ".."))
        .collect::<Vec<_>>()
        .join("/");
    Some(match heading {
        Some(heading) => format!("{path}#{}", percent_decoded(heading)),
        None => path,
    })
}

/// A part of a url decoded (`caf%C3%A9` → `café`); as written when its escapes are not
/// UTF-8, as the attachments' lookup takes it (`model::Attachments::find`).
fn percent_decoded(text: &str) -> Cow<'_, str> {
    percent_decode(text).unwrap_or(Cow::Borrowed(text))
}

/// Every link, embed and local file in a Markdown text, in order (code is never read).
pub fn references(markdown: &str) -> Arc<[Reference]> {
    // Most notes have no link at all: no need to parse them.
    if !["[[", "](", "]:"].iter().any(|m| markdown.contains(m)) {
        return NO_REFERENCES.clone();
    }
    REFERENCES.get(markdown, |text| find_references(text).into())
}

static REFERENCES: LazyLock<Memo<Arc<[Reference]>>> = LazyLock::new(Memo::new);
static TAGS: LazyLock<Memo<Arc<[String]>>> = LazyLock::new(Memo::new);
static NO_REFERENCES: LazyLock<Arc<[Reference]>> = LazyLock::new(|| Arc::new([]));
static NO_TAGS: LazyLock<Arc<[String]>> = LazyLock::new(|| Arc::new([]));

/// A build starts: the links and tags of texts no build has used since the one before
/// the last are forgotten.
pub(super) fn links_next_build() {
    REFERENCES.next_build();
    TAGS.next_build();
}

fn find_references(markdown: &str) -> Vec<Reference> {
    let mut refs: Vec<Reference> = Vec::new();
    // The references whose elements are being read (an image in a link: two), by index.
    let mut open: Vec<usize> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        open.retain(|&i| range.start < refs[i].end);
        for &i in &open {
            let r = &mut refs[i];
            // What lies inside it (not its own end) is its words.
            if range != (r.offset..r.end) && r.offset <= range.start && range.end <= r.end {
                if r.words.is_empty() {
                    r.words = range.clone();
                }
                r.words.start = r.words.start.min(range.start);
                r.words.end = r.words.end.max(range.end);
            }
        }
        let (kind, target, labelled) = match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => (RefKind::Link, dest_url, has_pothole),
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => (RefKind::Embed, dest_url, has_pothole),
            Event::Start(Tag::Image { dest_url, .. }) if is_local(&dest_url) => {
                (RefKind::Image, dest_url, true)
            }
            Event::Start(Tag::Link { dest_url, .. })
                if is_local(&dest_url) && is_attachment_name(split_target(&dest_url).0) =>
            {
                (RefKind::File, dest_url, true)
            }
            Event::Start(Tag::Link { dest_url, .. }) => match note_target(&dest_url) {
                Some(target) => (RefKind::Link, CowStr::from(target), true),
                None => continue,
            },
            _ => continue,
        };
        open.push(refs.len());
        refs.push(Reference {
            kind,
            target: target.to_string(),
            labelled,
            offset: range.start,
            end: range.end,
            words: range.start..range.start,
        });
    }
    refs
}

/// Every `#tag` of a Markdown text, as written (without the `#`), in order.
pub fn tags(markdown: &str) -> Arc<[String]> {
    if !may_have_tags(markdown) {
        return NO_TAGS.clone();
    }
    TAGS.get(markdown, |text| find_tags(text).into())
}

fn find_tags(markdown: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut after_space = true;
    let mut in_link = 0usize;
    // A `#` in a code block is code (`#include`), never a tag.
    let mut in_code = false;
    for event in Parser::new_ext(markdown, options()) {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if in_link == 0 && !in_code => {
                let mut split = TagSplit::new(after_space);
                while let Some((range, tag)) = split.next_piece(text) {
                    if tag {
                        found.push(text[range].to_string());
                    }
                }
            }
            _ => {}
        }
        after_space = space_after(&event, after_space);
    }
    found
}

/// Whether a text may hold a `#tag`: a `#` after a space (or at the start) and before a
/// letter, a digit or `_`. Headings (`# Title`) have a space after theirs.
fn may_have_tags(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, b)| {
        *b == b'#'
            && (i == 0 || bytes[i - 1].is_ascii_whitespace() || bytes[i - 1] == b'(')
            && bytes
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == b'_' || *n >= 0x80)
    })
}

/// Where a text is split into its `#tags` and the text between: a tag follows a space
/// or the start of a line, is letters, digits, `_`, `-` and `/`, and is not only digits
/// (`#1` is a number, as in Obsidian). The pieces are found one at a time, so that a
/// text of a hundred thousand tags is never held as a list of them.
struct TagSplit {
    at: usize,
    start: usize,
    after_space: bool,
    /// A tag found after a piece of text, given next.
    tag: Option<std::ops::Range<usize>>,
}

impl TagSplit {
    fn new(after_space: bool) -> TagSplit {
        TagSplit {
            at: 0,
            start: 0,
            after_space,
            tag: None,
        }
    }

    /// The next piece of `text` (the same text each time): its place, and whether it is
    /// a tag (without its `#`).
    fn next_piece(&mut self, text: &str) -> Option<(std::ops::Range<usize>, bool)> {
        if let Some(tag) = self.tag.take() {
            return Some((tag, true));
        }
        while let Some(c) = text.get(self.at..).and_then(|rest| rest.chars().next()) {
            let i = self.at;
            self.at += c.len_utf8();
            if c == '#' && self.after_space {
                let rest = &text[i + 1..];
                let len: usize = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/'))
                    .map(char::len_utf8)
                    .sum();
                let tag = rest[..len].trim_end_matches(['-', '/']);
                if !tag.is_empty() && !tag.chars().all(|c| c.is_ascii_digit()) {
                    let found = i + 1..i + 1 + tag.len();
                    let before = self.start..i;
                    self.start = found.end;
                    self.at = found.end;
                    self.after_space = false;
                    if before.is_empty() {
                        return Some((found, true));
                    }
                    self.tag = Some(found);
                    return Some((before, false));
                }
            }
            self.after_space = c.is_whitespace() || c == '(';
        }
        if self.start < text.len() {
            let rest = self.start..text.len();
            self.start = text.len();
            return Some((rest, false));
        }
        None
    }
}

/// Whether the next text starts after a space (or at the start of a block).
fn space_after(event: &Event, before: bool) -> bool {
    match event {
        Event::Text(text) => text.chars().last().map_or(before, char::is_whitespace),
        Event::Start(_) | Event::End(_) | Event::SoftBreak | Event::HardBreak => true,
        _ => false,
    }
}

/// The links, embeds, local files and tags of a page's events, resolved for its reader,
/// as they come: only a link's own events are held at once.
pub(super) fn resolve<'a, 'r, I: Iterator<Item = Event<'a>>>(
    events: I,
    r: &'r dyn Resolve,
) -> Resolved<'a, 'r, I> {
    Resolved {
        events,
        r,
        after_space: true,
        in_link: 0,
        in_code: false,
        pending: std::collections::VecDeque::new(),
        tagging: None,
    }
}

/// The events of [`resolve`].
pub(super) struct Resolved<'a, 'r, I> {
    events: I,
    r: &'r dyn Resolve,
    after_space: bool,
    in_link: usize,
    /// Inside a code block, where a `#` is code, never a tag.
    in_code: bool,
    /// What the last event read became, to be given out.
    pending: std::collections::VecDeque<Event<'a>>,
    /// A text whose `#tags` are being given out, one piece at a time.
    tagging: Option<(CowStr<'a>, TagSplit)>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Resolved<'a, '_, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some(event);
            }
            if let Some((text, split)) = self.tagging.as_mut() {
                match split.next_piece(text) {
                    Some((range, true)) => return Some(tag_event(&text[range], self.r)),
                    Some((range, false)) => {
                        return Some(Event::Text(CowStr::from(text[range].to_string())));
                    }
                    None => self.tagging = None,
                }
            }
            let event = self.events.next()?;
            let next_space = space_after(&event, self.after_space);
            let same = self.step(event);
            self.after_space = next_space;
            if same.is_some() {
                return same;
            }
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Resolved<'a, '_, I> {
    /// What one event becomes: itself, given back, or what it became, in `pending`.
    fn step(&mut self, event: Event<'a>) -> Option<Event<'a>> {
        let r = self.r;
        let out = &mut self.pending;
        let events = &mut self.events;
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => {
                let inner = take_inner(events, TagEnd::Link);
                out.extend(wikilink(&dest_url, has_pothole, inner, r));
            }
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => {
                let inner = take_inner(events, TagEnd::Image);
                out.extend(embed(
                    &dest_url,
                    has_pothole.then(|| plain(&inner)),
                    inner,
                    r,
                ));
            }
            Event::Start(tag @ Tag::Image { .. }) if is_local_image(&tag) => {
                let inner = take_inner(events, TagEnd::Image);
                let Tag::Image { dest_url, .. } = &tag else {
                    return None;
                };
                match markdown_image(dest_url, plain(&inner), r) {
                    Some(shown) => out.extend(shown),
                    // Names no file coachsite has: as written, as CommonMark has it.
                    None => {
                        out.push_back(Event::Start(tag));
                        out.extend(inner);
                        out.push_back(Event::End(TagEnd::Image));
                    }
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
                if is_local(&dest_url) && is_attachment_name(split_target(&dest_url).0) =>
            {
                let inner = take_inner(events, TagEnd::Link);
                match r.attachment(&dest_url) {
                    Some(url) => {
                        out.push_back(Event::InlineHtml(attachment_open(r.root(), &url).into()));
                        out.extend(inner);
                        out.push_back(Event::InlineHtml("</a>".into()));
                    }
                    None => out.extend(inner),
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) if note_target(&dest_url).is_some() => {
                let inner = take_inner(events, TagEnd::Link);
                let target = note_target(&dest_url).unwrap_or_default();
                out.extend(wikilink(&target, true, inner, r));
            }
            Event::Start(tag @ Tag::Link { .. }) => {
                self.in_link += 1;
                return Some(Event::Start(tag));
            }
            Event::End(TagEnd::Link) => {
                self.in_link = self.in_link.saturating_sub(1);
                return Some(Event::End(TagEnd::Link));
            }
            // An image's words are its `alt`: no tag links in it.
            Event::Start(tag @ Tag::Image { .. }) => {
                self.in_link += 1;
                return Some(Event::Start(tag));
            }
            Event::End(TagEnd::Image) => {
                self.in_link = self.in_link.saturating_sub(1);
                return Some(Event::End(TagEnd::Image));
            }
            Event::Start(tag @ Tag::CodeBlock(_)) => {
                self.in_code = true;
                return Some(Event::Start(tag));
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code = false;
                return Some(Event::End(TagEnd::CodeBlock));
            }
            Event::Text(text) if self.in_link == 0 && !self.in_code && text.contains('#') => {
                self.tagging = Some((text, TagSplit::new(self.after_space)));
            }
            other => return Some(other),
        }
        None
    }
}

/// The events up to the end of the tag just opened (links and images do not nest).
fn take_inner<'a>(events: &mut impl Iterator<Item = Event<'a>>, end: TagEnd) -> Vec<Event<'a>> {
    let mut inner = Vec::new();
    for event in events.by_ref() {
        if event == Event::End(end) {
            break;
        }
        inner.push(event);
    }
    inner
}

fn plain(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// `[[target]]`: a link to the item when the reader may see it, else its text alone.
fn wikilink<'a>(
    target: &str,
    has_pothole: bool,
    inner: Vec<Event<'a>>,
    r: &dyn Resolve,
) -> Vec<Event<'a>> {
    let (path, heading) = split_target(target);
    let anchor = heading.map(|h| format!("#{}", slug(h))).unwrap_or_default();
    let (href, title) = if path.is_empty() {
        (anchor, None)
    } else if is_attachment_name(path) {
        match r.attachment(path) {
            Some(url) => {
                let mut events = vec![Event::InlineHtml(attachment_open(r.root(), &url).into())];
                events.extend(inner);
                events.push(Event::InlineHtml("</a>".into()));
                return events;
            }
            None => return words(path, has_pothole, inner),
        }
    } else {
        match r.item(path) {
            Some((url, title)) => (format!("{}{}{anchor}", r.root(), url), Some(title)),
            None => return words(path, has_pothole, inner),
        }
    };
    let mut events = vec![Event::Start(Tag::Link {
        link_type: LinkType::Inline,
        dest_url: href.into(),
        title: CowStr::from(""),
        id: CowStr::from(""),
    })];
    match title {
        Some(title) if !has_pothole => events.push(Event::Text(title.into())),
        _ => events.extend(inner),
    }
    events.push(Event::End(TagEnd::Link));
    events
}

/// What a link that leads nowhere for its reader reads as: its own words
/// (`[[a|words]]`), else its target as written without the heading (`[[Brag Doc#Q3]]`:
/// "Brag Doc").
fn words<'a>(path: &str, has_pothole: bool, inner: Vec<Event<'a>>) -> Vec<Event<'a>> {
    if has_pothole {
        inner
    } else {
        vec![Event::Text(CowStr::from(path.to_string()))]
    }
}

/// Whether a Markdown image names a local file (`![](board.jpg)`).
fn is_local_image(tag: &Tag) -> bool {
    matches!(tag, Tag::Image { link_type, dest_url, .. }
        if !matches!(link_type, LinkType::WikiLink { .. }) && is_local(dest_url))
}

/// `![alt](file)`: an image or a PDF of the engagement, or the words of a file coachsite
/// does not show (`![](standup.m4a)`: its alt, else its name); `None` when it names
/// neither, to be shown as written.
fn markdown_image<'a>(target: &str, alt: String, r: &dyn Resolve) -> Option<Vec<Event<'a>>> {
    let path = split_target(target).0;
    if is_attachment_name(path) {
        r.attachment(target.split('#').next().unwrap_or(target))?;
        return Some(embed(target, Some(alt), Vec::new(), r));
    }
    is_unshown_name(path).then(|| unshown(path, Some(alt)))
}

/// The words of an embedded file coachsite does not show: its label, else its name.
fn unshown<'a>(path: &str, label: Option<String>) -> Vec<Event<'a>> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let words = label
        .filter(|l| !l.trim().is_empty() && !is_size(l))
        .unwrap_or_else(|| name.to_string());
    vec![Event::Text(CowStr::from(words))]
}

/// `![[file]]` or `![alt](file)`: an image or a PDF link; `![[note]]` links to the note;
/// any other file (`![[board.canvas]]`, `![[standup.m4a]]`) is its words. Obsidian's
/// `![[photo.jpg|300]]` gives a width.
fn embed<'a>(
    target: &str,
    label: Option<String>,
    inner: Vec<Event<'a>>,
    r: &dyn Resolve,
) -> Vec<Event<'a>> {
    let path = split_target(target).0;
    if !is_attachment_name(path) && !path.contains('.') {
        return wikilink(target, label.is_some(), inner, r);
    }
    if !is_attachment_name(path) {
        return unshown(path, label);
    }
    let Some(url) = r.attachment(target.split('#').next().unwrap_or(target)) else {
        return inner;
    };
    let name = path.rsplit('/').next().unwrap_or(path);
    // Without a label, the file's name in words: `whiteboard-week.png` → "whiteboard week".
    let named = named_of(name);
    let (alt, width) = match label {
        Some(label) if is_size(&label) => (named, label.split('x').next().map(String::from)),
        Some(label) if !label.is_empty() => (label, None),
        _ => (named, None),
    };
    let html = if path.to_ascii_lowercase().ends_with(".pdf") {
        format!(
            "{}<span class=\"attachment-icon\" aria-hidden=\"true\">⎙</span> {}</a>",
            attachment_open(r.root(), &url),
            escape(if alt == named_of(name) { name } else { &alt })
        )
    } else {
        format!(
            "<img class=\"attachment\" src=\"{}{}\" data-attachment=\"{}\" alt=\"{}\"{}>",
            r.root(),
            url_escape(&url),
            escape(&url),
            escape(&alt),
            width.map(|w| format!(" width=\"{w}\"")).unwrap_or_default()
        )
    };
    vec![Event::InlineHtml(html.into())]
}

fn named_of(name: &str) -> String {
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .replace(['-', '_'], " ")
}

/// `300` or `300x200`: Obsidian's size of an embedded image.
fn is_size(label: &str) -> bool {
    let mut parts = label.split('x');
    let ok = |p: Option<&str>| {
        p.is_some_and(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    ok(parts.next()) && parts.next().is_none_or(|p| ok(Some(p))) && parts.next().is_none()
}

fn attachment_open(root: &str, url: &str) -> String {
    format!(
        "<a class=\"attachment\" href=\"{root}{}\" data-attachment=\"{}\">",
        url_escape(url),
        escape(url)
    )
}

/// A `#tag` as a link to its page (or marked, where there is none).
fn tag_event<'a>(tag: &str, r: &dyn Resolve) -> Event<'a> {
    Event::InlineHtml(CowStr::from(match r.tag(tag) {
        Some(url) => format!(
            "<a class=\"tag\" href=\"{}{}\">#{}</a>",
            r.root(),
            url_escape(&url),
            escape(tag)
        ),
        None => format!("<span class=\"tag\">#{}</span>", escape(tag)),
    }))
}

/// A path as a url: each character that would end or change it escaped.
fn url_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '#' => out.push_str("%23"),
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
