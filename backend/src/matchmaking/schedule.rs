//! The automatic scheduler for B2B matchmaking, pure: accepted meeting requests into a
//! (session, slot, table) each. No I/O: the caller loads the matchmaking sessions, the people's
//! blocked times (their booked agenda sessions), the meetings already placed and the accepted
//! requests, and stores the outcome's `placed` meetings.
//!
//! The rules, which [`schedule`] never breaks and [`check`] verifies for any schedule:
//!
//! 1. A person is in at most one meeting at a time: never twice in one slot, and never in two
//!    slots of different sessions whose times overlap (two halls running at once).
//! 2. Never while the person is blocked ([`Blocked`]): a slot that overlaps a blocked interval
//!    is not available to that person.
//! 3. A table holds one meeting per slot.
//! 4. At most [`Input::max_per_person`] meetings per person in each matchmaking session.
//! 5. A request limited to some sessions ([`Request::sessions`]) is placed in one of them.
//! 6. A meeting is between two different people, and a request is placed at most once.
//!
//! Meetings already placed ([`Input::fixed`]: placed earlier, locked, or moved by hand) are kept
//! as they are and count for every rule: they take their table, their people are busy then, and
//! they count towards the limit. The scheduler only adds; it does not repair a fixed meeting that
//! breaks a rule ([`check`] reports it).
//!
//! Times are half-open intervals: a slot that ends at 14:20 and one that starts at 14:20 do not
//! overlap, and neither does a blocked interval that ends when a slot starts.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::ops::Range;

use chrono::{DateTime, TimeDelta, Utc};

/// A time interval, half-open: from `starts_at` (included) to `ends_at` (excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

impl Span {
    /// Whether the two intervals share a moment. Intervals that only touch (one ends when the
    /// other starts) do not; an empty or reversed interval overlaps nothing.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.starts_at < self.ends_at
            && other.starts_at < other.ends_at
            && self.starts_at < other.ends_at
            && other.starts_at < self.ends_at
    }
}

/// A matchmaking session: a time cut into slots of a fixed length, with tables in every slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The agenda session's id. Ids are expected to be unique; a repeated id is taken once (its
    /// first listing).
    pub id: i64,
    /// When the first slot starts (unless a break moves it).
    pub starts_at: DateTime<Utc>,
    /// The length of one meeting slot, in minutes (at least 1 is used).
    pub slot_minutes: u32,
    /// Minutes between the end of one slot and the start of the next (to change tables); often 0.
    pub gap_minutes: u32,
    /// How many meeting slots the session has (breaks not counted).
    pub slots: usize,
    /// Breaks: a slot that would overlap one starts when the break ends instead, and the
    /// following slots move along.
    pub breaks: Vec<Span>,
    /// Tables (or booths) in every slot, numbered from 0; the caller maps numbers to names.
    pub tables: usize,
}

/// One meeting slot of a session, with its times (see [`Session::timetable`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Slot {
    pub session: i64,
    /// From 0, in time order within the session.
    pub index: usize,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

impl Slot {
    /// The slot's time.
    pub fn span(&self) -> Span {
        Span {
            starts_at: self.starts_at,
            ends_at: self.ends_at,
        }
    }
}

impl Session {
    /// The session's slots with their times: each lasts `slot_minutes` and starts `gap_minutes`
    /// after the previous one ends, except that a slot overlapping a break starts when the break
    /// ends (repeatedly, for breaks in a row).
    pub fn timetable(&self) -> Vec<Slot> {
        let length = TimeDelta::minutes(i64::from(self.slot_minutes.max(1)));
        let gap = TimeDelta::minutes(i64::from(self.gap_minutes));
        let mut starts_at = self.starts_at;
        let mut slots = Vec::with_capacity(self.slots);
        for index in 0..self.slots {
            // Each round moves the start strictly later (a break that overlaps ends after it).
            while let Some(end) = self
                .breaks
                .iter()
                .filter(|b| {
                    b.overlaps(&Span {
                        starts_at,
                        ends_at: starts_at + length,
                    })
                })
                .map(|b| b.ends_at)
                .max()
            {
                starts_at = end;
            }
            slots.push(Slot {
                session: self.id,
                index,
                starts_at,
                ends_at: starts_at + length,
            });
            starts_at = starts_at + length + gap;
        }
        slots
    }
}

/// A time a person is not available for meetings, e.g. an agenda session they booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blocked {
    pub person: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

/// An accepted meeting request between two people, to be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Unique; a repeated id is placed once (its first listing) and the others are reported
    /// [`Reason::AlreadyPlaced`].
    pub id: i64,
    pub from: i64,
    pub to: i64,
    /// The sessions the request may be placed in (the organiser limits it). `None`: any.
    /// Unknown ids are ignored.
    pub sessions: Option<Vec<i64>>,
}

/// Where a request's meeting takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Placed {
    pub request: i64,
    pub session: i64,
    /// The slot's index in the session's [`Session::timetable`].
    pub slot: usize,
    /// The table, from 0 to the session's `tables` (excluded).
    pub table: usize,
}

/// A meeting that is already placed (earlier run, locked, or moved by hand) and is kept as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixed {
    pub from: i64,
    pub to: i64,
    pub placed: Placed,
}

/// Everything the scheduler needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    pub sessions: Vec<Session>,
    /// Meetings per person per session, fixed ones included.
    pub max_per_person: usize,
    pub blocked: Vec<Blocked>,
    /// Meetings already placed: kept, and counted for every rule. A fixed meeting outside the
    /// sessions' slots takes nothing; one at a table that does not exist still keeps its people
    /// busy ([`check`] reports both).
    pub fixed: Vec<Fixed>,
    /// The accepted requests to place. Those whose id is among `fixed` are not placed again.
    pub requests: Vec<Request>,
}

/// Why a request was not placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Reason {
    /// A request from a person to themselves.
    SamePerson,
    /// The request is already among the fixed meetings, or its id was listed before.
    AlreadyPlaced,
    /// None of the sessions the request is limited to exists (or there are no sessions).
    NoAllowedSession,
    /// In the sessions it may use, there is no slot in which both people are free: blocked or
    /// in other meetings at every one.
    NoCommonFreeSlot,
    /// Both people are free in some slot, but in each of them this person already has
    /// `max_per_person` meetings in that slot's session (when both have, `from` is named).
    PersonLimitReached { person: i64 },
    /// Some slot suits both people, but every table is taken in all of them.
    NoFreeTable,
}

