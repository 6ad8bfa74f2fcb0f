//! The API's commercial vocabulary: market segments and sub-segments, order types, offer types
//! and discount levels, each with what it means for a reseller.

use std::fmt;

/// Statuses of Three-Year Commit commitments and requests (kept with the other statuses).
pub use super::status::{commitment_status, COMMITMENT_STATUSES};

/// A market segment of resellers and customers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarketSegment {
    /// The value as on the wire (`"COM"`).
    pub code: &'static str,
    /// Its name.
    pub name: &'static str,
    /// What it means for what can be sold.
    pub meaning: &'static str,
}

/// The market segments, sorted by code.
// The seed's table has "СОМ" with Cyrillic letters (PDF extraction); the value is "COM".
#[rustfmt::skip]
pub static MARKET_SEGMENTS: &[MarketSegment] = &[
    MarketSegment { code: "COM", name: "Commercial", meaning: "Businesses; the default for resellers and customers created without a segment." },
    MarketSegment { code: "EDU", name: "Education", meaning: "Schools, universities and nonprofits, who buy EDU offers (see the sub-segments)." },
    MarketSegment { code: "GOV", name: "Government", meaning: "Government agencies, who buy GOV offers; Large Government Agency customers must be GOV." },
];

/// A customer's market sub-segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubSegment {
    /// The value as on the wire (`"K_12"`).
    pub code: &'static str,
    /// The market segment it belongs to.
    pub segment: &'static str,
    /// Its name.
    pub name: &'static str,
    /// What it means, and who sets it.
    pub meaning: &'static str,
}

/// The market sub-segments, sorted by code.
#[rustfmt::skip]
pub static SUB_SEGMENTS: &[SubSegment] = &[
    SubSegment { code: "FEDERAL", segment: "GOV", name: "Federal",
        meaning: "A federal Large Government Agency; new LGA customers are created as FEDERAL or STATE." },
    SubSegment { code: "HIGHER_ED", segment: "EDU", name: "Higher Education Institution",
        meaning: "Buys EDU offers without a sub-segment and EDU offers for higher education (HED); set by the customer in the Adobe Admin Console." },
    SubSegment { code: "K_12", segment: "EDU", name: "K-12 School (Primary or Secondary School)",
        meaning: "Buys EDU offers without a sub-segment and EDU offers for K-12; set by the customer in the Adobe Admin Console." },
    SubSegment { code: "NON_PROFIT", segment: "EDU", name: "Nonprofit Organization",
        meaning: "Buys only EDU offers without a sub-segment; set by the customer in the Adobe Admin Console." },
    SubSegment { code: "STATE", segment: "GOV", name: "State",
        meaning: "A state Large Government Agency; new LGA customers are created as FEDERAL or STATE." },
];

/// An order type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OrderType {
    /// The value as on the wire (`"PREVIEW_RENEWAL"`).
    pub code: &'static str,
    /// Its name.
    pub name: &'static str,
    /// What it does.
    pub meaning: &'static str,
    /// Whether a partner sends it to Create Order (`TRANSFER` only appears in order history).
    pub creatable: bool,
    /// Whether it only previews: nothing is placed, and the response has no status.
    pub is_preview: bool,
}

const fn o(
    code: &'static str,
    name: &'static str,
    creatable: bool,
    is_preview: bool,
    meaning: &'static str,
) -> OrderType {
    OrderType { code, name, meaning, creatable, is_preview }
}

/// The order types, sorted by code.
// The seed's Order resource lists NEW, PREVIEW, RETURN, TRANSFER, RENEWAL and its Create Order
// accepts NEW, RETURN, PREVIEW, PREVIEW_RENEWAL; the current docs also accept RENEWAL (early
// and late renewals) and the four switch types (mid-term upgrades). The current docs win.
#[rustfmt::skip]
pub static ORDER_TYPES: &[OrderType] = &[
    o("NEW", "New order", true, false, "Adds products or licenses for the current term; placed and invoiced."),
    o("PREVIEW", "Order preview", true, true, "Checks an order without placing it and returns the best offer IDs the customer is eligible for; change the type to NEW to place it."),
    o("PREVIEW_RENEWAL", "Renewal preview", true, true, "Shows what a renewal order would contain, from the subscriptions' auto-renewal settings or the lines sent; nothing is placed."),
    o("PREVIEW_REVERT_SWITCH", "Revert preview", true, true, "Checks the reversal of an earlier upgrade order without placing it."),
    o("PREVIEW_SWITCH", "Upgrade preview", true, true, "Quotes a mid-term upgrade to another product, with prices and eligibility, without placing it."),
    o("RENEWAL", "Renewal", true, false, "Renews subscriptions: placed by Adobe on the anniversary date for auto-renewing ones, or by the partner for an early or a late renewal."),
    o("RETURN", "Return", true, false, "Cancels whole lines of an earlier NEW or RENEWAL order (the reference order), within 14 days of it."),
    o("REVERT_SWITCH", "Revert upgrade", true, false, "Reverses an upgrade order and restores the original subscription."),
    o("SWITCH", "Upgrade", true, false, "Places a mid-term upgrade from one product to another."),
    o("TRANSFER", "Transfer", false, false, "Records subscriptions brought over by a transfer; it is never sent to Create Order."),
];

