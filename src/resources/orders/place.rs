//! Placing an order. Step one is always a PREVIEW: the API answers with the offer ids the
//! customer gets (a better — or lower — discount level than entered), shown next to what was
//! entered. Step two places a NEW order from the previewed lines, under one intent, and opens
//! the order's page, which follows it. Refused lines (2129) say why, per line, in words.

use super::abroad::{deployment_of, Abroad, DeploymentChoice};
use super::discounts::Discounts;
use super::picker::OfferPicker;
use crate::api::calls::{customers, orders};
use crate::api::error::Failure;
use crate::components::error_panel::ErrorPanel;
use crate::components::form::{
    check_path, rows, trimmed as g, BusyButton, DraftNotice, FormScope, FormState, TextField, UnsavedGuard, Values,
};
use crate::components::query::use_query_state;
use crate::components::submit::{use_commit, use_preview, use_preview_submission, SubmissionError};
use crate::components::table::{Cell, Column, DataTable};
use crate::components::toast::toast;
use crate::format::money_of;
use crate::i18n::t;
use crate::resources::{fetch, runtime};
use crate::routes::{params, CustomerParams, To};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use partner_model::catalog::errors::{purchase_reason, reason_in_detail, PURCHASE_REASONS};
use partner_model::catalog::segments::{discount_level, offer_level};
use partner_model::rules::order_requests::check_order;
use partner_model::rules::validators::Invalid;
use partner_model::rules::FieldError;
use partner_model::types::{Customer, LineItem, LineItemRequest, LinePricing, Order, OrderRequest};
use serde_json::Number;

const LINES: &str = "lineItems";
/// The most lines an order may have.
pub const MAX_LINES: usize = 499;

fn lines_of(v: &Values) -> Vec<LineItemRequest> {
    (0..rows::count(v, LINES))
        .map(|i| LineItemRequest {
            ext_line_item_number: g(v, &format!("{LINES}[{i}].extLineItemNumber")).parse().unwrap_or(u32::MAX),
            offer_id: g(v, &format!("{LINES}[{i}].offerId")),
            quantity: g(v, &format!("{LINES}[{i}].quantity")).parse().unwrap_or(0),
            currency_code: String::new(),
            flex_discount_codes: super::codes_at(v, &format!("{LINES}[{i}].flexDiscountCodes[0]")),
            subscription_id: String::new(),
            deployment_id: deployment_of(v),
            // The preview answers a High Volume Discount customer's code, which placing the
            // order then sends (`LineItemRequest::again`).
            discount_code: String::new(),
        })
        .collect()
}

fn preview_request(v: &Values) -> OrderRequest {
    OrderRequest::Preview {
        external_reference_id: g(v, "externalReferenceId"),
        currency_code: g(v, "currencyCode"),
        line_items: lines_of(v),
    }
}

fn check(v: &Values) -> Vec<FieldError> {
    let mut errors = Vec::new();
    // Numbers are checked as typed first: "12a" is not a quantity.
    for i in 0..rows::count(v, LINES) {
        for field in ["extLineItemNumber", "quantity", "flexDiscountCodes[0]"] {
            errors.extend(check_path(v, &format!("{LINES}[{i}].{field}")));
        }
    }
    errors.extend(check_path(v, "currencyCode"));
    // Words typed in the picker but not chosen: not an offer id the API could know.
    for i in 0..rows::count(v, LINES) {
        let path = format!("{LINES}[{i}].offerId");
        let typed = g(v, &path);
        if super::picker::not_an_offer_id(&typed) {
            errors.push(FieldError::new(path, Invalid::Explained(t::place::choose_product().into())));
        }
    }
    for e in check_order(&preview_request(v)) {
        if !errors.iter().any(|x| x.path == e.path) {
            errors.push(e);
        }
    }
    errors
}

/// What changed between the offer entered and the offer the preview returned.
pub fn offer_change(entered: &str, returned: &str) -> Option<String> {
    if entered == returned || returned.is_empty() {
        return None;
    }
    match (offer_level(entered), offer_level(returned)) {
        (Some(a), Some(b)) if entered.get(..10) == returned.get(..10) && entered.get(12..) == returned.get(12..) => {
            let meaning = discount_level(b).map(|l| crate::i18n::model(l.meaning)).unwrap_or("");
            let changed = if b > a {
                t::place::LevelBetter { from: a, to: b }.text()
            } else {
                t::place::LevelLower { from: a, to: b }.text()
            };
            Some(format!("{changed} {meaning}"))
        }
        _ => Some(t::place::other_offer().into()),
    }
}

