//! The rules of webhooks: the topics, the signature receivers check, which addresses may be
//! called, and how a delivery stands. No I/O here.

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::Msg;
use crate::ids::{EventId, WebhookId};

/// What a hook can be told about. `Ping` is the organisers' "send test".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Topic {
    RegistrationCreated,
    RegistrationCancelled,
    CheckinCreated,
    SubmissionSubmitted,
    ReviewFinalised,
    ResultsReleased,
    CertificateIssued,
    Ping,
}

impl Topic {
    /// The topics of an event's hooks.
    pub const EVENT: [Topic; 4] = [
        Topic::RegistrationCreated,
        Topic::RegistrationCancelled,
        Topic::CheckinCreated,
        Topic::CertificateIssued,
    ];
    /// The topics of a call's hooks.
    pub const CALL: [Topic; 4] = [
        Topic::SubmissionSubmitted,
        Topic::ReviewFinalised,
        Topic::ResultsReleased,
        Topic::CertificateIssued,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Topic::RegistrationCreated => "registration.created",
            Topic::RegistrationCancelled => "registration.cancelled",
            Topic::CheckinCreated => "checkin.created",
            Topic::SubmissionSubmitted => "submission.submitted",
            Topic::ReviewFinalised => "review.finalised",
            Topic::ResultsReleased => "results.released",
            Topic::CertificateIssued => "certificate.issued",
            Topic::Ping => "ping",
        }
    }

    pub fn parse(s: &str) -> Option<Topic> {
        Topic::EVENT
            .iter()
            .chain(Topic::CALL.iter())
            .chain([Topic::Ping].iter())
            .copied()
            .find(|t| t.as_str() == s.trim())
    }

    /// The message id of the topic's description.
    pub fn label_id(self) -> &'static str {
        match self {
            Topic::RegistrationCreated => "webhook-topic-registration-created",
            Topic::RegistrationCancelled => "webhook-topic-registration-cancelled",
            Topic::CheckinCreated => "webhook-topic-checkin-created",
            Topic::SubmissionSubmitted => "webhook-topic-submission-submitted",
            Topic::ReviewFinalised => "webhook-topic-review-finalised",
            Topic::ResultsReleased => "webhook-topic-results-released",
            Topic::CertificateIssued => "webhook-topic-certificate-issued",
            Topic::Ping => "webhook-topic-ping",
        }
    }
}

/// The topics a hook of an event (`for_event`) or a call takes from `input`, in the order of
/// the list, without repetitions. Refused: none, or one the place does not have.
pub fn parse_topics<'a>(
    for_event: bool,
    input: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<Topic>, Msg> {
    let allowed: &[Topic] = if for_event {
        &Topic::EVENT
    } else {
        &Topic::CALL
    };
    let mut chosen = Vec::new();
    for s in input {
        let topic = Topic::parse(s)
            .filter(|t| allowed.contains(t))
            .ok_or_else(|| Msg::new("webhook-topic-invalid").arg("topic", s.trim().to_string()))?;
        chosen.push(topic);
    }
    if chosen.is_empty() {
        return Err(Msg::new("webhook-topics-required"));
    }
    Ok(allowed
        .iter()
        .copied()
        .filter(|t| chosen.contains(t))
        .collect())
}

/// The topics as stored: separated by spaces.
pub fn topics_text(topics: &[Topic]) -> String {
    topics
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The stored topics (unknown words are skipped).
pub fn topics_of(text: &str) -> Vec<Topic> {
    text.split_whitespace().filter_map(Topic::parse).collect()
}

/// The longest address a hook may have.
pub const MAX_URL: usize = 2000;

/// Checks the address of a new hook. It must be `https://` with a host name or a public IP
/// address; `allow_local` (`CONVENE_WEBHOOKS_ALLOW_LOCAL`, for receivers inside one's own
/// network and for tests) also admits `http://`, `localhost` and private addresses. Names are
/// checked again, resolved, when each delivery is made ([`is_public`]).
pub fn check_url(input: &str, allow_local: bool) -> Result<url::Url, Msg> {
    let input = input.trim();
    if input.is_empty() {
        return Err(Msg::new("webhook-url-required"));
    }
    if input.len() > MAX_URL {
        return Err(Msg::new("webhook-url-too-long").arg("max", MAX_URL as i64));
    }
    let url = url::Url::parse(input).map_err(|_| Msg::new("webhook-url-invalid"))?;
    match url.scheme() {
        "https" => {}
        "http" if allow_local => {}
        _ => return Err(Msg::new("webhook-url-https")),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Msg::new("webhook-url-credentials"));
    }
    let local = match url.host() {
        None => return Err(Msg::new("webhook-url-invalid")),
        Some(url::Host::Ipv4(ip)) => !is_public(ip.into()),
        Some(url::Host::Ipv6(ip)) => !is_public(ip.into()),
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost") || !d.contains('.')
        }
    };
    if local && !allow_local {
        return Err(Msg::new("webhook-url-local"));
    }
    Ok(url)
}

