//! What the API's status values mean, and how the console shows them: the four-digit resource
//! status codes of accounts, orders, subscriptions and transfers, the HTTP statuses, and the
//! word statuses of Three-Year Commit requests and flexible discounts.
//!
//! A status the docs do not list is not an error: [`status_label`] falls back to
//! [`UNKNOWN_STATUS`], and [`status_text`] shows it as "Status 1234" without allocating.

use std::fmt;

/// The kinds of record that carry a four-digit status code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResourceKind {
    /// A reseller account.
    Reseller,
    /// A customer account.
    Customer,
    /// An order.
    Order,
    /// A subscription.
    Subscription,
    /// A VIP→VIPMP transfer or a reseller change.
    Transfer,
    /// A line of an order.
    LineItem,
    /// A global customer's deployment.
    Deployment,
}

impl ResourceKind {
    /// Every kind.
    pub const ALL: [ResourceKind; 7] = [
        ResourceKind::Reseller,
        ResourceKind::Customer,
        ResourceKind::Order,
        ResourceKind::Subscription,
        ResourceKind::Transfer,
        ResourceKind::LineItem,
        ResourceKind::Deployment,
    ];
}

/// The colour family of a status: the docs' green, yellow and red, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tone {
    /// Green: active, complete.
    Good,
    /// Yellow: not settled yet.
    Pending,
    /// Red: inactive, failed.
    Bad,
    /// Neither good nor bad news (cancelled, expired, unknown).
    Neutral,
}

/// What the console shows for a status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusLabel {
    /// A short label ("Pending" for an account, "Open" for an order).
    pub label: &'static str,
    /// Its colour family.
    pub tone: Tone,
    /// One sentence on what it means for the reseller.
    pub meaning: &'static str,
}

const fn s(label: &'static str, tone: Tone, meaning: &'static str) -> StatusLabel {
    StatusLabel { label, tone, meaning }
}

/// One documented resource status code, as it reads for some kinds of record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceStatus {
    /// The code as on the wire (`"1002"`).
    pub code: &'static str,
    /// The kinds of record it reads this way for.
    pub kinds: &'static [ResourceKind],
    /// How it reads for them.
    pub label: StatusLabel,
}

use ResourceKind::{Customer, Deployment, LineItem, Order, Reseller, Subscription, Transfer};
use Tone::{Bad, Good, Neutral, Pending};

const ACCOUNTS: &[ResourceKind] = &[Reseller, Customer];
const ORDERS: &[ResourceKind] = &[Order, LineItem];

const fn rs(code: &'static str, kinds: &'static [ResourceKind], label: StatusLabel) -> ResourceStatus {
    ResourceStatus { code, kinds, label }
}

