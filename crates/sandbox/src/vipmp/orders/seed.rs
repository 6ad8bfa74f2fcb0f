//! Seeded orders, subscriptions and open acquisitions for the accounts seeded before them,
//! deterministic from the generator; and, with `large`, a customer with 10,000 orders and
//! 5,000 subscriptions for benchmarks.
//!
//! For most active customers (four in five): one to three NEW orders over the past two years,
//! completed into subscriptions; every seventh a NEW order of the last 10 days (returnable);
//! the 3rd a RENEWAL order, the 4th a RETURN, the 6th an order still open (1002, completing
//! two minutes after start), the 7th a failed one (1004). Subscriptions rotate through the
//! auto-renewal states (on for all, off, on for a quantity) and every sixth is inactive. The
//! first customer renews in two days. Customers without a `cotermDate` get one within the
//! next year. Three customers have open acquisitions, the first expiring within 12 hours.

use super::complete::{complete_order, settle_levels};
use super::offers::{self, OfferId, OFFERS};
use super::pricing;
use super::{held, new_subscription_id, self_links, subscriptions_of};
use crate::twin::gen::Gen;
use crate::twin::time;
use crate::twin::world::{Change, Millis, World};
use partner_model::types::*;

/// The id of the `--large` benchmark customer.
pub const LARGE_CUSTOMER_ID: &str = "1099999999";
const DAY: Millis = 86_400_000;

/// Adds the seeded orders, subscriptions and open acquisitions.
pub fn seed(world: &mut World, gen: &mut Gen, now: Millis, large: bool) {
    let active: Vec<String> =
        world.customers.values().filter(|c| c.status == Status::Active).map(|c| c.customer_id.clone()).collect();
    let mut acquisitions = 0;
    for (n, id) in active.iter().enumerate().filter(|(n, _)| n % 5 != 4) {
        seed_customer(world, gen, now, n, id);
        if acquisitions < 3 && n != 2 {
            seed_acquisitions(world, gen, now, id, acquisitions == 0);
            acquisitions += 1;
        }
    }
    seed_lapsed(world, now);
    seed_renewal_discount(world);
    super::leads::seed(world, now);
    if large {
        seed_large(world, now);
    }
    super::auto_renewal::schedule(world, now);
}

/// The id of the seeded customer called `name`.
pub(super) fn customer_named(world: &World, name: &str) -> Option<String> {
    world.customers.values().find(|c| c.company_profile.company_name == name).map(|c| c.customer_id.clone())
}

/// The customer whose licenses lapsed five days ago (auto-renewal off): late renewal is open.
pub const LAPSED_CUSTOMER: &str = "Cedar Creek Design Studio";

/// Moves [`LAPSED_CUSTOMER`]'s anniversary five days into the past, its licenses with it,
/// auto-renewal off and inactive. Draws nothing from the generator, so the rest of the seed
/// stays as it was.
fn seed_lapsed(world: &mut World, now: Millis) {
    let Some(id) = customer_named(world, LAPSED_CUSTOMER) else { return };
    let lapsed = time::date(now - 5 * DAY);
    if let Some(c) = world.customers.get_mut(&id) {
        c.coterm_date = lapsed.clone();
    }
    let subs: Vec<String> = subscriptions_of(world, &id).map(|s| s.subscription_id.clone()).collect();
    for sub_id in subs {
        if let Some(sub) = world.subscriptions.get_mut(&sub_id) {
            sub.renewal_date = lapsed.clone();
            sub.auto_renewal.enabled = false;
            sub.auto_renewal.renewal_quantity = None;
            sub.status = Status::Inactive;
        }
    }
}

/// The customer whose active subscriptions carry a flexible discount into their renewal (as
/// Update Subscription sets it).
pub const RENEWAL_DISCOUNT_CUSTOMER: &str = "Starlight Events";

