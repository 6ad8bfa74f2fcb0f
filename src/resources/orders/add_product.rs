//! Adding a product to the next renewal ("Create subscription"): from 30 to 3 days before the
//! customer's anniversary, a product it has no subscription of, with how many licenses to
//! renew. The API schedules it (1009) with no licenses; the renewal order on the anniversary
//! makes it active and sets its level; a flexible discount code may go with it, for the renewal
//! preview to verify. Not consumables ("do not allow creating subscriptions for consumable
//! items"); only for a customer with an active subscription.
//!
//! The renewal page says when the window opens, or that it closed, and within it links to
//! `/customers/:customer/renewal/add` ([`AddToRenewalPage`]), which picks the product as
//! placing an order does. That page is in the customers area, with the renewal page: the
//! picker then sits in a chunk the customers area shares with placing an order (its cold visit
//! 531.2 → 554.4 KB brotli). In placing an order's area it cost that area's cold visit 19 KB
//! (414.3 → 433.5 KB; its own reads and decoders) and took its Lighthouse score from 90 to 89;
//! in an area of its own the split made 23 shared files, and the hub's cold visit 351 KB
//! (2026-12-06, `docs/performance-log.md`).

use super::abroad::{deployment_of, Abroad, DeploymentChoice};
use super::picker::OfferPicker;
use crate::api::calls::{customers, subscriptions};
use crate::api::error::Failure;
use crate::api::together::both;
use crate::components::detail::{day, moment, now};
use crate::components::form::{
    check_as, check_path, trimmed as g, BusyButton, DraftNotice, FormScope, FormState, TextField, Values,
};
use crate::components::loading::{Load, Loaded};
use crate::components::submit::{use_submission, SubmissionError};
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::customers::hub::is_consumables;
use crate::resources::{fetch, fetch_items, runtime};
use crate::routes::{params, CustomerParams, To};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use partner_model::rules::order_requests::{check_auto_renewal, ENTERPRISE_MAX_QUANTITY};
use partner_model::rules::renewals::{add_window, may_add};
use partner_model::rules::validators::Invalid;
use partner_model::rules::FieldError;
use partner_model::time::parse;
use partner_model::types::{
    AutoRenewalCreate, AutoRenewalRequest, Customer, Status, Subscription, SubscriptionCreateRequest,
};

const OFFER: &str = "offerId";
const QUANTITY: &str = "autoRenewal.renewalQuantity";
/// The flexible discount its renewal is to have: "not validated while creating a
/// subscription"; the renewal preview says whether it applies.
const CODE: &str = "autoRenewal.flexDiscountCodes[0]";
/// The products (their 8-digit part) the customer has a subscription of, comma-separated.
const HELD: &str = "fact.productsHeld";
/// The currency of the customer's subscriptions in its home country (those without a
/// deployment), sent by a global customer's request: "global customers … need to include the
/// `currencyCode`".
const CURRENCY: &str = "fact.currency";
/// The currency of a subscription for one of the customer's deployments, which the reseller
/// gives: "for subscriptions outside the customer's home country, both `currencyCode` and
/// `deploymentID` must be included".
const CURRENCY_ABROAD: &str = "currencyCode";
/// Whether the customer is global (`globalSalesEnabled`).
const GLOBAL: &str = "fact.global";

fn request(v: &Values) -> SubscriptionCreateRequest {
    let deployment = deployment_of(v);
    let currency_code = if !deployment.is_empty() {
        g(v, CURRENCY_ABROAD)
    } else if g(v, GLOBAL) == "true" {
        g(v, CURRENCY)
    } else {
        String::new()
    };
    SubscriptionCreateRequest {
        offer_id: g(v, OFFER),
        auto_renewal: AutoRenewalCreate {
            enabled: Some(true),
            renewal_quantity: g(v, QUANTITY).parse().ok(),
            flex_discount_codes: super::codes_at(v, CODE),
            ..AutoRenewalCreate::default()
        },
        currency_code,
        deployment_id: deployment,
    }
}

