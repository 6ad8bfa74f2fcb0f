//! Keyboard only: the journeys of DESIGN's flows, done with Tab, typing, the arrow keys, Space
//! and Enter alone — creating a customer (its country and region chosen by typing), placing an
//! order after its preview, returning a line through its confirmation dialog, setting
//! auto-renewal to a quantity, a reseller change through its confirmation dialog, the VIP →
//! VIPMP switches and a transfer through its dialog, a mid-term upgrade and its undoing, a flexible discount used on an order, the price list filtered, the VMware list sorted, paged and
//! filtered, licenses pending an order ordered from a notification, and a customer enrolled in
//! a linked membership group, and the home's lists of what needs the reseller today, and a
//! product added to a renewal. What a journey needs first (an order to return, a subscription to open) is
//! set up as the other tests do; the journey itself uses no mouse.

use fantoccini::key::Key;
use partner_devtools::*;
use std::time::Duration;

async fn start() -> (Sandbox, Browser) {
    let mut settings = Setup::new(&e2e_dist(), "/");
    settings.sandbox.twin.pending_delay = Duration::from_secs(1);
    let sandbox = Sandbox::start_with(settings).await;
    let browser = Browser::signed_in(&sandbox).await;
    (sandbox, browser)
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

/// Waits until the focused element is the button `text` (a dialog moves the focus once it has
/// opened, an effect after the render).
async fn focus_lands_on(browser: &Browser, text: &str, why: &str) {
    let mut focused = browser.focused().await;
    for _ in 0..40 {
        if focused.1 == text {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        focused = browser.focused().await;
    }
    assert_eq!((focused.0.as_str(), focused.1.as_str()), ("BUTTON", text), "{why}");
}

/// Opens a confirmation dialog with its button `opener`, finds the focus on "Cancel" (an Enter
/// pressed twice must not commit), tabs to the action `action` and confirms with Enter.
async fn confirm_with_keys(browser: &Browser, opener: &str, action: &str) {
    tab_to_button(browser, opener).await;
    browser.press(Key::Enter).await;
    browser.find("//dialog[@open]").await;
    focus_lands_on(browser, "Cancel", "the dialog opens on Cancel").await;
    browser.press(Key::Tab).await;
    focus_lands_on(browser, action, "the action is one Tab away").await;
    browser.press(Key::Enter).await;
}

/// Tabs to the `<select>` labelled `label` and types the start of an option's text, as a
/// keyboard user picks from a closed list; the value it lands on must be `value`.
async fn tab_and_pick(browser: &Browser, label: &str, typed: &str, value: &str) {
    let id = browser.field(label).await.attr("id").await.expect("id").unwrap_or_default();
    tab_to(browser, label, |_, _, focused| focused == id).await;
    type_keys(browser, typed).await;
    assert_eq!(browser.value_of(label).await, value, "{label}: typing {typed:?} picks {value}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_is_created_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}customers/new?reseller=1000000001", sandbox.url)).await.expect("create a customer");
    browser.heading("Create a customer").await;
    tab_and_type(&browser, "Company name", "Keyboard Works Ltd").await;
    tab_and_pick(&browser, "Country", "United States", "US").await;
    tab_and_pick(&browser, "Region", "California", "CA").await;
    for (label, text) in [
        ("Address line 1", "1 Market Street"),
        ("City", "Springfield"),
        ("Postal code", "95110"),
        ("First name", "Dana"),
        ("Last name", "Okafor"),
        ("Email", "dana@keyboard.example.com"),
    ] {
        tab_and_type(&browser, label, text).await;
    }
    tab_to_button(&browser, "Create customer").await;
    browser.press(Key::Enter).await;
    browser.heading("Keyboard Works Ltd").await;
    browser.find("//main//*[contains(@class,'badge') and normalize-space(.)='Active']").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_line_is_returned_through_its_dialog_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    browser.preview_order(&sandbox.url, "1000000012", &["65322651CA01A12:3"]).await;
    browser.click("Place order").await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    let order = browser.path().await.rsplit('/').next().unwrap_or_default().to_string();
    browser.client.goto(&format!("{}customers/1000000012/orders/{order}/return", sandbox.url)).await.expect("return");
    browser.heading(&format!("Return lines of order {order}")).await;
    let line = browser.find("//label[starts-with(normalize-space(.), 'Line 1 ·')]/input").await;
    let id = line.attr("id").await.expect("id").unwrap_or_default();
    tab_to(&browser, "line 1", |_, _, focused| focused == id).await;
    browser.press(Key::Space).await;
    confirm_with_keys(&browser, "Return the chosen lines", "Return these lines").await;
    browser
        .find(&format!(
            "//dt[normalize-space(.)='Reference order']/following-sibling::dd[1][normalize-space(.)='{order}']"
        ))
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn auto_renewal_is_set_to_a_quantity_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}subscriptions?customer=1000000012", sandbox.url)).await.expect("subscriptions");
    browser.open_first_active_subscription().await;
    // Tab into the choice, then the arrow keys move through it.
    tab_to(&browser, "the auto-renewal choice", |tag, _, id| tag == "INPUT" && id.starts_with("f-ui-renewal-")).await;
    let checked = "return document.activeElement.value;";
    for _ in 0..3 {
        if browser.client.execute(checked, vec![]).await.expect("script") == "quantity" {
            break;
        }
        browser.press(Key::Down).await;
    }
    assert_eq!(
        browser.client.execute(checked, vec![]).await.expect("script"),
        "quantity",
        "the arrow keys reach a set quantity"
    );
    tab_and_type(&browser, "Renewal quantity", "7").await;
    // Enter in a field sends its form.
    browser.press(Key::Enter).await;
    browser
        .find("//dt[normalize-space(.)='Auto-renewal']/following-sibling::dd[1][normalize-space(.)='On for 7']")
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_order_is_previewed_and_placed_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}customers/1000000012/orders/new", sandbox.url)).await.expect("place an order");
    browser.heading("Place an order").await;
    // The offer picker: a part of the name, ↓ to the first match, ↓ again, ↑ back, Enter.
    tab_and_type(&browser, "Product or offer id", "all apps").await;
    browser.sees("products: ↓ to choose one.").await;
    browser.press(Key::Down).await;
    browser.press(Key::Down).await;
    browser.press(Key::Up).await;
    let active = browser.find("//li[@role='option' and @aria-selected='true']/code").await;
    let chosen = active.text().await.expect("offer id");
    browser.press(Key::Enter).await;
    assert_eq!(browser.value_of("Product or offer id").await, chosen, "Enter chose the active product");
    // Enter chose; it did not also send the form.
    let previews = browser.client.find_all(fantoccini::Locator::XPath("//section[contains(@class,'preview')]"));
    assert!(previews.await.expect("find").is_empty(), "Enter on a product previews nothing");
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
async fn a_renewal_by_hand_is_previewed_and_placed_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}customers/1000000012/renewal", sandbox.url)).await.expect("renewal");
    browser.heading("Renewal preview").await;
    tab_and_type(&browser, "Licenses to renew", "1").await;
    // Enter in a field sends its form. With the other rows still at all their licenses the page
    // says, before asking the API, that part of a subscription is renewed alone (3121).
    browser.press(Key::Enter).await;
    let problem = browser.sees("Part of a subscription is renewed in an order of its own").await;
    browser.show(&problem).await;
    browser.screenshot("keyboard-renew-part-alone").await;
    let fields = "//section[h2='Renew by hand']//input[@type='number']";
    let others = browser.client.find_all(fantoccini::Locator::XPath(fields)).await.expect("fields");
    assert!(others.len() > 1, "Fairmont renews more than one subscription by hand");
    for field in others.iter().skip(1) {
        let id = field.attr("id").await.expect("id").unwrap_or_default();
        let current = field.prop("value").await.expect("value").unwrap_or_default();
        tab_to(&browser, "the next row", |_, _, focused| focused == id).await;
        for _ in 0..current.chars().count() {
            browser.press(Key::Backspace).await;
        }
        type_keys(&browser, "0").await;
    }
    // Now the preview.
    browser.press(Key::Enter).await;
    browser.find("//section[h2='Renew by hand']//section[contains(@class,'preview')]").await;
    tab_to_button(&browser, "Place renewal order").await;
    browser.press(Key::Enter).await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Order ')]").await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_product_is_added_to_the_renewal_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    // Starlight Events renews in 12 days; its renewal page leads to the page that adds one.
    browser.client.goto(&format!("{}customers/1000000032/renewal", sandbox.url)).await.expect("renewal");
    browser.heading("Renewal preview").await;
    tab_to(&browser, "the way to add a product", |tag, text, _| tag == "A" && text == "Add a product to the renewal")
        .await;
    browser.press(Key::Enter).await;
    browser.heading("Add a product to the renewal").await;
    tab_and_type(&browser, "Product or offer id", "photoshop").await;
    browser.press(Key::Down).await;
    let chosen =
        browser.find("//li[@role='option' and @aria-selected='true']/code").await.text().await.expect("offer id");
    browser.press(Key::Enter).await;
    assert_eq!(browser.value_of("Product or offer id").await, chosen, "Enter chose the active product");
    tab_and_type(&browser, "Licenses to renew on the anniversary", "5").await;
    tab_to_button(&browser, "Add to the renewal").await;
    browser.press(Key::Enter).await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Subscription ')]").await;
    browser.sees("Scheduled").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_upgrade_is_previewed_placed_and_undone_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}subscriptions?customer=1000000012", sandbox.url)).await.expect("subscriptions");
    let row = "//main//table//tr[td[a[normalize-space(.)='Illustrator for teams']]]";
    browser.find(&format!("{row}//a[contains(@href, '/subscriptions/')]")).await.click().await.expect("open");
    browser.find("//main//h1[starts-with(normalize-space(.), 'Subscription ')]").await;
    tab_to(&browser, "the Upgrade link", |tag, text, _| tag == "A" && text == "Upgrade").await;
    browser.press(Key::Enter).await;
    browser.heading("Upgrade a subscription").await;
    tab_and_pick(&browser, "Upgrade to", "Creative", "65322651CA01A12").await;
    tab_and_type(&browser, "Licenses to move", "2").await;
    // Users do not move from a single app to All Apps: the preview says so, and without them
    // it is priced.
    tab_to(&browser, "the users box", |tag, _, id| tag == "INPUT" && id.contains("reassignUsers")).await;
    browser.press(Key::Space).await;
    tab_to_button(&browser, "Preview upgrade").await;
    browser.press(Key::Enter).await;
    browser.sees("nor from a single app to All Apps").await;
    tab_to(&browser, "the users box", |tag, _, id| tag == "INPUT" && id.contains("reassignUsers")).await;
    browser.press(Key::Space).await;
    tab_to_button(&browser, "Preview upgrade").await;
    browser.press(Key::Enter).await;
    browser.find("//section[contains(@class,'preview')]//table").await;
    tab_to_button(&browser, "Place upgrade order").await;
    browser.press(Key::Enter).await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    // Undone moving the users back (all apps to the single app, teams to teams).
    tab_to(&browser, "the users box", |tag, _, id| tag == "INPUT" && id.contains("reassignUsers")).await;
    browser.press(Key::Space).await;
    tab_to_button(&browser, "Preview undoing the upgrade").await;
    browser.press(Key::Enter).await;
    browser.find("//div[@id='undo-switch']//table").await;
    tab_to_button(&browser, "Undo the upgrade").await;
    browser.press(Key::Enter).await;
    browser.find("//dt[normalize-space(.)='Type']/following-sibling::dd[1][normalize-space(.)='Upgrade undone']").await;
    browser.sees("Complete: this order no longer changes on its own.").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_flexible_discount_is_used_and_the_price_list_filtered_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}customers/1000000012/orders/new", sandbox.url)).await.expect("place an order");
    browser.heading("Place an order").await;
    tab_and_type(&browser, "Product or offer id", "65304921CA01A12").await;
    tab_and_type(&browser, "Quantity", "5").await;
    browser.find("//table[caption='Discounts this customer can use today']").await;
    // Tab to the Acrobat discount's button (each says which discount it uses), Enter uses it.
    let label = "Use on matching lines: Acrobat: 20 off each license";
    let mut reached = false;
    for _ in 0..80 {
        browser.press(Key::Tab).await;
        let focused = browser.client.execute("return document.activeElement.getAttribute('aria-label');", vec![]);
        if focused.await.expect("script") == label {
            reached = true;
            break;
        }
    }
    assert!(reached, "Tab never reached {label}");
    browser.press(Key::Enter).await;
    assert_eq!(browser.value_of("Flexible discount code").await, "ACROBAT_20_OFF");
    tab_to_button(&browser, "Preview order").await;
    browser.press(Key::Enter).await;
    browser.find("//section[contains(@class,'preview')]//table").await;

    browser.client.goto(&format!("{}price-list", sandbox.url)).await.expect("price list");
    browser.heading("Price list").await;
    tab_and_pick(&browser, "Market segment", "Gov", "GOV").await;
    tab_and_type(&browser, "Product family", "Acrobat Pro for teams").await;
    browser.press(Key::Enter).await;
    browser.find("//main//table//td[normalize-space(.)='65304479GA01A12']").await;
    let url = browser.client.current_url().await.expect("url").to_string();
    assert!(url.contains("segment=GOV") && url.contains("family=Acrobat"), "{url}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_homes_lists_are_used_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}?reseller=1000000001", sandbox.url)).await.expect("home");
    browser.find("//main//h2[normalize-space(.)='Needs you today at Northwind Software Partners']").await;
    browser.find("//section[@id='due']//table").await;
    tab_and_pick(&browser, "Within", "9", "90").await;
    browser.find("//section[@id='due']//table[caption[contains(., '90 days')]]").await;
    tab_to(&browser, "Fairmont's renewal", |tag, text, _| tag == "A" && text == "Fairmont Hotels Group").await;
    browser.press(Key::Enter).await;
    browser.heading("Fairmont Hotels Group").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reseller_change_is_committed_through_its_dialog_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    let codes = browser.approval_codes(&sandbox.url).await;
    let code = codes.iter().find(|c| c["expired"] == false && c["used"] == false).expect("a valid code");
    let receiving = browser
        .active_resellers(&sandbox.url)
        .await
        .into_iter()
        .find(|id| id != code["resellerId"].as_str().unwrap_or_default())
        .expect("another reseller");
    browser.client.goto(&format!("{}transfers?reseller={receiving}", sandbox.url)).await.expect("reseller change");
    browser.heading("Reseller change").await;
    tab_and_type(&browser, "Approval code", code["code"].as_str().unwrap_or_default()).await;
    tab_and_type(&browser, "Requested by (email)", "admin@customer.example").await;
    // Enter in a field sends its form.
    browser.press(Key::Enter).await;
    browser.find("//section[contains(@class,'preview')]//table").await;
    // The preview is whole once it names the customer (its record comes with a read of its own).
    browser.find("//section[contains(@class,'preview')]//a[contains(@href, '/customers/')]").await;
    tab_to_button(&browser, "Commit the reseller change").await;
    browser.press(Key::Enter).await;
    browser.find("//dialog[@open]").await;
    // The dialog takes the focus; Escape closes it, and it opens again.
    browser.press(Key::Escape).await;
    browser.find("//dialog[not(@open)]").await;
    browser.press(Key::Enter).await;
    browser.find("//dialog[@open]").await;
    // Enter on the opened dialog cancels: the focus is on Cancel.
    focus_lands_on(&browser, "Cancel", "the dialog opens on Cancel").await;
    browser.press(Key::Enter).await;
    browser.find("//dialog[not(@open)]").await;
    browser.press(Key::Enter).await;
    browser.find("//dialog[@open]").await;
    focus_lands_on(&browser, "Cancel", "the dialog opens on Cancel again").await;
    browser.press(Key::Tab).await;
    focus_lands_on(&browser, "Move the customer", "the action is one Tab away").await;
    browser.press(Key::Enter).await;
    browser.find("//main//h1[starts-with(normalize-space(.), 'Reseller change ')]").await;
    browser.sees("Complete: the customer and its subscriptions are now yours.").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_transfer_switches_work_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}memberships/73000002", sandbox.url)).await.expect("membership");
    browser.sees("for 2 reasons.").await;
    for label in ["Ignore order returns", "Expire open purchase authorizations"] {
        let id = browser.field(label).await.attr("id").await.expect("id").unwrap_or_default();
        tab_to(&browser, label, |_, _, focused| focused == id).await;
        browser.press(Key::Space).await;
    }
    browser.sees("The customer can transfer now.").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_vip_transfer_is_made_through_its_dialog_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}memberships/71000001?reseller=1000000001", sandbox.url)).await.expect("membership");
    browser.sees("The customer can transfer now.").await;
    confirm_with_keys(&browser, "Transfer to VIP Marketplace", "Transfer").await;
    browser.sees("Complete: the customer and its subscriptions are now yours.").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_distributor_list_is_sorted_paged_and_filtered_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}distributor-subscriptions", sandbox.url)).await.expect("distributor subscriptions");
    browser.heading("VMware subscriptions").await;
    browser.find("//main//table/tbody/tr").await;
    tab_to(&browser, "the End column's sort", |tag, t, _| tag == "BUTTON" && t.starts_with("End")).await;
    browser.press(Key::Enter).await;
    browser.find("//th[@aria-sort='descending']//button[normalize-space(.)='End ↓']").await;
    tab_to(&browser, "Next page", |_, t, _| t == "Next page").await;
    browser.press(Key::Enter).await;
    browser.find("//nav[contains(@class,'pager')]//p[starts-with(normalize-space(.), '26–')]").await;
    tab_and_pick(&browser, "Filter on", "Customer name", "CUSTOMER_NAME").await;
    tab_and_type(&browser, "Value", "an").await;
    tab_to_button(&browser, "Add filter").await;
    browser.press(Key::Enter).await;
    browser.sees("Customer name contains “an”").await;
    browser.close().await;
}

