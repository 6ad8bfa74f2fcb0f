//! What happens when an order comes due: it completes (or fails), its lines become or grow
//! subscriptions (or, for a RETURN, take licenses back), the customer's discount levels follow,
//! and an accepted 3-Year Commit request whose minimums are now held becomes the commitment.

use super::offers;
use super::{held, new_subscription_id, self_links};
use crate::twin::time;
use crate::twin::world::{Millis, World};
use partner_model::types::*;

const DAY: Millis = 86_400_000;

/// `date` (`YYYY-MM-DD…`) moved by `years`, 29 February becoming the 28th.
pub(super) fn add_years(date: &str, years: i64) -> String {
    let y: i64 = date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(1970) + years;
    let rest = date.get(4..10).unwrap_or("-01-01");
    let rest = if rest == "-02-29" { "-02-28" } else { rest };
    format!("{y:04}{rest}")
}

/// Completes order `id` as of `now`.
pub fn complete_order(world: &mut World, id: &str, now: Millis) {
    complete(world, id, now, false);
}

/// Completes order `id`, a switch placed with `reassign-users=true`, as of `now`: its licenses
/// move with their users.
pub fn complete_order_moving_users(world: &mut World, id: &str, now: Millis) {
    complete(world, id, now, true);
}

fn complete(world: &mut World, id: &str, now: Millis, moving_users: bool) {
    let Some(order) = world.orders.get(id).cloned() else { return };
    if order.status != Status::Pending {
        return;
    }
    let failure = match world.customers.get(&order.customer_id) {
        None => Some(Status::InvalidCustomerId),
        Some(c) if c.status != Status::Active => Some(Status::CustomerInactive),
        Some(c) if world.resellers.get(&c.reseller_id).is_some_and(|r| r.status != Status::Active) => {
            Some(Status::ResellerInactive)
        }
        Some(_) => None,
    };
    let mut order = order;
    if let Some(status) = failure {
        order.status = status.clone();
        order.line_items.iter_mut().for_each(|l| l.status = status.clone());
        if order.order_type == Some(OrderType::Return) {
            restore_lines(world, &order);
        }
        world.orders.insert(id.to_string(), order);
        return;
    }
    let customer_id = order.customer_id.clone();
    let returning = order.order_type == Some(OrderType::Return);
    let renewing = order.order_type == Some(OrderType::Renewal);
    // Early when placed before the renewal date; the first early renewal of the term rolls the
    // anniversary, which until then is still at (or before) the renewal date. A return of an
    // early renewal does not move it back, so a renewal after it is not the first again.
    let placed = time::parse(&order.creation_date).unwrap_or(now);
    let customer = world.customers.get(&customer_id);
    let date = customer.and_then(|c| super::renewals::renewal_date(world, c, placed));
    let early = date.is_some_and(|date| placed < date);
    let first = customer.and_then(|c| time::parse(&c.coterm_date)).zip(date).is_none_or(|(ad, date)| ad <= date);
    let switching = matches!(order.order_type, Some(OrderType::Switch | OrderType::RevertSwitch));
    if switching {
        super::switches::complete(world, &mut order, now, moving_users);
    }
    for line in order.line_items.iter_mut().filter(|_| !switching) {
        if returning && super::renewals::takes_next_term(world, &order.reference_order_id, &line.subscription_id) {
            // An early renewal returned: the licenses of this term stay.
            super::renewals::unrenew_line(world, line);
        } else if returning {
            take_back(world, &line.subscription_id, line.quantity);
        } else if renewing && super::renewals::renew_line(world, line, early) {
            // Renewed in place: the line keeps its subscription.
        } else {
            let bought = Bought {
                offer_id: &line.offer_id,
                quantity: line.quantity,
                currency: &order.currency_code,
                deployment: &line.deployment_id,
            };
            line.subscription_id = grow_or_create(world, &customer_id, &bought, now);
            if order.order_type == Some(OrderType::New) {
                super::high_growth::bought(world, &line.subscription_id, &line.offer_id, line.quantity);
            }
        }
        line.status = Status::Active;
    }
    order.line_items.iter_mut().for_each(|l| l.status = Status::Active);
    order.status = Status::Active;
    if renewing {
        super::renewals::roll_anniversary(world, &customer_id, early, first);
        super::hvd::renewed(world, &customer_id, &order.line_items);
    }
    if order.order_type == Some(OrderType::New) {
        clear_acquisitions(world, &customer_id, &order.line_items);
    }
    world.orders.insert(id.to_string(), order);
    settle_levels(world, &customer_id, now);
}

