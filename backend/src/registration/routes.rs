//! The URLs of the registration pages: registering, answers, cancelling and offers, session
//! bookings, check-in at the door, and the organisers' registrations, exports, ticket types and
//! questions. Mounted by `crate::routes`, which applies the middleware every page shares.

use poem::Route;

use crate::http::methods::{get, post};

use super::{orga_pages, pages};

/// Adds the registration pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at("/events/:slug/register", get(pages::register_get))
        .at(
            "/events/:slug/registration",
            get(pages::mine_get).post(pages::register_post),
        )
        .at(
            "/events/:slug/registration/answers",
            post(pages::answers_post),
        )
        .at(
            "/events/:slug/registration/cancel",
            post(pages::cancel_post),
        )
        .at(
            "/events/:slug/registration/accept",
            post(pages::accept_post),
        )
        .at(
            "/events/:slug/registration/consents/:question/:action",
            post(pages::consent_post),
        )
        .at(
            "/events/:slug/registrations/:id/files/:question",
            get(pages::file_get),
        )
        .at("/events/:slug/sessions/:id/booking", post(pages::book_post))
        .at(
            "/events/:slug/sessions/:id/booking/cancel",
            post(pages::unbook_post),
        )
        .at(
            "/events/:slug/checkin",
            get(pages::checkin_get).post(pages::checkin_post),
        )
        .at(
            "/orga/events/:slug/registrations",
            get(orga_pages::orga_get).post(orga_pages::orga_post),
        )
        .at(
            "/orga/events/:slug/registrations.csv",
            get(orga_pages::csv_get),
        )
        .at(
            "/orga/events/:slug/registrations.json",
            get(orga_pages::json_get),
        )
        .at(
            "/orga/events/:slug/registrations/live.json",
            get(orga_pages::live_get),
        )
        .at(
            "/orga/events/:slug/registrations/:id",
            get(orga_pages::orga_detail_get),
        )
        .at(
            "/orga/events/:slug/registrations/:id/decide",
            post(orga_pages::decide_post),
        )
        .at(
            "/orga/events/:slug/registration-form",
            get(orga_pages::orga_form_get),
        )
        .at(
            "/orga/events/:slug/ticket-types",
            post(orga_pages::ticket_post),
        )
        .at(
            "/orga/events/:slug/ticket-types/:id",
            post(orga_pages::ticket_edit_post),
        )
        .at(
            "/orga/events/:slug/ticket-types/:id/delete",
            post(orga_pages::ticket_delete_post),
        )
        .at(
            "/orga/events/:slug/questions",
            post(orga_pages::question_post),
        )
        .at(
            "/orga/events/:slug/questions/:id/delete",
            post(orga_pages::question_delete_post),
        )
}
