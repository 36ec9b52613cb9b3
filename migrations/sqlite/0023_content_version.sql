-- Public agenda pages and calendar feeds are rendered once per version of what they show and
-- kept in memory (backend/src/http/render_cache.rs). Every change to an event, its rooms, tracks,
-- sessions, their people, its organisations or its published agenda versions raises the event's
-- content_version, in the same transaction, by triggers: no writer can forget it, and every app
-- server sharing the database sees the new version with the event row it reads anyway.

alter table events add column content_version integer not null default 0;
-- sqlite-only: SQLite triggers have their bodies inline and fire on one kind of change each
create trigger events_content_version after update on events
when new.content_version = old.content_version
begin
    update events set content_version = old.content_version + 1 where id = new.id;
end;
create trigger rooms_insert_content_version after insert on rooms
begin
    update events set content_version = content_version + 1 where id = new.event_id;
end;
create trigger rooms_update_content_version after update on rooms
begin
    update events set content_version = content_version + 1 where id = new.event_id;
end;
create trigger rooms_delete_content_version after delete on rooms
begin
    update events set content_version = content_version + 1 where id = old.event_id;
end;
create trigger tracks_insert_content_version after insert on tracks
begin
    update events set content_version = content_version + 1 where id = new.event_id;
end;
create trigger tracks_update_content_version after update on tracks
begin
    update events set content_version = content_version + 1 where id = new.event_id;
end;
create trigger tracks_delete_content_version after delete on tracks
begin
    update events set content_version = content_version + 1 where id = old.event_id;
end;
create trigger agenda_sessions_insert_content_version after insert on agenda_sessions
begin
    update events set content_version = content_version + 1 where id = new.event_id;
end;
create trigger agenda_sessions_update_content_version after update on agenda_sessions
begin
    update events set content_version = content_version + 1 where id = new.event_id;
end;
create trigger agenda_sessions_delete_content_version after delete on agenda_sessions
begin
    update events set content_version = content_version + 1 where id = old.event_id;
end;
create trigger agenda_versions_insert_content_version after insert on agenda_versions
begin
    update events set content_version = content_version + 1 where id = new.event_id;
end;
create trigger agenda_versions_update_content_version after update on agenda_versions
begin
    update events set content_version = content_version + 1 where id = new.event_id;
end;
create trigger agenda_versions_delete_content_version after delete on agenda_versions
begin
    update events set content_version = content_version + 1 where id = old.event_id;
end;
create trigger event_organisations_insert_content_version after insert on event_organisations
begin
    update events set content_version = content_version + 1 where id = new.event_id;
end;
create trigger event_organisations_update_content_version after update on event_organisations
begin
    update events set content_version = content_version + 1 where id = new.event_id;
end;
create trigger event_organisations_delete_content_version after delete on event_organisations
begin
    update events set content_version = content_version + 1 where id = old.event_id;
end;
create trigger session_people_insert_content_version after insert on session_people
begin
    update events set content_version = content_version + 1
    where id = (select event_id from agenda_sessions where id = new.session_id);
end;
create trigger session_people_update_content_version after update on session_people
begin
    update events set content_version = content_version + 1
    where id = (select event_id from agenda_sessions where id = new.session_id);
end;
create trigger session_people_delete_content_version after delete on session_people
begin
    update events set content_version = content_version + 1
    where id = (select event_id from agenda_sessions where id = old.session_id);
end;
-- end sqlite-only
