//! The links between a view's items: what `[[id]]` resolves to for this reader, the
//! backlinks of each item ("mentioned in"), the tags that have a page, and the
//! attachments the pages embed (only those are put in the site).
//!
//! Everything here is made from the filtered engagement, so a link from a text the
//! reader cannot see (a `%%` aside, `private:`, a coach-only session) is no backlink,
//! and a link to an item the reader cannot see is plain text.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use rayon::prelude::*;

use super::lesson::TagIndex;
use super::registry::Kind;
use super::views::{Link, Views, action_url};
use crate::markdown::{self, Resolve, slug};
use crate::model::*;

/// The links of one view, made once.
pub(super) struct Links {
    /// The items of this view by id, with their titles.
    index: ItemIndex,
    /// The date of each dated item (sessions, lessons), for lists.
    dates: BTreeMap<ItemRef, Date>,
    /// Each item's backlinks, in the order of the engagement's texts.
    backlinks: BTreeMap<ItemRef, Vec<ItemRef>>,
    /// The slugs of the tags that have a page in this view.
    pub(super) tag_pages: BTreeSet<String>,
    /// Each item's tags (front matter and `#tags`).
    tags_of: BTreeMap<ItemRef, Vec<String>>,
    /// The attachments the pages embed, by path.
    used: Mutex<BTreeSet<String>>,
}

impl Links {
    /// The links of `e` (already filtered), without its tags yet ([`Links::with_tags`]).
    pub(super) fn new(e: &Engagement) -> Links {
        let index = ItemIndex::new(e);
        // Each text's links are found in parallel, then added in the texts' order.
        let texts = e.markdown_texts();
        let found: Vec<(ItemRef, Vec<ItemRef>)> = texts
            .par_iter()
            .filter_map(|text| {
                let from = text.from?;
                let to: Vec<ItemRef> = markdown::references(text.text)
                    .iter()
                    .filter(|reference| !reference.is_attachment())
                    .filter_map(|reference| {
                        let (path, _) = split_target(&reference.target);
                        index.lookup(path).one().filter(|to| *to != from)
                    })
                    .map(ItemOf::to_ref)
                    .collect();
                (!to.is_empty()).then(|| (from.to_ref(), to))
            })
            .collect();
        let mut backlinks: BTreeMap<ItemRef, Vec<ItemRef>> = BTreeMap::new();
        for (from, targets) in found {
            for to in targets {
                let list = backlinks.entry(to).or_default();
                // An item's texts come one after the other: a repeat is the last one.
                if list.last() != Some(&from) {
                    list.push(from.clone());
                }
            }
        }
        let session_dates = e
            .sessions
            .iter()
            .map(|s| (ItemKind::Session, &s.id, Some(s.front.date)));
        let lesson_dates = e
            .lessons
            .iter()
            .map(|l| (ItemKind::Lesson, &l.id, l.front.date));
        let dates = session_dates
            .chain(lesson_dates)
            .filter_map(|(kind, id, date)| {
                Some((
                    ItemRef {
                        kind,
                        id: id.clone(),
                    },
                    date?,
                ))
            })
            .collect();
        Links {
            index,
            dates,
            backlinks,
            tag_pages: BTreeSet::new(),
            tags_of: BTreeMap::new(),
            used: Mutex::default(),
        }
    }

    /// These links with the tags of the same engagement (each item's tags move here).
    pub(super) fn with_tags(self, tags: &mut TagIndex) -> Links {
        Links {
            tag_pages: tags.pages.keys().cloned().collect(),
            tags_of: std::mem::take(&mut tags.of),
            ..self
        }
    }

    /// An item's tags.
    pub(super) fn tags_of(&self, item: &ItemRef) -> &[String] {
        self.tags_of.get(item).map_or(&[], Vec::as_slice)
    }

    /// The attachments the pages rendered so far embed.
    pub(super) fn used_attachments(&self) -> BTreeSet<String> {
        self.used.lock().map(|u| u.clone()).unwrap_or_default()
    }
}

/// The url of an item's page (or of its place on the plan), from the site's root.
pub(super) fn item_url(item: &ItemRef) -> String {
    match item.kind {
        ItemKind::Objective => Kind::Objective.url(&item.id),
        ItemKind::Session => Kind::Session.url(&item.id),
        ItemKind::Lesson => Kind::Lesson.url(&item.id),
        ItemKind::Assessment => Kind::Assessment.url(&item.id),
        ItemKind::Action => action_url(&item.id),
    }
}

/// What one text's links resolve to: the text was written in `file`, and is shown on a
/// page `root` away from the site's root.
struct PageLinks<'a> {
    v: &'a Views<'a>,
    file: &'a str,
    root: &'static str,
}

impl Resolve for PageLinks<'_> {
    fn root(&self) -> &str {
        self.root
    }

    fn item(&self, path: &str) -> Option<(String, String)> {
        let links = &self.v.links;
        let item = links.index.lookup(path).one()?.to_ref();
        let title = links.index.title(&item)?.to_string();
        Some((item_url(&item), title))
    }

    fn attachment(&self, target: &str) -> Option<String> {
        let found = self.v.e.attachments.find(self.file, target)?;
        if let Ok(mut used) = self.v.links.used.lock() {
            used.insert(found.to_string());
        }
        Some(found.to_string())
    }

    fn tag(&self, tag: &str) -> Option<String> {
        let slug = slug(tag);
        self.v
            .links
            .tag_pages
            .contains(&slug)
            .then(|| Kind::Tag.url(&slug))
    }
}

impl Views<'_> {
    /// A Markdown text written in `file` as HTML for a page `root` away from the site's
    /// root (`"../"` for an item's page), its links resolved for this reader.
    pub(super) fn html(&self, text: &str, file: &str, root: &'static str) -> String {
        markdown::to_html_with(
            text,
            &PageLinks {
                v: self,
                file,
                root,
            },
        )
    }

    /// The items whose texts link to `item`, for its "mentioned in" list.
    pub(super) fn mentioned_in(&self, kind: ItemKind, id: &str) -> Vec<Link> {
        let item = ItemRef {
            kind,
            id: id.to_string(),
        };
        self.links
            .backlinks
            .get(&item)
            .into_iter()
            .flatten()
            .filter_map(|from| {
                Some(Link {
                    title: self.links.index.title(from)?.to_string(),
                    url: item_url(from),
                    date: self
                        .links
                        .dates
                        .get(from)
                        .map(|d| self.date(*d))
                        .unwrap_or_default(),
                })
            })
            .collect()
    }
}
