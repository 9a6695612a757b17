//! Checks across a whole site that no single file can make: directives
//! that name data, translations, data placed nowhere.

use super::directive::{self, Kind};
use super::model::{Area, Narrative, Site};
use super::text::{Lang, Text};
use crate::diag::{Diagnostic, Diagnostics};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

pub fn validate(site: &Site) -> Diagnostics {
    validate_reusing(site, None).0
}

/// Each municipality's findings, by its folder. Every check but the
/// site-wide ones is about one municipality's files alone, so `serve` checks
/// again only the municipalities an edit changed: a country has hundreds.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    by_dir: HashMap<PathBuf, Diagnostics>,
}

/// `validate`, taking the findings for municipalities not in `remade` from
/// `previous` (what the last run found, with the same files). Returns the
/// findings and what the next run may take from them.
pub fn validate_reusing(site: &Site, reuse: Option<(&Checked, &BTreeSet<usize>)>) -> (Diagnostics, Checked) {
    let mut diags = Diagnostics::default();
    let langs = &site.languages;
    if site.accessibility_statement.is_none() {
        diags.push(
            Diagnostic::warning(site.root.join("site.yaml"), "no accessibility statement is linked")
                .hint("Norwegian public bodies must link their tilgjengelegheitserklæring: add `accessibility_statement: https://uustatus.no/...`"),
        );
    }
    if site.base_url.is_none() {
        diags.push(
            Diagnostic::warning(
                site.root.join("site.yaml"),
                "no `base_url`: sitemap.xml gets relative addresses, pages no canonical link, and the 404 page links only work at the site root",
            )
            .hint("add the address the site will have, e.g. `base_url: https://plan.kommune.no/`"),
        );
    }
    if site.licence.is_none() {
        diags.push(
            Diagnostic::info(
                site.root.join("site.yaml"),
                "no `licence`: the data packages (ZIP) say that no licence is stated, so readers cannot know how they may reuse the numbers",
            )
            .hint("add the licence your municipality publishes its data under: `licence: NLOD-2.0` or `licence: CC-BY-4.0`"),
        );
    }
    missing_text(&site.root.join("site.yaml"), "title", &site.title, langs, &mut diags);
    if let Some(a) = &site.accessibility_statement {
        // A language without its own statement links another language's.
        missing_text(
            &site.root.join("site.yaml"),
            "accessibility_statement",
            a,
            langs,
            &mut diags,
        );
    }
    no_directives(&site.front, "the front page", &mut diags);
    // Municipalities are checked in parallel: a country has hundreds, and
    // serve checks them all again on every save.
    use rayon::prelude::*;
    let kept = |i: usize, dir: &PathBuf| {
        let (previous, remade) = reuse?;
        previous.by_dir.get(dir).filter(|_| !remade.contains(&i)).cloned()
    };
    let per_municipality: Vec<Diagnostics> = site
        .municipalities
        .par_iter()
        .enumerate()
        .map(|(i, m)| {
            if let Some(d) = kept(i, &m.dir) {
                return d;
            }
            let mut diags = Diagnostics::default();
            let mfile = m.dir.join("municipality.yaml");
            missing_text(&mfile, "name", &m.name, langs, &mut diags);
            no_directives(&m.intro, "a municipality's introduction", &mut diags);
            missing_narrative(
                &m.intro,
                langs,
                TextFiles {
                    dir: &m.dir,
                    stem: "index",
                    required: false,
                },
                &mut diags,
            );
            for a in &m.areas {
                validate_area(a, langs, &mut diags);
            }
            diags
        })
        .collect();
    let mut checked = Checked::default();
    for (m, d) in site.municipalities.iter().zip(per_municipality) {
        diags.extend(d.clone());
        checked.by_dir.insert(m.dir.clone(), d);
    }
    (diags, checked)
}

