//! The regulation's versions as use cases (T11, T16): import a version (`klacht profile import`,
//! the API), save a draft, adopt it with its adoption date, discard it, list and read the
//! versions, and compare two. Which version is in force on a day is klacht-core's
//! (`klacht_core::profile::versions`); the store keeps the versions.

use crate::{App, AppError, FieldProblem};
use jiff::civil::Date;
use klacht_core::Profile;
use klacht_core::procedure::{Refusal, RefusalKind};
use klacht_core::profile::ProfileError;
use klacht_core::profile::versions::{self, Adopted, Validity};
use klacht_store::{Stored, User, VersionRow, VersionState};

/// The longest profile text taken (the built-ins are about 40 KB).
pub const MAX_SOURCE_BYTES: usize = 512 * 1024;

/// A version with when it is in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub row: VersionRow,
    /// For adopted versions: from when until when it is in force.
    pub validity: Option<Validity>,
    /// Whether it is the version in force today.
    pub in_force: bool,
}

/// Every version, oldest first; drafts only for those who may manage them.
pub async fn list(app: &App, drafts: bool) -> Result<Vec<Version>, AppError> {
    let rows = app.store.versions().await?;
    let adopted: Vec<Adopted> = rows
        .iter()
        .filter(|r| r.state == VersionState::Adopted)
        .map(adopted_key)
        .collect();
    let validity = versions::validity(&adopted);
    let today = klacht_core::calendar::amsterdam_date(app.clock.now());
    let now = versions::in_force(&adopted, today).map(|a| a.id);
    Ok(rows
        .into_iter()
        .filter(|r| drafts || r.state == VersionState::Adopted)
        .map(|row| Version {
            validity: validity
                .iter()
                .find(|(a, _)| a.id == row.id)
                .map(|(_, v)| *v),
            in_force: Some(row.id) == now,
            row,
        })
        .collect())
}

fn adopted_key(r: &VersionRow) -> Adopted {
    Adopted {
        id: r.id,
        adopted_on: r.adopted_on,
        adopted_at: r.adopted_at.unwrap_or(r.created_at),
    }
}

/// One version with its TOML text. A draft only for `drafts` (those who may manage them).
pub async fn read(app: &App, id: i64, drafts: bool) -> Result<(Version, String), AppError> {
    let missing = || {
        AppError::not_found(
            format!("there is no version {id} of the regulation"),
            format!("er is geen versie {id} van de klachtenregeling"),
        )
    };
    let version = list(app, drafts)
        .await?
        .into_iter()
        .find(|v| v.row.id == id)
        .ok_or_else(missing)?;
    let source = app.store.profile_source(id).await?.ok_or_else(missing)?;
    Ok((version, source))
}

/// Whether `user` may draft and adopt versions (the coordinator, the administrator).
pub fn may_manage(user: &User) -> bool {
    user.active && versions::may_manage(&user.roles)
}

/// Refuses whoever may not draft and adopt versions (`None`: the operator, who may).
pub fn permitted(by: Option<&User>) -> Result<(), AppError> {
    match by {
        Some(u) if !may_manage(u) => Err(AppError::Refused(Refusal::new(
            RefusalKind::NotPermitted,
            "Alleen de klachtencoördinator of de beheerder legt versies van de klachtenregeling vast.",
            "Only the complaints coordinator or the administrator records versions of the regulation.",
        ))),
        _ => Ok(()),
    }
}

/// A profile's errors as the fields of an [`AppError::Invalid`]: each with its line and column,
/// as `klacht profile check` gives them.
pub fn profile_problems(errors: &[ProfileError]) -> AppError {
    AppError::Invalid(
        errors
            .iter()
            .map(|e| {
                let field = if e.path.is_empty() {
                    "toml".to_owned()
                } else {
                    e.path.clone()
                };
                let mut p = FieldProblem::new(
                    field,
                    format!("line {}, column {}: {}", e.line, e.column, e.message),
                );
                p.message_nl = Some(format!(
                    "regel {}, kolom {}: {}",
                    e.line, e.column, e.message
                ));
                p
            })
            .collect(),
    )
}

