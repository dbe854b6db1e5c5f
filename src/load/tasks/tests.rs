use super::*;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn session(text: &str) -> Note<'_> {
    Note {
        id: "2024-11-28-check-in",
        path: "sessions/2024-11-28-check-in.md",
        text,
        first_line: 6,
        agreed: date("2024-11-28"),
        objective: None,
        session: Some("2024-11-28-check-in"),
        visibility: Visibility::Client,
        sensitive: false,
        private: false,
    }
}

fn names() -> Names {
    let mut names = Names::default();
    let objective = |title: &str, visibility| Named {
        title: title.to_string(),
        visibility,
        sensitive: false,
        objective: Some(suggest_id(title)),
    };
    names.items.insert(
        "ci-cd-pipeline-refactor".to_string(),
        objective("CI-CD pipeline refactor", Visibility::Client),
    );
    names.items.insert(
        "hidden-goal".to_string(),
        objective("Hidden goal", Visibility::Coach),
    );
    names.items.insert(
        "ci".to_string(),
        objective("CI-CD pipeline refactor", Visibility::Client),
    );
    names.members = vec![("ana".to_string(), "Ana Lima".to_string())];
    names
}

fn read(note: &Note) -> (Vec<Action>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut used = HashSet::new();
    let actions = read_note(note, &names(), &mut used, &mut diags);
    (actions, diags)
}

fn titles(actions: &[Action]) -> Vec<&str> {
    actions.iter().map(|a| a.title.as_str()).collect()
}

const NOTES: &str = "## Action items
- [ ] Share the review checklist with the team 📅 2024-12-06
- [x] Book the retro room ✅ 2024-11-27
- [ ] @ana drafts the onboarding page [due:: 2024-12-10]
- [ ] [[John Appleseed]] to send the metrics ⏫ 📅 2024-12-02
- [ ] Try pairing on the pipeline [[ci-cd-pipeline-refactor]]
- [-] Cancelled idea ❌ 2024-11-30
- [ ] 
";

#[test]
fn the_tasks_of_a_real_note_are_actions() {
    let (actions, diags) = read(&session(NOTES));
    assert!(diags.items.is_empty(), "{diags:?}");
    assert_eq!(
        titles(&actions),
        [
            "Share the review checklist with the team",
            "Book the retro room",
            "Ana Lima drafts the onboarding page",
            "John Appleseed to send the metrics",
            "Try pairing on the pipeline CI-CD pipeline refactor",
            "Cancelled idea",
        ]
    );
    let [share, book, ana, john, pairing, cancelled] = &actions[..] else {
        panic!("{actions:?}");
    };
    assert_eq!(share.due, Some(date("2024-12-06")));
    assert_eq!(share.status, ActionStatus::Open);
    assert_eq!(share.agreed, Some(date("2024-11-28")));
    assert_eq!(
        share.id.value,
        "2024-11-28-check-in-share-the-review-checklist-with-the-team"
    );
    // Done the day before the note: agreed no later than that.
    assert_eq!(book.status, ActionStatus::Done);
    assert_eq!(
        book.done.as_ref().map(|d| d.value),
        Some(date("2024-11-27"))
    );
    assert_eq!(book.agreed, Some(date("2024-11-27")));
    assert_eq!(ana.owner.as_deref(), Some("Ana Lima"));
    assert_eq!(ana.due, Some(date("2024-12-10")));
    assert_eq!(
        ana.id.value,
        "2024-11-28-check-in-ana-drafts-the-onboarding-page"
    );
    assert_eq!(john.owner.as_deref(), Some("John Appleseed"));
    assert_eq!(john.due, Some(date("2024-12-02")));
    assert_eq!(
        pairing.objective.as_ref().map(|o| o.value.as_str()),
        Some("ci-cd-pipeline-refactor")
    );
    assert_eq!(pairing.owner, None);
    assert_eq!(cancelled.status, ActionStatus::Dropped);
    assert!(cancelled.done.is_none());
    // Where each came from: the file's line (the body starts on line 6).
    let from = share.from.as_ref().unwrap();
    assert_eq!(from.path, "sessions/2024-11-28-check-in.md");
    assert_eq!(from.line, 7);
    assert_eq!(from.session.as_deref(), Some("2024-11-28-check-in"));
    assert_eq!((share.id.pos.line, share.id.pos.column), (7, 1));
    assert!(
        actions
            .iter()
            .all(|a| a.resolved_visibility == Visibility::Client)
    );
}

