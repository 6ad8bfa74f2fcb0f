//! Orders of a High Volume Discount customer migrated from VIP (`migration-migrate-hvd`): the
//! customer's license discount carries a code (`HVD_L18_PRE`: VIP level 18, on pre-price-action
//! pricing), which its Acrobat Pro lines name in `discountCode`.
//!
//! As documented:
//! - A preview answers each such line with the customer's code, "irrespective of your entry"
//!   (none, the right one or a wrong one).
//! - A NEW order "will be created only if you provide a valid discount code".
//! - A renewal preview gives the code of the next term: a customer on pre-price-action pricing
//!   steps down to post-price-action pricing (`HVD_L17_PRE` → `HVD_L17_POST`).
//!
//! Choices where the docs are silent:
//! - The products a code is for are Acrobat Pro's ("each HVD Acrobat Pro subscription in the
//!   price list includes a discount code"): Acrobat Pro, for teams and for enterprise.
//! - A NEW or RENEWAL line is refused with 1117 naming `lineItems[i].discountCode` when its code
//!   is not the one its preview answers: missing or wrong on an Acrobat Pro line of an HVD
//!   customer, or any code on another line or for another customer (no code is valid there).
//!   The docs name no code for it.
//! - The code changes no price: a line is priced at its level, as any other (the docs' table
//!   of rates after migration is an image the twin does not have).

use crate::twin::ApiError;
use partner_model::types::{Customer, LineItem, LineItemRequest, OfferType};

/// The products (offer id's first eight characters) a High Volume Discount code is for.
const PRODUCTS: &[&str] = &["65304921", "65304479", "65304522"];

/// The customer's High Volume Discount code, if it has one.
pub fn code(customer: &Customer) -> Option<&str> {
    customer
        .discounts
        .iter()
        .find(|d| d.offer_type == OfferType::License && !d.discount_code.is_empty())
        .map(|d| d.discount_code.as_str())
}

/// The code of the customer's next term: pre-price-action pricing steps down to post.
pub fn next_term(code: &str) -> String {
    match code.strip_suffix("_PRE") {
        Some(level) => format!("{level}_POST"),
        None => code.to_string(),
    }
}

/// Whether a code is for `offer_id`.
fn applies(offer_id: &str) -> bool {
    PRODUCTS.iter().any(|p| offer_id.trim().starts_with(p))
}

/// The code a line of `offer_id` must name, and a preview answers: `code` for a product it is
/// for, none otherwise.
fn due<'a>(offer_id: &str, code: Option<&'a str>) -> Option<&'a str> {
    code.filter(|_| applies(offer_id))
}

/// Gives each line the code it is due, whatever was asked (a preview's answer, and what an
/// order keeps).
pub fn mark(lines: &mut [LineItem], code: Option<&str>) {
    for line in lines {
        line.discount_code = due(&line.offer_id, code).unwrap_or_default().to_string();
    }
}

/// A NEW or RENEWAL order's lines each name the code they are due (1117 naming each that does
/// not).
pub fn check(lines: &[LineItemRequest], code: Option<&str>) -> Result<(), ApiError> {
    let wrong: Vec<String> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| Some(l.discount_code.trim()).filter(|c| !c.is_empty()) != due(&l.offer_id, code))
        .map(|(i, _)| format!("lineItems[{i}].discountCode"))
        .collect();
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid_fields(wrong))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(offer: &str, code: &str) -> LineItemRequest {
        LineItemRequest { offer_id: offer.into(), discount_code: code.into(), ..LineItemRequest::default() }
    }

    #[test]
    fn only_the_due_code_places_an_order() {
        let code = Some("HVD_L18_PRE");
        assert!(check(&[line("65304479CA14A12", "HVD_L18_PRE"), line("65322651CA14A12", "")], code).is_ok());
        let refused = |lines: &[LineItemRequest], code| check(lines, code).err().map(|e| e.1.additional_details);
        assert_eq!(refused(&[line("65304479CA14A12", "")], code), Some(vec!["lineItems[0].discountCode".into()]));
        assert_eq!(
            refused(&[line("65322651CA14A12", ""), line("65304921CA14A12", "HVD_L17_PRE")], code),
            Some(vec!["lineItems[1].discountCode".into()]),
            "a wrong code"
        );
        assert_eq!(
            refused(&[line("65322651CA14A12", "HVD_L18_PRE")], code),
            Some(vec!["lineItems[0].discountCode".into()]),
            "not a product the code is for"
        );
        assert!(refused(&[line("65304479CA14A12", "HVD_L18_PRE")], None).is_some(), "no code for this customer");
        assert!(check(&[line("65304479CA14A12", " HVD_L18_PRE ")], code).is_ok(), "trimmed");
    }

    #[test]
    fn the_next_term_is_on_post_price_action_pricing() {
        assert_eq!(next_term("HVD_L18_PRE"), "HVD_L18_POST");
        assert_eq!(next_term("HVD_L18_POST"), "HVD_L18_POST");
    }
}
