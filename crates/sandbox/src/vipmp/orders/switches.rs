//! Mid-term upgrades: `GET /v3/offer-switch-paths`, PREVIEW_SWITCH and SWITCH orders, and
//! their reverts (PREVIEW_REVERT_SWITCH, REVERT_SWITCH).
//!
//! Choices where the docs are silent:
//! - The paths are a fixed table of the twin's catalog ([`PATHS`]): a single app to the All
//!   Apps plan, Standard to Pro, teams to enterprise. A move between editions (teams to
//!   enterprise) is `FULL_ONLY`; the others `PARTIAL_ALLOWED`. Ids are the base offer ids
//!   (level 01) in the source's segment and region; `targetType` is `PRODUCT_LIST`.
//! - The paths need `market-segment`, `country` and `language`, unless `customer-id` and
//!   `subscription-id` are both given, or the path names them (the FAQ's
//!   `/v3/customers/{customerId}/subscriptions/{subscriptionId}/offer-switch-paths`): then
//!   the subscription's product, in the customer's segment, and none for a subscription
//!   renewing as a High Growth offer ("excluded from switch eligibility"). A missing one is 400 with 1117 naming it; an unknown customer or subscription
//!   is 3115. `offer-id` keeps the paths from that product. `limit` (default 20, at most 100)
//!   and `offset` page the sources.
//! - A switch is checked in this order: its shape (one line and one cancelling item naming
//!   it, with the same quantity: 2152, 2153, 2149); the subscription, active and the
//!   customer's (3115); an early renewal of the customer still open (3131, reverts too); the
//!   path (2150, also for part of a `FULL_ONLY` subscription); the quantity held, less what
//!   open returns take, and none while another switch of it is open (2151). `reassign-users`
//!   on a move to or between enterprise products, or from a single app to All Apps, is 2154
//!   ("not supported"), on the preview too; so is a switch from a subscription renewing as a
//!   High Growth offer (details `High Growth Offer`; reverts are not refused). A line naming
//!   another deployment than the subscription's, or another currency, is 2150 with `Invalid
//!   deploymentId` or `Invalid currency` (the FAQ's global customers); naming none, it is the
//!   subscription's, whose deployment the new line and subscription keep. Last, a High Volume
//!   Discount code sent on the line or the cancelled item that is not the customer's (5135;
//!   none is required, see `hvd`).
//! - The new line is at the customer's discount level for licenses. With `fetch-price=true`
//!   the line is priced as a NEW order's (prorated to the anniversary) and the cancelling item
//!   is credited for the same days at its own price: its `netPartnerPrice` and
//!   `lineItemPartnerPrice` are negative; `pricingSummary` is the difference.
//! - A SWITCH is open (1002) and completes like any order: the licenses leave the subscription
//!   (inactive when none are left) and join a new subscription of the target, with the same
//!   renewal date (the anniversary does not change). Assigned users (`usedQuantity`) follow the
//!   licenses as [`complete`] says (a set renewal quantity stays as set); the order remembers
//!   `reassign-users=true` in the change that completes it (one placed with it before the twin
//!   remembered completes without moving users).
//! - A revert names the SWITCH in `referenceOrderId`: not a completed SWITCH of this customer
//!   is 3115; one already reverted, or being reverted, is 3115 too ("Subscription not found or
//!   already cancelled"); one older than 14 days is 2150. Its line must be the switched-from
//!   product and its cancelling item the subscription the switch made, with the switch's
//!   quantity (2150 otherwise), which that subscription must still hold, none of it being
//!   returned or switched on (2151). It completes by giving the licenses back.
//!   `reassign-users=true` moves the users back between teams products (2154 with an enterprise
//!   product). The revert section writes `reassign-user=true`, the FAQ's table and every other
//!   page `reassign-users`: the twin reads the plural.
//! - Orders of both types are listed in the history. `order-type` filters SWITCH (the mid-term
//!   page's example) and, though no page lists it as a filter, REVERT_SWITCH.

