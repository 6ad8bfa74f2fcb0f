//! `partner-gateway`: the console's server. Every setting is a flag and an environment
//! variable (`--help` lists them); a wrong one stops it at start with the setting and the reason.

use clap::Parser;
use partner_gateway::identity::{ClaimNames, IdentitySettings};
use partner_gateway::upstream::Grant;
use partner_gateway::{app, normalize_base_path, serve, Identity, Limits, RemoteApi, Settings, Upstreams};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// The partner console's gateway: the built console, sign-in, tenant checks and the upstream APIs.
#[derive(Parser, Debug)]
#[command(version)]
struct Args {
    /// The built console to serve (Trunk's output directory).
    #[arg(long, env = "GATEWAY_DIST", default_value = "dist")]
    dist: PathBuf,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "GATEWAY_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Sub-path to serve the console and its APIs under, like /partner/console/.
    #[arg(long, env = "GATEWAY_BASE_PATH", default_value = "/")]
    base_path: String,
    /// Where browsers reach the gateway, like https://console.example.com (default: http://ADDR).
    #[arg(long, env = "GATEWAY_PUBLIC_ORIGIN")]
    public_origin: Option<String>,

    /// Use the twin, in this process, as both upstream APIs (demos and tests; never production).
    #[arg(long)]
    twin: bool,
    #[command(flatten)]
    twin_args: partner_sandbox::TwinArgs,

    /// The Commerce Partner API's base URL, like https://partners.adobe.io.
    #[arg(long, env = "VIPMP_UPSTREAM", value_name = "URL")]
    vipmp_upstream: Option<String>,
    /// Adobe IMS base URL.
    #[arg(long, env = "IMS_URL", default_value = "https://ims-na1.adobelogin.com")]
    ims_url: String,
    /// The Adobe I/O integration's client id (also sent as X-Api-Key).
    #[arg(long, env = "IMS_CLIENT_ID", hide_env_values = true)]
    ims_client_id: Option<String>,
    /// The integration's client secret.
    #[arg(long, env = "IMS_CLIENT_SECRET", hide_env_values = true)]
    ims_client_secret: Option<String>,
    /// Scopes of the IMS token, comma-separated.
    #[arg(long, env = "IMS_SCOPES", default_value = "openid,AdobeID,read_organizations")]
    ims_scopes: String,

    /// VMware Cloud Partner Navigator's base URL (leave unset when the distributor has no VMware business).
    #[arg(long, env = "CPN_UPSTREAM", value_name = "URL")]
    cpn_upstream: Option<String>,
    /// VMware Cloud Services base URL, where the API token is exchanged.
    #[arg(long, env = "CSP_URL", default_value = "https://console.cloud.vmware.com")]
    csp_url: String,
    /// The distributor's VMware Cloud Services API token.
    #[arg(long, env = "CSP_API_TOKEN", hide_env_values = true)]
    csp_api_token: Option<String>,

    /// The OpenID Connect provider's issuer URL.
    #[arg(long, env = "OIDC_ISSUER", value_name = "URL")]
    oidc_issuer: Option<String>,
    /// The gateway's client id at the provider.
    #[arg(long, env = "OIDC_CLIENT_ID")]
    oidc_client_id: Option<String>,
    /// The gateway's client secret at the provider.
    #[arg(long, env = "OIDC_CLIENT_SECRET", hide_env_values = true)]
    oidc_client_secret: Option<String>,
    /// Scopes asked for at sign-in, space-separated (openid is always asked).
    #[arg(long, env = "OIDC_SCOPES", default_value = "openid profile email")]
    oidc_scopes: String,
    /// The audience a portal's access token must have (default: the client id).
    #[arg(long, env = "OIDC_AUDIENCE")]
    oidc_audience: Option<String>,
    /// The claim that lists a user's roles (dotted for nested claims, like realm_access.roles).
    #[arg(long, env = "OIDC_ROLES_CLAIM", default_value = "roles")]
    oidc_roles_claim: String,
    /// The role that makes a user distributor staff.
    #[arg(long, env = "OIDC_DISTRIBUTOR_ROLE", default_value = "partner-distributor")]
    oidc_distributor_role: String,
    /// The claim that lists the reseller ids of a reseller user.
    #[arg(long, env = "OIDC_RESELLER_IDS_CLAIM", default_value = "reseller_ids")]
    oidc_reseller_ids_claim: String,

