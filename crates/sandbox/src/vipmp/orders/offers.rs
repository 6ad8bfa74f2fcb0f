//! The twin's offer catalog and the discount level a customer is eligible for.
//!
//! ## Offer ids
//! The docs' offer ids (`65304479CA01A12`, `11073058CA01A12` previewed as `11073058CA02A12`
//! for 10 licenses) read as: 8 digits of product, a market-segment letter (`C` COM, `E` EDU,
//! `G` GOV), a region letter (kept as sent), **two characters of discount level**, and a
//! 3-character term (`A12`). The twin implements exactly that:
//! - licenses: volume levels `01` (1–9), `02` (10–49), `03` (50–99), `04` (100+); 3-Year
//!   Commit levels `12`–`14` for COM and GOV, `02`–`04` for EDU (the 3YC page's tables);
//! - consumables: volume tiers `T1`–`T7`, 3YC tiers `TB`–`TG` (`65324059CAT2A12`);
//! - LGA (`06`–`09`) and HVD (`17`–`22`) levels in `customer.discounts` are kept as they are.
//!
//! The level a customer is eligible for, per offer type: the higher of the customer's current
//! level (`discounts`) and the level of the licenses (or transactions) the customer then holds
//! — active subscriptions plus this order ("evaluated after each order, based on the current
//! level and the cumulative quantity"). With a 3YC `commitment` (COMMITTED or ACTIVE), or an
//! ACCEPTED `commitmentRequest` whose minimum the order reaches, the 3YC level of the higher of
//! that tier and the committed minimum's tier applies.
//! A subscription's `offerId` is the base level id (`01` or `T1`), as the docs say.

use partner_model::catalog::segments::{DiscountProgram, DISCOUNT_LEVELS};
use partner_model::rules::order_requests::{check_line_quantity, TEAM_MAX_QUANTITY};
use partner_model::types::{CommitmentStatus, Customer, OfferType};

/// Team or Enterprise: decides the largest quantity of a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edition {
    Team,
    Enterprise,
}

/// One product the twin sells.
#[derive(Clone, Copy, Debug)]
pub struct Offer {
    /// The 8-digit product part of its offer ids.
    pub product: &'static str,
    pub name: &'static str,
    pub edition: Edition,
    /// `LICENSE` or `CONSUMABLES`.
    pub offer_type: &'static str,
    /// The market segments it is sold to.
    pub segments: &'static [&'static str],
}

const ALL: &[&str] = &["COM", "EDU", "GOV"];
const COM_GOV: &[&str] = &["COM", "GOV"];
const L: &str = "LICENSE";
const C: &str = "CONSUMABLES";
use Edition::{Enterprise, Team};

