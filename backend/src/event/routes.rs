//! The URLs of the event pages: the public event list and event pages, and the organisers' event
//! forms. Mounted by `crate::routes`, which applies the middleware every page shares.

use poem::Route;

use crate::http::methods::{get, post};

use super::pages;

/// Adds the event pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at("/events", get(pages::list_get))
        .at("/events/:slug", get(pages::detail_get))
        .at("/orga/events", get(pages::orga_list_get))
        .at(
            "/orga/events/new",
            get(pages::orga_new_get).post(pages::orga_new_post),
        )
        .at(
            "/orga/events/:slug",
            get(pages::orga_edit_get).post(pages::orga_edit_post),
        )
        .at("/orga/events/:slug/status", post(pages::orga_status_post))
        .at("/orga/events/:slug/log", get(super::orga_log::log_get))
        .at(
            "/orga/events/:slug/log.csv",
            get(super::orga_log::log_csv_get),
        )
}
