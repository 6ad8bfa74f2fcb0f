//! The documented API error codes, and the REASON_CODEs that 2129 (ineligible purchase) and 5117
//! (ineligible transfer) errors carry in `additionalDetails`, each with what a reseller can do.

pub use super::errors_data::ERROR_CODES;

/// One documented API error code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorCode {
    /// The code, four digits on the wire (`"1117"`), held as a number: as text, the linker
    /// would merge it with any equal string elsewhere (a postal code's example, a code a form
    /// looks for), which the split build turns into a file shared by the chunks using it.
    pub code: u16,
    /// The HTTP status the docs give for it.
    pub http_status: u16,
    /// The documented message.
    pub message: &'static str,
    /// The calls the docs say return it ("Create Customer Account"); empty where they name none.
    pub applies_to: &'static [&'static str],
    /// One or two plain sentences a reseller can act on.
    pub what_to_do: &'static str,
}

/// The documented error code `code` (surrounding whitespace ignored).
pub fn error_code(code: &str) -> Option<&'static ErrorCode> {
    error_code_in(ERROR_CODES, code)
}

/// `code` in `table`, sorted by code as [`ERROR_CODES`] is: for a console that gets the table
/// (its texts) later than its code.
pub fn error_code_in(table: &'static [ErrorCode], code: &str) -> Option<&'static ErrorCode> {
    let code = code.trim();
    if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let code: u16 = code.parse().ok()?;
    table.binary_search_by_key(&code, |e| e.code).ok().and_then(|i| table.get(i))
}

/// The VIP→VIPMP transfer switch that lets customers with returnable purchases transfer (it
/// disables rollback to VIP, and those purchases can no longer be returned).
pub const IGNORE_ORDER_RETURN: &str = "ignore-order-return";
/// The VIP→VIPMP transfer switch that lets customers with open purchase authorizations transfer
/// (the open authorizations, and their licenses, expire during the transfer).
pub const EXPIRE_OPEN_PAS: &str = "expire-open-pas";

/// A REASON_CODE in additionalDetails of 2129 (ineligible purchase) or 5117 (ineligible transfer).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReasonCode {
    /// The code as on the wire (`"RETURNABLE_PURCHASE"`).
    pub code: &'static str,
    /// What the docs say it means.
    pub meaning: &'static str,
    /// What the reseller (or the customer) can do about it.
    pub what_to_do: &'static str,
    /// The transfer switch that bypasses it ([`IGNORE_ORDER_RETURN`] or [`EXPIRE_OPEN_PAS`]),
    /// where the docs say one does.
    pub bypass: Option<&'static str>,
}

const fn r(code: &'static str, meaning: &'static str, what_to_do: &'static str) -> ReasonCode {
    ReasonCode { code, meaning, what_to_do, bypass: None }
}

const SUPPORT: &str = "Contact Adobe partner support: the customer cannot transfer until this is cleared.";

/// The 2129 REASON_CODE list, sorted by code.
// The seed lacks CUSTOMER_NOT_ELIGIBLE_FOR_PURCHASE. The LGA page adds the detail
// "Reason: Not an LGA Customer" (levels 06 to 09 ordered for a non-LGA customer), not a code.
#[rustfmt::skip]
pub static PURCHASE_REASONS: &[ReasonCode] = &[
    r("CUSTOMER_NOT_ELIGIBLE_FOR_PURCHASE", "Customer is purchasing the offer multiple times in the same term.",
        "Order a qualifying product instead: this offer can be bought only once a term."),
    r("INELIGIBLE_ADD_ON", "Customer is attempting to purchase an add-on product without the base product.",
        "Place the order again with the base product included."),
    r("INELIGIBLE_CONSUMED", "RETURN order only: customer is attempting to return a consumable product that has already been consumed.",
        "Consumed transactions cannot be returned: remove that line from the return."),
    r("INELIGIBLE_MARKET_SEGMENT", "The order includes an item that belongs to a market segment that either the reseller or the customer do not belong to.",
        "Use the offer for the customer's and the reseller's market segment, from that segment's price list."),
    r("INELIGIBLE_SWITCH", "The order includes products that are incompatible with each other or with a product the customer already has.",
        "Remove the incompatible line and place the order again."),
];

