//! Fault injection, per path pattern: added latency, error statuses (500, and 502/503/504 as a
//! proxy's HTML page), dropped connections (after the API has acted, so only the answer is
//! lost), truncated and malformed bodies. Set with `--fault` at start or at run time through
//! `POST {base}__sandbox/faults`, so tests can prove the console survives each.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What a fault does.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum FaultKind {
    /// Answer after `ms` more milliseconds.
    Latency { ms: u64 },
    /// Answer with this status instead of calling the API (502/503/504: a gateway's HTML page).
    Status { status: u16 },
    /// Let the API act, then close the connection without an answer.
    Drop,
    /// Let the API act, then send only the first half of its answer's body.
    Truncate,
    /// Let the API act, then answer 200 with a body that is not JSON.
    Malformed,
    /// Answer 400 with an error whose message and details hold HTML and script, which a
    /// console must show as text.
    Hostile,
    /// Let the API act, then end the process at once (as `kill -9` would) before the change
    /// and its answer are saved. Only from the command line (`--fault`), never over HTTP.
    Crash,
    /// Let the API act and save, then end the process before a byte of the answer is sent.
    /// Only from the command line.
    CrashAfterSave,
    /// The API itself answers this status with its JSON error (500: 1124), inside the
    /// idempotency layer: the answer is kept for its correlation id and replayed to a retry
    /// that reuses it, as the real API does.
    Stored { status: u16 },
}

impl FaultKind {
    /// Whether it acts inside the idempotency layer ([`inject_stored`]) rather than in front.
    fn inside(&self) -> bool {
        matches!(self, FaultKind::Stored { .. })
    }
}

tokio::task_local! {
    /// Set while a request with a `crash` fault is handled.
    static CRASH_BEFORE_SAVE: ();
}

/// Ends the process if the request being handled has a `crash` fault: called once the API
/// has acted, before anything is saved.
pub fn crash_if_asked() {
    if CRASH_BEFORE_SAVE.try_with(|_| ()).is_ok() {
        eprintln!("fault: crash after the change, before it was saved");
        std::process::abort();
    }
}

/// Markup and script that must reach the reseller's eyes as text and never run: each sets
/// `window.__pwned` if a page ever treats it as HTML.
pub const HOSTILE_TEXT: &str =
    "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script><b>bold</b> & \"quoted\"";

/// One fault rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    /// `GET`, `POST`…; any method when absent.
    #[serde(default)]
    pub method: Option<String>,
    /// Path below the API base (`/v3/customers/*/orders`), or of a file of the site below the
    /// app's base (`/split_customers-*`): `*` is one segment (or the rest of one after a prefix),
    /// `**` any rest.
    pub path: String,
    #[serde(flatten)]
    pub kind: FaultKind,
    /// How many more requests it applies to; every request when absent.
    #[serde(default)]
    pub times: Option<u32>,
}

/// The rules in force, shared by the middleware and the admin endpoint.
#[derive(Clone, Default)]
pub struct Faults(Arc<Mutex<Vec<Fault>>>);

impl Faults {
    /// Replaces the rules.
    pub fn set(&self, rules: Vec<Fault>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = rules;
    }

    /// The rules in force.
    pub fn get(&self) -> Vec<Fault> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The first rule matching that acts in front of the API (`inside == false`) or inside its
    /// idempotency layer, counting one use of it.
    fn take(&self, method: &str, path: &str, inside: bool) -> Option<FaultKind> {
        let mut rules = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let i = rules.iter().position(|f| {
            f.times != Some(0)
                && f.kind.inside() == inside
                && f.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method))
                && glob(&f.path, path)
        })?;
        let rule = &mut rules[i];
        if let Some(n) = rule.times.as_mut() {
            *n -= 1;
        }
        Some(rule.kind.clone())
    }
}

