//! Objectives with key results (OKRs) in words: the OKR score and its usual reading, and
//! where a key result without a written baseline starts from.

use super::Explainer;
use crate::model::Date;

impl Explainer<'_> {
    /// An objective's OKR score with its usual reading: "OKR score 0.89 of 1. For an
    /// ambitious key result, 0.7 is a good result."
    pub fn okr_score(&self, score: f64) -> String {
        let (score, good) = (self.num(score), self.num(0.7));
        tr!(
            self.lang,
            format!(
                "OKR score {score} of 1. For an ambitious key result, {good} is a good result."
            ),
            format!(
                "Score OKR {score} sur 1. Pour un résultat clé ambitieux, {good} est un bon résultat."
            ),
            format!(
                "OKR-Score {score} von 1. Für ein ehrgeiziges Schlüsselergebnis ist {good} ein gutes Ergebnis."
            ),
        )
    }

    /// A key result whose baseline is its first measurement (`value`, in its unit, taken
    /// on `date`): "Starts from its first measurement: 14 days on 13 March 2026".
    pub fn starts_from_first(&self, value: &str, date: Date) -> String {
        let date = self.date(date);
        tr!(
            self.lang,
            format!("Starts from its first measurement: {value} on {date}"),
            format!("Part de sa première mesure : {value} le {date}"),
            format!("Beginnt bei seiner ersten Messung: {value} am {date}"),
        )
    }
}
