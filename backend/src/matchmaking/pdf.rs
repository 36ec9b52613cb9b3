//! The matchmaking schedules on paper, for organisers to print: a list per table (laid on the
//! table, so people find their seat and the next pair knows when it is their turn) and a
//! schedule per person (handed out at the desk). Pure: the caller loads the data and sends the
//! bytes; nothing here touches the database or HTTP.
//!
//! Names come from all over Europe ("Łukasz Wróbel", "Jiří Dvořák", "Åsa Ødegård"), so text is
//! set with the PDF kit (`crate::pdf`) in the compiled-in DejaVu Sans, subset per document,
//! rather than in printpdf's built-in Helvetica, whose WinAnsi encoding has no "Ł" or "ř".
//! This module lays the sheets out; the kit measures, wraps and writes. Long names wrap within their column and are cut with "…"; a
//! sheet with more meetings than a page holds continues on further pages, each with the header
//! and the column headings repeated and a "page 2 of 3" footer.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use convene_frontend::Lang;

use crate::http::fmt;
use crate::pdf::MM_PER_PT;
use crate::pdf::document::{self, TextLine};
use crate::pdf::fonts::{Style, face};
use crate::pdf::layout::line_height;

// ---------------------------------------------------------------------------------------------
// Public API

/// Everything on the per-table lists: each session's tables with their meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TablesDoc {
    pub event: String,
    /// The event's zone: times and dates are printed in it.
    pub tz: chrono_tz::Tz,
    pub sessions: Vec<SessionSheet>,
}

/// One matchmaking session and all its tables (a table without meetings is listed too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSheet {
    pub title: String,
    pub tables: Vec<TableSheet>,
}

/// One table in one session; its meetings in any order (they are printed by start time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSheet {
    pub name: String,
    pub meetings: Vec<TableMeeting>,
}

/// A meeting at a table: when, and the two people who meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableMeeting {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub people: [Person; 2],
}

/// A participant as printed; `organisation` may be empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub organisation: String,
}

/// Everything on the per-person schedules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleDoc {
    pub event: String,
    /// The event's zone: times and dates are printed in it.
    pub tz: chrono_tz::Tz,
    pub people: Vec<PersonSheet>,
}

/// One person and their meetings in any order (they are printed by start time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonSheet {
    pub person: Person,
    pub meetings: Vec<PersonMeeting>,
}

/// One of a person's meetings: when, where (session and table) and with whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonMeeting {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub session: String,
    pub table: String,
    pub partner: Person,
}

/// The per-table lists as A4 PDF: for every session, for every table, one page (or more, when
/// the meetings do not fit on one) with event, session, table and date, then one row per
/// meeting: the local time and the two people with their organisations. A table without
/// meetings gets its page too, marked as free. No sessions at all: one page that says so.
pub fn tables_pdf(doc: &TablesDoc, lang: Lang) -> Vec<u8> {
    let t = lang.tr();
    let title = t.msg_args("mm-pdf-tables-title", &[("event", doc.event.clone())]);
    render(&title, plan_tables(doc, lang))
}

/// The per-person schedules as A4 PDF: for every person one page (or more) with their name,
/// organisation and the event, then their meetings in time order, grouped by day: the local
/// time, session and table, and the partner with their organisation. A person without meetings
/// gets a page that says so. Nobody at all: one page that says so.
pub fn people_pdf(doc: &PeopleDoc, lang: Lang) -> Vec<u8> {
    let t = lang.tr();
    let title = t.msg_args("mm-pdf-people-title", &[("event", doc.event.clone())]);
    render(&title, plan_people(doc, lang))
}

// ---------------------------------------------------------------------------------------------
// Page geometry (A4 upright, millimetres from the bottom-left corner)

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const LEFT: f32 = 18.0;
const RIGHT: f32 = PAGE_W - 18.0;
const TOP: f32 = PAGE_H - 18.0;
/// Rows stop above this line; the page footer sits below it.
const BOTTOM: f32 = 20.0;
/// Baseline of the "page 2 of 3" footer.
const FOOTER_Y: f32 = 12.0;
/// Space above and below the text of a row.
const ROW_PAD: f32 = 2.2;
/// Between two columns.
const GUTTER: f32 = 4.0;

/// A column: left edge and width.
type Col = (f32, f32);

/// Table lists: the time, then the two people side by side.
const TABLE_TIME: Col = (LEFT, 30.0);
const TABLE_A: Col = (
    LEFT + 30.0 + GUTTER,
    (RIGHT - LEFT - 30.0 - 2.0 * GUTTER) / 2.0,
);
const TABLE_B: Col = (
    RIGHT - (RIGHT - LEFT - 30.0 - 2.0 * GUTTER) / 2.0,
    (RIGHT - LEFT - 30.0 - 2.0 * GUTTER) / 2.0,
);
/// Personal schedules: the time, session and table, the partner.
const PERSON_TIME: Col = (LEFT, 30.0);
const PERSON_WHERE: Col = (LEFT + 30.0 + GUTTER, 58.0);
const PERSON_PARTNER: Col = (
    LEFT + 30.0 + GUTTER + 58.0 + GUTTER,
    RIGHT - (LEFT + 30.0 + GUTTER + 58.0 + GUTTER),
);
const FULL: Col = (LEFT, RIGHT - LEFT);