fn validate_area(a: &Area, langs: &[Lang], diags: &mut Diagnostics) {
    let f = &a.data_file;
    missing_text(f, "title", &a.title, langs, diags);
    if let Some(s) = &a.summary {
        missing_text(f, "summary", s, langs, diags);
    }
    for t in &a.tables {
        let what = format!("table «{}»", t.id);
        for (key, text) in [
            ("title", &t.title),
            ("source", &t.source),
            ("notes", &t.notes),
            ("unit", &t.unit),
        ] {
            if let Some(x) = text {
                missing_text(f, &format!("{what} `{key}`"), x, langs, diags);
            }
        }
        for c in &t.columns {
            missing_text(f, &format!("{what} column"), &c.label, langs, diags);
            if let Some(u) = &c.unit {
                missing_text(f, &format!("{what} column unit"), u, langs, diags);
            }
        }
        for n in &t.footnotes {
            missing_text(f, &format!("{what} footnote"), &n.text, langs, diags);
        }
    }
    for g in &a.goals {
        validate_goal(f, g, langs, diags);
    }
    missing_narrative(
        &a.narrative,
        langs,
        TextFiles {
            dir: &a.dir,
            stem: "index",
            required: true,
        },
        diags,
    );
    for (id, s) in &a.sections {
        missing_narrative(
            s,
            langs,
            TextFiles {
                dir: &a.dir,
                stem: id,
                required: false,
            },
            diags,
        );
        no_directives(s, "a section file", diags);
    }
    check_directives(a, diags);
    check_refs(a, diags);
    no_file_named_like_output(a, diags);
}

/// A file beside data.yaml is published beside the area's page, so one
/// named like a file planvev makes there (an old export's `index.html`, a
/// `budsjett.csv` beside table `budsjett`) would replace it in every
/// language. Compared without case: web servers on Windows and macOS do.
fn no_file_named_like_output(a: &Area, diags: &mut Diagnostics) {
    let made: Vec<String> = std::iter::once("index.html".to_string())
        .chain(
            a.tables
                .iter()
                .map(|t| &t.id)
                .chain(a.series.iter().map(|s| &s.id))
                .flat_map(|id| crate::route::Format::ALL.map(|f| format!("{id}.{}", f.ext()))),
        )
        .collect();
    for f in &a.files {
        let name = super::load::name_of(f);
        let Some(same) = made.iter().find(|m| m.eq_ignore_ascii_case(name)) else {
            continue;
        };
        let what = if same == "index.html" {
            "the area's page".to_string()
        } else {
            format!("the download {same}")
        };
        diags.push(
            Diagnostic::error(f, format!("`{name}` has the name of {what}, which planvev makes in this folder; it would replace it in every language"))
                .hint("remove the file (an old export?) or rename it; a name that starts with `_` keeps it here unpublished"),
        );
    }
}

/// A goal's translations, and an indicator with nothing to measure it by.
/// Each warning names the goal's line.
fn validate_goal(f: &std::path::Path, g: &super::Goal, langs: &[Lang], diags: &mut Diagnostics) {
    missing_text(f, &format!("goal «{}» `goal`", g.id), &g.goal, langs, diags);
    for i in &g.indicators {
        if let Some(t) = &i.indicator {
            missing_text(f, &format!("goal «{}» `indicator`", g.id), t, langs, diags);
        }
    }
    if let Some(a) = &g.assessment {
        missing_text(f, &format!("goal «{}» `assessment` text", g.id), &a.text, langs, diags);
    }
    if g.assessment.is_none() && g.indicators.iter().any(|i| i.targets.is_empty()) {
        diags.push(
            Diagnostic::warning(f, format!("goal «{}» has no target, so its status cannot be computed", g.id))
                .at_opt(g.place)
                .hint("add `targets: {2020: ...}` or `target: \"> 85 %\"`; a goal with no number gets no status, or the one you assess under `assessment:`"),
        );
    }
}

