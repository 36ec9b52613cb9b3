//! Agenda pages: the public agenda (grid on wide screens, list on phones, filters without
//! JavaScript), a session's page, bookmarks and the person's own agenda; the organisers' agenda
//! editor with clash warnings, publishing and import, the session form, rooms and tracks.

use chrono::{Duration, NaiveTime, Timelike};
use poem::http::StatusCode;
use poem::web::{Multipart, Path, Query};
use poem::{Response, handler};

use super::model::{RoomInput, Session, SessionInput, SessionKind, SessionStatus, TrackInput};
use super::service::{self, Agenda};
use crate::calendar::pages::{feed_links, webcal};
use crate::error::{AppError, FieldErrors, Msg};
use crate::event::Event;
use crate::event::service as events;
use crate::http::auth::{CsrfForm, csrf_valid_token};
use crate::http::fmt;
use crate::http::page::{Ctx, html, html_status, see_other};
use crate::http::render_cache::{Key, Rendered};
use crate::ids::{RoomId, SessionId};
use crate::registration::model::BookingStatus;
use convene_frontend::agenda::{
    self as views, Choices, DayView, FilterOption, HourMark, MyEvent, OrgaRow, PersonView, RoomRow,
    SessionForm, SlotView, TrackRow,
};
use convene_frontend::event::{ChangeLine, ChangesView, FeedLinks};
use convene_frontend::{Errors, FlashKind, Lang, Localized, Template};

/// Rows of the grid are five minutes.
const ROW_MINUTES: i64 = 5;
/// Up to this many rooms become columns; more fall back to the list.
const MAX_GRID_ROOMS: usize = 8;

