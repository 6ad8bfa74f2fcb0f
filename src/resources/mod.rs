//! The console's resources: each a small module that says which columns, which fields, which
//! calls — built from the shared machinery of `components`.

pub mod customers;
pub mod linked_memberships;
pub mod orders;
pub mod resellers;
pub mod subscriptions;

use crate::api::calls::{send, Endpoint};
use crate::api::error::{ApiError, Failure};
use crate::runtime::{use_runtime, Runtime};
use leptos::prelude::*;
use serde::de::DeserializeOwned;

/// The runtime. The shell provides it before any page exists; a page mounted without it is a
/// programming error, not a data problem.
pub fn runtime() -> Runtime {
    use_runtime().expect("the shell provides the runtime before any page")
}

/// The record named by the URL's `:id`, read with `get` and read again when the id changes.
pub fn load_by_id<R: DeserializeOwned + Send + Sync + 'static>(get: fn(&Runtime, &str) -> Endpoint<R>) -> LocalResource<Result<R, Failure>> {
    let rt = runtime();
    let params = leptos_router::hooks::use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    LocalResource::new(move || fetch(get(&rt, &id.get())))
}

/// Runs `endpoint` and keeps only the value.
pub async fn fetch<R: DeserializeOwned>(endpoint: Endpoint<R>) -> Result<R, Failure> {
    send(endpoint).await.map(|done| done.value)
}

/// A failure found before calling the API (a malformed id in the URL).
pub fn refused_locally(action: &str, problem: String) -> Failure {
    Failure { error: ApiError::Config(problem), action: action.into(), request_id: String::new(), correlation_id: String::new() }
}
