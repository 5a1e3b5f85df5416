//! Reusable pieces: they get data and callbacks as props and never fetch.

mod connector_fields;
mod connector_table;
mod error_view;
mod space_switcher;

pub use connector_fields::ConnectorFields;
pub use connector_table::ConnectorTable;
pub use error_view::ErrorView;
pub use space_switcher::SpaceSwitcher;