fn people_line(agenda: &Agenda, id: SessionId) -> String {
    agenda
        .people_of(id)
        .iter()
        .map(|p| {
            if p.organisation.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({})", p.name, p.organisation)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn slot(lang: Lang, agenda: &Agenda, s: &Session, bookmarked: bool, place: String) -> SlotView {
    let t = lang.tr();
    SlotView {
        url: format!("/events/{}/sessions/{}", agenda.event.slug, s.id),
        title: Localized::pick(lang, &s.title_de, &s.title_en),
        time: fmt::time_range(agenda.event.tz(), s.starts_at, s.ends_at),
        kind: t.msg(s.kind.label_id()),
        track: agenda
            .track(s.track_id)
            .map(|tr| tr.name(lang).to_string())
            .unwrap_or_default(),
        room: agenda
            .room(s.room_id)
            .map(|r| r.name.clone())
            .unwrap_or_default(),
        people: people_line(agenda, s.id),
        cancelled: s.status == SessionStatus::Cancelled,
        signup: s.requires_signup,
        bookmarked,
        bookmark_url: format!("/events/{}/sessions/{}/bookmark", agenda.event.slug, s.id),
        place,
    }
}

/// The days of the agenda with each session placed on the grid.
fn days(lang: Lang, agenda: &Agenda, shown: &[&Session], bookmarks: &[SessionId]) -> Vec<DayView> {
    let tz = agenda.event.tz();
    let mut dates: Vec<_> = agenda.event.days();
    for s in shown {
        let d = s.starts_at.with_timezone(&tz).date_naive();
        if !dates.contains(&d) {
            dates.push(d);
        }
    }
    dates.sort();
    dates
        .into_iter()
        .map(|date| {
            let todays: Vec<&Session> = shown
                .iter()
                .copied()
                .filter(|s| s.starts_at.with_timezone(&tz).date_naive() == date)
                .collect();
            let rooms: Vec<&super::Room> = agenda
                .rooms
                .iter()
                .filter(|r| todays.iter().any(|s| s.room_id == Some(r.id)))
                .collect();
            let grid = !todays.is_empty() && rooms.len() <= MAX_GRID_ROOMS && !rooms.is_empty();
            let first = todays.iter().map(|s| s.starts_at).min();
            let day_start = first
                .map(|f| {
                    let local = f.with_timezone(&tz);
                    local
                        - Duration::minutes(i64::from(local.minute()))
                        - Duration::seconds(i64::from(local.second()))
                })
                .map(|l| l.with_timezone(&chrono::Utc));
            let row = |t: chrono::DateTime<chrono::Utc>| -> i64 {
                let start = day_start.unwrap_or(t);
                (2 + (t - start).num_minutes() / ROW_MINUTES).clamp(2, 290)
            };
            let slots = todays
                .iter()
                .map(|s| {
                    let col = match s
                        .room_id
                        .and_then(|id| rooms.iter().position(|r| r.id == id))
                    {
                        Some(i) => format!("c-{}", i + 1),
                        None => "c-all".to_string(),
                    };
                    let start = row(s.starts_at);
                    let span = ((s.ends_at - s.starts_at).num_minutes() / ROW_MINUTES)
                        .clamp(1, 300 - start + 1);
                    slot(
                        lang,
                        agenda,
                        s,
                        bookmarks.contains(&s.id),
                        format!("{col} rs-{start} rn-{span}"),
                    )
                })
                .collect();
            let last = todays.iter().map(|s| s.ends_at).max();
            let mut hours = Vec::new();
            if let (Some(first), Some(last)) = (day_start, last) {
                let mut h = first;
                while h < last && hours.len() < 24 {
                    hours.push(HourMark {
                        label: h.with_timezone(&tz).format("%H:%M").to_string(),
                        place: format!("rs-{} rn-12", row(h)),
                    });
                    h += Duration::hours(1);
                }
            }
            DayView {
                id: format!("day-{}", date.format("%Y-%m-%d")),
                label: fmt::day(lang, date),
                rooms: rooms.iter().map(|r| r.name.clone()).collect(),
                grid,
                cols_class: format!("cols-{}", rooms.len().max(1)),
                hours,
                slots,
            }
        })
        .collect()
}

/// "What changed since the last version", when the agenda has been published.
pub async fn changes_view(ctx: &Ctx, event: &Event) -> Result<Option<ChangesView>, AppError> {
    let Some((version, at, changes)) = service::latest_changes(&ctx.state, event).await? else {
        return Ok(None);
    };
    let lang = ctx.lang;
    let t = lang.tr();
    let tz = event.tz();
    let title = |f: &super::model::Frozen| {
        crate::event::model::pick(lang, &f.title_de, &f.title_en).to_string()
    };
    let url = |id: i64| format!("/events/{}/sessions/{id}", event.slug);
    let when = |f: &super::model::Frozen| {
        let room = if f.room.is_empty() {
            String::new()
        } else {
            format!(", {}", f.room)
        };
        format!("{}{room}", fmt::when(lang, tz, f.starts_at, f.ends_at))
    };
    let mut lines = Vec::new();
    for f in &changes.added {
        lines.push(ChangeLine {
            kind: "added",
            label: t.msg("agenda-change-added"),
            url: url(f.id),
            title: title(f),
            detail: when(f),
        });
    }
    for (before, after) in &changes.moved {
        lines.push(ChangeLine {
            kind: "moved",
            label: t.msg("agenda-change-moved"),
            url: url(after.id),
            title: title(after),
            detail: t.msg_args(
                "agenda-change-moved-detail",
                &[("before", when(before)), ("after", when(after))],
            ),
        });
    }
    for f in &changes.cancelled {
        lines.push(ChangeLine {
            kind: "cancelled",
            label: t.msg("agenda-change-cancelled"),
            url: url(f.id),
            title: title(f),
            detail: when(f),
        });
    }
    let date = crate::http::page::fmt_instant(lang, at);
    // The first version lists everything as added; that is not news, and there is no version
    // before it to compare with.
    if version == 1 {
        return Ok(Some(ChangesView {
            heading: t.msg_args("agenda-first-version-title", &[("date", date)]),
            lines: Vec::new(),
            empty: t.msg("agenda-first-version"),
        }));
    }
    // "What changed" only heads a list of changes: a version that moved no session (only texts
    // or people changed) is named by its number and date.
    let heading = if lines.is_empty() {
        "agenda-version-title"
    } else {
        "agenda-changes-title"
    };
    Ok(Some(ChangesView {
        heading: t.msg_args(heading, &[("version", version.to_string()), ("date", date)]),
        lines,
        empty: t.msg("agenda-changes-none"),
    }))
}

#[derive(serde::Deserialize)]
pub struct Filters {
    track: Option<String>,
    kind: Option<String>,
}

/// GET /events/:slug/agenda?track=…&kind=…
#[handler]
pub async fn public_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    let event = events::visible(&ctx.state, ctx.actor.as_ref(), &slug).await?;
    if !ctx.is_shared_view() {
        return Ok(html(public_page(&ctx, event, filters).await?));
    }
    // The same for every visitor: rendered once per version of the agenda (and language and
    // address, which carries the filters).
    let key = Key::new(
        "agenda.html",
        event.id.0,
        event.content_version,
        ctx.lang,
        ctx.page.clone(),
    );
    let page = ctx
        .state
        .renders
        .get_or_render(key, async {
            Ok(Rendered::new(public_page(&ctx, event, filters).await?))
        })
        .await?;
    Ok(page.html())
}

async fn public_page(ctx: &Ctx, event: Event, filters: Filters) -> Result<String, AppError> {
    let agenda = service::public_of(&ctx.state, event).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let track = filters.track.filter(|s| !s.is_empty());
    let kind = filters.kind.filter(|s| !s.is_empty());
    let shown: Vec<&Session> = agenda
        .sessions
        .iter()
        .filter(|s| {
            track
                .as_deref()
                .is_none_or(|t| s.track_id.is_some_and(|id| id.0.to_string() == t))
        })
        .filter(|s| kind.as_deref().is_none_or(|k| s.kind.as_str() == k))
        .collect();
    let bookmarks = match &ctx.actor {
        Some(actor) => service::bookmarks(&ctx.state, actor, &agenda.event).await?,
        None => Vec::new(),
    };
    let kinds_present: Vec<SessionKind> = SessionKind::ALL
        .into_iter()
        .filter(|k| agenda.sessions.iter().any(|s| s.kind == *k))
        .collect();
    let changes = changes_view(ctx, &agenda.event).await?;
    let page = views::Public {
        layout: ctx.layout_titled(
            format!("{} – {}", t.msg("agenda-title"), agenda.event.title(lang)),
            "events",
        ),
        event_title: Localized::pick(lang, &agenda.event.title_de, &agenda.event.title_en),
        event_url: format!("/events/{}", agenda.event.slug),
        timezone_note: t.msg_args(
            "agenda-timezone-note",
            &[("zone", agenda.event.timezone.clone())],
        ),
        days: days(lang, &agenda, &shown, &bookmarks),
        tracks: agenda
            .tracks
            .iter()
            .map(|tr| FilterOption {
                value: tr.id.0.to_string(),
                label: tr.name(lang).to_string(),
                selected: track.as_deref() == Some(&tr.id.0.to_string()),
            })
            .collect(),
        kinds: kinds_present
            .iter()
            .map(|k| FilterOption {
                value: k.as_str().into(),
                label: t.msg(k.label_id()),
                selected: kind.as_deref() == Some(k.as_str()),
            })
            .collect(),
        filtered: track.is_some() || kind.is_some(),
        feed: feed_links(ctx, &agenda.event.slug),
        changes,
        signed_in: ctx.actor.is_some(),
    };
    Ok(page.render()?)
}

/// GET /events/:slug/sessions/:id
#[handler]
pub async fn session_get(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let (agenda, s) =
        service::public_session(&ctx.state, ctx.actor.as_ref(), &slug, SessionId(id)).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let bookmarked = match &ctx.actor {
        Some(actor) => service::bookmarks(&ctx.state, actor, &agenda.event)
            .await?
            .contains(&s.id),
        None => false,
    };
    let organiser = events::is_organiser(ctx.actor.as_ref(), &agenda.event);
    let seats = if s.requires_signup && s.status == SessionStatus::Scheduled {
        let info =
            crate::registration::bookings::seats(&ctx.state, ctx.actor.as_ref(), &agenda.event, &s)
                .await?;
        let base = format!("/events/{}/sessions/{}/booking", agenda.event.slug, s.id);
        let summary = match info.seats {
            Some(n) => t.msg_args(
                "booking-summary",
                &[
                    ("taken", info.taken.to_string()),
                    ("seats", n.to_string()),
                    ("waiting", info.waiting.to_string()),
                ],
            ),
            None => t.msg_args("booking-summary-open", &[("taken", info.taken.to_string())]),
        };
        let full = info.seats.is_some_and(|n| info.taken >= n);
        let started = s.starts_at <= ctx.state.clock.now();
        let (buttons, note) = match (&ctx.actor, &info.mine, info.registered) {
            (None, _, _) => (vec![], t.msg("booking-sign-in")),
            (Some(_), Some(b), _) if b.status == BookingStatus::Offered => (
                vec![
                    (base.clone(), t.msg("booking-accept"), ""),
                    (
                        format!("{base}/cancel"),
                        t.msg("booking-decline"),
                        "button-secondary",
                    ),
                ],
                String::new(),
            ),
            (Some(_), Some(_), _) => (
                vec![(
                    format!("{base}/cancel"),
                    t.msg("booking-cancel"),
                    "button-danger",
                )],
                String::new(),
            ),
            (Some(_), None, false) => (vec![], t.msg("booking-needs-registration")),
            (Some(_), None, true) if started => (vec![], t.msg("booking-session-started")),
            (Some(_), None, true) => (
                vec![(
                    base.clone(),
                    t.msg(if full {
                        "booking-join-waitlist"
                    } else {
                        "booking-book"
                    }),
                    "",
                )],
                String::new(),
            ),
        };
        Some(views::SeatsView {
            summary,
            mine: info
                .mine
                .as_ref()
                .map(|b| crate::registration::bookings::status_text(b, lang, &agenda.event))
                .unwrap_or_default(),
            buttons,
            note,
        })
    } else {
        None
    };
    let page = views::SessionPage {
        seats,
        layout: ctx.layout_titled(s.title(lang).to_string(), "events"),
        event_title: Localized::pick(lang, &agenda.event.title_de, &agenda.event.title_en),
        event_url: format!("/events/{}", agenda.event.slug),
        agenda_url: format!("/events/{}/agenda", agenda.event.slug),
        title: Localized::pick(lang, &s.title_de, &s.title_en),
        kind: t.msg(s.kind.label_id()),
        when: fmt::when(lang, agenda.event.tz(), s.starts_at, s.ends_at),
        room: agenda
            .room(s.room_id)
            .map(|r| r.name.clone())
            .unwrap_or_default(),
        track: agenda
            .track(s.track_id)
            .map(|tr| tr.name(lang).to_string())
            .unwrap_or_default(),
        paragraphs: Localized::pick(lang, &s.description_de, &s.description_en).paragraphs(),
        people: agenda
            .people_of(s.id)
            .iter()
            .map(|p| PersonView {
                role: t.msg(p.role.label_id()),
                name: p.name.clone(),
                organisation: p.organisation.clone(),
            })
            .collect(),
        capacity: s.capacity.map(|c| c.to_string()).unwrap_or_default(),
        signup: s.requires_signup,
        cancelled: s.status == SessionStatus::Cancelled,
        ics_url: format!(
            "/events/{}/sessions/{}/session.ics",
            agenda.event.slug, s.id
        ),
        signed_in: ctx.actor.is_some(),
        bookmarked,
        bookmark_url: format!("/events/{}/sessions/{}/bookmark", agenda.event.slug, s.id),
        orga_url: organiser
            .then(|| format!("/orga/events/{}/sessions/{}", agenda.event.slug, s.id)),
        pitches: crate::jury::pages::session_pitches(&ctx.state, agenda.event.tz(), s.id.0).await?,
    };
    Ok(html(page.render()?))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct BookmarkForm {
    on: String,
    /// The page the button was on, to return to.
    back: String,
}

/// POST /events/:slug/sessions/:id/bookmark — adds (`on=1`) or removes a bookmark and returns
/// to the page the button was on.
#[handler]
pub async fn bookmark_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<BookmarkForm>,
) -> Result<Response, AppError> {
    let on = form.on == "1";
    service::set_bookmark(&ctx.state, ctx.actor()?, &slug, SessionId(id), on).await?;
    ctx.flash(
        FlashKind::Success,
        if on {
            "flash-bookmark-added"
        } else {
            "flash-bookmark-removed"
        },
    );
    // Back to the agenda or session page the person was on (this site only).
    let back = match form.back.as_str() {
        "" => format!("/events/{slug}/sessions/{id}"),
        back => crate::http::page::local_path(back),
    };
    Ok(see_other(&back))
}

/// GET /me/agenda — the person's bookmarked sessions and their calendar feed link.
#[handler]
pub async fn mine_get(ctx: Ctx) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let lang = ctx.lang;
    let token = crate::calendar::service::feed_token(&ctx.state, actor).await?;
    let ics_url = ctx.state.config.url(&format!("/calendar/{token}.ics"));
    let events = service::bookmarked_by(&ctx.state, actor.id)
        .await?
        .iter()
        .map(|(agenda, sessions)| MyEvent {
            title: agenda.event.title(lang).to_string(),
            url: format!("/events/{}/agenda", agenda.event.slug),
            slots: sessions
                .iter()
                .map(|s| {
                    let mut v = slot(lang, agenda, s, true, String::new());
                    v.time = fmt::when(lang, agenda.event.tz(), s.starts_at, s.ends_at);
                    v
                })
                .collect(),
        })
        .collect();
    let meetings = crate::matchmaking::service::agenda_lines(&ctx.state, actor.id, lang)
        .await?
        .into_iter()
        .map(|m| views::MyMeeting {
            event: m.event,
            url: m.url,
            time: m.time,
            table: m.table,
            partner: m.partner,
        })
        .collect();
    let page = views::Mine {
        layout: ctx.layout("mine-title", "mine"),
        events,
        meetings,
        feed: FeedLinks {
            webcal_url: webcal(&ics_url),
            ics_url,
        },
    };
    Ok(html(page.render()?))
}

