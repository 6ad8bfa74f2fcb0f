//! Whole-request checks of order requests (NEW, PREVIEW, RETURN, PREVIEW_RENEWAL, RENEWAL, the
//! switches) and of
//! auto-renewal updates: every problem at once, each with the wire path it concerns
//! (`lineItems[2].quantity`), so the browser's order form and the sandbox agree.
//!
//! What needs the offer catalog (the Team limit of 10,000 per line, eligibility, discount
//! levels) is not known here: [`check_line_quantity`] takes the limit from the caller.
//!
//! `FieldError` is defined here with the shape `rules/account_requests.rs` was planned to have
//! (`path`, `problem`); that file was still a placeholder when this one was written.

use super::cross;
use super::validators::{currency, max_length, Because, Invalid};
use super::FieldError;
use crate::types::{AutoRenewalRequest, LineItemRequest, OrderRequest, SwitchOrder};

/// The most licenses of a Team product on one line, or renewed by one subscription.
pub const TEAM_MAX_QUANTITY: u64 = cross::TEAM_MAX_QUANTITY;
/// The most licenses of an Enterprise product on one line (the hard limit of any line).
pub const ENTERPRISE_MAX_QUANTITY: u64 = 599_000;
/// The highest `extLineItemNumber`.
pub const MAX_LINE_NUMBER: u32 = 999_999;
/// The longest `externalReferenceId`.
pub const MAX_EXTERNAL_REFERENCE: usize = 35;

/// A quantity from 1 to `max`.
pub fn check_line_quantity(quantity: u64, max: u64) -> Result<(), Invalid> {
    if (1..=max).contains(&quantity) {
        Ok(())
    } else {
        Err(Invalid::OutOfRange { min: 1, max: i64::try_from(max).unwrap_or(i64::MAX) })
    }
}

/// Every problem of an order request, in field order.
pub fn check_order(request: &OrderRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let order_type = request.order_type();
    let (external, reference, currency, lines): (&str, Option<&str>, &str, &[LineItemRequest]) = match request {
        OrderRequest::New { external_reference_id, currency_code, line_items }
        | OrderRequest::Preview { external_reference_id, currency_code, line_items }
        | OrderRequest::RenewalPreview { external_reference_id, currency_code, line_items }
        | OrderRequest::Renewal { external_reference_id, currency_code, line_items } => {
            (external_reference_id, None, currency_code, line_items)
        }
        OrderRequest::Return { external_reference_id, reference_order_id, currency_code, line_items } => {
            (external_reference_id, Some(reference_order_id.as_str()), currency_code, line_items)
        }
        OrderRequest::PreviewRenewal => ("", None, "", &[]),
        OrderRequest::PreviewSwitch(o)
        | OrderRequest::Switch(o)
        | OrderRequest::PreviewRevertSwitch(o)
        | OrderRequest::RevertSwitch(o) => {
            let reference = request.order_type().as_str().contains("REVERT").then_some(o.reference_order_id.as_str());
            (&o.external_reference_id, reference, &o.currency_code, &o.line_items)
        }
    };
    if let Err(problem) = max_length(external, MAX_EXTERNAL_REFERENCE) {
        errors.push(FieldError::new("externalReferenceId", problem));
    }
    if let Err(problem) = cross::reference_order(order_type.as_str(), reference) {
        errors.push(FieldError::new("referenceOrderId", problem));
    }
    errors.extend(check_currency(request, currency, lines));
    // A renewal preview with lines is a manual renewal's: it has lines like any order.
    let kind = if matches!(request, OrderRequest::RenewalPreview { .. }) { "RENEWAL" } else { order_type.as_str() };
    if let Err(problem) = cross::line_count(kind, lines.len()) {
        errors.push(FieldError::new("lineItems", problem));
    }
    let numbers: Vec<u32> = lines.iter().map(|l| l.ext_line_item_number).collect();
    let duplicated = cross::unique_line_numbers(&numbers).err().unwrap_or_default();
    for (i, line) in lines.iter().enumerate() {
        errors.extend(check_line(i, line, &duplicated));
    }
    if let Some((_, problem)) = request.switch().and_then(switch_problem) {
        errors.push(problem);
    }
    errors
}

/// What is wrong with the shape of a switch (or revert), with the API's code for it: one line
/// and one cancelling item (2152), the cancelling item naming that line (2153), the same
/// quantity on both (2149).
pub fn switch_problem(o: &SwitchOrder) -> Option<(&'static str, FieldError)> {
    let ([line], [cancelling]) = (o.line_items.as_slice(), o.cancelling_items.as_slice()) else {
        let problem = Invalid::Explained("A switch moves one subscription to one product at a time.".into());
        return Some(("2152", FieldError::new("lineItems", problem)));
    };
    if cancelling.reference_line_item_number != line.ext_line_item_number {
        let problem = Invalid::Explained("The cancelling item must name the switch's line.".into());
        return Some(("2153", FieldError::new("cancellingItems[0].referenceLineItemNumber", problem)));
    }
    if cancelling.quantity != line.quantity {
        let problem =
            Invalid::Explained("Switch as many licenses to the new product as leave the subscription.".into());
        return Some(("2149", FieldError::new("cancellingItems[0].quantity", problem)));
    }
    None
}

