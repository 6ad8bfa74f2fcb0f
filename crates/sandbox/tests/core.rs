//! The twin's cross-cutting behaviour over HTTP: idempotency (4119, replay, 4120), fault
//! injection (including a connection really dropped on the wire), and persistence across a
//! restart.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use http_body_util::BodyExt;
use serde_json::json;
use std::io::{Read, Write};
use std::time::Duration;
use tower::ServiceExt;

fn reseller(name: &str) -> serde_json::Value {
    json!({
        "distributorId": "DIST-1000",
        "externalReferenceId": "core-test",
        "companyProfile": {
            "companyName": name,
            "preferredLanguage": "en-US",
            "marketSegments": ["COM"],
            "address": { "country": "US", "region": "CA", "city": "San Jose", "addressLine1": "200 Park Ave", "postalCode": "95110" },
            "contacts": [{ "firstName": "Dana", "lastName": "Reyes", "email": "dana.reyes@example.com" }]
        }
    })
}

async fn created(app: &axum::Router, kind: &str) -> u64 {
    call(app, "GET", "/__sandbox/stats", None).await.json["created"][kind].as_u64().unwrap_or(0)
}

#[tokio::test]
async fn a_call_without_correlation_id_is_4119() {
    let app = sandbox(Duration::from_secs(60));
    let request = with_credentials(Request::get("/api/vipmp/v3/resellers/1000000001").header("x-request-id", unique()))
        .body(Body::empty())
        .expect("request");
    let response = app.clone().oneshot(request).await.expect("infallible");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value =
        serde_json::from_slice(&response.into_body().collect().await.expect("body").to_bytes()).expect("json");
    assert_eq!(body["code"], "4119");
}

#[tokio::test]
async fn the_same_correlation_id_gets_the_same_answer_and_acts_once() {
    let app = sandbox(Duration::from_secs(60));
    let intent = unique();
    let first = call_with(&app, "POST", "/v3/resellers", Some(reseller("Replay Test Co")), &intent).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text);
    let again = call_with(&app, "POST", "/v3/resellers", Some(reseller("Replay Test Co")), &intent).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.json, first.json, "the stored answer is replayed");
    assert_eq!(created(&app, "reseller").await, 1);
    let other = call(&app, "POST", "/v3/resellers", Some(reseller("Replay Test Co"))).await;
    assert_ne!(other.json["resellerId"], first.json["resellerId"], "a new intent acts again");
}

#[tokio::test]
async fn a_request_id_reused_with_another_correlation_id_is_4120() {
    let app = sandbox(Duration::from_secs(60));
    let request_id = unique();
    let send = |correlation: String| {
        let request = with_credentials(Request::get("/api/vipmp/v3/resellers?limit=1"))
            .header("x-request-id", request_id.clone())
            .header("x-correlation-id", correlation)
            .body(Body::empty())
            .expect("request");
        app.clone().oneshot(request)
    };
    assert_eq!(send(unique()).await.expect("infallible").status(), StatusCode::OK);
    let response = send(unique()).await.expect("infallible");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value =
        serde_json::from_slice(&response.into_body().collect().await.expect("body").to_bytes()).expect("json");
    assert_eq!(body["code"], "4120");
}

async fn set_faults(app: &axum::Router, rules: serde_json::Value) {
    let request = Request::put("/__sandbox/faults")
        .header("content-type", "application/json")
        .body(Body::from(rules.to_string()))
        .expect("request");
    assert_eq!(app.clone().oneshot(request).await.expect("infallible").status(), StatusCode::OK);
}

#[tokio::test]
async fn a_dropped_answer_is_lost_but_the_retry_with_the_same_intent_gets_it() {
    let app = sandbox(Duration::from_secs(60));
    set_faults(&app, json!([{ "method": "POST", "path": "/v3/resellers", "kind": "drop", "times": 2 }])).await;
    let intent = unique();
    for _ in 0..2 {
        let request = Request::post("/api/vipmp/v3/resellers")
            .header("content-type", "application/json")
            .header("x-request-id", unique())
            .header("x-correlation-id", intent.clone())
            .body(Body::from(reseller("Dropped Answer Co").to_string()))
            .expect("request");
        let response = app.clone().oneshot(request).await.expect("infallible");
        assert!(response.into_body().collect().await.is_err(), "the answer never arrives whole");
    }
    let third = call_with(&app, "POST", "/v3/resellers", Some(reseller("Dropped Answer Co")), &intent).await;
    assert_eq!(third.status, StatusCode::CREATED, "{}", third.text);
    assert_eq!(created(&app, "reseller").await, 1, "acted once for three sends of one intent");
}

