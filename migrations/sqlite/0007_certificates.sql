-- Certificates: templates per event or call, the certificates issued from them (each with a
-- serial number unique per template and a random verification code), and the bulk-issuing jobs
-- whose progress the organisers watch.

create table certificate_templates (
    id integer primary key,
    -- Exactly one of the two: attendance and speaker certificates belong to an event; pitch,
    -- placement and jury-service certificates to a call.
    event_id integer references events (id) on delete cascade,
    call_id integer references calls (id) on delete cascade,
    -- attendance | speaker | pitch | placement | jury
    kind text not null,
    title_de text not null,
    title_en text not null,
    -- With placeholders such as {name}, {event}, {dates}, {session}, {submission}, {placement}.
    body_de text not null default '',
    body_en text not null default '',
    landscape boolean not null default false,
    -- Where it is signed, e.g. "Düsseldorf".
    place text not null default '',
    signatory1_name text not null default '',
    signatory1_role text not null default '',
    signatory2_name text not null default '',
    signatory2_role text not null default '',
    -- png | jpeg, checked by content on upload.
    logo_type text,
    logo blob,
    signature_type text,
    signature blob,
    -- Attendance of one session only (its checked-in bookings); null: the whole event.
    session_id integer references agenda_sessions (id) on delete set null,
    -- Serial numbers read "<prefix>-0001"; the counter only grows.
    serial_prefix text not null,
    next_serial integer not null default 1,
    created_at text not null,
    updated_at text not null,
    constraint certificate_templates_owner_check check ((event_id is null) <> (call_id is null))
);
create index certificate_templates_event_idx on certificate_templates (event_id);
create index certificate_templates_call_idx on certificate_templates (call_id);

create table certificates (
    id integer primary key,
    template_id integer not null references certificate_templates (id) on delete cascade,
    serial integer not null,
    -- Random, 100 bits, shown as XXXXX-XXXXX-XXXXX-XXXXX.
    code text not null,
    account_id integer references accounts (id) on delete set null,
    -- What it certifies, unique per template, so re-issuing never duplicates:
    -- registration:<id>, booking:<id>, person:<session_people.id>, member:<submission>:<email>, juror:<id>
    subject text not null,
    recipient_name text not null,
    recipient_email text not null default '',
    organisation text not null default '',
    -- de | en: the language the PDF is written in.
    language text not null,
    -- The facts the text was filled in with, as they stood when it was issued (JSON object).
    facts text not null default '{}',
    issued_at text not null,
    issued_by integer references accounts (id) on delete set null,
    emailed_at text,
    revoked_at text,
    revoked_reason text not null default '',
    constraint certificates_code_key unique (code),
    constraint certificates_template_serial_key unique (template_id, serial),
    constraint certificates_template_subject_key unique (template_id, subject)
);
create index certificates_account_idx on certificates (account_id);

create table certificate_jobs (
    id integer primary key,
    template_id integer not null references certificate_templates (id) on delete cascade,
    requested_by integer references accounts (id) on delete set null,
    send_mail boolean not null default false,
    -- queued | running | done | failed
    status text not null,
    total integer not null default 0,
    done integer not null default 0,
    -- How many of `done` were new (the rest existed already).
    issued integer not null default 0,
    error text not null default '',
    -- Set while a worker runs the job; a job whose lock ran out (a crash) is taken up again.
    locked_until text,
    created_at text not null,
    finished_at text
);
create index certificate_jobs_status_idx on certificate_jobs (status, created_at);
