//! Shared helpers for the sandbox's HTTP tests: a sandbox in-process, and calls with the
//! headers the console sends (the proxy layer adds the credentials).

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use partner_sandbox::{app, Settings};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tower::ServiceExt;

static UNIQUE: AtomicU64 = AtomicU64::new(0);

/// A unique string (for correlation and request ids).
pub fn unique() -> String {
    format!("{}-{}", std::process::id(), UNIQUE.fetch_add(1, Ordering::Relaxed))
}

/// A minimal built app to serve.
pub fn dist() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("partner-sandbox-api-{}", unique()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("index.html"), "<!DOCTYPE html><html><head><base href=\"/\"></head></html>").expect("index");
    dir
}

/// Settings with the seeded world and the given pending delay.
pub fn settings(pending: Duration) -> Settings {
    let mut s = Settings::new(dist(), "/").expect("settings");
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

/// Calls `method path` below `/api/vipmp` with `body` and the given correlation id.
pub async fn call_with(app: &Router, method: &str, path: &str, body: Option<serde_json::Value>, correlation: &str) -> Answer {
    let uri = if path.starts_with("/api/") || path.starts_with("/__sandbox") { path.to_string() } else { format!("/api/vipmp{path}") };
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("accept", "application/json")
        .header("content-type", "application/json")
        .header("x-request-id", unique())
        .header("x-correlation-id", correlation);
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