/// POST /me/calendar/regenerate — a new feed link; the old one stops working.
#[handler]
pub async fn regenerate_post(
    ctx: Ctx,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    crate::calendar::service::regenerate_token(&ctx.state, ctx.actor()?).await?;
    ctx.flash(FlashKind::Success, "flash-feed-regenerated");
    Ok(see_other("/me/agenda"))
}

// --- organisers ---------------------------------------------------------------------------------

fn status_class(status: SessionStatus) -> &'static str {
    match status {
        SessionStatus::Draft => "badge-muted",
        SessionStatus::Scheduled => "badge-checkin",
        SessionStatus::Cancelled => "badge-admin",
    }
}

async fn orga_page(ctx: &Ctx, agenda: &Agenda, errors: Errors) -> Result<String, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    let tz = agenda.event.tz();
    let warnings = agenda.warnings();
    let titles = agenda.titles();
    let warned: Vec<SessionId> = warnings.iter().flat_map(|w| w.sessions()).collect();
    let slug = &agenda.event.slug;
    Ok(views::Orga {
        layout: ctx.layout_titled(
            format!(
                "{} – {}",
                t.msg("orga-agenda-title"),
                agenda.event.title(lang)
            ),
            "orga",
        ),
        errors,
        event_title: agenda.event.title(lang).to_string(),
        event_url: format!("/orga/events/{slug}"),
        new_url: format!("/orga/events/{slug}/sessions/new"),
        rooms_url: format!("/orga/events/{slug}/rooms"),
        publish_url: format!("/orga/events/{slug}/agenda/publish"),
        import_url: format!("/orga/events/{slug}/agenda/import"),
        public_url: format!("/events/{slug}/agenda"),
        version: if agenda.event.agenda_version == 0 {
            t.msg("orga-never-published")
        } else {
            t.msg_args(
                "orga-published-version",
                &[("version", agenda.event.agenda_version.to_string())],
            )
        },
        warnings: warnings.iter().map(|w| w.msg(&titles).text(lang)).collect(),
        rows: agenda
            .sessions
            .iter()
            .map(|s| OrgaRow {
                edit_url: format!("/orga/events/{slug}/sessions/{}", s.id),
                title: s.title(lang).to_string(),
                day: fmt::day(lang, s.starts_at.with_timezone(&tz).date_naive()),
                time: fmt::time_range(tz, s.starts_at, s.ends_at),
                room: agenda
                    .room(s.room_id)
                    .map(|r| r.name.clone())
                    .unwrap_or_default(),
                kind: t.msg(s.kind.label_id()),
                status: t.msg(s.status.label_id()),
                status_class: status_class(s.status),
                warned: warned.contains(&s.id),
            })
            .collect(),
        drafts: agenda
            .sessions
            .iter()
            .filter(|s| s.status == SessionStatus::Draft)
            .count(),
    }
    .render()?)
}

