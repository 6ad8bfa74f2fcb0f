//! Pages whose code loads when they are first opened.
//!
//! The release build is split (the `split` feature, see `crates/split`): each area's pages go
//! into their own WebAssembly chunk, so the first load carries only the shell and the home page.
//! The customer hub, where most visits start, is an area of its own (`hub`): a cold visit of it
//! then fetches its own code and what it shares, not every customer page's. Placing an order is
//! one too (`order`): its form, offer picker and discounts are most of its weight (the picker
//! is shared since 2026-12-06 with the customers area's page that adds a product to a
//! renewal), and with the other customer pages its first visit fetched 607 KB instead of 437. The forms that check a
//! customer's whole account (create, edit, benefits) are in `partners` with the reseller's,
//! which check against the same tables of places. Of the customer pages only they do, and
//! with the others they made the first visit of the lists, orders and subscriptions 591 KB
//! instead of 528 (partners' went from 482 to 509 KB). The other customer pages are
//! `customers`; everything else (resellers, activity, VMware, moves) is `partners`.
//! Areas are few on purpose: the splitter makes a file of each set of areas sharing code, and
//! each file loses compression context and adds call shims. `docs/performance-log.md` ("Three
//! areas, and one copy of the machinery") has the groupings measured and their figures.
//! Every other build (debug, tests) links the pages in directly and renders them at once.

#[cfg(feature = "split")]
use crate::i18n::t;
#[cfg(feature = "split")]
use leptos::prelude::*;

/// A route's `view=`: the page `$page` (a component without props), kept in the chunk `$chunk`
/// of the split build. `$name` names the split point and must be unique in the crate.
///
/// The view is a plain `fn() -> AnyView`, the same type for every page: routes of one path
/// shape then share the router's code for them, where a closure type per page made the router
/// copy its matching and drawing for each of the 29 routes.
#[macro_export]
macro_rules! split_page {
    ($chunk:ident, $name:ident, $page:path) => {{
        #[cfg(feature = "split")]
        #[::wasm_split_helpers::wasm_split($chunk, fallible)]
        fn $name() -> ::core::result::Result<::leptos::prelude::AnyView, ::wasm_split_helpers::SplitLoaderError> {
            ::core::result::Result::Ok(::leptos::prelude::IntoAny::into_any($page()))
        }
        fn view() -> ::leptos::prelude::AnyView {
            #[cfg(feature = "split")]
            return $crate::split::page(|| ::std::boxed::Box::pin($name()));
            #[cfg(not(feature = "split"))]
            return ::leptos::prelude::IntoAny::into_any($page());
        }
        view as fn() -> ::leptos::prelude::AnyView
    }};
}

/// A page being fetched: where the load stands.
#[cfg(feature = "split")]
type Fetch =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<AnyView, wasm_split_helpers::SplitLoaderError>>>>;

/// Renders a split page: a busy note while its code downloads, the page once it is there, and
/// a way to try again when the download failed (the loader forgets failures, so a second
/// attempt fetches afresh).
#[cfg(feature = "split")]
pub fn page(fetch: fn() -> Fetch) -> AnyView {
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">{t::split::loading()}</p> }>
            {move || {
                attempt.track();
                Suspend::new(send_wrapper::SendWrapper::new(async move {
                    // Whether the chunk came in a later task (downloaded and started), or in
                    // this one (its module already here: the loader answers through promises).
                    let came_later = crate::api::transport::task_passed();
                    match fetch().await {
                        // The page's component ran in the task its chunk arrived in; it is drawn
                        // in the next, so neither is one long task with the chunk's start. A
                        // page whose code was here is drawn at once, its note never shown.
                        Ok(view) => {
                            if came_later.get() {
                                crate::api::transport::sleep(std::time::Duration::ZERO).await;
                            }
                            view
                        }
                        Err(_) => failed(attempt).into_any(),
                    }
                }))
            }}
        </Suspense>
    }
    .into_any()
}

/// What a page shows when its code could not be downloaded.
#[cfg(feature = "split")]
fn failed(attempt: RwSignal<u32>) -> impl IntoView {
    view! {
        <div class="error-panel" role="alert">
            <h1>{t::split::failed()}</h1>
            <p class="what">{t::split::what()}</p>
            <p class="todo">{t::split::todo()}</p>
            <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>{t::split::again()}</button>
        </div>
    }
}
