//! Certificate use cases: templates (organisers of the event or call only), issuing in bulk from
//! the facts (check-ins, the agenda, the jury's confirmed result, finished reviews) as a
//! background job, revoking, downloads for organisers and recipients, and public verification.
//!
//! Issuing is idempotent: a certificate is keyed by what it certifies (`subject`), so running a
//! job twice, or two jobs at once, never issues one twice. Serial numbers come from a counter on
//! the template that only grows.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::sync::{Arc, LazyLock};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use convene_frontend::Lang;

use super::model::{
    self, Facts, Images, Issued, Job, Kind, Owner, Recipient, Snapshot, Template, TemplateInput,
    Texts,
};
use super::pdf;
use super::queries::{self, FactRow, NewIssued, TemplateCount, TemplateFields};
use crate::account::Actor;
use crate::audit;
use crate::call::model::Call;
use crate::db::{self, DbConn};
use crate::error::{AppError, DbResultExt, FieldErrors, Msg};
use crate::event::model::Event;
use crate::http::fmt;
use crate::ids::AccountId;
use crate::mail::{self, Attachment};
use crate::mail_template;
use crate::state::AppState;

/// The fonts are parsed once for the life of the process; every certificate reuses them.
static RENDERER: LazyLock<pdf::Renderer> = LazyLock::new(pdf::Renderer::new);

/// Largest logo or signature accepted.
pub const IMAGE_MAX_BYTES: usize = 2 * 1024 * 1024;

/// A template with what it belongs to.
#[derive(Debug, Clone)]
pub struct Context {
    pub template: Template,
    /// The event of an event's template, or the event a call is linked to.
    pub event: Option<Event>,
    pub call: Option<Call>,
}

impl Context {
    /// The event's or the call's title.
    pub fn owner_title(&self, lang: Lang) -> String {
        match (&self.call, &self.event) {
            (Some(c), _) => match lang {
                Lang::De => c.title_de.clone(),
                Lang::En => c.title_en.clone(),
            },
            (None, Some(e)) => match lang {
                Lang::De => e.title_de.clone(),
                Lang::En => e.title_en.clone(),
            },
            (None, None) => String::new(),
        }
    }

    /// Whose mail wording applies to the certificate mails: the call's, else the event's.
    fn mail_sender(&self) -> Option<mail_template::service::Sender> {
        match (&self.call, &self.event) {
            (Some(c), _) => Some(mail_template::service::Sender::Call(c.id)),
            (None, Some(e)) => Some(mail_template::service::Sender::Event(e.id)),
            (None, None) => None,
        }
    }

    pub fn tz(&self) -> Tz {
        match (&self.call, &self.event) {
            (Some(c), _) => c.timezone.parse().unwrap_or(chrono_tz::Europe::Berlin),
            (None, Some(e)) => e.tz(),
            (None, None) => chrono_tz::Europe::Berlin,
        }
    }

    /// The event's dates; for a call without an event, the day its results were due.
    pub fn dates(&self, lang: Lang) -> String {
        if let Some(e) = &self.event {
            return fmt::date_range(lang, e.starts_on, e.ends_on);
        }
        match &self.call {
            Some(c) => {
                let day = c
                    .results_at
                    .unwrap_or(c.deadline)
                    .with_timezone(&self.tz())
                    .date_naive();
                fmt::date_range(lang, day, day)
            }
            None => String::new(),
        }
    }

    /// Where the organisers manage the owner's certificates.
    pub fn owner_path(&self) -> String {
        match (&self.call, &self.event) {
            (Some(c), _) => format!("/orga/calls/{}/certificates", c.slug),
            (None, Some(e)) => format!("/orga/events/{}/certificates", e.slug),
            (None, None) => "/orga".to_string(),
        }
    }

    fn organised_by(&self, actor: &Actor) -> bool {
        match self.template.owner() {
            Owner::Event(_) => self
                .event
                .as_ref()
                .is_some_and(|e| crate::event::service::is_organiser(Some(actor), e)),
            Owner::Call(_) => self
                .call
                .as_ref()
                .is_some_and(|c| crate::call::service::is_organiser(Some(actor), c)),
        }
    }
}

/// Whether the actor organises the event or call (through it, its owning organisation, or the
/// whole site).
async fn organises(conn: &mut DbConn, actor: &Actor, owner: Owner) -> Result<bool, AppError> {
    Ok(match owner {
        Owner::Event(id) => crate::event::queries::find(conn, id)
            .await?
            .is_some_and(|e| crate::event::service::is_organiser(Some(actor), &e)),
        Owner::Call(id) => crate::call::queries::find(conn, id)
            .await?
            .is_some_and(|c| crate::call::service::is_organiser(Some(actor), &c)),
    })
}

async fn context(conn: &mut DbConn, template: Template) -> Result<Context, AppError> {
    let (event, call) = match template.owner() {
        Owner::Event(id) => (crate::event::queries::find(conn, id).await?, None),
        Owner::Call(id) => {
            let call = crate::call::queries::find(conn, id).await?;
            let event = match call.as_ref().and_then(|c| c.event_id) {
                Some(e) => crate::event::queries::find(conn, e).await?,
                None => None,
            };
            (event, call)
        }
    };
    Ok(Context {
        template,
        event,
        call,
    })
}

/// The template `id` for one of its organisers; `NotFound` for everyone else.
pub async fn for_organiser(state: &AppState, actor: &Actor, id: i64) -> Result<Context, AppError> {
    let mut conn = state.db.acquire().await?;
    let template = queries::template(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::not_found("cert-template-not-found"))?;
    let ctx = context(&mut conn, template).await?;
    if !ctx.organised_by(actor) {
        return Err(AppError::not_found("cert-template-not-found"));
    }
    Ok(ctx)
}

/// The templates of an event or a call, with issued and revoked counts.
pub struct TemplateList {
    pub templates: Vec<(Template, TemplateCount)>,
}

async fn list(
    conn: &mut DbConn,
    event: Option<&Event>,
    call: Option<&Call>,
) -> Result<TemplateList, AppError> {
    let templates = match (event, call) {
        (Some(e), _) => queries::templates_of_event(conn, e.id).await?,
        (None, Some(c)) => queries::templates_of_call(conn, c.id).await?,
        (None, None) => Vec::new(),
    };
    let counts = queries::counts(conn, event.map(|e| e.id), call.map(|c| c.id)).await?;
    Ok(TemplateList {
        templates: templates
            .into_iter()
            .map(|t| {
                let count =
                    counts
                        .iter()
                        .find(|c| c.id == t.id)
                        .cloned()
                        .unwrap_or(TemplateCount {
                            id: t.id,
                            issued: 0,
                            revoked: 0,
                        });
                (t, count)
            })
            .collect(),
    })
}

