//! One's secret calendar address (`/agenda/TOKEN.ics`): the deadlines of one's complaints for
//! Outlook or Google Calendar, with references and dates, no names.

use crate::{App, AppError};
use klacht_store::User;

/// A new secret feed token for `user`; the old address stops working.
pub async fn new_feed(app: &App, user: &User) -> Result<String, AppError> {
    Ok(app.store.new_calendar_token(user.id).await?)
}

/// Stops `user`'s feed: its address no longer works.
pub async fn stop_feed(app: &App, user: &User) -> Result<(), AppError> {
    Ok(app.store.revoke_calendar_token(user.id).await?)
}
