//! Organisation types and input parsing. Pure: no I/O.

use chrono::{DateTime, Utc};

use crate::error::Msg;
use crate::ids::OrganisationId;

/// The kinds of organisation, as stored.
pub const KINDS: [&str; 9] = [
    "cluster",
    "university",
    "research",
    "company",
    "startup",
    "agency",
    "ministry",
    "network",
    "other",
];

/// The catalogue id of a kind's name.
pub fn kind_label_id(kind: &str) -> &'static str {
    match kind {
        "cluster" => "org-kind-cluster",
        "university" => "org-kind-university",
        "research" => "org-kind-research",
        "company" => "org-kind-company",
        "startup" => "org-kind-startup",
        "agency" => "org-kind-agency",
        "ministry" => "org-kind-ministry",
        "network" => "org-kind-network",
        _ => "org-kind-other",
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Organisation {
    pub id: OrganisationId,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub city: String,
    pub website: String,
    pub description_de: String,
    pub description_en: String,
    pub created_at: DateTime<Utc>,
    /// Accounts that belong to it (filled by list queries).
    pub members: i64,
    /// Accounts that organise for it.
    pub organisers: i64,
    /// Events and calls it owns.
    pub events: i64,
    pub calls: i64,
}

/// A validated new organisation.
#[derive(Debug, Clone)]
pub struct NewOrganisation {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub city: String,
    pub website: String,
    pub description_de: String,
    pub description_en: String,
    /// Created or confirmed by an administrator: offered in the sign-up and profile pick lists.
    /// A name somebody typed in is not, so nobody else learns it.
    pub verified: bool,
}

/// A person's request to organise for an organisation (an existing one, or a new one that its
/// approval creates), with who asked.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OrganiserRequest {
    pub id: i64,
    pub account_id: crate::ids::AccountId,
    pub account_name: String,
    pub account_email: String,
    pub account_language: String,
    pub organisation_id: Option<OrganisationId>,
    /// The existing organisation's name (`None` for a new one).
    pub organisation_name: Option<String>,
    pub organisation_slug: Option<String>,
    pub new_name: String,
    pub new_kind: String,
    pub new_city: String,
    pub new_website: String,
    pub message: String,
    /// pending | approved | declined
    pub status: String,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl OrganiserRequest {
    /// The organisation asked for, by name.
    pub fn organisation(&self) -> &str {
        self.organisation_name.as_deref().unwrap_or(&self.new_name)
    }
}

/// The states of an organiser request.
pub const REQUEST_STATES: [&str; 3] = ["pending", "approved", "declined"];

pub fn parse_org_name(input: &str) -> Result<String, Msg> {
    let s = crate::text::visible(input, false);
    if s.is_empty() {
        return Err(Msg::new("valid-org-name-required"));
    }
    if s.chars().count() > 160 {
        return Err(Msg::new("valid-organisation-too-long"));
    }
    Ok(s)
}

pub fn parse_kind(input: &str) -> Result<String, Msg> {
    KINDS
        .iter()
        .find(|k| **k == input.trim())
        .map(|k| (*k).to_string())
        .ok_or_else(|| Msg::new("valid-org-kind-invalid"))
}

pub fn parse_city(input: &str) -> Result<String, Msg> {
    let s = input.trim();
    if s.chars().count() > 80 {
        return Err(Msg::new("valid-city-too-long"));
    }
    Ok(s.to_string())
}

/// An optional http(s) URL.
pub fn parse_website(input: &str) -> Result<String, Msg> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(String::new());
    }
    match url::Url::parse(s) {
        Ok(u)
            if (u.scheme() == "http" || u.scheme() == "https")
                && u.host().is_some()
                && s.len() <= 300 =>
        {
            Ok(u.to_string())
        }
        _ => Err(Msg::new("valid-website-invalid")),
    }
}

/// A URL slug from a name: lower-case ASCII letters, digits and hyphens ("Fraunhofer UMSICHT" →
/// "fraunhofer-umsicht", "Zenit GmbH – Düsseldorf" → "zenit-gmbh-duesseldorf").
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        let piece = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(piece);
    }
    let slug: Vec<&str> = out.split('-').filter(|p| !p.is_empty()).collect();
    let slug = slug.join("-");
    slug.chars()
        .take(60)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_readable() {
        assert_eq!(slugify("Fraunhofer UMSICHT"), "fraunhofer-umsicht");
        assert_eq!(slugify("Zenit GmbH – Düsseldorf"), "zenit-gmbh-duesseldorf");
        assert_eq!(slugify("ruhr:HUB"), "ruhr-hub");
        assert_eq!(slugify("  Straße  "), "strasse");
    }

    #[test]
    fn websites_must_be_http_urls() {
        assert_eq!(parse_website("").unwrap(), "");
        assert_eq!(
            parse_website("https://www.umsicht.fraunhofer.de").unwrap(),
            "https://www.umsicht.fraunhofer.de/"
        );
        assert!(parse_website("javascript:alert(1)").is_err());
        assert!(parse_website("www.example.org").is_err());
    }
}