/// The documented resource status codes, sorted by code (a code has one row per reading).
// The seed lacks 1009 and reads "Subscription Transfer" (one cell, no comma) for 1000 to 1004.
// The reseller and customer list calls accept 1026 as a filter, which the table gives to orders
// only. Line items use the order codes the order pages name for them: 1000, 1002, 1004, 1008.
#[rustfmt::skip]
pub static RESOURCE_STATUSES: &[ResourceStatus] = &[
    rs("1000", ACCOUNTS, s("Active", Good, "The account is active.")),
    rs("1000", ORDERS, s("Complete", Good, "The order went through and its subscription IDs are final.")),
    rs("1000", &[Subscription], s("Active", Good, "The subscription is active.")),
    rs("1000", &[Transfer], s("Complete", Good, "The transfer is complete.")),
    rs("1000", &[Deployment], s("Active", Good, "The deployment is active: orders can name it.")),
    rs("1002", ACCOUNTS, s("Pending", Pending, "Adobe is still validating the new account, which will turn active or inactive; it cannot be edited until then.")),
    rs("1002", ORDERS, s("Open", Pending, "Adobe is processing the order; it may still fail.")),
    rs("1002", &[Subscription], s("Pending", Pending, "The subscription is being set up.")),
    rs("1002", &[Transfer], s("Pending", Pending, "The transfer has been accepted and is being processed.")),
    rs("1004", ACCOUNTS, s("Inactive", Bad, "The account is inactive.")),
    rs("1004", ORDERS, s("Failed", Bad, "The order failed (a more specific code is used when the reason is known).")),
    rs("1004", &[Subscription], s("Inactive", Bad, "The subscription is inactive, for example because it was not renewed.")),
    rs("1004", &[Transfer], s("Failed", Bad, "The transfer failed.")),
    rs("1004", &[Deployment], s("Inactive", Bad, "The deployment is inactive: orders cannot name it until it is reactivated.")),
    rs("1008", ORDERS, s("Cancelled", Neutral, "Cancelled by a return order; an order turns 1008 once all its lines are.")),
    rs("1009", &[Subscription], s("Scheduled", Pending, "Created to start at a later date (its renewal); it has no licenses yet.")),
    rs("1010", ACCOUNTS, s("Inactive: invalid address", Bad, "Inactive because Adobe could not validate the address.")),
    rs("1012", ACCOUNTS, s("Inactive: blocked", Bad, "Inactive because the account is blocked; Adobe support can say why.")),
    rs("1014", &[Customer], s("Inactive: duplicate", Bad, "Inactive because a customer with the same company name and primary admin already exists.")),
    rs("1020", &[Order], s("Failed: distributor inactive", Bad, "The order failed because the distributor is inactive.")),
    rs("1022", &[Order], s("Failed: reseller inactive", Bad, "The order failed because the reseller is inactive.")),
    rs("1024", &[Order], s("Failed: customer inactive", Bad, "The order failed because the customer is inactive.")),
    rs("1026", &[Order], s("Failed: invalid customer", Bad, "The order failed because the customer ID is invalid.")),
];

/// How `code` reads for a record of `kind`, if the docs list it.
pub fn resource_status(kind: ResourceKind, code: &str) -> Option<&'static StatusLabel> {
    let code = code.trim();
    RESOURCE_STATUSES.iter().find(|r| r.code == code && r.kinds.contains(&kind)).map(|r| &r.label)
}

/// The fallback for a code the docs do not list for the record's kind (shown with the code).
pub const UNKNOWN_STATUS: StatusLabel =
    s("Unknown status", Neutral, "A status code the API documentation does not list for this kind of record.");

/// What an empty status reads as: previews (`PREVIEW`, `PREVIEW_RENEWAL` orders) carry none.
pub const NO_STATUS: StatusLabel = s("No status", Neutral, "A preview: nothing was placed, so there is no status.");

/// How `code` reads for a record of `kind`: the documented label, [`NO_STATUS`] for an empty
/// code, else [`UNKNOWN_STATUS`].
pub fn status_label(kind: ResourceKind, code: &str) -> StatusLabel {
    if code.trim().is_empty() {
        return NO_STATUS;
    }
    resource_status(kind, code).copied().unwrap_or(UNKNOWN_STATUS)
}

/// A status's display text: its label, or "Status 1234" for a code the docs do not list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusText<'a> {
    kind: ResourceKind,
    code: &'a str,
}

/// The display text of `code` for a record of `kind` (see [`StatusText`]).
pub fn status_text(kind: ResourceKind, code: &str) -> StatusText<'_> {
    StatusText { kind, code }
}

impl fmt::Display for StatusText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = status_label(self.kind, self.code);
        if label == UNKNOWN_STATUS {
            write!(f, "Status {}", self.code.trim())
        } else {
            f.write_str(label.label)
        }
    }
}

/// A documented HTTP status of the API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HttpStatus {
    /// The status code.
    pub code: u16,
    /// Its standard message.
    pub message: &'static str,
    /// What the docs say it means for this API.
    pub meaning: &'static str,
}

