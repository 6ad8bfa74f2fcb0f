//! Small validators, one check each, composed per field by the registry. Length, pattern and
//! set checks pass an empty value: emptiness is `required`'s business alone.

use super::charset::CharSet;
use crate::text::is_letter;
use std::fmt;

/// Why a value breaks a rule, in terms a reseller can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Invalid {
    Missing,
    TooShort {
        min: usize,
        len: usize,
    },
    TooLong {
        max: usize,
        len: usize,
    },
    NotAllowed {
        found: char,
        allowed: &'static str,
    },
    Format {
        expected: &'static str,
    },
    NotOneOf {
        allowed: &'static [&'static str],
    },
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// A rule explained in a sentence of its own (a model text the console translates).
    Explained(String),
    /// A rule whose explanation depends on data.
    Because(Because),
}

/// Why a value breaks a rule whose explanation depends on data: the console words each in the
/// language shown; `Display` is the English the gateway and the twin answer with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Because {
    /// An order with more line items than the API takes (499).
    TooManyLines { lines: usize },
    /// A minimum quantity's offer type given twice (`what`: its words, "licenses").
    ListedTwice { what: String },
    /// A 3-Year Commit minimum quantity below the program's (`what`: the offer type's words).
    CommitMinimum { min: u64, what: String },
    /// An Extended Term anniversary date not after `after` or later than `until` (YYYY-MM-DD).
    AnniversaryBetween { after: String, until: String },
    /// A country the API does not accept (`name`: its English name), with the doc's reason or
    /// remediation ("Embargoed", "Use country GB").
    Unsupported { country: String, name: &'static str, remediation: Option<&'static str> },
    /// A region that is not one of `country`'s (`name`: its English name); `example` is a code
    /// of one that is.
    Region { country: String, name: &'static str, example: &'static str },
    /// A line number given to more than one line.
    LineNumberTwice { number: u32 },
    /// A postal code not in `country`'s format (`name`: its English name).
    PostalCode { country: &'static str, name: &'static str, example: &'static str },
}

impl fmt::Display for Because {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Because::TooManyLines { lines } => write!(f, "An order has at most 499 line items (this has {lines})."),
            Because::ListedTwice { what } => write!(f, "Minimum quantities for {what} are listed twice."),
            Because::CommitMinimum { min, what } => write!(f, "3-Year Commit starts at {min} for {what}."),
            Because::AnniversaryBetween { after, until } => {
                write!(f, "An Extended Term anniversary date is after {after} and no later than {until}.")
            }
            Because::Unsupported { name, remediation, .. } => {
                let what = remediation.unwrap_or(NOT_ACCEPTED);
                write!(f, "{name} is not supported by the API: {what}.")
            }
            Because::Region { name, example, .. } => {
                write!(f, "Choose a region of {name} (its ISO 3166-2 code, like {example}).")
            }
            Because::LineNumberTwice { number } => {
                write!(f, "Line number {number} is used more than once; give each line its own number.")
            }
            Because::PostalCode { name, example, .. } => {
                write!(f, "This is not a postal code of {name}; for example {example}.")
            }
        }
    }
}

/// An unsupported country's reason when the doc gives none.
pub const NOT_ACCEPTED: &str = "the API does not accept addresses there";

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Invalid::Missing => write!(f, "Required."),
            Invalid::TooShort { min, len } => write!(f, "At least {min} characters (this has {len})."),
            Invalid::TooLong { max, len } => write!(f, "At most {max} characters (this has {len})."),
            Invalid::NotAllowed { found, allowed } => {
                write!(f, "{} is not allowed here; use {allowed}.", shown(*found))
            }
            Invalid::Format { expected } => write!(f, "Expected {expected}."),
            Invalid::NotOneOf { allowed } => write!(f, "Choose one of: {}.", allowed.join(", ")),
            Invalid::OutOfRange { min, max } => write!(f, "Enter a whole number from {min} to {max}."),
            Invalid::Explained(text) => f.write_str(text),
            Invalid::Because(because) => because.fmt(f),
        }
    }
}

/// What kind of character a refused one is, so that a reseller can recognise it even when it
/// is invisible (the console words each kind in the language shown).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    Space,
    Tab,
    LineBreak,
    /// A combining accent mark on its own (its code point).
    Accent(u32),
    /// A space other than U+0020.
    SpecialSpace(u32),
    /// A control or zero-width character.
    Invisible(u32),
    /// A character that can be shown as it is.
    Plain(char),
}

