//! PLACEHOLDER: whole-request checks of order and subscription requests, filled in by its owner.