/// The HTTP statuses the docs list, sorted by code.
// The docs add to 429: "Currently there is no limiting being done, so this status code should
// not appear."
#[rustfmt::skip]
pub static HTTP_STATUSES: &[HttpStatus] = &[
    HttpStatus { code: 200, message: "OK", meaning: "Everything worked as expected." },
    HttpStatus { code: 201, message: "Created", meaning: "Resource has been successfully created." },
    HttpStatus { code: 202, message: "Accepted", meaning: "Request has been accepted and will be acted on later." },
    HttpStatus { code: 400, message: "Bad Request", meaning: "The request was unable to be completed due to some client error." },
    HttpStatus { code: 401, message: "Unauthorized", meaning: "The authorization token is invalid." },
    HttpStatus { code: 403, message: "Forbidden", meaning: "The API key is invalid." },
    HttpStatus { code: 404, message: "Not Found", meaning: "The requested resource does not exist." },
    HttpStatus { code: 429, message: "Too Many Requests", meaning: "Too many requests have been made in a brief period." },
    HttpStatus { code: 500, message: "Internal Server Error", meaning: "There was an error on Adobe's end. Please try request again." },
];

/// The documented HTTP status `code`.
pub fn http_status(code: u16) -> Option<&'static HttpStatus> {
    HTTP_STATUSES.binary_search_by_key(&code, |h| h.code).ok().and_then(|i| HTTP_STATUSES.get(i))
}

/// A status that is a word on the wire (`"COMMITTED"`), with how it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NamedStatus {
    /// The value as on the wire.
    pub code: &'static str,
    /// How it reads.
    pub label: StatusLabel,
}

const fn ns(code: &'static str, label: StatusLabel) -> NamedStatus {
    NamedStatus { code, label }
}

/// Statuses of a Three-Year Commit `commitment`, `commitmentRequest` or `recommitmentRequest`
/// (and of the `LARGE_GOVERNMENT_AGENCY` benefit), sorted by code.
// From the 3YC flow diagram (REQUESTED, ACCEPTED, COMMITTED, EXPIRED, NONCOMPLIANT; a customer
// who declines, or a request left to lapse, ends EXPIRED: the docs name no DECLINED status) and
// the examples (ACTIVE: a VIP customer's commitment in Preview Offers, and the LGA benefit).
#[rustfmt::skip]
pub static COMMITMENT_STATUSES: &[NamedStatus] = &[
    ns("ACCEPTED", s("Accepted", Pending, "The customer accepted the terms; orders must reach the committed quantities within 30 days of acceptance.")),
    ns("ACTIVE", s("Active", Good, "The benefit is in force (shown for a VIP customer's existing commitment, and for the LGA benefit).")),
    ns("COMMITTED", s("Committed", Good, "The commitment is in force: the minimum quantities were reached and the 3YC discount levels apply.")),
    ns("EXPIRED", s("Expired", Neutral, "The customer declined or let the request lapse, or the commitment ended (its discounts then reset to level 01 and tier T1).")),
    ns("NONCOMPLIANT", s("Non-compliant", Bad, "The customer did not reach the committed quantities in time, so no 3YC discount applies.")),
    ns("REQUESTED", s("Requested", Pending, "Sent to the customer, who has not yet accepted the terms in the Adobe Admin Console.")),
];

/// Statuses of a flexible discount, sorted by code.
#[rustfmt::skip]
pub static FLEX_DISCOUNT_STATUSES: &[NamedStatus] = &[
    ns("ACTIVE", s("Active", Good, "Running or future-dated: compare its start date with today to know whether it can be used now.")),
    ns("EXPIRED", s("Expired", Neutral, "Past its end date; it can no longer be applied.")),
    ns("REUSABLE", s("Reusable", Good, "Past its offer period, but the customer keeps it until its discount lock end date.")),
];

fn named(list: &'static [NamedStatus], code: &str) -> Option<&'static StatusLabel> {
    let code = code.trim();
    list.binary_search_by(|n| n.code.cmp(code)).ok().and_then(|i| list.get(i)).map(|n| &n.label)
}

/// How a Three-Year Commit (or benefit) status reads.
pub fn commitment_status(code: &str) -> Option<&'static StatusLabel> {
    named(COMMITMENT_STATUSES, code)
}

