//! Pieces more than one page shows. Loads arrive as props (pages fetch); the pieces that act
//! on Kibana themselves (bulk delete and run in the list, the trial run) do it through the
//! client in the app state, and report through [`ErrorView`].

mod bulk_results;
mod connector_fields;
mod connector_list;
mod connector_rows;
mod connector_table;
mod copy_button;
mod deployment_checklist;
mod error_view;
mod field_input;
mod id_field;
mod params_fields;
mod rules_guard;
mod run_outcome;
mod secret_fields;
mod space_switcher;
mod table_controls;
mod toasts;
mod trial_panel;
mod type_picker;

pub use bulk_results::{BulkResults, ProgressBar};
pub use connector_fields::ConnectorFields;
pub use connector_list::ConnectorList;
pub use connector_table::ConnectorTable;
pub use copy_button::CopyButton;
pub use deployment_checklist::DeploymentChecklist;
pub use error_view::{BoundaryErrors, ErrorView};
pub use field_input::{FieldErrorText, FieldInput};
pub use id_field::{Availability, IdField};
pub use params_fields::ParamsFields;
pub use rules_guard::{RulesGuard, rules_impact};
pub use run_outcome::RunOutcome;
pub use secret_fields::SecretFields;
pub use space_switcher::SpaceSwitcher;
pub use table_controls::{Pager, TypeFilter};
pub use toasts::Toasts;
pub use trial_panel::TrialPanel;
pub use type_picker::TypePicker;