/// The currency of an order: ISO 4217, at order level or on every line but not both (2140 on the
/// wire); a NEW or PREVIEW order needs one (a RETURN takes its order's).
fn check_currency(request: &OrderRequest, order_level: &str, lines: &[LineItemRequest]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if let Err(problem) = currency(order_level) {
        errors.push(FieldError::new("currencyCode", problem));
    }
    for (i, line) in lines.iter().enumerate() {
        if let Err(problem) = currency(&line.currency_code) {
            errors.push(FieldError::new(format!("lineItems[{i}].currencyCode"), problem));
        }
    }
    let on_lines = lines.iter().any(|l| !l.currency_code.is_empty());
    if on_lines && !order_level.is_empty() {
        errors.push(FieldError::new("currencyCode", Invalid::Explained(BOTH_CURRENCIES.into())));
    } else if !on_lines
        && order_level.is_empty()
        && matches!(request, OrderRequest::New { .. } | OrderRequest::Preview { .. })
    {
        errors.push(FieldError::new("currencyCode", Invalid::Missing));
    } else if on_lines && lines.iter().any(|l| l.currency_code.is_empty()) {
        for (i, _) in lines.iter().enumerate().filter(|(_, l)| l.currency_code.is_empty()) {
            errors.push(FieldError::new(format!("lineItems[{i}].currencyCode"), Invalid::Missing));
        }
    } else if let Some(first) = lines.first().filter(|_| on_lines) {
        // One order, one currency (2137 "Currency code not aligned" on the wire).
        for (i, _) in lines.iter().enumerate().filter(|(_, l)| l.currency_code != first.currency_code) {
            errors.push(FieldError::new(
                format!("lineItems[{i}].currencyCode"),
                Invalid::Explained(MIXED_CURRENCIES.into()),
            ));
        }
    }
    errors
}

/// What an order whose lines name different currencies is told (2137 on the wire).
pub const MIXED_CURRENCIES: &str = "Use one currency on every line of an order.";

/// What a request with a currency at order level and on its lines is told (2140 on the wire).
pub const BOTH_CURRENCIES: &str = "Send the currency on the lines or for the whole order, not both.";

/// The problems of line `i` of an order request.
fn check_line(i: usize, line: &LineItemRequest, duplicated: &[u32]) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let number = line.ext_line_item_number;
    if number > MAX_LINE_NUMBER {
        errors.push(FieldError::new(
            format!("lineItems[{i}].extLineItemNumber"),
            Invalid::OutOfRange { min: 0, max: i64::from(MAX_LINE_NUMBER) },
        ));
    } else if duplicated.contains(&number) {
        errors.push(FieldError::new(
            format!("lineItems[{i}].extLineItemNumber"),
            Invalid::Because(Because::LineNumberTwice { number }),
        ));
    }
    if line.offer_id.trim().is_empty() {
        errors.push(FieldError::new(format!("lineItems[{i}].offerId"), Invalid::Missing));
    } else if let Err(problem) = max_length(&line.offer_id, 40) {
        errors.push(FieldError::new(format!("lineItems[{i}].offerId"), problem));
    }
    if let Err(problem) = check_line_quantity(line.quantity, ENTERPRISE_MAX_QUANTITY) {
        errors.push(FieldError::new(format!("lineItems[{i}].quantity"), problem));
    }
    errors
}

