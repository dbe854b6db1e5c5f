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

use super::registry::Kind;
use super::registry::action_url;
use crate::markdown;
use crate::model::*;

/// The items that carry one tag, by list position in the engagement.
#[derive(Default)]
pub(super) struct Tagged {
    pub(super) name: String,
    pub(super) lessons: Vec<usize>,
    pub(super) sessions: Vec<usize>,
    pub(super) objectives: Vec<usize>,
}

/// The tags of this view by slug (two spellings of one tag share a page under the
/// first name met), and each item's tags.
#[derive(Default)]
pub(super) struct TagIndex {
    pub(super) pages: BTreeMap<String, Tagged>,
    pub(super) of: BTreeMap<ItemRef, Vec<String>>,
}

/// The links of one view, made once.
pub(super) struct Links {
    /// The items of this view by id, with their titles.
    pub(super) index: ItemIndex,
    /// The date of each dated item (sessions, lessons), for lists.
    pub(super) dates: BTreeMap<ItemRef, Date>,
    /// Each item's backlinks, in the order of the engagement's texts.
    pub(super) backlinks: BTreeMap<ItemRef, Vec<ItemRef>>,
    /// The slugs of the tags that have a page in this view.
    pub(super) tag_pages: BTreeSet<String>,
    /// Each item's tags (front matter and `#tags`).
    pub(super) tags_of: BTreeMap<ItemRef, Vec<String>>,
    /// The attachments the pages embed, by path.
    pub(super) used: Mutex<BTreeSet<String>>,
    /// The items whose texts link to each name (the last part of a link's path, in
    /// lower case), made when a Dataview query first asks (`dataview.rs`).
    pub(super) by_name: std::sync::OnceLock<BTreeMap<String, Vec<ItemRef>>>,
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
            by_name: std::sync::OnceLock::new(),
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
