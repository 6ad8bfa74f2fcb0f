//! `bench-weight MODULE.wasm [TOP]`: where a wasm module's bytes go, read from its function
//! names (the `name` section, demangled as wasm-bindgen leaves them). Prints the module's size
//! raw and brotli -11 without its custom sections, then its code and data by kind — decoding,
//! routing, views, reactivity, formatting, the console's own functions, … (the first kind whose
//! pattern a function's name matches) — then the TOP (default 25) largest generic functions,
//! their copies (monomorphisations) added up. A benchmark: it prints figures and asserts nothing.
//!
//! `scripts/bench-weight` builds the console unsplit with its names and runs this on it.

use std::collections::HashMap;
use std::process::ExitCode;

/// The kinds, in the order they are tried, with the name fragments that put a function in them.
const KINDS: &[(&str, &[&str])] = &[
    (
        "decoding and encoding (serde, the client's decoders)",
        &["serde", "Deserialize", "Serialize", "deserialize", "serialize", "visit_", "Client<T>::run::{{closure}}"],
    ),
    ("sorting (core::slice::sort)", &["slice::sort"]),
    ("routing (leptos_router)", &["leptos_router"]),
    ("views drawn when data comes (Suspend, resources)", &["ScopedFuture", "async_derived", "suspense"]),
    ("views (tachys)", &["tachys"]),
    ("reactivity (reactive_graph)", &["reactive_graph"]),
    ("formatting (core::fmt)", &["fmt::", "Display", "Debug"]),
    ("the model (partner_model)", &["partner_model"]),
    ("the console's own functions", &["partner_console"]),
    ("closures (call_once, vtable shims)", &["call_once"]),
];

/// A module's functions (name, body bytes) and the bytes of its data segments.
struct Weights {
    functions: Vec<(String, usize)>,
    data: usize,
    /// The module without custom sections (names, producers, debug info).
    shipped: Vec<u8>,
}

/// An unsigned LEB128 number at `at`, and where it ends.
fn leb(bytes: &[u8], mut at: usize) -> Result<(usize, usize), String> {
    let (mut value, mut shift) = (0usize, 0);
    loop {
        let byte = *bytes.get(at).ok_or("the module ends inside a number")?;
        at += 1;
        value |= usize::from(byte & 0x7f).checked_shl(shift).ok_or("a number is too large")?;
        shift += 7;
        if byte < 0x80 {
            return Ok((value, at));
        }
    }
}

/// A name (length-prefixed UTF-8) at `at`, and where it ends.
fn name(bytes: &[u8], at: usize) -> Result<(String, usize), String> {
    let (len, start) = leb(bytes, at)?;
    let text = bytes.get(start..start.saturating_add(len)).ok_or("the module ends inside a name")?;
    Ok((String::from_utf8_lossy(text).into_owned(), start + text.len()))
}

