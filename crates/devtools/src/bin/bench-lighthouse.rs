//! `bench-lighthouse DIST [RUNS] [PAGE]`: Lighthouse (pinned in package.json, run from node_modules)
//! on the release console served by the sandbox on 127.0.0.1 with `--large` data, with its
//! default mobile settings (simulated slow 4G, a 4× slower CPU) in Debian's Chromium. For each
//! page — home, the customer hub, the 5,000-subscription list, placing an order — the median of
//! RUNS runs (default 3) of the performance score, LCP, TBT, CLS and the bytes transferred;
//! PAGE (`home`, `hub`, `list`, `place`) measures that page alone, for comparing two builds with
//! more runs in the same time. Prints a table; asserts nothing.
//!
//! Lighthouse starts its own Chromium with an empty profile; the sandbox's session cookie,
//! taken from a browser signed in through the demo provider, goes with every request
//! (`--extra-headers`).
//!
//! `BENCH_LIGHTHOUSE_KEEP=DIR` keeps each run's whole report there (`PAGE-N.json`) with its
//! trace (`PAGE-N-0.trace.json`, for Chromium's performance panel), for reading what the
//! figures are made of: the requests, the main thread's long tasks. With
//! `BENCH_LIGHTHOUSE_PROFILE` set too, the trace holds a CPU profile of what runs in them (named
//! when the wasm keeps its names: `PARTNER_SPLIT_NAMES=1 scripts/build-release DIST`); the
//! profiler's own cost is then in the figures.
//!
//! With `LANTERN_DEBUG=1` too, Lighthouse also writes its simulation there
//! (`PAGE-N-optimisticLargestContentfulPaint.trace.json` and the pessimistic one: each request
//! and task of the graph the LCP is estimated from, with its simulated start and end), which
//! says what ends a page's simulated LCP.
//!
//! `BENCH_LIGHTHOUSE_APPLIED=1` has Chromium apply the slow network and CPU to the page as it
//! runs (Lighthouse's `--throttling-method=devtools`) instead of simulating them from a fast
//! run: slower and noisier, but each request waits its round trip where the page made it, so a
//! round trip taken out of the page's own sequence shows (the simulation links a `fetch` to
//! nothing that waits for it).
//!
//! `BENCH_LIGHTHOUSE_H2=1` puts the sandbox behind a TLS front on 127.0.0.1 that speaks HTTP/2
//! (a certificate made for the run, which Chromium is told to accept), as a deployment's load
//! balancer or CDN does in front of the gateway: browsers speak HTTP/2 only over TLS, and the
//! sandbox alone speaks HTTP/1.1. Lighthouse's simulation then fetches every file of the page
//! over one warm connection instead of opening up to six, each two round trips before its first
//! byte, and sharing the line among them.

use http_body_util::{Either, Empty};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, HOST, ORIGIN};
use hyper_util::rt::{TokioExecutor, TokioIo};
use partner_devtools::{workspace_root, Browser, Sandbox, CHROMIUM};
use partner_gateway::upstream::HOP_BY_HOP;
use std::convert::Infallible;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

const HUB_CUSTOMER: &str = "1000000012";
const LARGE_CUSTOMER: &str = "1099999999";

/// One Lighthouse run's figures.
#[derive(Clone, Copy, Default)]
struct Run {
    score: f64,
    lcp_ms: f64,
    tbt_ms: f64,
    cls: f64,
    bytes: f64,
}

/// The figures of a Lighthouse JSON report, or what is missing from it.
fn figures(report: &serde_json::Value) -> Result<Run, String> {
    let audit =
        |id: &str| report["audits"][id]["numericValue"].as_f64().ok_or_else(|| format!("the report has no {id}"));
    let score = report["categories"]["performance"]["score"].as_f64().ok_or("the report has no performance score")?;
    Ok(Run {
        score: score * 100.0,
        lcp_ms: audit("largest-contentful-paint")?,
        tbt_ms: audit("total-blocking-time")?,
        cls: audit("cumulative-layout-shift")?,
        bytes: audit("total-byte-weight")?,
    })
}

