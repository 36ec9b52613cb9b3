//! Event pages: the public list and event page; the organisers' list, create and edit forms.

use poem::http::StatusCode;
use poem::web::Path;
use poem::{Response, handler};

use super::model::{Event, EventInput, EventStatus};
use super::service;
use crate::error::AppError;
use crate::http::auth::CsrfForm;
use crate::http::fmt;
use crate::http::page::{Ctx, html, html_status, see_other};
use convene_frontend::event::{self as views, EventCard, EventForm, ExistingEvent};
use convene_frontend::{Errors, FlashKind, Lang, Localized, Template};

fn card(lang: Lang, e: &Event, url: String, with_status: bool) -> EventCard {
    EventCard {
        url,
        title: Localized::pick(lang, &e.title_de, &e.title_en),
        dates: fmt::date_range(lang, e.starts_on, e.ends_on),
        venue: e.venue.clone(),
        status: if with_status {
            lang.tr().msg(e.status.label_id())
        } else {
            String::new()
        },
    }
}

/// GET /events
#[handler]
pub async fn list_get(ctx: Ctx) -> Result<Response, AppError> {
    let (upcoming, past) = service::list_public(&ctx.state).await?;
    let lang = ctx.lang;
    let page = views::List {
        layout: ctx.layout("events-title", "events"),
        upcoming: upcoming
            .iter()
            .map(|e| card(lang, e, format!("/events/{}", e.slug), false))
            .collect(),
        past: past
            .iter()
            .map(|e| card(lang, e, format!("/events/{}", e.slug), false))
            .collect(),
    };
    Ok(html(page.render()?))
}

/// GET /events/:slug
#[handler]
pub async fn detail_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let event = service::visible(&ctx.state, ctx.actor.as_ref(), &slug).await?;
    let organisations = service::organisations(&ctx.state, &event).await?;
    let changes = crate::agenda::pages::changes_view(&ctx, &event).await?;
    let lang = ctx.lang;
    let organiser = service::is_organiser(ctx.actor.as_ref(), &event);
    let page = views::Detail {
        layout: ctx.layout_titled(event.title(lang).to_string(), "events"),
        title: Localized::pick(lang, &event.title_de, &event.title_en),
        paragraphs: Localized::pick(lang, &event.description_de, &event.description_en)
            .paragraphs(),
        dates: fmt::date_range(lang, event.starts_on, event.ends_on),
        venue: event.venue.clone(),
        address: event.address.clone(),
        timezone: event.timezone.clone(),
        organisations,
        contact_name: event.contact_name.clone(),
        contact_email: event.contact_email.clone(),
        agenda_url: format!("/events/{}/agenda", event.slug),
        feed: crate::calendar::pages::feed_links(&ctx, &event.slug),
        orga_url: organiser.then(|| format!("/orga/events/{}/dashboard", event.slug)),
        // Door staff (also site-wide staff, who have no event of their own on /me) find their
        // desk from the event they work at.
        checkin_url: ctx
            .actor
            .as_ref()
            .is_some_and(|a| crate::registration::checkin::is_staff(a, &event))
            .then(|| format!("/events/{}/checkin", event.slug)),
        draft_notice: event.status == EventStatus::Draft,
        changes,
        registration: crate::registration::pages::event_box(&ctx, &event).await?,
        matchmaking_url: crate::matchmaking::service::is_open(&ctx.state, &event)
            .await?
            .then(|| format!("/events/{}/matchmaking", event.slug)),
    };
    Ok(html(page.render()?))
}

// --- organisers ------------------------------------------------------------------------------

/// GET /orga/events
#[handler]
pub async fn orga_list_get(ctx: Ctx) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let events = service::list_organised(&ctx.state, actor).await?;
    let lang = ctx.lang;
    let page = views::OrgaList {
        layout: ctx.layout("orga-events-title", "orga"),
        events: events
            .iter()
            .map(|e| card(lang, e, format!("/orga/events/{}/dashboard", e.slug), true))
            .collect(),
        can_create: service::can_create(actor),
    };
    Ok(html(page.render()?))
}

fn form_of(input: &EventInput) -> EventForm {
    EventForm {
        slug: input.slug.clone(),
        title_de: input.title_de.clone(),
        title_en: input.title_en.clone(),
        description_de: input.description_de.clone(),
        description_en: input.description_en.clone(),
        venue: input.venue.clone(),
        address: input.address.clone(),
        timezone: input.timezone.clone(),
        starts_on: input.starts_on.clone(),
        ends_on: input.ends_on.clone(),
        contact_name: input.contact_name.clone(),
        contact_email: input.contact_email.clone(),
        organisations: input.organisations.clone().unwrap_or_default(),
        owner: input.owner.clone().unwrap_or_default(),
    }
}

