//! Tools for proving the console in a real browser: a sandbox started in-process on 127.0.0.1
//! and a headless Chromium driven over WebDriver, both stopped when the test ends — also when
//! it fails.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long a test waits for something to appear on the page.
pub const WAIT: Duration = Duration::from_secs(15);

/// The release build the end-to-end tests run against (`E2E_DIST`, or `target/e2e-dist`),
/// relative to the workspace root unless absolute.
pub fn e2e_dist() -> PathBuf {
    // Relative to the workspace root: cargo runs tests from the package's own directory.
    let dist = workspace_root()
        .join(std::env::var_os("E2E_DIST").map(PathBuf::from).unwrap_or_else(|| "target/e2e-dist".into()));
    assert!(
        dist.join("index.html").is_file(),
        "{} has no index.html: build it with `scripts/build-release {}` (scripts/test does)",
        dist.display(),
        dist.display()
    );
    dist
}

/// A copy of the release build whose `config.json` `edit` has changed, in a temporary
/// directory named after `tag` (the caller removes it when done).
pub fn dist_with_config(tag: &str, edit: impl FnOnce(&mut serde_json::Value)) -> PathBuf {
    let from = e2e_dist();
    let to = std::env::temp_dir().join(format!("partner-e2e-dist-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&to);
    copy_tree(&from, &to).expect("dist copy");
    let mut config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(to.join("config.json")).expect("config")).expect("json");
    edit(&mut config);
    std::fs::write(to.join("config.json"), config.to_string()).expect("write config");
    to
}

/// Copies the folder `from` to `to` with everything in it (a build's split directory and
/// languages are folders).
pub fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_tree(&path, &target)?;
        } else {
            std::fs::copy(&path, &target)?;
        }
    }
    Ok(())
}

/// The workspace's root directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root exists")
}

/// What a test serves: the built console under a base path, with the twin as the upstream.
pub struct Setup {
    pub dist: PathBuf,
    pub base_path: String,
    /// The twin's data, timing and faults.
    pub sandbox: partner_sandbox::Settings,
}

impl Setup {
    /// `dist` under `base_path`, the twin with its defaults.
    pub fn new(dist: &Path, base_path: &str) -> Setup {
        Setup {
            dist: dist.to_path_buf(),
            base_path: base_path.to_string(),
            sandbox: partner_sandbox::Settings::default(),
        }
    }
}

/// The gateway in front of the twin on a free port of 127.0.0.1, and its demo identity
/// provider on another; both stop when dropped.
pub struct Sandbox {
    /// The console's URL, ending with `/` (`http://127.0.0.1:PORT/partner/console/`).
    pub url: String,
    pub gateway: partner_gateway::testing::Running,
}

impl Sandbox {
    /// Serves `dist` under `base_path` with the twin's defaults.
    pub async fn start(dist: &Path, base_path: &str) -> Sandbox {
        Sandbox::start_with(Setup::new(dist, base_path)).await
    }

    /// Serves as `setup` says.
    pub async fn start_with(setup: Setup) -> Sandbox {
        let upstreams = partner_gateway::Upstreams::Twin(setup.sandbox);
        let gateway = partner_gateway::testing::Running::start(&setup.dist, &setup.base_path, upstreams, |_| {})
            .await
            .expect("gateway");
        Sandbox { url: gateway.url.clone(), gateway }
    }
}

/// Debian's Chromium (scripts/setup installs it): the browser of the tests and the benchmarks.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// The size of `raw` compressed with brotli at quality 11 (what the benchmarks call "brotli -11").
pub fn brotli_len(raw: &[u8]) -> usize {
    use std::io::Write;
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 24);
        if w.write_all(raw).is_err() {
            return raw.len();
        }
    }
    out.len()
}

/// A headless Chromium behind its own chromedriver. Dropping it kills both, and every browser
/// process of its private profile, so nothing outlives a failed test.
pub struct Browser {
    pub client: Client,
    _guard: BrowserGuard,
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

/// A Chrome DevTools Protocol command, sent through chromedriver's passthrough.
#[derive(Debug)]
struct Cdp(&'static str, serde_json::Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (hyper::Method, Option<String>) {
        (hyper::Method::POST, Some(serde_json::json!({ "cmd": self.0, "params": self.1 }).to_string()))
    }
}

