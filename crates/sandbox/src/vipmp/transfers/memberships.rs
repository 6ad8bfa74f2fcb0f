//! VIP → VIPMP: previewing what a VIP membership brings over, transferring it under a reseller,
//! and following the transfer until the new VIPMP customer exists
//! (`/v3/memberships/{membershipId}/offers|transfers`). The preview shows the membership's
//! benefits and discount levels ("shown if customer is a 3yc customer"; a High Volume Discount
//! customer's `discountCode`; a Large Government Agency's benefit), and the customer the transfer
//! makes has them: the commitment as COMMITTED, the LGA benefit ACTIVE with the agency level
//! (FEDERAL or STATE) VIP holds for it (the Transfer request needs no `marketSubSegments`, "not
//! mandatory for customers migrating from VIP to VIP Marketplace"; the customer then has the one
//! sub-segment every LGA customer's update needs), and an HVD customer tagged
//! `HVD_MIGRATED_CUSTOMER`. An LGA membership transfers only under a reseller in the United
//! States or Canada (1164, "When LGA customer is trying to migrate under non-LGA distributor":
//! the twin's partners are enabled for LGA where they are, as on Create Customer), checked after
//! the reseller is found active.

use super::{blank_subscription_ids, new_subscription_id};
use crate::twin::gen::Gen;
use crate::twin::time::{date, datetime, parse};
use crate::twin::world::{Change, Millis, VipMembership, World};
use crate::twin::{ApiError, Strict, Twin};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use partner_model::catalog::errors::{EXPIRE_OPEN_PAS, IGNORE_ORDER_RETURN, TRANSFER_REASONS};
use partner_model::types::*;
use std::collections::HashMap;

const DAY: Millis = 86_400_000;

/// The two switches of preview and transfer.
#[derive(Clone, Copy, Debug, Default)]
struct Switches {
    ignore_order_return: bool,
    expire_open_pas: bool,
}

impl Switches {
    /// Reads `ignore-order-return` and `expire-open-pas` (`true`/`false`, default false).
    fn from_query(query: &HashMap<String, String>) -> Result<Switches, ApiError> {
        let flag = |name: &str| match query.get(name).map(|v| v.trim().to_ascii_lowercase()) {
            None => Ok(false),
            Some(v) if v == "true" => Ok(true),
            Some(v) if v == "false" || v.is_empty() => Ok(false),
            Some(_) => Err(ApiError::invalid_fields(vec![name.to_string()])),
        };
        Ok(Switches { ignore_order_return: flag(IGNORE_ORDER_RETURN)?, expire_open_pas: flag(EXPIRE_OPEN_PAS)? })
    }

    /// Whether the switch `name` is on.
    fn on(self, name: &str) -> bool {
        (name == IGNORE_ORDER_RETURN && self.ignore_order_return) || (name == EXPIRE_OPEN_PAS && self.expire_open_pas)
    }
}

/// The membership, if it may transfer now with these switches.
fn eligible(world: &World, membership_id: &str, switches: Switches) -> Result<VipMembership, ApiError> {
    let membership = world.memberships.get(membership_id.trim()).ok_or_else(|| ApiError::code("5115"))?;
    if membership.transferred {
        return Err(ApiError::code("5118"));
    }
    let in_progress = world
        .membership_transfers
        .values()
        .any(|t| t.membership_id == membership.membership_id && t.status == Status::Pending);
    if in_progress {
        return Err(ApiError::code("5121"));
    }
    if let Some(code) = &membership.error {
        return Err(ApiError::code(code));
    }
    let left: Vec<String> = membership
        .reasons
        .iter()
        .filter(|code| {
            let bypass = TRANSFER_REASONS.iter().find(|r| r.code == code.as_str()).and_then(|r| r.bypass);
            !bypass.is_some_and(|switch| switches.on(switch))
        })
        .cloned()
        .collect();
    if !left.is_empty() {
        return Err(ApiError::with_details("5117", left));
    }
    Ok(membership.clone())
}

