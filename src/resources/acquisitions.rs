//! Open acquisitions: the licenses a customer added (in the Admin Console) that the partner has
//! not ordered yet, with how long each stays open and "order these", which opens Place an order
//! with those lines; and the reseller's LICENSES_PENDING_PARTNER_ORDER notifications, each
//! leading to a customer's open acquisitions.

use crate::api::calls::{customers, notifications};
use crate::components::detail::{day, now};
use crate::components::loading::Load;
use crate::components::pager::{Paged, Pager};
use crate::components::query::use_query_state;
use crate::resources::customers::list::PerReseller;
use crate::resources::{fetch, runtime};
use crate::runtime::href;
use leptos::prelude::*;
use leptos_router::any_nested_route::{AnyNestedRoute, IntoAnyNestedRoute};
use leptos_router::components::{Route, A};
use leptos_router::hooks::use_params_map;
use leptos_router::path;
use partner_model::time::{self, time_left};
use partner_model::types::{Notifications, OpenAcquisitions, UnpaidLicense};

/// `/customers/:customer/open-acquisitions`, `/notifications?reseller=…`.
#[component(transparent)]
pub fn AcquisitionRoutes() -> AnyNestedRoute {
    view! {
        <Route path=path!("/customers/:customer/open-acquisitions") view={crate::split_page!(customers, open_acquisitions_page, OpenAcquisitionsPage)}/>
        <Route path=path!("/notifications") view={crate::split_page!(customers, pending_orders, PendingOrders)}/>
    }
    .into_inner()
    .into_any_nested_route()
}

/// The Place an order address prefilled with `licenses`, one line per base offer (quantities of
/// the same offer added up), in the order they first appear.
pub fn order_these(customer: &str, licenses: &[UnpaidLicense]) -> String {
    let mut lines: Vec<(&str, u64)> = Vec::new();
    for l in licenses.iter().filter(|l| !l.base_offer_id.is_empty() && l.quantity > 0) {
        match lines.iter_mut().find(|(o, _)| *o == l.base_offer_id) {
            Some((_, q)) => *q = q.saturating_add(l.quantity),
            None => lines.push((&l.base_offer_id, l.quantity)),
        }
    }
    let query: Vec<String> = lines.iter().map(|(o, q)| format!("line={}:{q}", crate::api::calls::encode(o))).collect();
    format!("/customers/{customer}/orders/new?{}", query.join("&"))
}

/// `/customers/:customer/open-acquisitions`.
#[component]
fn OpenAcquisitionsPage() -> impl IntoView {
    let rt = runtime();
    let params = use_params_map();
    let customer = Memo::new(move |_| params.read().get("customer").unwrap_or_default());
    let open = LocalResource::new(move || fetch(customers::open_acquisitions(&rt, &customer.get())));
    view! {
        <section class="page">
            <div class="page-head">
                <h1>"Licenses pending an order"</h1>
                <A href=move || href(&format!("/customers/{}", customer.get())) attr:class="button">"Customer"</A>
            </div>
            <p class="lede">"Licenses the customer added that no order has paid for yet. Each stays open until its expiry; order them before then."</p>
            <Load resource=open what="the open acquisitions" render=move |o: OpenAcquisitions| {
                view! { <Licenses open=o customer=customer.get_untracked()/> }.into_any()
            }/>
        </section>
    }
}

#[component]
fn Licenses(open: OpenAcquisitions, customer: String) -> impl IntoView {
    if open.unpaid_licenses.is_empty() {
        return view! { <p class="empty">"No licenses are waiting for an order."</p> }.into_any();
    }
    let at = now();
    let link = href(&order_these(&customer, &open.unpaid_licenses));
    let total: u64 = open.unpaid_licenses.iter().map(|l| l.quantity).fold(0, u64::saturating_add);
    let rows = open
        .unpaid_licenses
        .into_iter()
        .map(|l| {
            let left = time::parse(&l.expiry_date).map(|e| time_left(e, at)).unwrap_or_else(|| "unknown".into());
            let urgent = time::parse(&l.expiry_date).is_some_and(|e| e.saturating_sub(at) < time::DAY);
            view! {
                <tr class=if urgent { "urgent" } else { "" }>
                    <td><code>{l.reference_id}</code></td>
                    <td>{l.product_name}</td>
                    <td><code>{l.base_offer_id}</code></td>
                    <td class="num">{l.quantity.to_string()}</td>
                    <td>{day(&l.creation_date)}</td>
                    <td>{time::readable_text(&l.expiry_date)}</td>
                    <td>{if urgent { format!("{left} — order now") } else { left }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p role="status">{format!("{total} license(s) pending an order.")}</p>
        <table class="data">
            <caption>"Open acquisitions"</caption>
            <thead><tr>
                <th scope="col">"Reference"</th><th scope="col">"Product"</th><th scope="col">"Base offer"</th><th scope="col" class="num">"Quantity"</th>
                <th scope="col">"Created"</th><th scope="col">"Expires"</th><th scope="col">"Time left"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <p><A href=link attr:class="button primary">"Order these"</A> " Opens Place an order with these lines; the preview then gives the offer ids the customer gets."</p>
    }
    .into_any()
}

/// `/notifications?reseller=…`: which customers of the reseller have licenses pending an order.
#[component]
fn PendingOrders() -> impl IntoView {
    view! {
        <PerReseller title="Licenses pending an order" path="/notifications" action="Show notifications"
            lede="Adobe notifies a reseller when a customer adds licenses that still need an order. Choose the reseller."
            page=|id| view! { <Pending reseller=id/> }.into_any()/>
    }
}

#[component]
fn Pending(reseller: String) -> impl IntoView {
    let rt = runtime();
    let query = use_query_state();
    let limit = rt.config.page_size.clamp(1, 100);
    let r2 = reseller.clone();
    let page = LocalResource::new(move || {
        let offset = query.get("offset").parse().unwrap_or(0);
        fetch(notifications::licenses_pending(&rt, &r2, limit, offset))
    });
    view! {
        <div class="page-head">
            <h1>"Licenses pending an order"</h1>
            <A href=href(&format!("/resellers/{reseller}")) attr:class="button">"Reseller"</A>
        </div>
        <p class="lede">"Customers of reseller " <code>{reseller.clone()}</code> " with licenses they added that still need an order."</p>
        <Load resource=page what="the notifications" render=move |n: Notifications| {
            let info = n.info(n.limit);
            if n.items.is_empty() {
                return view! { <p class="empty">"No customer of this reseller has licenses pending an order."</p> }.into_any();
            }
            view! {
                <table class="data">
                    <caption>"Notifications"</caption>
                    <thead><tr><th scope="col">"Customer"</th><th scope="col">"Notification"</th><th scope="col">"Open acquisitions"</th></tr></thead>
                    <tbody>
                        {n.items.into_iter().map(|i| {
                            let hub = href(&format!("/customers/{}", i.customer_id));
                            let open = href(&format!("/customers/{}/open-acquisitions", i.customer_id));
                            let label = format!("Licenses pending an order for customer {}", i.customer_id);
                            view! {
                                <tr>
                                    <td><A href=hub>{i.customer_id.clone()}</A></td>
                                    <td>{i.notification_type}</td>
                                    <td><A href=open attr:aria-label=label>"See the licenses"</A></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <Pager info noun="customers"/>
            }.into_any()
        }/>
    }
}
