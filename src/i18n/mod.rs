//! The words of the interface, plural rules, typography, and date and number formats,
//! for English, French and German.
//!
//! Each language is one file (`en.rs`, `fr.rs`, `de.rs`) that gives every [`Word`] (a
//! `match`, so a language can never miss one) and its months; [`plural`] takes CLDR's
//! plural rules (`intl_pluralrules`) for its code. Templates read the words as
//! `t.<word>`; no interface text is written in a template. The sentences of `explain`
//! are written in the three languages where they are made, and go through [`typeset`]
//! and [`plural`] like the words.
//!
//! Adding a language: a variant of `model::Language`, its file here, and its line in
//! [`word`], `months` and [`code`] (the compiler asks for each), and the columns the
//! compiler then asks for in `explain`.

mod de;
mod en;
mod fr;
mod words;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};

use crate::model::{Date, Language};
pub use words::Word;

/// The text of `word` in `language`.
pub fn word(language: Language, word: Word) -> &'static str {
    match language {
        Language::En => en::word(word),
        Language::Fr => fr::word(word),
        Language::De => de::word(word),
    }
}

/// The months of `language`, as dates write them and as chart axes do.
fn months(language: Language) -> (&'static [&'static str; 12], &'static [&'static str; 12]) {
    match language {
        Language::En => (&en::MONTHS, &en::MONTHS_SHORT),
        Language::Fr => (&fr::MONTHS, &fr::MONTHS_SHORT),
        Language::De => (&de::MONTHS, &de::MONTHS_SHORT),
    }
}

/// The `lang` attribute of the pages, and the language of its plural rules.
pub fn code(language: Language) -> &'static str {
    match language {
        Language::En => en::CODE,
        Language::Fr => fr::CODE,
        Language::De => de::CODE,
    }
}

/// Every word of one language, by name: what templates read as `t`.
pub fn strings(language: Language) -> BTreeMap<&'static str, &'static str> {
    Word::ALL
        .iter()
        .map(|w| (w.key(), word(language, *w)))
        .collect()
}

/// Which form a count takes, by CLDR's cardinal plural rules: French says "0 erreur"
/// and "1,5 heure" (one), English "0 errors" and "1.5 hours" (other).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    /// The singular (CLDR's `one`).
    One,
    /// Every other count (English, French and German need no other form).
    Other,
}

/// The form `count` takes in `language`.
///
/// ```
/// use coachsite::{i18n::{plural, Plural}, model::Language};
/// assert_eq!(plural(Language::Fr, 0.0), Plural::One);
/// assert_eq!(plural(Language::En, 0.0), Plural::Other);
/// assert_eq!(plural(Language::De, 1.0), Plural::One);
/// ```
pub fn plural(language: Language, count: f64) -> Plural {
    static RULES: OnceLock<Vec<Option<PluralRules>>> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        [Language::En, Language::Fr, Language::De]
            .into_iter()
            .map(|l| {
                let id: unic_langid::LanguageIdentifier = code(l).parse().ok()?;
                PluralRules::create(id, PluralRuleType::CARDINAL).ok()
            })
            .collect()
    });
    let index = match language {
        Language::En => 0,
        Language::Fr => 1,
        Language::De => 2,
    };
    let magnitude = count.abs();
    let category = rules
        .get(index)
        .and_then(Option::as_ref)
        .and_then(|r| r.select(magnitude).ok());
    match category {
        Some(PluralCategory::ONE) => Plural::One,
        Some(_) => Plural::Other,
        // Rules that could not be made (never, for these codes): English's.
        None if magnitude == 1.0 => Plural::One,
        None => Plural::Other,
    }
}

/// Whether `count` takes the singular in `language`.
pub fn one(language: Language, count: f64) -> bool {
    plural(language, count) == Plural::One
}

