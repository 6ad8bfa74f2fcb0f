//! Real upstreams: the twin served on a port of its own stands for Adobe's and VMware's APIs,
//! with a local fake Adobe IMS and a fake VMware Cloud Services. The gateway gets and reuses
//! their tokens, refreshes them before they end, adds them in place of the browser's
//! credentials, never shows a secret — and with real upstreams there is no fault injection and
//! no `__sandbox/`.

mod common;

use axum::extract::State;
use axum::routing::post;
use axum::{Form, Json, Router};
use common::*;
use partner_gateway::testing::{Running, DISTRIBUTOR};
use partner_gateway::upstream::Grant;
use partner_gateway::{RemoteApi, Upstreams};
use partner_sandbox::vipmp::{SANDBOX_ACCESS_TOKEN, SANDBOX_API_KEY};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

const SECRET: &str = "client-s3cret-value";
const CSP_TOKEN: &str = "csp-api-t0ken-value";

async fn serve(app: Router) -> (String, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(partner_gateway::serve(listener, app, partner_gateway::Limits::default(), async {
        let _ = stopped.await;
    }));
    (format!("http://{addr}"), stop)
}

/// A fake token service: Adobe IMS (`/ims/token/v3`) and VMware Cloud Services
/// (`/csp/gateway/am/api/auth/api-tokens/authorize`), counting calls; tokens live `lifetime` s.
fn fake_token_services(calls: Arc<AtomicU32>, lifetime: u64) -> Router {
    type S = State<(Arc<AtomicU32>, u64)>;
    async fn ims(
        State((calls, lifetime)): S,
        Form(form): Form<HashMap<String, String>>,
    ) -> Result<Json<serde_json::Value>, axum::http::StatusCode> {
        calls.fetch_add(1, Ordering::SeqCst);
        let ok = form.get("grant_type").map(String::as_str) == Some("client_credentials")
            && form.get("client_id").map(String::as_str) == Some(SANDBOX_API_KEY)
            && form.get("client_secret").map(String::as_str) == Some(SECRET);
        if !ok {
            return Err(axum::http::StatusCode::UNAUTHORIZED);
        }
        Ok(Json(
            serde_json::json!({ "access_token": SANDBOX_ACCESS_TOKEN, "token_type": "bearer", "expires_in": lifetime }),
        ))
    }
    async fn csp(
        State((calls, _)): S,
        Form(form): Form<HashMap<String, String>>,
    ) -> Result<Json<serde_json::Value>, axum::http::StatusCode> {
        calls.fetch_add(1, Ordering::SeqCst);
        if form.get("refresh_token").map(String::as_str) != Some(CSP_TOKEN) {
            return Err(axum::http::StatusCode::BAD_REQUEST);
        }
        // An absurd lifetime must not break the gateway.
        Ok(Json(serde_json::json!({ "access_token": SANDBOX_ACCESS_TOKEN, "expires_in": u64::MAX })))
    }
    Router::new()
        .route("/ims/token/v3", post(ims))
        .route("/csp/gateway/am/api/auth/api-tokens/authorize", post(csp))
        .with_state((calls, lifetime))
}

struct Rig {
    gateway: Running,
    calls: Arc<AtomicU32>,
    _stops: Vec<tokio::sync::oneshot::Sender<()>>,
}

async fn rig(secret: &str, lifetime: u64) -> Rig {
    rig_on(partner_sandbox::app(&partner_sandbox::Settings::default()).expect("twin"), secret, lifetime).await
}

