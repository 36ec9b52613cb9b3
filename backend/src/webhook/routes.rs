//! The URLs of the webhooks pages. Mounted by `crate::routes`, which applies the middleware
//! every page shares.

use poem::Route;

use crate::http::methods::{get, post};

use super::pages;

/// Adds the webhooks pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at(
        "/orga/events/:slug/webhooks",
        get(pages::event_get).post(pages::event_post),
    )
    .at(
        "/orga/events/:slug/webhooks/:id/test",
        post(pages::event_test_post),
    )
    .at(
        "/orga/events/:slug/webhooks/:id/delete",
        post(pages::event_delete_post),
    )
    .at(
        "/orga/events/:slug/webhooks/:id/deliveries/:delivery/again",
        post(pages::event_again_post),
    )
    .at(
        "/orga/calls/:slug/webhooks",
        get(pages::call_get).post(pages::call_post),
    )
    .at(
        "/orga/calls/:slug/webhooks/:id/test",
        post(pages::call_test_post),
    )
    .at(
        "/orga/calls/:slug/webhooks/:id/delete",
        post(pages::call_delete_post),
    )
    .at(
        "/orga/calls/:slug/webhooks/:id/deliveries/:delivery/again",
        post(pages::call_again_post),
    )
}
