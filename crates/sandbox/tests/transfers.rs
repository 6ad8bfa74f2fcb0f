//! Moving customers in, over HTTP: the reseller change by approval code (preview, commit,
//! follow) and VIP → VIPMP membership transfers (eligibility, switches, transfer, follow).

mod common;

use axum::http::StatusCode;
use common::{call, sandbox};
use partner_model::catalog::errors::TRANSFER_REASONS;
use partner_sandbox::twin::world::World;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::Duration;

const PENDING: Duration = Duration::from_millis(20);
const SETTLE: Duration = Duration::from_millis(50);

/// The world the sandbox starts from (the same seed as `common::settings`).
fn seeded() -> World {
    partner_sandbox::vipmp::seed::world(2026, partner_sandbox::twin::time::now(), false)
}

fn used_codes(world: &World) -> BTreeSet<String> {
    world.reseller_changes.values().filter_map(|t| t.approval.as_ref().map(|a| a.code.clone())).collect()
}

/// Valid approval codes: (code, customer id, current reseller, another active reseller).
fn valid_codes(world: &World) -> Vec<(String, String, String, String)> {
    let now = partner_sandbox::twin::time::now();
    let used = used_codes(world);
    world
        .approval_codes
        .iter()
        .filter(|(code, a)| a.expires > now + 60_000 && !used.contains(*code))
        .filter_map(|(code, a)| {
            let customer = world.customers.get(&a.customer_id)?;
            let (current, segment) = (customer.reseller_id.clone(), customer.company_profile.market_segment.as_ref());
            let other = world.resellers.values().find(|r| {
                r.reseller_id != current
                    && r.status.as_str() == "1000"
                    && segment.is_none_or(|s| r.company_profile.market_segments.contains(s))
            })?;
            Some((code.clone(), a.customer_id.clone(), current, other.reseller_id.clone()))
        })
        .collect()
}

fn change(action: &str, code: &str, reseller: &str) -> Value {
    json!({"type": "RESELLER_CHANGE", "action": action, "approvalCode": code, "resellerId": reseller, "requestedBy": "admin@customer.example"})
}

fn ids(items: &Value) -> BTreeSet<String> {
    items.as_array().into_iter().flatten().filter_map(|i| i["subscriptionId"].as_str().map(str::to_string)).collect()
}

