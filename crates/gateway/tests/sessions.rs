//! Signing in and out over HTTP, against the test provider: the session cookie's attributes,
//! sign-out clearing it, where a sign-in may send the browser back to, answers that do not
//! belong to the sign-in, changes from another site, and bodies too large to forward.

mod common;

use common::*;
use partner_gateway::testing::{Running, DISTRIBUTOR, RESELLER_A};
use partner_gateway::Upstreams;

async fn gateway() -> Running {
    Running::start(
        &fake_dist(&format!("sessions-{}", unique())),
        "/",
        Upstreams::Twin(partner_sandbox::Settings::default()),
        |_| {},
    )
    .await
    .expect("gateway")
}

/// The `Location` a sign-in that asked to come back to `wanted` ends on.
async fn comes_back_to(g: &Running, wanted: &str) -> String {
    let login = fetch(
        "GET",
        &format!("{}auth/login?return={}", g.url, partner_gateway::upstream::encode_component(wanted)),
        &[],
        None,
    )
    .await;
    assert_eq!(login.status.as_u16(), 303);
    let cookie = login.header(axum::http::header::SET_COOKIE).split(';').next().unwrap_or_default().to_string();
    let (endpoint, query) = login
        .header(axum::http::header::LOCATION)
        .split_once('?')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .expect("to the provider");
    let chosen = fetch_form(&endpoint, &format!("{query}&user={DISTRIBUTOR}")).await;
    let callback = chosen.header(axum::http::header::LOCATION).to_string();
    let back = fetch("GET", &callback, &[("cookie", cookie)], None).await;
    assert_eq!(back.status.as_u16(), 303, "{}", back.text());
    back.header(axum::http::header::LOCATION).to_string()
}

async fn fetch_form(url: &str, form: &str) -> Reply {
    fetch("POST", url, &[("content-type", "application/x-www-form-urlencoded".into())], Some(form.to_string())).await
}

#[tokio::test]
async fn the_session_cookie_is_http_only_secure_strict_and_signing_out_clears_it() {
    let g = gateway().await;
    let login = fetch("GET", &format!("{}auth/login", g.url), &[], None).await;
    let sign_in_cookie = login.header(axum::http::header::SET_COOKIE).to_string();
    assert!(sign_in_cookie.starts_with("__Host-partner_sign_in="), "{sign_in_cookie}");
    for attribute in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/;"] {
        assert!(format!("{sign_in_cookie};").contains(attribute), "{sign_in_cookie}");
    }
    assert!(!sign_in_cookie.contains("Domain"), "{sign_in_cookie}");
    let session = g.session_cookie(DISTRIBUTOR).await.expect("signed in");
    assert!(session.starts_with("__Host-partner_session="), "{session}");
    let me = fetch("GET", &format!("{}auth/me", g.url), &[("cookie", session.clone())], None).await;
    assert_eq!(me.json()["role"], "distributor", "{}", me.text());
    assert_eq!(me.json()["via"], "session");
    let out = fetch(
        "POST",
        &format!("{}auth/logout", g.url),
        &[("cookie", session.clone()), ("origin", g.origin.clone())],
        None,
    )
    .await;
    assert_eq!(out.status.as_u16(), 200);
    let removal = out.header(axum::http::header::SET_COOKIE);
    assert!(removal.starts_with("__Host-partner_session=;") && removal.contains("Max-Age=0"), "{removal}");
    assert!(removal.contains("Secure") && removal.contains("Path=/"), "a prefixed cookie's removal: {removal}");
    assert!(
        out.json()["redirect"].as_str().unwrap_or_default().starts_with(g.idp.issuer()),
        "the provider's end-session page"
    );
}

#[tokio::test]
async fn a_sign_in_comes_back_only_below_the_console() {
    let g = gateway().await;
    assert_eq!(comes_back_to(&g, "/customers?reseller=1000000001").await, "/customers?reseller=1000000001");
    for elsewhere in
        ["//evil.example/x", "https://evil.example/", "/a/../../x", "/x\r\nSet-Cookie: a=b", "/\\evil.example"]
    {
        assert_eq!(comes_back_to(&g, elsewhere).await, "/", "{elsewhere:?}");
    }
}

