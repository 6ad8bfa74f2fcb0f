//! End to end: the release build served by the sandbox, in headless Chromium over WebDriver.
//! The health badge goes up, deep links survive a reload at `/` and under a sub-path (each
//! area's code fetched early, the right one), a deep link's first data is read once, while the
//! wasm downloads, the note "Loading this page…" shows only while a page's code has to come,
//! the navigation works with the keyboard alone, and leaving a page stops the reads it sent.

use fantoccini::key::Key;
use partner_devtools::*;

async fn deep_links_survive_reload(base_path: &str, shot: &str) {
    let sandbox = Sandbox::start(&e2e_dist(), base_path).await;
    let browser = Browser::signed_in(&sandbox).await;
    browser.client.goto(&sandbox.url).await.expect("open the console");
    browser.find("//*[@data-health='up' and normalize-space(.)='API up']").await;
    browser.heading("Partner console").await;
    // Under the sandbox's strict Content-Security-Policy the stylesheet still applies.
    let layout = browser
        .client
        .execute("return getComputedStyle(document.querySelector('header.top')).display;", vec![])
        .await
        .expect("script");
    assert_eq!(layout, "flex", "the stylesheet is applied");
    browser.screenshot(&format!("{shot}-home")).await;

    let deep = format!("{}resellers?sort-by=companyName&order-by=asc", sandbox.url);
    browser.client.goto(&deep).await.expect("deep link");
    browser.heading("Resellers").await;
    let first = "//table[contains(@class,'data')]/tbody/tr[1]/td[1][normalize-space(.)='Lone Star Public Sector IT']";
    browser.find(first).await;
    browser.client.refresh().await.expect("reload");
    browser.find(first).await;
    browser.find("//*[@data-health='up']").await;
    assert_eq!(browser.path().await, format!("{base_path}resellers"));
    // A record's page reloads too: open the reseller, reload, same reseller.
    browser.click("Lone Star Public Sector IT").await;
    browser.heading("Lone Star Public Sector IT").await;
    assert!(browser.path().await.starts_with(&format!("{base_path}resellers/")));
    browser.client.refresh().await.expect("reload");
    browser.heading("Lone Star Public Sector IT").await;
    browser.screenshot(&format!("{shot}-reseller")).await;

    // Client-side navigation stays below the base, and its result reloads too.
    browser.find("//nav[@aria-label='Areas']//a[normalize-space(.)='Orders']").await.click().await.expect("click");
    browser.heading("Orders").await;
    assert_eq!(browser.path().await, format!("{base_path}orders"));
    browser.client.refresh().await.expect("reload");
    browser.heading("Orders").await;

    // A deep link into each area fetches that area's code early (index.html's table, filled by
    // `partner-split finish`), and it is the one area's chunk the page then loads.
    let early = "return [window.__partnerEarlyArea ?? null, performance.getEntriesByType('resource')
        .map(e => new URL(e.name).pathname.split('/').pop()).filter(n => n.startsWith('split_'))
        .map(n => n.slice('split_'.length, -'.wasm'.length))];";
    for (path, area) in [
        ("customers/1000000012", "hub"),
        ("customers", "customers"),
        ("customers/new?reseller=1000000001", "partners"),
        ("customers/1000000012/edit", "partners"),
        ("customers/1000000012/benefits", "partners"),
        ("customers/1000000015/deployments", "partners"),
        ("customers/1000000015/deployments/7100000001", "partners"),
        ("customers/1000000012/orders/new", "order"),
        ("customers/1000000032/renewal/add", "customers"),
        ("orders", "customers"),
        ("subscriptions", "customers"),
        ("notifications", "customers"),
        ("linked-memberships", "customers"),
        ("resellers/new", "partners"),
        ("activity", "partners"),
        ("transfers", "partners"),
        ("memberships", "partners"),
        ("distributor-subscriptions", "partners"),
    ] {
        browser.client.goto(&format!("{}{path}", sandbox.url)).await.expect("deep link");
        browser.find("//main//h1").await;
        let seen = browser.client.execute(early, vec![]).await.expect("script");
        assert_eq!(seen, serde_json::json!([area, [area]]), "{path}: early area, then the chunks loaded");
    }

    browser.client.goto(&format!("{}no/such/page", sandbox.url)).await.expect("unknown page");
    browser.heading("Page not found").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn at_the_root() {
    deep_links_survive_reload("/", "root").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn under_a_sub_path() {
    deep_links_survive_reload("/partner/console/", "subpath").await;
}

/// The note "Loading this page…" shows while an area's code comes, and a page of an area whose
/// code is here is drawn in the task that asked for it, its note never lasting into another
/// (`split::page` waits a task only after a chunk that came in a later one).
#[tokio::test(flavor = "multi_thread")]
async fn only_a_page_whose_code_has_to_come_says_it_is_loading() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    browser.client.goto(&format!("{}orders", sandbox.url)).await.expect("orders");
    browser.heading("Orders").await;
    // Every loading note put in `main` from now on that is still there in the next task (asked
    // at the highest priority, ahead of a `scheduler.yield()` continuation).
    let watch = "window.__notes = []; new MutationObserver((records) => { for (const r of records) \
        for (const n of r.addedNodes) if (n.nodeType === 1 && n.matches('p.loading')) \
        scheduler.postTask(() => { if (n.isConnected) window.__notes.push(n.textContent.trim()); }, \
        { priority: 'user-blocking' }); }).observe(document.querySelector('main'), { childList: true });";
    browser.client.execute(watch, vec![]).await.expect("observer");
    let notes = "const n = window.__notes; window.__notes = []; return n;";
    let area = |label: &str| format!("//nav[@aria-label='Areas']//a[normalize-space(.)='{label}']");

    // Partners' code is not here yet: the note says so until it comes.
    browser.find(&area("Activity")).await.click().await.expect("click");
    browser.heading("Activity").await;
    let seen = browser.client.execute(notes, vec![]).await.expect("notes");
    assert_eq!(seen, serde_json::json!(["Loading this page…"]), "the activity's code had to come");

    // Another page of the same area: no note at all.
    browser.find(&area("Reseller change")).await.click().await.expect("click");
    browser.heading("Reseller change").await;
    let seen = browser.client.execute(notes, vec![]).await.expect("notes");
    assert_eq!(seen, serde_json::json!([]), "the reseller change's code was here");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_navigation_works_with_the_keyboard_alone() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    browser.client.goto(&sandbox.url).await.expect("open the console");
    browser.find("//*[@data-health='up']").await;

    // The first Tab reaches the skip link; Enter moves focus to the content.
    browser.press(Key::Tab).await;
    assert_eq!(browser.focused().await.1, "Skip to content");
    browser.press(Key::Enter).await;
    assert_eq!(browser.focused().await.2, "main");

    let labels = [
        "Resellers",
        "Customers",
        "Orders",
        "Subscriptions",
        "Reseller change",
        "VIP → VIPMP",
        "Linked memberships",
        "VMware subscriptions",
    ];
    for label in labels {
        // Tab forward (wrapping to the top if needed) until the area's link has focus.
        let mut reached = false;
        for _ in 0..40 {
            browser.press(Key::Tab).await;
            let (tag, text, _) = browser.focused().await;
            if tag == "A" && text == label {
                reached = true;
                break;
            }
        }
        assert!(reached, "Tab never reached the {label} link");
        browser.press(Key::Enter).await;
        browser.heading(label).await;
    }
    browser.screenshot("keyboard-last-area").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_browser_transport_explains_each_fault_and_never_panics() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    browser.client.goto(&sandbox.url).await.expect("open the console");
    browser.find("//*[@data-health='up']").await;
    let cases = [
        (
            serde_json::json!({ "path": "/ping", "kind": "status", "status": 502 }),
            "answered HTTP 502 instead of the API",
        ),
        // The twin drops the connection; the gateway, which reads answers whole, says so.
        (serde_json::json!({ "path": "/ping", "kind": "drop" }), "answer was cut off on its way to the gateway"),
        (serde_json::json!({ "path": "/ping", "kind": "malformed" }), "not with pong"),
        (serde_json::json!({ "path": "/ping", "kind": "status", "status": 500 }), "(error 1124)"),
        (
            serde_json::json!({ "path": "/partnerservice/ping", "kind": "status", "status": 503 }),
            "Authenticated ping: The proxy in front of the API answered HTTP 503",
        ),
    ];
    for (rule, expected) in cases {
        browser.set_faults(serde_json::json!([rule])).await;
        browser
            .find("//button[normalize-space(.)='Check again' and not(@disabled)]")
            .await
            .click()
            .await
            .expect("check again");
        let literal = xpath_literal(expected);
        browser
            .find(&format!(
                "//div[contains(@class,'health')][.//*[@data-health='down']]/*[contains(@class,'health-reason') and contains(., {literal})]"
            ))
            .await;
    }
    browser.screenshot("health-fault").await;
    let broken =
        browser.client.execute("return document.getElementById('broken') === null;", vec![]).await.expect("script");
    assert_eq!(broken, true, "no panic screen");
    browser.close().await;
}

