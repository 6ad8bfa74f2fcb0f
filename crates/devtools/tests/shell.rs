//! End to end: the release build served by the sandbox, in headless Chromium over WebDriver.
//! The health badge goes up, deep links survive a reload at `/` and under a sub-path, and the
//! navigation works with the keyboard alone.

use fantoccini::key::Key;
use partner_devtools::*;

async fn deep_links_survive_reload(base_path: &str, shot: &str) {
    let sandbox = Sandbox::start(&e2e_dist(), base_path).await;
    let browser = Browser::start().await;
    browser.client.goto(&sandbox.url).await.expect("open the console");
    browser.find("//*[@data-health='up' and normalize-space(.)='API up']").await;
    browser.heading("Partner console").await;
    // Under the sandbox's strict Content-Security-Policy the stylesheet still applies.
    let layout = browser.client.execute("return getComputedStyle(document.querySelector('header.top')).display;", vec![]).await.expect("script");
    assert_eq!(layout, "flex", "the stylesheet is applied");
    browser.screenshot(&format!("{shot}-home")).await;

    let deep = format!("{}customers/1005-0001", sandbox.url);
    browser.client.goto(&deep).await.expect("deep link");
    browser.heading("Customer 1005-0001").await;
    browser.client.refresh().await.expect("reload");
    browser.heading("Customer 1005-0001").await;
    browser.find("//*[@data-health='up']").await;
    assert_eq!(browser.path().await, format!("{base_path}customers/1005-0001"));
    browser.screenshot(&format!("{shot}-customer")).await;

    // Client-side navigation stays below the base, and its result reloads too.
    browser.find("//nav[@aria-label='Areas']//a[normalize-space(.)='Orders']").await.click().await.expect("click");
    browser.heading("Orders").await;
    assert_eq!(browser.path().await, format!("{base_path}orders"));
    browser.client.refresh().await.expect("reload");
    browser.heading("Orders").await;

    browser.client.goto(&format!("{}no/such/page", sandbox.url)).await.expect("unknown page");
    browser.heading("Page not found").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn at_the_root() {
    deep_links_survive_reload("/", "root").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn under_a_sub_path() {
    deep_links_survive_reload("/partner/console/", "subpath").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_navigation_works_with_the_keyboard_alone() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::start().await;
    browser.client.goto(&sandbox.url).await.expect("open the console");
    browser.find("//*[@data-health='up']").await;

    // The first Tab reaches the skip link; Enter moves focus to the content.
    browser.press(Key::Tab).await;
    assert_eq!(browser.focused().await.1, "Skip to content");
    browser.press(Key::Enter).await;
    assert_eq!(browser.focused().await.2, "main");

    let labels = ["Resellers", "Customers", "Orders", "Subscriptions", "Reseller changes", "VIP → VIPMP", "Linked memberships", "VMware subscriptions"];
    for label in labels {
        // Tab forward (wrapping to the top if needed) until the area's link has focus.
        let mut reached = false;
        for _ in 0..40 {
            browser.press(Key::Tab).await;
            let (tag, text, _) = browser.focused().await;
            if tag == "A" && text == label {
                reached = true;
                break;
            }
        }
        assert!(reached, "Tab never reached the {label} link");
        browser.press(Key::Enter).await;
        browser.heading(label).await;
    }
    browser.screenshot("keyboard-last-area").await;
    browser.close().await;
}