/// A failed return gives its lines back to the original order.
fn restore_lines(world: &mut World, ret: &Order) {
    if let Some(original) = world.orders.get_mut(&ret.reference_order_id) {
        for line in &mut original.line_items {
            if ret.line_items.iter().any(|l| l.ext_line_item_number == line.ext_line_item_number) {
                line.status = Status::Active;
            }
        }
        original.status = Status::Active;
    }
}

/// Removes `quantity` licenses from a subscription; one left with none becomes inactive.
pub(super) fn take_back(world: &mut World, subscription_id: &str, quantity: u64) {
    if let Some(sub) = world.subscriptions.get_mut(subscription_id) {
        let left = sub.current_quantity.unwrap_or(0).saturating_sub(quantity);
        sub.current_quantity = Some(left);
        if left == 0 {
            sub.status = Status::Inactive;
        }
    }
}

/// Adds the licenses to the customer's active subscription of the same base offer and
/// deployment, or creates one; returns its id.
pub(super) fn grow_or_create(world: &mut World, customer_id: &str, bought: &Bought, now: Millis) -> String {
    let base = offers::base_of(bought.offer_id);
    let existing = super::subscriptions_of(world, customer_id)
        .find(|s| s.offer_id == base && s.status == Status::Active && s.deployment_id == bought.deployment)
        .map(|s| s.subscription_id.clone());
    if let Some(id) = existing {
        if let Some(sub) = world.subscriptions.get_mut(&id) {
            sub.current_quantity = Some(sub.current_quantity.unwrap_or(0).saturating_add(bought.quantity));
        }
        return id;
    }
    let id = new_subscription(world, customer_id, bought.offer_id, bought.quantity, bought.currency, now);
    if let Some(sub) = world.subscriptions.get_mut(&id) {
        sub.deployment_id = bought.deployment.to_string();
    }
    id
}

/// What a completed line bought: licenses of an offer, in a currency, for a deployment (none:
/// the customer's own country). A deployment's licenses are a subscription of their own.
pub(super) struct Bought<'a> {
    pub offer_id: &'a str,
    pub quantity: u64,
    pub currency: &'a str,
    pub deployment: &'a str,
}

/// A new subscription of `offer_id`'s base offer with `quantity` licenses, renewing on the
/// customer's anniversary (which a first order sets a year on); returns its id.
pub(super) fn new_subscription(
    world: &mut World,
    customer_id: &str,
    offer_id: &str,
    quantity: u64,
    currency: &str,
    now: Millis,
) -> String {
    let base = offers::base_of(offer_id);
    let one_year = add_years(&time::date(now), 1);
    let consumable = offers::offer_of(offer_id).is_some_and(|o| o.offer_type == "CONSUMABLES");
    let renewal = match world.customers.get_mut(customer_id) {
        Some(c) if c.coterm_date.is_empty() => {
            c.coterm_date = one_year.clone();
            one_year.clone()
        }
        Some(c) => c.coterm_date.clone(),
        None => one_year.clone(),
    };
    let id = new_subscription_id(world);
    let sub = Subscription {
        subscription_id: id.clone(),
        offer_id: base,
        current_quantity: Some(quantity),
        used_quantity: Some(0),
        auto_renewal: AutoRenewal { enabled: true, ..AutoRenewal::default() },
        renewal_date: if consumable { one_year } else { renewal },
        creation_date: time::datetime(now),
        currency_code: currency.to_string(),
        status: Status::Active,
        links: self_links(format!("/v3/customers/{customer_id}/subscriptions/{id}")),
        ..Subscription::default()
    };
    world.subscriptions.insert(id.clone(), sub);
    world.subscription_owner.insert(id.clone(), customer_id.to_string());
    id
}

/// Takes the ordered licenses off the customer's open acquisitions.
fn clear_acquisitions(world: &mut World, customer_id: &str, lines: &[LineItem]) {
    let Some(open) = world.open_acquisitions.get_mut(customer_id) else { return };
    for line in lines {
        // A line of no product pays for none (an empty prefix would match every license).
        let Some(product) = offers::product_of(&line.offer_id) else { continue };
        let mut left = line.quantity;
        for unpaid in open.unpaid_licenses.iter_mut().filter(|u| u.base_offer_id.starts_with(product)) {
            let taken = left.min(unpaid.quantity);
            unpaid.quantity -= taken;
            left -= taken;
        }
    }
    open.unpaid_licenses.retain(|u| u.quantity > 0);
    open.license_count = open.unpaid_licenses.iter().map(|u| u.quantity).sum();
}