/// The refused lines of a 2129 answer, in words: `(line, meaning, what to do)`.
pub fn refused_lines(failure: &Failure) -> Vec<(String, String, String)> {
    failure
        .error
        .details()
        .iter()
        .filter_map(|d| {
            let line = d
                .split("Line Item:")
                .nth(1)
                .and_then(|rest| rest.split(',').next())
                .map(|n| t::path::line(n.trim()))
                .unwrap_or_else(|| t::place::a_line().into());
            // The LGA page's detail for levels 06 to 09 ordered for a customer that is not LGA.
            if d.contains("Not an LGA Customer") {
                return Some((line, t::place::lga_levels().into(), t::place::lga_levels_todo().into()));
            }
            let Some(reason) = reason_in_detail(d, PURCHASE_REASONS) else {
                // A reason the documents do not list: the line, with the API's own words.
                let words = d.split_once("Reason:").map(|(_, r)| r.trim()).filter(|r| !r.is_empty())?;
                return Some((line, words.to_string(), String::new()));
            };
            Some((
                line,
                crate::i18n::model(purchase_reason(reason.code).map(|r| r.meaning).unwrap_or(reason.meaning))
                    .to_string(),
                crate::i18n::model(reason.what_to_do).to_string(),
            ))
        })
        .collect()
}

/// The lines a 2129 answer refused, each with its reason in words and what to do.
#[component]
fn RefusedLines(failure: Failure) -> impl IntoView {
    let refused = refused_lines(&failure);
    (!refused.is_empty()).then(|| view! {
        <ul class="refused-lines" aria-label=t::place::refused_lines()>
            {refused.into_iter().map(|(line, meaning, todo)| view! { <li><strong>{line}</strong> ": " {meaning} " " {todo}</li> }).collect_view()}
        </ul>
    })
}

fn start_values(currency: &str, prefill: &[String]) -> Values {
    let mut v = Values::new();
    v.insert("currencyCode".into(), currency.into());
    // Lines given with a quantity (`line=OFFER:QUANTITY`), the quantity as written for the form's
    // check.
    let lines: Vec<(String, String)> =
        crate::routes::query_lines(prefill).into_iter().filter_map(|l| Some((l.offer, l.quantity?))).collect();
    let lines = if lines.is_empty() { vec![(String::new(), "1".to_string())] } else { lines };
    for (i, (offer, quantity)) in lines.iter().enumerate() {
        v.insert(format!("{LINES}[{i}].extLineItemNumber"), (i + 1).to_string());
        v.insert(format!("{LINES}[{i}].offerId"), offer.clone());
        v.insert(format!("{LINES}[{i}].quantity"), quantity.clone());
    }
    rows::set_count(&mut v, LINES, lines.len());
    v
}

/// Adds a line of `quantity` × `offer` numbered after the last; its line number.
fn add_line(form: FormState, offer: &str, quantity: u64) -> u32 {
    let mut number = 0;
    form.values.update(|v| {
        let n = rows::count(v, LINES);
        number = (0..n)
            .filter_map(|i| {
                v.get(&format!("{LINES}[{i}].extLineItemNumber")).and_then(|s| s.trim().parse::<u32>().ok())
            })
            .max()
            .unwrap_or(0)
            + 1;
        v.insert(format!("{LINES}[{n}].extLineItemNumber"), number.to_string());
        v.insert(format!("{LINES}[{n}].offerId"), offer.to_string());
        v.insert(format!("{LINES}[{n}].quantity"), quantity.to_string());
        rows::set_count(v, LINES, n + 1);
    });
    number
}

/// A recommendation of the preview, with the cart's quantity of what led to it.
pub struct Suggestion {
    kind: &'static str,
    offer_id: String,
    because: Vec<String>,
    quantity: u64,
}

