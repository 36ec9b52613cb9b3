//! The matchmaking scheduler at scale, pure (`matchmaking::schedule::schedule`): 2,000 accepted
//! requests among 400 participants (5 sent per participant on average) into 3 sessions of
//! 9 slots × 40 tables (1,080 table-slots), at most 6 meetings per person per session, a tenth of
//! the people blocked by agenda sessions they booked, and a few requests limited to one session.
//!
//! Run it with:
//!
//!     cargo bench -p convene-tests --bench matchmaking_schedule
//!
//! The schedule is checked (`schedule::check`) before anything is printed.

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use convene::matchmaking::schedule::{self, Blocked, Input, Request, Session, Span};

const PEOPLE: u64 = 400;
const REQUESTS: usize = 2000;
const SESSIONS: i64 = 3;
const SLOTS: usize = 9;
const TABLES: usize = 40;
const MAX_PER_PERSON: usize = 6;
/// Repetitions of the measurement (the median is printed).
const RUNS: usize = 15;

/// A small deterministic generator, so every run schedules the same event.
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

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// 14:00 in Berlin (12:00 UTC) on matchmaking day `day` (from 0), plus `minutes`.
fn at(day: i64, minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 9, 15, 12, 0, 0).unwrap()
        + TimeDelta::days(day)
        + TimeDelta::minutes(minutes)
}

fn event() -> Input {
    let mut rng = Rng(2026);
    // One session a day, 14:00–17:00 in 20-minute slots; day 2 has a coffee break at 15:00,
    // so it runs until 17:20.
    let sessions = (0..SESSIONS)
        .map(|day| Session {
            id: 100 + day,
            starts_at: at(day, 0),
            slot_minutes: 20,
            gap_minutes: 0,
            slots: SLOTS,
            breaks: if day == 1 {
                vec![Span {
                    starts_at: at(day, 60),
                    ends_at: at(day, 80),
                }]
            } else {
                Vec::new()
            },
            tables: TABLES,
        })
        .collect();
    // Every participant sends 5 requests on average (0 to 10), to distinct others.
    let mut pairs = HashSet::new();
    let mut requests = Vec::with_capacity(REQUESTS);
    while requests.len() < REQUESTS {
        let from = rng.below(PEOPLE) as i64;
        let to = rng.below(PEOPLE) as i64;
        if from == to || !pairs.insert((from.min(to), from.max(to))) {
            continue;
        }
        let id = requests.len() as i64 + 1;
        requests.push(Request {
            id,
            from,
            to,
            // One in twenty limited to one session by the organisers.
            sessions: (id % 20 == 0).then(|| vec![100 + id % SESSIONS]),
        });
    }
    // A tenth of the people booked one or two agenda sessions (45 or 90 minutes) that overlap
    // the matchmaking afternoons.
    let blocked = (0..PEOPLE / 10)
        .flat_map(|_| {
            let person = rng.below(PEOPLE) as i64;
            let talks = 1 + rng.below(2);
            (0..talks)
                .map(|_| {
                    let day = rng.below(SESSIONS as u64) as i64;
                    let start = rng.below(160) as i64;
                    let length = [45, 90][rng.below(2) as usize];
                    Blocked {
                        person,
                        starts_at: at(day, start),
                        ends_at: at(day, start + length),
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect();
    Input {
        sessions,
        max_per_person: MAX_PER_PERSON,
        blocked,
        fixed: Vec::new(),
        requests,
    }
}

fn main() {
    let input = event();
    let mut times = Vec::with_capacity(RUNS);
    let mut outcome = schedule::Outcome::default();
    for _ in 0..RUNS {
        let started = Instant::now();
        outcome = schedule::schedule(&input);
        times.push(started.elapsed());
    }
    schedule::check(&input, &outcome.placed).expect("the schedule keeps every rule");
    assert_eq!(outcome.placed.len() + outcome.unplaced.len(), REQUESTS);
    assert_eq!(schedule::schedule(&input), outcome, "deterministic");
    let max = schedule::theoretical_max(&input);
    assert!(outcome.placed.len() <= max);

    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for (_, reason) in &outcome.unplaced {
        let name = format!("{reason:?}");
        let name = name.split([' ', '{']).next().unwrap_or_default().to_owned();
        *reasons.entry(name).or_default() += 1;
    }
    let mut meetings = vec![0usize; PEOPLE as usize];
    let people: Vec<(i64, i64)> = input.requests.iter().map(|r| (r.from, r.to)).collect();
    for p in &outcome.placed {
        let (from, to) = people[(p.request - 1) as usize];
        meetings[from as usize] += 1;
        meetings[to as usize] += 1;
    }
    let asking: HashSet<i64> = people.iter().flat_map(|&(a, b)| [a, b]).collect();
    let without = asking
        .iter()
        .filter(|&&p| meetings[p as usize] == 0)
        .count();
    let (least, most) = asking.iter().fold((usize::MAX, 0), |(lo, hi), &p| {
        (lo.min(meetings[p as usize]), hi.max(meetings[p as usize]))
    });

    println!("## Matchmaking schedule ({RUNS} runs, median)");
    println!(
        "schedule::schedule: {REQUESTS} requests, {PEOPLE} people, {SESSIONS} sessions × {SLOTS} slots × {TABLES} tables ({} table-slots), max {MAX_PER_PERSON} per person per session, {} blocked intervals: {:.2} ms",
        SESSIONS as usize * SLOTS * TABLES,
        input.blocked.len(),
        median(times).as_secs_f64() * 1000.0
    );
    println!(
        "placed {} of at most {max} ({:.1}%); unplaced {} {reasons:?}",
        outcome.placed.len(),
        100.0 * outcome.placed.len() as f64 / max as f64,
        outcome.unplaced.len()
    );
    println!(
        "meetings per person who asked: {least} to {most}, {without} of {} without a meeting",
        asking.len()
    );
}
