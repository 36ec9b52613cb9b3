//! What every page shares: the layout (language, title, navigation, flash message, CSRF token)
//! and the error list of a form.

use crate::i18n::{Lang, Tr};

/// The signed-in person as the header shows them.
#[derive(Debug, Clone)]
pub struct UserNav {
    pub name: String,
    pub is_admin: bool,
    /// Organises something (an event or call, or site-wide).
    pub is_organiser: bool,
    /// Sits on a call's jury: the navigation offers their jury pages.
    pub is_juror: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlashKind {
    Success,
    Info,
    Error,
}

/// A one-time message shown at the top of the next page ("Your profile was saved").
#[derive(Debug, Clone)]
pub struct Flash {
    pub kind: FlashKind,
    pub text: String,
}

impl Flash {
    pub fn class(&self) -> &'static str {
        match self.kind {
            FlashKind::Success => "flash flash-success",
            FlashKind::Info => "flash flash-info",
            FlashKind::Error => "flash flash-error",
        }
    }
}

/// The frame of every page.
#[derive(Debug, Clone)]
pub struct Layout {
    pub lang: Lang,
    pub t: Tr,
    /// The page's own title (the layout adds " – convene").
    pub title: String,
    pub user: Option<UserNav>,
    /// The CSRF token every `<form method="post">` carries as `csrf_token`.
    pub csrf_token: String,
    pub flash: Option<Flash>,
    /// The current path with query, for the language switcher's `next`.
    pub path: String,
    /// Which main navigation entry is current: "home", "admin", "me" …
    pub section: &'static str,
}

impl Layout {
    /// `/lang/{code}?next=<this page>`.
    pub fn lang_url(&self, lang: &Lang) -> String {
        format!("/lang/{}?next={}", lang.code(), encode_query(&self.path))
    }

    /// Whether `lang` is the page's language (the switcher marks it).
    pub fn is_current(&self, lang: &Lang) -> bool {
        *lang == self.lang
    }

    /// The languages of the switcher.
    pub fn langs(&self) -> [Lang; 2] {
        Lang::ALL
    }

    pub fn is_section(&self, section: &str) -> bool {
        self.section == section
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay).
pub fn encode_query(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One problem with one form field, already translated.
#[derive(Debug, Clone)]
pub struct FieldError {
    pub field: String,
    pub message: String,
    /// The field's label, when the form names it: the summary then says which field it means
    /// ("Company: Please fill in this field"), not the bare message again and again.
    pub label: String,
}

/// The problems of a submitted form, in field order. Empty when the form is shown first.
#[derive(Debug, Clone, Default)]
pub struct Errors {
    pub items: Vec<FieldError>,
}

impl Errors {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The message for `field`, if it has one.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// Every message for `field` after its first (a file import names each event it refused).
    pub fn more(&self, field: &str) -> Vec<&str> {
        self.items
            .iter()
            .filter(|e| e.field == field)
            .skip(1)
            .map(|e| e.message.as_str())
            .collect()
    }

    /// Names the fields of `labels` (field, label) in the summary.
    #[must_use]
    pub fn labelled(mut self, labels: impl IntoIterator<Item = (String, String)>) -> Self {
        let labels: Vec<(String, String)> = labels.into_iter().collect();
        for e in &mut self.items {
            if let Some((_, label)) = labels.iter().find(|(f, _)| *f == e.field) {
                e.label.clone_from(label);
            }
        }
        self
    }

    /// The `class` of a field's wrapper.
    pub fn class(&self, field: &str) -> &'static str {
        if self.get(field).is_some() {
            "field has-error"
        } else {
            "field"
        }
    }
}
