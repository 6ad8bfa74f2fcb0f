//! Orders, subscriptions, open acquisitions and notifications of the Commerce Partner API:
//! create (NEW, PREVIEW, RETURN, PREVIEW_RENEWAL), get, update and history of orders; get and
//! update (auto-renewal) of subscriptions; licenses pending a partner order; the orders that
//! complete after a delay (`Change::CompleteOrder`); and their seeded demo data.
//!
//! Choices where the docs are silent (they go into the README):
//! - Offer ids and discount levels: see [`offers`] (the level is the 11th–12th characters).
//! - Every create answers 201 (the current docs), PREVIEW and PREVIEW_RENEWAL too, though
//!   nothing is created: they come without `orderId`, `status` or links.
//! - Checks of a create, in order: customer unknown (1116, 404); body (1121/1122/1117 from the
//!   strict decoder); `externalReferenceId` over 35 characters (2126); line count, line numbers,
//!   duplicates, quantities (1117 with the paths, `lineItems[2].quantity`; the Team limit of
//!   10,000 comes from the offer catalog); unknown offers (2122 with `lineItems[i].offerId`);
//!   offers outside the customer's or the reseller's market segment (2129 with
//!   `"Line Item: <extLineItemNumber>, Reason: INELIGIBLE_MARKET_SEGMENT"` per line, the
//!   format of the docs' 2141 example); an add-on without one of its base products, held this
//!   term or in the order (2129, `Reason: INELIGIBLE_ADD_ON`; also a manual renewal's new
//!   product without a base renewing or held, and Create Subscription's without a base held or
//!   added to the renewal); on NEW, a level better than the one PREVIEW answers (2129 with
//!   `"Line Item: <n>, Reason: ..."` naming both levels; an unknown level is 2122); then a High
//!   Volume Discount code missing or not the valid one (5135, see `hvd`), and the flexible
//!   discounts' codes. A line's
//!   `deploymentId` needs a global customer (1140) and names one of its active deployments
//!   (2138 with `"Line Item: <n>"` per line; 2139, "not allowed for this contract", is never
//!   answered: the docs do not say which contract refuses one). A customer
//!   converting to LGA (until its anniversary) orders no Team offer nor consumables (1169,
//!   `"Line Item: <n>"`).
//! - A NEW order for a pending or inactive customer is accepted (201, 1002) and fails when it
//!   would complete: 1024 (customer inactive), 1022 (reseller inactive), 1026 (customer gone).
//!   A customer still pending when the order comes due is usually active by then.
//! - RETURN: the reference order must be this customer's (else 1117 `referenceOrderId`), NEW or
//!   RENEWAL (else 1117 `referenceOrderId`), complete (else 2116), created within 14 days
//!   (else 2134); each line must name a line of the original (2131 `lineItems[i].extLineItemNumber`),
//!   with its offer (2130 `…offerId`) and whole quantity (2132 `…quantity`), not returned yet
//!   (2133 `lineItems[i]`). The returned lines become 1008 at once (no double return); the
//!   subscriptions lose the licenses when the RETURN order completes. A subscription left
//!   with none becomes inactive (1004).
//! - PREVIEW_RENEWAL lists the active subscriptions with auto-renewal on, at `renewalQuantity`
//!   (or `currentQuantity`), each at the level the total renewal quantity (or the 3YC
//!   commitment) gives, a linked membership's member at least at the membership's level;
//!   2136 when none would renew. A line whose subscription carries a
//!   flexible discount into the renewal (set on it, or reused from its order) names it in
//!   `flexDiscounts`: SUCCESS when the customer may have it on that offer now (the rules of
//!   placing an order: active or reusable, its segments and products, not an add-on, an intro
//!   discount only for a product not held unless the customer used it before), else FAILURE,
//!   an unknown code too; the preview is not refused for it, and a SUCCESS prices the line. A
//!   manual renewal's lines take codes as a new order's do (see `discounts`).
//! - History: the documented default `start-date` is the current term's start (the customer's
//!   `cotermDate` minus one year; no limit without one). `order-type` accepts the documented
//!   NEW, TRANSFER and RENEWAL, `status` the documented 1000, 1002, 1004 and 1026 (returns and
//!   other statuses are listed, not filtered on); other values, a bad date, a limit below 1 or
//!   a non-number are 1132 naming the parameter.
//!   `offer-id` matches a line's offer id at any discount level. `reseller-id` keeps the
//!   orders only when it names the customer's reseller. `offset` equal to the total gives an
//!   empty page; above it, 1133. Links repeat every filter.
//! - Subscriptions: enabled without a quantity renews every license and answers
//!   `renewalQuantity` = `currentQuantity` (the docs); an explicit quantity stays as set
//!   through orders and returns. Checks of the PATCH: unknown customer or subscription (3115),
//!   body (1121/1122/1117), more than one `autoRenewal.flexDiscountCodes` (2147, as for an
//!   order line), inactive subscription (3119), renewal in progress (renewal date today or
//!   past: 3120), quantity below 1 or above the product's limit (3116). Its code, trimmed,
//!   replaces the subscription's discount, unvalidated as the docs say; with auto-renewal off
//!   1117 `autoRenewal.enabled` ("it must be turned ON to apply PromoCode"; the docs name no
//!   code); none keeps it. `?reset-flex-discount-codes=true` with no body or `{}` (the docs'
//!   "Empty or applicable body") removes it; with an update in the body, the update is made first and
//!   the discount then removed, codes it named too. Another value of the parameter is 1132.
//!   A PATCH with `enabled` is the whole auto-renewal setting: without `renewalQuantity` it is
//!   every license. `enabled` may be left out (or `null`) beside a code, as the docs' code
//!   example says ("If it is already ON, this field is OPTIONAL"): the state and the quantity
//!   set are kept, and a subscription that is off refuses the code (1117, as above); left out
//!   without a code it is 1122 `autoRenewal.enabled`, as when it was required. The console
//!   always sends its choice. A quantity sent with auto-renewal off is ignored. Without a
//!   code set, a reusable discount an order of the subscription used is carried into its
//!   renewal while its lock lasts (see `discounts`); a code set takes priority. A High Growth
//!   offer's `autoRenewal.renewalCode` and `?reset-renewal-code=true` are in `high_growth`,
//!   as is the renewal preview's `eligibleOffers`.
//! - Completion: new subscriptions renew at the customer's `cotermDate` (set to one year on
//!   when the customer has none; consumables renew one year after the order), auto-renewal on
//!   for all licenses. A deployment's licenses are a subscription of their own, with its
//!   `deploymentId`. The customer's discount levels follow the licenses held. An ACCEPTED
//!   3YC request whose minimums are all held becomes the `commitment` (COMMITTED, start today,
//!   end one day before the third anniversary); with some met, the met types move to the
//!   commitment and the others stay requested (the 3YC page's example 3). A completed NEW
//!   order takes its licenses off the customer's open acquisitions.
//! - Open acquisitions: expired entries are left out; a customer without any answers
//!   `licenseCount: 0`. Notifications: `notification-type` must be
//!   LICENSES_PENDING_PARTNER_ORDER and `reseller-id` given (else 1117 naming the parameter),
//!   an unknown reseller is 1115; one item per customer with an unexpired license created in
//!   the last 7 days; limit default 10, at most 100.