async fn edit_page(
    ctx: &Ctx,
    input: &EventInput,
    errors: Errors,
    event: Option<&Event>,
) -> Result<String, AppError> {
    let t = ctx.lang.tr();
    let owners = crate::organisation::service::owner_choices(
        &ctx.state,
        ctx.actor()?,
        event.and_then(|e| e.owner_organisation_id),
        t.msg("owner-none"),
    )
    .await?;
    let existing = event.map(|e| {
        let transitions = [
            EventStatus::Draft,
            EventStatus::Published,
            EventStatus::Archived,
        ]
        .into_iter()
        .filter(|to| *to != e.status && e.status.change_to(*to).is_ok())
        .map(|to| {
            (
                to.as_str().to_string(),
                t.msg(&format!("event-status-to-{}", to.as_str())),
            )
        })
        .collect();
        ExistingEvent {
            public_url: format!("/events/{}", e.slug),
            agenda_url: format!("/orga/events/{}/agenda", e.slug),
            rooms_url: format!("/orga/events/{}/rooms", e.slug),
            registrations_url: format!("/orga/events/{}/registrations", e.slug),
            status_url: format!("/orga/events/{}/status", e.slug),
            status: t.msg(e.status.label_id()),
            transitions,
        }
    });
    let (title, action) = match event {
        Some(e) => (
            e.title(ctx.lang).to_string(),
            format!("/orga/events/{}", e.slug),
        ),
        None => (t.msg("orga-event-new"), "/orga/events/new".to_string()),
    };
    Ok(views::OrgaEdit {
        layout: ctx.layout_titled(title, "orga"),
        errors,
        form: form_of(input),
        owners: convene_frontend::Choices { options: owners },
        action,
        existing,
    }
    .render()?)
}

/// GET /orga/events/new
#[handler]
pub async fn orga_new_get(ctx: Ctx) -> Result<Response, AppError> {
    if !service::can_create(ctx.actor()?) {
        // Nobody is turned away without a way forward: they ask to organise.
        return Ok(see_other("/orga/request"));
    }
    let input = EventInput {
        timezone: "Europe/Berlin".into(),
        ..Default::default()
    };
    Ok(html(
        edit_page(&ctx, &input, Errors::default(), None).await?,
    ))
}

/// POST /orga/events/new
#[handler]
pub async fn orga_new_post(
    ctx: Ctx,
    CsrfForm(input): CsrfForm<EventInput>,
) -> Result<Response, AppError> {
    match service::create(&ctx.state, ctx.actor()?, &input).await {
        Ok(event) => {
            ctx.flash(FlashKind::Success, "flash-event-created");
            Ok(see_other(&format!("/orga/events/{}", event.slug)))
        }
        Err(AppError::Invalid(e)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            edit_page(&ctx, &input, e.view(ctx.lang), None).await?,
        )),
        Err(e) => Err(e),
    }
}

/// GET /orga/events/:slug
#[handler]
pub async fn orga_edit_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let event = service::for_organiser(&ctx.state, ctx.actor()?, &slug).await?;
    let organisations = service::organisations(&ctx.state, &event).await?;
    let owner = service::owner_slug(&ctx.state, &event).await?;
    Ok(html(
        edit_page(
            &ctx,
            &EventInput::of(&event, &organisations, owner),
            Errors::default(),
            Some(&event),
        )
        .await?,
    ))
}

/// POST /orga/events/:slug
#[handler]
pub async fn orga_edit_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(input): CsrfForm<EventInput>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    match service::update(&ctx.state, actor, &slug, &input).await {
        Ok(event) => {
            ctx.flash(FlashKind::Success, "flash-event-saved");
            Ok(see_other(&format!("/orga/events/{}", event.slug)))
        }
        Err(AppError::Invalid(e)) => {
            let event = service::for_organiser(&ctx.state, actor, &slug).await?;
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                edit_page(&ctx, &input, e.view(ctx.lang), Some(&event)).await?,
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

/// POST /orga/events/:slug/status
#[handler]
pub async fn orga_status_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Result<Response, AppError> {
    let event = service::set_status(&ctx.state, ctx.actor()?, &slug, &form.status).await?;
    ctx.flash(FlashKind::Success, "flash-event-status");
    Ok(see_other(&format!("/orga/events/{}", event.slug)))
}