/// What the scheduler decided.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Outcome {
    /// The new meetings (fixed ones not repeated), by request id.
    pub placed: Vec<Placed>,
    /// `(request, reason)` for every request not placed, by request id.
    pub unplaced: Vec<(i64, Reason)>,
}

/// A broken rule, as [`check`] finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, thiserror::Error)]
pub enum Violation {
    #[error("request {request} is neither an input request nor a fixed meeting")]
    UnknownRequest { request: i64 },
    #[error("request {request} is placed more than once")]
    PlacedTwice { request: i64 },
    #[error("request {request} is a meeting of a person with themselves")]
    SamePerson { request: i64 },
    #[error("request {request} is placed outside the sessions' slots or tables")]
    OutsideGrid { request: i64 },
    #[error("request {request} is placed in session {session}, which it is not allowed in")]
    SessionNotAllowed { request: i64, session: i64 },
    #[error("request {request} is placed while person {person} is blocked")]
    Blocked { request: i64, person: i64 },
    #[error("table {table} of slot {slot} in session {session} holds requests {requests:?}")]
    TableTaken {
        session: i64,
        slot: usize,
        table: usize,
        requests: (i64, i64),
    },
    #[error("person {person} is in requests {requests:?} at the same time")]
    DoubleBooked { person: i64, requests: (i64, i64) },
    #[error("person {person} has {meetings} meetings in session {session}, over the limit")]
    OverLimit {
        person: i64,
        session: i64,
        meetings: usize,
    },
}

/// Places the accepted requests, keeping the fixed meetings, without breaking a rule.
///
/// The heuristic is greedy, one request at a time, the most constrained first, then spreading
/// the meetings over people:
///
/// - A request's *candidates* are the slots, in the sessions it may use, where both people are
///   free (not blocked, not in a meeting at an overlapping time), both are under the limit for
///   that session, and a table is free.
/// - Requests with one or two candidates left are urgent and go first, the fewest candidates
///   first. The others follow by the meetings their two people have so far (fewest first), then
///   by fewest candidates. Ties: the lower request id. Keys are recomputed whenever one of the
///   request's people gets a meeting, or a slot runs out of tables.
/// - The request goes into the earliest candidate slot (equal times: the lower session id), at
///   the lowest free table.
/// - A request without candidates is reported with the reason that stopped it.
///
/// Why not strictly fewest candidates first: a person's meetings take their own slots, so their
/// other requests become "most constrained" and jump the queue. On random events short of
/// tables that left up to 7% of the people without any meeting (this order: none), and where the
/// limit per session was short it placed 94% of the bound instead of 98%. Letting the urgent
/// ones go first and then the people with fewer meetings places as many or more, and spreads
/// them.
///
/// Known limits: no look-ahead or repair, so it can miss placements an exact solver finds
/// (when two people's only common slot was taken by a meeting of one of them that could have
/// gone elsewhere); it does not move fixed meetings to make room; the earliest slot comes first,
/// so early slots fill up before late ones; and when tables are short, who gets a meeting is
/// decided by the order above, not by a notion of priority. On random events with ample room it
/// places every request, and about 95% of the upper bound of [`theoretical_max`] when people's
/// time or limits are short (see the tests).
///
/// Deterministic: the same input gives the same outcome in whatever order sessions, blocked
/// times, fixed meetings and requests are listed (all ties are broken by ids). The work is about
/// S·(R·d + T·R') plus a heap of as many keys, for R requests, d requests per person, S slots a
/// request may use (each checked in constant time), T slots that run out of tables and R' the
/// requests that could still have used such a slot.
pub fn schedule(input: &Input) -> Outcome {
    let grid = Grid::new(&input.sessions);
    let state = State::new(input, &grid);
    let (pending, unplaced) = prepare(input, &grid, &state);
    let mut run = Run::new(state, pending);
    run.go();
    let mut outcome = Outcome {
        placed: run.placed,
        unplaced: unplaced.into_iter().chain(run.unplaced).collect(),
    };
    outcome.placed.sort_unstable();
    // Stable: a repeated id keeps its listings together.
    outcome.unplaced.sort_by_key(|&(id, _)| id);
    outcome
}

/// An upper bound on how many of the requests any schedule can add to the fixed meetings: the
/// smallest of
///
/// - the requests that have at least one candidate slot at the start (see [`schedule`]);
/// - the table-slots not taken by fixed meetings;
/// - half the sum over people of `min(requests, capacity)`, where a person's requests are those
///   counted above and their capacity is, summed over sessions, the smaller of their remaining
///   limit and their free slots there (each meeting takes one unit from each of two people).
///
/// It ignores that meetings in overlapping sessions exclude each other and that two people
/// must be free in the same slot, so it is not always reachable.
pub fn theoretical_max(input: &Input) -> usize {
    let grid = Grid::new(&input.sessions);
    let state = State::new(input, &grid);
    let (pending, _) = prepare(input, &grid, &state);
    let mut requests = 0;
    let mut degree = vec![0usize; state.people.len()];
    for p in &pending {
        if state.candidates(p) > 0 {
            requests += 1;
            degree[p.a] += 1;
            degree[p.b] += 1;
        }
    }
    let tables: usize = state.tables_free.iter().sum();
    let people: usize = degree
        .iter()
        .enumerate()
        .map(|(person, &d)| {
            let capacity: usize = (0..grid.sessions.len())
                .map(|s| {
                    let left = state
                        .max_per_person
                        .saturating_sub(state.load[person * grid.sessions.len() + s]);
                    let free = grid.ranges[s]
                        .clone()
                        .filter(|&g| state.free[person * grid.slots.len() + g])
                        .count();
                    left.min(free)
                })
                .sum();
            d.min(capacity)
        })
        .sum();
    requests.min(tables).min(people / 2)
}

