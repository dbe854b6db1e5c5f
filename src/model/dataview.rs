//! The part of Dataview's query language that coachsite renders at build time: what a
//! ```` ```dataview ```` block asks for, read into a [`Query`].
//!
//! The subset: `LIST` (with one field to show beside each note, or none), `TABLE` (its
//! columns, `AS "label"`, `WITHOUT ID`) and `TASK`; `FROM` a `#tag`, a `"folder"` or a
//! `[[link]]` (the notes that link to it), joined with `AND`, `OR`, `-` (not) and
//! brackets; `WHERE` with comparisons of a known field to a text, a date
//! (`date(2026-03-01)`, `date(today)`), a number or `true`/`false`, `contains(field,
//! value)`, `!`, `AND`, `OR` and brackets; `SORT field ASC|DESC, …`; `LIMIT n`. Anything
//! else (`GROUP BY`, `FLATTEN`, functions, `this`, fields coachsite does not know) is a
//! [`NotRead`] that names the part it could not read, and the block is left out.
//!
//! Reading is bounded: [`limits::MAX_QUERY_BYTES`] of text, [`limits::MAX_QUERY_NESTING`]
//! levels of brackets and `!`, and one pass over the words; it never panics.

use std::fmt;

use super::Date;
use crate::limits;

/// A query coachsite can render.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// What it shows.
    pub shape: Shape,
    /// Which notes it reads (every note without `FROM`).
    pub from: Option<Source>,
    /// Which of them it keeps: every condition of every `WHERE`.
    pub wheres: Vec<Condition>,
    /// How they are ordered, first key first (then by kind and id).
    pub sort: Vec<(Field, Order)>,
    /// How many rows it shows at most.
    pub limit: Option<usize>,
}

/// What a query shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A list of links to the notes, with one field beside each when given.
    List(Option<Field>),
    /// A table: a column of links (unless `WITHOUT ID`), then each field with its label.
    Table {
        /// Each column's field and its heading.
        columns: Vec<(Field, String)>,
        /// `WITHOUT ID`: no column of links.
        without_id: bool,
    },
    /// The tasks (`- [ ]`, `- [x]`) of the notes.
    Task,
}

/// Which notes a query reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// Notes that carry a tag (or one under it: `#people` takes `#people/ana`).
    Tag(String),
    /// Notes in a folder (or below it), from the engagement folder.
    Folder(String),
    /// Notes that link to a note.
    Link(String),
    /// Both.
    And(Box<Source>, Box<Source>),
    /// Either.
    Or(Box<Source>, Box<Source>),
    /// Not this one (`-#tag`).
    Not(Box<Source>),
}

/// A condition of `WHERE`.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// The field has a value that is not empty, zero or false.
    Truthy(Field),
    /// A comparison of a field with a value.
    Compare(Field, Op, Value),
    /// `contains(field, value)`: a list holds it, a text holds it as a part.
    Contains(Field, Value),
    /// `!condition`.
    Not(Box<Condition>),
    /// Both.
    And(Box<Condition>, Box<Condition>),
    /// Either.
    Or(Box<Condition>, Box<Condition>),
}

/// A comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// A value written in a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `"text"`.
    Text(String),
    /// `date(2026-03-01)`.
    Date(Date),
    /// `date(today)`: the build's as-of date.
    Today,
    /// A number.
    Number(f64),
    /// `true` or `false`.
    Bool(bool),
}

/// The order of a sort key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Smallest first.
    Asc,
    /// Largest first.
    Desc,
}

/// A field of a note (or of a task) that a query may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// `file.name`: the file's name without `.md`.
    Name,
    /// `file.link`: a link to the note's page.
    Link,
    /// `file.folder`: its folder, from the engagement folder.
    Folder,
    /// `file.path`: its path, from the engagement folder.
    Path,
    /// `date` (or `file.day`): a session's, lesson's or assessment's date.
    Date,
    /// `title`.
    Title,
    /// `tags` (or `file.tags`, `file.etags`).
    Tags,
    /// `status`: an objective's.
    Status,
    /// `due`: an objective's due date.
    Due,
    /// `completed` (or `checked`, `fullyCompleted`): whether a task is done.
    Completed,
    /// `text`: a task's words.
    Text,
}

