//! The URLs of the call pages: the public calls, submitting and team work on a submission, and the
//! organisers' calls, questions, submissions, exports and decisions. Mounted by `crate::routes`,
//! which applies the middleware every page shares.

use poem::Route;

use crate::http::methods::{get, post};

use super::{orga_log, orga_pages, orga_submissions, pages};

/// Adds the call pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at("/calls", get(pages::list_get))
        .at("/calls/:slug", get(pages::detail_get))
        .at("/calls/:slug/submissions", post(pages::start_post))
        .at(
            "/calls/:slug/submissions/:id",
            get(pages::submission_get).post(pages::save_post),
        )
        .at(
            "/calls/:slug/submissions/:id/submit",
            post(pages::submit_post),
        )
        .at(
            "/calls/:slug/submissions/:id/withdraw",
            post(pages::withdraw_post),
        )
        .at(
            "/calls/:slug/submissions/:id/members",
            post(pages::invite_post),
        )
        .at(
            "/calls/:slug/submissions/:id/members/:member/delete",
            post(pages::member_delete_post),
        )
        .at("/calls/:slug/submissions/:id/files", post(pages::file_post))
        .at(
            "/calls/:slug/submissions/:id/files/:file",
            get(pages::file_get),
        )
        .at(
            "/calls/:slug/submissions/:id/files/:file/delete",
            post(pages::file_delete_post),
        )
        .at(
            "/calls/:slug/submissions/:id/answers/:question",
            get(pages::answer_file_get),
        )
        .at("/orga/calls", get(orga_pages::orga_list_get))
        .at(
            "/orga/calls/new",
            get(orga_pages::new_get).post(orga_pages::new_post),
        )
        .at(
            "/orga/calls/:slug",
            get(orga_pages::edit_get).post(orga_pages::edit_post),
        )
        .at("/orga/calls/:slug/publish", post(orga_pages::publish_post))
        .at(
            "/orga/calls/:slug/questions",
            get(orga_pages::questions_get).post(orga_pages::question_post),
        )
        .at(
            "/orga/calls/:slug/questions/:id/delete",
            post(orga_pages::question_delete_post),
        )
        .at(
            "/orga/calls/:slug/submissions",
            get(orga_submissions::orga_submissions_get),
        )
        .at("/orga/calls/:slug/log", get(orga_log::log_get))
        .at("/orga/calls/:slug/log.csv", get(orga_log::log_csv_get))
        .at(
            "/orga/calls/:slug/submissions/decide",
            post(orga_submissions::bulk_decide_post),
        )
        .at(
            "/orga/calls/:slug/submissions.csv",
            get(orga_submissions::csv_get),
        )
        .at(
            "/orga/calls/:slug/submissions.json",
            get(orga_submissions::json_get),
        )
        .at(
            "/orga/calls/:slug/attachments.zip",
            get(orga_submissions::zip_get),
        )
        .at(
            "/orga/calls/:slug/submissions/:id",
            get(orga_submissions::orga_submission_get),
        )
        .at(
            "/orga/calls/:slug/submissions/:id/decide",
            post(orga_submissions::decide_post),
        )
}