#[tokio::test]
async fn reseller_change_previews_commits_and_completes() {
    let world = seeded();
    let (code, customer, old_reseller, new_reseller) =
        valid_codes(&world).into_iter().next().expect("a valid seeded code");
    let app = sandbox(PENDING);
    let old_subs = call(&app, "GET", &format!("/v3/customers/{customer}/subscriptions"), None).await;
    assert_eq!(old_subs.status, StatusCode::OK, "{}", old_subs.text);
    let old_ids = ids(&old_subs.json["items"]);
    assert!(!old_ids.is_empty(), "the seeded customer has subscriptions");

    let preview = call(&app, "POST", "/v3/transfers", Some(change("PREVIEW", &code, &new_reseller))).await;
    assert_eq!(preview.status, StatusCode::CREATED, "{}", preview.text);
    assert_eq!(preview.json["transferId"], "");
    assert_eq!(preview.json["customerId"], customer.as_str());
    assert_eq!(preview.json["status"], "1002");
    assert_eq!(preview.json["approval"]["code"], code.as_str());
    assert!(preview.json["approval"]["expiry"].as_str().is_some_and(|e| e.ends_with('Z')));
    assert_eq!(ids(&preview.json["lineItems"]), old_ids, "preview lists the current subscriptions");
    assert_eq!(preview.json["totalCount"], old_ids.len());
    assert!(preview.json["lineItems"][0]["offerId"].as_str().is_some_and(|o| !o.is_empty()));
    assert!(preview.json["lineItems"][0]["quantity"].as_u64().is_some());

    // "201 Reseller transfer completed": at once, the subscriptions under their ids.
    let commit = call(&app, "POST", "/v3/transfers", Some(change("COMMIT", &code, &new_reseller))).await;
    assert_eq!(commit.status, StatusCode::CREATED, "{}", commit.text);
    let transfer_id = commit.json["transferId"].as_str().expect("transfer id").to_string();
    assert!(!transfer_id.is_empty());
    assert_eq!(commit.json["status"], "1000");
    assert_eq!(commit.json["resellerId"], new_reseller.as_str());
    assert_eq!(ids(&commit.json["lineItems"]), old_ids, "the preview's ids");
    assert!(commit.json.get("approval").is_none(), "{}", commit.text);

    let done = call(&app, "GET", &format!("/v3/transfers/{transfer_id}"), None).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.text);
    assert_eq!(done.json["status"], "1000");
    assert_eq!(ids(&done.json["items"]), old_ids);

    let moved = call(&app, "GET", &format!("/v3/customers/{customer}"), None).await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text);
    assert_eq!(moved.json["resellerId"], new_reseller.as_str());
    assert_ne!(old_reseller, new_reseller);
    let subs = call(&app, "GET", &format!("/v3/customers/{customer}/subscriptions"), None).await;
    assert_eq!(ids(&subs.json["items"]), old_ids, "the customer's subscriptions keep their ids");

    let again = call(&app, "POST", "/v3/transfers", Some(change("COMMIT", &code, &new_reseller))).await;
    assert_eq!((again.status, again.json["code"].as_str()), (StatusCode::BAD_REQUEST, Some("1131")));
    let again = call(&app, "POST", "/v3/transfers", Some(change("PREVIEW", &code, &new_reseller))).await;
    assert_eq!(again.json["code"], "1131");
    let created = call(&app, "GET", "/__sandbox/stats", None).await;
    assert_eq!(created.json["created"]["reseller_change"], 1);
}

#[tokio::test]
async fn reseller_change_refuses_bad_codes_resellers_and_fields() {
    let world = seeded();
    let now = partner_sandbox::twin::time::now();
    let (code, _, current, other) = valid_codes(&world).into_iter().next().expect("a valid seeded code");
    let expired =
        world.approval_codes.iter().find(|(_, a)| a.expires < now).map(|(c, _)| c.clone()).expect("an expired code");
    let used = used_codes(&world).into_iter().next().expect("a code already used");
    let app = sandbox(PENDING);
    let cases = [
        (change("PREVIEW", "00000000", &other), StatusCode::NOT_FOUND, "1128"),
        (change("COMMIT", "00000000", &other), StatusCode::NOT_FOUND, "1128"),
        (change("PREVIEW", &expired, &other), StatusCode::NOT_FOUND, "1129"),
        (change("COMMIT", &expired, &other), StatusCode::NOT_FOUND, "1129"),
        (change("PREVIEW", &used, &other), StatusCode::BAD_REQUEST, "1131"),
        (change("PREVIEW", &code, "9999999999"), StatusCode::NOT_FOUND, "1115"),
        (change("COMMIT", &code, &current), StatusCode::BAD_REQUEST, "1134"),
    ];
    for (body, status, code) in cases {
        let answer = call(&app, "POST", "/v3/transfers", Some(body.clone())).await;
        assert_eq!((answer.status, answer.json["code"].as_str()), (status, Some(code)), "{body} → {}", answer.text);
        if code == "1134" {
            assert_eq!(answer.json["additionalDetails"], json!(["INVALID_RESELLER_ID"]));
        }
    }
    let mut bad = change("PREVIEW", &code, &other);
    bad["requestedBy"] = json!("not an email");
    let answer = call(&app, "POST", "/v3/transfers", Some(bad)).await;
    assert_eq!(answer.json["code"], "1117");
    assert_eq!(answer.json["additionalDetails"], json!(["requestedBy"]));
    let mut bad = change("PREVIEW", &code, &other);
    bad["type"] = json!("VIP_TRANSFER");
    assert_eq!(call(&app, "POST", "/v3/transfers", Some(bad)).await.json["additionalDetails"], json!(["type"]));
    // A reseller, new and active, that does not sell into the customer's market segment.
    let (code, customer, _, _) = valid_codes(&world).into_iter().next().expect("a valid seeded code");
    let segment = world.customers.get(&customer).and_then(|c| c.company_profile.market_segment.clone());
    let other_segment = ["COM", "EDU", "GOV"].into_iter().find(|s| segment.as_ref().is_none_or(|m| m.as_str() != *s));
    let created = call(&app, "POST", "/v3/resellers", Some(json!({
        "distributorId": "DIST-1000",
        "companyProfile": {
            "companyName": "One Segment Resale", "preferredLanguage": "en-US", "marketSegments": [other_segment],
            "address": {"country": "US", "region": "CA", "city": "San Jose", "addressLine1": "200 Fairmont Ave", "postalCode": "95110", "phoneNumber": "800-123-4567"},
            "contacts": [{"firstName": "Mickey", "lastName": "Mouse", "email": "mickey@mouse.example"}]
        }
    }))).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text);
    tokio::time::sleep(PENDING * 5).await;
    let elsewhere = created.json["resellerId"].as_str().unwrap_or_default().to_string();
    for action in ["PREVIEW", "COMMIT"] {
        let answer = call(&app, "POST", "/v3/transfers", Some(change(action, &code, &elsewhere))).await;
        assert_eq!(
            (answer.json["code"].as_str(), &answer.json["additionalDetails"]),
            (Some("1134"), &json!(["INVALID_CUSTOMER_MARKET_SEGMENT"])),
            "{action}: {}",
            answer.text
        );
    }
    let unknown = call(&app, "GET", "/v3/transfers/12345", None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let created = call(&app, "GET", "/__sandbox/stats", None).await;
    assert!(created.json["created"].get("reseller_change").is_none(), "nothing was committed");
}

