//! The webhooks page of an event or call: its hooks with their delivery logs, and the form to
//! add one.

use crate::{Errors, Layout, Template};

/// One delivery in a hook's log.
#[derive(Debug, Clone)]
pub struct DeliveryLine {
    pub when: String,
    pub topic: String,
    /// Delivered, retrying, failed, pending (in words).
    pub state: String,
    /// `delivered`, `retrying`, `failed` or `pending`: the CSS class of the state.
    pub state_key: &'static str,
    pub attempts: String,
    /// The HTTP status of the last answer, or a dash.
    pub status: String,
    pub duration: String,
    /// The start of the last answer, or the error.
    pub response: String,
    pub payload: String,
    /// Where to post to send it again.
    pub redeliver_url: String,
}

/// One registered hook.
#[derive(Debug, Clone)]
pub struct HookView {
    pub id: i64,
    pub url: String,
    pub description: String,
    /// The topics it receives, described.
    pub topics: Vec<String>,
    pub secret: String,
    pub test_url: String,
    pub delete_url: String,
    pub deliveries: Vec<DeliveryLine>,
}

/// A topic one can choose for a new hook.
#[derive(Debug, Clone)]
pub struct TopicChoice {
    /// As the API names it, e.g. `registration.created`.
    pub value: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "webhook/webhooks.html")]
pub struct WebhooksPage {
    pub layout: Layout,
    pub errors: Errors,
    /// (url, label) of the event's or call's dashboard.
    pub back: (String, String),
    pub hooks: Vec<HookView>,
    pub action: String,
    pub topic_choices: Vec<TopicChoice>,
    pub url: String,
    pub description: String,
}