    /// The key that encrypts session cookies, at least 32 characters; the same for every instance.
    #[arg(long, env = "SESSION_KEY", hide_env_values = true)]
    session_key: Option<String>,
    /// How long a session lasts, in hours.
    #[arg(long, env = "SESSION_HOURS", default_value_t = 8)]
    session_hours: u64,
    /// How long a customer's reseller is trusted once read from the upstream, in seconds.
    #[arg(long, env = "OWNER_CACHE_SECONDS", default_value_t = 60)]
    owner_cache_seconds: u64,
    /// Leave `Secure` off cookies (only for plain-HTTP test setups that are not on localhost).
    #[arg(long)]
    insecure_cookies: bool,

    /// Host names (with :port when not 80/443) served besides the public origin's, comma-separated: an internal name a load balancer's health check uses, say.
    #[arg(long, env = "GATEWAY_EXTRA_HOSTS", value_delimiter = ',')]
    extra_hosts: Vec<String>,
    /// Strict-Transport-Security max-age in seconds; 0 sends none (default: a year when the public origin is https).
    #[arg(long, env = "HSTS_SECONDS")]
    hsts_seconds: Option<u64>,
    /// Seconds for a request's headers to arrive (and for an idle connection to send its next).
    #[arg(long, env = "HEADER_TIMEOUT_SECONDS", default_value_t = 10)]
    header_timeout_seconds: u64,
    /// Seconds for a request's body to arrive.
    #[arg(long, env = "BODY_TIMEOUT_SECONDS", default_value_t = 20)]
    body_timeout_seconds: u64,
    /// Seconds for an upstream API to answer one call.
    #[arg(long, env = "UPSTREAM_TIMEOUT_SECONDS", default_value_t = 30)]
    upstream_timeout_seconds: u64,
    /// Seconds for IMS or VMware Cloud Services to issue a token.
    #[arg(long, env = "TOKEN_TIMEOUT_SECONDS", default_value_t = 10)]
    token_timeout_seconds: u64,
    /// Connections served at once (keep it below the process's descriptor limit).
    #[arg(long, env = "MAX_CONNECTIONS", default_value_t = 768)]
    max_connections: usize,
    /// Where the audit trail is kept: sqlite://FILE (created when missing) or postgres://USER:PASSWORD@HOST/DB for several instances (default: sqlite://partner-audit.sqlite; in memory with --twin).
    #[arg(long, env = "AUDIT_DATABASE_URL", hide_env_values = true)]
    audit_database_url: Option<String>,
    /// A bearer token /metrics then asks for (default: /metrics is open; it holds counts, never ids or secrets).
    #[arg(long, env = "METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
    /// Seconds the requests in flight are given to finish at shutdown.
    #[arg(long, env = "DRAIN_SECONDS", default_value_t = 20)]
    drain_seconds: u64,
}

/// `KEY=VALUE` lines of a configuration file (`#` starts a comment, quotes around a value are
/// dropped), as the flags they stand for, for every key whose environment variable is unset
/// and whose flag is not on the command line: flags win over the environment, which wins over
/// the file.
fn file_settings(text: &str, command: &clap::Command, given: &[String]) -> Result<Vec<String>, String> {
    let mut flags = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            return Err(format!("line {}: expected KEY=VALUE", n + 1));
        };
        let (key, value) = (key.trim(), value.trim().trim_matches('"'));
        let arg = command
            .get_arguments()
            .find(|a| a.get_env().is_some_and(|e| e == key))
            .ok_or_else(|| format!("line {}: {key} is not a setting of the gateway", n + 1))?;
        let Some(long) = arg.get_long() else { continue };
        let flag = format!("--{long}");
        if std::env::var_os(key).is_some() || given.iter().any(|g| g == &flag || g.starts_with(&format!("{flag}="))) {
            continue;
        }
        flags.push(format!("{flag}={value}"));
    }
    Ok(flags)
}

