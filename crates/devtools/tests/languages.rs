//! End to end: the console in the reseller's language. The header's switch loads a language's
//! texts (one fetch), keeps the page and what its form holds, and a reload keeps the language;
//! a portal's `?lang=` wins; in the pseudo-language every text of the views moved to the
//! catalog is bracketed, so a text that did not come from it stands out.

use partner_devtools::*;

/// The text of the navigation's link to the customers.
async fn customers_link(browser: &Browser, text: &str) {
    browser.find(&format!("//nav//a[normalize-space(.)={}]", xpath_literal(text))).await;
}

async fn html_lang(browser: &Browser) -> String {
    let lang = browser.client.execute("return document.documentElement.lang;", vec![]).await.expect("script");
    lang.as_str().unwrap_or_default().to_string()
}

async fn switch_to(browser: &Browser, language: &str) {
    let select = browser.find("//header//select[@aria-label]").await;
    select.select_by_value(language).await.expect("choose a language");
}

/// The language files this page read (Resource Timing): each path, and who read it — the app
/// (with the catalog's version, `?v=`) or index.html while the wasm downloaded (without).
async fn locale_reads(browser: &Browser) -> serde_json::Value {
    let reads = browser.requested().await.into_iter().filter(|(path, _)| path.contains("/locales/"));
    reads.map(|(path, query)| serde_json::json!([path, if query.is_empty() { "early" } else { "app" }])).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_switch_keeps_the_page_and_its_draft_and_a_reload_keeps_the_language() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    let reseller = browser.active_resellers(&sandbox.url).await.into_iter().next().expect("a reseller");
    browser.client.goto(&format!("{}customers/new?reseller={reseller}", sandbox.url)).await.expect("new customer");
    customers_link(&browser, "Customers").await;
    assert_eq!(html_lang(&browser).await, "en");
    browser.fill("Company name", "Kirschblüte Handels GmbH").await;

    switch_to(&browser, "de").await;
    customers_link(&browser, "Kunden").await;
    assert_eq!(html_lang(&browser).await, "de");
    assert_eq!(browser.path().await, "/customers/new", "the page stays");
    assert_eq!(browser.value_of("Firmenname").await, "Kirschblüte Handels GmbH", "the draft stays");
    // Its notice says when it was kept in the language now shown ("2. Dezember 2026 um 14:05").
    let notice = browser.find("//div[contains(@class,'draft')]/p").await.text().await.expect("notice");
    assert!(notice.contains(" um ") && !notice.contains(" at "), "{notice}");
    // German's texts were one fetch.
    assert_eq!(locale_reads(&browser).await, serde_json::json!([["/locales/de.json", "app"]]));

    browser.client.refresh().await.expect("reload");
    customers_link(&browser, "Kunden").await;
    assert_eq!(html_lang(&browser).await, "de", "a reload keeps the language");
    // Reloaded, index.html read them while the wasm downloaded, and the app took that read.
    assert_eq!(locale_reads(&browser).await, serde_json::json!([["/locales/de.json", "early"]]), "read once");

    switch_to(&browser, "ja").await;
    customers_link(&browser, "顧客").await;
    browser.client.goto(&sandbox.url).await.expect("home");
    browser.heading("パートナーコンソール").await;
    browser.screenshot("language-home-ja").await;
    let narrow = browser.client.set_window_size(360, 740).await;
    narrow.expect("a phone's width");
    browser.screenshot("language-home-ja-360").await;
    browser.client.set_window_size(1280, 800).await.expect("back to a desktop's width");

    switch_to(&browser, "en").await;
    customers_link(&browser, "Customers").await;
    // Back in English, dates are English again: the browser's formatters, made once per
    // language, are made afresh for it.
    browser.client.goto(&format!("{}customers/new?reseller={reseller}", sandbox.url)).await.expect("new customer");
    let notice = browser.find("//div[contains(@class,'draft')]/p").await.text().await.expect("notice");
    assert!(notice.contains(" at ") && !notice.contains(" um "), "{notice}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forms_labels_and_problems_read_in_the_chosen_language() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    let reseller = browser.active_resellers(&sandbox.url).await.into_iter().next().expect("a reseller");
    for (language, label, problem, required) in [
        ("de", "Firmenname", "Mindestens 4 Zeichen (hier sind es 2).", "Pflichtfeld."),
        ("ja", "会社名", "4 文字以上にしてください（現在 2 文字）。", "必須です。"),
        ("fr", "Nom de la société", "Au moins 4 caractères (ici 2).", "Obligatoire."),
    ] {
        browser
            .client
            .goto(&format!("{}customers/new?reseller={reseller}&lang={language}", sandbox.url))
            .await
            .expect("new customer");
        browser.fill(label, "ab").await;
        browser.press(fantoccini::key::Key::Tab).await;
        browser.sees(problem).await;
        browser.field(label).await.click().await.expect("back to the field");
        for _ in 0..2 {
            browser.press(fantoccini::key::Key::Backspace).await;
        }
        browser.press(fantoccini::key::Key::Tab).await;
        browser.sees(required).await;
        if language == "de" {
            // A rule about data: the country named by the browser in German, the example the
            // model's.
            browser.choose("Land", "DE").await;
            browser.fill("Postleitzahl", "ABC").await;
            browser.press(fantoccini::key::Key::Tab).await;
            browser.sees("Keine gültige Postleitzahl des Landes Deutschland; zum Beispiel ").await;
        }
        browser.screenshot(&format!("language-new-customer-{language}")).await;
    }
    // While a change is on its way, its button says so in the language too.
    browser.client.goto(&format!("{}resellers/{reseller}/edit?lang=de", sandbox.url)).await.expect("edit");
    let reference = browser.find("//*[@id='f-externalReferenceId']").await;
    reference.clear().await.expect("clear");
    reference.send_keys("RS-DE-1").await.expect("type");
    let slow = serde_json::json!([{ "method": "PATCH", "path": "/v3/resellers/*", "kind": "latency", "ms": 3000, "times": 1 }]);
    browser.set_faults(slow).await;
    browser.find("//main//form//button[@type='submit']").await.click().await.expect("save");
    let busy = browser.find("//main//form//button[@aria-busy='true']").await;
    assert_eq!(busy.text().await.expect("text"), "Wird gesendet…");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_portals_language_wins_and_stays_for_the_tab() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    browser.client.goto(&format!("{}?lang=fr-FR", sandbox.url)).await.expect("home in French");
    customers_link(&browser, "Clients").await;
    assert_eq!(html_lang(&browser).await, "fr");
    browser.find("//nav//a[normalize-space(.)='Commandes']").await.click().await.expect("to the orders");
    browser.client.refresh().await.expect("reload, without ?lang=");
    customers_link(&browser, "Clients").await;
    // A language the console does not have: the browser's (English here).
    browser.client.goto(&format!("{}?lang=it", sandbox.url)).await.expect("home in Italian");
    browser.heading("Partner console").await;
    browser.close().await;
}

/// Text nodes of `scope` that are not in the pseudo-language, outside the elements that show
/// API data or words that are the same in every language (one list, `DATA`).
const UNTRANSLATED: &str = r#"
    const DATA = [
        'code',            // ids
        '[translate=no]',  // the API's data: names, references, quantities, prices
        'time',            // dates, written by Intl in the language shown
        ':not(html)[lang=en]', // the API's own English (its message, for support)
        '[aria-hidden=true]', // decoration (a service's initial)
        '.who-name',       // the signed-in user's name
        '.env',            // config.json's environment name
        'option[lang]',    // each language's own name
        'script', 'style',
    ].join(',');
    const scope = document.querySelector(arguments[0]);
    const out = [];
    const walk = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
        const node = walk.currentNode;
        const text = node.textContent.trim();
        // Codes (currencies, offer ids) read the same in every language.
        if (!text || !/[A-Za-z]/.test(text) || /^[A-Z0-9_\-, ]+$/.test(text)) continue;
        if (node.parentElement.closest(DATA)) continue;
        if (!/^\[.*~+\]$/s.test(text) && !/\[[^\]]*~+\]/.test(text)) out.push(text);
    }
    for (const el of scope.querySelectorAll('[aria-label],[placeholder],[title]')) {
        for (const a of ['aria-label', 'placeholder', 'title']) {
            const v = el.getAttribute(a);
            if (v && /[A-Za-z]/.test(v) && !/^[A-Z0-9_\-, ]+$/.test(v) && !/\[[^\]]*~+\]/.test(v) && !el.closest(DATA)) out.push(a + '=' + v);
        }
    }
    return out;
