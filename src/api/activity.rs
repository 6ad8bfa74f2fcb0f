//! The activity log: every change the reseller made from this browser — when, what, to what,
//! the intent's correlation id, and how it ended — kept locally (newest first, bounded), the
//! reseller's own record and what support asks for.

use serde::{Deserialize, Serialize};

/// One recorded change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When it ended, as the browser's ISO time.
    pub at: String,
    /// The reseller's name for it ("Place order").
    pub action: String,
    /// What it acted on: the API path (`/v3/customers/1005/orders`).
    pub target: String,
    pub correlation_id: String,
    /// How it ended, in words.
    pub outcome: String,
    /// Whether it went through.
    pub ok: bool,
}

/// The log, newest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Log {
    pub entries: Vec<Entry>,
}

/// How many entries are kept.
pub const KEPT: usize = 500;

impl Log {
    /// Adds `entry` at the top, dropping the oldest beyond [`KEPT`].
    pub fn record(&mut self, entry: Entry) {
        self.entries.insert(0, entry);
        self.entries.truncate(KEPT);
    }
}

/// The API path of a URL, for the log (`/v3/…`; the proxy's base is left out).
pub fn target_of(url: &str) -> String {
    match url.find("/v3/").or_else(|| url.find("/cphub/")) {
        Some(i) => url[i..].split('?').next().unwrap_or_default().to_string(),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: usize) -> Entry {
        Entry {
            at: format!("t{n}"),
            action: "Place order".into(),
            target: "/v3/x".into(),
            correlation_id: format!("c{n}"),
            outcome: "Done".into(),
            ok: true,
        }
    }

    #[test]
    fn newest_first_and_bounded() {
        let mut log = Log::default();
        for n in 0..KEPT + 3 {
            log.record(entry(n));
        }
        assert_eq!(log.entries.len(), KEPT);
        assert_eq!(log.entries[0].at, format!("t{}", KEPT + 2));
        assert_eq!(target_of("/partner/console/api/vipmp/v3/customers/1/orders?x=1"), "/v3/customers/1/orders");
    }
}
