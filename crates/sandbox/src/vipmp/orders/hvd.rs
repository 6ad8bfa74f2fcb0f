//! Orders of a High Volume Discount customer migrated from VIP (`migration-migrate-hvd`): the
//! customer's license discount carries a code (`HVD_L18_PRE`: VIP level 18, on pre-price-action
//! pricing), which its order lines name in `discountCode`.
//!
//! As documented:
//! - A preview answers the lines with the customer's code, "irrespective of your entry" (none,
//!   the right one or a wrong one).
//! - A NEW order "will be created only if you provide a valid discount code"; an invalid one is
//!   5135 "Invalid Discount Code" (Create Order), naming each line as `Line Item: <n>`.
//! - A customer on pre-price-action pricing steps down to post-price-action pricing "for the
//!   second 3YC term" (`HVD_L17_PRE` → `HVD_L17_POST`): a renewal (and its preview) into a term
//!   that starts once the commitment has ended carries the `_POST` code, and the customer has
//!   it once that renewal completes.
//!
//! Choices where the docs are silent:
//! - The code is required on Acrobat Pro lines (Acrobat Pro, for teams and for enterprise:
//!   "only the Acrobat customers … can be migrated", and "each HVD Acrobat Pro subscription in
//!   the price list includes a discount code"); a preview answers it there. The docs' examples
//!   also show it on other products' lines: there it may be sent (and is answered back) but is
//!   not required. Any code sent that is not the customer's valid one is 5135, for a customer
//!   without a code too.
//! - A switch (upgrade, or its undo) checks a code sent on its line or cancelled item the same
//!   way and answers it back as a preview does, but requires none: the mid-term pages show the
//!   field without saying it is needed.
//! - The code changes no price: a line is priced at its level, as any other, and the price
//!   list has no HVD entries (the docs' table of rates after migration is an image the twin
//!   does not have).

use crate::twin::time;
use crate::twin::world::{Millis, World};
use crate::twin::ApiError;
use partner_model::types::{BenefitType, Customer, LineItem, LineItemRequest, OfferType};

/// The products (offer id's first eight characters) whose lines must name the code.
const PRODUCTS: &[&str] = &["65304921", "65304479", "65304522"];

/// The customer's High Volume Discount code, if it has one.
pub fn code(customer: &Customer) -> Option<&str> {
    customer
        .discounts
        .iter()
        .find(|d| d.offer_type == OfferType::License && !d.discount_code.is_empty())
        .map(|d| d.discount_code.as_str())
}

/// The code of the customer's renewal from `term_end` (the renewal date, which a first early
/// renewal leaves where it is): its own, or the post-price-action one when the renewed term
/// starts once its 3-Year Commit has ended — its second 3YC term.
pub fn renewal_code(customer: &Customer, term_end: Option<Millis>) -> Option<String> {
    let code = code(customer)?;
    let commitment_end = customer
        .benefits
        .iter()
        .find(|b| b.kind == BenefitType::ThreeYearCommit)
        .and_then(|b| b.commitment.as_ref())
        .and_then(|c| time::parse(&c.end_date));
    let starts = term_end.or_else(|| time::parse(&customer.coterm_date));
    let second_term = commitment_end.zip(starts).is_some_and(|(end, starts)| starts >= end);
    Some(if second_term { next_term(code) } else { code.to_string() })
}

/// The code of the next price action: pre-price-action pricing steps down to post.
fn next_term(code: &str) -> String {
    match code.strip_suffix("_PRE") {
        Some(level) => format!("{level}_POST"),
        None => code.to_string(),
    }
}

/// Whether a line of `offer_id` must name the code.
fn required(offer_id: &str) -> bool {
    PRODUCTS.iter().any(|p| offer_id.trim().starts_with(p))
}

/// The code a line of `offer_id` is answered with, having sent `sent`: the valid `code` on a
/// product that requires it, or when sent; none otherwise.
pub fn answered(offer_id: &str, sent: &str, code: Option<&str>) -> String {
    code.filter(|c| required(offer_id) || sent.trim() == *c).unwrap_or_default().to_string()
}

/// Gives each answered line its code (a preview's, and what an order keeps), from what its
/// request line (by number) sent.
pub fn mark(lines: &mut [LineItem], requests: &[LineItemRequest], code: Option<&str>) {
    for line in lines {
        let sent = requests.iter().find(|r| r.ext_line_item_number == line.ext_line_item_number);
        line.discount_code = answered(&line.offer_id, sent.map_or("", |r| r.discount_code.as_str()), code);
    }
}

/// Whether a line sending `sent` is refused: a code that is not the valid one, or none where
/// one is `needed`.
fn invalid(sent: &str, code: Option<&str>, needed: bool) -> bool {
    match Some(sent.trim()).filter(|s| !s.is_empty()) {
        Some(sent) => Some(sent) != code,
        None => needed && code.is_some(),
    }
}

/// A NEW or RENEWAL order's lines: each code sent is the valid one, and an Acrobat Pro line of
/// a customer with a code names it (5135 naming each line that does not).
pub fn check(lines: &[LineItemRequest], code: Option<&str>) -> Result<(), ApiError> {
    refuse(
        lines.iter().filter(|l| invalid(&l.discount_code, code, required(&l.offer_id))).map(|l| l.ext_line_item_number),
    )
}