/// A type of offer, which decides how its discount level is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OfferType {
    /// The value as on the wire (`"LICENSE"`).
    pub code: &'static str,
    /// Its name.
    pub name: &'static str,
    /// What it covers.
    pub meaning: &'static str,
}

/// The offer types, sorted by code.
// The Preview Offers example shows a discount with offerType "3YC", and the 3YC page once
// writes "CONSUMABLE"; everywhere else the values are LICENSE and CONSUMABLES.
#[rustfmt::skip]
pub static OFFER_TYPES: &[OfferType] = &[
    OfferType { code: "CONSUMABLES", name: "Consumables", meaning: "Transaction-based products, such as Adobe Sign transactions; discount tiers count transactions." },
    OfferType { code: "LICENSE", name: "Licenses", meaning: "Licenses (seats) of products; discount levels count licenses." },
];

/// The program a discount level belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiscountProgram {
    /// Volume discounts, from the quantity bought in the term.
    Volume,
    /// Three-Year Commit, from the quantity committed.
    ThreeYearCommit,
    /// Large Government Agency.
    LargeGovernmentAgency,
    /// High Volume Discount customers migrated from VIP.
    HighVolume,
}

/// A quantity range: `min` to `max`, or `min` and more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuantityRange {
    /// The least quantity in the range.
    pub min: u32,
    /// The greatest, if any.
    pub max: Option<u32>,
}

impl QuantityRange {
    /// Whether `quantity` is in the range.
    pub fn contains(self, quantity: u32) -> bool {
        quantity >= self.min && self.max.is_none_or(|max| quantity <= max)
    }
}

fn grouped(f: &mut fmt::Formatter<'_>, n: u32) -> fmt::Result {
    if n >= 1000 {
        grouped(f, n / 1000)?;
        write!(f, ",{:03}", n % 1000)
    } else {
        write!(f, "{n}")
    }
}

/// "10–49", "1,000–2,499", "100+".
impl fmt::Display for QuantityRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        grouped(f, self.min)?;
        match self.max {
            Some(max) => {
                f.write_str("–")?;
                grouped(f, max)
            }
            None => f.write_str("+"),
        }
    }
}

/// A discount level (`discounts[].level` of a customer, or of a linked membership).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiscountLevel {
    /// The value as on the wire (`"02"`, `"TB"`).
    pub level: &'static str,
    /// The offer type it applies to.
    pub offer_type: &'static str,
    /// The program it belongs to.
    pub program: DiscountProgram,
    /// The licenses (or transactions) bought or committed for it, where the docs give them.
    pub quantities: Option<QuantityRange>,
    /// What it means.
    pub meaning: &'static str,
}

use DiscountProgram::{HighVolume, LargeGovernmentAgency as Lga, ThreeYearCommit as Tyc, Volume};

const fn d(
    level: &'static str,
    offer_type: &'static str,
    program: DiscountProgram,
    min: u32,
    max: u32,
    meaning: &'static str,
) -> DiscountLevel {
    // 0 for `min`: no documented range; 0 for `max`: no upper bound.
    let quantities =
        if min == 0 { None } else { Some(QuantityRange { min, max: if max == 0 { None } else { Some(max) } }) };
    DiscountLevel { level, offer_type, program, quantities, meaning }
}

const L: &str = "LICENSE";
const C: &str = "CONSUMABLES";
const HVD: &str = "High Volume Discount level of a customer migrated from VIP (levels 17 to 22), who orders with an HVD discount code such as HVD_L18_PRE.";
const LGA: &str = "Large Government Agency level (06 to 09, licenses only), shared by the agency's linked membership.";

