//! A subscription's page and its auto-renewal editor: off, on for all licenses, or on for a
//! set quantity (1 to 10,000 for Team products, 599,000 for Enterprise); read-only for an
//! inactive subscription; a warning when the renewal date is less than three days away.
//!
//! With auto-renewal on, the editor also sets the flexible discount the renewal is to have
//! (Update Subscription's `autoRenewal.flexDiscountCodes`: one code, in place of the
//! subscription's; left empty, the discount stays as it is). "Flexible discount codes are not
//! validated while updating a subscription": the renewal preview says whether the customer
//! qualifies. A subscription with a discount can have it removed
//! (`?reset-flex-discount-codes=true`, no body).

use super::renewal_text;
use crate::api::calls::subscriptions;
use crate::components::confirm::ConfirmDialog;
use crate::components::detail::{day, today, Facts};
use crate::components::form::{
    check_path, trimmed, BusyButton, DraftNotice, FormScope, FormState, RadioField, TextField, Values,
};
use crate::components::loading::Load;
use crate::components::status::StatusExplained;
use crate::components::submit::{use_submission, SubmissionError};
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::{fetch, load_record, runtime};
use crate::routes::CustomerRecordParams;
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::status::ResourceKind;
use partner_model::rules::order_requests::{check_auto_renewal, ENTERPRISE_MAX_QUANTITY};
use partner_model::rules::FieldError;
use partner_model::types::{AutoRenewalRequest, RenewalChoice, Status, Subscription, SubscriptionUpdateRequest};

const CHOICE: &str = "ui.renewal";
const QUANTITY: &str = "autoRenewal.renewalQuantity";
const CODE: &str = "autoRenewal.flexDiscountCodes[0]";

fn request(v: &Values) -> SubscriptionUpdateRequest {
    let q = v.get(QUANTITY).map(|s| s.trim().to_string()).unwrap_or_default();
    let choice = match v.get(CHOICE).map(String::as_str) {
        Some("off") => RenewalChoice::Off,
        Some("quantity") => RenewalChoice::Quantity(q.parse().unwrap_or(0)),
        _ => RenewalChoice::AllLicenses,
    };
    let mut auto_renewal = AutoRenewalRequest::from(choice);
    // A discount only with auto-renewal on: the field is not shown otherwise.
    let code = trimmed(v, CODE);
    if auto_renewal.enabled == Some(true) && !code.is_empty() {
        auto_renewal.flex_discount_codes = vec![code];
    }
    SubscriptionUpdateRequest { auto_renewal }
}

fn check(v: &Values) -> Vec<FieldError> {
    let choice = v.get(CHOICE).map(String::as_str);
    let mut errors: Vec<FieldError> =
        if choice == Some("off") { None } else { check_path(v, CODE) }.into_iter().collect();
    if choice != Some("quantity") {
        return errors;
    }
    if let Some(problem) = check_path(v, QUANTITY) {
        errors.push(problem);
    } else if trimmed(v, QUANTITY).is_empty() {
        errors.push(FieldError::new(QUANTITY, partner_model::rules::validators::Invalid::Missing));
    } else {
        errors.extend(check_auto_renewal(&request(v).auto_renewal, ENTERPRISE_MAX_QUANTITY));
    }
    errors
}

/// Whether `renewal` (`YYYY-MM-DD`) is less than three days after `today`.
pub fn renews_soon(renewal: &str, today: &str) -> bool {
    let soon = plus_days(today, 3);
    !renewal.is_empty() && renewal.get(..10).is_some_and(|r| r < soon.as_str())
}

/// `date` (`YYYY-MM-DD`) `days` later, by the model's calendar; empty when it is no date.
fn plus_days(date: &str, days: u64) -> String {
    partner_model::time::parse(date)
        .map(|ms| partner_model::time::date(ms + days * partner_model::time::DAY))
        .unwrap_or_default()
}

