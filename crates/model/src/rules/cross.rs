//! Rules that span fields or records: contacts, market segments, LGA, 3-Year Commit requests,
//! line items and returns.

use super::validators::{Because, Invalid};
use std::collections::BTreeSet;

/// At least one contact.
pub fn contacts(count: usize) -> Result<(), Invalid> {
    if count == 0 {
        Err(Invalid::Explained("Add at least one contact.".into()))
    } else {
        Ok(())
    }
}

/// A reseller's market segments: at least one, each once.
pub fn reseller_segments(segments: &[&str]) -> Result<(), Invalid> {
    if segments.is_empty() {
        return Err(Invalid::Explained("Choose at least one market segment.".into()));
    }
    let unique: BTreeSet<_> = segments.iter().collect();
    if unique.len() != segments.len() {
        return Err(Invalid::Explained("Each market segment may be listed once.".into()));
    }
    Ok(())
}

/// A Large Government Agency customer: segment GOV, exactly one of FEDERAL or STATE, and the
/// LARGE_GOVERNMENT_AGENCY benefit. `is_lga` is whether the benefit is requested.
pub fn lga(is_lga: bool, segment: &str, sub_segments: &[&str]) -> Result<(), Invalid> {
    let lga_subs = sub_segments.iter().filter(|s| matches!(**s, "FEDERAL" | "STATE")).count();
    if !is_lga {
        return if lga_subs > 0 {
            Err(Invalid::Explained("FEDERAL and STATE are for Large Government Agency customers only.".into()))
        } else {
            Ok(())
        };
    }
    if segment != "GOV" {
        return Err(Invalid::Explained("A Large Government Agency customer has market segment GOV.".into()));
    }
    if lga_subs != 1 || sub_segments.len() != 1 {
        return Err(Invalid::Explained(
            "A Large Government Agency customer has exactly one sub-segment: FEDERAL or STATE.".into(),
        ));
    }
    Ok(())
}

/// 3-Year Commit: a commitment request or a recommitment request, not both.
pub fn one_commitment_request(commitment: bool, recommitment: bool) -> Result<(), Invalid> {
    if commitment && recommitment {
        Err(Invalid::Explained("Send either a 3-Year Commit request or a recommitment request, not both.".into()))
    } else {
        Ok(())
    }
}

/// The most line items an order may have.
pub const MAX_LINES: usize = 499;

/// Number of line items for an order type: none for PREVIEW_RENEWAL, 1 to 499 otherwise.
pub fn line_count(order_type: &str, count: usize) -> Result<(), Invalid> {
    match (order_type, count) {
        ("PREVIEW_RENEWAL", 0) => Ok(()),
        ("PREVIEW_RENEWAL", _) => Err(Invalid::Explained("A renewal preview has no line items.".into())),
        (_, 0) => Err(Invalid::Explained("Add at least one line item.".into())),
        (_, n) if n > MAX_LINES => Err(Invalid::Because(Because::TooManyLines { lines: n })),
        _ => Ok(()),
    }
}

/// `referenceOrderId`: required for RETURN and the switch reverts, absent otherwise.
pub fn reference_order(order_type: &str, reference: Option<&str>) -> Result<(), Invalid> {
    let reverting = matches!(order_type, "PREVIEW_REVERT_SWITCH" | "REVERT_SWITCH");
    match (order_type, reference.filter(|r| !r.is_empty())) {
        ("RETURN", None) => Err(Invalid::Explained("A return names the order it returns.".into())),
        (_, None) if reverting => Err(Invalid::Explained("A revert names the switch order it undoes.".into())),
        (_, Some(_)) if reverting => Ok(()),
        ("RETURN", Some(_)) | (_, None) => Ok(()),
        (_, Some(_)) => Err(Invalid::Explained("Only a return names an original order.".into())),
    }
}

/// Line numbers are unique within an order; returns the duplicated numbers.
pub fn unique_line_numbers(numbers: &[u32]) -> Result<(), Vec<u32>> {
    let mut seen = BTreeSet::new();
    let dups: BTreeSet<u32> = numbers.iter().copied().filter(|n| !seen.insert(*n)).collect();
    if dups.is_empty() {
        Ok(())
    } else {
        Err(dups.into_iter().collect())
    }
}

/// The largest quantity of a Team product on one line (Enterprise: 599,000).
pub const TEAM_MAX_QUANTITY: u64 = 10_000;

/// One line of an order, as a return must repeat it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    pub number: u32,
    pub offer_id: &'a str,
    pub quantity: u64,
}

