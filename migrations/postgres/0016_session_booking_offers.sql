-- A freed seat in a limited session is offered to the next person in line for a limited time,
-- as places of the event are: status 'offered' until offer_expires_at, then 'expired' and the
-- seat moves on. Statuses: confirmed | waitlisted | offered | expired | cancelled.
alter table session_bookings add column offer_expires_at timestamptz;
create index session_bookings_offer_idx on session_bookings (status, offer_expires_at);