#[test]
fn every_emoji_and_field_is_read_and_cut() {
    let text = "- [x] Ship it 🔼 ➕ 2024-11-20 ⏳ 2024-11-29 🛫 2024-11-25 📅 2024-12-01 ✅ 2024-11-30 🔁 every week 🆔 abc123 ⛔ xyz ^block1\n\
                - [ ] Plan [completion:: 2024-12-03] (due:: 2024-12-04) [created:: 2024-11-01] [scheduled:: 2024-12-02] [mood:: good]\n\
                - [x] Written, no date\n\
                - [/] In progress 🔽\n";
    let (actions, diags) = read(&session(text));
    assert!(diags.items.is_empty(), "{diags:?}");
    assert_eq!(
        titles(&actions),
        ["Ship it", "Plan", "Written, no date", "In progress"]
    );
    let ship = &actions[0];
    assert_eq!(ship.agreed, Some(date("2024-11-20")));
    assert_eq!(ship.due, Some(date("2024-12-01")));
    assert_eq!(
        ship.done.as_ref().map(|d| d.value),
        Some(date("2024-11-30"))
    );
    let plan = &actions[1];
    // The box decides: an open task's completion date is not a done date.
    assert_eq!(plan.status, ActionStatus::Open);
    assert!(plan.done.is_none());
    assert_eq!(plan.due, Some(date("2024-12-04")));
    assert_eq!(plan.agreed, Some(date("2024-11-01")));
    // `- [x]` with no date: done on the note's date.
    assert_eq!(actions[2].status, ActionStatus::Done);
    assert_eq!(
        actions[2].done.as_ref().map(|d| d.value),
        Some(date("2024-11-28"))
    );
    assert_eq!(actions[3].status, ActionStatus::Open);
}

#[test]
fn a_malformed_date_is_a_located_warning() {
    let text = "Intro\n\n- [ ] Send the deck 📅 2024-13-45\n- [ ] Call [due:: soon]\n";
    let (actions, diags) = read(&session(text));
    assert_eq!(titles(&actions), ["Send the deck", "Call"]);
    assert!(actions.iter().all(|a| a.due.is_none()));
    assert_eq!(diags.items.len(), 2, "{diags:?}");
    let first = &diags.items[0];
    assert!(!first.is_error());
    assert_eq!(first.file, "sessions/2024-11-28-check-in.md");
    assert_eq!(first.line, 8);
    assert_eq!(
        first.source_line.as_deref(),
        Some("- [ ] Send the deck 📅 2024-13-45")
    );
    assert!(first.message.contains("due date"), "{}", first.message);
    assert!(diags.items[1].message.contains("[due:: soon]"));
}

#[test]
fn ids_are_stable_when_other_tasks_change() {
    let before = "- [ ] First task\n- [ ] Second task\n- [ ] Second task\n";
    let after = "- [ ] Another first task 📅 2024-12-01\n- [ ] New one\n- [ ] Second task\n- [ ] Second task\n";
    let ids = |text| {
        read(&session(text))
            .0
            .into_iter()
            .map(|a| a.id.value)
            .collect::<Vec<_>>()
    };
    let before = ids(before);
    let after = ids(after);
    assert_eq!(before[1], "2024-11-28-check-in-second-task");
    assert_eq!(before[2], "2024-11-28-check-in-second-task-2");
    assert_eq!(after[2..], before[1..]);
}

#[test]
fn an_id_of_plan_yaml_wins() {
    let mut used: HashSet<String> = ["n-call-ben".to_string()].into();
    let note = Note {
        id: "n",
        ..session("- [ ] Call Ben\n")
    };
    let actions = read_note(&note, &names(), &mut used, &mut Diagnostics::default());
    assert_eq!(actions[0].id.value, "n-call-ben-2");
}

#[test]
fn empty_tasks_and_tasks_in_code_are_not_actions() {
    let text = "- [ ]\n- [ ] \n- [x] 📅 2024-12-01\n\n```\n- [ ] In a fence\n```\n\n    - [ ] Indented code\n\nNot a task: [ ] here\n- [>] Forwarded\n-[ ] No space\n";
    let (actions, _) = read(&session(text));
    assert!(actions.is_empty(), "{actions:?}");
}

#[test]
fn nested_tasks_and_tasks_in_quotes_count() {
    let text = "- [ ] Parent\n  More words\n  - [x] Child ✅ 2024-11-29\n    1. [ ] Grandchild\n- Plain item\n  - [ ] Under a plain item\n\n> [!todo] Next\n> - [ ] In a callout\n";
    let (actions, _) = read(&session(text));
    assert_eq!(
        titles(&actions),
        [
            "Parent More words",
            "Child",
            "Grandchild",
            "Under a plain item",
            "In a callout"
        ]
    );
    assert_eq!(actions[1].status, ActionStatus::Done);
    assert_eq!(actions[2].from.as_ref().unwrap().line, 9);
}

