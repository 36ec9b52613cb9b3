//! The URLs of the organisation pages: the administrators' organisation list. Mounted by
//! `crate::routes`, which applies the middleware every page shares.

use poem::Route;

use crate::http::methods::get;

use super::pages;

/// Adds the organisation pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at(
        "/admin/organisations",
        get(pages::admin_list_get).post(pages::admin_create_post),
    )
}
