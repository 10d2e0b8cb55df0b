//! IMAP (to do)