#[test]
fn tasks_in_asides_and_private_sections_are_the_coachs() {
    let text = "- [ ] Shared\n\n%%\n- [ ] In an aside\n%%\n\n## 🔒 Private notes\n\n- [ ] In a private section\n\n## Next\n\n- [ ] Shared again\n\n> [!abstract]- My thoughts (not shared)\n> - [ ] In a private callout\n";
    let (actions, _) = read(&session(text));
    let seen: Vec<(&str, Visibility)> = actions
        .iter()
        .map(|a| (a.title.as_str(), a.resolved_visibility))
        .collect();
    assert_eq!(
        seen,
        [
            ("Shared", Visibility::Client),
            ("In an aside", Visibility::Coach),
            ("In a private section", Visibility::Coach),
            ("Shared again", Visibility::Client),
            ("In a private callout", Visibility::Coach),
        ]
    );
}

#[test]
fn words_and_links_in_an_aside_are_not_read() {
    let text = "- [ ] Call the team %%[[Ben Stone]] 📅 2024-12-01 @ana%%\n";
    let (actions, diags) = read(&session(text));
    assert!(diags.items.is_empty());
    let a = &actions[0];
    assert_eq!(a.owner, None);
    assert_eq!(a.due, None);
    // The aside stays in the title, for the audience filter to cut or mark.
    assert!(a.title.starts_with("Call the team %%"), "{}", a.title);
}

#[test]
fn a_private_text_a_sensitive_note_and_the_sponsor() {
    let (actions, _) = read(&Note {
        private: true,
        ..session("- [ ] Coach's own\n")
    });
    assert_eq!(actions[0].resolved_visibility, Visibility::Coach);
    let (actions, _) = read(&Note {
        sensitive: true,
        ..session("- [ ] Sensitive\n")
    });
    assert!(actions[0].sensitive);
    // A session's words never reach the sponsor; an objective's may.
    let (actions, _) = read(&Note {
        visibility: Visibility::Sponsor,
        ..session("- [ ] From a session\n")
    });
    assert_eq!(actions[0].resolved_visibility, Visibility::Client);
    let (actions, _) = read(&Note {
        visibility: Visibility::Sponsor,
        session: None,
        objective: Some("ci-cd-pipeline-refactor"),
        ..session("- [ ] From an objective\n")
    });
    assert_eq!(actions[0].resolved_visibility, Visibility::Sponsor);
    assert_eq!(
        actions[0].objective.as_ref().map(|o| o.value.as_str()),
        Some("ci-cd-pipeline-refactor")
    );
}

#[test]
fn link_words_are_readable_and_never_a_hidden_title() {
    let text = "- [ ] Read [[ci|the plan]] and [[hidden-goal]] and [notes](objectives/ci.md)\n\
                - [ ] Meet [[Ben Stone]]\n\
                - [ ] [[Ana]] books it\n\
                - [ ] [[2024-12-01]] review\n";
    let (actions, _) = read(&session(text));
    assert_eq!(
        titles(&actions),
        [
            "Read the plan and hidden-goal and notes",
            "Meet Ben Stone",
            "Ana books it",
            "2024-12-01 review"
        ]
    );
    // A person named mid-sentence is not the owner; a member is, anywhere.
    assert_eq!(actions[1].owner, None);
    assert_eq!(actions[2].owner.as_deref(), Some("Ana Lima"));
    assert_eq!(actions[3].owner, None);
    // The coach's own task may show a coach-only item's title.
    let (actions, _) = read(&Note {
        private: true,
        ..session("- [ ] Think about [[hidden-goal]]\n")
    });
    assert_eq!(titles(&actions), ["Think about Hidden goal"]);
    assert_eq!(
        actions[0].objective.as_ref().map(|o| o.value.as_str()),
        Some("hidden-goal")
    );
}

#[test]
fn too_many_tasks_are_a_warning() {
    let text = "- [ ] Do it\n".repeat(MAX_TASKS_PER_NOTE + 5);
    let (actions, diags) = read(&session(&text));
    assert_eq!(actions.len(), MAX_TASKS_PER_NOTE);
    assert_eq!(diags.items.len(), 1);
    assert_eq!(diags.items[0].line, 6 + MAX_TASKS_PER_NOTE as u32);
}

#[test]
fn odd_texts_do_not_panic() {
    for text in [
        "- [ ] 📅",
        "- [ ] [due::",
        "- [ ] (due:: 2024-12-01",
        "- [ ] @",
        "- [ ] @@@ é 🔁",
        "- [-]",
        "- [/] [[",
        "1) [x] ✅\u{FE0F}",
        "- [ ] [[#heading]] [[.png]] [x](https://e.org/a.md)",
        "* [ ] ⏫\u{FE0F}📅\u{FE0F}2024-12-01",
    ] {
        let _ = read(&session(text));
    }
}