/// What `console.error` was called with on the page so far, kept by [`Browser::keep_console_errors`].
const CONSOLE_ERRORS: &str = "__consoleErrors";

impl Browser {
    /// Runs the Chrome DevTools Protocol command `cmd` (chromedriver's passthrough) and answers
    /// its result.
    pub async fn cdp(&self, cmd: &'static str, params: serde_json::Value) -> serde_json::Value {
        self.client.issue_cmd(Cdp(cmd, params)).await.unwrap_or_else(|e| panic!("{cmd}: {e}"))
    }

    /// From the next page loaded on, every page keeps what `console.error` is called with
    /// ([`Browser::console_errors`]).
    pub async fn keep_console_errors(&self) {
        // In a function of its own (no global names), and never throwing into the page's call.
        let source = format!(
            "(() => {{ const kept = window.{CONSOLE_ERRORS} = []; const error = console.error.bind(console); \
             const text = (x) => {{ try {{ return String(x); }} catch {{ return Object.prototype.toString.call(x); }} }}; \
             console.error = (...args) => {{ try {{ kept.push(args.map(text).join(' ')); }} catch {{}} error(...args); }}; }})();"
        );
        self.cdp("Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": source })).await;
    }

    /// What `console.error` was called with on this page since it loaded or since the last
    /// ask (each error once), once [`Browser::keep_console_errors`] was asked.
    pub async fn console_errors(&self) -> Vec<String> {
        let kept = self
            .client
            .execute(&format!("return (window.{CONSOLE_ERRORS} || []).splice(0);"), vec![])
            .await
            .expect("the console's errors");
        let kept: Vec<serde_json::Value> = kept.as_array().cloned().unwrap_or_default();
        kept.iter().filter_map(|e| e.as_str().map(str::to_string)).collect()
    }

    /// Starts chromedriver and a headless Chromium that reaches nothing but this machine.
    pub async fn start() -> Browser {
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver on PATH (scripts/setup installs Debian's chromium-driver)");
        // A profile of its own every time (cold loads must start with an empty cache).
        static STARTED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let profile = std::env::temp_dir().join(format!("partner-e2e-{}-{port}-{n}", std::process::id()));
        // From here on, a failure still kills the driver and its browsers.
        let guard = BrowserGuard { driver, profile: profile.clone() };
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            "--window-size=1280,800",
        ];
        let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let caps = serde_json::json!({
            "goog:chromeOptions": { "binary": CHROMIUM, "args": args },
        });
        let serde_json::Value::Object(caps) = caps else { unreachable!("a JSON object literal") };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://{addr}"))
            .await
            .expect("WebDriver session with headless Chromium");
        Browser { client, _guard: guard }
    }

    /// A browser signed in to `sandbox` as distributor staff (the demo provider's Dana).
    pub async fn signed_in(sandbox: &Sandbox) -> Browser {
        Browser::signed_in_as(sandbox, "Dana Distributor").await
    }

    /// A browser signed in to `sandbox` as the demo user `name`, through the real flow: the
    /// gateway sends it to the provider, the user is chosen there, the gateway sets the session.
    pub async fn signed_in_as(sandbox: &Sandbox, name: &str) -> Browser {
        let browser = Browser::start().await;
        browser.sign_in(sandbox, name).await;
        browser
    }

    /// Signs in as the demo user `name` and waits until the session is set (the flow ends on
    /// the gateway's `auth/me`, which says who is signed in).
    pub async fn sign_in(&self, sandbox: &Sandbox, name: &str) {
        let base = sandbox.url.strip_prefix(&sandbox.gateway.origin).unwrap_or("/");
        self.client.goto(&format!("{}auth/login?return={base}auth/me", sandbox.url)).await.expect("sign-in");
        self.click(&format!("Sign in as {name}")).await;
        self.find(&format!("//*[contains(., {})]", xpath_literal("\"subject\""))).await;
    }

    /// Ends the session politely; dropping afterwards cleans up the rest.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }

    /// Waits until an element matching the XPath `xpath` exists, and returns it. A page that
    /// navigates while it is looked at ("aborted by navigation") is looked at again.
    pub async fn find(&self, xpath: &str) -> fantoccini::elements::Element {
        let deadline = std::time::Instant::now() + WAIT;
        let found = loop {
            match self.client.find(Locator::XPath(xpath)).await {
                Ok(found) => break Ok(found),
                Err(e) if std::time::Instant::now() >= deadline => break Err(e),
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
            }
        };
        match found {
            Ok(found) => found,
            Err(e) => {
                let url = self.client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
                // What the page showed instead, for whoever reads the failure.
                let shot = format!("failure-{}", std::thread::current().name().unwrap_or("test").replace("::", "-"));
                if let Ok(png) = self.client.screenshot().await {
                    let dir = workspace_root().join("target/e2e-screenshots");
                    let _ = std::fs::create_dir_all(&dir);
                    let _ = std::fs::write(dir.join(format!("{shot}.png")), png);
                }
                panic!("no element {xpath} on {url}: {e} (screenshot: target/e2e-screenshots/{shot}.png)")
            }
        }
    }

    /// Waits until the page's `<h1>` reads `title`.
    pub async fn heading(&self, title: &str) {
        self.find(&format!("//main//h1[normalize-space(.)={}]", xpath_literal(title))).await;
    }

    /// Presses and releases `key` on whatever has the keyboard focus, as a person would.
    pub async fn press(&self, key: Key) {
        let value: char = key.into();
        let actions = KeyActions::new("keyboard".into()).then(KeyAction::Down { value }).then(KeyAction::Up { value });
        self.client.perform_actions(actions).await.expect("key press");
    }

    /// The focused element's tag name, trimmed text and id.
    pub async fn focused(&self) -> (String, String, String) {
        let v = self
            .client
            .execute(
                "const e = document.activeElement; return [e.tagName, (e.textContent || '').trim(), e.id || ''];",
                vec![],
            )
            .await
            .expect("script");
        let part = |i: usize| v[i].as_str().unwrap_or_default().to_string();
        (part(0), part(1), part(2))
    }

    /// The path of the current page.
    pub async fn path(&self) -> String {
        self.client.current_url().await.expect("current url").path().to_string()
    }

    /// Saves a screenshot as `target/e2e-screenshots/NAME.png` for a person to look at.
    pub async fn screenshot(&self, name: &str) {
        let dir = workspace_root().join("target/e2e-screenshots");
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        let png = self.client.screenshot().await.expect("screenshot");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }
}

