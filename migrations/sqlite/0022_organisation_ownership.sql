-- Organisations own events and calls: their organisers manage what they own and see nothing of
-- other organisations'. People ask to organise for an organisation (an existing one or a new
-- one); an administrator approves, or nobody does when the site setting opens organising to
-- everyone. Role grants take the scope kind "org" (scope_id names the organisation).

alter table events add column owner_organisation_id integer references organisations (id) on delete set null;
alter table calls add column owner_organisation_id integer references organisations (id) on delete set null;
-- Existing events belong to the first of their organising organisations, calls to their event's.
update events set owner_organisation_id = (
    select min(eo.organisation_id) from event_organisations eo where eo.event_id = events.id
);
update calls set owner_organisation_id = (
    select e.owner_organisation_id from events e where e.id = calls.event_id
);
create index events_owner_idx on events (owner_organisation_id);
create index calls_owner_idx on calls (owner_organisation_id);

create table organiser_requests (
    id integer primary key,
    account_id integer not null references accounts (id) on delete cascade,
    -- The organisation asked for; null for a new one until its approval creates it.
    organisation_id integer references organisations (id) on delete cascade,
    -- The new organisation as the person described it.
    new_name text not null default '',
    new_kind text not null default '',
    new_city text not null default '',
    new_website text not null default '',
    message text not null default '',
    -- pending | approved | declined
    status text not null,
    decided_by integer references accounts (id) on delete set null,
    decided_at text,
    created_at text not null
);
-- One open request per person.
create unique index organiser_requests_pending_key on organiser_requests (account_id) where status = 'pending';
create index organiser_requests_status_idx on organiser_requests (status, created_at);

-- Site-wide settings an administrator changes on /admin/settings (absent keys take defaults).
create table site_settings (
    key text primary key,
    value text not null
);

create index audit_log_at_idx on audit_log (at);
