//! The sandbox over HTTP: static serving, SPA fallback, sub-paths, the ping twin and the proxy.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use partner_sandbox::{app, vipmp, Credentials, Settings};
use std::path::PathBuf;
use tower::ServiceExt;

const JS: &str = "partner-console-0123456789abcdef.js";
const WASM: &str = "partner-console-0123456789abcdef_bg.wasm";

/// A throwaway `dist/` shaped like Trunk's output.
fn fake_dist(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("partner-sandbox-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let index = format!(
        "<!DOCTYPE html><html><head><base href=\"/\" /><script type=\"module\" nonce=\"{{{{__TRUNK NONCE__}}}}\">import init from './{JS}';</script></head><body></body></html>"
    );
    std::fs::write(dir.join("index.html"), index).expect("write");
    std::fs::write(dir.join(JS), "export default function init() {}\n".repeat(50)).expect("write");
    std::fs::write(dir.join(WASM), b"\0asm\x01\0\0\0").expect("write");
    std::fs::write(dir.join("config.json"), include_str!("../../../public/config.json")).expect("write");
    dir
}

fn sandbox(name: &str, base: &str) -> Router {
    app(&Settings::new(fake_dist(name), base).expect("base")).expect("app")
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers.get(&name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }
}

async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.expect("body").to_bytes().to_vec();
    Reply { status, headers, body }
}

async fn get(app: &Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).expect("request")).await
}

#[tokio::test]
async fn index_and_deep_links_get_the_app_never_cached() {
    let app = sandbox("index", "/");
    for uri in ["/", "/index.html", "/customers/1005-0001", "/resellers?status=1000"] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert!(r.header(header::CONTENT_TYPE).starts_with("text/html"), "{uri}");
        assert_eq!(r.header(header::CACHE_CONTROL), "no-store", "{uri}");
        assert!(r.text().contains("<base href=\"/\">"), "{uri}: {}", r.text());
    }
}

#[tokio::test]
async fn assets_have_their_type_cache_and_compression() {
    let app = sandbox("assets", "/");
    let r = get(&app, &format!("/{WASM}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(header::CONTENT_TYPE), "application/wasm");
    assert_eq!(r.header(header::CACHE_CONTROL), "public, max-age=31536000, immutable");

    let request = Request::get(format!("/{JS}"))
        .header(header::ACCEPT_ENCODING, "gzip, deflate, br")
        .body(Body::empty())
        .expect("request");
    let r = send(&app, request).await;
    assert_eq!(r.header(header::CONTENT_ENCODING), "br");
    assert!(r.header(header::CONTENT_TYPE).starts_with("text/javascript"));
    assert_eq!(r.header(header::VARY), "accept-encoding");
    let mut plain = Vec::new();
    brotli::BrotliDecompress(&mut r.body.as_slice(), &mut plain).expect("valid brotli");
    assert!(String::from_utf8_lossy(&plain).starts_with("export default function init()"));

    let r = get(&app, "/config.json").await;
    assert_eq!(r.header(header::CONTENT_TYPE), "application/json");
    assert_eq!(r.header(header::CACHE_CONTROL), "no-cache");
}

#[tokio::test]
async fn missing_assets_and_api_paths_are_404_not_the_app() {
    let app = sandbox("missing", "/");
    let r = get(&app, "/partner-console-ffffffffffffffff.js").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = get(&app, "/api/nothing/here").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["code"], "404");
    let r = get(&app, "/api/vipmp/v9/unknown").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["code"], "404");
}

#[tokio::test]
async fn pings_answer_pong_through_the_proxy() {
    let app = sandbox("ping", "/");
    for uri in ["/api/vipmp/ping", "/api/vipmp/partnerservice/ping"] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}: {}", r.text());
        assert_eq!(r.text(), "pong");
    }
}

#[tokio::test]
async fn the_proxy_replaces_browser_credentials() {
    let app = sandbox("replace", "/");
    let request = Request::get("/api/vipmp/partnerservice/ping")
        .header("x-api-key", "stolen")
        .header(header::AUTHORIZATION, "Bearer stolen")
        .body(Body::empty())
        .expect("request");
    assert_eq!(send(&app, request).await.text(), "pong");
}

#[tokio::test]
async fn wrong_proxy_credentials_give_the_documented_errors() {
    let mut settings = Settings::new(fake_dist("wrongkey"), "/").expect("base");
    settings.credentials = Credentials { api_key: "wrong".into(), access_token: vipmp::SANDBOX_ACCESS_TOKEN.into() };
    let app = app(&settings).expect("app");
    let r = get(&app, "/api/vipmp/ping").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json(), serde_json::json!({"code": "4115", "message": "API key is invalid or missing"}));

    settings.credentials = Credentials { api_key: vipmp::SANDBOX_API_KEY.into(), access_token: "expired".into() };
    let app = partner_sandbox::app(&settings).expect("app");
    assert_eq!(get(&app, "/api/vipmp/ping").await.text(), "pong", "ping needs no token");
    let r = get(&app, "/api/vipmp/partnerservice/ping").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["code"], "4116");
}

