//! Renewing by hand from a lead to renew. The hub's lead links to the renewal page with the
//! lead's lines in its address (`?line=OFFER:QUANTITY`, `?line=OFFER` for a product without a
//! quantity, read by [`crate::routes::query_lines`]), and the manual renewal's rows start from
//! them:
//! - the rows of a product the lead names (by product: a lead's level or edition need not be
//!   the subscription's) take its quantity, each row up to what it has left, in order; what is
//!   asked beyond that goes on the first row with licenses left (early, more than is left adds
//!   licenses for the next term, once every license of the product is renewed: "after early
//!   renewing all the existing quantities of that product"). A product without a quantity
//!   renews everything its rows have left;
//! - a quantity that is not a whole number is put on the product's first row as written, where
//!   the form's check says what a row takes, rather than read as some other number;
//! - the rows of the products the lead does not name start at 0, and the lead's products that
//!   have no row are named in the note over the rows.

use crate::catalog::product_of;
use crate::i18n::t;
use crate::routes::QueryLine;
use leptos::prelude::*;
use partner_model::types::Subscription;

/// What each of `rows` (a subscription and what it has left to renew) starts at for the lines
/// `asked`, as the module says; with nothing asked, `None` for every row (everything left).
pub fn starts(rows: &[(Subscription, u64)], asked: &[QueryLine]) -> Vec<Option<String>> {
    if asked.is_empty() {
        return vec![None; rows.len()];
    }
    let mut starts = vec![Some("0".to_string()); rows.len()];
    let mut done: Vec<&str> = Vec::new();
    for product in asked.iter().map(|a| product_of(&a.offer)) {
        if done.contains(&product) {
            continue;
        }
        done.push(product);
        // The product's rows, in order, each with what it has left.
        let mut mine: Vec<(&mut Option<String>, u64)> = starts
            .iter_mut()
            .zip(rows)
            .filter(|(_, (s, _))| product_of(&s.offer_id) == product)
            .map(|(start, (_, left))| (start, *left))
            .collect();
        // The quantities written, or `None` when a line gave none.
        let written: Option<Vec<&str>> =
            asked.iter().filter(|a| product_of(&a.offer) == product).map(|a| a.quantity.as_deref()).collect();
        let Some(written) = written else {
            for (start, _) in &mut mine {
                **start = None;
            }
            continue;
        };
        let numbers: Result<Vec<u64>, _> = written.iter().map(|q| q.parse::<u64>()).collect();
        let Ok(numbers) = numbers else {
            // Shown as written on the product's first row: the form's check explains it.
            if let Some((start, _)) = mine.first_mut() {
                **start = written.iter().find(|q| q.parse::<u64>().is_err()).map(|q| q.to_string());
            }
            continue;
        };
        let mut rest = numbers.into_iter().fold(0u64, u64::saturating_add);
        let mut taken: Vec<u64> = mine
            .iter()
            .map(|(_, left)| {
                let take = rest.min(*left);
                rest -= take;
                take
            })
            .collect();
        // What is asked beyond every row's licenses left: on the first row with some left.
        let extra = mine.iter().position(|(_, left)| *left > 0).unwrap_or(0);
        if let Some(take) = taken.get_mut(extra) {
            *take = take.saturating_add(rest);
        }
        for ((start, _), take) in mine.iter_mut().zip(taken) {
            **start = Some(take.to_string());
        }
    }
    starts
}

/// The offer ids of `asked` whose product has no row, each once.
pub fn not_held(rows: &[(Subscription, u64)], asked: &[QueryLine]) -> Vec<String> {
    let held = |offer: &str| rows.iter().any(|(s, _)| product_of(&s.offer_id) == product_of(offer));
    let mut missing: Vec<String> = Vec::new();
    for a in asked.iter().filter(|a| !held(&a.offer)) {
        if !missing.iter().any(|m| product_of(m) == product_of(&a.offer)) {
            missing.push(a.offer.clone());
        }
    }
    missing
}

