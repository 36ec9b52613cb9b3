//! CSV files made for spreadsheets: every CSV export (registrations, submissions, jury scores)
//! is written by [`Sheet`], so that each one opens in a German Excel as it is (UTF-8 with a byte
//! order mark, semicolons, CRLF) and none can smuggle a formula into the organiser's spreadsheet
//! (OWASP "CSV injection"): the guard sits in the writer, so no cell, header or column added
//! later can miss it.

use convene_frontend::Lang;

use crate::error::AppError;

/// A CSV file being written, row by row.
pub struct Sheet {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for Sheet {
    fn default() -> Self {
        Sheet::new()
    }
}

impl Sheet {
    pub fn new() -> Sheet {
        let writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(b"\xEF\xBB\xBF".to_vec());
        Sheet { writer }
    }

    /// Writes one row; every cell passes [`defused`].
    pub fn row<I, S>(&mut self, cells: I) -> Result<(), AppError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.writer
            .write_record(cells.into_iter().map(|c| defused(c.as_ref()).into_owned()))
            .map_err(csv_error)
    }

    /// The file's bytes.
    pub fn finish(self) -> Result<Vec<u8>, AppError> {
        self.writer
            .into_inner()
            .map_err(|e| csv_error(e.into_error().into()))
    }
}

/// A cell a spreadsheet will not run as a formula: text that begins with `=`, `+`, `-`, `@`, a
/// tab or a carriage return gets a leading apostrophe. Numbers (`-3`, `-2,5`, `+49`) stay
/// numbers: they cannot be formulas.
pub fn defused(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_number(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    !digits.is_empty()
        && digits.chars().any(|c| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && digits.matches(['.', ',']).count() <= 1
}

/// A decimal number as the reader's spreadsheet expects it: `6,9` in German, `6.9` in English.
pub fn decimal(lang: Lang, text: &str) -> String {
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text.to_string(),
    }
}

fn csv_error(e: csv::Error) -> AppError {
    AppError::Internal(anyhow::anyhow!("csv: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Vec<Vec<String>> {
        let text =
            std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM")).unwrap();
        csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn cells_that_look_like_formulas_are_defused_in_every_row() {
        let mut sheet = Sheet::new();
        sheet.row(["=Name", "E-Mail", "a", "b", "c", "d"]).unwrap();
        sheet
            .row([
                "=HYPERLINK(\"https://evil.example\",\"x\")",
                "@SUM(A1)",
                "+1+1",
                "-2+3",
                "\tx",
                "Ruhr GmbH",
            ])
            .unwrap();
        let bytes = sheet.finish().unwrap();
        assert!(bytes.ends_with(b"\r\n"), "CRLF line ends");
        let rows = read(&bytes);
        assert_eq!(rows[0], ["'=Name", "E-Mail", "a", "b", "c", "d"]);
        assert_eq!(
            rows[1],
            [
                "'=HYPERLINK(\"https://evil.example\",\"x\")",
                "'@SUM(A1)",
                "'+1+1",
                "'-2+3",
                "'\tx",
                "Ruhr GmbH"
            ]
        );
    }

    #[test]
    fn numbers_stay_numbers() {
        for n in ["-3", "-2,5", "+49", "-0.25", "12"] {
            assert_eq!(defused(n), n);
        }
        for text in ["-", "+", "-1-1", "-1,2,3", "--5"] {
            assert_eq!(defused(text), format!("'{text}"));
        }
    }

    #[test]
    fn decimals_follow_the_language() {
        assert_eq!(decimal(Lang::De, "6.9"), "6,9");
        assert_eq!(decimal(Lang::En, "6.9"), "6.9");
    }
}
