//! The values every file is made of: dates, positions, numbers that remember where
//! they were written ([`At`]), and Markdown text.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date, written `YYYY-MM-DD` in every file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

impl Date {
    /// Builds a date from its parts; `None` for an impossible date.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// Parses `YYYY-MM-DD`, explaining what is wrong in words a coach understands.
    pub fn parse(text: &str) -> Result<Date, String> {
        let shape_ok = text.len() == 10
            && text.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shape_ok {
            return Err(format!(
                "`{text}` is not a date: write dates as YYYY-MM-DD, e.g. 2026-02-05"
            ));
        }
        let year: i32 = text[0..4]
            .parse()
            .map_err(|_| format!("`{text}`: bad year"))?;
        let month: u32 = text[5..7]
            .parse()
            .map_err(|_| format!("`{text}`: bad month"))?;
        let day: u32 = text[8..10]
            .parse()
            .map_err(|_| format!("`{text}`: bad day"))?;
        if !(crate::limits::FIRST_YEAR..=crate::limits::LAST_YEAR).contains(&year) {
            return Err(format!(
                "`{text}` is out of range: dates are between {} and {}",
                crate::limits::FIRST_YEAR,
                crate::limits::LAST_YEAR
            ));
        }
        if !(1..=12).contains(&month) {
            return Err(format!("`{text}` is not a date: there is no month {month}"));
        }
        match Date::from_ymd(year, month, day) {
            Some(date) => Ok(date),
            None => Err(format!(
                "`{text}` is not a date: {} {year} has {} days",
                MONTHS_EN[(month - 1) as usize],
                days_in_month(year, month)
            )),
        }
    }

    /// Days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).num_days()
    }

    /// The date `days` later (earlier when negative); `None` past the calendar's range,
    /// so date arithmetic on any input can never panic.
    pub fn add_days(self, days: i64) -> Option<Date> {
        chrono::TimeDelta::try_days(days)
            .and_then(|delta| self.0.checked_add_signed(delta))
            .map(Date)
    }

    /// The year, month (1–12) and day (1–31).
    pub fn ymd(self) -> (i32, u32, u32) {
        (self.0.year(), self.0.month(), self.0.day())
    }
}

/// English month names, for messages (the site's own come from [`crate::i18n`]).
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(text.trim()).map_err(serde::de::Error::custom)
    }
}

/// A position in a source file (1-based line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pos {
    pub(crate) line: u32,
    pub(crate) column: u32,
}

/// A value with the position where it was written, for checks made after parsing
/// (a reference to an objective that does not exist, a rating off the scale…).
#[derive(Debug, Clone)]
pub struct At<T> {
    pub(crate) value: T,
    pub(crate) pos: Pos,
}

impl<T> At<T> {
    pub(crate) fn new(value: T, pos: Pos) -> Self {
        At { value, pos }
    }
}

/// Numbers are read strictly: a quoted `"5"` is text, not a number, and is refused
/// rather than silently converted (YAML parsers disagree about it, and a coach who
/// quoted a number usually meant something else).
impl<'de, T: Deserialize<'de> + 'static> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let at = |loc: serde_saphyr::Location| Pos {
            line: loc.line() as u32,
            column: loc.column() as u32,
        };
        if Number::<T>::is_number() {
            let spanned = serde_saphyr::Spanned::<Number<T>>::deserialize(deserializer)?;
            return Ok(At::new(spanned.value.0, at(spanned.referenced)));
        }
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        Ok(At::new(spanned.value, at(spanned.referenced)))
    }
}

/// A number of type `T` (`f64`, `i64` or `u32`), read only from an unquoted YAML number.
struct Number<T>(T);

impl<T: 'static> Number<T> {
    fn is_number() -> bool {
        use std::any::TypeId;
        let ty = TypeId::of::<T>();
        ty == TypeId::of::<f64>() || ty == TypeId::of::<i64>() || ty == TypeId::of::<u32>()
    }

    /// The number as a `T`, or why it cannot be one.
    fn of(value: f64, whole: Option<i64>) -> Result<Self, String> {
        use std::any::{Any, TypeId};
        let ty = TypeId::of::<T>();
        let boxed: Box<dyn Any> = if ty == TypeId::of::<f64>() {
            Box::new(value)
        } else {
            let whole = whole.ok_or_else(|| format!("expected a whole number, found {value}"))?;
            if ty == TypeId::of::<i64>() {
                Box::new(whole)
            } else {
                Box::new(u32::try_from(whole).map_err(|_| {
                    format!(
                        "expected a whole number from 0 to {}, found {whole}",
                        u32::MAX
                    )
                })?)
            }
        };
        boxed
            .downcast::<T>()
            .map(|value| Number(*value))
            .map_err(|_| "expected a number".to_string())
    }
}

