//! Whole pages that are not one area's own: home, not found, the configuration error, and the
//! placeholders of areas not built yet.

pub mod activity;
pub mod config_error;
pub mod home;
pub mod not_found;
pub mod placeholder;
