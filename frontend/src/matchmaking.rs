//! Matchmaking pages: the participant's page of an event (profile, entries, meetings, requests,
//! suggested partners), the marketplace of profiles with its filters, and the organisers'
//! settings and grid of tables × slots.

use crate::{Errors, Layout, Template};

pub use crate::Choices;

/// A topic as a checkbox or a tag.
#[derive(Debug, Clone)]
pub struct TopicCheck {
    pub id: String,
    pub name: String,
    pub checked: bool,
}

/// The profile form's values as typed.
#[derive(Debug, Clone, Default)]
pub struct ProfileValues {
    pub organisation: String,
    pub country: String,
    pub description: String,
    pub hidden: bool,
}

/// A marketplace entry.
#[derive(Debug, Clone)]
pub struct EntryLine {
    pub id: i64,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub body: String,
    /// Set on the owner's own entries.
    pub delete_url: Option<String>,
    /// The edit form, on the owner's own entries.
    pub edit: Option<EntryEdit>,
}

/// An entry form's values as typed (or as stored, when an edit form is first shown).
#[derive(Debug, Clone, Default)]
pub struct EntryValues {
    pub kind: String,
    pub title: String,
    pub body: String,
}

/// The edit form of one of the owner's entries. Its fields are named after the entry
/// (`entry-7-title` …) so that the page's error summary links to the right form.
#[derive(Debug, Clone)]
pub struct EntryEdit {
    pub url: String,
    pub kind_field: String,
    pub title_field: String,
    pub body_field: String,
    pub values: EntryValues,
    /// Shown open: the form was just refused.
    pub open: bool,
}

/// A profile as the marketplace and the suggestions show it.
#[derive(Debug, Clone)]
pub struct Card {
    pub id: i64,
    pub name: String,
    pub organisation: String,
    pub country: String,
    pub description: String,
    pub topics: Vec<String>,
    pub entries: Vec<EntryLine>,
    /// Why it is suggested (suggestions only).
    pub reasons: Vec<String>,
    /// The open request with this person, if any ("Request sent", "Meeting agreed").
    pub relation: Option<String>,
    pub can_request: bool,
    pub hidden: bool,
}

/// A meeting of the person's.
#[derive(Debug, Clone)]
pub struct MeetingLine {
    pub time: String,
    pub session: String,
    pub table: String,
    pub partner: String,
    pub organisation: String,
}

/// A request, sent or received.
#[derive(Debug, Clone)]
pub struct RequestLine {
    pub id: i64,
    pub partner: String,
    pub organisation: String,
    pub message: String,
    pub status: String,
    pub status_label: String,
    pub sent: String,
    pub reason: String,
    /// "Monday, 8 November 2027, 14:00–14:20 CET · Table 3".
    pub meeting: Option<String>,
    /// Received and pending: how to place the meeting on accepting.
    pub accept: Option<Choices>,
    /// Accepted without a slot: the slots both are free in (empty: none).
    pub pick: Option<Choices>,
    pub can_cancel: bool,
}

#[derive(Template)]
#[template(path = "matchmaking/main.html")]
pub struct MainPage {
    pub layout: Layout,
    pub errors: Errors,
    /// A refused action's message (409), shown at the top.
    pub problem: Option<String>,
    pub event_title: String,
    pub event_url: String,
    pub base: String,
    pub admitted: bool,
    pub register_url: String,
    pub has_profile: bool,
    pub sees_profiles: bool,
    pub values: ProfileValues,
    pub countries: Choices,
    pub topics: Vec<TopicCheck>,
    pub kinds: Choices,
    /// The new entry form's values (as typed, when it was refused).
    pub entry: EntryValues,
    pub entries: Vec<EntryLine>,
    pub meetings: Vec<MeetingLine>,
    pub incoming: Vec<RequestLine>,
    pub outgoing: Vec<RequestLine>,
    pub agreed: Vec<RequestLine>,
    pub closed: Vec<RequestLine>,
    pub suggestions: Vec<Card>,
    pub locked: bool,
    pub acceptance_required: bool,
    pub calendar_url: String,
    pub orga_url: Option<String>,
}

