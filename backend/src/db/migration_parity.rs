//! The two migration folders describe one schema: this test proves it, statement by statement.
//!
//! `migrations/sqlite/` and `migrations/postgres/` are written by hand (sqlx checks the checksum
//! of every applied migration, so neither can be generated from the other without touching
//! released files). Each PostgreSQL migration is *lowered* to SQLite's dialect by the rules in
//! [`PG_TYPES`] and must then equal the SQLite migration with the same number: same tables with
//! the same columns in the same order, same constraints, same indexes. Comments and whitespace do
//! not count.
//!
//! Why PostgreSQL → SQLite and not the other way: SQLite stores text, instants and dates all as
//! `text`, so the PostgreSQL type of a SQLite `text` column cannot be derived without guessing
//! from column names, while every PostgreSQL type maps to exactly one SQLite type.
//!
//! A real engine difference is written down where it is, never in an allow-list here: lines
//! between `-- postgres-only: <reason>` and `-- end postgres-only` in a PostgreSQL migration (or
//! `-- sqlite-only: <reason>` … `-- end sqlite-only` in a SQLite one) are left out of the
//! comparison. `migrations/README.md` states the rules for people.

use std::collections::{BTreeMap, BTreeSet};

/// How a PostgreSQL column type is written on SQLite. A PostgreSQL column whose type is not
/// listed fails the test: `integer` (4 bytes) and `real` (4 bytes) would not hold what the Rust
/// side reads (`i64`, `f64`), and a new type needs a decision, not a silent pass.
const PG_TYPES: &[(&str, &str)] = &[
    ("bigint", "integer"),
    ("text", "text"),
    ("boolean", "boolean"),
    ("double precision", "real"),
    ("timestamptz", "text"),
    ("date", "text"),
    ("bytea", "blob"),
];

/// The identity clause of PostgreSQL surrogate keys; SQLite's `integer primary key` is an alias
/// of the rowid and numbers rows by itself.
const PG_IDENTITY: &[&str] = &["generated", "by", "default", "as", "identity"];

/// Words that end a column's type and begin its constraints.
const COLUMN_CONSTRAINT_WORDS: &[&str] = &[
    "not",
    "null",
    "primary",
    "references",
    "default",
    "unique",
    "check",
    "constraint",
    "generated",
    "collate",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }
}

/// One SQL token: a lower-cased word, a literal or quoted identifier as written, or a symbol.
type Token = String;

/// A statement of a migration after comments and engine-only blocks are removed.
#[derive(Debug, Clone)]
struct Statement {
    /// 1-based position among the file's compared statements.
    number: usize,
    /// 1-based line where it starts.
    line: usize,
    tokens: Vec<Token>,
}

impl Statement {
    fn text(&self) -> String {
        render(&self.tokens)
    }

    /// What the statement defines: `table jurors`, `index jurors_account_idx`,
    /// `column registration_settings.edit_until`; other statements are named by their text.
    fn key(&self) -> String {
        let t: Vec<&str> = self.tokens.iter().map(String::as_str).collect();
        match t.as_slice() {
            ["create", "table", "if", "not", "exists", name, ..]
            | ["create", "table", name, ..] => {
                format!("table {name}")
            }
            ["create", "unique", "index", "if", "not", "exists", name, ..]
            | ["create", "index", "if", "not", "exists", name, ..]
            | ["create", "unique", "index", name, ..]
            | ["create", "index", name, ..] => format!("index {name}"),
            ["alter", "table", table, "add", "column", name, ..]
            | ["alter", "table", table, "add", name, ..] => format!("column {table}.{name}"),
            _ => format!("statement `{}`", self.text()),
        }
    }
}