"#;

#[tokio::test(flavor = "multi_thread")]
async fn in_the_pseudo_language_the_shell_and_home_show_only_catalog_texts() {
    let sandbox = Sandbox::start(&e2e_dist(), "/").await;
    let browser = Browser::signed_in(&sandbox).await;
    // In English the same look finds the header's texts: it can see what it looks for.
    browser.client.goto(&sandbox.url).await.expect("home");
    browser.find("//*[@data-health='up']").await;
    let english = browser.client.execute(UNTRANSLATED, vec!["header".into()]).await.expect("script");
    let english = english.as_array().map(Vec::len).unwrap_or_default();
    assert!(english >= 6, "{english} English texts in the header");
    browser.client.goto(&format!("{}?lang=en-XA", sandbox.url)).await.expect("home, pseudo");
    browser.find("//*[@data-health='up']").await;
    browser.settled().await;
    let mut found = Vec::new();
    for scope in ["header", "nav", "main"] {
        let texts = browser.client.execute(UNTRANSLATED, vec![scope.into()]).await.expect("script");
        found.extend(texts.as_array().cloned().unwrap_or_default().into_iter().map(|t| format!("{scope}: {t}")));
    }
    browser.client.goto(&format!("{}no-such-page", sandbox.url)).await.expect("an unknown page");
    browser.find("//main//h1").await;
    let texts = browser.client.execute(UNTRANSLATED, vec!["main".into()]).await.expect("script");
    found.extend(texts.as_array().cloned().unwrap_or_default().into_iter().map(|t| format!("not found: {t}")));
    browser.screenshot("language-pseudo-not-found").await;
    assert!(found.is_empty(), "texts not from the catalog:\n{}", found.join("\n"));
    browser.close().await;
}