/// Gives [`RENEWAL_DISCOUNT_CUSTOMER`]'s active subscriptions an open discount (on every product)
/// at renewal.
/// Draws nothing from the generator.
fn seed_renewal_discount(world: &mut World) {
    let Some(id) = customer_named(world, RENEWAL_DISCOUNT_CUSTOMER) else { return };
    let subs: Vec<String> = subscriptions_of(world, &id).map(|s| s.subscription_id.clone()).collect();
    for sub_id in subs {
        if let Some(sub) = world.subscriptions.get_mut(&sub_id).filter(|s| s.status == Status::Active) {
            sub.auto_renewal.flex_discount_codes = vec!["BLACK_FRIDAY_10_PERCENT_OFF".into()];
        }
    }
}

/// Offers the seed gives a customer of `segment`.
fn offers_for(segment: &str) -> Vec<&'static offers::Offer> {
    OFFERS.iter().filter(|o| offers::SEEDED.contains(&o.product) && o.segments.contains(&segment)).collect()
}

/// A completed (or open, or failed) order of `kind` for the customer at time `at`.
fn seed_order(world: &mut World, gen: &mut Gen, id: &str, at: Millis, end: Option<Status>) -> Option<String> {
    let c = world.customers.get(id)?.clone();
    let segment = offers::customer_segment(&c).to_string();
    let choice = offers_for(&segment);
    let mut lines = Vec::new();
    for n in 1..=gen.range(1, 3) {
        let offer = *gen.pick(&choice)?;
        let quantity = if offer.offer_type == "CONSUMABLES" { gen.range(500, 3_000) } else { gen.range(1, 25) };
        let level = offers::eligible_level(&c, offer.offer_type, held(world, id, offer.offer_type) + quantity, true);
        let base = format!("{}{}A01A12", offer.product, offers::segment_letter(&segment));
        let offer_id = OfferId::parse(&base).map_or(base, |o| o.at_level(&level));
        if lines.iter().any(|l: &LineItem| l.offer_id == offer_id) {
            continue;
        }
        lines.push(LineItem {
            ext_line_item_number: n as u32,
            offer_id,
            quantity,
            status: Status::Pending,
            currency_code: "USD".into(),
            ..LineItem::default()
        });
    }
    let order_id = world.next_id();
    let mut order = Order {
        order_id: order_id.clone(),
        external_reference_id: format!("PO-{}", gen.range(10_000, 99_999)),
        customer_id: id.to_string(),
        order_type: Some(OrderType::New),
        currency_code: "USD".into(),
        line_items: lines,
        creation_date: time::datetime(at),
        status: Status::Pending,
        source: "API".into(),
        links: self_links(format!("/v3/customers/{id}/orders/{order_id}")),
        ..Order::default()
    };
    pricing::price(&mut order, pricing::prorated_days(&c, at), |_, unit| unit);
    world.orders.insert(order_id.clone(), order);
    match end {
        None => complete_order(world, &order_id, at),
        Some(status) => {
            if let Some(o) = world.orders.get_mut(&order_id) {
                o.line_items.iter_mut().for_each(|l| l.status = status.clone());
                o.status = status;
            }
        }
    }
    Some(order_id)
}

