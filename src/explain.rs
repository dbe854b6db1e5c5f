//! Findings in words: turns [`crate::insight`]'s typed results into one-line sentences
//! and suggestions a coach can act on, in the engagement's language. Used by the site
//! and by `coachsite check`, so both say the same thing.

use serde::{Deserialize, Serialize};

use crate::i18n::{format_change, format_date, format_number, format_percent};
use crate::insight::{
    AdherenceBand, CommitmentBand, Finding, Flag, PaceFinding, Severity, SmartReason, Stretch,
    Tracking,
};
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

/// Picks the sentence of the language.
fn tr(lang: Language, en: String, fr: String, de: String) -> String {
    match lang {
        Language::En => en,
        Language::Fr => fr,
        Language::De => de,
    }
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

    /// A change (a pace) with its sign and the unit of the objective it belongs to.
    fn value(&self, objective: Option<&str>, v: f64) -> String {
        let unit = objective
            .and_then(|id| self.e.objective(id))
            .and_then(|o| o.front.measure.as_ref())
            .and_then(|m| m.unit.as_deref());
        format_change(v, unit, self.lang)
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
        match (s, self.lang) {
            (Severity::Error, Language::En) => "error",
            (Severity::Error, Language::Fr) => "erreur",
            (Severity::Error, Language::De) => "Fehler",
            (Severity::Warning, Language::En) => "warning",
            (Severity::Warning, Language::Fr) => "attention",
            (Severity::Warning, Language::De) => "Warnung",
            (Severity::Note, Language::En) => "note",
            (Severity::Note, Language::Fr) => "remarque",
            (Severity::Note, Language::De) => "Hinweis",
        }
    }

    /// "1 warning", "7 warnings", "2 avertissements"…
    pub fn count(&self, s: Severity, n: usize) -> String {
        let one = n == 1;
        let word = match (s, self.lang) {
            (Severity::Error, Language::En) => {
                if one {
                    "error"
                } else {
                    "errors"
                }
            }
            (Severity::Error, Language::Fr) => {
                if one {
                    "erreur"
                } else {
                    "erreurs"
                }
            }
            (Severity::Error, Language::De) => "Fehler",
            (Severity::Warning, Language::En) => {
                if one {
                    "warning"
                } else {
                    "warnings"
                }
            }
            (Severity::Warning, Language::Fr) => {
                if one {
                    "avertissement"
                } else {
                    "avertissements"
                }
            }
            (Severity::Warning, Language::De) => {
                if one {
                    "Warnung"
                } else {
                    "Warnungen"
                }
            }
            (Severity::Note, Language::En) => {
                if one {
                    "note"
                } else {
                    "notes"
                }
            }
            (Severity::Note, Language::Fr) => {
                if one {
                    "remarque"
                } else {
                    "remarques"
                }
            }
            (Severity::Note, Language::De) => {
                if one {
                    "Hinweis"
                } else {
                    "Hinweise"
                }
            }
        };
        format!("{n} {word}")
    }

    /// Where an objective stands, in a word or two.
    pub fn tracking(&self, t: Tracking) -> &'static str {
        let (en, fr, de) = match t {
            Tracking::Achieved => ("Achieved", "Atteint", "Erreicht"),
            Tracking::OnTrack => ("On track", "En bonne voie", "Auf Kurs"),
            Tracking::AtRisk => ("At risk", "En danger", "Gefährdet"),
            Tracking::Stalled => ("Stalled", "À l’arrêt", "Stockt"),
            Tracking::Overdue => ("Overdue", "En retard", "Überfällig"),
            Tracking::TooEarly => ("Too early to tell", "Trop tôt pour dire", "Noch zu früh"),
            Tracking::NoMeasurement => (
                "No measurement yet",
                "Pas encore de mesure",
                "Noch keine Messung",
            ),
            Tracking::NotJudged => ("Not judged", "Non évalué", "Nicht beurteilt"),
            Tracking::NotTracked => ("Not tracked", "Non suivi", "Nicht verfolgt"),
        };
        match self.lang {
            Language::En => en,
            Language::Fr => fr,
            Language::De => de,
        }
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
            SmartReason::NoMeasure => (
                "no measure or goal attainment scale",
                "ni mesure ni échelle d’atteinte",
                "weder Messgröße noch Zielerreichungsskala",
            ),
            SmartReason::NoBaseline => {
                ("no baseline", "pas de point de départ", "kein Ausgangswert")
            }
            SmartReason::NoTarget => ("no target", "pas de cible", "kein Zielwert"),
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
        tr(self.lang, en.into(), fr.into(), de.into())
    }

    /// The commitment band in words.
    pub fn band(&self, b: CommitmentBand) -> String {
        let (en, fr, de) = match b {
            CommitmentBand::TooLow => (
                "below 50 %: agree smaller actions",
                "sous 50 % : convenir d’actions plus petites",
                "unter 50 %: kleinere Maßnahmen vereinbaren",
            ),
            CommitmentBand::BelowHealthy => (
                "below the healthy band of 70–85 %",
                "sous la zone saine de 70 à 85 %",
                "unter dem gesunden Bereich von 70–85 %",
            ),
            CommitmentBand::Healthy => (
                "in the healthy band of 70–85 %",
                "dans la zone saine de 70 à 85 %",
                "im gesunden Bereich von 70–85 %",
            ),
            CommitmentBand::AboveHealthy => (
                "above the healthy band of 70–85 %",
                "au-dessus de la zone saine de 70 à 85 %",
                "über dem gesunden Bereich von 70–85 %",
            ),
            CommitmentBand::AlwaysFull => (
                "100 % for three periods in a row: room for more stretch",
                "100 % trois périodes de suite : place pour plus d’ambition",
                "100 % drei Zeiträume in Folge: Raum für mehr Anspruch",
            ),
        };
        tr(self.lang, en.into(), fr.into(), de.into())
    }

    /// Attendance as the sponsor sees it: sessions held and hours.
    pub fn attendance(&self, sessions: usize, minutes: u64) -> String {
        let hours = self.num(minutes as f64 / 60.0);
        let one = sessions == 1;
        tr(
            self.lang,
            format!(
                "{sessions} {} held, {hours} hours of coaching.",
                if one { "session" } else { "sessions" }
            ),
            format!(
                "{sessions} {}, {hours} heures d’accompagnement.",
                if one {
                    "séance tenue"
                } else {
                    "séances tenues"
                }
            ),
            format!(
                "{sessions} {} abgehalten, {hours} Stunden Coaching.",
                if one { "Sitzung" } else { "Sitzungen" }
            ),
        )
    }

    /// Commitment in one or two sentences, or `None` when no action was due yet.
    pub fn commitment(&self, c: &crate::insight::Commitment) -> Option<String> {
        let rate = self.pct(c.rate?);
        let (done, due) = (c.on_time, c.due);
        let mut text = tr(
            self.lang,
            format!("{rate}: {done} of {due} actions due were done on time."),
            format!("{rate} : {done} actions sur {due} prévues ont été faites à temps."),
            format!("{rate}: {done} von {due} fälligen Maßnahmen wurden rechtzeitig erledigt."),
        );
        if let (Some(recent), Some(band)) = (c.recent_rate, c.band) {
            let recent = self.pct(recent);
            let band = self.band(band);
            text.push(' ');
            text.push_str(&tr(
                self.lang,
                format!("Last eight weeks: {recent}, {band}."),
                format!("Huit dernières semaines : {recent}, {band}."),
                format!("Letzte acht Wochen: {recent}, {band}."),
            ));
        }
        Some(text)
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
            (Some(p), Some(t)) => parts.push(tr(
                self.lang,
                format!("{} of the way to the target of {}", self.pct(p), value(t)),
                format!("{} du chemin vers la cible de {}", self.pct(p), value(t)),
                format!("{} des Wegs zum Ziel von {}", self.pct(p), value(t)),
            )),
            _ => parts.push(tr(
                self.lang,
                "No progress figure yet".into(),
                "Pas encore de progression".into(),
                "Noch kein Fortschrittswert".into(),
            )),
        }
        if let (Some(v), Some(d)) = (o.latest, o.latest_date) {
            parts.push(tr(
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
                    tr(
                        self.lang,
                        format!("Forecast {f}, before the due date of {due_text}."),
                        format!("Prévision {f}, avant l’échéance du {due_text}."),
                        format!("Prognose {f}, vor dem Fälligkeitsdatum {due_text}."),
                    )
                } else {
                    tr(
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
                text.push_str(&tr(
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

    /// The finding of the radar chart: the largest gap.
    pub fn radar_summary(&self, standings: &[crate::insight::CompetencyStanding]) -> String {
        let largest = standings.iter().find(|c| c.gap.is_some_and(|g| g > 0));
        match largest.and_then(|c| Some((c, c.latest?))) {
            Some((c, latest)) => tr(self.lang,
                format!("Levels against targets for every competency. Largest gap: {} at level {latest} of a target of {}.", c.name, c.target),
                format!("Niveaux et cibles de chaque compétence. Plus grand écart : {} au niveau {latest} pour une cible de {}.", c.name, c.target),
                format!("Stufen und Ziele jeder Kompetenz. Größte Lücke: {} auf Stufe {latest} bei einem Ziel von {}.", c.name, c.target)),
            None => tr(self.lang,
                "Levels against targets for every competency: every assessed competency is at its target.".into(),
                "Niveaux et cibles de chaque compétence : chaque compétence évaluée atteint sa cible.".into(),
                "Stufen und Ziele jeder Kompetenz: jede eingeschätzte Kompetenz hat ihr Ziel erreicht.".into()),
        }
    }

    /// The finding of one competency's history: its levels in order and the target.
    pub fn history_summary(&self, name: &str, levels: &[i64], target: i64) -> String {
        let path = levels
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(" → ");
        tr(
            self.lang,
            format!("{name}: {path}; target {target}."),
            format!("{name} : {path} ; cible {target}."),
            format!("{name}: {path}; Ziel {target}."),
        )
    }

    /// The finding of the heat map.
    pub fn heat_map_summary(&self, date: Date) -> String {
        let date = self.date(date);
        tr(
            self.lang,
            format!("Each member's level per competency at the assessment of {date}."),
            format!("Niveau de chaque membre par compétence à l’évaluation du {date}."),
            format!("Stufe jedes Mitglieds je Kompetenz bei der Einschätzung vom {date}."),
        )
    }

    /// The finding of the burn-up chart.
    pub fn burn_up_summary(
        &self,
        agreed: usize,
        done: usize,
        c: &crate::insight::Commitment,
    ) -> String {
        let mut text = tr(
            self.lang,
            format!("{agreed} actions agreed, {done} done."),
            format!("{agreed} actions convenues, {done} faites."),
            format!("{agreed} Maßnahmen vereinbart, {done} erledigt."),
        );
        if let Some(commitment) = self.commitment(c) {
            text.push(' ');
            text.push_str(&commitment);
        }
        text
    }

    /// The finding of the session timeline: how many, over what period, the longest gap.
    pub fn timeline_summary(&self, dates: &[Date]) -> String {
        let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
            return String::new();
        };
        let (first, last_text, n) = (self.date(*first), self.date(*last), dates.len());
        let mut text = tr(
            self.lang,
            format!("{n} sessions from {first} to {last_text}."),
            format!("{n} séances du {first} au {last_text}."),
            format!("{n} Sitzungen vom {first} bis {last_text}."),
        );
        if let Some(gap) = dates
            .windows(2)
            .max_by_key(|w| (w[0].days_until(w[1]), std::cmp::Reverse(w[0])))
            && dates.len() > 1
        {
            let (days, from, to) = (
                gap[0].days_until(gap[1]),
                self.date(gap[0]),
                self.date(gap[1]),
            );
            text.push(' ');
            text.push_str(&tr(
                self.lang,
                format!("Longest gap: {days} days, from {from} to {to}."),
                format!("Plus long intervalle : {days} jours, du {from} au {to}."),
                format!("Längste Pause: {days} Tage, vom {from} bis {to}."),
            ));
        }
        text
    }

    /// The finding of the scaling questions chart: the latest answers.
    pub fn ratings_summary(&self, latest: &[(String, f64)]) -> String {
        let parts: Vec<String> = latest
            .iter()
            .map(|(k, v)| format!("{k} {}", self.num(*v)))
            .collect();
        tr(
            self.lang,
            format!(
                "Scaling questions over time (0–10). Latest: {}.",
                parts.join(", ")
            ),
            format!(
                "Questions d’échelle dans le temps (0–10). Dernières réponses : {}.",
                parts.join(", ")
            ),
            format!(
                "Skalierungsfragen im Zeitverlauf (0–10). Zuletzt: {}.",
                parts.join(", ")
            ),
        )
    }

    /// The pace finding in words, for the objective page.
    pub fn pace(
        &self,
        objective: &str,
        finding: PaceFinding,
        required_per_month: f64,
        observed: Option<f64>,
    ) -> String {
        let req = self.value(Some(objective), required_per_month);
        let obs = observed
            .map(|o| self.value(Some(objective), o))
            .unwrap_or_default();
        match finding {
            PaceFinding::Realistic => tr(
                self.lang,
                format!("Needs {req} a month; the trend gives {obs} a month: realistic."),
                format!("Il faut {req} par mois ; la tendance donne {obs} par mois : réaliste."),
                format!(
                    "Nötig sind {req} pro Monat; der Trend liefert {obs} pro Monat: realistisch."
                ),
            ),
            PaceFinding::TooFast => tr(
                self.lang,
                format!("Needs {req} a month, far faster than the {obs} a month observed."),
                format!("Il faut {req} par mois, bien plus que les {obs} par mois observés."),
                format!(
                    "Nötig sind {req} pro Monat, weit mehr als die beobachteten {obs} pro Monat."
                ),
            ),
            PaceFinding::FlatOrBackwards => tr(
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
            PaceFinding::Unknown => tr(
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
                message: tr(
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
        let one = lpm == "1";
        let (levels_en, levels_fr, levels_de) = if one {
            ("level", "niveau", "Stufe")
        } else {
            ("levels", "niveaux", "Stufen")
        };
        let realistic = self.num(s.realistic_months);
        let max = self.num(max_levels_per_month);
        let steps: Vec<String> = s
            .milestones
            .iter()
            .map(|m| {
                tr(
                    self.lang,
                    format!("level {} by {}", m.level, self.date(m.by)),
                    format!("niveau {} au {}", m.level, self.date(m.by)),
                    format!("Stufe {} bis {}", m.level, self.date(m.by)),
                )
            })
            .collect();
        let steps = steps.join(", ");
        Sentence {
            message: tr(
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
            suggestion: Some(tr(
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

    /// A finding as a sentence with its suggestion.
    pub fn finding(&self, flag: &Flag) -> Sentence {
        let obj = flag.objective.as_deref();
        let lang = self.lang;
        let say = |en: String, fr: String, de: String| tr(lang, en, fr, de);
        let (message, suggestion) = match &flag.finding {
            Finding::DuePassed { due } => {
                let due = self.date(*due);
                (
                    say(format!("The due date {due} has passed and the target is not reached."),
                        format!("L’échéance du {due} est passée et la cible n’est pas atteinte."),
                        format!("Das Fälligkeitsdatum {due} ist verstrichen, das Ziel nicht erreicht.")),
                    Some(say("Agree a new due date or a smaller target with the client, or mark the objective achieved, paused or dropped.".into(),
                        "Convenir avec le client d’une nouvelle échéance ou d’une cible plus modeste, ou marquer l’objectif atteint, en pause ou abandonné.".into(),
                        "Mit dem Klienten ein neues Datum oder ein kleineres Ziel vereinbaren, oder das Ziel als erreicht, pausiert oder aufgegeben markieren.".into())),
                )
            }
            Finding::AtRisk { forecast, due } => {
                let due = self.date(*due);
                let message = match forecast {
                    Some(f) => {
                        let f = self.date(*f);
                        say(format!("At this trend the target is reached around {f}, after the due date {due}."),
                            format!("À cette tendance, la cible sera atteinte vers le {f}, après l’échéance du {due}."),
                            format!("Bei diesem Trend wird das Ziel um den {f} erreicht, nach dem Fälligkeitsdatum {due}."))
                    }
                    None => say(format!("At this trend the target is never reached (due {due})."),
                        format!("À cette tendance, la cible ne sera jamais atteinte (échéance {due})."),
                        format!("Bei diesem Trend wird das Ziel nie erreicht (fällig {due}).")),
                };
                (message, Some(say("Review the actions for this objective, or re-plan it with intermediate milestones.".into(),
                    "Revoir les actions de cet objectif, ou le replanifier avec des jalons intermédiaires.".into(),
                    "Die Maßnahmen zu diesem Ziel überprüfen oder es mit Zwischenzielen neu planen.".into())))
            }
            Finding::Stalled { last_measurement, days } => {
                let last = self.date(*last_measurement);
                (
                    say(format!("No measurement for {days} days (last on {last})."),
                        format!("Aucune mesure depuis {days} jours (dernière le {last})."),
                        format!("Seit {days} Tagen keine Messung (zuletzt am {last}).")),
                    Some(say("Measure again, or ask in the next session whether the objective still matters.".into(),
                        "Mesurer à nouveau, ou demander à la prochaine séance si l’objectif compte encore.".into(),
                        "Erneut messen oder in der nächsten Sitzung fragen, ob das Ziel noch zählt.".into())),
                )
            }
            Finding::NoProgress { since } => {
                let since = self.date(*since);
                (
                    say(format!("No progress over the last three measurements (since {since})."),
                        format!("Aucun progrès sur les trois dernières mesures (depuis le {since})."),
                        format!("Kein Fortschritt in den letzten drei Messungen (seit {since}).")),
                    Some(say("Explore what is in the way in the next session; consider a smaller next step.".into(),
                        "Explorer ce qui bloque à la prochaine séance ; envisager une étape plus petite.".into(),
                        "In der nächsten Sitzung erkunden, was im Weg steht; einen kleineren nächsten Schritt erwägen.".into())),
                )
            }
            Finding::NoMeasurement { days } => (
                say(format!("No measurement yet, {days} days after the start."),
                    format!("Pas encore de mesure, {days} jours après le début."),
                    format!("Noch keine Messung, {days} Tage nach dem Start.")),
                Some(say("Record a first measurement, so progress can be seen.".into(),
                    "Enregistrer une première mesure pour rendre le progrès visible.".into(),
                    "Eine erste Messung erfassen, damit Fortschritt sichtbar wird.".into())),
            ),
            Finding::Trajectory { share, band } => {
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
            }
            Finding::PaceTooFast { required_per_month, observed_per_month, ratio, max_ratio } => (
                say(format!("Needs {} a month, {}× the {} a month observed (more than {}×).", self.value(obj, *required_per_month), self.num(*ratio), self.value(obj, *observed_per_month), self.num(*max_ratio)),
                    format!("Il faut {} par mois, {}× les {} par mois observés (plus de {}×).", self.value(obj, *required_per_month), self.num(*ratio), self.value(obj, *observed_per_month), self.num(*max_ratio)),
                    format!("Nötig sind {} pro Monat, das {}-Fache der beobachteten {} pro Monat (mehr als {}×).", self.value(obj, *required_per_month), self.num(*ratio), self.value(obj, *observed_per_month), self.num(*max_ratio))),
                Some(say("The objective asks for far faster progress than observed: split it into intermediate milestones.".into(),
                    "L’objectif demande un progrès bien plus rapide que celui observé : le découper en jalons intermédiaires.".into(),
                    "Das Ziel verlangt viel schnelleren Fortschritt als beobachtet: in Zwischenziele aufteilen.".into())),
            ),
            Finding::PaceFlatOrBackwards { required_per_month, observed_per_month } => (
                say(format!("Needs {} a month, but the trend is flat or going the wrong way ({} a month).", self.value(obj, *required_per_month), self.value(obj, *observed_per_month)),
                    format!("Il faut {} par mois, mais la tendance est plate ou va dans le mauvais sens ({} par mois).", self.value(obj, *required_per_month), self.value(obj, *observed_per_month)),
                    format!("Nötig sind {} pro Monat, aber der Trend ist flach oder rückläufig ({} pro Monat).", self.value(obj, *required_per_month), self.value(obj, *observed_per_month))),
                Some(say("Look at what changed with the client; re-plan with a first small, stable success.".into(),
                    "Regarder ce qui a changé avec le client ; replanifier avec un premier petit succès stable.".into(),
                    "Mit dem Klienten anschauen, was sich geändert hat; mit einem ersten kleinen, stabilen Erfolg neu planen.".into())),
            ),
            Finding::BeyondZpd { stretch, max_levels_per_month } => {
                let s = self.stretch(stretch, *max_levels_per_month);
                (s.message, s.suggestion)
            }
            Finding::NotYetStable { competency, level, target } => {
                let name = self.competency(competency);
                (
                    say(format!("{name} reached level {level} in only one assessment; the objective aims for {target}."),
                        format!("{name} n’a atteint le niveau {level} qu’à une seule évaluation ; l’objectif vise {target}."),
                        format!("{name} hat Stufe {level} erst in einer Einschätzung erreicht; das Ziel ist {target}.")),
                    Some(say(format!("Build on small stable successes: consolidate level {level} over two assessments before aiming higher."),
                        format!("S’appuyer sur de petits succès stables : consolider le niveau {level} sur deux évaluations avant de viser plus haut."),
                        format!("Auf kleinen, stabilen Erfolgen aufbauen: Stufe {level} über zwei Einschätzungen festigen, bevor höher gezielt wird."))),
                )
            }
            Finding::NotSmart { letters } => {
                let parts: Vec<String> = letters
                    .iter()
                    .map(|l| {
                        let reasons: Vec<String> = l.reasons.iter().map(|r| self.smart_reason(*r)).collect();
                        format!("{}: {}", l.letter, reasons.join(", "))
                    })
                    .collect();
                (
                    say(format!("Not SMART yet. {}.", parts.join("; ")),
                        format!("Pas encore SMART. {}.", parts.join(" ; ")),
                        format!("Noch nicht SMART. {}.", parts.join("; "))),
                    Some(say("Complete the objective's front matter with the client.".into(),
                        "Compléter la description de l’objectif avec le client.".into(),
                        "Die Beschreibung des Ziels mit dem Klienten vervollständigen.".into())),
                )
            }
            Finding::ActionOverdue { action, due } => {
                let title = self.action(action);
                let due = self.date(*due);
                (
                    say(format!("“{title}” was due on {due} and is still open."),
                        format!("« {title} » était prévue le {due} et est toujours en cours."),
                        format!("„{title}“ war am {due} fällig und ist noch offen.")),
                    Some(say("Review it in the next session: done, re-planned or dropped?".into(),
                        "La revoir à la prochaine séance : faite, replanifiée ou abandonnée ?".into(),
                        "In der nächsten Sitzung besprechen: erledigt, neu geplant oder verworfen?".into())),
                )
            }
            Finding::ActionBlocked { action } => {
                let title = self.action(action);
                (
                    say(format!("“{title}” is blocked."), format!("« {title} » est bloquée."), format!("„{title}“ ist blockiert.")),
                    Some(say("Ask what would unblock it, and who can help.".into(),
                        "Demander ce qui la débloquerait, et qui peut aider.".into(),
                        "Fragen, was sie freigeben würde und wer helfen kann.".into())),
                )
            }
            Finding::Commitment { rate, band } => {
                let rate = self.pct(*rate);
                let band = self.band(*band);
                (
                    say(format!("Commitment over the last eight weeks is {rate}: {band}."),
                        format!("L’engagement sur les huit dernières semaines est de {rate} : {band}."),
                        format!("Die Verbindlichkeit der letzten acht Wochen liegt bei {rate}: {band}.")),
                    None,
                )
            }
            Finding::GasLow { t_score } => (
                say(format!("The GAS T-score is {}, well below 50.", self.num(*t_score)),
                    format!("Le score T GAS est de {}, bien en dessous de 50.", self.num(*t_score)),
                    format!("Der GAS-T-Wert liegt bei {}, deutlich unter 50.", self.num(*t_score))),
                Some(say("The expected levels were probably set too high: recalibrate them with the client.".into(),
                    "Les niveaux attendus ont sans doute été fixés trop haut : les recalibrer avec le client.".into(),
                    "Die erwarteten Stufen waren wohl zu hoch angesetzt: mit dem Klienten neu kalibrieren.".into())),
            ),
            Finding::CompetencyUnused { competency } => {
                let name = self.competency(competency);
                (
                    say(format!("No objective needs the competency {name}."),
                        format!("Aucun objectif ne requiert la compétence {name}."),
                        format!("Kein Ziel braucht die Kompetenz {name}.")),
                    Some(say("Link it from an objective's `competencies`, or remove it from engagement.yaml.".into(),
                        "La lier dans les `competencies` d’un objectif, ou la retirer d’engagement.yaml.".into(),
                        "Sie in den `competencies` eines Ziels verknüpfen oder aus engagement.yaml entfernen.".into())),
                )
            }
            Finding::RetentionPassed { retain_until } => {
                let date = self.date(*retain_until);
                (
                    say(format!("The retention date {date} has passed: this engagement's data should no longer be kept."),
                        format!("La date de conservation du {date} est passée : les données de cet accompagnement ne devraient plus être conservées."),
                        format!("Das Aufbewahrungsdatum {date} ist verstrichen: die Daten dieses Coachings sollten nicht mehr aufbewahrt werden.")),
                    Some(say("Delete the engagement's repository, or agree a new retention date with the client.".into(),
                        "Supprimer le dépôt de l’accompagnement, ou convenir d’une nouvelle date avec le client.".into(),
                        "Das Repository des Coachings löschen oder mit dem Klienten ein neues Datum vereinbaren.".into())),
                )
            }
            Finding::Sensitive { kind, id } => (
                say(format!("The {kind} `{id}` is marked sensitive: it is left out of every site but the coach's."),
                    format!("L’élément {kind} `{id}` est marqué sensible : il est exclu de tous les sites sauf celui du coach."),
                    format!("Das Element {kind} `{id}` ist als sensibel markiert: es fehlt in allen Websites außer der des Coachs.")),
                None,
            ),
        };
        Sentence {
            message,
            suggestion,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::LevelMilestone;

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
        }
    }

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn findings_are_worded_in_the_engagement_language() {
        let flag = Flag {
            severity: Severity::Warning,
            objective: None,
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
            "Scrum must go from level 1 to 3 in 2 months: 1 level a month, beyond the zone of proximal development (0.5 a month is realistic)."
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
