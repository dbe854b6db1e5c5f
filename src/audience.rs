//! The one place that decides what an audience may see (SPEC §5).
//!
//! [`filter`] runs once on the loaded model, before anything is rendered: items above
//! the audience's level are removed together with every reference to them, `private:`
//! notes and `%% … %%` text are cut out for everyone but the coach, and `sensitive`
//! items stay in the coach's view only. Whatever is not in the filtered model cannot
//! reach any byte of the output.
//!
//! It also records what it left out ([`Withheld`]), so that a page tells "none" from
//! "not shared with you", and decides which diagnostics an audience sees
//! ([`Audience::sharing`], from `share:` in engagement.yaml).

mod held;
mod links;
mod pulse;
mod said;
mod texts;

pub use links::check_hidden_links;
pub use pulse::{MIN_GROUP, pulse_of};
pub use said::{check_coach_only_markers, check_private_sections, tells_of_body};
pub use texts::{TextKind, Texts};

use std::collections::HashMap;
use std::sync::Arc;

use crate::markdown::private;
use crate::model::{
    ActionStatus, At, Engagement, Property, Session, Share, Shared, Visibility, Withheld,
};

/// Who a site is built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Audience {
    /// The coach's working view: everything, including private notes.
    Coach,
    /// The client's site: client and sponsor items, no coach-only text.
    Client,
    /// The sponsor's report: sponsor items only, no session notes, no member ratings.
    Sponsor,
}

impl Audience {
    /// Whether an item with this visibility (the widest audience allowed) may be shown.
    pub fn may_see(self, visibility: Visibility) -> bool {
        match self {
            Audience::Coach => true,
            Audience::Client => visibility >= Visibility::Client,
            Audience::Sponsor => visibility == Visibility::Sponsor,
        }
    }

    /// Whether this audience sees the findings (flags) about the engagement: they are
    /// the coach's working notes, not a verdict for the client or the sponsor.
    pub fn sees_findings(self) -> bool {
        self == Audience::Coach
    }

    /// Which diagnostics this audience sees: all for the coach; for the client and the
    /// sponsor, what `share:` lists (by default facts, not verdicts).
    pub fn sharing(self, share: &Share) -> Sharing {
        let list: &[Shared] = match self {
            Audience::Coach => &[],
            Audience::Client => &share.client,
            Audience::Sponsor => &share.sponsor,
        };
        let has = |s: Shared| self == Audience::Coach || list.contains(&s);
        Sharing {
            smart: has(Shared::Smart),
            zpd: has(Shared::Zpd),
            pace: has(Shared::Pace),
            trajectory: has(Shared::Trajectory),
            tracking: has(Shared::Tracking),
            trend: has(Shared::Trend),
            forecast: has(Shared::Forecast),
            commitment: has(Shared::Commitment),
            gas: has(Shared::Gas),
            // What the sponsor pays for: theirs whatever the list says.
            contract: self == Audience::Sponsor || has(Shared::Contract),
        }
    }

    /// The audience as `--audience` and each page's `coachsite-audience` meta tag write
    /// it: `coach`, `client` or `sponsor`.
    pub fn name(self) -> &'static str {
        match self {
            Audience::Coach => "coach",
            Audience::Client => "client",
            Audience::Sponsor => "sponsor",
        }
    }
}

/// The diagnostics one audience sees ([`Audience::sharing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Sharing {
    pub(crate) smart: bool,
    pub(crate) zpd: bool,
    pub(crate) pace: bool,
    pub(crate) trajectory: bool,
    pub(crate) tracking: bool,
    pub(crate) trend: bool,
    pub(crate) forecast: bool,
    pub(crate) commitment: bool,
    pub(crate) gas: bool,
    pub(crate) contract: bool,
}

