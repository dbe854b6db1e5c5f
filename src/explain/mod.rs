//! Findings in words: turns [`crate::insight`]'s typed results into one-line sentences
//! and suggestions a coach can act on, in the engagement's language. Used by the site
//! and by `coachsite check`, so both say the same thing.
//!
//! One file per subject: `objectives`, `assessments`, `plan` (actions and commitment) and
//! `engagement`. Each kind of [`Finding`] has one function that words it in en/fr/de,
//! in the file of its subject; [`Explainer::finding`] picks it. A sentence is written in
//! the three languages side by side with `tr!`, which makes only the reader's and sets it
//! with the language's typography (`i18n::typeset`); counts take their form from
//! `i18n::one` (CLDR's plural rules).

/// The sentence of the language: only that one is made (the others are not formatted),
/// and it goes through the language's typography.
macro_rules! tr {
    ($lang:expr, $en:expr, $fr:expr, $de:expr $(,)?) => {{
        let lang: crate::model::Language = $lang;
        let text: String = match lang {
            crate::model::Language::En => $en,
            crate::model::Language::Fr => $fr,
            crate::model::Language::De => $de,
        };
        crate::i18n::typeset(lang, text)
    }};
}

pub(crate) mod agenda;
mod assessments;
mod contract;
mod engagement;
mod history;
mod key_results;
mod objectives;
mod plan;
mod pulse;
mod uncertainty;

use serde::{Deserialize, Serialize};

use crate::i18n::{Word, format_date, format_number, format_percent};
use crate::insight::{Finding, Flag, Severity};
use crate::model::{Date, Engagement, Language};

/// A finding in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub message: String,
    pub suggestion: Option<String>,
}

/// Words for one engagement, in its language.
pub struct Explainer<'a> {
    e: &'a Engagement,
    lang: Language,
}

impl<'a> Explainer<'a> {
    pub fn new(e: &'a Engagement) -> Self {
        Explainer {
            e,
            lang: e.info.language,
        }
    }

    fn date(&self, date: Date) -> String {
        format_date(date, self.lang)
    }

    fn pct(&self, share: f64) -> String {
        format_percent(share, self.lang)
    }

    fn num(&self, n: f64) -> String {
        format_number(n, self.lang)
    }

    /// Changes (paces) compared in one sentence, with their sign, at one precision and
    /// in the unit of the objective they belong to.
    fn values<const N: usize>(&self, objective: Option<&str>, v: [f64; N]) -> [String; N] {
        let unit = objective.and_then(|key| self.unit(key));
        crate::i18n::format_rates(v, unit, self.lang)
    }

    /// The unit of an objective's measure, or of one of its key results
    /// (`objective#result`).
    pub(super) fn unit(&self, key: &str) -> Option<&str> {
        let (id, result) = crate::model::measured_key(key);
        let o = self.e.objective(id)?;
        match result {
            Some(r) => o.key_result(r)?.unit.as_deref(),
            None => o.front.measure.as_ref()?.unit.as_deref(),
        }
    }

    fn competency(&self, id: &str) -> String {
        self.e
            .competency(id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    }

    fn action(&self, id: &str) -> String {
        self.e
            .plan
            .actions
            .iter()
            .find(|a| a.id == id)
            .map_or_else(|| id.to_string(), |a| a.title.clone())
    }

    /// The severity as a word.
    pub fn severity(&self, s: Severity) -> &'static str {
        let word = match s {
            Severity::Error => Word::SeverityError,
            Severity::Warning => Word::SeverityWarning,
            Severity::Note => Word::SeverityNote,
        };
        crate::i18n::word(self.lang, word)
    }

    /// "1 warning", "7 warnings", "2 avertissements", "0 erreur"…: the count's form by
    /// the language's plural rules.
    pub fn count(&self, s: Severity, n: usize) -> String {
        let one = crate::i18n::one(self.lang, n as f64);
        let word = match (s, one) {
            (Severity::Error, true) => Word::ErrorsOne,
            (Severity::Error, false) => Word::ErrorsOther,
            (Severity::Warning, true) => Word::WarningsOne,
            (Severity::Warning, false) => Word::WarningsOther,
            (Severity::Note, true) => Word::NotesOne,
            (Severity::Note, false) => Word::NotesOther,
        };
        format!("{n} {}", crate::i18n::word(self.lang, word))
    }