/// How `c` is shown to a reseller.
pub fn shown_as(c: char) -> Shown {
    match c {
        ' ' => Shown::Space,
        '\t' => Shown::Tab,
        '\n' | '\r' => Shown::LineBreak,
        c if matches!(c as u32, 0x300..=0x36f) => Shown::Accent(c as u32),
        c if c.is_whitespace() => Shown::SpecialSpace(c as u32),
        c if c.is_control() || matches!(c as u32, 0x200b..=0x200f | 0xfe00..=0xfe0f) => Shown::Invisible(c as u32),
        c => Shown::Plain(c),
    }
}

/// A character as a reseller can recognise it, even when it is invisible.
fn shown(c: char) -> String {
    match shown_as(c) {
        Shown::Space => "A space".into(),
        Shown::Tab => "A tab".into(),
        Shown::LineBreak => "A line break".into(),
        Shown::Accent(code) => format!("An accent mark on its own (U+{code:04X})"),
        Shown::SpecialSpace(code) => format!("A special space (U+{code:04X})"),
        Shown::Invisible(code) => format!("An invisible character (U+{code:04X})"),
        Shown::Plain(c) => format!("“{c}”"),
    }
}

/// Present. White space counts as present: the documented patterns accept it (a form may
/// trim what it sends; the rule itself is the API's).
pub fn required(v: &str) -> Result<(), Invalid> {
    if v.is_empty() {
        Err(Invalid::Missing)
    } else {
        Ok(())
    }
}

/// Between `min` and `max` code points.
pub fn length(v: &str, min: usize, max: usize) -> Result<(), Invalid> {
    let len = crate::text::length(v);
    match len {
        0 => Ok(()),
        n if n < min => Err(Invalid::TooShort { min, len: n }),
        n if n > max => Err(Invalid::TooLong { max, len: n }),
        _ => Ok(()),
    }
}

/// Only characters of `set`.
pub fn chars(v: &str, set: &CharSet) -> Result<(), Invalid> {
    match set.first_outside(v) {
        Some(found) => Err(Invalid::NotAllowed { found, allowed: set.description }),
        None => Ok(()),
    }
}

/// No `<`, `>` or `"` (the API's `XSS_REGEX` on free-text address fields).
pub fn no_markup(v: &str) -> Result<(), Invalid> {
    match v.chars().find(|c| matches!(c, '<' | '>' | '"')) {
        Some(found) => Err(Invalid::NotAllowed { found, allowed: "text without < > or \"" }),
        None => Ok(()),
    }
}

/// The documented email expression.
pub fn email(v: &str) -> Result<(), Invalid> {
    if v.is_empty() || super::email::is_email(v) {
        Ok(())
    } else {
        Err(Invalid::Format { expected: "an email address like name@example.com" })
    }
}

/// `^(\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))?$`: empty, or a date shaped YYYY-MM-DD.
pub fn coterm_date(v: &str) -> Result<(), Invalid> {
    if v.is_empty() || is_date_shape(v) {
        Ok(())
    } else {
        Err(Invalid::Format { expected: "a date as YYYY-MM-DD" })
    }
}

fn is_date_shape(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// `^[\p{L}\d\-]{4,40}$` (`ACCOUNT_ID_REGEX`): letters, ASCII digits and hyphens.
pub fn account_id(v: &str) -> Result<(), Invalid> {
    if let Some(found) = v.chars().find(|&c| !(is_letter(c) || c.is_ascii_digit() || c == '-')) {
        return Err(Invalid::NotAllowed { found, allowed: "letters, digits 0-9 and hyphens" });
    }
    length(v, 4, 40)
}

/// One of `allowed`, exactly.
pub fn one_of(v: &str, allowed: &'static [&'static str]) -> Result<(), Invalid> {
    if v.is_empty() || allowed.contains(&v) {
        Ok(())
    } else {
        Err(Invalid::NotOneOf { allowed })
    }
}

/// A whole number (ASCII digits, optional minus) from `min` to `max`.
pub fn int_range(v: &str, min: i64, max: i64) -> Result<(), Invalid> {
    if v.is_empty() {
        return Ok(());
    }
    let digits = v.strip_prefix('-').unwrap_or(v);
    let parsed = (!digits.is_empty() && digits.len() <= 18 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| v.parse::<i64>().ok())
        .flatten();
    match parsed {
        Some(n) if (min..=max).contains(&n) => Ok(()),
        _ => Err(Invalid::OutOfRange { min, max }),
    }
}

/// The active ISO 4217 alphabetic currency codes (2024 list), sorted.
#[rustfmt::skip]
pub const ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD",
    "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY",
    "COP", "COU", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
    "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK",
    "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
    "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB",
    "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
    "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED",
    "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