/// `/customers/:customer/subscriptions/:id`.
#[component]
pub fn SubscriptionPage() -> impl IntoView {
    let rt = runtime();
    let (ids, sub) = load_record(|rt, p: &CustomerRecordParams| subscriptions::get(rt, &p.customer, &p.id));
    view! {
        <section class="page">
            <Load resource=sub what=t::load::subscription() render=move |s: Subscription| {
                let customer = ids.get_untracked().customer;
                view! { <SubscriptionView sub=s customer rt=rt.clone()/> }.into_any()
            }/>
        </section>
    }
}

/// The editor's values for `sub` as saved: the choice as made ("on for all" comes back with
/// the current quantity as the renewal quantity, and reads as all licenses again), no code.
fn editing(sub: &Subscription) -> Values {
    let (choice, quantity) = match sub.renewal_choice() {
        RenewalChoice::Off => ("off", String::new()),
        RenewalChoice::AllLicenses => ("all", String::new()),
        RenewalChoice::Quantity(q) => ("quantity", q.to_string()),
    };
    [(CHOICE, choice.to_string()), (QUANTITY, quantity), (CODE, String::new())]
        .into_iter()
        .map(|(k, v)| (k.into(), v))
        .collect()
}

#[component]
fn SubscriptionView(sub: Subscription, customer: String, rt: crate::runtime::Runtime) -> impl IntoView {
    let current = RwSignal::new(sub.clone());
    let active = sub.status == Status::Active;
    // Only where the auto-renewal form is: an inactive subscription's date has no form to warn.
    let soon = active && renews_soon(&sub.renewal_date, &today());
    let start = editing(&sub);
    let id = sub.subscription_id.clone();
    // The choice is kept as a draft until it is saved, so a reload loses nothing.
    let form = FormState::new(start, check, Some(format!("subscription-{id}-renewal")));
    let (c2, id2) = (customer.clone(), id.clone());
    let submission = use_submission(
        form,
        move |v| fetch(subscriptions::update_auto_renewal(&rt, &c2, &id2, &request(&v))),
        move |s: Subscription| {
            toast(t::subscription::Saved { id: &s.subscription_id, state: renewal_text(&s) }.text());
            // The code sent is the subscription's now (its facts say so): the field is ready for
            // another, and nothing is left unsaved.
            let mut values = form.values.get_untracked();
            values.insert(CODE.into(), String::new());
            form.reset(values);
            current.set(s);
        },
    );
    let discounted = Memo::new(move |_| current.with(|s| !s.auto_renewal.flex_discount_codes.is_empty()));
    let watch = form.watch(CHOICE);
    // Turning auto-renewal off ends the customer's licenses at the renewal date: asked first.
    let asking = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !submission.ready() {
            return;
        }
        if form.get_untracked(CHOICE) == "off" && current.with_untracked(|s| s.auto_renewal.enabled) {
            asking.set(true);
        } else {
            submission.send();
        }
    };
    let title = Signal::derive(move || {
        let offer = current.read().offer_id.clone();
        t::subscription::off_title(crate::catalog::catalog().label(&offer))
    });
    let body = Signal::derive(move || {
        let s = current.read();
        match s.current_quantity {
            Some(count) => t::subscription::OffBodyCount { count, day: day(&s.renewal_date) }.text(),
            None => t::subscription::off_body(day(&s.renewal_date)),
        }
    });
    let catalog = crate::catalog::catalog();
    if let Some(rt) = crate::runtime::use_runtime() {
        catalog.ensure(&rt);
    }
    // A High Growth offer is renewing licenses in another way: for an active subscription of
    // licenses.
    let licenses = active && !crate::resources::customers::hub::is_consumables(&sub.offer_id);
    // A change made there is the editor's starting point: it shows the quantity that renews.
    let changed = Callback::new(move |s: Subscription| {
        form.reset(editing(&s));
        current.set(s);
    });
    let growth = licenses.then(|| view! { <super::growth::HighGrowth customer=customer.clone() current changed/> });
    let renewal_customer = customer.clone();
    view! {
        <FormScope form=form>
            <div class="page-head">
                <h1>{t::subscription::title()}" " <code class="id">{id.clone()}</code></h1>
                <div class="actions">
                    <A href=To::Subscriptions { customer: &customer }.href() attr:class="button">{t::subscription::all()}</A>
                    <A href=To::Renewal { customer: &customer, lines: &[] }.href() attr:class="button">{t::subscription::renewal_preview()}</A>
                    {(active && !crate::resources::customers::hub::is_consumables(&sub.offer_id)).then(|| view! {
                        <A href=To::Upgrade { customer: &customer, id: &id }.href() attr:class="button">{t::subscription::upgrade()}</A>
                    })}
                </div>
            </div>
            <p class="lede"><StatusExplained kind=ResourceKind::Subscription code=sub.status.as_str().to_string()/></p>
            // The API's `allowedActions`: a renewal by hand is open for it now (a lapsed one's
            // last chance, or an early renewal), on the renewal page.
            {move || current.with(Subscription::renews_by_hand).then(|| view! {
                <p class="notice" role="note">
                    {t::subscription::by_hand()} " "
                    <A href=To::Renewal { customer: &renewal_customer, lines: &[] }.href()>{t::subscription::renew_by_hand()}</A>
                </p>
            })}
            {move || {
                let s = current.get();
                // The product's name once the catalog has it (tracked), with the id.
                let offer = catalog.label(&s.offer_id);
                view! {
                    <Facts title=t::subscription::title() rows=vec![
                        (t::subscription::offer(), offer),
                        (t::subscription::current_quantity(), s.current_quantity.map(|q| q.to_string()).unwrap_or_default()),
                        (t::subscription::used_quantity(), s.used_quantity.map(|q| q.to_string()).unwrap_or_default()),
                        (t::subscription::renewed_early(), s.renewed_quantity.map(t::subscription::next_term).unwrap_or_default()),
                        (t::subscription::renewal_date(), day(&s.renewal_date)),
                        (t::subscription::auto_renewal(), renewal_text(&s)),
                        (t::subscription::renewal_discounts(), s.auto_renewal.flex_discount_codes.join(", ")),
                        (t::subscription::renewal_offer(), s.auto_renewal.renewal_code.clone()),
                        (t::subscription::created(), day(&s.creation_date)),
                        (t::subscription::currency(), s.currency_code.clone()),
                        (t::column::deployment(), s.deployment_id.clone()),
                    ]/>
                }
            }}
            <section class="facts-section" aria-labelledby="renewal-title">
                <h2 id="renewal-title">{t::subscription::auto_renewal()}</h2>
                {soon.then(|| view! {
                    <p class="notice warn" role="note">{t::subscription::too_late()}</p>
                })}
                {if active {
                    view! {
                        <form novalidate on:submit=save>
                            <DraftNotice/>
                            <RadioField path=CHOICE legend=t::subscription::at_renewal() options=vec![
                                ("off", t::subscription::off(), t::subscription::ends()),
                                ("all", t::subscription::on_all(), t::subscription::every_license()),
                                ("quantity", t::subscription::set_quantity(), t::subscription::exactly()),
                            ]/>
                            {move || (watch.get() == "quantity").then(|| view! {
                                <TextField path=QUANTITY kind="number" hint=t::subscription::quantity_hint()/>
                            })}
                            {move || (watch.get() != "off").then(|| view! {
                                <TextField path=CODE hint=t::subscription::discount_hint()/>
                            })}
                            <SubmissionError submission/>
                            <BusyButton label=t::subscription::save() busy=submission.busy/>
                        </form>
                        {move || discounted.get().then(|| {
                            let (customer, id) = (customer.clone(), id.clone());
                            view! { <RemoveRenewalDiscount customer id current/> }
                        })}
                        <ConfirmDialog open=asking title body confirm_label=t::subscription::turn_off()
                            on_confirm=Callback::new(move |_| submission.send())/>
                    }.into_any()
                } else {
                    view! { <p class="notice" role="note">{t::subscription::not_active()}</p> }.into_any()
                }}
            </section>
            {growth}
        </FormScope>
    }
}

