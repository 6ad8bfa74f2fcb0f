//! The flexible discounts a customer can use, under the lines of "Place an order" and of
//! "Renew by hand" (`super::renew`): the open
//! discounts of its market segment and country that have started (`GET /v3/flex-discounts`),
//! and the reusable ones it has used (`GET /v3/customers/{id}/flex-discounts`), each with what
//! it takes off in the order's currency and the products it is for. t::discount::r#use()
//! puts its code on every line for one of those products that has no code yet; the preview
//! then shows the discounted price, and a code the API refuses is shown at its line.

use super::picker::segment_of;
use crate::api::calls::flex_discounts;
use crate::api::together::{together, Boxed};
use crate::catalog::catalog;
use crate::components::form::{rows, use_form, FormState};
use crate::components::pager::read_all;
use crate::components::table::{Cell, Column, DataTable};
use crate::components::toast::toast;
use crate::format::money;
use crate::i18n::t;
use crate::resources::{fetch, runtime};
use crate::runtime::Runtime;
use leptos::prelude::*;
use partner_model::types::{Customer, FlexDiscount, FLEX_DISCOUNTS_MAX_LIMIT};

/// A discount with the currency its amounts are shown in.
#[derive(Clone)]
struct Row {
    discount: FlexDiscount,
    currency: String,
}

/// What a discount takes off, in words.
pub fn effect_of(d: &FlexDiscount, currency: &str) -> String {
    match d.effect(currency) {
        Some((kind, value, _)) if kind == "PERCENTAGE_DISCOUNT" => t::discount::percent(value),
        Some((kind, value, Some(c))) if kind == "FIXED_DISCOUNT" => t::discount::fixed(money(value, &c)),
        Some((_, value, Some(c))) => t::discount::price(money(value, &c)),
        _ => t::discount::no_value(currency),
    }
}

/// The products a discount is for: "Every product" in words, or their names (the price
/// list's data), shown once the offer picker's price list has them (its ids until then).
fn products_of(d: &FlexDiscount) -> Cell {
    let c = catalog();
    if d.qualification.base_offer_ids.is_empty() {
        return Cell::Words(t::discount::every_product().into());
    }
    let ids = d.qualification.base_offer_ids.clone();
    let text = ids.iter().map(|id| c.label_untracked(id)).collect::<Vec<_>>().join(", ");
    let names = move || ids.iter().map(|id| c.name(id).unwrap_or_else(|| id.clone())).collect::<Vec<_>>().join(", ");
    Cell::View(view! { <span translate="no">{names}</span> }.into_any(), text)
}

/// Puts `code` on every line for a product it applies to that has no code yet; the lines'
/// numbers.
fn use_on_lines(form: FormState, d: &FlexDiscount) -> Vec<String> {
    let mut used = Vec::new();
    form.values.update(|v| {
        for i in 0..rows::count(v, "lineItems") {
            let offer = v.get(&format!("lineItems[{i}].offerId")).cloned().unwrap_or_default();
            let code = format!("lineItems[{i}].flexDiscountCodes[0]");
            if !offer.trim().is_empty()
                && d.applies_to(offer.trim())
                && v.get(&code).is_none_or(|c| c.trim().is_empty())
            {
                v.insert(code, d.code.clone());
                used.push(v.get(&format!("lineItems[{i}].extLineItemNumber")).cloned().unwrap_or_default());
            }
        }
    });
    used
}

