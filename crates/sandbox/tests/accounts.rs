//! HTTP tests of the account endpoints: resellers, customers (every kind), their lists, LGA
//! linked memberships, the pending → active and 3YC REQUESTED → ACCEPTED changes, and the seed.

mod common;
#[path = "accounts/customers.rs"]
mod customers;
#[path = "accounts/deployments.rs"]
mod deployments;

use axum::http::StatusCode;
use axum::Router;
use common::{call, sandbox, settings, Answer};
use partner_model::rules::account_requests::{check_customer_create, check_reseller_create};
use partner_model::types::*;
use partner_sandbox::twin::gen::Gen;
use partner_sandbox::twin::World;
use serde_json::{json, Value};
use std::time::Duration;

const DELAY: Duration = Duration::from_millis(50);

async fn settle() {
    tokio::time::sleep(Duration::from_millis(150)).await;
}

fn details(a: &Answer) -> Vec<String> {
    a.json["additionalDetails"]
        .as_array()
        .map(|v| v.iter().filter_map(|s| s.as_str().map(String::from)).collect())
        .unwrap_or_default()
}

/// `extra` with customer `id`'s stored `companyProfile`, as every PATCH of the docs sends it.
async fn with_profile(app: &axum::Router, id: &str, mut extra: Value) -> Value {
    extra["companyProfile"] =
        call(app, "GET", &format!("/v3/customers/{id}"), None).await.json["companyProfile"].clone();
    extra
}

fn assert_code(a: &Answer, status: StatusCode, code: &str) {
    assert_eq!((a.status, a.json["code"].as_str()), (status, Some(code)), "{}", a.text);
}

fn reseller_body(name: &str, country: &str, segments: &[&str]) -> Value {
    let address = match country {
        "DE" => json!({"country": "DE", "city": "Berlin", "addressLine1": "Unter den Linden 5", "postalCode": "10117"}),
        _ => {
            json!({"country": "US", "region": "CA", "city": "San Jose", "addressLine1": "200 Fairmont Ave", "postalCode": "95110-1234", "phoneNumber": "800-123-4567"})
        }
    };
    json!({
        "distributorId": "DIST-1000",
        "externalReferenceId": "888",
        "companyProfile": {
            "companyName": name, "preferredLanguage": "en-US", "marketSegments": segments, "address": address,
            "contacts": [{"firstName": "Mickey", "lastName": "Mouse", "email": "mickey@mouse.com", "phoneNumber": "408-123-4567"}]
        }
    })
}

fn customer_body(reseller: &str, name: &str, segment: &str) -> Value {
    json!({
        "resellerId": reseller,
        "externalReferenceId": "342",
        "companyProfile": {
            "companyName": name, "preferredLanguage": "en-US", "marketSegment": segment,
            "address": {"country": "US", "region": "CA", "city": "San Jose", "addressLine1": "200 Fairmont Ave", "postalCode": "95110"},
            "contacts": [{"firstName": "Donald", "lastName": "Duck", "email": "donald@duck.com"}]
        }
    })
}

fn lga_body(reseller: &str, name: &str, sub: &str) -> Value {
    let mut b = customer_body(reseller, name, "GOV");
    b["companyProfile"]["marketSubSegments"] = json!([sub]);
    b["benefits"] = json!([{"type": "LARGE_GOVERNMENT_AGENCY"}]);
    b
}

async fn reseller_id(app: &Router, name: &str) -> String {
    let a = call(app, "GET", &format!("/v3/resellers?company-name={}*", name.replace(' ', "%20")), None).await;
    a.json["accounts"][0]["resellerId"]
        .as_str()
        .map(String::from)
        .unwrap_or_else(|| panic!("no reseller {name}: {}", a.text))
}

async fn customer_id(app: &Router, reseller: &str, name: &str, status: &str) -> String {
    let path = format!(
        "/v3/resellers/{reseller}/customers?status={status}&limit=50&company-name={}",
        name.replace(' ', "%20")
    );
    let a = call(app, "GET", &path, None).await;
    a.json["accounts"][0]["customerId"]
        .as_str()
        .map(String::from)
        .unwrap_or_else(|| panic!("no customer {name}: {}", a.text))
}

