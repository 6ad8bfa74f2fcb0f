//! Resilience of reading, end to end: API strings holding HTML and script are shown as text
//! and nothing runs; a malformed answer is explained and "Try again" recovers; a page whose
//! code fails to download says so, and "Try again" downloads it. Every change meeting every
//! fault is `faults.rs`.

use partner_devtools::*;
use serde_json::{json, Value};
use std::time::Duration;

async fn start(hostile: bool) -> (Sandbox, Browser) {
    let mut settings = Setup::new(&e2e_dist(), "/");
    settings.sandbox.twin.pending_delay = Duration::from_secs(1);
    settings.sandbox.hostile = hostile;
    let sandbox = Sandbox::start_with(settings).await;
    let browser = Browser::signed_in(&sandbox).await;
    (sandbox, browser)
}

/// Whether anything the sandbox sent ran as script or markup.
async fn pwned(browser: &Browser) -> Value {
    browser
        .client
        .execute("return [window.__pwned === undefined ? null : window.__pwned, document.querySelectorAll('img[src=\"x\"], main script, main b').length];", vec![])
        .await
        .expect("page state")
}

#[tokio::test(flavor = "multi_thread")]
async fn api_strings_with_html_and_script_are_shown_as_text() {
    let (sandbox, browser) = start(true).await;
    let text = partner_sandbox::faults::HOSTILE_TEXT;
    browser.client.goto(&format!("{}resellers?company-name=Hostile*", sandbox.url)).await.expect("resellers");
    browser
        .find(&format!("//main//table//a[normalize-space(.)={}]", xpath_literal(&format!("Hostile {text}"))))
        .await
        .click()
        .await
        .expect("open");
    browser.find(&format!("//main//h1[normalize-space(.)={}]", xpath_literal(&format!("Hostile {text}")))).await;
    let reseller = browser.path().await.rsplit('/').next().unwrap_or_default().to_string();
    browser.client.goto(&format!("{}customers?reseller={reseller}", sandbox.url)).await.expect("customers");
    browser.sees(&format!("Hostile customer {text}")).await;
    browser.screenshot("resilience-hostile-names").await;
    assert_eq!(pwned(&browser).await, json!([null, 0]), "nothing ran, no markup was made");

    browser
        .client
        .goto(&format!("{}distributor-subscriptions?filter=CUSTOMER_NAME:LIKE:Hostile&inactive=true", sandbox.url))
        .await
        .expect("distributor");
    browser.sees(&format!("Hostile {text}")).await;
    assert_eq!(pwned(&browser).await, json!([null, 0]));

    // An error whose message and details hold markup.
    browser.set_faults(json!([{ "method": "GET", "path": "/v3/resellers/**", "kind": "hostile" }])).await;
    browser.client.goto(&format!("{}resellers", sandbox.url)).await.expect("resellers");
    browser.find("//main//*[contains(@class,'error-panel')]").await;
    browser
        .find(&format!("//main//ul[contains(@class,'error-details')]/li[normalize-space(.)={}]", xpath_literal(text)))
        .await;
    browser.screenshot("resilience-hostile-error").await;
    assert_eq!(pwned(&browser).await, json!([null, 0]));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_malformed_answer_is_explained_and_try_again_recovers() {
    let (sandbox, browser) = start(false).await;
    browser.client.goto(&sandbox.url).await.expect("home");
    browser.set_faults(json!([{ "method": "GET", "path": "/v3/customers/*", "kind": "malformed" }])).await;
    browser.client.goto(&format!("{}customers/1000000012", sandbox.url)).await.expect("hub");
    let panel = browser.find("//main//*[contains(@class,'error-panel')]").await;
    let said = panel.text().await.expect("panel text");
    assert!(!said.trim().is_empty(), "the panel says what happened");
    browser.screenshot("resilience-malformed").await;
    browser.set_faults(json!([])).await;
    browser.click("Try again").await;
    browser.heading("Fairmont Hotels Group").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_whose_code_fails_to_download_says_so_and_try_again_loads_it() {
    let (sandbox, browser) = start(false).await;
    browser.client.goto(&sandbox.url).await.expect("home");
    browser.find("//main//h1").await;
    // The partners area's chunk (scripts/build-release, crates/split): its first download meets a gateway error.
    browser
        .set_faults(
            json!([{ "method": "GET", "path": "/split-*/split_partners.wasm", "kind": "status", "status": 502, "times": 1 }]),
        )
        .await;
    browser.click("Resellers").await;
    browser.heading("This page could not be downloaded").await;
    browser.screenshot("resilience-page-code-not-downloaded").await;
    browser.click("Try again").await;
    browser.heading("Resellers").await;
    browser.sees("Northwind Software Partners").await;
    browser.close().await;
}
