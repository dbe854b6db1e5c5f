//! Cross-file checks once everything is read: ids, duplicates, references between
//! files, levels on the scale, dates in order, the ZPD settings.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::dates::{check_action_dates, check_objective_dates, check_period};
use super::files::Quoter;
use super::yaml::key_pos;
use crate::diagnostic::{Diagnostic, Diagnostics, did_you_mean};
use crate::limits;
use crate::model::placeholders;
use crate::model::*;

/// Checks an id: lower-case letters, digits and `-` only.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A valid id close to `text`, for suggestions ("Sprint Goals" → "sprint-goals").
pub fn suggest_id(text: &str) -> String {
    crate::model::slug_id(text)
}

pub(super) const ID_HELP: &str = "ids use lower-case letters, digits and - only";

/// What could not be read, so that references to it are not reported as missing.
pub(super) struct Unreadable {
    pub(super) objectives: Vec<String>,
    pub(super) plan: bool,
}

/// The ids a reference may point to, from every file read (and, for objectives, from
/// the files that could not be read, so that references to them are not reported).
struct Ids<'a> {
    competencies: Vec<&'a str>,
    members: Vec<&'a str>,
    objectives: Vec<&'a str>,
    actions: Vec<&'a str>,
}

const COMPETENCIES_HELP: &str = "engagement.yaml under `competencies`";

/// Cross-file checks: ids, duplicates, references, levels on the scale.
pub(super) fn check_engagement(
    e: &Engagement,
    info_text: &str,
    unreadable: &Unreadable,
    diags: &mut Diagnostics,
) {
    let mut q = Quoter::new(&e.root);
    q.knows("engagement.yaml", info_text);
    let info = &e.info;
    check_scale(&mut q, &info.scale, diags);
    check_scale_noise(&mut q, &info.scale, diags);
    check_period(&mut q, info, diags);
    check_site(&mut q, &e.root, &info.site, diags);
    super::folders::check(&e.root, &info.folders, &mut q, diags);
    check_placeholders(&mut q, e, diags);
    check_zpd(&mut q, &info.zpd, diags);
    check_contract(&mut q, &info.contract, diags);
    check_competencies(&mut q, info, diags);
    check_members(&mut q, info, diags);
    // Duplicate ids across files of one kind (possible with sub-folders).
    duplicate_files(
        diags,
        "objective",
        e.objectives.iter().map(|o| (&o.id, &o.source)),
    );
    duplicate_files(
        diags,
        "assessment",
        e.assessments.iter().map(|a| (&a.id, &a.source)),
    );
    duplicate_files(
        diags,
        "session",
        e.sessions.iter().map(|s| (&s.id, &s.source)),
    );
    duplicate_files(
        diags,
        "lesson",
        e.lessons.iter().map(|l| (&l.id, &l.source)),
    );
    duplicate_files(
        diags,
        "survey",
        e.surveys.iter().map(|s| (&s.id, &s.source)),
    );
    let ids = Ids {
        competencies: info
            .competencies
            .iter()
            .map(|c| c.id.value.as_str())
            .collect(),
        members: info.members.iter().map(|m| m.id.value.as_str()).collect(),
        objectives: e
            .objectives
            .iter()
            .map(|o| o.id.as_str())
            .chain(unreadable.objectives.iter().map(String::as_str))
            .collect(),
        actions: e.plan.actions.iter().map(|a| a.id.value.as_str()).collect(),
    };
    check_objective_dates(&mut q, e, diags);
    for o in &e.objectives {
        for c in &o.front.competencies {
            let file = &o.source.path;
            check_ref(
                &mut q,
                diags,
                file,
                c,
                &ids.competencies,
                "competency",
                COMPETENCIES_HELP,
            );
        }
    }
    for a in &e.assessments {
        check_assessment(&mut q, a, &e.info.scale, &ids, diags);
    }
    for s in &e.surveys {
        check_survey(&mut q, s, &ids, diags);
    }
    check_actions(&mut q, e, &ids, diags);
    check_notes(&mut q, e, &ids, unreadable, diags);
}

