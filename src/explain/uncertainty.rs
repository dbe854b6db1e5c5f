//! How far a figure can be trusted, in words: the forecast with its interval, or why
//! there is none yet; a level's change against the ratings' noise; a team's agreement.

use super::Explainer;
use crate::insight::{
    Agreement, FORECAST_CONFIDENCE, MIN_AGREEMENT, MIN_MEASUREMENTS_FOR_TREND, MIN_RATERS,
    ObjectiveInsight, ReliableChange,
};

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
                    tr!(
                        self.lang,
                        format!("{f} ({pct} interval: {from} to {to})"),
                        format!("{f} (intervalle à {pct} : du {from} au {to})"),
                        format!("{f} ({pct}-Intervall: {from} bis {to})"),
                    )
                }
                None => tr!(
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
        tr!(
            self.lang,
            format!("Too few measurements for a forecast: {count} of the {need} it needs"),
            format!("Trop peu de mesures pour une prévision : {count} sur les {need} nécessaires"),
            format!("Zu wenige Messungen für eine Prognose: {count} von {need} nötigen"),
        )
    }

    /// A level's change since the first assessment that rated it: "+2 levels since
    /// 15 January 2026: a reliable change", or "+1 level since …: within what ratings
    /// vary by on their own".
    pub fn level_change(&self, c: &ReliableChange) -> String {
        let since = self.date(c.since);
        let one = crate::i18n::one(self.lang, c.change as f64);
        let unit = crate::i18n::word(
            self.lang,
            if one {
                crate::i18n::Word::LevelsOne
            } else {
                crate::i18n::Word::LevelsOther
            },
        );
        let change = crate::i18n::format_change(c.change as f64, Some(unit), self.lang);
        match (c.change, c.reliable) {
            (0, _) => tr!(
                self.lang,
                format!("unchanged since {since}"),
                format!("inchangé depuis le {since}"),
                format!("unverändert seit {since}"),
            ),
            (_, true) => tr!(
                self.lang,
                format!("{change} since {since}: a reliable change"),
                format!("{change} depuis le {since} : un changement fiable"),
                format!("{change} seit {since}: eine verlässliche Veränderung"),
            ),
            (_, false) => tr!(
                self.lang,
                format!("{change} since {since}: within what ratings vary by on their own"),
                format!("{change} depuis le {since} : dans la variation propre aux évaluations"),
                format!("{change} seit {since}: innerhalb der üblichen Schwankung der Bewertungen"),
            ),
        }
    }

    /// How far a team's raters agree on one competency: "r_wg 0.90, 5 raters, 3 to 4".
    pub fn agreement_cell(&self, a: &Agreement) -> String {
        let cell = format!("{} · {}–{}", self.two_places(a.r_wg), a.lowest, a.highest);
        if a.agree.is_some() {
            return cell;
        }
        let n = a.raters;
        tr!(
            self.lang,
            format!("{cell} ({n} raters: too few)"),
            format!("{cell} ({n} évaluateurs : trop peu)"),
            format!("{cell} ({n} Bewertende: zu wenige)"),
        )
    }

    /// The sentence under a team's ratings: which competencies the raters disagree on,
    /// or that there are too few of them to say.
    pub fn agreement_summary(&self, agreements: &[Agreement]) -> Option<String> {
        let raters = agreements.iter().map(|a| a.raters).max()?;
        if raters < MIN_RATERS {
            return Some(tr!(
                self.lang,
                format!(
                    "{raters} raters are too few to judge their agreement: it takes {MIN_RATERS}."
                ),
                format!(
                    "{raters} évaluateurs sont trop peu pour juger de leur accord : il en faut {MIN_RATERS}."
                ),
                format!(
                    "{raters} Bewertende sind zu wenige, um ihre Übereinstimmung zu beurteilen: es braucht {MIN_RATERS}."
                ),
            ));
        }
        let named = |judged: Option<bool>, spread: bool| -> Vec<String> {
            agreements
                .iter()
                .filter(|a| a.agree == judged)
                .map(|a| {
                    let name = self.competency(&a.competency);
                    if spread {
                        format!("{name} ({}–{})", a.lowest, a.highest)
                    } else {
                        name
                    }
                })
                .collect()
        };
        let (split, too_few) = (named(Some(false), true), named(None, false));
        let min = self.two_places(MIN_AGREEMENT);
        let mut text = if split.is_empty() {
            tr!(
                self.lang,
                format!(
                    "The raters agree on every competency that at least {MIN_RATERS} of them rated (r_wg {min} or more): there the team's levels stand for them."
                ),
                format!(
                    "Les évaluateurs s’accordent sur chaque compétence notée par au moins {MIN_RATERS} d’entre eux (r_wg de {min} ou plus) : là, les niveaux de l’équipe les représentent."
                ),
                format!(
                    "Die Bewertenden stimmen bei jeder Kompetenz überein, die mindestens {MIN_RATERS} von ihnen bewertet haben (r_wg {min} oder mehr): dort stehen die Stufen des Teams für sie."
                ),
            )
        } else {
            let list = split.join(", ");
            tr!(
                self.lang,
                format!(
                    "The raters disagree (r_wg below {min}) on {list}: there the team's level hides a spread, and is worth discussing before it is trusted."
                ),
                format!(
                    "Les évaluateurs divergent (r_wg sous {min}) sur {list} : le niveau de l’équipe y masque un écart, à discuter avant de s’y fier."
                ),
                format!(
                    "Die Bewertenden sind uneins (r_wg unter {min}) bei {list}: dort verdeckt die Stufe des Teams eine Streuung, die vor dem Vertrauen zu besprechen ist."
                ),
            )
        };
        if !too_few.is_empty() {
            let list = too_few.join(", ");
            text.push(' ');
            text.push_str(&tr!(
                self.lang,
                format!("Too few raters to judge their agreement on {list}."),
                format!("Trop peu d’évaluateurs pour juger de leur accord sur {list}."),
                format!("Zu wenige Bewertende, um die Übereinstimmung zu beurteilen, bei {list}."),
            ));
        }
        Some(text)
    }

    /// What "a reliable change" means on this engagement's scale.
    pub fn reliable_change_note(&self) -> String {
        let scale = &self.e.info.scale;
        let r = self.two_places(scale.reliability());
        let sd = self.two_places(scale.sd());
        tr!(
            self.lang,
            format!(
                "A change is reliable when it is larger than ratings vary by on their own, 95 times in 100 (Jacobson–Truax reliable change index, with a reliability of {r} and a spread of {sd} levels)."
            ),
            format!(
                "Un changement est fiable quand il dépasse ce dont les évaluations varient d’elles-mêmes, 95 fois sur 100 (indice de changement fiable de Jacobson–Truax, fidélité {r}, écart type {sd} niveau)."
            ),
            format!(
                "Eine Veränderung ist verlässlich, wenn sie größer ist als die Schwankung der Bewertungen selbst, 95 von 100 Mal (Reliable-Change-Index nach Jacobson–Truax, Reliabilität {r}, Streuung {sd} Stufen)."
            ),
        )
    }

    /// A figure between 0 and a few, with two decimals: "0.90", "0,90" in French.
    fn two_places(&self, x: f64) -> String {
        let text = format!("{x:.2}");
        match self.lang {
            crate::model::Language::En => text,
            _ => text.replace('.', ","),
        }
    }
}