/// How a flexible discount status reads.
pub fn flex_discount_status(code: &str) -> Option<&'static StatusLabel> {
    named(FLEX_DISCOUNT_STATUSES, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_label(what: &str, l: &StatusLabel) {
        assert!(!l.label.trim().is_empty() && !l.meaning.trim().is_empty(), "{what}");
    }

    #[test]
    fn resource_statuses_are_sorted_and_unique_per_kind() {
        for pair in RESOURCE_STATUSES.windows(2) {
            assert!(pair[0].code <= pair[1].code, "{} before {}", pair[0].code, pair[1].code);
        }
        for kind in ResourceKind::ALL {
            let codes: Vec<_> = RESOURCE_STATUSES.iter().filter(|r| r.kinds.contains(&kind)).map(|r| r.code).collect();
            assert!(codes.windows(2).all(|p| p[0] < p[1]), "{kind:?} has a code twice");
            // A deployment is only active or inactive ("deactivate or reactivate").
            let every =
                if kind == ResourceKind::Deployment { &["1000", "1004"][..] } else { &["1000", "1002", "1004"] };
            for code in every {
                assert!(codes.contains(code), "{kind:?} lacks {code}");
            }
        }
        for r in RESOURCE_STATUSES {
            assert!(r.code.len() == 4 && r.code.bytes().all(|b| b.is_ascii_digit()), "{}", r.code);
            assert!(!r.kinds.is_empty(), "{}", r.code);
            check_label(r.code, &r.label);
        }
    }

    #[test]
    fn labels_depend_on_the_kind_and_fall_back() {
        assert_eq!(status_label(Customer, "1002").label, "Pending");
        assert_eq!(status_label(Order, "1002").label, "Open");
        assert_eq!(status_label(LineItem, "1008").tone, Neutral);
        assert_eq!(status_label(Subscription, "1009").label, "Scheduled");
        assert_eq!(status_label(Order, "1014"), UNKNOWN_STATUS);
        assert_eq!(status_label(Order, ""), NO_STATUS);
        assert!(resource_status(Reseller, "1234").is_none());
        assert_eq!(status_text(Order, " 1000").to_string(), "Complete");
        assert_eq!(status_text(Order, "1234").to_string(), "Status 1234");
    }

    #[test]
    fn word_statuses_and_http_statuses() {
        for list in [COMMITMENT_STATUSES, FLEX_DISCOUNT_STATUSES] {
            assert!(list.windows(2).all(|p| p[0].code < p[1].code));
            for n in list {
                check_label(n.code, &n.label);
            }
        }
        assert!(HTTP_STATUSES.windows(2).all(|p| p[0].code < p[1].code));
        assert_eq!(commitment_status("COMMITTED").map(|l| l.tone), Some(Good));
        assert_eq!(commitment_status("NONCOMPLIANT").map(|l| l.tone), Some(Bad));
        assert!(commitment_status("DECLINED").is_none());
        assert_eq!(flex_discount_status("REUSABLE").map(|l| l.label), Some("Reusable"));
        assert_eq!(http_status(401).map(|h| h.message), Some("Unauthorized"));
        assert!(http_status(418).is_none());
    }

    #[test]
    fn every_documented_resource_status_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/api-docs");
        let Ok(text) = std::fs::read_to_string(dir.join("adobe-vipmp/references-error-handling.md")) else {
            return;
        };
        let table = text.split("## Error handling").next().unwrap_or("");
        let codes: Vec<_> = table
            .lines()
            .filter_map(|l| l.trim().strip_prefix('|')?.split('|').next().map(str::trim))
            .filter(|c| c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()))
            .collect();
        assert_eq!(codes.len(), 12);
        for code in codes {
            assert!(RESOURCE_STATUSES.iter().any(|r| r.code == code), "{code} missing");
        }
    }
}
