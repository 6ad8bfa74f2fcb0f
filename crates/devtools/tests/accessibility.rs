//! Accessibility: axe-core (from npm, injected into the page) runs on every route of the
//! console in each of its states — loaded, empty, a form showing its problems, a preview, an
//! API error, a page whose code could not be downloaded — and must find nothing. Every page
//! that fails is named with what axe found, so one run shows all there is to fix. The console
//! must log no error in any of those states either (`console.error`: a form's field drawn
//! outside its form, say), but for the download refused on purpose.

use partner_devtools::*;
use serde_json::json;
use std::time::Duration;

struct Audit {
    browser: Browser,
    base: String,
    found: Vec<String>,
    /// What the console said was wrong (`console.error`) in each state.
    errors: Vec<String>,
    pages: usize,
}

impl Audit {
    /// Opens `path` (below the base), waits for its heading and for loading to end, then checks it.
    async fn visit(&mut self, path: &str, heading_xpath: &str) {
        // What the page before logged since its last check, under its name.
        for e in self.browser.console_errors().await {
            self.errors.push(format!("before {path}: {e}"));
        }
        self.browser.client.goto(&format!("{}{path}", self.base)).await.expect("open page");
        self.browser.find(heading_xpath).await;
        self.check(path).await;
    }

    /// Checks the page as it is now, under the name `state`.
    async fn check(&mut self, state: &str) {
        self.browser.settled().await;
        self.pages += 1;
        for v in self.browser.axe().await {
            self.found.push(format!("{state}: {v}"));
        }
        for e in self.browser.console_errors().await {
            self.errors.push(format!("{state}: {e}"));
        }
    }

    /// The id at the end of the current path.
    async fn last_segment(&self) -> String {
        self.browser.path().await.rsplit('/').next().unwrap_or_default().to_string()
    }
}

