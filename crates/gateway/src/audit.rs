//! The audit trail: every change that passes the gateway, recorded before it is forwarded and
//! completed with its outcome. One code path for SQLite (an embedded file, the default) and
//! PostgreSQL (several gateway instances), through `sqlx`'s `Any` driver: the SQL is the
//! subset both speak (`$1` parameters, `TEXT` and `BIGINT`).
//!
//! - **Nothing acknowledged is lost:** a change whose row cannot be written is refused (`503
//!   GW-AUDIT`) before it is sent. A completion that cannot be written leaves the row `sent`,
//!   which says the truth: sent, outcome unknown here.
//! - **Migrations** are numbered statements applied in order inside one transaction each, and
//!   recorded in `audit_schema`; instances starting together are safe (a version applied twice
//!   fails on the primary key and is rolled back).
//! - **Signed-out sessions** are kept in the same database (`revoked_session`), so every
//!   instance refuses a session cookie once its user has signed out ([`crate::revoked`]).
//! - **Reading** (`GET {base}api/audit`): distributor staff see every entry, with filters by
//!   user, reseller, customer and dates; a reseller user sees the entries about their
//!   resellers, whoever made them. Newest first, offset-paged with the total.

use crate::error::GatewayError;
use crate::tenancy::Concerns;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use partner_model::audit::{AuditEntry, AuditPage, Outcome};
use partner_model::gateway::{Me, Role};
use serde::Deserialize;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};
use std::sync::Arc;
use std::time::Duration;

/// The schema, one statement per version.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE audit (
        id TEXT PRIMARY KEY,
        at_ms BIGINT NOT NULL,
        subject TEXT NOT NULL,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        role TEXT NOT NULL,
        reseller_ids TEXT NOT NULL,
        reseller_id TEXT NOT NULL,
        customer_id TEXT NOT NULL,
        method TEXT NOT NULL,
        template TEXT NOT NULL,
        path TEXT NOT NULL,
        correlation_id TEXT NOT NULL,
        request_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        status BIGINT,
        api_code TEXT NOT NULL,
        result_id TEXT NOT NULL,
        completed_ms BIGINT
    )",
    "CREATE INDEX audit_by_time ON audit (at_ms)",
    "CREATE INDEX audit_by_reseller ON audit (reseller_id, at_ms)",
    // Sessions signed out before their time (`crate::revoked`), kept until a while after they
    // would have ended.
    "CREATE TABLE revoked_session (id TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)",
    "CREATE INDEX revoked_by_expiry ON revoked_session (expires_at)",
];

/// Where the trail is kept.
#[derive(Clone)]
pub struct Audit {
    pool: AnyPool,
    /// `sqlite` or `postgres`, for `/readyz` and the log.
    pub kind: &'static str,
    /// Set once the schema is up to date (tried again on every use until it is).
    migrated: Arc<tokio::sync::OnceCell<()>>,
    /// For a SQLite file: a connection of its own that checkpoints the write-ahead log in the
    /// background, so no change waits for a checkpoint's writes.
    checkpointer: Option<AnyPool>,
}

impl std::fmt::Debug for Audit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Audit").field("kind", &self.kind).finish()
    }
}

/// A change about to be sent.
pub struct NewEntry<'a> {
    pub me: &'a Me,
    pub concerns: &'a Concerns,
    pub method: &'a str,
    pub template: &'a str,
    pub path: &'a str,
    pub correlation_id: &'a str,
    pub request_id: &'a str,
}

/// The database URL with its password replaced, for messages: the user's (`app:…@`) and any
/// query parameter that holds one (`?password=…`, `sslpassword=…`, which sqlx reads too). Read
/// as sqlx reads it (a URL); one that is not a URL is not shown at all.
pub fn redacted(url: &str) -> String {
    let Ok(mut parsed) = oauth2::url::Url::parse(url) else {
        return "(a database URL that cannot be read)".to_string();
    };
    if parsed.password().is_some() {
        let _ = parsed.set_password(Some("***"));
    }
    if parsed.query().is_some() {
        let pairs: Vec<(String, String)> = parsed
            .query_pairs()
            .map(|(name, value)| {
                let secret = name.to_ascii_lowercase().contains("pass");
                (name.into_owned(), if secret { "***".to_string() } else { value.into_owned() })
            })
            .collect();
        parsed.query_pairs_mut().clear().extend_pairs(pairs);
    }
    parsed.to_string()
}