static SUGGESTIONS: &[Column<Suggestion>] = &[
    Column::text(t::column::product, |s: &Suggestion| Cell::Product(s.offer_id.clone())),
    Column::text(t::column::why, |s: &Suggestion| Cell::Words(why(s.kind, &s.because))),
    Column::text(t::column::add, |s: &Suggestion| {
        let (offer, quantity) = (s.offer_id.clone(), s.quantity);
        let name = crate::catalog::catalog().name_untracked(&offer).unwrap_or(offer.clone());
        let label = crate::components::table::action_name(t::place::add(), &name);
        let form = crate::components::form::use_form();
        let view = view! {
            <button type="button" aria-label=label on:click=move |_| {
                let line = add_line(form, &offer, quantity);
                let product = crate::catalog::catalog().label_untracked(&offer);
                toast(t::place::Added { line, product, quantity }.text());
            }>{t::place::add()}</button>
        };
        Cell::View(view.into_any(), String::new())
    }),
];

/// Why a product is recommended, in words ("A higher plan than Photoshop for teams").
pub fn why(kind: &str, because: &[String]) -> String {
    let c = crate::catalog::catalog();
    let names: Vec<String> = because.iter().map(|id| c.name_untracked(id).unwrap_or_else(|| id.clone())).collect();
    let names = names.join(", ");
    match kind {
        "Upgrade" => t::place::higher_plan(names),
        "Add-on" => t::place::add_on_for(names),
        _ => t::place::goes_with(names),
    }
}

/// The preview's recommendations as rows: an upgrade is suggested for as many licenses as led
/// to it, anything else for one.
fn suggestions(order: &Order) -> Vec<Suggestion> {
    let Some(r) = order.recommendations.as_ref().and_then(|r| r.product_recommendations.as_ref()) else {
        return Vec::new();
    };
    r.all()
        .into_iter()
        .map(|(kind, rec)| {
            let held: u64 = order
                .line_items
                .iter()
                .filter(|l| rec.source.offer_ids.contains(&l.offer_id))
                .map(|l| l.quantity)
                .sum();
            Suggestion {
                kind,
                offer_id: rec.product.base_offer_id.clone(),
                because: rec.source.offer_ids.clone(),
                quantity: if kind == "Upgrade" { held.max(1) } else { 1 },
            }
        })
        .collect()
}

