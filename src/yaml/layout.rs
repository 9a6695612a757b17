//! Where a YAML syntax mistake really is.
//!
//! The parser reports the spot where it gave up, which is often lines after
//! the mistake: a `[` left open on line 5 is reported at line 6 as "illegal
//! placement of ':' indicator", a key indented one space too little as "while
//! parsing a block mapping, did not find expected key". These functions read
//! the text the way an editor looks at it (brackets, quotes, columns) and name
//! the line to fix. Each is one pass over the lines above the error: linear.

/// What was opened and never closed.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Opener {
    List,
    Map,
    Quote(char),
}

/// An opener with its place (1-based line and column).
#[derive(Debug, Clone, Copy)]
struct Open {
    what: Opener,
    line: u32,
    column: u32,
}

/// A located explanation: message, hint, place.
pub(super) type Found = (String, Option<String>, Option<(u32, u32)>);

/// The mistake where the parser's `message` at `place` is not where the
/// mistake is: a bracket or quote left open above, a line that lines up with
/// nothing, or a line read as more words of the value above it. Not where
/// tabs indent: columns mean nothing there, and tabs have their own message.
pub(super) fn elsewhere(message: &str, text: &str, place: Option<(u32, u32)>) -> Option<Found> {
    let tabs = text.lines().any(|l| l[..l.len() - l.trim_start().len()].contains('\t'));
    if tabs {
        return None;
    }
    let line = place.map_or_else(|| text.lines().count() as u32, |(l, _)| l);
    if is_syntax(message) {
        unclosed(text, line)
            .or_else(|| misaligned(text, line))
            .or_else(|| colonless(text, line))
    } else {
        place.and_then(|(l, _)| swallowed(text, l))
    }
}

/// The parser's own wording for text it could not read as YAML (as opposed
/// to YAML that does not fit the file's keys): where it gave up is often not
/// where the mistake is.
fn is_syntax(message: &str) -> bool {
    const SIGNS: &[&str] = &[
        "while parsing",
        "while scanning",
        "did not find expected",
        "not allowed in this context",
        "illegal placement",
        "only valid inside",
        "unclosed",
        "flow sequence",
        "flow mapping",
        "quoted scalar",
        "found unexpected",
    ];
    SIGNS.iter().any(|s| message.contains(s))
}

/// A bracket or quote opened on or above `upto` (1-based) and still open
/// there, as message, hint and the opener's place.
fn unclosed(text: &str, upto: u32) -> Option<Found> {
    let open = scan(text, upto)?;
    let (message, hint) = match open.what {
        Opener::List => (
            format!("the list opened with [ on line {} is not closed", open.line),
            "end it with ] on the same line, or write the items on lines that start with `- `".to_string(),
        ),
        Opener::Map => (
            format!("the map opened with {{ on line {} is not closed", open.line),
            "end it with } on the same line, or write each `key: value` on its own line".to_string(),
        ),
        Opener::Quote(q) => (
            format!("the text in quotes that starts on line {} is not closed", open.line),
            format!(
                "end it with {q} on the same line; a {q} inside the text is written {}",
                escaped(q)
            ),
        ),
    };
    Some((message, Some(hint), Some((open.line, open.column))))
}

fn escaped(q: char) -> &'static str {
    if q == '"' {
        "\\\""
    } else {
        "'' (twice)"
    }
}

