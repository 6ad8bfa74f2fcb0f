//! The shell in a real browser: navigation renders every area, unknown paths get the not-found
//! page, the "go to" box validates before it navigates, and the failure screens render.
//! Tests that click router links must not follow another test that mounted a Shell with the
//! same base (see tests/activity.rs).

#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use leptos::prelude::*;
use partner_console::areas::AREAS;
use partner_console::pages::config_error::{ConfigErrorPage, ConfigProblem};
use partner_console::Shell;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn navigation_renders_every_area_and_unknown_paths_are_not_found() {
    go_to_path("/");
    let root = mount_point();
    let _handle = leptos::mount::mount_to(root.clone(), || view! { <Shell runtime=runtime()/> });
    let nav = wait_for("navigation", || query(&root, "nav[aria-label='Areas']")).await;
    for area in AREAS {
        let label = (area.label)();
        let link = by_text(&nav, "a", label).unwrap_or_else(|| panic!("nav link {label}"));
        click(&link);
        wait_for(label, || by_text(&root, "main h1", label)).await;
        assert_eq!(link.get_attribute("aria-current").as_deref(), Some("page"), "{label} is marked current");
        let path = web_sys::window().expect("window").location().pathname().expect("path");
        assert_eq!(path, area.path());
    }
    go_to_path("/no/such/page");
    wait_for("not found", || by_text(&root, "main h1", "Page not found")).await;
    go_to_path("/customers/1005-0001/orders/5120008001");
    wait_for("order deep link", || order_page(&root)).await;
    go_to_path("/");
}

#[wasm_bindgen_test]
async fn go_to_refuses_a_bad_id_next_to_the_field_then_opens_a_good_one() {
    go_to_path("/");
    let root = mount_point();
    let _handle = leptos::mount::mount_to(root.clone(), || view! { <Shell runtime=runtime()/> });
    let input = wait_for("go-to id", || query(&root, "#goto-id")).await;
    let open = by_text(&root, "button", "Open").expect("Open button");

    type_into(&input, "12/");
    click(&open);
    let error = wait_for("error", || query(&root, "#goto-error").filter(|e| !text(e).is_empty())).await;
    assert!(text(&error).contains("“/” is not allowed"), "{}", text(&error));
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("goto-error"));
    assert_eq!(web_sys::window().expect("window").location().pathname().expect("path"), "/", "did not navigate");

    type_into(&input, " 1005-0001 ");
    click(&open);
    // The customer hub opens (its data cannot load here: no API behind this test page).
    wait_for("customer page", || {
        (web_sys::window()?.location().pathname().ok()? == "/customers/1005-0001").then_some(())
    })
    .await;
    wait_for("customer hub", || {
        by_text(&root, "main [role=status], main [role=alert] h2", "Loading the customer…")
            .or_else(|| by_text(&root, "main [role=alert] h2", "Get customer did not go through"))
    })
    .await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("false"));
    // A name (spaces, no digits) is not an id: the customers whose names contain it.
    type_into(&input, "cedar creek");
    click(&open);
    wait_for("customer search", || {
        let location = web_sys::window()?.location();
        (location.pathname().ok()? == "/customers" && location.search().ok()? == "?company-name=cedar%20creek")
            .then_some(())
    })
    .await;
    go_to_path("/");
}

#[wasm_bindgen_test]
async fn go_to_an_order_asks_for_its_customer_too() {
    go_to_path("/");
    let root = mount_point();
    let _handle = leptos::mount::mount_to(root.clone(), || view! { <Shell runtime=runtime()/> });
    let select = wait_for("kind", || query(&root, "#goto-kind")).await;
    let select: web_sys::HtmlSelectElement = wasm_bindgen::JsCast::dyn_into(select).expect("select");
    select.set_value("order");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).expect("event"))
        .expect("dispatch");
    let customer = wait_for("customer field", || query(&root, "#goto-customer")).await;
    let label = query(&root, "label[for='goto-id']").expect("id label");
    assert_eq!(text(&label), "Order id");

    type_into(&query(&root, "#goto-id").expect("id"), "5120008001");
    click(&by_text(&root, "button", "Open").expect("Open"));
    let error = wait_for("error", || query(&root, "#goto-error").filter(|e| !text(e).is_empty())).await;
    assert_eq!(text(&error), "Customer id: Required.");
    assert_eq!(customer.get_attribute("aria-invalid").as_deref(), Some("true"));

    type_into(&customer, "1005-0001");
    click(&by_text(&root, "button", "Open").expect("Open"));
    wait_for("order page", || order_page(&root)).await;
    assert_eq!(
        web_sys::window().expect("window").location().pathname().expect("path"),
        "/customers/1005-0001/orders/5120008001"
    );
    go_to_path("/");
}

