//! Wire models: Kibana's JSON shapes (snake_case, as Kibana's docs show them).
//! Response models never reject unknown fields: Kibana adds fields between versions.

mod connector;
mod connector_type;
mod execute;
mod retry;
mod rule;
mod rule_type;
mod space;
mod status;
pub mod types;

pub use connector::{Connector, CreateConnector, Secrets, UpdateConnector};
pub use connector_type::ConnectorType;
pub use execute::{ExecuteResult, ExecuteStatus};
pub use retry::Retry;
pub use rule::{
    ActionFrequency, CreateRule, ExecutionStatus, FindRules, LastRun, Reference, Rule, RuleAction,
    RulesPage, Schedule, UpdateRule,
};
pub use rule_type::{ActionGroup, RuleType};
pub use space::{DEFAULT_SPACE, Space, validate_space_id};
pub use status::{License, LicenseInfo, Status, Version};
