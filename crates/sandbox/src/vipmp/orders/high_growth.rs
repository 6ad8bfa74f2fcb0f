//! High Growth offers ("Manage High Growth Offers", "… through APIs", "High Growth Offer
//! scenarios"): Acrobat Pro at a minimum order quantity (MOQ) of 100, 250 or 500, which a
//! customer with 3-Year Commit renews with.
//!
//! What the documents say, as the twin does it:
//! - "Enterprise and Team customers of Acrobat Pro in the commerce, government, and education
//!   market segments", enrolled in 3YC, whose "current seats at renewal, Acrobat Pro +
//!   Standard" choose the MOQ: up to 50 any of the three, up to 125 MOQ 250 or 500, up to 250
//!   MOQ 500 (none above); and whose 3YC minimum commit quantity (MCQ) for licenses is at least
//!   the MOQ.
//! - A renewal preview lists them in `eligibleOffers` "only to the customers who hold Acrobat Pro
//!   or Standard subscriptions", whatever the 3YC ("the recommendation doesn't consider the
//!   minimum commit quantity of 3YC"), each with `additionalCriteria` `THREE_YEAR_COMMIT`.
//! - Update Subscription's `autoRenewal.renewalCode` opts a subscription in, with auto-renewal
//!   on; `?reset-renewal-code=true` takes it out. Each refusal names `autoRenewal.renewalCode`
//!   ([`check_opt_in`], in this order): not MOQ_100/250/500, 5123 Invalid Discount Code; not an
//!   Acrobat Pro subscription, 5125 Invalid Request for Discount Code; no 3YC in force, 5128
//!   "Discount code not applicable for regular customer"; an MCQ below the MOQ, 5129 "… not
//!   applicable for 3yc committed quantity"; seats the table does not give this MOQ, 5126
//!   Invalid Current Quantity; a renewal quantity below the MOQ, 5124.
//! - Auto-renewal is not turned off while a code is set: 5134 "Could not turn off Auto Renewal
//!   for MOQ offer".
//! - A renewal preview renews an opted subscription as its High Growth offer, at its renewal
//!   quantity but at least the MOQ ("the renewal quantity earlier opted will be overridden by
//!   the MOQ quantity"), and still lists the offers (the docs' second example); so does the
//!   renewal on the anniversary (`auto_renewal`), "until the 3YC term ends": with no 3YC in
//!   force it renews as the plan, its code kept.
//!
//! Choices where the documents are silent, or disagree:
//! - An offer's id is its Acrobat Pro product's at level 14 with X, Y or Z for the plan letter,
//!   in the customer's segment (the scenarios' `65304479CA14X12` is "Acrobat Pro 100 MOQ"):
//!   those of each Acrobat Pro product the customer renews, else (Acrobat Standard only, which
//!   adds Pro with Create Subscription) of Acrobat Pro for teams; with the `deploymentId` of a
//!   deployment's subscription. The API pages' examples show other products' ids; the overview
//!   page, which says who is eligible, names Acrobat Pro only, and the twin follows it.
//! - "All MOQ offer purchases on the anniversary date must be completed within the purchase
//!   window from AD-7 to AD-3" is about purchases on the anniversary, which the twin's
//!   anniversary does not make; opting in is not held to it, nor is a mid-term purchase ("mid-term
//!   purchases apply to the current term"), and 5127 is not answered.
//! - The seats are those held now (the MOQ's own licenses would otherwise rule it out).
//! - Create Subscription's `renewalCode` is checked the same way for the product it adds; its
//!   `offerId` may be the High Growth offer's, and the subscription is then the plan's
//!   (`…CA01A12`, as the docs answer).
//! - A mid-term purchase ("Customers can send an `offerId` corresponding to MOQ … to create a
//!   mid-term purchase order of MOQ"; the scenarios 4 to 6): a NEW order (or its preview) of a
//!   High Growth offer's id, at its own level (never re-levelled; X, Y or Z at another level
//!   is no offer, 2122), for a customer the offer is for as above, the seats table aside once
//!   the customer renews at that MOQ or a higher one ("Any subsequent purchases will adhere to
//!   the customer's High Growth MOQ Offer price"; [`may_buy`]): otherwise 2129 naming the line
//!   with the reason `Not eligible for High Growth offer`, in the words the LGA page uses for
//!   its own reason (no documented REASON_CODE fits); fewer licenses than its MOQ, 2120 naming
//!   the line's quantity. Once complete, the licenses join the product's subscription, which
//!   renews as the highest MOQ bought, its renewal quantity (every license it had before, when
//!   it renewed them all) raised to that MOQ when lower ([`bought`]). Scenario 4 asks partners
//!   to raise the renewal quantity before buying; the twin raises it, as the scenario's outcome
//!   shows. All three MOQs are priced at level 14, and a return of such an order neither
//!   answers 5133 nor undoes the renewal: not built.

