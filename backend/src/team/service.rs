//! Team use cases: who runs an event or call with which role, inviting and removing them.

use chrono::{DateTime, Utc};
use convene_frontend::Lang;

use super::queries::{self, MemberRow};
use crate::account::model::Email;
use crate::account::{Actor, Role, Scope};
use crate::audit;
use crate::call::Call;
use crate::db::{self, DbConn};
use crate::error::{AppError, FieldErrors, Msg};
use crate::event::Event;
use crate::ids::{AccountId, GrantId};
use crate::state::AppState;

/// What a team belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Event,
    Call,
}

/// The event or call a team belongs to.
#[derive(Debug, Clone)]
pub enum Place {
    Event(Event),
    Call(Call),
}

impl Place {
    pub fn scope(&self) -> Scope {
        match self {
            Place::Event(e) => Scope::Event(e.id.0),
            Place::Call(c) => Scope::Call(c.id),
        }
    }

    pub fn slug(&self) -> &str {
        match self {
            Place::Event(e) => &e.slug,
            Place::Call(c) => &c.slug,
        }
    }

    pub fn title(&self, lang: Lang) -> &str {
        match self {
            Place::Event(e) => e.title(lang),
            Place::Call(c) => c.title(lang),
        }
    }

    fn owner(&self) -> Option<crate::ids::OrganisationId> {
        match self {
            Place::Event(e) => e.owner_organisation_id,
            Place::Call(c) => c.owner_organisation_id,
        }
    }

    /// The organisers' page of the event or call.
    pub fn orga_path(&self) -> String {
        match self {
            Place::Event(e) => format!("/orga/events/{}", e.slug),
            Place::Call(c) => format!("/orga/calls/{}", c.slug),
        }
    }

    /// The roles its organisers invite on the team page (jurors: on the jury page).
    pub fn roles(&self) -> &'static [Role] {
        match self {
            Place::Event(_) => &[Role::Organiser, Role::Checkin],
            Place::Call(_) => &[Role::Organiser],
        }
    }

    /// Where a member with `role` does their work.
    fn page_of(&self, role: Role) -> String {
        match (self, role) {
            (Place::Event(e), Role::Checkin) => format!("/events/{}/checkin", e.slug),
            (Place::Call(_), Role::Juror) => "/jury".to_string(),
            _ => self.orga_path(),
        }
    }
}

/// How a person belongs to a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// Invited to this event or call (removable here).
    Grant(GrantId),
    /// An organiser of the organisation that owns it.
    Organisation(String),
}

/// One member of a team.
#[derive(Debug, Clone)]
pub struct Member {
    pub account_id: AccountId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub via: Via,
}

/// The event or call behind `slug`, for one of its organisers.
pub async fn place(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
) -> Result<Place, AppError> {
    Ok(match kind {
        PlaceKind::Event => {
            Place::Event(crate::event::service::for_organiser(state, actor, slug).await?)
        }
        PlaceKind::Call => {
            Place::Call(crate::call::service::for_organiser(state, actor, slug).await?)
        }
    })
}

/// The team of an event or call (organisers only): the owning organisation's organisers, then
/// everyone invited to it.
pub async fn members(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
) -> Result<(Place, Vec<Member>), AppError> {
    let place = place(state, actor, kind, slug).await?;
    let mut conn = state.db.acquire().await?;
    let members = members_in(&mut conn, &place).await?;
    Ok((place, members))
}

async fn members_in(conn: &mut DbConn, place: &Place) -> Result<Vec<Member>, AppError> {
    let mut out = Vec::new();
    if let Some(owner) = place.owner() {
        let org = crate::organisation::queries::find(conn, owner)
            .await?
            .map(|o| o.name)
            .unwrap_or_default();
        for (account_id, name, email) in queries::organisation_organisers(conn, owner).await? {
            out.push(Member {
                account_id,
                name,
                email,
                role: Role::Organiser,
                via: Via::Organisation(org.clone()),
            });
        }
    }
    let scope = place.scope();
    for row in queries::members(conn, scope.kind(), scope.id().unwrap_or(0)).await? {
        out.push(member(row));
    }
    Ok(out)
}

fn member(row: MemberRow) -> Member {
    Member {
        account_id: row.account_id,
        name: row.name,
        email: row.email,
        role: row.role,
        via: Via::Grant(row.grant_id),
    }
}

