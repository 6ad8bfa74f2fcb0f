//! The gateway's log: one JSON object per line on standard error, for any collector.
//!
//! Every line has `time` (RFC 3339, UTC, milliseconds) and `event`; the rest are the fields
//! given. Callers pass ids, codes and names only: tokens, secrets, cookies and bodies are never
//! handed to it (a test greps a full run's log for every secret it configured).
//!
//! Lines are appended to a buffer that a writer thread writes out every 50 ms: a request never
//! waits for standard error, nor wakes a thread. [`flush`] writes what is left (the gateway
//! calls it when it stops); a crash loses at most the last 50 ms of lines.

use std::io::Write;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Beyond this many buffered bytes a line is written at once instead (the writer has fallen
/// behind; memory stays bounded).
const MAX_BUFFERED: usize = 4 * 1024 * 1024;

fn buffer() -> &'static Mutex<String> {
    static BUFFER: OnceLock<Mutex<String>> = OnceLock::new();
    BUFFER.get_or_init(|| {
        std::thread::spawn(|| loop {
            std::thread::sleep(Duration::from_millis(50));
            flush();
        });
        Mutex::new(String::new())
    })
}

/// Set by [`to_test_output`].
static TEST_OUTPUT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes each line at once through the test harness's captured output instead (gateways
/// started by tests): a test's lines are then shown with its failure, not mixed into the run.
pub fn to_test_output() {
    TEST_OUTPUT.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Back to the buffer a deployed gateway uses (a benchmark measures that).
pub fn to_buffer() {
    TEST_OUTPUT.store(false, std::sync::atomic::Ordering::Relaxed);
}

/// Writes out the buffered lines.
pub fn flush() {
    let lines = std::mem::take(&mut *buffer().lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    if !lines.is_empty() {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(lines.as_bytes());
        let _ = err.flush();
    }
}

/// Writes one line: `{"time": …, "event": kind, field: value, …}` (empty fields left out).
pub fn event(kind: &str, fields: &[(&str, &str)]) {
    let mut line = String::with_capacity(96 + fields.iter().map(|(k, v)| k.len() + v.len() + 6).sum::<usize>());
    line.push_str("{\"time\":\"");
    line.push_str(&now_rfc3339());
    line.push_str("\",\"event\":");
    push_json_string(&mut line, kind);
    for (k, v) in fields.iter().filter(|(_, v)| !v.is_empty()) {
        line.push(',');
        push_json_string(&mut line, k);
        line.push(':');
        push_json_string(&mut line, v);
    }
    if TEST_OUTPUT.load(std::sync::atomic::Ordering::Relaxed) {
        line.push('}');
        eprintln!("{line}");
        return;
    }
    line.push_str("}\n");
    let mut buffered = buffer().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if buffered.len() + line.len() > MAX_BUFFERED {
        drop(buffered);
        flush();
        let _ = std::io::stderr().write_all(line.as_bytes());
    } else {
        buffered.push_str(&line);
    }
}

fn push_json_string(out: &mut String, s: &str) {
    match serde_json::to_string(s) {
        Ok(quoted) => out.push_str(&quoted),
        Err(_) => out.push_str("\"\""),
    }
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
    fn a_line_is_one_json_object() {
        let mut line = String::new();
        push_json_string(&mut line, "a \"quoted\"\nline");
        assert_eq!(line, "\"a \\\"quoted\\\"\\nline\"");
    }

    #[test]
    fn dates_are_civil() {
        assert_eq!(rfc3339_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(rfc3339_millis(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(rfc3339_millis(1_796_129_405_123), "2026-12-01T12:50:05.123Z");
    }
}