/// The 5117 REASON_CODE list (general and LGA-specific), sorted by code.
// The seed lists only INVALID_COUNTRY to UNPAID_INVOICE (and the two bypasses, as here). The
// current table lists HVD_CUSTOMER twice; it and the LGA page spell NOT_LGA_PARTNER
// "NOT_LGA PARTNER", a typo for the code.
#[rustfmt::skip]
pub static TRANSFER_REASONS: &[ReasonCode] = &[
    r("3YC_DISCOUNT_LEVEL_MISMATCH", "Customer's discount level is greater than the level determined by MCQ.", SUPPORT),
    r("3YC_LINKED_MEMBERSHIP", "Customer is part of linked membership and has active 3YC.", SUPPORT),
    r("BAD_MARKET_SEGMENT", "Customer's market segment is either not supported for this distributor or for VIPMP.",
        "Transfer through a distributor that supports the customer's market segment, or wait until VIPMP allows it."),
    r("CONTRACT_NOT_ACCEPTED", "Customer's VIP contract has not been accepted.",
        "The customer must set up an administrator who accepts the VIP contract."),
    r("EXTENDED_TERM_3YC", "Customer's contract term length is not supported by VIPMP.",
        "Wait until VIPMP supports the term, or until the customer's current term ends."),
    r("HAS_UNPROCESSED_ORDERS", "There is some internal issue for the customer.", SUPPORT),
    r("HVD_CUSTOMER", "Customer is not eligible for transfer.", SUPPORT),
    r("INACTIVE", "VIP Account is inactive.",
        "The customer or reseller must reactivate the VIP account first."),
    r("INSUFFICIENT_LGA_MOQ", "MOQ is < 100 (considering FRL SKUs' presence).", SUPPORT),
    r("INVALID_COUNTRY", "Customer is not in a valid country for this distributor.",
        "Transfer through a distributor in the customer's region, or wait until this distributor supports the customer's country."),
    r("INVALID_LGA_MARKET_SEGMENT", "Linked Member Group Market Segment is not GOV.", SUPPORT),
    r("INVALID_LM_MIGRATION_LEVEL", "Linked Member level is not equal to 01 - 04 or 06-09.", SUPPORT),
    r("INVALID_PRICE_LEVEL_LM_MIGRATION", "Customer's Price Level is greater than 04 and has Linked Membership.", SUPPORT),
    r("IN_WINDOW_PARTIAL_RENEWAL", "Customer is in the renewal window prior to their anniversary date and they have partially renewed.",
        "The customer must renew all active licenses, or wait until their anniversary date."),
    r("LGA_LM_MARKET_SEGMENT_MISMATCH", "Customer market segment and Linked Membership market segment are not the same.", SUPPORT),
    r("LGA_QTY_LEVEL_MISMATCH", "MOQ does not fall between respective level cap quantities.", SUPPORT),
    r("LICENSE_WITHOUT_SALE_AQO_REFERENCED", "There is some internal issue for the customer.", SUPPORT),
    r("LINK_MEMBERSHIP_CHECK", "Customer is part of linked membership.",
        "Wait until transferring linked memberships is supported."),
    r("LM_OWNER_NOT_MIGRATED", "Group member is trying to migrate to VMP prior to Group Owner migration.",
        "Transfer the linked membership's owner first, then this member."),
    r("MINIMUM_HVD_QTY_NOT_MET", "Customer is not eligible for transfer.", SUPPORT),
    r("NOT_A_FULL_RENEWAL_IN_RENEWAL_WINDOW", "The customer is in the renewal window prior to their anniversary date, and they have partially renewed.",
        "The customer must renew all active licenses, or wait until their anniversary date."),
    r("NOT_A_WORLDWIDE_PURCHASER", "Customer is WorldWide, but Partner is not tagged as WorldWide.", SUPPORT),
    r("NOT_LGA_PARTNER", "Partner country is not US/CA.", SUPPORT),
    r("NO_TARGET_SKU", "Customer has product(s) that are not valid VIPMP product(s).",
        "Wait until the customer's products are sold in VIPMP."),
    ReasonCode {
        code: "OPEN_PURCHASE_AUTH",
        meaning: "Customer has open purchase authorization(s).",
        what_to_do: "The open authorizations must be cancelled or returned, or converted to orders and paid; or transfer with expire-open-pas, which expires them and their licenses.",
        bypass: Some(EXPIRE_OPEN_PAS),
    },
    r("OWNER_MEMBER_COUNTRY_MISMATCH", "Member country in the Linked Membership (LM) is not same as that of the LM owner country.", SUPPORT),
    ReasonCode {
        code: "RETURNABLE_PURCHASE",
        meaning: "Customer has order(s) still in the return window.",
        what_to_do: "Wait until the return window closes (14 days after the last order), or transfer with ignore-order-return: those orders can then no longer be returned, nor the transfer rolled back.",
        bypass: Some(IGNORE_ORDER_RETURN),
    },
    r("SRC_DST_OFFER_IDS_HAS_PA_MISMATCH", "There is some internal issue for the customer.", SUPPORT),
    r("UNBILLED_ORDER", "Customer has unbilled order items.",
        "The customer must pay for all orders; if they have no invoice, they must contact Adobe."),
    r("UNPAID_INVOICE", "Customer has open/unpaid invoice(s).",
        "The customer must pay the open invoices first."),
];