/// Joins tokens back into readable SQL (`f (a, b)`, `x.y`).
fn render(tokens: &[Token]) -> String {
    let mut out = String::new();
    for (i, t) in tokens.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| tokens[p].as_str());
        let glue = matches!(t.as_str(), "," | ")" | "." | "::")
            || matches!(prev, Some("(" | "." | "::"))
            || prev.is_none();
        if !glue {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

/// Splits SQL into tokens, dropping `--` and `/* */` comments. Returns each token with the line
/// it is on.
fn tokenize(sql: &str) -> Result<Vec<(usize, Token)>, String> {
    let chars: Vec<char> = sql.chars().collect();
    let mut tokens = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '-' && next == Some('-') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let start = line;
            i += 2;
            loop {
                match (chars.get(i), chars.get(i + 1)) {
                    (Some('*'), Some('/')) => break i += 2,
                    (Some(ch), _) => {
                        line += usize::from(*ch == '\n');
                        i += 1;
                    }
                    (None, _) => return Err(format!("line {start}: unterminated /* comment")),
                }
            }
        } else if c == '\'' || c == '"' {
            // A literal or quoted identifier, kept as written; a doubled quote escapes itself.
            let (start, mut text) = (line, String::from(c));
            i += 1;
            loop {
                match chars.get(i) {
                    Some(&q) if q == c && chars.get(i + 1) == Some(&c) => {
                        text.push_str(&format!("{c}{c}"));
                        i += 2;
                    }
                    Some(&q) if q == c => {
                        text.push(c);
                        i += 1;
                        break;
                    }
                    Some(&ch) => {
                        line += usize::from(ch == '\n');
                        text.push(ch);
                        i += 1;
                    }
                    None => return Err(format!("line {start}: unterminated {c}")),
                }
            }
            tokens.push((start, text));
        } else if c.is_alphanumeric() || c == '_' {
            let mut word = String::new();
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                word.push(chars[i].to_ascii_lowercase());
                i += 1;
            }
            tokens.push((line, word));
        } else if c == ':' && next == Some(':') {
            tokens.push((line, "::".into()));
            i += 2;
        } else {
            tokens.push((line, c.to_string()));
            i += 1;
        }
    }
    Ok(tokens)
}

