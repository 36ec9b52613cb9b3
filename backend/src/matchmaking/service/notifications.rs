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
    fn ids(self) -> (&'static str, &'static str) {
        match self {
            NoteKind::Received => ("mm-mail-received-subject", "mm-mail-received-body"),
            NoteKind::Accepted => ("mm-mail-accepted-subject", "mm-mail-accepted-body"),
            NoteKind::Declined => ("mm-mail-declined-subject", "mm-mail-declined-body"),
            NoteKind::Scheduled => ("mm-mail-scheduled-subject", "mm-mail-scheduled-body"),
            NoteKind::Moved => ("mm-mail-moved-subject", "mm-mail-moved-body"),
            NoteKind::Cancelled => ("mm-mail-cancelled-subject", "mm-mail-cancelled-body"),
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
        let t = lang.tr();
        let (subject_id, body_id) = note.kind.ids();
        let partner = note.partner.as_ref();
        let mut args: Vec<(&str, String)> = vec![
            ("event", world.event.title(lang).to_string()),
            ("name", partner.map(|p| p.name.clone()).unwrap_or_default()),
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
        let subject = t.msg_args(subject_id, &args);
        let body = format!(
            "{}\n\n{}\n",
            t.msg_args("mail-greeting", &[("name", note.to.name.clone())]),
            t.msg_args(body_id, &args)
        );
        crate::mail::enqueue(
            conn,
            &state.config,
            crate::mail::NewMail {
                to_address: &note.to.email,
                to_name: &note.to.name,
                lang: t.lang,
                subject: &subject,
                body_text: &body,
                attachments: &attachments,
            },
            now,
        )
        .await?;
    }
    Ok(())
}
