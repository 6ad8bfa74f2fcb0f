//! End to end, signing in and tenant isolation: the console sends a visitor to the identity
//! provider and back; the header says who is signed in and their role; a reseller user sees
//! neither the reseller list nor the VMware page, and another reseller's customer is refused
//! and explained — by URL, by the go-to box and by a crafted API call; distributor staff see
//! it; signing out ends the session.

use partner_devtools::*;
use partner_gateway::testing::DISTRIBUTOR;

/// A customer of reseller B (Maple Leaf Licensing Inc.), read through the gateway as staff.
async fn customer_of_b(sandbox: &Sandbox) -> String {
    let b = &sandbox.gateway.resellers[1].0;
    let page = sandbox.gateway.api_get(DISTRIBUTOR, &format!("/v3/resellers/{b}/customers?limit=1")).await.expect("B's customers");
    page["accounts"][0]["customerId"].as_str().expect("a customer of B").to_string()
}

/// What a call the page makes itself to `url` gets: `[status, code]`.
async fn page_fetch(browser: &Browser, url: String) -> serde_json::Value {
    browser
        .client
        .execute_async(
            "const [url, done] = arguments; fetch(url, {headers: {'x-correlation-id': crypto.randomUUID(), 'x-request-id': crypto.randomUUID()}}).then(r => r.json().then(b => done([r.status, b.code])), e => done(String(e)));",
            vec![serde_json::Value::String(url)],
        )
        .await
        .expect("fetch")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_visitor_signs_in_sees_who_they_are_and_signs_out() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::start().await;
    browser.client.goto(&format!("{}customers", sandbox.url)).await.expect("console");
    browser.find("//h1[normalize-space(.)='Demo sign-in']").await;
    browser.screenshot("signin-provider").await;
    browser.click("Sign in as Rhea Reseller").await;
    browser.find("//header//*[contains(@class,'who-name') and normalize-space(.)='Rhea Reseller']").await;
    browser.find("//header//*[contains(@class,'who-role') and normalize-space(.)='Reseller user']").await;
    assert_eq!(browser.path().await, "/customers", "back where the visitor was going");
    let nav = browser.find("//nav[@aria-label='Areas']").await.text().await.expect("nav");
    assert!(!nav.contains("Resellers") && !nav.contains("VMware"), "a reseller user's areas: {nav}");
    assert!(nav.contains("Customers"), "{nav}");
    browser.screenshot("signin-reseller-header").await;
    browser.click("Sign out").await;
    browser.find("//h1[normalize-space(.)='Demo sign-in']").await;
    browser.client.goto(&format!("{}auth/me", sandbox.url)).await.expect("me");
    browser.sees("GW-SIGN-IN").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reseller_user_cannot_reach_another_resellers_customer() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let theirs = customer_of_b(&sandbox).await;
    let browser = Browser::signed_in_as(&sandbox, "Rhea Reseller").await;
    // By URL.
    browser.client.goto(&format!("{}customers/{theirs}", sandbox.url)).await.expect("hub");
    browser.sees("This customer belongs to another reseller.").await;
    browser.screenshot("signin-other-resellers-customer").await;
    // By the go-to box.
    browser.client.goto(&sandbox.url).await.expect("home");
    let go = browser.find("//header//input[@type='search' or @type='text']").await;
    go.send_keys(&theirs).await.expect("type");
    go.send_keys("\u{E007}").await.expect("enter");
    browser.sees("This customer belongs to another reseller.").await;
    // By crafted calls from the page.
    let orders = page_fetch(&browser, format!("{}api/vipmp/v3/customers/{theirs}/orders", sandbox.url)).await;
    assert_eq!(orders, serde_json::json!([403, "GW-OTHER-CUSTOMER"]));
    let reseller_list = page_fetch(&browser, format!("{}api/vipmp/v3/resellers", sandbox.url)).await;
    assert_eq!(reseller_list, serde_json::json!([403, "GW-DISTRIBUTOR-ONLY"]));
    browser.close().await;
    // Distributor staff see it.
    let staff = Browser::signed_in(&sandbox).await;
    staff.client.goto(&format!("{}customers/{theirs}", sandbox.url)).await.expect("hub");
    staff.find("//main//a[normalize-space(.)='Place an order']").await;
    staff.find("//header//*[contains(@class,'who-role') and normalize-space(.)='Distributor staff']").await;
    assert!(staff.client.find(fantoccini::Locator::XPath("//*[contains(., 'belongs to another reseller')]")).await.is_err());
    staff.close().await;
}
