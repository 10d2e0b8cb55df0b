//! The outbox: every message becomes one `.eml` file in a directory.
//!
//! Files are named `<reference or "mail">-<hash of Message-ID>.eml`, so they show the dossier at
//! a glance and map one-to-one to a Message-ID: a retried send of the same Message-ID overwrites
//! the earlier file instead of adding a second letter, without looking through the directory
//! (which grows by a file or two per complaint). `ls -tr` lists them by time.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use lettre::Message;
use sha2::{Digest, Sha256};

use crate::{Mail, MailError, Sent};

/// Writes messages as `.eml` files into a directory (created when missing).
#[derive(Debug, Clone)]
pub struct Outbox {
    dir: PathBuf,
    /// Serialises writes, so that two concurrent sends of the same Message-ID in this process
    /// never share a temporary file.
    lock: Arc<Mutex<()>>,
}

impl Outbox {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            lock: Arc::new(Mutex::new(())),
        }
    }

    /// The directory the `.eml` files go to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn describe(&self) -> String {
        format!("outbox {}", self.dir.display())
    }

    /// Writes the message; `Sent::detail` is the path of the `.eml` file.
    pub(crate) async fn deliver(&self, mail: &Mail, message: &Message) -> Result<Sent, MailError> {
        let bytes = message.formatted();
        let dir = self.dir.clone();
        let name = file_name(mail.reference.as_deref(), &mail.message_id);
        let lock = Arc::clone(&self.lock);
        // Blocking file I/O with fsyncs: keep it off the async worker threads.
        tokio::task::spawn_blocking(move || {
            let _guard = lock.lock().unwrap_or_else(PoisonError::into_inner);
            write_eml(&dir, &name, &bytes)
        })
        .await
        .map_err(|e| MailError::Outbox {
            path: self.dir.clone(),
            source: io::Error::other(e),
        })?
        .map(|path| Sent {
            detail: path.display().to_string(),
        })
    }
}

/// The name of the `.eml` file of a message with this reference and Message-ID (without angle
/// brackets): `<reference or "mail">-<hash of the Message-ID>.eml`. Also for finding a copy again.
pub fn file_name(reference: Option<&str>, message_id: &str) -> String {
    format!(
        "{}-{}.eml",
        file_name_part(reference),
        short_hash(message_id)
    )
}

/// Writes atomically: a reader (or a crash) sees either no file or the whole message.
fn write_eml(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, MailError> {
    let failed = |path: &Path| {
        let path = path.to_path_buf();
        move |source| MailError::Outbox { path, source }
    };
    create_private_dir(dir).map_err(failed(dir))?;
    let path = dir.join(name);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));

    if let Err(source) = write_synced(&tmp, bytes).and_then(|()| fs::rename(&tmp, &path)) {
        // Best effort: a stray .tmp file is harmless, the error below is what matters.
        let _ = fs::remove_file(&tmp);
        return Err(MailError::Outbox { path, source });
    }
    sync_dir(dir).map_err(failed(dir))?;
    Ok(path)
}

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    // A letter holds personal data: readable by klacht's own user only, whatever the umask.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Creates the directory (and missing parents) for klacht's own user only.
fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Makes the rename itself durable.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// The reference as a safe file-name part (no separators, no dots, bounded length).
fn file_name_part(reference: Option<&str>) -> String {
    let part: String = reference
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    if part.is_empty() {
        "mail".to_owned()
    } else {
        part
    }
}

/// 64 bits of SHA-256: short enough for a file name, far too long to collide in an outbox.
fn short_hash(message_id: &str) -> String {
    hex::encode(
        Sha256::digest(message_id.as_bytes())
            .get(..8)
            .unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_part_is_safe() {
        assert_eq!(file_name_part(Some("2026-0042")), "2026-0042");
        assert_eq!(file_name_part(Some("../etc/passwd")), "___etc_passwd");
        assert_eq!(file_name_part(Some("")), "mail");
        assert_eq!(file_name_part(None), "mail");
    }

    #[test]
    fn short_hash_is_stable_and_short() {
        assert_eq!(short_hash("a@b"), short_hash("a@b"));
        assert_ne!(short_hash("a@b"), short_hash("a@c"));
        assert_eq!(short_hash("a@b").len(), 16);
    }
}