/// The scale: bounded, short, min below max, one label per level.
fn check_scale(q: &mut Quoter, scale: &Scale, diags: &mut Diagnostics) {
    let eng = "engagement.yaml";
    let (min, max) = (scale.min.value, scale.max.value);
    let bound = limits::MAX_SCALE_BOUND;
    if let Some(far) = [&scale.min, &scale.max]
        .into_iter()
        .find(|v| !(-bound..=bound).contains(&v.value))
    {
        diags.push(
            q.at(
                Diagnostic::error(
                    eng,
                    format!("the scale's levels lie between -{bound} and {bound}"),
                )
                .with_help("competency scales are short, e.g. min: 1 and max: 5"),
                far.pos,
            ),
        );
    } else if max > min && max - min + 1 > limits::MAX_SCALE_LEVELS {
        diags.push(
            q.at(
                Diagnostic::error(
                    eng,
                    format!(
                        "a scale of {} levels is too long: at most {}",
                        max - min + 1,
                        limits::MAX_SCALE_LEVELS
                    ),
                )
                .with_help("competency scales are short, e.g. min: 1 and max: 5"),
                scale.max.pos,
            ),
        );
    } else if min >= max {
        diags.push(
            q.at(
                Diagnostic::error(
                    eng,
                    format!("the scale's min ({min}) must be below its max ({max})"),
                )
                .with_help("e.g. min: 1 and max: 5"),
                scale.max.pos,
            ),
        );
    } else if let Some(labels) = &scale.labels
        && !labels.value.is_empty()
        && labels.value.len() as i64 != max - min + 1
    {
        diags.push(
            q.at(
                Diagnostic::error(
                    eng,
                    format!(
                        "the scale has {} levels ({min}…{max}) but {} labels",
                        max - min + 1,
                        labels.value.len()
                    ),
                )
                .with_help("give one label per level, from min to max, or no labels"),
                labels.pos,
            ),
        );
    }
}

/// The scale's `reliability` and `sd`, for reliable change: within their bounds.
fn check_scale_noise(q: &mut Quoter, scale: &Scale, diags: &mut Diagnostics) {
    let span = scale.max.value.saturating_sub(scale.min.value).max(1) as f64;
    for (name, value, (lo, hi), help) in [
        (
            "scale.reliability",
            &scale.reliability,
            limits::RELIABILITY,
            "leave it out to use the default of 0.8",
        ),
        (
            "scale.sd",
            &scale.sd,
            (0.01, span),
            "leave it out to use the spread of a rating given at random on the scale",
        ),
    ] {
        if let Some(v) = value
            && !(v.value.is_finite() && (lo..=hi).contains(&v.value))
        {
            diags.push(
                q.at(
                    Diagnostic::error(
                        "engagement.yaml",
                        format!("`{name}` must be between {lo} and {hi}"),
                    )
                    .with_help(help),
                    v.pos,
                ),
            );
        }
    }
}

/// The site's branding: an accent colour written `#rrggbb`, a logo that is a file in
/// `static/`.
fn check_site(q: &mut Quoter, root: &Path, site: &SiteSettings, diags: &mut Diagnostics) {
    let eng = "engagement.yaml";
    if let Some(accent) = &site.accent {
        let hex = accent.value.strip_prefix('#').unwrap_or("");
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            diags.push(
                q.at(
                    Diagnostic::error(eng, format!("`{}` is not a colour", accent.value))
                        .with_help("write the accent colour as #rrggbb, e.g. accent: \"#1f5fbf\""),
                    accent.pos,
                ),
            );
        }
    }
    if let Some(logo) = &site.logo {
        let safe = !logo.value.is_empty()
            && !logo.value.starts_with('/')
            && !logo.value.contains('\\')
            && logo
                .value
                .split('/')
                .all(|part| part != ".." && part != ".");
        if !safe || !root.join("static").join(&logo.value).is_file() {
            diags.push(q.at(
                Diagnostic::error(eng, format!("there is no static/{}", logo.value))
                    .with_help("put the logo in the static/ folder and give its path there, e.g. logo: logo.svg"),
                logo.pos,
            ));
        }
    }
}

