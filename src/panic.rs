//! The last line of defence: if the app ever panics, the reseller sees a plain "something
//! broke" screen with a reload button instead of a frozen page, and the detail goes to the
//! browser console. The screen is built with DOM calls only (no reactive code, no HTML strings)
//! and reloads with a plain form, so it works even though the wasm module has stopped.

use crate::i18n::t;
use wasm_bindgen::JsCast;

/// Installs the panic hook.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_broken_screen();
    }));
}

/// Shows the "something broke" screen (once).
pub fn show_broken_screen() {
    // Nothing here may panic: we are already inside the panic hook.
    let _ = try_show();
}

fn try_show() -> Option<()> {
    let window = web_sys::window()?;
    let doc = window.document()?;
    if doc.get_element_by_id("broken").is_some() {
        return Some(());
    }
    let location = window.location();
    let el = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let e = doc.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    let panel = doc.create_element("div").ok()?;
    panel.set_id("broken");
    panel.set_class_name("broken");
    panel.set_attribute("role", "alertdialog").ok()?;
    panel.set_attribute("aria-labelledby", "broken-title").ok()?;
    let title = el("h1", t::broken::title())?;
    title.set_id("broken-title");
    panel.append_child(&title).ok()?;
    let text = el("p", t::broken::text())?;
    panel.append_child(&text).ok()?;
    // A GET form to the same address reloads without running any script; hidden fields keep
    // the query string (list filters, pages) the reseller was looking at.
    let form = doc.create_element("form").ok()?;
    form.set_attribute("method", "get").ok()?;
    form.set_attribute("action", &location.pathname().ok()?).ok()?;
    let search = location.search().unwrap_or_default();
    for pair in search.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |s: &str| {
            js_sys::decode_uri_component(&s.replace('+', " ")).ok().and_then(|d| d.as_string()).unwrap_or_default()
        };
        let input = doc.create_element("input").ok()?;
        input.set_attribute("type", "hidden").ok()?;
        input.set_attribute("name", &decode(k)).ok()?;
        input.set_attribute("value", &decode(v)).ok()?;
        form.append_child(&input).ok()?;
    }
    let button = el("button", t::broken::reload())?;
    button.set_attribute("type", "submit").ok()?;
    form.append_child(&button).ok()?;
    panel.append_child(&form).ok()?;
    doc.body()?.append_child(&panel).ok()?;
    if let Ok(b) = button.dyn_into::<web_sys::HtmlElement>() {
        let _ = b.focus();
    }
    Some(())
}