/// `text` with its language's typography: in French, a narrow no-break space (U+202F)
/// before `:` `;` `!` `?` (in place of a space, or added after a word), so that
/// "Coach : Marc" never wraps before its colon, and one inside « ». A colon inside a word or a number
/// ("10:30", "https://") is left alone. English and German need nothing.
pub fn typeset(language: Language, text: String) -> String {
    if language != Language::Fr || !text.contains([':', ';', '!', '?', '«', '»']) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ' ' && out.ends_with('«') {
            out.push('\u{202f}');
            continue;
        }
        if c == '»' && out.ends_with(' ') {
            out.pop();
            out.push('\u{202f}');
        }
        let ends = chars.peek().is_none_or(|n| n.is_whitespace() || *n == '<');
        if matches!(c, ':' | ';' | '!' | '?') && ends {
            match out.chars().last() {
                Some(' ' | '\u{a0}') => {
                    out.pop();
                    out.push('\u{202f}');
                }
                Some(p) if p.is_alphanumeric() || matches!(p, ')' | '»' | '"' | '’' | '%') => {
                    out.push('\u{202f}');
                }
                _ => {}
            }
        }
        out.push(c);
    }
    out
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
    let name = months(language).0[(month - 1) as usize];
    match language {
        Language::En => format!("{day} {name} {year}"),
        Language::Fr if day == 1 => format!("1er {name} {year}"),
        Language::Fr => format!("{day} {name} {year}"),
        Language::De => format!("{day}. {name} {year}"),
    }
}

/// A short date for chart axes: "6 Feb", "6 févr.", "6. Feb.".
pub fn format_date_short(date: Date, language: Language) -> String {
    let (_, month, day) = date.ymd();
    let name = months(language).1[(month - 1) as usize];
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
        Some(unit) => format!("{number}\u{a0}{}", unit_for(value, unit, language)),
    }
}

/// The unit as it reads after a number: in English and French, "1 deployment per month",
/// not "1 deployments" (the first word of the unit loses its plural `s`), for the counts
/// that take the singular by the language's plural rules (in French, 0 and 1,5 too).
/// German plurals are not made by a suffix, so its units stay as written.
fn unit_for(value: f64, unit: &str, language: Language) -> std::borrow::Cow<'_, str> {
    // The form of the number as it is shown (two decimals at most).
    let one = self::one(language, (value * 100.0).round() / 100.0);
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
/// unit unless the unit is already a rate. A percentage moves in points ("+9.7 points").
/// The caller adds "a month".
pub fn format_rate(value: f64, unit: Option<&str>, language: Language) -> String {
    let [text] = format_rates([value], unit, language);
    text
}

/// Changes per month side by side ("needs +9.7 points a month; the trend gives +14.8"),
/// at one precision ([`format_numbers_alike`]), signed, with the unit as [`format_rate`]
/// says.
pub fn format_rates<const N: usize>(
    values: [f64; N],
    unit: Option<&str>,
    language: Language,
) -> [String; N] {
    let numbers = format_numbers_alike(values, language);
    let unit = rate_unit(unit, language);
    let mut i = 0;
    values.map(|v| {
        let number = numbers[i].clone();
        i += 1;
        if !v.is_finite() {
            return number;
        }
        let zero = !number.chars().any(|c| c.is_ascii_digit() && c != '0');
        let sign = match () {
            _ if zero => "",
            _ if v > 0.0 => "+",
            _ => "−",
        };
        let with_unit = match unit.as_deref() {
            None => number,
            Some("%") if language == Language::En => format!("{number}%"),
            Some(unit) => {
                let one = one_as_shown(language, v, &number);
                format!("{number}\u{a0}{}", rate_unit_for(one, unit, language))
            }
        };
        format!("{sign}{with_unit}")
    })
}

/// Figures compared in one sentence, without their sign, at one precision: the decimals
/// that give the largest three significant digits (none from 100, one from 10, else
/// two), less the zeros every one of them ends in, so that two figures side by side are
/// never at two precisions ("0.59 … 0.50", "9.7 … 14.8", "2 … 1").
pub fn format_numbers_alike<const N: usize>(values: [f64; N], language: Language) -> [String; N] {
    let largest = values
        .iter()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, |m, v| m.max(v.abs()));
    let mut decimals = match largest {
        v if v >= 100.0 => 0,
        v if v >= 10.0 => 1,
        _ => 2,
    };
    // Drop a decimal while every figure ends in a zero there.
    while decimals > 0
        && values
            .iter()
            .all(|v| !v.is_finite() || format!("{:.*}", decimals, v.abs()).ends_with('0'))
    {
        decimals -= 1;
    }
    values.map(|v| {
        if !v.is_finite() {
            return "–".to_string();
        }
        let number = format!("{:.*}", decimals, v.abs());
        match language {
            Language::En => number,
            Language::Fr | Language::De => number.replace('.', ","),
        }
    })
}

/// Whether a figure shown as `shown` takes the singular: CLDR's rules, where in English
/// and German a fraction shown ("1.0") takes the plural.
pub fn one_as_shown(language: Language, value: f64, shown: &str) -> bool {
    let fraction = shown.contains(['.', ',']);
    match language {
        Language::En | Language::De if fraction => false,
        _ => one(language, value.abs()),
    }
}

