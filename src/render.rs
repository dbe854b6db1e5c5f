//! Pages from templates: builds one view of each item once, then renders every page
//! in parallel with Tera.
//!
//! The built-in templates are embedded in the binary; a file of the same name in the
//! engagement's `templates/` folder replaces one of them (extra `.html` files there can
//! be included by the overrides). Every link is relative to the page, so the site works
//! from `file://`, at `/` and under any sub-path.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::audience::Audience;
use crate::charts::{self, Chart, DataTable, Ink};
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::explain::Explainer;
use crate::i18n::{self, format_change, format_date, format_number, format_percent, format_value};
use crate::insight::{self, CommitmentBand, Flag, Insight, ObjectiveInsight, Severity, Tracking};
use crate::load::{read_text, walk_files};
use crate::markdown::{self, slug};
use crate::model::*;

/// The built-in templates, by file name.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    (
        "dashboard.html",
        include_str!("../templates/dashboard.html"),
    ),
    (
        "objectives.html",
        include_str!("../templates/objectives.html"),
    ),
    (
        "objective.html",
        include_str!("../templates/objective.html"),
    ),
    (
        "assessments.html",
        include_str!("../templates/assessments.html"),
    ),
    (
        "assessment.html",
        include_str!("../templates/assessment.html"),
    ),
    ("plan.html", include_str!("../templates/plan.html")),
    ("sessions.html", include_str!("../templates/sessions.html")),
    ("session.html", include_str!("../templates/session.html")),
    ("lessons.html", include_str!("../templates/lessons.html")),
    ("lesson.html", include_str!("../templates/lesson.html")),
    ("tag.html", include_str!("../templates/tag.html")),
    ("members.html", include_str!("../templates/members.html")),
    ("findings.html", include_str!("../templates/findings.html")),
    ("chart.html", include_str!("../templates/chart.html")),
    ("report.html", include_str!("../templates/report.html")),
];

/// The built-in style sheet.
pub const BUILTIN_STYLE: &str = include_str!("../templates/style.css");

/// What a build is for.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub audience: Audience,
    pub as_of: Date,
    /// Only used for `<link rel="canonical">` when it is an absolute `http(s)` URL;
    /// links between pages are relative and work under any base.
    pub base_url: Option<String>,
    /// For the sponsor: figures over what the client sees.
    pub aggregates: Option<Aggregates>,
}

/// The figures a sponsor sees about items they may not see one by one (SPEC §5:
/// attendance counts, commitment rate, GAS T-score), computed over the client's view.
#[derive(Debug, Clone)]
pub struct Aggregates {
    pub commitment: insight::Commitment,
    pub gas_t_score: Option<f64>,
    pub sessions: usize,
    pub minutes: u64,
}

impl Aggregates {
    /// The aggregates of an engagement as the client sees it.
    pub fn of(client_view: &Engagement, as_of: Date) -> Aggregates {
        let insight = insight::analyze(client_view, as_of);
        let held: Vec<&Session> = client_view
            .sessions
            .iter()
            .filter(|s| s.front.date <= as_of)
            .collect();
        Aggregates {
            commitment: insight.commitment,
            gas_t_score: insight.gas_t_score,
            sessions: held.len(),
            minutes: held
                .iter()
                .filter_map(|s| s.front.duration.as_ref().map(|d| d.value))
                .map(u64::from)
                .sum(),
        }
    }
}

/// One file of the finished site, relative to the output folder (with `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The templates in use: the built-in ones with the engagement's overrides.
pub struct Theme {
    pub tera: Tera,
    pub style: String,
}

/// Loads the built-in templates and the engagement's overrides from `root/templates`.
pub fn load_theme(root: &Path) -> Result<(Theme, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut templates: BTreeMap<String, String> = BUILTIN_TEMPLATES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string()))
        .collect();
    let mut style = BUILTIN_STYLE.to_string();
    let dir = root.join("templates");
    if dir.is_dir() {
        let (paths, errors) = walk_files(root, &dir);
        diags.items.extend(errors);
        for path in paths {
            let name = display_path(&dir, &path);
            let text = match read_text(root, &path) {
                Ok(text) => text,
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            };
            if name == "style.css" {
                style = text;
            } else if name.ends_with(".html") {
                templates.insert(name, text);
            } else {
                diags.push(
                    Diagnostic::warning(display_path(root, &path), "this file is ignored")
                        .with_help("templates/ holds .html templates and style.css; put other files in static/"),
                );
            }
        }
    }
    let mut tera = Tera::new();
    if let Err(err) =
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
    {
        diags.push(template_error(&err));
    }
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    Ok((Theme { tera, style }, diags))
}

fn template_error(err: &tera::Error) -> Diagnostic {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        message.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    Diagnostic::error("templates/", format!("template error: {message}"))
        .with_help("fix the template named above (a template in templates/ replaces the built-in one of the same name)")
}

// ---------------------------------------------------------------------------------
// Views: what the templates see. Built once per item, shared by every page using it.
// ---------------------------------------------------------------------------------

#[derive(Serialize, Clone)]
struct Link {
    title: String,
    url: String,
    date: String,
}

#[derive(Serialize)]
struct NavItem {
    key: &'static str,
    url: &'static str,
    label: &'static str,
}

