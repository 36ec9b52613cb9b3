//! Webhook use cases: organisers register, test and remove the hooks of their events and calls;
//! changes [`emit`] deliveries inside their own transactions; a worker posts them, signed, with
//! retries ([`deliver_due`]). A delivery never holds up the request that caused it.

use std::net::SocketAddr;
use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::model::{self, Delivery, Hook, MAX_ATTEMPTS, Topic};
use super::queries::{self, Attempt};
use crate::account::{Actor, Scope};
use crate::audit;
use crate::db::{self, DbConn};
use crate::error::{AppError, FieldErrors, Msg};
use crate::ids::{EventId, WebhookId};
use crate::state::AppState;
use crate::team::service::{Place, PlaceKind};

/// The most hooks one event or call may have.
pub const MAX_HOOKS: usize = 10;
/// The longest description.
pub const MAX_DESCRIPTION: usize = 200;
/// How many deliveries the log lists per hook.
pub const LOG_LENGTH: i64 = 25;
/// How long a receiver has to answer.
const TIMEOUT: StdDuration = StdDuration::from_secs(10);

fn ids(place: &Place) -> (Option<EventId>, Option<i64>) {
    match place {
        Place::Event(e) => (Some(e.id), None),
        Place::Call(c) => (None, Some(c.id)),
    }
}

/// The hooks of an event or call (organisers only), each with its latest deliveries.
pub async fn hooks(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
) -> Result<(Place, Vec<(Hook, Vec<Delivery>)>), AppError> {
    let place = crate::team::service::place(state, actor, kind, slug).await?;
    let (event, call) = ids(&place);
    let mut conn = state.db.acquire().await?;
    let mut out = Vec::new();
    for hook in queries::hooks(&mut conn, event, call).await? {
        let log = queries::deliveries(&mut conn, hook.id, LOG_LENGTH).await?;
        out.push((hook, log));
    }
    Ok((place, out))
}

/// One hook of an event or call (organisers only).
pub async fn hook(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
    id: WebhookId,
) -> Result<(Place, Hook), AppError> {
    let place = crate::team::service::place(state, actor, kind, slug).await?;
    let mut conn = state.db.acquire().await?;
    let hook = queries::hook(&mut conn, id)
        .await?
        .filter(|h| (h.event_id, h.call_id) == ids(&place))
        .ok_or_else(|| AppError::not_found("webhook-not-found"))?;
    Ok((place, hook))
}

/// The latest deliveries of one hook (organisers only), newest first.
pub async fn deliveries(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
    id: WebhookId,
    limit: i64,
) -> Result<Vec<Delivery>, AppError> {
    let (_, hook) = hook(state, actor, kind, slug, id).await?;
    let mut conn = state.db.acquire().await?;
    Ok(queries::deliveries(&mut conn, hook.id, limit.clamp(1, 100)).await?)
}

/// Registers a hook (organisers only) with a new secret.
///
/// # Errors
/// `Invalid` (the address, the topics, the description), `Conflict` ([`MAX_HOOKS`] already).
pub async fn create(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
    url: &str,
    topics: &[&str],
    description: &str,
) -> Result<Hook, AppError> {
    let place = crate::team::service::place(state, actor, kind, slug).await?;
    let mut errors = FieldErrors::default();
    let url = errors.check(
        "url",
        model::check_url(url, state.config.webhooks_allow_local),
    );
    let topics = errors.check(
        "topics",
        model::parse_topics(kind == PlaceKind::Event, topics.iter().copied()),
    );
    let description = description.trim();
    if description.chars().count() > MAX_DESCRIPTION {
        errors.add_msg(
            "description",
            Msg::new("webhook-description-too-long").arg("max", MAX_DESCRIPTION),
        );
    }
    errors.into_result()?;
    let (Some(url), Some(topics)) = (url, topics) else {
        unreachable!("no errors means every field parsed");
    };
    let (event, call) = ids(&place);
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if queries::hooks(&mut tx, event, call).await?.len() >= MAX_HOOKS {
        return Err(AppError::Conflict(
            Msg::new("webhook-too-many").arg("max", MAX_HOOKS),
        ));
    }
    let id = queries::insert_hook(
        &mut tx,
        event,
        call,
        url.as_str(),
        &model::topics_text(&topics),
        &model::new_secret(),
        description,
        actor.id,
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "webhook.create",
        &place.scope().key(),
        url.as_str(),
        now,
    )
    .await?;
    let hook = queries::hook(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::not_found("webhook-not-found"))?;
    tx.commit().await?;
    Ok(hook)
}

