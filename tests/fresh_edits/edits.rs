//! The edits `main.rs` makes sequences of: what each changes (`Edit::apply`), the
//! files the watcher names for it (`Edit::paths`), and how proptest draws them
//! (`edit`).

use std::fs;
use std::path::Path;

use proptest::prelude::*;

use super::files::{change, png, remove, rewrite_body, set_front, set_line, write};

const KICK_OFF: &str = "sessions/2026-01-20-kick-off.md";
const REFLECTION: &str = "sessions/2026-02-03-coach-reflection.md";
pub const CULTURE: &str = "lessons/tools-after-culture.md";
const COACH_LESSON: &str = "lessons/coach-lesson.md";
const SPRINT_GOALS: &str = "objectives/sprint-goals.md";
const CUSTOMER_TRUST: &str = "objectives/customer-trust.md";
const MID_TERM: &str = "assessments/2026-03-30-mid-term.yaml";
const LATE: &str = "assessments/2026-05-04-late.yaml";
pub const BOARD: &str = "attachments/board.png";
pub const NOTES: &str = "static/notes.txt";
/// A static file at the path of a page: the page wins, with a warning.
const SHADOW: &str = "static/plan/index.html";

/// A session note: one of the fixture's, or a new one (`sessions/2026-04-1N-new-N.md`).
#[derive(Debug, Clone, Copy)]
pub enum Session {
    KickOff,
    /// Coach-only.
    Reflection,
    New(u8),
}

impl Session {
    fn path(self) -> String {
        match self {
            Session::KickOff => KICK_OFF.into(),
            Session::Reflection => REFLECTION.into(),
            Session::New(n) => format!("sessions/2026-04-1{n}-new-{n}.md"),
        }
    }
}

/// What a link names.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    SprintGoals,
    /// An objective the sponsor sees.
    CustomerTrust,
    Culture,
    /// A lesson only the coach sees.
    CoachLesson,
    /// A session only the coach sees.
    Reflection,
    /// A new session: a link to nothing until it is written.
    New(u8),
    Action,
}

impl Target {
    fn id(self) -> String {
        match self {
            Target::SprintGoals => "sprint-goals".into(),
            Target::CustomerTrust => "customer-trust".into(),
            Target::Culture => "tools-after-culture".into(),
            Target::CoachLesson => "coach-lesson".into(),
            Target::Reflection => "2026-02-03-coach-reflection".into(),
            Target::New(n) => format!("2026-04-1{n}-new-{n}"),
            Target::Action => "invite-customers".into(),
        }
    }
}

/// Markdown written into a note's body.
#[derive(Debug, Clone, Copy)]
pub enum Text {
    /// A sentence added.
    Words,
    /// One letter of the body changed in place: the file keeps its size.
    Rewrite,
    Aside,
    /// A `%%` opened and never closed (a warning).
    OpenAside,
    Link(Target),
    /// A link inside an aside.
    HiddenLink(Target),
    Tag(Tag),
    /// A heading titled private and its paragraph.
    PrivateSection,
    /// `![[board.png]]`.
    Embed,
    /// A checkbox task, open and due in June 2026 (an action of the plan).
    Task(u8),
    /// A task done, with its date.
    DoneTask(u8),
    /// A task in an aside: the coach's action.
    HiddenTask,
}

impl Text {
    fn markdown(self) -> String {
        match self {
            Text::Words | Text::Rewrite => "A new sentence.".into(),
            Text::Aside => "Said %%only to me%% aloud.".into(),
            Text::OpenAside => "%% left open".into(),
            Text::Link(t) => format!("See [[{}]].", t.id()),
            Text::HiddenLink(t) => format!("Noted %%see [[{}]]%%.", t.id()),
            Text::Tag(tag) => format!("About #{}.", tag.name()),
            Text::PrivateSection => "## Private\n\nKept to myself.".into(),
            Text::Embed => format!("![[{}]]", "board.png"),
            Text::Task(n) => format!("- [ ] Task {n} 📅 2026-06-0{}", n % 9 + 1),
            Text::DoneTask(n) => format!("- [x] Done {n} ✅ 2026-05-2{}", n % 9),
            Text::HiddenTask => "%%\n- [ ] Secret task 📅 2026-06-01\n%%".into(),
        }
    }

