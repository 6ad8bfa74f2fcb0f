//! The reseller change: a customer's approval code lets another reseller preview and commit
//! moving the customer, with its subscriptions, to itself (`POST /v3/transfers`,
//! `GET /v3/transfers/{transferId}`). The new reseller must be active, not the current one, and
//! sell into the customer's market segment (1134, `INVALID_RESELLER_ID` or
//! `INVALID_CUSTOMER_MARKET_SEGMENT`), and for a Large Government Agency be in the United States
//! or Canada (1164, "Large Government Agency is not enabled for partner": the twin's partners
//! sell to LGA customers where they are, as on Create Customer).

use super::{blank_subscription_ids, new_subscription_id};
use crate::twin::gen::Gen;
use crate::twin::time::datetime;
use crate::twin::world::{ApprovalCode, Millis, World};
use crate::twin::{ApiError, Strict, Twin};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use partner_model::rules::email::is_email;
use partner_model::types::*;

const HOUR: Millis = 3_600_000;
const DAY: Millis = 24 * HOUR;

/// `POST /v3/transfers`: PREVIEW or COMMIT a reseller change.
pub(super) async fn create(
    State(twin): State<Twin>,
    Strict(request): Strict<ResellerChangeRequest>,
) -> Result<Response, ApiError> {
    check_fields(&request)?;
    let transfer = match request.action {
        ResellerChangeAction::Commit => twin.change(|w, now| commit(w, &request, now))?,
        _ => twin.read(|w, now| preview(w, &request, now))?,
    };
    Ok((StatusCode::CREATED, Json(wire(&transfer, "lineItems"))).into_response())
}

/// `GET /v3/transfers/{transferId}`.
pub(super) async fn get_one(State(twin): State<Twin>, Path(transfer_id): Path<String>) -> Result<Response, ApiError> {
    let transfer = twin.read(|w, _| w.reseller_changes.get(transfer_id.trim()).cloned());
    match transfer {
        Some(t) => Ok(Json(wire(&t, "items")).into_response()),
        None => Err(ApiError::plain(StatusCode::NOT_FOUND, "404", "Invalid transfer ID")),
    }
}

/// The request's own fields (1117 with the wire names of those that are wrong).
fn check_fields(request: &ResellerChangeRequest) -> Result<(), ApiError> {
    let mut wrong = Vec::new();
    if request.kind != "RESELLER_CHANGE" {
        wrong.push("type".to_string());
    }
    if matches!(request.action, ResellerChangeAction::Other(_)) {
        wrong.push("action".to_string());
    }
    if !is_email(request.requested_by.trim()) {
        wrong.push("requestedBy".to_string());
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid_fields(wrong))
    }
}

/// What a valid request is about: the code, its record and the customer.
struct Checked {
    code: String,
    approval: ApprovalCode,
    customer: Customer,
}

fn check(world: &World, request: &ResellerChangeRequest, now: Millis) -> Result<Checked, ApiError> {
    let code = request.approval_code.trim().to_string();
    let approval = world.approval_codes.get(&code).cloned().ok_or_else(|| ApiError::code("1128"))?;
    let used = world.reseller_changes.values().any(|t| t.approval.as_ref().is_some_and(|a| a.code == code));
    if used {
        return Err(ApiError::code("1131"));
    }
    if approval.expires <= now {
        return Err(ApiError::code("1129"));
    }
    let customer = world.customers.get(&approval.customer_id).cloned().ok_or_else(|| ApiError::code("1128"))?;
    let reseller = world.resellers.get(request.reseller_id.trim()).ok_or_else(|| ApiError::code("1115"))?;
    if reseller.reseller_id == customer.reseller_id || reseller.status != Status::Active {
        return Err(ApiError::with_details("1134", vec!["INVALID_RESELLER_ID".into()]));
    }
    // "Customers can be transferred as long as the new reseller is enabled to sell into the
    // customer's market segment" (1134 names INVALID_CUSTOMER_MARKET_SEGMENT for these calls).
    let segment = customer.company_profile.market_segment.as_ref();
    if segment.is_some_and(|s| !reseller.company_profile.market_segments.contains(s)) {
        return Err(ApiError::with_details("1134", vec!["INVALID_CUSTOMER_MARKET_SEGMENT".into()]));
    }
    // A Large Government Agency moves only to a partner that sells to them (LGA error codes:
    // "When LGA customer is trying to do reseller-change under non-LGA distributor").
    if customer.is_lga() {
        crate::vipmp::accounts::lga_partner(world, &reseller.reseller_id)?;
    }
    Ok(Checked { code, approval, customer })
}

