//! The page for an address the console does not know.

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
            <h1>"Page not found"</h1>
            <p>"The console has no page at " <code>{move || location.pathname.get()}</code> "."</p>
            <p>"Check the address, use the navigation, or " <A href=To::Home.href()>"go to the home page"</A> "."</p>
        </section>
    }
}