async fn create_customer(app: &Router, body: Value) -> String {
    let a = call(app, "POST", "/v3/customers", Some(body)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    assert_eq!(a.json["status"], "1002");
    a.json["customerId"].as_str().map(String::from).expect("customer id")
}

#[tokio::test]
async fn a_new_reseller_is_pending_then_active() {
    let app = sandbox(DELAY);
    let a = call(&app, "POST", "/v3/resellers", Some(reseller_body("Fairmont Resale", "US", &["COM", "EDU"]))).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.text);
    assert_eq!(a.json["status"], "1002");
    assert!(a.json["creationDate"].as_str().is_some_and(|d| d.ends_with('Z')));
    let id = a.json["resellerId"].as_str().expect("id").to_string();
    assert_eq!(a.json["links"]["self"]["uri"], format!("/v3/resellers/{id}"));
    let pending =
        call(&app, "PATCH", &format!("/v3/resellers/{id}"), Some(json!({"companyProfile": a.json["companyProfile"]})))
            .await;
    assert_code(&pending, StatusCode::BAD_REQUEST, "1125");
    settle().await;
    let b = call(&app, "GET", &format!("/v3/resellers/{id}"), None).await;
    assert_eq!((b.status, b.json["status"].as_str()), (StatusCode::OK, Some("1000")));
    let no_segments = call(&app, "POST", "/v3/resellers", Some(reseller_body("Default Segment Co", "US", &[]))).await;
    assert_eq!(no_segments.json["companyProfile"]["marketSegments"], json!(["COM"]));
}

#[tokio::test]
async fn reseller_create_errors() {
    let app = sandbox(DELAY);
    let mut wrong = reseller_body("Fairmont Resale", "US", &["COM"]);
    wrong["distributorId"] = json!("OTHER-1");
    assert_code(&call(&app, "POST", "/v3/resellers", Some(wrong)).await, StatusCode::BAD_REQUEST, "1114");

    let mut bad = reseller_body("Ab", "US", &["COM"]);
    bad["companyProfile"]["contacts"][0]["email"] = json!("not an email");
    let a = call(&app, "POST", "/v3/resellers", Some(bad)).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1117");
    assert_eq!(details(&a), ["companyProfile.companyName", "companyProfile.contacts[0].email"]);
    let mut long = reseller_body("Fairmont Resale", "US", &["COM"]);
    long["externalReferenceId"] = json!("x".repeat(36));
    let a = call(&app, "POST", "/v3/resellers", Some(long)).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "2126");
    assert_eq!(details(&a), ["externalReferenceId"]);
    let mut address = reseller_body("Fairmont Resale", "US", &["COM"]);
    address["companyProfile"]["address"]["postalCode"] = json!("ABC");
    address["externalReferenceId"] = json!("x".repeat(36));
    let a = call(&app, "POST", "/v3/resellers", Some(address)).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1117");
    assert_eq!(
        details(&a),
        ["externalReferenceId", "companyProfile.address.postalCode"],
        "address and other fields: 1117"
    );

    let mut extra = reseller_body("Fairmont Resale", "US", &["COM"]);
    extra["surprise"] = json!(1);
    let a = call(&app, "POST", "/v3/resellers", Some(extra)).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1121");
    assert_eq!(details(&a), ["surprise"]);
    let a = call(&app, "POST", "/v3/resellers", Some(json!({"distributorId": "DIST-1000"}))).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1122");
}

#[tokio::test]
async fn unknown_accounts_are_404() {
    let app = sandbox(DELAY);
    assert_code(&call(&app, "GET", "/v3/resellers/9999999999", None).await, StatusCode::NOT_FOUND, "1115");
    assert_code(&call(&app, "GET", "/v3/customers/9999999999", None).await, StatusCode::NOT_FOUND, "1116");
    assert_code(&call(&app, "GET", "/v3/resellers/9999999999/customers", None).await, StatusCode::NOT_FOUND, "1115");
    let body = json!({"companyProfile": reseller_body("Fairmont Resale", "US", &["COM"])["companyProfile"]});
    assert_code(&call(&app, "PATCH", "/v3/resellers/9999999999", Some(body)).await, StatusCode::NOT_FOUND, "1115");
    assert_code(&call(&app, "PATCH", "/v3/customers/9999999999", Some(json!({}))).await, StatusCode::NOT_FOUND, "1116");
    let c = customer_body("9999999999", "Orphan Industries", "COM");
    assert_code(&call(&app, "POST", "/v3/customers", Some(c)).await, StatusCode::NOT_FOUND, "1115");
}