/// A Markdown text as the client and the sponsor read it: its `%% … %%` asides cut (a
/// `%%` in code is literal text: [`private::asides`]), then every section titled as
/// private ([`private::private_sections`]). An unclosed `%%` hides everything after it:
/// when in doubt, text stays private. Returns the text and, for an unclosed marker, the
/// byte offset where it opened.
pub fn strip_coach_only(text: &str) -> (String, Option<usize>) {
    let found = private::asides(text);
    let (out, unclosed) = strip_with(text, &found);
    // A `%%` left outside code once the sections are cut too: whatever either reading
    // of the markers hides is hidden.
    if private::has_marker(&out) && !private::stays_code(&out) {
        return strip_with(text, &private::union(found, private::plain_asides(text)));
    }
    (out, unclosed)
}

/// [`strip_coach_only`] with the asides `found`.
fn strip_with(text: &str, found: &private::Asides) -> (String, Option<usize>) {
    let mut out = private::cut(text, &found.spans);
    // An HTML comment, invisible on the page, is in its source.
    let comments = private::html_comments(&out);
    if !comments.is_empty() {
        out = private::cut(&out, &comments);
    }
    // Cutting a section can, rarely, join lines into a new title: cut until none is
    // left, and past a few rounds, everything from the first one on.
    for round in 0.. {
        let sections = private::private_sections(&out);
        let Some(first) = sections.first() else {
            break;
        };
        if round == 8 {
            out.truncate(first.range.start);
            break;
        }
        let spans: Vec<_> = sections.into_iter().map(|s| s.range).collect();
        out = private::cut(&out, &spans);
    }
    (out, found.unclosed)
}

/// Plain text (a title, a name) as the client and the sponsor read it: every `%% … %%`
/// cut (plain text has no code).
fn strip_plain(text: &str) -> String {
    private::cut(text, &private::plain_asides(text).spans)
}