mod acquisitions;
mod auto_renewal;
mod complete;
mod create;
mod discounts;
mod high_growth;
mod history;
mod hvd;
pub(crate) mod leads;
pub mod offers;
mod pricing;
pub(crate) mod recommendations;
mod renewals;
mod returns;
mod seed;
mod subscriptions;
mod switches;

use crate::twin::gen::Gen;
use crate::twin::time;
use crate::twin::world::{Change, Millis, World};
use crate::twin::{ApiError, Twin};
use axum::routing::get;
use axum::Router;
use partner_model::types::{Customer, Link, Links, OfferType, Status, Subscription};

pub(crate) use complete::settle_levels;
pub use seed::LARGE_CUSTOMER_ID;

/// The routes of this group, relative to the API base.
pub fn routes() -> Router<Twin> {
    Router::new()
        .route("/v3/customers/{customer_id}/orders", get(history::list).post(create::create))
        .route("/v3/customers/{customer_id}/orders/{order_id}", get(history::get_one).patch(history::update))
        .route("/v3/customers/{customer_id}/subscriptions", get(subscriptions::list).post(subscriptions::create))
        .route(
            "/v3/customers/{customer_id}/subscriptions/{subscription_id}",
            get(subscriptions::get_one).patch(subscriptions::update),
        )
        .route("/v3/customers/{customer_id}/open-acquisitions", get(acquisitions::open_acquisitions))
        .route("/v3/notifications", get(acquisitions::notifications))
        .route("/v3/flex-discounts", get(discounts::list))
        .route("/v3/recommendations", axum::routing::post(recommendations::fetch))
        .route("/v3/customers/{customer_id}/flex-discounts", get(discounts::of_customer))
        .route("/v3/offer-switch-paths", get(switches::paths))
        .route(
            "/v3/customers/{customer_id}/subscriptions/{subscription_id}/offer-switch-paths",
            get(switches::paths_of_subscription),
        )
}

/// Applies a change of this group that has come due; returns it back when it is not this group's.
pub fn apply(world: &mut World, change: Change, now: Millis) -> Option<Change> {
    match change {
        Change::CompleteOrder(id) => {
            complete::complete_order(world, &id, now);
            None
        }
        Change::CompleteOrderMovingUsers(id) => {
            complete::complete_order_moving_users(world, &id, now);
            None
        }
        Change::AutoRenewals(since) => {
            auto_renewal::sweep(world, since, now);
            None
        }
        other => Some(other),
    }
}

/// Adds this group's seeded demo data.
pub fn seed(world: &mut World, gen: &mut Gen, now: Millis, large: bool) {
    seed::seed(world, gen, now, large);
}

/// The customer `id`, or 1116.
fn customer<'a>(world: &'a World, id: &str) -> Result<&'a Customer, ApiError> {
    world.customers.get(id).ok_or_else(|| ApiError::code("1116"))
}

