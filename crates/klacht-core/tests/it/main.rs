//! klacht-core's integration tests, in one binary: the procedure engine against the rules
//! (`procedure`), the letters it sends (`letters`) and property-based fuzzing of the parsers of
//! outside input (`fuzz`). The engine takes time as an argument, so every test runs on fixed
//! dates ([`support::noon`]).
// Tests stop where an expectation fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

mod fuzz;
mod letters;
mod procedure;
