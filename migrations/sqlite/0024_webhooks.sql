-- Webhooks: organisers register HTTPS endpoints per event or call for the changes they want to
-- hear of. A change writes one delivery per matching hook in its own transaction (the outbox
-- pattern, as for mail); a worker posts them, signed, with retries and back-off, and keeps the
-- last answer for the delivery log (backend/src/webhook/).

create table webhooks (
    id integer primary key,
    -- The event or the call it belongs to: exactly one of them.
    event_id integer references events (id) on delete cascade,
    call_id integer references calls (id) on delete cascade,
    url text not null,
    -- The topics it receives, separated by spaces (`registration.created checkin.created`).
    topics text not null,
    -- Signs every payload (HMAC-SHA256); shown to the organisers who manage the hook.
    secret text not null,
    description text not null default '',
    created_by integer references accounts (id) on delete set null,
    created_at text not null,
    check ((event_id is null) <> (call_id is null))
);
create index webhooks_event_idx on webhooks (event_id);
create index webhooks_call_idx on webhooks (call_id);

create table webhook_deliveries (
    id integer primary key,
    webhook_id integer not null references webhooks (id) on delete cascade,
    topic text not null,
    -- The exact bytes that are signed and posted (JSON).
    payload text not null,
    created_at text not null,
    attempts integer not null default 0,
    next_attempt_at text not null,
    -- Set while a worker is posting, so that two workers never post the same delivery.
    locked_until text,
    delivered_at text,
    -- The last attempt: its HTTP status (null: no answer), the start of the answer's body or
    -- the error, and how long it took.
    last_status integer,
    last_response text,
    last_duration_ms integer,
    last_attempt_at text
);
create index webhook_deliveries_due_idx on webhook_deliveries (delivered_at, next_attempt_at);
create index webhook_deliveries_hook_idx on webhook_deliveries (webhook_id, id);