fn missing_text(file: &std::path::Path, field: &str, t: &Text, langs: &[Lang], diags: &mut Diagnostics) {
    let missing = t.missing_in(langs);
    if !missing.is_empty() && !t.langs().is_empty() {
        let m: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
        // The model keeps no places for texts; the line that holds the text
        // is where an editor adds the translation.
        let written = t.plain("", &[]);
        let first_line = written.lines().next().unwrap_or("");
        let line = std::fs::read_to_string(file)
            .ok()
            .and_then(|src| {
                src.lines()
                    .position(|l| !first_line.is_empty() && l.contains(first_line))
            })
            .map(|i| (i as u32 + 1, 1));
        diags.push(
            Diagnostic::warning(file, format!("{field} has no translation into {}", m.join(", ")))
                .at_opt(line)
                .hint(format!(
                    "write it as a map: {{ {}: ..., {}: ... }}",
                    t.langs().join(": ..., "),
                    m.join(": ..., ")
                )),
        );
    }
}

/// Where a text's files are (`DIR/STEM.LANG.md`) and whether one must exist.
struct TextFiles<'a> {
    dir: &'a std::path::Path,
    stem: &'a str,
    required: bool,
}

fn missing_narrative(n: &Narrative, langs: &[Lang], files: TextFiles, diags: &mut Diagnostics) {
    let TextFiles { dir, stem, required } = files;
    if n.is_empty() {
        if required {
            diags.push(
                Diagnostic::warning(dir, "the service area has no narrative")
                    .hint(format!("write {stem}.{}.md with the text for this area", langs[0])),
            );
        }
        return;
    }
    for l in langs {
        if !n.by_lang.contains_key(l) {
            let have: Vec<&str> = n.by_lang.keys().map(|s| s.as_str()).collect();
            diags.push(
                Diagnostic::warning(
                    dir.join(format!("{stem}.{l}.md")),
                    format!("missing translation: the text exists only in {}", have.join(", ")),
                )
                .hint("readers of this language see the other text with a notice until the translation is written"),
            );
        }
    }
}

fn no_directives(n: &Narrative, what: &str, diags: &mut Diagnostics) {
    for doc in n.by_lang.values() {
        check_lang_marks(doc, diags);
        check_images(doc, diags);
        unused_front_matter(doc, what, diags);
        for d in doc.parsed().directives().iter().filter(|d| !d.kind.is_marking()) {
            diags.push(
                Diagnostic::error(&doc.path, format!("directives cannot be used in {what}"))
                    .at(d.line + doc.body_line, 1)
                    .hint("tables, goals and charts belong to a service area: move the line to its index.LANG.md"),
            );
        }
    }
}

/// `{{ ref ID }}` in an area's texts names one of its tables or series.
fn check_refs(a: &Area, diags: &mut Diagnostics) {
    let mut ids: Vec<&str> = a.tables.iter().map(|t| t.id.as_str()).collect();
    ids.extend(a.series.iter().map(|s| s.id.as_str()));
    ids.extend(a.failed_tables.iter().map(String::as_str));
    let docs = a
        .narrative
        .by_lang
        .values()
        .chain(a.sections.values().flat_map(|n| n.by_lang.values()));
    for doc in docs {
        for (line, id) in doc.parsed().refs_in_links() {
            diags.push(
                Diagnostic::warning(&doc.path, format!("`{{{{ ref {id} }}}}` in a link's text is shown as written"))
                    .at(line + doc.body_line, 1)
                    .hint(format!(
                        "a link cannot hold another link: put the reference after it, as in `[the plan](plan.pdf) ({{{{ ref {id} }}}})`"
                    )),
            );
        }
        for (line, id) in doc.parsed().refs().iter().cloned() {
            if ids.contains(&id.as_str()) {
                continue;
            }
            let near = crate::yaml::nearest(&id, &ids)
                .map(|n| format!("did you mean `{{{{ ref {n} }}}}`? "))
                .unwrap_or_default();
            let known = match ids.is_empty() {
                true => "data.yaml here defines none".to_string(),
                false => format!("tables and series here: {}", ids.join(", ")),
            };
            diags.push(
                Diagnostic::error(&doc.path, format!("there is no table or series «{id}» to refer to"))
                    .at(line + doc.body_line, 1)
                    .hint(format!(
                        "{near}`{{{{ ref ID }}}}` names a table or series of this area's data.yaml; {known}"
                    )),
            );
        }
    }
}

