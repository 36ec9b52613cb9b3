//! Registration pages: the box on the event page, the registration form, the participant's own
//! registration (QR code, answers, bookings), session bookings, the organisers' list, detail,
//! form builder and exports, and the check-in page.

use poem::http::{StatusCode, header};
use poem::web::{Path, Query};
use poem::{Response, handler};

use super::bookings;
use super::checkin::{self, Target};
use super::export;
use super::form::{AnswersIn, FileIn, Question, QuestionInput, QuestionKind};
use super::model::{BookingStatus, Filter, RegistrationStatus, Settings};
use super::privacy;
use super::service::{self, Decision, RegisterInput, SettingsInput, TicketInput};
use crate::error::{AppError, Msg};
use crate::event::Event;
use crate::http::auth::{CsrfData, CsrfForm};
use crate::http::fmt;
use crate::http::page::{Ctx, download, fmt_instant, html, html_status, see_other};
use crate::ids::SessionId;
use convene_frontend::registration::{
    self as views, BookingView, CheckinOutcome, ConsentView, CountView, QuestionField,
    RegistrationBox, RegistrationRow,
};
use convene_frontend::{Errors, FlashKind, Lang, Template};

/// The registration box of an event page, or `None` when the event takes no registrations.
pub async fn event_box(ctx: &Ctx, event: &Event) -> Result<Option<RegistrationBox>, AppError> {
    let Some(settings) = service::settings_of(&ctx.state, event).await? else {
        return Ok(None);
    };
    let t = ctx.lang.tr();
    let now = ctx.state.clock.now();
    let base = format!("/events/{}/registration", event.slug);
    let open = settings.check_open(now);
    let mine = match &ctx.actor {
        Some(actor) => service::mine(&ctx.state, actor, &event.slug).await?,
        None => None,
    };
    let message = match open {
        Ok(()) => match settings.closes_at {
            Some(c) => t.msg_args(
                "registration-open-until",
                &[("until", fmt::at(ctx.lang, event.tz(), c))],
            ),
            None => t.msg("registration-open"),
        },
        Err("registration-not-open-yet") => t.msg_args(
            "registration-opens-on",
            &[(
                "from",
                settings
                    .opens_at
                    .map(|o| fmt::at(ctx.lang, event.tz(), o))
                    .unwrap_or_default(),
            )],
        ),
        Err(id) => t.msg(id),
    };
    let mut buttons = Vec::new();
    let mut links = Vec::new();
    let status = mine.as_ref().map(|r| match (r.status, r.offer_expires_at) {
        (RegistrationStatus::Offered, Some(until)) => t.msg_args(
            "registration-offered-until",
            &[("until", fmt::at(ctx.lang, event.tz(), until))],
        ),
        (s, _) => t.msg(s.label_id()),
    });
    match mine.as_ref().map(|r| r.status) {
        Some(RegistrationStatus::Offered) => {
            buttons.push((format!("{base}/accept"), t.msg("registration-accept"), ""));
            links.push((base.clone(), t.msg("registration-view")));
        }
        Some(s) if s.is_active() => links.push((base.clone(), t.msg("registration-view"))),
        _ if open.is_ok() && ctx.actor.is_some() => links.push((
            format!("/events/{}/register", event.slug),
            t.msg("registration-register"),
        )),
        _ => {}
    }
    Ok(Some(RegistrationBox {
        message,
        status,
        buttons,
        links,
        signin_url: (ctx.actor.is_none() && open.is_ok())
            .then(|| format!("/signin?next=/events/{}/register", event.slug)),
    }))
}