impl<'de, T: 'static> Deserialize<'de> for Number<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<T: 'static> serde::de::Visitor<'_> for Visitor<T> {
            type Value = Number<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: Error>(self, n: i64) -> Result<Number<T>, E> {
                Number::of(n as f64, Some(n)).map_err(E::custom)
            }
            fn visit_u64<E: Error>(self, n: u64) -> Result<Number<T>, E> {
                let n = i64::try_from(n)
                    .map_err(|_| E::custom(format!("the number {n} is far too large")))?;
                self.visit_i64(n)
            }
            fn visit_i128<E: Error>(self, n: i128) -> Result<Number<T>, E> {
                Err(E::custom(format!("the number {n} is far too large")))
            }
            fn visit_u128<E: Error>(self, n: u128) -> Result<Number<T>, E> {
                Err(E::custom(format!("the number {n} is far too large")))
            }
            fn visit_f64<E: Error>(self, x: f64) -> Result<Number<T>, E> {
                Number::of(x, None).map_err(E::custom)
            }
            fn visit_str<E: Error>(self, text: &str) -> Result<Number<T>, E> {
                let parsed = text.trim().parse::<f64>().ok();
                // `NaN`, `inf`: words YAML reads as text, that Rust would read as numbers.
                if parsed.is_some_and(|x| !x.is_finite()) {
                    return Err(E::custom(format!(
                        "expected a number, found `{text}`, which is not one: write a number such as 90"
                    )));
                }
                Err(E::custom(if parsed.is_some() {
                    format!(
                        "expected a number, found the text \"{text}\" in quotes: write the number without quotes"
                    )
                } else {
                    format!(
                        "expected a number, found `{text}`: write a number such as 90, without units"
                    )
                }))
            }
            fn visit_bool<E: Error>(self, b: bool) -> Result<Number<T>, E> {
                Err(E::custom(format!("expected a number, found `{b}`")))
            }
            fn visit_unit<E: Error>(self) -> Result<Number<T>, E> {
                Err(E::custom("expected a number, found nothing"))
            }
        }
        deserializer.deserialize_any(Visitor(std::marker::PhantomData))
    }
}

/// Described as its value alone: the position is not part of the format.
impl<T: schemars::JsonSchema> schemars::JsonSchema for At<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// A date is written `YYYY-MM-DD`.
impl schemars::JsonSchema for Date {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date written YYYY-MM-DD, e.g. 2026-02-05"
        })
    }
}

/// Serialised as its value alone: positions are for diagnostics, not for exports.
impl<T: Serialize> Serialize for At<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T: PartialEq> PartialEq for At<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}
impl<T: Eq> Eq for At<T> {}
impl<T: Ord> PartialOrd for At<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T: Ord> Ord for At<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

/// Markdown a coach wrote (notes, narratives, context, observations). A type of its own
/// so that [`crate::audience`] treats it as Markdown, by type: `%% … %%` asides are cut
/// for the client and the sponsor and marked as coach-only in the coach's view.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Markdown(pub String);

impl std::ops::Deref for Markdown {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Markdown {
    fn from(text: &str) -> Self {
        Markdown(text.to_string())
    }
}

/// A list property as Obsidian lets people write it: a list, one text, or nothing.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

fn one_or_many<'de, D: Deserializer<'de>>(
    deserializer: D,
    split: &[char],
) -> Result<Vec<String>, D::Error> {
    Ok(match Option::<OneOrMany>::deserialize(deserializer)? {
        None => Vec::new(),
        Some(OneOrMany::Many(list)) => list,
        Some(OneOrMany::One(text)) => text
            .split(split)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
    })
}

/// For `deserialize_with`: a list of texts, or one text (`attendees: Ana`), or nothing.
pub(crate) fn text_or_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    one_or_many(d, &[])
}

/// For `deserialize_with`: a list, or one text of items separated by commas (`aliases:
/// Pipeline refactor, CI/CD`), or nothing.
pub(crate) fn comma_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    one_or_many(d, &[','])
}

/// For `deserialize_with`: tags as a list, or one text of tags separated by commas or
/// spaces (`tags: meeting`, `tags: meeting, retro`), as Obsidian reads them, or nothing.
pub(crate) fn tag_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    one_or_many(d, &[',', ' '])
}

/// For `deserialize_with`: a key written with no value (`key:` followed only by
/// comments) reads as the type's default, e.g. an empty map.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
