//! index.html's boot script runs before the wasm arrives and mirrors Rust: where the API is
//! (`resolve_api_base`), its read time limit, which data a deep link's page reads first (as
//! `src/api/calls.rs` builds those URLs, with the app's id rule and encoding), and which area's
//! code a path needs (the routes' `split_page!` areas), who is signed in (`auth/me`, as
//! `src/session.rs` asks) and the language the app will choose (`i18n::choose`), whose texts it
//! reads. Here the script itself runs in Node,
//! with the browser's globals it touches stood in for, case by case against the Rust.

#![cfg(not(target_arch = "wasm32"))]

use partner_console::api::calls::{customers, resellers, subscriptions};
use partner_console::runtime::Runtime;
use partner_model::config::{parse, resolve_api_base};
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Stdio};

const INDEX: &str = include_str!("../index.html");
const ORIGIN: &str = "http://127.0.0.1:8080";

/// The inline script of index.html.
fn script() -> &'static str {
    let open = INDEX.find("<script nonce=").expect("index.html has its inline script");
    let start = open + INDEX[open..].find('>').expect("script tag") + 1;
    let end = start + INDEX[start..].find("</script>").expect("script end");
    &INDEX[start..end]
}

/// Runs the script once per case (a fresh window each, framed when the case says so) and reports
/// what it fetched (and the bodies of what it sent as POSTs), which reads it kept (and which of
/// them it had started when the first answer was handed on), their time limits, the area whose
/// code it fetched early, and its read of who is signed in (`who`, the URLs; `me`, the answer it
/// kept for the app).
const HARNESS: &str = r#"
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", async () => {
  const { script, cases } = JSON.parse(input);
  const tick = () => new Promise((r) => setTimeout(r, 0));
  const out = [];
  for (const c of cases) {
    const fetched = [], posts = [], limits = [], store = new Map();
    // What an earlier visit remembered of the API (a case's `remembered`).
    if (c.remembered) store.set(`partner-console.early-api:${c.base}`, JSON.stringify(c.remembered));
    // The clock a case sets (`now`, ms), for what the script dates.
    const RealDate = Date;
    const Clock = class extends RealDate { constructor(...a) { super(...(a.length ? a : [c.now ?? RealDate.now()])); } };
    const window = { navigator: { languages: c.browser ?? [] } };
    if (!c.framed) window.top = window;
    const fetch = (url, init) => {
      fetched.push(String(url));
      if (init && init.method === "POST") posts.push([String(url), init.body]);
      // A case's `late` config.json does not answer while the case runs.
      if (String(url).endsWith("config.json")) return c.late ? new Promise(() => {}) : Promise.resolve({ ok: true, text: () => Promise.resolve(c.config) });
      if (String(url).endsWith("/auth/me")) return Promise.resolve({ status: 200, text: () => Promise.resolve('{"name":"Rhea"}') });
      if (String(url).includes("/locales/")) return Promise.resolve({ ok: true, text: () => Promise.resolve("texts of " + url) });
      // A case's answers, by the end of the URL: `[status, body]`.
      const [status, body] = Object.entries(c.answers ?? {}).find(([end]) => String(url).endsWith(end))?.[1] ?? [200, ""];
      const bytes = new TextEncoder().encode(body);
      return Promise.resolve({ status, headers: { get: () => "application/json" }, arrayBuffer: () => Promise.resolve(bytes.buffer) });
    };
    const localStorage = { getItem: (k) => (store.has(k) ? store.get(k) : null), setItem: (k, v) => store.set(k, String(v)) };
    // A case's stored languages (the switch's, for the browser and the tab).
    const storage = (value) => ({ getItem: (k) => (k === "partner-console.language" ? value ?? null : null) });
    window.localStorage = c.local === undefined ? localStorage : storage(c.local);
    window.sessionStorage = storage(c.session);
    const AbortSignal = { timeout: (ms) => (limits.push(ms), undefined) };
    const run = new Function("window", "document", "location", "fetch", "localStorage", "AbortSignal", "setTimeout", "Date", script);
    // The page's config element: what the gateway wrote in it (a case's `inline`), else empty.
    const document = { baseURI: c.origin + c.base, getElementById: (id) => (id === "partner-config" ? { textContent: c.inline ?? "\n" } : null) };
    run(window, document, new URL(c.origin + c.path), fetch, localStorage, AbortSignal, () => 0, Clock);
    // What the script had started by the time the first read's answer reached whoever awaits it
    // (the app): reads that follow from it must be there already.
    const first = Object.keys(window.__partnerEarlyReads)[0];
    let atFirst = null;
    if (first) window.__partnerEarlyReads[first].then(() => (atFirst = Object.keys(window.__partnerEarlyReads)), () => {});
    for (let i = 0; i < 10; i++) await tick();
    const api = fetched.filter((u) => !u.endsWith("config.json") && !u.endsWith("/auth/me") && !u.includes("/locales/"));
    const me = window.__partnerEarlyMe ? await window.__partnerEarlyMe : null;
    // (which waits on config.json: not for a `late` one)
    const texts = window.__partnerEarlyLanguage && !c.late ? await window.__partnerEarlyLanguage : null;
    out.push({ fetched: api, configs: fetched.filter((u) => u.endsWith("config.json")).length, posts, atFirst, reads: Object.keys(window.__partnerEarlyReads), limits, area: window.__partnerEarlyArea ?? null,
      who: fetched.filter((u) => u.endsWith("/auth/me")), me, locales: fetched.filter((u) => u.includes("/locales/")), texts });
  }
  process.stdout.write(JSON.stringify(out));
});
"#;

