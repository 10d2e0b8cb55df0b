//! API tokens, which the operator makes for programs (`klacht token create`).

use crate::{App, AppError};
use klacht_store::User;

/// A new API token for `user`; only its hash is stored, so this is the one time it is seen.
pub async fn create(app: &App, user: &User) -> Result<String, AppError> {
    Ok(app.store.create_token(user.id, app.clock.now()).await?)
}
