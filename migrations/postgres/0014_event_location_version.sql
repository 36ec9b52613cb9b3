-- Counts the changes of where an event's sessions take place (the venue, its address, a room's
-- name). Calendar items carry it in their SEQUENCE, so calendar apps take a new location as an
-- update instead of keeping the old one.
alter table events add column location_version bigint not null default 0;