fn membership_with(world: &World, reasons: &[&str]) -> String {
    world
        .memberships
        .values()
        .find(|m| {
            m.error.is_none() && !m.transferred && m.reasons.iter().map(String::as_str).eq(reasons.iter().copied())
        })
        .map(|m| m.membership_id.clone())
        .expect("a seeded membership with those reasons")
}

fn membership_failing_with(world: &World, code: &str) -> String {
    world
        .memberships
        .values()
        .find(|m| m.error.as_deref() == Some(code))
        .map(|m| m.membership_id.clone())
        .expect("seeded")
}

fn active_reseller(world: &World) -> String {
    world
        .resellers
        .values()
        .find(|r| r.status.as_str() == "1000")
        .map(|r| r.reseller_id.clone())
        .expect("an active reseller")
}

#[tokio::test]
async fn every_transfer_reason_is_reported_and_switches_bypass_only_theirs() {
    let world = seeded();
    let app = sandbox(PENDING);
    for reason in TRANSFER_REASONS {
        let id = membership_with(&world, &[reason.code]);
        let answer = call(&app, "GET", &format!("/v3/memberships/{id}/offers"), None).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
        assert_eq!(answer.json["code"], "5117");
        assert_eq!(answer.json["additionalDetails"], json!([reason.code]));
        let both = call(
            &app,
            "GET",
            &format!("/v3/memberships/{id}/offers?ignore-order-return=true&expire-open-pas=true"),
            None,
        )
        .await;
        if reason.bypass.is_some() {
            assert_eq!(both.status, StatusCode::OK, "{} is bypassed: {}", reason.code, both.text);
            let only = reason.bypass.unwrap_or_default();
            let with_one = call(&app, "GET", &format!("/v3/memberships/{id}/offers?{only}=true"), None).await;
            assert_eq!(with_one.status, StatusCode::OK, "{only} bypasses {}", reason.code);
        } else {
            assert_eq!(both.json["additionalDetails"], json!([reason.code]), "no switch bypasses {}", reason.code);
        }
    }

    let two = membership_with(&world, &["RETURNABLE_PURCHASE", "UNPAID_INVOICE"]);
    let plain = call(&app, "GET", &format!("/v3/memberships/{two}/offers"), None).await;
    assert_eq!(plain.json["additionalDetails"], json!(["RETURNABLE_PURCHASE", "UNPAID_INVOICE"]));
    let switched = call(&app, "GET", &format!("/v3/memberships/{two}/offers?ignore-order-return=true"), None).await;
    assert_eq!(
        (switched.json["code"].as_str(), &switched.json["additionalDetails"]),
        (Some("5117"), &json!(["UNPAID_INVOICE"]))
    );
    let wrong_switch = call(&app, "GET", &format!("/v3/memberships/{two}/offers?expire-open-pas=true"), None).await;
    assert_eq!(wrong_switch.json["additionalDetails"], json!(["RETURNABLE_PURCHASE", "UNPAID_INVOICE"]));
    let transfer = call(
        &app,
        "POST",
        &format!("/v3/memberships/{two}/transfers?ignore-order-return=true"),
        Some(json!({"resellerId": active_reseller(&world)})),
    )
    .await;
    assert_eq!(transfer.json["additionalDetails"], json!(["UNPAID_INVOICE"]));

    let pair = membership_with(&world, &["OPEN_PURCHASE_AUTH", "RETURNABLE_PURCHASE"]);
    let one = call(&app, "GET", &format!("/v3/memberships/{pair}/offers?expire-open-pas=true"), None).await;
    assert_eq!(one.json["additionalDetails"], json!(["RETURNABLE_PURCHASE"]));
    let both = call(
        &app,
        "GET",
        &format!("/v3/memberships/{pair}/offers?expire-open-pas=true&ignore-order-return=true"),
        None,
    )
    .await;
    assert_eq!(both.status, StatusCode::OK);
    let bad = call(&app, "GET", &format!("/v3/memberships/{pair}/offers?expire-open-pas=maybe"), None).await;
    assert_eq!(
        (bad.json["code"].as_str(), &bad.json["additionalDetails"]),
        (Some("1117"), &json!(["expire-open-pas"]))
    );
}

