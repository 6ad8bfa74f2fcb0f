//! The hand-over from a partner portal that embeds the console in an iframe: the console asks
//! its parent page for an access token (`{type: "partner-console:token-request"}`), and takes
//! one only from a message whose origin is exactly one of `config.json`'s
//! `allowedParentOrigins` and whose source is the parent window
//! (`{type: "partner-console:token", token, language?}`; `language`, the portal's BCP 47 tag,
//! is the language the console shows). The token lives in this page's memory only —
//! never in storage — and goes to the gateway as a bearer; the gateway checks it. A new one is
//! asked for a minute before the gateway says it ends, and when a call is refused because it
//! has ended.

use std::cell::{Cell, RefCell};
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The message type a portal answers with.
pub const TOKEN_MESSAGE: &str = "partner-console:token";
/// The message type the console asks with.
pub const REQUEST_MESSAGE: &str = "partner-console:token-request";

thread_local! {
    static TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    /// How many tokens have arrived (a waiter sees a new one by the count).
    static RECEIVED: Cell<u32> = const { Cell::new(0) };
    static PARENT: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The language the portal shows, when its message names one (`language`, a BCP 47 tag).
    static LANGUAGE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The portal's language, when it handed one over with its token.
pub fn language() -> Option<String> {
    LANGUAGE.with(|l| l.borrow().clone())
}

/// The portal's token, when the console is embedded and has one.
pub fn token() -> Option<String> {
    TOKEN.with(|t| t.borrow().clone())
}

/// The parent page's origin, when the console is embedded by one of `allowed`.
pub fn parent() -> Option<String> {
    PARENT.with(|p| p.borrow().clone())
}

/// Whether a message from `origin` may hand over a token: exactly one of `allowed`.
pub fn accepts(origin: &str, allowed: &[String]) -> bool {
    !origin.is_empty() && origin != "null" && allowed.iter().any(|a| a == origin)
}

/// The origin of the page that frames this one, when it is one of `allowed`; `None` when the
/// console is not framed, or framed by anyone else.
fn framing_origin(allowed: &[String]) -> Option<String> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    let top: &js_sys::Object = window.as_ref();
    if js_sys::Object::is(parent.as_ref(), top) {
        return None;
    }
    // Chromium and Safari tell the parent's origin; elsewhere the referrer is the framing page.
    // (`location.ancestorOrigins` is not in web-sys: read as a property.)
    let from_ancestors = js_sys::Reflect::get(window.location().as_ref(), &"ancestorOrigins".into())
        .ok()
        .filter(|list| !list.is_undefined())
        .and_then(|list| js_sys::Reflect::get(&list, &0.into()).ok())
        .and_then(|first| first.as_string());
    let from_referrer =
        window.document().map(|d| d.referrer()).and_then(|r| web_sys::Url::new(&r).ok()).map(|u| u.origin());
    from_ancestors.or(from_referrer).filter(|o| accepts(o, allowed))
}

/// When the console is embedded by an allowed portal: listens for its tokens and returns its
/// origin. Call once, at start.
pub fn start(allowed: &[String]) -> Option<String> {
    let origin = framing_origin(allowed)?;
    PARENT.with(|p| *p.borrow_mut() = Some(origin.clone()));
    let allowed = allowed.to_vec();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let Some(window) = web_sys::window() else { return };
        let from_parent = match (event.source(), window.parent().ok().flatten()) {
            (Some(source), Some(parent)) => js_sys::Object::is(&source, parent.as_ref()),
            _ => false,
        };
        if !from_parent || !accepts(&event.origin(), &allowed) {
            return;
        }
        let data = event.data();
        let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok().and_then(|v| v.as_string());
        if field("type").as_deref() != Some(TOKEN_MESSAGE) {
            return;
        }
        if let Some(token) = field("token").filter(|t| !t.is_empty() && t.len() < 16 * 1024) {
            // Another token may be another user's: what the last one's answers left for this
            // tab's purchases goes with it.
            if TOKEN.with(|t| t.borrow().as_ref() != Some(&token)) {
                crate::api::tracker::forget();
            }
            TOKEN.with(|t| *t.borrow_mut() = Some(token));
            if let Some(language) = field("language").filter(|l| l.len() <= 35) {
                LANGUAGE.with(|l| *l.borrow_mut() = Some(language));
            }
            RECEIVED.with(|r| r.set(r.get().wrapping_add(1)));
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    }
    // The listener lives as long as the page.
    on_message.forget();
    Some(origin)
}

/// Asks the parent page for a (new) token and waits up to `wait` for it; whether one came.
pub async fn ask(wait: Duration) -> bool {
    let Some(origin) = parent() else { return false };
    let Some(window) = web_sys::window() else { return false };
    let before = RECEIVED.with(Cell::get);
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &REQUEST_MESSAGE.into());
    if let Some(parent) = window.parent().ok().flatten() {
        let _ = parent.post_message(&message, &origin);
    }
    let step = Duration::from_millis(50);
    let mut waited = Duration::ZERO;
    while waited < wait {
        if RECEIVED.with(Cell::get) != before {
            return true;
        }
        crate::api::transport::sleep(step).await;
        waited += step;
    }
    false
}

/// Keeps the token fresh: asks for a new one a minute before `expires_at` (seconds since 1970),
/// then learns the new one's end from the gateway, and so on.
pub fn keep_fresh(app_base: String, expires_at: u64) {
    leptos::task::spawn_local(async move {
        let mut ends = expires_at;
        loop {
            let now = (js_sys::Date::now() / 1000.0) as u64;
            let until = ends.saturating_sub(now).saturating_sub(60).max(5);
            crate::api::transport::sleep(Duration::from_secs(until)).await;
            if !ask(Duration::from_secs(10)).await {
                continue;
            }
            match crate::session::who(&app_base).await {
                crate::session::Who::User(me) => ends = me.expires_at,
                _ => ends = (js_sys::Date::now() / 1000.0) as u64 + 120,
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::accepts;

    #[test]
    fn only_exact_allowed_origins_hand_over_tokens() {
        let allowed = vec!["https://portal.example.com".to_string()];
        assert!(accepts("https://portal.example.com", &allowed));
        for other in [
            "https://portal.example.com.evil.example",
            "http://portal.example.com",
            "https://evil.example",
            "null",
            "",
            "https://portal.example.com:8443",
        ] {
            assert!(!accepts(other, &allowed), "{other}");
        }
        assert!(!accepts("https://portal.example.com", &[]), "nobody, when none is configured");
    }
}
