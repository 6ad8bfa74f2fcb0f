//! A subscription's High Growth offer ("Manage High Growth Offers through APIs"): what it renews
//! as; the offers a renewal preview lists (`eligibleOffers`) for its product; opting in (Update
//! Subscription's `autoRenewal.renewalCode`, with at least the offer's minimum renewing, after a
//! question that says how many licenses the customer then renews); and opting out
//! (`?reset-renewal-code=true`, sent with auto-renewal on for every license, as the docs'
//! example sends a setting with it: the quantity had gone up to the offer's minimum).
//! The preview is read only when the reseller asks: it is a POST, and most subscriptions have
//! no such offer. Each offer can also be bought now, mid-term ("Customers can send an `offerId`
//! corresponding to MOQ … to create a mid-term purchase order of MOQ"): placing an order opens
//! with its id and minimum; once the order completes, the subscription renews as that offer.
//! Not for a deployment's subscription (placing an order names no deployment), nor, once the
//! subscription renews as an offer, a higher one (the offers are listed only before).

use crate::api::calls::{orders, subscriptions};
use crate::api::error::Failure;
use crate::components::confirm::ConfirmDialog;
use crate::components::detail::day;
use crate::components::error_panel::ErrorPanel;
use crate::components::form::{BusyButton, FormScope, FormState, Values};
use crate::components::submit::{use_submission, SubmissionError};
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::{fetch, runtime};
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::types::{
    AutoRenewalRequest, EligibleOffer, OrderRequest, RenewalChoice, Subscription, SubscriptionUpdateRequest,
};

/// The minimum of the offer `code` names (`MOQ_250`), when it names one.
fn code_minimum(code: &str) -> Option<u64> {
    code.rsplit('_').next()?.parse().ok()
}

/// What a subscription renewing as the High Growth offer `code` renews, in words.
pub fn opted_text(code: &str) -> String {
    t::subscription::GrowthOpted { code, minimum: code_minimum(code).unwrap_or(0) }.text()
}

/// The fewest licenses `offer` renews: its criteria's, else its code's.
fn minimum(offer: &EligibleOffer) -> u64 {
    offer.eligibility_criteria.min_quantity.or_else(|| code_minimum(&offer.renewal_code)).unwrap_or(0)
}

/// The licenses `s` renews as it is set: its renewal quantity, else every license.
fn renewing(s: &Subscription) -> u64 {
    s.auto_renewal.renewal_quantity.or(s.current_quantity).unwrap_or(0)
}

/// The request that renews `s` as `offer`: auto-renewal on, at least the offer's minimum.
fn opt_in(s: &Subscription, offer: &EligibleOffer) -> SubscriptionUpdateRequest {
    SubscriptionUpdateRequest {
        auto_renewal: AutoRenewalRequest {
            enabled: Some(true),
            renewal_quantity: Some(renewing(s).max(minimum(offer))),
            renewal_code: offer.renewal_code.clone(),
            ..Default::default()
        },
    }
}

/// The offers of `s`'s product (an offer id's first eight characters name its product).
fn of_product(offers: Vec<EligibleOffer>, s: &Subscription) -> Vec<EligibleOffer> {
    let product = s.offer_id.get(..8);
    offers.into_iter().filter(|o| product.is_some() && o.offer_id.get(..8) == product).collect()
}

/// The section under a subscription's auto-renewal editor.
#[component]
pub fn HighGrowth(
    customer: String,
    /// The subscription as last read or saved.
    current: RwSignal<Subscription>,
    /// Takes the subscription as a change here saved it (the page's editor starts from it).
    changed: Callback<Subscription>,
) -> impl IntoView {
    let on = Memo::new(move |_| current.with(|s| s.auto_renewal.enabled));
    let opted = Memo::new(move |_| current.with(|s| s.auto_renewal.renewal_code.clone()));
    view! {
        <section class="facts-section" aria-labelledby="growth-title">
            <h2 id="growth-title">{t::subscription::growth()}</h2>
            <p>{t::subscription::growth_what()}</p>
            {move || match (on.get(), opted.get()) {
                (false, _) => view! { <p class="notice" role="note">{t::subscription::growth_off()}</p> }.into_any(),
                (true, code) if !code.is_empty() => view! { <Opted customer=customer.clone() current changed code/> }.into_any(),
                (true, _) => view! { <Offers customer=customer.clone() current changed/> }.into_any(),
            }}
        </section>
    }
}