/// The unit of a change per month: none when the unit is itself a monthly rate, points
/// for a percentage.
fn rate_unit(unit: Option<&str>, language: Language) -> Option<String> {
    let unit = unit
        .map(str::trim)
        .filter(|u| !u.is_empty() && !is_monthly(u))?;
    Some(if unit == "%" {
        match language {
            Language::En | Language::Fr => "points".to_string(),
            Language::De => "Prozentpunkte".to_string(),
        }
    } else {
        unit.to_string()
    })
}

/// [`unit_for`], with German's one plural of ours made singular too.
fn rate_unit_for(one: bool, unit: &str, language: Language) -> String {
    if one && language == Language::De && unit == "Prozentpunkte" {
        return "Prozentpunkt".to_string();
    }
    let value = if one { 1.0 } else { 2.0 };
    unit_for(value, unit, language).into_owned()
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
        // A change per month: three significant digits, a percentage in points, and a
        // monthly unit said once.
        assert_eq!(format_rate(1.521_9, Some("%"), en), "+1.52\u{a0}points");
        assert_eq!(format_rate(152.19, Some("%"), en), "+152\u{a0}points");
        assert_eq!(format_rate(14.84, Some("%"), en), "+14.8\u{a0}points");
        assert_eq!(format_rate(1.0, Some("%"), en), "+1\u{a0}point");
        assert_eq!(
            format_rate(1.0, Some("%"), Language::De),
            "+1\u{a0}Prozentpunkt"
        );
        assert_eq!(
            format_rate(-2.5, Some("%"), Language::Fr),
            "−2,5\u{a0}points"
        );
        // Side by side, one precision: 9.74 and 14.84 at the larger's one decimal.
        assert_eq!(
            format_rates([9.74, 14.84], Some("%"), en),
            ["+9.7\u{a0}points", "+14.8\u{a0}points"]
        );
        // Two decimals for both, zeros kept so that both read alike; none when both are
        // whole.
        assert_eq!(format_rates([0.5, 1.25], None, en), ["+0.50", "+1.25"]);
        assert_eq!(format_rates([2.0, -1.0], None, en), ["+2", "−1"]);
        assert_eq!(format_rates([0.0, 0.004], None, en), ["0", "0"]);
        assert_eq!(format_numbers_alike([0.59, 0.5], en), ["0.59", "0.50"]);
        assert_eq!(
            format_numbers_alike([1.0, 0.5], Language::Fr),
            ["1,0", "0,5"]
        );
        assert!(!one_as_shown(en, 1.0, "1.0") && one_as_shown(en, 1.0, "1"));
        assert!(one_as_shown(Language::Fr, 1.0, "1,0"));
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
    fn every_word_is_translated_and_set_as_its_language_sets_it() {
        for language in [Language::En, Language::Fr, Language::De] {
            for w in Word::ALL {
                let text = word(language, *w);
                assert!(!text.is_empty(), "{w:?} is empty in {language:?}");
                assert_eq!(typeset(language, text.to_string()), text, "{w:?}");
            }
        }
    }

    #[test]
    fn plural_rules_are_cldr_s() {
        assert!(one(Language::Fr, 0.0) && one(Language::Fr, 1.5));
        assert!(!one(Language::Fr, 2.0));
        assert!(!one(Language::En, 0.0) && one(Language::En, 1.0));
        assert!(!one(Language::En, 1.5) && !one(Language::De, 0.0));
        assert!(one(Language::De, -1.0));
    }

    #[test]
    fn french_puts_a_narrow_no_break_space_before_high_punctuation() {
        let fr = |t: &str| typeset(Language::Fr, t.to_string());
        assert_eq!(fr("Coach: Marc"), "Coach\u{202f}: Marc");
        assert_eq!(fr("Vue pour :"), "Vue pour\u{202f}:");
        assert_eq!(fr("Quoi ? Oui !"), "Quoi\u{202f}? Oui\u{202f}!");
        assert_eq!(fr("à 10:30, https://x.org"), "à 10:30, https://x.org");
        assert_eq!(typeset(Language::En, "Coach: Marc".into()), "Coach: Marc");
    }
}

#[cfg(test)]
mod template_tests {
    use super::*;
    use crate::render::BUILTIN_TEMPLATES;

    #[test]
    fn every_string_a_template_uses_exists() {
        let known = strings(Language::En);
        // Every word a template reads is a `Word`.
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
                    "{name} uses t.{key}, which is not a Word"
                );
            }
        }
    }
}
