//! Adding a product to the next renewal, on the renewal page ("Create subscription"): from 30
//! to 3 days before the customer's anniversary, a product it has no subscription of, with how
//! many licenses to renew. The API schedules it (1009) with no licenses; the renewal order on
//! the anniversary makes it active and sets its level. Not consumables ("do not allow creating
//! subscriptions for consumable items"); only for a customer with an active subscription, so
//! the page shows it only then. Outside the window the page says when it opens or closed.

use super::picker::OfferPicker;
use crate::api::calls::subscriptions;
use crate::components::detail::now;
use crate::components::form::{check_path, trimmed as g, BusyButton, FormState, TextField, Values};
use crate::components::submit::{use_submission, SubmissionError};
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::customers::hub::is_consumables;
use crate::resources::{fetch, runtime};
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use partner_model::rules::order_requests::{check_auto_renewal, ENTERPRISE_MAX_QUANTITY};
use partner_model::rules::renewals::{may_add, ADD_FROM_DAYS, ADD_UNTIL_DAYS};
use partner_model::rules::validators::Invalid;
use partner_model::rules::FieldError;
use partner_model::time::{date, parse, DAY};
use partner_model::types::{
    AutoRenewalCreate, AutoRenewalRequest, Customer, Status, Subscription, SubscriptionCreateRequest,
};

const OFFER: &str = "offerId";
const QUANTITY: &str = "autoRenewal.renewalQuantity";
/// The products (their 8-digit part) the customer has a subscription of, comma-separated.
const HELD: &str = "ui.productsHeld";

fn request(v: &Values) -> SubscriptionCreateRequest {
    SubscriptionCreateRequest {
        offer_id: g(v, OFFER),
        auto_renewal: AutoRenewalCreate {
            enabled: true,
            renewal_quantity: g(v, QUANTITY).parse().ok(),
            ..AutoRenewalCreate::default()
        },
        ..SubscriptionCreateRequest::default()
    }
}

fn check(v: &Values) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let offer = g(v, OFFER);
    let explained = |path: &str, text: &str| FieldError::new(path, Invalid::Explained(text.into()));
    if offer.is_empty() {
        errors.push(FieldError::new(OFFER, Invalid::Missing));
    } else if offer.len() != 15 || !offer.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()) {
        errors.push(explained(OFFER, t::place::choose_product()));
    } else if is_consumables(&offer) {
        errors.push(explained(OFFER, t::renewal_add::consumables()));
    } else if g(v, HELD).split(',').any(|product| !product.is_empty() && offer.starts_with(product)) {
        errors.push(explained(OFFER, t::renewal_add::held()));
    }
    if let Some(problem) = check_path(v, QUANTITY) {
        errors.push(problem);
    } else if g(v, QUANTITY).is_empty() {
        errors.push(FieldError::new(QUANTITY, Invalid::Missing));
    } else {
        let asked = AutoRenewalRequest { enabled: true, renewal_quantity: g(v, QUANTITY).parse().ok() };
        errors.extend(check_auto_renewal(&asked, ENTERPRISE_MAX_QUANTITY));
    }
    errors
}

/// The renewal page's section for adding a product to `customer`'s renewal; `subs` are its
/// subscriptions.
#[component]
pub fn AddToRenewal(customer: Customer, subs: Vec<Subscription>) -> impl IntoView {
    let active = subs.iter().any(|s| s.status == Status::Active);
    let anniversary = parse(&customer.coterm_date).filter(|_| active)?;
    let (from, until) =
        (anniversary.saturating_sub(ADD_FROM_DAYS * DAY), anniversary.saturating_sub(ADD_UNTIL_DAYS * DAY));
    let section = |body: AnyView| {
        view! {
            <section class="facts-section" aria-labelledby="add-title">
                <h2 id="add-title">{t::renewal_add::title()}</h2>
                {body}
            </section>
        }
        .into_any()
    };
    let at = now();
    if at >= anniversary {
        return None;
    }
    if !may_add(anniversary, at) {
        let text = if at < from {
            t::renewal_add::Opens { from: date(from), until: date(until) }.text()
        } else {
            t::renewal_add::closed(date(until))
        };
        return Some(section(view! { <p>{text}</p> }.into_any()));
    }
    let held: Vec<String> = subs
        .iter()
        .filter(|s| matches!(s.status, Status::Active | Status::Scheduled))
        .filter_map(|s| s.offer_id.get(..8).map(str::to_string))
        .collect();
    let mut start = Values::new();
    start.insert(OFFER.into(), String::new());
    start.insert(QUANTITY.into(), String::new());
    start.insert(HELD.into(), held.join(","));
    let id = customer.customer_id.clone();
    let form = FormState::new(start, check, Some(format!("renewal-add-{id}")));
    let rt = runtime();
    let navigate = use_navigate();
    let ad = date(anniversary);
    let c2 = id.clone();
    let submission = use_submission(
        form,
        move |v| fetch(subscriptions::create(&rt, &c2, &request(&v))),
        move |s: Subscription| {
            let product = crate::catalog::catalog().name_untracked(&s.offer_id).unwrap_or_else(|| s.offer_id.clone());
            toast(t::renewal_add::Added { product, anniversary: &ad }.text());
            navigate(&To::Subscription { customer: &id, id: &s.subscription_id }.path(), Default::default());
        },
    );
    let currency =
        subs.iter().find(|s| s.status == Status::Active).map(|s| s.currency_code.clone()).unwrap_or_default();
    let record = Signal::stored(Some(customer));
    let body = view! {
        <p>{t::renewal_add::Open { until: date(until), anniversary: date(anniversary) }.text()}</p>
        <form novalidate on:submit=move |ev| submission.submit(ev)>
            <OfferPicker path=OFFER customer=record currency=Signal::stored(currency) required=true/>
            <TextField path=QUANTITY label=t::renewal_add::licenses() kind="number" required=true/>
            <SubmissionError submission/>
            <div class="actions"><BusyButton label=t::renewal_add::submit() busy=submission.busy/></div>
        </form>
    };
    Some(section(body.into_any()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(offer: &str, quantity: &str) -> Values {
        Values::from([
            (OFFER.to_string(), offer.to_string()),
            (QUANTITY.to_string(), quantity.to_string()),
            (HELD.to_string(), "65304479,11073058".to_string()),
        ])
    }

    fn paths(v: &Values) -> Vec<String> {
        check(v).into_iter().map(|e| e.path).collect()
    }

    #[test]
    fn a_product_the_customer_has_not_and_licenses_to_renew() {
        assert_eq!(paths(&values("65322651CA01A12", "5")), Vec::<String>::new());
        assert_eq!(request(&values("65322651CA01A12", "5")).auto_renewal.renewal_quantity, Some(5));
        assert_eq!(paths(&values("65304479CA01A12", "5")), vec![OFFER], "held already");
        assert_eq!(paths(&values("65322447CAT1A12", "5")), vec![OFFER], "consumables");
        assert_eq!(paths(&values("Photoshop", "5")), vec![OFFER], "words, not an offer chosen");
        assert_eq!(paths(&values("65322651CA01A12", "")), vec![QUANTITY], "mandatory");
        assert_eq!(paths(&values("65322651CA01A12", "0")), vec![QUANTITY]);
    }
}
