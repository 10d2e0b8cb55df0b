//! For the operator: `klacht verify`, `klacht backup` and `klacht restore`.
//!
//! A backup is a directory: the database (`klacht.db`, a consistent SQLite copy, or
//! `klacht.pgdump`, a `pg_dump` in custom format), the documents (`documents/`, as in the data
//! directory) and `manifest.json` with what it holds and a SHA-256 of every file. The database is
//! copied first and the documents after it: a document is stored before the complaint that
//! refers to it is committed, so every document the copy refers to is on disk by then.

use crate::private;
use anyhow::{Context, Result, bail};
use klacht_store::{Backend, Counts, Verification};
use klacht_store_any::Store;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const MANIFEST: &str = "manifest.json";
const SQLITE_FILE: &str = "klacht.db";
const PG_DUMP_FILE: &str = "klacht.pgdump";
const DOCUMENTS: &str = "documents";
/// The manifest's layout; a later klacht that changes it reads this one still.
const FORMAT: u32 = 1;
const INSTALL_PG_CLIENT: &str = "install the PostgreSQL client tools of the server's major version or newer \
     (Debian/Ubuntu: apt install postgresql-client; RHEL: dnf install postgresql)";

/// Where a database lives, as `--data` and `--database` say.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Target {
    pub(crate) fn backend(&self) -> Backend {
        match self {
            Target::Sqlite(_) => Backend::Sqlite,
            Target::Postgres(_) => Backend::Postgres,
        }
    }

    pub(crate) fn url(&self) -> String {
        match self {
            Target::Sqlite(path) => format!("sqlite://{}", path.display()),
            Target::Postgres(url) => url.clone(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    /// For whoever finds the file.
    about: String,
    format: u32,
    klacht_version: String,
    created_at: jiff::Timestamp,
    /// `sqlite` or `postgres`.
    backend: String,
    /// The database's file among `files`.
    database: String,
    counts: ManifestCounts,
    files: Vec<FileSum>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct ManifestCounts {
    complaints: i64,
    events: i64,
    users: i64,
    documents: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct FileSum {
    /// Relative to the backup directory, `/`-separated.
    path: String,
    bytes: u64,
    sha256: String,
}

fn backend_name(b: Backend) -> &'static str {
    match b {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    }
}

// ---------------------------------------------------------------------------------------------
// verify

/// `klacht verify`: every dossier checked; exit status 1 when one does not verify or a document
/// it refers to is missing from `documents` or damaged (not looked for when `None`).
pub(crate) async fn verify(url: &str, documents: Option<&Path>) -> Result<ExitCode> {
    let store = Store::connect(url).await?;
    let found = store.verify_all().await;
    store.close().await;
    Ok(report(&found?, documents))
}

/// Prints what [`Store::verify_all`] found: each problem on a line of its own that starts with
/// the complaint's reference, then a summary.
fn report(v: &Verification, documents: Option<&Path>) -> ExitCode {
    for b in &v.broken {
        println!(
            "{}: broken at event {}: the dossier was changed or shortened after it was written",
            b.reference, b.seq
        );
    }
    // A document is there when its file is, and whole when its content is its address.
    let (mut missing, mut damaged) = (0, 0);
    if let Some(dir) = documents {
        for (sha, reference) in &v.documents {
            let path = klacht_web::documents::path_of(dir, sha);
            if !path.is_file() {
                println!(
                    "{reference}: document {sha} is missing from {}",
                    dir.display()
                );
                missing += 1;
            } else if sum_file(&path).map(|(sum, _)| sum != *sha).unwrap_or(true) {
                println!(
                    "{reference}: document {sha} is damaged: its content does not match its address"
                );
                damaged += 1;
            }
        }
    }
    if v.broken.is_empty() {
        println!("{} complaints checked, all chains intact", v.complaints);
    } else {
        println!(
            "{} complaints checked, {} broken",
            v.complaints,
            v.broken.len()
        );
    }
    if documents.is_some() {
        if missing + damaged == 0 {
            println!(
                "{} documents referred to, all present and whole",
                v.documents.len()
            );
        } else {
            println!(
                "{} documents referred to, {missing} missing, {damaged} damaged",
                v.documents.len()
            );
        }
    }
    if v.broken.is_empty() && missing + damaged == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

// ---------------------------------------------------------------------------------------------
// backup

/// `klacht backup --to DIR`.
pub(crate) async fn backup(db: &Target, data: &Path, to: &Path) -> Result<ExitCode> {
    // Everything that can be known to fail is checked before anything is written.
    if to.exists() {
        let empty = std::fs::read_dir(to)
            .with_context(|| format!("reading {}", to.display()))?
            .next()
            .is_none();
        if !empty {
            bail!(
                "{} exists and is not empty; a backup goes into a new or empty directory",
                to.display()
            );
        }
    }
    let pg_dump = match db {
        Target::Postgres(_) => Some(find_program("pg_dump").with_context(|| {
            format!(
                "pg_dump is not installed (not on PATH): {INSTALL_PG_CLIENT}. The documents alone \
                 are not a backup, so nothing was written"
            )
        })?),
        Target::Sqlite(_) => None,
    };
    let store = Store::connect(&db.url()).await?;
    private::create_dir(to)?;
    private::tighten(to).with_context(|| format!("making {} private", to.display()))?;
    let written = write_backup(&store, db, pg_dump.as_deref(), data, to).await;
    store.close().await;
    let (manifest, damaged) = written.with_context(|| {
        format!(
            "the backup in {} is incomplete (it has no {MANIFEST}); remove it before trying again",
            to.display()
        )
    })?;
    let bytes: u64 = manifest.files.iter().map(|f| f.bytes).sum();
    let c = manifest.counts;
    println!(
        "backup in {}: {} complaints, {} events, {} users, {} documents; {} files, {:.1} MB",
        to.display(),
        c.complaints,
        c.events,
        c.users,
        c.documents,
        manifest.files.len(),
        bytes as f64 / 1e6
    );
    if damaged.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    for d in &damaged {
        eprintln!(
            "error: {d} in the data directory does not match its address: the document is damaged \
             (copied as it is)"
        );
    }
    eprintln!(
        "error: the backup is complete, but {} document(s) in the data directory are damaged",
        damaged.len()
    );
    Ok(ExitCode::from(1))
}

/// Writes the backup into the empty directory `to`; returns the manifest and the documents
/// whose content did not match their address.
async fn write_backup(
    store: &Store,
    db: &Target,
    pg_dump: Option<&Path>,
    data: &Path,
    to: &Path,
) -> Result<(Manifest, Vec<String>)> {
    // The moment the backup holds: the database copy starts now.
    let taken = jiff::Timestamp::now();
    let (database, counts) = match (db, pg_dump) {
        (Target::Postgres(url), Some(pg_dump)) => {
            let file = to.join(PG_DUMP_FILE);
            private::create_file(&file).with_context(|| format!("creating {}", file.display()))?;
            let snapshot = store.pg_snapshot().await?;
            let mut cmd = tokio::process::Command::new(pg_dump);
            cmd.arg("--format=custom")
                .arg(format!("--snapshot={}", snapshot.id()))
                .arg("--file")
                .arg(&file);
            let dumped = run_pg_tool(cmd, url).await;
            let counts = snapshot.counts();
            snapshot.finish().await?;
            dumped.context("pg_dump")?;
            (PG_DUMP_FILE, counts)
        }
        _ => {
            let file = to.join(SQLITE_FILE);
            private::create_file(&file).with_context(|| format!("creating {}", file.display()))?;
            let counts = store
                .copy_sqlite_into(&file)
                .await
                .context("copying the database (VACUUM INTO)")?;
            (SQLITE_FILE, counts)
        }
    };
    // After the database: see the module's documentation.
    let (from, into, file) = (
        crate::documents_dir(data),
        to.join(DOCUMENTS),
        to.join(database),
    );
    let (mut files, damaged, db_sum) = tokio::task::spawn_blocking(move || {
        let (files, damaged) = copy_documents(&from, &into)?;
        let (sha256, bytes) = sum_file(&file)?;
        anyhow::Ok((files, damaged, (sha256, bytes)))
    })
    .await??;
    let documents = files.len() as u64;
    files.insert(
        0,
        FileSum {
            path: database.to_owned(),
            bytes: db_sum.1,
            sha256: db_sum.0,
        },
    );
    let manifest = Manifest {
        about: "klacht backup: restore with `klacht restore --from DIR`".to_owned(),
        format: FORMAT,
        klacht_version: env!("CARGO_PKG_VERSION").to_owned(),
        created_at: taken,
        backend: backend_name(db.backend()).to_owned(),
        database: database.to_owned(),
        counts: manifest_counts(counts, documents),
        files,
    };
    let path = to.join(MANIFEST);
    let json = serde_json::to_vec_pretty(&manifest)?;
    let mut f =
        private::create_file(&path).with_context(|| format!("creating {}", path.display()))?;
    f.write_all(&json)
        .and_then(|()| f.sync_all())
        .with_context(|| format!("writing {}", path.display()))?;
    sync_dir(to)?;
    Ok((manifest, damaged))
}

fn manifest_counts(c: Counts, documents: u64) -> ManifestCounts {
    ManifestCounts {
        complaints: c.complaints,
        events: c.events,
        users: c.users,
        documents,
    }
}

/// Whether `name` is `xx/<sha-256 hex starting with xx>`: a stored document, not a file being
/// written (`….tmp`) or anything else.
fn is_document(dir: &str, name: &str) -> bool {
    name.len() == 64
        && name
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && name.get(..2) == Some(dir)
}

/// Copies every stored document from `from` to `into` (created `0700`), hashing as it goes.
/// Returns the files (paths relative to the backup) and those whose content does not match
/// their address.
fn copy_documents(from: &Path, into: &Path) -> Result<(Vec<FileSum>, Vec<String>)> {
    let mut files = Vec::new();
    let mut damaged = Vec::new();
    if !from.is_dir() {
        return Ok((files, damaged));
    }
    private::create_dir(into)?;
    for (dir, name) in list_documents(from)? {
        let rel = format!("{DOCUMENTS}/{dir}/{name}");
        let target_dir = into.join(&dir);
        private::create_dir(&target_dir)?;
        let (sha256, bytes) = copy_file(&from.join(&dir).join(&name), &target_dir.join(&name))?;
        if sha256 != name {
            damaged.push(format!("{}/{dir}/{name}", from.display()));
        }
        files.push(FileSum {
            path: rel,
            bytes,
            sha256,
        });
    }
    Ok((files, damaged))
}

/// The stored documents under `dir`, as (subdirectory, name), sorted.
fn list_documents(dir: &Path) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    let read = |d: &Path| std::fs::read_dir(d).with_context(|| format!("reading {}", d.display()));
    for sub in read(dir)? {
        let sub = sub.with_context(|| format!("reading {}", dir.display()))?;
        let Ok(sub_name) = sub.file_name().into_string() else {
            continue;
        };
        if sub_name.len() != 2 || !sub.path().is_dir() {
            continue;
        }
        for f in read(&sub.path())? {
            let f = f.with_context(|| format!("reading {}", sub.path().display()))?;
            if let Ok(name) = f.file_name().into_string()
                && is_document(&sub_name, &name)
            {
                out.push((sub_name.clone(), name));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Copies `from` to the new file `to` (`0600`, synced); returns the SHA-256 and size.
fn copy_file(from: &Path, to: &Path) -> Result<(String, u64)> {
    let mut src =
        std::fs::File::open(from).with_context(|| format!("opening {}", from.display()))?;
    let mut dst = private::create_file(to).with_context(|| format!("creating {}", to.display()))?;
    let mut hash = Sha256::new();
    let mut bytes = 0u64;
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = src
            .read(&mut buf)
            .with_context(|| format!("reading {}", from.display()))?;
        let Some(chunk) = buf.get(..n).filter(|c| !c.is_empty()) else {
            break;
        };
        hash.update(chunk);
        dst.write_all(chunk)
            .with_context(|| format!("writing {}", to.display()))?;
        bytes += n as u64;
    }
    dst.sync_all()
        .with_context(|| format!("writing {}", to.display()))?;
    Ok((hex::encode(hash.finalize()), bytes))
}

/// The SHA-256 and size of a file.
fn sum_file(path: &Path) -> Result<(String, u64)> {
    let mut f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut hash = Sha256::new();
    let bytes =
        std::io::copy(&mut f, &mut hash).with_context(|| format!("reading {}", path.display()))?;
    Ok((hex::encode(hash.finalize()), bytes))
}

/// Makes the directory's entries (new files, renames) durable.
fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("syncing {}", dir.display()))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// The program `name` on PATH.
fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Runs a PostgreSQL client tool against `url`: the password goes in the environment, not on
/// the command line, where every user of the machine could read it.
async fn run_pg_tool(mut cmd: tokio::process::Command, url: &str) -> Result<()> {
    let (url, password) = split_password(url)?;
    cmd.arg("--dbname").arg(url);
    if let Some(p) = password {
        cmd.env("PGPASSWORD", p);
    }
    cmd.stdin(std::process::Stdio::null());
    let out = cmd.output().await.context("starting it")?;
    if !out.status.success() {
        bail!(
            "it failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// The URL without its password, and the password (percent-decoded).
fn split_password(url: &str) -> Result<(String, Option<String>)> {
    let mut parsed = url::Url::parse(url).context("the database URL")?;
    let Some(password) = parsed.password().map(percent_decode) else {
        return Ok((url.to_owned(), None));
    };
    if parsed.set_password(None).is_err() {
        bail!("the database URL has a password but no host");
    }
    Ok((parsed.to_string(), Some(password)))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

// ---------------------------------------------------------------------------------------------
// restore

/// `klacht restore --from DIR`: into an empty data directory (and database), never over one.
pub(crate) async fn restore(from: &Path, data: &Path, db: &Target) -> Result<ExitCode> {
    let manifest = read_manifest(from)?;
    let documents = crate::documents_dir(data);
    // Checks first, in the order of what the operator can fix: the target, then the backup.
    match (manifest.backend.as_str(), db) {
        ("sqlite", Target::Sqlite(_)) | ("postgres", Target::Postgres(_)) => {}
        ("postgres", Target::Sqlite(_)) => bail!(
            "this is a backup of a PostgreSQL database: give --database postgres://… (an empty \
             database) to restore it into"
        ),
        ("sqlite", Target::Postgres(_)) => bail!(
            "this is a backup of a SQLite database; leave out --database to restore it into \
             {}",
            data.join(SQLITE_FILE).display()
        ),
        (other, _) => bail!("{MANIFEST} names an unknown database kind {other:?}"),
    }
    if let Target::Sqlite(path) = db {
        for suffix in ["", "-wal"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let p = PathBuf::from(p);
            if p.exists() {
                bail!(
                    "{} exists: restore never overwrites a database; restore into a new or empty \
                     data directory (--data)",
                    p.display()
                );
            }
        }
    }
    if documents.is_dir()
        && std::fs::read_dir(&documents)
            .with_context(|| format!("reading {}", documents.display()))?
            .next()
            .is_some()
    {
        bail!(
            "{} is not empty: restore never overwrites documents; restore into a new or empty \
             data directory (--data)",
            documents.display()
        );
    }
    let pg_restore = match db {
        Target::Postgres(url) => {
            let pg_restore = find_program("pg_restore").with_context(|| {
                format!("pg_restore is not installed (not on PATH): {INSTALL_PG_CLIENT}")
            })?;
            if !klacht_store_any::postgres_is_empty(url).await? {
                bail!(
                    "the database {} is not empty: restore never overwrites a database; create an \
                     empty one (createdb) and give it with --database",
                    split_password(url)?.0
                );
            }
            Some(pg_restore)
        }
        Target::Sqlite(_) => None,
    };
    let checked = {
        let (from, files) = (from.to_path_buf(), manifest.files.clone());
        tokio::task::spawn_blocking(move || check_files(&from, &files)).await?
    };
    checked.with_context(|| {
        format!(
            "the backup in {} is damaged; nothing was restored",
            from.display()
        )
    })?;

    private::create_dir(data)?;
    private::tighten(data).with_context(|| format!("making {} private", data.display()))?;
    let copied = {
        let (from, files, data) = (
            from.to_path_buf(),
            manifest.files.clone(),
            data.to_path_buf(),
        );
        tokio::task::spawn_blocking(move || {
            for f in files.iter().filter(|f| f.path.starts_with("documents/")) {
                let to = data.join(&f.path);
                if let Some(dir) = to.parent() {
                    private::create_dir(dir)?;
                }
                copy_file(&from.join(&f.path), &to)?;
            }
            anyhow::Ok(())
        })
        .await?
    };
    copied.context("copying the documents")?;
    match (db, pg_restore) {
        (Target::Postgres(url), Some(pg_restore)) => {
            let mut cmd = tokio::process::Command::new(pg_restore);
            cmd.args([
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
            ]);
            cmd.arg(from.join(&manifest.database));
            run_pg_tool(cmd, url).await.context("pg_restore")?;
        }
        (Target::Sqlite(path), _) => {
            if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                private::create_dir(dir)?;
            }
            // Copied beside its place and renamed into it: a database file is whole or absent.
            let mut tmp = path.as_os_str().to_owned();
            tmp.push(".restoring");
            let tmp = PathBuf::from(tmp);
            let (src, dst) = (from.join(&manifest.database), tmp.clone());
            tokio::task::spawn_blocking(move || copy_file(&src, &dst)).await??;
            std::fs::rename(&tmp, path)
                .with_context(|| format!("moving the database into {}", path.display()))?;
            if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                sync_dir(dir)?;
            }
        }
        (Target::Postgres(_), None) => bail!("pg_restore is not installed"),
    }

    let store = Store::connect(&db.url()).await?;
    let result = async {
        let counts = store.counts().await?;
        let v = store.verify_all().await?;
        anyhow::Ok((counts, v))
    }
    .await;
    store.close().await;
    let (counts, v) = result?;
    let c = manifest.counts;
    println!(
        "restored the backup of {} from {}: {} complaints, {} events, {} users, {} documents",
        manifest.created_at,
        from.display(),
        counts.complaints,
        counts.events,
        counts.users,
        c.documents
    );
    if manifest_counts(counts, c.documents) != c {
        bail!(
            "the restored database holds {} complaints, {} events and {} users; the backup's \
             {MANIFEST} says {}, {} and {}",
            counts.complaints,
            counts.events,
            counts.users,
            c.complaints,
            c.events,
            c.users
        );
    }
    Ok(report(&v, Some(&documents)))
}

fn read_manifest(from: &Path) -> Result<Manifest> {
    let path = from.join(MANIFEST);
    let text = std::fs::read(&path).with_context(|| {
        format!(
            "{} has no readable {MANIFEST}: not a (complete) klacht backup",
            from.display()
        )
    })?;
    let manifest: Manifest = serde_json::from_slice(&text)
        .with_context(|| format!("{} is not a klacht backup manifest", path.display()))?;
    if manifest.format != FORMAT {
        bail!(
            "{} has format {}; this klacht reads format {FORMAT}",
            path.display(),
            manifest.format
        );
    }
    // Only the files a backup has, by these names: a manifest cannot send a restore elsewhere.
    let mut seen = BTreeMap::new();
    for f in &manifest.files {
        let ok = f.path == manifest.database
            && [SQLITE_FILE, PG_DUMP_FILE].contains(&f.path.as_str())
            || f.path
                .strip_prefix("documents/")
                .and_then(|rest| rest.split_once('/'))
                .is_some_and(|(dir, name)| is_document(dir, name));
        if !ok || seen.insert(f.path.as_str(), ()).is_some() {
            bail!("{} lists an unexpected file {:?}", path.display(), f.path);
        }
    }
    if !seen.contains_key(manifest.database.as_str()) {
        bail!(
            "{} does not list the database file {:?}",
            path.display(),
            manifest.database
        );
    }
    Ok(manifest)
}

/// Every file of the backup is there with the size and SHA-256 its manifest says.
fn check_files(from: &Path, files: &[FileSum]) -> Result<()> {
    for f in files {
        let path = from.join(&f.path);
        let (sha256, bytes) =
            sum_file(&path).with_context(|| format!("{} is missing or unreadable", f.path))?;
        if sha256 != f.sha256 || bytes != f.bytes {
            bail!(
                "{} does not match its checksum in {MANIFEST} (SHA-256 {sha256}, {bytes} bytes; \
                 expected {}, {} bytes)",
                f.path,
                f.sha256,
                f.bytes
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url_decoded() {
        assert_eq!(
            split_password("postgres://klacht:p%40ss%2Fw@db.example:5432/klacht?sslmode=require")
                .unwrap_or_else(|e| panic!("{e}")),
            (
                "postgres://klacht@db.example:5432/klacht?sslmode=require".to_owned(),
                Some("p@ss/w".to_owned())
            )
        );
        assert_eq!(
            split_password("postgres://postgres@127.0.0.1/test").unwrap_or_else(|e| panic!("{e}")),
            ("postgres://postgres@127.0.0.1/test".to_owned(), None)
        );
    }

    #[test]
    fn only_stored_documents_count_as_documents() {
        let sha = "ab".repeat(32);
        assert!(is_document("ab", &sha));
        assert!(!is_document("cd", &sha), "in the wrong directory");
        assert!(
            !is_document("ab", &format!("{sha}.123.tmp")),
            "being written"
        );
        assert!(!is_document("ab", "../../etc/passwd"));
        assert!(!is_document("..", &sha));
    }
}
