//! The one integration test binary: every test starts convene on a fresh database and drives it
//! over HTTP. Add modules here rather than new test binaries (each binary links the whole app).

mod account;
mod admin;
mod agenda;
mod agenda_import;
mod api;
mod body_limits;
mod bookings;
mod browser;
mod calendar;
mod calls;
mod certificate_demo;
mod certificate_records;
mod certificates;
mod certificates_api;
mod checkin;
mod event;
mod exports;
mod jury_api;
mod jury_demo;
mod jury_fairness;
mod jury_pages;
mod jury_panels;
mod jury_records;
mod jury_reminders;
mod mail;
mod matchmaking;
mod matchmaking_api;
mod matchmaking_demo;
mod platform;
mod registration;
mod registration_form;
mod registration_privacy;
mod roles;
mod search;
mod site;
