//! Orders, subscriptions, open acquisitions and notifications over HTTP, against a twin whose
//! world holds the test's own customers (so the tests do not depend on the accounts seed).

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use partner_model::types::*;
use partner_sandbox::twin::store::TwinSettings;
use partner_sandbox::twin::{time, ApiError, Change, Twin, World};
use partner_sandbox::vipmp;
use serde_json::{json, Value};
use std::time::Duration;
use tower::ServiceExt;

const COM: &str = "9000000001";
const EDU: &str = "9000000002";
const TYC: &str = "9000000003";
const HIST: &str = "9000000004";
const DAY: u64 = 86_400_000;
const EARLY: &str = "9000000005";
const LATE: &str = "9000000006";
const FAR: &str = "9000000007";
/// One license auto-renewed (its renewal date a year on), another lapsed five days ago.
const MIXED: &str = "9000000008";

fn customer(id: &str, segment: MarketSegment, reseller: &str) -> Customer {
    Customer {
        customer_id: id.into(),
        reseller_id: reseller.into(),
        company_profile: CustomerProfile {
            company_name: format!("Test {id}"),
            market_segment: Some(segment),
            ..CustomerProfile::default()
        },
        status: Status::Active,
        ..Customer::default()
    }
}

/// A 3-Year Commit committed for three years to `end` with `minimums`, and a recommitment
/// accepted beside it when `recommitted`.
fn three_year_commit(end: u64, minimums: Vec<MinimumQuantity>, recommitted: bool) -> Vec<Benefit> {
    let commitment = |status| Commitment {
        start_date: time::date(end.saturating_sub(3 * 365 * DAY)),
        end_date: time::date(end),
        status: Some(status),
        minimum_quantities: minimums.clone(),
    };
    vec![Benefit {
        kind: BenefitType::ThreeYearCommit,
        status: None,
        commitment: Some(commitment(CommitmentStatus::Committed)),
        commitment_request: None,
        recommitment_request: recommitted.then(|| commitment(CommitmentStatus::Accepted)),
    }]
}

/// Gives `owner` the subscription `sub`: the world's record and who holds it.
fn hold(world: &mut World, owner: &str, sub: Subscription) {
    world.subscription_owner.insert(sub.subscription_id.clone(), owner.into());
    world.subscriptions.insert(sub.subscription_id.clone(), sub);
}

fn order(id: &str, customer: &str, kind: OrderType, status: Status, at: u64, offer: &str) -> Order {
    Order {
        order_id: id.into(),
        customer_id: customer.into(),
        order_type: Some(kind),
        status: status.clone(),
        creation_date: time::datetime(at),
        currency_code: "USD".into(),
        line_items: vec![LineItem {
            ext_line_item_number: 1,
            offer_id: offer.into(),
            quantity: 3,
            status,
            ..LineItem::default()
        }],
        ..Order::default()
    }
}

struct Env {
    app: Router,
    twin: Twin,
}

fn env() -> Env {
    env_pending(Duration::from_millis(50))
}

/// The test world, with orders open for `pending`.
fn env_pending(pending: Duration) -> Env {
    let now = time::now();
    let mut world: World = vipmp::seed::world(7, now, false);
    world.customers.insert(COM.into(), customer(COM, MarketSegment::Commercial, "R-TEST"));
    world.customers.insert(EDU.into(), customer(EDU, MarketSegment::Education, "R-TEST"));
    let mut tyc = customer(TYC, MarketSegment::Commercial, "R-TEST");
    tyc.benefits.push(Benefit {
        kind: BenefitType::ThreeYearCommit,
        status: None,
        commitment: None,
        commitment_request: Some(Commitment {
            status: Some(CommitmentStatus::Accepted),
            minimum_quantities: vec![MinimumQuantity { offer_type: OfferType::License, quantity: 10 }],
            ..Commitment::default()
        }),
        recommitment_request: None,
    });
    world.customers.insert(TYC.into(), tyc);
    world.customers.insert(HIST.into(), customer(HIST, MarketSegment::Commercial, "R-TEST"));
    for i in 0..30u64 {
        let kind = [OrderType::New, OrderType::Renewal, OrderType::Transfer][i as usize % 3].clone();
        let status = if i % 2 == 0 { Status::Active } else { Status::Pending };
        let offer = if i % 5 == 0 { "65322651CA02A12" } else { "65304479CA01A12" };
        let id = format!("H{i:03}");
        world.orders.insert(id.clone(), order(&id, HIST, kind, status, now - (30 - i) * DAY, offer));
    }
    // Returnable only in name: too old, and a RETURN order.
    world
        .orders
        .insert("OLD".into(), order("OLD", COM, OrderType::New, Status::Active, now - 20 * DAY, "65304479CA01A12"));
    world
        .orders
        .insert("RET".into(), order("RET", COM, OrderType::Return, Status::Active, now - DAY, "65304479CA01A12"));
    world.subscriptions.insert(
        "SUBOFF".into(),
        Subscription {
            subscription_id: "SUBOFF".into(),
            offer_id: "65304479CA01A12".into(),
            current_quantity: Some(4),
            status: Status::Inactive,
            ..Subscription::default()
        },
    );
    world.subscription_owner.insert("SUBOFF".into(), EDU.into());
    // Renewals: EARLY's anniversary is in 10 days, LATE's was 5 days ago, FAR's is in 200.
    for (id, days_to_ad) in [(EARLY, 10i64), (LATE, -5), (FAR, 200)] {
        let ad = time::date((now as i64 + days_to_ad * DAY as i64) as u64);
        let mut c = customer(id, MarketSegment::Commercial, "R-TEST");
        c.coterm_date = ad.clone();
        world.customers.insert(id.into(), c);
        let sub = format!("SUB-{id}");
        world.subscriptions.insert(
            sub.clone(),
            Subscription {
                subscription_id: sub.clone(),
                offer_id: "65304479CA01A12".into(),
                current_quantity: Some(10),
                renewal_date: ad,
                currency_code: "USD".into(),
                status: Status::Active,
                ..Subscription::default()
            },
        );
        world.subscription_owner.insert(sub, id.into());
    }
    // The lapsed license's renewal date, and a year on (where the other's auto-renewal put it).
    let lapsed = time::date(now - 5 * DAY);
    let year_on = lapsed.get(..4).and_then(|y| y.parse::<u32>().ok()).map(|y| format!("{}{}", y + 1, &lapsed[4..]));
    let year_on = year_on.expect("a date");
    let mut mixed = customer(MIXED, MarketSegment::Commercial, "R-TEST");
    mixed.coterm_date = year_on.clone();
    world.customers.insert(MIXED.into(), mixed);
    for (sub, renews, status) in [("SUB-RENEWED", year_on, Status::Active), ("SUB-LAPSED", lapsed, Status::Inactive)] {
        world.subscriptions.insert(
            sub.into(),
            Subscription {
                subscription_id: sub.into(),
                offer_id: "65304479CA01A12".into(),
                current_quantity: Some(10),
                renewal_date: renews,
                currency_code: "USD".into(),
                status,
                ..Subscription::default()
            },
        );
        world.subscription_owner.insert(sub.into(), MIXED.into());
    }
    world.open_acquisitions.insert(
        EDU.into(),
        OpenAcquisitions {
            customer_id: EDU.into(),
            reseller_id: "R-TEST".into(),
            license_count: 3,
            unpaid_licenses: vec![
                UnpaidLicense {
                    reference_id: "PO1".into(),
                    creation_date: time::datetime(now - DAY),
                    expiry_date: time::datetime(now + 6 * DAY),
                    quantity: 2,
                    product_name: "Audition".into(),
                    base_offer_id: "30006208EA01A12".into(),
                },
                UnpaidLicense {
                    reference_id: "PO0".into(),
                    creation_date: time::datetime(now - 9 * DAY),
                    expiry_date: time::datetime(now - 2 * DAY),
                    quantity: 1,
                    product_name: "Audition".into(),
                    base_offer_id: "30006208EA01A12".into(),
                },
            ],
        },
    );
    let settings =
        TwinSettings { pending_delay: pending, commitment_delay: Duration::from_millis(50), state_file: None };
    let twin = Twin::open(world, settings, vipmp::seed::apply).expect("twin");
    Env {
        app: Router::new().nest("/api/vipmp", vipmp::router(twin.clone(), partner_sandbox::faults::Faults::default())),
        twin,
    }
}

struct Answer {
    status: StatusCode,
    json: Value,
    /// The recommendations' tracker header, if the answer carried one.
    tracker: Option<String>,
}

const TRACKER: &str = partner_model::types::RECOMMENDATION_TRACKER;

async fn call(env: &Env, method: &str, path: &str, body: Option<Value>) -> Answer {
    call_tracked(env, method, path, body, None).await
}

/// [`call`], sending `tracker` as the recommendations' tracker.
async fn call_tracked(env: &Env, method: &str, path: &str, body: Option<Value>, tracker: Option<&str>) -> Answer {
    let mut request = Request::builder()
        .method(method)
        .uri(format!("/api/vipmp{path}"))
        .header("x-api-key", vipmp::SANDBOX_API_KEY)
        .header("authorization", format!("Bearer {}", vipmp::SANDBOX_ACCESS_TOKEN))
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .header("x-request-id", common::unique())
        .header("x-correlation-id", common::unique());
    if let Some(tracker) = tracker {
        request = request.header(TRACKER, tracker);
    }
    let request = request.body(body.map_or_else(Body::empty, |b| Body::from(b.to_string()))).expect("request");
    let response = env.app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let tracker = response.headers().get(TRACKER).and_then(|v| v.to_str().ok()).map(str::to_string);
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    Answer { status, json: serde_json::from_slice(&bytes).unwrap_or(Value::Null), tracker }
}

fn lines(items: &[(u32, &str, u64)]) -> Value {
    Value::Array(items.iter().map(|(n, o, q)| json!({"extLineItemNumber": n, "offerId": o, "quantity": q})).collect())
}

async fn place(env: &Env, customer: &str, kind: &str, items: &[(u32, &str, u64)]) -> Answer {
    call(
        env,
        "POST",
        &format!("/v3/customers/{customer}/orders"),
        Some(json!({"orderType": kind, "currencyCode": "USD", "lineItems": lines(items)})),
    )
    .await
}

async fn settle() {
    tokio::time::sleep(Duration::from_millis(80)).await;
}

/// The lines of `customer`'s auto-renewal preview, priced.
async fn auto_renewal_lines(env: &Env, customer: &str) -> Vec<Value> {
    let body = json!({"orderType": "PREVIEW_RENEWAL"});
    let p = call(env, "POST", &format!("/v3/customers/{customer}/orders?fetch-price=true"), Some(body)).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.json);
    p.json["lineItems"].as_array().cloned().unwrap_or_default()
}

/// The line of `lines` for `subscription` (null when there is none).
fn line_of(lines: &[Value], subscription: &str) -> Value {
    lines.iter().find(|l| l["subscriptionId"] == subscription).cloned().unwrap_or_default()
}

/// A line's flexible discount: its code and result.
fn verdict(line: &Value) -> (Value, Value) {
    (line["flexDiscounts"][0]["code"].clone(), line["flexDiscounts"][0]["result"].clone())
}

/// The subscription line `line` (from 0) of `placed`, an order of `customer`, made once it
/// completed (empty when it has none).
async fn line_subscription(env: &Env, customer: &str, placed: &Answer, line: usize) -> String {
    let id = placed.json["orderId"].as_str().unwrap_or_default();
    let done = call(env, "GET", &format!("/v3/customers/{customer}/orders/{id}"), None).await;
    done.json["lineItems"][line]["subscriptionId"].as_str().unwrap_or_default().to_string()
}

/// The id of `customer`'s subscription of `product` (an offer id's 8-digit part); empty when
/// it has none.
async fn subscription_of(env: &Env, customer: &str, product: &str) -> String {
    let subs = call(env, "GET", &format!("/v3/customers/{customer}/subscriptions"), None).await;
    let items = subs.json["items"].as_array().cloned().unwrap_or_default();
    let sub = items.into_iter().find(|s| s["offerId"].as_str().is_some_and(|o| o.starts_with(product)));
    sub.and_then(|s| s["subscriptionId"].as_str().map(String::from)).unwrap_or_default()
}

fn details(a: &Answer) -> Vec<String> {
    a.json["additionalDetails"]
        .as_array()
        .map_or_else(Vec::new, |d| d.iter().filter_map(|v| v.as_str().map(String::from)).collect())
}

#[tokio::test]
async fn preview_answers_the_best_offer_ids() {
    let env = env();
    let a = place(&env, COM, "PREVIEW", &[(1, "65322447CA01A12", 1)]).await;
    assert_eq!(a.json["lineItems"][0]["offerId"], "65322447CAT1A12", "any level of the product is understood");
    let a = place(&env, COM, "PREVIEW", &[(1, "65304479CA01A12", 10), (2, "65322447CAT1A12", 1200)]).await;
    assert_eq!(a.status, StatusCode::CREATED, "Create Order's page: 201 for every order type: {}", a.json);
    assert_eq!(a.json["lineItems"][0]["offerId"], "65304479CA02A12");
    assert_eq!(a.json["lineItems"][1]["offerId"], "65322447CAT2A12");
    assert!(a.json.get("orderId").is_none_or(|v| v == ""));
    let a = place(&env, COM, "PREVIEW", &[(1, "65304479CA04A12", 3)]).await;
    assert_eq!(a.json["lineItems"][0]["offerId"], "65304479CA01A12", "a better level than allowed is lowered");
    let a = place(&env, "nobody", "PREVIEW", &[(1, "65304479CA01A12", 3)]).await;
    assert_eq!((a.status, a.json["code"].as_str()), (StatusCode::NOT_FOUND, Some("1116")));
}

#[tokio::test]
async fn a_preview_with_fetch_price_prices_every_line_and_totals_them() {
    let env = env();
    let body = json!({"orderType": "PREVIEW", "currencyCode": "USD",
        "lineItems": lines(&[(1, "65304479CA01A12", 10), (2, "65322447CAT1A12", 1200)])});
    let plain = call(&env, "POST", &format!("/v3/customers/{COM}/orders"), Some(body.clone())).await;
    assert!(plain.json["lineItems"][0].get("pricing").is_none() && plain.json.get("pricingSummary").is_none());
    let a = call(&env, "POST", &format!("/v3/customers/{COM}/orders?fetch-price=true"), Some(body)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.json);
    let f = |v: &Value| v.as_f64().unwrap_or(f64::NAN);
    let mut sum = 0.0;
    for line in a.json["lineItems"].as_array().into_iter().flatten() {
        let p = &line["pricing"];
        assert!(f(&p["partnerPrice"]) > 0.0, "{line}");
        assert_eq!(f(&p["discountedPartnerPrice"]), f(&p["partnerPrice"]), "no discount asked for");
        // No anniversary yet: a full term, so the net unit price is the whole price.
        assert_eq!(line["proratedDays"], 365);
        let q = line["quantity"].as_f64().unwrap_or(0.0);
        assert!((f(&p["lineItemPartnerPrice"]) - f(&p["netPartnerPrice"]) * q).abs() < 0.01, "{line}");
        sum += f(&p["lineItemPartnerPrice"]);
    }
    let summary = &a.json["pricingSummary"][0];
    assert_eq!(summary["currencyCode"], "USD");
    assert!((f(&summary["totalLineItemPartnerPrice"]) - sum).abs() < 0.01, "{summary}");
    // The unit price is the price list's for the level the preview returns.
    let list = call(
        &env,
        "POST",
        "/v3/pricelist?limit=100",
        Some(json!({"region": "NA", "marketSegment": "COM", "currency": "USD",
            "priceListMonth": time::date(time::now())[..7].replace('-', ""), "filters": {"offerId": "65304479CA02A12"}})),
    )
    .await;
    let listed: f64 = list.json["offers"][0]["partnerPrice"].as_str().and_then(|p| p.parse().ok()).unwrap_or(0.0);
    assert_eq!(f(&a.json["lineItems"][0]["pricing"]["partnerPrice"]), listed);
}

#[tokio::test]
async fn a_placed_order_answers_its_prices_once_complete_and_only_when_asked() {
    // Open long enough to be read open on a busy machine.
    let env = env_pending(Duration::from_millis(600));
    let path = format!("/v3/customers/{COM}/orders");
    let items = json!([
        {"extLineItemNumber": 1, "offerId": "65304921CA01A12", "quantity": 2, "flexDiscountCodes": ["ACROBAT_20_OFF"]},
        {"extLineItemNumber": 2, "offerId": "65322651CA01A12", "quantity": 3}]);
    let body = |kind: &str| json!({"orderType": kind, "currencyCode": "USD", "lineItems": items.clone()});
    let preview = call(&env, "POST", &format!("{path}?fetch-price=true"), Some(body("PREVIEW"))).await;
    assert!(preview.json["pricingSummary"][0]["totalLineItemPartnerPrice"].as_f64().is_some(), "{}", preview.json);
    let placed = call(&env, "POST", &format!("{path}?fetch-price=true"), Some(body("NEW"))).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.json);
    let unpriced = |v: &Value| v.get("pricingSummary").is_none() && v["lineItems"][0].get("pricing").is_none();
    assert!(unpriced(&placed.json), "a create answers no prices: {}", placed.json);
    let id = placed.json["orderId"].as_str().unwrap_or_default().to_string();
    let open = call(&env, "GET", &format!("{path}/{id}?fetch-price=true"), None).await;
    assert_eq!(open.json["status"], "1002");
    assert!(unpriced(&open.json), "only a complete order is priced: {}", open.json);
    tokio::time::sleep(Duration::from_millis(700)).await;
    let plain = call(&env, "GET", &format!("{path}/{id}"), None).await;
    assert_eq!(plain.json["status"], "1000");
    assert!(unpriced(&plain.json) && plain.json["lineItems"][0].get("proratedDays").is_none(), "not asked for");
    // Priced as the preview was, the flexible discount taken off.
    let priced = call(&env, "GET", &format!("{path}/{id}?fetch-price=true"), None).await;
    for i in 0..2 {
        let (got, previewed) = (&priced.json["lineItems"][i], &preview.json["lineItems"][i]);
        assert_eq!((&got["pricing"], &got["proratedDays"]), (&previewed["pricing"], &previewed["proratedDays"]));
    }
    let price = |v: &Value, f: &str| v["pricing"][f].as_f64().unwrap_or(f64::NAN);
    let first = &priced.json["lineItems"][0];
    assert!((price(first, "partnerPrice") - 20.0 - price(first, "discountedPartnerPrice")).abs() < 0.001, "{first}");
    assert_eq!(priced.json["pricingSummary"], preview.json["pricingSummary"]);
    // The history, priced when asked, its links asking again.
    let history = call(&env, "GET", &format!("{path}?fetch-price=true&limit=1"), None).await;
    assert_eq!(history.json["items"][0]["orderId"], id.as_str(), "{}", history.json);
    assert_eq!(history.json["items"][0]["pricingSummary"], preview.json["pricingSummary"]);
    let link = history.json["links"]["self"]["uri"].as_str().unwrap_or_default();
    assert!(link.contains("fetch-price=true"), "{link}");
    let history = call(&env, "GET", &format!("{path}?limit=1"), None).await;
    assert!(unpriced(&history.json["items"][0]), "{}", history.json);
    // A return credits the returned line's own prices.
    let ret = json!({"orderType": "RETURN", "referenceOrderId": id, "lineItems": lines(&[(2, "65322651CA01A12", 3)])});
    let returned = call(&env, "POST", &format!("{path}?fetch-price=true"), Some(ret)).await;
    assert_eq!(returned.status, StatusCode::CREATED, "{}", returned.json);
    assert!(unpriced(&returned.json));
    let return_id = returned.json["orderId"].as_str().unwrap_or_default().to_string();
    tokio::time::sleep(Duration::from_millis(700)).await;
    let credit = call(&env, "GET", &format!("{path}/{return_id}?fetch-price=true"), None).await;
    assert_eq!(credit.json["status"], "1000");
    assert_eq!(credit.json["lineItems"][0]["pricing"], preview.json["lineItems"][1]["pricing"]);
    assert_eq!(
        credit.json["pricingSummary"][0]["totalLineItemPartnerPrice"],
        preview.json["lineItems"][1]["pricing"]["lineItemPartnerPrice"]
    );
    // An order kept without prices (placed before Adobe gave them) answers none.
    let old = call(&env, "GET", &format!("/v3/customers/{HIST}/orders/H000?fetch-price=true"), None).await;
    assert_eq!(old.json["status"], "1000");
    assert!(unpriced(&old.json), "{}", old.json);
}

