//! Dashboard pages: an event's and a call's numbers at a glance for their organisers, each chart
//! with its text alternative and data table.

use poem::web::Path;
use poem::{Response, handler};

use super::model::{CallDashboard, EventDashboard, Fill, RoundStats};
use super::service;
use crate::error::AppError;
use crate::http::page::{Ctx, html};
use convene_frontend::chart::{self, Bar, Guide, Series, num};
use convene_frontend::dashboard::{
    CallPage, DataTable, EventPage, Figure, RoundSection, Tile, Todo,
};
use convene_frontend::{Lang, Template, Tr};

fn n(lang: Lang, v: i64) -> String {
    num(lang, v as f64, 0)
}

fn percent(lang: Lang, share: f64) -> String {
    format!("{} %", num(lang, share * 100.0, 0))
}

fn pick<'a>(lang: Lang, de: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::De => de,
        Lang::En => en,
    }
}

fn day(lang: Lang, d: chrono::NaiveDate) -> String {
    match lang {
        Lang::De => d.format("%-d.%-m.").to_string(),
        Lang::En => d.format("%-d %b").to_string(),
    }
}

/// A figure of horizontal bars with a two-column table (label, value), or `empty` without bars.
fn bar_figure(t: &Tr, id: &str, heading: String, value_head: String, bars: Vec<Bar>) -> Figure {
    let lang = t.lang;
    let desc = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, n(lang, b.value as i64)))
        .collect::<Vec<_>>()
        .join("; ");
    let table = DataTable {
        caption: heading.clone(),
        head: vec![t.msg("dash-col-name"), value_head],
        rows: bars
            .iter()
            .map(|b| vec![b.label.clone(), n(lang, b.value as i64)])
            .collect(),
    };
    Figure {
        id: id.into(),
        empty: bars.is_empty().then(|| t.msg("dash-empty")),
        chart: chart::bars(lang, id, &heading, &desc, &bars),
        heading,
        table,
    }
}

