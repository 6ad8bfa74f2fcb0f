//! Numbers as the reseller's browser writes them, through `Intl` (js-sys): money with its
//! currency. Outside a browser (native unit tests) a plain form stands in.

/// `value` in `currency` ("1,234.50 US$", "¥1,235", "1.234,50 €": the browser's locale decides).
pub fn money(value: f64, currency: &str) -> String {
    browser_money(value, currency).unwrap_or_else(|| plain_money(value, currency))
}

/// The API's decimal (`serde_json::Number`) in `currency`; "—" when there is none.
pub fn money_of(value: Option<&serde_json::Number>, currency: &str) -> String {
    value.and_then(serde_json::Number::as_f64).map_or_else(|| "—".into(), |v| money(v, currency))
}

/// Two decimals (none for yen) and the currency code: what shows when `Intl` is not there.
pub fn plain_money(value: f64, currency: &str) -> String {
    if currency == "JPY" {
        format!("{value:.0} {currency}")
    } else {
        format!("{value:.2} {currency}")
    }
}

#[cfg(target_arch = "wasm32")]
fn browser_money(value: f64, currency: &str) -> Option<String> {
    use js_sys::{Array, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;
    // A currency code the browser does not know throws a RangeError: keep to ISO's shape.
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let options = Object::new();
    Reflect::set(&options, &"style".into(), &"currency".into()).ok()?;
    Reflect::set(&options, &"currency".into(), &currency.into()).ok()?;
    let format = Intl::NumberFormat::new(&Array::new(), &options).format();
    format.call1(&JsValue::UNDEFINED, &value.into()).ok()?.as_string()
}

#[cfg(not(target_arch = "wasm32"))]
fn browser_money(_: f64, _: &str) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_money_has_the_currency_and_its_decimals() {
        assert_eq!(money(1234.5, "USD"), "1234.50 USD");
        assert_eq!(plain_money(1234.5, "JPY"), "1234 JPY");
        assert_eq!(money_of(None, "EUR"), "—");
    }
}
