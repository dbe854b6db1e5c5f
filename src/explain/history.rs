//! The history of an objective's targets in words: "Target lowered from 100 to 75 on
//! 3 March 2026, after 4 measurements".

use super::{Explainer, Sentence};
use crate::insight::MovedTarget;
use crate::model::{Changed, Direction, GasEdit};

impl Explainer<'_> {
    /// A value of objective `id` (or of its key result, `objective#result`) with its
    /// unit, or "none".
    fn target_value(&self, id: Option<&str>, v: Option<f64>) -> String {
        let unit = id.and_then(|id| self.unit(id));
        match v {
            Some(v) => crate::i18n::format_value(v, unit, self.lang),
            None => tr!(self.lang, "none".into(), "aucun".into(), "keiner".into()),
        }
    }

    /// Whether the objective's metric (or its key result's, `objective#result`) goes up
    /// or down, from its current baseline and target.
    fn direction_of(&self, id: Option<&str>) -> Option<Direction> {
        let (id, result) = crate::model::measured_key(id?);
        let o = self.e.objective(id)?;
        let (baseline, target) = match result {
            Some(r) => {
                let k = o.key_result(r)?;
                (k.baseline.as_ref()?.value, k.target.as_ref()?.value)
            }
            None => {
                let m = o.front.measure.as_ref()?;
                (m.baseline.as_ref()?.value, m.target.as_ref()?.value)
            }
        };
        match target.partial_cmp(&baseline)? {
            std::cmp::Ordering::Greater => Some(Direction::Up),
            std::cmp::Ordering::Less => Some(Direction::Down),
            std::cmp::Ordering::Equal => None,
        }
    }

    /// One change to what an objective (or one of its key results) is measured against,
    /// as a sentence: a key result's named first.
    pub fn target_change(&self, objective: Option<&str>, m: &MovedTarget) -> String {
        let result = match &m.change.change {
            Changed::Target { key_result, .. } | Changed::Baseline { key_result, .. } => {
                key_result.as_deref()
            }
            _ => None,
        };
        let Some(result) = result else {
            return self.change_of(objective, m);
        };
        let key = format!("{}#{result}", objective.unwrap_or_default());
        let sentence = self.change_of(Some(&key), m);
        let metric = objective
            .and_then(|o| self.e.objective(o))
            .and_then(|o| o.key_result(result))
            .map_or(result, |k| k.metric.as_str());
        tr!(
            self.lang,
            format!("Key result “{metric}”: {sentence}"),
            format!("Résultat clé « {metric} » : {sentence}"),
            format!("Schlüsselergebnis „{metric}“: {sentence}")
        )
    }

    /// [`Explainer::target_change`] of the objective or key result `objective` names.
    fn change_of(&self, objective: Option<&str>, m: &MovedTarget) -> String {
        let date = self.date(m.change.date);
        let n = m.change.measured_before;
        let one = crate::i18n::one(self.lang, n as f64);
        let after = tr!(
            self.lang,
            if one {
                "after 1 measurement".into()
            } else {
                format!("after {n} measurements")
            },
            if one {
                "après 1 mesure".into()
            } else {
                format!("après {n} mesures")
            },
            if one {
                "nach 1 Messung".into()
            } else {
                format!("nach {n} Messungen")
            },
        );
        let v = |x: &Option<f64>| self.target_value(objective, *x);
        match &m.change.change {
            Changed::Target { from, to, .. } => {
                let (a, b) = (v(from), v(to));
                let easier = match (self.direction_of(objective), from, to) {
                    (Some(Direction::Up), Some(f), Some(t)) => Some(t < f),
                    (Some(Direction::Down), Some(f), Some(t)) => Some(t > f),
                    _ => None,
                };
                let verb = match (from, to) {
                    (Some(f), Some(t)) if t < f => ("lowered", "abaissée", "gesenkt"),
                    (Some(_), Some(_)) => ("raised", "relevée", "angehoben"),
                    _ => ("changed", "changée", "geändert"),
                };
                let (en, fr, de) = match easier {
                    Some(true) => (
                        ": less ambitious",
                        " : moins ambitieuse",
                        ": weniger ehrgeizig",
                    ),
                    Some(false) => (": more ambitious", " : plus ambitieuse", ": ehrgeiziger"),
                    None => ("", "", ""),
                };
                tr!(
                    self.lang,
                    format!("Target {} from {a} to {b} on {date}, {after}{en}.", verb.0),
                    format!("Cible {} de {a} à {b} le {date}, {after}{fr}.", verb.1),
                    format!("Ziel am {date} von {a} auf {b} {}, {after}{de}.", verb.2),
                )
            }
            Changed::Baseline { from, to, .. } => {
                let (a, b) = (v(from), v(to));
                tr!(
                    self.lang,
                    format!("Baseline changed from {a} to {b} on {date}, {after}."),
                    format!("Point de départ changé de {a} à {b} le {date}, {after}."),
                    format!("Ausgangswert am {date} von {a} auf {b} geändert, {after}."),
                )
            }
            Changed::Due { from, to } => {
                let d = |x: &Option<crate::model::Date>| {
                    x.map_or_else(
                        || tr!(self.lang, "none".into(), "aucune".into(), "keines".into()),
                        |x| self.date(x),
                    )
                };
                let (a, b) = (d(from), d(to));
                let verb = match (from, to) {
                    (Some(f), Some(t)) if t > f => ("postponed", "repoussée", "verschoben"),
                    (Some(_), Some(_)) => ("brought forward", "avancée", "vorgezogen"),
                    _ => ("changed", "changée", "geändert"),
                };
                tr!(
                    self.lang,
                    format!("Due date {} from {a} to {b} on {date}, {after}.", verb.0),
                    format!("Échéance {} du {a} au {b} le {date}, {after}.", verb.1),
                    format!("Fälligkeit am {date} von {a} auf {b} {}, {after}.", verb.2),
                )
            }
            Changed::GasLevel { level, edit } => {
                let l = crate::i18n::format_change(*level as f64, None, self.lang);
                let (en, fr, de) = match edit {
                    GasEdit::Added => ("written", "écrite", "verfasst"),
                    GasEdit::Rewritten => ("rewritten", "réécrite", "neu gefasst"),
                    GasEdit::Removed => ("removed", "retirée", "entfernt"),
                };
                tr!(
                    self.lang,
                    format!("The description of GAS level {l} was {en} on {date}, {after}."),
                    format!("La description du niveau GAS {l} a été {fr} le {date}, {after}."),
                    format!("Die Beschreibung der GAS-Stufe {l} wurde am {date} {de}, {after}."),
                )
            }
        }
    }

    /// The finding: the change, and what to do about it.
    pub(super) fn target_moved(&self, objective: Option<&str>, m: &MovedTarget) -> Sentence {
        Sentence {
            message: self.target_change(objective, m),
            suggestion: Some(tr!(
                self.lang,
                "Say so when you report progress: the figures now measure against the new value, and the objective's page shows the change to every reader of it.".into(),
                "Dites-le en rendant compte des progrès : les chiffres se mesurent désormais à la nouvelle valeur, et la page de l’objectif montre le changement à chacun de ses lecteurs.".into(),
                "Sagen Sie es beim Bericht über den Fortschritt: die Zahlen messen jetzt am neuen Wert, und die Seite des Ziels zeigt die Änderung allen, die es sehen.".into(),
            )),
        }
    }
}
