//! The audit trail over HTTP: users of two resellers and distributor staff make changes; staff
//! read everyone's with filters, a reseller user reads only their reseller's; a change that
//! cannot be recorded is not sent. Runs on SQLite in memory, or on the database
//! `PARTNER_TEST_AUDIT_URL` names (`scripts/with-postgres` sets it to a throwaway PostgreSQL).

mod common;

use axum::http::StatusCode;
use common::*;
use partner_gateway::testing::{Running, DISTRIBUTOR, RESELLER_A, RESELLER_B};
use partner_gateway::Upstreams;
use serde_json::{json, Value};
use std::time::Duration;

async fn gateway(adjust: impl FnOnce(&mut partner_gateway::Settings)) -> Running {
    let mut twin = partner_sandbox::Settings::default();
    twin.twin.pending_delay = Duration::from_secs(600);
    Running::start(&fake_dist(&format!("audit-{}", unique())), "/", Upstreams::Twin(twin), adjust)
        .await
        .expect("gateway")
}

async fn place(g: &Running, subject: &str, customer: &str, offer: &str, kind: &str) -> Reply {
    let body = json!({ "orderType": kind, "currencyCode": "USD", "lineItems": [{ "extLineItemNumber": 1, "offerId": offer, "quantity": 1 }] });
    let url = format!("{}api/vipmp/v3/customers/{customer}/orders", g.url);
    fetch("POST", &url, &[bearer(&g.bearer(subject)), ("origin", g.origin.clone())], Some(body.to_string())).await
}