/// Whether the pages are measured through [`https_front`] (`BENCH_LIGHTHOUSE_H2`).
fn h2() -> bool {
    std::env::var_os("BENCH_LIGHTHOUSE_H2").is_some()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The front's client of the sandbox.
type SandboxClient = hyper_util::client::legacy::Client<hyper_util::client::legacy::connect::HttpConnector, Incoming>;

/// An answer passed on from the sandbox, or the front's own 502 when none came.
type Answer = hyper::Response<Either<Incoming, Empty<Bytes>>>;

/// Removes the headers that describe one connection, as the gateway does with its own list:
/// HTTP/2 forbids them, and the next hop has its own.
fn drop_hop_by_hop(headers: &mut hyper::HeaderMap) {
    for name in HOP_BY_HOP {
        headers.remove(name);
    }
}

/// `request` sent on to the sandbox at `to` over HTTP/1.1. When no answer comes, the front
/// says so on standard error and answers 502, so a broken run shows instead of measuring a page
/// that failed.
async fn forward(
    client: SandboxClient,
    to: String,
    mut request: hyper::Request<Incoming>,
) -> Result<Answer, Infallible> {
    let Ok(uri) = to.parse() else {
        eprintln!("bench-lighthouse: the front cannot forward to {to}");
        return Ok(bad_gateway());
    };
    *request.uri_mut() = uri;
    *request.version_mut() = hyper::Version::HTTP_11;
    drop_hop_by_hop(request.headers_mut());
    match client.request(request).await {
        Ok(mut response) => {
            drop_hop_by_hop(response.headers_mut());
            Ok(response.map(Either::Left))
        }
        Err(e) => {
            eprintln!("bench-lighthouse: the sandbox did not answer {to}: {e}");
            Ok(bad_gateway())
        }
    }
}

fn bad_gateway() -> Answer {
    let mut answer = hyper::Response::new(Either::Right(Empty::new()));
    *answer.status_mut() = hyper::StatusCode::BAD_GATEWAY;
    answer
}

/// A TLS front on 127.0.0.1 for the sandbox at `upstream` (`http://127.0.0.1:PORT/BASE`),
/// speaking HTTP/2 (or HTTP/1.1, as the browser offers) with a certificate made now: the
/// sandbox's URL through the front (`https://127.0.0.1:PORT/BASE`). Each request goes on with
/// the path it came with. Its `Host`, and an `Origin` that is the front's, say the gateway's
/// own, which its guard checks: this stands in for a deployment, where the gateway's public
/// origin (`GATEWAY_PUBLIC_ORIGIN`) is the balancer's.
async fn https_front(upstream: &str) -> String {
    let upstream = url::Url::parse(upstream).expect("the sandbox's URL");
    let authority =
        format!("{}:{}", upstream.host_str().unwrap_or("127.0.0.1"), upstream.port_or_known_default().unwrap_or(80));
    let made = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).expect("a certificate");
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(made.key_pair.serialize_der().into());
    let mut tls = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(vec![made.cert.der().clone()], key)
        .expect("the certificate");
    tls.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port for the front");
    let front = format!("https://{}", listener.local_addr().expect("the front's address"));
    let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build_http::<Incoming>();
    let host = HeaderValue::from_str(&authority).expect("an authority");
    let origin = HeaderValue::from_str(&format!("http://{authority}")).expect("an origin");
    let front_origin = front.clone();
    tokio::spawn(async move {
        loop {
            let tcp = match listener.accept().await {
                Ok((tcp, _)) => tcp,
                Err(e) => {
                    eprintln!("bench-lighthouse: the front could not accept a connection: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                    continue;
                }
            };
            let (acceptor, client, authority) = (acceptor.clone(), client.clone(), authority.clone());
            let (host, origin, front_origin) = (host.clone(), origin.clone(), front_origin.clone());
            tokio::spawn(async move {
                let tls = match acceptor.accept(tcp).await {
                    Ok(tls) => tls,
                    Err(e) => return eprintln!("bench-lighthouse: the front's TLS handshake failed: {e}"),
                };
                let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                    let (client, authority) = (client.clone(), authority.clone());
                    let path = request.uri().path_and_query().map_or("/", |p| p.as_str()).to_string();
                    let headers = request.headers_mut();
                    headers.insert(HOST, host.clone());
                    if headers.get(ORIGIN).is_some_and(|o| o.as_bytes() == front_origin.as_bytes()) {
                        headers.insert(ORIGIN, origin.clone());
                    }
                    forward(client, format!("http://{authority}{path}"), request)
                });
                let _ = hyper_util::server::conn::auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(tls), service)
                    .await;
            });
        }
    });
    format!("{front}{}", upstream.path())
}

