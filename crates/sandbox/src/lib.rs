//! The twin: a local imitation of the console's two upstream APIs — the Adobe Commerce Partner
//! API (VIPMP) and VMware Cloud Partner Navigator — with seeded demo data, fault injection and
//! its own endpoints under `__sandbox/`. It is an upstream of the gateway like the real APIs
//! (it checks the credentials the gateway adds, as they do), and never runs in production.

pub mod admin;
pub mod cpn;
pub mod faults;
pub mod twin;
pub mod vipmp;

use axum::middleware;
use axum::Router;
use std::io;

/// The twin's demo data, timing and faults.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Timing and persistence of the API twin.
    pub twin: twin::store::TwinSettings,
    /// The seed of the demo data.
    pub seed: u64,
    /// Adds a customer with 10,000 orders and 5,000 subscriptions (for benchmarks).
    pub large: bool,
    /// Names the first reseller and customer with HTML and script ([`faults::HOSTILE_TEXT`]),
    /// to prove the console shows API strings as text.
    pub hostile: bool,
    /// Faults in force from the start.
    pub faults: Vec<faults::Fault>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            twin: twin::store::TwinSettings::default(),
            seed: 2026,
            large: false,
            hostile: false,
            faults: Vec::new(),
        }
    }
}

/// The twin's flags, shared by `partner-sandbox` and `partner-gateway --twin`.
#[derive(clap::Args, Debug, Clone)]
pub struct TwinArgs {
    /// Keep the twin's data in FILE across restarts (written atomically after every change).
    #[arg(long, value_name = "FILE")]
    pub state: Option<std::path::PathBuf>,
    /// Seed of the demo data.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Add a customer with 10,000 orders and 5,000 subscriptions (for benchmarks).
    #[arg(long)]
    pub large: bool,
    /// Name the first reseller and customer with HTML and script (the console must show it as text).
    #[arg(long)]
    pub hostile: bool,
    /// How long new accounts, orders and transfers stay pending, in milliseconds.
    #[arg(long, default_value_t = 4000)]
    pub pending_ms: u64,
    /// How long a 3-Year Commit request stays REQUESTED, in milliseconds.
    #[arg(long, default_value_t = 8000)]
    pub commitment_ms: u64,
    // The doc comment below is also the flag's `--help`, where the brackets say "optional".
    #[allow(rustdoc::broken_intra_doc_links)]
    /// A fault to inject: "[METHOD] PATH KIND[=ARG] [xN]", e.g. "POST /v3/customers/*/orders drop x2",
    /// "/v3/** latency=12000", "GET /ping status=502"; kinds: latency, status, drop, truncate,
    /// malformed, hostile, stored=STATUS (the API answers STATUS and keeps it for replay by
    /// correlation id), crash (the process ends once the API has acted, before it saves),
    /// crash-after-save (after it saves, before it answers).
    #[arg(long = "fault", value_name = "SPEC")]
    pub faults: Vec<String>,
}

impl TwinArgs {
    /// The settings these flags ask for, or which `--fault` is wrong and why.
    pub fn settings(&self) -> Result<Settings, String> {
        let mut settings = Settings::default();
        settings.twin.state_file = self.state.clone();
        settings.twin.pending_delay = std::time::Duration::from_millis(self.pending_ms);
        settings.twin.commitment_delay = std::time::Duration::from_millis(self.commitment_ms);
        settings.seed = self.seed;
        settings.large = self.large;
        settings.hostile = self.hostile;
        for spec in &self.faults {
            settings.faults.push(faults::parse_spec(spec).map_err(|e| format!("--fault {e}"))?);
        }
        Ok(settings)
    }
}

/// The twin's parts, each to be mounted below its own base: the VIPMP API, the CPN API and
/// the sandbox's own endpoints. The APIs come with the fault rules in force (shared with
/// `admin`, and with whatever else the caller puts [`faults::inject`] in front of).
#[derive(Clone)]
pub struct Apis {
    pub vipmp: Router,
    pub cpn: Router,
    pub admin: Router,
    pub faults: faults::Faults,
    /// The resellers at start (id, company name), in the order they were created.
    pub resellers: Vec<(String, String)>,
}

/// Seeds (or loads) the twin and builds its routers.
pub fn apis(settings: &Settings) -> io::Result<Apis> {
    let mut world = vipmp::seed::world(settings.seed, twin::time::now(), settings.large);
    if settings.hostile {
        vipmp::seed::hostile(&mut world, faults::HOSTILE_TEXT);
    }
    let twin = twin::Twin::open(world, settings.twin.clone(), vipmp::seed::apply)?;
    let faults = faults::Faults::default();
    faults.set(settings.faults.clone());
    let inject = || middleware::from_fn_with_state(faults.clone(), faults::inject);
    let resellers = twin.read(|w, _| {
        let mut all: Vec<(String, String)> =
            w.resellers.values().map(|r| (r.reseller_id.clone(), r.company_profile.company_name.clone())).collect();
        all.sort();
        all
    });
    Ok(Apis {
        resellers,
        vipmp: vipmp::router(twin.clone(), faults.clone()).layer(inject()),
        cpn: cpn::router(twin.clone()).layer(inject()),
        admin: admin::router(twin, faults.clone()),
        faults,
    })
}

/// The twin alone, as an HTTP server would serve it: `/api/vipmp`, `/api/cpn` and
/// `/__sandbox`. Callers bring the credentials the upstream APIs want (the gateway adds them).
pub fn app(settings: &Settings) -> io::Result<Router> {
    let apis = apis(settings)?;
    Ok(Router::new().nest("/api/vipmp", apis.vipmp).nest("/api/cpn", apis.cpn).nest("/__sandbox", apis.admin))
}

/// Serves `app` on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await
}
