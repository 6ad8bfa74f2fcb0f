//! End to end, the orders issue: a preview that changes an offer id, then the order placed and
//! followed until it completes; a Place whose first two answers are dropped on the wire places
//! one order, counted in the sandbox (every other fault is `faults.rs`); a line refused for
//! its market segment, with its reason; returning one line of an order; the filtered history
//! after a reload; each auto-renewal state and the renewal preview; renewing by hand, with a
//! flexible discount code refused then verified; "order these" from open
//! acquisitions; the price list by segment, type, currency and product family.

use fantoccini::key::Key;
use partner_devtools::*;
use std::time::Duration;

async fn start() -> (Sandbox, Browser) {
    let mut settings = Setup::new(&e2e_dist(), "/");
    settings.sandbox.twin.pending_delay = Duration::from_secs(2);
    let sandbox = Sandbox::start_with(settings).await;
    let browser = Browser::signed_in(&sandbox).await;
    (sandbox, browser)
}

/// Opens the hub of Fairmont Hotels Group, a customer of Northwind Software Partners.
async fn open_fairmont(browser: &Browser, sandbox: &Sandbox) {
    browser.open_customer(&sandbox.url, "Fairmont Hotels Group").await;
}

/// Opens Place an order for Fairmont Hotels Group and previews 3 × Creative Cloud All Apps
/// for teams entered at level 01.
async fn preview_an_order(browser: &Browser, sandbox: &Sandbox) {
    open_fairmont(browser, sandbox).await;
    browser.click("Place an order").await;
    browser.heading("Place an order").await;
    browser.fill("Product or offer id", "65322651CA01A12").await;
    browser.fill("Quantity", "3").await;
    browser.click("Preview order").await;
    browser
        .find("//section[contains(@class,'preview')]//td[starts-with(normalize-space(.), 'Changed from level 01 to')]")
        .await;
}

/// The id of the customer whose hub is open.
async fn hub_customer(browser: &Browser) -> String {
    browser.path().await.rsplit('/').next().unwrap_or_default().to_string()
}

async fn orders_created(browser: &Browser, sandbox: &Sandbox) -> u64 {
    created(&browser.sandbox_stats(&sandbox.url).await, "order")
}