/// The fields of the questions asked, filled with `values` (what was typed, or stored answers).
pub(crate) fn question_fields(
    questions: &[Question],
    tickets: &[super::model::TicketType],
    lang: Lang,
    values: &AnswersIn,
    stored_files: &[(i64, String)],
) -> Vec<QuestionField> {
    let t = lang.tr();
    questions
        .iter()
        .map(|q| {
            let all = values.values.get(&q.id).cloned().unwrap_or_default();
            let choices = match q.kind {
                QuestionKind::SingleChoice | QuestionKind::MultipleChoice => q
                    .choices()
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (i.to_string(), c.label(lang).to_string()))
                    .collect(),
                QuestionKind::YesNo => vec![
                    ("yes".into(), t.msg("answer-yes")),
                    ("no".into(), t.msg("answer-no")),
                ],
                QuestionKind::Country => crate::countries::all(lang)
                    .into_iter()
                    .map(|(c, n)| (c.to_string(), n.to_string()))
                    .collect(),
                _ => Vec::new(),
            };
            let note = if q.kind == QuestionKind::Number {
                let show = |n: f64| super::form::show_number(lang, n);
                match (q.number_min, q.number_max) {
                    (Some(min), Some(max)) => t.msg_args(
                        "question-number-between",
                        &[("min", show(min)), ("max", show(max))],
                    ),
                    (Some(min), None) => {
                        t.msg_args("question-number-at-least", &[("min", show(min))])
                    }
                    (None, Some(max)) => {
                        t.msg_args("question-number-at-most", &[("max", show(max))])
                    }
                    (None, None) => String::new(),
                }
            } else if q.kind == QuestionKind::File {
                let limits = t.msg_args(
                    "question-file-limits",
                    &[("mb", (q.file_limit() / 1024 / 1024).to_string())],
                );
                match stored_files.iter().find(|(id, _)| *id == q.id) {
                    Some((_, name)) => format!(
                        "{} {}",
                        t.msg_args("question-file-stored", &[("file", name.clone())]),
                        limits
                    ),
                    None => limits,
                }
            } else {
                String::new()
            };
            let only = q.ticket_type_ids();
            let only_names: Vec<&str> = tickets
                .iter()
                .filter(|tt| only.contains(&tt.id))
                .map(|tt| tt.name(lang))
                .collect();
            QuestionField {
                tickets: only
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(" "),
                only_for: if only_names.is_empty() {
                    String::new()
                } else {
                    t.msg_args(
                        "question-only-for-tickets",
                        &[("tickets", only_names.join(", "))],
                    )
                },
                name: q.field(),
                kind: q.kind.as_str(),
                label: q.label(lang).to_string(),
                help: q.help(lang).to_string(),
                required: q.required,
                value: all.first().cloned().unwrap_or_default(),
                values: all,
                choices,
                note,
            }
        })
        .collect()
}

/// The answers in a submitted form: `q{id}` fields and files.
pub(crate) fn answers_in(data: &CsrfData) -> AnswersIn {
    let mut a = AnswersIn::default();
    for (k, v) in &data.fields {
        if let Some(id) = k.strip_prefix('q').and_then(|n| n.parse::<i64>().ok()) {
            a.values.entry(id).or_default().push(v.clone());
        }
    }
    for (k, name, bytes) in &data.files {
        if let Some(id) = k.strip_prefix('q').and_then(|n| n.parse::<i64>().ok()) {
            a.files.insert(
                id,
                FileIn {
                    filename: name.clone(),
                    bytes: bytes.clone(),
                },
            );
        }
    }
    a
}

