-- Registration for events: the settings per event, ticket types and registrations with their
-- place in the waiting list. Capacity is enforced by the service inside one write transaction
-- that cannot interleave with another for the same event (SQLite: BEGIN IMMEDIATE; PostgreSQL:
-- the event's registration_settings row is locked first).

create table registration_settings (
    event_id integer primary key references events (id) on delete cascade,
    opens_at text,
    closes_at text,
    -- Places for the whole event; null: only the ticket types limit.
    capacity integer,
    -- Registrations wait for an organiser's approval before they count as confirmed.
    approval_required boolean not null default false,
    -- How long a freed place is held for the first person on the waiting list.
    offer_hours integer not null default 48,
    updated_at text not null
);

create table ticket_types (
    id integer primary key,
    event_id integer not null references events (id) on delete cascade,
    name_de text not null,
    name_en text not null,
    capacity integer,
    position integer not null default 0
);
create unique index ticket_types_event_name_key on ticket_types (event_id, lower(name_de));

create table registrations (
    id integer primary key,
    event_id integer not null references events (id) on delete cascade,
    account_id integer references accounts (id) on delete set null,
    ticket_type_id integer references ticket_types (id) on delete set null,
    -- pending | confirmed | waitlisted | offered | cancelled | rejected | expired
    status text not null,
    -- The personal code on the participant's QR code (random, unguessable).
    code text not null,
    -- When a waiting-list offer lapses.
    offer_expires_at text,
    checked_in_at text,
    created_at text not null,
    updated_at text not null,
    constraint registrations_event_account_key unique (event_id, account_id),
    constraint registrations_code_key unique (code)
);
create index registrations_event_status_idx on registrations (event_id, status, created_at, id);
