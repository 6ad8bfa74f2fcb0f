//! Who is signed in, as the gateway says (`GET {base}auth/me`), provided once as context. The
//! gateway enforces the tenant on every call; the console only mirrors it: what the header
//! says, which areas the navigation offers. Signing in and out are the gateway's pages.

use gloo_net::http::Request;
use leptos::prelude::*;
use partner_model::gateway::Me;
use std::sync::Arc;

/// The signed-in user.
#[derive(Clone, Debug)]
pub struct SignedIn(pub Arc<Me>);

/// Makes the signed-in user available below.
pub fn provide_signed_in(me: Me) {
    provide_context(SignedIn(Arc::new(me)));
}

/// The signed-in user; `None` in a test that mounts the shell alone.
pub fn use_signed_in() -> Option<SignedIn> {
    use_context::<SignedIn>()
}

/// The reseller ids of a reseller user; `None` for distributor staff (or nobody known).
pub fn own_resellers() -> Option<Vec<String>> {
    match &use_signed_in()?.0.role {
        partner_model::gateway::Role::Reseller { reseller_ids } => Some(reseller_ids.clone()),
        partner_model::gateway::Role::Distributor => None,
    }
}

/// Whether the signed-in user is distributor staff (true when nobody is known: a shell mounted
/// alone shows everything, and the gateway refuses what is not allowed anyway).
pub fn is_distributor() -> bool {
    use_signed_in().is_none_or(|s| s.0.role.is_distributor())
}

/// What asking the gateway gave.
#[derive(Clone, Debug)]
pub enum Who {
    /// Signed in.
    User(Me),
    /// Nobody is signed in: off to the sign-in page.
    SignIn,
    /// The gateway could not say (no gateway, or it failed): why.
    Unknown(String),
}

/// What index.html read of `auth/me` while the wasm downloaded (`__partnerEarlyMe`, a promise
/// of `{status, body}`), taken once, when it is conclusive: who is signed in (200, read), or
/// nobody (401). Anything else (a failure, an answer that does not read) is asked again, for
/// the usual handling.
async fn early_who() -> Option<Who> {
    use crate::api::transport::{early_field, take_early_global};
    let answer = take_early_global("__partnerEarlyMe").await?;
    let field = |name: &str| early_field(&answer, name);
    match field("status")?.as_f64()? as u16 {
        200 => serde_json::from_str(&field("body")?.as_string()?).ok().map(Who::User),
        401 => Some(Who::SignIn),
        _ => None,
    }
}

/// Asks the gateway who is signed in: index.html's early answer when it has one and the
/// console is not embedded (then the portal's token, not this page's cookie, says who it is).
pub async fn who(app_base: &str) -> Who {
    if crate::portal::parent().is_none() {
        if let Some(who) = early_who().await {
            return who;
        }
    }
    let mut request = Request::get(&format!("{app_base}auth/me"));
    if let Some(token) = crate::portal::token() {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let response = match request.send().await {
        Ok(r) => r,
        Err(e) => return Who::Unknown(format!("the gateway could not be reached ({e})")),
    };
    match response.status() {
        200 => match response.json::<Me>().await {
            Ok(me) => Who::User(me),
            Err(e) => Who::Unknown(format!("the gateway's answer could not be read ({e})")),
        },
        401 => Who::SignIn,
        status => Who::Unknown(format!("the gateway answered HTTP {status}")),
    }
}

/// Sends the browser to the gateway's sign-in, to come back to the page it is on.
pub fn sign_in(app_base: &str) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let here = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    let url = format!("{app_base}auth/login?return={}", crate::api::calls::encode(&here));
    let _ = location.assign(&url);
}

/// Signs in again after the gateway said the session ended: embedded, a new token from the
/// portal (whether one came); standalone, the provider's sign-in, back to this page (drafts and
/// open intents are kept in storage, so nothing typed is lost and nothing is sent twice).
pub async fn sign_in_again(app_base: &str) -> bool {
    if crate::portal::parent().is_some() {
        return crate::portal::ask(std::time::Duration::from_secs(10)).await;
    }
    sign_in(app_base);
    false
}

/// Ends the session at the gateway, then goes where it says (the provider's sign-out).
pub async fn sign_out(app_base: &str) {
    let redirect = match Request::post(&format!("{app_base}auth/logout")).send().await {
        // `{"redirect": …}`, read by the browser's JSON (no decoder of any JSON in the module
        // for one member).
        Ok(r) if r.ok() => r
            .text()
            .await
            .ok()
            .and_then(|text| js_sys::JSON::parse(&text).ok())
            .and_then(|v| js_sys::Reflect::get(&v, &"redirect".into()).ok())
            .and_then(|v| v.as_string()),
        _ => None,
    };
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(&redirect.unwrap_or_else(|| app_base.to_string()));
    }
}
