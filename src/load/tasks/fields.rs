//! The fields of a task's words: the Tasks plugin's emoji (`📅 2024-12-06`), Dataview's
//! inline fields (`[due:: 2024-12-10]`) and an owner's `@name`; each is cut from the
//! task's title. Words in a `%% … %%` aside and the words of a link are not read.

use std::ops::Range;

use super::RawLink;
use crate::model::Date;

/// What a task's words say besides its title.
#[derive(Debug, Default)]
pub(super) struct Fields {
    /// The byte ranges of the words that are fields, cut from the title.
    pub(super) cut: Vec<Range<usize>>,
    pub(super) due: Option<Date>,
    pub(super) done: Option<Date>,
    /// ➕: the day the task was created.
    pub(super) created: Option<Date>,
    /// ❌, or `[cancelled:: …]`.
    pub(super) cancelled: bool,
    /// The first `@name`: where it is, and the name.
    pub(super) at_name: Option<(Range<usize>, String)>,
}

/// What a dated field sets.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Dated {
    Due,
    Done,
    Created,
    Cancelled,
    /// ⏳ scheduled and 🛫 start: read and left alone.
    Ignored,
}

impl Dated {
    fn of_emoji(c: char) -> Option<Dated> {
        Some(match c {
            '📅' | '📆' | '🗓' => Dated::Due,
            '✅' => Dated::Done,
            '➕' => Dated::Created,
            '❌' => Dated::Cancelled,
            '⏳' | '⌛' | '🛫' => Dated::Ignored,
            _ => return None,
        })
    }

    /// A Dataview inline field's key (`due`, `completion`…), any case, spaces and dashes
    /// left out.
    fn of_key(key: &str) -> Option<Dated> {
        let key: String = key
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect();
        Some(match key.as_str() {
            "due" => Dated::Due,
            "completion" => Dated::Done,
            "created" => Dated::Created,
            "cancelled" => Dated::Cancelled,
            "start" | "scheduled" => Dated::Ignored,
            _ => return None,
        })
    }

    fn what(self) -> &'static str {
        match self {
            Dated::Due => "due date",
            Dated::Done => "done date",
            Dated::Created => "created date",
            Dated::Cancelled => "cancelled date",
            Dated::Ignored => "date",
        }
    }
}

/// Priority emoji: cut, not used.
const PRIORITY: [char; 5] = ['🔺', '⏫', '🔼', '🔽', '⏬'];
/// Emoji followed by one word that is theirs: 🆔 id, ⛔ depends on, 🏁 on completion.
const WITH_WORD: [char; 3] = ['🆔', '⛔', '🏁'];
/// Obsidian's recurrence, `🔁 every week`: cut up to the next field.
const RECURRENCE: char = '🔁';
/// The variation selector an emoji may carry.
const VARIATION: char = '\u{FE0F}';

/// The fields of `words`; `asides` and `links` (byte ranges of `words`) are not read.
/// A malformed date is told to `warn` (what, and what to do).
pub(super) fn scan(
    words: &str,
    asides: &[Range<usize>],
    links: &[RawLink],
    warn: &mut dyn FnMut(String, &str),
) -> Fields {
    let mut f = Fields::default();
    let mut i = 0;
    while i < words.len() {
        if let Some(end) = skipped(asides, links, i) {
            i = end.max(i + 1);
            continue;
        }
        let Some(c) = words[i..].chars().next() else {
            break;
        };
        let next = i + c.len_utf8();
        i = if let Some(dated) = Dated::of_emoji(c) {
            emoji_field(words, i, next, dated, &mut f, warn)
        } else if PRIORITY.contains(&c) {
            let end = after_variation(words, next);
            f.cut.push(i..end);
            end
        } else if WITH_WORD.contains(&c) {
            let (_, end) = word_after(words, after_variation(words, next));
            f.cut.push(i..end);
            end
        } else if c == RECURRENCE {
            let end = words[next..]
                .char_indices()
                .find(|&(_, c)| {
                    Dated::of_emoji(c).is_some()
                        || PRIORITY.contains(&c)
                        || WITH_WORD.contains(&c)
                        || matches!(c, '[' | '(' | '^' | '@')
                })
                .map_or(words.len(), |(k, _)| next + k);
            f.cut.push(i..end);
            end
        } else if c == '[' || c == '(' {
            inline_field(words, i, c, &mut f, warn).unwrap_or(next)
        } else if c == '^' && starts_word(words, i) && is_block_id(&words[next..]) {
            f.cut.push(i..words.len());
            words.len()
        } else if c == '@' && f.at_name.is_none() && starts_word(words, i) {
            at_name(words, i, next, &mut f).unwrap_or(next)
        } else {
            next
        };
    }
    f
}