/// The discount levels, sorted by level.
// Level 01 (1–9) is the price list's "Level 1 1 - 9"; 02–04 follow the 3YC page's EDU table and
// the linked membership page (31 licenses: level 2, 70: level 3, 101: level 4). The current 3YC
// page gives COM and GOV levels 12–14 and EDU levels 02–04; the seed gives 12–14 to every segment
// and names a tier TA, which the current table (starting at TB, 1,000–2,499) leaves out.
#[rustfmt::skip]
pub static DISCOUNT_LEVELS: &[DiscountLevel] = &[
    d("01", L, Volume, 1, 9, "Base level: volume discounts start at 10 licenses. 3YC customers return to it when the commitment ends."),
    d("02", L, Volume, 10, 49, "Volume discount for 10–49 licenses; also the 3YC level of EDU customers committing to 10–49."),
    d("03", L, Volume, 50, 99, "Volume discount for 50–99 licenses; also the 3YC level of EDU customers committing to 50–99."),
    d("04", L, Volume, 100, 0, "Highest volume discount, from 100 licenses; also the 3YC level of EDU customers committing to 100 or more."),
    d("06", L, Lga, 0, 0, LGA), d("07", L, Lga, 0, 0, LGA), d("08", L, Lga, 0, 0, LGA), d("09", L, Lga, 0, 0, LGA),
    d("12", L, Tyc, 10, 49, "Three-Year Commit level of COM and GOV customers committing to 10–49 licenses."),
    d("13", L, Tyc, 50, 99, "Three-Year Commit level of COM and GOV customers committing to 50–99 licenses."),
    d("14", L, Tyc, 100, 0, "Three-Year Commit level of COM and GOV customers committing to 100 licenses or more."),
    d("17", L, HighVolume, 0, 0, HVD), d("18", L, HighVolume, 0, 0, HVD), d("19", L, HighVolume, 0, 0, HVD),
    d("20", L, HighVolume, 0, 0, HVD), d("21", L, HighVolume, 0, 0, HVD), d("22", L, HighVolume, 0, 0, HVD),
    d("T1", C, Volume, 1, 999, "Base consumables tier; 3YC customers return to it when the commitment ends."),
    d("T2", C, Volume, 1_000, 2_499, "Consumables volume tier."),
    d("T3", C, Volume, 2_500, 4_999, "Consumables volume tier."),
    d("T4", C, Volume, 5_000, 14_999, "Consumables volume tier."),
    d("T5", C, Volume, 15_000, 49_999, "Consumables volume tier."),
    d("T6", C, Volume, 50_000, 99_999, "Consumables volume tier."),
    d("T7", C, Volume, 100_000, 0, "Highest consumables volume tier."),
    d("TA", C, Tyc, 0, 0, "Three-Year Commit consumables tier named by the 2024 specification; the current docs give it no range."),
    d("TB", C, Tyc, 1_000, 2_499, "Three-Year Commit consumables tier (committed transactions)."),
    d("TC", C, Tyc, 2_500, 4_999, "Three-Year Commit consumables tier (committed transactions)."),
    d("TD", C, Tyc, 5_000, 14_999, "Three-Year Commit consumables tier (committed transactions)."),
    d("TE", C, Tyc, 15_000, 49_999, "Three-Year Commit consumables tier (committed transactions)."),
    d("TF", C, Tyc, 50_000, 99_999, "Three-Year Commit consumables tier (committed transactions)."),
    d("TG", C, Tyc, 100_000, 0, "Highest Three-Year Commit consumables tier (committed transactions)."),
];

fn lookup<T>(list: &'static [T], code: &str, key: fn(&T) -> &str) -> Option<&'static T> {
    let code = code.trim();
    list.binary_search_by(|t| key(t).cmp(code)).ok().and_then(|i| list.get(i))
}

/// The discount level inside an offer id (its characters 11–12: `65322651CA02A12` → `02`),
/// when the id has the documented 15-character shape.
pub fn offer_level(offer_id: &str) -> Option<&str> {
    (offer_id.len() == 15).then(|| offer_id.get(10..12)).flatten()
}

/// The market segment `code`.
pub fn market_segment(code: &str) -> Option<&'static MarketSegment> {
    lookup(MARKET_SEGMENTS, code, |m| m.code)
}

/// The market sub-segment `code`.
pub fn sub_segment(code: &str) -> Option<&'static SubSegment> {
    lookup(SUB_SEGMENTS, code, |m| m.code)
}

/// The order type `code`.
pub fn order_type(code: &str) -> Option<&'static OrderType> {
    lookup(ORDER_TYPES, code, |o| o.code)
}

/// The offer type `code`.
pub fn offer_type(code: &str) -> Option<&'static OfferType> {
    lookup(OFFER_TYPES, code, |o| o.code)
}