impl Field {
    fn named(name: &str) -> Option<Field> {
        Some(match name.to_ascii_lowercase().as_str() {
            "file.name" => Field::Name,
            "file.link" => Field::Link,
            "file.folder" => Field::Folder,
            "file.path" => Field::Path,
            "date" | "file.day" => Field::Date,
            "title" => Field::Title,
            "tags" | "file.tags" | "file.etags" => Field::Tags,
            "status" => Field::Status,
            "due" => Field::Due,
            "completed" | "checked" | "fullycompleted" => Field::Completed,
            "text" => Field::Text,
            _ => return None,
        })
    }
}

/// What coachsite could not read of a query: the words it stopped at, or why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotRead(pub String);

impl fmt::Display for NotRead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One word of a query.
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A name, a keyword or a number (`file.name`, `FROM`, `5`).
    Word(String),
    /// `"text"`.
    Text(String),
    /// `#tag`, without the `#`.
    Tag(String),
    /// `[[target]]`, without the brackets.
    Link(String),
    /// `(`, `)`, `,`, `!`, `-`, `&`, `|`, `=`, `!=`, `<`, `<=`, `>`, `>=`.
    Sym(&'static str),
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Word(w) => f.write_str(w),
            Token::Text(t) => write!(f, "\"{t}\""),
            Token::Tag(t) => write!(f, "#{t}"),
            Token::Link(l) => write!(f, "[[{l}]]"),
            Token::Sym(s) => f.write_str(s),
        }
    }
}

const SYMBOLS: [&str; 13] = [
    "!=", "<=", ">=", "(", ")", ",", "!", "-", "&", "|", "=", "<", ">",
];

fn tokens(text: &str) -> Result<Vec<Token>, NotRead> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        let Some(c) = rest.chars().next() else {
            return Ok(out);
        };
        let (token, len) = if let Some(inner) = rest.strip_prefix("[[") {
            let end = inner
                .find("]]")
                .ok_or_else(|| NotRead("a `[[` with no `]]`".into()))?;
            (Token::Link(inner[..end].to_string()), end + 4)
        } else if c == '"' {
            let end = rest[1..]
                .find('"')
                .ok_or_else(|| NotRead("a `\"` with no closing `\"`".into()))?;
            (Token::Text(rest[1..1 + end].to_string()), end + 2)
        } else if c == '#' {
            let len = word_len(&rest[1..]);
            if len == 0 {
                return Err(NotRead("a `#` with no tag".into()));
            }
            (Token::Tag(rest[1..1 + len].to_string()), len + 1)
        } else if let Some(sym) = SYMBOLS.iter().find(|s| rest.starts_with(**s)) {
            (Token::Sym(sym), sym.len())
        } else {
            let len = word_len(rest);
            if len == 0 {
                return Err(NotRead(format!("`{c}`")));
            }
            (Token::Word(rest[..len].to_string()), len)
        };
        out.push(token);
        rest = &rest[len..];
    }
}

/// The length of a name, tag or number at the start of `text`.
fn word_len(text: &str) -> usize {
    text.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '/' | '-')))
        .unwrap_or(text.len())
}

/// The words of a query, read one after the other.
struct Reader {
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

impl Reader {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    /// Whether the next word is `keyword` (any case); if so, it is read.
    fn keyword(&mut self, keyword: &str) -> bool {
        let found = matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case(keyword));
        if found {
            self.at += 1;
        }
        found
    }

    fn sym(&mut self, sym: &str) -> bool {
        let found = matches!(self.peek(), Some(Token::Sym(s)) if *s == sym);
        if found {
            self.at += 1;
        }
        found
    }

    /// What is left from here, as written, for a message.
    fn stopped_at(&self) -> NotRead {
        let rest: Vec<String> = self.tokens[self.at.min(self.tokens.len())..]
            .iter()
            .take(3)
            .map(Token::to_string)
            .collect();
        if rest.is_empty() {
            NotRead("the query ends too early".into())
        } else {
            NotRead(format!("`{}`", rest.join(" ")))
        }
    }

