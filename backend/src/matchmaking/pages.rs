//! Matchmaking pages (server-rendered, German and English): the participant's page of an
//! event (`/events/{slug}/matchmaking`: profile, entries, meetings, requests, suggestions), the
//! marketplace (`…/matchmaking/profiles`), and the organisers' settings and grid
//! (`/orga/events/{slug}/matchmaking`, `…/grid`, with the PDFs).
//!
//! Thin: handlers parse the form, call `matchmaking::service` and render. A refused form is
//! shown again with its messages (422 next to the fields, 409 at the top); nothing changes.

use super::model::table_label;
use poem::http::StatusCode;
use poem::web::{Path, Query};
use poem::{Response, handler};

use super::model::{
    EntryInput, EntryKind, Place, ProfileInput, RequestStatus, SessionInput, SettingsInput,
};
use super::pdf;
use super::schedule;
use super::service::{self, Filter, Me, Pick, World};
use crate::error::{AppError, Msg};
use crate::http::auth::CsrfData;
use crate::http::fmt;
use crate::http::page::{Ctx, download, html_status, see_other};
use convene_frontend::matchmaking::{
    BrowsePage, Card, Choices, EntryEdit, EntryLine, EntryValues, GridCell, GridPage, GridRow,
    GridSession, MainPage, MeetingEdit, MeetingLine, MeetingPage, ProfileValues, RequestLine,
    SessionLine, SessionValues, SettingsValues, SetupPage, TopicCheck, TopicLine, WaitingLine,
};
use convene_frontend::{Errors, FlashKind, Lang, Template};

fn base(slug: &str) -> String {
    format!("/events/{slug}/matchmaking")
}

fn orga_base(slug: &str) -> String {
    format!("/orga/events/{slug}/matchmaking")
}

/// A refusal split into field errors (422) and a message for the top of the page (409, 403 …).
fn split(e: AppError, lang: Lang) -> Result<(StatusCode, Errors, Option<String>), AppError> {
    match e {
        AppError::Invalid(f) => Ok((StatusCode::UNPROCESSABLE_ENTITY, f.view(lang), None)),
        AppError::Conflict(m) => Ok((StatusCode::CONFLICT, Errors::default(), Some(m.text(lang)))),
        AppError::NotFound(m) => Ok((StatusCode::NOT_FOUND, Errors::default(), Some(m.text(lang)))),
        AppError::Forbidden(m) if m.id != "error-forbidden" => {
            Ok((StatusCode::FORBIDDEN, Errors::default(), Some(m.text(lang))))
        }
        other => Err(other),
    }
}

fn slot_label(world: &World, lang: Lang, p: &Place) -> String {
    let when = fmt::when(lang, world.event.tz(), p.starts_at, p.ends_at);
    match world.session(p.session) {
        Some(s) if world.sessions.len() > 1 => format!("{when} · {}", s.title(lang)),
        _ => when,
    }
}

fn meeting_text(world: &World, lang: Lang, m: &super::model::Meeting) -> String {
    format!(
        "{} · {}",
        fmt::when(lang, world.event.tz(), m.starts_at, m.ends_at),
        table_label(lang, &world.table_name(m.session_id, m.table_no))
    )
}

fn kind_choices(lang: Lang) -> Choices {
    let t = lang.tr();
    Choices {
        options: EntryKind::ALL
            .into_iter()
            .map(|k| (k.as_str().to_string(), t.msg(k.label_id())))
            .collect(),
    }
}

fn country_name(code: &str, lang: Lang) -> String {
    crate::countries::name(code, lang)
        .unwrap_or(code)
        .to_string()
}

fn card(world: &World, me: &Me, lang: Lang, id: i64, reasons: Vec<String>) -> Option<Card> {
    let t = lang.tr();
    let p = world.profile(id)?;
    let mine = me.profile.as_ref();
    let open = mine.and_then(|m| {
        world
            .requests
            .iter()
            .find(|r| r.status.is_open() && r.involves(m.id) && r.involves(id))
    });
    let relation = open.map(
        |r| match (r.status, mine.is_some_and(|m| r.from_profile == m.id)) {
            (RequestStatus::Pending, true) => t.msg("mm-relation-sent"),
            (RequestStatus::Pending, false) => t.msg("mm-relation-received"),
            _ => t.msg("mm-relation-agreed"),
        },
    );
    Some(Card {
        id,
        name: p.name.clone(),
        organisation: p.organisation.clone(),
        country: if p.country.is_empty() {
            String::new()
        } else {
            country_name(&p.country, lang)
        },
        description: p.description.clone(),
        topics: world
            .topics_of(id)
            .into_iter()
            .map(|t| t.name(lang).to_string())
            .collect(),
        entries: world
            .entries_of(id)
            .into_iter()
            .map(|e| EntryLine {
                id: e.id,
                kind: e.kind.as_str().into(),
                kind_label: t.msg(e.kind.label_id()),
                title: e.title.clone(),
                body: e.body.clone(),
                delete_url: None,
                edit: None,
            })
            .collect(),
        reasons,
        relation,
        can_request: open.is_none() && !p.hidden && mine.is_some_and(|m| !m.hidden && m.id != id),
        hidden: p.hidden,
    })
}

pub fn why_text(world: &World, lang: Lang, why: &super::model::Why) -> String {
    use super::model::Why;
    let t = lang.tr();
    match why {
        Why::SharedTopics(ids) => {
            let names: Vec<String> = world
                .topics
                .iter()
                .filter(|t| ids.contains(&t.id))
                .map(|t| t.name(lang).to_string())
                .collect();
            t.msg_args("mm-why-topics", &[("topics", names.join(", "))])
        }
        Why::TheirOfferMyRequest { offer, request } => t.msg_args(
            "mm-why-their-offer",
            &[("offer", offer.clone()), ("request", request.clone())],
        ),
        Why::MyOfferTheirRequest { offer, request } => t.msg_args(
            "mm-why-my-offer",
            &[("offer", offer.clone()), ("request", request.clone())],
        ),
        Why::BothCooperate => t.msg("mm-why-cooperate"),
    }
}

