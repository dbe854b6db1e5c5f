//! The agenda in words (`coachsite agenda`): its heading, each day's heading, each item
//! and the closing count, in the language of the engagements shown. What is on it is
//! decided by `insight::agenda`.

use crate::i18n::format_date;
use crate::insight::{AgendaItem, Due};
use crate::model::{Date, Language};

/// "Agenda from 1 June 2026 to 7 June 2026".
pub(crate) fn agenda_heading(lang: Language, as_of: Date, last: Date) -> String {
    let (from, to) = (format_date(as_of, lang), format_date(last, lang));
    if as_of == last {
        return tr!(
            lang,
            format!("Agenda for {from}"),
            format!("Agenda du {from}"),
            format!("Agenda für {from}")
        );
    }
    tr!(
        lang,
        format!("Agenda from {from} to {to}"),
        format!("Agenda du {from} au {to}"),
        format!("Agenda vom {from} bis {to}")
    )
}

/// A day's heading: "20 May 2026 · overdue", "1 June 2026 · today", "3 June 2026".
pub(crate) fn day_heading(lang: Language, date: Date, as_of: Date) -> String {
    let day = format_date(date, lang);
    if date < as_of {
        tr!(
            lang,
            format!("{day} · overdue"),
            format!("{day} · en retard"),
            format!("{day} · überfällig")
        )
    } else if date == as_of {
        tr!(
            lang,
            format!("{day} · today"),
            format!("{day} · aujourd’hui"),
            format!("{day} · heute")
        )
    } else {
        day
    }
}

/// What is due, in a few words: "action “Write the runbook” (a3) · owner Maya".
pub(crate) fn agenda_item(lang: Language, item: &AgendaItem) -> String {
    let date = |d: Date| format_date(d, lang);
    match &item.due {
        Due::Retention if item.overdue => tr!(
            lang,
            "data kept past its retention date (retain_until)".into(),
            "données conservées au-delà de leur date limite (retain_until)".into(),
            "Daten über ihre Aufbewahrungsfrist hinaus gespeichert (retain_until)".into()
        ),
        Due::Retention => tr!(
            lang,
            "data to delete: its retention date (retain_until)".into(),
            "données à supprimer : leur date limite de conservation (retain_until)".into(),
            "Daten zu löschen: ihre Aufbewahrungsfrist endet (retain_until)".into()
        ),
        Due::EngagementEnds => tr!(
            lang,
            "the engagement ends".into(),
            "fin de l’accompagnement".into(),
            "Ende des Coachings".into()
        ),
        Due::SessionPlanned { .. } => tr!(
            lang,
            "next session, as agreed".into(),
            "prochaine séance, comme convenu".into(),
            "nächste Sitzung, wie vereinbart".into()
        ),
        Due::SessionMissed { .. } => tr!(
            lang,
            "next session passed without a note".into(),
            "prochaine séance passée sans note".into(),
            "nächste Sitzung ohne Notiz verstrichen".into()
        ),
        Due::SessionToBook {
            last: Some(last),
            cadence_days: n,
        } => tr!(
            lang,
            format!(
                "session to book: the last was on {}, every {n} days",
                date(*last)
            ),
            format!(
                "séance à fixer : la dernière a eu lieu le {}, tous les {n} jours",
                date(*last)
            ),
            format!(
                "Sitzung zu vereinbaren: die letzte war am {}, alle {n} Tage",
                date(*last)
            )
        ),
        Due::SessionToBook {
            last: None,
            cadence_days: n,
        } => tr!(
            lang,
            format!("session to book: none yet, every {n} days from the start"),
            format!("séance à fixer : aucune encore, tous les {n} jours depuis le début"),
            format!("Sitzung zu vereinbaren: noch keine, alle {n} Tage ab Beginn")
        ),
        Due::Action { .. } => action(lang, &item.due),
        Due::ObjectiveDue { id, title } => tr!(
            lang,
            format!("objective “{title}” ({id}) due"),
            format!("échéance de l’objectif « {title} » ({id})"),
            format!("Ziel „{title}“ ({id}) fällig")
        ),
        Due::MeasurementDue { .. } => measurement(lang, &item.due),
    }
}

/// A measurement due: of an objective, "measure objective “Title” (id)", or of one of its
/// key results, "measure key result “Title — metric” (id#result)"; then when it was last
/// measured.
fn measurement(lang: Language, due: &Due) -> String {
    let Due::MeasurementDue {
        id,
        key_result,
        title,
        last_measurement,
    } = due
    else {
        return String::new();
    };
    let what = match key_result {
        None => tr!(
            lang,
            format!("measure objective “{title}” ({id})"),
            format!("mesurer l’objectif « {title} » ({id})"),
            format!("Ziel „{title}“ ({id}) messen")
        ),
        Some(result) => tr!(
            lang,
            format!("measure key result “{title}” ({id}#{result})"),
            format!("mesurer le résultat clé « {title} » ({id}#{result})"),
            format!("Schlüsselergebnis „{title}“ ({id}#{result}) messen")
        ),
    };
    let when = match last_measurement {
        Some(last) => {
            let last = format_date(*last, lang);
            tr!(
                lang,
                format!(": last measured on {last}"),
                format!(" : dernière mesure le {last}"),
                format!(": zuletzt gemessen am {last}")
            )
        }
        None => tr!(
            lang,
            ": never measured".into(),
            " : jamais mesuré".into(),
            ": noch nie gemessen".into()
        ),
    };
    what + &when
}

