//! The console's resources: each a small module that says which columns, which fields, which
//! calls — built from the shared machinery of `components`.

pub mod customers;
pub mod linked_memberships;
pub mod orders;
pub mod resellers;

use crate::api::calls::{send, Endpoint};
use crate::api::error::{ApiError, Failure};
use crate::runtime::{use_runtime, Runtime};
use serde::de::DeserializeOwned;

/// The runtime. The shell provides it before any page exists; a page mounted without it is a
/// programming error, not a data problem.
pub fn runtime() -> Runtime {
    use_runtime().expect("the shell provides the runtime before any page")
}

/// Runs `endpoint` and keeps only the value.
pub async fn fetch<R: DeserializeOwned>(endpoint: Endpoint<R>) -> Result<R, Failure> {
    send(endpoint).await.map(|done| done.value)
}

/// A failure found before calling the API (a malformed id in the URL).
pub fn refused_locally(action: &str, problem: String) -> Failure {
    Failure { error: ApiError::Config(problem), action: action.into(), request_id: String::new(), correlation_id: String::new() }
}
