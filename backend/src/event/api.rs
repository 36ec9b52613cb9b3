//! JSON API for events.
