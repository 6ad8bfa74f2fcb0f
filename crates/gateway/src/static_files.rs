//! Serves the built console (`dist/`): files read and compressed once at start (or taken
//! precompressed from the build: a file `NAME.br` next to `NAME` is its brotli form, which the
//! release build writes at brotli's best setting, too slow to run at every start), the SPA
//! fallback to `index.html` for deep links, the right `Content-Type`, forever-cacheable hashed
//! assets and an `index.html` that is never cached, carries the `<base href>` of the sub-path
//! it is served under, and comes with a strict Content-Security-Policy whose script nonce is new
//! for every response.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, Uri};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

/// One file of the built app, with its precompressed forms.
#[derive(Clone)]
struct Asset {
    content_type: &'static str,
    cache_control: &'static str,
    raw: Vec<u8>,
    br: Option<Vec<u8>>,
    gzip: Option<Vec<u8>>,
}

/// The built app, held in memory.
#[derive(Clone)]
pub struct StaticSite {
    files: Arc<HashMap<String, Asset>>,
    /// The Content-Security-Policy of the page, with `{nonce}` where each response's nonce goes.
    policy: Arc<String>,
}

/// Where Trunk leaves the nonce of its inline loader (`create_nonce` in Trunk.toml).
const NONCE_PLACEHOLDER: &str = "{{__TRUNK NONCE__}}";

const INDEX: &str = "index.html";
const CONFIG: &str = "config.json";
/// Where index.html takes config.json's text, if its server writes it there.
const CONFIG_ELEMENT: &str = r#"<script type="application/json" id="partner-config"></script>"#;
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const NEVER: &str = "no-store";
const REVALIDATE: &str = "no-cache";

impl StaticSite {
    /// Reads every file under `dist`, rewrites `index.html` for `base_path` (which starts and
    /// ends with `/`) and compresses what is worth compressing.
    pub fn load(dist: &Path, base_path: &str) -> io::Result<StaticSite> {
        let mut found = HashMap::new();
        let mut pending = vec![dist.to_path_buf()];
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let Ok(rel) = path.strip_prefix(dist) else { continue };
                found.insert(rel.to_string_lossy().replace('\\', "/"), path);
            }
        }
        let mut files = HashMap::new();
        for (name, path) in &found {
            // A precompressed form is part of its file, not a file of its own.
            if name.strip_suffix(".br").is_some_and(|plain| found.contains_key(plain)) {
                continue;
            }
            let mut raw = std::fs::read(path)?;
            let mut br = None;
            if name == INDEX {
                raw = with_base_href(&String::from_utf8_lossy(&raw), base_path).into_bytes();
            } else if let Some(compressed) = found.get(&format!("{name}.br")) {
                br = precompressed(name, &raw, std::fs::read(compressed)?);
            }
            files.insert(name.clone(), Asset::new(name, raw, br)?);
        }
        if !files.contains_key(INDEX) {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("{} has no index.html: build the console first", dist.display()),
            ));
        }
        // config.json, read and judged once: for the page's policy, and carried in the page when
        // it parses (else the app fetches it, to say what is wrong with it).
        let text = files.get(CONFIG).map(|a| String::from_utf8_lossy(&a.raw).into_owned());
        let config = text.as_deref().and_then(|t| match partner_model::config::parse(t) {
            Ok(config) => Some(config),
            Err(e) => {
                crate::log::event(
                    "config_invalid",
                    &[("problem", &e.to_string()), ("effect", "the console will say so")],
                );
                None
            }
        });
        if let (Some(text), Some(_), Some(index)) = (&text, &config, files.get_mut(INDEX)) {
            match with_config(&String::from_utf8_lossy(&index.raw), text) {
                Some(html) => *index = Asset::new(INDEX, html.into_bytes(), None)?,
                None => crate::log::event(
                    "config_not_in_page",
                    &[("effect", "index.html has no empty config element: the page fetches config.json")],
                ),
            }
        }
        Ok(StaticSite { files: Arc::new(files), policy: Arc::new(content_security_policy(config.as_ref())) })
    }

    /// Answers a request whose path is relative to the app's base.
    pub fn respond(&self, method: &Method, uri: &Uri, headers: &HeaderMap) -> Response {
        if method != Method::GET && method != Method::HEAD {
            let mut response = crate::error::GatewayError::refusal(partner_model::gateway::METHOD_NOT_ALLOWED)
                .with_detail("the console's pages are read with GET")
                .into_response();
            response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return response;
        }
        let path = uri.path().trim_start_matches('/');
        let name = if path.is_empty() { INDEX } else { path };
        match self.files.get(name) {
            Some(asset) if name != INDEX => asset.response(accepted_encoding(headers), method == Method::HEAD),
            // A missing file (it has an extension) is a 404; anything else is a deep link.
            None if last_segment_has_extension(name) => {
                crate::error::GatewayError::refusal(partner_model::gateway::NOT_FORWARDED)
                    .with_detail("no such file in the console")
                    .into_response()
            }
            _ => match self.files.get(INDEX) {
                Some(index) => self.page(index, headers, method == Method::HEAD),
                None => crate::error::GatewayError::refusal(partner_model::gateway::NOT_FORWARDED)
                    .with_detail("the console is not built")
                    .into_response(),
            },
        }
    }

    /// `index.html` with a fresh nonce in its loader and in its policy.
    fn page(&self, index: &Asset, headers: &HeaderMap, head_only: bool) -> Response {
        let nonce = fresh_nonce();
        let html = String::from_utf8_lossy(&index.raw).replace(NONCE_PLACEHOLDER, &nonce);
        let policy = self.policy.replace("{nonce}", &nonce);
        // Compressed for each response, as its nonce is new each time: brotli's quick setting
        // takes 10 KB to 3 in well under a millisecond. Safe from BREACH-style guessing: the
        // nonce is the page's only secret, never the same twice, and nothing of the request
        // is written into the page.
        let encoding = accepted_encoding(headers);
        let raw = html.into_bytes();
        let page = match encoding {
            Encoding::Brotli => Asset { br: brotli(&raw, 5).ok(), gzip: None, raw, ..*index },
            Encoding::Gzip => Asset { br: None, gzip: gzip(&raw, flate2::Compression::fast()).ok(), raw, ..*index },
            Encoding::Identity => Asset { br: None, gzip: None, raw, ..*index },
        };
        let mut response = page.response(encoding, head_only);
        response.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        if let Ok(value) = HeaderValue::from_str(&policy) {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, value);
        }
        response
    }
}

