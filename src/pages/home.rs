//! The home page: what needs the reseller today, recently opened records, and where each area
//! is and what it is for.

use crate::areas::AREAS;
use crate::components::query::use_query_state;
use crate::i18n::t;
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
            <h1>{t::shell::brand()}</h1>
            <p class="lede">{t::home::lede()}</p>
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
                                <h2><A href=area.to.href()>{(area.label)()}</A></h2>
                                <p>{(area.summary)()}</p>
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
            <h2 id="today-title">{t::today::title()}</h2>
            {if resellers.is_empty() {
                view! { <p>{t::home::choose()}</p> }.into_any()
            } else {
                view! {
                    <p>{t::home::choose_for()}</p>
                    <ul>
                        {resellers.into_iter().map(|r| view! {
                            <li><A href=format!("{}?reseller={}", To::Home.href(), crate::api::calls::encode(&r.id))>{r.name}</A> " " <span class="muted">{t::home::reseller_id(&r.id)}</span></li>
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
                <h2>{t::home::recent()}</h2>
                <ul>
                    {list
                        .into_iter()
                        .map(|r| {
                            let (said, to) = if r.kind == "reseller" { (t::home::reseller_id(&r.id), To::Reseller(&r.id)) } else { (t::home::customer_id(&r.id), To::Customer(&r.id)) };
                            let link = to.href();
                            view! {
                                <li>
                                    <A href=link attr:translate="no">{r.name}</A>
                                    " " <span class="muted">{said}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