use super::offers::{self, OfferId};
use super::subscriptions_of;
use crate::twin::world::World;
use crate::twin::ApiError;
use partner_model::types::{Customer, EligibilityCriteria, EligibleOffer, Status, Subscription};

/// Acrobat Pro: for teams, the one the twin's catalog calls Acrobat Pro, for enterprise.
const ACROBAT_PRO: [&str; 3] = ["65304479", "65304921", "65304522"];
/// Acrobat Standard, whose seats count with Acrobat Pro's.
const ACROBAT_STANDARD: &str = "65304386";

/// Each offer: its `renewalCode`, the letter its id has for the plan's, and its MOQ.
const OFFERS: [(&str, char, u64); 3] = [("MOQ_100", 'X', 100), ("MOQ_250", 'Y', 250), ("MOQ_500", 'Z', 500)];

/// The fewest seats at renewal for which each MOQ is no longer offered: up to 50 seats any, up
/// to 125 MOQ 250 or 500, up to 250 MOQ 500.
fn offered_for(seats: u64, moq: u64) -> bool {
    match seats {
        0..=50 => true,
        51..=125 => moq >= 250,
        126..=250 => moq >= 500,
        _ => false,
    }
}

/// Where the checks point.
const FIELD: &str = "autoRenewal.renewalCode";