/// Invites someone to the team by e-mail with `role` (organisers only): the account with that
/// address, or a new one without a password whose mail lets them set one. The mail explains
/// the role and links to where it is used.
///
/// # Errors
/// `Invalid` (address, a new account's name, a role the team does not have), `Conflict`
/// (they hold the role here already).
#[allow(clippy::too_many_arguments)]
pub async fn invite(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
    email: &str,
    name: &str,
    role: &str,
    lang: Lang,
) -> Result<Member, AppError> {
    let place = place(state, actor, kind, slug).await?;
    let mut errors = FieldErrors::default();
    let email = errors.check("email", Email::parse(email));
    let role = errors.check(
        "role",
        Role::parse(role).and_then(|r| {
            if place.roles().contains(&r) {
                Ok(r)
            } else {
                Err(Msg::new("valid-role-scope-mismatch"))
            }
        }),
    );
    errors.into_result()?;
    let (Some(email), Some(role)) = (email, role) else {
        unreachable!("no errors means every field parsed");
    };
    let now = state.clock.now();
    let taken = crate::account::limits::take_limits(
        state,
        &crate::account::limits::invitations(actor.id, email.as_str()),
        now,
    )
    .await?;
    let result = add(state, actor, &place, &email, name, role, lang, now).await;
    taken.keep_if(state, result, |_| true).await
}

#[allow(clippy::too_many_arguments)]
async fn add(
    state: &AppState,
    actor: &Actor,
    place: &Place,
    email: &Email,
    name: &str,
    role: Role,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Member, AppError> {
    let mut tx = db::begin_write(&state.db).await?;
    let invitee =
        crate::account::service::invitee(&mut tx, actor, email, name, lang, "team invitation", now)
            .await?;
    let scope = place.scope();
    let held = crate::account::queries::grants_of(&mut tx, invitee.id)
        .await?
        .into_iter()
        .map(crate::actor::Grant::from)
        .any(|g| g.role == role && g.scope == scope);
    if held {
        return Err(AppError::Conflict(Msg::new("team-member-exists")));
    }
    let grant = crate::account::queries::insert_grant(
        &mut tx,
        invitee.id,
        role,
        scope,
        Some(actor.id),
        now,
    )
    .await?;
    let link = crate::account::service::invitation_link(
        &mut tx,
        &state.config,
        &invitee,
        &place.page_of(role),
        now,
    )
    .await?;
    let t = invitee.lang.tr();
    let args = [
        ("place", place.title(invitee.lang).to_string()),
        ("inviter", actor.name.clone()),
        ("role", t.msg(role.label_id())),
        ("link", link),
    ];
    let duty = t.msg(match role {
        Role::Checkin => "mail-team-duty-checkin",
        _ => "mail-team-duty-organiser",
    });
    let body = format!(
        "{}\n\n{}\n\n{}\n\n{}\n",
        t.msg_args("mail-greeting", &[("name", invitee.name.clone())]),
        t.msg_args("mail-team-invite-body", &args),
        duty,
        t.msg("mail-signature")
    );
    crate::mail::enqueue(
        &mut tx,
        &state.config,
        crate::mail::NewMail {
            to_address: email.as_str(),
            to_name: &invitee.name,
            lang: t.lang,
            subject: &t.msg_args("mail-team-invite-subject", &args),
            body_text: &body,
            attachments: &[],
        },
        now,
    )
    .await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "team.add",
        &scope.key(),
        &format!("{} {}", role.as_str(), email.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(Member {
        account_id: invitee.id,
        name: invitee.name,
        email: email.as_str().to_string(),
        role,
        via: Via::Grant(grant),
    })
}

/// One member invited to the team, by their grant (organisers only).
pub async fn member_of(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
    grant: GrantId,
) -> Result<Member, AppError> {
    let (_, members) = members(state, actor, kind, slug).await?;
    members
        .into_iter()
        .find(|m| m.via == Via::Grant(grant))
        .ok_or_else(|| AppError::not_found("team-member-not-found"))
}

/// Removes a member invited to the team (organisers only). The last organiser of an event or
/// call that no organisation owns stays.
///
/// # Errors
/// `NotFound` (no such member here), `Conflict` (the last organiser).
pub async fn remove(
    state: &AppState,
    actor: &Actor,
    kind: PlaceKind,
    slug: &str,
    grant: GrantId,
) -> Result<(), AppError> {
    let place = place(state, actor, kind, slug).await?;
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let members = members_in(&mut tx, &place).await?;
    let Some(gone) = members.iter().find(|m| m.via == Via::Grant(grant)) else {
        return Err(AppError::not_found("team-member-not-found"));
    };
    if gone.role == Role::Juror {
        // Their assignments and reviews go with them: that is the jury page's work.
        return Err(AppError::Conflict(Msg::new("team-juror-on-jury-page")));
    }
    if gone.role == Role::Organiser
        && !members
            .iter()
            .any(|m| m.role == Role::Organiser && m.via != Via::Grant(grant))
    {
        return Err(AppError::Conflict(Msg::new("team-last-organiser")));
    }
    crate::account::queries::delete_grant(&mut tx, grant).await?;
    audit::record(
        &mut tx,
        Some(actor.id),
        "team.remove",
        &place.scope().key(),
        &format!("{} {}", gone.role.as_str(), gone.email),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