static COLUMNS: &[Column<Row>] = &[
    Column::text(t::column::discount, |r: &Row| Cell::Text(r.discount.name.clone())).names_row(),
    Column::text(t::column::code, |r: &Row| Cell::Code(r.discount.code.clone())),
    Column::text(t::column::takes_off, |r: &Row| Cell::Words(effect_of(&r.discount, &r.currency))),
    Column::text(t::column::r#for, |r: &Row| products_of(&r.discount)),
    Column::text(t::column::usable_until, |r: &Row| {
        let d = &r.discount;
        Cell::Day(if d.discount_lock_end_date.is_empty() {
            d.end_date.clone()
        } else {
            d.discount_lock_end_date.clone()
        })
    }),
    Column::text(t::column::r#use, |r: &Row| {
        let d = r.discount.clone();
        let label = crate::components::table::action_name(t::discount::r#use(), &d.name);
        // The form of the `FormScope` around the table, found while rendering (a click has no
        // component around it).
        let form = use_form();
        let view = view! {
            <button type="button" class="link" aria-label=label on:click=move |_| {
                let lines = use_on_lines(form, &d);
                toast(match lines.len() {
                    0 => t::discount::no_line(&d.code),
                    _ => t::discount::OnLines { code: &d.code, count: lines.len(), lines: lines.join(", ") }.text(),
                });
            }>{t::discount::r#use()}</button>
        };
        Cell::View(view.into_any(), String::new())
    }),
];

/// The discounts the customer can use now: started open ones and its reusable ones, by code.
async fn usable(rt: &Runtime, customer: &Customer, now: &str) -> Result<Vec<FlexDiscount>, crate::api::error::Failure> {
    let country = customer.company_profile.address.country.clone();
    let segment = segment_of(customer);
    let limit = FLEX_DISCOUNTS_MAX_LIMIT;
    // The open discounts and the customer's own, read side by side.
    let open: Boxed<'_, _> = Box::pin(read_all(u64::from(limit), move |offset| {
        fetch(flex_discounts::open(rt, &segment, &country, limit, offset))
    }));
    let own: Boxed<'_, _> = Box::pin(read_all(u64::from(limit), |offset| {
        fetch(flex_discounts::of_customer(rt, &customer.customer_id, limit, offset))
    }));
    // The open ones first, then the customer's own; either failing fails the read.
    let both = together(vec![open, own]).await.into_iter().collect::<Result<Vec<_>, _>>()?;
    let mut out: Vec<FlexDiscount> = Vec::new();
    for d in both.into_iter().flatten() {
        // ACTIVE includes discounts that have not started (the docs): only live ones are usable.
        let started = d.start_date.as_str() <= now;
        if started && d.status != "EXPIRED" && !out.iter().any(|o| o.code == d.code) {
            out.push(d);
        }
    }
    Ok(out)
}

/// The discounts panel of a form with order lines: placing an order, renewing by hand.
#[component]
pub fn Discounts(customer: Signal<Option<Customer>>, currency: Signal<String>) -> impl IntoView {
    let rt = runtime();
    let found = RwSignal::new(None::<Result<Vec<FlexDiscount>, String>>);
    Effect::new(move |_| {
        let Some(customer) = customer.get() else { return };
        let rt = rt.clone();
        crate::api::calls::spawn_for_view(async move {
            let now = partner_model::time::datetime(crate::components::detail::now());
            let answer = usable(&rt, &customer, &now).await.map_err(|f| f.error.what_happened());
            found.try_set(Some(answer));
        });
    });
    view! {
        // Busy while its discounts are read: they arrive after the form and move what is below.
        <fieldset class="group discounts"
            aria-busy=move || (customer.with(Option::is_some) && found.with(Option::is_none)).then_some("true")>
            <legend>{t::discount::flexible()}</legend>
            {move || match found.get() {
                None => view! { <p class="muted">{t::discount::reading()}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="muted">{t::discount::unreadable(e)}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{t::discount::none()}</p> }.into_any(),
                Some(Ok(list)) => {
                    let cur = currency.get();
                    let rows: Vec<Row> = list.into_iter().map(|discount| Row { discount, currency: cur.clone() }).collect();
                    view! {
                        <DataTable caption=t::discount::caption().to_string() columns=COLUMNS rows empty=""/>
                    }.into_any()
                }
            }}
        </fieldset>
    }
}
