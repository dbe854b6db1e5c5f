//! The plan and the client's commitment in words: the commitment band, the burn-up,
//! and the findings about actions.

use super::{Explainer, Sentence, tr};
use crate::insight::CommitmentBand;
use crate::model::Date;

impl Explainer<'_> {
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

    /// An open action past its due date.
    pub(super) fn action_overdue(&self, action: &str, due: &Date) -> Sentence {
        let say = |en: String, fr: String, de: String| tr(self.lang, en, fr, de);
        let (message, suggestion) = {
            let title = self.action(action);
            let due = self.date(*due);
            (
                say(
                    format!("“{title}” was due on {due} and is still open."),
                    format!("« {title} » était prévue le {due} et est toujours en cours."),
                    format!("„{title}“ war am {due} fällig und ist noch offen."),
                ),
                Some(say(
                    "Review it in the next session: done, re-planned or dropped?".into(),
                    "La revoir à la prochaine séance : faite, replanifiée ou abandonnée ?".into(),
                    "In der nächsten Sitzung besprechen: erledigt, neu geplant oder verworfen?"
                        .into(),
                )),
            )
        };
        Sentence {
            message,
            suggestion,
        }
    }

    /// A blocked action.
    pub(super) fn action_blocked(&self, action: &str) -> Sentence {
        let say = |en: String, fr: String, de: String| tr(self.lang, en, fr, de);
        let (message, suggestion) = {
            let title = self.action(action);
            (
                say(
                    format!("“{title}” is blocked."),
                    format!("« {title} » est bloquée."),
                    format!("„{title}“ ist blockiert."),
                ),
                Some(say(
                    "Ask what would unblock it, and who can help.".into(),
                    "Demander ce qui la débloquerait, et qui peut aider.".into(),
                    "Fragen, was sie freigeben würde und wer helfen kann.".into(),
                )),
            )
        };
        Sentence {
            message,
            suggestion,
        }
    }

    /// The commitment rate of the last eight weeks and its band.
    pub(super) fn recent_commitment(&self, rate: &f64, band: &CommitmentBand) -> Sentence {
        let say = |en: String, fr: String, de: String| tr(self.lang, en, fr, de);
        let (message, suggestion) = {
            let rate = self.pct(*rate);
            let band = self.band(*band);
            (
                say(
                    format!("Commitment over the last eight weeks is {rate}: {band}."),
                    format!("L’engagement sur les huit dernières semaines est de {rate} : {band}."),
                    format!(
                        "Die Verbindlichkeit der letzten acht Wochen liegt bei {rate}: {band}."
                    ),
                ),
                None,
            )
        };
        Sentence {
            message,
            suggestion,
        }
    }
}