#[tokio::test]
async fn membership_errors_are_the_documented_codes() {
    let world = seeded();
    let app = sandbox(PENDING);
    let reseller = active_reseller(&world);
    let cases = [
        ("99999999".to_string(), "5115"),
        (membership_failing_with(&world, "5118"), "5118"),
        (membership_failing_with(&world, "5120"), "5120"),
        (membership_failing_with(&world, "5121"), "5121"),
    ];
    for (id, code) in cases {
        let preview = call(&app, "GET", &format!("/v3/memberships/{id}/offers"), None).await;
        assert_eq!(
            (preview.status, preview.json["code"].as_str()),
            (StatusCode::BAD_REQUEST, Some(code)),
            "{}",
            preview.text
        );
        let transfer =
            call(&app, "POST", &format!("/v3/memberships/{id}/transfers"), Some(json!({"resellerId": reseller}))).await;
        assert_eq!(transfer.json["code"], code);
    }
    let eligible = membership_with(&world, &[]);
    let unknown = call(&app, "GET", &format!("/v3/memberships/{eligible}/transfers/12345"), None).await;
    assert_eq!((unknown.status, unknown.json["code"].as_str()), (StatusCode::BAD_REQUEST, Some("5116")));
    let no_reseller =
        call(&app, "POST", &format!("/v3/memberships/{eligible}/transfers"), Some(json!({"resellerId": "9999999999"})))
            .await;
    assert_eq!((no_reseller.status, no_reseller.json["code"].as_str()), (StatusCode::NOT_FOUND, Some("1115")));
    let extra = call(
        &app,
        "POST",
        &format!("/v3/memberships/{eligible}/transfers"),
        Some(json!({"resellerId": reseller, "x": 1})),
    )
    .await;
    assert_eq!(extra.json["code"], "1121");
}

