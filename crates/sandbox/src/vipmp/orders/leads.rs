//! Overlay recommendations: leads Adobe's agents leave for a customer, in the
//! `overlayRecommendations` block of Fetch Recommendations (`POST /v3/recommendations`).
//!
//! The documents (`recommendations-index.md`, "Overlay recommendations", and the upcoming
//! releases): a lead is "persisted within a Recommendation object"; leads "have a status of
//! `OPEN` until they are consumed during order placement or automatically expired past their
//! `expiresAt` date"; the block is "present only when leads exist for the customer".
//!
//! Choices where they are silent:
//! - The block comes only with Fetch Recommendations, where the documents place it, not with
//!   the previews' or the lists' `recommendations` block.
//! - An expired lead is still answered, as `EXPIRED` (the documented status); a consumed one
//!   is not (consumed is not a documented status).
//! - Order placement consumes a lead when the order is accepted (not previewed): a NEW order
//!   consumes the customer's open `new` leads, and a RENEWAL order its open `renew` leads, that
//!   name a product (an offer id's first eight characters) of one of the order's lines,
//!   whatever the quantities or levels.
//! - Only orders placed through Create Order consume leads: an auto-renewal consumes no lead to
//!   renew, nor does a switch or Create Subscription. A lead an order consumed stays closed if
//!   that order later fails or is returned.
//! - The upcoming releases name the call `GET /v3/recommendations`; the API's page, whose request
//!   has a body, `POST`: the twin serves `POST`, as it did before the leads.
//! - No API makes a lead (Adobe's agents do): the seed gives [`LEAD_CUSTOMER`] an open lead to
//!   buy and one that has expired, and [`RENEWAL_LEAD_CUSTOMER`] a lead to renew.
//! - Leads are answered oldest first within each kind.

use super::offers::product_of;
use super::seed::customer_named;
use crate::twin::time;
use crate::twin::world::{HeldLead, Millis, World};
use partner_model::types::{CartOffer, Lead, Order, OverlayRecommendations, Status};

/// The seeded customer Adobe's agents left a lead to buy for (and one that expired).
pub const LEAD_CUSTOMER: &str = "Summit Peak Architects";
/// The seeded customer Adobe's agents left a lead to renew for: one whose anniversary is 12
/// days away, so that renewing by hand (early) is open and the lead can be acted on.
pub const RENEWAL_LEAD_CUSTOMER: &str = "Starlight Events";

const DAY: Millis = 86_400_000;

/// `customer_id`'s leads as the answer writes them at `now`, each kind oldest first.
pub fn overlay(world: &World, customer_id: &str, now: Millis) -> OverlayRecommendations {
    let mut out = OverlayRecommendations::default();
    let mut leads: Vec<&HeldLead> = world.leads.get(customer_id).into_iter().flatten().collect();
    leads.sort_by_key(|lead| lead.created);
    for lead in leads {
        let answered = Lead {
            created_at: time::datetime(lead.created),
            expires_at: time::datetime(lead.expires),
            status: if now < lead.expires { "OPEN" } else { "EXPIRED" }.into(),
            items: lead
                .items
                .iter()
                .map(|(offer_id, quantity)| CartOffer { offer_id: offer_id.clone(), quantity: Some(*quantity) })
                .collect(),
        };
        if lead.renewal { &mut out.renew } else { &mut out.new }.push(answered);
    }
    out
}

/// Consumes the open leads of `order`'s customer of the kind the order is (a RENEWAL when
/// `renewal`, else NEW) that name one of its products.
pub fn consume(world: &mut World, order: &Order, renewal: bool, now: Millis) {
    let customer_id = order.customer_id.as_str();
    let ordered: Vec<&str> = order.line_items.iter().filter_map(|l| product_of(&l.offer_id)).collect();
    let taken = |lead: &HeldLead| {
        lead.renewal == renewal
            && now < lead.expires
            && lead.items.iter().any(|(offer, _)| product_of(offer).is_some_and(|p| ordered.contains(&p)))
    };
    if world.leads.get(customer_id).is_some_and(|leads| leads.iter().any(taken)) {
        if let Some(leads) = world.leads.get_mut(customer_id) {
            leads.retain(|lead| !taken(lead));
        }
    }
}

/// Gives [`LEAD_CUSTOMER`] a lead to buy two products it does not hold (left three days ago,
/// open for 27 more days) and one to buy that expired ten days ago, and
/// [`RENEWAL_LEAD_CUSTOMER`] a lead to renew its first active subscription with five licenses
/// more (left yesterday, open for 20 days). Draws nothing from the generator.
pub fn seed(world: &mut World, now: Millis) {
    let held = |world: &World, id: &str| -> Vec<(String, u64)> {
        super::subscriptions_of(world, id)
            .filter(|s| s.status == Status::Active && s.current_quantity.unwrap_or(0) > 0)
            .map(|s| (s.offer_id.clone(), s.current_quantity.unwrap_or(0)))
            .collect()
    };
    if let Some(id) = customer_named(world, LEAD_CUSTOMER) {
        let holds = held(world, &id);
        // Acrobat Pro for teams and Creative Cloud All Apps for teams, or what of them it does
        // not hold.
        let wanted: Vec<(String, u64)> = [("65304479CA01A12", 25), ("65322651CA01A12", 10)]
            .iter()
            .filter(|(offer, _)| !holds.iter().any(|(o, _)| product_of(o) == product_of(offer)))
            .map(|(offer, quantity)| (offer.to_string(), *quantity))
            .collect();
        let mut leads = vec![HeldLead {
            renewal: false,
            created: now - 40 * DAY,
            expires: now - 10 * DAY,
            items: vec![("30006208CA01A12".into(), 3)],
        }];
        if !wanted.is_empty() {
            leads.push(HeldLead { renewal: false, created: now - 3 * DAY, expires: now + 27 * DAY, items: wanted });
        }
        world.leads.insert(id, leads);
    }
    if let Some(id) = customer_named(world, RENEWAL_LEAD_CUSTOMER) {
        if let Some((offer, quantity)) = held(world, &id).into_iter().next() {
            let lead = HeldLead {
                renewal: true,
                created: now - DAY,
                expires: now + 20 * DAY,
                items: vec![(offer, quantity + 5)],
            };
            world.leads.insert(id, vec![lead]);
        }
    }
}
