//! End to end, the moving-customers-in issue: a reseller change previewed, committed after a
//! confirmation and followed to completion (once, counted in the sandbox); an expired and a used
//! approval code explained; a VIP membership ineligible for two reasons, eligible once the two
//! switches are on, transferred and followed to the new customer; the distributor subscriptions
//! filtered, sorted, paged, reloaded to the same view and exported, with icons only from the
//! configured origin.

use partner_devtools::*;
use serde_json::Value;
use std::time::Duration;

async fn start() -> (Sandbox, Browser) {
    let mut settings = Setup::new(&e2e_dist(), "/");
    settings.sandbox.twin.pending_delay = Duration::from_secs(2);
    let sandbox = Sandbox::start_with(settings).await;
    let browser = Browser::signed_in(&sandbox).await;
    (sandbox, browser)
}

/// Opens the page of an active reseller other than `not`; its id.
async fn open_reseller_other_than(browser: &Browser, sandbox: &Sandbox, not: &str) -> String {
    let id =
        browser.active_resellers(&sandbox.url).await.into_iter().find(|id| id != not).expect("another active reseller");
    browser
        .find(&format!("//main//table//a[contains(@href, '/resellers/{id}')]"))
        .await
        .click()
        .await
        .expect("open reseller");
    browser.find("//main//h1").await;
    id
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reseller_change_is_previewed_committed_and_followed_to_completion() {
    let (sandbox, browser) = start().await;
    let codes = browser.approval_codes(&sandbox.url).await;
    let code = codes.iter().find(|c| c["expired"] == false && c["used"] == false).expect("a valid code");
    let (approval, customer, current) = (
        code["code"].as_str().unwrap_or_default(),
        code["customerId"].as_str().unwrap_or_default(),
        code["resellerId"].as_str().unwrap_or_default(),
    );
    let receiving = open_reseller_other_than(&browser, &sandbox, current).await;
    browser.click("Move a customer in").await;
    browser.heading("Reseller change").await;
    assert_eq!(browser.value_of("Receiving reseller id").await, receiving, "the reseller page fills in itself");
    browser.fill("Approval code", approval).await;
    browser.fill("Requested by (email)", "admin@customer.example").await;
    browser.click("Preview the change").await;
    let preview = browser.find("//section[contains(@class,'preview')]").await;
    let company = code["companyName"].as_str().unwrap_or_default();
    let named = format!("{company} {customer}");
    browser
        .find(&format!("//section[contains(@class,'preview')]//dd/a[normalize-space(.)={}]", xpath_literal(&named)))
        .await;
    browser.sees("left)").await;
    // The reseller it leaves, by name.
    let leaves =
        "//section[contains(@class,'preview')]//dt[normalize-space(.)='Leaves reseller']/following-sibling::dd[1]";
    let leaves = browser.find(&format!("{leaves}[contains(normalize-space(.), '{current}')]")).await;
    let leaves = leaves.text().await.unwrap_or_default();
    assert!(leaves.len() > current.len() + 1, "the reseller it leaves is named: {leaves:?}");
    let moving = "//section[contains(@class,'preview')]//table[caption='Subscriptions that move']//tbody/tr";
    let first = browser.find(&format!("{moving}[1]/td[last()]")).await.text().await.expect("a subscription id");
    assert!(!first.trim().is_empty(), "the preview names the subscriptions");
    // What the customer keeps, as the preview says: its discount levels (the documents' answer
    // carries `benefits` and `discounts`).
    browser
        .find("//section[contains(@class,'preview')]//section[h2[starts-with(normalize-space(.), 'Discount levels')]]//tbody/tr")
        .await;
    browser.show(&preview).await;
    browser.screenshot("transfers-reseller-change-preview").await;

    let before = created(&browser.sandbox_stats(&sandbox.url).await, "reseller_change");
    browser.click("Commit the reseller change").await;
    // The question names the customer and the reseller, and starts on Cancel.
    browser
        .find(&format!(
            "//dialog[@open]//h2[starts-with(normalize-space(.), {})]",
            xpath_literal(&format!("Move {company} to "))
        ))
        .await;
    assert_eq!(browser.focused().await.1, "Cancel", "the dialog starts on Cancel");
    browser.screenshot("transfers-reseller-change-confirm").await;
    browser.click("Move the customer").await;
    // "201 Reseller transfer completed": done at once, the subscriptions under the ids the
    // preview named, now linked.
    browser.find("//main//h1[starts-with(normalize-space(.), 'Reseller change ')]").await;
    browser.sees("complete: the customer is yours.").await;
    browser.sees("Complete: the customer and its subscriptions are now yours.").await;
    browser
        .find(&format!(
            "//main//table//td/a[contains(@href, '/subscriptions/')][normalize-space(.)='{}']",
            first.trim()
        ))
        .await;
    browser.find("//main//table//th[normalize-space(.)='Subscription id']").await;
    browser.screenshot("transfers-reseller-change-complete").await;
    assert_eq!(
        created(&browser.sandbox_stats(&sandbox.url).await, "reseller_change"),
        before + 1,
        "one reseller change"
    );

    // The customer now belongs to the receiving reseller.
    browser.click("Open the customer").await;
    browser.find(&format!("//main//a[contains(@href, '/resellers/{receiving}')]")).await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_expired_or_used_approval_code_is_explained() {
    let (sandbox, browser) = start().await;
    let codes = browser.approval_codes(&sandbox.url).await;
    let expired = codes.iter().find(|c| c["expired"] == true).expect("an expired code");
    let used = codes.iter().find(|c| c["used"] == true).expect("a used code");
    let reseller =
        open_reseller_other_than(&browser, &sandbox, expired["resellerId"].as_str().unwrap_or_default()).await;
    browser.client.goto(&format!("{}transfers?reseller={reseller}", sandbox.url)).await.expect("reseller change");
    browser.heading("Reseller change").await;
    browser.fill("Approval code", expired["code"].as_str().unwrap_or_default()).await;
    browser.fill("Requested by (email)", "admin@customer.example").await;
    browser.click("Preview the change").await;
    browser.sees("Approval codes last 72 hours").await;
    browser.screenshot("transfers-reseller-change-expired").await;
    // Nothing is lost: the form keeps what was typed.
    assert_eq!(browser.value_of("Approval code").await, expired["code"].as_str().unwrap_or_default());
    browser.fill("Approval code", used["code"].as_str().unwrap_or_default()).await;
    browser.click("Preview the change").await;
    browser.sees("The customer has already moved to the new reseller").await;
    // A form with a wrong email is stopped before anything is sent.
    browser.fill("Requested by (email)", "not an email").await;
    browser.click("Preview the change").await;
    browser.find("//main//input[@aria-invalid='true']").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_vip_membership_ineligible_for_two_reasons_is_transferred_with_the_switches() {
    let (sandbox, browser) = start().await;
    let reseller = open_reseller_other_than(&browser, &sandbox, "").await;
    browser.click("Bring a VIP customer over").await;
    browser.heading("VIP → VIPMP").await;
    browser.fill("VIP membership id", "73000002").await;
    browser.click("Preview the transfer").await;
    browser.heading("VIP membership 73000002").await;
    browser.sees("for 2 reasons.").await;
    browser.find("//ul[@aria-label='Reasons']/li[2]").await;
    browser.sees("Bypassed by turning on “Ignore order returns”.").await;
    browser.sees("Bypassed by turning on “Expire open purchase authorizations”.").await;
    browser.screenshot("transfers-membership-ineligible").await;

    browser.field("Ignore order returns").await.click().await.expect("switch");
    browser.sees("for 1 reason.").await;
    browser.field("Expire open purchase authorizations").await.click().await.expect("switch");
    browser.sees("The customer can transfer now.").await;
    browser.find("//table[caption='Subscriptions that would move']//tbody/tr").await;
    // The switches are in the URL: a reload shows the same preview.
    browser.client.refresh().await.expect("reload");
    browser.sees("The customer can transfer now.").await;
    assert_eq!(
        browser.field("Expire open purchase authorizations").await.prop("checked").await.expect("checked").as_deref(),
        Some("true")
    );
    assert_eq!(browser.value_of("Reseller id").await, reseller);
    browser.screenshot("transfers-membership-eligible").await;

    let before = created(&browser.sandbox_stats(&sandbox.url).await, "membership_transfer");
    confirm_transfer(&browser, "73000002").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'VIP → VIPMP transfer ')]").await;
    browser.sees("The transfer is being processed").await;
    browser.sees("Complete: the customer and its subscriptions are now yours.").await;
    browser.screenshot("transfers-membership-complete").await;
    assert_eq!(created(&browser.sandbox_stats(&sandbox.url).await, "membership_transfer"), before + 1, "one transfer");
    browser.click("Open the customer").await;
    browser.heading("Lakeside City Council 3").await;
    browser.close().await;
}

/// The position line of the pager ("11–20 of 57 subscriptions").
/// Opens the page's folded "Sandbox: what to try here".
async fn open_sandbox_help(browser: &Browser) {
    browser
        .find("//main//details[contains(@class,'sandbox-help')]/summary")
        .await
        .click()
        .await
        .expect("open the help");
}

/// The sandbox explains itself: its approval codes and VIP memberships are listed where a
/// reseller needs one, a code goes into the form with one click, and every preview keeps a way
/// to try another.
#[tokio::test(flavor = "multi_thread")]
async fn the_sandbox_lists_what_to_try_where_a_code_is_asked_for() {
    let (sandbox, browser) = start().await;
    let codes = browser.approval_codes(&sandbox.url).await;
    let valid = codes.iter().find(|c| c["expired"] == false && c["used"] == false).expect("a valid code");
    let (code, current) =
        (valid["code"].as_str().unwrap_or_default(), valid["resellerId"].as_str().unwrap_or_default());
    let receiving = open_reseller_other_than(&browser, &sandbox, current).await;
    browser.client.goto(&format!("{}transfers?reseller={receiving}", sandbox.url)).await.expect("reseller change");
    browser.heading("Reseller change").await;
    open_sandbox_help(&browser).await;
    let table = "//main//details[contains(@class,'sandbox-help')]//table[caption=\"The sandbox's approval codes\"]";
    browser.find(&format!("{table}//td[normalize-space(.)='Expired: previewing it shows that (1129)']")).await;
    browser
        .find(&format!("{table}//tbody/tr[td//code[normalize-space(.)='{code}']]//button[normalize-space(.)='Use it']"))
        .await
        .click()
        .await
        .expect("use it");
    assert_eq!(browser.value_of("Approval code").await, code, "the code is in the form");
    browser.screenshot("sandbox-help-approval-codes").await;
    browser.fill("Requested by (email)", "admin@customer.example").await;
    browser.click("Preview the change").await;
    browser.find("//section[contains(@class,'preview')]//table[caption='Subscriptions that move']").await;

    browser.client.goto(&format!("{}memberships", sandbox.url)).await.expect("VIP");
    open_sandbox_help(&browser).await;
    let table = "//main//details[contains(@class,'sandbox-help')]//table[caption=\"The sandbox's VIP memberships\"]";
    browser
        .find(&format!("{table}//td[normalize-space(.)='Cannot transfer yet, for 2 reasons the switches bypass']"))
        .await;
    browser.screenshot("sandbox-help-memberships").await;
    let moved = format!("{table}//tbody/tr[td[normalize-space(.)='Moved already: the preview says so (5118)']]//a");
    browser.find(&moved).await.click().await.expect("a membership that moved");
    browser.find("//main//*[contains(@class,'error-panel')]").await;
    browser.click("Try another membership id").await;
    browser.heading("VIP → VIPMP").await;
    open_sandbox_help(&browser).await;
    browser
        .find(&format!("{table}//tbody/tr[td[normalize-space(.)='Can transfer now']]//a"))
        .await
        .click()
        .await
        .expect("an eligible one");
    browser.sees("The customer can transfer now.").await;
    browser.close().await;
}

async fn position(browser: &Browser) -> String {
    browser.find("//nav[contains(@class,'pager')]//p[@role='status']").await.text().await.expect("position")
}

/// The text of column `n` (from 1) of every row.
async fn column(browser: &Browser, n: usize) -> Vec<String> {
    let cells = browser
        .client
        .find_all(fantoccini::Locator::XPath(&format!("//main//table/tbody/tr/td[{n}]")))
        .await
        .expect("cells");
    let mut out = Vec::new();
    for c in cells {
        out.push(c.text().await.expect("cell"));
    }
    out
}

/// The dates of column `n` as the API gave them (the cell's title: the day shows in the
/// browser's words, which do not sort).
async fn date_column(browser: &Browser, n: usize) -> Vec<String> {
    let cells = browser
        .client
        .find_all(fantoccini::Locator::XPath(&format!("//main//table/tbody/tr/td[{n}]/time[@datetime]")))
        .await
        .expect("cells");
    let mut out = Vec::new();
    for c in cells {
        out.push(c.attr("datetime").await.expect("datetime").unwrap_or_default());
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn the_distributor_list_is_filtered_sorted_paged_reloaded_and_exported() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}distributor-subscriptions", sandbox.url)).await.expect("distributor subscriptions");
    browser.heading("VMware subscriptions").await;
    browser.find("//main//table/tbody/tr").await;
    let everything = position(&browser).await;

    browser.choose("Filter on", "CUSTOMER_NAME").await;
    browser.choose("Comparison", "LIKE").await;
    browser.fill("Value", "an").await;
    browser.click("Add filter").await;
    browser.sees("Customer name contains “an”").await;
    browser.screenshot("transfers-distributor-filtered").await;
    browser
        .field("Include inactive subscriptions (cancelled, terminated, expired)")
        .await
        .click()
        .await
        .expect("inactive");
    browser.choose("Order by end date", "desc").await;
    browser.choose("Rows per page", "10").await;
    browser.find("//th[@aria-sort='descending']//button[normalize-space(.)='End ↓']").await;
    let first = position(&browser).await;
    assert!(first.starts_with("1–10 of "), "{first}");
    assert_ne!(first, everything, "the filter narrows the list");
    browser.click("Next page").await;
    browser.find("//nav[contains(@class,'pager')]//p[starts-with(normalize-space(.), '11–')]").await;
    let page_two = position(&browser).await;
    let customers = column(&browser, 2).await;
    assert!(!customers.is_empty() && customers.iter().all(|c| c.to_lowercase().contains("an")), "{customers:?}");
    let ends = date_column(&browser, 3).await;
    assert!(!ends.is_empty(), "the end dates are there");
    let mut sorted = ends.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(ends, sorted, "end dates descending");
    browser.screenshot("transfers-distributor-page-2").await;

    // Every bit of the view is in the URL.
    let url = browser.client.current_url().await.expect("url").to_string();
    browser.client.refresh().await.expect("reload");
    browser.find("//nav[contains(@class,'pager')]//p[starts-with(normalize-space(.), '11–')]").await;
    assert_eq!(browser.client.current_url().await.expect("url").to_string(), url);
    assert_eq!(position(&browser).await, page_two);
    assert_eq!(column(&browser, 2).await, customers);
    browser.sees("Customer name contains “an”").await;

    // A page past the end goes to the last one, and says so.
    browser.fill("Page", "999").await;
    browser.click("Go").await;
    let said = browser.sees(" pages: page ").await.text().await.expect("note");
    assert!(said.starts_with("There are ") && said.ends_with(" is shown."), "{said}");
    browser.find("//nav[contains(@class,'pager')]//button[normalize-space(.)='Next page' and @disabled]").await;
    browser.screenshot("transfers-distributor-past-the-end").await;

    // Icons load only from the configured origin; the rest are placeholders.
    let sources: Value = browser
        .client
        .execute("return Array.from(document.querySelectorAll('main img')).map(i => i.getAttribute('src'));", vec![])
        .await
        .expect("icons");
    for src in sources.as_array().into_iter().flatten() {
        assert!(src.as_str().is_some_and(|s| s.starts_with("https://icons.vmware.example/")), "icon from {src}");
    }
    browser.find("//main//span[contains(@class,'service-icon') and contains(@class,'placeholder')]").await;

    let total = page_two.split(" of ").nth(1).and_then(|t| t.split(' ').next()).unwrap_or_default().to_string();
    browser.click("Export CSV").await;
    browser
        .find(&format!(
            "//*[@role='status' and normalize-space(.)='Exported {total} rows to distributor-subscriptions.csv.']"
        ))
        .await;
    browser.screenshot("transfers-distributor-exported").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_vip_memberships_preview_shows_the_commitment_and_discount_it_brings() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}memberships/71000002", sandbox.url)).await.expect("preview");
    browser.heading("VIP membership 71000002").await;
    browser.sees("The customer can transfer now.").await;
    let commit = browser
        .find("//main//section[h2[normalize-space(.)='3-Year Commit']]//dt[normalize-space(.)='Minimum licenses']")
        .await;
    browser.find("//main//table[caption='Discount levels']//td[normalize-space(.)='12']").await;
    browser
        .find(
            "//main//section[h2[normalize-space(.)='3-Year Commit request']]//dd[span[normalize-space(.)='Accepted']]",
        )
        .await;
    browser.show(&commit).await;
    browser.screenshot("transfers-membership-brings-3yc").await;
    browser.client.goto(&format!("{}memberships/71000003", sandbox.url)).await.expect("preview");
    browser.heading("VIP membership 71000003").await;
    browser.find("//main//table[caption='Discount levels']//td[normalize-space(.)='14 · HVD_L18_PRE']").await;
    browser.close().await;
}

