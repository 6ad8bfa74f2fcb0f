//! Manual renewals: PREVIEW_RENEWAL with lines, and RENEWAL orders, early (before the
//! anniversary) or late (just after it).
//!
//! Choices where the docs are silent (the manual-renewals page gives the rules, not every code):
//! - The windows and the date they count from are `partner_model::rules::renewals`' (the
//!   console uses the same): the renewal date of the licenses (a lapsed one's, else the active
//!   ones'), else the customer's `cotermDate`. Early: from 30 days before it to the day before;
//!   late: from that date through the 14th day after ("typically 14 days"), for the licenses
//!   whose renewal date just passed without renewing, even when others auto-renewed (their
//!   renewal date a year on: a line of one is 3121). Outside both windows every line is 3121
//!   "Subscription Not allowed for Renewal" (`Line Item: N`).
//! - A line with a `subscriptionId` renews that subscription: unknown or another customer's is
//!   3115; another product than the subscription's is 3132, and so is a subscription of
//!   consumables (renewed otherwise); early, one not active (scheduled, emptied by a return)
//!   is 3121. Late, it renews up to the current quantity ("equal to or less than the previous
//!   term"; more is 3121 for that line). Early, it renews what is not renewed yet (current −
//!   renewed); with nothing renewed yet, a line asking more renews all of it and adds the rest
//!   as seats for the next term ("New products and extra seats allowed"), so `renewedQuantity`
//!   may pass `currentQuantity`; with part renewed, at most the rest; renewed in full, new
//!   seats only ("New seat addition … (subsequent orders) can only be executed after early
//!   renewing all the existing quantities of that product"; `renewals::most`). A Team line
//!   above its limit is 2120, as for a new order. A
//!   renewing part of what is left, in an order with other lines, is 3121, for each such line
//!   (`renewals-error-codes.md`: a partly renewed subscription cannot be combined;
//!   `renewals::partial_with_others`).
//! - A line without one is a new product: early only (late is 3132, "same products only"); for
//!   a product the customer already has a subscription of, 3121 (the docs: "rejected if a
//!   subscriptionId is found for the offerId").
//! - A RENEWAL while another is still open (1002) is 4122 ("already being processed"; the docs:
//!   "subsequent renewal orders are allowed only after the previous order is fully
//!   processed"). A preview meanwhile counts the open order's licenses as renewed (a line
//!   asking more adds seats).
//! - 2164 ("All subscriptions are already renewed") answers the auto-renewal preview only: a
//!   manual line on a subscription renewed in full asks for new seats, which the docs allow.
//! - Early, in the final term of a 3-Year Commit without an accepted recommitment: 3133
//!   ([`partner_model::rules::renewals::final_commit_term`]), before the lines are looked at;
//!   a late renewal, after the anniversary, is not an early one and is not refused.
//! - Lines are answered at the level the renewal gives (the renewal's own totals, as for the
//!   auto-renewal preview) and priced for a full year with `fetch-price=true`.
//! - A RENEWAL is open (1002) and completes like any order. Early: `renewedQuantity` grows, and
//!   the first early renewal of the term moves the AD a year on. Late: the subscription is
//!   active again for the quantity renewed, its renewal date a year on, and so is the AD. New
//!   products become subscriptions. After an early renewal, the auto-renewal preview leaves
//!   out what is already renewed.
//! - A RETURN of an early renewal takes back the renewed licenses (`renewedQuantity` goes
//!   down), not the current term's; the anniversary stays where the renewal moved it. The twin
//!   keeps one `renewedQuantity`, seats added and licenses renewed together: returning an
//!   earlier renewal while later added seats stand leaves auto-renewal (which renews the
//!   renewal quantity less what is renewed) short by the added seats. The docs' example returns
//!   a single early renewal.
//! - A line's level is the one its own order's licenses give; licenses renewed by earlier early
//!   renewals of the term are not counted with them (the auto-renewal preview, and the renewal
//!   on the anniversary, count them).

