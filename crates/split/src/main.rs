//! The release build's split, through the public interfaces of the tools it uses.
//!
//! `scripts/build-release` builds this tool, then Trunk builds the console:
//!
//! 1. **`partner-split split LINKED DIR`** runs from `scripts/split-linker` once rust-lld has
//!    linked the console (with relocations: the `split` feature). [`wasm_split_cli_support`]'s
//!    library splits the module at the split points of `src/split.rs`; the main module takes the
//!    linked file's place, so Trunk hands it to wasm-bindgen as usual. Every other file goes to
//!    one directory, `split-<hash of the linked module>/`, named by its content as a whole: the
//!    chunks and their loader then never need renaming and are cached forever.
//! 2. **`partner-split finish`** is Trunk's post_build hook (`scripts/split-finish`): it copies
//!    that directory into the site, writes the module the loader takes the main module's exports
//!    from, fills `index.html`'s `const split = {};` with what its early start needs, and
//!    writes every file's brotli form at brotli's best setting next to it (`NAME.br`), which the
//!    gateway serves as it is: the best setting takes seconds, too long for each server start,
//!    and a cold visit of the customer hub then transfers 367.4 KB instead of 418.7 (the home
//!    page 227.2 instead of 256.7; `bench-browser`, 2026-12-03).
//!
//! No generated file is edited. wasm-bindgen (run by Trunk, which cannot pass it
//! `--keep-lld-exports`) drops the function table's export that the loader reads; the main
//! module therefore also exports the table as `__wasm_split_table`, and the loader's
//! `main_module` (the adapter written by `finish`) hands it over under the loader's name. The
//! modules keep `target_features`, from which wasm-bindgen reads the features they were built
//! with; the names, relocations and linking data the split needed leave them.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};

/// The chunks' loader, written by the splitter; the main module imports it.
const LOADER: &str = "__wasm_split.js";
/// The module the loader imports `initSync` from (`Options::main_module`), written by `finish`
/// next to it.
const ADAPTER: &str = "main.js";
const MAIN_MODULE: &str = "./main.js";
/// What `split` tells `finish`, in the split directory.
const MANIFEST: &str = "split.json";
/// The function table's export as rust-lld names it, which the loader reads.
const TABLE: &str = "__indirect_function_table";
/// Its second name, which wasm-bindgen leaves alone.
const TABLE_EXPORT: &str = "__wasm_split_table";
/// Where `index.html`'s early start takes the split's files (empty in a build that is not split).
const PLACEHOLDER: &str = "const split = {};";

/// What `index.html` needs to start a deep link's area early.
#[derive(Serialize, Deserialize)]
struct Manifest {
    /// The directory of the split's files, relative to the site.
    dir: String,
    /// The loader and its adapter, for `<link rel="modulepreload">`: the app's glue imports the
    /// loader, so without it the main module would wait for two more round trips.
    modules: Vec<String>,
    /// Each area's files (its own chunk and every chunk it needs), relative to the site.
    areas: BTreeMap<String, Vec<String>>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let done = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["split", linked, dir] => split(Path::new(linked), Path::new(dir)),
        ["finish"] => finish(),
        _ => Err("usage: partner-split split LINKED.wasm DIR | partner-split finish".to_string()),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("partner-split: {e}");
            ExitCode::FAILURE
        }
    }
}

