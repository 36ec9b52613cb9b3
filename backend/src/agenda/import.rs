//! Placeholder: replaced by the importer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedSession {
    pub uid: Option<String>,
    pub title: String,
    pub description: String,
    pub location: String,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub ends_at: chrono::DateTime<chrono::Utc>,
    pub line: usize,
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub line: usize,
    pub code: &'static str,
    pub detail: String,
}
pub fn parse_agenda(_text: &str, _tz: chrono_tz::Tz) -> Result<Vec<ImportedSession>, ImportError> {
    Err(ImportError {
        line: 0,
        code: "import-empty",
        detail: String::new(),
    })
}