// --- The participant's page ------------------------------------------------------------------

/// What a refused form had typed, to show it again.
#[derive(Default)]
enum Typed {
    #[default]
    Nothing,
    Profile(ProfileValues),
    NewEntry(EntryValues),
    /// An entry's edit form, by the entry's id.
    Entry(i64, EntryValues),
}

/// The names of an entry's edit-form fields: `entry-{id}-kind`, `-title`, `-body`.
fn entry_field(id: i64, field: &str) -> String {
    format!("entry-{id}-{field}")
}

fn request_line(
    world: &World,
    me: &Me,
    lang: Lang,
    r: &super::model::Request,
) -> Option<RequestLine> {
    let t = lang.tr();
    let mine = me.profile.as_ref()?;
    let partner = world.profile(r.other(mine.id))?;
    let meeting = world.meeting_of_request(r.id);
    let incoming_pending = r.status == RequestStatus::Pending && r.to_profile == mine.id;
    let accept = incoming_pending.then(|| {
        let mut options = vec![
            ("auto".to_string(), t.msg("mm-pick-auto")),
            ("later".to_string(), t.msg("mm-pick-later")),
        ];
        options.extend(service::free_for(world, r).iter().map(|p| {
            (
                format!("{}:{}", p.session, p.slot),
                slot_label(world, lang, p),
            )
        }));
        Choices { options }
    });
    let pick = (r.status == RequestStatus::Accepted && meeting.is_none() && !world.settings.locked)
        .then(|| Choices {
            options: service::pickable(world, me, r)
                .iter()
                .map(|p| {
                    (
                        format!("{}:{}", p.session, p.slot),
                        slot_label(world, lang, p),
                    )
                })
                .collect(),
        });
    Some(RequestLine {
        id: r.id,
        partner: partner.name.clone(),
        organisation: partner.organisation.clone(),
        message: r.message.clone(),
        status: r.status.as_str().into(),
        status_label: t.msg(r.status.label_id()),
        sent: fmt::at(lang, world.event.tz(), r.created_at),
        reason: r.reason.clone(),
        meeting: meeting
            .map(|m| meeting_text(world, lang, m))
            .or_else(|| (r.status == RequestStatus::Accepted).then(|| t.msg("mm-no-slot-yet"))),
        accept,
        pick,
        can_cancel: (r.status == RequestStatus::Pending && r.from_profile == mine.id)
            || r.status == RequestStatus::Accepted,
    })
}