/// Parses `--fault "[METHOD] PATH KIND[=ARG] [xN]"`, e.g. `POST /v3/customers/*/orders drop x2`,
/// `/v3/** latency=12000`, `GET /ping status=502`.
pub fn parse_spec(spec: &str) -> Result<Fault, String> {
    let mut words: Vec<&str> = spec.split_whitespace().collect();
    let method = match words.first() {
        Some(w) if !w.starts_with('/') => Some(words.remove(0).to_ascii_uppercase()),
        _ => None,
    };
    let times = match words.last() {
        Some(w) if w.starts_with('x') && w.len() > 1 => {
            let n = w[1..].parse().map_err(|_| format!("bad count in {spec:?}"))?;
            words.pop();
            Some(n)
        }
        _ => None,
    };
    let [path, kind] = words[..] else { return Err(format!("expected [METHOD] PATH KIND[=ARG] [xN], got {spec:?}")) };
    let (name, arg) = kind.split_once('=').unwrap_or((kind, ""));
    let number = || arg.parse::<u64>().map_err(|_| format!("{name} needs a number in {spec:?}"));
    let kind = match name {
        "latency" => FaultKind::Latency { ms: number()? },
        "status" => FaultKind::Status { status: number()? as u16 },
        "stored" => FaultKind::Stored { status: number()? as u16 },
        "drop" => FaultKind::Drop,
        "truncate" => FaultKind::Truncate,
        "malformed" => FaultKind::Malformed,
        "hostile" => FaultKind::Hostile,
        "crash" => FaultKind::Crash,
        "crash-after-save" => FaultKind::CrashAfterSave,
        other => return Err(format!("unknown fault {other:?} (latency, status, stored, drop, truncate, malformed, hostile, crash, crash-after-save)")),
    };
    Ok(Fault { method, path: path.to_string(), kind, times })
}

fn glob(pattern: &str, path: &str) -> bool {
    let mut p = pattern.trim_matches('/').split('/');
    let mut s = path.trim_matches('/').split('/');
    loop {
        match (p.next(), s.next()) {
            (Some("**"), _) => return true,
            (Some(a), Some(b))
                if a == "*" || a == b || a.strip_suffix('*').is_some_and(|prefix| b.starts_with(prefix)) => {}
            (None, None) => return true,
            _ => return false,
        }
    }
}

fn gateway_page(status: u16) -> Response {
    let body = format!("<html><head><title>{status}</title></head><body><h1>{status} Gateway error</h1><p>The upstream did not answer.</p></body></html>");
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
    (code, [(header::CONTENT_TYPE, "text/html")], body).into_response()
}

/// A body that fails before its first byte: hyper then closes the connection.
fn dropped() -> Response {
    let stream = futures_util::stream::once(async {
        Err::<axum::body::Bytes, std::io::Error>(std::io::Error::other("fault: dropped"))
    });
    Response::new(Body::from_stream(stream))
}

/// Middleware over the API (path relative to the API base) and the site (relative to its base).
pub async fn inject(State(faults): State<Faults>, request: Request, next: Next) -> Response {
    let Some(kind) = faults.take(request.method().as_str(), request.uri().path(), false) else {
        return next.run(request).await;
    };
    match kind {
        FaultKind::Latency { ms } => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            next.run(request).await
        }
        FaultKind::Status { status: 500 } => crate::twin::ApiError::code("1124").into_response(),
        FaultKind::Status { status } => gateway_page(status),
        FaultKind::Drop => {
            let _ = next.run(request).await;
            dropped()
        }
        FaultKind::Truncate => {
            let (parts, body) = next.run(request).await.into_parts();
            let bytes = to_bytes(body, 64 * 1024 * 1024).await.unwrap_or_default();
            let mut response = Response::from_parts(parts, Body::from(bytes.slice(..bytes.len() / 2)));
            response.headers_mut().remove(header::CONTENT_LENGTH);
            response
        }
        FaultKind::Malformed => {
            let _ = next.run(request).await;
            (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], "{\"orderId\": \"12\", \"lineItems\": [tru")
                .into_response()
        }
        FaultKind::Crash => {
            let _ = CRASH_BEFORE_SAVE.scope((), next.run(request)).await;
            std::process::abort()
        }
        FaultKind::CrashAfterSave => {
            let _ = next.run(request).await;
            eprintln!("fault: crash after the change was saved, before its answer");
            std::process::abort()
        }
        // Taken only by `inject_stored`.
        FaultKind::Stored { .. } => next.run(request).await,
        FaultKind::Hostile => {
            let body = serde_json::json!({
                "code": "1117",
                "message": format!("Invalid fields {HOSTILE_TEXT}"),
                "additionalDetails": [HOSTILE_TEXT, "<a href=\"javascript:window.__pwned=3\">click</a>"],
            });
            (StatusCode::BAD_REQUEST, [(header::CONTENT_TYPE, "application/json")], body.to_string()).into_response()
        }
    }
}