/// The page's policy: scripts only from this origin plus the nonce'd loader, wasm allowed to
/// compile, no inline styles or scripts, images from this origin and the configured icon
/// origins, API calls to this origin and to absolute API bases of the config, and framing only
/// by the configured parent origins.
fn content_security_policy(config: Option<&partner_model::config::ConsoleConfig>) -> String {
    let mut connect = vec!["'self'".to_string()];
    let mut ancestors = vec!["'self'".to_string()];
    let mut images = vec!["'self'".to_string(), "data:".to_string()];
    if let Some(c) = config {
        images.extend(c.icon_origins.iter().cloned());
        for base in [&c.vipmp_base, &c.cpn_base] {
            if let Some(origin) = absolute_origin(base) {
                connect.push(origin);
            }
        }
        ancestors.extend(c.allowed_parent_origins.iter().cloned());
    }
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{{nonce}}'; style-src 'self'; img-src {}; \
         connect-src {}; frame-ancestors {}; base-uri 'self'; form-action 'self'; object-src 'none'",
        images.join(" "),
        connect.join(" "),
        ancestors.join(" ")
    )
}

fn absolute_origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next()?;
    Some(format!("{scheme}://{host}"))
}

/// 128 random bits from the operating system, base64url-encoded.
fn fresh_nonce() -> String {
    crate::random_token(16)
}

impl Asset {
    /// `br`: the build's brotli form of `raw`, if it left one.
    fn new(name: &str, raw: Vec<u8>, br: Option<Vec<u8>>) -> io::Result<Asset> {
        let content_type = content_type(name);
        let compressible = content_type.starts_with("text/")
            || content_type.starts_with("application/")
            || content_type == "image/svg+xml";
        // Worth compressing, or compressed by the build already (brotli 9 at start; the build's
        // own form is its best setting).
        let (br, gzip) = if br.is_some() || (compressible && raw.len() > 256) {
            let br = match br {
                Some(br) => br,
                None => brotli(&raw, 9)?,
            };
            (smaller(br, &raw), smaller(gzip(&raw, flate2::Compression::best())?, &raw))
        } else {
            (None, None)
        };
        let cache_control = if name == INDEX {
            NEVER
        } else if is_hashed(name) {
            IMMUTABLE
        } else {
            REVALIDATE
        };
        Ok(Asset { content_type, cache_control, raw, br, gzip })
    }

