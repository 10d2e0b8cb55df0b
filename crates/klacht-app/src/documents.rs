//! Documents on a dossier: checked by their content (never by their name), stored once by
//! content address in the data directory, outside any web root.

use sha2::Digest;
use std::path::{Path, PathBuf};

/// What a complainant may send: PDF, images, office documents. The content decides; a name is
/// only a name.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let kind = infer::get(bytes)?;
    let mime = kind.mime_type();
    const ALLOWED: [&str; 17] = [
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/heif",
        "image/heic",
        "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
        "application/x-ole-storage",
    ];
    ALLOWED.contains(&mime).then_some(mime)
}

/// SHA-256, hex: the document's address.
pub fn address(bytes: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(bytes))
}

pub fn path_of(dir: &Path, sha: &str) -> PathBuf {
    dir.join(sha.get(..2).unwrap_or("00")).join(sha)
}

/// Stores `bytes` durably (written, fsynced, renamed into place) and returns its address.
///
/// Call it only once the step that refers to the file is allowed: a file nobody refers to is
/// removed by [`sweep`] after [`ORPHAN_GRACE`].
pub async fn store(dir: &Path, bytes: &[u8]) -> std::io::Result<String> {
    let sha = address(bytes);
    let path = path_of(dir, &sha);
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
        // The same content again: its grace starts anew, so that the sweep cannot take a file
        // that was an orphan until this moment while the step that refers to it is stored.
        let touched = path.clone();
        let now = std::time::SystemTime::now();
        tokio::task::spawn_blocking(move || {
            std::fs::File::options()
                .write(true)
                .open(&touched)?
                .set_modified(now)
        })
        .await
        .map_err(std::io::Error::other)??;
        return Ok(sha);
    }
    let parent = path.parent().unwrap_or(dir).to_path_buf();
    // Documents hold personal data: directories and files for klacht's own user only,
    // whatever the umask.
    let mut builder = tokio::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(0o700);
    builder.create(&parent).await?;
    let tmp = parent.join(format!("{sha}.{}.tmp", std::process::id()));
    let mut options = tokio::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut f = options.open(&tmp).await?;
    if let Err(e) = write_synced(&mut f, bytes).await {
        let _ = tokio::fs::remove_file(&tmp).await;
        return Err(e);
    }
    tokio::fs::rename(&tmp, &path).await?;
    Ok(sha)
}

/// Writes `bytes` and syncs them to disk. tokio's file writes in the background: a failed
/// write (a full disk) is only reported by the next flush, and `sync_all` does not report it
/// at all, so the flush comes first: without it a document was "stored" empty or cut short.
async fn write_synced(f: &mut tokio::fs::File, bytes: &[u8]) -> std::io::Result<()> {
    use tokio::io::AsyncWriteExt;
    f.write_all(bytes).await?;
    f.flush().await?;
    f.sync_all().await
}

/// Whether the documents directory takes a write (for `/readyz`): a block written, synced and
/// removed. The database may still take a small write into space it holds already while the
/// disk is full; a file needs new space, as an attachment or a growing database does.
pub async fn probe_space(dir: &Path) -> std::io::Result<()> {
    let mut builder = tokio::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(0o700);
    builder.create(dir).await?;
    let probe = dir.join(format!(".readiness.{}.tmp", std::process::id()));
    let written = async {
        let mut f = tokio::fs::File::create(&probe).await?;
        write_synced(&mut f, &[0_u8; 8192]).await
    }
    .await;
    let _ = tokio::fs::remove_file(&probe).await;
    written
}

/// How long a stored file that no dossier refers to is kept (by its modification time) before
/// [`sweep`] removes it. Far longer than any request takes between storing a file and storing
/// the step that refers to it.
pub const ORPHAN_GRACE: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// What a [`sweep`] removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    pub files: u64,
    pub bytes: u64,
}

