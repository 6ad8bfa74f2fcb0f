//! Which orders and lines can be returned, said in words before the API is asked, and the
//! RETURN request for a set of whole lines.
//!
//! From the docs ("Return or cancellation of order", error codes 2116 and 2130–2134): only a NEW
//! or RENEWAL order, complete (1000), within 14 days of its creation; whole lines only, each
//! matching the original's `extLineItemNumber`, `offerId` and quantity; a line already returned
//! (1008) cannot be returned again.

use crate::time::{self, Millis, DAY};
use crate::types::{LineItem, LineItemRequest, Order, OrderRequest, OrderType, Status};

/// How long after its creation an order can be returned.
pub const RETURN_WINDOW: Millis = 14 * DAY;

/// Why an order cannot be returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotReturnable {
    /// Not a NEW or RENEWAL order: its type as the API wrote it.
    Type(String),
    /// The order's type is not given.
    TypeUnknown,
    /// Still open (1002).
    Open,
    /// Every line is already returned.
    AllReturned,
    /// Another status than complete: its code.
    Status(String),
    /// The creation date cannot be read.
    NoDate,
    /// The return window closed at this moment.
    Closed(Millis),
}

impl std::fmt::Display for NotReturnable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotReturnable::Type(other) => {
                write!(f, "Only NEW and RENEWAL orders can be returned; this is a {other} order.")
            }
            NotReturnable::TypeUnknown => f.write_str("The order's type is not known, so it cannot be returned here."),
            NotReturnable::Open => f.write_str("The order is still open: it can be returned once it is complete."),
            NotReturnable::AllReturned => f.write_str("Every line of this order has already been returned."),
            NotReturnable::Status(code) => {
                write!(f, "Only complete orders can be returned; this one's status is {code}.")
            }
            NotReturnable::NoDate => {
                f.write_str("The order's creation date is not readable, so its return window cannot be checked.")
            }
            NotReturnable::Closed(until) => write!(f, "The 14-day return window closed on {}.", time::date(*until)),
        }
    }
}

/// Whether the order can be returned at `now`: `Ok(until)` with the end of its return window,
/// or why not.
pub fn order_returnable(order: &Order, now: Millis) -> Result<Millis, NotReturnable> {
    match &order.order_type {
        Some(OrderType::New) | Some(OrderType::Renewal) => {}
        Some(other) => return Err(NotReturnable::Type(other.to_string())),
        None => return Err(NotReturnable::TypeUnknown),
    }
    match order.status {
        Status::Active => {}
        Status::Pending => return Err(NotReturnable::Open),
        Status::Cancelled => return Err(NotReturnable::AllReturned),
        ref other => return Err(NotReturnable::Status(other.as_str().to_string())),
    }
    let Some(created) = time::parse(&order.creation_date) else {
        return Err(NotReturnable::NoDate);
    };
    let until = created.saturating_add(RETURN_WINDOW);
    if now > until {
        return Err(NotReturnable::Closed(until));
    }
    if !order.line_items.iter().any(|l| line_returnable(l).is_ok()) {
        return Err(NotReturnable::AllReturned);
    }
    Ok(until)
}

/// Whether one line of a returnable order can be returned, or why not.
pub fn line_returnable(line: &LineItem) -> Result<(), &'static str> {
    match line.status {
        Status::Cancelled => Err("Already returned."),
        Status::Pending => Err("Still being processed."),
        _ => Ok(()),
    }
}

/// The RETURN of the lines numbered `lines` of `order`, each as on the original: its number,
/// offer and quantity, which the API matches. Not its flexible discount codes: the documented
/// RETURN request has none, and a one-time code the original order used up would be refused
/// again. Lines that are not on the order are left out (the caller offers only the order's
/// lines).
pub fn return_request(order: &Order, lines: &[u32], external_reference_id: String) -> OrderRequest {
    OrderRequest::Return {
        external_reference_id,
        reference_order_id: order.order_id.clone(),
        currency_code: order.currency_code.clone(),
        line_items: order
            .line_items
            .iter()
            .filter(|l| lines.contains(&l.ext_line_item_number))
            .map(|l| LineItemRequest {
                flex_discount_codes: Vec::new(),
                deployment_id: String::new(),
                discount_code: String::new(),
                ..LineItemRequest::again(l)
            })
            .collect(),
    }
}