/// "INELIGIBLE_ADD_ON: Customer is attempting to purchase an add-on product without the base
/// product": AI Assistant for Acrobat, the recommendations' example of an add-on, goes with an
/// Acrobat held or in the same order.
#[tokio::test]
async fn an_add_on_is_sold_only_with_its_base_product() {
    let env = env();
    let alone = place(&env, COM, "PREVIEW", &[(2, "65325791CA01A12", 3)]).await;
    assert_eq!((alone.status, alone.json["code"].as_str()), (StatusCode::BAD_REQUEST, Some("2129")), "{}", alone.json);
    assert_eq!(details(&alone), ["Line Item: 2, Reason: INELIGIBLE_ADD_ON"]);
    assert_eq!(place(&env, COM, "NEW", &[(2, "65325791CA01A12", 3)]).await.json["code"], "2129", "nor placed");
    // Recommended with an Acrobat, and sold with one.
    let with_base = call(
        &env,
        "POST",
        &format!("/v3/customers/{COM}/orders?fetch-recommendations=true"),
        Some(json!({"orderType": "PREVIEW", "currencyCode": "USD", "lineItems": lines(&[(1, "65304479CA01A12", 3)])})),
    )
    .await;
    let add_ons =
        with_base.json["recommendations"]["productRecommendations"]["addOns"].as_array().cloned().unwrap_or_default();
    assert!(add_ons.iter().any(|r| r["product"]["baseOfferId"] == "65325791CA01A12"), "{}", with_base.json);
    // A discount for every product goes on the base product's line, not on the add-on's:
    // "Flexible discount codes cannot be applied to non-base products" (2145).
    let mut coded = lines(&[(1, "65304479CA01A12", 3), (2, "65325791CA01A12", 3)]);
    coded[0]["flexDiscountCodes"] = json!(["BLACK_FRIDAY_10_PERCENT_OFF"]);
    let body = |lines: &Value| json!({"orderType": "PREVIEW", "currencyCode": "USD", "lineItems": lines});
    let path = format!("/v3/customers/{COM}/orders");
    let on_base = call(&env, "POST", &path, Some(body(&coded))).await;
    assert_eq!(on_base.status, StatusCode::CREATED, "{}", on_base.json);
    coded[1]["flexDiscountCodes"] = json!(["BLACK_FRIDAY_10_PERCENT_OFF"]);
    let on_add_on = call(&env, "POST", &path, Some(body(&coded))).await;
    assert_eq!(
        (on_add_on.json["code"].as_str(), details(&on_add_on)),
        (Some("2145"), vec!["Line Item: 2".to_string()]),
        "{}",
        on_add_on.json
    );
    let both = place(&env, COM, "NEW", &[(1, "65304479CA01A12", 3), (2, "65325791CA01A12", 3)]).await;
    assert_eq!(both.status, StatusCode::CREATED, "{}", both.json);
    settle().await;
    // Once the customer holds an Acrobat, the add-on is sold alone.
    let later = place(&env, COM, "NEW", &[(1, "65325791CA01A12", 2)]).await;
    assert_eq!(later.status, StatusCode::CREATED, "{}", later.json);
    // Nor does an add-on's renewal take a code (2145 is listed for Update Subscription too).
    let add_on = line_subscription(&env, COM, &both, 1).await;
    let coded = json!({"autoRenewal": {"enabled": true, "flexDiscountCodes": ["BLACK_FRIDAY_10_PERCENT_OFF"]}});
    let patched = call(&env, "PATCH", &format!("/v3/customers/{COM}/subscriptions/{add_on}"), Some(coded)).await;
    assert_eq!(
        (patched.json["code"].as_str(), details(&patched)),
        (Some("2145"), vec!["autoRenewal.flexDiscountCodes".to_string()]),
        "{}",
        patched.json
    );
}

/// The codes of a page of flexible discounts.
fn codes(a: &Answer) -> Vec<String> {
    a.json["flexDiscounts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str().map(String::from))
        .collect()
}

#[tokio::test]
async fn flexible_discounts_are_listed_applied_priced_and_refused_as_documented() {
    let env = env();
    let open = call(&env, "GET", "/v3/flex-discounts?market-segment=COM&country=US", None).await;
    assert_eq!(open.status, StatusCode::OK, "{}", open.json);
    let listed = codes(&open);
    assert!(listed.contains(&"BLACK_FRIDAY_10_PERCENT_OFF".to_string()) && listed.contains(&"NEW_YEAR_20".to_string()));
    assert!(!listed.contains(&"EDU_BACK_TO_SCHOOL_15".to_string()), "another segment's");
    assert!(!listed.contains(&"SPRING_ALL_APPS_15".to_string()), "reusable ones only when asked for");
    let reusable = call(
        &env,
        "GET",
        "/v3/flex-discounts?market-segment=COM&country=US&include-eligible-reusable-discounts=true",
        None,
    )
    .await;
    assert!(codes(&reusable).contains(&"SPRING_ALL_APPS_15".to_string()));
    let acrobat =
        call(&env, "GET", "/v3/flex-discounts?market-segment=COM&country=DE&offer-ids=65304921CA02A12", None).await;
    let fixed = acrobat.json["flexDiscounts"]
        .as_array()
        .and_then(|a| a.iter().find(|d| d["code"] == "ACROBAT_20_OFF"))
        .cloned();
    let fixed = fixed.expect("the Acrobat discount");
    assert_eq!(fixed["outcomes"][0]["discountValues"][0]["currency"], "EUR", "the country's currency");
    for bad in [
        "/v3/flex-discounts?country=US",
        "/v3/flex-discounts?market-segment=COM",
        "/v3/flex-discounts?market-segment=XYZ&country=US",
        "/v3/flex-discounts?market-segment=COM&country=US&categories=OTHER",
        "/v3/flex-discounts?market-segment=COM&country=US&limit=x",
        "/v3/flex-discounts?market-segment=COM&country=US&flex-discount-id=x&categories=INTRO",
    ] {
        let a = call(&env, "GET", bad, None).await;
        assert_eq!((a.status, a.json["code"].as_str()), (StatusCode::BAD_REQUEST, Some("1117")), "{bad}");
    }
    // On a line: the discounted price, and the line says which discount it got.
    let path = format!("/v3/customers/{COM}/orders?fetch-price=true");
    let preview = |lines: Value| {
        let body = json!({"orderType": "PREVIEW", "currencyCode": "USD", "lineItems": lines});
        call(&env, "POST", &path, Some(body))
    };
    let a = preview(json!([{"extLineItemNumber": 1, "offerId": "65304921CA01A12", "quantity": 2, "flexDiscountCodes": ["ACROBAT_20_OFF"]},
        {"extLineItemNumber": 2, "offerId": "65322651CA01A12", "quantity": 2, "flexDiscountCodes": ["BLACK_FRIDAY_10_PERCENT_OFF"]}])).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.json);
    let p = |i: usize, f: &str| a.json["lineItems"][i]["pricing"][f].as_f64().unwrap_or(f64::NAN);
    assert!((p(0, "partnerPrice") - 20.0 - p(0, "discountedPartnerPrice")).abs() < 0.001);
    assert!((p(1, "partnerPrice") * 0.9 - p(1, "discountedPartnerPrice")).abs() < 0.01);
    assert_eq!(a.json["lineItems"][0]["flexDiscounts"][0]["result"], "SUCCESS");
    assert_eq!(a.json["lineItems"][0]["flexDiscounts"][0]["code"], "ACROBAT_20_OFF");
    // The documented refusals, each naming its line.
    let refused = |code: &str| json!([{"extLineItemNumber": 3, "offerId": "65322651CA01A12", "quantity": 1, "flexDiscountCodes": [code]}]);
    let a = preview(refused("NO_SUCH_CODE")).await;
    assert_eq!(
        (a.json["code"].as_str(), details(&a)),
        (Some("2146"), vec!["Line Item: 3, Reason: NOT_FOUND".to_string()])
    );
    for code in ["ACROBAT_20_OFF", "NEW_YEAR_20", "SUMMER_SALE_20", "EDU_BACK_TO_SCHOOL_15", "SPRING_ALL_APPS_15"] {
        let a = preview(refused(code)).await;
        assert_eq!(
            (a.json["code"].as_str(), details(&a)),
            (Some("2141"), vec!["Line Item: 3, Reason: Invalid Flexible Discount".to_string()]),
            "{code}: another product, not started, ended, another segment, reusable but never used"
        );
    }
    let two =
        json!([{"extLineItemNumber": 4, "offerId": "65322651CA01A12", "quantity": 1, "flexDiscountCodes": ["A", "B"]}]);
    let a = preview(two).await;
    assert_eq!((a.json["code"].as_str(), details(&a)), (Some("2147"), vec!["Line Item: 4".to_string()]));
}

#[tokio::test]
async fn recommendations_follow_the_cart_and_the_segment() {
    let env = env();
    let body = json!({"orderType": "PREVIEW", "currencyCode": "USD", "lineItems": lines(&[(1, "11083117CA01A12", 4)])});
    let a =
        call(&env, "POST", &format!("/v3/customers/{COM}/orders?fetch-recommendations=true"), Some(body.clone())).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.json);
    let r = &a.json["recommendations"]["productRecommendations"];
    assert_eq!(r["upsells"][0]["product"]["baseOfferId"], "65322651CA01A12", "Photoshop's higher plan: All Apps");
    assert_eq!(r["upsells"][0]["rank"], 0);
    assert_eq!(r["upsells"][0]["source"]["offerIds"][0], "11083117CA01A12");
    assert!(
        r["crossSells"].as_array().is_some_and(|c| c.len() == 2)
            && r["addOns"][0]["product"]["baseOfferId"] == "65325477CAT1A12"
    );
    let plain = call(&env, "POST", &format!("/v3/customers/{COM}/orders"), Some(body)).await;
    assert!(plain.json.get("recommendations").is_none(), "only when asked for");
    // What the cart already has is not recommended; nor what the segment cannot buy.
    let both = json!({"orderType": "PREVIEW", "currencyCode": "USD",
        "lineItems": lines(&[(1, "11083117CA01A12", 4), (2, "65322651CA01A12", 1)])});
    let a = call(&env, "POST", &format!("/v3/customers/{COM}/orders?fetch-recommendations=true"), Some(both)).await;
    assert!(a.json["recommendations"]["productRecommendations"]["upsells"].as_array().is_some_and(Vec::is_empty));
    let a = call(
        &env,
        "POST",
        "/v3/recommendations",
        Some(json!({"customerId": EDU, "offers": [{"offerId": "86322610EA01A12"}]})),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json);
    assert_eq!(a.json["productRecommendations"]["upsells"][0]["product"]["baseOfferId"], "80004567EA01A12");
    for (bad, field) in [
        (json!({}), "customerId"),
        (json!({"customerId": COM, "recommendationContext": "CART"}), "recommendationContext"),
    ] {
        let a = call(&env, "POST", "/v3/recommendations", Some(bad)).await;
        assert_eq!(
            (a.status, a.json["code"].as_str(), details(&a)),
            (StatusCode::BAD_REQUEST, Some("1117"), vec![field.to_string()])
        );
    }
}

/// Recommendations Error Codes: 5136 INVALID_COUNTRY and 5137 INVALID_LANGUAGE for Fetch
/// Recommendations; on a preview "a 2xx status code is returned, and the error is included in
/// the `recommendations` section".
#[tokio::test]
async fn recommendations_refused_for_a_country_or_a_language_say_which() {
    let env = env();
    for (ask, code, message) in [
        (json!({"language": "FR"}), "5137", "Not allowed to fetch Recommendations for language FR"),
        (json!({"country": "XX"}), "5136", "Not allowed to fetch Recommendations for Country Code XX"),
        (json!({"country": "AQ"}), "5136", "Not allowed to fetch Recommendations for Country Code AQ"),
        (json!({"country": "us"}), "5136", "Not allowed to fetch Recommendations for Country Code us"),
    ] {
        let mut body = json!({"customerId": COM});
        body.as_object_mut().expect("an object").extend(ask.as_object().expect("an object").clone());
        let a = call(&env, "POST", "/v3/recommendations", Some(body)).await;
        assert_eq!(
            (a.status, a.json["code"].as_str(), a.json["message"].as_str()),
            (StatusCode::BAD_REQUEST, Some(code), Some(message))
        );
    }
    for ok in [json!({"country": "JP", "language": "MULT"}), json!({"country": "DE", "language": "EN"})] {
        let mut body = json!({"customerId": COM});
        body.as_object_mut().expect("an object").extend(ok.as_object().expect("an object").clone());
        let a = call(&env, "POST", "/v3/recommendations", Some(body)).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.json);
    }
    let body = json!({"orderType": "PREVIEW", "currencyCode": "USD", "lineItems": lines(&[(1, "11083117CA01A12", 4)])});
    let path = format!("/v3/customers/{COM}/orders?fetch-recommendations=true&recommendation-language=FR");
    let a = call(&env, "POST", &path, Some(body.clone())).await;
    assert_eq!(a.status, StatusCode::CREATED, "the preview itself succeeds: {}", a.json);
    assert_eq!(a.json["lineItems"][0]["offerId"], "11083117CA01A12");
    let r = &a.json["recommendations"];
    assert_eq!((r["errorDetails"]["code"].as_str(), r.get("productRecommendations")), (Some("5137"), None), "{r}");
    let path = format!("/v3/customers/{COM}/orders?fetch-recommendations=true&recommendation-country=CU");
    let a = call(&env, "POST", &path, Some(body.clone())).await;
    assert_eq!(a.json["recommendations"]["errorDetails"]["code"], "5136", "{}", a.json);
    let path = format!(
        "/v3/customers/{COM}/orders?fetch-recommendations=true&recommendation-country=US&recommendation-language=EN"
    );
    let a = call(&env, "POST", &path, Some(body)).await;
    let r = &a.json["recommendations"];
    assert!(r.get("errorDetails").is_none() && r["productRecommendations"]["upsells"][0]["rank"] == 0, "{r}");
}

/// "Provide tracking data to Adobe to get improved recommendations": an answer asked for
/// recommendations carries `x-recommendation-tracker-id`, and a purchase that sends it back is
/// counted; the documents' GET Subscriptions and GET Orders with `fetch-recommendations=true`
/// carry the `recommendations` block (or only why not).
#[tokio::test]
async fn recommendations_carry_a_tracker_that_a_purchase_sends_back() {
    let env = env();
    let counted = || env.twin.read(|w, _| w.created.get("recommendation_tracked").copied().unwrap_or(0));
    let body = json!({"orderType": "PREVIEW", "currencyCode": "USD", "lineItems": lines(&[(1, "11083117CA01A12", 4)])});
    let orders = |customer: &str, query: &str| format!("/v3/customers/{customer}/orders{query}");
    let asked = call(&env, "POST", &orders(COM, "?fetch-recommendations=true"), Some(body.clone())).await;
    let tracker = asked.tracker.expect("a tracker with recommendations");
    assert!(tracker.len() == 32 && tracker.bytes().all(|b| b.is_ascii_hexdigit()), "{tracker}");
    assert_eq!(call(&env, "POST", &orders(COM, ""), Some(body.clone())).await.tracker, None, "only when asked");
    let edu = json!({"orderType": "PREVIEW", "currencyCode": "USD", "lineItems": lines(&[(1, "86322610EA01A12", 1)])});
    let other = call(&env, "POST", &orders(EDU, "?fetch-recommendations=true"), Some(edu)).await;
    let other = other.tracker.expect("another customer's tracker");

    // The lists, as the documents' examples.
    let subs = call(&env, "GET", &format!("/v3/customers/{COM}/subscriptions?fetch-recommendations=true"), None).await;
    assert_eq!(subs.status, StatusCode::OK, "{}", subs.json);
    assert!(subs.json["recommendations"]["productRecommendations"]["upsells"].is_array(), "{}", subs.json);
    assert!(subs.tracker.is_some() && subs.json["items"].is_array());
    let plain = call(&env, "GET", &format!("/v3/customers/{COM}/subscriptions"), None).await;
    assert!(plain.json.get("recommendations").is_none() && plain.tracker.is_none(), "{}", plain.json);
    let history = call(&env, "GET", &orders(COM, "?fetch-recommendations=true&recommendation-language=FR"), None).await;
    assert_eq!(history.status, StatusCode::OK, "{}", history.json);
    assert_eq!(history.json["recommendations"]["errorDetails"]["code"], "5137", "{}", history.json);
    let history = call(&env, "GET", &orders(COM, "?fetch-recommendations=true&limit=5"), None).await;
    assert!(history.json["recommendations"]["productRecommendations"].is_object(), "{}", history.json);
    assert_eq!(history.json["limit"], 5, "the other filters still apply");

    // Fetch Recommendations carries one too.
    let fetched = call(&env, "POST", "/v3/recommendations", Some(json!({"customerId": EARLY}))).await;
    assert_eq!(fetched.status, StatusCode::OK, "{}", fetched.json);
    let early = fetched.tracker.expect("Fetch Recommendations' tracker");

    // A purchase sends it back: counted once it is the customer's own, to the letter.
    let new = json!({"orderType": "NEW", "currencyCode": "USD", "lineItems": lines(&[(1, "11083117CA01A12", 1)])});
    let upper = tracker.to_uppercase();
    for (sent, count) in [
        (None, 0),
        (Some("not-a-tracker"), 0),
        (Some(other.as_str()), 0),
        (Some(upper.as_str()), 0),
        (Some(tracker.as_str()), 1),
    ] {
        let placed = call_tracked(&env, "POST", &orders(COM, ""), Some(new.clone()), sent).await;
        assert_eq!(placed.status, StatusCode::CREATED, "{sent:?}: {}", placed.json);
        assert_eq!(counted(), count, "{sent:?}");
    }
    // A renewal preview of what those orders made carries one too.
    settle().await;
    let renewal = json!({"orderType": "PREVIEW_RENEWAL"});
    let renewal = call(&env, "POST", &orders(COM, "?fetch-recommendations=true"), Some(renewal)).await;
    assert_eq!(renewal.status, StatusCode::CREATED, "{}", renewal.json);
    assert!(renewal.tracker.is_some(), "a renewal preview's");
    // So is Create Subscription's (a product added to EARLY's renewal, 10 days away).
    let add = json!({"offerId": "11083117CA01A12", "autoRenewal": {"renewalQuantity": 1}});
    let path = format!("/v3/customers/{EARLY}/subscriptions");
    let added = call_tracked(&env, "POST", &path, Some(add), Some(&early)).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.json);
    assert_eq!(counted(), 2, "Create Subscription with the customer's tracker");
}

/// Overlay recommendations: Fetch Recommendations answers the leads Adobe's agents left,
/// `OPEN` until "consumed during order placement or automatically expired past their
/// `expiresAt` date", and the block is "present only when leads exist for the customer".
#[tokio::test]
async fn leads_are_answered_until_an_order_of_their_kind_takes_them_or_they_expire() {
    use partner_sandbox::twin::world::HeldLead;
    let env = env();
    let lead = |renewal: bool, from: i64, to: i64, items: &[(&str, u64)]| {
        let at = |days: i64| time::now().saturating_add_signed(days * DAY as i64);
        HeldLead {
            renewal,
            created: at(from),
            expires: at(to),
            items: items.iter().map(|(o, q)| (o.to_string(), *q)).collect(),
        }
    };
    env.twin
        .change(|w, _| {
            w.leads.insert(
                COM.into(),
                vec![
                    lead(false, -3, 27, &[("11083117CA01A12", 4), ("65322651CA03A12", 2)]),
                    lead(false, -40, -10, &[("65322651CA01A12", 3)]),
                ],
            );
            w.leads.insert(EARLY.into(), vec![lead(true, -1, 20, &[("65304479CA01A12", 15)])]);
            Ok::<_, ApiError>(())
        })
        .expect("leads");
    let leads = |customer: &'static str| {
        let env = &env;
        async move {
            let a = call(env, "POST", "/v3/recommendations", Some(json!({"customerId": customer}))).await;
            assert_eq!(a.status, StatusCode::OK, "{}", a.json);
            a.json.get("overlayRecommendations").cloned().unwrap_or_default()
        }
    };
    let com = leads(COM).await;
    let new = com["new"].as_array().cloned().unwrap_or_default();
    assert_eq!(new.len(), 2, "{com}");
    // Oldest first.
    assert_eq!((new[0]["status"].as_str(), new[1]["status"].as_str()), (Some("EXPIRED"), Some("OPEN")));
    assert_eq!(
        new[1]["items"],
        json!([{"offerId": "11083117CA01A12", "quantity": 4}, {"offerId": "65322651CA03A12", "quantity": 2}])
    );
    assert!(time::parse(new[1]["createdAt"].as_str().unwrap_or("")).is_some(), "{}", new[1]);
    assert!(new[1]["expiresAt"].as_str() > new[1]["createdAt"].as_str());
    assert!(com.get("renew").is_none(), "no renewal leads: {com}");
    assert!(leads(EDU).await.is_null(), "no block without leads");
    // The other answers that carry recommendations do not carry leads.
    let body = json!({"orderType": "PREVIEW", "currencyCode": "USD", "lineItems": lines(&[(1, "65322651CA01A12", 2)])});
    let preview =
        call(&env, "POST", &format!("/v3/customers/{COM}/orders?fetch-recommendations=true"), Some(body)).await;
    assert!(preview.json["recommendations"].get("overlayRecommendations").is_none(), "{}", preview.json);
    assert_eq!(leads(COM).await["new"].as_array().map(Vec::len), Some(2), "a preview consumes nothing");
    // A NEW order of one of a lead to buy's products takes it, at any quantity and level (the
    // lead names level 03), but not the expired lead of that product, nor a lead to renew.
    let renewal_line = |sub: &str| json!([{"extLineItemNumber": 1, "offerId": "65304479CA01A12", "quantity": 15, "subscriptionId": sub}]);
    let renewal = renew(&env, EARLY, "PREVIEW_RENEWAL", renewal_line("SUB-9000000005")).await;
    assert_eq!(renewal.status, StatusCode::CREATED, "{}", renewal.json);
    assert_eq!(leads(EARLY).await["renew"][0]["status"], "OPEN", "a preview consumes nothing");
    let new_order =
        json!({"orderType": "NEW", "currencyCode": "USD", "lineItems": lines(&[(1, "65304479CA01A12", 1)])});
    let placed = call(&env, "POST", &format!("/v3/customers/{EARLY}/orders"), Some(new_order)).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.json);
    assert_eq!(leads(EARLY).await["renew"][0]["status"], "OPEN", "a NEW order takes no renewal lead");
    let new_order =
        json!({"orderType": "NEW", "currencyCode": "USD", "lineItems": lines(&[(1, "65322651CA01A12", 1)])});
    let placed = call(&env, "POST", &format!("/v3/customers/{COM}/orders"), Some(new_order)).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.json);
    let com = leads(COM).await;
    assert_eq!(com["new"].as_array().map(Vec::len), Some(1), "{com}");
    assert_eq!(com["new"][0]["status"], "EXPIRED", "an expired lead is not consumed");
    // A refused order consumes nothing (3115: another customer's subscription).
    settle().await;
    let refused = renew(&env, EARLY, "RENEWAL", renewal_line("SUB-9000000006")).await;
    assert_eq!(refused.json["code"], "3115", "{}", refused.json);
    assert_eq!(leads(EARLY).await["renew"][0]["status"], "OPEN", "a refused order takes no lead");
    let placed = renew(&env, EARLY, "RENEWAL", renewal_line("SUB-9000000005")).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.json);
    assert!(leads(EARLY).await.is_null(), "the renewal took its lead");
}

