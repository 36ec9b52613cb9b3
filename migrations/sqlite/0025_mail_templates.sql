-- Mail templates: the organisers of an event or a call may reword the mails it sends, per mail
-- kind and language. A row replaces the default text of the message catalogue; deleting it
-- (a reset) brings the default back (backend/src/mail_template/).

create table mail_templates (
    id integer primary key,
    -- The event or the call it belongs to: exactly one of them.
    event_id integer references events (id) on delete cascade,
    call_id integer references calls (id) on delete cascade,
    -- The mail, e.g. `registration-confirmed` (backend/src/mail_template/model.rs).
    kind text not null,
    lang text not null,
    -- Plain text with `{name}`-style placeholders.
    subject text not null,
    body text not null,
    updated_by integer references accounts (id) on delete set null,
    updated_at text not null,
    check ((event_id is null) <> (call_id is null))
);
create unique index mail_templates_event_idx on mail_templates (event_id, kind, lang)
    where event_id is not null;
create unique index mail_templates_call_idx on mail_templates (call_id, kind, lang)
    where call_id is not null;
