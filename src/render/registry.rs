//! Every kind of page a site has, declared once: its template, where its pages are, the
//! section of the navigation it is under, who has it, how a build makes it and whether
//! search reads it. A build (`Prepared::render_all`), `serve` (`Prepared::render_page`),
//! search and every link to a page read this; [`Kind::def`] is a `match`, so a new kind
//! does not compile until it is declared here, and the list of a site's pages
//! (`pages::page_list`) and the one function that makes a page (`pages::Prepared::make`)
//! match on it too.
//!
//! Every url of a page is made here, by [`Kind::url`] (an item's page) or [`Kind::path`]
//! (a kind with one page).

use tera::Value;

use super::{Crumb, PageJob, Views};
use crate::audience::Audience;
use crate::i18n::Word;

/// A kind of page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    Dashboard,
    Report,
    Objectives,
    Objective,
    Assessments,
    Assessment,
    Survey,
    Plan,
    Sessions,
    Session,
    Lessons,
    Lesson,
    Tag,
    Search,
}

/// A section of the navigation, and the page that lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Section {
    Dashboard,
    Objectives,
    Assessments,
    Plan,
    Sessions,
    Lessons,
    Search,
}

impl Section {
    /// Every section, in the navigation's order.
    pub(super) const ALL: [Section; 7] = [
        Section::Dashboard,
        Section::Objectives,
        Section::Assessments,
        Section::Plan,
        Section::Sessions,
        Section::Lessons,
        Section::Search,
    ];

    /// Its name in the navigation's `current` (the entry marked as the page's own).
    pub(super) fn name(self) -> &'static str {
        match self {
            Section::Dashboard => "dashboard",
            Section::Objectives => "objectives",
            Section::Assessments => "assessments",
            Section::Plan => "plan",
            Section::Sessions => "sessions",
            Section::Lessons => "lessons",
            Section::Search => "search",
        }
    }

    /// The key of its label in `i18n`.
    pub(super) fn label(self) -> Word {
        match self {
            Section::Dashboard => Word::NavDashboard,
            Section::Objectives => Word::NavObjectives,
            Section::Assessments => Word::NavAssessments,
            Section::Plan => Word::NavPlan,
            Section::Sessions => Word::NavSessions,
            Section::Lessons => Word::NavLessons,
            Section::Search => Word::Search,
        }
    }

    /// The page that lists the section.
    pub(super) fn index(self) -> Kind {
        match self {
            Section::Dashboard => Kind::Dashboard,
            Section::Objectives => Kind::Objectives,
            Section::Assessments => Kind::Assessments,
            Section::Plan => Kind::Plan,
            Section::Sessions => Kind::Sessions,
            Section::Lessons => Kind::Lessons,
            Section::Search => Kind::Search,
        }
    }
}

/// Where a kind's pages are.
#[derive(Clone, Copy, Debug)]
pub(super) enum Place {
    /// A kind with one page, at this path.
    One(&'static str),
    /// One page per item (or tag), at this folder + its id + `.html`.
    Each(&'static str),
}

/// How a build makes a kind's pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pass {
    /// In parallel with every other page of this pass.
    Parallel,
    /// One after the other, after the parallel pass: a page whose view is as large as
    /// the notes (two at once would double a build's peak memory).
    OneByOne,
    /// Last, from what search found on the other pages.
    Last,
}

/// What the site knows of a kind of page.
#[derive(Clone, Copy, Debug)]
pub(super) struct Def {
    /// Its template in `templates/` (listed in `theme::BUILTIN_TEMPLATES`).
    pub template: &'static str,
    pub place: Place,
    /// The section of the navigation it is under.
    pub section: Section,
    /// Only on a site with notes (sessions and lessons): not the sponsor's.
    pub with_notes: bool,
    pub pass: Pass,
    /// Whether search finds what its pages say (each page gives its own entries).
    pub searched: bool,
}

impl Kind {
    /// Every kind, in the order search lists what it finds of them.
    pub(super) const ALL: [Kind; 14] = [
        Kind::Dashboard,
        Kind::Report,
        Kind::Objectives,
        Kind::Objective,
        Kind::Assessments,
        Kind::Assessment,
        Kind::Survey,
        Kind::Plan,
        Kind::Sessions,
        Kind::Session,
        Kind::Lessons,
        Kind::Lesson,
        Kind::Tag,
        Kind::Search,
    ];

