//! The URLs of the certificate pages: the organisers' certificate templates, issuing jobs and
//! issued certificates, a person's own certificates, and public verification. Mounted by
//! `crate::routes`, which applies the middleware every page shares.

use poem::Route;

use crate::http::methods::{get, post};

use super::pages;

/// Adds the certificate pages to `app`.
pub fn routes(app: Route) -> Route {
    app.at(
        "/orga/events/:slug/certificates",
        get(pages::event_list_get).post(pages::event_create_post),
    )
    .at(
        "/orga/calls/:slug/certificates",
        get(pages::call_list_get).post(pages::call_create_post),
    )
    .at(
        "/orga/certificates/templates/:id",
        get(pages::template_get).post(pages::template_post),
    )
    .at(
        "/orga/certificates/templates/:id/images",
        post(pages::images_post),
    )
    .at(
        "/orga/certificates/templates/:id/preview.pdf",
        get(pages::preview_get),
    )
    .at(
        "/orga/certificates/templates/:id/preview",
        post(pages::preview_post),
    )
    .at(
        "/orga/certificates/templates/:id/issue",
        post(pages::issue_post),
    )
    .at(
        "/orga/certificates/templates/:id/delete",
        post(pages::delete_post),
    )
    .at(
        "/orga/certificates/templates/:id/certificates.zip",
        get(pages::zip_get),
    )
    .at("/orga/certificates/jobs/:id", get(pages::job_get))
    .at("/orga/certificates/:id/pdf", get(pages::orga_pdf_get))
    .at("/orga/certificates/:id/revoke", post(pages::revoke_post))
    .at("/orga/certificates/:id/reissue", post(pages::reissue_post))
    .at("/me/certificates", get(pages::mine_get))
    .at("/me/certificates/:id/pdf", get(pages::mine_pdf_get))
    .at("/verify", get(pages::verify_form_get))
    .at("/verify/:code", get(pages::verify_get))
}
