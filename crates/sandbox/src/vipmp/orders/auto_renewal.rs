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
//! Choices where the documents are silent:
//! - One sweep a day, at 00:00 UTC (`Change::AutoRenewals`), takes the renewal dates from the
//!   previous sweep (excluded) to now: a twin that was stopped catches up on start. The first is
//!   scheduled when the world is seeded, for dates after that moment: dates already passed
//!   (seeded lapsed licenses) are left as seeded. A state file saved before this change has no
//!   sweep, and its subscriptions do not auto-renew.
//! - The order is complete when made (the docs show no open auto-renewal), created on the
//!   renewal date, priced for a year, with no `source` (the docs show `API` only, for orders
//!   partners place). A RENEWAL still open for the customer completes first, so the early
//!   licenses it renews count.
//! - A customer that is not active renews nothing.

use super::complete::{add_years, complete_order, settle_levels};
use super::{create, hvd, renewals};
use crate::twin::time;
use crate::twin::world::{Change, Millis, World};
use partner_model::types::{LineItem, Status};
use std::collections::BTreeMap;

const DAY: Millis = 86_400_000;

/// Schedules the next sweep: at the first 00:00 UTC after `now`, for the renewal dates after
/// `now`.
pub fn schedule(world: &mut World, now: Millis) {
    let midnight = now - now % DAY + DAY;
    world.schedule(midnight, Change::AutoRenewals(now));
}

/// The sweep for the renewal dates after `since` through `now`, then the next one.
pub fn sweep(world: &mut World, since: Millis, now: Millis) {
    let mut due: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (sub_id, owner) in world.subscription_owner.iter() {
        let Some(sub) = world.subscriptions.get(sub_id) else { continue };
        let date = time::parse(&sub.renewal_date);
        if matches!(sub.status, Status::Active | Status::Scheduled) && date.is_some_and(|d| since < d && d <= now) {
            due.entry(owner.clone()).or_default().push(sub_id.clone());
        }
    }
    for (customer_id, subs) in due {
        renew(world, &customer_id, &subs, now);
    }
    schedule(world, now);
}

/// Auto-renews `subs` of `customer_id`, whose renewal date has come by `now`.
fn renew(world: &mut World, customer_id: &str, subs: &[String], now: Millis) {
    if world.customers.get(customer_id).is_none_or(|c| c.status != Status::Active) {
        return;
    }
    let open: Vec<String> = renewals::open_renewals(world, customer_id).map(|o| o.order_id.clone()).collect();
    for id in open {
        complete_order(world, &id, now);
    }
    // The order is dated on the renewal date (the earliest, when a stopped twin catches up).
    let on = subs
        .iter()
        .filter_map(|id| world.subscriptions.get(id).and_then(|s| time::parse(&s.renewal_date)))
        .min()
        .unwrap_or(now);
    let order = create::auto_renewal_order(world, on, customer_id, |s| subs.contains(&s.subscription_id));
    let lines: &[LineItem] = order.as_ref().map_or(&[], |o| o.line_items.as_slice());
    for id in subs {
        let renewed: u64 = lines.iter().filter(|l| &l.subscription_id == id).map(|l| l.quantity).sum();
        let Some(sub) = world.subscriptions.get_mut(id) else { continue };
        let next = sub.renewed_quantity.unwrap_or(0).saturating_add(renewed);
        if next == 0 {
            sub.status = Status::Inactive;
            continue;
        }
        sub.current_quantity = Some(next);
        sub.renewed_quantity = None;
        sub.status = Status::Active;
        sub.renewal_date = add_years(&sub.renewal_date, 1);
    }
    renewals::roll_anniversary(world, customer_id, false, false);
    hvd::renewed(world, customer_id, lines);
    settle_levels(world, customer_id, now);
}