/// Whether an address is on the public internet: not loopback, private, link-local, shared
/// (carrier-grade NAT), documentation, multicast or unspecified. Deliveries go only to such
/// addresses unless local receivers are allowed, so a hook cannot reach the server's own
/// network.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_unspecified()
                || v4.is_multicast()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 198 && (b == 18 || b == 19))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(v4.into());
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8)
        }
    }
}

/// The `Convene-Signature` header of a payload sent at `at`: `t=<unix seconds>,v1=<hex>`, where
/// the hex is the HMAC-SHA256 of `<t>.<payload>` under the hook's secret (the scheme Stripe
/// uses). Receivers recompute it, compare in constant time, and refuse old timestamps, so a
/// captured request cannot be replayed later.
pub fn signature(secret: &str, at: DateTime<Utc>, payload: &str) -> String {
    let t = at.timestamp();
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(format!("{t}.{payload}").as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("t={t},v1={hex}")
}

/// A new hook secret: `whsec_` and 32 random bytes.
pub fn new_secret() -> String {
    format!("whsec_{}", crate::token::random())
}

/// A registered hook.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Hook {
    pub id: WebhookId,
    pub event_id: Option<EventId>,
    pub call_id: Option<i64>,
    pub url: String,
    pub topics: String,
    pub secret: String,
    pub description: String,
    pub created_at: DateTime<Utc>,
}

impl Hook {
    pub fn topics(&self) -> Vec<Topic> {
        topics_of(&self.topics)
    }
}

/// After this many failed attempts a delivery is given up (its row stays in the log).
pub const MAX_ATTEMPTS: i64 = 8;
/// How much of a receiver's answer the log keeps.
pub const MAX_RESPONSE: usize = 1000;

/// One delivery of one change to one hook, as the log shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Delivery {
    pub id: i64,
    pub webhook_id: WebhookId,
    pub topic: String,
    pub payload: String,
    pub created_at: DateTime<Utc>,
    pub attempts: i64,
    pub next_attempt_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub last_status: Option<i64>,
    pub last_response: Option<String>,
    pub last_duration_ms: Option<i64>,
    pub last_attempt_at: Option<DateTime<Utc>>,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    /// Not tried yet.
    Pending,
    Delivered,
    /// Failed, tried again later.
    Retrying,
    /// Failed [`MAX_ATTEMPTS`] times.
    Failed,
}

impl DeliveryState {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Retrying => "retrying",
            DeliveryState::Failed => "failed",
        }
    }

    pub fn label_id(self) -> &'static str {
        match self {
            DeliveryState::Pending => "webhook-state-pending",
            DeliveryState::Delivered => "webhook-state-delivered",
            DeliveryState::Retrying => "webhook-state-retrying",
            DeliveryState::Failed => "webhook-state-failed",
        }
    }
}

impl Delivery {
    pub fn state(&self) -> DeliveryState {
        if self.delivered_at.is_some() {
            DeliveryState::Delivered
        } else if self.attempts >= MAX_ATTEMPTS {
            DeliveryState::Failed
        } else if self.attempts == 0 {
            DeliveryState::Pending
        } else {
            DeliveryState::Retrying
        }
    }
}