/// A figure of fill levels (ticket types, limited sessions): bars against their capacity.
fn fill_figure(t: &Tr, id: &str, heading: String, fills: &[Fill]) -> Figure {
    let lang = t.lang;
    let label = |f: &Fill| pick(lang, &f.label_de, &f.label_en).to_string();
    let bars: Vec<Bar> = fills
        .iter()
        .map(|f| Bar {
            label: label(f),
            value: f.taken as f64,
            max: f.capacity.map(|c| c as f64),
        })
        .collect();
    let desc = fills
        .iter()
        .map(|f| match f.capacity {
            Some(c) => t.msg_args(
                "dash-fill-of",
                &[
                    ("name", label(f)),
                    ("taken", n(lang, f.taken)),
                    ("capacity", n(lang, c)),
                ],
            ),
            None => format!("{}: {}", label(f), n(lang, f.taken)),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let dash = || "–".to_string();
    Figure {
        id: id.into(),
        empty: fills.is_empty().then(|| t.msg("dash-empty")),
        chart: chart::bars(lang, id, &heading, &desc, &bars),
        table: DataTable {
            caption: heading.clone(),
            head: vec![
                t.msg("dash-col-name"),
                t.msg("dash-col-taken"),
                t.msg("dash-col-capacity"),
                t.msg("dash-col-waiting"),
                t.msg("dash-col-checked-in"),
            ],
            rows: fills
                .iter()
                .map(|f| {
                    vec![
                        label(f),
                        n(lang, f.taken),
                        f.capacity.map_or_else(dash, |c| n(lang, c)),
                        n(lang, f.waiting),
                        n(lang, f.checked_in),
                    ]
                })
                .collect(),
        },
        heading,
    }
}

fn event_page(ctx: &Ctx, d: &EventDashboard) -> Result<String, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    let slug = &d.event.slug;
    let count = |status: &str| {
        d.by_status
            .iter()
            .find(|(s, _)| s == status)
            .map_or(0, |(_, c)| *c)
    };
    let taken = count("confirmed") + count("pending") + count("offered");

    let mut tiles = vec![Tile {
        label: t.msg("dash-places-taken"),
        value: n(lang, taken),
        hint: d.capacity.map_or_else(String::new, |c| {
            t.msg_args("dash-of-capacity", &[("capacity", n(lang, c))])
        }),
    }];
    tiles.push(Tile {
        label: t.msg("registration-status-waitlisted"),
        value: n(lang, count("waitlisted")),
        hint: String::new(),
    });
    tiles.push(Tile {
        label: t.msg("dash-checked-in"),
        value: n(lang, d.checked_in),
        hint: t.msg_args(
            "dash-of-confirmed",
            &[("confirmed", n(lang, count("confirmed")))],
        ),
    });
    tiles.push(Tile {
        label: t.msg("dash-no-shows"),
        value: d
            .no_shows
            .and_then(|s| s.rate())
            .map_or_else(|| "–".to_string(), |r| percent(lang, r)),
        hint: match d.no_shows {
            None => t.msg("dash-no-shows-later"),
            Some(_) => String::new(),
        },
    });

    let base = format!("/orga/events/{slug}");
    let mut todos = Vec::new();
    let mut todo = |count: i64, id: &str, url: String| {
        if count > 0 {
            todos.push(Todo {
                text: t.msg_args(id, &[("count", count.to_string())]),
                url,
            });
        }
    };
    todo(
        d.todos.agenda_clashes as i64,
        "dash-todo-clashes",
        format!("{base}/agenda"),
    );
    todo(
        d.todos.unpublished_sessions as i64,
        "dash-todo-drafts",
        format!("{base}/agenda"),
    );
    todo(
        d.todos.approvals,
        "dash-todo-approvals",
        format!("{base}/registrations?status=pending"),
    );
    todo(
        d.todos.offers,
        "dash-todo-offers",
        format!("{base}/registrations?status=offered"),
    );

    let mut figures = Vec::new();
    // Registrations over time, with the capacity line.
    {
        let heading = t.msg("dash-over-time");
        let labels: Vec<String> = d.over_time.iter().map(|c| day(lang, c.day)).collect();
        let series = [
            Series {
                label: t.msg("dash-received"),
                values: d.over_time.iter().map(|c| c.received as f64).collect(),
            },
            Series {
                label: t.msg("dash-active"),
                values: d.over_time.iter().map(|c| c.active as f64).collect(),
            },
        ];
        let guide = d.capacity.map(|c| Guide {
            label: t.msg_args("dash-capacity-line", &[("capacity", n(lang, c))]),
            value: c as f64,
        });
        let last = d.over_time.last();
        let desc = t.msg_args(
            "dash-over-time-desc",
            &[
                ("day", last.map_or_else(String::new, |c| day(lang, c.day))),
                ("received", n(lang, last.map_or(0, |c| c.received))),
                ("active", n(lang, last.map_or(0, |c| c.active))),
            ],
        );
        figures.push(Figure {
            id: "growth".into(),
            empty: d
                .over_time
                .iter()
                .all(|c| c.received == 0)
                .then(|| t.msg("dash-empty")),
            chart: chart::line(
                lang,
                "growth",
                &heading,
                &desc,
                &labels,
                &series,
                guide.as_ref(),
                None,
            ),
            table: DataTable {
                caption: heading.clone(),
                head: vec![
                    t.msg("dash-col-day"),
                    t.msg("dash-received"),
                    t.msg("dash-active"),
                ],
                rows: d
                    .over_time
                    .iter()
                    .rev()
                    .map(|c| vec![day(lang, c.day), n(lang, c.received), n(lang, c.active)])
                    .collect(),
            },
            heading,
        });
    }
    figures.push(bar_figure(
        &t,
        "statuses",
        t.msg("dash-by-status"),
        t.msg("dash-col-count"),
        d.by_status
            .iter()
            .map(|(s, c)| Bar {
                label: t.msg(&format!("registration-status-{s}")),
                value: *c as f64,
                max: None,
            })
            .collect(),
    ));
    if !d.tickets.is_empty() {
        figures.push(fill_figure(
            &t,
            "tickets",
            t.msg("dash-tickets"),
            &d.tickets,
        ));
    }
    if !d.sessions.is_empty() {
        figures.push(fill_figure(
            &t,
            "sessions",
            t.msg("dash-sessions"),
            &d.sessions,
        ));
    }
    // Check-ins by hour.
    {
        let heading = t.msg("dash-checkins");
        let one_day = d
            .checkins_by_hour
            .first()
            .zip(d.checkins_by_hour.last())
            .is_some_and(|(a, b)| a.0.date() == b.0.date());
        let label = |h: &chrono::NaiveDateTime| {
            if one_day {
                h.format("%H:00").to_string()
            } else {
                format!("{} {}", day(lang, h.date()), h.format("%H:00"))
            }
        };
        let labels: Vec<String> = d.checkins_by_hour.iter().map(|(h, _)| label(h)).collect();
        let values: Vec<f64> = d.checkins_by_hour.iter().map(|(_, c)| *c as f64).collect();
        let busiest = d.checkins_by_hour.iter().max_by_key(|(_, c)| *c);
        let desc = busiest.map_or_else(String::new, |(h, c)| {
            t.msg_args(
                "dash-checkins-desc",
                &[
                    ("total", n(lang, d.checked_in)),
                    ("hour", label(h)),
                    ("count", n(lang, *c)),
                ],
            )
        });
        figures.push(Figure {
            id: "checkins".into(),
            empty: d
                .checkins_by_hour
                .is_empty()
                .then(|| t.msg("dash-empty-checkins")),
            chart: chart::columns(lang, "checkins", &heading, &desc, &labels, &values),
            table: DataTable {
                caption: heading.clone(),
                head: vec![t.msg("dash-col-hour"), t.msg("dash-col-count")],
                rows: d
                    .checkins_by_hour
                    .iter()
                    .map(|(h, c)| vec![label(h), n(lang, *c)])
                    .collect(),
            },
            heading,
        });
    }
    let group_bars = |groups: &[(String, i64)], name: &dyn Fn(&str) -> String| -> Vec<Bar> {
        groups
            .iter()
            .map(|(g, c)| Bar {
                label: if g.is_empty() {
                    t.msg("dash-others")
                } else {
                    name(g)
                },
                value: *c as f64,
                max: None,
            })
            .collect()
    };
    figures.push(bar_figure(
        &t,
        "countries",
        t.msg("dash-countries"),
        t.msg("dash-col-count"),
        group_bars(&d.countries, &|code| {
            crate::countries::name(code, lang).map_or_else(|| code.to_string(), str::to_string)
        }),
    ));
    figures.push(bar_figure(
        &t,
        "organisations",
        t.msg("dash-organisations"),
        t.msg("dash-col-count"),
        group_bars(&d.organisations, &|name| name.to_string()),
    ));
    if let Some(m) = &d.matchmaking {
        let bar = |id: &str, v: i64| Bar {
            label: t.msg(id),
            value: v as f64,
            max: None,
        };
        figures.push(bar_figure(
            &t,
            "matchmaking",
            t.msg("dash-matchmaking"),
            t.msg("dash-col-count"),
            vec![
                bar("dash-mm-profiles", m.profiles),
                bar("dash-mm-pending", m.pending),
                bar("dash-mm-accepted", m.accepted),
                bar("dash-mm-declined", m.declined),
                bar("dash-mm-cancelled", m.cancelled),
                bar("dash-mm-meetings", m.meetings),
            ],
        ));
    }

    let sections = vec![
        (base.clone(), t.msg("dash-edit-event")),
        (format!("/events/{slug}"), t.msg("orga-event-public-page")),
        (format!("{base}/agenda"), t.msg("orga-agenda-title")),
        (
            format!("{base}/registrations"),
            t.msg("registration-orga-title"),
        ),
        (format!("{base}/checkin"), t.msg("checkin-title")),
        (format!("{base}/matchmaking"), t.msg("mm-orga-link")),
        (format!("{base}/certificates"), t.msg("cert-orga-link")),
        (format!("{base}/mails"), t.msg("mail-template-link")),
        (format!("{base}/webhooks"), t.msg("webhook-link")),
    ];
    Ok(EventPage {
        layout: ctx.layout_titled(
            t.msg_args(
                "dash-event-title",
                &[("title", d.event.title(lang).to_string())],
            ),
            "orga",
        ),
        heading: t.msg("dash-key-figures"),
        sections,
        tiles,
        todos,
        figures,
        api_url: format!("/api/events/{slug}/dashboard"),
    }
    .render()?)
}

/// GET /orga/events/:slug/dashboard
#[handler]
pub async fn event_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let d = service::event(&ctx.state, ctx.actor()?, &slug).await?;
    Ok(html(event_page(&ctx, &d)?))
}

