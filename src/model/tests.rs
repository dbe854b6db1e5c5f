use super::*;

#[test]
fn parses_iso_dates() {
    assert_eq!(Date::parse("2026-02-05").map(|d| d.ymd()), Ok((2026, 2, 5)));
}

#[test]
fn explains_impossible_dates() {
    assert_eq!(
        Date::parse("2026-02-30").unwrap_err(),
        "`2026-02-30` is not a date: February 2026 has 28 days"
    );
    assert_eq!(
        Date::parse("2028-02-30").unwrap_err(),
        "`2028-02-30` is not a date: February 2028 has 29 days"
    );
    assert!(
        Date::parse("2026-13-01")
            .unwrap_err()
            .contains("no month 13")
    );
    assert!(Date::parse("5.2.2026").unwrap_err().contains("YYYY-MM-DD"));
}

#[test]
fn visibility_orders_from_narrow_to_wide() {
    assert!(Visibility::Coach < Visibility::Client);
    assert!(Visibility::Client < Visibility::Sponsor);
}

#[test]
fn scale_labels_follow_min() {
    let scale = Scale {
        min: At::new(1, Pos::default()),
        max: At::new(3, Pos::default()),
        labels: Some(At::new(
            vec!["a".into(), "b".into(), "c".into()],
            Pos::default(),
        )),
        reliability: None,
        sd: None,
    };
    assert_eq!(scale.label(1), Some("a"));
    // Three levels given at random: √((9 − 1) / 12) = 0.8165.
    assert!((scale.sd() - 0.816_496_580_927_726).abs() < 1e-12);
    assert_eq!(scale.reliability(), 0.8);
    assert_eq!(scale.label(3), Some("c"));
    assert_eq!(scale.label(0), None);
    assert_eq!(scale.label(4), None);
}

#[test]
fn list_properties_may_be_one_text_as_obsidian_lets_people_write_them() {
    let f: super::SessionFront = serde_saphyr::from_str(
        "date: 2026-01-20\ntitle: T\ntags: meeting, retro team\naliases: Weekly, The weekly\nattendees: \"Ana: PO\"\ntechniques:\ncssclasses: wide\n",
    )
    .expect("reads");
    assert_eq!(f.tags, ["meeting", "retro", "team"]);
    assert_eq!(f.aliases, ["Weekly", "The weekly"]);
    assert_eq!(f.attendees, ["Ana: PO"]);
    assert!(f.techniques.is_empty());
    assert_eq!(f.cssclasses, ["wide"]);
    let f: super::LessonFront =
        serde_saphyr::from_str("title: T\ntags: small steps, trust\n").expect("reads");
    assert_eq!(f.tags, ["small steps", "trust"]);
    // A list is read as it is; anything else is still an error.
    let f: super::SessionFront =
        serde_saphyr::from_str("date: 2026-01-20\ntitle: T\ntags: [a b]\n").expect("reads");
    assert_eq!(f.tags, ["a b"]);
    assert!(
        serde_saphyr::from_str::<super::SessionFront>("date: 2026-01-20\ntitle: T\ntags: {a: 1}\n")
            .is_err()
    );
}
