//! How far a figure can be trusted, in words: the forecast with its interval, or why
//! there is none yet.

use super::{Explainer, tr};
use crate::insight::{FORECAST_CONFIDENCE, MIN_MEASUREMENTS_FOR_TREND, ObjectiveInsight};

impl Explainer<'_> {
    /// The forecast with its 80 % interval ("3 May 2026 (80% interval: 12 April to
    /// 2 June 2026)"), or "too few measurements" when a forecast waits for more of them.
    /// `None` when there is neither.
    pub fn forecast(&self, o: &ObjectiveInsight) -> Option<String> {
        if let Some(f) = o.forecast {
            let f = self.date(f);
            let Some(i) = o.forecast_interval else {
                return Some(f);
            };
            let from = self.date(i.earliest);
            let pct = self.pct(FORECAST_CONFIDENCE);
            return Some(match i.latest {
                Some(to) if i.earliest == to => f,
                Some(to) => {
                    let to = self.date(to);
                    tr(
                        self.lang,
                        format!("{f} ({pct} interval: {from} to {to})"),
                        format!("{f} (intervalle à {pct} : du {from} au {to})"),
                        format!("{f} ({pct}-Intervall: {from} bis {to})"),
                    )
                }
                None => tr(
                    self.lang,
                    format!(
                        "{f} ({pct} interval: from {from}, with no latest date: the measurements vary too much to rule out a later one)"
                    ),
                    format!(
                        "{f} (intervalle à {pct} : à partir du {from}, sans date au plus tard : les mesures varient trop pour l’exclure)"
                    ),
                    format!(
                        "{f} ({pct}-Intervall: ab {from}, ohne spätestes Datum: die Messungen schwanken zu stark, um eines zu nennen)"
                    ),
                ),
            });
        }
        o.too_few_measurements
            .then(|| self.too_few_measurements(o.measurements))
    }

    /// "Too few measurements for a forecast: 2 of the 3 it needs."
    pub fn too_few_measurements(&self, count: usize) -> String {
        let need = MIN_MEASUREMENTS_FOR_TREND;
        tr(
            self.lang,
            format!("Too few measurements for a forecast: {count} of the {need} it needs"),
            format!("Trop peu de mesures pour une prévision : {count} sur les {need} nécessaires"),
            format!("Zu wenige Messungen für eine Prognose: {count} von {need} nötigen"),
        )
    }
}