fn split(linked: &Path, out: &Path) -> Result<(), String> {
    let input = read(linked)?;
    // Same linked module, same outputs: its hash names everything the split writes.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    input.hash(&mut hasher);
    let dir = format!("split-{:016x}", hasher.finish());
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out.join(&dir)).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    // The main module imports the loader from here, relative to the app's glue; the splitter
    // writes the loader at the same path below `out`.
    let link_name = format!("./{dir}/{LOADER}");
    let main_out = out.join("main.wasm");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = out;
    options.main_out_path = &main_out;
    options.link_name = &link_name;
    options.main_module = MAIN_MODULE;
    options.target.web();
    let result =
        wasm_split_cli_support::transform(options).map_err(|e| format!("splitting {}: {e:#}", linked.display()))?;

    if let Some(keep) = std::env::var_os("PARTNER_SPLIT_KEEP") {
        // For comparing builds chunk by chunk: the modules with their names.
        let keep = PathBuf::from(keep);
        let _ = std::fs::remove_dir_all(&keep);
        std::fs::create_dir_all(&keep).map_err(|e| format!("cannot create {}: {e}", keep.display()))?;
        for path in result.split_modules.iter().chain([&main_out]) {
            let name = path.file_name().unwrap_or_default();
            std::fs::copy(path, keep.join(name)).map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }

    for path in &result.split_modules {
        let name = path.file_name().ok_or_else(|| format!("{} has no file name", path.display()))?;
        write(&out.join(&dir).join(name), &finished(&read(path)?, false)?)?;
        std::fs::remove_file(path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    write(linked, &finished(&read(&main_out)?, true)?)?;
    std::fs::remove_file(&main_out).map_err(|e| format!("cannot remove {}: {e}", main_out.display()))?;

    let mut areas = BTreeMap::new();
    for (area, stems) in result.prefetch_map {
        let mut files = Vec::new();
        for stem in stems {
            let file = format!("{dir}/{stem}.wasm");
            if !out.join(&file).is_file() {
                return Err(format!("area {area} needs {file}, which the split did not write"));
            }
            files.push(file);
        }
        areas.insert(area, files);
    }
    if areas.is_empty() {
        return Err("the module has no split point: is the `split` feature on?".to_string());
    }
    let modules = vec![format!("{dir}/{LOADER}"), format!("{dir}/{ADAPTER}")];
    let manifest = Manifest { dir, modules, areas };
    write(&out.join(MANIFEST), serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?.as_bytes())
}

/// A split module as it ships: without the custom sections only the split needed (names,
/// relocations, linking, producers, debug info); for the main module, with the function table
/// also exported as [`TABLE_EXPORT`]. `PARTNER_SPLIT_NAMES` set keeps the functions' names, for
/// a CPU profile of the running console that names them (`bench-lighthouse`'s kept traces).
///
/// A chunk's code is written again through wasm-encoder's documented [`Reencode`]: the splitter
/// copies each function as the linker left it, whose calls and addresses are five-byte LEB128
/// numbers (padded, so relocations could patch them in place), where the main module's pass
/// through wasm-bindgen writes them at their shortest. Written again, every number takes the
/// bytes it needs.
fn finished(module: &[u8], main: bool) -> Result<Vec<u8>, String> {
    let bad = |e: wasmparser::BinaryReaderError| format!("reading a split module: {e}");
    let mut out = wasm_encoder::Module::new();
    let mut table = false;
    let keep_names = std::env::var_os("PARTNER_SPLIT_NAMES").is_some();
    for payload in wasmparser::Parser::new(0).parse_all(module) {
        let payload = payload.map_err(bad)?;
        if let wasmparser::Payload::CustomSection(section) = &payload {
            let name = section.name();
            if (name == "name" && !keep_names)
                || matches!(name, "linking" | "producers")
                || name.starts_with("reloc.")
                || name.starts_with(".debug")
            {
                continue;
            }
        }
        if let (true, wasmparser::Payload::ExportSection(reader)) = (main, &payload) {
            let mut exports = wasm_encoder::ExportSection::new();
            for export in reader.clone() {
                let export = export.map_err(bad)?;
                let kind = match export.kind {
                    wasmparser::ExternalKind::Func => wasm_encoder::ExportKind::Func,
                    wasmparser::ExternalKind::Table => wasm_encoder::ExportKind::Table,
                    wasmparser::ExternalKind::Memory => wasm_encoder::ExportKind::Memory,
                    wasmparser::ExternalKind::Global => wasm_encoder::ExportKind::Global,
                    wasmparser::ExternalKind::Tag => wasm_encoder::ExportKind::Tag,
                    other => return Err(format!("the main module exports {:?} {other:?}", export.name)),
                };
                exports.export(export.name, kind, export.index);
                if export.name == TABLE && kind == wasm_encoder::ExportKind::Table {
                    exports.export(TABLE_EXPORT, kind, export.index);
                    table = true;
                }
            }
            out.section(&exports);
            continue;
        }
        if let Some((id, range)) = payload.as_section() {
            let range =
                usize::try_from(range.start).unwrap_or(usize::MAX)..usize::try_from(range.end).unwrap_or(usize::MAX);
            let offset = range.start as u64;
            let data = module.get(range).ok_or("a section reaches past the module's end")?;
            if !main && matches!(payload, wasmparser::Payload::CodeSectionStart { .. }) {
                // A chunk's code, written again: see the function's docs.
                let reader =
                    wasmparser::CodeSectionReader::new(wasmparser::BinaryReader::new(data, offset)).map_err(bad)?;
                let mut code = wasm_encoder::CodeSection::new();
                RoundtripReencoder
                    .parse_code_section(&mut code, reader)
                    .map_err(|e| format!("writing a split module's code again: {e}"))?;
                out.section(&code);
                continue;
            }
            out.section(&wasm_encoder::RawSection { id, data });
        }
    }
    if main && !table {
        return Err(format!("the main module does not export its function table as {TABLE}"));
    }
    Ok(out.finish())
}

/// Trunk's post_build hook of a split build: the split's files into the site, the loader's
/// adapter, and `index.html`'s early start.
fn finish() -> Result<(), String> {
    let var = |name: &str| std::env::var_os(name).map(PathBuf::from).ok_or(format!("${name} is not set"));
    let staging = var("TRUNK_STAGING_DIR")?;
    let split_dir = var("PARTNER_SPLIT_DIR")?;
    let manifest: Manifest = serde_json::from_slice(&read(&split_dir.join(MANIFEST))?)
        .map_err(|e| format!("{}: {e}", split_dir.join(MANIFEST).display()))?;

    // The app's glue, `partner-console-<hash>.js` (Trunk's name for it), must import this
    // split's loader: a manifest left by an earlier build would name another directory.
    let mut glue = Vec::new();
    for entry in std::fs::read_dir(&staging).map_err(|e| format!("cannot list {}: {e}", staging.display()))? {
        let name = entry.map_err(|e| e.to_string())?.file_name().to_string_lossy().into_owned();
        if name.starts_with("partner-console-") && name.ends_with(".js") {
            glue.push(name);
        }
    }
    let [glue] = &glue[..] else {
        return Err(format!("expected one partner-console-<hash>.js in {}, found {glue:?}", staging.display()));
    };
    let loader = format!("./{}/{LOADER}", manifest.dir);
    if !String::from_utf8_lossy(&read(&staging.join(glue))?).contains(&loader) {
        return Err(format!("{glue} does not import {loader}: the split files are not this build's"));
    }

    let target = staging.join(&manifest.dir);
    std::fs::create_dir_all(&target).map_err(|e| format!("cannot create {}: {e}", target.display()))?;
    for entry in std::fs::read_dir(split_dir.join(&manifest.dir)).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().unwrap_or_default();
        std::fs::copy(&path, target.join(name)).map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
    }
    let adapter = format!(
        "// The main module's exports for the split chunks' loader, written by partner-split: the\n\
         // function table under the name the loader reads (wasm-bindgen keeps only its second name).\n\
         import {{ initSync as start }} from \"../{glue}\";\n\
         export function initSync() {{\n    \
             const exports = start();\n    \
             return {{ ...exports, {TABLE}: exports.{TABLE_EXPORT} }};\n\
         }}\n"
    );
    write(&target.join(ADAPTER), adapter.as_bytes())?;

    let html_path = staging.join("index.html");
    let html = String::from_utf8(read(&html_path)?).map_err(|e| format!("index.html: {e}"))?;
    if html.matches(PLACEHOLDER).count() != 1 {
        return Err(format!("index.html must hold `{PLACEHOLDER}` once, for the early start"));
    }
    let filled = format!("const split = {};", serde_json::to_string(&manifest).map_err(|e| e.to_string())?);
    write(&html_path, html.replacen(PLACEHOLDER, &filled, 1).as_bytes())?;
    precompress(&staging)
}

/// Writes `NAME.br` next to every file under `dir` worth compressing, when it is smaller:
/// brotli's best setting (quality 11, a 16 MB window). Left out: `index.html`, into which the
/// server puts a fresh nonce for every response, and `config.json`, which operators edit after
/// the build (the server would then ignore a stale form, but compress the file at every start).
fn precompress(dir: &Path) -> Result<(), String> {
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
            let worth = matches!(extension, "wasm" | "js" | "css" | "json" | "svg");
            if !worth || path.file_name().is_some_and(|name| name == "index.html" || name == "config.json") {
                continue;
            }
            let raw = read(&path)?;
            if raw.len() <= 256 {
                continue;
            }
            let mut compressed = Vec::new();
            let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
            brotli::BrotliCompress(&mut &raw[..], &mut compressed, &params)
                .map_err(|e| format!("cannot compress {}: {e}", path.display()))?;
            if compressed.len() < raw.len() {
                let mut name = path.clone().into_os_string();
                name.push(".br");
                write(Path::new(&name), &compressed)?;
            }
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn write(path: &Path, data: &[u8]) -> Result<(), String> {
    std::fs::write(path, data).map_err(|e| format!("cannot write {}: {e}", path.display()))
}
