//! Form models: plain structs with validation, no view code, unit-tested natively.

pub mod connection;
pub mod connector_draft;