/// The note over rows started from a lead to renew: where they come from, and the lead's
/// products that have no license to renew here, by name. With `bring_into_view`, its section
/// (headed `heading`) is brought into the window and takes the focus once drawn: it comes below
/// the auto-renewal's lines and adding a product, and the reseller came for it.
pub fn note(not_held: Vec<String>, bring_into_view: bool, heading: &'static str) -> impl IntoView {
    // A frame later: the page's data arrived in this task, and is in the document by then.
    Effect::new(move |_| {
        if bring_into_view {
            request_animation_frame(move || {
                use wasm_bindgen::JsCast;
                let title =
                    document().get_element_by_id(heading).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(title) = title {
                    let _ = title.focus();
                    title.scroll_into_view();
                }
            })
        }
    });
    let names = crate::catalog::catalog();
    let missing = (!not_held.is_empty()).then(|| {
        let products = move || {
            let named: Vec<String> = not_held.iter().map(|o| names.name(o).unwrap_or_else(|| o.clone())).collect();
            t::renew::lead_not_held(named.join(", "))
        };
        view! { " " {products} }
    });
    view! { <p class="notice" role="note">{t::renew::from_lead()} {missing}</p> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::query_lines;

    fn row(id: &str, offer: &str, left: u64) -> (Subscription, u64) {
        (Subscription { subscription_id: id.into(), offer_id: offer.into(), ..Subscription::default() }, left)
    }

    fn lines(query: &[&str]) -> Vec<QueryLine> {
        query_lines(&query.iter().map(|q| q.to_string()).collect::<Vec<_>>())
    }

    fn started(rows: &[(Subscription, u64)], query: &[&str]) -> Vec<String> {
        starts(rows, &lines(query)).into_iter().map(|s| s.unwrap_or_else(|| "left".into())).collect()
    }

    #[test]
    fn a_products_quantity_fills_its_rows_in_order_and_the_rest_adds_to_the_first_with_licenses_left() {
        let acrobat = "65304479CA01A12";
        // Two subscriptions of one product (10 and 4 left), one of another, one renewed in full.
        let rows = [row("A", acrobat, 10), row("B", "65322651CA01A12", 4), row("C", acrobat, 4), row("D", "1", 7)];
        // Another level of Acrobat's offer, 12: A's ten, then two of C's.
        assert_eq!(started(&rows, &["65304479CA03A12:12"]), ["10", "0", "2", "0"]);
        // 17: all of A and C, and three more for the next term on A.
        assert_eq!(started(&rows, &["65304479CA01A12:15", "65304479CA01A12:2"]), ["13", "0", "4", "0"]);
        // Without a quantity: everything each of the product's rows has left.
        assert_eq!(started(&rows, &[acrobat, "65322651CA01A12:1"]), ["left", "1", "left", "0"]);
        // A row renewed in full (nothing left) does not take the licenses added.
        let renewed = [row("A", acrobat, 0), row("C", acrobat, 4)];
        assert_eq!(started(&renewed, &["65304479CA01A12:6"]), ["0", "6"]);
        // Nothing asked: every row at everything left.
        assert_eq!(started(&rows, &[]), ["left", "left", "left", "left"]);
    }

    #[test]
    fn a_quantity_that_is_not_a_number_is_shown_as_written_and_unheld_products_named_once() {
        let rows = [row("A", "65304479CA01A12", 10), row("C", "65304479CA01A12", 4)];
        assert_eq!(started(&rows, &["65304479CA01A12:-5"]), ["-5", "0"]);
        assert_eq!(started(&rows, &["65304479CA01A12:99999999999999999999999"]), ["99999999999999999999999", "0"]);
        let asked = lines(&["30006208CA01A12:3", "30006208CA02A12:1", "65304479CA01A12:1", "x"]);
        assert_eq!(not_held(&rows, &asked), vec!["30006208CA01A12".to_string(), "x".to_string()]);
    }
}