/// Elements whose content overflows their box (text running out of a button or a cell), and
/// whether the page is wider than the window; scrolling containers (wide tables) excepted.
const OVERFLOWS: &str = r#"
    const out = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
        out.push('page: ' + document.documentElement.scrollWidth + ' px wide in ' + window.innerWidth);
    }
    const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    for (const el of document.querySelectorAll('body *')) {
        if (!el.getClientRects().length || el.closest('svg')) continue;
        const style = getComputedStyle(el);
        if (style.overflowX !== 'visible' || el.clientWidth === 0) continue;
        if (el.scrollWidth <= el.clientWidth + 1) continue;
        let up = el.parentElement, inside = false;
        while (up) { if (scrolls(up)) { inside = true; break; } up = up.parentElement; }
        if (inside) continue;
        out.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')
            + ': ' + el.scrollWidth + ' > ' + el.clientWidth + ' "' + el.textContent.trim().slice(0, 60) + '"');
    }
    return out;
"#;

/// A walk through the console's routes and states in the pseudo-language, at one width.
struct Walk {
    browser: Browser,
    base: String,
    found: Vec<String>,
    states: usize,
}

impl Walk {
    async fn visit(&mut self, path: &str, ready: &str) {
        self.browser.client.goto(&format!("{}{path}", self.base)).await.expect("open page");
        self.browser.find(ready).await;
        self.check(path).await;
    }