fn read(bytes: &[u8]) -> Result<Weights, String> {
    if bytes.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
        return Err("not a wasm module (version 1)".into());
    }
    let (mut imported, mut sizes, mut names, mut data) = (0, Vec::new(), HashMap::new(), 0);
    let mut shipped = bytes[..8].to_vec();
    let mut at = 8;
    while at < bytes.len() {
        let kind = bytes[at];
        let (size, body) = leb(bytes, at + 1)?;
        let end = body.checked_add(size).filter(|e| *e <= bytes.len()).ok_or("a section runs past the end")?;
        match kind {
            0 => {
                let (section, mut p) = name(bytes, body)?;
                while section == "name" && p < end {
                    let sub = bytes[p];
                    let (len, start) = leb(bytes, p + 1)?;
                    if sub == 1 {
                        let (count, mut q) = leb(bytes, start)?;
                        for _ in 0..count {
                            let (index, r) = leb(bytes, q)?;
                            let (text, r) = name(bytes, r)?;
                            names.insert(index, text);
                            q = r;
                        }
                    }
                    p = start.saturating_add(len);
                }
            }
            2 => {
                let (count, mut p) = leb(bytes, body)?;
                for _ in 0..count {
                    let (_, r) = name(bytes, p)?;
                    let (_, r) = name(bytes, r)?;
                    let what = *bytes.get(r).ok_or("the module ends inside an import")?;
                    p = r + 1;
                    // What follows the kind: a type index, a table, limits, or a global type.
                    let limits = |p: usize| -> Result<usize, String> {
                        let flags = *bytes.get(p).ok_or("the module ends inside limits")?;
                        let (_, p) = leb(bytes, p + 1)?;
                        if flags & 1 == 1 {
                            Ok(leb(bytes, p)?.1)
                        } else {
                            Ok(p)
                        }
                    };
                    p = match what {
                        0 => {
                            imported += 1;
                            leb(bytes, p)?.1
                        }
                        1 => limits(p + 1)?,
                        2 => limits(p)?,
                        3 => p + 2,
                        other => return Err(format!("an import of unknown kind {other}")),
                    };
                }
            }
            10 => {
                let (count, mut p) = leb(bytes, body)?;
                for _ in 0..count {
                    let (len, start) = leb(bytes, p)?;
                    sizes.push(len.saturating_add(start - p));
                    p = start.saturating_add(len);
                }
            }
            11 => data = size,
            _ => {}
        }
        if kind != 0 {
            shipped.extend_from_slice(&bytes[at..end]);
        }
        at = end;
    }
    let functions = sizes
        .into_iter()
        .enumerate()
        .map(|(i, size)| {
            let name = names.remove(&(imported + i)).unwrap_or_else(|| format!("function {}", imported + i));
            // wasm-bindgen demangles the names it keeps; a split module (PARTNER_SPLIT_KEEP)
            // still has rustc's.
            (format!("{:#}", rustc_demangle::demangle(&name)), size)
        })
        .collect();
    Ok(Weights { functions, data, shipped })
}

/// The function's name without rustc's hash (`…::h0123456789abcdef`): its copies share it.
fn generic(name: &str) -> &str {
    match name.rsplit_once("::h") {
        Some((head, hash)) if hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()) => head,
        _ => name,
    }
}

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1000.0)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: bench-weight MODULE.wasm [TOP]");
        return ExitCode::from(2);
    };
    let top = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(25);
    let weights = match std::fs::read(path).map_err(|e| e.to_string()).and_then(|b| read(&b)) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("bench-weight: {path}: {e}");
            return ExitCode::from(1);
        }
    };
    if weights.functions.iter().all(|(n, _)| n.starts_with("function ")) {
        eprintln!("bench-weight: {path} has no function names: build it without stripping them");
        return ExitCode::from(1);
    }
    let code: usize = weights.functions.iter().map(|(_, s)| s).sum();
    let total = code + weights.data;
    println!(
        "{path}: {} raw, {} brotli -11 (without custom sections); code {}, data {}",
        kb(weights.shipped.len()),
        kb(partner_devtools::brotli_len(&weights.shipped)),
        kb(code),
        kb(weights.data)
    );
    let mut kinds: Vec<(&str, usize, usize)> = KINDS.iter().map(|(k, _)| (*k, 0, 0)).collect();
    kinds.push(("the standard library and the rest", 0, 0));
    for (name, size) in &weights.functions {
        let at = KINDS.iter().position(|(_, pats)| pats.iter().any(|p| name.contains(p))).unwrap_or(KINDS.len());
        kinds[at].1 += size;
        kinds[at].2 += 1;
    }
    kinds.push(("data (texts, tables)", weights.data, 1));
    kinds.sort_by_key(|k| std::cmp::Reverse(k.1));
    println!("\n{:<56} {:>12} {:>7} {:>10}", "kind (code by function name; data)", "raw", "share", "functions");
    for (kind, size, count) in &kinds {
        println!("{kind:<56} {:>12} {:>6.1}% {count:>10}", kb(*size), *size as f64 * 100.0 / total as f64);
    }
    let mut groups: HashMap<&str, (usize, usize)> = HashMap::new();
    for (name, size) in &weights.functions {
        let entry = groups.entry(generic(name)).or_default();
        entry.0 += size;
        entry.1 += 1;
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(b.0)));
    println!("\n{:>12} {:>7}  the {top} largest functions, copies of a generic one added up", "raw", "copies");
    for (name, (size, copies)) in groups.into_iter().take(top) {
        let shown: String = name.chars().take(150).collect();
        println!("{:>12} {copies:>7}  {shown}", kb(size));
    }
    ExitCode::SUCCESS
}
