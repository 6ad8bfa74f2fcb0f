//! Shared helpers of the gateway's tests: a built console to serve, and HTTP calls to a
//! running gateway with whatever headers a test sends.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use std::path::PathBuf;

pub const JS: &str = "partner-console-0123456789abcdef.js";
pub const WASM: &str = "partner-console-0123456789abcdef_bg.wasm";

/// A throwaway `dist/` shaped like Trunk's output.
pub fn fake_dist(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("partner-gateway-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let index = format!(
        "<!DOCTYPE html><html><head><base href=\"/\" /><script type=\"module\" nonce=\"{{{{__TRUNK NONCE__}}}}\">import init from './{JS}';</script></head><body></body></html>"
    );
    std::fs::write(dir.join("index.html"), index).expect("write");
    std::fs::write(dir.join(JS), "export default function init() {}\n".repeat(50)).expect("write");
    std::fs::write(dir.join(WASM), b"\0asm\x01\0\0\0").expect("write");
    std::fs::write(dir.join("config.json"), include_str!("../../../../public/config.json")).expect("write");
    dir
}

/// An answer.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(&name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
    /// The gateway's or the API's error code.
    pub fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_string()
    }
}

static UNIQUE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A unique id.
pub fn unique() -> String {
    format!("{}-{}", std::process::id(), UNIQUE.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

/// `method url` with the console's headers plus `headers`, and `body`.
pub async fn fetch(method: &str, url: &str, headers: &[(&str, String)], body: Option<String>) -> Reply {
    let client: Client<HttpConnector, Body> = Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    let mut request = Request::builder().method(method).uri(url).header("accept", "application/json");
    for id in ["x-request-id", "x-correlation-id"] {
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(id)) {
            request = request.header(id, unique());
        }
    }
    if body.is_some() && !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type")) {
        request = request.header("content-type", "application/json");
    }
    for (name, value) in headers {
        request = request.header(*name, value.as_str());
    }
    let request = request.body(body.map(Body::from).unwrap_or_else(Body::empty)).expect("request");
    let response = client.request(request).await.expect("an answer");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.map(|b| b.to_bytes().to_vec()).unwrap_or_default();
    Reply { status, headers, body }
}

/// `Authorization: Bearer token`.
pub fn bearer(token: &str) -> (&'static str, String) {
    ("authorization", format!("Bearer {token}"))
}
