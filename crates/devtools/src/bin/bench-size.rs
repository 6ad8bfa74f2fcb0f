//! `bench-size PATH…`: the size of every file (directories are walked), raw, gzip -9 and
//! brotli -11, and their total — for a release `dist/`, what a first visit transfers (every
//! file the page loads: HTML, JS, wasm, CSS, config). A split build's page chunks
//! (`split-<hash>/split_<area>.wasm`, and the `chunk_…wasm` they share) load only when an area first
//! opens: they are listed after the first-load total, per area, with shared chunks as one line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn gzip(raw: &[u8]) -> usize {
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    w.write_all(raw).and_then(|_| w.finish()).map(|v| v.len()).unwrap_or(raw.len())
}

fn files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(files(&path)?);
        } else {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1000.0)
}

#[derive(Clone, Copy, Default)]
struct Size {
    raw: usize,
    gz: usize,
    br: usize,
}

impl Size {
    fn add(&mut self, other: Size) {
        self.raw += other.raw;
        self.gz += other.gz;
        self.br += other.br;
    }
}

fn main() -> ExitCode {
    let paths: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: bench-size PATH...");
        return ExitCode::from(2);
    }
    let mut list = Vec::new();
    for path in &paths {
        match if path.is_dir() { files(path) } else { Ok(vec![path.clone()]) } {
            Ok(found) => list.extend(found.into_iter().map(|f| (path.clone(), f))),
            Err(e) => {
                eprintln!("bench-size: cannot read {}: {e}", path.display());
                return ExitCode::from(1);
            }
        }
    }
    let row = |name: &str, s: Size| println!("{:<48} {:>12} {:>12} {:>12}", name, kb(s.raw), kb(s.gz), kb(s.br));
    println!("{:<48} {:>12} {:>12} {:>12}", "file", "raw", "gzip -9", "brotli -11");
    let (mut first, mut areas, mut shared) = (Size::default(), Vec::new(), (0, Size::default()));
    let mut languages = Vec::new();
    // Every file's size by its path below the site, for the areas' cold visits.
    let mut by_path = std::collections::BTreeMap::new();
    let mut split_areas = std::collections::BTreeMap::<String, Vec<String>>::new();
    for (root, path) in &list {
        // The release build's precompressed forms: the brotli column is what they hold.
        if path.extension().is_some_and(|e| e == "br") {
            continue;
        }
        let Ok(raw) = std::fs::read(path) else { continue };
        let name = if root == path {
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        } else {
            path.strip_prefix(root).unwrap_or(path).display().to_string()
        };
        let size = Size { raw: raw.len(), gz: gzip(&raw), br: partner_devtools::brotli_len(&raw) };
        by_path.insert(name.clone(), size);
        let file = name.rsplit('/').next().unwrap_or(&name);
        if file == "index.html" {
            split_areas = areas_of(&String::from_utf8_lossy(&raw));
        }
        if file.starts_with("split_") && file.ends_with(".wasm") {
            areas.push((file.trim_start_matches("split_").trim_end_matches(".wasm").to_string(), size));
        } else if name.starts_with("locales/") {
            // English is compiled in; its file is the catalog's source, never fetched.
            let language = file.trim_end_matches(".json");
            match language {
                "en" => {}
                // Asked for by name in a sandbox's tests, never offered.
                "en-XA" => languages.push(("en-XA (the pseudo-language, for tests)".to_string(), size)),
                _ => languages.push((language.to_string(), size)),
            }
        } else if file.starts_with("chunk_") && file.ends_with(".wasm") {
            shared.0 += 1;
            shared.1.add(size);
        } else {
            row(&name, size);
            first.add(size);
        }
    }
    row("total", first);
    if !areas.is_empty() {
        println!();
        println!("Loaded when an area first opens (its chunk, plus some of the shared ones):");
        for (area, size) in &areas {
            row(area, *size);
        }
        row(&format!("shared chunks ({})", n_files(shared.0)), shared.1);
    }
    if !split_areas.is_empty() {
        println!();
        println!("A cold visit of an area: the first load, and the area's chunk with every chunk it needs:");
        for (area, files) in &split_areas {
            let mut cold = first;
            for file in files {
                match by_path.get(file.as_str()) {
                    Some(size) => cold.add(*size),
                    None => {
                        eprintln!("bench-size: index.html names {file}, which is not in the build");
                        return ExitCode::from(1);
                    }
                }
            }
            row(&format!("{area} ({})", n_files(files.len())), cold);
        }
    }
    if !languages.is_empty() {
        println!();
        println!("Fetched when a language other than English is chosen (one file each):");
        for (language, size) in &languages {
            row(language, *size);
        }
    }
    ExitCode::SUCCESS
}

/// Each area's files, from the split's table that `index.html` carries (`const split = {…};`,
/// filled by `partner-split finish`); none for a build that is not split.
fn areas_of(html: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Split {
        #[serde(default)]
        areas: std::collections::BTreeMap<String, Vec<String>>,
    }
    html.lines()
        .find_map(|line| line.trim().strip_prefix("const split = ")?.strip_suffix(';'))
        .and_then(|table| serde_json::from_str::<Split>(table).ok())
        .map(|split| split.areas)
        .unwrap_or_default()
}

/// "1 file", "8 files".
fn n_files(n: usize) -> String {
    if n == 1 {
        "1 file".to_string()
    } else {
        format!("{n} files")
    }
}