fn check_directives(a: &Area, diags: &mut Diagnostics) {
    let mut used_tables = std::collections::BTreeSet::new();
    let mut used_other = std::collections::BTreeSet::new();
    for doc in a.narrative.by_lang.values() {
        check_lang_marks(doc, diags);
        check_images(doc, diags);
        for d in doc.parsed().directives().iter().cloned() {
            let line = d.line + doc.body_line;
            let id = d.id.clone().unwrap_or_default();
            let err = |msg: String, hint: String| Diagnostic::error(&doc.path, msg).at(line, 1).hint(hint);
            let ids_hint = |what: &str, ids: Vec<&str>| {
                if ids.is_empty() {
                    format!("data.yaml defines no {what}s")
                } else {
                    let near = crate::yaml::nearest(&id, &ids)
                        .map(|n| format!("did you mean `{n}`? "))
                        .unwrap_or_default();
                    format!("{near}{what}s in data.yaml: {}", ids.join(", "))
                }
            };
            match &d.kind {
                Kind::Table => {
                    let ids: Vec<&str> = a.tables.iter().map(|t| t.id.as_str()).collect();
                    if ids.contains(&id.as_str()) {
                        used_tables.insert(id.clone());
                    } else if a.failed_tables.contains(&id) {
                        // Already reported where the table is written.
                    } else {
                        diags.push(err(format!("there is no table «{id}»"), ids_hint("table", ids)));
                    }
                }
                Kind::Chart => {
                    used_other.insert(format!("chart {id}"));
                    if let Some(e) = check_chart(a, &d, &id).filter(|e| !matches!(e, ChartError::FailedTable)) {
                        let (msg, hint) = match e {
                            ChartError::NoSuch => {
                                let mut ids: Vec<&str> = a.series.iter().map(|s| s.id.as_str()).collect();
                                ids.extend(a.tables.iter().map(|t| t.id.as_str()));
                                (
                                    format!("there is no series or table «{id}» to draw"),
                                    ids_hint("series and table", ids),
                                )
                            }
                            other => other.message(&id),
                        };
                        diags.push(err(msg, hint));
                    } else if a.tables.iter().any(|t| t.id == id) {
                        used_tables.insert(id.clone());
                    }
                }
                Kind::Section => {
                    let ids: Vec<&str> = a.sections.keys().map(|s| s.as_str()).collect();
                    used_other.insert(format!("section {id}"));
                    if !ids.contains(&id.as_str()) {
                        diags.push(err(
                            format!("there is no section «{id}»"),
                            format!(
                                "a section is a file ID.LANG.md beside data.yaml; sections here: {}",
                                if ids.is_empty() {
                                    "none".to_string()
                                } else {
                                    ids.join(", ")
                                }
                            ),
                        ));
                    }
                }
                Kind::Goals if d.id.is_some() => diags.push(err(
                    format!("`{{{{ goals }}}}` takes no id, but «{id}» was given"),
                    "write `{{ goals }}` to place every goal of the area".into(),
                )),
                Kind::Goals => {
                    used_other.insert("goals".to_string());
                }
                Kind::Lang | Kind::EndLang => {}
                Kind::Unknown(other) => diags.push(err(
                    format!("«{other}» is not a directive"),
                    format!(
                        "{}directives are {}",
                        crate::yaml::nearest(other, &Kind::NAMES)
                            .map(|n| format!("did you mean `{n}`? "))
                            .unwrap_or_default(),
                        "{{ table ID }}, {{ goals }}, {{ chart ID }}, {{ section ID }}, {{ lang CODE }} … {{ /lang }}"
                    ),
                )),
            }
        }
    }
    let unplaced = |what: String, directive: String, diags: &mut Diagnostics| {
        diags.push(
            Diagnostic::warning(
                &a.data_file,
                format!("{what} is placed by no directive; it is shown after the text"),
            )
            .hint(format!("put `{directive}` on its own line where the text discusses it")),
        );
    };
    if !a.narrative.is_empty() {
        if !a.goals.is_empty() && !used_other.contains("goals") {
            unplaced("the goal tracker".into(), "{{ goals }}".into(), diags);
        }
        for s in &a.series {
            if !used_other.contains(&format!("chart {}", s.id)) {
                unplaced(format!("series «{}»", s.id), format!("{{{{ chart {} }}}}", s.id), diags);
            }
        }
        for id in a.sections.keys() {
            if !used_other.contains(&format!("section {id}")) {
                unplaced(format!("section «{id}»"), format!("{{{{ section {id} }}}}"), diags);
            }
        }
    }
    for t in &a.tables {
        if !used_tables.contains(&t.id) && !a.narrative.is_empty() {
            diags.push(
                Diagnostic::warning(
                    &a.data_file,
                    format!("table «{}» is placed by no directive; it is shown after the text", t.id),
                )
                .at_opt((t.line > 0).then_some((t.line, 1)))
                .hint(format!(
                    "put `{{{{ table {} }}}}` on its own line where the text discusses it",
                    t.id
                )),
            );
        }
    }
}

