//! The fault matrix, end to end: every flow that changes something (DESIGN's flows 1–5:
//! create a customer, place an order, return lines, set auto-renewal, renew by hand, add a
//! product to the renewal, a reseller change, a VIP → VIPMP transfer) meets every kind of fault on the very call that makes the change —
//! an answer slower than the console's time limit, the API's 500, a proxy's 502 page, a
//! connection dropped after the API acted, a garbled answer to a change the API made, a double
//! click, and a reload while the change is on its way. Each journey runs against a fresh
//! sandbox and must end in the state the reseller chose; where the console could not recover
//! by itself, it says so and keeps the input, and sending again finishes the job. Nothing is
//! done twice: the sandbox counts what it created.

use partner_devtools::*;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::Duration;

/// A fault on the call that makes the change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    /// The API answers after 3 s; the console's time limit is 2 s.
    Timeout,
    /// The API's own 500 (1124): it did nothing.
    ApiError,
    /// A proxy's HTML 502 page: the API never saw the call.
    GatewayPage,
    /// The API acts; the connection drops before its answer.
    Dropped,
    /// The API acts; its answer arrives garbled.
    Malformed,
    /// The final button clicked twice in a row while the API takes 800 ms.
    DoubleClick,
    /// The page reloaded 300 ms into a change the API takes 1.5 s to answer.
    Reload,
}

const FAULTS: [Fault; 7] = [
    Fault::Timeout,
    Fault::ApiError,
    Fault::GatewayPage,
    Fault::Dropped,
    Fault::Malformed,
    Fault::DoubleClick,
    Fault::Reload,
];

impl Fault {
    /// The sandbox's rules that cause it once on `method path`.
    fn rules(self, (method, path): (&str, &str)) -> Value {
        let kind = match self {
            Fault::Timeout => json!({ "kind": "latency", "ms": 3000 }),
            Fault::ApiError => json!({ "kind": "status", "status": 500 }),
            Fault::GatewayPage => json!({ "kind": "status", "status": 502 }),
            Fault::Dropped => json!({ "kind": "drop" }),
            Fault::Malformed => json!({ "kind": "malformed" }),
            Fault::DoubleClick => json!({ "kind": "latency", "ms": 800 }),
            Fault::Reload => json!({ "kind": "latency", "ms": 1500 }),
        };
        let mut rule = json!({ "method": method, "path": path, "times": 1 });
        if let (Some(rule), Some(kind)) = (rule.as_object_mut(), kind.as_object()) {
            rule.extend(kind.clone());
        }
        json!([rule])
    }

    /// Whether the reseller is told and sends again (`Some(true)`), the console recovers by
    /// itself (`Some(false)`), or either may happen (`None`: a time limit races the answer).
    fn told(self) -> Option<bool> {
        match self {
            // The API answered (500), or answered something unreadable: sending blindly again
            // is not the console's call.
            Fault::ApiError | Fault::Malformed => Some(true),
            // No answer came back: the console sends the same intent again by itself.
            Fault::GatewayPage | Fault::Dropped | Fault::DoubleClick => Some(false),
            Fault::Timeout | Fault::Reload => None,
        }
    }
}

/// A flow that changes something.
#[derive(Clone, Copy, Debug)]
enum Flow {
    CreateCustomer,
    PlaceOrder,
    ReturnLines,
    AutoRenewal,
    RenewByHand,
    AddToRenewal,
    Upgrade,
    UndoUpgrade,
    ResellerChange,
    VipTransfer,
}

