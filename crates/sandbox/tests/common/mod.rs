//! Shared helpers for the twin's HTTP tests: the twin in-process, and calls with the headers
//! the console sends plus the credentials the gateway adds.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use partner_sandbox::{app, Settings};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tower::ServiceExt;

static UNIQUE: AtomicU64 = AtomicU64::new(0);

/// A unique string (for correlation and request ids).
pub fn unique() -> String {
    format!("{}-{}", std::process::id(), UNIQUE.fetch_add(1, Ordering::Relaxed))
}

/// Settings with the seeded world and the given pending delay.
pub fn settings(pending: Duration) -> Settings {
    let mut s = Settings::default();
    s.twin.pending_delay = pending;
    s.twin.commitment_delay = pending;
    s
}

/// A sandbox whose pending records complete after `pending`.
pub fn sandbox(pending: Duration) -> Router {
    app(&settings(pending)).expect("sandbox")
}

/// An answer: status and JSON (or Null when the body is not JSON) and the raw text.
pub struct Answer {
    pub status: StatusCode,
    pub json: serde_json::Value,
    pub text: String,
}

/// `request` with the credentials the gateway adds for each upstream.
pub fn with_credentials(request: axum::http::request::Builder) -> axum::http::request::Builder {
    request
        .header("x-api-key", partner_sandbox::vipmp::SANDBOX_API_KEY)
        .header("authorization", format!("Bearer {}", partner_sandbox::vipmp::SANDBOX_ACCESS_TOKEN))
        .header(partner_sandbox::vipmp::CSP_AUTH_TOKEN, partner_sandbox::vipmp::SANDBOX_ACCESS_TOKEN)
}

/// Calls `method path` below `/api/vipmp` with `body` and the given correlation id.
pub async fn call_with(
    app: &Router,
    method: &str,
    path: &str,
    body: Option<serde_json::Value>,
    correlation: &str,
) -> Answer {
    let uri = if path.starts_with("/api/") || path.starts_with("/__sandbox") {
        path.to_string()
    } else {
        format!("/api/vipmp{path}")
    };
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("accept", "application/json")
        .header("content-type", "application/json")
        .header("x-request-id", unique())
        .header("x-correlation-id", correlation);
    let request = with_credentials(request);
    let body = match body {
        Some(v) => Body::from(v.to_string()),
        None => Body::empty(),
    };

    let response = app.clone().oneshot(request.body(body).expect("request")).await.expect("infallible");
    let status = response.status();
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Answer { status, json: serde_json::from_str(&text).unwrap_or(serde_json::Value::Null), text }
}

/// Calls with a fresh correlation id.
pub async fn call(app: &Router, method: &str, path: &str, body: Option<serde_json::Value>) -> Answer {
    call_with(app, method, path, body, &unique()).await
}
