//! Who is asking and what they may do: the signed-in [`Actor`] with its role [`Grant`]s. Plain
//! types and pure rules, no I/O (layer 0, like `ids`): every layer names them, the HTTP toolkit
//! included, so they live outside the `account` domain that stores them (`account::Actor` and
//! friends are the same types, re-exported).

use convene_frontend::Lang;

use crate::error::Msg;
use crate::ids::{AccountId, GrantId, OrganisationId};

/// How long a sign-in lasts (and the CSRF cookie bound to it).
pub const SESSION_LIFETIME: chrono::Duration = chrono::Duration::days(14);

/// What a person may do, site-wide or in one event or call.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, serde::Serialize, serde::Deserialize,
)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Organiser,
    Juror,
    Checkin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Organiser, Role::Juror, Role::Checkin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Organiser => "organiser",
            Role::Juror => "juror",
            Role::Checkin => "checkin",
        }
    }

    pub fn parse(input: &str) -> Result<Role, Msg> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == input.trim())
            .ok_or_else(|| Msg::new("valid-role-invalid"))
    }

    /// The catalogue id of the role's name.
    pub fn label_id(self) -> &'static str {
        match self {
            Role::Admin => "role-admin",
            Role::Organiser => "role-organiser",
            Role::Juror => "role-juror",
            Role::Checkin => "role-checkin",
        }
    }

    /// Whether the role can be granted in `scope`: admin only site-wide, door staff for events,
    /// jurors for calls, organisers anywhere (organisers of an organisation run what it owns;
    /// site-wide organisers are platform staff, who run every organisation's events and calls).
    pub fn fits(self, scope: Scope) -> bool {
        matches!(
            (self, scope),
            (Role::Admin, Scope::Site)
                | (Role::Organiser, _)
                | (Role::Juror, Scope::Site | Scope::Call(_))
                | (Role::Checkin, Scope::Site | Scope::Event(_))
        )
    }
}

/// Where a role applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Site,
    /// An organisation: its organisers run every event and call it owns.
    Org(i64),
    Event(i64),
    Call(i64),
}

impl Scope {
    /// `site`, `org:<id>`, `event:<id>` or `call:<id>`, as forms and the API send it.
    pub fn parse(input: &str) -> Result<Scope, Msg> {
        let input = input.trim();
        let id = |s: &str| s.parse::<i64>().ok().filter(|n| *n > 0);
        match input.split_once(':') {
            None if input == "site" => Some(Scope::Site),
            Some(("org", n)) => id(n).map(Scope::Org),
            Some(("event", n)) => id(n).map(Scope::Event),
            Some(("call", n)) => id(n).map(Scope::Call),
            _ => None,
        }
        .ok_or_else(|| Msg::new("valid-scope-invalid"))
    }

    pub fn kind(self) -> &'static str {
        match self {
            Scope::Site => "site",
            Scope::Org(_) => "org",
            Scope::Event(_) => "event",
            Scope::Call(_) => "call",
        }
    }

    pub fn id(self) -> Option<i64> {
        match self {
            Scope::Site => None,
            Scope::Org(id) | Scope::Event(id) | Scope::Call(id) => Some(id),
        }
    }

    pub fn from_parts(kind: &str, id: Option<i64>) -> Option<Scope> {
        match (kind, id) {
            ("site", _) => Some(Scope::Site),
            ("org", Some(id)) => Some(Scope::Org(id)),
            ("event", Some(id)) => Some(Scope::Event(id)),
            ("call", Some(id)) => Some(Scope::Call(id)),
            _ => None,
        }
    }

    pub fn key(self) -> String {
        match self {
            Scope::Site => "site".into(),
            Scope::Org(id) => format!("org:{id}"),
            Scope::Event(id) => format!("event:{id}"),
            Scope::Call(id) => format!("call:{id}"),
        }
    }
}

/// A role grant with its scope parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub id: GrantId,
    pub role: Role,
    pub scope: Scope,
}

impl Grant {
    /// The catalogue id of what the grant makes its holder: site-wide organisers are platform
    /// staff, who run every organisation's events and calls.
    pub fn label_id(&self) -> &'static str {
        match (self.role, self.scope) {
            (Role::Organiser, Scope::Site) => "role-platform-staff",
            (role, _) => role.label_id(),
        }
    }
}

/// Who is making a request: a signed-in account with its role grants.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: AccountId,
    pub email: String,
    pub name: String,
    pub language: Lang,
    pub grants: Vec<Grant>,
}