    fn deeper(&mut self) -> Result<(), NotRead> {
        self.depth += 1;
        if self.depth > limits::MAX_QUERY_NESTING {
            return Err(NotRead(format!(
                "more than {} brackets or `!` inside each other",
                limits::MAX_QUERY_NESTING
            )));
        }
        Ok(())
    }

    fn field(&mut self) -> Result<Field, NotRead> {
        match self.peek() {
            Some(Token::Word(name)) => match Field::named(name) {
                Some(field) => {
                    self.at += 1;
                    Ok(field)
                }
                None => Err(NotRead(format!("the field `{name}`"))),
            },
            _ => Err(self.stopped_at()),
        }
    }
}

/// Reads a query of the subset, or says which part of it coachsite does not read.
pub fn parse_query(text: &str) -> Result<Query, NotRead> {
    if text.len() > limits::MAX_QUERY_BYTES {
        return Err(NotRead(format!(
            "a query of more than {} bytes",
            limits::MAX_QUERY_BYTES
        )));
    }
    let mut r = Reader {
        tokens: tokens(text)?,
        at: 0,
        depth: 0,
    };
    let shape = shape(&mut r)?;
    let mut query = Query {
        shape,
        from: None,
        wheres: Vec::new(),
        sort: Vec::new(),
        limit: None,
    };
    if r.keyword("from") {
        query.from = Some(source_or(&mut r)?);
    }
    while r.peek().is_some() {
        if r.keyword("where") {
            query.wheres.push(condition_or(&mut r)?);
        } else if r.keyword("sort") {
            loop {
                let field = r.field()?;
                let order = if r.keyword("desc") || r.keyword("descending") {
                    Order::Desc
                } else {
                    let _ = r.keyword("asc") || r.keyword("ascending");
                    Order::Asc
                };
                query.sort.push((field, order));
                if !r.sym(",") {
                    break;
                }
            }
        } else if r.keyword("limit") {
            let n = match r.next() {
                Some(Token::Word(n)) => n.parse::<usize>().ok(),
                _ => None,
            };
            let n = n.ok_or_else(|| NotRead("a `LIMIT` that is not a whole number".into()))?;
            query.limit = Some(n.min(query.limit.unwrap_or(usize::MAX)));
        } else {
            return Err(r.stopped_at());
        }
    }
    Ok(query)
}

/// `LIST [field]`, `TABLE [WITHOUT ID] field [AS "label"], …` or `TASK`.
fn shape(r: &mut Reader) -> Result<Shape, NotRead> {
    if r.keyword("task") {
        return Ok(Shape::Task);
    }
    let list = r.keyword("list");
    if !list && !r.keyword("table") {
        return Err(r.stopped_at());
    }
    let without_id = r.keyword("without");
    if without_id && !r.keyword("id") {
        return Err(r.stopped_at());
    }
    let at_clause = |r: &Reader| {
        r.peek().is_none_or(|t| {
            matches!(t, Token::Word(w) if ["from", "where", "sort", "limit"]
                .iter().any(|k| w.eq_ignore_ascii_case(k)))
        })
    };
    if list {
        if without_id {
            return Err(NotRead("`LIST WITHOUT ID`".into()));
        }
        if at_clause(r) {
            return Ok(Shape::List(None));
        }
        return Ok(Shape::List(Some(r.field()?)));
    }
    let mut columns = Vec::new();
    while !at_clause(r) {
        let written = r.peek().map(Token::to_string).unwrap_or_default();
        let field = r.field()?;
        let label = if r.keyword("as") {
            match r.next() {
                Some(Token::Text(label)) => label,
                _ => return Err(NotRead("an `AS` without a label in quotes".into())),
            }
        } else {
            written
        };
        columns.push((field, label));
        if !r.sym(",") {
            break;
        }
    }
    if !at_clause(r) {
        return Err(r.stopped_at());
    }
    Ok(Shape::Table {
        columns,
        without_id,
    })
}

fn source_or(r: &mut Reader) -> Result<Source, NotRead> {
    let mut left = source_and(r)?;
    while r.keyword("or") || r.sym("|") {
        left = Source::Or(Box::new(left), Box::new(source_and(r)?));
    }
    Ok(left)
}