/// Verifies a schedule, the fixed meetings and `placed` together, against every rule, and
/// returns the first violation found: a placed request that is unknown (in `placed` order), then
/// per meeting by request id (placed twice, with oneself, outside the grid, session not allowed,
/// blocked person), then tables taken twice, people in two places at once, and limits, each in
/// the order of slots, tables, people and request ids.
///
/// `placed` meetings take their people and allowed sessions from `input.requests` (the first
/// listing of an id); fixed meetings carry their people and may be in any session.
pub fn check(input: &Input, placed: &[Placed]) -> Result<(), Violation> {
    let grid = Grid::new(&input.sessions);
    let mut requests: Vec<&Request> = input.requests.iter().collect();
    requests.sort_by_key(|r| r.id);
    requests.dedup_by_key(|r| r.id);
    let find = |id: i64| {
        requests
            .binary_search_by_key(&id, |r| r.id)
            .ok()
            .map(|i| requests[i])
    };

    struct Meeting {
        request: i64,
        from: i64,
        to: i64,
        slot: usize,
        table: usize,
    }
    let mut all: Vec<(Placed, i64, i64, Option<&Request>)> = input
        .fixed
        .iter()
        .map(|f| (f.placed, f.from, f.to, None))
        .collect();
    for p in placed {
        if let Some(request) = find(p.request) {
            all.push((*p, request.from, request.to, Some(request)));
        } else if let Some(f) = input.fixed.iter().find(|f| f.placed.request == p.request) {
            // Placed again: reported below as placed twice.
            all.push((*p, f.from, f.to, None));
        } else {
            return Err(Violation::UnknownRequest { request: p.request });
        }
    }
    // Stable: fixed meetings before placed ones of the same request.
    all.sort_by_key(|(p, ..)| p.request);

    let mut meetings = Vec::with_capacity(all.len());
    for (i, (p, from, to, request)) in all.iter().enumerate() {
        let id = p.request;
        if i > 0 && all[i - 1].0.request == id {
            return Err(Violation::PlacedTwice { request: id });
        }
        if from == to {
            return Err(Violation::SamePerson { request: id });
        }
        let slot = grid
            .slot(p.session, p.slot)
            .filter(|&g| p.table < grid.sessions[grid.session_of[g]].tables)
            .ok_or(Violation::OutsideGrid { request: id })?;
        if let Some(allowed) = request.and_then(|r| r.sessions.as_ref())
            && !allowed.contains(&p.session)
        {
            return Err(Violation::SessionNotAllowed {
                request: id,
                session: p.session,
            });
        }
        let span = grid.slots[slot].span();
        let mut blocked: Vec<&Blocked> = input
            .blocked
            .iter()
            .filter(|b| {
                (b.person == *from || b.person == *to)
                    && span.overlaps(&Span {
                        starts_at: b.starts_at,
                        ends_at: b.ends_at,
                    })
            })
            .collect();
        blocked.sort_by_key(|b| b.person);
        if let Some(b) = blocked.first() {
            return Err(Violation::Blocked {
                request: id,
                person: b.person,
            });
        }
        meetings.push(Meeting {
            request: id,
            from: *from,
            to: *to,
            slot,
            table: p.table,
        });
    }

    let mut tables: Vec<(usize, usize, i64)> = meetings
        .iter()
        .map(|m| (m.slot, m.table, m.request))
        .collect();
    tables.sort_unstable();
    for w in tables.windows(2) {
        if (w[0].0, w[0].1) == (w[1].0, w[1].1) {
            let slot = &grid.slots[w[0].0];
            return Err(Violation::TableTaken {
                session: slot.session,
                slot: slot.index,
                table: w[0].1,
                requests: (w[0].2, w[1].2),
            });
        }
    }

    // Per person, meetings in time order; one that starts before an earlier one ends clashes.
    let mut agendas: Vec<(i64, DateTime<Utc>, DateTime<Utc>, i64)> = meetings
        .iter()
        .flat_map(|m| {
            let s = &grid.slots[m.slot];
            [m.from, m.to].map(|person| (person, s.starts_at, s.ends_at, m.request))
        })
        .collect();
    agendas.sort_unstable();
    // Until the first clash, a person's meetings are disjoint: the previous one ends last.
    for w in agendas.windows(2) {
        let ((person, _, end, earlier), (next, starts_at, _, request)) = (w[0], w[1]);
        if person == next && starts_at < end {
            return Err(Violation::DoubleBooked {
                person,
                requests: (earlier, request),
            });
        }
    }

    let mut counts: HashMap<(i64, i64), usize> = HashMap::new();
    for m in &meetings {
        let session = grid.slots[m.slot].session;
        for person in [m.from, m.to] {
            *counts.entry((person, session)).or_default() += 1;
        }
    }
    let mut over: Vec<(i64, i64, usize)> = counts
        .into_iter()
        .filter(|&(_, n)| n > input.max_per_person)
        .map(|((person, session), n)| (person, session, n))
        .collect();
    over.sort_unstable();
    if let Some(&(person, session, meetings)) = over.first() {
        return Err(Violation::OverLimit {
            person,
            session,
            meetings,
        });
    }
    Ok(())
}

// --- The sessions' slots, flattened --------------------------------------------------------------

/// All sessions' slots in one list, grouped by session (by id), with the slots that overlap in
/// time. Indices into `slots` are the "global" slots used below.
struct Grid<'a> {
    sessions: Vec<&'a Session>,
    slots: Vec<Slot>,
    /// Per session (index into `sessions`), its global slots.
    ranges: Vec<Range<usize>>,
    /// Per global slot, its session's index.
    session_of: Vec<usize>,
    /// Per global slot, the global slots overlapping it in time, itself included.
    clashes: Vec<Vec<usize>>,
}

impl<'a> Grid<'a> {
    fn new(sessions: &'a [Session]) -> Self {
        let mut sorted: Vec<&Session> = sessions.iter().collect();
        sorted.sort_by_key(|s| s.id);
        sorted.dedup_by_key(|s| s.id);
        let mut slots = Vec::new();
        let mut ranges = Vec::with_capacity(sorted.len());
        let mut session_of = Vec::new();
        for (s, session) in sorted.iter().enumerate() {
            let start = slots.len();
            slots.extend(session.timetable());
            session_of.resize(slots.len(), s);
            ranges.push(start..slots.len());
        }
        let clashes = slots
            .iter()
            .map(|a| {
                (0..slots.len())
                    .filter(|&h| a.span().overlaps(&slots[h].span()))
                    .collect()
            })
            .collect();
        Grid {
            sessions: sorted,
            slots,
            ranges,
            session_of,
            clashes,
        }
    }

    /// The index of the session with this id.
    fn session(&self, id: i64) -> Option<usize> {
        self.sessions.binary_search_by_key(&id, |s| s.id).ok()
    }

    /// The global slot of a session's slot.
    fn slot(&self, session: i64, index: usize) -> Option<usize> {
        let range = &self.ranges[self.session(session)?];
        (index < range.len()).then_some(range.start + index)
    }
}

// --- Who is free when, with the fixed meetings in place ------------------------------------------

