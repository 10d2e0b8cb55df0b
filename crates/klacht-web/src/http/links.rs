//! Addresses one surface hands out for another's route.

/// The path of a user's calendar feed for its token (`feeds` serves `GET /agenda/{token}.ics`;
/// the back office's account page hands out the address).
pub fn feed_path(token: &str) -> String {
    format!("/agenda/{token}.ics")
}
