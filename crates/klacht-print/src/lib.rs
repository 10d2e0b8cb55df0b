//! klacht's documents, made from what the engine and the store hold and handed back as bytes or
//! text: the registration form of a complaint (K9, T20) and the reports (T13, T15, K13), each as
//! print-ready HTML and, with the `pdf` feature, as PDF; the reports also as a CSV of their
//! tables and with SVG charts; and a person's own data ("Uw gegevens", AVG art. 15) as PDF.
//!
//! No HTTP here: the web crate decides who may see a document, sets the links on it, and wraps
//! what this crate renders in a response.

pub mod letter;
#[cfg(feature = "pdf")]
mod pdf;
pub mod personal;
pub mod qr;
pub mod registration;
pub mod report;
pub mod spreadsheet;

#[cfg(feature = "pdf")]
pub use pdf::PrintError;

/// A list of like things (contacts, hearings, a report's figures) as a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub caption: String,
    pub columns: Vec<String>,
    /// Relative column widths for the PDF, one per column.
    pub widths: Vec<f32>,
    pub rows: Vec<Vec<String>>,
}