/// `GET /v3/memberships/{membershipId}/offers`.
pub(super) async fn offers(
    State(twin): State<Twin>,
    Path(membership_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<MembershipOffersPreview>, ApiError> {
    let switches = Switches::from_query(&query)?;
    let membership = twin.read(|w, _| eligible(w, &membership_id, switches))?;
    let items: Vec<TransferItem> =
        membership.offers.iter().map(|o| TransferItem { line_item_number: None, ..o.clone() }).collect();
    Ok(Json(MembershipOffersPreview {
        total_count: items.len() as u64,
        items,
        benefits: membership.benefits.clone(),
        discounts: membership.discounts.clone(),
    }))
}

/// `POST /v3/memberships/{membershipId}/transfers` with `{resellerId}`.
pub(super) async fn transfer(
    State(twin): State<Twin>,
    Path(membership_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    Strict(request): Strict<MembershipTransferRequest>,
) -> Result<Response, ApiError> {
    let switches = Switches::from_query(&query)?;
    let clock = twin.clone();
    let transfer = twin.change(|w, now| {
        let membership = eligible(w, &membership_id, switches)?;
        let reseller = w.resellers.get(request.reseller_id.trim()).ok_or_else(|| ApiError::code("1115"))?;
        if reseller.status != Status::Active {
            return Err(ApiError::code("5119"));
        }
        let reseller_id = reseller.reseller_id.clone();
        if membership.benefits.iter().any(|b| b.kind == BenefitType::LargeGovernmentAgency) {
            crate::vipmp::accounts::lga_partner(w, &reseller_id)?;
        }
        let transfer_id = w.next_id();
        let transfer = MembershipTransfer {
            transfer_id: transfer_id.clone(),
            customer_id: String::new(),
            membership_id: membership.membership_id.clone(),
            reseller_id,
            creation_date: datetime(now),
            status: Status::Pending,
            line_items: membership
                .offers
                .iter()
                .enumerate()
                .map(|(i, o)| TransferItem {
                    line_item_number: Some(i as u64 + 1),
                    subscription_id: String::new(),
                    ..o.clone()
                })
                .collect(),
            links: self_link(&membership.membership_id, &transfer_id),
        };
        w.membership_transfers.insert(transfer_id.clone(), transfer.clone());
        w.schedule(clock.pending_until(now), Change::CompleteMembershipTransfer(transfer_id));
        w.count_created("membership_transfer");
        Ok(transfer)
    })?;
    Ok((StatusCode::ACCEPTED, Json(wire(&transfer))).into_response())
}

/// `GET /v3/memberships/{membershipId}/transfers/{transferId}`: 202, as its page documents
/// ("Transfer request received or initiated"), whatever the transfer's status.
pub(super) async fn get_one(
    State(twin): State<Twin>,
    Path((membership_id, transfer_id)): Path<(String, String)>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let transfer = twin.read(|w, _| w.membership_transfers.get(transfer_id.trim()).cloned());
    match transfer {
        Some(t) if t.membership_id == membership_id.trim() => Ok((StatusCode::ACCEPTED, Json(wire(&t)))),
        _ => Err(ApiError::code("5116")),
    }
}

fn self_link(membership_id: &str, transfer_id: &str) -> Links {
    let uri = format!("/v3/memberships/{membership_id}/transfers/{transfer_id}");
    Links { this: Some(Link { uri, method: "GET".into(), headers: Vec::new() }), ..Links::default() }
}

fn wire(transfer: &MembershipTransfer) -> serde_json::Value {
    let mut body = serde_json::to_value(transfer).unwrap_or_default();
    blank_subscription_ids(&mut body, "lineItems");
    if let Some(this) = body.pointer_mut("/links/self").and_then(|v| v.as_object_mut()) {
        this.entry("headers").or_insert_with(|| serde_json::Value::Array(Vec::new()));
    }
    body
}

/// The transfer has come due: the VIPMP customer is created with a subscription per offer.
pub(super) fn complete(world: &mut World, transfer_id: &str, now: Millis) {
    let Some(mut transfer) = world.membership_transfers.get(transfer_id).cloned() else { return };
    if transfer.status == Status::Active {
        return;
    }
    let Some(membership) = world.memberships.get(&transfer.membership_id).cloned() else { return };
    let customer_id = world.next_id();
    let slug: String = membership.company_name.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let coterm =
        membership.offers.iter().map(|o| o.renewal_date.clone()).filter(|d| parse(d).is_some_and(|t| t > now)).min();
    let customer = Customer {
        external_reference_id: format!("VIP-{}", membership.membership_id),
        customer_id: customer_id.clone(),
        reseller_id: transfer.reseller_id.clone(),
        company_profile: CustomerProfile {
            company_name: membership.company_name.clone(),
            preferred_language: "en-US".into(),
            market_segment: Some(MarketSegment::from_wire(&membership.segment)),
            market_sub_segments: membership.sub_segments.clone(),
            address: Address { country: membership.country.clone(), ..Address::default() },
            contacts: vec![Contact {
                first_name: "VIP".into(),
                last_name: "Administrator".into(),
                email: format!("admin@{slug}.example"),
                ..Contact::default()
            }],
        },
        coterm_date: coterm.unwrap_or_default(),
        creation_date: datetime(now),
        status: Status::Active,
        // What the preview said it brings: the commitment (committed in VIP Marketplace), the
        // Large Government Agency benefit (in force) and the discount levels; a High Volume
        // Discount customer is tagged.
        benefits: membership
            .benefits
            .iter()
            .cloned()
            .map(|mut b| {
                if let Some(c) = b.commitment.as_mut() {
                    c.status = Some(CommitmentStatus::Committed);
                }
                if b.kind == BenefitType::LargeGovernmentAgency {
                    b.status = Some("ACTIVE".into());
                }
                b
            })
            .collect(),
        tags: if membership.discounts.iter().any(|d| !d.discount_code.is_empty()) {
            vec!["HVD_MIGRATED_CUSTOMER".into()]
        } else {
            Vec::new()
        },
        discounts: membership.discounts.clone(),
        ..Customer::default()
    };
    world.customers.insert(customer_id.clone(), customer);
    // The commitment it brings ends as any other does.
    crate::vipmp::accounts::schedule_3yc(world, &customer_id);
    for item in &mut transfer.line_items {
        let id = new_subscription_id(world);
        let lapsed = parse(&item.renewal_date).is_some_and(|t| t <= now);
        let subscription = Subscription {
            subscription_id: id.clone(),
            offer_id: item.offer_id.clone(),
            current_quantity: Some(item.quantity),
            used_quantity: Some(0),
            auto_renewal: AutoRenewal { enabled: true, ..AutoRenewal::default() },
            renewal_date: item.renewal_date.clone(),
            creation_date: datetime(now),
            currency_code: item.currency_code.clone(),
            status: if lapsed { Status::Inactive } else { Status::Active },
            ..Subscription::default()
        };
        world.subscriptions.insert(id.clone(), subscription);
        world.subscription_owner.insert(id.clone(), customer_id.clone());
        item.subscription_id = id;
    }
    transfer.customer_id = customer_id;
    transfer.status = Status::Active;
    world.membership_transfers.insert(transfer_id.to_string(), transfer);
    if let Some(m) = world.memberships.get_mut(&membership.membership_id) {
        m.transferred = true;
    }
}

const COMPANIES: [&str; 12] = [
    "Aster Lane Publishing",
    "Brightfield Schools",
    "Copperleaf Marketing",
    "Driftwood Studios",
    "Elm Street Clinic",
    "Foxglove Analytics",
    "Granite Peak County",
    "Hollowbrook Media",
    "Ironwood Engineering",
    "Juniper Learning Trust",
    "Kestrel Photography",
    "Lakeside City Council",
];
const OFFERS: [&str; 6] =
    ["65304479CA01A12", "65304386CA01A12", "65322587CA01A12", "65304921CA01A12", "30006208CA01A12", "65324918CA01A12"];
const COUNTRIES: [(&str, &str); 4] = [("US", "USD"), ("CA", "CAD"), ("GB", "GBP"), ("DE", "EUR")];

/// The eligible memberships that bring something along, both 3-Year Commit customers (the
/// preview shows benefits and discounts "if customer is a 3yc customer"): 71000002 at level 12
/// with its recommitment accepted (the preview page's example), 71000003 a High Volume Discount
/// customer with its code (the HVD page's), whose Acrobat Pro orders name it (`orders::hvd`).
fn brings_along(world: &mut World, now: Millis) {
    let commitment = |licenses: u64| Commitment {
        start_date: date(now.saturating_sub(200 * DAY)),
        end_date: date(now + 895 * DAY),
        status: Some(CommitmentStatus::Active),
        minimum_quantities: vec![MinimumQuantity { offer_type: OfferType::License, quantity: licenses }],
    };
    let three_year = |commitment: Commitment, request: Option<Commitment>| Benefit {
        kind: BenefitType::ThreeYearCommit,
        status: None,
        commitment: Some(commitment),
        commitment_request: request,
        recommitment_request: None,
    };
    if let Some(m) = world.memberships.get_mut("71000002") {
        // Level 12 is a commitment of 10–49 licenses.
        let next = Commitment {
            start_date: date(now + 896 * DAY),
            end_date: date(now + 1_991 * DAY),
            status: Some(CommitmentStatus::Accepted),
            ..commitment(30)
        };
        m.benefits = vec![three_year(commitment(30), Some(next))];
        m.discounts = vec![Discount::new(OfferType::License, "12")];
    }
    if let Some(m) = world.memberships.get_mut("71000003") {
        // Level 14 is a commitment of 100 licenses or more. "Only the Acrobat customers in COM
        // … and GOV … can be migrated": 120 licenses of Acrobat Pro for teams.
        let (renewal_date, currency_code) =
            m.offers.first().map(|o| (o.renewal_date.clone(), o.currency_code.clone())).unwrap_or_default();
        m.segment = "COM".into();
        m.offers = vec![TransferItem {
            offer_id: "65304479CA01A12".into(),
            quantity: 120,
            renewal_date,
            currency_code,
            ..TransferItem::default()
        }];
        // More licenses than the commitment's minimum, as the migration requires.
        m.benefits = vec![three_year(commitment(100), None)];
        m.discounts = vec![Discount { discount_code: "HVD_L18_PRE".into(), ..Discount::new(OfferType::License, "14") }];
    }
}

/// The eligible Large Government Agency membership, 71000005 (the LGA migration page's preview:
/// `benefits` of type `LARGE_GOVERNMENT_AGENCY`): a US federal agency with 110 licenses of
/// Acrobat Pro for enterprise (a Team offer is not for LGA customers) at LGA level 06, above the
/// 100 an LGA customer needs to migrate. And the one ineligible for `INSUFFICIENT_LGA_MOQ` now
/// holds fewer than 100 licenses, as its reason says. Made without the seed's generator, so the
/// records seeded after it are as they were.
fn lga(world: &mut World, now: Millis) {
    let lga = Benefit::new(BenefitType::LargeGovernmentAgency, None);
    let membership = VipMembership {
        membership_id: "71000005".into(),
        company_name: "Federal Mapping Bureau".into(),
        country: "US".into(),
        segment: "GOV".into(),
        offers: vec![TransferItem {
            offer_id: "65304522GA01A12".into(),
            quantity: 110,
            renewal_date: date(now + 120 * DAY),
            currency_code: "USD".into(),
            ..TransferItem::default()
        }],
        reasons: Vec::new(),
        error: None,
        transferred: false,
        benefits: vec![lga.clone()],
        discounts: vec![Discount::new(OfferType::License, "06")],
        sub_segments: vec![MarketSubSegment::Federal],
    };
    world.memberships.insert(membership.membership_id.clone(), membership);
    let short = world.memberships.values_mut().find(|m| m.reasons.iter().any(|r| r == "INSUFFICIENT_LGA_MOQ"));
    if let Some(m) = short {
        m.benefits = vec![lga];
        let each = 99 / m.offers.len().max(1) as u64;
        for offer in &mut m.offers {
            offer.quantity = offer.quantity.min(each);
        }
    }
}

/// Whether a REASON_CODE concerns Large Government Agency customers (seeded as GOV, US).
fn lga_reason(code: &str) -> bool {
    code.contains("LGA") || code.contains("LM_") || code.starts_with("INVALID_LM") || code.contains("LINKED")
}

/// Seeds memberships: eligible ones, one per 5117 REASON_CODE, two multi-reason ones, and
/// the 5118, 5120 and 5121 cases.
pub(super) fn seed(world: &mut World, gen: &mut Gen, now: Millis) {
    let mut n = 0usize;
    let mut add =
        |world: &mut World, gen: &mut Gen, id: String, reasons: Vec<String>, error: Option<&str>, lapsed: bool| {
            let (mut country, currency) = COUNTRIES[n % COUNTRIES.len()];
            let mut segment = if n % 5 == 1 { "EDU" } else { "COM" };
            if reasons.iter().any(|r| lga_reason(r)) {
                (country, segment) = ("US", "GOV");
            }
            if reasons.iter().any(|r| r == "INVALID_COUNTRY") {
                country = "BR";
            }
            let anniversary = now + gen.range(20, 330) * DAY;
            let count = gen.range(1, 3) as usize;
            let start = gen.below(OFFERS.len() as u64) as usize;
            let mut offers: Vec<TransferItem> = (0..count)
                .map(|k| TransferItem {
                    offer_id: OFFERS[(start + k) % OFFERS.len()].to_string(),
                    quantity: gen.range(3, 120),
                    renewal_date: date(anniversary),
                    currency_code: currency.to_string(),
                    ..TransferItem::default()
                })
                .collect();
            if lapsed {
                offers.push(TransferItem {
                    offer_id: OFFERS[(start + count) % OFFERS.len()].to_string(),
                    quantity: gen.range(1, 20),
                    renewal_date: date(now.saturating_sub(10 * DAY)),
                    currency_code: currency.to_string(),
                    ..TransferItem::default()
                });
            }
            let membership = VipMembership {
                membership_id: id.clone(),
                company_name: format!("{} {}", COMPANIES[n % COMPANIES.len()], n / COMPANIES.len() + 1),
                country: country.into(),
                segment: segment.into(),
                offers,
                reasons,
                error: error.map(str::to_string),
                transferred: error == Some("5118"),
                benefits: Vec::new(),
                discounts: Vec::new(),
                sub_segments: Vec::new(),
            };
            world.memberships.insert(id, membership);
            n += 1;
        };
    for i in 1..=4 {
        add(world, gen, format!("{}", 71_000_000 + i), Vec::new(), None, i == 4);
    }
    brings_along(world, now);
    for (i, reason) in TRANSFER_REASONS.iter().enumerate() {
        add(world, gen, format!("{}", 72_000_001 + i), vec![reason.code.to_string()], None, false);
    }
    add(world, gen, "73000001".into(), vec!["RETURNABLE_PURCHASE".into(), "UNPAID_INVOICE".into()], None, false);
    add(world, gen, "73000002".into(), vec!["OPEN_PURCHASE_AUTH".into(), "RETURNABLE_PURCHASE".into()], None, false);
    for code in ["5118", "5120", "5121"] {
        add(world, gen, format!("7400{code}"), Vec::new(), Some(code), false);
    }
    lga(world, now);
}
