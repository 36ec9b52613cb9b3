//! The `convene` command: `serve` (the default), `migrate`, `seed demo`, `user add`, `backup`.

use anyhow::Context;
use clap::{Parser, Subcommand};
use convene::account::{Role, service as accounts};
use convene::clock::Clock;
use convene::config::{Config, Settings};
use convene::{AppState, db, seed};
use poem::Server;
use poem::listener::TcpListener;
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(
    name = "convene",
    version,
    about = "Business events and innovation calls, end to end"
)]
struct Cli {
    #[command(flatten)]
    settings: Settings,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the web server (the default): migrates, loads demo data when configured, serves.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load data sets.
    Seed {
        #[command(subcommand)]
        set: SeedSet,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Write a consistent copy of the SQLite database to FILE (PostgreSQL: use pg_dump).
    Backup { file: std::path::PathBuf },
}

#[derive(Subcommand)]
enum SeedSet {
    /// The demo organisations and accounts (only into an empty database).
    Demo,
}

#[derive(Subcommand)]
enum UserAction {
    /// Create a confirmed account; prints a generated password unless --password is given.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
        #[arg(long)]
        password: Option<String>,
        /// Make the account a site administrator.
        #[arg(long)]
        admin: bool,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // Operators get the message and its causes on one line, never a backtrace.
            eprintln!("convene: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let cli = Cli::parse();
    let config = Config::load(&cli.settings)?;
    let new_file = db::new_sqlite_file(&config.database_url);
    let pool = db::connect(&config.database_url).await?;
    // Every command says which database it works on, so that a command run from another folder
    // or without the server's settings cannot quietly write to a second, new database.
    let file = db::sqlite_path(&config.database_url)
        .and_then(|p| std::fs::canonicalize(p).ok())
        .map(|p| format!(" = {}", p.display()))
        .unwrap_or_default();
    eprintln!(
        "database: {}{file}{}",
        config.database_shown(),
        if new_file.is_some() {
            " (new: created now)"
        } else {
            ""
        }
    );
    db::MIGRATOR
        .run(&pool)
        .await
        .context("applying database migrations failed")?;
    let clock = Clock::system();
    // Certificates issued before they kept what they say (migration 0011) are frozen now, from
    // their templates as they stand, before anything can change a template.
    convene::certificate::service::freeze_unfrozen(&pool, clock.now())
        .await
        .map_err(|e| anyhow::anyhow!("freezing the certificates issued before 0011: {e}"))?;

    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(pool, config, clock).await,
        Command::Migrate => {
            println!("migrations applied");
            Ok(())
        }
        Command::Seed { set: SeedSet::Demo } => {
            anyhow::ensure!(
                seed::is_empty(&pool).await?,
                "the database has accounts already; demo data goes only into an empty database"
            );
            let state = AppState::new(pool, config.clone(), clock)?;
            seed::load_demo(&state).await?;
            print_demo_sign_ins(&config);
            Ok(())
        }
        Command::User {
            action:
                UserAction::Add {
                    email,
                    name,
                    password,
                    admin,
                },
        } => {
            let (password, generated) = match password {
                Some(p) => (p, false),
                None => (convene::token::random()[..20].to_string(), true),
            };
            let roles = if admin { vec![Role::Admin] } else { vec![] };
            let mut tx = db::begin_write(&pool).await?;
            let new = accounts::ConfirmedAccount {
                email: &email,
                name: &name,
                organisation_id: None,
                lang: Default::default(),
                password: &password,
                roles: &roles,
            };
            let id = accounts::create_confirmed(&mut tx, &new, clock.now())
                .await
                .map_err(|e| {
                    anyhow::anyhow!(
                        "cannot create the account: {e} (is the address valid and unused?)"
                    )
                })?;
            tx.commit().await?;
            println!(
                "created account {id} for {email}{}",
                if admin { " (administrator)" } else { "" }
            );
            if generated {
                println!("password: {password}");
            }
            Ok(())
        }
        Command::Backup { file } => backup(&pool, &file).await,
    }
}

async fn serve(pool: db::DbPool, config: Config, clock: Clock) -> anyhow::Result<()> {
    let state = AppState::new(pool, config.clone(), clock)?;
    if config.demo && seed::is_empty(&state.db).await? {
        seed::load_demo(&state).await?;
        tracing::info!("loaded the demo data");
    }
    convene::spawn_workers(&state);
    let listener = TcpListener::bind(config.bind.clone());
    println!(
        "convene {} on {} ({} database)",
        env!("CARGO_PKG_VERSION"),
        config.base_url,
        db::ENGINE
    );
    if config.demo {
        print_demo_sign_ins(&config);
    }
    if config.smtp_url.is_none() {
        println!(
            "e-mail is written to {}",
            config.data_dir.join("mail").display()
        );
    }
    Server::new(listener)
        .run_with_graceful_shutdown(
            convene::app(state),
            async {
                let _ = tokio::signal::ctrl_c().await;
            },
            Some(std::time::Duration::from_secs(10)),
        )
        .await
        .context("the server stopped with an error")
}

fn print_demo_sign_ins(config: &Config) {
    println!(
        "demo sign-ins at {}/signin (password: {}):",
        config.base_url,
        seed::demo_password()
    );
    for (role, email) in seed::demo_sign_ins() {
        println!("  {:<18} {email}", role.trim_start_matches("role-"));
    }
}

async fn backup(pool: &db::DbPool, file: &std::path::Path) -> anyhow::Result<()> {
    anyhow::ensure!(
        db::ENGINE == "sqlite",
        "backup copies the SQLite file; for PostgreSQL use pg_dump"
    );
    anyhow::ensure!(!file.exists(), "{} exists already", file.display());
    let path = file
        .to_str()
        .context("the backup path must be valid UTF-8")?;
    // VACUUM INTO writes a consistent, compacted copy while the server keeps running.
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "vacuum into '{}'",
        path.replace('\'', "''")
    )))
    .execute(pool)
    .await
    .context("writing the backup failed")?;
    println!("backup written to {}", file.display());
    Ok(())
}
