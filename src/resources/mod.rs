//! The console's resources: each a small module that says which columns, which fields, which
//! calls — built from the shared machinery of `components`.

pub mod acquisitions;
pub mod customers;
pub mod distributor;
pub mod linked_memberships;
pub mod memberships;
pub mod orders;
pub mod price_list;
pub mod resellers;
pub mod subscriptions;
pub mod transfers;

use crate::api::calls::{send, send_items, Endpoint, Listing, ValueOf};
use crate::api::error::Failure;
use crate::components::loading::{Load, Loaded};
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

/// The route's parameters, and the record they name.
pub type RecordLoad<P, R> = (Memo<P>, Loaded<R>);

/// The record the route's parameters name, read with `get` and read again when they change;
/// with the parameters, which the page needs too.
pub fn load_record<P, R>(get: fn(&Runtime, &P) -> Endpoint<R>) -> RecordLoad<P, R>
where
    P: leptos_router::params::Params + Default + Clone + PartialEq + Send + Sync + 'static,
    R: DeserializeOwned + Clone + Send + Sync + 'static,
{
    let rt = runtime();
    let params = crate::routes::params::<P>();
    let resource = Loaded::new(move || fetch(get(&rt, &params.get())));
    (params, resource)
}

/// The record the URL's `:id` names, read with `get` and read again when the id changes.
pub fn load_by_id<R: DeserializeOwned + Clone + Send + Sync + 'static>(
    get: fn(&Runtime, &str) -> Endpoint<R>,
) -> Loaded<R> {
    let rt = runtime();
    let params = crate::routes::params::<crate::routes::RecordParams>();
    Loaded::new(move || fetch(get(&rt, &params.read().id)))
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
pub fn fetch<R: DeserializeOwned + 'static>(endpoint: Endpoint<R>) -> ValueOf<R> {
    send(endpoint).value()
}

/// Runs a list's `endpoint` and keeps its items, read a batch a task ([`send_items`]).
pub async fn fetch_items<R: Listing>(endpoint: Endpoint<R>) -> Result<Vec<R::Item>, Failure> {
    send_items(endpoint).await
}
