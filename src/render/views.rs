//! What the templates see: the helpers every view builder shares (the language, dates,
//! links and urls of items, findings in words), and the small views used across pages.

use super::links::item_url;
use super::registry::{Kind, action_url};
use crate::i18n::Word;
use crate::markdown::{Resolve, slug};
use std::collections::BTreeMap;

use serde::Serialize;

use crate::audience::Sharing;

use crate::explain::Explainer;
use crate::i18n::{self, format_date, format_number};
use crate::insight::{CommitmentBand, Flag, Insight, Severity, Tracking};
use crate::model::*;

#[derive(Serialize, Clone)]
pub(super) struct Link {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) date: String,
}

#[derive(Serialize, Clone)]
pub(super) struct ActionLink {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) status: &'static str,
    pub(super) status_label: &'static str,
    pub(super) due: Option<String>,
}

#[derive(Serialize, Clone)]
pub(super) struct SentenceView {
    pub(super) message: String,
    pub(super) suggestion: Option<String>,
}

#[derive(Serialize, Clone)]
pub(super) struct FindingView {
    pub(super) severity: &'static str,
    pub(super) severity_label: &'static str,
    pub(super) message: String,
    pub(super) suggestion: Option<String>,
}

/// A property of the coach's own (Obsidian's open properties) as a page shows it.
#[derive(Serialize)]
pub(super) struct PropertyView {
    key: String,
    value: String,
}

/// A note's properties of the coach's own: those the client sees (`share.properties`),
/// and, in the coach's view, the others.
#[derive(Serialize, Default)]
pub(super) struct PropertiesView {
    shared: Vec<PropertyView>,
    coach_only: Vec<PropertyView>,
}

