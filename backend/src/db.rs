//! The storage engine. Everything else names `Db`, `DbPool` and `DbConn`, never an engine.
//!
//! One engine per build (cargo features `sqlite`, the default, and `postgres`): the same
//! source and the same SQL run on both, and the whole test suite runs on both in CI. Queries use
//! `$n` placeholders, which sqlx binds on SQLite too.

#[cfg(all(feature = "sqlite", feature = "postgres"))]
compile_error!("enable exactly one of `sqlite` (default) and `postgres` (--no-default-features)");
#[cfg(not(any(feature = "sqlite", feature = "postgres")))]
compile_error!(
    "enable one storage engine: `sqlite` (default) or `postgres` (--no-default-features --features postgres)"
);

use std::time::Duration;

#[cfg(feature = "sqlite")]
pub type Db = sqlx::Sqlite;
#[cfg(feature = "postgres")]
pub type Db = sqlx::Postgres;

pub type DbPool = sqlx::Pool<Db>;
pub type DbConn = <Db as sqlx::Database>::Connection;
pub type DbTx = sqlx::Transaction<'static, Db>;

pub mod group_commit;

#[cfg(feature = "sqlite")]
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
#[cfg(feature = "postgres")]
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

/// The engine this binary was built for, as operators write it in a URL scheme.
pub const ENGINE: &str = if cfg!(feature = "sqlite") {
    "sqlite"
} else {
    "postgres"
};

/// Opens the pool for `url`.
///
/// SQLite: WAL (readers never block the writer), `synchronous = FULL` (an acknowledged write
/// survives a power cut, DESIGN "a crash loses no acknowledged write"), a busy timeout so that
/// concurrent writers queue instead of failing, foreign keys on (sqlx's default). A file that does
/// not exist yet is created with its folder, for a configured URL as for the default one; the
/// commands say which database they use and whether it was new (see [`new_sqlite_file`]), so a
/// typo in a URL does not go unnoticed.
pub async fn connect(url: &str) -> anyhow::Result<DbPool> {
    check_scheme(url)?;
    #[cfg(feature = "sqlite")]
    {
        use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
        use std::str::FromStr;
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| anyhow::anyhow!("CONVENE_DATABASE_URL {url} is not a SQLite URL: {e}"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        if let Some(folder) = sqlite_path(url)
            .as_deref()
            .and_then(std::path::Path::parent)
            && !folder.as_os_str().is_empty()
        {
            std::fs::create_dir_all(folder).map_err(|e| {
                anyhow::anyhow!(
                    "cannot create the folder {} for the SQLite database: {e}",
                    folder.display()
                )
            })?;
        }
        let pool = sqlx::pool::PoolOptions::<Db>::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(15))
            .connect_with(options)
            .await
            .map_err(|e| anyhow::anyhow!("cannot open the SQLite database {url}: {e}"))?;
        Ok(pool)
    }
    #[cfg(feature = "postgres")]
    {
        let pool = sqlx::pool::PoolOptions::<Db>::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(15))
            .connect(url)
            .await
            .map_err(|e| anyhow::anyhow!("cannot connect to PostgreSQL at {url}: {e}"))?;
        Ok(pool)
    }
}

/// The file of a `sqlite:` URL (`sqlite://data/convene.db`, `sqlite:///abs/path.db`,
/// `sqlite:file.db?mode=rwc`); `None` for other schemes and in-memory databases.
pub fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| std::path::PathBuf::from(path))
}

/// The SQLite file `url` names when it does not exist yet (connecting will create it).
pub fn new_sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    sqlite_path(url).filter(|path| !path.exists())
}

fn check_scheme(url: &str) -> anyhow::Result<()> {
    let scheme = url.split(':').next().unwrap_or("");
    let ok = match ENGINE {
        "sqlite" => scheme == "sqlite",
        _ => scheme == "postgres" || scheme == "postgresql",
    };
    if ok {
        Ok(())
    } else {
        anyhow::bail!(
            "CONVENE_DATABASE_URL is a {scheme}: URL, but this binary was built for {ENGINE}. \
             For PostgreSQL build with `--no-default-features --features postgres`; for SQLite use \
             the default build."
        )
    }
}

