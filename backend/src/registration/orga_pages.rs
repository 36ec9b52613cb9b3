//! The organisers' registration pages: the settings and the list (in pages of 200), one
//! registration with its decisions, the exports, the live counts, and the registration form
//! builder (ticket types and questions).

use poem::http::{StatusCode, header};
use poem::web::{Path, Query};
use poem::{Response, handler};

use super::checkin;
use super::export;
use super::form::{QuestionInput, QuestionKind};
use super::model::{Filter, RegistrationStatus, Settings};
use super::service::{self, Decision, SettingsInput, TicketInput};
use crate::error::{AppError, Msg};
use crate::event::Event;
use crate::http::auth::{CsrfData, CsrfForm};
use crate::http::fmt;
use crate::http::page::{Ctx, download, fmt_instant, html, html_status, see_other};
use convene_frontend::registration::{self as views, CountView, RegistrationRow};
use convene_frontend::{Errors, FlashKind, Lang, Template};

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    opens_at: String,
    closes_at: String,
    edit_until: String,
    capacity: String,
    approval_required: Option<String>,
    offer_hours: String,
    retention_months: String,
}

fn local(event: &Event, t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map(|t| {
        t.with_timezone(&event.tz())
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    })
    .unwrap_or_default()
}

/// The list's filter as it arrives in the query string (empty fields allowed).
#[derive(serde::Deserialize, Default, Clone)]
#[serde(default)]
pub struct FilterQuery {
    q: String,
    status: String,
    ticket: String,
    page: Option<i64>,
}

/// Registrations per page of the organisers' list (exports hold every match).
pub const LIST_PAGE: i64 = 200;

impl FilterQuery {
    fn page(&self) -> i64 {
        self.page.unwrap_or(1).clamp(1, i64::MAX / LIST_PAGE)
    }

    /// One page of the list.
    fn page_filter(&self) -> Filter {
        Filter {
            window: Some((LIST_PAGE, (self.page() - 1) * LIST_PAGE)),
            ..self.filter()
        }
    }

    fn filter(&self) -> Filter {
        Filter {
            window: None,
            q: self.q.clone(),
            status: RegistrationStatus::ALL
                .iter()
                .find(|s| s.as_str() == self.status)
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            ticket: self.ticket.parse().ok(),
        }
    }

    fn query_string(&self) -> String {
        serde_urlencoded::to_string([
            ("q", &self.q),
            ("status", &self.status),
            ("ticket", &self.ticket),
        ])
        .unwrap_or_default()
    }
}

pub(super) fn count_views(lang: Lang, c: &service::Counts) -> Vec<CountView> {
    let t = lang.tr();
    let confirmed = match c.capacity {
        Some(cap) => format!("{} / {cap}", c.confirmed),
        None => c.confirmed.to_string(),
    };
    [
        ("confirmed", "registration-status-confirmed", confirmed),
        (
            "checked_in",
            "registration-checked-in",
            c.checked_in.to_string(),
        ),
        (
            "pending",
            "registration-status-pending",
            c.pending.to_string(),
        ),
        (
            "offered",
            "registration-status-offered",
            c.offered.to_string(),
        ),
        (
            "waitlisted",
            "registration-status-waitlisted",
            c.waitlisted.to_string(),
        ),
    ]
    .into_iter()
    .map(|(key, label, value)| CountView {
        key,
        label: t.msg(label),
        value,
    })
    .collect()
}