// ---------------------------------------------------------------------------------------------
// Layout: blocks of lines, stacked onto pages

/// Something drawn on a page. `y` is the text's baseline or the rule's height.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Text {
        text: String,
        style: Style,
        size: f32,
        grey: f32,
        x: f32,
        y: f32,
    },
    Rule {
        x1: f32,
        x2: f32,
        y: f32,
        pt: f32,
        grey: f32,
    },
}

impl Item {
    fn shifted(&self, dy: f32) -> Item {
        let mut item = self.clone();
        match &mut item {
            Item::Text { y, .. } | Item::Rule { y, .. } => *y += dy,
        }
        item
    }
}

/// Items positioned relative to the block's top edge (so `y` is negative), `height` mm tall;
/// the paginator decides where the block goes.
#[derive(Debug, Default)]
struct Block {
    items: Vec<Item>,
    height: f32,
}

impl Block {
    /// Sets `text` in column `col`, its first line's top `top` mm below the block's top, in at
    /// most `max_lines` lines. Returns the depth below its last line (`top` if empty).
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        text: &str,
        style: Style,
        size: f32,
        grey: f32,
        (x, width): Col,
        top: f32,
        max_lines: usize,
    ) -> f32 {
        let mut depth = top;
        for line in face(style).wrap_limited(text, size, width, max_lines) {
            // The baseline about one em below the line's top: DejaVu's ascender is 0.93 em,
            // plus half the leading.
            self.items.push(Item::Text {
                text: line,
                style,
                size,
                grey,
                x,
                y: -(depth + size * MM_PER_PT),
            });
            depth += line_height(size);
        }
        self.height = self.height.max(depth);
        depth
    }

    fn rule(&mut self, depth: f32, pt: f32, grey: f32) {
        self.items.push(Item::Rule {
            x1: LEFT,
            x2: RIGHT,
            y: -depth,
            pt,
            grey,
        });
        self.height = self.height.max(depth);
    }

    fn place(&self, page: &mut Vec<Item>, top: f32) {
        page.extend(self.items.iter().map(|i| i.shifted(top)));
    }
}

/// One sheet (a table in a session, or a person): the header and column headings repeated on
/// every page, then rows. A row may belong to a group (a day) whose heading is printed before
/// its first row on each page.
struct Sheet {
    header: Block,
    columns: Block,
    groups: Vec<Block>,
    rows: Vec<Row>,
}

struct Row {
    group: Option<usize>,
    body: Block,
}

/// The sheet's pages, with a "page 2 of 3" footer when it needs more than one.
fn paginate(sheet: &Sheet, lang: Lang) -> Vec<Vec<Item>> {
    let start = |pages: &mut Vec<Vec<Item>>| {
        let mut page = Vec::new();
        sheet.header.place(&mut page, TOP);
        let y = TOP - sheet.header.height;
        sheet.columns.place(&mut page, y);
        pages.push(page);
        y - sheet.columns.height
    };
    let mut pages = Vec::new();
    let mut y = start(&mut pages);
    let mut fresh = true;
    let mut group = None;
    for row in &sheet.rows {
        let heading = |group: Option<usize>| {
            row.group
                .filter(|g| Some(*g) != group)
                .map(|g| &sheet.groups[g])
        };
        let need = heading(group).map_or(0.0, |h| h.height) + row.body.height;
        // A row taller than a page (it cannot be: names are cut) goes on a fresh page anyway.
        if y - need < BOTTOM && !fresh {
            y = start(&mut pages);
            group = None;
        }
        let page = pages.last_mut().expect("a page was started above");
        if let Some(h) = heading(group) {
            h.place(page, y);
            y -= h.height;
            group = row.group;
        }
        row.body.place(page, y);
        y -= row.body.height;
        fresh = false;
    }
    let count = pages.len();
    if count > 1 {
        let t = lang.tr();
        for (i, page) in pages.iter_mut().enumerate() {
            let text = t.msg_args(
                "mm-pdf-page",
                &[("page", (i + 1).to_string()), ("pages", count.to_string())],
            );
            let size = 8.0;
            let x = RIGHT - face(Style::Regular).width(&text, size);
            page.push(Item::Text {
                text,
                style: Style::Regular,
                size,
                grey: 0.4,
                x,
                y: FOOTER_Y,
            });
        }
    }
    pages
}

