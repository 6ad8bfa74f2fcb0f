//! Character classes of the documented field rules, with the exact Unicode meaning the API's
//! regular expressions give them (`\p{L}`, `\p{N}`), without a regex engine's tables: the
//! categories' code point ranges, which `build.rs` takes from `unicode-properties`.

mod classes {
    include!(concat!(env!("OUT_DIR"), "/classes.rs"));
}

/// Whether `c` falls in one of `ranges` (sorted, not overlapping).
fn within(ranges: &[(u32, u32)], c: char) -> bool {
    let cp = u32::from(c);
    ranges
        .binary_search_by(|&(first, last)| {
            if last < cp {
                std::cmp::Ordering::Less
            } else if first > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `\p{L}`: any character of Unicode general category L (letters).
pub fn is_letter(c: char) -> bool {
    within(&classes::LETTERS, c)
}

/// `\p{N}`: any character of Unicode general category N (numbers of every script).
pub fn is_number(c: char) -> bool {
    within(&classes::NUMBERS, c)
}

/// Length as the API counts it: Unicode code points, not UTF-16 units and not bytes.
pub fn length(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_of_every_script_are_letters_and_marks_are_not() {
        for c in ['a', 'Z', 'é', 'ß', 'ж', 'ع', '漢', 'カ', 'ㄱ'] {
            assert!(is_letter(c), "{c:?} is a letter");
        }
        // A combining acute accent is a mark (Mn), a Roman numeral is a number (Nl).
        for c in ['\u{301}', 'Ⅻ', '1', '-', ' ', '😀', '<'] {
            assert!(!is_letter(c), "{c:?} is not a letter");
        }
    }

    #[test]
    fn numbers_include_other_scripts_digits() {
        for c in ['0', '٣', '५', 'Ⅻ', '½'] {
            assert!(is_number(c), "{c:?} is a number");
        }
        assert!(!is_number('a'));
    }

    #[test]
    fn the_ranges_say_what_the_category_table_says_for_every_code_point() {
        use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let group = c.general_category_group();
            assert_eq!(is_letter(c), group == GeneralCategoryGroup::Letter, "{c:?}");
            assert_eq!(is_number(c), group == GeneralCategoryGroup::Number, "{c:?}");
        }
    }

    #[test]
    fn length_counts_code_points() {
        assert_eq!(length("😀é"), 2);
        assert_eq!(length("e\u{301}"), 2);
        assert_eq!(length(""), 0);
    }
}
