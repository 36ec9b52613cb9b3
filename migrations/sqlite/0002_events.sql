-- Events, their rooms, tracks and agenda sessions, published agenda versions, bookmarks and
-- personal calendar feeds.

create table events (
    id integer primary key,
    slug text not null,
    title_de text not null,
    title_en text not null,
    description_de text not null default '',
    description_en text not null default '',
    venue text not null default '',
    address text not null default '',
    -- IANA time zone the event happens in; pages show its local times.
    timezone text not null,
    -- First and last day, local to the event (YYYY-MM-DD).
    starts_on text not null,
    ends_on text not null,
    -- draft | published | archived
    status text not null,
    contact_name text not null default '',
    contact_email text not null default '',
    -- The number of the last published agenda version (0: never published).
    agenda_version integer not null default 0,
    created_at text not null,
    updated_at text not null,
    constraint events_slug_key unique (slug)
);

create table event_organisations (
    event_id integer not null references events (id) on delete cascade,
    organisation_id integer not null references organisations (id) on delete cascade,
    constraint event_organisations_key primary key (event_id, organisation_id)
);

create table rooms (
    id integer primary key,
    event_id integer not null references events (id) on delete cascade,
    name text not null,
    capacity integer,
    position integer not null default 0,
    -- Local times of day (HH:MM) the room can be used; null: all day.
    available_from text,
    available_until text,
    created_at text not null
);
create unique index rooms_event_name_key on rooms (event_id, lower(name));

create table tracks (
    id integer primary key,
    event_id integer not null references events (id) on delete cascade,
    name_de text not null,
    name_en text not null,
    position integer not null default 0,
    created_at text not null
);
create unique index tracks_event_name_key on tracks (event_id, lower(name_de));

create table agenda_sessions (
    id integer primary key,
    event_id integer not null references events (id) on delete cascade,
    room_id integer references rooms (id) on delete set null,
    track_id integer references tracks (id) on delete set null,
    -- keynote | panel | talk | workshop | pitching | matchmaking | site_visit | break | networking
    kind text not null,
    title_de text not null,
    title_en text not null,
    description_de text not null default '',
    description_en text not null default '',
    starts_at text not null,
    ends_at text not null,
    -- Seats; null: as many as the room holds (or unlimited without a room).
    capacity integer,
    -- Participants must book a seat (plant visit, workshops, matchmaking).
    requires_signup boolean not null default false,
    -- draft | scheduled | cancelled. Drafts (e.g. imported) are not in the public agenda.
    status text not null,
    -- iCalendar SEQUENCE: bumped whenever what a calendar shows changes.
    sequence integer not null default 0,
    created_at text not null,
    updated_at text not null
);
create index agenda_sessions_event_start_idx on agenda_sessions (event_id, starts_at);

-- Speakers, moderators and panelists: an account, or a named guest with an organisation.
create table session_people (
    id integer primary key,
    session_id integer not null references agenda_sessions (id) on delete cascade,
    -- speaker | moderator | panelist
    role text not null,
    account_id integer references accounts (id) on delete set null,
    name text not null,
    organisation text not null default '',
    position integer not null default 0
);
create index session_people_session_idx on session_people (session_id);

-- Each publication freezes the agenda as JSON, so participants can see what changed.
create table agenda_versions (
    id integer primary key,
    event_id integer not null references events (id) on delete cascade,
    version integer not null,
    published_at text not null,
    published_by integer references accounts (id) on delete set null,
    snapshot text not null,
    constraint agenda_versions_event_version_key unique (event_id, version)
);

create table bookmarks (
    account_id integer not null references accounts (id) on delete cascade,
    session_id integer not null references agenda_sessions (id) on delete cascade,
    created_at text not null,
    constraint bookmarks_key primary key (account_id, session_id)
);

-- The secret in a person's calendar feed URL. Kept as is (not hashed) because people must be
-- able to see their link again; it reveals only a read-only calendar, and regenerating it
-- replaces the row, which revokes the old link.
create table calendar_feeds (
    account_id integer primary key references accounts (id) on delete cascade,
    token text not null,
    created_at text not null,
    constraint calendar_feeds_token_key unique (token)
);