/// A `GET` link to `uri`.
fn get_link(uri: String) -> Link {
    Link { uri, method: "GET".into(), headers: Vec::new() }
}

/// A refusal's detail naming a line of the request, as the documents write it: `Line Item: N`,
/// then `, Reason: …` where they give one.
fn line_detail(line: &partner_model::types::LineItemRequest, reason: Option<&str>) -> String {
    match reason {
        Some(reason) => format!("Line Item: {}, Reason: {reason}", line.ext_line_item_number),
        None => format!("Line Item: {}", line.ext_line_item_number),
    }
}

/// Links with only `self`.
fn self_links(uri: String) -> Links {
    Links { this: Some(get_link(uri)), next: None, prev: None }
}

/// Whether customer `id` has a subscription of `product` (an offer id's 8-digit part) that is
/// active or scheduled to start with the next renewal: a product it "is currently subscribed
/// to", which neither Create Subscription nor a renewal's new-product line may add again.
pub(crate) fn holds_product(world: &World, id: &str, product: &str) -> bool {
    subscriptions_of(world, id)
        .any(|s| matches!(s.status, Status::Active | Status::Scheduled) && s.offer_id.starts_with(product))
}

/// Whether customer `id` has licenses of `product` this term (not only added to its renewal).
pub(crate) fn holds_licenses(world: &World, id: &str, product: &str) -> bool {
    subscriptions_of(world, id)
        .any(|s| s.status == Status::Active && s.current_quantity.unwrap_or(0) > 0 && s.offer_id.starts_with(product))
}

/// The subscriptions of customer `id`.
pub(crate) fn subscriptions_of<'a>(world: &'a World, id: &'a str) -> impl Iterator<Item = &'a Subscription> + 'a {
    world
        .subscription_owner
        .iter()
        .filter(move |(_, owner)| owner.as_str() == id)
        .filter_map(|(sub, _)| world.subscriptions.get(sub))
}

/// The licenses (or transactions) of `offer_type` the customer holds in active subscriptions.
fn held(world: &World, id: &str, offer_type: &str) -> u64 {
    subscriptions_of(world, id)
        .filter(|s| s.status == Status::Active)
        .filter(|s| offers::offer_of(&s.offer_id).is_some_and(|o| o.offer_type == offer_type))
        .map(|s| s.current_quantity.unwrap_or(0))
        .fold(0, u64::saturating_add)
}

/// The linked memberships whose anniversary came after `since` through `now` (a year from their
/// creation date, and each year on): "Discount levels for Linked Memberships are automatically
/// calculated on the anniversary date of the Linked Membership. The calculated discount level is
/// automatically applied to all members and the owner." Each level (licenses, and consumables'
/// tier) is the one what all of them hold together reaches ("they have 101 licenses and qualify
/// for level 4"), kept as the group's and given to each. A Large Government Agency group's
/// levels are the agency levels, not counted ("06"–"09"), and stay; a group without a readable
/// creation date has no anniversary.
pub(crate) fn linked_levels(world: &mut World, since: Millis, now: Millis) {
    let due: Vec<(String, String)> = world
        .linked_groups
        .iter()
        .filter(|g| g.benefit_types.is_empty() && time::parse(&g.creation_date).is_some())
        .filter(|g| {
            let created = g.creation_date.get(..10).unwrap_or_default();
            (1..=200)
                .map_while(|years| time::parse(&complete::add_years(created, years)).filter(|at| *at <= now))
                .any(|at| at > since)
        })
        .map(|g| (g.id.clone(), g.market_segment.as_ref().map_or("COM", |s| s.as_str()).to_string()))
        .collect();
    for (group_id, segment) in due {
        let members: Vec<String> = world
            .customers
            .values()
            .filter(|c| c.linked_membership.as_ref().is_some_and(|l| l.id == group_id))
            .map(|c| c.customer_id.clone())
            .collect();
        for offer_type in [OfferType::License, OfferType::Consumables] {
            let kind = offer_type.as_str();
            let total = members.iter().map(|id| held(world, id, kind)).fold(0, u64::saturating_add);
            let has_level = |c: &Customer| c.discounts.iter().any(|d| d.offer_type == offer_type);
            if total == 0 && !members.iter().any(|id| world.customers.get(id).is_some_and(has_level)) {
                continue;
            }
            let level = offers::level_for(kind, &segment, offers::tier_of_quantity(kind, total), false);
            if let Some(group) = world.linked_groups.iter_mut().find(|g| g.id == group_id) {
                complete::set_level(&mut group.discounts, &offer_type, &level);
            }
            for id in &members {
                if let Some(c) = world.customers.get_mut(id) {
                    complete::set_level(&mut c.discounts, &offer_type, &level);
                }
            }
        }
    }
}

/// A subscription id shaped like the docs' (`e0b170437c4e96ac5428364f674dffNA`).
fn new_subscription_id(world: &mut World) -> String {
    world.seq += 1;
    let mix = |x: u64| {
        let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let (a, b) = (mix(world.seq), mix(world.seq ^ 0x5555_5555));
    format!("{a:016x}{:014x}NA", b >> 8)
}
