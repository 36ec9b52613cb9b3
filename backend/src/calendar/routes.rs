//! The URLs of the calendar pages: the `.ics` feeds: an event's agenda, one session, and the
//! personal feed. Mounted by `crate::routes`, which applies the middleware every page shares.

use poem::Route;

use crate::http::methods::get;

use super::pages;

/// Adds the calendar pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at("/events/:slug/agenda.ics", get(pages::agenda_get))
        .at(
            "/events/:slug/sessions/:id/session.ics",
            get(pages::session_get),
        )
        .at("/calendar/:file", get(pages::personal_get))
}
