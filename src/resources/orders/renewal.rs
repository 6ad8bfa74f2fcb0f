//! The renewal preview: a PREVIEW_RENEWAL order without lines, which the API answers with what
//! would renew from the subscriptions' auto-renewal settings and at which offer ids. When
//! nothing would renew (2136) the page says so and leads to the subscriptions.

use super::place::offer_change;
use crate::api::calls::{orders, subscriptions};
use crate::api::error::Failure;
use crate::components::loading::Load;
use crate::resources::{fetch, runtime};
use crate::runtime::href;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use partner_model::types::{Order, OrderRequest, Status, Subscription, SubscriptionList};

/// The API's answer when no subscription has auto-renewal on.
const NOTHING_RENEWS: &str = "2136";

/// The preview (none when nothing would renew) with the subscriptions it was made from.
type Preview = (Option<Order>, Vec<Subscription>);

/// `/customers/:customer/renewal`.
#[component]
pub fn RenewalPreview() -> impl IntoView {
    let rt = runtime();
    let params = use_params_map();
    let customer = Memo::new(move |_| params.read().get("customer").unwrap_or_default());
    let preview = LocalResource::new(move || {
        let c = customer.get();
        let (subs, renewal) = (subscriptions::list(&rt, &c), orders::create(&rt, &c, &OrderRequest::PreviewRenewal));
        async move {
            let SubscriptionList { items, .. } = fetch(subs).await?;
            match fetch(renewal).await {
                Ok(order) => Ok::<Preview, Failure>((Some(order), items)),
                Err(f) if f.error.code() == Some(NOTHING_RENEWS) => Ok((None, items)),
                Err(f) => Err(f),
            }
        }
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Renewal preview"</h1>
                <div class="actions">
                    <A href=move || href(&format!("/customers/{}", customer.get())) attr:class="button">"Customer"</A>
                    <A href=move || href(&format!("/subscriptions?customer={}", customer.get())) attr:class="button">"Subscriptions"</A>
                    <button type="button" on:click=move |_| preview.refetch()>"Preview again"</button>
                </div>
            </div>
            <p class="lede">"What the customer's next renewal order would hold, from each subscription's auto-renewal setting, at the offer ids the API would use. Nothing is ordered."</p>
            <Load resource=preview what="the renewal preview" render=move |(order, subs): Preview| {
                let c = customer.get_untracked();
                match order {
                    Some(o) => view! { <RenewalLines order=o subs customer=c/> }.into_any(),
                    None => view! {
                        <div class="notice warn" role="note">
                            <p><strong>"Nothing would renew."</strong> " Auto-renewal is off on every subscription of this customer, so the API has no renewal to preview (error 2136). Turn auto-renewal on for at least one license of a subscription."</p>
                            <p><A href=href(&format!("/subscriptions?customer={c}"))>"Open the subscriptions"</A></p>
                        </div>
                    }.into_any(),
                }
            }/>
        </section>
    }
}

#[component]
fn RenewalLines(order: Order, subs: Vec<Subscription>, customer: String) -> impl IntoView {
    let renewing: u64 = order
        .line_items
        .iter()
        .filter(|l| l.status != Status::Inactive)
        .map(|l| l.quantity)
        .fold(0, u64::saturating_add);
    let summary = format!("{} line(s); {renewing} unit(s) would renew.", order.line_items.len());
    let rows = order
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
            let link = (!l.subscription_id.is_empty()).then(|| {
                let to = href(&format!("/customers/{customer}/subscriptions/{}", l.subscription_id));
                view! { <A href=to>{l.subscription_id.clone()}</A> }
            });
            view! {
                <tr>
                    <td class="num">{l.ext_line_item_number.to_string()}</td>
                    <td>{link}</td>
                    <td><code>{now_offer}</code></td>
                    <td><code>{l.offer_id}</code></td>
                    <td class="num">{l.quantity.to_string()}</td>
                    <td>{renews}</td>
                    <td>{note}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p role="status">{summary}</p>
        <table class="data">
            <caption>"Lines of the renewal order"</caption>
            <thead><tr>
                <th scope="col" class="num">"Line"</th><th scope="col">"Subscription"</th><th scope="col">"Offer now"</th>
                <th scope="col">"Offer at renewal"</th><th scope="col" class="num">"Quantity"</th><th scope="col">"Renews"</th><th scope="col">"Note"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