/// A manual renewal (`PREVIEW_RENEWAL` with lines, or `RENEWAL`) for `customer`, with prices.
async fn renew(env: &Env, customer: &str, kind: &str, lines: Value) -> Answer {
    let body = json!({"orderType": kind, "currencyCode": "USD", "lineItems": lines});
    call(env, "POST", &format!("/v3/customers/{customer}/orders?fetch-price=true"), Some(body)).await
}

/// "Not allowed in the final term of a three-year commitment (3YC) unless the customer
/// recommits": 3133 on an early renewal, until a recommitment is accepted.
#[tokio::test]
async fn no_early_renewal_in_the_final_three_year_commit_term_without_recommitting() {
    let env = env();
    // `terms_left`: 0 in the final term, 1 in the one before.
    let commit = |recommitted: bool, terms_left: u64| {
        env.twin.change(|w, _| {
            // From the renewal date, which an early renewal leaves where it is.
            let renews = w.subscriptions.get("SUB-9000000005").and_then(|s| time::parse(&s.renewal_date));
            let anniversary = renews.unwrap_or_default() + terms_left * 365 * DAY;
            let c = w.customers.get_mut(EARLY).ok_or_else(|| ApiError::code("1116"))?;
            c.benefits = three_year_commit(anniversary.saturating_sub(DAY), Vec::new(), recommitted);
            Ok::<_, ApiError>(())
        })
    };
    let line = json!([{"extLineItemNumber": 1, "offerId": "65304479CA01A12", "quantity": 2, "subscriptionId": "SUB-9000000005"}]);
    // The term before the final one renews early, more than once: the first early renewal
    // moves the anniversary into the final term, not the renewal date.
    commit(false, 1).expect("the term before");
    let first = renew(&env, EARLY, "RENEWAL", line.clone()).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.json);
    settle().await;
    let again = renew(&env, EARLY, "PREVIEW_RENEWAL", line.clone()).await;
    assert_eq!(again.status, StatusCode::CREATED, "a second early renewal of the term: {}", again.json);
    commit(false, 0).expect("final term");
    for kind in ["PREVIEW_RENEWAL", "RENEWAL"] {
        let refused = renew(&env, EARLY, kind, line.clone()).await;
        assert_eq!(
            (refused.status, refused.json["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some("3133")),
            "{kind}: {}",
            refused.json
        );
    }
    commit(true, 0).expect("recommitted");
    let p = renew(&env, EARLY, "PREVIEW_RENEWAL", line).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.json);
}

#[tokio::test]
async fn manual_renewals_early_and_late_within_their_windows() {
    let env = env();
    let line = |sub: &str, offer: &str, q: u64| json!([{"extLineItemNumber": 1, "offerId": offer, "quantity": q, "subscriptionId": sub}]);
    // Early: a preview priced for a full year, then the order; the renewed quantity shows.
    let p = renew(&env, EARLY, "PREVIEW_RENEWAL", line("SUB-9000000005", "65304479CA01A12", 6)).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.json);
    assert_eq!(p.json["lineItems"][0]["proratedDays"], 365);
    assert_eq!(p.json["lineItems"][0]["subscriptionId"], "SUB-9000000005");
    // Early, more than is held renews it all and adds seats for the next term.
    let more = renew(&env, EARLY, "PREVIEW_RENEWAL", line("SUB-9000000005", "65304479CA01A12", 11)).await;
    assert_eq!((more.status, more.json["lineItems"][0]["quantity"].as_u64()), (StatusCode::CREATED, Some(11)));
    let other = renew(&env, EARLY, "PREVIEW_RENEWAL", line("SUB-9000000005", "65322651CA01A12", 1)).await;
    assert_eq!(other.json["code"], "3132", "another product than the subscription's");
    // Part of a subscription goes alone: with another line it is 3121, for that line.
    let with = |q: u64| {
        json!([
            {"extLineItemNumber": 1, "offerId": "11083117CA01A12", "quantity": 1},
            {"extLineItemNumber": 2, "offerId": "65304479CA01A12", "quantity": q, "subscriptionId": "SUB-9000000005"},
        ])
    };
    let partial = renew(&env, EARLY, "PREVIEW_RENEWAL", with(6)).await;
    assert_eq!((partial.json["code"].as_str(), details(&partial)), (Some("3121"), vec!["Line Item: 2".to_string()]));
    let full = renew(&env, EARLY, "PREVIEW_RENEWAL", with(10)).await;
    assert_eq!(full.status, StatusCode::CREATED, "all ten, with a new product: {}", full.json);
    let seats = renew(&env, EARLY, "PREVIEW_RENEWAL", with(12)).await;
    assert_eq!(seats.status, StatusCode::CREATED, "all ten and two more, with a new product: {}", seats.json);
    let unknown = renew(&env, EARLY, "PREVIEW_RENEWAL", line("SUB-9000000006", "65304479CA01A12", 1)).await;
    assert_eq!(unknown.json["code"], "3115", "another customer's subscription");
    let placed = renew(&env, EARLY, "RENEWAL", line("SUB-9000000005", "65304479CA01A12", 6)).await;
    assert_eq!(
        (placed.status, placed.json["orderType"].as_str()),
        (StatusCode::CREATED, Some("RENEWAL")),
        "{}",
        placed.json
    );
    assert_eq!(placed.json["status"], "1002");
    // While that order is open its licenses count as renewed: a second one cannot renew them,
    // and no renewal order is taken until it completes.
    let again = renew(&env, EARLY, "PREVIEW_RENEWAL", with(3)).await;
    assert_eq!(again.json["code"], "3121", "6 of 10 are being renewed: 3 is part of the 4 left");
    let again = renew(&env, EARLY, "PREVIEW_RENEWAL", with(4)).await;
    assert_eq!(again.status, StatusCode::CREATED, "the 4 left: {}", again.json);
    let next = renew(&env, EARLY, "RENEWAL", line("SUB-9000000005", "65304479CA01A12", 1)).await;
    assert_eq!((next.status, next.json["code"].as_str()), (StatusCode::BAD_REQUEST, Some("4122")), "{}", next.json);
    settle().await;
    let sub = call(&env, "GET", &format!("/v3/customers/{EARLY}/subscriptions/SUB-9000000005"), None).await;
    assert_eq!(sub.json["renewedQuantity"], 6);
    let c = call(&env, "GET", &format!("/v3/customers/{EARLY}"), None).await;
    // The first early renewal moves the anniversary a year on.
    let (before, after) =
        (time::date(time::now() + 10 * DAY), c.json["cotermDate"].as_str().unwrap_or_default().to_string());
    let year = |d: &str| d.get(..4).and_then(|y| y.parse::<u32>().ok()).unwrap_or(0);
    assert_eq!((year(&after), after.get(4..)), (year(&before) + 1, before.get(4..)), "{after}");
    // The rest may still be renewed early (the renewal date did not move): part of it goes
    // alone; no new seats until it is all renewed ("subsequent orders"), then new seats only.
    assert_eq!(renew(&env, EARLY, "PREVIEW_RENEWAL", with(3)).await.json["code"], "3121");
    let beyond = renew(&env, EARLY, "PREVIEW_RENEWAL", line("SUB-9000000005", "65304479CA01A12", 5)).await;
    assert_eq!((beyond.json["code"].as_str(), details(&beyond)), (Some("3121"), vec!["Line Item: 1".to_string()]));
    let rest = renew(&env, EARLY, "RENEWAL", line("SUB-9000000005", "65304479CA01A12", 4)).await;
    assert_eq!(rest.status, StatusCode::CREATED, "{}", rest.json);
    settle().await;
    let seats = renew(&env, EARLY, "RENEWAL", line("SUB-9000000005", "65304479CA01A12", 2)).await;
    assert_eq!(seats.status, StatusCode::CREATED, "{}", seats.json);
    settle().await;
    let sub = call(&env, "GET", &format!("/v3/customers/{EARLY}/subscriptions/SUB-9000000005"), None).await;
    assert_eq!(
        (sub.json["renewedQuantity"].as_u64(), sub.json["currentQuantity"].as_u64()),
        (Some(12), Some(10)),
        "ten renewed and two seats added for the next term"
    );
    // Renewed in full, it takes new seats only.
    let seats = renew(&env, EARLY, "PREVIEW_RENEWAL", line("SUB-9000000005", "65304479CA01A12", 1)).await;
    assert_eq!(seats.status, StatusCode::CREATED, "a seat more: {}", seats.json);
    // Late: same product, at most the quantity held; no new product.
    let new_product = json!([{"extLineItemNumber": 1, "offerId": "11083117CA01A12", "quantity": 1}]);
    assert_eq!(renew(&env, LATE, "PREVIEW_RENEWAL", new_product.clone()).await.json["code"], "3132");
    assert_eq!(
        renew(&env, EARLY, "PREVIEW_RENEWAL", new_product).await.status,
        StatusCode::CREATED,
        "a new product, early"
    );
    let held = call(&env, "GET", &format!("/v3/customers/{LATE}/subscriptions/SUB-9000000006"), None).await;
    let held = held.json["currentQuantity"].as_u64().unwrap_or(0);
    let more = renew(&env, LATE, "PREVIEW_RENEWAL", line("SUB-9000000006", "65304479CA01A12", held + 1)).await;
    assert_eq!(more.json["code"], "3121", "late, no more than was held: {}", more.json);
    let late = renew(&env, LATE, "RENEWAL", line("SUB-9000000006", "65304479CA01A12", 8)).await;
    assert_eq!(late.status, StatusCode::CREATED, "{}", late.json);
    settle().await;
    let sub = call(&env, "GET", &format!("/v3/customers/{LATE}/subscriptions/SUB-9000000006"), None).await;
    assert_eq!((sub.json["currentQuantity"].as_u64(), sub.json["status"].as_str()), (Some(8), Some("1000")));
    assert!(
        sub.json["renewalDate"].as_str().unwrap_or_default() > time::date(time::now()).as_str(),
        "renewed for a year"
    );
    // Neither window.
    let far = renew(&env, FAR, "PREVIEW_RENEWAL", line("SUB-9000000007", "65304479CA01A12", 1)).await;
    assert_eq!(far.json["code"], "3121");
    // A license that lapsed is renewed late though another auto-renewed; that one is not.
    let lapsed = renew(&env, MIXED, "RENEWAL", line("SUB-LAPSED", "65304479CA01A12", 10)).await;
    assert_eq!(lapsed.status, StatusCode::CREATED, "{}", lapsed.json);
    let renewed = renew(&env, MIXED, "PREVIEW_RENEWAL", line("SUB-RENEWED", "65304479CA01A12", 1)).await;
    assert_eq!(renewed.json["code"], "3121", "{}", renewed.json);
    settle().await;
    let sub = call(&env, "GET", &format!("/v3/customers/{MIXED}/subscriptions/SUB-LAPSED"), None).await;
    assert_eq!((sub.json["currentQuantity"].as_u64(), sub.json["status"].as_str()), (Some(10), Some("1000")));
    // It renews with the other now: the anniversary, already there, stays.
    let other = call(&env, "GET", &format!("/v3/customers/{MIXED}/subscriptions/SUB-RENEWED"), None).await;
    assert_eq!(sub.json["renewalDate"], other.json["renewalDate"]);
    let c = call(&env, "GET", &format!("/v3/customers/{MIXED}"), None).await;
    assert_eq!(c.json["cotermDate"], other.json["renewalDate"], "{}", c.json);
}

/// `day` (`YYYY-MM-DD`) `years` on, by the calendar (29 February becoming the 28th).
fn years_on(day: &str, years: u32) -> String {
    let year = day.get(..4).and_then(|y| y.parse::<u32>().ok()).unwrap_or(0) + years;
    let rest = day.get(4..10).unwrap_or_default();
    format!("{year:04}{}", if rest == "-02-29" { "-02-28" } else { rest })
}

/// "Discount levels for Linked Memberships are automatically calculated on the anniversary date
/// of the Linked Membership. The calculated discount level is automatically applied to all
/// members and the owner": the page's example, 70 and 31 licenses together at level 4, and
/// transactions together at their tier. A member renewing at its own anniversary keeps the
/// membership's level, not its own licenses'.
#[tokio::test]
async fn a_linked_membership_levels_its_members_at_its_anniversary() {
    let env = env();
    let now = time::now();
    let today = now - now % DAY;
    let (group_id, owner, member) = ("LMG-TEST", "9000000091", "9000000092");
    let this_term = time::date(today);
    env.twin
        .change(|w, _| {
            // Made two years ago today (a 29 February's on the 28th, whose anniversary is then
            // yesterday, in the sweep's two days).
            let year = this_term.get(..4).and_then(|y| y.parse::<u32>().ok()).unwrap_or(1972);
            let day = this_term.get(4..10).unwrap_or("-01-01").replace("-02-29", "-02-28");
            let two_years_ago = format!("{:04}{day}", year - 2);
            w.linked_groups.push(LinkedMembershipGroup {
                id: group_id.into(),
                name: "Test Affiliates".into(),
                kind: Some(LinkedMembershipType::Standard),
                creation_date: format!("{two_years_ago}T00:00:00Z"),
                market_segment: Some(MarketSegment::Commercial),
                country: "US".into(),
                members_count: Some(2),
                discounts: vec![Discount::new(OfferType::License, "02")],
                ..LinkedMembershipGroup::default()
            });
            for (id, role, held, renews) in
                [(owner, LinkedMemberRole::Owner, 70, None), (member, LinkedMemberRole::Member, 31, Some(&this_term))]
            {
                let mut c = customer(id, MarketSegment::Commercial, "R-TEST");
                c.coterm_date = renews.cloned().unwrap_or_else(|| years_on(&this_term, 1));
                c.discounts =
                    vec![Discount::new(OfferType::License, "02"), Discount::new(OfferType::Consumables, "T1")];
                c.linked_membership = Some(LinkedMembership {
                    id: group_id.into(),
                    name: "Test Affiliates".into(),
                    linked_membership_type: Some(role),
                    ..LinkedMembership::default()
                });
                w.customers.insert(id.into(), c);
                let sub = Subscription {
                    subscription_id: format!("S-{id}"),
                    offer_id: "65304479CA02A12".into(),
                    current_quantity: Some(held),
                    auto_renewal: AutoRenewal { enabled: true, ..AutoRenewal::default() },
                    renewal_date: renews.cloned().unwrap_or_else(|| years_on(&this_term, 1)),
                    currency_code: "USD".into(),
                    status: Status::Active,
                    ..Subscription::default()
                };
                hold(w, id, sub);
                // 1,000 and 1,600 transactions: 2,600 together, the third tier.
                let transactions = Subscription {
                    subscription_id: format!("T-{id}"),
                    offer_id: "65322447CA01A12".into(),
                    current_quantity: Some(if id == owner { 1000 } else { 1600 }),
                    renewal_date: years_on(&this_term, 1),
                    currency_code: "USD".into(),
                    status: Status::Active,
                    ..Subscription::default()
                };
                hold(w, id, transactions);
            }
            // Today's sweep, for the dates after the day before yesterday's: the membership's
            // anniversary and the member's renewal date.
            w.schedule(now - 1, Change::AutoRenewals(today - DAY - 1));
            Ok::<_, ApiError>(())
        })
        .expect("set up");
    let level = |id: &'static str, kind: &'static str| {
        let env = &env;
        async move {
            let c = call(env, "GET", &format!("/v3/customers/{id}"), None).await.json;
            c["discounts"]
                .as_array()
                .and_then(|d| d.iter().find(|d| d["offerType"] == kind))
                .map(|d| d["level"].clone())
        }
    };
    assert_eq!(level(owner, "LICENSE").await, Some(json!("04")), "101 licenses together");
    assert_eq!(level(member, "LICENSE").await, Some(json!("04")), "the same level for every member");
    assert_eq!(level(owner, "CONSUMABLES").await, Some(json!("T3")), "2,600 transactions together");
    assert_eq!(level(member, "CONSUMABLES").await, Some(json!("T3")));
    // The member's auto-renewal renewed at the membership's level.
    let history = call(&env, "GET", &format!("/v3/customers/{member}/orders?order-type=RENEWAL"), None).await;
    assert_eq!(history.json["items"][0]["lineItems"][0]["offerId"], "65304479CA04A12", "{}", history.json);
    let groups = env.twin.read(|w, _| Ok::<_, ApiError>(w.linked_groups.clone())).expect("groups");
    let group = groups.iter().find(|g| g.id == group_id).expect("the group");
    assert_eq!(group.discounts.first().map(|d| d.level.as_str()), Some("04"), "kept as the group's");
}

