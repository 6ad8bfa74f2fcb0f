//! A small backtracking matcher for the postal-code patterns of Google's address dataset, so the
//! crate needs no `regex` crate and no Unicode tables in wasm.
//!
//! It implements exactly the constructs those patterns use (listed in `data.rs`'s header):
//! literal characters, escaped punctuation (`\-`), `\d` (ASCII digits only), classes `[...]`
//! of characters, ranges and `\d` (not negated), groups `(...)` and `(?:...)`, alternation `|`,
//! the bounded quantifiers `?`, `{n}` and `{m,n}`, and the assertions `^`, `$` (Python's: the
//! end, or just before a final `\n`) and `\b` (ASCII word boundary). Anything else is a compile
//! error, never a panic. Matching is whole-string: the semantics of Python's
//! `re.fullmatch(pattern, value, re.ASCII)`.

use std::fmt;

/// Why a pattern did not compile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PatternError {
    /// Character offset in the pattern where the problem was seen.
    pub at: usize,
    /// What is wrong or unsupported there.
    pub what: &'static str,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unsupported postal pattern at {}: {}", self.at, self.what)
    }
}

impl std::error::Error for PatternError {}

/// A compiled postal-code pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    alts: Vec<Vec<Node>>,
    max_len: usize,
}

#[derive(Clone, Debug)]
enum Node {
    Lit(char),
    Digit,
    Class(Vec<Item>),
    Start,
    End,
    WordBoundary,
    Group(Vec<Vec<Node>>),
    Repeat(Box<Node>, usize, usize),
}

#[derive(Clone, Copy, Debug)]
enum Item {
    Range(char, char),
    Digit,
}

const MAX_DEPTH: usize = 16;
const MAX_REPEAT: usize = 64;
/// Punctuation that may be escaped to stand for itself.
const ESCAPABLE: &str = "-\\.^$|?*+()[]{}/ ";

impl Pattern {
    /// Compiles a pattern, or says what in it is outside the supported subset.
    pub fn compile(pattern: &str) -> Result<Pattern, PatternError> {
        let mut parser = Parser { s: pattern.chars().collect(), i: 0 };
        let alts = parser.alternation(0)?;
        if parser.i != parser.s.len() {
            return Err(parser.err("unbalanced ')'"));
        }
        let max_len = alts.iter().map(|seq| seq_max(seq)).max().unwrap_or(0);
        Ok(Pattern { alts, max_len })
    }

    /// Whether the pattern matches the whole of `value`.
    pub fn full_match(&self, value: &str) -> bool {
        let input: Vec<char> = value.chars().collect();
        // Every pattern is bounded, so a longer value cannot match; this also bounds recursion.
        if input.len() > self.max_len {
            return false;
        }
        let end = input.len();
        Matcher { input: &input }.alts(&self.alts, 0, &mut |p| p == end)
    }
}

fn seq_max(seq: &[Node]) -> usize {
    seq.iter().map(node_max).fold(0, usize::saturating_add)
}

fn node_max(node: &Node) -> usize {
    match node {
        Node::Lit(_) | Node::Digit | Node::Class(_) => 1,
        Node::Start | Node::End | Node::WordBoundary => 0,
        Node::Group(alts) => alts.iter().map(|seq| seq_max(seq)).max().unwrap_or(0),
        Node::Repeat(inner, _, max) => node_max(inner).saturating_mul(*max),
    }
}

struct Parser {
    s: Vec<char>,
    i: usize,
}

