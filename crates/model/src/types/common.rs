//! Pieces shared by many resources: status codes, links, and tolerant scalar decoding.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// A string that may arrive as a JSON number (kept as its decimal text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StringOrNumber(pub String);

impl<'de> Deserialize<'de> for StringOrNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        wire_text(d, |text| StringOrNumber(text.to_string()))
    }
}

/// A JSON number that is not an integer, as text: a whole one as an integer (`1e3` → "1000", as
/// Rust writes it), any other through serde_json's own writer, which the console links anyway;
/// `f64`'s `Display` would bring float formatting's 11 KB of wasm into every page that decodes.
fn float_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        (v as i64).to_string()
    } else {
        serde_json::Number::from_f64(v).map_or_else(String::new, |n| n.to_string())
    }
}

/// Reads a string, or a number or boolean as its text, and hands it to `read` without copying
/// it when the decoder can lend it. A visitor rather than an untagged enum: the list of 5,000
/// subscriptions decodes about twice as fast.
pub fn wire_text<'de, D: Deserializer<'de>, T>(d: D, read: impl FnOnce(&str) -> T) -> Result<T, D::Error> {
    struct Text<F>(F);
    impl<'de, T, F: FnOnce(&str) -> T> Visitor<'de> for Text<F> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok((self.0)(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
            Ok((self.0)(&v.to_string()))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
            Ok((self.0)(&v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
            Ok((self.0)(&float_text(v)))
        }
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
            Ok((self.0)(if v { "true" } else { "false" }))
        }
    }
    d.deserialize_any(Text(read))
}

/// Decodes an optional integer that may be sent as a number or a numeric string; anything
/// else (a fraction, text, null, an object) becomes `None` rather than failing the whole
/// response.
pub fn lenient_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    struct Lenient;
    impl<'de> Visitor<'de> for Lenient {
        type Value = Option<u64>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an integer, or anything else read as none")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(u64::try_from(v).ok())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(v.trim().parse().ok())
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<de::IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<de::IgnoredAny, de::IgnoredAny>()?.is_some() {}
            Ok(None)
        }
    }
    d.deserialize_any(Lenient)
}

open_enum! {
    /// A resource status code (`references-status-codes`): the same code reads differently per
    /// resource (1002 is a pending account and an open order); see `catalog::status`.
    Status {
        /// 1000: active account, complete order, active subscription.
        Active = "1000",
        /// 1002: pending account, open order, pending subscription.
        Pending = "1002",
        /// 1004: inactive account, failed order, inactive subscription.
        Inactive = "1004",
        /// 1008: cancelled order or line.
        Cancelled = "1008",
        /// 1009: scheduled subscription.
        Scheduled = "1009",
        /// 1010: inactive account, invalid address.
        InvalidAddress = "1010",
        /// 1012: inactive account, blocked.
        Blocked = "1012",
        /// 1014: inactive account, customer already exists.
        DuplicateCustomer = "1014",
        /// 1020: failed order, distributor inactive.
        DistributorInactive = "1020",
        /// 1022: failed order, reseller inactive.
        ResellerInactive = "1022",
        /// 1024: failed order, customer inactive.
        CustomerInactive = "1024",
        /// 1026: failed order, customer id invalid.
        InvalidCustomerId = "1026",
    }
}

impl Default for Status {
    fn default() -> Self {
        Status::Other(String::new())
    }
}

/// A deep link of a resource.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Link {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub uri: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub method: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<serde_json::Value>,
}

/// `self`, `next` and `prev` links of a resource or page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Links {
    #[serde(rename = "self", skip_serializing_if = "Option::is_none")]
    pub this: Option<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Link>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev: Option<Link>,
}

pub(crate) fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Quantity {
        #[serde(default, deserialize_with = "lenient_u64")]
        q: Option<u64>,
    }

    fn quantity(json: &str) -> Option<u64> {
        serde_json::from_str::<Quantity>(json).expect("a lenient quantity never fails").q
    }

    #[test]
    fn a_quantity_is_a_whole_number_or_none() {
        assert_eq!(quantity(r#"{"q": 12}"#), Some(12));
        assert_eq!(quantity(r#"{"q": " 7 "}"#), Some(7), "a numeric string");
        for other in [
            r#"{"q": -3}"#,
            r#"{"q": 1.5}"#,
            r#"{"q": "seven"}"#,
            r#"{"q": null}"#,
            r#"{"q": true}"#,
            r#"{"q": [1, {"a": 2}]}"#,
            r#"{"q": {"n": 1}}"#,
            "{}",
        ] {
            assert_eq!(quantity(other), None, "{other}");
        }
    }

    #[test]
    fn codes_arrive_as_strings_or_numbers() {
        let read = |json: &str| serde_json::from_str::<StringOrNumber>(json).map(|v| v.0);
        assert_eq!(read(r#""1000""#).expect("string"), "1000");
        assert_eq!(read("1004").expect("number"), "1004");
        assert_eq!(read("-2").expect("negative"), "-2");
        assert_eq!(read("true").expect("boolean"), "true");
        assert_eq!(read("1e3").expect("a whole number in float form"), "1000");
        assert_eq!(read("-2.0").expect("a whole negative"), "-2");
        assert_eq!(read("2.5").expect("a fraction"), "2.5");
        assert_eq!(read(r#""a\"b""#).expect("escaped string"), "a\"b");
        assert!(read("null").is_err() && read("[]").is_err(), "nothing else is a code");
        assert_eq!(serde_json::from_str::<Status>(r#""1009""#).expect("status"), Status::Scheduled);
        assert_eq!(serde_json::from_str::<Status>("1030").expect("unknown status"), Status::Other("1030".into()));
    }
}
