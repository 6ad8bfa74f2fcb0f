//! The gateway's HTTP/1.1 server: hyper with the limits `axum::serve` does not set.
//!
//! - A request's headers must arrive within [`Limits::header_timeout`] (an idle keep-alive
//!   connection is closed after the same time): a client that sends a byte a second holds a
//!   connection for seconds, not forever.
//! - At most [`Limits::max_connections`] connections are served at once; one more is answered
//!   `503` JSON and closed, so descriptors never run out and the ones being served go on.
//! - Headers larger than hyper's limit are refused by hyper itself (`431`, no body); within it,
//!   [`crate::guard`] answers an over-long address `414` and large headers `431`, as JSON.
//! - On shutdown the listener closes first, then the requests in flight are given
//!   [`Limits::drain_timeout`] to finish.

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::io;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// Timeouts and sizes of the gateway, each with a default a distributor rarely changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Time for a request's headers to arrive, and for an idle connection to send its next.
    pub header_timeout: Duration,
    /// Time for a request's body to arrive, once its headers have.
    pub body_timeout: Duration,
    /// Time for an upstream to answer one call, its body included.
    pub upstream_timeout: Duration,
    /// Time for a token service (IMS, VMware Cloud Services) to issue a token.
    pub token_timeout: Duration,
    /// Connections served at once.
    pub max_connections: usize,
    /// Time the requests in flight are given at shutdown.
    pub drain_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(20),
            upstream_timeout: Duration::from_secs(30),
            token_timeout: Duration::from_secs(10),
            // Below the usual 1,024 descriptors, leaving room for upstream connections and files.
            max_connections: 768,
            drain_timeout: Duration::from_secs(20),
        }
    }
}

/// hyper's own ceiling on a request's head; the JSON answers for 414 and 431 come below it.
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// What an extra connection over the limit is told before it is closed: a whole HTTP answer,
/// written without hyper since the connection is not served.
fn busy_answer() -> Vec<u8> {
    let body = serde_json::to_string(&crate::error::GatewayError::refusal(partner_model::gateway::BUSY).body)
        .unwrap_or_default();
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncache-control: no-store\r\nretry-after: 5\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes, then drains.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).max_buf_size(MAX_HEAD_BYTES);
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let busy: Arc<[u8]> = busy_answer().into();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (mut stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of descriptors or a connection reset before it was accepted: wait, go on.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            let busy = busy.clone();
            tokio::spawn(async move {
                let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(&busy)).await;
            });
            continue;
        };
        let _ = stream.set_nodelay(true);
        let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(limits.drain_timeout, graceful.shutdown()).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_busy_answer_is_json_of_its_declared_length() {
        let answer = busy_answer();
        let text = std::str::from_utf8(&answer).expect("ascii");
        let (head, body) = text.split_once("\r\n\r\n").expect("a head and a body");
        let declared: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length: "))
            .and_then(|n| n.parse().ok())
            .expect("a length");
        assert_eq!(declared, body.len());
        let json: serde_json::Value = serde_json::from_str(body).expect("JSON");
        assert_eq!(json["code"], partner_model::gateway::BUSY.code);
        assert_eq!(json["message"], partner_model::gateway::BUSY.message);
    }
}