/// The end of the aside or link that `at` is in or starts, if any.
fn skipped(asides: &[Range<usize>], links: &[RawLink], at: usize) -> Option<usize> {
    asides
        .iter()
        .find(|a| a.start <= at && at < a.end)
        .map(|a| a.end)
        .or_else(|| {
            links
                .iter()
                .find(|l| l.range.start == at && !l.range.is_empty())
                .map(|l| l.range.end)
        })
}

fn after_variation(words: &str, at: usize) -> usize {
    if words[at..].starts_with(VARIATION) {
        at + VARIATION.len_utf8()
    } else {
        at
    }
}

/// The word after `at` (spaces skipped): its text and where it ends.
fn word_after(words: &str, at: usize) -> (&str, usize) {
    let rest = &words[at..];
    let start = at + (rest.len() - rest.trim_start().len());
    let len = words[start..]
        .find(char::is_whitespace)
        .unwrap_or(words.len() - start);
    (&words[start..start + len], start + len)
}

/// `📅 2024-12-06`: the emoji at `at` and its date.
fn emoji_field(
    words: &str,
    at: usize,
    next: usize,
    dated: Dated,
    f: &mut Fields,
    warn: &mut dyn FnMut(String, &str),
) -> usize {
    let emoji = &words[at..next];
    let after = after_variation(words, next);
    let (token, end) = word_after(words, after);
    if dated == Dated::Cancelled {
        f.cancelled = true;
    }
    match Date::parse(date_part(token)) {
        Ok(date) => {
            set(f, dated, date);
            f.cut.push(at..end);
            end
        }
        Err(_) => {
            warn(
                format!(
                    "`{emoji}` is not followed by a date: the task's {} is left out",
                    dated.what()
                ),
                "write the date as YYYY-MM-DD after the emoji, e.g. `📅 2024-12-06`",
            );
            // A word that looks like a date is the field's; other words are the title's.
            let end = if token.starts_with(|c: char| c.is_ascii_digit()) {
                end
            } else {
                after
            };
            f.cut.push(at..end);
            end
        }
    }
}

/// `2024-12-10`, or the day of `2024-12-10T09:30` (Dataview's dates and times).
fn date_part(token: &str) -> &str {
    match token.get(..10) {
        Some(day) if matches!(token.as_bytes().get(10), Some(b'T' | b' ')) => day,
        _ => token,
    }
}

fn set(f: &mut Fields, dated: Dated, date: Date) {
    match dated {
        Dated::Due => f.due = Some(date),
        Dated::Done => f.done = Some(date),
        Dated::Created => f.created = Some(date),
        Dated::Cancelled | Dated::Ignored => {}
    }
}

/// Dataview's `[key:: value]` or `(key:: value)` at `at`: cut whatever its key, read when
/// it is a date the task has. `None` when it is not one (the end, else).
fn inline_field(
    words: &str,
    at: usize,
    open: char,
    f: &mut Fields,
    warn: &mut dyn FnMut(String, &str),
) -> Option<usize> {
    let inner_start = at + 1;
    let separator = inner_start + words[inner_start..].find("::")?;
    let key = &words[inner_start..separator];
    let key_ok = !key.trim().is_empty()
        && key.chars().count() <= 40
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'));
    if !key_ok {
        return None;
    }
    let close = if open == '[' { ']' } else { ')' };
    let mut depth = 0usize;
    let mut end = None;
    for (k, c) in words[separator..].char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                end = Some(separator + k);
                break;
            }
            depth -= 1;
        }
    }
    let end = end?;
    let value = words[separator + 2..end]
        .trim()
        .trim_start_matches("[[")
        .trim_end_matches("]]")
        .trim();
    f.cut.push(at..end + 1);
    if let Some(dated) = Dated::of_key(key) {
        if dated == Dated::Cancelled {
            f.cancelled = true;
        }
        match Date::parse(date_part(value)) {
            Ok(date) => set(f, dated, date),
            Err(_) if dated == Dated::Ignored => {}
            Err(_) => warn(
                format!(
                    "`{}` is not a date: the task's {} is left out",
                    &words[at..end + 1],
                    dated.what()
                ),
                "write the date as YYYY-MM-DD, e.g. `[due:: 2024-12-10]`",
            ),
        }
    }
    Some(end + 1)
}

/// Whether `rest` is a block id's name and nothing after (`^block-1` ends a line, and
/// Obsidian does not show it).
fn is_block_id(rest: &str) -> bool {
    let rest = rest.trim_end();
    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Whether `at` starts a word: the text's start, or after a space or an opening bracket.
fn starts_word(words: &str, at: usize) -> bool {
    words[..at]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '['))
}

/// `@ana`, `@john.appleseed`: the owner.
fn at_name(words: &str, at: usize, next: usize, f: &mut Fields) -> Option<usize> {
    let len = words[next..]
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .unwrap_or(words.len() - next);
    let name = words[next..next + len].trim_end_matches(['.', '-']);
    if name.is_empty() {
        return None;
    }
    let end = next + name.len();
    f.at_name = Some((at..end, name.to_string()));
    Some(end)
}
