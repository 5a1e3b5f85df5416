//! Form models: plain structs with validation, no view code, unit-tested natively.

mod ai_specs;
pub mod arriving_rows;
pub mod bulk;
pub mod connection;
pub mod connector_draft;
pub mod connector_id;
pub mod deployments;
pub mod features;
pub mod field_help;
pub mod field_spec;
pub mod field_specs;
pub mod field_visibility;
pub mod import_file;
pub mod list_filters;
pub mod params_specs;
pub mod promote;
pub mod rules_impact;
pub mod rules_query;
pub mod run_draft;
pub mod secrets_draft;
mod soar_specs;
pub mod table_query;
pub mod toasts;
pub mod type_catalog;
