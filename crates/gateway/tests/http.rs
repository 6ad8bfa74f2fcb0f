//! The gateway's own answers, in-process: static serving, SPA fallback, sub-paths, the
//! Content-Security-Policy, and API calls refused before any sign-in.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use partner_gateway::{app, Settings};
use partner_sandbox::vipmp;
use tower::ServiceExt;

mod common;

use common::{fake_dist, JS, WASM};

fn sandbox(name: &str, base: &str) -> Router {
    app(&Settings::embedded(fake_dist(name), base, "http://127.0.0.1:9").expect("base")).expect("app").router
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

async fn send(app: &Router, mut request: Request<Body>) -> Reply {
    // As a browser at the public origin would.
    if !request.headers().contains_key(header::HOST) {
        request.headers_mut().insert(header::HOST, header::HeaderValue::from_static("127.0.0.1:9"));
    }
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
    assert_eq!(r.json()["code"], "GW-NOT-FOUND", "a missing file is JSON too");
    for uri in ["/api/nothing/here", "/api/vipmp/v9/unknown", "/api/cpn/v3/customers/1"] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(r.json()["code"], "GW-NOT-FOUND", "{uri}");
    }
    // Dot segments and encoded separators never reach a route, a file or an upstream.
    for uri in [
        "/api/vipmp/v3/customers/../resellers",
        "/api/vipmp/../../x",
        "/api/vipmp/v3/customers%2F..%2Fresellers",
        "/api/vipmp/%2e%2e/x",
        "/%ff",
        "/a\\b",
    ] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(r.json()["code"], "GW-BAD-PATH", "{uri}");
    }
}

#[tokio::test]
async fn api_calls_need_a_signed_in_user() {
    let app = sandbox("anonymous", "/");
    for uri in ["/api/vipmp/ping", "/api/vipmp/partnerservice/ping", "/api/vipmp/v3/resellers", "/auth/me"] {
        let r = get(&app, uri).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{uri}: {}", r.text());
        assert_eq!(r.json()["code"], "GW-SIGN-IN", "{uri}");
    }
}

#[tokio::test]
async fn a_page_method_other_than_get_is_a_json_405() {
    let app = sandbox("method", "/");
    let r = send(&app, Request::post("/customers").body(Body::empty()).expect("request")).await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.json()["code"], "GW-METHOD");
}

#[tokio::test]
async fn the_twin_without_a_token_says_4117() {
    let twin =
        partner_sandbox::twin::Twin::open(Default::default(), Default::default(), vipmp::seed::apply).expect("twin");
    let twin = vipmp::router(twin, partner_sandbox::faults::Faults::default());
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
    let ping = get(&app, "/partner/console/api/vipmp/partnerservice/ping").await;
    assert_eq!(ping.json()["code"], "GW-SIGN-IN", "the API is below the base too");
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
    assert_eq!(partner_gateway::normalize_base_path("").as_deref(), Ok("/"));
    assert_eq!(partner_gateway::normalize_base_path("/").as_deref(), Ok("/"));
    assert_eq!(partner_gateway::normalize_base_path("partner/console").as_deref(), Ok("/partner/console/"));
    assert_eq!(partner_gateway::normalize_base_path("/a/b/").as_deref(), Ok("/a/b/"));
    for bad in ["/a//b/", "/../x", "/a b/", "/a?b"] {
        assert!(partner_gateway::normalize_base_path(bad).is_err(), "{bad}");
    }
}

#[test]
fn a_dist_without_index_is_refused_with_a_hint() {
    let dir = std::env::temp_dir().join(format!("partner-gateway-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let e = app(&Settings::embedded(&dir, "/", "http://127.0.0.1:9").expect("base")).err().expect("no index");
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
    let (p1, p2) = (
        first.header(header::CONTENT_SECURITY_POLICY).to_string(),
        second.header(header::CONTENT_SECURITY_POLICY).to_string(),
    );
    assert!(p1.contains("script-src 'self' 'wasm-unsafe-eval' 'nonce-"), "{p1}");
    assert!(!p1.contains("unsafe-inline") && !p1.contains("'unsafe-eval'"), "{p1}");
    assert!(p1.contains("frame-ancestors 'self'"), "{p1}");
    let (n1, n2) = (nonce_of(&p1), nonce_of(&p2));
    assert!(n1.len() >= 22, "nonce {n1:?}");
    assert_ne!(n1, n2, "a new nonce for every response");
    assert!(first.text().contains(&format!("nonce=\"{n1}\"")), "the loader carries the policy's nonce");
    assert!(!first.text().contains("__TRUNK NONCE__"));
    assert!(
        get(&app, &format!("/{JS}")).await.header(header::CONTENT_SECURITY_POLICY).is_empty(),
        "only the page needs a policy"
    );
}

#[tokio::test]
async fn framing_is_allowed_only_to_the_configured_parents() {
    let dir = fake_dist("frame");
    let mut config: serde_json::Value =
        serde_json::from_str(include_str!("../../../public/config.json")).expect("config");
    config["allowedParentOrigins"] = serde_json::json!(["https://portal.example.com"]);
    config["apiBase"]["cpn"] = serde_json::json!("https://cpn-proxy.example.com/cpn");
    std::fs::write(dir.join("config.json"), config.to_string()).expect("write");
    let app = app(&Settings::embedded(dir, "/", "http://127.0.0.1:9").expect("base")).expect("app").router;
    let policy = get(&app, "/").await.header(header::CONTENT_SECURITY_POLICY).to_string();
    assert!(policy.contains("frame-ancestors 'self' https://portal.example.com;"), "{policy}");
    assert!(policy.contains("connect-src 'self' https://cpn-proxy.example.com;"), "{policy}");
}
