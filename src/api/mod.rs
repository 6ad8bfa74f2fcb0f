//! The fetch layer: every call the console makes to the proxy goes through here. The policy
//! (headers, intents, retries, error classification, decoding) is plain Rust over a small
//! transport trait; the browser's transport is one implementation of it.

pub mod activity;
pub mod calls;
pub mod client;
pub mod error;
pub mod health;
pub mod objects;
pub mod policy;
pub mod together;
pub mod tracker;
pub mod transport;
