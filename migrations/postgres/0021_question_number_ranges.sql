-- A number question's range: answers below number_min or above number_max are refused (both
-- optional; only number questions have them).
alter table registration_questions add column number_min double precision;
alter table registration_questions add column number_max double precision;
alter table call_questions add column number_min double precision;
alter table call_questions add column number_max double precision;