async fn audit(g: &Running, subject: &str, query: &str) -> Value {
    let r = fetch("GET", &format!("{}api/audit{query}", g.url), &[bearer(&g.bearer(subject))], None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    r.json()
}

fn orders_of(page: &Value) -> Vec<&Value> {
    page["items"]
        .as_array()
        .map(|i| i.iter().filter(|e| e["template"] == "/v3/customers/{customer}/orders").collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn who_placed_which_order_and_who_may_read_it() {
    let g = gateway(|_| {}).await;
    let (a, b) = (g.resellers[0].0.clone(), g.resellers[1].0.clone());
    let (customer_a, offer_a) = g.order_target(0).await.expect("a target");
    let (customer_b, offer_b) = g.order_target(1).await.expect("a target");
    let placed_a = place(&g, RESELLER_A, &customer_a, &offer_a, "NEW").await;
    assert_eq!(placed_a.status, StatusCode::CREATED, "{}", placed_a.text());
    let placed_b = place(&g, RESELLER_B, &customer_b, &offer_b, "NEW").await;
    assert_eq!(placed_b.status, StatusCode::CREATED, "{}", placed_b.text());
    let staff = place(&g, DISTRIBUTOR, &customer_b, &offer_b, "NEW").await;
    assert_eq!(staff.status, StatusCode::CREATED, "{}", staff.text());
    let refused = place(&g, RESELLER_A, &customer_a, "NOT-AN-OFFER", "NEW").await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.text());

    let all = audit(&g, DISTRIBUTOR, "?limit=100").await;
    let orders = orders_of(&all);
    let rhea = orders.iter().find(|e| e["subject"] == RESELLER_A && e["status"] == 201).expect("Rhea's order");
    assert_eq!(rhea["name"], "Rhea Reseller");
    assert_eq!(rhea["role"], "reseller");
    assert_eq!(rhea["resellerId"], a.as_str());
    assert_eq!(rhea["customerId"], customer_a.as_str());
    assert_eq!(rhea["method"], "POST");
    assert_eq!(rhea["outcome"], "answered");
    assert_eq!(rhea["resultId"], placed_a.json()["orderId"]);
    assert!(rhea["correlationId"].as_str().is_some_and(|c| !c.is_empty()) && rhea["completedAt"].is_string());
    let sam = orders.iter().find(|e| e["subject"] == RESELLER_B && e["status"] == 201).expect("Sam's order");
    assert_eq!(
        (sam["resellerId"].as_str(), sam["resultId"].as_str()),
        (Some(b.as_str()), placed_b.json()["orderId"].as_str())
    );
    let failed = orders.iter().find(|e| e["status"] == 400).expect("the refused order is recorded too");
    assert!(failed["apiCode"].as_str().is_some_and(|c| !c.is_empty()) && failed["resultId"] == "", "{failed}");
    let dana = orders.iter().find(|e| e["subject"] == DISTRIBUTOR).expect("staff's order");
    assert_eq!(dana["role"], "distributor");
    assert_eq!(dana["resellerId"], b.as_str(), "staff's change to a customer names its reseller: {dana}");
    assert_eq!(orders.len(), 4, "previews change nothing and are not recorded: {orders:?}");

    // Filters.
    let by_user = audit(&g, DISTRIBUTOR, "?user=rhea").await;
    assert!(!by_user["items"].as_array().expect("items").is_empty());
    assert!(by_user["items"].as_array().expect("items").iter().all(|e| e["subject"] == RESELLER_A));
    let by_reseller = audit(&g, DISTRIBUTOR, &format!("?reseller={b}")).await;
    assert!(by_reseller["items"].as_array().expect("items").iter().all(|e| e["resellerId"] == b.as_str()));
    let by_customer = audit(&g, DISTRIBUTOR, &format!("?customer={customer_a}")).await;
    assert!(by_customer["items"].as_array().expect("items").iter().all(|e| e["customerId"] == customer_a.as_str()));
    let today = partner_model::time::date(
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0),
    );
    assert_eq!(audit(&g, DISTRIBUTOR, &format!("?from={today}&to={today}")).await["total"], all["total"]);
    assert_eq!(audit(&g, DISTRIBUTOR, "?to=2000-01-01").await["total"], 0);
    let page = audit(&g, DISTRIBUTOR, "?limit=2&offset=1").await;
    assert_eq!(page["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(page["items"][0]["id"], all["items"][1]["id"], "newest first, paged");

    // A reseller user reads their reseller's entries only, whoever made them.
    let own = audit(&g, RESELLER_A, "").await;
    let items = own["items"].as_array().expect("items");
    assert!(items.iter().any(|e| e["subject"] == RESELLER_A));
    assert!(items.iter().all(|e| e["resellerId"] == a.as_str()), "only Northwind's: {own}");
    assert_eq!(
        audit(&g, RESELLER_A, &format!("?reseller={b}")).await["total"],
        0,
        "asking for another reseller shows nothing"
    );
    assert!(audit(&g, RESELLER_B, "").await["items"]
        .as_array()
        .expect("items")
        .iter()
        .all(|e| e["resellerId"] == b.as_str()));

    // Anonymous callers read nothing.
    let anonymous = fetch("GET", &format!("{}api/audit", g.url), &[], None).await;
    assert_eq!((anonymous.status, anonymous.code().as_str()), (StatusCode::UNAUTHORIZED, "GW-SIGN-IN"));
}

#[tokio::test]
async fn a_change_that_cannot_be_recorded_is_not_sent() {
    // A database nobody listens for.
    let g = gateway(|s| s.audit_url = "postgres://app@127.0.0.1:1/audit".into()).await;
    let a = g.resellers[0].0.clone();
    let customers =
        g.api_get(DISTRIBUTOR, &format!("/v3/resellers/{a}/customers?limit=1")).await.expect("reads still work");
    let customer = customers["accounts"][0]["customerId"].as_str().expect("a customer").to_string();
    let before = g.api_get(DISTRIBUTOR, &format!("/v3/customers/{customer}/orders?limit=1")).await.expect("orders")
        ["totalCount"]
        .clone();
    let r = place(&g, DISTRIBUTOR, &customer, "65304479CA01A12", "NEW").await;
    assert_eq!((r.status, r.code().as_str()), (StatusCode::SERVICE_UNAVAILABLE, "GW-AUDIT"), "{}", r.text());
    assert!(!r.text().contains("127.0.0.1:1"), "no connection details in answers");
    let after = g.api_get(DISTRIBUTOR, &format!("/v3/customers/{customer}/orders?limit=1")).await.expect("orders")
        ["totalCount"]
        .clone();
    assert_eq!(before, after, "nothing reached the upstream");
    let ready = fetch("GET", &format!("{}readyz", g.url), &[], None).await;
    assert_eq!(ready.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(ready.json()["checks"]["audit"], "unreachable");
}
