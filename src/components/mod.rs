//! Shared building blocks of every page: the frame, and the list / detail / form machinery
//! each resource is made of.

pub mod across;
pub mod address;
pub mod charts;
pub mod confirm;
pub mod csv;
pub mod detail;
pub mod error_panel;
pub mod filters;
pub mod form;
pub mod goto;
pub mod health_badge;
pub mod layout;
pub mod list;
pub mod loading;
pub mod names;
pub mod pager;
pub mod query;
pub mod sandbox_help;
pub mod status;
pub mod submit;
pub mod table;
pub mod term;
pub mod toast;
