//! `partner-sandbox`: serves the built console and the local API twin on 127.0.0.1.

use clap::Parser;
use partner_sandbox::{app, serve, Credentials, Settings};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

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