fn check(v: &Values) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let offer = g(v, OFFER);
    let explained = |path: &str, text: &str| FieldError::new(path, Invalid::Explained(text.into()));
    if offer.is_empty() {
        errors.push(FieldError::new(OFFER, Invalid::Missing));
    } else if super::picker::not_an_offer_id(&offer) {
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
        let asked = AutoRenewalRequest {
            enabled: Some(true),
            renewal_quantity: g(v, QUANTITY).parse().ok(),
            ..Default::default()
        };
        errors.extend(check_auto_renewal(&asked, ENTERPRISE_MAX_QUANTITY));
    }
    errors.extend(check_path(v, CODE));
    if !deployment_of(v).is_empty() {
        if let Some(problem) = check_path(v, CURRENCY_ABROAD) {
            errors.push(problem);
        } else if g(v, CURRENCY_ABROAD).is_empty() {
            errors.push(FieldError::new(CURRENCY_ABROAD, Invalid::Missing));
        }
    }
    errors
}

/// Where `customer`'s next renewal stands for adding a product at `at`; `None` when it has no
/// active subscription, or no anniversary ahead. The window's ends are moments in UTC, said
/// with their time and zone (`moment`): the API counts whole UTC days, so west of UTC the last
/// day ends in the afternoon or evening of the day before, which a date alone would hide.
enum Window {
    Opens { from: String, until: String },
    Open { until: String, anniversary: String },
    Closed { until: String },
}

fn window(customer: &Customer, active: bool, at: u64) -> Option<Window> {
    let anniversary = parse(&customer.coterm_date).filter(|_| active)?;
    let (from, until) = add_window(anniversary);
    if at >= anniversary {
        None
    } else if may_add(anniversary, at) {
        Some(Window::Open { until: moment(until), anniversary: day(&customer.coterm_date) })
    } else if at < from {
        Some(Window::Opens { from: moment(from), until: moment(until) })
    } else {
        Some(Window::Closed { until: moment(until) })
    }
}

/// The window in words.
fn window_text(w: &Window) -> String {
    match w {
        Window::Opens { from, until } => t::renewal_add::Opens { from, until }.text(),
        Window::Open { until, anniversary } => t::renewal_add::Open { until, anniversary }.text(),
        Window::Closed { until } => t::renewal_add::closed(until),
    }
}

/// The renewal page's section on adding a product: the window, and within it the way to the
/// page that adds one.
#[component]
pub fn AddToRenewal(customer: Customer, subs: Vec<Subscription>) -> impl IntoView {
    let w = window(&customer, subs.iter().any(|s| s.status == Status::Active), now())?;
    let link = matches!(w, Window::Open { .. }).then(|| {
        view! { <p><A href=To::AddToRenewal(&customer.customer_id).href() attr:class="button">{t::renewal_add::title()}</A></p> }
    });
    Some(view! {
        <section class="facts-section" aria-labelledby="add-title">
            <h2 id="add-title">{t::renewal_add::title()}</h2>
            <p>{window_text(&w)}</p>
            {link}
        </section>
    })
}

/// `/customers/:customer/renewal/add`.
#[component]
pub fn AddToRenewalPage() -> impl IntoView {
    let rt = runtime();
    let params = params::<CustomerParams>();
    let customer = Memo::new(move |_| params.read().customer.clone());
    let read = Loaded::new(move || {
        let c = customer.get();
        let (record, subs) = (customers::get(&rt, &c), subscriptions::list(&rt, &c));
        async move {
            let (record, subs) = both(fetch(record), fetch_items(subs)).await;
            Ok::<_, Failure>((record?, subs?))
        }
    });
    view! {
        <section class="page">
            <h1>{t::renewal_add::title()}</h1>
            <Load resource=read what=t::load::customer() render=move |(record, subs): (Customer, Vec<Subscription>)| {
                view! { <AddForm customer=record subs/> }.into_any()
            }/>
        </section>
    }
}

