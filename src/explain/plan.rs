//! The plan and the client's commitment in words: the commitment band, the burn-up,
//! and the findings about actions.

use super::{Explainer, Sentence};
use crate::insight::CommitmentBand;
use crate::model::Date;

impl Explainer<'_> {
    /// The commitment band in words.
    pub fn band(&self, b: CommitmentBand) -> String {
        let (en, fr, de) = match b {
            CommitmentBand::TooLow => (
                "below 50%: agree smaller actions",
                "sous 50 % : convenir d’actions plus petites",
                "unter 50 %: kleinere Maßnahmen vereinbaren",
            ),
            CommitmentBand::BelowHealthy => (
                "below the healthy band of 70–85%",
                "sous la zone saine de 70 à 85 %",
                "unter dem gesunden Bereich von 70–85 %",
            ),
            CommitmentBand::Healthy => (
                "in the healthy band of 70–85%",
                "dans la zone saine de 70 à 85 %",
                "im gesunden Bereich von 70–85 %",
            ),
            CommitmentBand::AboveHealthy => (
                "above the healthy band of 70–85%",
                "au-dessus de la zone saine de 70 à 85 %",
                "über dem gesunden Bereich von 70–85 %",
            ),
            CommitmentBand::AlwaysFull => (
                "100% for three periods in a row: room for more stretch",
                "100 % trois périodes de suite : place pour plus d’ambition",
                "100 % drei Zeiträume in Folge: Raum für mehr Anspruch",
            ),
        };
        tr!(self.lang, en.into(), fr.into(), de.into())
    }

    /// Commitment in one or two sentences, or `None` when no action was due yet. With
    /// `advice` (the coach's view), the last eight weeks are placed in their calibration
    /// band with what to do; without, only the facts. A rate is given only over enough
    /// actions due ([`crate::insight::MIN_ACTIONS_DUE`]); with fewer, the counts say so.
    pub fn commitment(&self, c: &crate::insight::Commitment, advice: bool) -> Option<String> {
        let (done, due) = (c.on_time, c.due);
        if due == 0 {
            return None;
        }
        let Some(rate) = c.rate else {
            return Some(tr!(
                self.lang,
                format!("{done} of {due} actions due done on time: too few to give a rate yet."),
                format!(
                    "{done} actions sur {due} prévues faites à temps : trop peu pour donner un taux."
                ),
                format!(
                    "{done} von {due} fälligen Maßnahmen rechtzeitig erledigt: zu wenige für eine Quote."
                ),
            ));
        };
        let rate = self.pct(rate);
        let mut text = tr!(
            self.lang,
            format!("{rate}: {done} of {due} actions due were done on time."),
            format!("{rate} : {done} actions sur {due} prévues ont été faites à temps."),
            format!("{rate}: {done} von {due} fälligen Maßnahmen wurden rechtzeitig erledigt."),
        );
        let Some(recent) = c.recent_rate else {
            return Some(text);
        };
        let recent = self.pct(recent);
        let (recent_done, recent_due) = (c.recent_on_time, c.recent_due);
        text.push(' ');
        text.push_str(&match c.band.filter(|_| advice) {
            Some(band) => {
                let band = self.band(band);
                tr!(
                    self.lang,
                    format!("Last eight weeks: {recent} ({recent_done} of {recent_due}), {band}."),
                    format!("Huit dernières semaines : {recent} ({recent_done} sur {recent_due}), {band}."),
                    format!("Letzte acht Wochen: {recent} ({recent_done} von {recent_due}), {band}."),
                )
            }
            None => tr!(
                self.lang,
                format!("Last eight weeks: {recent} ({recent_done} of {recent_due})."),
                format!("Huit dernières semaines : {recent} ({recent_done} sur {recent_due})."),
                format!("Letzte acht Wochen: {recent} ({recent_done} von {recent_due})."),
            ),
        });
        Some(text)
    }

    /// The finding of the burn-up chart.
    pub fn burn_up_summary(
        &self,
        agreed: usize,
        done: usize,
        c: &crate::insight::Commitment,
    ) -> String {
        let mut text = tr!(
            self.lang,
            format!("{agreed} actions agreed, {done} done."),
            format!("{agreed} actions convenues, {done} faites."),
            format!("{agreed} Maßnahmen vereinbart, {done} erledigt."),
        );
        if let Some(commitment) = self.commitment(c, false) {
            text.push(' ');
            text.push_str(&commitment);
        }
        text
    }

    /// An open action past its due date.
    pub(super) fn action_overdue(&self, action: &str, due: &Date) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
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
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
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
    pub(super) fn recent_commitment(
        &self,
        rate: &f64,
        band: &CommitmentBand,
        due: usize,
        on_time: usize,
    ) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let (message, suggestion) = {
            let rate = self.pct(*rate);
            let band = self.band(*band);
            (
                say(
                    format!(
                        "Commitment over the last eight weeks is {rate} ({on_time} of {due} actions due done on time): {band}."
                    ),
                    format!(
                        "L’engagement sur les huit dernières semaines est de {rate} ({on_time} actions sur {due} faites à temps) : {band}."
                    ),
                    format!(
                        "Die Verbindlichkeit der letzten acht Wochen liegt bei {rate} ({on_time} von {due} fälligen Maßnahmen rechtzeitig): {band}."
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
