//! Sign-up, e-mail confirmation, sign-in and password reset pages.

use crate::{Errors, Layout, Template};

#[derive(Template)]
#[template(path = "auth/signup.html")]
pub struct SignUp {
    pub layout: Layout,
    pub errors: Errors,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub organisations: Vec<String>,
}

#[derive(Template)]
#[template(path = "auth/signin.html")]
pub struct SignIn {
    pub layout: Layout,
    pub errors: Errors,
    pub email: String,
    /// Where to go after signing in (a local path).
    pub next: String,
    /// Offer to send the confirmation mail again (the account exists but is unconfirmed).
    pub offer_resend: bool,
}

/// "We sent you an e-mail": after sign-up, a resend, or a reset request.
#[derive(Template)]
#[template(path = "auth/check_mail.html")]
pub struct CheckMail {
    pub layout: Layout,
    /// The message id of the explanation.
    pub body_id: &'static str,
    pub email: String,
}

#[derive(Template)]
#[template(path = "auth/reset_request.html")]
pub struct ResetRequest {
    pub layout: Layout,
    pub errors: Errors,
    pub email: String,
}

#[derive(Template)]
#[template(path = "auth/reset_form.html")]
pub struct ResetForm {
    pub layout: Layout,
    pub errors: Errors,
    pub token: String,
}
