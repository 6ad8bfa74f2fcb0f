//! The home page: what needs the reseller today, recently opened records, and where each area
//! is and what it is for.

use crate::areas::AREAS;
use crate::components::query::use_query_state;
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::components::A;

/// The console's start page: what needs the reseller today (a user's own reseller, or the one
/// `?reseller=` names), recently opened records, and the areas.
#[component]
pub fn Home() -> impl IntoView {
    let reseller = today_reseller();
    // Its code is the customers area's (a chunk of its own in the release build): a home
    // without a reseller downloads none of it.
    let today = crate::split_page!(customers, today_section, super::today::TodaySection);
    view! {
        <section class="page">
            <h1>"Partner console"</h1>
            <p class="lede">
                "Run your VIP Marketplace business: accounts, orders, returns, renewals, transfers, and your VMware distributor subscriptions. Open any record by its id, or a customer or reseller by its name, with the Go to box above."
            </p>
            {move || {
                if reseller.get().is_empty() {
                    view! { <TodayFor/> }.into_any()
                } else {
                    today()
                }
            }}
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
}

/// Whose day the home shows: the user's one reseller, or the one `?reseller=` names (empty:
/// none chosen).
pub fn today_reseller() -> Memo<String> {
    let query = use_query_state();
    Memo::new(move |_| {
        let chosen = query.get("reseller");
        match crate::session::own_resellers().as_deref() {
            Some([only]) if chosen.is_empty() => only.clone(),
            _ => chosen,
        }
    })
}

/// Without a reseller: which reseller's day to see (recently opened ones, one click each).
#[component]
fn TodayFor() -> impl IntoView {
    let resellers: Vec<_> = crate::recent::recent().into_iter().filter(|r| r.kind == "reseller").collect();
    view! {
        <section class="today" aria-labelledby="today-title">
            <h2 id="today-title">"Needs you today"</h2>
            {if resellers.is_empty() {
                view! { <p>"Open a reseller (from Resellers) to see here what its customers need: renewals due, open orders, 3-Year Commit requests, licenses to order."</p> }.into_any()
            } else {
                view! {
                    <p>"What needs a reseller today: renewals due, open orders, 3-Year Commit requests, licenses to order. For"</p>
                    <ul>
                        {resellers.into_iter().map(|r| view! {
                            <li><A href=format!("{}?reseller={}", To::Home.href(), crate::api::calls::encode(&r.id))>{r.name}</A> " " <span class="muted">{format!("Reseller {}", r.id)}</span></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
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