fn round_section(t: &Tr, slug: &str, r: &RoundStats) -> RoundSection {
    let lang = t.lang;
    let id = format!("round-{}", r.id);
    let name = pick(lang, &r.name_de, &r.name_en).to_string();
    let progress = t.msg_args(
        "dash-round-progress",
        &[
            ("done", n(lang, r.done as i64)),
            ("assigned", n(lang, r.assigned as i64)),
        ],
    );
    let mut figures = Vec::new();
    if !r.withheld {
        figures.push(bar_figure(
            t,
            &format!("{id}-jurors"),
            t.msg("dash-juror-progress"),
            t.msg("dash-col-done"),
            r.jurors
                .iter()
                .map(|j| Bar {
                    label: j.name.clone(),
                    value: j.done as f64,
                    max: Some(j.assigned as f64),
                })
                .collect(),
        ));
        let heading = t.msg("dash-scores");
        let boxes: Vec<(String, chart::Quartiles)> = r
            .criteria
            .iter()
            .filter_map(|c| {
                c.quartiles
                    .map(|q| (pick(lang, &c.name_de, &c.name_en).to_string(), q))
            })
            .collect();
        let desc = r
            .criteria
            .iter()
            .filter_map(|c| {
                c.quartiles.map(|q| {
                    t.msg_args(
                        "dash-scores-desc",
                        &[
                            ("criterion", pick(lang, &c.name_de, &c.name_en).to_string()),
                            ("median", num(lang, q.median, 1)),
                            ("q1", num(lang, q.q1, 1)),
                            ("q3", num(lang, q.q3, 1)),
                            ("count", c.count.to_string()),
                        ],
                    )
                })
            })
            .collect::<Vec<_>>()
            .join(" ");
        let fig_id = format!("{id}-scores");
        let mut head = vec![
            t.msg("dash-col-criterion"),
            t.msg("dash-col-count"),
            t.msg("dash-col-median"),
            t.msg("dash-col-quartiles"),
        ];
        // One column per whole score, where the scale is narrow enough to count them.
        let counted = r.criteria.first().map_or(0, |c| c.histogram.len()) as i64;
        head.extend(
            (r.scale.0..r.scale.0 + counted)
                .map(|s| t.msg_args("dash-col-score", &[("score", s.to_string())])),
        );
        figures.push(Figure {
            empty: boxes.is_empty().then(|| t.msg("dash-empty-scores")),
            chart: chart::box_plots(
                lang,
                &fig_id,
                &heading,
                &desc,
                (r.scale.0 as f64, r.scale.1 as f64),
                &boxes,
            ),
            table: DataTable {
                caption: heading.clone(),
                head,
                rows: r
                    .criteria
                    .iter()
                    .map(|c| {
                        let mut row = vec![
                            pick(lang, &c.name_de, &c.name_en).to_string(),
                            n(lang, c.count as i64),
                            c.quartiles
                                .map_or_else(|| "–".into(), |q| num(lang, q.median, 1)),
                            c.quartiles.map_or_else(
                                || "–".into(),
                                |q| format!("{} – {}", num(lang, q.q1, 1), num(lang, q.q3, 1)),
                            ),
                        ];
                        row.extend(c.histogram.iter().map(|(_, k)| n(lang, *k as i64)));
                        row
                    })
                    .collect(),
            },
            id: fig_id,
            heading,
        });
    }
    RoundSection {
        heading: name,
        progress,
        withheld: r.withheld.then(|| t.msg("dash-round-withheld")),
        url: format!("/orga/calls/{slug}/jury/rounds/{}", r.id),
        figures,
        disagreements: DataTable {
            caption: t.msg("dash-disagreements"),
            head: vec![
                t.msg("dash-col-entry"),
                t.msg("dash-col-reviews"),
                t.msg("dash-col-spread"),
                t.msg("dash-col-score-total"),
            ],
            rows: r
                .disagreements
                .iter()
                .map(|x| {
                    vec![
                        x.title.clone(),
                        n(lang, x.reviews as i64),
                        num(lang, x.spread, 1),
                        x.score.map_or_else(|| "–".into(), |s| num(lang, s, 2)),
                    ]
                })
                .collect(),
        },
        id,
    }
}

