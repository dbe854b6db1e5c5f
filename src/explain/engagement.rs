//! The engagement as a whole in words: attendance, the session timeline, the scaling
//! questions, and the findings about the whole engagement (GAS, retention, sensitive items).

use super::{Explainer, Sentence};
use crate::model::Date;

impl Explainer<'_> {
    /// The time left until the engagement's end in whole weeks (the days, under a week),
    /// or when it ended.
    pub fn time_left(&self, as_of: Date, end: Date) -> String {
        let days = as_of.days_until(end);
        if days <= 0 {
            let end = self.date(end);
            return tr!(
                self.lang,
                format!("Ended on {end}"),
                format!("Terminé le {end}"),
                format!("Beendet am {end}"),
            );
        }
        // Whole weeks, never more than are left: 30 days are 4 weeks, not 5; under a
        // week, the days.
        if days < 7 {
            let one = crate::i18n::one(self.lang, days as f64);
            return tr!(
                self.lang,
                format!("{days} {} left", if one { "day" } else { "days" }),
                format!(
                    "{days} {}",
                    if one {
                        "jour restant"
                    } else {
                        "jours restants"
                    }
                ),
                format!("noch {days} {}", if one { "Tag" } else { "Tage" }),
            );
        }
        let weeks = days / 7;
        let one = crate::i18n::one(self.lang, weeks as f64);
        tr!(
            self.lang,
            format!("{weeks} {} left", if one { "week" } else { "weeks" }),
            format!(
                "{weeks} {}",
                if one {
                    "semaine restante"
                } else {
                    "semaines restantes"
                }
            ),
            format!("noch {weeks} {}", if one { "Woche" } else { "Wochen" }),
        )
    }

    /// The average progress of the objectives that have a progress figure.
    pub fn average_progress(&self, average: f64, objectives: usize) -> String {
        let pct = self.pct(average);
        let one = crate::i18n::one(self.lang, objectives as f64);
        tr!(
            self.lang,
            format!(
                "{pct} on average over {objectives} {}",
                if one { "objective" } else { "objectives" }
            ),
            format!(
                "{pct} en moyenne sur {objectives} {}",
                if one { "objectif" } else { "objectifs" }
            ),
            format!(
                "{pct} im Mittel über {objectives} {}",
                if one { "Ziel" } else { "Ziele" }
            ),
        )
    }

    /// Sessions held and hours, without a contract: "12 sessions held, 18.75 hours of
    /// coaching." (with one, [`Self::contract_attendance`]).
    pub fn attendance(&self, sessions: usize, minutes: u64) -> String {
        self.contract_attendance(&crate::insight::ContractUse {
            sessions: None,
            sessions_held: sessions,
            hours: None,
            hours_held: minutes as f64 / 60.0,
            cadence_days: None,
        })
    }

    /// The finding of the session timeline: how many, over what period, the longest gap.
    pub fn timeline_summary(&self, dates: &[Date]) -> String {
        let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
            return String::new();
        };
        let (first, last_text, n) = (self.date(*first), self.date(*last), dates.len());
        let mut text = if n == 1 {
            tr!(
                self.lang,
                format!("1 session, on {first}."),
                format!("1 séance, le {first}."),
                format!("1 Sitzung, am {first}."),
            )
        } else {
            tr!(
                self.lang,
                format!("{n} sessions from {first} to {last_text}."),
                format!("{n} séances du {first} au {last_text}."),
                format!("{n} Sitzungen vom {first} bis {last_text}."),
            )
        };
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
            text.push_str(&tr!(
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
        tr!(
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

    /// A GAS T-score well below 50.
    pub(super) fn gas_low(&self, t_score: &f64) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let (message, suggestion) = (
            say(format!("The GAS T-score is {}, well below 50.", self.num(*t_score)),
                format!("Le score T GAS est de {}, bien en dessous de 50.", self.num(*t_score)),
                format!("Der GAS-T-Wert liegt bei {}, deutlich unter 50.", self.num(*t_score))),
            Some(say("The expected levels were probably set too high: recalibrate them with the client.".into(),
                "Les niveaux attendus ont sans doute été fixés trop haut : les recalibrer avec le client.".into(),
                "Die erwarteten Stufen waren wohl zu hoch angesetzt: mit dem Klienten neu kalibrieren.".into())),
        );
        Sentence {
            message,
            suggestion,
        }
    }

    /// The retention date has passed.
    pub(super) fn retention_passed(&self, retain_until: &Date) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let (message, suggestion) = {
            let date = self.date(*retain_until);
            (
                say(format!("The retention date {date} has passed: this engagement's data should no longer be kept."),
                    format!("La date de conservation du {date} est passée : les données de cet accompagnement ne devraient plus être conservées."),
                    format!("Das Aufbewahrungsdatum {date} ist verstrichen: die Daten dieses Coachings sollten nicht mehr aufbewahrt werden.")),
                Some(say("Delete the engagement's repository, or agree a new retention date with the client.".into(),
                    "Supprimer le dépôt de l’accompagnement, ou convenir d’une nouvelle date avec le client.".into(),
                    "Das Repository des Coachings löschen oder mit dem Klienten ein neues Datum vereinbaren.".into())),
            )
        };
        Sentence {
            message,
            suggestion,
        }
    }

    /// An item marked sensitive.
    pub(super) fn sensitive(&self, kind: &str, id: &str) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let (message, suggestion) = (
            say(
                format!(
                    "The {kind} `{id}` is marked sensitive: it is left out of every site but the coach's."
                ),
                format!(
                    "L’élément {kind} `{id}` est marqué sensible : il est exclu de tous les sites sauf celui du coach."
                ),
                format!(
                    "Das Element {kind} `{id}` ist als sensibel markiert: es fehlt in allen Websites außer der des Coachs."
                ),
            ),
            None,
        );
        Sentence {
            message,
            suggestion,
        }
    }

    /// A coach-only session note with no attendee and no duration, counted as held.
    pub(super) fn hidden_note_counted(&self, id: &str) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        Sentence {
            message: say(
                format!("The session `{id}` is coach-only and names no attendee or duration: the client's and the sponsor's sites count it as a session held, without its note (\"Session · notes not shared\")."),
                format!("La séance `{id}` est réservée au coach et ne nomme ni participant ni durée : les sites du client et du commanditaire la comptent comme une séance tenue, sans sa note (« Séance · notes non partagées »)."),
                format!("Die Sitzung `{id}` ist nur für den Coach und nennt weder Teilnehmende noch Dauer: die Websites des Klienten und des Auftraggebers zählen sie als abgehaltene Sitzung, ohne ihre Notiz („Sitzung · Notizen nicht geteilt“)."),
            ),
            suggestion: Some(say(
                "If it was no meeting with the client (supervision, a reflection of your own), mark it `sensitive: true` or keep it out of the sessions folder.".into(),
                "Si ce n’était pas une rencontre avec le client (supervision, réflexion personnelle), la marquer `sensitive: true` ou la ranger hors du dossier des séances.".into(),
                "War es kein Treffen mit dem Klienten (Supervision, eigene Reflexion), sie mit `sensitive: true` markieren oder außerhalb des Sitzungsordners ablegen.".into(),
            )),
        }
    }
}
