//! Interface strings and date and number formats for English, French and German.
//!
//! One table, one row per string with its three translations side by side, so a
//! language can never miss a key. Templates read the strings as `t.<key>`; no
//! interface text is written in a template.

use std::collections::BTreeMap;

use crate::model::{Date, Language, MONTHS_EN};

/// (key, English, French, German)
const STRINGS: &[(&str, &str, &str, &str)] = &[
    ("nav_label", "Sections", "Sections", "Bereiche"),
    ("nav_dashboard", "Dashboard", "Tableau de bord", "Übersicht"),
    (
        "nav_practice",
        "All engagements",
        "Tous les accompagnements",
        "Alle Coachings",
    ),
    ("nav_objectives", "Objectives", "Objectifs", "Ziele"),
    (
        "nav_assessments",
        "Assessments",
        "Évaluations",
        "Einschätzungen",
    ),
    ("nav_plan", "Action plan", "Plan d’action", "Maßnahmenplan"),
    ("nav_sessions", "Sessions", "Séances", "Sitzungen"),
    (
        "nav_lessons",
        "Lessons learned",
        "Enseignements",
        "Erkenntnisse",
    ),
    (
        "skip_to_content",
        "Skip to content",
        "Aller au contenu",
        "Zum Inhalt springen",
    ),
    (
        "breadcrumbs",
        "Breadcrumbs",
        "Fil d’Ariane",
        "Brotkrümelnavigation",
    ),
    ("as_of", "As of", "Au", "Stand"),
    ("view_for", "View for:", "Vue pour :", "Ansicht für:"),
    (
        "confidential_note",
        "Confidential: for the people this engagement was agreed with.",
        "Confidentiel : réservé aux personnes avec qui cet accompagnement a été convenu.",
        "Vertraulich: nur für die Personen, mit denen dieses Coaching vereinbart wurde.",
    ),
    ("client", "Client", "Client", "Klient"),
    ("coach", "Coach", "Coach", "Coach"),
    ("sponsor", "Sponsor", "Commanditaire", "Auftraggeber"),
    ("kind", "Kind", "Type", "Art"),
    ("period", "Period", "Période", "Zeitraum"),
    ("context", "Context", "Contexte", "Kontext"),
    ("objective", "Objective", "Objectif", "Ziel"),
    ("status", "Status", "Statut", "Status"),
    ("progress", "Progress", "Progression", "Fortschritt"),
    ("latest", "Latest", "Dernière valeur", "Letzter Wert"),
    ("target", "Target", "Cible", "Ziel"),
    ("baseline", "Baseline", "Point de départ", "Ausgangswert"),
    ("due", "Due", "Échéance", "Fällig"),
    (
        "of_target",
        "of the way to target",
        "du chemin vers la cible",
        "des Wegs zum Ziel",
    ),
    (
        "no_data_yet",
        "No measurement yet",
        "Pas encore de mesure",
        "Noch keine Messung",
    ),
    (
        "no_objectives",
        "No objectives yet.",
        "Pas encore d’objectifs.",
        "Noch keine Ziele.",
    ),
    (
        "next_actions",
        "Next actions",
        "Prochaines actions",
        "Nächste Maßnahmen",
    ),
    (
        "no_open_actions",
        "No open actions.",
        "Aucune action en cours.",
        "Keine offenen Maßnahmen.",
    ),
    (
        "see_plan",
        "The whole action plan",
        "Tout le plan d’action",
        "Der ganze Maßnahmenplan",
    ),
    (
        "recent_sessions",
        "Recent sessions",
        "Séances récentes",
        "Letzte Sitzungen",
    ),
    (
        "see_sessions",
        "All sessions",
        "Toutes les séances",
        "Alle Sitzungen",
    ),
    (
        "no_sessions",
        "No sessions yet.",
        "Pas encore de séances.",
        "Noch keine Sitzungen.",
    ),
    ("smart", "SMART", "SMART", "SMART"),
    (
        "what_was_agreed",
        "What was agreed",
        "Ce qui a été convenu",
        "Was vereinbart wurde",
    ),
    ("specific", "Specific", "Spécifique", "Spezifisch"),
    ("measurable", "Measurable", "Mesurable", "Messbar"),
    ("achievable", "Achievable", "Atteignable", "Erreichbar"),
    ("relevant", "Relevant", "Pertinent", "Relevant"),
    ("time_bound", "Time-bound", "Temporel", "Terminiert"),
    ("not_stated", "Not stated", "Non précisé", "Nicht angegeben"),
    (
        "gas_scale",
        "Goal attainment scale (−2 to +2, 0 is the expected outcome)",
        "Échelle d’atteinte des objectifs (−2 à +2, 0 est le résultat attendu)",
        "Zielerreichungsskala (−2 bis +2, 0 ist das erwartete Ergebnis)",
    ),
    (
        "gas_levels",
        "Goal attainment levels",
        "Niveaux d’atteinte",
        "Zielerreichungsstufen",
    ),
    ("level", "Level", "Niveau", "Stufe"),
    ("outcome", "Outcome", "Résultat", "Ergebnis"),
    ("current_level", "current", "actuel", "aktuell"),
    ("measurements", "Measurements", "Mesures", "Messungen"),
    (
        "no_measurements",
        "No measurements yet.",
        "Pas encore de mesures.",
        "Noch keine Messungen.",
    ),
    ("date", "Date", "Date", "Datum"),
    ("value", "Value", "Valeur", "Wert"),
    ("note", "Note", "Remarque", "Anmerkung"),
    ("milestones", "Milestones", "Jalons", "Meilensteine"),
    (
        "narrative",
        "Why this objective",
        "Pourquoi cet objectif",
        "Warum dieses Ziel",
    ),
    ("competencies", "Competencies", "Compétences", "Kompetenzen"),
    ("competency", "Competency", "Compétence", "Kompetenz"),
    ("linked_actions", "Actions", "Actions", "Maßnahmen"),
    (
        "no_linked_actions",
        "No actions for this objective yet.",
        "Pas encore d’actions pour cet objectif.",
        "Noch keine Maßnahmen zu diesem Ziel.",
    ),
    (
        "linked_sessions",
        "Discussed in sessions",
        "Abordé en séance",
        "Besprochen in Sitzungen",
    ),
    (
        "no_linked_sessions",
        "Not discussed in a session yet.",
        "Pas encore abordé en séance.",
        "Noch in keiner Sitzung besprochen.",
    ),
    (
        "levels_over_time",
        "Levels over time",
        "Niveaux dans le temps",
        "Stufen im Zeitverlauf",
    ),
    ("scale", "Scale", "Échelle", "Skala"),
    ("gap", "Gap", "Écart", "Lücke"),
    (
        "latest_vs_target",
        "Latest level and target",
        "Dernier niveau et cible",
        "Letzte Stufe und Ziel",
    ),
    (
        "not_assessed",
        "not assessed",
        "non évalué",
        "nicht eingeschätzt",
    ),
    ("members", "Members", "Membres", "Mitglieder"),
    ("member", "Member", "Membre", "Mitglied"),
    ("agreement", "Agreement", "Accord", "Übereinstimmung"),
    (
        "stakeholder_pulse",
        "Stakeholder pulse",
        "Avis des parties prenantes",
        "Rückmeldung der Beteiligten",
    ),
    ("net_score", "Net score", "Score net", "Nettowert"),
    (
        "target_history",
        "Changed after measuring began",
        "Modifié après le début des mesures",
        "Geändert nach Beginn der Messungen",
    ),
    (
        "explain_target_history",
        "From the engagement's git history: each change to the baseline, the target, the due date or a GAS level made after the first measurement, on the day it was committed. Progress is measured against today's values.",
        "D’après l’historique git de l’accompagnement : chaque changement du point de départ, de la cible, de l’échéance ou d’un niveau GAS fait après la première mesure, au jour de son commit. La progression se mesure aux valeurs actuelles.",
        "Aus der Git-Historie des Mandats: jede Änderung von Ausgangswert, Ziel, Fälligkeit oder einer GAS-Stufe nach der ersten Messung, am Tag ihres Commits. Der Fortschritt misst sich an den heutigen Werten.",
    ),
    (
        "no_change",
        "No change",
        "Pas de changement",
        "Keine Veränderung",
    ),
    ("raters", "Raters", "Évaluateurs", "Bewertende"),
    (
        "all_raters",
        "All raters",
        "Tous les évaluateurs",
        "Alle Bewertenden",
    ),
    ("rater", "Rater", "Évaluateur", "Bewertende Person"),
    ("rater_group", "Group", "Groupe", "Gruppe"),
    ("question", "Question", "Question", "Frage"),
    ("answers", "Answers", "Réponses", "Antworten"),
    ("comment", "Comment", "Commentaire", "Kommentar"),
    (
        "no_pulse_figures",
        "No figure of this survey can be shown here: none of its ratings is of an objective on this site, or every one is left out to keep the answers anonymous.",
        "Aucun chiffre de cette enquête ne peut être montré ici : aucune de ses notes ne porte sur un objectif de ce site, ou toutes sont laissées de côté pour préserver l’anonymat.",
        "Keine Zahl dieser Umfrage kann hier gezeigt werden: keine ihrer Bewertungen gilt einem Ziel dieser Seite, oder alle bleiben zum Schutz der Anonymität außen vor.",
    ),
    ("spread", "spread", "écart", "Spanne"),
    (
        "all_assessments",
        "All assessments",
        "Toutes les évaluations",
        "Alle Einschätzungen",
    ),
    (
        "no_assessments",
        "No assessments yet.",
        "Pas encore d’évaluations.",
        "Noch keine Einschätzungen.",
    ),
    ("ratings", "Ratings", "Évaluations", "Einstufungen"),
    (
        "observations",
        "Observations",
        "Observations",
        "Beobachtungen",
    ),
    ("owner", "Owner", "Responsable", "Verantwortlich"),
    ("agreed", "Agreed", "Convenue le", "Vereinbart"),
    ("done_on", "Done", "Faite le", "Erledigt"),
    ("reviews", "Reviews", "Points d’étape", "Überprüfungen"),
    (
        "discussed_in",
        "Discussed in sessions of",
        "Abordée lors des séances du",
        "Besprochen in den Sitzungen vom",
    ),
    (
        "no_actions",
        "No actions in the plan yet.",
        "Pas encore d’actions dans le plan.",
        "Noch keine Maßnahmen im Plan.",
    ),
    (
        "revisions",
        "Revisions of the plan",
        "Révisions du plan",
        "Überarbeitungen des Plans",
    ),
    (
        "no_revisions",
        "The plan has not been revised yet.",
        "Le plan n’a pas encore été révisé.",
        "Der Plan wurde noch nicht überarbeitet.",
    ),
    ("session", "Session", "Séance", "Sitzung"),
    ("search", "Search", "Rechercher", "Suchen"),
    (
        "search_label",
        "Search this site",
        "Rechercher dans ce site",
        "Diese Website durchsuchen",
    ),
    (
        "search_scope",
        "Finds words in the objectives, actions, session notes and lessons of this site.",
        "Trouve des mots dans les objectifs, les actions, les notes de séance et les enseignements de ce site.",
        "Findet Wörter in den Zielen, Maßnahmen, Sitzungsnotizen und Erkenntnissen dieser Website.",
    ),
    (
        "search_scope_sponsor",
        "Finds words in the objectives and actions of this site.",
        "Trouve des mots dans les objectifs et les actions de ce site.",
        "Findet Wörter in den Zielen und Maßnahmen dieser Website.",
    ),
    (
        "search_none",
        "Nothing on this site matches “{q}”.",
        "Rien sur ce site ne correspond à « {q} ».",
        "Nichts auf dieser Website passt zu „{q}“.",
    ),
    (
        "search_common",
        "“{q}” is too common (or too long) a word to search for on its own: add another word.",
        "« {q} » est un mot trop courant (ou trop long) pour être cherché seul : ajoutez un autre mot.",
        "„{q}“ ist ein zu häufiges (oder zu langes) Wort, um allein danach zu suchen: fügen Sie ein weiteres Wort hinzu.",
    ),
    (
        "search_one",
        "1 match for “{q}”.",
        "1 résultat pour « {q} ».",
        "1 Treffer für „{q}“.",
    ),
    (
        "search_many",
        "{n} matches for “{q}”.",
        "{n} résultats pour « {q} ».",
        "{n} Treffer für „{q}“.",
    ),
    (
        "search_more",
        "The first {shown} are shown; another word narrows the search.",
        "Les {shown} premiers sont affichés ; un mot de plus affine la recherche.",
        "Die ersten {shown} werden gezeigt; ein weiteres Wort grenzt die Suche ein.",
    ),
    (
        "search_needs_js",
        "Search needs JavaScript. Every page can also be reached from the menu above.",
        "La recherche a besoin de JavaScript. Chaque page est aussi accessible par le menu ci-dessus.",
        "Die Suche braucht JavaScript. Jede Seite ist auch über das Menü oben erreichbar.",
    ),
    ("search_kind_action", "Action", "Action", "Maßnahme"),
    ("search_kind_lesson", "Lesson", "Enseignement", "Erkenntnis"),
    ("duration", "Duration", "Durée", "Dauer"),
    ("attendees", "Attendees", "Participants", "Teilnehmende"),
    ("techniques", "Techniques", "Techniques", "Methoden"),
    ("actions", "Actions", "Actions", "Maßnahmen"),
    (
        "scaling_questions",
        "Scaling questions",
        "Questions d’échelle",
        "Skalierungsfragen",
    ),
    ("notes", "Notes", "Notes", "Notizen"),
    (
        "lessons_from_session",
        "Lessons from this session",
        "Enseignements de cette séance",
        "Erkenntnisse aus dieser Sitzung",
    ),
    (
        "private_notes",
        "Coach-only notes",
        "Notes réservées au coach",
        "Nur für den Coach",
    ),
    ("tags", "Tags", "Thèmes", "Schlagwörter"),
    (
        "no_lessons",
        "No lessons written up yet.",
        "Pas encore d’enseignements rédigés.",
        "Noch keine Erkenntnisse aufgeschrieben.",
    ),
    (
        "lessons_from_sessions",
        "Gathered from session notes",
        "Tirés des notes de séance",
        "Aus den Sitzungsnotizen",
    ),
    (
        "no_gathered_lessons",
        "No lessons noted in sessions yet.",
        "Pas encore d’enseignements notés en séance.",
        "Noch keine Erkenntnisse in Sitzungen notiert.",
    ),
    ("tagged", "Tagged", "Sur le thème", "Zum Schlagwort"),
    (
        "mentioned_in",
        "Mentioned in",
        "Mentionné dans",
        "Erwähnt in",
    ),
    ("status_proposed", "Proposed", "Proposé", "Vorgeschlagen"),
    ("status_active", "Active", "En cours", "Aktiv"),
    ("status_achieved", "Achieved", "Atteint", "Erreicht"),
    ("status_paused", "Paused", "En pause", "Pausiert"),
    ("status_dropped", "Dropped", "Abandonné", "Aufgegeben"),
    ("action_open", "Open", "En cours", "Offen"),
    ("action_overdue", "Overdue", "En retard", "Überfällig"),
    ("action_done", "Done", "Faite", "Erledigt"),
    ("action_blocked", "Blocked", "Bloquée", "Blockiert"),
    ("action_dropped", "Dropped", "Abandonnée", "Verworfen"),
    (
        "kind_team",
        "Team coaching",
        "Coaching d’équipe",
        "Teamcoaching",
    ),
    (
        "kind_individual",
        "Individual coaching",
        "Coaching individuel",
        "Einzelcoaching",
    ),
    (
        "direction_up",
        "higher is better",
        "plus c’est haut, mieux c’est",
        "höher ist besser",
    ),
    (
        "direction_down",
        "lower is better",
        "plus c’est bas, mieux c’est",
        "niedriger ist besser",
    ),
    ("audience_coach", "the coach", "le coach", "den Coach"),
    ("audience_client", "the client", "le client", "den Klienten"),
    (
        "audience_sponsor",
        "the sponsor",
        "le commanditaire",
        "den Auftraggeber",
    ),
    ("minutes", "min", "min", "Min."),
    ("per_month", "a month", "par mois", "pro Monat"),
    ("gas_levels_unit", "levels", "niveaux", "Stufen"),
    (
        "time_left",
        "Time left",
        "Temps restant",
        "Verbleibende Zeit",
    ),
    (
        "open_objective",
        "Open the objective",
        "Ouvrir l’objectif",
        "Ziel öffnen",
    ),
    ("key_figures", "Key figures", "Chiffres clés", "Kennzahlen"),
    (
        "legend_measurements",
        "Measurements",
        "Mesures",
        "Messungen",
    ),
    (
        "legend_plan",
        "Planned path from baseline to target",
        "Trajectoire prévue du point de départ à la cible",
        "Geplanter Weg vom Ausgangswert zum Ziel",
    ),
    (
        "legend_trend",
        "Trend, to the forecast",
        "Tendance, jusqu’à la prévision",
        "Trend, bis zur Prognose",
    ),
    (
        "legend_trend_band",
        "Where the trend may lie (80%)",
        "Où la tendance peut se situer (80\u{a0}%)",
        "Wo der Trend liegen kann (80\u{a0}%)",
    ),
    ("legend_milestones", "Milestones", "Jalons", "Zwischenziele"),
    ("recorded_in", "Recorded in", "Noté dans", "Erfasst in"),
    (
        "gap_between_sessions",
        "More than {days} days between two sessions",
        "Plus de {days} jours entre deux séances",
        "Mehr als {days} Tage zwischen zwei Sitzungen",
    ),
    (
        "healthy_band",
        "Healthy commitment: 70–85% of the actions due done",
        "Engagement sain : 70 à 85 % des actions prévues faites",
        "Gesunde Verbindlichkeit: 70–85 % der fälligen Maßnahmen erledigt",
    ),
    ("values_in", "Values in", "Valeurs en", "Werte in"),
    (
        "coach_summary",
        "The coach’s summary",
        "La synthèse du coach",
        "Zusammenfassung des Coachs",
    ),
    (
        "gas_level_minus_2",
        "much less than expected",
        "bien moins qu’attendu",
        "viel weniger als erwartet",
    ),
    (
        "gas_level_minus_1",
        "less than expected",
        "moins qu’attendu",
        "weniger als erwartet",
    ),
    (
        "gas_level_0",
        "the expected outcome",
        "le résultat attendu",
        "das erwartete Ergebnis",
    ),
    (
        "gas_level_plus_1",
        "more than expected",
        "plus qu’attendu",
        "mehr als erwartet",
    ),
    (
        "gas_level_plus_2",
        "much more than expected",
        "bien plus qu’attendu",
        "viel mehr als erwartet",
    ),
    (
        "of_planned_trajectory",
        "of where the planned trajectory says it should be",
        "de ce que prévoit la trajectoire",
        "des geplanten Verlaufs",
    ),
    ("forecast", "Forecast", "Prévision", "Prognose"),
    ("tracking", "Where it stands", "Où en est-on", "Stand"),
    ("trend", "Trend", "Tendance", "Trend"),
    ("pace", "Pace", "Rythme", "Tempo"),
    ("trajectory", "Trajectory", "Trajectoire", "Verlauf"),
    (
        "zpd",
        "Zone of proximal development",
        "Zone proximale de développement",
        "Zone der nächsten Entwicklung",
    ),
    (
        "findings",
        "What needs attention",
        "Points d’attention",
        "Was Aufmerksamkeit braucht",
    ),
    (
        "findings_note",
        "Only in the coach’s view.",
        "Uniquement dans la vue du coach.",
        "Nur in der Ansicht des Coachs.",
    ),
    (
        "no_findings",
        "Nothing needs attention.",
        "Rien ne demande d’attention.",
        "Nichts braucht Aufmerksamkeit.",
    ),
    (
        "engagement_findings",
        "The engagement",
        "L’accompagnement",
        "Das Coaching",
    ),
    ("commitment", "Commitment", "Engagement", "Verbindlichkeit"),
    (
        "no_commitment",
        "No action was due yet.",
        "Aucune action n’était encore due.",
        "Noch keine Maßnahme war fällig.",
    ),
    ("gas_t_score", "GAS T-score", "Score T GAS", "GAS-T-Wert"),
    // Plain words for the technical terms, where a page first uses them.
    (
        "explain_gas",
        "Goal attainment scaling rates each scaled objective from −2 to +2, 0 being the outcome agreed as expected. The T-score sums them up: 50 means the objectives are where they were expected to be, on average; each level above or below moves it by about 10.",
        "L’échelle d’atteinte des objectifs note chaque objectif de −2 à +2, 0 étant le résultat convenu comme attendu. Le score T les résume : 50 signifie que les objectifs sont en moyenne là où on les attendait ; chaque niveau au-dessus ou en dessous le déplace d’environ 10.",
        "Die Zielerreichungsskala bewertet jedes skalierte Ziel von −2 bis +2; 0 ist das als erwartet vereinbarte Ergebnis. Der T-Wert fasst sie zusammen: 50 heißt, die Ziele stehen im Mittel dort, wo sie erwartet wurden; jede Stufe darüber oder darunter verschiebt ihn um etwa 10.",
    ),
    (
        "explain_zpd",
        "The zone of proximal development is what can be learned next with support. A competency that has to grow faster than that is a sign the objective was set too far ahead.",
        "La zone proximale de développement est ce qui peut s’apprendre ensuite avec un accompagnement. Une compétence qui doit progresser plus vite que cela indique un objectif fixé trop loin.",
        "Die Zone der nächsten Entwicklung ist das, was als Nächstes mit Unterstützung gelernt werden kann. Muss eine Kompetenz schneller wachsen, wurde das Ziel zu weit gesteckt.",
    ),
    (
        "explain_trajectory",
        "The straight line from the baseline at the start to the target at the due date: how far along it the latest measurement is.",
        "La ligne droite du point de départ au début jusqu’à la cible à l’échéance : où en est la dernière mesure sur cette ligne.",
        "Die gerade Linie vom Ausgangswert am Start bis zum Ziel am Fälligkeitsdatum: wie weit die letzte Messung darauf ist.",
    ),
    (
        "development_areas",
        "Development areas",
        "Axes de développement",
        "Entwicklungsfelder",
    ),
    (
        "no_development_areas",
        "Every assessed competency is at its target.",
        "Chaque compétence évaluée atteint sa cible.",
        "Jede eingeschätzte Kompetenz hat ihr Ziel erreicht.",
    ),
    // What a view says of a list when the engagement has items of that kind that this
    // reader is not shown (render/views.rs: `Views::empty`).
    (
        "not_shared_objectives",
        "No objectives are shared in this view.",
        "Aucun objectif n’est partagé dans cette vue.",
        "In dieser Ansicht werden keine Ziele geteilt.",
    ),
    (
        "not_shared_assessments",
        "The assessments are not shared in this view.",
        "Les évaluations ne sont pas partagées dans cette vue.",
        "Die Einschätzungen werden in dieser Ansicht nicht geteilt.",
    ),
    (
        "not_shared_actions",
        "No actions are shared in this view.",
        "Aucune action n’est partagée dans cette vue.",
        "In dieser Ansicht werden keine Maßnahmen geteilt.",
    ),
    (
        "not_shared_open_actions",
        "No open actions are shared in this view.",
        "Aucune action en cours n’est partagée dans cette vue.",
        "In dieser Ansicht werden keine offenen Maßnahmen geteilt.",
    ),
    (
        "not_shared_linked_actions",
        "No actions for this objective are shared in this view.",
        "Aucune action de cet objectif n’est partagée dans cette vue.",
        "In dieser Ansicht werden keine Maßnahmen zu diesem Ziel geteilt.",
    ),
    (
        "not_shared_revisions",
        "The plan’s revisions are not shared in this view.",
        "Les révisions du plan ne sont pas partagées dans cette vue.",
        "Die Überarbeitungen des Plans werden in dieser Ansicht nicht geteilt.",
    ),
    (
        "not_shared_sessions",
        "Session notes are not shared in this view.",
        "Les notes de séance ne sont pas partagées dans cette vue.",
        "Sitzungsnotizen werden in dieser Ansicht nicht geteilt.",
    ),
    (
        "not_shared_lessons",
        "No lessons are shared in this view.",
        "Aucun enseignement n’est partagé dans cette vue.",
        "In dieser Ansicht werden keine Erkenntnisse geteilt.",
    ),
    (
        "not_shared_gathered_lessons",
        "No lessons from the sessions shared in this view.",
        "Aucun enseignement issu des séances partagées dans cette vue.",
        "Keine Erkenntnisse aus den in dieser Ansicht geteilten Sitzungen.",
    ),
    (
        "not_shared_commitment",
        "No action shared in this view was due yet.",
        "Aucune action partagée dans cette vue n’était encore due.",
        "Noch keine in dieser Ansicht geteilte Maßnahme war fällig.",
    ),
    ("passes", "passes", "validé", "erfüllt"),
    ("fails", "fails", "manque", "fehlt"),
    (
        "stable",
        "held in two assessments in a row",
        "tenu sur deux évaluations de suite",
        "in zwei Einschätzungen in Folge gehalten",
    ),
    (
        "not_stable",
        "not yet held in two assessments in a row",
        "pas encore tenu sur deux évaluations de suite",
        "noch nicht in zwei Einschätzungen in Folge gehalten",
    ),
    (
        "chart_data",
        "The data of this chart",
        "Les données de ce graphique",
        "Die Daten dieser Grafik",
    ),
    (
        "levels_and_targets",
        "Levels and targets",
        "Niveaux et cibles",
        "Stufen und Ziele",
    ),
    (
        "history_per_competency",
        "History per competency",
        "Historique par compétence",
        "Verlauf je Kompetenz",
    ),
    (
        "report",
        "Progress report",
        "Rapport d’avancement",
        "Fortschrittsbericht",
    ),
    (
        "print_report",
        "Progress report, ready to print",
        "Rapport d’avancement, prêt à imprimer",
        "Fortschrittsbericht zum Drucken",
    ),
    ("coach_only", "Coach only", "Coach uniquement", "Nur Coach"),
    (
        "lock_title",
        "Protected coaching site",
        "Site d’accompagnement protégé",
        "Geschützte Coaching-Website",
    ),
    ("lock_prompt", "Password", "Mot de passe", "Passwort"),
    ("lock_button", "Open", "Ouvrir", "Öffnen"),
    ("lock_working", "Opening…", "Ouverture…", "Wird geöffnet…"),
    (
        "lock_wrong",
        "Wrong password: the page cannot be opened with it.",
        "Mot de passe incorrect : la page ne peut pas être ouverte.",
        "Falsches Passwort: die Seite lässt sich damit nicht öffnen.",
    ),
    (
        "lock_needs_js",
        "This page is encrypted; your browser needs JavaScript to open it.",
        "Cette page est chiffrée ; votre navigateur a besoin de JavaScript pour l’ouvrir.",
        "Diese Seite ist verschlüsselt; Ihr Browser braucht JavaScript, um sie zu öffnen.",
    ),
    ("quote_open", "“", "«\u{a0}", "„"),
    ("quote_close", "”", "\u{a0}»", "“"),
];

