//! `kibana-sim`: a local emulator of Kibana's Connectors (Actions) and Spaces HTTP APIs.
//!
//! It follows real Kibana's documented behaviour, quirks included (create answers 200, delete
//! 204, connector failures are HTTP 200 with `status:"error"`, ids are unique across spaces,
//! unknown spaces are accepted, update is a full replace), runs hapi's request lifecycle in
//! order, and makes real HTTP and SMTP calls when connectors run.
//!
//! ```no_run
//! # async fn demo() -> Result<(), String> {
//! let sim = kibana_sim::start(kibana_sim::SimConfig { port: 0, ..Default::default() }).await?;
//! println!("Kibana API at {}", sim.url);
//! sim.stop();
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

pub mod admin;
pub mod alerting;
pub mod auth;
pub mod config;
pub mod cors;
pub mod error;
pub mod es;
pub mod exec;
pub mod faults;
pub mod fuzzing;
mod handlers;
pub mod profile;
pub mod reply;
pub mod routes;
pub mod schema;
pub mod seed;
pub mod server;
pub mod state;
pub mod store;
pub mod types;

pub use config::{License, Principal, Privilege, SimConfig};
pub use server::{RunningSim, start};
pub use state::Sim;
