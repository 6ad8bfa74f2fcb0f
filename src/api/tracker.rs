//! The recommendations' tracker ("Provide tracking data to Adobe to get improved
//! recommendations"): `x-recommendation-tracker-id` is "added to all responses", and partners
//! send it back on Create Order and Create Subscription, so Adobe learns which recommendations
//! a purchase followed. The client keeps the tracker of the latest answer it asked for
//! recommendations (`fetch-recommendations=true`) for each customer, not any answer's (a read
//! of the customer or of an order's status would replace it with one unrelated to them). It is
//! kept in memory only (a reload forgets it; the next preview brings another) and forgotten
//! when an embedding portal hands over another token, and sent on every POST of that
//! customer's orders or subscriptions: previews are Create Order calls too. Only a value a
//! header can carry is kept: a browser refuses to send any other, which would fail the
//! purchase.

use std::cell::RefCell;

/// The header, both ways.
pub const HEADER: &str = partner_model::types::RECOMMENDATION_TRACKER;

/// How many customers' trackers a tab keeps (the oldest goes first).
const KEPT_CUSTOMERS: usize = 20;

thread_local! {
    /// `(customer id, tracker)`, the latest last.
    static KEPT: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// The customer of a URL of the API's customer paths (`…/v3/customers/{id}…`) and the rest of
/// its path, without the query.
fn customer_path(url: &str) -> Option<(&str, &str)> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let (_, after) = path.split_once("/v3/customers/")?;
    let (id, rest) = after.split_once('/').unwrap_or((after, ""));
    (!id.is_empty()).then_some((id, rest))
}

/// Whether `tracker` can be sent as a header value as it came: 1 to 200 visible ASCII
/// characters.
fn sendable(tracker: &str) -> bool {
    (1..=200).contains(&tracker.len()) && tracker.bytes().all(|b| b.is_ascii_graphic())
}

/// Whether the call to `url` asked for recommendations.
fn asked_for_recommendations(url: &str) -> bool {
    let query = url.split_once('?').map_or("", |(_, q)| q).split('#').next().unwrap_or("");
    query.split('&').any(|pair| pair == "fetch-recommendations=true")
}

/// Keeps `tracker`, which came with the answer to `url`, for that URL's customer when the call
/// asked for recommendations.
pub fn keep(url: &str, tracker: &str) {
    let tracker = tracker.trim();
    if !asked_for_recommendations(url) || !sendable(tracker) {
        return;
    }
    let Some((customer, _)) = customer_path(url) else { return };
    KEPT.with_borrow_mut(|kept| {
        kept.retain(|(c, _)| c != customer);
        if kept.len() >= KEPT_CUSTOMERS {
            kept.remove(0);
        }
        kept.push((customer.to_string(), tracker.to_string()));
    });
}

/// Forgets every kept tracker (another user's token).
pub fn forget() {
    KEPT.with_borrow_mut(Vec::clear);
}

/// The tracker a call sends: a POST of a customer's orders or subscriptions, when an answer
/// for that customer brought one.
pub fn to_send(method: &str, url: &str) -> Option<String> {
    let (customer, rest) = customer_path(url).filter(|_| method == "POST")?;
    if !["orders", "subscriptions"].contains(&rest.trim_end_matches('/')) {
        return None;
    }
    KEPT.with_borrow(|kept| kept.iter().find(|(c, _)| c == customer).map(|(_, t)| t.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customers_tracker_goes_with_its_purchases_only() {
        keep("/api/vipmp/v3/customers/11/orders?fetch-price=true&fetch-recommendations=true", "abc123");
        assert_eq!(to_send("POST", "/api/vipmp/v3/customers/11/orders").as_deref(), Some("abc123"));
        assert_eq!(to_send("POST", "/api/vipmp/v3/customers/11/subscriptions").as_deref(), Some("abc123"));
        assert_eq!(to_send("POST", "/api/vipmp/v3/customers/11/orders?fetch-price=true").as_deref(), Some("abc123"));
        assert_eq!(to_send("PATCH", "/api/vipmp/v3/customers/11/subscriptions/s1"), None, "not a purchase");
        assert_eq!(to_send("POST", "/api/vipmp/v3/customers/11/orders/1"), None, "not Create Order");
        assert_eq!(to_send("GET", "/api/vipmp/v3/customers/11/orders"), None);
        assert_eq!(to_send("POST", "/api/vipmp/v3/customers/12/orders"), None, "another customer's");
        assert_eq!(to_send("POST", "/api/vipmp/v3/customers/111/orders"), None, "an id is whole");
        keep("/api/vipmp/v3/customers/11/subscriptions?fetch-recommendations=true", "def456");
        assert_eq!(to_send("POST", "/api/vipmp/v3/customers/11/orders").as_deref(), Some("def456"), "the latest");
        // Every answer may carry one; only those asked for recommendations count.
        keep("/api/vipmp/v3/customers/11", "unrelated");
        keep("/api/vipmp/v3/customers/11/orders/5?fetch-recommendations=false", "unrelated");
        keep("/api/vipmp/v3/customers/11/orders?fetch-price=true", "unrelated");
        assert_eq!(to_send("POST", "/api/vipmp/v3/customers/11/orders").as_deref(), Some("def456"), "kept");
        forget();
        assert_eq!(to_send("POST", "/api/vipmp/v3/customers/11/orders"), None, "another user's token");
    }

    #[test]
    fn only_a_value_a_header_can_carry_is_kept() {
        let asked = "?fetch-recommendations=true";
        keep(&format!("/api/vipmp/v3/customers/21/orders{asked}"), "ok\r\nSet-Cookie: x=1");
        keep(&format!("/api/vipmp/v3/customers/22/orders{asked}"), "with space");
        keep(&format!("/api/vipmp/v3/customers/23/orders{asked}"), &"x".repeat(201));
        keep(&format!("/api/vipmp/v3/recommendations{asked}"), "no-customer");
        for id in ["21", "22", "23"] {
            assert_eq!(to_send("POST", &format!("/api/vipmp/v3/customers/{id}/orders")), None, "{id}");
        }
    }

    #[test]
    fn a_tab_keeps_a_few_customers() {
        for i in 0..=KEPT_CUSTOMERS {
            keep(&format!("/v3/customers/c{i}/orders?fetch-recommendations=true"), &format!("t{i}"));
        }
        assert_eq!(to_send("POST", "/v3/customers/c0/orders"), None, "the oldest went");
        assert_eq!(to_send("POST", &format!("/v3/customers/c{KEPT_CUSTOMERS}/orders")).as_deref(), Some("t20"));
    }
}