/// Auto-renewal on the renewal date ("Manage auto-renewals" and the manual-renewals page's
/// examples): what renews goes into one RENEWAL order per currency; what early renewals renewed is not renewed
/// again; a subscription with auto-renewal off expires and may be renewed late.
#[tokio::test]
async fn subscriptions_auto_renew_on_their_renewal_date() {
    const AUTO: &str = "9000000077";
    let env = env();
    let now = time::now();
    let today = now - now % DAY;
    let (this_term, next_term) = (time::date(today), years_on(&time::date(today), 1));
    let tomorrow = time::date(today + DAY);
    env.twin
        .change(|w, _| {
            let mut c = customer(AUTO, MarketSegment::Commercial, "R-TEST");
            c.coterm_date = this_term.clone();
            w.customers.insert(AUTO.into(), c);
            // (id, offer, held, renewed early, auto-renewal, renewal date, status)
            let subs = [
                ("S-SET", "65304479CA01A12", 60, None, Some(Some(50)), &this_term, Status::Active),
                ("S-PART", "65322651CA01A12", 100, Some(40), Some(None), &this_term, Status::Active),
                ("S-EARLY", "11083117CA01A12", 10, Some(10), Some(None), &this_term, Status::Active),
                ("S-OFF", "65304921CA01A12", 8, None, None, &this_term, Status::Active),
                ("S-ADDED", "65322535CA01A12", 0, None, Some(Some(5)), &this_term, Status::Scheduled),
                ("S-LATER", "65304479CA01A12", 3, None, Some(None), &tomorrow, Status::Active),
                ("S-HG", "65304522CA01A12", 5, None, Some(Some(5)), &this_term, Status::Active),
                ("S-EUR", "30006208CA01A12", 2, None, Some(None), &this_term, Status::Active),
            ];
            for (id, offer, held, renewed, auto, renews, status) in subs {
                let auto_renewal = match auto {
                    Some(quantity) => {
                        AutoRenewal { enabled: true, renewal_quantity: quantity, ..AutoRenewal::default() }
                    }
                    None => AutoRenewal::default(),
                };
                // Opted into a High Growth offer, without the 3YC it needs any more.
                let mut auto_renewal = auto_renewal;
                if id == "S-HG" {
                    auto_renewal.renewal_code = "MOQ_100".into();
                }
                // A discount set for the renewal, which it uses up.
                if id == "S-SET" {
                    auto_renewal.flex_discount_codes = vec!["ACROBAT_20_OFF".into()];
                }
                let sub = Subscription {
                    subscription_id: id.into(),
                    offer_id: offer.into(),
                    current_quantity: Some(held),
                    renewed_quantity: renewed,
                    auto_renewal,
                    renewal_date: renews.clone(),
                    currency_code: if id == "S-EUR" { "EUR" } else { "USD" }.into(),
                    status,
                    ..Subscription::default()
                };
                hold(w, AUTO, sub);
            }
            // The seed scheduled the next sweep, at midnight; this is the day's, for the renewal
            // dates after yesterday's.
            let sweeps: Vec<u64> =
                w.pending.iter().filter(|(_, c)| matches!(c, Change::AutoRenewals(_))).map(|(due, _)| *due).collect();
            let midnight = |due: &u64| due.is_multiple_of(DAY) && *due > now && *due <= now + DAY;
            assert!(sweeps.len() == 1 && sweeps.iter().all(midnight), "one sweep, at the next midnight");
            w.schedule(now - 1, Change::AutoRenewals(today - 1));
            Ok::<_, ApiError>(())
        })
        .expect("set up");
    let sub = |id: &'static str| {
        let env = &env;
        async move { call(env, "GET", &format!("/v3/customers/{AUTO}/subscriptions/{id}"), None).await.json }
    };
    let facts = |s: &Value| {
        (
            s["currentQuantity"].as_u64(),
            s["renewedQuantity"].as_u64(),
            s["status"].as_str().map(String::from),
            s["renewalDate"].as_str().map(String::from),
        )
    };
    let renewed = |q: u64| (Some(q), None, Some("1000".to_string()), Some(next_term.clone()));
    assert_eq!(facts(&sub("S-SET").await), renewed(50), "its renewal quantity");
    assert_eq!(facts(&sub("S-PART").await), renewed(100), "40 early, the other 60 now");
    assert_eq!(facts(&sub("S-EARLY").await), renewed(10), "all early: moved on all the same");
    assert_eq!(facts(&sub("S-ADDED").await), renewed(5), "added to the renewal: active now");
    let off = sub("S-OFF").await;
    assert_eq!(facts(&off), (Some(8), None, Some("1004".to_string()), Some(this_term.clone())), "expired");
    assert_eq!(off["allowedActions"], json!(["MANUAL_RENEWAL"]), "it may be renewed late: {off}");
    assert_eq!(facts(&sub("S-LATER").await).3, Some(tomorrow.clone()), "tomorrow's: not yet");
    // One RENEWAL order per currency, complete, dated today, with a line for what auto-renewal
    // renewed.
    let history =
        call(&env, "GET", &format!("/v3/customers/{AUTO}/orders?order-type=RENEWAL&fetch-price=true"), None).await;
    let items = history.json["items"].as_array().cloned().unwrap_or_default();
    let currencies: Vec<&str> = items.iter().filter_map(|o| o["currencyCode"].as_str()).collect();
    assert_eq!(currencies.len(), 2, "{}", history.json);
    assert!(currencies.contains(&"EUR") && currencies.contains(&"USD"), "{currencies:?}");
    let eur = items.iter().find(|o| o["currencyCode"] == "EUR").map(|o| o["lineItems"].clone());
    assert_eq!(eur.and_then(|l| l.as_array().map(|l| l.len())), Some(1), "S-EUR alone");
    let Some(order) = items.iter().find(|o| o["currencyCode"] == "USD") else { panic!("{}", history.json) };
    assert_eq!(
        (order["status"].as_str(), order["creationDate"].as_str().map(|d| d.get(..10))),
        (Some("1000"), Some(Some(this_term.as_str())))
    );
    let mut lines: Vec<(String, u64)> = order["lineItems"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| (l["subscriptionId"].as_str().unwrap_or_default().to_string(), l["quantity"].as_u64().unwrap_or(0)))
        .collect();
    lines.sort();
    let want = [("S-ADDED", 5), ("S-HG", 5), ("S-PART", 60), ("S-SET", 50)].map(|(s, q)| (s.to_string(), q));
    assert_eq!(lines, want.to_vec(), "nothing for what was renewed early, nor for auto-renewal off");
    // No 3YC in force: the High Growth offer is not renewed ("until the 3YC term ends").
    let hg = order["lineItems"].as_array().and_then(|l| l.iter().find(|l| l["subscriptionId"] == "S-HG"));
    let offer = hg.and_then(|l| l["offerId"].as_str()).unwrap_or_default();
    assert!(offer.starts_with("65304522CA") && offer.ends_with("A12"), "the plan, not an MOQ offer: {offer}");
    // The discount set for the renewal applied, and is used up.
    let set = order["lineItems"].as_array().and_then(|l| l.iter().find(|l| l["subscriptionId"] == "S-SET"));
    assert_eq!(set.map(|l| &l["flexDiscounts"][0]["result"]), Some(&json!("SUCCESS")), "{order}");
    assert!(sub("S-SET").await["autoRenewal"].get("flexDiscountCodes").is_none(), "used up");
    let priced = order["lineItems"]
        .as_array()
        .is_some_and(|l| l.iter().all(|l| l["pricing"]["partnerPrice"].as_f64().is_some()));
    assert!(
        priced && order["pricingSummary"][0]["totalLineItemPartnerPrice"].as_f64().is_some_and(|t| t > 0.0),
        "{order}"
    );
    // The anniversary rolls a year on; the sweep is taken once.
    let c = call(&env, "GET", &format!("/v3/customers/{AUTO}"), None).await;
    assert_eq!(c.json["cotermDate"].as_str(), Some(next_term.as_str()));
    let again = call(&env, "GET", &format!("/v3/customers/{AUTO}/orders?order-type=RENEWAL"), None).await;
    assert_eq!(again.json["items"].as_array().map(Vec::len), Some(2));
    let sweeps = env.twin.read(|w, _| {
        w.pending.iter().filter(|(_, c)| matches!(c, Change::AutoRenewals(_))).map(|(due, _)| *due).collect::<Vec<_>>()
    });
    let later = time::now();
    let midnight = |due: &u64| due.is_multiple_of(DAY) && *due > later && *due <= later + DAY;
    assert!(sweeps.len() == 1 && sweeps.iter().all(midnight), "the next sweep only: {sweeps:?}");
    // Renewed late, the expired one is active again.
    let line =
        json!([{"extLineItemNumber": 1, "offerId": "65304921CA01A12", "quantity": 8, "subscriptionId": "S-OFF"}]);
    let late = renew(&env, AUTO, "RENEWAL", line).await;
    assert_eq!(late.status, StatusCode::CREATED, "{}", late.json);
    settle().await;
    assert_eq!(facts(&sub("S-OFF").await), renewed(8));
}

/// A twin stopped for more than a year renews a subscription each time its date came round; a
/// customer whose conversion to Large Government Agency fails at the anniversary has its
/// subscriptions expire ("the subscription will expire, and the customer will need to manually
/// place the renewal order").
#[tokio::test]
async fn a_stopped_twin_catches_up_and_a_failed_lga_conversion_expires() {
    const STOPPED: &str = "9000000078";
    // Its conversion checked before the day's sweep, and after it.
    const CONVERTING: &str = "9000000079";
    const CONVERTING_LATER: &str = "9000000080";
    let env = env();
    let now = time::now();
    let today = now - now % DAY;
    let long_ago = today - 400 * DAY;
    env.twin
        .change(|w, _| {
            let mut stopped = customer(STOPPED, MarketSegment::Commercial, "R-TEST");
            stopped.coterm_date = time::date(long_ago);
            let mut converting = customer(CONVERTING, MarketSegment::Government, "R-TEST");
            converting.coterm_date = time::date(today);
            converting.benefits = vec![Benefit {
                kind: BenefitType::LargeGovernmentAgency,
                status: Some("PENDING_UPGRADE".into()),
                commitment: None,
                commitment_request: None,
                recommitment_request: None,
            }];
            w.customers.insert(STOPPED.into(), stopped);
            let mut later = converting.clone();
            later.customer_id = CONVERTING_LATER.into();
            w.customers.insert(CONVERTING.into(), converting);
            w.customers.insert(CONVERTING_LATER.into(), later);
            // A Team product still auto-renewing: the conversion's conditions are not met. Each
            // converting customer also renewed an enterprise product early for the next term.
            for (id, owner, renews, offer) in [
                ("S-STOPPED", STOPPED, long_ago, "65304479CA01A12"),
                ("S-CONVERTING", CONVERTING, today, "65304479GA01A12"),
                ("S-CONVERTING-LATER", CONVERTING_LATER, today, "65304479GA01A12"),
                ("S-EARLY-1", CONVERTING, today, "65322648GA01A12"),
                ("S-EARLY-2", CONVERTING_LATER, today, "65322648GA01A12"),
            ] {
                let sub = Subscription {
                    subscription_id: id.into(),
                    offer_id: offer.into(),
                    current_quantity: Some(5),
                    renewed_quantity: id.starts_with("S-EARLY").then_some(5),
                    auto_renewal: AutoRenewal { enabled: true, ..AutoRenewal::default() },
                    renewal_date: time::date(renews),
                    currency_code: "USD".into(),
                    status: Status::Active,
                    ..Subscription::default()
                };
                hold(w, owner, sub);
            }
            w.schedule(long_ago - 1, Change::UpgradeToLga(CONVERTING.into()));
            // The sweep of the day before the twin stopped, due ever since.
            w.schedule(long_ago, Change::AutoRenewals(long_ago - 1));
            w.schedule(today, Change::UpgradeToLga(CONVERTING_LATER.into()));
            Ok::<_, ApiError>(())
        })
        .expect("set up");
    let sub = call(&env, "GET", &format!("/v3/customers/{STOPPED}/subscriptions/S-STOPPED"), None).await;
    assert_eq!(sub.json["renewalDate"].as_str(), Some(years_on(&time::date(long_ago), 2).as_str()), "{}", sub.json);
    // Asked from the first (the history's default starts a year before the anniversary).
    let from = time::date(long_ago);
    let history =
        call(&env, "GET", &format!("/v3/customers/{STOPPED}/orders?order-type=RENEWAL&start-date={from}"), None).await;
    assert_eq!(history.json["items"].as_array().map(Vec::len), Some(2), "a renewal for each year: {}", history.json);
    for (customer, early) in [(CONVERTING, "S-EARLY-1"), (CONVERTING_LATER, "S-EARLY-2")] {
        // Renewed early for the next term: it renews, as paid for.
        let s = call(&env, "GET", &format!("/v3/customers/{customer}/subscriptions/{early}"), None).await;
        let next_year = years_on(&time::date(today), 1);
        assert_eq!(
            (s.json["status"].as_str(), s.json["renewalDate"].as_str()),
            (Some("1000"), Some(next_year.as_str())),
            "{}",
            s.json
        );
    }
    for (customer, sub) in [(CONVERTING, "S-CONVERTING"), (CONVERTING_LATER, "S-CONVERTING-LATER")] {
        let s = call(&env, "GET", &format!("/v3/customers/{customer}/subscriptions/{sub}"), None).await;
        assert_eq!(s.json["status"], "1004", "expired: {}", s.json);
        assert_eq!(s.json["allowedActions"], json!(["MANUAL_RENEWAL"]), "to be renewed by hand");
        let c = call(&env, "GET", &format!("/v3/customers/{customer}"), None).await;
        assert!(c.json["benefits"].as_array().is_none_or(|b| b.is_empty()), "not an LGA customer: {}", c.json);
        let history = call(&env, "GET", &format!("/v3/customers/{customer}/orders?order-type=RENEWAL"), None).await;
        let lines: Vec<&str> = history.json["items"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|o| o["lineItems"].as_array().into_iter().flatten())
            .filter_map(|l| l["subscriptionId"].as_str())
            .collect();
        assert!(!lines.contains(&sub), "{sub} is not renewed: {}", history.json);
    }
}

/// A High Growth offer renews "until the 3YC term ends": the renewal preview offers it for the
/// renewal after a term the commitment outlasts, not after its final term, unless the customer
/// recommitted.
#[tokio::test]
async fn a_high_growth_offer_renews_until_the_three_year_commit_ends() {
    const HG: &str = "9000000081";
    let env = env();
    let now = time::now();
    let renews = now - now % DAY + 10 * DAY;
    let set = |commitment_end: u64, recommitted: bool| {
        env.twin.change(|w, _| {
            let mut c = customer(HG, MarketSegment::Commercial, "R-TEST");
            c.coterm_date = time::date(renews);
            let minimum = vec![MinimumQuantity { offer_type: OfferType::License, quantity: 100 }];
            c.benefits = three_year_commit(commitment_end, minimum, recommitted);
            w.customers.insert(HG.into(), c);
            let sub = Subscription {
                subscription_id: "S-MOQ".into(),
                offer_id: "65304479CA01A12".into(),
                current_quantity: Some(120),
                auto_renewal: AutoRenewal { enabled: true, renewal_code: "MOQ_100".into(), ..AutoRenewal::default() },
                renewal_date: time::date(renews),
                currency_code: "USD".into(),
                status: Status::Active,
                ..Subscription::default()
            };
            hold(w, HG, sub);
            Ok::<_, ApiError>(())
        })
    };
    let offer = || {
        let env = &env;
        async move {
            let p =
                call(env, "POST", &format!("/v3/customers/{HG}/orders"), Some(json!({"orderType": "PREVIEW_RENEWAL"})))
                    .await;
            p.json["lineItems"][0]["offerId"].as_str().unwrap_or_default().to_string()
        }
    };
    set(renews + 400 * DAY, false).expect("a commitment outlasting the renewal");
    assert_eq!(offer().await, "65304479CA14X12", "the MOQ 100 offer");
    set(renews - DAY, false).expect("the final term");
    assert!(offer().await.ends_with("A12"), "the plan after the final term");
    set(renews - DAY, true).expect("recommitted");
    assert_eq!(offer().await, "65304479CA14X12", "recommitted: the offer again");
}

/// `allowedActions: ["MANUAL_RENEWAL"]` says a subscription "can be selected for manual
/// renewal": while a window is open for it and no renewal order is being processed.
#[tokio::test]
async fn a_subscription_says_when_it_may_be_renewed_by_hand() {
    let env = env();
    let actions = |customer: &'static str, sub: &'static str| {
        let env = &env;
        async move {
            let one = call(env, "GET", &format!("/v3/customers/{customer}/subscriptions/{sub}"), None).await;
            let list = call(env, "GET", &format!("/v3/customers/{customer}/subscriptions"), None).await;
            let listed =
                list.json["items"].as_array().and_then(|items| items.iter().find(|i| i["subscriptionId"] == sub));
            assert_eq!(listed.map(|i| &i["allowedActions"]), Some(&one.json["allowedActions"]), "{sub}: {}", list.json);
            one.json["allowedActions"].clone()
        }
    };
    let manual = json!(["MANUAL_RENEWAL"]);
    assert_eq!(actions(EARLY, "SUB-9000000005").await, manual, "early");
    // Neither a product added to the renewal (scheduled, no licenses yet) nor consumables.
    env.twin
        .change(|w, _| {
            let renews = w.subscriptions.get("SUB-9000000005").map(|s| s.renewal_date.clone()).unwrap_or_default();
            for (id, offer, status) in [
                ("SUB-ADDED", "65322535CA01A12", Status::Scheduled),
                ("SUB-CREDITS", "65324059CA01A12", Status::Active),
            ] {
                let sub = Subscription {
                    subscription_id: id.into(),
                    offer_id: offer.into(),
                    current_quantity: Some(if status == Status::Active { 2 } else { 0 }),
                    renewal_date: renews.clone(),
                    currency_code: "USD".into(),
                    status,
                    ..Subscription::default()
                };
                hold(w, EARLY, sub);
            }
            Ok::<_, ApiError>(())
        })
        .expect("set up");
    for (sub, offer, code) in [("SUB-ADDED", "65322535CA01A12", "3121"), ("SUB-CREDITS", "65324059CA01A12", "3132")] {
        assert_eq!(actions(EARLY, sub).await, Value::Null, "{sub}");
        let line = json!([{"extLineItemNumber": 1, "offerId": offer, "quantity": 1, "subscriptionId": sub}]);
        let refused = renew(&env, EARLY, "PREVIEW_RENEWAL", line).await;
        assert_eq!(refused.json["code"], code, "{sub}: {}", refused.json);
    }
    assert_eq!(actions(FAR, "SUB-9000000007").await, Value::Null, "neither window: none answered");
    assert_eq!(actions(MIXED, "SUB-LAPSED").await, manual, "lapsed (1004), late, as the docs' example");
    assert_eq!(actions(MIXED, "SUB-RENEWED").await, Value::Null, "auto-renewed: its date is a year on");
    // While a renewal order is processed no other is taken: none says so.
    let line = json!([{"extLineItemNumber": 1, "offerId": "65304479CA01A12", "quantity": 1, "subscriptionId": "SUB-9000000005"}]);
    let placed = renew(&env, EARLY, "RENEWAL", line).await;
    assert_eq!(placed.json["status"], "1002", "{}", placed.json);
    assert_eq!(actions(EARLY, "SUB-9000000005").await, Value::Null, "a renewal order is open");
    settle().await;
    assert_eq!(actions(EARLY, "SUB-9000000005").await, manual, "complete: more may be renewed");
    let line =
        json!([{"extLineItemNumber": 1, "offerId": "65304479CA01A12", "quantity": 10, "subscriptionId": "SUB-LAPSED"}]);
    assert_eq!(renew(&env, MIXED, "RENEWAL", line).await.status, StatusCode::CREATED);
    settle().await;
    assert_eq!(actions(MIXED, "SUB-LAPSED").await, Value::Null, "renewed late: active a year on");
}

#[tokio::test]
async fn a_manual_renewal_takes_a_flexible_discount_on_its_lines() {
    let env = env();
    let line = |codes: &[&str]| {
        let mut line = json!({"extLineItemNumber": 1, "offerId": "65304479CA01A12", "quantity": 10, "subscriptionId": "SUB-9000000005"});
        if !codes.is_empty() {
            line["flexDiscountCodes"] = json!(codes);
        }
        json!([line])
    };
    let price = |a: &Answer, key: &str| a.json["lineItems"][0]["pricing"][key].as_f64().unwrap_or(f64::NAN);
    let plain = renew(&env, EARLY, "PREVIEW_RENEWAL", line(&[])).await;
    assert_eq!(plain.status, StatusCode::CREATED, "{}", plain.json);
    assert!(plain.json["lineItems"][0].get("flexDiscounts").is_none(), "{}", plain.json);
    // Verified by the preview, and priced with it: 20 USD off each license.
    let p = renew(&env, EARLY, "PREVIEW_RENEWAL", line(&["ACROBAT_20_OFF"])).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.json);
    let d = &p.json["lineItems"][0]["flexDiscounts"][0];
    assert_eq!((&d["code"], &d["result"]), (&json!("ACROBAT_20_OFF"), &json!("SUCCESS")), "{}", p.json);
    assert_eq!(price(&p, "partnerPrice"), price(&plain, "partnerPrice"));
    assert!((price(&p, "discountedPartnerPrice") - (price(&plain, "partnerPrice") - 20.0)).abs() < 0.005, "{}", p.json);
    // Refused as a new order's codes are: the documented codes of Create and Preview Order.
    for (codes, code, detail) in [
        (&["ACROBAT_20_OFF", "BLACK_FRIDAY_10_PERCENT_OFF"][..], "2147", "Line Item: 1"),
        (&["NO_SUCH_CODE"][..], "2146", "Line Item: 1, Reason: NOT_FOUND"),
        (&["SUMMER_SALE_20"][..], "2141", "Line Item: 1, Reason: Invalid Flexible Discount"),
        (&["INTRO-PHSP"][..], "2141", "Line Item: 1, Reason: Invalid Flexible Discount"),
    ] {
        for kind in ["PREVIEW_RENEWAL", "RENEWAL"] {
            let refused = renew(&env, EARLY, kind, line(codes)).await;
            assert_eq!(
                (refused.status, refused.json["code"].as_str(), details(&refused)),
                (StatusCode::BAD_REQUEST, Some(code), vec![detail.to_string()]),
                "{kind} {codes:?}"
            );
        }
    }
    // The renewal order carries it, and the customer has used it: a reusable discount now.
    let placed = renew(&env, EARLY, "RENEWAL", line(&["ACROBAT_20_OFF"])).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.json);
    assert_eq!(placed.json["lineItems"][0]["flexDiscounts"][0]["code"], "ACROBAT_20_OFF", "{}", placed.json);
    settle().await;
    let id = placed.json["orderId"].as_str().unwrap_or_default();
    let order = call(&env, "GET", &format!("/v3/customers/{EARLY}/orders/{id}"), None).await;
    assert_eq!(order.json["lineItems"][0]["flexDiscounts"][0]["result"], "SUCCESS", "{}", order.json);
    let used = call(&env, "GET", &format!("/v3/customers/{EARLY}/flex-discounts"), None).await;
    let codes: Vec<&str> = used.json["flexDiscounts"]
        .as_array()
        .map_or_else(Vec::new, |d| d.iter().filter_map(|d| d["code"].as_str()).collect());
    assert_eq!(codes, vec!["ACROBAT_20_OFF"], "{}", used.json);
}

#[tokio::test]
async fn returning_an_early_renewal_keeps_the_current_terms_licenses() {
    let env = env();
    let sub = format!("/v3/customers/{EARLY}/subscriptions/SUB-9000000005");
    let on = call(&env, "PATCH", &sub, Some(json!({"autoRenewal": {"enabled": true}}))).await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.json);
    let before = call(&env, "GET", &sub, None).await.json;
    let all = before["currentQuantity"].as_u64().expect("a quantity");
    let line = json!([{"extLineItemNumber": 1, "offerId": "65304479CA01A12", "quantity": all, "subscriptionId": "SUB-9000000005"}]);
    let placed = renew(&env, EARLY, "RENEWAL", line).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.json);
    let id = placed.json["orderId"].as_str().expect("id").to_string();
    settle().await;
    let orders = format!("/v3/customers/{EARLY}/orders");
    let auto = || call(&env, "POST", &orders, Some(json!({"orderType": "PREVIEW_RENEWAL"})));
    let renewed = auto().await;
    assert_eq!(renewed.json["code"], "2164", "auto-renewal is on, and every license is renewed: {}", renewed.json);
    let coterm = call(&env, "GET", &format!("/v3/customers/{EARLY}"), None).await.json["cotermDate"].clone();
    let offer = placed.json["lineItems"][0]["offerId"].as_str().expect("the offer renewed").to_string();
    let ret = json!({"orderType": "RETURN", "referenceOrderId": id, "lineItems": lines(&[(1, &offer, all)])});
    let returned = call(&env, "POST", &orders, Some(ret)).await;
    assert_eq!(returned.status, StatusCode::CREATED, "{}", returned.json);
    settle().await;
    let after = call(&env, "GET", &sub, None).await.json;
    assert_eq!(after["renewedQuantity"].as_u64().unwrap_or(0), 0, "{after}");
    assert_eq!(
        (&after["currentQuantity"], &after["status"], &after["renewalDate"]),
        (&before["currentQuantity"], &before["status"], &before["renewalDate"]),
        "the current term's licenses stay"
    );
    let c = call(&env, "GET", &format!("/v3/customers/{EARLY}"), None).await;
    assert_eq!(c.json["cotermDate"], coterm, "the anniversary does not roll back");
    let again = auto().await;
    assert_eq!(again.json["lineItems"][0]["quantity"].as_u64(), Some(all), "auto-renewal renews them: {}", again.json);
    // Renewed early again: not the term's first early renewal, so the anniversary stays.
    let one = json!([{"extLineItemNumber": 1, "offerId": "65304479CA01A12", "quantity": 1, "subscriptionId": "SUB-9000000005"}]);
    let placed = renew(&env, EARLY, "RENEWAL", one).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.json);
    settle().await;
    let c = call(&env, "GET", &format!("/v3/customers/{EARLY}"), None).await;
    assert_eq!(c.json["cotermDate"], coterm, "the anniversary moves once a term");
}