/// The catalog, sorted by product: Creative Cloud apps, Acrobat and Sign, Stock, Substance 3D
/// and the eLearning tools, each for teams (up to 10,000 licenses a line) or enterprise.
#[rustfmt::skip]
pub static OFFERS: &[Offer] = &[
    Offer { product: "11073058", name: "Illustrator for teams", edition: Team, offer_type: L, segments: &["COM"] },
    Offer { product: "11083117", name: "Photoshop for teams", edition: Team, offer_type: L, segments: ALL },
    Offer { product: "30006208", name: "Audition", edition: Team, offer_type: L, segments: ALL },
    Offer { product: "30006310", name: "Premiere Pro for teams", edition: Team, offer_type: L, segments: ALL },
    Offer { product: "30006452", name: "After Effects for teams", edition: Team, offer_type: L, segments: ALL },
    Offer { product: "65304386", name: "Acrobat Standard for teams", edition: Team, offer_type: L, segments: ALL },
    Offer { product: "65304479", name: "Acrobat Pro for teams", edition: Team, offer_type: L, segments: ALL },
    Offer { product: "65304522", name: "Acrobat Pro for enterprise", edition: Enterprise, offer_type: L, segments: COM_GOV },
    Offer { product: "65304921", name: "Acrobat Pro", edition: Team, offer_type: L, segments: ALL },
    Offer { product: "65322447", name: "Adobe Sign transactions", edition: Enterprise, offer_type: C, segments: COM_GOV },
    Offer { product: "65322535", name: "Lightroom for teams", edition: Team, offer_type: L, segments: ALL },
    Offer { product: "65322587", name: "Photoshop for enterprise", edition: Enterprise, offer_type: L, segments: COM_GOV },
    Offer { product: "65322648", name: "Creative Cloud All Apps for enterprise", edition: Enterprise, offer_type: L, segments: ALL },
    Offer { product: "65322651", name: "Creative Cloud All Apps for teams", edition: Team, offer_type: L, segments: COM_GOV },
    Offer { product: "65322699", name: "Dreamweaver for teams", edition: Team, offer_type: L, segments: ALL },
    Offer { product: "65322710", name: "Animate for teams", edition: Team, offer_type: L, segments: ALL },
    Offer { product: "65323012", name: "InCopy for teams", edition: Team, offer_type: L, segments: COM_GOV },
    Offer { product: "65323478", name: "Adobe Express for teams", edition: Team, offer_type: L, segments: ALL },
    Offer { product: "65324059", name: "Adobe Stock credit pack", edition: Team, offer_type: C, segments: &["COM"] },
    Offer { product: "65324918", name: "Adobe Stock for teams (10 assets a month)", edition: Team, offer_type: L, segments: COM_GOV },
    Offer { product: "65325063", name: "Adobe Stock credit pack (150 credits)", edition: Team, offer_type: C, segments: COM_GOV },
    Offer { product: "65325088", name: "Adobe Stock credit pack (500 credits)", edition: Enterprise, offer_type: C, segments: COM_GOV },
    Offer { product: "65325477", name: "Firefly generative credits", edition: Team, offer_type: C, segments: ALL },
    Offer { product: "65325603", name: "Acrobat Sign Solutions for enterprise", edition: Enterprise, offer_type: L, segments: COM_GOV },
    Offer { product: "65325791", name: "AI Assistant for Acrobat", edition: Team, offer_type: L, segments: ALL },
    Offer { product: "65326012", name: "Captivate", edition: Team, offer_type: L, segments: ALL },
    Offer { product: "65326190", name: "FrameMaker", edition: Team, offer_type: L, segments: COM_GOV },
    Offer { product: "65326355", name: "RoboHelp", edition: Team, offer_type: L, segments: COM_GOV },
    Offer { product: "69804578", name: "InDesign for teams", edition: Team, offer_type: L, segments: COM_GOV },
    Offer { product: "80004561", name: "Substance 3D Collection for education", edition: Enterprise, offer_type: L, segments: &["EDU"] },
    Offer { product: "80004567", name: "Creative Cloud All Apps for K-12", edition: Team, offer_type: L, segments: &["EDU"] },
    Offer { product: "80004602", name: "Substance 3D Collection for teams", edition: Team, offer_type: L, segments: COM_GOV },
    Offer { product: "80004615", name: "Substance 3D Texturing for teams", edition: Team, offer_type: L, segments: COM_GOV },
    Offer { product: "80004633", name: "Substance 3D Collection for enterprise", edition: Enterprise, offer_type: L, segments: COM_GOV },
    Offer { product: "86322535", name: "Frame.io for teams", edition: Team, offer_type: L, segments: COM_GOV },
    Offer { product: "86322590", name: "Acrobat Pro for education", edition: Enterprise, offer_type: L, segments: &["EDU"] },
    Offer { product: "86322610", name: "Photoshop for education", edition: Team, offer_type: L, segments: &["EDU"] },
];

/// Add-ons, each with its base products: sold only to a customer holding one of them or
/// ordering one in the same order (2129 `INELIGIBLE_ADD_ON`: "Customer is attempting to purchase
/// an add-on product without the base product"). The recommendations' example of an add-on,
/// "not standalone and must be used with the base product", is AI Assistant for Acrobat.
const ADD_ONS: &[(&str, &[&str])] = &[("65325791", &["65304386", "65304479", "65304522", "65304921", "86322590"])];

/// Whether `offer_id` is an add-on's ("non-base products", which take no flexible discount:
/// 2145).
pub fn is_add_on(offer_id: &str) -> bool {
    ADD_ONS.iter().any(|(p, _)| offer_id.starts_with(p))
}

/// Whether `product` is an add-on without a base product: none of its bases is one `has`
/// (held, ordered or renewed, as the caller counts them).
pub fn lacks_base(product: &str, has: impl Fn(&str) -> bool) -> bool {
    ADD_ONS.iter().find(|(p, _)| *p == product).is_some_and(|(_, bases)| !bases.iter().any(|b| has(b)))
}

/// The products the seed's customers hold (the catalog before it grew): seeded worlds stay as
/// they were, so the journeys written against them keep their data.
pub const SEEDED: &[&str] = &[
    "11073058", "30006208", "65304479", "65304522", "65304921", "65322447", "65322648", "65322651", "65324059",
    "69804578", "80004561", "80004567",
];

/// An offer id split into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfferId {
    pub product: String,
    pub segment: char,
    pub region: char,
    pub level: String,
    pub term: String,
}

