//! Shared building blocks of every page.

pub mod error_panel;
pub mod goto;
pub mod health_badge;
pub mod layout;