const MONTHS: [[&str; 12]; 3] = [
    MONTHS_EN,
    [
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
    ],
    [
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
    ],
];

fn column(language: Language) -> usize {
    match language {
        Language::En => 0,
        Language::Fr => 1,
        Language::De => 2,
    }
}

/// The interface strings of one language, by key.
pub fn strings(language: Language) -> BTreeMap<&'static str, &'static str> {
    STRINGS
        .iter()
        .map(|(key, en, fr, de)| (*key, [*en, *fr, *de][column(language)]))
        .collect()
}

/// One interface string. Unknown keys are a programming error and show as the key.
pub fn text(language: Language, key: &str) -> &'static str {
    STRINGS
        .iter()
        .find(|row| row.0 == key)
        .map(|(_, en, fr, de)| [*en, *fr, *de][column(language)])
        .unwrap_or("?")
}

/// The `lang` attribute of the pages.
pub fn code(language: Language) -> &'static str {
    ["en", "fr", "de"][column(language)]
}

/// A date as people write it: "5 February 2026", "1er février 2026", "5. Februar 2026".
///
/// ```
/// use coachsite::{Date, i18n::format_date, model::Language};
/// let date = Date::parse("2026-02-01").unwrap();
/// assert_eq!(format_date(date, Language::Fr), "1er février 2026");
/// ```
pub fn format_date(date: Date, language: Language) -> String {
    let (year, month, day) = date.ymd();
    let name = MONTHS[column(language)][(month - 1) as usize];
    match language {
        Language::En => format!("{day} {name} {year}"),
        Language::Fr if day == 1 => format!("1er {name} {year}"),
        Language::Fr => format!("{day} {name} {year}"),
        Language::De => format!("{day}. {name} {year}"),
    }
}

