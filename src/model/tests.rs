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