/// Blanks the lines of `-- <engine>-only: <reason>` … `-- end <engine>-only` blocks, keeping line
/// numbers. A block for the other engine, an unterminated block or one without a reason is an
/// error: a marker must never be silently ignored.
fn without_own_blocks(sql: &str, engine: Engine) -> Result<String, String> {
    let own = engine.name();
    let other = match engine {
        Engine::Sqlite => Engine::Postgres.name(),
        Engine::Postgres => Engine::Sqlite.name(),
    };
    let mut out = String::new();
    let mut open: Option<usize> = None;
    for (n, line) in sql.lines().enumerate() {
        let number = n + 1;
        let comment = line
            .trim()
            .strip_prefix("--")
            .map(|c| c.trim().to_ascii_lowercase());
        let comment = comment.as_deref().unwrap_or("");
        if comment.starts_with(&format!("{other}-only"))
            || comment.starts_with(&format!("end {other}-only"))
        {
            return Err(format!(
                "line {number}: a `{other}-only` block belongs in the {other} migration"
            ));
        }
        if let Some(reason) = comment.strip_prefix(&format!("{own}-only")) {
            if let Some(start) = open {
                return Err(format!(
                    "line {number}: `{own}-only` inside the block opened on line {start}"
                ));
            }
            let reason = reason.strip_prefix(':').unwrap_or("").trim();
            if reason.is_empty() {
                return Err(format!(
                    "line {number}: write why after `-- {own}-only:` (the engine difference)"
                ));
            }
            open = Some(number);
            out.push('\n');
        } else if comment == format!("end {own}-only") {
            if open.take().is_none() {
                return Err(format!(
                    "line {number}: `end {own}-only` without an open block"
                ));
            }
            out.push('\n');
        } else if open.is_some() {
            out.push('\n');
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    match open {
        Some(start) => Err(format!(
            "line {start}: `{own}-only` block is not closed with `-- end {own}-only`"
        )),
        None => Ok(out),
    }
}

/// The compared statements of one migration.
fn statements(sql: &str, engine: Engine) -> Result<Vec<Statement>, String> {
    let sql = without_own_blocks(sql, engine)?;
    let mut out = Vec::new();
    let mut current: Vec<(usize, Token)> = Vec::new();
    for (line, token) in tokenize(&sql)? {
        if token == ";" {
            if !current.is_empty() {
                out.push(Statement {
                    number: out.len() + 1,
                    line: current[0].0,
                    tokens: current.drain(..).map(|(_, t)| t).collect(),
                });
            }
        } else {
            current.push((line, token));
        }
    }
    if !current.is_empty() {
        out.push(Statement {
            number: out.len() + 1,
            line: current[0].0,
            tokens: current.into_iter().map(|(_, t)| t).collect(),
        });
    }
    Ok(out)
}

/// Lowers one PostgreSQL column definition (`name type constraints…`) to SQLite's types.
fn lower_column(tokens: &[Token]) -> Result<Vec<Token>, String> {
    let Some((name, rest)) = tokens.split_first() else {
        return Ok(Vec::new());
    };
    let type_len = rest
        .iter()
        .position(|t| COLUMN_CONSTRAINT_WORDS.contains(&t.as_str()))
        .unwrap_or(rest.len());
    let pg_type = render(&rest[..type_len]);
    let Some((_, sqlite_type)) = PG_TYPES.iter().find(|(pg, _)| *pg == pg_type) else {
        let known: Vec<&str> = PG_TYPES.iter().map(|(pg, _)| *pg).collect();
        return Err(format!(
            "column {name}: the PostgreSQL type `{pg_type}` has no SQLite rule (use one of: {}; \
             or mark a real engine difference with `-- postgres-only:`)",
            known.join(", ")
        ));
    };
    let mut out = vec![name.clone()];
    out.extend(sqlite_type.split(' ').map(String::from));
    let mut constraints = &rest[type_len..];
    if pg_type == "bigint"
        && constraints.len() >= PG_IDENTITY.len()
        && constraints[..PG_IDENTITY.len()]
            .iter()
            .zip(PG_IDENTITY)
            .all(|(a, b)| a == b)
    {
        constraints = &constraints[PG_IDENTITY.len()..];
    }
    out.extend(constraints.iter().cloned());
    Ok(out)
}

/// Splits a parenthesised list at its top-level commas; `tokens[open]` must be `(`. Returns the
/// items and the index of the closing `)`.
fn split_list(tokens: &[Token], open: usize) -> (Vec<Vec<Token>>, usize) {
    let (mut items, mut item, mut depth) = (Vec::new(), Vec::new(), 0usize);
    for (i, t) in tokens.iter().enumerate().skip(open) {
        match t.as_str() {
            "(" => {
                depth += 1;
                if depth == 1 {
                    continue;
                }
            }
            ")" => {
                depth -= 1;
                if depth == 0 {
                    items.push(std::mem::take(&mut item));
                    return (items, i);
                }
            }
            "," if depth == 1 => {
                items.push(std::mem::take(&mut item));
                continue;
            }
            _ => {}
        }
        item.push(t.clone());
    }
    items.push(item);
    (items, tokens.len())
}

fn is_table_constraint(item: &[Token]) -> bool {
    matches!(
        item.first().map(String::as_str),
        Some("constraint" | "primary" | "unique" | "check" | "foreign")
    )
}

/// A PostgreSQL statement in SQLite's dialect: column types of `create table` and
/// `alter table … add column` follow [`PG_TYPES`]; everything else must already be the same.
fn lower(statement: &Statement) -> Result<Statement, String> {
    let t = &statement.tokens;
    let words: Vec<&str> = t.iter().map(String::as_str).collect();
    let tokens = match words.as_slice() {
        ["create", "table", ..] => {
            let open = t
                .iter()
                .position(|x| x == "(")
                .ok_or("a create table without columns")?;
            let (items, close) = split_list(t, open);
            let mut out: Vec<Token> = t[..open].to_vec();
            out.push("(".into());
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(",".into());
                }
                if is_table_constraint(item) {
                    out.extend(item.iter().cloned());
                } else {
                    out.extend(lower_column(item)?);
                }
            }
            out.extend(t[close..].iter().cloned());
            out
        }
        ["alter", "table", _, "add", "column", ..] => {
            let mut out = t[..5].to_vec();
            out.extend(lower_column(&t[5..])?);
            out
        }
        _ => t.clone(),
    };
    Ok(Statement {
        tokens,
        ..statement.clone()
    })
}

/// The name of a `create table` item: the column name, or `constraint <name>`.
fn item_name(item: &[Token]) -> String {
    match item {
        [first, name, ..] if first == "constraint" => format!("constraint {name}"),
        [first, ..] if is_table_constraint(item) => format!("unnamed {first} constraint"),
        [first, ..] => format!("column {first}"),
        [] => "an empty item".into(),
    }
}

