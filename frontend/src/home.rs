//! The home page.

use crate::{Layout, Template};

#[derive(Template)]
#[template(path = "home.html")]
pub struct Home {
    pub layout: Layout,
    /// Demo sign-ins to show on a demo installation (empty otherwise).
    pub demo_accounts: Vec<(String, String)>,
    pub demo_password: Option<String>,
}
