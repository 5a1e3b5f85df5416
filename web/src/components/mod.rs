//! Reusable pieces: they get data and callbacks as props and never fetch.

mod bulk_results;
mod connector_fields;
mod connector_table;
mod copy_button;
mod error_view;
mod field_input;
mod secret_fields;
mod space_switcher;

pub use bulk_results::{BulkResults, ProgressBar};
pub use connector_fields::ConnectorFields;
pub use connector_table::ConnectorTable;
pub use copy_button::CopyButton;
pub use error_view::ErrorView;
pub use field_input::{FieldErrorText, FieldInput};
pub use secret_fields::SecretFields;
pub use space_switcher::SpaceSwitcher;
