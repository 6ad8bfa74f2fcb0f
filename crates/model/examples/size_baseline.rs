//! Size baseline for `size_probe`: serde_json alone, which the app needs anyway.

/// Parses `text` as JSON and writes it back.
///
/// # Safety
/// `ptr` must point to `len` readable bytes (the probe is only ever measured, never called).
#[no_mangle]
pub unsafe extern "C" fn probe_decode(ptr: *const u8, len: usize) -> u32 {
    // SAFETY: the probe is only ever measured, never called.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| serde_json::to_string(&v).ok())
        .map(|s| s.len() as u32)
        .unwrap_or(0)
}