#[tokio::test]
async fn a_new_order_completes_into_subscriptions() {
    let env = env();
    let created_before = env.twin.read(|w, _| w.created.get("order").copied().unwrap_or(0));
    // Only a level better than the customer's is refused, saying which is the customer's.
    let a = place(&env, COM, "NEW", &[(1, "65304479CA04A12", 10)]).await;
    assert_eq!((a.status, a.json["code"].as_str()), (StatusCode::BAD_REQUEST, Some("2129")));
    assert_eq!(details(&a), ["Line Item: 1, Reason: Offer level 04 is not the customer's discount level 02"]);
    let a = place(&env, COM, "NEW", &[(1, "65304479CA07A12", 10)]).await;
    assert_eq!(
        details(&a),
        ["Line Item: 1, Reason: Not an LGA Customer"],
        "an LGA level for a customer that is not LGA"
    );
    // Any lower level of the product is placed at the customer's level, as PREVIEW returns.
    let a = place(&env, COM, "NEW", &[(1, "65304479CA01A12", 10), (2, "65322651CA02A12", 2)]).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.json);
    assert_eq!(a.json["lineItems"][0]["offerId"], "65304479CA02A12", "placed at the level the API decides");
    assert_eq!(a.json["status"], "1002");
    assert_eq!(a.json["lineItems"][0]["status"], "1002");
    assert!(a.json["lineItems"][0].get("subscriptionId").is_none_or(|v| v == ""));
    let id = a.json["orderId"].as_str().expect("order id").to_string();
    settle().await;
    let got = call(&env, "GET", &format!("/v3/customers/{COM}/orders/{id}"), None).await;
    assert_eq!(got.json["status"], "1000");
    let sub = got.json["lineItems"][0]["subscriptionId"].as_str().expect("subscription id").to_string();
    assert!(!sub.is_empty());
    let s = call(&env, "GET", &format!("/v3/customers/{COM}/subscriptions/{sub}"), None).await;
    assert_eq!((s.json["offerId"].as_str(), s.json["currentQuantity"].as_u64()), (Some("65304479CA01A12"), Some(10)));
    assert_eq!(
        (s.json["autoRenewal"]["enabled"].as_bool(), s.json["autoRenewal"]["renewalQuantity"].as_u64()),
        (Some(true), Some(10))
    );
    let list = call(&env, "GET", &format!("/v3/customers/{COM}/subscriptions"), None).await;
    assert_eq!(list.json["totalCount"], 2);
    let level = env.twin.read(|w, _| w.customers[COM].discounts.clone());
    assert_eq!(level.first().map(|d| d.level.as_str()), Some("02"));
    let patched =
        call(&env, "PATCH", &format!("/v3/customers/{COM}/orders/{id}"), Some(json!({"externalReferenceId": "PO-9"})))
            .await;
    assert_eq!(patched.json["externalReferenceId"], "PO-9");
    let created = env.twin.read(|w, _| w.created.get("order").copied().unwrap_or(0));
    assert_eq!(created, created_before + 1, "a refused order is not created");
}

#[tokio::test]
async fn offers_outside_the_segment_are_refused_per_line() {
    let env = env();
    let a =
        place(&env, EDU, "PREVIEW", &[(7, "65304479CA01A12", 1), (8, "65304479EA01A12", 1), (9, "65322651EA01A12", 1)])
            .await;
    assert_eq!((a.status, a.json["code"].as_str()), (StatusCode::BAD_REQUEST, Some("2129")));
    assert_eq!(
        details(&a),
        ["Line Item: 7, Reason: INELIGIBLE_MARKET_SEGMENT", "Line Item: 9, Reason: INELIGIBLE_MARKET_SEGMENT"]
    );
    let a = place(&env, EDU, "NEW", &[(1, "99999999CA01A12", 1)]).await;
    assert_eq!((a.json["code"].as_str(), details(&a)), (Some("2122"), vec!["lineItems[0].offerId".to_string()]));
}

#[tokio::test]
async fn bad_lines_have_their_documented_codes_with_paths() {
    let env = env();
    let code = |a: &Answer| (a.json["code"].as_str().unwrap_or_default().to_string(), details(a));
    let paths = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let a = place(&env, COM, "NEW", &[(1, "65304479CA04A12", 10_001)]).await;
    assert_eq!(code(&a), ("2120".into(), paths(&["lineItems[0].quantity"])), "a Team line over 10,000");
    let a = place(&env, COM, "NEW", &[(1, "65304522CA04A12", 10_001)]).await;
    assert_ne!(a.json["code"], "2120", "Enterprise lines go to 599,000");
    let a = place(&env, COM, "NEW", &[(1, "65304479CA01A12", 1), (1, "65322651CA01A12", 1)]).await;
    assert_eq!(code(&a), ("2121".into(), paths(&["lineItems[0].extLineItemNumber", "lineItems[1].extLineItemNumber"])));
    let a = place(&env, COM, "NEW", &[(1_000_000, "65304479CA01A12", 1)]).await;
    assert_eq!(code(&a), ("2123".into(), paths(&["lineItems[0].extLineItemNumber"])));
    let a = place(&env, COM, "NEW", &[(1, "65304479CA01A12", 0)]).await;
    assert_eq!(code(&a), ("2120".into(), paths(&["lineItems[0].quantity"])));
    let a = place(&env, COM, "NEW", &[(1, "65304479CA01A12", 1), (1, "65322651CA01A12", 0)]).await;
    assert_eq!(
        code(&a),
        (
            "1117".into(),
            paths(&["lineItems[0].extLineItemNumber", "lineItems[1].extLineItemNumber", "lineItems[1].quantity"])
        ),
        "problems of several kinds are 1117 with every path"
    );
    let a = place(&env, COM, "NEW", &[]).await;
    assert_eq!(code(&a), ("1117".into(), paths(&["lineItems"])), "no line: no documented code of its own");
    let many: Vec<(u32, &str, u64)> = (0..500).map(|n| (n, "65304479CA01A12", 1)).collect();
    assert_eq!(code(&place(&env, COM, "NEW", &many).await), ("2119".into(), paths(&["lineItems"])));
    let long = json!({"orderType": "NEW", "currencyCode": "USD", "externalReferenceId": "x".repeat(36), "lineItems": lines(&[(1, "65304479CA01A12", 1)])});
    let a = call(&env, "POST", &format!("/v3/customers/{COM}/orders"), Some(long)).await;
    assert_eq!(code(&a), ("2126".into(), paths(&["externalReferenceId"])));
}

#[tokio::test]
async fn returns_cancel_whole_lines_within_the_window() {
    let env = env();
    let a = place(&env, COM, "NEW", &[(1, "65304479CA01A12", 3), (2, "65322651CA01A12", 2)]).await;
    let id = a.json["orderId"].as_str().expect("id").to_string();
    let ret = |reference: &str, items: &[(u32, &str, u64)]| json!({"orderType": "RETURN", "referenceOrderId": reference, "lineItems": lines(items)});
    let path = format!("/v3/customers/{COM}/orders");
    let open = call(&env, "POST", &path, Some(ret(&id, &[(1, "65304479CA01A12", 3)]))).await;
    assert_eq!(open.json["code"], "2116", "an open order cannot be returned yet");
    settle().await;
    let partial = call(&env, "POST", &path, Some(ret(&id, &[(1, "65304479CA01A12", 2)]))).await;
    assert_eq!(
        (partial.json["code"].as_str(), details(&partial)),
        (Some("2132"), vec!["lineItems[0].quantity".to_string()])
    );
    assert_eq!(call(&env, "POST", &path, Some(ret(&id, &[(3, "65304479CA01A12", 3)]))).await.json["code"], "2131");
    assert_eq!(call(&env, "POST", &path, Some(ret(&id, &[(1, "65322651CA01A12", 3)]))).await.json["code"], "2130");
    let first = call(&env, "POST", &path, Some(ret(&id, &[(1, "65304479CA01A12", 3)]))).await;
    assert_eq!((first.status, first.json["orderType"].as_str()), (StatusCode::CREATED, Some("RETURN")));
    let original = call(&env, "GET", &format!("{path}/{id}"), None).await;
    assert_eq!(
        (original.json["status"].as_str(), original.json["lineItems"][0]["status"].as_str()),
        (Some("1000"), Some("1008"))
    );
    assert_eq!(call(&env, "POST", &path, Some(ret(&id, &[(1, "65304479CA01A12", 3)]))).await.json["code"], "2133");
    let second = call(&env, "POST", &path, Some(ret(&id, &[(2, "65322651CA01A12", 2)]))).await;
    assert_eq!(second.status, StatusCode::CREATED);
    assert_eq!(call(&env, "GET", &format!("{path}/{id}"), None).await.json["status"], "1008");
    settle().await;
    let subs = call(&env, "GET", &format!("/v3/customers/{COM}/subscriptions"), None).await;
    let items = subs.json["items"].as_array().cloned().unwrap_or_default();
    assert!(items.iter().all(|s| s["currentQuantity"] == 0 && s["status"] == "1004"), "{items:?}");
    assert_eq!(call(&env, "POST", &path, Some(ret("OLD", &[(1, "65304479CA01A12", 3)]))).await.json["code"], "2134");
    let not_new = call(&env, "POST", &path, Some(ret("RET", &[(1, "65304479CA01A12", 3)]))).await;
    assert_eq!(
        (not_new.json["code"].as_str(), details(&not_new)),
        (Some("1117"), vec!["referenceOrderId".to_string()])
    );
}

#[tokio::test]
async fn renewal_preview_follows_auto_renewal() {
    let env = env();
    let empty =
        call(&env, "POST", &format!("/v3/customers/{COM}/orders"), Some(json!({"orderType": "PREVIEW_RENEWAL"}))).await;
    assert_eq!(empty.json["code"], "2136");
    place(&env, COM, "NEW", &[(1, "65304479CA02A12", 8), (2, "65322651CA02A12", 4)]).await;
    settle().await;
    let subs = call(&env, "GET", &format!("/v3/customers/{COM}/subscriptions"), None).await;
    let items = subs.json["items"].as_array().cloned().unwrap_or_default();
    let acrobat = items.iter().find(|s| s["offerId"] == "65304479CA01A12").expect("acrobat");
    let first = acrobat["subscriptionId"].as_str().expect("sub").to_string();
    let sub_path = format!("/v3/customers/{COM}/subscriptions/{first}");
    call(&env, "PATCH", &sub_path, Some(json!({"autoRenewal": {"enabled": false}}))).await;
    let preview =
        call(&env, "POST", &format!("/v3/customers/{COM}/orders"), Some(json!({"orderType": "PREVIEW_RENEWAL"}))).await;
    assert_eq!(preview.status, StatusCode::CREATED, "{}", preview.json);
    let items = preview.json["lineItems"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["offerId"], "65322651CA01A12", "4 licenses renew at level 01");
    assert!(items[0]["subscriptionId"].as_str().is_some_and(|s| !s.is_empty()));
}

#[tokio::test]
async fn history_filters_pages_and_links() {
    let env = env();
    let path = format!("/v3/customers/{HIST}/orders");
    let all = call(&env, "GET", &path, None).await;
    assert_eq!(
        (all.json["totalCount"].as_u64(), all.json["count"].as_u64(), all.json["limit"].as_u64()),
        (Some(30), Some(25), Some(25))
    );
    assert_eq!(all.json["items"][0]["orderId"], "H029", "newest first");
    assert!(all.json["links"]["next"]["uri"].as_str().is_some_and(|u| u.contains("offset=25")));
    assert!(all.json["links"].get("prev").is_none());
    let capped = call(&env, "GET", &format!("{path}?limit=500"), None).await;
    assert_eq!((capped.json["limit"].as_u64(), capped.json["count"].as_u64()), (Some(100), Some(30)));
    let or = call(&env, "GET", &format!("{path}?order-type=NEW&order-type=RENEWAL&limit=100"), None).await;
    assert_eq!(or.json["totalCount"], 20);
    let and = call(&env, "GET", &format!("{path}?order-type=RENEWAL&status=1000&limit=100"), None).await;
    let items = and.json["items"].as_array().cloned().unwrap_or_default();
    assert!(
        items.iter().all(|o| o["orderType"] == "RENEWAL" && o["status"] == "1000") && items.len() == 5,
        "{items:?}"
    );
    let offer = call(&env, "GET", &format!("{path}?offer-id=65322651CA01A12&offer-id=11073058CA01A12"), None).await;
    assert_eq!(offer.json["totalCount"], 6, "any level of the offer");
    let page = call(&env, "GET", &format!("{path}?status=1000&offset=5&limit=5"), None).await;
    let prev = page.json["links"]["prev"]["uri"].as_str().unwrap_or_default();
    assert!(prev.contains("offset=0") && prev.contains("status=1000"), "{prev}");
    assert!(page.json["links"]["next"]["uri"]
        .as_str()
        .is_some_and(|u| u.contains("offset=10") && u.contains("status=1000")));
    let dates = call(
        &env,
        "GET",
        &format!("{path}?start-date={}&end-date={}", time::date(time::now() - 5 * DAY), time::datetime(time::now())),
        None,
    )
    .await;
    assert_eq!(dates.json["totalCount"], 5);
    assert_eq!(call(&env, "GET", &format!("{path}?offset=31"), None).await.json["code"], "1133");
    assert_eq!(call(&env, "GET", &format!("{path}?offset=30"), None).await.json["count"], 0);
    assert_eq!(
        call(&env, "GET", &format!("{path}?status=1026"), None).await.status,
        StatusCode::OK,
        "1026 is a documented filter"
    );
    // Only the documented values: "NEW, TRANSFER, or RENEWAL" and "1000, 1002, 1004, or 1026".
    for bad in [
        "order-type=RETURN",
        "status=1008",
        "status=9",
        "order-type=PREVIEW",
        "limit=0",
        "limit=x",
        "start-date=2024-13",
        "end-date=2024-01-01T00:00:00+02:00",
    ] {
        let a = call(&env, "GET", &format!("{path}?{bad}"), None).await;
        assert_eq!((a.status, a.json["code"].as_str()), (StatusCode::BAD_REQUEST, Some("1132")), "{bad}");
    }
}

/// The COM customer's first subscription once an order of 5 Acrobat licenses completed: its id
/// and path.
async fn ordered_subscription(env: &Env) -> (String, String) {
    place(env, COM, "NEW", &[(1, "65304479CA01A12", 5)]).await;
    settle().await;
    let subs = call(env, "GET", &format!("/v3/customers/{COM}/subscriptions"), None).await;
    let id = subs.json["items"][0]["subscriptionId"].as_str().expect("sub").to_string();
    let path = format!("/v3/customers/{COM}/subscriptions/{id}");
    (id, path)
}

#[tokio::test]
async fn auto_renewal_has_three_states_and_its_errors() {
    let env = env();
    let (_, path) = ordered_subscription(&env).await;
    let off = call(&env, "PATCH", &path, Some(json!({"autoRenewal": {"enabled": false, "renewalQuantity": 3}}))).await;
    assert_eq!(
        (off.json["autoRenewal"]["enabled"].as_bool(), off.json["autoRenewal"].get("renewalQuantity")),
        (Some(false), None)
    );
    let some = call(&env, "PATCH", &path, Some(json!({"autoRenewal": {"enabled": true, "renewalQuantity": 3}}))).await;
    assert_eq!(some.json["autoRenewal"]["renewalQuantity"], 3);
    place(&env, COM, "NEW", &[(1, "65304479CA01A12", 2)]).await;
    settle().await;
    let kept = call(&env, "GET", &path, None).await;
    assert_eq!(
        (kept.json["currentQuantity"].as_u64(), kept.json["autoRenewal"]["renewalQuantity"].as_u64()),
        (Some(7), Some(3))
    );
    let all = call(&env, "PATCH", &path, Some(json!({"autoRenewal": {"enabled": true}}))).await;
    assert_eq!(all.json["autoRenewal"]["renewalQuantity"], 7, "all licenses");
    for q in [0, 10_001] {
        let a = call(&env, "PATCH", &path, Some(json!({"autoRenewal": {"enabled": true, "renewalQuantity": q}}))).await;
        assert_eq!(a.json["code"], "3116", "{q}");
    }
    let inactive = call(
        &env,
        "PATCH",
        &format!("/v3/customers/{EDU}/subscriptions/SUBOFF"),
        Some(json!({"autoRenewal": {"enabled": true}})),
    )
    .await;
    assert_eq!(inactive.json["code"], "3119");
    let unknown = call(
        &env,
        "PATCH",
        &format!("/v3/customers/{COM}/subscriptions/SUBOFF"),
        Some(json!({"autoRenewal": {"enabled": true}})),
    )
    .await;
    assert_eq!((unknown.status, unknown.json["code"].as_str()), (StatusCode::NOT_FOUND, Some("3115")));
    let extra = call(&env, "PATCH", &path, Some(json!({"autoRenewal": {"enabled": true}, "currentQuantity": 3}))).await;
    assert_eq!(extra.json["code"], "1121");
}

