//! Placing an order. Step one is always a PREVIEW: the API answers with the offer ids the
//! customer gets (a better — or lower — discount level than entered), shown next to what was
//! entered. Step two places a NEW order from the previewed lines, under one intent, and opens
//! the order's page, which follows it. Refused lines (2129) say why, per line, in words.

use crate::api::calls::orders;
use crate::api::error::Failure;
use crate::components::error_panel::ErrorPanel;
use crate::components::form::{
    check_path, rows, trimmed as g, BusyButton, DraftNotice, FormState, TextField, UnsavedGuard, Values,
};
use crate::components::query::use_query_state;
use crate::components::submit::{use_commit, use_preview, use_preview_submission, SubmissionError};
use crate::components::table::{Cell, Column, DataTable};
use crate::components::toast::toast;
use crate::resources::{fetch, runtime};
use crate::routes::{params, CustomerParams, To};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use partner_model::catalog::errors::{purchase_reason, reason_in_detail, PURCHASE_REASONS};
use partner_model::catalog::segments::{discount_level, offer_level};
use partner_model::rules::order_requests::check_order;
use partner_model::rules::FieldError;
use partner_model::types::{LineItem, LineItemRequest, Order, OrderRequest};

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
        for field in ["extLineItemNumber", "quantity"] {
            errors.extend(check_path(v, &format!("{LINES}[{i}].{field}")));
        }
    }
    errors.extend(check_path(v, "currencyCode"));
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
            let meaning = discount_level(b).map(|l| l.meaning).unwrap_or("");
            let direction = if b > a { "a better discount level" } else { "a lower discount level" };
            Some(format!("Changed from level {a} to {b}: the customer qualifies for {direction}. {meaning}"))
        }
        _ => Some("The API returned another offer for this line.".into()),
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
                .map(|n| format!("Line {}", n.trim()))
                .unwrap_or_else(|| "A line".into());
            // The LGA page's detail for levels 06 to 09 ordered for a customer that is not LGA.
            if d.contains("Not an LGA Customer") {
                let meaning = "Discount levels 06 to 09 are for Large Government Agency customers only.";
                return Some((
                    line,
                    meaning.into(),
                    "Preview the order: it returns the offer at the customer's own level.".into(),
                ));
            }
            let reason = reason_in_detail(d, PURCHASE_REASONS)?;
            Some((
                line,
                purchase_reason(reason.code).map(|r| r.meaning).unwrap_or(reason.meaning).to_string(),
                reason.what_to_do.to_string(),
            ))
        })
        .collect()
}

/// The lines a 2129 answer refused, each with its reason in words and what to do.
#[component]
fn RefusedLines(failure: Failure) -> impl IntoView {
    let refused = refused_lines(&failure);
    (!refused.is_empty()).then(|| view! {
        <ul class="refused-lines" aria-label="Refused lines">
            {refused.into_iter().map(|(line, meaning, todo)| view! { <li><strong>{line}</strong> ": " {meaning} " " {todo}</li> }).collect_view()}
        </ul>
    })
}

fn start_values(currency: &str, prefill: &[String]) -> Values {
    let mut v = Values::new();
    v.insert("currencyCode".into(), currency.into());
    let lines: Vec<(String, String)> =
        prefill.iter().filter_map(|l| l.split_once(':').map(|(o, q)| (o.to_string(), q.to_string()))).collect();
    let lines = if lines.is_empty() { vec![(String::new(), "1".to_string())] } else { lines };
    for (i, (offer, quantity)) in lines.iter().enumerate() {
        v.insert(format!("{LINES}[{i}].extLineItemNumber"), (i + 1).to_string());
        v.insert(format!("{LINES}[{i}].offerId"), offer.clone());
        v.insert(format!("{LINES}[{i}].quantity"), quantity.clone());
    }
    rows::set_count(&mut v, LINES, lines.len());
    v
}