#[tokio::test]
async fn reseller_updates_replace_the_editable_data() {
    let app = sandbox(DELAY);
    let id = reseller_id(&app, "Northwind").await;
    let r = call(&app, "GET", &format!("/v3/resellers/{id}"), None).await.json;
    let old_first = r["companyProfile"]["contacts"][0]["firstName"].clone();
    let mut profile = r["companyProfile"].clone();
    profile["address"]["city"] = json!("Santa Clara");
    profile["contacts"][0]["firstName"] = json!("Renamed");
    profile["contacts"]
        .as_array_mut()
        .expect("contacts")
        .push(json!({"firstName": "Nia", "lastName": "Long", "email": "nia@northwind.example.com"}));
    let a = call(
        &app,
        "PATCH",
        &format!("/v3/resellers/{id}"),
        Some(json!({"externalReferenceId": "NEW-1", "companyProfile": profile})),
    )
    .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.text);
    assert_eq!(a.json["companyProfile"]["contacts"][0]["firstName"], "Renamed", "the answer echoes the request");
    let stored = call(&app, "GET", &format!("/v3/resellers/{id}"), None).await.json;
    assert_eq!(stored["externalReferenceId"], "NEW-1");
    assert_eq!(stored["companyProfile"]["address"]["city"], "Santa Clara");
    assert_eq!(stored["companyProfile"]["contacts"][0]["firstName"], old_first, "names of existing emails persist");
    assert_eq!(stored["companyProfile"]["contacts"].as_array().map(Vec::len), Some(2));

    let mut fewer = stored["companyProfile"].clone();
    fewer["marketSegments"] = json!(["COM", "EDU"]);
    let a = call(&app, "PATCH", &format!("/v3/resellers/{id}"), Some(json!({"companyProfile": fewer}))).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1134");
    assert_eq!(details(&a), ["INVALID_CUSTOMER_MARKET_SEGMENT"]);
    let mut renamed = stored["companyProfile"].clone();
    renamed["companyName"] = json!("Southwind Partners");
    let a = call(&app, "PATCH", &format!("/v3/resellers/{id}"), Some(json!({"companyProfile": renamed}))).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1119");
    assert_eq!(details(&a), ["companyProfile.companyName"]);
}