/// A property's value in words: a list's items joined, a link's words, a number as the
/// language writes it, a yes/no as a ticked or empty box.
fn property_text(value: &serde_json::Value, lang: Language) -> String {
    if let Some(text) = value.as_str().map(str::trim) {
        if let Ok(day) = Date::parse(text) {
            return format_date(day, lang);
        }
        // Obsidian's date-time property: `2024-11-13T09:58` → 13 November 2024, 09:58.
        if let (Some(day), Some(time)) = (text.get(..10), text.get(11..16))
            && let Ok(day) = Date::parse(day)
            && matches!(text.as_bytes().get(10), Some(b'T' | b' '))
            && time.as_bytes().get(2) == Some(&b':')
            && time
                .bytes()
                .filter(|b| *b != b':')
                .all(|b| b.is_ascii_digit())
        {
            return format!("{}, {time}", format_date(day, lang));
        }
    }
    use serde_json::Value;
    match value {
        Value::Null => String::new(),
        Value::Bool(true) => "☑".to_string(),
        Value::Bool(false) => "☐".to_string(),
        Value::Number(n) => n
            .as_f64()
            .map_or_else(|| n.to_string(), |f| format_number(f, lang)),
        Value::String(text) => crate::model::link_words(text).to_string(),
        Value::Array(items) => items
            .iter()
            .map(|v| property_text(v, lang))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{k}: {}", property_text(v, lang)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// Helpers shared while building views: language, lookups of titles and urls.
pub(super) struct Views<'a> {
    pub(super) e: &'a Engagement,
    pub(super) lang: Language,
    pub(super) insight: &'a Insight,
    pub(super) words: Explainer<'a>,
    /// Findings (flags) are for the coach's eyes only.
    pub(super) findings: bool,
    /// The diagnostics this audience sees (`share:` in engagement.yaml).
    pub(super) sharing: Sharing,
    /// Links between the items, backlinks, tag pages and the attachments used.
    pub(super) links: &'a super::links::Links,
    /// Who reads the pages.
    pub(super) audience: crate::audience::Audience,
}

impl Views<'_> {
    /// The one rule for a list a page shows as empty (SPEC §5): "none yet" only when the
    /// engagement has none; when it has items of that kind this reader is not shown, a
    /// neutral sentence says they are not shared in this view. Keyed by list, for the
    /// templates (`site.empty.<list>`).
    pub(super) fn empty_lists(&self) -> BTreeMap<&'static str, &'static str> {
        let w = &self.e.withheld;
        let assessed = self.insight.competencies.iter().any(|c| c.latest.is_some());
        let lists = [
            (
                "objectives",
                w.objectives,
                Word::NoObjectives,
                Word::NotSharedObjectives,
            ),
            (
                "assessments",
                w.assessments,
                Word::NoAssessments,
                Word::NotSharedAssessments,
            ),
            (
                "actions",
                w.actions,
                Word::NoActions,
                Word::NotSharedActions,
            ),
            (
                "open_actions",
                w.open_actions,
                Word::NoOpenActions,
                Word::NotSharedOpenActions,
            ),
            (
                "linked_actions",
                w.actions,
                Word::NoLinkedActions,
                Word::NotSharedLinkedActions,
            ),
            (
                "revisions",
                w.revisions,
                Word::NoRevisions,
                Word::NotSharedRevisions,
            ),
            (
                "sessions",
                w.sessions,
                Word::NoSessions,
                Word::NotSharedSessions,
            ),
            (
                "linked_sessions",
                w.sessions,
                Word::NoLinkedSessions,
                Word::NotSharedSessions,
            ),
            (
                "lessons",
                w.lessons,
                Word::NoLessons,
                Word::NotSharedLessons,
            ),
            (
                "gathered_lessons",
                w.gathered,
                Word::NoGatheredLessons,
                Word::NotSharedGatheredLessons,
            ),
            (
                "commitment",
                w.actions_due.iter().any(|d| *d <= self.insight.as_of),
                Word::NoCommitment,
                Word::NotSharedCommitment,
            ),
        ];
        let mut empty: BTreeMap<&'static str, &'static str> = lists
            .into_iter()
            .map(|(list, withheld, none, not_shared)| {
                (list, self.t(if withheld { not_shared } else { none }))
            })
            .collect();
        // "Every assessed competency is at its target" only when some competency was
        // assessed in this view; otherwise what is said of the assessments.
        let areas = if assessed {
            self.t(Word::NoDevelopmentAreas)
        } else {
            empty["assessments"]
        };
        empty.insert("development_areas", areas);
        empty
    }

    pub(super) fn date(&self, date: Date) -> String {
        format_date(date, self.lang)
    }

    /// A word of the interface, in the engagement's language.
    pub(super) fn t(&self, word: Word) -> &'static str {
        i18n::word(self.lang, word)
    }

    pub(super) fn objective_link(&self, id: &str) -> Option<Link> {
        self.e.objective(id).map(|o| Link {
            title: o.title().to_string(),
            url: Kind::Objective.url(id),
            date: String::new(),
        })
    }

    pub(super) fn action_link(&self, id: &str) -> Option<Link> {
        self.e
            .plan
            .actions
            .iter()
            .find(|a| a.id == id)
            .map(|a| Link {
                title: a.title.clone(),
                url: action_url(id),
                date: String::new(),
            })
    }

    pub(super) fn session_link(&self, s: &Session) -> Link {
        Link {
            title: s.front.title.clone(),
            url: Kind::Session.url(&s.id),
            date: self.date(s.front.date),
        }
    }

    pub(super) fn lesson_link(&self, l: &Lesson) -> Link {
        Link {
            title: l.front.title.clone(),
            url: Kind::Lesson.url(&l.id),
            date: l.front.date.map(|d| self.date(d)).unwrap_or_default(),
        }
    }

    pub(super) fn action_status(&self, status: ActionStatus) -> (&'static str, &'static str) {
        let key = match status {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Blocked => "blocked",
            ActionStatus::Dropped => "dropped",
        };
        (
            key,
            self.t(match status {
                ActionStatus::Open => Word::ActionOpen,
                ActionStatus::Done => Word::ActionDone,
                ActionStatus::Blocked => Word::ActionBlocked,
                ActionStatus::Dropped => Word::ActionDropped,
            }),
        )
    }

    /// Whether an action is open past its due date: a fact, shown to every reader.
    pub(super) fn overdue(&self, a: &Action) -> bool {
        a.status == ActionStatus::Open && a.due.is_some_and(|d| d < self.insight.as_of)
    }

    pub(super) fn action_short(&self, a: &Action) -> ActionLink {
        let (status, status_label) = if self.overdue(a) {
            ("overdue", self.t(Word::ActionOverdue))
        } else {
            self.action_status(a.status)
        };
        ActionLink {
            title: a.title.clone(),
            url: action_url(&a.id.value),
            status,
            status_label,
            due: a.due.map(|d| self.date(d)),
        }
    }

    pub(super) fn gas_label(&self, level: f64) -> String {
        if level > 0.0 {
            format!("+{}", format_number(level, self.lang))
        } else if level < 0.0 {
            format!("−{}", format_number(-level, self.lang))
        } else {
            "0".to_string()
        }
    }

    /// Findings in words, or nothing outside the coach's view.
    pub(super) fn findings(&self, flags: &[Flag]) -> Vec<FindingView> {
        if !self.findings {
            return Vec::new();
        }
        flags
            .iter()
            .map(|f| {
                let s = self.words.finding(f);
                FindingView {
                    severity: match f.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Note => "note",
                    },
                    severity_label: self.words.severity(f.severity),
                    message: s.message,
                    suggestion: s.suggestion,
                }
            })
            .collect()
    }
}