async fn orga_page(
    ctx: &Ctx,
    slug: &str,
    query: &FilterQuery,
    form: Option<&SettingsForm>,
    errors: Errors,
) -> Result<String, AppError> {
    let actor = ctx.actor()?;
    let o = service::overview(&ctx.state, actor, slug, &query.page_filter()).await?;
    let live = checkin::live(&ctx.state, actor, slug).await?;
    let event = &o.event;
    let lang = ctx.lang;
    let t = lang.tr();
    let s = o.settings.clone().unwrap_or(Settings {
        event_id: event.id,
        opens_at: None,
        closes_at: None,
        capacity: None,
        approval_required: false,
        offer_hours: 48,
        edit_until: None,
        retention_months: None,
        anonymised_at: None,
    });
    let qs = query.query_string();
    let page = query.page();
    let total = o.rows.first().map_or(0, |r| r.total);
    let pager = convene_frontend::Pager::new(&t, page, LIST_PAGE, o.rows.len(), total, |p| {
        format!("/orga/events/{slug}/registrations?{qs}&page={p}")
    });
    Ok(views::Orga {
        pager,
        layout: ctx.layout_titled(
            format!(
                "{} – {}",
                t.msg("registration-orga-title"),
                event.title(lang)
            ),
            "orga",
        ),
        errors,
        event_url: format!("/orga/events/{slug}"),
        action: format!("/orga/events/{slug}/registrations"),
        form_url: format!("/orga/events/{slug}/registration-form"),
        checkin_url: format!("/events/{slug}/checkin"),
        opens_at: form
            .map(|f| f.opens_at.clone())
            .unwrap_or_else(|| local(event, s.opens_at)),
        closes_at: form
            .map(|f| f.closes_at.clone())
            .unwrap_or_else(|| local(event, s.closes_at)),
        edit_until: form
            .map(|f| f.edit_until.clone())
            .unwrap_or_else(|| local(event, s.edit_until)),
        capacity: form
            .map(|f| f.capacity.clone())
            .unwrap_or_else(|| s.capacity.map(|c| c.to_string()).unwrap_or_default()),
        approval_required: form
            .map(|f| f.approval_required.is_some())
            .unwrap_or(s.approval_required),
        offer_hours: form
            .map(|f| f.offer_hours.clone())
            .unwrap_or_else(|| s.offer_hours.to_string()),
        retention_months: form.map(|f| f.retention_months.clone()).unwrap_or_else(|| {
            s.retention_months
                .map(|m| m.to_string())
                .unwrap_or_default()
        }),
        anonymised: s
            .anonymised_at
            .map(|at| {
                t.msg_args(
                    "registration-anonymised-on",
                    &[("at", fmt::at(lang, event.tz(), at))],
                )
            })
            .unwrap_or_default(),
        timezone_note: t.msg_args("agenda-timezone-note", &[("zone", event.timezone.clone())]),
        live_url: format!("/orga/events/{slug}/registrations/live.json"),
        counts: count_views(lang, &live.counts),
        sessions: live
            .sessions
            .iter()
            .map(|s| {
                (
                    s.title.clone(),
                    match s.seats {
                        Some(n) => format!("{} / {n}", s.booked),
                        None => s.booked.to_string(),
                    },
                    s.waitlisted.to_string(),
                    s.checked_in.to_string(),
                )
            })
            .collect(),
        filter_q: query.q.clone(),
        filter_status: query.status.clone(),
        filter_ticket: query.ticket.clone(),
        statuses: RegistrationStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), t.msg(s.label_id())))
            .collect(),
        ticket_options: o
            .tickets
            .iter()
            .map(|tt| (tt.id.to_string(), tt.name(lang).to_string()))
            .collect(),
        csv_url: format!("/orga/events/{slug}/registrations.csv?{qs}"),
        json_url: format!("/orga/events/{slug}/registrations.json?{qs}"),
        decide_base: format!("/orga/events/{slug}/registrations"),
        rows: o
            .rows
            .iter()
            .map(|row| {
                let r = &row.registration;
                RegistrationRow {
                    id: r.id,
                    name: row.name.clone(),
                    email: row.email.clone(),
                    organisation: row.organisation.clone(),
                    ticket: o
                        .tickets
                        .iter()
                        .find(|tt| Some(tt.id) == r.ticket_type_id)
                        .map(|tt| tt.name(lang).to_string())
                        .unwrap_or_default(),
                    status: t.msg(r.status.label_id()),
                    status_code: r.status.as_str(),
                    since: fmt_instant(lang, r.created_at),
                    checked_in: r
                        .checked_in_at
                        .map(|c| fmt::at(lang, event.tz(), c))
                        .unwrap_or_default(),
                    detail_url: format!("/orga/events/{slug}/registrations/{}", r.id),
                    pending: r.status == RegistrationStatus::Pending,
                    active: r.status.is_active(),
                }
            })
            .collect(),
    }
    .render()?)
}

