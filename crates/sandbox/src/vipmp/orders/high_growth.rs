//! High Growth offers ("Manage High Growth Offers through APIs"): a product at a minimum order
//! quantity (MOQ), which a customer with 3-Year Commit renews with.
//!
//! Choices where the docs are silent:
//! - A High Growth offer's id is its product's at level 14 with X, Y or Z for the plan letter:
//!   `MOQ_100`, `MOQ_250` and `MOQ_500` (the docs' ids: `65304479CA14X12` is "Acrobat Pro 100
//!   MOQ"); the docs show them for Acrobat Pro, All Apps and 65324918, so every product sold
//!   as licenses has them, for commercial customers (every example is one).
//! - A renewal preview lists them in `eligibleOffers` "only to the customers who hold Acrobat
//!   Pro or Standard subscriptions" (active or scheduled): the three of each product sold as
//!   licenses that renews (as the docs' example lists those of the line it renews), and Acrobat
//!   Pro's for a customer with only Acrobat Standard (which it adds with Create Subscription);
//!   each with `additionalCriteria` `THREE_YEAR_COMMIT` and, for a deployment's subscription,
//!   its `deploymentId`. "The recommendation doesn't consider the minimum commit quantity of
//!   3YC."
//! - Opting in is Update Subscription's `autoRenewal.renewalCode`, with auto-renewal on (1117
//!   `autoRenewal.enabled`, as for a flexible discount). [`check_opt_in`]: a code that is not
//!   one of the three, or a customer offered none (not commercial, or holding no Acrobat), is
//!   5123 Invalid Discount Code; a subscription not sold as licenses, or a customer without
//!   3-Year Commit (committed, or a request accepted: "3YC is required to avail the High Growth
//!   Offers"), 5125 Invalid Request for Discount Code; a renewal quantity below the offer's
//!   minimum (the quantity as it will be: the one sent, else the subscription's, else its
//!   licenses), 5124. 5126 (the current quantity) is never answered: the use cases opt 5
//!   licenses into MOQ 100. Each names `autoRenewal.renewalCode`.
//! - The code stays until `?reset-renewal-code=true` removes it (with or without a body; a code
//!   sent with it replaces the one kept), or auto-renewal is turned off.
//! - A renewal preview renews an opted subscription as its High Growth offer, at its renewal
//!   quantity but at least the minimum ("the renewal quantity earlier opted will be overridden
//!   by the MOQ quantity"), and still lists the offers (the docs' second example).
//! - Create Subscription's `renewalCode` (the docs' example adds All Apps at MOQ 100) is checked
//!   the same way; its `offerId` may be the High Growth offer's, and the subscription is then
//!   the plan's (`65322651CA01A12`, as the docs answer).

use super::offers::{self, OfferId};
use super::subscriptions_of;
use crate::twin::world::World;
use crate::twin::ApiError;
use partner_model::types::{Customer, EligibilityCriteria, EligibleOffer, Status, Subscription};

const ACROBAT_PRO: &str = "65304479";
const ACROBAT_STANDARD: &str = "65304921";

/// Each offer: its `renewalCode`, the letter its id has for the plan's, and its minimum.
const OFFERS: [(&str, char, u64); 3] = [("MOQ_100", 'X', 100), ("MOQ_250", 'Y', 250), ("MOQ_500", 'Z', 500)];

/// Where the checks point.
const FIELD: &str = "autoRenewal.renewalCode";

fn product(offer_id: &str) -> &str {
    offer_id.get(..8).unwrap_or_default()
}

/// The High Growth offer of `product` with `letter`, in the market segment `segment` names.
fn offer_id(product: &str, segment: char, letter: char) -> String {
    format!("{product}{segment}A14{letter}12")
}

/// Whether `offer_id` is a High Growth offer's (the renewal preview keeps it as it is).
pub fn is_high_growth(offer_id: &str) -> bool {
    OfferId::parse(offer_id).is_some_and(|id| is_high_growth_id(&id))
}

/// [`is_high_growth`] of an id already read.
pub fn is_high_growth_id(id: &OfferId) -> bool {
    id.level == "14" && OFFERS.iter().any(|(_, l, _)| id.term == format!("{l}12"))
}