/// The discount level `level`.
pub fn discount_level(level: &str) -> Option<&'static DiscountLevel> {
    lookup(DISCOUNT_LEVELS, level, |l| l.level)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted_unique<T>(list: &[T], key: fn(&T) -> &str) {
        for pair in list.windows(2) {
            assert!(key(&pair[0]) < key(&pair[1]), "{} before {}", key(&pair[0]), key(&pair[1]));
        }
    }

    #[test]
    fn offer_ids_carry_their_level() {
        assert_eq!(offer_level("65322651CA02A12"), Some("02"));
        assert_eq!(offer_level("65324059CAT1A12"), Some("T1"));
        assert_eq!(offer_level("6532"), None);
        assert_eq!(offer_level("65322651CA0é2A1"), None);
    }

    fn filled(texts: &[&str]) {
        assert!(texts.iter().all(|t| !t.trim().is_empty()), "{texts:?}");
    }

    #[test]
    fn tables_are_sorted_unique_and_filled() {
        sorted_unique(MARKET_SEGMENTS, |m| m.code);
        sorted_unique(SUB_SEGMENTS, |m| m.code);
        sorted_unique(ORDER_TYPES, |o| o.code);
        sorted_unique(OFFER_TYPES, |o| o.code);
        sorted_unique(DISCOUNT_LEVELS, |l| l.level);
        MARKET_SEGMENTS.iter().for_each(|m| filled(&[m.code, m.name, m.meaning]));
        SUB_SEGMENTS.iter().for_each(|m| filled(&[m.code, m.name, m.meaning]));
        ORDER_TYPES.iter().for_each(|o| filled(&[o.code, o.name, o.meaning]));
        OFFER_TYPES.iter().for_each(|o| filled(&[o.code, o.name, o.meaning]));
        DISCOUNT_LEVELS.iter().for_each(|l| filled(&[l.level, l.meaning]));
        assert!(SUB_SEGMENTS.iter().all(|s| market_segment(s.segment).is_some()));
        assert!(DISCOUNT_LEVELS.iter().all(|l| offer_type(l.offer_type).is_some()));
        for l in DISCOUNT_LEVELS {
            if let Some(QuantityRange { min, max: Some(max) }) = l.quantities {
                assert!(min <= max, "{}", l.level);
            }
        }
    }

    #[test]
    fn lookups_and_ranges() {
        assert_eq!(market_segment("EDU").map(|m| m.name), Some("Education"));
        assert_eq!(sub_segment("K_12").map(|s| s.segment), Some("EDU"));
        assert_eq!(sub_segment("STATE").map(|s| s.segment), Some("GOV"));
        assert_eq!(order_type("PREVIEW_RENEWAL").map(|o| (o.creatable, o.is_preview)), Some((true, true)));
        assert_eq!(order_type("TRANSFER").map(|o| o.creatable), Some(false));
        assert!(order_type("preview").is_none() && offer_type("3YC").is_none());
        let level = discount_level("13").map(|l| (l.program, l.offer_type));
        assert_eq!(level, Some((DiscountProgram::ThreeYearCommit, "LICENSE")));
        let range = |level| discount_level(level).and_then(|l| l.quantities).map(|q| q.to_string());
        assert_eq!(range("02").as_deref(), Some("10–49"));
        assert_eq!(range("TB").as_deref(), Some("1,000–2,499"));
        assert_eq!(range("TG").as_deref(), Some("100,000+"));
        assert_eq!(range("07"), None);
        let q = QuantityRange { min: 50, max: Some(99) };
        assert!(q.contains(50) && q.contains(99) && !q.contains(100) && !q.contains(49));
        assert_eq!(commitment_status("ACCEPTED").map(|l| l.label), Some("Accepted"));
    }

    /// The 3YC page's level tables ("| 12 | 10-49 |", "| TB | 1,000–2,499 |") agree with ours.
    #[test]
    fn three_year_commit_tables_agree_with_the_docs() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/api-docs");
        let Ok(text) = std::fs::read_to_string(dir.join("adobe-vipmp/customer-account-three-year-commit.md")) else {
            return;
        };
        let mut checked = 0;
        for line in text.lines() {
            let cells: Vec<_> = line.trim().split('|').map(str::trim).collect();
            let (Some(level), Some(range)) = (cells.get(1), cells.get(2)) else { continue };
            let Some(known) = discount_level(level) else { continue };
            let range = range.replace(',', "").replace('–', "-");
            let (min, max) = match range.strip_suffix('+') {
                Some(min) => (min.parse().ok(), None),
                None => {
                    let (min, max) = range.split_once('-').unwrap_or(("", ""));
                    (min.parse().ok(), max.parse().ok())
                }
            };
            let documented = min.map(|min| QuantityRange { min, max });
            assert_eq!(known.quantities, documented, "level {level}");
            checked += 1;
        }
        assert_eq!(checked, 12);
    }
}