/// Update Subscription's flexible discount for the renewal: unvalidated when set, verified by
/// the auto-renewal's preview (SUCCESS, or FAILURE on the line without refusing the preview,
/// and a SUCCESS prices the line), removed with `?reset-flex-discount-codes=true`.
#[tokio::test]
async fn a_renewal_discount_is_set_verified_by_the_preview_and_removed() {
    let env = env();
    let (id, path) = ordered_subscription(&env).await;
    let renewal = |codes: serde_json::Value| json!({"autoRenewal": {"enabled": true, "flexDiscountCodes": codes}});
    let preview = || async {
        let lines = auto_renewal_lines(&env, COM).await;
        let line = line_of(&lines, &id);
        assert!(!line.is_null(), "the subscription renews: {lines:?}");
        line
    };
    let plain = preview().await;
    assert!(plain.get("flexDiscounts").is_none(), "no discount yet: {plain}");

    let set = call(&env, "PATCH", &path, Some(renewal(json!([" ACROBAT_20_OFF "])))).await;
    assert_eq!(set.json["autoRenewal"]["flexDiscountCodes"], json!(["ACROBAT_20_OFF"]), "{}", set.json);
    let line = preview().await;
    assert_eq!(line["flexDiscounts"][0]["result"], "SUCCESS", "{line}");
    assert_eq!(line["flexDiscounts"][0]["code"], "ACROBAT_20_OFF");
    let price = |l: &serde_json::Value, key: &str| l["pricing"][key].as_f64().unwrap_or(f64::NAN);
    assert!(price(&line, "discountedPartnerPrice") < price(&plain, "partnerPrice"), "priced with it: {line}");

    // Not validated when set; the preview says it does not apply, and is not refused for it.
    for code in ["NO_SUCH_CODE", "SUMMER_SALE_20", "INTRO-PHSP"] {
        let set = call(&env, "PATCH", &path, Some(renewal(json!([code])))).await;
        assert_eq!(set.json["autoRenewal"]["flexDiscountCodes"], json!([code]), "{}", set.json);
        let line = preview().await;
        let d = &line["flexDiscounts"][0];
        assert_eq!((&d["code"], &d["result"]), (&json!(code), &json!("FAILURE")), "{line}");
    }
    // An update without codes keeps the discount; auto-renewal off refuses one.
    let kept = call(&env, "PATCH", &path, Some(json!({"autoRenewal": {"enabled": true, "renewalQuantity": 3}}))).await;
    assert_eq!(kept.json["autoRenewal"]["flexDiscountCodes"], json!(["INTRO-PHSP"]));
    let off = call(
        &env,
        "PATCH",
        &path,
        Some(json!({"autoRenewal": {"enabled": false, "flexDiscountCodes": ["ACROBAT_20_OFF"]}})),
    )
    .await;
    assert_eq!(
        (off.json["code"].as_str(), &off.json["additionalDetails"]),
        (Some("1117"), &json!(["autoRenewal.enabled"]))
    );
    let two = call(&env, "PATCH", &path, Some(renewal(json!(["ACROBAT_20_OFF", "BLACK_FRIDAY_10_PERCENT_OFF"])))).await;
    assert_eq!(two.json["code"], "2147");
    // "If it is already ON, this field is OPTIONAL": a discount alone keeps the state and the
    // quantity set.
    let alone = |codes: serde_json::Value| json!({"autoRenewal": {"flexDiscountCodes": codes}});
    let set = call(&env, "PATCH", &path, Some(alone(json!(["ACROBAT_20_OFF"])))).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.json);
    let renewal_of = |v: &serde_json::Value| v["autoRenewal"].clone();
    assert_eq!(
        renewal_of(&set.json),
        json!({"enabled": true, "renewalQuantity": 3, "flexDiscountCodes": ["ACROBAT_20_OFF"]})
    );
    // Optional beside a code only: without one the state is still required, null or not.
    for body in [
        json!({"autoRenewal": {}}),
        json!({"autoRenewal": {"enabled": null}}),
        json!({"autoRenewal": {"renewalQuantity": 2}}),
        alone(json!(["  "])),
    ] {
        let refused = call(&env, "PATCH", &path, Some(body.clone())).await;
        assert_eq!(
            (refused.json["code"].as_str(), &refused.json["additionalDetails"]),
            (Some("1122"), &json!(["autoRenewal.enabled"])),
            "{body}"
        );
    }
    // Off, it must be turned on: a discount is refused (turning off with one too), and nothing
    // changes.
    let off = call(&env, "PATCH", &path, Some(json!({"autoRenewal": {"enabled": false}}))).await;
    assert_eq!(off.json["autoRenewal"]["enabled"], false, "{}", off.json);
    for body in [
        alone(json!(["BLACK_FRIDAY_10_PERCENT_OFF"])),
        json!({"autoRenewal": {"enabled": null, "renewalQuantity": 0, "flexDiscountCodes": ["ACROBAT_20_OFF"]}}),
        json!({"autoRenewal": {"enabled": false, "flexDiscountCodes": ["ACROBAT_20_OFF"]}}),
    ] {
        let refused = call(&env, "PATCH", &path, Some(body.clone())).await;
        assert_eq!(
            (refused.json["code"].as_str(), &refused.json["additionalDetails"]),
            (Some("1117"), &json!(["autoRenewal.enabled"])),
            "{body}"
        );
    }
    let kept = call(&env, "GET", &path, None).await;
    assert_eq!(renewal_of(&kept.json), renewal_of(&off.json));
    let on = call(&env, "PATCH", &path, Some(json!({"autoRenewal": {"enabled": true, "renewalQuantity": 3}}))).await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.json);

    let bad = call(&env, "PATCH", &format!("{path}?reset-flex-discount-codes=yes"), None).await;
    assert_eq!(bad.json["code"], "1132");
    let removed = call(&env, "PATCH", &format!("{path}?reset-flex-discount-codes=true"), None).await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.json);
    assert!(removed.json["autoRenewal"].get("flexDiscountCodes").is_none(), "{}", removed.json);
    assert_eq!(removed.json["autoRenewal"]["renewalQuantity"], 3, "the rest kept");
    let line = preview().await;
    assert!(line.get("flexDiscounts").is_none(), "{line}");
    // The docs' sample body of a removal, `{}`, is taken as none.
    call(&env, "PATCH", &path, Some(renewal(json!(["ACROBAT_20_OFF"])))).await;
    let removed = call(&env, "PATCH", &format!("{path}?reset-flex-discount-codes=true"), Some(json!({}))).await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.json);
    assert!(removed.json["autoRenewal"].get("flexDiscountCodes").is_none(), "{}", removed.json);
}

#[tokio::test]
async fn a_reusable_discount_an_order_used_renews_with_its_subscription_unless_another_is_set() {
    let env = env();
    let order = |offer: &str, code: &str| {
        let line = json!({"extLineItemNumber": 1, "offerId": offer, "quantity": 5, "flexDiscountCodes": [code]});
        json!({"orderType": "NEW", "currencyCode": "USD", "lineItems": [line]})
    };
    let orders = format!("/v3/customers/{COM}/orders");
    // ACROBAT_20_OFF may be reused (it has a lock end date); BLACK_FRIDAY_10_PERCENT_OFF not.
    let acrobat = call(&env, "POST", &orders, Some(order("65304479CA01A12", "ACROBAT_20_OFF"))).await;
    assert_eq!(acrobat.status, StatusCode::CREATED, "{}", acrobat.json);
    let photoshop = call(&env, "POST", &orders, Some(order("65322587CA01A12", "BLACK_FRIDAY_10_PERCENT_OFF"))).await;
    assert_eq!(photoshop.status, StatusCode::CREATED, "{}", photoshop.json);
    settle().await;
    let (acrobat, photoshop) =
        (subscription_of(&env, COM, "65304479").await, subscription_of(&env, COM, "65322587").await);
    assert!(!acrobat.is_empty() && !photoshop.is_empty(), "{acrobat:?} {photoshop:?}");
    let preview = || auto_renewal_lines(&env, COM);
    // The reusable discount renews with the subscription its order made, priced; the other not.
    let lines = preview().await;
    let renewed = line_of(&lines, &acrobat);
    assert_eq!(verdict(&renewed), (json!("ACROBAT_20_OFF"), json!("SUCCESS")), "{renewed}");
    let price = |l: &Value, key: &str| l["pricing"][key].as_f64().unwrap_or(f64::NAN);
    assert!(
        (price(&renewed, "partnerPrice") - 20.0 - price(&renewed, "discountedPartnerPrice")).abs() < 0.005,
        "{renewed}"
    );
    assert!(line_of(&lines, &photoshop).get("flexDiscounts").is_none(), "not reusable: {lines:?}");
    // A discount set by Update Subscription takes priority; removed, the reusable one is back.
    let path = format!("/v3/customers/{COM}/subscriptions/{acrobat}");
    let set = json!({"autoRenewal": {"enabled": true, "flexDiscountCodes": ["BLACK_FRIDAY_10_PERCENT_OFF"]}});
    assert_eq!(call(&env, "PATCH", &path, Some(set)).await.status, StatusCode::OK);
    let chosen = line_of(&preview().await, &acrobat);
    assert_eq!(verdict(&chosen), (json!("BLACK_FRIDAY_10_PERCENT_OFF"), json!("SUCCESS")), "{chosen}");
    let removed = call(&env, "PATCH", &format!("{path}?reset-flex-discount-codes=true"), None).await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.json);
    let back = line_of(&preview().await, &acrobat);
    assert_eq!(verdict(&back), (json!("ACROBAT_20_OFF"), json!("SUCCESS")), "{back}");
}

#[tokio::test]
async fn an_intro_discount_is_for_a_product_new_to_the_customer_and_stays_with_it_once_used() {
    let env = env();
    let line = |quantity: u64, subscription: &str| {
        let mut line = json!({"extLineItemNumber": 1, "offerId": "11083117CA01A12", "quantity": quantity, "flexDiscountCodes": ["INTRO-PHSP"]});
        if !subscription.is_empty() {
            line["subscriptionId"] = json!(subscription);
        }
        json!([line])
    };
    let order = |customer: &str, kind: &str, lines: Value| {
        let body = json!({"orderType": kind, "currencyCode": "USD", "lineItems": lines});
        let (env, path) = (&env, format!("/v3/customers/{customer}/orders?fetch-price=true"));
        async move { call(env, "POST", &path, Some(body)).await }
    };
    let intro = (json!("INTRO-PHSP"), json!("SUCCESS"));
    // A customer holding the product, bought without it, has no intro on it.
    place(&env, COM, "NEW", &[(1, "11083117CA01A12", 2)]).await;
    settle().await;
    let held = order(COM, "PREVIEW", line(1, "")).await;
    assert_eq!(
        (held.json["code"].as_str(), details(&held)),
        (Some("2141"), vec!["Line Item: 1, Reason: Invalid Flexible Discount".to_string()])
    );
    // A customer new to it has it, and keeps it for seat additions and renewals.
    let first = order(EARLY, "NEW", line(2, "")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.json);
    assert_eq!(verdict(&first.json["lineItems"][0]), intro);
    settle().await;
    let more = order(EARLY, "PREVIEW", line(1, "")).await;
    assert_eq!(verdict(&more.json["lineItems"][0]), intro, "a seat addition: {}", more.json);
    let sub = subscription_of(&env, EARLY, "11083117").await;
    let lines = auto_renewal_lines(&env, EARLY).await;
    assert_eq!(verdict(&line_of(&lines, &sub)), intro, "auto-renewal: {lines:?}");
    let by_hand = order(EARLY, "PREVIEW_RENEWAL", line(2, &sub)).await;
    assert_eq!(by_hand.status, StatusCode::CREATED, "{}", by_hand.json);
    assert_eq!(verdict(&by_hand.json["lineItems"][0]), intro, "by hand");
}

#[tokio::test]
async fn an_order_reaching_the_minimum_commits_the_three_year_commit() {
    let env = env();
    let small = place(&env, TYC, "PREVIEW", &[(1, "65304479CA01A12", 5)]).await;
    assert_eq!(small.json["lineItems"][0]["offerId"], "65304479CA01A12");
    let preview = place(&env, TYC, "PREVIEW", &[(1, "65304479CA01A12", 10)]).await;
    assert_eq!(preview.json["lineItems"][0]["offerId"], "65304479CA12A12");
    let placed = place(&env, TYC, "NEW", &[(1, "65304479CA12A12", 10)]).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.json);
    settle().await;
    call(&env, "GET", &format!("/v3/customers/{TYC}/orders"), None).await;
    let c = env.twin.read(|w, _| w.customers[TYC].clone());
    let benefit = c.three_year_commit().expect("benefit");
    let commitment = benefit.commitment.as_ref().expect("commitment");
    assert_eq!(commitment.status, Some(CommitmentStatus::Committed));
    assert_eq!(commitment.start_date, time::date(time::now()));
    assert!(commitment
        .end_date
        .starts_with(&format!("{}", time::date(time::now())[..4].parse::<u32>().unwrap_or(0) + 3)));
    assert!(benefit.commitment_request.is_none());
    assert_eq!(c.discounts.iter().find(|d| d.offer_type == OfferType::License).map(|d| d.level.as_str()), Some("12"));
}

#[tokio::test]
async fn open_acquisitions_and_notifications() {
    let env = env();
    let open = call(&env, "GET", &format!("/v3/customers/{EDU}/open-acquisitions"), None).await;
    assert_eq!(
        (open.json["licenseCount"].as_u64(), open.json["unpaidLicenses"].as_array().map(Vec::len)),
        (Some(2), Some(1))
    );
    let none = call(&env, "GET", &format!("/v3/customers/{COM}/open-acquisitions"), None).await;
    assert_eq!(none.json["licenseCount"], 0);
    let n = call(
        &env,
        "GET",
        "/v3/notifications?notification-type=LICENSES_PENDING_PARTNER_ORDER&reseller-id=R-TEST&limit=10&offset=0",
        None,
    )
    .await;
    assert_eq!(n.status, StatusCode::OK, "{}", n.json);
    assert_eq!(n.json["totalCount"], 1);
    assert_eq!(n.json["items"][0]["customerId"], EDU);
    assert_eq!(n.json["items"][0]["links"]["self"]["uri"], format!("/v3/customers/{EDU}/open-acquisitions"));
    assert_eq!(call(&env, "GET", "/v3/notifications?reseller-id=R-TEST", None).await.json["code"], "1117");
    place(&env, EDU, "NEW", &[(1, "30006208EA01A12", 2)]).await;
    settle().await;
    let paid = call(&env, "GET", &format!("/v3/customers/{EDU}/open-acquisitions"), None).await;
    assert_eq!(paid.json["licenseCount"], 0, "the order paid for them");
}

#[tokio::test]
async fn large_generation_is_fast_and_full() {
    let now = time::now();
    let started = std::time::Instant::now();
    let world = vipmp::seed::world(11, now, true);
    assert!(started.elapsed() < Duration::from_secs(1), "{:?}", started.elapsed());
    let id = vipmp::orders::LARGE_CUSTOMER_ID;
    assert_eq!(world.orders.values().filter(|o| o.customer_id == id).count(), 10_000);
    assert_eq!(world.subscription_owner.values().filter(|o| o.as_str() == id).count(), 5_000);
    let again = vipmp::seed::world(11, now, false);
    assert_eq!(again.orders.len() + 10_000, world.orders.len(), "deterministic, and only the large customer is added");
    let seeded_open = again.orders.values().filter(|o| o.status == Status::Pending).count();
    assert!(again.customers.is_empty() || seeded_open >= 1);
}

#[tokio::test]
async fn seeded_orders_cover_every_case() {
    let now = time::now();
    let mut world = World::default();
    for i in 0..10 {
        let id = format!("80000000{i:02}");
        world.customers.insert(
            id.clone(),
            customer(&id, if i == 3 { MarketSegment::Education } else { MarketSegment::Commercial }, "R-1"),
        );
    }
    vipmp::orders::seed(&mut world, &mut partner_sandbox::twin::gen::Gen::new(5), now, false);
    let has = |kind: OrderType, status: Status| {
        world.orders.values().any(|o| o.order_type == Some(kind.clone()) && o.status == status)
    };
    assert!(
        has(OrderType::New, Status::Active)
            && has(OrderType::New, Status::Pending)
            && has(OrderType::New, Status::Inactive)
    );
    assert!(has(OrderType::Return, Status::Active) && has(OrderType::Renewal, Status::Active));
    assert!(world.pending.iter().any(|(_, c)| matches!(c, partner_sandbox::twin::Change::CompleteOrder(_))));
    let recent = world
        .orders
        .values()
        .filter(|o| time::parse(&o.creation_date).is_some_and(|t| now - t < 14 * DAY) && o.status == Status::Active);
    assert!(recent.count() >= 1);
    let subs: Vec<&Subscription> = world.subscriptions.values().collect();
    assert!(subs.iter().any(|s| s.status == Status::Inactive));
    assert!(subs.iter().any(|s| s.status == Status::Active && !s.auto_renewal.enabled));
    assert!(subs.iter().any(|s| s.auto_renewal.enabled && s.auto_renewal.renewal_quantity.is_some()));
    assert!(subs.iter().any(|s| s.auto_renewal.enabled && s.auto_renewal.renewal_quantity.is_none()));
    assert!(subs.iter().any(|s| time::parse(&s.renewal_date).is_some_and(|t| t > now && t - now <= 3 * DAY)));
    assert_eq!(world.open_acquisitions.len(), 3);
    assert!(world
        .orders
        .values()
        .all(|o| o.line_items.iter().all(|l| l.status != Status::Active || !l.subscription_id.is_empty())));
}

#[tokio::test]
async fn the_currency_is_iso_4217_at_order_or_line_level_and_never_assumed() {
    let env = env();
    let path = format!("/v3/customers/{COM}/orders");
    let order = |currency: Value, line_currency: Option<&str>| {
        let mut line = json!({"extLineItemNumber": 1, "offerId": "65304479CA02A12", "quantity": 1});
        if let Some(c) = line_currency {
            line["currencyCode"] = json!(c);
        }
        let mut body = json!({"orderType": "PREVIEW", "lineItems": [line]});
        if !currency.is_null() {
            body["currencyCode"] = currency;
        }
        body
    };
    let code = |a: &Answer| (a.json["code"].as_str().unwrap_or_default().to_string(), details(a));
    let none = call(&env, "POST", &path, Some(order(Value::Null, None))).await;
    assert_eq!(code(&none), ("1122".into(), vec!["currencyCode".to_string()]), "no currency is not USD");
    let made_up = call(&env, "POST", &path, Some(order(json!("XYZ"), None))).await;
    assert_eq!(code(&made_up), ("1117".into(), vec!["currencyCode".to_string()]));
    let both = call(&env, "POST", &path, Some(order(json!("USD"), Some("USD")))).await;
    assert_eq!(both.json["code"], "2140", "order-level and line-level currency: {}", both.json);
    let mut mixed = order(Value::Null, Some("EUR"));
    mixed["lineItems"] = json!([mixed["lineItems"][0].clone(), {"extLineItemNumber": 2, "offerId": "65322651CA02A12", "quantity": 1, "currencyCode": "USD"}]);
    let mixed = call(&env, "POST", &path, Some(mixed)).await;
    assert_eq!(code(&mixed), ("2137".into(), vec!["lineItems[1].currencyCode".to_string()]), "one currency per order");
    let on_line = call(&env, "POST", &path, Some(order(Value::Null, Some("EUR")))).await;
    assert_eq!(on_line.status, StatusCode::CREATED, "{}", on_line.json);
    assert_eq!(
        (on_line.json["currencyCode"].as_str(), on_line.json["lineItems"][0]["currencyCode"].as_str()),
        (Some("EUR"), Some("EUR"))
    );
}

/// A switch (or revert) order of `kind` for FAR: `quantity` licenses of `from` to `offer`.
async fn switch(
    env: &Env,
    kind: &str,
    query: &str,
    offer: &str,
    from: &str,
    quantities: (u64, u64),
    reference: &str,
) -> Answer {
    let mut body = json!({
        "orderType": kind,
        "currencyCode": "USD",
        "lineItems": [{"extLineItemNumber": 1, "offerId": offer, "quantity": quantities.0}],
        "cancellingItems": [{"extLineItemNumber": 1, "referenceLineItemNumber": 1, "subscriptionId": from, "quantity": quantities.1}],
    });
    if !reference.is_empty() {
        body["referenceOrderId"] = json!(reference);
    }
    call(env, "POST", &format!("/v3/customers/{FAR}/orders{query}"), Some(body)).await
}