#[wasm_bindgen_test]
fn config_error_page_names_file_key_and_problem() {
    let root = mount_point();
    let problem = ConfigProblem {
        url: "/config.json".into(),
        key: "pageSize".into(),
        problem: "must be a whole number from 1 to 100 (found 0)".into(),
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <ConfigErrorPage problem/> });
    let page = text(&root);
    assert!(page.contains("The console cannot start"));
    assert!(page.contains("/config.json"));
    assert!(page.contains("pageSize"));
    assert!(page.contains("found 0"));
    assert!(query(&root, "[role='alert']").is_some());
    assert!(by_text(&root, "button", "Reload").is_some());
}

#[wasm_bindgen_test]
fn the_panic_screen_offers_a_reload_that_keeps_the_query() {
    go_to_path("/resellers?status=1000&company-name=Fair%20mont");
    partner_console::panic::show_broken_screen();
    partner_console::panic::show_broken_screen();
    let doc = document();
    let panels = doc.query_selector_all("#broken").expect("selector");
    assert_eq!(panels.length(), 1, "shown once");
    let panel = doc.get_element_by_id("broken").expect("panel");
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alertdialog"));
    let form = panel.query_selector("form").expect("selector").expect("form");
    assert_eq!(form.get_attribute("action").as_deref(), Some("/resellers"));
    let hidden = panel.query_selector("input[name='company-name']").expect("selector").expect("hidden field");
    assert_eq!(hidden.get_attribute("value").as_deref(), Some("Fair mont"));
    let button = by_text(&panel, "button", "Reload the console").expect("button");
    assert_eq!(doc.active_element().as_ref(), Some(&button), "focus moves to the reload button");
    panel.remove();
    go_to_path("/");
}

#[wasm_bindgen_test]
async fn under_a_sub_path_every_link_stays_below_the_base() {
    go_to_path("/partner/console/");
    let root = mount_point();
    let config = runtime().config.as_ref().clone();
    let rt = partner_console::runtime::Runtime::new(config, "/partner/console/");
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <Shell runtime=rt/> });
    wait_for("home", || by_text(&root, "main h1", "Partner console")).await;
    let links = root.query_selector_all("a[href]").expect("selector");
    assert!(links.length() > 8);
    for i in 0..links.length() {
        let link: web_sys::Element = wasm_bindgen::JsCast::dyn_into(links.item(i).expect("link")).expect("element");
        let href = link.get_attribute("href").expect("href");
        if href == "#main" {
            continue;
        }
        assert!(href.starts_with("/partner/console/") || href == "/partner/console", "{} links to {href}", text(&link));
    }
    click(&by_text(&root, "nav a", "Customers").expect("Customers link"));
    wait_for("customers", || by_text(&root, "main h1", "Customers")).await;
    assert_eq!(web_sys::window().expect("window").location().pathname().expect("path"), "/partner/console/customers");
    go_to_path("/");
}

