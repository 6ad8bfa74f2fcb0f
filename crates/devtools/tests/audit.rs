//! End to end, the audit trail: users of two resellers place orders in their browsers;
//! distributor staff see both on the activity page with the right names, and can narrow it to
//! one user; each reseller user sees only their reseller's. On SQLite by default, and on
//! PostgreSQL when `PARTNER_TEST_AUDIT_URL` names one (`scripts/test` runs it both ways).

use partner_devtools::*;

/// Places an order for `customer` as the browser's user; the order id.
async fn place(browser: &Browser, sandbox: &Sandbox, customer: &str, line: &str) -> String {
    browser.preview_order(&sandbox.url, customer, &[line]).await;
    browser.find("//section[contains(@class,'preview')]").await;
    browser.click("Place order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    browser.path().await.rsplit('/').next().unwrap_or_default().to_string()
}

/// The audit trail's rows on the activity page (each row's text).
async fn audit_rows(browser: &Browser, sandbox: &Sandbox, query: &str) -> Vec<String> {
    browser.client.goto(&format!("{}activity{query}", sandbox.url)).await.expect("activity");
    browser.heading("Activity").await;
    let table = "//section[@aria-labelledby='audit-heading']";
    browser.find(&format!("{table}//table//tbody/tr | {table}//p[contains(@class,'empty')]")).await;
    let rows =
        browser.client.find_all(fantoccini::Locator::XPath(&format!("{table}//table//tbody/tr"))).await.expect("rows");
    let mut texts = Vec::new();
    for row in rows {
        texts.push(row.text().await.unwrap_or_default());
    }
    texts
}

#[tokio::test(flavor = "multi_thread")]
async fn staff_see_who_placed_each_order_and_resellers_see_only_theirs() {
    let mut setup = Setup::new(&e2e_dist(), "/");
    setup.sandbox.twin.pending_delay = std::time::Duration::from_secs(1);
    let sandbox = Sandbox::start_with(setup).await;
    let (customer_b, offer_b) = sandbox.gateway.order_target(1).await.expect("a customer of Maple Leaf");

    // Rhea (Northwind) orders for Fairmont Hotels Group; Sam (Maple Leaf) for one of his.
    let rhea = Browser::signed_in_as(&sandbox, "Rhea Reseller").await;
    let rhea_order = place(&rhea, &sandbox, "1000000012", "65322651CA01A12:2").await;
    let sam = Browser::signed_in_as(&sandbox, "Sam Seller").await;
    let sam_order = place(&sam, &sandbox, &customer_b, &format!("{offer_b}:1")).await;

    let dana = Browser::signed_in(&sandbox).await;
    let all = audit_rows(&dana, &sandbox, "").await;
    let row_of = |rows: &[String], order: &str| rows.iter().find(|r| r.contains(order)).cloned();
    let rhea_row = row_of(&all, &rhea_order).unwrap_or_else(|| panic!("Rhea's order {rhea_order} in {all:?}"));
    assert!(
        rhea_row.contains("Rhea Reseller")
            && rhea_row.contains("rhea@reseller-a.example")
            && rhea_row.contains("Reseller user"),
        "{rhea_row}"
    );
    assert!(
        rhea_row.contains("Order or return") && rhea_row.contains("Done (201)") && rhea_row.contains("1000000012"),
        "{rhea_row}"
    );
    let sam_row = row_of(&all, &sam_order).unwrap_or_else(|| panic!("Sam's order {sam_order} in {all:?}"));
    assert!(sam_row.contains("Sam Seller") && sam_row.contains(&customer_b), "{sam_row}");
    dana.screenshot("audit-staff").await;
    assert_eq!(dana.axe().await, Vec::<String>::new(), "axe on the activity page");
    dana.client.set_window_size(360, 740).await.expect("phone width");
    dana.screenshot("audit-staff-phone").await;
    dana.client.set_window_size(1280, 800).await.expect("desktop width");

    // Narrowed to one user, by the filter a person types into.
    dana.fill("User", "sam").await;
    dana.press(fantoccini::key::Key::Enter).await;
    dana.find("//section[@aria-labelledby='audit-heading']//table//tbody[count(tr)=1]").await;
    let only_sam = audit_rows(&dana, &sandbox, "?user=sam").await;
    assert!(!only_sam.is_empty() && only_sam.iter().all(|r| r.contains("Sam Seller")), "{only_sam:?}");

    // Each reseller user sees their reseller's changes only.
    let theirs = audit_rows(&rhea, &sandbox, "").await;
    assert!(row_of(&theirs, &rhea_order).is_some(), "{theirs:?}");
    assert!(row_of(&theirs, &sam_order).is_none() && theirs.iter().all(|r| !r.contains("Sam Seller")), "{theirs:?}");
    rhea.screenshot("audit-reseller").await;
    let his = audit_rows(&sam, &sandbox, "").await;
    assert!(row_of(&his, &sam_order).is_some() && row_of(&his, &rhea_order).is_none(), "{his:?}");
    // A reseller user has no user or reseller filter to try.
    assert!(sam.client.find(fantoccini::Locator::Id("filter-user")).await.is_err());

    for browser in [rhea, sam, dana] {
        browser.close().await;
    }
}