#[tokio::test]
async fn membership_transfer_creates_the_customer_with_subscriptions() {
    let world = seeded();
    let app = sandbox(PENDING);
    let reseller = active_reseller(&world);
    let id = membership_with(&world, &[]);
    let membership = world.memberships.get(&id).expect("seeded").clone();

    let offers = call(&app, "GET", &format!("/v3/memberships/{id}/offers"), None).await;
    assert_eq!(offers.status, StatusCode::OK, "{}", offers.text);
    assert_eq!(offers.json["totalCount"], membership.offers.len());
    assert_eq!(offers.json["items"][0]["offerId"], membership.offers[0].offer_id.as_str());

    let started =
        call(&app, "POST", &format!("/v3/memberships/{id}/transfers"), Some(json!({"resellerId": reseller}))).await;
    assert_eq!(started.status, StatusCode::ACCEPTED, "{}", started.text);
    assert_eq!((started.json["status"].as_str(), started.json["customerId"].as_str()), (Some("1002"), Some("")));
    assert_eq!(started.json["membershipId"], id.as_str());
    assert_eq!(started.json["lineItems"][0]["subscriptionId"], "");
    let transfer_id = started.json["transferId"].as_str().expect("transfer id").to_string();
    assert_eq!(started.json["links"]["self"]["uri"], format!("/v3/memberships/{id}/transfers/{transfer_id}"));
    let busy = call(&app, "GET", &format!("/v3/memberships/{id}/offers"), None).await;
    assert_eq!(busy.json["code"], "5121", "a transfer is in progress");

    tokio::time::sleep(SETTLE).await;
    let done = call(&app, "GET", &format!("/v3/memberships/{id}/transfers/{transfer_id}"), None).await;
    assert_eq!(done.status, StatusCode::ACCEPTED, "Get Transfer Details answers 202: {}", done.text);
    assert_eq!(done.json["status"], "1000");
    let customer = done.json["customerId"].as_str().expect("customer id").to_string();
    assert!(!customer.is_empty());
    let line_ids = ids(&done.json["lineItems"]);
    assert_eq!(line_ids.len(), membership.offers.len());
    assert!(line_ids.iter().all(|s| !s.is_empty()));

    let account = call(&app, "GET", &format!("/v3/customers/{customer}"), None).await;
    assert_eq!(account.status, StatusCode::OK, "{}", account.text);
    assert_eq!(account.json["resellerId"], reseller.as_str());
    assert_eq!(account.json["status"], "1000");
    assert_eq!(account.json["companyProfile"]["companyName"], membership.company_name.as_str());
    assert_eq!(account.json["companyProfile"]["address"]["country"], membership.country.as_str());
    assert_eq!(account.json["companyProfile"]["marketSegment"], membership.segment.as_str());
    let subs = call(&app, "GET", &format!("/v3/customers/{customer}/subscriptions"), None).await;
    assert_eq!(ids(&subs.json["items"]), line_ids);

    let after = call(&app, "GET", &format!("/v3/memberships/{id}/offers"), None).await;
    assert_eq!(after.json["code"], "5118");
    let elsewhere = call(
        &app,
        "GET",
        &format!("/v3/memberships/{}/transfers/{transfer_id}", membership_with(&world, &["INACTIVE"])),
        None,
    )
    .await;
    assert_eq!(elsewhere.json["code"], "5116", "a transfer is found only under its membership");
    let created = call(&app, "GET", "/__sandbox/stats", None).await;
    assert_eq!(created.json["created"]["membership_transfer"], 1);
}

