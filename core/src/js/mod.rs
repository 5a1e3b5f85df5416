//! JavaScript/TypeScript bindings (feature `js`): `new Kibana(url, options)`, `client.actions.*`
//! (with `trialRun`/`sweepTrials`), `client.bulk.*`, `client.rules.*`, `client.space(id)`,
//! `client.spaces.*`.
//! Every method goes through `call::call`. Data keeps Kibana's wire shape (snake_case), so
//! Kibana's docs apply as written. TypeScript declarations come from the Rust types (tsify).
//!
//! Errors are thrown as JS `Error`s whose `name` tells the kind (`NotFoundError`,
//! `ConflictError`, `BadRequestError`, `SpaceNotFoundError`, ...) with `statusCode`, `body`
//! and `spaceId` where they apply.

mod actions;
mod bulk;
mod bulk_types;
mod call;
mod client;
mod error;
mod plan;
mod rotate;
mod rules;
mod spaces;
mod types;

pub use actions::JsActions;
pub use bulk::JsBulk;
pub use client::JsKibana;
pub use rules::JsRules;
pub use spaces::JsSpaces;
