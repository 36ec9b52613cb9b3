//! The route tree, grouped by audience, and the middleware every request passes:
//! cookies → security headers → who is asking (session cookie or API token) and in which
//! language → the error rendering of its side (HTML pages or problem JSON).

pub mod api;
pub mod auth;
pub mod fmt;
pub mod page;

use poem::endpoint::make_sync;
use poem::middleware::CookieJarManager;
use poem::{Endpoint, EndpointExt, Route, get, post};
use poem::{Request, Response};

use crate::state::AppState;
use crate::{
    account, agenda, calendar, call, certificate, event, jury, matchmaking, organisation,
    registration,
};

/// Forms and JSON bodies are small; an agenda import (`.ics`) may reach a megabyte.
const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// Requests that may carry files: answers to registration or call questions (each file at
/// most 10 MiB), attachments of submissions (at most 20 MiB; JSON carries files in Base64).
const UPLOAD_LIMIT: usize = 32 * 1024 * 1024;

/// Whether requests to `path` may carry files. Their bodies are streamed to the handler (and
/// cut off at [`UPLOAD_LIMIT`]) instead of being read into memory first, so a file is held in
/// memory once.
fn is_upload(path: &str) -> bool {
    let registration = (path.starts_with("/events/") || path.starts_with("/api/v1/events/"))
        && (path.ends_with("/registration") || path.ends_with("/registration/answers"));
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let submission = matches!(
        segments.as_slice(),
        ["calls", _, "submissions", _]
            | ["calls", _, "submissions", _, "files"]
            | ["api", "v1", "submissions", _]
            | ["api", "v1", "submissions", _, "attachments"]
            | ["orga", "certificates", "templates", _, "images"]
            | [
                "api",
                "v1",
                "certificate-templates",
                _,
                "logo" | "signature"
            ]
    );
    registration || submission
}

/// The largest body a request to `path` may have.
fn body_limit(path: &str) -> usize {
    if is_upload(path) {
        UPLOAD_LIMIT
    } else {
        BODY_LIMIT
    }
}

