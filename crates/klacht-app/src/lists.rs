//! Lists and searches of complaints: whose complaints someone sees (K8, K3) is core's
//! [`list_scope`], asked here with the staff as they stand; the store selects by it.

use crate::{App, AppError};
use klacht_core::procedure::{ListScope, Org, list_scope};
use klacht_store::{Cursor, ListFilter, Page, Sort, User};

/// The staff as the engine sees them, as read at most a second ago.
async fn org(app: &App) -> Result<Org, AppError> {
    let users = app.store.recent_users().await?;
    Ok(Org {
        staff: users.iter().map(User::staff).collect(),
    })
}

/// Whose complaints `user`'s lists and searches show, under the regulation in force.
pub async fn scope(app: &App, user: &User) -> Result<ListScope, AppError> {
    let loaded = app.regulation();
    Ok(list_scope(&loaded.profile, &org(app).await?, &user.staff()))
}

/// A page of the complaints `user` sees, filtered and sorted, after `after`.
pub async fn list(
    app: &App,
    user: &User,
    filter: &ListFilter,
    sort: Sort,
    after: Option<&Cursor>,
    limit: u32,
) -> Result<Page, AppError> {
    let scope = scope(app, user).await?;
    Ok(app.store.list(scope, filter, sort, after, limit).await?)
}
