-- When a session first became public (the agenda was published with it). Null: never published,
-- so the session stays private whatever its status: a draft cancelled before publication must
-- not appear in the public agenda or in calendars as "cancelled".
alter table agenda_sessions add column published_at text;

-- The calendar UID a session was imported with: importing the same file again updates these
-- sessions instead of adding them twice.
alter table agenda_sessions add column import_uid text;
create unique index agenda_sessions_event_import_uid_key on agenda_sessions (event_id, import_uid);

-- Scheduled sessions are public. Cancelled ones were public if a published version holds them
-- (snapshots are JSON arrays of objects that begin with `"id":<id>,`).
update agenda_sessions set published_at = updated_at where status = 'scheduled';
update agenda_sessions set published_at = updated_at
where status = 'cancelled'
  and exists (
    select 1 from agenda_versions v
    where v.event_id = agenda_sessions.event_id
      and v.snapshot like '%{"id":' || agenda_sessions.id || ',%'
  );