async fn main_page(
    ctx: &Ctx,
    slug: &str,
    status: StatusCode,
    errors: Errors,
    problem: Option<String>,
    typed: Typed,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let lang = ctx.lang;
    let t = lang.tr();
    let (world, me) = service::world(&ctx.state, actor, slug).await?;
    let mine = me.profile.clone();
    let (typed_profile, new_entry, edited) = match typed {
        Typed::Nothing => (None, None, None),
        Typed::Profile(v) => (Some(v), None, None),
        Typed::NewEntry(v) => (None, Some(v), None),
        Typed::Entry(id, v) => (None, None, Some((id, v))),
    };
    let values = typed_profile.unwrap_or_else(|| match &mine {
        Some(p) => ProfileValues {
            organisation: p.organisation.clone(),
            country: p.country.clone(),
            description: p.description.clone(),
            hidden: p.hidden,
        },
        None => ProfileValues::default(),
    });
    let chosen: Vec<i64> = mine
        .as_ref()
        .and_then(|p| world.profile_topics.get(&p.id).cloned())
        .unwrap_or_default();
    let mut countries = vec![(String::new(), t.msg("mm-country-none"))];
    countries.extend(
        crate::countries::all(lang)
            .into_iter()
            .map(|(c, n)| (c.to_string(), n.to_string())),
    );
    let mut incoming = Vec::new();
    let mut outgoing = Vec::new();
    let mut agreed = Vec::new();
    let mut closed = Vec::new();
    if let Some(p) = &mine {
        let mut requests: Vec<&super::model::Request> =
            world.requests.iter().filter(|r| r.involves(p.id)).collect();
        requests.sort_by_key(|r| std::cmp::Reverse((r.updated_at, r.id)));
        for r in requests {
            let Some(line) = request_line(&world, &me, lang, r) else {
                continue;
            };
            match r.status {
                RequestStatus::Pending if r.to_profile == p.id => incoming.push(line),
                RequestStatus::Pending => outgoing.push(line),
                RequestStatus::Accepted => agreed.push(line),
                _ => closed.push(line),
            }
        }
    }
    let suggestions = if me.sees_profiles() && mine.is_some() {
        service::suggestions(&world, &me, 10)?
            .into_iter()
            .filter_map(|s| {
                let reasons = s.why.iter().map(|w| why_text(&world, lang, w)).collect();
                card(&world, &me, lang, s.profile, reasons)
            })
            .collect()
    } else {
        Vec::new()
    };
    let page = MainPage {
        layout: ctx.layout_titled(
            titled(&t.msg("mm-title"), world.event.title(lang)),
            "events",
        ),
        errors,
        problem,
        event_title: world.event.title(lang).to_string(),
        event_url: format!("/events/{slug}"),
        base: base(slug),
        admitted: me.admitted,
        register_url: format!("/events/{slug}/register"),
        has_profile: mine.is_some(),
        sees_profiles: me.sees_profiles(),
        values,
        countries: Choices { options: countries },
        topics: world
            .topics
            .iter()
            .map(|tp| TopicCheck {
                id: tp.id.to_string(),
                name: tp.name(lang).to_string(),
                checked: chosen.contains(&tp.id),
            })
            .collect(),
        kinds: kind_choices(lang),
        entry: new_entry.unwrap_or_else(|| EntryValues {
            kind: "offer".into(),
            ..Default::default()
        }),
        entries: mine
            .as_ref()
            .map(|p| {
                world
                    .entries_of(p.id)
                    .into_iter()
                    .map(|e| {
                        let (values, open) = match &edited {
                            Some((id, v)) if *id == e.id => (v.clone(), true),
                            _ => (
                                EntryValues {
                                    kind: e.kind.as_str().into(),
                                    title: e.title.clone(),
                                    body: e.body.clone(),
                                },
                                false,
                            ),
                        };
                        EntryLine {
                            id: e.id,
                            kind: e.kind.as_str().into(),
                            kind_label: t.msg(e.kind.label_id()),
                            title: e.title.clone(),
                            body: e.body.clone(),
                            delete_url: Some(format!("{}/entries/{}/delete", base(slug), e.id)),
                            edit: Some(EntryEdit {
                                url: format!("{}/entries/{}", base(slug), e.id),
                                kind_field: entry_field(e.id, "kind"),
                                title_field: entry_field(e.id, "title"),
                                body_field: entry_field(e.id, "body"),
                                values,
                                open,
                            }),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default(),
        meetings: service::my_meetings(&world, &me, lang)
            .into_iter()
            .map(|m| MeetingLine {
                time: fmt::when(
                    lang,
                    world.event.tz(),
                    m.meeting.starts_at,
                    m.meeting.ends_at,
                ),
                session: m.session_title,
                table: m.table,
                partner: m.partner.name,
                organisation: m.partner.organisation,
            })
            .collect(),
        incoming,
        outgoing,
        agreed,
        closed,
        suggestions,
        locked: world.settings.locked,
        acceptance_required: world.settings.acceptance_required,
        calendar_url: "/me/agenda".into(),
        orga_url: me.organiser.then(|| orga_base(slug)),
    };
    Ok(html_status(status, page.render()?))
}

/// GET /events/:slug/matchmaking
#[handler]
pub async fn main_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    main_page(
        &ctx,
        &slug,
        StatusCode::OK,
        Errors::default(),
        None,
        Typed::Nothing,
    )
    .await
}

/// Runs a participant's action; success redirects to `anchor` with a flash, a refusal shows
/// the page again with the message.
async fn act<T>(
    ctx: &Ctx,
    slug: &str,
    result: Result<T, AppError>,
    flash: &'static str,
    anchor: &str,
    typed: Typed,
) -> Result<Response, AppError> {
    match result {
        Ok(_) => {
            ctx.flash(FlashKind::Success, flash);
            Ok(see_other(&format!("{}{anchor}", base(slug))))
        }
        Err(e) => {
            let (status, mut errors, problem) = split(e, ctx.lang)?;
            if let Typed::Entry(id, _) = &typed {
                // The edit form's fields carry the entry's id in their names.
                for item in &mut errors.items {
                    item.field = entry_field(*id, &item.field);
                }
            }
            main_page(ctx, slug, status, errors, problem, typed).await
        }
    }
}

/// POST /events/:slug/matchmaking/profile
#[handler]
pub async fn profile_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let input = ProfileInput {
        organisation: data.get("organisation").unwrap_or_default().into(),
        country: data.get("country").unwrap_or_default().into(),
        description: data.get("description").unwrap_or_default().into(),
        topics: data.all("topics"),
        hidden: data.get("hidden").is_some(),
    };
    let typed = ProfileValues {
        organisation: input.organisation.clone(),
        country: input.country.clone(),
        description: input.description.clone(),
        hidden: input.hidden,
    };
    let result = service::save_profile(&ctx.state, ctx.actor()?, &slug, &input).await;
    act(
        &ctx,
        &slug,
        result,
        "flash-mm-profile-saved",
        "#profile",
        Typed::Profile(typed),
    )
    .await
}

/// POST /events/:slug/matchmaking/entries
#[handler]
pub async fn entry_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let (input, typed) = entry_form(&data, None);
    let result = service::add_entry(&ctx.state, ctx.actor()?, &slug, &input).await;
    act(
        &ctx,
        &slug,
        result,
        "flash-mm-entry-added",
        "#entries-title",
        Typed::NewEntry(typed),
    )
    .await
}

/// An entry form's fields (the new entry's `kind`, `title`, `body`, or an edit form's
/// `entry-{id}-kind` …): the service's input and the values to show again if it is refused.
fn entry_form(data: &CsrfData, id: Option<i64>) -> (EntryInput, EntryValues) {
    let field = |name: &str| {
        let key = id.map_or_else(|| name.to_string(), |id| entry_field(id, name));
        data.get(&key).unwrap_or_default().to_string()
    };
    let input = EntryInput {
        kind: field("kind"),
        title: field("title"),
        body: field("body"),
    };
    let typed = EntryValues {
        kind: input.kind.clone(),
        title: input.title.clone(),
        body: input.body.clone(),
    };
    (input, typed)
}

/// POST /events/:slug/matchmaking/entries/:id — the edit form (`entry-{id}-kind`, `-title`,
/// `-body`).
#[handler]
pub async fn entry_edit_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let (input, typed) = entry_form(&data, Some(id));
    let result = service::update_entry(&ctx.state, ctx.actor()?, &slug, id, &input).await;
    act(
        &ctx,
        &slug,
        result,
        "flash-mm-entry-saved",
        "#entries-title",
        Typed::Entry(id, typed),
    )
    .await
}

/// POST /events/:slug/matchmaking/entries/:id/delete
#[handler]
pub async fn entry_delete_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    _data: CsrfData,
) -> Result<Response, AppError> {
    let result = service::delete_entry(&ctx.state, ctx.actor()?, &slug, id).await;
    act(
        &ctx,
        &slug,
        result,
        "flash-mm-entry-deleted",
        "#entries-title",
        Typed::Nothing,
    )
    .await
}

/// POST /events/:slug/matchmaking/requests — `to` (a profile id) and `message`.
#[handler]
pub async fn request_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let to = data
        .get("to")
        .and_then(|v| v.trim().parse::<i64>().ok())
        .ok_or_else(|| AppError::BadRequest(Msg::new("error-bad-request")))?;
    let message = data.get("message").unwrap_or_default().to_string();
    let result = service::send_request(&ctx.state, ctx.actor()?, &slug, to, &message).await;
    act(
        &ctx,
        &slug,
        result,
        "flash-mm-request-sent",
        "#outgoing",
        Typed::Nothing,
    )
    .await
}

