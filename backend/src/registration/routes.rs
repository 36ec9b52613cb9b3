//! The URLs of the registration pages: registering, answers, cancelling and offers, session
//! bookings, check-in at the door, and the organisers' registrations, exports, ticket types and
//! questions. Mounted by `crate::routes`, which applies the middleware every page shares.

use poem::Route;

use crate::http::methods::{get, post};

use super::pages;

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
            get(pages::orga_get).post(pages::orga_post),
        )
        .at("/orga/events/:slug/registrations.csv", get(pages::csv_get))
        .at(
            "/orga/events/:slug/registrations.json",
            get(pages::json_get),
        )
        .at(
            "/orga/events/:slug/registrations/live.json",
            get(pages::live_get),
        )
        .at(
            "/orga/events/:slug/registrations/:id",
            get(pages::orga_detail_get),
        )
        .at(
            "/orga/events/:slug/registrations/:id/decide",
            post(pages::decide_post),
        )
        .at(
            "/orga/events/:slug/registration-form",
            get(pages::orga_form_get),
        )
        .at("/orga/events/:slug/ticket-types", post(pages::ticket_post))
        .at(
            "/orga/events/:slug/ticket-types/:id",
            post(pages::ticket_edit_post),
        )
        .at(
            "/orga/events/:slug/ticket-types/:id/delete",
            post(pages::ticket_delete_post),
        )
        .at("/orga/events/:slug/questions", post(pages::question_post))
        .at(
            "/orga/events/:slug/questions/:id/delete",
            post(pages::question_delete_post),
        )
}