#[tokio::test]
async fn the_reseller_list_filters_sorts_and_pages() {
    let app = sandbox(DELAY);
    let all = call(&app, "GET", "/v3/resellers", None).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.text);
    assert_eq!(
        (all.json["totalCount"].as_u64(), all.json["limit"].as_u64(), all.json["offset"].as_u64()),
        (Some(6), Some(20), Some(0))
    );
    let dates: Vec<&str> =
        all.json["accounts"].as_array().expect("accounts").iter().filter_map(|a| a["creationDate"].as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first by default: {dates:?}");
    assert_eq!(
        all.json["accounts"][0]["companyProfile"],
        json!({"companyName": all.json["accounts"][0]["companyProfile"]["companyName"]})
    );

    let a = call(&app, "GET", "/v3/resellers?company-name=*SOFTWARE*", None).await;
    assert_eq!(a.json["totalCount"], 1, "{}", a.text);
    assert_eq!(a.json["accounts"][0]["companyProfile"]["companyName"], "Northwind Software Partners");
    assert_eq!(
        call(&app, "GET", "/v3/resellers?company-name=Northwind", None).await.json["totalCount"],
        0,
        "no * means the whole name"
    );

    let page = call(&app, "GET", "/v3/resellers?sort-by=companyName&order-by=ASC&limit=2&offset=2", None).await;
    let names: Vec<&str> = page.json["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .filter_map(|a| a["companyProfile"]["companyName"].as_str())
        .collect();
    assert_eq!(names, ["Müller & Söhne IT-Lösungen GmbH", "Northwind Software Partners"]);
    assert_eq!((page.json["count"].as_u64(), page.json["totalCount"].as_u64()), (Some(2), Some(6)));

    let created = call(&app, "POST", "/v3/resellers", Some(reseller_body("Pending Resale", "US", &["COM"]))).await;
    assert_eq!(created.status, StatusCode::CREATED);
    let pending = call(&app, "GET", "/v3/resellers?status=1002", None).await;
    assert_eq!(pending.json["totalCount"], 1);
    let today = &created.json["creationDate"].as_str().expect("date")[..10];
    let recent = call(
        &app,
        "GET",
        &format!("/v3/resellers?status=1002&from-created-date={today}&to-created-date={today}"),
        None,
    )
    .await;
    assert_eq!(recent.json["totalCount"], 1, "{}", recent.text);

    for (query, detail) in [
        ("limit=51", "limit"),
        ("limit=0", "limit"),
        ("status=1001", "status"),
        ("sort-by=name", "sort-by"),
        ("order-by=up", "order-by"),
        ("from-created-date=yesterday", "from-created-date"),
    ] {
        let a = call(&app, "GET", &format!("/v3/resellers?{query}"), None).await;
        assert_code(&a, StatusCode::BAD_REQUEST, "1132");
        assert_eq!(details(&a), [detail]);
    }
    assert_code(&call(&app, "GET", "/v3/resellers?offset=7", None).await, StatusCode::BAD_REQUEST, "1133");
}

#[tokio::test]
async fn the_customer_list_filters_sorts_and_pages() {
    let app = sandbox(DELAY);
    let id = reseller_id(&app, "Northwind").await;
    let active = call(&app, "GET", &format!("/v3/resellers/{id}/customers?limit=50"), None).await;
    let total = active.json["totalCount"].as_u64().expect("total");
    assert!(total >= 15, "{}", active.text);
    assert!(active.json["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .all(|c| c["status"] == "1000" && c["resellerId"] == id.as_str()));
    let pending = call(&app, "GET", &format!("/v3/resellers/{id}/customers?status=1002"), None).await;
    assert_eq!(pending.json["accounts"][0]["companyProfile"]["companyName"], "Newcomer Ventures");
    let inactive = call(&app, "GET", &format!("/v3/resellers/{id}/customers?status=1004"), None).await;
    assert_eq!(inactive.json["accounts"][0]["companyProfile"]["companyName"], "Closed Loop Recycling");
    let blue = call(
        &app,
        "GET",
        &format!("/v3/resellers/{id}/customers?company-name=blue*&sort-by=companyName&order-by=desc"),
        None,
    )
    .await;
    let names: Vec<&str> = blue.json["accounts"]
        .as_array()
        .expect("accounts")
        .iter()
        .filter_map(|a| a["companyProfile"]["companyName"].as_str())
        .collect();
    assert_eq!(names, ["Blue Harbor Logistics", "Blue Harbor Freight"]);
    let mut seen = Vec::new();
    for offset in (0..total).step_by(7) {
        let page = call(
            &app,
            "GET",
            &format!("/v3/resellers/{id}/customers?limit=7&offset={offset}&sort-by=creationDate&order-by=asc"),
            None,
        )
        .await;
        seen.extend(
            page.json["accounts"]
                .as_array()
                .expect("accounts")
                .iter()
                .map(|a| (a["creationDate"].as_str().map(String::from), a["customerId"].clone())),
        );
    }
    assert_eq!(seen.len() as u64, total);
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "oldest first, no gaps");
    let old = call(&app, "GET", &format!("/v3/resellers/{id}/customers?to-created-date=2000-01-01"), None).await;
    assert_eq!(old.json["totalCount"], 0);
}

fn seeded(now: u64) -> World {
    let mut world = World::default();
    world.distributor_id = "DIST-1000".into();
    partner_sandbox::vipmp::accounts::seed(&mut world, &mut Gen::new(2026), now, false);
    world
}

#[test]
fn the_seed_has_every_kind_of_account_and_passes_the_rules() {
    let now = partner_sandbox::twin::time::now();
    let world = seeded(now);
    assert!(world.resellers.len() >= 5 && world.customers.len() >= 50, "{} customers", world.customers.len());
    let customers: Vec<&Customer> = world.customers.values().collect();
    let segment =
        |c: &Customer| c.company_profile.market_segment.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default();
    let subs =
        |c: &Customer| c.company_profile.market_sub_segments.iter().map(|s| s.as_str().to_string()).collect::<Vec<_>>();
    for seg in ["COM", "EDU", "GOV"] {
        assert!(customers.iter().any(|c| segment(c) == seg && !c.is_lga()), "{seg}");
    }
    for sub in ["K_12", "HIGHER_ED", "NON_PROFIT"] {
        assert!(customers.iter().any(|c| subs(c) == [sub]), "{sub}");
    }
    for sub in ["FEDERAL", "STATE"] {
        assert!(customers.iter().any(|c| c.is_lga() && subs(c) == [sub]), "LGA {sub}");
    }
    // A global customer with a deployment abroad that passes the deployment's rules.
    let held = world.deployments.values().next().expect("a seeded deployment");
    let owner = world.customers.get(&held.customer_id).expect("its customer");
    assert_eq!(owner.global_sales_enabled, Some(true));
    let asking = DeploymentRequest { status: None, company_profile: Some(held.deployment.company_profile.clone()) };
    let home = &owner.company_profile.address.country;
    assert!(partner_model::rules::account_requests::check_deployment(&asking, home).is_empty());
    assert!(held.deployment.creation_date.as_str() <= partner_sandbox::twin::time::datetime(now).as_str());
    let tyc_status = |c: &Customer| -> Vec<String> {
        c.three_year_commit()
            .map(|b| {
                [&b.commitment, &b.commitment_request, &b.recommitment_request]
                    .into_iter()
                    .flatten()
                    .filter_map(|x| x.status.as_ref().map(|s| s.as_str().to_string()))
                    .collect()
            })
            .unwrap_or_default()
    };
    for status in ["REQUESTED", "ACCEPTED", "COMMITTED", "EXPIRED", "NONCOMPLIANT", "DECLINED"] {
        assert!(customers.iter().any(|c| tyc_status(c).iter().any(|s| s == status)), "3YC {status}");
    }
    assert!(customers.iter().filter(|c| c.status == Status::Pending).count() >= 2);
    assert!(customers.iter().any(|c| c.status == Status::Inactive));
    assert!(customers.iter().any(|c| !c.company_profile.company_name.is_ascii()));
    assert!(world.resellers.values().any(|r| !r.company_profile.company_name.is_ascii()));
    let kinds: Vec<&str> = world.linked_groups.iter().map(|g| g.kind.as_ref().map_or("", |k| k.as_str())).collect();
    assert!(kinds.contains(&"STANDARD") && kinds.contains(&"CONSORTIUM"));
    assert!(
        world.linked_groups.iter().any(|g| g.country == "CA") && world.linked_groups.iter().any(|g| g.country == "US")
    );
    for g in &world.linked_groups {
        let members =
            customers.iter().filter(|c| c.linked_membership.as_ref().is_some_and(|l| l.id == g.id)).count() as u64;
        assert_eq!(g.members_count, Some(members), "{}", g.name);
    }

    for r in world.resellers.values() {
        let req = ResellerCreateRequest {
            external_reference_id: r.external_reference_id.clone(),
            distributor_id: r.distributor_id.clone(),
            company_profile: r.company_profile.clone(),
        };
        assert_eq!(check_reseller_create(&req), vec![], "{}", r.company_profile.company_name);
    }
    for c in &customers {
        let mut profile = c.company_profile.clone();
        if !c.is_lga() {
            profile.market_sub_segments.clear(); // read-only EDU sub-segments are not sent
        }
        let benefits = if c.is_lga() {
            vec![BenefitRequest {
                kind: BenefitType::LargeGovernmentAgency,
                commitment_request: None,
                recommitment_request: None,
            }]
        } else {
            vec![]
        };
        let req = CustomerCreateRequest {
            reseller_id: c.reseller_id.clone(),
            external_reference_id: c.external_reference_id.clone(),
            company_profile: profile,
            benefits,
            ..CustomerCreateRequest::default()
        };
        assert_eq!(check_customer_create(&req), vec![], "{}", c.company_profile.company_name);
        assert!(world.resellers[&c.reseller_id]
            .company_profile
            .market_segments
            .contains(c.company_profile.market_segment.as_ref().expect("segment")));
    }
    assert_eq!(serde_json::to_string(&seeded(now)).ok(), serde_json::to_string(&world).ok(), "deterministic");
}

#[tokio::test]
async fn request_bodies_are_objects_not_arrays() {
    let app = sandbox(DELAY);
    let id = reseller_id(&app, "Northwind").await;
    let body = customer_body(&id, "Array Shaped Inc", "COM");
    let fields: Vec<Value> = ["resellerId", "externalReferenceId", "companyProfile"]
        .iter()
        .map(|k| body.get(*k).cloned().unwrap_or(json!("")))
        .collect();
    let a = call(&app, "POST", "/v3/customers", Some(Value::Array(fields))).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1117");
    let customer = customer_id(&app, &id, "Fairmont*", "1000").await;
    let a = call(&app, "PATCH", &format!("/v3/customers/{customer}"), Some(json!([]))).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1117");
    let mut nested = body.clone();
    let profile = &body["companyProfile"];
    nested["companyProfile"] = json!([
        profile["companyName"],
        profile["preferredLanguage"],
        profile["marketSegment"],
        [],
        profile["address"],
        profile["contacts"]
    ]);
    let a = call(&app, "POST", "/v3/customers", Some(nested)).await;
    assert_code(&a, StatusCode::BAD_REQUEST, "1117");
    let created = call(&app, "GET", &format!("/v3/resellers/{id}/customers?company-name=Array*"), None).await;
    assert_eq!(created.json["totalCount"], 0, "nothing was created");
}
