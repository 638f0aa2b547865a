//! Problems found in the user's files, and how they are shown.
//!
//! Input: a message, the file it is about, and where known the line and column (1-based, in the
//! real file, so front-matter errors are already shifted). Output: a report in the style of rustc:
//!
//! ```text
//! error: unknown unit `fortnights` for a cadence: use days, weeks or months
//!   --> content/randers/programme.yaml:12:10
//!    |
//! 12 |   every: 2 fortnights
//!    |          ^
//! ```
//!
//! Problems that do not stop a build are gathered in [`Problems`], passed along, printed together,
//! and decide the exit code.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub file: Option<PathBuf>,
    /// 1-based line and column, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The text of the offending line, for the marker.
    pub source_line: Option<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            file: None,
            line: None,
            column: None,
            source_line: None,
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(message) }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Points at a 1-based line and column of `source`, keeping the line's text for the marker.
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        self.line = Some(line.max(1));
        self.column = Some(column.max(1));
        self.source_line = source.lines().nth(line.saturating_sub(1)).map(str::to_owned);
        self
    }

    /// Points at a 1-based line and column whose text is `line_text` (for text that was put
    /// together from several files).
    pub(crate) fn at_text(mut self, line_text: &str, line: usize, column: usize) -> Self {
        self.line = Some(line.max(1));
        self.column = Some(column.max(1));
        self.source_line = Some(line_text.to_owned());
        self
    }

    /// Points at a byte offset of `source`.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        let (line, column) = line_column(source, offset);
        self.at(source, line, column)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The report as the terminal shows it; `root` is stripped from paths to keep them short.
    pub fn render(&self, root: &Path, colour: bool) -> String {
        let paint = |code: &str, text: &str| {
            if colour { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
        };
        let (label, code) = match self.severity {
            Severity::Error => ("error", "1;31"),
            Severity::Warning => ("warning", "1;33"),
        };
        let mut out = format!("{}: {}\n", paint(code, label), self.message);
        if let Some(file) = &self.file {
            let shown = file.strip_prefix(root).unwrap_or(file).display().to_string();
            let location = match (self.line, self.column) {
                (Some(l), Some(c)) => format!("{shown}:{l}:{c}"),
                (Some(l), None) => format!("{shown}:{l}"),
                _ => shown,
            };
            let _ = writeln!(out, "  --> {location}");
        }
        if let (Some(line), Some(text)) = (self.line, &self.source_line) {
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            let column = self.column.unwrap_or(1);
            // The caret sits under the character at `column`, counted in characters not bytes.
            let lead: String = text
                .chars()
                .take(column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {text}");
            let _ = writeln!(out, "{pad} | {lead}{}", paint(code, "^"));
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        out
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Problems gathered along a run, errors and warnings apart.
#[derive(Clone, Debug, Default)]
pub struct Problems {
    items: Vec<Diagnostic>,
}

impl Problems {
    /// Adds a problem; the same problem found twice (a theme shared by programmes) is kept once.
    pub fn push(&mut self, d: Diagnostic) {
        if !self.items.contains(&d) {
            self.items.push(d);
        }
    }

    pub fn extend(&mut self, other: Problems) {
        for d in other.items {
            self.push(d);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Errors first, then warnings, each in the order found.
    pub fn render(&self, root: &Path, colour: bool) -> String {
        self.errors().chain(self.warnings()).map(|d| d.render(root, colour)).collect::<Vec<_>>().join("\n")
    }
}

impl From<Diagnostic> for Problems {
    fn from(d: Diagnostic) -> Self {
        Problems { items: vec![d] }
    }
}

#[cfg(test)]
mod tests {
    use super::{Diagnostic, line_column};
    use std::path::Path;

    #[test]
    fn report_shows_file_line_column_and_marker() {
        let source = "name: X\nmeetings:\n  every: 2 fortnights\n";
        let d = Diagnostic::error("unknown unit `fortnights`")
            .in_file("/c/content/a/programme.yaml")
            .at(source, 3, 12)
            .with_help("use days, weeks or months");
        let text = d.render(Path::new("/c"), false);
        assert_eq!(
            text,
            "error: unknown unit `fortnights`\n  --> content/a/programme.yaml:3:12\n  |\n3 |   every: 2 fortnights\n  |            ^\n  = help: use days, weeks or months\n"
        );
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        assert_eq!(line_column("æøå\nxy", 7), (2, 1));
        assert_eq!(line_column("æøå", 4), (1, 3));
        assert_eq!(line_column("æøå", 3), (1, 2));
    }
}
