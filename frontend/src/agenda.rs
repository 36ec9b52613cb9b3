//! Agenda pages: the public agenda grid, a session's page, a person's own agenda, and the
//! organisers' agenda editor, session form, rooms and tracks.

use crate::event::{ChangesView, FeedLinks};
use crate::{Errors, Layout, Localized, Template};

/// A session placed in the agenda.
#[derive(Debug, Clone)]
pub struct SlotView {
    pub url: String,
    pub title: Localized,
    pub time: String,
    pub kind: String,
    pub track: String,
    pub room: String,
    pub people: String,
    pub cancelled: bool,
    pub signup: bool,
    pub bookmarked: bool,
    pub bookmark_url: String,
    /// CSS classes placing it in the grid: column, first row, number of rows.
    pub place: String,
}

/// An hour mark in the grid's time column.
#[derive(Debug, Clone)]
pub struct HourMark {
    pub label: String,
    pub place: String,
}

#[derive(Debug, Clone)]
pub struct DayView {
    pub id: String,
    pub label: String,
    pub rooms: Vec<String>,
    /// Whether rooms become columns on wide screens (up to 8 rooms).
    pub grid: bool,
    /// `cols-N` for the grid's number of room columns.
    pub cols_class: String,
    pub hours: Vec<HourMark>,
    pub slots: Vec<SlotView>,
}

/// A choice of a filter.
#[derive(Debug, Clone)]
pub struct FilterOption {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "agenda/public.html")]
pub struct Public {
    pub layout: Layout,
    pub event_title: Localized,
    pub event_url: String,
    pub timezone_note: String,
    pub days: Vec<DayView>,
    pub tracks: Vec<FilterOption>,
    pub kinds: Vec<FilterOption>,
    pub filtered: bool,
    pub feed: FeedLinks,
    pub changes: Option<ChangesView>,
    pub signed_in: bool,
}

#[derive(Debug, Clone)]
pub struct PersonView {
    pub role: String,
    pub name: String,
    pub organisation: String,
}

#[derive(Template)]
#[template(path = "agenda/session.html")]
pub struct SessionPage {
    pub layout: Layout,
    pub event_title: Localized,
    pub event_url: String,
    pub agenda_url: String,
    pub title: Localized,
    pub kind: String,
    pub when: String,
    pub room: String,
    pub track: String,
    pub paragraphs: Vec<Localized>,
    pub people: Vec<PersonView>,
    pub capacity: String,
    pub signup: bool,
    pub cancelled: bool,
    pub ics_url: String,
    pub signed_in: bool,
    pub bookmarked: bool,
    pub bookmark_url: String,
    pub orga_url: Option<String>,
    /// Limited sessions: seats and the visitor's booking.
    pub seats: Option<SeatsView>,
    /// Pitching sessions: the pitches of the jury rounds it hosts, in order.
    pub pitches: Vec<crate::jury::PitchLine>,
}

/// The booking box of a limited session.
#[derive(Debug, Clone)]
pub struct SeatsView {
    /// "12 of 25 seats taken, 3 waiting".
    pub summary: String,
    /// The visitor's booking status, if any.
    pub mine: String,
    /// (action, label, class) of the buttons to show (accept and decline for a seat offer).
    pub buttons: Vec<(String, String, &'static str)>,
    /// Why there is no button (sign in, register first).
    pub note: String,
}

/// A person's bookmarked sessions of one event.
#[derive(Debug, Clone)]
pub struct MyEvent {
    pub title: String,
    pub url: String,
    pub slots: Vec<SlotView>,
}

#[derive(Template)]
#[template(path = "agenda/mine.html")]
pub struct Mine {
    pub layout: Layout,
    pub events: Vec<MyEvent>,
    /// Matchmaking meetings at every event, in time order.
    pub meetings: Vec<MyMeeting>,
    pub feed: FeedLinks,
}

/// A matchmaking meeting on the personal agenda.
#[derive(Debug, Clone)]
pub struct MyMeeting {
    pub event: String,
    pub url: String,
    pub time: String,
    pub table: String,
    pub partner: String,
}

/// A row of the organisers' session table.
#[derive(Debug, Clone)]
pub struct OrgaRow {
    pub edit_url: String,
    pub title: String,
    pub day: String,
    pub time: String,
    pub room: String,
    pub kind: String,
    pub status: String,
    pub status_class: &'static str,
    pub warned: bool,
}

#[derive(Template)]
#[template(path = "agenda/orga.html")]
pub struct Orga {
    pub layout: Layout,
    pub errors: Errors,
    pub event_title: String,
    pub event_url: String,
    pub new_url: String,
    pub rooms_url: String,
    pub publish_url: String,
    pub import_url: String,
    pub public_url: String,
    pub version: String,
    pub warnings: Vec<String>,
    pub rows: Vec<OrgaRow>,
    pub drafts: usize,
}

/// The session form's values.
#[derive(Debug, Clone, Default)]
pub struct SessionForm {
    pub kind: String,
    pub title_de: String,
    pub title_en: String,
    pub description_de: String,
    pub description_en: String,
    pub day: String,
    pub start: String,
    pub end: String,
    /// `earlier`, `later` or empty: which instant a start that happens twice means.
    pub start_fold: String,
    pub end_fold: String,
    pub room: String,
    pub track: String,
    pub capacity: String,
    pub requires_signup: bool,
    pub people: String,
}

pub use crate::Choices;

#[derive(Template)]
#[template(path = "agenda/session_form.html")]
pub struct SessionFormPage {
    pub layout: Layout,
    pub errors: Errors,
    pub event_title: String,
    pub agenda_url: String,
    pub action: String,
    pub form: SessionForm,
    pub kinds: Choices,
    pub days: Choices,
    pub rooms: Choices,
    pub tracks: Choices,
    pub timezone_note: String,
    /// Set when the start time happens twice that day (the clocks go back): which one.
    pub start_twice: Option<Choices>,
    /// Likewise for the end time.
    pub end_twice: Option<Choices>,
    /// Set when editing: the status button (value, label) and its URL.
    pub status_change: Option<(String, String, String)>,
    /// Set for a session that was never published: where its delete button posts.
    pub delete_url: Option<String>,
    pub status: String,
}

#[derive(Debug, Clone)]
pub struct RoomRow {
    pub edit_url: String,
    /// Where the room's delete button posts.
    pub delete_url: String,
    pub name: String,
    pub capacity: String,
    pub hours: String,
}

/// A track in the organisers' list: (name, delete URL).
#[derive(Debug, Clone)]
pub struct TrackRow {
    pub name: String,
    pub delete_url: String,
}

#[derive(Template)]
#[template(path = "agenda/rooms.html")]
pub struct Rooms {
    pub layout: Layout,
    pub errors: Errors,
    pub event_title: String,
    pub agenda_url: String,
    pub rooms_action: String,
    pub tracks_action: String,
    pub rooms: Vec<RoomRow>,
    pub tracks: Vec<TrackRow>,
    pub room_name: String,
    pub room_capacity: String,
    pub room_from: String,
    pub room_until: String,
    pub track_de: String,
    pub track_en: String,
}

/// Editing one room.
#[derive(Template)]
#[template(path = "agenda/room_edit.html")]
pub struct RoomEdit {
    pub layout: Layout,
    pub errors: Errors,
    pub rooms_url: String,
    pub action: String,
    pub name: String,
    pub capacity: String,
    pub available_from: String,
    pub available_until: String,
}
