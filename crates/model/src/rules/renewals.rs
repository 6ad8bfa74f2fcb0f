//! When a customer's licenses can be renewed by hand, and how many (the manual-renewals page):
//! early, from 30 days before the renewal date to the day before, what is not renewed yet, and
//! more seats beyond it ("New products and extra seats allowed"); late, from the renewal date
//! through the 14th day after it, for the licenses whose renewal date just passed without their
//! renewing, up to the licenses held. The console offers what these allow; the twin refuses
//! the rest (3121).
//!
//! The callers tell licenses from consumables (which renew otherwise) and pass licenses only.

use crate::time::{parse, Millis, DAY};
use crate::types::{CommitmentStatus, Customer, Status, Subscription};

/// Days before the renewal date an early renewal opens.
pub const EARLY_DAYS: u64 = 30;
/// Days after the renewal date a late renewal stays open ("typically 14 days").
pub const LATE_DAYS: u64 = 14;

/// Which manual renewal is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Window {
    Early,
    Late,
}

/// The window open at `at` for licenses renewing on `renewal`. Late runs through the whole 14th
/// day after it, the last day the console names.
pub fn window_at(renewal: Millis, at: Millis) -> Option<Window> {
    if at < renewal && renewal - at <= EARLY_DAYS * DAY {
        Some(Window::Early)
    } else if at >= renewal && at - renewal < (LATE_DAYS + 1) * DAY {
        Some(Window::Late)
    } else {
        None
    }
}

/// Whether `license` lapsed within the late window at `now`: its renewal date passed without it
/// renewing (one that auto-renewed has its renewal date a year on).
pub fn lapsed(license: &Subscription, now: Millis) -> bool {
    parse(&license.renewal_date).is_some_and(|d| window_at(d, now) == Some(Window::Late))
}

/// The date `licenses` renew by hand at `now`: the latest renewal date of a license that lapsed
/// within the late window and still holds licenses (a late renewal, whatever the others did);
/// else the earliest of the active licenses' (an early renewal moves the anniversary, not the
/// renewal date). `None` when neither exists: the caller falls back on what it knows (the
/// customer's anniversary, or the licenses' latest date).
pub fn renewal_date<'a>(licenses: impl IntoIterator<Item = &'a Subscription> + Clone, now: Millis) -> Option<Millis> {
    let dates = |active_only: bool| {
        licenses
            .clone()
            .into_iter()
            .filter(move |s| !active_only || s.status == Status::Active)
            .filter_map(|s| Some((s, parse(&s.renewal_date)?)))
    };
    // A license left with none (all returned) has nothing to renew late.
    let late = dates(false).filter(|(s, _)| s.current_quantity.unwrap_or(0) > 0 && lapsed(s, now)).map(|(_, d)| d);
    late.max().or_else(|| dates(true).map(|(_, d)| d).min())
}

/// Whether the term ending at `term_end` (the renewal date an early renewal renews from, which
/// stays put when a first early renewal moves the anniversary on) is the final term of
/// `customer`'s 3-Year Commit, without a recommitment accepted: the commitment in force ends
/// within it, from its first day through `term_end` itself (a commitment ending on an
/// anniversary thus counts for the terms on both sides of it: early renewal stays closed).
/// Early renewal is then refused ("Not allowed in the final term of a three-year commitment
/// (3YC) unless the customer recommits": 3133). A commitment no longer in force (EXPIRED once
/// its end passed) refuses nothing.
pub fn final_commit_term(customer: &Customer, term_end: Millis) -> bool {
    use CommitmentStatus::{Accepted, Active, Committed};
    let Some(benefit) = customer.three_year_commit() else { return false };
    let Some(commitment) = benefit.commitment.as_ref().filter(|c| matches!(c.status, Some(Committed | Active))) else {
        return false;
    };
    let recommitted =
        benefit.recommitment_request.as_ref().is_some_and(|r| matches!(r.status, Some(Accepted | Committed | Active)));
    let (Some(end), Some(term_start)) = (parse(&commitment.end_date), year_before(term_end)) else {
        return false;
    };
    !recommitted && term_start <= end && end <= term_end
}