/// Begins a transaction that will write.
///
/// On SQLite this is `BEGIN IMMEDIATE`: the write lock is taken at the start, so two writers never
/// both read and then fail to upgrade (SQLITE_BUSY in the middle of a transaction), and
/// check-then-insert sequences (capacity, unique checks) cannot interleave. On PostgreSQL it is a
/// plain `BEGIN`; services that count seats lock the counted row.
pub async fn begin_write(pool: &DbPool) -> sqlx::Result<DbTx> {
    #[cfg(feature = "sqlite")]
    {
        pool.begin_with("BEGIN IMMEDIATE").await
    }
    #[cfg(feature = "postgres")]
    {
        pool.begin().await
    }
}

/// The longest search text that counts; the rest of a longer one is ignored.
pub const SEARCH_MAX_CHARS: usize = 100;

/// The `like` pattern for "contains `q`" (ignoring case, compared with `lower(…)`), for queries
/// that say `like $n escape '\'`. `%`, `_` and `\` in `q` match themselves, and `q` is cut to
/// [`SEARCH_MAX_CHARS`], so no search lists everything by accident or is too long for SQLite
/// (which refuses patterns over 50,000 bytes). Empty text gives `%%`, which matches everything.
pub fn contains_pattern(q: &str) -> String {
    let q: String = q
        .trim()
        .to_lowercase()
        .chars()
        .take(SEARCH_MAX_CHARS)
        .collect();
    let escaped = q
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_patterns_are_escaped_and_bounded() {
        assert_eq!(contains_pattern("  Ruhr "), "%ruhr%");
        assert_eq!(contains_pattern(""), "%%");
        assert_eq!(contains_pattern("100%_a\\b"), "%100\\%\\_a\\\\b%");
        let long = contains_pattern(&"ä".repeat(60_000));
        assert_eq!(long.chars().count(), SEARCH_MAX_CHARS + 2);
    }

    #[test]
    fn the_file_of_a_sqlite_url() {
        let path = |url: &str| sqlite_path(url).map(|p| p.display().to_string());
        assert_eq!(
            path("sqlite://data/convene.db").as_deref(),
            Some("data/convene.db")
        );
        assert_eq!(
            path("sqlite:///srv/c/convene.db").as_deref(),
            Some("/srv/c/convene.db")
        );
        assert_eq!(path("sqlite:x.db?mode=rwc").as_deref(), Some("x.db"));
        assert_eq!(path("sqlite::memory:"), None);
        assert_eq!(path("postgres://u@h/db"), None);
    }

    #[cfg(feature = "sqlite")]
    #[tokio::test]
    async fn a_configured_sqlite_file_is_created_with_its_folders() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("new/deeper/convene.db");
        let url = format!("sqlite://{}", file.display());
        assert_eq!(new_sqlite_file(&url), Some(file.clone()));
        let pool = connect(&url).await.expect("a new file and its folders");
        MIGRATOR.run(&pool).await.unwrap();
        assert!(file.is_file());
        assert_eq!(new_sqlite_file(&url), None, "it exists now");
    }

    #[test]
    fn both_engines_have_the_same_migrations() {
        let names = |engine: &str| {
            let dir = format!("{}/../migrations/{engine}", env!("CARGO_MANIFEST_DIR"));
            let mut names: Vec<String> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".sql"))
                .collect();
            names.sort();
            names
        };
        let sqlite = names("sqlite");
        assert!(!sqlite.is_empty());
        assert_eq!(sqlite, names("postgres"));
    }
}

/// Proves that `migrations/sqlite/` and `migrations/postgres/` describe one schema.
#[cfg(test)]
mod migration_parity;
