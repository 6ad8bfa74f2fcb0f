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
    let page = sandbox
        .gateway
        .api_get(DISTRIBUTOR, &format!("/v3/resellers/{b}/customers?limit=1"))
        .await
        .expect("B's customers");
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
    // On a phone's width the header still says who is signed in, and Sign out is reachable.
    browser.client.set_window_size(360, 740).await.expect("phone width");
    browser.find("//header//button[normalize-space(.)='Sign out']").await;
    browser.screenshot("signin-reseller-header-phone").await;
    browser.client.set_window_size(1280, 800).await.expect("desktop width");
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
    assert!(staff.absent("//*[contains(., 'belongs to another reseller')]").await);
    staff.close().await;
}

/// A partner portal's page on `origin` that frames the console at `console` and hands it the
/// token its `/token` answers (counted), as the README's snippet does.
fn portal(
    console: &str,
    console_origin: &str,
    token: String,
    asked: std::sync::Arc<std::sync::atomic::AtomicU32>,
) -> axum::Router {
    let page = format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Partner portal</title></head>
<body><h1>Partner portal</h1>
<iframe id="console" src="{console}" title="Partner console" width="1240" height="640"></iframe>
<script>
const consoleOrigin = "{console_origin}";
const frame = document.getElementById("console");
window.addEventListener("message", (event) => {{
  if (event.origin !== consoleOrigin || event.source !== frame.contentWindow) return;
  if (event.data && event.data.type === "partner-console:token-request") {{
    fetch("token").then((r) => r.text()).then((token) =>
      frame.contentWindow.postMessage({{ type: "partner-console:token", token }}, consoleOrigin));
  }}
}});
</script></body></html>"#
    );
    axum::Router::new()
        .route(
            "/",
            axum::routing::get(move || {
                let page = page.clone();
                async move { axum::response::Html(page) }
            }),
        )
        .route(
            "/token",
            axum::routing::get(move || {
                let (token, asked) = (token.clone(), asked.clone());
                async move {
                    asked.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    token
                }
            }),
        )
}

async fn serve_portal(router: axum::Router, listener: tokio::net::TcpListener) {
    tokio::spawn(async move {
        let _ =
            partner_gateway::serve(listener, router, partner_gateway::Limits::default(), std::future::pending()).await;
    });
}