/// Runs Lighthouse once on `url` with `cookie`; its report.
/// With `keep`, the report goes to that file and its trace beside it (`--save-assets`).
fn lighthouse(url: &str, cookie: &str, keep: Option<&std::path::Path>) -> Result<serde_json::Value, String> {
    let root = workspace_root();
    let bin = root.join("node_modules/.bin/lighthouse");
    let headers = serde_json::json!({ "Cookie": cookie }).to_string();
    let output_path = match keep {
        Some(path) => format!("--output-path={}", path.display()),
        None => "--output-path=stdout".into(),
    };
    let output = Command::new(&bin)
        .arg(url)
        .args(["--quiet", "--output=json", &output_path, "--only-categories=performance"])
        .args(keep.map(|_| "--save-assets"))
        .args(
            (keep.is_some() && std::env::var_os("BENCH_LIGHTHOUSE_PROFILE").is_some())
                .then_some("--additional-trace-categories=disabled-by-default-v8.cpu_profiler"),
        )
        .args(std::env::var_os("BENCH_LIGHTHOUSE_APPLIED").map(|_| "--throttling-method=devtools"))
        .arg(format!(
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run{}",
            if h2() { " --ignore-certificate-errors" } else { "" }
        ))
        .arg(format!("--extra-headers={headers}"))
        .env("CHROME_PATH", CHROMIUM)
        .output()
        .map_err(|e| format!("{}: {e} (scripts/setup installs it)", bin.display()))?;
    if !output.status.success() {
        return Err(format!("lighthouse failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let report = match keep {
        Some(path) => std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?,
        None => output.stdout,
    };
    serde_json::from_slice(&report).map_err(|e| format!("lighthouse's report: {e}"))
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let dist = args.next().map(PathBuf::from).unwrap_or_else(|| "target/bench-dist".into());
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(3).max(1);
    let only = args.next();
    let mut settings = partner_devtools::Setup::new(&dist, "/");
    settings.sandbox.large = true;
    let sandbox = Sandbox::start_with(settings).await;
    let base = if h2() { https_front(&sandbox.url).await } else { sandbox.url.clone() };

    let browser = Browser::signed_in(&sandbox).await;
    let cookies = browser.client.get_all_cookies().await.expect("the session's cookies");
    let cookie = cookies.iter().map(|c| format!("{}={}", c.name(), c.value())).collect::<Vec<_>>().join("; ");
    browser.close().await;

    let pages = [
        ("home", "home", base.clone()),
        ("hub", "customer hub", format!("{base}customers/{HUB_CUSTOMER}")),
        ("list", "5,000 subscriptions", format!("{base}subscriptions?customer={LARGE_CUSTOMER}")),
        ("place", "place an order", format!("{base}customers/{HUB_CUSTOMER}/orders/new")),
    ];
    if only.as_deref().is_some_and(|o| !pages.iter().any(|(key, ..)| *key == o)) {
        eprintln!("bench-lighthouse: PAGE is one of home, hub, list, place");
        std::process::exit(2);
    }
    let pages = pages.into_iter().filter(|(key, ..)| only.as_deref().is_none_or(|o| o == *key));
    let over = if h2() { ", over HTTP/2 and TLS" } else { "" };
    println!("Lighthouse 12 (mobile: simulated slow 4G, 4x CPU{over}), median of {runs} runs per page");
    println!("{:<22} {:>11} {:>8} {:>8} {:>7} {:>10}", "page", "performance", "LCP", "TBT", "CLS", "bytes");
    let keep = std::env::var_os("BENCH_LIGHTHOUSE_KEEP").map(PathBuf::from);
    for (key, name, url) in pages {
        let mut all = Vec::new();
        for n in 0..runs {
            let run = tokio::task::spawn_blocking({
                let (url, cookie) = (url.clone(), cookie.clone());
                let keep = keep.as_ref().map(|dir| dir.join(format!("{key}-{n}.json")));
                move || lighthouse(&url, &cookie, keep.as_deref()).and_then(|r| figures(&r))
            })
            .await
            .unwrap_or_else(|e| Err(e.to_string()));
            match run {
                Ok(run) => all.push(run),
                Err(why) => {
                    eprintln!("bench-lighthouse: {name}: {why}");
                    std::process::exit(1);
                }
            }
        }
        let m = |f: fn(&Run) -> f64| median(all.iter().map(f).collect());
        println!(
            "{:<22} {:>11.0} {:>6.2} s {:>5.0} ms {:>7.3} {:>7.0} KiB",
            name,
            m(|r| r.score),
            m(|r| r.lcp_ms) / 1000.0,
            m(|r| r.tbt_ms),
            m(|r| r.cls),
            m(|r| r.bytes) / 1024.0
        );
    }
}