#[tokio::test]
async fn a_mid_term_upgrade_is_previewed_priced_placed_and_reverted() {
    let env = env();
    // The paths: by segment for the catalog, or for one subscription.
    let missing = call(&env, "GET", "/v3/offer-switch-paths?country=US&language=MULT", None).await;
    assert_eq!((missing.json["code"].as_str(), details(&missing)), (Some("1117"), vec!["market-segment".to_string()]));
    let all = call(&env, "GET", "/v3/offer-switch-paths?market-segment=COM&country=US&language=MULT", None).await;
    let upgrades = all.json["productUpgrades"].as_array().cloned().unwrap_or_default();
    assert!(upgrades.len() >= 10, "{}", all.json);
    let standard = upgrades.iter().find(|u| u["sourceBaseOfferId"] == "65304386CA01A12").expect("Acrobat Standard");
    assert_eq!(
        (standard["targetList"][0]["targetBaseOfferId"].as_str(), standard["targetList"][0]["switchType"].as_str()),
        (Some("65304479CA01A12"), Some("PARTIAL_ALLOWED")),
        "Standard to Pro, teams to teams"
    );
    let sub = "SUB-9000000007";
    let mine =
        call(&env, "GET", &format!("/v3/offer-switch-paths?customer-id={FAR}&subscription-id={sub}"), None).await;
    assert_eq!(mine.json["totalCount"], 1, "{}", mine.json);
    let target = &mine.json["productUpgrades"][0]["targetList"][0];
    assert_eq!(
        (target["targetBaseOfferId"].as_str(), target["switchType"].as_str()),
        (Some("65304522CA01A12"), Some("FULL_ONLY"))
    );
    let other =
        call(&env, "GET", &format!("/v3/offer-switch-paths?customer-id={FAR}&subscription-id=SUB-{EARLY}"), None).await;
    assert_eq!(other.json["code"], "3115", "another customer's subscription");
    // The FAQ's path form of the same.
    let by_path = call(&env, "GET", &format!("/v3/customers/{FAR}/subscriptions/{sub}/offer-switch-paths"), None).await;
    assert_eq!(by_path.json, mine.json);
    let path = format!("/v3/customers/{FAR}/subscriptions/SUB-{EARLY}/offer-switch-paths");
    assert_eq!(call(&env, "GET", &path, None).await.json["code"], "3115");
    // Every documented refusal.
    let enterprise = "65304522CA01A12";
    let code = |a: Answer| a.json["code"].as_str().unwrap_or_default().to_string();
    assert_eq!(code(switch(&env, "PREVIEW_SWITCH", "", enterprise, sub, (10, 9), "").await), "2149");
    assert_eq!(code(switch(&env, "PREVIEW_SWITCH", "", enterprise, sub, (5, 5), "").await), "2150", "full only");
    assert_eq!(code(switch(&env, "PREVIEW_SWITCH", "", "65322651CA01A12", sub, (10, 10), "").await), "2150", "no path");
    assert_eq!(code(switch(&env, "PREVIEW_SWITCH", "", enterprise, sub, (11, 11), "").await), "2151");
    assert_eq!(code(switch(&env, "PREVIEW_SWITCH", "", enterprise, "SUB-X", (10, 10), "").await), "3115");
    assert_eq!(
        code(switch(&env, "PREVIEW_SWITCH", "?reassign-users=true", enterprise, sub, (10, 10), "").await),
        "2154"
    );
    let two_lines = json!({"orderType": "PREVIEW_SWITCH", "currencyCode": "USD",
        "lineItems": [{"extLineItemNumber": 1, "offerId": enterprise, "quantity": 1}, {"extLineItemNumber": 2, "offerId": enterprise, "quantity": 1}],
        "cancellingItems": [{"extLineItemNumber": 1, "referenceLineItemNumber": 2, "subscriptionId": sub, "quantity": 1}]});
    let two = call(&env, "POST", &format!("/v3/customers/{FAR}/orders"), Some(two_lines)).await;
    assert_eq!(two.json["code"], "2152");
    // The preview: the new line priced to the anniversary, the old licenses credited.
    let p = switch(&env, "PREVIEW_SWITCH", "?fetch-price=true", enterprise, sub, (10, 10), "").await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.json);
    let line = p.json["lineItems"][0]["pricing"]["lineItemPartnerPrice"].as_f64().unwrap_or_default();
    let credit = p.json["cancellingItems"][0]["pricing"]["lineItemPartnerPrice"].as_f64().unwrap_or_default();
    assert!(line > 0.0 && credit < 0.0, "{}", p.json);
    let total = p.json["pricingSummary"][0]["totalLineItemPartnerPrice"].as_f64().unwrap_or_default();
    assert!((total - (line + credit)).abs() < 0.011, "{total} = {line} + {credit}");
    assert_eq!(p.json["lineItems"][0]["proratedDays"], 200);
    // The switch moves every license to a new subscription renewing on the same date.
    let placed = switch(&env, "SWITCH", "", enterprise, sub, (10, 10), "").await;
    assert_eq!((placed.status, placed.json["status"].as_str()), (StatusCode::CREATED, Some("1002")), "{}", placed.json);
    let switch_id = placed.json["orderId"].as_str().unwrap_or_default().to_string();
    settle().await;
    let old = call(&env, "GET", &format!("/v3/customers/{FAR}/subscriptions/{sub}"), None).await;
    assert_eq!((old.json["currentQuantity"].as_u64(), old.json["status"].as_str()), (Some(0), Some("1004")));
    let done = call(&env, "GET", &format!("/v3/customers/{FAR}/orders/{switch_id}"), None).await;
    let new_sub = done.json["lineItems"][0]["subscriptionId"].as_str().unwrap_or_default().to_string();
    let new = call(&env, "GET", &format!("/v3/customers/{FAR}/subscriptions/{new_sub}"), None).await;
    assert_eq!(
        (new.json["offerId"].as_str(), new.json["currentQuantity"].as_u64(), new.json["renewalDate"].as_str()),
        (Some(enterprise), Some(10), old.json["renewalDate"].as_str())
    );
    let history = call(&env, "GET", &format!("/v3/customers/{FAR}/orders?order-type=SWITCH"), None).await;
    assert_eq!(history.json["items"][0]["orderId"].as_str(), Some(switch_id.as_str()));
    // The revert gives the licenses back, once.
    let teams = "65304479CA01A12";
    let preview =
        switch(&env, "PREVIEW_REVERT_SWITCH", "?fetch-price=true", teams, &new_sub, (10, 10), &switch_id).await;
    assert_eq!(preview.status, StatusCode::CREATED, "{}", preview.json);
    let with_users =
        switch(&env, "PREVIEW_REVERT_SWITCH", "?reassign-users=true", teams, &new_sub, (10, 10), &switch_id);
    assert_eq!(code(with_users.await), "2154", "users stay on an enterprise product");
    assert_eq!(code(switch(&env, "REVERT_SWITCH", "", teams, &new_sub, (10, 10), "1").await), "3115", "not a switch");
    let reverted = switch(&env, "REVERT_SWITCH", "", teams, &new_sub, (10, 10), &switch_id).await;
    assert_eq!(reverted.status, StatusCode::CREATED, "{}", reverted.json);
    settle().await;
    let old = call(&env, "GET", &format!("/v3/customers/{FAR}/subscriptions/{sub}"), None).await;
    assert_eq!((old.json["currentQuantity"].as_u64(), old.json["status"].as_str()), (Some(10), Some("1000")));
    let new = call(&env, "GET", &format!("/v3/customers/{FAR}/subscriptions/{new_sub}"), None).await;
    assert_eq!(new.json["status"], "1004");
    // Once: "Subscription not found or already cancelled", whichever subscription is named.
    assert_eq!(code(switch(&env, "PREVIEW_REVERT_SWITCH", "", teams, sub, (10, 10), &switch_id).await), "3115", "once");
    assert_eq!(code(switch(&env, "REVERT_SWITCH", "", teams, &new_sub, (10, 10), &switch_id).await), "3115", "once");
    // No switch while an early renewal is being processed (open for a minute here).
    let env = env_pending(Duration::from_secs(60));
    let renewal = renew(
        &env,
        EARLY,
        "RENEWAL",
        json!([{"extLineItemNumber": 1, "offerId": teams, "quantity": 1, "subscriptionId": format!("SUB-{EARLY}")}]),
    )
    .await;
    assert_eq!(renewal.status, StatusCode::CREATED, "{}", renewal.json);
    let body = json!({"orderType": "PREVIEW_SWITCH", "currencyCode": "USD",
        "lineItems": [{"extLineItemNumber": 1, "offerId": enterprise, "quantity": 10}],
        "cancellingItems": [{"extLineItemNumber": 1, "referenceLineItemNumber": 1, "subscriptionId": format!("SUB-{EARLY}"), "quantity": 10}]});
    let blocked = call(&env, "POST", &format!("/v3/customers/{EARLY}/orders"), Some(body.clone())).await;
    assert_eq!(blocked.json["code"], "3131");
    let mut revert = body;
    revert["orderType"] = json!("PREVIEW_REVERT_SWITCH");
    revert["referenceOrderId"] = json!("1");
    let blocked = call(&env, "POST", &format!("/v3/customers/{EARLY}/orders"), Some(revert)).await;
    assert_eq!(blocked.json["code"], "3131", "reverts are named too");
}

#[tokio::test]
async fn licenses_an_open_switch_or_return_takes_cannot_be_switched_again() {
    // Orders stay open (1002) for a minute here.
    let env = env_pending(Duration::from_secs(60));
    let (enterprise, sub) = ("65304522CA01A12", "SUB-9000000007");
    let first = switch(&env, "SWITCH", "", enterprise, sub, (10, 10), "").await;
    assert_eq!((first.status, first.json["status"].as_str()), (StatusCode::CREATED, Some("1002")), "{}", first.json);
    for kind in ["PREVIEW_SWITCH", "SWITCH"] {
        let again = switch(&env, kind, "", enterprise, sub, (10, 10), "").await;
        assert_eq!(again.json["code"], "2151", "{kind} while the first is processed: {}", again.json);
    }
    // A return being processed takes its licenses: the rest, but never all of a full-only path.
    let env = env_pending(Duration::from_secs(60));
    let returning = Order {
        order_id: "RET-OPEN".into(),
        customer_id: FAR.into(),
        order_type: Some(OrderType::Return),
        status: Status::Pending,
        reference_order_id: "NEW-1".into(),
        line_items: vec![LineItem { subscription_id: sub.into(), quantity: 3, ..LineItem::default() }],
        ..Order::default()
    };
    env.twin
        .change(|w, _| {
            w.orders.insert("RET-OPEN".into(), returning);
            Ok::<_, partner_sandbox::twin::ApiError>(())
        })
        .expect("a return in progress");
    let all = switch(&env, "PREVIEW_SWITCH", "", enterprise, sub, (10, 10), "").await;
    assert_eq!(all.json["code"], "2151", "three are being returned: {}", all.json);
    let rest = switch(&env, "PREVIEW_SWITCH", "", enterprise, sub, (7, 7), "").await;
    assert_eq!(rest.json["code"], "2150", "a full-only path takes all or none: {}", rest.json);
}

#[tokio::test]
async fn users_do_not_move_with_a_single_app_upgraded_to_all_apps() {
    let env = env();
    let placed = place(&env, FAR, "NEW", &[(1, "11073058CA01A12", 4)]).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.json);
    settle().await;
    let illustrator = line_subscription(&env, FAR, &placed, 0).await;
    let all_apps = "65322651CA01A12";
    let with_users = switch(&env, "PREVIEW_SWITCH", "?reassign-users=true", all_apps, &illustrator, (4, 4), "").await;
    assert_eq!(with_users.json["code"], "2154", "{}", with_users.json);
    let without = switch(&env, "PREVIEW_SWITCH", "", all_apps, &illustrator, (4, 4), "").await;
    assert_eq!(without.status, StatusCode::CREATED, "the path itself is open: {}", without.json);
}

#[tokio::test]
async fn a_customers_flexible_discounts_are_the_reusable_ones_it_used() {
    let env = env();
    let path = format!("/v3/customers/{COM}/flex-discounts");
    let before = codes(&call(&env, "GET", &path, None).await);
    assert!(!before.contains(&"ACROBAT_20_OFF".to_string()), "open, but not used yet: {before:?}");
    let lines = json!([
        {"extLineItemNumber": 1, "offerId": "65304921CA01A12", "quantity": 1, "flexDiscountCodes": ["ACROBAT_20_OFF"]},
        {"extLineItemNumber": 2, "offerId": "65322651CA01A12", "quantity": 1, "flexDiscountCodes": ["BLACK_FRIDAY_10_PERCENT_OFF"]},
    ]);
    let body = json!({"orderType": "NEW", "currencyCode": "USD", "lineItems": lines});
    let placed = call(&env, "POST", &format!("/v3/customers/{COM}/orders"), Some(body)).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.json);
    settle().await;
    let after = codes(&call(&env, "GET", &path, None).await);
    assert!(after.contains(&"ACROBAT_20_OFF".to_string()), "{after:?}");
    assert!(!after.contains(&"BLACK_FRIDAY_10_PERCENT_OFF".to_string()), "used, but not reusable: {after:?}");
}

#[tokio::test]
async fn a_product_is_added_to_the_next_renewal_from_30_to_3_days_before_it() {
    let env = env();
    let add = |customer: &str, body: Value| {
        let path = format!("/v3/customers/{customer}/subscriptions");
        let env = &env;
        async move { call(env, "POST", &path, Some(body)).await }
    };
    let asking = |offer: &str, renewal: Value| json!({"offerId": offer, "autoRenewal": renewal});
    let refused = |a: &Answer| (a.status, a.json["code"].as_str().unwrap_or_default().to_string(), details(a));
    let bad = |code: &str, detail: &str| (StatusCode::BAD_REQUEST, code.to_string(), vec![detail.to_string()]);
    // "The renewalQuantity field is mandatory", "the Enabled flag can only be set to true".
    let a = add(EARLY, asking("65322651CA01A12", json!({"enabled": true}))).await;
    assert_eq!(refused(&a), bad("1117", "autoRenewal.renewalQuantity"));
    let a = add(EARLY, asking("65322651CA01A12", json!({"enabled": false, "renewalQuantity": 5}))).await;
    assert_eq!(refused(&a), bad("1117", "autoRenewal.enabled"));
    // Not for consumables, nor another segment's offer, nor a product the customer has.
    let a = add(EARLY, asking("65322447CAT1A12", json!({"enabled": true, "renewalQuantity": 5}))).await;
    assert_eq!(refused(&a), bad("1117", "offerId"));
    let a = add(EARLY, asking("65322651EA01A12", json!({"enabled": true, "renewalQuantity": 5}))).await;
    assert_eq!(a.json["code"], "2129", "{}", a.json);
    let a = add(EARLY, asking("65304479CA01A12", json!({"enabled": true, "renewalQuantity": 5}))).await;
    assert_eq!(refused(&a), bad("1117", "Customer already has a subscription for the offer"));
    // "Customers with no active subscriptions are not allowed to create a subscription."
    let a = add(COM, asking("65322651CA01A12", json!({"enabled": true, "renewalQuantity": 5}))).await;
    assert_eq!(refused(&a), bad("1117", "Customer has no active subscription"));
    // Only from 30 to 3 days before the anniversary (FAR's is 200 days away).
    let a = add(FAR, asking("65322651CA01A12", json!({"enabled": true, "renewalQuantity": 5}))).await;
    assert_eq!(refused(&a), bad("1117", "Subscriptions are created from 30 to 3 days before the anniversary date"));
    // A global customer names the currency.
    let made_global = env.twin.change(|w, _| {
        w.customers.get_mut(EARLY).map(|c| c.global_sales_enabled = Some(true)).ok_or_else(|| ApiError::code("1116"))
    });
    assert!(made_global.is_ok());
    let a = add(EARLY, asking("65322651CA01A12", json!({"enabled": true, "renewalQuantity": 5}))).await;
    assert_eq!(refused(&a), bad("1117", "currencyCode"));
    // One flexible discount code at most.
    let codes = |codes: Value| json!({"enabled": true, "renewalQuantity": 5, "flexDiscountCodes": codes});
    let mut asked = asking("65322651CA01A12", codes(json!(["BLACK_FRIDAY_10_PERCENT_OFF", "ACROBAT_20_OFF"])));
    asked["currencyCode"] = json!("USD");
    let a = add(EARLY, asked).await;
    assert_eq!(refused(&a), bad("2147", "autoRenewal.flexDiscountCodes"));
    // EARLY's is 10 days away: scheduled, no licenses yet, renewing on the anniversary with
    // the discount asked for (kept trimmed).
    let mut asked = asking("65322651CA01A12", codes(json!([" BLACK_FRIDAY_10_PERCENT_OFF "])));
    asked["currencyCode"] = json!("USD");
    let a = add(EARLY, asked).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json);
    assert_eq!((a.json["status"].as_str(), a.json["currentQuantity"].as_u64()), (Some("1009"), Some(0)));
    assert_eq!(
        a.json["autoRenewal"],
        json!({"enabled": true, "renewalQuantity": 5, "flexDiscountCodes": ["BLACK_FRIDAY_10_PERCENT_OFF"]})
    );
    let c = call(&env, "GET", &format!("/v3/customers/{EARLY}"), None).await;
    assert_eq!(a.json["renewalDate"], c.json["cotermDate"]);
    let id = a.json["subscriptionId"].as_str().unwrap_or_default().to_string();
    let mut twice = asking("65322651CA01A12", json!({"enabled": true, "renewalQuantity": 2}));
    twice["currencyCode"] = json!("USD");
    let again = add(EARLY, twice).await;
    assert_eq!(refused(&again), bad("1117", "Customer already has a subscription for the offer"));
    // Nor may an early renewal order it as a new product: it is held, though scheduled.
    let new_line = json!([{"extLineItemNumber": 1, "offerId": "65322651CA01A12", "quantity": 1}]);
    let renewal = renew(&env, EARLY, "PREVIEW_RENEWAL", new_line).await;
    assert_eq!(renewal.json["code"], "3121", "{}", renewal.json);
    // An introductory offer suits a product added so: the customer has had no licenses of it.
    let mut photoshop = asking("11083117CA01A12", codes(json!(["INTRO-PHSP"])));
    photoshop["currencyCode"] = json!("USD");
    let added = add(EARLY, photoshop).await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.json);
    let intro = added.json["subscriptionId"].as_str().unwrap_or_default().to_string();
    // The auto-renewal preview renews them with the others, and verifies their discounts.
    let lines = auto_renewal_lines(&env, EARLY).await;
    let renewing = |id: &str| Some(line_of(&lines, id)).filter(|l| l["quantity"] == 5).map(|l| verdict(&l));
    assert_eq!(renewing(&id), Some((json!("BLACK_FRIDAY_10_PERCENT_OFF"), json!("SUCCESS"))), "{lines:?}");
    assert_eq!(renewing(&intro), Some((json!("INTRO-PHSP"), json!("SUCCESS"))), "{lines:?}");
}

#[tokio::test]
async fn a_deployment_named_by_subscriptions_stays_active_and_only_active_ones_are_named() {
    let env = env();
    let made_global = env.twin.change(|w, _| {
        w.customers.get_mut(EARLY).map(|c| c.global_sales_enabled = Some(true)).ok_or_else(|| ApiError::code("1116"))
    });
    assert!(made_global.is_ok());
    let deployments = format!("/v3/customers/{EARLY}/deployments");
    let address = json!({"country": "CA", "region": "ON", "city": "Ottawa", "addressLine1": "1 Main St", "postalCode": "K1A 0B1"});
    let a = call(&env, "POST", &deployments, Some(json!({"companyProfile": {"address": address}}))).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.json);
    let id = a.json["deploymentId"].as_str().unwrap_or_default().to_string();

    // An order names a deployment line by line: only an active one of a global customer's own.
    let order = |kind: &str, offer: &str, deployment: &str| {
        json!({"orderType": kind, "currencyCode": "CAD", "lineItems": [
            {"extLineItemNumber": 1, "offerId": offer, "quantity": 2, "deploymentId": deployment}]})
    };
    let orders = |customer: &str| format!("/v3/customers/{customer}/orders");
    let a = call(&env, "POST", &orders(EARLY), Some(order("PREVIEW", "65322651CA01A12", "1"))).await;
    assert_eq!((a.json["code"].as_str(), details(&a)), (Some("2138"), vec!["Line Item: 1".to_string()]), "{}", a.json);
    let a = call(&env, "POST", &orders(COM), Some(order("PREVIEW", "65322651CA01A12", &id))).await;
    assert_eq!(a.json["code"], "1140", "{}", a.json);
    let p = call(&env, "POST", &orders(EARLY), Some(order("PREVIEW", "65322651CA01A12", &id))).await;
    assert_eq!(p.json["lineItems"][0]["deploymentId"], json!(id), "{}", p.json);
    let offer = p.json["lineItems"][0]["offerId"].as_str().unwrap_or_default().to_string();
    // An id with spaces around it names the same deployment, and is kept without them.
    let placed = call(&env, "POST", &orders(EARLY), Some(order("NEW", &offer, &format!(" {id} ")))).await;
    assert_eq!(
        (placed.status, &placed.json["lineItems"][0]["deploymentId"]),
        (StatusCode::CREATED, &json!(id)),
        "{}",
        placed.json
    );
    settle().await;
    let order_id = placed.json["orderId"].as_str().unwrap_or_default();
    let done = call(&env, "GET", &format!("{}/{order_id}", orders(EARLY)), None).await;
    let bought = done.json["lineItems"][0]["subscriptionId"].as_str().unwrap_or_default().to_string();
    let sub = call(&env, "GET", &format!("/v3/customers/{EARLY}/subscriptions/{bought}"), None).await;
    assert_eq!(
        (sub.json["deploymentId"].as_str(), sub.json["currentQuantity"].as_u64()),
        (Some(id.as_str()), Some(2)),
        "{}",
        sub.json
    );

    // Create Subscription takes only one of the customer's active deployments.
    let adding = |deployment: &str| {
        json!({"offerId": "65304479CA01A12", "currencyCode": "CAD", "deploymentId": deployment,
            "autoRenewal": {"enabled": true, "renewalQuantity": 5}})
    };
    let subscriptions = format!("/v3/customers/{EARLY}/subscriptions");
    let a = call(&env, "POST", &subscriptions, Some(adding("1"))).await;
    assert_eq!((a.status, a.json["code"].as_str()), (StatusCode::NOT_FOUND, Some("2138")), "{}", a.json);
    // Another currency than the home subscriptions' names the deployment it is for ("both
    // currencyCode and deploymentID must be included").
    let abroad = json!({"offerId": "65304479CA01A12", "currencyCode": "CAD",
        "autoRenewal": {"enabled": true, "renewalQuantity": 5}});
    let a = call(&env, "POST", &subscriptions, Some(abroad)).await;
    assert_eq!((a.json["code"].as_str(), details(&a)), (Some("1117"), vec!["deploymentId".to_string()]), "{}", a.json);

    // The subscription it bought keeps the deployment from being deactivated.
    let one = format!("{deployments}/{id}");
    let a = call(&env, "PATCH", &one, Some(json!({"status": "1004"}))).await;
    assert_eq!((a.status, details(&a)), (StatusCode::BAD_REQUEST, vec!["status".to_string(), bought]), "{}", a.json);
    let a = call(&env, "GET", &one, None).await;
    assert_eq!(a.json["status"], "1000");
    // Inactive, it is no longer one an order or a subscription may name.
    let freed = env.twin.change(|w, _| {
        for s in w.subscriptions.values_mut() {
            s.deployment_id.clear();
        }
        Ok(())
    });
    assert!(freed.is_ok());
    let a = call(&env, "PATCH", &one, Some(json!({"status": "1004"}))).await;
    assert_eq!(a.json["status"], "1004", "{}", a.json);
    let a = call(&env, "POST", &subscriptions, Some(adding(&id))).await;
    assert_eq!(a.json["code"], "2138", "{}", a.json);
    let a = call(&env, "POST", &orders(EARLY), Some(order("PREVIEW", "65322651CA01A12", &id))).await;
    assert_eq!(a.json["code"], "2138", "{}", a.json);
}

