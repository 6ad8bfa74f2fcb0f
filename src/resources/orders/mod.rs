//! Orders: a customer's order history, placing an order after a preview, an order's page that
//! follows it until it settles, returning lines of an order, and the renewal preview.

mod abroad;
mod across;
mod add_product;
mod detail;
mod discounts;
mod from_lead;
mod history;
pub mod picker;
pub mod place;
mod renew;
mod renewal;
mod returns;
pub mod switch;
mod unanswered;

use crate::components::filters::Choice;
use crate::i18n::t;
use crate::routes::route;
use leptos_router::any_nested_route::AnyNestedRoute;
use leptos_router::path;
use partner_model::types::{LineItem, Order, OrderType};

/// `/orders?customer=…`, `/customers/:customer/orders/new`, `/customers/:customer/orders/:id`,
/// `/customers/:customer/orders/:id/return`, `/customers/:customer/renewal`,
/// `/customers/:customer/renewal/add`.
pub fn order_routes() -> Vec<AnyNestedRoute> {
    vec![
        route(path!("/orders"), crate::split_page!(customers, order_history, history::OrderHistory)),
        route(path!("/customers/:customer/orders/new"), crate::split_page!(order, place_order, place::PlaceOrder)),
        route(path!("/customers/:customer/orders/:id"), crate::split_page!(customers, order_page, detail::OrderPage)),
        route(
            path!("/customers/:customer/orders/:id/return"),
            crate::split_page!(customers, return_order, returns::ReturnOrder),
        ),
        route(
            path!("/customers/:customer/renewal"),
            crate::split_page!(customers, renewal_preview, renewal::RenewalPreview),
        ),
        route(
            path!("/customers/:customer/renewal/add"),
            crate::split_page!(customers, add_to_renewal, add_product::AddToRenewalPage),
        ),
    ]
}

/// Order types in words, by their API code (the history filter offers the first four).
pub(crate) const TYPE_WORDS: &[Choice] = &[
    ("NEW", t::option::new),
    ("TRANSFER", t::option::transfer),
    ("RENEWAL", t::option::renewal),
    ("SWITCH", t::option::upgrade),
    ("RETURN", t::option::r#return),
    ("REVERT_SWITCH", t::option::upgrade_undone),
    ("PREVIEW", t::option::preview),
    ("PREVIEW_RENEWAL", t::option::renewal_preview),
    ("PREVIEW_SWITCH", t::option::upgrade_preview),
    ("PREVIEW_REVERT_SWITCH", t::option::preview_of_an_undo),
];

/// An order's type in words; a type the console does not know shows as the API wrote it.
pub(crate) fn type_words(o: &Order) -> String {
    let code = o.order_type.as_ref().map(|t| t.as_str()).unwrap_or_default();
    TYPE_WORDS.iter().find(|(c, _)| *c == code).map_or(code, |(_, w)| w()).to_string()
}

/// Why an order cannot be returned, in words.
pub(crate) fn not_returnable_words(why: &partner_model::rules::returns::NotReturnable) -> String {
    use partner_model::rules::returns::NotReturnable;
    match why {
        NotReturnable::Type(code) => {
            let words = TYPE_WORDS.iter().find(|(c, _)| c == code).map_or(code.as_str(), |(_, w)| w());
            t::returns::wrong_type(words)
        }
        NotReturnable::TypeUnknown => t::returns::type_unknown().into(),
        NotReturnable::Open => t::returns::open().into(),
        NotReturnable::AllReturned => t::returns::all_returned().into(),
        NotReturnable::Status(code) => t::returns::wrong_status(code),
        NotReturnable::NoDate => t::returns::no_date().into(),
        NotReturnable::Closed(until) => t::returns::closed(crate::components::detail::moment(*until)),
    }
}

/// A line's discount codes as the API answered them (a High Volume Discount customer's, then
/// the flexible ones); "—" without one.
pub(crate) fn discount_cell(line: &LineItem) -> crate::components::table::Cell {
    let hvd = Some(line.discount_code.as_str()).filter(|c| !c.is_empty());
    let codes: Vec<&str> = hvd.into_iter().chain(line.flex_discounts.iter().map(|d| d.code.as_str())).collect();
    crate::components::table::Cell::Code(if codes.is_empty() { "—".into() } else { codes.join(", ") })
}

/// The flexible discount codes of the one-code field at `path`: the code typed, trimmed, or
/// none when it is blank (the API takes a list, of at most one code).
pub(crate) fn codes_at(v: &crate::components::form::Values, path: &str) -> Vec<String> {
    Some(crate::components::form::trimmed(v, path)).filter(|c| !c.is_empty()).into_iter().collect()
}

/// The order's total from its `pricingSummary` (a preview's, or a placed order's with
/// `fetch-price=true`), one amount per currency; none when the API gave no prices. A return's is
/// a credit, shown below zero whatever sign the API gives it: the docs' sample of a RETURN is
/// positive, while a switch's licenses taken away are negative.
pub(crate) fn total_of(order: &Order) -> Option<String> {
    let totals: Vec<String> = order
        .pricing_summary
        .iter()
        .filter_map(|s| {
            s.total_line_item_partner_price.as_ref().map(|t| signed_money(is_credit(order), Some(t), &s.currency_code))
        })
        .collect();
    (!totals.is_empty()).then(|| totals.join(" + "))
}

/// An amount in `currency` ("—" when there is none), below zero when it is a `credit`.
pub(crate) fn signed_money(credit: bool, value: Option<&serde_json::Number>, currency: &str) -> String {
    match value.and_then(serde_json::Number::as_f64) {
        Some(v) => crate::format::money(if credit && v != 0.0 { -v.abs() } else { v }, currency),
        None => crate::format::money_of(None, currency),
    }
}

/// Whether `order`'s amounts are credits: a return's.
pub(crate) fn is_credit(order: &Order) -> bool {
    order.order_type == Some(OrderType::Return)
}

#[cfg(test)]
mod tests {
    use super::total_of;
    use partner_model::types::{Order, OrderType, PricingSummary};

    fn order(kind: OrderType, totals: &[(f64, &str)]) -> Order {
        Order {
            order_type: Some(kind),
            pricing_summary: totals
                .iter()
                .map(|(t, c)| PricingSummary {
                    total_line_item_partner_price: serde_json::Number::from_f64(*t),
                    currency_code: c.to_string(),
                })
                .collect(),
            ..Order::default()
        }
    }

    #[test]
    fn a_returns_total_is_a_credit_whatever_its_sign() {
        assert_eq!(total_of(&order(OrderType::New, &[(1660.68, "USD")])).as_deref(), Some("1660.68 USD"));
        assert_eq!(total_of(&order(OrderType::Return, &[(1660.68, "USD")])).as_deref(), Some("-1660.68 USD"));
        assert_eq!(total_of(&order(OrderType::Return, &[(-12.5, "EUR")])).as_deref(), Some("-12.50 EUR"));
        assert_eq!(total_of(&order(OrderType::Switch, &[(-3.0, "USD")])).as_deref(), Some("-3.00 USD"), "a net credit");
        assert_eq!(
            total_of(&order(OrderType::New, &[(10.0, "USD"), (1000.0, "JPY")])).as_deref(),
            Some("10.00 USD + 1000 JPY")
        );
        assert_eq!(total_of(&order(OrderType::New, &[])), None, "no prices given");
    }
}
