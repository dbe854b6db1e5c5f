//! Assessments in words: the radar, the histories and the heat map, and the findings
//! about competencies.

use super::{Explainer, Sentence};
use crate::model::Date;

impl Explainer<'_> {
    /// The finding of the radar chart: the largest gap.
    pub fn radar_summary(&self, standings: &[crate::insight::CompetencyStanding]) -> String {
        let largest = standings.iter().find(|c| c.gap.is_some_and(|g| g > 0));
        match largest.and_then(|c| Some((c, c.latest?))) {
            Some((c, latest)) => tr!(self.lang,
                format!("Levels against targets for every competency. Largest gap: {} at level {latest} of a target of {}.", c.name, c.target),
                format!("Niveaux et cibles de chaque compétence. Plus grand écart : {} au niveau {latest} pour une cible de {}.", c.name, c.target),
                format!("Stufen und Ziele jeder Kompetenz. Größte Lücke: {} auf Stufe {latest} bei einem Ziel von {}.", c.name, c.target)),
            None => tr!(self.lang,
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
        tr!(
            self.lang,
            format!("{name}: {path}; target {target}."),
            format!("{name} : {path} ; cible {target}."),
            format!("{name}: {path}; Ziel {target}."),
        )
    }

    /// The finding of the heat map.
    pub fn heat_map_summary(&self, date: Date) -> String {
        let date = self.date(date);
        tr!(
            self.lang,
            format!("Each member's level per competency at the assessment of {date}."),
            format!("Niveau de chaque membre par compétence à l’évaluation du {date}."),
            format!("Stufe jedes Mitglieds je Kompetenz bei der Einschätzung vom {date}."),
        )
    }

    /// A level reached in only one assessment.
    pub(super) fn not_yet_stable(&self, competency: &str, level: &i64, target: &i64) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let (message, suggestion) = {
            let name = self.competency(competency);
            (
                say(
                    format!(
                        "{name} reached level {level} in only one assessment; the objective aims for {target}."
                    ),
                    format!(
                        "{name} n’a atteint le niveau {level} qu’à une seule évaluation ; l’objectif vise {target}."
                    ),
                    format!(
                        "{name} hat Stufe {level} erst in einer Einschätzung erreicht; das Ziel ist {target}."
                    ),
                ),
                Some(say(
                    format!(
                        "Build on small stable successes: consolidate level {level} over two assessments before aiming higher."
                    ),
                    format!(
                        "S’appuyer sur de petits succès stables : consolider le niveau {level} sur deux évaluations avant de viser plus haut."
                    ),
                    format!(
                        "Auf kleinen, stabilen Erfolgen aufbauen: Stufe {level} über zwei Einschätzungen festigen, bevor höher gezielt wird."
                    ),
                )),
            )
        };
        Sentence {
            message,
            suggestion,
        }
    }

    /// A competency no objective needs.
    pub(super) fn competency_unused(&self, competency: &str) -> Sentence {
        let say = |en: String, fr: String, de: String| tr!(self.lang, en, fr, de);
        let (message, suggestion) = {
            let name = self.competency(competency);
            (
                say(format!("No objective needs the competency {name}."),
                    format!("Aucun objectif ne requiert la compétence {name}."),
                    format!("Kein Ziel braucht die Kompetenz {name}.")),
                Some(say("Link it from an objective's `competencies`, or remove it from engagement.yaml.".into(),
                    "La lier dans les `competencies` d’un objectif, ou la retirer d’engagement.yaml.".into(),
                    "Sie in den `competencies` eines Ziels verknüpfen oder aus engagement.yaml entfernen.".into())),
            )
        };
        Sentence {
            message,
            suggestion,
        }
    }
}
