//! The authorization matrix, generated from the gateway's allowlist: every forwarded endpoint ×
//! {anonymous, reseller A, reseller B, distributor staff, a token with `alg: none`, one signed by
//! another key, from another issuer, for another audience, expired, a tampered session cookie},
//! each with the status the endpoint's rule gives. An endpoint added to the allowlist without an
//! example here fails the test, so no endpoint goes untested.

mod common;

use common::*;
use partner_gateway::demo_idp::DemoIdp;
use partner_gateway::tenancy::{Rule, ENDPOINTS};
use partner_gateway::testing::{Running, CLIENT_ID, DISTRIBUTOR, RESELLER_A, RESELLER_B};
use partner_gateway::Upstreams;
use serde_json::{json, Value};
use std::time::Duration;

/// Who calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    Anonymous,
    ResellerA,
    ResellerB,
    Distributor,
    DistributorSession,
    AlgNone,
    WrongKey,
    WrongIssuer,
    WrongAudience,
    Expired,
    TamperedCookie,
}

const CALLERS: [Caller; 11] = [
    Caller::Anonymous,
    Caller::ResellerA,
    Caller::ResellerB,
    Caller::Distributor,
    Caller::DistributorSession,
    Caller::AlgNone,
    Caller::WrongKey,
    Caller::WrongIssuer,
    Caller::WrongAudience,
    Caller::Expired,
    Caller::TamperedCookie,
];

/// What should happen.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// Reaches the upstream (whatever it answers).
    Forwarded,
    /// Refused by the gateway with this status and code.
    Refused(u16, &'static str),
}

fn b64(v: &Value) -> String {
    base64::Engine::encode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, v.to_string())
}

struct World {
    gateway: Running,
    a: String,
    b: String,
    customer_a: String,
    order_a: String,
    subscription_a: String,
    membership_transfer_a: String,
    session: String,
}

async fn world() -> World {
    let mut twin = partner_sandbox::Settings::default();
    twin.twin.pending_delay = Duration::from_secs(600);
    let gateway = Running::start(&fake_dist(&format!("matrix-{}", unique())), "/", Upstreams::Twin(twin), |_| {})
        .await
        .expect("gateway");
    let (a, b) = (gateway.resellers[0].0.clone(), gateway.resellers[1].0.clone());
    let staff = [bearer(&gateway.bearer(DISTRIBUTOR))];
    let api = |p: &str| format!("{}api/vipmp{p}", gateway.url);
    let read = |path: String| {
        let gateway = &gateway;
        async move { gateway.api_get(DISTRIBUTOR, &path).await.expect("staff reads it") }
    };
    let customers = read(format!("/v3/resellers/{a}/customers?limit=5")).await;
    let customer_a = customers["accounts"][0]["customerId"].as_str().expect("a customer of A").to_string();
    let orders = read(format!("/v3/customers/{customer_a}/orders?limit=1")).await;
    let order_a = orders["items"][0]["orderId"].as_str().unwrap_or("0000000000").to_string();
    let subs = read(format!("/v3/customers/{customer_a}/subscriptions")).await;
    let subscription_a = subs["items"][0]["subscriptionId"].as_str().unwrap_or("0000000000").to_string();
    let transfer =
        fetch("POST", &api("/v3/memberships/71000001/transfers"), &staff, Some(json!({ "resellerId": a }).to_string()))
            .await;
    let membership_transfer_a = transfer.json()["transferId"]
        .as_str()
        .unwrap_or_else(|| panic!("a transfer for A: {}", transfer.text()))
        .to_string();
    let session = gateway.session_cookie(DISTRIBUTOR).await.expect("a session");
    World { gateway, a, b, customer_a, order_a, subscription_a, membership_transfer_a, session }
}

