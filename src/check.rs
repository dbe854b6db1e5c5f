//! `coachsite check`: the insight of an engagement as a report for the terminal or as
//! JSON. The JSON form is [`Report`] serialised; docs/check-json.md documents it and a
//! test keeps the two in step (it parses back into [`Report`] unchanged).

use crate::i18n::Word;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity as DiagnosticSeverity};
use crate::explain::Explainer;
use crate::i18n::{format_date, format_percent};
use crate::insight::{Commitment, CompetencyStanding, Flag, Insight, ObjectiveInsight, Severity};
use crate::model::{Date, Engagement};

/// The version of the JSON form; raised on any incompatible change.
pub const REPORT_VERSION: u32 = 1;

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The version of this shape, [`REPORT_VERSION`].
    pub version: u32,
    /// The date the figures are computed for.
    pub as_of: Date,
    pub(crate) engagement: String,
    /// Problems in the files (warnings only: with errors there is no report).
    pub diagnostics: Vec<Diagnostic>,
    pub(crate) objectives: Vec<ObjectiveReport>,
    /// Findings about the engagement as a whole: actions, commitment, retention…
    pub findings: Vec<ReportFinding>,
    pub(crate) commitment: Commitment,
    /// Ranked gap analysis.
    pub competencies: Vec<CompetencyStanding>,
    pub(crate) gas_t_score: Option<f64>,
    /// The objectives the T-score is computed over (those of the reader's view).
    #[serde(default)]
    pub(crate) gas_objectives: Vec<String>,
    pub(crate) summary: Summary,
}

/// One objective: every figure of [`ObjectiveInsight`], and its findings in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ObjectiveReport {
    #[serde(flatten)]
    pub(crate) figures: ObjectiveInsight,
    pub(crate) findings: Vec<ReportFinding>,
}

/// A finding with its words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportFinding {
    #[serde(flatten)]
    pub(crate) flag: Flag,
    pub(crate) message: String,
    pub(crate) suggestion: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Summary {
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) notes: usize,
}

/// The report of an engagement that could not be loaded: only its diagnostics.
pub fn failed(as_of: Date, diagnostics: Vec<Diagnostic>) -> Report {
    Report {
        version: REPORT_VERSION,
        as_of,
        engagement: String::new(),
        diagnostics,
        objectives: Vec::new(),
        findings: Vec::new(),
        commitment: Commitment::default(),
        competencies: Vec::new(),
        gas_t_score: None,
        gas_objectives: Vec::new(),
        summary: Summary::default(),
    }
}

/// Builds the report of an analysed engagement.
pub fn report(e: &Engagement, insight: &Insight, diagnostics: Vec<Diagnostic>) -> Report {
    let words = Explainer::new(e);
    let finding = |flag: &Flag| {
        let s = words.finding(flag);
        ReportFinding {
            flag: flag.clone(),
            message: s.message,
            suggestion: s.suggestion,
        }
    };
    // What the summary counts is what `check` prints: the findings and the problems in
    // the files (warnings and notes; with an error there is no report).
    let problems = |severity: DiagnosticSeverity| {
        diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    Report {
        version: REPORT_VERSION,
        as_of: insight.as_of,
        engagement: e.info.title.clone(),
        objectives: insight
            .objectives
            .iter()
            .map(|o| ObjectiveReport {
                figures: o.clone(),
                findings: o.findings.iter().map(finding).collect(),
            })
            .collect(),
        findings: insight.findings.iter().map(finding).collect(),
        commitment: insight.commitment.clone(),
        competencies: insight.competencies.clone(),
        gas_t_score: insight.gas_t_score,
        gas_objectives: insight.gas_objectives.clone(),
        summary: Summary {
            errors: insight.count(Severity::Error) + problems(DiagnosticSeverity::Error),
            warnings: insight.count(Severity::Warning) + problems(DiagnosticSeverity::Warning),
            notes: insight.count(Severity::Note) + problems(DiagnosticSeverity::Note),
        },
        diagnostics,
    }
}

/// The report as text for the terminal: findings grouped by objective, then the rest,
/// in the engagement's language.
pub fn to_text(e: &Engagement, r: &Report) -> String {
    let words = Explainer::new(e);
    let lang = e.info.language;
    let t = |word| crate::i18n::word(lang, word);
    let mut out = String::new();
    out.push_str(&format!(
        "{} — {} {}\n",
        r.engagement,
        t(Word::AsOf),
        format_date(r.as_of, lang)
    ));
    let write = |out: &mut String, f: &ReportFinding| {
        out.push_str(&format!(
            "  {}: {}\n",
            words.severity(f.flag.severity),
            f.message
        ));
        if let Some(s) = &f.suggestion {
            out.push_str(&format!("      → {s}\n"));
        }
    };
    for report in &r.objectives {
        let o = &report.figures;
        let progress = o
            .progress
            .map(|p| format!(", {}", format_percent(p, lang)))
            .unwrap_or_default();
        // An objective with key results: its tracking is that of the one named.
        let by = o
            .tracked_by
            .as_deref()
            .and_then(|id| o.key_results.iter().find(|k| k.figures.id == id))
            .map(|k| format!(" ({})", k.figures.title))
            .unwrap_or_default();
        out.push_str(&format!(
            "\n{} ({}) · {}{by}{progress}\n",
            o.title,
            o.id,
            words.tracking(o.tracking)
        ));
        if report.findings.is_empty() {
            out.push_str("  ✓\n");
        }
        for f in &report.findings {
            write(&mut out, f);
        }
    }
    out.push('\n');
    let commitment = words
        .commitment(&r.commitment, true)
        .unwrap_or_else(|| t(Word::NoCommitment).to_string());
    out.push_str(&format!("{}: {commitment}\n", t(Word::Commitment)));
    let areas: Vec<String> = r
        .competencies
        .iter()
        .filter(|c| c.gap.is_some_and(|g| g > 0))
        .map(|c| {
            format!(
                "{} ({} {})",
                c.name,
                t(Word::Gap).to_lowercase(),
                c.gap.unwrap_or(0)
            )
        })
        .collect();
    if !areas.is_empty() {
        out.push_str(&format!(
            "{}: {}\n",
            t(Word::DevelopmentAreas),
            areas.join(", ")
        ));
    }
    if let Some(score) = r.gas_t_score {
        out.push_str(&format!(
            "{}: {}\n",
            t(Word::GasTScore),
            crate::i18n::format_number(score, lang)
        ));
    }
    if !r.findings.is_empty() {
        out.push_str(&format!("\n{}\n", t(Word::EngagementFindings)));
        for f in &r.findings {
            write(&mut out, f);
        }
    }
    let s = r.summary;
    out.push_str(&format!(
        "\n{}, {}, {}\n",
        words.count(Severity::Error, s.errors),
        words.count(Severity::Warning, s.warnings),
        words.count(Severity::Note, s.notes),
    ));
    out
}
