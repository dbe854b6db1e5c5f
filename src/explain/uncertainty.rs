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
        if let Some(f) = o.forecast
            && o.tracking == crate::insight::Tracking::Stale
        {
            // The date has passed without the target: said so, with what to do.
            let f = self.date(f);
            return Some(tr!(
                self.lang,
                format!("{f}, passed without the target: measure again"),
                format!("{f}, passée sans la cible : mesurer à nouveau"),
                format!("{f}, verstrichen ohne das Ziel: erneut messen"),
            ));
        }
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
                format!("{change} since {since}: a real change"),
                format!("{change} depuis le {since} : un vrai changement"),
                format!("{change} seit {since}: eine echte Veränderung"),
            ),
            (_, false) => tr!(
                self.lang,
                format!("{change} since {since}: can be only how ratings vary"),
                format!(
                    "{change} depuis le {since} : peut venir seulement de la variation des évaluations"
                ),
                format!(
                    "{change} seit {since}: kann allein von der Schwankung der Bewertungen kommen"
                ),
            ),
        }
    }

    /// How far a team's raters agree on one competency, in words and the levels given:
    /// "agree · 3–4", "split · 1–5", "3–4 (2 raters: too few)"; with `figure`, the r_wg
    /// itself too ("agree · 0.90 · 3–4"), for the coach.
    pub fn agreement_cell(&self, a: &Agreement, figure: bool) -> String {
        let range = format!("{}–{}", a.lowest, a.highest);
        let range = if figure {
            format!("{} · {range}", self.two_places(a.r_wg))
        } else {
            range
        };
        let n = a.raters;
        match a.agree {
            Some(true) => tr!(
                self.lang,
                format!("agree · {range}"),
                format!("accord · {range}"),
                format!("einig · {range}"),
            ),
            Some(false) => tr!(
                self.lang,
                format!("split · {range}"),
                format!("divergent · {range}"),
                format!("uneins · {range}"),
            ),
            None => tr!(
                self.lang,
                format!("{range} ({n} raters: too few)"),
                format!("{range} ({n} évaluateurs : trop peu)"),
                format!("{range} ({n} Bewertende: zu wenige)"),
            ),
        }
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
        let mut text = if split.is_empty() {
            tr!(
                self.lang,
                format!(
                    "The raters agree on every competency that at least {MIN_RATERS} of them rated: there the team's levels stand for them."
                ),
                format!(
                    "Les évaluateurs s’accordent sur chaque compétence notée par au moins {MIN_RATERS} d’entre eux : là, les niveaux de l’équipe les représentent."
                ),
                format!(
                    "Die Bewertenden stimmen bei jeder Kompetenz überein, die mindestens {MIN_RATERS} von ihnen bewertet haben: dort stehen die Stufen des Teams für sie."
                ),
            )
        } else {
            let list = split.join(", ");
            tr!(
                self.lang,
                format!(
                    "The raters disagree on {list}: there the team's level hides a spread, and is worth discussing before it is trusted."
                ),
                format!(
                    "Les évaluateurs divergent sur {list} : le niveau de l’équipe y masque un écart, à discuter avant de s’y fier."
                ),
                format!(
                    "Die Bewertenden sind uneins bei {list}: dort verdeckt die Stufe des Teams eine Streuung, die vor dem Vertrauen zu besprechen ist."
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

    /// What "a real change" means on this engagement's scale, in a sentence a client can
    /// repeat: "A change of 1 level can be only how ratings vary from one time to the
    /// next; a change of 2 levels or more is a real change."
    pub fn reliable_change_note(&self) -> String {
        let scale = &self.e.info.scale;
        let smallest = crate::insight::smallest_reliable_change(
            scale.sd(),
            scale.reliability(),
            scale.points(),
        );
        match smallest {
            Some(1) => tr!(
                self.lang,
                "A change of one level or more is a real change: more than ratings vary from one time to the next.".to_string(),
                "Un changement d’un niveau ou plus est un vrai changement : plus que ce dont les évaluations varient d’une fois à l’autre.".to_string(),
                "Eine Veränderung um eine Stufe oder mehr ist eine echte Veränderung: mehr, als Bewertungen von Mal zu Mal schwanken.".to_string(),
            ),
            Some(k) => {
                let less = k - 1;
                let levels = |n: i64| {
                    let word = if crate::i18n::one(self.lang, n as f64) {
                        crate::i18n::Word::LevelsOne
                    } else {
                        crate::i18n::Word::LevelsOther
                    };
                    format!("{n}\u{a0}{}", crate::i18n::word(self.lang, word))
                };
                let (less, k) = (levels(less), levels(k));
                tr!(
                    self.lang,
                    format!("A change of {less} can be only how ratings vary from one time to the next; a change of {k} or more is a real change."),
                    format!("Un changement de {less} peut venir seulement de ce dont les évaluations varient d’une fois à l’autre ; un changement de {k} ou plus est un vrai changement."),
                    format!("Eine Veränderung um {less} kann allein daher kommen, wie Bewertungen von Mal zu Mal schwanken; eine Veränderung um {k} oder mehr ist eine echte Veränderung."),
                )
            }
            None => tr!(
                self.lang,
                "On this scale ratings vary so much from one time to the next that no change can be told apart from that.".to_string(),
                "Sur cette échelle, les évaluations varient tant d’une fois à l’autre qu’aucun changement ne s’en distingue.".to_string(),
                "Auf dieser Skala schwanken Bewertungen von Mal zu Mal so stark, dass sich keine Veränderung davon unterscheiden lässt.".to_string(),
            ),
        }
    }

    /// How a real change is worked out, for the "How this is worked out" disclosure.
    pub fn reliable_change_method(&self) -> String {
        let scale = &self.e.info.scale;
        let r = self.two_places(scale.reliability());
        let sd = self.two_places(scale.sd());
        tr!(
            self.lang,
            format!(
                "A change is real when it is larger than ratings vary by on their own, 95 times in 100: the Jacobson–Truax reliable change index, with the scale's reliability of {r} and a spread of {sd} levels."
            ),
            format!(
                "Un changement est réel quand il dépasse ce dont les évaluations varient d’elles-mêmes, 95 fois sur 100 : indice de changement fiable de Jacobson–Truax, avec une fidélité de l’échelle de {r} et un écart type de {sd} niveau."
            ),
            format!(
                "Eine Veränderung ist echt, wenn sie größer ist als die Schwankung der Bewertungen selbst, 95 von 100 Mal: Reliable-Change-Index nach Jacobson–Truax, mit einer Reliabilität der Skala von {r} und einer Streuung von {sd} Stufen."
            ),
        )
    }

    /// How the raters' agreement is worked out, for the "How this is worked out"
    /// disclosure under a team's ratings.
    pub fn agreement_method(&self) -> String {
        let min = self.two_places(MIN_AGREEMENT);
        tr!(
            self.lang,
            format!(
                "Agreement is r_wg (James, Demaree and Wolf 1984): one minus the spread of the ratings given over the spread of ratings given at random on the scale. The raters agree at {min} or more, with at least {MIN_RATERS} of them."
            ),
            format!(
                "L’accord est le r_wg (James, Demaree et Wolf 1984) : un moins la dispersion des évaluations données rapportée à celle d’évaluations données au hasard sur l’échelle. Les évaluateurs s’accordent à {min} ou plus, à {MIN_RATERS} au moins."
            ),
            format!(
                "Die Übereinstimmung ist r_wg (James, Demaree und Wolf 1984): eins minus die Streuung der gegebenen Bewertungen im Verhältnis zur Streuung zufälliger Bewertungen auf der Skala. Die Bewertenden stimmen ab {min} überein, bei mindestens {MIN_RATERS} von ihnen."
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