/// Reads and checks a text; `adopted_on` replaces its adoption date.
fn checked(source: &str, adopted_on: Option<Date>) -> Result<(Profile, String), AppError> {
    if source.len() > MAX_SOURCE_BYTES {
        return Err(AppError::invalid(
            "toml",
            format!(
                "is {} bytes; a regulation has at most {MAX_SOURCE_BYTES}",
                source.len()
            ),
        ));
    }
    // A browser sends a text area's lines with CR LF: the text is kept with LF, as the files.
    let source = source.replace("\r\n", "\n");
    let source = match adopted_on {
        Some(d) => versions::set_adopted_on(&source, d).map_err(|e| profile_problems(&e))?,
        None => source,
    };
    let profile = klacht_core::profile::parse(&source).map_err(|e| profile_problems(&e))?;
    Ok((profile, source))
}

/// Refuses a version label an adopted version with another text already carries: the public
/// list of versions would show two of the same name.
async fn label_is_free(app: &App, profile: &Profile, sha_of: &str) -> Result<(), AppError> {
    let sha = klacht_store::chain::sha256_hex(sha_of.as_bytes());
    for v in app.store.versions().await? {
        if v.state == VersionState::Adopted && v.version == profile.version {
            let same = app
                .store
                .profile_source(v.id)
                .await?
                .is_some_and(|s| klacht_store::chain::sha256_hex(s.as_bytes()) == sha);
            if !same {
                return Err(AppError::Invalid(vec![{
                    let mut p = FieldProblem::new(
                        "version",
                        format!(
                            "version {:?} is already adopted (version {}, in force from {}); give this one its own label, e.g. {:?}",
                            profile.version,
                            v.id,
                            v.adopted_on,
                            next_label(&profile.version)
                        ),
                    );
                    p.message_nl = Some(format!(
                        "versie {:?} is al vastgesteld (versie {}, geldig vanaf {}); geef deze een eigen naam, bijvoorbeeld {:?}",
                        profile.version,
                        v.id,
                        v.adopted_on,
                        next_label(&profile.version)
                    ));
                    p
                }]));
            }
        }
    }
    Ok(())
}

/// A label for the next version: `2025-1` → `2025-2`; otherwise `-2` appended.
pub fn next_label(label: &str) -> String {
    match label.rsplit_once('-') {
        Some((head, n)) if n.parse::<u32>().is_ok() => {
            format!("{head}-{}", n.parse::<u32>().unwrap_or(0).saturating_add(1))
        }
        _ => format!("{label}-2"),
    }
}

/// What [`import`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub id: i64,
    /// `false`: this very text was adopted before (as `id`).
    pub created: bool,
    pub name: String,
    pub version: String,
    pub adopted_on: Date,
}

/// Adopts a version from its TOML text (`klacht profile import`, `POST
/// /api/v1/regulation/versions`): checked as `klacht profile check` checks it, its adoption date
/// replaced by `adopted_on` when given. `by`: `None` for the operator.
pub async fn import(
    app: &App,
    by: Option<&User>,
    source: &str,
    adopted_on: Option<Date>,
    note: Option<&str>,
) -> Result<Imported, AppError> {
    permitted(by)?;
    let (profile, source) = checked(source, adopted_on)?;
    label_is_free(app, &profile, &source).await?;
    let stored = app
        .store
        .store_version(
            &profile,
            &source,
            VersionState::Adopted,
            by.map(|u| u.id),
            clean_note(note).as_deref(),
            app.clock.now(),
        )
        .await?;
    app.profiles.refresh(&app.store).await?;
    if stored.created {
        tracing::info!(
            id = stored.id,
            version = %profile.key(),
            adopted_on = %profile.adopted_on,
            "regulation version adopted"
        );
    }
    Ok(Imported {
        id: stored.id,
        created: stored.created,
        name: profile.name,
        version: profile.version,
        adopted_on: profile.adopted_on,
    })
}