/// Unix seconds as the database keeps them.
fn seconds(s: u64) -> i64 {
    i64::try_from(s).unwrap_or(i64::MAX)
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

impl Audit {
    /// The database at `url` (`sqlite://FILE`, `sqlite::memory:` or `postgres://…`), connected
    /// and migrated on first use; a SQLite file is created when missing.
    pub fn lazy(url: &str) -> Result<Audit, String> {
        sqlx::any::install_default_drivers();
        let kind = if url.starts_with("sqlite:") {
            "sqlite"
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            "postgres"
        } else {
            return Err("must be sqlite://FILE, sqlite::memory: or postgres://…".into());
        };
        let memory = url.contains(":memory:");
        let url = if kind == "sqlite" && !memory && !url.contains("mode=") {
            format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
        } else {
            url.to_string()
        };
        let mut options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(5));
        options = if memory {
            // An in-memory SQLite database lives as long as its one connection.
            options.max_connections(1).min_connections(1).idle_timeout(None).max_lifetime(None)
        } else if kind == "sqlite" {
            // One connection: SQLite has one writer at a time, and waiting in the pool's queue
            // is far shorter than SQLite's busy-wait sleeps when writers contend.
            options.max_connections(1).after_connect(|conn, _| {
                Box::pin(async move {
                    // Readers never wait for the writer; a commit survives the process ending
                    // (kill -9 included). `synchronous=NORMAL` spares an fsync per commit: what
                    // the last moment before a power cut wrote may be lost, which PostgreSQL,
                    // for several instances, does not risk.
                    sqlx::Executor::execute(&mut *conn, "PRAGMA journal_mode=WAL").await?;
                    sqlx::Executor::execute(&mut *conn, "PRAGMA synchronous=NORMAL").await?;
                    sqlx::Executor::execute(&mut *conn, "PRAGMA wal_autocheckpoint=0").await?;
                    sqlx::Executor::execute(&mut *conn, "PRAGMA busy_timeout=5000").await?;
                    Ok(())
                })
            })
        } else {
            options.max_connections(8)
        };
        let pool = options.connect_lazy(&url).map_err(|e| format!("cannot use {}: {e}", redacted(&url)))?;
        let checkpointer = (kind == "sqlite" && !memory)
            .then(|| AnyPoolOptions::new().max_connections(1).connect_lazy(&url))
            .transpose()
            .map_err(|e| format!("cannot use {}: {e}", redacted(&url)))?;
        Ok(Audit { pool, kind, migrated: Arc::default(), checkpointer })
    }

    /// [`Audit::lazy`], then connected and migrated now: a wrong URL or an unreachable database
    /// stops the gateway at start.
    pub async fn open(url: &str) -> Result<Audit, String> {
        let audit = Audit::lazy(url)?;
        audit.ensure().await.map_err(|e| format!("cannot prepare {}: {e}", redacted(url)))?;
        Ok(audit)
    }

    async fn ensure(&self) -> Result<(), sqlx::Error> {
        self.migrated
            .get_or_try_init(|| async {
                self.migrate().await?;
                self.start_checkpoints();
                Ok::<(), sqlx::Error>(())
            })
            .await
            .map(|_| ())
    }

    /// Checkpoints a SQLite file's log every second (passive: it never blocks a writer), for as
    /// long as this audit trail is in use.
    fn start_checkpoints(&self) {
        let Some(checkpointer) = self.checkpointer.clone() else { return };
        let alive = Arc::downgrade(&self.migrated);
        tokio::spawn(async move {
            while alive.upgrade().is_some() {
                tokio::time::sleep(Duration::from_secs(1)).await;
                let _ = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)").execute(&checkpointer).await;
            }
            checkpointer.close().await;
        });
    }

    async fn migrate(&self) -> Result<(), sqlx::Error> {
        sqlx::query("CREATE TABLE IF NOT EXISTS audit_schema (version BIGINT PRIMARY KEY)").execute(&self.pool).await?;
        for (i, statement) in MIGRATIONS.iter().enumerate() {
            let version = i as i64 + 1;
            let done: Option<i64> = sqlx::query_scalar("SELECT version FROM audit_schema WHERE version = $1")
                .bind(version)
                .fetch_optional(&self.pool)
                .await?;
            if done.is_some() {
                continue;
            }
            let mut tx = self.pool.begin().await?;
            sqlx::query("INSERT INTO audit_schema (version) VALUES ($1)").bind(version).execute(&mut *tx).await?;
            sqlx::query(statement).execute(&mut *tx).await?;
            if let Err(e) = tx.commit().await {
                // Another instance applied it first.
                let applied: Option<i64> = sqlx::query_scalar("SELECT version FROM audit_schema WHERE version = $1")
                    .bind(version)
                    .fetch_optional(&self.pool)
                    .await?;
                if applied.is_none() {
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// Whether the database answers (for `/readyz`).
    pub async fn ready(&self) -> bool {
        self.ensure().await.is_ok() && sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Records a change before it is sent; its id.
    pub async fn begin(&self, e: &NewEntry<'_>) -> Result<String, GatewayError> {
        if let Err(err) = self.ensure().await {
            crate::log::event("audit_write_failed", &[("store", self.kind), ("error", &err.to_string())]);
            return Err(GatewayError::refusal(partner_model::gateway::AUDIT_UNAVAILABLE));
        }
        let id = crate::random_token(12);
        let (role, resellers) = match &e.me.role {
            Role::Distributor => ("distributor", String::new()),
            Role::Reseller { reseller_ids } => ("reseller", reseller_ids.join(",")),
        };
        let written = sqlx::query(
            "INSERT INTO audit (id, at_ms, subject, name, email, role, reseller_ids, reseller_id, customer_id, method, template, path,
                correlation_id, request_id, outcome, status, api_code, result_id, completed_ms)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'sent', NULL, '', '', NULL)",
        )
        .bind(&id)
        .bind(now_ms())
        .bind(&e.me.subject)
        .bind(&e.me.name)
        .bind(&e.me.email)
        .bind(role)
        .bind(resellers)
        .bind(e.concerns.reseller.clone().unwrap_or_default())
        .bind(e.concerns.customer.clone().unwrap_or_default())
        .bind(e.method)
        .bind(e.template)
        .bind(e.path)
        .bind(e.correlation_id)
        .bind(e.request_id)
        .execute(&self.pool)
        .await;
        match written {
            Ok(_) => Ok(id),
            Err(err) => {
                crate::log::event("audit_write_failed", &[("store", self.kind), ("error", &err.to_string())]);
                Err(GatewayError::refusal(partner_model::gateway::AUDIT_UNAVAILABLE))
            }
        }
    }

    /// Completes entry `id` with what came back.
    pub async fn complete(
        &self,
        id: &str,
        outcome: Outcome,
        status: u16,
        api_code: &str,
        result_id: &str,
        concerns: &Concerns,
    ) {
        let outcome = match outcome {
            Outcome::Sent => "sent",
            Outcome::Answered => "answered",
            Outcome::Failed => "failed",
        };
        let written = sqlx::query(
            "UPDATE audit SET outcome = $1, status = $2, api_code = $3, result_id = $4, completed_ms = $5,
                reseller_id = CASE WHEN reseller_id = '' THEN $6 ELSE reseller_id END,
                customer_id = CASE WHEN customer_id = '' THEN $7 ELSE customer_id END
             WHERE id = $8",
        )
        .bind(outcome)
        .bind(i64::from(status))
        .bind(api_code)
        .bind(result_id)
        .bind(now_ms())
        .bind(concerns.reseller.clone().unwrap_or_default())
        .bind(concerns.customer.clone().unwrap_or_default())
        .bind(id)
        .execute(&self.pool)
        .await;
        if let Err(err) = written {
            crate::log::event(
                "audit_complete_failed",
                &[("store", self.kind), ("entry", id), ("error", &err.to_string())],
            );
        }
    }

    /// Records that session `id`, which would have ended at `expires_at` (Unix seconds), has
    /// been signed out.
    pub async fn revoke_session(&self, id: &str, expires_at: u64) -> Result<(), sqlx::Error> {
        self.ensure().await?;
        sqlx::query("INSERT INTO revoked_session (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING")
            .bind(id)
            .bind(seconds(expires_at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The signed-out sessions that would still be alive, or ended less than
    /// [`crate::revoked::CLOCK_SKEW`] ago: their ids and when they would end.
    pub async fn revoked_sessions(&self) -> Result<Vec<(String, u64)>, sqlx::Error> {
        self.ensure().await?;
        let rows = sqlx::query("SELECT id, expires_at FROM revoked_session WHERE expires_at > $1")
            .bind(seconds(crate::identity::now().saturating_sub(crate::revoked::CLOCK_SKEW)))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                let expires_at: i64 = row.try_get("expires_at")?;
                Ok((row.try_get("id")?, u64::try_from(expires_at).unwrap_or(0)))
            })
            .collect()
    }

    /// Forgets the signed-out sessions [`Audit::revoked_sessions`] no longer reads.
    pub async fn forget_ended_sessions(&self) -> Result<(), sqlx::Error> {
        self.ensure().await?;
        sqlx::query("DELETE FROM revoked_session WHERE expires_at <= $1")
            .bind(seconds(crate::identity::now().saturating_sub(crate::revoked::CLOCK_SKEW)))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The entries `filter` selects that `me` may see.
    pub async fn list(&self, me: &Me, filter: &Filter) -> Result<AuditPage, sqlx::Error> {
        self.ensure().await?;
        let mut w = Where::default();
        if let Role::Reseller { reseller_ids } = &me.role {
            // Only their resellers' entries; an unknown reseller in the filter matches nothing.
            let wanted: Vec<&String> = reseller_ids
                .iter()
                .filter(|r| filter.reseller.as_deref().is_none_or(|f| f.is_empty() || f == r.as_str()))
                .collect();
            if wanted.is_empty() {
                return Ok(AuditPage { items: Vec::new(), total: 0, offset: filter.offset(), limit: filter.limit() });
            }
            let ors: Vec<String> =
                wanted.into_iter().map(|r| format!("reseller_id = {}", w.param(Param::Text(r.clone())))).collect();
            w.clauses.push(format!("({})", ors.join(" OR ")));
        } else if let Some(r) = filter.reseller.as_deref().filter(|r| !r.is_empty()) {
            let p = w.param(Param::Text(r.to_string()));
            w.clauses.push(format!("reseller_id = {p}"));
        }
        if let Some(c) = filter.customer.as_deref().filter(|c| !c.is_empty()) {
            let p = w.param(Param::Text(c.to_string()));
            w.clauses.push(format!("customer_id = {p}"));
        }
        if let Some(u) = filter.user.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            let like = w.param(Param::Text(format!("%{}%", u.to_lowercase().replace(['%', '_'], ""))));
            let exact = w.param(Param::Text(u.to_string()));
            w.clauses.push(format!("(LOWER(name) LIKE {like} OR LOWER(email) LIKE {like} OR subject = {exact})"));
        }
        if let Some(from) = filter.from.as_deref().and_then(day_start) {
            let p = w.param(Param::Int(from));
            w.clauses.push(format!("at_ms >= {p}"));
        }
        if let Some(to) = filter.to.as_deref().and_then(day_start) {
            let p = w.param(Param::Int(to + 86_400_000));
            w.clauses.push(format!("at_ms < {p}"));
        }
        let filter_sql =
            if w.clauses.is_empty() { String::new() } else { format!(" WHERE {}", w.clauses.join(" AND ")) };
        let count_sql = format!("SELECT COUNT(*) FROM audit{filter_sql}");
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
        for p in &w.params {
            count = match p {
                Param::Text(t) => count.bind(t.clone()),
                Param::Int(n) => count.bind(*n),
            };
        }
        let total = count.fetch_one(&self.pool).await?;
        let select_sql = format!(
            "SELECT * FROM audit{filter_sql} ORDER BY at_ms DESC, id DESC LIMIT {} OFFSET {}",
            filter.limit(),
            filter.offset()
        );
        let mut select = sqlx::query(&select_sql);
        for p in &w.params {
            select = match p {
                Param::Text(t) => select.bind(t.clone()),
                Param::Int(n) => select.bind(*n),
            };
        }
        let rows = select.fetch_all(&self.pool).await?;
        let items = rows.iter().map(entry).collect::<Result<Vec<_>, _>>()?;
        Ok(AuditPage { items, total: total.max(0) as u64, offset: filter.offset(), limit: filter.limit() })
    }
}

/// A parameter of a query.
enum Param {
    Text(String),
    Int(i64),
}

/// A `WHERE` clause being built, with its parameters in order.
#[derive(Default)]
struct Where {
    clauses: Vec<String>,
    params: Vec<Param>,
}

impl Where {
    /// Adds `p`; its placeholder (`$3`).
    fn param(&mut self, p: Param) -> String {
        self.params.push(p);
        format!("${}", self.params.len())
    }
}

fn entry(row: &AnyRow) -> Result<AuditEntry, sqlx::Error> {
    let text = |name: &str| row.try_get::<String, _>(name);
    let outcome = match text("outcome")?.as_str() {
        "answered" => Outcome::Answered,
        "failed" => Outcome::Failed,
        _ => Outcome::Sent,
    };
    Ok(AuditEntry {
        id: text("id")?,
        at: crate::log::rfc3339_millis(row.try_get::<i64, _>("at_ms")?),
        subject: text("subject")?,
        name: text("name")?,
        email: text("email")?,
        role: text("role")?,
        reseller_ids: text("reseller_ids")?.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
        reseller_id: text("reseller_id")?,
        customer_id: text("customer_id")?,
        method: text("method")?,
        template: text("template")?,
        path: text("path")?,
        correlation_id: text("correlation_id")?,
        request_id: text("request_id")?,
        outcome,
        status: row.try_get::<Option<i64>, _>("status")?.and_then(|s| u16::try_from(s).ok()),
        api_code: text("api_code")?,
        result_id: text("result_id")?,
        completed_at: row.try_get::<Option<i64>, _>("completed_ms")?.map(crate::log::rfc3339_millis),
    })
}

/// `YYYY-MM-DD` as milliseconds at its start (UTC).
fn day_start(day: &str) -> Option<i64> {
    let day = day.trim();
    (day.len() == 10).then(|| partner_model::time::parse(day)).flatten().and_then(|ms| i64::try_from(ms).ok())
}

/// The filters of `GET {base}api/audit`.
#[derive(Debug, Default, Deserialize)]
pub struct Filter {
    pub user: Option<String>,
    pub reseller: Option<String>,
    pub customer: Option<String>,
    /// First and last day, `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    pub offset: Option<u64>,
    pub limit: Option<u64>,
}

impl Filter {
    fn offset(&self) -> u64 {
        self.offset.unwrap_or(0).min(1_000_000)
    }
    fn limit(&self) -> u64 {
        self.limit.unwrap_or(50).clamp(1, 500)
    }
}

/// The state of `GET {base}api/audit`.
#[derive(Clone)]
pub struct Reader {
    pub audit: Audit,
    pub sessions: Arc<crate::session::Sessions>,
}

/// `GET {base}api/audit?user=&reseller=&customer=&from=&to=&offset=&limit=`.
pub async fn read(State(reader): State<Reader>, headers: HeaderMap, Query(filter): Query<Filter>) -> Response {
    let me = match reader.sessions.caller(&axum::http::Method::GET, &headers).await {
        Ok(me) => me,
        Err(e) => return e.into_response(),
    };
    match reader.audit.list(&me, &filter).await {
        Ok(page) => {
            let mut response = Json(page).into_response();
            response.headers_mut().insert("cache-control", axum::http::HeaderValue::from_static("no-store"));
            response
        }
        Err(e) => {
            crate::log::event("audit_read_failed", &[("store", reader.audit.kind), ("error", &e.to_string())]);
            GatewayError::refusal(partner_model::gateway::AUDIT_READ).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_stay_out_of_messages() {
        assert_eq!(redacted("postgres://app:s3cret@127.0.0.1:5432/audit"), "postgres://app:***@127.0.0.1:5432/audit");
        assert_eq!(redacted("sqlite://audit.sqlite"), "sqlite://audit.sqlite");
        assert_eq!(
            redacted("postgres://app@db/audit?sslmode=require&password=S3cret&sslpassword=k3y"),
            "postgres://app@db/audit?sslmode=require&password=***&sslpassword=***"
        );
        // A password with the URL's own signs in it (percent-encoded, as sqlx wants them).
        assert_eq!(redacted("postgres://app:a%40b%3Fc@db:5432/audit"), "postgres://app:***@db:5432/audit");
        assert_eq!(
            redacted("postgres://app:s3cret@db/audit?password=x%26y"),
            "postgres://app:***@db/audit?password=***"
        );
        assert!(!redacted("not a url: s3cret").contains("s3cret"));
    }

    #[test]
    fn days_start_at_midnight_utc() {
        assert_eq!(day_start("1970-01-02"), Some(86_400_000));
        assert_eq!(day_start("not a day"), None);
    }
}
