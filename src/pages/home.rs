//! The home page: where each area is and what it is for.

use crate::areas::AREAS;
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::components::A;

/// The console's start page; a user of one reseller lands on that reseller's customers.
#[component]
pub fn Home() -> impl IntoView {
    if let Some([only]) = crate::session::own_resellers().as_deref() {
        let options = leptos_router::NavigateOptions { replace: true, ..Default::default() };
        let path = To::Customers { reseller: only }.path();
        return view! { <leptos_router::components::Redirect path options/> }.into_any();
    }
    view! {
        <section class="page">
            <h1>"Partner console"</h1>
            <p class="lede">
                "Run your VIP Marketplace business: accounts, orders, returns, renewals, transfers, and your VMware distributor subscriptions. Open any record by its id with the Go to box above."
            </p>
            <RecentRecords/>
            <ul class="cards">
                {AREAS
                    .iter()
                    .filter(|area| area.for_resellers || crate::session::is_distributor())
                    .map(|area| {
                        view! {
                            <li class="card">
                                <h2><A href=area.to.href()>{area.label}</A></h2>
                                <p>{area.summary}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// Recently opened resellers and customers, one click away.
#[component]
fn RecentRecords() -> impl IntoView {
    let list = crate::recent::recent();
    (!list.is_empty()).then(|| {
        view! {
            <section class="recent">
                <h2>"Recently opened"</h2>
                <ul>
                    {list
                        .into_iter()
                        .map(|r| {
                            let (noun, to) = if r.kind == "reseller" { ("Reseller", To::Reseller(&r.id)) } else { ("Customer", To::Customer(&r.id)) };
                            let link = to.href();
                            view! {
                                <li>
                                    <A href=link>{r.name}</A>
                                    " " <span class="muted">{format!("{noun} {}", r.id)}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
