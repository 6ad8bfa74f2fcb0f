//! `bench-browser DIST`: the console in headless Chromium against the sandbox on 127.0.0.1
//! (`--large` data), measured with the page's own clock (`performance.now()`, from navigation
//! start). Prints a table; asserts nothing.
//!
//! - Time from navigation to the home page, and to the customer hub showing its data: median of
//!   cold loads, each in a new browser profile (empty cache), with the bytes of the app's own
//!   files each transferred (Resource Timing: compressed, headers included).
//! - 5,000 subscriptions: time until the list shows its first 200 rows, and the cost of each
//!   keystroke of a filter, against a plain JavaScript page doing the same work from the same
//!   JSON (same stylesheet, same columns, same 200-row window).
//! - Validation per keystroke of the longest rule (the contact email), typed into a form.
//! - The offer picker: each keystroke filters the customer's whole price list and redraws the
//!   list of matches.
//! - The home's "needs you today" for the reseller of the 5,000-subscription customer: time to
//!   the first progress and to the complete lists (cold loads), with the API requests made and
//!   the bytes they transferred.
//!
//! A keystroke's cost is measured in the page: the `input` event dispatched, then macrotasks
//! until every row the list says it shows is drawn (every microtask — Leptos' effects and DOM
//! writes — has run; the console draws a long table 20 rows a task), then a forced layout. The
//! list counts as shown once all 200 rows are drawn.

use partner_devtools::{Browser, Sandbox};
use std::path::{Path, PathBuf};
use std::time::Duration;

const HUB_CUSTOMER: &str = "1000000012";
/// Warm loads of the 5,000-subscription list, each page.
const LIST_LOADS: usize = 9;
const LARGE_CUSTOMER: &str = "1099999999";
const COLD_LOADS: usize = 7;
/// The reseller of the 5,000-subscription customer, and cold loads of its home.
const TODAY_RESELLER: &str = "1000000001";
const TODAY_LOADS: usize = 3;
const QUERY: &str = "65322";
/// Typed into the offer picker, one character at a time.
const PICKER_QUERY: &str = "creative cloud all apps";

/// Measures keystrokes into `arguments[0]` (a CSS selector): `arguments[1]` typed one character
/// at a time, returning each keystroke's milliseconds.
const TYPE_AND_TIME: &str = r#"
const [selector, text, done] = arguments;
const input = document.querySelector(selector);
const tick = () => new Promise(r => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
// A list says which rows it shows ("1–200 of …"); a keystroke is done once they are all drawn.
const drawn = () => {
  const m = /^1–(\d+) of/.exec(document.querySelector('main [role=status].position')?.textContent.trim() ?? '');
  return !m || document.querySelectorAll('main tbody tr').length >= Number(m[1]);
};
(async () => {
  const times = [];
  input.value = '';
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await tick();
  for (const ch of text) {
    const t0 = performance.now();
    input.value += ch;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await tick();
    for (let i = 0; i < 10000 && !drawn(); i++) await tick();
    void document.body.offsetHeight;
    times.push(performance.now() - t0);
  }
  done(times);
})().catch(e => done(String(e)));
"#;

/// The plain page: fetches the same JSON, filters the same way, renders the same window.
const PLAIN_JS: &str = r#"
const customer = new URLSearchParams(location.search).get('customer');
const STEP = 200;
const status = document.getElementById('status'), tbody = document.getElementById('rows'), input = document.getElementById('filter');
let all = [];
const cell = (tr, content, cls) => { const td = document.createElement('td'); if (cls) td.className = cls; if (content instanceof Node) td.append(content); else td.textContent = content ?? ''; tr.append(td); };
const renewal = s => { const a = s.autoRenewal || {}; return !a.enabled ? 'Off' : a.renewalQuantity ? `On for ${a.renewalQuantity}` : 'On for all licenses'; };
function render() {
  const needle = input.value.trim().toLowerCase();
  const matching = needle ? all.filter(s => (s.offerId || '').toLowerCase().includes(needle) || (s.subscriptionId || '').toLowerCase().includes(needle)) : all;
  const rows = matching.slice(0, STEP);
  status.textContent = `1–${rows.length} of ${matching.length} subscriptions`;
  const frag = document.createDocumentFragment();
  for (const s of rows) {
    const tr = document.createElement('tr');
    const a = document.createElement('a'); a.href = `customers/${customer}/subscriptions/${s.subscriptionId}`; a.textContent = s.subscriptionId;
    const code = document.createElement('code'); code.textContent = s.offerId;
    cell(tr, a); cell(tr, code); cell(tr, String(s.currentQuantity ?? ''), 'num'); cell(tr, String(s.usedQuantity ?? ''), 'num');
    cell(tr, (s.renewalDate || '').slice(0, 10)); cell(tr, renewal(s));
    const badge = document.createElement('span'); badge.className = 'badge good'; badge.textContent = s.status; cell(tr, badge);
    frag.append(tr);
  }
  tbody.replaceChildren(frag);
}
input.addEventListener('input', render);
fetch(`api/vipmp/v3/customers/${customer}/subscriptions`, { headers: { accept: 'application/json', 'x-request-id': crypto.randomUUID(), 'x-correlation-id': crypto.randomUUID() } })
  .then(r => r.json()).then(j => { all = j.items || []; render(); });
"#;

fn plain_html(css: &str) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><base href="/"><title>Plain subscriptions</title><link rel="stylesheet" href="{css}"></head>
<body><main class="main"><section class="page"><h1>Plain subscriptions</h1>
<div class="filters"><div class="filter"><label for="filter">Offer or subscription id</label><input id="filter" type="search"></div></div>
<p id="status" class="position" role="status"></p>
<div class="table-wrap"><table class="data"><thead><tr><th>Subscription</th><th>Offer</th><th class="num">Current</th><th class="num">Used</th><th>Renews</th><th>Auto-renewal</th><th>Status</th></tr></thead><tbody id="rows"></tbody></table></div>
</section></main><script src="bench-plain.js"></script></body></html>"#
    )
}