/// For the coach's view: keeps what is coach-only but marks it, inline (`<mark
/// class="coach-only">`) for an aside within a line, or as a block around the Markdown
/// it holds for an aside across lines and for a section titled private. An unclosed
/// `%%` marks the rest of the text.
pub fn mark_coach_only(text: &str) -> String {
    let asides = private::asides(text);
    // Each span, and whether a section is in it (a block, whatever its length).
    let mut spans: Vec<(std::ops::Range<usize>, bool)> =
        private::private_sections_read(text, &asides)
            .into_iter()
            .map(|s| (s.range, true))
            .collect();
    spans.extend(asides.spans.iter().map(|s| (s.clone(), false)));
    spans.sort_by_key(|(s, _)| s.start);
    let mut merged: Vec<(std::ops::Range<usize>, bool)> = Vec::with_capacity(spans.len());
    for (span, section) in spans {
        match merged.last_mut() {
            Some((last, is)) if span.start <= last.end => {
                last.end = last.end.max(span.end);
                *is |= section;
            }
            _ => merged.push((span, section)),
        }
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    let mut markers = asides.markers.iter().peekable();
    for (span, section) in merged {
        out.push_str(&text[at..span.start]);
        // The span's words, without the `%%` that open and close its asides.
        let mut inner = String::with_capacity(span.len());
        let mut from = span.start;
        while let Some(m) = markers.next_if(|m| m.start < span.end) {
            inner.push_str(&text[from.min(m.start)..m.start]);
            from = from.max(m.end);
        }
        inner.push_str(&text[from.min(span.end)..span.end]);
        if section || inner.contains('\n') {
            out.push_str("\n\n<div class=\"coach-only\">\n\n");
            out.push_str(inner.trim_matches('\n'));
            out.push_str("\n\n</div>\n\n");
        } else {
            out.push_str("<mark class=\"coach-only\">");
            out.push_str(&inner);
            out.push_str("</mark>");
        }
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Calls `f` on every text of `e` ([`Texts`]) but its session notes'.
fn each_text_but_sessions(e: &mut Engagement, f: impl Fn(&mut String, TextKind)) {
    let sessions = std::mem::take(&mut e.sessions);
    e.texts(&mut |text, kind| f(text, kind));
    e.sessions = sessions;
}

/// A session note as `audience` reads it, from what the note alone holds: its `%%`
/// asides marked for the coach; for the others, its `private:` notes gone, its asides
/// cut, and no list item left that was wholly coach-only. The note is copied (out of
/// what `serve` keeps of its file) only where it changes: one with no `%%` and no
/// `private:` is the coach's and the client's as it is.
fn session_as(audience: Audience, s: &mut Arc<Session>) {
    if audience != Audience::Coach && s.front.private.is_some() {
        Arc::make_mut(s).front.private = None;
    }
    let mut marked = false;
    s.texts_ref(&mut |text, kind| marked |= may_hold_coach_only(text, kind));
    if marked {
        s.texts(&mut |text, kind| reader_text(audience, text, kind));
    }
    if audience == Audience::Coach {
        return;
    }
    // List items that were wholly coach-only leave no empty bullet behind.
    let f = &s.front;
    if [&f.attendees, &f.techniques, &f.lessons]
        .iter()
        .any(|list| list.iter().any(|t| t.is_blank()))
    {
        let f = &mut Arc::make_mut(s).front;
        for list in [&mut f.attendees, &mut f.techniques, &mut f.lessons] {
            list.retain(|t| !t.is_blank());
        }
    }
}

/// The session notes as one reader reads them (`session_as`), kept from one
/// rebuild of `serve` to the next: a note whose file did not change is the same
/// `Arc` (shared with the parse cache), and is not read, marked or copied again.
/// Only the notes of the last filter are kept. (ARCHITECTURE.md's "Incremental state": why it is not the memo's
/// double, and what it saves.)
#[derive(Default)]
pub struct Readers {
    held: std::sync::Mutex<HashMap<usize, Read>>,
}

/// One note as it was filtered: for whom, the note as loaded (held, so that its
/// address names no other note while it is here) and as read.
struct Read {
    audience: Audience,
    source: Arc<Session>,
    read: Arc<Session>,
}

/// Every session note of `e` as `audience` reads it ([`session_as`]), in parallel (they
/// are most of the text there is), from `readers` where it holds the note.
fn sessions_as(e: &mut Engagement, audience: Audience, readers: Option<&Readers>) {
    use rayon::prelude::*;
    let Some(readers) = readers else {
        e.sessions
            .par_iter_mut()
            .for_each(|s| session_as(audience, s));
        return;
    };
    let mut held = readers.held.lock().unwrap_or_else(|p| p.into_inner());
    let before = std::mem::take(&mut *held);
    let kept: Vec<(usize, Read)> = e
        .sessions
        .par_iter_mut()
        .map(|s| {
            let key = Arc::as_ptr(s) as usize;
            let source = s.clone();
            match before.get(&key) {
                Some(r) if r.audience == audience && Arc::ptr_eq(&r.source, &source) => {
                    *s = r.read.clone();
                }
                _ => session_as(audience, s),
            }
            let read = s.clone();
            (
                key,
                Read {
                    audience,
                    source,
                    read,
                },
            )
        })
        .collect();
    *held = kept.into_iter().collect();
}

/// One text as `audience` reads it, in [`filter`]: the coach's Markdown with what is
/// coach-only marked, every text of the others with it cut.
fn reader_text(audience: Audience, text: &mut String, kind: TextKind) {
    if !may_hold_coach_only(text, kind) {
        return;
    }
    *text = match (audience, kind) {
        (Audience::Coach, TextKind::Markdown) => mark_coach_only(text),
        (Audience::Coach, TextKind::Plain) => return,
        (_, TextKind::Markdown) => strip_coach_only(text).0,
        (_, TextKind::Plain) => strip_plain(text),
    };
}

/// Whether a text may hold anything coach-only: a `%%`, or (Markdown) a line that may
/// title a private section. Reads no more than the starts of lines.
fn may_hold_coach_only(text: &str, kind: TextKind) -> bool {
    private::has_marker(text)
        || (kind == TextKind::Markdown
            && (text.contains("<!--") || !private::private_sections(text).is_empty()))
}

/// A note's body as `audience` reads it: what [`filter`] makes of it, for a note whose
/// body alone changed since the engagement was filtered.
pub fn body_as(audience: Audience, body: &crate::model::Markdown) -> crate::model::Markdown {
    let mut text = body.0.clone();
    reader_text(audience, &mut text, TextKind::Markdown);
    crate::model::Markdown(text)
}

/// Where an unclosed `%%` opens in a Markdown text, if one does (what
/// [`strip_coach_only`] reports).
pub fn unclosed_marker(text: &str) -> Option<usize> {
    private::asides(text).unclosed
}

/// The engagement as `audience` may see it. Takes the engagement by value, so the
/// coach's view (everything) costs no copy; clone first to keep the original.
///
/// `%% … %%` asides are handled by type, in one pass over every text of the model
/// ([`Texts`]): cut from every `String` and [`Markdown`](crate::model::Markdown) for
/// the client and the sponsor, marked in the coach's Markdown.
pub fn filter(e: Engagement, audience: Audience) -> Engagement {
    filter_keeping(e, audience, None)
}

/// [`filter`], with the session notes as `readers` holds them from the last filter
/// of the same notes (what `serve` does on every save); `readers` then holds this
/// filter's.
pub fn filter_keeping(
    mut e: Engagement,
    audience: Audience,
    readers: Option<&Readers>,
) -> Engagement {
    if audience == Audience::Coach {
        sessions_as(&mut e, audience, readers);
        each_text_but_sessions(&mut e, |text, kind| reader_text(audience, text, kind));
        count_pulses(&mut e, audience);
        return e;
    }
    let keep = |visibility: Visibility, sensitive: bool| audience.may_see(visibility) && !sensitive;
    // Left out by the audience's level (sensitive items are not hinted at).
    let left_out =
        |visibility: Visibility, sensitive: bool| !sensitive && !audience.may_see(visibility);
    e.withheld = Withheld {
        objectives: e
            .objectives
            .iter()
            .any(|o| left_out(o.visibility, o.front.sensitive)),
        assessments: e
            .assessments
            .iter()
            .any(|a| left_out(a.visibility, a.front.sensitive)),
        actions: e
            .plan
            .actions
            .iter()
            .any(|a| left_out(a.resolved_visibility, a.sensitive)),
        open_actions: e.plan.actions.iter().any(|a| {
            left_out(a.resolved_visibility, a.sensitive)
                && matches!(a.status, ActionStatus::Open | ActionStatus::Blocked)
        }),
        acted_on: e
            .plan
            .actions
            .iter()
            .filter(|a| left_out(a.resolved_visibility, a.sensitive))
            .filter_map(|a| a.objective.as_ref().map(|o| o.value.clone()))
            .collect(),
        actions_due: e
            .plan
            .actions
            .iter()
            .filter(|a| left_out(a.resolved_visibility, a.sensitive))
            .filter_map(|a| a.due)
            .collect(),
        gathered: e
            .sessions
            .iter()
            .any(|s| left_out(s.visibility, s.front.sensitive) && !s.front.lessons.is_empty()),
        revisions: e
            .plan
            .revisions
            .iter()
            .any(|r| left_out(r.resolved_visibility, r.sensitive)),
        sessions: e
            .sessions
            .iter()
            .any(|s| left_out(s.visibility, s.front.sensitive)),
        lessons: e
            .lessons
            .iter()
            .any(|l| left_out(l.visibility, l.front.sensitive)),
        surveys: e
            .surveys
            .iter()
            .any(|s| left_out(s.visibility, s.front.sensitive)),
        context: false,
        discussed: e
            .sessions
            .iter()
            .filter(|s| left_out(s.visibility, s.front.sensitive))
            .flat_map(|s| s.discussed_objectives().map(str::to_string))
            .collect(),
        occurrences: e
            .sessions
            .iter()
            .filter(|s| left_out(s.visibility, s.front.sensitive))
            .map(|s| held::occurrence(&e.info.members, s))
            .collect(),
        next_session: None,
    };

    e.objectives
        .retain(|o| keep(o.visibility, o.front.sensitive));
    e.assessments
        .retain(|a| keep(a.visibility, a.front.sensitive));
    e.sessions.retain(|s| keep(s.visibility, s.front.sensitive));
    e.lessons.retain(|l| keep(l.visibility, l.front.sensitive));
    e.surveys.retain(|s| keep(s.visibility, s.front.sensitive));
    e.plan
        .actions
        .retain(|a| keep(a.resolved_visibility, a.sensitive));
    e.plan
        .revisions
        .retain(|r| keep(r.resolved_visibility, r.sensitive));
    if e.report
        .as_ref()
        .is_some_and(|r| !keep(r.front.visibility, false))
    {
        e.report = None;
    }

    // How to reach the client and whether the coaching is paid: the coach's records.
    e.info.contact = None;
    e.info.billing = None;
    // Which planning findings the coach has weighed is the coach's working data; a
    // change to a target made while the reader could not see the objective is not theirs.
    for o in &mut e.objectives {
        o.front.acknowledged.clear();
        o.history.retain(|c| audience.may_see(c.visibility));
    }
    sessions_as(&mut e, audience, readers);
    keep_shared_properties(&mut e, audience);
    each_text_but_sessions(&mut e, |text, kind| reader_text(audience, text, kind));
    // A lesson's tag that was wholly coach-only leaves no empty tag behind.
    for l in &mut e.lessons {
        l.front.tags.retain(|t| !t.is_blank());
    }

    if audience == Audience::Sponsor {
        sponsor_only_aggregates(&mut e);
    }

    drop_references_to_removed(&mut e);
    links::reduce_hidden_links(&mut e);
    count_pulses(&mut e, audience);
    e
}

/// The properties of the coach's own (Obsidian's open properties) reach a reader other
/// than the coach only when `share.properties` names them for that reader.
fn keep_shared_properties(e: &mut Engagement, audience: Audience) {
    let shared = match audience {
        Audience::Coach => return,
        Audience::Client => std::mem::take(&mut e.info.share.properties.client),
        Audience::Sponsor => std::mem::take(&mut e.info.share.properties.sponsor),
    };
    let kept = |p: &Property| shared.contains(&p.key);
    for o in &mut e.objectives {
        o.properties.retain(kept);
    }
    for l in &mut e.lessons {
        l.properties.retain(kept);
    }
    for s in &mut e.sessions {
        if !s.properties.iter().all(kept) {
            Arc::make_mut(s).properties.retain(kept);
        }
    }
    // Which keys are shared is the coach's setting: the reader's view keeps its own.
    match audience {
        Audience::Client => e.info.share.properties.client = shared,
        _ => e.info.share.properties.sponsor = shared,
    }
}

/// Each survey's answers counted as this reader may see them ([`pulse_of`]), over the
/// objectives the reader sees; for everyone but the coach, the answers themselves
/// (who answered, what they said, each rating) are gone.
fn count_pulses(e: &mut Engagement, audience: Audience) {
    let objectives: std::collections::BTreeSet<&str> =
        e.objectives.iter().map(|o| o.id.as_str()).collect();
    for s in &mut e.surveys {
        s.pulse = pulse_of(s, &objectives);
    }
    if audience != Audience::Coach {
        for s in &mut e.surveys {
            s.front.answers.clear();
        }
    }
}

/// Every reference to an item the filter removed, dropped: a measurement's session, an
/// action's objective, a note's objectives and actions.
fn drop_references_to_removed(e: &mut Engagement) {
    let session_ids: std::collections::HashSet<&str> =
        e.sessions.iter().map(|s| s.id.as_str()).collect();
    for o in &mut e.objectives {
        let front = &mut o.front;
        let results = front.key_results.iter_mut().map(|k| &mut k.measurements);
        for m in std::iter::once(&mut front.measurements)
            .chain(results)
            .flatten()
        {
            if m.session
                .as_ref()
                .is_some_and(|s| !session_ids.contains(s.as_str()))
            {
                m.session = None;
            }
        }
    }
    let objective_ids: Vec<String> = e.objectives.iter().map(|o| o.id.clone()).collect();
    let action_ids: Vec<String> = e.plan.actions.iter().map(|a| a.id.value.clone()).collect();
    let has_objective = |id: &str| objective_ids.iter().any(|o| o == id);
    for a in &mut e.plan.actions {
        if a.objective
            .as_ref()
            .is_some_and(|o| !has_objective(&o.value))
        {
            a.objective = None;
        }
    }
    for s in &mut e.sessions {
        let kept_objective = |o: &At<String>| has_objective(&o.value);
        let kept_action = |a: &At<String>| action_ids.contains(&a.value);
        if !s.front.objectives.iter().all(kept_objective)
            || !s.front.actions.iter().all(kept_action)
        {
            let f = &mut Arc::make_mut(s).front;
            f.objectives.retain(kept_objective);
            f.actions.retain(kept_action);
        }
    }
    for l in &mut e.lessons {
        l.front.objectives.retain(|o| has_objective(&o.value));
    }
}

/// The next session as this view's reader may know it: the `next:` date of the latest
/// session note they may read (for the sponsor, kept by [`filter`] when it takes the
/// notes away). A later note they may not read does not move it.
pub fn next_session(e: &Engagement) -> Option<crate::model::Date> {
    match e.sessions.last() {
        Some(s) => s.front.next.as_ref().map(|n| n.value),
        None => e.withheld.next_session,
    }
}

/// The sponsor's view: aggregates, no free text of sessions, nothing about individual
/// members; the context, the assessments' observations and the plan's revisions only
/// where `share.sponsor` lists them.
fn sponsor_only_aggregates(e: &mut Engagement) {
    let shared = |s: Shared| e.info.share.sponsor.contains(&s);
    let (context, observations, revisions) = (
        shared(Shared::Context),
        shared(Shared::Observations),
        shared(Shared::Revisions),
    );
    e.withheld.sessions |= !e.sessions.is_empty();
    e.withheld.gathered |= e.sessions.iter().any(|s| !s.front.lessons.is_empty());
    e.withheld.lessons |= !e.lessons.is_empty();
    let discussed: Vec<String> = e
        .sessions
        .iter()
        .flat_map(|s| s.discussed_objectives().map(str::to_string))
        .collect();
    e.withheld.discussed.extend(discussed);
    e.withheld.next_session = next_session(e);
    e.sessions.clear();
    // No list of sessions for the sponsor: the number held and the hours, which the
    // client's view counts (`insight::Aggregates`).
    e.withheld.occurrences.clear();
    e.lessons.clear();
    e.info.members.clear();
    for a in &mut e.assessments {
        a.front.members.clear();
        if !observations {
            a.front.observations = None;
        }
    }
    if !context && e.info.context.is_some() {
        e.info.context = None;
        e.withheld.context = true;
    }
    if !revisions {
        e.withheld.revisions |= !e.plan.revisions.is_empty();
        e.plan.revisions.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_inline_and_multiline_asides() {
        assert_eq!(strip_coach_only("a %%secret%% b").0, "a  b");
        assert_eq!(strip_coach_only("a\n%%\nline1\nline2\n%%\nb").0, "a\n\nb");
        assert_eq!(strip_coach_only("%%x%%%%y%%z").0, "z");
        assert_eq!(strip_coach_only("no markers").0, "no markers");
    }

    #[test]
    fn an_unclosed_marker_is_found_where_the_cut_finds_it() {
        for text in [
            "no markers",
            "a %%closed%% b",
            "a %%never closed",
            "%%x%%%%y%%z %% open",
            "é %%ü%% ß %%",
            "%%",
            "",
        ] {
            assert_eq!(unclosed_marker(text), strip_coach_only(text).1, "{text:?}");
        }
        assert_eq!(unclosed_marker("a %%b%% c %%d"), Some(10));
    }

    #[test]
    fn the_coach_sees_asides_marked() {
        assert_eq!(
            mark_coach_only("Ana %%seemed tired%% led"),
            "Ana <mark class=\"coach-only\">seemed tired</mark> led"
        );
        assert_eq!(
            mark_coach_only("a\n%%\n- one\n- two\n%%\nb"),
            "a\n\n\n<div class=\"coach-only\">\n\n- one\n- two\n\n</div>\n\n\nb"
        );
        let html = crate::markdown::to_html(&mark_coach_only("a\n%%\n- one\n%%\nb"));
        assert!(
            html.contains("<div class=\"coach-only\">\n<ul>\n<li>one</li>"),
            "{html}"
        );
    }

    #[test]
    fn an_unclosed_aside_hides_the_rest() {
        let (text, open) = strip_coach_only("ok %%closed%% then %%open to the end");
        assert_eq!(text, "ok  then ");
        assert_eq!(open, Some(19));
    }

    #[test]
    fn audiences_see_their_level_and_wider() {
        use Visibility::*;
        assert!(Audience::Coach.may_see(Coach));
        assert!(!Audience::Client.may_see(Coach));
        assert!(Audience::Client.may_see(Client) && Audience::Client.may_see(Sponsor));
        assert!(!Audience::Sponsor.may_see(Client));
        assert!(Audience::Sponsor.may_see(Sponsor));
    }

    /// `e` with the note `id` parsed again, one line longer (a new `Arc`).
    fn second_source(e: &Engagement, id: &str) -> Engagement {
        let mut next = e.clone();
        for s in next.sessions.iter_mut().filter(|s| s.id == id) {
            let mut note = (**s).clone();
            note.body.0.push_str("\n\nOne more %%aside%% line.");
            *s = Arc::new(note);
        }
        next
    }

    /// Two filters of the same notes through [`Readers`]: what the first made of a note
    /// whose file did not change is taken as it is (no copy), and the result is what
    /// [`filter`] makes, for every audience.
    #[test]
    fn readers_keep_each_unchanged_note_as_read() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-engagement");
        let loaded = crate::load::load(&root)
            .expect("the example loads")
            .engagement;
        assert!(loaded.sessions.iter().any(|s| s.body.contains("%%")));
        let json = |e: &Engagement| serde_json::to_string(&e.sessions).expect("json");
        for audience in [Audience::Coach, Audience::Client, Audience::Sponsor] {
            let readers = Readers::default();
            let plain = filter(loaded.clone(), audience);
            let first = filter_keeping(loaded.clone(), audience, Some(&readers));
            assert_eq!(json(&first), json(&plain), "{audience:?}");
            // One note this reader sees changed since (a new parse of its file: a new
            // `Arc`). The sponsor sees no notes.
            let Some(changed) = first.sessions.last().map(|s| s.id.clone()) else {
                assert_eq!(audience, Audience::Sponsor);
                continue;
            };
            let next = second_source(&loaded, &changed);
            let second = filter_keeping(next.clone(), audience, Some(&readers));
            assert_eq!(json(&second), json(&filter(next, audience)), "{audience:?}");
            assert!(second.sessions.iter().any(|s| s.body.contains("One more")));
            // Each note as read: the same `Arc` as before, but for the one changed.
            let read = |mut e: Engagement| {
                sessions_as(&mut e, audience, Some(&readers));
                e.sessions
            };
            let (before, after) = (read(loaded.clone()), read(second_source(&loaded, &changed)));
            for (a, b) in before.iter().zip(&after) {
                assert_eq!(Arc::ptr_eq(a, b), a.id != changed, "{audience:?}, {}", a.id);
            }
        }
        // Kept for one reader, a note is read again for another.
        let readers = Readers::default();
        let coach = filter_keeping(loaded.clone(), Audience::Coach, Some(&readers));
        let client = filter_keeping(loaded.clone(), Audience::Client, Some(&readers));
        assert_eq!(json(&client), json(&filter(loaded, Audience::Client)));
        assert!(
            coach
                .sessions
                .iter()
                .zip(&client.sessions)
                .any(|(a, b)| !Arc::ptr_eq(a, b))
        );
    }
}
