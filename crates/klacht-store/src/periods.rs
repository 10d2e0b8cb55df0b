//! What the daily round removes because its period ran out (K8, T10), as rows per table.

/// Rows removed (or, on a dry run, that would be), per kind. The cut-offs are
/// [`klacht_core::periods::Cutoffs`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PurgedRows {
    /// Back-office sessions that ended (idle or absolute time-out).
    pub sessions: u64,
    /// Setup and set-password links that were used or expired.
    pub account_links: u64,
    /// Revoked API tokens.
    pub api_tokens: u64,
    /// Lines of the read log (who opened which dossier) past `read_log_months`.
    pub reads: u64,
    /// Lines of the account log past `account_log_months`.
    pub account_log: u64,
    /// Staff notices past `notice_days` that no round could write again.
    pub notices: u64,
    /// Mail that is not a letter, sent or failed for good longer than `mail_days` ago.
    pub mail: u64,
    /// Requests of data subjects settled longer than `request_months` ago (with their log).
    pub requests: u64,
}

impl PurgedRows {
    /// All rows together.
    pub fn total(&self) -> u64 {
        self.sessions
            + self.account_links
            + self.api_tokens
            + self.reads
            + self.account_log
            + self.notices
            + self.mail
            + self.requests
    }
}
