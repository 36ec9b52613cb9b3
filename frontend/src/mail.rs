//! Plain-text e-mail bodies. Subjects come from the catalogue (`mail-*-subject`).

use crate::{Template, Tr};

/// "Please confirm your e-mail address."
#[derive(Template)]
#[template(path = "mail/confirm.txt")]
pub struct Confirm {
    pub t: Tr,
    pub name: String,
    pub link: String,
}

/// "Someone tried to sign up with your address" (the account already exists).
#[derive(Template)]
#[template(path = "mail/already_registered.txt")]
pub struct AlreadyRegistered {
    pub t: Tr,
    pub name: String,
    pub signin_link: String,
    pub reset_link: String,
}

/// "Reset your password."
#[derive(Template)]
#[template(path = "mail/reset.txt")]
pub struct Reset {
    pub t: Tr,
    pub name: String,
    pub link: String,
}