/// Removes the flexible discount `current` carries into its renewal: a change of its own, with
/// nothing to fill in (a form of its own, apart from the auto-renewal editor's).
#[component]
fn RemoveRenewalDiscount(customer: String, id: String, current: RwSignal<Subscription>) -> impl IntoView {
    let rt = runtime();
    let form = FormState::new(Values::new(), |_| Vec::new(), None);
    let removal = use_submission(
        form,
        move |_| fetch(subscriptions::remove_renewal_discount(&rt, &customer, &id)),
        move |s: Subscription| {
            toast(t::subscription::discount_removed(&s.subscription_id));
            current.set(s);
        },
    );
    view! {
        <FormScope form=form>
            <form class="secondary-action" novalidate on:submit=move |ev| removal.submit(ev)>
                <SubmissionError submission=removal/>
                <BusyButton label=t::subscription::remove_discount() busy=removal.busy secondary=true/>
            </form>
        </FormScope>
    }
}

#[cfg(test)]
mod tests {
    use super::{check, renews_soon, request, Values, CHOICE, CODE, QUANTITY};

    fn values(choice: &str, quantity: &str, code: &str) -> Values {
        [(CHOICE, choice), (QUANTITY, quantity), (CODE, code)].into_iter().map(|(k, v)| (k.into(), v.into())).collect()
    }