/// "auto", "later" or "{session}:{slot}".
fn parse_pick(v: &str) -> Result<Pick, AppError> {
    match v.trim() {
        "" | "auto" => Ok(Pick::Auto),
        "later" => Ok(Pick::Later),
        other => {
            let (s, i) =
                parse_pair(other).ok_or_else(|| AppError::field("pick", "mm-slot-outside"))?;
            Ok(Pick::Slot {
                session: s,
                slot: i,
            })
        }
    }
}

fn parse_pair(v: &str) -> Option<(i64, i64)> {
    let (a, b) = v.trim().split_once(':')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// POST /events/:slug/matchmaking/requests/:id/accept — `pick`.
#[handler]
pub async fn accept_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let result = match parse_pick(data.get("pick").unwrap_or_default()) {
        Ok(pick) => service::accept(&ctx.state, ctx.actor()?, &slug, id, pick).await,
        Err(e) => Err(e),
    };
    act(
        &ctx,
        &slug,
        result,
        "flash-mm-request-accepted",
        "#agreed",
        Typed::Nothing,
    )
    .await
}

/// POST /events/:slug/matchmaking/requests/:id/decline — `reason`.
#[handler]
pub async fn decline_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let reason = data.get("reason").unwrap_or_default().to_string();
    let result = service::decline(&ctx.state, ctx.actor()?, &slug, id, &reason).await;
    act(
        &ctx,
        &slug,
        result,
        "flash-mm-request-declined",
        "#incoming",
        Typed::Nothing,
    )
    .await
}

/// POST /events/:slug/matchmaking/requests/:id/cancel — `reason` (optional).
#[handler]
pub async fn cancel_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let reason = data.get("reason").unwrap_or_default().to_string();
    let result = service::cancel(&ctx.state, ctx.actor()?, &slug, id, &reason).await;
    act(
        &ctx,
        &slug,
        result,
        "flash-mm-request-cancelled",
        "#requests",
        Typed::Nothing,
    )
    .await
}

/// POST /events/:slug/matchmaking/requests/:id/slot — `pick` ("{session}:{slot}").
#[handler]
pub async fn slot_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let result = match parse_pair(data.get("pick").unwrap_or_default()) {
        Some((session, slot)) => {
            service::pick_slot(&ctx.state, ctx.actor()?, &slug, id, session, slot).await
        }
        None => Err(AppError::field("pick", "mm-slot-outside")),
    };
    act(
        &ctx,
        &slug,
        result,
        "flash-mm-slot-picked",
        "#meetings",
        Typed::Nothing,
    )
    .await
}

/// The marketplace's filters.
#[derive(Debug, serde::Deserialize, Default)]
pub struct BrowseQuery {
    #[serde(default)]
    topic: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    q: String,
    /// The page of the list, from 1.
    page: Option<i64>,
}

/// Profiles on one page of the list: a card with its request form is tall on a phone.
pub const PROFILES_PAGE: i64 = 12;

/// GET /events/:slug/matchmaking/profiles
#[handler]
pub async fn profiles_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(query): Query<BrowseQuery>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let lang = ctx.lang;
    let t = lang.tr();
    let (world, me) = service::world(&ctx.state, actor, &slug).await?;
    let filter = Filter {
        topic: query.topic.trim().parse().ok(),
        country: Some(query.country.trim().to_uppercase()).filter(|c| !c.is_empty()),
        kind: EntryKind::parse(&query.kind),
        text: Some(query.q.clone()),
    };
    let page_no = query.page.unwrap_or(1).clamp(1, i64::MAX / PROFILES_PAGE);
    let (status, problem, cards, total) = match service::browse(&world, &me, &filter) {
        Ok(found) => (
            StatusCode::OK,
            None,
            found
                .iter()
                .skip(((page_no - 1) * PROFILES_PAGE) as usize)
                .take(PROFILES_PAGE as usize)
                .filter_map(|p| card(&world, &me, lang, p.id, Vec::new()))
                .collect::<Vec<Card>>(),
            found.len() as i64,
        ),
        Err(AppError::Forbidden(m)) => (StatusCode::FORBIDDEN, Some(m.text(lang)), Vec::new(), 0),
        Err(e) => return Err(e),
    };
    let filters = serde_urlencoded::to_string([
        ("q", query.q.as_str()),
        ("topic", query.topic.as_str()),
        ("country", query.country.as_str()),
        ("kind", query.kind.as_str()),
    ])
    .unwrap_or_default();
    let pager = convene_frontend::Pager::new(&t, page_no, PROFILES_PAGE, cards.len(), total, |p| {
        format!("{}/profiles?{filters}&page={p}", base(&slug))
    });
    let mut countries: Vec<String> = world
        .profiles
        .iter()
        .filter(|p| !p.country.is_empty() && (me.organiser || !p.hidden))
        .map(|p| p.country.clone())
        .collect();
    countries.sort();
    countries.dedup();
    let mut country_choices: Vec<(String, String)> = countries
        .into_iter()
        .map(|c| {
            let name = country_name(&c, lang);
            (c, name)
        })
        .collect();
    country_choices.sort_by(|a, b| a.1.cmp(&b.1));
    let page = BrowsePage {
        layout: ctx.layout_titled(
            titled(&t.msg("mm-browse"), world.event.title(lang)),
            "events",
        ),
        problem,
        event_title: world.event.title(lang).to_string(),
        base: base(&slug),
        topic: query.topic.clone(),
        country: query.country.trim().to_uppercase(),
        kind: query.kind.clone(),
        q: query.q.clone(),
        topic_choices: Choices {
            options: world
                .topics
                .iter()
                .map(|tp| (tp.id.to_string(), tp.name(lang).to_string()))
                .collect(),
        },
        country_choices: Choices {
            options: country_choices,
        },
        kind_choices: kind_choices(lang),
        count: t.msg_args("mm-browse-count", &[("count", total.to_string())]),
        cards,
        pager,
    };
    Ok(html_status(status, page.render()?))
}