    /// Writes this into the body of the note `text`.
    fn write_into(self, text: &str) -> String {
        if let Text::Rewrite = self {
            return rewrite_body(text);
        }
        format!("{}\n\n{}\n", text.trim_end(), self.markdown())
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Tag {
    Zpd,
    /// A tag that differs from the fixture's `collaboration` by case alone.
    Collaboration,
    Fresh,
}

impl Tag {
    fn name(self) -> &'static str {
        match self {
            Tag::Zpd => "zpd",
            Tag::Collaboration => "Collaboration",
            Tag::Fresh => "fresh-tag",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Visibility {
    Coach,
    Client,
    Sponsor,
}

impl Visibility {
    fn name(self) -> &'static str {
        match self {
            Visibility::Coach => "coach",
            Visibility::Client => "client",
            Visibility::Sponsor => "sponsor",
        }
    }
}

/// A change to a session note's front matter.
#[derive(Debug, Clone, Copy)]
pub enum SessionFront {
    Title(u8),
    /// `date: 2026-05-DD`.
    Date(u8),
    Tags(Tag),
    Visibility(Visibility),
    /// `measured: {sprint-goals: N}` or `{customer-trust: N}` (a GAS level).
    Measured(bool, i8),
    Private(u8),
    /// `mood: N`, a property of the coach's own (shown on the coach's page only).
    Property(u8),
}

/// A change to a lesson's front matter.
#[derive(Debug, Clone, Copy)]
pub enum LessonFront {
    Title(u8),
    Tags(Tag),
    Visibility(Visibility),
}

/// A change to an objective's front matter.
#[derive(Debug, Clone, Copy)]
pub enum ObjectiveFront {
    Title(u8),
    /// `due: 2026-MM-28`.
    Due(u8),
    Status(u8),
    /// A measurement on 2026-05-DD added to its list.
    Measurement(u8, i8),
    Visibility(Visibility),
}

#[derive(Debug, Clone, Copy)]
pub enum PlanEdit {
    ActionTitle(u8),
    /// `invite-customers` open again.
    Reopen,
    /// ... and done again.
    Close,
    /// An action added, or taken out if it is there.
    ToggleAction,
}

#[derive(Debug, Clone, Copy)]
pub enum EngagementEdit {
    Title(u8),
    /// `en`, `fr` or `de`.
    Language(u8),
}

#[derive(Debug, Clone, Copy)]
pub enum AssessmentEdit {
    /// The mid-term's rating of collaboration.
    Rating(u8),
    Observations(Text),
    /// `assessments/2026-05-04-late.yaml` written (again).
    New(u8),
    /// The mid-term's or the late one's file deleted.
    Delete(bool),
}

/// A template override in `.coachsite/templates/`.
#[derive(Debug, Clone, Copy)]
pub enum Template {
    Base,
    Session,
    Tag,
    /// A part other templates include.
    Mentions,
    Style,
}

impl Template {
    fn name(self) -> &'static str {
        match self {
            Template::Base => "base.html",
            Template::Session => "session.html",
            Template::Tag => "tag.html",
            Template::Mentions => "mentions.html",
            Template::Style => "style.css",
        }
    }

    fn path(self) -> String {
        format!(".coachsite/templates/{}", self.name())
    }
}

#[derive(Debug, Clone, Copy)]
pub enum TemplateEdit {
    /// Added, or changed if it is there.
    Write(Template, u8),
    Remove(Template),
    /// `templates/style.css`, the old place (a warning).
    Legacy(u8),
}

#[derive(Debug, Clone, Copy)]
pub enum FileEdit {
    Static(u8),
    StaticRemoved,
    /// A static file at the path of a page.
    Shadow,
    /// The attachment's bytes changed (or it is written again).
    Attachment(u8),
    AttachmentRemoved,
}

/// A file that can be broken and fixed.
#[derive(Debug, Clone, Copy)]
pub enum Breakable {
    KickOff,
    Culture,
    SprintGoals,
    Plan,
    Engagement,
    MidTerm,
    /// `.coachsite/templates/session.html`.
    Template,
}

#[derive(Debug, Clone, Copy)]
pub enum Breakage {
    /// YAML that does not parse.
    Syntax,
    UnknownKey,
    /// A link to no note (in a note; an unknown key in a YAML file).
    DeadLink,
}

/// One save.
#[derive(Debug, Clone, Copy)]
pub enum Edit {
    SessionText(Session, Text),
    SessionFront(Session, SessionFront),
    /// A new session note written (over one of that name).
    NewSession(u8, Text),
    RenameSession(Session, u8),
    DeleteSession(Session),
    /// The coach's lesson when `false`.
    LessonText(bool, Text),
    LessonFront(bool, LessonFront),
    /// The GAS objective when `false`.
    ObjectiveText(bool, Text),
    ObjectiveFront(bool, ObjectiveFront),
    Plan(PlanEdit),
    Engagement(EngagementEdit),
    Assessment(AssessmentEdit),
    Template(TemplateEdit),
    File(FileEdit),
    Break(Breakable, Breakage),
    Fix(Breakable),
}

/// One save, as the watcher reports it.
#[derive(Debug, Clone, Copy)]
pub enum Save {
    /// One file changed (two for a rename), the watcher naming it.
    One(Edit),
    /// Two changes in one save (Obsidian renames a note and the links to it).
    Two(Edit, Edit),
    /// The watcher names a file that did not change (`plan.yaml`, or
    /// `engagement.yaml`), and not the one that did: the check after the rebuild finds
    /// it.
    Unnoticed(Edit),
    /// The watcher's queue overflowed: it names no file, and everything is read again.
    Rescan(Edit),
}

impl Save {
    /// The files the watcher names: `None` for a rescan.
    pub fn paths(&self) -> Option<Vec<String>> {
        match self {
            Save::One(e) => Some(e.paths()),
            Save::Two(a, b) => Some([a.paths(), b.paths()].concat()),
            Save::Unnoticed(e) => {
                let changed = e.paths();
                let other = ["plan.yaml", "engagement.yaml"]
                    .into_iter()
                    .find(|p| !changed.iter().any(|c| c == p));
                Some(other.into_iter().map(String::from).collect())
            }
            Save::Rescan(_) => None,
        }
    }

    pub fn apply(&self, root: &Path) {
        match self {
            Save::One(e) | Save::Unnoticed(e) | Save::Rescan(e) => e.apply(root),
            Save::Two(a, b) => {
                a.apply(root);
                b.apply(root);
            }
        }
    }
}

pub fn save() -> impl Strategy<Value = Save> {
    prop_oneof![
        12 => edit().prop_map(Save::One),
        2 => (edit(), edit()).prop_map(|(a, b)| Save::Two(a, b)),
        2 => edit().prop_map(Save::Unnoticed),
        1 => edit().prop_map(Save::Rescan),
    ]
}

/// Every kind of save, sessions' most often.
fn edit() -> impl Strategy<Value = Edit> {
    let session = prop_oneof![
        3 => Just(Session::KickOff),
        2 => Just(Session::Reflection),
        2 => (0u8..3).prop_map(Session::New),
    ];
    let visibility = prop_oneof![
        Just(Visibility::Coach),
        Just(Visibility::Client),
        Just(Visibility::Sponsor)
    ];
    let tag = prop_oneof![Just(Tag::Zpd), Just(Tag::Collaboration), Just(Tag::Fresh)];
    let session_front = prop_oneof![
        (0u8..4).prop_map(SessionFront::Title),
        (1u8..29).prop_map(SessionFront::Date),
        tag.clone().prop_map(SessionFront::Tags),
        visibility.clone().prop_map(SessionFront::Visibility),
        (any::<bool>(), -2i8..=2).prop_map(|(o, v)| SessionFront::Measured(o, v)),
        (0u8..4).prop_map(SessionFront::Private),
        (0u8..4).prop_map(SessionFront::Property),
    ];
    let lesson_front = prop_oneof![
        (0u8..4).prop_map(LessonFront::Title),
        tag.clone().prop_map(LessonFront::Tags),
        visibility.clone().prop_map(LessonFront::Visibility),
    ];
    let objective_front = prop_oneof![
        (0u8..4).prop_map(ObjectiveFront::Title),
        (1u8..13).prop_map(ObjectiveFront::Due),
        (0u8..5).prop_map(ObjectiveFront::Status),
        (1u8..29, -2i8..=2).prop_map(|(d, v)| ObjectiveFront::Measurement(d, v)),
        visibility.prop_map(ObjectiveFront::Visibility),
    ];
    let template = prop_oneof![
        Just(Template::Base),
        Just(Template::Session),
        Just(Template::Tag),
        Just(Template::Mentions),
        Just(Template::Style)
    ];
    let breakable = prop_oneof![
        Just(Breakable::KickOff),
        Just(Breakable::Culture),
        Just(Breakable::SprintGoals),
        Just(Breakable::Plan),
        Just(Breakable::Engagement),
        Just(Breakable::MidTerm),
        Just(Breakable::Template),
    ];
    let breakage = prop_oneof![
        Just(Breakage::Syntax),
        Just(Breakage::UnknownKey),
        Just(Breakage::DeadLink)
    ];
    prop_oneof![
        4 => (session.clone(), text()).prop_map(|(s, t)| Edit::SessionText(s, t)),
        3 => (session.clone(), session_front).prop_map(|(s, f)| Edit::SessionFront(s, f)),
        2 => (0u8..3, text()).prop_map(|(n, t)| Edit::NewSession(n, t)),
        1 => (session.clone(), 0u8..3).prop_map(|(s, n)| Edit::RenameSession(s, n)),
        1 => session.prop_map(Edit::DeleteSession),
        2 => (any::<bool>(), text()).prop_map(|(l, t)| Edit::LessonText(l, t)),
        1 => (any::<bool>(), lesson_front).prop_map(|(l, f)| Edit::LessonFront(l, f)),
        2 => (any::<bool>(), text()).prop_map(|(o, t)| Edit::ObjectiveText(o, t)),
        2 => (any::<bool>(), objective_front).prop_map(|(o, f)| Edit::ObjectiveFront(o, f)),
        2 => prop_oneof![
            (0u8..4).prop_map(PlanEdit::ActionTitle),
            Just(PlanEdit::Reopen),
            Just(PlanEdit::Close),
            Just(PlanEdit::ToggleAction),
        ].prop_map(Edit::Plan),
        1 => prop_oneof![
            (0u8..4).prop_map(EngagementEdit::Title),
            (0u8..3).prop_map(EngagementEdit::Language),
        ].prop_map(Edit::Engagement),
        2 => prop_oneof![
            (1u8..6).prop_map(AssessmentEdit::Rating),
            text().prop_map(AssessmentEdit::Observations),
            (1u8..6).prop_map(AssessmentEdit::New),
            any::<bool>().prop_map(AssessmentEdit::Delete),
        ].prop_map(Edit::Assessment),
        2 => prop_oneof![
            3 => (template.clone(), 0u8..4).prop_map(|(t, n)| TemplateEdit::Write(t, n)),
            2 => template.prop_map(TemplateEdit::Remove),
            1 => (0u8..4).prop_map(TemplateEdit::Legacy),
        ].prop_map(Edit::Template),
        2 => prop_oneof![
            (0u8..4).prop_map(FileEdit::Static),
            Just(FileEdit::StaticRemoved),
            Just(FileEdit::Shadow),
            (0u8..4).prop_map(FileEdit::Attachment),
            Just(FileEdit::AttachmentRemoved),
        ].prop_map(Edit::File),
        2 => (breakable.clone(), breakage).prop_map(|(b, k)| Edit::Break(b, k)),
        1 => breakable.prop_map(Edit::Fix),
    ]
}

fn text() -> impl Strategy<Value = Text> {
    let target = prop_oneof![
        Just(Target::SprintGoals),
        Just(Target::CustomerTrust),
        Just(Target::Culture),
        Just(Target::CoachLesson),
        Just(Target::Reflection),
        (0u8..3).prop_map(Target::New),
        Just(Target::Action),
    ];
    prop_oneof![
        3 => Just(Text::Words),
        3 => Just(Text::Rewrite),
        2 => Just(Text::Aside),
        1 => Just(Text::OpenAside),
        2 => target.clone().prop_map(Text::Link),
        1 => target.prop_map(Text::HiddenLink),
        1 => prop_oneof![Just(Tag::Zpd), Just(Tag::Collaboration), Just(Tag::Fresh)].prop_map(Text::Tag),
        1 => Just(Text::PrivateSection),
        1 => Just(Text::Embed),
        1 => (0u8..3).prop_map(Text::Task),
        1 => (0u8..3).prop_map(Text::DoneTask),
        1 => Just(Text::HiddenTask),
    ]
}

impl Edit {
    /// The files the watcher names after this save.
    pub fn paths(&self) -> Vec<String> {
        match *self {
            Edit::SessionText(s, _) | Edit::SessionFront(s, _) | Edit::DeleteSession(s) => {
                vec![s.path()]
            }
            Edit::NewSession(n, _) => vec![Session::New(n).path()],
            Edit::RenameSession(s, n) => vec![s.path(), Session::New(n).path()],
            Edit::LessonText(l, _) | Edit::LessonFront(l, _) => vec![lesson(l).into()],
            Edit::ObjectiveText(o, _) | Edit::ObjectiveFront(o, _) => vec![objective(o).into()],
            Edit::Plan(_) => vec!["plan.yaml".into()],
            Edit::Engagement(_) => vec!["engagement.yaml".into()],
            Edit::Assessment(AssessmentEdit::New(_) | AssessmentEdit::Delete(false)) => {
                vec![LATE.into()]
            }
            Edit::Assessment(_) => vec![MID_TERM.into()],
            Edit::Template(TemplateEdit::Write(t, _) | TemplateEdit::Remove(t)) => vec![t.path()],
            Edit::Template(TemplateEdit::Legacy(_)) => vec!["templates/style.css".into()],
            Edit::File(FileEdit::Static(_) | FileEdit::StaticRemoved) => vec![NOTES.into()],
            Edit::File(FileEdit::Shadow) => vec![SHADOW.into()],
            Edit::File(_) => vec![BOARD.into()],
            Edit::Break(b, _) | Edit::Fix(b) => vec![b.path()],
        }
    }

    /// Makes the change in the engagement at `root`. An edit of a file that is not
    /// there (a session deleted, a template not written) changes nothing.
    pub fn apply(&self, root: &Path) {
        match *self {
            Edit::SessionText(s, t) => change(root, &s.path(), |text| t.write_into(text)),
            Edit::SessionFront(s, f) => {
                change(root, &s.path(), |text| session_front(text, f));
            }
            Edit::NewSession(n, t) => {
                let text = format!(
                    "---\ndate: 2026-04-1{n}\ntitle: New session {n}\nobjectives: [sprint-goals]\nratings: {{energy: 7}}\n---\nWhat we did.\n"
                );
                write(
                    root,
                    &Session::New(n).path(),
                    t.write_into(&text).as_bytes(),
                );
            }
            Edit::RenameSession(s, n) => {
                let from = root.join(s.path());
                if from.is_file() {
                    fs::rename(from, root.join(Session::New(n).path())).expect("rename");
                }
            }
            Edit::DeleteSession(s) => remove(root, &s.path()),
            Edit::LessonText(l, t) => change(root, lesson(l), |text| t.write_into(text)),
            Edit::LessonFront(l, f) => change(root, lesson(l), |text| match f {
                LessonFront::Title(n) => set_front(text, "title", &format!("Lesson title {n}")),
                LessonFront::Tags(tag) => set_front(text, "tags", &format!("[{}]", tag.name())),
                LessonFront::Visibility(v) => set_front(text, "visibility", v.name()),
            }),
            Edit::ObjectiveText(o, t) => change(root, objective(o), |text| t.write_into(text)),
            Edit::ObjectiveFront(o, f) => {
                change(root, objective(o), |text| objective_front(text, f));
            }
            Edit::Plan(p) => change(root, "plan.yaml", |text| plan(text, p)),
            Edit::Engagement(e) => change(root, "engagement.yaml", |text| match e {
                EngagementEdit::Title(n) => set_line(text, "title: ", &format!("Claims team {n}")),
                EngagementEdit::Language(n) => {
                    set_line(text, "language: ", ["en", "fr", "de"][usize::from(n % 3)])
                }
            }),
            Edit::Assessment(a) => assessment(root, a),
            Edit::Template(t) => template(root, t),
            Edit::File(f) => match f {
                FileEdit::Static(n) => write(root, NOTES, format!("notes {n}\n").as_bytes()),
                FileEdit::StaticRemoved => remove(root, NOTES),
                FileEdit::Shadow => write(root, SHADOW, b"<p>not the plan</p>\n"),
                FileEdit::Attachment(n) => write(root, BOARD, &png(n)),
                FileEdit::AttachmentRemoved => remove(root, BOARD),
            },
            Edit::Break(b, k) => b.break_it(root, k),
            Edit::Fix(b) => {
                change(root, &b.path(), unbroken);
            }
        }
    }
}

fn lesson(culture: bool) -> &'static str {
    if culture { CULTURE } else { COACH_LESSON }
}

fn objective(measured: bool) -> &'static str {
    if measured {
        SPRINT_GOALS
    } else {
        CUSTOMER_TRUST
    }
}

