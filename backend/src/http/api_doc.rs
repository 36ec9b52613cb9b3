//! The OpenAPI document as clients read it: what poem-openapi renders from the operations, plus
//! what it cannot know.
//!
//! - Request bodies are read strictly (`super::strict_json`), so every object schema a body
//!   reaches says `additionalProperties: false`.
//! - An optional property says `nullable: true`: sent as `null`, it is the same as left out;
//!   in an answer, an empty one is left out or `null`.
//! - The value rules the services enforce (lengths, patterns, ranges, allowed values, date
//!   formats) are stated on the properties from [`RULES`], so a generated client or a fuzzer
//!   knows which values the server takes. The services stay where the rules are enforced, with
//!   messages in the caller's words; the API fuzzing step (`tests/fuzz-api.sh`) finds any rule
//!   written here that the server does not keep, or one it keeps that is missing here.
//! - The answers of the HTTP layers before an operation runs are listed: 413 and 415 where a body
//!   is taken, 414 everywhere.
//! - Operations that anyone may call but that answer a signed-in caller more (organisers see
//!   drafts) say so: `security: [{}, {TokenAuth: []}, {SessionAuth: []}]`.
//! - What a creation answers leads on: its `links` ([`LINKS`]) name the operations that read,
//!   change or remove what was created, and where their path parameters come from.

use serde_json::{Map, Value};

