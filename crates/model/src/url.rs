//! Percent-encoding of one path segment or query value, the same in the browser, the gateway
//! and the twin: RFC 3986's unreserved characters stay, every other byte is `%XX`.

/// `s` percent-encoded as one path segment or query value.
pub fn encode_component(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::encode_component;

    #[test]
    fn only_unreserved_characters_stay() {
        assert_eq!(encode_component("aZ09-_.~"), "aZ09-_.~");
        assert_eq!(encode_component("a b&c=d,é/"), "a%20b%26c%3Dd%2C%C3%A9%2F");
    }
}
