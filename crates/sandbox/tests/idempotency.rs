//! A change is made once, whatever happens around it: the same order sent twenty times at once
//! with one correlation id creates one order and twenty equal answers, and a twin killed after
//! saving an order but before answering replays that order to the retry after its restart.

mod common;

use common::*;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A customer of the seeded world (the same for every twin of the default seed) and the offer
/// of a product it already buys at the level it may order now.
async fn customer_and_offer() -> (String, String) {
    let app = sandbox(Duration::from_secs(600));
    let customers = call(&app, "GET", "/v3/resellers/1000000001/customers?limit=20", None).await;
    for account in customers.json["accounts"].as_array().cloned().unwrap_or_default() {
        let customer = account["customerId"].as_str().unwrap_or_default().to_string();
        let subs = call(&app, "GET", &format!("/v3/customers/{customer}/subscriptions"), None).await;
        let Some(offer) = subs.json["items"].as_array().and_then(|i| i.iter().find_map(|s| s["offerId"].as_str()))
        else {
            continue;
        };
        let mut preview = order(offer);
        preview["orderType"] = json!("PREVIEW");
        let best = call(&app, "POST", &format!("/v3/customers/{customer}/orders"), Some(preview)).await;
        if let Some(offer) = best.json["lineItems"][0]["offerId"].as_str() {
            return (customer, offer.to_string());
        }
    }
    panic!("no customer with a subscription: {}", customers.text)
}

fn order(offer: &str) -> Value {
    json!({ "orderType": "NEW", "currencyCode": "USD", "lineItems": [{ "extLineItemNumber": 1, "offerId": offer, "quantity": 1 }] })
}

