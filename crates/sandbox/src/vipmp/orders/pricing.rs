//! Prices of a preview (`fetch-price=true` on PREVIEW and PREVIEW_RENEWAL), and of a placed
//! order ("Pricing in Order APIs": Get Order and Get Order History with `fetch-price=true`).
//!
//! An order is priced when it is placed, as its preview would have been at that moment, and
//! kept so: "pricing data … as stored in Adobe systems". Get Order and Get Order History answer
//! the prices only when asked for and only for a complete order (1000), as the docs say; the
//! answer to the order's create never has them.
//!
//! Choices where the docs are silent:
//! - `partnerPrice` is the price list's yearly unit price of the line's offer id (see
//!   [`crate::vipmp::pricelist::unit_price`]), in the order's currency.
//! - `proratedDays`: a NEW order runs until the customer's anniversary (`cotermDate`), counted
//!   in whole days from today (at least 1); with no anniversary yet, and for a renewal, a full
//!   term of 365 days. Consumables are not prorated ("12-month, no proration").
//! - `netPartnerPrice` = discounted unit price × prorated days ÷ 365, and
//!   `lineItemPartnerPrice` = that × quantity, each rounded to the currency's smallest unit.
//! - `pricingSummary` has one entry, in the order's currency.
//! - A line whose offer the price list does not know has no `pricing`.
//! - A RETURN's lines carry the returned lines' prices, positive as the docs' sample of a
//!   RETURN in the order history shows; its `pricingSummary` is their sum. A return of an order
//!   without prices has none.
//! - The seeded orders of the `--large` customer have no prices: they stand for orders "placed
//!   before the pricing feature was introduced".
//! - A switch's (or revert's) prices are its preview's (see `switches`).

use super::complete::add_years;
use super::offers;
use crate::twin::time;
use crate::twin::world::Millis;
use crate::vipmp::pricelist::{round, unit_price};
use partner_model::types::{Customer, LinePricing, Order, PricingSummary, Status};
use serde_json::Number;

const DAY: Millis = 86_400_000;
pub const TERM_DAYS: u64 = 365;

/// The days a NEW order for `customer` is invoiced for, at `now`: until the anniversary in
/// effect then, the first after `now` (for a seeded order placed terms ago, an earlier one).
pub fn prorated_days(customer: &Customer, now: Millis) -> u64 {
    let Some(mut end) = time::parse(&customer.coterm_date).filter(|end| *end > now) else { return TERM_DAYS };
    let mut years = 1;
    while let Some(earlier) = time::parse(&add_years(&customer.coterm_date, -years)).filter(|e| *e > now) {
        end = earlier;
        years += 1;
    }
    (end - now).div_ceil(DAY).clamp(1, TERM_DAYS)
}

fn number(value: f64) -> Option<Number> {
    Number::from_f64(value)
}

/// Adds `pricing` and `proratedDays` to every line of `order` and its `pricingSummary`;
/// `days` is the term the order is invoiced for. `discount(line, unit)` is a line's unit price
/// after flexible discounts.
pub fn price(order: &mut Order, days: u64, discount: impl Fn(usize, f64) -> f64) {
    let currency = order.currency_code.clone();
    let mut total = 0.0;
    for (i, line) in order.line_items.iter_mut().enumerate() {
        let Some(unit) = unit_price(&line.offer_id, &currency) else { continue };
        let consumable = offers::offer_of(&line.offer_id).is_some_and(|o| o.offer_type == "CONSUMABLES");
        let days = if consumable { TERM_DAYS } else { days };
        let discounted = round(discount(i, unit).max(0.0), &currency);
        let net = round(discounted * days as f64 / TERM_DAYS as f64, &currency);
        let line_total = round(net * line.quantity as f64, &currency);
        total += line_total;
        line.prorated_days = Some(days);
        line.pricing = Some(LinePricing {
            partner_price: number(unit),
            discounted_partner_price: number(discounted),
            net_partner_price: number(net),
            line_item_partner_price: number(line_total),
        });
    }
    order.pricing_summary = vec![PricingSummary {
        total_line_item_partner_price: number(round(total, &currency)),
        currency_code: currency,
    }];
}

/// `order` as Get Order and Get Order History answer it: with its prices only when they are
/// asked for (`asked`) and the order is complete (1000).
pub fn shown(mut order: Order, asked: bool) -> Order {
    if !asked || order.status != Status::Active {
        unpriced(&mut order);
    }
    order
}

/// `order` without its prices: what a create answers.
pub fn unpriced(order: &mut Order) {
    order.pricing_summary.clear();
    for line in &mut order.line_items {
        line.pricing = None;
        line.prorated_days = None;
    }
    for item in &mut order.cancelling_items {
        item.pricing = None;
    }
}

/// A RETURN's prices: each returned line's own, and their sum in the returned order's
/// `currency` (none when no line has one).
pub fn returned(order: &mut Order, originals: &[partner_model::types::LineItem], currency: &str) {
    let currency = currency.to_string();
    let mut total = 0.0;
    let mut priced = false;
    for line in &mut order.line_items {
        let Some(original) = originals.iter().find(|o| o.ext_line_item_number == line.ext_line_item_number) else {
            continue;
        };
        line.pricing = original.pricing.clone();
        line.prorated_days = original.prorated_days;
        if let Some(value) = line.pricing.as_ref().and_then(|p| p.line_item_partner_price.as_ref()) {
            total += value.as_f64().unwrap_or(0.0);
            priced = true;
        }
    }
    if priced {
        order.pricing_summary = vec![PricingSummary {
            total_line_item_partner_price: number(round(total, &currency)),
            currency_code: currency,
        }];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_is_invoiced_until_the_anniversary_in_effect_when_placed() {
        let at = |date: &str| time::parse(date).unwrap_or_default();
        let customer = Customer { coterm_date: "2026-12-20".into(), ..Customer::default() };
        assert_eq!(prorated_days(&customer, at("2026-12-10")), 10);
        assert_eq!(prorated_days(&customer, at("2025-11-10")), 40, "placed a term ago: that term's anniversary");
        assert_eq!(prorated_days(&customer, at("2024-12-19")), 1);
        assert_eq!(prorated_days(&customer, at("2026-12-21")), TERM_DAYS, "past the anniversary");
        assert_eq!(prorated_days(&Customer::default(), at("2026-12-10")), TERM_DAYS, "none yet");
    }
}