/// An action: its title, id, owner and whether it is blocked.
fn action(lang: Language, due: &Due) -> String {
    let Due::Action {
        id,
        title,
        owner,
        blocked,
    } = due
    else {
        return String::new();
    };
    let mut text = tr!(
        lang,
        format!("action “{title}” ({id})"),
        format!("action « {title} » ({id})"),
        format!("Aktion „{title}“ ({id})")
    );
    if let Some(owner) = owner {
        text.push_str(&tr!(
            lang,
            format!(" · owner {owner}"),
            format!(" · responsable {owner}"),
            format!(" · verantwortlich {owner}")
        ));
    }
    if *blocked {
        text.push_str(&tr!(
            lang,
            ", blocked".into(),
            ", bloquée".into(),
            ", blockiert".into()
        ));
    }
    text
}

/// The closing line: "2 overdue, 5 due by 7 June 2026", or that nothing is due.
pub(crate) fn agenda_summary(lang: Language, overdue: usize, due: usize, last: Date) -> String {
    if overdue == 0 && due == 0 {
        return tr!(
            lang,
            format!("Nothing due by {}.", format_date(last, lang)),
            format!("Rien à faire d’ici le {}.", format_date(last, lang)),
            format!("Nichts fällig bis {}.", format_date(last, lang))
        );
    }
    let last = format_date(last, lang);
    tr!(
        lang,
        format!("{overdue} overdue, {due} due by {last}"),
        format!("{overdue} en retard, {due} à faire d’ici le {last}"),
        format!("{overdue} überfällig, {due} fällig bis {last}")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn item(due: Due, overdue: bool) -> AgendaItem {
        AgendaItem {
            date: d("2026-06-01"),
            overdue,
            due,
        }
    }

    #[test]
    fn every_item_in_three_languages() {
        let (id, title) = ("o".to_string(), "Title".to_string());
        let items = [
            item(Due::Retention, true),
            item(Due::Retention, false),
            item(Due::EngagementEnds, false),
            item(Due::SessionPlanned { after: "s".into() }, false),
            item(Due::SessionMissed { after: "s".into() }, true),
            item(
                Due::SessionToBook {
                    last: Some(d("2026-05-18")),
                    cadence_days: 14,
                },
                false,
            ),
            item(
                Due::SessionToBook {
                    last: None,
                    cadence_days: 14,
                },
                false,
            ),
            item(
                Due::Action {
                    id: id.clone(),
                    title: title.clone(),
                    owner: Some("Maya".into()),
                    blocked: true,
                },
                true,
            ),
            item(
                Due::ObjectiveDue {
                    id: id.clone(),
                    title: title.clone(),
                },
                false,
            ),
            item(
                Due::MeasurementDue {
                    id: id.clone(),
                    key_result: None,
                    title: title.clone(),
                    last_measurement: Some(d("2026-05-01")),
                },
                true,
            ),
            item(
                Due::MeasurementDue {
                    id: id.clone(),
                    key_result: None,
                    title: title.clone(),
                    last_measurement: None,
                },
                false,
            ),
            item(
                Due::MeasurementDue {
                    id,
                    key_result: Some("kr".into()),
                    title,
                    last_measurement: None,
                },
                false,
            ),
        ];
        for lang in [Language::En, Language::Fr, Language::De] {
            let mut lines: Vec<String> = items.iter().map(|i| agenda_item(lang, i)).collect();
            lines.sort();
            lines.dedup();
            assert_eq!(lines.len(), items.len(), "{lang:?}: {lines:?}");
        }
        let action = &items[7];
        assert_eq!(
            agenda_item(Language::En, action),
            "action “Title” (o) · owner Maya, blocked"
        );
        assert_eq!(
            agenda_item(Language::De, action),
            "Aktion „Title“ (o) · verantwortlich Maya, blockiert"
        );
        assert_eq!(
            agenda_item(Language::En, &items[11]),
            "measure key result “Title” (o#kr): never measured"
        );
        assert_eq!(
            agenda_item(Language::Fr, &items[9]),
            "mesurer l’objectif «\u{202f}Title\u{202f}» (o)\u{202f}: dernière mesure le 1er mai 2026"
        );
        assert_eq!(
            agenda_item(Language::Fr, &items[5]),
            "séance à fixer\u{202f}: la dernière a eu lieu le 18 mai 2026, tous les 14 jours"
        );
    }

    #[test]
    fn headings_and_counts() {
        let (first, last) = (d("2026-06-01"), d("2026-06-07"));
        assert_eq!(
            agenda_heading(Language::De, first, last),
            "Agenda vom 1. Juni 2026 bis 7. Juni 2026"
        );
        assert_eq!(
            agenda_heading(Language::Fr, first, first),
            "Agenda du 1er juin 2026"
        );
        assert_eq!(
            day_heading(Language::En, d("2026-05-31"), first),
            "31 May 2026 · overdue"
        );
        assert_eq!(
            day_heading(Language::De, first, first),
            "1. Juni 2026 · heute"
        );
        assert_eq!(day_heading(Language::Fr, last, first), "7 juin 2026");
        assert_eq!(
            agenda_summary(Language::En, 2, 5, last),
            "2 overdue, 5 due by 7 June 2026"
        );
        assert_eq!(
            agenda_summary(Language::De, 0, 0, last),
            "Nichts fällig bis 7. Juni 2026."
        );
    }
}
