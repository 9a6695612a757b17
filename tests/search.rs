//! Search (issue #13): the example site's index, read from the built
//! files, and the theme's stemmer (static/stem.js) run by Node against
//! planvev's. The browser half (typing, results, sub-path) is in
//! .ci/a11y/search.mjs.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

/// Every page fragment of a language's index, by page number.
fn fragments(out: &Path, lang: &str) -> Vec<Value> {
    let meta = json(&out.join(format!("search/{lang}/meta.json")));
    let n = meta["pages"].as_u64().unwrap();
    (0..n)
        .map(|i| json(&out.join(format!("search/{lang}/p/{i}.json"))))
        .collect()
}

/// The pages a reader should find in `lang`: every page of its folder but
/// the print pages.
fn searched_pages(out: &Path, lang: &str) -> Vec<String> {
    let mut v: Vec<String> = html_files(&out.join(lang))
        .iter()
        .filter(|p| !p.ends_with("print.html"))
        .map(|p| p.strip_prefix(out).unwrap().display().to_string())
        .collect();
    v.sort();
    v
}

/// A shard's file name: its key's UTF-8 in hex.
fn hex(key: &str) -> String {
    if key.is_empty() {
        return "_".into();
    }
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

/// The pages (numbers) whose text has `stem`, read as the browser reads
/// the index: the longest shard key that begins the stem, and the page
/// numbers as differences.
fn pages_with(out: &Path, lang: &str, stem: &str) -> Vec<u64> {
    let meta = json(&out.join(format!("search/{lang}/meta.json")));
    let key = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .filter(|k| stem.starts_with(k))
        .max_by_key(|k| k.len());
    let Some(key) = key else { return Vec::new() };
    let shard = json(&out.join(format!("search/{lang}/w/{}.json", hex(key))));
    let Some(list) = shard.get(stem) else { return Vec::new() };
    let nums: Vec<u64> = list.as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    let mut page = 0;
    nums.chunks(2)
        .map(|pc| {
            page += pc[0];
            page
        })
        .collect()
}

#[test]
fn one_index_per_language_with_every_searched_page_and_nothing_else() {
    let (_tmp, out) = build(&example_content());
    for lang in ["nn", "nb"] {
        let want = searched_pages(&out, lang);
        let got: Vec<String> = fragments(&out, lang)
            .iter()
            .map(|f| f["url"].as_str().unwrap().to_string())
            .collect();
        let mut sorted = got.clone();
        sorted.sort();
        assert_eq!(sorted, want, "the {lang} index");
    }
    // Nothing of Pagefind's is left.
    assert!(!out.join("pagefind").exists());
}

#[test]
fn an_inflected_word_finds_the_page_in_its_own_language_only() {
    let (_tmp, out) = build(&example_content());
    let url = |lang: &str, n: u64| fragments(&out, lang)[n as usize]["url"].as_str().unwrap().to_string();
    let mut stems = planvev::search::words::Stems::default();
    // nn text: "Overgangsbustader"; nb text: "Overgangsboliger".
    for (lang, query, page) in [
        ("nn", "overgangsbustaden", "nn/klepp/barnevern/index.html"),
        ("nb", "overgangsboligen", "nb/klepp/barnevern/index.html"),
        ("nn", "barnevernet", "nn/klepp/barnevern/index.html"),
        ("nb", "barnevernet", "nb/klepp/barnevern/index.html"),
    ] {
        let found: Vec<String> = pages_with(&out, lang, stems.stem(query))
            .into_iter()
            .map(|n| url(lang, n))
            .collect();
        assert!(found.iter().any(|u| u == page), "{lang} «{query}»: {found:?}");
        assert!(found.iter().all(|u| u.starts_with(&format!("{lang}/"))), "{found:?}");
    }
    for (lang, query) in [("nn", "overgangsboliger"), ("nb", "overgangsbustader"), ("nb", "ikkje")] {
        assert!(pages_with(&out, lang, stems.stem(query)).is_empty(), "{lang} «{query}»");
    }
}

#[test]
fn results_know_their_municipality_title_and_headings() {
    let (_tmp, out) = build(&example_content());
    for lang in ["nn", "nb"] {
        for f in fragments(&out, lang) {
            let url = f["url"].as_str().unwrap();
            // Relative to the site root, so the site works under any path.
            assert!(url.starts_with(&format!("{lang}/")), "{url}");
            let page = read_html(&out.join(url));
            let h1 = all_text(&scraper::Html::parse_fragment(
                &page.select(&sel("h1")).next().unwrap().html(),
            ));
            let title = f["title"].as_str().unwrap();
            assert!(
                !title.is_empty() && h1.contains(title),
                "{url}: title {title:?} not in h1 {h1:?}"
            );
            if url.matches('/').count() >= 2 {
                let muni = f["municipality"].as_str().unwrap_or_else(|| panic!("{url}: {f}"));
                assert!(h1.contains(muni), "{url}: {muni:?}");
            }
            // Every heading a result can link to is on the page.
            for s in f["sections"].as_array().unwrap() {
                if let Some(id) = s["anchor"].as_str() {
                    let q = format!("[id=\"{id}\"]");
                    assert!(page.select(&sel(&q)).next().is_some(), "{url}#{id}");
                }
            }
        }
    }
    let area = fragments(&out, "nn")
        .into_iter()
        .find(|f| f["url"] == "nn/klepp/barnevern/index.html")
        .unwrap();
    assert_eq!(area["title"], "Barnevern");
    assert_eq!(area["municipality"], "Klepp");
    let status = area["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["anchor"] == "status");
    let status = status.unwrap_or_else(|| panic!("{area}"));
    assert!(
        status["text"].as_str().unwrap().contains("Overgangsbustader"),
        "{status}"
    );
    // Row labels are searched; the figures in planvev's number cells and
    // the chart drawings that repeat them are not.
    let social = fragments(&out, "nn")
        .into_iter()
        .find(|f| f["url"] == "nn/klepp/sosiale-tenester/index.html")
        .unwrap()
        .to_string();
    assert!(
        social.contains("Gjennomsnittleg utbetaling per stønadsmånad"),
        "{social}"
    );
    assert!(!social.contains("9\u{a0}632") && !social.contains("9 632"), "{social}");
}

#[test]
fn a_page_shown_in_the_other_language_says_so_in_its_results() {
    let (_tmp, out) = build(&example_content());
    let find = |lang: &str, url: &str| fragments(&out, lang).into_iter().find(|f| f["url"] == url).unwrap();
    // Stavanger's priorities are written only in bokmål.
    let nn = find("nn", "nn/stavanger/nav-kontorene/index.html");
    assert_eq!(nn["fallback"], "Teksten finst berre på bokmål", "{nn}");
    let nb = find("nb", "nb/stavanger/nav-kontorene/index.html");
    assert!(nb.get("fallback").is_none(), "{nb}");
    // The notice itself is not what a reader finds.
    assert!(!nn["sections"].to_string().contains("berre på bokmål"), "{nn}");
    for lang in ["nn", "nb"] {
        for f in fragments(&out, lang) {
            let url = f["url"].as_str().unwrap();
            assert!(
                f.get("fallback").is_none() || url.starts_with("nn/stavanger/nav-kontorene"),
                "{url}"
            );
        }
    }
}

/// Node runs the theme's stem.js on every word of the example site's
/// pages; each stem must be planvev's, or a reader's query would miss.
#[test]
fn the_browser_stems_every_word_as_the_index_does() {
    let (_tmp, out) = build(&example_content());
    let mut words = std::collections::BTreeSet::new();
    for page in html_files(&out) {
        let html = std::fs::read_to_string(&page).unwrap();
        let doc = planvev::search::extract::extract(&html);
        let texts = std::iter::once(doc.title.clone())
            .chain(doc.sections.iter().flat_map(|s| [s.title.clone(), s.text.clone()]));
        for t in texts {
            words.extend(planvev::search::words::words(&t).map(str::to_lowercase));
        }
    }
    // Inflections a reader types that the site may not have.
    words.extend(
        [
            "tenesta",
            "tjenestene",
            "barnevernet",
            "kommunane",
            "hovudmålet",
            "skapers",
            "haversa",
            "øst",
            "ås",
            "bygdt",
        ]
        .map(String::from),
    );
    assert!(words.len() > 2000, "{} words", words.len());
    let list = words.iter().cloned().collect::<Vec<_>>().join("\n");
    let stem_js = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/stem.js");
    let script = format!(
        "import {{ stem }} from {:?}; let s = ''; process.stdin.on('data', (d) => s += d); \
         process.stdin.on('end', () => process.stdout.write(s.split('\\n').map(stem).join('\\n')));",
        url_of(&stem_js)
    );
    let mut node = std::process::Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node (CI installs it): the theme's stemmer runs in it");
    use std::io::Write;
    node.stdin.take().unwrap().write_all(list.as_bytes()).unwrap();
    let o = node.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let js = String::from_utf8(o.stdout).unwrap();
    let mut stems = planvev::search::words::Stems::default();
    let wrong: Vec<String> = words
        .iter()
        .zip(js.split('\n'))
        .map(|(w, j)| (w, stems.stem(w).to_string(), j))
        .filter(|(_, rust, j)| rust != j)
        .map(|(w, rust, j)| format!("{w}: planvev {rust} stem.js {j}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {} differ: {wrong:#?}",
        wrong.len(),
        words.len()
    );
}

fn url_of(p: &Path) -> String {
    format!("file://{}", p.display())
}

#[test]
fn the_field_is_on_every_searched_page_hidden_until_the_script_shows_it() {
    let (_tmp, out) = build(&example_content());
    for lang in ["nn", "nb"] {
        for p in searched_pages(&out, lang) {
            let doc = read_html(&out.join(&p));
            let form = doc.select(&sel("form.site-search[role=search][hidden]")).next();
            let form = form.unwrap_or_else(|| panic!("{p}: no hidden search form"));
            let input = form.select(&sel("input[type=search]")).next().unwrap();
            let id = input.value().attr("id").unwrap();
            let label = form.select(&sel(&format!("label[for=\"{id}\"]"))).next().unwrap();
            assert_eq!(label.text().collect::<String>(), "Søk i planen");
            assert!(form.select(&sel("[role=status]")).next().is_some(), "{p}");
            assert!(doc.select(&sel("main[data-search-body]")).next().is_some(), "{p}");
            let script = doc.select(&sel("script[type=module]")).next().unwrap();
            let src = script.value().attr("src").unwrap();
            let target = out.join(&p).parent().unwrap().join(src);
            assert!(target.is_file(), "{p}: {src}");
        }
    }
    // Print pages, the language choice and the 404 page have no field.
    for p in ["index.html", "404.html", "nn/klepp/print.html"] {
        let doc = read_html(&out.join(p));
        assert!(doc.select(&sel(".site-search")).next().is_none(), "{p}");
    }
    // Messages in the page's own language.
    let nb = read_html(&out.join("nb/index.html"));
    let form = nb.select(&sel("form.site-search")).next().unwrap();
    assert_eq!(form.value().attr("data-busy"), Some("Søker …"));
    let nn = read_html(&out.join("nn/index.html"));
    let form = nn.select(&sel("form.site-search")).next().unwrap();
    assert_eq!(form.value().attr("data-busy"), Some("Søkjer …"));
}

#[test]
fn the_same_content_gives_the_same_index_byte_for_byte() {
    let (_a, one) = build(&example_content());
    let (_b, two) = build(&example_content());
    assert_eq!(snapshot(&one.join("search")), snapshot(&two.join("search")));
}

#[test]
fn check_makes_no_index_and_says_nothing_about_search() {
    let o = check(&example_content());
    assert!(o.status.success(), "{}", text(&o));
    assert!(!text(&o).to_lowercase().contains("search"), "{}", text(&o));
}
