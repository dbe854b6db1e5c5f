//! Every piece of text a coach wrote, reached by type rather than field by field.
//!
//! [`Texts`] walks a model value and hands each `String` (plain text: titles, names,
//! labels, notes, map keys such as the names of scaling questions…) and each
//! [`Markdown`] (notes, narratives, context) to one function. The impls for the model's
//! structs are written by [`texts!`], which destructures each struct *without* `..`: a
//! field added to the model and not listed here is a compile error, so no free text can
//! escape the `%% … %%` cut by being forgotten.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::model::*;

/// How a text is shown, which decides how its `%% … %%` asides are marked for the coach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    /// One-line text, shown escaped.
    Plain,
    /// Markdown, rendered to HTML.
    Markdown,
}

/// A value that may hold text a coach wrote.
pub trait Texts {
    /// Calls `f` on every text in this value and below it.
    fn texts(&mut self, f: &mut dyn FnMut(&mut String, TextKind));

    /// Calls `f` on every text in this value and below it, to read (the same texts
    /// as [`Texts::texts`], in the same order).
    fn texts_ref(&self, f: &mut dyn FnMut(&str, TextKind));

    /// Whether nothing visible is left (for map keys cut down to nothing).
    fn is_blank(&self) -> bool {
        false
    }
}

impl Texts for String {
    fn texts(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        f(self, TextKind::Plain);
    }

    fn texts_ref(&self, f: &mut dyn FnMut(&str, TextKind)) {
        f(self, TextKind::Plain);
    }

    fn is_blank(&self) -> bool {
        self.trim().is_empty()
    }
}

impl Texts for Markdown {
    fn texts(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        f(&mut self.0, TextKind::Markdown);
    }

    fn texts_ref(&self, f: &mut dyn FnMut(&str, TextKind)) {
        f(&self.0, TextKind::Markdown);
    }
}

impl<T: Texts> Texts for Option<T> {
    fn texts(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        if let Some(value) = self {
            value.texts(f);
        }
    }

    fn texts_ref(&self, f: &mut dyn FnMut(&str, TextKind)) {
        if let Some(value) = self {
            value.texts_ref(f);
        }
    }
}

impl<T: Texts> Texts for Vec<T> {
    fn texts(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        for value in self {
            value.texts(f);
        }
    }

    fn texts_ref(&self, f: &mut dyn FnMut(&str, TextKind)) {
        for value in self {
            value.texts_ref(f);
        }
    }
}

/// An item shared with what `serve` keeps between saves: [`Texts::texts`] copies it
/// first if it is shared (see `each_text`, which calls it only where a text changes).
impl<T: Texts + Clone> Texts for std::sync::Arc<T> {
    fn texts(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        std::sync::Arc::make_mut(self).texts(f);
    }

    fn texts_ref(&self, f: &mut dyn FnMut(&str, TextKind)) {
        (**self).texts_ref(f);
    }
}

impl<T: Texts> Texts for At<T> {
    fn texts(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        self.value.texts(f);
    }

    fn texts_ref(&self, f: &mut dyn FnMut(&str, TextKind)) {
        self.value.texts_ref(f);
    }

    fn is_blank(&self) -> bool {
        self.value.is_blank()
    }
}

/// Keys are text too (the names of a session's scaling questions): a key cut down to
/// nothing drops its entry, since the whole entry was coach-only.
impl<K: Texts + Ord, V: Texts> Texts for BTreeMap<K, V> {
    fn texts(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        let entries = std::mem::take(self);
        for (mut key, mut value) in entries {
            key.texts(f);
            value.texts(f);
            if !key.is_blank() {
                self.insert(key, value);
            }
        }
    }

    fn texts_ref(&self, f: &mut dyn FnMut(&str, TextKind)) {
        for (key, value) in self {
            key.texts_ref(f);
            value.texts_ref(f);
        }
    }
}

/// A property's value: every text in it (a list's items, a map's values and keys).
impl Texts for serde_json::Value {
    fn texts(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
        match self {
            serde_json::Value::String(text) => f(text, TextKind::Plain),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| v.texts(f)),
            serde_json::Value::Object(map) => {
                let entries = std::mem::take(map);
                for (mut key, mut value) in entries {
                    f(&mut key, TextKind::Plain);
                    value.texts(f);
                    if !key.is_blank() {
                        map.insert(key, value);
                    }
                }
            }
            _ => {}
        }
    }

    fn texts_ref(&self, f: &mut dyn FnMut(&str, TextKind)) {
        match self {
            serde_json::Value::String(text) => f(text, TextKind::Plain),
            serde_json::Value::Array(items) => items.iter().for_each(|v| v.texts_ref(f)),
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    f(key, TextKind::Plain);
                    value.texts_ref(f);
                }
            }
            _ => {}
        }
    }
}

