//! The activity page in a real browser. A file of its own: each test file gets a fresh page, and
//! a Router unmounted by an earlier test leaves its document-level click listener behind.

#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use leptos::prelude::*;
use partner_console::Shell;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_activity_page_lists_what_this_browser_did_without_the_gateway() {
    let log = partner_console::api::activity::Log {
        entries: vec![partner_console::api::activity::Entry {
            at: "2026-11-23T12:34:56.000Z".into(),
            action: "Place order".into(),
            target: "/v3/customers/1005/orders".into(),
            correlation_id: "c0ffee".into(),
            outcome: "Done".into(),
            ok: true,
        }],
    };
    let storage = web_sys::window().expect("window").local_storage().expect("storage").expect("storage");
    storage.set_item("partner-console.activity", &serde_json::to_string(&log).expect("json")).expect("set");
    go_to_path("/");
    let root = mount_point();
    let _handle = leptos::mount::mount_to(root.clone(), || view! { <Shell runtime=runtime()/> });
    click(&wait_for("activity link", || by_text(&root, "nav a", "Activity")).await);
    wait_for("activity page", || by_text(&root, "main h1", "Activity")).await;
    // No gateway answers here: the audit trail cannot load, this browser's log still shows.
    let row = wait_for("row", || query(&root, "section[aria-labelledby='browser-heading'] table tbody tr")).await;
    let row_text = text(&row);
    assert!(
        row_text.contains("Place order") && row_text.contains("c0ffee") && row_text.contains("2026-11-23 12:34:56"),
        "{row_text}"
    );
    assert_eq!(
        root.query_selector_all("section[aria-labelledby='browser-heading'] th[scope='col']")
            .expect("selector")
            .length(),
        5
    );
    wait_for("the audit trail says it could not load", || {
        query(&root, "section[aria-labelledby='audit-heading'] [role='alert']")
    })
    .await;
    storage.remove_item("partner-console.activity").expect("clean up");
    go_to_path("/");
}