    async fn check(&mut self, state: &str) {
        self.browser.settled().await;
        self.states += 1;
        for scope in ["header", "nav", "main"] {
            let texts = self.browser.client.execute(UNTRANSLATED, vec![scope.into()]).await.expect("script");
            for t in texts.as_array().cloned().unwrap_or_default() {
                self.found.push(format!("{state} ({scope}): {}", t.as_str().unwrap_or_default()));
            }
        }
        let over = self.browser.client.execute(OVERFLOWS, vec![]).await.expect("script");
        for o in over.as_array().cloned().unwrap_or_default() {
            self.found.push(format!("{state} overflows: {}", o.as_str().unwrap_or_default()));
        }
    }

    async fn click(&mut self, xpath: &str) {
        self.browser.find(xpath).await.click().await.expect("click");
    }

    async fn type_into(&mut self, id: &str, text: &str) {
        let field = self.browser.find(&format!("//*[@id='{id}']")).await;
        field.clear().await.expect("clear");
        field.send_keys(text).await.expect("type");
    }

    async fn submit(&mut self, form: &str) {
        let button = self.browser.find(&format!("{form}//button[@type='submit']")).await;
        button.click().await.expect("submit");
    }
}

const MAIN_H1: &str = "//main//h1";
/// The preview's own primary button (placing the order, asking for the change), not its dialog's.
const PREVIEW_PRIMARY: &str =
    "//section[contains(@class,'preview')]//button[contains(@class,'primary') and not(ancestor::dialog)]";

