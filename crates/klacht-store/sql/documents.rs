//! Which stored files the dossiers refer to, for the sweep that removes files nobody refers to
//! (an upload whose step was refused after all, a form that was never sent).

use crate::Store;
use klacht_store::*;
use sqlx::Row;

use serde::Deserialize;
use std::collections::HashSet;

/// Rows read per query: the sweep reads every event that names a document, a page at a time,
/// so that memory stays flat however many there are.
const PAGE: i64 = 1000;

/// What the skeleton of an event that carries documents holds of them: the content address.
/// The file name is personal data and goes with anonymisation; the address stays in the
/// skeleton (the chain covers it), but an anonymised dossier no longer counts as referring to
/// the file, so the file goes too unless a dossier that is not anonymised refers to it.
#[derive(Deserialize)]
struct Named {
    sha256: String,
}

#[derive(Deserialize)]
struct Carrier {
    /// `document_attached`.
    document: Option<Named>,
    /// `complainant_added` (the form's attachments and additions through the status page).
    #[serde(default)]
    documents: Vec<Named>,
}

impl Store {
    /// The content address (SHA-256, hex) of every document a dossier that is not anonymised
    /// refers to.
    pub async fn referenced_documents(&self) -> Result<HashSet<String>, StoreError> {
        let mut out = HashSet::new();
        let mut after = 0i64;
        loop {
            let rows = sqlx::query(
                "SELECT e.id, e.body FROM events e JOIN complaints c ON c.id = e.complaint_id \
                 WHERE e.kind IN ('document_attached', 'complainant_added') AND e.id > $1 \
                 AND c.anonymised_at IS NULL \
                 ORDER BY e.id LIMIT $2",
            )
            .bind(after)
            .bind(PAGE)
            .fetch_all(&self.read)
            .await?;
            for row in &rows {
                let id: i64 = row.try_get(0)?;
                let body: String = row.try_get(1)?;
                let carrier: Carrier = serde_json::from_str(&body).map_err(|e| {
                    StoreError::Corrupt(format!("event {id} names no readable document: {e}"))
                })?;
                out.extend(carrier.document.map(|d| d.sha256));
                out.extend(carrier.documents.into_iter().map(|d| d.sha256));
                after = id;
            }
            if i64::try_from(rows.len()).unwrap_or(i64::MAX) < PAGE {
                return Ok(out);
            }
        }
    }
}
