//! Objectives in words: where one stands, why a SMART letter fails, its progress chart,
//! its pace, the zone-of-proximal-development check, and its findings.

use super::{Explainer, Sentence};
use crate::i18n::Word;
use crate::insight::{AdherenceBand, PaceFinding, SmartLetter, SmartReason, Stretch, Tracking};
use crate::model::Date;

impl Explainer<'_> {
    /// Where an objective stands, in a word or two.
    pub fn tracking(&self, t: Tracking) -> &'static str {
        let word = match t {
            Tracking::Achieved => Word::TrackingAchieved,
            Tracking::OnTrack => Word::TrackingOnTrack,
            Tracking::AtRisk => Word::TrackingAtRisk,
            Tracking::Stalled => Word::TrackingStalled,
            Tracking::Stale => Word::TrackingStale,
            Tracking::Overdue => Word::TrackingOverdue,
            Tracking::TooEarly => Word::TrackingTooEarly,
            Tracking::NoMeasurement => Word::TrackingNoMeasurement,
            Tracking::NotJudged => Word::TrackingNotJudged,
            Tracking::NotTracked => Word::TrackingNotTracked,
            Tracking::NotShared => Word::TrackingNotShared,
        };
        crate::i18n::word(self.lang, word)
    }

    /// Why a SMART letter fails.
    pub fn smart_reason(&self, r: SmartReason) -> String {
        let (en, fr, de) = match r {
            SmartReason::NoSpecific => (
                "no `specific` statement",
                "pas d’énoncé `specific`",
                "keine Angabe `specific`",
            ),
            SmartReason::SpecificTooShort => (
                "the statement is too short to be specific",
                "l’énoncé est trop court pour être précis",
                "die Angabe ist zu kurz, um spezifisch zu sein",
            ),
            SmartReason::SpecificVague => (
                "say what anyone could see or count once it is reached: who does what, how often",
                "dire ce que chacun pourrait voir ou compter une fois l’objectif atteint : qui fait quoi, à quelle fréquence",
                "sagen, was man sehen oder zählen könnte, wenn es erreicht ist: wer tut was, wie oft",
            ),
            SmartReason::NoMeasure => (
                "no measure or goal attainment scale",
                "ni mesure ni échelle d’atteinte",
                "weder Messgröße noch Zielerreichungsskala",
            ),
            SmartReason::NoBaseline => {
                ("no baseline", "pas de point de départ", "kein Ausgangswert")
            }
            SmartReason::NoTarget => ("no target", "pas de cible", "kein Zielwert"),
            SmartReason::KeyResultNoTarget => (
                "a key result has no target",
                "un résultat clé n’a pas de cible",
                "ein Schlüsselergebnis hat keinen Zielwert",
            ),
            SmartReason::NoAchievable => (
                "not said why it is achievable",
                "pas dit pourquoi c’est atteignable",
                "nicht begründet, warum es erreichbar ist",
            ),
            SmartReason::BeyondZpd => (
                "beyond the zone of proximal development",
                "au-delà de la zone proximale de développement",
                "jenseits der Zone der nächsten Entwicklung",
            ),
            SmartReason::NoRelevant => (
                "not said why it matters",
                "pas dit pourquoi c’est important",
                "nicht begründet, warum es wichtig ist",
            ),
            SmartReason::NoDue => ("no due date", "pas d’échéance", "kein Fälligkeitsdatum"),
            SmartReason::DueBeforeStart => (
                "the due date is not after the start",
                "l’échéance n’est pas après le début",
                "das Fälligkeitsdatum liegt nicht nach dem Start",
            ),
        };
        tr!(self.lang, en.into(), fr.into(), de.into())
    }

    /// The finding of an objective's progress chart, for its description.
    pub fn progress_summary(
        &self,
        o: &crate::insight::ObjectiveInsight,
        unit: Option<&str>,
        gas: bool,
    ) -> String {
        let value = |v: f64| {
            if gas {
                crate::i18n::format_change(v, None, self.lang)
            } else {
                crate::i18n::format_value(v, unit, self.lang)
            }
        };
        let mut parts = Vec::new();
        match (o.progress, o.target) {
            (Some(p), Some(t)) => parts.push(tr!(
                self.lang,
                format!("{} of the way to the target of {}", self.pct(p), value(t)),
                format!("{} du chemin vers la cible de {}", self.pct(p), value(t)),
                format!("{} des Wegs zum Ziel von {}", self.pct(p), value(t)),
            )),
            _ => parts.push(tr!(
                self.lang,
                "No progress figure yet".into(),
                "Pas encore de progression".into(),
                "Noch kein Fortschrittswert".into(),
            )),
        }
        if let (Some(v), Some(d)) = (o.latest, o.latest_date) {
            parts.push(tr!(
                self.lang,
                format!("latest {} on {}", value(v), self.date(d)),
                format!("dernière valeur {} le {}", value(v), self.date(d)),
                format!("zuletzt {} am {}", value(v), self.date(d)),
            ));
        }
        let mut text = parts.join("; ");
        text.push('.');
        match (o.forecast, o.due) {
            (Some(f), Some(due)) => {
                let (f, due_text) = (self.date(f), self.date(due));
                text.push(' ');
                text.push_str(&if o.forecast <= Some(due) {
                    tr!(
                        self.lang,
                        format!("Forecast {f}, before the due date of {due_text}."),
                        format!("Prévision {f}, avant l’échéance du {due_text}."),
                        format!("Prognose {f}, vor dem Fälligkeitsdatum {due_text}."),
                    )
                } else {
                    tr!(
                        self.lang,
                        format!("Forecast {f}, after the due date of {due_text}."),
                        format!("Prévision {f}, après l’échéance du {due_text}."),
                        format!("Prognose {f}, nach dem Fälligkeitsdatum {due_text}."),
                    )
                });
            }
            (None, Some(due)) => {
                let due = self.date(due);
                text.push(' ');
                text.push_str(&tr!(
                    self.lang,
                    format!("Due {due}."),
                    format!("Échéance {due}."),
                    format!("Fällig {due}."),
                ));
            }
            _ => {}
        }
        text
    }

    /// The pace finding in words, for the objective page.
    pub fn pace(
        &self,
        objective: &str,
        finding: PaceFinding,
        required_per_month: f64,
        observed: Option<f64>,
    ) -> String {
        let [req, obs] = self.values(
            Some(objective),
            [required_per_month, observed.unwrap_or(f64::NAN)],
        );
        match finding {
            PaceFinding::Realistic => tr!(
                self.lang,
                format!("Needs {req} a month; the trend gives {obs} a month: realistic."),
                format!("Il faut {req} par mois ; la tendance donne {obs} par mois : réaliste."),
                format!(
                    "Nötig sind {req} pro Monat; der Trend liefert {obs} pro Monat: realistisch."
                ),
            ),
            PaceFinding::TooFast => tr!(
                self.lang,
                format!("Needs {req} a month, far faster than the {obs} a month observed."),
                format!("Il faut {req} par mois, bien plus que les {obs} par mois observés."),
                format!(
                    "Nötig sind {req} pro Monat, weit mehr als die beobachteten {obs} pro Monat."
                ),
            ),
            PaceFinding::FlatOrBackwards => tr!(
                self.lang,
                format!(
                    "Needs {req} a month, but the trend is flat or going the wrong way ({obs} a month)."
                ),
                format!(
                    "Il faut {req} par mois, mais la tendance est plate ou va dans le mauvais sens ({obs} par mois)."
                ),
                format!(
                    "Nötig sind {req} pro Monat, aber der Trend ist flach oder rückläufig ({obs} pro Monat)."
                ),
            ),
            PaceFinding::Unknown => tr!(
                self.lang,
                format!(
                    "Needs {req} a month; two measurements are needed to compare with a trend."
                ),
                format!(
                    "Il faut {req} par mois ; deux mesures sont nécessaires pour comparer à une tendance."
                ),
                format!(
                    "Nötig sind {req} pro Monat; für einen Trendvergleich braucht es zwei Messungen."
                ),
            ),
        }
    }

    /// The ZPD finding of one competency, in plain words.
    pub fn stretch(&self, s: &Stretch, max_levels_per_month: f64) -> Sentence {
        let name = self.competency(&s.competency);
        let (cur, tgt) = (s.current, s.target);
        let months = self.num(s.months);
        let lpm = self.num(s.levels_per_month);
        if !s.beyond_zpd {
            return Sentence {
                message: tr!(
                    self.lang,
                    format!(
                        "{name}: level {cur} → {tgt} in {months} months ({lpm} a month) is within reach."
                    ),
                    format!(
                        "{name} : niveau {cur} → {tgt} en {months} mois ({lpm} par mois), c’est à portée."
                    ),
                    format!(
                        "{name}: Stufe {cur} → {tgt} in {months} Monaten ({lpm} pro Monat) ist erreichbar."
                    ),
                ),
                suggestion: None,
            };
        }
        // The pace asked for and the realistic one, at one precision.
        let [lpm, max] = crate::i18n::format_numbers_alike(
            [s.levels_per_month, max_levels_per_month],
            self.lang,
        );
        let one = crate::i18n::one_as_shown(self.lang, s.levels_per_month, &lpm);
        let (levels_en, levels_fr, levels_de) = if one {
            ("level", "niveau", "Stufe")
        } else {
            ("levels", "niveaux", "Stufen")
        };
        let realistic = self.num(s.realistic_months);
        let steps: Vec<String> = s
            .milestones
            .iter()
            .map(|m| {
                tr!(
                    self.lang,
                    format!("level {} by {}", m.level, self.date(m.by)),
                    format!("niveau {} au {}", m.level, self.date(m.by)),
                    format!("Stufe {} bis {}", m.level, self.date(m.by)),
                )
            })
            .collect();
        let steps = steps.join(", ");
        Sentence {
            message: tr!(
                self.lang,
                format!(
                    "{name} must go from level {cur} to {tgt} in {months} months: {lpm} {levels_en} a month, beyond the zone of proximal development ({max} a month is realistic)."
                ),
                format!(
                    "{name} doit passer du niveau {cur} à {tgt} en {months} mois : {lpm} {levels_fr} par mois, au-delà de la zone proximale de développement ({max} par mois est réaliste)."
                ),
                format!(
                    "{name} soll in {months} Monaten von Stufe {cur} auf {tgt} steigen: {lpm} {levels_de} pro Monat, jenseits der Zone der nächsten Entwicklung ({max} pro Monat ist realistisch)."
                ),
            ),
            suggestion: Some(tr!(
                self.lang,
                format!(
                    "About {realistic} months would be realistic: split into milestones, {steps}."
                ),
                format!(
                    "Environ {realistic} mois seraient réalistes : découper en jalons, {steps}."
                ),
                format!(
                    "Etwa {realistic} Monate wären realistisch: in Meilensteine aufteilen, {steps}."
                ),
            )),
        }
    }

    /// The due date has passed and the target is not reached.
    pub(super) fn due_passed(&self, due: &Date) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let (message, suggestion) = {
            let due = self.date(*due);
            (
                say(format!("The due date {due} has passed and the target is not reached."),
                    format!("L’échéance du {due} est passée et la cible n’est pas atteinte."),
                    format!("Das Fälligkeitsdatum {due} ist verstrichen, das Ziel nicht erreicht.")),
                Some(say("Agree a new due date or a smaller target with the client, or mark the objective achieved, paused or dropped.".into(),
                    "Convenir avec le client d’une nouvelle échéance ou d’une cible plus modeste, ou marquer l’objectif atteint, en pause ou abandonné.".into(),
                    "Mit dem Klienten ein neues Datum oder ein kleineres Ziel vereinbaren, oder das Ziel als erreicht, pausiert oder aufgegeben markieren.".into())),
            )
        };
        Sentence {
            message,
            suggestion,
        }
    }

    /// The trend reaches the target after the due date, or never.
    pub(super) fn at_risk(&self, forecast: &Option<Date>, due: &Date) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let (message, suggestion) = {
            let due = self.date(*due);
            let message = match forecast {
                Some(f) => {
                    let f = self.date(*f);
                    say(
                        format!(
                            "At this trend the target is reached around {f}, after the due date {due}."
                        ),
                        format!(
                            "À cette tendance, la cible sera atteinte vers le {f}, après l’échéance du {due}."
                        ),
                        format!(
                            "Bei diesem Trend wird das Ziel um den {f} erreicht, nach dem Fälligkeitsdatum {due}."
                        ),
                    )
                }
                None => say(
                    format!("At this trend the target is never reached (due {due})."),
                    format!("À cette tendance, la cible ne sera jamais atteinte (échéance {due})."),
                    format!("Bei diesem Trend wird das Ziel nie erreicht (fällig {due})."),
                ),
            };
            (message, Some(say("Review the actions for this objective, or re-plan it with intermediate milestones.".into(),
                "Revoir les actions de cet objectif, ou le replanifier avec des jalons intermédiaires.".into(),
                "Die Maßnahmen zu diesem Ziel überprüfen oder es mit Zwischenzielen neu planen.".into())))
        };
        Sentence {
            message,
            suggestion,
        }
    }

    /// No measurement for longer than `zpd.stalled_after_days`.
    pub(super) fn stalled(&self, last_measurement: &Date, days: &i64) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let (message, suggestion) = {
            let last = self.date(*last_measurement);
            (
                say(format!("No measurement for {days} days (last on {last})."),
                    format!("Aucune mesure depuis {days} jours (dernière le {last})."),
                    format!("Seit {days} Tagen keine Messung (zuletzt am {last}).")),
                Some(say("Measure again, or ask in the next session whether the objective still matters.".into(),
                    "Mesurer à nouveau, ou demander à la prochaine séance si l’objectif compte encore.".into(),
                    "Erneut messen oder in der nächsten Sitzung fragen, ob das Ziel noch zählt.".into())),
            )
        };
        Sentence {
            message,
            suggestion,
        }
    }

    /// The forecast's date passed without the target.
    pub(super) fn forecast_passed(&self, forecast: &Date, last: &Date) -> Sentence {
        let (forecast, last) = (self.date(*forecast), self.date(*last));
        Sentence {
            message: tr!(
                self.lang,
                format!(
                    "The trend said the target would be reached around {forecast}; the last measurement, on {last}, does not show it."
                ),
                format!(
                    "La tendance annonçait la cible vers le {forecast} ; la dernière mesure, le {last}, ne la montre pas."
                ),
                format!(
                    "Der Trend sagte das Ziel für etwa {forecast} voraus; die letzte Messung am {last} zeigt es nicht."
                ),
            ),
            suggestion: Some(tr!(
                self.lang,
                "Measure again: the forecast is out of date until then.".to_string(),
                "Mesurer à nouveau : la prévision est dépassée d’ici là.".to_string(),
                "Erneut messen: bis dahin ist die Prognose überholt.".to_string(),
            )),
        }
    }

    /// No progress over the last three measurements.
    pub(super) fn no_progress(&self, since: &Date) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let (message, suggestion) = {
            let since = self.date(*since);
            (
                say(format!("No progress over the last three measurements (since {since})."),
                    format!("Aucun progrès sur les trois dernières mesures (depuis le {since})."),
                    format!("Kein Fortschritt in den letzten drei Messungen (seit {since}).")),
                Some(say("Explore what is in the way in the next session; consider a smaller next step.".into(),
                    "Explorer ce qui bloque à la prochaine séance ; envisager une étape plus petite.".into(),
                    "In der nächsten Sitzung erkunden, was im Weg steht; einen kleineren nächsten Schritt erwägen.".into())),
            )
        };
        Sentence {
            message,
            suggestion,
        }
    }

    /// No measurement yet, long after the start.
    pub(super) fn no_measurement(&self, days: &i64) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let (message, suggestion) = (
            say(
                format!("No measurement yet, {days} days after the start."),
                format!("Pas encore de mesure, {days} jours après le début."),
                format!("Noch keine Messung, {days} Tage nach dem Start."),
            ),
            Some(say(
                "Record a first measurement, so progress can be seen.".into(),
                "Enregistrer une première mesure pour rendre le progrès visible.".into(),
                "Eine erste Messung erfassen, damit Fortschritt sichtbar wird.".into(),
            )),
        );
        Sentence {
            message,
            suggestion,
        }
    }

    /// How far along the planned trajectory the objective is.
    pub(super) fn trajectory(&self, share: &f64, band: &AdherenceBand) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let (message, suggestion) = {
            let share = self.pct(*share);
            match band {
                AdherenceBand::Revise => (
                    say(format!("Only {share} of where the plan says it should be by now."),
                        format!("Seulement {share} de là où le plan prévoit d’en être."),
                        format!("Nur {share} dessen, was laut Plan jetzt erreicht sein sollte.")),
                    Some(say("Revise the objective: a later due date, a smaller target, or intermediate milestones.".into(),
                        "Réviser l’objectif : une échéance plus tardive, une cible plus modeste ou des jalons intermédiaires.".into(),
                        "Das Ziel überarbeiten: ein späteres Datum, ein kleineres Ziel oder Zwischenziele.".into())),
                ),
                _ => (
                    say(format!("{share} of where the plan says it should be by now."),
                        format!("{share} de là où le plan prévoit d’en être."),
                        format!("{share} dessen, was laut Plan jetzt erreicht sein sollte.")),
                    None,
                ),
            }
        };
        Sentence {
            message,
            suggestion,
        }
    }

    /// The pace needed is far above the pace observed.
    pub(super) fn pace_too_fast(
        &self,
        obj: Option<&str>,
        required_per_month: &f64,
        observed_per_month: &f64,
        ratio: &f64,
        max_ratio: &f64,
    ) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let [req, obs] = self.values(obj, [*required_per_month, *observed_per_month]);
        let (ratio, max) = (self.num(*ratio), self.num(*max_ratio));
        let (message, suggestion) = (
            say(format!("Needs {req} a month, {ratio}× the {obs} a month observed (more than {max}×)."),
                format!("Il faut {req} par mois, {ratio}× les {obs} par mois observés (plus de {max}×)."),
                format!("Nötig sind {req} pro Monat, das {ratio}-Fache der beobachteten {obs} pro Monat (mehr als {max}×).")),
            Some(say("The objective asks for far faster progress than observed: split it into intermediate milestones.".into(),
                "L’objectif demande un progrès bien plus rapide que celui observé : le découper en jalons intermédiaires.".into(),
                "Das Ziel verlangt viel schnelleren Fortschritt als beobachtet: in Zwischenziele aufteilen.".into())),
        );
        Sentence {
            message,
            suggestion,
        }
    }

    /// A pace is needed but the trend is flat or going the wrong way.
    pub(super) fn pace_flat_or_backwards(
        &self,
        obj: Option<&str>,
        required_per_month: &f64,
        observed_per_month: &f64,
    ) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let [req, obs] = self.values(obj, [*required_per_month, *observed_per_month]);
        let (message, suggestion) = (
            say(format!("Needs {req} a month, but the trend is flat or going the wrong way ({obs} a month)."),
                format!("Il faut {req} par mois, mais la tendance est plate ou va dans le mauvais sens ({obs} par mois)."),
                format!("Nötig sind {req} pro Monat, aber der Trend ist flach oder rückläufig ({obs} pro Monat).")),
            Some(say("Look at what changed with the client; re-plan with a first small, stable success.".into(),
                "Regarder ce qui a changé avec le client ; replanifier avec un premier petit succès stable.".into(),
                "Mit dem Klienten anschauen, was sich geändert hat; mit einem ersten kleinen, stabilen Erfolg neu planen.".into())),
        );
        Sentence {
            message,
            suggestion,
        }
    }

    /// The SMART letters that fail, with their reasons.
    pub(super) fn not_smart(&self, letters: &[SmartLetter]) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let (message, suggestion) = {
            let parts: Vec<String> = letters
                .iter()
                .map(|l| {
                    let reasons: Vec<String> =
                        l.reasons.iter().map(|r| self.smart_reason(*r)).collect();
                    format!("{}: {}", l.letter, reasons.join(", "))
                })
                .collect();
            (
                say(
                    format!("Not SMART yet. {}.", parts.join("; ")),
                    format!("Pas encore SMART. {}.", parts.join(" ; ")),
                    format!("Noch nicht SMART. {}.", parts.join("; ")),
                ),
                Some(say(
                    "Complete the objective's front matter with the client.".into(),
                    "Compléter la description de l’objectif avec le client.".into(),
                    "Die Beschreibung des Ziels mit dem Klienten vervollständigen.".into(),
                )),
            )
        };
        Sentence {
            message,
            suggestion,
        }
    }
}