/// "Manage High Growth Offers through APIs": a renewal preview lists the MOQ offers to an
/// Acrobat customer; Update Subscription opts a subscription into one with `renewalCode` (3YC
/// required, the renewal quantity at least the minimum) and `reset-renewal-code=true` takes it
/// out; the preview then renews the MOQ offer, at least its minimum. Create Subscription takes
/// a code for the product it adds.
#[tokio::test]
async fn a_high_growth_offer_is_listed_opted_for_renewed_and_reset() {
    let env = &env();
    let sub = "SUB-9000000007";
    let path = &format!("/v3/customers/{FAR}/subscriptions/{sub}");
    let patch = |query: &'static str, body: Value| async move {
        call(env, "PATCH", &format!("{path}{query}"), Some(body)).await
    };
    let opt = |code: &str, quantity: u64| json!({"autoRenewal": {"enabled": true, "renewalQuantity": quantity, "renewalCode": code}});
    let on = patch("", json!({"autoRenewal": {"enabled": true}})).await;
    assert_eq!(on.status, StatusCode::OK, "{}", on.json);
    // Listed to a customer holding Acrobat Pro, for the product it renews.
    let preview_of = |customer: &'static str| async move {
        call(env, "POST", &format!("/v3/customers/{customer}/orders"), Some(json!({"orderType": "PREVIEW_RENEWAL"})))
            .await
    };
    let preview = || preview_of(FAR);
    let p = preview().await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.json);
    let offers = p.json["eligibleOffers"].as_array().cloned().unwrap_or_default();
    let listed: Vec<(&str, &str, u64)> = offers
        .iter()
        .map(|o| {
            let min = o["eligibilityCriteria"]["minQuantity"].as_u64().unwrap_or_default();
            (o["offerId"].as_str().unwrap_or_default(), o["renewalCode"].as_str().unwrap_or_default(), min)
        })
        .collect();
    assert_eq!(
        listed,
        [("65304479CA14X12", "MOQ_100", 100), ("65304479CA14Y12", "MOQ_250", 250), ("65304479CA14Z12", "MOQ_500", 500)]
    );
    assert_eq!(offers[0]["eligibilityCriteria"]["additionalCriteria"], json!(["THREE_YEAR_COMMIT"]));
    // 3YC is required ("Discount code not applicable for regular customer").
    let a = patch("", opt("MOQ_100", 100)).await;
    assert_eq!((a.json["code"].as_str(), details(&a)), (Some("5128"), vec!["autoRenewal.renewalCode".to_string()]));
    commit_licenses(env, FAR, 100);
    for (body, code) in [
        (opt("MOQ_999", 100), "5123"),
        // The committed 100 licenses are below MOQ 250.
        (opt("MOQ_250", 250), "5129"),
        (opt("MOQ_100", 99), "5124"),
        (json!({"autoRenewal": {"enabled": false, "renewalCode": "MOQ_100"}}), "1117"),
    ] {
        let a = patch("", body.clone()).await;
        assert_eq!((a.status, a.json["code"].as_str()), (StatusCode::BAD_REQUEST, Some(code)), "{body}: {}", a.json);
    }
    // Licenses held below the minimum do not matter: the renewal quantity does.
    let a = patch("", opt(" MOQ_100 ", 100)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json);
    assert_eq!(
        (a.json["autoRenewal"]["renewalCode"].as_str(), a.json["currentQuantity"].as_u64()),
        (Some("MOQ_100"), Some(10))
    );
    let got = call(env, "GET", path, None).await;
    assert_eq!(got.json["autoRenewal"]["renewalCode"], "MOQ_100");
    let line = |p: &Answer| {
        let l = &p.json["lineItems"][0];
        (l["offerId"].as_str().unwrap_or_default().to_string(), l["quantity"].as_u64().unwrap_or_default())
    };
    assert_eq!(line(&preview().await), ("65304479CA14X12".to_string(), 100));
    // A lower renewal quantity keeps the code, and the offer's minimum renews.
    let a = patch("", json!({"autoRenewal": {"enabled": true, "renewalQuantity": 25}})).await;
    assert_eq!(a.json["autoRenewal"]["renewalCode"], "MOQ_100", "{}", a.json);
    let p = preview().await;
    assert_eq!(line(&p), ("65304479CA14X12".to_string(), 100));
    assert_eq!(p.json["eligibleOffers"].as_array().map(Vec::len), Some(3), "still listed");
    // Taken out as the docs do it, with the body they send.
    let a = patch("?reset-renewal-code=true", json!({"autoRenewal": {"enabled": true, "renewalQuantity": 25}})).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json);
    assert!(a.json["autoRenewal"].get("renewalCode").is_none(), "{}", a.json);
    let (offer, quantity) = line(&preview().await);
    assert!(offer.starts_with("65304479CA") && !offer.contains("14X"), "{offer}");
    assert_eq!(quantity, 25);
    // "Could not turn off Auto Renewal for MOQ offer"; out of the offer first, it can be.
    assert_eq!(patch("", opt("MOQ_100", 100)).await.status, StatusCode::OK);
    let off = patch("", json!({"autoRenewal": {"enabled": false}})).await;
    assert_eq!((off.json["code"].as_str(), details(&off)), (Some("5134"), vec!["autoRenewal.enabled".to_string()]));
    let off = patch("?reset-renewal-code=true", json!({"autoRenewal": {"enabled": false}})).await;
    assert_eq!(off.json["autoRenewal"]["enabled"], false, "{}", off.json);
    assert!(off.json["autoRenewal"].get("renewalCode").is_none(), "{}", off.json);
    // Seats above 50 leave MOQ 100 out (the overview's table); above 250, every offer.
    let seats = |n: u64| {
        env.twin.change(move |w, _| {
            let s = w.subscriptions.get_mut(sub).ok_or_else(|| ApiError::code("3115"))?;
            s.current_quantity = Some(n);
            s.auto_renewal.enabled = true;
            Ok::<_, ApiError>(())
        })
    };
    let codes = |p: &Answer| {
        p.json["eligibleOffers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|o| o["renewalCode"].as_str())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert!(seats(110).is_ok());
    assert_eq!(codes(&preview().await), ["MOQ_250", "MOQ_500"]);
    let a = patch("", opt("MOQ_100", 110)).await;
    assert_eq!(a.json["code"], "5126", "{}", a.json);
    assert!(seats(251).is_ok());
    assert!(codes(&preview().await).is_empty());
    // Not listed to a customer without Acrobat.
    let all_apps = env.twin.change(|w, _| {
        let sub = Subscription {
            subscription_id: "SUB-ALL-APPS".into(),
            offer_id: "65322651CA01A12".into(),
            current_quantity: Some(300),
            auto_renewal: AutoRenewal { enabled: true, ..AutoRenewal::default() },
            currency_code: "USD".into(),
            status: Status::Active,
            ..Subscription::default()
        };
        hold(w, COM, sub);
        Ok::<_, ApiError>(())
    });
    assert!(all_apps.is_ok());
    let p = preview_of(COM).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.json);
    assert!(p.json.get("eligibleOffers").is_none(), "{}", p.json);
    // Create Subscription adding Acrobat Pro for enterprise at MOQ 100, for EARLY (its
    // anniversary 10 days away): 3YC required, then the quantity, then the plan's subscription
    // with the code. Not for a product that is not Acrobat Pro.
    // The docs' body sends no `enabled`.
    let add = |offer: &'static str, quantity: u64| async move {
        let body = json!({"offerId": offer, "autoRenewal": {"renewalQuantity": quantity, "renewalCode": "MOQ_100"}});
        call(env, "POST", &format!("/v3/customers/{EARLY}/subscriptions"), Some(body)).await
    };
    let acrobat_pro = "65304522CA14X12";
    assert_eq!(add("65322651CA14X12", 100).await.json["code"], "5125");
    assert_eq!(add(acrobat_pro, 100).await.json["code"], "5128");
    let committed = env.twin.change(|w, _| {
        let far = w.customers.get(FAR).map(|c| c.benefits.clone()).unwrap_or_default();
        w.customers.get_mut(EARLY).map(|c| c.benefits = far).ok_or_else(|| ApiError::code("1116"))
    });
    assert!(committed.is_ok());
    assert_eq!(add(acrobat_pro, 50).await.json["code"], "5124");
    let a = add(acrobat_pro, 100).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json);
    assert_eq!(
        (a.json["offerId"].as_str(), a.json["autoRenewal"]["renewalCode"].as_str(), a.json["status"].as_str()),
        (Some("65304522CA01A12"), Some("MOQ_100"), Some("1009"))
    );
}

/// Gives `customer` a 3-Year Commit in force, committing `licenses` licenses.
fn commit_licenses(env: &Env, customer: &str, licenses: u64) {
    let committed = env.twin.change(|w, _| {
        let c = w.customers.get_mut(customer).ok_or_else(|| ApiError::code("1116"))?;
        c.benefits.push(Benefit {
            kind: BenefitType::ThreeYearCommit,
            status: None,
            commitment: Some(Commitment {
                status: Some(CommitmentStatus::Committed),
                minimum_quantities: vec![MinimumQuantity { offer_type: OfferType::License, quantity: licenses }],
                ..Commitment::default()
            }),
            commitment_request: None,
            recommitment_request: None,
        });
        Ok::<_, ApiError>(())
    });
    assert!(committed.is_ok());
}

/// "High Growth Offer scenarios" 4 to 6: a High Growth offer bought mid-term with a NEW order
/// (its id at its own level) by a 3YC customer with enough committed; the licenses join the
/// product's subscription, which then renews as the highest MOQ bought, its lower renewal
/// quantity raised to the MOQ.
#[tokio::test]
async fn a_high_growth_offer_bought_mid_term_sets_the_renewal() {
    let env = &env();
    let sub = "SUB-9000000007";
    let renews_5 = json!({"autoRenewal": {"enabled": true, "renewalQuantity": 5}});
    let a = call(env, "PATCH", &format!("/v3/customers/{FAR}/subscriptions/{sub}"), Some(renews_5)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json);
    let buy = |kind: &'static str, offer: &'static str, quantity: u64| async move {
        let body = json!({"orderType": kind, "currencyCode": "USD", "lineItems": lines(&[(1, offer, quantity)])});
        call(env, "POST", &format!("/v3/customers/{FAR}/orders?fetch-price=true"), Some(body)).await
    };
    // Without 3-Year Commit (or with too little of it) the customer may not buy it.
    let a = buy("NEW", "65304479CA14X12", 100).await;
    assert_eq!(
        (a.json["code"].as_str(), details(&a)),
        (Some("2129"), vec!["Line Item: 1, Reason: Not eligible for High Growth offer".to_string()]),
        "{}",
        a.json
    );
    commit_licenses(env, FAR, 300);
    assert_eq!(buy("NEW", "65304479CA14Z12", 500).await.json["code"], "2129", "MOQ 500 over the 300 committed");
    assert_eq!(buy("NEW", "65322651CA14X12", 100).await.json["code"], "2129", "not Acrobat Pro");
    let a = buy("NEW", "65304479CA01X12", 100).await;
    assert_eq!((a.json["code"].as_str(), details(&a)), (Some("2122"), vec!["lineItems[0].offerId".to_string()]));
    let a = buy("NEW", "65304479CA14X12", 99).await;
    assert_eq!((a.json["code"].as_str(), details(&a)), (Some("2120"), vec!["lineItems[0].quantity".to_string()]));
    // Previewed and placed at its own level, priced.
    let p = buy("PREVIEW", "65304479CA14X12", 100).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.json);
    assert_eq!(p.json["lineItems"][0]["offerId"], "65304479CA14X12");
    assert!(p.json["lineItems"][0]["pricing"]["partnerPrice"].is_number(), "{}", p.json);
    let renewal = || async move {
        settle().await;
        let s = call(env, "GET", &format!("/v3/customers/{FAR}/subscriptions/{sub}"), None).await;
        let r = &s.json["autoRenewal"];
        (
            s.json["currentQuantity"].as_u64(),
            r["renewalCode"].as_str().map(str::to_string),
            r["renewalQuantity"].as_u64(),
        )
    };
    // Scenario 4: a renewal quantity below the MOQ is raised to it.
    let placed = buy("NEW", "65304479CA14X12", 100).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.json);
    assert_eq!(renewal().await, (Some(110), Some("MOQ_100".into()), Some(100)));
    // Scenario 6: a higher MOQ bought later is the one kept, with its quantity.
    assert_eq!(buy("NEW", "65304479CA14Y12", 250).await.status, StatusCode::CREATED);
    assert_eq!(renewal().await, (Some(360), Some("MOQ_250".into()), Some(250)));
    // Its seats (360) past the table, a lower MOQ is still sold to it ("Any subsequent purchases
    // will adhere to the customer's High Growth MOQ Offer price"), and the highest stays.
    assert_eq!(buy("NEW", "65304479CA14X12", 100).await.status, StatusCode::CREATED);
    assert_eq!(renewal().await, (Some(460), Some("MOQ_250".into()), Some(250)));
    // But not a higher one the table does not give it.
    let a = buy("NEW", "65304479CA14Z12", 500).await;
    assert_eq!(a.json["code"], "2129", "{}", a.json);
}

/// The mid-term FAQ: a global customer switches within the subscription's deployment only
/// ("Error 2150 … with details like 'Invalid deploymentId' or 'Invalid currency'"), and the
/// licenses stay in it; a subscription renewing as a High Growth offer is not switched from
/// (2154, "High Growth Offer restrictions").
#[tokio::test]
async fn a_switch_stays_in_its_deployment_and_not_from_a_high_growth_offer() {
    let env = env();
    let sub = "SUB-9000000007";
    let target = "65304522CA01A12";
    let moved = env.twin.change(|w, _| {
        let s = w.subscriptions.get_mut(sub).ok_or_else(|| ApiError::code("3115"))?;
        s.deployment_id = "DEP-FR".into();
        Ok::<_, ApiError>(())
    });
    assert!(moved.is_ok());
    let with_line = |deployment: &str, currency: &str| {
        json!({"orderType": "PREVIEW_SWITCH",
            "lineItems": [{"extLineItemNumber": 1, "offerId": target, "quantity": 10, "deploymentId": deployment, "currencyCode": currency}],
            "cancellingItems": [{"extLineItemNumber": 1, "referenceLineItemNumber": 1, "subscriptionId": sub, "quantity": 10}]})
    };
    for (body, detail) in
        [(with_line("DEP-DE", "USD"), "Invalid deploymentId"), (with_line("DEP-FR", "EUR"), "Invalid currency")]
    {
        let a = call(&env, "POST", &format!("/v3/customers/{FAR}/orders"), Some(body)).await;
        assert_eq!((a.json["code"].as_str(), details(&a)), (Some("2150"), vec![detail.to_string()]), "{}", a.json);
    }
    let p = call(&env, "POST", &format!("/v3/customers/{FAR}/orders"), Some(with_line("DEP-FR", "USD"))).await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.json);
    assert_eq!(p.json["lineItems"][0]["deploymentId"], "DEP-FR");
    let placed = switch(&env, "SWITCH", "", target, sub, (10, 10), "").await;
    assert_eq!(
        placed.status,
        StatusCode::CREATED,
        "a line naming no deployment is the subscription's: {}",
        placed.json
    );
    let switch_id = placed.json["orderId"].as_str().unwrap_or_default().to_string();
    settle().await;
    let done = call(&env, "GET", &format!("/v3/customers/{FAR}/orders/{switch_id}"), None).await;
    let new_sub = done.json["lineItems"][0]["subscriptionId"].as_str().unwrap_or_default().to_string();
    let new = call(&env, "GET", &format!("/v3/customers/{FAR}/subscriptions/{new_sub}"), None).await;
    assert_eq!(new.json["deploymentId"], "DEP-FR", "{}", new.json);
    // Renewing as a High Growth offer (3YC in force), it is not switched from.
    let opted = env.twin.change(|w, _| {
        let s = w.subscriptions.get_mut(&new_sub).ok_or_else(|| ApiError::code("3115"))?;
        s.auto_renewal.enabled = true;
        s.auto_renewal.renewal_code = "MOQ_100".into();
        Ok::<_, ApiError>(())
    });
    assert!(opted.is_ok());
    let a = switch(&env, "PREVIEW_SWITCH", "", "65304479CA01A12", &new_sub, (10, 10), "").await;
    assert_eq!(
        (a.json["code"].as_str(), details(&a)),
        (Some("2154"), vec!["High Growth Offer".to_string()]),
        "{}",
        a.json
    );
    // Nor are paths offered for it ("excluded from switch eligibility").
    let paths =
        call(&env, "GET", &format!("/v3/offer-switch-paths?customer-id={FAR}&subscription-id={new_sub}"), None).await;
    assert_eq!(
        (paths.json["totalCount"].as_u64(), paths.json["productUpgrades"].as_array().map(Vec::len)),
        (Some(0), Some(0))
    );
}

/// The mid-term FAQ on users and renewals: with `reassign-users=true` the users of the licenses
/// that move go with them ("LIFO … undelegated licenses given preference"); without, the
/// original keeps as many as it keeps licenses and the new subscription has none ("30 users
/// lose access"). "After a partial switch, both products renew at their respective quantities":
/// a renewal quantity set stays as set ("unchanged by additional orders or cancellations"). A
/// revert (also `reassign-users`) gives back what is still there to give.
#[tokio::test]
async fn users_and_renewal_quantities_follow_the_licenses_a_switch_moves() {
    let env = env();
    let (standard, pro) = ("65304386CA01A12", "65304479CA01A12");
    let sub_of = |a: &Answer| a.json["lineItems"][0]["subscriptionId"].as_str().unwrap_or_default().to_string();
    let order = |id: String| format!("/v3/customers/{FAR}/orders/{id}");
    let held = |a: &Answer| {
        (
            a.json["currentQuantity"].as_u64(),
            a.json["usedQuantity"].as_u64(),
            a.json["autoRenewal"]["renewalQuantity"].as_u64(),
        )
    };
    let bought = place(&env, FAR, "NEW", &[(1, standard, 10)]).await;
    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.json);
    settle().await;
    let id = bought.json["orderId"].as_str().unwrap_or_default().to_string();
    let original = sub_of(&call(&env, "GET", &order(id), None).await);
    let sub_path = |id: &str| format!("/v3/customers/{FAR}/subscriptions/{id}");
    // Eight of ten licenses assigned; nine to renew.
    let set = env.twin.change(|w, _| {
        let s = w.subscriptions.get_mut(&original).ok_or_else(|| ApiError::code("3115"))?;
        s.used_quantity = Some(8);
        s.auto_renewal.enabled = true;
        s.auto_renewal.renewal_quantity = Some(9);
        Ok::<_, ApiError>(())
    });
    assert!(set.is_ok());
    // Six move with their users: the two unassigned first, then four users.
    let placed = switch(&env, "SWITCH", "?reassign-users=true", pro, &original, (6, 6), "").await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.json);
    settle().await;
    let switch_id = placed.json["orderId"].as_str().unwrap_or_default().to_string();
    let moved = sub_of(&call(&env, "GET", &order(switch_id.clone()), None).await);
    assert_eq!(held(&call(&env, "GET", &sub_path(&original), None).await), (Some(4), Some(4), Some(9)));
    let new = call(&env, "GET", &sub_path(&moved), None).await;
    assert_eq!((new.json["currentQuantity"].as_u64(), new.json["usedQuantity"].as_u64()), (Some(6), Some(4)));
    // Not while a license it made is gone (here, as if returned): 2151.
    let take = |n: u64| {
        env.twin.change(|w, _| {
            let s = w.subscriptions.get_mut(&moved).ok_or_else(|| ApiError::code("3115"))?;
            s.current_quantity = Some(n);
            Ok::<_, ApiError>(())
        })
    };
    assert!(take(5).is_ok());
    let short = switch(&env, "PREVIEW_REVERT_SWITCH", "", standard, &moved, (6, 6), &switch_id).await;
    assert_eq!(short.json["code"], "2151", "{}", short.json);
    assert!(take(6).is_ok());
    // Nor while another switch of the original is being processed (one at a time).
    let open = Order {
        order_id: "SWITCH-OPEN".into(),
        customer_id: FAR.into(),
        order_type: Some(OrderType::Switch),
        status: Status::Pending,
        cancelling_items: vec![CancellingItem {
            subscription_id: original.clone(),
            quantity: 1,
            ..CancellingItem::default()
        }],
        ..Order::default()
    };
    let busy = |open: Option<Order>| {
        env.twin.change(|w, _| {
            match open {
                Some(o) => w.orders.insert("SWITCH-OPEN".into(), o),
                None => w.orders.remove("SWITCH-OPEN"),
            };
            Ok::<_, ApiError>(())
        })
    };
    assert!(busy(Some(open)).is_ok());
    let locked = switch(&env, "PREVIEW_REVERT_SWITCH", "", standard, &moved, (6, 6), &switch_id).await;
    assert_eq!(locked.json["code"], "2151", "{}", locked.json);
    assert!(busy(None).is_ok());
    // Undone with the users: everything as before.
    let reverted = switch(&env, "REVERT_SWITCH", "?reassign-users=true", standard, &moved, (6, 6), &switch_id).await;
    assert_eq!(reverted.status, StatusCode::CREATED, "{}", reverted.json);
    settle().await;
    assert_eq!(held(&call(&env, "GET", &sub_path(&original), None).await), (Some(10), Some(8), Some(9)));
    let gone = call(&env, "GET", &sub_path(&moved), None).await;
    assert_eq!((gone.json["status"].as_str(), gone.json["usedQuantity"].as_u64()), (Some("1004"), Some(0)));
    // Without the users: the original keeps four of its eight, the new subscription none.
    let placed = switch(&env, "SWITCH", "", pro, &original, (6, 6), "").await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.json);
    settle().await;
    let switch_id = placed.json["orderId"].as_str().unwrap_or_default().to_string();
    let moved = sub_of(&call(&env, "GET", &order(switch_id.clone()), None).await);
    assert_eq!(held(&call(&env, "GET", &sub_path(&original), None).await), (Some(4), Some(4), Some(9)));
    assert_eq!(call(&env, "GET", &sub_path(&moved), None).await.json["usedQuantity"].as_u64(), Some(0));
    // Undone without them: the licenses come back, the users who lost access do not.
    let reverted = switch(&env, "REVERT_SWITCH", "", standard, &moved, (6, 6), &switch_id).await;
    assert_eq!(reverted.status, StatusCode::CREATED, "{}", reverted.json);
    settle().await;
    assert_eq!(held(&call(&env, "GET", &sub_path(&original), None).await), (Some(10), Some(4), Some(9)));
}
