//! Keyboard only: the journeys where money moves and customers move, done with Tab, typing,
//! Space and Enter alone — placing an order after its preview, a reseller change through its
//! confirmation dialog, and the VIP → VIPMP switches.

use fantoccini::key::Key;
use partner_devtools::*;
use std::time::Duration;

async fn start() -> (Sandbox, Browser) {
    let mut settings = partner_sandbox::Settings::new(&e2e_dist(), "/").expect("settings");
    settings.twin.pending_delay = Duration::from_secs(1);
    let sandbox = Sandbox::start_with(settings).await;
    (sandbox, Browser::start().await)
}

/// Presses Tab until the focused element is the one `wanted` picks (tag, text, id); at most
/// 80 times.
async fn tab_to(browser: &Browser, what: &str, wanted: impl Fn(&str, &str, &str) -> bool) {
    for _ in 0..80 {
        browser.press(Key::Tab).await;
        let (tag, text, id) = browser.focused().await;
        if wanted(&tag, &text, &id) {
            return;
        }
    }
    panic!("Tab never reached {what}");
}

/// Types `text` into the focused control, key by key.
async fn type_keys(browser: &Browser, text: &str) {
    browser.client.active_element().await.expect("focused element").send_keys(text).await.expect("type");
}

/// Tabs to the control whose label reads `label`, clears it with Backspace and types `text`.
async fn tab_and_type(browser: &Browser, label: &str, text: &str) {
    let id = browser.field(label).await.attr("id").await.expect("id").unwrap_or_default();
    tab_to(browser, label, |_, _, focused| focused == id).await;
    let current = browser.value_of(label).await;
    for _ in 0..current.chars().count() {
        browser.press(Key::Backspace).await;
    }
    type_keys(browser, text).await;
}

async fn tab_to_button(browser: &Browser, text: &str) {
    tab_to(browser, text, |tag, t, _| tag == "BUTTON" && t == text).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_order_is_previewed_and_placed_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}customers/1000000012/orders/new", sandbox.url)).await.expect("place an order");
    browser.heading("Place an order").await;
    tab_and_type(&browser, "Offer id", "65322651CA01A12").await;
    tab_and_type(&browser, "Quantity", "2").await;
    tab_to_button(&browser, "Preview order").await;
    browser.press(Key::Enter).await;
    browser.find("//section[contains(@class,'preview')]").await;
    tab_to_button(&browser, "Place order").await;
    browser.press(Key::Enter).await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reseller_change_is_committed_through_its_dialog_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    let codes = browser.approval_codes(&sandbox.url).await;
    let code = codes.iter().find(|c| c["expired"] == false && c["used"] == false).expect("a valid code");
    let receiving = browser.active_resellers(&sandbox.url).await.into_iter().find(|id| id != code["resellerId"].as_str().unwrap_or_default()).expect("another reseller");
    browser.client.goto(&format!("{}transfers?reseller={receiving}", sandbox.url)).await.expect("reseller change");
    browser.heading("Reseller change").await;
    tab_and_type(&browser, "Approval code", code["code"].as_str().unwrap_or_default()).await;
    tab_and_type(&browser, "Requested by (email)", "admin@customer.example").await;
    // Enter in a field sends its form.
    browser.press(Key::Enter).await;
    browser.find("//section[contains(@class,'preview')]//table").await;
    tab_to_button(&browser, "Commit the reseller change").await;
    browser.press(Key::Enter).await;
    browser.find("//dialog[@open]").await;
    // The dialog takes the focus; Escape closes it, and it opens again.
    browser.press(Key::Escape).await;
    browser.find("//dialog[not(@open)]").await;
    browser.press(Key::Enter).await;
    browser.find("//dialog[@open]").await;
    let (tag, text, _) = browser.focused().await;
    assert_eq!((tag.as_str(), text.as_str()), ("BUTTON", "Move the customer"), "the dialog's action has the focus");
    browser.press(Key::Enter).await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Reseller change ')]").await;
    browser.sees("Complete: the customer and its subscriptions are now yours.").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_transfer_switches_work_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}memberships/73000002", sandbox.url)).await.expect("membership");
    browser.sees("for 2 reason(s)").await;
    for label in ["Ignore order returns", "Expire open purchase authorizations"] {
        let id = browser.field(label).await.attr("id").await.expect("id").unwrap_or_default();
        tab_to(&browser, label, |_, _, focused| focused == id).await;
        browser.press(Key::Space).await;
    }
    browser.sees("The customer can transfer now.").await;
    browser.close().await;
}