#[tokio::test]
async fn lapsed_offers_become_inactive_subscriptions() {
    let world = seeded();
    let now = partner_sandbox::twin::time::now();
    let lapsed = world
        .memberships
        .values()
        .find(|m| {
            m.reasons.is_empty()
                && m.error.is_none()
                && m.offers.iter().any(|o| o.renewal_date < partner_sandbox::twin::time::date(now))
        })
        .expect("a membership with a lapsed offer")
        .clone();
    let app = sandbox(PENDING);
    let started = call(
        &app,
        "POST",
        &format!("/v3/memberships/{}/transfers", lapsed.membership_id),
        Some(json!({"resellerId": active_reseller(&world)})),
    )
    .await;
    assert_eq!(started.status, StatusCode::ACCEPTED, "{}", started.text);
    tokio::time::sleep(SETTLE).await;
    let path = format!(
        "/v3/memberships/{}/transfers/{}",
        lapsed.membership_id,
        started.json["transferId"].as_str().unwrap_or_default()
    );
    let done = call(&app, "GET", &path, None).await;
    let customer = done.json["customerId"].as_str().unwrap_or_default().to_string();
    let subs = call(&app, "GET", &format!("/v3/customers/{customer}/subscriptions"), None).await;
    let statuses: BTreeSet<&str> =
        subs.json["items"].as_array().into_iter().flatten().filter_map(|s| s["status"].as_str()).collect();
    assert!(statuses.contains("1004") && statuses.contains("1000"), "{}", subs.text);
}

#[tokio::test]
async fn a_membership_brings_its_commitment_and_discount_code_along() {
    let world = seeded();
    let app = sandbox(PENDING);
    let reseller = active_reseller(&world);
    let committed = call(&app, "GET", "/v3/memberships/71000002/offers", None).await;
    assert_eq!(committed.json["benefits"][0]["type"], "THREE_YEAR_COMMIT", "{}", committed.text);
    assert_eq!(committed.json["benefits"][0]["commitment"]["minimumQuantities"][0]["offerType"], "LICENSE");
    assert_eq!(committed.json["discounts"][0]["level"], "12");
    let hvd = call(&app, "GET", "/v3/memberships/71000003/offers", None).await;
    assert_eq!(
        (hvd.json["discounts"][0]["level"].as_str(), hvd.json["discounts"][0]["discountCode"].as_str()),
        (Some("14"), Some("HVD_L18_PRE")),
        "{}",
        hvd.text
    );
    let plain = call(&app, "GET", "/v3/memberships/71000001/offers", None).await;
    assert!(plain.json.get("benefits").is_none() && plain.json.get("discounts").is_none(), "{}", plain.text);
    // The customer the transfer makes keeps them.
    let started = call(&app, "POST", "/v3/memberships/71000003/transfers", Some(json!({"resellerId": reseller}))).await;
    assert_eq!(started.status, StatusCode::ACCEPTED, "{}", started.text);
    let transfer_id = started.json["transferId"].as_str().expect("transfer id").to_string();
    tokio::time::sleep(SETTLE).await;
    let done = call(&app, "GET", &format!("/v3/memberships/71000003/transfers/{transfer_id}"), None).await;
    let customer = done.json["customerId"].as_str().expect("customer id").to_string();
    let account = call(&app, "GET", &format!("/v3/customers/{customer}"), None).await;
    assert_eq!(account.json["discounts"][0]["discountCode"], "HVD_L18_PRE", "{}", account.text);
    assert_eq!(account.json["tags"], json!(["HVD_MIGRATED_CUSTOMER"]));
}