async fn form_page(
    ctx: &Ctx,
    slug: &str,
    values: &AnswersIn,
    ticket: Option<i64>,
    errors: Errors,
) -> Result<String, AppError> {
    let f = service::form(&ctx.state, ctx.actor.as_ref(), slug).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let settings = f
        .settings
        .as_ref()
        .ok_or_else(|| AppError::Conflict(Msg::new("registration-closed")))?;
    let intro = match settings.closes_at {
        Some(c) => t.msg_args(
            "registration-open-until",
            &[("until", fmt::at(lang, f.event.tz(), c))],
        ),
        None => String::new(),
    };
    let single = f.tickets.len() == 1;
    Ok(views::FormPage {
        layout: ctx.layout_titled(
            format!(
                "{} – {}",
                t.msg("registration-register"),
                f.event.title(lang)
            ),
            "events",
        ),
        errors: errors.labelled(
            f.questions
                .iter()
                .map(|q| (q.field(), q.label(lang).to_string()))
                .chain([("ticket_type_id".to_string(), t.msg("registration-ticket"))]),
        ),
        event_title: f.event.title(lang).to_string(),
        event_url: format!("/events/{slug}"),
        action: format!("/events/{slug}/registration"),
        intro,
        tickets: f
            .tickets
            .iter()
            .map(|tt| {
                let label = match tt.capacity {
                    Some(c) => t.msg_args(
                        "ticket-with-places",
                        &[
                            ("name", tt.name(lang).to_string()),
                            ("places", c.to_string()),
                        ],
                    ),
                    None => tt.name(lang).to_string(),
                };
                (tt.id.to_string(), label, single || ticket == Some(tt.id))
            })
            .collect(),
        questions: question_fields(&f.questions, &f.tickets, lang, values, &[]),
        submit: t.msg("registration-submit"),
    }
    .render()?)
}

/// GET /events/:slug/register — the registration form.
#[handler]
pub async fn register_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let actor = ctx.actor()?;
    // Already registered: the person's own page instead of a second form.
    if service::mine(&ctx.state, actor, &slug)
        .await?
        .is_some_and(|r| r.status.is_active())
    {
        return Ok(see_other(&format!("/events/{slug}/registration")));
    }
    Ok(html(
        form_page(&ctx, &slug, &AnswersIn::default(), None, Errors::default()).await?,
    ))
}

/// POST /events/:slug/registration — registers with the form's answers (multipart or plain).
#[handler]
pub async fn register_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let ticket = data.get("ticket_type_id").and_then(|v| v.parse().ok());
    let input = RegisterInput {
        ticket_type_id: ticket,
        answers: answers_in(&data),
    };
    match service::register(&ctx.state, ctx.actor()?, &slug, &input).await {
        Ok((r, _)) => {
            ctx.flash(
                FlashKind::Success,
                match r.status {
                    RegistrationStatus::Waitlisted => "flash-registration-waitlisted",
                    RegistrationStatus::Pending => "flash-registration-pending",
                    _ => "flash-registration-confirmed",
                },
            );
            Ok(see_other(&format!("/events/{slug}/registration")))
        }
        Err(AppError::Invalid(e)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            form_page(&ctx, &slug, &input.answers, ticket, e.view(ctx.lang)).await?,
        )),
        Err(e) => Err(e),
    }
}

