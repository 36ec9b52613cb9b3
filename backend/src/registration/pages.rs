//! Registration pages: the box on the event page, the registration form, the participant's own
//! registration (QR code, answers, bookings), session bookings and the check-in page. The
//! organisers' pages are in `orga_pages`.

use poem::http::StatusCode;
use poem::web::{Path, Query};
use poem::{Response, handler};

use super::bookings;
use super::checkin::{self, Target};
use super::form::{AnswersIn, FileIn, Question, QuestionKind};
use super::model::{BookingStatus, RegistrationStatus};
use super::orga_pages::count_views;
use super::privacy;
use super::service::{self, RegisterInput};
use crate::error::{AppError, Msg};
use crate::event::Event;
use crate::http::auth::{CsrfData, CsrfForm};
use crate::http::fmt;
use crate::http::page::{Ctx, download, html, html_status, see_other};
use crate::ids::SessionId;
use convene_frontend::registration::{
    self as views, BookingView, CheckinOutcome, ConsentView, QuestionField, RegistrationBox,
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