/// The customer's subscriptions as transfer lines, by subscription id.
fn lines(world: &World, customer_id: &str) -> Vec<TransferItem> {
    world
        .subscription_owner
        .iter()
        .filter(|(_, owner)| owner.as_str() == customer_id)
        .filter_map(|(id, _)| world.subscriptions.get(id))
        .enumerate()
        .map(|(i, s)| TransferItem {
            line_item_number: Some(i as u64 + 1),
            offer_id: s.offer_id.clone(),
            quantity: s.current_quantity.unwrap_or(0),
            subscription_id: s.subscription_id.clone(),
            renewal_date: s.renewal_date.clone(),
            deployment_id: s.deployment_id.clone(),
            currency_code: s.currency_code.clone(),
            status: Status::default(),
        })
        .collect()
}

fn transfer_for(
    world: &World,
    request: &ResellerChangeRequest,
    checked: &Checked,
    now: Millis,
) -> ResellerChangeTransfer {
    let line_items = lines(world, &checked.customer.customer_id);
    ResellerChangeTransfer {
        transfer_id: String::new(),
        customer_id: checked.customer.customer_id.clone(),
        reseller_id: request.reseller_id.trim().to_string(),
        approval: Some(Approval { code: checked.code.clone(), expiry: datetime(checked.approval.expires) }),
        creation_date: datetime(now),
        status: Status::Pending,
        total_count: Some(line_items.len() as u64),
        line_items,
        benefits: checked.customer.benefits.clone(),
        discounts: checked.customer.discounts.clone(),
        links: Links::default(),
    }
}

fn preview(world: &World, request: &ResellerChangeRequest, now: Millis) -> Result<ResellerChangeTransfer, ApiError> {
    let checked = check(world, request, now)?;
    Ok(transfer_for(world, request, &checked, now))
}

/// Commits the change, which completes at once ("201 Reseller transfer completed", `status`
/// 1000): the customer is the receiving reseller's, its subscriptions keep their ids.
fn commit(world: &mut World, request: &ResellerChangeRequest, now: Millis) -> Result<ResellerChangeTransfer, ApiError> {
    let checked = check(world, request, now)?;
    let mut transfer = transfer_for(world, request, &checked, now);
    let id = world.next_id();
    transfer.transfer_id = id.clone();
    world.reseller_changes.insert(id.clone(), transfer);
    complete(world, &id);
    world.count_created("reseller_change");
    world.reseller_changes.get(&id).cloned().ok_or_else(|| ApiError::code("1131"))
}

/// The transfer as the API shows it: PREVIEW with the approval; COMMIT and GET without it. A
/// change still pending (from a state file written before changes completed at once) shows
/// blank ids, as the 2024 seed's did.
fn wire(transfer: &ResellerChangeTransfer, items_key: &str) -> serde_json::Value {
    let mut shown = transfer.clone();
    let preview = shown.transfer_id.is_empty();
    if !preview {
        shown.approval = None;
        if shown.status != Status::Active {
            shown.line_items.iter_mut().for_each(|i| i.subscription_id.clear());
        }
    }
    let mut body = serde_json::to_value(&shown).unwrap_or_default();
    if let Some(object) = body.as_object_mut() {
        if let Some(items) = object.remove("lineItems") {
            object.insert(items_key.to_string(), items);
        }
    }
    blank_subscription_ids(&mut body, items_key);
    body
}

/// Completes the change: the customer moves to the receiving reseller, with its subscriptions
/// under the ids they had (the commit's answer names the preview's). Also what a change pending
/// in an older state file does when it comes due.
pub(super) fn complete(world: &mut World, transfer_id: &str) {
    let Some(mut transfer) = world.reseller_changes.get(transfer_id).cloned() else { return };
    if transfer.status == Status::Active {
        return;
    }
    if let Some(customer) = world.customers.get_mut(&transfer.customer_id) {
        customer.reseller_id = transfer.reseller_id.clone();
    }
    transfer.status = Status::Active;
    world.reseller_changes.insert(transfer_id.to_string(), transfer);
}