/// Whole days left until `until` at `now` (0 on the last day).
pub fn days_left(until: Millis, now: Millis) -> u64 {
    until.saturating_sub(now) / DAY
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::FlexDiscountResult;

    fn order(kind: OrderType, status: Status, created: &str, lines: &[(u32, Status)]) -> Order {
        Order {
            order_id: "8000000001".into(),
            order_type: Some(kind),
            status,
            currency_code: "USD".into(),
            creation_date: created.into(),
            line_items: lines
                .iter()
                .map(|(n, s)| LineItem {
                    ext_line_item_number: *n,
                    offer_id: format!("6532265{n}CA01A12"),
                    quantity: u64::from(*n) * 2,
                    status: s.clone(),
                    ..LineItem::default()
                })
                .collect(),
            ..Order::default()
        }
    }

    #[test]
    fn a_complete_new_or_renewal_order_is_returnable_for_fourteen_days() {
        let created = time::parse("2026-11-10T12:00:00Z").unwrap();
        for kind in [OrderType::New, OrderType::Renewal] {
            let o = order(kind, Status::Active, "2026-11-10T12:00:00Z", &[(1, Status::Active)]);
            assert_eq!(order_returnable(&o, created + DAY), Ok(created + RETURN_WINDOW));
            assert_eq!(order_returnable(&o, created + RETURN_WINDOW), Ok(created + RETURN_WINDOW));
            let late = order_returnable(&o, created + RETURN_WINDOW + 1).unwrap_err().to_string();
            assert!(late.contains("closed on 2026-11-24"), "{late}");
        }
        assert_eq!(days_left(created + RETURN_WINDOW, created + DAY + 1), 12);
    }

    #[test]
    fn every_reason_not_to_return_is_said() {
        let now = time::parse("2026-11-11").unwrap();
        let cases = [
            (order(OrderType::Return, Status::Active, "2026-11-10", &[(1, Status::Active)]), "this is a RETURN order"),
            (order(OrderType::Transfer, Status::Active, "2026-11-10", &[(1, Status::Active)]), "TRANSFER"),
            (order(OrderType::New, Status::Pending, "2026-11-10", &[(1, Status::Pending)]), "still open"),
            (order(OrderType::New, Status::Inactive, "2026-11-10", &[(1, Status::Inactive)]), "status is 1004"),
            (
                order(OrderType::New, Status::Cancelled, "2026-11-10", &[(1, Status::Cancelled)]),
                "already been returned",
            ),
            (
                order(OrderType::New, Status::Active, "2026-11-10", &[(1, Status::Cancelled), (2, Status::Cancelled)]),
                "already been returned",
            ),
            (order(OrderType::New, Status::Active, "yesterday", &[(1, Status::Active)]), "not readable"),
        ];
        for (o, says) in cases {
            let why = order_returnable(&o, now).unwrap_err().to_string();
            assert!(why.contains(says), "{why} should say {says}");
        }
        let mut untyped = order(OrderType::New, Status::Active, "2026-11-10", &[(1, Status::Active)]);
        untyped.order_type = None;
        assert!(order_returnable(&untyped, now).is_err());
    }

    #[test]
    fn lines_already_returned_are_not_offered() {
        assert_eq!(
            line_returnable(&LineItem { status: Status::Cancelled, ..LineItem::default() }),
            Err("Already returned.")
        );
        assert_eq!(line_returnable(&LineItem { status: Status::Active, ..LineItem::default() }), Ok(()));
    }

    #[test]
    fn the_return_matches_the_original_lines_exactly() {
        let o = order(
            OrderType::New,
            Status::Active,
            "2026-11-10",
            &[(1, Status::Active), (2, Status::Active), (3, Status::Active)],
        );
        let OrderRequest::Return { reference_order_id, currency_code, line_items, external_reference_id } =
            return_request(&o, &[3, 1, 9], "R-1".into())
        else {
            panic!("a RETURN request")
        };
        assert_eq!(
            (reference_order_id.as_str(), currency_code.as_str(), external_reference_id.as_str()),
            ("8000000001", "USD", "R-1")
        );
        let lines: Vec<(u32, &str, u64)> =
            line_items.iter().map(|l| (l.ext_line_item_number, l.offer_id.as_str(), l.quantity)).collect();
        assert_eq!(lines, vec![(1, "65322651CA01A12", 2), (3, "65322653CA01A12", 6)]);
        let mut discounted = o.clone();
        discounted.line_items[1].flex_discounts =
            vec![FlexDiscountResult { id: "d-1".into(), code: "ONCE_20".into(), result: "SUCCESS".into() }];
        let json = serde_json::to_value(return_request(&discounted, &[2], String::new())).unwrap();
        assert_eq!(json["orderType"], "RETURN");
        assert_eq!(json["referenceOrderId"], "8000000001");
        assert_eq!(json["lineItems"][0]["extLineItemNumber"], 2);
        assert!(json["lineItems"][0].get("flexDiscountCodes").is_none(), "the documented request: {json}");
    }
}
