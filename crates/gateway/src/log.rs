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

/// Milliseconds since 1970 as RFC 3339 UTC (proleptic Gregorian, the civil-from-days algorithm).
pub fn rfc3339_millis(ms: i64) -> String {
    let (days, rem) = (ms.div_euclid(86_400_000), ms.rem_euclid(86_400_000));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (h, m, s, milli) = (rem / 3_600_000, rem / 60_000 % 60, rem / 1000 % 60, rem % 1000);
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{milli:03}Z")
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
