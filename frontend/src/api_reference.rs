//! The API reference page: every operation of the OpenAPI document as plain HTML, for people
//! who read it with a screen reader, a keyboard or a phone (the Swagger UI at `/api/docs` is
//! for trying requests out).

use crate::{Layout, Localized, Template};

/// One parameter or response line.
#[derive(Debug, Clone)]
pub struct ApiField {
    pub name: String,
    /// Where it goes (path, query, header) or, for a response, nothing.
    pub place: String,
    pub kind: String,
    pub required: bool,
    pub description: Localized,
}

#[derive(Debug, Clone)]
pub struct ApiOperation {
    /// The anchor: the operation id.
    pub id: String,
    pub method: String,
    pub path: String,
    pub summary: Localized,
    pub description: Vec<Localized>,
    pub parameters: Vec<ApiField>,
    /// The request body's schema name, if the operation takes one.
    pub body: Option<String>,
    pub responses: Vec<ApiField>,
}

#[derive(Debug, Clone)]
pub struct ApiGroup {
    pub id: String,
    pub name: String,
    pub operations: Vec<ApiOperation>,
}

#[derive(Template)]
#[template(path = "api/reference.html")]
pub struct ApiReference {
    pub layout: Layout,
    pub intro: Vec<Localized>,
    pub base: String,
    pub groups: Vec<ApiGroup>,
}