struct State<'a> {
    grid: &'a Grid<'a>,
    max_per_person: usize,
    /// Everyone in a request or fixed meeting, by id; people are their index here.
    people: Vec<i64>,
    /// `[person × slots + slot]`: not blocked and not in a meeting at an overlapping time.
    free: Vec<bool>,
    /// `[person × sessions + session]`: meetings in that session.
    load: Vec<usize>,
    /// Meetings per person, over all sessions.
    total: Vec<usize>,
    /// Per global slot, the tables taken.
    taken: Vec<Vec<bool>>,
    /// Per global slot, the tables left.
    tables_free: Vec<usize>,
}

impl<'a> State<'a> {
    fn new(input: &Input, grid: &'a Grid<'a>) -> Self {
        let mut people: Vec<i64> = input
            .requests
            .iter()
            .flat_map(|r| [r.from, r.to])
            .chain(input.fixed.iter().flat_map(|f| [f.from, f.to]))
            .collect();
        people.sort_unstable();
        people.dedup();
        let (n, slots, sessions) = (people.len(), grid.slots.len(), grid.sessions.len());
        let mut state = State {
            grid,
            max_per_person: input.max_per_person,
            free: vec![true; n * slots],
            load: vec![0; n * sessions],
            total: vec![0; n],
            taken: grid
                .session_of
                .iter()
                .map(|&s| vec![false; grid.sessions[s].tables])
                .collect(),
            tables_free: grid
                .session_of
                .iter()
                .map(|&s| grid.sessions[s].tables)
                .collect(),
            people,
        };
        for b in &input.blocked {
            let Some(p) = state.person(b.person) else {
                continue;
            };
            let span = Span {
                starts_at: b.starts_at,
                ends_at: b.ends_at,
            };
            for (g, slot) in grid.slots.iter().enumerate() {
                if slot.span().overlaps(&span) {
                    state.free[p * slots + g] = false;
                }
            }
        }
        for f in &input.fixed {
            let Some(g) = grid.slot(f.placed.session, f.placed.slot) else {
                continue;
            };
            if let Some(taken) = state.taken[g].get_mut(f.placed.table)
                && !*taken
            {
                *taken = true;
                state.tables_free[g] -= 1;
            }
            let a = state.person(f.from).expect("fixed people are indexed");
            state.occupy(a, g);
            if f.to != f.from {
                let b = state.person(f.to).expect("fixed people are indexed");
                state.occupy(b, g);
            }
        }
        state
    }

    fn person(&self, id: i64) -> Option<usize> {
        self.people.binary_search(&id).ok()
    }

    /// `person` has a meeting in global slot `g`.
    fn occupy(&mut self, person: usize, g: usize) {
        let slots = self.grid.slots.len();
        for &h in &self.grid.clashes[g] {
            self.free[person * slots + h] = false;
        }
        self.load[person * self.grid.sessions.len() + self.grid.session_of[g]] += 1;
        self.total[person] += 1;
    }

    fn is_free(&self, person: usize, g: usize) -> bool {
        self.free[person * self.grid.slots.len() + g]
    }

    fn under_limit(&self, person: usize, session: usize) -> bool {
        self.load[person * self.grid.sessions.len() + session] < self.max_per_person
    }

    /// Whether the request's meeting could go into global slot `g` now.
    fn fits(&self, p: &Pending, g: usize) -> bool {
        self.tables_free[g] > 0 && self.suits(p, g)
    }

    /// Whether both people could meet in global slot `g`, tables aside.
    fn suits(&self, p: &Pending, g: usize) -> bool {
        let s = self.grid.session_of[g];
        self.is_free(p.a, g)
            && self.is_free(p.b, g)
            && self.under_limit(p.a, s)
            && self.under_limit(p.b, s)
    }

    fn slots_of<'p>(&'p self, p: &'p Pending) -> impl Iterator<Item = usize> + 'p {
        p.sessions.iter().flat_map(|&s| self.grid.ranges[s].clone())
    }

    fn candidates(&self, p: &Pending) -> usize {
        self.slots_of(p).filter(|&g| self.fits(p, g)).count()
    }

    /// Why the request has no candidate: the last hurdle that stops it (see [`Reason`]).
    fn reason(&self, p: &Pending) -> Reason {
        let (mut limit_from, mut limit_to) = (false, false);
        for g in self.slots_of(p) {
            if !(self.is_free(p.a, g) && self.is_free(p.b, g)) {
                continue;
            }
            let s = self.grid.session_of[g];
            let (a, b) = (self.under_limit(p.a, s), self.under_limit(p.b, s));
            limit_from |= !a;
            limit_to |= !b;
            if a && b {
                return Reason::NoFreeTable;
            }
        }
        match (limit_from, limit_to) {
            (true, _) => Reason::PersonLimitReached {
                person: self.people[p.a],
            },
            (_, true) => Reason::PersonLimitReached {
                person: self.people[p.b],
            },
            _ => Reason::NoCommonFreeSlot,
        }
    }
}

/// A request that passed the static filters, with its people and sessions as indices.
struct Pending {
    id: i64,
    /// `from`, `to`.
    a: usize,
    b: usize,
    /// The sessions it may go into, as indices into the grid's sessions, ascending.
    sessions: Vec<usize>,
}

/// Splits the requests into those to place (by id) and those that cannot be, for reasons that
/// do not depend on the other requests.
fn prepare(input: &Input, grid: &Grid, state: &State) -> (Vec<Pending>, Vec<(i64, Reason)>) {
    let fixed: HashSet<i64> = input.fixed.iter().map(|f| f.placed.request).collect();
    let mut requests: Vec<&Request> = input.requests.iter().collect();
    requests.sort_by_key(|r| r.id);
    let (mut pending, mut unplaced) = (Vec::with_capacity(requests.len()), Vec::new());
    for (i, r) in requests.iter().enumerate() {
        if fixed.contains(&r.id) || (i > 0 && requests[i - 1].id == r.id) {
            unplaced.push((r.id, Reason::AlreadyPlaced));
            continue;
        }
        if r.from == r.to {
            unplaced.push((r.id, Reason::SamePerson));
            continue;
        }
        let sessions: Vec<usize> = match &r.sessions {
            None => (0..grid.sessions.len()).collect(),
            Some(ids) => {
                let mut s: Vec<usize> = ids.iter().filter_map(|&id| grid.session(id)).collect();
                s.sort_unstable();
                s.dedup();
                s
            }
        };
        if sessions.is_empty() {
            unplaced.push((r.id, Reason::NoAllowedSession));
            continue;
        }
        pending.push(Pending {
            id: r.id,
            a: state.person(r.from).expect("request people are indexed"),
            b: state.person(r.to).expect("request people are indexed"),
            sessions,
        });
    }
    (pending, unplaced)
}

