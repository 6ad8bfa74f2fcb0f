//! Who is calling: the distributor's OpenID Connect provider, found by its issuer URL
//! (discovery, read when first needed and kept), its signing keys (JWKS, kept and read again
//! when a token names a key the gateway has not seen, at most every 30 s), and the check of a
//! JWT — an ID token after sign-in or a portal's access token — against them: signature by a
//! key of the provider (RSA, EC or Ed25519; never `none`, never a shared secret), issuer,
//! audience, expiry and not-before with 30 s of leeway. The claims then map to a [`Role`].

use crate::error::GatewayError;
use crate::upstream::{exchange, HttpsClient};
use axum::body::Body;
use axum::extract::Request;
use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use partner_model::gateway::{Me, Role, SignedInVia, IDENTITY_PROVIDER, NO_ROLE, TOKEN_REJECTED};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::time::{Duration, Instant};

/// Which claims say what.
#[derive(Clone, Debug)]
pub struct ClaimNames {
    /// The claim holding the user's roles (a dotted path for nested claims:
    /// `realm_access.roles` in Keycloak; `roles` in Entra ID app roles).
    pub roles: String,
    /// The role value that makes a user distributor staff.
    pub distributor_role: String,
    /// The claim holding the reseller ids a reseller user acts for (an array, or one string of
    /// ids separated by spaces or commas).
    pub reseller_ids: String,
}

impl Default for ClaimNames {
    fn default() -> ClaimNames {
        ClaimNames {
            roles: "roles".into(),
            distributor_role: "partner-distributor".into(),
            reseller_ids: "reseller_ids".into(),
        }
    }
}

/// How to reach and trust the identity provider.
#[derive(Clone)]
pub struct IdentitySettings {
    /// The issuer URL (`https://login.example.com/realms/partners`); discovery is read below it.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// Scopes asked for at sign-in (`openid` is always asked).
    pub scopes: Vec<String>,
    /// The audience a portal's access token must carry (default: the client id).
    pub audience: String,
    pub claims: ClaimNames,
}

impl IdentitySettings {
    /// A provider at `issuer` that knows the gateway as `client_id`/`client_secret`, with the
    /// usual scopes, the client id as the tokens' audience, and the default claim names.
    pub fn for_client(issuer: &str, client_id: &str, client_secret: &str) -> IdentitySettings {
        IdentitySettings {
            issuer: issuer.to_string(),
            client_id: client_id.to_string(),
            client_secret: client_secret.to_string(),
            scopes: vec!["openid".into(), "profile".into(), "email".into()],
            audience: client_id.to_string(),
            claims: ClaimNames::default(),
        }
    }
}

impl std::fmt::Debug for IdentitySettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdentitySettings")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("scopes", &self.scopes)
            .field("audience", &self.audience)
            .field("claims", &self.claims)
            .finish()
    }
}

/// The provider's discovery document, the parts the gateway uses.
#[derive(Clone, Debug, Deserialize)]
pub struct Metadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    #[serde(default)]
    pub end_session_endpoint: Option<String>,
}

struct Keys {
    set: JwkSet,
    read_at: Option<Instant>,
}

/// The identity provider as the gateway knows it.
pub struct Provider {
    pub settings: IdentitySettings,
    client: HttpsClient,
    metadata: tokio::sync::Mutex<Option<Metadata>>,
    /// Held only to read or replace the keys, never across the network.
    keys: tokio::sync::Mutex<Keys>,
    /// Held across a read of the JWKS: one at a time, the others waiting for its keys.
    rereading: tokio::sync::Mutex<()>,
}

/// How often unknown keys may send the gateway back to the JWKS.
const KEYS_REREAD: Duration = Duration::from_secs(30);
const LEEWAY_SECONDS: u64 = 30;

/// Signing algorithms accepted: asymmetric only.
const ACCEPTED: [Algorithm; 9] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

fn provider_error(detail: impl Into<String>) -> GatewayError {
    GatewayError::refusal(IDENTITY_PROVIDER).with_detail(detail)
}

impl Provider {
    pub fn new(settings: IdentitySettings, client: HttpsClient) -> Provider {
        Provider {
            settings,
            client,
            metadata: tokio::sync::Mutex::new(None),
            keys: tokio::sync::Mutex::new(Keys { set: JwkSet { keys: Vec::new() }, read_at: None }),
            rereading: tokio::sync::Mutex::new(()),
        }
    }

    async fn get_json<T: serde::de::DeserializeOwned>(&self, url: &str) -> Result<T, GatewayError> {
        let request = Request::get(url)
            .header("accept", "application/json")
            .body(Body::empty())
            .map_err(|_| provider_error(format!("bad URL {url}")))?;
        let (status, bytes) =
            exchange(&self.client, request).await.map_err(|e| provider_error(format!("{url} {e}")))?;
        if !status.is_success() {
            return Err(provider_error(format!("{url} answered HTTP {}", status.as_u16())));
        }
        serde_json::from_slice(&bytes).map_err(|e| provider_error(format!("{url}: {e}")))
    }