/// Middleware inside the API's idempotency layer: `stored` faults, whose answer the API keeps.
pub async fn inject_stored(State(faults): State<Faults>, request: Request, next: Next) -> Response {
    match faults.take(request.method().as_str(), request.uri().path(), true) {
        Some(FaultKind::Stored { status: 500 }) => crate::twin::ApiError::code("1124").into_response(),
        Some(FaultKind::Stored { status }) => {
            let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            crate::twin::ApiError::plain(code, &status.to_string(), "Fault: the API answered with an error")
                .into_response()
        }
        _ => next.run(request).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse() {
        let f = parse_spec("POST /v3/customers/*/orders drop x2").expect("spec");
        assert_eq!(
            (f.method.as_deref(), f.path.as_str(), &f.kind, f.times),
            (Some("POST"), "/v3/customers/*/orders", &FaultKind::Drop, Some(2))
        );
        assert_eq!(parse_spec("/v3/** latency=1500").expect("spec").kind, FaultKind::Latency { ms: 1500 });
        assert_eq!(parse_spec("GET /v3/resellers/** hostile").expect("spec").kind, FaultKind::Hostile);
        assert_eq!(
            parse_spec("GET /v3/customers/* stored=500 x1").expect("spec").kind,
            FaultKind::Stored { status: 500 }
        );
        assert!(parse_spec("/x explode").is_err());
        assert!(parse_spec("/x status=abc").is_err());
    }

    #[test]
    fn globs_match_segments() {
        assert!(glob("/v3/customers/*/orders", "/v3/customers/123/orders"));
        assert!(!glob("/v3/customers/*/orders", "/v3/customers/123/orders/9"));
        assert!(glob("/v3/**", "/v3/customers/123/orders/9"));
        assert!(!glob("/v3/customers", "/v3/resellers"));
        assert!(glob("/split_customers-*", "/split_customers-0123456789abcdef.wasm"));
        assert!(!glob("/split_customers-*", "/split_orders-0123456789abcdef.wasm"));
    }

    #[test]
    fn counted_rules_run_out() {
        let faults = Faults::default();
        faults.set(vec![parse_spec("POST /v3/** drop x2").expect("spec")]);
        assert!(faults.take("POST", "/v3/customers/1/orders", false).is_some());
        assert!(faults.take("GET", "/v3/customers/1/orders", false).is_none());
        assert!(faults.take("POST", "/v3/customers/1/orders", false).is_some());
        assert!(faults.take("POST", "/v3/customers/1/orders", false).is_none());
    }

    #[test]
    fn stored_faults_act_only_inside() {
        let faults = Faults::default();
        faults.set(vec![parse_spec("GET /v3/** stored=500 x1").expect("spec")]);
        assert!(faults.take("GET", "/v3/customers/1", false).is_none());
        assert_eq!(faults.take("GET", "/v3/customers/1", true), Some(FaultKind::Stored { status: 500 }));
        assert!(faults.take("GET", "/v3/customers/1", true).is_none());
    }
}
