//! JSON API for the webhooks of events and calls: list, register, look at, delete, test, and
//! read and repeat deliveries.

use chrono::{DateTime, Utc};
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::model::{Delivery, Hook};
use super::service;
use crate::http::api::{Accepted, ApiAuth, ApiError, ApiTags, Created};
use crate::ids::WebhookId;
use crate::state::AppState;
use crate::team::service::PlaceKind;

/// A registered webhook.
#[derive(Object, Debug)]
pub struct WebhookBody {
    pub id: i64,
    pub url: String,
    pub description: String,
    /// The topics it receives, e.g. `registration.created`.
    pub topics: Vec<String>,
    /// Signs every payload: `Convene-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
    /// "<t>.<body>">`.
    pub secret: String,
    pub created_at: DateTime<Utc>,
}

impl From<Hook> for WebhookBody {
    fn from(h: Hook) -> Self {
        WebhookBody {
            id: h.id.0,
            topics: h.topics().iter().map(|t| t.as_str().to_string()).collect(),
            url: h.url,
            description: h.description,
            secret: h.secret,
            created_at: h.created_at,
        }
    }
}

/// A webhook to register for an event.
#[derive(Object, Debug)]
pub struct NewEventWebhookBody {
    /// `https://` on a public address.
    pub url: String,
    /// At least one of `registration.created`, `registration.cancelled`, `checkin.created`,
    /// `certificate.issued`.
    pub topics: Vec<String>,
    #[oai(default)]
    pub description: String,
}

/// A webhook to register for a call.
#[derive(Object, Debug)]
pub struct NewCallWebhookBody {
    /// `https://` on a public address.
    pub url: String,
    /// At least one of `submission.submitted`, `review.finalised`, `results.released`,
    /// `certificate.issued`.
    pub topics: Vec<String>,
    #[oai(default)]
    pub description: String,
}

/// One delivery of a change to a webhook, with the last attempt's outcome.
#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
pub struct DeliveryBody {
    pub id: i64,
    pub topic: String,
    /// `pending`, `delivered`, `retrying` or `failed` (given up after 8 attempts).
    pub state: String,
    pub attempts: i64,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// When the next attempt is due (not delivered, not given up).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// The HTTP status of the last answer (none: no answer).
    pub last_status: Option<i64>,
    /// The start of the last answer's body, or why there was no answer.
    pub last_response: Option<String>,
    pub last_duration_ms: Option<i64>,
    /// The JSON that was signed and posted.
    pub payload: String,
}

impl From<Delivery> for DeliveryBody {
    fn from(d: Delivery) -> Self {
        let state = d.state();
        DeliveryBody {
            id: d.id,
            state: state.as_str().into(),
            attempts: d.attempts,
            created_at: d.created_at,
            delivered_at: d.delivered_at,
            next_attempt_at: matches!(
                state,
                super::model::DeliveryState::Pending | super::model::DeliveryState::Retrying
            )
            .then_some(d.next_attempt_at),
            last_status: d.last_status,
            last_response: d.last_response,
            last_duration_ms: d.last_duration_ms,
            topic: d.topic,
            payload: d.payload,
        }
    }
}

/// A queued delivery.
#[derive(Object, Debug)]
pub struct QueuedDeliveryBody {
    pub id: i64,
}

fn base(kind: PlaceKind, slug: &str) -> String {
    match kind {
        PlaceKind::Event => format!("/events/{slug}/webhooks"),
        PlaceKind::Call => format!("/calls/{slug}/webhooks"),
    }
}

async fn list(
    state: &AppState,
    auth: &ApiAuth,
    kind: PlaceKind,
    slug: &str,
) -> Result<Json<Vec<WebhookBody>>, ApiError> {
    let (_, hooks) = service::hooks(state, auth.actor(), kind, slug).await?;
    Ok(Json(hooks.into_iter().map(|(h, _)| h.into()).collect()))
}

async fn create(
    state: &AppState,
    auth: &ApiAuth,
    kind: PlaceKind,
    slug: &str,
    (url, topics, description): (String, Vec<String>, String),
) -> Result<Created<WebhookBody>, ApiError> {
    let topics: Vec<&str> = topics.iter().map(String::as_str).collect();
    let hook =
        service::create(state, auth.actor(), kind, slug, &url, &topics, &description).await?;
    let path = format!("{}/{}", base(kind, slug), hook.id);
    Ok(Created::at(hook.into(), path))
}