/// `/customers/:customer/orders/new` (`?line=OFFER:QUANTITY` prefills lines).
#[component]
pub fn PlaceOrder() -> impl IntoView {
    let rt = runtime();
    let customer = params::<CustomerParams>().read_untracked().customer.clone();
    let query = use_query_state();
    let start = start_values(&rt.config.default_currency, &query.get_all("line"));
    // The customer's segment and levels decide what the offer picker lists, and its name heads the page.
    let (rt1, c1) = (rt.clone(), customer.clone());
    // Read quietly (not a resource under the page's Suspense): without it the page still works.
    let record = RwSignal::new(None::<Customer>);
    // The heading's name, and the picker and discounts below it, wait for the record.
    let reading = RwSignal::new(true);
    let form = FormState::new(start, check, Some(format!("order-new-{customer}")));
    // A global customer's active deployments, which an order may be for (none for a customer
    // that is not global); whether they could not be read.
    let abroad = Abroad::new();
    crate::api::calls::spawn_for_view(async move {
        let Ok(c) = fetch(customers::get(&rt1, &c1)).await else {
            reading.try_set(false);
            return;
        };
        let global = c.global_sales_enabled == Some(true);
        record.try_set(Some(c));
        reading.try_set(false);
        if global {
            abroad.read(&rt1, &c1, form).await;
        }
    });
    let record: Signal<Option<Customer>> = record.into();
    let home = Signal::derive(move || {
        record.with(|c| c.as_ref().map(|c| c.company_profile.address.country.clone())).unwrap_or_default()
    });
    let preview = use_preview::<Order>(form);
    let (rt2, c2) = (rt.clone(), customer.clone());
    let submission = use_preview_submission(
        form,
        move |v| {
            let endpoint = orders::create(&rt2, &c2, &preview_request(&v));
            async move { fetch(endpoint).await.map(|o| (v, o)) }
        },
        move |answer: (Values, Order)| preview.set(Some(answer)),
    );
    let count = Memo::new(move |_| form.values.with(|v| rows::count(v, LINES)));
    // A memo: what follows the currency (the picker's prices, the discounts) changes with it,
    // not with every keystroke elsewhere in the form.
    let currency: Signal<String> = Memo::new(move |_| form.get("currencyCode").trim().to_ascii_uppercase()).into();
    let add_line = move |_| {
        add_line(form, "", 1);
    };
    let lines_error = Signal::derive(move || form.error(LINES, false));
    let back = To::Customer(&customer).href();
    let c3 = customer.clone();
    view! {
        <FormScope form=form>
            <section class="page">
                <div class="page-head">
                    <h1>{t::place::title()}</h1>
                    <A href=back attr:class="button">{t::place::customer()}</A>
                </div>
                <p class="lede" aria-busy=move || reading.get().then_some("true")>{t::place::for_customer()}" " {move || record.get().map(|c| view! { <span translate="no">{c.company_profile.company_name}</span>" " })} <code>{customer.clone()}</code></p>
                <p class="lede">{t::place::lede()}</p>
                <DraftNotice/>
                <UnsavedGuard/>
                <form novalidate on:submit=move |ev| submission.submit(ev)>
                    <fieldset class="group">
                        <legend>{t::place::order()}</legend>
                        <TextField path="currencyCode" hint=t::place::currency_hint()/>
                        <DeploymentChoice abroad home hint=t::place::deployment_hint() unread=t::place::deployments_unread()/>
                        <TextField path="externalReferenceId" label=t::place::reference() hint=t::place::reference_hint()/>
                    </fieldset>
                    <fieldset class="group lines">
                        <legend>{t::place::lines()}</legend>
                        <p class="field-error" aria-live="polite">{move || lines_error.get()}</p>
                        <For each=move || { let n = count.get(); (0..n).map(move |i| (i, n)) } key=|k| *k
                            children=move |(i, n)| view! {
                                <div class="row line">
                                    <h2 class="row-title">{t::path::line(i + 1)}</h2>
                                    <TextField path=format!("{LINES}[{i}].extLineItemNumber") label=t::place::line_number() kind="number"/>
                                    <OfferPicker path=format!("{LINES}[{i}].offerId") customer=record currency/>
                                    <TextField path=format!("{LINES}[{i}].quantity") label=t::place::quantity() kind="number"/>
                                    <TextField path=format!("{LINES}[{i}].flexDiscountCodes[0]") hint=t::place::discount_hint()/>
                                    {(n > 1).then(|| view! {
                                        <button type="button" class="link" on:click=move |_| rows::remove(&form, LINES, i)>{t::place::remove_line(i + 1)}</button>
                                    })}
                                </div>
                            }/>
                        <button type="button" on:click=add_line disabled={move || count.get() >= MAX_LINES}>{t::place::add_line()}</button>
                    </fieldset>
                    <Discounts customer=record currency/>
                    {move || submission.failure.get().map(|failure| view! { <RefusedLines failure/> })}
                    <SubmissionError submission/>
                    <div class="actions">
                        <BusyButton label=t::place::preview() busy=submission.busy/>
                    </div>
                </form>
                {move || preview.get().map(|(values, order)| view! { <PreviewResult values order customer=c3.clone()/> })}
            </section>
        </FormScope>
    }
}

/// A line of the preview, next to the offer the reseller entered.
pub struct PreviewLine {
    pub line: LineItem,
    pub typed: String,
    /// What the API changed about the offer, in words.
    pub change: Option<String>,
    /// The order's currency (the prices').
    pub currency: String,
}

impl PreviewLine {
    /// One of the line's prices, with its currency ("—" when the API sent none).
    fn price(&self, of: impl Fn(&LinePricing) -> Option<&Number>) -> Cell {
        Cell::Text(money_of(self.line.pricing.as_ref().and_then(of), &self.currency))
    }
}

static PREVIEW_LINES: &[Column<PreviewLine>] = &[
    Column::text(t::column::line, |l: &PreviewLine| Cell::Text(l.line.ext_line_item_number.to_string())).numeric(),
    Column::text(t::column::offer_entered, |l| Cell::Product(l.typed.clone())),
    Column::text(t::column::offer_the_customer_gets, |l| Cell::Product(l.line.offer_id.clone())),
    Column::text(t::column::quantity, |l: &PreviewLine| Cell::Text(l.line.quantity.to_string())).numeric(),
    Column::text(t::column::unit_price_a_year, |l: &PreviewLine| l.price(|p| p.partner_price.as_ref())).numeric(),
    Column::text(t::column::discount, |l: &PreviewLine| super::discount_cell(&l.line)),
    Column::text(t::column::discounted_unit_price, |l: &PreviewLine| l.price(|p| p.discounted_partner_price.as_ref()))
        .numeric(),
    Column::text(t::column::days_invoiced, |l: &PreviewLine| {
        Cell::Text(l.line.prorated_days.map_or_else(|| "—".into(), |d| d.to_string()))
    })
    .numeric(),
    Column::text(t::column::line_total, |l: &PreviewLine| l.price(|p| p.line_item_partner_price.as_ref())).numeric(),
    Column::text(t::column::note, |l: &PreviewLine| {
        Cell::Words(l.change.clone().unwrap_or_else(|| t::place::as_entered().into()))
    })
    .prose(),
];