/// The same day a year before `at` (28 February for 29 February).
fn year_before(at: Millis) -> Option<Millis> {
    let day = crate::time::date(at);
    let year: i64 = day.get(..4)?.parse().ok()?;
    let rest = match day.get(4..10)? {
        "-02-29" => "-02-28",
        rest => rest,
    };
    parse(&format!("{:04}{rest}", year - 1))
}

/// The most licenses one line may ask of a subscription with `left` to renew ([`renewable`])
/// and `renewed` renewed early already (with what an open renewal order is renewing) in
/// `window`; `None` for no limit of the renewal's own (the product's line limit still holds).
/// Late: what was held ("quantity ≤ prior term … no extra quantity"). Early, with nothing
/// renewed yet or everything: any number ("New products and extra seats allowed"); a line
/// asking more than is left renews all of it and adds seats for the next term, so it may go
/// with other lines (a line asking less may not: [`partial_with_others`]). Early, part renewed
/// already: at most the rest ("New seat addition … (subsequent orders) can only be executed
/// after early renewing all the existing quantities of that product"; an order holds "either
/// existing products upto existing current quantities or … additional seats").
pub fn most(window: Window, left: u64, renewed: u64) -> Option<u64> {
    match window {
        Window::Early if renewed == 0 || left == 0 => None,
        Window::Early | Window::Late => Some(left),
    }
}

/// How many licenses of `license` may be renewed in `window`: early, those not renewed yet;
/// late, up to those held ("equal to or less than the previous term").
pub fn renewable(license: &Subscription, window: Window) -> u64 {
    let current = license.current_quantity.unwrap_or(0);
    match window {
        Window::Early => current.saturating_sub(license.renewed_quantity.unwrap_or(0)),
        Window::Late => current,
    }
}

/// Days before the anniversary from which a product the customer does not have may be added to
/// its renewal ("Create subscription": "between 30 days prior to anniversary date to 3 days
/// prior").
pub const ADD_FROM_DAYS: u64 = 30;
/// Days before the anniversary after which no product may be added any more.
pub const ADD_UNTIL_DAYS: u64 = 3;

/// When a product may be added to the renewal of an anniversary at the start of a UTC day (as
/// [`parse`] reads a date): from the start of the 30th day before it until the start of the
/// 2nd, the 3rd's end. [`may_add`] is true exactly in between.
pub fn add_window(anniversary: Millis) -> (Millis, Millis) {
    let until = anniversary.saturating_sub(ADD_UNTIL_DAYS.saturating_sub(1) * DAY);
    (anniversary.saturating_sub(ADD_FROM_DAYS * DAY), until)
}

/// Whether a product may be added to the renewal at `now`, the customer's anniversary being
/// `anniversary` (its start, as [`parse`] reads a date): on the days from the 30th before it
/// to the 3rd before it, both whole days included (UTC).
pub fn may_add(anniversary: Millis, now: Millis) -> bool {
    let today = now - now % DAY;
    let days = anniversary.saturating_sub(today) / DAY;
    anniversary > today && (ADD_UNTIL_DAYS..=ADD_FROM_DAYS).contains(&days)
}