/// Re-evaluates the customer's discount levels and 3YC request after an order: a level is not
/// lowered mid-term.
pub(crate) fn settle_levels(world: &mut World, customer_id: &str, now: Millis) {
    settle_levels_keeping(world, customer_id, now, true);
}

/// Re-evaluates the customer's discount levels and 3YC request; `keep_current` keeps a level
/// from going down (mid-term), else they are worked out from what is held (at the anniversary).
pub(crate) fn settle_levels_keeping(world: &mut World, customer_id: &str, now: Millis, keep_current: bool) {
    let totals = ["LICENSE", "CONSUMABLES"].map(|t| (t, held(world, customer_id, t)));
    let Some(c) = world.customers.get_mut(customer_id) else { return };
    if promote_commitment(c, &totals, now) {
        crate::vipmp::accounts::schedule_3yc(world, customer_id);
    }
    let Some(c) = world.customers.get_mut(customer_id) else { return };
    for (offer_type, total) in totals {
        let has_level = c.discounts.iter().any(|d| d.offer_type.as_str() == offer_type);
        if total == 0 && !has_level {
            continue;
        }
        let level = offers::eligible_level(c, offer_type, total, keep_current);
        set_level(&mut c.discounts, &offers::offer_type_value(offer_type), &level);
    }
}

/// Sets the level of `offer_type` in `discounts` (a customer's or a linked membership's),
/// adding it when there is none.
pub(super) fn set_level(discounts: &mut Vec<Discount>, offer_type: &OfferType, level: &str) {
    match discounts.iter_mut().find(|d| d.offer_type == *offer_type) {
        Some(d) => d.level = level.to_string(),
        None => discounts.push(Discount::new(offer_type.clone(), level)),
    }
}

/// Moves the minimums of an ACCEPTED request that the customer now holds into a COMMITTED
/// commitment: with the dates set on acceptance for a first commitment; a quantity increase
/// leaves the current commitment's dates as they are.
/// Whether it made (or changed) the commitment.
fn promote_commitment(c: &mut Customer, totals: &[(&str, u64); 2], now: Millis) -> bool {
    let Some(benefit) = c.benefits.iter_mut().find(|b| b.kind == BenefitType::ThreeYearCommit) else { return false };
    let Some(request) = benefit.commitment_request.as_mut().filter(|r| r.status == Some(CommitmentStatus::Accepted))
    else {
        return false;
    };
    let total = |t: &OfferType| totals.iter().find(|(k, _)| *k == t.as_str()).map_or(0, |(_, q)| *q);
    let (met, unmet): (Vec<MinimumQuantity>, Vec<MinimumQuantity>) =
        request.minimum_quantities.iter().cloned().partition(|m| total(&m.offer_type) >= m.quantity);
    if met.is_empty() {
        return false;
    }
    // The dates set when the request was accepted (an increase keeps the current commitment's);
    // a request accepted without them starts today.
    let start = Some(request.start_date.clone()).filter(|d| !d.is_empty()).unwrap_or_else(|| time::date(now));
    let end = Some(request.end_date.clone()).filter(|d| !d.is_empty()).unwrap_or_else(|| {
        time::parse(&add_years(&start, 3)).map_or_else(|| add_years(&start, 3), |ms| time::date(ms.saturating_sub(DAY)))
    });
    let commitment = benefit.commitment.get_or_insert_with(Commitment::default);
    if commitment.status != Some(CommitmentStatus::Committed) {
        // A new commitment (one that ended keeps nothing of it).
        *commitment = Commitment { start_date: start.clone(), end_date: end.clone(), ..Commitment::default() };
    } else if commitment.end_date.is_empty() {
        commitment.start_date = start.clone();
        commitment.end_date = end.clone();
    }
    commitment.status = Some(CommitmentStatus::Committed);
    for m in met {
        commitment.minimum_quantities.retain(|k| k.offer_type != m.offer_type);
        commitment.minimum_quantities.push(m);
    }
    if unmet.is_empty() {
        benefit.commitment_request = None;
    } else if let Some(request) = benefit.commitment_request.as_mut() {
        request.minimum_quantities = unmet;
        request.start_date = start;
        request.end_date = end;
    }
    true
}