#[tokio::test(flavor = "multi_thread")]
async fn in_the_pseudo_language_every_route_shows_only_catalog_texts_and_nothing_overflows() {
    for width in [1280, 360] {
        // A sandbox of its own: the walk commits a reseller change and a VIP transfer.
        let sandbox = Sandbox::start(&e2e_dist(), "/").await;
        let browser = Browser::signed_in(&sandbox).await;
        browser.client.set_window_size(width, 900).await.expect("window size");
        let mut w = Walk { browser, base: sandbox.url.clone(), found: Vec::new(), states: 0 };
        // The language is the tab's from here on.
        w.visit("?lang=en-XA", MAIN_H1).await;
        w.visit("?reseller=1000000001", "//section[@id='due']//table").await;
        w.visit("resellers", "//main//table").await;
        w.visit("resellers?company-name=Nobody*", "//main//p[contains(@class,'empty')]").await;
        w.visit("resellers/1000000001", MAIN_H1).await;
        w.visit("resellers/1000000001/edit", "//main//form").await;
        w.visit("resellers/new", "//main//form").await;
        w.submit("//main//form").await;
        w.browser.find("//main//input[@aria-invalid='true']").await;
        w.check("reseller form with problems").await;
        w.visit("customers", MAIN_H1).await;
        w.visit("customers?reseller=1000000001", "//main//table").await;
        w.visit("customers?reseller=1000000001&company-name=Fairmont*", "//main//table").await;
        let customer = w.browser.find("//main//table//a[contains(@href,'/customers/')]").await;
        let href = customer.attr("href").await.expect("href").unwrap_or_default();
        let customer = href.rsplit('/').next().unwrap_or_default().to_string();
        w.visit(&format!("customers/{customer}"), "//main//section[contains(@class,'pictures')]").await;
        w.browser.screenshot(&format!("language-pseudo-hub-{width}")).await;
        w.visit(&format!("customers/{customer}/edit"), "//main//form").await;
        w.visit(&format!("customers/{customer}/benefits"), MAIN_H1).await;
        w.visit(&format!("customers/{customer}/deployments/new"), "//main//p[contains(@class,'notice')]").await;
        // The demo's global customer (Cedar Creek Design Studio) and its deployment.
        w.visit("customers/1000000015/deployments", "//main//table").await;
        w.visit("customers/1000000015/deployments/new", "//main//form").await;
        w.visit("customers/1000000015/deployments/7100000001", "//main//form").await;
        w.visit("customers/new?reseller=1000000001", "//main//form").await;
        w.submit("//main//form").await;
        w.browser.find("//main//input[@aria-invalid='true']").await;
        w.check("customer form with problems").await;
        w.visit(&format!("orders?customer={customer}"), MAIN_H1).await;
        w.visit("orders?reseller=1000000001", "//main//table").await;
        w.visit(&format!("customers/{customer}/orders/new?line=65322651CA01A12:2"), "//main//form").await;
        w.submit("//main//form[.//fieldset[contains(@class,'lines')]]").await;
        w.browser.find("//section[contains(@class,'preview')]//table").await;
        w.check("order preview").await;
        w.click(PREVIEW_PRIMARY).await;
        w.browser.find("//main//p[contains(@class,'notice')]").await;
        let order = w.browser.path().await.rsplit('/').next().unwrap_or_default().to_string();
        w.check("the order placed").await;
        w.visit(&format!("customers/{customer}/orders/{order}/return"), MAIN_H1).await;
        w.visit(&format!("customers/{customer}/renewal"), MAIN_H1).await;
        w.visit(&format!("subscriptions?customer={customer}"), "//main//table").await;
        let sub = w.browser.find("//main//table//a[contains(@href,'/subscriptions/')]").await;
        let sub = sub.attr("href").await.expect("href").unwrap_or_default();
        let sub = sub.split("/subscriptions/").nth(1).unwrap_or_default().to_string();
        w.visit(&format!("customers/{customer}/subscriptions/{sub}"), MAIN_H1).await;
        w.visit(&format!("customers/{customer}/subscriptions/{sub}/upgrade"), MAIN_H1).await;
        w.visit("subscriptions?reseller=1000000001", "//main//table").await;
        w.visit(&format!("customers/{customer}/open-acquisitions"), MAIN_H1).await;
        w.visit("notifications?reseller=1000000001", MAIN_H1).await;
        w.visit("transfers", MAIN_H1).await;
        w.submit("//main//form").await;
        w.browser.find("//main//input[@aria-invalid='true']").await;
        w.check("reseller change with problems").await;
        // A reseller change committed, and its page.
        let codes = w.browser.approval_codes(&w.base).await;
        let code = codes.iter().find(|c| c["expired"] == false && c["used"] == false).expect("a valid code");
        let current = code["resellerId"].as_str().unwrap_or_default().to_string();
        let approval = code["code"].as_str().unwrap_or_default().to_string();
        let receiving = w.browser.active_resellers(&w.base).await.into_iter().find(|id| *id != current);
        let receiving = receiving.expect("another reseller");
        w.visit(&format!("transfers?reseller={receiving}"), "//main//form").await;
        w.type_into("f-approvalCode", &approval).await;
        w.type_into("f-requestedBy", "admin@customer.example").await;
        w.submit("//main//form").await;
        w.browser.find("//section[contains(@class,'preview')]//table//tbody/tr").await;
        w.check("reseller change preview").await;
        w.click(PREVIEW_PRIMARY).await;
        w.browser.find("//dialog[@open]").await;
        w.check("reseller change, asked").await;
        w.click("//dialog[@open]//button[contains(@class,'primary')]").await;
        w.browser.find("//main//p[contains(@class,'notice')]").await;
        w.check("reseller change page").await;
        w.visit("memberships", MAIN_H1).await;
        w.visit("memberships/73000002", "//ul[@aria-label]").await;
        // A VIP membership transferred with both switches on, and its page.
        w.visit(
            &format!("memberships/73000002?ignore-order-return=true&expire-open-pas=true&reseller={receiving}"),
            "//main//form[contains(@class,'transfer')]",
        )
        .await;
        w.submit("//main//form[contains(@class,'transfer')]").await;
        w.click("//dialog[@open]//button[contains(@class,'primary')]").await;
        w.browser.find("//main//p[contains(@class,'notice')]").await;
        w.check("VIP transfer page").await;
        w.visit("linked-memberships", MAIN_H1).await;
        w.visit("price-list", "//main//table").await;
        w.visit("distributor-subscriptions", "//main//table").await;
        w.visit("activity", MAIN_H1).await;
        w.visit("no/such/page", MAIN_H1).await;
        // The API failing: the error panel, with its details for support open.
        w.browser.set_faults(serde_json::json!([{ "path": "/v3/**", "kind": "status", "status": 500 }])).await;
        w.visit("resellers", "//main//*[contains(@class,'error-panel')]").await;
        w.browser
            .find("//main//details[contains(@class,'support')]/summary")
            .await
            .click()
            .await
            .expect("open details");
        w.check("error panel").await;
        w.browser.set_faults(serde_json::json!([])).await;
        let Walk { browser, found, states, .. } = w;
        browser.close().await;
        assert!(states >= 42, "{states} states");
        assert!(found.is_empty(), "at {width} px, {} problems:\n{}", found.len(), found.join("\n"));
    }
}

