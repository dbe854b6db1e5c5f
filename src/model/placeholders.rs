//! The placeholder texts `coachsite new` writes, in each language: one table, so that the
//! loader can warn about any left in before a site is published.

use super::Language;

/// The placeholders of a new engagement in one language.
pub struct Placeholders {
    pub(crate) title: &'static str,
    pub(crate) client: &'static str,
    pub(crate) coach: &'static str,
    pub(crate) sponsor: &'static str,
    pub(crate) context: &'static str,
    pub(crate) scale_labels: [&'static str; 5],
    pub(crate) competency: &'static str,
    pub(crate) member: &'static str,
    pub(crate) objective: &'static str,
    pub(crate) specific: &'static str,
    pub(crate) metric: &'static str,
    pub(crate) achievable: &'static str,
    pub(crate) relevant: &'static str,
    pub(crate) body: &'static str,
}

const EN: Placeholders = Placeholders {
    title: "New coaching engagement",
    client: "Name of the client or team",
    coach: "Your name",
    sponsor: "Who sponsors the engagement",
    context: "Structure, procedures, culture, habits and past experience that matter here.",
    scale_labels: [
        "Novice",
        "Advanced beginner",
        "Competent",
        "Proficient",
        "Expert",
    ],
    competency: "The first competency to develop",
    member: "First team member",
    objective: "A first objective, agreed with the client",
    specific: "What exactly changes, for whom, observable by everyone involved.",
    metric: "How it is counted",
    achievable: "Why it is within reach, from the level it starts at and the support it gets.",
    relevant: "Why it matters to the client and the sponsor.",
    body: "Why this objective, and how it was agreed. Markdown.",
};

const FR: Placeholders = Placeholders {
    title: "Nouvel accompagnement",
    client: "Nom du client ou de l’équipe",
    coach: "Votre nom",
    sponsor: "Commanditaire de l’accompagnement",
    context: "Structure, procédures, culture, habitudes et expériences passées qui comptent ici.",
    scale_labels: [
        "Novice",
        "Débutant avancé",
        "Compétent",
        "Performant",
        "Expert",
    ],
    competency: "La première compétence à développer",
    member: "Premier membre de l’équipe",
    objective: "Un premier objectif, convenu avec le client",
    specific: "Ce qui change exactement, pour qui, observable par toutes les personnes concernées.",
    metric: "Comment on le compte",
    achievable: "Pourquoi c’est à portée, vu le niveau de départ et le soutien prévu.",
    relevant: "Pourquoi cela compte pour le client et le commanditaire.",
    body: "Pourquoi cet objectif, et comment il a été convenu. Markdown.",
};

const DE: Placeholders = Placeholders {
    title: "Neues Coaching",
    client: "Name des Klienten oder Teams",
    coach: "Ihr Name",
    sponsor: "Auftraggeber des Coachings",
    context: "Struktur, Abläufe, Kultur, Gewohnheiten und frühere Erfahrungen, die hier zählen.",
    scale_labels: [
        "Neuling",
        "Fortgeschrittener Anfänger",
        "Kompetent",
        "Gewandt",
        "Experte",
    ],
    competency: "Die erste zu entwickelnde Kompetenz",
    member: "Erstes Teammitglied",
    objective: "Ein erstes Ziel, mit dem Klienten vereinbart",
    specific: "Was sich genau ändert, für wen, für alle Beteiligten beobachtbar.",
    metric: "Wie es gezählt wird",
    achievable: "Warum es erreichbar ist, vom Ausgangsniveau und der Unterstützung her.",
    relevant: "Warum es für Klienten und Auftraggeber wichtig ist.",
    body: "Warum dieses Ziel und wie es vereinbart wurde. Markdown.",
};

/// The placeholders `new` writes for a language.
pub fn placeholders(language: Language) -> &'static Placeholders {
    match language {
        Language::En => &EN,
        Language::Fr => &FR,
        Language::De => &DE,
    }
}

/// Whether a text is one of the placeholders `new` writes, in any language.
pub fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    [&EN, &FR, &DE].iter().any(|p| {
        [
            p.title,
            p.client,
            p.coach,
            p.sponsor,
            p.competency,
            p.member,
            p.objective,
        ]
        .contains(&text)
    })
}
