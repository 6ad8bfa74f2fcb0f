//! Shared building blocks of every page.

pub mod goto;
pub mod health_badge;
pub mod layout;