    /// Whether the provider serves its discovery document now (for `/readyz`).
    pub async fn reachable(&self) -> bool {
        let url = format!("{}/.well-known/openid-configuration", self.settings.issuer.trim_end_matches('/'));
        self.get_json::<serde_json::Value>(&url).await.is_ok()
    }

    /// The discovery document, read once.
    pub async fn metadata(&self) -> Result<Metadata, GatewayError> {
        let mut cached = self.metadata.lock().await;
        if let Some(m) = cached.as_ref() {
            return Ok(m.clone());
        }
        let url = format!("{}/.well-known/openid-configuration", self.settings.issuer.trim_end_matches('/'));
        let found: Metadata = self.get_json(&url).await?;
        if found.issuer.trim_end_matches('/') != self.settings.issuer.trim_end_matches('/') {
            return Err(provider_error(format!("the discovery document names issuer {:?}", found.issuer)));
        }
        *cached = Some(found.clone());
        Ok(found)
    }

    /// The key `kid` names (or the only key, when the token names none), reading the JWKS
    /// again when it is not known and the last read is old enough.
    async fn key(&self, kid: Option<&str>) -> Result<Jwk, GatewayError> {
        let pick = |set: &JwkSet| -> Option<Jwk> {
            match kid {
                Some(kid) => set.find(kid).cloned(),
                None if set.keys.len() == 1 => set.keys.first().cloned(),
                None => None,
            }
        };
        let unknown =
            || GatewayError::refusal(TOKEN_REJECTED).with_detail("the token's signing key is not the provider's");
        if let Some(found) = pick(&self.keys.lock().await.set) {
            return Ok(found);
        }
        // One read at a time; a token of a key known meanwhile (read by the one before) goes on.
        // A read is counted when it starts, failed or not: tokens naming keys no one has, sent
        // while the provider is slow or down, cannot keep the gateway reading its JWKS, and a
        // token of a known key never waits for one.
        let _rereading = self.rereading.lock().await;
        {
            let mut keys = self.keys.lock().await;
            if let Some(found) = pick(&keys.set) {
                return Ok(found);
            }
            if keys.read_at.is_some_and(|at| at.elapsed() < KEYS_REREAD) {
                return Err(unknown());
            }
            keys.read_at = Some(Instant::now());
        }
        let jwks_uri = self.metadata().await?.jwks_uri;
        let set: JwkSet = self.get_json(&jwks_uri).await?;
        let mut keys = self.keys.lock().await;
        keys.set = set;
        pick(&keys.set).ok_or_else(unknown)
    }

    /// The claims of `token` once it is proved to be the provider's, for `audience`, now.
    pub async fn verify(&self, token: &str, audience: &str) -> Result<Map<String, Value>, GatewayError> {
        let rejected = |why: &str| GatewayError::refusal(TOKEN_REJECTED).with_detail(why.to_string());
        let header = jsonwebtoken::decode_header(token).map_err(|_| rejected("the token is not a signed JWT"))?;
        if !ACCEPTED.contains(&header.alg) {
            return Err(rejected("the token's algorithm is not accepted"));
        }
        let jwk = self.key(header.kid.as_deref()).await?;
        if let Some(alg) = jwk.common.key_algorithm {
            if alg != jsonwebtoken::jwk::KeyAlgorithm::from(header.alg) {
                return Err(rejected("the token's algorithm is not its key's"));
            }
        }
        let key = DecodingKey::from_jwk(&jwk).map_err(|_| rejected("the provider's key cannot be used"))?;
        let issuer = self.metadata().await?.issuer;
        let mut validation = Validation::new(header.alg);
        validation.set_issuer(&[issuer.as_str()]);
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.validate_nbf = true;
        validation.leeway = LEEWAY_SECONDS;
        let data = jsonwebtoken::decode::<Map<String, Value>>(token, &key, &validation).map_err(|e| {
            use jsonwebtoken::errors::ErrorKind;
            rejected(match e.kind() {
                ErrorKind::ExpiredSignature => "the token has expired",
                ErrorKind::ImmatureSignature => "the token is not valid yet",
                ErrorKind::InvalidIssuer => "the token is from another issuer",
                ErrorKind::InvalidAudience => "the token is for another audience",
                ErrorKind::InvalidSignature => "the token's signature is wrong",
                ErrorKind::MissingRequiredClaim(_) => "the token lacks a required claim",
                _ => "the token could not be verified",
            })
        })?;
        Ok(data.claims)
    }