fn seed_customer(world: &mut World, gen: &mut Gen, now: Millis, n: usize, id: &str) {
    let Some(c) = world.customers.get_mut(id) else { return };
    if n == 0 {
        c.coterm_date = time::date(now + 2 * DAY);
    } else if c.coterm_date.is_empty() {
        c.coterm_date = time::date(now + gen.range(10, 330) * DAY);
    }
    let coterm = c.coterm_date.clone();
    for _ in 0..gen.range(1, 3) {
        let at = now - gen.range(30, 700) * DAY;
        seed_order(world, gen, id, at, None);
    }
    if n % 7 == 1 || n == 1 {
        let at = now - gen.range(1, 10) * DAY;
        seed_order(world, gen, id, at, None);
    }
    match n {
        2 => seed_renewal(world, id, &coterm, now),
        3 => {
            let at = now - 20 * DAY;
            if let Some(original) = seed_order(world, gen, id, at, None) {
                let lines: Vec<LineItemRequest> = world
                    .orders
                    .get(&original)
                    .map_or_else(Vec::new, |o| o.line_items.iter().take(1).map(LineItemRequest::again).collect());
                let placed = super::returns::place_return(
                    world,
                    at + DAY,
                    at + DAY,
                    id,
                    String::new(),
                    original,
                    String::new(),
                    &lines,
                );
                if let Ok(ret) = placed {
                    complete_order(world, &ret.order_id, at + DAY);
                }
            }
        }
        5 => {
            if let Some(open) = seed_order(world, gen, id, now - 60_000, Some(Status::Pending)) {
                world.schedule(now + 120_000, Change::CompleteOrder(open));
            }
        }
        6 => {
            seed_order(world, gen, id, now - 5 * DAY, Some(Status::Inactive));
        }
        _ => {}
    }
    let subs: Vec<String> = subscriptions_of(world, id).map(|s| s.subscription_id.clone()).collect();
    for (i, sub_id) in subs.iter().enumerate() {
        let Some(sub) = world.subscriptions.get_mut(sub_id) else { continue };
        sub.renewal_date = if sub.renewal_date.is_empty() { coterm.clone() } else { sub.renewal_date.clone() };
        match (i + n) % 6 {
            1 => sub.auto_renewal.enabled = false,
            2 => sub.auto_renewal.renewal_quantity = sub.current_quantity.map(|q| q.saturating_sub(1).max(1)),
            5 if sub.status == Status::Active => {
                sub.status = Status::Inactive;
                sub.auto_renewal.enabled = false;
            }
            _ => {}
        }
    }
    settle_levels(world, id, now);
}

/// A completed RENEWAL order at the last anniversary, renewing the customer's subscriptions.
fn seed_renewal(world: &mut World, id: &str, coterm: &str, now: Millis) {
    let Some(at) = time::parse(&super::complete::add_years(coterm, -1)).filter(|t| *t < now) else { return };
    let lines: Vec<LineItem> = subscriptions_of(world, id)
        .enumerate()
        .map(|(i, s)| LineItem {
            ext_line_item_number: i as u32 + 1,
            offer_id: s.offer_id.clone(),
            quantity: s.current_quantity.unwrap_or(1),
            subscription_id: s.subscription_id.clone(),
            status: Status::Active,
            currency_code: "USD".into(),
            ..LineItem::default()
        })
        .collect();
    if lines.is_empty() {
        return;
    }
    let order_id = world.next_id();
    let mut order = Order {
        order_id: order_id.clone(),
        customer_id: id.to_string(),
        order_type: Some(OrderType::Renewal),
        currency_code: "USD".into(),
        line_items: lines,
        creation_date: time::datetime(at),
        status: Status::Active,
        source: "RENEWAL".into(),
        links: self_links(format!("/v3/customers/{id}/orders/{order_id}")),
        ..Order::default()
    };
    pricing::price(&mut order, pricing::TERM_DAYS, |_, unit| unit);
    world.orders.insert(order_id, order);
}

fn seed_acquisitions(world: &mut World, gen: &mut Gen, now: Millis, id: &str, soon: bool) {
    let Some(c) = world.customers.get(id) else { return };
    let segment = offers::customer_segment(c).to_string();
    let reseller_id = c.reseller_id.clone();
    let choice: Vec<_> = offers_for(&segment).into_iter().filter(|o| o.offer_type == "LICENSE").collect();
    let reference = format!("PO{}", gen.range(100_000_000_000, 999_999_999_999));
    let mut unpaid = Vec::new();
    for i in 0..gen.range(1, 2) {
        let Some(offer) = gen.pick(&choice) else { continue };
        let created = if soon && i == 0 { now - 6 * DAY - DAY / 2 } else { now - gen.range(1, 5) * DAY };
        unpaid.push(UnpaidLicense {
            reference_id: reference.clone(),
            creation_date: time::datetime(created),
            expiry_date: time::datetime(created + 7 * DAY),
            quantity: gen.range(1, 5),
            product_name: offer.name.into(),
            base_offer_id: format!("{}{}A01A12", offer.product, offers::segment_letter(&segment)),
        });
    }
    let license_count = unpaid.iter().map(|u| u.quantity).sum();
    world.open_acquisitions.insert(
        id.to_string(),
        OpenAcquisitions { customer_id: id.to_string(), reseller_id, license_count, unpaid_licenses: unpaid },
    );
}