fn run(cases: &[Value]) -> Vec<Value> {
    let mut node = Command::new("node")
        .arg("-e")
        .arg(HARNESS)
        // A zone where it is already the next day at 23:30 UTC: the script dates as the app, in UTC.
        .env("TZ", "Pacific/Kiritimati")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("node runs (scripts/setup installs it with npm)");
    let input = json!({ "script": script(), "cases": cases }).to_string();
    node.stdin.take().expect("stdin").write_all(input.as_bytes()).expect("write the cases");
    let output = node.wait_with_output().expect("node finishes");
    assert!(output.status.success(), "node failed");
    serde_json::from_slice(&output.stdout).expect("the harness's JSON")
}

fn case(base: &str, path: &str, config: &str) -> Value {
    json!({ "origin": ORIGIN, "base": base, "path": format!("{}{}", base.trim_end_matches('/'), path), "config": config })
}

/// What a deep link's page reads of its customer first.
#[derive(Clone, Copy)]
enum Reads {
    /// The hub, the renewal page and adding a product to it: the customer and their
    /// subscriptions.
    Hub,
    /// The subscriptions list: the subscriptions.
    Subscriptions,
    /// Placing an order: the customer.
    Customer,
}

#[test]
fn a_deep_links_first_reads_are_the_urls_the_app_reads() {
    let default = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/config.json")).expect("config");
    let variant = |vipmp: &str, read_seconds: Option<u64>| {
        let mut c: Value = serde_json::from_str(&default).expect("config.json");
        c["apiBase"]["vipmp"] = json!(vipmp);
        if let Some(s) = read_seconds {
            c["timeouts"]["readSeconds"] = json!(s);
        }
        c.to_string()
    };
    let configs = [
        default.clone(),
        variant("/api/vipmp/", Some(7)),
        variant("https://proxy.example.com/vipmp/", None),
        variant("/api/vipmp///", Some(60)),
    ];
    // (path below the base, the customer a page reads first, what it reads of them)
    let links = [
        ("/customers/1005-0001", Some("1005-0001"), Reads::Hub),
        ("/customers/P1005-0001", Some("P1005-0001"), Reads::Hub),
        ("/customers/%E9%A1%A7%E5%AE%A2%E7%95%AA%E5%8F%B7", Some("顧客番号"), Reads::Hub),
        ("/subscriptions?customer=1000000012", Some("1000000012"), Reads::Subscriptions),
        ("/subscriptions?customer=%E9%A1%A7%E5%AE%A2%E7%95%AA%E5%8F%B7", Some("顧客番号"), Reads::Subscriptions),
        ("/customers/1005-0001/orders/new", Some("1005-0001"), Reads::Customer),
        ("/customers/%E9%A1%A7%E5%AE%A2%E7%95%AA%E5%8F%B7/orders/new", Some("顧客番号"), Reads::Customer),
        ("/customers/12/orders/new", None, Reads::Customer),
        ("/customers/1005-0001/orders/new/x", None, Reads::Customer),
        ("/customers/1005-0001/orders/8000000001", None, Reads::Customer),
        ("/customers/1005-0001/renewal", Some("1005-0001"), Reads::Hub),
        ("/customers/1005-0001/renewal/add", Some("1005-0001"), Reads::Hub),
        ("/customers/1005-0001/renewal/x", None, Reads::Hub),
        ("/customers/new", None, Reads::Hub),
        ("/customers", None, Reads::Hub),
        ("/customers/12", None, Reads::Hub),
        ("/customers/1005-0001/", Some("1005-0001"), Reads::Hub),
        ("/customers/1005-0001/edit", None, Reads::Hub),
        ("/customers/a%2Fb%2Fc%2Fd", None, Reads::Hub),
        ("/subscriptions?customer=12%3Cx%3E45", None, Reads::Subscriptions),
        ("/resellers/1000000001", None, Reads::Hub),
        ("/", None, Reads::Hub),
    ];
    // The script's id rule is the app's: each id it reads passes `validate_id`, each it skips fails.
    for (id, good) in [("1005-0001", true), ("P1005-0001", true), ("顧客番号", true), ("12", false), ("new", false)]
    {
        assert_eq!(partner_model::ids::validate_id(partner_model::ids::IdKind::Customer, id).is_ok(), good, "{id}");
    }
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for base in ["/", "/partner/console/"] {
        for config in &configs {
            let parsed = parse(config).expect("the case's config.json is valid");
            let rt = Runtime::new(parsed.clone(), base);
            for (path, customer, reads) in links {
                // config.json fetched (a static host), then written in the page (the gateway).
                let mut inline = case(base, path, config);
                inline["inline"] = json!(config);
                cases.push(case(base, path, config));
                cases.push(inline);
                let urls: Vec<String> = match (customer, reads) {
                    (Some(c), Reads::Hub) => {
                        vec![customers::get(&rt, c).call.url, subscriptions::list(&rt, c).call.url]
                    }
                    (Some(c), Reads::Subscriptions) => vec![subscriptions::list(&rt, c).call.url],
                    (Some(c), Reads::Customer) => vec![customers::get(&rt, c).call.url],
                    (None, _) => Vec::new(),
                };
                let root = resolve_api_base(base, &parsed.vipmp_base);
                let reads: Vec<String> =
                    urls.iter().map(|u| u.strip_prefix(&root).expect("below the root").to_string()).collect();
                let limits = vec![u64::from(parsed.read_timeout_secs) * 1000; urls.len()];
                for configs in [1, 0] {
                    let name = format!("{base} {path} {config}, config.json fetched {configs} time(s)");
                    expected.push((name, configs, urls.clone(), reads.clone(), limits.clone()));
                }
            }
        }
    }
    let results = run(&cases);
    assert_eq!(results.len(), expected.len(), "one result per case");
    for (got, (name, configs, urls, reads, limits)) in results.iter().zip(expected) {
        assert_eq!(got["configs"], json!(configs), "config.json fetches, {name}");
        assert_eq!(got["fetched"], json!(urls), "fetched, {name}");
        assert_eq!(got["reads"], json!(reads), "kept reads, {name}");
        assert_eq!(got["limits"], json!(limits), "time limits, {name}");
    }
}