#[tokio::test]
async fn the_twin_without_a_token_says_4117() {
    let twin = partner_sandbox::twin::Twin::open(Default::default(), Default::default(), vipmp::seed::apply).expect("twin");
    let twin = vipmp::router(twin);
    let request = Request::get("/partnerservice/ping")
        .header("x-api-key", vipmp::SANDBOX_API_KEY)
        .body(Body::empty())
        .expect("request");
    let r = send(&twin, request).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json()["code"], "4117");
    let r = send(&twin, Request::get("/partnerservice/ping").body(Body::empty()).expect("request")).await;
    assert_eq!(r.json()["code"], "4115", "the API key is checked first");
}

#[tokio::test]
async fn a_sub_path_serves_app_assets_and_api_below_it() {
    let app = sandbox("subpath", "partner/console");
    for uri in ["/partner/console/", "/partner/console/customers/1005-0001"] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert!(r.text().contains("<base href=\"/partner/console/\">"), "{uri}: {}", r.text());
    }
    assert_eq!(get(&app, &format!("/partner/console/{WASM}")).await.status, StatusCode::OK);
    assert_eq!(get(&app, "/partner/console/api/vipmp/partnerservice/ping").await.text(), "pong");
    for uri in ["/partner/console", "/"] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::PERMANENT_REDIRECT, "{uri}");
        assert_eq!(r.header(header::LOCATION), "/partner/console/");
    }
    assert_eq!(get(&app, "/api/vipmp/ping").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/other/customers").await.status, StatusCode::NOT_FOUND);
}

#[test]
fn base_paths_are_normalised_or_refused() {
    assert_eq!(partner_sandbox::normalize_base_path("").as_deref(), Ok("/"));
    assert_eq!(partner_sandbox::normalize_base_path("/").as_deref(), Ok("/"));
    assert_eq!(partner_sandbox::normalize_base_path("partner/console").as_deref(), Ok("/partner/console/"));
    assert_eq!(partner_sandbox::normalize_base_path("/a/b/").as_deref(), Ok("/a/b/"));
    for bad in ["/a//b/", "/../x", "/a b/", "/a?b"] {
        assert!(partner_sandbox::normalize_base_path(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_dist_without_index_is_refused_with_a_hint() {
    let dir = std::env::temp_dir().join(format!("partner-sandbox-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let e = app(&Settings::new(&dir, "/").expect("base")).expect_err("no index");
    assert!(e.to_string().contains("build the console first"));
}

fn nonce_of(policy: &str) -> &str {
    policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).unwrap_or_default()
}

#[tokio::test]
async fn the_page_has_a_strict_policy_with_a_fresh_nonce() {
    let app = sandbox("csp", "/");
    let first = get(&app, "/customers/1").await;
    let second = get(&app, "/").await;
    let (p1, p2) = (first.header(header::CONTENT_SECURITY_POLICY).to_string(), second.header(header::CONTENT_SECURITY_POLICY).to_string());
    assert!(p1.contains("script-src 'self' 'wasm-unsafe-eval' 'nonce-"), "{p1}");
    assert!(!p1.contains("unsafe-inline") && !p1.contains("'unsafe-eval'"), "{p1}");
    assert!(p1.contains("frame-ancestors 'self'"), "{p1}");
    let (n1, n2) = (nonce_of(&p1), nonce_of(&p2));
    assert!(n1.len() >= 22, "nonce {n1:?}");
    assert_ne!(n1, n2, "a new nonce for every response");
    assert!(first.text().contains(&format!("nonce=\"{n1}\"")), "the loader carries the policy's nonce");
    assert!(!first.text().contains("__TRUNK NONCE__"));
    assert!(get(&app, &format!("/{JS}")).await.header(header::CONTENT_SECURITY_POLICY).is_empty(), "only the page needs a policy");
}

#[tokio::test]
async fn framing_is_allowed_only_to_the_configured_parents() {
    let dir = fake_dist("frame");
    let mut config: serde_json::Value = serde_json::from_str(include_str!("../../../public/config.json")).expect("config");
    config["allowedParentOrigins"] = serde_json::json!(["https://portal.example.com"]);
    config["apiBase"]["cpn"] = serde_json::json!("https://cpn-proxy.example.com/cpn");
    std::fs::write(dir.join("config.json"), config.to_string()).expect("write");
    let app = app(&Settings::new(dir, "/").expect("base")).expect("app");
    let policy = get(&app, "/").await.header(header::CONTENT_SECURITY_POLICY).to_string();
    assert!(policy.contains("frame-ancestors 'self' https://portal.example.com;"), "{policy}");
    assert!(policy.contains("connect-src 'self' https://cpn-proxy.example.com;"), "{policy}");
}