fn session_front(text: &str, f: SessionFront) -> String {
    match f {
        SessionFront::Title(n) => set_front(text, "title", &format!("Session title {n}")),
        SessionFront::Date(d) => set_front(text, "date", &format!("2026-05-{d:02}")),
        SessionFront::Tags(tag) => set_front(text, "tags", &format!("[{}]", tag.name())),
        SessionFront::Visibility(v) => set_front(text, "visibility", v.name()),
        SessionFront::Measured(o, v) => {
            let id = if o { "sprint-goals" } else { "customer-trust" };
            set_front(text, "measured", &format!("{{{id}: {v}}}"))
        }
        SessionFront::Private(n) => set_front(text, "private", &format!("Private note {n}.")),
        SessionFront::Property(n) => set_front(text, "mood", &format!("{n}")),
    }
}

fn objective_front(text: &str, f: ObjectiveFront) -> String {
    match f {
        ObjectiveFront::Title(n) => set_front(text, "title", &format!("Objective title {n}")),
        ObjectiveFront::Due(m) => set_front(text, "due", &format!("2026-{m:02}-28")),
        ObjectiveFront::Status(s) => {
            let status = ["proposed", "active", "achieved", "paused", "dropped"];
            set_front(text, "status", status[usize::from(s % 5)])
        }
        ObjectiveFront::Measurement(d, v) => {
            let line = format!("  - {{date: 2026-05-{d:02}, value: {v}}}\n");
            match text.find("measurements:\n") {
                Some(at) => {
                    let at = at + "measurements:\n".len();
                    format!("{}{line}{}", &text[..at], &text[at..])
                }
                None => text.to_string(),
            }
        }
        ObjectiveFront::Visibility(v) => set_front(text, "visibility", v.name()),
    }
}