// --- The greedy ----------------------------------------------------------------------------------

/// A request with this many candidate slots or fewer is urgent: it goes before the others.
const URGENT: usize = 2;

/// The order of open requests, smallest first: (class, then two criteria, request id). Class 0:
/// no candidate left (reported at once); 1: urgent, by (candidates, meetings of its two people
/// so far); 2: the rest, by (meetings so far, candidates).
type Key = (u8, usize, usize, i64);

struct Run<'a> {
    state: State<'a>,
    pending: Vec<Pending>,
    /// Per person, their pending requests (indices into `pending`).
    requests_of: Vec<Vec<usize>>,
    done: Vec<bool>,
    /// Bumped with every new key; heap entries with an older version are stale.
    version: Vec<u32>,
    heap: BinaryHeap<Reverse<(Key, usize, u32)>>,
    placed: Vec<Placed>,
    unplaced: Vec<(i64, Reason)>,
}

impl<'a> Run<'a> {
    fn new(state: State<'a>, pending: Vec<Pending>) -> Self {
        let mut requests_of = vec![Vec::new(); state.people.len()];
        for (i, p) in pending.iter().enumerate() {
            requests_of[p.a].push(i);
            requests_of[p.b].push(i);
        }
        let n = pending.len();
        Run {
            state,
            pending,
            requests_of,
            done: vec![false; n],
            version: vec![0; n],
            heap: BinaryHeap::with_capacity(n),
            placed: Vec::new(),
            unplaced: Vec::new(),
        }
    }

    /// The request's place in the order. It only changes when one of its people gets a
    /// meeting or a slot runs out of tables, which is when [`Run::refresh`] is called.
    fn key(&self, i: usize) -> Key {
        let p = &self.pending[i];
        let candidates = self.state.candidates(p);
        let meetings = self.state.total[p.a] + self.state.total[p.b];
        match candidates {
            0 => (0, 0, 0, p.id),
            c if c <= URGENT => (1, c, meetings, p.id),
            c => (2, meetings, c, p.id),
        }
    }

    /// Recomputes the key of request `i`, if it is still open.
    fn refresh(&mut self, i: usize) {
        if self.done[i] {
            return;
        }
        self.version[i] += 1;
        let key = self.key(i);
        self.heap.push(Reverse((key, i, self.version[i])));
    }

    fn go(&mut self) {
        for i in 0..self.pending.len() {
            self.refresh(i);
        }
        while let Some(Reverse((_, i, version))) = self.heap.pop() {
            if self.done[i] || version != self.version[i] {
                continue;
            }
            self.done[i] = true;
            let p = &self.pending[i];
            let Some(g) = self.earliest_slot(p) else {
                self.unplaced.push((p.id, self.state.reason(p)));
                continue;
            };
            let (id, a, b) = (p.id, p.a, p.b);
            let table = self.state.taken[g]
                .iter()
                .position(|taken| !taken)
                .expect("a slot that fits has a free table");
            self.state.taken[g][table] = true;
            self.state.tables_free[g] -= 1;
            self.state.occupy(a, g);
            self.state.occupy(b, g);
            let slot = &self.state.grid.slots[g];
            self.placed.push(Placed {
                request: id,
                session: slot.session,
                slot: slot.index,
                table,
            });
            for person in [a, b] {
                for k in 0..self.requests_of[person].len() {
                    self.refresh(self.requests_of[person][k]);
                }
            }
            if self.state.tables_free[g] == 0 {
                // The others who could have used this slot lose a candidate.
                let s = self.state.grid.session_of[g];
                for k in 0..self.pending.len() {
                    let other = &self.pending[k];
                    if !self.done[k]
                        && other.sessions.binary_search(&s).is_ok()
                        && self.state.suits(other, g)
                    {
                        self.refresh(k);
                    }
                }
            }
        }
    }

    /// The earliest slot that fits the request (equal times: the lower session id).
    fn earliest_slot(&self, p: &Pending) -> Option<usize> {
        let state = &self.state;
        state
            .slots_of(p)
            .filter(|&g| state.fits(p, g))
            .min_by_key(|&g| (state.grid.slots[g].starts_at, state.grid.slots[g].session))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    /// 14:00 plus `minutes` on the first matchmaking day.
    fn at(minutes: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 9, 15, 14, 0, 0).unwrap() + TimeDelta::minutes(minutes)
    }

    /// A session starting `offset` minutes after 14:00, of 20-minute slots without gaps.
    fn session(id: i64, offset: i64, slots: usize, tables: usize) -> Session {
        Session {
            id,
            starts_at: at(offset),
            slot_minutes: 20,
            gap_minutes: 0,
            slots,
            breaks: Vec::new(),
            tables,
        }
    }

    fn request(id: i64, from: i64, to: i64) -> Request {
        Request {
            id,
            from,
            to,
            sessions: None,
        }
    }

    fn placed(request: i64, session: i64, slot: usize, table: usize) -> Placed {
        Placed {
            request,
            session,
            slot,
            table,
        }
    }

    fn blocked(person: i64, from: i64, to: i64) -> Blocked {
        Blocked {
            person,
            starts_at: at(from),
            ends_at: at(to),
        }
    }

    fn input(sessions: Vec<Session>, max_per_person: usize, requests: Vec<Request>) -> Input {
        Input {
            sessions,
            max_per_person,
            requests,
            ..Default::default()
        }
    }

    /// Schedules, and asserts that the outcome keeps every rule and accounts for every request.
    fn run(input: &Input) -> Outcome {
        let outcome = schedule(input);
        assert_eq!(check(input, &outcome.placed), Ok(()), "{outcome:?}");
        assert_eq!(
            outcome.placed.len() + outcome.unplaced.len(),
            input.requests.len()
        );
        assert!(outcome.placed.len() <= theoretical_max(input));
        outcome
    }

    /// A small deterministic generator (no `rand` needed, same numbers on every run).
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    #[test]
    fn the_timetable_cuts_the_session_into_slots_and_moves_them_past_breaks() {
        let mut s = session(1, 0, 4, 1);
        s.gap_minutes = 5;
        // A break 14:50–15:00: the third slot would start at 14:50, so it starts at 15:00.
        s.breaks = vec![Span {
            starts_at: at(50),
            ends_at: at(60),
        }];
        let times: Vec<(i64, i64)> = s
            .timetable()
            .iter()
            .map(|slot| {
                (
                    (slot.starts_at - at(0)).num_minutes(),
                    (slot.ends_at - at(0)).num_minutes(),
                )
            })
            .collect();
        assert_eq!(times, [(0, 20), (25, 45), (60, 80), (85, 105)]);
        assert!(s.timetable().iter().enumerate().all(|(i, t)| t.index == i));
    }