/// A copy of `dist` (with its folders: a split build's chunks and the languages) with the plain
/// page added.
fn bench_site(dist: &Path) -> std::io::Result<PathBuf> {
    let site = std::env::temp_dir().join(format!("partner-bench-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    partner_devtools::copy_tree(dist, &site)?;
    let mut css = String::new();
    for entry in std::fs::read_dir(&site)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".css") {
            css = name;
        }
    }
    std::fs::write(site.join("bench-plain.html"), plain_html(&css))?;
    std::fs::write(site.join("bench-plain.js"), PLAIN_JS)?;
    Ok(site)
}

/// Waits until `condition` (a JavaScript expression) holds in the page.
async fn wait_for(browser: &Browser, condition: &str) {
    for _ in 0..200 {
        let held = browser.client.execute(&format!("return !!({condition});"), vec![]).await;
        if held.ok().and_then(|v| v.as_bool()) == Some(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("waited 10 s for {condition}");
}

/// Navigates to `url` and polls until `condition` (a JS expression) holds; the page's clock then.
async fn time_until(browser: &Browser, url: &str, condition: &str) -> f64 {
    // The old document is marked, so a reload of the same address is not mistaken for done.
    let _ = browser
        .client
        .execute("window.__benchOld = true; location.href = arguments[0]; return true;", vec![url.into()])
        .await;
    let probe = format!(
        "return (!window.__benchOld && location.href === arguments[0] && ({condition})) ? performance.now() : null;"
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(serde_json::Value::Number(n)) = browser.client.execute(&probe, vec![url.into()]).await {
            return n.as_f64().unwrap_or(f64::NAN);
        }
        assert!(std::time::Instant::now() < deadline, "{url}: {condition} never held");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// What the page has transferred of the app's own files (the document, scripts, wasm, CSS,
/// config; not API answers), compressed as sent, headers included: (bytes, requests).
async fn app_bytes(browser: &Browser) -> (f64, f64) {
    let v = browser
        .client
        .execute(
            "const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                .filter(e => !new URL(e.name).pathname.includes('/api/') && !new URL(e.name).pathname.includes('/__sandbox/'));
             return [all.reduce((s, e) => s + e.transferSize, 0), all.length];",
            vec![],
        )
        .await
        .expect("resource timing");
    let n = |i: usize| v.get(i).and_then(|x| x.as_f64()).unwrap_or(f64::NAN);
    (n(0), n(1))
}

/// `performance.now()` once `condition` holds on the current page (polled every 5 ms).
async fn when(browser: &Browser, condition: &str) -> f64 {
    let probe = format!("return ({condition}) ? performance.now() : null;");
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    loop {
        if let Ok(serde_json::Value::Number(n)) = browser.client.execute(&probe, vec![]).await {
            return n.as_f64().unwrap_or(f64::NAN);
        }
        assert!(std::time::Instant::now() < deadline, "{condition} never held");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// When the page's last API answer whose path ends with `path` had arrived whole (the page's
/// clock).
async fn answered(browser: &Browser, path: &str) -> f64 {
    let v = browser
        .client
        .execute(
            "const api = performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname.endsWith(arguments[0]));
             return api.length ? api[api.length - 1].responseEnd : null;",
            vec![path.into()],
        )
        .await
        .expect("resource timing");
    v.as_f64().unwrap_or(f64::NAN)
}

/// The API requests the page made and the bytes they transferred: (requests, bytes).
async fn api_reads(browser: &Browser) -> (f64, f64) {
    let v = browser
        .client
        .execute(
            "const api = performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname.includes('/api/'));
             return [api.length, api.reduce((s, e) => s + e.transferSize, 0)];",
            vec![],
        )
        .await
        .expect("resource timing");
    let n = |i: usize| v.get(i).and_then(|x| x.as_f64()).unwrap_or(f64::NAN);
    (n(0), n(1))
}

async fn keystrokes(browser: &Browser, selector: &str, text: &str) -> Vec<f64> {
    let v = browser.client.execute_async(TYPE_AND_TIME, vec![selector.into(), text.into()]).await.expect("typing");
    v.as_array().unwrap_or_else(|| panic!("typing failed: {v}")).iter().filter_map(|t| t.as_f64()).collect()
}

/// Each cold load's transfer, as `KB/requests` when they all agree, or every load's figures
/// when one differs (a load that was not cold shows).
fn transferred(loads: &[(f64, f64)]) -> String {
    let each: Vec<String> =
        loads.iter().map(|(bytes, requests)| format!("{:.1} KB/{requests}", bytes / 1000.0)).collect();
    match each.first() {
        Some(first) if each.iter().all(|e| e == first) => first.clone(),
        _ => each.join(", "),
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).copied().unwrap_or(f64::NAN)
}

#[tokio::main]
async fn main() {
    let dist = std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| "target/bench-dist".into());
    let site = bench_site(&dist).expect("bench site");
    let mut settings = partner_devtools::Setup::new(&site, "/");
    settings.sandbox.large = true;
    let sandbox = Sandbox::start_with(settings).await;
    let base = sandbox.url.clone();
    let hub_ready = "document.querySelector('main h1')?.textContent.trim() === 'Fairmont Hotels Group' && !document.querySelector('main .loading') && document.querySelectorAll('main .facts-section').length > 2";
    let list_ready = "/^1–200 of 5,?[0-9]{3} subscriptions$/.test(document.querySelector('main [role=status].position')?.textContent.trim() ?? '') && document.querySelectorAll('main tbody tr').length === 200";

    let home_ready = "!!document.querySelector('main h1') && !document.querySelector('main .loading, .boot')";
    let (mut home, mut home_bytes) = (Vec::new(), Vec::new());
    let (mut hub, mut hub_bytes) = (Vec::new(), Vec::new());
    for _ in 0..COLD_LOADS {
        let browser = Browser::signed_in(&sandbox).await;
        home.push(time_until(&browser, &base, home_ready).await);
        home_bytes.push(app_bytes(&browser).await);
        browser.close().await;
        let browser = Browser::signed_in(&sandbox).await;
        hub.push(time_until(&browser, &format!("{base}customers/{HUB_CUSTOMER}"), hub_ready).await);
        hub_bytes.push(app_bytes(&browser).await);
        browser.close().await;
    }

    // "Needs you today" for the large customer's reseller (the seed's first), from cold.
    let today_url = format!("{base}?reseller={TODAY_RESELLER}");
    let (mut today_first, mut today_done, mut today_reads) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..TODAY_LOADS {
        let browser = Browser::signed_in(&sandbox).await;
        let progress =
            "/^Read \\d+ of \\d+ customers/.test(document.querySelector('.today [role=status]')?.textContent ?? '')";
        today_first.push(
            time_until(&browser, &today_url, &format!("({progress}) || !!document.querySelector('ul.counts')")).await,
        );
        today_done.push(when(&browser, "!!document.querySelector('ul.counts')").await);
        today_reads.push(api_reads(&browser).await);
        browser.close().await;
    }

    let browser = Browser::signed_in(&sandbox).await;
    // Warm: the wasm and the JSON are cached by now for both pages alike.
    let (mut console_list, mut console_after) = (Vec::new(), Vec::new());
    let (mut plain_list, mut plain_after) = (Vec::new(), Vec::new());
    for _ in 0..LIST_LOADS {
        let shown = time_until(&browser, &format!("{base}subscriptions?customer={LARGE_CUSTOMER}"), list_ready).await;
        console_list.push(shown);
        console_after.push(shown - answered(&browser, "/subscriptions").await);
        let shown =
            time_until(&browser, &format!("{base}bench-plain.html?customer={LARGE_CUSTOMER}"), list_ready).await;
        plain_list.push(shown);
        plain_after.push(shown - answered(&browser, "/subscriptions").await);
    }
    time_until(&browser, &format!("{base}subscriptions?customer={LARGE_CUSTOMER}"), list_ready).await;
    let console_keys = keystrokes(&browser, "#filter-subscriptions", QUERY).await;
    time_until(&browser, &format!("{base}bench-plain.html?customer={LARGE_CUSTOMER}"), list_ready).await;
    let plain_keys = keystrokes(&browser, "#filter", QUERY).await;

    time_until(
        &browser,
        &format!("{base}customers/new?reseller=1000000001"),
        "!!document.getElementById('f-companyProfile-contacts-0--email')",
    )
    .await;
    let email: String = std::iter::repeat_n('a', 60).chain("@example-company-with-a-long-name.com".chars()).collect();
    let validation = keystrokes(&browser, "#f-companyProfile-contacts-0--email", &email).await;

    // The offer picker: the customer's whole price list read once (a first letter opens it),
    // then every keystroke filters all of it and redraws the list.
    let picker = "#f-lineItems-0--offerId";
    time_until(
        &browser,
        &format!("{base}customers/{HUB_CUSTOMER}/orders/new"),
        &format!("!!document.querySelector('{picker}')"),
    )
    .await;
    keystrokes(&browser, picker, "a").await;
    wait_for(&browser, "document.querySelectorAll('[role=option]').length > 0").await;
    let picker_keys = keystrokes(&browser, picker, PICKER_QUERY).await;
    browser.close().await;
    let _ = std::fs::remove_dir_all(&site);

    let (c_list, p_list) = (median(console_list), median(plain_list));
    let (c_key, p_key) = (median(console_keys.clone()), median(plain_keys.clone()));
    println!(
        "{:<62} {:>10} {:>10} {:>7}",
        "measure (headless Chromium, sandbox on 127.0.0.1)", "console", "plain JS", "ratio"
    );
    println!(
        "{:<62} {:>7.0} ms {:>10} {:>7}",
        format!("home page shown, median of {COLD_LOADS} cold loads"),
        median(home),
        "",
        ""
    );
    println!(
        "{:<62} {:>10} {:>10} {:>7}",
        "  the app's files it transferred, each load",
        transferred(&home_bytes),
        "",
        ""
    );
    println!(
        "{:<62} {:>7.0} ms {:>10} {:>7}",
        format!("customer hub with its data, median of {COLD_LOADS} cold loads"),
        median(hub),
        "",
        ""
    );
    println!(
        "{:<62} {:>10} {:>10} {:>7}",
        "  the app's files it transferred, each load",
        transferred(&hub_bytes),
        "",
        ""
    );
    println!(
        "{:<62} {:>7.0} ms {:>7.0} ms {:>6.2}x",
        format!("5,000 subscriptions: first 200 rows shown, median of {LIST_LOADS}"),
        c_list,
        p_list,
        c_list / p_list
    );
    let (c_after, p_after) = (median(console_after), median(plain_after));
    println!(
        "{:<62} {:>7.0} ms {:>7.0} ms {:>6.2}x",
        "  of which from the answer's last byte (decoding, drawing)",
        c_after,
        p_after,
        c_after / p_after
    );
    println!(
        "{:<62} {:>7.1} ms {:>7.1} ms {:>6.2}x",
        format!("filter keystroke over 5,000 (\"{QUERY}\"), median"),
        c_key,
        p_key,
        c_key / p_key
    );
    println!(
        "{:<62} {:>7.1} ms {:>7.1} ms {:>7}",
        "filter keystroke, slowest",
        percentile(console_keys, 1.0),
        percentile(plain_keys, 1.0),
        ""
    );
    println!(
        "{:<62} {:>7.2} ms {:>10} {:>7}",
        format!("validation keystroke, contact email ({} keys), median", email.len()),
        median(validation.clone()),
        "",
        ""
    );
    println!("{:<62} {:>7.2} ms {:>10} {:>7}", "validation keystroke, p95", percentile(validation, 0.95), "", "");
    println!(
        "{:<62} {:>7.2} ms {:>10} {:>7}",
        format!("offer picker keystroke, whole catalog (\"{PICKER_QUERY}\"), median"),
        median(picker_keys.clone()),
        "",
        ""
    );
    println!("{:<62} {:>7.2} ms {:>10} {:>7}", "offer picker keystroke, slowest", percentile(picker_keys, 1.0), "", "");
    println!(
        "{:<62} {:>7.0} ms {:>10} {:>7}",
        format!("needs you today, large reseller: first progress, median of {TODAY_LOADS}"),
        median(today_first),
        "",
        ""
    );
    println!("{:<62} {:>7.0} ms {:>10} {:>7}", "  every list complete, median", median(today_done), "", "");
    let reads: Vec<String> =
        today_reads.iter().map(|(n, bytes)| format!("{n} requests, {:.1} KB", bytes / 1000.0)).collect();
    println!("{:<62} {:>30}", "  API reads, each load", reads.join("; "));
}
