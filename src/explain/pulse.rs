//! The stakeholder pulse in words: a net score and what it is made of, the answers left
//! out to keep them anonymous, and a pulse over time.

use super::Explainer;
use crate::insight::{PulsePoint, PulseScore};
use crate::model::PULSE_MIN_GROUP as MIN_GROUP;

impl Explainer<'_> {
    /// A net score as a signed whole number from −100 to +100: "+40", "−20", "0".
    pub fn net_score(&self, net: f64) -> String {
        let points = (net * 100.0).round();
        crate::i18n::format_change(points, None, self.lang)
    }

    /// What a net score is made of: "3 better · 1 same · 1 worse".
    pub fn pulse_counts(&self, s: &PulseScore) -> String {
        let (b, same, w) = (s.better, s.same, s.worse);
        tr!(
            self.lang,
            format!("{b} better · {same} same · {w} worse"),
            format!("{b} mieux · {same} pareil · {w} moins bien"),
            format!("{b} besser · {same} gleich · {w} schlechter"),
        )
    }

    /// The answers of one objective left out of a survey's figures.
    pub fn pulse_left_out(&self, count: u32) -> String {
        let min = MIN_GROUP;
        if crate::i18n::one(self.lang, f64::from(count)) {
            tr!(
                self.lang,
                format!(
                    "1 answer is left out: its rater group, with the other small groups, has fewer than {min} raters, so it would not stay anonymous."
                ),
                format!(
                    "1 réponse est laissée de côté : son groupe, avec les autres petits groupes, compte moins de {min} évaluateurs, elle ne resterait pas anonyme."
                ),
                format!(
                    "1 Antwort bleibt außen vor: ihre Gruppe hat auch mit den anderen kleinen Gruppen weniger als {min} Bewertende und bliebe nicht anonym."
                ),
            )
        } else {
            tr!(
                self.lang,
                format!(
                    "{count} answers are left out: their rater groups, even together, have fewer than {min} raters, so they would not stay anonymous."
                ),
                format!(
                    "{count} réponses sont laissées de côté : leurs groupes, même réunis, comptent moins de {min} évaluateurs, elles ne resteraient pas anonymes."
                ),
                format!(
                    "{count} Antworten bleiben außen vor: ihre Gruppen haben auch zusammen weniger als {min} Bewertende und blieben nicht anonym."
                ),
            )
        }
    }

    /// The name of the pooled small groups.
    pub fn pooled_groups(&self) -> String {
        tr!(
            self.lang,
            "Other stakeholders".into(),
            "Autres parties prenantes".into(),
            "Weitere Beteiligte".into(),
        )
    }

    /// An objective's pulse over time, for its chart's text alternative.
    pub fn pulse_summary(&self, points: &[PulsePoint]) -> String {
        let scored: Vec<(&PulsePoint, &PulseScore)> = points
            .iter()
            .filter_map(|p| Some((p, p.overall.as_ref()?)))
            .collect();
        let (Some((first, s0)), Some((last, s1))) = (scored.first(), scored.last()) else {
            return String::new();
        };
        let (a, b) = (self.net_score(s0.net), self.net_score(s1.net));
        let (from, to) = (self.date(first.date), self.date(last.date));
        let n = s1.raters;
        tr!(
            self.lang,
            format!(
                "Net score of the stakeholders from {a} on {from} to {b} on {to} ({n} raters in the latest survey)."
            ),
            format!(
                "Score net des parties prenantes de {a} le {from} à {b} le {to} ({n} évaluateurs à la dernière enquête)."
            ),
            format!(
                "Nettowert der Beteiligten von {a} am {from} bis {b} am {to} ({n} Bewertende in der letzten Umfrage)."
            ),
        )
    }

    /// How the net score is worked out, under its table.
    pub fn pulse_note(&self) -> String {
        let min = MIN_GROUP;
        tr!(
            self.lang,
            format!(
                "Each stakeholder rates the change they saw from −3 (much worse) to +3 (much better). The net score is the share who saw it better minus the share who saw it worse, from −100 to +100. Rater groups of fewer than {min} are pooled, or left out, so that no answer can be traced to its author."
            ),
            format!(
                "Chaque partie prenante note le changement observé de −3 (bien pire) à +3 (bien mieux). Le score net est la part qui l’a vu mieux moins la part qui l’a vu moins bien, de −100 à +100. Les groupes de moins de {min} évaluateurs sont réunis, ou laissés de côté, pour qu’aucune réponse ne puisse être attribuée."
            ),
            format!(
                "Alle Beteiligten bewerten die beobachtete Veränderung von −3 (viel schlechter) bis +3 (viel besser). Der Nettowert ist der Anteil, der es besser sah, minus der Anteil, der es schlechter sah, von −100 bis +100. Gruppen mit weniger als {min} Bewertenden werden zusammengelegt oder weggelassen, damit keine Antwort zuzuordnen ist."
            ),
        )
    }

    /// A survey dated after the day the figures are for.
    pub fn survey_after_as_of(&self, as_of: crate::model::Date) -> String {
        let day = self.date(as_of);
        tr!(
            self.lang,
            format!(
                "This survey is dated after {day}, the day these figures are for: it counts from its own date on."
            ),
            format!(
                "Cette enquête est datée après le {day}, jour de ces chiffres : elle compte à partir de sa date."
            ),
            format!(
                "Diese Umfrage ist nach dem {day} datiert, dem Tag dieser Zahlen: sie zählt ab ihrem eigenen Datum."
            ),
        )
    }
}
