//! `bench-load`: a bounded load on 127.0.0.1, printing requests per second and p50/p99 latency.
//! First against the gateway in front of the twin (started in-process with the `--large` data,
//! calls signed in as distributor staff): GET customer and order history pages. Then against
//! the twin alone, in memory and with `--state`, and its resident memory before and after
//! requests with long ids. A benchmark: it prints figures and asserts nothing.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CONNECTIONS: usize = 32;
const WARM_UP: Duration = Duration::from_secs(1);
const MEASURE: Duration = Duration::from_secs(8);

type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

static SEQ: AtomicU64 = AtomicU64::new(0);
/// Distributor staff's bearer token, from the test provider (the gateway checks it on every call).
static AUTHORIZATION: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Who calls: a signed-in distributor staff user through the gateway, or the gateway itself
/// calling the twin (with the credentials it adds).
#[derive(Clone, Copy)]
enum Caller {
    Staff,
    Gateway,
}

/// One call with `ids` (correlation, request) or fresh ones; its status and whole body.
async fn send(
    client: &Http,
    caller: Caller,
    method: hyper::Method,
    url: &str,
    ids: Option<(&str, &str)>,
    body: &str,
) -> Result<(u16, Bytes), String> {
    let n = SEQ.fetch_add(1, Ordering::Relaxed);
    let (correlation, request_id) = match ids {
        Some((c, r)) => (c.to_string(), r.to_string()),
        None => (format!("bench-cor-{n}"), format!("bench-req-{n}")),
    };
    let mut request = hyper::Request::builder()
        .method(method)
        .uri(url)
        .header("accept", "application/json")
        .header("content-type", "application/json")
        .header("x-request-id", request_id)
        .header("x-correlation-id", correlation);
    request = match caller {
        Caller::Staff => request.header("authorization", AUTHORIZATION.get().map(String::as_str).unwrap_or_default()),
        Caller::Gateway => request
            .header("x-api-key", partner_sandbox::vipmp::SANDBOX_API_KEY)
            .header("authorization", format!("Bearer {}", partner_sandbox::vipmp::SANDBOX_ACCESS_TOKEN)),
    };
    let request = request.body(Full::new(Bytes::from(body.to_string()))).map_err(|e| e.to_string())?;
    let response = client.request(request).await.map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let body = response.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
    Ok((status, body))
}

/// A GET through the gateway as distributor staff.
async fn get(client: &Http, url: &str) -> Result<(u16, Bytes), String> {
    send(client, Caller::Staff, hyper::Method::GET, url, None, "").await
}

/// A GET straight to the twin with the given ids.
async fn twin_get(client: &Http, url: &str, correlation: &str, request_id: &str) -> Result<(u16, Bytes), String> {
    send(client, Caller::Gateway, hyper::Method::GET, url, Some((correlation, request_id)), "").await
}

/// Runs `CONNECTIONS` workers over `urls` (round robin) and prints one result row.
async fn run(label: &str, client: &Http, urls: Arc<Vec<String>>) {
    let client = client.clone();
    let f = partner_devtools::load(CONNECTIONS, WARM_UP, MEASURE, move |w, n| {
        let (client, urls) = (client.clone(), urls.clone());
        async move { matches!(get(&client, &urls[(w + n * CONNECTIONS) % urls.len()]).await, Ok((200, _))) }
    })
    .await;
    println!("{label:<36} {:>10.0} {:>10.2} {:>10.2} {:>8}", f.per_second, f.p50_ms, f.p99_ms, f.errors);
}

/// This process's resident memory in MB (the twin runs in it), from `/proc/self/status`.
fn resident_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok());
    kb.unwrap_or(0.0) / 1024.0
}

