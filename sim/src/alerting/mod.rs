//! Alerting rules as Kibana's alerting plugin keeps them: the registered rule types, creating
//! and updating rules through its rules client's checks, their references to connectors, and
//! the `_find` query with its KQL filter. The sim does not run rules on a schedule.

pub mod find;
pub mod kql;
pub mod rule;
pub mod rule_types;
