-- Innovation calls: the call with its texts, phases, categories and submission form; submissions
-- with their team, answers and attached files. Status changes are recorded in audit_log.

create table calls (
    id integer primary key,
    slug text not null,
    title_de text not null,
    title_en text not null,
    teaser_de text not null default '',
    teaser_en text not null default '',
    body_de text not null default '',
    body_en text not null default '',
    eligibility_de text not null default '',
    eligibility_en text not null default '',
    -- IANA time zone the deadlines are shown in.
    timezone text not null,
    opens_at text not null,
    -- Exact to the second: a request at the deadline is too late.
    deadline text not null,
    review_at text,
    results_at text,
    -- The event whose pitching session hosts the finalists.
    event_id integer references events (id) on delete set null,
    -- Longest abstract, in characters.
    abstract_max integer not null default 1500,
    max_files integer not null default 3,
    -- Largest attachment, in megabytes.
    file_max_mb integer not null default 10,
    file_required boolean not null default false,
    -- Added to the confirmation mail and to the mail about eligibility.
    mail_submitted_de text not null default '',
    mail_submitted_en text not null default '',
    mail_ineligible_de text not null default '',
    mail_ineligible_en text not null default '',
    -- Visible to the public (else a draft only its organisers see).
    published boolean not null default false,
    results_published boolean not null default false,
    created_at text not null,
    updated_at text not null,
    constraint calls_slug_key unique (slug)
);

create table call_categories (
    id integer primary key,
    call_id integer not null references calls (id) on delete cascade,
    name_de text not null,
    name_en text not null,
    position integer not null default 0
);
create index call_categories_call_idx on call_categories (call_id, position);

-- Custom questions of a call's submission form: the same kinds and columns as registration
-- questions (ticket_types stays empty).
create table call_questions (
    id integer primary key,
    call_id integer not null references calls (id) on delete cascade,
    kind text not null,
    label_de text not null,
    label_en text not null,
    help_de text not null default '',
    help_en text not null default '',
    options text not null default '[]',
    required boolean not null default false,
    ticket_types text not null default '[]',
    max_bytes integer,
    position integer not null default 0,
    created_at text not null
);
create index call_questions_call_idx on call_questions (call_id, position);

create table submissions (
    id integer primary key,
    call_id integer not null references calls (id) on delete cascade,
    -- Who started it.
    account_id integer references accounts (id) on delete set null,
    -- draft | submitted | withdrawn | ineligible | in_review | shortlisted | finalist | winner | not_selected
    status text not null,
    title text not null default '',
    category_id integer references call_categories (id) on delete set null,
    abstract text not null default '',
    organisation text not null default '',
    website text not null default '',
    -- When an organiser confirmed that it meets the call's rules (null: not checked, or ineligible).
    eligible_at text,
    -- Why it is ineligible (told to the team).
    status_reason text not null default '',
    -- Winners: 1, 2, 3 …
    placement integer,
    submitted_at text,
    created_at text not null,
    updated_at text not null
);
create index submissions_call_status_idx on submissions (call_id, status, id);
create index submissions_account_idx on submissions (account_id);

-- The team: who started the submission and everyone invited by e-mail. A signed-in account
-- with that e-mail address sees and edits the submission.
create table submission_members (
    id integer primary key,
    submission_id integer not null references submissions (id) on delete cascade,
    email text not null,
    name text not null default '',
    role text not null default '',
    invited_by integer references accounts (id) on delete set null,
    created_at text not null,
    constraint submission_members_key unique (submission_id, email)
);
create index submission_members_email_idx on submission_members (email);

create table submission_answers (
    submission_id integer not null references submissions (id) on delete cascade,
    question_id integer not null references call_questions (id) on delete cascade,
    value text not null,
    upload_id integer references uploads (id) on delete set null,
    constraint submission_answers_key primary key (submission_id, question_id)
);

-- Attached files (pitch deck, drawings); the bytes live in uploads.
create table submission_files (
    id integer primary key,
    submission_id integer not null references submissions (id) on delete cascade,
    upload_id integer not null references uploads (id) on delete cascade,
    label text not null default '',
    created_at text not null
);
create index submission_files_submission_idx on submission_files (submission_id);