/// Placeholders that `coachsite new` wrote and that are still there (the coach's name,
/// the client, the first objective…): a warning each, so they are never published.
fn check_placeholders(q: &mut Quoter, e: &Engagement, diags: &mut Diagnostics) {
    let info = &e.info;
    let eng = "engagement.yaml";
    let mut warn = |q: &mut Quoter, file: &str, text: &str, pos: Pos| {
        diags.push(
            q.at(
                Diagnostic::warning(
                    file,
                    format!("`{text}` is a placeholder written by `coachsite new`"),
                )
                .with_help("replace it with the real text before you publish the site"),
                pos,
            ),
        );
    };
    let info_text = q.text(eng);
    let fields = [
        ("title", Some(info.title.as_str())),
        ("client", Some(info.client.as_str())),
        ("coach", Some(info.coach.as_str())),
        ("sponsor", info.sponsor.as_deref()),
    ];
    for (key, value) in fields {
        if let Some(value) = value.filter(|v| placeholders::is_placeholder(v)) {
            warn(q, eng, value, key_pos(&info_text, key));
        }
    }
    for c in info
        .competencies
        .iter()
        .filter(|c| placeholders::is_placeholder(&c.name))
    {
        warn(q, eng, &c.name, c.id.pos);
    }
    for m in info
        .members
        .iter()
        .filter(|m| placeholders::is_placeholder(&m.name))
    {
        warn(q, eng, &m.name, m.id.pos);
    }
    for o in e
        .objectives
        .iter()
        .filter(|o| placeholders::is_placeholder(&o.front.title))
    {
        let text = q.text(&o.source.path);
        warn(q, &o.source.path, &o.front.title, key_pos(&text, "title"));
    }
}

/// Competencies: valid, unique ids and targets on the scale.
fn check_competencies(q: &mut Quoter, info: &EngagementInfo, diags: &mut Diagnostics) {
    let eng = "engagement.yaml";
    let mut seen = BTreeSet::new();
    for c in &info.competencies {
        check_id(q, diags, eng, &c.id, "competency");
        if !seen.insert(c.id.value.as_str()) {
            diags.push(
                q.at(
                    Diagnostic::error(
                        eng,
                        format!("the competency `{}` is listed twice", c.id.value),
                    )
                    .with_help("give each competency its own id"),
                    c.id.pos,
                ),
            );
        }
        check_level(q, diags, eng, &info.scale, &c.target, "target level");
    }
}

/// Members: valid, unique ids.
fn check_members(q: &mut Quoter, info: &EngagementInfo, diags: &mut Diagnostics) {
    let eng = "engagement.yaml";
    let mut seen = BTreeSet::new();
    for m in &info.members {
        check_id(q, diags, eng, &m.id, "member");
        if !seen.insert(m.id.value.as_str()) {
            diags.push(
                q.at(
                    Diagnostic::error(eng, format!("the member `{}` is listed twice", m.id.value))
                        .with_help("give each member their own id"),
                    m.id.pos,
                ),
            );
        }
    }
}

/// An assessment rates known competencies, on the scale, and names known members.
fn check_assessment(
    q: &mut Quoter,
    a: &Assessment,
    scale: &Scale,
    ids: &Ids,
    diags: &mut Diagnostics,
) {
    let file = a.source.path.as_str();
    let mut ratings = |ratings: &BTreeMap<At<String>, At<i64>>, q: &mut Quoter| {
        for (competency, level) in ratings {
            check_ref(
                q,
                diags,
                file,
                competency,
                &ids.competencies,
                "competency",
                COMPETENCIES_HELP,
            );
            check_level(q, diags, file, scale, level, "level");
        }
    };
    ratings(&a.front.ratings, q);
    for member_ratings in a.front.members.values() {
        ratings(member_ratings, q);
    }
    for member in a.front.members.keys() {
        check_ref(
            q,
            diags,
            file,
            member,
            &ids.members,
            "member",
            "engagement.yaml under `members`",
        );
    }
}

