//! The URLs of the jury pages: the jurors' pages under `/jury`, and the organisers' jury pages and
//! report under `/orga/calls/:slug/jury`. Mounted by `crate::routes`, which applies the middleware
//! every page shares.

use poem::Route;

use crate::http::methods::{get, post};

use super::{orga_pages, pages, report};

/// Adds the jury pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at(
        "/orga/calls/:slug/jury/rounds/:id/report.pdf",
        get(report::report_get),
    )
    .at("/orga/calls/:slug/jury", get(orga_pages::jury_get))
    .at(
        "/orga/calls/:slug/jury/rounds",
        post(orga_pages::round_create_post),
    )
    .at(
        "/orga/calls/:slug/jury/jurors",
        post(orga_pages::juror_invite_post),
    )
    .at(
        "/orga/calls/:slug/jury/jurors/:account/remove",
        post(orga_pages::juror_remove_post),
    )
    .at(
        "/orga/calls/:slug/jury/rounds/:id/panel",
        post(orga_pages::panel_post),
    )
    .at(
        "/orga/calls/:slug/jury/possible-conflicts/:juror/:submission",
        post(orga_pages::possible_conflict_post),
    )
    .at(
        "/orga/calls/:slug/jury/start-review",
        post(orga_pages::start_review_post),
    )
    .at(
        "/orga/calls/:slug/jury/release",
        post(orga_pages::release_post),
    )
    .at(
        "/orga/calls/:slug/jury/rounds/:id",
        get(orga_pages::round_get).post(orga_pages::round_post),
    )
    .at(
        "/orga/calls/:slug/jury/rounds/:id/close",
        post(orga_pages::close_post),
    )
    .at(
        "/orga/calls/:slug/jury/rounds/:id/criteria",
        post(orga_pages::criterion_add_post),
    )
    .at(
        "/orga/calls/:slug/jury/rounds/:id/criteria/:criterion",
        post(orga_pages::criterion_edit_post),
    )
    .at(
        "/orga/calls/:slug/jury/rounds/:id/criteria/:criterion/delete",
        post(orga_pages::criterion_delete_post),
    )
    .at(
        "/orga/calls/:slug/jury/rounds/:id/assign",
        post(orga_pages::assign_post),
    )
    .at(
        "/orga/calls/:slug/jury/rounds/:id/unassign",
        post(orga_pages::unassign_post),
    )
    .at(
        "/orga/calls/:slug/jury/rounds/:id/auto-assign",
        post(orga_pages::auto_assign_post),
    )
    .at(
        "/orga/calls/:slug/jury/rounds/:id/import",
        post(orga_pages::import_post),
    )
    .at(
        "/orga/calls/:slug/jury/rounds/:id/confirm",
        post(orga_pages::confirm_post),
    )
    .at(
        "/orga/calls/:slug/jury/rounds/:id/slots",
        post(orga_pages::slots_post),
    )
    .at(
        "/orga/calls/:slug/jury/rounds/:id/scores.csv",
        get(orga_pages::scores_csv_get),
    )
    .at(
        "/orga/calls/:slug/jury/rounds/:id/stage",
        get(orga_pages::stage_get),
    )
    .at("/jury", get(pages::mine_get))
    .at("/jury/rounds/:id", get(pages::round_get))
    .at("/jury/rounds/:id/entries/:sub", get(pages::entry_get))
    .at(
        "/jury/rounds/:id/entries/:sub/declaration",
        post(pages::declaration_post),
    )
    .at(
        "/jury/rounds/:id/entries/:sub/review",
        post(pages::review_post),
    )
    .at(
        "/jury/rounds/:id/entries/:sub/others",
        post(pages::others_post),
    )
    .at(
        "/jury/rounds/:id/entries/:sub/files/:file",
        get(pages::file_get),
    )
}
