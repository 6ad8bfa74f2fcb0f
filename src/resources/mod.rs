//! The console's resources: each a small module that says which columns, which fields, which
//! calls — built from the shared machinery of `components`.

pub mod acquisitions;
pub mod customers;
pub mod distributor;
pub mod linked_memberships;
pub mod memberships;
pub mod orders;
pub mod resellers;
pub mod subscriptions;
pub mod transfers;

use crate::api::calls::{send, Endpoint};
use crate::api::error::Failure;
use crate::components::loading::Load;
use crate::runtime::{use_runtime, Runtime};
use leptos::prelude::*;
use serde::de::DeserializeOwned;

/// The runtime. The shell provides it before any page exists; a page mounted without it (a
/// programming error) logs it and runs on the default configuration instead of stopping the app.
pub fn runtime() -> Runtime {
    use_runtime().unwrap_or_else(|| {
        leptos::logging::error!("a page was mounted without the shell's runtime; using the default configuration");
        Runtime::new(partner_model::config::ConsoleConfig::default(), "/")
    })
}

/// The ids of a route's two params, and the record they name.
pub type PairLoad<R> = (Memo<(String, String)>, LocalResource<Result<R, Failure>>);

/// The record named by the route's params `first` and `second` (`:customer` and `:id`), read
/// with `get` and read again when either changes; with the params, which the page needs too.
pub fn load_by_pair<R: DeserializeOwned + Send + Sync + 'static>(
    first: &'static str,
    second: &'static str,
    get: fn(&Runtime, &str, &str) -> Endpoint<R>,
) -> PairLoad<R> {
    let rt = runtime();
    let params = leptos_router::hooks::use_params_map();
    let ids = Memo::new(move |_| {
        let p = params.read();
        (p.get(first).unwrap_or_default(), p.get(second).unwrap_or_default())
    });
    let resource = LocalResource::new(move || {
        let (a, b) = ids.get();
        fetch(get(&rt, &a, &b))
    });
    (ids, resource)
}

/// The record named by the URL's `:id`, read with `get` and read again when the id changes.
pub fn load_by_id<R: DeserializeOwned + Send + Sync + 'static>(
    get: fn(&Runtime, &str) -> Endpoint<R>,
) -> LocalResource<Result<R, Failure>> {
    let rt = runtime();
    let params = leptos_router::hooks::use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    LocalResource::new(move || fetch(get(&rt, &id.get())))
}

/// The page of the record the URL's `:id` names: read with `get`, drawn with `render`.
#[component]
pub fn RecordById<R, F>(
    /// The call that reads the record.
    get: fn(&Runtime, &str) -> Endpoint<R>,
    /// What is loading ("the customer").
    what: &'static str,
    /// Draws the record.
    render: F,
) -> impl IntoView
where
    R: DeserializeOwned + Clone + Send + Sync + 'static,
    F: Fn(R) -> AnyView + Clone + Send + Sync + 'static,
{
    let resource = load_by_id(get);
    view! { <section class="page"><Load resource what render/></section> }
}

/// Runs `endpoint` and keeps only the value.
pub async fn fetch<R: DeserializeOwned>(endpoint: Endpoint<R>) -> Result<R, Failure> {
    send(endpoint).await.map(|done| done.value)
}
