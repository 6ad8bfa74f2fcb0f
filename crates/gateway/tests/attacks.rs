//! The gateway on its worst day, over real TCP: a client that sends its headers a byte at a
//! time, more connections than it serves, a token service that accepts and never answers, a
//! 20 MB body, methods and hosts it does not serve, and twenty identical orders at once.

mod common;

use axum::http::StatusCode;
use common::*;
use partner_gateway::testing::{Running, DISTRIBUTOR};
use partner_gateway::upstream::Grant;
use partner_gateway::{RemoteApi, Upstreams};
use serde_json::json;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn twin_gateway(adjust: impl FnOnce(&mut partner_gateway::Settings)) -> Running {
    let mut twin = partner_sandbox::Settings::default();
    twin.twin.pending_delay = Duration::from_secs(600);
    Running::start(&fake_dist(&format!("attacks-{}", unique())), "/", Upstreams::Twin(twin), adjust)
        .await
        .expect("gateway")
}

fn addr(gateway: &Running) -> String {
    gateway.origin.trim_start_matches("http://").to_string()
}

/// Reads until the peer closes (or `limit` passes); what was read and whether it closed.
async fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> (String, bool) {
    let mut all = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + limit;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&all).into_owned(), true),
            Ok(Ok(n)) => all.extend_from_slice(&buf[..n]),
            Err(_) => return (String::from_utf8_lossy(&all).into_owned(), false),
        }
    }
}

