//! `partner-sandbox`: the API twin alone on 127.0.0.1, as an upstream for a gateway started
//! elsewhere (`partner-gateway --vipmp-upstream http://127.0.0.1:9090/api/vipmp …`). The usual
//! way to run it is inside the gateway (`partner-gateway --twin`, what `scripts/run` does).

use clap::Parser;
use partner_sandbox::{app, serve, TwinArgs};
use std::net::SocketAddr;
use std::process::ExitCode;

/// The twin of the Commerce Partner API and of VMware Cloud Partner Navigator.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:9090")]
    addr: SocketAddr,
    #[command(flatten)]
    twin: TwinArgs,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let settings = match args.twin.settings() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let router = match app(&settings) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot open the twin: {e}");
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
    println!("API twin at http://{addr}/api/vipmp and http://{addr}/api/cpn (sandbox endpoints at /__sandbox/)");
    match serve(listener, router, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
