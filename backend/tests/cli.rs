//! The `convene` command as operators use it: `migrate`, `user add`, `seed demo`, `backup`.
//! Runs the real binary on a fresh SQLite data folder. (The server itself is tested black-box in
//! the `convene-tests` crate.)
#![cfg(feature = "sqlite")]

use std::process::{Command, Output};

fn convene(data: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(args)
        .env("CONVENE_DATA_DIR", data)
        .env_remove("CONVENE_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run convene")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// An operator creates the first administrator; a second account with the same address, or a
/// malformed address, is refused with a message and a failing exit code.
#[test]
fn user_add_creates_an_administrator_once() {
    let dir = tempfile::tempdir().unwrap();

    let created = convene(
        dir.path(),
        &["user", "add", "--email", "Chef@Example.org", "--admin"],
    );
    let again = convene(dir.path(), &["user", "add", "--email", "chef@example.org"]);
    let malformed = convene(dir.path(), &["user", "add", "--email", "chef"]);

    assert!(created.status.success(), "{}", stderr(&created));
    let out = stdout(&created);
    assert!(
        out.contains("created account 1 for Chef@Example.org (administrator)"),
        "{out}"
    );
    let password = out
        .lines()
        .find_map(|l| l.strip_prefix("password: "))
        .expect("a generated password");
    assert!(password.len() >= 20);
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("is the address valid and unused?"),
        "{}",
        stderr(&again)
    );
    assert!(!malformed.status.success());
}

/// `seed demo` fills an empty database and refuses a second time; `backup` writes a consistent
/// SQLite copy that holds the same accounts.
#[test]
fn seed_demo_and_backup() {
    let dir = tempfile::tempdir().unwrap();

    let migrated = convene(dir.path(), &["migrate"]);
    let seeded = convene(dir.path(), &["seed", "demo"]);
    let reseeded = convene(dir.path(), &["seed", "demo"]);
    let backup_file = dir.path().join("copy.db");
    let backup = convene(dir.path(), &["backup", backup_file.to_str().unwrap()]);
    let backup_again = convene(dir.path(), &["backup", backup_file.to_str().unwrap()]);

    assert!(migrated.status.success(), "{}", stderr(&migrated));
    assert!(seeded.status.success(), "{}", stderr(&seeded));
    assert!(
        stdout(&seeded).contains("admin@demo.convene.test"),
        "{}",
        stdout(&seeded)
    );
    assert!(!reseeded.status.success());
    assert!(stderr(&reseeded).contains("only into an empty database"));
    assert!(backup.status.success(), "{}", stderr(&backup));
    let bytes = std::fs::read(&backup_file).unwrap();
    assert!(bytes.starts_with(b"SQLite format 3\0"));
    assert!(
        !backup_again.status.success(),
        "an existing file is never overwritten"
    );

    // The copy opens as a database of its own with the demo accounts in it.
    let copy_dir = tempfile::tempdir().unwrap();
    std::fs::copy(&backup_file, copy_dir.path().join("convene.db")).unwrap();
    let reseed_copy = convene(copy_dir.path(), &["seed", "demo"]);
    assert!(stderr(&reseed_copy).contains("only into an empty database"));
}

/// A configured SQLite URL whose file (and folders) do not exist yet is created, as the default
/// one is; every command names the database it opened and says when it was new, so a command run
/// with other settings than the server's cannot quietly write to a second database.
#[test]
fn a_configured_sqlite_file_is_created_and_every_command_names_its_database() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("some/dir/convene.db");
    let url = format!("sqlite://{}", file.display());
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_convene"))
            .args(args)
            .env("CONVENE_DATA_DIR", dir.path())
            .env("CONVENE_DATABASE_URL", &url)
            .env("RUST_LOG", "warn")
            .output()
            .expect("run convene")
    };

    let first = run(&["migrate"]);
    let second = run(&["user", "add", "--email", "ops@example.org"]);

    assert!(first.status.success(), "{}", stderr(&first));
    assert!(file.is_file(), "the file and its folders were created");
    let canonical = std::fs::canonicalize(&file).unwrap();
    assert!(
        stderr(&first).contains(&format!(
            "database: {url} = {} (new: created now)",
            canonical.display()
        )),
        "{}",
        stderr(&first)
    );
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        stderr(&second).contains(&format!("database: {url} = {}\n", canonical.display())),
        "the second command opens the same file, not a new one: {}",
        stderr(&second)
    );
}

/// A start-up error tells the operator what is wrong in one line, never with a backtrace, even
/// with `RUST_BACKTRACE=1`.
#[test]
fn start_up_errors_are_one_line_without_a_backtrace() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_convene"))
        .args(["migrate"])
        .env("CONVENE_DATA_DIR", dir.path())
        .env(
            "CONVENE_DATABASE_URL",
            "postgres://convene@127.0.0.1:1/convene",
        )
        .env("RUST_BACKTRACE", "1")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run convene");
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.starts_with("convene: CONVENE_DATABASE_URL is a postgres: URL"),
        "{err}"
    );
    assert!(
        !err.contains("backtrace") && err.lines().count() == 1,
        "{err}"
    );
}
