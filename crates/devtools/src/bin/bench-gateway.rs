//! `bench-gateway`: what the gateway costs. In one run, on 127.0.0.1: the twin served alone and
//! called directly (with the credentials the gateway would add), and a gateway in front of
//! another twin of the same seed, called as a signed-in reseller user (session cookie, tenancy
//! check, and for changes the audit write to a SQLite file). Prints requests per second and
//! p50/p99 latency of GET customer and POST order for both, and the differences against the
//! targets. A benchmark: it prints figures and asserts nothing.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use partner_gateway::testing::{Running, RESELLER_A};
use partner_gateway::Upstreams;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

const WARM_UP: Duration = Duration::from_secs(1);
const MEASURE: Duration = Duration::from_secs(5);

type Http = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

static SEQ: AtomicU64 = AtomicU64::new(0);

/// One kind of call: where, how, with which headers.
#[derive(Clone)]
struct Target {
    method: &'static str,
    url: String,
    body: Option<String>,
    headers: Vec<(&'static str, String)>,
    ok: u16,
}

async fn send(client: &Http, t: &Target) -> bool {
    let id = SEQ.fetch_add(1, Ordering::Relaxed);
    let mut request = hyper::Request::builder()
        .method(t.method)
        .uri(&t.url)
        .header("accept", "application/json")
        .header("content-type", "application/json")
        .header("x-request-id", format!("bench-req-{id}"))
        .header("x-correlation-id", format!("bench-cor-{id}"));
    for (k, v) in &t.headers {
        request = request.header(*k, v.as_str());
    }
    let Ok(request) = request.body(Full::new(Bytes::from(t.body.clone().unwrap_or_default()))) else { return false };
    match client.request(request).await {
        Ok(response) => {
            let status = response.status().as_u16();
            response.into_body().collect().await.is_ok() && status == t.ok
        }
        Err(_) => false,
    }
}

async fn run(label: &str, client: &Http, target: Target, connections: usize) -> partner_devtools::LoadFigures {
    let (client, target) = (client.clone(), Arc::new(target));
    let f = partner_devtools::load(connections, WARM_UP, MEASURE, move |_, _| {
        let (client, target) = (client.clone(), target.clone());
        async move { send(&client, &target).await }
    })
    .await;
    println!("{label:<40} {:>9.0} {:>9.2} {:>9.2} {:>7}", f.per_second, f.p50_ms, f.p99_ms, f.errors);
    f
}

#[tokio::main]
async fn main() {
    let mut twin = partner_sandbox::Settings::default();
    twin.twin.pending_delay = Duration::from_secs(3600);
    // The twin alone.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let direct = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(partner_gateway::serve(
        listener,
        partner_sandbox::app(&twin).expect("twin"),
        Default::default(),
        std::future::pending(),
    ));
    // The gateway in front of a twin of its own, its audit trail in a SQLite file.
    let audit = std::env::temp_dir().join(format!("bench-gateway-audit-{}.sqlite", std::process::id()));
    let audit_url = std::env::var("BENCH_AUDIT_URL").unwrap_or_else(|_| format!("sqlite://{}", audit.display()));
    let dist = partner_devtools::e2e_dist();
    let gateway =
        Running::start(&dist, "/", Upstreams::Twin(twin), |s| s.audit_url = audit_url).await.expect("gateway");
    // Log as a deployed gateway does (a test's gateway writes each line at once).
    partner_gateway::log::to_buffer();
    let (customer, offer) = gateway.order_target(0).await.expect("a customer to order for");
    let cookie = gateway.session_cookie(RESELLER_A).await.expect("signed in");

    let credentials = vec![
        ("x-api-key", partner_sandbox::vipmp::SANDBOX_API_KEY.to_string()),
        ("authorization", format!("Bearer {}", partner_sandbox::vipmp::SANDBOX_ACCESS_TOKEN)),
    ];
    let session = vec![("cookie", cookie), ("origin", gateway.origin.clone())];
    let order = serde_json::json!({ "orderType": "NEW", "currencyCode": "USD", "lineItems": [{ "extLineItemNumber": 1, "offerId": offer, "quantity": 1 }] }).to_string();
    let get = |base: &str, headers: &Vec<(&'static str, String)>| Target {
        method: "GET",
        url: format!("{base}/v3/customers/{customer}"),
        body: None,
        headers: headers.clone(),
        ok: 200,
    };
    let post = |base: &str, headers: &Vec<(&'static str, String)>| Target {
        method: "POST",
        url: format!("{base}/v3/customers/{customer}/orders"),
        body: Some(order.clone()),
        headers: headers.clone(),
        ok: 201,
    };
    let (twin_api, gateway_api) = (format!("{direct}/api/vipmp"), format!("{}api/vipmp", gateway.url));

    let client: Http = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(64).build_http();
    println!(
        "bench-gateway, {} (warm-up {} s, {} s measured each; 32 connections for GET, 8 for POST)",
        partner_model::time::date(now_ms()),
        WARM_UP.as_secs(),
        MEASURE.as_secs()
    );
    println!("{:<40} {:>9} {:>9} {:>9} {:>7}", "", "req/s", "p50 ms", "p99 ms", "errors");
    let twin_get = run("GET customer, twin directly", &client, get(&twin_api, &credentials), 32).await;
    let gw_get = run("GET customer, through the gateway", &client, get(&gateway_api, &session), 32).await;
    let twin_post = run("POST order, twin directly", &client, post(&twin_api, &credentials), 8).await;
    let gw_post = run("POST order, through the gateway (audit)", &client, post(&gateway_api, &session), 8).await;
    println!();
    println!(
        "GET: the gateway gives {:.0}% of the twin's throughput (target ≥ 80%), p99 {:+.2} ms (target ≤ +0.5 ms)",
        100.0 * gw_get.per_second / twin_get.per_second.max(1.0),
        gw_get.p99_ms - twin_get.p99_ms
    );
    println!(
        "POST with its audit write: p99 {:+.2} ms (target ≤ +2 ms), p50 {:+.2} ms",
        gw_post.p99_ms - twin_post.p99_ms,
        gw_post.p50_ms - twin_post.p50_ms
    );
    let _ = std::fs::remove_file(&audit);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", audit.display()));
    }
}

fn now_ms() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}
