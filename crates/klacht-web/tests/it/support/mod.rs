//! What the test modules share: the one test application and the clients that drive it.

pub mod app;
pub mod browser;
pub mod catalogue;
pub mod desk;
pub mod fuzz;