#[derive(Serialize)]
struct SiteView {
    title: String,
    lang: &'static str,
    as_of: String,
    audience: &'static str,
    audience_label: &'static str,
    canonical_base: Option<String>,
    nav: Vec<NavItem>,
    engagement: EngagementView,
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

#[derive(Serialize)]
struct MeasureView {
    metric: String,
    baseline: Option<String>,
    target: Option<String>,
    direction_label: Option<&'static str>,
}

#[derive(Serialize)]
struct GasLevelView {
    label: String,
    text: String,
    current: bool,
}

#[derive(Serialize)]
struct ValueRow {
    date: String,
    value: String,
    note: Option<String>,
}

#[derive(Serialize)]
struct MilestoneRow {
    date: String,
    target: String,
    note: Option<String>,
}

#[derive(Serialize)]
struct CompetencyLink {
    name: String,
    url: String,
}

#[derive(Serialize, Clone)]
struct ActionLink {
    title: String,
    url: String,
    status: &'static str,
    status_label: &'static str,
    due: Option<String>,
}

#[derive(Serialize)]
struct ObjectiveView {
    coach_only: bool,
    id: String,
    url: String,
    title: String,
    status: &'static str,
    status_label: &'static str,
    specific: Option<String>,
    achievable: Option<String>,
    relevant: Option<String>,
    measure: Option<MeasureView>,
    gas: Vec<GasLevelView>,
    start: Option<String>,
    due: Option<String>,
    progress_pct: Option<u32>,
    progress_text: Option<String>,
    latest_text: Option<String>,
    tracking: &'static str,
    tracking_label: &'static str,
    forecast: Option<String>,
    trend_text: Option<String>,
    adherence_text: Option<String>,
    pace_text: Option<String>,
    smart: Vec<SmartView>,
    zpd: Vec<SentenceView>,
    findings: Vec<FindingView>,
    chart: Option<String>,
    sparkline: Option<String>,
    target_text: Option<String>,
    measurements: Vec<ValueRow>,
    milestones: Vec<MilestoneRow>,
    competencies: Vec<CompetencyLink>,
    body_html: String,
    actions: Vec<ActionLink>,
    sessions: Vec<Link>,
    lessons: Vec<Link>,
}

#[derive(Serialize)]
struct SmartView {
    letter: char,
    pass: bool,
    reasons: String,
}

#[derive(Serialize, Clone)]
struct SentenceView {
    message: String,
    suggestion: Option<String>,
}

#[derive(Serialize, Clone)]
struct FindingView {
    severity: &'static str,
    severity_label: &'static str,
    message: String,
    suggestion: Option<String>,
}

#[derive(Serialize)]
struct ReviewView {
    date: String,
    status_label: &'static str,
    note: Option<String>,
}

#[derive(Serialize)]
struct ActionView {
    coach_only: bool,
    anchor: String,
    title: String,
    owner: Option<String>,
    agreed: Option<String>,
    due: Option<String>,
    done: Option<String>,
    note: Option<String>,
    objective: Option<Link>,
    reviews: Vec<ReviewView>,
    sessions: Vec<Link>,
}

#[derive(Serialize)]
struct ActionGroup {
    status: &'static str,
    label: &'static str,
    actions: Vec<ActionView>,
}

#[derive(Serialize)]
struct RatingView {
    name: String,
    value: String,
}

#[derive(Serialize)]
struct SessionView {
    /// Only the coach may see it (visibility coach, or sensitive).
    coach_only: bool,
    url: String,
    title: String,
    date: String,
    duration: Option<String>,
    attendees: Vec<String>,
    techniques: Vec<String>,
    objectives: Vec<Link>,
    actions: Vec<Link>,
    ratings: Vec<RatingView>,
    lessons: Vec<String>,
    body_html: String,
    private_html: Option<String>,
    prev: Option<Link>,
    next: Option<Link>,
}

#[derive(Serialize, Clone)]
struct TagLink {
    name: String,
    url: String,
}

#[derive(Serialize)]
struct LessonView {
    coach_only: bool,
    url: String,
    title: String,
    date: Option<String>,
    tags: Vec<TagLink>,
    objectives: Vec<Link>,
    body_html: String,
}

#[derive(Serialize)]
struct Crumb {
    label: &'static str,
    url: &'static str,
}

/// One page to render.
struct PageJob {
    path: String,
    template: &'static str,
    current: &'static str,
    crumbs: Vec<Crumb>,
    page: Value,
}

/// Helpers shared while building views: language, lookups of titles and urls.
struct Views<'a> {
    e: &'a Engagement,
    lang: Language,
    insight: &'a Insight,
    words: Explainer<'a>,
    /// Findings (flags) are for the coach's eyes only.
    findings: bool,
}