impl OfferId {
    /// Splits `id`; `None` when it does not have the documented shape.
    pub fn parse(id: &str) -> Option<OfferId> {
        let b = id.as_bytes();
        let upper_alnum = |c: &u8| c.is_ascii_digit() || c.is_ascii_uppercase();
        if b.len() != 15 || !b[..8].iter().all(u8::is_ascii_digit) || !b[8..10].iter().all(u8::is_ascii_uppercase) {
            return None;
        }
        if !b[10..].iter().all(upper_alnum) {
            return None;
        }
        Some(OfferId {
            product: id.get(..8)?.to_string(),
            segment: char::from(*b.get(8)?),
            region: char::from(*b.get(9)?),
            level: id.get(10..12)?.to_string(),
            term: id.get(12..)?.to_string(),
        })
    }

    /// The same offer at `level`.
    pub fn at_level(&self, level: &str) -> String {
        format!("{}{}{}{}{}", self.product, self.segment, self.region, level, self.term)
    }

    /// The market segment its letter names.
    pub fn segment_code(&self) -> Option<&'static str> {
        match self.segment {
            'C' => Some("COM"),
            'E' => Some("EDU"),
            'G' => Some("GOV"),
            _ => None,
        }
    }

    /// The catalog entry of its product.
    pub fn offer(&self) -> Option<&'static Offer> {
        OFFERS.binary_search_by(|o| o.product.cmp(self.product.as_str())).ok().and_then(|i| OFFERS.get(i))
    }

    /// The base level id (what a subscription carries).
    pub fn base(&self) -> String {
        let offer_type = self.offer().map_or(L, |o| o.offer_type);
        let level = if offer_type == C { "T1" } else { "01" };
        // A High Growth offer's plan letter (X, Y, Z) is its minimum's, not the plan's: the
        // subscription is the plan's ("65322651CA14X12" adds "65322651CA01A12").
        if super::high_growth::is_high_growth_id(self) {
            return format!("{}{}{}{level}A12", self.product, self.segment, self.region);
        }
        self.at_level(level)
    }
}

/// Whether `quantity` licenses of `offer` on one line pass its edition's limit: a Team product
/// takes at most 10,000 a line (2120); an Enterprise one has the order's own limit.
pub fn over_team_limit(offer: &Offer, quantity: u64) -> bool {
    offer.edition == Edition::Team && check_line_quantity(quantity, TEAM_MAX_QUANTITY).is_err()
}

/// Whether `offer` is a Team offer or consumables: what a customer converting to LGA may not
/// auto-renew nor order ("Convert an existing government customer to LGA").
pub fn not_for_lga(offer: &Offer) -> bool {
    offer.edition == Edition::Team || offer.offer_type != L
}

/// The catalog entry of an offer id.
pub fn offer_of(id: &str) -> Option<&'static Offer> {
    OfferId::parse(id).and_then(|o| o.offer())
}

/// The product an offer id is of: its first eight characters (`None` for a shorter id).
pub fn product_of(offer_id: &str) -> Option<&str> {
    offer_id.get(..8)
}

/// The base level id of an offer id (or the id itself when it is not one of the catalog's).
pub fn base_of(id: &str) -> String {
    OfferId::parse(id).map_or_else(|| id.to_string(), |o| o.base())
}

/// The segment letter of a market segment.
pub fn segment_letter(segment: &str) -> char {
    match segment {
        "EDU" => 'E',
        "GOV" => 'G',
        _ => 'C',
    }
}

/// A customer's market segment (COM when it has none).
pub fn customer_segment(customer: &Customer) -> &str {
    customer.company_profile.market_segment.as_ref().map_or("COM", |s| s.as_str())
}

fn volume_levels(
    offer_type: &str,
) -> impl Iterator<Item = &'static partner_model::catalog::segments::DiscountLevel> + '_ {
    DISCOUNT_LEVELS.iter().filter(move |l| l.program == DiscountProgram::Volume && l.offer_type == offer_type)
}

/// The volume tier (1 = base) of `quantity` licenses or transactions.
pub fn tier_of_quantity(offer_type: &str, quantity: u64) -> usize {
    let q = u32::try_from(quantity).unwrap_or(u32::MAX);
    volume_levels(offer_type).position(|l| l.quantities.is_some_and(|r| r.contains(q))).map_or(1, |i| i + 1)
}

/// The tier of a level (`03` → 3, `13` → 3, `TC` → 3); `None` for levels outside both programs.
pub(super) fn tier_of_level(level: &str) -> Option<(usize, bool)> {
    if let Some(i) = ["01", "02", "03", "04"].iter().position(|l| *l == level) {
        return Some((i + 1, false));
    }
    if let Some(i) = ["12", "13", "14"].iter().position(|l| *l == level) {
        return Some((i + 2, true));
    }
    if let Some(i) = ["T1", "T2", "T3", "T4", "T5", "T6", "T7"].iter().position(|l| *l == level) {
        return Some((i + 1, false));
    }
    ["TB", "TC", "TD", "TE", "TF", "TG"].iter().position(|l| *l == level).map(|i| (i + 2, true))
}

