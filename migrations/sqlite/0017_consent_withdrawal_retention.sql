-- Consents can be withdrawn: the answer keeps the instant it was given and records when it was
-- withdrawn (null: in force). Registrations are anonymised a number of months after the event
-- when the organisers set a retention period (null: kept until deleted).
alter table registration_answers add column withdrawn_at text;
alter table registration_settings add column retention_months integer;
alter table registration_settings add column anonymised_at text;
