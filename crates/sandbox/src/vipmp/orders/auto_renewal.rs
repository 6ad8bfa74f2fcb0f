//! Auto-renewal on the renewal date ("Manage auto-renewals", "Manage renewals", the order
//! scenarios' "Renewal orders"): "The system picks up the subscription on the Renewal Date.
//! Subscriptions are renewed based on the configured renewal quantity"; "Adobe creates a renewal
//! order on the customer's `cotermDate`", found in the order history as a RENEWAL.
//!
//! What the documents say, as the twin does it, for each subscription (active, or scheduled: a
//! product added to the renewal) whose renewal date has come:
//! - auto-renewal on: it renews at its renewal quantity, less what early renewals renewed ("may
//!   renew the remaining quantities"), as the renewal preview shows it (the level the renewal
//!   gives, a High Growth offer's minimum, the renewal's flexible discount when the customer
//!   qualifies, the HVD code), in one RENEWAL order for the customer;
//! - everything renewed early already: no line ("does not add new line items"), but the
//!   subscription moves on ("Update the subscription attributes even when all seats were already
//!   early renewed");
//! - auto-renewal off and nothing renewed early: it expires ("Expire the subscription if
//!   auto-renew is turned off"): inactive (1004), its licenses and renewal date kept, so a late
//!   renewal may renew it in the next 14 days (`renewals`);
//! - otherwise it is active for the next term with what was renewed early and what auto-renewal
//!   renewed ("Early renewal covers part; auto-renewal completes the rest"), its renewal date a
//!   year on, `renewedQuantity` gone; a scheduled one becomes active ("The subscription becomes
//!   active with a successful renewal");
//! - then as after any renewal: the anniversary moves to the renewal date a year on unless an
//!   early renewal moved it already ("Auto-renew always rolls AD when it completes"), the HVD
//!   code steps on to the one renewed with, and the discount levels follow what is held.
//!
//! - A customer converting to Large Government Agency whose conversion fails at this
//!   anniversary: its subscriptions renewing then expire, to be renewed by hand ("If the
//!   renewal order does not meet the conditions, the subscription will expire, and the customer
//!   will need to manually place the renewal order"). The conversion, and a 3-Year Commit
//!   ending, are settled first, as of the renewal date, so the renewal has the levels they
//!   give.
//!
//! Choices where the documents are silent:
//! - One sweep a day, at 00:00 UTC (`Change::AutoRenewals`), takes the renewal dates from the
//!   previous sweep (excluded) to now: a twin that was stopped catches up on start, renewing a
//!   subscription as many times as its date came round (for up to ten years; a date older than
//!   that stays where it is). The first is scheduled when the world
//!   is seeded, for dates after that moment: dates already passed (seeded lapsed licenses) are
//!   left as seeded. Only one sweep is ever pending. A state file saved before this change has
//!   none, and its subscriptions do not auto-renew.
//! - The orders are complete when made (the docs show no open auto-renewal), created on the
//!   renewal date, one per currency of at most 499 lines ("1 to 499"), priced for a year, with
//!   no `source` (the docs show `API` only, for orders partners place), and only the
//!   flexible discounts that applied. A code set on the subscription for its renewal that
//!   applied is used up ("can be redeemed only once"): it is no longer set. A RENEWAL still open
//!   for the customer completes first, so the early licenses it renews count.
//! - At the anniversary (a license renewing; consumables renew a year from their purchase and
//!   leave the levels be), the customer's discount levels are worked out anew from what it holds
//!   for the new term, not kept from the term before ("Discount level is calculated and applied
//!   on the anniversary date with Renewal order"); a 3YC's committed level and LGA and HVD
//!   levels stay. A linked membership's member keeps its level (the membership's): "Discount
//!   levels for Linked Memberships are automatically calculated on the anniversary date of the
//!   Linked Membership", which the sweep also takes, before the renewals (`linked_levels`).
//! - A customer that is not active renews nothing, and its subscriptions keep their dates.

use super::complete::{add_years, complete_order, settle_levels_keeping};
use super::{create, hvd, renewals};
use crate::twin::time;
use crate::twin::world::{Change, Millis, World};
use partner_model::types::Status;
use std::collections::{BTreeMap, BTreeSet};

const DAY: Millis = 86_400_000;

/// How many times a stopped twin catches a subscription up (a year each).
const CATCH_UP_YEARS: usize = 10;