use super::offers::{self, OfferId};
use super::{line_detail, subscriptions_of};
use crate::twin::time;
use crate::twin::world::{Millis, World};
use crate::twin::ApiError;
use partner_model::rules::renewals::{self, renewable, window_at, Window};
use partner_model::types::{Customer, LineItem, LineItemRequest, Order, OrderType, Status, Subscription};
use std::collections::BTreeMap;

/// The customer's renewal date at `now` ([`renewals::renewal_date`]); with no license active or
/// lapsed in the window, its anniversary.
pub fn renewal_date(world: &World, customer: &Customer, now: Millis) -> Option<Millis> {
    let licenses: Vec<_> = subscriptions_of(world, &customer.customer_id).filter(|s| is_license(s)).collect();
    renewals::renewal_date(licenses.iter().copied(), now).or_else(|| time::parse(&customer.coterm_date))
}

/// The RENEWAL orders of `customer_id` still being processed (1002).
pub fn open_renewals<'a>(world: &'a World, customer_id: &'a str) -> impl Iterator<Item = &'a Order> + 'a {
    world.orders.values().filter(move |o| {
        o.customer_id == customer_id && o.order_type == Some(OrderType::Renewal) && o.status == Status::Pending
    })
}

/// Licenses of each subscription that an open (1002) RENEWAL order of `customer_id` renews.
fn renewing(world: &World, customer_id: &str) -> BTreeMap<String, u64> {
    let mut pending: BTreeMap<String, u64> = BTreeMap::new();
    let open = open_renewals(world, customer_id);
    for line in open.flat_map(|o| &o.line_items).filter(|l| !l.subscription_id.is_empty()) {
        *pending.entry(line.subscription_id.clone()).or_default() += line.quantity;
    }
    pending
}

/// Which of a customer's subscriptions may be renewed by hand at a time, which the API answers
/// as `allowedActions: ["MANUAL_RENEWAL"]` ("whether a subscription can be selected for manual
/// renewal"): a license, in an open window of the customer's renewal date, with no renewal order
/// being processed (4122 otherwise); early, an active one (new seats may be added to one renewed
/// in full) outside the final 3YC term (3133); late, one that lapsed with licenses to renew; not
/// a Team offer while the customer converts to LGA (1169). The docs' example is a lapsed (1004)
/// subscription. Worked out once per customer ([`ManualRenewal::at`]), then asked per
/// subscription: a list of thousands asks it of each.
pub struct ManualRenewal<'a> {
    customer: &'a Customer,
    now: Millis,
    /// The window open, unless a renewal order is being processed.
    window: Option<Window>,
    final_term: bool,
}

impl<'a> ManualRenewal<'a> {
    pub fn at(world: &World, customer: &'a Customer, now: Millis) -> Self {
        let date = renewal_date(world, customer, now);
        let open = open_renewals(world, &customer.customer_id).next().is_some();
        let window = date.and_then(|d| window_at(d, now)).filter(|_| !open);
        let final_term = date.is_some_and(|d| renewals::final_commit_term(customer, d));
        ManualRenewal { customer, now, window, final_term }
    }

    /// Whether `sub` may be renewed by hand.
    pub fn allows(&self, sub: &Subscription) -> bool {
        if !is_license(sub)
            || (self.customer.lga_pending() && offers::offer_of(&sub.offer_id).is_some_and(offers::not_for_lga))
        {
            return false;
        }
        match self.window {
            Some(Window::Early) => sub.status == Status::Active && !self.final_term,
            Some(Window::Late) => renewals::lapsed(sub, self.now) && renewable(sub, Window::Late) > 0,
            None => false,
        }
    }
}

