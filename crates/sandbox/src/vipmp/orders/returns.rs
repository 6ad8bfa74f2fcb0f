//! RETURN orders: whole lines of a NEW or RENEWAL order of the same customer, within 14 days.

use super::create::currency;
use super::{customer, self_links};
use crate::twin::time;
use crate::twin::world::{Change, Millis, World};
use crate::twin::ApiError;
use partner_model::types::{LineItem, LineItemRequest, Order, OrderType, Status};

pub use partner_model::rules::returns::RETURN_WINDOW as RETURN_WINDOW_MS;

/// Places a RETURN of `reference`: open (1002) now, complete when `due`.
#[allow(clippy::too_many_arguments)]
pub(super) fn place_return(
    world: &mut World,
    now: Millis,
    due: Millis,
    customer_id: &str,
    external: String,
    reference: String,
    currency_code: String,
    lines: &[LineItemRequest],
) -> Result<Order, ApiError> {
    customer(world, customer_id)?;
    let original = world
        .orders
        .get(&reference)
        .filter(|o| o.customer_id == customer_id)
        .filter(|o| matches!(o.order_type, Some(OrderType::New) | Some(OrderType::Renewal)))
        .cloned()
        .ok_or_else(|| ApiError::invalid_fields(vec!["referenceOrderId".into()]))?;
    if original.status != Status::Active {
        return Err(ApiError::code("2116"));
    }
    let created = time::parse(&original.creation_date).unwrap_or(0);
    if now.saturating_sub(created) > RETURN_WINDOW_MS {
        return Err(ApiError::code("2134"));
    }
    let mut matched = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(orig) = original.line_items.iter().find(|l| l.ext_line_item_number == line.ext_line_item_number)
        else {
            return Err(ApiError::with_details("2131", vec![format!("lineItems[{i}].extLineItemNumber")]));
        };
        if orig.offer_id != line.offer_id {
            return Err(ApiError::with_details("2130", vec![format!("lineItems[{i}].offerId")]));
        }
        if orig.quantity != line.quantity {
            return Err(ApiError::with_details("2132", vec![format!("lineItems[{i}].quantity")]));
        }
        if orig.status == Status::Cancelled {
            return Err(ApiError::with_details("2133", vec![format!("lineItems[{i}]")]));
        }
        matched.push(orig.clone());
    }
    let order_id = world.next_id();
    // The returned order's currency, in which its prices are kept; one asked for only without it.
    let currency = Some(original.currency_code.clone())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| currency(&currency_code, lines));
    let mut order = Order {
        external_reference_id: external,
        order_id: order_id.clone(),
        customer_id: customer_id.to_string(),
        reference_order_id: reference.clone(),
        order_type: Some(OrderType::Return),
        currency_code: currency.clone(),
        line_items: matched
            .iter()
            .map(|l| LineItem {
                ext_line_item_number: l.ext_line_item_number,
                offer_id: l.offer_id.clone(),
                quantity: l.quantity,
                subscription_id: l.subscription_id.clone(),
                status: Status::Pending,
                currency_code: currency.clone(),
                ..LineItem::default()
            })
            .collect(),
        creation_date: time::datetime(now),
        status: Status::Pending,
        source: "API".into(),
        links: self_links(format!("/v3/customers/{customer_id}/orders/{order_id}")),
        ..Order::default()
    };
    super::pricing::returned(&mut order, &matched, &original.currency_code);
    cancel_lines(world, &reference, &matched);
    world.orders.insert(order_id.clone(), order.clone());
    world.schedule(due, Change::CompleteOrder(order_id));
    world.count_created("order");
    super::pricing::unpriced(&mut order);
    Ok(order)
}

/// Marks `lines` of order `reference` cancelled (1008), and the order when all are.
pub(super) fn cancel_lines(world: &mut World, reference: &str, lines: &[LineItem]) {
    if let Some(original) = world.orders.get_mut(reference) {
        for line in &mut original.line_items {
            if lines.iter().any(|l| l.ext_line_item_number == line.ext_line_item_number) {
                line.status = Status::Cancelled;
            }
        }
        if original.line_items.iter().all(|l| l.status == Status::Cancelled) {
            original.status = Status::Cancelled;
        }
    }
}
