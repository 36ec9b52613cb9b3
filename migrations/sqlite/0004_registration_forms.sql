-- Registration forms (questions, answers, uploaded files), limited-session bookings with their own
-- waiting lists, check-in, and mail attachments (the .ics and QR code of a confirmation).

-- Until when participants may change their answers; null: until registration closes.
alter table registration_settings add column edit_until text;

create table registration_questions (
    id integer primary key,
    event_id integer not null references events (id) on delete cascade,
    -- text | long_text | number | date | single_choice | multiple_choice | yes_no | country | file | consent
    kind text not null,
    label_de text not null,
    label_en text not null,
    help_de text not null default '',
    help_en text not null default '',
    -- Choices as a JSON array of {"de": …, "en": …}.
    options text not null default '[]',
    required boolean not null default false,
    -- Ticket type ids (JSON array) the question is asked for; empty: every ticket type.
    ticket_types text not null default '[]',
    -- File questions: the largest file accepted, in bytes.
    max_bytes integer,
    position integer not null default 0,
    created_at text not null
);
create index registration_questions_event_idx on registration_questions (event_id, position);

-- Uploaded files, kept in the database so that every server sees them and a backup holds them.
create table uploads (
    id integer primary key,
    account_id integer references accounts (id) on delete cascade,
    filename text not null,
    content_type text not null,
    size integer not null,
    sha256 text not null,
    data blob not null,
    created_at text not null
);

create table registration_answers (
    registration_id integer not null references registrations (id) on delete cascade,
    question_id integer not null references registration_questions (id) on delete cascade,
    -- Text as typed; multiple choice: a JSON array of option numbers; file: the upload id;
    -- consent: the instant it was given.
    value text not null,
    upload_id integer references uploads (id) on delete set null,
    constraint registration_answers_key primary key (registration_id, question_id)
);

-- Seats in limited sessions (plant visit, workshops, matchmaking round).
create table session_bookings (
    id integer primary key,
    session_id integer not null references agenda_sessions (id) on delete cascade,
    event_id integer not null references events (id) on delete cascade,
    account_id integer references accounts (id) on delete set null,
    -- confirmed | waitlisted | cancelled
    status text not null,
    checked_in_at text,
    created_at text not null,
    updated_at text not null,
    constraint session_bookings_session_account_key unique (session_id, account_id)
);
create index session_bookings_session_status_idx on session_bookings (session_id, status, created_at, id);
create index session_bookings_account_idx on session_bookings (account_id);

create table outbox_attachments (
    id integer primary key,
    outbox_id integer not null references outbox (id) on delete cascade,
    filename text not null,
    content_type text not null,
    data blob not null
);
create index outbox_attachments_outbox_idx on outbox_attachments (outbox_id);