/// The page's form, or where the window stands when it is not open.
#[component]
fn AddForm(customer: Customer, subs: Vec<Subscription>) -> impl IntoView {
    let id = customer.customer_id.clone();
    let lede = view! {
        <p class="lede">{t::place::for_customer()}" "<span translate="no">{customer.company_profile.company_name.clone()}</span>" "<code>{id.clone()}</code></p>
    };
    let back = view! { <p><A href=To::Renewal { customer: &id, lines: &[] }.href()>{t::renewal::title()}</A></p> };
    let names = crate::catalog::catalog();
    // What this renewal adds already: scheduled, with its licenses to renew.
    let scheduled: Vec<(String, u64)> = subs
        .iter()
        .filter(|s| s.status == Status::Scheduled)
        .map(|s| (s.offer_id.clone(), s.auto_renewal.renewal_quantity.unwrap_or(0)))
        .collect();
    let scheduled = (!scheduled.is_empty()).then(|| {
        let items = scheduled
            .into_iter()
            .map(|(offer, quantity)| {
                let o2 = offer.clone();
                let name = move || names.name(&o2).unwrap_or_default();
                view! { <li><span translate="no">{name}</span>" "<code>{offer}</code>" · "{t::renew::licenses()}": "{quantity}</li> }
            })
            .collect_view();
        view! { <h2>{t::renewal_add::scheduled()}</h2><ul class="added">{items}</ul> }
    });
    let active = subs.iter().any(|s| s.status == Status::Active);
    let now_window = window(&customer, active, now());
    let Some(Window::Open { until, anniversary }) = now_window else {
        let text = now_window.map_or_else(|| t::renewal_add::none().to_string(), |w| window_text(&w));
        return view! { {lede} <p>{text}</p> {scheduled} {back} }.into_any();
    };
    let held: Vec<String> = subs
        .iter()
        .filter(|s| matches!(s.status, Status::Active | Status::Scheduled))
        .filter_map(|s| s.offer_id.get(..8).map(str::to_string))
        .collect();
    let home = subs.iter().find(|s| s.status == Status::Active && s.deployment_id.is_empty());
    let currency = home.map(|s| s.currency_code.clone()).unwrap_or_default();
    let global = customer.global_sales_enabled == Some(true);
    let mut start = Values::new();
    start.insert(OFFER.into(), String::new());
    start.insert(QUANTITY.into(), String::new());
    start.insert(HELD.into(), held.join(","));
    start.insert(CURRENCY.into(), currency.clone());
    start.insert(GLOBAL.into(), if global { "true".into() } else { String::new() });
    let form = FormState::new(start, check, Some(format!("renewal-add-{id}")));
    let rt = runtime();
    // A global customer's subscription may be for one of its deployments, in that country's
    // currency.
    let abroad = Abroad::new();
    if global {
        let (rt, id) = (rt.clone(), id.clone());
        crate::api::calls::spawn_for_view(async move { abroad.read(&rt, &id, form).await });
    }
    let home = Signal::stored(customer.company_profile.address.country.clone());
    let for_deployment = Memo::new(move |_| form.values.with(|v| !deployment_of(v).is_empty()));
    // The picker's prices: in the currency given for a deployment, once it is one (a memo, so
    // that the picker follows the currency, not every keystroke in the form).
    let priced_in: Signal<String> = Memo::new(move |_| {
        let given = form.get(CURRENCY_ABROAD).trim().to_string();
        let valid = !given.is_empty() && check_as(CURRENCY_ABROAD, CURRENCY_ABROAD, &given).is_none();
        if for_deployment.get() && valid {
            given
        } else {
            currency.clone()
        }
    })
    .into();
    let navigate = use_navigate();
    let (c2, ad) = (id.clone(), anniversary.clone());
    let submission = use_submission(
        form,
        move |v| fetch(subscriptions::create(&rt, &c2, &request(&v))),
        move |s: Subscription| {
            let product = names.name_untracked(&s.offer_id).unwrap_or_else(|| s.offer_id.clone());
            toast(t::renewal_add::Added { product, anniversary: &ad }.text());
            navigate(&To::Subscription { customer: &id, id: &s.subscription_id }.path(), Default::default());
        },
    );
    let record = Signal::stored(Some(customer));
    view! {
        <FormScope form=form>
            {lede}
            <p>{t::renewal_add::Open { until, anniversary }.text()}</p>
            <DraftNotice/>
            <form novalidate on:submit=move |ev| submission.submit(ev)>
                <DeploymentChoice abroad home hint=t::renewal_add::deployment_hint() unread=t::renewal_add::deployments_unread()/>
                {move || for_deployment.get().then(|| view! {
                    <TextField path=CURRENCY_ABROAD hint=t::place::currency_hint() required=true/>
                })}
                <OfferPicker path=OFFER customer=record currency=priced_in required=true/>
                <TextField path=QUANTITY label=t::renewal_add::licenses() kind="number" required=true/>
                <TextField path=CODE hint=t::renewal_add::discount_hint()/>
                <SubmissionError submission/>
                <div class="actions">
                    // Not sent before a global customer's deployments are known: a draft's choice of
                    // one would otherwise go as the customer's own country.
                    <BusyButton label=t::renewal_add::submit() busy=submission.busy held=abroad.reading/>
                    {back}
                </div>
            </form>
            {scheduled}
        </FormScope>
    }
    .into_any()
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

    #[test]
    fn a_discount_code_goes_with_the_renewal_trimmed_and_checked() {
        let mut v = values("65322651CA01A12", "5");
        assert_eq!(request(&v).auto_renewal.flex_discount_codes, Vec::<String>::new(), "none asked");
        v.insert(CODE.into(), " BLACK_FRIDAY_10_PERCENT_OFF ".into());
        assert_eq!(request(&v).auto_renewal.flex_discount_codes, vec!["BLACK_FRIDAY_10_PERCENT_OFF".to_string()]);
        v.insert(CODE.into(), "<b>".into());
        assert_eq!(paths(&v), vec![CODE]);
    }

    #[test]
    fn a_subscription_for_a_deployment_names_it_and_the_currency_given() {
        let mut v = values("65322651CA01A12", "5");
        v.insert(GLOBAL.into(), "true".into());
        v.insert(CURRENCY.into(), "USD".into());
        v.insert(super::super::abroad::DEPLOYMENT.into(), "7100000001".into());
        let home = request(&v);
        assert_eq!((home.deployment_id.as_str(), home.currency_code.as_str()), ("", "USD"), "not offered: home");
        v.insert("fact.deployments".into(), "7100000001".into());
        assert_eq!(paths(&v), vec![CURRENCY_ABROAD], "its currency is asked for");
        v.insert(CURRENCY_ABROAD.into(), "CAD".into());
        assert_eq!(paths(&v), Vec::<String>::new());
        let abroad = request(&v);
        assert_eq!((abroad.deployment_id.as_str(), abroad.currency_code.as_str()), ("7100000001", "CAD"));
    }

    #[test]
    fn the_window_closes_at_the_end_of_the_third_day_before_the_anniversary() {
        let customer = Customer { coterm_date: "2026-12-20".into(), ..Customer::default() };
        let at = |iso: &str| parse(iso).unwrap_or(0);
        let says = |when: &str| match window(&customer, true, at(when)) {
            Some(Window::Opens { from, until }) => format!("opens {from} until {until}"),
            Some(Window::Open { until, anniversary }) => format!("open until {until} for {anniversary}"),
            Some(Window::Closed { until }) => format!("closed at {until}"),
            None => "none".into(),
        };
        assert_eq!(says("2026-11-19T23:59:59Z"), "opens 2026-11-20 00:00 UTC until 2026-12-18 00:00 UTC");
        assert_eq!(says("2026-11-20T00:00:00Z"), "open until 2026-12-18 00:00 UTC for 2026-12-20");
        assert_eq!(says("2026-12-17T23:59:59Z"), "open until 2026-12-18 00:00 UTC for 2026-12-20");
        assert_eq!(says("2026-12-18T00:00:00Z"), "closed at 2026-12-18 00:00 UTC");
        assert_eq!(says("2026-12-20T00:00:00Z"), "none");
        assert!(window(&customer, false, at("2026-12-01T00:00:00Z")).is_none(), "no active subscription");
    }

    #[test]
    fn only_a_global_customer_names_the_currency() {
        let mut v = values("65322651CA01A12", "5");
        v.insert(CURRENCY.into(), "EUR".into());
        assert_eq!(request(&v).currency_code, "");
        v.insert(GLOBAL.into(), "true".into());
        assert_eq!(request(&v).currency_code, "EUR");
    }
}
