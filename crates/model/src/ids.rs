//! The identifiers a reseller types to open a record, checked against the documented format
//! (`ACCOUNT_ID_REGEX`) before any call is made, and the UUIDs of request headers.

use crate::rules::validators::{self, Invalid};

/// The kinds of record the console can open by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdKind {
    Customer,
    Reseller,
    Order,
    Membership,
    Transfer,
}

impl IdKind {
    /// Every kind, in the order the "go to" box offers them.
    pub const ALL: [IdKind; 5] =
        [IdKind::Customer, IdKind::Reseller, IdKind::Order, IdKind::Membership, IdKind::Transfer];

    /// The reseller's word for the kind.
    pub fn label(self) -> &'static str {
        match self {
            IdKind::Customer => "Customer",
            IdKind::Reseller => "Reseller",
            IdKind::Order => "Order",
            IdKind::Membership => "VIP membership",
            IdKind::Transfer => "Transfer",
        }
    }

    /// A stable key for forms and URLs.
    pub fn key(self) -> &'static str {
        match self {
            IdKind::Customer => "customer",
            IdKind::Reseller => "reseller",
            IdKind::Order => "order",
            IdKind::Membership => "membership",
            IdKind::Transfer => "transfer",
        }
    }

    /// The kind with this [`IdKind::key`].
    pub fn from_key(key: &str) -> Option<IdKind> {
        IdKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// Checks `raw` (surrounding white space ignored) against the documented id format
/// (`ACCOUNT_ID_REGEX`) and returns the id to use. Every kind of record the console opens by id
/// follows the account id rule.
pub fn validate_id(_kind: IdKind, raw: &str) -> Result<&str, Invalid> {
    let id = raw.trim();
    validators::required(id)?;
    validators::account_id(id)?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_examples_are_valid() {
        for (kind, id) in [
            (IdKind::Customer, "9876543210"),
            (IdKind::Reseller, "5556667778"),
            (IdKind::Order, "0123456789"),
            (IdKind::Membership, "12345678"),
            (IdKind::Transfer, "5555luaigdfads555"),
            (IdKind::Customer, "P1005-0001"),
            (IdKind::Customer, "顧客番号一"),
        ] {
            assert_eq!(validate_id(kind, id), Ok(id));
        }
        assert_eq!(validate_id(IdKind::Order, "  1234 "), Ok("1234"));
    }

    #[test]
    fn boundaries_and_bad_characters_are_explained() {
        assert_eq!(validate_id(IdKind::Customer, "   "), Err(Invalid::Missing));
        assert_eq!(validate_id(IdKind::Customer, "123"), Err(Invalid::TooShort { min: 4, len: 3 }));
        assert!(validate_id(IdKind::Customer, &"1".repeat(40)).is_ok());
        assert_eq!(validate_id(IdKind::Customer, &"1".repeat(41)), Err(Invalid::TooLong { max: 40, len: 41 }));
        assert!(matches!(validate_id(IdKind::Customer, "12/34"), Err(Invalid::NotAllowed { found: '/', .. })));
        // `\d` in the documented Java pattern is ASCII only: Arabic-Indic digits are refused.
        assert!(matches!(validate_id(IdKind::Customer, "١٢٣٤"), Err(Invalid::NotAllowed { found: '١', .. })));
        assert!(validate_id(IdKind::Customer, "<script>").is_err());
    }

    #[test]
    fn kinds_round_trip_through_their_keys_and_are_unique() {
        for kind in IdKind::ALL {
            assert_eq!(IdKind::from_key(kind.key()), Some(kind));
        }
        let mut keys: Vec<_> = IdKind::ALL.iter().map(|k| k.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), IdKind::ALL.len());
        assert_eq!(IdKind::from_key("nope"), None);
    }
}

/// Formats 16 random bytes as a version 4 UUID (RFC 9562): the shape of `X-Request-Id` and
/// `X-Correlation-Id`. The caller supplies the randomness (the browser's crypto).
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

#[cfg(test)]
mod uuid_tests {
    use super::uuid_v4;

    #[test]
    fn version_and_variant_bits_are_set() {
        let u = uuid_v4([0xff; 16]);
        assert_eq!(u, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let u = uuid_v4([0; 16]);
        assert_eq!(u, "00000000-0000-4000-8000-000000000000");
        assert_eq!(u.len(), 36);
    }
}