    #[test]
    fn a_small_event_is_placed_at_the_earliest_free_slots_and_lowest_tables() {
        // Three slots, two tables; four requests forming a square 1–2, 3–4, 1–3, 2–4.
        let input = input(
            vec![session(1, 0, 3, 2)],
            3,
            vec![
                request(1, 1, 2),
                request(2, 3, 4),
                request(3, 1, 3),
                request(4, 2, 4),
            ],
        );
        let outcome = run(&input);
        // All have three candidates: request 1 first (lowest id): slot 0, table 0. Requests 3
        // and 4 are then left with slots 1 and 2, urgent: slot 1, tables 0 and 1. Request 2
        // (3–4) has slots 0 and 2: slot 0, table 1.
        assert_eq!(
            outcome.placed,
            [
                placed(1, 1, 0, 0),
                placed(2, 1, 0, 1),
                placed(3, 1, 1, 0),
                placed(4, 1, 1, 1)
            ]
        );
        assert!(outcome.unplaced.is_empty());
    }

    #[test]
    fn a_person_is_never_in_two_meetings_at_once() {
        // Person 1 wants to meet 2, 3 and 4; ten tables but only two slots.
        let input = input(
            vec![session(1, 0, 2, 10)],
            5,
            vec![request(1, 1, 2), request(2, 1, 3), request(3, 1, 4)],
        );
        let outcome = run(&input);
        assert_eq!(outcome.placed, [placed(1, 1, 0, 0), placed(2, 1, 1, 0)]);
        assert_eq!(outcome.unplaced, [(3, Reason::NoCommonFreeSlot)]);
    }

    #[test]
    fn a_person_is_never_in_two_meetings_at_once_across_overlapping_sessions() {
        // Two halls: session 1 at 14:00 and session 2 at 14:10, both with 20-minute slots,
        // so slot 0 of session 2 overlaps slots 0 and 1 of session 1.
        let input = Input {
            sessions: vec![session(1, 0, 2, 1), session(2, 10, 1, 1)],
            max_per_person: 5,
            fixed: vec![Fixed {
                from: 1,
                to: 2,
                placed: placed(10, 2, 0, 0),
            }],
            requests: vec![request(1, 1, 3), request(2, 3, 4)],
            ..Default::default()
        };
        let outcome = run(&input);
        // Person 1 is busy 14:10–14:30 in hall 2: no slot of hall 1 is free for them.
        assert_eq!(outcome.unplaced, [(1, Reason::NoCommonFreeSlot)]);
        assert_eq!(outcome.placed, [placed(2, 1, 0, 0)]);
    }

    #[test]
    fn nobody_is_placed_while_blocked() {
        // Person 2 booked a talk 14:00–14:30, which overlaps slots 0 (14:00) and 1 (14:20);
        // person 4 one 14:40–15:00, which is slot 2 exactly (slots 1 and 3 only touch it).
        let input = Input {
            blocked: vec![blocked(2, 0, 30), blocked(4, 40, 60)],
            ..input(
                vec![session(1, 0, 4, 5)],
                5,
                vec![request(1, 1, 2), request(2, 3, 4), request(3, 2, 4)],
            )
        };
        let outcome = run(&input);
        // Request 3 (2–4) only has slot 3: it goes first. Request 1 (1–2) then has slot 2,
        // request 2 (3–4) slots 0 and 1: the earlier.
        assert_eq!(
            outcome.placed,
            [placed(1, 1, 2, 0), placed(2, 1, 0, 0), placed(3, 1, 3, 0)]
        );
    }

    #[test]
    fn a_table_holds_one_meeting_per_slot() {
        // One table, two slots, three pairs of strangers.
        let input = input(
            vec![session(1, 0, 2, 1)],
            5,
            vec![request(1, 1, 2), request(2, 3, 4), request(3, 5, 6)],
        );
        let outcome = run(&input);
        assert_eq!(outcome.placed, [placed(1, 1, 0, 0), placed(2, 1, 1, 0)]);
        assert_eq!(outcome.unplaced, [(3, Reason::NoFreeTable)]);
    }

    #[test]
    fn nobody_has_more_than_the_limit_of_meetings_in_one_session() {
        // Limit 2 per session; person 1 has three requests.
        let requests = vec![request(1, 1, 2), request(2, 1, 3), request(3, 1, 4)];
        let one = input(vec![session(1, 0, 6, 5)], 2, requests.clone());
        let outcome = run(&one);
        assert_eq!(outcome.placed.len(), 2);
        assert_eq!(
            outcome.unplaced,
            [(3, Reason::PersonLimitReached { person: 1 })]
        );

        // With a second session (day 2), the third goes there.
        let two = input(
            vec![session(1, 0, 6, 5), session(2, 24 * 60, 6, 5)],
            2,
            requests,
        );
        let outcome = run(&two);
        assert_eq!(
            outcome.placed,
            [placed(1, 1, 0, 0), placed(2, 1, 1, 0), placed(3, 2, 0, 0)]
        );
    }

    #[test]
    fn fixed_meetings_are_kept_and_count_for_every_rule() {
        // Fixed: 1–2 at slot 0, table 0 (request 10) and 3–4 at slot 1, table 0 (request 11).
        let input = Input {
            fixed: vec![
                Fixed {
                    from: 1,
                    to: 2,
                    placed: placed(10, 1, 0, 0),
                },
                Fixed {
                    from: 3,
                    to: 4,
                    placed: placed(11, 1, 1, 0),
                },
            ],
            ..input(
                vec![session(1, 0, 3, 2)],
                2,
                vec![
                    request(1, 1, 3),
                    request(2, 5, 6),
                    request(3, 1, 7),
                    request(10, 1, 2), // the fixed one, listed again
                ],
            )
        };
        let outcome = run(&input);
        // Request 1 (1–3): slot 0 has person 1, slot 1 person 3, so only slot 2 (the fewest
        // candidates, it goes first). Then person 1 has two meetings, the limit: request 3 (1–7) cannot be
        // placed. Request 2 (5–6): slot 0, table 1 (table 0 is the fixed meeting's).
        assert_eq!(outcome.placed, [placed(1, 1, 2, 0), placed(2, 1, 0, 1)]);
        assert_eq!(
            outcome.unplaced,
            [
                (3, Reason::PersonLimitReached { person: 1 }),
                (10, Reason::AlreadyPlaced)
            ]
        );
    }

