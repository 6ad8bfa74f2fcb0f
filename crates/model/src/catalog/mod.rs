//! Catalogs of what the Commerce Partner API's codes mean: error codes and the reasons behind
//! them, status codes, and the commercial vocabulary (segments, order types, discount levels).
//! Plain static tables from the API docs, with lookups; no allocation, no I/O.

pub mod errors;
mod errors_data;
pub mod segments;
pub mod status;