impl World {
    /// A concrete call of `template` on A's records (and whether the answer names A).
    fn example(&self, template: &str) -> (String, Option<Value>) {
        let (a, c, o, s) = (&self.a, &self.customer_a, &self.order_a, &self.subscription_a);
        let none = None;
        let (path, body) = match template {
            "/ping" | "/partnerservice/ping" | "/v3/resellers" => (template.to_string(), none),
            "/v3/resellers/{reseller}" | "/v3/resellers/{reseller}/customers" => {
                (template.replace("{reseller}", a), none)
            }
            "/v3/customers" => (template.into(), Some(json!({ "resellerId": a, "companyProfile": {} }))),
            "/v3/customers/{customer}"
            | "/v3/customers/{customer}/open-acquisitions"
            | "/v3/customers/{customer}/orders"
            | "/v3/customers/{customer}/flex-discounts"
            | "/v3/customers/{customer}/subscriptions" => (template.replace("{customer}", c), none),
            "/v3/customers/{customer}/deployments" => (template.replace("{customer}", c), Some(json!({}))),
            "/v3/customers/{customer}/deployments/{deployment}" => {
                (template.replace("{customer}", c).replace("{deployment}", "1"), Some(json!({ "status": "1004" })))
            }
            "/v3/flex-discounts" => ("/v3/flex-discounts?market-segment=COM&country=US".into(), none),
            "/v3/customers/{customer}/linked_membership/enroll/{group}" => {
                (template.replace("{customer}", c).replace("{group}", "LMG-0001"), Some(json!({})))
            }
            "/v3/customers/{customer}/orders/{order}" => {
                (template.replace("{customer}", c).replace("{order}", o), none)
            }
            "/v3/customers/{customer}/subscriptions/{subscription}"
            | "/v3/customers/{customer}/subscriptions/{subscription}/offer-switch-paths" => {
                (template.replace("{customer}", c).replace("{subscription}", s), none)
            }
            "/v3/linked_membership_groups" => ("/v3/linked_membership_groups?country=US".into(), none),
            "/v3/notifications" => (format!("/v3/notifications?reseller-id={a}"), none),
            "/v3/transfers" => {
                (template.into(), Some(json!({ "resellerId": a, "approvalCode": "0000000000", "action": "PREVIEW" })))
            }
            "/v3/transfers/{transfer}" => ("/v3/transfers/9999999999".into(), none),
            "/v3/memberships/{membership}/offers" => ("/v3/memberships/71000002/offers".into(), none),
            "/v3/memberships/{membership}/transfers" => {
                ("/v3/memberships/71000003/transfers".into(), Some(json!({ "resellerId": a })))
            }
            "/v3/memberships/{membership}/transfers/{transfer}" => {
                (format!("/v3/memberships/71000001/transfers/{}", self.membership_transfer_a), none)
            }
            "/v3/pricelist" => {
                let month = partner_sandbox::twin::time::date(partner_sandbox::twin::time::now())[..7].replace('-', "");
                let body =
                    json!({ "region": "NA", "marketSegment": "COM", "currency": "USD", "priceListMonth": month });
                (template.into(), Some(body))
            }
            "/v3/recommendations" => (template.into(), Some(json!({ "customerId": c }))),
            "/v3/offer-switch-paths" => (format!("{template}?customer-id={c}&subscription-id={s}"), none),
            "/cphub/api/seller/v1/distributors/{org}/subscriptions/search" => {
                (template.replace("{org}", partner_sandbox::cpn::DISTRIBUTOR_ORG_ID), Some(json!({})))
            }
            other => panic!(
                "the allowlist has {other} but the matrix has no example of it: add one (and its rule's expectations)"
            ),
        };
        (path, body)
    }

    fn headers(&self, caller: Caller) -> Vec<(&'static str, String)> {
        let idp = &self.gateway.idp;
        let user = |s: &str| idp.users().iter().find(|u| u.subject == s).expect("demo user").claims();
        let now = partner_gateway::identity::now();
        let token = match caller {
            Caller::Anonymous => return vec![],
            Caller::DistributorSession => {
                return vec![("cookie", self.session.clone()), ("origin", self.gateway.origin.clone())]
            }
            Caller::TamperedCookie => {
                let (name, value) = self.session.split_once('=').expect("name=value");
                let flipped: String = value
                    .chars()
                    .enumerate()
                    .map(|(i, ch)| {
                        if i == value.len() / 2 {
                            if ch == 'A' {
                                'B'
                            } else {
                                'A'
                            }
                        } else {
                            ch
                        }
                    })
                    .collect();
                return vec![("cookie", format!("{name}={flipped}")), ("origin", self.gateway.origin.clone())];
            }
            Caller::ResellerA => self.gateway.bearer(RESELLER_A),
            Caller::ResellerB => self.gateway.bearer(RESELLER_B),
            Caller::Distributor => self.gateway.bearer(DISTRIBUTOR),
            Caller::AlgNone => {
                let mut claims = user(DISTRIBUTOR);
                claims["iss"] = json!(idp.issuer());
                claims["aud"] = json!(CLIENT_ID);
                claims["exp"] = json!(now + 600);
                format!("{}.{}.", b64(&json!({"alg": "none", "typ": "JWT"})), b64(&claims))
            }
            Caller::WrongKey => {
                let other = DemoIdp::new(idp.issuer(), &self.gateway.origin, CLIENT_ID, "x", idp.users().to_vec())
                    .expect("another key");
                other.mint(DISTRIBUTOR, CLIENT_ID, Duration::from_secs(600)).expect("token")
            }
            Caller::WrongIssuer => {
                let mut claims = user(DISTRIBUTOR);
                claims["iss"] = json!("https://evil.example");
                idp.sign(claims, CLIENT_ID, Duration::from_secs(600), None).expect("token")
            }
            Caller::WrongAudience => {
                idp.sign(user(DISTRIBUTOR), "another-client", Duration::from_secs(600), None).expect("token")
            }
            Caller::Expired => {
                let mut claims = user(DISTRIBUTOR);
                claims["exp"] = json!(now - 3600);
                claims["nbf"] = json!(now - 7200);
                idp.sign(claims, CLIENT_ID, Duration::from_secs(600), None).expect("token")
            }
        };
        vec![bearer(&token)]
    }