/// What the subscription renews as, and the way out.
#[component]
fn Opted(
    customer: String,
    current: RwSignal<Subscription>,
    changed: Callback<Subscription>,
    code: String,
) -> impl IntoView {
    let rt = runtime();
    let id = current.with_untracked(|s| s.subscription_id.clone());
    let form = FormState::new(Values::new(), |_| Vec::new(), None);
    let removal = use_submission(
        form,
        move |_| {
            // The quantity went up to the offer's minimum: out of it, every license the customer
            // holds renews (the toast says so, and the editor shows it).
            let auto_renewal = AutoRenewalRequest::from(RenewalChoice::AllLicenses);
            fetch(subscriptions::remove_renewal_code(&rt, &customer, &id, &SubscriptionUpdateRequest { auto_renewal }))
        },
        move |s: Subscription| {
            toast(t::subscription::growth_stopped(&s.subscription_id));
            changed.run(s);
        },
    );
    view! {
        <FormScope form=form>
            <p>{opted_text(&code)}</p>
            <form class="secondary-action" novalidate on:submit=move |ev| removal.submit(ev)>
                <SubmissionError submission=removal/>
                <BusyButton label=t::subscription::growth_stop() busy=removal.busy secondary=true/>
            </form>
        </FormScope>
    }
}