#[tokio::test(flavor = "multi_thread")]
async fn a_portal_on_an_allowed_origin_embeds_the_console_and_hands_over_the_token() {
    // The portal at http://localhost:PORT, another site than the console's 127.0.0.1.
    let allowed = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let other = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let allowed_origin = format!("http://localhost:{}", allowed.local_addr().expect("addr").port());
    let other_origin = format!("http://localhost:{}", other.local_addr().expect("addr").port());
    let dist =
        dist_with_config("portal", |config| config["allowedParentOrigins"] = serde_json::json!([allowed_origin]));
    let sandbox = Sandbox::start(&dist, "/").await;
    let token = sandbox.gateway.bearer(partner_gateway::testing::RESELLER_A);
    let asked = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let asked_other = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    serve_portal(portal(&sandbox.url, &sandbox.gateway.origin, token.clone(), asked.clone()), allowed).await;
    serve_portal(portal(&sandbox.url, &sandbox.gateway.origin, token, asked_other.clone()), other).await;

    let browser = Browser::start().await;
    browser.client.goto(&format!("{allowed_origin}/")).await.expect("portal");
    browser.find("//h1[normalize-space(.)='Partner portal']").await;
    browser.client.clone().enter_frame(0).await.expect("into the console's frame");
    browser.find("//header//*[contains(@class,'who-name') and normalize-space(.)='Rhea Reseller']").await;
    // A user of one reseller lands on what its customers need today.
    browser.find("//main//h2[normalize-space(.)='Needs you today at Northwind Software Partners']").await;
    browser.find("//main//table//a[contains(@href, '/customers/')]").await;
    assert!(browser.absent("//header//button[normalize-space(.)='Sign out']").await, "the portal owns signing out");
    browser.client.clone().enter_parent_frame().await.expect("back to the portal");
    browser.screenshot("signin-embedded-in-portal").await;
    assert!(asked.load(std::sync::atomic::Ordering::SeqCst) >= 1, "the console asked its portal for the token");

    // A portal on another origin: the console's page refuses to be framed there, and asks it nothing.
    browser.client.goto(&format!("{other_origin}/")).await.expect("other portal");
    browser.find("//h1[normalize-space(.)='Partner portal']").await;
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    browser.client.clone().enter_frame(0).await.expect("into the frame");
    let shown = browser.client.find(fantoccini::Locator::Css("header .who-name")).await;
    assert!(shown.is_err(), "the console shows nothing inside a portal it does not allow");
    browser.client.clone().enter_parent_frame().await.expect("back");
    browser.screenshot("signin-embedded-refused").await;
    assert_eq!(asked_other.load(std::sync::atomic::Ordering::SeqCst), 0, "no token was asked of a portal not allowed");
    browser.close().await;
    let _ = std::fs::remove_dir_all(&dist);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_that_ends_while_placing_an_order_keeps_the_order_and_places_it_once() {
    let mut setup = Setup::new(&e2e_dist(), "/");
    setup.sandbox.twin.pending_delay = std::time::Duration::from_secs(2);
    let sandbox = Sandbox::start_with(setup).await;
    let browser = Browser::signed_in(&sandbox).await;
    let customer = browser.open_customer(&sandbox.url, "Fairmont Hotels Group").await;
    browser.click("Place an order").await;
    browser.heading("Place an order").await;
    browser.fill("Product or offer id", "65322651CA01A12").await;
    browser.fill("Quantity", "3").await;
    browser.click("Preview order").await;
    browser.find("//section[contains(@class,'preview')]").await;
    let before = created(&browser.sandbox_stats(&sandbox.url).await, "order");
    // The session ends (as when its time is up): the cookie the gateway set is gone.
    browser.client.delete_cookie("__Host-partner_session").await.expect("session ended");
    browser.click("Place order").await;
    browser.sees("You are not signed in, or your session has ended.").await;
    browser.screenshot("signin-session-ended-while-placing").await;
    assert_eq!(created(&browser.sandbox_stats(&sandbox.url).await, "order"), before, "nothing reached the API");
    browser.click("Sign in again").await;
    browser.click("Sign in as Dana Distributor").await;
    // Back on the same page, the lines as they were typed.
    browser.heading("Place an order").await;
    assert_eq!(browser.path().await, format!("/customers/{customer}/orders/new"));
    assert_eq!(browser.value_of("Product or offer id").await, "65322651CA01A12");
    assert_eq!(browser.value_of("Quantity").await, "3");
    browser.click("Preview order").await;
    browser.find("//section[contains(@class,'preview')]").await;
    browser.click("Place order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(created(&browser.sandbox_stats(&sandbox.url).await, "order"), before + 1, "placed exactly once");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reseller_user_places_an_order_for_their_own_customer() {
    let mut setup = Setup::new(&e2e_dist(), "/");
    setup.sandbox.twin.pending_delay = std::time::Duration::from_secs(1);
    let sandbox = Sandbox::start_with(setup).await;
    let browser = Browser::signed_in_as(&sandbox, "Rhea Reseller").await;
    // Fairmont Hotels Group is a customer of Northwind Software Partners, Rhea's reseller.
    let before = created(&browser.sandbox_stats(&sandbox.url).await, "order");
    browser.preview_order(&sandbox.url, "1000000012", &["65322651CA01A12:2"]).await;
    browser.find("//section[contains(@class,'preview')]").await;
    browser.click("Place order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    assert_eq!(created(&browser.sandbox_stats(&sandbox.url).await, "order"), before + 1);
    browser.close().await;
}