#[test]
fn a_remembered_api_base_is_read_at_once_only_when_the_page_lacks_config_json() {
    let config = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/config.json")).expect("config");
    let rt = Runtime::new(parse(&config).expect("config.json"), "/");
    let right = subscriptions::list(&rt, "1000000012").call.url;
    let moved = json!({ "root": "/api/moved", "seconds": 30 });
    let path = "/subscriptions?customer=1000000012";
    // A static host: an earlier visit's base is read before config.json answers.
    let mut before = case("/", path, &config);
    before["remembered"] = moved.clone();
    before["late"] = json!(true);
    // The gateway's page: its own config.json wins over what an earlier visit remembered.
    let mut inline = case("/", path, &config);
    inline["remembered"] = moved;
    inline["inline"] = json!(config);
    let results = run(&[before, inline]);
    let wrong = format!("/api/moved{}", right.strip_prefix("/api/vipmp").expect("the default base"));
    assert_eq!(results[0]["fetched"], json!([wrong]), "read at once from the remembered base");
    assert_eq!(results[0]["limits"], json!([30_000]), "with the remembered limit");
    assert_eq!(results[1]["fetched"], json!([right]), "read from the page's own base");
    assert_eq!(results[1]["configs"], json!(0), "config.json not fetched");
}

#[test]
fn the_hubs_reseller_is_read_as_soon_as_its_customer_answers() {
    let config = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/config.json")).expect("config");
    let customer = |reseller: Value| json!({ "customerId": "1005-0001", "resellerId": reseller }).to_string();
    // (the customer's answer, the reseller the app names on the hub and whose read may go early)
    let answers = [
        ((200, customer(json!("1000000001"))), Some("1000000001")),
        ((200, customer(json!("P1005-0001"))), Some("P1005-0001")),
        ((200, customer(json!("販売店番号"))), Some("販売店番号")),
        // Not the app's id rule, not a string, no reseller, no customer, not JSON: no early read.
        ((200, customer(json!("12"))), None),
        ((200, customer(json!("a/b<c>"))), None),
        ((200, customer(json!(1000000001))), None),
        ((200, json!({ "customerId": "1005-0001" }).to_string()), None),
        ((404, json!({ "code": "1116", "message": "Invalid Customer" }).to_string()), None),
        ((200, "<html>".to_string()), None),
    ];
    for base in ["/", "/partner/console/"] {
        let parsed = parse(&config).expect("config.json");
        let rt = Runtime::new(parsed.clone(), base);
        let root = resolve_api_base(base, &parsed.vipmp_base);
        let mut cases = Vec::new();
        for ((status, body), _) in &answers {
            let mut c = case(base, "/customers/1005-0001", &config);
            c["answers"] = json!({ "/v3/customers/1005-0001": [status, body] });
            cases.push(c);
        }
        // Only the hub names the reseller: placing an order and the list do not read it early.
        for path in ["/customers/1005-0001/orders/new", "/subscriptions?customer=1005-0001"] {
            let mut c = case(base, path, &config);
            c["answers"] = json!({ "/v3/customers/1005-0001": [200, customer(json!("1000000001"))] });
            cases.push(c);
        }
        let results = run(&cases);
        for (got, (answer, reseller)) in results.iter().zip(&answers) {
            let mut urls =
                vec![customers::get(&rt, "1005-0001").call.url, subscriptions::list(&rt, "1005-0001").call.url];
            urls.extend(reseller.map(|r| resellers::get(&rt, r).call.url));
            let reads: Vec<String> =
                urls.iter().map(|u| u.strip_prefix(&root).expect("below the root").to_string()).collect();
            assert_eq!(got["fetched"], json!(urls), "fetched, {base} {answer:?}");
            assert_eq!(got["reads"], json!(reads), "kept reads, {base} {answer:?}");
            assert_eq!(got["atFirst"], json!(reads), "started before the customer is handed on, {base} {answer:?}");
        }
        for got in &results[answers.len()..] {
            assert!(!got["fetched"].to_string().contains("/v3/resellers/"), "{base}: {got}");
        }
    }
}

