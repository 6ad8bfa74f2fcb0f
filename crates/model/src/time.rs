//! Wall-clock time as the API writes it (`2024-05-02T22:49:54Z`, `2024-05-02`), without a date
//! library: the sandbox writes it, the console reads it (return windows, time left).

/// Milliseconds since the Unix epoch.
pub type Millis = u64;

/// A day in milliseconds.
pub const DAY: Millis = 86_400_000;

/// Days since the epoch → (year, month, day) (Howard Hinnant's civil-from-days).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `YYYY-MM-DD`.
pub fn date(ms: Millis) -> String {
    let (y, m, d) = civil((ms / 86_400_000) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// `YYYY-MM-DDThh:mm:ssZ`.
pub fn datetime(ms: Millis) -> String {
    let secs = ms / 1000;
    let (h, mi, s) = ((secs / 3600) % 24, (secs / 60) % 60, secs % 60);
    format!("{}T{h:02}:{mi:02}:{s:02}Z", date(ms))
}

/// `YYYY-MM-DD hh:mm UTC`, for people.
pub fn readable(ms: Millis) -> String {
    let t = datetime(ms);
    format!("{} {} UTC", t.get(..10).unwrap_or(""), t.get(11..16).unwrap_or(""))
}

/// An API date-time for people (`2026-11-24T07:31:30Z` → `2026-11-24 07:31 UTC`); text that is
/// not one is shown as it came.
pub fn readable_text(s: &str) -> String {
    match parse(s) {
        Some(ms) if s.len() > 10 => readable(ms),
        _ => s.to_string(),
    }
}

/// Parses `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ` back to milliseconds.
pub fn parse(s: &str) -> Option<Millis> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> { s.get(r)?.parse().ok() };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (inverse of `civil`).
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let mut secs = days * 86_400;
    if b.len() >= 20 {
        secs += num(11..13)? * 3600 + num(14..16)? * 60 + num(17..19)?;
    }
    u64::try_from(secs).ok().map(|s| s * 1000)
}

/// How long from `now` until something ends, rounded down to what a reader needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Left {
    /// It has ended.
    Expired,
    LessThanAnHour,
    /// Whole hours, under two days.
    Hours(Millis),
    /// Whole days, two or more.
    Days(Millis),
}

/// How long from `now` until `until`.
pub fn left(until: Millis, now: Millis) -> Left {
    const HOUR: Millis = 3_600_000;
    match until.checked_sub(now).filter(|l| *l > 0) {
        None => Left::Expired,
        Some(l) if l >= 2 * DAY => Left::Days(l / DAY),
        Some(l) if l >= HOUR => Left::Hours(l / HOUR),
        Some(_) => Left::LessThanAnHour,
    }
}

impl std::fmt::Display for Left {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Left::Expired => f.write_str("expired"),
            Left::LessThanAnHour => f.write_str("less than an hour"),
            Left::Hours(1) => f.write_str("1 hour"),
            Left::Hours(n) => write!(f, "{n} hours"),
            Left::Days(n) => write!(f, "{n} days"),
        }
    }
}

/// How long from `now` until `until`, in English: "3 days", "5 hours", "less than an hour", or
/// "expired".
pub fn time_left(until: Millis, now: Millis) -> String {
    left(until, now).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_round_trip() {
        assert_eq!(datetime(0), "1970-01-01T00:00:00Z");
        assert_eq!(date(951_782_400_000), "2000-02-29");
        let t = 1_795_000_000_000;
        assert_eq!(parse(&datetime(t)), Some(t));
        assert_eq!(parse("2024-02-29"), Some(1_709_164_800_000));
        assert_eq!(parse("nope"), None);
        assert_eq!(parse("2024-13-01"), None);
        assert_eq!(time_left(t, t), "expired");
        assert_eq!(readable_text("2026-11-24T07:31:30Z"), "2026-11-24 07:31 UTC");
        assert_eq!(readable_text("2026-11-24"), "2026-11-24");
        assert_eq!(readable_text("<b>soon</b>"), "<b>soon</b>");
        assert_eq!(time_left(t + 59 * 60_000, t), "less than an hour");
        assert_eq!(time_left(t + 3_600_000, t), "1 hour");
        assert_eq!(time_left(t + 47 * 3_600_000, t), "47 hours");
        assert_eq!(time_left(t + 6 * DAY + 1, t), "6 days");
        assert_eq!(parse("20240101xx"), None);
        assert_eq!(parse("2024-05-02T22:49:54.123Z"), parse("2024-05-02T22:49:54Z"));
    }
}