/// The gateway before `api` (served as the twin is: `/api/vipmp/…`, `/api/cpn/…`).
async fn rig_on(api: Router, secret: &str, lifetime: u64) -> Rig {
    let (twin_url, stop_twin) = serve(api).await;
    let calls = Arc::new(AtomicU32::new(0));
    let (tokens_url, stop_tokens) = serve(fake_token_services(calls.clone(), lifetime)).await;
    let upstreams = Upstreams::Remote {
        vipmp: RemoteApi {
            base: format!("{twin_url}/api/vipmp"),
            grant: Grant::Ims {
                url: tokens_url.clone(),
                client_id: SANDBOX_API_KEY.into(),
                client_secret: secret.into(),
                scopes: "openid,AdobeID".into(),
            },
        },
        cpn: Some(RemoteApi {
            base: format!("{twin_url}/api/cpn"),
            grant: Grant::Csp { url: tokens_url, api_token: CSP_TOKEN.into() },
        }),
    };
    let gateway =
        Running::start(&fake_dist(&format!("upstream-{}", unique())), "/", upstreams, |_| {}).await.expect("gateway");
    Rig { gateway, calls, _stops: vec![stop_twin, stop_tokens] }
}

impl Rig {
    async fn get(&self, path: &str, extra: &[(&str, String)]) -> Reply {
        let mut headers = vec![bearer(&self.gateway.bearer(DISTRIBUTOR))];
        headers.extend(extra.iter().cloned());
        fetch("GET", &format!("{}api/vipmp{path}", self.gateway.url), &headers, None).await
    }
}

#[tokio::test]
async fn forwards_with_an_ims_token_that_is_reused_then_refreshed() {
    let rig = rig(SECRET, 1).await;
    let first = rig.get("/partnerservice/ping", &[]).await;
    assert_eq!(first.text(), "pong", "the upstream accepted the key and the IMS token");
    assert_eq!(rig.get("/partnerservice/ping", &[]).await.text(), "pong");
    assert_eq!(rig.calls.load(Ordering::SeqCst), 1, "the token is cached");
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(rig.get("/partnerservice/ping", &[]).await.text(), "pong");
    assert_eq!(rig.calls.load(Ordering::SeqCst), 2, "refreshed before it expired");
    let listed = rig.get("/v3/resellers?limit=1", &[]).await;
    assert_eq!(listed.status, axum::http::StatusCode::OK, "{}", listed.text());
}

#[tokio::test]
async fn the_browsers_credentials_never_reach_the_upstream() {
    let rig = rig(SECRET, 3600).await;
    let answer = rig.get("/partnerservice/ping", &[("x-api-key", "stolen".into()), ("cookie", "a=b".into())]).await;
    assert_eq!(answer.text(), "pong", "the gateway's key replaced the browser's");
}

#[tokio::test]
async fn answers_come_as_plain_bytes_whatever_the_browser_accepts() {
    // An API that says which encodings it was offered: a real one compresses when offered, and
    // the gateway reads answers (a transfer's reseller, the audit's outcome) before passing
    // them on, compressing them itself for the browser.
    async fn offered(headers: axum::http::HeaderMap) -> Json<serde_json::Value> {
        let offered = headers.get("accept-encoding").and_then(|v| v.to_str().ok()).unwrap_or("none");
        Json(serde_json::json!({ "offered": offered }))
    }
    let rig = rig_on(Router::new().route("/api/vipmp/v3/resellers", axum::routing::get(offered)), SECRET, 3600).await;
    let answer = rig.get("/v3/resellers", &[("accept-encoding", "gzip, deflate, br, zstd".into())]).await;
    assert_eq!(answer.status, axum::http::StatusCode::OK, "{}", answer.text());
    assert!(answer.headers.get("content-encoding").is_none(), "too small to compress: {:?}", answer.headers);
    assert_eq!(answer.json()["offered"], "identity", "the browser's encodings stay with the browser");
}