// --- Organisers: settings, topics, sessions --------------------------------------------------

async fn setup_page(
    ctx: &Ctx,
    slug: &str,
    status: StatusCode,
    errors: Errors,
    problem: Option<String>,
    typed_settings: Option<SettingsValues>,
    typed_session: Option<SessionValues>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let lang = ctx.lang;
    let t = lang.tr();
    let setup = service::setup(&ctx.state, actor, slug).await?;
    let tz = setup.event.tz();
    let s = &setup.settings;
    let linked: Vec<crate::ids::SessionId> = setup.sessions.iter().map(|v| v.agenda.id).collect();
    let page = SetupPage {
        layout: ctx.layout_titled(
            titled(&t.msg("mm-setup-title"), setup.event.title(lang)),
            "orga",
        ),
        errors,
        problem,
        event_title: setup.event.title(lang).to_string(),
        base: orga_base(slug),
        event_url: format!("/orga/events/{slug}"),
        participant_url: base(slug),
        values: typed_settings.unwrap_or_else(|| SettingsValues {
            enabled: s.enabled,
            acceptance_required: s.acceptance_required,
            audience: s.audience.as_str().into(),
            max_per_person: s.max_per_person.to_string(),
        }),
        audience_choices: Choices {
            options: vec![
                ("registered".into(), t.msg("mm-audience-registered")),
                ("approved".into(), t.msg("mm-audience-approved")),
            ],
        },
        topics: setup
            .topics
            .iter()
            .map(|tp| TopicLine {
                name_de: tp.name_de.clone(),
                name_en: tp.name_en.clone(),
                delete_url: format!("{}/topics/{}/delete", orga_base(slug), tp.id),
            })
            .collect(),
        sessions: setup
            .sessions
            .iter()
            .map(|v| SessionLine {
                id: v.session.id,
                title: v.title(lang).to_string(),
                time: fmt::when(lang, tz, v.agenda.starts_at, v.agenda.ends_at),
                values: SessionValues {
                    agenda_session_id: v.agenda.id.to_string(),
                    slot_minutes: v.session.slot_minutes.to_string(),
                    gap_minutes: v.session.gap_minutes.to_string(),
                    tables: v.session.tables.clone(),
                    breaks: v.session.breaks.clone(),
                },
                slots: v.slots.len(),
                tables: v.tables.len(),
                meetings: setup
                    .meetings_per_session
                    .get(&v.session.id)
                    .copied()
                    .unwrap_or(0),
                action: format!("{}/sessions/{}", orga_base(slug), v.session.id),
                delete_url: format!("{}/sessions/{}/delete", orga_base(slug), v.session.id),
            })
            .collect(),
        agenda_choices: Choices {
            options: setup
                .agenda
                .iter()
                .filter(|a| !linked.contains(&a.id))
                .map(|a| {
                    (
                        a.id.to_string(),
                        format!(
                            "{} · {}",
                            a.title(lang),
                            fmt::when(lang, tz, a.starts_at, a.ends_at)
                        ),
                    )
                })
                .collect(),
        },
        new_session: typed_session.unwrap_or_else(|| SessionValues {
            agenda_session_id: String::new(),
            slot_minutes: "20".into(),
            gap_minutes: "0".into(),
            tables: "10".into(),
            breaks: String::new(),
        }),
        enabled: s.enabled,
    };
    Ok(html_status(status, page.render()?))
}

/// GET /orga/events/:slug/matchmaking
#[handler]
pub async fn setup_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    setup_page(
        &ctx,
        &slug,
        StatusCode::OK,
        Errors::default(),
        None,
        None,
        None,
    )
    .await
}

async fn orga_act<T>(
    ctx: &Ctx,
    slug: &str,
    result: Result<T, AppError>,
    flash: &'static str,
    typed_settings: Option<SettingsValues>,
    typed_session: Option<SessionValues>,
) -> Result<Response, AppError> {
    match result {
        Ok(_) => {
            ctx.flash(FlashKind::Success, flash);
            Ok(see_other(&orga_base(slug)))
        }
        Err(e) => {
            let (status, errors, problem) = split(e, ctx.lang)?;
            setup_page(
                ctx,
                slug,
                status,
                errors,
                problem,
                typed_settings,
                typed_session,
            )
            .await
        }
    }
}

/// POST /orga/events/:slug/matchmaking — the settings.
#[handler]
pub async fn setup_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let input = SettingsInput {
        enabled: data.get("enabled").is_some(),
        acceptance_required: data.get("acceptance_required").is_some(),
        audience: data.get("audience").unwrap_or_default().into(),
        max_per_person: data.get("max_per_person").unwrap_or_default().into(),
    };
    let typed = SettingsValues {
        enabled: input.enabled,
        acceptance_required: input.acceptance_required,
        audience: input.audience.clone(),
        max_per_person: input.max_per_person.clone(),
    };
    let result = service::save_settings(&ctx.state, ctx.actor()?, &slug, &input).await;
    orga_act(
        &ctx,
        &slug,
        result,
        "flash-mm-settings-saved",
        Some(typed),
        None,
    )
    .await
}

/// POST /orga/events/:slug/matchmaking/topics
#[handler]
pub async fn topic_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let result = service::add_topic(
        &ctx.state,
        ctx.actor()?,
        &slug,
        data.get("name_de").unwrap_or_default(),
        data.get("name_en").unwrap_or_default(),
    )
    .await;
    orga_act(&ctx, &slug, result, "flash-mm-topic-added", None, None).await
}

/// POST /orga/events/:slug/matchmaking/topics/:id/delete
#[handler]
pub async fn topic_delete_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    _data: CsrfData,
) -> Result<Response, AppError> {
    let result = service::delete_topic(&ctx.state, ctx.actor()?, &slug, id).await;
    orga_act(&ctx, &slug, result, "flash-mm-topic-deleted", None, None).await
}

