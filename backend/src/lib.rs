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
//! mail), `api.rs` (JSON API operations) and `pages.rs` (HTML handlers). Handlers call services
//! only; services never see HTTP types.
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
//! | [`pdf`] | the PDF kit: fonts, text layout, images, QR codes, writing; reading PDFs back (tests, upload checks) |
//! | [`http`] | routes, middleware, CSRF, the page context, the API's error shape |
//! | [`mail`] | the outbox and its worker (SMTP or `.eml` files) |
//! | [`db`] | the storage engine (SQLite or PostgreSQL per build), migrations |
//! | [`seed`] | demo data from `seeds/*.toml` |
//!
//! Templates, view models and the German and English texts live in the `convene-frontend` crate.

pub mod account;
pub mod agenda;
pub mod audit;
pub mod calendar;
pub mod call;
pub mod certificate;
pub mod clock;
pub mod config;
pub mod countries;
pub mod db;
pub mod error;
pub mod event;
pub mod http;
pub mod ids;
pub mod jury;
pub mod mail;
pub mod matchmaking;
pub mod organisation;
pub mod pdf;
pub mod qr;
pub mod registration;
pub mod seed;
pub mod state;
pub mod time;
pub mod token;

pub use http::app;
pub use state::AppState;

/// Starts the background workers for `state`: the mail outbox, and, checked every minute, the
/// lapse of waiting-list offers and the jurors' reminders a day before a round closes.
pub fn spawn_workers(state: &AppState) -> tokio::task::JoinHandle<()> {
    let offers = state.clone();
    tokio::spawn(async move {
        loop {
            if let Err(e) = registration::service::expire_offers(&offers).await {
                tracing::error!("expiring offers: {e:?}");
            }
            if let Err(e) = jury::service::send_reminders(&offers).await {
                tracing::error!("reminding jurors: {e:?}");
            }
            if let Err(e) = certificate::service::run_due_jobs(&offers).await {
                tracing::error!("issuing certificates: {e:?}");
            }
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
        }
    });
    tokio::spawn(mail::run_worker(
        state.db.clone(),
        state.mailer.clone(),
        state.clock.clone(),
    ))
}