async fn one(
    state: &AppState,
    auth: &ApiAuth,
    kind: PlaceKind,
    slug: &str,
    id: i64,
) -> Result<Json<WebhookBody>, ApiError> {
    let (_, hook) = service::hook(state, auth.actor(), kind, slug, WebhookId(id)).await?;
    Ok(Json(hook.into()))
}

async fn test(
    state: &AppState,
    auth: &ApiAuth,
    kind: PlaceKind,
    slug: &str,
    id: i64,
) -> Result<Accepted<QueuedDeliveryBody>, ApiError> {
    let delivery = service::send_test(state, auth.actor(), kind, slug, WebhookId(id)).await?;
    Ok(Accepted::at(
        QueuedDeliveryBody { id: delivery },
        format!("{}/{id}/deliveries", base(kind, slug)),
    ))
}

async fn deliveries(
    state: &AppState,
    auth: &ApiAuth,
    kind: PlaceKind,
    slug: &str,
    id: i64,
    limit: Option<i64>,
) -> Result<Json<Vec<DeliveryBody>>, ApiError> {
    let log = service::deliveries(
        state,
        auth.actor(),
        kind,
        slug,
        WebhookId(id),
        limit.unwrap_or(service::LOG_LENGTH),
    )
    .await?;
    Ok(Json(log.into_iter().map(Into::into).collect()))
}

async fn again(
    state: &AppState,
    auth: &ApiAuth,
    kind: PlaceKind,
    slug: &str,
    id: i64,
    delivery: i64,
) -> Result<Accepted<QueuedDeliveryBody>, ApiError> {
    service::redeliver(state, auth.actor(), kind, slug, WebhookId(id), delivery).await?;
    Ok(Accepted::at(
        QueuedDeliveryBody { id: delivery },
        format!("{}/{id}/deliveries", base(kind, slug)),
    ))
}

pub struct WebhookApi;

