//! End to end, placing orders: a preview that changes an offer id, then the order placed and
//! followed until it completes; a Place whose first two answers are dropped on the wire, and a
//! double-clicked Place — one order each, counted in the sandbox.

use partner_devtools::*;
use std::time::Duration;

async fn start() -> (Sandbox, Browser) {
    let mut settings = partner_sandbox::Settings::new(&e2e_dist(), "/").expect("settings");
    settings.twin.pending_delay = Duration::from_secs(2);
    let sandbox = Sandbox::start_with(settings).await;
    (sandbox, Browser::start().await)
}

/// Opens the hub of Fairmont Hotels Group, a customer of Northwind Software Partners.
async fn open_fairmont(browser: &Browser, sandbox: &Sandbox) {
    browser.client.goto(&format!("{}resellers?sort-by=companyName&order-by=asc", sandbox.url)).await.expect("resellers");
    browser.click("Northwind Software Partners").await;
    browser.heading("Northwind Software Partners").await;
    let reseller = browser.path().await.rsplit('/').next().unwrap_or_default().to_string();
    browser.client.goto(&format!("{}customers?reseller={reseller}&company-name=Fairmont*", sandbox.url)).await.expect("customers");
    browser.click("Fairmont Hotels Group").await;
    browser.heading("Fairmont Hotels Group").await;
}

/// Opens Place an order for Fairmont Hotels Group and previews 3 × Creative Cloud All Apps
/// for teams entered at level 01.
async fn preview_an_order(browser: &Browser, sandbox: &Sandbox) {
    open_fairmont(browser, sandbox).await;
    browser.click("Place an order").await;
    browser.heading("Place an order").await;
    browser.fill("Offer id", "65322651CA01A12").await;
    browser.fill("Quantity", "3").await;
    browser.click("Preview order").await;
    browser.find("//section[contains(@class,'preview')]//td[starts-with(normalize-space(.), 'Changed from level 01 to')]").await;
}