/// A survey: rater groups written as ids, known objectives, ratings from −3 to +3.
fn check_survey(q: &mut Quoter, s: &Survey, ids: &Ids, diags: &mut Diagnostics) {
    let file = s.source.path.as_str();
    for answer in &s.front.answers {
        check_id(q, diags, file, &answer.group, "rater group");
        for (objective, rating) in &answer.ratings {
            check_ref(
                q,
                diags,
                file,
                objective,
                &ids.objectives,
                "objective",
                "objectives/",
            );
            if !(PULSE_MIN..=PULSE_MAX).contains(&rating.value) {
                diags.push(
                    q.at(
                        Diagnostic::error(
                            file,
                            format!(
                                "the rating {} is off the pulse's scale ({PULSE_MIN}…+{PULSE_MAX})",
                                rating.value
                            ),
                        )
                        .with_help(
                            "rate from -3 (much worse) through 0 (no change) to 3 (much better)",
                        ),
                        rating.pos,
                    ),
                );
            }
        }
    }
}

/// The plan's actions: valid, unique ids, known objectives, dates in order, and a
/// `done:` date exactly when the status is `done`.
fn check_actions(q: &mut Quoter, e: &Engagement, ids: &Ids, diags: &mut Diagnostics) {
    let plan = "plan.yaml";
    let mut seen = BTreeSet::new();
    for action in &e.plan.actions {
        check_id(q, diags, plan, &action.id, "action");
        if !seen.insert(action.id.value.as_str()) {
            diags.push(
                q.at(
                    Diagnostic::error(
                        plan,
                        format!("two actions have the id `{}`", action.id.value),
                    )
                    .with_help("give each action its own id"),
                    action.id.pos,
                ),
            );
        }
        if let Some(objective) = &action.objective {
            check_ref(
                q,
                diags,
                plan,
                objective,
                &ids.objectives,
                "objective",
                "objectives/",
            );
        }
        check_action_dates(q, action, diags);
        match (action.status, &action.done) {
            (ActionStatus::Done, None) => diags.push(q.at(
                Diagnostic::error(plan, format!("the action `{}` is done but has no `done:` date", action.id.value))
                    .with_help("add `done: YYYY-MM-DD`, the day it was done (commitment is computed from it)"),
                action.id.pos,
            )),
            (status, Some(done)) if status != ActionStatus::Done => diags.push(q.at(
                Diagnostic::error(plan, format!("the action `{}` has a `done:` date but its status is not `done`", action.id.value))
                    .with_help("set `status: done`, or remove the `done:` date"),
                done.pos,
            )),
            _ => {}
        }
    }
}

/// Session notes and lessons name known objectives and actions (actions only when the
/// plan could be read).
fn check_notes(
    q: &mut Quoter,
    e: &Engagement,
    ids: &Ids,
    unreadable: &Unreadable,
    diags: &mut Diagnostics,
) {
    for s in &e.sessions {
        let file = s.source.path.as_str();
        for o in &s.front.objectives {
            check_ref(
                q,
                diags,
                file,
                o,
                &ids.objectives,
                "objective",
                "objectives/",
            );
        }
        for key in s.front.measured.keys() {
            let objective = At::new(measured_key(&key.value).0.to_string(), key.pos);
            check_ref(
                q,
                diags,
                file,
                &objective,
                &ids.objectives,
                "objective",
                "objectives/",
            );
        }
        for a in s.front.actions.iter().filter(|_| !unreadable.plan) {
            check_ref(q, diags, file, a, &ids.actions, "action", "plan.yaml");
        }
    }
    for l in &e.lessons {
        for o in &l.front.objectives {
            let file = &l.source.path;
            check_ref(
                q,
                diags,
                file,
                o,
                &ids.objectives,
                "objective",
                "objectives/",
            );
        }
    }
}

