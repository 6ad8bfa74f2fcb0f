//! The frame around every page: a skip link, the header (console name, environment, health
//! badge, "go to" box) and the navigation to every area.

use super::goto::GoToBox;
use super::health_badge::HealthBadge;
use crate::areas::AREAS;
use crate::i18n::t;
use crate::routes::To;
use crate::runtime::use_runtime;
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

/// Moves keyboard focus straight to the page's content.
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = |ev: leptos::ev::MouseEvent| {
        // Handled here, not by the router: a `#main` href would resolve against <base>.
        ev.prevent_default();
        if let Some(main) = document().get_element_by_id("main").and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = main.focus();
        }
    };
    view! { <a class="skip-link" href="#main" on:click=skip>{t::shell::skip()}</a> }
}

/// The console's header.
#[component]
pub fn Header() -> impl IntoView {
    let environment = use_runtime().map(|rt| rt.config.environment.clone()).unwrap_or_default();
    view! {
        <header class="top">
            <div class="brand">
                <A href=To::Home.href()>{t::shell::brand()}</A>
                <span class="env" title=t::shell::environment()>{environment}</span>
            </div>
            <HealthBadge/>
            <GoToBox/>
            <SignedInAs/>
        </header>
    }
}

/// Who is signed in, their role, and signing out.
#[component]
fn SignedInAs() -> impl IntoView {
    let signed_in = crate::session::use_signed_in()?;
    // Embedded, the portal owns the sign-in: signing out is done there.
    let embedded = crate::portal::parent().is_some();
    let app_base = use_runtime().map(|rt| rt.app_base).unwrap_or_else(|| "/".into());
    let me = signed_in.0.clone();
    let leaving = RwSignal::new(false);
    let sign_out = move |_| {
        if leaving.get_untracked() {
            return;
        }
        leaving.set(true);
        let app_base = app_base.clone();
        leptos::task::spawn_local(async move { crate::session::sign_out(&app_base).await });
    };
    Some(view! {
        <div class="who">
            <span class="who-name" title=me.email.clone()>{me.name.clone()}</span>
            <span class="who-role">{match me.role {
                partner_model::gateway::Role::Distributor => t::shell::distributor_staff(),
                partner_model::gateway::Role::Reseller { .. } => t::shell::reseller_user(),
            }}</span>
            <LanguageSwitch/>
            {(!embedded).then(|| view! {
                <button type="button" class="link" on:click=sign_out disabled=move || leaving.get()>
                    {move || if leaving.get() { t::shell::signing_out() } else { t::shell::sign_out() }}
                </button>
            })}
        </div>
    })
}

/// Navigation to every area of [`AREAS`]. On a narrow screen the list folds behind a "Menu"
/// button (the page's content then starts near the top) and folds again once an area opens.
#[component]
pub fn Nav() -> impl IntoView {
    let open = RwSignal::new(false);
    // Following a link folds the list again (the click bubbles up from the link).
    let followed = move |ev: leptos::ev::MouseEvent| {
        let on_link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.closest("a").ok().flatten().is_some());
        if on_link {
            open.set(false);
        }
    };
    view! {
        <nav class=move || if open.get() { "side open" } else { "side" } aria-label=t::shell::areas()>
            <button type="button" class="nav-toggle" aria-controls="areas" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>{t::shell::menu()}</button>
            <div id="areas" class="areas" on:click=followed>
            <ul>
                {AREAS
                    .iter()
                    .filter(|area| area.for_resellers || crate::session::is_distributor())
                    .map(|area| view! { <li><A href=area.to.href()>{(area.label)()}</A></li> })
                    .collect_view()}
            </ul>
            <ul class="secondary">
                <li><A href=To::Activity.href()>{t::shell::activity()}</A></li>
            </ul>
            </div>
        </nav>
    }
}

/// The language switch: the console's languages, each in its own name. A choice is kept for
/// this browser; the page is drawn again in it, keeping where the reseller is and what the
/// page's forms hold (their drafts).
#[component]
fn LanguageSwitch() -> impl IntoView {
    let runtime = use_runtime();
    let mut languages =
        runtime.as_ref().map(|rt| crate::i18n::offered(&rt.config.languages.offered, false)).unwrap_or_default();
    let app_base = runtime.map(|rt| rt.app_base).unwrap_or_else(|| "/".into());
    let current = crate::i18n::language();
    // The pseudo-language is listed only while it is shown (it is asked for by name).
    if !languages.contains(&current) {
        languages.push(current.clone());
    }
    let busy = RwSignal::new(false);
    let choose = move |ev: leptos::ev::Event| {
        let language = event_target_value(&ev);
        if busy.get_untracked() || language == crate::i18n::language() {
            return;
        }
        busy.set(true);
        let app_base = app_base.clone();
        leptos::task::spawn_local(async move {
            match crate::i18n::load(&app_base, &language).await {
                Ok(()) => {
                    crate::i18n::remember(&language);
                    crate::i18n::redraw();
                }
                Err(why) => {
                    busy.try_set(false);
                    crate::components::toast::toast(
                        t::shell::LanguageFailed { language: crate::i18n::endonym(&language), why }.text(),
                    );
                }
            }
        });
    };
    (languages.len() > 1).then(|| view! {
        <select class="language" aria-label=t::shell::language() on:change=choose disabled=move || busy.get()>
            {languages.into_iter().map(|l| {
                let selected = l == current;
                view! { <option value=l.clone() lang=l.clone() selected=selected>{crate::i18n::endonym(&l)}</option> }
            }).collect_view()}
        </select>
    })
}
