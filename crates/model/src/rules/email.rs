//! The documented email rule (`EMAIL_REGEX`, the RFC 5322 expression of emailregex.com),
//! matched exactly without a regex engine. ASCII only, as the expression is.
//!
//! ```text
//! local  = dot-atom | quoted          dot-atom = atext+ ("." atext+)*
//! domain = label ("." label)+  |  "[" octet "." octet "." octet "." (octet | tag ":" content) "]"
//! ```

fn atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c)
}

/// `[\x01-\x08\x0b\x0c\x0e-\x1f\x21\x23-\x5b\x5d-\x7f]`: inside quotes, without escape.
fn qtext(c: char) -> bool {
    matches!(c as u32, 0x01..=0x08 | 0x0b | 0x0c | 0x0e..=0x1f | 0x21 | 0x23..=0x5b | 0x5d..=0x7f)
}

/// `[\x01-\x09\x0b\x0c\x0e-\x7f]`: what may follow a backslash.
fn quoted_pair(c: char) -> bool {
    matches!(c as u32, 0x01..=0x09 | 0x0b | 0x0c | 0x0e..=0x7f)
}

/// `[\x01-\x08\x0b\x0c\x0e-\x1f\x21-\x5a\x53-\x7f]`: the address-literal content class.
fn literal_text(c: char) -> bool {
    matches!(c as u32, 0x01..=0x08 | 0x0b | 0x0c | 0x0e..=0x1f | 0x21..=0x7f)
}

/// Whether `s`, whole, matches the documented email expression.
pub fn is_email(s: &str) -> bool {
    let Some(rest) = local_part_end(s) else { return false };
    match rest.strip_prefix('@') {
        Some(domain) => is_domain(domain),
        None => false,
    }
}

/// Consumes the local part; returns what follows it.
fn local_part_end(s: &str) -> Option<&str> {
    if let Some(mut rest) = s.strip_prefix('"') {
        loop {
            let mut chars = rest.chars();
            match chars.next()? {
                '"' => return Some(chars.as_str()),
                '\\' => {
                    let escaped = chars.next()?;
                    if !quoted_pair(escaped) {
                        return None;
                    }
                }
                c if qtext(c) => {}
                _ => return None,
            }
            rest = chars.as_str();
        }
    }
    let end = s.find('@').unwrap_or(s.len());
    let local = &s[..end];
    let atoms_ok = local.split('.').all(|atom| !atom.is_empty() && atom.chars().all(atext));
    atoms_ok.then_some(&s[end..])
}

fn is_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && bytes.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-')
        }
        _ => false,
    }
}

fn is_domain(domain: &str) -> bool {
    if let Some(literal) = domain.strip_prefix('[') {
        return literal.strip_suffix(']').is_some_and(is_address_literal);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2 && labels.iter().all(|l| is_label(l))
}

/// `25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?`, whole.
fn is_octet(s: &str) -> bool {
    let b = s.as_bytes();
    if b.is_empty() || b.len() > 3 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    b.len() < 3 || b[0] <= b'1' || (b[0] == b'2' && (b[1] <= b'4' || (b[1] == b'5' && b[2] <= b'5')))
}

/// The text between `[` and the final `]`.
fn is_address_literal(inner: &str) -> bool {
    let mut parts = inner.splitn(4, '.');
    for _ in 0..3 {
        match parts.next() {
            Some(octet) if is_octet(octet) => {}
            _ => return false,
        }
    }
    let Some(last) = parts.next() else { return false };
    if is_octet(last) {
        return true;
    }
    // `[a-zA-Z0-9-]*[a-zA-Z0-9]:` then one or more content tokens.
    let Some((tag, content)) = last.split_once(':') else { return false };
    let tag_ok = tag.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric())
        && tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    tag_ok && is_literal_content(content)
}

/// One or more of `literal_text` or `\` + `quoted_pair`, in any split (a small DP, because a
/// backslash is both a plain character and an escape).
fn is_literal_content(content: &str) -> bool {
    let chars: Vec<char> = content.chars().collect();
    if chars.is_empty() {
        return false;
    }
    let mut ok = vec![false; chars.len() + 1];
    ok[0] = true;
    for i in 1..=chars.len() {
        ok[i] = (ok[i - 1] && literal_text(chars[i - 1]))
            || (i >= 2 && ok[i - 2] && chars[i - 2] == '\\' && quoted_pair(chars[i - 1]));
    }
    ok[chars.len()]
}

#[cfg(test)]
mod tests {
    use super::is_email;

    #[test]
    fn ordinary_addresses() {
        for ok in [
            "jane.doe@example.com",
            "a@b.co",
            "x+tag@sub-domain.example.org",
            "o'brien@example.ie",
            "\"john\\ doe\"@example.com",
            "\"a\\\"b\"@example.com",
            "user@[192.168.0.1]",
            "user@[1.2.3.ab-1:x]",
        ] {
            assert!(is_email(ok), "{ok}");
        }
    }

    #[test]
    fn refused_addresses() {
        for bad in [
            "",
            "plain",
            "@example.com",
            "a@",
            "a@b",
            "a..b@example.com",
            ".a@example.com",
            "a.@example.com",
            "a@-b.com",
            "a@b-.com",
            "a@b..com",
            "a b@example.com",
            "jané@example.com",
            "a@exämple.com",
            "a@[256.1.1.1]",
            "a@[1.2.3]",
            "a@[1.2.3.4",
            "\"unterminated@example.com",
            "a@example.com ",
            "<a@example.com>",
            "a@b.c_m",
            "\"john doe\"@example.com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
