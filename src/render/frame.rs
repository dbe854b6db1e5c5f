//! What every page shares: the site's title and language, the navigation, the as-of
//! date, the audience, and the engagement's header.

use std::collections::BTreeMap;

use serde::Serialize;

use super::RenderOptions;
use super::views::Views;
use crate::audience::{Audience, Sharing};
use crate::i18n;
use crate::markdown;
use crate::model::*;

#[derive(Serialize)]
struct NavItem {
    key: &'static str,
    url: &'static str,
    label: &'static str,
}

#[derive(Serialize)]
pub(super) struct SiteView {
    title: String,
    lang: &'static str,
    as_of: String,
    audience: &'static str,
    audience_label: &'static str,
    canonical_base: Option<String>,
    nav: Vec<NavItem>,
    engagement: EngagementView,
    /// The diagnostics this audience sees.
    shared: Sharing,
    /// What each list says when it is empty ([`Views::empty_lists`]).
    empty: BTreeMap<&'static str, &'static str>,
}

#[derive(Serialize)]
struct EngagementView {
    title: String,
    client: String,
    coach: String,
    sponsor: Option<String>,
    kind_label: &'static str,
    period: String,
    context_html: Option<String>,
}

/// The sections in the navigation: the sponsor's site has no sessions and no lessons.
fn nav(v: &Views, audience: Audience) -> Vec<NavItem> {
    let mut sections = vec![
        ("dashboard", "index.html", "nav_dashboard"),
        ("objectives", "objectives/index.html", "nav_objectives"),
        ("assessments", "assessments/index.html", "nav_assessments"),
        ("plan", "plan/index.html", "nav_plan"),
    ];
    if audience != Audience::Sponsor {
        sections.push(("sessions", "sessions/index.html", "nav_sessions"));
        sections.push(("lessons", "lessons/index.html", "nav_lessons"));
    }
    sections
        .into_iter()
        .map(|(key, url, label)| NavItem {
            key,
            url,
            label: v.t(label),
        })
        .collect()
}

/// The part of every page's context that is the same on every page (`site`).
pub(super) fn site_view(v: &Views, options: &RenderOptions) -> SiteView {
    let info = &v.e.info;
    let period = match &info.end {
        Some(end) => format!("{} – {}", v.date(info.start), v.date(end.value)),
        None => format!("{} –", v.date(info.start)),
    };
    let canonical_base = options
        .base_url
        .as_deref()
        .or(info.site.base_url.as_deref())
        .filter(|b| b.starts_with("http://") || b.starts_with("https://"))
        .map(|b| format!("{}/", b.trim_end_matches('/')));
    SiteView {
        title: info
            .site
            .title
            .clone()
            .unwrap_or_else(|| info.title.clone()),
        lang: i18n::code(v.lang),
        as_of: v.date(options.as_of),
        audience: options.audience.name(),
        audience_label: v.t(&format!("audience_{}", options.audience.name())),
        canonical_base,
        nav: nav(v, options.audience),
        shared: v.sharing,
        empty: v.empty_lists(),
        engagement: EngagementView {
            title: info.title.clone(),
            client: info.client.clone(),
            coach: info.coach.clone(),
            sponsor: info.sponsor.clone(),
            kind_label: v.t(match info.kind {
                Kind::Team => "kind_team",
                Kind::Individual => "kind_individual",
            }),
            period,
            context_html: info.context.as_deref().map(markdown::to_html),
        },
    }
}
