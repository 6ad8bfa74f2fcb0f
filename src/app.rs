//! The root of the console: load and check the runtime configuration, then run the shell
//! (router, layout and every area's routes) — or explain why it cannot start.

use crate::components::layout::{Header, Nav, SkipLink};
use crate::components::toast::{provide_toasts, ToastRegion};
use crate::pages::activity::ActivityPage;
use crate::pages::config_error::{ConfigErrorPage, ConfigProblem};
use crate::pages::home::Home;
use crate::pages::not_found::NotFound;
use crate::resources::price_list::PriceListPage;
use crate::routes::*;
use crate::runtime::{app_base_from_document, provide_runtime, Runtime};
use crate::session::Who;
use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::tachys::view::iterators::StaticVec;
use leptos_router::any_nested_route::AnyNestedRoute;
use leptos_router::components::{FlatRoutes, RouteChildren, Router};
use leptos_router::path;

/// Every route of the console, in one list: each route is erased on its own (`routes::route`),
/// so the router's matching code is one copy for the list, where a tuple of routes (what `view!`
/// makes of `<Route>`s) or of groups is a type of its own with its own copy. With each route's
/// path erased as well, the first load is 2.0 KB brotli less than with tuples of groups
/// (2026-12-07).
fn routes() -> StaticVec<AnyNestedRoute> {
    let mut all = vec![
        route(path!("/"), || Home().into_any()),
        route(path!("/activity"), crate::split_page!(partners, activity_page, ActivityPage)),
        route(path!("/price-list"), crate::split_page!(customers, price_list_page, PriceListPage)),
    ];
    for group in [
        reseller_routes(),
        customer_routes(),
        order_routes(),
        acquisition_routes(),
        subscription_routes(),
        transfer_routes(),
        membership_routes(),
        linked_membership_routes(),
        distributor_subscription_routes(),
    ] {
        all.extend(group);
    }
    StaticVec::from(all)
}

/// The console as mounted on the page.
#[component]
pub fn App() -> impl IntoView {
    let app_base = app_base_from_document();
    let loaded = LocalResource::new(move || {
        let app_base = app_base.clone();
        async move {
            let runtime = load_runtime(app_base.clone()).await?;
            // Embedded by an allowed portal: its token first (the gateway knows no one else here).
            if crate::portal::start(&runtime.config.allowed_parent_origins).is_some() {
                crate::portal::ask(std::time::Duration::from_secs(10)).await;
            }
            crate::i18n::start(&runtime.config, &app_base).await;
            let who = crate::session::who(&app_base).await;
            // The shell is drawn in a task of its own, not in the one that started the module.
            crate::api::transport::sleep(std::time::Duration::ZERO).await;
            Ok::<_, ConfigProblem>((who, runtime))
        }
    });
    view! {
        <Suspense fallback=|| view! { <p class="boot" role="status">{crate::i18n::t::shell::loading()}</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok((Who::User(me), runtime)) => {
                        if crate::portal::parent().is_some() {
                            crate::portal::keep_fresh(runtime.app_base.clone(), me.expires_at);
                        }
                        crate::session::provide_signed_in(me);
                        // A language switch draws the shell again.
                        (move || {
                            crate::i18n::track_redraws();
                            view! { <Shell runtime=runtime.clone()/> }
                        })
                        .into_any()
                    }
                    Ok((Who::SignIn, runtime)) if crate::portal::parent().is_some() => {
                        let problem = ConfigProblem {
                            url: format!("{}auth/me", runtime.app_base),
                            key: "(portal)".into(),
                            problem: "the portal that shows the console did not hand over a valid sign-in: reload the portal's page, and if this repeats ask whoever runs the portal.".into(),
                        };
                        view! { <ConfigErrorPage problem/> }.into_any()
                    }
                    Ok((Who::SignIn, runtime)) => {
                        crate::session::sign_in(&runtime.app_base);
                        view! { <p class="boot" role="status">{crate::i18n::t::shell::to_sign_in()}</p> }.into_any()
                    }
                    Ok((Who::Unknown(why), runtime)) => {
                        let problem = ConfigProblem { url: format!("{}auth/me", runtime.app_base), key: "(gateway)".into(), problem: format!("cannot say who is signed in: {why}.") };
                        view! { <ConfigErrorPage problem/> }.into_any()
                    }
                    Err(problem) => view! { <ConfigErrorPage problem/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// `config.json`'s text as index.html fetched it while the wasm downloaded (taken once), or
/// `None` when it did not, or could not.
async fn early_config() -> Option<String> {
    crate::api::transport::take_early_global("__partnerConfig").await?.as_string()
}

/// Checks `config.json` from the app's base: the text index.html fetched early, else fetched now.
async fn load_runtime(app_base: String) -> Result<Runtime, ConfigProblem> {
    let url = format!("{app_base}config.json");
    let problem = |key: &str, problem: String| ConfigProblem { url: url.clone(), key: key.into(), problem };
    let text = match early_config().await {
        Some(text) => text,
        None => {
            let response = Request::get(&url)
                .send()
                .await
                .map_err(|e| problem("(file)", format!("could not be fetched ({e}).")))?;
            if !response.ok() {
                return Err(problem(
                    "(file)",
                    format!("could not be loaded: the server answered HTTP {}.", response.status()),
                ));
            }
            response.text().await.map_err(|e| problem("(file)", format!("could not be read ({e}).")))?
        }
    };
    let config = partner_model::config::parse(&text).map_err(|e| problem(&e.key, e.problem))?;
    // The languages are the console's own (locales/): a deployer learns at once of one it lacks.
    crate::i18n::check_config(&config.languages).map_err(|(key, why)| problem(&key, why))?;
    Ok(Runtime::new(config, app_base))
}

/// Everything the reseller sees once the configuration is good: header, navigation and pages.
#[component]
pub fn Shell(
    /// The checked configuration and where the app is served.
    runtime: Runtime,
) -> impl IntoView {
    let base = runtime.router_base();
    provide_runtime(runtime);
    provide_toasts();
    // The formatters of dates and numbers, made once the shell is painted, while the page waits
    // for its data, each in a task of its own: the first of each costs milliseconds (the
    // language's data), which would otherwise land in the task that draws the page (9-10 ms of
    // the hub's and the order form's in a profiled Lighthouse run, four times that on its phone).
    leptos::task::spawn_local(async {
        crate::api::transport::after_paint().await;
        let _ = crate::components::detail::day("2000-01-01");
        crate::api::transport::sleep(std::time::Duration::ZERO).await;
        let _ = crate::i18n::number(0.5);
    });
    view! {
        <Router base>
            <SkipLink/>
            <Header/>
            <div class="frame">
                <Nav/>
                <main id="main" tabindex="-1">
                    // Flat: no route has children. `FlatRoutes` matches and draws without the
                    // nested router's outlets, 8.7 KB brotli less in the first load (2026-12-02).
                    <FlatRoutes fallback=NotFound children=RouteChildren::to_children(routes)/>
                </main>
            </div>
            <ToastRegion/>
        </Router>
    }
}