    #[test]
    fn a_request_limited_to_sessions_is_placed_only_in_those() {
        let input = input(
            vec![session(1, 0, 3, 2), session(2, 24 * 60, 3, 2)],
            5,
            vec![
                Request {
                    sessions: Some(vec![2]),
                    ..request(1, 1, 2)
                },
                Request {
                    sessions: Some(vec![99]), // no such session
                    ..request(2, 3, 4)
                },
                Request {
                    sessions: Some(vec![2, 99]),
                    ..request(3, 1, 3)
                },
            ],
        );
        let outcome = run(&input);
        assert_eq!(outcome.placed, [placed(1, 2, 0, 0), placed(3, 2, 1, 0)]);
        assert_eq!(outcome.unplaced, [(2, Reason::NoAllowedSession)]);
    }

    #[test]
    fn a_request_to_oneself_is_not_placed() {
        let input = input(
            vec![session(1, 0, 3, 2)],
            5,
            vec![request(1, 7, 7), request(2, 7, 8)],
        );
        let outcome = run(&input);
        assert_eq!(outcome.placed, [placed(2, 1, 0, 0)]);
        assert_eq!(outcome.unplaced, [(1, Reason::SamePerson)]);
    }

    #[test]
    fn every_unplaced_request_has_the_reason_that_stopped_it() {
        // One session of two slots and one table, limit 1.
        let input = Input {
            fixed: vec![Fixed {
                from: 1,
                to: 2,
                placed: placed(1, 1, 0, 0),
            }],
            blocked: vec![blocked(8, 0, 40)],
            ..input(
                vec![session(1, 0, 2, 1)],
                1,
                vec![
                    request(1, 3, 4),   // id of the fixed meeting
                    request(2, 5, 5),   // to oneself
                    request(3, 1, 6),   // person 1 is at the limit
                    request(4, 6, 2),   // person 2 is at the limit
                    request(5, 7, 8),   // person 8 is blocked all afternoon
                    request(6, 9, 10),  // placed in slot 1, the last table-slot
                    request(7, 11, 12), // both free, no table left
                    request(8, 3, 4),   // competes with 6 and 7 for slot 1
                    request(8, 3, 4),   // the same id again
                    Request {
                        sessions: Some(vec![]),
                        ..request(9, 13, 14)
                    },
                ],
            )
        };
        let outcome = run(&input);
        assert_eq!(outcome.placed.len(), 1);
        assert_eq!(
            outcome.unplaced,
            [
                (1, Reason::AlreadyPlaced),
                (2, Reason::SamePerson),
                (3, Reason::PersonLimitReached { person: 1 }),
                (4, Reason::PersonLimitReached { person: 2 }),
                (5, Reason::NoCommonFreeSlot),
                // Requests 6, 7 and 8 compete for slot 1 (their only one); 6 has the lowest id.
                (7, Reason::NoFreeTable),
                (8, Reason::AlreadyPlaced),
                (8, Reason::NoFreeTable),
                (9, Reason::NoAllowedSession),
            ]
        );
        assert_eq!(outcome.placed, [placed(6, 1, 1, 0)]);
    }

    #[test]
    fn the_same_input_gives_the_same_outcome_in_whatever_order_it_is_listed() {
        let mut rng = Rng(3);
        let requests: Vec<Request> = (1..=120)
            .map(|id| {
                let from = rng.below(30) as i64;
                let to = rng.below(30) as i64;
                Request {
                    sessions: (id % 7 == 0).then(|| vec![2]),
                    ..request(id, from, to)
                }
            })
            .collect();
        let blocked: Vec<Blocked> = (0..10).map(|p| blocked(p * 3, p * 7, p * 7 + 30)).collect();
        let original = Input {
            sessions: vec![session(1, 0, 6, 4), session(2, 60, 6, 3)],
            max_per_person: 4,
            blocked,
            fixed: vec![Fixed {
                from: 1,
                to: 2,
                placed: placed(1000, 1, 2, 1),
            }],
            requests,
        };
        let first = run(&original);
        assert_eq!(run(&original), first);

        let mut shuffled = original.clone();
        for i in (1..shuffled.requests.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            shuffled.requests.swap(i, j);
        }
        shuffled.sessions.reverse();
        shuffled.blocked.reverse();
        assert_ne!(shuffled.requests, original.requests);
        assert_eq!(run(&shuffled), first);
    }

    #[test]
    fn check_reports_each_kind_of_violation() {
        let input = Input {
            blocked: vec![blocked(5, 0, 20)],
            fixed: vec![Fixed {
                from: 1,
                to: 2,
                placed: placed(10, 1, 0, 0),
            }],
            ..input(
                vec![session(1, 0, 3, 2), session(2, 10, 3, 2)],
                1,
                vec![
                    request(1, 1, 3),
                    request(2, 4, 4),
                    Request {
                        sessions: Some(vec![1]),
                        ..request(3, 3, 4)
                    },
                    request(4, 5, 6),
                    request(5, 3, 6),
                ],
            )
        };
        let check = |placed: &[Placed]| check(&input, placed);
        assert_eq!(check(&[]), Ok(()));
        assert_eq!(check(&[placed(3, 1, 1, 0)]), Ok(()));
        assert_eq!(
            check(&[placed(99, 1, 1, 0)]),
            Err(Violation::UnknownRequest { request: 99 })
        );
        assert_eq!(
            check(&[placed(10, 1, 1, 0)]),
            Err(Violation::PlacedTwice { request: 10 })
        );
        assert_eq!(
            check(&[placed(3, 1, 1, 0), placed(3, 1, 2, 0)]),
            Err(Violation::PlacedTwice { request: 3 })
        );
        assert_eq!(
            check(&[placed(2, 1, 1, 0)]),
            Err(Violation::SamePerson { request: 2 })
        );
        for outside in [placed(3, 9, 0, 0), placed(3, 1, 3, 0), placed(3, 1, 0, 2)] {
            assert_eq!(
                check(&[outside]),
                Err(Violation::OutsideGrid { request: 3 })
            );
        }
        assert_eq!(
            check(&[placed(3, 2, 1, 0)]),
            Err(Violation::SessionNotAllowed {
                request: 3,
                session: 2
            })
        );
        assert_eq!(
            check(&[placed(4, 1, 0, 1)]),
            Err(Violation::Blocked {
                request: 4,
                person: 5
            })
        );
        assert_eq!(
            check(&[placed(3, 1, 0, 0)]),
            Err(Violation::TableTaken {
                session: 1,
                slot: 0,
                table: 0,
                requests: (3, 10)
            })
        );
        // Same slot; and session 2's slot 0 (14:10–14:30) overlapping session 1's slot 0.
        assert_eq!(
            check(&[placed(1, 1, 0, 1)]),
            Err(Violation::DoubleBooked {
                person: 1,
                requests: (1, 10)
            })
        );
        assert_eq!(
            check(&[placed(1, 2, 0, 0)]),
            Err(Violation::DoubleBooked {
                person: 1,
                requests: (10, 1)
            })
        );
        // Person 3 twice in session 1, with the limit at 1 (at different times); once in each
        // session is fine.
        assert_eq!(
            check(&[placed(3, 1, 1, 0), placed(5, 1, 2, 0)]),
            Err(Violation::OverLimit {
                person: 3,
                session: 1,
                meetings: 2
            })
        );
        assert_eq!(check(&[placed(3, 1, 1, 0), placed(5, 2, 2, 0)]), Ok(()));
    }