/// The problems of an auto-renewal update, for a subscription whose product allows at most
/// `max` licenses. A quantity sent with `enabled: false` is ignored, as the API ignores it; one
/// sent without `enabled` is checked.
pub fn check_auto_renewal(request: &AutoRenewalRequest, max: u64) -> Vec<FieldError> {
    match (request.enabled, request.renewal_quantity) {
        (Some(true) | None, Some(q)) => check_line_quantity(q, max)
            .err()
            .map(|problem| FieldError::new("autoRenewal.renewalQuantity", problem))
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: u32, offer: &str, q: u64) -> LineItemRequest {
        LineItemRequest { ext_line_item_number: n, offer_id: offer.into(), quantity: q, ..Default::default() }
    }

    fn new(lines: Vec<LineItemRequest>) -> OrderRequest {
        OrderRequest::New { external_reference_id: String::new(), currency_code: "USD".into(), line_items: lines }
    }

    #[test]
    fn a_switch_moves_one_subscription_with_as_many_licenses_as_leave_it() {
        use crate::types::CancellingItemRequest;
        let cancel = |n: u32, q: u64| CancellingItemRequest {
            ext_line_item_number: 1,
            reference_line_item_number: n,
            subscription_id: "S".into(),
            quantity: q,
            discount_code: String::new(),
        };
        let switch = |lines: Vec<LineItemRequest>, cancelling: Vec<CancellingItemRequest>| SwitchOrder {
            currency_code: "USD".into(),
            line_items: lines,
            cancelling_items: cancelling,
            ..Default::default()
        };
        let code = |o: &SwitchOrder| switch_problem(o).map(|(code, _)| code);
        assert_eq!(code(&switch(vec![line(1, "65304479CA01A12", 3)], vec![cancel(1, 3)])), None);
        assert_eq!(code(&switch(vec![line(1, "A", 3), line(2, "B", 1)], vec![cancel(1, 3)])), Some("2152"));
        assert_eq!(code(&switch(vec![line(1, "A", 3)], vec![cancel(2, 3)])), Some("2153"));
        assert_eq!(code(&switch(vec![line(1, "A", 3)], vec![cancel(1, 2)])), Some("2149"));
        let revert = OrderRequest::RevertSwitch(switch(vec![line(1, "65304479CA01A12", 3)], vec![cancel(1, 3)]));
        assert_eq!(paths(&check_order(&revert)), vec!["referenceOrderId"], "a revert names its switch");
    }

    fn paths(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.path.as_str()).collect()
    }

    #[test]
    fn a_good_order_passes() {
        assert!(check_order(&new(vec![line(1, "65304479CA01A12", 5), line(2, "65322651CA01A12", 599_000)])).is_empty());
        assert!(check_order(&OrderRequest::PreviewRenewal).is_empty());
    }

    #[test]
    fn lines_are_checked_with_their_paths() {
        let errors = check_order(&new(vec![line(1, "A", 0), line(1, "", 5), line(1_000_000, "B", 600_000)]));
        assert_eq!(
            paths(&errors),
            [
                "lineItems[0].extLineItemNumber",
                "lineItems[0].quantity",
                "lineItems[1].extLineItemNumber",
                "lineItems[1].offerId",
                "lineItems[2].extLineItemNumber",
                "lineItems[2].quantity"
            ]
        );
        assert_eq!(paths(&check_order(&new(vec![]))), ["lineItems"]);
        let many = (0..500).map(|n| line(n, "A", 1)).collect();
        assert_eq!(paths(&check_order(&new(many))), ["lineItems"]);
    }

    #[test]
    fn the_currency_is_iso_4217_at_one_level() {
        let with = |order: &str, lines: &[&str]| {
            let items = lines
                .iter()
                .enumerate()
                .map(|(i, c)| LineItemRequest { currency_code: c.to_string(), ..line(i as u32 + 1, "A", 1) })
                .collect();
            OrderRequest::New { external_reference_id: String::new(), currency_code: order.into(), line_items: items }
        };
        assert!(check_order(&with("EUR", &["", ""])).is_empty());
        assert!(check_order(&with("", &["EUR", "EUR"])).is_empty(), "on the lines, as the current page asks");
        assert_eq!(paths(&check_order(&with("", &["", ""]))), ["currencyCode"], "none at all");
        assert_eq!(paths(&check_order(&with("EUR", &["EUR", ""]))), ["currencyCode"], "both levels");
        assert_eq!(paths(&check_order(&with("", &["EUR", ""]))), ["lineItems[1].currencyCode"], "a line without one");
        assert_eq!(paths(&check_order(&with("XYZ", &[""]))), ["currencyCode"], "not ISO 4217");
        assert_eq!(paths(&check_order(&with("", &["usd"]))), ["lineItems[0].currencyCode"]);
        assert_eq!(
            paths(&check_order(&with("", &["EUR", "USD"]))),
            ["lineItems[1].currencyCode"],
            "one currency per order"
        );
    }

    #[test]
    fn returns_name_their_order_and_references_are_short() {
        let ret = OrderRequest::Return {
            external_reference_id: "x".repeat(36),
            reference_order_id: String::new(),
            currency_code: String::new(),
            line_items: vec![line(1, "A", 1)],
        };
        assert_eq!(paths(&check_order(&ret)), ["externalReferenceId", "referenceOrderId"]);
    }

    #[test]
    fn auto_renewal_quantity_is_in_range_only_when_enabled() {
        let req = |on: bool, q| AutoRenewalRequest { enabled: Some(on), renewal_quantity: q, ..Default::default() };
        assert!(check_auto_renewal(&req(true, None), TEAM_MAX_QUANTITY).is_empty());
        assert!(check_auto_renewal(&req(true, Some(10_000)), TEAM_MAX_QUANTITY).is_empty());
        assert!(check_auto_renewal(&req(false, Some(0)), TEAM_MAX_QUANTITY).is_empty());
        assert_eq!(paths(&check_auto_renewal(&req(true, Some(0)), TEAM_MAX_QUANTITY)), ["autoRenewal.renewalQuantity"]);
        assert_eq!(
            paths(&check_auto_renewal(&req(true, Some(10_001)), TEAM_MAX_QUANTITY)),
            ["autoRenewal.renewalQuantity"]
        );
        assert!(check_auto_renewal(&req(true, Some(10_001)), ENTERPRISE_MAX_QUANTITY).is_empty());
        let unsaid = |q| AutoRenewalRequest { renewal_quantity: q, ..Default::default() };
        assert!(check_auto_renewal(&unsaid(None), TEAM_MAX_QUANTITY).is_empty());
        assert_eq!(paths(&check_auto_renewal(&unsaid(Some(0)), TEAM_MAX_QUANTITY)), ["autoRenewal.renewalQuantity"]);
    }
}
