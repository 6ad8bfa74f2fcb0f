//! An order's page: header, line items with their subscriptions and statuses, the status in
//! words; an open order (1002) is followed — with backoff and a visible progress note — until
//! it completes, fails or is cancelled. The external reference can be edited; whether the
//! order can be returned is said in words, with the way to return it when it can.
//!
//! What Adobe invoices for it (Get Order with `fetch-price=true`: the docs' "Pricing in Order
//! APIs") is its total and each line's days invoiced and price; Adobe gives them only for a
//! complete order, and not for one placed before it gave order prices, and the page says
//! which. A return's amounts are credits, shown below zero.

use super::switch::{SwitchLines, UndoSwitch};
use crate::api::calls::orders;
use crate::components::detail::{day, now, Facts};
use crate::components::form::{check_path, trimmed, BusyButton, FormScope, FormState, TextField, Values};
use crate::components::loading::{Load, Loaded};
use crate::components::names::CustomerLink;
use crate::components::status::StatusExplained;
use crate::components::submit::{use_submission, SubmissionError};
use crate::components::table::{Cell, Column, DataTable};
use crate::components::toast::toast;
use crate::i18n::t;
use crate::resources::subscriptions::subscription_cell;
use crate::resources::{fetch, load_record, runtime};
use crate::routes::CustomerRecordParams;
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::catalog::status::{status_label, ResourceKind};
use partner_model::rules::returns::{days_left, order_returnable};
use partner_model::rules::FieldError;
use partner_model::types::{LineItem, Order, OrderType, OrderUpdateRequest, Status};

/// `/customers/:customer/orders/:id`.
#[component]
pub fn OrderPage() -> impl IntoView {
    let (ids, order) = load_record(|rt, p: &CustomerRecordParams| orders::get(rt, &p.customer, &p.id));
    // An open order is read again and again while it is followed, each reading a new view of
    // it. Its reference form is drawn once per order, below that view, so what the reseller
    // is typing (and the focus) outlives the readings.
    let shown = Memo::new(move |_| order.latest().map(|o| o.order_id));
    view! {
        <section class="page">
            <Load resource=order what=t::load::order() settling=order_open render=move |o: Order| {
                let open = order_open(&o);
                let customer = ids.get_untracked().customer;
                view! { <OrderView order=o customer open/> }.into_any()
            }/>
            {move || shown.get().map(|order_id| {
                let value = untrack(|| order.latest()).map(|o| o.external_reference_id);
                let customer = ids.get_untracked().customer;
                view! { <ExternalReference order customer order_id value=value.unwrap_or_default()/> }
            })}
        </section>
    }
}

/// An open order (1002) is still being processed.
fn order_open(o: &Order) -> bool {
    o.status == Status::Pending
}

/// A line of the order, with what its cells need of the order.
struct Line {
    customer: String,
    line: LineItem,
    currency: String,
    /// A return's line: its amounts are credits.
    credit: bool,
}

static LINES: &[Column<Line>] = &[
    Column::text(t::column::line, |l: &Line| Cell::Text(l.line.ext_line_item_number.to_string())).numeric(),
    Column::text(t::column::offer, |l| Cell::Product(l.line.offer_id.clone())),
    Column::text(t::column::quantity, |l: &Line| Cell::Text(l.line.quantity.to_string())).numeric(),
    Column::text(t::column::subscription, |l| subscription_cell(&l.customer, &l.line.subscription_id)),
    Column::text(t::column::discount, |l: &Line| super::discount_cell(&l.line)),
    Column::text(t::column::days_invoiced, |l: &Line| {
        Cell::Text(l.line.prorated_days.map_or_else(|| "—".into(), |d| d.to_string()))
    })
    .numeric(),
    Column::text(t::column::line_total, |l: &Line| {
        let price = l.line.pricing.as_ref().and_then(|p| p.line_item_partner_price.as_ref());
        Cell::Text(super::signed_money(l.credit, price, &l.currency))
    })
    .numeric(),
    Column::text(t::column::status, |l| Cell::Status(ResourceKind::LineItem, l.line.status.as_str().to_string())),
];

/// What Adobe invoices for the order (or credits: a return, or an upgrade's undo that costs
/// less than it gives back), in words.
fn invoiced(o: &Order, open: bool) -> (&'static str, String) {
    let below_zero = o
        .pricing_summary
        .iter()
        .any(|s| s.total_line_item_partner_price.as_ref().and_then(|t| t.as_f64()).is_some_and(|t| t < 0.0));
    let label = if super::is_credit(o) || below_zero { t::order::credited() } else { t::order::invoiced() };
    let words = match super::total_of(o) {
        Some(total) => total,
        None if open => t::order::priced_when_complete().into(),
        // Returned whole (1008), failed: Adobe prices complete orders only.
        None if o.status != Status::Active => t::order::priced_only_complete().into(),
        None => t::order::not_priced().into(),
    };
    (label, words)
}

