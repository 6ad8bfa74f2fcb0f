//! The character sets of the documented name rules, exact to the API's regular expressions:
//! `[\p{L}\p{N}_ \u3000,.＆&・'()（）"/-]` for company names and
//! `[\p{L}\p{N}\-_ \u3000,.＆&'"]` for contact names.

use crate::text::{is_letter, is_number};

/// A set of allowed characters: Unicode letters and numbers plus listed punctuation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CharSet {
    /// What a reseller is told the set allows.
    pub description: &'static str,
    /// Punctuation and spaces allowed besides letters and numbers.
    pub extra: &'static [char],
}

impl CharSet {
    /// Whether `c` is in the set.
    pub fn contains(&self, c: char) -> bool {
        is_letter(c) || is_number(c) || self.extra.contains(&c)
    }

    /// The first character of `s` outside the set.
    pub fn first_outside(&self, s: &str) -> Option<char> {
        s.chars().find(|&c| !self.contains(c))
    }
}

/// `COMPANY_NAME_REGEX`'s class: U+3000 is the ideographic space, `＆` U+FF06, `・` U+30FB,
/// `（）` U+FF08/U+FF09.
pub const COMPANY_NAME: CharSet = CharSet {
    description: "letters, digits, spaces and _ , . & ＆ ・ ' ( ) （ ） \" / -",
    extra: &['_', ' ', '\u{3000}', ',', '.', '＆', '&', '・', '\'', '(', ')', '（', '）', '"', '/', '-'],
};

/// `NAME_REGEX`'s class (first and last names of contacts).
pub const PERSON_NAME: CharSet = CharSet {
    description: "letters, digits, spaces and - _ , . & ＆ ' \"",
    extra: &['-', '_', ' ', '\u{3000}', ',', '.', '＆', '&', '\'', '"'],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_names_allow_their_punctuation_only() {
        assert_eq!(COMPANY_NAME.first_outside("Fairmont & Sons, Ltd. (EU) ＆ 株式会社・テスト"), None);
        assert_eq!(COMPANY_NAME.first_outside("A+B"), Some('+'));
        assert_eq!(COMPANY_NAME.first_outside("<script>"), Some('<'));
        assert_eq!(PERSON_NAME.first_outside("O'Brien-Smith"), None);
        assert_eq!(PERSON_NAME.first_outside("A/B"), Some('/'), "slash is a company-name character only");
        assert_eq!(PERSON_NAME.first_outside("José\u{301}"), Some('\u{301}'), "combining marks are not letters");
    }
}