/// How many of the health badge's two pings this page sent.
async fn pings(browser: &Browser) -> (usize, usize) {
    (requests_to(browser, "/vipmp/ping").await, requests_to(browser, "/partnerservice/ping").await)
}

/// How many requests this page sent whose path ends with `suffix` (Resource Timing).
/// Requests whose path and query (without the `&` the app's fetch ends a query with) end with
/// `suffix`.
async fn requests_to(browser: &Browser, suffix: &str) -> usize {
    let requested = browser.requested().await;
    requested.iter().filter(|(path, query)| format!("{path}{}", query.trim_end_matches('&')).ends_with(suffix)).count()
}

#[tokio::test(flavor = "multi_thread")]
async fn config_json_comes_in_the_page_and_who_is_signed_in_is_fetched_once_alongside_the_wasm() {
    // An environment's name that would end the page's config element if written as it is.
    // (No script in it would run: the page's CSP allows only its nonce'd one.)
    let name = "QA </script><!--<script>";
    let dist = partner_devtools::dist_with_config("shell-config", |c| c["environment"] = name.into());
    let sandbox = Sandbox::start(&dist, "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    browser.client.goto(&sandbox.url).await.expect("open the console");
    browser.find("//*[@data-health='up']").await;
    // The gateway writes config.json into the page, and index.html fetches auth/me; the app
    // takes both, and asks for neither.
    assert_eq!(requests_to(&browser, "/config.json").await, 0, "config.json is in the page");
    assert_eq!(requests_to(&browser, "/auth/me").await, 1, "auth/me fetched once");
    // The page's configuration is the served one, read as it is: the name stands in the header.
    let shown = browser.find("//header//*[contains(@class,'env')]").await.text().await.expect("environment");
    assert_eq!(shown, name);
    browser.find("//header//*[contains(@class,'who-name')]").await;
    browser.close().await;
    let _ = std::fs::remove_dir_all(dist);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_deep_link_reads_its_first_data_once_while_the_wasm_downloads() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    let customer = "1000000012";
    let pages = [
        (
            format!("customers/{customer}"),
            "//main//a[normalize-space(.)='Northwind Software Partners 1000000001']",
            // The reseller once the customer's answer names it, also before the wasm is there.
            vec![
                format!("/v3/customers/{customer}"),
                format!("/v3/customers/{customer}/subscriptions"),
                "/v3/resellers/1000000001".to_string(),
            ],
        ),
        (
            format!("subscriptions?customer={customer}"),
            "//main//table[contains(@class,'data')]//tbody/tr",
            vec![format!("/v3/customers/{customer}/subscriptions")],
        ),
        (
            format!("customers/{customer}/orders/new"),
            "//main//p[contains(@class,'lede')]//span[normalize-space(.)='Fairmont Hotels Group']",
            // Its discounts and the first page of its price list once the customer's answer
            // names its segment and country, also before the wasm is there.
            vec![
                format!("/v3/customers/{customer}"),
                "/v3/flex-discounts?market-segment=COM&country=US&limit=50&offset=0".to_string(),
                format!("/v3/customers/{customer}/flex-discounts?limit=50&offset=0"),
                "/v3/pricelist?offset=0&limit=100".to_string(),
            ],
        ),
    ];
    for (page, shown, reads) in pages {
        browser.client.goto(&format!("{}{page}", sandbox.url)).await.expect("deep link");
        browser.find(shown).await;
        browser.settled().await;
        // Every early read taken (the order form's price list is read once its picker is drawn),
        // before index.html lets go of what is left (15 s after the page started).
        loop {
            let (left, since_start) = browser
                .client
                .execute("return [Object.keys(window.__partnerEarlyReads), performance.now()];", vec![])
                .await
                .map(|v| (v[0].clone(), v[1].as_f64().unwrap_or(f64::MAX)))
                .expect("early reads");
            assert!(since_start < 14_000.0, "{page}: early reads not taken in time: {left}");
            if left == serde_json::json!([]) {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        // index.html started these reads; the app took each answer instead of asking again (a
        // drift between index.html's table and the app's URLs shows as two requests).
        for read in reads {
            assert_eq!(requests_to(&browser, &read).await, 1, "{page}: {read} read once");
        }
        // Placing an order reads one price list (the hub reads a list per segment for names):
        // its later pages are not read twice either.
        if !page.ends_with("/orders/new") {
            continue;
        }
        let lists: Vec<String> = browser
            .requested()
            .await
            .into_iter()
            .filter(|(path, _)| path.ends_with("/v3/pricelist"))
            .map(|(_, query)| query.trim_end_matches('&').to_string())
            .collect();
        let mut once = lists.clone();
        once.sort();
        once.dedup();
        assert_eq!(lists.len(), once.len(), "{page}: a price list page read twice: {lists:?}");
    }
    // An early read that fails is not the app's answer: the app reads again, as usual.
    browser.set_faults(serde_json::json!([{ "method": "GET", "path": "/v3/customers/*/subscriptions", "kind": "status", "status": 500, "times": 1 }])).await;
    browser.client.goto(&format!("{}subscriptions?customer={customer}", sandbox.url)).await.expect("deep link");
    browser.find("//main//table[contains(@class,'data')]//tbody/tr").await;
    assert_eq!(requests_to(&browser, "/subscriptions").await, 2, "the failed early read, then the app's own");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_health_check_takes_the_pages_reads_and_pings_only_without_them() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    // The hub's reads answered: the badge says so without a ping.
    browser.client.goto(&format!("{}customers/1000000012", sandbox.url)).await.expect("deep link");
    browser.find("//*[@data-health='up']").await;
    browser.settled().await;
    assert_eq!(pings(&browser).await, (0, 0), "the hub's own reads answered the first check");
    // The activity log reads nothing of the API: after a short wait, both pings.
    browser.client.goto(&format!("{}activity", sandbox.url)).await.expect("deep link");
    browser.find("//*[@data-health='up']").await;
    assert_eq!(pings(&browser).await, (1, 1), "a page without reads pings");
    // A read the API refused says nothing of its health: the pings find out.
    browser
        .set_faults(serde_json::json!([{ "method": "GET", "path": "/v3/**", "kind": "status", "status": 500 }]))
        .await;
    browser.client.goto(&format!("{}customers/1000000012", sandbox.url)).await.expect("deep link");
    browser.find("//*[@data-health='up']").await;
    assert_eq!(pings(&browser).await, (1, 1), "a failed read leaves the check to the pings");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_pages_own_api_base_wins_over_one_a_visit_remembered() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    let customer = "1000000012";
    let page = format!("{}subscriptions?customer={customer}", sandbox.url);
    let rows = "//main//table[contains(@class,'data')]//tbody/tr";
    let key = "partner-console.early-api:/";
    let remembered = async || {
        let script = "return JSON.parse(localStorage.getItem(arguments[0]));";
        browser.client.execute(script, vec![key.into()]).await.expect("storage")
    };
    // A visit remembers the API's base and read limit, for a static host's next visit, whose
    // page does not carry config.json (tests/boot.rs: it reads from there at once).
    browser.client.goto(&page).await.expect("deep link");
    browser.find(rows).await;
    let learnt = serde_json::json!({ "root": "/api/vipmp", "seconds": 10 });
    assert_eq!(remembered().await, learnt, "the API's base and read limit remembered");

    // The gateway's page carries config.json: when the API has moved since, the page's base is
    // read at once, and only it.
    browser
        .client
        .execute(
            "localStorage.setItem(arguments[0], JSON.stringify({ root: '/api/moved', seconds: 30 }));",
            vec![key.into()],
        )
        .await
        .expect("storage");
    browser.client.goto(&page).await.expect("deep link");
    browser.find(rows).await;
    browser.settled().await;
    let paths = "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.endsWith('/subscriptions'));";
    let paths = browser.client.execute(paths, vec![]).await.expect("resource timing");
    let expected = format!("/api/vipmp/v3/customers/{customer}/subscriptions");
    assert_eq!(paths, serde_json::json!([expected]), "one read, from the page's base");
    assert_eq!(remembered().await, learnt, "the page's base remembered again");
    browser.close().await;
}

/// Texts in which a reseller's or customer's id may stand without its name, each with why.
/// Everywhere else the name stands in the same table row, list item, fact, paragraph, heading
/// or label as the id, or the page's title is the name (the record's own page).
const IDS_ALONE: &[(&str, &str)] = &[];

/// Every page of the console, with data of the demo's first customer (1000000012) and
/// reseller: a subscription, its upgrade and an order found through their lists, as a person
/// would.
async fn every_page(browser: &Browser, sandbox: &Sandbox) -> Vec<String> {
    let first_link = async |page: &str, within: &str| {
        browser.client.goto(&format!("{}{page}", sandbox.url)).await.expect("open");
        let link = browser.find(&format!("//main//table//a[contains(@href, '{within}')]")).await;
        let href = link.attr("href").await.expect("href").unwrap_or_default();
        href.trim_start_matches('/').to_string()
    };
    let subscription = first_link("subscriptions?customer=1000000012", "/subscriptions/").await;
    let order = first_link("orders?customer=1000000012", "/orders/").await;
    let mut pages = vec![
        "".to_string(),
        "?reseller=1000000001".into(),
        "resellers".into(),
        "resellers/1000000001".into(),
        "resellers/1000000001/edit".into(),
        "resellers/new".into(),
        "customers?reseller=1000000001".into(),
        "customers/1000000012".into(),
        "customers/1000000012/edit".into(),
        "customers/1000000012/benefits".into(),
        "customers/1000000015/deployments".into(),
        "customers/1000000015/deployments/new".into(),
        "customers/1000000015/deployments/7100000001".into(),
        "customers/new?reseller=1000000001".into(),
        "orders?reseller=1000000001".into(),
        "orders?customer=1000000012".into(),
        "customers/1000000012/orders/new".into(),
        "customers/1000000012/renewal".into(),
        "customers/1000000032/renewal/add".into(),
        "customers/1000000012/open-acquisitions".into(),
        "notifications?reseller=1000000001".into(),
        "subscriptions?reseller=1000000001".into(),
        "subscriptions?customer=1000000012".into(),
        "transfers".into(),
        "transfers?reseller=1000000001".into(),
        "memberships".into(),
        "memberships/73000002".into(),
        "linked-memberships".into(),
        "distributor-subscriptions".into(),
        "price-list".into(),
        "activity".into(),
    ];
    pages.push(subscription.clone());
    pages.push(format!("{subscription}/upgrade"));
    pages.push(order.clone());
    pages
}

/// No table is wider than the page on a desktop (a 1280-px window, the page 995 px wide): a
/// wider one scrolls sideways, and what is in its last columns is cut off until it does.
#[tokio::test(flavor = "multi_thread")]
async fn no_table_is_wider_than_the_page_on_a_desktop() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    browser.client.set_window_size(1280, 800).await.expect("desktop width");
    let mut wide = Vec::new();
    for page in every_page(&browser, &sandbox).await {
        browser.client.goto(&format!("{}{page}", sandbox.url)).await.expect("open");
        browser.find("//main//h1").await;
        browser.settled().await;
        let tables = browser
            .client
            .execute(
                "return [...document.querySelectorAll('main .table-wrap')].filter(w => w.scrollWidth > w.clientWidth)
                   .map(w => `${w.querySelector('caption')?.textContent ?? ''}: ${w.scrollWidth} px in ${w.clientWidth}`);",
                vec![],
            )
            .await
            .expect("widths");
        for table in tables.as_array().into_iter().flatten() {
            wide.push(format!("/{page}: {}", table.as_str().unwrap_or_default()));
        }
    }
    assert!(wide.is_empty(), "tables wider than the page at 1280 px:\n{}", wide.join("\n"));
    browser.close().await;
}

/// On a phone's width (360 px), no page is wider than the window (tables scroll inside their
/// own box, forms and fieldsets shrink, ids wrap), and no reseller's or customer's id is shown
/// without its name beside it, outside [`IDS_ALONE`].
#[tokio::test(flavor = "multi_thread")]
async fn no_page_is_wider_than_a_phone_nor_shows_an_id_without_its_name() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    browser.client.set_window_size(360, 740).await.expect("phone width");
    let names = browser.sandbox_json(&sandbox.url, "names").await;
    let names = names.as_object().expect("names by id").clone();
    let pages = every_page(&browser, &sandbox).await;
    let mut wide = Vec::new();
    let mut alone = Vec::new();
    let mut checked = 0;
    for page in &pages {
        browser.client.goto(&format!("{}{page}", sandbox.url)).await.expect("open");
        browser.find("//main//h1").await;
        browser.settled().await;
        let widths = browser
            .client
            .execute("return [document.documentElement.scrollWidth, document.documentElement.clientWidth];", vec![])
            .await
            .expect("widths");
        if widths[0].as_u64() > widths[1].as_u64() {
            wide.push(format!("/{page}: {widths}"));
            browser.screenshot(&format!("phone-wide-{}", wide.len())).await;
        }
        if ["customers/1000000012", "customers?reseller=1000000001", "orders?reseller=1000000001"]
            .contains(&page.as_str())
        {
            browser.screenshot(&format!("phone-{}", page.replace(['/', '?', '='], "-"))).await;
        }
        // Each shown id of a reseller or customer, with the text of what it stands in: its
        // table row, else its list item, fact, paragraph, heading or label. A phone draws a
        // card below the screen only when scrolled to (`content-visibility`), and the text of an
        // undrawn one reads as empty: every card is drawn first, as if scrolled to.
        let found = browser
            .client
            .execute(
                "const names = arguments[0]; const found = [];
                 for (const card of document.querySelectorAll('table.data tbody tr')) card.style.contentVisibility = 'visible';
                 const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                 while (walker.nextNode()) {
                   const text = walker.currentNode, parent = text.parentElement;
                   if (!parent || !parent.checkVisibility()) continue;
                   for (const m of text.data.matchAll(/(?<!\\d)\\d{10}(?!\\d)/g)) {
                     if (!(m[0] in names)) continue;
                     const block = parent.closest('li, dd, p, h1, h2, h3, caption, label, legend, td, th') || parent;
                     const scope = block.closest('tr') || block;
                     found.push([m[0], scope.innerText]);
                   }
                 }
                 return found;",
                vec![serde_json::Value::Object(names.clone())],
            )
            .await
            .expect("ids shown");
        let title = browser.find("//main//h1").await.text().await.unwrap_or_default();
        for pair in found.as_array().into_iter().flatten() {
            let (id, scope) = (pair[0].as_str().unwrap_or_default(), pair[1].as_str().unwrap_or_default());
            let name = names.get(id).and_then(|n| n.as_str()).unwrap_or_default();
            checked += 1;
            let excepted = IDS_ALONE.iter().any(|(text, _)| scope.contains(text));
            if !scope.contains(name) && title != name && !excepted {
                alone.push(format!("/{page}: {id} ({name}) in {scope:?}"));
            }
        }
    }
    assert!(checked > 30, "ids were found on the pages ({checked})");
    assert!(
        wide.is_empty() && alone.is_empty(),
        "wider than the window at 360 px: {wide:?}\nids without their names:\n{}",
        alone.join("\n")
    );
    browser.close().await;
}

/// The customer 1000000012's subscriptions, opened while its record (which its name is read
/// from) answers `late_ms` late and the subscriptions do not; once the title is drawn, busy.
async fn subscriptions_with_the_name_late(late_ms: u64) -> (Sandbox, Browser) {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    browser.client.goto(&sandbox.url).await.expect("open the console");
    browser.find("//*[@data-health='up']").await;
    let late =
        serde_json::json!([{ "method": "GET", "path": "/v3/customers/1000000012", "kind": "latency", "ms": late_ms }]);
    browser.set_faults(late).await;
    browser.client.goto(&format!("{}subscriptions?customer=1000000012", sandbox.url)).await.expect("open");
    browser.find("//main//h1[@aria-busy='true']").await;
    (sandbox, browser)
}

/// A title naming an account reads the name apart from the page's data, and is marked busy
/// until it comes: a test (or a screen reader) that waits for the page to settle finds the name.
#[tokio::test(flavor = "multi_thread")]
async fn a_title_is_busy_until_its_accounts_name_comes() {
    let (sandbox, browser) = subscriptions_with_the_name_late(2000).await;
    let names = browser.sandbox_json(&sandbox.url, "names").await;
    let name = names["1000000012"].as_str().expect("the customer's name").to_string();
    browser.settled().await;
    let title = browser.find("//main//h1").await.text().await.expect("title");
    assert!(title.contains(&name), "the title once settled: {title}");
    assert!(browser.absent("//main//h1[@aria-busy]").await, "no longer busy");
    browser.close().await;
}

/// A name whose read the API keeps waiting leaves its title busy for a while only: the page then
/// settles with the id alone, where the read's four attempts of ten seconds each would have
/// held it busy for most of a minute.
#[tokio::test(flavor = "multi_thread")]
async fn a_title_waits_a_while_only_for_a_name_the_api_keeps_waiting() {
    let (_sandbox, browser) = subscriptions_with_the_name_late(60_000).await;
    browser.settled().await;
    let title = browser.find("//main//h1[not(@aria-busy)]").await.text().await.expect("title");
    assert!(title.ends_with("1000000012"), "the id alone: {title}");
    browser.close().await;
}

/// Records every request the page sends from now on (its `Request`, whose signal says whether it
/// was aborted): the app's transport calls `window.fetch` as it finds it.
const RECORD_REQUESTS: &str = "window.__requests = [];
const fetch = window.fetch;
window.fetch = function (input, init) {
  const request = input instanceof Request ? input : new Request(input, init);
  window.__requests.push(request);
  return fetch.call(window, request);
};
return true;";

/// Follows a link to `href` inside the console (the router's navigation, the document kept),
/// forgetting the requests recorded so far.
async fn follow(browser: &Browser, href: &str) {
    let script = "window.__requests = []; const a = document.createElement('a'); a.href = arguments[0]; document.body.append(a); a.click(); a.remove(); return true;";
    browser.client.execute(script, vec![href.into()]).await.expect("follow a link");
}

/// Waits until the page has sent a request to each of the API's `paths` (after its base, without
/// the query); answers whether each was aborted, in `paths`' order.
async fn sent(browser: &Browser, paths: &[&str]) -> Vec<bool> {
    let script = "return arguments[0].map(p => { const r = window.__requests.find(r => new URL(r.url).pathname.endsWith('/api/vipmp' + p)); return r ? r.signal.aborted : null; });";
    let paths: Vec<serde_json::Value> = paths.iter().map(|p| (*p).into()).collect();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let found = browser.client.execute(script, vec![paths.clone().into()]).await.expect("requests");
        if let Ok(found) = serde_json::from_value::<Vec<Option<bool>>>(found.clone()) {
            if found.iter().all(Option::is_some) {
                return found.into_iter().flatten().collect();
            }
        }
        assert!(std::time::Instant::now() < deadline, "never sent all of {paths:?}: {found}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Opens `href` inside the console while the API answers `paths` only after 30 s; once the page
/// has sent them all (and, with `typed`, once that field's text is typed, which must leave them
/// on their way), leaves for the resellers: whether each was aborted then.
async fn left_while_reading(
    browser: &Browser,
    href: &str,
    paths: &[(&str, &str)],
    typed: Option<(&str, &str)>,
) -> Vec<bool> {
    let slow: Vec<serde_json::Value> = paths
        .iter()
        .map(|(method, path)| serde_json::json!({ "method": method, "path": path, "kind": "latency", "ms": 30000 }))
        .collect();
    browser.set_faults(slow.into()).await;
    let paths: Vec<&str> = paths.iter().map(|(_, path)| *path).collect();
    follow(browser, href).await;
    assert!(sent(browser, &paths).await.iter().all(|aborted| !aborted), "{href}: {paths:?} on their way");
    if let Some((label, text)) = typed {
        let before = browser.value_of(label).await;
        browser.fill(label, text).await;
        // A form's other fields do not start its reads again.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(sent(browser, &paths).await.iter().all(|aborted| !aborted), "{paths:?} still on their way");
        // As it was: leaving a form with changes asks first.
        browser.fill(label, &before).await;
    }
    browser.client.execute("window.__left = window.__requests; return true;", vec![]).await.expect("keep");
    follow(browser, "resellers").await;
    browser.heading("Resellers").await;
    browser.client.execute("window.__requests = window.__left; return true;", vec![]).await.expect("back");
    let aborted = sent(browser, &paths).await;
    browser.set_faults(serde_json::json!([])).await;
    aborted
}

/// Leaving a page stops the reads nobody waits for any more: on a slow connection they would
/// hold the browser's few connections to the server while the next page waits for them. Each
/// read below is aborted once the reseller goes elsewhere, while the API is still answering it:
/// a list's own read (a resource of the page), the name in its title (read apart, and shared by
/// the views naming that account), and placing an order's reads of its customer, its discounts
/// and its price list (read apart from the page's data, so that a form being typed into is not
/// drawn again when they come).
#[tokio::test(flavor = "multi_thread")]
async fn leaving_a_page_stops_the_reads_nobody_waits_for() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    browser.client.goto(&sandbox.url).await.expect("open the console");
    browser.find("//*[@data-health='up']").await;
    browser.client.execute(RECORD_REQUESTS, vec![]).await.expect("record requests");

    let list = [("GET", "/v3/customers/1000000012/subscriptions"), ("GET", "/v3/customers/1000000012")];
    let aborted = left_while_reading(&browser, "subscriptions?customer=1000000012", &list, None).await;
    assert_eq!(aborted, [true, true], "the list's read, then its title's name's: {list:?}");

    let customer = [("GET", "/v3/customers/1000000012")];
    let aborted = left_while_reading(&browser, "customers/1000000012/orders/new", &customer, None).await;
    assert_eq!(aborted, [true], "the order form's read of its customer");

    let order =
        [("GET", "/v3/flex-discounts"), ("GET", "/v3/customers/1000000012/flex-discounts"), ("POST", "/v3/pricelist")];
    let aborted =
        left_while_reading(&browser, "customers/1000000012/orders/new", &order, Some(("Quantity", "7"))).await;
    assert_eq!(aborted, [true, true, true], "the order form's discounts and price list: {order:?}");
    browser.close().await;
}

/// The header's go-to box checks an id against the documented format before it navigates: the
/// problem names the field, marks it and takes the focus; an order needs its customer first;
/// once it opens the record, the box is ready for the next one (the kind and customer stay).
#[tokio::test(flavor = "multi_thread")]
async fn the_go_to_box_checks_an_id_before_it_opens_the_record() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    browser.client.goto(&sandbox.url).await.expect("open the console");
    browser.heading("Partner console").await;
    let id = browser.find("//header//input[@id='goto-id']").await;
    id.send_keys("12\u{E007}").await.expect("type a short id");
    let error = browser.find("//header//p[@id='goto-error'][normalize-space(.)!='']").await;
    let text = error.text().await.expect("problem");
    assert!(text.starts_with("Customer id or name: "), "{text}");
    assert_eq!(browser.focused().await.2, "goto-id", "the field with the problem has the focus");
    browser.find("//header//input[@id='goto-id'][@aria-invalid='true'][@aria-describedby='goto-error']").await;
    assert_eq!(browser.path().await, "/", "nothing opened");
    browser.screenshot("goto-problem").await;

    // An order: its customer first, then the id.
    let kind = browser.find("//header//select[@id='goto-kind']").await;
    kind.select_by_value("order").await.expect("order");
    browser.find("//header//p[@id='goto-error'][normalize-space(.)='']").await;
    let id = browser.find("//header//input[@id='goto-id']").await;
    id.clear().await.expect("clear");
    id.send_keys("5000000123\u{E007}").await.expect("type an order id");
    let error = browser.find("//header//p[@id='goto-error'][starts-with(normalize-space(.), 'Customer id: ')]").await;
    assert!(!error.text().await.expect("problem").is_empty());
    assert_eq!(browser.focused().await.2, "goto-customer");
    let customer = browser.find("//header//input[@id='goto-customer']").await;
    customer.send_keys("1000000012").await.expect("type the customer");
    browser.find("//header//p[@id='goto-error'][normalize-space(.)='']").await;
    browser.find("//header//input[@id='goto-id']").await.send_keys("\u{E007}").await.expect("send");
    for _ in 0..100 {
        if browser.path().await == "/customers/1000000012/orders/5000000123" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(browser.path().await, "/customers/1000000012/orders/5000000123");
    browser.find("//header//input[@id='goto-id'][not(@aria-invalid='true')]").await;
    let values = browser
        .client
        .execute(
            "return [document.getElementById('goto-id').value, document.getElementById('goto-customer').value, document.getElementById('goto-kind').value];",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(values, serde_json::json!(["", "1000000012", "order"]), "ready for the next order of that customer");
    browser.close().await;
}

/// A refusal of the API is explained with its documented meaning and what to do, which in the
/// split build come in a chunk of their own, fetched with the first refusal.
#[tokio::test(flavor = "multi_thread")]
async fn a_refusal_is_explained_with_its_documented_advice() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    browser
        .client
        .goto(&format!("{}customers/1999999990", sandbox.url))
        .await
        .expect("open a customer that is not there");
    let panel = browser.find("//div[contains(@class,'error-panel')]").await;
    let todo = browser.find("//div[contains(@class,'error-panel')]//p[@class='todo']").await;
    let text = todo.text().await.expect("advice");
    assert!(text.starts_with("Check the customer ID: it may be mistyped"), "{text}");
    assert!(panel.text().await.expect("panel").contains("1116"), "the code is shown");
    browser.screenshot("refusal-documented").await;
    browser.close().await;
}