#[OpenApi(tag = "ApiTags::Events")]
impl WebhookApi {
    /// An event's webhooks
    ///
    /// Organisers only.
    #[oai(
        path = "/events/:slug/webhooks",
        method = "get",
        operation_id = "list_event_webhooks"
    )]
    async fn event_list(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<Vec<WebhookBody>>, ApiError> {
        list(&state, &auth, PlaceKind::Event, &slug.0).await
    }

    /// Register a webhook for an event
    ///
    /// Organisers only; at most 10 per event. The answer carries the secret that signs every
    /// payload.
    #[oai(
        path = "/events/:slug/webhooks",
        method = "post",
        operation_id = "create_event_webhook"
    )]
    async fn event_create(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<NewEventWebhookBody>,
    ) -> Result<Created<WebhookBody>, ApiError> {
        let b = body.0;
        create(
            &state,
            &auth,
            PlaceKind::Event,
            &slug.0,
            (b.url, b.topics, b.description),
        )
        .await
    }

    /// One webhook of an event
    #[oai(
        path = "/events/:slug/webhooks/:id",
        method = "get",
        operation_id = "get_event_webhook"
    )]
    async fn event_one(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<WebhookBody>, ApiError> {
        one(&state, &auth, PlaceKind::Event, &slug.0, id.0).await
    }

    /// Delete a webhook of an event, with its delivery log
    #[oai(
        path = "/events/:slug/webhooks/:id",
        method = "delete",
        operation_id = "delete_event_webhook"
    )]
    async fn event_delete(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<(), ApiError> {
        service::delete(
            &state,
            auth.actor(),
            PlaceKind::Event,
            &slug.0,
            WebhookId(id.0),
        )
        .await?;
        Ok(())
    }

    /// Send a test delivery (`ping`) to a webhook of an event
    ///
    /// Queued and posted in the background; its outcome appears in the deliveries.
    #[oai(
        path = "/events/:slug/webhooks/:id/test",
        method = "post",
        operation_id = "test_event_webhook"
    )]
    async fn event_test(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Accepted<QueuedDeliveryBody>, ApiError> {
        test(&state, &auth, PlaceKind::Event, &slug.0, id.0).await
    }

    /// Send a delivery of a webhook of an event again
    ///
    /// From a fresh count of attempts; posted in the background, its outcome appears in the
    /// deliveries.
    #[oai(
        path = "/events/:slug/webhooks/:id/deliveries/:delivery/again",
        method = "post",
        operation_id = "redeliver_event_webhook"
    )]
    async fn event_again(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        delivery: Path<i64>,
    ) -> Result<Accepted<QueuedDeliveryBody>, ApiError> {
        again(&state, &auth, PlaceKind::Event, &slug.0, id.0, delivery.0).await
    }

    /// The latest deliveries of a webhook of an event
    ///
    /// Newest first; `limit` 1–100 (default 25).
    #[oai(
        path = "/events/:slug/webhooks/:id/deliveries",
        method = "get",
        operation_id = "list_event_webhook_deliveries"
    )]
    async fn event_deliveries(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        limit: Query<Option<i64>>,
    ) -> Result<Json<Vec<DeliveryBody>>, ApiError> {
        deliveries(&state, &auth, PlaceKind::Event, &slug.0, id.0, limit.0).await
    }

    /// A call's webhooks
    ///
    /// Organisers only.
    #[oai(
        path = "/calls/:slug/webhooks",
        method = "get",
        operation_id = "list_call_webhooks",
        tag = "ApiTags::Calls"
    )]
    async fn call_list(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<Vec<WebhookBody>>, ApiError> {
        list(&state, &auth, PlaceKind::Call, &slug.0).await
    }

    /// Register a webhook for a call
    ///
    /// Organisers only; at most 10 per call. The answer carries the secret that signs every
    /// payload.
    #[oai(
        path = "/calls/:slug/webhooks",
        method = "post",
        operation_id = "create_call_webhook",
        tag = "ApiTags::Calls"
    )]
    async fn call_create(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<NewCallWebhookBody>,
    ) -> Result<Created<WebhookBody>, ApiError> {
        let b = body.0;
        create(
            &state,
            &auth,
            PlaceKind::Call,
            &slug.0,
            (b.url, b.topics, b.description),
        )
        .await
    }

    /// One webhook of a call
    #[oai(
        path = "/calls/:slug/webhooks/:id",
        method = "get",
        operation_id = "get_call_webhook",
        tag = "ApiTags::Calls"
    )]
    async fn call_one(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<WebhookBody>, ApiError> {
        one(&state, &auth, PlaceKind::Call, &slug.0, id.0).await
    }

    /// Delete a webhook of a call, with its delivery log
    #[oai(
        path = "/calls/:slug/webhooks/:id",
        method = "delete",
        operation_id = "delete_call_webhook",
        tag = "ApiTags::Calls"
    )]
    async fn call_delete(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<(), ApiError> {
        service::delete(
            &state,
            auth.actor(),
            PlaceKind::Call,
            &slug.0,
            WebhookId(id.0),
        )
        .await?;
        Ok(())
    }

    /// Send a test delivery (`ping`) to a webhook of a call
    ///
    /// Queued and posted in the background; its outcome appears in the deliveries.
    #[oai(
        path = "/calls/:slug/webhooks/:id/test",
        method = "post",
        operation_id = "test_call_webhook",
        tag = "ApiTags::Calls"
    )]
    async fn call_test(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Accepted<QueuedDeliveryBody>, ApiError> {
        test(&state, &auth, PlaceKind::Call, &slug.0, id.0).await
    }

    /// Send a delivery of a webhook of a call again
    ///
    /// From a fresh count of attempts; posted in the background, its outcome appears in the
    /// deliveries.
    #[oai(
        path = "/calls/:slug/webhooks/:id/deliveries/:delivery/again",
        method = "post",
        operation_id = "redeliver_call_webhook",
        tag = "ApiTags::Calls"
    )]
    async fn call_again(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        delivery: Path<i64>,
    ) -> Result<Accepted<QueuedDeliveryBody>, ApiError> {
        again(&state, &auth, PlaceKind::Call, &slug.0, id.0, delivery.0).await
    }

    /// The latest deliveries of a webhook of a call
    ///
    /// Newest first; `limit` 1–100 (default 25).
    #[oai(
        path = "/calls/:slug/webhooks/:id/deliveries",
        method = "get",
        operation_id = "list_call_webhook_deliveries",
        tag = "ApiTags::Calls"
    )]
    async fn call_deliveries(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        limit: Query<Option<i64>>,
    ) -> Result<Json<Vec<DeliveryBody>>, ApiError> {
        deliveries(&state, &auth, PlaceKind::Call, &slug.0, id.0, limit.0).await
    }
}
