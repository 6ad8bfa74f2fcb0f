//! List state in the URL: filters, sort and page live in the query string, so every list is a
//! deep link, survives a reload and the back button restores it.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_params_map, use_query_map};
use leptos_router::NavigateOptions;

/// The current URL query, and a way to change some of its keys.
#[derive(Clone, Copy)]
pub struct QueryState {
    map: Memo<leptos_router::params::ParamsMap>,
}

impl QueryState {
    /// The value of `key`, or empty.
    pub fn get(&self, key: &str) -> String {
        self.map.read().get(key).unwrap_or_default()
    }

    /// Every value of a repeated `key`.
    pub fn get_all(&self, key: &str) -> Vec<String> {
        self.map.read().get_all(key).unwrap_or_default()
    }

    /// The value of `key` without tracking it.
    pub fn get_untracked(&self, key: &str) -> String {
        self.map.read_untracked().get(key).unwrap_or_default()
    }

    fn pairs(&self) -> Vec<(String, String)> {
        let map = self.map.read_untracked();
        (&*map).into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    /// Sets keys (an empty value removes the key), keeping the others. Changing anything but
    /// `offset` goes back to the first page. `replace` keeps the history short while typing.
    pub fn set(&self, changes: &[(&str, String)], replace: bool) {
        let mut pairs = self.pairs();
        let resets_page = changes.iter().any(|(k, _)| *k != "offset");
        for (key, _) in changes {
            pairs.retain(|(k, _)| k != key);
        }
        if resets_page {
            pairs.retain(|(k, _)| k != "offset");
        }
        for (key, value) in changes {
            if !value.is_empty() {
                pairs.push((key.to_string(), value.clone()));
            }
        }
        navigate_query(&pairs, replace);
    }

    /// Sets a repeated key to `values`.
    pub fn set_all(&self, key: &str, values: &[String]) {
        let mut pairs = self.pairs();
        pairs.retain(|(k, _)| k != key && k != "offset");
        pairs.extend(values.iter().filter(|v| !v.is_empty()).map(|v| (key.to_string(), v.clone())));
        navigate_query(&pairs, false);
    }
}

fn navigate_query(pairs: &[(String, String)], replace: bool) {
    let path = use_location().pathname.get_untracked();
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", crate::api::calls::encode(k), crate::api::calls::encode(v)))
        .collect();
    let to = if query.is_empty() { path } else { format!("{path}?{}", query.join("&")) };
    // The pathname already holds the router's base: do not resolve it again.
    use_navigate()(&to, NavigateOptions { resolve: false, replace, scroll: false, ..Default::default() });
}

/// The query of the current route.
///
/// Read from the router's URL whenever the route's own query or path parameters change: the
/// shell's `FlatRoutes` updates a route's query when only the query changes, but not when the
/// same route is shown for other parameters (back from `/customers/B/subscriptions` to
/// `/customers/A/subscriptions?status=…`), which would leave the page filtering with the query
/// it had before. A page being replaced by another route sees neither change, so it does not
/// refetch with the next page's query while that one loads.
pub fn use_query_state() -> QueryState {
    let (query, params, location) = (use_query_map(), use_params_map(), use_location());
    let map = Memo::new(move |_| {
        // Read, not only tracked: a memo that was never read has not subscribed to its source.
        query.with(|_| ());
        params.with(|_| ());
        location.query.get_untracked()
    });
    QueryState { map }
}