use super::offers::{self, Edition, OfferId};
use super::{pricing, subscriptions_of};
use crate::twin::time;
use crate::twin::world::{Millis, World};
use crate::twin::{ApiError, Twin};
use crate::vipmp::pricelist::{round, unit_price};
use axum::extract::{Path, RawQuery, State};
use axum::Json;
use partner_model::rules::order_requests::switch_problem;
use partner_model::rules::switches::REVERT_WINDOW;
use partner_model::types::{
    CancellingItem, Customer, LineItem, LinePricing, Order, OrderType, ProductUpgrade, Status, Subscription,
    SwitchOrder, SwitchPathPage, SwitchTarget, SwitchType,
};

/// `(from product, to product)`, best first for each source.
#[rustfmt::skip]
const PATHS: &[(&str, &str)] = &[
    ("11073058", "65322651"),
    ("11083117", "65322651"), ("11083117", "65322587"),
    ("30006310", "65322651"), ("30006452", "65322651"),
    ("65304386", "65304479"),
    ("65304479", "65304522"),
    ("65304921", "65304522"),
    ("65322535", "65322651"),
    ("65322651", "65322648"),
    ("69804578", "65322651"),
    ("80004602", "80004633"), ("80004615", "80004602"),
    ("86322610", "80004567"),
];

fn edition(product: &str) -> Option<Edition> {
    OfferId::parse(&format!("{product}CA01A12")).and_then(|o| o.offer()).map(|o| o.edition)
}

/// Whether the move from `from` to `to` must take every license.
fn switch_type(from: &str, to: &str) -> SwitchType {
    if edition(from) == edition(to) {
        SwitchType::PartialAllowed
    } else {
        SwitchType::FullOnly
    }
}

/// The targets of `source` (an offer id) sold to `segment`, in order.
fn targets(source: &OfferId, segment: &str) -> Vec<SwitchTarget> {
    PATHS
        .iter()
        .filter(|(from, _)| *from == source.product)
        .filter_map(|&(from, to)| {
            let target = OfferId { product: to.to_string(), ..source.clone() };
            target.offer().filter(|o| o.segments.contains(&segment))?;
            Some((from, to, target.base()))
        })
        .enumerate()
        .map(|(i, (from, to, id))| SwitchTarget {
            target_base_offer_id: id,
            sequence: i as u32 + 1,
            switch_type: switch_type(from, to),
        })
        .collect()
}

fn bad(field: &str) -> ApiError {
    ApiError::with_details("1117", vec![field.to_string()])
}

/// `GET /v3/offer-switch-paths`: of the catalog, or of one subscription (`customer-id` and
/// `subscription-id`).
pub async fn paths(State(twin): State<Twin>, RawQuery(query): RawQuery) -> Result<Json<SwitchPathPage>, ApiError> {
    let query = query.unwrap_or_default();
    let pairs = pairs(&query);
    let get = |key: &str| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v).filter(|v| !v.is_empty());
    path_page(&twin, &pairs, get("customer-id").zip(get("subscription-id")))
}

/// A query's `key=value` pairs, as sent.
fn pairs(query: &str) -> Vec<(&str, &str)> {
    query.split('&').filter_map(|p| p.split_once('=')).collect()
}