fn find(reasons: &'static [ReasonCode], code: &str) -> Option<&'static ReasonCode> {
    let code = code.trim();
    reasons.binary_search_by(|r| r.code.cmp(code)).ok().and_then(|i| reasons.get(i))
}

/// The 2129 (ineligible purchase) REASON_CODE `code`.
pub fn purchase_reason(code: &str) -> Option<&'static ReasonCode> {
    find(PURCHASE_REASONS, code)
}

/// The 5117 (ineligible transfer) REASON_CODE `code`.
pub fn transfer_reason(code: &str) -> Option<&'static ReasonCode> {
    find(TRANSFER_REASONS, code)
}

/// The first code of `reasons` that appears as a whole word in one `additionalDetails` string,
/// bare (`"RETURNABLE_PURCHASE"`) or in a sentence (`"Line Item: 1, Reason: INELIGIBLE_SWITCH"`).
pub fn reason_in_detail(detail: &str, reasons: &'static [ReasonCode]) -> Option<&'static ReasonCode> {
    detail
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find_map(|word| reasons.iter().find(|r| r.code == word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn is_reason_code(s: &str) -> bool {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
    }

    #[test]
    fn error_codes_are_unique_sorted_and_complete() {
        assert!(ERROR_CODES.len() > 100);
        for pair in ERROR_CODES.windows(2) {
            assert!(pair[0].code < pair[1].code, "{} before {}", pair[0].code, pair[1].code);
        }
        for e in ERROR_CODES {
            assert!((1000..=9999).contains(&e.code), "{}", e.code);
            assert!((400..=599).contains(&e.http_status), "{}", e.code);
            assert!(!e.message.trim().is_empty(), "{} has no message", e.code);
            assert!(!e.what_to_do.trim().is_empty(), "{} has no advice", e.code);
            assert_ne!(e.message, e.what_to_do, "{} advice restates the message", e.code);
            assert!(e.applies_to.iter().all(|c| !c.trim().is_empty()), "{}", e.code);
            assert_eq!(error_code(&e.code.to_string()), Some(e));
        }
    }

    #[test]
    fn reason_lists_are_unique_sorted_and_complete() {
        for list in [PURCHASE_REASONS, TRANSFER_REASONS] {
            for pair in list.windows(2) {
                assert!(pair[0].code < pair[1].code, "{} before {}", pair[0].code, pair[1].code);
            }
            for r in list {
                assert!(is_reason_code(r.code), "{}", r.code);
                assert!(!r.meaning.trim().is_empty() && !r.what_to_do.trim().is_empty(), "{}", r.code);
            }
        }
        assert_eq!((PURCHASE_REASONS.len(), TRANSFER_REASONS.len()), (5, 30));
        assert!(PURCHASE_REASONS.iter().all(|r| r.bypass.is_none()));
        let bypassed: Vec<_> = TRANSFER_REASONS.iter().filter_map(|r| r.bypass.map(|b| (r.code, b))).collect();
        assert_eq!(bypassed, [("OPEN_PURCHASE_AUTH", EXPIRE_OPEN_PAS), ("RETURNABLE_PURCHASE", IGNORE_ORDER_RETURN)]);
    }

    #[test]
    fn lookups() {
        let e = error_code(" 4115 ").map(|e| (e.http_status, e.message));
        assert_eq!(e, Some((403, "API key is invalid or missing")));
        assert_eq!(error_code("1117").map(|e| e.http_status), Some(400));
        assert!(error_code("9999").is_none() && error_code("").is_none());
        assert!(["01117", "1117a", "+117", "111", "GW-SIGN-IN"].iter().all(|c| error_code(c).is_none()));
        assert!(purchase_reason("INELIGIBLE_ADD_ON").is_some());
        assert!(purchase_reason("RETURNABLE_PURCHASE").is_none());
        assert_eq!(transfer_reason("RETURNABLE_PURCHASE").and_then(|r| r.bypass), Some(IGNORE_ORDER_RETURN));
        let found = reason_in_detail("Line Item: 1, Reason: INELIGIBLE_SWITCH", PURCHASE_REASONS);
        assert_eq!(found.map(|r| r.code), Some("INELIGIBLE_SWITCH"));
        assert!(reason_in_detail("INELIGIBLE_SWITCHES", PURCHASE_REASONS).is_none());
        assert!(reason_in_detail("companyProfile.companyName", TRANSFER_REASONS).is_none());
    }

    /// The shared API docs, when they are checked out beside the repository.
    fn docs() -> Option<PathBuf> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/api-docs");
        dir.is_dir().then_some(dir)
    }

    fn read(dir: &std::path::Path, file: &str) -> String {
        std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
    }

    /// The trimmed cells of a Markdown table row (`cells[0]` is the empty text before the first `|`).
    fn cells(line: &str) -> Option<Vec<&str>> {
        let line = line.trim();
        line.starts_with('|').then(|| line.split('|').map(str::trim).collect())
    }

    fn is_error_code(s: &str) -> bool {
        s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
    }

    /// Checks every error code in column `col` of the tables of `text` under headings accepted
    /// by `errors`, and every REASON_CODE in the first column under "2129"/"5117" headings.
    /// Returns how many codes it checked.
    fn check(text: &str, col: usize, errors: fn(&str) -> bool, check_status: bool) -> usize {
        #[derive(PartialEq)]
        enum Section {
            Other,
            Errors,
            Purchase,
            Transfer,
        }
        let (mut section, mut checked) = (Section::Other, 0);
        for line in text.lines() {
            let level = line.len() - line.trim_start_matches('#').len();
            let t = line.trim_start_matches('#').trim();
            if (1..=2).contains(&level) {
                section = if t.starts_with("2129") {
                    Section::Purchase
                } else if t.starts_with("5117") {
                    Section::Transfer
                } else if errors(t) {
                    Section::Errors
                } else {
                    Section::Other
                };
                continue;
            }
            let Some(cells) = cells(line) else { continue };
            let first = cells.get(1).copied().unwrap_or("").replace(' ', "_");
            match section {
                Section::Errors => {
                    let Some(code) = cells.get(col).filter(|c| is_error_code(c)) else { continue };
                    let known = error_code(code).unwrap_or_else(|| panic!("{code} missing"));
                    let status = cells.get(4).and_then(|s| s.get(..3)).and_then(|s| s.parse::<u16>().ok());
                    if let (true, Some(status)) = (check_status, status) {
                        assert_eq!(known.http_status, status, "{code}: HTTP status");
                    }
                    checked += 1;
                }
                Section::Purchase | Section::Transfer if is_reason_code(&first) && first != "REASON_CODE" => {
                    let list = if section == Section::Purchase { PURCHASE_REASONS } else { TRANSFER_REASONS };
                    assert!(list.iter().any(|r| r.code == first), "{first} missing");
                    checked += 1;
                }
                _ => {}
            }
        }
        checked
    }

    #[test]
    fn every_documented_code_is_listed() {
        let Some(dir) = docs() else { return };
        let text = read(&dir, "adobe-vipmp/references-error-handling.md");
        assert!(check(&text, 1, |h| h == "Error handling", true) >= 140);
        let text = read(&dir, "adobe-vipmp/lga-error-codes.md");
        assert!(check(&text, 2, |h| h.starts_with("Error codes"), false) > 25);
        let text = read(&dir, "adobe-vipmp/renewals-error-codes.md");
        assert_eq!(check(&text, 1, |h| h.starts_with("Error codes"), false), 6);
        let text = read(&dir, "adobe-vipmp/manage-pricing-index.md");
        assert_eq!(check(&text, 1, |h| h.starts_with("Error codes"), true), 5);
    }

    #[test]
    fn every_code_of_the_seed_is_listed() {
        let Some(dir) = docs() else { return };
        let text = read(&dir, "seeds/commerce-partner-api-2024-02-29.md");
        let start = text.find("#### **Error Handling**").unwrap_or(text.len());
        let end = text.find("# **5. Supported Countries").unwrap_or(text.len());
        let (mut codes, mut reasons) = (0, 0);
        for line in text.get(start..end).unwrap_or("").lines() {
            let first = line.split('\t').next().unwrap_or("").trim();
            if is_error_code(first) {
                assert!(error_code(first).is_some(), "{first} missing");
                codes += 1;
            } else if is_reason_code(first) && first != "REASON_CODE" {
                assert!(purchase_reason(first).or(transfer_reason(first)).is_some(), "{first} missing");
                reasons += 1;
            }
        }
        assert!(codes > 15 && reasons > 10, "{codes} codes, {reasons} reasons");
    }
}
