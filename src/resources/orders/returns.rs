//! Returning an order: whole lines of a complete NEW or RENEWAL order within 14 days. The lines
//! that can go are offered, those that cannot say why; after a confirmation a RETURN referencing
//! the order is sent with the chosen lines exactly as on the original, and its page follows it.

use crate::api::calls::orders;
use crate::catalog::ProductName;
use crate::components::confirm::ConfirmDialog;
use crate::components::detail::now;
use crate::components::form::{
    check_path, trimmed, BusyButton, CheckboxGroup, DraftNotice, FormScope, FormState, TextField, UnsavedGuard, Values,
};
use crate::components::loading::Load;
use crate::components::submit::{use_submission, SubmissionError};
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::{fetch, load_record, runtime};
use crate::routes::CustomerRecordParams;
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use partner_model::rules::returns::{line_returnable, order_returnable, return_request};
use partner_model::rules::validators::Invalid;
use partner_model::rules::FieldError;
use partner_model::types::{Order, OrderType};

const LINES: &str = "ui.lines";
const REFERENCE: &str = "externalReferenceId";

/// The line numbers chosen in the form.
fn chosen(v: &Values) -> Vec<u32> {
    trimmed(v, LINES).split(',').filter_map(|n| n.parse().ok()).collect()
}

fn check(v: &Values) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if chosen(v).is_empty() {
        errors.push(FieldError::new(LINES, Invalid::Explained(t::returns::choose_one().into())));
    }
    errors.extend(check_path(v, REFERENCE));
    errors
}

/// `/customers/:customer/orders/:id/return`.
#[component]
pub fn ReturnOrder() -> impl IntoView {
    let (ids, order) = load_record(|rt, p: &CustomerRecordParams| orders::get(rt, &p.customer, &p.id));
    view! {
        <section class="page">
            <Load resource=order what=t::load::order() render=move |o: Order| {
                let customer = ids.get_untracked().customer;
                view! { <ReturnForm order=o customer/> }.into_any()
            }/>
        </section>
    }
}

#[component]
fn ReturnForm(order: Order, customer: String) -> impl IntoView {
    let back = To::Order { customer: &customer, id: &order.order_id }.href();
    let head = view! {
        <div class="page-head">
            <h1>{t::returns::title(&order.order_id)}</h1>
            <A href=back.clone() attr:class="button">{t::returns::back()}</A>
        </div>
    };
    let until = match order_returnable(&order, now()) {
        Ok(until) => until,
        Err(why) => return view! { {head} <p class="notice warn" role="note">{t::order::not_returnable(super::not_returnable_words(&why))}</p> }.into_any(),
    };
    // Products by name once the catalog has them (read by the order's page before this one).
    let names = crate::catalog::catalog();
    names.ensure(&runtime());
    let product = |offer: &str| names.label_untracked(offer);
    let options: Vec<(String, String)> = order
        .line_items
        .iter()
        .filter(|l| line_returnable(l).is_ok())
        .map(|l| {
            (
                l.ext_line_item_number.to_string(),
                t::returns::Line {
                    number: l.ext_line_item_number,
                    product: product(&l.offer_id),
                    quantity: l.quantity,
                }
                .text(),
            )
        })
        .collect();
    let kept: Vec<(u32, String, &'static str)> = order
        .line_items
        .iter()
        .filter_map(|l| line_returnable(l).err().map(|why| (l.ext_line_item_number, l.offer_id.clone(), why)))
        .collect();
    let rt = runtime();
    // The chosen lines are kept as a draft, so a reload loses nothing.
    let form = FormState::new(Values::new(), check, Some(format!("return-{}", order.order_id)));
    let navigate = use_navigate();
    let original = StoredValue::new(order.clone());
    let c2 = customer.clone();
    let submission = use_submission(
        form,
        move |v| {
            let request = original.with_value(|o| return_request(o, &chosen(&v), trimmed(&v, REFERENCE)));
            fetch(orders::create(&rt, &c2, &request))
        },
        move |r: Order| {
            toast(
                t::returns::Placed { count: r.line_items.len(), id: &r.order_id, order: &r.reference_order_id }.text(),
            );
            navigate(&To::Order { customer: &customer, id: &r.order_id }.path(), Default::default());
        },
    );
    let ask = RwSignal::new(false);
    let lines_watch = form.watch(LINES);
    let title = Signal::derive(move || {
        let n = lines_watch.with(|v| v.split(',').filter(|s| !s.is_empty()).count());
        original.with_value(|o| t::returns::ConfirmTitle { count: n, id: &o.order_id }.text())
    });
    // A renewal's return takes back what the renewal gave: the next term's licenses when it was
    // early (the manual-renewals page), the licenses themselves when late.
    let renewal = order.order_type == Some(OrderType::Renewal);
    let body = Signal::derive(move || {
        if renewal { t::returns::confirm_body_renewal() } else { t::returns::confirm_body() }.to_string()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submission.ready() {
            ask.set(true);
        }
    };
    view! {
        <FormScope form=form>
            {head}
            <p class="lede">{t::returns::lede(crate::components::detail::moment(until))}</p>
            <DraftNotice/>
            <UnsavedGuard/>
            <form novalidate on:submit=submit>
                <CheckboxGroup path=LINES problems_at=LINES legend=t::returns::lines() options/>
                {(!kept.is_empty()).then(|| view! {
                    <h2>{t::returns::kept()}</h2>
                    <ul class="refused-lines">
                        {kept.into_iter().map(|(n, offer, why)| view! { <li><strong>{t::path::line(n)}</strong> " " <ProductName offer/> ": " {crate::i18n::model(why)}</li> }).collect_view()}
                    </ul>
                })}
                <TextField path=REFERENCE label=t::returns::reference() hint=t::returns::reference_hint()/>
                <SubmissionError submission/>
                <div class="actions">
                    <BusyButton label=t::returns::send() busy=submission.busy/>
                </div>
            </form>
            <ConfirmDialog open=ask title body confirm_label=t::returns::confirm() on_confirm=Callback::new(move |_| submission.send())/>
        </FormScope>
    }
    .into_any()
}
