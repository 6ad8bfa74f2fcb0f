//! The CPN distributor subscription search over HTTP: the seeded data, filters (EQUALS, LIKE,
//! the inactive switch), sorting both ways, paging and the errors.

mod common;

use axum::http::StatusCode;
use common::{call, sandbox, Answer};
use partner_sandbox::cpn::{DISTRIBUTOR_ORG_ID, ORDER_SOURCE_TYPES, RENEWAL_PREFERENCES, STATUSES, SUBSCRIPTION_TYPES};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::Duration;

const INACTIVE: [&str; 3] = ["CANCELLED", "TERMINATED", "EXPIRED"];

async fn search(app: &axum::Router, query: &str, body: Value) -> Answer {
    let path = format!("/api/cpn/cphub/api/seller/v1/distributors/{DISTRIBUTOR_ORG_ID}/subscriptions/search{query}");
    call(app, "POST", &path, Some(body)).await
}

fn results(answer: &Answer) -> Vec<Value> {
    answer.json["results"].as_array().cloned().unwrap_or_default()
}

fn field<'a>(items: &'a [Value], name: &str) -> Vec<&'a str> {
    items.iter().map(|s| s[name].as_str().unwrap_or_default()).collect()
}

fn include_inactive() -> Value {
    json!({"key": "INCLUDE_INACTIVE_SUBSCRIPTIONS", "operator": "EQUALS", "value": "true"})
}

#[tokio::test]
async fn at_least_500_seeded_with_every_documented_value() {
    let world = partner_sandbox::vipmp::seed::world(2026, partner_sandbox::twin::time::now(), false);
    let all = &world.distributor_subscriptions;
    assert!(all.len() >= 500);
    let has = |values: &[&str], get: fn(&partner_model::types::DistributorSubscription) -> &str| {
        values.iter().all(|v| all.iter().any(|s| get(s) == *v))
    };
    assert!(has(&STATUSES, |s| &s.status));
    assert!(has(&ORDER_SOURCE_TYPES, |s| &s.order_source_type));
    assert!(has(&RENEWAL_PREFERENCES, |s| &s.renewal_preference));
    assert!(has(&SUBSCRIPTION_TYPES, |s| &s.subscription_type));
    let icons: Vec<&str> = all.iter().flat_map(|s| s.service_refs.iter().map(|r| r.service_icon.as_str())).collect();
    assert!(icons.iter().any(|i| i.starts_with("https://icons.vmware.example/")));
    assert!(icons.iter().any(|i| !i.is_empty() && !i.starts_with("https://icons.vmware.example/")));
    assert!(icons.iter().any(|i| i.is_empty()));
    let now = partner_sandbox::twin::time::datetime(partner_sandbox::twin::time::now());
    assert!(all.iter().any(|s| s.subscription_end_date < now) && all.iter().any(|s| s.subscription_end_date > now));

    let app = sandbox(Duration::from_millis(20));
    let page = search(&app, "?limit=1000", json!({"filters": [include_inactive()]})).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    assert_eq!(page.json["totalResultsCount"], all.len());
}

#[tokio::test]
async fn defaults_hide_inactive_and_sort_by_end_date_ascending() {
    let app = sandbox(Duration::from_millis(20));
    let page = search(&app, "?limit=1000", json!({})).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let items = results(&page);
    assert!(!items.is_empty());
    assert!(field(&items, "status").iter().all(|s| !INACTIVE.contains(s)));
    let ends = field(&items, "subscriptionEndDate");
    assert!(ends.windows(2).all(|w| w[0] <= w[1]), "ascending end dates");
    let with = search(&app, "?limit=1000", json!({"filters": [include_inactive()]})).await;
    let all = results(&with);
    assert!(all.len() > items.len());
    let statuses: BTreeSet<&str> = field(&all, "status").into_iter().collect();
    assert!(INACTIVE.iter().all(|s| statuses.contains(s)));
    let off = search(
        &app,
        "?limit=1000",
        json!({"filters": [{"key": "INCLUDE_INACTIVE_SUBSCRIPTIONS", "operator": "EQUALS", "value": "false"}]}),
    )
    .await;
    assert_eq!(off.json["totalResultsCount"], page.json["totalResultsCount"]);
    let empty_body = call(
        &app,
        "POST",
        &format!("/api/cpn/cphub/api/seller/v1/distributors/{DISTRIBUTOR_ORG_ID}/subscriptions/search"),
        None,
    )
    .await;
    assert_eq!(empty_body.json["totalResultsCount"], page.json["totalResultsCount"]);
    assert_eq!(results(&empty_body).len(), 10, "the default page size");
}

