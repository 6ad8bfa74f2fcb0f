//! The renewal preview: a PREVIEW_RENEWAL order without lines, which the API answers with what
//! would renew from the subscriptions' auto-renewal settings and at which offer ids. When
//! nothing would renew the page says why: auto-renewal off everywhere (2136), leading to the
//! subscriptions, or every license already renewed by hand (2164). Below it, adding a product
//! to the renewal ([`super::add_product`]) and renewing by hand ([`super::renew`]), whose rows
//! start from the lines the page's address gives (`?line=OFFER:QUANTITY`, a lead to renew's).

use super::add_product::AddToRenewal;
use super::place::offer_change;
use super::renew::ManualRenewal;
use crate::api::calls::{customers, orders, subscriptions};
use crate::api::error::Failure;
use crate::api::together::both;
use crate::catalog::ProductName;
use crate::components::loading::{Load, Loaded};
use crate::components::query::use_query_state;
use crate::components::table::{Cell, Column, DataTable};
use crate::format::money_of;
use crate::i18n::t;
use crate::resources::subscriptions::subscription_cell;
use crate::resources::{fetch, fetch_items, runtime};
use crate::routes::{params, CustomerParams, To};
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::types::{Customer, LineItem, LinePricing, Order, OrderRequest, Status, Subscription};
use serde_json::Number;

/// The API's answer when no subscription has auto-renewal on.
const AUTO_RENEWAL_OFF: &str = "2136";
/// The API's answer when every license auto-renewal would renew is renewed already.
const ALL_RENEWED: &str = "2164";

/// What auto-renewal would renew on the anniversary.
#[derive(Clone)]
enum Auto {
    /// The API's preview of the renewal order.
    Renews(Box<Order>),
    /// Nothing: auto-renewal is off on every subscription.
    Off,
    /// Nothing: early renewals have renewed it all.
    Renewed,
}

/// What auto-renewal would renew, the subscriptions it was made from, the customer's RENEWAL
/// orders still being processed, and the customer (its anniversary and segment, for adding a
/// product).
type Preview = (Auto, Vec<Subscription>, Vec<Order>, Customer);