/// GET /orga/events/:slug/registrations?q=&status=&ticket=
#[handler]
pub async fn orga_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(query): Query<FilterQuery>,
) -> Result<Response, AppError> {
    Ok(html(
        orga_page(&ctx, &slug, &query, None, Errors::default()).await?,
    ))
}

/// POST /orga/events/:slug/registrations — saves the settings.
#[handler]
pub async fn orga_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> Result<Response, AppError> {
    let number =
        |s: &str, field: &'static str, id: &'static str| -> Result<Option<i64>, AppError> {
            match s.trim() {
                "" => Ok(None),
                n => n.parse().map(Some).map_err(|_| AppError::field(field, id)),
            }
        };
    let input = (|| -> Result<SettingsInput, AppError> {
        Ok(SettingsInput {
            opens_at: form.opens_at.clone(),
            closes_at: form.closes_at.clone(),
            edit_until: form.edit_until.clone(),
            capacity: number(&form.capacity, "capacity", "valid-capacity-invalid")?,
            approval_required: form.approval_required.is_some(),
            offer_hours: number(
                &form.offer_hours,
                "offer_hours",
                "valid-offer-hours-invalid",
            )?,
            retention_months: number(
                &form.retention_months,
                "retention_months",
                "valid-retention-months-invalid",
            )?,
        })
    })();
    let result = match input {
        Ok(input) => service::configure(&ctx.state, ctx.actor()?, &slug, &input)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-registration-settings");
            Ok(see_other(&format!("/orga/events/{slug}/registrations")))
        }
        Err(AppError::Invalid(e)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            orga_page(
                &ctx,
                &slug,
                &FilterQuery::default(),
                Some(&form),
                e.view(ctx.lang),
            )
            .await?,
        )),
        Err(e) => Err(e),
    }
}

/// GET /orga/events/:slug/registrations/live.json — the live counts.
#[handler]
pub async fn live_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let live = checkin::live(&ctx.state, ctx.actor()?, &slug).await?;
    let counts = count_views(ctx.lang, &live.counts);
    let body: serde_json::Map<String, serde_json::Value> = counts
        .into_iter()
        .map(|c| (c.key.to_string(), serde_json::Value::String(c.value)))
        .collect();
    Ok(Response::builder()
        .content_type("application/json")
        .header(header::CACHE_CONTROL, "no-store")
        .body(serde_json::to_vec(&body).unwrap_or_default()))
}

/// GET /orga/events/:slug/registrations.csv
#[handler]
pub async fn csv_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(query): Query<FilterQuery>,
) -> Result<Response, AppError> {
    let (name, bytes) =
        export::csv(&ctx.state, ctx.actor()?, &slug, &query.filter(), ctx.lang).await?;
    Ok(download(&name, "text/csv; charset=utf-8", bytes))
}

/// GET /orga/events/:slug/registrations.json
#[handler]
pub async fn json_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(query): Query<FilterQuery>,
) -> Result<Response, AppError> {
    let (name, records) =
        export::json(&ctx.state, ctx.actor()?, &slug, &query.filter(), ctx.lang).await?;
    let bytes = serde_json::to_vec_pretty(&records).map_err(|e| AppError::Internal(e.into()))?;
    Ok(download(&name, "application/json", bytes))
}