/// Says how two versions of one `create table` differ, item by item.
fn table_difference(sqlite: &Statement, lowered: &Statement) -> Vec<String> {
    let items = |s: &Statement| -> Vec<Vec<Token>> {
        match s.tokens.iter().position(|x| x == "(") {
            Some(open) => split_list(&s.tokens, open).0,
            None => Vec::new(),
        }
    };
    let (a, b) = (items(sqlite), items(lowered));
    let named = |list: &[Vec<Token>]| -> BTreeMap<String, String> {
        list.iter().map(|i| (item_name(i), render(i))).collect()
    };
    let (na, nb) = (named(&a), named(&b));
    let mut out = Vec::new();
    for (name, text) in &na {
        match nb.get(name) {
            None => out.push(format!("{name} only in sqlite: `{text}`")),
            Some(other) if other != text => out.push(format!(
                "{name} differs: sqlite `{text}`, postgres (lowered) `{other}`"
            )),
            Some(_) => {}
        }
    }
    for (name, text) in &nb {
        if !na.contains_key(name) {
            out.push(format!("{name} only in postgres: `{text}` (lowered)"));
        }
    }
    if out.is_empty() {
        let order = |l: &[Vec<Token>]| l.iter().map(|i| item_name(i)).collect::<Vec<_>>();
        if order(&a) != order(&b) {
            out.push(format!(
                "items in another order: sqlite {:?}, postgres {:?}",
                order(&a),
                order(&b)
            ));
        } else {
            // Same items, so the difference is after the column list (e.g. `strict`).
            out.push(format!(
                "sqlite `{}`, postgres (lowered) `{}`",
                sqlite.text(),
                lowered.text()
            ));
        }
    }
    out
}