#[tokio::test]
async fn a_slow_header_sender_is_cut_off_while_others_are_served() {
    let gateway = twin_gateway(|s| s.limits.header_timeout = Duration::from_secs(1)).await;
    let target = addr(&gateway);
    let request = format!("GET /config.json HTTP/1.1\r\nHost: {target}\r\nX-Slow: {}\r\n\r\n", "a".repeat(40));
    let mut slow = Vec::new();
    for _ in 0..30 {
        slow.push(TcpStream::connect(&target).await.expect("connect"));
    }
    let started = Instant::now();
    // Each sends a byte every 200 ms: the whole head would take 20 s.
    let senders: Vec<_> = slow
        .into_iter()
        .map(|mut stream| {
            let bytes = request.clone().into_bytes();
            tokio::spawn(async move {
                for b in bytes {
                    if stream.write_all(&[b]).await.is_err() {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                read_until_closed(&mut stream, Duration::from_secs(5)).await
            })
        })
        .collect();
    // Meanwhile ordinary requests are answered.
    for _ in 0..5 {
        let r = fetch("GET", &format!("{}config.json", gateway.url), &[], None).await;
        assert_eq!(r.status, StatusCode::OK);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for sender in senders {
        let (answer, closed) = sender.await.expect("joined");
        assert!(closed, "a slow sender's connection is closed");
        assert!(!answer.contains("200 OK"), "it was never served: {answer}");
    }
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "closed within the header timeout, not after the whole head: {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_connection_over_the_limit_is_told_so_in_json_and_closed() {
    let gateway = twin_gateway(|s| s.limits.max_connections = 2).await;
    let target = addr(&gateway);
    let _held = [TcpStream::connect(&target).await.expect("one"), TcpStream::connect(&target).await.expect("two")];
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut third = TcpStream::connect(&target).await.expect("three");
    let (answer, closed) = read_until_closed(&mut third, Duration::from_secs(3)).await;
    assert!(closed, "closed after the answer");
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default();
    let json: serde_json::Value = serde_json::from_str(body).expect("JSON");
    assert_eq!(json["code"], "GW-BUSY");
}

#[tokio::test]
async fn a_hung_token_service_costs_one_bounded_wait_and_the_rest_keeps_answering() {
    // A token service that accepts connections and never answers.
    let hung = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let hung_url = format!("http://{}", hung.local_addr().expect("addr"));
    tokio::spawn(async move {
        let mut kept = Vec::new();
        while let Ok((stream, _)) = hung.accept().await {
            kept.push(stream);
        }
    });
    // The twin on a port of its own stands for both APIs; VMware's token service answers.
    let twin = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let twin_url = format!("http://{}", twin.local_addr().expect("addr"));
    tokio::spawn(partner_gateway::serve(
        twin,
        partner_sandbox::app(&partner_sandbox::Settings::default()).expect("twin"),
        Default::default(),
        std::future::pending(),
    ));
    let csp = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let csp_url = format!("http://{}", csp.local_addr().expect("addr"));
    let csp_app = axum::Router::new().route(
        "/csp/gateway/am/api/auth/api-tokens/authorize",
        axum::routing::post(|| async {
            axum::Json(json!({ "access_token": partner_sandbox::vipmp::SANDBOX_ACCESS_TOKEN, "expires_in": u64::MAX }))
        }),
    );
    tokio::spawn(partner_gateway::serve(csp, csp_app, Default::default(), std::future::pending()));
    let upstreams = Upstreams::Remote {
        vipmp: RemoteApi {
            base: format!("{twin_url}/api/vipmp"),
            grant: Grant::Ims {
                url: hung_url,
                client_id: partner_sandbox::vipmp::SANDBOX_API_KEY.into(),
                client_secret: "s".into(),
                scopes: "openid".into(),
            },
        },
        cpn: Some(RemoteApi {
            base: format!("{twin_url}/api/cpn"),
            grant: Grant::Csp { url: csp_url, api_token: "t".into() },
        }),
    };
    let gateway = Running::start(&fake_dist(&format!("hung-{}", unique())), "/", upstreams, |s| {
        s.limits.token_timeout = Duration::from_secs(1)
    })
    .await
    .expect("gateway");
    let staff = bearer(&gateway.bearer(DISTRIBUTOR));

    let started = Instant::now();
    let first =
        fetch("GET", &format!("{}api/vipmp/partnerservice/ping", gateway.url), std::slice::from_ref(&staff), None)
            .await;
    assert_eq!(first.status, StatusCode::GATEWAY_TIMEOUT, "{}", first.text());
    assert_eq!(first.code(), "GW-UPSTREAM-CREDENTIALS-TIMEOUT");
    assert!(started.elapsed() < Duration::from_secs(3), "one bounded wait: {:?}", started.elapsed());
    // The next ones are answered at once while the failure is remembered.
    let started = Instant::now();
    let resellers = format!("{}api/vipmp/v3/resellers", gateway.url);
    let more: Vec<_> = (0..10).map(|_| fetch("GET", &resellers, std::slice::from_ref(&staff), None)).collect();
    for answer in futures_util::future::join_all(more).await {
        assert_eq!(answer.code(), "GW-UPSTREAM-CREDENTIALS-TIMEOUT", "{}", answer.text());
    }
    assert!(
        started.elapsed() < Duration::from_millis(800),
        "no call waited behind the hung token service: {:?}",
        started.elapsed()
    );
    // Adobe's /ping needs the API key alone, so it answers; so do VMware's API, the gateway's
    // own endpoints and the console.
    let ping = fetch("GET", &format!("{}api/vipmp/ping", gateway.url), std::slice::from_ref(&staff), None).await;
    assert_eq!((ping.status, ping.text().as_str()), (StatusCode::OK, "pong"));
    let url = format!(
        "{}api/cpn/cphub/api/seller/v1/distributors/{}/subscriptions/search?limit=1",
        gateway.url,
        partner_sandbox::cpn::DISTRIBUTOR_ORG_ID
    );
    let cpn = fetch("POST", &url, &[staff.clone(), ("origin", gateway.origin.clone())], Some("{}".into())).await;
    assert_eq!(cpn.status, StatusCode::OK, "{}", cpn.text());
    assert_eq!(
        fetch("GET", &format!("{}auth/me", gateway.url), std::slice::from_ref(&staff), None).await.status,
        StatusCode::OK
    );
    assert_eq!(fetch("GET", &format!("{}healthz", gateway.url), &[], None).await.status, StatusCode::OK);
    assert_eq!(fetch("GET", &format!("{}config.json", gateway.url), &[], None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn what_the_gateway_refuses_it_refuses_in_json() {
    let gateway = twin_gateway(|_| {}).await;
    let staff = bearer(&gateway.bearer(DISTRIBUTOR));
    let origin = ("origin", gateway.origin.clone());

    // 20 MB, declared: refused before it is read.
    let big = "x".repeat(20 * 1024 * 1024);
    let r =
        fetch("POST", &format!("{}api/vipmp/v3/customers", gateway.url), &[staff.clone(), origin.clone()], Some(big))
            .await;
    assert_eq!((r.status, r.code().as_str()), (StatusCode::PAYLOAD_TOO_LARGE, "GW-TOO-LARGE"), "{}", r.text());

    // A method the gateway does not forward there.
    for method in ["PROPFIND", "DELETE", "PUT"] {
        let r = fetch(
            method,
            &format!("{}api/vipmp/v3/customers/1000000001", gateway.url),
            &[staff.clone(), origin.clone()],
            None,
        )
        .await;
        assert_eq!(
            (r.status, r.code().as_str()),
            (StatusCode::METHOD_NOT_ALLOWED, "GW-METHOD"),
            "{method}: {}",
            r.text()
        );
    }
    let r = fetch("DELETE", &format!("{}index.html", gateway.url), &[], None).await;
    assert_eq!((r.status, r.code().as_str()), (StatusCode::METHOD_NOT_ALLOWED, "GW-METHOD"));

    // Dot segments and encoded slashes, sent as they are (no client normalizes them away here).
    for path in
        ["/api/vipmp/../../x", "/api/vipmp/v3/customers/..%2F..%2Fresellers", "/api/vipmp/v3/%2e%2e/resellers", "/%ff"]
    {
        let (answer, _) =
            raw(&gateway, &format!("GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", addr(&gateway)))
                .await;
        assert!(answer.starts_with("HTTP/1.1 400"), "{path}: {answer}");
        assert!(answer.contains("\"GW-BAD-PATH\""), "{path}: {answer}");
    }

    // A host the gateway does not serve (DNS rebinding), with a valid session or not.
    let (answer, _) =
        raw(&gateway, "GET /api/vipmp/v3/resellers HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n")
            .await;
    assert!(answer.starts_with("HTTP/1.1 421") && answer.contains("\"GW-HOST\""), "{answer}");
    let r = fetch(
        "GET",
        &format!("{}api/vipmp/v3/resellers", gateway.url),
        &[staff.clone(), ("host", "attacker.example:80".into())],
        None,
    )
    .await;
    assert_eq!((r.status.as_u16(), r.code().as_str()), (421, "GW-HOST"));

    // Another site's page.
    let r = fetch(
        "GET",
        &format!("{}api/vipmp/v3/resellers", gateway.url),
        &[staff.clone(), ("origin", "https://evil.example".into())],
        None,
    )
    .await;
    assert_eq!((r.status, r.code().as_str()), (StatusCode::FORBIDDEN, "GW-CROSS-SITE"));

    // An address or headers too large.
    let r = fetch(
        "GET",
        &format!("{}api/vipmp/v3/resellers?q={}", gateway.url, "a".repeat(9000)),
        std::slice::from_ref(&staff),
        None,
    )
    .await;
    assert_eq!((r.status, r.code().as_str()), (StatusCode::URI_TOO_LONG, "GW-URI-TOO-LONG"));
    let r = fetch(
        "GET",
        &format!("{}api/vipmp/v3/resellers", gateway.url),
        &[staff.clone(), ("x-filler", "b".repeat(20_000))],
        None,
    )
    .await;
    assert_eq!((r.status, r.code().as_str()), (StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, "GW-HEADERS-TOO-LARGE"));

    // A missing file of the console.
    let r = fetch("GET", &format!("{}partner-console-ffff.js", gateway.url), &[], None).await;
    assert_eq!((r.status, r.code().as_str()), (StatusCode::NOT_FOUND, "GW-NOT-FOUND"));
    assert_eq!(r.header(axum::http::header::X_CONTENT_TYPE_OPTIONS), "nosniff");
}

/// Sends `text` as it is over a new connection; the answer until closed.
async fn raw(gateway: &Running, text: &str) -> (String, bool) {
    let mut stream = TcpStream::connect(addr(gateway)).await.expect("connect");
    stream.write_all(text.as_bytes()).await.expect("write");
    read_until_closed(&mut stream, Duration::from_secs(5)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_identical_orders_at_once_reach_the_upstream_once() {
    let gateway = twin_gateway(|_| {}).await;
    let (customer, offer) = gateway.order_target(0).await.expect("a target");
    let orders = format!("{}api/vipmp/v3/customers/{customer}/orders", gateway.url);
    let count = async || {
        gateway.api_get(DISTRIBUTOR, &format!("/v3/customers/{customer}/orders?limit=100")).await.expect("orders")
            ["totalCount"]
            .as_u64()
            .unwrap_or(0)
    };
    let before = count().await;
    let session = gateway.session_cookie(DISTRIBUTOR).await.expect("signed in");
    let body = json!({ "orderType": "NEW", "currencyCode": "USD", "lineItems": [{ "extLineItemNumber": 1, "offerId": offer, "quantity": 1 }] }).to_string();
    let correlation = unique();
    let headers =
        vec![("cookie", session), ("origin", gateway.origin.clone()), ("x-correlation-id", correlation.clone())];
    let sends: Vec<_> = (0..20).map(|_| fetch("POST", &orders, &headers, Some(body.clone()))).collect();
    let answers = futures_util::future::join_all(sends).await;
    let mut ids: Vec<String> = answers
        .iter()
        .map(|a| {
            assert_eq!(a.status, StatusCode::CREATED, "{}", a.text());
            a.json()["orderId"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    ids.dedup();
    assert_eq!(ids.len(), 1, "one order for all: {ids:?}");
    assert_eq!(count().await, before + 1, "the upstream made one order");
    let metrics = fetch("GET", &format!("{}metrics", gateway.origin.clone() + "/"), &[], None).await.text();
    let absorbed: u64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("gateway_duplicates_absorbed_total "))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(absorbed >= 1, "the gateway absorbed duplicates itself: {absorbed}");
}