fn source_and(r: &mut Reader) -> Result<Source, NotRead> {
    let mut left = source_one(r)?;
    while r.keyword("and") || r.sym("&") {
        left = Source::And(Box::new(left), Box::new(source_one(r)?));
    }
    Ok(left)
}

fn source_one(r: &mut Reader) -> Result<Source, NotRead> {
    r.deeper()?;
    let source = if r.sym("-") || r.sym("!") {
        Source::Not(Box::new(source_one(r)?))
    } else if r.sym("(") {
        let inner = source_or(r)?;
        if !r.sym(")") {
            return Err(r.stopped_at());
        }
        inner
    } else {
        let source = match r.peek().cloned() {
            Some(Token::Tag(tag)) => Source::Tag(tag),
            Some(Token::Text(folder)) => Source::Folder(folder),
            Some(Token::Link(link)) if !link.trim().is_empty() && !link.starts_with('#') => {
                Source::Link(link)
            }
            _ => return Err(r.stopped_at()),
        };
        r.at += 1;
        source
    };
    r.depth -= 1;
    Ok(source)
}

fn condition_or(r: &mut Reader) -> Result<Condition, NotRead> {
    let mut left = condition_and(r)?;
    while r.keyword("or") || r.sym("|") {
        left = Condition::Or(Box::new(left), Box::new(condition_and(r)?));
    }
    Ok(left)
}

fn condition_and(r: &mut Reader) -> Result<Condition, NotRead> {
    let mut left = condition_one(r)?;
    while r.keyword("and") || r.sym("&") {
        left = Condition::And(Box::new(left), Box::new(condition_one(r)?));
    }
    Ok(left)
}

fn condition_one(r: &mut Reader) -> Result<Condition, NotRead> {
    r.deeper()?;
    let condition = if r.sym("!") {
        Condition::Not(Box::new(condition_one(r)?))
    } else if r.sym("(") {
        let inner = condition_or(r)?;
        if !r.sym(")") {
            return Err(r.stopped_at());
        }
        inner
    } else if r.keyword("contains") {
        if !r.sym("(") {
            return Err(r.stopped_at());
        }
        let field = r.field()?;
        if !r.sym(",") {
            return Err(r.stopped_at());
        }
        let value = value(r)?;
        if !r.sym(")") {
            return Err(r.stopped_at());
        }
        Condition::Contains(field, value)
    } else {
        let field = r.field()?;
        match op(r) {
            Some(op) => Condition::Compare(field, op, value(r)?),
            None => Condition::Truthy(field),
        }
    };
    r.depth -= 1;
    Ok(condition)
}

fn op(r: &mut Reader) -> Option<Op> {
    let ops = [
        ("=", Op::Eq),
        ("!=", Op::Ne),
        ("<", Op::Lt),
        ("<=", Op::Le),
        (">", Op::Gt),
        (">=", Op::Ge),
    ];
    ops.into_iter()
        .find(|(sym, _)| r.sym(sym))
        .map(|(_, op)| op)
}

