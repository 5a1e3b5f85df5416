//! Screens: each owns its route and its data loading.

mod connect;
mod connectors;

pub use connect::ConnectPage;
pub use connectors::ConnectorsPage;