/// "Migrate High Volume Discount customers": the migrated customer's Acrobat Pro lines carry
/// its code; a preview answers it whatever was sent, an order is placed only with it (5135
/// otherwise), and a renewal within the 3-Year Commit keeps it.
#[tokio::test]
async fn a_migrated_high_volume_discount_customer_orders_acrobat_with_its_code() {
    let world = seeded();
    let app = sandbox(PENDING);
    let reseller = active_reseller(&world);
    let started = call(&app, "POST", "/v3/memberships/71000003/transfers", Some(json!({"resellerId": reseller}))).await;
    assert_eq!(started.status, StatusCode::ACCEPTED, "{}", started.text);
    let transfer_id = started.json["transferId"].as_str().unwrap_or_default().to_string();
    tokio::time::sleep(SETTLE).await;
    let done = call(&app, "GET", &format!("/v3/memberships/71000003/transfers/{transfer_id}"), None).await;
    let customer = done.json["customerId"].as_str().unwrap_or_default().to_string();
    let subs = call(&app, "GET", &format!("/v3/customers/{customer}/subscriptions"), None).await;
    assert_eq!(subs.json["items"][0]["offerId"], "65304479CA01A12", "an Acrobat customer: {}", subs.text);
    let orders = format!("/v3/customers/{customer}/orders");
    let order = |kind: &str, acrobat_code: &str| {
        json!({"orderType": kind, "currencyCode": subs.json["items"][0]["currencyCode"], "lineItems": [
            {"extLineItemNumber": 1, "offerId": "65304479CA14A12", "quantity": 5, "discountCode": acrobat_code},
            {"extLineItemNumber": 2, "offerId": "65322651CA14A12", "quantity": 2}]})
    };
    // A preview answers the customer's code on Acrobat Pro, "irrespective of your entry".
    for sent in ["", "HVD_L17_POST"] {
        let preview = call(&app, "POST", &orders, Some(order("PREVIEW", sent))).await;
        assert_eq!(preview.status, StatusCode::CREATED, "{}", preview.text);
        assert_eq!(preview.json["lineItems"][0]["discountCode"], "HVD_L18_PRE", "{sent}: {}", preview.text);
        assert!(preview.json["lineItems"][1].get("discountCode").is_none(), "not asked for All Apps: {}", preview.text);
    }
    // An order is created only with the valid code.
    for sent in ["", "HVD_L17_PRE"] {
        let refused = call(&app, "POST", &orders, Some(order("NEW", sent))).await;
        assert_eq!(
            (refused.status, refused.json["code"].as_str(), &refused.json["additionalDetails"]),
            (StatusCode::BAD_REQUEST, Some("5135"), &json!(["Line Item: 1"])),
            "{sent}"
        );
    }
    let placed = call(&app, "POST", &orders, Some(order("NEW", "HVD_L18_PRE"))).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.text);
    assert_eq!(placed.json["lineItems"][0]["discountCode"], "HVD_L18_PRE");
    let id = placed.json["orderId"].as_str().unwrap_or_default().to_string();
    let read = call(&app, "GET", &format!("{orders}/{id}"), None).await;
    assert_eq!(read.json["lineItems"][0]["discountCode"], "HVD_L18_PRE", "{}", read.text);
    // An upgrade answers the code on what it adds and what it cancels; one sent must be valid.
    tokio::time::sleep(SETTLE).await;
    let subs = call(&app, "GET", &format!("/v3/customers/{customer}/subscriptions"), None).await;
    let acrobat = subs.json["items"].as_array().into_iter().flatten().find(|s| s["offerId"] == "65304479CA01A12");
    let (sub, held) = acrobat.map(|s| (s["subscriptionId"].clone(), s["currentQuantity"].clone())).unwrap_or_default();
    let switch = |code: &str| {
        json!({"orderType": "PREVIEW_SWITCH", "currencyCode": subs.json["items"][0]["currencyCode"],
            "lineItems": [{"extLineItemNumber": 1, "offerId": "65304522CA14A12", "quantity": held, "discountCode": code}],
            "cancellingItems": [{"extLineItemNumber": 1, "referenceLineItemNumber": 1, "subscriptionId": sub, "quantity": held}]})
    };
    let upgrade = call(&app, "POST", &orders, Some(switch(""))).await;
    assert_eq!(upgrade.status, StatusCode::CREATED, "{}", upgrade.text);
    assert_eq!(
        (&upgrade.json["lineItems"][0]["discountCode"], &upgrade.json["cancellingItems"][0]["discountCode"]),
        (&json!("HVD_L18_PRE"), &json!("HVD_L18_PRE")),
        "{}",
        upgrade.text
    );
    let wrong = call(&app, "POST", &orders, Some(switch("HVD_L20_PRE"))).await;
    assert_eq!(wrong.json["code"], "5135", "{}", wrong.text);
    // Within the 3-Year Commit the renewal keeps the code (its second term steps down to
    // post-price-action pricing: the unit test of `hvd::renewal_code`).
    let renewal = call(&app, "POST", &orders, Some(json!({"orderType": "PREVIEW_RENEWAL"}))).await;
    assert_eq!(renewal.status, StatusCode::CREATED, "{}", renewal.text);
    let acrobat = renewal.json["lineItems"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|l| l["offerId"].as_str().is_some_and(|o| o.starts_with("65304479")));
    assert_eq!(acrobat.map(|l| &l["discountCode"]), Some(&json!("HVD_L18_PRE")), "{}", renewal.text);
    // No code is valid for a customer without one.
    let other = world
        .customers
        .values()
        .find(|c| c.status.as_str() == "1000" && c.discounts.iter().all(|d| d.discount_code.is_empty()));
    let other = other.map(|c| c.customer_id.clone()).unwrap_or_default();
    let body = json!({"orderType": "NEW", "currencyCode": "USD", "lineItems": [
        {"extLineItemNumber": 1, "offerId": "65304479CA01A12", "quantity": 1, "discountCode": "HVD_L18_PRE"}]});
    let refused = call(&app, "POST", &format!("/v3/customers/{other}/orders"), Some(body)).await;
    assert_eq!(
        (refused.json["code"].as_str(), &refused.json["additionalDetails"]),
        (Some("5135"), &json!(["Line Item: 1"])),
        "{}",
        refused.text
    );
}