async fn mine_page(
    ctx: &Ctx,
    slug: &str,
    values: Option<&AnswersIn>,
    errors: Errors,
) -> Result<Option<String>, AppError> {
    let actor = ctx.actor()?;
    let (event, settings, detail) = service::mine_detail(&ctx.state, actor, slug).await?;
    let Some(d) = detail.filter(|d| d.registration.status.is_active()) else {
        return Ok(None);
    };
    let lang = ctx.lang;
    let t = lang.tr();
    let now = ctx.state.clock.now();
    let r = &d.registration;
    let base = format!("/events/{slug}/registration");
    let mut buttons = Vec::new();
    if r.status == RegistrationStatus::Offered {
        buttons.push((format!("{base}/accept"), t.msg("registration-accept"), ""));
    }
    buttons.push((
        format!("{base}/cancel"),
        t.msg("registration-cancel"),
        "button-danger",
    ));
    let message = match (r.status, r.offer_expires_at) {
        (RegistrationStatus::Offered, Some(until)) => t.msg_args(
            "registration-offered-until",
            &[("until", fmt::at(lang, event.tz(), until))],
        ),
        (RegistrationStatus::Waitlisted, _) => t.msg("registration-waitlisted-note"),
        (RegistrationStatus::Pending, _) => t.msg("registration-pending-note"),
        _ => String::new(),
    };
    let confirmed = r.status == RegistrationStatus::Confirmed;
    let file_url = |q: &Question| format!("/events/{slug}/registrations/{}/files/{}", r.id, q.id);
    let editable = settings.as_ref().is_some_and(|s| s.answers_editable(now));
    let asked: Vec<Question> = d
        .questions
        .iter()
        .filter(|q| q.applies_to(r.ticket_type_id) && q.kind != QuestionKind::Consent)
        .cloned()
        .collect();
    // What the edit form shows: what was just typed, else the stored answers.
    let (stored, stored_files) = d.stored_answers();
    let edit_until = settings.as_ref().and_then(|s| s.edit_until.or(s.closes_at));
    let bookings = bookings::mine(&ctx.state, actor, &event).await?;
    let consents = privacy::consents(&ctx.state, actor, slug).await?;
    let page = views::MinePage {
        layout: ctx.layout_titled(
            format!(
                "{} – {}",
                t.msg("registration-mine-title"),
                event.title(lang)
            ),
            "events",
        ),
        errors: errors.labelled(
            d.questions
                .iter()
                .map(|q| (q.field(), q.label(lang).to_string())),
        ),
        event_title: event.title(lang).to_string(),
        event_url: format!("/events/{slug}"),
        status: t.msg(r.status.label_id()),
        message,
        ticket: d
            .ticket
            .as_ref()
            .map(|tt| tt.name(lang).to_string())
            .unwrap_or_default(),
        code: if confirmed {
            r.code.clone()
        } else {
            String::new()
        },
        qr_svg: if confirmed {
            crate::qr::svg(&r.code)
        } else {
            String::new()
        },
        answers: d
            .answers
            .iter()
            .map(|(q, v, file)| {
                (
                    q.label(lang).to_string(),
                    v.clone(),
                    file.then(|| file_url(q)),
                )
            })
            .collect(),
        bookings: bookings
            .iter()
            .map(|(s, b)| BookingView {
                title: s.title(lang).to_string(),
                when: fmt::when(lang, event.tz(), s.starts_at, s.ends_at),
                status: bookings::status_text(b, lang, &event),
                url: format!("/events/{slug}/sessions/{}", s.id),
                accept_url: (b.status == BookingStatus::Offered)
                    .then(|| format!("/events/{slug}/sessions/{}/booking", s.id)),
                cancel_url: format!("/events/{slug}/sessions/{}/booking/cancel", s.id),
                cancel_label: t.msg(if b.status == BookingStatus::Offered {
                    "booking-decline"
                } else {
                    "booking-cancel"
                }),
            })
            .collect(),
        consents: consents
            .iter()
            .map(|c| {
                let when = |t| fmt::at(lang, event.tz(), t);
                let (state, action, label) = match (c.given_at, c.withdrawn_at) {
                    (Some(_), Some(w)) => (
                        t.msg_args("consent-withdrawn-on", &[("at", when(w))]),
                        "give",
                        "consent-give",
                    ),
                    (Some(g), None) => (
                        t.msg_args("consent-given-on", &[("at", when(g))]),
                        "withdraw",
                        "consent-withdraw",
                    ),
                    (None, _) => (t.msg("consent-not-given"), "give", "consent-give"),
                };
                ConsentView {
                    label: c.question.label(lang).to_string(),
                    state,
                    action: format!("{base}/consents/{}/{action}", c.question.id),
                    button: t.msg(label),
                    required_note: (c.question.required && c.in_force())
                        .then(|| t.msg("consent-required-note")),
                }
            })
            .collect(),
        buttons,
        edit_action: (editable && !asked.is_empty()).then(|| format!("{base}/answers")),
        edit_note: edit_until
            .map(|u| {
                t.msg_args(
                    "registration-edit-note",
                    &[("until", fmt::at(lang, event.tz(), u))],
                )
            })
            .unwrap_or_default(),
        questions: question_fields(&asked, &[], lang, values.unwrap_or(&stored), &stored_files),
    };
    Ok(Some(page.render()?))
}

/// GET /events/:slug/registration — the person's own registration.
#[handler]
pub async fn mine_get(ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    match mine_page(&ctx, &slug, None, Errors::default()).await? {
        Some(page) => Ok(html(page)),
        None => Ok(see_other(&format!("/events/{slug}/register"))),
    }
}