#[tokio::test]
async fn equals_and_like_filters() {
    let app = sandbox(Duration::from_millis(20));
    let first = results(&search(&app, "?limit=5", json!({})).await);
    let billing = first[3]["billingEngineSubscriptionId"].as_str().expect("billing id").to_string();
    let by_id = search(
        &app,
        "",
        json!({"filters": [{"key": "BILLING_ENGINE_SUBSCRIPTION_ID", "operator": "EQUALS", "value": billing}]}),
    )
    .await;
    assert_eq!(by_id.json["totalResultsCount"], 1, "{}", by_id.text);
    assert_eq!(results(&by_id)[0]["billingEngineSubscriptionId"], billing.as_str());

    let like = search(
        &app,
        "?limit=1000",
        json!({"filters": [{"key": "CUSTOMER_NAME", "operator": "LIKE", "value": "coke"}]}),
    )
    .await;
    let names = results(&like);
    assert!(!names.is_empty());
    assert!(names.iter().all(|s| s["customerRef"]["name"].as_str().is_some_and(|n| n.to_lowercase().contains("coke"))));
    let exact = search(
        &app,
        "?limit=1000",
        json!({"filters": [{"key": "CUSTOMER_NAME", "operator": "EQUALS", "value": "Coke Inc"}]}),
    )
    .await;
    assert_eq!(exact.json["totalResultsCount"], like.json["totalResultsCount"]);
    let wrong_case =
        search(&app, "", json!({"filters": [{"key": "CUSTOMER_NAME", "operator": "EQUALS", "value": "coke inc"}]}))
            .await;
    assert_eq!(wrong_case.json["totalResultsCount"], 0, "EQUALS is exact");

    let combined = search(
        &app,
        "?limit=1000",
        json!({"filters": [include_inactive(), {"key": "CUSTOMER_NAME", "operator": "LIKE", "value": "coke"}]}),
    )
    .await;
    let items = results(&combined);
    assert!(items.len() > names.len(), "inactive ones join the same customer's: {}", combined.text);
    assert!(items.iter().any(|s| INACTIVE.contains(&s["status"].as_str().unwrap_or_default())));
}

#[tokio::test]
async fn sorts_both_ways_by_end_date() {
    let app = sandbox(Duration::from_millis(20));
    let sorted = |key: &str, operator: &str| json!({"filters": [include_inactive()], "sorter": {"key": key, "operator": operator}});
    let asc = results(&search(&app, "?limit=1000", sorted("SUBSCRIPTION_END_DATE", "ASC")).await);
    let desc = results(&search(&app, "?limit=1000", sorted("SUBSCRIPTION_END_DATE", "DESC")).await);
    let (a, d) = (field(&asc, "subscriptionEndDate"), field(&desc, "subscriptionEndDate"));
    assert!(a.windows(2).all(|w| w[0] <= w[1]), "ASC");
    assert!(d.windows(2).all(|w| w[0] >= w[1]), "DESC");
    assert_eq!(a.len(), d.len());
}

#[tokio::test]
async fn pages_report_current_next_and_total() {
    let app = sandbox(Duration::from_millis(20));
    let all = search(&app, "?limit=1000", json!({"filters": [include_inactive()]})).await;
    let total = all.json["totalResultsCount"].as_u64().expect("total");
    let everything = results(&all);
    let first = search(&app, "?limit=25&offset=0", json!({"filters": [include_inactive()]})).await;
    assert_eq!((first.json["current"].as_u64(), first.json["next"].as_u64()), (Some(0), Some(25)));
    assert_eq!(first.json["totalResultsCount"], total);
    let second = search(&app, "?limit=25&offset=25", json!({"filters": [include_inactive()]})).await;
    assert_eq!((second.json["current"].as_u64(), second.json["next"].as_u64()), (Some(25), Some(50)));
    assert_eq!(results(&second), everything[25..50].to_vec());
    let last_offset = total - 7;
    let last = search(&app, &format!("?limit=25&offset={last_offset}"), json!({"filters": [include_inactive()]})).await;
    assert_eq!(results(&last).len(), 7);
    assert_eq!(last.json["next"].as_u64(), Some(total));
    let past =
        search(&app, &format!("?limit=25&offset={}", total + 10), json!({"filters": [include_inactive()]})).await;
    assert_eq!(past.status, StatusCode::OK);
    assert!(results(&past).is_empty());
}

#[tokio::test]
async fn bad_requests_and_unknown_orgs_are_refused() {
    let app = sandbox(Duration::from_millis(20));
    for query in ["?limit=0", "?limit=abc", "?offset=-1", "?limit=5000"] {
        let answer = search(&app, query, json!({})).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(answer.json["status"], 400);
        assert!(answer.json["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    for body in [
        json!({"filters": [{"key": "NOPE", "operator": "EQUALS", "value": "x"}]}),
        json!({"filters": [{"key": "CUSTOMER_NAME", "operator": "STARTS_WITH", "value": "x"}]}),
        json!({"filters": [{"key": "INCLUDE_INACTIVE_SUBSCRIPTIONS", "operator": "EQUALS", "value": "yes"}]}),
        json!({"sorter": {"key": "COLOUR", "operator": "ASC"}}),
        json!({"sorter": {"key": "SUBSCRIPTION_END_DATE", "operator": "UP"}}),
        // Keys the document does not name.
        json!({"filters": [{"key": "RESELLER_NAME", "operator": "LIKE", "value": "rack"}]}),
        json!({"filters": [{"key": "STATUS", "operator": "EQUALS", "value": "ACTIVE"}]}),
        json!({"sorter": {"key": "CUSTOMER_NAME", "operator": "ASC"}}),
        json!({"filter": []}),
    ] {
        let answer = search(&app, "", body.clone()).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{body}: {}", answer.text);
        let message = answer.json["message"].as_str().unwrap_or_default();
        assert!(
            message.starts_with("Bad Request - The request is either incomplete or incorrect"),
            "the documented text: {message}"
        );
    }
    let other = call(
        &app,
        "POST",
        "/api/cpn/cphub/api/seller/v1/distributors/00000000-0000-4000-8000-000000000000/subscriptions/search",
        Some(json!({})),
    )
    .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert_eq!(other.json["status"], 404);
    assert!(other.json["message"].as_str().is_some_and(|m| m.contains("00000000-0000-4000-8000-000000000000")));
}
