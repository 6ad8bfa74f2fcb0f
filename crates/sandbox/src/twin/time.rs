//! Wall-clock time: now, and the API's formats (shared with the console, in the model).

use super::world::Millis;

pub use partner_model::time::{date, datetime, parse};

/// Now, in milliseconds since the Unix epoch.
pub fn now() -> Millis {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as Millis).unwrap_or(0)
}
