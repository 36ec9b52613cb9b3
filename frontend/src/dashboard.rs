//! The organisers' dashboards of an event and of a call: figures (a chart with its data table),
//! key numbers and to-dos.

use crate::chart::Chart;
use crate::{Layout, Template};

/// The numbers of a chart as a table, for screen readers and for people who want the figures.
#[derive(Debug, Clone, Default)]
pub struct DataTable {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A chart with its heading, a sentence for when there is nothing to show yet, and its table.
#[derive(Debug, Clone, Default)]
pub struct Figure {
    pub id: String,
    pub heading: String,
    /// Shown instead of the chart and the table when there are no numbers yet.
    pub empty: Option<String>,
    pub chart: Chart,
    pub table: DataTable,
}

/// A key number.
#[derive(Debug, Clone)]
pub struct Tile {
    pub label: String,
    pub value: String,
    /// Below the value: "of 400 places".
    pub hint: String,
}

/// Something left to do, with where to do it.
#[derive(Debug, Clone)]
pub struct Todo {
    pub text: String,
    pub url: String,
}

#[derive(Template)]
#[template(path = "dashboard/event.html")]
pub struct EventPage {
    pub layout: Layout,
    pub heading: String,
    /// `(url, label)` of the event's organiser sections.
    pub sections: Vec<(String, String)>,
    pub tiles: Vec<Tile>,
    pub todos: Vec<Todo>,
    pub figures: Vec<Figure>,
    pub api_url: String,
}

/// One jury round on the call dashboard.
#[derive(Debug, Clone)]
pub struct RoundSection {
    pub id: String,
    pub heading: String,
    /// "180 of 250 reviews done".
    pub progress: String,
    /// Why the scores are not shown, when they are not.
    pub withheld: Option<String>,
    pub url: String,
    pub figures: Vec<Figure>,
    pub disagreements: DataTable,
}

#[derive(Template)]
#[template(path = "dashboard/call.html")]
pub struct CallPage {
    pub layout: Layout,
    pub heading: String,
    pub sections: Vec<(String, String)>,
    pub tiles: Vec<Tile>,
    pub figures: Vec<Figure>,
    pub rounds: Vec<RoundSection>,
    pub api_url: String,
}