/// A switch's codes, on its line and its cancelled item: any sent is the valid one.
pub fn check_sent(sent: &[(u32, &str)], code: Option<&str>) -> Result<(), ApiError> {
    refuse(sent.iter().filter(|(_, s)| invalid(s, code, false)).map(|(n, _)| *n))
}

fn refuse(lines: impl Iterator<Item = u32>) -> Result<(), ApiError> {
    let details: Vec<String> = lines.map(|n| format!("Line Item: {n}")).collect();
    if details.is_empty() {
        Ok(())
    } else {
        Err(ApiError::with_details("5135", details))
    }
}

/// A completed renewal's lines carry the customer's code from then on (the second 3YC term's).
pub fn renewed(world: &mut World, customer_id: &str, lines: &[LineItem]) {
    let Some(customer) = world.customers.get_mut(customer_id) else { return };
    let Some(renewed) = lines.iter().map(|l| l.discount_code.as_str()).find(|c| !c.is_empty()) else { return };
    if let Some(d) =
        customer.discounts.iter_mut().find(|d| d.offer_type == OfferType::License && !d.discount_code.is_empty())
    {
        d.discount_code = renewed.to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use partner_model::types::{Benefit, Commitment, Discount};

    fn line(n: u32, offer: &str, code: &str) -> LineItemRequest {
        LineItemRequest {
            ext_line_item_number: n,
            offer_id: offer.into(),
            discount_code: code.into(),
            ..LineItemRequest::default()
        }
    }

    fn refused(lines: &[LineItemRequest], code: Option<&str>) -> Option<Vec<String>> {
        check(lines, code).err().map(|e| e.1.additional_details)
    }

    #[test]
    fn only_the_valid_code_places_an_order() {
        let code = Some("HVD_L18_PRE");
        assert_eq!(refused(&[line(1, "65304479CA14A12", "HVD_L18_PRE"), line(2, "65322651CA14A12", "")], code), None);
        assert_eq!(refused(&[line(1, "65322651CA14A12", "HVD_L18_PRE")], code), None, "sent on another product");
        assert_eq!(refused(&[line(4, "65304479CA14A12", "")], code), Some(vec!["Line Item: 4".into()]), "missing");
        assert_eq!(
            refused(&[line(1, "65322651CA14A12", ""), line(2, "65304921CA14A12", "HVD_L17_PRE")], code),
            Some(vec!["Line Item: 2".into()]),
            "a wrong code"
        );
        assert_eq!(refused(&[line(1, "65322651CA14A12", "HVD_L17_PRE")], code), Some(vec!["Line Item: 1".into()]));
        assert_eq!(refused(&[line(1, "65304479CA01A12", "HVD_L18_PRE")], None), Some(vec!["Line Item: 1".into()]));
        assert_eq!(refused(&[line(1, "65304479CA01A12", "")], None), None, "no code, none needed");
        assert_eq!(refused(&[line(1, "65304479CA14A12", " HVD_L18_PRE ")], code), None, "trimmed");
        assert!(check_sent(&[(1, ""), (1, "HVD_L18_PRE")], code).is_ok(), "a switch needs none");
        assert!(check_sent(&[(1, "HVD_L19_PRE")], code).is_err());
    }

    #[test]
    fn a_preview_answers_the_code_whatever_was_sent() {
        let code = Some("HVD_L18_PRE");
        assert_eq!(answered("65304479CA14A12", "", code), "HVD_L18_PRE");
        assert_eq!(answered("65304479CA14A12", "HVD_L17_POST", code), "HVD_L18_PRE");
        assert_eq!(answered("65324918CA14A12", "HVD_L18_PRE", code), "HVD_L18_PRE", "sent on another product");
        assert_eq!(answered("65324918CA14A12", "", code), "");
        assert_eq!(answered("65304479CA14A12", "HVD_L18_PRE", None), "");
    }

    #[test]
    fn the_second_three_year_term_steps_down_to_post_price_action_pricing() {
        let customer = |anniversary: &str, end: &str| Customer {
            coterm_date: anniversary.into(),
            discounts: vec![Discount {
                discount_code: "HVD_L18_PRE".into(),
                ..Discount::new(OfferType::License, "14")
            }],
            benefits: vec![Benefit {
                kind: BenefitType::ThreeYearCommit,
                status: None,
                commitment: Some(Commitment { end_date: end.into(), ..Commitment::default() }),
                commitment_request: None,
                recommitment_request: None,
            }],
            ..Customer::default()
        };
        assert_eq!(
            renewal_code(&customer("2027-03-01", "2029-02-28"), None).as_deref(),
            Some("HVD_L18_PRE"),
            "within the term"
        );
        assert_eq!(renewal_code(&customer("2029-03-01", "2029-02-28"), None).as_deref(), Some("HVD_L18_POST"));
        assert_eq!(renewal_code(&Customer::default(), None), None);
        assert_eq!(next_term("HVD_L18_POST"), "HVD_L18_POST");
    }
}