/// The measurements recorded in session notes (`measured:`) join their objectives'
/// series on the session's date, with a link back to the session. The same objective
/// measured twice on one date is an error that names both places. Unknown objectives are
/// reported by [`check_engagement`].
pub(super) fn merge_measured(e: &mut Engagement, diags: &mut Diagnostics) {
    let root = e.root.clone();
    let mut q = Quoter::new(&root);
    // (`measured:` key, date, file) of every measurement so far.
    let mut taken: Vec<(String, Date, String)> = Vec::new();
    for o in &e.objectives {
        let file = &o.source.path;
        taken.extend(
            o.front
                .measurements
                .iter()
                .map(|m| (o.id.clone(), m.date, file.clone())),
        );
        for kr in &o.front.key_results {
            let key = format!("{}#{}", o.id, kr.id.value);
            taken.extend(
                kr.measurements
                    .iter()
                    .map(|m| (key.clone(), m.date, file.clone())),
            );
        }
    }
    for s in &e.sessions {
        for (id, value) in &s.front.measured {
            let (objective, result) = measured_key(&id.value);
            let Some(o) = e.objectives.iter_mut().find(|o| o.id == objective) else {
                continue;
            };
            let series = match result {
                None if o.front.key_results.is_empty() => &mut o.front.measurements,
                Some(r) => match o.front.key_results.iter_mut().find(|k| k.id.value == r) {
                    Some(kr) => &mut kr.measurements,
                    None => continue,
                },
                // Reported by `check_measured_key`.
                None => continue,
            };
            let date = s.front.date;
            if let Some((_, _, there)) = taken.iter().find(|(i, d, _)| *i == id.value && *d == date)
            {
                diags.push(
                    q.at(
                        Diagnostic::error(
                            &s.source.path,
                            format!(
                                "`{}` is measured twice on {date}: here and in {there}",
                                id.value
                            ),
                        )
                        .with_help("keep one of the two measurements"),
                        id.pos,
                    ),
                );
                continue;
            }
            taken.push((id.value.clone(), date, s.source.path.clone()));
            series.push(Measurement {
                date,
                value: value.clone(),
                note: None,
                session: Some(s.id.clone()),
            });
        }
    }
    for o in &mut e.objectives {
        o.front.measurements.sort_by_key(|m| m.date);
        for kr in &mut o.front.key_results {
            kr.measurements.sort_by_key(|m| m.date);
        }
    }
}

/// `contract:` within its documented ranges ([`limits`]).
pub(super) fn check_contract(q: &mut Quoter, c: &Contract, diags: &mut Diagnostics) {
    let eng = "engagement.yaml";
    let mut out_of_range = |name: &str, range: String, help: &str, pos| {
        diags.push(q.at(
            Diagnostic::error(eng, format!("`contract.{name}` must be {range}")).with_help(help),
            pos,
        ));
    };
    if let Some(s) = &c.sessions
        && !(1..=limits::MAX_CONTRACT_SESSIONS).contains(&s.value)
    {
        let range = format!("between 1 and {}", limits::MAX_CONTRACT_SESSIONS);
        out_of_range(
            "sessions",
            range,
            "the number of sessions agreed, e.g. 10",
            s.pos,
        );
    }
    if let Some(h) = &c.hours
        && !(h.value.is_finite() && h.value > 0.0 && h.value <= limits::MAX_CONTRACT_HOURS)
    {
        let range = format!("more than 0 and at most {}", limits::MAX_CONTRACT_HOURS);
        out_of_range(
            "hours",
            range,
            "the hours of coaching agreed, e.g. 15 or 7.5",
            h.pos,
        );
    }
    if let Some(d) = &c.cadence_days
        && !(1..=limits::MAX_CADENCE_DAYS).contains(&d.value)
    {
        let range = format!("between 1 and {}", limits::MAX_CADENCE_DAYS);
        out_of_range(
            "cadence_days",
            range,
            "a session every this many days, e.g. 14 for every second week",
            d.pos,
        );
    }
}