fn product(offer_id: &str) -> &str {
    offers::product_of(offer_id).unwrap_or_default()
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

/// `customer`'s Acrobat Pro and Standard subscriptions (active or scheduled), and their seats.
fn acrobat(world: &World, customer: &Customer) -> (Vec<Subscription>, u64) {
    let held: Vec<Subscription> = subscriptions_of(world, &customer.customer_id)
        .filter(|s| matches!(s.status, Status::Active | Status::Scheduled))
        .filter(|s| ACROBAT_PRO.contains(&product(&s.offer_id)) || product(&s.offer_id) == ACROBAT_STANDARD)
        .cloned()
        .collect();
    let seats = held.iter().map(|s| s.current_quantity.unwrap_or(0)).fold(0, u64::saturating_add);
    (held, seats)
}

/// The High Growth offers a renewal preview lists for `customer` (see the module's docs).
pub fn eligible(world: &World, customer: &Customer) -> Vec<EligibleOffer> {
    let (held, seats) = acrobat(world, customer);
    if held.is_empty() {
        return Vec::new();
    }
    let segment = offers::segment_letter(offers::customer_segment(customer));
    let mut products: Vec<(&str, &str)> = Vec::new();
    for s in held.iter().filter(|s| s.auto_renewal.enabled && ACROBAT_PRO.contains(&product(&s.offer_id))) {
        if !products.iter().any(|(p, _)| *p == product(&s.offer_id)) {
            products.push((product(&s.offer_id), &s.deployment_id));
        }
    }
    if products.is_empty() {
        products.push((ACROBAT_PRO[0], ""));
    }
    products
        .into_iter()
        .flat_map(|(product, deployment)| {
            OFFERS.iter().filter(move |(_, _, moq)| offered_for(seats, *moq)).map(move |&(code, letter, moq)| {
                EligibleOffer {
                    offer_id: offer_id(product, segment, letter),
                    renewal_code: code.into(),
                    eligibility_criteria: EligibilityCriteria {
                        min_quantity: Some(moq),
                        additional_criteria: vec!["THREE_YEAR_COMMIT".into()],
                        deployment_id: deployment.to_string(),
                    },
                }
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
    let Some(&(_, _, moq)) = OFFERS.iter().find(|(c, ..)| *c == code) else {
        return Err(refused("5123"));
    };
    if !ACROBAT_PRO.contains(&product(offer)) {
        return Err(refused("5125"));
    }
    let Some(committed) = offers::committed_minimum(customer, "LICENSE", u64::MAX) else {
        return Err(refused("5128"));
    };
    if committed < moq {
        return Err(refused("5129"));
    }
    let (_, seats) = acrobat(world, customer);
    if !offered_for(seats, moq) {
        return Err(refused("5126"));
    }
    if quantity < moq {
        return Err(refused("5124"));
    }
    Ok(())
}

/// The MOQ and `renewalCode` of a High Growth offer's id.
fn moq_of(id: &OfferId) -> Option<(&'static str, u64)> {
    let found = OFFERS.iter().find(|(_, l, _)| id.term == format!("{l}12"));
    found.filter(|_| id.level == "14").map(|&(code, _, moq)| (code, moq))
}

/// Whether `id` has a High Growth offer's plan letter (X, Y, Z) at a level other than theirs:
/// no offer at all.
pub fn misplaced(id: &OfferId) -> bool {
    OFFERS.iter().any(|(_, l, _)| id.term == format!("{l}12")) && !is_high_growth_id(id)
}

/// The MOQ `customer` already renews its Acrobat Pro with (0 when none).
fn renewing_moq(world: &World, customer: &Customer) -> u64 {
    let (held, _) = acrobat(world, customer);
    let moq = |s: &Subscription| OFFERS.iter().find(|(c, ..)| *c == s.auto_renewal.renewal_code).map_or(0, |o| o.2);
    held.iter().map(moq).max().unwrap_or(0)
}

/// Why `customer` may not buy `quantity` licenses of the High Growth offer `id` mid-term (see
/// the module's docs): `Err(true)` for a quantity below its MOQ, `Err(false)` when the customer
/// or the product is not eligible.
pub fn may_buy(world: &World, customer: &Customer, id: &OfferId, quantity: u64) -> Result<(), bool> {
    let Some((_, moq)) = moq_of(id) else { return Err(false) };
    let committed = offers::committed_minimum(customer, "LICENSE", u64::MAX).unwrap_or(0);
    let (_, seats) = acrobat(world, customer);
    let seats_allow = offered_for(seats, moq) || renewing_moq(world, customer) >= moq;
    if !ACROBAT_PRO.contains(&id.product.as_str()) || committed < moq || !seats_allow {
        return Err(false);
    }
    if quantity < moq {
        return Err(true);
    }
    Ok(())
}

/// A High Growth offer bought mid-term (`offer_id`, into the subscription `subscription_id`):
/// the subscription renews as the highest MOQ bought, at least that MOQ's licenses ("the
/// renewal quantity earlier opted will be overridden by the MOQ quantity because the earlier
/// opted renewal quantity is not sufficient"; "The highest MOQ needs to be retained").
pub fn bought(world: &mut World, subscription_id: &str, offer_id: &str, quantity: u64) {
    let Some((code, moq)) = OfferId::parse(offer_id).as_ref().and_then(moq_of) else { return };
    let Some(sub) = world.subscriptions.get_mut(subscription_id) else { return };
    let held = OFFERS.iter().find(|(c, ..)| *c == sub.auto_renewal.renewal_code).map_or(0, |&(_, _, m)| m);
    if held > moq {
        return;
    }
    // Renewing every license meant those held before this purchase.
    let before = sub.current_quantity.unwrap_or(0).saturating_sub(quantity);
    let renewal = &mut sub.auto_renewal;
    let renewing = if renewal.enabled { renewal.renewal_quantity.unwrap_or(before) } else { 0 };
    renewal.enabled = true;
    renewal.renewal_code = code.to_string();
    renewal.renewal_quantity = Some(renewing.max(moq));
}

/// The renewal of `sub` with `quantity` licenses, when it is opted into a High Growth offer:
/// that offer's id, and at least its MOQ.
pub fn renewal(sub: &Subscription, quantity: u64) -> Option<(String, u64)> {
    let &(_, letter, moq) = OFFERS.iter().find(|(c, ..)| *c == sub.auto_renewal.renewal_code)?;
    let id = OfferId::parse(&sub.offer_id)?;
    Some((offer_id(&id.product, id.segment, letter), quantity.max(moq)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offer_is_its_product_at_level_fourteen_with_the_moqs_letter() {
        assert!(is_high_growth("65304479CA14X12") && is_high_growth("65304522GA14Z12"));
        assert!(!is_high_growth("65304479CA14A12"), "a 3YC level, not a High Growth offer");
        let mut sub = Subscription { offer_id: "65304479EA01A12".into(), ..Subscription::default() };
        assert_eq!(renewal(&sub, 40), None);
        sub.auto_renewal.renewal_code = "MOQ_250".into();
        assert_eq!(renewal(&sub, 40), Some(("65304479EA14Y12".into(), 250)));
        assert_eq!(renewal(&sub, 300), Some(("65304479EA14Y12".into(), 300)));
    }

    /// Scenarios 4 to 6: the renewal after a mid-term purchase of `bought_id` (100 licenses, on
    /// top of 30, or as the whole subscription).
    #[test]
    fn the_highest_moq_bought_is_kept_and_a_lower_renewal_raised() {
        let mut world = World::default();
        let mut renew = |code: &str, quantity: Option<u64>, had: u64, bought_id: &str| {
            let mut sub = Subscription {
                subscription_id: "S".into(),
                current_quantity: Some(had + 100),
                ..Subscription::default()
            };
            sub.auto_renewal.enabled = had > 0;
            sub.auto_renewal.renewal_code = code.into();
            sub.auto_renewal.renewal_quantity = quantity;
            world.subscriptions.insert("S".into(), sub);
            bought(&mut world, "S", bought_id, 100);
            let r = world.subscriptions.get("S").map(|s| s.auto_renewal.clone()).unwrap_or_default();
            (r.enabled, r.renewal_code, r.renewal_quantity)
        };
        let x = "65304479CA14X12";
        assert_eq!(renew("", Some(25), 30, x), (true, "MOQ_100".into(), Some(100)), "scenario 4");
        assert_eq!(renew("", Some(105), 30, x), (true, "MOQ_100".into(), Some(105)), "scenario 5");
        assert_eq!(renew("", None, 0, x), (true, "MOQ_100".into(), Some(100)), "scenario 6, the first purchase");
        assert_eq!(
            renew("MOQ_100", Some(100), 100, "65304479CA14Y12"),
            (true, "MOQ_250".into(), Some(250)),
            "scenario 6"
        );
        assert_eq!(renew("", None, 130, x), (true, "MOQ_100".into(), Some(130)), "all it had renews");
        assert_eq!(renew("MOQ_250", Some(250), 250, x), (true, "MOQ_250".into(), Some(250)), "the highest kept");
        assert_eq!(renew("", Some(3), 30, "65304479CA12X12"), (true, String::new(), Some(3)), "no offer at level 12");
        assert_eq!(
            renew("", Some(3), 30, "65304479CA01A12"),
            (true, String::new(), Some(3)),
            "not a High Growth offer"
        );
        assert!(misplaced(&OfferId::parse("65304479CA01X12").expect("an id")));
        assert!(
            !misplaced(&OfferId::parse(x).expect("an id"))
                && !misplaced(&OfferId::parse("65304479CA01A12").expect("an id"))
        );
    }

    #[test]
    fn the_seats_at_renewal_choose_the_moq() {
        let offered =
            |seats| OFFERS.iter().filter(|(_, _, m)| offered_for(seats, *m)).map(|(c, ..)| *c).collect::<Vec<_>>();
        assert_eq!(offered(50), ["MOQ_100", "MOQ_250", "MOQ_500"]);
        assert_eq!(offered(110), ["MOQ_250", "MOQ_500"], "the overview's example: 110 seats");
        assert_eq!(offered(250), ["MOQ_500"]);
        assert!(offered(251).is_empty());
    }
}