/// Seeds approval codes: three valid, one expired, one already used by a completed change.
pub(super) fn seed(world: &mut World, gen: &mut Gen, now: Millis) {
    ensure_demo_accounts(world, gen, now);
    let active_resellers: Vec<String> =
        world.resellers.values().filter(|r| r.status == Status::Active).map(|r| r.reseller_id.clone()).collect();
    let mut candidates: Vec<(usize, String)> = world
        .customers
        .values()
        .filter(|c| c.status == Status::Active && active_resellers.contains(&c.reseller_id))
        .map(|c| {
            let subs = world.subscription_owner.values().filter(|o| **o == c.customer_id).count();
            (usize::from(subs == 0), c.customer_id.clone())
        })
        .collect();
    candidates.sort();
    let expiries = [now + 72 * HOUR - 5 * 60_000, now + 60 * HOUR, now + 48 * HOUR, now - DAY, now + 70 * HOUR];
    for (i, ((_, customer_id), expires)) in candidates.into_iter().zip(expiries).enumerate() {
        let mut code = format!("{:08}", gen.range(10_000_000, 99_999_999));
        while world.approval_codes.contains_key(&code) {
            code = format!("{:08}", gen.range(10_000_000, 99_999_999));
        }
        world.approval_codes.insert(code.clone(), ApprovalCode { customer_id: customer_id.clone(), expires });
        if i == 4 {
            seed_completed_change(world, &customer_id, &code, expires, now);
        }
    }
}

/// A change that already happened: the customer is with its current reseller through it.
fn seed_completed_change(world: &mut World, customer_id: &str, code: &str, expires: Millis, now: Millis) {
    let Some(customer) = world.customers.get(customer_id).cloned() else { return };
    let line_items = lines(world, customer_id);
    let transfer = ResellerChangeTransfer {
        transfer_id: world.next_id(),
        customer_id: customer_id.to_string(),
        reseller_id: customer.reseller_id.clone(),
        approval: Some(Approval { code: code.to_string(), expiry: datetime(expires) }),
        creation_date: datetime(now.saturating_sub(2 * HOUR)),
        status: Status::Active,
        total_count: Some(line_items.len() as u64),
        line_items,
        benefits: Vec::new(),
        discounts: Vec::new(),
        links: Links::default(),
    };
    world.reseller_changes.insert(transfer.transfer_id.clone(), transfer);
}

const DEMO_RESELLERS: [&str; 2] = ["Harbor Software Partners", "Summit Creative Solutions"];
const DEMO_CUSTOMERS: [&str; 5] = [
    "Bluewater Design Studio",
    "Cedar Valley Print Co",
    "Northlight Media Group",
    "Orchard Lane Architects",
    "Redwood Film Works",
];
const DEMO_OFFERS: [&str; 4] = ["65304479CA01A12", "65304386CA01A12", "65322587CA01A12", "30006208CA01A12"];

