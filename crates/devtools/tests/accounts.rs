//! End to end, the accounts area: creating resellers and every kind of customer, a refused
//! create that keeps the input, a 3-Year Commit request followed to acceptance, enrolling a
//! customer into a linked membership group, and list state that survives a reload. Driven by
//! labels and buttons, in headless Chromium against the sandbox.

use fantoccini::key::Key;
use partner_devtools::*;
use std::time::Duration;

async fn start() -> (Sandbox, Browser) {
    let mut settings = Setup::new(&e2e_dist(), "/");
    settings.sandbox.twin.pending_delay = Duration::from_secs(2);
    settings.sandbox.twin.commitment_delay = Duration::from_secs(3);
    let sandbox = Sandbox::start_with(settings).await;
    let browser = Browser::signed_in(&sandbox).await;
    (sandbox, browser)
}

/// Opens the reseller `name` from the reseller list; returns its id.
async fn open_reseller(browser: &Browser, sandbox: &Sandbox, name: &str) -> String {
    browser
        .client
        .goto(&format!("{}resellers?sort-by=companyName&order-by=asc", sandbox.url))
        .await
        .expect("reseller list");
    browser.click(name).await;
    browser.heading(name).await;
    browser.path().await.rsplit('/').next().unwrap_or_default().to_string()
}

/// Opens the customer `name` of reseller `reseller` through the customer list's name filter.
async fn open_customer(browser: &Browser, sandbox: &Sandbox, reseller: &str, name: &str) -> String {
    let filter = name.split_whitespace().next().unwrap_or(name);
    browser
        .client
        .goto(&format!("{}customers?reseller={reseller}&company-name={filter}*", sandbox.url))
        .await
        .expect("customer list");
    browser.click(name).await;
    browser.heading(name).await;
    browser.path().await.rsplit('/').next().unwrap_or_default().to_string()
}

async fn fill_address_and_contact(browser: &Browser, country: &str, region: &str, postal: &str, email: &str) {
    browser.choose("Country", country).await;
    if !region.is_empty() {
        browser.choose("Region", region).await;
    }
    browser.fill("Address line 1", "1 Market Street").await;
    browser.fill("City", "Springfield").await;
    browser.fill("Postal code", postal).await;
    browser.fill("First name", "Dana").await;
    browser.fill("Last name", "Okafor").await;
    browser.fill("Email", email).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn create_a_reseller() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}resellers", sandbox.url)).await.expect("open");
    browser.heading("Resellers").await;
    browser.sees("Northwind Software Partners").await;
    browser.screenshot("accounts-reseller-list").await;
    browser.click("Create a reseller").await;
    browser.heading("Create a reseller").await;
    browser.fill("Company name", "Harbor Light Software").await;
    fill_address_and_contact(&browser, "US", "WA", "98101", "dana.okafor@harborlight.example.com").await;
    browser.screenshot("accounts-reseller-form").await;
    browser.click("Create reseller").await;
    browser.heading("Harbor Light Software").await;
    browser.sees("Pending").await;
    browser.sees("Reseller Harbor Light Software created").await;
    browser.screenshot("accounts-reseller-created").await;
    let stats = browser.sandbox_stats(&sandbox.url).await;
    assert_eq!(stats["created"]["reseller"], 1, "exactly one reseller created: {stats}");

    // Updating a reseller: the form starts from the record, what cannot change is read-only.
    open_reseller(&browser, &sandbox, "Sakura Digital Solutions").await;
    browser.click("Edit reseller").await;
    browser.heading("Edit Sakura Digital Solutions").await;
    let name = browser.field("Company name").await;
    assert_eq!(name.attr("readonly").await.expect("attr").as_deref(), Some("true"));
    // A market segment it has (COM, its only one) cannot be removed, though one can be added:
    // the form says so before sending.
    browser.field("Education (EDU)").await.click().await.expect("tick EDU");
    browser.field("Commercial (COM)").await.click().await.expect("untick COM");
    browser.click("Save reseller").await;
    browser.sees("The reseller keeps the market segments it has: you can add segments, not remove them.").await;
    // Focus goes to the group, which brings it into view.
    let mut focused = browser.focused().await;
    for _ in 0..20 {
        if focused.2.contains("marketSegments") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        focused = browser.focused().await;
    }
    assert!(focused.0 == "INPUT" && focused.2.contains("marketSegments"), "{focused:?}");
    browser.screenshot("accounts-reseller-segment-kept").await;
    browser.field("Commercial (COM)").await.click().await.expect("tick COM again");
    browser.field("Education (EDU)").await.click().await.expect("untick EDU");
    browser.fill("External reference id", "RS-SAKURA-2").await;
    browser.screenshot("accounts-reseller-edit").await;
    browser.click("Save reseller").await;
    browser.heading("Sakura Digital Solutions").await;
    browser.sees("RS-SAKURA-2").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_of_a_reseller_that_sells_only_education_is_in_education() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}resellers/new", sandbox.url)).await.expect("form");
    browser.heading("Create a reseller").await;
    browser.fill("Company name", "Elm Street Schools Supply").await;
    browser.field("Commercial (COM)").await.click().await.expect("untick COM");
    browser.field("Education (EDU)").await.click().await.expect("tick EDU");
    fill_address_and_contact(&browser, "US", "OR", "97201", "dana.okafor@elmstreet.example.com").await;
    browser.click("Create reseller").await;
    browser.heading("Elm Street Schools Supply").await;
    let reseller = browser.path().await.rsplit('/').next().unwrap_or_default().to_string();

    // The form starts with COM for a reseller it has not read yet; once read, the segment
    // shown and the segment sent are the reseller's one, EDU.
    browser.client.goto(&format!("{}customers/new?reseller={reseller}", sandbox.url)).await.expect("form");
    browser.heading("Create a customer").await;
    browser.find("//main//select[count(option)=1]/option[@value='EDU']").await;
    assert_eq!(browser.value_of("Market segment").await, "EDU");
    // A draft restored and then discarded goes back to the reseller's segment, not to COM.
    browser.fill("Company name", "Maple").await;
    browser.client.refresh().await.expect("reload");
    browser.sees("were restored").await;
    browser.click("Discard them").await;
    assert_eq!(browser.value_of("Company name").await, "");
    browser.find("//main//select[count(option)=1]/option[@value='EDU']").await;
    browser.fill("Company name", "Maple Grove Elementary").await;
    fill_address_and_contact(&browser, "US", "OR", "97201", "office@maplegrove.example.com").await;
    browser.click("Create customer").await;
    browser.heading("Maple Grove Elementary").await;
    browser.sees("Education").await;
    let stats = browser.sandbox_stats(&sandbox.url).await;
    assert_eq!(stats["created"]["customer"], 1, "the customer was created: {stats}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn create_each_kind_of_customer() {
    let (sandbox, browser) = start().await;
    let reseller = open_reseller(&browser, &sandbox, "Northwind Software Partners").await;
    let kinds: [(&str, &str); 4] = [
        ("Standard", "Cascade Coffee Roasters"),
        ("LGA", "Bureau of Coastal Surveys"),
        ("3YC", "Granite Peak Studios"),
        ("Extended", "Willow Creek Academy"),
    ];
    for (i, (kind, name)) in kinds.iter().enumerate() {
        browser.client.goto(&format!("{}customers/new?reseller={reseller}", sandbox.url)).await.expect("form");
        browser.heading("Create a customer").await;
        if *kind == "LGA" {
            browser.find("//input[@type='radio' and @value='lga']").await.click().await.expect("LGA");
            browser.choose("Agency level", "FEDERAL").await;
        }
        browser.fill("Company name", name).await;
        fill_address_and_contact(&browser, "US", "CA", "95110", &format!("buyer{i}@customer{i}.example.com")).await;
        match *kind {
            "3YC" => {
                browser.field("Request 3-Year Commit").await.click().await.expect("tick");
                browser.fill("Minimum licenses", "25").await;
            }
            "Extended" => {
                browser.field("Extended Term").await.click().await.expect("tick");
                browser.set("Anniversary (coterm) date", &in_months(18)).await;
            }
            _ => {}
        }
        browser.screenshot(&format!("accounts-customer-form-{}", kind.to_lowercase())).await;
        browser.click("Create customer").await;
        browser.heading(name).await;
        browser.sees("Customer ").await;
        if *kind == "LGA" {
            browser.sees("Large Government Agency benefit").await;
        }
        if *kind == "3YC" {
            let request = browser.sees("3-Year Commit request").await;
            browser.show(&request).await;
        }
        // Pending first; the hub follows the customer until it is active.
        browser
            .find("//p[contains(@class,'lede')]//span[contains(@class,'badge') and normalize-space(.)='Active']")
            .await;
        browser.screenshot(&format!("accounts-customer-hub-{}", kind.to_lowercase())).await;
    }
    let stats = browser.sandbox_stats(&sandbox.url).await;
    assert_eq!(stats["created"]["customer"], 4, "one customer per kind: {stats}");
    browser.close().await;
}

