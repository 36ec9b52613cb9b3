//! The URLs of the dashboard pages. Mounted by `crate::routes`, which applies the middleware
//! every page shares.

use poem::Route;

use crate::http::methods::get;

use super::pages;

/// Adds the dashboard pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at("/orga/events/:slug/dashboard", get(pages::event_get))
        .at("/orga/calls/:slug/dashboard", get(pages::call_get))
}