const H1: &str = "//main//h1";

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_nothing_on_any_route_in_any_state() {
    let mut settings = Setup::new(&e2e_dist(), "/");
    settings.sandbox.twin.pending_delay = Duration::from_secs(1);
    let sandbox = Sandbox::start_with(settings).await;
    let browser = Browser::signed_in(&sandbox).await;
    browser.keep_console_errors().await;
    let mut a = Audit { browser, base: sandbox.url.clone(), found: Vec::new(), errors: Vec::new(), pages: 0 };

    a.visit("", H1).await;
    a.visit("?reseller=1000000001", "//section[@id='due']//table").await;
    assert!(a.errors.is_empty(), "console errors before the refused download: {:?}", a.errors);
    // An area's code failing to download (before anything has cached it).
    a.browser
        .set_faults(json!([{ "method": "GET", "path": "/split-*/split_partners.wasm", "kind": "status", "status": 502, "times": 1 }]))
        .await;
    a.visit("transfers", "//main//h1[.='This page could not be downloaded']").await;
    a.browser.set_faults(json!([])).await;
    // The one error the console is to log: the code's download, refused on purpose.
    let refused = std::mem::take(&mut a.errors);
    assert!(
        !refused.is_empty() && refused.iter().all(|e| e.contains("WebAssembly")),
        "the refused download, logged: {refused:?}"
    );
    a.visit("resellers?sort-by=companyName&order-by=asc", "//main//table").await;
    a.visit("resellers?company-name=Nobody*", "//main//p[contains(@class,'empty')]").await;
    a.visit("resellers?company-name=Northwind*", "//main//table").await;
    a.browser.click("Northwind Software Partners").await;
    a.browser.heading("Northwind Software Partners").await;
    let reseller = a.last_segment().await;
    a.check("reseller page").await;
    a.visit(&format!("resellers/{reseller}/edit"), "//main//form").await;
    a.visit("resellers/new", "//main//form").await;
    a.browser.click("Create reseller").await;
    a.browser.find("//main//input[@aria-invalid='true']").await;
    a.check("reseller form with problems").await;

    a.visit(&format!("customers?reseller={reseller}&company-name=Fairmont*"), "//main//table").await;
    a.browser.click("Fairmont Hotels Group").await;
    a.browser.heading("Fairmont Hotels Group").await;
    let customer = a.last_segment().await;
    a.browser.find("//section[contains(@class,'leads')]//p[contains(@class,'empty')]").await;
    a.check("customer hub").await;
    a.visit(&format!("customers/{customer}/edit"), "//main//form").await;
    a.visit(&format!("customers/{customer}/benefits"), H1).await;
    a.visit(&format!("customers/{customer}/deployments/new"), "//main//p[contains(@class,'notice')]").await;
    // The demo's global customer (Cedar Creek Design Studio) and its deployment.
    a.visit("customers/1000000015/deployments", "//main//table").await;
    a.visit("customers/1000000015/deployments/new", "//main//form").await;
    a.browser.click("Create a deployment").await;
    a.browser.find("//main//select[@aria-invalid='true']").await;
    a.check("deployment form with problems").await;
    a.visit("customers/1000000015/deployments/7100000001", "//main//form").await;
    a.visit(&format!("customers/new?reseller={reseller}"), "//main//form").await;
    a.browser.click("Create customer").await;
    a.browser.find("//main//input[@aria-invalid='true']").await;
    a.check("customer form with problems").await;

    a.visit(&format!("orders?customer={customer}"), "//main//table").await;
    a.visit("orders", H1).await;
    a.visit("orders?reseller=1000000001", "//main//table[caption='Orders']").await;
    a.visit(&format!("customers/{customer}/orders/new?line=65322651CA01A12:2"), "//main//form").await;
    // The offer picker with its list open, and the customer's flexible discounts.
    a.browser.find("//table[caption='Discounts this customer can use today']").await;
    a.browser.fill("Product or offer id", "photo").await;
    a.browser.find("//ul[@role='listbox']/li[@role='option']").await;
    a.check("offer picker open").await;
    a.browser.set("Product or offer id", "65322651CA01A12").await;
    a.browser.click("Preview order").await;
    a.browser
        .find("//section[contains(@class,'preview')]//table[caption='Products Adobe recommends with this order']")
        .await;
    a.check("order preview with prices and recommendations").await;
    a.browser.click("Place order").await;
    a.browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    a.check("open order").await;
    a.browser.sees("no longer changes on its own").await;
    let order = a.last_segment().await;
    a.check("complete order").await;
    a.visit(&format!("customers/{customer}/orders/{order}/return"), H1).await;
    a.visit(&format!("customers/{customer}/renewal"), H1).await;
    a.browser.renew_first_only("1").await;
    a.browser.click("Preview renewal").await;
    a.browser.find("//section[h2='Renew by hand']//section[contains(@class,'preview')]").await;
    a.check("renewal by hand, previewed").await;
    // Starlight Events renews in 12 days: its renewal page can add a product, with the picker.
    let starlight = a.browser.open_customer(&a.base, "Starlight Events").await;
    a.visit(&format!("customers/{starlight}/renewal"), "//section[h2='Add a product to the renewal']").await;
    a.visit(&format!("customers/{starlight}/renewal/add"), "//main//form").await;
    a.browser.fill("Product or offer id", "photoshop").await;
    a.browser.find("//ul[@role='listbox']/li[@role='option']").await;
    a.check("adding a product to the renewal, the picker open").await;
    // A hub with an open lead from Adobe (the seed's lead to renew).
    a.browser.open_customer(&a.base, "Starlight Events").await;
    a.browser.find("//section[contains(@class,'leads')]//table//a[normalize-space(.)='Renew by hand']").await;
    a.check("customer hub with a lead from Adobe").await;
    a.visit(&format!("subscriptions?customer={customer}"), "//main//table").await;
    a.browser
        .find("//main//table//a[contains(@href, '/subscriptions/')]")
        .await
        .click()
        .await
        .expect("open subscription");
    a.browser.find("//main//h1[starts-with(normalize-space(.), 'Subscription')]").await;
    a.check("subscription page").await;
    // A mid-term upgrade, previewed, placed, and its undoing previewed.
    a.visit(&format!("subscriptions?customer={customer}"), "//main//table").await;
    let illustrator = "//main//table//tr[td[a[normalize-space(.)='Illustrator for teams']]]";
    a.browser
        .find(&format!("{illustrator}//a[contains(@href, '/subscriptions/')]"))
        .await
        .click()
        .await
        .expect("open Illustrator");
    a.browser.click("Upgrade").await;
    a.browser.heading("Upgrade a subscription").await;
    a.browser.click("Preview upgrade").await;
    a.browser.find("//section[contains(@class,'preview')]//table").await;
    a.check("upgrade previewed").await;
    a.browser.click("Place upgrade order").await;
    a.browser.sees("no longer changes on its own").await;
    a.browser.click("Preview undoing the upgrade").await;
    a.browser.find("//div[@id='undo-switch']//table").await;
    a.check("upgrade order, its undoing previewed").await;
    a.visit("subscriptions", H1).await;
    a.visit("subscriptions?reseller=1000000001", "//main//table[caption='Subscriptions']").await;
    a.visit(&format!("customers/{customer}/open-acquisitions"), H1).await;
    a.visit(&format!("notifications?reseller={reseller}"), H1).await;

    a.visit("transfers", H1).await;
    a.browser.click("Preview the change").await;
    a.browser.find("//main//input[@aria-invalid='true']").await;
    a.check("reseller change with problems").await;
    a.visit("memberships", H1).await;
    a.visit("memberships/73000002", "//ul[@aria-label='Reasons']").await;
    a.visit(
        "memberships/73000002?ignore-order-return=true&expire-open-pas=true",
        "//main//form[contains(@class,'transfer')]",
    )
    .await;
    a.visit("linked-memberships", H1).await;
    a.visit("price-list?segment=GOV&type=3YC", "//main//table").await;
    a.visit("distributor-subscriptions", "//main//table").await;
    a.visit("activity", H1).await;
    a.visit("no/such/page", H1).await;

    // The API failing: the error panel.
    a.browser.set_faults(json!([{ "path": "/v3/**", "kind": "status", "status": 500 }])).await;
    a.visit("resellers", "//main//*[contains(@class,'error-panel')]").await;
    a.browser.set_faults(json!([])).await;

    let pages = a.pages;
    let found = std::mem::take(&mut a.found);
    let errors = std::mem::take(&mut a.errors);
    a.browser.close().await;
    // Nothing logged as wrong either: a form's field drawn outside its form, a failed decode.
    assert!(errors.is_empty(), "console errors on {pages} page states:\n{}", errors.join("\n"));
    assert!(
        found.is_empty(),
        "axe-core found {} problem(s) on {pages} page states:\n{}",
        found.len(),
        found.join("\n")
    );
    println!("axe-core: nothing found on {pages} page states");
}