impl Parser {
    fn err(&self, what: &'static str) -> PatternError {
        PatternError { at: self.i, what }
    }

    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.i += 1;
        }
        hit
    }

    fn alternation(&mut self, depth: usize) -> Result<Vec<Vec<Node>>, PatternError> {
        if depth > MAX_DEPTH {
            return Err(self.err("groups nested too deeply"));
        }
        let mut alts = vec![self.sequence(depth)?];
        while self.eat('|') {
            alts.push(self.sequence(depth)?);
        }
        Ok(alts)
    }

    fn sequence(&mut self, depth: usize) -> Result<Vec<Node>, PatternError> {
        let mut seq = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom(depth)?;
            let (min, max) = match self.peek() {
                Some('?') => {
                    self.i += 1;
                    (0, 1)
                }
                Some('{') => self.bounds()?,
                _ => {
                    seq.push(atom);
                    continue;
                }
            };
            if matches!(atom, Node::Start | Node::End | Node::WordBoundary) {
                return Err(self.err("quantified assertion"));
            }
            if matches!(self.peek(), Some('?' | '+' | '*' | '{')) {
                return Err(self.err("lazy, possessive or repeated quantifier"));
            }
            seq.push(Node::Repeat(Box::new(atom), min, max));
        }
        Ok(seq)
    }

    /// `{n}` or `{m,n}`, with the `{` not yet consumed.
    fn bounds(&mut self) -> Result<(usize, usize), PatternError> {
        self.i += 1;
        let min = self.number()?;
        let max = if self.eat(',') { self.number()? } else { min };
        if !self.eat('}') {
            return Err(self.err("bad repetition"));
        }
        if min > max || max > MAX_REPEAT {
            return Err(self.err("bad repetition bounds"));
        }
        Ok((min, max))
    }

    fn number(&mut self) -> Result<usize, PatternError> {
        let start = self.i;
        let mut n = 0usize;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            if self.i - start >= 3 {
                return Err(self.err("repetition count too large"));
            }
            n = n * 10 + d as usize;
            self.i += 1;
        }
        if self.i == start {
            return Err(self.err("unbounded or malformed repetition"));
        }
        Ok(n)
    }

    fn atom(&mut self, depth: usize) -> Result<Node, PatternError> {
        let Some(c) = self.peek() else {
            return Err(self.err("unexpected end"));
        };
        self.i += 1;
        match c {
            '(' => {
                if self.eat('?') && !self.eat(':') {
                    return Err(self.err("group flag other than (?:"));
                }
                let alts = self.alternation(depth + 1)?;
                if !self.eat(')') {
                    return Err(self.err("unclosed group"));
                }
                Ok(Node::Group(alts))
            }
            '[' => self.class(),
            '\\' => match self.escape()? {
                Escaped::Digit => Ok(Node::Digit),
                Escaped::Boundary => Ok(Node::WordBoundary),
                Escaped::Lit(c) => Ok(Node::Lit(c)),
            },
            '^' => Ok(Node::Start),
            '$' => Ok(Node::End),
            '.' | '*' | '+' | '?' | '{' | '}' | ']' => {
                Err(PatternError { at: self.i - 1, what: "unsupported metacharacter" })
            }
            c => Ok(Node::Lit(c)),
        }
    }

    /// The character after a `\` (already consumed).
    fn escape(&mut self) -> Result<Escaped, PatternError> {
        let Some(e) = self.peek() else {
            return Err(self.err("trailing backslash"));
        };
        self.i += 1;
        match e {
            'd' => Ok(Escaped::Digit),
            'b' => Ok(Escaped::Boundary),
            e if ESCAPABLE.contains(e) => Ok(Escaped::Lit(e)),
            _ => Err(PatternError { at: self.i - 1, what: "unsupported escape" }),
        }
    }

    /// A class, with the `[` consumed.
    fn class(&mut self) -> Result<Node, PatternError> {
        match self.peek() {
            Some('^') => return Err(self.err("negated class")),
            Some(']') => return Err(self.err("empty class")),
            _ => {}
        }
        let mut items = Vec::new();
        while !self.eat(']') {
            let start = match self.class_char()? {
                None => {
                    items.push(Item::Digit);
                    continue;
                }
                Some(c) => c,
            };
            let is_range = self.peek() == Some('-') && self.s.get(self.i + 1).is_some_and(|&c| c != ']');
            if !is_range {
                items.push(Item::Range(start, start));
                continue;
            }
            self.i += 1;
            match self.class_char()? {
                Some(end) if end >= start => items.push(Item::Range(start, end)),
                _ => return Err(self.err("bad range")),
            }
        }
        Ok(Node::Class(items))
    }

    /// One class member: `Some(char)`, or `None` for `\d`.
    fn class_char(&mut self) -> Result<Option<char>, PatternError> {
        let Some(c) = self.peek() else {
            return Err(self.err("unclosed class"));
        };
        self.i += 1;
        match c {
            '\\' => match self.escape()? {
                Escaped::Digit => Ok(None),
                Escaped::Lit(c) => Ok(Some(c)),
                Escaped::Boundary => Err(self.err("\\b in a class")),
            },
            '[' => Err(self.err("'[' in a class")),
            c => Ok(Some(c)),
        }
    }
}

enum Escaped {
    Digit,
    Boundary,
    Lit(char),
}

