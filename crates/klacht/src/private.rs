//! The data directory is private: it holds complaints, letters and documents full of personal
//! data. Directories klacht creates are `0700`, files `0600`, whatever the operator's umask (the
//! process's umask is `077` as well, set in `main`, for what libraries create).

use anyhow::{Context, Result};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};

/// Creates `dir` (`0700`) if it does not exist; parents as the umask says.
pub(crate) fn create_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)
            .with_context(|| format!("creating the directory {}", parent.display()))?;
    }
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    builder.mode(0o700);
    match builder.create(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e).with_context(|| format!("creating the directory {}", dir.display())),
    }
}

/// Creates a new file (`0600`) for writing; fails if it exists.
pub(crate) fn create_file(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    options.open(path)
}

/// Creates the SQLite database file empty (`0600`) before SQLite does, so that the database and
/// its `-wal` and `-shm` files (SQLite gives them the database's mode) are private. An empty
/// file is a valid empty database.
pub(crate) fn create_sqlite_file(path: &Path) -> Result<()> {
    match create_file(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e).with_context(|| format!("creating the database {}", path.display())),
    }
}

/// The file of a `sqlite://PATH[?…]` URL.
pub(crate) fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or(url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Takes every permission for others away from `path` (to `0700` for a directory, `0600` for a
/// file) if it has any; returns the mode it had when it was changed.
#[cfg(unix)]
pub(crate) fn tighten(path: &Path) -> io::Result<Option<u32>> {
    let meta = fs::metadata(path)?;
    let mode = meta.permissions().mode() & 0o777;
    let wanted = if meta.is_dir() { 0o700 } else { 0o600 };
    if mode & 0o077 == 0 {
        return Ok(None);
    }
    fs::set_permissions(path, fs::Permissions::from_mode(wanted))?;
    Ok(Some(mode))
}

#[cfg(not(unix))]
pub(crate) fn tighten(_path: &Path) -> io::Result<Option<u32>> {
    Ok(None)
}

/// At `serve` start: the data directory and the database files, made private where they are
/// not (a directory made by an older klacht or by hand), each change logged.
pub(crate) fn tighten_data(data: &Path, database: Option<&Path>) {
    let mut paths = vec![data.to_path_buf()];
    if let Some(db) = database {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = db.as_os_str().to_owned();
            p.push(suffix);
            paths.push(PathBuf::from(p));
        }
    }
    for path in paths {
        match tighten(&path) {
            Ok(Some(was)) => tracing::warn!(
                path = %path.display(),
                "{} was open to other users (mode {was:o}); made it private ({})",
                path.display(),
                if path.is_dir() { "0700" } else { "0600" }
            ),
            Ok(None) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => tracing::warn!(
                path = %path.display(),
                error = %e,
                "could not make {} private",
                path.display()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_path("sqlite:///srv/klacht/klacht.db?mode=rwc"),
            Some(PathBuf::from("/srv/klacht/klacht.db"))
        );
        assert_eq!(
            sqlite_path("sqlite://data/klacht.db"),
            Some(PathBuf::from("data/klacht.db"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://localhost/klacht"), None);
    }
}