    /// Who the verified `claims` say the user is, or why they may not use the console.
    pub fn user(&self, claims: &Map<String, Value>, via: SignedInVia, expires_at: u64) -> Result<Me, GatewayError> {
        let text = |name: &str| claims.get(name).and_then(Value::as_str).unwrap_or_default().to_string();
        let subject = text("sub");
        let names = &self.settings.claims;
        let roles = strings(claim(claims, &names.roles));
        let role = if roles.iter().any(|r| r == &names.distributor_role) {
            Role::Distributor
        } else {
            let ids: Vec<String> =
                strings(claim(claims, &names.reseller_ids)).into_iter().filter(|id| plain_id(id)).collect();
            if ids.is_empty() {
                return Err(GatewayError::refusal(NO_ROLE));
            }
            Role::Reseller { reseller_ids: ids }
        };
        let name = [text("name"), text("preferred_username"), subject.clone()]
            .into_iter()
            .find(|n| !n.is_empty())
            .unwrap_or_default();
        Ok(Me { subject, name, email: text("email"), role, via, expires_at })
    }
}

/// The claim at a dotted `path`.
fn claim<'a>(claims: &'a Map<String, Value>, path: &str) -> Option<&'a Value> {
    let mut parts = path.split('.');
    let mut here = claims.get(parts.next()?)?;
    for part in parts {
        here = here.get(part)?;
    }
    Some(here)
}

/// An array of strings, or one string of values separated by spaces or commas.
fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Some(Value::String(s)) => s.split([' ', ',']).filter(|p| !p.is_empty()).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// An id that can stand in a path segment as it is.
pub fn plain_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Seconds since 1970.
pub fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn provider(claims: ClaimNames) -> Provider {
        let settings = IdentitySettings {
            issuer: "https://idp.example".into(),
            client_id: "console".into(),
            client_secret: "s3cret".into(),
            scopes: vec![],
            audience: "console".into(),
            claims,
        };
        Provider::new(settings, crate::upstream::https_client().expect("client"))
    }

    /// Tokens naming keys the provider does not have, many at once and again, while its JWKS
    /// fails slowly: one read of the JWKS, not one per token.
    #[tokio::test]
    async fn unknown_keys_read_the_jwks_once_while_it_fails() {
        use base64::Engine;
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        let reads = Arc::new(AtomicUsize::new(0));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let issuer = format!("http://{}", listener.local_addr().expect("address"));
        let discovery = json!({
            "issuer": issuer, "authorization_endpoint": format!("{issuer}/authorize"),
            "token_endpoint": format!("{issuer}/token"), "jwks_uri": format!("{issuer}/jwks"),
        });
        let counted = reads.clone();
        let app = axum::Router::new()
            .route(
                "/.well-known/openid-configuration",
                axum::routing::get(move || async move { axum::Json(discovery) }),
            )
            .route(
                "/jwks",
                axum::routing::get(move || async move {
                    counted.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    axum::http::StatusCode::SERVICE_UNAVAILABLE
                }),
            );
        tokio::spawn(async move { axum::serve(listener, app).await });
        let mut p = provider(ClaimNames::default());
        p.settings.issuer = issuer;
        let p = Arc::new(p);
        let token = |kid: usize| {
            let part = |v: Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
            format!("{}.{}.c2ln", part(json!({"alg": "RS256", "kid": format!("k{kid}")})), part(json!({"sub": "x"})))
        };
        let checks: Vec<_> = (0..12)
            .map(|kid| {
                let (p, token) = (p.clone(), token(kid));
                tokio::spawn(async move { p.verify(&token, "console").await })
            })
            .collect();
        for check in checks {
            assert!(check.await.expect("a check").is_err());
        }
        for kid in 12..16 {
            assert!(p.verify(&token(kid), "console").await.is_err());
        }
        assert_eq!(reads.load(Ordering::SeqCst), 1);
    }

    fn claims(v: Value) -> Map<String, Value> {
        v.as_object().cloned().expect("object")
    }

    #[test]
    fn roles_come_from_the_configured_claims() {
        let p = provider(ClaimNames::default());
        let staff = p
            .user(&claims(json!({"sub": "s", "roles": ["x", "partner-distributor"]})), SignedInVia::Session, 1)
            .expect("staff");
        assert_eq!(staff.role, Role::Distributor);
        assert_eq!(staff.name, "s", "the subject when there is no name");
        let reseller = p
            .user(
                &claims(json!({"sub": "r", "name": "Rhea", "reseller_ids": "1000123456, 1000123457"})),
                SignedInVia::Bearer,
                1,
            )
            .expect("reseller");
        assert_eq!(reseller.role, Role::Reseller { reseller_ids: vec!["1000123456".into(), "1000123457".into()] });
        let nobody = p.user(&claims(json!({"sub": "n", "reseller_ids": ["../x"]})), SignedInVia::Session, 1);
        assert_eq!(
            nobody.map_err(|e| e.body.code),
            Err("GW-NO-ROLE".to_string()),
            "an id that is not plain is no reseller"
        );
        let keycloak = provider(ClaimNames { roles: "realm_access.roles".into(), ..ClaimNames::default() });
        let nested = keycloak.user(
            &claims(json!({"sub": "k", "realm_access": {"roles": ["partner-distributor"]}})),
            SignedInVia::Session,
            1,
        );
        assert_eq!(nested.expect("nested").role, Role::Distributor);
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        assert!(!format!("{:?}", provider(ClaimNames::default()).settings).contains("s3cret"));
    }
}
