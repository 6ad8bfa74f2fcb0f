//! The twin's core: the world (every record), its clock and the changes that happen later
//! (pending → active), persistence, and the helpers every endpoint shares.

pub mod error;
pub mod gen;
pub mod replies;
pub mod store;
pub mod table;
pub mod time;
pub mod world;

pub use error::{ApiError, Strict};
pub use store::Twin;
pub use world::{Change, World};