/// The start of a receiver's answer for the log: at most [`MAX_RESPONSE`] bytes, cut at a
/// character boundary, control characters other than line breaks and tabs dropped.
pub fn response_excerpt(body: &str) -> String {
    let mut end = body.len().min(MAX_RESPONSE);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    body[..end]
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_signature_is_the_hmac_of_timestamp_and_payload() {
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
        let sig = signature("whsec_test", at, r#"{"a":1}"#);
        let t = at.timestamp();
        assert!(sig.starts_with(&format!("t={t},v1=")), "{sig}");
        // Recomputed independently of `signature`.
        let mut mac = Hmac::<Sha256>::new_from_slice(b"whsec_test").unwrap();
        mac.update(format!("{t}.{{\"a\":1}}").as_bytes());
        mac.verify_slice(&hex_bytes(sig.split("v1=").nth(1).unwrap()))
            .expect("the signature verifies");
        assert_ne!(sig, signature("whsec_other", at, r#"{"a":1}"#));
        assert_ne!(sig, signature("whsec_test", at, r#"{"a":2}"#));
    }

    fn hex_bytes(hex: &str) -> Vec<u8> {
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn only_public_https_addresses_unless_local_ones_are_allowed() {
        assert!(check_url("https://hooks.example.org/convene", false).is_ok());
        assert!(check_url("https://93.184.216.34/x", false).is_ok());
        for refused in [
            "http://hooks.example.org/",
            "https://localhost/x",
            "https://127.0.0.1:8443/",
            "https://10.1.2.3/",
            "https://192.168.0.10/",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/",
            "https://[fd00::1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://intranet/",
            "https://user:pw@hooks.example.org/",
            "ftp://hooks.example.org/",
            "not a url",
            "",
        ] {
            assert!(check_url(refused, false).is_err(), "{refused} is refused");
        }
        assert!(check_url("http://127.0.0.1:9000/hook", true).is_ok());
        assert!(check_url("ftp://127.0.0.1/", true).is_err());
        let long = format!("https://example.org/{}", "a".repeat(MAX_URL));
        assert!(check_url(&long, false).is_err());
    }

    #[test]
    fn topics_belong_to_events_or_calls() {
        assert_eq!(
            parse_topics(
                true,
                ["checkin.created", "registration.created", "checkin.created"]
            ),
            Ok(vec![Topic::RegistrationCreated, Topic::CheckinCreated])
        );
        assert!(parse_topics(true, ["submission.submitted"]).is_err());
        assert!(parse_topics(false, ["registration.created"]).is_err());
        assert!(parse_topics(false, ["ping"]).is_err());
        assert!(parse_topics(false, Vec::<&str>::new()).is_err());
        let all = parse_topics(false, Topic::CALL.iter().map(|t| t.as_str())).unwrap();
        assert_eq!(topics_of(&topics_text(&all)), all);
    }

    /// Every topic a hook can choose is emitted somewhere outside this module (the integration
    /// tests follow registrations, check-ins, cancellations and submissions to a receiver; this
    /// keeps the other emitters from going missing unnoticed).
    #[test]
    fn every_topic_has_an_emitter() {
        let variants = [
            (Topic::RegistrationCreated, "RegistrationCreated"),
            (Topic::RegistrationCancelled, "RegistrationCancelled"),
            (Topic::CheckinCreated, "CheckinCreated"),
            (Topic::SubmissionSubmitted, "SubmissionSubmitted"),
            (Topic::ReviewFinalised, "ReviewFinalised"),
            (Topic::ResultsReleased, "ResultsReleased"),
            (Topic::CertificateIssued, "CertificateIssued"),
        ];
        let all: Vec<Topic> = Topic::EVENT
            .iter()
            .chain(Topic::CALL.iter())
            .copied()
            .collect();
        assert!(all.iter().all(|t| variants.iter().any(|(v, _)| v == t)));
        let mut sources = String::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                if !path.ends_with("webhook") {
                    stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                sources.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
        for (_, name) in variants {
            assert!(
                sources.contains(&format!("Topic::{name},")),
                "nothing emits {name}"
            );
        }
    }

    #[test]
    fn excerpts_are_short_and_whole_characters() {
        let body = "ä".repeat(MAX_RESPONSE);
        let e = response_excerpt(&body);
        assert!(e.len() <= MAX_RESPONSE && e.chars().all(|c| c == 'ä'));
        assert_eq!(response_excerpt("ok\u{7}\n"), "ok\n");
    }
}
