//! The URLs of the account pages: sign-up, sign-in, password reset, the profile and API tokens
//! under `/me`, the administrators' account pages, and the home page. Mounted by `crate::routes`,
//! which applies the middleware every page shares.

use poem::Route;

use crate::http::methods::{get, post};

use super::pages;

/// Adds the account pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at("/", get(pages::home_get))
        .at("/signup", get(pages::signup_get).post(pages::signup_post))
        .at("/confirm/resend", post(pages::resend_post))
        .at("/confirm/:token", get(pages::confirm_get))
        .at("/signin", get(pages::signin_get).post(pages::signin_post))
        .at("/signout", post(pages::signout_post))
        .at(
            "/reset",
            get(pages::reset_request_get).post(pages::reset_request_post),
        )
        .at(
            "/reset/:token",
            get(pages::reset_get).post(pages::reset_post),
        )
        .at("/me", get(pages::profile_get).post(pages::profile_post))
        .at(
            "/me/tokens",
            get(pages::tokens_get).post(pages::tokens_post),
        )
        .at("/me/tokens/:id/revoke", post(pages::token_revoke_post))
        .at("/me/data.json", get(pages::data_get))
        .at(
            "/me/delete",
            get(pages::delete_get).post(pages::delete_post),
        )
        .at("/admin/accounts", get(pages::admin_accounts_get))
        .at("/admin/accounts/:id", get(pages::admin_account_get))
        .at("/admin/accounts/:id/roles", post(pages::admin_grant_post))
        .at(
            "/admin/accounts/:id/roles/:grant/revoke",
            post(pages::admin_revoke_post),
        )
}