/// The ZPD calibration within its documented ranges ([`limits`]).
pub(super) fn check_zpd(q: &mut Quoter, zpd: &Zpd, diags: &mut Diagnostics) {
    let eng = "engagement.yaml";
    let (lo, hi) = limits::STALLED_AFTER_DAYS;
    let days = &zpd.stalled_after_days;
    if !(lo..=hi).contains(&days.value) {
        diags.push(
            q.at(
                Diagnostic::error(
                    eng,
                    format!("`zpd.stalled_after_days` must be between {lo} and {hi}"),
                )
                .with_help("leave it out to use the default of 30 days"),
                days.pos,
            ),
        );
    }
    for (name, value, (lo, hi)) in [
        (
            "zpd.max_levels_per_month",
            &zpd.max_levels_per_month,
            limits::LEVELS_PER_MONTH,
        ),
        (
            "zpd.max_pace_ratio",
            &zpd.max_pace_ratio,
            limits::PACE_RATIO,
        ),
    ] {
        if !(value.value.is_finite() && (lo..=hi).contains(&value.value)) {
            diags.push(
                q.at(
                    Diagnostic::error(eng, format!("`{name}` must be between {lo} and {hi}"))
                        .with_help("leave it out to use the default"),
                    value.pos,
                ),
            );
        }
    }
}

pub(super) fn check_id(
    q: &mut Quoter,
    diags: &mut Diagnostics,
    file: &str,
    id: &At<String>,
    what: &str,
) {
    if !is_valid_id(&id.value) {
        diags.push(
            q.at(
                Diagnostic::error(file, format!("`{}` is not a valid {what} id", id.value))
                    .with_help(format!("{ID_HELP}, e.g. `{}`", suggest_id(&id.value))),
                id.pos,
            ),
        );
    }
}

pub(super) fn check_level(
    q: &mut Quoter,
    diags: &mut Diagnostics,
    file: &str,
    scale: &Scale,
    level: &At<i64>,
    what: &str,
) {
    let (min, max) = (scale.min.value, scale.max.value);
    if min < max && !scale.levels().contains(&level.value) {
        diags.push(
            q.at(
                Diagnostic::error(
                    file,
                    format!(
                        "the {what} {} is off the scale ({}…{})",
                        level.value, min, max
                    ),
                )
                .with_help("use a level of the scale defined in engagement.yaml"),
                level.pos,
            ),
        );
    }
}

pub(super) fn check_ref(
    q: &mut Quoter,
    diags: &mut Diagnostics,
    file: &str,
    reference: &At<String>,
    known: &[&str],
    what: &str,
    defined_in: &str,
) {
    if known.contains(&reference.value.as_str()) {
        return;
    }
    let help = match did_you_mean(&reference.value, known.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None if known.is_empty() => format!("no {what} is defined yet: add it in {defined_in}"),
        None => format!(
            "known {what} ids: {} (defined in {defined_in})",
            known.join(", ")
        ),
    };
    diags.push(
        q.at(
            Diagnostic::error(file, format!("there is no {what} `{}`", reference.value))
                .with_help(help),
            reference.pos,
        ),
    );
}

pub(super) fn duplicate_files<'a>(
    diags: &mut Diagnostics,
    what: &str,
    items: impl Iterator<Item = (&'a String, &'a Source)>,
) {
    let mut by_id: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, source) in items {
        by_id.entry(id).or_default().push(&source.path);
    }
    for (id, mut files) in by_id {
        if files.len() > 1 {
            files.sort();
            diags.push(
                Diagnostic::error(
                    files[1],
                    format!(
                        "two {what} files have the id `{id}`: {}",
                        files.join(" and ")
                    ),
                )
                .with_help("ids come from file names, with spaces, capitals and accents made into a slug: rename one of the files"),
            );
        }
    }
}