/// Presses Tab until the focused element's `aria-label` starts with `label`; at most 80 times.
async fn tab_to_labelled(browser: &Browser, label: &str) {
    let probe = "return document.activeElement?.getAttribute('aria-label') ?? '';";
    for _ in 0..80 {
        browser.press(Key::Tab).await;
        let focused = browser.client.execute(probe, vec![]).await.expect("script");
        if focused.as_str().is_some_and(|l| l.starts_with(label)) {
            return;
        }
    }
    panic!("Tab never reached {label}");
}

#[tokio::test(flavor = "multi_thread")]
async fn licenses_pending_an_order_are_ordered_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    browser.client.goto(&format!("{}resellers/1000000001", sandbox.url)).await.expect("reseller");
    browser.heading("Northwind Software Partners").await;
    tab_to(&browser, "Licenses pending an order", |tag, t, _| tag == "A" && t == "Licenses pending an order").await;
    browser.press(Key::Enter).await;
    browser.find("//table[caption[normalize-space(.)='Notifications']]/tbody/tr").await;
    tab_to_labelled(&browser, "See the licenses: customer ").await;
    browser.press(Key::Enter).await;
    browser.find("//table[caption[normalize-space(.)='Open acquisitions']]/tbody/tr").await;
    tab_to(&browser, "Order these", |tag, t, _| tag == "A" && t == "Order these").await;
    browser.press(Key::Enter).await;
    browser.heading("Place an order").await;
    tab_to_button(&browser, "Preview order").await;
    browser.press(Key::Enter).await;
    browser.find("//section[contains(@class,'preview')]//tbody/tr").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_customer_is_enrolled_in_a_linked_membership_with_the_keyboard_only() {
    let (sandbox, browser) = start().await;
    let agency = browser.open_customer(&sandbox.url, "National Parks Visitor Service").await;
    browser.client.goto(&format!("{}linked-memberships", sandbox.url)).await.expect("linked memberships");
    browser.heading("Linked memberships").await;
    tab_and_pick(&browser, "Country", "United States", "US").await;
    browser.sees("Federal Civilian Agencies Alliance").await;
    tab_to_button(&browser, "Enroll a customer in Federal Civilian Agencies Alliance").await;
    browser.press(Key::Enter).await;
    tab_and_type(&browser, "Customer id", &agency).await;
    tab_to_button(&browser, "Enroll").await;
    browser.press(Key::Enter).await;
    browser.find("//dialog[@open]//h2[contains(., 'National Parks Visitor Service')]").await;
    focus_lands_on(&browser, "Cancel", "the dialog opens on Cancel").await;
    browser.press(Key::Tab).await;
    focus_lands_on(&browser, "Enroll", "the action is one Tab away").await;
    browser.press(Key::Enter).await;
    browser.sees("Open the customer").await;
    browser.close().await;
}

