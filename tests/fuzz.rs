//! A bounded mutation fuzzer over content folders: bytes, YAML structure,
//! Markdown, file names and symbolic links are changed in a copy of a good
//! site, and the pipeline must hold: no panic, no hang, every error names a
//! file (and a line where the problem is inside a text), and a failed
//! `build` leaves output/ as it was.
//!
//! `cargo test` runs a short budget (FUZZ_CASES, default 15, every 8th also
//! through `build`); `scripts/fuzz.sh` runs a long one. A case is reproduced with
//! FUZZ_SEED=N FUZZ_CASES=1. Findings become cases in tests/bad-input/.

mod common;
use common::*;
use planvev::pipeline::{self, Settings};
use planvev::render::NullSink;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A case that takes longer than this is a hang (not a benchmark: cases
/// take milliseconds).
const HANG: Duration = Duration::from_secs(60);

/// xorshift64*: small, seeded, the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const YAML_TOKENS: &[&str] = &[
    "&a ",
    "*a",
    "<<: *a",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\t",
    "~",
    "null",
    "\"1,5\"",
    "1,5",
    "1.234",
    "-",
    "\"",
    "'",
    "#",
    "!!str ",
    "!!binary ",
    "2017-02-31",
    "99999999999999999999999",
    "-0",
    "1e308",
    "NO",
    "yes",
    "? ",
    "|\n  x",
    ">-\n  y",
    "\u{feff}",
    "\u{1b}]0;x\u{7}",
    "total: true",
    "kind: budget",
    "values: []",
    "rows:",
    "targets: {}",
    "baseline: {value: \"5,4\"}",
    "direction: up",
    "%",
    "0301",
    "=HYPERLINK(\"x\")",
    "---\n",
    "...\n",
];

const MD_TOKENS: &[&str] = &[
    "{{ table budsjett }}",
    "{{ goals }}",
    "{{ lang nb }}",
    "{{ /lang }}",
    "{{ chart x }}",
    "{{ section ekstra }}",
    "{{ tabel budsjett }}",
    "{{ goals x }}",
    "```",
    "    ```",
    "``` a`b",
    "~~~",
    "<!--",
    "-->",
    "<pre>",
    "</pre>",
    "---",
    "===",
    "## Status",
    "# Tittel",
    "[x](../y)",
    "[x](%20.pdf?x#y)",
    "[r]: #status",
    "[^1]",
    "[^1]: n",
    "\r",
    "\0",
    "| a |\n|---|",
    "- ",
    "> ",
    "    ",
    "<script>alert(1)</script>",
    "[j](javascript:alert(1))",
    "PLANVEVDIRECTIVE0X",
    "\u{0}0\u{0}",
    "&amp;",
    "\\{{ goals }}",
];

const NAMES: &[&str] = &[
    "index.html",
    "Index.nn.md",
    "index.xx.md",
    "ekstra.nn.md",
    "EKSTRA.nb.md",
    "data.yml",
    "budsjett.csv",
    "bilete.png",
    "med mellomrom.pdf",
    "_utkast.md",
    ".skjult",
    "Bærum",
    "ha\u{30a}",
    "..md",
    "a.b.c.md",
    "index.nn.md~",
];

/// Every file under `root`.
fn files(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

fn dirs(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect()
}

fn with_ext(fs: &[PathBuf], ext: &str) -> Vec<PathBuf> {
    fs.iter()
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .cloned()
        .collect()
}

/// One mutation of the content folder; returns what it did, for the report.
fn mutate(root: &Path, rng: &mut Rng) -> String {
    let all = files(root);
    if all.is_empty() {
        return "nothing to mutate".into();
    }
    match rng.below(7) {
        // Bytes: flip, insert, delete, truncate.
        0 => {
            let f = rng.pick(&all).clone();
            let mut b = fs::read(&f).unwrap_or_default();
            let at = rng.below(b.len() + 1);
            match rng.below(4) {
                0 if !b.is_empty() => {
                    let i = at.min(b.len() - 1);
                    b[i] ^= 1 << rng.below(8);
                }
                1 => b.insert(at, rng.next() as u8),
                2 if at < b.len() => {
                    b.remove(at);
                }
                _ => b.truncate(at),
            }
            let _ = fs::write(&f, b);
            format!("bytes of {}", f.display())
        }
        // YAML structure: a token in, a line doubled, dropped, re-indented.
        1 | 2 => {
            let ys = with_ext(&all, "yaml");
            let Some(f) = (!ys.is_empty()).then(|| rng.pick(&ys).clone()) else {
                return "no yaml".into();
            };
            let text = fs::read_to_string(&f).unwrap_or_default();
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            let i = rng.below(lines.len());
            let what = rng.below(4);
            if lines.is_empty() {
                lines.push(String::new());
            }
            let i = i.min(lines.len() - 1);
            match what {
                0 => {
                    let l = lines[i].clone();
                    lines.insert(i, l);
                }
                1 => {
                    lines.remove(i);
                }
                2 => lines[i] = format!("  {}", lines[i]),
                _ => {
                    let col = rng.below(lines[i].len() + 1);
                    let col = (0..=col).rev().find(|c| lines[i].is_char_boundary(*c)).unwrap_or(0);
                    let token: &&str = rng.pick(YAML_TOKENS);
                    lines[i].insert_str(col, token);
                }
            }
            let _ = fs::write(&f, lines.join("\n") + "\n");
            format!("yaml {} line {} ({what})", f.display(), i + 1)
        }
        // Markdown: a token on a line of its own or inside a line.
        3 | 4 => {
            let ms = with_ext(&all, "md");
            let Some(f) = (!ms.is_empty()).then(|| rng.pick(&ms).clone()) else {
                return "no md".into();
            };
            let text = fs::read_to_string(&f).unwrap_or_default();
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let tok = rng.pick(MD_TOKENS);
            let sep = if rng.below(2) == 0 { "\n" } else { "" };
            let _ = fs::write(&f, format!("{}{sep}{tok}{sep}{}", &text[..at], &text[at..]));
            format!("md {} at {at}: {tok:?}", f.display())
        }
        // File names: rename a file or folder, or add a file.
        5 => {
            let name = rng.pick(NAMES);
            if rng.below(2) == 0 {
                let f = rng.pick(&all).clone();
                let to = f.with_file_name(name);
                let _ = fs::rename(&f, &to);
                format!("renamed {} to {name}", f.display())
            } else {
                let ds = dirs(root);
                let d = rng.pick(&ds).clone();
                let _ = fs::write(d.join(name), "## Status\n\n{{ table budsjett }}\n");
                format!("added {}", d.join(name).display())
            }
        }
        // Symbolic links: out of the folder, to a parent (a loop), dangling.
        _ => {
            let ds = dirs(root);
            let d = rng.pick(&ds).clone();
            let name = rng.pick(&["index.nb.md", "data.yaml", "kart.png", "lenkje", "ekstra.nn.md"]);
            let target = rng.pick(&["/etc/hostname", "..", "../..", "/nonexistent/x", "/"]);
            let link = d.join(name);
            let _ = fs::remove_file(&link);
            let _ = std::os::unix::fs::symlink(target, &link);
            format!("symlink {} -> {target}", link.display())
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).into_iter().filter_map(|e| e.ok()) {
        let t = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&t).unwrap();
        } else {
            fs::copy(e.path(), &t).unwrap();
        }
    }
}

