//! Nothing the API or a user sends can make the model panic: decoding arbitrary bytes and
//! arbitrary JSON into every response type, every validator on arbitrary strings, encoding.
//! Inputs come from a fixed-seed generator, so a failure reproduces.

#![cfg(not(target_arch = "wasm32"))]

use partner_model::rules::{Context, FIELD_RULES};
use partner_model::types::*;
use serde_json::Value;

/// xorshift64*: small, deterministic.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn char(&mut self) -> char {
        const SPECIAL: &[char] = &[
            '<', '>', '"', '\'', '\\', '@', '.', '-', ' ', '\u{3000}', '＆', '・', '\u{301}', '😀', '漢', '١', '\0',
            '\u{202e}',
        ];
        match self.below(4) {
            0 => SPECIAL[self.below(SPECIAL.len() as u64) as usize],
            1 => char::from_u32(self.below(0x11_0000) as u32).unwrap_or('?'),
            _ => (b' ' + self.below(95) as u8) as char,
        }
    }
    fn string(&mut self) -> String {
        let len = self.below(90);
        (0..len).map(|_| self.char()).collect()
    }
    fn json(&mut self, depth: u32) -> Value {
        const KEYS: &[&str] = &[
            "status",
            "orderType",
            "lineItems",
            "items",
            "accounts",
            "quantity",
            "offerId",
            "companyProfile",
            "benefits",
            "discounts",
            "autoRenewal",
            "links",
            "self",
            "code",
            "totalCount",
            "results",
            "current",
            "customerRef",
            "minimumQuantities",
            "type",
            "renewalQuantity",
            "x",
        ];
        match if depth > 3 { self.below(5) } else { self.below(8) } {
            0 => Value::Null,
            1 => Value::Bool(self.below(2) == 0),
            2 => Value::from(self.next() as i64),
            3 => Value::from(f64::from_bits(self.next()) % 1e6),
            4 => Value::String(self.string()),
            5 | 6 => Value::Object(
                (0..self.below(6))
                    .map(|_| (KEYS[self.below(KEYS.len() as u64) as usize].to_string(), self.json(depth + 1)))
                    .collect(),
            ),
            _ => Value::Array((0..self.below(4)).map(|_| self.json(depth + 1)).collect()),
        }
    }
}

fn decode_everything(text: &str) {
    macro_rules! try_all {
        ($($t:ty),*) => { $( if let Ok(v) = serde_json::from_str::<$t>(text) { let _ = serde_json::to_string(&v); } )* };
    }
    try_all!(
        Reseller,
        Customer,
        ResellerListPage,
        CustomerListPage,
        Order,
        OrderHistoryPage,
        Subscription,
        SubscriptionList,
        ResellerChangeTransfer,
        MembershipOffersPreview,
        MembershipTransfer,
        OpenAcquisitions,
        Notifications,
        LinkedMembershipGroupSearch,
        DistributorSubscriptionPage,
        OrderRequest,
        CustomerCreateRequest,
        partner_model::error::ApiErrorBody
    );
}

#[test]
fn arbitrary_bytes_and_json_never_panic_any_decoder() {
    let mut g = Gen(0x5eed_1234_abcd_0001);
    for _ in 0..3_000 {
        let bytes: Vec<u8> = (0..g.below(200)).map(|_| g.next() as u8).collect();
        decode_everything(&String::from_utf8_lossy(&bytes));
        decode_everything(&g.json(0).to_string());
    }
}

#[test]
fn every_validator_survives_arbitrary_strings() {
    let mut g = Gen(0x5eed_1234_abcd_0002);
    let countries = [None, Some("US"), Some("CA"), Some("JP"), Some("ZZ"), Some("")];
    for _ in 0..2_000 {
        let s = g.string();
        let country = countries[g.below(countries.len() as u64) as usize];
        for rule in FIELD_RULES {
            let _ = rule.validate(&s, &Context { country, region: country });
        }
        let _ = partner_model::config::parse(&s);
        let _ = partner_model::rules::email::is_email(&s);
    }
}