fn value(r: &mut Reader) -> Result<Value, NotRead> {
    let stopped = r.stopped_at();
    match r.next() {
        Some(Token::Text(text)) => Ok(Value::Text(text)),
        Some(Token::Word(w)) if w.eq_ignore_ascii_case("true") => Ok(Value::Bool(true)),
        Some(Token::Word(w)) if w.eq_ignore_ascii_case("false") => Ok(Value::Bool(false)),
        Some(Token::Word(w)) if w.eq_ignore_ascii_case("date") => {
            if !r.sym("(") {
                return Err(r.stopped_at());
            }
            let date = match r.next() {
                Some(Token::Word(w)) if w.eq_ignore_ascii_case("today") => Value::Today,
                Some(Token::Word(w)) => Value::Date(Date::parse(&w).map_err(|_| stopped)?),
                _ => return Err(stopped),
            };
            if !r.sym(")") {
                return Err(r.stopped_at());
            }
            Ok(date)
        }
        Some(Token::Word(w)) => w
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(Value::Number)
            .ok_or(stopped),
        _ => Err(stopped),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Query {
        match parse_query(text) {
            Ok(q) => q,
            Err(e) => panic!("{text}: {e}"),
        }
    }

    fn not_read(text: &str) -> String {
        match parse_query(text) {
            Ok(q) => panic!("{text} was read: {q:?}"),
            Err(e) => e.0,
        }
    }

    #[test]
    fn the_common_queries_are_read() {
        let q = read("LIST FROM #meeting AND [[John Appleseed]] SORT file.day DESC LIMIT 5");
        assert_eq!(q.shape, Shape::List(None));
        assert_eq!(
            q.from,
            Some(Source::And(
                Box::new(Source::Tag("meeting".into())),
                Box::new(Source::Link("John Appleseed".into()))
            ))
        );
        assert_eq!(q.sort, vec![(Field::Date, Order::Desc)]);
        assert_eq!(q.limit, Some(5));

        let q = read(
            "TABLE date, title FROM \"sessions\" WHERE contains(tags, \"retro\") SORT date DESC",
        );
        assert_eq!(
            q.shape,
            Shape::Table {
                columns: vec![(Field::Date, "date".into()), (Field::Title, "title".into())],
                without_id: false
            }
        );
        assert_eq!(q.from, Some(Source::Folder("sessions".into())));
        assert_eq!(
            q.wheres,
            vec![Condition::Contains(
                Field::Tags,
                Value::Text("retro".into())
            )]
        );

        let q = read("TASK FROM \"sessions\" WHERE !completed");
        assert_eq!(q.shape, Shape::Task);
        assert_eq!(
            q.wheres,
            vec![Condition::Not(Box::new(Condition::Truthy(
                Field::Completed
            )))]
        );
    }

    #[test]
    fn conditions_combine_and_compare() {
        let q = read(
            "table without id file.link as \"Note\", due from -#done where due < date(today) and (status = \"active\" or !completed) limit 3",
        );
        assert!(
            matches!(q.shape, Shape::Table { without_id: true, ref columns } if columns[0].1 == "Note")
        );
        assert_eq!(
            q.from,
            Some(Source::Not(Box::new(Source::Tag("done".into()))))
        );
        let Condition::And(left, right) = &q.wheres[0] else {
            panic!("{q:?}")
        };
        assert_eq!(**left, Condition::Compare(Field::Due, Op::Lt, Value::Today));
        assert!(matches!(**right, Condition::Or(..)));
        let q = read("LIST date WHERE date >= date(2026-03-01) SORT title");
        assert_eq!(q.shape, Shape::List(Some(Field::Date)));
        assert_eq!(q.sort, vec![(Field::Title, Order::Asc)]);
    }

    #[test]
    fn what_is_not_read_is_named() {
        assert_eq!(
            not_read("TABLE length(rows) FROM #x GROUP BY status"),
            "the field `length`"
        );
        assert_eq!(
            not_read("LIST FROM #x GROUP BY status"),
            "`GROUP BY status`"
        );
        assert_eq!(not_read("LIST WHERE mood > 3"), "the field `mood`");
        assert_eq!(not_read("CALENDAR file.day"), "`CALENDAR file.day`");
        assert_eq!(not_read("LIST FROM outgoing([[x]])"), "`outgoing ( [[x]]`");
        assert_eq!(
            not_read("LIST WHERE this.file.name"),
            "the field `this.file.name`"
        );
        assert!(not_read("LIST FROM [[unclosed").contains("`[[`"));
        assert!(not_read("LIST LIMIT many").contains("LIMIT"));
        assert!(not_read(&"LIST ".repeat(2_000)).contains("bytes"));
        let deep = format!("LIST WHERE {}completed", "!".repeat(40));
        assert!(not_read(&deep).contains("inside each other"));
        assert_eq!(not_read(""), "the query ends too early");
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_read_or_not_without_a_panic(text in "\\PC{0,200}") {
            let _ = parse_query(&text);
        }

        #[test]
        fn any_query_words_are_read_or_not_without_a_panic(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "LIST", "TABLE", "TASK", "FROM", "WHERE", "SORT", "LIMIT", "AND", "OR",
                    "#tag", "\"folder\"", "[[note]]", "(", ")", "!", "-", ",", "=", "<",
                    "date", "title", "contains", "date(today)", "5", "DESC", "AS", "\"x\"",
                ]),
                0..30,
            )
        ) {
            let _ = parse_query(&words.join(" "));
        }
    }
}