#[wasm_bindgen_test]
fn the_error_panel_says_what_happened_what_to_do_and_keeps_ids_for_support() {
    use partner_console::api::error::{ApiError, Failure};
    use partner_console::components::error_panel::ErrorPanel;
    let root = mount_point();
    let failure = Failure {
        error: ApiError::Api {
            status: 400,
            body: partner_model::error::ApiErrorBody {
                code: "1117".into(),
                message: "<b>Some fields</b> are invalid".into(),
                additional_details: vec!["companyProfile.companyName".into()],
            },
        },
        action: "Create customer".into(),
        request_id: "req-1".into(),
        correlation_id: "cor-1".into(),
    };
    let retried = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = retried.clone();
    let on_retry = Callback::new(move |_| flag.store(true, std::sync::atomic::Ordering::SeqCst));
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <ErrorPanel failure on_retry/> });
    let page = text(&root);
    assert!(page.contains("Create customer did not go through"), "{page}");
    assert!(page.contains("<b>Some fields</b> are invalid (error 1117)."), "API text is shown as text: {page}");
    assert!(query(&root, "b").is_none(), "and never parsed as HTML");
    let named = partner_console::components::form::label_of("companyProfile.companyName", "?");
    assert!(page.contains(named) && !page.contains("companyProfile"), "the field in words: {page}");
    assert!(page.contains("req-1") && page.contains("cor-1"));
    assert!(by_text(&root, "button", "Try again").is_none(), "a 1117 is not fixed by retrying");
    assert!(!retried.load(std::sync::atomic::Ordering::SeqCst));
}

#[wasm_bindgen_test]
async fn a_read_is_aborted_when_the_view_that_waits_for_it_goes_away() {
    use partner_console::api::calls::{customers, send};
    use partner_console::api::error::ApiError;
    let owner = Owner::new();
    let pending = owner.with(|| send(customers::get(&runtime(), "1005-0001")));
    owner.cleanup();
    let failure = pending.await.expect_err("cancelled before it was sent");
    assert_eq!(failure.error, ApiError::Cancelled);
    assert_eq!(failure.action, "Get customer");
}

/// The order page, loading or saying that it could not load (no API behind these tests).
fn order_page(root: &web_sys::Element) -> Option<web_sys::Element> {
    by_text(root, "main [role=status]", "Loading the order…")
        .or_else(|| by_text(root, "main [role=alert] h2", "Get order did not go through"))
}

#[wasm_bindgen_test]
async fn reads_that_only_add_to_a_page_wait_until_the_browser_has_drawn_a_frame() {
    use wasm_bindgen::JsCast;
    let drawn = std::rc::Rc::new(std::cell::Cell::new(false));
    let seen = drawn.clone();
    let frame = wasm_bindgen::closure::Closure::once_into_js(move || seen.set(true));
    web_sys::window().expect("window").request_animation_frame(frame.unchecked_ref()).expect("a frame asked for");
    partner_console::api::transport::after_paint().await;
    assert!(drawn.get(), "after_paint went on before the next frame was drawn");
}

#[wasm_bindgen_test]
async fn the_console_is_drawn_while_the_health_check_waits_for_the_api() {
    // Pings that never answer: the header's badge keeps checking, and the console (drawn by the
    // app's Suspense once it has its configuration, as `App` draws it) must not wait for it.
    let window = web_sys::window().expect("window");
    let real = js_sys::Reflect::get(&window, &"fetch".into()).expect("fetch");
    let hanging = js_sys::Function::new_with_args(
        "real",
        "return function (input, init) {
            const url = typeof input === 'string' ? input : input.url;
            return /\\/ping(\\?|$)/.test(url) ? new Promise(() => {}) : real.call(window, input, init);
        };",
    )
    .call1(&wasm_bindgen::JsValue::NULL, &real)
    .expect("a fetch whose pings hang");
    js_sys::Reflect::set(&window, &"fetch".into(), &hanging).expect("fetch replaced");
    go_to_path("/");
    let root = mount_point();
    let handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <Suspense fallback=|| "holding">
                {Suspend::new(send_wrapper::SendWrapper::new(async {
                    sleep(1).await;
                    view! { <Shell runtime=runtime()/> }
                }))}
            </Suspense>
        }
    });
    wait_for("the header and navigation", || query(&root, "nav[aria-label='Areas']")).await;
    let badge = query(&root, "[data-health]").expect("the health badge");
    assert_eq!(badge.get_attribute("data-health").as_deref(), Some("checking"));
    drop(handle);
    js_sys::Reflect::set(&window, &"fetch".into(), &real).expect("fetch restored");
}