const NEW_ACTION: &str = "  - id: new-action\n    title: A new action\n    objective: sprint-goals\n    owner: Coach\n    agreed: 2026-04-01\n    status: open\n";

fn plan(text: &str, p: PlanEdit) -> String {
    const DONE: &str = "    status: done\n    done: 2026-02-10\n";
    const OPEN: &str = "    status: open\n    reviews:";
    match p {
        PlanEdit::ActionTitle(n) => set_line(text, "    title: ", &format!("Action title {n}")),
        PlanEdit::Reopen => text.replacen(DONE, "    status: open\n", 1),
        PlanEdit::Close => text.replacen(OPEN, &format!("{DONE}    reviews:"), 1),
        PlanEdit::ToggleAction if text.contains(NEW_ACTION) => text.replacen(NEW_ACTION, "", 1),
        PlanEdit::ToggleAction => {
            text.replacen("actions:\n", &format!("actions:\n{NEW_ACTION}"), 1)
        }
    }
}

fn assessment(root: &Path, a: AssessmentEdit) {
    match a {
        AssessmentEdit::Rating(n) => change(root, MID_TERM, |text| {
            set_line(text, "  collaboration: ", &n.to_string())
        }),
        AssessmentEdit::Observations(t) => change(root, MID_TERM, |text| {
            let kept: Vec<&str> = text.split("observations: |\n").collect();
            let block = t.write_into("Seen.").replace('\n', "\n  ");
            format!("{}observations: |\n  {}\n", kept[0], block.trim_end())
        }),
        AssessmentEdit::New(n) => write(
            root,
            LATE,
            format!(
                "date: 2026-05-04\ntitle: Late\nratings:\n  scrum-events: {n}\n  collaboration: 3\n"
            )
            .as_bytes(),
        ),
        AssessmentEdit::Delete(mid_term) => remove(root, if mid_term { MID_TERM } else { LATE }),
    }
}