/// An ISO 4217 currency code (`references-resources`: "ISO 4217 format"); empty passes (the
/// `Required` rule says whether it may be).
pub fn currency(v: &str) -> Result<(), Invalid> {
    if v.is_empty() || ISO_4217.binary_search(&v).is_ok() {
        Ok(())
    } else {
        Err(Invalid::Format { expected: "an ISO 4217 currency code, like USD or EUR" })
    }
}

/// `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ` (order history's date filters).
pub fn date_or_datetime(v: &str) -> Result<(), Invalid> {
    let ok = v.is_empty()
        || is_date_shape(v)
        || (v.len() == 20 && v.get(..10).is_some_and(is_date_shape) && v.get(10..).is_some_and(is_time_shape));
    if ok {
        Ok(())
    } else {
        Err(Invalid::Format { expected: "a date as YYYY-MM-DD or a UTC time as YYYY-MM-DDThh:mm:ssZ" })
    }
}

fn is_time_shape(t: &str) -> bool {
    let b = t.as_bytes();
    let two = |i: usize| -> Option<u8> {
        (b[i].is_ascii_digit() && b[i + 1].is_ascii_digit()).then(|| (b[i] - b'0') * 10 + (b[i + 1] - b'0'))
    };
    b.len() == 10
        && b[0] == b'T'
        && b[3] == b':'
        && b[6] == b':'
        && b[9] == b'Z'
        && two(1).is_some_and(|h| h < 24)
        && two(4).is_some_and(|m| m < 60)
        && two(7).is_some_and(|s| s < 60)
}

/// At most `max` code points, for fields that only have a length limit.
pub fn max_length(v: &str, max: usize) -> Result<(), Invalid> {
    let len = crate::text::length(v);
    if len > max {
        Err(Invalid::TooLong { max, len })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::charset::COMPANY_NAME;

    #[test]
    fn emptiness_is_only_required_s_business() {
        assert_eq!(required(""), Err(Invalid::Missing));
        assert_eq!(required(" \u{3000}"), Ok(()));
        for check in [
            length("", 4, 80),
            chars("", &COMPANY_NAME),
            email(""),
            coterm_date(""),
            account_id(""),
            int_range("", 1, 2),
            currency(""),
            date_or_datetime(""),
        ] {
            assert_eq!(check, Ok(()));
        }
    }

    #[test]
    fn lengths_count_code_points() {
        assert_eq!(length("😀😀😀", 4, 80), Err(Invalid::TooShort { min: 4, len: 3 }));
        assert_eq!(length(&"a".repeat(81), 4, 80), Err(Invalid::TooLong { max: 80, len: 81 }));
        assert_eq!(max_length(&"é".repeat(40), 40), Ok(()));
    }

    #[test]
    fn dates_and_numbers() {
        assert_eq!(coterm_date("2024-02-29"), Ok(()));
        assert!(coterm_date("2024-13-01").is_err());
        assert!(coterm_date("2024-1-01").is_err());
        assert!(coterm_date("２０２４-01-01").is_err(), "fullwidth digits are not \\d");
        assert_eq!(date_or_datetime("2024-02-29T23:59:59Z"), Ok(()));
        assert!(date_or_datetime("2024-02-29T24:00:00Z").is_err());
        assert!(date_or_datetime("2024-02-29 10:00:00Z").is_err());
        assert!(date_or_datetime("-\u{e79d3}e=,\u{e79d3}\u{e79d3}・-").is_err(), "no slicing inside a character");
        assert_eq!(int_range("499", 1, 499), Ok(()));
        assert!(int_range("500", 1, 499).is_err());
        assert!(int_range("1e3", 1, 5000).is_err());
        assert!(int_range("99999999999999999999", 1, 5).is_err());
        assert!(int_range("-", 1, 5).is_err());
        assert!(currency("usd").is_err());
        assert!(currency("XYZ").is_err(), "three capitals that are no currency");
        assert_eq!((currency("USD"), currency("EUR"), currency("JPY")), (Ok(()), Ok(()), Ok(())));
        assert!(ISO_4217.windows(2).all(|w| w[0] < w[1]), "sorted for the binary search");
    }

    #[test]
    fn messages_name_the_offending_character() {
        let e = chars("A+B", &COMPANY_NAME).expect_err("plus");
        assert!(e.to_string().starts_with("“+” is not allowed"), "{e}");
        let e = no_markup("a\"b").expect_err("quote");
        assert!(e.to_string().contains("without < > or"), "{e}");
        let e = chars("A\u{3000}\u{301}", &COMPANY_NAME).expect_err("mark");
        assert!(e.to_string().starts_with("An accent mark on its own (U+0301)"), "{e}");
        let e = account_id("Cedar Lane").expect_err("a name typed where an id goes");
        assert_eq!(e.to_string(), "A space is not allowed here; use letters, digits 0-9 and hyphens.");
    }
}
