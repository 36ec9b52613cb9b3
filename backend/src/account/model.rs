//! Account types and the parsing of what people type into account forms. Pure: no I/O.

use chrono::{DateTime, Utc};
use convene_frontend::Lang;

use crate::error::Msg;
use crate::ids::{AccountId, GrantId, OrganisationId};

// Who is asking and what they may do: plain types every layer shares, kept in `crate::actor` so
// the HTTP toolkit needs no domain module; named here as well, where they were always found.
pub use crate::actor::{Actor, Grant, Role, Scope};

/// A validated, lower-cased e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Email, Msg> {
        let s = input.trim().to_lowercase();
        if s.is_empty() {
            return Err(Msg::new("valid-email-required"));
        }
        if s.chars().count() > 254 {
            return Err(Msg::new("valid-email-too-long"));
        }
        // lettre's parser follows RFC 5321/5322 (and is what will send to it); we also insist on
        // a dot in the domain, as every address people use at events has one.
        let ok = s.parse::<lettre::Address>().is_ok()
            && s.rsplit_once('@')
                .is_some_and(|(_, d)| d.contains('.') && !d.ends_with('.'));
        if !ok {
            return Err(Msg::new("valid-email-invalid"));
        }
        Ok(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's display name: 1–120 characters, no control characters.
pub fn parse_name(input: &str) -> Result<String, Msg> {
    let s = crate::text::visible(input, false);
    if s.is_empty() {
        return Err(Msg::new("valid-name-required"));
    }
    if s.chars().count() > 120 {
        return Err(Msg::new("valid-name-too-long"));
    }
    Ok(s)
}

/// A new password: 10–200 characters (NIST SP 800-63B: length, not composition rules).
pub fn parse_new_password(input: &str) -> Result<String, Msg> {
    let n = input.chars().count();
    if n == 0 {
        return Err(Msg::new("valid-password-required"));
    }
    if n < 10 {
        return Err(Msg::new("valid-password-too-short"));
    }
    if n > 200 {
        return Err(Msg::new("valid-password-too-long"));
    }
    Ok(input.to_string())
}

/// An optional organisation name typed by a person: up to 160 characters.
pub fn parse_organisation_name(input: &str) -> Result<Option<String>, Msg> {
    let s = crate::text::visible(input, false);
    if s.is_empty() {
        return Ok(None);
    }
    if s.chars().count() > 160 {
        return Err(Msg::new("valid-organisation-too-long"));
    }
    Ok(Some(s))
}

pub fn parse_language(input: &str) -> Result<Lang, Msg> {
    match input.trim() {
        "de" => Ok(Lang::De),
        "en" => Ok(Lang::En),
        _ => Err(Msg::new("valid-language-invalid")),
    }
}

/// An account as the application sees it (never with its password hash).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Account {
    pub id: AccountId,
    pub email: String,
    pub name: String,
    pub organisation_id: Option<OrganisationId>,
    pub organisation_name: Option<String>,
    pub language: String,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl Account {
    pub fn lang(&self) -> Lang {
        Lang::from_code(&self.language).unwrap_or_default()
    }
}

/// One role grant as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GrantRow {
    pub id: GrantId,
    pub account_id: AccountId,
    pub role: Role,
    pub scope_kind: String,
    pub scope_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

impl From<GrantRow> for Grant {
    fn from(row: GrantRow) -> Self {
        Grant {
            id: row.id,
            role: row.role,
            scope: Scope::from_parts(&row.scope_kind, row.scope_id).unwrap_or(Scope::Site),
        }
    }
}

/// A personal API token as listed (the secret is shown once, when created, and never stored).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiToken {
    pub id: crate::ids::ApiTokenId,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    /// `read` or `read_write` (see [`TokenAccess`]).
    pub scope: String,
}

/// What a personal API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenAccess {
    /// Safe methods only (`GET`, `HEAD`, `OPTIONS`); every write is refused with 403.
    Read,
    ReadWrite,
}

impl TokenAccess {
    pub const ALL: [TokenAccess; 2] = [TokenAccess::Read, TokenAccess::ReadWrite];

    pub fn parse(input: &str) -> Result<TokenAccess, Msg> {
        match input.trim() {
            "read" => Ok(TokenAccess::Read),
            "read_write" => Ok(TokenAccess::ReadWrite),
            _ => Err(Msg::new("valid-token-access-invalid")),
        }
    }

    /// The stored form; anything unknown reads as the narrower `Read`.
    pub fn from_stored(s: &str) -> TokenAccess {
        TokenAccess::parse(s).unwrap_or(TokenAccess::Read)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TokenAccess::Read => "read",
            TokenAccess::ReadWrite => "read_write",
        }
    }

    pub fn label_id(self) -> &'static str {
        match self {
            TokenAccess::Read => "tokens-access-read",
            TokenAccess::ReadWrite => "tokens-access-read-write",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_lowercased_and_checked() {
        assert_eq!(
            Email::parse("  Ada@Example.ORG ").unwrap().as_str(),
            "ada@example.org"
        );
        assert_eq!(Email::parse("").unwrap_err().id, "valid-email-required");
        for bad in [
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "a b@example.org",
            "ada@@example.org",
        ] {
            assert_eq!(
                Email::parse(bad).unwrap_err().id,
                "valid-email-invalid",
                "{bad}"
            );
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(Email::parse(&long).unwrap_err().id, "valid-email-too-long");
    }

    #[test]
    fn names_and_passwords_have_length_limits() {
        assert_eq!(parse_name("  Jürgen Weiß ").unwrap(), "Jürgen Weiß");
        assert_eq!(parse_name(" ").unwrap_err().id, "valid-name-required");
        assert_eq!(
            parse_name(&"ä".repeat(121)).unwrap_err().id,
            "valid-name-too-long"
        );
        assert_eq!(
            parse_new_password("kurz").unwrap_err().id,
            "valid-password-too-short"
        );
        assert!(parse_new_password("zehn zeich").is_ok());
        assert_eq!(
            parse_new_password(&"x".repeat(201)).unwrap_err().id,
            "valid-password-too-long"
        );
    }
}