#[tokio::test]
async fn an_answer_that_is_not_this_browsers_sign_in_is_refused() {
    let g = gateway().await;
    let login = fetch("GET", &format!("{}auth/login", g.url), &[], None).await;
    let cookie = login.header(axum::http::header::SET_COOKIE).split(';').next().unwrap_or_default().to_string();
    let (endpoint, query) = login
        .header(axum::http::header::LOCATION)
        .split_once('?')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .expect("to the provider");
    let chosen = fetch_form(&endpoint, &format!("{query}&user={DISTRIBUTOR}")).await;
    let callback = chosen.header(axum::http::header::LOCATION).to_string();
    // Without the sign-in cookie (another browser), with another state, then twice.
    let no_cookie = fetch("GET", &callback, &[], None).await;
    assert_eq!(no_cookie.status.as_u16(), 400);
    assert!(
        no_cookie.header(axum::http::header::SET_COOKIE).is_empty()
            || !no_cookie.header(axum::http::header::SET_COOKIE).starts_with("__Host-partner_session=")
    );
    let forged_state = callback.replace("state=", "state=x");
    let forged = fetch("GET", &forged_state, &[("cookie", cookie.clone())], None).await;
    assert_eq!(forged.status.as_u16(), 400);
    assert!(forged.header(axum::http::header::SET_COOKIE).is_empty(), "the sign-in under way is left to finish");
    let first = fetch("GET", &callback, &[("cookie", cookie.clone())], None).await;
    assert_eq!(first.status.as_u16(), 303);
    let replay = fetch("GET", &callback, &[("cookie", cookie)], None).await;
    assert_ne!(replay.status.as_u16(), 303, "a code is used once: {}", replay.text());
}

#[tokio::test]
async fn a_refusal_says_the_providers_words_only_for_this_browsers_sign_in() {
    let g = gateway().await;
    let login = fetch("GET", &format!("{}auth/login", g.url), &[], None).await;
    let cookie = login.header(axum::http::header::SET_COOKIE).split(';').next().unwrap_or_default().to_string();
    let authorize = login.header(axum::http::header::LOCATION).to_string();
    let state = authorize.split(['?', '&']).find_map(|p| p.strip_prefix("state=")).expect("a state").to_string();
    let words = "error=access_denied&error_description=%3Cscript%3ECall%20us%3C%2Fscript%3E";
    // A link anyone can make: the provider's words are not shown, and the sign-in under way
    // is left alone.
    for (state, cookie) in
        [("", String::new()), ("&state=forged", cookie.clone()), (&*format!("&state={state}"), String::new())]
    {
        let forged = fetch("GET", &format!("{}auth/callback?{words}{state}", g.url), &[("cookie", cookie)], None).await;
        assert_eq!(forged.status.as_u16(), 403);
        assert!(!forged.text().contains("Call us"), "{state}: {}", forged.text());
        assert!(forged.header(axum::http::header::SET_COOKIE).is_empty(), "{state}");
    }
    let denied =
        fetch("GET", &format!("{}auth/callback?{words}&state={state}", g.url), &[("cookie", cookie)], None).await;
    assert_eq!(denied.status.as_u16(), 403);
    assert!(
        denied.text().contains("&lt;script&gt;Call us") && !denied.text().contains("<script>"),
        "the provider's words as text: {}",
        denied.text()
    );
    assert!(denied.header(axum::http::header::SET_COOKIE).starts_with("__Host-partner_sign_in=;"), "the sign-in ended");
}