#[tokio::test]
async fn gateway_errors_500s_and_broken_bodies() {
    let app = sandbox(Duration::from_secs(60));
    set_faults(
        &app,
        json!([
            { "path": "/v3/resellers", "kind": "status", "status": 502, "times": 1 },
            { "path": "/v3/resellers", "kind": "status", "status": 500, "times": 1 },
            { "path": "/v3/resellers", "kind": "malformed", "times": 1 },
            { "path": "/v3/resellers", "kind": "truncate", "times": 1 },
            { "path": "/v3/resellers", "kind": "latency", "ms": 300, "times": 1 }
        ]),
    )
    .await;
    let gateway = call(&app, "GET", "/v3/resellers", None).await;
    assert_eq!(gateway.status, StatusCode::BAD_GATEWAY);
    assert!(gateway.text.starts_with("<html>"), "a proxy's page, not the API's JSON");
    let internal = call(&app, "GET", "/v3/resellers", None).await;
    assert_eq!((internal.status, internal.json["code"].as_str()), (StatusCode::INTERNAL_SERVER_ERROR, Some("1124")));
    let malformed = call(&app, "GET", "/v3/resellers", None).await;
    assert_eq!(malformed.status, StatusCode::OK);
    assert!(malformed.json.is_null(), "not JSON: {}", malformed.text);
    let truncated = call(&app, "GET", "/v3/resellers", None).await;
    assert!(truncated.json.is_null(), "half a body is not JSON");
    let started = std::time::Instant::now();
    let slow = call(&app, "GET", "/v3/resellers", None).await;
    assert_eq!(slow.status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(call(&app, "GET", "/v3/resellers", None).await.status, StatusCode::OK, "every rule ran out");
}

#[tokio::test]
async fn a_dropped_connection_sends_nothing_on_the_wire() {
    let mut settings = settings(Duration::from_secs(60));
    settings.faults = vec![partner_sandbox::faults::parse_spec("GET /ping drop").expect("spec")];
    let app = partner_sandbox::app(&settings).expect("app");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(partner_sandbox::serve(listener, app, async {
        let _ = stopped.await;
    }));
    let received = tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
        stream.write_all(b"GET /api/vipmp/ping HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n").expect("send");
        let mut buf = Vec::new();
        let _ = stream.read_to_end(&mut buf);
        buf
    })
    .await
    .expect("client");
    let _ = stop.send(());
    assert!(
        !received.starts_with(b"HTTP/1.1 200"),
        "no answer reached the client: {:?}",
        String::from_utf8_lossy(&received)
    );
}

#[tokio::test]
async fn state_survives_a_restart() {
    let file = std::env::temp_dir().join(format!("partner-sandbox-state-{}.json", unique()));
    let mut settings = settings(Duration::from_secs(60));
    settings.twin.state_file = Some(file.clone());
    let app = partner_sandbox::app(&settings).expect("app");
    let made = call(&app, "POST", "/v3/resellers", Some(reseller("Persistent Co"))).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
    let id = made.json["resellerId"].as_str().expect("id").to_string();
    drop(app);
    assert!(!file.with_extension("tmp").exists(), "no half-written file is left behind");
    // A crash in the middle of appending the next change: that change was never acknowledged.
    let journal = partner_sandbox::twin::store::journal_path(&file);
    let mut torn = std::fs::OpenOptions::new().append(true).open(&journal).expect("journal");
    std::io::Write::write_all(&mut torn, b"{\"tables\":{\"resellers\":{\"some\":{\"99").expect("torn line");
    drop(torn);
    let restarted = partner_sandbox::app(&settings).expect("app again");
    let found = call(&restarted, "GET", &format!("/v3/resellers/{id}"), None).await;
    assert_eq!(found.status, StatusCode::OK);
    assert_eq!(found.json["companyProfile"]["companyName"], "Persistent Co");
    let _ = std::fs::remove_file(file);
    let _ = std::fs::remove_file(journal);
}