const MONTHS_SHORT: [[&str; 12]; 3] = [
    [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ],
    [
        "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.",
        "Dez.",
    ],
];

/// A short date for chart axes: "6 Feb", "6 févr.", "6. Feb.".
pub fn format_date_short(date: Date, language: Language) -> String {
    let (_, month, day) = date.ymd();
    let name = MONTHS_SHORT[column(language)][(month - 1) as usize];
    match language {
        Language::De => format!("{day}. {name}"),
        _ => format!("{day} {name}"),
    }
}

/// A number with at most two decimals and no trailing zeros, with the language's
/// decimal separator: 12, 3.5 / 3,5.
pub fn format_number(value: f64, language: Language) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let mut text = format!("{:.2}", (value * 100.0).round() / 100.0);
    while text.contains('.') && (text.ends_with('0') || text.ends_with('.')) {
        text.pop();
    }
    if text == "-0" {
        text = "0".to_string();
    }
    match language {
        Language::En => text,
        Language::Fr | Language::De => text.replace('.', ","),
    }
}

/// A share (0..1) as a whole percentage: "33%" in English, "33 %" in French and German
/// (with a no-break space).
pub fn format_percent(share: f64, language: Language) -> String {
    let pct = if share.is_finite() {
        (share * 100.0).round()
    } else {
        0.0
    };
    match language {
        Language::En => format!("{pct}%"),
        Language::Fr | Language::De => format!("{pct}\u{a0}%"),
    }
}

