-- Organisations that an administrator created or confirmed. Only these are offered in the pick
-- lists of the sign-up and profile forms; a name somebody typed in stays out of sight of everyone
-- else until then. Existing organisations with a kind, or named as an event's organiser, count
-- as confirmed.
alter table organisations add column verified_at text;
update organisations set verified_at = created_at
where kind <> 'other' or id in (select organisation_id from event_organisations);