/// The benchmark customer: 5,000 subscriptions and 10,000 orders, all in the current term.
fn seed_large(world: &mut World, now: Millis) {
    let id = LARGE_CUSTOMER_ID.to_string();
    let reseller_id = world.resellers.keys().next().cloned().unwrap_or_default();
    let customer = Customer {
        customer_id: id.clone(),
        reseller_id,
        external_reference_id: "LARGE".into(),
        company_profile: CustomerProfile {
            company_name: "Large Benchmark Customer".into(),
            preferred_language: "en-US".into(),
            market_segment: Some(MarketSegment::Commercial),
            address: Address {
                country: "US".into(),
                region: "CA".into(),
                city: "San Jose".into(),
                address_line1: "345 Park Avenue".into(),
                postal_code: "95110".into(),
                ..Address::default()
            },
            contacts: vec![Contact {
                first_name: "Bench".into(),
                last_name: "Mark".into(),
                email: "bench@example.com".into(),
                ..Contact::default()
            }],
            ..CustomerProfile::default()
        },
        discounts: vec![Discount::new(OfferType::License, "04")],
        coterm_date: time::date(now + 200 * DAY),
        creation_date: time::datetime(now - 165 * DAY),
        status: Status::Active,
        links: self_links(format!("/v3/customers/{id}")),
        ..Customer::default()
    };
    world.customers.insert(id.clone(), customer);
    let products: Vec<&offers::Offer> = offers_for("COM").into_iter().filter(|o| o.offer_type == "LICENSE").collect();
    let mut subs = Vec::with_capacity(5_000);
    for i in 0..5_000u64 {
        let Some(offer) = products.get(i as usize % products.len().max(1)) else { return };
        let offer_id = format!("{}CA04A12", offer.product);
        let sub_id = grow_or_create_distinct(world, &id, &offer_id, 1 + i % 40, now - 160 * DAY + i * 1_000);
        subs.push((sub_id, offer_id));
    }
    for i in 0..10_000u64 {
        let (sub_id, offer_id) = subs.get(i as usize % subs.len().max(1)).cloned().unwrap_or_default();
        let order_id = world.next_id();
        let order = Order {
            order_id: order_id.clone(),
            customer_id: id.clone(),
            order_type: Some(if i % 10 == 9 { OrderType::Renewal } else { OrderType::New }),
            currency_code: "USD".into(),
            line_items: vec![LineItem {
                ext_line_item_number: 1,
                offer_id,
                quantity: 1 + i % 40,
                subscription_id: sub_id,
                status: Status::Active,
                currency_code: "USD".into(),
                ..LineItem::default()
            }],
            creation_date: time::datetime(now - 160 * DAY + i * 1_300_000),
            status: Status::Active,
            source: "API".into(),
            links: self_links(format!("/v3/customers/{id}/orders/{order_id}")),
            ..Order::default()
        };
        world.orders.insert(order_id, order);
    }
}

/// A new subscription every time (the benchmark wants many), unlike `complete::grow_or_create`.
fn grow_or_create_distinct(world: &mut World, customer_id: &str, offer_id: &str, quantity: u64, at: Millis) -> String {
    let id = new_subscription_id(world);
    let sub = Subscription {
        subscription_id: id.clone(),
        offer_id: offers::base_of(offer_id),
        current_quantity: Some(quantity),
        used_quantity: Some(quantity / 2),
        auto_renewal: AutoRenewal {
            enabled: !quantity.is_multiple_of(3),
            renewal_quantity: (quantity % 3 == 1).then_some(quantity),
            ..AutoRenewal::default()
        },
        renewal_date: world.customers.get(customer_id).map(|c| c.coterm_date.clone()).unwrap_or_default(),
        creation_date: time::datetime(at),
        currency_code: "USD".into(),
        status: if quantity.is_multiple_of(17) { Status::Inactive } else { Status::Active },
        links: self_links(format!("/v3/customers/{customer_id}/subscriptions/{id}")),
        ..Subscription::default()
    };
    world.subscriptions.insert(id.clone(), sub);
    world.subscription_owner.insert(id.clone(), customer_id.to_string());
    id
}
