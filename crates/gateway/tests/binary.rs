//! The `partner-gateway` binary as a distributor runs it: real upstreams (the twin on a port of
//! its own, fake Adobe IMS and VMware Cloud Services), an OpenID Connect provider, settings from
//! a file and the environment. It answers the operations endpoints, signs users in, forwards
//! and audits changes, drains a slow request on SIGTERM — and its log, read whole afterwards,
//! holds none of the secrets it was given nor the tokens and cookies it saw.

mod common;

use axum::http::StatusCode;
use common::*;
use partner_gateway::demo_idp::{demo_users, DemoIdp};
use partner_gateway::testing::{session_cookie_at, CLIENT_ID, DISTRIBUTOR, RESELLER_A};
use serde_json::json;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const IMS_SECRET: &str = "ims-s3cret-in-the-file";
const CSP_TOKEN: &str = "csp-t0ken-in-the-env";
const OIDC_SECRET: &str = "oidc-s3cret-in-the-file";
const SESSION_KEY: &str = "session-key-0123456789abcdef-0123456789";
const METRICS_TOKEN: &str = "metrics-t0ken-in-the-env";

async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(partner_gateway::serve(listener, router, Default::default(), std::future::pending()));
    url
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_binary_serves_audits_drains_and_logs_no_secret() {
    // The twin stands for both APIs; reading the reseller list takes 1.5 s (for the drain).
    let mut twin = partner_sandbox::Settings::default();
    twin.twin.pending_delay = Duration::from_secs(600);
    twin.faults.push(partner_sandbox::faults::parse_spec("GET /v3/resellers latency=1500").expect("fault"));
    let twin_url = serve(partner_sandbox::app(&twin).expect("twin")).await;
    let tokens = axum::Router::new()
        .route(
            "/ims/token/v3",
            axum::routing::post(|axum::Form(f): axum::Form<std::collections::HashMap<String, String>>| async move {
                if f.get("client_secret").map(String::as_str) != Some(IMS_SECRET) {
                    return Err(StatusCode::UNAUTHORIZED);
                }
                Ok(axum::Json(
                    json!({ "access_token": partner_sandbox::vipmp::SANDBOX_ACCESS_TOKEN, "expires_in": 3600 }),
                ))
            }),
        )
        .route(
            "/csp/gateway/am/api/auth/api-tokens/authorize",
            axum::routing::post(|| async {
                axum::Json(json!({ "access_token": partner_sandbox::vipmp::SANDBOX_ACCESS_TOKEN, "expires_in": 1800 }))
            }),
        );
    let tokens_url = serve(tokens).await;
    let port = free_port();
    let origin = format!("http://127.0.0.1:{port}");
    let provider = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let issuer = format!("http://{}", provider.local_addr().expect("addr"));
    let resellers =
        vec![("1000000001".to_string(), "Northwind".to_string()), ("1000000002".to_string(), "Maple Leaf".to_string())];
    let idp = DemoIdp::new(&issuer, &origin, CLIENT_ID, OIDC_SECRET, demo_users(&resellers)).expect("provider");
    tokio::spawn(partner_gateway::serve(provider, idp.router(), Default::default(), std::future::pending()));

    let dir = std::env::temp_dir().join(format!("partner-gateway-binary-{}", unique()));
    std::fs::create_dir_all(&dir).expect("dir");
    let config = dir.join("gateway.env");
    std::fs::write(
        &config,
        format!(
            "# as a distributor writes it\nVIPMP_UPSTREAM={twin_url}/api/vipmp\nIMS_URL={tokens_url}\nIMS_CLIENT_ID={}\nIMS_CLIENT_SECRET={IMS_SECRET}\n\
             CPN_UPSTREAM={twin_url}/api/cpn\nCSP_URL={tokens_url}\nOIDC_ISSUER={issuer}\nOIDC_CLIENT_ID={CLIENT_ID}\nOIDC_CLIENT_SECRET=\"{OIDC_SECRET}\"\n\
             AUDIT_DATABASE_URL=sqlite://{}/audit.sqlite\nDRAIN_SECONDS=10\n",
            partner_sandbox::vipmp::SANDBOX_API_KEY,
            dir.display()
        ),
    )
    .expect("config file");
    let log = dir.join("gateway.log");
    let mut gateway = Command::new(env!("CARGO_BIN_EXE_partner-gateway"))
        .args([
            "--config",
            config.to_str().expect("utf-8"),
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--dist",
            fake_dist(&format!("binary-{}", unique())).to_str().expect("utf-8"),
        ])
        .env("CSP_API_TOKEN", CSP_TOKEN)
        .env("SESSION_KEY", SESSION_KEY)
        .env("METRICS_TOKEN", METRICS_TOKEN)
        .env("GATEWAY_PUBLIC_ORIGIN", &origin)
        .env("HSTS_SECONDS", "600")
        .stdout(Stdio::from(std::fs::File::create(dir.join("gateway.out")).expect("out")))
        .stderr(Stdio::from(std::fs::File::create(&log).expect("log")))
        .spawn()
        .expect("the gateway starts");
    let url = format!("{origin}/");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the gateway did not listen");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Operations.
    assert_eq!(
        fetch("GET", &format!("{url}healthz"), &[("host", "10.0.0.7:8080".into())], None).await.status,
        StatusCode::OK,
        "probes need no public host"
    );
    let ready = fetch("GET", &format!("{url}readyz"), &[], None).await;
    assert_eq!(ready.status, StatusCode::OK, "{}", ready.text());
    assert_eq!(fetch("GET", &format!("{url}metrics"), &[], None).await.status, StatusCode::UNAUTHORIZED);
    let hsts = fetch("GET", &format!("{url}config.json"), &[], None).await;
    assert_eq!(hsts.header(axum::http::header::STRICT_TRANSPORT_SECURITY), "max-age=600; includeSubDomains");

    // A user signs in; users call with a session and with a portal's bearer.
    let cookie = session_cookie_at(&url, DISTRIBUTOR).await.expect("signed in");
    let bearer_token = idp.mint(RESELLER_A, CLIENT_ID, Duration::from_secs(600)).expect("token");
    let me = fetch("GET", &format!("{url}auth/me"), &[bearer(&bearer_token)], None).await;
    assert_eq!(me.json()["name"], "Rhea Reseller", "{}", me.text());
    let session = [("cookie", cookie.clone()), ("origin", origin.clone())];
    let customer = "1000000012";
    let subs = fetch("GET", &format!("{url}api/vipmp/v3/customers/{customer}/subscriptions"), &session, None).await;
    let offer = subs.json()["items"][0]["offerId"].as_str().expect("an offer").to_string();
    let order = json!({ "orderType": "PREVIEW", "currencyCode": "USD", "lineItems": [{ "extLineItemNumber": 1, "offerId": offer, "quantity": 1 }] });
    let orders = format!("{url}api/vipmp/v3/customers/{customer}/orders");
    let preview = fetch("POST", &orders, &session, Some(order.to_string())).await;
    let mut order = order.clone();
    order["orderType"] = json!("NEW");
    order["lineItems"][0]["offerId"] = preview.json()["lineItems"][0]["offerId"].clone();
    let placed =
        fetch("POST", &orders, &[bearer(&bearer_token), ("origin", origin.clone())], Some(order.to_string())).await;
    assert_eq!(placed.status, StatusCode::CREATED, "{}", placed.text());
    let audit = fetch("GET", &format!("{url}api/audit"), &session, None).await;
    assert_eq!(audit.json()["items"][0]["resultId"], placed.json()["orderId"], "{}", audit.text());
    let cpn = format!(
        "{url}api/cpn/cphub/api/seller/v1/distributors/{}/subscriptions/search",
        partner_sandbox::cpn::DISTRIBUTOR_ORG_ID
    );
    assert_eq!(fetch("POST", &cpn, &session, Some("{}".into())).await.status, StatusCode::OK);
    assert_eq!(
        fetch("GET", &format!("{url}api/vipmp/v3/resellers"), &[bearer("not.a.token")], None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let metrics = fetch("GET", &format!("{url}metrics"), &[bearer(METRICS_TOKEN)], None).await.text();
    assert!(
        metrics.contains(
            "gateway_requests_total{route=\"/v3/customers/{customer}/orders\",role=\"reseller\",status=\"201\"} 1"
        ),
        "{metrics}"
    );
    assert!(metrics.contains("gateway_token_requests_total{service=\"Adobe IMS\"} 1"), "{metrics}");
    assert!(metrics.contains("gateway_refusals_total{code=\"GW-TOKEN\"} 1"), "{metrics}");
    assert!(metrics.contains("gateway_upstream_seconds_count{api=\"vipmp\"}"), "{metrics}");

    // SIGTERM while a slow call is on its way: it is answered, then the gateway ends.
    let slow = tokio::spawn({
        let (url, session) = (url.clone(), session.clone());
        async move { fetch("GET", &format!("{url}api/vipmp/v3/resellers"), &session, None).await }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let term = Command::new("kill").args(["-TERM", &gateway.id().to_string()]).status().expect("kill");
    assert!(term.success());
    let answered = slow.await.expect("joined");
    assert_eq!(answered.status, StatusCode::OK, "the call in flight was answered: {}", answered.text());
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = gateway.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "the gateway did not stop after draining");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "{status}");

    // The log: one JSON object per line, the expected events, and no secret.
    let mut text = String::new();
    std::fs::File::open(&log).expect("log").read_to_string(&mut text).expect("read");
    for line in text.lines().filter(|l| l.starts_with('{')) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(v["time"].is_string() && v["event"].is_string(), "{line}");
    }
    assert!(
        text.contains("\"event\":\"forward\"")
            && text.contains("\"tenant\":\"1000000001\"")
            && text.contains("\"event\":\"draining\""),
        "{text}"
    );
    let session_value = cookie.split_once('=').map(|(_, v)| v.to_string()).unwrap_or_default();
    for secret in [
        IMS_SECRET,
        CSP_TOKEN,
        OIDC_SECRET,
        SESSION_KEY,
        METRICS_TOKEN,
        &bearer_token,
        &session_value,
        partner_sandbox::vipmp::SANDBOX_ACCESS_TOKEN,
    ] {
        assert!(!text.contains(secret), "the log holds a secret ({}…)", &secret[..8]);
        let out = std::fs::read_to_string(dir.join("gateway.out")).unwrap_or_default();
        assert!(!out.contains(secret), "the output holds a secret ({}…)", &secret[..8]);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
