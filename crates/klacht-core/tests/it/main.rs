//! klacht-core's integration tests, in one binary: the procedure engine against the rules
//! (`procedure`), the letters it sends (`letters`) and property-based fuzzing of the parsers of
//! outside input (`fuzz`). The engine takes time as an argument, so every test runs on fixed
//! dates ([`support::noon`]).
#![allow(clippy::unwrap_used)]

mod support;

mod fuzz;
mod letters;
mod procedure;
