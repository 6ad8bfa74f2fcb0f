//! Moving customers in: the reseller change by approval code (`reseller_change`) and the
//! VIP → VIPMP membership transfer (`memberships`), their seeded demo data and the changes that
//! complete them.
//!
//! Choices where the docs are silent (they go into the README):
//! - Reseller change checks, in order: body fields (1117 with the wire names: `type` must be
//!   `RESELLER_CHANGE`, `action` PREVIEW or COMMIT, `requestedBy` an email), approval code
//!   unknown (1128), already used by a committed change, pending or complete (1131), expired
//!   (1129), receiving reseller unknown (1115, 404), receiving reseller the current one or not
//!   active (1134 with `additionalDetails: ["INVALID_RESELLER_ID"]`), a Large Government Agency
//!   to a reseller outside the US and Canada (1164).
//! - PREVIEW and COMMIT both answer 201 (the docs' table). COMMIT completes the change at once
//!   (`reseller-change-commit-transfer.md`: "201 Reseller transfer completed", `status` 1000,
//!   the preview's subscription ids), where the 2024 seed showed it pending (1002) with blank
//!   ids and new ids once complete: the newer page wins. The customer is the receiving
//!   reseller's from then on, its subscriptions unchanged and under the same ids. A change left
//!   pending in an older state file completes when it comes due, and shows blank ids until
//!   then. POST answers use `lineItems`, GET uses `items` (as the docs' examples do).
//! - Seeded approval codes are 8 digits; valid ones expire 72 hours (minus a few) after start,
//!   one expired a day ago, and one belongs to a seeded completed change (1131). When the
//!   accounts seed provides fewer than five active customers with resellers, this group adds
//!   its own demo resellers, customers and subscriptions.
//! - Membership checks, in order: unknown membership (5115), already transferred (5118), a
//!   transfer in progress (5121: a pending transfer, or the seeded membership stuck in one), no
//!   admin contacts (5120), REASON_CODEs left after the switches (5117, `additionalDetails` the
//!   bare codes as the docs list them), then on transfer the reseller: unknown (1115, 404), not
//!   active (5119), or outside the US and Canada for a Large Government Agency (1164). A switch value other than `true`/`false` is 1117 naming the parameter.
//! - Membership ids: eligible `71000001`… (`71000005` a Large Government Agency), one per REASON_CODE `72000001`… (catalog order),
//!   two reasons `73000001` (RETURNABLE_PURCHASE bypassable + UNPAID_INVOICE), both switches
//!   needed `73000002`, 5118 `74005118`, 5120 `74005120`, 5121 `74005121`.
//! - A transfer answers 202, its GET 200; an unknown transfer, or one of another membership,
//!   is 5116. The new customer is active at once, with the membership's company name, country
//!   and segment, a generated admin contact, and one subscription per offer with auto-renewal
//!   on; offers whose renewal date has passed become inactive (1004) subscriptions.

mod memberships;
mod reseller_change;

use crate::twin::gen::Gen;
use crate::twin::world::{Change, Millis, World};
use crate::twin::Twin;
use axum::routing::{get, post};
use axum::Router;

/// The routes of this group, relative to the API base.
pub fn routes() -> Router<Twin> {
    Router::new()
        .route("/v3/transfers", post(reseller_change::create))
        .route("/v3/transfers/{transfer_id}", get(reseller_change::get_one))
        .route("/v3/memberships/{membership_id}/offers", get(memberships::offers))
        .route("/v3/memberships/{membership_id}/transfers", post(memberships::transfer))
        .route("/v3/memberships/{membership_id}/transfers/{transfer_id}", get(memberships::get_one))
}

/// Applies a change of this group that has come due; returns it back when it is not this group's.
pub fn apply(world: &mut World, change: Change, now: Millis) -> Option<Change> {
    match change {
        Change::CompleteResellerChange(id) => {
            reseller_change::complete(world, &id);
            None
        }
        Change::CompleteMembershipTransfer(id) => {
            memberships::complete(world, &id, now);
            None
        }
        other => Some(other),
    }
}

/// Adds this group's seeded demo data.
pub fn seed(world: &mut World, gen: &mut Gen, now: Millis, _large: bool) {
    reseller_change::seed(world, gen, now);
    memberships::seed(world, gen, now);
}

/// A fresh subscription id shaped like the docs' (`9bec01597a466898af170a5a203bb1NA`).
fn new_subscription_id(world: &mut World) -> String {
    let n = world.next_id();
    let mut g = Gen::new(n.parse().unwrap_or(1));
    format!("{:016x}{:014x}NA", g.next(), g.next() >> 8)
}

/// Adds `"subscriptionId": ""` to line items that have none, as the docs' examples show.
fn blank_subscription_ids(body: &mut serde_json::Value, key: &str) {
    if let Some(items) = body.get_mut(key).and_then(|v| v.as_array_mut()) {
        for item in items.iter_mut().filter_map(|i| i.as_object_mut()) {
            item.entry("subscriptionId").or_insert_with(|| serde_json::Value::String(String::new()));
        }
    }
}
