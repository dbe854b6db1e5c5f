//! French (its typography: a narrow no-break space before `: ; ! ?` and inside «\u{202f}»): every word of the interface, and its months.

use super::Word;

/// The language's code (the `lang` of the pages, and its plural rules).
pub(super) const CODE: &str = "fr";

/// The months, as dates write them.
pub(super) const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The months, as chart axes write them.
pub(super) const MONTHS_SHORT: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

/// The text of `word`.
// A table of strings, one line per word: its length is the number of words.
#[allow(clippy::too_many_lines)]
pub(super) fn word(word: Word) -> &'static str {
    match word {
        Word::NavLabel => "Sections",
        Word::NavDashboard => "Tableau de bord",
        Word::NavPractice => "Tous les accompagnements",
        Word::NavObjectives => "Objectifs",
        Word::NavAssessments => "Évaluations",
        Word::NavPlan => "Plan d’action",
        Word::NavSessions => "Séances",
        Word::NavLessons => "Enseignements",
        Word::SkipToContent => "Aller au contenu",
        Word::Breadcrumbs => "Fil d’Ariane",
        Word::AsOf => "Au",
        Word::ViewFor => "Vue pour\u{202f}:",
        Word::ConfidentialNote => {
            "Confidentiel\u{202f}: réservé aux personnes avec qui cet accompagnement a été convenu."
        }
        Word::Client => "Client",
        Word::Coach => "Coach",
        Word::Sponsor => "Commanditaire",
        Word::Kind => "Type",
        Word::Period => "Période",
        Word::Context => "Contexte",
        Word::Objective => "Objectif",
        Word::Status => "Statut",
        Word::Progress => "Progression",
        Word::Latest => "Dernière valeur",
        Word::Target => "Cible",
        Word::Baseline => "Point de départ",
        Word::Due => "Échéance",
        Word::OfTarget => "du chemin vers la cible",
        Word::NoDataYet => "Pas encore de mesure",
        Word::NoObjectives => "Pas encore d’objectifs.",
        Word::NextActions => "Prochaines actions",
        Word::NoOpenActions => "Aucune action en cours.",
        Word::SeePlan => "Tout le plan d’action",
        Word::RecentSessions => "Séances récentes",
        Word::SeeSessions => "Toutes les séances",
        Word::NoSessions => "Pas encore de séances.",
        Word::Smart => "SMART",
        Word::WhatWasAgreed => "Ce qui a été convenu",
        Word::WhatIsProposed => "Ce qui est proposé",
        Word::Specific => "Spécifique",
        Word::Measurable => "Mesurable",
        Word::Achievable => "Atteignable",
        Word::Relevant => "Pertinent",
        Word::TimeBound => "Temporel",
        Word::NotStated => "Non précisé",
        Word::GasScale => "Échelle d’atteinte des objectifs (−2 à +2, 0 est le résultat attendu)",
        Word::GasLevels => "Niveaux d’atteinte",
        Word::Level => "Niveau",
        Word::Outcome => "Résultat",
        Word::CurrentLevel => "actuel",
        Word::Measurements => "Mesures",
        Word::NoMeasurements => "Pas encore de mesures.",
        Word::Date => "Date",
        Word::Value => "Valeur",
        Word::Note => "Remarque",
        Word::Milestones => "Jalons",
        Word::Narrative => "Pourquoi cet objectif",
        Word::Competencies => "Compétences",
        Word::Competency => "Compétence",
        Word::LinkedActions => "Actions",
        Word::NoLinkedActions => "Pas encore d’actions pour cet objectif.",
        Word::LinkedSessions => "Abordé en séance",
        Word::NoLinkedSessions => "Pas encore abordé en séance.",
        Word::LevelsOverTime => "Niveaux dans le temps",
        Word::Scale => "Échelle",
        Word::Gap => "Écart",
        Word::LatestVsTarget => "Dernier niveau et cible",
        Word::NotAssessed => "non évalué",
        Word::Members => "Membres",
        Word::Member => "Membre",
        Word::Agreement => "Accord",
        Word::StakeholderPulse => "Avis des parties prenantes",
        Word::NetScore => "Score net",
        Word::TargetHistory => "Modifié après le début des mesures",
        Word::ExplainTargetHistory => {
            "D’après l’historique git de l’accompagnement\u{202f}: chaque changement du point de départ, de la cible, de l’échéance ou d’un niveau GAS fait après la première mesure, au jour de son commit. La progression se mesure aux valeurs actuelles."
        }
        Word::NoChange => "Pas de changement",
        Word::Raters => "Évaluateurs",
        Word::AllRaters => "Tous les évaluateurs",
        Word::Rater => "Évaluateur",
        Word::RaterGroup => "Groupe",
        Word::Question => "Question",
        Word::Answers => "Réponses",
        Word::Comment => "Commentaire",
        Word::NoPulseFigures => {
            "Aucun chiffre de cette enquête ne peut être montré ici\u{202f}: aucune de ses notes ne porte sur un objectif de ce site, ou toutes sont laissées de côté pour préserver l’anonymat."
        }
        Word::HowWorkedOut => "Comment c’est calculé",
        Word::AllAssessments => "Toutes les évaluations",
        Word::NoAssessments => "Pas encore d’évaluations.",
        Word::Ratings => "Évaluations",
        Word::Observations => "Observations",
        Word::Owner => "Responsable",
        Word::Agreed => "Convenue le",
        Word::DoneOn => "Faite le",
        Word::Reviews => "Points d’étape",
        Word::DiscussedIn => "Abordée lors des séances du",
        Word::DiscussedInOne => "Abordée lors de la séance du",
        Word::WrittenIn => "Tâche notée dans le compte rendu de la séance du",
        Word::NoActions => "Pas encore d’actions dans le plan.",
        Word::Revisions => "Révisions du plan",
        Word::NoRevisions => "Le plan n’a pas encore été révisé.",
        Word::Session => "Séance",
        Word::Search => "Rechercher",
        Word::SearchLabel => "Rechercher dans ce site",
        Word::SearchScope => "Trouve des mots dans {list} de ce site.",
        Word::SearchScopeNothing => "Il n’y a encore rien à rechercher sur ce site.",
        Word::SearchInObjectives => "les objectifs",
        Word::SearchInActions => "les actions",
        Word::SearchInSessions => "les notes de séance",
        Word::SearchInLessons => "les enseignements",
        Word::And => "et",
        Word::SearchNone => "Rien sur ce site ne correspond à «\u{202f}{q}\u{202f}».",
        Word::SearchCommon => {
            "«\u{202f}{q}\u{202f}» est un mot trop courant (ou trop long) pour être cherché seul\u{202f}: ajoutez un autre mot."
        }
        Word::SearchOne => "1 résultat pour «\u{202f}{q}\u{202f}».",
        Word::SearchMany => "{n} résultats pour «\u{202f}{q}\u{202f}».",
        Word::SearchMore => {
            "Les {shown} premiers sont affichés\u{202f}; un mot de plus affine la recherche."
        }
        Word::SearchFailed => {
            "L’index de recherche n’a pas pu être chargé\u{202f}: ouvrez de nouveau cette page."
        }
        Word::SearchNeedsJs => {
            "La recherche a besoin de JavaScript. Chaque page est aussi accessible par le menu ci-dessus."
        }
        Word::SearchKindAction => "Action",
        Word::SearchKindLesson => "Enseignement",
        Word::Duration => "Durée",
        Word::Attendees => "Participants",
        Word::Techniques => "Techniques",
        Word::Actions => "Actions",
        Word::ScalingQuestions => "Questions d’échelle",
        Word::Notes => "Notes",
        Word::LessonsFromSession => "Enseignements de cette séance",
        Word::PrivateNotes => "Notes réservées au coach",
        Word::Tags => "Thèmes",
        Word::NoLessons => "Pas encore d’enseignements rédigés.",
        Word::LessonsFromSessions => "Tirés des notes de séance",
        Word::NoGatheredLessons => "Pas encore d’enseignements notés en séance.",
        Word::Tagged => "Sur le thème",
        Word::MentionedIn => "Mentionné dans",
        Word::Properties => "Propriétés",
        Word::Stated => "énoncé",
        Word::SmartNote => "Pour le rendre observable",
        Word::PropertiesCoachOnly => {
            "Visibles par vous seul (share.properties dans engagement.yaml nomme celles que voit le client)\u{202f}:"
        }
        Word::StatusProposed => "Proposé",
        Word::StatusActive => "En cours",
        Word::StatusAchieved => "Atteint",
        Word::StatusPaused => "En pause",
        Word::StatusDropped => "Abandonné",
        Word::ActionOpen => "En cours",
        Word::ActionOverdue => "En retard",
        Word::ActionDone => "Faite",
        Word::ActionBlocked => "Bloquée",
        Word::ActionDropped => "Abandonnée",
        Word::KindTeam => "Coaching d’équipe",
        Word::KindIndividual => "Coaching individuel",
        Word::DirectionUp => "plus c’est haut, mieux c’est",
        Word::DirectionDown => "plus c’est bas, mieux c’est",
        Word::AudienceCoach => "le coach",
        Word::AudienceClient => "le client",
        Word::AudienceSponsor => "le commanditaire",
        Word::Minutes => "min",
        Word::PerMonth => "par mois",
        Word::GasLevelsUnit => "niveaux",
        Word::TimeLeft => "Temps restant",
        Word::OpenObjective => "Ouvrir l’objectif",
        Word::KeyFigures => "Chiffres clés",
        Word::LegendMeasurements => "Mesures",
        Word::LegendPlan => "Trajectoire prévue du point de départ à la cible",
        Word::LegendTrend => "Tendance, jusqu’à la prévision",
        Word::LegendTrendBand => "Où la tendance peut se situer (80\u{a0}%)",
        Word::LegendMilestones => "Jalons",
        Word::RecordedIn => "Noté dans",
        Word::GapBetweenSessions => "Plus de {days} jours entre deux séances",
        Word::HealthyBand => "Engagement sain\u{202f}: 70 à 85 % des actions prévues faites",
        Word::ValuesIn => "Valeurs en",
        Word::CoachSummary => "La synthèse du coach",
        Word::GasLevelMinus2 => "bien moins qu’attendu",
        Word::GasLevelMinus1 => "moins qu’attendu",
        Word::GasLevel0 => "le résultat attendu",
        Word::GasLevelPlus1 => "plus qu’attendu",
        Word::GasLevelPlus2 => "bien plus qu’attendu",
        Word::OfPlannedTrajectory => "de ce que prévoit la trajectoire",
        Word::Forecast => "Prévision",
        Word::Tracking => "Où en est-on",
        Word::Trend => "Tendance",
        Word::Pace => "Rythme",
        Word::Trajectory => "Trajectoire",
        Word::Zpd => "Zone proximale de développement",
        Word::Findings => "Points d’attention",
        Word::FindingsNote => "Uniquement dans la vue du coach.",
        Word::NoFindings => "Rien ne demande d’attention.",
        Word::EngagementFindings => "L’accompagnement",
        Word::Commitment => "Engagement",
        Word::NoCommitment => "Aucune action n’était encore due.",
        Word::GasTScore => "Score T GAS",
        Word::ExplainGas => {
            "L’échelle d’atteinte des objectifs note chaque objectif de −2 à +2, 0 étant le résultat convenu comme attendu. Le score T les résume\u{202f}: 50 signifie que les objectifs sont en moyenne là où on les attendait\u{202f}; chaque niveau au-dessus ou en dessous le déplace d’environ 10."
        }
        Word::NotesNotShared => "notes non partagées",
        Word::GasComputedOver => "Ici, il résume",
        Word::ExplainZpd => {
            "La zone proximale de développement est ce qui peut s’apprendre ensuite avec un accompagnement. Une compétence qui doit progresser plus vite que cela indique un objectif fixé trop loin."
        }
        Word::ExplainTrajectory => {
            "La ligne droite du point de départ au début jusqu’à la cible à l’échéance\u{202f}: où en est la dernière mesure sur cette ligne."
        }
        Word::DevelopmentAreas => "Axes de développement",
        Word::NoDevelopmentAreas => "Chaque compétence évaluée atteint sa cible.",
        Word::NotSharedObjectives => "Aucun objectif n’est partagé dans cette vue.",
        Word::NotSharedAssessments => "Les évaluations ne sont pas partagées dans cette vue.",
        Word::NotSharedActions => "Aucune action n’est partagée dans cette vue.",
        Word::NotSharedOpenActions => "Aucune action en cours n’est partagée dans cette vue.",
        Word::NotSharedLinkedActions => {
            "Aucune action de cet objectif n’est partagée dans cette vue."
        }
        Word::NotSharedRevisions => "Les révisions du plan ne sont pas partagées dans cette vue.",
        Word::NotSharedSessions => "Les notes de séance ne sont pas partagées dans cette vue.",
        Word::NotSharedLessons => "Aucun enseignement n’est partagé dans cette vue.",
        Word::NotSharedGatheredLessons => {
            "Aucun enseignement issu des séances partagées dans cette vue."
        }
        Word::NotSharedCommitment => "Aucune action partagée dans cette vue n’était encore due.",
        Word::Passes => "validé",
        Word::Fails => "manque",
        Word::Stable => "tenu sur deux évaluations de suite",
        Word::NotStable => "pas encore tenu sur deux évaluations de suite",
        Word::ChartData => "Les données de ce graphique",
        Word::LevelsAndTargets => "Niveaux et cibles",
        Word::HistoryPerCompetency => "Historique par compétence",
        Word::Report => "Rapport d’avancement",
        Word::PrintReport => "Rapport d’avancement, prêt à imprimer",
        Word::AddToCalendar => "Ajouter ces dates à votre agenda",
        Word::CalendarActionDue => "Échéance de l’action",
        Word::CalendarObjectiveDue => "Échéance de l’objectif",
        Word::CalendarNextSession => "Prochaine séance de coaching",
        Word::NextSession => "Prochaine séance",
        Word::CalendarEngagementEnds => "Fin de l’accompagnement",
        Word::CoachOnly => "Coach uniquement",
        Word::LockTitle => "Site d’accompagnement protégé",
        Word::LockPrompt => "Mot de passe",
        Word::LockButton => "Ouvrir",
        Word::LockWorking => "Ouverture…",
        Word::LockWrong => "Mot de passe incorrect\u{202f}: la page ne peut pas être ouverte.",
        Word::LockNeedsJs => {
            "Cette page est chiffrée\u{202f}; votre navigateur a besoin de JavaScript pour l’ouvrir."
        }
        Word::Colon => "\u{202f}:",
        Word::TrackingAchieved => "Atteint",
        Word::TrackingOnTrack => "En bonne voie",
        Word::TrackingAtRisk => "En danger",
        Word::TrackingStalled => "À l’arrêt",
        Word::TrackingStale => "À mesurer de nouveau",
        Word::TrackingOverdue => "En retard",
        Word::TrackingTooEarly => "Trop tôt pour dire",
        Word::TrackingNoMeasurement => "Pas encore de mesure",
        Word::TrackingNotJudged => "Non évalué",
        Word::TrackingNotTracked => "Non suivi",
        Word::TrackingNotShared => "Non partagé",
        Word::LevelsOne => "niveau",
        Word::LevelsOther => "niveaux",
        Word::SeverityError => "erreur",
        Word::SeverityWarning => "attention",
        Word::SeverityNote => "remarque",
        Word::ErrorsOne => "erreur",
        Word::ErrorsOther => "erreurs",
        Word::WarningsOne => "avertissement",
        Word::WarningsOther => "avertissements",
        Word::NotesOne => "remarque",
        Word::NotesOther => "remarques",
        Word::QuoteOpen => "«\u{a0}",
        Word::QuoteClose => "\u{a0}»",
        Word::PluginLeftOut => {
            "laissé hors de chaque site\u{202f}: coachsite n’affiche pas le code des plugins"
        }
        Word::QueryNoNote => "Aucune note de ce site ne répond à cette requête.",
        Word::QueryNote => "Note",
        Word::KeyResults => "Résultats clés",
        Word::OkrScore => "Score OKR",
        Word::NotMeasuredYet => "Pas encore mesuré",
        Word::Weight => "Poids",
    }
}