/// Every difference between the SQLite and the PostgreSQL version of migration `file`, each a
/// line naming the file, the statement and what differs. Empty when they describe one schema.
pub(crate) fn compare(file: &str, sqlite_sql: &str, postgres_sql: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let parsed = |sql: &str, engine: Engine, problems: &mut Vec<String>| {
        statements(sql, engine).unwrap_or_else(|e| {
            problems.push(format!("{}/{file}: {e}", engine.name()));
            Vec::new()
        })
    };
    let sqlite = parsed(sqlite_sql, Engine::Sqlite, &mut problems);
    let mut postgres = Vec::new();
    // Statements that could not be lowered are reported once, not again as missing.
    let mut unlowered = BTreeSet::new();
    for s in parsed(postgres_sql, Engine::Postgres, &mut problems) {
        match lower(&s) {
            Ok(lowered) => postgres.push(lowered),
            Err(e) => {
                problems.push(format!(
                    "postgres/{file}: statement {} (line {}) `{}`: {e}",
                    s.number,
                    s.line,
                    s.text()
                ));
                unlowered.insert(s.key());
            }
        }
    }
    let by_key = |list: &[Statement]| -> BTreeMap<String, Statement> {
        list.iter().map(|s| (s.key(), s.clone())).collect()
    };
    let (sk, pk) = (by_key(&sqlite), by_key(&postgres));
    for (key, s) in sk.iter().filter(|(key, _)| !unlowered.contains(*key)) {
        let Some(p) = pk.get(key) else {
            problems.push(format!(
                "{file}: {key} is only in sqlite (statement {}, line {}: `{}`)",
                s.number,
                s.line,
                s.text()
            ));
            continue;
        };
        if s.tokens == p.tokens {
            continue;
        }
        let detail = if key.starts_with("table ") {
            table_difference(s, p).join("; ")
        } else {
            format!("sqlite `{}`, postgres (lowered) `{}`", s.text(), p.text())
        };
        problems.push(format!(
            "{file}: {key} differs (sqlite statement {}, line {}; postgres statement {}, line {}): {detail}",
            s.number, s.line, p.number, p.line
        ));
    }
    for (key, p) in &pk {
        if !sk.contains_key(key) {
            problems.push(format!(
                "{file}: {key} is only in postgres (statement {}, line {}: `{}`)",
                p.number,
                p.line,
                p.text()
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(engine: Engine) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../migrations")
            .join(engine.name())
    }

    fn read(engine: Engine, file: &str) -> String {
        let path = folder(engine).join(file);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    fn migration_files() -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder(Engine::Sqlite))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        names.sort();
        names
    }

    /// The rule of migrations/README.md: every table, column, constraint and index is in both
    /// folders, and the PostgreSQL file lowered to SQLite's types equals the SQLite file.
    #[test]
    fn both_engines_describe_the_same_schema() {
        let files = migration_files();
        assert!(!files.is_empty());
        let problems: Vec<String> = files
            .iter()
            .flat_map(|f| compare(f, &read(Engine::Sqlite, f), &read(Engine::Postgres, f)))
            .collect();
        assert!(
            problems.is_empty(),
            "the SQLite and PostgreSQL migrations differ (see migrations/README.md):\n- {}",
            problems.join("\n- ")
        );
    }

    #[test]
    fn a_missing_index_is_named_with_its_file_and_statement() {
        let sqlite = read(Engine::Sqlite, "0006_jury.sql");
        let postgres = read(Engine::Postgres, "0006_jury.sql");
        let index = "create index jurors_account_idx on jurors (account_id);";
        assert!(postgres.contains(index), "the example index moved");

        let problems = compare("0006_jury.sql", &sqlite, &postgres.replace(index, ""));
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0].starts_with(
                "0006_jury.sql: index jurors_account_idx is only in sqlite (statement "
            ),
            "{}",
            problems[0]
        );
        assert!(problems[0].ends_with(&format!("`{}`)", index.trim_end_matches(';'))));

        let problems = compare("0006_jury.sql", &sqlite.replace(index, ""), &postgres);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(problems[0].contains("index jurors_account_idx is only in postgres"));
    }

    #[test]
    fn a_missing_constraint_or_column_is_named() {
        let sqlite = "create table t (\n  id integer primary key,\n  a text not null,\n  b integer,\n  constraint t_a_key unique (a)\n);";
        let postgres = "create table t (\n  id bigint generated by default as identity primary key,\n  a text not null,\n  b bigint\n);";
        assert_eq!(
            compare("x.sql", sqlite, postgres),
            [
                "x.sql: table t differs (sqlite statement 1, line 1; postgres statement 1, line 1): \
                 constraint t_a_key only in sqlite: `constraint t_a_key unique (a)`"
            ]
        );
        let postgres = "create table t (id bigint generated by default as identity primary key, a text, constraint t_a_key unique (a));";
        let problems = compare("x.sql", sqlite, postgres);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0].contains(
                "column a differs: sqlite `a text not null`, postgres (lowered) `a text`"
            ),
            "{}",
            problems[0]
        );
        assert!(problems[0].contains("column b only in sqlite: `b integer`"));
    }

    #[test]
    fn the_translation_rules_cover_types_identity_and_comments() {
        let sqlite = "-- a comment\ncreate table t (\n    id integer primary key,\n    at text not null, -- instant\n    on_day text,\n    w real not null default 1,\n    data blob,\n    ok boolean not null default false\n);\nalter table t add column seen_at text;\ncreate unique index t_key on t (lower(at), coalesce(w, 0));";
        let postgres = "create table t (\n    id bigint generated by default as identity primary key,\n    at timestamptz not null,\n    on_day date,\n    w double precision not null default 1,\n    data bytea,\n    ok boolean not null default false\n);\n/* same */ alter table t add column seen_at timestamptz;\nCREATE UNIQUE INDEX t_key ON t (LOWER(at), coalesce(w, 0));";
        assert_eq!(compare("x.sql", sqlite, postgres), Vec::<String>::new());
    }

    #[test]
    fn postgres_types_without_a_rule_fail() {
        let sqlite = "create table t (id integer primary key, n integer);";
        let postgres =
            "create table t (id bigint generated by default as identity primary key, n integer);";
        let problems = compare("x.sql", sqlite, postgres);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0].starts_with("postgres/x.sql: statement 1 (line 1)")
                && problems[0]
                    .contains("column n: the PostgreSQL type `integer` has no SQLite rule"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn engine_only_blocks_are_left_out_and_must_be_well_formed() {
        let sqlite = "create table t (id integer primary key);\n-- sqlite-only: no partial index support needed here\ncreate index t_x on t (id);\n-- end sqlite-only\n";
        let postgres = "create table t (id bigint generated by default as identity primary key);\n-- postgres-only: a trigram index (pg_trgm) has no SQLite counterpart\ncreate extension if not exists pg_trgm;\n-- end postgres-only\n";
        assert_eq!(compare("x.sql", sqlite, postgres), Vec::<String>::new());

        let unclosed = "-- postgres-only: reason\ncreate extension pg_trgm;\n";
        assert_eq!(
            compare("x.sql", "", unclosed),
            [
                "postgres/x.sql: line 1: `postgres-only` block is not closed with `-- end postgres-only`"
            ]
        );
        let no_reason = "-- postgres-only:\ncreate extension pg_trgm;\n-- end postgres-only\n";
        assert!(compare("x.sql", "", no_reason)[0].contains("write why"));
        let wrong_side = "-- postgres-only: reason\n-- end postgres-only\n";
        assert_eq!(
            compare("x.sql", wrong_side, ""),
            ["sqlite/x.sql: line 1: a `postgres-only` block belongs in the postgres migration"]
        );
    }
}
