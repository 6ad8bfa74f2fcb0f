//! Pieces shared by many resources: status codes, links, and tolerant scalar decoding.

use serde::{Deserialize, Deserializer, Serialize};

/// A string that may arrive as a JSON number (kept as its decimal text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StringOrNumber(pub String);

impl<'de> Deserialize<'de> for StringOrNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            S(String),
            I(i64),
            U(u64),
            F(f64),
            B(bool),
        }
        Ok(StringOrNumber(match Raw::deserialize(d)? {
            Raw::S(s) => s,
            Raw::I(n) => n.to_string(),
            Raw::U(n) => n.to_string(),
            Raw::F(n) => n.to_string(),
            Raw::B(b) => b.to_string(),
        }))
    }
}

/// Decodes an optional integer that may be sent as a number or a numeric string; anything
/// else (a fraction, text) becomes `None` rather than failing the whole response.
pub fn lenient_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let raw = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match raw {
        Some(serde_json::Value::Number(n)) => n.as_u64(),
        Some(serde_json::Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
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