/// POST /events/:slug/registration/answers — changes the answers until the deadline.
#[handler]
pub async fn answers_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    data: CsrfData,
) -> Result<Response, AppError> {
    let answers = answers_in(&data);
    match service::update_answers(&ctx.state, ctx.actor()?, &slug, &answers).await {
        Ok(()) => {
            ctx.flash(FlashKind::Success, "flash-answers-saved");
            Ok(see_other(&format!("/events/{slug}/registration")))
        }
        Err(AppError::Invalid(e)) => {
            let page = mine_page(&ctx, &slug, Some(&answers), e.view(ctx.lang))
                .await?
                .ok_or_else(|| AppError::not_found("registration-not-found"))?;
            Ok(html_status(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
        Err(e) => Err(e),
    }
}

/// POST /events/:slug/registration/cancel
#[handler]
pub async fn cancel_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    service::cancel(&ctx.state, ctx.actor()?, &slug).await?;
    ctx.flash(FlashKind::Info, "flash-registration-cancelled");
    Ok(see_other(&format!("/events/{slug}#registration")))
}

/// POST /events/:slug/registration/accept
#[handler]
pub async fn accept_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    service::accept_offer(&ctx.state, ctx.actor()?, &slug).await?;
    ctx.flash(FlashKind::Success, "flash-registration-confirmed");
    Ok(see_other(&format!("/events/{slug}/registration")))
}

/// POST /events/:slug/registration/consents/:question/{give,withdraw} — gives or withdraws a
/// consent at any time; a required one is refused with the way out (cancelling).
#[handler]
pub async fn consent_post(
    ctx: Ctx,
    Path((slug, question, action)): Path<(String, i64, String)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    let give = match action.as_str() {
        "give" => true,
        "withdraw" => false,
        _ => return Err(AppError::not_found("consent-not-found")),
    };
    match privacy::set_consent(&ctx.state, ctx.actor()?, &slug, question, give).await {
        Ok(_) => ctx.flash(
            FlashKind::Success,
            if give {
                "flash-consent-given"
            } else {
                "flash-consent-withdrawn"
            },
        ),
        // The one refusal: a required consent, withdrawn by cancelling.
        Err(AppError::Conflict(_)) => ctx.flash(FlashKind::Error, "flash-consent-required-cancel"),
        Err(e) => return Err(e),
    }
    Ok(see_other(&format!("/events/{slug}/registration#consents")))
}

/// GET /events/:slug/registrations/:id/files/:question — an uploaded file, for its owner and
/// the organisers; always a download, with the type found when it was checked.
#[handler]
pub async fn file_get(
    ctx: Ctx,
    Path((slug, id, question)): Path<(String, i64, i64)>,
) -> Result<Response, AppError> {
    let (name, content_type, data) =
        service::upload(&ctx.state, ctx.actor()?, &slug, id, question).await?;
    Ok(download(&name, &content_type, data))
}

// --- Session bookings ---

/// POST /events/:slug/sessions/:id/booking
#[handler]
pub async fn book_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    let b = bookings::book(&ctx.state, ctx.actor()?, &slug, SessionId(id)).await?;
    ctx.flash(
        FlashKind::Success,
        if b.status == BookingStatus::Confirmed {
            "flash-booking-confirmed"
        } else {
            "flash-booking-waitlisted"
        },
    );
    Ok(see_other(&format!("/events/{slug}/sessions/{id}")))
}

/// POST /events/:slug/sessions/:id/booking/cancel
#[handler]
pub async fn unbook_post(
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::account::pages::Empty>,
) -> Result<Response, AppError> {
    bookings::unbook(&ctx.state, ctx.actor()?, &slug, SessionId(id)).await?;
    ctx.flash(FlashKind::Info, "flash-booking-cancelled");
    Ok(see_other(&format!("/events/{slug}/sessions/{id}")))
}

// --- Organisers ---

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