/// From a membership's preview: "Transfer to VIP Marketplace", confirmed in its dialog.
async fn confirm_transfer(browser: &Browser, membership: &str) {
    browser.click("Transfer to VIP Marketplace").await;
    let dialog =
        format!("//dialog[@open]//h2[starts-with(normalize-space(.), 'Transfer VIP membership {membership}')]");
    browser.find(&dialog).await;
    browser.click("Transfer").await;
}

/// An active reseller of the seeded world the sandbox serves, in the United States or Canada or
/// not (a Large Government Agency moves only to the first).
fn seeded_reseller(lga_country: bool) -> String {
    let world = seeded_world();
    world
        .resellers
        .values()
        .find(|r| {
            r.status.as_str() == "1000"
                && ["US", "CA"].contains(&r.company_profile.address.country.as_str()) == lga_country
        })
        .map(|r| r.reseller_id.clone())
        .expect("an active reseller")
}

/// "Migrate High Volume Discount customers": once migrated, the customer's Acrobat Pro order is
/// previewed with its code, which placing the order sends back, as the API requires.
#[tokio::test(flavor = "multi_thread")]
async fn a_migrated_high_volume_discount_customer_orders_acrobat_with_its_code() {
    let (sandbox, browser) = start().await;
    let reseller = seeded_reseller(true);
    browser.client.goto(&format!("{}memberships/71000003?reseller={reseller}", sandbox.url)).await.expect("preview");
    browser.heading("VIP membership 71000003").await;
    confirm_transfer(&browser, "71000003").await;
    browser.sees("Complete: the customer and its subscriptions are now yours.").await;
    browser.click("Open the customer").await;
    browser.find("//main//h1").await;
    let customer = browser.path().await.rsplit('/').next().unwrap_or_default().to_string();
    browser.preview_order(&sandbox.url, &customer, &["65304479CA01A12:5"]).await;
    let cell = |col: &str| column_cell("//section[contains(@class,'preview')]", "[1]", col);
    assert_eq!(browser.find(&cell("Discount")).await.text().await.expect("code"), "HVD_L18_PRE");
    browser.show(&browser.find("//section[contains(@class,'preview')]").await).await;
    browser.screenshot("transfers-hvd-preview").await;
    browser.click("Place order").await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    let discount = column_cell("//main//table[caption[normalize-space(.)='Line items']]", "[1]", "Discount");
    assert_eq!(browser.find(&discount).await.text().await.expect("code"), "HVD_L18_PRE", "the order kept it");
    browser.screenshot("transfers-hvd-order").await;
    browser.close().await;
}

