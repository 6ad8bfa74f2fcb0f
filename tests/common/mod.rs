//! Helpers for the browser tests: a mount point per test, waiting for the DOM, and input events.

#![allow(dead_code)]

use partner_console::runtime::Runtime;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// A fresh element appended to the body to mount a view into.
pub fn mount_point() -> HtmlElement {
    let el = leptos::prelude::document().create_element("div").expect("div");
    leptos::prelude::document().body().expect("body").append_child(&el).expect("append");
    el.dyn_into().expect("HtmlElement")
}

/// A runtime like the shipped config, served at `/`.
pub fn runtime() -> Runtime {
    let config = partner_model::config::parse(include_str!("../../public/config.json")).expect("shipped config");
    Runtime::new(config, "/")
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    JsFuture::from(promise).await.expect("timer");
}

/// Polls until `find` returns something, for up to three seconds.
pub async fn wait_for<T>(what: &str, mut find: impl FnMut() -> Option<T>) -> T {
    for _ in 0..300 {
        if let Some(found) = find() {
            return found;
        }
        sleep(10).await;
    }
    panic!("timed out waiting for {what}");
}

pub fn query(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).expect("valid selector")
}

pub fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default().trim().to_string()
}

/// The first element matching `selector` whose text is `label`.
pub fn by_text(root: &Element, selector: &str, label: &str) -> Option<Element> {
    let all = root.query_selector_all(selector).expect("valid selector");
    (0..all.length())
        .filter_map(|i| all.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .find(|e| text(e) == label)
}

pub fn click(el: &Element) {
    el.clone().dyn_into::<HtmlElement>().expect("HtmlElement").click();
}

/// Types `value` into an input the way a person does: the value changes, then `input` fires.
pub fn type_into(el: &Element, value: &str) {
    let input: HtmlInputElement = el.clone().dyn_into().expect("input");
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&event).expect("dispatch");
}

/// Moves the browser to `path` as a back/forward navigation would, so the router follows.
pub fn go_to_path(path: &str) {
    let window = web_sys::window().expect("window");
    window
        .history()
        .expect("history")
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .expect("pushState");
    let event = web_sys::PopStateEvent::new("popstate").expect("popstate");
    window.dispatch_event(&event).expect("dispatch");
}