    #[test]
    fn a_longer_slot_in_another_session_clashes_with_every_slot_it_overlaps() {
        // Person 1 has a fixed 60-minute meeting in session 2 at 14:00; session 1 has three
        // 20-minute slots from 14:00, all within it.
        let mut long = session(2, 0, 1, 1);
        long.slot_minutes = 60;
        let input = Input {
            fixed: vec![Fixed {
                from: 1,
                to: 2,
                placed: placed(10, 2, 0, 0),
            }],
            ..input(
                vec![session(1, 0, 3, 1), long],
                5,
                vec![request(1, 1, 3), request(2, 1, 4)],
            )
        };
        assert_eq!(
            check(&input, &[placed(2, 1, 2, 0)]),
            Err(Violation::DoubleBooked {
                person: 1,
                requests: (10, 2)
            })
        );
        let outcome = run(&input);
        assert_eq!(outcome.placed, []);
        assert_eq!(
            outcome.unplaced,
            [(1, Reason::NoCommonFreeSlot), (2, Reason::NoCommonFreeSlot)]
        );
    }

    #[test]
    fn the_theoretical_maximum_is_the_smallest_of_requests_tables_and_people() {
        // Requests: 3 placeable (the one to oneself is not).
        let few = input(
            vec![session(1, 0, 5, 5)],
            5,
            vec![
                request(1, 1, 2),
                request(2, 3, 4),
                request(3, 1, 3),
                request(4, 5, 5),
            ],
        );
        assert_eq!(theoretical_max(&few), 3);
        // Tables: 2 slots × 1 table.
        let tables = input(vec![session(1, 0, 2, 1)], 5, few.requests.clone());
        assert_eq!(theoretical_max(&tables), 2);
        // People: person 1 has five requests, but a limit of 2 in each of two sessions;
        // persons 2–6 one request each: (4 + 5) / 2 = 4.
        let people = input(
            vec![session(1, 0, 5, 5), session(2, 200, 5, 5)],
            2,
            (2..=6).map(|to| request(to, 1, to)).collect(),
        );
        assert_eq!(theoretical_max(&people), 4);
        assert_eq!(run(&people).placed.len(), 4);
    }

    /// A random event: `people` people, `requests` requests between random pairs, a tenth
    /// of the people blocked for an hour somewhere.
    fn random_event(
        rng: &mut Rng,
        people: u64,
        requests: usize,
        sessions: Vec<Session>,
        max_per_person: usize,
    ) -> Input {
        let requests = (0..requests)
            .map(|id| {
                let from = rng.below(people) as i64;
                let to = (from + 1 + rng.below(people - 1) as i64) % people as i64;
                request(id as i64, from, to)
            })
            .collect();
        let blocked = (0..people / 10)
            .map(|_| {
                let start = rng.below(200) as i64;
                blocked(rng.below(people) as i64, start, start + 60)
            })
            .collect();
        Input {
            sessions,
            max_per_person,
            blocked,
            fixed: Vec::new(),
            requests,
        }
    }

    #[test]
    fn a_random_event_with_ample_room_is_placed_almost_completely() {
        let mut rng = Rng(42);
        for round in 0..5 {
            // 80 people, 240 requests (6 per person on average); two sessions of 12 slots,
            // 15 tables (360 table-slots), limit 8 per session.
            let input = random_event(
                &mut rng,
                80,
                240,
                vec![session(1, 0, 12, 15), session(2, 24 * 60, 12, 15)],
                8,
            );
            let outcome = run(&input);
            let max = theoretical_max(&input);
            assert!(
                outcome.placed.len() * 10 >= max * 9,
                "round {round}: {} of at most {max}",
                outcome.placed.len()
            );
        }
    }

    #[test]
    fn a_random_event_short_of_time_places_most_of_the_upper_bound() {
        let mut rng = Rng(5);
        for round in 0..5 {
            // 60 people, 300 requests (10 per person), two sessions of 12 slots with 30 tables,
            // at most 5 meetings per person per session: people's limits are the bound.
            let input = random_event(
                &mut rng,
                60,
                300,
                vec![session(1, 0, 12, 30), session(2, 24 * 60, 12, 30)],
                5,
            );
            let outcome = run(&input);
            let max = theoretical_max(&input);
            // 253 to 264 of bounds from 261 to 272.
            assert!(
                outcome.placed.len() * 100 >= max * 95,
                "round {round}: {} of at most {max}",
                outcome.placed.len()
            );
        }
    }

    #[test]
    fn a_random_event_short_of_tables_fills_them_and_gives_everyone_a_meeting() {
        let mut rng = Rng(7);
        // 100 people, 500 requests, two overlapping halls of 9 slots × 10 tables: 180.
        let input = random_event(
            &mut rng,
            100,
            500,
            vec![session(1, 0, 9, 10), session(2, 10, 9, 10)],
            6,
        );
        let outcome = run(&input);
        assert_eq!(theoretical_max(&input), 180);
        assert!(outcome.placed.len() >= 170, "{}", outcome.placed.len());
        // The tables go round: everyone who asked for a meeting has at least one.
        let with_meeting: HashSet<i64> = outcome
            .placed
            .iter()
            .flat_map(|p| {
                let r = input.requests.iter().find(|r| r.id == p.request).unwrap();
                [r.from, r.to]
            })
            .collect();
        let asking: HashSet<i64> = input.requests.iter().flat_map(|r| [r.from, r.to]).collect();
        assert_eq!(with_meeting, asking);
    }
}
