//! The partner console's model: one definition of what crosses the wire and of the rules on it,
//! compiled into the browser app and into the sandbox server alike. Plain Rust, no web
//! dependencies.

pub mod config;
pub mod error;
pub mod ids;
pub mod text;