/// GET /orga/events/:slug/registrations/:id
#[handler]
pub async fn orga_detail_get(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    let (event, row, d) = service::one(&ctx.state, actor, &slug, id).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let r = &d.registration;
    let page = views::OrgaDetail {
        layout: ctx.layout_titled(row.name.clone(), "orga"),
        list_url: format!("/orga/events/{slug}/registrations"),
        name: row.name.clone(),
        email: row.email.clone(),
        organisation: row.organisation.clone(),
        status: t.msg(r.status.label_id()),
        ticket: d
            .ticket
            .as_ref()
            .map(|tt| tt.name(lang).to_string())
            .unwrap_or_default(),
        since: fmt_instant(lang, r.created_at),
        checked_in: r
            .checked_in_at
            .map(|c| fmt::at(lang, event.tz(), c))
            .unwrap_or_default(),
        answers: d
            .answers
            .iter()
            .map(|(q, v, file)| {
                (
                    q.label(lang).to_string(),
                    v.clone(),
                    file.then(|| format!("/events/{slug}/registrations/{id}/files/{}", q.id)),
                )
            })
            .collect(),
        decide_url: format!("/orga/events/{slug}/registrations/{id}/decide"),
        pending: r.status == RegistrationStatus::Pending,
        active: r.status.is_active(),
        ticket_options: d
            .tickets
            .iter()
            .filter(|tt| Some(tt.id) != r.ticket_type_id)
            .map(|tt| (tt.id.to_string(), tt.name(lang).to_string()))
            .collect(),
    };
    Ok(html(page.render()?))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct DecideForm {
    action: String,
    ticket_type_id: String,
}

/// POST /orga/events/:slug/registrations/:id/decide
#[handler]
pub async fn decide_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<DecideForm>,
) -> Result<Response, AppError> {
    let decision = Decision::parse(&form.action, form.ticket_type_id.parse().ok())
        .ok_or_else(|| AppError::BadRequest(Msg::new("error-bad-request")))?;
    service::decide(&ctx.state, ctx.actor()?, &slug, id, decision).await?;
    ctx.flash(FlashKind::Success, "flash-registration-decided");
    Ok(see_other(&format!(
        "/orga/events/{slug}/registrations/{id}"
    )))
}

async fn orga_form_page(ctx: &Ctx, slug: &str, errors: Errors) -> Result<String, AppError> {
    let actor = ctx.actor()?;
    let o = service::overview(&ctx.state, actor, slug, &Filter::default()).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let taken = |id: i64| {
        o.rows
            .iter()
            .filter(|r| {
                r.registration.ticket_type_id == Some(id) && r.registration.status.holds_place()
            })
            .count()
    };
    Ok(views::OrgaForm {
        layout: ctx.layout_titled(
            format!(
                "{} – {}",
                t.msg("registration-form-title"),
                o.event.title(lang)
            ),
            "orga",
        ),
        errors,
        list_url: format!("/orga/events/{slug}/registrations"),
        list_label: t.msg("registration-orga-title"),
        ticket_action: format!("/orga/events/{slug}/ticket-types"),
        tickets: o
            .tickets
            .iter()
            .map(|tt| views::TicketRow {
                delete_url: format!("/orga/events/{slug}/ticket-types/{}/delete", tt.id),
                action: format!("/orga/events/{slug}/ticket-types/{}", tt.id),
                name_de: tt.name_de.clone(),
                name_en: tt.name_en.clone(),
                capacity: tt.capacity.map(|c| c.to_string()).unwrap_or_default(),
                taken: t.msg_args("ticket-taken", &[("taken", taken(tt.id).to_string())]),
            })
            .collect(),
        question_action: format!("/orga/events/{slug}/questions"),
        questions: o
            .questions
            .iter()
            .map(|q| views::QuestionRow {
                label: q.label(lang).to_string(),
                kind: t.msg(q.kind.label_id()),
                required: q.required,
                only_for: o
                    .tickets
                    .iter()
                    .filter(|tt| q.ticket_type_ids().contains(&tt.id))
                    .map(|tt| tt.name(lang).to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                delete_url: format!("/orga/events/{slug}/questions/{}/delete", q.id),
            })
            .collect(),
        kinds: QuestionKind::ALL
            .iter()
            .map(|k| (k.as_str().to_string(), t.msg(k.label_id())))
            .collect(),
        ticket_choices: o
            .tickets
            .iter()
            .map(|tt| (tt.id.to_string(), tt.name(lang).to_string()))
            .collect(),
        preview_url: format!("/events/{slug}/register"),
    }
    .render()?)
}

/// GET /orga/events/:slug/registration-form — ticket types and questions.
#[handler]
pub async fn orga_form_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    Ok(html(orga_form_page(&ctx, &slug, Errors::default()).await?))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct TicketForm {
    name_de: String,
    name_en: String,
    capacity: String,
}

impl TicketForm {
    fn input(&self) -> Result<TicketInput, AppError> {
        Ok(TicketInput {
            name_de: self.name_de.clone(),
            name_en: self.name_en.clone(),
            capacity: match self.capacity.trim() {
                "" => None,
                n => Some(
                    n.parse()
                        .map_err(|_| AppError::field("capacity", "valid-capacity-invalid"))?,
                ),
            },
        })
    }
}

async fn form_result(
    ctx: &Ctx,
    slug: &str,
    result: Result<(), AppError>,
    flash: &'static str,
) -> Result<Response, AppError> {
    match result {
        Ok(()) => {
            ctx.flash(FlashKind::Success, flash);
            Ok(see_other(&format!("/orga/events/{slug}/registration-form")))
        }
        Err(AppError::Invalid(e)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            orga_form_page(ctx, slug, e.view(ctx.lang)).await?,
        )),
        Err(e) => Err(e),
    }
}