/// Problems with a file as a whole (its name, its kind, its emptiness):
/// these errors rightly have no line. Found by running the fuzzer with no
/// exceptions; everything else inside a text must name its line.
fn whole_file(message: &str) -> bool {
    [
        "is a link to a place outside",
        "is not one of the site's languages",
        "cannot be used as an id",
        "the file is empty",
        "too large",
        "could not be read",
        "has the name of",
    ]
    .iter()
    .any(|w| message.contains(w))
}

/// What one case broke, if anything.
fn run_case(seed: u64, base: &Path, build_too: bool) -> Result<String, String> {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_tree(base, &content);
    let mut rng = Rng::new(seed);
    let mut did = Vec::new();
    for _ in 0..1 + rng.below(3) {
        did.push(mutate(&content, &mut rng));
    }
    let what = did.join("; ");
    let c2 = content.clone();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let r = std::panic::catch_unwind(|| {
            let out = pipeline::run(&c2, &Settings { base_url: None }, &NullSink);
            out.diags.items.clone()
        });
        let _ = tx.send(r);
    });
    let diags = match rx.recv_timeout(HANG) {
        Ok(Ok(d)) => d,
        Ok(Err(_)) => return Err(format!("seed {seed}: panic after {what}")),
        Err(_) => return Err(format!("seed {seed}: no answer in {HANG:?} after {what}")),
    };
    for d in diags.iter().filter(|d| d.severity == planvev::diag::Severity::Error) {
        if d.file.as_os_str().is_empty() {
            return Err(format!("seed {seed}: an error names no file: {d:?} after {what}"));
        }
        let text_file = d.file.is_file() && d.file.extension().is_some_and(|e| e == "yaml" || e == "md");
        if text_file && d.line == 0 && !whole_file(&d.message) {
            return Err(format!(
                "seed {seed}: an error in a text has no line: {d:?} after {what}"
            ));
        }
    }
    if build_too {
        let out = tmp.path().join("output");
        let good = tmp.path().join("good");
        copy_tree(base, &good);
        let first = build_into(&good, &out);
        assert!(first.status.success(), "{}", text(&first));
        let before = snapshot(&out);
        let o = build_into(&content, &out);
        let said = text(&o);
        if said.contains("panicked") {
            return Err(format!("seed {seed}: build panicked after {what}:\n{said}"));
        }
        if !o.status.success() && snapshot(&out) != before {
            return Err(format!(
                "seed {seed}: a failed build changed output/ after {what}:\n{said}"
            ));
        }
    }
    Ok(what)
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn mutated_content_never_panics_hangs_or_loses_the_output() {
    let bases = [
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input/_base"),
        example_content(),
    ];
    let cases = env_num("FUZZ_CASES", 15);
    let first = env_num("FUZZ_SEED", 1);
    // Every Nth case also runs `build` (a process, slower).
    let build_every = env_num("FUZZ_BUILD_EVERY", 8).max(1);
    let start = Instant::now();
    let mut findings = Vec::new();
    for seed in first..first + cases {
        let base = &bases[(seed % 5 == 0) as usize];
        match run_case(seed, base, seed % build_every == 0) {
            Ok(_) => {}
            Err(f) => {
                eprintln!("FINDING {f}");
                findings.push(f);
            }
        }
    }
    eprintln!(
        "fuzz: {cases} inputs from seed {first} in {:.1} s, {} findings",
        start.elapsed().as_secs_f64(),
        findings.len()
    );
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}