/// A block with a single message, for a sheet without rows.
fn note(text: &str, style: Style, size: f32) -> Block {
    let mut b = Block::default();
    let depth = b.text(text, style, size, 0.15, FULL, 4.0, 4);
    b.height = depth + 2.0;
    b
}

/// A day heading ("Montag, 8. November 2027") above that day's rows.
fn day_heading(lang: Lang, day: NaiveDate) -> Block {
    let mut b = Block::default();
    let depth = b.text(&fmt::day(lang, day), Style::Bold, 12.0, 0.0, FULL, 4.0, 1);
    b.rule(depth + 0.8, 0.6, 0.2);
    b.height = depth + 0.8;
    b
}

/// The column headings, with a rule under them.
fn columns(cols: &[(&str, Col)]) -> Block {
    let mut b = Block::default();
    let mut depth: f32 = 0.0;
    for (label, col) in cols {
        depth = depth.max(b.text(label, Style::Bold, 9.0, 0.35, *col, 2.0, 1));
    }
    b.rule(depth + 0.8, 0.6, 0.2);
    b.height = depth + 0.8;
    b
}

/// A person in a cell: the name in bold, the organisation under it.
fn person_cell(b: &mut Block, p: &Person, col: Col, top: f32) -> f32 {
    let depth = b.text(&p.name, Style::Bold, 11.0, 0.0, col, top, 2);
    b.text(&p.organisation, Style::Regular, 9.5, 0.3, col, depth, 2)
}

/// Closes a row: padding under the tallest cell and a thin rule.
fn finish_row(b: &mut Block, depth: f32) {
    b.rule(depth + ROW_PAD, 0.3, 0.7);
    b.height = depth + ROW_PAD;
}

fn local_day(tz: chrono_tz::Tz, t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}

/// The pages of the table lists.
fn plan_tables(doc: &TablesDoc, lang: Lang) -> Vec<Vec<Item>> {
    let t = lang.tr();
    let mut pages = Vec::new();
    for session in &doc.sessions {
        // The date in the header is the session's, so a free table shows it too.
        let days: BTreeSet<NaiveDate> = session
            .tables
            .iter()
            .flat_map(|table| &table.meetings)
            .map(|m| local_day(doc.tz, m.starts_at))
            .collect();
        let date = match (days.first(), days.last()) {
            (Some(a), Some(b)) if a == b => Some(fmt::day(lang, *a)),
            (Some(a), Some(b)) => Some(fmt::date_range(lang, *a, *b)),
            _ => None,
        };
        // Only a session over several days needs day headings between the rows.
        let several_days = days.len() > 1;
        for table in &session.tables {
            let mut header = Block::default();
            let mut d = header.text(&doc.event, Style::Regular, 11.0, 0.3, FULL, 0.0, 2);
            d = header.text(&session.title, Style::Bold, 14.0, 0.1, FULL, d + 1.0, 2);
            d = header.text(&table.name, Style::Bold, 26.0, 0.0, FULL, d + 1.5, 2);
            if let Some(date) = &date {
                d = header.text(date, Style::Regular, 12.0, 0.15, FULL, d + 0.5, 1);
            }
            header.height = d + 3.0;

            let mut meetings: Vec<&TableMeeting> = table.meetings.iter().collect();
            meetings.sort_by_key(|m| (m.starts_at, m.ends_at));
            let mut sheet = Sheet {
                header,
                columns: Block::default(),
                groups: Vec::new(),
                rows: Vec::new(),
            };
            if meetings.is_empty() {
                let mut free = note(&t.msg("mm-pdf-table-free"), Style::Bold, 28.0);
                let depth = free.height;
                let depth = free.text(
                    &t.msg("mm-pdf-table-free-note"),
                    Style::Regular,
                    12.0,
                    0.15,
                    FULL,
                    depth,
                    4,
                );
                free.height = depth;
                sheet.rows.push(Row {
                    group: None,
                    body: free,
                });
            } else {
                sheet.columns = columns(&[
                    (&t.msg("mm-pdf-col-time"), TABLE_TIME),
                    // One heading over both people.
                    (&t.msg("mm-pdf-col-people"), (TABLE_A.0, RIGHT - TABLE_A.0)),
                ]);
            }
            let mut day_index: BTreeMap<NaiveDate, usize> = BTreeMap::new();
            for m in meetings {
                let group = several_days.then(|| {
                    let day = local_day(doc.tz, m.starts_at);
                    *day_index.entry(day).or_insert_with(|| {
                        sheet.groups.push(day_heading(lang, day));
                        sheet.groups.len() - 1
                    })
                });
                let mut b = Block::default();
                let time = fmt::time_range(doc.tz, m.starts_at, m.ends_at);
                let d0 = b.text(&time, Style::Bold, 11.0, 0.0, TABLE_TIME, ROW_PAD, 1);
                let d1 = person_cell(&mut b, &m.people[0], TABLE_A, ROW_PAD);
                let d2 = person_cell(&mut b, &m.people[1], TABLE_B, ROW_PAD);
                finish_row(&mut b, d0.max(d1).max(d2));
                sheet.rows.push(Row { group, body: b });
            }
            pages.extend(paginate(&sheet, lang));
        }
    }
    if pages.is_empty() {
        pages = nothing(&doc.event, &t.msg("mm-pdf-no-sessions"), lang);
    }
    pages
}

