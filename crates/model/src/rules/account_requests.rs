//! PLACEHOLDER: whole-request checks of account requests, filled in by its owner.