/// `YYYY-MM-DD`, `months` from today (UTC).
fn in_months(months: u32) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs() as i64;
    let days = now / 86_400;
    // Civil date from days since 1970 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    partner_model::rules::account_requests::add_months(&format!("{y:04}-{m:02}-{d:02}"), months).expect("date")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_name_shows_at_the_field_and_keeps_the_input() {
    let (sandbox, browser) = start().await;
    let reseller = open_reseller(&browser, &sandbox, "Northwind Software Partners").await;
    browser.client.goto(&format!("{}customers/new?reseller={reseller}", sandbox.url)).await.expect("form");
    browser.heading("Create a customer").await;
    browser.fill("Company name", "Acme <Holdings>").await;
    fill_address_and_contact(&browser, "US", "CA", "95110", "buyer@acme.example.com").await;
    browser.click("Create customer").await;
    let name = browser.field("Company name").await;
    assert_eq!(name.attr("aria-invalid").await.expect("attr").as_deref(), Some("true"));
    let described = name.attr("aria-describedby").await.expect("attr").unwrap_or_default();
    let message = browser
        .find(&format!("//*[@id={}]", xpath_literal(described.split_whitespace().last().unwrap_or_default())))
        .await;
    let text = message.text().await.expect("text");
    assert!(text.contains("“<” is not allowed"), "the field says why: {text}");
    assert_eq!(browser.value_of("Company name").await, "Acme <Holdings>", "the input is kept");
    assert_eq!(browser.value_of("Email").await, "buyer@acme.example.com");
    let focused = browser.focused().await;
    assert_eq!(focused.2, "f-companyProfile-companyName", "focus moves to the first field to fix");
    browser.screenshot("accounts-customer-refused").await;

    // The draft survives a reload.
    browser.client.refresh().await.expect("reload");
    browser.heading("Create a customer").await;
    browser.sees("were restored").await;
    assert_eq!(browser.value_of("Company name").await, "Acme <Holdings>");
    let stats = browser.sandbox_stats(&sandbox.url).await;
    assert!(stats["created"]["customer"].as_u64().unwrap_or(0) == 0, "nothing was sent: {stats}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn update_with_a_three_year_commit_request() {
    let (sandbox, browser) = start().await;
    let reseller = open_reseller(&browser, &sandbox, "Northwind Software Partners").await;
    open_customer(&browser, &sandbox, &reseller, "Fairmont Hotels Group").await;
    browser.click("3-Year Commit and linked membership").await;
    browser.heading("3-Year Commit and linked membership: Fairmont Hotels Group").await;
    browser.fill("Minimum licenses", "5").await;
    browser.click("Send 3-Year Commit request").await;
    browser.sees("3-Year Commit starts at 10 for licenses.").await;
    browser.fill("Minimum licenses", "40").await;
    browser.screenshot("accounts-3yc-form").await;
    browser.click("Send 3-Year Commit request").await;
    browser.heading("Fairmont Hotels Group").await;
    browser.sees("3-Year Commit request").await;
    browser.screenshot("accounts-3yc-requested").await;
    // The hub follows the request until Adobe accepts it.
    let accepted = browser.find("//h3[normalize-space(.)='3-Year Commit request']/following-sibling::dl[1]//span[normalize-space(.)='Accepted']").await;
    browser.show(&accepted).await;
    browser.screenshot("accounts-3yc-accepted").await;
    // Back on the 3-Year Commit page, the open request shows, and the form says it replaces it.
    browser.click("3-Year Commit and linked membership").await;
    browser.find("//main//h2[normalize-space(.)='The request still open']/following-sibling::dl[1][dt[normalize-space(.)='Minimum licenses']/following-sibling::dd[1][normalize-space(.)='40']]").await;
    browser.find("//main//h2[normalize-space(.)='Replace the open request']").await;
    browser.screenshot("accounts-3yc-open-request").await;
    browser.close().await;
}