impl Views<'_> {
    fn date(&self, date: Date) -> String {
        format_date(date, self.lang)
    }

    fn t(&self, key: &str) -> &'static str {
        i18n::text(self.lang, key)
    }

    fn objective_link(&self, id: &str) -> Option<Link> {
        self.e.objective(id).map(|o| Link {
            title: o.title().to_string(),
            url: objective_url(id),
            date: String::new(),
        })
    }

    fn action_link(&self, id: &str) -> Option<Link> {
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

    fn session_link(&self, s: &Session) -> Link {
        Link {
            title: s.front.title.clone(),
            url: format!("sessions/{}.html", s.id),
            date: self.date(s.front.date),
        }
    }

    fn lesson_link(&self, l: &Lesson) -> Link {
        Link {
            title: l.front.title.clone(),
            url: format!("lessons/{}.html", l.id),
            date: l.front.date.map(|d| self.date(d)).unwrap_or_default(),
        }
    }

    fn action_status(&self, status: ActionStatus) -> (&'static str, &'static str) {
        let key = match status {
            ActionStatus::Open => "open",
            ActionStatus::Done => "done",
            ActionStatus::Blocked => "blocked",
            ActionStatus::Dropped => "dropped",
        };
        (key, self.t(&format!("action_{key}")))
    }

    fn action_short(&self, a: &Action) -> ActionLink {
        let (status, status_label) = self.action_status(a.status);
        ActionLink {
            title: a.title.clone(),
            url: action_url(&a.id.value),
            status,
            status_label,
            due: a.due.map(|d| self.date(d)),
        }
    }

    fn gas_label(&self, level: f64) -> String {
        if level > 0.0 {
            format!("+{}", format_number(level, self.lang))
        } else if level < 0.0 {
            format!("−{}", format_number(-level, self.lang))
        } else {
            "0".to_string()
        }
    }

    fn objective(&self, o: &Objective) -> ObjectiveView {
        let f = &o.front;
        let lang = self.lang;
        let unit = f.measure.as_ref().and_then(|m| m.unit.as_deref());
        let is_gas = f.gas.is_some();
        let show = |v: f64| {
            if is_gas {
                self.gas_label(v)
            } else {
                format_value(v, unit, lang)
            }
        };
        let status = match f.status {
            ObjectiveStatus::Proposed => "proposed",
            ObjectiveStatus::Active => "active",
            ObjectiveStatus::Achieved => "achieved",
            ObjectiveStatus::Paused => "paused",
            ObjectiveStatus::Dropped => "dropped",
        };
        let oi = self.insight.objective(&o.id);
        let progress = oi.and_then(|i| i.progress);
        let latest = oi.and_then(|i| i.latest);
        let current_gas = latest.filter(|_| is_gas);
        let tracking = oi.map_or(Tracking::NotTracked, |i| i.tracking);
        let max_lpm = self.e.info.zpd.max_levels_per_month.value;
        ObjectiveView {
            coach_only: coach_only(o.visibility, f.sensitive),
            id: o.id.clone(),
            url: objective_url(&o.id),
            title: f.title.clone(),
            status,
            status_label: self.t(&format!("status_{status}")),
            specific: f.specific.clone(),
            achievable: f.achievable.clone(),
            relevant: f.relevant.clone(),
            measure: f.measure.as_ref().map(|m| MeasureView {
                metric: m.metric.clone(),
                baseline: m.baseline.as_ref().map(|b| show(b.value)),
                target: m.target.as_ref().map(|t| show(t.value)),
                direction_label: insight::direction(m).map(|d| match d {
                    Direction::Up => self.t("direction_up"),
                    Direction::Down => self.t("direction_down"),
                }),
            }),
            gas: f
                .gas
                .as_ref()
                .map(|g| {
                    g.value
                        .iter()
                        .rev()
                        .map(|(level, text)| GasLevelView {
                            label: self.gas_label(*level as f64),
                            text: text.clone(),
                            current: current_gas == Some(*level as f64),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            start: f.start.map(|d| self.date(d)),
            due: f.due.map(|d| self.date(d)),
            progress_pct: progress.map(|p| (p * 100.0).round() as u32),
            progress_text: progress.map(|p| format_percent(p, lang)),
            latest_text: latest.map(show),
            tracking: tracking_key(tracking),
            tracking_label: self.words.tracking(tracking),
            forecast: oi.and_then(|i| i.forecast).map(|d| self.date(d)),
            trend_text: oi.and_then(|i| i.trend).map(|t| {
                let change = if is_gas {
                    format_change(t.per_month, None, lang)
                } else {
                    format_change(t.per_month, unit, lang)
                };
                format!("{change} {}", self.t("per_month"))
            }),
            adherence_text: oi.and_then(|i| i.adherence).map(|a| {
                format!(
                    "{} {}",
                    format_percent(a.share, lang),
                    self.t("of_planned_trajectory")
                )
            }),
            pace_text: oi.and_then(|i| i.pace).map(|p| {
                self.words
                    .pace(&o.id, p.finding, p.required_per_month, p.observed_per_month)
            }),
            smart: oi
                .map(|i| {
                    i.smart
                        .iter()
                        .map(|l| SmartView {
                            letter: l.letter,
                            pass: l.pass,
                            reasons: l
                                .reasons
                                .iter()
                                .map(|r| self.words.smart_reason(*r))
                                .collect::<Vec<_>>()
                                .join("; "),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            zpd: oi
                .map(|i| {
                    i.stretches
                        .iter()
                        .map(|st| {
                            let sentence = self.words.stretch(st, max_lpm);
                            SentenceView {
                                message: sentence.message,
                                suggestion: sentence.suggestion,
                            }
                        })
                        .collect()
                })
                .unwrap_or_default(),
            findings: oi.map(|i| self.findings(&i.findings)).unwrap_or_default(),
            chart: oi.and_then(|i| self.progress_chart(o, i)),
            sparkline: oi.and_then(|i| self.sparkline(o, i)),
            target_text: if is_gas {
                Some(self.gas_label(insight::GAS_EXPECTED_LEVEL))
            } else {
                f.measure
                    .as_ref()
                    .and_then(|m| m.target.as_ref())
                    .map(|t| show(t.value))
            },
            measurements: f
                .measurements
                .iter()
                .map(|m| ValueRow {
                    date: self.date(m.date),
                    value: show(m.value.value),
                    note: m.note.clone(),
                })
                .collect(),
            milestones: f
                .milestones
                .iter()
                .map(|m| MilestoneRow {
                    date: self.date(m.date),
                    target: show(m.target.value),
                    note: m.note.clone(),
                })
                .collect(),
            competencies: f
                .competencies
                .iter()
                .filter_map(|c| self.e.competency(&c.value))
                .map(|c| CompetencyLink {
                    name: c.name.clone(),
                    url: competency_url(&c.id.value),
                })
                .collect(),
            body_html: markdown::to_html(&o.body),
            actions: self
                .e
                .plan
                .actions
                .iter()
                .filter(|a| a.objective.as_ref().is_some_and(|r| r.value == o.id))
                .map(|a| self.action_short(a))
                .collect(),
            sessions: self
                .e
                .sessions
                .iter()
                .filter(|s| s.front.objectives.iter().any(|r| r.value == o.id))
                .map(|s| self.session_link(s))
                .collect(),
            lessons: self
                .e
                .lessons
                .iter()
                .filter(|l| l.front.objectives.iter().any(|r| r.value == o.id))
                .map(|l| self.lesson_link(l))
                .collect(),
        }
    }

    /// The measurements an objective's charts show: those on or before the as-of date.
    fn measured(&self, o: &Objective) -> Vec<(Date, f64)> {
        o.front
            .measurements
            .iter()
            .filter(|m| m.date <= self.insight.as_of)
            .map(|m| (m.date, m.value.value))
            .collect()
    }

    fn progress_chart(&self, o: &Objective, oi: &ObjectiveInsight) -> Option<String> {
        let f = &o.front;
        let gas = f.gas.is_some();
        let (baseline, target) = if gas {
            (None, Some(insight::GAS_EXPECTED_LEVEL))
        } else {
            let m = f.measure.as_ref();
            (
                m.and_then(|m| m.baseline.as_ref()).map(|b| b.value),
                m.and_then(|m| m.target.as_ref()).map(|t| t.value),
            )
        };
        let achieved = oi.tracking == Tracking::Achieved;
        let trend = match (oi.trend, oi.latest_date) {
            (Some(t), Some(from)) if !achieved => oi
                .forecast
                .or(f.due)
                .filter(|to| *to > from)
                .map(|to| ((from, t.at(from)), (to, t.at(to)))),
            _ => None,
        };
        let unit = f.measure.as_ref().and_then(|m| m.unit.as_deref());
        let desc = self.words.progress_summary(oi, unit, gas);
        let title = format!("{} · {}", f.title, self.t("progress"));
        let input = charts::ProgressInput {
            id: &o.id,
            measurements: self.measured(o),
            baseline,
            target,
            milestones: f
                .milestones
                .iter()
                .map(|m| (m.date, m.target.value))
                .collect(),
            start: f.start.unwrap_or(self.e.info.start),
            due: f.due,
            as_of: self.insight.as_of,
            trend,
            gas,
            lang: self.lang,
            labels: [
                self.t("baseline"),
                self.t("target"),
                self.t("due"),
                self.t("as_of"),
            ],
            title: &title,
            desc: &desc,
        };
        charts::progress(&input).ok()
    }

    fn sparkline(&self, o: &Objective, oi: &ObjectiveInsight) -> Option<String> {
        let (baseline, target) = insight::span(o)?;
        let points: Vec<(Date, f64)> = self
            .measured(o)
            .into_iter()
            .map(|(d, v)| (d, insight::progress_between(baseline, target, v)))
            .collect();
        if points.is_empty() {
            return None;
        }
        let desc = self.words.progress_summary(
            oi,
            o.front.measure.as_ref().and_then(|m| m.unit.as_deref()),
            o.front.gas.is_some(),
        );
        charts::sparkline(
            &format!("spark-{}", o.id),
            &points,
            &format!("{} · {}", o.front.title, self.t("progress")),
            &desc,
        )
        .ok()
    }

    /// Findings in words, or nothing outside the coach's view.
    fn findings(&self, flags: &[Flag]) -> Vec<FindingView> {
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

    fn action(&self, a: &Action) -> ActionView {
        ActionView {
            coach_only: coach_only(a.resolved_visibility, a.sensitive),
            anchor: format!("action-{}", a.id.value),
            title: a.title.clone(),
            owner: a.owner.clone(),
            agreed: a.agreed.map(|d| self.date(d)),
            due: a.due.map(|d| self.date(d)),
            done: a.done.as_ref().map(|d| self.date(d.value)),
            note: a.note.clone(),
            objective: a
                .objective
                .as_ref()
                .and_then(|o| self.objective_link(&o.value)),
            reviews: a
                .reviews
                .iter()
                .map(|r| ReviewView {
                    date: self.date(r.date),
                    status_label: self.action_status(r.status).1,
                    note: r.note.clone(),
                })
                .collect(),
            sessions: self
                .e
                .sessions
                .iter()
                .filter(|s| s.front.actions.iter().any(|r| r.value == a.id.value))
                .map(|s| self.session_link(s))
                .collect(),
        }
    }

    fn session(&self, index: usize) -> SessionView {
        let s = &self.e.sessions[index];
        let f = &s.front;
        SessionView {
            coach_only: coach_only(s.visibility, f.sensitive),
            url: format!("sessions/{}.html", s.id),
            title: f.title.clone(),
            date: self.date(f.date),
            duration: f
                .duration
                .as_ref()
                .map(|d| format!("{} {}", d.value, self.t("minutes"))),
            attendees: f
                .attendees
                .iter()
                .map(|a| self.e.member_name(a).to_string())
                .collect(),
            techniques: f.techniques.clone(),
            objectives: f
                .objectives
                .iter()
                .filter_map(|o| self.objective_link(&o.value))
                .collect(),
            actions: f
                .actions
                .iter()
                .filter_map(|a| self.action_link(&a.value))
                .collect(),
            ratings: f
                .ratings
                .iter()
                .map(|(name, value)| RatingView {
                    name: name.clone(),
                    value: format_number(value.value, self.lang),
                })
                .collect(),
            lessons: f.lessons.clone(),
            body_html: markdown::to_html(&s.body),
            private_html: f.private.as_deref().map(markdown::to_html),
            prev: index
                .checked_sub(1)
                .map(|i| self.session_link(&self.e.sessions[i])),
            next: self.e.sessions.get(index + 1).map(|n| self.session_link(n)),
        }
    }

    fn lesson(&self, l: &Lesson) -> LessonView {
        LessonView {
            coach_only: coach_only(l.visibility, l.front.sensitive),
            url: format!("lessons/{}.html", l.id),
            title: l.front.title.clone(),
            date: l.front.date.map(|d| self.date(d)),
            tags: l.front.tags.iter().map(|t| tag_link(t)).collect(),
            objectives: l
                .front
                .objectives
                .iter()
                .filter_map(|o| self.objective_link(&o.value))
                .collect(),
            body_html: markdown::to_html(&l.body),
        }
    }
}

/// The radar of competency levels: `compared` (an assessment, or the latest levels)
/// against the first assessment and the targets. `None` with fewer than three
/// competencies (a radar needs three axes) or no assessment.
fn radar_chart(
    v: &Views,
    id: &str,
    compared_name: &str,
    compared: &dyn Fn(&str) -> Option<i64>,
) -> Option<Chart> {
    let e = v.e;
    let comps = &e.info.competencies;
    let first = e.assessments.first()?;
    if comps.len() < 3 {
        return None;
    }
    let scale = &e.info.scale;
    let (min, max) = (scale.min.value as f64, scale.max.value as f64);
    let level = |l: Option<i64>| l.map_or(min, |l| l as f64);
    let baseline_name = first.front.title.clone();
    let series = [
        charts::RadarSeries {
            name: &baseline_name,
            levels: comps
                .iter()
                .map(|c| level(level_of(first, &c.id.value)))
                .collect(),
            ink: Ink::Series(2),
        },
        charts::RadarSeries {
            name: compared_name,
            levels: comps.iter().map(|c| level(compared(&c.id.value))).collect(),
            ink: Ink::Series(1),
        },
        charts::RadarSeries {
            name: v.t("target"),
            levels: comps.iter().map(|c| c.target.value as f64).collect(),
            ink: Ink::Target,
        },
    ];
    let axes: Vec<String> = comps.iter().map(|c| c.name.clone()).collect();
    let title = format!("{} · {}", v.t("nav_assessments"), compared_name);
    let svg = charts::radar(
        id,
        &axes,
        min,
        max,
        &series,
        &title,
        &v.words.radar_summary(&v.insight.competencies),
    )
    .ok()?;
    let show = |l: Option<i64>| l.map_or_else(|| "–".to_string(), |l| l.to_string());
    Some(Chart {
        svg,
        table: DataTable {
            headers: vec![
                v.t("competency").into(),
                baseline_name.clone(),
                compared_name.to_string(),
                v.t("target").into(),
            ],
            rows: comps
                .iter()
                .map(|c| {
                    vec![
                        c.name.clone(),
                        show(level_of(first, &c.id.value)),
                        show(compared(&c.id.value)),
                        c.target.value.to_string(),
                    ]
                })
                .collect(),
        },
    })
}

/// The burn-up of the plan: actions agreed, due and done over time, with the healthy
/// commitment band (70–85 % of the actions due).
fn burn_up(v: &Views) -> Option<Chart> {
    let actions = &v.e.plan.actions;
    let as_of = v.insight.as_of;
    let mut dates: Vec<Date> = actions
        .iter()
        .flat_map(|a| [a.agreed, a.due, a.done.as_ref().map(|d| d.value)])
        .flatten()
        .filter(|d| *d <= as_of)
        .collect();
    dates.sort();
    dates.dedup();
    if dates.len() < 2 {
        return None;
    }
    let counts: Vec<(Date, usize, usize, usize)> = dates
        .iter()
        .map(|d| {
            let agreed = actions
                .iter()
                .filter(|a| a.agreed.is_some_and(|x| x <= *d))
                .count();
            let due = actions
                .iter()
                .filter(|a| a.status != ActionStatus::Dropped && a.due.is_some_and(|x| x <= *d))
                .count();
            let done = actions
                .iter()
                .filter(|a| a.done.as_ref().is_some_and(|x| x.value <= *d))
                .count();
            (*d, agreed, due, done)
        })
        .collect();
    let series = |name, ink, pick: fn(&(Date, usize, usize, usize)) -> usize| charts::TimeSeries {
        name,
        points: counts.iter().map(|c| (c.0, pick(c) as f64)).collect(),
        ink,
        steps: true,
    };
    let top = counts
        .iter()
        .map(|c| c.1.max(c.2).max(c.3))
        .max()
        .unwrap_or(1) as f64;
    let (agreed_total, done_total) = counts.last().map_or((0, 0), |c| (c.1, c.3));
    let desc = v
        .words
        .burn_up_summary(agreed_total, done_total, &v.insight.commitment);
    let input = charts::LinesInput {
        id: "chart-burn-up",
        series: vec![
            series(v.t("agreed"), Ink::Series(2), |c| c.1),
            series(v.t("due"), Ink::Plan, |c| c.2),
            series(v.t("done_on"), Ink::Main, |c| c.3),
        ],
        y: (0.0, top * 1.08 + 0.5),
        band: Some(
            counts
                .iter()
                .map(|c| (c.0, c.2 as f64 * 0.7, c.2 as f64 * 0.85))
                .collect(),
        ),
        reference: None,
        lang: v.lang,
        size: (640, 260),
        title: v.t("nav_plan"),
        desc: &desc,
    };
    let svg = charts::lines(&input).ok()?;
    Some(Chart {
        svg,
        table: DataTable {
            headers: vec![
                v.t("date").into(),
                v.t("agreed").into(),
                v.t("due").into(),
                v.t("done_on").into(),
            ],
            rows: counts
                .iter()
                .map(|c| {
                    vec![
                        v.date(c.0),
                        c.1.to_string(),
                        c.2.to_string(),
                        c.3.to_string(),
                    ]
                })
                .collect(),
        },
    })
}

/// The session timeline and the scaling questions over time.
fn session_charts(v: &Views) -> (Option<Chart>, Option<Chart>) {
    let sessions = &v.e.sessions;
    let dates: Vec<Date> = sessions.iter().map(|s| s.front.date).collect();
    let mut gaps: Vec<i64> = dates.windows(2).map(|w| w[0].days_until(w[1])).collect();
    gaps.sort_unstable();
    let median = gaps.get(gaps.len() / 2).copied().unwrap_or(14);
    let gap_days = (median * 3 / 2).max(21);
    let timeline = if dates.is_empty() {
        None
    } else {
        charts::timeline(
            "chart-sessions",
            &dates,
            gap_days,
            v.lang,
            v.t("nav_sessions"),
            &v.words.timeline_summary(&dates),
        )
        .ok()
        .map(|svg| Chart {
            svg,
            table: DataTable::default(),
        })
    };

    let mut names: Vec<&String> = sessions
        .iter()
        .flat_map(|s| s.front.ratings.keys())
        .collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        return (timeline, None);
    }
    let latest: Vec<(String, f64)> = names
        .iter()
        .filter_map(|n| {
            sessions
                .iter()
                .rev()
                .find_map(|s| s.front.ratings.get(*n))
                .map(|r| ((*n).clone(), r.value))
        })
        .collect();
    let desc = v.words.ratings_summary(&latest);
    let input = charts::LinesInput {
        id: "chart-ratings",
        series: names
            .iter()
            .enumerate()
            .map(|(i, n)| charts::TimeSeries {
                name: n.as_str(),
                points: sessions
                    .iter()
                    .filter_map(|s| s.front.ratings.get(*n).map(|r| (s.front.date, r.value)))
                    .collect(),
                ink: Ink::Series((i % 6 + 1) as u8),
                steps: false,
            })
            .collect(),
        y: (0.0, 10.5),
        band: None,
        reference: None,
        lang: v.lang,
        size: (640, 240),
        title: v.t("scaling_questions"),
        desc: &desc,
    };
    let Ok(svg) = charts::lines(&input) else {
        return (timeline, None);
    };
    let mut headers = vec![v.t("date").to_string()];
    headers.extend(names.iter().map(|n| (*n).clone()));
    let rows = sessions
        .iter()
        .filter(|s| !s.front.ratings.is_empty())
        .map(|s| {
            let mut row = vec![v.date(s.front.date)];
            row.extend(names.iter().map(|n| {
                s.front
                    .ratings
                    .get(*n)
                    .map_or_else(|| "–".to_string(), |r| format_number(r.value, v.lang))
            }));
            row
        })
        .collect();
    (
        timeline,
        Some(Chart {
            svg,
            table: DataTable { headers, rows },
        }),
    )
}

#[derive(Serialize)]
struct Area {
    name: String,
    url: String,
    latest: i64,
    target: i64,
    gap: i64,
    stable: bool,
    stable_text: &'static str,
}

/// The development areas: competencies with a gap above 0, largest first.
fn development_areas(v: &Views) -> Vec<Area> {
    v.insight
        .competencies
        .iter()
        .filter_map(|c| {
            let (latest, gap) = (c.latest?, c.gap?);
            (gap > 0).then(|| Area {
                name: c.name.clone(),
                url: competency_url(&c.id),
                latest,
                target: c.target,
                gap,
                stable: c.stable,
                stable_text: v.t(if c.stable { "stable" } else { "not_stable" }),
            })
        })
        .collect()
}

fn band_key(b: Option<CommitmentBand>) -> &'static str {
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
fn coach_only(visibility: Visibility, sensitive: bool) -> bool {
    visibility == Visibility::Coach || sensitive
}

fn tracking_key(t: Tracking) -> &'static str {
    match t {
        Tracking::Achieved => "achieved",
        Tracking::OnTrack => "on-track",
        Tracking::AtRisk => "at-risk",
        Tracking::Stalled => "stalled",
        Tracking::Overdue => "overdue",
        Tracking::TooEarly => "too-early",
        Tracking::NoMeasurement => "no-measurement",
        Tracking::NotJudged => "not-judged",
        Tracking::NotTracked => "not-tracked",
    }
}

fn objective_url(id: &str) -> String {
    format!("objectives/{id}.html")
}

fn action_url(id: &str) -> String {
    format!("plan/index.html#action-{id}")
}

fn competency_url(id: &str) -> String {
    format!("assessments/index.html#competency-{id}")
}

fn tag_link(tag: &str) -> TagLink {
    TagLink {
        name: tag.to_string(),
        url: format!("lessons/tags/{}.html", slug(tag)),
    }
}

fn to_value<T: Serialize>(view: &T) -> Result<Value, Diagnostic> {
    Value::try_from_serializable(view).map_err(|err| template_error(&err))
}

/// Renders every page of the site for an engagement already filtered for its audience.
pub fn render_site(
    e: &Engagement,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Vec<OutputFile>, Diagnostics> {
    match build_jobs(e, options) {
        Ok((site, t, jobs)) => render_jobs(theme, &site, &t, jobs, options),
        Err(d) => {
            let mut diags = Diagnostics::default();
            diags.push(d);
            Err(diags)
        }
    }
}

fn build_jobs(
    e: &Engagement,
    options: &RenderOptions,
) -> Result<(Value, Value, Vec<PageJob>), Diagnostic> {
    let lang = e.info.language;
    let insight = insight::analyze(e, options.as_of);
    let v = Views {
        e,
        lang,
        insight: &insight,
        words: Explainer::new(e),
        findings: options.audience.sees_findings(),
    };
    let sponsor = options.audience == Audience::Sponsor;

    let mut nav = vec![
        NavItem {
            key: "dashboard",
            url: "index.html",
            label: v.t("nav_dashboard"),
        },
        NavItem {
            key: "objectives",
            url: "objectives/index.html",
            label: v.t("nav_objectives"),
        },
        NavItem {
            key: "assessments",
            url: "assessments/index.html",
            label: v.t("nav_assessments"),
        },
        NavItem {
            key: "plan",
            url: "plan/index.html",
            label: v.t("nav_plan"),
        },
    ];
    if !sponsor {
        nav.push(NavItem {
            key: "sessions",
            url: "sessions/index.html",
            label: v.t("nav_sessions"),
        });
        nav.push(NavItem {
            key: "lessons",
            url: "lessons/index.html",
            label: v.t("nav_lessons"),
        });
    }
    let info = &e.info;
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
    let site = SiteView {
        title: info
            .site
            .title
            .clone()
            .unwrap_or_else(|| info.title.clone()),
        lang: i18n::code(lang),
        as_of: v.date(options.as_of),
        audience: options.audience.name(),
        audience_label: v.t(&format!("audience_{}", options.audience.name())),
        canonical_base,
        nav,
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
    };
    let site = to_value(&site)?;
    let t = to_value(&i18n::strings(lang))?;

    let mut jobs = Vec::new();
    let dashboard_crumb = || Crumb {
        label: v.t("nav_dashboard"),
        url: "index.html",
    };

    // Objectives: one view each, used by the dashboard, the index and its own page.
    // Lists show the ones being worked on first, then by due date.
    let mut ordered: Vec<&Objective> = e.objectives.iter().collect();
    ordered.sort_by_key(|o| {
        (
            status_rank(o.front.status),
            o.front.due.is_none(),
            o.front.due,
            &o.id,
        )
    });
    let objective_views: Vec<ObjectiveView> = ordered.par_iter().map(|o| v.objective(o)).collect();
    let objective_values = objective_views
        .iter()
        .map(to_value)
        .collect::<Result<Vec<_>, _>>()?;
    let objectives_value = Value::from(objective_values.clone());
    for (o, value) in ordered.iter().zip(objective_values) {
        jobs.push(PageJob {
            path: objective_url(&o.id),
            template: "objective.html",
            current: "objectives",
            crumbs: vec![
                dashboard_crumb(),
                Crumb {
                    label: v.t("nav_objectives"),
                    url: "objectives/index.html",
                },
            ],
            page: value,
        });
    }
    jobs.push(PageJob {
        path: "objectives/index.html".into(),
        template: "objectives.html",
        current: "objectives",
        crumbs: vec![],
        page: page_value(&[("objectives", objectives_value.clone())]),
    });

    // Dashboard.
    let mut next: Vec<&Action> = e
        .plan
        .actions
        .iter()
        .filter(|a| matches!(a.status, ActionStatus::Open | ActionStatus::Blocked))
        .collect();
    next.sort_by(|a, b| {
        (a.due.is_none(), a.due, &a.id.value).cmp(&(b.due.is_none(), b.due, &b.id.value))
    });
    let next_actions: Vec<ActionLink> = next.iter().take(5).map(|a| v.action_short(a)).collect();
    let recent: Vec<Link> = e
        .sessions
        .iter()
        .rev()
        .take(5)
        .map(|s| v.session_link(s))
        .collect();
    #[derive(Serialize)]
    struct FlagGroup {
        title: String,
        url: Option<String>,
        findings: Vec<FindingView>,
    }
    let mut flag_groups: Vec<FlagGroup> = objective_views
        .iter()
        .filter(|o| !o.findings.is_empty())
        .map(|o| FlagGroup {
            title: o.title.clone(),
            url: Some(o.url.clone()),
            findings: o.findings.clone(),
        })
        .collect();
    let engagement_findings = v.findings(&insight.findings);
    if !engagement_findings.is_empty() {
        flag_groups.push(FlagGroup {
            title: v.t("engagement_findings").to_string(),
            url: None,
            findings: engagement_findings,
        });
    }
    let (commitment, gas_t_score, session_count) = match &options.aggregates {
        Some(a) => (a.commitment.clone(), a.gas_t_score, a.sessions),
        None => (
            insight.commitment.clone(),
            insight.gas_t_score,
            e.sessions.len(),
        ),
    };
    let attendance = options
        .aggregates
        .as_ref()
        .map(|a| v.words.attendance(a.sessions, a.minutes));
    let commitment_text = v.words.commitment(&commitment);
    let report_objectives = objectives_value.clone();
    let gas_text = gas_t_score.map(|t| format_number(t, lang));
    jobs.push(PageJob {
        path: "index.html".into(),
        template: "dashboard.html",
        current: "dashboard",
        crumbs: vec![],
        page: page_value(&[
            ("objectives", objectives_value),
            ("next_actions", to_value(&next_actions)?),
            ("recent_sessions", to_value(&recent)?),
            ("session_count", Value::from(session_count)),
            ("attendance", to_value(&attendance)?),
            ("commitment", to_value(&commitment_text)?),
            ("commitment_band", Value::from(band_key(commitment.band))),
            ("gas_t_score", to_value(&gas_text)?),
            ("show_findings", Value::from(v.findings)),
            ("flags", to_value(&flag_groups)?),
        ]),
    });

    assessment_jobs(&v, &mut jobs)?;
    jobs.push(PageJob {
        path: "report.html".into(),
        template: "report.html",
        current: "dashboard",
        crumbs: vec![Crumb {
            label: v.t("nav_dashboard"),
            url: "index.html",
        }],
        page: page_value(&[
            ("objectives", report_objectives),
            ("commitment", to_value(&commitment_text)?),
            ("burn_up", to_value(&burn_up(&v))?),
            ("development_areas", to_value(&development_areas(&v))?),
            ("gas_t_score", to_value(&gas_text)?),
            (
                "radar",
                to_value(&radar_chart(
                    &v,
                    "chart-report-radar",
                    v.t("latest"),
                    &|id: &str| {
                        v.insight
                            .competencies
                            .iter()
                            .find(|c| c.id == id)
                            .and_then(|c| c.latest)
                    },
                ))?,
            ),
        ]),
    });
    plan_job(&v, &mut jobs, commitment_text, commitment.band)?;
    if !sponsor {
        session_jobs(&v, &mut jobs)?;
        lesson_jobs(&v, &mut jobs)?;
    }
    Ok((site, t, jobs))
}

/// The order of objectives in lists: what is being worked on first.
fn status_rank(status: ObjectiveStatus) -> u8 {
    match status {
        ObjectiveStatus::Active => 0,
        ObjectiveStatus::Proposed => 1,
        ObjectiveStatus::Paused => 2,
        ObjectiveStatus::Achieved => 3,
        ObjectiveStatus::Dropped => 4,
    }
}

fn page_value(entries: &[(&'static str, Value)]) -> Value {
    let mut map = tera::Map::new();
    for (key, value) in entries {
        map.insert((*key).into(), value.clone());
    }
    Value::from(map)
}

#[derive(Serialize)]
struct AssessmentLink {
    title: String,
    date: String,
    url: String,
}

#[derive(Serialize)]
struct CompetencyRow {
    anchor: String,
    name: String,
    levels: Vec<Option<String>>,
    latest: Option<String>,
    latest_label: Option<String>,
    target: i64,
    target_label: Option<String>,
    gap_text: Option<String>,
}

#[derive(Serialize)]
struct MembersTable {
    title: String,
    date: String,
    competencies: Vec<String>,
    rows: Vec<MemberRow>,
}

#[derive(Serialize)]
struct MemberRow {
    name: String,
    levels: Vec<Option<i64>>,
}

#[derive(Serialize)]
struct AssessmentRating {
    name: String,
    url: String,
    level: Option<i64>,
    label: Option<String>,
    target: i64,
    gap_text: Option<String>,
}

fn members_table(v: &Views, a: &Assessment) -> Option<MembersTable> {
    if a.front.members.is_empty() {
        return None;
    }
    let e = v.e;
    let competencies: Vec<&Competency> = e
        .info
        .competencies
        .iter()
        .filter(|c| {
            a.front
                .members
                .values()
                .any(|r| r.keys().any(|k| k.value == c.id.value))
        })
        .collect();
    let rating = |member: &str, competency: &str| {
        a.front
            .members
            .iter()
            .find(|(m, _)| m.value == member)
            .and_then(|(_, r)| r.iter().find(|(c, _)| c.value == competency))
            .map(|(_, level)| level.value)
    };
    let rows = e
        .info
        .members
        .iter()
        .filter(|m| a.front.members.keys().any(|k| k.value == m.id.value))
        .map(|m| MemberRow {
            name: m.name.clone(),
            levels: competencies
                .iter()
                .map(|c| rating(&m.id.value, &c.id.value))
                .collect(),
        })
        .collect();
    Some(MembersTable {
        title: a.front.title.clone(),
        date: v.date(a.front.date),
        competencies: competencies.iter().map(|c| c.name.clone()).collect(),
        rows,
    })
}

fn level_of(a: &Assessment, competency: &str) -> Option<i64> {
    a.front
        .ratings
        .iter()
        .find(|(c, _)| c.value == competency)
        .map(|(_, l)| l.value)
}

fn assessment_jobs(v: &Views, jobs: &mut Vec<PageJob>) -> Result<(), Diagnostic> {
    let e = v.e;
    let scale = &e.info.scale;
    let label = |level: i64| scale.label(level).map(str::to_string);
    let gap =
        |target: i64, level: Option<i64>| level.map(|l| format_number((target - l) as f64, v.lang));
    let links: Vec<AssessmentLink> = e
        .assessments
        .iter()
        .map(|a| AssessmentLink {
            title: a.front.title.clone(),
            date: v.date(a.front.date),
            url: format!("assessments/{}.html", a.id),
        })
        .collect();
    let rows: Vec<CompetencyRow> = e
        .info
        .competencies
        .iter()
        .map(|c| {
            let id = &c.id.value;
            let latest = e.assessments.iter().rev().find_map(|a| level_of(a, id));
            CompetencyRow {
                anchor: format!("competency-{id}"),
                name: c.name.clone(),
                levels: e
                    .assessments
                    .iter()
                    .map(|a| level_of(a, id).map(|l| l.to_string()))
                    .collect(),
                latest: latest.map(|l| l.to_string()),
                latest_label: latest.and_then(label),
                target: c.target.value,
                target_label: label(c.target.value),
                gap_text: gap(c.target.value, latest),
            }
        })
        .collect();
    let members = e.assessments.iter().rev().find_map(|a| members_table(v, a));
    let latest_level = |id: &str| {
        v.insight
            .competencies
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.latest)
    };
    let radar = radar_chart(v, "chart-radar", v.t("latest"), &latest_level);
    let (lo, hi) = (scale.min.value as f64 - 0.3, scale.max.value as f64 + 0.3);
    let histories: Vec<Chart> = e
        .info
        .competencies
        .iter()
        .filter_map(|c| {
            let levels: Vec<(Date, i64)> = insight::levels_by_date(e, &c.id.value)
                .into_iter()
                .collect();
            if levels.is_empty() {
                return None;
            }
            let desc = v.words.history_summary(
                &c.name,
                &levels.iter().map(|l| l.1).collect::<Vec<_>>(),
                c.target.value,
            );
            let input = charts::LinesInput {
                id: &format!("chart-history-{}", c.id.value),
                series: vec![charts::TimeSeries {
                    name: &c.name,
                    points: levels.iter().map(|(d, l)| (*d, *l as f64)).collect(),
                    ink: Ink::Main,
                    steps: false,
                }],
                y: (lo, hi),
                band: None,
                reference: Some((c.target.value as f64, v.t("target"))),
                lang: v.lang,
                size: (320, 160),
                title: &c.name,
                desc: &desc,
            };
            charts::lines(&input).ok().map(|svg| Chart {
                svg,
                table: DataTable::default(),
            })
        })
        .collect();
    let heat = e
        .assessments
        .iter()
        .rev()
        .find(|a| !a.front.members.is_empty())
        .and_then(|a| {
            let table = members_table(v, a)?;
            let rows: Vec<String> = table.rows.iter().map(|r| r.name.clone()).collect();
            let cells: Vec<Vec<Option<i64>>> =
                table.rows.iter().map(|r| r.levels.clone()).collect();
            let title = format!("{} · {}", v.t("members"), a.front.title);
            let grid = charts::Grid {
                rows: &rows,
                columns: &table.competencies,
                cells: &cells,
                min: scale.min.value,
                max: scale.max.value,
            };
            charts::heat_map(
                "chart-members",
                &grid,
                &title,
                &v.words.heat_map_summary(a.front.date),
            )
            .ok()
            .map(|svg| Chart {
                svg,
                table: DataTable::default(),
            })
        });
    let areas = development_areas(v);
    let scale_text = {
        let levels: Vec<String> = scale
            .levels()
            .map(|l| match scale.label(l) {
                Some(name) => format!("{l} {name}"),
                None => l.to_string(),
            })
            .collect();
        levels.join(" · ")
    };
    jobs.push(PageJob {
        path: "assessments/index.html".into(),
        template: "assessments.html",
        current: "assessments",
        crumbs: vec![],
        page: page_value(&[
            ("assessments", to_value(&links)?),
            ("competencies", to_value(&rows)?),
            ("members", to_value(&members)?),
            ("scale_text", Value::from(scale_text)),
            ("development_areas", to_value(&areas)?),
            ("radar", to_value(&radar)?),
            ("histories", to_value(&histories)?),
            ("heat_map", to_value(&heat)?),
        ]),
    });
    for a in &e.assessments {
        let ratings: Vec<AssessmentRating> = e
            .info
            .competencies
            .iter()
            .map(|c| {
                let level = level_of(a, &c.id.value);
                AssessmentRating {
                    name: c.name.clone(),
                    url: competency_url(&c.id.value),
                    level,
                    label: level.and_then(label),
                    target: c.target.value,
                    gap_text: gap(c.target.value, level),
                }
            })
            .collect();
        jobs.push(PageJob {
            path: format!("assessments/{}.html", a.id),
            template: "assessment.html",
            current: "assessments",
            crumbs: vec![
                Crumb {
                    label: v.t("nav_dashboard"),
                    url: "index.html",
                },
                Crumb {
                    label: v.t("nav_assessments"),
                    url: "assessments/index.html",
                },
            ],
            page: page_value(&[
                ("title", Value::from(a.front.title.clone())),
                ("date", Value::from(v.date(a.front.date))),
                ("ratings", to_value(&ratings)?),
                ("members", to_value(&members_table(v, a))?),
                (
                    "radar",
                    to_value(&radar_chart(
                        v,
                        "chart-radar",
                        &a.front.title,
                        &|id: &str| level_of(a, id),
                    ))?,
                ),
                (
                    "observations_html",
                    to_value(&a.front.observations.as_deref().map(markdown::to_html))?,
                ),
            ]),
        });
    }
    Ok(())
}

fn plan_job(
    v: &Views,
    jobs: &mut Vec<PageJob>,
    commitment: Option<String>,
    band: Option<CommitmentBand>,
) -> Result<(), Diagnostic> {
    let e = v.e;
    let mut groups = Vec::new();
    for status in [
        ActionStatus::Open,
        ActionStatus::Blocked,
        ActionStatus::Done,
        ActionStatus::Dropped,
    ] {
        let mut actions: Vec<&Action> = e
            .plan
            .actions
            .iter()
            .filter(|a| a.status == status)
            .collect();
        if actions.is_empty() {
            continue;
        }
        if status == ActionStatus::Done {
            actions.sort_by(|a, b| {
                (b.done.as_ref().map(|d| d.value), &a.id.value)
                    .cmp(&(a.done.as_ref().map(|d| d.value), &b.id.value))
            });
        } else {
            actions.sort_by(|a, b| {
                (a.due.is_none(), a.due, &a.id.value).cmp(&(b.due.is_none(), b.due, &b.id.value))
            });
        }
        let (key, label) = v.action_status(status);
        groups.push(ActionGroup {
            status: key,
            label,
            actions: actions.iter().map(|a| v.action(a)).collect(),
        });
    }
    let mut revisions: Vec<&Revision> = e.plan.revisions.iter().collect();
    revisions.sort_by_key(|r| r.date);
    let revisions: Vec<BTreeMap<&str, String>> = revisions
        .iter()
        .map(|r| BTreeMap::from([("date", v.date(r.date)), ("summary", r.summary.clone())]))
        .collect();
    jobs.push(PageJob {
        path: "plan/index.html".into(),
        template: "plan.html",
        current: "plan",
        crumbs: vec![],
        page: page_value(&[
            ("groups", to_value(&groups)?),
            ("revisions", to_value(&revisions)?),
            ("commitment", to_value(&commitment)?),
            ("commitment_band", Value::from(band_key(band))),
            ("burn_up", to_value(&burn_up(v))?),
        ]),
    });
    Ok(())
}

fn session_jobs(v: &Views, jobs: &mut Vec<PageJob>) -> Result<(), Diagnostic> {
    let e = v.e;
    let (timeline, ratings_chart) = session_charts(v);
    let views: Vec<SessionView> = (0..e.sessions.len())
        .into_par_iter()
        .map(|i| v.session(i))
        .collect();
    #[derive(Serialize)]
    struct Row<'a> {
        coach_only: bool,
        url: &'a str,
        title: &'a str,
        date: &'a str,
        duration: &'a Option<String>,
        attendees: &'a [String],
        objectives: &'a [Link],
    }
    let rows: Vec<Row> = views
        .iter()
        .map(|s| Row {
            coach_only: s.coach_only,
            url: &s.url,
            title: &s.title,
            date: &s.date,
            duration: &s.duration,
            attendees: &s.attendees,
            objectives: &s.objectives,
        })
        .collect();
    jobs.push(PageJob {
        path: "sessions/index.html".into(),
        template: "sessions.html",
        current: "sessions",
        crumbs: vec![],
        page: page_value(&[
            ("sessions", to_value(&rows)?),
            ("timeline", to_value(&timeline)?),
            ("ratings_chart", to_value(&ratings_chart)?),
        ]),
    });
    let pages = views
        .par_iter()
        .map(|view| {
            Ok(PageJob {
                path: view.url.clone(),
                template: "session.html",
                current: "sessions",
                crumbs: vec![
                    Crumb {
                        label: v.t("nav_dashboard"),
                        url: "index.html",
                    },
                    Crumb {
                        label: v.t("nav_sessions"),
                        url: "sessions/index.html",
                    },
                ],
                page: to_value(view)?,
            })
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    jobs.extend(pages);
    Ok(())
}

fn lesson_jobs(v: &Views, jobs: &mut Vec<PageJob>) -> Result<(), Diagnostic> {
    let e = v.e;
    let views: Vec<LessonView> = e.lessons.iter().map(|l| v.lesson(l)).collect();

    // Tags by slug; two spellings of one tag share a page under the first name.
    let mut tags: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for (i, l) in e.lessons.iter().enumerate() {
        for tag in &l.front.tags {
            let entry = tags
                .entry(slug(tag))
                .or_insert_with(|| (tag.clone(), Vec::new()));
            if !entry.1.contains(&i) {
                entry.1.push(i);
            }
        }
    }
    #[derive(Serialize)]
    struct TagSummary {
        name: String,
        url: String,
        count: usize,
    }
    let tag_list: Vec<TagSummary> = tags
        .iter()
        .map(|(s, (name, lessons))| TagSummary {
            name: name.clone(),
            url: format!("lessons/tags/{s}.html"),
            count: lessons.len(),
        })
        .collect();
    #[derive(Serialize)]
    struct Gathered {
        text: String,
        session: String,
        url: String,
        date: String,
    }
    let gathered: Vec<Gathered> = e
        .sessions
        .iter()
        .flat_map(|s| {
            s.front.lessons.iter().map(move |text| Gathered {
                text: text.clone(),
                session: s.front.title.clone(),
                url: format!("sessions/{}.html", s.id),
                date: v.date(s.front.date),
            })
        })
        .collect();
    let lesson_values = views.iter().map(to_value).collect::<Result<Vec<_>, _>>()?;
    jobs.push(PageJob {
        path: "lessons/index.html".into(),
        template: "lessons.html",
        current: "lessons",
        crumbs: vec![],
        page: page_value(&[
            ("lessons", Value::from(lesson_values.clone())),
            ("tags", to_value(&tag_list)?),
            ("gathered", to_value(&gathered)?),
        ]),
    });
    for (l, value) in e.lessons.iter().zip(&lesson_values) {
        jobs.push(PageJob {
            path: format!("lessons/{}.html", l.id),
            template: "lesson.html",
            current: "lessons",
            crumbs: vec![
                Crumb {
                    label: v.t("nav_dashboard"),
                    url: "index.html",
                },
                Crumb {
                    label: v.t("nav_lessons"),
                    url: "lessons/index.html",
                },
            ],
            page: value.clone(),
        });
    }
    for (s, (name, lessons)) in &tags {
        let list: Vec<Value> = lessons.iter().map(|i| lesson_values[*i].clone()).collect();
        jobs.push(PageJob {
            path: format!("lessons/tags/{s}.html"),
            template: "tag.html",
            current: "lessons",
            crumbs: vec![
                Crumb {
                    label: v.t("nav_dashboard"),
                    url: "index.html",
                },
                Crumb {
                    label: v.t("nav_lessons"),
                    url: "lessons/index.html",
                },
            ],
            page: page_value(&[
                ("name", Value::from(name.clone())),
                ("lessons", Value::from(list)),
            ]),
        });
    }
    Ok(())
}

fn render_jobs(
    theme: &Theme,
    site: &Value,
    t: &Value,
    jobs: Vec<PageJob>,
    _options: &RenderOptions,
) -> Result<Vec<OutputFile>, Diagnostics> {
    let results: Vec<Result<OutputFile, Diagnostic>> = jobs
        .into_par_iter()
        .map(|job| {
            let depth = job.path.matches('/').count();
            let mut context = Context::new();
            context.insert_value("site", site.clone());
            context.insert_value("t", t.clone());
            context.insert_value("root", Value::from("../".repeat(depth)));
            context.insert_value("path", Value::from(job.path.clone()));
            context.insert_value("current", Value::from(job.current));
            context.insert_value("crumbs", to_value(&job.crumbs)?);
            context.insert_value("page", job.page);
            let html = theme.tera.render(job.template, &context).map_err(|err| {
                let mut d = template_error(&err);
                d.message = format!("{} (while rendering {})", d.message, job.path);
                d
            })?;
            Ok(OutputFile {
                path: job.path,
                bytes: html.into_bytes(),
            })
        })
        .collect();
    let mut files = Vec::with_capacity(results.len() + 2);
    let mut diags = Diagnostics::default();
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    files.push(OutputFile {
        path: "style.css".into(),
        bytes: theme.style.clone().into_bytes(),
    });
    files.push(OutputFile {
        path: "robots.txt".into(),
        bytes: b"User-agent: *\nDisallow: /\n".to_vec(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}
