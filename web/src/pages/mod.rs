//! Screens: each owns its route and its data loading.

mod connect;
mod connectors;
mod create;

pub use connect::ConnectPage;
pub use connectors::ConnectorsPage;
pub use create::CreatePage;
