//! The URLs of the administrators' area. Mounted by `crate::routes`, which applies the
//! middleware every page shares.

use poem::Route;

use crate::http::methods::{get, post};

use super::pages;

/// Adds the administrators' pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at("/admin", get(pages::overview_get))
        .at(
            "/admin/settings",
            get(pages::settings_get).post(pages::settings_post),
        )
        .at("/admin/outbox", get(pages::outbox_get))
        .at("/admin/outbox/:id/retry", post(pages::retry_post))
        .at("/admin/log", get(pages::log_get))
        .at("/admin/log.csv", get(pages::log_csv_get))
}
