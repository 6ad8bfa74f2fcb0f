//! The gateway's log: one JSON object per line on standard error, for any collector.
//!
//! Every line has `time` (RFC 3339, UTC, milliseconds) and `event`; the rest are the fields
//! given. Callers pass ids, codes and names only: tokens, secrets, cookies and bodies are never
//! handed to it (a test greps a full run's log for every secret it configured).

use std::time::{SystemTime, UNIX_EPOCH};

/// Writes one line: `{"time": …, "event": kind, field: value, …}`.
pub fn event(kind: &str, fields: &[(&str, &str)]) {
    let mut line = serde_json::Map::new();
    line.insert("time".into(), now_rfc3339().into());
    line.insert("event".into(), kind.into());
    for (k, v) in fields {
        if !v.is_empty() {
            line.insert((*k).into(), (*v).into());
        }
    }
    eprintln!("{}", serde_json::Value::Object(line));
}

/// Now, as `2026-12-01T12:30:05.123Z`.
pub fn now_rfc3339() -> String {
    let ms = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
    rfc3339_millis(ms)
}

/// Milliseconds since 1970 as RFC 3339 UTC with milliseconds.
pub fn rfc3339_millis(ms: i64) -> String {
    let ms = u64::try_from(ms).unwrap_or(0);
    let seconds = partner_model::time::datetime(ms);
    format!("{}.{:03}Z", seconds.trim_end_matches('Z'), ms % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil() {
        assert_eq!(rfc3339_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339_millis(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(rfc3339_millis(1_796_129_405_123), "2026-12-01T12:50:05.123Z");
    }
}
