//! Notifications: the mails about requests and meetings.

use super::*;
use crate::matchmaking::model::table_label;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    Received,
    Accepted,
    Declined,
    Scheduled,
    Moved,
    Cancelled,
}

impl NoteKind {
    fn mail(self) -> &'static crate::mail_template::model::Kind {
        use crate::mail_template::model as mails;
        match self {
            NoteKind::Received => &mails::MATCHMAKING_RECEIVED,
            NoteKind::Accepted => &mails::MATCHMAKING_ACCEPTED,
            NoteKind::Declined => &mails::MATCHMAKING_DECLINED,
            NoteKind::Scheduled => &mails::MATCHMAKING_SCHEDULED,
            NoteKind::Moved => &mails::MATCHMAKING_MOVED,
            NoteKind::Cancelled => &mails::MATCHMAKING_CANCELLED,
        }
    }
}

/// One e-mail to one person about one request or meeting.
#[derive(Debug, Clone)]
pub(super) struct Note {
    to: Profile,
    kind: NoteKind,
    #[allow(dead_code)]
    request: i64,
    partner: Option<Profile>,
    message: String,
    pub(super) meeting: Option<Meeting>,
}

impl Note {
    pub(super) fn new(to: &Profile, kind: NoteKind, request: i64) -> Self {
        Note {
            to: to.clone(),
            kind,
            request,
            partner: None,
            message: String::new(),
            meeting: None,
        }
    }

    pub(super) fn with_partner(mut self, partner: &Profile) -> Self {
        self.partner = Some(partner.clone());
        self
    }

    pub(super) fn message(mut self, m: &str) -> Self {
        self.message = m.to_string();
        self
    }
}

/// Both people of a meeting are told where and when it is.
pub(super) fn scheduled_notes(world: &World, m: &Meeting, kind: NoteKind) -> Vec<Note> {
    [m.from_profile, m.to_profile]
        .into_iter()
        .filter_map(|p| {
            let to = world.profile(p)?;
            let mut note = Note::new(to, kind, m.request_id);
            if let Some(partner) = world.profile(m.other(p)) {
                note = note.with_partner(partner);
            }
            note.meeting = Some(m.clone());
            Some(note)
        })
        .collect()
}

/// The calendar entry of a meeting, as one person sees it.
pub fn meeting_item(
    state: &AppState,
    world: &World,
    m: &Meeting,
    partner: Option<&Profile>,
    lang: Lang,
) -> crate::calendar::render::Item {
    let t = lang.tr();
    let partner_name = partner.map(|p| p.name.clone()).unwrap_or_default();
    let organisation = partner.map(|p| p.organisation.clone()).unwrap_or_default();
    let table = world.table_name(m.session_id, m.table_no);
    let session = world.session(m.session_id);
    crate::calendar::render::Item {
        uid: format!("mm-meeting-{}@{}", m.id, state.config.uid_host()),
        sequence: u32::try_from(m.sequence).unwrap_or(0),
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        summary: t.msg_args("mm-calendar-summary", &[("name", partner_name.clone())]),
        description: t.msg_args(
            "mm-calendar-description",
            &[
                ("name", partner_name),
                ("organisation", organisation),
                ("table", table_label(lang, &table)),
                ("event", world.event.title(lang).to_string()),
            ],
        ),
        location: format!(
            "{}, {}",
            table_label(lang, &table),
            session
                .map(|s| s.title(lang).to_string())
                .unwrap_or_default()
        ),
        url: state
            .config
            .url(&format!("/events/{}/matchmaking", world.event.slug)),
        cancelled: m.cancelled_at.is_some(),
        last_modified: m.updated_at,
    }
}

pub(super) async fn send_notes(
    state: &AppState,
    conn: &mut DbConn,
    world: &World,
    notes: &[Note],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for note in notes {
        let lang = note.to.lang();
        let partner = note.partner.as_ref();
        let mut args: Vec<(&str, String)> = vec![
            ("name", note.to.name.clone()),
            ("event", world.event.title(lang).to_string()),
            (
                "partner",
                partner.map(|p| p.name.clone()).unwrap_or_default(),
            ),
            (
                "organisation",
                partner.map(|p| p.organisation.clone()).unwrap_or_default(),
            ),
            ("message", note.message.clone()),
            (
                "link",
                state
                    .config
                    .url(&format!("/events/{}/matchmaking", world.event.slug)),
            ),
        ];
        let mut attachments = Vec::new();
        if let Some(m) = &note.meeting {
            args.push((
                "time",
                crate::http::fmt::when(lang, world.event.tz(), m.starts_at, m.ends_at),
            ));
            args.push((
                "table",
                table_label(lang, &world.table_name(m.session_id, m.table_no)),
            ));
            let item = meeting_item(state, world, m, partner, lang);
            attachments.push(crate::mail::Attachment {
                filename: format!("meeting-{}.ics", m.id),
                content_type: "text/calendar; charset=utf-8".into(),
                data: crate::calendar::render::calendar(world.event.title(lang), &[item], now)
                    .into_bytes(),
            });
        }
        let letter = crate::mail_template::service::compose(
            conn,
            crate::mail_template::service::Sender::Event(world.event.id),
            note.kind.mail(),
            lang,
            &args,
        )
        .await?;
        crate::mail::enqueue(
            conn,
            &state.config,
            crate::mail::NewMail {
                to_address: &note.to.email,
                to_name: &note.to.name,
                lang,
                subject: &letter.subject,
                body_text: &letter.body,
                attachments: &attachments,
            },
            now,
        )
        .await?;
    }
    Ok(())
}
