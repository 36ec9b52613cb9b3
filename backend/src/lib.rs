//! # convene
//!
//! Business events and innovation calls, end to end: organisers build events with agendas, open
//! registration and run innovation calls with a jury; participants register, submit, pitch and
//! meet; jurors score; anyone can subscribe to an agenda or verify a certificate.
//!
//! ## Concepts
//! - **Organisation**: a company, university, cluster, agency or start-up; people belong to one.
//! - **Account**: a person who signs in with e-mail and password after confirming the address.
//! - **Role grant**: an account's role in a scope: `admin` (site), `organiser` (site, event or
//!   call), `juror` (site or call), `checkin` (site or event).
//! - **Session**: a sign-in, stored in the database (only the hash of the cookie value), so that
//!   several app servers can share one PostgreSQL.
//! - **Outbox**: every e-mail is a row first, sent by a worker with retries.
//! - **Audit log**: every state change a service makes leaves a row.
//!
//! ## Where things are
//! Each domain module has the same files: `model.rs` (types and pure rules), `queries.rs` (one
//! SQL statement per function), `service.rs` (use cases: transaction, permission check, audit,
//! mail), `api.rs` (JSON API operations), `pages.rs` (HTML handlers) and `routes.rs` (the URLs
//! of its pages). Handlers call services only; services never see HTTP types. A file that
//! outgrew about 1,000 lines becomes a folder of the same name (`jury/service/`,
//! `matchmaking/service/`, `jury/orga_pages/`) whose parts are re-exported, so paths stay
//! `jury::service::…`.
//!
//! ### The import order
//! Imports point one way, from the top of this list down, never back up:
//!
//! 1. [`routes`] — the composition root and the only file that imports every domain: it mounts
//!    each domain's `routes::routes` (`pub fn routes(app: Route) -> Route`, one file beside the
//!    domain's handlers) and its `OpenApi` types, and wraps them in the middleware chain.
//! 2. `<domain>/routes.rs`, `pages.rs`, `api.rs` — the HTTP adapters: parse input, call one
//!    service, render or redirect. If a handler wants `queries`, a service function is missing.
//! 3. `<domain>/service.rs` (and use-case files such as `registration/bookings.rs`) — may call
//!    other domains' services and queries.
//! 4. `<domain>/queries.rs` — SQL only; names models and the database, nothing above.
//! 5. `<domain>/model.rs`, [`actor`], [`ids`], [`error`] — plain types and pure rules.
//!
//! [`http`] is the toolkit the adapters import (page context, CSRF-checked forms, the API's
//! error shape and security schemes, formatting, body limits); it imports no domain module, so
//! it sits beside the adapters without a circle. Who is asking is resolved by
//! [`account::identify`], run by [`routes`] in front of every handler. A unit test
//! (`layers.rs`) reads the source tree and fails, naming file and line, when `http/` names a
//! domain, an adapter names `queries`, or a `queries.rs` names a layer above it.
//!
//! | module | owns |
//! |---|---|
//! | [`account`] | sign-up, confirmation, sign-in, sessions, reset, profile, API tokens, roles |
//! | [`organisation`] | organisations |
//! | [`event`] | events: texts, venue, time zone, days, status |
//! | [`agenda`] | rooms, tracks, sessions and people, clash checks, published versions, import, bookmarks |
//! | [`calendar`] | `.ics` feeds: agenda, session, personal feed links |
//! | [`registration`] | registration: settings, ticket types, forms, waiting list, offers, session bookings, check-in, exports |
//! | [`call`] | innovation calls: phases, categories, submission form; submissions, teams, attachments, eligibility, exports, results |
//! | [`jury`] | rounds, criteria, conflicts, assignment, reviews, ranking with normalisation and tie-breaks, results, the jury report |
//! | [`certificate`] | certificate templates, issuing jobs, PDFs, public verification |
//! | [`matchmaking`] | B2B matchmaking: profiles, entries, suggestions, requests, sessions and tables, meetings, the scheduler, PDFs |
//! | [`pdf`] | the PDF kit: fonts, layout, images, QR codes, and reading PDFs back (tests, upload checks) |
//! | [`spreadsheet`] | CSV exports for spreadsheets: one writer that defuses every cell |
//! | [`routes`] | the composition root: every domain's routes and API, the middleware chain, upload paths |
//! | [`http`] | the toolkit: the page context, CSRF, error pages, the API's error shape, body limits |
//! | [`actor`] | who is asking: the actor with its roles and grants (stored by [`account`]) |
//! | [`mail`] | the outbox and its worker (SMTP or `.eml` files) |
//! | [`db`] | the storage engine (SQLite or PostgreSQL per build), migrations |
//! | [`seed`] | demo data from `seeds/*.toml` |
//!
//! Templates, view models and the German and English texts live in the `convene-frontend` crate.

pub mod account;
pub mod actor;
pub mod admin;
pub mod agenda;
pub mod audit;
pub mod calendar;
pub mod call;
pub mod certificate;
pub mod clock;
pub mod config;
pub mod countries;
pub mod dashboard;
pub mod db;
pub mod error;
pub mod event;
pub mod http;
pub mod ids;
pub mod jury;
#[cfg(test)]
mod layers;
pub mod mail;
pub mod mail_template;
pub mod matchmaking;
pub mod organisation;
pub mod pdf;
pub mod qr;
pub mod registration;
pub mod routes;
pub mod seed;
pub mod spreadsheet;
pub mod state;
pub mod team;
pub mod text;
pub mod time;
pub mod token;
pub mod webhook;

pub use routes::app;
pub use state::AppState;

/// Starts the background workers for `state`: the mail outbox; certificate jobs, when one is
/// queued (and every minute, for jobs another server queued or left behind); and, checked every
/// minute, the lapse of waiting-list offers (places and seats), the anonymising of registrations
/// whose retention period ran out, and the jurors' reminders a day before a round closes; and
/// the webhook deliveries.
///
/// `convene serve` starts them. The test kit does not: its tests run the same steps
/// ([`mail::deliver_due`], [`certificate::service::run_due_jobs`],
/// [`registration::service::expire_offers`], [`registration::bookings::expire_offers`],
/// [`registration::privacy::apply_retention`],
/// [`jury::service::send_reminders`], [`webhook::service::deliver_due`]) when they choose, so that nothing happens behind a test's
/// back.
pub fn spawn_workers(state: &AppState) -> tokio::task::JoinHandle<()> {
    let minute = state.clone();
    tokio::spawn(async move {
        loop {
            if let Err(e) = registration::service::expire_offers(&minute).await {
                tracing::error!("expiring offers: {e:?}");
            }
            if let Err(e) = registration::bookings::expire_offers(&minute).await {
                tracing::error!("expiring seat offers: {e:?}");
            }
            if let Err(e) = registration::privacy::apply_retention(&minute).await {
                tracing::error!("anonymising registrations: {e:?}");
            }
            if let Err(e) = jury::service::send_reminders(&minute).await {
                tracing::error!("reminding jurors: {e:?}");
            }
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
        }
    });
    // One job at a time per server: a job already renders its PDFs on every core.
    let certificates = state.clone();
    tokio::spawn(async move {
        loop {
            if let Err(e) = certificate::service::run_due_jobs(&certificates).await {
                tracing::error!("issuing certificates: {e:?}");
            }
            certificates
                .jobs
                .woken_or(std::time::Duration::from_secs(60))
                .await;
        }
    });
    tokio::spawn(webhook::service::run_worker(state.clone()));
    tokio::spawn(mail::run_worker(
        state.db.clone(),
        state.mailer.clone(),
        state.clock.clone(),
    ))
}
