//! `kibana-console`: a Leptos single-page console for Kibana connectors across spaces.
//! All Kibana calls go through the `kibana-connectors` client.

#![warn(missing_docs)]

mod app;
pub mod components;
pub mod data;
pub mod forms;
pub mod lazy;
pub mod pages;
pub mod routes;
pub mod state;

pub use app::App;
