//! The partner console: a Leptos client-side app for Adobe VIP Marketplace resellers and
//! distributors, compiled to WebAssembly and served as static files behind a credential proxy.

pub mod api;
pub mod app;
pub mod areas;
pub mod catalog;
pub mod components;
pub mod format;
pub mod i18n;
pub mod pages;
pub mod panic;
pub mod portal;
pub mod recent;
pub mod resources;
pub mod routes;
pub mod runtime;
pub mod session;
pub mod split;

pub use app::{App, Shell};

/// Removes the static loading note and mounts [`App`] on the page's body.
pub fn start() {
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
}