#[wasm_bindgen_test]
async fn a_settling_record_left_before_its_next_look_breaks_nothing() {
    use partner_console::api::error::Failure;
    use partner_console::components::loading::{Load, Loaded};
    // Any panic from here on (its hook runs before the module aborts) is remembered, and still
    // reported by the hook the runner had set.
    static PANICKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    let runners: std::sync::Arc<dyn Fn(&std::panic::PanicHookInfo) + Send + Sync> = std::panic::take_hook().into();
    let reports = runners.clone();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, std::sync::atomic::Ordering::SeqCst);
        reports(info);
    }));
    let root = mount_point();
    let handle = leptos::mount::mount_to(root.clone(), || {
        let resource: Loaded<u32> = Loaded::new(|| async { Ok::<u32, Failure>(7) });
        let settling: fn(&u32) -> bool = |_| true;
        view! { <Load resource what="a record" settling render=|n: u32| view! { <p class="value">{n}</p> }.into_any()/> }
    });
    wait_for("the record", || query(&root, "p.value")).await;
    // The page is left; its next look was due after 2 s.
    drop(handle);
    sleep(2500).await;
    std::panic::set_hook(Box::new(move |info| runners(info)));
    assert!(!PANICKED.load(std::sync::atomic::Ordering::SeqCst), "the follow-up ran on a page that was gone");
}

#[wasm_bindgen_test]
async fn a_long_table_draws_its_first_rows_at_once_and_the_rest_a_group_a_task() {
    use partner_console::components::table::drawn_in_groups;
    let root = mount_point();
    let group = |i: usize| view! { <p class="group">{i}</p> }.into_any();
    let handle = leptos::mount::mount_to(root.clone(), move || drawn_in_groups(4, std::sync::Arc::new(group)));
    let drawn = || {
        let groups = root.query_selector_all("p.group").expect("selector");
        (0..groups.length())
            .filter_map(|i| groups.item(i))
            .map(|g| g.text_content().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(drawn(), ["0"], "the first group is drawn with the table, the others later");
    wait_for("every group", || (drawn().len() == 4).then_some(())).await;
    assert_eq!(drawn(), ["0", "1", "2", "3"], "in order");
    drop(handle);

    // A table gone before its groups are drawn: they are not drawn, and nothing breaks.
    let root = mount_point();
    let handle = leptos::mount::mount_to(root.clone(), move || drawn_in_groups(8, std::sync::Arc::new(group)));
    drop(handle);
    sleep(200).await;
    assert!(query(&root, "p.group").is_none(), "{}", root.inner_html());
}

#[wasm_bindgen_test]
async fn sections_in_turn_are_drawn_a_task_later_in_order() {
    use partner_console::components::loading::InTurn;
    let root = mount_point();
    let handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <h1>"First screen"</h1>
            <InTurn><p class="turn">"a"</p></InTurn>
            <InTurn><p class="turn">"b"</p></InTurn>
            <p class="after">"drawn at once"</p>
        }
    });
    let drawn = || {
        let turns = root.query_selector_all("p.turn").expect("selector");
        (0..turns.length())
            .filter_map(|i| turns.item(i))
            .map(|p| p.text_content().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert!(drawn().is_empty(), "nothing in turn is drawn with the view");
    assert!(query(&root, "p.after").is_some(), "what is not in turn is drawn at once");
    wait_for("both sections", || (drawn().len() == 2).then_some(())).await;
    assert_eq!(drawn(), ["a", "b"]);
    assert_eq!(root.text_content().unwrap_or_default(), "First screenabdrawn at once", "each in its place");
    drop(handle);

    // A view gone before its turn: nothing is drawn, and nothing breaks.
    let root = mount_point();
    let handle = leptos::mount::mount_to(root.clone(), || view! { <InTurn><p class="turn">"late"</p></InTurn> });
    drop(handle);
    sleep(200).await;
    assert!(query(&root, "p.turn").is_none(), "{}", root.inner_html());
}