/// GET /orga/events/:slug/agenda
#[handler]
pub async fn orga_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let agenda = service::for_organiser(&ctx.state, ctx.actor()?, &slug).await?;
    Ok(html(orga_page(&ctx, &agenda, Errors::default()).await?))
}

/// POST /orga/events/:slug/agenda/publish
#[handler]
pub async fn publish_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    match service::publish(&ctx.state, actor, &slug).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-agenda-published");
            Ok(see_other(&format!("/orga/events/{slug}/agenda")))
        }
        Err(AppError::Conflict(msg)) => {
            let agenda = service::for_organiser(&ctx.state, actor, &slug).await?;
            let errors = FieldErrors::one("warnings", msg).view(ctx.lang);
            Ok(html_status(
                StatusCode::CONFLICT,
                orga_page(&ctx, &agenda, errors).await?,
            ))
        }
        Err(e) => Err(e),
    }
}

/// POST /orga/events/:slug/agenda/import — a multipart form with the CSRF token and the file.
#[handler]
pub async fn import_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let mut token = String::new();
    let mut file: Option<Vec<u8>> = None;
    let mut skip_invalid = false;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest(Msg::new("error-bad-request")))?
    {
        match field.name() {
            Some("csrf_token") => {
                token = field
                    .text()
                    .await
                    .map_err(|_| AppError::BadRequest(Msg::new("error-bad-request")))?
            }
            Some("skip_invalid") => skip_invalid = true,
            Some("file") => {
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|_| AppError::BadRequest(Msg::new("error-bad-request")))?;
                if bytes.len() > service::IMPORT_LIMIT {
                    return Err(AppError::field("file", "import-file-too-large"));
                }
                file = Some(bytes);
            }
            _ => {}
        }
    }
    if !csrf_valid_token(&ctx.state, &ctx.jar, &token) {
        return Err(AppError::Forbidden(Msg::new("error-csrf")));
    }
    let result = match file.as_deref().filter(|b| !b.is_empty()) {
        None => Err(AppError::field("file", "import-no-file")),
        Some(bytes) => match std::str::from_utf8(bytes) {
            Err(_) => Err(AppError::field("file", "import-not-utf8")),
            Ok(text) => service::import_ics(&ctx.state, actor, &slug, text, skip_invalid).await,
        },
    };
    match result {
        Ok(summary) if !summary.skipped.is_empty() => {
            // What went in, and each skipped event with its line, on the page itself.
            let mut report = FieldErrors::one(
                "file",
                Msg::new("import-done-with-skips")
                    .arg("created", summary.created)
                    .arg("updated", summary.updated)
                    .arg("skipped", summary.skipped.len()),
            );
            for m in summary.skipped {
                report.add_msg("file", m);
            }
            let agenda = service::for_organiser(&ctx.state, actor, &slug).await?;
            Ok(html_status(
                StatusCode::OK,
                orga_page(&ctx, &agenda, report.view(ctx.lang)).await?,
            ))
        }
        Ok(summary) => {
            ctx.flash_counts(
                FlashKind::Success,
                "flash-imported",
                &[("created", summary.created), ("updated", summary.updated)],
            );
            Ok(see_other(&format!("/orga/events/{slug}/agenda")))
        }
        Err(AppError::Conflict(msg)) => {
            let agenda = service::for_organiser(&ctx.state, actor, &slug).await?;
            Ok(html_status(
                StatusCode::CONFLICT,
                orga_page(&ctx, &agenda, FieldErrors::one("file", msg).view(ctx.lang)).await?,
            ))
        }
        Err(AppError::Invalid(e)) => {
            let agenda = service::for_organiser(&ctx.state, actor, &slug).await?;
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                orga_page(&ctx, &agenda, e.view(ctx.lang)).await?,
            ))
        }
        Err(e) => Err(e),
    }
}