/// The twin alone on 127.0.0.1 with the `--large` data, kept in `state` if given: its URL
/// (ending in `/api/vipmp`) and the task serving it.
async fn twin_alone(state: Option<std::path::PathBuf>) -> Option<(String, tokio::task::JoinHandle<()>)> {
    let mut settings = partner_sandbox::Settings { large: true, ..Default::default() };
    settings.twin.state_file = state;
    let app = partner_sandbox::app(&settings).map_err(|e| eprintln!("bench-load: twin: {e}")).ok()?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.ok()?;
    let url = format!("http://{}/api/vipmp", listener.local_addr().ok()?);
    let task = tokio::spawn(async move {
        let _ = partner_sandbox::serve(listener, app, std::future::pending()).await;
    });
    Some((url, task))
}

/// GET customer on the twin alone, in memory and with `--state`; then its memory across 300
/// GETs whose ids are 150 kB each.
async fn twin_figures(client: &Http, customers: &[String]) {
    println!();
    println!("the twin alone (--large data), {CONNECTIONS} connections:");
    println!("{:<36} {:>10} {:>10} {:>10} {:>8}", "call", "req/s", "p50 ms", "p99 ms", "errors");
    let dir = std::env::temp_dir().join(format!("bench-load-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for (label, state) in [("GET customer, in memory", None), ("GET customer, --state", Some(dir.join("state.json")))] {
        let Some((base, task)) = twin_alone(state.clone()).await else { return };
        let urls: Arc<Vec<String>> = Arc::new(customers.iter().map(|id| format!("{base}/v3/customers/{id}")).collect());
        let c = client.clone();
        let f = partner_devtools::load(CONNECTIONS, WARM_UP, MEASURE, move |w, n| {
            let (client, urls) = (c.clone(), urls.clone());
            async move {
                let id = SEQ.fetch_add(1, Ordering::Relaxed);
                let url = &urls[(w + n * CONNECTIONS) % urls.len()];
                matches!(
                    twin_get(&client, url, &format!("bench-cor-{id}"), &format!("bench-req-{id}")).await,
                    Ok((200, _))
                )
            }
        })
        .await;
        println!("{label:<36} {:>10.0} {:>10.2} {:>10.2} {:>8}", f.per_second, f.p50_ms, f.p99_ms, f.errors);
        // A change: an order preview (every POST is kept with its answer), 8 connections.
        let subs = format!("{base}/v3/customers/{}/subscriptions", customers[0]);
        let offer = match twin_get(client, &subs, "bench-subs", "bench-subs").await {
            Ok((_, body)) => serde_json::from_slice::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v["items"][0]["offerId"].as_str().map(str::to_string)),
            Err(_) => None,
        };
        if let Some(offer) = offer {
            let url = format!("{base}/v3/customers/{}/orders", customers[0]);
            let body = serde_json::json!({ "orderType": "PREVIEW", "currencyCode": "USD", "lineItems": [{ "extLineItemNumber": 1, "offerId": offer, "quantity": 1 }] }).to_string();
            let posting = client.clone();
            let f = partner_devtools::load(8, WARM_UP, MEASURE, move |_, _| {
                let (client, url, body) = (posting.clone(), url.clone(), body.clone());
                async move {
                    matches!(send(&client, Caller::Gateway, hyper::Method::POST, &url, None, &body).await, Ok((201, _)))
                }
            })
            .await;
            let label = label.replace("GET customer", "POST order preview");
            println!("{label:<36} {:>10.0} {:>10.2} {:>10.2} {:>8}", f.per_second, f.p50_ms, f.p99_ms, f.errors);
        }
        if let Some(file) = state {
            let size = |p: &std::path::Path| std::fs::metadata(p).map_or(0.0, |m| m.len() as f64 / 1e6);
            let journal = partner_sandbox::twin::store::journal_path(&file);
            println!("  state file after the run: {:.1} MB, its journal {:.1} MB", size(&file), size(&journal));
        }
        task.abort();
    }
    let _ = std::fs::remove_dir_all(&dir);
    let Some((base, task)) = twin_alone(None).await else { return };
    let url = format!("{base}/v3/customers/{}", customers[0]);
    let _ = twin_get(client, &url, "warm", "warm").await;
    let before = resident_mb();
    let mut statuses = std::collections::BTreeMap::new();
    for i in 0..300 {
        let long = format!("{i}-{}", "x".repeat(150_000));
        let status = twin_get(client, &url, &format!("c{long}"), &format!("r{long}")).await.map_or(0, |(s, _)| s);
        *statuses.entry(status).or_insert(0) += 1;
    }
    println!(
        "300 GETs with 150 kB ids: answers {statuses:?}; resident memory {before:.0} MB before, {:.0} MB after",
        resident_mb()
    );
    task.abort();
}