/// A measured value with its unit: "25%", "9 defects", "25 %" in French.
pub fn format_value(value: f64, unit: Option<&str>, language: Language) -> String {
    let number = format_number(value, language);
    match unit.map(str::trim) {
        None | Some("") => number,
        Some("%") if language == Language::En => format!("{number}%"),
        Some(unit) => format!(
            "{number}\u{a0}{}",
            unit_for(number.as_str(), unit, language)
        ),
    }
}

/// The unit as it reads after a number: in English and French, "1 deployment per month",
/// not "1 deployments" (the first word of the unit loses its plural `s`). German plurals
/// are not made by a suffix, so its units stay as written.
fn unit_for<'u>(number: &str, unit: &'u str, language: Language) -> std::borrow::Cow<'u, str> {
    let one = number == "1" || number == "-1";
    let first = unit.split(' ').next().unwrap_or(unit);
    if one
        && language != Language::De
        && first.len() > 2
        && first.ends_with('s')
        && !first.ends_with("ss")
        && !first.ends_with("us")
    {
        std::borrow::Cow::Owned(format!(
            "{}{}",
            &first[..first.len() - 1],
            &unit[first.len()..]
        ))
    } else {
        std::borrow::Cow::Borrowed(unit)
    }
}

/// A number with the precision a reader wants from a rate: three significant digits
/// at most (152 %, 14.8 %, 2.08).
fn sensible(value: f64) -> f64 {
    let decimals = match value.abs() {
        v if v >= 100.0 => 0,
        v if v >= 10.0 => 1,
        _ => 2,
    };
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale
}

