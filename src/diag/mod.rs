//! Problems found in content, as values with a place.
//!
//! Every problem names the file, and the line and column where there is one,
//! says what is wrong and, where we can tell, what would be right. A run
//! collects all of them so an editor fixes everything in one round.

use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Recorded information, not a problem: a stated sum accepted through
    /// `tolerance`. `check` shows it; `--deny-warnings` does not fail on it,
    /// so a faithful site can pass.
    Info,
}

/// What kind of problem a diagnostic is, for code that must tell problems
/// apart (never by comparing message text) and for `check --format json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Anything in the content: a value, a key, a sum, a text.
    #[default]
    Content,
    /// A file planvev needs is not there.
    FileMissing,
    /// A file could not be read or written (permissions, disk, encoding).
    Io,
    /// A YAML file does not read as the type expected: its syntax, a key, or
    /// the kind of a value.
    Yaml,
    /// A link or image leads nowhere.
    Link,
    /// The theme's templates or strings.
    Theme,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub kind: Kind,
    /// Written as `path_text` gives it, so a name that is not UTF-8 still
    /// appears in JSON (with its odd bytes as `\xNN`).
    #[serde(serialize_with = "serialize_path")]
    pub file: PathBuf,
    /// 1-based; 0 when the problem is with the file as a whole.
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.as_ref().to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            kind: Kind::Content,
        }
    }

    /// The same problem, of kind `kind`.
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kind = kind;
        self
    }

    pub fn warning(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(file, message)
        }
    }

    pub fn info(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Info,
            ..Self::error(file, message)
        }
    }

    pub fn at(mut self, line: u32, column: u32) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    pub fn at_opt(self, place: Option<(u32, u32)>) -> Self {
        match place {
            Some((l, c)) => self.at(l, c),
            None => self,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` or just the file when there is no line.
    pub fn place(&self) -> String {
        let f = path_text(&self.file);
        match (self.line, self.column) {
            (0, _) => f,
            (l, 0) => format!("{f}:{l}"),
            (l, c) => format!("{f}:{l}:{c}"),
        }
    }

    /// Rendered in the style of rustc: what, where, the line itself with a
    /// marker under the spot, and the hint.
    pub fn render(&self, source: Option<&str>) -> String {
        let mut s = String::new();
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        // A value quoted in a message is one line: a line break in it could
        // forge an "error:" line of its own.
        let _ = writeln!(s, "{kind}: {}", escape_controls(&self.message, true));
        let _ = writeln!(s, "  --> {}", self.place());
        if let Some(full) = source.and_then(|src| line_of(src, self.line)) {
            let (line_text, column) = window(full, self.column);
            let num = self.line.to_string();
            let pad = " ".repeat(num.len());
            let _ = writeln!(s, "{pad} |");
            let _ = writeln!(s, "{num} | {}", line_text.replace('\t', "    "));
            if column > 0 {
                let before: String = line_text.chars().take(column as usize - 1).collect();
                let width = before.replace('\t', "    ").chars().count();
                let _ = writeln!(s, "{pad} | {}^", " ".repeat(width));
            }
        }
        if let Some(h) = &self.hint {
            let _ = writeln!(s, "  = hint: {}", escape_controls(h, true));
        }
        printable(&s)
    }
}

/// `text` with every control character but line breaks and tabs written as
/// an escape (`\u{1b}`): a value from a contributed file must not retitle
/// the terminal, erase the lines above or reorder text (bidi controls) when
/// a message quotes it. Every message planvev prints passes through here.
pub fn printable(text: &str) -> String {
    escape_controls(text, false)
}

/// A path as text for a message: bytes that are not UTF-8 (a Latin-1 name
/// from a Windows zip) as `\xE6`, control characters, line breaks included,
/// escaped. Nothing is lost and nothing is printed raw.
pub fn path_text(path: &Path) -> String {
    let mut s = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        s.push_str(chunk.valid());
        for b in chunk.invalid() {
            let _ = write!(s, "\\x{b:02X}");
        }
    }
    escape_controls(&s, true)
}

fn escape_controls(text: &str, lines_too: bool) -> String {
    let hidden = |c: char| {
        (c.is_control() && (lines_too || !matches!(c, '\n' | '\t')))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(hidden) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if hidden(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn serialize_path<S: serde::Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&path_text(path))
}

/// At most about 100 characters of a long line, around the column, so a
/// minified or runaway line does not flood the terminal.
fn window(line: &str, column: u32) -> (String, u32) {
    const WIDTH: usize = 100;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= WIDTH {
        return (line.to_string(), column);
    }
    let col = (column as usize).saturating_sub(1).min(chars.len());
    let start = col.saturating_sub(WIDTH / 2);
    let end = (start + WIDTH).min(chars.len());
    let mut s: String = chars[start..end].iter().collect();
    let mut new_col = (col - start) as u32 + 1;
    if start > 0 {
        s.insert(0, '…');
        new_col += 1;
    }
    if end < chars.len() {
        s.push('…');
    }
    (s, if column == 0 { 0 } else { new_col })
}

fn line_of(src: &str, line: u32) -> Option<&str> {
    if line == 0 {
        return None;
    }
    src.lines().nth(line as usize - 1).map(|l| l.trim_end_matches('\r'))
}

/// All problems of one run, in the order found; sorted for output.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds a problem. Duplicates (two checks reaching the same conclusion)
    /// are dropped by `sort`, in one pass, so that a run with thousands of
    /// problems costs no more than a clean one.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.is_error())
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Warning)
    }

    /// Recorded information (`Severity::Info`): shown, never a failure.
    pub fn infos(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Info)
    }

    /// Each problem once, in the order of severity and place (stable: problems
    /// at one place keep the order they were found in).
    pub fn sort(&mut self) {
        let mut seen = std::collections::HashSet::with_capacity(self.items.len());
        let items = std::mem::take(&mut self.items);
        self.items = items.into_iter().filter(|d| seen.insert(d.clone())).collect();
        self.items
            .sort_by(|a, b| (a.severity, &a.file, a.line, a.column).cmp(&(b.severity, &b.file, b.line, b.column)));
    }

    /// Renders every problem with its source line, reading each file once.
    pub fn render_all(&self) -> String {
        let mut cache: std::collections::HashMap<&Path, Option<String>> = Default::default();
        let mut out = String::new();
        for d in &self.items {
            let src = cache.entry(d.file.as_path()).or_insert_with(|| {
                // Only a plain file: opening a named pipe would wait for ever.
                let plain = d.line > 0 && std::fs::metadata(&d.file).is_ok_and(|m| m.is_file());
                plain
                    .then(|| std::fs::read(&d.file).ok())
                    .flatten()
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    // A BOM (Windows Notepad) is no character on line 1:
                    // the parser's column counts without it, so the caret must.
                    .map(|t| t.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(t))
            });
            out.push_str(&d.render(src.as_deref()));
            out.push('\n');
        }
        let (e, w) = (self.errors().count(), self.warnings().count());
        match self.infos().count() {
            0 => _ = writeln!(out, "{}", summary(e, w)),
            1 => _ = writeln!(out, "{}, 1 info", summary(e, w)),
            n => _ = writeln!(out, "{}, {n} infos", summary(e, w)),
        }
        out
    }
}

pub fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    )
}

/// Line and column (1-based, in characters) of a byte offset in a text.
pub fn line_col(text: &str, byte_offset: usize) -> (u32, u32) {
    let mut end = byte_offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let upto = &text[..end];
    let line = upto.matches('\n').count() as u32 + 1;
    let col = upto.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) as u32 + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_marker_under_the_column() {
        let d = Diagnostic::error("a.yaml", "bad value").at(2, 7).hint("write a number");
        let out = d.render(Some("x: 1\nvalue: abc\n"));
        assert!(out.contains("--> a.yaml:2:7"), "{out}");
        assert!(out.contains("2 | value: abc"), "{out}");
        assert!(out.contains("  |       ^"), "{out}");
        assert!(out.contains("hint: write a number"), "{out}");
    }

    /// Issue 11.13: ESC, BEL and line breaks from a contributed file are
    /// shown as escapes, never sent to the terminal.
    #[test]
    fn control_characters_are_escaped_in_every_part() {
        let d = Diagnostic::error("a\u{1b}[2J.yaml", "«x\u{7}\nerror: forged»")
            .at(1, 1)
            .hint("h\u{1b}]0;t\u{7}");
        let out = d.render(Some("title: \u{1b}[31mred\u{9b}1A\n"));
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.contains("\\u{7}\\u{a}error: forged"), "{out}");
        assert!(out.contains("a\\u{1b}[2J.yaml:1:1"), "{out}");
        assert!(out.contains("\\u{1b}[31mred\\u{9b}1A"), "{out}");
        assert_eq!(out.lines().filter(|l| l.starts_with("error")).count(), 1, "{out}");
    }

    #[test]
    fn each_problem_once_in_order_of_place() {
        let a = Diagnostic::warning("b.yaml", "a").at(3, 1);
        let b = Diagnostic::error("c.yaml", "b");
        let c = Diagnostic::warning("a.yaml", "c").at(9, 1);
        let mut d = Diagnostics::default();
        for x in [&a, &b, &a, &c, &b, &a] {
            d.push(x.clone());
        }
        d.sort();
        assert_eq!(d.items, vec![b, c, a]);
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\næøå x", "ab\næøå ".len()), (2, 5));
    }
}