    /// A finding as a sentence with its suggestion: one function per kind of finding, in
    /// the file of its subject.
    pub fn finding(&self, flag: &Flag) -> Sentence {
        let Some(result) = &flag.key_result else {
            return self.finding_of(flag, flag.objective.as_deref());
        };
        let key = format!("{}#{result}", flag.objective.as_deref().unwrap_or_default());
        let mut s = self.finding_of(flag, Some(&key));
        let metric = flag
            .objective
            .as_deref()
            .and_then(|o| self.e.objective(o))
            .and_then(|o| o.key_result(result))
            .map_or(result.as_str(), |k| k.metric.as_str());
        s.message = tr!(
            self.lang,
            format!("Key result “{metric}”: {}", s.message),
            format!("Résultat clé « {metric} » : {}", s.message),
            format!("Schlüsselergebnis „{metric}“: {}", s.message)
        );
        s
    }

    /// [`Explainer::finding`] of a flag, `obj` the objective it is about (for a key
    /// result, `objective#result`).
    fn finding_of(&self, flag: &Flag, obj: Option<&str>) -> Sentence {
        match &flag.finding {
            Finding::DuePassed { due } => self.due_passed(due),
            Finding::AtRisk { forecast, due } => self.at_risk(forecast, due),
            Finding::Stalled {
                last_measurement,
                days,
            } => self.stalled(last_measurement, days),
            Finding::ForecastPassed {
                forecast,
                last_measurement,
            } => self.forecast_passed(forecast, last_measurement),
            Finding::NoProgress { since } => self.no_progress(since),
            Finding::NoMeasurement { days } => self.no_measurement(days),
            Finding::Trajectory { share, band } => self.trajectory(share, band),
            Finding::PaceTooFast {
                required_per_month,
                observed_per_month,
                ratio,
                max_ratio,
            } => self.pace_too_fast(
                obj,
                required_per_month,
                observed_per_month,
                ratio,
                max_ratio,
            ),
            Finding::PaceFlatOrBackwards {
                required_per_month,
                observed_per_month,
            } => self.pace_flat_or_backwards(obj, required_per_month, observed_per_month),
            Finding::BeyondZpd {
                stretch,
                max_levels_per_month,
            } => self.stretch(stretch, *max_levels_per_month),
            Finding::NotYetStable {
                competency,
                level,
                target,
            } => self.not_yet_stable(competency, level, target),
            Finding::NotSmart { letters } => self.not_smart(letters),
            Finding::TargetMoved { moved } => self.target_moved(obj, moved),
            Finding::ActionOverdue { action, due } => self.action_overdue(action, due),
            Finding::ActionBlocked { action } => self.action_blocked(action),
            Finding::Commitment {
                rate,
                band,
                due,
                on_time,
            } => self.recent_commitment(rate, band, *due, *on_time),
            Finding::GasLow { t_score } => self.gas_low(t_score),
            Finding::CompetencyUnused { competency } => self.competency_unused(competency),
            Finding::RetentionPassed { retain_until } => self.retention_passed(retain_until),
            Finding::Sensitive { kind, id } => self.sensitive(kind, id),
            Finding::HiddenNoteCounted { session } => self.hidden_note_counted(session),
            Finding::CadenceBroken {
                last,
                days,
                cadence_days,
            } => self.cadence_broken(last, *days, *cadence_days),
            Finding::CadenceNextPassed { next, session } => self.next_session_passed(next, session),
            Finding::ContractSessionsLeft {
                left,
                fit,
                end,
                cadence_days,
            } => self.contract_sessions_left(*left, *fit, end, *cadence_days),
            Finding::ContractSessionsOver { held, agreed } => {
                self.contract_sessions_over(*held, *agreed)
            }
            Finding::ContractHoursOver { held, agreed } => self.contract_hours_over(*held, *agreed),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::{LevelMilestone, Stretch};

    fn engagement(language: &str) -> Engagement {
        let info = format!(
            "title: T\nclient: C\nkind: team\ncoach: X\nstart: 2026-01-12\nlanguage: {language}\nscale: {{min: 1, max: 5}}\ncompetencies:\n  - {{id: scrum, name: Scrum, target: 4}}\n"
        );
        Engagement {
            root: ".".into(),
            info: serde_saphyr::from_str(&info).unwrap(),
            objectives: vec![],
            assessments: vec![],
            plan: Default::default(),
            sessions: vec![],
            lessons: vec![],
            surveys: vec![],
            report: None,
            withheld: Default::default(),
            attachments: Default::default(),
        }
    }

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn time_left_counts_whole_weeks_and_then_days() {
        let en = engagement("en");
        let words = Explainer::new(&en);
        let left = |as_of: &str| words.time_left(d(as_of), d("2026-07-10"));
        assert_eq!(left("2026-06-10"), "4 weeks left", "30 days");
        assert_eq!(left("2026-06-26"), "2 weeks left", "14 days");
        assert_eq!(left("2026-07-02"), "1 week left", "8 days");
        assert_eq!(left("2026-07-04"), "6 days left");
        assert_eq!(left("2026-07-09"), "1 day left");
        assert_eq!(left("2026-07-10"), "Ended on 10 July 2026");
        let fr = engagement("fr");
        assert_eq!(
            Explainer::new(&fr).time_left(d("2026-07-04"), d("2026-07-10")),
            "6 jours restants"
        );
    }

    #[test]
    fn findings_are_worded_in_the_engagement_language() {
        let flag = Flag {
            severity: Severity::Warning,
            objective: None,
            key_result: None,
            finding: Finding::DuePassed {
                due: d("2026-03-01"),
            },
        };
        let fr = Explainer::new(&engagement("fr")).finding(&flag);
        assert_eq!(
            fr.message,
            "L’échéance du 1er mars 2026 est passée et la cible n’est pas atteinte."
        );
        let de = Explainer::new(&engagement("de")).finding(&flag);
        assert_eq!(
            de.message,
            "Das Fälligkeitsdatum 1. März 2026 ist verstrichen, das Ziel nicht erreicht."
        );
    }

    #[test]
    fn counts_take_their_language_s_plural_and_french_its_spacing() {
        let (en, fr, de) = (engagement("en"), engagement("fr"), engagement("de"));
        let (en, fr, de) = (
            Explainer::new(&en),
            Explainer::new(&fr),
            Explainer::new(&de),
        );
        assert_eq!(fr.count(Severity::Error, 0), "0 erreur");
        assert_eq!(fr.count(Severity::Error, 2), "2 erreurs");
        assert_eq!(en.count(Severity::Error, 0), "0 errors");
        assert_eq!(en.count(Severity::Error, 1), "1 error");
        assert_eq!(
            fr.timeline_summary(&[d("2026-06-11")]),
            "1 séance, le 11 juin 2026."
        );
        let two = [d("2026-06-01"), d("2026-06-11")];
        let text = fr.timeline_summary(&two);
        assert!(text.contains("intervalle\u{202f}: 10 jours"), "{text}");
        assert!(de.timeline_summary(&two).contains("Pause: 10 Tage"));
    }

    #[test]
    fn the_zpd_finding_names_realistic_milestones() {
        let stretch = Stretch {
            competency: "scrum".into(),
            current: 1,
            assessed_on: d("2026-01-12"),
            target: 3,
            months: 2.0,
            levels_per_month: 1.0,
            beyond_zpd: true,
            realistic_months: 4.0,
            milestones: vec![
                LevelMilestone {
                    level: 2,
                    by: d("2026-03-14"),
                },
                LevelMilestone {
                    level: 3,
                    by: d("2026-05-14"),
                },
            ],
        };
        let en = Explainer::new(&engagement("en")).stretch(&stretch, 0.5);
        assert_eq!(
            en.message,
            "Scrum must go from level 1 to 3 in 2 months: 1.0 levels a month, beyond the zone of proximal development (0.5 a month is realistic)."
        );
        assert_eq!(
            en.suggestion.as_deref(),
            Some(
                "About 4 months would be realistic: split into milestones, level 2 by 14 March 2026, level 3 by 14 May 2026."
            )
        );
        let de = Explainer::new(&engagement("de")).stretch(&stretch, 0.5);
        assert!(de.suggestion.unwrap().contains("Stufe 2 bis 14. März 2026"));
    }
}
