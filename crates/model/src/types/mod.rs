//! The wire types of both upstream APIs. Responses are read tolerantly (unknown fields ignored,
//! absent fields defaulted, unlisted enum values kept); requests are written strictly (only what
//! the call accepts).

#[macro_use]
mod open_enum;
pub mod account;
pub mod common;
pub mod cpn;
pub mod deployment;
pub mod discounts;
pub mod lists;
pub mod order;
pub mod pricing;
pub mod recommendations;
pub mod subscription;
pub mod switch_paths;
pub mod transfer;

pub use account::*;
pub use common::*;
pub use cpn::*;
pub use deployment::*;
pub use discounts::*;
pub use lists::*;
pub use order::*;
pub use pricing::*;
pub use recommendations::*;
pub use subscription::*;
pub use switch_paths::*;
pub use transfer::*;