fn template(root: &Path, t: TemplateEdit) {
    match t {
        TemplateEdit::Write(t, n) => {
            let text = match t {
                Template::Style => format!("body {{ color: teal; margin: {n}px }}\n"),
                _ => overridden(t.name(), n),
            };
            write(root, &t.path(), text.as_bytes());
        }
        TemplateEdit::Remove(t) => remove(root, &t.path()),
        TemplateEdit::Legacy(n) => write(
            root,
            "templates/style.css",
            format!("body {{ margin: {n}px }}\n").as_bytes(),
        ),
    }
}

/// A built-in template with a mark of its override.
fn overridden(name: &str, n: u8) -> String {
    let builtin = coachsite::render::BUILTIN_TEMPLATES
        .iter()
        .find(|(t, _)| *t == name)
        .map(|(_, text)| *text)
        .expect("a built-in template");
    let mark = format!("<p>Override {n}</p>");
    if builtin.contains("<body>") {
        builtin.replacen("<body>", &format!("<body>{mark}"), 1)
    } else if builtin.contains("{% block content %}") {
        builtin.replacen(
            "{% block content %}",
            &format!("{{% block content %}}{mark}"),
            1,
        )
    } else {
        format!("{mark}{builtin}")
    }
}

/// What a break writes: a line that is not YAML, an unknown key, a dead link, a
/// template that does not compile. `unbroken` takes each out.
const SYNTAX: &str = "broken: [\n";
const UNKNOWN_KEY: &str = "no-such-key: 1\n";
const DEAD_LINK: &str = "\nSee [[no-such-note]].\n";
const BAD_TEMPLATE: &str = "{% if %}\n";