    fn response(&self, encoding: Encoding, head_only: bool) -> Response {
        let (body, content_encoding) = match encoding {
            Encoding::Brotli if self.br.is_some() => (self.br.as_deref(), Some("br")),
            Encoding::Brotli | Encoding::Gzip if self.gzip.is_some() => (self.gzip.as_deref(), Some("gzip")),
            _ => (None, None),
        };
        let body = body.unwrap_or(&self.raw);
        let mut response = Response::new(if head_only { Body::empty() } else { Body::from(body.to_vec()) });
        let h = response.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(self.content_type));
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(self.cache_control));
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        if self.br.is_some() || self.gzip.is_some() {
            h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if let Some(enc) = content_encoding {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(enc));
        }
        response
    }
}

/// Sets the document's `<base href>` to `base_path`, so relative asset URLs, the router and the
/// API bases all resolve below the sub-path the console is served under.
pub fn with_base_href(html: &str, base_path: &str) -> String {
    let tag = format!("<base href=\"{base_path}\">");
    if let Some(start) = html.find("<base ") {
        if let Some(len) = html[start..].find('>') {
            let mut out = String::with_capacity(html.len() + base_path.len());
            out.push_str(&html[..start]);
            out.push_str(&tag);
            out.push_str(&html[start + len + 1..]);
            return out;
        }
    }
    match html.find("<head>") {
        Some(i) => format!("{}{tag}{}", &html[..i + 6], &html[i + 6..]),
        None => format!("{tag}{html}"),
    }
}

/// `html` with `config`'s text in its empty config element: one request fewer on every first
/// load, which would share a slow line with the app's code. Each `<` is written `\u003c`,
/// which JSON reads as the same character and which valid JSON has only inside strings, so
/// nothing in it can end the element; likewise the `{` that starts the nonce's placeholder
/// (`{{` too is only ever inside a string), so no response writes its nonce into the config.
/// `None` when the page has no such element.
fn with_config(html: &str, config: &str) -> Option<String> {
    if !html.contains(CONFIG_ELEMENT) {
        return None;
    }
    let json = config
        .trim_start_matches('\u{feff}')
        .trim()
        .replace('<', "\\u003c")
        .replace(NONCE_PLACEHOLDER, &format!("\\u007b{}", &NONCE_PLACEHOLDER[1..]));
    let filled = CONFIG_ELEMENT.replacen("></", &format!(">{json}</"), 1);
    Some(html.replacen(CONFIG_ELEMENT, &filled, 1))
}

fn last_segment_has_extension(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

/// Trunk names built assets `name-<16 hex digits>.ext` (`name-<hash>_bg.wasm` for the module);
/// a split build puts its chunks in a directory named so, `split-<hash>/` (crates/split).
fn is_hashed(name: &str) -> bool {
    name.split('/').any(|segment| {
        let stem = segment.split('.').next().unwrap_or(segment);
        let stem = stem.strip_suffix("_bg").unwrap_or(stem);
        stem.rsplit_once('-')
            // Trunk writes its 64-bit hash without leading zeros: 16 hex digits, sometimes fewer.
            .is_some_and(|(_, hash)| (8..=16).contains(&hash.len()) && hash.chars().all(|c| c.is_ascii_hexdigit()))
    })
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// The best encoding the client accepts (q=0 refuses one).
fn accepted_encoding(headers: &HeaderMap) -> Encoding {
    let Some(value) = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else {
        return Encoding::Identity;
    };
    let accepts = |name: &str| {
        value.split(',').any(|part| {
            let mut bits = part.split(';');
            let token = bits.next().unwrap_or_default().trim();
            let refused = bits
                .any(|p| p.trim().strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0)));
            token.eq_ignore_ascii_case(name) && !refused
        })
    };
    if accepts("br") {
        Encoding::Brotli
    } else if accepts("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

fn smaller(compressed: Vec<u8>, raw: &[u8]) -> Option<Vec<u8>> {
    (compressed.len() < raw.len()).then_some(compressed)
}

/// `raw`'s brotli form, the build left as `NAME.br`, if it is exactly `raw` compressed. A stale
/// or damaged one (a file edited after the build) never reaches a browser: it is logged and the
/// server compresses the file itself.
fn precompressed(name: &str, raw: &[u8], br: Vec<u8>) -> Option<Vec<u8>> {
    let mut plain = Vec::with_capacity(raw.len());
    let read = brotli::BrotliDecompress(&mut &br[..], &mut plain);
    if read.is_ok() && plain == raw {
        return Some(br);
    }
    crate::log::event(
        "precompressed_stale",
        &[("file", name), ("effect", "compressed at start instead; build the console again to serve the build's form")],
    );
    None
}

fn brotli(raw: &[u8], quality: u32) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, quality, 22);
        w.write_all(raw)?;
    }
    Ok(out)
}