/// Whether the first table's box on the page is wider inside than out, once it has been laid
/// out, and what it says of itself: (wider, tabindex, role, aria-label).
async fn table_box(browser: &Browser) -> (bool, String, String, String) {
    let script = "const done = arguments[0];
        requestAnimationFrame(() => setTimeout(() => {
          const w = document.querySelector('main .table-wrap');
          done([w.scrollWidth > w.clientWidth, w.getAttribute('tabindex') || '', w.getAttribute('role') || '', w.getAttribute('aria-label') || '']);
        }, 50));";
    let v = browser.client.execute_async(script, vec![]).await.expect("the table's box");
    let text = |i: usize| v[i].as_str().unwrap_or_default().to_string();
    (v[0].as_bool().unwrap_or(false), text(1), text(2), text(3))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_table_wider_than_its_box_is_reached_with_tab_scrolled_with_the_arrows_and_keeps_its_focus() {
    let (sandbox, browser) = start().await;
    // Between a phone's cards and a desktop's width, the subscriptions table is wider than its box.
    browser.client.set_window_size(700, 900).await.expect("a narrow window");
    browser.client.goto(&format!("{}subscriptions?customer=1000000012", sandbox.url)).await.expect("subscriptions");
    browser.find("//main//table[contains(@class,'data')]//tbody/tr").await;
    browser.settled().await;
    let (wider, tabindex, role, label) = table_box(&browser).await;
    assert!(wider, "the table is wider than its box at 700 px");
    assert_eq!((tabindex.as_str(), role.as_str()), ("0", "region"), "its box takes the focus");
    assert!(!label.is_empty(), "and is named");
    tab_to(&browser, "the table's box", |tag, _, _| tag == "DIV").await;
    let on_box = "return document.activeElement === document.querySelector('main .table-wrap');";
    assert_eq!(browser.client.execute(on_box, vec![]).await.expect("focus"), true, "the focus is on the box");
    for _ in 0..5 {
        browser.press(Key::Right).await;
    }
    // The browser scrolls smoothly: the position moves over the next frames.
    let mut scrolled = 0.0;
    for _ in 0..40 {
        let left = "return document.querySelector('main .table-wrap').scrollLeft;";
        scrolled = browser.client.execute(left, vec![]).await.expect("scroll position").as_f64().unwrap_or(0.0);
        if scrolled > 0.0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(scrolled > 0.0, "the arrows scroll it sideways");
    browser.screenshot("keyboard-table-box-700").await;
    // Wide enough for the whole table, the box keeps the focus it has,
    browser.client.set_window_size(2400, 900).await.expect("a wide window");
    let (wider, tabindex, _, _) = table_box(&browser).await;
    assert!(!wider, "the table fits at 2400 px");
    assert_eq!(tabindex, "0", "focused, it stays focusable");
    assert_eq!(browser.client.execute(on_box, vec![]).await.expect("focus"), true, "the focus stays on the box");
    // and is a plain box again once the focus moves on.
    browser.press(Key::Tab).await;
    let (_, tabindex, role, label) = table_box(&browser).await;
    assert_eq!((tabindex, role, label), (String::new(), String::new(), String::new()), "a plain box");
    browser.close().await;
}