#[derive(Serialize)]
pub(super) struct ValueRow {
    pub(super) date: String,
    pub(super) value: String,
    pub(super) note: Option<String>,
    /// The session note it was recorded in, when this reader may see it.
    pub(super) session: Option<Link>,
}

#[derive(Serialize)]
pub(super) struct MilestoneRow {
    pub(super) date: String,
    pub(super) target: String,
    pub(super) note: Option<String>,
}

/// One entry of a chart's legend: the ink (a CSS class of the charts), the kind of mark
/// (`line`, `dot`, `diamond`) and what it stands for.
#[derive(Serialize)]
pub(super) struct LegendItem {
    pub(super) ink: &'static str,
    pub(super) mark: &'static str,
    pub(super) label: &'static str,
}

/// The CSS key of a tracking (`tracking-…`).
pub(super) fn tracking_key(t: Tracking) -> &'static str {
    match t {
        Tracking::Achieved => "achieved",
        Tracking::OnTrack => "on-track",
        Tracking::AtRisk => "at-risk",
        Tracking::Stalled => "stalled",
        Tracking::Stale => "stale",
        Tracking::Overdue => "overdue",
        Tracking::TooEarly => "too-early",
        Tracking::NoMeasurement => "no-measurement",
        Tracking::NotJudged => "not-judged",
        Tracking::NotTracked => "not-tracked",
        Tracking::NotShared => "not-shared",
    }
}

pub(super) fn band_key(b: Option<CommitmentBand>) -> &'static str {
    match b {
        None => "none",
        Some(CommitmentBand::TooLow) => "too-low",
        Some(CommitmentBand::BelowHealthy) => "below-healthy",
        Some(CommitmentBand::Healthy) => "healthy",
        Some(CommitmentBand::AboveHealthy) => "above-healthy",
        Some(CommitmentBand::AlwaysFull) => "always-full",
    }
}

/// Whether only the coach may see an item: such items appear only in the coach's view,
/// where they carry a badge so the coach knows the client will not see them.
pub(super) fn coach_only(visibility: Visibility, sensitive: bool) -> bool {
    visibility == Visibility::Coach || sensitive
}

/// What one text's links resolve to: the text was written in `file`, and is shown on a
/// page `root` away from the site's root.
pub(super) struct PageLinks<'a> {
    pub(super) v: &'a Views<'a>,
    pub(super) file: &'a str,
    pub(super) root: &'static str,
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
    /// A note's properties of the coach's own, as far as this view holds them (the
    /// audience filter keeps only the shared ones for the client and the sponsor).
    pub(super) fn properties(&self, properties: &[Property]) -> PropertiesView {
        let shared = &self.e.info.share.properties.client;
        let mut view = PropertiesView::default();
        for p in properties {
            let value = property_text(&p.value, self.lang);
            if value.is_empty() {
                continue;
            }
            let shown = PropertyView {
                key: p.key.clone(),
                value,
            };
            // In the coach's view every property is there: those the client does not
            // see are marked.
            if self.findings && !shared.contains(&p.key) {
                view.coach_only.push(shown);
            } else {
                view.shared.push(shown);
            }
        }
        view
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