/// Front matter `title` and `summary` give a service area's page its title
/// and description; elsewhere they would be silently lost.
fn unused_front_matter(doc: &super::model::Doc, what: &str, diags: &mut Diagnostics) {
    let keys = [("title", doc.title.is_some()), ("summary", doc.summary.is_some())];
    for (key, _) in keys.iter().filter(|(_, set)| *set) {
        let line = std::fs::read_to_string(&doc.path).ok().and_then(|src| {
            src.lines()
                .take(doc.body_line as usize)
                .position(|l| l.starts_with(&format!("{key}:")))
        });
        diags.push(
            Diagnostic::warning(&doc.path, format!("`{key}` in the front matter is not used in {what}"))
                .at_opt(line.map(|i| (i as u32 + 1, 1)))
                .hint(
                    "`title` and `summary` give a service area's page its title and description; remove the line here",
                ),
        );
    }
}

/// Why `{{ chart ID KIND }}` cannot be drawn.
enum ChartError {
    NoSuch,
    /// Reported where the table is written.
    FailedTable,
    NoNumbers,
    UnknownKind(String),
    LineOfTable,
    ShareOfSeries,
    Share(crate::chart::ShareError),
}

impl ChartError {
    fn message(self, id: &str) -> (String, String) {
        match self {
            ChartError::NoSuch | ChartError::FailedTable => (String::new(), String::new()),
            ChartError::NoNumbers => (
                format!("«{id}» has no numbers to draw"),
                format!(
                    "a chart draws numbers; show the data as a table with `{{{{ table {id} }}}}`, or give it values"
                ),
            ),
            ChartError::UnknownKind(k) => (
                format!("«{k}» is not a kind of chart"),
                format!("write `{{{{ chart {id} }}}}` for bars or `{{{{ chart {id} line }}}}` for a line"),
            ),
            ChartError::ShareOfSeries => (
                format!("«{id}» is a series: a share chart divides a table's rows between them"),
                format!("write `{{{{ chart {id} }}}}` for bars or `{{{{ chart {id} line }}}}` for a line"),
            ),
            ChartError::Share(e) => share_message(e, id),
            ChartError::LineOfTable => (
                format!("a table «{id}» is drawn as bars, one group per row; a line is drawn over a series' years"),
                format!("write `{{{{ chart {id} }}}}`"),
            ),
        }
    }
}

fn share_message(e: crate::chart::ShareError, id: &str) -> (String, String) {
    use crate::chart::ShareError;
    let bars = format!("draw it as bars with `{{{{ chart {id} }}}}`");
    match e {
        ShareError::NoColumn => (
            format!("«{id}» has no column with a number in every row to share out"),
            format!("a share chart shows each row's share of the first column where every row (but the total) has a number; {bars}"),
        ),
        ShareError::Negative(label, _) => (
            format!(
                "«{id}» cannot be drawn as shares: row «{}» is below zero, and a share of a total is never negative",
                label.plain("nn", &[])
            ),
            format!("{bars}, or leave the negative rows out of the table"),
        ),
        ShareError::NoTotal(_) => (
            format!("«{id}» cannot be drawn as shares: its rows add up to zero, so there is no total to share"),
            bars,
        ),
    }
}