/// Brackets and quotes through line `upto`, skipping comments and the
/// contents of `|` and `>` blocks; the outermost opener still open, or the
/// open quote.
fn scan(text: &str, upto: u32) -> Option<Open> {
    let mut stack: Vec<Open> = Vec::new();
    let mut quote: Option<Open> = None;
    let mut block: Option<usize> = None;
    for (i, line) in text.lines().enumerate().take(upto as usize) {
        let n = i as u32 + 1;
        let indent = indent_of(line);
        if let Some(parent) = block {
            if line.trim().is_empty() || indent > parent {
                continue;
            }
            block = None;
        }
        let mut prev: Option<char> = None;
        let mut only_dashes = true;
        let mut chars = line.chars().enumerate().peekable();
        while let Some((c0, c)) = chars.next() {
            let col = c0 as u32 + 1;
            if let Some(q) = quote {
                let Opener::Quote(mark) = q.what else { unreachable!() };
                if mark == '"' && c == '\\' {
                    chars.next();
                } else if c == mark {
                    if mark == '\'' && chars.peek().map(|p| p.1) == Some('\'') {
                        chars.next();
                    } else {
                        quote = None;
                    }
                }
                prev = Some(c);
                continue;
            }
            if c == ' ' {
                continue;
            }
            let at_value = match prev {
                None => true,
                Some(p) => matches!(p, '[' | '{' | ',' | ':') || (p == '-' && only_dashes),
            };
            match c {
                '#' if prev.is_none() || line[..line.char_indices().nth(c0).map_or(0, |x| x.0)].ends_with(' ') => break,
                '"' | '\'' if at_value => {
                    quote = Some(Open {
                        what: Opener::Quote(c),
                        line: n,
                        column: col,
                    })
                }
                '[' if at_value || !stack.is_empty() => stack.push(Open {
                    what: Opener::List,
                    line: n,
                    column: col,
                }),
                '{' if at_value || !stack.is_empty() => stack.push(Open {
                    what: Opener::Map,
                    line: n,
                    column: col,
                }),
                ']' | '}' if !stack.is_empty() => {
                    stack.pop();
                }
                '|' | '>' if at_value && stack.is_empty() => {
                    block = Some(indent);
                    break;
                }
                _ => {}
            }
            if c != '-' {
                only_dashes = false;
            }
            prev = Some(c);
        }
    }
    quote.or_else(|| stack.first().copied())
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A column a line could start at, from the line above that has it; `dash`
/// when that line starts a list item there.
struct Column {
    at: usize,
    line: u32,
    text: String,
    dash: bool,
}

/// Lines with content (not blank, not only a comment), numbered from 1.
fn content_lines(text: &str) -> impl Iterator<Item = (u32, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i as u32 + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// The columns at which line `at` could start: those of the lines above it
/// that are still open (each less indented than the one below it), with the
/// key inside a `- key:` item as well as its dash. Each with its line.
fn open_columns(text: &str, at: u32) -> Vec<Column> {
    let above: Vec<(u32, &str)> = content_lines(text).take_while(|(n, _)| *n < at).collect();
    let mut out: Vec<Column> = Vec::new();
    let mut least = usize::MAX;
    let mut least_is_item = false;
    for (n, line) in above.iter().rev() {
        let indent = indent_of(line);
        let trimmed = line.trim();
        let item = trimmed.starts_with("- ");
        // The key a list hangs from when its items start in the key's own
        // column (`rows:` with `- ` under it) is still open.
        let holds_items = indent == least && least_is_item && !item;
        if indent >= least && !holds_items {
            continue;
        }
        least = indent;
        least_is_item = item;
        if let Some(rest) = trimmed.strip_prefix("- ") {
            let inner = indent + 2 + (rest.len() - rest.trim_start().len());
            if !rest.trim().is_empty() {
                out.push(Column {
                    at: inner,
                    line: *n,
                    text: rest.trim().to_string(),
                    dash: false,
                });
            }
            out.push(Column {
                at: indent,
                line: *n,
                text: trimmed.to_string(),
                dash: true,
            });
        } else {
            out.push(Column {
                at: indent,
                line: *n,
                text: trimmed.to_string(),
                dash: false,
            });
        }
        if indent == 0 && !item {
            break;
        }
    }
    out
}

/// A line `at` whose indentation lines up with no line above it, explained
/// with the column to use and the line that has it.
fn misaligned(text: &str, at: u32) -> Option<Found> {
    let line = text.lines().nth(at.checked_sub(1)? as usize)?;
    if line.trim().is_empty() || line.trim_start().starts_with('#') {
        return None;
    }
    let indent = indent_of(line);
    let columns = open_columns(text, at);
    // A list item lines up with the items above it, a key with the keys. An
    // item may also start where a key does (`rows:` with `- ` under it in
    // the same column); a key in the column of an open list's dashes is
    // inside that list, where only items may start.
    let dash = line.trim_start().starts_with("- ");
    if columns.iter().any(|c| c.at == indent && (dash || !c.dash)) {
        return None;
    }
    let among_dashes = columns.iter().any(|c| c.at == indent);
    let near = |of_kind: bool| {
        columns
            .iter()
            .filter(|c| !of_kind || c.dash == dash)
            .min_by_key(|c| (c.at.abs_diff(indent), usize::MAX - c.at))
    };
    let Column {
        at: col,
        line: n,
        text: other,
        ..
    } = near(true).or_else(|| near(false))?;
    let what = line.trim();
    let message = match among_dashes {
        true => format!(
            "«{what}» is indented by {indent} spaces, like the list's items (`- `) above it, but it is not an item"
        ),
        false => format!("«{what}» is indented by {indent} spaces, which lines up with no line above it"),
    };
    Some((
        message,
        Some(format!(
            "{} start in the same column: indent it by {col} spaces, like «{other}» on line {n}",
            if dash {
                "the items of one list"
            } else {
                "the keys of one map"
            }
        )),
        Some((at, indent as u32 + 1)),
    ))
}

/// `key: value` on line `at` followed by a line indented deeper that holds a
/// key of its own: YAML reads that line as more words of the value
/// (`kind: plain columns`), which the parser then reports as a wrong value.
fn swallowed(text: &str, at: u32) -> Option<Found> {
    let mut lines = content_lines(text).skip_while(|(n, _)| *n < at);
    let (n, line) = lines.next().filter(|(n, _)| *n == at)?;
    let (key, value) = line.trim().split_once(": ")?;
    let value = value.trim();
    if value.is_empty() || value.starts_with(['[', '{', '"', '\'', '|', '>', '&', '*']) {
        return None;
    }
    let (next_n, next) = lines.next()?;
    let next_key = next.trim().split_once(':').map(|(k, _)| k)?;
    let plain_key = !next_key.is_empty() && !next_key.contains(' ') && !next_key.starts_with('-');
    if indent_of(next) <= indent_of(line) || !plain_key {
        return None;
    }
    let key = key.trim_start_matches("- ");
    Some((
        format!(
            "«{}» on line {next_n} is indented more than «{key}:» on line {n}, so it is read as more words of «{key}»",
            next.trim()
        ),
        Some(format!(
            "indent `{next_key}:` by {} spaces, like `{key}:`",
            indent_of(line) + (line.trim_start().len() - line.trim_start().trim_start_matches("- ").len())
        )),
        Some((next_n, indent_of(next) as u32 + 1)),
    ))
}

/// A key written without its `:` on the line above `at`, in the same
/// column as the `key: value` at `at` (`nn "Tekst"` above `nb: "Tekst"`): the
/// parser reads it as the value above and gives up on the line after it.
fn colonless(text: &str, at: u32) -> Option<Found> {
    let line = text.lines().nth(at.checked_sub(1)? as usize)?;
    let (key, _) = line.trim().split_once(": ")?;
    let (n, above) = content_lines(text).take_while(|(n, _)| *n < at).last()?;
    let words = above.trim();
    let (word, rest) = words.split_once(' ')?;
    // Only the part before any quote: a colon inside a text is no key's.
    let unquoted = words.split(['"', '\'']).next().unwrap_or(words);
    let plain = !word.is_empty() && word.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    if indent_of(above) != indent_of(line) || unquoted.contains(':') || words.starts_with("- ") || !plain {
        return None;
    }
    Some((
        format!("«{words}» on line {n} has no `:` after its key"),
        Some(format!(
            "write `{word}: {}`, as `{key}:` on the line below it: a key and its value are separated by `: `",
            rest.trim()
        )),
        Some((n, indent_of(above) as u32 + word.chars().count() as u32 + 1)),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_without_its_colon_is_named_on_its_own_line() {
        let text = "label:
  nn \"Del av tal\"
  nb: \"Andel\"
";
        let (message, hint, place) = colonless(text, 3).unwrap();
        assert_eq!(message, "«nn \"Del av tal\"» on line 2 has no `:` after its key");
        assert!(hint.unwrap().starts_with("write `nn: \"Del av tal\"`"));
        assert_eq!(place, Some((2, 5)));
        // A text that continues over lines, or a list item, is not a key.
        assert!(colonless("a: b\n  more words\nc: d\n", 3).is_none());
        assert!(colonless("x:\n  - nn tal\n  nb: y\n", 3).is_none());
    }

    #[test]
    fn brackets_in_comments_quotes_and_blocks_are_not_openers() {
        let text = "a: \"[x\" # [\nb: |\n  [ {\nc: Plan [utkast]\nd: [1, 2]\n";
        assert!(scan(text, 5).is_none());
    }

    #[test]
    fn the_outermost_open_bracket_is_named() {
        let text = "a: 1\nb: [x, { c: 2 }\nd: 3\n";
        let open = scan(text, 3).unwrap();
        assert_eq!((open.what, open.line, open.column), (Opener::List, 2, 4));
    }

    #[test]
    fn an_apostrophe_inside_a_text_is_not_a_quote() {
        assert!(scan("a: Kari's plan\nb: 1\n", 2).is_none());
        assert!(scan("a: 'Kari''s plan'\nb: 1\n", 2).is_none());
    }

    #[test]
    fn a_list_item_key_is_a_column_to_line_up_with() {
        let text = "rows:\n  - label: x\n    values: [1]\n   - label: y\n";
        let (message, hint, place) = misaligned(text, 4).unwrap();
        assert!(message.contains("3 spaces"), "{message}");
        assert!(hint.unwrap().contains("by 2 spaces, like «- label: x» on line 2"));
        assert_eq!(place, Some((4, 4)));
        assert!(misaligned(text, 3).is_none());
    }

    #[test]
    fn a_key_in_the_column_of_the_dashes_is_not_lined_up() {
        let text = "rows:\n  - label: x\n    values: [1]\n  - label: y\n  values: [2]\n";
        let (message, hint, place) = misaligned(text, 5).unwrap();
        assert!(message.contains("like the list's items"), "{message}");
        assert!(hint
            .unwrap()
            .contains("indent it by 4 spaces, like «label: y» on line 4"));
        assert_eq!(place, Some((5, 3)));
        // A list may start in its key's column, and a key follow it there.
        let compact = "rows:\n- label: x\n  values: [1]\nnext: 2\n";
        assert!(misaligned(compact, 2).is_none());
        assert!(misaligned(compact, 4).is_none());
    }
}
