//! Whole pages that are not one area's own: home, not found, the configuration error, and the
//! landing page of areas that need a record first.

pub mod activity;
pub mod area_home;
pub mod config_error;
pub mod home;
pub mod not_found;
pub mod today;