/// Owns chromedriver and the browser profile: dropping it kills the driver and every browser
/// process of the profile, and removes the profile.
struct BrowserGuard {
    driver: Child,
    profile: PathBuf,
}

impl Drop for BrowserGuard {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // Chromium's processes carry the profile path on their command line.
        let _ = Command::new("pkill").arg("-f").arg(self.profile.as_os_str()).status();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// The world the sandbox starts from in the tests (its default seed, not `--large`), as of now:
/// for finding a seeded record with the properties a test needs.
pub fn seeded_world() -> partner_sandbox::twin::World {
    partner_sandbox::vipmp::seed::world(
        partner_sandbox::Settings::default().seed,
        partner_sandbox::twin::time::now(),
        false,
    )
}

/// How many records of `what` (`order`, `customer`, `reseller_change`…) the API has created,
/// from the sandbox's `stats`.
pub fn created(stats: &serde_json::Value, what: &str) -> u64 {
    stats["created"][what].as_u64().unwrap_or(0)
}

/// The XPath of the cell in `column` (found by its header, wherever it stands) of the rows of
/// `table` that `row` selects (a predicate such as `[1]`).
pub fn column_cell(table: &str, row: &str, column: &str) -> String {
    format!(
        "{table}//tbody/tr{row}/td[count({table}//thead//th[normalize-space(.)='{column}']/preceding-sibling::th)+1]"
    )
}

/// `s` as an XPath string literal, whatever quotes it holds.
pub fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        let parts: Vec<String> = s.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// Driving forms and reading pages the way a person does: by labels, buttons and headings.
impl Browser {
    /// The form control of the page's content (not the header's "go to" box) whose `<label>`
    /// reads `label` (a required field's `*` aside).
    pub async fn field(&self, label: &str) -> fantoccini::elements::Element {
        let l = xpath_literal(label);
        let starred = xpath_literal(&format!("{label} *"));
        self.find(&format!("//main//*[@id=//main//label[normalize-space(.)={l} or normalize-space(.)={starred}]/@for]"))
            .await
    }