/// Input the reseller gave that must survive a fault.
enum Kept {
    /// The field labelled so still holds the value.
    Field(&'static str, String),
    /// The checkbox labelled starting so is still ticked.
    Ticked(&'static str),
    /// Nothing was typed or chosen (the change is a button on a record's page).
    Nothing,
}

impl Kept {
    async fn check(&self, b: &Browser, context: &str) {
        match self {
            Kept::Field(label, value) => assert_eq!(b.value_of(label).await, *value, "{context}: {label} is kept"),
            Kept::Ticked(label) => {
                let input =
                    b.find(&format!("//label[starts-with(normalize-space(.), {})]/input", xpath_literal(label))).await;
                assert_eq!(
                    input.prop("checked").await.expect("checked").as_deref(),
                    Some("true"),
                    "{context}: {label} is still ticked"
                );
            }
            Kept::Nothing => {}
        }
    }
}

/// What a journey made ready: the input that must survive, and what it expects at the end.
struct Ready {
    kept: Kept,
    /// The XPath of what shows once the change is made.
    done: String,
    /// The order a return is of.
    order: String,
}

const FAIRMONT: &str = "1000000012";
/// Starlight Events, whose anniversary is 12 days away: a product may be added to its renewal.
const STARLIGHT: &str = "1000000032";
/// A subscription's page.
const SUBSCRIPTION_PAGE: &str = "//main//h1[starts-with(normalize-space(.), 'Subscription ')]";
const NORTHWIND: &str = "1000000001";
const COMPLETE: &str =
    "//*[contains(normalize-space(.), 'Complete: the customer and its subscriptions are now yours.')]";
const ORDER_PAGE: &str = "//main//h1[starts-with(normalize-space(.), 'Order ')]";
/// The page of an order that undoes an upgrade.
const UNDONE: &str = "//dt[normalize-space(.)='Type']/following-sibling::dd[1][normalize-space(.)='Upgrade undone']";

impl Flow {
    /// The call that makes the change.
    fn mutation(self) -> (&'static str, &'static str) {
        match self {
            Flow::CreateCustomer => ("POST", "/v3/customers"),
            Flow::PlaceOrder | Flow::ReturnLines | Flow::RenewByHand | Flow::Upgrade | Flow::UndoUpgrade => {
                ("POST", "/v3/customers/*/orders")
            }
            Flow::AutoRenewal => ("PATCH", "/v3/customers/*/subscriptions/*"),
            Flow::AddToRenewal => ("POST", "/v3/customers/*/subscriptions"),
            Flow::ResellerChange => ("POST", "/v3/transfers"),
            Flow::VipTransfer => ("POST", "/v3/memberships/*/transfers"),
        }
    }

    /// What the sandbox counts of it (auto-renewal changes a subscription, it creates nothing).
    fn counted(self) -> Option<&'static str> {
        match self {
            Flow::CreateCustomer => Some("customer"),
            Flow::PlaceOrder | Flow::ReturnLines | Flow::RenewByHand | Flow::Upgrade | Flow::UndoUpgrade => {
                Some("order")
            }
            Flow::AutoRenewal => None,
            Flow::AddToRenewal => Some("subscription"),
            Flow::ResellerChange => Some("reseller_change"),
            Flow::VipTransfer => Some("membership_transfer"),
        }
    }

    /// Fills in and previews everything up to the step that sends the change.
    async fn prepare(self, b: &Browser, base: &str, fault: Fault) -> Ready {
        let mut order = String::new();
        let (kept, done) = match self {
            Flow::CreateCustomer => {
                let name = format!("Harbor Studio {fault:?}");
                b.client.goto(&format!("{base}customers/new?reseller={NORTHWIND}")).await.expect("form");
                b.heading("Create a customer").await;
                b.fill("Company name", &name).await;
                b.choose("Country", "US").await;
                b.choose("Region", "CA").await;
                b.fill("Address line 1", "1 Market Street").await;
                b.fill("City", "Springfield").await;
                b.fill("Postal code", "95110").await;
                b.fill("First name", "Dana").await;
                b.fill("Last name", "Okafor").await;
                b.fill("Email", "dana@harbor.example.com").await;
                (
                    Kept::Field("Company name", name.clone()),
                    format!("//main//h1[normalize-space(.)={}]", xpath_literal(&name)),
                )
            }
            Flow::PlaceOrder => {
                preview_an_order(b, base).await;
                (Kept::Field("Product or offer id", "65322651CA01A12".into()), ORDER_PAGE.into())
            }
            Flow::ReturnLines => {
                preview_an_order(b, base).await;
                b.click("Place order").await;
                b.sees("Complete: this order no longer changes on its own.").await;
                order = b.path().await.rsplit('/').next().unwrap_or_default().to_string();
                b.click("Return lines").await;
                b.heading(&format!("Return lines of order {order}")).await;
                b.find("//label[starts-with(normalize-space(.), 'Line 1 ·')]/input")
                    .await
                    .click()
                    .await
                    .expect("tick line 1");
                let done = format!(
                    "//dt[normalize-space(.)='Reference order']/following-sibling::dd[1][normalize-space(.)='{order}']"
                );
                (Kept::Ticked("Line 1 ·"), done)
            }
            Flow::AutoRenewal => {
                b.client.goto(&format!("{base}subscriptions?customer={FAIRMONT}")).await.expect("subscriptions");
                b.open_first_active_subscription().await;
                b.find("//input[@type='radio' and @value='quantity']").await.click().await.expect("choose a quantity");
                b.fill("Renewal quantity", "7").await;
                let done =
                    "//dt[normalize-space(.)='Auto-renewal']/following-sibling::dd[1][normalize-space(.)='On for 7']";
                (Kept::Field("Renewal quantity", "7".into()), done.into())
            }
            Flow::RenewByHand => {
                b.client.goto(&format!("{base}customers/{FAIRMONT}/renewal")).await.expect("renewal");
                b.renew_first_only("2").await;
                b.click("Preview renewal").await;
                b.find("//section[h2='Renew by hand']//section[contains(@class,'preview')]").await;
                (Kept::Field("Licenses to renew", "2".into()), ORDER_PAGE.into())
            }
            Flow::AddToRenewal => {
                b.client.goto(&format!("{base}customers/{STARLIGHT}/renewal/add")).await.expect("add");
                b.heading("Add a product to the renewal").await;
                b.set("Product or offer id", "65322587CA01A12").await;
                b.fill("Licenses to renew on the anniversary", "5").await;
                (Kept::Field("Licenses to renew on the anniversary", "5".into()), SUBSCRIPTION_PAGE.into())
            }
            Flow::Upgrade => {
                preview_an_upgrade(b, base).await;
                (Kept::Field("Licenses to move", "3".into()), ORDER_PAGE.into())
            }
            Flow::UndoUpgrade => {
                preview_an_upgrade(b, base).await;
                b.click("Place upgrade order").await;
                b.sees("Complete: this order no longer changes on its own.").await;
                b.click("Preview undoing the upgrade").await;
                b.find("//div[@id='undo-switch']//table").await;
                (Kept::Nothing, UNDONE.into())
            }
            Flow::ResellerChange => {
                let codes = b.approval_codes(base).await;
                let code = codes.iter().find(|c| c["expired"] == false && c["used"] == false).expect("a valid code");
                let from = code["resellerId"].as_str().unwrap_or_default().to_string();
                let to = b.active_resellers(base).await.into_iter().find(|id| *id != from).expect("another reseller");
                let code = code["code"].as_str().unwrap_or_default().to_string();
                b.client.goto(&format!("{base}transfers?reseller={to}")).await.expect("reseller change");
                b.fill("Approval code", &code).await;
                b.fill("Requested by (email)", "admin@customer.example").await;
                b.click("Preview the change").await;
                b.find("//section[contains(@class,'preview')]//table").await;
                (Kept::Field("Approval code", code), COMPLETE.into())
            }
            Flow::VipTransfer => {
                b.client.goto(&format!("{base}memberships/71000001?reseller={NORTHWIND}")).await.expect("membership");
                b.sees("The customer can transfer now.").await;
                (Kept::Field("Reseller id", NORTHWIND.into()), COMPLETE.into())
            }
        };
        Ready { kept, done, order }
    }

    /// Sends the change as the reseller does (through its confirmation where it has one);
    /// `twice` clicks the final button twice in a row.
    async fn send(self, b: &Browser, twice: bool) {
        let (opener, last) = match self {
            Flow::CreateCustomer => (None, "Create customer"),
            Flow::PlaceOrder => (None, "Place order"),
            Flow::ReturnLines => (Some("Return the chosen lines"), "Return these lines"),
            Flow::AutoRenewal => (None, "Save auto-renewal"),
            Flow::RenewByHand => (None, "Place renewal order"),
            Flow::AddToRenewal => (None, "Add to the renewal"),
            Flow::Upgrade => (None, "Place upgrade order"),
            Flow::UndoUpgrade => (None, "Undo the upgrade"),
            Flow::ResellerChange => (Some("Commit the reseller change"), "Move the customer"),
            Flow::VipTransfer => (Some("Transfer to VIP Marketplace"), "Transfer"),
        };
        let scope = if let Some(opener) = opener {
            b.click(opener).await;
            "//dialog[@open]"
        } else {
            "//main"
        };
        let button = b.find(&format!("{scope}//button[normalize-space(.)={}]", xpath_literal(last))).await;
        if twice {
            // Two clicks in the same task: nothing on the page can change in between.
            b.client
                .execute(
                    "arguments[0].click(); arguments[0].click();",
                    vec![serde_json::to_value(&button).expect("element")],
                )
                .await
                .expect("double click");
        } else {
            button.click().await.expect("send");
        }
    }

    /// After a reload: back to the step that sends (a preview is made again from the kept
    /// input), or, when the change is already made, what shows that instead.
    async fn resume(self, b: &Browser, ready: &Ready) -> Option<String> {
        match self {
            Flow::CreateCustomer => b.heading("Create a customer").await,
            Flow::PlaceOrder => {
                b.heading("Place an order").await;
                b.click("Preview order").await;
                b.find("//section[contains(@class,'preview')]").await;
            }
            Flow::ReturnLines => {
                b.heading(&format!("Return lines of order {}", ready.order)).await;
                let returned = "//main//p[contains(., 'Every line of this order has already been returned.')]";
                if b.client.find(fantoccini::Locator::XPath(returned)).await.is_ok() {
                    return Some(returned.into());
                }
            }
            Flow::AutoRenewal => {
                b.find("//main//h1[starts-with(normalize-space(.), 'Subscription ')]").await;
            }
            Flow::AddToRenewal => {
                b.heading("Add a product to the renewal").await;
                b.find("//main//p[@class='lede']").await;
                // Added before the reload: the page lists it as added already.
                let added = "//main//ul[@class='added']/li[code='65322587CA01A12']";
                if b.client.find(fantoccini::Locator::XPath(added)).await.is_ok() {
                    return Some(added.into());
                }
            }
            Flow::RenewByHand => {
                b.heading("Renewal preview").await;
                // The renewal was on its way when the page reloaded: the page says so, and
                // finding out sends it again as it was, which the API acts on once.
                b.sees("A renewal order sent from this tab got no answer.").await;
                b.click("Find out what became of it").await;
                return Some(ORDER_PAGE.into());
            }
            Flow::Upgrade => {
                b.heading("Upgrade a subscription").await;
                // The upgrade sent before the reload may reach the API after the page read:
                // until it is processed, a preview of the subscription is refused (2151, one
                // upgrade at a time). Previewing again once it is gives the form's preview.
                for _ in 0..20 {
                    if preview_upgrade_once(b).await {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                b.find(UPGRADE_PREVIEW).await;
            }
            Flow::UndoUpgrade => {
                // The undoing was on its way when the page reloaded: the page says so, and
                // finding out sends it again as it was, which the API acts on once.
                b.sees("An order undoing this upgrade sent from this tab got no answer.").await;
                b.click("Find out what became of it").await;
                return Some(UNDONE.into());
            }
            Flow::ResellerChange => {
                b.heading("Reseller change").await;
                b.click("Preview the change").await;
                // The commit went through while the page reloaded (the gateway finishes what
                // it forwarded, as the API does): the preview of a used code says so.
                let made = "//main//*[contains(@class,'error-panel')][contains(., 'already complete')]";
                let found = b.find(&format!("//section[contains(@class,'preview')]//table | {made}")).await;
                if found.attr("class").await.ok().flatten().unwrap_or_default().contains("error-panel") {
                    return Some(made.into());
                }
            }
            Flow::VipTransfer => {
                b.sees("The customer can transfer now.").await;
            }
        }
        None
    }
}

/// Opens the upgrade of Fairmont's Illustrator subscription and previews 3 licenses to the
/// first path (Creative Cloud All Apps for teams).
async fn preview_an_upgrade(b: &Browser, base: &str) {
    b.client.goto(&format!("{base}subscriptions?customer={FAIRMONT}")).await.expect("subscriptions");
    let row = "//main//table//tr[td[a[normalize-space(.)='Illustrator for teams']]]";
    b.find(&format!("{row}//a[contains(@href, '/subscriptions/')]")).await.click().await.expect("open");
    b.click("Upgrade").await;
    // The upgrade an earlier fault placed is processed first: one at a time per subscription.
    // The page says so while it is; one still on its way when the page read (a delayed
    // request) is refused with 2151 at the preview. Either way: wait, reload, try again.
    let form = "//main//label[normalize-space(.)='Licenses to move']";
    let waiting =
        "//main//p[starts-with(normalize-space(.), 'An upgrade of this subscription is still being processed.')]";
    for _ in 0..60 {
        b.find(&format!("{form} | {waiting}")).await;
        if b.client.find(fantoccini::Locator::XPath(form)).await.is_ok() {
            b.fill("Licenses to move", "3").await;
            if preview_upgrade_once(b).await {
                return;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        b.client.refresh().await.expect("reload");
    }
    panic!("the upgrade's preview never came");
}

/// The preview of an upgrade.
const UPGRADE_PREVIEW: &str = "//section[contains(@class,'preview')]//table";

/// Asks for the upgrade's preview: whether it came, or 2151 said an upgrade of the subscription
/// is still being processed.
async fn preview_upgrade_once(b: &Browser) -> bool {
    let refused = "//main//*[contains(normalize-space(.), '(error 2151)')]";
    b.click("Preview upgrade").await;
    b.find(&format!("{UPGRADE_PREVIEW} | {refused}")).await;
    b.client.find(fantoccini::Locator::XPath(UPGRADE_PREVIEW)).await.is_ok()
}

/// Opens Place an order for Fairmont Hotels Group with 4 × 65322651CA01A12 and previews it.
async fn preview_an_order(b: &Browser, base: &str) {
    b.preview_order(base, FAIRMONT, &["65322651CA01A12:4"]).await;
    b.find("//section[contains(@class,'preview')]").await;
}

/// A copy of the release build whose config.json gives every call `seconds` before it times out.
fn dist_with_time_limits(seconds: u32) -> PathBuf {
    dist_with_config(&format!("limits-{seconds}"), |config| {
        config["timeouts"] = json!({ "readSeconds": seconds, "mutationSeconds": seconds })
    })
}

async fn count(b: &Browser, base: &str, flow: Flow) -> u64 {
    match flow.counted() {
        Some(what) => created(&b.sandbox_stats(base).await, what),
        None => 0,
    }
}

/// One flow through one fault, against a fresh sandbox.
async fn journey(b: &Browser, flow: Flow, fault: Fault, slow_dist: &std::path::Path) {
    let dist = if fault == Fault::Timeout { slow_dist.to_path_buf() } else { e2e_dist() };
    let mut settings = Setup::new(&dist, "/");
    settings.sandbox.twin.pending_delay = Duration::from_secs(1);
    let sandbox = Sandbox::start_with(settings).await;
    b.sign_in(&sandbox, "Dana Distributor").await;
    let base = sandbox.url.as_str();
    let ready = flow.prepare(b, base, fault).await;
    let before = count(b, base, flow).await;
    b.set_faults(fault.rules(flow.mutation())).await;
    flow.send(b, fault == Fault::DoubleClick).await;
    let context = format!("{flow:?} through {fault:?}");
    let started = std::time::Instant::now();
    let mut what = "the console recovered by itself";
    let mut done = ready.done.clone();
    if fault == Fault::Reload {
        tokio::time::sleep(Duration::from_millis(300)).await;
        b.client.refresh().await.expect("reload");
        // Past the slow answer, whatever became of it.
        tokio::time::sleep(Duration::from_millis(2000)).await;
        match flow.resume(b, &ready).await {
            Some(made) => {
                what = "made before the reload, and said so after it";
                done = made;
            }
            None => {
                what = "the input outlived the reload, and sending again made it once";
                ready.kept.check(b, &context).await;
                flow.send(b, false).await;
            }
        }
    }
    if done == ready.done {
        let panel = "//main//*[contains(@class,'error-panel')]";
        let outcome = b.find(&format!("{} | {panel}", ready.done)).await;
        let told = outcome.attr("class").await.expect("class").unwrap_or_default().contains("error-panel");
        if let Some(expected) = fault.told() {
            assert_eq!(
                told,
                expected,
                "{context}: whether the reseller is told (page says: {})",
                outcome.text().await.unwrap_or_default()
            );
        }
        if told {
            what = "the reseller was told and sent again";
            assert!(
                !outcome.text().await.unwrap_or_default().trim().is_empty(),
                "{context}: the panel says what happened"
            );
            let in_view = "const r = arguments[0].querySelector('h2').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;";
            let in_view = b
                .client
                .execute(in_view, vec![serde_json::to_value(&outcome).expect("element")])
                .await
                .expect("script");
            assert_eq!(in_view, true, "{context}: the panel's heading is in the window");
            b.screenshot(&format!("faults-{flow:?}-{fault:?}")).await;
            ready.kept.check(b, &context).await;
            flow.send(b, false).await;
        }
    }
    b.find(&done).await;
    // Let any late duplicate land before counting.
    tokio::time::sleep(Duration::from_millis(500)).await;
    if flow.counted().is_some() {
        assert_eq!(count(b, base, flow).await, before + 1, "{context}: made once");
    }
    let rules = b.sandbox_json(base, "faults").await;
    assert_eq!(rules[0]["times"], 0, "{context}: the fault happened ({rules})");
    eprintln!("{context}: {what} ({:.1} s)", started.elapsed().as_secs_f64());
}

/// Every fault for `flow`, in one browser.
async fn every_fault(flow: Flow) {
    let slow = dist_with_time_limits(2);
    let browser = Browser::start().await;
    for fault in FAULTS {
        journey(&browser, flow, fault, &slow).await;
    }
    browser.close().await;
    let _ = std::fs::remove_dir_all(&slow);
}

#[tokio::test(flavor = "multi_thread")]
async fn creating_a_customer_survives_every_fault_once() {
    every_fault(Flow::CreateCustomer).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn placing_an_order_survives_every_fault_once() {
    every_fault(Flow::PlaceOrder).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn returning_lines_survives_every_fault_once() {
    every_fault(Flow::ReturnLines).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn setting_auto_renewal_survives_every_fault() {
    every_fault(Flow::AutoRenewal).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn renewing_by_hand_survives_every_fault_once() {
    every_fault(Flow::RenewByHand).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn adding_a_product_to_the_renewal_survives_every_fault_once() {
    every_fault(Flow::AddToRenewal).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn upgrading_mid_term_survives_every_fault_once() {
    every_fault(Flow::Upgrade).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn undoing_an_upgrade_survives_every_fault_once() {
    every_fault(Flow::UndoUpgrade).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reseller_change_survives_every_fault_once() {
    every_fault(Flow::ResellerChange).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_vip_transfer_survives_every_fault_once() {
    every_fault(Flow::VipTransfer).await;
}

/// The API answers a read with its 500 and keeps that answer for the call's correlation id (a
/// `stored` fault, inside the twin's idempotency layer), as the real API does: the console's
/// retry goes with a fresh correlation id, so it gets the customer, not the stored 500 again.
#[tokio::test(flavor = "multi_thread")]
async fn a_read_answered_with_a_stored_500_is_retried_with_a_fresh_correlation_id() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let b = Browser::signed_in(&sandbox).await;
    let base = sandbox.url.as_str();
    b.client.goto(&format!("{base}customers")).await.expect("console");
    b.set_faults(json!([{ "method": "GET", "path": "/v3/customers/*", "kind": "stored", "status": 500, "times": 1 }]))
        .await;
    b.client.goto(&format!("{base}customers/{FAIRMONT}")).await.expect("hub");
    b.heading("Fairmont Hotels Group").await;
    let rules = b.sandbox_json(base, "faults").await;
    assert_eq!(rules[0]["times"], 0, "the API answered 500 once ({rules})");
    b.close().await;
}
