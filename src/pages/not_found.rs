//! The page for an address the console does not know.

use crate::i18n::t;
use crate::routes::To;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// Shown for any path no route matches.
#[component]
pub fn NotFound() -> impl IntoView {
    let location = use_location();
    view! {
        <section class="page">
            <h1>{t::not_found::title()}</h1>
            <p>{t::not_found::no_page()} " " <code>{move || location.pathname.get()}</code></p>
            <p>{t::not_found::check()}</p>
            <p><A href=To::Home.href()>{t::not_found::home()}</A></p>
        </section>
    }
}