#[tokio::test]
async fn a_session_planted_by_a_sibling_host_is_not_read() {
    const KEY: [u8; 64] = [7; 64];
    let g = Running::start(
        &fake_dist(&format!("sessions-{}", unique())),
        "/",
        Upstreams::Twin(partner_sandbox::Settings::default()),
        |s| s.session_key = KEY.to_vec(),
    )
    .await
    .expect("gateway");
    let user = g.session_cookie(RESELLER_A).await.expect("signed in");
    let attacker = g.session_cookie(DISTRIBUTOR).await.expect("signed in");
    let me = |cookie: String| {
        let url = format!("{}auth/me", g.url);
        async move { fetch("GET", &url, &[("cookie", cookie)], None).await }
    };
    // The attacker's own session, sealed by the same deployment's key under the only name a
    // sibling host can set for the parent domain: without the `__Host-` prefix.
    let theirs = format!(r#"{{"id":"planted","me":{}}}"#, me(attacker).await.text());
    let mut jar = cookie::CookieJar::new();
    jar.private_mut(&cookie::Key::derive_from(&KEY)).add(cookie::Cookie::new("partner_session", theirs.clone()));
    let planted = format!("partner_session={}", jar.get("partner_session").expect("sealed").value());
    for both in [format!("{user}; {planted}"), format!("{planted}; {user}")] {
        assert_eq!(me(both.clone()).await.json()["role"], "reseller", "{both}");
    }
    assert_eq!(me(planted).await.status.as_u16(), 401);
    // What was planted is a session the deployment takes under the name only it can set.
    jar.private_mut(&cookie::Key::derive_from(&KEY)).add(cookie::Cookie::new("__Host-partner_session", theirs));
    let own = format!("__Host-partner_session={}", jar.get("__Host-partner_session").expect("sealed").value());
    assert_eq!(me(own).await.json()["role"], "distributor");
    // A session of the format before sessions had ids (who, with no id) cannot be signed out,
    // so it is not taken.
    let idless = me(g.session_cookie(DISTRIBUTOR).await.expect("signed in")).await.text();
    jar.private_mut(&cookie::Key::derive_from(&KEY)).add(cookie::Cookie::new("__Host-partner_session", idless));
    let old = format!("__Host-partner_session={}", jar.get("__Host-partner_session").expect("sealed").value());
    assert_eq!(me(old).await.code(), "GW-SIGN-IN");
}

#[tokio::test]
async fn a_change_under_a_session_from_another_site_is_refused() {
    let g = gateway().await;
    let session = g.session_cookie(RESELLER_A).await.expect("signed in");
    let a = &g.resellers[0].0;
    let url = format!("{}api/vipmp/v3/resellers/{a}", g.url);
    let body = Some(r#"{"companyProfile":{"companyName":"Renamed"}}"#.to_string());
    for (name, value) in [("origin", "https://evil.example".to_string()), ("sec-fetch-site", "cross-site".to_string())]
    {
        let r = fetch("PATCH", &url, &[("cookie", session.clone()), (name, value)], body.clone()).await;
        assert_eq!((r.status.as_u16(), r.code()), (403, "GW-CROSS-SITE".to_string()), "{name}");
    }
    let read = fetch("GET", &url, &[("cookie", session.clone()), ("sec-fetch-site", "cross-site".into())], None).await;
    assert_eq!(read.status.as_u16(), 200, "a read changes nothing: {}", read.text());
}

#[tokio::test]
async fn a_body_too_large_is_refused_before_it_is_read() {
    let g = gateway().await;
    let token = bearer(&g.bearer(DISTRIBUTOR));
    let huge = format!("{{\"resellerId\":\"{}\",\"pad\":\"{}\"}}", g.resellers[0].0, "x".repeat(20 * 1024 * 1024));
    for path in ["/v3/customers", "/v3/resellers"] {
        let r =
            fetch("POST", &format!("{}api/vipmp{path}", g.url), std::slice::from_ref(&token), Some(huge.clone())).await;
        assert_eq!((r.status.as_u16(), r.code()), (413, "GW-TOO-LARGE".to_string()), "{path}");
    }
    let anonymous = fetch("POST", &format!("{}api/vipmp/v3/customers", g.url), &[], Some(huge)).await;
    assert_eq!(anonymous.status.as_u16(), 401, "nobody is asked for a body before they are known");
}

#[tokio::test]
async fn instances_that_share_the_session_key_share_sessions() {
    let key = partner_gateway::random_bytes(64);
    let twin = || Upstreams::Twin(partner_sandbox::Settings::default());
    let dist = fake_dist(&format!("shared-{}", unique()));
    let same = |s: &mut partner_gateway::Settings| s.session_key = key.clone();
    let (first, second) = (
        Running::start(&dist, "/", twin(), same).await.expect("first"),
        Running::start(&dist, "/", twin(), same).await.expect("second"),
    );
    let other = Running::start(&dist, "/", twin(), |_| {}).await.expect("another key");
    let session = first.session_cookie(RESELLER_A).await.expect("signed in at the first");
    let me = fetch("GET", &format!("{}auth/me", second.url), &[("cookie", session.clone())], None).await;
    assert_eq!(me.json()["subject"], RESELLER_A, "the second instance knows the session: {}", me.text());
    let stranger = fetch("GET", &format!("{}auth/me", other.url), &[("cookie", session)], None).await;
    assert_eq!(stranger.code(), "GW-SIGN-IN", "an instance with another key does not");
}

/// `POST {base}auth/logout` with `session`.
async fn sign_out(g: &Running, session: &str) -> Reply {
    let headers = [("cookie", session.to_string()), ("origin", g.origin.clone())];
    fetch("POST", &format!("{}auth/logout", g.url), &headers, None).await
}

async fn me_at(g: &Running, session: &str) -> Reply {
    fetch("GET", &format!("{}auth/me", g.url), &[("cookie", session.to_string())], None).await
}

#[tokio::test]
async fn a_copy_of_a_signed_out_sessions_cookie_is_refused() {
    let g = gateway().await;
    let copied = g.session_cookie(RESELLER_A).await.expect("signed in");
    let other = g.session_cookie(RESELLER_A).await.expect("signed in elsewhere");
    assert_eq!(me_at(&g, &copied).await.json()["subject"], RESELLER_A);
    assert_eq!(sign_out(&g, &copied).await.status.as_u16(), 200);
    let refused = me_at(&g, &copied).await;
    assert_eq!((refused.status.as_u16(), refused.code()), (401, "GW-SIGN-IN".to_string()), "{}", refused.text());
    let a = &g.resellers[0].0;
    let call = fetch("GET", &format!("{}api/vipmp/v3/resellers/{a}", g.url), &[("cookie", copied)], None).await;
    assert_eq!((call.status.as_u16(), call.code()), (401, "GW-SIGN-IN".to_string()), "{}", call.text());
    assert_eq!(me_at(&g, &other).await.json()["subject"], RESELLER_A, "only the session signed out ends");
}

#[tokio::test]
async fn every_instance_refuses_a_session_signed_out_at_one() {
    // Instances share sessions through their key, and sign-outs through their database.
    let key = partner_gateway::random_bytes(64);
    let dir = std::env::temp_dir().join(format!("partner-signed-out-{}", unique()));
    std::fs::create_dir_all(&dir).expect("a directory");
    let audit_url = std::env::var("PARTNER_TEST_AUDIT_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.join("audit.sqlite").display()));
    let dist = fake_dist(&format!("signed-out-{}", unique()));
    let start = || {
        let (key, audit_url) = (key.clone(), audit_url.clone());
        Running::start(&dist, "/", Upstreams::Twin(partner_sandbox::Settings::default()), move |s| {
            s.session_key = key;
            s.audit_url = audit_url;
        })
    };
    let (first, second) = (start().await.expect("first"), start().await.expect("second"));
    let session = first.session_cookie(RESELLER_A).await.expect("signed in at the first");
    assert_eq!(me_at(&second, &session).await.json()["subject"], RESELLER_A, "the second knows the session");
    assert_eq!(sign_out(&first, &session).await.status.as_u16(), 200);
    // The second learns it from its own reads, which no request starts. (It reads every second;
    // the bound here is loose, for a busy machine.)
    let started = std::time::Instant::now();
    let mut refused = me_at(&second, &session).await;
    while refused.status.as_u16() == 200 && started.elapsed() < 10 * partner_gateway::revoked::EVERY {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        refused = me_at(&second, &session).await;
    }
    assert_eq!(refused.code(), "GW-SIGN-IN", "after {:?}: {}", started.elapsed(), refused.text());
    let third = start().await.expect("an instance started afterwards");
    assert_eq!(me_at(&third, &session).await.code(), "GW-SIGN-IN", "an instance started afterwards knows at once");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn sessions_are_refused_until_the_signed_out_ones_can_be_read() {
    // Nothing listens on port 9: the database cannot be reached.
    let g = Running::start(
        &fake_dist(&format!("sessions-{}", unique())),
        "/",
        Upstreams::Twin(partner_sandbox::Settings::default()),
        |s| s.audit_url = "postgres://app@127.0.0.1:9/none".into(),
    )
    .await
    .expect("gateway");
    let session = g.session_cookie(RESELLER_A).await.expect("signing in needs no database");
    let refused = me_at(&g, &session).await;
    assert_eq!((refused.status.as_u16(), refused.code()), (503, "GW-SESSION-CHECK".to_string()), "{}", refused.text());
    let bearer = fetch("GET", &format!("{}auth/me", g.url), &[bearer(&g.bearer(RESELLER_A))], None).await;
    assert_eq!(
        bearer.json()["subject"],
        RESELLER_A,
        "a portal's token is checked against the provider: {}",
        bearer.text()
    );
}

#[tokio::test]
async fn requests_queued_behind_a_database_that_never_answers_do_not_each_try_it() {
    // A database that takes connections and never answers them: each try waits out the pool's
    // timeout.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let port = silent.local_addr().expect("its address").port();
    let tries = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = tries.clone();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((connection, _)) = silent.accept().await {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            held.push(connection);
        }
    });
    let g = Running::start(
        &fake_dist(&format!("sessions-{}", unique())),
        "/",
        Upstreams::Twin(partner_sandbox::Settings::default()),
        |s| s.audit_url = format!("postgres://app@127.0.0.1:{port}/none"),
    )
    .await
    .expect("gateway");
    let session = g.session_cookie(RESELLER_A).await.expect("signing in needs no database");
    let asks = (0..3).map(|_| me_at(&g, &session));
    for answer in futures_util::future::join_all(asks).await {
        assert_eq!(answer.code(), "GW-SESSION-CHECK", "{}", answer.text());
    }
    assert_eq!(tries.load(std::sync::atomic::Ordering::SeqCst), 1, "one try for the three requests");
}
