//! Multi-row INSERTs: rows of one table gathered over a batch and written with as few statements
//! as the databases' parameter limits allow. A statement costs far more than a row (a round trip
//! to SQLite's worker thread or to the PostgreSQL server), so writing a batch of complaints table
//! by table, instead of complaint by complaint, is what makes bulk loads and group commit fast.

use super::{Arg, DbRow, Tx};
use crate::dialect;
use klacht_store::*;

/// Parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMS: usize = 30_000;

/// Rows for one `INSERT INTO table (columns) VALUES …` statement family.
pub(crate) struct Insert {
    /// `INSERT INTO table (a, b, c)`.
    head: &'static str,
    /// Columns per row.
    width: usize,
    /// After the VALUES list, e.g. `ON CONFLICT DO NOTHING RETURNING id`.
    tail: &'static str,
    args: Vec<Arg>,
}

impl Insert {
    pub(crate) fn new(head: &'static str, width: usize, tail: &'static str) -> Insert {
        Insert {
            head,
            width,
            tail,
            args: Vec::new(),
        }
    }

    /// Adds a row; it must have `width` values.
    pub(crate) fn push(&mut self, row: impl IntoIterator<Item = Arg>) -> Result<(), StoreError> {
        let before = self.args.len();
        self.args.extend(row);
        let got = self.args.len() - before;
        if got != self.width {
            self.args.truncate(before);
            return Err(StoreError::Corrupt(format!(
                "{}: a row of {got} values for {} columns",
                self.head, self.width
            )));
        }
        Ok(())
    }

    /// Writes every row, in order; returns what the tail's RETURNING gives, in statement order.
    pub(crate) async fn run(self, tx: &mut Tx<'_>) -> Result<Vec<DbRow>, StoreError> {
        let mut out = Vec::new();
        if self.args.is_empty() {
            return Ok(out);
        }
        let per_statement = (MAX_PARAMS / self.width).max(1);
        // SQLite looks a numbered parameter's name up by walking a list, once per parameter:
        // quadratic in a statement of thousands. Plain `?` is positional there.
        let numbered = dialect::NUMBERED_PARAMS;
        let mut args = self.args.into_iter().peekable();
        while args.peek().is_some() {
            let chunk: Vec<Arg> = args.by_ref().take(per_statement * self.width).collect();
            let rows = chunk.len() / self.width;
            let sql = values_sql(self.head, self.width, rows, self.tail, numbered);
            let q = super::bind_all(sqlx::query(sqlx::AssertSqlSafe(sql)), chunk);
            if self.tail.contains("RETURNING") {
                out.extend(q.fetch_all(&mut **tx).await?);
            } else {
                q.execute(&mut **tx).await?;
            }
        }
        Ok(out)
    }
}

/// `head VALUES ($1, $2), ($3, $4) tail`, or with `?` for each parameter if not `numbered`.
fn values_sql(head: &str, width: usize, rows: usize, tail: &str, numbered: bool) -> String {
    use std::fmt::Write;
    let mut sql = String::with_capacity(head.len() + tail.len() + rows * width * 6 + 16);
    sql.push_str(head);
    sql.push_str(" VALUES ");
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..width {
            if c > 0 {
                sql.push_str(", ");
            }
            if numbered {
                n += 1;
                let _ = write!(sql, "${n}");
            } else {
                sql.push('?');
            }
        }
        sql.push(')');
    }
    if !tail.is_empty() {
        sql.push(' ');
        sql.push_str(tail);
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_numbered_across_rows() {
        assert_eq!(
            values_sql("INSERT INTO t (a, b)", 2, 2, "RETURNING id", true),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) RETURNING id"
        );
        assert_eq!(
            values_sql("INSERT INTO t (a, b)", 2, 2, "", false),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"
        );
    }

    #[test]
    fn a_row_of_the_wrong_width_is_refused() {
        let mut i = Insert::new("INSERT INTO t (a, b)", 2, "");
        assert!(i.push([Arg::Int(1)]).is_err());
        assert!(i.push([Arg::Int(1), Arg::Null]).is_ok());
    }
}
