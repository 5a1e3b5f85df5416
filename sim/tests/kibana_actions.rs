//! Kibana's own API integration tests for the actions routes, transcribed: each test names its
//! source file in `elastic/kibana` and the `it(...)` title, and runs it for every scenario user
//! of `security_and_spaces/scenarios.ts` with Kibana's expected status and body, against the
//! settings of Kibana's test server (`kibana_ftr.yml`) on the newest profile (9.5).
//!
//! Sources: `x-pack/platform/test/alerting_api_integration/security_and_spaces/group2/tests/
//! actions/{create,get,get_all,update,delete,execute,connector_types}.ts`. Cases that need
//! parts of Kibana the sim does not model (the event log, save hooks indexing into
//! Elasticsearch, alerting rules, the fixture plugin's own routes, saved-object import) are
//! listed in the README's fidelity table instead.

mod common;

#[path = "kibana_actions/crud.rs"]
mod crud;
#[path = "kibana_actions/execute.rs"]
mod execute;

#[path = "kibana_actions/scenarios.rs"]
mod scenarios;

pub use scenarios::*;