#[test]
fn placing_an_order_reads_its_discounts_and_price_list_as_soon_as_its_customer_answers() {
    use partner_console::api::calls::{flex_discounts, price_lists};
    use partner_console::catalog::{month_of, offers_request, PAGE};
    use partner_console::components::pager::next_offsets;
    use partner_model::types::FLEX_DISCOUNTS_MAX_LIMIT as LIMIT;
    let default = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/config.json")).expect("config");
    // Every currency of `home_region`'s table, and one it does not name.
    let configs: Vec<String> = ["USD", "EUR", "GBP", "JPY", "AUD", "CAD"]
        .iter()
        .map(|currency| {
            let mut c: Value = serde_json::from_str(&default).expect("config.json");
            c["defaultCurrency"] = json!(currency);
            c.to_string()
        })
        .collect();
    // 31 January 2027, 23:30 UTC: the price list of the month the app reads (UTC) is 202701.
    let now: u64 = 1_801_438_200_000;
    let month = month_of(now);
    assert_eq!(month, "202701");
    let customer = |profile: Value| json!({ "customerId": "1005-0001", "companyProfile": profile }).to_string();
    let offers = |n: usize| (0..n).map(|i| json!({ "offerId": format!("6500000{i:03}CA01A12") })).collect::<Vec<_>>();
    let page = |offset: u64, n: usize, total: u64| {
        json!({ "offset": offset, "totalCount": total, "offers": offers(n) }).to_string()
    };
    // (the customer's answer, the price list's first page: what the app reads next of them —
    //  the open discounts' segment and country, whether its own discounts, the price list's
    //  segment and the offsets of its pages)
    type Next = (Option<(&'static str, &'static str)>, bool, Option<&'static str>, Vec<u64>);
    let cases: Vec<((u16, String), String, Next)> = vec![
        (
            (200, customer(json!({ "marketSegment": "EDU", "address": { "country": "DE" } }))),
            page(0, 100, 250),
            (Some(("EDU", "DE")), true, Some("EDU"), vec![0, 100, 200]),
        ),
        // No segment is a commercial customer; a long list is read 4 pages after the first at once.
        (
            (200, customer(json!({ "address": { "country": "US" } }))),
            page(0, 100, 1000),
            (Some(("COM", "US")), true, Some("COM"), vec![0, 100, 200, 300, 400]),
        ),
        (
            (200, customer(json!({ "marketSegment": null, "address": { "country": "US" } }))),
            page(0, 40, 40),
            (Some(("COM", "US")), true, Some("COM"), vec![0]),
        ),
        // An API that answers fewer than asked: the next pages are that many apart.
        (
            (200, customer(json!({ "marketSegment": "GOV", "address": { "country": "US" } }))),
            page(0, 30, 70),
            (Some(("GOV", "US")), true, Some("GOV"), vec![0, 30, 60]),
        ),
        // No country: the open discounts wait for the app (which reads them without one).
        ((200, customer(json!({ "marketSegment": "COM" }))), page(0, 0, 0), (None, true, Some("COM"), vec![0])),
        // A segment the script would have to encode, or not a string: only the customer's own.
        (
            (200, customer(json!({ "marketSegment": "C M", "address": { "country": "US" } }))),
            page(0, 1, 1),
            (None, true, None, vec![]),
        ),
        (
            (200, customer(json!({ "marketSegment": 7, "address": { "country": "US" } }))),
            page(0, 1, 1),
            (None, true, None, vec![]),
        ),
        // A first page that is not a page: no more pages.
        (
            (200, customer(json!({ "marketSegment": "COM", "address": { "country": "US" } }))),
            "[]".into(),
            (Some(("COM", "US")), true, Some("COM"), vec![0]),
        ),
        (
            (200, customer(json!({ "marketSegment": "COM", "address": { "country": "US" } }))),
            "<html>".into(),
            (Some(("COM", "US")), true, Some("COM"), vec![0]),
        ),
        // No customer: nothing follows.
        (
            (404, json!({ "code": "1116", "message": "Invalid Customer" }).to_string()),
            page(0, 1, 1),
            (None, false, None, vec![]),
        ),
        ((200, "<html>".to_string()), page(0, 1, 1), (None, false, None, vec![])),
        (
            (200, json!({ "companyProfile": { "marketSegment": "COM", "address": { "country": "US" } } }).to_string()),
            page(0, 1, 1),
            (Some(("COM", "US")), false, Some("COM"), vec![0]),
        ),
    ];
    // The pages after the first, as the app's `read_all` reads them: the rows above follow it.
    assert_eq!(next_offsets(100, 250, 100), [100, 200]);
    assert_eq!(next_offsets(100, 1000, 100), [100, 200, 300, 400], "4 at once");
    assert_eq!(next_offsets(30, 70, 30), [30, 60], "as many apart as the first page had");
    assert!(next_offsets(40, 40, 40).is_empty());
    for base in ["/", "/partner/console/"] {
        for config in &configs {
            let parsed = parse(config).expect("config.json");
            let rt = Runtime::new(parsed.clone(), base);
            let root = resolve_api_base(base, &parsed.vipmp_base);
            let mut runs = Vec::new();
            for ((status, body), first, _) in &cases {
                let mut c = case(base, "/customers/1005-0001/orders/new", config);
                c["now"] = json!(now);
                c["answers"] = json!({ "/v3/customers/1005-0001": [status, body], "/v3/pricelist?offset=0&limit=100": [200, first] });
                runs.push(c);
            }
            // The hub and the list read none of it.
            for path in ["/customers/1005-0001", "/subscriptions?customer=1005-0001"] {
                let mut c = case(base, path, config);
                c["answers"] =
                    json!({ "/v3/customers/1005-0001": [200, customer(json!({ "address": { "country": "US" } }))] });
                runs.push(c);
            }
            let results = run(&runs);
            for (got, (answer, _, (open, own, segment, offsets))) in results.iter().zip(&cases) {
                let name = format!("{base} {} {answer:?}", parsed.default_currency);
                let mut urls = vec![customers::get(&rt, "1005-0001").call.url];
                urls.extend(open.map(|(s, c)| flex_discounts::open(&rt, s, c, LIMIT, 0).call.url));
                urls.extend(own.then(|| flex_discounts::of_customer(&rt, "1005-0001", LIMIT, 0).call.url));
                let mut lists = Vec::new();
                if let Some(s) = segment {
                    let body = offers_request(s, &parsed.default_currency, &month);
                    lists.extend(offsets.iter().map(|o| price_lists::fetch(&rt, &body, PAGE, *o).call));
                }
                urls.extend(lists.iter().map(|call| call.url.clone()));
                assert_eq!(got["fetched"], json!(urls), "fetched, {name}");
                let posts = got["posts"].as_array().expect("posts");
                assert_eq!(posts.len(), lists.len(), "posts, {name}");
                for (sent, call) in posts.iter().zip(&lists) {
                    assert_eq!(sent[0], json!(call.url), "{name}");
                    let (ours, early) = (call.body.as_deref().expect("a body"), sent[1].as_str().expect("a body"));
                    assert_eq!(ours, early, "the app's body and the script's, the same text, {name}");
                }
                // Kept for the app: GETs by path, POSTs as `POST <path>\n<body>` (the app's body,
                // to the letter).
                let kept: Vec<&str> =
                    got["reads"].as_array().expect("reads").iter().filter_map(Value::as_str).collect();
                assert_eq!(kept.len(), urls.len(), "kept reads, {name}: {kept:?}");
                let gets = urls.len() - lists.len();
                for (key, url) in kept[..gets].iter().zip(&urls) {
                    assert_eq!(Some(*key), url.strip_prefix(&root), "kept read, {name}");
                }
                // Handed on with its customer: the reads that follow from it are started first (the
                // price list's later pages follow its first page the same way).
                let first: Vec<&str> = kept[..gets + lists.len().min(1)].to_vec();
                assert_eq!(got["atFirst"], json!(first), "started before the customer is handed on, {name}");
                for (key, call) in kept[gets..].iter().zip(&lists) {
                    let (path, sent) =
                        key.strip_prefix("POST ").and_then(|k| k.split_once('\n')).expect("POST <path>\n<body>");
                    assert_eq!(Some(path), call.url.strip_prefix(&root), "kept read, {name}");
                    assert_eq!(Some(sent), call.body.as_deref(), "kept body, {name}");
                }
            }
            for got in &results[cases.len()..] {
                let fetched = got["fetched"].to_string();
                assert!(!fetched.contains("flex-discounts") && !fetched.contains("pricelist"), "{base}: {got}");
                assert_eq!(got["posts"], json!([]), "{base}");
            }
        }
    }
}

#[test]
fn who_is_signed_in_is_read_at_once_where_the_app_asks_unless_framed() {
    let config = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/config.json")).expect("config");
    for base in ["/", "/partner/console/"] {
        let mut framed = case(base, "/customers/1005-0001", &config);
        framed["framed"] = json!(true);
        let results = run(&[case(base, "/customers/1005-0001", &config), case(base, "/", &config), framed]);
        // src/session.rs asks `{app base}auth/me`, the base being the document's.
        let url = format!("{ORIGIN}{base}auth/me");
        for got in &results[..2] {
            assert_eq!(got["who"], json!([url]), "read once, {base}");
            assert_eq!(got["me"], json!({ "status": 200, "body": r#"{"name":"Rhea"}"# }), "kept for the app, {base}");
        }
        // Framed, the portal's token says who it is: this page's cookie is not asked.
        assert_eq!(results[2]["who"], json!([]), "framed, {base}");
        assert_eq!(results[2]["me"], Value::Null, "framed, {base}");
    }
}

#[test]
fn the_chosen_languages_texts_are_read_at_once_by_the_apps_own_rules() {
    use partner_console::i18n::{choose, offered, t, Wishes};
    // The script's list of the console's languages is the build's.
    let start = INDEX.find("const LANGUAGES = ").expect("index.html lists the languages") + "const LANGUAGES = ".len();
    let end = start + INDEX[start..].find(';').expect("the list ends");
    let listed: Vec<String> = serde_json::from_str(&INDEX[start..end]).expect("a JSON array");
    assert_eq!(listed, t::LANGUAGES, "index.html's languages are the console's");

    let default = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/config.json")).expect("config");
    let config = |environment: &str, offered: &[&str], default_language: Option<&str>| {
        let mut c: Value = serde_json::from_str(&default).expect("config.json");
        c["environment"] = json!(environment);
        if !offered.is_empty() || default_language.is_some() {
            c["languages"] = json!({ "offered": offered });
            if let Some(d) = default_language {
                c["languages"]["default"] = json!(d);
            }
        }
        c.to_string()
    };
    // (config, ?lang=, the tab's choice, the browser's choice, the browser's languages)
    type Case<'a> = (String, Option<&'a str>, Option<&'a str>, Option<&'a str>, &'a [&'a str]);
    let cases: Vec<Case> = vec![
        (config("Production", &[], None), None, None, None, &["en-US", "en"]),
        (config("Production", &[], None), None, None, None, &["de-AT", "de"]),
        (config("Production", &[], None), None, None, None, &["pt", "en"]),
        (config("Production", &[], None), None, None, None, &["it-IT", "ja"]),
        (config("Production", &[], None), None, None, None, &[]),
        (config("Production", &[], None), Some("fr-FR"), None, None, &["de"]),
        (config("Production", &[], None), Some("it"), Some("ja"), None, &["es"]),
        (config("Production", &[], None), None, Some("ja"), Some("de"), &["es"]),
        (config("Production", &[], None), None, None, Some("de"), &["es"]),
        (config("Production", &[], None), None, Some(""), Some("de"), &["es"]),
        (config("Production", &["en", "ja"], None), None, None, Some("de"), &["fr", "ja-JP"]),
        (config("Production", &["de", "fr"], Some("fr")), None, None, None, &["de"]),
        (config("Production", &["de", "fr"], None), None, None, None, &["it"]),
        (config("Production", &["ja"], None), None, None, None, &["EN"]),
        (config("Sandbox", &[], None), Some("en-XA"), None, None, &[]),
        (config("Sandbox", &[], None), Some("EN-xa"), None, None, &[]),
        (config("Production", &[], None), Some("en-XA"), None, None, &["es"]),
        (config("sandbox", &[], None), None, None, None, &["en-GB"]),
    ];
    let mut inputs = Vec::new();
    let mut expected = Vec::new();
    for (config, lang, tab, browser_choice, languages) in &cases {
        let path = lang.map_or("/".to_string(), |l| format!("/?lang={l}"));
        let mut c = case("/", &path, config);
        c["session"] = json!(tab);
        c["local"] = json!(browser_choice);
        c["browser"] = json!(languages);
        inputs.push(c);
        // As `i18n::start` asks: `?lang=` is kept for the tab before the tab's choice is read.
        let parsed = parse(config).expect("the case's config.json is valid");
        let sandbox = parsed.environment.eq_ignore_ascii_case("sandbox");
        let remembered = lang.or(*tab).or(*browser_choice);
        let browser: Vec<String> = languages.iter().map(|l| l.to_string()).collect();
        let wishes =
            Wishes { portal: *lang, remembered, default: parsed.languages.default.as_deref(), browser: &browser };
        let language = choose(&wishes, &offered(&parsed.languages.offered, sandbox));
        expected.push((format!("{path} {tab:?} {browser_choice:?} {languages:?} {config}"), language));
    }
    let results = run(&inputs);
    assert_eq!(results.len(), expected.len(), "one result per case");
    let mut read = 0;
    for (got, (name, language)) in results.iter().zip(expected) {
        if language == "en" {
            assert_eq!(got["locales"], json!([]), "English is compiled in: {name}");
            assert_eq!(got["texts"], Value::Null, "{name}");
        } else {
            let url = format!("{ORIGIN}/locales/{language}.json");
            assert_eq!(got["locales"], json!([url]), "{name}");
            assert_eq!(got["texts"], json!({ "language": language, "body": format!("texts of {url}") }), "{name}");
            read += 1;
        }
    }
    assert!(read >= 8, "the cases choose other languages than English: {read}");
    // Framed, the portal's message names the language: nothing is read early.
    let mut framed = case("/", "/?lang=de", &default);
    framed["framed"] = json!(true);
    assert_eq!(run(&[framed])[0]["locales"], json!([]), "framed");
}

#[test]
fn a_deep_link_fetches_the_code_of_its_routes_area_early() {
    // Every route (its path, with ids) and its split area, from the routes' own source.
    let mut routes = Vec::new();
    for file in walk(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))) {
        let text = std::fs::read_to_string(&file).expect("source");
        for piece in text.split("path!(\"").skip(1) {
            let Some((path, rest)) = piece.split_once('"') else { continue };
            let Some(area) = rest.split_once("split_page!(").map(|(_, a)| a.split(',').next().unwrap_or("").trim())
            else {
                continue;
            };
            if rest.split_once("split_page!(").is_some_and(|(between, _)| between.contains('\n')) || path == "/" {
                continue;
            }
            // The route's path with an id for each parameter.
            let concrete: Vec<&str> =
                path.split('/').map(|s| if s.starts_with(':') { "1000000012" } else { s }).collect();
            routes.push((concrete.join("/"), area.to_string()));
        }
    }
    assert!(routes.len() >= 20, "found the routes: {routes:?}");
    let config = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/config.json")).expect("config");
    let cases: Vec<Value> = routes.iter().map(|(path, _)| case("/", path, &config)).collect();
    let results = run(&cases);
    assert_eq!(results.len(), routes.len(), "one result per route");
    for (got, (path, area)) in results.iter().zip(&routes) {
        assert_eq!(got["area"], json!(area), "{path}");
    }
    let home = run(&[case("/", "/", &config)]);
    assert_eq!(home[0]["area"], Value::Null, "the home page needs no area");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}