async fn orders_created(browser: &Browser, sandbox: &Sandbox) -> u64 {
    browser.sandbox_stats(&sandbox.url).await["created"]["order"].as_u64().unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn preview_then_place_and_watch_the_order_complete() {
    let (sandbox, browser) = start().await;
    preview_an_order(&browser, &sandbox).await;
    let preview = browser.find("//section[contains(@class,'preview')]").await;
    browser.show(&preview).await;
    browser.screenshot("orders-preview").await;
    let before = orders_created(&browser, &sandbox).await;
    browser.click("Place order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    browser.sees("The order is open").await;
    browser.screenshot("orders-open").await;
    // Followed until complete; the line then has its subscription.
    browser.sees("Complete: this order no longer changes on its own.").await;
    browser.find("//table//td/a[contains(@href, '/subscriptions/')]").await;
    browser.screenshot("orders-complete").await;
    assert_eq!(orders_created(&browser, &sandbox).await, before + 1);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_place_whose_first_two_answers_are_dropped_places_one_order() {
    let (sandbox, browser) = start().await;
    preview_an_order(&browser, &sandbox).await;
    let status = browser
        .client
        .execute_async(
            "const [rules, done] = arguments; fetch('__sandbox/faults', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rules) }).then(r => done(r.status), e => done(String(e)));",
            vec![serde_json::json!([{ "method": "POST", "path": "/v3/customers/*/orders", "kind": "drop", "times": 2 }])],
        )
        .await
        .expect("set faults");
    assert_eq!(status, 200);
    let before = orders_created(&browser, &sandbox).await;
    browser.click("Place order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    assert_eq!(orders_created(&browser, &sandbox).await, before + 1, "the API acted on the first attempt only; the retries replayed it");
    browser.screenshot("orders-after-dropped-answers").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_double_clicked_place_places_one_order() {
    let (sandbox, browser) = start().await;
    preview_an_order(&browser, &sandbox).await;
    let before = orders_created(&browser, &sandbox).await;
    let place = browser.find("//button[normalize-space(.)='Place order']").await;
    browser
        .client
        .execute("arguments[0].click(); arguments[0].click();", vec![serde_json::to_value(&place).expect("element")])
        .await
        .expect("double click");
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(orders_created(&browser, &sandbox).await, before + 1);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_filtered_history_survives_a_reload() {
    let (sandbox, browser) = start().await;
    open_fairmont(&browser, &sandbox).await;
    browser.find("//nav[@aria-label=\"This customer's records\"]//a[normalize-space(.)='Orders']").await.click().await.expect("orders");
    browser.find("//main//h1[starts-with(normalize-space(.), 'Orders of customer')]").await;
    browser.find("//table[contains(@class,'data')]/tbody/tr").await;
    browser.field("New").await.click().await.expect("tick New");
    browser.find("//input[@id='filter-order-type-NEW' and @type='checkbox']").await;
    let types = "//table[contains(@class,'data')]/tbody/tr/td[2]";
    browser.find(types).await;
    let url = browser.client.current_url().await.expect("url").to_string();
    assert!(url.contains("order-type=NEW"), "{url}");
    let shown = |cells: Vec<fantoccini::elements::Element>| async move {
        let mut out = Vec::new();
        for c in cells {
            out.push(c.text().await.expect("text"));
        }
        out
    };
    let before = shown(browser.client.find_all(fantoccini::Locator::XPath(types)).await.expect("cells")).await;
    assert!(!before.is_empty() && before.iter().all(|t| t == "NEW"), "only NEW orders: {before:?}");
    browser.client.refresh().await.expect("reload");
    browser.find(types).await;
    let checked = browser.field("New").await.prop("checked").await.expect("prop");
    assert_eq!(checked.as_deref(), Some("true"), "the filter is still set");
    let after = shown(browser.client.find_all(fantoccini::Locator::XPath(types)).await.expect("cells")).await;
    assert_eq!(before, after, "the same view after a reload");
    browser.screenshot("orders-history-filtered").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn set_each_auto_renewal_state() {
    let (sandbox, browser) = start().await;
    open_fairmont(&browser, &sandbox).await;
    browser.find("//nav[@aria-label=\"This customer's records\"]//a[normalize-space(.)='Subscriptions']").await.click().await.expect("subscriptions");
    browser.find("//main//h1[starts-with(normalize-space(.), 'Subscriptions of customer')]").await;
    browser.screenshot("subscriptions-list").await;
    // The first active subscription.
    browser
        .find("//table[contains(@class,'data')]/tbody/tr[td[7][normalize-space(.)='Active']][1]/td[1]/a")
        .await
        .click()
        .await
        .expect("open subscription");
    browser.find("//main//h1[starts-with(normalize-space(.), 'Subscription ')]").await;
    let renewal = "//dt[normalize-space(.)='Auto-renewal']/following-sibling::dd[1]";
    for (choice, expect) in [("off", "Off"), ("quantity", "On for 7")] {
        browser.find(&format!("//input[@type='radio' and @value='{choice}']")).await.click().await.expect("choose");
        if choice == "quantity" {
            browser.fill("Renewal quantity", "0").await;
            browser.click("Save auto-renewal").await;
            browser.sees("Enter a whole number from 1 to 599000.").await;
            browser.fill("Renewal quantity", "7").await;
        }
        browser.click("Save auto-renewal").await;
        browser.find(&format!("{renewal}[normalize-space(.)='{expect}']")).await;
    }
    browser.find("//input[@type='radio' and @value='all']").await.click().await.expect("choose all");
    browser.click("Save auto-renewal").await;
    // The API answers "on for all" with the licenses as the renewal quantity.
    browser.sees("Auto-renewal of").await;
    browser.find(&format!("{renewal}[starts-with(normalize-space(.), 'On for')]")).await;
    let form = browser.find("//section[@aria-labelledby='renewal-title']").await;
    browser.show(&form).await;
    browser.screenshot("subscriptions-auto-renewal").await;
    browser.close().await;
}