    /// The declaration of the kind: one row each (template, place, section, only with
    /// notes, build pass, read by search).
    #[rustfmt::skip]
    pub(super) fn def(self) -> Def {
        use {Pass::*, Place::*, Section as S};
        let def = |template, place, section, with_notes, pass, searched| Def {
            template, place, section, with_notes, pass, searched,
        };
        match self {
            Kind::Dashboard => def("dashboard.html", One("index.html"), S::Dashboard, false, Parallel, false),
            Kind::Report => def("report.html", One("report.html"), S::Dashboard, false, Parallel, false),
            Kind::Objectives => def("objectives.html", One("objectives/index.html"), S::Objectives, false, Parallel, false),
            Kind::Objective => def("objective.html", Each("objectives/"), S::Objectives, false, Parallel, true),
            Kind::Assessments => def("assessments.html", One("assessments/index.html"), S::Assessments, false, Parallel, false),
            Kind::Assessment => def("assessment.html", Each("assessments/"), S::Assessments, false, Parallel, false),
            Kind::Survey => def("survey.html", Each("surveys/"), S::Assessments, false, Parallel, false),
            Kind::Plan => def("plan.html", One("plan/index.html"), S::Plan, false, Parallel, true),
            Kind::Sessions => def("sessions.html", One("sessions/index.html"), S::Sessions, true, OneByOne, false),
            Kind::Session => def("session.html", Each("sessions/"), S::Sessions, true, Parallel, true),
            Kind::Lessons => def("lessons.html", One("lessons/index.html"), S::Lessons, true, Parallel, false),
            Kind::Lesson => def("lesson.html", Each("lessons/"), S::Lessons, true, Parallel, true),
            Kind::Tag => def("tag.html", Each("lessons/tags/"), S::Lessons, true, OneByOne, false),
            Kind::Search => def("search.html", One("search.html"), S::Search, false, Last, false),
        }
    }

    /// Whether `audience`'s site has pages of this kind.
    pub(super) fn for_audience(self, audience: Audience) -> bool {
        !self.def().with_notes || audience != Audience::Sponsor
    }

    /// The path of a kind with one page.
    pub(super) fn path(self) -> &'static str {
        match self.def().place {
            Place::One(path) => path,
            Place::Each(_) => {
                debug_assert!(false, "{self:?} has a page per item: Kind::url");
                "index.html"
            }
        }
    }

    /// The path of the page of item (or tag) `id`.
    pub(super) fn url(self, id: &str) -> String {
        match self.def().place {
            Place::Each(folder) => format!("{folder}{id}.html"),
            Place::One(path) => {
                debug_assert!(false, "{self:?} has one page: Kind::path");
                path.to_string()
            }
        }
    }

    /// A page of this kind at `path`, with its context `page`: its template, its section
    /// and its breadcrumb trail from the declaration.
    pub(super) fn job(self, v: &Views, path: String, page: Value) -> PageJob {
        let def = self.def();
        let crumbs = match (def.place, self) {
            // The report is read from the dashboard.
            (_, Kind::Report) => vec![Crumb::dashboard(v)],
            (Place::One(_), _) => vec![],
            (Place::Each(_), _) => {
                let index = def.section.index();
                Crumb::trail(v, def.section.label(), index.path())
            }
        };
        PageJob {
            path,
            template: def.template,
            current: def.section.name(),
            crumbs,
            page,
        }
    }

    /// The page of a kind with one page.
    pub(super) fn one(self, v: &Views, page: Value) -> PageJob {
        self.job(v, self.path().to_string(), page)
    }

    /// The page of item `id`.
    pub(super) fn each(self, v: &Views, id: &str, page: Value) -> PageJob {
        self.job(v, self.url(id), page)
    }
}

/// An anchor on a list page: an action on the plan, a competency on the assessments.
pub(super) fn anchor(kind: Kind, prefix: &str, id: &str) -> String {
    format!("{}#{prefix}-{id}", kind.path())
}

/// An action's place on the plan.
pub(super) fn action_url(id: &str) -> String {
    anchor(Kind::Plan, "action", id)
}

/// A competency's row on the assessments page.
pub(super) fn competency_url(id: &str) -> String {
    anchor(Kind::Assessments, "competency", id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_kind_once_in_order() {
        for (i, kind) in Kind::ALL.iter().enumerate() {
            assert_eq!(*kind as usize, i, "{kind:?}");
        }
        assert_eq!(Kind::ALL.len(), Kind::Search as usize + 1);
    }

    #[test]
    fn every_template_is_embedded_and_every_path_is_unique() {
        let mut places = std::collections::BTreeSet::new();
        for kind in Kind::ALL {
            let def = kind.def();
            assert!(
                super::super::BUILTIN_TEMPLATES
                    .iter()
                    .any(|(name, _)| *name == def.template),
                "{kind:?}: {} is not embedded",
                def.template
            );
            let place = match def.place {
                Place::One(p) | Place::Each(p) => p,
            };
            assert!(places.insert(place), "{kind:?}: {place} twice");
        }
    }

    #[test]
    fn urls() {
        assert_eq!(Kind::Session.url("2026-01-05"), "sessions/2026-01-05.html");
        assert_eq!(Kind::Tag.url("team"), "lessons/tags/team.html");
        assert_eq!(Kind::Plan.path(), "plan/index.html");
        assert_eq!(
            anchor(Kind::Plan, "action", "a1"),
            "plan/index.html#action-a1"
        );
        assert!(!Kind::Session.for_audience(Audience::Sponsor));
        assert!(Kind::Objective.for_audience(Audience::Sponsor));
    }
}
