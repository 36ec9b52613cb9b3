-- B2B matchmaking at an event: the organisers' settings, topics and matchmaking sessions (each
-- linked to an agenda session), the participants' profiles with topics and marketplace entries,
-- meeting requests, and meetings placed at a (session, slot, table).
--
-- No double-booking, also under concurrent accepts: the service places meetings inside one
-- write transaction per event (SQLite: BEGIN IMMEDIATE; PostgreSQL: the event's
-- matchmaking_settings row is locked first), and the unique indexes below refuse a second live
-- meeting at a table in a slot and a second live meeting of a person in a slot.

create table matchmaking_settings (
    event_id integer primary key references events (id) on delete cascade,
    enabled boolean not null default false,
    -- Requests wait for the receiver's answer; off: a request is accepted when it is sent.
    acceptance_required boolean not null default true,
    -- Who may take part: registered (pending or confirmed registrations) | approved (confirmed).
    audience text not null default 'registered',
    -- Meetings per person in each matchmaking session.
    max_per_person integer not null default 6,
    -- Locked: participants no longer pick slots and the scheduler does not run; organisers
    -- still move, cancel and add meetings by hand.
    locked boolean not null default false,
    updated_at text not null
);

create table matchmaking_topics (
    id integer primary key,
    event_id integer not null references events (id) on delete cascade,
    name_de text not null,
    name_en text not null,
    position integer not null default 0
);
create unique index matchmaking_topics_event_name_key on matchmaking_topics (event_id, lower(name_de));

create table matchmaking_sessions (
    id integer primary key,
    event_id integer not null references events (id) on delete cascade,
    -- The agenda session the meetings take place in; its start and end bound the slots.
    agenda_session_id integer not null references agenda_sessions (id) on delete cascade,
    slot_minutes integer not null,
    gap_minutes integer not null default 0,
    -- Table or booth names, one per line; their number is the number of tables.
    tables text not null,
    -- Breaks in the event's local time, one "HH:MM-HH:MM" per line.
    breaks text not null default '',
    created_at text not null,
    updated_at text not null
);
create unique index matchmaking_sessions_agenda_key on matchmaking_sessions (agenda_session_id);
create index matchmaking_sessions_event_idx on matchmaking_sessions (event_id);

create table matchmaking_profiles (
    id integer primary key,
    event_id integer not null references events (id) on delete cascade,
    account_id integer not null references accounts (id) on delete cascade,
    organisation text not null,
    -- ISO 3166-1 alpha-2, or empty.
    country text not null default '',
    description text not null default '',
    -- Hidden: not listed, no new requests; meetings already agreed stay.
    hidden boolean not null default false,
    created_at text not null,
    updated_at text not null,
    constraint matchmaking_profiles_event_account_key unique (event_id, account_id)
);

create table matchmaking_profile_topics (
    profile_id integer not null references matchmaking_profiles (id) on delete cascade,
    topic_id integer not null references matchmaking_topics (id) on delete cascade,
    primary key (profile_id, topic_id)
);

create table matchmaking_entries (
    id integer primary key,
    profile_id integer not null references matchmaking_profiles (id) on delete cascade,
    -- offer | request | cooperation | expertise
    kind text not null,
    title text not null,
    body text not null default '',
    created_at text not null,
    updated_at text not null
);
create index matchmaking_entries_profile_idx on matchmaking_entries (profile_id);

create table matchmaking_requests (
    id integer primary key,
    event_id integer not null references events (id) on delete cascade,
    from_profile integer not null references matchmaking_profiles (id) on delete cascade,
    to_profile integer not null references matchmaking_profiles (id) on delete cascade,
    -- The two profiles in id order: at most one open request per pair, in either direction.
    pair_low integer not null,
    pair_high integer not null,
    message text not null default '',
    -- pending | accepted | declined | cancelled
    status text not null,
    -- The decline or cancel reason, as its author wrote it.
    reason text not null default '',
    -- Who cancelled or declined (an account), for the other side's notification.
    closed_by integer references accounts (id) on delete set null,
    created_at text not null,
    updated_at text not null,
    constraint matchmaking_requests_not_self_check check (from_profile <> to_profile)
);
create unique index matchmaking_requests_open_pair_key
    on matchmaking_requests (event_id, pair_low, pair_high) where status in ('pending', 'accepted');
create index matchmaking_requests_from_idx on matchmaking_requests (from_profile);
create index matchmaking_requests_to_idx on matchmaking_requests (to_profile);

create table matchmaking_meetings (
    id integer primary key,
    event_id integer not null references events (id) on delete cascade,
    request_id integer not null references matchmaking_requests (id) on delete cascade,
    session_id integer not null references matchmaking_sessions (id) on delete cascade,
    -- The slot's index in the session's timetable, and the table's index in its list.
    slot integer not null,
    table_no integer not null,
    starts_at text not null,
    ends_at text not null,
    -- Grows with every move (the calendar's SEQUENCE).
    sequence integer not null default 0,
    -- Cancelled meetings stay (calendars are told to drop them) but hold no table or person.
    cancelled_at text,
    created_at text not null,
    updated_at text not null
);
create unique index matchmaking_meetings_request_key
    on matchmaking_meetings (request_id) where cancelled_at is null;
create unique index matchmaking_meetings_table_key
    on matchmaking_meetings (session_id, slot, table_no) where cancelled_at is null;
create index matchmaking_meetings_event_idx on matchmaking_meetings (event_id, starts_at);

-- The two people of each live meeting: a person is in at most one meeting per slot. Rows are
-- deleted when their meeting is cancelled and rewritten when it moves.
create table matchmaking_attendees (
    meeting_id integer not null references matchmaking_meetings (id) on delete cascade,
    profile_id integer not null references matchmaking_profiles (id) on delete cascade,
    session_id integer not null references matchmaking_sessions (id) on delete cascade,
    slot integer not null,
    primary key (meeting_id, profile_id),
    constraint matchmaking_attendees_slot_key unique (profile_id, session_id, slot)
);