fn check_chart(a: &Area, d: &directive::Directive, id: &str) -> Option<ChartError> {
    let kind = match d.arg.as_deref() {
        None => crate::chart::Kind::Bars,
        Some(w) => match crate::chart::Kind::parse(w) {
            Some(k) => k,
            None => return Some(ChartError::UnknownKind(w.to_string())),
        },
    };
    let is_num = |c: &super::model::Cell| matches!(c, super::model::Cell::Num(_));
    if let Some(s) = a.series.iter().find(|s| s.id == id) {
        if kind == crate::chart::Kind::Share {
            return Some(ChartError::ShareOfSeries);
        }
        return (!s.points.iter().any(|(_, c)| is_num(c))).then_some(ChartError::NoNumbers);
    }
    if let Some(t) = a.tables.iter().find(|t| t.id == id) {
        if kind == crate::chart::Kind::Line {
            return Some(ChartError::LineOfTable);
        }
        let numbers = t.rows.iter().any(|r| match r {
            super::model::Row::Data { cells, .. } => cells.iter().any(is_num),
            _ => false,
        });
        if !numbers {
            return Some(ChartError::NoNumbers);
        }
        if kind == crate::chart::Kind::Share {
            return crate::chart::share_column(t).err().map(ChartError::Share);
        }
        return None;
    }
    if a.failed_tables.iter().any(|t| t == id) {
        return Some(ChartError::FailedTable);
    }
    Some(ChartError::NoSuch)
}

/// An image needs a text for readers who cannot see it (WCAG 2.1, 1.1.1):
/// `![](kart.png)` gives the page `alt=""`, which tells a screen reader
/// to pass the image by, saying nothing.
fn check_images(doc: &super::model::Doc, diags: &mut Diagnostics) {
    for (line, col, dest) in doc.parsed().images_without_text() {
        let name = dest.rsplit('/').next().unwrap_or(dest);
        diags.push(
            Diagnostic::warning(&doc.path, format!("the image «{name}» has no text for readers who cannot see it"))
                .at(line + doc.body_line, *col)
                .hint(format!(
                    "write what it shows between the brackets, as in `![Kart over …]({dest})`: screen readers read that text aloud"
                )),
        );
    }
}

/// `{{ lang CODE }}` needs a language code and a `{{ /lang }}` after it.
fn check_lang_marks(doc: &super::model::Doc, diags: &mut Diagnostics) {
    let mut open: Option<u32> = None;
    for d in doc.parsed().directives().iter().cloned() {
        let line = d.line + doc.body_line;
        match (&d.kind, d.id.as_deref()) {
            (Kind::Lang, code) => {
                if !code.is_some_and(super::text::is_lang_code) {
                    diags.push(
                        Diagnostic::error(&doc.path, "`{{ lang }}` needs a language code")
                            .at(line, 1)
                            .hint("write `{{ lang nb }}` before the passage and `{{ /lang }}` after it"),
                    );
                }
                if let Some(first) = open {
                    diags.push(
                        Diagnostic::error(&doc.path, "a `{{ lang }}` passage starts inside another one")
                            .at(line, 1)
                            .hint(format!("close the one from line {first} with `{{{{ /lang }}}}` first")),
                    );
                }
                open = Some(line);
            }
            (Kind::EndLang, _) if open.is_none() => diags.push(
                Diagnostic::error(&doc.path, "`{{ /lang }}` closes no passage")
                    .at(line, 1)
                    .hint("a passage starts with `{{ lang nb }}`"),
            ),
            (Kind::EndLang, _) => open = None,
            _ => {}
        }
    }
    if let Some(line) = open {
        diags.push(
            Diagnostic::error(&doc.path, "the `{{ lang }}` passage is never closed")
                .at(line, 1)
                .hint("put `{{ /lang }}` on its own line where the passage ends"),
        );
    }
}