/// Why a sweep stopped.
#[derive(Debug, thiserror::Error)]
pub enum SweepError {
    #[error("reading which documents the dossiers refer to: {0}")]
    Store(#[from] klacht_store::StoreError),
    #[error("reading the documents directory {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Removes files in the documents directory `dir` that no dossier refers to and that were last
/// written more than `grace` ago: uploads whose step was refused after the file was stored,
/// complaints whose storing failed, temporary files of an interrupted write. A file a dossier
/// refers to is never removed, however old.
///
/// The files are listed before the references are read, so a file stored and referred to
/// while the sweep runs is either too young to be a candidate or already referred to.
pub async fn sweep(
    dir: &Path,
    store: &klacht_store_any::Store,
    grace: std::time::Duration,
) -> Result<Swept, SweepError> {
    sweep_or_count(dir, store, grace, false).await
}

/// [`sweep`], or with `dry_run` only what it would remove (the retention round's dry run).
pub async fn sweep_or_count(
    dir: &Path,
    store: &klacht_store_any::Store,
    grace: std::time::Duration,
    dry_run: bool,
) -> Result<Swept, SweepError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SweepError::Io { path, source }
    };
    let old_enough = |meta: &std::fs::Metadata| {
        meta.modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > grace)
    };
    let mut candidates = Vec::new();
    let mut top = match tokio::fs::read_dir(dir).await {
        Ok(d) => d,
        // Nothing stored yet.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Swept::default()),
        Err(e) => return Err(io(dir)(e)),
    };
    while let Some(sub) = top.next_entry().await.map_err(io(dir))? {
        let sub_path = sub.path();
        if !sub.file_type().await.map_err(io(&sub_path))?.is_dir() {
            continue;
        }
        let mut files = tokio::fs::read_dir(&sub_path)
            .await
            .map_err(io(&sub_path))?;
        while let Some(f) = files.next_entry().await.map_err(io(&sub_path))? {
            let name = f.file_name().to_string_lossy().into_owned();
            let is_address = name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit());
            if !(is_address || name.ends_with(".tmp")) {
                continue;
            }
            let Ok(meta) = f.metadata().await else {
                continue;
            };
            if meta.is_file() && old_enough(&meta) {
                candidates.push((f.path(), name, is_address));
            }
        }
    }
    if candidates.is_empty() {
        return Ok(Swept::default());
    }
    let referenced = store.referenced_documents().await?;
    let mut swept = Swept::default();
    for (path, name, is_address) in candidates {
        if is_address && referenced.contains(&name) {
            continue;
        }
        // Looked at again right before removing: the same content may have been stored anew
        // since it was listed (which makes it young again).
        let Ok(meta) = tokio::fs::metadata(&path).await else {
            continue;
        };
        if !old_enough(&meta) {
            continue;
        }
        if dry_run {
            swept.files += 1;
            swept.bytes += meta.len();
            continue;
        }
        match tokio::fs::remove_file(&path).await {
            Ok(()) => {
                swept.files += 1;
                swept.bytes += meta.len();
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&path)(e)),
        }
    }
    Ok(swept)
}

/// A file name as the complainant gave it, made safe to show and store: no path, no control
/// characters, at most 200 characters.
pub fn clean_filename(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    let cleaned = cleaned.trim().to_owned();
    if cleaned.is_empty() {
        "bijlage".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_not_the_name() {
        assert_eq!(
            sniff(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
            Some("application/pdf")
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("image/png"));
        assert_eq!(
            sniff(b"MZ\x90\0\x03\0\0\0\x04\0\0\0"),
            None,
            "a Windows program"
        );
        assert_eq!(sniff(b"gewoon tekst, geen pdf"), None);
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), None);
    }

    /// Documents hold personal data: only klacht's own user may read them, whatever the umask.
    #[cfg(unix)]
    #[tokio::test]
    async fn documents_and_their_directories_are_private_to_klachts_user() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let dir = tmp.path().join("documents");
        let sha = store(&dir, b"%PDF-1.4\n% een brief\n")
            .await
            .unwrap_or_else(|e| panic!("store: {e}"));
        let mode = |p: &Path| {
            let meta = std::fs::metadata(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            format!("{:o}", meta.permissions().mode() & 0o777)
        };
        let file = path_of(&dir, &sha);
        assert_eq!(mode(&dir), "700", "the documents directory");
        assert_eq!(
            mode(file.parent().unwrap_or(&dir)),
            "700",
            "its subdirectory"
        );
        assert_eq!(mode(&file), "600", "the document");
    }

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(clean_filename("C:\\Users\\jan\\brief.pdf"), "brief.pdf");
        assert_eq!(clean_filename("../../etc/passwd"), "passwd");
        assert_eq!(clean_filename("a\u{0}b\nc.pdf"), "abc.pdf");
        assert_eq!(clean_filename("  "), "bijlage");
    }
}