pub async fn list_for_event(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<(Event, TemplateList), AppError> {
    let event = crate::event::service::for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    let list = list(&mut conn, Some(&event), None).await?;
    Ok((event, list))
}

pub async fn list_for_call(
    state: &AppState,
    actor: &Actor,
    slug: &str,
) -> Result<(Call, TemplateList), AppError> {
    let call = crate::call::service::for_organiser(state, actor, slug).await?;
    let mut conn = state.db.acquire().await?;
    let list = list(&mut conn, None, Some(&call)).await?;
    Ok((call, list))
}

fn fields<'a>(input: &'a TemplateInput, valid: &model::Valid) -> TemplateFields<'a> {
    TemplateFields {
        kind: valid.kind.as_str(),
        title_de: input.title_de.trim(),
        title_en: input.title_en.trim(),
        body_de: input.body_de.trim(),
        body_en: input.body_en.trim(),
        landscape: input.landscape,
        place: input.place.trim(),
        signatory1_name: input.signatory1_name.trim(),
        signatory1_role: input.signatory1_role.trim(),
        signatory2_name: input.signatory2_name.trim(),
        signatory2_role: input.signatory2_role.trim(),
        session_id: valid.session_id,
        serial_prefix: input.serial_prefix.trim(),
    }
}

/// Checks that an attendance template's session belongs to the event.
async fn check_session(
    conn: &mut DbConn,
    event: Option<&Event>,
    valid: &model::Valid,
) -> Result<(), AppError> {
    if let (Some(session), Some(event)) = (valid.session_id, event)
        && !queries::session_in_event(conn, event.id, session).await?
    {
        return Err(AppError::field("session_id", "valid-choice-invalid"));
    }
    Ok(())
}

/// A new template for an event (attendance, speaker) or a call (pitch, placement, jury).
pub async fn create(
    state: &AppState,
    actor: &Actor,
    owner: Owner,
    input: &TemplateInput,
) -> Result<Template, AppError> {
    if !organises(&mut *state.db.acquire().await?, actor, owner).await? {
        return Err(AppError::forbidden());
    }
    let valid = input
        .validate(matches!(owner, Owner::Event(_)))
        .map_err(AppError::Invalid)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let (event, call) = match owner {
        Owner::Event(id) => (Some(id), None),
        Owner::Call(id) => (None, Some(id)),
    };
    let event_row = match event {
        Some(id) => crate::event::queries::find(&mut tx, id).await?,
        None => None,
    };
    check_session(&mut tx, event_row.as_ref(), &valid).await?;
    let id = queries::insert_template(&mut tx, event, call, &fields(input, &valid), now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "certificate.template_create",
        &format!("certificate_template:{id}"),
        valid.kind.as_str(),
        now,
    )
    .await?;
    let template = queries::template(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::not_found("cert-template-not-found"))?;
    tx.commit().await?;
    Ok(template)
}

pub async fn create_for_event(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &TemplateInput,
) -> Result<Template, AppError> {
    let event = crate::event::service::for_organiser(state, actor, slug).await?;
    create(state, actor, Owner::Event(event.id), input).await
}

pub async fn create_for_call(
    state: &AppState,
    actor: &Actor,
    slug: &str,
    input: &TemplateInput,
) -> Result<Template, AppError> {
    let call = crate::call::service::for_organiser(state, actor, slug).await?;
    create(state, actor, Owner::Call(call.id), input).await
}

/// Changes a template's texts and layout; its kind stays what it was issued for.
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: i64,
    input: &TemplateInput,
) -> Result<Template, AppError> {
    let ctx = for_organiser(state, actor, id).await?;
    let input = TemplateInput {
        kind: ctx.template.kind.as_str().to_string(),
        ..input.clone()
    };
    let valid = input
        .validate(ctx.template.event_id.is_some())
        .map_err(AppError::Invalid)?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let event = if ctx.template.event_id.is_some() {
        ctx.event.as_ref()
    } else {
        None
    };
    check_session(&mut tx, event, &valid).await?;
    queries::update_template(&mut tx, id, &fields(&input, &valid), now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "certificate.template_update",
        &format!("certificate_template:{id}"),
        "",
        now,
    )
    .await?;
    let template = queries::template(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::not_found("cert-template-not-found"))?;
    tx.commit().await?;
    Ok(template)
}