fn session_input(data: &CsrfData) -> SessionInput {
    let get = |k: &str| data.get(k).unwrap_or_default().to_string();
    SessionInput {
        agenda_session_id: get("agenda_session_id"),
        slot_minutes: get("slot_minutes"),
        gap_minutes: get("gap_minutes"),
        tables: get("tables"),
        breaks: get("breaks"),
    }
}

fn session_values(i: &SessionInput) -> SessionValues {
    SessionValues {
        agenda_session_id: i.agenda_session_id.clone(),
        slot_minutes: i.slot_minutes.clone(),
        gap_minutes: i.gap_minutes.clone(),
        tables: i.tables.clone(),
        breaks: i.breaks.clone(),
    }
}

/// POST /orga/events/:slug/matchmaking/sessions
#[handler]
pub async fn session_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let input = session_input(&data);
    let result = service::add_session(&ctx.state, ctx.actor()?, &slug, &input).await;
    orga_act(
        &ctx,
        &slug,
        result,
        "flash-mm-session-saved",
        None,
        Some(session_values(&input)),
    )
    .await
}

/// POST /orga/events/:slug/matchmaking/sessions/:id
#[handler]
pub async fn session_edit_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let input = session_input(&data);
    let result = service::update_session(&ctx.state, ctx.actor()?, &slug, id, &input).await;
    orga_act(&ctx, &slug, result, "flash-mm-session-saved", None, None).await
}

/// POST /orga/events/:slug/matchmaking/sessions/:id/delete
#[handler]
pub async fn session_delete_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    _data: CsrfData,
) -> Result<Response, AppError> {
    let result = service::delete_session(&ctx.state, ctx.actor()?, &slug, id).await;
    orga_act(&ctx, &slug, result, "flash-mm-session-deleted", None, None).await
}

// --- Organisers: the grid --------------------------------------------------------------------

/// The text of a scheduler's reason.
pub fn reason_label(world: &World, lang: Lang, r: &schedule::Reason) -> String {
    let t = lang.tr();
    match r {
        schedule::Reason::SamePerson => t.msg("mm-reason-same-person"),
        schedule::Reason::AlreadyPlaced => t.msg("mm-reason-already-placed"),
        schedule::Reason::NoAllowedSession => t.msg("mm-reason-no-session"),
        schedule::Reason::NoCommonFreeSlot => t.msg("mm-reason-no-common-slot"),
        schedule::Reason::PersonLimitReached { person } => t.msg_args(
            "mm-reason-limit",
            &[(
                "name",
                world
                    .profile(*person)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
            )],
        ),
        schedule::Reason::NoFreeTable => t.msg("mm-reason-no-table"),
    }
}

/// The grid's query: what the last scheduler run did.
#[derive(Debug, serde::Deserialize, Default)]
pub struct GridQuery {
    placed: Option<usize>,
    unplaced: Option<usize>,
}

/// Every slot ("{session}:{slot}") and every table ("{session}:{table}") of the event, labelled
/// with their session.
fn place_choices(world: &World, lang: Lang) -> (Choices, Choices) {
    let tz = world.event.tz();
    let mut places = Vec::new();
    let mut tables = Vec::new();
    for s in &world.sessions {
        for slot in &s.slots {
            let label = format!(
                "{} · {}",
                s.title(lang),
                fmt::when(lang, tz, slot.starts_at, slot.ends_at)
            );
            places.push((format!("{}:{}", s.session.id, slot.index), label));
        }
        for (i, name) in s.tables.iter().enumerate() {
            tables.push((
                format!("{}:{}", s.session.id, i),
                format!("{} · {}", s.title(lang), table_label(lang, name)),
            ));
        }
    }
    (Choices { options: places }, Choices { options: tables })
}

/// "Anna Kowalczyk – Lea Brandt": the two people of a request or meeting, as the grid shows them.
fn pair(world: &World, a: i64, b: i64) -> String {
    let name = |p: i64| {
        world
            .profile(p)
            .map(|p| p.name.as_str())
            .unwrap_or_default()
    };
    format!("{} – {}", name(a), name(b))
}