impl Breakable {
    fn path(self) -> String {
        match self {
            Breakable::KickOff => KICK_OFF.into(),
            Breakable::Culture => CULTURE.into(),
            Breakable::SprintGoals => SPRINT_GOALS.into(),
            Breakable::Plan => "plan.yaml".into(),
            Breakable::Engagement => "engagement.yaml".into(),
            Breakable::MidTerm => MID_TERM.into(),
            Breakable::Template => Template::Session.path(),
        }
    }

    fn break_it(self, root: &Path, k: Breakage) {
        let path = self.path();
        if let Breakable::Template = self {
            let text = fs::read_to_string(root.join(&path))
                .unwrap_or_else(|_| overridden("session.html", 0));
            write(root, &path, format!("{BAD_TEMPLATE}{text}").as_bytes());
            return;
        }
        let note = path.ends_with(".md");
        change(root, &path, |text| match (k, note) {
            (Breakage::DeadLink, true) => format!("{text}{DEAD_LINK}"),
            (Breakage::Syntax, true) => text.replacen("---\n", &format!("---\n{SYNTAX}"), 1),
            (_, true) => text.replacen("---\n", &format!("---\n{UNKNOWN_KEY}"), 1),
            (Breakage::Syntax, false) => format!("{SYNTAX}{text}"),
            (_, false) => format!("{UNKNOWN_KEY}{text}"),
        });
    }
}

fn unbroken(text: &str) -> String {
    [SYNTAX, UNKNOWN_KEY, DEAD_LINK, BAD_TEMPLATE]
        .iter()
        .fold(text.to_string(), |text, mark| text.replace(mark, ""))
}

/// The files under `root` a break left broken, fixed when `fix`.
pub fn fix_all(root: &Path, fix: bool) -> Vec<String> {
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = entry.expect("readable");
        let Ok(text) = fs::read_to_string(entry.path()) else {
            continue;
        };
        let fixed = unbroken(&text);
        if fixed != text {
            let rel = entry.path().strip_prefix(root).expect("inside");
            broken.push(rel.to_string_lossy().to_string());
            if fix {
                fs::write(entry.path(), fixed).expect("write");
            }
        }
    }
    broken
}