#[derive(Template)]
#[template(path = "matchmaking/profiles.html")]
pub struct BrowsePage {
    pub layout: Layout,
    pub problem: Option<String>,
    pub event_title: String,
    pub base: String,
    pub topic: String,
    pub country: String,
    pub kind: String,
    pub q: String,
    pub topic_choices: Choices,
    pub country_choices: Choices,
    pub kind_choices: Choices,
    pub cards: Vec<Card>,
    /// Every profile found (`count`), a page at a time.
    pub count: String,
    pub pager: crate::Pager,
}

/// The settings form's values.
#[derive(Debug, Clone, Default)]
pub struct SettingsValues {
    pub enabled: bool,
    pub acceptance_required: bool,
    pub audience: String,
    pub max_per_person: String,
}

/// A matchmaking session's form values.
#[derive(Debug, Clone, Default)]
pub struct SessionValues {
    pub agenda_session_id: String,
    pub slot_minutes: String,
    pub gap_minutes: String,
    pub tables: String,
    pub breaks: String,
}

#[derive(Debug, Clone)]
pub struct TopicLine {
    pub name_de: String,
    pub name_en: String,
    pub delete_url: String,
}

#[derive(Debug, Clone)]
pub struct SessionLine {
    pub id: i64,
    pub title: String,
    pub time: String,
    pub values: SessionValues,
    pub slots: usize,
    pub tables: usize,
    pub meetings: usize,
    pub action: String,
    pub delete_url: String,
}

#[derive(Template)]
#[template(path = "matchmaking/setup.html")]
pub struct SetupPage {
    pub layout: Layout,
    pub errors: Errors,
    pub problem: Option<String>,
    pub event_title: String,
    pub base: String,
    pub event_url: String,
    pub participant_url: String,
    pub values: SettingsValues,
    pub audience_choices: Choices,
    pub topics: Vec<TopicLine>,
    pub sessions: Vec<SessionLine>,
    pub agenda_choices: Choices,
    pub new_session: SessionValues,
    pub enabled: bool,
}

/// A meeting in a grid cell.
#[derive(Debug, Clone)]
pub struct GridCell {
    pub id: i64,
    pub people: String,
}

#[derive(Debug, Clone)]
pub struct GridRow {
    pub time: String,
    pub cells: Vec<Option<GridCell>>,
}

#[derive(Debug, Clone)]
pub struct GridSession {
    pub title: String,
    pub time: String,
    pub tables: Vec<String>,
    pub rows: Vec<GridRow>,
}

/// A meeting with its move and cancel forms.
#[derive(Debug, Clone)]
pub struct MeetingEdit {
    pub id: i64,
    pub people: String,
    pub place: String,
    pub place_value: String,
    pub table_value: String,
}

/// An accepted request without a slot, with why the scheduler cannot place it now.
#[derive(Debug, Clone)]
pub struct WaitingLine {
    pub people: String,
    pub reason: String,
}

/// One meeting of the grid, with the forms to move or cancel it.
#[derive(Template)]
#[template(path = "matchmaking/meeting.html")]
pub struct MeetingPage {
    pub layout: Layout,
    pub errors: Errors,
    pub problem: Option<String>,
    pub grid_url: String,
    pub base: String,
    pub meeting: MeetingEdit,
    /// The partners' request message, if any.
    pub message: String,
    pub place_choices: Choices,
    pub table_choices: Choices,
}

#[derive(Template)]
#[template(path = "matchmaking/grid.html")]
pub struct GridPage {
    pub layout: Layout,
    pub errors: Errors,
    pub problem: Option<String>,
    pub report: Option<String>,
    pub event_title: String,
    pub base: String,
    pub locked: bool,
    pub sessions: Vec<GridSession>,
    pub waiting: Vec<WaitingLine>,
    pub place_choices: Choices,
    pub table_choices: Choices,
    pub people_choices: Choices,
    pub counts: String,
}
