//! One HTTP attempt from the browser: the Commerce Partner API headers, a fresh request id, a
//! timeout through `AbortController`, and a classified failure instead of a raw error.

use gloo_net::http::Request;
use leptos::prelude::set_timeout_with_handle;
use partner_model::error::ApiErrorBody;
use partner_model::ids::uuid_v4;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

/// A response that came back from the proxy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

/// Why an attempt did not produce a successful response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// No response at all: offline, DNS, refused or dropped connection.
    Network(String),
    /// No response within the time limit; the request was aborted.
    Timeout(Duration),
    /// The proxy or a gateway answered instead of the API (HTML page, 502/503/504).
    Gateway { status: u16 },
    /// The API answered with its documented error body.
    Api { status: u16, body: ApiErrorBody },
    /// An error status with a body that is neither the API's nor a gateway's.
    Unexpected { status: u16 },
}

impl Failure {
    /// The failure in words a reseller can act on.
    pub fn describe(&self) -> String {
        match self {
            Failure::Network(_) => "No answer from the API proxy (network error or offline).".into(),
            Failure::Timeout(limit) => {
                format!("The API proxy did not answer within {} seconds.", limit.as_secs())
            }
            Failure::Gateway { status } => {
                format!("The proxy answered HTTP {status} instead of the API.")
            }
            Failure::Api { status, body } => {
                format!("HTTP {status}: {} (code {}).", body.message, body.code)
            }
            Failure::Unexpected { status } => format!("Unexpected answer: HTTP {status}."),
        }
    }
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

/// Sorts a non-2xx response into a [`Failure`].
pub fn classify_error(status: u16, body: &str) -> Failure {
    match serde_json::from_str::<ApiErrorBody>(body) {
        Ok(parsed) if !parsed.code.is_empty() => Failure::Api { status, body: parsed },
        _ if matches!(status, 502..=504) || body.trim_start().starts_with('<') => Failure::Gateway { status },
        _ => Failure::Unexpected { status },
    }
}

/// One GET attempt with the API's headers; `correlation_id` is the caller's intent.
pub async fn get(url: &str, correlation_id: &str, timeout: Duration) -> Result<Reply, Failure> {
    let controller = web_sys::AbortController::new().map_err(|_| Failure::Network("AbortController unavailable".into()))?;
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                controller.abort();
            },
            timeout,
        )
        .ok()
    };
    let signal = controller.signal();
    let sent = Request::get(url)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .header("X-Request-Id", &random_uuid())
        .header("X-Correlation-Id", correlation_id)
        .abort_signal(Some(&signal))
        .send()
        .await;
    let result = match sent {
        Ok(response) => {
            let status = response.status();
            match response.text().await {
                Ok(body) if (200..300).contains(&status) => Ok(Reply { status, body }),
                Ok(body) => Err(classify_error(status, &body)),
                Err(_) if timed_out.get() => Err(Failure::Timeout(timeout)),
                Err(e) => Err(Failure::Network(e.to_string())),
            }
        }
        Err(_) if timed_out.get() => Err(Failure::Timeout(timeout)),
        Err(e) => Err(Failure::Network(e.to_string())),
    };
    if let Some(timer) = timer {
        timer.clear();
    }
    result
}