    #[test]
    fn a_renewal_discount_is_sent_only_with_auto_renewal_on() {
        let on = request(&values("all", "", " ACROBAT_20_OFF "));
        assert_eq!(
            (on.auto_renewal.enabled, on.auto_renewal.flex_discount_codes),
            (Some(true), vec!["ACROBAT_20_OFF".into()])
        );
        let set = request(&values("quantity", "3", "ACROBAT_20_OFF"));
        assert_eq!(set.auto_renewal.flex_discount_codes, vec!["ACROBAT_20_OFF".to_string()]);
        assert!(request(&values("off", "", "ACROBAT_20_OFF")).auto_renewal.flex_discount_codes.is_empty());
        assert!(request(&values("all", "", "  ")).auto_renewal.flex_discount_codes.is_empty(), "none: kept as it is");
        let json = serde_json::to_value(request(&values("all", "", ""))).unwrap_or_default();
        assert!(json["autoRenewal"].get("flexDiscountCodes").is_none(), "{json}");
        // Always said, though the API keeps the state when it is not.
        let off = serde_json::to_value(request(&values("off", "", ""))).unwrap_or_default();
        assert_eq!(off["autoRenewal"]["enabled"], false, "{off}");
    }

    #[test]
    fn a_renewal_discount_is_checked_by_its_rule_unless_auto_renewal_is_off() {
        let paths = |v: &Values| check(v).into_iter().map(|e| e.path).collect::<Vec<_>>();
        assert_eq!(paths(&values("all", "", "<b>")), [CODE]);
        assert_eq!(paths(&values("quantity", "", "<b>")), [CODE, QUANTITY]);
        assert!(paths(&values("off", "", "<b>")).is_empty(), "not sent");
        assert!(paths(&values("all", "", "ACROBAT_20_OFF")).is_empty());
    }

    #[test]
    fn soon_is_before_three_days_from_today() {
        assert!(renews_soon("2026-12-31", "2026-12-29"), "over the year's end");
        assert!(renews_soon("2027-01-01T00:00:00Z", "2026-12-30"));
        assert!(!renews_soon("2027-01-02", "2026-12-30"), "three days away is not soon");
        assert!(!renews_soon("", "2026-12-30"));
    }
}
