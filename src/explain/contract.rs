//! The contract and its cadence in words: how much is used, and the findings.

use super::{Explainer, Sentence};
use crate::insight::ContractUse;
use crate::model::Date;

impl Explainer<'_> {
    /// Sessions and hours held, against the contract where it says how many: "12 of 14
    /// sessions held, 18.75 of 21 hours of coaching."
    pub fn contract_attendance(&self, used: &ContractUse) -> String {
        let held = used.sessions_held;
        let hours = self.num(used.hours_held);
        let sessions = match used.sessions {
            Some(agreed) => format!("{held} {} {agreed}", self.of()),
            None => held.to_string(),
        };
        let hours = match used.hours {
            Some(agreed) => format!("{hours} {} {}", self.of(), self.num(agreed)),
            None => hours,
        };
        let count = used.sessions.map_or(held as f64, f64::from);
        let one = crate::i18n::one(self.lang, count);
        tr!(
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

    fn of(&self) -> &'static str {
        match self.lang {
            crate::model::Language::En => "of",
            crate::model::Language::Fr => "sur",
            crate::model::Language::De => "von",
        }
    }

    /// No session for more than twice the cadence.
    pub(super) fn cadence_broken(&self, last: &Option<Date>, days: i64, cadence: u32) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let message = match last {
            Some(last) => {
                let last = self.date(*last);
                say(
                    format!(
                        "No session for {days} days, since {last}: the agreed rhythm is one every {cadence} days."
                    ),
                    format!(
                        "Aucune séance depuis {days} jours, depuis le {last} : le rythme convenu est d’une tous les {cadence} jours."
                    ),
                    format!(
                        "Seit {days} Tagen keine Sitzung, seit {last}: vereinbart ist eine alle {cadence} Tage."
                    ),
                )
            }
            None => say(
                format!(
                    "No session in the {days} days since the start: the agreed rhythm is one every {cadence} days."
                ),
                format!(
                    "Aucune séance dans les {days} jours depuis le début : le rythme convenu est d’une tous les {cadence} jours."
                ),
                format!(
                    "Keine Sitzung in den {days} Tagen seit dem Beginn: vereinbart ist eine alle {cadence} Tage."
                ),
            ),
        };
        Sentence {
            message,
            suggestion: Some(say(
                "Book the next session, or agree a new rhythm in engagement.yaml (contract.cadence_days).".into(),
                "Fixer la prochaine séance, ou convenir d’un nouveau rythme dans engagement.yaml (contract.cadence_days).".into(),
                "Die nächste Sitzung vereinbaren oder einen neuen Rhythmus in engagement.yaml festlegen (contract.cadence_days).".into(),
            )),
        }
    }

    /// The next session agreed has passed with no session note.
    pub(super) fn next_session_passed(&self, next: &Date, session: &str) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let next = self.date(*next);
        Sentence {
            message: say(
                format!("The next session agreed in `{session}` was due on {next}, and no session note has been written since."),
                format!("La prochaine séance convenue dans `{session}` était prévue le {next}, et aucune note de séance n’a été écrite depuis."),
                format!("Die in `{session}` vereinbarte nächste Sitzung war am {next} fällig, und seitdem wurde keine Sitzungsnotiz geschrieben."),
            ),
            suggestion: Some(say(
                "Write the note of the session held, or agree a new date with the client.".into(),
                "Écrire la note de la séance tenue, ou convenir d’une nouvelle date avec le client.".into(),
                "Die Notiz der abgehaltenen Sitzung schreiben oder mit dem Klienten ein neues Datum vereinbaren.".into(),
            )),
        }
    }

    /// More sessions agreed are left than fit before the end at the cadence.
    pub(super) fn contract_sessions_left(
        &self,
        left: i64,
        fit: i64,
        end: &Date,
        cadence: u32,
    ) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let end = self.date(*end);
        let one = crate::i18n::one(self.lang, fit as f64);
        let (en, fr, de) = if one {
            ("fits", "tient", "passt")
        } else {
            ("fit", "tiennent", "passen")
        };
        Sentence {
            message: say(
                format!("{left} of the sessions agreed are left, and at one every {cadence} days {fit} {en} before the end on {end}."),
                format!("Il reste {left} des séances convenues, et au rythme d’une tous les {cadence} jours, {fit} {fr} avant la fin le {end}."),
                format!("{left} der vereinbarten Sitzungen sind übrig, und bei einer alle {cadence} Tage {de} {fit} vor das Ende am {end}."),
            ),
            suggestion: Some(say(
                "Agree with the client and the sponsor to meet more often, extend the end date, or release the sessions left.".into(),
                "Convenir avec le client et le commanditaire de se voir plus souvent, de repousser la fin, ou de libérer les séances restantes.".into(),
                "Mit Klient und Auftraggeber vereinbaren, sich öfter zu treffen, das Ende zu verschieben oder die übrigen Sitzungen freizugeben.".into(),
            )),
        }
    }

    /// More sessions held than agreed.
    pub(super) fn contract_sessions_over(&self, held: usize, agreed: u32) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        Sentence {
            message: say(
                format!("{held} sessions held, more than the {agreed} agreed."),
                format!("{held} séances tenues, plus que les {agreed} convenues."),
                format!("{held} Sitzungen abgehalten, mehr als die {agreed} vereinbarten."),
            ),
            suggestion: Some(say(
                "Agree the extra sessions with the sponsor, and update contract.sessions.".into(),
                "Convenir des séances en plus avec le commanditaire, et mettre à jour contract.sessions.".into(),
                "Die zusätzlichen Sitzungen mit dem Auftraggeber vereinbaren und contract.sessions anpassen.".into(),
            )),
        }
    }

    /// More hours held than agreed.
    pub(super) fn contract_hours_over(&self, held: f64, agreed: f64) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let [held, agreed] = crate::i18n::format_numbers_alike([held, agreed], self.lang);
        Sentence {
            message: say(
                format!("{held} hours of coaching held, more than the {agreed} agreed."),
                format!("{held} heures d’accompagnement tenues, plus que les {agreed} convenues."),
                format!("{held} Stunden Coaching abgehalten, mehr als die {agreed} vereinbarten."),
            ),
            suggestion: Some(say(
                "Agree the extra hours with the sponsor, and update contract.hours.".into(),
                "Convenir des heures en plus avec le commanditaire, et mettre à jour contract.hours.".into(),
                "Die zusätzlichen Stunden mit dem Auftraggeber vereinbaren und contract.hours anpassen.".into(),
            )),
        }
    }
}
