//! Tests that the one-way import order of the crate docs ("Where things are") holds, by reading
//! the source tree: the HTTP toolkit names no domain, the HTTP adapters reach storage only
//! through services, and SQL knows nothing of the layers above it. A failure lists every
//! offending file and line.
//!
//! Text matching rather than a compiler pass: the rules are about names in source files, and a
//! plain reading keeps the test fast and obvious. Comments are skipped, so they may still say
//! `queries::` or name a domain.

use std::path::{Path, PathBuf};

/// The domain modules: the toolkit (`http`) may name none of them.
const DOMAINS: [&str; 13] = [
    "account",
    "organisation",
    "event",
    "agenda",
    "calendar",
    "registration",
    "call",
    "jury",
    "certificate",
    "matchmaking",
    "dashboard",
    "webhook",
    "mail_template",
];

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("source folder is readable") {
            let path = entry.expect("source folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The file's code as (line number, line) with comments blanked out.
fn code_lines(path: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).expect("source file is readable");
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let code = if line.trim_start().starts_with("//") {
                ""
            } else {
                line.split(" // ").next().unwrap_or(line)
            };
            (i + 1, code.to_string())
        })
        .collect()
}

/// The file's `use` statements joined onto one line each, with the line they start on, so that
/// `use crate::{\n    account, agenda,\n};` is read as one.
fn use_statements(lines: &[(usize, String)]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (n, line) in lines {
        let t = line.trim();
        if let Some((start, mut text)) = open.take() {
            text.push(' ');
            text.push_str(t);
            if t.ends_with(';') {
                out.push((start, text));
            } else {
                open = Some((start, text));
            }
        } else if t.starts_with("use ") || t.starts_with("pub use ") {
            if t.ends_with(';') {
                out.push((*n, t.to_string()));
            } else {
                open = Some((*n, t.to_string()));
            }
        }
    }
    out
}

/// Whether `text` contains `word` with no identifier character right before or after it.
fn has_word(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

fn relative(path: &Path) -> String {
    path.strip_prefix(src())
        .unwrap_or(path)
        .display()
        .to_string()
}

fn report(rule: &str, mut offences: Vec<String>) {
    // A line can match twice (as a line and as part of a `use`); name it once.
    offences.sort();
    offences.dedup();
    assert!(
        offences.is_empty(),
        "{rule}\n{} offence(s):\n  {}",
        offences.len(),
        offences.join("\n  ")
    );
}

#[test]
fn the_http_toolkit_names_no_domain_module() {
    let mut offences = Vec::new();
    for path in rust_files(&src().join("http")) {
        let lines = code_lines(&path);
        let mut found = |n: usize, what: &str| {
            offences.push(format!("src/{}:{n}: names {what}", relative(&path)));
        };
        for (n, line) in &lines {
            for domain in DOMAINS.iter().chain(&["seed", "routes"]) {
                if line.contains(&format!("crate::{domain}::"))
                    || has_word(line, &format!("crate::{domain}"))
                {
                    found(*n, &format!("crate::{domain}"));
                }
            }
        }
        // `use crate::{account, event};` names them without `crate::account`.
        for (n, stmt) in use_statements(&lines) {
            if let Some(group) = stmt.split("crate::{").nth(1) {
                for domain in DOMAINS.iter().chain(&["seed", "routes"]) {
                    if has_word(group, domain) {
                        found(n, &format!("crate::{{{domain}}}"));
                    }
                }
            }
        }
    }
    report(
        "backend/src/http/ is the toolkit the domains import; it must not import a domain \
         (mount routes in src/routes.rs, move domain logic into the domain):",
        offences,
    );
}

/// The HTTP adapters: a domain's `pages.rs`, `api.rs` and `routes.rs`, every file of an
/// `orga_pages` or `api` folder, and any other file with a `#[handler]` or an `#[OpenApi]` impl.
fn is_adapter(path: &Path, lines: &[(usize, String)]) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    matches!(name, "pages.rs" | "orga_pages.rs" | "api.rs" | "routes.rs")
        || path
            .components()
            .any(|c| c.as_os_str() == "orga_pages" || c.as_os_str() == "api")
        || lines.iter().any(|(_, l)| {
            let l = l.trim_start();
            l.starts_with("#[handler]") || l.starts_with("#[OpenApi")
        })
}

#[test]
fn pages_and_api_reach_storage_only_through_services() {
    let mut offences = Vec::new();
    for path in rust_files(&src()) {
        let lines = code_lines(&path);
        if !is_adapter(&path, &lines) {
            continue;
        }
        for (n, line) in &lines {
            if has_word(line, "queries") {
                offences.push(format!("src/{}:{n}: {}", relative(&path), line.trim()));
            }
        }
    }
    report(
        "Page, API and route files call services only (STYLE.md section 2: \"if a handler wants \
         `queries`, a service function is missing\"); add a thin function to the matching \
         service.rs:",
        offences,
    );
}

#[test]
fn queries_know_nothing_of_the_layers_above() {
    let mut offences = Vec::new();
    for path in rust_files(&src()) {
        if path.file_name().is_none_or(|n| n != "queries.rs") {
            continue;
        }
        let lines = code_lines(&path);
        // A path (`service::x`) anywhere, or the bare name in a `use` (`use super::service;`).
        let mut candidates: Vec<(usize, String)> = lines.clone();
        candidates.extend(use_statements(&lines));
        for (n, line) in candidates {
            let is_use = line.trim_start().starts_with("use ") || line.contains("pub use ");
            for layer in ["service", "pages", "orga_pages", "api", "routes", "http"] {
                if has_word(&line, layer) && (is_use || line.contains(&format!("{layer}::"))) {
                    offences.push(format!(
                        "src/{}:{n}: names `{layer}`: {}",
                        relative(&path),
                        line.trim()
                    ));
                }
            }
        }
    }
    report(
        "queries.rs holds SQL only; it may use models and the database, never a service, page, \
         API, route or the HTTP toolkit:",
        offences,
    );
}

#[test]
fn the_rules_see_what_they_look_for() {
    // The matching itself, so that a rule cannot pass by matching nothing.
    assert!(has_word("use crate::event::model;", "crate::event"));
    assert!(!has_word("use crate::events;", "crate::event"));
    assert!(has_word("queries::find(&mut conn)", "queries"));
    assert!(!has_word("my_queries::find()", "queries"));
    let lines = vec![
        (1, "use crate::{".to_string()),
        (2, "    account, state,".to_string()),
        (3, "};".to_string()),
    ];
    let stmts = use_statements(&lines);
    assert_eq!(stmts.len(), 1);
    assert_eq!(stmts[0].0, 1);
    assert!(has_word(&stmts[0].1, "account"));
    // The source tree is where the tests look.
    assert!(
        rust_files(&src())
            .iter()
            .any(|p| p.ends_with("http/page.rs"))
    );
    assert!(
        rust_files(&src())
            .iter()
            .any(|p| p.ends_with("event/pages.rs"))
    );
}