/// The pages of the personal schedules.
fn plan_people(doc: &PeopleDoc, lang: Lang) -> Vec<Vec<Item>> {
    let t = lang.tr();
    let mut pages = Vec::new();
    for sheet in &doc.people {
        let mut header = Block::default();
        let mut d = header.text(&doc.event, Style::Regular, 11.0, 0.3, FULL, 0.0, 2);
        d = header.text(
            &t.msg("mm-pdf-people-heading"),
            Style::Bold,
            12.0,
            0.3,
            FULL,
            d + 0.5,
            1,
        );
        d = header.text(&sheet.person.name, Style::Bold, 22.0, 0.0, FULL, d + 1.5, 2);
        d = header.text(
            &sheet.person.organisation,
            Style::Regular,
            13.0,
            0.2,
            FULL,
            d,
            2,
        );
        header.height = d + 4.0;

        let mut meetings: Vec<&PersonMeeting> = sheet.meetings.iter().collect();
        meetings.sort_by_key(|m| (m.starts_at, m.ends_at));
        let mut out = Sheet {
            header,
            columns: Block::default(),
            groups: Vec::new(),
            rows: Vec::new(),
        };
        if meetings.is_empty() {
            out.rows.push(Row {
                group: None,
                body: note(&t.msg("mm-pdf-no-meetings"), Style::Regular, 13.0),
            });
        } else {
            out.columns = columns(&[
                (&t.msg("mm-pdf-col-time"), PERSON_TIME),
                (&t.msg("mm-pdf-col-where"), PERSON_WHERE),
                (&t.msg("mm-pdf-col-partner"), PERSON_PARTNER),
            ]);
        }
        // Always grouped by day: the day heading carries the date for the rows under it.
        let mut day_index: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        for m in meetings {
            let day = local_day(doc.tz, m.starts_at);
            let group = *day_index.entry(day).or_insert_with(|| {
                out.groups.push(day_heading(lang, day));
                out.groups.len() - 1
            });
            let mut b = Block::default();
            let time = fmt::time_range(doc.tz, m.starts_at, m.ends_at);
            let d0 = b.text(&time, Style::Bold, 11.0, 0.0, PERSON_TIME, ROW_PAD, 1);
            let d1 = b.text(
                &m.session,
                Style::Regular,
                9.5,
                0.3,
                PERSON_WHERE,
                ROW_PAD,
                2,
            );
            let d1 = b.text(&m.table, Style::Bold, 11.0, 0.0, PERSON_WHERE, d1, 2);
            let d2 = person_cell(&mut b, &m.partner, PERSON_PARTNER, ROW_PAD);
            finish_row(&mut b, d0.max(d1).max(d2));
            out.rows.push(Row {
                group: Some(group),
                body: b,
            });
        }
        pages.extend(paginate(&out, lang));
    }
    if pages.is_empty() {
        pages = nothing(&doc.event, &t.msg("mm-pdf-no-people"), lang);
    }
    pages
}

/// A single page with the event and a message, for a document with nothing else to print (a
/// PDF without pages does not open everywhere).
fn nothing(event: &str, message: &str, lang: Lang) -> Vec<Vec<Item>> {
    let mut header = Block::default();
    let d = header.text(event, Style::Bold, 16.0, 0.1, FULL, 0.0, 3);
    header.height = d + 2.0;
    paginate(
        &Sheet {
            header,
            columns: Block::default(),
            groups: Vec::new(),
            rows: vec![Row {
                group: None,
                body: note(message, Style::Regular, 13.0),
            }],
        },
        lang,
    )
}

// ---------------------------------------------------------------------------------------------
// Drawing