struct Matcher<'a> {
    input: &'a [char],
}

impl Matcher<'_> {
    fn alts(&self, alts: &[Vec<Node>], pos: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
        for seq in alts {
            if self.seq(seq, pos, k) {
                return true;
            }
        }
        false
    }

    fn seq(&self, seq: &[Node], pos: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
        match seq.split_first() {
            None => k(pos),
            Some((first, rest)) => self.node(first, pos, &mut |p| self.seq(rest, p, k)),
        }
    }

    fn is_word(&self, pos: usize) -> bool {
        self.input.get(pos).is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_')
    }

    fn node(&self, node: &Node, pos: usize, k: &mut dyn FnMut(usize) -> bool) -> bool {
        let here = self.input.get(pos).copied();
        match node {
            Node::Lit(c) => here == Some(*c) && k(pos + 1),
            Node::Digit => here.is_some_and(|c| c.is_ascii_digit()) && k(pos + 1),
            Node::Class(items) => {
                let hit = here.is_some_and(|c| {
                    items.iter().any(|item| match item {
                        Item::Range(a, b) => (*a..=*b).contains(&c),
                        Item::Digit => c.is_ascii_digit(),
                    })
                });
                hit && k(pos + 1)
            }
            Node::Start => pos == 0 && k(pos),
            Node::End => {
                let end = self.input.len();
                (pos == end || (pos + 1 == end && here == Some('\n'))) && k(pos)
            }
            Node::WordBoundary => {
                let before = pos > 0 && self.is_word(pos - 1);
                before != self.is_word(pos) && k(pos)
            }
            Node::Group(alts) => self.alts(alts, pos, k),
            Node::Repeat(inner, min, max) => self.repeat(inner, *min, *max, 0, pos, k),
        }
    }

    /// Greedy: one more `inner` first, then the continuation. An iteration past `min` that
    /// consumes nothing is refused, so the recursion always ends.
    fn repeat(
        &self,
        inner: &Node,
        min: usize,
        max: usize,
        count: usize,
        pos: usize,
        k: &mut dyn FnMut(usize) -> bool,
    ) -> bool {
        if count < max
            && self
                .node(inner, pos, &mut |p| (p != pos || count < min) && self.repeat(inner, min, max, count + 1, p, k))
        {
            return true;
        }
        count >= min && k(pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, value: &str) -> bool {
        Pattern::compile(pattern).map(|p| p.full_match(value)).unwrap_or_else(|e| panic!("{pattern}: {e}"))
    }

    #[test]
    fn matches_the_whole_value_only() {
        assert!(m(r"\d{4,5}|\d{3}-\d{4}", "123-4567"));
        assert!(!m(r"\d{4,5}|\d{3}-\d{4}", "1234X"));
        assert!(!m(r"948[5-9]|949[0-8]", "9485ZZ"));
        assert!(m(r"(\d{5})(?:[ \-](\d{4}))?", "22162-1010"));
        assert!(!m(r"(\d{5})(?:[ \-](\d{4}))?", "22162-"));
        assert!(m(r"[\dA-Z]{3} ?[\dA-Z]{4}", "A65 F4E2"));
        assert!(!m(r"\d", "\u{663}"), "\\d is ASCII only");
    }

    #[test]
    fn anchors_and_boundaries_follow_python() {
        let bh = r"(?:^|\b)(?:1[0-2]|[1-9])\d{2}(?:$|\b)";
        assert!(m(bh, "317") && m(bh, "1234") && !m(bh, "317\n") && !m(bh, "1317"));
        assert!(!m("a$b", "ab") && !m("a^", "a"));
        assert!(m("(?:a|)b?", "") && m("(?:a?){3}", "a"));
    }

    #[test]
    fn refuses_what_it_does_not_implement() {
        for bad in [
            "a*",
            "a+",
            ".",
            "[^a]",
            "[]",
            r"\s",
            r"\w",
            "a{2,}",
            "a{,2}",
            "a??",
            "a{2}{3}",
            "(?i)a",
            "(a",
            "a)",
            "[a",
            r"\",
            "[b-a]",
            "^?",
            "a{65}",
            "a{1000}",
            "]",
            "((((((((((((((((((a))))))))))))))))))",
        ] {
            assert!(Pattern::compile(bad).is_err(), "{bad:?} should not compile");
        }
        assert_eq!(Pattern::compile("a*").err().map(|e| e.at), Some(1));
    }
}