/// The console's texts in `language`, read from its catalog file, by key.
struct Texts(serde_json::Map<String, serde_json::Value>);

impl Texts {
    fn of(language: &str) -> Texts {
        let path = workspace_root().join(format!("locales/{language}.json"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        match serde_json::from_str(&text) {
            Ok(serde_json::Value::Object(map)) => Texts(map),
            other => panic!("{}: not an object: {other:?}", path.display()),
        }
    }

    fn get(&self, key: &str) -> String {
        self.0.get(key).and_then(|v| v.as_str()).unwrap_or_else(|| panic!("no text {key}")).to_string()
    }

    /// The text of `key` up to its first argument: what a page shows before the data.
    fn before_data(&self, key: &str) -> String {
        let text = self.get(key);
        text.split('{').next().unwrap_or_default().trim().to_string()
    }
}

/// In every language the console offers: a customer created after a problem was shown at its
/// field, an order previewed and placed, and a reseller change previewed and committed — each
/// step found by the words that language shows; axe-core on the pages with the most text; the
/// hub and the order preview photographed in Japanese and German.
#[tokio::test(flavor = "multi_thread")]
async fn the_main_journeys_pass_by_the_words_of_each_language() {
    let mut found = Vec::new();
    for language in ["en", "de", "fr", "es", "pt-BR", "ja"] {
        let tx = Texts::of(language);
        let sandbox = Sandbox::start(&e2e_dist(), "/").await;
        let browser = Browser::signed_in(&sandbox).await;
        browser.client.goto(&format!("{}?lang={language}", sandbox.url)).await.expect("home");
        // The language's texts are one fetch away: drawn when <html lang> says so.
        browser.find(&format!("/html[@lang='{language}']")).await;
        let shot = |what: &str| format!("language-{what}-{language}");

        // A customer, after the name is refused at its field.
        let reseller = browser.active_resellers(&sandbox.url).await.into_iter().next().expect("a reseller");
        browser.client.goto(&format!("{}customers/new?reseller={reseller}", sandbox.url)).await.expect("form");
        browser.heading(&tx.get("customer_new.title")).await;
        browser.fill(&tx.get("model.field.company_name"), "Ab").await;
        browser.click(&tx.get("customer_new.create")).await;
        let name_field = browser.field(&tx.get("model.field.company_name")).await;
        let problem_id = name_field.attr("aria-describedby").await.expect("described").unwrap_or_default();
        let problem_id = problem_id.split(' ').find(|id| id.ends_with("-error")).unwrap_or_default().to_string();
        let problem = browser.find(&format!("//*[@id='{problem_id}']")).await.text().await.expect("problem");
        let min = tx.before_data("invalid.too_short");
        assert!(!problem.is_empty(), "{language}: the name's problem is shown");
        assert!(problem.contains(&min) || min.is_empty(), "{language}: {problem:?} reads {min:?}");
        found.extend(browser.axe().await.into_iter().map(|v| format!("{language}, new customer: {v}")));
        let company = format!("Kirschblüte {language} GmbH");
        browser.fill(&tx.get("model.field.company_name"), &company).await;
        browser.choose(&tx.get("model.field.country"), "US").await;
        browser.choose(&tx.get("model.field.region"), "CA").await;
        browser.fill(&tx.get("model.field.address_line_1"), "1 Market Street").await;
        browser.fill(&tx.get("model.field.city"), "San Jose").await;
        browser.fill(&tx.get("model.field.postal_code"), "95110").await;
        browser.fill(&tx.get("model.field.first_name"), "Dana").await;
        browser.fill(&tx.get("model.field.last_name"), "Okafor").await;
        browser.fill(&tx.get("model.field.email"), &format!("buyer@{}.example.com", language.to_lowercase())).await;
        browser.click(&tx.get("customer_new.create")).await;
        browser.heading(&company).await;

        // An order for a seeded customer, previewed and placed.
        browser.open_customer(&sandbox.url, "Fairmont Hotels Group").await;
        browser.find("//main//section[contains(@class,'pictures')]//figure").await;
        browser.settled().await;
        if matches!(language, "ja" | "de") {
            browser.screenshot(&shot("hub")).await;
        }
        browser.click(&tx.get("hub.place_order")).await;
        browser.heading(&tx.get("place.title")).await;
        browser.fill(&tx.get("picker.label"), "65322651CA01A12").await;
        browser.fill(&tx.get("model.field.quantity"), "3").await;
        browser.click(&tx.get("place.preview")).await;
        let preview = browser.find("//section[contains(@class,'preview')]//table").await;
        browser.settled().await;
        found.extend(browser.axe().await.into_iter().map(|v| format!("{language}, order preview: {v}")));
        if matches!(language, "ja" | "de") {
            browser.show(&preview).await;
            browser.screenshot(&shot("order-preview")).await;
        }
        browser.click(&tx.get("place.place")).await;
        let order = xpath_literal(&tx.before_data("order.title"));
        browser.find(&format!("//main//h1[starts-with(normalize-space(.), {order})]")).await;

        // A reseller change, previewed and committed.
        let codes = browser.approval_codes(&sandbox.url).await;
        let code = codes.iter().find(|c| c["expired"] == false && c["used"] == false).expect("a valid code");
        let approval = code["code"].as_str().unwrap_or_default().to_string();
        let current = code["resellerId"].as_str().unwrap_or_default().to_string();
        let receiving = browser.active_resellers(&sandbox.url).await.into_iter().find(|id| *id != current);
        let receiving = receiving.expect("another reseller");
        browser.client.goto(&format!("{}resellers/{receiving}", sandbox.url)).await.expect("reseller");
        browser.click(&tx.get("reseller.move_in")).await;
        browser.heading(&tx.get("transfer.heading")).await;
        browser.fill(&tx.get("model.field.approval_code"), &approval).await;
        browser.fill(&tx.get("model.field.requested_by_email"), "admin@customer.example").await;
        browser.click(&tx.get("transfer.preview")).await;
        browser.find("//section[contains(@class,'preview')]//table//tbody/tr").await;
        browser.settled().await;
        found.extend(browser.axe().await.into_iter().map(|v| format!("{language}, reseller change preview: {v}")));
        browser.click(&tx.get("transfer.commit")).await;
        browser.find("//dialog[@open]").await;
        browser.click(&tx.get("transfer.confirm")).await;
        let change = xpath_literal(&tx.before_data("transfer.title"));
        browser.find(&format!("//main//h1[starts-with(normalize-space(.), {change})]")).await;
        browser.close().await;
    }
    assert!(found.is_empty(), "axe-core found:\n{}", found.join("\n"));
}