async fn grid_page(
    ctx: &Ctx,
    slug: &str,
    status: StatusCode,
    errors: Errors,
    problem: Option<String>,
    report: Option<String>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let lang = ctx.lang;
    let t = lang.tr();
    let world = service::grid(&ctx.state, actor, slug).await?;
    let tz = world.event.tz();
    let live: Vec<&super::model::Meeting> = world.live_meetings().collect();
    // The grid's cells by (session, slot, table), so each cell is found without a scan.
    let at: std::collections::HashMap<(i64, i64, i64), &super::model::Meeting> = live
        .iter()
        .map(|m| ((m.session_id, m.slot, m.table_no), *m))
        .collect();
    let sessions: Vec<GridSession> = world
        .sessions
        .iter()
        .map(|s| GridSession {
            title: s.title(lang).to_string(),
            time: fmt::when(lang, tz, s.agenda.starts_at, s.agenda.ends_at),
            tables: s.tables.clone(),
            rows: s
                .slots
                .iter()
                .map(|slot| GridRow {
                    time: fmt::time_range(tz, slot.starts_at, slot.ends_at),
                    cells: (0..s.tables.len())
                        .map(|table| {
                            let (Ok(slot), Ok(table)) =
                                (i64::try_from(slot.index), i64::try_from(table))
                            else {
                                return None;
                            };
                            at.get(&(s.session.id, slot, table)).map(|m| GridCell {
                                id: m.id,
                                people: pair(&world, m.from_profile, m.to_profile),
                            })
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let (place_choices, table_choices) = place_choices(&world, lang);
    // Why the accepted requests without a slot cannot be placed now (a dry run).
    let waiting_requests: Vec<schedule::Request> = world
        .requests
        .iter()
        .filter(|r| r.status == RequestStatus::Accepted && world.meeting_of_request(r.id).is_none())
        .map(|r| schedule::Request {
            id: r.id,
            from: r.from_profile,
            to: r.to_profile,
            sessions: None,
        })
        .collect();
    let dry = schedule::schedule(&world.schedule_input(waiting_requests.clone()));
    let waiting = waiting_requests
        .iter()
        .map(|r| WaitingLine {
            people: pair(&world, r.from, r.to),
            reason: dry
                .unplaced
                .iter()
                .find(|(id, _)| *id == r.id)
                .map(|(_, why)| reason_label(&world, lang, why))
                .unwrap_or_else(|| t.msg("mm-reason-would-place")),
        })
        .collect();
    let mut people: Vec<(String, String)> = world
        .profiles
        .iter()
        .map(|p| (p.id.to_string(), format!("{} ({})", p.name, p.organisation)))
        .collect();
    people.sort_by(|a, b| a.1.cmp(&b.1));
    let page = GridPage {
        layout: ctx.layout_titled(
            titled(&t.msg("mm-grid-title"), world.event.title(lang)),
            "orga",
        ),
        errors,
        problem,
        report,
        event_title: world.event.title(lang).to_string(),
        base: orga_base(slug),
        locked: world.settings.locked,
        sessions,
        waiting,
        place_choices,
        table_choices,
        people_choices: Choices { options: people },
        counts: t.msg_args(
            "mm-grid-counts",
            &[
                ("meetings", live.len().to_string()),
                (
                    "requests",
                    world
                        .requests
                        .iter()
                        .filter(|r| r.status == RequestStatus::Accepted)
                        .count()
                        .to_string(),
                ),
            ],
        ),
    };
    Ok(html_status(status, page.render()?))
}

/// GET /orga/events/:slug/matchmaking/grid
#[handler]
pub async fn grid_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<GridQuery>,
) -> Result<Response, AppError> {
    let report = q.placed.map(|placed| {
        ctx.lang.tr().msg_args(
            "mm-run-report",
            &[
                ("placed", placed.to_string()),
                ("unplaced", q.unplaced.unwrap_or(0).to_string()),
            ],
        )
    });
    grid_page(&ctx, &slug, StatusCode::OK, Errors::default(), None, report).await
}

async fn grid_act<T>(
    ctx: &Ctx,
    slug: &str,
    result: Result<T, AppError>,
    flash: &'static str,
) -> Result<Response, AppError> {
    match result {
        Ok(_) => {
            ctx.flash(FlashKind::Success, flash);
            Ok(see_other(&format!("{}/grid", orga_base(slug))))
        }
        Err(e) => {
            let (status, errors, problem) = split(e, ctx.lang)?;
            grid_page(ctx, slug, status, errors, problem, None).await
        }
    }
}

/// One live meeting of the grid with its move and cancel forms.
async fn meeting_page(
    ctx: &Ctx,
    slug: &str,
    id: i64,
    status: StatusCode,
    errors: Errors,
    problem: Option<String>,
) -> Result<Response, AppError> {
    let lang = ctx.lang;
    let t = lang.tr();
    let world = service::grid(&ctx.state, ctx.actor()?, slug).await?;
    let m = world
        .live_meetings()
        .find(|m| m.id == id)
        .ok_or_else(|| AppError::not_found("mm-meeting-not-found"))?;
    let people = pair(&world, m.from_profile, m.to_profile);
    let (place_choices, table_choices) = place_choices(&world, lang);
    let page = MeetingPage {
        layout: ctx.layout_titled(
            titled(
                &format!("{}: {}", t.msg("mm-meeting-title"), people),
                world.event.title(lang),
            ),
            "orga",
        ),
        errors,
        problem,
        grid_url: format!("{}/grid#meeting-{id}", orga_base(slug)),
        base: orga_base(slug),
        meeting: MeetingEdit {
            id,
            people,
            place: format!(
                "{} · {}",
                world
                    .session(m.session_id)
                    .map(|s| s.title(lang).to_string())
                    .unwrap_or_default(),
                meeting_text(&world, lang, m)
            ),
            place_value: format!("{}:{}", m.session_id, m.slot),
            table_value: format!("{}:{}", m.session_id, m.table_no),
        },
        message: world
            .requests
            .iter()
            .find(|r| r.id == m.request_id)
            .map(|r| r.message.clone())
            .unwrap_or_default(),
        place_choices,
        table_choices,
    };
    Ok(html_status(status, page.render()?))
}

/// GET /orga/events/:slug/matchmaking/meetings/:id
#[handler]
pub async fn meeting_get(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    meeting_page(&ctx, &slug, id, StatusCode::OK, Errors::default(), None).await
}

/// After a move or a cancellation: back to the grid, or the meeting's page again with the
/// refusal.
async fn meeting_act<T>(
    ctx: &Ctx,
    slug: &str,
    id: i64,
    result: Result<T, AppError>,
    flash: &'static str,
) -> Result<Response, AppError> {
    match result {
        Ok(_) => {
            ctx.flash(FlashKind::Success, flash);
            Ok(see_other(&format!("{}/grid#meeting-{id}", orga_base(slug))))
        }
        Err(e) => {
            let (status, errors, problem) = split(e, ctx.lang)?;
            meeting_page(ctx, slug, id, status, errors, problem).await
        }
    }
}

/// "{session}:{slot}" and an optional "{session}:{table}" of the same session.
fn place_of(data: &CsrfData) -> Result<(i64, i64, Option<i64>), AppError> {
    let (session, slot) = parse_pair(data.get("place").unwrap_or_default())
        .ok_or_else(|| AppError::field("slot", "mm-slot-outside"))?;
    let table = match data.get("table").map(str::trim).filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => {
            let (s, t) =
                parse_pair(v).ok_or_else(|| AppError::field("table", "mm-table-unknown"))?;
            if s != session {
                return Err(AppError::field("table", "mm-table-other-session"));
            }
            Some(t)
        }
    };
    Ok((session, slot, table))
}

/// POST /orga/events/:slug/matchmaking/meetings/:id/move
#[handler]
pub async fn move_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let result = match place_of(&data) {
        Ok((session, slot, table)) => {
            service::move_meeting(&ctx.state, ctx.actor()?, &slug, id, session, slot, table).await
        }
        Err(e) => Err(e),
    };
    meeting_act(&ctx, &slug, id, result, "flash-mm-meeting-moved").await
}

/// POST /orga/events/:slug/matchmaking/meetings/:id/cancel
#[handler]
pub async fn meeting_cancel_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let reason = data.get("reason").unwrap_or_default().to_string();
    let result = service::cancel_meeting(&ctx.state, ctx.actor()?, &slug, id, &reason).await;
    meeting_act(&ctx, &slug, id, result, "flash-mm-meeting-cancelled").await
}

/// POST /orga/events/:slug/matchmaking/meetings — two people and a place.
#[handler]
pub async fn meeting_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let person = |k: &str| data.get(k).and_then(|v| v.trim().parse::<i64>().ok());
    let result = match (person("person_a"), person("person_b"), place_of(&data)) {
        (Some(a), Some(b), Ok((session, slot, table))) => {
            service::add_meeting(
                &ctx.state,
                ctx.actor()?,
                &slug,
                [a, b],
                session,
                slot,
                table,
            )
            .await
        }
        (_, _, Err(e)) => Err(e),
        _ => Err(AppError::field("people", "mm-profile-not-found")),
    };
    grid_act(&ctx, &slug, result, "flash-mm-meeting-added").await
}

/// POST /orga/events/:slug/matchmaking/schedule — runs the scheduler.
#[handler]
pub async fn schedule_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    _data: CsrfData,
) -> Result<Response, AppError> {
    match service::run_scheduler(&ctx.state, ctx.actor()?, &slug).await {
        Ok(report) => Ok(see_other(&format!(
            "{}/grid?placed={}&unplaced={}#report",
            orga_base(&slug),
            report.placed,
            report.unplaced.len()
        ))),
        Err(e) => {
            let (status, errors, problem) = split(e, ctx.lang)?;
            grid_page(&ctx, &slug, status, errors, problem, None).await
        }
    }
}