/// Schema, property, the JSON Schema keywords that state the server's rule for its values.
/// Only rules that hold whatever the other fields and the stored data are belong here (an end
/// after its start is checked, but not written here).
#[rustfmt::skip]
pub const RULES: &[(&str, &str, &str)] = &[
    // Events and agendas
    // Mail templates: `{name}` is the one placeholder every mail has; others depend on the mail.
    ("MailTextBody", "subject", r#"{"minLength": 1, "maxLength": 200, "pattern": "^(?:[^{}\\r\\n]|\\{name\\})*(?:[^{}\\s]|\\{name\\})(?:[^{}\\r\\n]|\\{name\\})*$"}"#),
    ("MailTextBody", "body", r#"{"minLength": 1, "maxLength": 10000, "pattern": "^(?:[^{}]|\\{name\\})*(?:[^{}\\s]|\\{name\\})(?:[^{}]|\\{name\\})*$"}"#),
    ("EventInputBody", "slug", r#"{"minLength": 3, "maxLength": 60, "pattern": "^[a-z0-9][a-z0-9-]*[a-z0-9]$"}"#),
    ("EventInputBody", "title_de", r#"{"minLength": 1, "maxLength": 200, "pattern": "\\S"}"#),
    ("EventInputBody", "title_en", r#"{"minLength": 1, "maxLength": 200, "pattern": "\\S"}"#),
    ("EventInputBody", "description_de", r#"{"maxLength": 10000}"#),
    ("EventInputBody", "description_en", r#"{"maxLength": 10000}"#),
    ("EventInputBody", "venue", r#"{"maxLength": 200}"#),
    ("EventInputBody", "address", r#"{"maxLength": 300}"#),
    ("EventInputBody", "starts_on", r#"{"format": "date", "pattern": "^(19[0-9]{2}|2[01][0-9]{2}|2200)-[0-9]{2}-[0-9]{2}$"}"#),
    ("EventInputBody", "ends_on", r#"{"format": "date", "pattern": "^(19[0-9]{2}|2[01][0-9]{2}|2200)-[0-9]{2}-[0-9]{2}$"}"#),
    ("EventInputBody", "contact_name", r#"{"maxLength": 120}"#),
    ("EventInputBody", "contact_email", r#"{"maxLength": 254, "pattern": "^\\s*$|@[^@]*\\.[^@]*[^@.]\\s*$"}"#),
    ("EventInputBody", "organisations", r#"{"maxItems": 20, "items": {"maxLength": 160}}"#),
    ("StatusBody", "status", r#"{"enum": ["draft", "published", "archived"]}"#),
    ("RoomInputBody", "name", r#"{"minLength": 1, "maxLength": 80, "pattern": "\\S"}"#),
    ("RoomInputBody", "capacity", r#"{"minimum": 1, "maximum": 100000}"#),
    ("RoomInputBody", "available_from", r#"{"pattern": "^(([01]?[0-9]|2[0-3]):[0-5]?[0-9])?$"}"#),
    ("RoomInputBody", "available_until", r#"{"pattern": "^(([01]?[0-9]|2[0-3]):[0-5]?[0-9])?$"}"#),
    ("TrackInputBody", "name_de", r#"{"minLength": 1, "maxLength": 80, "pattern": "\\S"}"#),
    ("TrackInputBody", "name_en", r#"{"maxLength": 80}"#),
    ("SessionInputBody", "kind", r#"{"enum": ["keynote", "panel", "talk", "workshop", "pitching", "matchmaking", "site_visit", "break", "networking"]}"#),
    ("SessionInputBody", "title_de", r#"{"minLength": 1, "maxLength": 200, "pattern": "\\S"}"#),
    ("SessionInputBody", "title_en", r#"{"maxLength": 200}"#),
    ("SessionInputBody", "description_de", r#"{"maxLength": 10000}"#),
    ("SessionInputBody", "description_en", r#"{"maxLength": 10000}"#),
    ("SessionInputBody", "day", r#"{"format": "date", "pattern": "^(19[0-9]{2}|2[01][0-9]{2}|2200)-[0-9]{2}-[0-9]{2}$"}"#),
    ("SessionInputBody", "start", r#"{"pattern": "^([01]?[0-9]|2[0-3]):[0-5]?[0-9]$"}"#),
    ("SessionInputBody", "end", r#"{"pattern": "^([01]?[0-9]|2[0-3]):[0-5]?[0-9]$"}"#),
    ("SessionInputBody", "start_fold", r#"{"enum": ["", "earlier", "later"]}"#),
    ("SessionInputBody", "end_fold", r#"{"enum": ["", "earlier", "later"]}"#),
    ("SessionInputBody", "capacity", r#"{"minimum": 1, "maximum": 100000}"#),
    ("SessionInputBody", "people", r#"{"maxItems": 40}"#),
    ("SessionPerson", "role", r#"{"enum": ["speaker", "sprecher", "sprecherin", "referent", "referentin", "vortrag", "keynote", "moderator", "moderatorin", "moderation", "chair", "panelist", "panellist", "podium", "panel", "diskutant", "diskutantin"]}"#),
    ("SessionPerson", "name", r#"{"minLength": 1, "maxLength": 120, "pattern": "^[^<>\\n]*[^\\s,<>][^<>\\n]*$"}"#),
    ("SessionPerson", "organisation", r#"{"maxLength": 160, "pattern": "^[^\\n]*$"}"#),
    ("SessionPerson", "email", r#"{"format": "email", "maxLength": 254, "pattern": "@[^@]*\\.[^@]*[^@.]$"}"#),
    ("SessionStatusBody", "status", r#"{"enum": ["draft", "scheduled", "cancelled"]}"#),
    ("AgendaImport", "ics", r#"{"maxLength": 1048576, "pattern": "^\\s*[Bb][Ee][Gg][Ii][Nn]:[Vv][Cc][Aa][Ll][Ee][Nn][Dd][Aa][Rr][^\\S\\n]*(\\n|$)"}"#),
    // Calls, submissions and certificates
    ("CallInput", "slug", r#"{"minLength": 3, "maxLength": 60, "pattern": "^[a-z0-9][a-z0-9-]*[a-z0-9]$"}"#),
    ("CallInput", "title_de", r#"{"minLength": 1, "maxLength": 200, "pattern": "\\S"}"#),
    ("CallInput", "title_en", r#"{"minLength": 1, "maxLength": 200, "pattern": "\\S"}"#),
    ("CallInput", "teaser_de", r#"{"maxLength": 500}"#),
    ("CallInput", "teaser_en", r#"{"maxLength": 500}"#),
    ("CallInput", "body_de", r#"{"maxLength": 20000}"#),
    ("CallInput", "body_en", r#"{"maxLength": 20000}"#),
    ("CallInput", "eligibility_de", r#"{"maxLength": 20000}"#),
    ("CallInput", "eligibility_en", r#"{"maxLength": 20000}"#),
    ("CallInput", "mail_submitted_de", r#"{"maxLength": 2000}"#),
    ("CallInput", "mail_submitted_en", r#"{"maxLength": 2000}"#),
    ("CallInput", "mail_ineligible_de", r#"{"maxLength": 2000}"#),
    ("CallInput", "mail_ineligible_en", r#"{"maxLength": 2000}"#),
    ("CallInput", "opens_at", r#"{"format": "date-time", "pattern": "^(?:19\\d\\d|2[01]\\d\\d|2200)-"}"#),
    ("CallInput", "deadline", r#"{"format": "date-time", "pattern": "^(?:19\\d\\d|2[01]\\d\\d|2200)-"}"#),
    ("CallInput", "review_at", r#"{"format": "date-time", "pattern": "^(?:19\\d\\d|2[01]\\d\\d|2200)-"}"#),
    ("CallInput", "results_at", r#"{"format": "date-time", "pattern": "^(?:19\\d\\d|2[01]\\d\\d|2200)-"}"#),
    ("CallInput", "categories", r#"{"maxItems": 30, "items": {"minItems": 1, "maxItems": 2, "items": {"maxLength": 120}}}"#),
    ("CallQuestionInput", "options", r#"{"items": {"minItems": 1, "maxItems": 2}}"#),
    ("CallQuestionInput", "number_min", r#"{"minimum": -999999999999999, "maximum": 999999999999999}"#),
    ("CallQuestionInput", "number_max", r#"{"minimum": -999999999999999, "maximum": 999999999999999}"#),
    ("CallInput", "abstract_max", r#"{"minimum": 100, "maximum": 10000}"#),
    ("CallInput", "max_files", r#"{"minimum": 0, "maximum": 20}"#),
    ("CallInput", "file_max_mb", r#"{"minimum": 1, "maximum": 20}"#),
    ("CallQuestionInput", "kind", r#"{"enum": ["text", "long_text", "number", "date", "single_choice", "multiple_choice", "yes_no", "country", "file", "consent"]}"#),
    ("CallQuestionInput", "label_de", r#"{"minLength": 1, "maxLength": 300, "pattern": "\\S"}"#),
    ("CallQuestionInput", "label_en", r#"{"minLength": 1, "maxLength": 300, "pattern": "\\S"}"#),
    ("SubmissionInput", "title", r#"{"maxLength": 200}"#),
    ("SubmissionInput", "abstract", r#"{"maxLength": 10000}"#),
    ("SubmissionInput", "organisation", r#"{"maxLength": 200}"#),
    ("SubmissionInput", "website", r#"{"maxLength": 300, "pattern": "^(https?://\\S+)?$"}"#),
    ("SubmissionDecision", "action", r#"{"enum": ["eligible", "ineligible", "submitted", "in_review", "shortlisted", "finalist", "not_selected", "winner"]}"#),
    ("SubmissionBulkDecision", "submission_ids", r#"{"minItems": 1, "maxItems": 1000}"#),
    ("SubmissionBulkDecision", "action", r#"{"enum": ["eligible", "ineligible", "submitted", "in_review", "shortlisted", "finalist", "not_selected"]}"#),
    ("TeamInvitation", "email", r#"{"format": "email", "maxLength": 254, "pattern": "@[^@]*\\.[^@]*[^.@]$"}"#),
    ("TeamInvitation", "name", r#"{"maxLength": 120}"#),
    ("TeamInvitation", "role", r#"{"maxLength": 120}"#),
    ("CertificateTemplateInput", "title_de", r#"{"minLength": 1, "maxLength": 120, "pattern": "\\S"}"#),
    ("CertificateTemplateInput", "title_en", r#"{"minLength": 1, "maxLength": 120, "pattern": "\\S"}"#),
    ("CertificateTemplateInput", "body_de", r#"{"maxLength": 2000, "pattern": "^(?:[^{]*\\{(?:name|organisation|event|dates|session|submission|placement|place)\\})*[^{]*(?:\\{[^}]*)?$"}"#),
    ("CertificateTemplateInput", "body_en", r#"{"maxLength": 2000, "pattern": "^(?:[^{]*\\{(?:name|organisation|event|dates|session|submission|placement|place)\\})*[^{]*(?:\\{[^}]*)?$"}"#),
    ("CertificateTemplateInput", "place", r#"{"maxLength": 120}"#),
    ("CertificateTemplateInput", "signatory1_name", r#"{"maxLength": 120}"#),
    ("CertificateTemplateInput", "signatory1_role", r#"{"maxLength": 120}"#),
    ("CertificateTemplateInput", "signatory2_name", r#"{"maxLength": 120}"#),
    ("CertificateTemplateInput", "signatory2_role", r#"{"maxLength": 120}"#),
    ("CertificateTemplateInput", "serial_prefix", r#"{"pattern": "^[A-Za-z0-9-]{1,24}$"}"#),
    ("RevokeRequest", "reason", r#"{"minLength": 1, "maxLength": 500, "pattern": "\\S"}"#),
    // Jury
    ("JuryRoundInput", "name_de", r#"{"minLength": 1, "maxLength": 120, "pattern": "\\S"}"#),
    ("JuryRoundInput", "name_en", r#"{"minLength": 1, "maxLength": 120, "pattern": "\\S"}"#),
    ("JuryRoundInput", "kind", r#"{"enum": ["", "online", "pitch"]}"#),
    ("JuryRoundInput", "entrants", r#"{"enum": ["", "in_review", "shortlisted", "finalist"]}"#),
    ("JuryRoundInput", "scale_min", r#"{"minimum": 0, "maximum": 99}"#),
    ("JuryRoundInput", "scale_max", r#"{"minimum": 1, "maximum": 100}"#),
    ("JuryRoundInput", "aggregation", r#"{"enum": ["", "mean", "median"]}"#),
    ("JuryRoundInput", "per_submission", r#"{"minimum": 1, "maximum": 50}"#),
    ("JuryRoundInput", "disagreement", r#"{"minimum": 0, "exclusiveMinimum": true}"#),
    ("JuryRoundInput", "others_scores", r#"{"enum": ["", "never", "after_own", "after_close"]}"#),
    ("JuryRoundInput", "opens_at", r#"{"pattern": "^(19\\d{2}|2[01]\\d{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?|[Tt ]([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?([Zz]|[+\\-\\u2212]([01]\\d|2[0-3]):[0-5]\\d))$"}"#),
    ("JuryRoundInput", "closes_at", r#"{"pattern": "^(19\\d{2}|2[01]\\d{2}|2200)-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?|[Tt ]([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?([Zz]|[+\\-\\u2212]([01]\\d|2[0-3]):[0-5]\\d))$"}"#),
    ("JuryCriterionInput", "name_de", r#"{"minLength": 1, "maxLength": 120, "pattern": "\\S"}"#),
    ("JuryCriterionInput", "name_en", r#"{"minLength": 1, "maxLength": 120, "pattern": "\\S"}"#),
    ("JuryCriterionInput", "help_de", r#"{"maxLength": 1000}"#),
    ("JuryCriterionInput", "help_en", r#"{"maxLength": 1000}"#),
    ("JuryCriterionInput", "weight", r#"{"minimum": 0, "exclusiveMinimum": true, "maximum": 100}"#),
    ("JuryReviewInput", "scores", r#"{"additionalProperties": {"minimum": 0, "maximum": 100}}"#),
    ("JuryReviewInput", "comment", r#"{"maxLength": 5000}"#),
    ("JuryReviewInput", "team_note", r#"{"maxLength": 5000}"#),
    ("JuryReviewInput", "state", r#"{"enum": ["", "draft", "final", "abstained"]}"#),
    ("ConflictDeclarationInput", "reason", r#"{"maxLength": 1000}"#),
    ("JuryDecision", "outcome", r#"{"pattern": "^(advance|finalist|keep|not_selected|place_\\+?0*[1-9]\\d{0,17})$"}"#),
    ("OrganisingTeamInvitation", "email", r#"{"format": "email", "maxLength": 254, "pattern": "@[^@]*\\.[^@]*[^.@]$"}"#),
    ("OrganisingTeamInvitation", "name", r#"{"maxLength": 120}"#),
    ("OrganisingTeamInvitation", "role", r#"{"enum": ["organiser", "checkin"]}"#),
    ("OrganisingTeamInvitation", "language", r#"{"enum": ["", "de", "en"]}"#),
    ("NewOrganiserRequestBody", "organisation", r#"{"maxLength": 60}"#),
    ("NewOrganiserRequestBody", "name", r#"{"maxLength": 160}"#),
    ("NewOrganiserRequestBody", "kind", r#"{"enum": ["", "cluster", "university", "research", "company", "startup", "agency", "ministry", "network", "other"]}"#),
    ("NewOrganiserRequestBody", "city", r#"{"maxLength": 80}"#),
    ("NewOrganiserRequestBody", "website", r#"{"maxLength": 300}"#),
    ("NewOrganiserRequestBody", "message", r#"{"maxLength": 2000}"#),
    ("SiteSettings", "organiser_signup", r#"{"enum": ["approval", "open"]}"#),
    ("JurorInvitation", "email", r#"{"format": "email", "maxLength": 254, "pattern": "\\.[^@]*[^@.]$"}"#),
    // Matchmaking
    ("MatchmakingProfileInput", "organisation", r#"{"minLength": 1, "pattern": "\\S", "maxLength": 200}"#),
    ("MatchmakingProfileInput", "description", r#"{"maxLength": 2000}"#),
    ("MatchmakingEntryInput", "title", r#"{"minLength": 1, "pattern": "\\S", "maxLength": 120}"#),
    ("MatchmakingEntryInput", "body", r#"{"maxLength": 2000}"#),
    ("MatchmakingTopicInput", "name_de", r#"{"minLength": 1, "pattern": "\\S", "maxLength": 60}"#),
    ("MatchmakingTopicInput", "name_en", r#"{"maxLength": 60}"#),
    ("MatchmakingRequestInput", "message", r#"{"maxLength": 500}"#),
    ("MatchmakingReason", "reason", r#"{"maxLength": 500}"#),
    ("MatchmakingAccept", "pick", r#"{"enum": ["", "auto", "later", "slot"]}"#),
    ("MatchmakingPlace", "slot", r#"{"minimum": 0}"#),
    ("MatchmakingNewMeeting", "people", r#"{"minItems": 2, "maxItems": 2, "uniqueItems": true}"#),
    ("MatchmakingNewMeeting", "slot", r#"{"minimum": 0}"#),
    ("MatchmakingNewMeeting", "table", r#"{"minimum": 0}"#),
    ("MatchmakingSettingsInput", "max_per_person", r#"{"minimum": 1, "maximum": 50}"#),
    ("MatchmakingSessionInput", "slot_minutes", r#"{"minimum": 5, "maximum": 240}"#),
    ("MatchmakingSessionInput", "gap_minutes", r#"{"minimum": 0, "maximum": 60}"#),
    ("MatchmakingSessionInput", "tables", r#"{"minItems": 1}"#),
    ("MatchmakingSessionInput", "breaks", r#"{"items": {"pattern": "^(([01]?[0-9]|2[0-3]):[0-5]?[0-9] ?[-–] ?([01]?[0-9]|2[0-3]):[0-5]?[0-9])?$"}}"#),
    // Accounts, organisations and registration
    ("NewGrantBody", "role", r#"{"enum": ["admin", "organiser", "juror", "checkin"]}"#),
    ("NewGrantBody", "scope", r#"{"pattern": "^(?:site|event:\\+?0*[1-9][0-9]{0,18})$"}"#),
    ("NewOrganisationBody", "name", r#"{"minLength": 1, "maxLength": 160, "pattern": "\\S"}"#),
    ("NewOrganisationBody", "kind", r#"{"enum": ["cluster", "university", "research", "company", "startup", "agency", "ministry", "network", "other"]}"#),
    ("NewOrganisationBody", "city", r#"{"maxLength": 80}"#),
    ("NewOrganisationBody", "website", r#"{"maxLength": 300, "pattern": "^(https?://\\S+)?$"}"#),
    ("NewTokenBody", "name", r#"{"minLength": 1, "maxLength": 80, "pattern": "\\S"}"#),
    ("NewTokenBody", "expires_in_days", r#"{"minimum": 1, "maximum": 365}"#),
    ("NewTokenBody", "access", r#"{"enum": ["read", "read_write"]}"#),
    ("ProfileBody", "name", r#"{"minLength": 1, "maxLength": 120, "pattern": "\\S"}"#),
    ("ProfileBody", "organisation", r#"{"maxLength": 160}"#),
    ("ProfileBody", "language", r#"{"enum": ["de", "en"]}"#),
    ("RegistrationSettings", "opens_at", r#"{"format": "date-time", "pattern": "^(?:19[0-9]{2}|2[01][0-9]{2}|2200)-"}"#),
    ("RegistrationSettings", "closes_at", r#"{"format": "date-time", "pattern": "^(?:19[0-9]{2}|2[01][0-9]{2}|2200)-"}"#),
    ("RegistrationSettings", "edit_until", r#"{"format": "date-time", "pattern": "^(?:19[0-9]{2}|2[01][0-9]{2}|2200)-"}"#),
    ("RegistrationSettings", "capacity", r#"{"minimum": 1, "maximum": 100000}"#),
    ("RegistrationSettings", "offer_hours", r#"{"minimum": 1, "maximum": 720}"#),
    ("RegistrationSettings", "retention_months", r#"{"minimum": 1, "maximum": 120}"#),
    ("Decision", "action", r#"{"enum": ["approve", "reject", "cancel", "move"]}"#),
    // Webhooks. The address rule is that of a server allowing local receivers (the API fuzzing
    // step's); without `CONVENE_WEBHOOKS_ALLOW_LOCAL` only `https://` on public hosts is taken.
    ("NewEventWebhookBody", "url", r#"{"minLength": 1, "maxLength": 2000, "pattern": "^https?://[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*(:[1-9][0-9]{0,3})?(/[a-z0-9/]*)?$"}"#),
    ("NewEventWebhookBody", "topics", r#"{"minItems": 1, "items": {"enum": ["registration.created", "registration.cancelled", "checkin.created", "certificate.issued"]}}"#),
    ("NewEventWebhookBody", "description", r#"{"maxLength": 200}"#),
    ("NewCallWebhookBody", "url", r#"{"minLength": 1, "maxLength": 2000, "pattern": "^https?://[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*(:[1-9][0-9]{0,3})?(/[a-z0-9/]*)?$"}"#),
    ("NewCallWebhookBody", "topics", r#"{"minItems": 1, "items": {"enum": ["submission.submitted", "review.finalised", "results.released", "certificate.issued"]}}"#),
    ("NewCallWebhookBody", "description", r#"{"maxLength": 200}"#),
];

/// Rules whose allowed values come from a table: the time zone names and the country codes.
fn listed_rules() -> Vec<(&'static str, &'static str, Value)> {
    let zones: Vec<&str> = std::iter::once("")
        .chain(chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()))
        .collect();
    let countries: Vec<&str> = std::iter::once("")
        .chain(
            crate::countries::all(convene_frontend::Lang::En)
                .into_iter()
                .map(|(code, _)| code),
        )
        .collect();
    vec![
        (
            "EventInputBody",
            "timezone",
            serde_json::json!({"enum": zones}),
        ),
        ("CallInput", "timezone", serde_json::json!({"enum": zones})),
        (
            "MatchmakingProfileInput",
            "country",
            serde_json::json!({"enum": countries}),
        ),
    ]
}

/// A creation's operation id, the link's name, the operation it leads to, and each of that
/// operation's path parameters with its source.
pub type Link = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// Creation → link name → the operation it leads to, with each path parameter's source (an
/// OpenAPI runtime expression: `body#/x` is the created object's `x`, `path.x` the creation's own
/// path parameter `x`).
#[rustfmt::skip]
pub const LINKS: &[Link] = &[
    ("create_event", "GetEvent", "get_event", &[("slug", "body#/slug")]),
    ("create_event", "UpdateEvent", "update_event", &[("slug", "body#/slug")]),
    ("create_event", "SetEventStatus", "set_event_status", &[("slug", "body#/slug")]),
    ("create_event", "CreateSession", "create_session", &[("slug", "body#/slug")]),
    ("create_room", "UpdateRoom", "update_room", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("create_room", "DeleteRoom", "delete_room", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("create_track", "DeleteTrack", "delete_track", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("create_session", "UpdateSession", "update_session", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("create_session", "SetSessionStatus", "set_session_status", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("create_session", "DeleteSession", "delete_session", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("register", "GetMyRegistration", "get_my_registration", &[("slug", "path.slug")]),
    ("register", "CancelRegistration", "cancel_registration", &[("slug", "path.slug")]),
    ("invite_to_event_team", "GetEventTeamMember", "get_event_team_member", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("invite_to_event_team", "RemoveEventTeamMember", "remove_event_team_member", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("invite_to_call_team", "GetCallTeamMember", "get_call_team_member", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("invite_to_call_team", "RemoveCallTeamMember", "remove_call_team_member", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("ask_to_organise", "GetOrganiserRequest", "get_organiser_request", &[("id", "body#/id")]),
    ("ask_to_organise", "ApproveOrganiserRequest", "approve_organiser_request", &[("id", "body#/id")]),
    ("ask_to_organise", "DeclineOrganiserRequest", "decline_organiser_request", &[("id", "body#/id")]),
    ("create_call", "GetCall", "get_call", &[("slug", "body#/slug")]),
    ("create_call", "UpdateCall", "update_call", &[("slug", "body#/slug")]),
    ("add_call_question", "DeleteCallQuestion", "delete_call_question", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("start_submission", "GetSubmission", "get_submission", &[("id", "body#/id")]),
    ("start_submission", "UpdateSubmission", "update_submission", &[("id", "body#/id")]),
    ("start_submission", "SubmitSubmission", "submit_submission", &[("id", "body#/id")]),
    ("add_attachment", "GetAttachment", "get_attachment", &[("id", "path.id"), ("file", "body#/id")]),
    ("add_attachment", "DeleteAttachment", "delete_attachment", &[("id", "path.id"), ("file", "body#/id")]),
    ("create_round", "GetRound", "get_round", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("create_round", "UpdateRound", "update_round", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("create_round", "AddCriterion", "add_criterion", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("add_criterion", "UpdateCriterion", "update_criterion", &[("slug", "path.slug"), ("id", "path.id"), ("criterion", "body#/id")]),
    ("add_criterion", "DeleteCriterion", "delete_criterion", &[("slug", "path.slug"), ("id", "path.id"), ("criterion", "body#/id")]),
    ("create_event_certificate_template", "GetCertificateTemplate", "get_certificate_template", &[("id", "body#/id")]),
    ("create_event_certificate_template", "UpdateCertificateTemplate", "update_certificate_template", &[("id", "body#/id")]),
    ("create_call_certificate_template", "GetCertificateTemplate", "get_certificate_template", &[("id", "body#/id")]),
    ("create_call_certificate_template", "UpdateCertificateTemplate", "update_certificate_template", &[("id", "body#/id")]),
    ("issue_certificates", "GetCertificateJob", "get_certificate_job", &[("id", "body#/id")]),
    ("create_api_token", "RevokeApiToken", "revoke_api_token", &[("id", "body#/id")]),
    ("grant_role", "RevokeRole", "revoke_role", &[("id", "path.id"), ("grant_id", "body#/id")]),
    ("create_organisation", "GetOrganisation", "get_organisation", &[("slug", "body#/slug")]),
    ("add_matchmaking_entry", "GetMatchmakingEntry", "get_matchmaking_entry", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("add_matchmaking_entry", "UpdateMatchmakingEntry", "update_matchmaking_entry", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("add_matchmaking_entry", "DeleteMatchmakingEntry", "delete_matchmaking_entry", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("add_matchmaking_meeting", "MoveMatchmakingMeeting", "move_matchmaking_meeting", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("add_matchmaking_meeting", "CancelMatchmakingMeeting", "cancel_matchmaking_meeting", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("add_matchmaking_topic", "GetMatchmakingTopic", "get_matchmaking_topic", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("send_matchmaking_request", "GetMatchmakingRequest", "get_matchmaking_request", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("send_matchmaking_request", "CancelMatchmakingRequest", "cancel_matchmaking_request", &[("slug", "path.slug"), ("id", "body#/id")]),    ("create_event_webhook", "GetEventWebhook", "get_event_webhook", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("create_event_webhook", "TestEventWebhook", "test_event_webhook", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("create_event_webhook", "DeleteEventWebhook", "delete_event_webhook", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("test_event_webhook", "ListEventWebhookDeliveries", "list_event_webhook_deliveries", &[("slug", "path.slug"), ("id", "path.id")]),
    ("redeliver_event_webhook", "ListEventWebhookDeliveries", "list_event_webhook_deliveries", &[("slug", "path.slug"), ("id", "path.id")]),
    ("create_call_webhook", "GetCallWebhook", "get_call_webhook", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("create_call_webhook", "TestCallWebhook", "test_call_webhook", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("create_call_webhook", "DeleteCallWebhook", "delete_call_webhook", &[("slug", "path.slug"), ("id", "body#/id")]),
    ("test_call_webhook", "ListCallWebhookDeliveries", "list_call_webhook_deliveries", &[("slug", "path.slug"), ("id", "path.id")]),
    ("redeliver_call_webhook", "ListCallWebhookDeliveries", "list_call_webhook_deliveries", &[("slug", "path.slug"), ("id", "path.id")]),
];

/// The operations that answer everyone alike, whoever calls: every other operation without
/// its own security requirement reads the caller if there is one.
pub const ANONYMOUS_ONLY: &[&str] = &["list_calls", "verify_certificate"];

/// Refines `doc` (see the module documentation). Answers the entries of [`RULES`] that name no
/// property of the document: a rule for a renamed or removed field.
pub fn refine(doc: &mut Value) -> Vec<String> {
    let bodies = body_schemas(doc);
    for ops in doc["paths"].as_object_mut().into_iter().flatten() {
        for (_, op) in ops.1.as_object_mut().into_iter().flatten() {
            let Value::Object(op) = op else { continue };
            add_transport_responses(op);
            header_case(op);
            let anonymous_only = op
                .get("operationId")
                .and_then(Value::as_str)
                .is_some_and(|id| ANONYMOUS_ONLY.contains(&id));
            if !op.contains_key("security") && !anonymous_only {
                op.insert(
                    "security".into(),
                    serde_json::json!([{}, {"TokenAuth": []}, {"SessionAuth": []}]),
                );
            }
        }
    }
    let schemas = &mut doc["components"]["schemas"];
    for name in &bodies {
        close(&mut schemas[name]);
    }
    for schema in schemas
        .as_object_mut()
        .into_iter()
        .flat_map(|m| m.values_mut())
    {
        optional_nullable(schema);
    }
    let mut missed = Vec::new();
    let written = RULES
        .iter()
        .map(|(schema, property, rule)| (*schema, *property, serde_json::from_str(rule)));
    let listed = listed_rules().into_iter().map(|(s, p, r)| (s, p, Ok(r)));
    for (schema, property, rule) in written.chain(listed) {
        let target = &mut schemas[schema]["properties"][property];
        let (Value::Object(target), Ok(Value::Object(rule))) = (target, rule) else {
            missed.push(format!("{schema}.{property}"));
            continue;
        };
        if target.contains_key("$ref") {
            // Keywords beside a `$ref` are ignored by OpenAPI 3.0 readers.
            missed.push(format!("{schema}.{property} (a $ref)"));
            continue;
        }
        merge(target, rule);
        // OpenAPI 3.0.3: a nullable enumeration lists `null` among its values.
        if target.get("nullable") == Some(&Value::Bool(true))
            && let Some(Value::Array(values)) = target.get_mut("enum")
            && !values.contains(&Value::Null)
        {
            values.push(Value::Null);
        }
    }
    missed.extend(add_links(doc));
    missed
}

/// Writes [`LINKS`] on the success answer of each creation; answers the links that name an
/// operation, or a path parameter of one, that the document does not have.
fn add_links(doc: &mut Value) -> Vec<String> {
    let mut path_params: std::collections::HashMap<String, Vec<String>> = Default::default();
    for (_, ops) in doc["paths"].as_object().into_iter().flatten() {
        for (_, op) in ops.as_object().into_iter().flatten() {
            let Some(id) = op.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            let names = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "path")
                .filter_map(|p| p["name"].as_str().map(String::from))
                .collect();
            path_params.insert(id.to_string(), names);
        }
    }
    let mut missed = Vec::new();
    for (from, name, to, params) in LINKS {
        let (Some(from_params), Some(to_params)) = (path_params.get(*from), path_params.get(*to))
        else {
            missed.push(format!("link {from} → {to}: no such operation"));
            continue;
        };
        let mut parameters = Map::new();
        for (param, source) in *params {
            let known = match source.split_once('.') {
                Some(("path", p)) => from_params.iter().any(|f| f == p),
                _ => source.starts_with("body#/"),
            };
            if !known || !to_params.iter().any(|t| t == param) {
                missed.push(format!(
                    "link {from} → {to}: parameter {param} from {source}"
                ));
            }
            let expression = match source.split_once('.') {
                Some(("path", p)) => format!("$request.path.{p}"),
                _ => format!("$response.{source}"),
            };
            parameters.insert((*param).to_string(), Value::String(expression));
        }
        if let Some(missing) = to_params.iter().find(|t| !parameters.contains_key(*t)) {
            missed.push(format!(
                "link {from} → {to}: parameter {missing} has no source"
            ));
        }
        for response in success_responses(doc, from) {
            response
                .entry("links")
                .or_insert_with(|| Value::Object(Map::new()))[*name] = serde_json::json!({
                "operationId": to,
                "parameters": parameters,
            });
        }
    }
    missed
}

/// The 2xx answers of operation `id`.
fn success_responses<'a>(doc: &'a mut Value, id: &str) -> Vec<&'a mut Map<String, Value>> {
    let op = doc["paths"]
        .as_object_mut()
        .into_iter()
        .flat_map(|paths| paths.values_mut())
        .filter_map(Value::as_object_mut)
        .flat_map(|ops| ops.values_mut())
        .find(|op| op["operationId"] == id);
    op.and_then(|op| op["responses"].as_object_mut())
        .into_iter()
        .flat_map(|responses| responses.iter_mut())
        .filter(|(status, _)| status.starts_with('2'))
        .filter_map(|(_, r)| r.as_object_mut())
        .collect()
}

/// The answers the HTTP layers give before an operation runs: 414 for an address longer than
/// the server reads on every operation; 413 for a
/// body over the operation's limit and 415 for a body in a media type it does not read, on
/// every operation that takes a body.
fn add_transport_responses(op: &mut Map<String, Value>) {
    let takes_body = op.contains_key("requestBody");
    let Some(Value::Object(responses)) = op.get_mut("responses") else {
        return;
    };
    let problem = |description: &str| {
        serde_json::json!({
            "description": description,
            "content": {"application/problem+json": {
                "schema": {"$ref": "#/components/schemas/Problem"}}}
        })
    };
    responses.entry("414").or_insert_with(|| {
        problem(
            "The address (path and query) is longer than 16 KiB. From 64 KiB on, the HTTP \
             server answers before the application, without a body.",
        )
    });
    if takes_body {
        responses
            .entry("413")
            .or_insert_with(|| problem("The body is larger than this operation takes."));
        responses.entry("415").or_insert_with(|| {
            problem("The body comes in a media type this operation does not read.")
        });
    }
}

/// Response header names as HTTP writes them (`Location`, `Retry-After`); poem-openapi renders
/// them in capitals.
fn header_case(op: &mut Map<String, Value>) {
    let responses = op.get_mut("responses").and_then(Value::as_object_mut);
    for response in responses.into_iter().flat_map(|r| r.values_mut()) {
        let Some(Value::Object(headers)) = response.get_mut("headers") else {
            continue;
        };
        *headers = std::mem::take(headers)
            .into_iter()
            .map(|(name, header)| {
                let name = name
                    .split('-')
                    .map(|part| {
                        let lower = part.to_ascii_lowercase();
                        let mut chars = lower.chars();
                        chars.next().map_or(String::new(), |c| {
                            c.to_ascii_uppercase().to_string() + chars.as_str()
                        })
                    })
                    .collect::<Vec<_>>()
                    .join("-");
                (name, header)
            })
            .collect();
    }
}

fn merge(target: &mut Map<String, Value>, rule: Map<String, Value>) {
    for (key, value) in rule {
        match (target.get_mut(&key), value) {
            (Some(Value::Object(inner)), Value::Object(value)) => merge(inner, value),
            (_, value) => {
                target.insert(key, value);
            }
        }
    }
}

/// `additionalProperties: false` on a body object schema and the inline objects within it, as
/// [`super::strict_json`] reads them (a map keeps its value schema).
fn close(schema: &mut Value) {
    let Value::Object(map) = schema else { return };
    if map.contains_key("properties") && !map.contains_key("additionalProperties") {
        map.insert("additionalProperties".into(), Value::Bool(false));
    }
    for key in ["items", "additionalProperties"] {
        if let Some(inner) = map.get_mut(key) {
            close(inner);
        }
    }
    if let Some(Value::Object(props)) = map.get_mut("properties") {
        props.values_mut().for_each(close);
    }
}

/// `nullable: true` on the optional properties of an object schema and the inline objects
/// within it: in a request, `null` is the same as leaving one out; in a response, an empty one
/// is either left out or `null`.
fn optional_nullable(schema: &mut Value) {
    let Value::Object(map) = schema else { return };
    let required: Vec<String> = map
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| r.as_str().map(str::to_string))
        .collect();
    for key in ["items", "additionalProperties"] {
        if let Some(inner) = map.get_mut(key) {
            optional_nullable(inner);
        }
    }
    let Some(Value::Object(props)) = map.get_mut("properties") else {
        return;
    };
    for (name, prop) in props.iter_mut() {
        optional_nullable(prop);
        let Value::Object(prop) = prop else { continue };
        if required.contains(name) || prop.contains_key("nullable") {
            continue;
        }
        if let Some(target) = prop.remove("$ref") {
            // Keywords beside a `$ref` are ignored in OpenAPI 3.0: wrap it.
            prop.insert(
                "allOf".into(),
                Value::Array(vec![serde_json::json!({ "$ref": target })]),
            );
        }
        prop.insert("nullable".into(), Value::Bool(true));
    }
}

/// The names of the component schemas that request bodies reach.
fn body_schemas(doc: &Value) -> Vec<String> {
    let mut found = Vec::new();
    for ops in doc["paths"].as_object().into_iter().flatten() {
        for op in ops.1.as_object().into_iter().flatten() {
            for (media, content) in op.1["requestBody"]["content"]
                .as_object()
                .into_iter()
                .flatten()
            {
                if media.starts_with("application/json") {
                    reach(&content["schema"], doc, &mut found);
                }
            }
        }
    }
    found
}

fn reach(schema: &Value, doc: &Value, found: &mut Vec<String>) {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap_or_default().to_string();
        if !found.contains(&name) {
            found.push(name.clone());
            reach(&doc["components"]["schemas"][&name], doc, found);
        }
        return;
    }
    for key in ["items", "additionalProperties"] {
        if schema[key].is_object() {
            reach(&schema[key], doc, found);
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for part in schema[key].as_array().into_iter().flatten() {
            reach(part, doc, found);
        }
    }
    for prop in schema["properties"].as_object().into_iter().flatten() {
        reach(prop.1, doc, found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({
            "paths": {"/things": {"post": {"requestBody": {"content": {
                "application/json; charset=utf-8": {"schema": {"$ref": "#/components/schemas/In"}}
            }}}}},
            "components": {"schemas": {
                "In": {"type": "object", "required": ["name"], "properties": {
                    "name": {"type": "string"},
                    "part": {"$ref": "#/components/schemas/Part"},
                    "answers": {"type": "object", "additionalProperties": {"type": "string"}}
                }},
                "Part": {"type": "object", "properties": {"n": {"type": "integer"}}},
                "Out": {"type": "object", "properties": {"id": {"type": "integer"}}}
            }}
        })
    }

    #[test]
    fn bodies_are_closed_and_maps_keep_their_values() {
        let mut doc = doc();
        refine(&mut doc);
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["In"]["additionalProperties"], false);
        assert_eq!(schemas["Part"]["additionalProperties"], false);
        assert_eq!(
            schemas["In"]["properties"]["answers"]["additionalProperties"],
            json!({"type": "string"})
        );
        assert!(schemas["Out"].get("additionalProperties").is_none());
        assert_eq!(schemas["Out"]["properties"]["id"]["nullable"], true);
        // Optional properties may be null; required ones may not.
        let props = &schemas["In"]["properties"];
        assert!(props["name"].get("nullable").is_none());
        assert_eq!(props["answers"]["nullable"], true);
        assert_eq!(
            props["part"],
            json!({"allOf": [{"$ref": "#/components/schemas/Part"}], "nullable": true})
        );
    }

    #[test]
    fn rules_merge_into_their_property() {
        let mut target = json!({"type": "string", "items": {"type": "string"}});
        let Value::Object(rule) = json!({"maxLength": 200, "items": {"enum": ["a", "b"]}}) else {
            unreachable!()
        };
        merge(target.as_object_mut().unwrap(), rule);
        assert_eq!(
            target,
            json!({"type": "string", "maxLength": 200,
                "items": {"type": "string", "enum": ["a", "b"]}})
        );
    }

    #[test]
    fn every_rule_is_json_with_known_keywords() {
        const KNOWN: &[&str] = &[
            "minLength",
            "maxLength",
            "pattern",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "enum",
            "format",
            "minItems",
            "maxItems",
            "uniqueItems",
            "items",
            "additionalProperties",
        ];
        for (schema, property, rule) in RULES {
            let rule: Value =
                serde_json::from_str(rule).unwrap_or_else(|e| panic!("{schema}.{property}: {e}"));
            for key in rule.as_object().unwrap().keys() {
                assert!(KNOWN.contains(&key.as_str()), "{schema}.{property}: {key}");
            }
        }
    }
}
