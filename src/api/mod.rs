//! The fetch layer: every call the console makes to the proxy goes through here.

pub mod health;
pub mod transport;