/// POST /orga/events/:slug/matchmaking/lock — `locked` true or false.
#[handler]
pub async fn lock_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let locked = data.get("locked") == Some("true");
    let result = service::set_locked(&ctx.state, ctx.actor()?, &slug, locked).await;
    let flash = if locked {
        "flash-mm-locked"
    } else {
        "flash-mm-unlocked"
    };
    grid_act(&ctx, &slug, result, flash).await
}

/// The printable documents of an event's schedule.
pub fn tables_doc(world: &World, lang: Lang) -> pdf::TablesDoc {
    let person = |id: i64| {
        world
            .profile(id)
            .map(|p| pdf::Person {
                name: p.name.clone(),
                organisation: p.organisation.clone(),
            })
            .unwrap_or(pdf::Person {
                name: String::new(),
                organisation: String::new(),
            })
    };
    pdf::TablesDoc {
        event: world.event.title(lang).to_string(),
        tz: world.event.tz(),
        sessions: world
            .sessions
            .iter()
            .map(|s| pdf::SessionSheet {
                title: s.title(lang).to_string(),
                tables: s
                    .tables
                    .iter()
                    .enumerate()
                    .map(|(i, name)| pdf::TableSheet {
                        name: name.clone(),
                        meetings: world
                            .live_meetings()
                            .filter(|m| {
                                m.session_id == s.session.id
                                    && usize::try_from(m.table_no).ok() == Some(i)
                            })
                            .map(|m| pdf::TableMeeting {
                                starts_at: m.starts_at,
                                ends_at: m.ends_at,
                                people: [person(m.from_profile), person(m.to_profile)],
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub fn people_doc(world: &World, lang: Lang) -> pdf::PeopleDoc {
    let mut profiles: Vec<&super::model::Profile> = world.profiles.iter().collect();
    profiles.sort_by(|a, b| a.name.cmp(&b.name));
    pdf::PeopleDoc {
        event: world.event.title(lang).to_string(),
        tz: world.event.tz(),
        people: profiles
            .into_iter()
            .filter(|p| world.live_meetings().any(|m| m.involves(p.id)))
            .map(|p| pdf::PersonSheet {
                person: pdf::Person {
                    name: p.name.clone(),
                    organisation: p.organisation.clone(),
                },
                meetings: world
                    .live_meetings()
                    .filter(|m| m.involves(p.id))
                    .filter_map(|m| {
                        let partner = world.profile(m.other(p.id))?;
                        Some(pdf::PersonMeeting {
                            starts_at: m.starts_at,
                            ends_at: m.ends_at,
                            session: world
                                .session(m.session_id)
                                .map(|s| s.title(lang).to_string())
                                .unwrap_or_default(),
                            table: world.table_name(m.session_id, m.table_no),
                            partner: pdf::Person {
                                name: partner.name.clone(),
                                organisation: partner.organisation.clone(),
                            },
                        })
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// GET /orga/events/:slug/matchmaking/tables.pdf
#[handler]
pub async fn tables_pdf_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let world = service::grid(&ctx.state, ctx.actor()?, &slug).await?;
    let bytes = pdf::tables_pdf(&tables_doc(&world, ctx.lang), ctx.lang);
    Ok(download(
        &format!("matchmaking-tables-{slug}.pdf"),
        "application/pdf",
        bytes,
    ))
}

/// GET /orga/events/:slug/matchmaking/people.pdf
#[handler]
pub async fn people_pdf_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let world = service::grid(&ctx.state, ctx.actor()?, &slug).await?;
    let bytes = pdf::people_pdf(&people_doc(&world, ctx.lang), ctx.lang);
    Ok(download(
        &format!("matchmaking-people-{slug}.pdf"),
        "application/pdf",
        bytes,
    ))
}

/// A page title that names the event too, so that the pages of two events are told apart in
/// tabs, history and screen readers' window lists.
fn titled(page: &str, event: &str) -> String {
    format!("{page} – {event}")
}