fn count(orders: &Answer) -> u64 {
    orders.json["totalCount"].as_u64().unwrap_or_else(|| orders.json["items"].as_array().map_or(0, |i| i.len() as u64))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_identical_orders_at_once_make_one() {
    let app = sandbox(Duration::from_secs(600));
    let (customer, offer) = customer_and_offer().await;
    let path = format!("/v3/customers/{customer}/orders");
    let before = count(&call(&app, "GET", &format!("{path}?limit=100"), None).await);
    let correlation = unique();
    let sends = (0..20).map(|_| {
        let (app, path, body, correlation) = (app.clone(), path.clone(), order(&offer), correlation.clone());
        tokio::spawn(async move { call_with(&app, "POST", &path, Some(body), &correlation).await })
    });
    let mut ids = Vec::new();
    for send in sends {
        let answer = send.await.expect("joined");
        assert_eq!(answer.status.as_u16(), 201, "{}", answer.text);
        ids.push(answer.json["orderId"].as_str().unwrap_or_default().to_string());
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "every caller got the one order: {ids:?}");
    let after = count(&call(&app, "GET", &format!("{path}?limit=100"), None).await);
    assert_eq!(after, before + 1, "one order was created");
}

/// The twin binary on a free port with `args`; its base URL.
fn start(args: &[&str]) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_partner-sandbox"))
        .args(["--addr", "127.0.0.1:0", "--pending-ms", "600000"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the twin starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("its address");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("a URL")
        .trim_end_matches("/api/vipmp")
        .to_string();
    (child, url)
}

async fn http(base: &str, method: &str, path: &str, body: Option<Value>, correlation: &str) -> Result<Answer, String> {
    use http_body_util::BodyExt;
    let client: hyper_util::client::legacy::Client<_, axum::body::Body> =
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build_http();
    let request =
        with_credentials(axum::http::Request::builder().method(method).uri(format!("{base}/api/vipmp{path}")))
            .header("content-type", "application/json")
            .header("x-request-id", unique())
            .header("x-correlation-id", correlation)
            .body(body.map_or_else(axum::body::Body::empty, |b| axum::body::Body::from(b.to_string())))
            .map_err(|e| e.to_string())?;
    let response = client.request(request).await.map_err(|e| e.to_string())?;
    let status = response.status();
    let bytes = response.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Ok(Answer { status, json: serde_json::from_str(&text).unwrap_or(Value::Null), text })
}

/// Places an order with a twin that dies at `fault`, restarts it on the same state, retries
/// with the same correlation id: (orders made, whether the retry got the first attempt's order
/// back).
async fn crash_then_retry(fault: &str) -> (u64, Answer) {
    let dir = std::env::temp_dir().join(format!("partner-twin-crash-{}", unique()));
    std::fs::create_dir_all(&dir).expect("dir");
    let state = dir.join("twin.json");
    let state = state.to_str().expect("utf-8");
    let (customer, offer) = customer_and_offer().await;
    let orders = format!("/v3/customers/{customer}/orders");
    let get = async |base: &str, path: &str| http(base, "GET", path, None, &unique()).await.expect("answered");

    let (mut twin, base) = start(&["--state", state, "--fault", &format!("POST /v3/customers/*/orders {fault} x1")]);
    let before = count(&get(&base, &format!("{orders}?limit=100")).await);
    let correlation = unique();
    let lost = http(&base, "POST", &orders, Some(order(&offer)), &correlation).await;
    assert!(lost.is_err(), "the twin died before answering: {:?}", lost.map(|a| a.text));
    let status = twin.wait().expect("it ended");
    assert!(!status.success(), "killed, not stopped: {status}");

    let (mut again, base) = start(&["--state", state]);
    let retry = http(&base, "POST", &orders, Some(order(&offer)), &correlation).await.expect("answered");
    assert_eq!(retry.status.as_u16(), 201, "{}", retry.text);
    let after = get(&base, &format!("{orders}?limit=100")).await;
    let id = retry.json["orderId"].as_str().unwrap_or_default();
    assert!(
        after.json["items"].as_array().is_some_and(|i| i.iter().any(|o| o["orderId"] == id)),
        "the retry's order {id} is there"
    );
    let _ = again.kill();
    let _ = again.wait();
    let _ = std::fs::remove_dir_all(&dir);
    (count(&after) - before, retry)
}

#[tokio::test]
async fn a_crash_between_the_change_and_its_save_loses_it_and_the_retry_makes_it_once() {
    let (made, _) = crash_then_retry("crash").await;
    assert_eq!(made, 1, "nothing of the first attempt was kept, the retry made the order once");
}

#[tokio::test]
async fn a_crash_after_the_save_replays_the_saved_answer_to_the_retry() {
    let (made, retry) = crash_then_retry("crash-after-save").await;
    assert_eq!(made, 1, "the retry got the saved order, not a second one: {}", retry.text);
}

/// A call with explicit ids (the helpers make their own request ids).
async fn call_ids(app: &axum::Router, path: &str, correlation: &str, request_id: &str) -> Answer {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let request = with_credentials(axum::http::Request::get(format!("/api/vipmp{path}")))
        .header("accept", "application/json")
        .header("x-request-id", request_id)
        .header("x-correlation-id", correlation)
        .body(axum::body::Body::empty())
        .expect("request");
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let text = String::from_utf8_lossy(&response.into_body().collect().await.expect("body").to_bytes()).into_owned();
    Answer { status, json: serde_json::from_str(&text).unwrap_or(Value::Null), text }
}

#[tokio::test]
async fn reads_never_write_and_a_change_appends_what_it_changed() {
    let dir = std::env::temp_dir().join(format!("partner-twin-reads-{}", unique()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("state.json");
    let mut settings = settings(Duration::from_secs(600));
    settings.twin.state_file = Some(file.clone());
    let app = partner_sandbox::app(&settings).expect("twin");
    let saved = std::fs::read(&file).expect("saved at start");
    // Opening may already have settled a seeded change that came due, in a line of the journal.
    let journal = partner_sandbox::twin::store::journal_path(&file);
    let journaled = std::fs::read_to_string(&journal).unwrap_or_default();
    for _ in 0..20 {
        assert_eq!(call(&app, "GET", "/v3/resellers/1000000001", None).await.status.as_u16(), 200);
    }
    assert!(std::fs::read(&file).expect("state") == saved, "twenty reads left the state file as it was");
    assert_eq!(std::fs::read_to_string(&journal).unwrap_or_default(), journaled, "and the journal");
    let (customer, offer) = customer_and_offer().await;
    let placed = call(&app, "POST", &format!("/v3/customers/{customer}/orders"), Some(order(&offer))).await;
    assert_eq!(placed.status.as_u16(), 201, "{}", placed.text);
    let order_id = placed.json["orderId"].as_str().unwrap_or("?").to_string();
    assert!(std::fs::read(&file).expect("state") == saved, "the change did not rewrite the state file");
    let all = std::fs::read_to_string(&journal).expect("journal");
    let line = all.strip_prefix(journaled.as_str()).unwrap_or_default();
    assert_eq!(line.lines().count(), 1, "one line for one change");
    assert!(line.contains(&order_id), "the order is in it");
    assert!(
        line.len() * 20 < saved.len(),
        "the line holds what changed ({} bytes), not the world ({} bytes)",
        line.len(),
        saved.len()
    );
    // The answer is kept as text, not as an array of byte values.
    assert!(line.contains("\\\"orderId\\\""), "the stored answer is JSON text");
    drop(app);
    let again = partner_sandbox::app(&settings).expect("twin again");
    let found = call(&again, "GET", &format!("/v3/customers/{customer}/orders/{order_id}"), None).await;
    assert_eq!(found.status.as_u16(), 200, "the journal is applied on open: {}", found.text);
    assert!(!journal.exists(), "and folded into the state file");
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_answered_error_is_replayed_for_its_correlation_id_and_a_fresh_one_gets_through() {
    let mut settings = settings(Duration::from_secs(600));
    settings.faults = vec![partner_sandbox::faults::parse_spec("GET /v3/resellers/* stored=500 x1").expect("spec")];
    let app = partner_sandbox::app(&settings).expect("twin");
    let first = call_with(&app, "GET", "/v3/resellers/1000000001", None, "cor-stored").await;
    assert_eq!((first.status.as_u16(), first.json["code"].as_str()), (500, Some("1124")), "{}", first.text);
    let again = call_with(&app, "GET", "/v3/resellers/1000000001", None, "cor-stored").await;
    assert_eq!((again.status.as_u16(), again.text), (500, first.text), "the same correlation id gets the stored 500");
    let fresh = call_with(&app, "GET", "/v3/resellers/1000000001", None, "cor-fresh").await;
    assert_eq!(fresh.status.as_u16(), 200, "a fresh correlation id is answered anew: {}", fresh.text);
}

#[tokio::test]
async fn ids_longer_than_the_twin_takes_are_refused_before_anything_is_kept() {
    let app = sandbox(Duration::from_secs(600));
    let longest = "c".repeat(partner_sandbox::vipmp::idempotency::MAX_ID);
    assert_eq!(call_ids(&app, "/v3/resellers/1000000001", &longest, &"r".repeat(255)).await.status.as_u16(), 200);
    let long = format!("{longest}c");
    let refused = call_ids(&app, "/v3/resellers/1000000001", &long, &unique()).await;
    assert_eq!((refused.status.as_u16(), refused.json["code"].as_str()), (400, Some("4119")), "{}", refused.text);
    let refused = call_ids(&app, "/v3/resellers/1000000001", &unique(), &"r".repeat(256)).await;
    assert_eq!(refused.status.as_u16(), 400, "{}", refused.text);
    assert!(refused.json["message"].as_str().unwrap_or_default().contains("X-Request-Id"), "{}", refused.text);
}

#[tokio::test]
async fn a_request_id_reused_with_another_correlation_id_is_4120_for_reads_too() {
    let app = sandbox(Duration::from_secs(600));
    let request_id = unique();
    assert_eq!(call_ids(&app, "/v3/resellers/1000000001", &unique(), &request_id).await.status.as_u16(), 200);
    let again = call_ids(&app, "/v3/resellers/1000000001", &unique(), &request_id).await;
    assert_eq!(again.json["code"].as_str(), Some("4120"), "{}", again.text);
}