#[component]
fn OrderView(order: Order, customer: String, open: bool) -> impl IntoView {
    let o = order;
    let returnable = order_returnable(&o, now());
    let return_link = To::ReturnOrder { customer: &customer, id: &o.order_id }.href();
    let settled = (!open).then(|| status_label(ResourceKind::Order, o.status.as_str()));
    let total = o.total_quantity();
    let credit = super::is_credit(&o);
    let rows: Vec<Line> = o
        .line_items
        .iter()
        .map(|l| Line { customer: customer.clone(), line: l.clone(), currency: o.currency_code.clone(), credit })
        .collect();
    view! {
        <div class="page-head">
            <h1>{t::order::title(&o.order_id)}</h1>
            <div class="actions">
                <A href=To::Customer(&customer).href() attr:class="button">{t::order::customer()}</A>
                <A href=To::NewOrder { customer: &customer, lines: &[] }.href() attr:class="button">{t::order::place_another()}</A>
            </div>
        </div>
        <p class="lede"><StatusExplained kind=ResourceKind::Order code=o.status.as_str().to_string()/></p>
        {if open {
            view! { <p class="notice following" role="status"><span class="spinner" aria-hidden="true"></span>{t::order::open_note()}</p> }.into_any()
        } else {
            let label = settled.map(|l| crate::i18n::model(l.label)).unwrap_or(t::order::settled());
            view! { <p class="notice ok" role="status">{t::order::settled_note(label)}</p> }.into_any()
        }}
        <Facts title=t::order::facts() rows=vec![
            (t::order::order_id(), o.order_id.clone()),
            (t::order::r#type(), super::type_words(&o)),
            (t::order::created(), day(&o.creation_date)),
            (t::order::currency(), o.currency_code.clone()),
            (t::order::external_reference(), o.external_reference_id.clone()),
            (t::order::reference_order(), o.reference_order_id.clone()),
            (t::order::total_quantity(), total.to_string()),
            invoiced(&o, open),
        ] also=vec![(t::order::customer(), view! { <CustomerLink id=customer.clone()/> }.into_any())]/>
        <section class="facts-section">
            <h2>{t::order::line_items()}</h2>
            <DataTable caption=t::order::line_items().to_string() columns=LINES rows empty=""/>
        </section>
        {(!o.cancelling_items.is_empty()).then(|| view! {
            <section class="facts-section" aria-labelledby="switch-title">
                <h2 id="switch-title">{t::order::upgrade()}</h2>
                <SwitchLines order=o.clone() customer=customer.clone() caption=t::order::what_changes() placed=true/>
                {(o.order_type == Some(OrderType::Switch) && !open).then(|| view! { <UndoSwitch order=o.clone() customer=customer.clone()/> })}
            </section>
        })}
        <section class="facts-section" aria-labelledby="return-title">
            <h2 id="return-title">{t::order::r#return()}</h2>
            {match returnable {
                Ok(until) => {
                    let left = days_left(until, now());
                    view! {
                        <p>{t::order::ReturnableUntil { left, until: crate::components::detail::moment(until) }.text()}</p>
                        <A href=return_link attr:class="button">{t::order::return_lines()}</A>
                    }.into_any()
                }
                Err(why) => view! { <p class="notice" role="note">{t::order::not_returnable(super::not_returnable_words(&why))}</p> }.into_any(),
            }}
        </section>
    }
}

const REFERENCE: &str = "externalReferenceId";

fn check_reference(v: &Values) -> Vec<FieldError> {
    check_path(v, REFERENCE).into_iter().collect()
}

/// Edits the order's external reference id, the one field an order update may change. It
/// starts from `value`, and follows each new reading of `order` while the reseller has not
/// changed it (another user's change, or the saved one read back).
#[component]
fn ExternalReference(order: Loaded<Order>, customer: String, order_id: String, value: String) -> impl IntoView {
    let rt = runtime();
    let form = FormState::new(Values::from([(REFERENCE.to_string(), value)]), check_reference, None);
    Effect::new(move |_| {
        if let Some(read) = order.latest() {
            let fresh = read.external_reference_id;
            if untrack(|| !form.is_dirty() && form.get(REFERENCE) != fresh) {
                form.reset(Values::from([(REFERENCE.to_string(), fresh)]));
            }
        }
    });
    let submission = use_submission(
        form,
        move |v| {
            fetch(orders::update(
                &rt,
                &customer,
                &order_id,
                &OrderUpdateRequest { external_reference_id: trimmed(&v, REFERENCE) },
            ))
        },
        move |o: Order| {
            toast(t::order::ReferenceSaved { id: &o.order_id, reference: &o.external_reference_id }.text());
            order.refetch();
        },
    );
    view! {
        <FormScope form=form>
            <section class="facts-section" aria-labelledby="reference-title">
                <h2 id="reference-title">{t::order::external_reference()}</h2>
                <form novalidate class="inline" on:submit=move |ev| submission.submit(ev)>
                    <TextField path=REFERENCE label=t::order::reference_id() hint=t::order::reference_hint()/>
                    <SubmissionError submission/>
                    <BusyButton label=t::order::save_reference() busy=submission.busy/>
                </form>
            </section>
        </FormScope>
    }
}