    fn expected(&self, rule: Rule, template: &str, caller: Caller) -> Outcome {
        match caller {
            Caller::Anonymous | Caller::TamperedCookie => return Outcome::Refused(401, "GW-SIGN-IN"),
            Caller::AlgNone | Caller::WrongKey | Caller::WrongIssuer | Caller::WrongAudience | Caller::Expired => {
                return Outcome::Refused(401, "GW-TOKEN")
            }
            Caller::Distributor | Caller::DistributorSession | Caller::ResellerA => {}
            Caller::ResellerB => {}
        }
        let staff = matches!(caller, Caller::Distributor | Caller::DistributorSession);
        match rule {
            _ if staff => Outcome::Forwarded,
            Rule::SignedIn => Outcome::Forwarded,
            Rule::DistributorOnly => Outcome::Refused(403, "GW-DISTRIBUTOR-ONLY"),
            _ if caller == Caller::ResellerA => Outcome::Forwarded,
            Rule::Customer(_) | Rule::BodyCustomer | Rule::QueryCustomer(_) => {
                Outcome::Refused(403, "GW-OTHER-CUSTOMER")
            }
            // The reseller change read names a transfer that does not exist: the upstream's 404
            // comes back to anyone; the membership transfer is A's own.
            Rule::AnswerReseller if template == "/v3/transfers/{transfer}" => Outcome::Forwarded,
            _ => Outcome::Refused(403, "GW-OTHER-RESELLER"),
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_endpoint_for_every_caller() {
    let w = world().await;
    let mut wrong = Vec::new();
    let mut checked = 0;
    for endpoint in ENDPOINTS {
        let (path, body) = w.example(endpoint.template);
        let base = match endpoint.api {
            partner_gateway::tenancy::Api::Vipmp => "api/vipmp",
            partner_gateway::tenancy::Api::Cpn => "api/cpn",
        };
        let url = format!("{}{base}{path}", w.gateway.url);
        for caller in CALLERS {
            let answer = fetch(endpoint.method, &url, &w.headers(caller), body.as_ref().map(Value::to_string)).await;
            let code = answer.code();
            let got =
                if code.starts_with("GW-") { Outcome::Refused(answer.status.as_u16(), "") } else { Outcome::Forwarded };
            let want = w.expected(endpoint.rule, endpoint.template, caller);
            let same = match (&got, &want) {
                (Outcome::Forwarded, Outcome::Forwarded) => true,
                (Outcome::Refused(s, _), Outcome::Refused(t, c)) => s == t && code == *c,
                _ => false,
            };
            if !same {
                wrong.push(format!(
                    "{} {} as {caller:?}: want {want:?}, got {} {}",
                    endpoint.method,
                    endpoint.template,
                    answer.status,
                    answer.text()
                ));
            }
            checked += 1;
        }
    }
    assert!(wrong.is_empty(), "{} of {checked} cells wrong:\n{}", wrong.len(), wrong.join("\n"));
    assert_eq!(checked, ENDPOINTS.len() * CALLERS.len());
    println!("authorization matrix: {checked} cells, A = {}, B = {}", w.a, w.b);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_query_name_written_another_way_is_refused() {
    let w = world().await;
    let (a, b, c, s) = (&w.a, &w.b, &w.customer_a, &w.subscription_a);
    let url = |path: String| format!("{}api/vipmp{path}", w.gateway.url);
    // The twin, as many servers, decodes parameter names (`reseller%2Did` is `reseller-id`) and
    // takes the first: B naming itself plainly and A encoded would read A's notifications had
    // the gateway checked only the names as sent. Any name it would read otherwise is refused.
    for path in [
        format!("/v3/notifications?reseller%2Did={a}&reseller-id={b}"),
        format!("/v3/notifications?reseller-id={b}&r%65seller-id={a}"),
        format!("/v3/offer-switch-paths?customer%2Did={c}&subscription-id={s}"),
    ] {
        let answer = fetch("GET", &url(path.clone()), &w.headers(Caller::ResellerB), None).await;
        assert_eq!((answer.status.as_u16(), answer.code()), (400, "GW-BAD-PATH".into()), "{path}: {}", answer.text());
    }
    // A name in another case is read as the same parameter: every value must be B's.
    let both = url(format!("/v3/notifications?reseller-id={b}&Reseller-Id={a}"));
    let cased = fetch("GET", &both, &w.headers(Caller::ResellerB), None).await;
    assert_eq!((cased.status.as_u16(), cased.code()), (403, "GW-OTHER-RESELLER".into()), "{}", cased.text());
    let plain =
        fetch("GET", &url(format!("/v3/notifications?reseller-id={b}")), &w.headers(Caller::ResellerB), None).await;
    assert!(!plain.code().starts_with("GW-"), "B's own, named plainly, is forwarded: {}", plain.text());
}
