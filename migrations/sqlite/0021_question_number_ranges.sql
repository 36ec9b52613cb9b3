-- A number question's range: answers below number_min or above number_max are refused (both
-- optional; only number questions have them).
alter table registration_questions add column number_min real;
alter table registration_questions add column number_max real;
alter table call_questions add column number_min real;
alter table call_questions add column number_max real;