fn clean_note(note: Option<&str>) -> Option<String> {
    note.map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(2000).collect())
}

/// Saves a text as a draft (the settings pages). The same text as a stored version gives that
/// version back.
pub async fn save_draft(
    app: &App,
    by: &User,
    source: &str,
    note: Option<&str>,
) -> Result<Stored, AppError> {
    permitted(Some(by))?;
    let (profile, source) = checked(source, None)?;
    Ok(app
        .store
        .store_version(
            &profile,
            &source,
            VersionState::Draft,
            Some(by.id),
            clean_note(note).as_deref(),
            app.clock.now(),
        )
        .await?)
}

/// Adopts draft `id`, taking effect on `adopted_on` (its text's adoption date is set to it).
pub async fn adopt(
    app: &App,
    by: &User,
    id: i64,
    adopted_on: Date,
    note: Option<&str>,
) -> Result<Imported, AppError> {
    permitted(Some(by))?;
    let (version, source) = read(app, id, true).await?;
    if version.row.state != VersionState::Draft {
        return Err(AppError::WrongState(format!(
            "version {id} is adopted already"
        )));
    }
    let (profile, source) = checked(&source, Some(adopted_on))?;
    label_is_free(app, &profile, &source).await?;
    app.store
        .adopt_draft(
            id,
            &profile,
            &source,
            Some(by.id),
            clean_note(note).as_deref(),
            app.clock.now(),
        )
        .await?;
    app.profiles.refresh(&app.store).await?;
    tracing::info!(id, version = %profile.key(), %adopted_on, "regulation version adopted");
    Ok(Imported {
        id,
        created: true,
        name: profile.name,
        version: profile.version,
        adopted_on,
    })
}

/// Deletes draft `id`.
pub async fn discard(app: &App, by: &User, id: i64) -> Result<(), AppError> {
    permitted(Some(by))?;
    if app.store.discard_draft(id).await? {
        Ok(())
    } else {
        Err(AppError::not_found(
            format!("there is no draft {id}"),
            format!("er is geen concept {id}"),
        ))
    }
}

/// One line of a comparison of two texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Same(String),
    Removed(String),
    Added(String),
    /// Unchanged lines left out, how many.
    Skipped(usize),
}

/// The lines that differ between `old` and `new`, with three unchanged lines around each change
/// and the count of those left out between.
pub fn compare(old: &str, new: &str) -> Vec<Line> {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    let mut shown_until = 0;
    for group in diff.grouped_ops(3) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let start = first.old_range().start;
        if start > shown_until {
            out.push(Line::Skipped(start - shown_until));
        }
        shown_until = last.old_range().end;
        for op in &group {
            for change in diff.iter_changes(op) {
                let text = change.value().trim_end_matches('\n').to_owned();
                out.push(match change.tag() {
                    similar::ChangeTag::Equal => Line::Same(text),
                    similar::ChangeTag::Delete => Line::Removed(text),
                    similar::ChangeTag::Insert => Line::Added(text),
                });
            }
        }
    }
    let total = old.lines().count();
    if !out.is_empty() && total > shown_until {
        out.push(Line::Skipped(total - shown_until));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t16_a_comparison_shows_the_changed_lines_with_their_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        let new = "a\nb\nc\nd\ne\nf\ng\nH\ni\nj\n";
        assert_eq!(
            compare(old, new),
            vec![
                Line::Skipped(4),
                Line::Same("e".into()),
                Line::Same("f".into()),
                Line::Same("g".into()),
                Line::Removed("h".into()),
                Line::Added("H".into()),
                Line::Same("i".into()),
                Line::Same("j".into()),
            ]
        );
        assert_eq!(compare(old, old), vec![]);
    }

    #[test]
    fn t16_the_next_label_counts_on() {
        assert_eq!(next_label("2025-1"), "2025-2");
        assert_eq!(next_label("2025-9"), "2025-10");
        assert_eq!(next_label("v3"), "v3-2");
    }
}
