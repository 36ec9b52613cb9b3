//! The URLs of the mail template pages. Mounted by `crate::routes`, which applies the middleware
//! every page shares.

use poem::Route;

use crate::http::methods::{get, post};

use super::pages;

/// Adds the mail template pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at("/orga/events/:slug/mails", get(pages::event_list_get))
        .at(
            "/orga/events/:slug/mails/:kind/:lang",
            get(pages::event_edit_get).post(pages::event_edit_post),
        )
        .at(
            "/orga/events/:slug/mails/:kind/:lang/reset",
            post(pages::event_reset_post),
        )
        .at("/orga/calls/:slug/mails", get(pages::call_list_get))
        .at(
            "/orga/calls/:slug/mails/:kind/:lang",
            get(pages::call_edit_get).post(pages::call_edit_post),
        )
        .at(
            "/orga/calls/:slug/mails/:kind/:lang/reset",
            post(pages::call_reset_post),
        )
}
