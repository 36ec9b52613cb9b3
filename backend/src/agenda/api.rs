//! JSON API for agendas.