/// The lines of one renewal order that renew part of what their subscription has left, when
/// the order has other lines too: each `(quantity, left)` is a line's licenses and what its
/// subscription may renew ([`renewable`], less what an open renewal is renewing; `None` for a
/// new product). Their indexes, in order; empty when the order may go. A partly renewed
/// subscription goes alone: "existing licenses must be fully renewed to current term quantity
/// before being combined in the same order" (3121, `renewals-error-codes.md`).
pub fn partial_with_others(lines: &[(u64, Option<u64>)]) -> Vec<usize> {
    if lines.len() < 2 {
        return Vec::new();
    }
    let partial = |(quantity, left): &(u64, Option<u64>)| left.is_some_and(|left| *quantity < left);
    lines.iter().enumerate().filter(|(_, line)| partial(line)).map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn license(id: &str, status: Status, renews: &str) -> Subscription {
        Subscription {
            subscription_id: id.into(),
            offer_id: "65304479CA01A12".into(),
            current_quantity: Some(5),
            renewal_date: renews.into(),
            status,
            ..Subscription::default()
        }
    }

    fn at(s: &str) -> Millis {
        parse(s).unwrap_or_default()
    }

    #[test]
    fn a_license_that_did_not_renew_is_renewed_late_beside_one_that_auto_renewed() {
        let now = at("2026-12-06T09:00:00Z");
        let renewed = license("A", Status::Active, "2027-12-01");
        let lapsed = license("B", Status::Inactive, "2026-12-01");
        let date = renewal_date(&[renewed.clone(), lapsed], now);
        assert_eq!(date, parse("2026-12-01"));
        assert!(date.is_some_and(|d| window_at(d, now) == Some(Window::Late)));
        // Lapsed too long ago: the active licenses' date, whose early window is far off.
        let long_ago = license("B", Status::Inactive, "2026-11-01");
        assert_eq!(renewal_date(&[renewed.clone(), long_ago], now), parse("2027-12-01"));
        // A license left with none (all returned) has nothing to renew late.
        let emptied = Subscription { current_quantity: Some(0), ..license("B", Status::Inactive, "2026-12-01") };
        assert_eq!(renewal_date(&[renewed.clone(), emptied], now), parse("2027-12-01"));
        // Early: the earliest active license's date.
        let soon = license("C", Status::Active, "2026-12-20");
        assert_eq!(renewal_date(&[renewed, soon], now), parse("2026-12-20"));
        // Nothing active and nothing lapsed: the caller decides.
        assert_eq!(renewal_date(&[license("D", Status::Inactive, "2025-01-01")], now), None);
    }

    #[test]
    fn the_windows_open_thirty_days_before_and_close_after_the_fourteenth_day() {
        let renewal = at("2026-12-31");
        assert_eq!(window_at(renewal, renewal - EARLY_DAYS * DAY - 1), None);
        assert_eq!(window_at(renewal, renewal - EARLY_DAYS * DAY), Some(Window::Early));
        assert_eq!(window_at(renewal, renewal - 1), Some(Window::Early));
        assert_eq!(window_at(renewal, renewal), Some(Window::Late));
        // The 14th day after is named as the last: it is open to its end.
        assert_eq!(window_at(renewal, at("2027-01-14T23:59:59Z")), Some(Window::Late));
        assert_eq!(window_at(renewal, at("2027-01-14T23:59:59.999Z")), Some(Window::Late));
        assert_eq!(window_at(renewal, renewal + (LATE_DAYS + 1) * DAY), None, "the 15th day has begun");
    }

    #[test]
    fn early_renews_what_is_not_renewed_yet_and_late_up_to_what_is_held() {
        let half = Subscription { renewed_quantity: Some(2), ..license("A", Status::Active, "2026-12-20") };
        assert_eq!(renewable(&half, Window::Early), 3);
        assert_eq!(renewable(&half, Window::Late), 5);
        let over = Subscription { renewed_quantity: Some(9), ..half };
        assert_eq!(renewable(&over, Window::Early), 0);
    }

    #[test]
    fn early_a_line_may_add_seats_beyond_what_is_left_and_late_not() {
        assert_eq!((most(Window::Early, 3, 0), most(Window::Late, 5, 0)), (None, Some(5)));
        // Part renewed already: the rest first, then new seats.
        assert_eq!((most(Window::Early, 3, 2), most(Window::Early, 0, 5)), (Some(3), None));
        // Seats added to a line renew what it has left in full: it may go with other lines.
        assert_eq!(partial_with_others(&[(8, Some(3)), (1, None)]), Vec::<usize>::new());
        // A subscription renewed in full already adds seats only.
        assert_eq!(partial_with_others(&[(4, Some(0)), (2, Some(2))]), Vec::<usize>::new());
    }

    #[test]
    fn a_partly_renewed_subscription_goes_alone() {
        assert_eq!(partial_with_others(&[(2, Some(10))]), Vec::<usize>::new(), "alone: any part");
        assert_eq!(partial_with_others(&[(2, Some(10)), (5, Some(5))]), vec![0], "with a full line");
        assert_eq!(partial_with_others(&[(10, Some(10)), (1, None)]), Vec::<usize>::new(), "full, with a new product");
        assert_eq!(partial_with_others(&[(1, None), (3, Some(4)), (1, Some(2))]), vec![1, 2], "each partial line");
    }

    #[test]
    fn a_product_is_added_from_30_to_3_days_before_the_anniversary() {
        let ad = at("2027-01-01T00:00:00Z");
        assert!(!may_add(ad, ad - 30 * DAY - 1), "the 31st day before");
        assert!(may_add(ad, ad - 30 * DAY), "the 30th day before, from its start");
        assert!(may_add(ad, ad - 2 * DAY - 1), "the 3rd day before, to its end");
        assert!(!may_add(ad, ad - 2 * DAY), "the 2nd day before");
        assert!(!may_add(ad, ad + DAY), "after it");
        let (from, until) = add_window(ad);
        for hour in 0..33 * 24 {
            let at = ad - 32 * DAY + hour * 3_600_000;
            assert_eq!(may_add(ad, at), (from..until).contains(&at), "{hour} hours into the 32 days before");
        }
    }
}