fn session_form(input: &SessionInput) -> SessionForm {
    SessionForm {
        kind: input.kind.clone(),
        title_de: input.title_de.clone(),
        title_en: input.title_en.clone(),
        description_de: input.description_de.clone(),
        description_en: input.description_en.clone(),
        day: input.day.clone(),
        start: input.start.clone(),
        end: input.end.clone(),
        start_fold: input.start_fold.clone(),
        end_fold: input.end_fold.clone(),
        room: input.room.clone(),
        track: input.track.clone(),
        capacity: input.capacity.clone(),
        requires_signup: input
            .requires_signup
            .as_deref()
            .is_some_and(|v| !v.is_empty()),
        people: input.people.clone(),
    }
}

/// The choice between the two instants of a local time that happens twice on `day` (the night
/// the clocks go back), or `None` for every other time (and for input that does not parse).
fn fold_choices(
    lang: Lang,
    tz: chrono_tz::Tz,
    day: &str,
    time: &str,
    end: bool,
) -> Option<Choices> {
    use crate::time::{Fold, resolve_local, utc_offset};
    let day = crate::time::parse_date(day).ok()?;
    let time = crate::time::parse_time(time)?;
    let day = if end && time == NaiveTime::MIN {
        day.succ_opt()?
    } else {
        day
    };
    let local = day.and_time(time);
    if !crate::time::is_twice(tz, local) {
        return None;
    }
    let t = lang.tr();
    let option = |fold: Fold, id: &str| {
        let at = resolve_local(tz, local, Some(fold)).ok()?;
        Some((
            fold.as_str().to_string(),
            t.msg_args(
                id,
                &[
                    ("time", local.format("%H:%M").to_string()),
                    ("offset", utc_offset(tz, at)),
                ],
            ),
        ))
    };
    Some(Choices {
        options: vec![
            (String::new(), t.msg("session-fold-choose")),
            option(Fold::Earlier, "session-fold-earlier")?,
            option(Fold::Later, "session-fold-later")?,
        ],
    })
}