/// The subscriptions `customer` holds (active or scheduled), when it is offered High Growth
/// offers at all: a commercial customer holding Acrobat Pro or Standard.
fn offered<'a>(world: &'a World, customer: &'a Customer) -> Option<Vec<&'a Subscription>> {
    if offers::customer_segment(customer) != "COM" {
        return None;
    }
    let held: Vec<&Subscription> = subscriptions_of(world, &customer.customer_id)
        .filter(|s| matches!(s.status, Status::Active | Status::Scheduled))
        .collect();
    held.iter().any(|s| [ACROBAT_PRO, ACROBAT_STANDARD].contains(&product(&s.offer_id))).then_some(held)
}

/// The High Growth offers a renewal preview lists for `customer` (see the module's docs).
pub fn eligible(world: &World, customer: &Customer) -> Vec<EligibleOffer> {
    let Some(held) = offered(world, customer) else { return Vec::new() };
    let holds = |p: &str| held.iter().any(|s| product(&s.offer_id) == p);
    let mut products: Vec<(&str, &str)> = Vec::new();
    let licenses = held
        .iter()
        .filter(|s| s.auto_renewal.enabled && offers::offer_of(&s.offer_id).is_some_and(|o| o.offer_type == "LICENSE"));
    for s in licenses {
        if !products.iter().any(|(p, _)| *p == product(&s.offer_id)) {
            products.push((product(&s.offer_id), &s.deployment_id));
        }
    }
    if !holds(ACROBAT_PRO) {
        products.push((ACROBAT_PRO, ""));
    }
    products
        .into_iter()
        .flat_map(|(product, deployment)| {
            OFFERS.iter().map(move |&(code, letter, minimum)| EligibleOffer {
                offer_id: offer_id(product, 'C', letter),
                renewal_code: code.into(),
                eligibility_criteria: EligibilityCriteria {
                    min_quantity: Some(minimum),
                    additional_criteria: vec!["THREE_YEAR_COMMIT".into()],
                    deployment_id: deployment.to_string(),
                },
            })
        })
        .collect()
}

fn refused(code: &str) -> ApiError {
    ApiError::with_details(code, vec![FIELD.into()])
}

/// Whether `customer` may renew its subscription of `offer` (or the one Create Subscription
/// adds) as the High Growth offer `code`, with `quantity` licenses renewing (see the module's
/// docs).
pub fn check_opt_in(
    world: &World,
    customer: &Customer,
    offer: &str,
    code: &str,
    quantity: u64,
) -> Result<(), ApiError> {
    let known = OFFERS.iter().find(|(c, ..)| *c == code);
    let Some(&(_, _, minimum)) = known.filter(|_| offered(world, customer).is_some()) else {
        return Err(refused("5123"));
    };
    let licenses = offers::offer_of(offer).is_some_and(|o| o.offer_type == "LICENSE");
    let three_year_commit = offers::committed_minimum(customer, "LICENSE", u64::MAX).is_some();
    if !licenses || !three_year_commit {
        return Err(refused("5125"));
    }
    if quantity < minimum {
        return Err(refused("5124"));
    }
    Ok(())
}

/// The renewal of `sub` with `quantity` licenses, when it is opted into a High Growth offer:
/// that offer's id, and at least its minimum.
pub fn renewal(sub: &Subscription, quantity: u64) -> Option<(String, u64)> {
    let &(_, letter, minimum) = OFFERS.iter().find(|(c, ..)| *c == sub.auto_renewal.renewal_code)?;
    let id = OfferId::parse(&sub.offer_id)?;
    Some((offer_id(&id.product, id.segment, letter), quantity.max(minimum)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offer_is_its_product_at_level_fourteen_with_the_minimums_letter() {
        assert!(is_high_growth("65304479CA14X12") && is_high_growth("65322651CA14Z12"));
        assert!(!is_high_growth("65304479CA14A12"), "a 3YC level, not a High Growth offer");
        let mut sub = Subscription { offer_id: "65324918CA02A12".into(), ..Subscription::default() };
        assert_eq!(renewal(&sub, 40), None);
        sub.auto_renewal.renewal_code = "MOQ_250".into();
        assert_eq!(renewal(&sub, 40), Some(("65324918CA14Y12".into(), 250)));
        assert_eq!(renewal(&sub, 300), Some(("65324918CA14Y12".into(), 300)));
    }
}