/// Adds demo resellers and customers (with subscriptions) when the accounts seed has too few.
fn ensure_demo_accounts(world: &mut World, gen: &mut Gen, now: Millis) {
    let active_resellers = world.resellers.values().filter(|r| r.status == Status::Active).count();
    for name in DEMO_RESELLERS.iter().skip(active_resellers.min(DEMO_RESELLERS.len())) {
        let reseller = Reseller {
            distributor_id: world.distributor_id.clone(),
            reseller_id: world.next_id(),
            company_profile: ResellerProfile {
                company_name: (*name).to_string(),
                preferred_language: "en-US".into(),
                market_segments: vec![MarketSegment::Commercial],
                address: Address { country: "US".into(), ..Address::default() },
                contacts: Vec::new(),
            },
            creation_date: datetime(now.saturating_sub(400 * DAY)),
            status: Status::Active,
            ..Reseller::default()
        };
        world.resellers.insert(reseller.reseller_id.clone(), reseller);
    }
    let Some(first_reseller) =
        world.resellers.values().find(|r| r.status == Status::Active).map(|r| r.reseller_id.clone())
    else {
        return;
    };
    let active_customers = world.customers.values().filter(|c| c.status == Status::Active).count();
    for name in DEMO_CUSTOMERS.iter().skip(active_customers.min(DEMO_CUSTOMERS.len())) {
        let customer_id = world.next_id();
        let slug: String = name.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        let customer = Customer {
            customer_id: customer_id.clone(),
            reseller_id: first_reseller.clone(),
            company_profile: CustomerProfile {
                company_name: (*name).to_string(),
                preferred_language: "en-US".into(),
                market_segment: Some(MarketSegment::Commercial),
                address: Address { country: "US".into(), ..Address::default() },
                contacts: vec![Contact {
                    first_name: "Alex".into(),
                    last_name: "Admin".into(),
                    email: format!("admin@{slug}.example"),
                    ..Contact::default()
                }],
                ..CustomerProfile::default()
            },
            creation_date: datetime(now.saturating_sub(200 * DAY)),
            status: Status::Active,
            ..Customer::default()
        };
        world.customers.insert(customer_id.clone(), customer);
        let renewal = crate::twin::time::date(now + gen.range(30, 300) * DAY);
        for offer in DEMO_OFFERS.iter().take(gen.range(1, 3) as usize) {
            let id = new_subscription_id(world);
            let quantity = gen.range(5, 60);
            let subscription = Subscription {
                subscription_id: id.clone(),
                offer_id: (*offer).to_string(),
                current_quantity: Some(quantity),
                used_quantity: Some(gen.below(quantity + 1)),
                auto_renewal: AutoRenewal { enabled: true, ..AutoRenewal::default() },
                renewal_date: renewal.clone(),
                creation_date: datetime(now.saturating_sub(200 * DAY)),
                currency_code: "USD".into(),
                status: Status::Active,
                ..Subscription::default()
            };
            world.subscriptions.insert(id.clone(), subscription);
            world.subscription_owner.insert(id, customer_id.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Large Government Agency moves only to a reseller in the United States or Canada.
    #[test]
    fn a_large_government_agency_moves_only_to_a_reseller_that_sells_to_one() {
        let now = crate::twin::time::now();
        let mut world = crate::vipmp::seed::world(2026, now, false);
        let (code, customer_id) = world
            .approval_codes
            .iter()
            .find(|(code, a)| {
                a.expires > now
                    && !world.reseller_changes.values().any(|t| t.approval.as_ref().is_some_and(|u| &u.code == *code))
            })
            .map(|(code, a)| (code.clone(), a.customer_id.clone()))
            .expect("a valid approval code");
        let Some(customer) = world.customers.get_mut(&customer_id) else { panic!("the code's customer") };
        customer.company_profile.market_segment = Some(MarketSegment::Government);
        customer.company_profile.address.country = "US".into();
        customer.benefits = vec![Benefit::new(BenefitType::LargeGovernmentAgency, Some("ACTIVE"))];
        let current = customer.reseller_id.clone();
        // Resellers of the segment, one outside the US and Canada and one inside, neither the
        // customer's own.
        for reseller in world.resellers.values_mut().filter(|r| r.reseller_id != current) {
            reseller.company_profile.market_segments.push(MarketSegment::Government);
        }
        let reseller_in = |lga_country: bool| {
            world
                .resellers
                .values()
                .find(|r| {
                    r.status == Status::Active
                        && r.reseller_id != current
                        && LGA_COUNTRIES.contains(&r.company_profile.address.country.as_str()) == lga_country
                })
                .map(|r| r.reseller_id.clone())
        };
        let abroad = reseller_in(false).expect("a reseller abroad");
        let at_home = reseller_in(true).expect("a reseller in the US or Canada");
        let request = |reseller: &str| {
            ResellerChangeRequest::new(ResellerChangeAction::Preview, &code, reseller, "ops@example.com")
        };
        assert_eq!(check(&world, &request(&abroad), now).err(), Some(ApiError::code("1164")), "refused abroad");
        assert!(check(&world, &request(&at_home), now).is_ok(), "taken at home");
    }
}
