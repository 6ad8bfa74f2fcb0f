//! `bench-profile DIST [list|hub] [LOADS]`: where the main thread's time goes while a page of
//! the console loads, by function. The console (DIST: a build with its function names, as
//! `scripts/bench-profile` makes it) runs in headless Chromium against the sandbox on 127.0.0.1
//! (`--large` data); V8's sampling profiler (through chromedriver's CDP passthrough, one sample
//! every 50 µs) records LOADS warm loads of the page (5 unless given), each from navigation
//! until the page shows what it is for:
//!
//! - `list`: the 5,000-subscription customer's list with its first 200 rows drawn;
//! - `hub`: the customer hub with its data.
//!
//! Prints each function's own time (its samples, not its callees'), per load, the largest
//! first, and the same time by kind: the console's wasm, wasm-bindgen's JavaScript glue, the
//! browser's own functions (the DOM, decoding strings), index.html's inline script, the garbage
//! collector, and the probes that ask whether the page is ready. A
//! benchmark: it prints figures and asserts nothing. The profiler itself slows the page, so
//! compare these figures with each other, not with `bench-browser`'s. The time the main thread
//! waited (idle) is printed too; the browser's own work outside scripts (style, layout, paint:
//! V8's "program") is in neither.

use partner_devtools::{Browser, Sandbox};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::Duration;

const LARGE_CUSTOMER: &str = "1099999999";
const HUB_CUSTOMER: &str = "1000000012";
const TOP: usize = 40;

/// Navigates to `url` and waits until `ready` (a JavaScript expression) holds.
async fn load(browser: &Browser, url: &str, ready: &str) {
    browser.client.execute("location.href = arguments[0]; return true;", vec![url.into()]).await.expect("navigate");
    let probe = format!("return location.href === arguments[0] && document.readyState !== 'loading' && !!({ready});");
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(Value::Bool(true)) = browser.client.execute(&probe, vec![url.into()]).await {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "{url}: {ready} never held");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// What kind of code a profile node is, by its script.
fn kind(url: &str, name: &str) -> &'static str {
    match (url, name) {
        (_, "(garbage collector)") => "garbage collector",
        (u, _) if u.ends_with(".wasm") => "the console's wasm",
        (u, _) if u.ends_with(".js") => "wasm-bindgen's JavaScript glue",
        ("", "") => "scripts with no address (WebDriver's probes)",
        ("", _) => "the browser's own functions (DOM, strings, network)",
        _ => "index.html's inline script",
    }
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let dist = args.next().map(std::path::PathBuf::from).unwrap_or_else(|| "target/profile-dist".into());
    let page = args.next().unwrap_or_else(|| "list".into());
    let loads: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let mut settings = partner_devtools::Setup::new(&dist, "/");
    settings.sandbox.large = true;
    let sandbox = Sandbox::start_with(settings).await;
    let base = sandbox.url.clone();
    let (url, ready) = match page.as_str() {
        "hub" => (
            format!("{base}customers/{HUB_CUSTOMER}"),
            "!document.querySelector('main .loading') && document.querySelectorAll('main .facts-section').length > 2",
        ),
        _ => (
            format!("{base}subscriptions?customer={LARGE_CUSTOMER}"),
            "document.querySelectorAll('main tbody tr').length === 200 && /of 5,?000/.test(document.querySelector('main [role=status].position')?.textContent ?? '')",
        ),
    };
    let browser = Browser::signed_in(&sandbox).await;
    // A first load, not profiled: the wasm and the data are cached for the rest alike.
    load(&browser, &url, ready).await;
    let (mut by_function, mut by_kind) = (HashMap::<String, f64>::new(), HashMap::<&str, f64>::new());
    let mut idle = 0.0;
    for _ in 0..loads {
        load(&browser, &base, "!!document.querySelector('main h1')").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        browser.cdp("Profiler.enable", json!({})).await;
        browser.cdp("Profiler.setSamplingInterval", json!({ "interval": 50 })).await;
        browser.cdp("Profiler.start", json!({})).await;
        load(&browser, &url, ready).await;
        let stopped = browser.cdp("Profiler.stop", json!({})).await;
        let profile = &stopped["profile"];
        let mut node: HashMap<u64, (String, &'static str)> = HashMap::new();
        for n in profile["nodes"].as_array().into_iter().flatten() {
            let frame = &n["callFrame"];
            let name = frame["functionName"].as_str().unwrap_or_default();
            let script = frame["url"].as_str().unwrap_or_default();
            let file = script.rsplit('/').next().unwrap_or_default();
            let shown = if name.is_empty() {
                format!("(anonymous) {file}")
            } else {
                rustc_demangle::demangle(name).to_string()
            };
            node.insert(n["id"].as_u64().unwrap_or_default(), (shown, kind(script, name)));
        }
        let samples = profile["samples"].as_array().cloned().unwrap_or_default();
        let deltas = profile["timeDeltas"].as_array().cloned().unwrap_or_default();
        for (sample, delta) in samples.iter().zip(&deltas) {
            let Some((name, kind)) = node.get(&sample.as_u64().unwrap_or_default()) else { continue };
            let ms = delta.as_f64().unwrap_or_default() / 1000.0;
            if name == "(idle)" {
                idle += ms;
            }
            if name == "(idle)" || name == "(program)" || name == "(root)" {
                continue;
            }
            *by_function.entry(name.clone()).or_default() += ms;
            *by_kind.entry(kind).or_default() += ms;
        }
    }
    browser.close().await;
    let per_load = |ms: f64| ms / loads as f64;
    let total: f64 = by_kind.values().sum();
    println!("{page}: main thread busy {:.1} ms a load (the mean of {loads} warm loads)", per_load(total));
    println!("{:>8.1} ms  idle: waiting for the network, a frame or a timer", per_load(idle));
    let mut kinds: Vec<_> = by_kind.into_iter().collect();
    kinds.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (kind, ms) in kinds {
        println!("{:>8.1} ms  {kind}", per_load(ms));
    }
    println!("\nthe {TOP} functions with the most time of their own, ms a load:");
    let mut functions: Vec<_> = by_function.into_iter().collect();
    functions.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (name, ms) in functions.into_iter().take(TOP) {
        let short: String = name.chars().take(140).collect();
        println!("{:>8.2}  {short}", per_load(ms));
    }
}