impl Actor {
    pub fn is_admin(&self) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == Role::Admin && g.scope == Scope::Site)
    }

    /// Whether the actor holds `role` in `scope`, directly or site-wide. Admins hold every role.
    pub fn has_role(&self, role: Role, scope: Scope) -> bool {
        self.is_admin()
            || self
                .grants
                .iter()
                .any(|g| g.role == role && (g.scope == scope || g.scope == Scope::Site))
    }

    /// Whether the actor holds `role` for something in `scope` owned by the organisation `owner`:
    /// in that scope, through the owner (organisers of an organisation run all it owns), or
    /// site-wide.
    pub fn has_role_in(&self, role: Role, scope: Scope, owner: Option<OrganisationId>) -> bool {
        self.has_role(role, scope)
            || owner.is_some_and(|o| {
                self.grants
                    .iter()
                    .any(|g| g.role == role && g.scope == Scope::Org(o.0))
            })
    }

    /// Platform staff: site-wide organisers (and admins), who run every organisation's events
    /// and calls.
    pub fn is_platform_staff(&self) -> bool {
        self.has_role(Role::Organiser, Scope::Site)
    }

    /// The organisations the actor organises for (by their grants; platform staff may act for
    /// any organisation besides these).
    pub fn organiser_of(&self) -> Vec<OrganisationId> {
        self.grants
            .iter()
            .filter_map(|g| match (g.role, g.scope) {
                (Role::Organiser, Scope::Org(id)) => Some(OrganisationId(id)),
                _ => None,
            })
            .collect()
    }

    /// Whether the actor may create events and calls: for an organisation of theirs, or as
    /// platform staff for any.
    pub fn may_create(&self) -> bool {
        self.is_platform_staff() || !self.organiser_of().is_empty()
    }

    /// `Ok` for site administrators, else `Forbidden`.
    pub fn require_admin(&self) -> Result<(), crate::error::AppError> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(crate::error::AppError::forbidden())
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_parse_and_roles_fit_only_their_scopes() {
        assert_eq!(Scope::parse("site").unwrap(), Scope::Site);
        assert_eq!(Scope::parse("event:7").unwrap(), Scope::Event(7));
        assert_eq!(Scope::parse("call:3").unwrap(), Scope::Call(3));
        assert_eq!(Scope::parse("org:4").unwrap(), Scope::Org(4));
        assert_eq!(Scope::from_parts("org", Some(4)), Some(Scope::Org(4)));
        assert_eq!(Scope::Org(4).key(), "org:4");
        for bad in ["", "event:", "event:-1", "call:x", "room:1"] {
            assert!(Scope::parse(bad).is_err(), "{bad}");
        }
        assert!(Role::Admin.fits(Scope::Site));
        assert!(!Role::Admin.fits(Scope::Event(1)));
        assert!(Role::Organiser.fits(Scope::Call(1)));
        assert!(!Role::Juror.fits(Scope::Event(1)));
        assert!(!Role::Checkin.fits(Scope::Call(1)));
    }

    #[test]
    fn site_wide_grants_cover_every_scope_and_admins_hold_every_role() {
        let actor = |grants: Vec<(Role, Scope)>| Actor {
            id: AccountId(1),
            email: "a@example.org".into(),
            name: "A".into(),
            language: Lang::De,
            grants: grants
                .into_iter()
                .enumerate()
                .map(|(i, (role, scope))| Grant {
                    id: GrantId(i as i64),
                    role,
                    scope,
                })
                .collect(),
        };
        let organiser = actor(vec![(Role::Organiser, Scope::Event(5))]);
        assert!(organiser.has_role(Role::Organiser, Scope::Event(5)));
        assert!(!organiser.has_role(Role::Organiser, Scope::Event(6)));
        assert!(!organiser.is_admin());
        let admin = actor(vec![(Role::Admin, Scope::Site)]);
        assert!(admin.has_role(Role::Juror, Scope::Call(9)));
        assert!(admin.has_role_in(Role::Organiser, Scope::Event(9), None));
    }

    #[test]
    fn organisers_of_an_organisation_run_what_it_owns_and_nothing_else() {
        let actor = |grants: Vec<(Role, Scope)>| Actor {
            id: AccountId(1),
            email: "a@example.org".into(),
            name: "A".into(),
            language: Lang::De,
            grants: grants
                .into_iter()
                .enumerate()
                .map(|(i, (role, scope))| Grant {
                    id: GrantId(i as i64),
                    role,
                    scope,
                })
                .collect(),
        };
        let x = OrganisationId(1);
        let y = OrganisationId(2);
        let of_x = actor(vec![(Role::Organiser, Scope::Org(x.0))]);
        assert!(of_x.has_role_in(Role::Organiser, Scope::Event(5), Some(x)));
        assert!(of_x.has_role_in(Role::Organiser, Scope::Call(5), Some(x)));
        assert!(!of_x.has_role_in(Role::Organiser, Scope::Event(5), Some(y)));
        assert!(!of_x.has_role_in(Role::Organiser, Scope::Event(5), None));
        // An organisation's organisers are not its door staff or jurors.
        assert!(!of_x.has_role_in(Role::Checkin, Scope::Event(5), Some(x)));
        assert!(of_x.may_create() && !of_x.is_platform_staff());
        assert_eq!(of_x.organiser_of(), [x]);
        let participant = actor(vec![]);
        assert!(!participant.may_create());
        let staff = actor(vec![(Role::Organiser, Scope::Site)]);
        assert!(staff.may_create() && staff.is_platform_staff());
        assert!(staff.has_role_in(Role::Organiser, Scope::Event(5), Some(y)));
    }
}