fn session_form_page(
    ctx: &Ctx,
    agenda: &Agenda,
    input: &SessionInput,
    errors: Errors,
    existing: Option<&Session>,
) -> Result<String, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    let slug = &agenda.event.slug;
    let none = (String::new(), t.msg("form-none"));
    let (title, action, status_change, status) = match existing {
        Some(s) => {
            let change = match s.status {
                SessionStatus::Cancelled => ("scheduled", "session-restore"),
                _ => ("cancelled", "session-cancel"),
            };
            (
                s.title(lang).to_string(),
                format!("/orga/events/{slug}/sessions/{}", s.id),
                Some((
                    change.0.to_string(),
                    t.msg(change.1),
                    format!("/orga/events/{slug}/sessions/{}/status", s.id),
                )),
                t.msg(s.status.label_id()),
            )
        }
        None => (
            t.msg("orga-session-new"),
            format!("/orga/events/{slug}/sessions/new"),
            None,
            String::new(),
        ),
    };
    Ok(views::SessionFormPage {
        layout: ctx.layout_titled(title, "orga"),
        errors,
        event_title: agenda.event.title(lang).to_string(),
        agenda_url: format!("/orga/events/{slug}/agenda"),
        action,
        form: session_form(input),
        kinds: Choices {
            options: SessionKind::ALL
                .iter()
                .map(|k| (k.as_str().to_string(), t.msg(k.label_id())))
                .collect(),
        },
        days: Choices {
            options: agenda
                .event
                .days()
                .iter()
                .map(|d| (d.format("%Y-%m-%d").to_string(), fmt::day(lang, *d)))
                .collect(),
        },
        rooms: Choices {
            options: std::iter::once(none.clone())
                .chain(
                    agenda
                        .rooms
                        .iter()
                        .map(|r| (r.id.0.to_string(), r.name.clone())),
                )
                .collect(),
        },
        tracks: Choices {
            options: std::iter::once(none)
                .chain(
                    agenda
                        .tracks
                        .iter()
                        .map(|tr| (tr.id.0.to_string(), tr.name(lang).to_string())),
                )
                .collect(),
        },
        timezone_note: t.msg_args(
            "agenda-timezone-note",
            &[("zone", agenda.event.timezone.clone())],
        ),
        start_twice: fold_choices(lang, agenda.event.tz(), &input.day, &input.start, false),
        end_twice: fold_choices(lang, agenda.event.tz(), &input.day, &input.end, true),
        status_change,
        delete_url: existing
            .filter(|s| s.published_at.is_none())
            .map(|s| format!("/orga/events/{slug}/sessions/{}/delete", s.id)),
        status,
    }
    .render()?)
}

/// GET /orga/events/:slug/sessions/new
#[handler]
pub async fn session_new_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let agenda = service::for_organiser(&ctx.state, ctx.actor()?, &slug).await?;
    let input = SessionInput {
        kind: "talk".into(),
        day: agenda.event.starts_on.format("%Y-%m-%d").to_string(),
        start: NaiveTime::from_hms_opt(9, 0, 0)
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default(),
        end: "10:00".into(),
        ..Default::default()
    };
    Ok(html(session_form_page(
        &ctx,
        &agenda,
        &input,
        Errors::default(),
        None,
    )?))
}

/// POST /orga/events/:slug/sessions/new
#[handler]
pub async fn session_new_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<SessionInput>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    match service::create_session(&ctx.state, actor, &slug, &input).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-session-created");
            Ok(see_other(&format!("/orga/events/{slug}/agenda")))
        }
        Err(AppError::Invalid(e)) => {
            let agenda = service::for_organiser(&ctx.state, actor, &slug).await?;
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                session_form_page(&ctx, &agenda, &input, e.view(ctx.lang), None)?,
            ))
        }
        Err(e) => Err(e),
    }
}

/// GET /orga/events/:slug/sessions/:id
#[handler]
pub async fn session_edit_get(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let agenda = service::for_organiser(&ctx.state, ctx.actor()?, &slug).await?;
    let s = agenda
        .session(SessionId(id))
        .ok_or_else(|| AppError::not_found("session-not-found"))?;
    let people: Vec<_> = agenda.people_of(s.id).into_iter().cloned().collect();
    let input = SessionInput::from_session(s, &people, agenda.event.tz());
    Ok(html(session_form_page(
        &ctx,
        &agenda,
        &input,
        Errors::default(),
        Some(s),
    )?))
}