/// Deletes a template that has not issued anything yet.
pub async fn delete(state: &AppState, actor: &Actor, id: i64) -> Result<Context, AppError> {
    let ctx = for_organiser(state, actor, id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if !queries::issued_of_template(&mut tx, id).await?.is_empty() {
        return Err(AppError::Conflict(Msg::new("cert-template-has-issued")));
    }
    queries::delete_template(&mut tx, id).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "certificate.template_delete",
        &format!("certificate_template:{id}"),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(ctx)
}

/// Sets the logo (`signature` false) or the signature image, checked by content and size; with
/// `None` removes it.
pub async fn set_image(
    state: &AppState,
    actor: &Actor,
    id: i64,
    signature: bool,
    bytes: Option<&[u8]>,
) -> Result<(), AppError> {
    let field = if signature { "signature" } else { "logo" };
    for_organiser(state, actor, id).await?;
    let image = match bytes {
        None => None,
        Some(b) => Some((check_upload(field, b)?, b)),
    };
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::set_image(&mut tx, id, signature, image, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Checks an uploaded logo or signature (form field `field`) by size and content; returns its
/// type (`png` | `jpeg`).
pub fn check_upload(field: &'static str, bytes: &[u8]) -> Result<&'static str, AppError> {
    let refuse = |msg: Msg| Err(AppError::Invalid(FieldErrors::one(field, msg)));
    if bytes.len() > IMAGE_MAX_BYTES {
        return refuse(
            Msg::new("cert-image-too-large").arg("max", IMAGE_MAX_BYTES / (1024 * 1024)),
        );
    }
    match pdf::check_image(bytes) {
        Ok((pdf::ImageKind::Png, _, _)) => Ok("png"),
        Ok((pdf::ImageKind::Jpeg, _, _)) => Ok("jpeg"),
        Err(pdf::ImageError::TooLarge) => refuse(Msg::new("cert-image-too-many-pixels")),
        Err(_) => refuse(Msg::new("cert-image-not-image")),
    }
}

fn to_image(kind: Option<&str>, bytes: Option<&Vec<u8>>) -> Option<pdf::Image> {
    let kind = match kind? {
        "png" => pdf::ImageKind::Png,
        "jpeg" => pdf::ImageKind::Jpeg,
        _ => return None,
    };
    Some(pdf::Image {
        kind,
        bytes: bytes?.clone(),
    })
}

// --- What a certificate says, and its PDF ---------------------------------------------------

/// The placeholder values of a certificate for `name` with `facts`, in `lang`.
fn values(
    ctx: &Context,
    name: &str,
    organisation: &str,
    facts: &Facts,
    lang: Lang,
) -> BTreeMap<&'static str, String> {
    let mut values = BTreeMap::new();
    values.insert("name", name.to_string());
    values.insert("organisation", organisation.to_string());
    values.insert("event", ctx.owner_title(lang));
    values.insert("dates", ctx.dates(lang));
    values.insert(
        "session",
        match lang {
            Lang::De => facts.session_de.clone(),
            Lang::En => facts.session_en.clone(),
        },
    );
    values.insert("submission", facts.submission.clone());
    values.insert(
        "placement",
        facts
            .placement
            .map(|p| model::placement_text(lang, p))
            .unwrap_or_default(),
    );
    values.insert("place", ctx.template.place.clone());
    values
}

/// What a certificate is for, in `lang`: "Clusters meet Regions, 3.–4. Dezember 2026 ·
/// Matchmaking" / the submission and placement.
fn what_lines(ctx: &Context, facts: &Facts, lang: Lang) -> Vec<String> {
    let mut lines = vec![format!("{}, {}", ctx.owner_title(lang), ctx.dates(lang))];
    let session = match lang {
        Lang::De => &facts.session_de,
        Lang::En => &facts.session_en,
    };
    if !session.is_empty() {
        lines.push(session.clone());
    }
    if !facts.submission.is_empty() {
        lines.push(facts.submission.clone());
    }
    if let Some(p) = facts.placement {
        lines.push(model::placement_text(lang, p));
    }
    lines
}

/// What a certificate with `serial` for `name` says when issued at `issued_at` from the
/// template, event or call and facts as they are now: the record that is frozen with it.
pub fn snapshot_of(
    ctx: &Context,
    name: &str,
    organisation: &str,
    facts: &Facts,
    serial: i64,
    issued_at: DateTime<Utc>,
) -> Snapshot {
    let t = &ctx.template;
    let tz = ctx.tz();
    let texts = |lang: Lang| {
        let values = values(ctx, name, organisation, facts, lang);
        let issued = day_text(lang, tz, issued_at);
        let place_and_date = if t.place.trim().is_empty() {
            issued.clone()
        } else {
            format!("{}, {issued}", t.place.trim())
        };
        Texts {
            title: model::fill(t.title(lang), &values),
            body: model::fill(t.body(lang), &values),
            what: what_lines(ctx, facts, lang),
            place_and_date,
            issued,
        }
    };
    Snapshot {
        serial: t.serial_text(serial),
        landscape: t.landscape,
        timezone: tz.name().to_string(),
        signatories: [
            (&t.signatory1_name, &t.signatory1_role),
            (&t.signatory2_name, &t.signatory2_role),
        ]
        .into_iter()
        .filter(|(name, _)| !name.trim().is_empty())
        .map(|(name, role)| (name.clone(), role.clone()))
        .collect(),
        de: texts(Lang::De),
        en: texts(Lang::En),
    }
}

/// What an issued certificate says: its frozen snapshot. A certificate issued before snapshots
/// existed that [`freeze_unfrozen`] has not reached yet is read from its template as it is.
pub fn snapshot(ctx: &Context, cert: &Issued) -> Snapshot {
    cert.snapshot().unwrap_or_else(|| {
        snapshot_of(
            ctx,
            &cert.recipient_name,
            &cert.organisation,
            &cert.facts(),
            cert.serial,
            cert.issued_at,
        )
    })
}

/// The title of an issued certificate in `lang`, as its PDF shows it (for the mail, the
/// recipient's list, the API and the verify page).
pub fn issued_title(ctx: &Context, cert: &Issued, lang: Lang) -> String {
    snapshot(ctx, cert).texts(lang).title.clone()
}

/// The serial number of an issued certificate as printed on it: "ICMR-2026-0007".
pub fn serial_text(ctx: &Context, cert: &Issued) -> String {
    snapshot(ctx, cert).serial
}

/// The images of the certificates being rendered: the stored ones they were issued with, and
/// the template's own for previews and for certificates that are not frozen yet.
#[derive(Default)]
struct ImageSet {
    stored: HashMap<i64, pdf::Image>,
    template_logo: Option<pdf::Image>,
    template_signature: Option<pdf::Image>,
}

impl ImageSet {
    /// The logo and signature `cert` is printed with.
    fn of(&self, cert: &Issued) -> (Option<&pdf::Image>, Option<&pdf::Image>) {
        if cert.snapshot.is_empty() {
            return (
                self.template_logo.as_ref(),
                self.template_signature.as_ref(),
            );
        }
        let get = |id: Option<i64>| id.and_then(|id| self.stored.get(&id));
        (get(cert.logo_image_id), get(cert.signature_image_id))
    }

    /// Loads what `certs` need: their stored images, and the template's when one is not frozen.
    async fn load(
        conn: &mut DbConn,
        template_id: i64,
        certs: &[&Issued],
    ) -> Result<ImageSet, AppError> {
        let mut set = ImageSet::default();
        let ids: BTreeSet<i64> = certs
            .iter()
            .flat_map(|c| [c.logo_image_id, c.signature_image_id])
            .flatten()
            .collect();
        for id in ids {
            if let Some((kind, bytes)) = queries::stored_image(conn, id).await?
                && let Some(image) = to_image(Some(&kind), Some(&bytes))
            {
                set.stored.insert(id, image);
            }
        }
        if certs.iter().any(|c| c.snapshot.is_empty()) {
            let images = queries::images(conn, template_id).await?;
            set.template_logo = to_image(images.logo_type.as_deref(), images.logo.as_ref());
            set.template_signature =
                to_image(images.signature_type.as_deref(), images.signature.as_ref());
        }
        Ok(set)
    }
}

/// The PDF of what `s` says for `name` in `lang`, with the verification code `code`.
#[allow(clippy::too_many_arguments)]
fn render(
    s: &Snapshot,
    lang: Lang,
    name: &str,
    organisation: &str,
    code: &str,
    logo: Option<&pdf::Image>,
    signature: Option<&pdf::Image>,
    base_url: &str,
) -> Vec<u8> {
    let texts = s.texts(lang);
    let signatories: Vec<pdf::Signatory> = s
        .signatories
        .iter()
        .map(|(name, role)| pdf::Signatory {
            name: name.clone(),
            role: role.clone(),
        })
        .collect();
    let verify_url = format!("{base_url}/verify/{}", model::code_text(code));
    let tr = lang.tr();
    let serial_line = tr.msg_args("cert-pdf-serial", &[("serial", s.serial.clone())]);
    RENDERER.render(&pdf::Certificate {
        orientation: if s.landscape {
            pdf::Orientation::Landscape
        } else {
            pdf::Orientation::Portrait
        },
        title: &texts.title,
        recipient: name,
        organisation,
        body: &texts.body,
        place_and_date: &texts.place_and_date,
        signatories: &signatories,
        logo,
        signature,
        serial: &serial_line,
        verify_url: &verify_url,
        verify_label: &tr.msg("cert-pdf-verify"),
        document_title: &format!("{} – {name}", texts.title),
    })
}

/// The PDF of an issued certificate, in its language, exactly as it was issued.
fn render_issued(ctx: &Context, images: &ImageSet, cert: &Issued, base_url: &str) -> Vec<u8> {
    let s = snapshot(ctx, cert);
    let (logo, signature) = images.of(cert);
    render(
        &s,
        cert.lang(),
        &cert.recipient_name,
        &cert.organisation,
        &cert.code,
        logo,
        signature,
        base_url,
    )
}

/// The file name of a certificate: "ICMR-2026-0007-joerg-mueller.pdf".
pub fn file_name(ctx: &Context, cert: &Issued) -> String {
    let name = crate::organisation::model::slugify(&cert.recipient_name);
    format!("{}-{name}.pdf", serial_text(ctx, cert))
}

/// A sample certificate from the template as the form holds it now (not saved), in `lang`.
pub async fn preview(
    state: &AppState,
    actor: &Actor,
    id: i64,
    input: Option<&TemplateInput>,
    lang: Lang,
) -> Result<Vec<u8>, AppError> {
    let mut ctx = for_organiser(state, actor, id).await?;
    if let Some(input) = input {
        let input = TemplateInput {
            kind: ctx.template.kind.as_str().to_string(),
            ..input.clone()
        };
        let valid = input
            .validate(ctx.template.event_id.is_some())
            .map_err(AppError::Invalid)?;
        ctx.template.apply(&input, &valid);
    }
    let mut conn = state.db.acquire().await?;
    let images = queries::images(&mut conn, id).await?;
    let sample = sample_facts(&ctx, lang);
    let tr = lang.tr();
    let (name, organisation) = (
        tr.msg("cert-sample-name"),
        tr.msg("cert-sample-organisation"),
    );
    let s = snapshot_of(
        &ctx,
        &name,
        &organisation,
        &sample,
        ctx.template.next_serial,
        state.clock.now(),
    );
    Ok(render(
        &s,
        lang,
        &name,
        &organisation,
        "00000000000000000000",
        to_image(images.logo_type.as_deref(), images.logo.as_ref()).as_ref(),
        to_image(images.signature_type.as_deref(), images.signature.as_ref()).as_ref(),
        &state.config.base_url,
    ))
}

fn sample_facts(ctx: &Context, lang: Lang) -> Facts {
    let tr = lang.tr();
    Facts {
        session_de: Lang::De.tr().msg("cert-sample-session"),
        session_en: Lang::En.tr().msg("cert-sample-session"),
        submission: tr.msg("cert-sample-submission"),
        placement: matches!(ctx.template.kind, Kind::Placement).then_some(1),
    }
}

// --- Recipients and issuing ----------------------------------------------------------------

fn recipient(row: FactRow) -> Recipient {
    let (subject, account_id, name, email, organisation, language, sde, sen, submission, place) =
        row;
    Recipient {
        subject,
        account_id,
        name,
        email,
        organisation,
        language: Lang::from_code(&language).unwrap_or_default(),
        facts: Facts {
            session_de: sde,
            session_en: sen,
            submission,
            placement: place,
        },
    }
}

/// Who the template issues to, from the facts as they stand now.
pub async fn recipients(conn: &mut DbConn, ctx: &Context) -> Result<Vec<Recipient>, AppError> {
    let t = &ctx.template;
    let rows = match (t.kind, t.owner()) {
        (Kind::Attendance, Owner::Event(event)) => match t.session_id {
            Some(session) => queries::checked_in_session(conn, event, session).await?,
            None => queries::checked_in(conn, event).await?,
        },
        (Kind::Speaker, Owner::Event(event)) => queries::speakers(conn, event).await?,
        (Kind::Pitch, Owner::Call(call)) => queries::team_members(conn, call, false).await?,
        (Kind::Placement, Owner::Call(call)) => queries::team_members(conn, call, true).await?,
        (Kind::Jury, Owner::Call(call)) => queries::finished_jurors(conn, call).await?,
        _ => Vec::new(),
    };
    Ok(rows.into_iter().map(recipient).collect())
}

/// Queues issuing the template's certificates (and e-mailing them, if `send_mail`) and wakes the
/// jobs worker, which starts at once; the job's page shows the progress.
pub async fn start_job(
    state: &AppState,
    actor: &Actor,
    id: i64,
    send_mail: bool,
) -> Result<Job, AppError> {
    let job = queue_job(state, actor, id, send_mail).await?;
    state.jobs.wake();
    Ok(job)
}

/// Issues the template's certificates and waits until all are issued (the demo data; pages and
/// API start a job and show its progress).
pub async fn issue_now(
    state: &AppState,
    actor: &Actor,
    id: i64,
    send_mail: bool,
) -> Result<Job, AppError> {
    let job = queue_job(state, actor, id, send_mail).await?;
    run_job(state, job.id).await?;
    let mut conn = state.db.acquire().await?;
    queries::job(&mut conn, job.id)
        .await?
        .ok_or_else(|| AppError::not_found("cert-job-not-found"))
}

/// Records a job for a worker to run; one job per template at a time.
async fn queue_job(
    state: &AppState,
    actor: &Actor,
    id: i64,
    send_mail: bool,
) -> Result<Job, AppError> {
    let ctx = for_organiser(state, actor, id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if let Some(job) = queries::latest_job(&mut tx, id).await?
        && !job.finished()
    {
        return Err(AppError::Conflict(Msg::new("cert-job-busy")));
    }
    let job_id = queries::insert_job(&mut tx, ctx.template.id, actor.id, send_mail, now).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "certificate.issue",
        &format!("certificate_template:{id}"),
        if send_mail { "with mail" } else { "" },
        now,
    )
    .await?;
    let job = queries::job(&mut tx, job_id)
        .await?
        .ok_or_else(|| AppError::not_found("cert-job-not-found"))?;
    tx.commit().await?;
    Ok(job)
}

/// How long a worker holds a job between progress updates before another may take it over.
const JOB_LOCK: i64 = 300;
/// Certificates issued (and then e-mailed) per transaction.
const BATCH: usize = 50;

/// Runs job `id` if it is free to claim; false when another worker has it or it is done.
pub async fn run_job(state: &AppState, id: i64) -> Result<bool, AppError> {
    let now = state.clock.now();
    {
        let mut tx = db::begin_write(&state.db).await?;
        if !queries::claim_job(&mut tx, id, now, now + Duration::seconds(JOB_LOCK)).await? {
            return Ok(false);
        }
        tx.commit().await?;
    }
    let result = issue_all(state, id).await;
    let mut conn = state.db.acquire().await?;
    let error = result.as_ref().err().map(|e| format!("{e}"));
    queries::finish_job(&mut conn, id, error.as_deref(), state.clock.now()).await?;
    result.map(|_| true)
}

/// Runs every job that waits for a worker (queued, or left behind by a crashed one), after
/// freezing any certificate that was issued without a snapshot ([`freeze_unfrozen`]).
pub async fn run_due_jobs(state: &AppState) -> Result<usize, AppError> {
    freeze_unfrozen(&state.db, state.clock.now()).await?;
    let due = {
        let mut conn = state.db.acquire().await?;
        queries::due_jobs(&mut conn, state.clock.now()).await?
    };
    let mut ran = 0;
    for id in due {
        if run_job(state, id).await? {
            ran += 1;
        }
    }
    Ok(ran)
}

/// Freezes what the certificates issued before snapshots existed (migration 0011), or by an
/// app server of an older version, say: from their templates as they are now, which is what
/// they showed until now. Runs when the database is migrated and with every round of the jobs
/// worker; returns how many it froze.
pub async fn freeze_unfrozen(
    db: &crate::db::DbPool,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut frozen = 0;
    loop {
        let mut tx = db::begin_write(db).await?;
        let certs = queries::unfrozen(&mut tx, 200).await?;
        if certs.is_empty() {
            break;
        }
        let mut contexts: HashMap<i64, (Context, Option<i64>, Option<i64>)> = HashMap::new();
        for cert in &certs {
            let (ctx, logo, signature) = match contexts.entry(cert.template_id) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(new) => {
                    let template = queries::template(&mut tx, cert.template_id)
                        .await?
                        .ok_or_else(|| AppError::not_found("cert-template-not-found"))?;
                    let ctx = context(&mut tx, template).await?;
                    let images = queries::images(&mut tx, cert.template_id).await?;
                    let (logo, signature) = intern_images(&mut tx, &images, now).await?;
                    new.insert((ctx, logo, signature))
                }
            };
            let s = snapshot(ctx, cert);
            let json = serde_json::to_string(&s).map_err(|e| AppError::Internal(e.into()))?;
            if queries::freeze(&mut tx, cert.id, &json, *logo, *signature).await? {
                frozen += 1;
            }
        }
        tx.commit().await?;
    }
    if frozen > 0 {
        tracing::info!("froze {frozen} certificates issued without a snapshot");
    }
    Ok(frozen)
}

/// Stores the template's logo and signature as issued certificates keep them; their ids.
async fn intern_images(
    conn: &mut DbConn,
    images: &Images,
    now: DateTime<Utc>,
) -> Result<(Option<i64>, Option<i64>), AppError> {
    let mut ids = [None, None];
    for (slot, (kind, bytes)) in ids.iter_mut().zip([
        (images.logo_type.as_deref(), images.logo.as_ref()),
        (images.signature_type.as_deref(), images.signature.as_ref()),
    ]) {
        if let (Some(kind), Some(bytes)) = (kind, bytes) {
            *slot = Some(queries::intern_image(conn, kind, bytes, now).await?);
        }
    }
    Ok((ids[0], ids[1]))
}

async fn issue_all(state: &AppState, job_id: i64) -> Result<(), AppError> {
    let (job, ctx, images, recipients) = {
        let mut conn = state.db.acquire().await?;
        let job = queries::job(&mut conn, job_id)
            .await?
            .ok_or_else(|| AppError::not_found("cert-job-not-found"))?;
        let template = queries::template(&mut conn, job.template_id)
            .await?
            .ok_or_else(|| AppError::not_found("cert-template-not-found"))?;
        let ctx = context(&mut conn, template).await?;
        let images = queries::images(&mut conn, job.template_id).await?;
        let recipients = recipients(&mut conn, &ctx).await?;
        (job, ctx, images, recipients)
    };
    // The images this job's certificates are issued with, stored once before the batches.
    let image_ids = {
        let mut tx = db::begin_write(&state.db).await?;
        let ids = intern_images(&mut tx, &images, state.clock.now()).await?;
        tx.commit().await?;
        ids
    };
    drop(images);
    let ctx = Arc::new(ctx);
    let total = i64::try_from(recipients.len()).unwrap_or(i64::MAX);
    let (mut done, mut issued, mut mailed) = (0i64, 0i64, false);
    for batch in recipients.chunks(BATCH) {
        let now = state.clock.now();
        let mut tx = db::begin_write(&state.db).await?;
        queries::lock_template(&mut tx, ctx.template.id).await?;
        let mut unsent = Vec::new();
        for r in batch {
            let (cert, new) = issue_in(&mut tx, &ctx, image_ids, r, job.requested_by, now).await?;
            issued += i64::from(new);
            if job.send_mail
                && !cert.recipient_email.is_empty()
                && cert.emailed_at.is_none()
                && cert.is_current()
            {
                unsent.push(cert);
            }
            done += 1;
        }
        queries::job_progress(
            &mut tx,
            job_id,
            total,
            done,
            issued,
            now + Duration::seconds(JOB_LOCK),
        )
        .await?;
        tx.commit().await?;
        if !unsent.is_empty() {
            mail_batch(state, &ctx, unsent).await?;
            mailed = true;
        }
    }
    if recipients.is_empty() {
        let mut conn = state.db.acquire().await?;
        queries::job_progress(&mut conn, job_id, 0, 0, 0, state.clock.now()).await?;
    }
    if mailed {
        state.mailer.wake();
    }
    Ok(())
}

/// E-mails each certificate as a PDF attachment, in its recipient's language, as it was issued.
/// The PDFs are rendered outside any transaction, on every core; each certificate is then
/// claimed for its mail (`emailed_at`) in the same transaction that queues the mail, so a job
/// taken over after a crash, or run twice, never sends one twice.
async fn mail_batch(
    state: &AppState,
    ctx: &Arc<Context>,
    certs: Vec<Issued>,
) -> Result<(), AppError> {
    let base_url = state.config.base_url.clone();
    let images = {
        let mut conn = state.db.acquire().await?;
        let refs: Vec<&Issued> = certs.iter().collect();
        ImageSet::load(&mut conn, ctx.template.id, &refs).await?
    };
    let (pdfs, certs) = {
        let ctx = Arc::clone(ctx);
        tokio::task::spawn_blocking(move || {
            let refs: Vec<&Issued> = certs.iter().collect();
            render_all(&ctx, &images, &refs, &base_url).map(|pdfs| (pdfs, certs))
        })
        .await
        .map_err(|e| AppError::Internal(e.into()))??
    };
    let base_url = &state.config.base_url;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    for (cert, pdf) in certs.iter().zip(pdfs) {
        if !queries::claim_mail(&mut tx, cert.id, now).await? {
            continue;
        }
        let lang = cert.lang();
        let s = snapshot(ctx, cert);
        let values = [
            ("name", cert.recipient_name.clone()),
            ("title", s.texts(lang).title.clone()),
            // The event or call as the certificate names it.
            ("event", ctx.owner_title(lang)),
            ("url", format!("{base_url}/verify/{}", cert.code_text())),
            ("me", format!("{base_url}/me/certificates")),
        ];
        let kind = &mail_template::model::CERTIFICATE_ISSUED;
        let letter = match ctx.mail_sender() {
            Some(sender) => {
                mail_template::service::compose(&mut tx, sender, kind, lang, &values).await?
            }
            None => {
                let (subject, body) = kind.default_text(lang, &values);
                mail_template::service::Letter { subject, body }
            }
        };
        mail::enqueue(
            &mut tx,
            &state.config,
            mail::NewMail {
                to_address: &cert.recipient_email,
                to_name: &cert.recipient_name,
                lang,
                subject: &letter.subject,
                body_text: &letter.body,
                attachments: &[Attachment {
                    filename: file_name(ctx, cert),
                    content_type: "application/pdf".into(),
                    data: pdf,
                }],
            },
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The PDFs of `certs`, in order, rendered on every core (about 4 ms a certificate each).
fn render_all(
    ctx: &Context,
    images: &ImageSet,
    certs: &[&Issued],
    base_url: &str,
) -> Result<Vec<Vec<u8>>, AppError> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let part = certs.len().div_ceil(threads).max(1);
    let parts = std::thread::scope(|scope| {
        let workers: Vec<_> = certs
            .chunks(part)
            .map(|certs| {
                scope.spawn(move || {
                    certs
                        .iter()
                        .map(|c| render_issued(ctx, images, c, base_url))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join())
            .collect::<Result<Vec<_>, _>>()
    })
    .map_err(|_| AppError::Internal(anyhow::anyhow!("rendering a certificate panicked")))?;
    Ok(parts.into_iter().flatten().collect())
}

/// `row` with the context of its template (`template_of`) for one of the template's
/// organisers; `not_found` for everyone else, as if the row did not exist.
async fn of_organised_template<T>(
    state: &AppState,
    actor: &Actor,
    row: Option<T>,
    template_of: impl Fn(&T) -> i64,
    not_found: &'static str,
) -> Result<(Context, T), AppError> {
    let row = row.ok_or_else(|| AppError::not_found(not_found))?;
    let ctx = for_organiser(state, actor, template_of(&row))
        .await
        .map_err(|_| AppError::not_found(not_found))?;
    Ok((ctx, row))
}

/// A job of a template the actor organises.
pub async fn job_for_organiser(
    state: &AppState,
    actor: &Actor,
    job_id: i64,
) -> Result<(Context, Job), AppError> {
    let job = {
        let mut conn = state.db.acquire().await?;
        queries::job(&mut conn, job_id).await?
    };
    of_organised_template(state, actor, job, |j| j.template_id, "cert-job-not-found").await
}

/// A template with what it issued and its latest job (whether it has images is on the template;
/// the images themselves are loaded only to render).
pub struct TemplateView {
    pub ctx: Context,
    pub issued: Vec<Issued>,
    pub job: Option<Job>,
    /// How many would receive one if issued now.
    pub recipients: usize,
}

impl TemplateView {
    /// The serial of the certificate that replaced `cert` (re-issues stay with their template).
    pub fn superseded_by(&self, cert: &Issued) -> Option<String> {
        let by = cert.superseded_by?;
        self.issued
            .iter()
            .find(|c| c.id == by)
            .map(|c| serial_text(&self.ctx, c))
    }
}

pub async fn view(state: &AppState, actor: &Actor, id: i64) -> Result<TemplateView, AppError> {
    let ctx = for_organiser(state, actor, id).await?;
    let mut conn = state.db.acquire().await?;
    let issued = queries::issued_of_template(&mut conn, id).await?;
    let job = queries::latest_job(&mut conn, id).await?;
    let recipients = recipients(&mut conn, &ctx).await?.len();
    Ok(TemplateView {
        ctx,
        issued,
        job,
        recipients,
    })
}

/// A certificate of a template the actor organises.
async fn issued_for_organiser(
    state: &AppState,
    actor: &Actor,
    id: i64,
) -> Result<(Context, Issued), AppError> {
    let cert = {
        let mut conn = state.db.acquire().await?;
        queries::issued(&mut conn, id).await?
    };
    of_organised_template(state, actor, cert, |c| c.template_id, "cert-not-found").await
}

/// The template a certificate of the actor's was issued from.
pub async fn template_of(state: &AppState, actor: &Actor, id: i64) -> Result<i64, AppError> {
    let (ctx, _) = issued_for_organiser(state, actor, id).await?;
    Ok(ctx.template.id)
}

/// The event's agenda sessions (id, German and English title), for the attendance choice.
pub async fn sessions(
    state: &AppState,
    event: &Event,
) -> Result<Vec<(crate::ids::SessionId, String, String)>, AppError> {
    let mut conn = state.db.acquire().await?;
    Ok(queries::sessions_of_event(&mut conn, event.id).await?)
}

/// Revokes a certificate with a reason (kept for the organisers; the verify page says only
/// that and when it was revoked).
pub async fn revoke(
    state: &AppState,
    actor: &Actor,
    id: i64,
    reason: &str,
) -> Result<(Context, Issued), AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::field("reason", "cert-revoke-reason-required"));
    }
    if reason.chars().count() > 500 {
        return Err(AppError::Invalid(FieldErrors::one(
            "reason",
            Msg::new("valid-too-long").arg("max", 500),
        )));
    }
    let (ctx, _) = issued_for_organiser(state, actor, id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    if !queries::revoke(&mut tx, id, reason, now).await? {
        return Err(AppError::Conflict(Msg::new("cert-already-revoked")));
    }
    audit::record(
        &mut tx,
        Some(actor.id),
        "certificate.revoke",
        &format!("certificate:{id}"),
        reason,
        now,
    )
    .await?;
    let cert = queries::issued(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::not_found("cert-not-found"))?;
    tx.commit().await?;
    Ok((ctx, cert))
}

/// Re-issues a certificate (organisers): a new certificate with a new serial and code, from the
/// template as it is now and the recipient's facts as they stand now (a corrected name, say).
/// A valid certificate is marked superseded by the new one; a revoked one stays revoked. Either
/// keeps saying what it said when it was issued. Refused when it was re-issued already or its
/// subject no longer receives one of this template. With `send_mail`, the new one is e-mailed.
/// Returns the new certificate.
pub async fn reissue(
    state: &AppState,
    actor: &Actor,
    id: i64,
    send_mail: bool,
) -> Result<(Context, Issued), AppError> {
    let (ctx, _) = issued_for_organiser(state, actor, id).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_template(&mut tx, ctx.template.id).await?;
    // Read again under the template's lock: the template and the certificate as they are now.
    let old = queries::issued(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::not_found("cert-not-found"))?;
    let template = queries::template(&mut tx, ctx.template.id)
        .await?
        .ok_or_else(|| AppError::not_found("cert-not-found"))?;
    let ctx = context(&mut tx, template).await?;
    if let Some(by) = old.superseded_by {
        let serial = match queries::issued(&mut tx, by).await? {
            Some(new) => serial_text(&ctx, &new),
            None => String::new(),
        };
        return Err(AppError::Conflict(
            Msg::new("cert-already-superseded").arg("serial", serial),
        ));
    }
    let recipient = recipients(&mut tx, &ctx)
        .await?
        .into_iter()
        .find(|r| r.subject == old.subject)
        .ok_or_else(|| AppError::Conflict(Msg::new("cert-reissue-no-recipient")))?;
    let images = queries::images(&mut tx, ctx.template.id).await?;
    let image_ids = intern_images(&mut tx, &images, now).await?;
    if !queries::mark_superseded(&mut tx, old.id, now).await? {
        return Err(AppError::Conflict(
            Msg::new("cert-already-superseded").arg("serial", ""),
        ));
    }
    let (new, _) = issue_in(&mut tx, &ctx, image_ids, &recipient, Some(actor.id), now).await?;
    queries::set_superseded_by(&mut tx, old.id, new.id).await?;
    let old_serial = serial_text(&ctx, &old);
    let new_serial = serial_text(&ctx, &new);
    audit::record(
        &mut tx,
        Some(actor.id),
        "certificate.reissue",
        &format!("certificate:{}", old.id),
        &format!("{old_serial} → {new_serial} (certificate:{})", new.id),
        now,
    )
    .await?;
    tx.commit().await?;
    let ctx = Arc::new(ctx);
    if send_mail && !new.recipient_email.is_empty() {
        mail_batch(state, &ctx, vec![new.clone()]).await?;
        state.mailer.wake();
    }
    let mut conn = state.db.acquire().await?;
    let new = queries::issued(&mut conn, new.id)
        .await?
        .ok_or_else(|| AppError::not_found("cert-not-found"))?;
    Ok((Arc::unwrap_or_clone(ctx), new))
}

/// The template and owner of an issued certificate.
async fn context_of(conn: &mut DbConn, cert: &Issued) -> Result<Context, AppError> {
    let template = queries::template(conn, cert.template_id)
        .await?
        .ok_or_else(|| AppError::not_found("cert-not-found"))?;
    context(conn, template).await
}

/// The file name and PDF of a certificate, as it was issued.
async fn pdf_file(
    state: &AppState,
    ctx: &Context,
    cert: &Issued,
) -> Result<(String, Vec<u8>), AppError> {
    let images = {
        let mut conn = state.db.acquire().await?;
        ImageSet::load(&mut conn, ctx.template.id, &[cert]).await?
    };
    let pdf = render_issued(ctx, &images, cert, &state.config.base_url);
    Ok((file_name(ctx, cert), pdf))
}

/// The PDF of a certificate, for an organiser of its template.
pub async fn pdf_for_organiser(
    state: &AppState,
    actor: &Actor,
    id: i64,
) -> Result<(String, Vec<u8>), AppError> {
    let (ctx, cert) = issued_for_organiser(state, actor, id).await?;
    pdf_file(state, &ctx, &cert).await
}

/// The PDF of one's own certificate (not revoked; a superseded one still opens as it was
/// issued); `NotFound` for anyone else's.
pub async fn pdf_for_recipient(
    state: &AppState,
    actor: &Actor,
    id: i64,
) -> Result<(String, Vec<u8>), AppError> {
    let (cert, ctx) = {
        let mut conn = state.db.acquire().await?;
        let cert = queries::issued(&mut conn, id)
            .await?
            .filter(|c| c.account_id == Some(actor.id) && c.revoked_at.is_none())
            .ok_or_else(|| AppError::not_found("cert-not-found"))?;
        let ctx = context_of(&mut conn, &cert).await?;
        (cert, ctx)
    };
    pdf_file(state, &ctx, &cert).await
}

/// Every current certificate of a template (neither revoked nor superseded) as one ZIP of PDFs.
pub async fn zip_for_organiser(
    state: &AppState,
    actor: &Actor,
    id: i64,
) -> Result<(String, Vec<u8>), AppError> {
    let ctx = for_organiser(state, actor, id).await?;
    let issued: Vec<Issued> = {
        let mut conn = state.db.acquire().await?;
        queries::issued_of_template(&mut conn, id).await?
    }
    .into_iter()
    .filter(Issued::is_current)
    .collect();
    let images = {
        let mut conn = state.db.acquire().await?;
        let refs: Vec<&Issued> = issued.iter().collect();
        ImageSet::load(&mut conn, id, &refs).await?
    };
    let base_url = state.config.base_url.clone();
    let name = format!("certificates-{}.zip", ctx.template.serial_prefix);
    let bytes = tokio::task::spawn_blocking(move || -> Result<Vec<u8>, AppError> {
        let valid: Vec<&Issued> = issued.iter().collect();
        let pdfs = render_all(&ctx, &images, &valid, &base_url)?;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (cert, pdf) in valid.iter().zip(pdfs) {
            zip.start_file(file_name(&ctx, cert), options)
                .map_err(|e| AppError::Internal(e.into()))?;
            zip.write_all(&pdf)
                .map_err(|e| AppError::Internal(e.into()))?;
        }
        let cursor = zip.finish().map_err(|e| AppError::Internal(e.into()))?;
        Ok(cursor.into_inner())
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))??;
    Ok((name, bytes))
}

/// One's own current certificates (revoked ones too, marked as such; not those a re-issue
/// replaced), newest first.
pub async fn mine(state: &AppState, actor: &Actor) -> Result<Vec<(Issued, Context)>, AppError> {
    let mut conn = state.db.acquire().await?;
    let issued = queries::issued_to(&mut conn, actor.id).await?;
    // Most of one's certificates share a few templates: load each template's context once.
    let mut contexts: HashMap<i64, Context> = HashMap::new();
    let mut out = Vec::with_capacity(issued.len());
    for cert in issued.into_iter().filter(|c| c.superseded_at.is_none()) {
        let ctx = match contexts.get(&cert.template_id) {
            Some(ctx) => ctx.clone(),
            None => {
                let ctx = context_of(&mut conn, &cert).await?;
                contexts.insert(cert.template_id, ctx.clone());
                ctx
            }
        };
        out.push((cert, ctx));
    }
    Ok(out)
}

/// A certificate found by its code, as the public verify page shows it.
pub struct Verification {
    pub cert: Issued,
    pub ctx: Context,
    /// What it says, as it was issued.
    pub snapshot: Snapshot,
    /// The serial of the certificate that replaced it.
    pub superseded_by: Option<String>,
}

/// A certificate by its code, as the public verify page shows it. Unknown and malformed codes
/// are `NotFound` alike.
pub async fn verify(state: &AppState, code: &str) -> Result<Verification, AppError> {
    let code = model::normalise_code(code).ok_or_else(|| AppError::not_found("cert-not-found"))?;
    let mut conn = state.db.acquire().await?;
    let cert = queries::issued_by_code(&mut conn, &code)
        .await?
        .ok_or_else(|| AppError::not_found("cert-not-found"))?;
    let ctx = context_of(&mut conn, &cert).await?;
    let superseded_by = match cert.superseded_by {
        Some(by) => queries::issued(&mut conn, by)
            .await?
            .map(|new| serial_text(&ctx, &new)),
        None => None,
    };
    let snapshot = snapshot(&ctx, &cert);
    Ok(Verification {
        cert,
        ctx,
        snapshot,
        superseded_by,
    })
}

/// What a certificate says it is for, in `lang`, as it was issued.
pub fn what_for(ctx: &Context, cert: &Issued, lang: Lang) -> Vec<String> {
    snapshot(ctx, cert).texts(lang).what.clone()
}

/// A day as certificates and pages show it.
pub fn day_text(lang: Lang, tz: Tz, t: DateTime<Utc>) -> String {
    let d: NaiveDate = t.with_timezone(&tz).date_naive();
    fmt::date_range(lang, d, d)
}

/// The template's certificate for `r`: the latest one issued for the same subject (current, or
/// revoked: a revoked one is replaced only by an explicit [`reissue`]), or a new one with the
/// next serial, a fresh code and what it says frozen (true). The caller holds the template's
/// lock; `images` are the ids of the template's logo and signature as stored for certificates.
async fn issue_in(
    conn: &mut DbConn,
    ctx: &Context,
    images: (Option<i64>, Option<i64>),
    r: &Recipient,
    by: Option<AccountId>,
    now: DateTime<Utc>,
) -> Result<(Issued, bool), AppError> {
    let template_id = ctx.template.id;
    if let Some(cert) = queries::issued_for_subject(conn, template_id, &r.subject).await?
        && cert.superseded_at.is_none()
    {
        return Ok((cert, false));
    }
    let serial = queries::take_serial(conn, template_id).await?;
    let code = model::new_code();
    let facts = serde_json::to_string(&r.facts).unwrap_or_else(|_| "{}".into());
    let snapshot = snapshot_of(ctx, &r.name, &r.organisation, &r.facts, serial, now);
    let snapshot = serde_json::to_string(&snapshot).map_err(|e| AppError::Internal(e.into()))?;
    let new = NewIssued {
        template_id,
        serial,
        code: &code,
        account_id: r.account_id,
        subject: &r.subject,
        recipient_name: &r.name,
        recipient_email: &r.email,
        organisation: &r.organisation,
        language: r.language.code(),
        facts: &facts,
        issued_by: by,
        snapshot: &snapshot,
        logo_image_id: images.0,
        signature_image_id: images.1,
    };
    let id = queries::insert_issued(conn, &new, now)
        .await
        .on_unique_violation(|| AppError::Conflict(Msg::new("cert-already-issued")))?;
    let scope = match (ctx.template.event_id, ctx.template.call_id) {
        (Some(e), _) => Some(crate::account::Scope::Event(e.0)),
        (None, Some(c)) => Some(crate::account::Scope::Call(c)),
        (None, None) => None,
    };
    if let Some(scope) = scope {
        crate::webhook::service::emit(
            conn,
            scope,
            crate::webhook::model::Topic::CertificateIssued,
            serde_json::json!({
                "certificate": {
                    "id": id,
                    "serial": serial,
                    "recipient_name": r.name,
                    "recipient_email": r.email,
                    "verify_path": format!("/verify/{}", model::code_text(&code)),
                    "issued_at": now,
                }
            }),
            now,
        )
        .await?;
    }
    let cert = Issued {
        id,
        template_id,
        serial,
        code,
        account_id: r.account_id,
        subject: r.subject.clone(),
        recipient_name: r.name.clone(),
        recipient_email: r.email.clone(),
        organisation: r.organisation.clone(),
        language: r.language.code().to_string(),
        facts,
        issued_at: now,
        issued_by: by,
        emailed_at: None,
        revoked_at: None,
        revoked_reason: String::new(),
        snapshot,
        logo_image_id: images.0,
        signature_image_id: images.1,
        superseded_at: None,
        superseded_by: None,
    };
    Ok((cert, true))
}

/// Issues one certificate now, outside a job (seeding and tests of single cases); returns its
/// id, or the existing one's for the same subject.
pub async fn issue_one(
    state: &AppState,
    template_id: i64,
    r: &Recipient,
    by: Option<AccountId>,
) -> Result<i64, AppError> {
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    queries::lock_template(&mut tx, template_id).await?;
    let template = queries::template(&mut tx, template_id)
        .await?
        .ok_or_else(|| AppError::not_found("cert-template-not-found"))?;
    let ctx = context(&mut tx, template).await?;
    let images = queries::images(&mut tx, template_id).await?;
    let image_ids = intern_images(&mut tx, &images, now).await?;
    let (cert, _) = issue_in(&mut tx, &ctx, image_ids, r, by, now).await?;
    tx.commit().await?;
    Ok(cert.id)
}