fn call_page(ctx: &Ctx, d: &CallDashboard) -> Result<String, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    let slug = &d.call.slug;
    let count = |status: &str| {
        d.by_status
            .iter()
            .find(|(s, _)| s == status)
            .map_or(0, |(_, c)| *c)
    };
    let (decided, handed_in) = d.eligibility;
    let tiles = vec![
        Tile {
            label: t.msg("dash-handed-in"),
            value: n(lang, handed_in),
            hint: t.msg_args("dash-drafts", &[("count", count("draft").to_string())]),
        },
        Tile {
            label: t.msg("dash-eligibility"),
            value: if handed_in > 0 {
                percent(lang, decided as f64 / handed_in as f64)
            } else {
                "–".into()
            },
            hint: t.msg_args(
                "dash-eligibility-of",
                &[("decided", n(lang, decided)), ("total", n(lang, handed_in))],
            ),
        },
        Tile {
            label: t.msg("dash-deadline"),
            value: day(lang, d.deadline),
            hint: String::new(),
        },
    ];

    let mut figures = Vec::new();
    {
        let heading = t.msg("dash-submissions-over-time");
        let labels: Vec<String> = d.over_time.iter().map(|(x, _)| day(lang, *x)).collect();
        let series = [Series {
            label: t.msg("dash-handed-in"),
            values: d.over_time.iter().map(|(_, c)| *c as f64).collect(),
        }];
        let marker = d
            .over_time
            .iter()
            .position(|(x, _)| *x == d.deadline)
            .map(|i| Guide {
                label: t.msg("dash-deadline"),
                value: i as f64,
            });
        let desc = t.msg_args(
            "dash-submissions-desc",
            &[
                ("count", n(lang, d.over_time.last().map_or(0, |(_, c)| *c))),
                ("deadline", day(lang, d.deadline)),
            ],
        );
        figures.push(Figure {
            id: "submissions".into(),
            empty: d
                .over_time
                .iter()
                .all(|(_, c)| *c == 0)
                .then(|| t.msg("dash-empty")),
            chart: chart::line(
                lang,
                "submissions",
                &heading,
                &desc,
                &labels,
                &series,
                None,
                marker.as_ref(),
            ),
            table: DataTable {
                caption: heading.clone(),
                head: vec![t.msg("dash-col-day"), t.msg("dash-handed-in")],
                rows: d
                    .over_time
                    .iter()
                    .rev()
                    .map(|(x, c)| vec![day(lang, *x), n(lang, *c)])
                    .collect(),
            },
            heading,
        });
    }
    figures.push(bar_figure(
        &t,
        "statuses",
        t.msg("dash-by-status"),
        t.msg("dash-col-count"),
        d.by_status
            .iter()
            .map(|(s, c)| Bar {
                label: t.msg(&format!("submission-status-{}", s.replace('_', "-"))),
                value: *c as f64,
                max: None,
            })
            .collect(),
    ));
    if d.by_category.len() > 1 || d.by_category.first().is_some_and(|c| c.0.is_some()) {
        figures.push(bar_figure(
            &t,
            "categories",
            t.msg("dash-by-category"),
            t.msg("dash-col-count"),
            d.by_category
                .iter()
                .map(|(de, en, c)| Bar {
                    label: match (de, en) {
                        (Some(de), Some(en)) => pick(lang, de, en).to_string(),
                        _ => t.msg("dash-no-category"),
                    },
                    value: *c as f64,
                    max: None,
                })
                .collect(),
        ));
    }
    let base = format!("/orga/calls/{slug}");
    let sections = vec![
        (base.clone(), t.msg("dash-edit-call")),
        (format!("/calls/{slug}"), t.msg("orga-call-public-page")),
        (
            format!("{base}/submissions"),
            t.msg("orga-call-submissions"),
        ),
        (format!("{base}/jury"), t.msg("jury-orga-call-link")),
        (format!("{base}/certificates"), t.msg("cert-orga-link")),
        (format!("{base}/mails"), t.msg("mail-template-link")),
        (format!("{base}/webhooks"), t.msg("webhook-link")),
    ];
    Ok(CallPage {
        layout: ctx.layout_titled(
            t.msg_args(
                "dash-call-title",
                &[("title", d.call.title(lang).to_string())],
            ),
            "orga",
        ),
        heading: t.msg("dash-key-figures"),
        sections,
        tiles,
        figures,
        rounds: d
            .rounds
            .iter()
            .map(|r| round_section(&t, slug, r))
            .collect(),
        api_url: format!("/api/calls/{slug}/dashboard"),
    }
    .render()?)
}

/// GET /orga/calls/:slug/dashboard
#[handler]
pub async fn call_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let d = service::call(&ctx.state, ctx.actor()?, &slug).await?;
    Ok(html(call_page(&ctx, &d)?))
}
