//! Event pages: the public list and event page, and the organisers' event forms.

use crate::{Errors, Layout, Localized, Template};

/// An event in a list.
#[derive(Debug, Clone)]
pub struct EventCard {
    pub url: String,
    pub title: Localized,
    pub dates: String,
    pub venue: String,
    /// A status label for organisers' lists ("Draft"); empty on public lists.
    pub status: String,
}

#[derive(Template)]
#[template(path = "event/list.html")]
pub struct List {
    pub layout: Layout,
    pub upcoming: Vec<EventCard>,
    pub past: Vec<EventCard>,
}

/// Links to an event's calendar feed.
#[derive(Debug, Clone)]
pub struct FeedLinks {
    pub ics_url: String,
    pub webcal_url: String,
}

/// One line of "what changed since the last version".
#[derive(Debug, Clone)]
pub struct ChangeLine {
    /// "added", "moved" or "cancelled" (a CSS class and a message id suffix).
    pub kind: &'static str,
    pub label: String,
    pub url: String,
    pub title: String,
    pub detail: String,
}

#[derive(Debug, Clone)]
pub struct ChangesView {
    pub heading: String,
    pub lines: Vec<ChangeLine>,
    /// What to say when there are no lines (translated).
    pub empty: String,
}

#[derive(Template)]
#[template(path = "event/detail.html")]
pub struct Detail {
    pub layout: Layout,
    pub title: Localized,
    pub paragraphs: Vec<Localized>,
    pub dates: String,
    pub venue: String,
    pub address: String,
    pub timezone: String,
    pub organisations: Vec<String>,
    pub contact_name: String,
    pub contact_email: String,
    pub agenda_url: String,
    pub feed: FeedLinks,
    /// Set for the event's organisers.
    pub orga_url: Option<String>,
    /// The check-in desk, for the event's door staff.
    pub checkin_url: Option<String>,
    pub draft_notice: bool,
    pub changes: Option<ChangesView>,
    pub registration: Option<crate::registration::RegistrationBox>,
    /// Set when the event has matchmaking.
    pub matchmaking_url: Option<String>,
}

/// The organisers' list of their events.
#[derive(Template)]
#[template(path = "event/orga_list.html")]
pub struct OrgaList {
    pub layout: Layout,
    pub events: Vec<EventCard>,
    pub can_create: bool,
}

/// The event form (new or edit) with the values typed so far.
#[derive(Debug, Clone, Default)]
pub struct EventForm {
    pub slug: String,
    pub title_de: String,
    pub title_en: String,
    pub description_de: String,
    pub description_en: String,
    pub venue: String,
    pub address: String,
    pub timezone: String,
    pub starts_on: String,
    pub ends_on: String,
    pub contact_name: String,
    pub contact_email: String,
    pub organisations: String,
    /// The slug of the owning organisation.
    pub owner: String,
}

#[derive(Template)]
#[template(path = "event/orga_edit.html")]
pub struct OrgaEdit {
    pub layout: Layout,
    pub errors: Errors,
    pub form: EventForm,
    /// The organisations that may own the event.
    pub owners: crate::Choices,
    pub action: String,
    /// Set when editing: the event's pages and status controls.
    pub existing: Option<ExistingEvent>,
}

#[derive(Debug, Clone)]
pub struct ExistingEvent {
    pub public_url: String,
    pub agenda_url: String,
    pub rooms_url: String,
    pub registrations_url: String,
    pub status_url: String,
    pub status: String,
    /// (value, button label) of the status changes allowed now.
    pub transitions: Vec<(String, String)>,
}
