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
pub async fn store(dir: &Path, bytes: &[u8]) -> std::io::Result<String> {
    let sha = address(bytes);
    let path = path_of(dir, &sha);
    if tokio::fs::try_exists(&path).await.unwrap_or(false) {
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
    tokio::io::AsyncWriteExt::write_all(&mut f, bytes).await?;
    f.sync_all().await?;
    tokio::fs::rename(&tmp, &path).await?;
    Ok(sha)
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