/// A return's lines each repeat a whole line of the original order (same number, offer and
/// quantity), each at most once. Returns the returned line numbers that do not.
pub fn return_lines_match(original: &[Line], returned: &[Line]) -> Result<(), Vec<u32>> {
    let mut used = BTreeSet::new();
    let bad: Vec<u32> =
        returned.iter().filter(|r| !original.contains(r) || !used.insert(r.number)).map(|r| r.number).collect();
    if bad.is_empty() && !returned.is_empty() {
        Ok(())
    } else {
        Err(bad)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lga_needs_gov_and_exactly_one_of_federal_or_state() {
        assert!(lga(true, "GOV", &["FEDERAL"]).is_ok());
        assert!(lga(true, "GOV", &["STATE"]).is_ok());
        assert!(lga(true, "COM", &["STATE"]).is_err());
        assert!(lga(true, "GOV", &[]).is_err());
        assert!(lga(true, "GOV", &["FEDERAL", "STATE"]).is_err());
        assert!(lga(false, "GOV", &["STATE"]).is_err());
        assert!(lga(false, "EDU", &["K_12"]).is_ok());
    }

    #[test]
    fn orders_lines_and_references() {
        assert!(line_count("NEW", 1).is_ok());
        assert!(line_count("NEW", 499).is_ok());
        assert!(line_count("NEW", 500).is_err());
        assert!(line_count("PREVIEW", 0).is_err());
        assert!(line_count("PREVIEW_RENEWAL", 0).is_ok());
        assert!(line_count("PREVIEW_RENEWAL", 1).is_err());
        assert!(reference_order("RETURN", Some("5120008001")).is_ok());
        assert!(reference_order("RETURN", Some("")).is_err());
        assert!(reference_order("NEW", Some("5120008001")).is_err());
        assert_eq!(unique_line_numbers(&[1, 2, 2, 3, 3, 3]), Err(vec![2, 3]));
        assert!(one_commitment_request(true, true).is_err());
        assert!(reseller_segments(&["COM", "COM"]).is_err());
        assert!(contacts(0).is_err());
    }

    #[test]
    fn returns_repeat_whole_lines_once() {
        let original = [Line { number: 1, offer_id: "A", quantity: 5 }, Line { number: 2, offer_id: "B", quantity: 1 }];
        assert!(return_lines_match(&original, &original[..1]).is_ok());
        assert_eq!(return_lines_match(&original, &[Line { number: 1, offer_id: "A", quantity: 4 }]), Err(vec![1]));
        assert_eq!(return_lines_match(&original, &[original[1], original[1]]), Err(vec![2]));
        assert_eq!(return_lines_match(&original, &[]), Err(vec![]));
    }
}

/// How many days before a 3-Year Commit commitment ends a recommitment may be requested.
pub const RECOMMIT_WINDOW_DAYS: u64 = 30;

/// Whether a recommitment may be requested at `now` for a commitment ending on `end_date`
/// (`YYYY-MM-DD`): "less than 30 days before the commitment end date". `Err(Some(day))`: not
/// yet, the window opens on `day`; `Err(None)`: the end date is past or unreadable.
pub fn recommit_window(end_date: &str, now: crate::time::Millis) -> Result<(), Option<String>> {
    use crate::time::{date, parse, DAY};
    let Some(end) = parse(end_date) else { return Err(None) };
    let opens = end.saturating_sub(RECOMMIT_WINDOW_DAYS * DAY);
    if now < opens {
        Err(Some(date(opens)))
    } else if now >= end + DAY {
        Err(None)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod recommit_tests {
    use super::*;
    use crate::time::{parse, DAY};

    #[test]
    fn the_window_is_the_last_thirty_days() {
        let end = "2027-03-31";
        let at = |d: &str| parse(d).expect("date") + DAY / 2;
        assert_eq!(recommit_window(end, at("2027-02-28")), Err(Some("2027-03-01".into())));
        assert_eq!(recommit_window(end, at("2027-03-01")), Ok(()));
        assert_eq!(recommit_window(end, at("2027-03-31")), Ok(()));
        assert_eq!(recommit_window(end, at("2027-04-01")), Err(None));
        assert_eq!(recommit_window("", at("2027-04-01")), Err(None));
    }
}

/// Whether a GOV customer whose term ends on `anniversary` (its `cotermDate`) may convert to a
/// Large Government Agency at `now`: "in the last 30 days of the customer's current term
/// (Anniversary date –30 (AD-30))", before the anniversary itself. `Err(Some(day))`: not yet,
/// the window opens on `day`; `Err(None)`: the anniversary is today or past, or unreadable.
pub fn lga_conversion_window(anniversary: &str, now: crate::time::Millis) -> Result<(), Option<String>> {
    use crate::time::{date, parse, DAY};
    let Some(ad) = parse(anniversary) else { return Err(None) };
    let opens = ad.saturating_sub(30 * DAY);
    if now >= ad {
        Err(None)
    } else if now < opens {
        Err(Some(date(opens)))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod lga_window_tests {
    use super::*;
    use crate::time::{parse, DAY};

    #[test]
    fn a_conversion_is_in_the_thirty_days_before_the_anniversary() {
        let ad = "2027-03-31";
        let at = |d: &str| parse(d).expect("date") + DAY / 2;
        assert_eq!(lga_conversion_window(ad, at("2027-02-28")), Err(Some("2027-03-01".into())));
        assert_eq!(lga_conversion_window(ad, parse("2027-03-01").expect("date")), Ok(()));
        assert_eq!(lga_conversion_window(ad, at("2027-03-30")), Ok(()));
        assert_eq!(lga_conversion_window(ad, parse(ad).expect("date")), Err(None), "the anniversary itself");
        assert_eq!(lga_conversion_window("", at("2027-03-30")), Err(None));
    }
}