/// Checks a manual renewal's `lines` for `customer` at `now` and answers them at the level the
/// renewal gives.
pub fn price_renewal(
    world: &World,
    customer: &Customer,
    now: Millis,
    lines: &[LineItemRequest],
    currency: &str,
) -> Result<Vec<LineItem>, ApiError> {
    let from = renewal_date(world, customer, now);
    let Some(window) = from.and_then(|date| window_at(date, now)) else {
        return Err(ApiError::with_details("3121", lines.iter().map(|l| line_detail(l, None)).collect()));
    };
    if window == Window::Early && from.is_some_and(|date| renewals::final_commit_term(customer, date)) {
        return Err(ApiError::code("3133"));
    }
    let subs: Vec<_> = subscriptions_of(world, &customer.customer_id).collect();
    let pending = renewing(world, &customer.customer_id);
    let renewing_now = |id: &str| pending.get(id).copied().unwrap_or(0);
    let mut parsed = Vec::new();
    // Each line's licenses and what its subscription has left (none for a new product).
    let mut amounts = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let id = OfferId::parse(&line.offer_id).filter(|id| id.offer().is_some());
        let Some(id) = id else { return Err(ApiError::with_details("2122", vec![line_detail(line, None)])) };
        if id.offer().is_some_and(|o| offers::over_team_limit(o, line.quantity)) {
            return Err(ApiError::with_details("2120", vec![format!("lineItems[{at}].quantity")]));
        }
        // A customer converting to LGA orders no Team offer nor consumables, renewals included.
        if customer.lga_pending() && id.offer().is_some_and(offers::not_for_lga) {
            return Err(ApiError::with_details("1169", vec![line_detail(line, None)]));
        }
        if line.subscription_id.is_empty() {
            if window == Window::Late {
                return Err(ApiError::with_details("3132", vec![line_detail(line, None)]));
            }
            if super::holds_product(world, &customer.customer_id, &id.product) {
                return Err(ApiError::with_details("3121", vec![line_detail(line, None)]));
            }
            amounts.push((line.quantity, None));
        } else {
            let Some(sub) = subs.iter().find(|s| s.subscription_id == line.subscription_id) else {
                return Err(ApiError::with_details("3115", vec![line_detail(line, None)]));
            };
            if !sub.offer_id.starts_with(&id.product) || !is_license(sub) {
                return Err(ApiError::with_details("3132", vec![line_detail(line, None)]));
            }
            if window == Window::Early && sub.status != Status::Active {
                return Err(ApiError::with_details("3121", vec![line_detail(line, None)]));
            }
            // Late, only a subscription whose renewal date just passed: not one that renewed.
            if window == Window::Late && !renewals::lapsed(sub, now) {
                return Err(ApiError::with_details("3121", vec![line_detail(line, None)]));
            }
            let left = renewable(sub, window).saturating_sub(renewing_now(&sub.subscription_id));
            let renewed = sub.renewed_quantity.unwrap_or(0).saturating_add(renewing_now(&sub.subscription_id));
            if renewals::most(window, left, renewed).is_some_and(|most| line.quantity > most) {
                return Err(ApiError::with_details("3121", vec![line_detail(line, None)]));
            }
            amounts.push((line.quantity, Some(left)));
        }
        parsed.push(id);
    }
    let partial = renewals::partial_with_others(&amounts);
    if !partial.is_empty() {
        let details = partial.iter().filter_map(|&i| lines.get(i)).map(|l| line_detail(l, None)).collect();
        return Err(ApiError::with_details("3121", details));
    }
    // A new product that is an add-on renews with a base: one renewed here, or held.
    let renewed: Vec<&str> = parsed.iter().map(|id| id.product.as_str()).collect();
    let lonely: Vec<String> = lines
        .iter()
        .zip(&parsed)
        .filter(|(line, id)| {
            line.subscription_id.is_empty()
                && offers::lacks_base(&id.product, |b| {
                    renewed.contains(&b) || super::holds_product(world, &customer.customer_id, b)
                })
        })
        .map(|(line, _)| line_detail(line, Some("INELIGIBLE_ADD_ON")))
        .collect();
    if !lonely.is_empty() {
        return Err(ApiError::with_details("2129", lonely));
    }
    let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
    for (line, id) in lines.iter().zip(&parsed) {
        if let Some(o) = id.offer() {
            *totals.entry(o.offer_type).or_default() += line.quantity;
        }
    }
    Ok(lines
        .iter()
        .zip(&parsed)
        .map(|(line, id)| {
            let offer_type = id.offer().map_or("LICENSE", |o| o.offer_type);
            let total = totals.get(offer_type).copied().unwrap_or(line.quantity);
            LineItem {
                ext_line_item_number: line.ext_line_item_number,
                offer_id: id.at_level(&offers::eligible_level(customer, offer_type, total, false)),
                quantity: line.quantity,
                subscription_id: line.subscription_id.clone(),
                currency_code: currency.to_string(),
                ..LineItem::default()
            }
        })
        .collect())
}