/// Schedules the next sweep, the only one pending: at the first 00:00 UTC after `now`, for the
/// renewal dates after `now`.
pub fn schedule(world: &mut World, now: Millis) {
    world.pending.retain(|(_, change)| !matches!(change, Change::AutoRenewals(_)));
    let midnight = now - now % DAY + DAY;
    world.schedule(midnight, Change::AutoRenewals(now));
}

/// The sweep for the renewal dates after `since` through `now`, then the next one. The linked
/// memberships' anniversaries in that time come first, so the members renew at the level their
/// membership gives.
pub fn sweep(world: &mut World, since: Millis, now: Millis) {
    super::linked_levels(world, since, now);
    for _ in 0..CATCH_UP_YEARS {
        let mut due: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (sub_id, owner) in world.subscription_owner.iter() {
            let Some(sub) = world.subscriptions.get(sub_id) else { continue };
            let date = time::parse(&sub.renewal_date);
            let active = world.customers.get(owner).is_some_and(|c| c.status == Status::Active);
            if active
                && matches!(sub.status, Status::Active | Status::Scheduled)
                && date.is_some_and(|d| since < d && d <= now)
            {
                due.entry(owner.clone()).or_default().insert(sub_id.clone());
            }
        }
        if due.is_empty() {
            break;
        }
        for (customer_id, subs) in due {
            renew(world, &customer_id, &subs, now);
        }
    }
    schedule(world, now);
}

/// Auto-renews `subs` of `customer_id`, whose renewal date has come by `now`.
fn renew(world: &mut World, customer_id: &str, subs: &BTreeSet<String>, now: Millis) {
    let open: Vec<String> = renewals::open_renewals(world, customer_id).map(|o| o.order_id.clone()).collect();
    for id in open {
        complete_order(world, &id, now);
    }
    // The renewal date (the earliest, when a stopped twin catches up): the orders are dated on
    // it, and what the anniversary settles first is settled as of it, whichever change comes
    // due first: the LGA conversion (a failed one expires these subscriptions), the 3YC's end
    // (each does nothing when not due, or done already).
    let on = subs
        .iter()
        .filter_map(|id| world.subscriptions.get(id).and_then(|s| time::parse(&s.renewal_date)))
        .min()
        .unwrap_or(now);
    // Licenses renewing are the anniversary (consumables renew a year from their purchase).
    let at_anniversary = subs.iter().any(|id| world.subscriptions.get(id).is_some_and(renewals::is_license));
    if at_anniversary && world.customers.get(customer_id).is_some_and(|c| c.lga_pending()) {
        crate::vipmp::accounts::upgrade_to_lga(world, customer_id, on);
    }
    crate::vipmp::accounts::end_commitment(world, customer_id, on);
    let renewing = |id: &String| {
        world.subscriptions.get(id).is_some_and(|s| matches!(s.status, Status::Active | Status::Scheduled))
    };
    let subs: BTreeSet<String> = subs.iter().filter(|id| renewing(id)).cloned().collect();
    if subs.is_empty() {
        return;
    }
    let orders = create::auto_renewal_orders(world, on, customer_id, |s| subs.contains(&s.subscription_id));
    let mut renewed: BTreeMap<&str, u64> = BTreeMap::new();
    let mut discounted: BTreeSet<&str> = BTreeSet::new();
    for line in orders.iter().flat_map(|o| &o.line_items) {
        let sum = renewed.entry(line.subscription_id.as_str()).or_default();
        *sum = sum.saturating_add(line.quantity);
        if !line.flex_discounts.is_empty() {
            discounted.insert(line.subscription_id.as_str());
        }
    }
    // The levels are worked out anew when licenses renew.
    let mut anniversary = false;
    for id in &subs {
        let Some(sub) = world.subscriptions.get_mut(id) else { continue };
        let next = sub.renewed_quantity.unwrap_or(0).saturating_add(renewed.get(id.as_str()).copied().unwrap_or(0));
        if next == 0 {
            sub.status = Status::Inactive;
            continue;
        }
        anniversary |= renewals::is_license(sub);
        if discounted.contains(id.as_str()) {
            sub.auto_renewal.flex_discount_codes.clear();
        }
        sub.current_quantity = Some(next);
        sub.renewed_quantity = None;
        sub.status = Status::Active;
        sub.renewal_date = add_years(&sub.renewal_date, 1);
    }
    renewals::roll_anniversary(world, customer_id, false, false);
    let lines: Vec<_> = orders.into_iter().flat_map(|o| o.line_items).collect();
    hvd::renewed(world, customer_id, &lines);
    // At the anniversary the levels are worked out anew, from what is held for the new term.
    settle_levels_keeping(world, customer_id, now, !anniversary);
}
