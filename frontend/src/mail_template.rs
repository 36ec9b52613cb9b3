//! The mail template pages of an event or call: the list of its mails, and the editor of one
//! mail in one language with its placeholders, a preview and a reset.

use crate::{Errors, Layout, Template};

/// One mail in the list, with its state in each language.
#[derive(Debug, Clone)]
pub struct MailRow {
    pub label: String,
    pub key: String,
    /// (language name, "changed"/"default" in words, whether changed, editor URL) per language.
    pub langs: Vec<(String, String, bool, String)>,
}

#[derive(Template)]
#[template(path = "mail_template/list.html")]
pub struct MailListPage {
    pub layout: Layout,
    /// (url, label) of the event's or call's dashboard.
    pub back: (String, String),
    pub rows: Vec<MailRow>,
}

/// A placeholder the text may use, with what it stands for.
#[derive(Debug, Clone)]
pub struct Placeholder {
    /// `{name}`
    pub code: String,
    pub meaning: String,
}

#[derive(Template)]
#[template(path = "mail_template/edit.html")]
pub struct MailEditPage {
    pub layout: Layout,
    pub errors: Errors,
    /// (url, label) of the list of mails.
    pub back: (String, String),
    /// The language of the text edited (`de`, `en`), for `lang` on the fields.
    pub text_lang: String,
    /// The other language's editor: (url, label).
    pub other: (String, String),
    pub action: String,
    pub reset_action: String,
    pub customised: bool,
    pub subject: String,
    pub body: String,
    pub placeholders: Vec<Placeholder>,
    /// The mail as a recipient reads it: (subject, body), after "Preview".
    pub preview: Option<(String, String)>,
}