/// An active reseller whose country is (or is not) the United States or Canada.
fn active_reseller_where(world: &World, lga_country: bool) -> String {
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

#[tokio::test]
async fn a_large_government_agency_migrates_only_under_a_reseller_in_the_us_or_canada() {
    let world = seeded();
    let app = sandbox(PENDING);
    let preview = call(&app, "GET", "/v3/memberships/71000005/offers", None).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.text);
    assert_eq!(preview.json["benefits"], json!([{"type": "LARGE_GOVERNMENT_AGENCY"}]), "{}", preview.text);
    assert_eq!(preview.json["discounts"][0]["level"], "06");
    assert_eq!(preview.json["items"][0]["quantity"], 110);
    // The one refused for INSUFFICIENT_LGA_MOQ has fewer than 100 licenses.
    let short = world.memberships.values().find(|m| m.reasons == ["INSUFFICIENT_LGA_MOQ"]).expect("seeded");
    assert!(short.offers.iter().map(|o| o.quantity).sum::<u64>() < 100, "{:?}", short.offers);

    let abroad = active_reseller_where(&world, false);
    let body = |reseller: &str| Some(json!({"resellerId": reseller}));
    let refused = call(&app, "POST", "/v3/memberships/71000005/transfers", body(&abroad)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.text);
    assert_eq!(refused.json["code"], "1164", "{}", refused.text);
    assert_eq!(refused.json["message"], "Large Government Agency is not enabled for partner");

    let at_home = active_reseller_where(&world, true);
    let started = call(&app, "POST", "/v3/memberships/71000005/transfers", body(&at_home)).await;
    assert_eq!(started.status, StatusCode::ACCEPTED, "{}", started.text);
    let transfer_id = started.json["transferId"].as_str().expect("transfer id").to_string();
    tokio::time::sleep(SETTLE).await;
    let done = call(&app, "GET", &format!("/v3/memberships/71000005/transfers/{transfer_id}"), None).await;
    let customer = done.json["customerId"].as_str().expect("customer id").to_string();
    let account = call(&app, "GET", &format!("/v3/customers/{customer}"), None).await;
    assert_eq!(account.json["benefits"], json!([{"type": "LARGE_GOVERNMENT_AGENCY", "status": "ACTIVE"}]));
    assert_eq!(account.json["companyProfile"]["marketSegment"], "GOV", "{}", account.text);
    assert_eq!(account.json["companyProfile"]["marketSubSegments"], json!(["FEDERAL"]), "the agency level VIP holds");
    assert_eq!(account.json["discounts"][0]["level"], "06");
}
