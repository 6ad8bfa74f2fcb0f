//! Placeholder pages for areas that are not built yet: each says what will be there, so every
//! deep link already leads somewhere meaningful.

use crate::areas::area_of;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The landing page of an area: its title and what it will hold.
#[component]
pub fn AreaHome(
    /// The area's path in [`crate::areas::AREAS`].
    path: &'static str,
) -> impl IntoView {
    let area = area_of(path);
    let label = area.map(|a| a.label).unwrap_or("This area");
    let coming = area.map(|a| a.coming).unwrap_or_default();
    view! {
        <section class="page">
            <h1>{label}</h1>
            <p class="lede">{area.map(|a| a.summary)}</p>
            <div class="notice" role="note">
                <h2>"Coming to this page"</h2>
                <p>{coming}</p>
            </div>
        </section>
    }
}

/// The page of one record of an area (a customer, an order…), by the id in the URL.
#[component]
pub fn RecordPage(
    /// The area's path in [`crate::areas::AREAS`].
    path: &'static str,
    /// What the record is, for the title ("Customer").
    noun: &'static str,
) -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let customer = move || params.read().get("customer");
    let area = area_of(path);
    view! {
        <section class="page">
            <h1>{noun} " " <span class="id">{id}</span></h1>
            {move || customer().map(|c| view! { <p class="lede">"Customer " <span class="id">{c}</span></p> })}
            <div class="notice" role="note">
                <h2>"Coming to this page"</h2>
                <p>{area.map(|a| a.coming)}</p>
            </div>
        </section>
    }
}
