//! `bench-size PATH…`: the size of every file (directories are walked), raw, gzip -9 and
//! brotli -11, and their total — for a release `dist/`, what a first visit transfers (every
//! file the page loads: HTML, JS, wasm, CSS, config).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn gzip(raw: &[u8]) -> usize {
    let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    w.write_all(raw).and_then(|_| w.finish()).map(|v| v.len()).unwrap_or(raw.len())
}

fn brotli(raw: &[u8]) -> usize {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 24);
        if w.write_all(raw).is_err() {
            return raw.len();
        }
    }
    out.len()
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
    println!("{:<48} {:>12} {:>12} {:>12}", "file", "raw", "gzip -9", "brotli -11");
    let (mut raw_total, mut gz_total, mut br_total) = (0, 0, 0);
    for (root, path) in &list {
        let Ok(raw) = std::fs::read(path) else { continue };
        let name = if root == path {
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        } else {
            path.strip_prefix(root).unwrap_or(path).display().to_string()
        };
        let (gz, br) = (gzip(&raw), brotli(&raw));
        println!("{:<48} {:>12} {:>12} {:>12}", name, kb(raw.len()), kb(gz), kb(br));
        raw_total += raw.len();
        gz_total += gz;
        br_total += br;
    }
    println!("{:<48} {:>12} {:>12} {:>12}", "total", kb(raw_total), kb(gz_total), kb(br_total));
    ExitCode::SUCCESS
}
