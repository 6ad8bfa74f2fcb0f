//! The browser's transport: one HTTP attempt with gloo-net, aborted by an `AbortController`
//! when it runs past its time limit or when the page no longer waits for it (the future is
//! dropped), the browser's crypto for ids, and session storage for open intents.

use super::client::{Client, HttpRequest, Transport};
use super::error::ApiError;
use super::policy::{HttpAnswer, IntentBook};
use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::set_timeout_with_handle;
use partner_model::ids::uuid_v4;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The browser transport; `cancel`, when given, aborts every attempt once it fires.
#[derive(Clone, Debug, Default)]
pub struct Browser {
    pub cancel: Option<web_sys::AbortSignal>,
}

/// The client the console uses, cancelled by `cancel` when given.
pub fn client(cancel: Option<web_sys::AbortSignal>) -> Client<Browser> {
    Client { transport: Browser { cancel } }
}

const INTENTS_KEY: &str = "partner-console.intents";
const ACTIVITY_KEY: &str = "partner-console.activity";

/// This browser's local storage, when it has one.
pub(crate) fn local() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The activity log kept in this browser.
pub fn activity() -> super::activity::Log {
    local()
        .and_then(|s| s.get_item(ACTIVITY_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Aborts the request when dropped before it finished.
struct AbortOnDrop {
    controller: web_sys::AbortController,
    done: bool,
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if !self.done {
            self.controller.abort();
        }
    }
}

fn method(name: &str) -> Method {
    match name {
        "POST" => Method::POST,
        "PATCH" => Method::PATCH,
        "PUT" => Method::PUT,
        "DELETE" => Method::DELETE,
        _ => Method::GET,
    }
}

fn offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// A random UUID v4 from the browser's crypto (works on plain-HTTP origins too).
pub fn random_uuid() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v4(bytes)
}

/// This tab's session storage, when it has one.
pub(crate) fn session() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// Waits `duration` (a browser timer). No duration waits a task: through `scheduler.yield()`
/// where the browser has it (Chromium since 129), whose continuation comes before other waiting
/// tasks and is not clamped as nested timers are (4 ms each after the fifth), so work cut into
/// many tasks (a long list read and drawn in batches) is not slowed by the cutting.
pub async fn sleep(duration: Duration) {
    if duration.is_zero() {
        if let Some(yielded) = scheduler_yield() {
            let _ = JsFuture::from(yielded).await;
            return;
        }
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let ms = duration.as_millis().min(i32::MAX as u128) as i32;
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// A flag that turns true once a timer set now has fired, that is once the browser has run a
/// task after this one: whether what is awaited from here came in a later task (a download) or
/// within this one (a promise already settled, through its callbacks). Still false, it says
/// only that the timer has not fired yet: a task queued ahead of it (a clamped timer's) reads as
/// this one, which costs a long task at most.
pub fn task_passed() -> Rc<Cell<bool>> {
    let passed = Rc::new(Cell::new(false));
    let set = passed.clone();
    if let Some(w) = web_sys::window() {
        let mark = wasm_bindgen::closure::Closure::once_into_js(move || set.set(true));
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(mark.unchecked_ref(), 0);
    }
    passed
}

/// `scheduler.yield()`'s promise, when the browser has it.
fn scheduler_yield() -> Option<js_sys::Promise> {
    let scheduler = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into()).ok()?;
    let yield_ = js_sys::Reflect::get(&scheduler, &"yield".into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    yield_.call0(&scheduler).ok()?.dyn_into::<js_sys::Promise>().ok()
}

/// Waits until the browser has painted the next frame (an animation frame, then a task after
/// it): what is asked for after this goes out once the page shows what it has, so reads that
/// only add to it (product names, the API's health) neither hold back nor share the network
/// with the page's first data on a slow connection.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(w) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            return;
        };
        let next_task = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(w) = web_sys::window() {
                let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            }
        });
        // A hidden page paints no frames until it is shown: nothing to wait for there.
        let hidden = w.document().is_none_or(|d| d.hidden());
        if hidden || w.request_animation_frame(next_task.unchecked_ref()).is_err() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(next_task.unchecked_ref(), 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

thread_local! {
    /// The latest answers (their URL, and whether the API answered well: a 2xx with JSON), for
    /// the health badge's first look (`health::first_look`); and who waits for the next one.
    static SEEN: std::cell::RefCell<std::collections::VecDeque<(String, bool)>> =
        const { std::cell::RefCell::new(std::collections::VecDeque::new()) };
    static NEXT: std::cell::RefCell<Vec<js_sys::Function>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// How many answers [`SEEN`] keeps.
const SEEN_KEPT: usize = 16;

/// Notes an attempt's outcome for [`answers`] (a read cancelled by the page says nothing of the
/// API), and wakes whoever waits for it ([`next_answer`]).
fn seen(url: &str, outcome: &Result<HttpAnswer, ApiError>) {
    let good = match outcome {
        Err(ApiError::Cancelled) => return,
        Ok(a) => (200..300).contains(&a.status) && a.content_type.contains("json"),
        Err(_) => false,
    };
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() == SEEN_KEPT {
            s.pop_front();
        }
        s.push_back((url.to_string(), good));
    });
    for resolve in NEXT.with(|n| std::mem::take(&mut *n.borrow_mut())) {
        let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
    }
}