fn gzip(raw: &[u8], level: flate2::Compression) -> io::Result<Vec<u8>> {
    let mut w = flate2::write::GzEncoder::new(Vec::new(), level);
    w.write_all(raw)?;
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_href_is_replaced_or_inserted() {
        assert_eq!(
            with_base_href("<head><base href=\"/\" /><title>x</title>", "/partner/console/"),
            "<head><base href=\"/partner/console/\"><title>x</title>"
        );
        assert_eq!(with_base_href("<html><head><title>", "/a/"), "<html><head><base href=\"/a/\"><title>");
    }

    #[test]
    fn hashed_names_are_recognised() {
        assert!(is_hashed("partner-console-0123456789abcdef.js"));
        assert!(is_hashed("partner-console-0123456789abcdef_bg.wasm"));
        assert!(is_hashed("main-0123456789abcdef.css"));
        assert!(is_hashed("partner-console-3587ae8eecef7b4.js"), "Trunk drops leading zeros");
        assert!(is_hashed("split-0123456789abcdef/split_orders.wasm"));
        assert!(is_hashed("split-0123456789abcdef/__wasm_split.js"));
        assert!(!is_hashed("locales/de.json"));
        assert!(!is_hashed("config.json"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("partner-console.js"));
    }

    #[test]
    fn encodings_follow_accept_encoding() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).expect("ascii"));
            accepted_encoding(&m)
        };
        assert_eq!(h("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(h("gzip"), Encoding::Gzip);
        assert_eq!(h("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(h("identity"), Encoding::Identity);
        assert_eq!(accepted_encoding(&HeaderMap::new()), Encoding::Identity);
    }

    /// A site in a fresh directory: `index.html` and the given files.
    fn site(files: &[(&str, &[u8])]) -> io::Result<StaticSite> {
        site_with_page(&"<html><head><title>Console</title></head><body>".repeat(20), files)
    }

    /// A site in a fresh directory: `page` as `index.html` and the given files.
    fn site_with_page(page: &str, files: &[(&str, &[u8])]) -> io::Result<StaticSite> {
        let dir = std::env::temp_dir().join(format!("partner-static-{}", crate::random_token(8)));
        std::fs::create_dir_all(dir.join("split-0123456789abcdef"))?;
        std::fs::write(dir.join(INDEX), page)?;
        for (name, bytes) in files {
            std::fs::write(dir.join(name), bytes)?;
        }
        let site = StaticSite::load(&dir, "/");
        let _ = std::fs::remove_dir_all(&dir);
        site
    }

    async fn get(site: &StaticSite, path: &str, accept: &str) -> (Response, Vec<u8>) {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(accept).expect("ascii"));
        let mut response = site.respond(&Method::GET, &path.parse().expect("uri"), &headers);
        let body = std::mem::take(response.body_mut());
        let bytes = axum::body::to_bytes(body, usize::MAX).await.expect("body");
        (response, bytes.to_vec())
    }

    fn unbrotli(bytes: &[u8]) -> Vec<u8> {
        let mut plain = Vec::new();
        brotli::BrotliDecompress(&mut &bytes[..], &mut plain).expect("brotli");
        plain
    }

    #[tokio::test]
    async fn the_builds_brotli_form_is_served_as_it_is() {
        let wasm: Vec<u8> = (0..4000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        let best = brotli(&wasm, 11).expect("brotli");
        let site = site(&[
            ("split-0123456789abcdef/split_hub.wasm", &wasm),
            ("split-0123456789abcdef/split_hub.wasm.br", &best),
        ])
        .expect("site");
        let (response, body) = get(&site, "/split-0123456789abcdef/split_hub.wasm", "gzip, br").await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(body, best, "the build's form, byte for byte");
        let (response, body) = get(&site, "/split-0123456789abcdef/split_hub.wasm", "identity").await;
        assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(body, wasm);
        // The compressed form is no file of its own.
        let (response, _) = get(&site, "/split-0123456789abcdef/split_hub.wasm.br", "br").await;
        assert_eq!(response.status(), axum::http::StatusCode::NOT_FOUND);
    }

    #[tokio::test]
    async fn a_stale_brotli_form_is_never_served() {
        let js = "export const edited = 'after the build';\n".repeat(20);
        let old = brotli(&"export const built = 'by the build';\n".repeat(20).into_bytes(), 11).expect("brotli");
        for stale in [old, b"not brotli at all".to_vec()] {
            let site = site(&[("app.js", js.as_bytes()), ("app.js.br", &stale)]).expect("site");
            let (response, body) = get(&site, "/app.js", "br").await;
            assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
            assert_eq!(unbrotli(&body), js.as_bytes(), "the file as it is now, compressed at start");
        }
    }

    #[tokio::test]
    async fn the_page_is_compressed_with_its_nonce() {
        let site = site(&[]).expect("site");
        let (response, body) = get(&site, "/customers/1", "br").await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        let page = unbrotli(&body);
        assert!(String::from_utf8_lossy(&page).contains("<base href=\"/\">"));
        let (response, body) = get(&site, "/", "gzip").await;
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "gzip");
        let mut page = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&body[..]), &mut page).expect("gzip");
        assert!(page.contains("<title>Console</title>"));
        let (response, body) = get(&site, "/", "identity").await;
        assert!(response.headers().get(header::CONTENT_ENCODING).is_none());
        assert!(String::from_utf8_lossy(&body).starts_with("<html><head><base href="));
    }

    #[tokio::test]
    async fn the_page_carries_config_json_when_it_parses() {
        let element = |html: &str| {
            let start = html.find(r#"id="partner-config">"#).map(|i| i + 20)?;
            Some(html[start..start + html[start..].find("</script>")?].to_string())
        };
        let page = format!("<html><head>{CONFIG_ELEMENT}<script>boot()</script></head></html>");
        let config = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/config.json"))
            .expect("the console's config.json");
        // A string that would end the element if written as it is, and one where a response
        // would write its nonce.
        let with_environment = |name: &str| {
            let mut c: serde_json::Value = serde_json::from_str(&config).expect("json");
            c["environment"] = name.into();
            let c = c.to_string();
            assert!(partner_model::config::parse(&c).is_ok(), "still a valid config: {name}");
            c
        };
        let hostile = with_environment("</script><script>alert(1)</script><!--");
        let nonce = with_environment(NONCE_PLACEHOLDER);
        for text in [config.as_str(), hostile.as_str(), nonce.as_str()] {
            let site = site_with_page(&page, &[(CONFIG, text.as_bytes())]).expect("site");
            let (response, body) = get(&site, "/customers/1", "identity").await;
            let html = String::from_utf8_lossy(&body);
            assert_eq!(html.matches(r#"id="partner-config""#).count(), 1, "one element");
            let inside = element(&html).expect("the element");
            assert!(!inside.contains('<'), "nothing in it can end it: {inside}");
            let policy = response.headers()[header::CONTENT_SECURITY_POLICY].to_str().expect("ascii").to_string();
            let this_nonce = policy.split("'nonce-").nth(1).and_then(|n| n.split('\'').next()).expect("a nonce");
            assert!(!inside.contains(this_nonce), "the response's nonce stays out of it: {inside}");
            let read: serde_json::Value = serde_json::from_str(&inside).expect("JSON");
            assert_eq!(read, serde_json::from_str::<serde_json::Value>(text).expect("json"), "the same config");
            assert!(html.contains("<script>boot()</script>"), "the rest of the page as it was");
        }
        // A config.json that does not parse stays out: the app fetches it and says what is wrong.
        for broken in ["{ not json", r#"{"apiBase": 3}"#] {
            let site = site_with_page(&page, &[(CONFIG, broken.as_bytes())]).expect("site");
            let (_, body) = get(&site, "/", "identity").await;
            assert_eq!(element(&String::from_utf8_lossy(&body)).as_deref(), Some(""), "{broken}: left empty");
        }
    }

    #[test]
    fn the_consoles_page_has_the_config_element_once() {
        let page = include_str!("../../../index.html");
        assert_eq!(page.matches(CONFIG_ELEMENT).count(), 1, "index.html's config element, as the gateway fills it");
    }

    #[test]
    fn content_types_cover_the_build() {
        assert_eq!(content_type("a_bg.wasm"), "application/wasm");
        assert!(content_type("a.js").starts_with("text/javascript"));
        assert!(content_type("index.html").starts_with("text/html"));
    }
}