#[tokio::test]
async fn a_long_answer_comes_brotli_compressed_beyond_the_quick_settings() {
    // A list as the API sends one: records alike in shape, their ids and quantities not.
    fn list() -> String {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let items: Vec<serde_json::Value> = (0..2000)
            .map(|i| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let offer = ["65304479CA01A12", "11073058CA01A12", "65322651CA02A12"][i % 3];
                serde_json::json!({
                    "subscriptionId": format!("{seed:032x}NA"),
                    "offerId": offer,
                    "currentQuantity": seed % 500,
                    "autoRenewal": {"enabled": seed.is_multiple_of(2), "renewalQuantity": seed % 300},
                    "creationDate": format!("2026-{:02}-{:02}T10:00:00Z", seed % 12 + 1, seed % 28 + 1),
                    "status": "1000",
                })
            })
            .collect();
        serde_json::json!({ "totalCount": items.len(), "items": items }).to_string()
    }
    async fn long() -> String {
        list()
    }
    let rig = rig_on(Router::new().route("/api/vipmp/v3/resellers", axum::routing::get(long)), SECRET, 3600).await;
    let answer = rig.get("/v3/resellers", &[("accept-encoding", "gzip, br".into())]).await;
    assert_eq!(answer.header(axum::http::header::CONTENT_ENCODING), "br");
    let mut plain = Vec::new();
    brotli::BrotliDecompress(&mut answer.body.as_slice(), &mut plain).expect("valid brotli");
    let raw = list();
    assert_eq!(plain, raw.as_bytes(), "the same answer");
    let at = |quality: u32| {
        let mut out = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
            std::io::Write::write_all(&mut w, raw.as_bytes()).expect("compress");
        }
        out.len()
    };
    let (sent, quick) = (answer.body.len(), at(4));
    assert!(sent < quick, "{sent} bytes sent, {quick} at brotli's quick quality 4");
}

#[tokio::test]
async fn the_vmware_api_gets_a_cloud_services_token() {
    let rig = rig(SECRET, 3600).await;
    let url = format!(
        "{}api/cpn/cphub/api/seller/v1/distributors/{}/subscriptions/search?limit=2",
        rig.gateway.url,
        partner_sandbox::cpn::DISTRIBUTOR_ORG_ID
    );
    let origin = ("origin", rig.gateway.origin.clone());
    for _ in 0..2 {
        let answer =
            fetch("POST", &url, &[bearer(&rig.gateway.bearer(DISTRIBUTOR)), origin.clone()], Some("{}".into())).await;
        assert_eq!(answer.status, axum::http::StatusCode::OK, "{}", answer.text());
    }
    assert_eq!(rig.calls.load(Ordering::SeqCst), 1, "one exchange, whatever the absurd lifetime");
}

#[tokio::test]
async fn refused_credentials_are_a_gateway_error_without_secrets() {
    let rig = rig("wrong-secret", 3600).await;
    let answer = rig.get("/partnerservice/ping", &[]).await;
    assert_eq!(answer.status, axum::http::StatusCode::BAD_GATEWAY);
    assert_eq!(answer.code(), "GW-UPSTREAM-CREDENTIALS");
    assert!(answer.text().contains("refused the credentials"), "{}", answer.text());
    assert!(!answer.text().contains("wrong-secret") && !answer.text().contains(SECRET));
}

#[tokio::test]
async fn with_real_upstreams_there_are_no_faults_and_no_sandbox_endpoints() {
    let rig = rig(SECRET, 3600).await;
    let token = bearer(&rig.gateway.bearer(DISTRIBUTOR));
    for (method, path) in [
        ("GET", "__sandbox/faults"),
        ("PUT", "__sandbox/faults"),
        ("GET", "__sandbox/approval-codes"),
        ("GET", "__sandbox/stats"),
        ("GET", "__demo-idp/jwks"),
    ] {
        let body = (method == "PUT").then(|| r#"[{"path": "/v3/**", "kind": "drop"}]"#.to_string());
        let answer = fetch(method, &format!("{}{path}", rig.gateway.url), std::slice::from_ref(&token), body).await;
        assert_eq!(answer.status, axum::http::StatusCode::NOT_FOUND, "{method} {path}: {}", answer.text());
    }
    assert_eq!(rig.get("/partnerservice/ping", &[]).await.text(), "pong", "no drop rule took hold");
}