/// Whether a unit is itself a monthly rate ("deployments per month", "tickets/mo",
/// "par mois", "pro Monat"): a change per month then goes without it, so that nothing
/// reads "per month a month".
fn is_monthly(unit: &str) -> bool {
    let unit = unit.to_lowercase();
    ["month", "/mo", "mois", "monat"]
        .iter()
        .any(|w| unit.contains(w))
}

/// A change per month, for trends and paces: signed, at a sensible precision, with the
/// unit unless the unit is already a rate. The caller adds "a month".
pub fn format_rate(value: f64, unit: Option<&str>, language: Language) -> String {
    let unit = unit.filter(|u| !is_monthly(u));
    format_change(sensible(value), unit, language)
}

/// A change with its sign: "+3.5%", "−2 defects" (a real minus sign).
pub fn format_change(value: f64, unit: Option<&str>, language: Language) -> String {
    let magnitude = format_value(value.abs(), unit, language);
    if value > 0.0 {
        format!("+{magnitude}")
    } else if value < 0.0 && magnitude.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("−{magnitude}")
    } else {
        magnitude
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::from_ymd(y, m, d).unwrap()
    }

    #[test]
    fn dates_read_naturally_in_each_language() {
        assert_eq!(
            format_date(date(2026, 2, 5), Language::En),
            "5 February 2026"
        );
        assert_eq!(
            format_date(date(2026, 2, 5), Language::Fr),
            "5 février 2026"
        );
        assert_eq!(
            format_date(date(2026, 2, 1), Language::Fr),
            "1er février 2026"
        );
        assert_eq!(format_date(date(2026, 3, 5), Language::De), "5. März 2026");
    }

    #[test]
    fn numbers_use_the_local_decimal_separator() {
        assert_eq!(format_number(3.5, Language::En), "3.5");
        assert_eq!(format_number(3.5, Language::Fr), "3,5");
        assert_eq!(format_number(12.0, Language::De), "12");
        assert_eq!(format_number(1.0 / 3.0, Language::En), "0.33");
        assert_eq!(format_number(-0.001, Language::En), "0");
        assert_eq!(format_number(f64::NAN, Language::En), "–");
    }

    #[test]
    fn units_and_rates_read_naturally() {
        let en = Language::En;
        assert_eq!(
            format_value(1.0, Some("deployments per month"), en),
            "1\u{a0}deployment per month"
        );
        assert_eq!(
            format_value(2.0, Some("deployments per month"), en),
            "2\u{a0}deployments per month"
        );
        assert_eq!(
            format_value(1.0, Some("déploiements par mois"), Language::Fr),
            "1\u{a0}déploiement par mois"
        );
        assert_eq!(
            format_value(1.0, Some("Deployments"), Language::De),
            "1\u{a0}Deployments"
        );
        assert_eq!(format_value(1.0, Some("status"), en), "1\u{a0}status");
        // A change per month: three significant digits, and a monthly unit said once.
        assert_eq!(format_rate(1.521_9, Some("%"), en), "+1.52%");
        assert_eq!(format_rate(152.19, Some("%"), en), "+152%");
        assert_eq!(format_rate(14.84, Some("%"), en), "+14.8%");
        assert_eq!(format_rate(0.2, Some("deployments per month"), en), "+0.2");
        assert_eq!(
            format_rate(-2.083, Some("defects per sprint"), en),
            "−2.08\u{a0}defects per sprint"
        );
    }

    #[test]
    fn percents_and_units() {
        assert_eq!(format_percent(1.0 / 3.0, Language::En), "33%");
        assert_eq!(format_percent(0.5, Language::Fr), "50\u{a0}%");
        assert_eq!(format_value(25.0, Some("%"), Language::En), "25%");
        assert_eq!(
            format_value(9.0, Some("defects"), Language::En),
            "9\u{a0}defects"
        );
        assert_eq!(format_value(2.5, None, Language::De), "2,5");
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(format_change(2.5, Some("%"), Language::En), "+2.5%");
        assert_eq!(
            format_change(-2.08, Some("defects"), Language::En),
            "−2.08\u{a0}defects"
        );
        assert_eq!(format_change(-0.001, None, Language::En), "0");
    }

    #[test]
    fn keys_are_unique_and_translated() {
        let mut keys: Vec<&str> = STRINGS.iter().map(|r| r.0).collect();
        keys.sort();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "a key appears twice in STRINGS");
        for (key, en, fr, de) in STRINGS {
            assert!(
                !en.is_empty() && !fr.is_empty() && !de.is_empty(),
                "{key} is empty"
            );
        }
    }
}

#[cfg(test)]
mod template_tests {
    use super::*;
    use crate::render::BUILTIN_TEMPLATES;

    #[test]
    fn every_string_a_template_uses_exists() {
        let known = strings(Language::En);
        for (name, text) in BUILTIN_TEMPLATES {
            let bytes = text.as_bytes();
            for (i, _) in text.match_indices("t.") {
                let starts_word = i == 0
                    || !(bytes[i - 1].is_ascii_alphanumeric()
                        || bytes[i - 1] == b'_'
                        || bytes[i - 1] == b'.');
                if !starts_word {
                    continue;
                }
                let key: String = text[i + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                assert!(
                    known.contains_key(key.as_str()),
                    "{name} uses t.{key}, which is not in STRINGS"
                );
            }
        }
    }
}
