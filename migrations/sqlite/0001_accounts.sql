-- Accounts, organisations, roles, sessions, tokens, rate limits and the audit log.
-- Timestamps are UTC instants (sqlx writes RFC 3339 text on SQLite, which sorts in time order).

create table organisations (
    id integer primary key,
    -- Stable handle for seeds and URLs.
    slug text not null,
    name text not null,
    -- cluster | university | research | company | startup | agency | ministry | network | other
    kind text not null,
    city text not null default '',
    website text not null default '',
    description_de text not null default '',
    description_en text not null default '',
    created_at text not null,
    constraint organisations_slug_key unique (slug)
);
-- Names are unique regardless of case, so "Fraunhofer UMSICHT" is not added twice.
create unique index organisations_name_key on organisations (lower(name));

create table accounts (
    id integer primary key,
    -- Stored lower-cased; the unique key is what makes sign-up races safe.
    email text not null,
    name text not null,
    organisation_id integer references organisations (id) on delete set null,
    -- de | en: the language of e-mails and the default for pages.
    language text not null,
    -- argon2id PHC string; null for accounts that cannot sign in with a password yet.
    password_hash text,
    email_confirmed_at text,
    created_at text not null,
    updated_at text not null,
    constraint accounts_email_key unique (email)
);
create index accounts_organisation_idx on accounts (organisation_id);

create table role_grants (
    id integer primary key,
    account_id integer not null references accounts (id) on delete cascade,
    -- admin | organiser | juror | checkin
    role text not null,
    -- site | event | call; scope_id names the event or call, null for site.
    scope_kind text not null,
    scope_id integer,
    granted_by integer references accounts (id) on delete set null,
    created_at text not null
);
create unique index role_grants_key on role_grants (account_id, role, scope_kind, coalesce(scope_id, 0));

create table sessions (
    -- SHA-256 of the cookie value: a leaked database does not hand out live sessions.
    id text primary key,
    account_id integer not null references accounts (id) on delete cascade,
    created_at text not null,
    last_seen_at text not null,
    expires_at text not null
);
create index sessions_account_idx on sessions (account_id);

-- One-time links sent by e-mail: confirm the address, reset the password.
create table account_tokens (
    id integer primary key,
    account_id integer not null references accounts (id) on delete cascade,
    -- confirm | reset
    purpose text not null,
    token_hash text not null,
    created_at text not null,
    expires_at text not null,
    used_at text,
    constraint account_tokens_hash_key unique (token_hash)
);

create table api_tokens (
    id integer primary key,
    account_id integer not null references accounts (id) on delete cascade,
    name text not null,
    token_hash text not null,
    created_at text not null,
    last_used_at text,
    expires_at text,
    revoked_at text,
    constraint api_tokens_hash_key unique (token_hash)
);
create index api_tokens_account_idx on api_tokens (account_id);

-- Attempts counted by the rate limiter; kept in the database so that several app servers share
-- one limit. Old rows are pruned by the limiter itself.
create table auth_attempts (
    id integer primary key,
    -- signin | signup | reset
    kind text not null,
    -- "ip:<address>" or "email:<address>"
    subject text not null,
    at text not null
);
create index auth_attempts_lookup_idx on auth_attempts (kind, subject, at);

create table audit_log (
    id integer primary key,
    actor_id integer references accounts (id) on delete set null,
    -- e.g. account.grant_role
    action text not null,
    subject text not null,
    detail text not null default '',
    at text not null
);
create index audit_log_subject_idx on audit_log (subject);

-- Every e-mail is a row first; a worker sends it with retries (DESIGN §3 "Email").
create table outbox (
    id integer primary key,
    to_address text not null,
    to_name text not null,
    subject text not null,
    body_text text not null,
    created_at text not null,
    attempts integer not null default 0,
    next_attempt_at text not null,
    -- Set while a worker is sending, so that two workers never send the same mail.
    locked_until text,
    sent_at text,
    last_error text
);
create index outbox_due_idx on outbox (sent_at, next_attempt_at);
