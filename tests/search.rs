//! Search (issue #13): the example site's Pagefind index, read from the
//! built files. The browser half (typing, stemming, results, sub-path) is
//! in .ci/a11y/check.mjs.

mod common;
use common::*;
use serde_json::Value;
use std::io::Read;
use std::path::Path;

/// A Pagefind file: gzip around "pagefind_dcd" and the payload.
fn unpack(path: &Path) -> Vec<u8> {
    let gz = std::fs::read(path).unwrap();
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut out).unwrap();
    match out.strip_prefix(b"pagefind_dcd") {
        Some(rest) => rest.to_vec(),
        None => out,
    }
}

/// Every page fragment of the index: (language, fragment JSON).
fn fragments(out: &Path) -> Vec<(String, Value)> {
    let dir = out.join("pagefind/fragment");
    let mut v: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let lang = name.split('_').next().unwrap().to_string();
            (lang, serde_json::from_slice(&unpack(&p)).unwrap())
        })
        .collect();
    v.sort_by(|a, b| a.1["url"].as_str().cmp(&b.1["url"].as_str()));
    v
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

#[test]
fn one_index_per_language_with_every_searched_page_and_nothing_else() {
    let (_tmp, out) = build(&example_content());
    let entry: Value =
        serde_json::from_slice(&std::fs::read(out.join("pagefind/pagefind-entry.json")).unwrap()).unwrap();
    let langs = entry["languages"].as_object().unwrap();
    assert_eq!(langs.keys().collect::<Vec<_>>(), ["nb", "nn"], "{entry}");
    assert!(out.join("pagefind/pagefind.js").is_file());
    let frags = fragments(&out);
    for lang in ["nn", "nb"] {
        let want = searched_pages(&out, lang);
        let got: Vec<String> = frags
            .iter()
            .filter(|(l, _)| l == lang)
            .map(|(_, f)| f["url"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(got, want, "the {lang} index");
        assert_eq!(langs[lang]["page_count"].as_u64(), Some(want.len() as u64));
        assert!(out.join(format!("pagefind/wasm.{lang}.pagefind")).is_file());
    }
    // Pagefind's own UIs are not published: the theme has its own.
    assert!(!out.join("pagefind/pagefind-ui.js").exists());
}

#[test]
fn results_know_their_municipality_title_and_headings() {
    let (_tmp, out) = build(&example_content());
    for (lang, f) in fragments(&out) {
        let url = f["url"].as_str().unwrap();
        // Relative to the site root, so the site works under any path.
        assert!(url.starts_with(&format!("{lang}/")), "{url}");
        let page = read_html(&out.join(url));
        let h1 = all_text(&Html::from(page.select(&sel("h1")).next().unwrap()));
        let title = f["meta"]["title"].as_str().unwrap();
        assert!(
            !title.is_empty() && h1.contains(title),
            "{url}: title {title:?} not in h1 {h1:?}"
        );
        let depth = url.matches('/').count();
        if depth >= 2 {
            let muni = f["meta"]["municipality"]
                .as_str()
                .unwrap_or_else(|| panic!("{url}: {f}"));
            assert!(h1.contains(muni), "{url}: {muni:?}");
        }
        // Every heading a result can link to is on the page.
        for a in f["anchors"].as_array().unwrap() {
            let id = a["id"].as_str().unwrap();
            let s = format!("[id=\"{id}\"]");
            assert!(page.select(&sel(&s)).next().is_some(), "{url}#{id}");
        }
    }
    let area = fragments(&out)
        .into_iter()
        .find(|(_, f)| f["url"] == "nn/klepp/barnevern/index.html")
        .unwrap()
        .1;
    assert_eq!(area["meta"]["title"], "Barnevern");
    assert_eq!(area["meta"]["municipality"], "Klepp");
    assert!(area["anchors"].as_array().unwrap().iter().any(|a| a["id"] == "status"));
}

struct Html;
impl Html {
    fn from(e: scraper::ElementRef) -> scraper::Html {
        scraper::Html::parse_fragment(&e.html())
    }
}

#[test]
fn a_page_shown_in_the_other_language_says_so_in_its_results() {
    let (_tmp, out) = build(&example_content());
    let frags = fragments(&out);
    let find = |url: &str| frags.iter().find(|(_, f)| f["url"] == url).unwrap().1.clone();
    // Stavanger's priorities are written only in bokmål.
    let nn = find("nn/stavanger/nav-kontorene/index.html");
    assert_eq!(nn["meta"]["fallback"], "Teksten finst berre på bokmål", "{nn}");
    let nb = find("nb/stavanger/nav-kontorene/index.html");
    assert!(nb["meta"].get("fallback").is_none(), "{nb}");
    // The notice itself is not what a reader finds.
    assert!(!nn["content"].as_str().unwrap().contains("berre på bokmål"));
    assert!(frags.iter().all(|(_, f)| f["meta"].get("fallback").is_none()
        || f["url"].as_str().unwrap().starts_with("nn/stavanger/nav-kontorene")));
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
            assert!(doc.select(&sel("main[data-pagefind-body]")).next().is_some(), "{p}");
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
    assert_eq!(snapshot(&one.join("pagefind")), snapshot(&two.join("pagefind")));
}

#[test]
fn check_makes_no_index_and_says_nothing_about_search() {
    let o = planvev(&["check", "--content", example_content().to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(!text(&o).to_lowercase().contains("pagefind"), "{}", text(&o));
}