/// `/customers/:customer/orders/new` (`?line=OFFER:QUANTITY` prefills lines).
#[component]
pub fn PlaceOrder() -> impl IntoView {
    let rt = runtime();
    let customer = params::<CustomerParams>().read_untracked().customer.clone();
    let query = use_query_state();
    let start = start_values(&rt.config.default_currency, &query.get_all("line"));
    let form = FormState::new(start, check, Some(format!("order-new-{customer}")));
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
    let add_line = move |_| {
        form.values.update(|v| {
            let n = rows::count(v, LINES);
            let next = (0..n)
                .filter_map(|i| {
                    v.get(&format!("{LINES}[{i}].extLineItemNumber")).and_then(|s| s.trim().parse::<u32>().ok())
                })
                .max()
                .unwrap_or(0)
                + 1;
            v.insert(format!("{LINES}[{n}].extLineItemNumber"), next.to_string());
            v.insert(format!("{LINES}[{n}].quantity"), "1".into());
            rows::set_count(v, LINES, n + 1);
        });
    };
    let lines_error = Signal::derive(move || form.error(LINES, false));
    let back = To::Customer(&customer).href();
    let c3 = customer.clone();
    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Place an order"</h1>
                <A href=back attr:class="button">"Customer"</A>
            </div>
            <p class="lede">"For customer " <code>{customer.clone()}</code> ". First preview the order: the API returns the offers the customer gets. Then place it."</p>
            <DraftNotice/>
            <UnsavedGuard/>
            <form novalidate on:submit=move |ev| submission.submit(ev)>
                <fieldset class="group">
                    <legend>"Order"</legend>
                    <TextField path="currencyCode" hint="Three letters, as in the price list (USD, EUR…)."/>
                    <TextField path="externalReferenceId" label="External reference id" hint="Your own reference, up to 35 characters."/>
                </fieldset>
                <fieldset class="group lines">
                    <legend>"Line items"</legend>
                    <p class="field-error" aria-live="polite">{move || lines_error.get()}</p>
                    <For each=move || { let n = count.get(); (0..n).map(move |i| (i, n)) } key=|k| *k
                        children=move |(i, n)| view! {
                            <div class="row line">
                                <h2 class="row-title">{format!("Line {}", i + 1)}</h2>
                                <TextField path=format!("{LINES}[{i}].extLineItemNumber") label="Line number" kind="number"/>
                                <TextField path=format!("{LINES}[{i}].offerId") label="Offer id" hint="As in the price list, e.g. 65322651CA01A12."/>
                                <TextField path=format!("{LINES}[{i}].quantity") label="Quantity" kind="number"/>
                                {(n > 1).then(|| view! {
                                    <button type="button" class="link" on:click=move |_| rows::remove(&form, LINES, i)>{format!("Remove line {}", i + 1)}</button>
                                })}
                            </div>
                        }/>
                    <button type="button" on:click=add_line disabled={move || count.get() >= MAX_LINES}>"Add a line"</button>
                </fieldset>
                {move || submission.failure.get().map(|failure| view! { <RefusedLines failure/> })}
                <SubmissionError submission/>
                <div class="actions">
                    <BusyButton label="Preview order" busy=submission.busy/>
                </div>
            </form>
            {move || preview.get().map(|(values, order)| view! { <PreviewResult values order customer=c3.clone()/> })}
        </section>
    }
}

/// A line of the preview, next to the offer the reseller entered.
struct PreviewLine {
    line: LineItem,
    typed: String,
    /// What the API changed about the offer, in words.
    change: Option<String>,
}

static PREVIEW_LINES: &[Column<PreviewLine>] = &[
    Column::new("Line", |l: &PreviewLine| Cell::Text(l.line.ext_line_item_number.to_string())).numeric(),
    Column::new("Offer entered", |l| Cell::Code(l.typed.clone())),
    Column::new("Offer the customer gets", |l| Cell::Product(l.line.offer_id.clone())),
    Column::new("Quantity", |l: &PreviewLine| Cell::Text(l.line.quantity.to_string())).numeric(),
    Column::new("Note", |l| Cell::Text(l.change.clone().unwrap_or_else(|| "As entered.".into()))),
];

/// The preview's answer and the button that places the order.
#[component]
fn PreviewResult(values: Values, order: Order, customer: String) -> impl IntoView {
    let rt = runtime();
    let entered = lines_of(&values);
    let request = OrderRequest::New {
        external_reference_id: g(&values, "externalReferenceId"),
        currency_code: if order.currency_code.is_empty() {
            g(&values, "currencyCode")
        } else {
            order.currency_code.clone()
        },
        line_items: order.line_items.iter().map(LineItemRequest::again).collect(),
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
            toast(format!("Order {} placed.", o.order_id));
            navigate(&To::Order { customer: &customer, id: &o.order_id }.path(), Default::default());
        },
    );
    let (pending, failure) = (commit.pending, commit.failure);
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
            PreviewLine { line: l.clone(), typed, change }
        })
        .collect();
    view! {
        <section class="facts-section preview" aria-labelledby="preview-title">
            <h2 id="preview-title">"Preview"</h2>
            <DataTable caption="Lines of the preview".to_string() columns=PREVIEW_LINES rows empty=""
                row_class=|l: &PreviewLine| if l.change.is_some() { "changed" } else { "" }/>
            <p>"Placing the order sends exactly these lines. Changing the form above drops this preview."</p>
            {move || failure.get().map(|f| view! { <RefusedLines failure=f.clone()/> <ErrorPanel failure=f/> })}
            <BusyButton label="Place order" working="Placing…" busy=pending on_click=Callback::new(move |_| commit.send())/>
        </section>
    }
}