/// Values that hold no text.
macro_rules! no_text {
    ($($ty:ty),* $(,)?) => {
        $(impl Texts for $ty {
            fn texts(&mut self, _: &mut dyn FnMut(&mut String, TextKind)) {}
            fn texts_ref(&self, _: &mut dyn FnMut(&str, TextKind)) {}
        })*
    };
}

no_text!(
    i64,
    usize,
    u32,
    f64,
    bool,
    Date,
    PathBuf,
    Visibility,
    Kind,
    Language,
    ObjectiveStatus,
    ActionStatus,
    Shared,
    Withheld,
    Paper,
    Acknowledged,
    Billing,
    // The attachments' file paths: never shown; a page shows what a text embeds.
    Attachments,
    // Where the notes are: folder names, never shown.
    Folders,
    // A survey's counts: objective and group ids, and numbers (`pulse::pulse_of`).
    Pulse,
    Changed,
    GasEdit,
);

/// `Texts` for a struct, through every one of its fields (an exhaustive destructuring:
/// a field missing from the list does not compile).
macro_rules! texts {
    ($($ty:ident { $($field:ident),* $(,)? })*) => {
        $(impl Texts for $ty {
            fn texts(&mut self, f: &mut dyn FnMut(&mut String, TextKind)) {
                let $ty { $($field),* } = self;
                $(Texts::texts($field, f);)*
            }

            fn texts_ref(&self, f: &mut dyn FnMut(&str, TextKind)) {
                let $ty { $($field),* } = self;
                $(Texts::texts_ref($field, f);)*
            }
        })*
    };
}

texts! {
    Engagement {
        root, info, objectives, assessments, plan, sessions, lessons, surveys, report,
        withheld, attachments,
    }
    ReportNote { source, front, body }
    ReportFront { visibility }
    EngagementInfo {
        title, client, kind, coach, sponsor, start, end, language, context, scale,
        competencies, members, zpd, site, visibility, retain_until, share, folders, contact,
        billing, contract,
    }
    Contract { sessions, hours, cadence_days }
    Share { client, sponsor, properties }
    SharedProperties { client, sponsor }
    Property { key, value }
    Scale { min, max, labels, reliability, sd }
    Competency { id, name, target, description }
    Member { id, name, role }
    Zpd { max_levels_per_month, max_pace_ratio, stalled_after_days }
    SiteSettings { title, base_url, logo, accent, paper }
    VisibilityDefaults { objectives, assessments, plan, sessions, lessons, surveys }
    Source { path }
    Objective { id, source, front, body, body_line, visibility, history, properties }
    ObjectiveFront {
        title, specific, measure, key_results, gas, weight, relevant, achievable, start, due, status,
        competencies, milestones, measurements, visibility, sensitive, aliases, cssclasses,
        tags, acknowledged,
    }
    Measure { metric, unit, baseline, target }
    KeyResult { id, metric, unit, baseline, target, weight, milestones, measurements }
    Milestone { date, target, note }
    Measurement { date, value, note, session }
    Assessment { id, source, front, visibility }
    AssessmentFront { date, title, ratings, members, observations, visibility, sensitive }
    Plan { source, actions, revisions }
    Action {
        id, title, objective, owner, agreed, due, status, done, reviews, note, visibility,
        sensitive, resolved_visibility, from,
    }
    TaskSource { path, line, session }
    Review { date, status, note }
    Revision { date, summary, visibility, sensitive, resolved_visibility }
    Session { id, source, front, body, body_line, visibility, properties }
    SessionFront {
        date, title, duration, attendees, objectives, actions, techniques, ratings, measured,
        lessons, private, aliases, cssclasses, tags, visibility, sensitive, next,
    }
    Lesson { id, source, front, body, body_line, visibility, properties }
    Survey { id, source, front, visibility, pulse }
    TargetChange { date, change, measured_before, visibility, words }
    GasWords { before, after }
    SurveyFront { date, title, question, answers, visibility, sensitive }
    Answer { group, rater, ratings, comment }
    LessonFront { title, date, tags, objectives, visibility, sensitive, aliases, cssclasses }
}