/// POST /orga/events/:slug/sessions/:id
#[handler]
pub async fn session_edit_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(input): CsrfForm<SessionInput>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    match service::update_session(&ctx.state, actor, &slug, SessionId(id), &input).await {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-session-saved");
            Ok(see_other(&format!("/orga/events/{slug}/agenda")))
        }
        Err(AppError::Invalid(e)) => {
            let agenda = service::for_organiser(&ctx.state, actor, &slug).await?;
            let s = agenda.session(SessionId(id)).cloned();
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                session_form_page(&ctx, &agenda, &input, e.view(ctx.lang), s.as_ref())?,
            ))
        }
        // A scheduled session's change would clash: the form again, the clash named on top.
        Err(AppError::Conflict(msg)) => {
            let agenda = service::for_organiser(&ctx.state, actor, &slug).await?;
            let s = agenda.session(SessionId(id)).cloned();
            let errors = FieldErrors::one("warnings", msg).view(ctx.lang);
            Ok(html_status(
                StatusCode::CONFLICT,
                session_form_page(&ctx, &agenda, &input, errors, s.as_ref())?,
            ))
        }
        Err(e) => Err(e),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct StatusForm {
    status: String,
}

/// POST /orga/events/:slug/sessions/:id/status — cancel or restore.
#[handler]
pub async fn session_status_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    match service::set_session_status(&ctx.state, actor, &slug, SessionId(id), &form.status).await {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-session-saved");
            Ok(see_other(&format!("/orga/events/{slug}/sessions/{id}")))
        }
        // Not allowed, or a restore would clash: the session's form with the reason on top.
        Err(AppError::Conflict(msg)) => {
            let agenda = service::for_organiser(&ctx.state, actor, &slug).await?;
            let s = agenda
                .session(SessionId(id))
                .ok_or_else(|| AppError::not_found("session-not-found"))?;
            let people: Vec<_> = agenda.people_of(s.id).into_iter().cloned().collect();
            let input = SessionInput::from_session(s, &people, agenda.event.tz());
            let errors = FieldErrors::one("warnings", msg).view(ctx.lang);
            Ok(html_status(
                StatusCode::CONFLICT,
                session_form_page(&ctx, &agenda, &input, errors, Some(s))?,
            ))
        }
        Err(e) => Err(e),
    }
}

fn rooms_page(
    ctx: &Ctx,
    agenda: &Agenda,
    room: &RoomInput,
    track: &TrackInput,
    errors: Errors,
) -> Result<String, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    Ok(views::Rooms {
        layout: ctx.layout_titled(
            format!(
                "{} – {}",
                t.msg("orga-rooms-title"),
                agenda.event.title(lang)
            ),
            "orga",
        ),
        errors,
        event_title: agenda.event.title(lang).to_string(),
        agenda_url: format!("/orga/events/{}/agenda", agenda.event.slug),
        rooms_action: format!("/orga/events/{}/rooms", agenda.event.slug),
        tracks_action: format!("/orga/events/{}/tracks", agenda.event.slug),
        rooms: agenda
            .rooms
            .iter()
            .map(|r| RoomRow {
                edit_url: format!("/orga/events/{}/rooms/{}", agenda.event.slug, r.id),
                delete_url: format!("/orga/events/{}/rooms/{}/delete", agenda.event.slug, r.id),
                name: r.name.clone(),
                capacity: r.capacity.map(|c| c.to_string()).unwrap_or_default(),
                hours: match (&r.available_from, &r.available_until) {
                    (None, None) => t.msg("room-all-day"),
                    (f, u) => format!(
                        "{}–{}",
                        f.as_deref().unwrap_or("00:00"),
                        u.as_deref().unwrap_or("24:00")
                    ),
                },
            })
            .collect(),
        tracks: agenda
            .tracks
            .iter()
            .map(|tr| TrackRow {
                name: tr.name(lang).to_string(),
                delete_url: format!("/orga/events/{}/tracks/{}/delete", agenda.event.slug, tr.id),
            })
            .collect(),
        room_name: room.name.clone(),
        room_capacity: room.capacity.clone(),
        room_from: room.available_from.clone(),
        room_until: room.available_until.clone(),
        track_de: track.name_de.clone(),
        track_en: track.name_en.clone(),
    }
    .render()?)
}

/// GET /orga/events/:slug/rooms — rooms and tracks.
#[handler]
pub async fn rooms_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let agenda = service::for_organiser(&ctx.state, ctx.actor()?, &slug).await?;
    Ok(html(rooms_page(
        &ctx,
        &agenda,
        &RoomInput::default(),
        &TrackInput::default(),
        Errors::default(),
    )?))
}

/// POST /orga/events/:slug/rooms
#[handler]
pub async fn room_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<RoomInput>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    match service::create_room(&ctx.state, actor, &slug, &input).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-room-created");
            Ok(see_other(&format!("/orga/events/{slug}/rooms")))
        }
        Err(AppError::Invalid(e)) => {
            let agenda = service::for_organiser(&ctx.state, actor, &slug).await?;
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                rooms_page(
                    &ctx,
                    &agenda,
                    &input,
                    &TrackInput::default(),
                    e.view(ctx.lang),
                )?,
            ))
        }
        Err(e) => Err(e),
    }
}