/// Applies a completed RENEWAL's line to its subscription at `now`; `early` says which window
/// the order was placed in. Returns whether the line renewed a subscription (else it is a new
/// product, for the caller to create).
pub fn renew_line(world: &mut World, line: &LineItem, early: bool) -> bool {
    let Some(sub) = world.subscriptions.get_mut(&line.subscription_id) else { return false };
    if early {
        sub.renewed_quantity = Some(sub.renewed_quantity.unwrap_or(0).saturating_add(line.quantity));
    } else {
        sub.current_quantity = Some(line.quantity);
        sub.status = Status::Active;
        sub.renewal_date = super::complete::add_years(&sub.renewal_date, 1);
    }
    true
}

/// Whether a return of order `returned`, on `subscription_id`, takes back the next term's
/// licenses: a RENEWAL's return whose subscription holds licenses renewed early ("Return order
/// after early renewal"). Otherwise (a late renewal's line, a new product's) it takes the
/// licenses themselves.
pub fn takes_next_term(world: &World, returned: &str, subscription_id: &str) -> bool {
    let of_renewal = world.orders.get(returned).is_some_and(|o| o.order_type == Some(OrderType::Renewal));
    of_renewal && world.subscriptions.get(subscription_id).is_some_and(|s| s.renewed_quantity.unwrap_or(0) > 0)
}

/// Undoes an early renewal's `line` (a RETURN of it, [`takes_next_term`]): its subscription's
/// renewed quantity goes down by the line's, the licenses of the current term and the
/// anniversary stay (renewed_quantity = 0, AD does not roll back, and the remaining seats renew
/// on the renewal date).
pub fn unrenew_line(world: &mut World, line: &LineItem) {
    if let Some(sub) = world.subscriptions.get_mut(&line.subscription_id) {
        sub.renewed_quantity = sub.renewed_quantity.map(|renewed| renewed.saturating_sub(line.quantity));
    }
}

/// Moves the customer's anniversary on: a year, after the first early renewal of the term
/// (`first`); after a late renewal, to the renewed licenses' next renewal date, unless it is
/// there already.
pub fn roll_anniversary(world: &mut World, customer_id: &str, early: bool, first: bool) {
    let Some(c) = world.customers.get(customer_id).filter(|c| !c.coterm_date.is_empty()) else { return };
    let next = if early {
        if !first {
            return;
        }
        super::complete::add_years(&c.coterm_date, 1)
    } else {
        // Late: the renewed licenses' next renewal date, a year on from when they lapsed. When
        // another license's auto-renewal moved the anniversary there already, it stays.
        let renewed = subscriptions_of(world, customer_id)
            .filter(|s| s.status == Status::Active && is_license(s))
            .filter_map(|s| time::parse(&s.renewal_date))
            .max();
        match (renewed, time::parse(&c.coterm_date)) {
            (Some(renewed), Some(ad)) if renewed > ad => time::date(renewed),
            _ => return,
        }
    };
    if let Some(c) = world.customers.get_mut(customer_id) {
        c.coterm_date = next;
    }
}

/// Whether `s` is of licenses (not consumables).
pub(super) fn is_license(s: &Subscription) -> bool {
    offers::offer_of(&s.offer_id).is_some_and(|o| o.offer_type == "LICENSE")
}