/// POST /orga/events/:slug/ticket-types
#[handler]
pub async fn ticket_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<TicketForm>,
) -> Result<Response, AppError> {
    let result = match form.input() {
        Ok(input) => service::add_ticket(&ctx.state, ctx.actor()?, &slug, &input)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    form_result(&ctx, &slug, result, "flash-saved").await
}

/// POST /orga/events/:slug/ticket-types/:id
#[handler]
pub async fn ticket_edit_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<TicketForm>,
) -> Result<Response, AppError> {
    let result = match form.input() {
        Ok(input) => service::update_ticket(&ctx.state, ctx.actor()?, &slug, id, &input).await,
        Err(e) => Err(e),
    };
    form_result(&ctx, &slug, result, "flash-saved").await
}

/// POST /orga/events/:slug/ticket-types/:id/delete
#[handler]
pub async fn ticket_delete_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    service::delete_ticket(&ctx.state, ctx.actor()?, &slug, id).await?;
    ctx.flash(FlashKind::Success, "flash-deleted");
    Ok(see_other(&format!("/orga/events/{slug}/registration-form")))
}

/// POST /orga/events/:slug/questions — a form with repeated `ticket_types` values.
#[handler]
pub async fn question_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let input = question_input(&data);
    let result = service::add_question(&ctx.state, ctx.actor()?, &slug, &input)
        .await
        .map(|_| ());
    form_result(&ctx, &slug, result, "flash-saved").await
}

/// A question as the form builder sends it.
pub(crate) fn question_input(data: &CsrfData) -> QuestionInput {
    QuestionInput {
        kind: data.get("kind").unwrap_or_default().to_string(),
        label_de: data.get("label_de").unwrap_or_default().to_string(),
        label_en: data.get("label_en").unwrap_or_default().to_string(),
        help_de: data.get("help_de").unwrap_or_default().to_string(),
        help_en: data.get("help_en").unwrap_or_default().to_string(),
        options: data.get("options").unwrap_or_default().to_string(),
        required: data.get("required").is_some(),
        ticket_types: data
            .all("ticket_types")
            .iter()
            .filter_map(|v| v.parse().ok())
            .collect(),
        // Typed but not a whole number: out of range, refused like one (not left out).
        max_mb: data
            .get("max_mb")
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| v.parse().unwrap_or(0)),
        number_min: data.get("number_min").unwrap_or_default().to_string(),
        number_max: data.get("number_max").unwrap_or_default().to_string(),
    }
}

/// POST /orga/events/:slug/questions/:id/delete
#[handler]
pub async fn question_delete_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    let result = service::delete_question(&ctx.state, ctx.actor()?, &slug, id).await;
    form_result(&ctx, &slug, result, "flash-deleted").await
}
