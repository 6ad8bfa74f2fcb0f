//! The renewal preview: a PREVIEW_RENEWAL order without lines, which the API answers with what
//! would renew from the subscriptions' auto-renewal settings and at which offer ids. When
//! nothing would renew (2136) the page says so and leads to the subscriptions. Below it,
//! renewing by hand ([`super::renew`]).

use super::place::offer_change;
use super::renew::ManualRenewal;
use crate::api::calls::{orders, subscriptions};
use crate::api::error::Failure;
use crate::components::loading::Load;
use crate::components::table::{Cell, Column, DataTable};
use crate::format::money_of;
use crate::resources::subscriptions::subscription_cell;
use crate::resources::{fetch, runtime};
use crate::routes::{params, CustomerParams, To};
use leptos::prelude::*;
use leptos_router::components::A;
use partner_model::types::{LineItem, LinePricing, Order, OrderRequest, Status, Subscription, SubscriptionList};
use serde_json::Number;

/// The API's answer when no subscription has auto-renewal on.
const NOTHING_RENEWS: &str = "2136";

/// The preview (none when nothing would renew), the subscriptions it was made from, and the
/// customer's RENEWAL orders still being processed.
type Preview = (Option<Order>, Vec<Subscription>, Vec<Order>);

/// `/customers/:customer/renewal`.
#[component]
pub fn RenewalPreview() -> impl IntoView {
    let rt = runtime();
    let params = params::<CustomerParams>();
    let customer = Memo::new(move |_| params.read().customer.clone());
    let preview = LocalResource::new(move || {
        let c = customer.get();
        let (subs, renewal) = (subscriptions::list(&rt, &c), orders::create(&rt, &c, &OrderRequest::PreviewRenewal));
        let open = [("order-type", "RENEWAL".to_string()), ("status", "1002".to_string()), ("limit", "100".into())];
        let open = orders::history(&rt, &c, &open);
        async move {
            let SubscriptionList { items, .. } = fetch(subs).await?;
            let open = fetch(open).await?.items;
            match fetch(renewal).await {
                Ok(order) => Ok::<Preview, Failure>((Some(order), items, open)),
                Err(f) if f.error.code() == Some(NOTHING_RENEWS) => Ok((None, items, open)),
                Err(f) => Err(f),
            }
        }
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Renewal preview"</h1>
                <div class="actions">
                    <A href=move || To::Customer(&customer.get()).href() attr:class="button">"Customer"</A>
                    <A href=move || To::Subscriptions { customer: &customer.get() }.href() attr:class="button">"Subscriptions"</A>
                    <button type="button" on:click=move |_| preview.refetch()>"Preview again"</button>
                </div>
            </div>
            <p class="lede">"What the customer's next renewal order would hold, from each subscription's auto-renewal setting, at the offer ids the API would use. Nothing is ordered."</p>
            <Load resource=preview what="the renewal preview" render=move |(order, subs, open): Preview| {
                let c = customer.get_untracked();
                let by_hand = view! { <ManualRenewal subs=subs.clone() open customer=c.clone()/> };
                let auto = match order {
                    Some(o) => view! { <RenewalLines order=o subs customer=c/> }.into_any(),
                    None => view! {
                        <div class="notice warn" role="note">
                            <p><strong>"Nothing would renew."</strong> " Auto-renewal is off on every subscription of this customer, so the API has no renewal to preview (error 2136). Turn auto-renewal on for at least one license of a subscription."</p>
                            <p><A href=To::Subscriptions { customer: &c }.href()>"Open the subscriptions"</A></p>
                        </div>
                    }.into_any(),
                };
                view! { {auto} {by_hand} }.into_any()
            }/>
        </section>
    }
}

/// A line of the renewal preview, with what the subscription has now.
struct RenewalLine {
    customer: String,
    line: LineItem,
    now_offer: String,
    renews: &'static str,
    note: String,
}

static LINES: &[Column<RenewalLine>] = &[
    Column::new("Line", |r: &RenewalLine| Cell::Text(r.line.ext_line_item_number.to_string())).numeric(),
    Column::new("Subscription", |r| subscription_cell(&r.customer, &r.line.subscription_id)),
    Column::new("Offer now", |r| Cell::Product(r.now_offer.clone())),
    Column::new("Offer at renewal", |r| Cell::Product(r.line.offer_id.clone())),
    Column::new("Quantity", |r: &RenewalLine| Cell::Text(r.line.quantity.to_string())).numeric(),
    Column::new("Unit price a year", |r: &RenewalLine| r.price(|p| p.partner_price.as_ref())).numeric(),
    Column::new("Line total", |r: &RenewalLine| r.price(|p| p.line_item_partner_price.as_ref())).numeric(),
    Column::new("Renews", |r| Cell::Text(r.renews.to_string())),
    Column::new("Note", |r: &RenewalLine| Cell::Text(r.note.clone())).prose(),
];

impl RenewalLine {
    fn price(&self, of: impl Fn(&LinePricing) -> Option<&Number>) -> Cell {
        Cell::Text(money_of(self.line.pricing.as_ref().and_then(of), &self.line.currency_code))
    }
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
    Column::new("Product", |s: &Suggested| Cell::Product(s.offer_id.clone())),
    Column::new("Why", |s: &Suggested| Cell::Text(super::place::why(s.kind, &s.because))),
    Column::new("Order", |s: &Suggested| {
        let name = crate::catalog::catalog().name_untracked(&s.offer_id).unwrap_or_else(|| s.offer_id.clone());
        Cell::Action {
            href: To::NewOrder { customer: &s.customer, lines: &[(s.offer_id.as_str(), s.quantity)] }.href(),
            text: "Order it",
            label: format!("Order {name} for this customer"),
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
    let summary = format!("{} line(s); {renewing} unit(s) would renew.", order.line_items.len());
    let total = super::place::total_of(&order);
    let rows: Vec<RenewalLine> = order
        .line_items
        .into_iter()
        .map(|l| {
            let now_offer = subs
                .iter()
                .find(|s| s.subscription_id == l.subscription_id)
                .map(|s| s.offer_id.clone())
                .unwrap_or_default();
            let change = if now_offer.is_empty() { None } else { offer_change(&now_offer, &l.offer_id) };
            let (renews, note) = match l.status {
                Status::Inactive => ("No", "The product has expired: this line will not renew.".to_string()),
                _ => ("Yes", change.unwrap_or_else(|| "Same offer as now.".into())),
            };
            RenewalLine { customer: customer.clone(), line: l, now_offer, renews, note }
        })
        .collect();
    let suggested: Vec<Suggested> = order
        .recommendations
        .as_ref()
        .map(|r| {
            r.product_recommendations
                .all()
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
        <DataTable caption="Lines of the renewal order".to_string() show_caption=true columns=LINES rows empty=""/>
        {total.map(|t| view! { <p class="order-total">"Renewal total: " <strong>{t}</strong> " for a full year, before tax: an estimate at today's prices."</p> })}
        {(!suggested.is_empty()).then(|| view! {
            <DataTable caption="Suggested with the renewal".to_string() show_caption=true columns=SUGGESTED rows=suggested empty=""/>
        })}
    }
}