/// The latest answers, oldest first: each URL, and whether the API answered it well.
pub fn answers() -> Vec<(String, bool)> {
    SEEN.with(|s| s.borrow().iter().cloned().collect())
}

/// Waits for the next answer, or until `until` (a `Date.now()` time), whichever comes first.
pub async fn next_answer(until: f64) {
    let left = until - js_sys::Date::now();
    if left <= 0.0 {
        return;
    }
    let next = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, left.ceil() as i32);
        }
        NEXT.with(|n| n.borrow_mut().push(resolve));
    });
    let _ = JsFuture::from(next).await;
}

/// What index.html started while the wasm downloaded and left as a promise at `holder[key]`:
/// taken once (the key goes), and awaited; `None` when it is not there or failed.
pub async fn take_early(holder: &js_sys::Object, key: &wasm_bindgen::JsValue) -> Option<wasm_bindgen::JsValue> {
    let promise = js_sys::Reflect::get(holder, key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(holder, key);
    JsFuture::from(promise).await.ok()
}

/// [`take_early`] of what index.html left at `window[name]` (`__partnerConfig`,
/// `__partnerEarlyMe`, …).
pub async fn take_early_global(name: &str) -> Option<wasm_bindgen::JsValue> {
    let window: js_sys::Object = web_sys::window()?.unchecked_into();
    take_early(&window, &name.into()).await
}

/// Field `name` of an answer index.html read early (`{status, body, …}`).
pub fn early_field(answer: &wasm_bindgen::JsValue, name: &str) -> Option<wasm_bindgen::JsValue> {
    js_sys::Reflect::get(answer, &name.into()).ok()
}

/// A body's bytes as text: UTF-8 as `Response.text()` reads it (a byte-order mark dropped, any
/// invalid sequence replaced), copied into wasm once rather than through a JS string.
fn utf8_text(bytes: Vec<u8>) -> String {
    let mut text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

/// The answer to a read index.html sent while the wasm downloaded (`__partnerEarlyReads`: API
/// path → promise of `{url, status, type, body}`, the body an `ArrayBuffer`), taken once: when it
/// was for exactly this request and succeeded. A read sent as a POST (a price list) is kept as
/// `POST <path>\n<body>`, and is this request's when its body is exactly the text this request
/// sends: the script writes the request's members in the order of its Rust type, as
/// `serde_json` does (tests/boot.rs holds the two to the same text), so no JSON is read here. One
/// of another body is left for its own reader. Anything else is `None`, and the read is sent
/// as usual.
async fn early_read(request: &HttpRequest) -> Option<HttpAnswer> {
    let window = web_sys::window()?;
    let reads = js_sys::Reflect::get(&window, &"__partnerEarlyReads".into()).ok()?.dyn_into::<js_sys::Object>().ok()?;
    let url = &request.url;
    let ours = |path: &str| !path.is_empty() && url.ends_with(path);
    let key = js_sys::Object::keys(&reads).iter().find(|k| {
        k.as_string().is_some_and(|k| match (&request.body, k.strip_prefix("POST ")) {
            (None, None) => request.method == "GET" && ours(&k),
            (Some(body), Some(sent)) => {
                request.method == "POST" && sent.split_once('\n').is_some_and(|(path, sent)| ours(path) && sent == body)
            }
            _ => false,
        })
    })?;
    let answer = take_early(&reads, &key).await?;
    let field = |name: &str| early_field(&answer, name);
    let status = field("status")?.as_f64()? as u16;
    if field("url")?.as_string()? != *url || !(200..300).contains(&status) {
        return None;
    }
    let body = field("body").filter(|b| b.is_instance_of::<js_sys::ArrayBuffer>())?;
    let body = js_sys::Uint8Array::new(&body).to_vec();
    Some(HttpAnswer {
        status,
        content_type: field("type")?.as_string()?,
        retry_after: None,
        tracker: None,
        body: utf8_text(body),
    })
}

impl Transport for Browser {
    async fn send(&self, request: &HttpRequest) -> Result<HttpAnswer, ApiError> {
        if self.cancel.as_ref().is_some_and(|c| c.aborted()) {
            return Err(ApiError::Cancelled);
        }
        if offline() {
            return Err(ApiError::Offline);
        }
        if request.read {
            if let Some(answer) = early_read(request).await {
                let answer = Ok(answer);
                seen(&request.url, &answer);
                return answer;
            }
        }
        let controller =
            web_sys::AbortController::new().map_err(|_| ApiError::Network("AbortController unavailable".into()))?;
        let mut guard = AbortOnDrop { controller: controller.clone(), done: false };
        if let Some(cancel) = &self.cancel {
            let inner = controller.clone();
            let abort = wasm_bindgen::closure::Closure::once_into_js(move || inner.abort());
            let _ = cancel.add_event_listener_with_callback("abort", abort.unchecked_ref());
        }
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            set_timeout_with_handle(
                move || {
                    timed_out.set(true);
                    controller.abort();
                },
                request.timeout,
            )
            .ok()
        };
        let signal = controller.signal();
        let mut builder = RequestBuilder::new(&request.url).method(method(request.method)).abort_signal(Some(&signal));
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        // Embedded: the portal's token, which the gateway checks (standalone, the session cookie).
        if let Some(token) = crate::portal::token() {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        let sent = match &request.body {
            Some(body) => builder.body(body.clone()).map_err(|e| ApiError::Network(e.to_string()))?.send().await,
            None => builder.send().await,
        };
        let cancelled = self.cancel.clone();
        let no_answer = |e: gloo_net::Error| {
            if cancelled.as_ref().is_some_and(|c| c.aborted()) {
                ApiError::Cancelled
            } else if timed_out.get() {
                ApiError::Timeout(request.timeout)
            } else if offline() {
                ApiError::Offline
            } else {
                ApiError::Network(e.to_string())
            }
        };
        let result = match sent {
            Ok(response) => {
                let status = response.status();
                let content_type = response.headers().get("content-type").unwrap_or_default();
                let retry_after = response.headers().get("retry-after");
                let tracker = response.headers().get(super::tracker::HEADER);
                // A body cut off mid-way is no answer: the API's result never arrived whole.
                response
                    .binary()
                    .await
                    .map(|bytes| HttpAnswer { status, content_type, retry_after, tracker, body: utf8_text(bytes) })
                    .map_err(no_answer)
            }
            Err(e) => Err(no_answer(e)),
        };
        guard.done = true;
        if let Some(timer) = timer {
            timer.clear();
        }
        seen(&request.url, &result);
        result
    }

    async fn sleep(&self, duration: Duration) {
        sleep(duration).await;
    }

    fn uuid(&self) -> String {
        random_uuid()
    }

    fn jitter(&self) -> f64 {
        js_sys::Math::random()
    }

    fn load_intents(&self) -> IntentBook {
        session()
            .and_then(|s| s.get_item(INTENTS_KEY).ok().flatten())
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }

    fn save_intents(&self, book: &IntentBook) {
        if let (Some(storage), Ok(json)) = (session(), serde_json::to_string(book)) {
            let _ = storage.set_item(INTENTS_KEY, &json);
        }
    }

    fn now(&self) -> String {
        js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default()
    }

    fn record(&self, entry: super::activity::Entry) {
        let mut log = activity();
        log.record(entry);
        if let (Some(storage), Ok(json)) = (local(), serde_json::to_string(&log)) {
            let _ = storage.set_item(ACTIVITY_KEY, &json);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::utf8_text;

    #[test]
    fn bodies_read_as_response_text_reads_them() {
        assert_eq!(utf8_text(b"{\"a\":\"\xc3\xa9\"}".to_vec()), "{\"a\":\"é\"}");
        assert_eq!(utf8_text(b"\xef\xbb\xbf{}".to_vec()), "{}", "a byte-order mark is dropped");
        assert_eq!(utf8_text(b"a\xffb".to_vec()), "a\u{fffd}b", "an invalid byte is replaced");
        assert_eq!(utf8_text(Vec::new()), "");
    }
}