/// Removes a hook and its delivery log (organisers only).
pub async fn delete(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
    id: WebhookId,
) -> Result<(), AppError> {
    let (place, hook) = hook(state, actor, kind, slug, id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::delete_hook(&mut tx, hook.id).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "webhook.delete",
        &place.scope().key(),
        &hook.url,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Queues a `ping` for one hook (organisers only, "send test"); returns the delivery's id. The
/// worker posts it like any other delivery, so the log shows how the receiver answered.
pub async fn send_test(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
    id: WebhookId,
) -> Result<i64, AppError> {
    let (place, hook) = hook(state, actor, kind, slug, id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let payload = envelope(
        &place_ref(&place),
        Topic::Ping,
        json!({ "webhook": hook.id.0, "message": "convene test delivery" }),
        now,
    );
    let delivery =
        queries::insert_delivery(&mut tx, hook.id, Topic::Ping.as_str(), &payload, now).await?;
    tx.commit().await?;
    state.webhooks.wake();
    Ok(delivery)
}

/// Sends a delivery again, from a fresh count of attempts (organisers only).
pub async fn redeliver(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
    id: WebhookId,
    delivery: i64,
) -> Result<(), AppError> {
    let (_, hook) = hook(state, actor, kind, slug, id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if queries::delivery_hook(&mut tx, delivery).await? != Some(hook.id) {
        return Err(AppError::not_found("webhook-delivery-not-found"));
    }
    queries::redeliver(&mut tx, delivery, now).await?;
    tx.commit().await?;
    state.webhooks.wake();
    Ok(())
}

/// `{"kind": "event", "slug": …}`: what a payload is about.
fn place_ref(place: &Place) -> Value {
    match place {
        Place::Event(e) => json!({ "kind": "event", "slug": e.slug }),
        Place::Call(c) => json!({ "kind": "call", "slug": c.slug }),
    }
}

/// A payload: a unique id (the same for every hook told of one change, so receivers can drop
/// repeats), the topic, when it happened, the event or call, and the topic's data.
fn envelope(place: &Value, topic: Topic, data: Value, now: DateTime<Utc>) -> String {
    json!({
        "id": format!("evt_{}", uuid::Uuid::new_v4().simple()),
        "type": topic.as_str(),
        "created_at": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "scope": place,
        "data": data,
    })
    .to_string()
}

/// Tells the hooks of an event or call that subscribe to `topic` about a change: one delivery
/// each, written inside the caller's transaction, so a change that rolls back tells no one and
/// one that commits is told for sure. The worker posts them within seconds.
pub async fn emit(
    conn: &mut DbConn,
    scope: Scope,
    topic: Topic,
    data: Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (event, call) = match scope {
        Scope::Event(id) => (Some(EventId(id)), None),
        Scope::Call(id) => (None, Some(id)),
        _ => return Ok(()),
    };
    let hooks: Vec<Hook> = queries::hooks(conn, event, call)
        .await?
        .into_iter()
        .filter(|h| h.topics().contains(&topic))
        .collect();
    if hooks.is_empty() {
        return Ok(());
    }
    let slug = queries::slug(conn, event, call).await?.unwrap_or_default();
    let place = json!({ "kind": scope.kind(), "slug": slug });
    let payload = envelope(&place, topic, data, now);
    for hook in hooks {
        queries::insert_delivery(conn, hook.id, topic.as_str(), &payload, now).await?;
    }
    Ok(())
}

/// Posts every due delivery once; returns how many were delivered.
pub async fn deliver_due(state: &AppState) -> Result<usize, AppError> {
    let mut delivered = 0;
    loop {
        let claimed = {
            let mut conn = state.db.acquire().await?;
            queries::claim_next(&mut conn, state.clock.now()).await?
        };
        let Some((delivery, url, secret)) = claimed else {
            return Ok(delivered);
        };
        let started = Instant::now();
        let sent_at = state.clock.now();
        let result = post(
            state.config.webhooks_allow_local,
            &url,
            &secret,
            &delivery,
            sent_at,
        )
        .await;
        let duration_ms = started.elapsed().as_millis() as i64;
        let now = state.clock.now();
        let (status, response, ok) = match &result {
            Ok((status, body)) => (
                Some(i64::from(*status)),
                model::response_excerpt(body),
                (200..300).contains(status),
            ),
            Err(e) => (None, model::response_excerpt(e), false),
        };
        if !ok {
            tracing::warn!(
                delivery = delivery.id,
                attempts = delivery.attempts + 1,
                "webhook delivery failed: {status:?} {response}"
            );
        }
        let mut conn = state.db.acquire().await?;
        queries::record_attempt(
            &mut conn,
            delivery.id,
            &Attempt {
                status,
                response: &response,
                duration_ms,
                at: now,
                delivered: ok,
                next_attempt_at: now + crate::mail::retry_delay(delivery.attempts + 1),
            },
        )
        .await?;
        if ok {
            delivered += 1;
        }
        debug_assert!(delivery.attempts < MAX_ATTEMPTS);
    }
}

/// One POST of a delivery: its status and the start of its body, or why there was none.
///
/// The host is resolved here and every address checked ([`model::is_public`]) before the
/// connection is made to exactly those addresses, so a name that turns private after the hook
/// was registered (DNS rebinding) reaches nothing inside. Redirects are not followed.
async fn post(
    allow_local: bool,
    url: &str,
    secret: &str,
    delivery: &Delivery,
    at: DateTime<Utc>,
) -> Result<(u16, String), String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("invalid address: {e}"))?;
    let host = parsed
        .host_str()
        .ok_or("the address has no host")?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let port = parsed.port_or_known_default().unwrap_or(443);
    let addrs: Vec<SocketAddr> =
        tokio::time::timeout(TIMEOUT, tokio::net::lookup_host((host.as_str(), port)))
            .await
            .map_err(|_| format!("cannot resolve {host}: no answer"))?
            .map_err(|e| format!("cannot resolve {host}: {e}"))?
            .collect();
    if addrs.is_empty() {
        return Err(format!("cannot resolve {host}"));
    }
    if !allow_local && addrs.iter().any(|a| !model::is_public(a.ip())) {
        return Err(format!("{host} resolves to an address that is not public"));
    }
    let client = reqwest::Client::builder()
        .resolve_to_addrs(&host, &addrs)
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(StdDuration::from_secs(5))
        .timeout(TIMEOUT)
        .user_agent(concat!("convene-webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("{e}"))?;
    let mut response = client
        .post(parsed)
        .header("content-type", "application/json")
        .header("convene-event", &delivery.topic)
        .header("convene-delivery", delivery.id.to_string())
        .header(
            "convene-signature",
            model::signature(secret, at, &delivery.payload),
        )
        .body(delivery.payload.clone())
        .send()
        .await
        .map_err(|e| format!("{e}"))?;
    let status = response.status().as_u16();
    // Only the start of the answer is kept; the rest is not read.
    let mut body = Vec::new();
    while body.len() < model::MAX_RESPONSE {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            _ => break,
        }
    }
    Ok((status, String::from_utf8_lossy(&body).into_owned()))
}

/// The worker: delivers when woken, and every two seconds for changes and retries.
pub async fn run_worker(state: AppState) {
    loop {
        if let Err(e) = deliver_due(&state).await {
            tracing::error!("webhook worker: {e:?}");
        }
        state.webhooks.woken_or(StdDuration::from_secs(2)).await;
    }
}
