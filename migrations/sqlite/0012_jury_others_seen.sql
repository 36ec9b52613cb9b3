-- When a juror opened the other jurors' reviews of an entry (rounds that show them "after my
-- own review"). From then on their own review of that entry is locked: seeing the others first
-- and then replacing one's own review (or turning an abstention into scores) would game the
-- rule. Null: not seen.
alter table jury_reviews add column others_seen_at text;