/// The whole application as one endpoint.
pub fn app(state: AppState) -> impl Endpoint {
    let pages = Route::new()
        .at("/", get(page::home_get))
        .at("/lang/:code", get(page::lang_get))
        .at(
            "/signup",
            get(account::pages::signup_get).post(account::pages::signup_post),
        )
        .at("/confirm/resend", post(account::pages::resend_post))
        .at("/confirm/:token", get(account::pages::confirm_get))
        .at(
            "/signin",
            get(account::pages::signin_get).post(account::pages::signin_post),
        )
        .at("/signout", post(account::pages::signout_post))
        .at(
            "/reset",
            get(account::pages::reset_request_get).post(account::pages::reset_request_post),
        )
        .at(
            "/reset/:token",
            get(account::pages::reset_get).post(account::pages::reset_post),
        )
        .at(
            "/me",
            get(account::pages::profile_get).post(account::pages::profile_post),
        )
        .at(
            "/me/tokens",
            get(account::pages::tokens_get).post(account::pages::tokens_post),
        )
        .at(
            "/me/tokens/:id/revoke",
            post(account::pages::token_revoke_post),
        )
        .at("/me/agenda", get(agenda::pages::mine_get))
        .at(
            "/me/calendar/regenerate",
            post(agenda::pages::regenerate_post),
        )
        .at("/events", get(event::pages::list_get))
        .at("/events/:slug", get(event::pages::detail_get))
        .at("/events/:slug/agenda", get(agenda::pages::public_get))
        .at("/events/:slug/agenda.ics", get(calendar::pages::agenda_get))
        .at(
            "/events/:slug/sessions/:id",
            get(agenda::pages::session_get),
        )
        .at(
            "/events/:slug/sessions/:id/session.ics",
            get(calendar::pages::session_get),
        )
        .at(
            "/events/:slug/sessions/:id/bookmark",
            post(agenda::pages::bookmark_post),
        )
        .at("/calendar/:file", get(calendar::pages::personal_get))
        .at(
            "/events/:slug/register",
            get(registration::pages::register_get),
        )
        .at(
            "/events/:slug/registration",
            get(registration::pages::mine_get).post(registration::pages::register_post),
        )
        .at(
            "/events/:slug/registration/answers",
            post(registration::pages::answers_post),
        )
        .at(
            "/events/:slug/registration/cancel",
            post(registration::pages::cancel_post),
        )
        .at(
            "/events/:slug/registration/accept",
            post(registration::pages::accept_post),
        )
        .at(
            "/events/:slug/registrations/:id/files/:question",
            get(registration::pages::file_get),
        )
        .at(
            "/events/:slug/sessions/:id/booking",
            post(registration::pages::book_post),
        )
        .at(
            "/events/:slug/sessions/:id/booking/cancel",
            post(registration::pages::unbook_post),
        )
        .at(
            "/events/:slug/checkin",
            get(registration::pages::checkin_get).post(registration::pages::checkin_post),
        )
        .at(
            "/orga/events/:slug/registrations",
            get(registration::pages::orga_get).post(registration::pages::orga_post),
        )
        .at(
            "/orga/events/:slug/registrations.csv",
            get(registration::pages::csv_get),
        )
        .at(
            "/orga/events/:slug/registrations.json",
            get(registration::pages::json_get),
        )
        .at(
            "/orga/events/:slug/registrations/live.json",
            get(registration::pages::live_get),
        )
        .at(
            "/orga/events/:slug/registrations/:id",
            get(registration::pages::orga_detail_get),
        )
        .at(
            "/orga/events/:slug/registrations/:id/decide",
            post(registration::pages::decide_post),
        )
        .at(
            "/orga/events/:slug/registration-form",
            get(registration::pages::orga_form_get),
        )
        .at(
            "/orga/events/:slug/ticket-types",
            post(registration::pages::ticket_post),
        )
        .at(
            "/orga/events/:slug/ticket-types/:id",
            post(registration::pages::ticket_edit_post),
        )
        .at(
            "/orga/events/:slug/ticket-types/:id/delete",
            post(registration::pages::ticket_delete_post),
        )
        .at(
            "/orga/events/:slug/questions",
            post(registration::pages::question_post),
        )
        .at(
            "/orga/events/:slug/questions/:id/delete",
            post(registration::pages::question_delete_post),
        )
        .at("/me/data.json", get(account::pages::data_get))
        .at(
            "/me/delete",
            get(account::pages::delete_get).post(account::pages::delete_post),
        )
        .at("/orga/events", get(event::pages::orga_list_get))
        .at(
            "/orga/events/new",
            get(event::pages::orga_new_get).post(event::pages::orga_new_post),
        )
        .at(
            "/orga/events/:slug",
            get(event::pages::orga_edit_get).post(event::pages::orga_edit_post),
        )
        .at(
            "/orga/events/:slug/status",
            post(event::pages::orga_status_post),
        )
        .at("/orga/events/:slug/agenda", get(agenda::pages::orga_get))
        .at(
            "/orga/events/:slug/agenda/publish",
            post(agenda::pages::publish_post),
        )
        .at(
            "/orga/events/:slug/agenda/import",
            post(agenda::pages::import_post),
        )
        .at(
            "/orga/events/:slug/rooms",
            get(agenda::pages::rooms_get).post(agenda::pages::room_post),
        )
        .at(
            "/orga/events/:slug/rooms/:id",
            get(agenda::pages::room_edit_get).post(agenda::pages::room_edit_post),
        )
        .at("/orga/events/:slug/tracks", post(agenda::pages::track_post))
        .at(
            "/orga/events/:slug/sessions/new",
            get(agenda::pages::session_new_get).post(agenda::pages::session_new_post),
        )
        .at(
            "/orga/events/:slug/sessions/:id",
            get(agenda::pages::session_edit_get).post(agenda::pages::session_edit_post),
        )
        .at(
            "/orga/events/:slug/sessions/:id/status",
            post(agenda::pages::session_status_post),
        )
        .at(
            "/orga/events/:slug/sessions/:id/delete",
            post(agenda::pages::session_delete_post),
        )
        .at(
            "/orga/events/:slug/rooms/:id/delete",
            post(agenda::pages::room_delete_post),
        )
        .at(
            "/orga/events/:slug/tracks/:id/delete",
            post(agenda::pages::track_delete_post),
        )
        .at("/calls", get(call::pages::list_get))
        .at("/calls/:slug", get(call::pages::detail_get))
        .at("/calls/:slug/submissions", post(call::pages::start_post))
        .at(
            "/calls/:slug/submissions/:id",
            get(call::pages::submission_get).post(call::pages::save_post),
        )
        .at(
            "/calls/:slug/submissions/:id/submit",
            post(call::pages::submit_post),
        )
        .at(
            "/calls/:slug/submissions/:id/withdraw",
            post(call::pages::withdraw_post),
        )
        .at(
            "/calls/:slug/submissions/:id/members",
            post(call::pages::invite_post),
        )
        .at(
            "/calls/:slug/submissions/:id/members/:member/delete",
            post(call::pages::member_delete_post),
        )
        .at(
            "/calls/:slug/submissions/:id/files",
            post(call::pages::file_post),
        )
        .at(
            "/calls/:slug/submissions/:id/files/:file",
            get(call::pages::file_get),
        )
        .at(
            "/calls/:slug/submissions/:id/files/:file/delete",
            post(call::pages::file_delete_post),
        )
        .at(
            "/calls/:slug/submissions/:id/answers/:question",
            get(call::pages::answer_file_get),
        )
        .at("/orga/calls", get(call::pages::orga_list_get))
        .at(
            "/orga/calls/new",
            get(call::pages::new_get).post(call::pages::new_post),
        )
        .at(
            "/orga/calls/:slug",
            get(call::pages::edit_get).post(call::pages::edit_post),
        )
        .at("/orga/calls/:slug/publish", post(call::pages::publish_post))
        .at(
            "/orga/calls/:slug/questions",
            get(call::pages::questions_get).post(call::pages::question_post),
        )
        .at(
            "/orga/calls/:slug/questions/:id/delete",
            post(call::pages::question_delete_post),
        )
        .at(
            "/orga/calls/:slug/submissions",
            get(call::pages::orga_submissions_get),
        )
        .at(
            "/orga/calls/:slug/submissions.csv",
            get(call::pages::csv_get),
        )
        .at(
            "/orga/calls/:slug/submissions.json",
            get(call::pages::json_get),
        )
        .at(
            "/orga/calls/:slug/attachments.zip",
            get(call::pages::zip_get),
        )
        .at(
            "/orga/calls/:slug/jury/rounds/:id/report.pdf",
            get(jury::report::report_get),
        )
        .at(
            "/orga/calls/:slug/submissions/:id",
            get(call::pages::orga_submission_get),
        )
        .at(
            "/orga/calls/:slug/submissions/:id/decide",
            post(call::pages::decide_post),
        )
        // The organisers' jury pages (jury::orga_pages).
        .at("/orga/calls/:slug/jury", get(jury::orga_pages::jury_get))
        .at(
            "/orga/calls/:slug/jury/rounds",
            post(jury::orga_pages::round_create_post),
        )
        .at(
            "/orga/calls/:slug/jury/jurors",
            post(jury::orga_pages::juror_invite_post),
        )
        .at(
            "/orga/calls/:slug/jury/jurors/:account/remove",
            post(jury::orga_pages::juror_remove_post),
        )
        .at(
            "/orga/calls/:slug/jury/start-review",
            post(jury::orga_pages::start_review_post),
        )
        .at(
            "/orga/calls/:slug/jury/release",
            post(jury::orga_pages::release_post),
        )
        .at(
            "/orga/calls/:slug/jury/rounds/:id",
            get(jury::orga_pages::round_get).post(jury::orga_pages::round_post),
        )
        .at(
            "/orga/calls/:slug/jury/rounds/:id/close",
            post(jury::orga_pages::close_post),
        )
        .at(
            "/orga/calls/:slug/jury/rounds/:id/criteria",
            post(jury::orga_pages::criterion_add_post),
        )
        .at(
            "/orga/calls/:slug/jury/rounds/:id/criteria/:criterion",
            post(jury::orga_pages::criterion_edit_post),
        )
        .at(
            "/orga/calls/:slug/jury/rounds/:id/criteria/:criterion/delete",
            post(jury::orga_pages::criterion_delete_post),
        )
        .at(
            "/orga/calls/:slug/jury/rounds/:id/assign",
            post(jury::orga_pages::assign_post),
        )
        .at(
            "/orga/calls/:slug/jury/rounds/:id/unassign",
            post(jury::orga_pages::unassign_post),
        )
        .at(
            "/orga/calls/:slug/jury/rounds/:id/auto-assign",
            post(jury::orga_pages::auto_assign_post),
        )
        .at(
            "/orga/calls/:slug/jury/rounds/:id/import",
            post(jury::orga_pages::import_post),
        )
        .at(
            "/orga/calls/:slug/jury/rounds/:id/confirm",
            post(jury::orga_pages::confirm_post),
        )
        .at(
            "/orga/calls/:slug/jury/rounds/:id/slots",
            post(jury::orga_pages::slots_post),
        )
        .at(
            "/orga/calls/:slug/jury/rounds/:id/scores.csv",
            get(jury::orga_pages::scores_csv_get),
        )
        .at(
            "/orga/calls/:slug/jury/rounds/:id/stage",
            get(jury::orga_pages::stage_get),
        )
        .at("/jury", get(jury::pages::mine_get))
        .at("/jury/rounds/:id", get(jury::pages::round_get))
        .at("/jury/rounds/:id/entries/:sub", get(jury::pages::entry_get))
        .at(
            "/jury/rounds/:id/entries/:sub/declaration",
            post(jury::pages::declaration_post),
        )
        .at(
            "/jury/rounds/:id/entries/:sub/review",
            post(jury::pages::review_post),
        )
        .at(
            "/jury/rounds/:id/entries/:sub/files/:file",
            get(jury::pages::file_get),
        )
        // Certificates (certificate::pages).
        .at(
            "/orga/events/:slug/certificates",
            get(certificate::pages::event_list_get).post(certificate::pages::event_create_post),
        )
        .at(
            "/orga/calls/:slug/certificates",
            get(certificate::pages::call_list_get).post(certificate::pages::call_create_post),
        )
        .at(
            "/orga/certificates/templates/:id",
            get(certificate::pages::template_get).post(certificate::pages::template_post),
        )
        .at(
            "/orga/certificates/templates/:id/images",
            post(certificate::pages::images_post),
        )
        .at(
            "/orga/certificates/templates/:id/preview.pdf",
            get(certificate::pages::preview_get),
        )
        .at(
            "/orga/certificates/templates/:id/preview",
            post(certificate::pages::preview_post),
        )
        .at(
            "/orga/certificates/templates/:id/issue",
            post(certificate::pages::issue_post),
        )
        .at(
            "/orga/certificates/templates/:id/delete",
            post(certificate::pages::delete_post),
        )
        .at(
            "/orga/certificates/templates/:id/certificates.zip",
            get(certificate::pages::zip_get),
        )
        .at(
            "/orga/certificates/jobs/:id",
            get(certificate::pages::job_get),
        )
        .at(
            "/orga/certificates/:id/pdf",
            get(certificate::pages::orga_pdf_get),
        )
        .at(
            "/orga/certificates/:id/revoke",
            post(certificate::pages::revoke_post),
        )
        .at("/me/certificates", get(certificate::pages::mine_get))
        .at(
            "/me/certificates/:id/pdf",
            get(certificate::pages::mine_pdf_get),
        )
        .at("/verify", get(certificate::pages::verify_form_get))
        .at("/verify/:code", get(certificate::pages::verify_get))
        // Matchmaking (matchmaking::pages).
        .at(
            "/events/:slug/matchmaking",
            get(matchmaking::pages::main_get),
        )
        .at(
            "/events/:slug/matchmaking/profile",
            post(matchmaking::pages::profile_post),
        )
        .at(
            "/events/:slug/matchmaking/entries",
            post(matchmaking::pages::entry_post),
        )
        .at(
            "/events/:slug/matchmaking/entries/:id",
            post(matchmaking::pages::entry_edit_post),
        )
        .at(
            "/events/:slug/matchmaking/entries/:id/delete",
            post(matchmaking::pages::entry_delete_post),
        )
        .at(
            "/events/:slug/matchmaking/profiles",
            get(matchmaking::pages::profiles_get),
        )
        .at(
            "/events/:slug/matchmaking/requests",
            post(matchmaking::pages::request_post),
        )
        .at(
            "/events/:slug/matchmaking/requests/:id/accept",
            post(matchmaking::pages::accept_post),
        )
        .at(
            "/events/:slug/matchmaking/requests/:id/decline",
            post(matchmaking::pages::decline_post),
        )
        .at(
            "/events/:slug/matchmaking/requests/:id/cancel",
            post(matchmaking::pages::cancel_post),
        )
        .at(
            "/events/:slug/matchmaking/requests/:id/slot",
            post(matchmaking::pages::slot_post),
        )
        .at(
            "/orga/events/:slug/matchmaking",
            get(matchmaking::pages::setup_get).post(matchmaking::pages::setup_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/topics",
            post(matchmaking::pages::topic_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/topics/:id/delete",
            post(matchmaking::pages::topic_delete_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/sessions",
            post(matchmaking::pages::session_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/sessions/:id",
            post(matchmaking::pages::session_edit_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/sessions/:id/delete",
            post(matchmaking::pages::session_delete_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/grid",
            get(matchmaking::pages::grid_get),
        )
        .at(
            "/orga/events/:slug/matchmaking/schedule",
            post(matchmaking::pages::schedule_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/lock",
            post(matchmaking::pages::lock_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/meetings",
            post(matchmaking::pages::meeting_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/meetings/:id",
            get(matchmaking::pages::meeting_get),
        )
        .at(
            "/orga/events/:slug/matchmaking/meetings/:id/move",
            post(matchmaking::pages::move_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/meetings/:id/cancel",
            post(matchmaking::pages::meeting_cancel_post),
        )
        .at(
            "/orga/events/:slug/matchmaking/tables.pdf",
            get(matchmaking::pages::tables_pdf_get),
        )
        .at(
            "/orga/events/:slug/matchmaking/people.pdf",
            get(matchmaking::pages::people_pdf_get),
        )
        .at("/admin/accounts", get(account::pages::admin_accounts_get))
        .at(
            "/admin/accounts/:id",
            get(account::pages::admin_account_get),
        )
        .at(
            "/admin/accounts/:id/roles",
            post(account::pages::admin_grant_post),
        )
        .at(
            "/admin/accounts/:id/roles/:grant/revoke",
            post(account::pages::admin_revoke_post),
        )
        .at(
            "/admin/organisations",
            get(organisation::pages::admin_list_get).post(organisation::pages::admin_create_post),
        )
        .around(page::html_errors);

    let (api, docs, spec) = api::service(state.config.base_url.clone());

    Route::new()
        .at("/healthz", get(page::healthz_get))
        .at("/static/:file", get(page::static_get))
        .at("/api/openapi.json", spec)
        .nest("/api/docs", docs.with(page::DocsHeaders))
        .nest("/api/v1", api.around(api::api_errors))
        .at(
            "/api",
            make_sync(|_| poem::web::Redirect::see_other("/api/docs")),
        )
        .nest("/", pages)
        .around(auth::identify)
        .with(page::SecurityHeaders)
        .around(limit_body)
        .with(CookieJarManager::new())
        .data(state)
}

/// Reads request bodies up to [`BODY_LIMIT`]; a larger one is refused with 413 before any
/// handler sees it (also when it comes without a `Content-Length`).
async fn limit_body<E: Endpoint>(ep: E, mut req: Request) -> poem::Result<Response> {
    use poem::IntoResponse;
    let declared = req
        .headers()
        .get(poem::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let limit = body_limit(req.uri().path());
    if declared.is_some_and(|n| n > limit) {
        return Ok(too_large());
    }
    let body = req.take_body();
    if is_upload(req.uri().path()) {
        req.set_body(poem::Body::from_async_read(Limited {
            inner: body.into_async_read(),
            left: limit,
        }));
        return ep.call(req).await.map(IntoResponse::into_response);
    }
    match body.into_bytes_limit(limit).await {
        Ok(bytes) => {
            req.set_body(bytes);
            ep.call(req).await.map(IntoResponse::into_response)
        }
        Err(poem::error::ReadBodyError::PayloadTooLarge) => Ok(too_large()),
        Err(e) => Err(e.into()),
    }
}

fn too_large() -> Response {
    Response::builder()
        .status(poem::http::StatusCode::PAYLOAD_TOO_LARGE)
        .content_type("text/plain; charset=utf-8")
        .body("413 – Die Anfrage ist zu groß. / The request is too large.")
}

/// A body reader that fails once more than `left` bytes have come (bodies without a
/// `Content-Length`, or with a false one).
struct Limited<R> {
    inner: R,
    left: usize,
}

impl<R: tokio::io::AsyncRead + Unpin> tokio::io::AsyncRead for Limited<R> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let poll = std::pin::Pin::new(&mut self.inner).poll_read(cx, buf);
        if let std::task::Poll::Ready(Ok(())) = &poll {
            let n = buf.filled().len() - before;
            if n > self.left {
                return std::task::Poll::Ready(Err(std::io::Error::other(
                    "request body too large",
                )));
            }
            self.left -= n;
        }
        poll
    }
}
