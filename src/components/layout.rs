//! The frame around every page: a skip link, the header (console name, environment, health
//! badge, "go to" box) and the navigation to every area.

use super::goto::GoToBox;
use super::health_badge::HealthBadge;
use crate::areas::AREAS;
use crate::runtime::{href, use_runtime};
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

/// Moves keyboard focus straight to the page's content.
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = |ev: leptos::ev::MouseEvent| {
        // Handled here, not by the router: a `#main` href would resolve against <base>.
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("main").and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = main.focus();
        }
    };
    view! { <a class="skip-link" href="#main" on:click=skip>"Skip to content"</a> }
}

/// The console's header.
#[component]
pub fn Header() -> impl IntoView {
    let environment = use_runtime().map(|rt| rt.config.environment.clone()).unwrap_or_default();
    view! {
        <header class="top">
            <div class="brand">
                <A href=href("/")>"Partner console"</A>
                <span class="env" title="The environment this console talks to">{environment}</span>
            </div>
            <HealthBadge/>
            <GoToBox/>
        </header>
    }
}

/// Navigation to every area of [`AREAS`].
#[component]
pub fn Nav() -> impl IntoView {
    view! {
        <nav class="side" aria-label="Areas">
            <ul>
                {AREAS
                    .iter()
                    .map(|area| view! { <li><A href=href(area.path)>{area.label}</A></li> })
                    .collect_view()}
            </ul>
            <ul class="secondary">
                <li><A href=href("/activity")>"Your activity"</A></li>
            </ul>
        </nav>
    }
}
