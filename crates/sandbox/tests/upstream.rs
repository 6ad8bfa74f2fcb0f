//! Proxy mode against a local fake Adobe IMS, with the twin itself as the upstream API: the
//! token is fetched with the client-credentials grant, reused, refreshed before it expires, and
//! no secret ever reaches a response.

mod common;

use axum::extract::State;
use axum::routing::post;
use axum::{Form, Json, Router};
use common::*;
use partner_sandbox::upstream::ImsSettings;
use partner_sandbox::vipmp::{SANDBOX_ACCESS_TOKEN, SANDBOX_API_KEY};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

const SECRET: &str = "client-s3cret-value";

async fn serve(app: Router) -> (String, tokio::sync::oneshot::Sender<()>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(partner_sandbox::serve(listener, app, async {
        let _ = stopped.await;
    }));
    (format!("http://{addr}"), stop)
}

/// A fake IMS: `POST /ims/token/v3`, counting its calls; tokens live `lifetime` seconds.
fn fake_ims(calls: Arc<AtomicU32>, lifetime: u64) -> Router {
    async fn token(State((calls, lifetime)): State<(Arc<AtomicU32>, u64)>, Form(form): Form<HashMap<String, String>>) -> Result<Json<serde_json::Value>, axum::http::StatusCode> {
        calls.fetch_add(1, Ordering::SeqCst);
        let ok = form.get("grant_type").map(String::as_str) == Some("client_credentials")
            && form.get("client_id").map(String::as_str) == Some(SANDBOX_API_KEY)
            && form.get("client_secret").map(String::as_str) == Some(SECRET);
        if !ok {
            return Err(axum::http::StatusCode::UNAUTHORIZED);
        }
        Ok(Json(serde_json::json!({ "access_token": SANDBOX_ACCESS_TOKEN, "token_type": "bearer", "expires_in": lifetime })))
    }
    Router::new().route("/ims/token/v3", post(token)).with_state((calls, lifetime))
}

async fn proxy_to_twin(secret: &str, lifetime: u64) -> (axum::Router, Arc<AtomicU32>, Vec<tokio::sync::oneshot::Sender<()>>) {
    let (twin_url, stop_twin) = serve(sandbox(Duration::from_secs(60))).await;
    let calls = Arc::new(AtomicU32::new(0));
    let (ims_url, stop_ims) = serve(fake_ims(calls.clone(), lifetime)).await;
    let mut s = settings(Duration::from_secs(60));
    s.upstream = Some((
        format!("{twin_url}/api/vipmp"),
        ImsSettings { url: ims_url, client_id: SANDBOX_API_KEY.into(), client_secret: secret.into(), scopes: "openid,AdobeID".into() },
    ));
    (partner_sandbox::app(&s).expect("proxy"), calls, vec![stop_twin, stop_ims])
}

#[tokio::test]
async fn forwards_with_an_ims_token_that_is_reused_then_refreshed() {
    let (proxy, calls, _stops) = proxy_to_twin(SECRET, 1).await;
    let first = call(&proxy, "GET", "/partnerservice/ping", None).await;
    assert_eq!(first.text, "pong", "the upstream accepted the key and the IMS token");
    assert_eq!(call(&proxy, "GET", "/partnerservice/ping", None).await.text, "pong");
    assert_eq!(calls.load(Ordering::SeqCst), 1, "the token is cached");
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(call(&proxy, "GET", "/partnerservice/ping", None).await.text, "pong");
    assert_eq!(calls.load(Ordering::SeqCst), 2, "refreshed before it expired");
    let listed = call(&proxy, "GET", "/v3/resellers?limit=1", None).await;
    assert_eq!(listed.status, axum::http::StatusCode::OK, "{}", listed.text);
}

#[tokio::test]
async fn refused_credentials_are_a_gateway_error_without_secrets() {
    let (proxy, calls, _stops) = proxy_to_twin("wrong-secret", 3600).await;
    let answer = call(&proxy, "GET", "/partnerservice/ping", None).await;
    assert_eq!(answer.status, axum::http::StatusCode::BAD_GATEWAY);
    assert!(answer.text.contains("refused the client credentials"), "{}", answer.text);
    assert!(!answer.text.contains("wrong-secret") && !answer.text.contains(SECRET));
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}