fn count_views(lang: Lang, c: &service::Counts) -> Vec<CountView> {
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
    let first = (page - 1) * LIST_PAGE;
    let page_url = |p: i64| format!("/orga/events/{slug}/registrations?{qs}&page={p}");
    let pager = convene_frontend::Pager {
        shown: t.msg_args(
            "list-shown",
            &[
                ("from", (first + 1).min(total).to_string()),
                ("to", (first + o.rows.len() as i64).to_string()),
                ("total", total.to_string()),
            ],
        ),
        prev_url: (page > 1).then(|| page_url(page - 1)),
        next_url: (first + (o.rows.len() as i64) < total).then(|| page_url(page + 1)),
    };
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

// --- Check-in ---

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct CheckinQuery {
    session: String,
    q: String,
}

async fn checkin_page(
    ctx: &Ctx,
    slug: &str,
    session: &str,
    q: &str,
    outcome: Option<CheckinOutcome>,
) -> Result<String, AppError> {
    let actor = ctx.actor()?;
    let event = checkin::for_staff(&ctx.state, actor, slug).await?;
    let live = checkin::live(&ctx.state, actor, slug).await?;
    let lang = ctx.lang;
    let t = lang.tr();
    let found = checkin::search(&ctx.state, actor, slug, q).await?;
    Ok(views::CheckinPage {
        layout: ctx.layout("checkin-title", "events"),
        event_title: event.title(lang).to_string(),
        action: format!("/events/{slug}/checkin"),
        session: session.to_string(),
        sessions: live
            .sessions
            .iter()
            .map(|s| (s.session_id.to_string(), s.title.clone()))
            .collect(),
        outcome,
        q: q.to_string(),
        searched: q.trim().chars().count() >= 2,
        found: found
            .into_iter()
            .map(|p| {
                let status = match p.checked_in_at {
                    Some(at) => t.msg_args(
                        "checkin-already-at",
                        &[("at", fmt::at(lang, event.tz(), at))],
                    ),
                    None => t.msg(p.status.label_id()),
                };
                (p.registration_id, p.name, status)
            })
            .collect(),
        live_url: format!("/orga/events/{slug}/registrations/live.json"),
        counts: count_views(lang, &live.counts),
    }
    .render()?)
}

/// GET /events/:slug/checkin?session=&q= — the door.
#[handler]
pub async fn checkin_get(
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(query): Query<CheckinQuery>,
) -> Result<Response, AppError> {
    Ok(html(
        checkin_page(&ctx, &slug, &query.session, &query.q, None).await?,
    ))
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct CheckinForm {
    code: String,
    registration_id: String,
    session: String,
}

/// POST /events/:slug/checkin — by code or by a registration found by name.
#[handler]
pub async fn checkin_post(
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<CheckinForm>,
) -> Result<Response, AppError> {
    let target = match form.registration_id.trim().parse::<i64>() {
        Ok(id) => Target::Registration(id),
        Err(_) => Target::Code(form.code.clone()),
    };
    let session = form.session.trim().parse::<i64>().ok().map(SessionId);
    let result = checkin::check_in(&ctx.state, ctx.actor()?, &slug, &target, session).await?;
    let t = ctx.lang.tr();
    let event = checkin::for_staff(&ctx.state, ctx.actor()?, &slug).await?;
    let message = match &result.outcome {
        checkin::Outcome::AlreadyCheckedIn { at } => t.msg_args(
            "checkin-already-at",
            &[("at", fmt::at(ctx.lang, event.tz(), *at))],
        ),
        checkin::Outcome::NotValid { status } => format!(
            "{} ({})",
            t.msg(result.outcome.message_id()),
            t.msg(status.label_id())
        ),
        o => t.msg(o.message_id()),
    };
    let outcome = CheckinOutcome {
        ok: result.outcome.ok(),
        message,
        name: result.name.clone(),
    };
    let status = if result.outcome.ok() {
        StatusCode::OK
    } else {
        StatusCode::CONFLICT
    };
    Ok(html_status(
        status,
        checkin_page(&ctx, &slug, &form.session, "", Some(outcome)).await?,
    ))
}