/// A 3-Year Commit that is over (here expired) no longer keeps a customer out of a linked
/// membership; one in force does ("has active 3YC").
#[tokio::test(flavor = "multi_thread")]
async fn a_customer_whose_3yc_expired_creates_a_linked_membership() {
    let (sandbox, browser) = start().await;
    let reseller = open_reseller(&browser, &sandbox, "Northwind Software Partners").await;
    open_customer(&browser, &sandbox, &reseller, "Helios Energy Partners").await;
    browser.click("3-Year Commit and linked membership").await;
    browser.sees("3-Year Commit and linked membership exclude each other").await;
    open_customer(&browser, &sandbox, &reseller, "Orchid Biotech").await;
    browser.click("3-Year Commit and linked membership").await;
    browser.heading("3-Year Commit and linked membership: Orchid Biotech").await;
    browser.fill("Linked membership name", "Orchid Research Partners").await;
    let create = browser.find("//main//button[normalize-space(.)='Create linked membership']").await;
    browser.show(&create).await;
    browser.screenshot("accounts-linked-after-3yc").await;
    browser.click("Create linked membership").await;
    browser.sees("Linked membership created.").await;
    browser.heading("Orchid Biotech").await;
    browser.sees("Orchid Research Partners").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn search_a_linked_membership_group_and_enroll() {
    let (sandbox, browser) = start().await;
    let reseller = open_reseller(&browser, &sandbox, "Northwind Software Partners").await;
    let agency = open_customer(&browser, &sandbox, &reseller, "National Parks Visitor Service").await;
    let canada = open_reseller(&browser, &sandbox, "Maple Leaf Licensing Inc.").await;
    let ontario = open_customer(&browser, &sandbox, &canada, "Quebec Public Works Agency").await;

    browser.client.goto(&format!("{}linked-memberships", sandbox.url)).await.expect("open");
    browser.heading("Linked memberships").await;
    browser.sees("Choose a country").await;
    browser.choose("Country", "US").await;
    browser.sees("Federal Civilian Agencies Alliance").await;
    browser.screenshot("accounts-lga-search").await;
    browser.click("Enroll a customer in Federal Civilian Agencies Alliance").await;
    // A customer of another country is refused before any call.
    browser.fill("Customer id", &ontario).await;
    assert_eq!(browser.value_of("Customer id").await, ontario, "typed");
    browser.click("Enroll").await;
    browser.sees("a customer can only join a group of its own country").await;
    browser.fill("Customer id", &agency).await;
    browser.click("Enroll").await;
    browser.find("//dialog[@open]//h2[contains(., 'National Parks Visitor Service')]").await;
    browser.screenshot("accounts-lga-confirm").await;
    browser.find("//dialog[@open]//button[normalize-space(.)='Enroll']").await.click().await.expect("confirm");
    browser.sees("Open the customer").await;
    browser.screenshot("accounts-lga-enrolled").await;
    browser.click("Open the customer").await;
    browser.heading("National Parks Visitor Service").await;
    let group = browser.find("//dd[normalize-space(.)='Federal Civilian Agencies Alliance']").await;
    browser.show(&group).await;
    // An LGA membership names its group's country and benefits.
    browser.find("//dt[normalize-space(.)=\"Group's country\"]/following-sibling::dd[1][normalize-space(.)='United States (US)']").await;
    browser.find("//dt[normalize-space(.)=\"Group's benefits\"]/following-sibling::dd[1][normalize-space(.)='Large Government Agency']").await;
    browser.screenshot("accounts-lga-member-hub").await;
    // A customer is in one group only: the console says so before any call.
    browser.client.goto(&format!("{}linked-memberships", sandbox.url)).await.expect("open");
    browser.choose("Country", "US").await;
    browser.click("Enroll a customer in Texas State Agencies Consortium").await;
    browser.fill("Customer id", &agency).await;
    browser.click("Enroll").await;
    browser.sees("already belongs to the group Federal Civilian Agencies Alliance").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn list_filter_sort_and_page_survive_a_reload() {
    let (sandbox, browser) = start().await;
    let reseller = open_reseller(&browser, &sandbox, "Northwind Software Partners").await;
    browser.find("//main//a[normalize-space(.)='Customers']").await.click().await.expect("customers");
    browser.choose("Rows per page", "10").await;
    browser.sees("1–10 of").await;
    browser.find("//th//button[normalize-space(.)='Company']").await.click().await.expect("sort");
    browser.find("//th[@aria-sort='ascending']//button[normalize-space(.)='Company ↑']").await;
    browser.click("Next page").await;
    browser.sees("11–20 of").await;
    let before = browser.client.current_url().await.expect("url").to_string();
    assert!(
        before.contains(&format!("reseller={reseller}"))
            && before.contains("offset=10")
            && before.contains("sort-by=companyName"),
        "{before}"
    );
    let first_row =
        browser.find("//table[contains(@class,'data')]/tbody/tr[1]/td[1]").await.text().await.expect("text");
    browser.client.refresh().await.expect("reload");
    browser.sees("11–20 of").await;
    browser.find("//th[@aria-sort='ascending']").await;
    let again = browser.find("//table[contains(@class,'data')]/tbody/tr[1]/td[1]").await.text().await.expect("text");
    assert_eq!(first_row, again, "the same page after a reload");
    assert_eq!(browser.value_of("Rows per page").await, "10");
    browser.screenshot("accounts-customer-list-page-2").await;
    // The export covers every page of the filtered list.
    browser.click("Export CSV").await;
    browser.find("//*[@role='status' and starts-with(normalize-space(.), 'Exported ') and contains(., 'rows to customers-')]").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn recommitment_is_offered_only_in_the_last_thirty_days_of_a_commitment() {
    let (sandbox, browser) = start().await;
    let northwind = open_reseller(&browser, &sandbox, "Northwind Software Partners").await;
    let ending = open_customer(&browser, &sandbox, &northwind, "Quantum Ledger Corp").await;
    let muller = open_reseller(&browser, &sandbox, "Müller & Söhne IT-Lösungen GmbH").await;
    let running = open_customer(&browser, &sandbox, &muller, "Elbe Logistik GmbH").await;
    browser.client.goto(&format!("{}customers/{running}/benefits", sandbox.url)).await.expect("benefits");
    browser.sees("Request a quantity increase").await;
    // The increase starts from the committed minimum, and cannot go below it.
    let committed: u64 = browser.value_of("Minimum licenses").await.parse().expect("the committed licenses");
    browser.fill("Minimum licenses", &(committed - 1).to_string()).await;
    browser.click("Send increase request").await;
    browser.sees("the quantity committed now: an increase cannot lower it.").await;
    browser.screenshot("accounts-3yc-increase-lower").await;
    let note = browser.sees("Recommitting for three more years opens on").await;
    browser.show(&note).await;
    browser.screenshot("accounts-3yc-recommit-not-yet").await;
    assert!(
        browser.absent("//button[normalize-space(.)='Send recommitment request']").await,
        "no recommitment form yet"
    );
    browser.client.goto(&format!("{}customers/{ending}/benefits", sandbox.url)).await.expect("benefits");
    browser.sees("Send recommitment request").await;
    browser.screenshot("accounts-3yc-recommit-open").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_in_curacao_is_entered_as_adobe_says_without_a_postcode() {
    let (sandbox, browser) = start().await;
    let reseller = open_reseller(&browser, &sandbox, "Northwind Software Partners").await;
    browser.client.goto(&format!("{}customers/new?reseller={reseller}", sandbox.url)).await.expect("form");
    browser.heading("Create a customer").await;
    browser.fill("Company name", "Willemstad Harbour Trading").await;
    browser.choose("Country", "NL").await;
    browser.fill("Region", "CW").await;
    browser.fill("Address line 1", "Handelskade 1").await;
    browser.fill("City", "Willemstad").await;
    let hint = browser.sees("Curaçao has no postal codes: leave it empty.").await;
    browser.show(&hint).await;
    browser.screenshot("accounts-customer-curacao").await;
    browser.fill("First name", "Dana").await;
    browser.fill("Last name", "Okafor").await;
    browser.fill("Email", "buyer@willemstad.example.com").await;
    browser.click("Create customer").await;
    browser.heading("Willemstad Harbour Trading").await;
    browser.close().await;
}

/// A reseller's day, by visible labels: the home says what needs it today across its customers
/// (Fairmont's licenses renew in two days, so Fairmont is in the 30-day renewals); from there to
/// the customer and its subscription, auto-renewal off (asked, starting on Cancel) and on for all
/// (so after a reload); the customer found by part of its name from the go-to box and the
/// search; an order opened from the Orders list without knowing its customer.
#[tokio::test(flavor = "multi_thread")]
async fn the_home_says_what_needs_the_reseller_today() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in_as(&sandbox, "Rhea Reseller").await;
    browser.client.goto(&sandbox.url).await.expect("home");
    browser.find("//main//h2[normalize-space(.)='Needs you today at Northwind Software Partners']").await;
    browser.sees("customers.").await;
    let fairmont = "//section[@id='due']//table//tr[td[1]//a[normalize-space(.)='Fairmont Hotels Group']]";
    browser.find(&format!("{fairmont}/td[normalize-space(.)='2 days']")).await;
    let counts = browser.find("//ul[@class='counts']").await;
    let text = counts.text().await.expect("counts");
    assert!(text.contains("Renewals in 30 days: "), "{text}");
    browser.screenshot("home-today").await;
    // Wider horizons list more, never less.
    let rows = |b: &Browser| {
        let b = b.client.clone();
        async move { b.find_all(fantoccini::Locator::XPath("//section[@id='due']//tbody/tr")).await.expect("rows").len() }
    };
    let in_30 = rows(&browser).await;
    browser.choose("Within", "90").await;
    browser.find("//section[@id='due']//table[caption[contains(., '90 days')]]").await;
    assert!(rows(&browser).await >= in_30);
    browser.client.set_window_size(360, 740).await.expect("phone");
    // On a phone the areas fold behind "Menu", so the page starts near the top.
    let areas = "//nav[@aria-label='Areas']//a[normalize-space(.)='Customers']";
    assert!(!browser.find(areas).await.is_displayed().await.expect("displayed"), "folded");
    browser.screenshot("home-today-360").await;
    browser.click("Menu").await;
    browser.find("//button[normalize-space(.)='Menu' and @aria-expanded='true']").await;
    browser.screenshot("home-today-360-menu").await;
    browser.find(areas).await.click().await.expect("open an area");
    browser.find("//button[normalize-space(.)='Menu' and @aria-expanded='false']").await;
    browser.client.back().await.expect("back");
    browser.client.set_window_size(1280, 900).await.expect("desktop");
    browser.find(&format!("{fairmont}/td[1]//a")).await.click().await.expect("open Fairmont");
    browser.heading("Fairmont Hotels Group").await;
    // Back home, the lists are kept: no second read.
    browser.client.back().await.expect("back");
    browser.find(fairmont).await;

    // From the renewals due to the customer, to its subscription: auto-renewal off, asked first
    // and starting on Cancel; then on for all licenses, which reads back so after a reload.
    browser.find(&format!("{fairmont}/td[1]//a")).await.click().await.expect("open Fairmont");
    browser.heading("Fairmont Hotels Group").await;
    // A word of the trade explained: shown on focus, hidden again by Escape.
    let explain = browser.find("//main//button[@aria-label='What “anniversary date” means']").await;
    let tip = "//main//button[@aria-label='What “anniversary date” means']/following-sibling::*[@role='tooltip']";
    let tip = browser.find(tip).await;
    assert!(!tip.is_displayed().await.expect("shown"), "hidden until asked");
    browser
        .client
        .execute("arguments[0].focus();", vec![serde_json::to_value(&explain).expect("element")])
        .await
        .expect("focus");
    assert!(tip.is_displayed().await.expect("shown"), "shown on focus");
    assert!(tip.text().await.expect("tip").contains("renew together"));
    browser.show(&explain).await;
    browser.screenshot("journey-anniversary-explained").await;
    browser.press(Key::Escape).await;
    assert!(!tip.is_displayed().await.expect("shown"), "Escape hides it");
    browser
        .find("//main//nav[@aria-label=\"This customer's records\"]//a[normalize-space(.)='Subscriptions']")
        .await
        .click()
        .await
        .expect("its subscriptions");
    browser.open_first_active_subscription().await;
    let subscription = browser.path().await;
    let renewal = "//dt[normalize-space(.)='Auto-renewal']/following-sibling::dd[1]";
    let radio = |value: &str| format!("//main//input[@type='radio' and @value='{value}']");
    browser.find(&radio("off")).await.click().await.expect("off");
    browser.click("Save auto-renewal").await;
    browser.find("//dialog[@open]//h2[starts-with(normalize-space(.), 'Turn auto-renewal off for ')]").await;
    assert_eq!(browser.focused().await.1, "Cancel", "the question starts on Cancel");
    browser.screenshot("journey-auto-renewal-off-asked").await;
    // Enter on the focused Cancel changes nothing.
    browser.press(Key::Enter).await;
    browser.find("//main[not(.//dialog[@open])]").await;
    browser.find(&format!("{renewal}[not(normalize-space(.)='Off')]")).await;
    browser.click("Save auto-renewal").await;
    browser.find("//dialog[@open]").await;
    browser.click("Turn auto-renewal off").await;
    browser.find(&format!("{renewal}[normalize-space(.)='Off']")).await;
    browser.find(&radio("all")).await.click().await.expect("on for all");
    browser.click("Save auto-renewal").await;
    browser.find(&format!("{renewal}[normalize-space(.)='On for all licenses']")).await;
    browser.client.refresh().await.expect("reload");
    browser.find(&format!("{renewal}[normalize-space(.)='On for all licenses']")).await;
    assert!(
        browser.find(&radio("all")).await.is_selected().await.expect("checked"),
        "the editor shows the mode that was saved"
    );
    assert_eq!(browser.path().await, subscription);
    browser.screenshot("journey-auto-renewal-on-for-all").await;
    // Found by part of its name: from the go-to box, and from the customer search.
    let go = browser.find("//header//input[@id=//header//label[normalize-space(.)='Customer id or name']/@for]").await;
    go.send_keys("fairmont").await.expect("type");
    go.send_keys("\u{E007}").await.expect("enter");
    browser.find("//main//table//a[normalize-space(.)='Fairmont Hotels Group']").await;
    browser.client.goto(&format!("{}customers", sandbox.url)).await.expect("customers");
    browser.fill("Company name", "hotels").await;
    browser.field("Company name").await.send_keys("\u{E007}").await.expect("enter");
    browser.find("//main//table//a[normalize-space(.)='Fairmont Hotels Group']").await;
    browser.screenshot("customers-found-by-part-of-the-name").await;

    // An order opened from the Orders list, without knowing its customer.
    browser.find("//nav[@aria-label='Areas']//a[normalize-space(.)='Orders']").await.click().await.expect("orders");
    let order = browser.find("//main//table//tbody/tr[1]//a[contains(@href, '/orders/')]").await;
    let number = order.text().await.expect("order number");
    order.click().await.expect("open the order");
    browser.heading(&format!("Order {number}")).await;
    browser.find("//dt[normalize-space(.)='Customer']/following-sibling::dd[1]/a").await;
    browser.screenshot("journey-order-from-the-orders-list").await;
    browser.close().await;
}

/// A deep link into the hub names each offer by its product (its chart and the chart's table):
/// the catalog reads this month's price lists for their names only, with a decoder of its own
/// (not the offer picker's, which reads every field of every offer).
#[tokio::test(flavor = "multi_thread")]
async fn a_deep_link_into_the_hub_names_its_offers_by_product() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}customers/1000000012", sandbox.url)).await.expect("hub");
    browser.heading("Fairmont Hotels Group").await;
    let chart = "//main//figure[figcaption[normalize-space(.)='Licenses per offer: current and used']]";
    browser.find(&format!("{chart}//*[name()='text'][normalize-space(text())='Illustrator for teams']")).await;
    browser.find(&format!("{chart}//summary")).await.click().await.expect("as a table");
    let row =
        browser.find(&format!("{chart}//table//th[@scope='row' and normalize-space(.)='Illustrator for teams']")).await;
    browser.show(&row).await;
    browser.screenshot("accounts-hub-product-names").await;

    browser.close().await;

    // On a phone the chart is below the first screen: its names are read once it comes near,
    // with the console's settings (here under a sub-path) though the browser starts the read.
    let sandbox = Sandbox::start(&e2e_dist(), "/partner/console/").await;
    let browser = Browser::signed_in(&sandbox).await;
    browser.client.set_window_size(360, 740).await.expect("phone");
    browser.client.goto(&format!("{}customers/1000000012", sandbox.url)).await.expect("hub");
    browser.heading("Fairmont Hotels Group").await;
    browser.settled().await;
    let chart = browser.find(chart).await;
    let named = "//main//figure//*[name()='text'][normalize-space(text())='Illustrator for teams']";
    let count = "return document.evaluate(arguments[0], document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null).snapshotLength;";
    let price_lists = || async {
        let read = browser.requested().await;
        read.into_iter().filter(|(path, _)| path.ends_with("/v3/pricelist")).map(|(path, _)| path).collect::<Vec<_>>()
    };
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(price_lists().await, Vec::<String>::new(), "no names read for a chart out of sight");
    let shown = browser.client.execute(count, vec![named.into()]).await.expect("names shown");
    assert_eq!(shown, 0, "the chart shows offer ids until its names are read");
    browser.show(&chart).await;
    browser.find(named).await;
    let read = price_lists().await;
    assert!(!read.is_empty(), "the names read once the chart came near");
    assert!(read.iter().all(|p| p == "/partner/console/api/vipmp/v3/pricelist"), "{read:?}");
    browser.screenshot("accounts-hub-product-names-360").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pending_customers_forms_say_before_they_are_filled_in_that_the_api_refuses_changes() {
    let (sandbox, browser) = start().await;
    // Northwind's pending customers.
    let list = format!("{}customers?reseller=1000000001&status=1002&company-name=Newcomer*", sandbox.url);
    browser.client.goto(&list).await.expect("pending customers");
    browser.click("Newcomer Ventures").await;
    browser.heading("Newcomer Ventures").await;
    let id = browser.path().await.rsplit('/').next().unwrap_or_default().to_string();
    let notice = "This customer is still pending: the API refuses changes to the account until Adobe has validated it.";
    browser.client.goto(&format!("{}customers/{id}/edit", sandbox.url)).await.expect("edit");
    browser.heading("Edit Newcomer Ventures").await;
    browser.sees(notice).await;
    browser.screenshot("accounts-pending-customer-edit").await;
    browser.client.goto(&format!("{}customers/{id}/benefits", sandbox.url)).await.expect("benefits");
    browser.find("//main//h1").await;
    browser.sees(notice).await;
    // An active customer's forms say nothing of it.
    let active = browser.open_customer(&sandbox.url, "Acme Robotics").await;
    browser.client.goto(&format!("{}customers/{active}/edit", sandbox.url)).await.expect("edit");
    browser.heading("Edit Acme Robotics").await;
    let text = browser.client.execute("return document.querySelector('main').innerText;", vec![]).await.expect("text");
    assert!(!text.as_str().unwrap_or_default().contains("still pending"), "{text}");
    // Its external reference cannot be removed: emptied, the form says so rather than "saved".
    // Typed away as a reseller would (WebDriver's clear alone sends no input event).
    browser.fill("External reference id", "x").await;
    browser.press(Key::Backspace).await;
    browser.click("Save customer").await;
    let kept = browser.sees("An update cannot remove an external reference").await;
    browser.show(&kept).await;
    browser.screenshot("accounts-reference-kept").await;
    assert_eq!(browser.path().await, format!("/customers/{active}/edit"), "nothing sent");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_subscription_shows_the_discount_it_takes_into_its_renewal() {
    let (sandbox, browser) = start().await;
    let id = browser.open_customer(&sandbox.url, "Starlight Events").await;
    browser.client.goto(&format!("{}subscriptions?customer={id}", sandbox.url)).await.expect("subscriptions");
    browser.open_first_active_subscription().await;
    browser.find("//dt[normalize-space(.)='Discount codes at renewal']/following-sibling::dd[1][normalize-space(.)='BLACK_FRIDAY_10_PERCENT_OFF']").await;
    browser.screenshot("accounts-subscription-renewal-discount").await;
    // Saving auto-renewal keeps the code, which the console does not send.
    let radio = |value: &str| format!("//main//input[@type='radio' and @value='{value}']");
    browser.find(&radio("all")).await.click().await.expect("on for all");
    browser.click("Save auto-renewal").await;
    browser.find("//dt[normalize-space(.)='Auto-renewal']/following-sibling::dd[1][normalize-space(.)='On for all licenses']").await;
    browser.find("//dt[normalize-space(.)='Discount codes at renewal']/following-sibling::dd[1][normalize-space(.)='BLACK_FRIDAY_10_PERCENT_OFF']").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_turned_global_gets_a_deployment_abroad_and_deactivates_it() {
    let (sandbox, browser) = start().await;
    let customer = open_customer(&browser, &sandbox, "1000000001", "Golden Gate Media").await;
    let link = "//nav[@aria-label=\"This customer's records\"]//a[normalize-space(.)='Deployments']";
    assert!(
        browser.client.find_all(fantoccini::Locator::XPath(link)).await.expect("links").is_empty(),
        "not global yet"
    );
    // Only a global customer has deployments: the form says so, and where to turn them on.
    browser.client.goto(&format!("{}customers/{customer}/deployments/new", sandbox.url)).await.expect("new");
    browser.sees("they are not turned on for this customer").await;
    browser.screenshot("deployments-not-global").await;
    browser.click("Edit customer").await;
    browser.field("Global sales").await.click().await.expect("tick");
    // A contact's email changes, its name stays: "Email ID and phone number of a contact can be
    // updated …; Contact name cannot be updated through API."
    let first = browser.field("First name").await;
    assert_eq!(first.attr("readonly").await.expect("attr").as_deref(), Some("true"));
    assert_eq!(browser.field("Email").await.attr("readonly").await.expect("attr"), None);
    browser.fill("Email", "it-desk@goldengate.example").await;
    browser.click("Save customer").await;
    browser.sees("Customer Golden Gate Media updated.").await;
    browser.heading("Golden Gate Media").await;
    browser.sees("it-desk@goldengate.example").await;
    browser
        .find("//dt[normalize-space(.)='Global sales']/following-sibling::dd[1][normalize-space(.)='Enabled']")
        .await;
    browser.find(link).await.click().await.expect("deployments");
    browser.sees("No deployments.").await;

    // A deployment is abroad: the customer's own country is not offered.
    browser.click("Create a deployment").await;
    browser.find("//main//h1[normalize-space(.)='New deployment for Golden Gate Media']").await;
    let country = browser.field("Country").await;
    let home = country.find_all(fantoccini::Locator::Css("option[value='US']")).await.expect("options");
    assert!(home.is_empty(), "the customer's own country is not offered");
    browser.choose("Country", "CA").await;
    browser.choose("Region", "ON").await;
    browser.fill("Address line 1", "1 Main St").await;
    browser.fill("City", "Ottawa").await;
    browser.fill("Postal code", "95110").await;
    browser.click("Create a deployment").await;
    browser.find("//main//input[@aria-invalid='true' and @id=//main//label[normalize-space(.)='Postal code' or normalize-space(.)='Postal code *']/@for]").await;
    browser.fill("Postal code", "K1A 0B1").await;
    browser.click("Create a deployment").await;
    let title = browser.find("//main//h1[starts-with(normalize-space(.), 'Deployment ')]").await;
    let id = title.text().await.expect("title").trim_start_matches("Deployment ").trim().to_string();
    browser.sees(&format!("Deployment {id} created.")).await;
    assert_eq!(browser.path().await, format!("/customers/{customer}/deployments/{id}"));
    browser.screenshot("deployments-created").await;

    assert!(!browser.field("Country").await.is_enabled().await.expect("enabled"), "the country is fixed");
    assert!(browser.field("Region").await.is_enabled().await.expect("enabled"), "the region is not");

    // An order for the deployment: its lines name it, and what it buys is the deployment's.
    let order = format!("{}customers/{customer}/orders/new?line=65322651CA01A12:2", sandbox.url);
    browser.client.goto(&order).await.expect("order");
    browser.heading("Place an order").await;
    browser.fill("Currency", "CAD").await;
    browser.choose("Deployment", &id).await;
    browser.screenshot("deployments-order").await;
    browser.click("Preview order").await;
    browser.find("//section[contains(@class,'preview')]").await;
    browser.sees(&format!("Every line is for deployment {id}.")).await;
    browser.click("Place order").await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    browser.find("//main//table//a[contains(@href, '/subscriptions/')]").await.click().await.expect("subscription");
    browser
        .find(&format!("//dt[normalize-space(.)='Deployment']/following-sibling::dd[1][normalize-space(.)='{id}']"))
        .await;

    // A deployment its subscriptions name stays active: the API's refusal is said at the field.
    browser.client.goto(&format!("{}customers/{customer}/deployments/{id}", sandbox.url)).await.expect("deployment");
    browser.heading(&format!("Deployment {id}")).await;
    browser.choose("Status", "1004").await;
    browser.click("Save deployment").await;
    browser.find("//main//select[@aria-invalid='true' and @id=//main//label[normalize-space(.)='Status']/@for]").await;
    browser.sees("Active subscriptions are for this deployment (").await;
    browser.screenshot("deployments-refused").await;
    // Its city changes.
    browser.choose("Status", "1000").await;
    browser.fill("City", "Kingston").await;
    browser.click("Save deployment").await;
    browser.sees(&format!("Deployment {id} saved.")).await;
    let row = format!("//table[caption='Deployments']/tbody/tr[td[1][normalize-space(.)='{id}']]");
    browser
        .find(&format!("{row}[td[3][contains(., 'Kingston')]][td[4][contains(normalize-space(.), 'Active')]]"))
        .await;
    browser.screenshot("deployments-list").await;
    browser.choose("Status", "1004").await;
    browser.sees("No deployments.").await;
    browser.client.refresh().await.expect("reload");
    browser.sees("No deployments.").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_product_is_added_to_the_renewal_for_a_deployment_in_its_currency() {
    let (sandbox, browser) = start().await;
    // Starlight Events renews in 12 days: the window for adding a product is open.
    let customer = "1000000032";
    browser.client.goto(&format!("{}customers/{customer}/edit", sandbox.url)).await.expect("edit");
    browser.field("Global sales").await.click().await.expect("tick");
    browser.click("Save customer").await;
    browser
        .find("//dt[normalize-space(.)='Global sales']/following-sibling::dd[1][normalize-space(.)='Enabled']")
        .await;
    browser.client.goto(&format!("{}customers/{customer}/deployments/new", sandbox.url)).await.expect("new");
    browser.choose("Country", "GB").await;
    browser.fill("Address line 1", "1 Strand").await;
    browser.fill("City", "London").await;
    browser.fill("Postal code", "WC2N 5DU").await;
    browser.click("Create a deployment").await;
    let title = browser.find("//main//h1[starts-with(normalize-space(.), 'Deployment ')]").await;
    let id = title.text().await.expect("title").trim_start_matches("Deployment ").trim().to_string();

    browser.client.goto(&format!("{}customers/{customer}/renewal/add", sandbox.url)).await.expect("add");
    browser.heading("Add a product to the renewal").await;
    browser.choose("Deployment", &id).await;
    // For a deployment, the currency is the reseller's to give.
    browser.set("Product or offer id", "65322587CA01A12").await;
    browser.fill("Licenses to renew on the anniversary", "5").await;
    browser.click("Add to the renewal").await;
    browser
        .find("//main//input[@aria-invalid='true' and @id=//main//label[normalize-space(.)='Currency *']/@for]")
        .await;
    browser.screenshot("deployments-renewal-add").await;
    // The partner sells in the United Kingdom in pounds: the picker's prices follow.
    browser.fill("Currency", "GBP").await;
    browser.set("Product or offer id", "Photoshop").await;
    browser.find("//ul[@role='listbox']/li[@role='option']").await;
    browser.sees("£").await;
    browser.screenshot("deployments-renewal-add-gbp").await;
    browser.set("Product or offer id", "65322587CA01A12").await;
    browser.click("Add to the renewal").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Subscription')]").await;
    browser
        .find(&format!("//dt[normalize-space(.)='Deployment']/following-sibling::dd[1][normalize-space(.)='{id}']"))
        .await;
    browser.find("//dt[normalize-space(.)='Currency']/following-sibling::dd[1][normalize-space(.)='GBP']").await;
    browser.close().await;
}

/// "Convert an existing government customer to LGA": a GOV customer in its last 30 days is
/// refused while its Team or consumables subscriptions auto-renew (the page names them, as
/// links) and while 100 licenses or fewer renew; once they are turned off and licenses added,
/// the conversion goes through and the hub says the customer becomes an LGA at its anniversary.
#[tokio::test(flavor = "multi_thread")]
async fn a_government_customer_converts_to_a_large_government_agency_in_its_last_thirty_days() {
    // The seeded world the sandbox serves: a GOV customer of the US or Canada renewing within
    // 30 days, neither LGA nor linked nor 3YC (the twin's own conversion test uses the same).
    let now = partner_sandbox::twin::time::now();
    let world = seeded_world();
    let candidate = world
        .customers
        .values()
        .filter(|c| c.status.as_str() == "1000" && c.us_or_canadian_government())
        .filter(|c| !c.is_lga() && c.linked_membership.is_none() && c.three_year_commit().is_none())
        .find(|c| {
            partner_sandbox::twin::time::parse(&c.coterm_date)
                .is_some_and(|ad| ad > now + partner_model::time::DAY && ad < now + 29 * partner_model::time::DAY)
        })
        .expect("a GOV customer renewing within 30 days");
    let (id, name) = (candidate.customer_id.clone(), candidate.company_profile.company_name.clone());
    let (sandbox, browser) = start().await;
    let benefits = format!("{}customers/{id}/benefits", sandbox.url);
    browser.client.goto(&benefits).await.expect("benefits");
    browser.heading(&format!("3-Year Commit, linked membership and LGA: {name}")).await;
    // The agency level is the form's one question.
    browser.click("Convert at the anniversary").await;
    browser.sees("exactly one sub-segment: FEDERAL or STATE.").await;
    browser.choose("Agency level", "STATE").await;
    browser.click("Convert at the anniversary").await;
    browser.sees("First turn off auto-renewal of these Team or consumables subscriptions:").await;
    let listed = "//div[@role='alert']//li/a[contains(@href, '/subscriptions/')]";
    browser.find(listed).await;
    let links = browser.client.find_all(fantoccini::Locator::XPath(listed)).await.expect("the subscriptions");
    let mut hrefs = Vec::new();
    for link in &links {
        hrefs.push(link.attr("href").await.expect("href").unwrap_or_default());
    }
    assert!(!hrefs.is_empty());
    browser.screenshot("accounts-lga-auto-renewing").await;
    assert_eq!(browser.axe().await, Vec::<String>::new(), "the form with its refusal");
    for href in &hrefs {
        let url = format!("{}{}", sandbox.url.trim_end_matches('/'), href);
        browser.client.goto(&url).await.expect("the subscription");
        browser.find("//input[@type='radio' and @value='off']").await.click().await.expect("off");
        browser.click("Save auto-renewal").await;
        browser.click("Turn auto-renewal off").await;
        browser
            .find("//dt[normalize-space(.)='Auto-renewal']/following-sibling::dd[1][normalize-space(.)='Off']")
            .await;
    }
    browser.client.goto(&benefits).await.expect("benefits");
    browser.choose("Agency level", "STATE").await;
    browser.click("Convert at the anniversary").await;
    browser.sees("More than 100 licenses must renew at the anniversary").await;
    // 101 enterprise licenses, ordered and complete, renew with the rest.
    browser.preview_order(&sandbox.url, &id, &["65322648GA01A12:101"]).await;
    browser.find("//section[contains(@class,'preview')]").await;
    browser.click("Place order").await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    browser.client.goto(&benefits).await.expect("benefits");
    browser.choose("Agency level", "STATE").await;
    browser.click("Convert at the anniversary").await;
    browser.sees("Conversion requested: the customer becomes a Large Government Agency at its anniversary.").await;
    browser.heading(&name).await;
    browser.sees("This customer becomes a Large Government Agency at its anniversary").await;
    browser.screenshot("accounts-lga-pending").await;
    browser.client.goto(&benefits).await.expect("benefits");
    let note = browser.sees("This customer becomes a Large Government Agency at its anniversary").await;
    browser.show(&note).await;
    assert!(browser.absent("//button[normalize-space(.)='Convert at the anniversary']").await, "no second conversion");
    browser.close().await;
}
