//! German: every word of the interface, and its months.

use super::Word;

/// The language's code (the `lang` of the pages, and its plural rules).
pub(super) const CODE: &str = "de";

/// The months, as dates write them.
pub(super) const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// The months, as chart axes write them.
pub(super) const MONTHS_SHORT: [&str; 12] = [
    "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez.",
];

/// The text of `word`.
// A table of strings, one line per word: its length is the number of words.
#[allow(clippy::too_many_lines)]
pub(super) fn word(word: Word) -> &'static str {
    match word {
        Word::NavLabel => "Bereiche",
        Word::NavDashboard => "Übersicht",
        Word::NavPractice => "Alle Coachings",
        Word::NavObjectives => "Ziele",
        Word::NavAssessments => "Einschätzungen",
        Word::NavPlan => "Maßnahmenplan",
        Word::NavSessions => "Sitzungen",
        Word::NavLessons => "Erkenntnisse",
        Word::SkipToContent => "Zum Inhalt springen",
        Word::Breadcrumbs => "Brotkrümelnavigation",
        Word::AsOf => "Stand",
        Word::ViewFor => "Ansicht für:",
        Word::ConfidentialNote => {
            "Vertraulich: nur für die Personen, mit denen dieses Coaching vereinbart wurde."
        }
        Word::Client => "Klient",
        Word::Coach => "Coach",
        Word::Sponsor => "Auftraggeber",
        Word::Kind => "Art",
        Word::Period => "Zeitraum",
        Word::Context => "Kontext",
        Word::Objective => "Ziel",
        Word::Status => "Status",
        Word::Progress => "Fortschritt",
        Word::Latest => "Letzter Wert",
        Word::Target => "Ziel",
        Word::Baseline => "Ausgangswert",
        Word::Due => "Fällig",
        Word::OfTarget => "des Wegs zum Ziel",
        Word::NoDataYet => "Noch keine Messung",
        Word::NoObjectives => "Noch keine Ziele.",
        Word::NextActions => "Nächste Maßnahmen",
        Word::NoOpenActions => "Keine offenen Maßnahmen.",
        Word::SeePlan => "Der ganze Maßnahmenplan",
        Word::RecentSessions => "Letzte Sitzungen",
        Word::SeeSessions => "Alle Sitzungen",
        Word::NoSessions => "Noch keine Sitzungen.",
        Word::Smart => "SMART",
        Word::WhatWasAgreed => "Was vereinbart wurde",
        Word::WhatIsProposed => "Was vorgeschlagen ist",
        Word::Specific => "Spezifisch",
        Word::Measurable => "Messbar",
        Word::Achievable => "Erreichbar",
        Word::Relevant => "Relevant",
        Word::TimeBound => "Terminiert",
        Word::NotStated => "Nicht angegeben",
        Word::GasScale => "Zielerreichungsskala (−2 bis +2, 0 ist das erwartete Ergebnis)",
        Word::GasLevels => "Zielerreichungsstufen",
        Word::Level => "Stufe",
        Word::Outcome => "Ergebnis",
        Word::CurrentLevel => "aktuell",
        Word::Measurements => "Messungen",
        Word::NoMeasurements => "Noch keine Messungen.",
        Word::Date => "Datum",
        Word::Value => "Wert",
        Word::Note => "Anmerkung",
        Word::Milestones => "Meilensteine",
        Word::Narrative => "Warum dieses Ziel",
        Word::Competencies => "Kompetenzen",
        Word::Competency => "Kompetenz",
        Word::LinkedActions => "Maßnahmen",
        Word::NoLinkedActions => "Noch keine Maßnahmen zu diesem Ziel.",
        Word::LinkedSessions => "Besprochen in Sitzungen",
        Word::NoLinkedSessions => "Noch in keiner Sitzung besprochen.",
        Word::LevelsOverTime => "Stufen im Zeitverlauf",
        Word::Scale => "Skala",
        Word::Gap => "Lücke",
        Word::LatestVsTarget => "Letzte Stufe und Ziel",
        Word::NotAssessed => "nicht eingeschätzt",
        Word::Members => "Mitglieder",
        Word::Member => "Mitglied",
        Word::Agreement => "Übereinstimmung",
        Word::StakeholderPulse => "Rückmeldung der Beteiligten",
        Word::NetScore => "Nettowert",
        Word::TargetHistory => "Geändert nach Beginn der Messungen",
        Word::ExplainTargetHistory => {
            "Aus der Git-Historie des Mandats: jede Änderung von Ausgangswert, Ziel, Fälligkeit oder einer GAS-Stufe nach der ersten Messung, am Tag ihres Commits. Der Fortschritt misst sich an den heutigen Werten."
        }
        Word::NoChange => "Keine Veränderung",
        Word::Raters => "Bewertende",
        Word::AllRaters => "Alle Bewertenden",
        Word::Rater => "Bewertende Person",
        Word::RaterGroup => "Gruppe",
        Word::Question => "Frage",
        Word::Answers => "Antworten",
        Word::Comment => "Kommentar",
        Word::NoPulseFigures => {
            "Keine Zahl dieser Umfrage kann hier gezeigt werden: keine ihrer Bewertungen gilt einem Ziel dieser Seite, oder alle bleiben zum Schutz der Anonymität außen vor."
        }
        Word::HowWorkedOut => "Wie das berechnet wird",
        Word::AllAssessments => "Alle Einschätzungen",
        Word::NoAssessments => "Noch keine Einschätzungen.",
        Word::Ratings => "Einstufungen",
        Word::Observations => "Beobachtungen",
        Word::Owner => "Verantwortlich",
        Word::Agreed => "Vereinbart",
        Word::DoneOn => "Erledigt",
        Word::Reviews => "Überprüfungen",
        Word::DiscussedIn => "Besprochen in den Sitzungen vom",
        Word::DiscussedInOne => "Besprochen in der Sitzung vom",
        Word::WrittenIn => "Aufgabe in den Notizen der Sitzung vom",
        Word::NoActions => "Noch keine Maßnahmen im Plan.",
        Word::Revisions => "Überarbeitungen des Plans",
        Word::NoRevisions => "Der Plan wurde noch nicht überarbeitet.",
        Word::Session => "Sitzung",
        Word::Search => "Suchen",
        Word::SearchLabel => "Diese Website durchsuchen",
        Word::SearchScope => "Findet Wörter in den {list} dieser Website.",
        Word::SearchScopeNothing => "Auf dieser Website gibt es noch nichts zu durchsuchen.",
        Word::SearchInObjectives => "Zielen",
        Word::SearchInActions => "Maßnahmen",
        Word::SearchInSessions => "Sitzungsnotizen",
        Word::SearchInLessons => "Erkenntnissen",
        Word::And => "und",
        Word::SearchNone => "Nichts auf dieser Website passt zu „{q}“.",
        Word::SearchCommon => {
            "„{q}“ ist ein zu häufiges (oder zu langes) Wort, um allein danach zu suchen: fügen Sie ein weiteres Wort hinzu."
        }
        Word::SearchOne => "1 Treffer für „{q}“.",
        Word::SearchMany => "{n} Treffer für „{q}“.",
        Word::SearchMore => {
            "Die ersten {shown} werden gezeigt; ein weiteres Wort grenzt die Suche ein."
        }
        Word::SearchFailed => {
            "Der Suchindex konnte nicht geladen werden: Öffnen Sie diese Seite erneut."
        }
        Word::SearchNeedsJs => {
            "Die Suche braucht JavaScript. Jede Seite ist auch über das Menü oben erreichbar."
        }
        Word::SearchKindAction => "Maßnahme",
        Word::SearchKindLesson => "Erkenntnis",
        Word::Duration => "Dauer",
        Word::Attendees => "Teilnehmende",
        Word::Techniques => "Methoden",
        Word::Actions => "Maßnahmen",
        Word::ScalingQuestions => "Skalierungsfragen",
        Word::Notes => "Notizen",
        Word::LessonsFromSession => "Erkenntnisse aus dieser Sitzung",
        Word::PrivateNotes => "Nur für den Coach",
        Word::Tags => "Schlagwörter",
        Word::NoLessons => "Noch keine Erkenntnisse aufgeschrieben.",
        Word::LessonsFromSessions => "Aus den Sitzungsnotizen",
        Word::NoGatheredLessons => "Noch keine Erkenntnisse in Sitzungen notiert.",
        Word::Tagged => "Zum Schlagwort",
        Word::MentionedIn => "Erwähnt in",
        Word::Properties => "Eigenschaften",
        Word::Stated => "angegeben",
        Word::SmartNote => "Damit es beobachtbar wird",
        Word::PropertiesCoachOnly => {
            "Nur für Sie sichtbar (share.properties in engagement.yaml nennt die, die der Klient sieht):"
        }
        Word::StatusProposed => "Vorgeschlagen",
        Word::StatusActive => "Aktiv",
        Word::StatusAchieved => "Erreicht",
        Word::StatusPaused => "Pausiert",
        Word::StatusDropped => "Aufgegeben",
        Word::ActionOpen => "Offen",
        Word::ActionOverdue => "Überfällig",
        Word::ActionDone => "Erledigt",
        Word::ActionBlocked => "Blockiert",
        Word::ActionDropped => "Verworfen",
        Word::KindTeam => "Teamcoaching",
        Word::KindIndividual => "Einzelcoaching",
        Word::DirectionUp => "höher ist besser",
        Word::DirectionDown => "niedriger ist besser",
        Word::AudienceCoach => "den Coach",
        Word::AudienceClient => "den Klienten",
        Word::AudienceSponsor => "den Auftraggeber",
        Word::Minutes => "Min.",
        Word::PerMonth => "pro Monat",
        Word::GasLevelsUnit => "Stufen",
        Word::TimeLeft => "Verbleibende Zeit",
        Word::OpenObjective => "Ziel öffnen",
        Word::KeyFigures => "Kennzahlen",
        Word::LegendMeasurements => "Messungen",
        Word::LegendPlan => "Geplanter Weg vom Ausgangswert zum Ziel",
        Word::LegendTrend => "Trend, bis zur Prognose",
        Word::LegendTrendBand => "Wo der Trend liegen kann (80\u{a0}%)",
        Word::LegendMilestones => "Zwischenziele",
        Word::RecordedIn => "Erfasst in",
        Word::GapBetweenSessions => "Mehr als {days} Tage zwischen zwei Sitzungen",
        Word::HealthyBand => "Gesunde Verbindlichkeit: 70–85 % der fälligen Maßnahmen erledigt",
        Word::ValuesIn => "Werte in",
        Word::CoachSummary => "Zusammenfassung des Coachs",
        Word::GasLevelMinus2 => "viel weniger als erwartet",
        Word::GasLevelMinus1 => "weniger als erwartet",
        Word::GasLevel0 => "das erwartete Ergebnis",
        Word::GasLevelPlus1 => "mehr als erwartet",
        Word::GasLevelPlus2 => "viel mehr als erwartet",
        Word::OfPlannedTrajectory => "des geplanten Verlaufs",
        Word::Forecast => "Prognose",
        Word::Tracking => "Stand",
        Word::Trend => "Trend",
        Word::Pace => "Tempo",
        Word::Trajectory => "Verlauf",
        Word::Zpd => "Zone der nächsten Entwicklung",
        Word::Findings => "Was Aufmerksamkeit braucht",
        Word::FindingsNote => "Nur in der Ansicht des Coachs.",
        Word::NoFindings => "Nichts braucht Aufmerksamkeit.",
        Word::EngagementFindings => "Das Coaching",
        Word::Commitment => "Verbindlichkeit",
        Word::NoCommitment => "Noch keine Maßnahme war fällig.",
        Word::GasTScore => "GAS-T-Wert",
        Word::ExplainGas => {
            "Die Zielerreichungsskala bewertet jedes skalierte Ziel von −2 bis +2; 0 ist das als erwartet vereinbarte Ergebnis. Der T-Wert fasst sie zusammen: 50 heißt, die Ziele stehen im Mittel dort, wo sie erwartet wurden; jede Stufe darüber oder darunter verschiebt ihn um etwa 10."
        }
        Word::NotesNotShared => "Notizen nicht geteilt",
        Word::GasComputedOver => "Hier fasst er zusammen",
        Word::ExplainZpd => {
            "Die Zone der nächsten Entwicklung ist das, was als Nächstes mit Unterstützung gelernt werden kann. Muss eine Kompetenz schneller wachsen, wurde das Ziel zu weit gesteckt."
        }
        Word::ExplainTrajectory => {
            "Die gerade Linie vom Ausgangswert am Start bis zum Ziel am Fälligkeitsdatum: wie weit die letzte Messung darauf ist."
        }
        Word::DevelopmentAreas => "Entwicklungsfelder",
        Word::NoDevelopmentAreas => "Jede eingeschätzte Kompetenz hat ihr Ziel erreicht.",
        Word::NotSharedObjectives => "In dieser Ansicht werden keine Ziele geteilt.",
        Word::NotSharedAssessments => "Die Einschätzungen werden in dieser Ansicht nicht geteilt.",
        Word::NotSharedActions => "In dieser Ansicht werden keine Maßnahmen geteilt.",
        Word::NotSharedOpenActions => "In dieser Ansicht werden keine offenen Maßnahmen geteilt.",
        Word::NotSharedLinkedActions => {
            "In dieser Ansicht werden keine Maßnahmen zu diesem Ziel geteilt."
        }
        Word::NotSharedRevisions => {
            "Die Überarbeitungen des Plans werden in dieser Ansicht nicht geteilt."
        }
        Word::NotSharedSessions => "Sitzungsnotizen werden in dieser Ansicht nicht geteilt.",
        Word::NotSharedLessons => "In dieser Ansicht werden keine Erkenntnisse geteilt.",
        Word::NotSharedGatheredLessons => {
            "Keine Erkenntnisse aus den in dieser Ansicht geteilten Sitzungen."
        }
        Word::NotSharedCommitment => "Noch keine in dieser Ansicht geteilte Maßnahme war fällig.",
        Word::Passes => "erfüllt",
        Word::Fails => "fehlt",
        Word::Stable => "in zwei Einschätzungen in Folge gehalten",
        Word::NotStable => "noch nicht in zwei Einschätzungen in Folge gehalten",
        Word::ChartData => "Die Daten dieser Grafik",
        Word::LevelsAndTargets => "Stufen und Ziele",
        Word::HistoryPerCompetency => "Verlauf je Kompetenz",
        Word::Report => "Fortschrittsbericht",
        Word::PrintReport => "Fortschrittsbericht zum Drucken",
        Word::AddToCalendar => "Diese Termine in Ihren Kalender übernehmen",
        Word::CalendarActionDue => "Maßnahme fällig",
        Word::CalendarObjectiveDue => "Ziel fällig",
        Word::CalendarNextSession => "Nächste Coaching-Sitzung",
        Word::NextSession => "Nächste Sitzung",
        Word::CalendarEngagementEnds => "Ende des Coachings",
        Word::CoachOnly => "Nur Coach",
        Word::LockTitle => "Geschützte Coaching-Website",
        Word::LockPrompt => "Passwort",
        Word::LockButton => "Öffnen",
        Word::LockWorking => "Wird geöffnet…",
        Word::LockWrong => "Falsches Passwort: die Seite lässt sich damit nicht öffnen.",
        Word::LockNeedsJs => {
            "Diese Seite ist verschlüsselt; Ihr Browser braucht JavaScript, um sie zu öffnen."
        }
        Word::Colon => ":",
        Word::TrackingAchieved => "Erreicht",
        Word::TrackingOnTrack => "Auf Kurs",
        Word::TrackingAtRisk => "Gefährdet",
        Word::TrackingStalled => "Stockt",
        Word::TrackingStale => "Neu zu messen",
        Word::TrackingOverdue => "Überfällig",
        Word::TrackingTooEarly => "Noch zu früh",
        Word::TrackingNoMeasurement => "Noch keine Messung",
        Word::TrackingNotJudged => "Nicht beurteilt",
        Word::TrackingNotTracked => "Nicht verfolgt",
        Word::TrackingNotShared => "Nicht geteilt",
        Word::LevelsOne => "Stufe",
        Word::LevelsOther => "Stufen",
        Word::SeverityError => "Fehler",
        Word::SeverityWarning => "Warnung",
        Word::SeverityNote => "Hinweis",
        Word::ErrorsOne => "Fehler",
        Word::ErrorsOther => "Fehler",
        Word::WarningsOne => "Warnung",
        Word::WarningsOther => "Warnungen",
        Word::NotesOne => "Hinweis",
        Word::NotesOther => "Hinweise",
        Word::QuoteOpen => "„",
        Word::QuoteClose => "“",
        Word::PluginLeftOut => "aus jeder Website weggelassen: coachsite zeigt keinen Plugin-Code",
        Word::QueryNoNote => "Keine Notiz dieser Website passt zu dieser Abfrage.",
        Word::QueryNote => "Notiz",
        Word::KeyResults => "Schlüsselergebnisse",
        Word::OkrScore => "OKR-Score",
        Word::NotMeasuredYet => "Noch nicht gemessen",
        Word::Weight => "Gewicht",
    }
}