#[cfg(test)]
mod final_term_tests {
    use super::final_commit_term;
    use crate::time::parse;
    use crate::types::{Benefit, BenefitType, Commitment, CommitmentStatus, Customer};

    fn customer(end: &str, status: CommitmentStatus, recommitment: Option<CommitmentStatus>) -> Customer {
        let commitment = |status| Commitment { end_date: end.into(), status: Some(status), ..Commitment::default() };
        Customer {
            benefits: vec![Benefit {
                kind: BenefitType::ThreeYearCommit,
                status: None,
                commitment: Some(commitment(status)),
                commitment_request: None,
                recommitment_request: recommitment.map(commitment),
            }],
            ..Customer::default()
        }
    }

    fn final_term(c: &Customer, term_end: &str) -> bool {
        final_commit_term(c, parse(term_end).unwrap_or_default())
    }

    #[test]
    fn the_final_term_is_the_one_the_commitment_ends_in() {
        use CommitmentStatus::{Accepted, Committed, Expired, Requested};
        let ending = customer("2027-02-28", Committed, None);
        assert!(final_term(&ending, "2027-03-01"));
        assert!(!final_term(&ending, "2026-03-01"), "the term before: renewing into the final one");
        assert!(final_term(&customer("2027-03-01", Committed, None), "2027-03-01"), "ending on the anniversary");
        assert!(final_term(&customer("2026-03-01", Committed, None), "2027-03-01"), "its first day");
        assert!(!final_term(&customer("2026-02-28", Committed, None), "2027-03-01"), "the day before it");
        assert!(final_term(&customer("2027-02-28", Committed, None), "2028-02-29"), "a leap day's term");
        assert!(!final_term(&customer("2027-02-27", Committed, None), "2028-02-29"));
        assert!(!final_term(&customer("2027-02-28", Committed, Some(Accepted)), "2027-03-01"), "recommitted");
        assert!(final_term(&customer("2027-02-28", Committed, Some(Requested)), "2027-03-01"), "only asked");
        assert!(!final_term(&customer("2027-02-28", Expired, None), "2027-03-01"), "not in force");
        assert!(!final_term(&Customer::default(), "2027-03-01"));
    }
}