/// At a phone's width the layout changes (the areas behind "Menu", facts stacked, tables drawn
/// as cards with their headers read rather than drawn): axe-core finds nothing there either.
#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_nothing_at_a_phones_width() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    browser.keep_console_errors().await;
    let mut a = Audit { browser, base: sandbox.url.clone(), found: Vec::new(), errors: Vec::new(), pages: 0 };
    a.browser.client.set_window_size(360, 740).await.expect("phone width");
    a.visit("?reseller=1000000001", "//section[@id='due']//table").await;
    a.browser.click("Menu").await;
    a.check("the areas' menu open").await;
    a.visit("resellers?sort-by=companyName&order-by=asc", "//main//table").await;
    a.visit("customers/1000000012", H1).await;
    a.visit("orders?reseller=1000000001", "//main//table[caption='Orders']").await;
    a.visit("subscriptions?customer=1000000012", "//main//table").await;
    a.visit("notifications?reseller=1000000001", "//main//table").await;
    a.visit("price-list", "//main//table").await;
    a.visit("distributor-subscriptions", "//main//table").await;
    // The sandbox's help, opened, on the two pages that have it.
    for (page, caption) in
        [("transfers", "The sandbox's approval codes"), ("memberships", "The sandbox's VIP memberships")]
    {
        a.visit(page, H1).await;
        a.browser.find("//main//details[contains(@class,'sandbox-help')]/summary").await.click().await.expect("open");
        a.browser.find(&format!("//main//table[caption=\"{caption}\"]")).await;
        a.check(&format!("{page}, the sandbox's help open")).await;
        a.browser.screenshot(&format!("phone-sandbox-help-{page}")).await;
    }
    let (pages, found, errors) = (a.pages, std::mem::take(&mut a.found), std::mem::take(&mut a.errors));
    a.browser.screenshot("phone-cards-distributor").await;
    a.browser.client.goto(&format!("{}orders?reseller=1000000001", sandbox.url)).await.expect("orders");
    let row = a.browser.find("//main//table//tbody/tr[2]").await;
    a.browser.show(&row).await;
    a.browser.screenshot("phone-cards-orders").await;
    a.browser.close().await;
    assert!(found.is_empty(), "axe-core found {} problem(s) at 360 px:\n{}", found.len(), found.join("\n"));
    assert!(errors.is_empty(), "console errors at 360 px:\n{}", errors.join("\n"));
    println!("axe-core at 360 px: nothing found on {pages} page states");
}
