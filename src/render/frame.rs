//! What every page shares: the site's title and language, the navigation, the as-of
//! date, the audience, and the engagement's header.

use crate::i18n::Word;
use std::collections::BTreeMap;

use serde::Serialize;

use super::RenderOptions;
use super::registry::Section;
use super::views::Views;
use crate::audience::{Audience, Sharing};
use crate::i18n;
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
    /// In a practice: the url of its home from the site's root.
    practice_home: Option<String>,
    nav: Vec<NavItem>,
    engagement: EngagementView,
    /// The diagnostics this audience sees.
    shared: Sharing,
    /// What each list says when it is empty ([`Views::empty_lists`]).
    empty: BTreeMap<&'static str, &'static str>,
    /// The logo's path in the site (from `static/`), if any.
    logo: Option<String>,
    /// `a4` or `letter`: the report's paper.
    paper: &'static str,
    /// The engagement's own CSS: the accent colour, the paper size.
    theme_css: String,
}

/// The paper of the report: as set, or by language (Letter for English, A4 otherwise).
fn paper(info: &EngagementInfo) -> Paper {
    info.site.paper.unwrap_or(match info.language {
        Language::En => Paper::Letter,
        Language::Fr | Language::De => Paper::A4,
    })
}

/// The CSS the engagement adds to the theme: its paper size and, when set, its accent
/// colour, made readable on the light and the dark background.
fn theme_css(info: &EngagementInfo) -> String {
    let size = match paper(info) {
        Paper::A4 => "A4",
        Paper::Letter => "letter",
    };
    let mut css = format!("@page {{ size: {size}; margin: 16mm 14mm; }}");
    if let Some(rgb) = info.site.accent.as_ref().and_then(|a| parse_hex(&a.value)) {
        // Links are on the page (--bg) and on panels (--panel: the header, cards).
        let light = readable_on(rgb, &[[255, 255, 255], [245, 247, 250]], [0, 0, 0]);
        let dark = readable_on(rgb, &[[20, 23, 28], [28, 32, 40]], [255, 255, 255]);
        css.push_str(&format!(
            " :root {{ --accent: {}; --bar: {}; }} @media (prefers-color-scheme: dark) {{ :root {{ --accent: {}; --bar: {}; }} }}",
            hex(light),
            hex(light),
            hex(dark),
            hex(dark)
        ));
    }
    css
}

fn parse_hex(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

fn hex(rgb: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2])
}

/// WCAG relative luminance.
fn luminance(rgb: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])
}

/// WCAG contrast ratio of two colours (1 to 21).
pub(super) fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The colour, mixed step by step towards `toward` until it reaches a contrast of 4.5
/// (WCAG AA for text) on every one of `backgrounds`.
pub(super) fn readable_on(rgb: [u8; 3], backgrounds: &[[u8; 3]], toward: [u8; 3]) -> [u8; 3] {
    let mut colour = rgb;
    for step in 0..=20 {
        let t = f64::from(step) / 20.0;
        colour = [0, 1, 2]
            .map(|i| (f64::from(rgb[i]) * (1.0 - t) + f64::from(toward[i]) * t).round() as u8);
        if backgrounds.iter().all(|b| contrast(colour, *b) >= 4.5) {
            break;
        }
    }
    colour
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

/// The sections in the navigation, then search, as the registry declares them: the
/// sponsor's site has no sessions and no lessons.
fn nav(v: &Views, audience: Audience) -> Vec<NavItem> {
    Section::ALL
        .into_iter()
        .filter(|section| section.index().for_audience(audience))
        .map(|section| NavItem {
            key: section.name(),
            url: section.index().path(),
            label: v.t(section.label()),
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
        audience_label: v.t(match options.audience {
            Audience::Coach => Word::AudienceCoach,
            Audience::Client => Word::AudienceClient,
            Audience::Sponsor => Word::AudienceSponsor,
        }),
        canonical_base,
        practice_home: options.practice_home.clone(),
        nav: nav(v, options.audience),
        shared: v.sharing,
        empty: v.empty_lists(),
        logo: info.site.logo.as_ref().map(|l| l.value.clone()),
        paper: match paper(info) {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        },
        theme_css: theme_css(info),
        engagement: EngagementView {
            title: info.title.clone(),
            client: info.client.clone(),
            coach: info.coach.clone(),
            sponsor: info.sponsor.clone(),
            kind_label: v.t(match info.kind {
                Kind::Team => Word::KindTeam,
                Kind::Individual => Word::KindIndividual,
            }),
            period,
            context_html: info
                .context
                .as_deref()
                .map(|c| v.html(c, "engagement.yaml", "")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accent_colours_are_made_readable() {
        let (white, black) = ([255, 255, 255], [0, 0, 0]);
        assert!((contrast(white, black) - 21.0).abs() < 1e-9);
        assert!((contrast(white, white) - 1.0).abs() < 1e-9);
        // #0e7490 is readable on white as it is, and is kept.
        assert_eq!(readable_on([14, 116, 144], &[white], black), [14, 116, 144]);
        // Yellow on white (1.07:1) is darkened until it reaches 4.5:1.
        let yellow = readable_on([255, 221, 0], &[white], black);
        assert!(contrast(yellow, white) >= 4.5 && yellow != [255, 221, 0]);
        // Dark blue on the dark background is lightened.
        let dark_bg = [20, 23, 28];
        let navy = readable_on([31, 78, 121], &[dark_bg], white);
        assert!(contrast(navy, dark_bg) >= 4.5);
        // The example's teal, lightened for the dark page, reaches 4.5:1 on the dark
        // panels (the header's links) too, not only on the page.
        let panel = [28, 32, 40];
        let teal = readable_on([14, 116, 144], &[dark_bg, panel], white);
        assert!(contrast(teal, panel) >= 4.5 && contrast(teal, dark_bg) >= 4.5);
        assert_eq!(parse_hex("#0E7490"), Some([14, 116, 144]));
        assert_eq!(parse_hex("0e7490"), None);
        assert_eq!(hex([14, 116, 144]), "#0e7490");
    }
}