/// The command line, with the settings of `--config FILE` (or `GATEWAY_CONFIG`) added.
fn command_line() -> Result<Vec<String>, String> {
    let mut given: Vec<String> = std::env::args().collect();
    let mut file = std::env::var("GATEWAY_CONFIG").ok();
    if let Some(i) = given.iter().position(|a| a == "--config") {
        file = given.get(i + 1).cloned();
        given.drain(i..(i + 2).min(given.len()));
    } else if let Some(i) = given.iter().position(|a| a.starts_with("--config=")) {
        file = given[i].strip_prefix("--config=").map(str::to_string);
        given.remove(i);
    }
    let Some(path) = file else { return Ok(given) };
    let text = std::fs::read_to_string(&path).map_err(|e| format!("GATEWAY_CONFIG: cannot read {path}: {e}"))?;
    let extra = file_settings(&text, &<Args as clap::CommandFactory>::command(), &given)
        .map_err(|e| format!("GATEWAY_CONFIG {path}: {e}"))?;
    given.extend(extra);
    Ok(given)
}

/// A setting and what is wrong with it.
fn wrong(key: &str, problem: &str) -> String {
    format!("{key}: {problem}")
}

fn https_url(key: &str, value: &str) -> Result<String, String> {
    let value = value.trim().trim_end_matches('/').to_string();
    let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"].iter().any(|l| value.starts_with(l));
    if value.starts_with("https://") || local {
        Ok(value)
    } else {
        Err(wrong(key, "must be an https:// URL (plain http only on this machine's loopback)"))
    }
}

fn required(key: &str, value: &Option<String>) -> Result<String, String> {
    value.clone().filter(|v| !v.trim().is_empty()).ok_or_else(|| wrong(key, "is required"))
}

fn settings(args: &Args, addr: SocketAddr) -> Result<Settings, String> {
    let base_path = normalize_base_path(&args.base_path).map_err(|e| wrong("GATEWAY_BASE_PATH", &e))?;
    let public_origin = match &args.public_origin {
        Some(o) => https_url("GATEWAY_PUBLIC_ORIGIN", o)?,
        None => format!("http://{addr}"),
    };
    let upstreams = if args.twin {
        if args.vipmp_upstream.is_some() || args.cpn_upstream.is_some() {
            return Err(wrong("--twin", "cannot be combined with VIPMP_UPSTREAM or CPN_UPSTREAM"));
        }
        Upstreams::Twin(args.twin_args.settings()?)
    } else {
        let base = required("VIPMP_UPSTREAM (or --twin for the demo)", &args.vipmp_upstream)?;
        let vipmp = RemoteApi {
            base: https_url("VIPMP_UPSTREAM", &base)?,
            grant: Grant::Ims {
                url: https_url("IMS_URL", &args.ims_url)?,
                client_id: required("IMS_CLIENT_ID", &args.ims_client_id)?,
                client_secret: required("IMS_CLIENT_SECRET", &args.ims_client_secret)?,
                scopes: args.ims_scopes.clone(),
            },
        };
        let cpn = match &args.cpn_upstream {
            Some(base) => Some(RemoteApi {
                base: https_url("CPN_UPSTREAM", base)?,
                grant: Grant::Csp {
                    url: https_url("CSP_URL", &args.csp_url)?,
                    api_token: required("CSP_API_TOKEN", &args.csp_api_token)?,
                },
            }),
            None => None,
        };
        Upstreams::Remote { vipmp, cpn }
    };
    let identity = match &args.oidc_issuer {
        Some(issuer) => {
            let client_id = required("OIDC_CLIENT_ID", &args.oidc_client_id)?;
            Identity::Provider(IdentitySettings {
                issuer: https_url("OIDC_ISSUER", issuer)?,
                audience: args.oidc_audience.clone().unwrap_or_else(|| client_id.clone()),
                client_id,
                client_secret: required("OIDC_CLIENT_SECRET", &args.oidc_client_secret)?,
                scopes: args.oidc_scopes.split_whitespace().map(str::to_string).collect(),
                claims: ClaimNames {
                    roles: args.oidc_roles_claim.clone(),
                    distributor_role: args.oidc_distributor_role.clone(),
                    reseller_ids: args.oidc_reseller_ids_claim.clone(),
                },
            })
        }
        None if args.twin => Identity::Demo,
        None => {
            return Err(wrong(
                "OIDC_ISSUER",
                "is required with real upstreams (the demo sign-in runs only with --twin)",
            ))
        }
    };
    let session_key = match (&args.session_key, &identity) {
        (Some(key), _) if key.len() >= 32 => key.as_bytes().to_vec(),
        (Some(_), _) => return Err(wrong("SESSION_KEY", "must be at least 32 characters")),
        (None, Identity::Demo) => partner_gateway::random_bytes(64),
        (None, _) => {
            return Err(wrong(
                "SESSION_KEY",
                "is required: every instance must share it, and sessions must outlive a restart",
            ))
        }
    };
    if !(1..=24 * 30).contains(&args.session_hours) {
        return Err(wrong("SESSION_HOURS", "must be 1 to 720"));
    }
    Ok(Settings {
        dist: args.dist.clone(),
        base_path,
        upstreams,
        identity,
        session_key,
        session_lifetime: Duration::from_secs(args.session_hours * 3600),
        secure_cookies: !args.insecure_cookies,
        owner_ttl: Duration::from_secs(args.owner_cache_seconds.min(3600)),
        limits: limits(args)?,
        extra_hosts: args.extra_hosts.clone(),
        hsts_seconds: args.hsts_seconds.unwrap_or_else(|| partner_gateway::hsts_default(&public_origin)),
        audit_url: match &args.audit_database_url {
            Some(url) => url.clone(),
            None if args.twin => "sqlite::memory:".into(),
            None => "sqlite://partner-audit.sqlite".into(),
        },
        metrics_token: args.metrics_token.clone().filter(|t| !t.is_empty()),
        public_origin,
    })
}