/// The preview's answer and the button that places the order.
/// For a manual renewal (`renewal`), it places the RENEWAL order of the previewed lines.
#[component]
pub fn PreviewResult(
    values: Values,
    order: Order,
    customer: String,
    /// A manual renewal's preview rather than a new order's.
    #[prop(optional)]
    renewal: bool,
) -> impl IntoView {
    let rt = runtime();
    let entered = lines_of(&values);
    let currency_code =
        if order.currency_code.is_empty() { g(&values, "currencyCode") } else { order.currency_code.clone() };
    let external_reference_id = g(&values, "externalReferenceId");
    let request = if renewal {
        OrderRequest::Renewal {
            external_reference_id,
            currency_code,
            line_items: order.line_items.iter().map(LineItemRequest::renewing).collect(),
        }
    } else {
        OrderRequest::New {
            external_reference_id,
            currency_code,
            line_items: order.line_items.iter().map(LineItemRequest::again).collect(),
        }
    };
    let request = StoredValue::new(request);
    let navigate = use_navigate();
    let c2 = customer.clone();
    let commit = use_commit(
        crate::components::form::use_form(),
        move || {
            let endpoint = orders::create(&rt, &c2, &request.get_value());
            async move { fetch(endpoint).await }
        },
        move |o: Order| {
            toast(if renewal { t::place::renewal_placed(&o.order_id) } else { t::place::placed(&o.order_id) });
            navigate(&To::Order { customer: &customer, id: &o.order_id }.path(), Default::default());
        },
    );
    let (pending, failure) = (commit.pending, commit.failure);
    // A renewal's page lists its own suggestions, each leading to a new order.
    let suggested = if renewal { Vec::new() } else { suggestions(&order) };
    let (total_label, total_note) = if renewal {
        (t::place::renewal_total(), t::place::renewal_total_note())
    } else {
        (t::place::order_total(), t::place::order_total_note())
    };
    let rows: Vec<PreviewLine> = order
        .line_items
        .iter()
        .map(|l| {
            let typed = entered
                .iter()
                .find(|e| e.ext_line_item_number == l.ext_line_item_number)
                .map(|e| e.offer_id.clone())
                .unwrap_or_default();
            let change = offer_change(&typed, &l.offer_id);
            PreviewLine { line: l.clone(), typed, change, currency: order.currency_code.clone() }
        })
        .collect();
    view! {
        <section class="facts-section preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{t::place::preview_title()}</h2>
            {Some(deployment_of(&values)).filter(|d| !d.is_empty()).map(|d| view! {
                <p class="notice" role="note">{t::place::for_deployment(d)}</p>
            })}
            <DataTable caption=t::place::preview_lines().to_string() columns=PREVIEW_LINES rows empty=""
                row_class=|l: &PreviewLine| if l.change.is_some() { "changed" } else { "" }/>
            {super::total_of(&order).map(|total| view! {
                <p class="order-total">{total_label}" " <strong>{total}</strong> " — " {total_note}</p>
            })}
            <p>{t::place::sends_exactly()}</p>
            {(!suggested.is_empty()).then(|| view! {
                <h3>{t::place::suggested()}</h3>
                <DataTable caption=t::place::recommended().to_string() columns=SUGGESTIONS rows=suggested empty=""/>
            })}
            {move || failure.get().map(|f| view! { <RefusedLines failure=f.clone()/> <ErrorPanel failure=f/> })}
            <BusyButton label=if renewal { t::place::place_renewal() } else { t::place::place() } working=t::place::placing() busy=pending
                on_click=Callback::new(move |_| commit.send())/>
        </section>
    }
}
