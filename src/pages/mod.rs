//! Whole pages that are not one area's own: home, not found, the configuration error.

pub mod activity;
pub mod config_error;
pub mod home;
pub mod not_found;
pub mod today;