fn limits(args: &Args) -> Result<Limits, String> {
    let seconds = |key: &str, n: u64, max: u64| {
        if (1..=max).contains(&n) {
            Ok(Duration::from_secs(n))
        } else {
            Err(wrong(key, &format!("must be 1 to {max} seconds")))
        }
    };
    if args.max_connections < 1 {
        return Err(wrong("MAX_CONNECTIONS", "must be at least 1"));
    }
    Ok(Limits {
        header_timeout: seconds("HEADER_TIMEOUT_SECONDS", args.header_timeout_seconds, 300)?,
        body_timeout: seconds("BODY_TIMEOUT_SECONDS", args.body_timeout_seconds, 600)?,
        upstream_timeout: seconds("UPSTREAM_TIMEOUT_SECONDS", args.upstream_timeout_seconds, 600)?,
        token_timeout: seconds("TOKEN_TIMEOUT_SECONDS", args.token_timeout_seconds, 120)?,
        max_connections: args.max_connections,
        drain_timeout: seconds("DRAIN_SECONDS", args.drain_seconds, 600)?,
    })
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match command_line() {
        Ok(line) => Args::parse_from(line),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {}: {e}", args.addr);
            return ExitCode::from(1);
        }
    };
    let addr = listener.local_addr().unwrap_or(args.addr);
    let settings = match settings(&args, addr) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = partner_gateway::audit::Audit::open(&settings.audit_url).await {
        eprintln!("error: AUDIT_DATABASE_URL {e}");
        return ExitCode::from(1);
    }
    let built = match app(&settings) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: cannot serve {}: {e}", settings.dist.display());
            return ExitCode::from(1);
        }
    };
    println!("Partner console at {}{}", settings.public_origin, settings.base_path);
    if let Some(demo) = &built.demo {
        println!("Demo sign-in (the twin's demo identity provider); sign in as:");
        for user in demo.users() {
            println!("  {} — {}", user.name, user.description);
        }
    }
    println!("Press Ctrl-C to stop.");
    let shutdown = async {
        shutdown_signal().await;
        partner_gateway::log::event("draining", &[]);
    };
    let served = serve(listener, built.router, settings.limits.clone(), shutdown).await;
    partner_gateway::log::event("stopped", &[]);
    partner_gateway::log::flush();
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Ctrl-C, or the SIGTERM a container runtime or a service manager sends.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(t) => t,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REAL: [&str; 14] = [
        "--vipmp-upstream",
        "https://partners.adobe.io",
        "--ims-client-id",
        "id",
        "--ims-client-secret",
        "s3cret",
        "--oidc-issuer",
        "https://idp.example",
        "--oidc-client-id",
        "console",
        "--oidc-client-secret",
        "0idc-s3cret",
        "--session-key",
        "0123456789abcdef0123456789abcdef",
    ];

    /// Settings from `args`, or the wrong setting's message.
    fn check(args: &[&str]) -> Result<Settings, String> {
        let parsed = Args::try_parse_from(std::iter::once("partner-gateway").chain(args.iter().copied()))
            .map_err(|e| e.to_string())?;
        settings(&parsed, SocketAddr::from(([127, 0, 0, 1], 8080)))
    }

    fn with(replaced: &[(&str, &str)], dropped: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        for pair in REAL.chunks(2) {
            if dropped.contains(&pair[0]) {
                continue;
            }
            let value = replaced.iter().find(|(k, _)| *k == pair[0]).map(|(_, v)| *v).unwrap_or(pair[1]);
            out.extend([pair[0].to_string(), value.to_string()]);
        }
        out
    }

    fn problem(args: Vec<String>) -> String {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        check(&refs).err().unwrap_or_default()
    }

    #[test]
    fn a_wrong_setting_is_named_at_start() {
        assert!(check(&REAL).is_ok(), "{:?}", check(&REAL).err());
        assert!(problem(with(&[("--vipmp-upstream", "http://partners.adobe.io")], &[])).starts_with("VIPMP_UPSTREAM"));
        assert!(problem(with(&[("--oidc-issuer", "http://idp.example")], &[])).starts_with("OIDC_ISSUER"));
        assert!(problem(with(&[("--session-key", "short")], &[])).starts_with("SESSION_KEY"));
        assert!(problem(with(&[], &["--session-key"])).starts_with("SESSION_KEY"));
        assert!(problem(with(&[], &["--oidc-issuer"])).starts_with("OIDC_ISSUER"));
        assert!(problem(with(&[], &["--ims-client-secret"])).starts_with("IMS_CLIENT_SECRET"));
        assert!(problem(with(&[], &["--vipmp-upstream"])).starts_with("VIPMP_UPSTREAM"));
        let mut ims = with(&[], &[]);
        ims.extend(["--ims-url".to_string(), "http://ims.example".to_string()]);
        assert!(problem(ims).starts_with("IMS_URL"), "the client secret never travels in clear");
        let mut both = with(&[], &[]);
        both.push("--twin".into());
        assert!(problem(both).starts_with("--twin"));
        let demo = check(&["--twin"]).map(|s| matches!(s.identity, Identity::Demo));
        assert_eq!(demo, Ok(true), "the embedded default needs nothing else");
        let secret_shown =
            [problem(with(&[("--session-key", "short")], &[])), problem(with(&[], &["--oidc-issuer"]))].concat();
        assert!(!secret_shown.contains("s3cret"), "{secret_shown}");
    }

    #[test]
    fn a_file_fills_what_flags_and_environment_leave() {
        let command = <Args as clap::CommandFactory>::command();
        let text = "# the gateway\nIMS_CLIENT_ID=from-file\nOIDC_SCOPES=\"openid email\"\n\nSESSION_HOURS = 4\n";
        let given = vec!["partner-gateway".to_string(), "--session-hours".to_string(), "2".to_string()];
        let flags = file_settings(text, &command, &given).expect("read");
        assert_eq!(flags, vec!["--ims-client-id=from-file".to_string(), "--oidc-scopes=openid email".into()]);
        assert!(file_settings("NOT_A_SETTING=1", &command, &[]).expect_err("refused").contains("NOT_A_SETTING"));
        assert!(file_settings("just words", &command, &[]).expect_err("refused").starts_with("line 1"));
    }

    #[test]
    fn limits_are_checked() {
        assert!(check(&["--twin", "--token-timeout-seconds", "0"])
            .err()
            .unwrap_or_default()
            .starts_with("TOKEN_TIMEOUT_SECONDS"));
        let s = check(&["--twin", "--upstream-timeout-seconds", "5"]).expect("valid");
        assert_eq!(s.limits.upstream_timeout, Duration::from_secs(5));
        assert_eq!(s.hsts_seconds, 0, "no HSTS over plain http");
        let real = check(&[&REAL[..], &["--public-origin", "https://console.example.com"]].concat()).expect("valid");
        assert_eq!(real.hsts_seconds, 365 * 24 * 3600);
    }
}