fn main() {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => return eprintln!("bench-load: {e}"),
    };
    runtime.block_on(async {
        let dist = partner_devtools::workspace_root().join("target/bench-load-dist");
        let _ = std::fs::create_dir_all(&dist);
        let _ = std::fs::write(dist.join("index.html"), "<!DOCTYPE html><html><head><base href=\"/\"></head></html>");
        let mut settings = partner_devtools::Setup::new(&dist, "/");
        settings.sandbox.large = true;
        let started = Instant::now();
        let sandbox = partner_devtools::Sandbox::start_with(settings).await;
        // Log as a deployed gateway does (to standard error, buffered), not a line per call.
        partner_gateway::log::to_buffer();
        println!("sandbox with --large data up in {:.2} s at {}", started.elapsed().as_secs_f64(), sandbox.url);
        let _ = AUTHORIZATION.set(format!("Bearer {}", sandbox.gateway.bearer(partner_gateway::testing::DISTRIBUTOR)));
        let client: Http = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(CONNECTIONS).build_http();
        let base = format!("{}api/vipmp", sandbox.url);
        let stats = get(&client, &format!("{}__sandbox/stats", sandbox.url))
            .await
            .ok()
            .and_then(|(_, b)| serde_json::from_slice::<serde_json::Value>(&b).ok());
        let Some(busiest) = stats.as_ref().and_then(|s| s["busiestCustomer"].as_str().map(str::to_string)) else {
            return eprintln!("bench-load: the sandbox reports no customer with orders");
        };
        let customers: Vec<String> = match get(&client, &format!("{base}/v3/resellers?limit=50")).await {
            Ok((200, body)) => {
                let page: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                let mut ids = Vec::new();
                for r in page["accounts"].as_array().cloned().unwrap_or_default() {
                    let rid = r["resellerId"].as_str().unwrap_or_default();
                    if let Ok((200, body)) =
                        get(&client, &format!("{base}/v3/resellers/{rid}/customers?limit=50")).await
                    {
                        let c: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
                        ids.extend(
                            c["accounts"]
                                .as_array()
                                .cloned()
                                .unwrap_or_default()
                                .iter()
                                .filter_map(|a| a["customerId"].as_str().map(str::to_string)),
                        );
                    }
                }
                ids
            }
            _ => Vec::new(),
        };
        if customers.is_empty() {
            return eprintln!("bench-load: could not list customers");
        }
        println!(
            "{CONNECTIONS} connections, {} s measured after {} s warm-up, on this machine ({} cores)",
            MEASURE.as_secs(),
            WARM_UP.as_secs(),
            std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
        );
        println!("{:<36} {:>10} {:>10} {:>10} {:>8}", "call", "req/s", "p50 ms", "p99 ms", "errors");
        let customer_urls: Vec<String> = customers.iter().map(|id| format!("{base}/v3/customers/{id}")).collect();
        run("GET customer", &client, Arc::new(customer_urls)).await;
        let pages: Vec<String> =
            (0..100).map(|p| format!("{base}/v3/customers/{busiest}/orders?limit=25&offset={}", p * 25)).collect();
        run("GET order history (25 of 10,000)", &client, Arc::new(pages)).await;
        let big: Vec<String> =
            (0..100).map(|p| format!("{base}/v3/customers/{busiest}/orders?limit=100&offset={}", p * 100)).collect();
        run("GET order history (100 of 10,000)", &client, Arc::new(big)).await;
        twin_figures(&client, &customers).await;
    });
}
