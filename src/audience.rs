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

mod links;
mod texts;

pub use links::check_hidden_links;
pub use texts::{TextKind, Texts};

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{At, Engagement, Share, Shared, Visibility, Withheld};

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
        }
    }

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
    pub smart: bool,
    pub zpd: bool,
    pub pace: bool,
    pub trajectory: bool,
    pub tracking: bool,
    pub trend: bool,
    pub forecast: bool,
    pub commitment: bool,
    pub gas: bool,
}

/// Removes `%% … %%` spans (inline or across lines). An unclosed `%%` hides everything
/// after it: when in doubt, text stays private. Returns the text and, for an unclosed
/// marker, the byte offset where it opened.
pub fn strip_coach_only(text: &str) -> (String, Option<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut consumed = 0;
    while let Some(open) = rest.find("%%") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        match after.find("%%") {
            Some(close) => {
                consumed += open + 2 + close + 2;
                rest = &after[close + 2..];
            }
            None => return (out, Some(consumed + open)),
        }
    }
    out.push_str(rest);
    (out, None)
}

/// For the coach's view: keeps `%% … %%` text but marks it as coach-only, inline
/// (`<mark class="coach-only">`) or, when the aside spans lines, as a block around
/// the Markdown it holds. An unclosed `%%` marks the rest of the text.
pub fn mark_coach_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(open) = rest.find("%%") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let (aside, next) = match after.find("%%") {
            Some(close) => (&after[..close], &after[close + 2..]),
            None => (after, ""),
        };
        if aside.contains('\n') {
            out.push_str("\n\n<div class=\"coach-only\">\n\n");
            out.push_str(aside.trim_matches('\n'));
            out.push_str("\n\n</div>\n\n");
        } else {
            out.push_str("<mark class=\"coach-only\">");
            out.push_str(aside);
            out.push_str("</mark>");
        }
        rest = next;
    }
    out.push_str(rest);
    out
}

/// Warnings about `%%` markers that are never closed, with the line they open on.
pub fn check_coach_only_markers(e: &Engagement) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let texts = e
        .sessions
        .iter()
        .map(|s| (&s.source.path, &s.body, s.body_line))
        .chain(
            e.lessons
                .iter()
                .map(|l| (&l.source.path, &l.body, l.body_line)),
        );
    for (file, body, body_line) in texts {
        if let Some(offset) = unclosed_marker(body) {
            let line = body_line + body[..offset].matches('\n').count() as u32;
            let column = body[..offset]
                .rsplit('\n')
                .next()
                .map_or(0, |l| l.chars().count()) as u32
                + 1;
            let mut d = Diagnostic::warning(
                file.as_str(),
                "this `%%` is never closed: everything after it is coach-only",
            )
            .with_help("close the coach-only aside with another `%%`");
            d.line = line;
            d.column = column;
            d.width = 2;
            d.source_line = body
                .lines()
                .nth((line - body_line) as usize)
                .map(str::to_string);
            diags.push(d);
        }
    }
    diags
}

/// Calls `f` on every text of `e` ([`Texts`]), the session notes' in parallel (they are
/// most of the text there is), where `f` changes only a text with a `%%` in it: a
/// session note with none is left as it is, not copied out of what `serve` keeps of
/// its file.
fn each_marked_text(e: &mut Engagement, f: impl Fn(&mut String, TextKind) + Sync) {
    use rayon::prelude::*;
    let mut sessions = std::mem::take(&mut e.sessions);
    sessions.par_iter_mut().for_each(|s| {
        let mut marked = false;
        s.texts_ref(&mut |text, _| marked |= text.contains("%%"));
        if marked {
            s.texts(&mut |text, kind| f(text, kind));
        }
    });
    e.texts(&mut |text, kind| f(text, kind));
    e.sessions = sessions;
}

/// One text as `audience` reads it, in [`filter`]: the coach's Markdown with its
/// `%% … %%` asides marked, every text of the others with them cut.
fn reader_text(audience: Audience, text: &mut String, kind: TextKind) {
    if !text.contains("%%") {
        return;
    }
    if audience == Audience::Coach {
        if kind == TextKind::Markdown {
            *text = mark_coach_only(text);
        }
    } else {
        *text = strip_coach_only(text).0;
    }
}

/// A note's body as `audience` reads it: what [`filter`] makes of it, for a note whose
/// body alone changed since the engagement was filtered.
pub fn body_as(audience: Audience, body: &crate::model::Markdown) -> crate::model::Markdown {
    let mut text = body.0.clone();
    reader_text(audience, &mut text, TextKind::Markdown);
    crate::model::Markdown(text)
}

/// Where an unclosed `%%` opens in `text`, if one does (what [`strip_coach_only`]
/// reports), found without copying the text.
pub fn unclosed_marker(text: &str) -> Option<usize> {
    let (mut rest, mut consumed) = (text, 0);
    while let Some(open) = rest.find("%%") {
        let after = &rest[open + 2..];
        match after.find("%%") {
            Some(close) => {
                consumed += open + 2 + close + 2;
                rest = &after[close + 2..];
            }
            None => return Some(consumed + open),
        }
    }
    None
}

/// The engagement as `audience` may see it. Takes the engagement by value, so the
/// coach's view (everything) costs no copy; clone first to keep the original.
///
/// `%% … %%` asides are handled by type, in one pass over every text of the model
/// ([`Texts`]): cut from every `String` and [`Markdown`](crate::model::Markdown) for
/// the client and the sponsor, marked in the coach's Markdown.
pub fn filter(mut e: Engagement, audience: Audience) -> Engagement {
    if audience == Audience::Coach {
        each_marked_text(&mut e, |text, kind| reader_text(audience, text, kind));
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
        context: false,
    };

    e.objectives
        .retain(|o| keep(o.visibility, o.front.sensitive));
    e.assessments
        .retain(|a| keep(a.visibility, a.front.sensitive));
    e.sessions.retain(|s| keep(s.visibility, s.front.sensitive));
    e.lessons.retain(|l| keep(l.visibility, l.front.sensitive));
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

    // The notes are shared with what `serve` keeps of their files: each is copied only
    // where it changes.
    for s in &mut e.sessions {
        if s.front.private.is_some() {
            Arc::make_mut(s).front.private = None;
        }
    }
    // How to reach the client and whether the coaching is paid: the coach's records.
    e.info.contact = None;
    e.info.billing = None;
    // Which planning findings the coach has weighed is the coach's working data.
    for o in &mut e.objectives {
        o.front.acknowledged.clear();
    }
    each_marked_text(&mut e, |text, kind| reader_text(audience, text, kind));
    // List items that were wholly coach-only leave no empty bullet behind.
    for s in &mut e.sessions {
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
    for l in &mut e.lessons {
        l.front.tags.retain(|t| !t.is_blank());
    }

    if audience == Audience::Sponsor {
        sponsor_only_aggregates(&mut e);
    }

    drop_references_to_removed(&mut e);
    e
}

/// Every reference to an item the filter removed, dropped: a measurement's session, an
/// action's objective, a note's objectives and actions.
fn drop_references_to_removed(e: &mut Engagement) {
    let session_ids: std::collections::HashSet<&str> =
        e.sessions.iter().map(|s| s.id.as_str()).collect();
    for o in &mut e.objectives {
        for m in &mut o.front.measurements {
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
    e.withheld.lessons |= !e.lessons.is_empty();
    e.sessions.clear();
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
}
