//! Reusable pieces: they get data and callbacks as props and never fetch.

mod connector_fields;
mod connector_table;
mod copy_button;
mod error_view;
mod field_input;
mod space_switcher;

pub use connector_fields::ConnectorFields;
pub use connector_table::ConnectorTable;
pub use copy_button::CopyButton;
pub use error_view::ErrorView;
pub use field_input::{FieldErrorText, FieldInput};
pub use space_switcher::SpaceSwitcher;
