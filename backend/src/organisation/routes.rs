//! The URLs of the organisation pages: the administrators' organisation list and organiser
//! requests, and asking to organise. Mounted by `crate::routes`, which applies the middleware
//! every page shares.

use poem::Route;

use crate::http::methods::{get, post};

use super::pages;

/// Adds the organisation pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at(
        "/admin/organisations",
        get(pages::admin_list_get).post(pages::admin_create_post),
    )
    .at("/orga/request", get(pages::ask_get).post(pages::ask_post))
    .at("/admin/requests", get(pages::requests_get))
    .at("/admin/requests/:id/approve", post(pages::approve_post))
    .at("/admin/requests/:id/decline", post(pages::decline_post))
}