/// "Migrate LGA customers from VIP to VIP Marketplace": the preview says the customer stays a
/// Large Government Agency; a reseller outside the US and Canada is refused (1164) with the
/// typed id kept; one inside takes it, and the new customer is an LGA customer.
#[tokio::test(flavor = "multi_thread")]
async fn a_large_government_agency_is_previewed_refused_abroad_and_migrated() {
    let (sandbox, browser) = start().await;
    let abroad = seeded_reseller(false);
    browser.client.goto(&format!("{}memberships/71000005?reseller={abroad}", sandbox.url)).await.expect("preview");
    browser.heading("VIP membership 71000005").await;
    browser.sees("The customer can transfer now.").await;
    let lga = browser
        .find("//main//section[h2[normalize-space(.)='Large Government Agency']]/p[contains(., 'stays a Large Government Agency')]")
        .await;
    browser.find("//main//table[caption='Discount levels']//td[normalize-space(.)='06']").await;
    browser.show(&lga).await;
    browser.screenshot("transfers-membership-lga").await;
    assert_eq!(browser.axe().await, Vec::<String>::new(), "the preview of an LGA membership");

    confirm_transfer(&browser, "71000005").await;
    browser.sees("Your distributor is not enabled to sell to Large Government Agencies").await;
    assert_eq!(browser.value_of("Reseller id").await, abroad, "nothing typed is lost");
    browser.screenshot("transfers-membership-lga-refused").await;

    browser.fill("Reseller id", &seeded_reseller(true)).await;
    confirm_transfer(&browser, "71000005").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'VIP → VIPMP transfer ')]").await;
    browser.sees("Complete: the customer and its subscriptions are now yours.").await;
    browser.click("Open the customer").await;
    browser.heading("Federal Mapping Bureau").await;
    browser.sees("This customer has the Large Government Agency benefit.").await;
    browser.screenshot("transfers-membership-lga-customer").await;
    browser.close().await;
}
