//! What the running console knows about its deployment: the checked `config.json` and the base
//! path it is served under. Provided once as context; every API call resolves its URL here.

use leptos::prelude::*;
use partner_model::config::{resolve_api_base, ConsoleConfig};
use std::sync::Arc;

/// The console's runtime: configuration plus where the app lives.
#[derive(Clone, Debug)]
pub struct Runtime {
    pub config: Arc<ConsoleConfig>,
    /// The app's base path, starting and ending with `/` (`/` or `/partner/console/`).
    pub app_base: String,
}

impl Runtime {
    pub fn new(config: ConsoleConfig, app_base: impl Into<String>) -> Runtime {
        Runtime { config: Arc::new(config), app_base: app_base.into() }
    }

    /// URL of a Commerce Partner API path (`/ping`, `/v3/customers/…`).
    pub fn vipmp_url(&self, path: &str) -> String {
        format!("{}{path}", resolve_api_base(&self.app_base, &self.config.vipmp_base))
    }

    /// URL of a VMware Cloud Partner Navigator path.
    pub fn cpn_url(&self, path: &str) -> String {
        format!("{}{path}", resolve_api_base(&self.app_base, &self.config.cpn_base))
    }

    /// URL of the gateway's own endpoint `path` (`api/audit`), served beside the console.
    pub fn gateway_url(&self, path: &str) -> String {
        format!("{}{path}", self.app_base)
    }

    /// The router's base: the app base without its trailing slash (empty at the root).
    pub fn router_base(&self) -> String {
        self.app_base.trim_end_matches('/').to_string()
    }
}

/// Makes the runtime available to every component below.
pub fn provide_runtime(runtime: Runtime) {
    provide_context(runtime);
}

/// The runtime provided by [`provide_runtime`]. The shell always provides it before any view
/// that asks; `None` only in a test that mounts a component alone.
pub fn use_runtime() -> Option<Runtime> {
    use_context::<Runtime>()
}

/// The base path the page is served under, from the document's `<base href>`.
pub fn app_base_from_document() -> String {
    let path = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_else(|| "/".to_string());
    let dir = match path.rfind('/') {
        Some(i) => &path[..=i],
        None => "/",
    };
    if dir.starts_with('/') {
        dir.to_string()
    } else {
        format!("/{dir}")
    }
}

/// The href of a console path (`/customers/1005-0001`) below the app's base. Links need it:
/// the router's `<A>` leaves absolute paths as they are (its `navigate` adds the base itself).
pub fn href(path: &str) -> String {
    match use_runtime() {
        Some(rt) => format!("{}{path}", rt.router_base()),
        None => path.to_string(),
    }
}