/// POST /orga/events/:slug/tracks
#[handler]
pub async fn track_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<TrackInput>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    match service::create_track(&ctx.state, actor, &slug, &input).await {
        Ok(_) => {
            ctx.flash(FlashKind::Success, "flash-track-created");
            Ok(see_other(&format!("/orga/events/{slug}/rooms")))
        }
        Err(AppError::Invalid(e)) => {
            let agenda = service::for_organiser(&ctx.state, actor, &slug).await?;
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                rooms_page(
                    &ctx,
                    &agenda,
                    &RoomInput::default(),
                    &input,
                    e.view(ctx.lang),
                )?,
            ))
        }
        Err(e) => Err(e),
    }
}

fn room_edit_page(
    ctx: &Ctx,
    slug: &str,
    id: RoomId,
    input: &RoomInput,
    errors: Errors,
) -> Result<String, AppError> {
    Ok(views::RoomEdit {
        layout: ctx.layout_titled(input.name.clone(), "orga"),
        errors,
        rooms_url: format!("/orga/events/{slug}/rooms"),
        action: format!("/orga/events/{slug}/rooms/{id}"),
        name: input.name.clone(),
        capacity: input.capacity.clone(),
        available_from: input.available_from.clone(),
        available_until: input.available_until.clone(),
    }
    .render()?)
}

/// GET /orga/events/:slug/rooms/:id
#[handler]
pub async fn room_edit_get(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let agenda = service::for_organiser(&ctx.state, ctx.actor()?, &slug).await?;
    let room = agenda
        .room(Some(RoomId(id)))
        .ok_or_else(|| AppError::not_found("room-not-found"))?;
    let input = RoomInput {
        name: room.name.clone(),
        capacity: room.capacity.map(|c| c.to_string()).unwrap_or_default(),
        available_from: room.available_from.clone().unwrap_or_default(),
        available_until: room.available_until.clone().unwrap_or_default(),
    };
    Ok(html(room_edit_page(
        &ctx,
        &slug,
        room.id,
        &input,
        Errors::default(),
    )?))
}

/// POST /orga/events/:slug/rooms/:id
#[handler]
pub async fn room_edit_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(input): CsrfForm<RoomInput>,
) -> Result<Response, AppError> {
    match service::update_room(&ctx.state, ctx.actor()?, &slug, RoomId(id), &input).await {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-room-saved");
            Ok(see_other(&format!("/orga/events/{slug}/rooms")))
        }
        Err(AppError::Invalid(e)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            room_edit_page(&ctx, &slug, RoomId(id), &input, e.view(ctx.lang))?,
        )),
        Err(e) => Err(e),
    }
}

/// POST /orga/events/:slug/sessions/:id/delete — deletes a draft that was never published; a
/// refusal shows the session's form with the reason.
#[handler]
pub async fn session_delete_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    match service::delete_session(&ctx.state, actor, &slug, SessionId(id)).await {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-session-deleted");
            Ok(see_other(&format!("/orga/events/{slug}/agenda")))
        }
        Err(AppError::Conflict(msg)) => {
            let agenda = service::for_organiser(&ctx.state, actor, &slug).await?;
            let s = agenda
                .session(SessionId(id))
                .ok_or_else(|| AppError::not_found("session-not-found"))?;
            let people: Vec<_> = agenda.people_of(s.id).into_iter().cloned().collect();
            let input = SessionInput::from_session(s, &people, agenda.event.tz());
            let errors = FieldErrors::one("warnings", msg).view(ctx.lang);
            Ok(html_status(
                StatusCode::CONFLICT,
                session_form_page(&ctx, &agenda, &input, errors, Some(s))?,
            ))
        }
        Err(e) => Err(e),
    }
}

/// The rooms page again with why a delete was refused (409).
async fn rooms_refused(ctx: &Ctx, slug: &str, msg: Msg) -> Result<Response, AppError> {
    let agenda = service::for_organiser(&ctx.state, ctx.actor()?, slug).await?;
    Ok(html_status(
        StatusCode::CONFLICT,
        rooms_page(
            ctx,
            &agenda,
            &RoomInput::default(),
            &TrackInput::default(),
            FieldErrors::one("rooms", msg).view(ctx.lang),
        )?,
    ))
}

/// POST /orga/events/:slug/rooms/:id/delete — refused while a session uses the room.
#[handler]
pub async fn room_delete_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    match service::delete_room(&ctx.state, ctx.actor()?, &slug, RoomId(id)).await {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-room-deleted");
            Ok(see_other(&format!("/orga/events/{slug}/rooms")))
        }
        Err(AppError::Conflict(msg)) => rooms_refused(&ctx, &slug, msg).await,
        Err(e) => Err(e),
    }
}

/// POST /orga/events/:slug/tracks/:id/delete — refused while a session belongs to the track.
#[handler]
pub async fn track_delete_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    match service::delete_track(&ctx.state, ctx.actor()?, &slug, crate::ids::TrackId(id)).await {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-track-deleted");
            Ok(see_other(&format!("/orga/events/{slug}/rooms")))
        }
        Err(AppError::Conflict(msg)) => rooms_refused(&ctx, &slug, msg).await,
        Err(e) => Err(e),
    }
}
