//! `partner-sandbox`: serves the built console and the local API twin on 127.0.0.1.

use clap::Parser;
use partner_sandbox::{app, serve, Credentials, Settings};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// The partner console's sandbox: the built app, the API twin and the credential proxy.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// The built console to serve (Trunk's output directory).
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Sub-path to serve the console and its APIs under, like /partner/console/.
    #[arg(long, default_value = "/")]
    base_path: String,
    /// API key the proxy adds to API calls (another value shows the console's auth problem state).
    #[arg(long, env = "SANDBOX_PROXY_API_KEY", default_value = partner_sandbox::vipmp::SANDBOX_API_KEY, hide_env_values = true)]
    proxy_api_key: String,
    /// Access token the proxy adds to API calls.
    #[arg(long, env = "SANDBOX_PROXY_ACCESS_TOKEN", default_value = partner_sandbox::vipmp::SANDBOX_ACCESS_TOKEN, hide_env_values = true)]
    proxy_access_token: String,
    /// Keep the twin's data in FILE across restarts (written atomically after every change).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Seed of the demo data.
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// Add a customer with 10,000 orders and 5,000 subscriptions (for benchmarks).
    #[arg(long)]
    large: bool,
    /// Name the first reseller and customer with HTML and script (the console must show it as text).
    #[arg(long)]
    hostile: bool,
    /// How long new accounts, orders and transfers stay pending, in milliseconds.
    #[arg(long, default_value_t = 4000)]
    pending_ms: u64,
    /// How long a 3-Year Commit request stays REQUESTED, in milliseconds.
    #[arg(long, default_value_t = 8000)]
    commitment_ms: u64,
    /// A fault to inject: "[METHOD] PATH KIND[=ARG] [xN]", e.g. "POST /v3/customers/*/orders drop x2",
    /// "/v3/** latency=12000", "GET /ping status=502"; kinds: latency, status, drop, truncate, malformed.
    #[arg(long = "fault", value_name = "SPEC")]
    faults: Vec<String>,
    /// Proxy mode: forward the VIPMP API to this base URL (e.g. https://partners.adobe.io),
    /// adding X-Api-Key and an IMS token from IMS_CLIENT_ID, IMS_CLIENT_SECRET, IMS_SCOPES, IMS_URL.
    #[arg(long, value_name = "URL")]
    upstream: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let mut settings = match Settings::new(&args.dist, &args.base_path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    settings.credentials = Credentials { api_key: args.proxy_api_key, access_token: args.proxy_access_token };
    settings.twin.state_file = args.state;
    settings.twin.pending_delay = Duration::from_millis(args.pending_ms);
    settings.twin.commitment_delay = Duration::from_millis(args.commitment_ms);
    settings.seed = args.seed;
    settings.large = args.large;
    settings.hostile = args.hostile;
    if let Some(base) = args.upstream {
        match partner_sandbox::upstream::ImsSettings::from_env() {
            Ok(ims) => settings.upstream = Some((base, ims)),
            Err(e) => {
                eprintln!("error: --upstream needs IMS credentials: {e}");
                return ExitCode::from(2);
            }
        }
    }
    for spec in &args.faults {
        match partner_sandbox::faults::parse_spec(spec) {
            Ok(fault) => settings.faults.push(fault),
            Err(e) => {
                eprintln!("error: --fault {e}");
                return ExitCode::from(2);
            }
        }
    }
    let router = match app(&settings) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot serve {}: {e}", args.dist.display());
            return ExitCode::from(1);
        }
    };
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", args.addr);
            return ExitCode::from(1);
        }
    };
    let addr = listener.local_addr().map(|a| a.to_string()).unwrap_or_else(|_| args.addr.to_string());
    println!("Partner console (sandbox) at http://{addr}{}", settings.base_path);
    println!("Press Ctrl-C to stop.");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match serve(listener, router, shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