/// Whether `level` is a discount level of an offer id: a volume or 3YC level or tier, an LGA
/// level (`06`–`09`) or a High Volume Discount one (`17`–`22`).
pub fn is_level(level: &str) -> bool {
    tier_of_level(level).is_some() || ["06", "07", "08", "09", "17", "18", "19", "20", "21", "22"].contains(&level)
}

/// The level of `tier` in the volume program, or the 3YC program for `segment`.
pub fn level_for(offer_type: &str, segment: &str, tier: usize, three_year: bool) -> String {
    let tier = tier.max(1);
    let list: &[&str] = match (offer_type == C, three_year && tier > 1, segment == "EDU") {
        (true, false, _) => &["T1", "T2", "T3", "T4", "T5", "T6", "T7"],
        (true, true, _) => &["T1", "TB", "TC", "TD", "TE", "TF", "TG"],
        (false, true, false) => &["01", "12", "13", "14"],
        (false, _, _) => &["01", "02", "03", "04"],
    };
    list.get(tier - 1).or(list.last()).map_or_else(String::new, |s| s.to_string())
}

/// The 3YC minimum of `offer_type` that counts for the customer holding `total`: a commitment,
/// or an accepted request whose minimum `total` reaches.
pub fn committed_minimum(customer: &Customer, offer_type: &str, total: u64) -> Option<u64> {
    let benefit = customer.three_year_commit()?;
    let minimum = |c: &partner_model::types::Commitment| {
        c.minimum_quantities.iter().find(|m| m.offer_type.as_str() == offer_type).map(|m| m.quantity)
    };
    let committed = benefit
        .commitment
        .as_ref()
        .filter(|c| matches!(c.status, Some(CommitmentStatus::Committed) | Some(CommitmentStatus::Active)))
        .and_then(minimum);
    let accepted = benefit
        .commitment_request
        .as_ref()
        .filter(|c| c.status == Some(CommitmentStatus::Accepted))
        .and_then(minimum)
        .filter(|m| total >= *m);
    committed.max(accepted)
}

/// The level the customer is eligible for, holding `total` of `offer_type` after the order.
/// `keep_current`: the customer's current level is a floor (orders); at renewal it is not,
/// but for a member of a linked membership, whose levels are "calculated on the anniversary date
/// of the Linked Membership" (the orders' `linked_levels`) and not at its own.
pub fn eligible_level(customer: &Customer, offer_type: &str, total: u64, keep_current: bool) -> String {
    let keep_current = keep_current || customer.linked_membership.is_some();
    let current = customer.discounts.iter().find(|d| d.offer_type.as_str() == offer_type).map(|d| d.level.as_str());
    let current_tier = match current {
        Some(level) => match tier_of_level(level) {
            Some((tier, _)) if keep_current => tier,
            Some(_) => 1,
            // LGA and HVD levels are the customer's own.
            None if !level.is_empty() => return level.to_string(),
            None => 1,
        },
        None => 1,
    };
    let tier = current_tier.max(tier_of_quantity(offer_type, total));
    let segment = customer_segment(customer);
    match committed_minimum(customer, offer_type, total) {
        Some(min) => level_for(offer_type, segment, tier.max(tier_of_quantity(offer_type, min)), true),
        None => level_for(offer_type, segment, tier, false),
    }
}

/// The [`OfferType`] value of a catalog type.
pub fn offer_type_value(offer_type: &str) -> OfferType {
    OfferType::from_wire(offer_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_is_sorted_and_ids_split() {
        assert!(OFFERS.windows(2).all(|w| w[0].product < w[1].product));
        assert!(ADD_ONS.iter().all(|(p, bases)| offer_of(&format!("{p}CA01A12")).is_some()
            && bases.iter().all(|b| OFFERS.iter().any(|o| o.product == *b))));
        assert!(OFFERS.len() >= 37 && SEEDED.iter().all(|p| offer_of(&format!("{p}CA01A12")).is_some()));
        let id = OfferId::parse("65304479CA02A12").expect("documented id");
        assert_eq!(
            (id.level.as_str(), id.segment_code(), id.base()),
            ("02", Some("COM"), "65304479CA01A12".to_string())
        );
        assert_eq!(id.at_level("14"), "65304479CA14A12");
        assert!(OfferId::parse("65304479ca01a12").is_none() && OfferId::parse("6530447CA01A12").is_none());
        assert_eq!(tier_of_quantity(L, 10), 2);
        assert_eq!(tier_of_quantity(C, 2_500), 3);
        assert_eq!(level_for(L, "EDU", 3, true), "03");
        assert_eq!(level_for(L, "COM", 4, true), "14");
        assert_eq!(level_for(C, "COM", 2, true), "TB");
    }
}
