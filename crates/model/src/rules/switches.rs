//! Mid-term upgrades: the switch of some or all licenses of a subscription to a product its
//! upgrade path allows, and undoing it.
//!
//! From the docs ("Manage mid-term upgrades through APIs"): one line and one cancelling item
//! with the same quantity ([`super::order_requests::switch_problem`]); a `FULL_ONLY` path moves
//! every license; a switch can be reverted within 14 days, which restores the original licenses
//! ("Partners can perform upgrade reversals within 14 days").

use crate::time::{self, Millis, DAY};
use crate::types::{
    CancellingItemRequest, LineItemRequest, Order, OrderRequest, OrderType, Status, SwitchOrder, SwitchType,
};

/// How long after its creation a switch can be reverted.
pub const REVERT_WINDOW: Millis = 14 * DAY;

/// The licenses a switch of `held` licenses along a path of `switch_type` may move: exactly
/// `held` (full only), or 1 to `held`.
pub fn switch_quantities(switch_type: &SwitchType, held: u64) -> (u64, u64) {
    match switch_type {
        SwitchType::FullOnly => (held, held),
        _ => (held.min(1), held),
    }
}

/// The switch of `quantity` licenses of `subscription_id` to `offer_id`.
pub fn switch_order(offer_id: &str, subscription_id: &str, quantity: u64, currency_code: &str) -> SwitchOrder {
    SwitchOrder {
        external_reference_id: String::new(),
        reference_order_id: String::new(),
        currency_code: currency_code.to_string(),
        line_items: vec![LineItemRequest {
            ext_line_item_number: 1,
            offer_id: offer_id.to_string(),
            quantity,
            ..Default::default()
        }],
        cancelling_items: vec![CancellingItemRequest {
            ext_line_item_number: 1,
            reference_line_item_number: 1,
            subscription_id: subscription_id.to_string(),
            quantity,
            discount_code: String::new(),
        }],
    }
}

/// Why an upgrade cannot be undone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotRevertible {
    /// Not a SWITCH order.
    NotSwitch,
    /// Still being processed.
    Open,
    /// It did not complete.
    NotComplete,
    /// Its date cannot be read.
    NoDate,
    /// The window closed at this moment.
    Closed(Millis),
}

impl std::fmt::Display for NotRevertible {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotRevertible::NotSwitch => f.write_str("Only an upgrade (SWITCH order) can be undone."),
            NotRevertible::Open => f.write_str("The upgrade is still being processed: it can be undone once complete."),
            NotRevertible::NotComplete => f.write_str("This upgrade did not complete, so there is nothing to undo."),
            NotRevertible::NoDate => {
                f.write_str("The upgrade's date is not readable, so its 14 days cannot be checked.")
            }
            NotRevertible::Closed(until) => write!(f, "The 14 days to undo it ended on {}.", time::date(*until)),
        }
    }
}

/// Whether `switch` can be reverted at `now`: `Ok(until)` with the end of its window, or why
/// not. (Whether it was reverted already only the API knows.)
pub fn revertible(switch: &Order, now: Millis) -> Result<Millis, NotRevertible> {
    if switch.order_type != Some(OrderType::Switch) {
        return Err(NotRevertible::NotSwitch);
    }
    match switch.status {
        Status::Active => {}
        Status::Pending => return Err(NotRevertible::Open),
        _ => return Err(NotRevertible::NotComplete),
    }
    let Some(created) = time::parse(&switch.creation_date) else {
        return Err(NotRevertible::NoDate);
    };
    let until = created.saturating_add(REVERT_WINDOW);
    if now > until {
        return Err(NotRevertible::Closed(until));
    }
    Ok(until)
}

/// Gives a switch request's line and cancelled item their High Volume Discount codes.
pub fn with_codes(o: &mut SwitchOrder, line: &str, cancelled: &str) {
    if let Some(l) = o.line_items.first_mut() {
        l.discount_code = line.to_string();
    }
    if let Some(c) = o.cancelling_items.first_mut() {
        c.discount_code = cancelled.to_string();
    }
}

/// The revert of `switch` (preview or not): the switched-from product back, in place of the
/// subscription the switch made. `None` when the switch's answer lacks what a revert names.
pub fn revert_order(switch: &Order, preview: bool) -> Option<OrderRequest> {
    let (line, cancelled) = (switch.line_items.first()?, switch.cancelling_items.first()?);
    if line.subscription_id.is_empty() || cancelled.offer_id.is_empty() {
        return None;
    }
    let mut o = switch_order(&cancelled.offer_id, &line.subscription_id, line.quantity, &switch.currency_code);
    o.reference_order_id = switch.order_id.clone();
    // A High Volume Discount customer's codes go back the other way.
    with_codes(&mut o, &cancelled.discount_code, &line.discount_code);
    Some(if preview { OrderRequest::PreviewRevertSwitch(o) } else { OrderRequest::RevertSwitch(o) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{CancellingItem, LineItem};

    fn switch(created: Millis, status: Status) -> Order {
        Order {
            order_id: "S1".into(),
            order_type: Some(OrderType::Switch),
            status,
            currency_code: "USD".into(),
            creation_date: time::datetime(created),
            line_items: vec![LineItem {
                ext_line_item_number: 1,
                offer_id: "65304522CA01A12".into(),
                quantity: 10,
                subscription_id: "NEW".into(),
                ..Default::default()
            }],
            cancelling_items: vec![CancellingItem {
                reference_line_item_number: 1,
                offer_id: "65304479CA01A12".into(),
                quantity: 10,
                subscription_id: "OLD".into(),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_switch_is_undone_within_14_days_by_putting_the_old_product_back() {
        let now = 100 * DAY;
        assert!(revertible(&switch(now - 13 * DAY, Status::Active), now).is_ok());
        assert!(revertible(&switch(now - 15 * DAY, Status::Active), now).is_err());
        assert!(revertible(&switch(now, Status::Pending), now).is_err());
        let Some(OrderRequest::RevertSwitch(o)) = revert_order(&switch(now, Status::Active), false) else {
            panic!("a revert");
        };
        assert_eq!((o.reference_order_id.as_str(), o.line_items[0].offer_id.as_str()), ("S1", "65304479CA01A12"));
        assert_eq!((o.cancelling_items[0].subscription_id.as_str(), o.cancelling_items[0].quantity), ("NEW", 10));
        assert_eq!(switch_quantities(&SwitchType::FullOnly, 7), (7, 7));
        assert_eq!(switch_quantities(&SwitchType::PartialAllowed, 7), (1, 7));
    }
}
