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
    // German's texts were one fetch.
    let fetched = browser
        .client
        .execute(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p.includes('/locales/'));",
            vec![],
        )
        .await
        .expect("script");
    assert_eq!(fetched, serde_json::json!(["/locales/de.json"]));

    browser.client.refresh().await.expect("reload");
    customers_link(&browser, "Kunden").await;
    assert_eq!(html_lang(&browser).await, "de", "a reload keeps the language");

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
        browser.screenshot(&format!("language-new-customer-{language}")).await;
    }
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
        if (!text || !/[A-Za-z]/.test(text)) continue;
        if (node.parentElement.closest(DATA)) continue;
        if (!/^\[.*~+\]$/s.test(text) && !/\[[^\]]*~+\]/.test(text)) out.push(text);
    }
    for (const el of scope.querySelectorAll('[aria-label],[placeholder],[title]')) {
        for (const a of ['aria-label', 'placeholder', 'title']) {
            const v = el.getAttribute(a);
            if (v && /[A-Za-z]/.test(v) && !/\[[^\]]*~+\]/.test(v) && !el.closest(DATA)) out.push(a + '=' + v);
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