    /// Types `text` into the field labelled `label`, after clearing it.
    pub async fn fill(&self, label: &str, text: &str) {
        let input = self.field(label).await;
        input.clear().await.expect("clear");
        input.send_keys(text).await.expect("type");
    }

    /// Sets the field labelled `label` the way a date picker does (value, then `input`).
    pub async fn set(&self, label: &str, value: &str) {
        let input = self.field(label).await;
        self.client
            .execute(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true})); arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                vec![serde_json::to_value(&input).expect("element"), serde_json::Value::String(value.into())],
            )
            .await
            .expect("set value");
    }

    /// Chooses the option with `value` in the select labelled `label`.
    pub async fn choose(&self, label: &str, value: &str) {
        self.field(label).await.select_by_value(value).await.expect("select option");
    }

    /// Clicks the button or link whose text is `text`.
    pub async fn click(&self, text: &str) {
        let t = xpath_literal(text);
        self.find(&format!("//*[(self::button or self::a) and normalize-space(.)={t}]"))
            .await
            .click()
            .await
            .expect("click");
    }

    /// Whether no element matches `xpath` now (no waiting: for what must not be there once
    /// the page has shown what it does show).
    pub async fn absent(&self, xpath: &str) -> bool {
        self.client.find(fantoccini::Locator::XPath(xpath)).await.is_err()
    }

    /// Clicks "Use on matching lines" of the customer's discount named `name`, in the flexible
    /// discounts listed under a form's lines (placing an order, renewing by hand).
    pub async fn use_discount(&self, name: &str) {
        let row =
            format!("//fieldset[legend='Flexible discounts']//tr[th[normalize-space(.)={}]]", xpath_literal(name));
        self.find(&format!("{row}//button[normalize-space(.)='Use on matching lines']"))
            .await
            .click()
            .await
            .expect("use the discount");
    }

    /// Waits until some element's text contains `text`.
    pub async fn sees(&self, text: &str) -> fantoccini::elements::Element {
        self.find(&format!(
            "//*[contains(normalize-space(.), {})][not(*[contains(normalize-space(.), {0})])]",
            xpath_literal(text)
        ))
        .await
    }

    /// Scrolls `element` to the middle of the window (before a screenshot of it).
    pub async fn show(&self, element: &fantoccini::elements::Element) {
        let _ = self
            .client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'});",
                vec![serde_json::to_value(element).expect("element")],
            )
            .await;
    }

    /// The value of the field labelled `label`.
    pub async fn value_of(&self, label: &str) -> String {
        self.field(label).await.prop("value").await.expect("value").unwrap_or_default()
    }

    /// A JSON value from the sandbox's admin API (`stats`), fetched by the page itself.
    pub async fn sandbox_stats(&self, base: &str) -> serde_json::Value {
        self.sandbox_json(base, "stats").await
    }

    /// `GET {base}__sandbox/{path}` as JSON (`stats`, `approval-codes`), fetched by the page.
    pub async fn sandbox_json(&self, base: &str, path: &str) -> serde_json::Value {
        // A JSON document (the end of the sign-in flow shows `auth/me`) has the gateway's
        // `default-src 'none'`: its page may fetch nothing, so fetch from the console's.
        let html = self.client.execute("return document.contentType === 'text/html';", vec![]).await.ok();
        if html != Some(serde_json::Value::Bool(true)) {
            self.client.goto(base).await.expect("the console");
        }
        self.client
            .execute_async(
                "const done = arguments[arguments.length - 1]; fetch(arguments[0] + '__sandbox/' + arguments[1]).then(r => r.json()).then(done, e => done(String(e)));",
                vec![serde_json::Value::String(base.into()), serde_json::Value::String(path.into())],
            )
            .await
            .expect("sandbox admin API")
    }

    /// Replaces the sandbox's fault rules (`[{ "path": "/v3/**", "kind": "status", "status": 500 }]`),
    /// from the page itself.
    pub async fn set_faults(&self, rules: serde_json::Value) {
        let status = self
            .client
            .execute_async(
                "const [rules, done] = arguments; fetch('__sandbox/faults', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(rules) }).then(r => done(r.status), e => done(String(e)));",
                vec![rules],
            )
            .await
            .expect("set faults");
        assert_eq!(status, 200, "faults set");
    }

    /// What this page has requested so far (Resource Timing): each URL's path and query.
    pub async fn requested(&self) -> Vec<(String, String)> {
        let script =
            "return performance.getEntriesByType('resource').map(e => new URL(e.name)).map(u => [u.pathname, u.search]);";
        let list = self.client.execute(script, vec![]).await.expect("resource timing");
        serde_json::from_value(list).expect("paths and queries")
    }

    /// Waits until nothing on the page says it is loading.
    pub async fn settled(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let busy = self
                .client
                .execute("return document.querySelectorAll('main .loading, main [aria-busy=\"true\"]').length;", vec![])
                .await
                .expect("loading state");
            if busy == 0 {
                return;
            }
            assert!(Instant::now() < deadline, "the page kept loading");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// What axe-core (npm, injected into the page) finds wrong with the page as it is now: one
    /// line per violation, with the elements it concerns. Empty when nothing is found. Besides
    /// axe's default rules it runs those it ships turned off as experimental: a control's
    /// accessible name holds its visible words (WCAG 2.5.3), so a voice command of what it shows
    /// finds it; no paragraph styled as a heading, no table caption faked in a cell, every data
    /// cell with a header (1.3.1); no orientation lock (1.3.4); focusable elements with roles.
    pub async fn axe(&self) -> Vec<String> {
        let path = workspace_root().join("node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (scripts/setup installs axe-core)", path.display()));
        self.client
            .execute(&format!("if (!window.axe) {{ {source} }} return !!window.axe;"), vec![])
            .await
            .expect("inject axe-core");
        let found = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 const on = { enabled: true };
                 axe.run(document, { rules: {
                   'label-content-name-mismatch': on, 'p-as-heading': on, 'table-fake-caption': on,
                   'td-has-header': on, 'css-orientation-lock': on, 'focus-order-semantics': on,
                 } }).then(
                   r => done(r.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(' | ')}`)),
                   e => done([`axe-core failed: ${e}`]));",
                vec![],
            )
            .await
            .expect("axe-core run");
        found.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_string)).collect()
    }

    /// Opens the hub of the seeded customer `name` of Northwind Software Partners as a person
    /// would (the reseller list, the reseller, its customers filtered by name), and returns the
    /// customer's id.
    pub async fn open_customer(&self, base: &str, name: &str) -> String {
        self.client.goto(&format!("{base}resellers?sort-by=companyName&order-by=asc")).await.expect("resellers");
        self.click("Northwind Software Partners").await;
        self.heading("Northwind Software Partners").await;
        let reseller = self.path().await.rsplit('/').next().unwrap_or_default().to_string();
        let prefix = name.split(' ').next().unwrap_or(name);
        self.client
            .goto(&format!("{base}customers?reseller={reseller}&company-name={prefix}*"))
            .await
            .expect("customers");
        self.click(name).await;
        self.heading(name).await;
        self.path().await.rsplit('/').next().unwrap_or_default().to_string()
    }

    /// Opens Place an order for `customer` with `lines` (`OFFER:QUANTITY`) prefilled, as "order
    /// these" does, and asks for the preview.
    pub async fn preview_order(&self, base: &str, customer: &str, lines: &[&str]) {
        let query = lines.iter().map(|l| format!("line={l}")).collect::<Vec<_>>().join("&");
        self.client.goto(&format!("{base}customers/{customer}/orders/new?{query}")).await.expect("place an order");
        self.heading("Place an order").await;
        self.click("Preview order").await;
    }

    /// On the renewal page, sets the first row to renew `licenses` and every other row to none:
    /// part of a subscription goes in a renewal order of its own (3121). Returns how many rows
    /// the page offers.
    pub async fn renew_first_only(&self, licenses: &str) -> usize {
        let fields = "//section[h2='Renew by hand']//input[@type='number']";
        self.find(fields).await;
        let all = self.client.find_all(fantoccini::Locator::XPath(fields)).await.expect("fields");
        for (i, field) in all.iter().enumerate() {
            field.clear().await.expect("clear");
            field.send_keys(if i == 0 { licenses } else { "0" }).await.expect("type");
        }
        all.len()
    }

    /// From a customer's subscription list, opens the first active subscription.
    pub async fn open_first_active_subscription(&self) {
        // The Status column found by its header, wherever it stands.
        let status =
            "count(//table[contains(@class,'data')]/thead//th[normalize-space(.)='Status']/preceding-sibling::th)+1";
        self.find(&format!(
            "//table[contains(@class,'data')]/tbody/tr[td[{status}][normalize-space(.)='Active']][1]/td[1]/a"
        ))
        .await
        .click()
        .await
        .expect("open subscription");
        self.find("//main//h1[starts-with(normalize-space(.), 'Subscription ')]").await;
    }

    /// The ids of the active resellers, in the order of the reseller list sorted by name.
    pub async fn active_resellers(&self, base: &str) -> Vec<String> {
        self.client.goto(&format!("{base}resellers?sort-by=companyName&order-by=asc")).await.expect("reseller list");
        let links = "//main//table//a[contains(@href, '/resellers/')]";
        self.find(links).await;
        let mut ids = Vec::new();
        for link in self.client.find_all(Locator::XPath(links)).await.expect("reseller links") {
            let href = link.attr("href").await.expect("href").unwrap_or_default();
            ids.push(href.rsplit('/').next().unwrap_or_default().to_string());
        }
        ids
    }

    /// The sandbox's approval codes (`code`, `customerId`, `companyName`, `resellerId`,
    /// `expired`, `used`), read from a page of the console.
    pub async fn approval_codes(&self, base: &str) -> Vec<serde_json::Value> {
        self.client.goto(base).await.expect("home");
        match self.sandbox_json(base, "approval-codes").await {
            serde_json::Value::Array(codes) => codes,
            other => panic!("approval codes: {other}"),
        }
    }
}

/// What a load run measured.
#[derive(Clone, Copy, Debug)]
pub struct LoadFigures {
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Calls that failed during the measured part.
    pub errors: u64,
}

/// Runs `connections` workers, each calling `call(worker, n)` (its `n`th call; `true` when it
/// succeeded) one after the other for `warm_up` and then `measure`, and returns the figures of
/// the measured part: what the benchmarks print.
pub async fn load<F, Fut>(connections: usize, warm_up: Duration, measure: Duration, call: F) -> LoadFigures
where
    F: Fn(usize, usize) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let stop_at = Instant::now() + warm_up + measure;
    let measure_from = Instant::now() + warm_up;
    let mut workers = Vec::new();
    for w in 0..connections {
        let call = call.clone();
        workers.push(tokio::spawn(async move {
            let (mut latencies, mut errors, mut n) = (Vec::new(), 0u64, 0usize);
            while Instant::now() < stop_at {
                let started = Instant::now();
                let ok = call(w, n).await;
                n += 1;
                if started >= measure_from {
                    if ok {
                        latencies.push(started.elapsed().as_micros() as u64);
                    } else {
                        errors += 1;
                    }
                }
            }
            (latencies, errors)
        }));
    }
    let (mut all, mut errors) = (Vec::new(), 0);
    for w in workers {
        if let Ok((l, e)) = w.await {
            all.extend(l);
            errors += e;
        }
    }
    all.sort_unstable();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1))).copied().unwrap_or(0) as f64
            / 1000.0
    };
    LoadFigures { per_second: all.len() as f64 / measure.as_secs_f64(), p50_ms: pct(0.50), p99_ms: pct(0.99), errors }
}
