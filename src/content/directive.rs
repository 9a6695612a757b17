//! Directives: a line holding only `{{ table ID }}`, `{{ goals }}`,
//! `{{ chart ID }}` or `{{ section ID }}` places data in the narrative.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub kind: String,
    pub id: Option<String>,
    /// 1-based line in the Markdown body.
    pub line: u32,
    /// The whole line as written, for messages.
    pub text: String,
}

pub const KINDS: [&str; 6] = ["table", "goals", "chart", "section", "lang", "/lang"];

/// Directives that mark text rather than place data: allowed in every text.
pub fn is_marking(kind: &str) -> bool {
    kind == "lang" || kind == "/lang"
}

/// Finds directive lines outside fenced code blocks. A line that looks like
/// a directive but is not a known one is returned too, so it can be reported
/// instead of printed as text.
pub fn scan(body: &str) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    for (i, raw) in body.lines().enumerate() {
        let indent = raw.len() - raw.trim_start_matches(' ').len();
        let line = raw.trim();
        if let Some(f) = fence_marker(line) {
            match fence {
                None if indent < 4 => fence = Some(f),
                Some((c, n)) if f.0 == c && f.1 >= n && line.chars().all(|ch| ch == c) => fence = None,
                _ => {}
            }
            continue;
        }
        if fence.is_some() || indent >= 4 {
            continue;
        }
        if let Some(d) = parse_line(line, i as u32 + 1) {
            out.push(d);
        }
    }
    out
}

fn fence_marker(line: &str) -> Option<(char, usize)> {
    let c = line.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = line.chars().take_while(|&ch| ch == c).count();
    (n >= 3).then_some((c, n))
}

fn parse_line(line: &str, number: u32) -> Option<Directive> {
    let inner = line.strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let mut words = inner.split_whitespace();
    let kind = words.next()?.to_string();
    let id = words.next().map(str::to_string);
    Some(Directive {
        kind,
        id,
        line: number,
        text: line.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_directives_outside_code() {
        let body = "Intro\n\n{{ table nokkeltal }}\n\n```\n{{ goals }}\n```\n  {{ goals }}\n    {{ chart x }}\n";
        let found = scan(body);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].kind, "table");
        assert_eq!(found[0].id.as_deref(), Some("nokkeltal"));
        assert_eq!(found[0].line, 3);
        assert_eq!(found[1].kind, "goals");
        assert_eq!(found[1].line, 8);
    }
}
