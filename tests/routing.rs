//! The shell's routing in a real browser: a page reads the path parameters and the query of
//! the URL it shows, also when the same route is shown again for other parameters (which the
//! shell's `FlatRoutes` keeps without drawing the page again). A file of its own: each test
//! file gets a fresh page, and a Router leaves its document-level listeners behind.

#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;
use partner_console::components::query::use_query_state;
use partner_console::routes::{params, RecordParams};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Shows its record id and the query's `q`, and counts how often it was drawn.
#[component]
fn Probe(draws: StoredValue<u32>) -> impl IntoView {
    draws.update_value(|n| *n += 1);
    let (record, query) = (params::<RecordParams>(), use_query_state());
    view! { <p id="probe">{move || format!("{} {}", record.get().id, query.get("q"))}</p> }
}

#[wasm_bindgen_test]
async fn a_route_shown_for_other_parameters_reads_their_query() {
    go_to_path("/records/a?q=1");
    let root = mount_point();
    let draws = StoredValue::new(0u32);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <Router>
                <FlatRoutes fallback=|| "not found">
                    <Route path=path!("/records/:id") view=move || view! { <Probe draws/> }/>
                </FlatRoutes>
            </Router>
        }
    });
    let shows = |expected: &'static str| {
        let root = root.clone();
        move || query(&root, "#probe").filter(|p| text(p) == expected)
    };
    wait_for("a 1", shows("a 1")).await;
    // Only the query changes.
    go_to_path("/records/a?q=2");
    wait_for("a 2", shows("a 2")).await;
    // Another record, another query: the same route.
    go_to_path("/records/b?q=3");
    wait_for("b 3", shows("b 3")).await;
    // Another record without a query.
    go_to_path("/records/c");
    wait_for("c", shows("c")).await;
    // Back to a record with one.
    let history = web_sys::window().expect("window").history().expect("history");
    history.back().expect("back");
    wait_for("b 3 again", shows("b 3")).await;
    assert_eq!(draws.get_value(), 1, "the page was drawn once, its parameters and query followed");
    go_to_path("/");
}
