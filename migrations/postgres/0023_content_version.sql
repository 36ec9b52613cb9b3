-- Public agenda pages and calendar feeds are rendered once per version of what they show and
-- kept in memory (backend/src/http/render_cache.rs). Every change to an event, its rooms, tracks,
-- sessions, their people, its organisations or its published agenda versions raises the event's
-- content_version, in the same transaction, by triggers: no writer can forget it, and every app
-- server sharing the database sees the new version with the event row it reads anyway.

alter table events add column content_version bigint not null default 0;
-- postgres-only: PostgreSQL triggers call PL/pgSQL functions
create function events_content_version() returns trigger language plpgsql as $$
begin
    if new.content_version = old.content_version then
        new.content_version := old.content_version + 1;
    end if;
    return new;
end $$;
create trigger events_content_version before update on events
    for each row execute function events_content_version();

create function event_child_content_version() returns trigger language plpgsql as $$
declare
    changed bigint;
begin
    if tg_op = 'DELETE' then changed := old.event_id; else changed := new.event_id; end if;
    update events set content_version = content_version + 1 where id = changed;
    return null;
end $$;
create trigger rooms_content_version after insert or update or delete on rooms
    for each row execute function event_child_content_version();
create trigger tracks_content_version after insert or update or delete on tracks
    for each row execute function event_child_content_version();
create trigger agenda_sessions_content_version after insert or update or delete on agenda_sessions
    for each row execute function event_child_content_version();
create trigger agenda_versions_content_version after insert or update or delete on agenda_versions
    for each row execute function event_child_content_version();
create trigger event_organisations_content_version after insert or update or delete on event_organisations
    for each row execute function event_child_content_version();

create function session_people_content_version() returns trigger language plpgsql as $$
declare
    changed bigint;
begin
    if tg_op = 'DELETE' then changed := old.session_id; else changed := new.session_id; end if;
    update events set content_version = content_version + 1
    where id = (select event_id from agenda_sessions where id = changed);
    return null;
end $$;
create trigger session_people_content_version after insert or update or delete on session_people
    for each row execute function session_people_content_version();
-- end postgres-only
