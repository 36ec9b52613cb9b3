//! The URLs of the team pages of events and calls. Mounted by `crate::routes`, which applies
//! the middleware every page shares.

use poem::Route;

use crate::http::methods::{get, post};

use super::pages;

/// Adds the team pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at(
        "/orga/events/:slug/team",
        get(pages::event_get).post(pages::event_post),
    )
    .at(
        "/orga/events/:slug/team/:grant/remove",
        post(pages::event_remove_post),
    )
    .at(
        "/orga/calls/:slug/team",
        get(pages::call_get).post(pages::call_post),
    )
    .at(
        "/orga/calls/:slug/team/:grant/remove",
        post(pages::call_remove_post),
    )
}
