//! Prometheus metrics (`GET /metrics`, text format 0.0.4), kept in a few maps behind one lock:
//! the gateway's traffic is far below where that lock would matter, and no dependency is needed.
//!
//! - `gateway_requests_total{route, role, status}`: every answer; `route` is the endpoint's
//!   template for API calls (never the ids), `site` for the console's files, the path for the
//!   gateway's own endpoints.
//! - `gateway_upstream_seconds{api}`: latency histogram of forwarded calls.
//! - `gateway_token_requests_total{service}` / `gateway_token_failures_total{service}`.
//! - `gateway_refusals_total{code}`: what the gateway refused, by `GW-` code.
//! - `gateway_duplicates_absorbed_total`: changes that waited for an identical one in flight
//!   instead of reaching the upstream again.

use crate::upstream::TokenCounts;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: [f64; 12] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Counts {
    requests: BTreeMap<(&'static str, &'static str, u16), u64>,
    upstream: BTreeMap<&'static str, Histogram>,
    refusals: BTreeMap<String, u64>,
}

/// The gateway's counters.
#[derive(Default)]
pub struct Metrics {
    counts: Mutex<Counts>,
    pub absorbed: AtomicU64,
    tokens: Mutex<Vec<(&'static str, Arc<TokenCounts>)>>,
}

/// Set on an answer by whoever knows its route and caller (the forwarder), read when counting.
#[derive(Clone, Debug)]
pub struct Labels {
    pub route: &'static str,
    pub role: &'static str,
}

/// Set on an answer the gateway refused itself.
#[derive(Clone, Debug)]
pub struct Refused(pub String);

impl Metrics {
    fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Counts the token requests of `service` too.
    pub fn watch_tokens(&self, service: &'static str, counts: Arc<TokenCounts>) {
        self.tokens.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((service, counts));
    }

    pub fn request(&self, route: &'static str, role: &'static str, status: u16, refused: Option<&str>) {
        let mut c = self.counts();
        *c.requests.entry((route, role, status)).or_default() += 1;
        if let Some(code) = refused {
            match c.refusals.get_mut(code) {
                Some(n) => *n += 1,
                None => {
                    c.refusals.insert(code.to_string(), 1);
                }
            }
        }
    }

    pub fn upstream(&self, api: &'static str, took: Duration) {
        let seconds = took.as_secs_f64();
        let mut c = self.counts();
        let h = c.upstream.entry(api).or_default();
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                h.counts[i] += 1;
            }
        }
        h.count += 1;
        h.sum += seconds;
    }

    /// The text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let c = self.counts();
        let _ = writeln!(out, "# HELP gateway_requests_total Answers by route template, caller role and status.\n# TYPE gateway_requests_total counter");
        for ((route, role, status), n) in &c.requests {
            let _ = writeln!(
                out,
                "gateway_requests_total{{route=\"{}\",role=\"{role}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        let _ = writeln!(out, "# HELP gateway_upstream_seconds Time for an upstream to answer a forwarded call.\n# TYPE gateway_upstream_seconds histogram");
        for (api, h) in &c.upstream {
            for (bound, n) in BUCKETS.iter().zip(h.counts) {
                let _ = writeln!(out, "gateway_upstream_seconds_bucket{{api=\"{api}\",le=\"{bound}\"}} {n}");
            }
            let _ = writeln!(out, "gateway_upstream_seconds_bucket{{api=\"{api}\",le=\"+Inf\"}} {}", h.count);
            let _ = writeln!(out, "gateway_upstream_seconds_sum{{api=\"{api}\"}} {}", h.sum);
            let _ = writeln!(out, "gateway_upstream_seconds_count{{api=\"{api}\"}} {}", h.count);
        }
        let _ = writeln!(out, "# HELP gateway_refusals_total Requests the gateway refused, by code.\n# TYPE gateway_refusals_total counter");
        for (code, n) in &c.refusals {
            let _ = writeln!(out, "gateway_refusals_total{{code=\"{}\"}} {n}", escape(code));
        }
        drop(c);
        let _ = writeln!(out, "# HELP gateway_token_requests_total Requests to a token service.\n# TYPE gateway_token_requests_total counter");
        let tokens = self.tokens.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for (service, t) in tokens.iter() {
            let _ = writeln!(
                out,
                "gateway_token_requests_total{{service=\"{service}\"}} {}",
                t.refreshes.load(Ordering::Relaxed)
            );
        }
        let _ = writeln!(out, "# HELP gateway_token_failures_total Token requests that failed or timed out.\n# TYPE gateway_token_failures_total counter");
        for (service, t) in tokens.iter() {
            let _ = writeln!(
                out,
                "gateway_token_failures_total{{service=\"{service}\"}} {}",
                t.failures.load(Ordering::Relaxed)
            );
        }
        let _ = writeln!(out, "# HELP gateway_duplicates_absorbed_total Changes that shared the answer of an identical one in flight.\n# TYPE gateway_duplicates_absorbed_total counter");
        let _ = writeln!(out, "gateway_duplicates_absorbed_total {}", self.absorbed.load(Ordering::Relaxed));
        out
    }
}

fn escape(label: &str) -> String {
    label.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exposition_has_counters_and_a_cumulative_histogram() {
        let m = Metrics::default();
        m.request("/v3/customers/{customer}", "reseller", 200, None);
        m.request("/v3/customers/{customer}", "reseller", 200, None);
        m.request("/v3/resellers", "reseller", 403, Some("GW-DISTRIBUTOR-ONLY"));
        m.upstream("vipmp", Duration::from_millis(30));
        let text = m.render();
        assert!(
            text.contains(
                "gateway_requests_total{route=\"/v3/customers/{customer}\",role=\"reseller\",status=\"200\"} 2"
            ),
            "{text}"
        );
        assert!(text.contains("gateway_refusals_total{code=\"GW-DISTRIBUTOR-ONLY\"} 1"), "{text}");
        assert!(text.contains("gateway_upstream_seconds_bucket{api=\"vipmp\",le=\"0.025\"} 0"), "{text}");
        assert!(text.contains("gateway_upstream_seconds_bucket{api=\"vipmp\",le=\"0.05\"} 1"), "{text}");
        assert!(text.contains("gateway_upstream_seconds_count{api=\"vipmp\"} 1"), "{text}");
    }
}