/// The pages as PDF bytes, with one font subset per style for the whole document.
fn render(title: &str, pages: Vec<Vec<Item>>) -> Vec<u8> {
    let pages = pages
        .into_iter()
        .map(|items| document::Page {
            width: PAGE_W,
            height: PAGE_H,
            items: items
                .into_iter()
                .map(|item| match item {
                    Item::Text {
                        text,
                        style,
                        size,
                        grey,
                        x,
                        y,
                    } => document::Item::Text(TextLine {
                        text,
                        style,
                        size,
                        x,
                        baseline: y,
                        grey,
                    }),
                    Item::Rule {
                        x1,
                        x2,
                        y,
                        pt,
                        grey,
                    } => document::Item::Rule {
                        x1,
                        x2,
                        y,
                        pt,
                        grey,
                    },
                })
                .collect(),
        })
        .collect();
    document::write(title, pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::testing;
    use chrono::TimeZone;

    const BERLIN: chrono_tz::Tz = chrono_tz::Europe::Berlin;

    /// `hh:mm` local time in Berlin on 8 November 2027 (a Monday, CET = UTC+1), plus `days`.
    fn at(days: u32, h: u32, m: u32) -> DateTime<Utc> {
        BERLIN
            .with_ymd_and_hms(2027, 11, 8 + days, h, m, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn person(name: &str, organisation: &str) -> Person {
        Person {
            name: name.into(),
            organisation: organisation.into(),
        }
    }

    fn lukasz() -> Person {
        person("Łukasz Wróbel", "Wróbel Robotics Sp. z o.o.")
    }

    fn joerg() -> Person {
        person("Jörg Halbach", "Halbach Maschinenbau GmbH")
    }

    fn asa() -> Person {
        person("Åsa Ødegård", "Nordlys Energi AS")
    }

    fn jiri() -> Person {
        person("Jiří Dvořák", "Dvořák Strojírny s.r.o.")
    }

    fn meeting(start: (u32, u32), a: Person, b: Person) -> TableMeeting {
        TableMeeting {
            starts_at: at(0, start.0, start.1),
            ends_at: at(0, start.0, start.1) + chrono::TimeDelta::minutes(20),
            people: [a, b],
        }
    }

    /// Two sessions: "Tisch 1" with two meetings (given out of order), "Tisch 2" free, and a
    /// second session with one table.
    fn tables_doc() -> TablesDoc {
        TablesDoc {
            event: "Innovationstag Rhein-Ruhr 2027".into(),
            tz: BERLIN,
            sessions: vec![
                SessionSheet {
                    title: "B2B-Matchmaking Nachmittag".into(),
                    tables: vec![
                        TableSheet {
                            name: "Tisch 1".into(),
                            meetings: vec![
                                meeting((14, 20), asa(), jiri()),
                                meeting((14, 0), lukasz(), joerg()),
                            ],
                        },
                        TableSheet {
                            name: "Tisch 2".into(),
                            meetings: vec![],
                        },
                    ],
                },
                SessionSheet {
                    title: "B2B-Matchmaking Abend".into(),
                    tables: vec![TableSheet {
                        name: "Tisch 1".into(),
                        meetings: vec![meeting((18, 0), joerg(), asa())],
                    }],
                },
            ],
        }
    }

    fn person_meeting(days: u32, start: (u32, u32), table: &str, partner: Person) -> PersonMeeting {
        PersonMeeting {
            starts_at: at(days, start.0, start.1),
            ends_at: at(days, start.0, start.1) + chrono::TimeDelta::minutes(20),
            session: "B2B-Matchmaking Nachmittag".into(),
            table: table.into(),
            partner,
        }
    }

    /// Łukasz with two meetings on two days (given out of order), Jörg with one, Åsa with none.
    fn people_doc() -> PeopleDoc {
        PeopleDoc {
            event: "Innovationstag Rhein-Ruhr 2027".into(),
            tz: BERLIN,
            people: vec![
                PersonSheet {
                    person: lukasz(),
                    meetings: vec![
                        person_meeting(1, (9, 40), "Tisch 7", jiri()),
                        person_meeting(0, (14, 0), "Tisch 1", joerg()),
                    ],
                },
                PersonSheet {
                    person: joerg(),
                    meetings: vec![person_meeting(0, (14, 0), "Tisch 1", lukasz())],
                },
                PersonSheet {
                    person: asa(),
                    meetings: vec![],
                },
            ],
        }
    }

    /// The PDF's text per page. With `MATCHMAKING_PDF_OUT=<dir>` the PDFs are kept there to
    /// look at.
    fn pages_text(pdf: &[u8]) -> Vec<String> {
        assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
        if let Ok(dir) = std::env::var("MATCHMAKING_PDF_OUT") {
            let name = std::thread::current()
                .name()
                .unwrap_or("pdf")
                .replace("::", "-");
            let n = std::fs::read_dir(&dir).map_or(0, |d| d.count());
            std::fs::write(format!("{dir}/{name}-{n}.pdf"), pdf).unwrap();
        }
        testing::assert_sound(pdf);
        testing::pages_text(pdf)
    }

    fn assert_contains(text: &str, needles: &[&str]) {
        for needle in needles {
            assert!(text.contains(needle), "{needle:?} missing from:\n{text}");
        }
    }

    /// Where `needle` is in `text`; fails if it is not there.
    fn pos(text: &str, needle: &str) -> usize {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing from:\n{text}"))
    }

    /// Every text line and rule lies inside the page's text block (rows above the footer), and
    /// no two text lines overlap.
    fn assert_inside(pages: &[Vec<Item>]) {
        let eps = 1e-3;
        for (n, page) in pages.iter().enumerate() {
            let mut boxes = Vec::new();
            for item in page {
                match item {
                    Item::Text {
                        text,
                        style,
                        size,
                        x,
                        y,
                        ..
                    } => {
                        let s = size * MM_PER_PT;
                        let (w, bottom, top) =
                            (face(*style).width(text, *size), y - 0.24 * s, y + 0.93 * s);
                        assert!(
                            *x >= LEFT - eps && x + w <= RIGHT + eps,
                            "page {n}: {text:?} runs off the side: x {x}, width {w}"
                        );
                        assert!(top <= TOP + eps, "page {n}: {text:?} above the top");
                        assert!(
                            *y == FOOTER_Y || bottom >= BOTTOM - eps,
                            "page {n}: {text:?} runs into the footer (baseline {y})"
                        );
                        boxes.push((text, *x, x + w, bottom, top));
                    }
                    Item::Rule { x1, x2, y, .. } => {
                        assert!(*x1 >= LEFT - eps && *x2 <= RIGHT + eps && *y >= BOTTOM - eps);
                    }
                }
            }
            for (i, a) in boxes.iter().enumerate() {
                for b in &boxes[i + 1..] {
                    let overlap =
                        a.1 < b.2 - eps && b.1 < a.2 - eps && a.3 < b.4 - eps && b.3 < a.4 - eps;
                    assert!(!overlap, "page {n}: {a:?} overlaps {b:?}");
                }
            }
        }
    }

    #[test]
    fn table_lists_have_a_page_per_table_with_unicode_names_in_german() {
        let doc = tables_doc();
        let pages = pages_text(&tables_pdf(&doc, Lang::De));
        assert_eq!(pages.len(), 3, "one page per table per session");
        assert_inside(&plan_tables(&doc, Lang::De));

        let first = &pages[0];
        assert_contains(
            first,
            &[
                "Innovationstag Rhein-Ruhr 2027",
                "B2B-Matchmaking Nachmittag",
                "Tisch 1",
                "Montag, 8. November 2027",
                "Zeit",
                "Teilnehmende",
                "14:00",
                "14:00–14:20",
                "Łukasz Wróbel",
                "Wróbel Robotics Sp. z o.o.",
                "Jörg Halbach",
                "Halbach Maschinenbau GmbH",
                "Åsa Ødegård",
                "Jiří Dvořák",
                "Dvořák Strojírny s.r.o.",
            ],
        );
        assert!(
            pos(first, "14:00–14:20") < pos(first, "14:20–14:40"),
            "meetings in time order:\n{first}"
        );
        assert!(!first.contains("Frei"), "{first}");
        assert!(
            !first.contains("Seite"),
            "one page needs no page numbers: {first}"
        );

        // The free table still gets its page, with the session's date.
        let free = &pages[1];
        assert_contains(
            free,
            &[
                "Tisch 2",
                "Frei",
                "An diesem Tisch finden in dieser Session keine Gespräche statt.",
                "Montag, 8. November 2027",
                "B2B-Matchmaking Nachmittag",
            ],
        );
        assert!(!free.contains("Łukasz"), "{free}");

        let evening = &pages[2];
        assert_contains(
            evening,
            &[
                "B2B-Matchmaking Abend",
                "Tisch 1",
                "18:00–18:20",
                "Jörg Halbach",
                "Åsa Ødegård",
            ],
        );
        assert!(!evening.contains("Łukasz"), "{evening}");
    }

    #[test]
    fn table_lists_in_english() {
        let pages = pages_text(&tables_pdf(&tables_doc(), Lang::En));
        assert_eq!(pages.len(), 3);
        assert_contains(
            &pages[0],
            &[
                "Monday, 8 November 2027",
                "Time",
                "Participants",
                "14:00–14:20",
                "Łukasz Wróbel",
                "Jörg Halbach",
                "Wróbel Robotics Sp. z o.o.",
                "Tisch 1",
            ],
        );
        assert_contains(
            &pages[1],
            &[
                "Free",
                "No meetings take place at this table in this session.",
            ],
        );
        assert!(!pages[0].contains("Zeit"), "{}", pages[0]);
    }

    #[test]
    fn a_full_table_continues_on_further_pages_with_its_header() {
        let meetings: Vec<TableMeeting> = (0..40)
            .map(|i| TableMeeting {
                starts_at: at(0, 9, 0) + chrono::TimeDelta::minutes(15 * i),
                ends_at: at(0, 9, 15) + chrono::TimeDelta::minutes(15 * i),
                people: [
                    person(&format!("Teilnehmerin {i:02}a"), "Firma A"),
                    person(&format!("Teilnehmer {i:02}b"), "Firma B"),
                ],
            })
            .collect();
        let doc = TablesDoc {
            event: "Innovationstag Rhein-Ruhr 2027".into(),
            tz: BERLIN,
            sessions: vec![SessionSheet {
                title: "Marathon".into(),
                tables: vec![
                    TableSheet {
                        name: "Tisch 9".into(),
                        meetings,
                    },
                    TableSheet {
                        name: "Tisch 10".into(),
                        meetings: vec![],
                    },
                ],
            }],
        };
        let plan = plan_tables(&doc, Lang::De);
        assert_inside(&plan);
        let pages = pages_text(&tables_pdf(&doc, Lang::De));
        assert_eq!(pages.len(), plan.len());
        let full = pages.len() - 1;
        assert!(full >= 3, "40 meetings need at least 3 pages, got {full}");
        for (i, page) in pages[..full].iter().enumerate() {
            assert_contains(
                page,
                &[
                    "Tisch 9",
                    "Marathon",
                    "Montag, 8. November 2027",
                    "Zeit",
                    &format!("Seite {} von {full}", i + 1),
                ],
            );
        }
        let all = pages[..full].concat();
        for i in 0..40 {
            for name in [
                format!("Teilnehmerin {i:02}a"),
                format!("Teilnehmer {i:02}b"),
            ] {
                assert_eq!(all.matches(&name).count(), 1, "{name} once:\n{all}");
            }
        }
        // The free table after it is a sheet of its own: one page, no numbers.
        assert_contains(&pages[full], &["Tisch 10", "Frei"]);
        assert!(!pages[full].contains("Seite"), "{}", pages[full]);
    }

    #[test]
    fn personal_schedules_have_a_page_per_person_in_time_order() {
        let doc = people_doc();
        assert_inside(&plan_people(&doc, Lang::De));
        let pages = pages_text(&people_pdf(&doc, Lang::De));
        assert_eq!(pages.len(), 3, "one page per person");

        let lukasz = &pages[0];
        assert_contains(
            lukasz,
            &[
                "Innovationstag Rhein-Ruhr 2027",
                "Ihr Matchmaking-Terminplan",
                "Łukasz Wróbel",
                "Wróbel Robotics Sp. z o.o.",
                "Zeit",
                "Session / Tisch",
                "Gesprächspartner/in",
                "Montag, 8. November 2027",
                "14:00–14:20",
                "B2B-Matchmaking Nachmittag",
                "Tisch 1",
                "Jörg Halbach",
                "Halbach Maschinenbau GmbH",
                "Dienstag, 9. November 2027",
                "09:40–10:00",
                "Tisch 7",
                "Jiří Dvořák",
                "Dvořák Strojírny s.r.o.",
            ],
        );
        assert!(
            pos(lukasz, "Montag, 8. November 2027") < pos(lukasz, "14:00–14:20")
                && pos(lukasz, "14:00–14:20") < pos(lukasz, "Dienstag, 9. November 2027")
                && pos(lukasz, "Dienstag, 9. November 2027") < pos(lukasz, "09:40–10:00"),
            "meetings in time order under their day:\n{lukasz}"
        );

        assert_contains(
            &pages[1],
            &[
                "Jörg Halbach",
                "Halbach Maschinenbau GmbH",
                "14:00",
                "Łukasz Wróbel",
                "Wróbel Robotics Sp. z o.o.",
            ],
        );
        assert!(!pages[1].contains("Dienstag"), "{}", pages[1]);

        assert_contains(
            &pages[2],
            &[
                "Åsa Ødegård",
                "Nordlys Energi AS",
                "Für Sie sind keine Gespräche geplant.",
            ],
        );
        assert!(!pages[2].contains("Gesprächspartner/in"), "{}", pages[2]);
    }

    #[test]
    fn personal_schedules_in_english() {
        let pages = pages_text(&people_pdf(&people_doc(), Lang::En));
        assert_eq!(pages.len(), 3);
        assert_contains(
            &pages[0],
            &[
                "Your matchmaking schedule",
                "Łukasz Wróbel",
                "Monday, 8 November 2027",
                "Tuesday, 9 November 2027",
                "Time",
                "Session / table",
                "Meeting with",
                "14:00–14:20",
                "Jörg Halbach",
                "Halbach Maschinenbau GmbH",
                "Tisch 1",
            ],
        );
        assert_contains(
            &pages[2],
            &["Åsa Ødegård", "No meetings are scheduled for you."],
        );
    }

    #[test]
    fn a_long_schedule_continues_with_the_name_and_day_repeated() {
        let meetings = (0..30)
            .map(|i| PersonMeeting {
                starts_at: at(0, 8, 0) + chrono::TimeDelta::minutes(20 * i),
                ends_at: at(0, 8, 20) + chrono::TimeDelta::minutes(20 * i),
                session: "Dauerlauf".into(),
                table: format!("Tisch {}", i + 1),
                partner: person(&format!("Partnerin {i:02}"), "Beispiel GmbH"),
            })
            .collect();
        let doc = PeopleDoc {
            event: "Innovationstag Rhein-Ruhr 2027".into(),
            tz: BERLIN,
            people: vec![PersonSheet {
                person: lukasz(),
                meetings,
            }],
        };
        let plan = plan_people(&doc, Lang::En);
        assert_inside(&plan);
        let pages = pages_text(&people_pdf(&doc, Lang::En));
        assert_eq!(pages.len(), plan.len());
        assert!(pages.len() >= 2, "30 meetings need more than a page");
        for (i, page) in pages.iter().enumerate() {
            assert_contains(
                page,
                &[
                    "Łukasz Wróbel",
                    "Monday, 8 November 2027",
                    "Meeting with",
                    &format!("Page {} of {}", i + 1, pages.len()),
                ],
            );
        }
        let all = pages.concat();
        for i in 0..30 {
            assert_eq!(
                all.matches(&format!("Partnerin {i:02}")).count(),
                1,
                "{all}"
            );
        }
    }

    #[test]
    fn long_names_wrap_or_are_cut_and_stay_on_the_page() {
        let long = "Maximiliane Theodora Konstanze Wilhelmine Friederike Łucja Żółkiewska-Szczebrzeszyńska von und zu Hohenzollern-Sigmaringen-Hechingen-Haigerloch";
        let word =
            "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft";
        let org = format!("{word} {long} International Holding");
        let big = person(long, &org);
        let tables = TablesDoc {
            event: format!("{long} {long}"),
            tz: BERLIN,
            sessions: vec![SessionSheet {
                title: org.clone(),
                tables: vec![TableSheet {
                    name: word.into(),
                    meetings: vec![
                        meeting((14, 0), big.clone(), big.clone()),
                        meeting((14, 20), lukasz(), big.clone()),
                    ],
                }],
            }],
        };
        let plan = plan_tables(&tables, Lang::De);
        assert_eq!(plan.len(), 1);
        assert_inside(&plan);
        let people = PeopleDoc {
            event: long.into(),
            tz: BERLIN,
            people: vec![PersonSheet {
                person: big.clone(),
                meetings: vec![PersonMeeting {
                    session: org.clone(),
                    table: word.into(),
                    ..person_meeting(0, (14, 0), "", big.clone())
                }],
            }],
        };
        let plan = plan_people(&people, Lang::De);
        assert_eq!(plan.len(), 1);
        assert_inside(&plan);

        let text = pages_text(&tables_pdf(&tables, Lang::De)).concat();
        assert_contains(&text, &["Maximiliane", "…", "Łukasz Wróbel", "14:00"]);
        let text = pages_text(&people_pdf(&people, Lang::De)).concat();
        assert_contains(&text, &["Maximiliane", "…", "14:00"]);
    }

    #[test]
    fn documents_without_sheets_still_have_a_page() {
        let tables = TablesDoc {
            event: "Leere Veranstaltung".into(),
            tz: BERLIN,
            sessions: vec![],
        };
        let pages = pages_text(&tables_pdf(&tables, Lang::De));
        assert_eq!(pages.len(), 1);
        assert_contains(
            &pages[0],
            &[
                "Leere Veranstaltung",
                "Für diese Veranstaltung gibt es keine Matchmaking-Sessions.",
            ],
        );
        let people = PeopleDoc {
            event: "Empty event".into(),
            tz: BERLIN,
            people: vec![],
        };
        let pages = pages_text(&people_pdf(&people, Lang::En));
        assert_eq!(pages.len(), 1);
        assert_contains(
            &pages[0],
            &["Empty event", "This event has no schedules to print."],
        );
    }

    #[test]
    fn the_font_is_embedded_as_a_subset() {
        let pdf = tables_pdf(&tables_doc(), Lang::De);
        assert_eq!(
            testing::assert_fonts_embedded_subset_unicode(&pdf),
            2,
            "regular and bold expected"
        );
        assert!(pdf.len() < 80_000, "{} bytes", pdf.len());
    }

    #[test]
    fn every_label_exists_in_both_languages() {
        let ids = [
            "mm-pdf-tables-title",
            "mm-pdf-people-title",
            "mm-pdf-people-heading",
            "mm-pdf-col-time",
            "mm-pdf-col-people",
            "mm-pdf-col-where",
            "mm-pdf-col-partner",
            "mm-pdf-table-free",
            "mm-pdf-table-free-note",
            "mm-pdf-no-meetings",
            "mm-pdf-no-sessions",
            "mm-pdf-no-people",
            "mm-pdf-page",
        ];
        for lang in [Lang::De, Lang::En] {
            for id in ids {
                assert!(lang.tr().has(id), "{id} missing in {lang:?}");
            }
        }
        assert_eq!(
            Lang::De.tr().msg_args(
                "mm-pdf-page",
                &[("page", "2".into()), ("pages", "3".into())]
            ),
            "Seite 2 von 3"
        );
    }
}
