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
        Due::MeasurementDue {
            id,
            title,
            last_measurement: Some(last),
        } => tr!(
            lang,
            format!(
                "measure objective “{title}” ({id}): last measured on {}",
                date(*last)
            ),
            format!(
                "mesurer l’objectif « {title} » ({id}) : dernière mesure le {}",
                date(*last)
            ),
            format!(
                "Ziel „{title}“ ({id}) messen: zuletzt gemessen am {}",
                date(*last)
            )
        ),
        Due::MeasurementDue {
            id,
            title,
            last_measurement: None,
        } => tr!(
            lang,
            format!("measure objective “{title}” ({id}): never measured"),
            format!("mesurer l’objectif « {title} » ({id}) : jamais mesuré"),
            format!("Ziel „{title}“ ({id}) messen: noch nie gemessen")
        ),
    }
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