/// `/customers/:customer/renewal`.
#[component]
pub fn RenewalPreview() -> impl IntoView {
    let rt = runtime();
    let params = params::<CustomerParams>();
    let customer = Memo::new(move |_| params.read().customer.clone());
    // Lines to renew by hand that the page was opened with (a lead to renew's): the page is
    // drawn again for others.
    let query = use_query_state();
    let asked = Memo::new(move |_| crate::routes::query_lines(&query.get_all("line")));
    // The customer and lines the manual renewal was last brought into view for: "Preview
    // again" draws the page again without moving the window.
    let shown_for = StoredValue::new(String::new());
    let preview = Loaded::new(move || {
        asked.track();
        let c = customer.get();
        let (subs, renewal) = (subscriptions::list(&rt, &c), orders::create(&rt, &c, &OrderRequest::PreviewRenewal));
        let open = orders::open(&rt, &c, "RENEWAL");
        let record = customers::get(&rt, &c);
        async move {
            // Four reads side by side: none needs another's answer.
            let ((items, open), (record, renewal)) =
                both(both(fetch_items(subs), fetch(open)), both(fetch(record), fetch(renewal))).await;
            let (items, open, record) = (items?, open?.items, record?);
            match renewal {
                Ok(order) => Ok::<Preview, Failure>((Auto::Renews(Box::new(order)), items, open, record)),
                Err(f) if f.error.code() == Some(AUTO_RENEWAL_OFF) => Ok((Auto::Off, items, open, record)),
                Err(f) if f.error.code() == Some(ALL_RENEWED) => Ok((Auto::Renewed, items, open, record)),
                Err(f) => Err(f),
            }
        }
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h1>{t::renewal::title()}</h1>
                <div class="actions">
                    <A href=move || To::Customer(&customer.get()).href() attr:class="button">{t::renewal::customer()}</A>
                    <A href=move || To::Subscriptions { customer: &customer.get() }.href() attr:class="button">{t::renewal::subscriptions()}</A>
                    <button type="button" on:click=move |_| preview.refetch()>{t::renewal::again()}</button>
                </div>
            </div>
            <p class="lede">{t::renewal::lede()}</p>
            <Load resource=preview what=t::load::renewal_preview() render=move |(order, subs, open, record): Preview| {
                let c = customer.get_untracked();
                let asked = asked.get_untracked();
                let by_hand = view! {
                    <ManualRenewal subs=subs.clone() open customer=c.clone() record=record.clone() asked shown_for/>
                };
                let add = view! { <AddToRenewal customer=record subs=subs.clone()/> };
                let auto = match order {
                    Auto::Renews(o) => view! { <RenewalLines order=*o subs customer=c/> }.into_any(),
                    Auto::Off => view! {
                        <div class="notice warn" role="note">
                            <p><strong>{t::renewal::nothing()}</strong> " " {t::renewal::nothing_why()}</p>
                            <p><A href=To::Subscriptions { customer: &c }.href()>{t::renewal::open_subscriptions()}</A></p>
                        </div>
                    }.into_any(),
                    Auto::Renewed => view! {
                        <div class="notice" role="note">
                            <p><strong>{t::renewal::nothing()}</strong> " " {t::renewal::all_renewed()}</p>
                        </div>
                    }.into_any(),
                };
                view! { {auto} {add} {by_hand} }.into_any()
            }/>
        </section>
    }
}

/// A line of the renewal preview, with what the subscription has now.
struct RenewalLine {
    customer: String,
    line: LineItem,
    now_offer: String,
    note: String,
}

/// The lines' columns. The offer now and at renewal share a column (the product's name once,
/// then the offer ids, "now → at renewal" when they differ), and whether a line renews is said
/// by its note ("will not renew"): with a column each, the table was 1,156 px wide, past the
/// page's 995 at a 1280-px window and its 1,050 at any wider one, and the note was cut off.
static LINES: &[Column<RenewalLine>] = &[
    Column::text(t::column::line, |r: &RenewalLine| Cell::Text(r.line.ext_line_item_number.to_string())).numeric(),
    Column::text(t::column::subscription, |r| subscription_cell(&r.customer, &r.line.subscription_id)),
    Column::text(t::column::offer_at_renewal, |r: &RenewalLine| offers_cell(&r.now_offer, &r.line.offer_id)),
    Column::text(t::column::quantity, |r: &RenewalLine| Cell::Text(r.line.quantity.to_string())).numeric(),
    // What the partner pays a unit: after the line's flexible discount, when it has one (its note
    // says so), so that the units times it make the line's total.
    Column::text(t::column::unit_price_a_year, |r: &RenewalLine| {
        r.price(|p| p.discounted_partner_price.as_ref().or(p.partner_price.as_ref()))
    })
    .numeric(),
    Column::text(t::column::line_total, |r: &RenewalLine| r.price(|p| p.line_item_partner_price.as_ref())).numeric(),
    Column::text(t::column::note, |r: &RenewalLine| Cell::Words(r.note.clone())).prose(),
];

impl RenewalLine {
    fn price(&self, of: impl Fn(&LinePricing) -> Option<&Number>) -> Cell {
        Cell::Text(money_of(self.line.pricing.as_ref().and_then(of), &self.line.currency_code))
    }
}

/// The product renewing, by name, and its offer id at renewal, after the one it has now when
/// they differ; the CSV's text is the ids ("now → at renewal").
fn offers_cell(now: &str, at: &str) -> Cell {
    let from = (!now.is_empty() && now != at).then(|| now.to_string());
    let text = from.as_ref().map_or_else(|| at.to_string(), |from| format!("{from} → {at}"));
    Cell::View(view! { <ProductName offer=at.to_string() from/> }.into_any(), text)
}

/// A product the API recommends with the renewal: ordered from "Place an order", prefilled.
struct Suggested {
    customer: String,
    kind: &'static str,
    offer_id: String,
    because: Vec<String>,
    quantity: u64,
}

static SUGGESTED: &[Column<Suggested>] = &[
    Column::text(t::column::product, |s: &Suggested| Cell::Product(s.offer_id.clone())),
    Column::text(t::column::why, |s: &Suggested| Cell::Words(super::place::why(s.kind, &s.because))),
    Column::text(t::column::order, |s: &Suggested| {
        let name = crate::catalog::catalog().name_untracked(&s.offer_id).unwrap_or_else(|| s.offer_id.clone());
        Cell::Action {
            href: To::NewOrder { customer: &s.customer, lines: &[(s.offer_id.as_str(), s.quantity)] }.href(),
            text: t::renewal::order_it(),
            about: name,
        }
    }),
];

#[component]
fn RenewalLines(order: Order, subs: Vec<Subscription>, customer: String) -> impl IntoView {
    let renewing: u64 = order
        .line_items
        .iter()
        .filter(|l| l.status != Status::Inactive)
        .map(|l| l.quantity)
        .fold(0, u64::saturating_add);
    let summary = t::renewal::Summary { lines: order.line_items.len(), units: renewing }.text();
    let total = super::total_of(&order);
    let rows: Vec<RenewalLine> = order
        .line_items
        .into_iter()
        .map(|l| {
            let sub = subs.iter().find(|s| s.subscription_id == l.subscription_id);
            let now_offer = sub.map(|s| s.offer_id.clone()).unwrap_or_default();
            let growth = sub.map(|s| s.auto_renewal.renewal_code.as_str()).filter(|c| !c.is_empty());
            let change = match growth {
                // Renewing as a High Growth offer is why its id and quantity differ.
                Some(code) => Some(crate::resources::subscriptions::growth::opted_text(code)),
                None if now_offer.is_empty() => None,
                None => offer_change(&now_offer, &l.offer_id),
            };
            let mut note = match l.status {
                Status::Inactive => t::renewal::expired().to_string(),
                _ => change.unwrap_or_else(|| t::renewal::same_offer().into()),
            };
            // The flexible discount the subscription carries into the renewal, as the preview
            // verified it for the customer.
            for discount in &l.flex_discounts {
                let verdict = if discount.result.eq_ignore_ascii_case("SUCCESS") {
                    t::renewal::discount_applies(&discount.code)
                } else {
                    t::renewal::discount_fails(&discount.code)
                };
                note = format!("{note} {verdict}");
            }
            RenewalLine { customer: customer.clone(), line: l, now_offer, note }
        })
        .collect();
    let suggested: Vec<Suggested> = order
        .recommendations
        .as_ref()
        .and_then(|r| r.product_recommendations.as_ref())
        .map(|r| {
            r.all()
                .into_iter()
                .map(|(kind, rec)| Suggested {
                    customer: customer.clone(),
                    kind,
                    offer_id: rec.product.base_offer_id.clone(),
                    because: rec.source.offer_ids.clone(),
                    quantity: 1,
                })
                .collect()
        })
        .unwrap_or_default();
    view! {
        <p role="status">{summary}</p>
        <DataTable caption=t::renewal::lines().to_string() show_caption=true columns=LINES rows empty=""/>
        {total.map(|t| view! { <p class="order-total">{t::place::renewal_total()}" " <strong>{t}</strong> " — " {t::renewal::total_note()}</p> })}
        {(!suggested.is_empty()).then(|| view! {
            <DataTable caption=t::renewal::suggested().to_string() show_caption=true columns=SUGGESTED rows=suggested empty=""/>
        })}
    }
}
