//! The URLs of the matchmaking pages: the participants' matchmaking (profile, entries, requests)
//! and the organisers' set-up, grid, meetings and PDFs. Mounted by `crate::routes`, which applies
//! the middleware every page shares.

use poem::Route;

use crate::http::methods::{get, post};

use super::pages;

/// Adds the matchmaking pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at("/events/:slug/matchmaking", get(pages::main_get))
        .at(
            "/events/:slug/matchmaking/profile",
            post(pages::profile_post),
        )
        .at("/events/:slug/matchmaking/entries", post(pages::entry_post))
        .at(
            "/events/:slug/matchmaking/entries/:id",
            post(pages::entry_edit_post),
        )
        .at(
            "/events/:slug/matchmaking/entries/:id/delete",
            post(pages::entry_delete_post),
        )
        .at(
            "/events/:slug/matchmaking/profiles",
            get(pages::profiles_get),
        )
        .at(
            "/events/:slug/matchmaking/requests",
            post(pages::request_post),
        )
        .at(
            "/events/:slug/matchmaking/requests/:id/accept",
            post(pages::accept_post),
        )
        .at(
            "/events/:slug/matchmaking/requests/:id/decline",
            post(pages::decline_post),
        )
        .at(
            "/events/:slug/matchmaking/requests/:id/cancel",
            post(pages::cancel_post),
        )
        .at(
            "/events/:slug/matchmaking/requests/:id/slot",
            post(pages::slot_post),
        )
        .at(
            "/orga/events/:slug/matchmaking",
            get(pages::setup_get).post(pages::setup_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/topics",
            post(pages::topic_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/topics/:id/delete",
            post(pages::topic_delete_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/sessions",
            post(pages::session_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/sessions/:id",
            post(pages::session_edit_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/sessions/:id/delete",
            post(pages::session_delete_post),
        )
        .at("/orga/events/:slug/matchmaking/grid", get(pages::grid_get))
        .at(
            "/orga/events/:slug/matchmaking/schedule",
            post(pages::schedule_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/lock",
            post(pages::lock_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/meetings",
            post(pages::meeting_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/meetings/:id",
            get(pages::meeting_get),
        )
        .at(
            "/orga/events/:slug/matchmaking/meetings/:id/move",
            post(pages::move_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/meetings/:id/cancel",
            post(pages::meeting_cancel_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/tables.pdf",
            get(pages::tables_pdf_get),
        )
        .at(
            "/orga/events/:slug/matchmaking/people.pdf",
            get(pages::people_pdf_get),
        )
}