#[tokio::test(flavor = "multi_thread")]
async fn preview_then_place_and_watch_the_order_complete() {
    let (sandbox, browser) = start().await;
    preview_an_order(&browser, &sandbox).await;
    let preview = browser.find("//section[contains(@class,'preview')]").await;
    browser.show(&preview).await;
    // The offer the customer gets is named by its product, from the price list, with its id.
    browser
        .find("//section[contains(@class,'preview')]//td[span[normalize-space(.)='Creative Cloud All Apps for teams'] and code]")
        .await;
    browser.screenshot("orders-preview").await;
    let previewed = browser.find("//p[@class='order-total']/strong").await.text().await.expect("total");
    let before = orders_created(&browser, &sandbox).await;
    let tracked = created(&browser.sandbox_stats(&sandbox.url).await, "recommendation_tracked");
    browser.click("Place order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    browser.sees("The order is open").await;
    let invoiced = "//dt[normalize-space(.)='Invoiced by Adobe, before tax']/following-sibling::dd[1]";
    browser.find(&format!("{invoiced}[normalize-space(.)='Adobe gives the prices once the order is complete.']")).await;
    browser.screenshot("orders-open").await;
    // What the reseller types into the reference while the order is followed outlives the
    // page's new readings of it.
    browser.fill("External reference id", "PO-7731").await;
    // Followed until complete; the line then has its subscription.
    browser.sees("Complete: this order no longer changes on its own.").await;
    assert_eq!(browser.value_of("External reference id").await, "PO-7731", "the typing is kept");
    assert_eq!(browser.focused().await.2, "f-externalReferenceId", "and the focus: the field was not drawn again");
    browser.find("//table//td/a[contains(@href, '/subscriptions/')]").await;
    browser.find("//main//table//td[span[normalize-space(.)='Creative Cloud All Apps for teams']]").await;
    // What Adobe invoices, asked for once the order is complete: the preview's total.
    assert_eq!(browser.find(invoiced).await.text().await.expect("invoiced"), previewed);
    browser.find("//main//table//th[normalize-space(.)='Days invoiced']").await;
    browser.screenshot("orders-complete").await;
    let stats = browser.sandbox_stats(&sandbox.url).await;
    assert_eq!(created(&stats, "order"), before + 1);
    // The preview's answer carried a recommendations tracker, and the order sent it back
    // through the gateway, as the documents ask of partners.
    assert_eq!(created(&stats, "recommendation_tracked"), tracked + 1, "the order carried the preview's tracker");

    // The history from today to today has it: a "To" date takes in its whole day.
    let path = browser.path().await;
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let [_, customer, _, order] = parts[..] else { panic!("an order's address: {path}") };
    let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_millis();
    let today = partner_model::time::date(ms as u64);
    let history = format!("{}orders?customer={customer}&start-date={today}&end-date={today}", sandbox.url);
    browser.client.goto(&history).await.expect("history");
    let amount =
        column_cell("//table[contains(@class,'data')]", &format!("[td/a[normalize-space(.)='{order}']]"), "Amount");
    assert_eq!(browser.find(&amount).await.text().await.expect("amount"), previewed, "the history's amount");
    browser.screenshot("orders-history-amounts").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn find_acrobat_pro_by_name_apply_a_discount_add_a_recommendation_place_it_then_upgrade_it() {
    let (sandbox, browser) = start().await;
    open_fairmont(&browser, &sandbox).await;
    browser.click("Place an order").await;
    browser.heading("Place an order").await;
    // Part of the name lists the products the customer can buy, each with its price.
    browser.fill("Product or offer id", "acrobat pr").await;
    let option =
        "//ul[@role='listbox']/li[@role='option'][span[@class='product' and normalize-space(.)='Acrobat Pro']]";
    let acrobat = browser.find(option).await;
    browser.find(&format!("{option}//strong[contains(., '$') or contains(., 'USD')]")).await;
    browser.find("//ul[@role='listbox']/li[span[normalize-space(.)='Acrobat Pro for teams']]").await;
    browser.show(&browser.find("//ul[@role='listbox']").await).await;
    browser.screenshot("orders-picker").await;
    acrobat.click().await.expect("choose Acrobat Pro");
    let id = browser.value_of("Product or offer id").await;
    assert!(id.starts_with("65304921C"), "the line keeps the chosen offer id: {id}");
    browser.sees("Acrobat Pro — Level").await;
    browser.fill("Quantity", "5").await;
    // A code the API does not know is refused at its line, in words.
    browser.fill("Flexible discount code", "NO_SUCH_CODE").await;
    browser.click("Preview order").await;
    // Once the API's refusal is back: the field is marked then.
    browser
        .find("//input[@aria-invalid='true' and @id=//label[normalize-space(.)='Flexible discount code']/@for]")
        .await;
    let code_field = browser.field("Flexible discount code").await;
    let problem = code_field.attr("aria-describedby").await.expect("attr").unwrap_or_default();
    let problem = problem.split(' ').find(|id| id.ends_with("-error")).unwrap_or_default().to_string();
    browser
        .find(&format!("//*[@id='{problem}' and starts-with(normalize-space(.), 'Invalid Flexible Discount Code.')]"))
        .await;
    browser.screenshot("orders-discount-refused").await;
    // The customer's discounts: one click puts the Acrobat one on the Acrobat line.
    browser.set("Flexible discount code", "").await;
    browser.use_discount("Acrobat: 20 off each license").await;
    assert_eq!(browser.value_of("Flexible discount code").await, "ACROBAT_20_OFF");
    browser.click("Preview order").await;
    // The preview's prices: the unit price, the days invoiced, the line total and the order's.
    let preview = browser.find("//section[contains(@class,'preview')]").await;
    let total = browser.find("//p[@class='order-total']/strong").await.text().await.expect("total");
    assert!(total.contains('$') || total.contains("USD"), "{total}");
    let cell = |col: &str| column_cell("//section[contains(@class,'preview')]", "[1]", col);
    let line_total = browser.find(&cell("Line total")).await.text().await.expect("line total");
    assert_eq!(line_total, total, "one line: its total is the order's");
    let unit = browser.find(&cell("Unit price a year")).await.text().await.expect("unit");
    assert!(unit.contains('$') || unit.contains("USD"), "{unit}");
    let amount = |s: &str| {
        s.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect::<String>().parse::<f64>().unwrap_or(0.0)
    };
    let discounted = browser.find(&cell("Discounted unit price")).await.text().await.expect("discounted");
    assert!((amount(&unit) - 20.0 - amount(&discounted)).abs() < 0.001, "{unit} less 20 is {discounted}");
    assert_eq!(browser.find(&cell("Discount")).await.text().await.expect("code"), "ACROBAT_20_OFF");
    browser.find(&cell("Days invoiced")).await;
    browser.show(&preview).await;
    browser.screenshot("orders-preview-prices").await;
    // A recommended product joins the order with one action; the preview is asked again.
    let suggested = "//table[caption='Products Adobe recommends with this order']";
    browser.find(&format!("{suggested}//td[span[normalize-space(.)='Acrobat Sign Solutions for enterprise']]")).await;
    browser.show(&browser.find(suggested).await).await;
    browser.screenshot("orders-recommendations").await;
    browser
        .find("//button[@aria-label='Add to the order: Acrobat Sign Solutions for enterprise']")
        .await
        .click()
        .await
        .expect("add");
    let line2 = browser.find("//div[h2='Line 2']//input[@role='combobox']").await;
    assert!(line2.prop("value").await.expect("value").unwrap_or_default().starts_with("65325603C"));
    browser.click("Preview order").await;
    browser.find("//section[contains(@class,'preview')]//tbody/tr[2]/td[span[normalize-space(.)='Acrobat Sign Solutions for enterprise']]").await;
    browser.click("Place order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    browser.find("//main//table//td[span[normalize-space(.)='Acrobat Pro']]").await;
    browser.find("//main//table//td[span[normalize-space(.)='Acrobat Sign Solutions for enterprise']]").await;
    // Later, that subscription is upgraded mid-term: to enterprise, every license at once.
    let subscription = browser
        .find("//main//table//tr[td[span[normalize-space(.)='Acrobat Pro']]]//a[contains(@href, '/subscriptions/')]")
        .await;
    // Out from under the "placed" toast in the corner.
    browser.show(&subscription).await;
    subscription.click().await.expect("open the subscription");
    browser.click("Upgrade").await;
    browser.heading("Upgrade a subscription").await;
    browser.sees("Every license moves: 5.").await;
    browser.click("Preview upgrade").await;
    let preview = "//section[contains(@class,'preview')]";
    browser
        .find(&format!("{preview}//tr[td[1]='Adds'][td[span[normalize-space(.)='Acrobat Pro for enterprise']]]"))
        .await;
    let total = browser.find(&format!("{preview}//p[@class='order-total']")).await;
    browser.show(&total).await;
    browser.screenshot("orders-acrobat-upgrade-preview").await;
    browser.click("Place upgrade order").await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    browser.find("//dt[normalize-space(.)='Type']/following-sibling::dd[1][normalize-space(.)='Upgrade']").await;
    browser.screenshot("orders-acrobat-upgraded").await;
    browser.close().await;
}

/// Renews `licenses` of the first subscription offered on the renewal page, by hand, and none
/// of the others: the preview with its prices and the level after renewal, then the RENEWAL
/// order, followed until it completes. Returns the renewed subscription's id.
async fn renew_by_hand(browser: &Browser, licenses: &str, shot: &str) -> String {
    browser.click("Renewal preview").await;
    browser.heading("Renewal preview").await;
    let section = "//section[h2='Renew by hand']";
    let subscription = browser.find(&format!("{section}//h3/code")).await.text().await.expect("subscription");
    browser.renew_first_only(licenses).await;
    browser.click("Preview renewal").await;
    let preview = browser.find(&format!("{section}//section[contains(@class,'preview')]")).await;
    let total = browser
        .find(&format!(
            "{section}//p[@class='order-total' and starts-with(normalize-space(.), 'Renewal total:')]/strong"
        ))
        .await;
    assert!(total.text().await.expect("total").contains('$'));
    browser
        .find(&format!("{section}//section[contains(@class,'preview')]//tbody/tr[1]/td[span[@class='product']]"))
        .await;
    browser.show(&preview).await;
    browser.screenshot(shot).await;
    browser.click("Place renewal order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    subscription
}

#[tokio::test(flavor = "multi_thread")]
async fn renew_one_customer_early_and_another_late() {
    let (sandbox, browser) = start().await;
    // Fairmont's renewal date is two days away: early renewal is open.
    open_fairmont(&browser, &sandbox).await;
    let customer = hub_customer(&browser).await;
    browser.click("Renewal preview").await;
    // Its last day as the reseller's language writes dates, not as the API does.
    let open = browser.sees("Early renewal is open until").await.text().await.expect("text");
    let iso = |w: &str| w.get(4..5) == Some("-") && w.chars().next().is_some_and(|c| c.is_ascii_digit());
    assert!(!open.split_whitespace().any(iso), "{open}");
    // What the reseller chose to renew is a draft of these rows: a reload keeps it.
    browser.fill("Licenses to renew", "1").await;
    browser.client.refresh().await.expect("reload");
    browser.sees("were restored").await;
    assert_eq!(browser.value_of("Licenses to renew").await, "1");
    browser.client.goto(&format!("{}customers/{customer}", sandbox.url)).await.expect("hub");
    browser.heading("Fairmont Hotels Group").await;
    let renewed = renew_by_hand(&browser, "2", "orders-renew-early-preview").await;
    // Its return dialog says what a renewal's return takes back (asked, not sent).
    let renewal_order = browser.path().await;
    let return_page = format!("{}{}/return", sandbox.url, renewal_order.trim_start_matches('/'));
    browser.client.goto(&return_page).await.expect("return");
    browser.find("//label[starts-with(normalize-space(.), 'Line 1 ·')]/input").await.click().await.expect("tick");
    browser.click("Return the chosen lines").await;
    browser.sees("Returning an early renewal takes back the licenses renewed for the next term").await;
    browser.screenshot("orders-return-renewal-confirm").await;
    browser.click("Cancel").await;
    browser.find("//main[not(.//dialog[@open])]").await;
    browser.client.goto(&format!("{}customers/{customer}/subscriptions/{renewed}", sandbox.url)).await.expect("sub");
    browser.find("//dt[normalize-space(.)='Renewed early']/following-sibling::dd[1][normalize-space(.)='2 for the next term']").await;
    // The API says it may still be renewed by hand (`allowedActions`): more may be renewed
    // early; the anniversary has moved already.
    browser.sees("This subscription can be renewed by hand now.").await;
    browser.screenshot("orders-renew-early-subscription").await;
    browser.click("Renew by hand").await;
    browser.heading("Renewal preview").await;
    browser.sees("This term's first early renewal has already moved the anniversary a year on.").await;
    // Cedar Creek's licenses lapsed five days ago: late renewal, up to the licenses held.
    browser.open_customer(&sandbox.url, "Cedar Creek Design Studio").await;
    let lapsed = hub_customer(&browser).await;
    browser.click("Renewal preview").await;
    browser.sees("Late renewal is open until").await;
    browser.client.goto(&format!("{}customers/{lapsed}", sandbox.url)).await.expect("hub");
    browser.heading("Cedar Creek Design Studio").await;
    let renewed = renew_by_hand(&browser, "1", "orders-renew-late-preview").await;
    browser.client.goto(&format!("{}customers/{lapsed}/subscriptions/{renewed}", sandbox.url)).await.expect("sub");
    browser.find("//dt[normalize-space(.)='Current quantity']/following-sibling::dd[1][normalize-space(.)='1']").await;
    browser.sees("Active").await;
    let to_renew = "//main//p[contains(@class,'notice')]//a[contains(@href,'/renewal')]";
    let links = browser.client.find_all(fantoccini::Locator::XPath(to_renew)).await.expect("links");
    assert!(links.is_empty(), "renewed late, a year on: nothing to renew by hand");
    browser.screenshot("orders-renew-late-subscription").await;
    // The late window stays open for its other licenses, which lapsed too, though the one
    // renewed has its renewal date a year on; that one is not offered again.
    browser.client.goto(&format!("{}customers/{lapsed}/renewal", sandbox.url)).await.expect("renewal");
    browser.sees("Late renewal is open until").await;
    let mut offered = Vec::new();
    for row in browser
        .client
        .find_all(fantoccini::Locator::XPath("//section[h2='Renew by hand']//h3/code"))
        .await
        .expect("rows")
    {
        offered.push(row.text().await.expect("text"));
    }
    assert!(!offered.is_empty() && !offered.contains(&renewed), "{renewed} renewed; offered: {offered:?}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_manual_renewal_takes_a_discount_code_the_preview_verifies() {
    let (sandbox, browser) = start().await;
    open_fairmont(&browser, &sandbox).await;
    browser.click("Renewal preview").await;
    browser.heading("Renewal preview").await;
    let section = "//section[h2='Renew by hand']";
    browser.renew_first_only("2").await;
    // A code the API does not know is refused at its row, with what to do.
    browser.fill("Flexible discount code", "NO_SUCH_CODE").await;
    browser.click("Preview renewal").await;
    let refused = browser.find(&format!("{section}//input[@aria-invalid='true']")).await;
    let said = refused.attr("aria-describedby").await.expect("attr").unwrap_or_default();
    let mut words = String::new();
    for id in said.split(' ') {
        words += &browser.find(&format!("//*[@id='{id}']")).await.text().await.expect("text");
    }
    assert!(words.contains("Invalid Flexible Discount Code"), "{words}");
    assert_eq!(
        refused.attr("id").await.expect("id").as_deref(),
        Some("f-lineItems-0--flexDiscountCodes-0-"),
        "the row's code"
    );
    browser.screenshot("orders-renew-discount-refused").await;
    // A code the customer may use, put on the rows of its products from the list of the
    // customer's discounts: the preview takes it and prices the line with it.
    browser.set("Flexible discount code", "").await;
    browser.use_discount("Black Friday: 10% off every product").await;
    assert_eq!(browser.value_of("Flexible discount code").await, "BLACK_FRIDAY_10_PERCENT_OFF");
    // The code is part of the rows' draft: a reload keeps it with the quantities.
    browser.client.refresh().await.expect("reload");
    browser.sees("were restored").await;
    assert_eq!(browser.value_of("Flexible discount code").await, "BLACK_FRIDAY_10_PERCENT_OFF");
    browser.click("Preview renewal").await;
    let row = format!("{section}//section[contains(@class,'preview')]//tbody/tr[1]");
    browser.find(&format!("{row}/td[6][normalize-space(.)='BLACK_FRIDAY_10_PERCENT_OFF']")).await;
    let mut cells = Vec::new();
    for n in [4, 5, 7, 9] {
        let text = browser.find(&format!("{row}/td[{n}]")).await.text().await.expect("cell");
        let number: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
        cells.push(number.parse::<f64>().unwrap_or(f64::NAN));
    }
    let [units, unit, discounted, total] = cells[..] else { panic!("four cells") };
    assert!((unit * 0.9 - discounted).abs() < 0.01, "10% off {unit}: {discounted}");
    assert!((units * discounted - total).abs() < 0.01, "{units} × {discounted} against {total}");
    browser.show(&browser.find(&format!("{section}//section[contains(@class,'preview')]")).await).await;
    browser.screenshot("orders-renew-discount-preview").await;
    // The renewal order carries the code the preview took.
    browser.click("Place renewal order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    browser
        .find("//table[caption[normalize-space(.)='Line items']]/tbody/tr[1]/td[normalize-space(.)='BLACK_FRIDAY_10_PERCENT_OFF']")
        .await;
    browser.screenshot("orders-renew-discount-order").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn once_every_license_is_renewed_early_the_renewal_preview_says_so() {
    let (sandbox, browser) = start().await;
    // Fairmont's renewal date is two days away: every license it holds is renewed early. Its
    // credit pack (a consumable, not renewed by hand) is first set not to renew.
    open_fairmont(&browser, &sandbox).await;
    let customer = hub_customer(&browser).await;
    browser.click("Renewal preview").await;
    browser.sees("Early renewal is open until").await;
    let consumable =
        "//table[caption[normalize-space(.)='Lines of the renewal order']]/tbody/tr[td[contains(., 'credit pack')]]//a";
    browser.find(consumable).await.click().await.expect("the credit pack");
    browser.find("//input[@type='radio' and @value='off']").await.click().await.expect("off");
    browser.click("Save auto-renewal").await;
    browser.click("Turn auto-renewal off").await;
    browser.find("//dt[normalize-space(.)='Auto-renewal']/following-sibling::dd[1][normalize-space(.)='Off']").await;
    browser.client.goto(&format!("{}customers/{customer}/renewal", sandbox.url)).await.expect("renewal");
    browser.sees("Early renewal is open until").await;
    let fields = "//section[h2='Renew by hand']//input[@type='number']";
    browser.find(fields).await;
    let inputs = browser.client.find_all(fantoccini::Locator::XPath(fields)).await.expect("fields");
    for input in &inputs {
        let hint = input.attr("aria-describedby").await.expect("attr").unwrap_or_default();
        let hint = browser.find(&format!("//*[@id='{}']", hint.split(' ').next().unwrap_or_default())).await;
        let hint = hint.text().await.expect("hint");
        // "N left to renew (M held)…"
        let left: String = hint.chars().take_while(char::is_ascii_digit).collect();
        assert!(hint.contains(" left to renew ("), "{hint}");
        assert!(!left.is_empty(), "{hint}");
        input.clear().await.expect("clear");
        input.send_keys(&left).await.expect("type");
    }
    browser.click("Preview renewal").await;
    browser.find("//section[h2='Renew by hand']//section[contains(@class,'preview')]").await;
    browser.click("Place renewal order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    // While it is processed (the sandbox's 4 s), the API takes no other renewal order: the
    // page lists it and offers none.
    browser.client.goto(&format!("{}customers/{customer}/renewal", sandbox.url)).await.expect("renewal");
    browser.sees("A renewal order is still being processed.").await;
    browser.find("//table[caption[normalize-space(.)='Renewal orders being processed']]/tbody/tr").await;
    let fields = browser.client.find_all(fantoccini::Locator::XPath(fields)).await.expect("fields");
    assert!(fields.is_empty(), "no renewal offered meanwhile");
    browser.show(&browser.find("//section[h2='Renew by hand']").await).await;
    browser.screenshot("orders-renewal-in-progress").await;
    // Auto-renewal is on, but has nothing left to renew (the API's 2164): the page says why,
    // and renewing by hand says every license is renewed.
    tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    browser.click("Preview again").await;
    browser.sees("Nothing would renew.").await;
    browser.sees("Every license auto-renewal would renew is renewed already").await;
    browser.sees("Every license is already renewed for the next term.").await;
    let main = browser.find("//main").await.text().await.expect("text");
    assert!(!main.contains("Auto-renewal is off"), "not the reason: {main}");
    browser.screenshot("orders-renewal-all-renewed").await;
    // Early, licenses may still be added for the next term ("extra seats allowed"): each row
    // is still there, asking none at first.
    let renewed_early = |sub: String| {
        let (browser, url, customer) = (&browser, sandbox.url.clone(), customer.clone());
        async move {
            browser.client.goto(&format!("{url}customers/{customer}/subscriptions/{sub}")).await.expect("sub");
            let renewed = "//dt[normalize-space(.)='Renewed early']/following-sibling::dd[1]";
            let text = browser.find(renewed).await.text().await.expect("renewed");
            text.chars().take_while(char::is_ascii_digit).collect::<String>().parse::<u64>().expect("a number")
        }
    };
    let sub = browser.find("//section[h2='Renew by hand']//h3/code").await.text().await.expect("subscription");
    let before = renewed_early(sub.clone()).await;
    browser.client.goto(&format!("{}customers/{customer}/renewal", sandbox.url)).await.expect("renewal");
    assert_eq!(browser.value_of("Licenses to renew").await, "0");
    browser.sees("renewed. Enter a number to add licenses for the next term.").await;
    browser.renew_first_only("2").await;
    browser.click("Preview renewal").await;
    let preview = "//section[h2='Renew by hand']//section[contains(@class,'preview')]";
    browser.show(&browser.find(preview).await).await;
    browser.screenshot("orders-renewal-extra-seats").await;
    browser.click("Place renewal order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    assert_eq!(renewed_early(sub).await, before + 2, "two licenses more for the next term");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_place_whose_first_two_answers_are_dropped_places_one_order() {
    let (sandbox, browser) = start().await;
    preview_an_order(&browser, &sandbox).await;
    browser
        .set_faults(
            serde_json::json!([{ "method": "POST", "path": "/v3/customers/*/orders", "kind": "drop", "times": 2 }]),
        )
        .await;
    let before = orders_created(&browser, &sandbox).await;
    browser.click("Place order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    assert_eq!(
        orders_created(&browser, &sandbox).await,
        before + 1,
        "the API acted on the first attempt only; the retries replayed it"
    );
    browser.screenshot("orders-after-dropped-answers").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_filtered_history_survives_a_reload() {
    let (sandbox, browser) = start().await;
    open_fairmont(&browser, &sandbox).await;
    browser
        .find("//nav[@aria-label=\"This customer's records\"]//a[normalize-space(.)='Orders']")
        .await
        .click()
        .await
        .expect("orders");
    browser.find("//main//h1[starts-with(normalize-space(.), 'Orders of ')]").await;
    browser.find("//table[contains(@class,'data')]/tbody/tr").await;
    browser.field("New").await.click().await.expect("tick New");
    browser.find("//input[@id='filter-order-type-NEW' and @type='checkbox']").await;
    // Only the documented filter values are offered (the API answers 1132 to others).
    let offered = browser
        .client
        .execute("return [...document.querySelectorAll('input[id^=filter-order-type-], input[id^=filter-status-]')].map(i => i.id);", vec![])
        .await
        .expect("filters");
    let expected = ["NEW", "TRANSFER", "RENEWAL", "SWITCH"]
        .map(|t| format!("filter-order-type-{t}"))
        .into_iter()
        .chain(["1000", "1002", "1004", "1026"].map(|s| format!("filter-status-{s}")));
    assert_eq!(offered, serde_json::json!(expected.collect::<Vec<_>>()), "the documented order types and statuses");
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
    assert!(!before.is_empty() && before.iter().all(|t| t == "New"), "only new orders: {before:?}");
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
async fn set_each_auto_renewal_state_then_preview_the_renewal() {
    let (sandbox, browser) = start().await;
    open_fairmont(&browser, &sandbox).await;
    let customer = hub_customer(&browser).await;
    browser
        .find("//nav[@aria-label=\"This customer's records\"]//a[normalize-space(.)='Subscriptions']")
        .await
        .click()
        .await
        .expect("subscriptions");
    browser.find("//main//h1[starts-with(normalize-space(.), 'Subscriptions of ')]").await;
    browser.screenshot("subscriptions-list").await;
    browser.open_first_active_subscription().await;
    let renewal = "//dt[normalize-space(.)='Auto-renewal']/following-sibling::dd[1]";
    for (choice, expect) in [("off", "Off"), ("quantity", "On for 7")] {
        browser.find(&format!("//input[@type='radio' and @value='{choice}']")).await.click().await.expect("choose");
        if choice == "quantity" {
            browser.fill("Renewal quantity", "0").await;
            browser.click("Save auto-renewal").await;
            browser.sees("Enter a whole number from 1 to 599,000.").await;
            browser.fill("Renewal quantity", "7").await;
        }
        browser.click("Save auto-renewal").await;
        if choice == "off" {
            // Off ends the licenses at renewal: the console asks first, and says when.
            browser
                .find("//dialog[@open]//p[contains(., 'the customer loses them unless an order adds them again')]")
                .await;
            browser.screenshot("subscriptions-auto-renewal-off").await;
            browser
                .find("//dialog[@open]//button[normalize-space(.)='Turn auto-renewal off']")
                .await
                .click()
                .await
                .expect("confirm");
        }
        browser.find(&format!("{renewal}[normalize-space(.)='{expect}']")).await;
    }
    browser.find("//input[@type='radio' and @value='all']").await.click().await.expect("choose all");
    browser.click("Save auto-renewal").await;
    // The API answers "on for all" with the licenses as the renewal quantity; it reads back as
    // chosen, after a reload too.
    browser.sees("Auto-renewal of").await;
    browser.find(&format!("{renewal}[normalize-space(.)='On for all licenses']")).await;
    browser.client.refresh().await.expect("reload");
    browser.find(&format!("{renewal}[normalize-space(.)='On for all licenses']")).await;
    let all = browser.find("//input[@type='radio' and @value='all']").await;
    assert_eq!(all.prop("checked").await.expect("prop").as_deref(), Some("true"), "the editor shows the choice");
    let form = browser.find("//section[@aria-labelledby='renewal-title']").await;
    browser.show(&form).await;
    browser.screenshot("subscriptions-auto-renewal").await;
    let subscription = browser.path().await.rsplit('/').next().unwrap_or_default().to_string();
    // The renewal preview, from the hub: the subscription renews, at the quantity set.
    browser.client.goto(&format!("{}customers/{customer}", sandbox.url)).await.expect("hub");
    // The hub's pictures: licenses per offer and the renewals ahead, drawn from the subscriptions.
    let bars = browser
        .find("//figure[figcaption[normalize-space(.)='Licenses per offer: current and used']]/*[name()='svg']")
        .await;
    let label = bars.attr("aria-label").await.expect("attr").unwrap_or_default();
    assert!(label.contains("current") && label.contains("used"), "a text alternative: {label}");
    browser.find("//figure[figcaption[normalize-space(.)='Renewals in the next twelve months']]/*[name()='svg']//*[name()='circle']").await;
    browser.show(&bars).await;
    browser.screenshot("customers-hub-pictures").await;
    browser.click("Renewal preview").await;
    browser.heading("Renewal preview").await;
    let row = format!("//table[caption[normalize-space(.)='Lines of the renewal order']]/tbody/tr[td[2][normalize-space(.)='{subscription}']]");
    // It renews: its note says what changes, not that it will not renew.
    let note = browser.find(&format!("{row}/td[last()]")).await.text().await.expect("text");
    assert!(!note.is_empty() && !note.contains("will not renew"), "the line's note: {note}");
    browser.sees(" would renew.").await;
    browser.screenshot("orders-renewal-preview").await;
    // A customer whose subscriptions all have auto-renewal off: the API answers 2136.
    browser.open_customer(&sandbox.url, "Golden Gate Media").await;
    browser.click("Renewal preview").await;
    browser.sees("Nothing would renew.").await;
    browser.screenshot("orders-renewal-nothing").await;
    browser.click("Open the subscriptions").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Subscriptions of ')]").await;
    browser.close().await;
}

/// A flexible discount for the renewal, set on a subscription: checked as typed, kept, verified
/// by the renewal preview (a code the customer may not have says so on its line), then removed.
#[tokio::test(flavor = "multi_thread")]
async fn a_renewal_discount_is_set_verified_by_the_preview_and_removed() {
    let (sandbox, browser) = start().await;
    open_fairmont(&browser, &sandbox).await;
    let customer = hub_customer(&browser).await;
    browser.client.goto(&format!("{}subscriptions?customer={customer}", sandbox.url)).await.expect("subscriptions");
    browser.open_first_active_subscription().await;
    let page = browser.path().await;
    let subscription = page.rsplit('/').next().unwrap_or_default().to_string();
    let discounts = "//dt[normalize-space(.)='Discount codes at renewal']/following-sibling::dd[1]";
    let row = format!("//table[caption[normalize-space(.)='Lines of the renewal order']]/tbody/tr[td[2][normalize-space(.)='{subscription}']]");
    browser.find("//input[@type='radio' and @value='all']").await.click().await.expect("on for all");
    browser.fill("Flexible discount code", "<b>").await;
    browser.click("Save auto-renewal").await;
    browser.sees("is not allowed here; use text without < > or \"").await;
    for (code, verdict) in [("SUMMER_SALE_20", "does not apply"), ("BLACK_FRIDAY_10_PERCENT_OFF", "applies.")] {
        // Back on the page after a save: nothing was left unsaved.
        browser.find("//main//form//input[@type='radio' and @value='all']").await;
        assert!(browser.absent("//main//*[contains(text(), 'unsaved changes')]").await, "no draft restored");
        browser.fill("Flexible discount code", code).await;
        browser.click("Save auto-renewal").await;
        browser.find(&format!("{discounts}[normalize-space(.)='{code}']")).await;
        assert_eq!(browser.value_of("Flexible discount code").await, "", "emptied once saved");
        browser.click("Renewal preview").await;
        browser.heading("Renewal preview").await;
        let note = browser.find(&format!("{row}/td[last()]")).await.text().await.expect("note");
        assert!(note.contains(&format!("Flexible discount {code}: {verdict}")), "{code}: {note}");
        // The unit price is what the partner pays a unit, after the discount: units times it
        // make the line's total.
        let mut cells = Vec::new();
        for n in [4, 5, 6] {
            let text = browser.find(&format!("{row}/td[{n}]")).await.text().await.expect("cell");
            cells.push(text.replace(['$', ','], "").trim().parse::<f64>().unwrap_or(f64::NAN));
        }
        let [units, unit, total] = cells[..] else { panic!("three cells") };
        assert!((units * unit - total).abs() < 0.01, "{code}: {units} × {unit} against {total}");
        browser
            .screenshot(&format!("orders-renewal-discount-{}", verdict.trim_end_matches('.').replace(' ', "-")))
            .await;
        browser.client.goto(&format!("{}{}", sandbox.url, page.trim_start_matches('/'))).await.expect("back");
    }
    let section = browser.find("//section[@aria-labelledby='renewal-title']").await;
    browser.show(&section).await;
    browser.screenshot("subscriptions-renewal-discount").await;
    browser.click("Remove the renewal discount").await;
    browser.sees("no longer has a flexible discount").await;
    browser.find(&format!("//main[not({discounts}[normalize-space(.)!=''])]")).await;
    assert!(
        browser.absent("//button[normalize-space(.)='Remove the renewal discount']").await,
        "nothing left to remove"
    );
    browser.client.goto(&format!("{}customers/{customer}/renewal", sandbox.url)).await.expect("renewal");
    let note = browser.find(&format!("{row}/td[last()]")).await.text().await.expect("note");
    assert!(!note.contains("Flexible discount"), "{note}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_line_of_the_wrong_market_segment_is_refused_with_its_reason() {
    let (sandbox, browser) = start().await;
    open_fairmont(&browser, &sandbox).await;
    let customer = hub_customer(&browser).await;
    let before = orders_created(&browser, &sandbox).await;
    // Fairmont is a commercial customer; line 2 is the education offer of the same product.
    browser.preview_order(&sandbox.url, &customer, &["65322651CA01A12:3", "65322651EA01A12:2"]).await;
    let refused =
        browser.find("//ul[@aria-label='Refused lines']/li[starts-with(normalize-space(.), 'Line 2:')]").await;
    let text = refused.text().await.expect("text");
    assert!(text.contains("market segment"), "the reason in words: {text}");
    assert!(text.contains("Use the offer for the customer's and the reseller's market segment"), "what to do: {text}");
    let lines = browser
        .client
        .find_all(fantoccini::Locator::XPath("//ul[@aria-label='Refused lines']/li"))
        .await
        .expect("lines");
    assert_eq!(lines.len(), 1, "only the refused line is named");
    assert!(browser.absent("//section[contains(@class,'preview')]").await, "no preview to place");
    browser.show(&refused).await;
    browser.screenshot("orders-refused-line").await;
    assert_eq!(orders_created(&browser, &sandbox).await, before);
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn return_one_line_of_an_order() {
    let (sandbox, browser) = start().await;
    open_fairmont(&browser, &sandbox).await;
    let customer = hub_customer(&browser).await;
    browser.preview_order(&sandbox.url, &customer, &["65322651CA01A12:3", "65304921CA01A12:2"]).await;
    browser.find("//section[contains(@class,'preview')]").await;
    browser.click("Place order").await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    let order_page = browser.path().await;
    let order_id = order_page.rsplit('/').next().unwrap_or_default().to_string();
    browser.sees("can be returned until").await;
    browser.click("Return lines").await;
    browser.heading(&format!("Return lines of order {order_id}")).await;
    let before = orders_created(&browser, &sandbox).await;
    // Nothing chosen: said at the group, nothing sent.
    browser.click("Return the chosen lines").await;
    browser.sees("Choose at least one line to return.").await;
    browser
        .find("//label[starts-with(normalize-space(.), 'Line 2 ·')]/input")
        .await
        .click()
        .await
        .expect("tick line 2");
    browser.click("Return the chosen lines").await;
    browser.find(&format!("//dialog[@open]//h2[normalize-space(.)='Return 1 line of order {order_id}?']")).await;
    browser.sees("their licenses are removed from the customer's subscriptions").await;
    browser.screenshot("orders-return-confirm").await;
    browser.click("Return these lines").await;
    browser.find("//dt[normalize-space(.)='Type']/following-sibling::dd[1][normalize-space(.)='Return']").await;
    browser
        .find(&format!(
            "//dt[normalize-space(.)='Reference order']/following-sibling::dd[1][normalize-space(.)='{order_id}']"
        ))
        .await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    assert_eq!(orders_created(&browser, &sandbox).await, before + 1, "one RETURN order");
    let lines = browser.client.find_all(fantoccini::Locator::XPath("//main//table/tbody/tr")).await.expect("lines");
    assert_eq!(lines.len(), 1, "the return holds exactly the chosen line");
    // Adobe credits the returned line's price: below zero, as the line's.
    let credited = browser
        .find("//dt[normalize-space(.)='Credited by Adobe, before tax']/following-sibling::dd[1]")
        .await
        .text()
        .await
        .expect("credited");
    assert!(credited.starts_with('-') || credited.starts_with('\u{2212}'), "{credited}");
    let line_price = |table: &str| column_cell(table, "[td[1][normalize-space(.)='2']]", "Line total");
    let items = "//main//table[caption[normalize-space(.)='Line items']]";
    assert_eq!(browser.find(&line_price(items)).await.text().await.expect("line"), credited);
    browser.screenshot("orders-return-complete").await;
    // The original order: line 2 cancelled, line 1 still returnable.
    browser
        .client
        .goto(&format!("{}{}", sandbox.url, order_page.trim_start_matches('/')))
        .await
        .expect("original order");
    // The Status column found by its header, wherever it stands.
    let lines = "//main//table[caption[normalize-space(.)='Line items']]";
    let status = format!("count({lines}/thead//th[normalize-space(.)='Status']/preceding-sibling::th)+1");
    let line = |n: &str, s: &str| {
        format!("{lines}/tbody/tr[td[1][normalize-space(.)='{n}']]/td[{status}][normalize-space(.)='{s}']")
    };
    browser.find(&line("2", "Cancelled")).await;
    browser.find(&line("1", "Complete")).await;
    let paid = browser.find(&line_price(lines)).await.text().await.expect("paid");
    assert_eq!(credited.trim_start_matches(['-', '\u{2212}']), paid, "the credit is what line 2 cost");
    browser.screenshot("orders-after-return").await;
    browser.click("Return lines").await;
    browser.find("//label[starts-with(normalize-space(.), 'Line 1 ·')]").await;
    browser.find("//ul[contains(@class,'refused-lines')]/li[contains(normalize-space(.), 'Line 2') and contains(., 'Already returned.')]").await;
    assert!(
        browser.absent("//label[starts-with(normalize-space(.), 'Line 2 ·')]").await,
        "a returned line is not offered again"
    );
    // The original order's external reference, the one thing an order update changes.
    browser.click("Back to the order").await;
    browser.fill("External reference id", "PO-RETURNED-2").await;
    browser.click("Save reference").await;
    browser.find("//dt[normalize-space(.)='External reference']/following-sibling::dd[1][normalize-space(.)='PO-RETURNED-2']").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn order_these_from_a_notification_of_open_acquisitions() {
    let (sandbox, browser) = start().await;
    browser
        .client
        .goto(&format!("{}resellers?sort-by=companyName&order-by=asc", sandbox.url))
        .await
        .expect("resellers");
    browser.click("Northwind Software Partners").await;
    browser.heading("Northwind Software Partners").await;
    browser.click("Licenses pending an order").await;
    browser.heading("Licenses pending an order").await;
    // The first notification names Fairmont Hotels Group (1000000012).
    let row = browser.find("//table[caption[normalize-space(.)='Notifications']]/tbody/tr[1]").await;
    // Named, with its id beside.
    let cell = row.find(fantoccini::Locator::XPath("td[1]")).await.expect("customer cell");
    assert!(cell.text().await.expect("text").starts_with("Fairmont Hotels Group "), "the customer by name");
    let customer = cell.find(fantoccini::Locator::XPath(".//code")).await.expect("id").text().await.expect("text");
    browser.screenshot("acquisitions-notifications").await;
    browser
        .find(&format!("//a[@aria-label='See the licenses: customer {customer}']"))
        .await
        .click()
        .await
        .expect("open acquisitions");
    browser.heading("Licenses pending an order").await;
    let offers = browser
        .client
        .find_all(fantoccini::Locator::XPath("//table[caption[normalize-space(.)='Open acquisitions']]/tbody/tr/td[3]"))
        .await
        .expect("rows");
    assert!(!offers.is_empty(), "licenses pending an order are listed");
    let first_offer = offers[0].text().await.expect("offer");
    browser.sees(" pending an order.").await;
    browser.screenshot("acquisitions-open").await;
    browser.click("Order these").await;
    browser.heading("Place an order").await;
    assert_eq!(browser.path().await, format!("/customers/{customer}/orders/new"));
    let entered = browser
        .find("//input[@id='f-lineItems-0--offerId']")
        .await
        .prop("value")
        .await
        .expect("value")
        .unwrap_or_default();
    assert_eq!(entered, first_offer, "the lines are prefilled from the open acquisitions");
    browser.click("Preview order").await;
    let preview = browser.find("//section[contains(@class,'preview')]//tbody/tr").await;
    browser.show(&preview).await;
    browser.screenshot("acquisitions-order-these-preview").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_price_list_by_segment_type_currency_and_family() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}price-list", sandbox.url)).await.expect("price list");
    browser.heading("Price list").await;
    // This month's standard commercial list in the configured currency, every volume level.
    browser.find("//main//table//td[normalize-space(.)='11073058CA01A12']").await;
    browser.sees("Level 4 100+").await;
    browser.sees("of").await;
    browser.choose("Market segment", "GOV").await;
    browser.choose("Price list", "3YC").await;
    browser.choose("Currency", "USD").await;
    // The catalog's first product sold to GOV, at the first 3YC level.
    browser.find("//main//table//td[normalize-space(.)='11083117GA12A12']").await;
    browser.screenshot("price-list-3yc-gov").await;
    // An exact product family, the 3YC levels with last year's price beside this year's.
    let url = format!("{}price-list?segment=GOV&type=3YC&family=Acrobat%20Pro%20for%20teams", sandbox.url);
    browser.client.goto(&url).await.expect("filtered");
    browser.sees("1–6 of 6 prices").await;
    let rows = browser.client.find_all(fantoccini::Locator::XPath("//main//table/tbody/tr")).await.expect("rows");
    assert_eq!(rows.len(), 6);
    // A currency the region is not contracted for is the API's 1161, explained.
    browser.client.goto(&format!("{}price-list?region=JP&currency=USD", sandbox.url)).await.expect("refused");
    browser.sees("Choose a region and currency your partner account is set up for.").await;
    browser.close().await;
}

/// A mid-term upgrade by visible labels: from Illustrator's subscription to the All Apps plan
/// for some licenses, priced in a preview, followed to completion; then undone the same way,
/// and both orders found in the history by type.
#[tokio::test(flavor = "multi_thread")]
async fn upgrade_a_subscription_mid_term_then_undo_it() {
    let (sandbox, browser) = start().await;
    open_fairmont(&browser, &sandbox).await;
    let customer = hub_customer(&browser).await;
    browser.client.goto(&format!("{}subscriptions?customer={customer}", sandbox.url)).await.expect("list");
    let row = "//main//table//tr[td[a[normalize-space(.)='Illustrator for teams']]]";
    let id = browser.find(&format!("{row}//code[contains(@class,'id')]")).await.text().await.expect("id");
    browser.find(&format!("{row}//a[contains(@href, '/subscriptions/')]")).await.click().await.expect("open");
    browser.heading(&format!("Subscription {id}")).await;
    browser.click("Upgrade").await;
    browser.heading("Upgrade a subscription").await;
    browser.choose("Upgrade to", "65322651CA01A12").await;
    browser.sees("Licenses left on Illustrator for teams stay, and both products renew; a renewal quantity set on Illustrator for teams stays as set").await;
    browser.fill("Licenses to move", "3").await;
    browser.click("Preview upgrade").await;
    let preview = "//section[contains(@class,'preview')]";
    browser.find(&format!("{preview}//tr[td[1][normalize-space(.)='Adds']][td[span[normalize-space(.)='Creative Cloud All Apps for teams']]]")).await;
    browser
        .find(&format!(
            "{preview}//tr[td[1][normalize-space(.)='Replaces']][td[span[normalize-space(.)='Illustrator for teams']]]"
        ))
        .await;
    let total = browser.find(&format!("{preview}//p[@class='order-total']/strong")).await;
    assert!(total.text().await.expect("total").contains('$'));
    browser.show(&total).await;
    browser.screenshot("orders-upgrade-preview").await;
    browser.client.set_window_size(360, 740).await.expect("phone");
    browser.show(&total).await;
    browser.screenshot("orders-upgrade-preview-360").await;
    browser.client.set_window_size(1280, 900).await.expect("desktop");
    browser.click("Place upgrade order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    // While it is processed (four seconds here), the subscription offers no other upgrade.
    let order_page = browser.path().await;
    let upgrade_page = format!("{}customers/{customer}/subscriptions/{id}/upgrade", sandbox.url);
    browser.client.goto(&upgrade_page).await.expect("upgrade page");
    browser.sees("An upgrade of this subscription is still being processed.").await;
    browser.find("//main//table[caption='Upgrade orders being processed']").await;
    browser.screenshot("orders-upgrade-in-progress").await;
    browser.client.goto(&format!("{}{}", sandbox.url, order_page.trim_start_matches('/'))).await.expect("order");
    browser.sees("Complete: this order no longer changes on its own.").await;
    let switch = browser.path().await.rsplit('/').next().unwrap_or_default().to_string();
    // The old subscription kept the rest; the order names what it replaced.
    browser.find("//section[h2='Upgrade']//tr[td[1][normalize-space(.)='Replaces']]").await;
    browser.click("Preview undoing the upgrade").await;
    let undo = browser.find("//div[@id='undo-switch']//table").await;
    browser.show(&undo).await;
    browser.screenshot("orders-upgrade-undo-preview").await;
    browser.click("Undo the upgrade").await;
    browser.find(&format!("//main//h1[starts-with(normalize-space(.), 'Order ')][not(contains(., '{switch}'))]")).await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    // The upgrade in the history by its type; its undoing in the whole history.
    let history = format!("{}orders?customer={customer}", sandbox.url);
    browser.client.goto(&format!("{history}&order-type=SWITCH")).await.expect("history");
    browser.find(&format!("//main//table//a[normalize-space(.)='{switch}']")).await;
    browser.client.goto(&history).await.expect("history");
    browser.find("//main//table//td[normalize-space(.)='Upgrade undone']").await;
    browser.close().await;
}

/// The Orders area lists every order of a reseller's customers; one opens without knowing its
/// customer.
#[tokio::test(flavor = "multi_thread")]
async fn the_orders_of_every_customer_of_a_reseller_open_without_their_customer() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}orders", sandbox.url)).await.expect("orders");
    browser.heading("Orders").await;
    browser.client.goto(&format!("{}orders?reseller=1000000001", sandbox.url)).await.expect("orders");
    browser.find("//main//h1[normalize-space(.)='Orders of Northwind Software Partners 1000000001']").await;
    browser.sees(" orders shown.").await;
    browser.fill("Customer name", "fairmont").await;
    browser.field("Customer name").await.send_keys("\u{E007}").await.expect("enter");
    let row = "//main//table//tbody/tr[td[2]//a[normalize-space(.)='Fairmont Hotels Group']]";
    browser.find(row).await;
    let others = browser
        .client
        .find_all(fantoccini::Locator::XPath(
            "//main//table//tbody/tr[not(td[2]//a[normalize-space(.)='Fairmont Hotels Group'])]",
        ))
        .await
        .expect("rows");
    assert!(others.is_empty(), "only Fairmont's orders are shown");
    browser.screenshot("orders-of-a-reseller").await;
    let link = browser.find(&format!("{row}/td[1]/a")).await;
    let id = link.text().await.expect("order id");
    link.click().await.expect("open the order");
    browser.heading(&format!("Order {id}")).await;

    // Sorted by customer, paged, kept over a reload, and exported whole.
    browser.client.goto(&format!("{}orders?reseller=1000000001&limit=10", sandbox.url)).await.expect("orders");
    browser.find("//main//th[@aria-sort='descending']/button[starts-with(normalize-space(.), 'Created')]").await;
    browser.find("//main//th/button[normalize-space(.)='Customer']").await.click().await.expect("sort by customer");
    browser.find("//main//th[@aria-sort='ascending']/button[starts-with(normalize-space(.), 'Customer')]").await;
    let customers = |b: &Browser| {
        let b = b.client.clone();
        async move {
            let mut names = Vec::new();
            for cell in b.find_all(fantoccini::Locator::XPath("//main//table//tbody/tr/td[2]")).await.expect("cells") {
                names.push(cell.text().await.expect("name").to_lowercase());
            }
            names
        }
    };
    let first = customers(&browser).await;
    assert_eq!(first.len(), 10, "a page of ten");
    assert!(first.windows(2).all(|w| w[0] <= w[1]), "by customer: {first:?}");
    browser.client.refresh().await.expect("reload");
    browser.find("//main//th[@aria-sort='ascending']/button[starts-with(normalize-space(.), 'Customer')]").await;
    assert_eq!(customers(&browser).await, first, "the same page after a reload");
    browser.click("Export CSV").await;
    browser.find("//*[@role='status' and starts-with(normalize-space(.), 'Exported ') and contains(., 'rows to orders-1000000001.csv')]").await;
    browser.screenshot("orders-of-a-reseller-sorted").await;
    browser.close().await;
}

/// The Subscriptions area lists every subscription of a reseller's customers, soonest renewal
/// first, filtered by product and how soon it renews.
#[tokio::test(flavor = "multi_thread")]
async fn the_subscriptions_of_every_customer_of_a_reseller_filtered_by_product_and_renewal() {
    let (sandbox, browser) = start().await;
    // Fairmont's list fails, whatever the retries: the others show, and Fairmont is named.
    let failing = serde_json::json!([{ "method": "GET", "path": "/v3/customers/1000000012/subscriptions", "kind": "status", "status": 500, "times": 50 }]);
    browser.client.goto(&sandbox.url).await.expect("home");
    browser.set_faults(failing).await;
    browser.client.goto(&format!("{}subscriptions?reseller=1000000001", sandbox.url)).await.expect("subscriptions");
    browser.find("//main//h1[normalize-space(.)='Subscriptions of Northwind Software Partners 1000000001']").await;
    browser.find("//table[caption='Customers not read']//a[normalize-space(.)='Fairmont Hotels Group']").await;
    browser.sees(" subscriptions match.").await;
    browser.screenshot("subscriptions-of-a-reseller-one-not-read").await;
    browser.set_faults(serde_json::json!([])).await;
    browser.click("Refresh").await;
    browser.find("//main//table[caption='Subscriptions']//a[normalize-space(.)='Fairmont Hotels Group']").await;
    assert!(browser.absent("//table[caption='Customers not read']").await, "read again, every customer is there");
    browser.choose("Renews within", "30").await;
    browser.fill("Product", "illustrator").await;
    browser.field("Product").await.send_keys("\u{E007}").await.expect("enter");
    let row = "//main//table//tbody/tr[td[1]//a[normalize-space(.)='Fairmont Hotels Group']][td[2]/span[normalize-space(.)='Illustrator for teams']]";
    browser.find(row).await;
    let rows = browser.client.find_all(fantoccini::Locator::XPath("//main//table//tbody/tr")).await.expect("rows");
    for r in rows {
        let text = r.text().await.expect("row");
        assert!(text.contains("Illustrator"), "only Illustrator is shown: {text}");
    }
    browser.screenshot("subscriptions-of-a-reseller").await;
    browser.find(&format!("{row}/td[3]/a")).await.click().await.expect("open");
    browser.find("//main//h1[starts-with(normalize-space(.), 'Subscription ')]").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_product_the_customer_does_not_have_is_added_to_its_next_renewal() {
    let (sandbox, browser) = start().await;
    // Starlight Events renews in 12 days: products may be added until 3 days before.
    let customer = browser.open_customer(&sandbox.url, "Starlight Events").await;
    browser.client.goto(&format!("{}customers/{customer}/renewal", sandbox.url)).await.expect("renewal");
    browser.heading("Renewal preview").await;
    // The window's end is a moment, with its zone: the API counts whole days in UTC.
    // (Matched in two parts: a formatter may put a narrow no-break space before "AM".)
    browser
        .find("//section[h2='Add a product to the renewal']/p[contains(., ', 12:00') and contains(., 'AM UTC, a product')]")
        .await;
    browser
        .find("//section[h2='Add a product to the renewal']//a[normalize-space(.)='Add a product to the renewal']")
        .await
        .click()
        .await
        .expect("add");
    browser.heading("Add a product to the renewal").await;
    // A product it has already is named at its field, before anything is sent.
    browser.set("Product or offer id", "65304522CA01A12").await;
    browser.fill("Licenses to renew on the anniversary", "5").await;
    browser.click("Add to the renewal").await;
    let held = browser.sees("The customer already has this product").await;
    // The refused field has the focus, and with it the picker's list: Escape closes it.
    browser.press(Key::Escape).await;
    browser.show(&held).await;
    browser.screenshot("orders-add-to-renewal-held").await;
    // Photoshop for enterprise it has not: scheduled, with no licenses until the anniversary,
    // and the flexible discount its renewal is to have.
    browser.set("Product or offer id", "65322587CA01A12").await;
    browser.fill("Flexible discount code", "BLACK_FRIDAY_10_PERCENT_OFF").await;
    browser.click("Add to the renewal").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Subscription')]").await;
    browser.sees("Scheduled").await;
    browser
        .find("//dt[normalize-space(.)='Discount codes at renewal']/following-sibling::dd[1][normalize-space(.)='BLACK_FRIDAY_10_PERCENT_OFF']")
        .await;
    browser.screenshot("orders-added-to-renewal").await;
    let added = browser.path().await.rsplit('/').next().unwrap_or_default().to_string();
    // The auto-renewal preview renews it with the others, for the five licenses, and says the
    // discount applies.
    browser.client.goto(&format!("{}customers/{customer}/renewal", sandbox.url)).await.expect("renewal");
    let row = format!("//table//tr[td//a[contains(@href, '{added}')]][td[normalize-space(.)='5']]");
    let note = browser.find(&format!("{row}/td[last()]")).await.text().await.expect("note");
    assert!(note.contains("Flexible discount BLACK_FRIDAY_10_PERCENT_OFF: applies."), "{note}");
    // The page to add one more lists it as added already.
    browser.client.goto(&format!("{}customers/{customer}/renewal/add", sandbox.url)).await.expect("add");
    browser.find("//main//ul[@class='added']/li[code='65322587CA01A12']").await;
    browser.close().await;
}

/// An Acrobat Pro subscription of the seeded world that auto-renews, more than three days
/// before its renewal, of a commercial customer with a 3-Year Commit in force of at least 100
/// licenses (or none at all): (customer, subscription).
fn acrobat_pro_renewing(committed: bool) -> (String, String) {
    use partner_model::types::{CommitmentStatus, Status};
    let now = partner_sandbox::twin::time::now();
    let world = seeded_world();
    let later = partner_sandbox::twin::time::date(now + 4 * partner_model::time::DAY);
    world
        .subscriptions
        .values()
        .filter(|s| s.offer_id.starts_with("65304479C") && s.status == Status::Active && s.auto_renewal.enabled)
        .filter(|s| s.renewal_date.get(..10).is_some_and(|d| d > later.as_str()))
        .filter_map(|s| {
            let owner = world.subscription_owner.get(&s.subscription_id)?;
            let c = world.customers.get(owner)?;
            let commitment = c.three_year_commit().and_then(|b| b.commitment.as_ref());
            // In force, committing at least MOQ 100's licenses.
            let in_force = commitment.is_some_and(|c| {
                c.status == Some(CommitmentStatus::Committed)
                    && c.minimum_quantities.iter().any(|m| m.offer_type.as_str() == "LICENSE" && m.quantity >= 100)
            });
            let no_request = c.three_year_commit().is_none();
            // Up to 50 Acrobat Pro and Standard seats: every MOQ is offered.
            let seats: u64 = world
                .subscriptions
                .values()
                .filter(|a| world.subscription_owner.get(&a.subscription_id) == Some(owner))
                .filter(|a| ["65304479", "65304921", "65304522", "65304386"].iter().any(|p| a.offer_id.starts_with(p)))
                .filter(|a| a.status == Status::Active)
                .filter_map(|a| a.current_quantity)
                .sum();
            (c.status == Status::Active && seats <= 50 && if committed { in_force } else { no_request })
                .then(|| (owner.clone(), s.subscription_id.clone()))
        })
        .next()
        .expect("a seeded Acrobat Pro subscription")
}

/// "Manage High Growth Offers through APIs": a subscription's page reads the renewal preview's
/// High Growth offers when asked, asks before renewing at the offer's minimum, says where to
/// get the 3-Year Commit they need, and takes the subscription out of the offer again.
#[tokio::test(flavor = "multi_thread")]
async fn a_subscription_renews_as_a_high_growth_offer_and_stops() {
    let (sandbox, browser) = start().await;
    let confirm = "//dialog[@open]//button[normalize-space(.)='Renew as High Growth offer']";
    // Without a 3-Year Commit: offered, asked about, refused with the way to one.
    let (customer, sub) = acrobat_pro_renewing(false);
    browser.client.goto(&format!("{}customers/{customer}/subscriptions/{sub}", sandbox.url)).await.expect("page");
    browser.find("//main//h2[normalize-space(.)='High Growth offer at renewal']").await;
    browser.click("See the High Growth offers").await;
    browser.sees("MOQ_100: at least 100 licenses · needs 3-Year Commit").await;
    browser.sees("MOQ_500: at least 500 licenses").await;
    browser.click("Renew as MOQ_100").await;
    browser.find("//dialog[@open]//p[contains(., 'the customer renews at least 100 licenses of this product')]").await;
    browser.find(confirm).await.click().await.expect("confirm");
    browser.sees("Discount code not applicable for regular customer (error 5128).").await;
    browser.sees("High Growth offers need 3-Year Commit").await;
    browser.find(&format!("//div[@role='alert']//a[contains(@href, '/customers/{customer}/benefits')]")).await;
    browser.screenshot("subscriptions-high-growth-needs-3yc").await;
    // With one in force (100 licenses committed): not MOQ 250, whose minimum is above it;
    // MOQ 100, which the facts and the renewal preview show.
    let (customer, sub) = acrobat_pro_renewing(true);
    let page = format!("{}customers/{customer}/subscriptions/{sub}", sandbox.url);
    browser.client.goto(&page).await.expect("page");
    browser.click("See the High Growth offers").await;
    browser.click("Renew as MOQ_250").await;
    browser.find(confirm).await.click().await.expect("confirm");
    browser.sees("must commit at least the offer's minimum of licenses").await;
    browser.click("Renew as MOQ_100").await;
    browser.find(confirm).await.click().await.expect("confirm");
    browser.sees(&format!("{sub} renews as High Growth offer MOQ_100.")).await;
    browser.sees("Renews as High Growth offer MOQ_100: at least 100 licenses.").await;
    browser
        .find("//dt[normalize-space(.)='High Growth offer at renewal']/following-sibling::dd[1][normalize-space(.)='MOQ_100']")
        .await;
    assert_eq!(browser.value_of("Renewal quantity").await, "100", "the editor starts from what renews now");
    browser.screenshot("subscriptions-high-growth-opted").await;
    assert_eq!(browser.axe().await, Vec::<String>::new(), "the page renewing as a High Growth offer");
    browser.client.goto(&format!("{}customers/{customer}/renewal", sandbox.url)).await.expect("renewal");
    let line = "//table//tr[td[contains(., '65304479CA14X12')]]";
    browser.find(&format!("{line}/td[normalize-space(.)='100']")).await;
    browser
        .find(&format!("{line}/td[normalize-space(.)='Renews as High Growth offer MOQ_100: at least 100 licenses.']"))
        .await;
    browser.screenshot("subscriptions-high-growth-renewal").await;
    // Auto-renewal stays on while it renews as one (the API's 5134).
    browser.client.goto(&page).await.expect("page");
    browser.find("//input[@type='radio' and @value='off']").await.click().await.expect("off");
    browser.click("Save auto-renewal").await;
    browser.click("Turn auto-renewal off").await;
    browser.sees("Could not turn off Auto Renewal for MOQ offer (error 5134).").await;
    // And out again: every license renews, and the offers can be looked at anew.
    browser.client.goto(&page).await.expect("page");
    browser.click("Stop renewing as a High Growth offer").await;
    browser
        .sees(&format!("{sub} no longer renews as a High Growth offer: auto-renewal is on for all its licenses."))
        .await;
    browser.find("//button[normalize-space(.)='See the High Growth offers']").await;
    assert_eq!(
        browser
            .client
            .execute("return document.querySelector(\"input[type=radio][value=all]\").checked;", vec![])
            .await
            .ok(),
        Some(serde_json::Value::Bool(true)),
        "on for all licenses"
    );
    browser.close().await;
}

/// "Customers can send an `offerId` corresponding to MOQ … to create a mid-term purchase order of
/// MOQ": from the subscription's High Growth offers, placing an order opens with the offer and
/// its minimum; once the order completes, the subscription renews as that offer.
#[tokio::test(flavor = "multi_thread")]
async fn a_high_growth_offer_is_bought_mid_term() {
    let (sandbox, browser) = start().await;
    let (customer, sub) = acrobat_pro_renewing(true);
    let page = format!("{}customers/{customer}/subscriptions/{sub}", sandbox.url);
    browser.client.goto(&page).await.expect("page");
    browser.click("See the High Growth offers").await;
    let list = browser.sees("Or buy one now, mid-term").await;
    browser.show(&list).await;
    browser.screenshot("orders-high-growth-offers").await;
    assert_eq!(browser.axe().await, Vec::<String>::new(), "the offers, each to renew as or to buy now");
    browser.click("Buy MOQ_100 now").await;
    browser.heading("Place an order").await;
    assert_eq!(browser.value_of("Product or offer id").await, "65304479CA14X12");
    assert_eq!(browser.value_of("Quantity").await, "100");
    browser.click("Preview order").await;
    let preview = browser.find("//section[contains(@class,'preview')]//td[contains(., '65304479CA14X12')]").await;
    browser.show(&preview).await;
    browser.screenshot("orders-high-growth-mid-term-preview").await;
    browser.click("Place order").await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    browser.client.goto(&page).await.expect("page");
    browser.sees("Renews as High Growth offer MOQ_100: at least 100 licenses.").await;
    browser
        .find("//dt[normalize-space(.)='High Growth offer at renewal']/following-sibling::dd[1][normalize-space(.)='MOQ_100']")
        .await;
    browser.screenshot("orders-high-growth-mid-term-opted").await;
    browser.close().await;
}

/// An active commercial customer of the seeded world holding no Acrobat.
fn customer_without_acrobat() -> String {
    use partner_model::types::Status;
    let world = seeded_world();
    let acrobat = |owner: &str| {
        world.subscriptions.values().any(|s| {
            world.subscription_owner.get(&s.subscription_id).map(String::as_str) == Some(owner)
                && ["65304386", "65304479", "65304522", "65304921"].iter().any(|p| s.offer_id.starts_with(p))
        })
    };
    let commercial = |c: &partner_model::types::Customer| {
        c.company_profile.market_segment.as_ref().is_some_and(|s| s.as_str() == "COM")
    };
    let mut ids: Vec<&String> = world
        .customers
        .values()
        .filter(|c| c.status == Status::Active && commercial(c) && !acrobat(&c.customer_id))
        .map(|c| &c.customer_id)
        .collect();
    ids.sort();
    ids.first().map(|id| id.to_string()).expect("a customer without Acrobat")
}

/// "INELIGIBLE_ADD_ON": AI Assistant for Acrobat alone is refused at its line, in words, with
/// what to do; ordered with Acrobat Pro it is previewed.
#[tokio::test(flavor = "multi_thread")]
async fn an_add_on_is_refused_without_its_base_product_and_previewed_with_it() {
    let (sandbox, browser) = start().await;
    let customer = customer_without_acrobat();
    browser.preview_order(&sandbox.url, &customer, &["65325791CA01A12:2"]).await;
    let refused = browser
        .find("//ul[@aria-label='Refused lines']/li[starts-with(normalize-space(.), 'Line 1:')]")
        .await
        .text()
        .await
        .expect("text");
    assert!(refused.contains("add-on product without the base product"), "{refused}");
    assert!(refused.contains("Place the order again with the base product included."), "{refused}");
    browser.show(&browser.find("//ul[@aria-label='Refused lines']").await).await;
    browser.screenshot("orders-add-on-refused").await;
    browser.preview_order(&sandbox.url, &customer, &["65304479CA01A12:2", "65325791CA01A12:2"]).await;
    browser
        .find("//section[contains(@class,'preview')]//td[span[normalize-space(.)='AI Assistant for Acrobat']]")
        .await;
    browser.close().await;
}

/// "Early renewal … not allowed in the final term of a three-year commitment (3YC) unless the
/// customer recommits" (3133): in that window the renewal page says so and leads to recommitting,
/// rather than offering a form Adobe refuses.
#[tokio::test(flavor = "multi_thread")]
async fn the_final_three_year_commit_term_leads_to_recommitting_rather_than_an_early_renewal() {
    let (sandbox, browser) = start().await;
    let world = seeded_world();
    let quantum = world.customers.values().find(|c| c.company_profile.company_name == "Quantum Ledger Corp");
    let customer = quantum.map(|c| c.customer_id.clone()).expect("Quantum Ledger Corp");
    browser.client.goto(&format!("{}customers/{customer}/renewal", sandbox.url)).await.expect("renewal");
    let note = browser.sees("This is the final term of the customer's 3-Year Commit").await;
    assert!(browser.absent("//button[normalize-space(.)='Preview renewal']").await, "no form Adobe refuses");
    assert_eq!(browser.axe().await, Vec::<String>::new(), "the renewal page in the final term");
    browser.show(&note).await;
    browser.screenshot("orders-renewal-final-3yc-term").await;
    browser.click("Request a recommitment").await;
    browser.sees("Send recommitment request").await;
    browser.close().await;
}

/// On the renewal date Adobe auto-renews ("Manage auto-renewals"): Fairmont's licenses are
/// made to renew today, one with auto-renewal off, and the twin's day's sweep is due. The
/// console shows the RENEWAL order Adobe made, the renewed licenses a year on, and the one left
/// out lapsed, to be renewed late.
#[tokio::test(flavor = "multi_thread")]
async fn on_the_renewal_date_auto_renewal_renews_and_the_rest_lapses() {
    use partner_sandbox::twin::{time, Change};
    const DAY: u64 = 86_400_000;
    let mut world = seeded_world();
    let now = time::now();
    let today = now - now % DAY;
    let customer = world
        .customers
        .values()
        .find(|c| c.company_profile.company_name == "Fairmont Hotels Group")
        .map(|c| c.customer_id.clone())
        .expect("Fairmont");
    let mut licenses: Vec<String> = world
        .subscription_owner
        .iter()
        .filter(|(sub, owner)| {
            **owner == customer
                && world.subscriptions.get(*sub).is_some_and(|s| {
                    s.status == partner_model::types::Status::Active && !s.offer_id.starts_with("6532")
                })
        })
        .map(|(sub, _)| sub.clone())
        .collect();
    licenses.sort();
    assert!(licenses.len() > 1, "Fairmont holds licenses of more than one product");
    for (i, id) in licenses.iter().enumerate() {
        if let Some(sub) = world.subscriptions.get_mut(id) {
            sub.renewal_date = time::date(today);
            sub.renewed_quantity = None;
            sub.auto_renewal.enabled = i != 0;
        }
    }
    if let Some(c) = world.customers.get_mut(&customer) {
        c.coterm_date = time::date(today);
    }
    world.schedule(now.saturating_sub(1), Change::AutoRenewals(today.saturating_sub(1)));
    let dir = std::env::temp_dir().join(format!("partner-e2e-auto-renewal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let state = dir.join("twin.json");
    partner_sandbox::twin::store::save_atomically(&state, &world).expect("state");
    let mut setup = Setup::new(&e2e_dist(), "/");
    setup.sandbox.twin.state_file = Some(state);
    let sandbox = Sandbox::start_with(setup).await;
    let browser = Browser::signed_in(&sandbox).await;
    // The order history has the RENEWAL Adobe made today, complete.
    browser.client.goto(&format!("{}orders?customer={customer}", sandbox.url)).await.expect("history");
    let table = "//table[contains(@class,'data')]";
    let row = "[td[normalize-space(.)='Renewal']]";
    browser.find(&format!("{table}//tbody/tr{row}")).await;
    let status = browser.find(&column_cell(table, row, "Status")).await.text().await.expect("status");
    assert!(status.contains("Complete"), "{status}");
    browser.screenshot("orders-auto-renewed-history").await;
    // A renewed subscription renews a year on.
    let next_year = (time::date(today).get(..4).and_then(|y| y.parse::<u32>().ok()).unwrap_or(0) + 1).to_string();
    let renewed = &licenses[1];
    browser.client.goto(&format!("{}customers/{customer}/subscriptions/{renewed}", sandbox.url)).await.expect("sub");
    let date = "//dt[normalize-space(.)='Renewal date']/following-sibling::dd[1]";
    let date = browser.find(date).await.text().await.expect("date");
    assert!(date.contains(&next_year), "{date}");
    // The one with auto-renewal off lapsed: renewable late, which its page says.
    let lapsed = &licenses[0];
    browser.client.goto(&format!("{}customers/{customer}/subscriptions/{lapsed}", sandbox.url)).await.expect("sub");
    browser.sees("This subscription can be renewed by hand now.").await;
    browser.sees("Inactive").await;
    let main = browser.find("//main").await.text().await.expect("text");
    assert!(!main.contains("less than three days away"), "no auto-renewal form to warn about: {main}");
    browser.screenshot("orders-auto-renewal-lapsed").await;
    browser.click("Renew by hand").await;
    browser.sees("Late renewal is open until").await;
    let rows = "//section[h2='Renew by hand']//h3/code";
    browser.find(rows).await;
    let mut offered = Vec::new();
    for row in browser.client.find_all(fantoccini::Locator::XPath(rows)).await.expect("rows") {
        offered.push(row.text().await.expect("text"));
    }
    assert_eq!(offered, vec![lapsed.clone()], "only the lapsed subscription is offered");
    browser.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Overlay recommendations: the hub lists the open leads Adobe's agents left, named by
/// product (the seed's Summit Peak Architects has one to buy and one expired, which is not
/// shown; Starlight Events one to renew); "Place this order" opens the order form with the
/// lead's lines, and once that order is placed the API closes the lead; a lead to renew opens
/// the renewal page with its product's row at its quantity.
#[tokio::test(flavor = "multi_thread")]
async fn a_lead_from_adobe_is_ordered_from_the_hub_and_then_closed() {
    let (sandbox, browser) = start().await;
    let table = "//section[contains(@class,'leads')]//table[caption[normalize-space(.)='Leads from Adobe']]";
    let rows_of = |lead: &str| format!("{table}/tbody/tr[td[1][normalize-space(.)='{lead}']]");
    let (to_buy, to_renew) = (rows_of("To buy"), rows_of("To renew"));
    let starlight = browser.open_customer(&sandbox.url, "Starlight Events").await;
    let renew = browser.find(&to_renew).await;
    browser.show(&renew).await;
    browser.screenshot("hub-lead-to-renew").await;
    let product = column_cell(table, "[td[1][normalize-space(.)='To renew']][1]", "Product");
    let name = browser.find(&format!("{product}//span[@class='product']")).await.text().await.expect("name");
    let renew_offer = browser.find(&format!("{product}//code")).await.text().await.expect("offer");
    let quantity = column_cell(table, "[td[1][normalize-space(.)='To renew']][1]", "Quantity");
    let renew_quantity = browser.find(&quantity).await.text().await.expect("quantity");
    let renew_link = format!("/customers/{starlight}/renewal?line={renew_offer}:{renew_quantity}");
    browser.find(&format!("{to_renew}//a[normalize-space(.)='Renew by hand']")).await.click().await.expect("renew");
    browser.heading("Renewal preview").await;
    assert_eq!(browser.path().await, format!("/customers/{starlight}/renewal"));
    // Renewing by hand starts from the lead: its product's row at its quantity (the seed's
    // lead asks five licenses more than the subscription has), every other row at 0.
    let by_hand = "//section[h2='Renew by hand']";
    browser.sees("The rows start from Adobe's lead to renew: its products at its quantities").await;
    // The section the reseller came for, below the auto-renewal's lines, is brought into view
    // and takes the focus (a frame after it is drawn).
    let in_view = "const r = document.getElementById('renew-title').getBoundingClientRect(); \
                   return window.scrollY > 0 && r.top > -1 && r.bottom <= window.innerHeight \
                   && document.activeElement === document.getElementById('renew-title');";
    let until = |script: &'static str| {
        let browser = &browser;
        async move {
            let deadline = std::time::Instant::now() + Duration::from_secs(5);
            loop {
                let now = browser.client.execute(script, vec![]).await.expect("script");
                if now == serde_json::Value::Bool(true) || std::time::Instant::now() > deadline {
                    return now;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    };
    assert_eq!(until(in_view).await, serde_json::Value::Bool(true), "the section in the window, focused");
    let led = format!("{by_hand}//div[contains(@class,'row')][h3/span[normalize-space(.)={}]]", xpath_literal(&name));
    let field = browser.find(&format!("{led}//input[@type='number']")).await;
    assert_eq!(field.prop("value").await.expect("value"), Some(renew_quantity.clone()), "the lead's quantity");
    let fields = format!("{by_hand}//input[@type='number']");
    let mut values = Vec::new();
    for input in browser.client.find_all(fantoccini::Locator::XPath(&fields)).await.expect("fields") {
        values.push(input.prop("value").await.expect("value").unwrap_or_default());
    }
    assert!(values.len() > 1, "other licenses to renew: {values:?}");
    values.sort();
    let mut expected = vec!["0".to_string(); values.len() - 1];
    expected.push(renew_quantity.clone());
    expected.sort();
    assert_eq!(values, expected, "the lead's row at its quantity, the others at 0");
    // Read again from the top of the page, it leaves the window where the reseller is.
    let previews = || async { browser.requested().await.iter().filter(|(p, _)| p.ends_with("/orders")).count() };
    let before = previews().await;
    browser.client.execute("window.scrollTo(0, 0); return null;", vec![]).await.expect("to the top");
    browser.click("Preview again").await;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while previews().await == before && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(previews().await > before, "read again");
    browser.settled().await;
    browser.find(&format!("{led}//input[@type='number']")).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let y = browser.client.execute("return window.scrollY;", vec![]).await.expect("scroll");
    assert_eq!(y.as_f64(), Some(0.0), "read again, the page stays at its top");
    // Without a lead's lines the page is as before: every row at what it has left, no note,
    // nothing moved.
    browser.client.goto(&format!("{}customers/{starlight}/renewal", sandbox.url)).await.expect("renewal");
    browser.find(&format!("{led}//input[@type='number']")).await;
    browser.settled().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(browser.absent("//p[starts-with(normalize-space(.), 'The rows start from')]").await, "no note");
    let y = browser.client.execute("return window.scrollY;", vec![]).await.expect("scroll");
    assert_eq!(y.as_f64(), Some(0.0), "the page at its top");
    for input in browser.client.find_all(fantoccini::Locator::XPath(&fields)).await.expect("fields") {
        assert_ne!(input.prop("value").await.expect("value").as_deref(), Some("0"), "everything left");
    }
    browser.client.back().await.expect("back to the lead's page");
    browser.sees("The rows start from Adobe's lead to renew").await;
    browser.show(&browser.find(by_hand).await).await;
    browser.screenshot("renewal-from-lead").await;

    let customer = browser.open_customer(&sandbox.url, "Summit Peak Architects").await;
    let lead = browser.find(&to_buy).await;
    // Each product named once the price list's names arrive, the offer id beside; the lead's
    // action in its first row.
    let mut products = Vec::new();
    for n in 1..=2 {
        let row = format!("[td[1][normalize-space(.)='To buy']][{n}]");
        let product = column_cell(table, &row, "Product");
        let offer = browser.find(&format!("{product}//code")).await.text().await.expect("offer");
        browser.find(&format!("{product}//span[@class='product']")).await;
        let quantity = browser.find(&column_cell(table, &row, "Quantity")).await.text().await.expect("quantity");
        products.push((offer, quantity));
    }
    let rows = browser.client.find_all(fantoccini::Locator::XPath(&to_buy)).await.map(|r| r.len()).unwrap_or(0);
    assert_eq!(rows, 2, "the lead's two products; the expired lead is not shown");
    let actions = browser
        .client
        .find_all(fantoccini::Locator::XPath(&format!("{to_buy}//a[normalize-space(.)='Place this order']")))
        .await;
    assert_eq!(actions.map(|a| a.len()).ok(), Some(1), "one action a lead");
    // Its name starts with its words (a voice command of them finds it), then says which lead.
    browser.find(&format!("{to_buy}//a[starts-with(@aria-label, 'Place this order: lead created on ')]")).await;
    browser.show(&lead).await;
    browser.screenshot("hub-leads").await;

    // Another customer's hub on the same route, opened from the header's "go to" box, without
    // a reload: its own lead, linked to its own pages, and none of the first customer's; and
    // back again.
    let href = |xpath: String| {
        let browser = &browser;
        async move { browser.find(&xpath).await.attr("href").await.expect("href").unwrap_or_default() }
    };
    browser.client.execute("window.sameDocument = true; return null;", vec![]).await.expect("mark the page");
    browser
        .find("//form[contains(@class,'goto')]//input[@id='goto-id']")
        .await
        .send_keys(&starlight)
        .await
        .expect("type");
    browser.find("//form[contains(@class,'goto')]//button[@type='submit']").await.click().await.expect("open");
    browser.heading("Starlight Events").await;
    let renewal = href(format!("{to_renew}//a[normalize-space(.)='Renew by hand']")).await;
    assert!(renewal.ends_with(&renew_link), "{renewal}");
    assert!(browser.absent(&to_buy).await, "the first customer's lead is not drawn on another's hub");
    browser.client.back().await.expect("back");
    browser.heading("Summit Peak Architects").await;
    let order = href(format!("{to_buy}//a[normalize-space(.)='Place this order']")).await;
    assert!(order.contains(&format!("/customers/{customer}/orders/new?")), "{order}");
    assert!(browser.absent(&to_renew).await, "the other customer's lead is gone");
    let same = browser.client.execute("return window.sameDocument === true;", vec![]).await.expect("read the mark");
    assert_eq!(same, serde_json::Value::Bool(true), "the hubs changed without a reload");

    browser.find(&format!("{to_buy}//a[normalize-space(.)='Place this order']")).await.click().await.expect("place");
    browser.heading("Place an order").await;
    assert_eq!(browser.path().await, format!("/customers/{customer}/orders/new"));
    for (n, (offer, quantity)) in products.iter().enumerate() {
        let entered = |field: &str| {
            let xpath = format!("//input[@id='f-lineItems-{n}--{field}']");
            let browser = &browser;
            async move { browser.find(&xpath).await.prop("value").await.expect("value") }
        };
        assert_eq!(entered("offerId").await.as_deref(), Some(offer.as_str()), "the lead's lines");
        assert_eq!(entered("quantity").await.as_deref(), Some(quantity.as_str()));
    }
    browser.click("Preview order").await;
    browser.find("//section[contains(@class,'preview')]//tbody/tr").await;
    browser.click("Place order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;

    // A hub that follows its customer (a 3-Year Commit request waiting for Adobe) is drawn
    // again with each reading; its leads are read once.
    let acme = browser.open_customer(&sandbox.url, "Acme Robotics").await;
    browser.find("//section[contains(@class,'leads')]//p[normalize-space(.)='No open leads from Adobe.']").await;
    let reads = || async {
        let read = browser.requested().await;
        let of = |end: &str| read.iter().filter(|(path, _)| path.ends_with(end)).count();
        (of(&format!("/v3/customers/{acme}")), of("/v3/recommendations"))
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while reads().await.0 < 3 && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(reads().await, (3, 1), "the customer read three times, its leads once");

    // Back on the hub the lead is closed.
    browser.client.goto(&format!("{}customers/{customer}", sandbox.url)).await.expect("hub");
    browser.find("//section[contains(@class,'leads')]//p[normalize-space(.)='No open leads from Adobe.']").await;
    assert!(browser.absent(&to_buy).await, "the order closed the lead");

    // The lead to renew, renewed by hand as it asks: the RENEWAL order closes it.
    browser.client.goto(&format!("{}customers/{starlight}", sandbox.url)).await.expect("hub");
    browser.find(&format!("{to_renew}//a[normalize-space(.)='Renew by hand']")).await.click().await.expect("renew");
    browser.sees("The rows start from Adobe's lead to renew").await;
    browser.click("Preview renewal").await;
    browser.find("//section[h2='Renew by hand']//section[contains(@class,'preview')]").await;
    browser.click("Place renewal order").await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    // One line, the lead's product at the lead's quantity.
    let placed = "//table[caption[normalize-space(.)='Line items']]";
    let lines = browser.client.find_all(fantoccini::Locator::XPath(&format!("{placed}/tbody/tr"))).await;
    assert_eq!(lines.map(|l| l.len()).ok(), Some(1), "the lead's line only");
    let placed_quantity = browser.find(&column_cell(placed, "[1]", "Quantity")).await.text().await.expect("quantity");
    assert_eq!(placed_quantity, renew_quantity);
    let placed_offer = browser.find(&format!("{}//code", column_cell(placed, "[1]", "Offer"))).await;
    let placed_offer = placed_offer.text().await.expect("offer");
    assert_eq!(placed_offer.get(..8), renew_offer.get(..8), "the lead's product, at the level the renewal gives");
    browser.client.goto(&format!("{}customers/{starlight}", sandbox.url)).await.expect("hub");
    browser.find("//section[contains(@class,'leads')]//p[normalize-space(.)='No open leads from Adobe.']").await;
    browser.close().await;
}
