//! The HTTP toolkit every domain's pages and API operations use: the page context and
//! rendering helpers (`page`), formatting for people (`fmt`), CSRF-checked forms and cookies
//! (`auth`), the API's error shape and security schemes (`api`), the API document's value rules
//! (`api_doc`), strict JSON bodies on the API (`strict_json`) and request body limits (`body`).
//! It imports no domain module: the route table that mounts the domains is `crate::routes`, the
//! composition root.

pub mod api;
pub mod api_doc;
/// The API reference as a plain page.
pub mod api_reference;
pub mod auth;
pub mod body;
/// Compression of large text bodies and `ETag`s on visitors' pages.
pub mod encoding;
pub mod fmt;
/// The audit-log page and CSV export every readable log uses.
pub mod log_page;
pub mod methods;
pub mod page;
pub mod panic;
pub mod render_cache;
pub mod strict_json;
