//! JSON API for matchmaking: the same services as the pages. Participants manage their profile
//! and entries, browse profiles and suggestions, send and answer requests and pick slots, and
//! list their meetings; organisers set matchmaking up, see every meeting, move, cancel and add
//! meetings, run the scheduler and lock the schedule.

use chrono::{DateTime, Utc};
use poem::web::Data;
use poem_openapi::param::{Path, Query};
use poem_openapi::payload::Json;
use poem_openapi::{Object, OpenApi};

use super::model::{
    Audience, Entry, EntryInput, EntryKind, Meeting, Profile, ProfileInput, Request, RequestStatus,
    SessionInput, Settings, SettingsInput, Topic,
};
use super::service::{self, Filter, Me, Pick, World};
use crate::error::AppError;
use crate::http::api::{ApiAuth, ApiError, ApiTags, Created, CreatedBody};
use crate::state::AppState;

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingEntry")]
pub struct EntryBody {
    pub id: i64,
    pub kind: EntryKind,
    pub title: String,
    pub body: String,
}

impl From<&Entry> for EntryBody {
    fn from(e: &Entry) -> Self {
        EntryBody {
            id: e.id,
            kind: e.kind,
            title: e.title.clone(),
            body: e.body.clone(),
        }
    }
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingTopic")]
pub struct TopicBody {
    pub id: i64,
    pub name_de: String,
    pub name_en: String,
}

impl From<&Topic> for TopicBody {
    fn from(t: &Topic) -> Self {
        TopicBody {
            id: t.id,
            name_de: t.name_de.clone(),
            name_en: t.name_en.clone(),
        }
    }
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingProfile")]
pub struct ProfileBody {
    pub id: i64,
    pub name: String,
    pub organisation: String,
    /// ISO 3166-1 alpha-2, or empty.
    pub country: String,
    pub description: String,
    pub topics: Vec<TopicBody>,
    pub entries: Vec<EntryBody>,
    /// Hidden profiles are shown only to their owner and the organisers.
    pub hidden: bool,
}

fn profile_body(world: &World, p: &Profile) -> ProfileBody {
    ProfileBody {
        id: p.id,
        name: p.name.clone(),
        organisation: p.organisation.clone(),
        country: p.country.clone(),
        description: p.description.clone(),
        topics: world
            .topics_of(p.id)
            .into_iter()
            .map(TopicBody::from)
            .collect(),
        entries: world
            .entries_of(p.id)
            .into_iter()
            .map(EntryBody::from)
            .collect(),
        hidden: p.hidden,
    }
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingProfileInput")]
pub struct ProfileInputBody {
    pub organisation: String,
    #[oai(default)]
    pub country: String,
    #[oai(default)]
    pub description: String,
    /// Topic ids of the event's topics.
    #[oai(default)]
    pub topics: Vec<i64>,
    #[oai(default)]
    pub hidden: bool,
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingEntryInput")]
pub struct EntryInputBody {
    pub kind: EntryKind,
    pub title: String,
    #[oai(default)]
    pub body: String,
}

impl From<EntryInputBody> for EntryInput {
    fn from(b: EntryInputBody) -> Self {
        EntryInput {
            kind: b.kind.as_str().into(),
            title: b.title,
            body: b.body,
        }
    }
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingSuggestion")]
pub struct SuggestionBody {
    pub profile: ProfileBody,
    pub score: u32,
    /// Why, in the caller's language.
    pub reasons: Vec<String>,
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingMeeting")]
pub struct MeetingBody {
    pub id: i64,
    pub request_id: i64,
    pub session_id: i64,
    pub slot: i64,
    /// From 0, in the session's table list.
    pub table: i64,
    pub table_name: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Profile ids of the two people.
    pub people: Vec<i64>,
}

fn meeting_body(world: &World, m: &Meeting) -> MeetingBody {
    MeetingBody {
        id: m.id,
        request_id: m.request_id,
        session_id: m.session_id,
        slot: m.slot,
        table: m.table_no,
        table_name: world.table_name(m.session_id, m.table_no),
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        people: vec![m.from_profile, m.to_profile],
    }
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "MatchmakingRequest")]
pub struct RequestBody {
    pub id: i64,
    pub from_profile: i64,
    pub to_profile: i64,
    pub message: String,
    pub status: RequestStatus,
    /// The decline or cancel reason.
    pub reason: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The meeting, once it has a slot.
    pub meeting: Option<MeetingBody>,
}

fn request_body(world: &World, r: &Request) -> RequestBody {
    RequestBody {
        id: r.id,
        from_profile: r.from_profile,
        to_profile: r.to_profile,
        message: r.message.clone(),
        status: r.status,
        reason: r.reason.clone(),
        created_at: r.created_at,
        updated_at: r.updated_at,
        meeting: world
            .meeting_of_request(r.id)
            .map(|m| meeting_body(world, m)),
    }
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingRequestInput")]
pub struct RequestInputBody {
    /// The profile to meet.
    pub to_profile: i64,
    #[oai(default)]
    pub message: String,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "MatchmakingAccept")]
pub struct AcceptBody {
    /// auto (the first slot both are free in; the default), later (no slot now), or slot
    /// (then `session_id` and `slot`).
    #[oai(default)]
    pub pick: String,
    pub session_id: Option<i64>,
    pub slot: Option<i64>,
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingReason")]
pub struct ReasonBody {
    #[oai(default)]
    pub reason: String,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "MatchmakingPlace")]
pub struct PlaceBody {
    pub session_id: i64,
    pub slot: i64,
    /// A table index; none: the first free table.
    pub table: Option<i64>,
}

#[derive(Object, Debug)]
#[oai(skip_serializing_if_is_none)]
#[oai(rename = "MatchmakingNewMeeting")]
pub struct NewMeetingBody {
    /// Two profile ids.
    pub people: Vec<i64>,
    pub session_id: i64,
    pub slot: i64,
    pub table: Option<i64>,
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingSlot")]
pub struct SlotBody {
    pub session_id: i64,
    pub slot: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Tables still free in this slot.
    pub free_tables: i64,
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingSettings")]
pub struct SettingsBody {
    pub enabled: bool,
    pub acceptance_required: bool,
    pub audience: Audience,
    pub max_per_person: i64,
    pub locked: bool,
}

impl From<Settings> for SettingsBody {
    fn from(s: Settings) -> Self {
        SettingsBody {
            enabled: s.enabled,
            acceptance_required: s.acceptance_required,
            audience: s.audience,
            max_per_person: s.max_per_person,
            locked: s.locked,
        }
    }
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingSettingsInput")]
pub struct SettingsInputBody {
    pub enabled: bool,
    #[oai(default = "yes")]
    pub acceptance_required: bool,
    pub audience: Audience,
    pub max_per_person: i64,
}

fn yes() -> bool {
    true
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingSessionInput")]
pub struct SessionInputBody {
    /// The agenda session the meetings take place in.
    pub agenda_session_id: i64,
    pub slot_minutes: i64,
    #[oai(default)]
    pub gap_minutes: i64,
    /// Table names; or one number ("12") for that many numbered tables.
    pub tables: Vec<String>,
    /// Breaks in the event's local time, "HH:MM-HH:MM".
    #[oai(default)]
    pub breaks: Vec<String>,
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingTopicInput")]
pub struct TopicInputBody {
    pub name_de: String,
    #[oai(default)]
    pub name_en: String,
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingLock")]
pub struct LockBody {
    pub locked: bool,
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingSchedulerRun")]
pub struct RunBody {
    pub placed: i64,
    /// Accepted requests left without a slot, with the reason (e.g. NoCommonFreeSlot).
    pub unplaced: Vec<UnplacedBody>,
}

#[derive(Object, Debug)]
#[oai(rename = "MatchmakingUnplaced")]
pub struct UnplacedBody {
    pub request_id: i64,
    pub reason: String,
}

pub struct MatchmakingApi;

async fn world_of(state: &AppState, auth: &ApiAuth, slug: &str) -> Result<(World, Me), ApiError> {
    Ok(service::world(state, auth.actor(), slug).await?)
}

#[OpenApi(tag = "ApiTags::Matchmaking")]
impl MatchmakingApi {
    /// The caller's own matchmaking profile at an event
    #[oai(
        path = "/events/:slug/matchmaking/profile",
        method = "get",
        operation_id = "get_matchmaking_profile"
    )]
    async fn own_profile(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<ProfileBody>, ApiError> {
        let (world, me) = world_of(&state, &auth, &slug.0).await?;
        let p = me
            .profile
            .as_ref()
            .ok_or_else(|| AppError::not_found("mm-profile-not-found"))?;
        Ok(Json(profile_body(&world, p)))
    }

    /// Creates or updates the caller's profile (taking part in matchmaking)
    #[oai(
        path = "/events/:slug/matchmaking/profile",
        method = "put",
        operation_id = "put_matchmaking_profile"
    )]
    async fn put_profile(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<ProfileInputBody>,
    ) -> Result<Json<ProfileBody>, ApiError> {
        let b = body.0;
        let input = ProfileInput {
            organisation: b.organisation,
            country: b.country,
            description: b.description,
            topics: b.topics.iter().map(ToString::to_string).collect(),
            hidden: b.hidden,
        };
        let p = service::save_profile(&state, auth.actor(), &slug.0, &input).await?;
        let (world, _) = world_of(&state, &auth, &slug.0).await?;
        Ok(Json(profile_body(&world, &p)))
    }

    /// The event's topics
    #[oai(
        path = "/events/:slug/matchmaking/topics",
        method = "get",
        operation_id = "list_matchmaking_topics"
    )]
    async fn topics(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<Vec<TopicBody>>, ApiError> {
        let (world, _) = world_of(&state, &auth, &slug.0).await?;
        Ok(Json(world.topics.iter().map(TopicBody::from).collect()))
    }

    /// Adds a topic (organisers)
    #[oai(
        path = "/events/:slug/matchmaking/topics",
        method = "post",
        operation_id = "add_matchmaking_topic"
    )]
    async fn add_topic(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<TopicInputBody>,
    ) -> Result<Created<TopicBody>, ApiError> {
        let t = service::add_topic(
            &state,
            auth.actor(),
            &slug.0,
            &body.0.name_de,
            &body.0.name_en,
        )
        .await?;
        let path = format!("/events/{}/matchmaking/topics/{}", slug.0, t.id);
        Ok(Created::at(TopicBody::from(&t), path))
    }

    /// One topic of the event
    #[oai(
        path = "/events/:slug/matchmaking/topics/:id",
        method = "get",
        operation_id = "get_matchmaking_topic"
    )]
    async fn topic(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<TopicBody>, ApiError> {
        let (world, _) = world_of(&state, &auth, &slug.0).await?;
        world
            .topics
            .iter()
            .find(|t| t.id == id.0)
            .map(|t| Json(TopicBody::from(t)))
            .ok_or_else(|| AppError::not_found("error-not-found").into())
    }

    /// The profiles the caller may see, filtered by topic id, country, entry kind and text
    #[oai(
        path = "/events/:slug/matchmaking/profiles",
        method = "get",
        operation_id = "list_matchmaking_profiles"
    )]
    #[allow(clippy::too_many_arguments)]
    async fn profiles(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        topic: Query<Option<i64>>,
        country: Query<Option<String>>,
        kind: Query<Option<EntryKind>>,
        q: Query<Option<String>>,
    ) -> Result<Json<Vec<ProfileBody>>, ApiError> {
        let (world, me) = world_of(&state, &auth, &slug.0).await?;
        let filter = Filter {
            topic: topic.0,
            country: country.0.map(|c| c.trim().to_uppercase()),
            kind: kind.0,
            text: q.0,
        };
        let found = service::browse(&world, &me, &filter)?;
        Ok(Json(
            found.into_iter().map(|p| profile_body(&world, p)).collect(),
        ))
    }

    /// One profile the caller may see
    #[oai(
        path = "/events/:slug/matchmaking/profiles/:id",
        method = "get",
        operation_id = "get_matchmaking_profile_by_id"
    )]
    async fn profile(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<ProfileBody>, ApiError> {
        let (world, me) = world_of(&state, &auth, &slug.0).await?;
        let p = service::visible_profile(&world, &me, id.0)?;
        Ok(Json(profile_body(&world, p)))
    }

    /// Suggested partners for the caller, best first
    #[oai(
        path = "/events/:slug/matchmaking/suggestions",
        method = "get",
        operation_id = "list_matchmaking_suggestions"
    )]
    async fn suggestions(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<Vec<SuggestionBody>>, ApiError> {
        let (world, me) = world_of(&state, &auth, &slug.0).await?;
        let lang = auth.actor().language;
        let list = service::suggestions(&world, &me, 20)?;
        Ok(Json(
            list.into_iter()
                .filter_map(|s| {
                    let p = world.profile(s.profile)?;
                    Some(SuggestionBody {
                        profile: profile_body(&world, p),
                        score: s.score,
                        reasons: s
                            .why
                            .iter()
                            .map(|w| super::pages::why_text(&world, lang, w))
                            .collect(),
                    })
                })
                .collect(),
        ))
    }

    /// Adds a marketplace entry to the caller's profile
    #[oai(
        path = "/events/:slug/matchmaking/entries",
        method = "post",
        operation_id = "add_matchmaking_entry"
    )]
    async fn add_entry(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<EntryInputBody>,
    ) -> Result<Created<EntryBody>, ApiError> {
        let e = service::add_entry(&state, auth.actor(), &slug.0, &body.0.into()).await?;
        let path = format!("/events/{}/matchmaking/entries/{}", slug.0, e.id);
        Ok(Created::at(EntryBody::from(&e), path))
    }

    /// One marketplace entry of a profile the caller may see
    #[oai(
        path = "/events/:slug/matchmaking/entries/:id",
        method = "get",
        operation_id = "get_matchmaking_entry"
    )]
    async fn entry(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<EntryBody>, ApiError> {
        let (world, me) = world_of(&state, &auth, &slug.0).await?;
        let entry = world
            .entries
            .iter()
            .find(|e| e.id == id.0)
            .ok_or_else(|| AppError::not_found("error-not-found"))?;
        // Seen with its profile, or not at all.
        service::visible_profile(&world, &me, entry.profile_id)
            .map_err(|_| AppError::not_found("error-not-found"))?;
        Ok(Json(EntryBody::from(entry)))
    }

    /// Changes one of the caller's entries
    #[oai(
        path = "/events/:slug/matchmaking/entries/:id",
        method = "put",
        operation_id = "update_matchmaking_entry"
    )]
    async fn update_entry(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<EntryInputBody>,
    ) -> Result<Json<EntryBody>, ApiError> {
        let e = service::update_entry(&state, auth.actor(), &slug.0, id.0, &body.0.into()).await?;
        Ok(Json(EntryBody::from(&e)))
    }

    /// Deletes one of the caller's entries
    #[oai(
        path = "/events/:slug/matchmaking/entries/:id",
        method = "delete",
        operation_id = "delete_matchmaking_entry"
    )]
    async fn delete_entry(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<CreatedBody>, ApiError> {
        service::delete_entry(&state, auth.actor(), &slug.0, id.0).await?;
        Ok(Json(CreatedBody { id: id.0 }))
    }

    /// The caller's requests, sent and received (organisers: `all=true` for every request)
    #[oai(
        path = "/events/:slug/matchmaking/requests",
        method = "get",
        operation_id = "list_matchmaking_requests"
    )]
    async fn requests(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        all: Query<Option<bool>>,
    ) -> Result<Json<Vec<RequestBody>>, ApiError> {
        let (world, me) = world_of(&state, &auth, &slug.0).await?;
        let everyone = all.0.unwrap_or(false);
        if everyone && !me.organiser {
            return Err(AppError::forbidden().into());
        }
        let own = me.profile.as_ref().map(|p| p.id);
        Ok(Json(
            world
                .requests
                .iter()
                .filter(|r| everyone || own.is_some_and(|p| r.involves(p)))
                .map(|r| request_body(&world, r))
                .collect(),
        ))
    }

    /// Sends a meeting request
    #[oai(
        path = "/events/:slug/matchmaking/requests",
        method = "post",
        operation_id = "send_matchmaking_request"
    )]
    async fn send(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<RequestInputBody>,
    ) -> Result<Created<RequestBody>, ApiError> {
        let r = service::send_request(
            &state,
            auth.actor(),
            &slug.0,
            body.0.to_profile,
            &body.0.message,
        )
        .await?;
        let (world, _) = world_of(&state, &auth, &slug.0).await?;
        let path = format!("/events/{}/matchmaking/requests/{}", slug.0, r.id);
        Ok(Created::at(request_body(&world, &r), path))
    }

    /// One request the caller sent or received (organisers: any request)
    #[oai(
        path = "/events/:slug/matchmaking/requests/:id",
        method = "get",
        operation_id = "get_matchmaking_request"
    )]
    async fn request(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
    ) -> Result<Json<RequestBody>, ApiError> {
        let (world, me) = world_of(&state, &auth, &slug.0).await?;
        let own = me.profile.as_ref().map(|p| p.id);
        world
            .requests
            .iter()
            .find(|r| r.id == id.0 && (me.organiser || own.is_some_and(|p| r.involves(p))))
            .map(|r| Json(request_body(&world, r)))
            .ok_or_else(|| AppError::not_found("error-not-found").into())
    }

    /// Accepts a request the caller received, placing the meeting as `pick` says
    #[oai(
        path = "/events/:slug/matchmaking/requests/:id/accept",
        method = "post",
        operation_id = "accept_matchmaking_request"
    )]
    async fn accept(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<AcceptBody>,
    ) -> Result<Json<RequestBody>, ApiError> {
        let pick = match (body.0.pick.as_str(), body.0.session_id, body.0.slot) {
            ("later", _, _) => Pick::Later,
            ("slot", Some(session), Some(slot)) | ("", Some(session), Some(slot)) => {
                Pick::Slot { session, slot }
            }
            ("slot", _, _) => return Err(AppError::field("slot", "mm-slot-outside").into()),
            ("" | "auto", _, _) => Pick::Auto,
            _ => return Err(AppError::field("pick", "mm-pick-invalid").into()),
        };
        let r = service::accept(&state, auth.actor(), &slug.0, id.0, pick).await?;
        let (world, _) = world_of(&state, &auth, &slug.0).await?;
        Ok(Json(request_body(&world, &r)))
    }

    /// Declines a request the caller received, with a reason
    #[oai(
        path = "/events/:slug/matchmaking/requests/:id/decline",
        method = "post",
        operation_id = "decline_matchmaking_request"
    )]
    async fn decline(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<ReasonBody>,
    ) -> Result<Json<RequestBody>, ApiError> {
        let r = service::decline(&state, auth.actor(), &slug.0, id.0, &body.0.reason).await?;
        let (world, _) = world_of(&state, &auth, &slug.0).await?;
        Ok(Json(request_body(&world, &r)))
    }

    /// Withdraws a pending request or calls off an agreed meeting
    #[oai(
        path = "/events/:slug/matchmaking/requests/:id/cancel",
        method = "post",
        operation_id = "cancel_matchmaking_request"
    )]
    async fn cancel(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<ReasonBody>,
    ) -> Result<Json<RequestBody>, ApiError> {
        let r = service::cancel(&state, auth.actor(), &slug.0, id.0, &body.0.reason).await?;
        let (world, _) = world_of(&state, &auth, &slug.0).await?;
        Ok(Json(request_body(&world, &r)))
    }

    /// Picks a slot for an agreed meeting that has none
    #[oai(
        path = "/events/:slug/matchmaking/requests/:id/slot",
        method = "post",
        operation_id = "pick_matchmaking_slot"
    )]
    async fn pick(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<PlaceBody>,
    ) -> Result<Json<MeetingBody>, ApiError> {
        let m = service::pick_slot(
            &state,
            auth.actor(),
            &slug.0,
            id.0,
            body.0.session_id,
            body.0.slot,
        )
        .await?;
        let (world, _) = world_of(&state, &auth, &slug.0).await?;
        Ok(Json(meeting_body(&world, &m)))
    }

    /// The caller's meetings (organisers: `all=true` for every meeting)
    #[oai(
        path = "/events/:slug/matchmaking/meetings",
        method = "get",
        operation_id = "list_matchmaking_meetings"
    )]
    async fn meetings(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        all: Query<Option<bool>>,
    ) -> Result<Json<Vec<MeetingBody>>, ApiError> {
        let (world, me) = world_of(&state, &auth, &slug.0).await?;
        let everyone = all.0.unwrap_or(false);
        if everyone && !me.organiser {
            return Err(AppError::forbidden().into());
        }
        let own = me.profile.as_ref().map(|p| p.id);
        Ok(Json(
            world
                .live_meetings()
                .filter(|m| everyone || own.is_some_and(|p| m.involves(p)))
                .map(|m| meeting_body(&world, m))
                .collect(),
        ))
    }

    /// The slots of every matchmaking session with their free tables; with `request`, only
    /// those both people of that (own) request are free in
    #[oai(
        path = "/events/:slug/matchmaking/slots",
        method = "get",
        operation_id = "list_matchmaking_slots"
    )]
    async fn slots(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        request: Query<Option<i64>>,
    ) -> Result<Json<Vec<SlotBody>>, ApiError> {
        let (world, me) = world_of(&state, &auth, &slug.0).await?;
        if !me.organiser && !me.admitted {
            return Err(AppError::Forbidden(crate::error::Msg::new("mm-not-registered")).into());
        }
        let free = |session: i64, slot: i64, tables: usize| {
            let taken = world
                .live_meetings()
                .filter(|m| m.session_id == session && m.slot == slot)
                .count();
            i64::try_from(tables.saturating_sub(taken)).unwrap_or(0)
        };
        let out = match request.0 {
            Some(id) => {
                let own = me.profile.as_ref().map(|p| p.id);
                let r = world
                    .requests
                    .iter()
                    .find(|r| r.id == id && (me.organiser || own.is_some_and(|p| r.involves(p))))
                    .ok_or_else(|| AppError::not_found("mm-request-not-found"))?;
                world
                    .common_free_slots([r.from_profile, r.to_profile])
                    .into_iter()
                    .map(|p| SlotBody {
                        session_id: p.session,
                        slot: p.slot,
                        starts_at: p.starts_at,
                        ends_at: p.ends_at,
                        free_tables: free(
                            p.session,
                            p.slot,
                            world.session(p.session).map_or(0, |s| s.tables.len()),
                        ),
                    })
                    .collect()
            }
            None => world
                .sessions
                .iter()
                .flat_map(|s| {
                    s.slots.iter().map(|slot| {
                        let index = i64::try_from(slot.index).unwrap_or(0);
                        SlotBody {
                            session_id: s.session.id,
                            slot: index,
                            starts_at: slot.starts_at,
                            ends_at: slot.ends_at,
                            free_tables: free(s.session.id, index, s.tables.len()),
                        }
                    })
                })
                .collect(),
        };
        Ok(Json(out))
    }

    /// The matchmaking settings (organisers; the defaults until first saved)
    #[oai(
        path = "/events/:slug/matchmaking/settings",
        method = "get",
        operation_id = "get_matchmaking_settings"
    )]
    async fn get_settings(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<SettingsBody>, ApiError> {
        let settings = service::settings(&state, auth.actor(), &slug.0).await?;
        Ok(Json(settings.into()))
    }

    /// Changes the matchmaking settings (organisers)
    #[oai(
        path = "/events/:slug/matchmaking/settings",
        method = "put",
        operation_id = "put_matchmaking_settings"
    )]
    async fn settings(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<SettingsInputBody>,
    ) -> Result<Json<SettingsBody>, ApiError> {
        let b = body.0;
        let input = SettingsInput {
            enabled: b.enabled,
            acceptance_required: b.acceptance_required,
            audience: b.audience.as_str().into(),
            max_per_person: b.max_per_person.to_string(),
        };
        let s = service::save_settings(&state, auth.actor(), &slug.0, &input).await?;
        Ok(Json(s.into()))
    }

    /// Adds a matchmaking session to an agenda session (organisers)
    #[oai(
        path = "/events/:slug/matchmaking/sessions",
        method = "post",
        operation_id = "add_matchmaking_session"
    )]
    async fn add_session(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<SessionInputBody>,
    ) -> Result<Json<CreatedBody>, ApiError> {
        let b = body.0;
        let input = SessionInput {
            agenda_session_id: b.agenda_session_id.to_string(),
            slot_minutes: b.slot_minutes.to_string(),
            gap_minutes: b.gap_minutes.to_string(),
            tables: b.tables.join("\n"),
            breaks: b.breaks.join("\n"),
        };
        let id = service::add_session(&state, auth.actor(), &slug.0, &input).await?;
        Ok(Json(CreatedBody { id }))
    }

    /// Adds a meeting between two participants (organisers)
    #[oai(
        path = "/events/:slug/matchmaking/meetings",
        method = "post",
        operation_id = "add_matchmaking_meeting"
    )]
    async fn add_meeting(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<NewMeetingBody>,
    ) -> Result<Created<MeetingBody>, ApiError> {
        let b = body.0;
        let [a, c] = b.people.as_slice() else {
            return Err(AppError::field("people", "mm-people-two").into());
        };
        let m = service::add_meeting(
            &state,
            auth.actor(),
            &slug.0,
            [*a, *c],
            b.session_id,
            b.slot,
            b.table,
        )
        .await?;
        let world = service::grid(&state, auth.actor(), &slug.0).await?;
        let path = format!("/events/{}/matchmaking/meetings/{}", slug.0, m.id);
        Ok(Created::at(meeting_body(&world, &m), path))
    }

    /// Moves a meeting (organisers)
    #[oai(
        path = "/events/:slug/matchmaking/meetings/:id",
        method = "put",
        operation_id = "move_matchmaking_meeting"
    )]
    async fn move_meeting(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<PlaceBody>,
    ) -> Result<Json<MeetingBody>, ApiError> {
        let b = body.0;
        let m = service::move_meeting(
            &state,
            auth.actor(),
            &slug.0,
            id.0,
            b.session_id,
            b.slot,
            b.table,
        )
        .await?;
        let world = service::grid(&state, auth.actor(), &slug.0).await?;
        Ok(Json(meeting_body(&world, &m)))
    }

    /// Cancels a meeting and its request (organisers)
    #[oai(
        path = "/events/:slug/matchmaking/meetings/:id/cancel",
        method = "post",
        operation_id = "cancel_matchmaking_meeting"
    )]
    async fn cancel_meeting(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        id: Path<i64>,
        body: Json<ReasonBody>,
    ) -> Result<Json<CreatedBody>, ApiError> {
        service::cancel_meeting(&state, auth.actor(), &slug.0, id.0, &body.0.reason).await?;
        Ok(Json(CreatedBody { id: id.0 }))
    }

    /// Runs the automatic scheduler over the agreed meetings without a slot (organisers)
    #[oai(
        path = "/events/:slug/matchmaking/schedule",
        method = "post",
        operation_id = "run_matchmaking_scheduler"
    )]
    async fn schedule(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
    ) -> Result<Json<RunBody>, ApiError> {
        let report = service::run_scheduler(&state, auth.actor(), &slug.0).await?;
        Ok(Json(RunBody {
            placed: i64::try_from(report.placed).unwrap_or(0),
            unplaced: report
                .unplaced
                .iter()
                .map(|(id, why)| UnplacedBody {
                    request_id: *id,
                    reason: format!("{why:?}"),
                })
                .collect(),
        }))
    }

    /// Locks or unlocks the schedule (organisers)
    #[oai(
        path = "/events/:slug/matchmaking/lock",
        method = "post",
        operation_id = "lock_matchmaking_schedule"
    )]
    async fn lock(
        &self,
        state: Data<&AppState>,
        auth: ApiAuth,
        slug: Path<String>,
        body: Json<LockBody>,
    ) -> Result<Json<LockBody>, ApiError> {
        service::set_locked(&state, auth.actor(), &slug.0, body.0.locked).await?;
        Ok(Json(LockBody {
            locked: body.0.locked,
        }))
    }
}