/// `GET /v3/customers/{customerId}/subscriptions/{subscriptionId}/offer-switch-paths`, the
/// mid-term FAQ's form of a subscription's paths.
pub async fn paths_of_subscription(
    State(twin): State<Twin>,
    Path((customer_id, subscription_id)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Json<SwitchPathPage>, ApiError> {
    let query = query.unwrap_or_default();
    path_page(&twin, &pairs(&query), Some((&customer_id, &subscription_id)))
}

/// A page of paths: the query's `pairs` (paging, the catalog's filters, `offer-id`), of the
/// subscription `of` names (customer id, subscription id) when it names one.
fn path_page(twin: &Twin, pairs: &[(&str, &str)], of: Option<(&str, &str)>) -> Result<Json<SwitchPathPage>, ApiError> {
    let get = |key: &str| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v).filter(|v| !v.is_empty());
    let number = |key: &str, default: u64| -> Result<u64, ApiError> {
        get(key).map_or(Ok(default), |v| v.parse().map_err(|_| bad(key)))
    };
    let (limit, offset) = (number("limit", 20)?, number("offset", 0)?);
    if !(1..=100).contains(&limit) {
        return Err(bad("limit"));
    }
    let sources: Vec<(OfferId, String)> = match of {
        Some((customer_id, subscription_id)) => twin.read(|w, _| {
            let c = w.customers.get(customer_id).ok_or_else(|| ApiError::code("3115"))?;
            let sub = subscriptions_of(w, customer_id)
                .find(|s| s.subscription_id == subscription_id)
                .ok_or_else(|| ApiError::code("3115"))?;
            let id = OfferId::parse(&sub.offer_id).ok_or_else(|| ApiError::code("3115"))?;
            // "Subscriptions tagged as high-growth offers … are excluded from switch
            // eligibility": such a subscription has no paths.
            if high_growth(sub) {
                return Ok(Vec::new());
            }
            Ok::<_, ApiError>(vec![(id, offers::customer_segment(c).to_string())])
        })?,
        _ => {
            let segment = get("market-segment").ok_or_else(|| bad("market-segment"))?;
            if !["COM", "EDU", "GOV"].contains(&segment) {
                return Err(bad("market-segment"));
            }
            get("country").ok_or_else(|| bad("country"))?;
            get("language").ok_or_else(|| bad("language"))?;
            let letter = offers::segment_letter(segment);
            let mut products: Vec<&str> = PATHS.iter().map(|(from, _)| *from).collect();
            products.dedup();
            products
                .into_iter()
                .filter_map(|p| OfferId::parse(&format!("{p}{letter}A01A12")))
                .filter(|id| id.offer().is_some_and(|o| o.segments.contains(&segment)))
                .map(|id| (id, segment.to_string()))
                .collect()
        }
    };
    let wanted = get("offer-id").and_then(OfferId::parse).map(|o| o.product);
    let upgrades: Vec<ProductUpgrade> = sources
        .iter()
        .filter(|(id, _)| wanted.as_ref().is_none_or(|p| *p == id.product))
        .map(|(id, segment)| ProductUpgrade {
            source_base_offer_id: id.base(),
            target_type: "PRODUCT_LIST".into(),
            target_list: targets(id, segment),
        })
        .filter(|u| !u.target_list.is_empty())
        .collect();
    let total = upgrades.len() as u64;
    let page: Vec<ProductUpgrade> = upgrades
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .collect();
    Ok(Json(SwitchPathPage { total_count: total, count: page.len() as u64, offset, limit, product_upgrades: page }))
}

/// Whether users move with licenses switched from `from` to `to` (`reassign-users`): not to or
/// between enterprise products, nor from a single app to All Apps.
fn users_move(from: &OfferId, to: &OfferId) -> bool {
    let all_apps = |id: &OfferId| id.offer().is_some_and(|o| o.name.contains("All Apps"));
    let single_app_to_all_apps = all_apps(to) && !all_apps(from);
    !enterprise(from, to) && !single_app_to_all_apps
}

/// Whether either product is an enterprise one.
fn enterprise(from: &OfferId, to: &OfferId) -> bool {
    [from, to].iter().any(|id| id.offer().is_some_and(|o| o.edition == Edition::Enterprise))
}

/// Whether `sub` renews as a High Growth offer, which is not switched from.
fn high_growth(sub: &Subscription) -> bool {
    !sub.auto_renewal.renewal_code.is_empty()
}

/// The subscription a switch or revert takes licenses from: the customer's, active (3115).
fn source<'a>(world: &'a World, customer_id: &'a str, id: &str) -> Result<&'a Subscription, ApiError> {
    subscriptions_of(world, customer_id)
        .find(|s| s.subscription_id == id && s.status == Status::Active)
        .ok_or_else(|| ApiError::code("3115"))
}

/// The order a switch (or revert) would be, checked; `revert` for the reverts.
pub fn switch_order(
    world: &World,
    customer: &Customer,
    now: Millis,
    kind: OrderType,
    o: &SwitchOrder,
    reassign_users: bool,
) -> Result<Order, ApiError> {
    if let Some((code, _)) = switch_problem(o) {
        return Err(ApiError::code(code));
    }
    let (Some(line), Some(cancelling)) = (o.line_items.first(), o.cancelling_items.first()) else {
        return Err(ApiError::code("2152"));
    };
    let customer_id = &customer.customer_id;
    let from = source(world, customer_id, &cancelling.subscription_id)?;
    let reverting = matches!(kind, OrderType::PreviewRevertSwitch | OrderType::RevertSwitch);
    // "Early renewal in progress" (3131) names reverts among the orders it refuses too.
    if super::renewals::open_renewals(world, customer_id).next().is_some() {
        return Err(ApiError::code("3131"));
    }
    let from_id = OfferId::parse(&from.offer_id).ok_or_else(|| ApiError::code("3115"))?;
    let to_id = OfferId::parse(&line.offer_id).filter(|id| id.offer().is_some());
    let Some(to_id) = to_id else { return Err(ApiError::code("2150")) };
    // A global customer switches within the subscription's deployment and currency only: "Home
    // country → Deployment country", the reverse and "Between different deployment countries"
    // are "Error 2150 … with details like 'Invalid deploymentId' or 'Invalid currency'". A line
    // naming no deployment is the subscription's.
    let asked_deployment = line.deployment_id.trim();
    if !asked_deployment.is_empty() && asked_deployment != from.deployment_id {
        return Err(ApiError::with_details("2150", vec!["Invalid deploymentId".into()]));
    }
    let asked_currency = if line.currency_code.is_empty() { &o.currency_code } else { &line.currency_code };
    if !asked_currency.is_empty() && !from.currency_code.is_empty() && *asked_currency != from.currency_code {
        return Err(ApiError::with_details("2150", vec!["Invalid currency".into()]));
    }
    if reverting {
        check_revert(world, customer_id, now, o, &from_id, &to_id)?;
        // What the switch made must still be there to give back: not returned, nor switched
        // on (2151, as for a switch).
        let held = from.current_quantity.unwrap_or(0).saturating_sub(locked(world, &from.subscription_id));
        // Nor while a switch of the subscription it gives back to is processed (one at a time).
        let original = world
            .orders
            .get(&o.reference_order_id)
            .and_then(|s| s.cancelling_items.first())
            .is_some_and(|c| locked(world, &c.subscription_id) == u64::MAX);
        if line.quantity > held || original {
            return Err(ApiError::code("2151"));
        }
    } else {
        // "High Growth Offer subscriptions often cannot be switched FROM": one renewing as a
        // High Growth offer is not ("Error code 2154 indicates High Growth Offer restrictions").
        if high_growth(from) {
            return Err(ApiError::with_details("2154", vec!["High Growth Offer".into()]));
        }
        let segment = offers::customer_segment(customer);
        let Some(target) =
            targets(&from_id, segment).into_iter().find(|t| t.target_base_offer_id.starts_with(&to_id.product))
        else {
            return Err(ApiError::code("2150"));
        };
        let current = from.current_quantity.unwrap_or(0);
        let held = current.saturating_sub(locked(world, &from.subscription_id));
        if line.quantity > held {
            return Err(ApiError::code("2151"));
        }
        // All of the subscription's licenses: none may be on their way out.
        if target.switch_type == SwitchType::FullOnly && (line.quantity != current || held != current) {
            return Err(ApiError::code("2150"));
        }
    }
    // "Not supported: Teams → Enterprise, Enterprise → Enterprise, Single App → All Apps"; a
    // revert moves users back "from the upgraded Teams subscription to the original Teams
    // subscription": between teams products, whichever way the switch went.
    let refused = if reverting { enterprise(&from_id, &to_id) } else { !users_move(&from_id, &to_id) };
    if reassign_users && refused {
        return Err(ApiError::code("2154"));
    }
    let currency = if asked_currency.is_empty() { from.currency_code.clone() } else { asked_currency.clone() };
    let level = offers::eligible_level(customer, "LICENSE", 0, true);
    let hvd = super::hvd::code(customer);
    let sent = [
        (line.ext_line_item_number, line.discount_code.as_str()),
        (cancelling.ext_line_item_number, cancelling.discount_code.as_str()),
    ];
    super::hvd::check_sent(&sent, hvd)?;
    Ok(Order {
        external_reference_id: o.external_reference_id.clone(),
        reference_order_id: o.reference_order_id.clone(),
        customer_id: customer_id.clone(),
        order_type: Some(kind),
        currency_code: currency.clone(),
        line_items: vec![LineItem {
            ext_line_item_number: line.ext_line_item_number,
            offer_id: to_id.at_level(&level),
            quantity: line.quantity,
            currency_code: currency,
            deployment_id: from.deployment_id.clone(),
            discount_code: super::hvd::answered(&line.offer_id, &line.discount_code, hvd),
            ..LineItem::default()
        }],
        cancelling_items: vec![CancellingItem {
            ext_line_item_number: cancelling.ext_line_item_number,
            reference_line_item_number: cancelling.reference_line_item_number,
            offer_id: from.offer_id.clone(),
            quantity: cancelling.quantity,
            subscription_id: from.subscription_id.clone(),
            discount_code: super::hvd::answered(&from.offer_id, &cancelling.discount_code, hvd),
            pricing: None,
        }],
        creation_date: time::datetime(now),
        ..Order::default()
    })
}

/// Licenses of subscription `id` that orders still being processed (1002) are taking, which a
/// switch cannot take again (2151: "another switch or return order is processing, temporarily
/// locks quantity"): all of them while a switch of it is open ("only one switch order can be
/// processed for a subscription at a time"); an open return's lines, but for a returned early
/// renewal's, which are the next term's.
fn locked(world: &World, id: &str) -> u64 {
    let open = || world.orders.values().filter(|o| o.status == Status::Pending);
    let switching = |o: &Order| matches!(o.order_type, Some(OrderType::Switch | OrderType::RevertSwitch));
    if open().any(|o| switching(o) && o.cancelling_items.iter().any(|c| c.subscription_id == id)) {
        return u64::MAX;
    }
    open()
        .filter(|o| {
            o.order_type == Some(OrderType::Return)
                && !super::renewals::takes_next_term(world, &o.reference_order_id, id)
        })
        .flat_map(|o| &o.line_items)
        .filter(|l| l.subscription_id == id)
        .map(|l| l.quantity)
        .sum()
}

/// A revert must undo a completed SWITCH of the customer, within [`REVERT_WINDOW`], once.
fn check_revert(
    world: &World,
    customer_id: &str,
    now: Millis,
    o: &SwitchOrder,
    from: &OfferId,
    to: &OfferId,
) -> Result<(), ApiError> {
    let switch = world
        .orders
        .get(&o.reference_order_id)
        .filter(|s| s.customer_id == customer_id && s.order_type == Some(OrderType::Switch))
        .filter(|s| s.status == Status::Active)
        .ok_or_else(|| ApiError::code("3115"))?;
    let placed = time::parse(&switch.creation_date).unwrap_or(0);
    let reverted = world.orders.values().any(|r| {
        r.order_type == Some(OrderType::RevertSwitch)
            && r.reference_order_id == switch.order_id
            && matches!(r.status, Status::Pending | Status::Active)
    });
    // A second revert, also while the first is processed, fails as the FAQ says ("Subscription
    // not found or already cancelled": the error table's 3115).
    if reverted {
        return Err(ApiError::code("3115"));
    }
    if now.saturating_sub(placed) > REVERT_WINDOW {
        return Err(ApiError::code("2150"));
    }
    let (Some(line), Some(made)) = (switch.line_items.first(), switch.cancelling_items.first()) else {
        return Err(ApiError::code("2150"));
    };
    let quantity = o.line_items.first().map(|l| l.quantity);
    let same = Some(line.quantity) == quantity
        && o.cancelling_items.first().map(|c| c.subscription_id.as_str()) == Some(line.subscription_id.as_str())
        && offers::base_of(&made.offer_id).starts_with(&to.product)
        && offers::base_of(&line.offer_id).starts_with(&from.product);
    if same {
        Ok(())
    } else {
        Err(ApiError::code("2150"))
    }
}

/// Prices a switch preview: the new line as a NEW order's, the cancelling item credited for the
/// same days at its own price.
pub fn price(order: &mut Order, customer: &Customer, now: Millis) {
    let days = pricing::prorated_days(customer, now);
    pricing::price(order, days, |_, unit| unit);
    let currency = order.currency_code.clone();
    let level = offers::eligible_level(customer, "LICENSE", 0, true);
    let mut credit = 0.0;
    for item in &mut order.cancelling_items {
        let offer = OfferId::parse(&item.offer_id).map_or_else(|| item.offer_id.clone(), |o| o.at_level(&level));
        let Some(unit) = unit_price(&offer, &currency) else { continue };
        let net = -round(unit * days as f64 / pricing::TERM_DAYS as f64, &currency);
        let total = round(net * item.quantity as f64, &currency);
        credit += total;
        item.pricing = Some(LinePricing {
            partner_price: serde_json::Number::from_f64(unit),
            discounted_partner_price: serde_json::Number::from_f64(unit),
            net_partner_price: serde_json::Number::from_f64(net),
            line_item_partner_price: serde_json::Number::from_f64(total),
        });
    }
    for summary in &mut order.pricing_summary {
        let charged = summary.total_line_item_partner_price.as_ref().and_then(|n| n.as_f64()).unwrap_or(0.0);
        summary.total_line_item_partner_price = serde_json::Number::from_f64(round(charged + credit, &currency));
    }
}

/// Completes a SWITCH (licenses move to a new subscription of the target) or a REVERT_SWITCH
/// (they move back), as of `now`; `moving_users` when it was placed with `reassign-users=true`.
///
/// The subscription giving licenses keeps as many of its assigned users as it keeps licenses.
/// With `moving_users` the others go with the licenses ("reassigned in LIFO manner with
/// undelegated licenses given preference": unassigned licenses move first); without, they lose
/// access ("Acrobat Pro: 20 licenses, 50 users still assigned → 30 users lose access", and the
/// new subscription starts with none). "Both original and new product subscriptions renew at
/// their respective quantities": a renewal quantity set on a subscription stays as set ("the
/// `renewalQuantity` will remain unchanged by additional orders or cancellations until
/// subscription becomes inactive"); one not set renews what the subscription holds.
pub fn complete(world: &mut World, order: &mut Order, now: Millis, moving_users: bool) {
    let reverting = order.order_type == Some(OrderType::RevertSwitch);
    let (Some(line), Some(cancelling)) = (order.line_items.first_mut(), order.cancelling_items.first()) else {
        return;
    };
    let renewal = world.subscriptions.get(&cancelling.subscription_id).map(|s| s.renewal_date.clone());
    super::complete::take_back(world, &cancelling.subscription_id, cancelling.quantity);
    let mut moved_users = 0;
    if let Some(from) = world.subscriptions.get_mut(&cancelling.subscription_id) {
        let left = from.current_quantity.unwrap_or(0);
        if let Some(used) = from.used_quantity {
            let kept = used.min(left);
            // No more users than licenses move (a return may have left more users than licenses).
            moved_users = if moving_users { (used - kept).min(cancelling.quantity) } else { 0 };
            from.used_quantity = Some(kept);
        }
    }
    let original = if reverting {
        world
            .orders
            .get(&order.reference_order_id)
            .and_then(|s| s.cancelling_items.first())
            .map(|c| c.subscription_id.clone())
    } else {
        None
    };
    let customer_id = order.customer_id.clone();
    line.subscription_id = match original.filter(|id| world.subscriptions.contains_key(id)) {
        Some(id) => {
            if let Some(sub) = world.subscriptions.get_mut(&id) {
                sub.current_quantity = Some(sub.current_quantity.unwrap_or(0).saturating_add(line.quantity));
                let current = sub.current_quantity.unwrap_or(0);
                sub.used_quantity = Some(sub.used_quantity.unwrap_or(0).saturating_add(moved_users).min(current));
                sub.status = Status::Active;
            }
            id
        }
        None => {
            let id = super::complete::new_subscription(
                world,
                &customer_id,
                &line.offer_id,
                line.quantity,
                &order.currency_code,
                now,
            );
            // The licenses stay where they were: the same renewal date, and deployment.
            if let Some(sub) = world.subscriptions.get_mut(&id) {
                if let Some(date) = renewal {
                    sub.renewal_date = date;
                }
                sub.deployment_id = line.deployment_id.clone();
                sub.used_quantity = Some(moved_users);
            }
            id
        }
    };
}