/// A fresh directory named after `name` and a twin kept in its `state.json` (with its journal),
/// whose pending records complete after `pending`.
fn kept_in_a_file(
    name: &str,
    pending: Duration,
) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf, partner_sandbox::Settings) {
    let dir = std::env::temp_dir().join(format!("{name}-{}", unique()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("state.json");
    let journal = partner_sandbox::twin::store::journal_path(&file);
    let mut settings = settings(pending);
    settings.twin.state_file = Some(file.clone());
    (dir, file, journal, settings)
}

#[tokio::test]
async fn a_journal_left_from_before_the_last_whole_write_is_not_applied_again() {
    let (dir, _, journal, settings) = kept_in_a_file("partner-sandbox-generations", Duration::from_millis(50));
    let app = partner_sandbox::app(&settings).expect("app");
    let made = call(&app, "POST", "/v3/resellers", Some(reseller("Generation Co"))).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let id = made.json["resellerId"].as_str().expect("id").to_string();
    let old_journal = std::fs::read(&journal).expect("a line for the change");
    drop(app);
    // Opening folds the journal into the file; then the reseller changes again.
    let app = partner_sandbox::app(&settings).expect("app again");
    let mut profile = call(&app, "GET", &format!("/v3/resellers/{id}"), None).await.json["companyProfile"].clone();
    profile["address"]["addressLine1"] = serde_json::json!("2 New Street");
    let patched =
        call(&app, "PATCH", &format!("/v3/resellers/{id}"), Some(serde_json::json!({ "companyProfile": profile })))
            .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.text);
    drop(app);
    let _ = partner_sandbox::app(&settings).expect("folded again");
    // A crash between writing the file and removing the journal leaves an older journal behind.
    std::fs::write(&journal, &old_journal).expect("stale journal");
    let app = partner_sandbox::app(&settings).expect("app with a stale journal");
    let found = call(&app, "GET", &format!("/v3/resellers/{id}"), None).await;
    assert_eq!(
        found.json["companyProfile"]["address"]["addressLine1"], "2 New Street",
        "the older line did not undo the later change"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn the_journal_is_folded_into_the_state_file_once_it_outgrows_it() {
    let (dir, file, journal, settings) = kept_in_a_file("partner-sandbox-compaction", Duration::from_secs(60));
    let app = partner_sandbox::app(&settings).expect("app");
    let start = std::fs::metadata(&file).expect("state").len();
    let mut folded = false;
    for i in 0..2_000 {
        let made = call(&app, "POST", "/v3/resellers", Some(reseller(&format!("Folded Co {i}")))).await;
        assert_eq!(made.status, StatusCode::CREATED, "{}", made.text);
        if !journal.exists() {
            folded = true;
            break;
        }
    }
    assert!(folded, "the journal was folded in");
    assert!(std::fs::metadata(&file).expect("state").len() > start, "into the state file");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A search sent as a POST (the price list) is a read: nothing of it reaches the journal.
#[tokio::test]
async fn a_price_list_read_writes_nothing_to_the_journal() {
    let (dir, _, journal, settings) = kept_in_a_file("partner-sandbox-price-read", Duration::from_millis(50));
    let app = partner_sandbox::app(&settings).expect("app");
    let before = std::fs::metadata(&journal).map(|m| m.len()).unwrap_or(0);
    let month = partner_sandbox::twin::time::date(partner_sandbox::twin::time::now())[..7].replace('-', "");
    let body = json!({"region": "NA", "marketSegment": "COM", "currency": "USD", "priceListMonth": month});
    let page = call(&app, "POST", "/v3/pricelist?limit=100", Some(body)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
    let after = std::fs::metadata(&journal).map(|m| m.len()).unwrap_or(0);
    assert_eq!(after, before, "the journal did not grow");
    let _ = std::fs::remove_dir_all(&dir);
}