/// The offers for the subscription's product, read when asked for, each a way in.
#[component]
fn Offers(customer: String, current: RwSignal<Subscription>, changed: Callback<Subscription>) -> impl IntoView {
    let rt = runtime();
    let listed = RwSignal::new(None::<Vec<EligibleOffer>>);
    let failure = RwSignal::new(None::<Failure>);
    let reading = RwSignal::new(false);
    let (preview_rt, preview_customer) = (rt.clone(), customer.clone());
    let look = Callback::new(move |()| {
        if reading.get_untracked() {
            return;
        }
        reading.set(true);
        failure.set(None);
        let endpoint = orders::create(&preview_rt, &preview_customer, &OrderRequest::PreviewRenewal);
        crate::api::calls::spawn_for_view(async move {
            match fetch(endpoint).await {
                Ok(order) => {
                    listed.try_set(Some(current.with_untracked(|s| of_product(order.eligible_offers, s))));
                }
                Err(f) => {
                    failure.try_set(Some(f));
                }
            }
            reading.try_set(false);
        });
    });
    // The offer chosen, asked about before it is sent.
    let chosen = RwSignal::new(None::<EligibleOffer>);
    let asking = RwSignal::new(false);
    let form = FormState::new(Values::new(), |_| Vec::new(), None);
    let id = current.with_untracked(|s| s.subscription_id.clone());
    let send_customer = customer.clone();
    let submission = use_submission(
        form,
        move |_| {
            // Always one chosen (the question opens with it); else the setting as it is.
            let body = current.with_untracked(|s| match chosen.get_untracked() {
                Some(offer) => opt_in(s, &offer),
                None => SubscriptionUpdateRequest { auto_renewal: AutoRenewalRequest::from(s.renewal_choice()) },
            });
            fetch(subscriptions::update_auto_renewal(&rt, &send_customer, &id, &body))
        },
        move |s: Subscription| {
            toast(t::subscription::GrowthSaved { id: &s.subscription_id, code: &s.auto_renewal.renewal_code }.text());
            changed.run(s);
        },
    );
    let title = Signal::derive(move || {
        chosen.get().map(|o| t::subscription::growth_confirm_title(&o.renewal_code)).unwrap_or_default()
    });
    let body = Signal::derive(move || {
        let Some(offer) = chosen.get() else { return String::new() };
        current.with(|s| {
            let (day, count) = (day(&s.renewal_date), s.current_quantity.unwrap_or(0));
            t::subscription::GrowthConfirmBody { day, minimum: renewing(s).max(minimum(&offer)), count }.text()
        })
    });
    // Refused for want of a 3-Year Commit (5128), or of enough of one (5129): where to get it.
    let benefits = To::Benefits(&customer).href();
    let opt_in_failure = move || {
        submission.failure.get().map(|f| {
            let why = match f.error.code() {
                Some("5128") => Some(t::subscription::growth_needs_3yc()),
                Some("5129") => Some(t::subscription::growth_needs_more()),
                _ => None,
            };
            let what_to_do = why.map(|why| {
                view! { <p class="todo">{why}" " <A href=benefits.clone()>{t::hub::benefits()}</A></p> }.into_any()
            });
            view! { <ErrorPanel failure=f what_to_do/> }
        })
    };
    let buyer = customer.clone();
    let offer_list = move |offers: Vec<EligibleOffer>| {
        if offers.is_empty() {
            return view! { <p class="notice" role="note">{t::subscription::growth_none()}</p> }.into_any();
        }
        let items = offers.into_iter().map(|offer| {
            let needs_3yc = offer.eligibility_criteria.additional_criteria.iter().any(|c| c == "THREE_YEAR_COMMIT");
            let what = t::subscription::GrowthOffer { code: &offer.renewal_code, minimum: minimum(&offer) }.text();
            let label = t::subscription::growth_use(&offer.renewal_code);
            // Placing an order names no deployment: a deployment's subscription is bought for
            // elsewhere.
            let buy = offer.eligibility_criteria.deployment_id.is_empty().then(|| {
                let lines = [(offer.offer_id.as_str(), minimum(&offer))];
                let order = To::NewOrder { customer: &buyer, lines: &lines }.href();
                let text = t::subscription::growth_buy(&offer.renewal_code);
                view! { " " <A href=order>{text}</A> }
            });
            view! {
                <li>
                    <span>{what}{needs_3yc.then(|| format!(" · {}", t::subscription::growth_3yc()))}</span>" "
                    <button type="button" disabled=move || submission.busy.get() on:click=move |_| {
                        chosen.set(Some(offer.clone()));
                        asking.set(true);
                    }>{label}</button>
                    {buy}
                </li>
            }
        });
        view! {
            <p>{t::subscription::growth_buy_now()}</p>
            <ul class="choices" aria-label=t::subscription::growth_offers()>{items.collect_view()}</ul>
        }
        .into_any()
    };
    view! {
        <FormScope form=form>
            {move || match listed.get() {
                None => view! {
                    <BusyButton label=t::subscription::growth_see() busy=reading secondary=true
                        on_click=look/>
                }.into_any(),
                Some(offers) => offer_list(offers),
            }}
            {move || failure.get().map(|f| view! { <ErrorPanel failure=f/> })}
            {opt_in_failure}
            <ConfirmDialog open=asking title body confirm_label=t::subscription::growth_confirm()
                on_confirm=Callback::new(move |_| submission.send())/>
        </FormScope>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use partner_model::types::EligibilityCriteria;

    fn offer(code: &str, min: Option<u64>) -> EligibleOffer {
        EligibleOffer {
            offer_id: "65304479CA14X12".into(),
            renewal_code: code.into(),
            eligibility_criteria: EligibilityCriteria { min_quantity: min, ..Default::default() },
        }
    }

    #[test]
    fn opting_in_renews_at_least_the_offers_minimum() {
        let mut s =
            Subscription { offer_id: "65304479CA01A12".into(), current_quantity: Some(10), ..Default::default() };
        let asked = opt_in(&s, &offer("MOQ_100", Some(100))).auto_renewal;
        assert_eq!(
            (asked.enabled, asked.renewal_quantity, asked.renewal_code.as_str()),
            (Some(true), Some(100), "MOQ_100")
        );
        s.auto_renewal.renewal_quantity = Some(130);
        assert_eq!(opt_in(&s, &offer("MOQ_100", Some(100))).auto_renewal.renewal_quantity, Some(130), "more is kept");
        assert_eq!(minimum(&offer("MOQ_250", None)), 250, "the code's number without criteria");
        assert_eq!(minimum(&offer("SOMETHING", None)), 0);
    }

    #[test]
    fn only_the_subscriptions_product_is_offered() {
        let s = Subscription { offer_id: "65304479CA01A12".into(), ..Default::default() };
        let mut other = offer("MOQ_100", Some(100));
        other.offer_id = "65322651CA14X12".into();
        let kept = of_product(vec![offer("MOQ_100", Some(100)), other], &s);
        assert_eq!(kept.iter().map(|o| o.offer_id.as_str()).collect::<Vec<_>>(), ["65304479CA14X12"]);
        assert!(of_product(vec![offer("MOQ_100", None)], &Subscription::default()).is_empty(), "no id, no product");
    }
}
