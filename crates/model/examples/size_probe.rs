//! Size probe: a wasm module that uses all of the model (every type's decoder and encoder, every
//! field rule, the catalogs and the geo data). `bench-size --model` compares its brotli size
//! with `size_baseline` (serde_json alone) to measure what the crate costs in the browser.

use partner_model::rules::{Context, FIELD_RULES};
use partner_model::types::*;

fn input(ptr: *const u8, len: usize) -> &'static str {
    // SAFETY: the probe is only ever measured, never called.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// Decodes and re-encodes `text` as every response type; returns how many succeeded.
#[no_mangle]
pub extern "C" fn probe_decode(ptr: *const u8, len: usize) -> u32 {
    let text = input(ptr, len);
    let mut ok = 0;
    macro_rules! each {
        ($($t:ty),*) => { $( if let Ok(v) = serde_json::from_str::<$t>(text) { ok += serde_json::to_string(&v).map(|s| s.len() as u32).unwrap_or(0); } )* };
    }
    each!(
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
        ResellerCreateRequest,
        partner_model::error::ApiErrorBody
    );
    ok
}

/// Runs every field rule on `text`; returns how many passed.
#[no_mangle]
pub extern "C" fn probe_validate(ptr: *const u8, len: usize) -> u32 {
    let text = input(ptr, len);
    let ctx = Context { country: Some(text.get(..2).unwrap_or("US")), region: None };
    let mut passed = FIELD_RULES.iter().filter(|r| r.validate(text, &ctx).is_ok()).count() as u32;
    passed += partner_model::config::parse(text).is_ok() as u32;
    passed += partner_model::catalog::errors::error_code(text).map(|e| e.what_to_do.len() as u32).unwrap_or(0);
    passed += partner_model::geo::regions(text).len() as u32;
    passed
}
