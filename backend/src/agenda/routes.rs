//! The URLs of the agenda pages: the public agenda and its sessions, bookmarks, the personal
//! agenda, and the organisers' agenda, rooms, tracks and sessions. Mounted by `crate::routes`,
//! which applies the middleware every page shares.

use poem::Route;

use crate::http::methods::{get, post};

use super::pages;

/// Adds the agenda pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at("/me/agenda", get(pages::mine_get))
        .at("/me/calendar/regenerate", post(pages::regenerate_post))
        .at("/events/:slug/agenda", get(pages::public_get))
        .at("/events/:slug/sessions/:id", get(pages::session_get))
        .at(
            "/events/:slug/sessions/:id/bookmark",
            post(pages::bookmark_post),
        )
        .at("/orga/events/:slug/agenda", get(pages::orga_get))
        .at(
            "/orga/events/:slug/agenda/publish",
            post(pages::publish_post),
        )
        .at("/orga/events/:slug/agenda/import", post(pages::import_post))
        .at(
            "/orga/events/:slug/rooms",
            get(pages::rooms_get).post(pages::room_post),
        )
        .at(
            "/orga/events/:slug/rooms/:id",
            get(pages::room_edit_get).post(pages::room_edit_post),
        )
        .at("/orga/events/:slug/tracks", post(pages::track_post))
        .at(
            "/orga/events/:slug/sessions/new",
            get(pages::session_new_get).post(pages::session_new_post),
        )
        .at(
            "/orga/events/:slug/sessions/:id",
            get(pages::session_edit_get).post(pages::session_edit_post),
        )
        .at(
            "/orga/events/:slug/sessions/:id/status",
            post(pages::session_status_post),
        )
        .at(
            "/orga/events/:slug/sessions/:id/delete",
            post(pages::session_delete_post),
        )
        .at(
            "/orga/events/:slug/rooms/:id/delete",
            post(pages::room_delete_post),
        )
        .at(
            "/orga/events/:slug/tracks/:id/delete",
            post(pages::track_delete_post),
        )
}
